//! Relations from the inventory (`docs/invariants.md`) that no earlier rule covered: each is one
//! function, named after the relation, with the reason it holds beside it. They compare a field
//! with another field of its entity (a task's dates and its activity's years), an entity with
//! the others of its kind (two goals with one title), a figure with the population it is a
//! share of (a count larger than its base) and dates with each other and with today (an
//! amendment before the adoption, a decision still to come).

use std::collections::HashMap;

use super::at;
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::Lang;
use crate::model::{Number, Programme, Section, Sp};
use crate::tr;

pub fn check(p: &Programme, today: chrono::NaiveDate, sink: &mut Sink) {
    baseline_measured_after_target(p, sink);
    decision_in_future(p, today, sink);
    amendment_before_adoption(p, sink);
    results_noted_before_compiled(p, sink);
    event_without_responsible(p, sink);
    task_outside_activity_years(p, sink);
    duplicate_titles(p, sink);
    count_exceeds_base(p, sink);
    result_figures_differ(p, sink);
    timing_text_mismatch(p, sink);
}

/// `baseline-after-target` for a measured baseline: a baseline measured in a later year than a
/// year that already has a target. The target was set against a value nobody had yet (a year
/// typed wrong, or the baseline of another indicator). A baseline still to be set is compared
/// in [`super::period`].
fn baseline_measured_after_target(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.indicators else { return };
    for (i, ind) in f.indicators.iter().enumerate() {
        let Some(y) = &ind.baseline.year else { continue };
        let Some(t) = ind
            .targets
            .iter()
            .filter(|t| t.year.value < y.value)
            .min_by_key(|t| t.year.value)
        else {
            continue;
        };
        sink.push(
            Diagnostic::new(
                Code::BaselineAfterTarget,
                y.loc,
                tr!(
                    en("the baseline is measured in {}, after the {} target", y.value, t.year.value),
                    lv(
                        "bāzes vērtība ir noteikta {}. gadā, vēlāk nekā {}. gada sasniedzamā vērtība",
                        y.value,
                        t.year.value
                    ),
                ),
            )
            .path(at("indicators", i, "baseline.year"))
            .entity(Entity::new("indicator", &ind.id, Some(&ind.title)))
            .help(tr!(
                en("a target builds on its baseline: check the baseline's year, or the target's"),
                lv("sasniedzamā vērtība balstās uz bāzes vērtību: pārbaudiet bāzes vērtības gadu vai sasniedzamās vērtības gadu"),
            )),
        );
    }
}

/// The council decisions the manifest records, with their YAML paths: the adoption, then the
/// amendments in the order written.
fn decisions(p: &Programme) -> Vec<(&crate::model::Decision, String)> {
    let Some(m) = &p.manifest else { return Vec::new() };
    let mut out: Vec<_> = m.adoption.iter().map(|d| (d, "adoption".to_string())).collect();
    out.extend(
        m.amendments
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.decision, format!("amendments[{i}].decision"))),
    );
    out
}

/// `decision-in-future`: a council decision (the adoption, an amendment, the noting of a
/// year's results) dated after today. A decision is recorded once it was taken; a date still
/// to come is a typing slip (two digits swapped) or a draft recorded as adopted.
fn decision_in_future(p: &Programme, today: chrono::NaiveDate, sink: &mut Sink) {
    let mut push = |date: &Sp<chrono::NaiveDate>, path: String, what: (&str, &str)| {
        if date.value <= today {
            return;
        }
        sink.push(
            Diagnostic::new(
                Code::DecisionInFuture,
                date.loc,
                tr!(
                    en("{} is dated {}, after today ({today})", what.0, date.value),
                    lv(
                        "{} datēts {}, vēlāk nekā šodien ({})",
                        what.1,
                        Lang::Lv.date_short(date.value),
                        Lang::Lv.date_short(today)
                    ),
                ),
            )
            .path(path)
            .help(tr!(
                en("a decision is recorded once it is taken: check the date (digits swapped?)"),
                lv("lēmumu ieraksta, kad tas pieņemts: pārbaudiet datumu (vai nav samainīti cipari?)"),
            )),
        );
    };
    for (d, path) in decisions(p) {
        let what = if path == "adoption" {
            ("the adopting decision", "programmas apstiprināšanas lēmums")
        } else {
            ("the amendment's decision", "grozījumu lēmums")
        };
        push(&d.date, format!("{path}.date"), what);
    }
    for r in p.results.values() {
        if let Some(n) = &r.data.noted {
            push(
                &n.date,
                "noted.date".into(),
                (
                    "the decision noting the results",
                    "lēmums par rezultātu pieņemšanu zināšanai",
                ),
            );
        }
    }
}

/// `date-order`: an amendment dated before the decision that adopted the programme, or before
/// the amendment written above it (amendments are written oldest first). A programme cannot be
/// amended before it exists; an amendment out of order is a date typed wrong or a list
/// reordered by mistake.
fn amendment_before_adoption(p: &Programme, sink: &mut Sink) {
    let list = decisions(p);
    for (k, (d, path)) in list.iter().enumerate().skip(1) {
        let (prev, _) = &list[k - 1];
        if d.date.value >= prev.date.value {
            continue;
        }
        let (before, before_lv) = if k == 1 && p.manifest.as_ref().is_some_and(|m| m.adoption.is_some()) {
            ("the adoption", "programmas apstiprināšanas")
        } else {
            ("the amendment before it", "iepriekšējo grozījumu")
        };
        sink.push(
            Diagnostic::new(
                Code::DateOrder,
                d.date.loc,
                tr!(
                    en(
                        "the amendment is dated {}, before {before} ({})",
                        d.date.value,
                        prev.date.value
                    ),
                    lv(
                        "grozījumi datēti {}, agrāk nekā {before_lv} lēmums ({})",
                        Lang::Lv.date_short(d.date.value),
                        Lang::Lv.date_short(prev.date.value)
                    ),
                ),
            )
            .path(format!("{path}.date"))
            .help(tr!(
                en("a programme is amended after it is adopted, and amendments are written oldest first"),
                lv("programmu groza pēc tās apstiprināšanas, un grozījumus raksta no vecākā uz jaunāko"),
            )),
        );
    }
}

/// `date-order` in a results file: the council noted the year's results before they were
/// compiled. Results are compiled, then presented to the council.
fn results_noted_before_compiled(p: &Programme, sink: &mut Sink) {
    for r in p.results.values() {
        let (Some(c), Some(n)) = (&r.data.compiled, &r.data.noted) else {
            continue;
        };
        if n.date.value >= c.date.value {
            continue;
        }
        sink.push(
            Diagnostic::new(
                Code::DateOrder,
                n.date.loc,
                tr!(
                    en(
                        "the results are noted on {}, before they were compiled ({})",
                        n.date.value,
                        c.date.value
                    ),
                    lv(
                        "rezultāti pieņemti zināšanai {}, agrāk nekā apkopoti ({})",
                        Lang::Lv.date_short(n.date.value),
                        Lang::Lv.date_short(c.date.value)
                    ),
                ),
            )
            .path("noted.date")
            .help(tr!(
                en("the council notes the results after they are compiled: check both dates"),
                lv("dome rezultātus pieņem zināšanai pēc to apkopošanas: pārbaudiet abus datumus"),
            )),
        );
    }
}

/// `event-without-responsible`: a monitoring step that names no responsible body. Every step
/// of the monitoring table has one; a step nobody answers for is not done.
fn event_without_responsible(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.monitoring else { return };
    for (i, ev) in f.events.iter().enumerate() {
        if !ev.responsible.is_empty() {
            continue;
        }
        sink.push(
            Diagnostic::new(
                Code::EventWithoutResponsible,
                ev.title.loc,
                tr!(
                    en(
                        "monitoring step „{}” names no responsible institution",
                        ev.title.value
                    ),
                    lv(
                        "uzraudzības notikumam „{}” nav norādīta atbildīgā institūcija",
                        ev.title.value
                    ),
                ),
            )
            .path(at("events", i, "responsible"))
            .entity(Entity::new("event", &ev.id, Some(&ev.title)))
            .help(tr!(
                en("add `responsible:` with the institution that carries it out"),
                lv("pievienojiet `responsible:` ar institūciju, kas to veic"),
            )),
        );
    }
}

/// `task-outside-activity-years`: a task that starts before the first year its activity runs
/// in, or ends after the last. The plan's table and its tasks state one period twice.
fn task_outside_activity_years(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.plan else { return };
    for (i, a) in f.activities.iter().enumerate() {
        let (Some(first), Some(last)) = (
            a.years.iter().map(|y| y.value).min(),
            a.years.iter().map(|y| y.value).max(),
        ) else {
            continue;
        };
        for (k, t) in a.tasks.iter().enumerate() {
            let ends = [("start", &t.start), ("end", &t.end)];
            for (field, date) in ends {
                let Some(d) = date else { continue };
                let y = d.value.year;
                if (first..=last).contains(&y) {
                    continue;
                }
                sink.push(
                    Diagnostic::new(
                        Code::TaskOutsideActivityYears,
                        d.loc,
                        tr!(
                            en(
                                "task „{}” {}s in {y}, outside the years its activity „{}” runs ({first}-{last})",
                                t.title.value,
                                field,
                                a.title.value
                            ),
                            lv(
                                "darba uzdevums „{}” {} {y}. gadā, ārpus gadiem, kuros notiek tā aktivitāte „{}” ({first}.-{last}.)",
                                t.title.value,
                                if field == "start" { "sākas" } else { "beidzas" },
                                a.title.value
                            ),
                        ),
                    )
                    .path(format!("activities[{i}].tasks[{k}].{field}"))
                    .entity(Entity::new("task", &t.id, Some(&t.title)))
                    .help(tr!(
                        en("a task runs within its activity's years: correct the task's date or the activity's `years`"),
                        lv("darba uzdevums notiek aktivitātes gados: izlabojiet uzdevuma termiņu vai aktivitātes `years`"),
                    )),
                );
            }
        }
    }
}

/// A title compared as a reader compares it: case, spacing and a closing full stop ignored.
fn title_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

/// One title of a `duplicate-title` group: the title, its YAML path and its entity.
type Titled<'a> = (&'a Sp<String>, String, Option<Entity>);

/// `duplicate-title`: two entities of one kind, among those that must be told apart, with
/// one title: goals, indicators, monitoring steps, the tasks of one activity, the breakdowns
/// of one indicator, SVID items (in any quadrants: one item is not both a strength and a
/// weakness). Two activities under one goal are `duplicate-activity-title`. A reader cannot
/// tell which one a reference, a result or a report means.
fn duplicate_titles(p: &Programme, sink: &mut Sink) {
    let mut groups: Vec<(&str, &str, Vec<Titled>)> = Vec::new();
    if let Some(f) = &p.goals {
        groups.push((
            "goal",
            "mērķis",
            f.goals
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    (
                        &g.title,
                        at("goals", i, "title"),
                        Some(Entity::new("goal", &g.id, Some(&g.title))),
                    )
                })
                .collect(),
        ));
    }
    if let Some(f) = &p.indicators {
        groups.push((
            "indicator",
            "rādītājs",
            f.indicators
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    (
                        &x.title,
                        at("indicators", i, "title"),
                        Some(Entity::new("indicator", &x.id, Some(&x.title))),
                    )
                })
                .collect(),
        ));
        for (i, x) in f.indicators.iter().enumerate() {
            groups.push((
                "breakdown",
                "iedalījums",
                x.breakdowns
                    .iter()
                    .enumerate()
                    .map(|(k, b)| {
                        (
                            &b.label,
                            format!("indicators[{i}].breakdowns[{k}].label"),
                            Some(Entity::new("indicator", &x.id, Some(&x.title))),
                        )
                    })
                    .collect(),
            ));
        }
    }
    if let Some(f) = &p.monitoring {
        groups.push((
            "monitoring step",
            "uzraudzības notikums",
            f.events
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    (
                        &e.title,
                        at("events", i, "title"),
                        Some(Entity::new("event", &e.id, Some(&e.title))),
                    )
                })
                .collect(),
        ));
    }
    if let Some(f) = &p.plan {
        for (i, a) in f.activities.iter().enumerate() {
            groups.push((
                "task",
                "darba uzdevums",
                a.tasks
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        (
                            &t.title,
                            format!("activities[{i}].tasks[{k}].title"),
                            Some(Entity::new("task", &t.id, Some(&t.title))),
                        )
                    })
                    .collect(),
            ));
        }
    }
    if let Some(f) = &p.svid {
        let mut items = Vec::new();
        for (q, list) in [
            ("strengths", &f.strengths),
            ("weaknesses", &f.weaknesses),
            ("opportunities", &f.opportunities),
            ("threats", &f.threats),
        ] {
            items.extend(
                list.iter()
                    .enumerate()
                    .map(|(k, it)| (&it.text, format!("{q}[{k}].text"), None)),
            );
        }
        groups.push(("SVID item", "SVID punkts", items));
    }
    for (kind, kind_lv, items) in groups {
        let mut seen: HashMap<String, &Sp<String>> = HashMap::new();
        for (title, path, entity) in items {
            let key = title_key(&title.value);
            if key.is_empty() {
                continue;
            }
            let Some(first) = seen.get(&key) else {
                seen.insert(key, title);
                continue;
            };
            let mut d = Diagnostic::new(
                Code::DuplicateTitle,
                title.loc,
                tr!(
                    en(
                        "a {kind} titled „{}” is already written on line {}",
                        title.value,
                        first.loc.line
                    ),
                    lv(
                        "{kind_lv} „{}” jau ir uzrakstīts {}. rindā",
                        title.value,
                        first.loc.line
                    ),
                ),
            )
            .path(path)
            .help(tr!(
                en("two {kind}s with one title cannot be told apart: merge them, or give each its own title"),
                lv(
                    "ar vienādu nosaukumu tos nevar atšķirt: apvienojiet tos vai dodiet katram savu nosaukumu"
                ),
            ));
            if let Some(e) = entity {
                d = d.entity(e);
            }
            sink.push(d);
        }
    }
}

/// `count-exceeds-base`: a count larger than the base it is a share of: a fact of the prose
/// („51 % jeb 743 no 1423”), or a table row's count and base named by a percentage column's
/// `percent_of`. A part of a population cannot be larger than the population.
fn count_exceeds_base(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.situation else { return };
    fn push(count: &Number, base: f64, path: String, sink: &mut Sink) {
        if count.f() <= base {
            return;
        }
        sink.push(
            Diagnostic::new(
                Code::CountExceedsBase,
                count.loc,
                tr!(
                    en("the count {} is larger than its base {}", count.value, crate::model::Num::computed(base)),
                    lv(
                        "skaits {} ir lielāks par bāzi {}",
                        Lang::Lv.figure(count.value),
                        Lang::Lv.figure(crate::model::Num::computed(base))
                    ),
                ),
            )
            .path(path)
            .help(tr!(
                en("a part of a population cannot be larger than the population: check the count and the base"),
                lv("kopuma daļa nevar būt lielāka par kopumu: pārbaudiet skaitu un bāzi"),
            )),
        );
    }
    fn walk(s: &Section, path: String, sink: &mut Sink) {
        for (k, fact) in s.facts.iter().enumerate() {
            push(
                &fact.count,
                fact.base.f(),
                format!("{path}.facts[{k}].count"),
                sink,
            );
        }
        for (k, t) in s.tables.iter().enumerate() {
            let col = |id: &str| t.columns.iter().position(|c| c.id.value == id);
            for po in t.columns.iter().filter_map(|c| c.percent_of.as_ref()) {
                let (Some(ci), Some(bi)) = (col(&po.count.value), col(&po.base.value)) else {
                    continue;
                };
                for (r, row) in t.rows.iter().enumerate() {
                    let cell = |i: usize| {
                        row.cells
                            .get(i)
                            .and_then(|c| c.value.number().map(|n| (n, c.loc)))
                    };
                    let (Some((count, loc)), Some((base, _))) = (cell(ci), cell(bi)) else {
                        continue;
                    };
                    push(
                        &Sp::new(count, loc),
                        base.value,
                        format!("{path}.tables[{k}].rows[{r}].cells[{ci}]"),
                        sink,
                    );
                }
            }
        }
        for (i, c) in s.sections.iter().enumerate() {
            walk(c, format!("{path}.sections[{i}]"), sink);
        }
    }
    for (i, s) in f.sections.iter().enumerate() {
        walk(s, format!("sections[{i}]"), sink);
    }
}

/// The percentages a text states („30 %”, „60%”, „0,5 %”), in order.
fn percentages(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        // A figure starts at a digit that does not continue another figure or word.
        if !chars[k].is_ascii_digit()
            || (k > 0 && (chars[k - 1].is_alphanumeric() || matches!(chars[k - 1], '.' | ',')))
        {
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len() && chars[k].is_ascii_digit() {
            k += 1;
        }
        if k + 1 < chars.len() && matches!(chars[k], '.' | ',') && chars[k + 1].is_ascii_digit() {
            k += 1;
            while k < chars.len() && chars[k].is_ascii_digit() {
                k += 1;
            }
        }
        let figure: String = chars[start..k]
            .iter()
            .map(|c| if *c == ',' { '.' } else { *c })
            .collect();
        let mut j = k;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        if chars.get(j) == Some(&'%')
            && let Ok(v) = figure.parse::<f64>()
        {
            out.push(v);
        }
    }
    out
}

/// `result-differs`: an activity whose expected result in the action plan's table and the
/// result its resource plan states give percentages with none in common („30 % iesaistās …”
/// against „60% vecāku iesaistās …”). Both state the one result the activity is to reach; two
/// figures for it leave the target unknown.
fn result_figures_differ(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.plan else { return };
    for (i, a) in f.activities.iter().enumerate() {
        let Some(res) = a.resources.as_ref().and_then(|r| r.result.as_ref()) else {
            continue;
        };
        let in_table: Vec<f64> = a.results.iter().flat_map(|r| percentages(&r.value)).collect();
        let in_resources = percentages(&res.value);
        if in_table.is_empty() || in_resources.is_empty() || in_table.iter().any(|v| in_resources.contains(v))
        {
            continue;
        }
        let shown = |vs: &[f64], lang: Lang| {
            vs.iter()
                .map(|v| match lang {
                    Lang::En => format!("{} %", crate::model::Num::computed(*v)),
                    Lang::Lv => format!("{} %", Lang::Lv.figure(crate::model::Num::computed(*v))),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        sink.push(
            Diagnostic::new(
                Code::ResultDiffers,
                res.loc,
                tr!(
                    en(
                        "the resource plan states {} in the result of „{}”, the plan's table {}",
                        shown(&in_resources, Lang::En),
                        a.title.value,
                        shown(&in_table, Lang::En)
                    ),
                    lv(
                        "aktivitātes „{}” rezultātā resursu plānā ir {}, bet plāna tabulā – {}",
                        a.title.value,
                        shown(&in_resources, Lang::Lv),
                        shown(&in_table, Lang::Lv)
                    ),
                ),
            )
            .path(format!("activities[{i}].resources.result"))
            .entity(Entity::new("activity", &a.id, Some(&a.title)))
            .help(tr!(
                en("an activity has one result to reach: the two tables of the plan should state the same figure"),
                lv("aktivitātei ir viens sasniedzamais rezultāts: abās plāna tabulās jābūt tam pašam skaitlim"),
            )),
        );
    }
}

/// The stems of the Latvian month names, January first: „septembrī”, „septembris” and
/// „septembra” all start with „septembr”.
const MONTHS: [&str; 12] = [
    "janvār", "februār", "mart", "aprīl", "maij", "jūnij", "jūlij", "august", "septembr", "oktobr",
    "novembr", "decembr",
];

/// The months a printed timing names, in the order of the year.
fn months_named(text: &str) -> Vec<u32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
    (1..=12u32)
        .filter(|m| words.iter().any(|w| w.starts_with(MONTHS[*m as usize - 1])))
        .collect()
}

/// The years (1900-2099) a printed text names.
fn years_named(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len() && chars[k].is_ascii_digit() {
            k += 1;
        }
        let digits: String = chars[start..k].iter().collect();
        if digits.len() == 4
            && let Ok(y) = digits.parse::<i32>()
            && (1900..2100).contains(&y)
        {
            out.push(y);
        }
    }
    out
}

/// `timing-text-mismatch`: a timing stored as values that is not the one its printed text
/// states: a monitoring step's month or year against its `text` („Reizi gadā septembrī” with
/// `month: 10`), a task's start and end years against its printed deadline („2024.-2027.” with
/// `end: 2026`). The text is what the council adopted; the values drive the calendar and the
/// checks, so they must say the same.
fn timing_text_mismatch(p: &Programme, sink: &mut Sink) {
    let mut push = |loc: crate::model::Loc,
                    path: String,
                    (stored, stored_lv): (String, String),
                    text: &str| {
        sink.push(
            Diagnostic::new(
                Code::TimingTextMismatch,
                loc,
                tr!(
                    en("the stored timing ({stored}) is not the one its text „{text}” states"),
                    lv("saglabātais termiņš ({stored_lv}) nav tas, ko norāda teksts „{text}”"),
                ),
            )
            .path(path)
            .help(tr!(
                en("the text is what the document prints: correct the value (or the text) so both say the same"),
                lv("teksts ir tas, ko drukā dokuments: izlabojiet vērtību (vai tekstu), lai abi sakristu"),
            )),
        );
    };
    if let Some(f) = &p.monitoring {
        for (i, ev) in f.events.iter().enumerate() {
            let t = &ev.timing;
            let Some(text) = &t.text else { continue };
            let named = months_named(&text.value);
            let mut stored: Vec<(u32, crate::model::Loc, String)> = t
                .month
                .iter()
                .map(|m| (m.value, m.loc, format!("events[{i}].timing.month")))
                .collect();
            stored.extend(
                t.months
                    .iter()
                    .enumerate()
                    .map(|(k, m)| (m.value, m.loc, format!("events[{i}].timing.months[{k}]"))),
            );
            if !named.is_empty() {
                for (m, loc, path) in stored {
                    if !named.contains(&m) {
                        push(
                            loc,
                            path,
                            (format!("month {m}"), format!("{m}. mēnesis")),
                            &text.value,
                        );
                    }
                }
            }
            let years = years_named(&text.value);
            if let (Some(y), false) = (&t.year, years.is_empty())
                && !years.contains(&y.value)
            {
                push(
                    y.loc,
                    format!("events[{i}].timing.year"),
                    (y.value.to_string(), format!("{}. gads", y.value)),
                    &text.value,
                );
            }
        }
    }
    if let Some(f) = &p.plan {
        for (i, a) in f.activities.iter().enumerate() {
            for (k, t) in a.tasks.iter().enumerate() {
                let Some(text) = &t.timing else { continue };
                let years = years_named(&text.value);
                let (Some(first), Some(last)) = (years.iter().min(), years.iter().max()) else {
                    continue;
                };
                for (field, date, expected) in [("start", &t.start, first), ("end", &t.end, last)] {
                    let Some(d) = date else { continue };
                    if d.value.year != *expected {
                        push(
                            d.loc,
                            format!("activities[{i}].tasks[{k}].{field}"),
                            (
                                format!("{field} {}", d.value.year),
                                format!(
                                    "{} {}. gadā",
                                    if field == "start" { "sākums" } else { "beigas" },
                                    d.value.year
                                ),
                            ),
                            &text.value,
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{percentages, title_key};

    #[test]
    fn percentages_are_read_with_either_mark_and_spacing() {
        assert_eq!(
            percentages("30 % vecāku un 60% bērnu, 0,5 % un 2.5%"),
            vec![30.0, 60.0, 0.5, 2.5]
        );
        // A number that is no percentage, or a class range, is not one.
        assert!(percentages("7.-12.klases, 1 nometnē 4 gadu laikā").is_empty());
    }

    #[test]
    fn months_and_years_are_read_from_a_printed_timing() {
        assert_eq!(super::months_named("Reizi gadā septembrī"), vec![9]);
        assert_eq!(super::months_named("2024.gada janvāris"), vec![1]);
        assert_eq!(super::months_named("martā un oktobrī"), vec![3, 10]);
        assert_eq!(super::years_named("2024.-2027.g. notiek"), vec![2024, 2027]);
        assert!(super::years_named("1.09.2022. 12345").contains(&2022));
    }

    #[test]
    fn titles_match_as_a_reader_reads_them() {
        assert_eq!(title_key("Karjeras  izglītība."), title_key("karjeras izglītība"));
        assert_ne!(title_key("Karjeras izglītība"), title_key("Karjeras diena"));
    }
}
