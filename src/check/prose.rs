//! `comma-split`: a sentence that a flow-style list (`[…, …]`) cut in two at a comma.
//!
//! In YAML `results: [Sagatavoti mentori, kas sniedz atbalstu]` is a list of two items, and
//! every document prints two results. Latvian prose is full of commas, so a prose list written
//! in flow style is a trap: the rule looks at the prose lists (expected results, notes,
//! responsibilities, achievements) and reports an item that sits on the same line as the one
//! before it (so the list is in flow style) and reads as the rest of that item's sentence: it
//! starts with a word that continues a clause („kas”, „un”, „lai” …), or with a lower-case
//! letter in a list whose first item starts with a capital. Every prose list of every part is
//! read: expected results, notes (the programme's, the situation tables', the indicators', the
//! plan's, the results'), responsibilities, the report template, achievements, and the
//! resource plan's human, support and financial resources („lektori, kas apmāca pedagogus”).
//! Lists of names (responsible, involved, executing and supervising bodies, funding sources,
//! goal and indicator ids) are not prose and are left alone: a funding source such as
//! „Finansējuma piesaiste no ES projektiem, nacionāla mēroga atbalsta programmām” names two.

use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::model::{Programme, Sp};
use crate::tr;

/// Words that begin the rest of a clause, not a new item.
const CONTINUING: &[&str] = &[
    "kas",
    "kam",
    "ko",
    "kur",
    "kurš",
    "kura",
    "kuri",
    "kuras",
    "kuru",
    "kurā",
    "kurās",
    "kuros",
    "un",
    "vai",
    "bet",
    "taču",
    "tomēr",
    "lai",
    "ka",
    "kā",
    "jo",
    "ja",
    "kamēr",
    "līdz",
    "arī",
    "tai",
    "t.sk.",
    "piemēram",
    "tostarp",
    "ieskaitot",
    "which",
    "who",
    "that",
    "and",
    "or",
    "but",
];

/// Whether `item` reads as the continuation of the sentence before it, in a list whose
/// items begin with a capital letter when `capitals` (a lower-case start is then a cut; in a
/// list of lower-case duties it is the list's own style).
fn continues(item: &str, capitals: bool) -> bool {
    let item = item.trim_start();
    let Some(first) = item.chars().next() else {
        return false;
    };
    if first.is_lowercase() && capitals {
        return true;
    }
    let word: String = item
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<String>()
        .to_lowercase();
    CONTINUING.contains(&word.as_str())
}

/// One prose list: its YAML path, the entity it belongs to, and its items.
struct List<'a> {
    path: String,
    entity: Option<Entity>,
    items: &'a [Sp<String>],
}

fn lists(p: &Programme) -> Vec<List<'_>> {
    let mut out = Vec::new();
    let mut add = |path: String, entity: Option<Entity>, items| add_to(&mut out, path, entity, items);
    if let Some(m) = &p.manifest {
        add("notes".into(), None, &m.notes);
    }
    if let Some(f) = &p.situation {
        let mut stack: Vec<(String, &crate::model::Section)> = f
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("sections[{i}]"), s))
            .collect();
        while let Some((path, s)) = stack.pop() {
            for (k, t) in s.tables.iter().enumerate() {
                add(format!("{path}.tables[{k}].notes"), None, &t.notes);
            }
            stack.extend(
                s.sections
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (format!("{path}.sections[{i}]"), c)),
            );
        }
    }
    if let Some(f) = &p.goals {
        for (i, g) in f.goals.iter().enumerate() {
            add(
                format!("goals[{i}].results"),
                Some(Entity::new("goal", &g.id, Some(&g.title))),
                &g.results,
            );
        }
    }
    if let Some(f) = &p.indicators {
        add("notes".into(), None, &f.notes);
    }
    if let Some(f) = &p.plan {
        add("notes".into(), None, &f.notes);
        for (i, a) in f.activities.iter().enumerate() {
            let e = || Some(Entity::new("activity", &a.id, Some(&a.title)));
            add(format!("activities[{i}].results"), e(), &a.results);
            add(format!("activities[{i}].notes"), e(), &a.notes);
            if let Some(r) = &a.resources {
                add(format!("activities[{i}].resources.human"), e(), &r.human);
                add(format!("activities[{i}].resources.support"), e(), &r.support);
                add(format!("activities[{i}].resources.financial"), e(), &r.financial);
            }
        }
    }
    if let Some(f) = &p.monitoring {
        add("report_template".into(), None, &f.report_template);
    }
    if let Some(f) = &p.institutions {
        for (i, inst) in f.institutions.iter().enumerate() {
            let r = &inst.responsibilities;
            let e = || Some(Entity::new("institution", &inst.id, Some(&inst.name)));
            for (name, items) in [
                ("general", &r.general),
                ("universal", &r.universal),
                ("targeted", &r.targeted),
                ("indicated", &r.indicated),
                ("pmp_context", &r.pmp_context),
                ("involvement", &r.involvement),
                ("explanations", &r.explanations),
            ] {
                add(format!("institutions[{i}].responsibilities.{name}"), e(), items);
            }
        }
    }
    for r in p.results.values() {
        add("notes".into(), None, &r.data.notes);
        for (i, a) in r.data.activities.iter().enumerate() {
            add(format!("activities[{i}].achieved"), None, &a.achieved);
        }
    }
    out
}

fn add_to<'a>(out: &mut Vec<List<'a>>, path: String, entity: Option<Entity>, items: &'a [Sp<String>]) {
    if items.len() > 1 {
        out.push(List { path, entity, items });
    }
}

pub fn check(p: &Programme, sink: &mut Sink) {
    for list in lists(p) {
        let capitals = list.items[0]
            .value
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        for (j, pair) in list.items.windows(2).enumerate() {
            let (before, item) = (&pair[0], &pair[1]);
            // Two items on one line: the list is written in flow style.
            let flow = before.loc.file == item.loc.file && before.loc.line == item.loc.line;
            if !flow || !continues(&item.value, capitals) {
                continue;
            }
            let (a, b) = (&before.value, &item.value);
            let mut d = Diagnostic::new(
                Code::CommaSplit,
                item.loc,
                tr!(
                    en("the list item „{b}” looks like the rest of „{a}”: in a `[…]` list every comma starts a new item"),
                    lv("saraksta elements „{b}” izskatās pēc teikuma „{a}” turpinājuma: sarakstā `[…]` katrs komats sāk jaunu elementu"),
                ),
            )
            .path(format!("{}[{}]", list.path, j + 1))
            .help(tr!(
                en("if it is one sentence, put it in quotes („\"{a}, {b}\"”) or write the list one `- item` per line"),
                lv("ja tas ir viens teikums, lieciet to pēdiņās („\"{a}, {b}\"”) vai rakstiet sarakstu pa vienam elementam rindā ar `- `"),
            ));
            if let Some(e) = &list.entity {
                d = d.entity(e.clone());
            }
            sink.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::continues;

    #[test]
    fn a_lower_case_start_or_a_clause_word_continues_a_sentence() {
        for s in [
            "kas sniedz atbalstu",
            "un vecākiem",
            "Kas sniedz",
            "lai mazinātu",
            "ārpusstundu",
        ] {
            assert!(continues(s, true), "{s}");
        }
        for s in ["Mazāk nesekmīgu vērtējumu", "Katram ir plāns", "2025. gadā", ""] {
            assert!(!continues(s, true), "{s}");
        }
        // In a list of lower-case duties only a clause word continues a sentence.
        assert!(!continues("sniedz lekcijas vecākiem", false));
        assert!(continues("kas sniedz atbalstu", false));
    }
}
