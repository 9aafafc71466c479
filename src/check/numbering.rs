//! Numbering: numbers as printed must be unique, run without gaps, and an activity's number
//! must start with the number of the goal it serves.

use std::collections::{BTreeMap, HashMap};

use super::{Index, at, norm_number};
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::model::{Programme, Sp};

/// The printed numbers of one list of entities, with their paths and entities.
fn numbered<'a, T>(
    list: &'a [T],
    key: &str,
    kind: &'static str,
    parts: impl Fn(&'a T) -> (&'a Option<Sp<String>>, &'a Sp<String>, &'a Sp<String>),
) -> Vec<Numbered<'a>> {
    list.iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let (number, id, title) = parts(x);
            number
                .as_ref()
                .map(|n| (n, at(key, i, "number"), Entity::new(kind, id, Some(title))))
        })
        .collect()
}

pub fn check(p: &Programme, ix: &Index<'_>, sink: &mut Sink) {
    if let Some(f) = &p.goals {
        let items = numbered(&f.goals, "goals", "goal", |g| (&g.number, &g.id, &g.title));
        unique("goal", &items, sink);
        gaps("goal", &items, sink);
    }
    if let Some(f) = &p.indicators {
        let items = numbered(&f.indicators, "indicators", "indicator", |x| {
            (&x.number, &x.id, &x.title)
        });
        unique("indicator", &items, sink);
        gaps("indicator", &items, sink);
    }
    if let Some(f) = &p.monitoring {
        let items = numbered(&f.events, "events", "event", |x| (&x.number, &x.id, &x.title));
        unique("event", &items, sink);
        gaps("event", &items, sink);
    }
    if let Some(f) = &p.plan {
        let items = numbered(&f.activities, "activities", "activity", |a| {
            (&a.number, &a.id, &a.title)
        });
        unique("activity", &items, sink);
        // Gaps within each goal's sequence: "1.1.", "1.2.", "1.4." misses "1.3.".
        let mut by_prefix: BTreeMap<String, Vec<_>> = BTreeMap::new();
        for (n, path, e) in &items {
            let norm = norm_number(&n.value);
            if let Some((prefix, last)) = norm.rsplit_once('.') {
                let synthetic = Sp::new(last.to_string(), n.loc);
                by_prefix
                    .entry(prefix.to_string())
                    .or_default()
                    .push((synthetic, path.clone(), e.clone()));
            }
        }
        for (prefix, list) in by_prefix {
            let refs: Vec<_> = list.iter().map(|(n, p, e)| (n, p.clone(), e.clone())).collect();
            gaps(&format!("activity under {prefix}."), &refs, sink);
        }
        for (i, a) in f.activities.iter().enumerate() {
            let (Some(n), Some(goal)) = (&a.number, ix.goals.get(a.goal.value.as_str())) else {
                continue;
            };
            let Some(gn) = &goal.number else { continue };
            let norm = norm_number(&n.value);
            let Some((prefix, _)) = norm.split_once('.') else {
                continue;
            };
            let gnorm = norm_number(&gn.value);
            if prefix != gnorm {
                sink.push(
                    Diagnostic::new(
                        Code::ActivityUnderWrongGoal,
                        n.loc,
                        format!(
                            "activity {} is numbered under goal {prefix}., but serves goal {gnorm}. „{}”",
                            n.value, goal.title.value
                        ),
                    )
                    .path(at("activities", i, "number"))
                    .entity(Entity::new("activity", &a.id, Some(&a.title)))
                    .help(format!(
                        "number it {gnorm}.N, or set `goal:` to the goal numbered {prefix}."
                    )),
                );
            }
        }
    }
}

type Numbered<'a> = (&'a Sp<String>, String, Entity);

fn unique(kind: &str, items: &[Numbered<'_>], sink: &mut Sink) {
    let mut first: HashMap<String, &Numbered<'_>> = HashMap::new();
    for item in items {
        let (n, path, e) = item;
        let key = norm_number(&n.value);
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some((fnum, _, fe)) => sink.push(
                Diagnostic::new(
                    Code::DuplicateNumber,
                    n.loc,
                    format!("{kind} number {} is used twice", n.value),
                )
                .path(path)
                .entity(e.clone())
                .help(format!(
                    "{} `{}` at line {} has the same number; renumber one of them",
                    fe.kind, fe.id, fnum.loc.line
                )),
            ),
            None => {
                first.insert(key, item);
            }
        }
    }
}

/// Reports numbers missing from 1..=max of the last numeric component.
fn gaps(kind: &str, items: &[Numbered<'_>], sink: &mut Sink) {
    let mut nums: Vec<(u32, &Numbered<'_>)> = items
        .iter()
        .filter_map(|it| {
            let norm = norm_number(&it.0.value);
            let last = norm.rsplit('.').next()?;
            last.parse::<u32>().ok().map(|n| (n, it))
        })
        .collect();
    if nums.is_empty() {
        return;
    }
    nums.sort_by_key(|(n, _)| *n);
    let mut expected = 1u32;
    for (n, (num, path, e)) in &nums {
        if *n > expected {
            let missing = if *n == expected + 1 {
                format!("{expected}")
            } else {
                format!("{expected}–{}", n - 1)
            };
            sink.push(
                Diagnostic::new(
                    Code::NumberGap,
                    num.loc,
                    format!("{kind} numbering skips {missing} before {}", num.value),
                )
                .path(path)
                .entity(e.clone())
                .help("number the sequence without gaps, or add the missing item"),
            );
        }
        expected = expected.max(n + 1);
    }
}
