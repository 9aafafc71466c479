//! Numbering: numbers as printed must be unique, run without gaps, and an activity's number
//! must start with the number of the goal it serves.
//!
//! A source that prints goals in two tables numbers them in each (recorded with `printed`
//! variants, see [`crate::model::Printed`]): every table's numbering is checked on its own, with
//! the entities that table lists and the numbers it gives them, so merging two numberings into
//! one list never reads as a duplicate or a gap. An activity's number is compared with its
//! goal's number in the plan's own table. Activities misnumbered by one shift of the goal
//! numbers are one finding, not one per activity.

use std::collections::{BTreeMap, HashMap};

use super::{Index, at, norm_number};
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::Lang;
use crate::model::{Printed, Programme, Sp, number_in, tables};
use crate::tr;

/// An entity kind's genitive in Latvian: „mērķa numurs”.
fn genitive(kind: &str) -> &'static str {
    match kind {
        "goal" => "mērķa",
        "indicator" => "rādītāja",
        "activity" => "aktivitātes",
        "event" => "uzraudzības notikuma",
        _ => "vienības",
    }
}

/// An entity kind's dative in Latvian: „mērķim `g1` ir tas pats numurs”.
fn dative(kind: &str) -> &'static str {
    match kind {
        "goal" => "mērķim",
        "indicator" => "rādītājam",
        "activity" => "aktivitātei",
        "event" => "uzraudzības notikumam",
        _ => "vienībai",
    }
}

/// Whose numbering a gap is in: `goal` / „mērķu numerācijā”.
struct Sequence {
    en: String,
    lv: String,
}

impl Sequence {
    fn of(kind: &str) -> Self {
        let lv = match kind {
            "goal" => "mērķu",
            "indicator" => "rādītāju",
            "activity" => "aktivitāšu",
            "event" => "uzraudzības notikumu",
            _ => "vienību",
        };
        Sequence {
            en: kind.to_string(),
            lv: format!("{lv} numerācijā"),
        }
    }
}

/// A numbered entity: its number in one table, the number's path, the entity.
type Numbered<'a> = (&'a Sp<String>, String, Entity);

/// What numbering needs of one entity: number, id, title, printed variants.
type Parts<'a> = (
    &'a Option<Sp<String>>,
    &'a Sp<String>,
    &'a Sp<String>,
    &'a [Printed],
);

/// The numbers `table` gives a list of entities, with their paths and entities.
fn numbered<'a, T>(
    list: &'a [T],
    key: &str,
    kind: &'static str,
    table: Option<&str>,
    parts: impl Fn(&'a T) -> Parts<'a>,
) -> Vec<Numbered<'a>> {
    list.iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let (own, id, title, printed) = parts(x);
            let number = number_in(printed, own.as_ref(), table)??;
            let path = match printed
                .iter()
                .position(|p| p.number.as_ref().is_some_and(|n| std::ptr::eq(n, number)))
            {
                Some(k) => at(key, i, &format!("printed[{k}].number")),
                None => at(key, i, "number"),
            };
            Some((number, path, Entity::new(kind, id, Some(title))))
        })
        .collect()
}

/// ` in table „2.3.”` / ` tabulā „2.3.”` for a table other than the part's own.
fn in_table(table: Option<&str>, home: Option<&str>) -> (String, String) {
    match table {
        Some(t) if Some(t) != home => (format!(" in table „{t}”"), format!(" tabulā „{t}”")),
        _ => (String::new(), String::new()),
    }
}

/// Unique numbers and no gaps, in every table that numbers this list.
fn every_table<'a, T>(
    list: &'a [T],
    key: &str,
    kind: &'static str,
    home: Option<&'a Sp<String>>,
    parts: impl Fn(&'a T) -> Parts<'a> + Copy,
    sink: &mut Sink,
) {
    let home = home.map(|h| h.value.as_str());
    // A duplicate or gap another table already has is the same defect: reported once.
    let mut seen: Vec<(Code, String, String)> = Vec::new();
    for table in tables(home, list.iter().map(|x| parts(x).3)) {
        let items = numbered(list, key, kind, table, parts);
        let where_ = in_table(table, home);
        let mut found = Sink::default();
        unique(kind, &where_, &items, &mut found);
        gaps(&Sequence::of(kind), &where_, &items, &mut found);
        for d in found.diagnostics {
            let entity = d.entity.as_ref().map(|e| e.id.clone()).unwrap_or_default();
            let same = (d.code, entity, d.message.en.replace(&where_.0, ""));
            if !seen.contains(&same) {
                seen.push(same);
                sink.push(d);
            }
        }
    }
}

pub fn check(p: &Programme, ix: &Index<'_>, sink: &mut Sink) {
    if let Some(f) = &p.goals {
        every_table(
            &f.goals,
            "goals",
            "goal",
            f.printed_in.as_ref(),
            |g| (&g.number, &g.id, &g.title, &g.printed),
            sink,
        );
    }
    if let Some(f) = &p.indicators {
        every_table(
            &f.indicators,
            "indicators",
            "indicator",
            f.printed_in.as_ref(),
            |x| (&x.number, &x.id, &x.title, &x.printed),
            sink,
        );
    }
    if let Some(f) = &p.monitoring {
        every_table(
            &f.events,
            "events",
            "event",
            None,
            |x| (&x.number, &x.id, &x.title, &[]),
            sink,
        );
    }
    if let Some(f) = &p.plan {
        let table = f
            .numbered_in
            .as_ref()
            .or(f.printed_in.as_ref())
            .map(|t| t.value.as_str());
        let items = numbered(&f.activities, "activities", "activity", table, |a| {
            (&a.number, &a.id, &a.title, &a.printed)
        });
        let none = (String::new(), String::new());
        unique("activity", &none, &items, sink);
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
            let sequence = Sequence {
                en: format!("activity under {prefix}."),
                // Under a goal's number (`2.`): „zem 2. mērķa”; deeper: „zem 2.1.”.
                lv: if prefix.contains('.') {
                    format!("aktivitāšu numerācijā zem {prefix}.")
                } else {
                    format!("aktivitāšu numerācijā zem {prefix}. mērķa")
                },
            };
            gaps(&sequence, &none, &refs, sink);
        }
        activity_under_wrong_goal(p, ix, table, sink);
        duplicate_activity_title(p, sink);
    }
}

/// `duplicate-activity-title`: two activities under one goal with the same title, so a
/// reader (and the annual report) cannot tell them apart.
///
/// Each title is normalised once (whitespace runs folded, lowercased) and the first activity
/// with each (goal, title) key is found by one map look-up, not by comparing every pair.
fn duplicate_activity_title(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.plan else { return };
    let keys: Vec<(&str, String)> = f
        .activities
        .iter()
        .map(|a| {
            let mut title = String::with_capacity(a.title.value.len());
            for (k, word) in a.title.value.split_whitespace().enumerate() {
                if k > 0 {
                    title.push(' ');
                }
                title.push_str(word);
            }
            (a.goal.value.as_str(), title.to_lowercase())
        })
        .collect();
    // The first activity with each key.
    let mut first_of: HashMap<&(&str, String), usize> = HashMap::with_capacity(keys.len());
    for (i, a) in f.activities.iter().enumerate() {
        let k = &keys[i];
        let first = *first_of.entry(k).or_insert(i);
        // An unnumbered activity right after one with its title is a continuation row of a
        // merged cell (one activity, two rows of results), not a second activity.
        if a.number.is_none() && i > 0 && keys[i - 1] == *k {
            continue;
        }
        if first == i {
            continue;
        }
        let first = &f.activities[first];
        sink.push(
            Diagnostic::new(
                Code::DuplicateActivityTitle,
                a.title.loc,
                tr!(
                    en(
                        "activity „{}” is listed twice under goal `{}`",
                        a.title.value, a.goal.value
                    ),
                    lv(
                        "aktivitāte „{}” mērķim `{}` norādīta divreiz",
                        a.title.value, a.goal.value
                    ),
                ),
            )
            .path(at("activities", i, "title"))
            .entity(Entity::new("activity", &a.id, Some(&a.title)))
            .help(tr!(
                en(
                    "activity `{}` at line {} has the same title; merge them or tell them apart",
                    first.id.value, first.title.loc.line
                ),
                lv(
                    "aktivitātei `{}` {}. rindā ir tāds pats nosaukums; apvienojiet tās vai nosauciet atšķirīgi",
                    first.id.value, first.title.loc.line
                ),
            )),
        );
    }
}

/// An activity numbered under one goal that serves another.
struct Misnumbered<'a> {
    index: usize,
    number: &'a Sp<String>,
    prefix: String,
    goal_number: String,
    goal_title: &'a str,
    entity: Entity,
}

/// `activity-under-wrong-goal`: an activity whose number starts with another goal's number
/// than the one it serves (in the plan's table). Activities that are all off by the same
/// shift of goal numbers (4.x serving goal 3., 5.x serving goal 4.) share one cause and are
/// one finding, at the first of them, listing them all.
fn activity_under_wrong_goal(p: &Programme, ix: &Index<'_>, table: Option<&str>, sink: &mut Sink) {
    let Some(f) = &p.plan else { return };
    let mut wrong = Vec::new();
    for (i, a) in f.activities.iter().enumerate() {
        let (Some(n), Some(goal)) = (&a.number, ix.goals.get(a.goal.value.as_str())) else {
            continue;
        };
        let Some(Some(gn)) = number_in(&goal.printed, goal.number.as_ref(), table) else {
            continue;
        };
        let norm = norm_number(&n.value);
        let Some((prefix, _)) = norm.split_once('.') else {
            continue;
        };
        let gnorm = norm_number(&gn.value);
        if prefix != gnorm {
            wrong.push(Misnumbered {
                index: i,
                number: n,
                prefix: prefix.to_string(),
                goal_number: gnorm,
                goal_title: &goal.title.value,
                entity: Entity::new("activity", &a.id, Some(&a.title)),
            });
        }
    }
    let shift = |m: &Misnumbered| -> Option<i64> {
        Some(m.prefix.parse::<i64>().ok()? - m.goal_number.parse::<i64>().ok()?)
    };
    // A goal is renumbered when every numbered activity it has is off by the same shift.
    let renumbered_goal = |goal: &str, s: i64| {
        f.activities
            .iter()
            .enumerate()
            .filter(|(_, a)| a.goal.value == goal && a.number.is_some())
            .all(|(i, _)| wrong.iter().any(|m| m.index == i && shift(m) == Some(s)))
    };
    let mut by_shift: BTreeMap<i64, Vec<&Misnumbered>> = BTreeMap::new();
    let mut single = Vec::new();
    for m in &wrong {
        let goal = &f.activities[m.index].goal.value;
        match shift(m) {
            Some(s) if renumbered_goal(goal, s) => by_shift.entry(s).or_default().push(m),
            _ => single.push(m),
        }
    }
    for (_, group) in by_shift {
        if group.len() == 1 {
            single.extend(group);
            continue;
        }
        let first = group[0];
        let mut goals: Vec<String> = Vec::new();
        let mut goals_lv: Vec<String> = Vec::new();
        for m in &group {
            let g = format!("{}. as {}.", m.goal_number, m.prefix);
            if !goals.contains(&g) {
                goals.push(g);
                goals_lv.push(format!("{}. mērķi kā {}.", m.goal_number, m.prefix));
            }
        }
        let n = group.len();
        let numbers: Vec<&str> = group.iter().map(|m| m.number.value.as_str()).collect();
        sink.push(
            Diagnostic::new(
                Code::ActivityUnderWrongGoal,
                first.number.loc,
                tr!(
                    en(
                        "{n} activities are numbered under the wrong goal, all shifted alike: the plan numbers goal {}",
                        goals.join(", goal ")
                    ),
                    lv(
                        "{n} {} zem cita mērķa, visām ar vienādu nobīdi: plāns numurē {}",
                        Lang::Lv.plural(n, "aktivitāte numurēta", "aktivitātes numurētas"),
                        goals_lv.join(", ")
                    ),
                ),
            )
            .path(at("activities", first.index, "number"))
            .entity(first.entity.clone())
            .help(tr!(
                en(
                    "activities {}; one renumbering of the plan's goals explains them all: number the activities by \
                     the goals they serve, or record how the plan's table numbers the goals (`printed`)",
                    numbers.join(", ")
                ),
                lv(
                    "aktivitātes {}; tās visas izskaidro viena plāna mērķu pārnumurēšana: numurējiet aktivitātes pēc \
                     mērķiem, kuriem tās kalpo, vai pierakstiet, kā plāna tabula numurē mērķus (`printed`)",
                    numbers.join(", ")
                ),
            )),
        );
    }
    single.sort_by_key(|m| m.index);
    for m in single {
        sink.push(
            Diagnostic::new(
                Code::ActivityUnderWrongGoal,
                m.number.loc,
                tr!(
                    en(
                        "activity {} is numbered under goal {}., but serves goal {}. „{}”",
                        m.number.value,
                        m.prefix,
                        m.goal_number,
                        m.goal_title
                    ),
                    lv(
                        "aktivitāte {} numurēta zem {}. mērķa, bet kalpo {}. mērķim „{}”",
                        m.number.value,
                        m.prefix,
                        m.goal_number,
                        m.goal_title
                    ),
                ),
            )
            .path(at("activities", m.index, "number"))
            .entity(m.entity.clone())
            .help(tr!(
                en(
                    "number it {}.N, or set `goal:` to the goal numbered {}.",
                    m.goal_number,
                    m.prefix
                ),
                lv(
                    "numurējiet to kā {}.N vai laukā `goal:` norādiet mērķi ar numuru {}.",
                    m.goal_number,
                    m.prefix
                ),
            )),
        );
    }
}

/// `where_`: the table in both languages (see [`in_table`]).
fn unique(kind: &str, where_: &(String, String), items: &[Numbered<'_>], sink: &mut Sink) {
    let (where_, where_lv) = where_;
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
                    tr!(
                        en("{kind} number {} is used twice{where_}", n.value),
                        lv("{} numurs {}{where_lv} lietots divreiz", genitive(kind), n.value),
                    ),
                )
                .path(path)
                .entity(e.clone())
                .help(tr!(
                    en(
                        "{} `{}` at line {} has the same number; renumber one of them",
                        fe.kind,
                        fe.id,
                        fnum.loc.line
                    ),
                    lv(
                        "{} `{}` {}. rindā ir tas pats numurs; pārnumurējiet vienu no tiem",
                        dative(fe.kind),
                        fe.id,
                        fnum.loc.line
                    ),
                )),
            ),
            None => {
                first.insert(key, item);
            }
        }
    }
}

/// Reports numbers missing from 1..=max of the last numeric component.
fn gaps(sequence: &Sequence, where_: &(String, String), items: &[Numbered<'_>], sink: &mut Sink) {
    let (where_, where_lv) = where_;
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
            let (missing, missing_lv) = if *n == expected + 1 {
                (format!("{expected}"), format!("izlaists numurs {expected}"))
            } else {
                (
                    format!("{expected}–{}", n - 1),
                    format!("izlaisti numuri {expected}–{}", n - 1),
                )
            };
            let kind = &sequence.en;
            sink.push(
                Diagnostic::new(
                    Code::NumberGap,
                    num.loc,
                    tr!(
                        en("{kind} numbering skips {missing} before {}{where_}", num.value),
                        lv("{}{where_lv} {missing_lv} pirms {}", sequence.lv, num.value),
                    ),
                )
                .path(path)
                .entity(e.clone())
                .help(tr!(
                    en("number the sequence without gaps, or add the missing item"),
                    lv("numurējiet secīgi bez izlaidumiem vai pievienojiet trūkstošo vienību"),
                )),
            );
        }
        expected = expected.max(n + 1);
    }
}
