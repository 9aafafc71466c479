//! Results of a year (`results/YYYY.yaml`): they belong to this programme and refer to its
//! indicators, breakdowns, activities, tasks and funding sources, each recorded once; the
//! year lies in the period
//! and has begun; an activity is marked done only in a year it runs; achieved percentages lie
//! in 0-100; an indicator that moved away from its target since the baseline is pointed out;
//! and a year whose annual report is recorded done has complete results.

use chrono::Datelike;

use super::{at, references::Kind, references::unknown};
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::{Lang, Text};
use crate::model::{
    ExecStatus, Indicator, Loc, Number, Output, Part, Programme, ResultsFile, Sp, Unit, YearResults,
    number_value,
};
use crate::report::progress::{self, Series, Status};
use crate::tr;

/// A computed figure in Latvian: `3,5`, `10 249`.
fn lv_number(v: f64) -> String {
    Lang::Lv.number(v, 6)
}

pub fn check(p: &Programme, today: chrono::NaiveDate, sink: &mut Sink) {
    // A period that ends before it starts is `invalid-period`; nothing here is judged by it.
    if p.manifest
        .as_ref()
        .is_some_and(|m| m.period.from.value > m.period.to.value)
    {
        return;
    }
    for (year, r) in &p.results {
        unknown_ids(p, &r.data, sink);
        duplicates(p, &r.data, sink);
        results_year(p, *year, r, today, sink);
        unknown_breakdown(p, &r.data, sink);
        unknown_funding(p, &r.data, sink);
        done_outside_years(p, &r.data, sink);
        percent_out_of_range(p, &r.data, sink);
        moving_away_from_target(p, &r.data, sink);
    }
    results_missing(p, today, sink);
}

fn indicator<'p>(p: &'p Programme, id: &str) -> Option<&'p Indicator> {
    p.indicators
        .as_ref()?
        .indicators
        .iter()
        .find(|i| i.id.value == id)
}

fn activity<'p>(p: &'p Programme, id: &str) -> Option<&'p crate::model::Activity> {
    p.plan.as_ref()?.activities.iter().find(|a| a.id.value == id)
}

fn indicator_entity(i: &Indicator) -> Entity {
    Entity::new("indicator", &i.id, Some(&i.title))
}

/// The programme id, and every indicator, activity and task id, exist.
fn unknown_ids(p: &Programme, r: &ResultsFile, sink: &mut Sink) {
    if let Some(m) = &p.manifest
        && r.programme.value != m.id.value
    {
        sink.push(
            Diagnostic::new(
                Code::ResultsUnknownId,
                r.programme.loc,
                tr!(
                    en(
                        "these results are for programme `{}`, but this folder holds `{}`",
                        r.programme.value,
                        m.id.value
                    ),
                    lv(
                        "šie rezultāti ir programmai `{}`, bet šajā mapē ir programma `{}`",
                        r.programme.value,
                        m.id.value
                    ),
                ),
            )
            .path("programme")
            .help(tr!(
                en(
                    "write `programme: {}`, or move the file to its own programme",
                    m.id.value
                ),
                lv(
                    "ierakstiet `programme: {}` vai pārvietojiet failu uz tās programmas mapi",
                    m.id.value
                ),
            )),
        );
    }
    let retag = |sink: &mut Sink, before: usize| {
        for d in &mut sink.diagnostics[before..] {
            d.code = Code::ResultsUnknownId;
            d.severity = Code::ResultsUnknownId.default_severity();
        }
    };
    if let Some(f) = &p.indicators {
        for (i, e) in r.indicators.iter().enumerate() {
            let before = sink.diagnostics.len();
            unknown(
                Kind::Indicator,
                &e.indicator,
                f.indicators.iter().map(|x| x.id.value.as_str()),
                || at("indicators", i, "indicator"),
                || None,
                sink,
            );
            retag(sink, before);
        }
    }
    if let Some(plan) = &p.plan {
        for (i, e) in r.activities.iter().enumerate() {
            let before = sink.diagnostics.len();
            unknown(
                Kind::Activity,
                &e.activity,
                plan.activities.iter().map(|x| x.id.value.as_str()),
                || at("activities", i, "activity"),
                || None,
                sink,
            );
            retag(sink, before);
            // An activity with no tasks, in a plan that has tasks, is reported by
            // `activity-without-tasks`; in a plan with no tasks at all, any task is unknown.
            let plan_has_tasks = plan.activities.iter().any(|a| !a.tasks.is_empty());
            let Some(a) = activity(p, &e.activity.value).filter(|a| !a.tasks.is_empty() || !plan_has_tasks)
            else {
                continue;
            };
            for (k, t) in e.tasks.iter().enumerate() {
                let before = sink.diagnostics.len();
                unknown(
                    Kind::TaskOf(&a.id.value),
                    &t.task,
                    a.tasks.iter().map(|x| x.id.value.as_str()),
                    || format!("activities[{i}].tasks[{k}].task"),
                    || Some(Entity::new("activity", &a.id, Some(&a.title))),
                    sink,
                );
                retag(sink, before);
            }
        }
    }
}

/// The first of `ids` before index `i` that equals `ids[i]`.
fn earlier<'a>(ids: &[&'a Sp<String>], i: usize) -> Option<&'a Sp<String>> {
    ids[..i].iter().find(|x| x.value == ids[i].value).copied()
}

/// One `results-duplicate` finding: `subject` (`id` here) recorded again after `first`.
fn duplicate(
    sink: &mut Sink,
    subject: Text,
    id: &Sp<String>,
    first: &Sp<String>,
    path: String,
    entity: Option<Entity>,
) {
    let mut d = Diagnostic::new(
        Code::ResultsDuplicate,
        id.loc,
        tr!(
            en("{} is recorded twice in these results", subject.en),
            lv("{}: šajos rezultātos ir divi ieraksti", subject.lv),
        ),
    )
    .path(path)
    .help({
        let line = first.loc.line;
        tr!(
            en("it is already recorded at line {line}; keep one entry with the year's figures"),
            lv("pirmais ieraksts ir {line}. rindā; atstājiet vienu ierakstu ar gada skaitļiem"),
        )
    });
    if let Some(e) = entity {
        d = d.entity(e);
    }
    sink.push(d);
}

/// `results-duplicate`: an indicator, a breakdown of one indicator, an activity or a task of
/// one activity recorded twice. Which of the two the report should show cannot be told.
fn duplicates(p: &Programme, r: &ResultsFile, sink: &mut Sink) {
    let indicators: Vec<_> = r.indicators.iter().map(|e| &e.indicator).collect();
    for (i, e) in r.indicators.iter().enumerate() {
        let entity = indicator(p, &e.indicator.value).map(indicator_entity);
        if let Some(first) = earlier(&indicators, i) {
            duplicate(
                sink,
                tr!(
                    en("indicator `{}`", e.indicator.value),
                    lv("rādītājs `{}`", e.indicator.value),
                ),
                &e.indicator,
                first,
                at("indicators", i, "indicator"),
                entity,
            );
            continue;
        }
        let keys: Vec<_> = e.values.iter().map(|v| &v.key).collect();
        for k in 0..keys.len() {
            if let Some(first) = earlier(&keys, k) {
                duplicate(
                    sink,
                    tr!(
                        en(
                            "breakdown `{}` of indicator `{}`",
                            keys[k].value,
                            e.indicator.value
                        ),
                        lv("rādītāja `{}` iedalījums `{}`", e.indicator.value, keys[k].value),
                    ),
                    keys[k],
                    first,
                    format!("indicators[{i}].values[{k}].key"),
                    entity.clone(),
                );
            }
        }
    }
    let activities: Vec<_> = r.activities.iter().map(|e| &e.activity).collect();
    for (i, e) in r.activities.iter().enumerate() {
        let entity = activity(p, &e.activity.value).map(|a| Entity::new("activity", &a.id, Some(&a.title)));
        if let Some(first) = earlier(&activities, i) {
            duplicate(
                sink,
                tr!(
                    en("activity `{}`", e.activity.value),
                    lv("aktivitāte `{}`", e.activity.value),
                ),
                &e.activity,
                first,
                at("activities", i, "activity"),
                entity,
            );
            continue;
        }
        let tasks: Vec<_> = e.tasks.iter().map(|t| &t.task).collect();
        for k in 0..tasks.len() {
            if let Some(first) = earlier(&tasks, k) {
                duplicate(
                    sink,
                    tr!(
                        en("task `{}` of activity `{}`", tasks[k].value, e.activity.value),
                        lv(
                            "aktivitātes `{}` darba uzdevums `{}`",
                            e.activity.value,
                            tasks[k].value
                        ),
                    ),
                    tasks[k],
                    first,
                    format!("activities[{i}].tasks[{k}].task"),
                    entity.clone(),
                );
            }
        }
    }
}

/// The year lies in the period, has begun, and is the year the file is named after.
fn results_year(p: &Programme, year: i32, r: &YearResults, today: chrono::NaiveDate, sink: &mut Sink) {
    let stated = &r.data.year;
    let d = |msg: Text, help: Text| {
        Diagnostic::new(Code::ResultsYear, stated.loc, msg)
            .path("year")
            .help(help)
    };
    if stated.value != year {
        let file = Part::results_file(stated.value);
        sink.push(d(
            tr!(
                en(
                    "the file is named after {year}, but it states the year {}",
                    stated.value
                ),
                lv(
                    "fails nosaukts {year}. gada vārdā, bet tajā ierakstīts {}. gads",
                    stated.value
                ),
            ),
            tr!(
                en("rename it to {file} or correct `year`"),
                lv("pārdēvējiet to par `{file}` vai izlabojiet `year`"),
            ),
        ));
        return;
    }
    if let Some(m) = &p.manifest
        && !m.period.contains(year)
    {
        sink.push(d(
            tr!(
                en(
                    "results for {year}, outside the programme's period {}–{}",
                    m.period.from.value,
                    m.period.to.value
                ),
                lv(
                    "rezultāti par {year}. gadu, kas nav programmas periodā ({})",
                    Lang::Lv.year_range(m.period.from.value, m.period.to.value)
                ),
            ),
            tr!(
                en("results are recorded for the years of the period only"),
                lv("rezultātus ieraksta tikai par perioda gadiem"),
            ),
        ));
        return;
    }
    let records = !r.data.indicators.is_empty() || !r.data.activities.is_empty();
    if records && year > today.year() {
        sink.push(d(
            tr!(
                en("results for {year}, a year that has not begun (today is {today})"),
                lv(
                    "rezultāti par {year}. gadu, kas vēl nav sācies (šodien ir {})",
                    Lang::Lv.date_short(today)
                ),
            ),
            tr!(
                en("record results once the year has begun; leave the file empty until then"),
                lv("ierakstiet rezultātus, kad gads būs sācies; līdz tam atstājiet failu tukšu"),
            ),
        ));
    }
}

/// Every breakdown key of an achieved value is one of the indicator's breakdowns.
fn unknown_breakdown(p: &Programme, r: &ResultsFile, sink: &mut Sink) {
    for (i, e) in r.indicators.iter().enumerate() {
        let Some(ind) = indicator(p, &e.indicator.value) else {
            continue;
        };
        for (k, v) in e.values.iter().enumerate() {
            if ind.breakdowns.iter().any(|b| b.key.value == v.key.value) {
                continue;
            }
            let keys: Vec<&str> = ind.breakdowns.iter().map(|b| b.key.value.as_str()).collect();
            let help = if keys.is_empty() {
                tr!(
                    en("this indicator has no breakdowns: give its achieved value as `value`"),
                    lv("šim rādītājam nav iedalījumu: ierakstiet sasniegto vērtību laukā `value`"),
                )
            } else {
                match crate::diag::did_you_mean(&v.key.value, keys.iter().copied()) {
                    Some(s) => tr!(en("did you mean `{s}`?"), lv("varbūt domāts `{s}`?")),
                    None => tr!(
                        en("its breakdowns are: {}", keys.join(", ")),
                        lv("tā iedalījumi: {}", keys.join(", ")),
                    ),
                }
            };
            sink.push(
                Diagnostic::new(
                    Code::ResultsUnknownBreakdown,
                    v.key.loc,
                    tr!(
                        en("indicator `{}` has no breakdown `{}`", ind.id.value, v.key.value),
                        lv("rādītājam `{}` nav iedalījuma `{}`", ind.id.value, v.key.value),
                    ),
                )
                .path(format!("indicators[{i}].values[{k}].key"))
                .entity(indicator_entity(ind))
                .help(help),
            );
        }
    }
}

fn norm_source(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Funding is invested only from sources the activity lists.
fn unknown_funding(p: &Programme, r: &ResultsFile, sink: &mut Sink) {
    for (i, e) in r.activities.iter().enumerate() {
        // An activity with no funding source is reported by `activity-without-funding`.
        let Some(a) = activity(p, &e.activity.value).filter(|a| !a.funding.is_empty()) else {
            continue;
        };
        for (k, f) in e.funding.iter().enumerate() {
            let want = norm_source(&f.source.value);
            if a.funding.iter().any(|s| norm_source(&s.value) == want) {
                continue;
            }
            let listed: Vec<&str> = a.funding.iter().map(|s| s.value.as_str()).collect();
            let help = if listed.is_empty() {
                tr!(
                    en("the activity lists no funding source in plan.yaml; add it there first"),
                    lv(
                        "aktivitātei failā `plan.yaml` nav norādīts neviens finansējuma avots; vispirms pievienojiet to tur"
                    ),
                )
            } else {
                tr!(
                    en(
                        "the activity's sources are: {}; a new source is a change to the plan",
                        listed.join(", ")
                    ),
                    lv(
                        "aktivitātes finansējuma avoti: {}; jauns avots ir plāna izmaiņa",
                        listed.join(", ")
                    ),
                )
            };
            let shown = a
                .number
                .as_ref()
                .map_or(a.id.value.as_str(), |n| n.value.as_str());
            sink.push(
                Diagnostic::new(
                    Code::ResultsUnknownFunding,
                    f.source.loc,
                    tr!(
                        en(
                            "funding from „{}”, a source activity {} does not list",
                            f.source.value,
                            shown
                        ),
                        lv(
                            "finansējums no avota „{}”, kas nav norādīts aktivitātes {} finansējuma avotos",
                            f.source.value,
                            shown
                        ),
                    ),
                )
                .path(format!("activities[{i}].funding[{k}].source"))
                .entity(Entity::new("activity", &a.id, Some(&a.title)))
                .help(help),
            );
        }
    }
}

/// An activity is marked done only in a year it runs in.
fn done_outside_years(p: &Programme, r: &ResultsFile, sink: &mut Sink) {
    let year = r.year.value;
    // A year outside the period is `results-year`.
    if p.manifest.as_ref().is_some_and(|m| !m.period.contains(year)) {
        return;
    }
    for (i, e) in r.activities.iter().enumerate() {
        let Some(a) = activity(p, &e.activity.value) else {
            continue;
        };
        if e.status.value != ExecStatus::Done || a.years.is_empty() || a.years.iter().any(|y| y.value == year)
        {
            continue;
        }
        let years: Vec<String> = a.years.iter().map(|y| y.value.to_string()).collect();
        let years_lv: Vec<String> = a.years.iter().map(|y| format!("{}.", y.value)).collect();
        sink.push(
            Diagnostic::new(
                Code::DoneOutsideYears,
                e.status.loc,
                tr!(
                    en(
                        "activity `{}` is marked done in {year}, a year it does not run in",
                        a.id.value
                    ),
                    lv(
                        "aktivitāte `{}` atzīmēta kā paveikta {year}. gadā, kurā tā nenotiek",
                        a.id.value
                    ),
                ),
            )
            .path(at("activities", i, "status"))
            .entity(Entity::new("activity", &a.id, Some(&a.title)))
            .help(tr!(
                en(
                    "it runs in {}; record it in one of those years, or amend the plan's years",
                    years.join(", ")
                ),
                lv(
                    "tā notiek šajos gados: {}; ierakstiet to kādā no tiem vai aktualizējiet aktivitātes gadus plānā",
                    years_lv.join(", ")
                ),
            )),
        );
    }
}

/// The values recorded for an indicator, with their YAML paths.
fn values_of(r: &ResultsFile, i: usize) -> Vec<(Option<&str>, &Number, String)> {
    let e = &r.indicators[i];
    let mut out: Vec<(Option<&str>, &Number, String)> = Vec::new();
    if let Some(v) = &e.value {
        out.push((None, v, at("indicators", i, "value")));
    }
    for (k, v) in e.values.iter().enumerate() {
        out.push((
            Some(v.key.value.as_str()),
            &v.value,
            format!("indicators[{i}].values[{k}].value"),
        ));
    }
    out
}

fn value_loc(n: &Number) -> Loc {
    n.loc
}

/// An achieved percentage lies in 0-100.
fn percent_out_of_range(p: &Programme, r: &ResultsFile, sink: &mut Sink) {
    for (i, e) in r.indicators.iter().enumerate() {
        let Some(ind) = indicator(p, &e.indicator.value) else {
            continue;
        };
        if ind.unit.as_ref().map(|u| u.value) != Some(Unit::Percent) {
            continue;
        }
        for (_, v, path) in values_of(r, i) {
            let x = number_value(v);
            if !(0.0..=100.0).contains(&x) {
                sink.push(
                    Diagnostic::new(
                        Code::ResultsPercentOutOfRange,
                        value_loc(v),
                        tr!(
                            en("the achieved value {x} of a percentage indicator is outside 0–100"),
                            lv(
                                "procentos izteikta rādītāja sasniegtā vērtība {} ir ārpus robežām 0–100",
                                lv_number(x)
                            ),
                        ),
                    )
                    .path(path)
                    .entity(indicator_entity(ind))
                    .help(tr!(
                        en("give the percentage itself (e.g. 3.5 for 3,5 %), not a count or a fraction"),
                        lv("ierakstiet pašus procentus (piemēram, `3.5`, ja tie ir 3,5 %), nevis skaitu vai daļu"),
                    )),
                );
            }
        }
    }
}

/// An indicator moving away from its target since the baseline (Open SDG's "deterioration").
fn moving_away_from_target(p: &Programme, r: &ResultsFile, sink: &mut Sink) {
    let year = r.year.value;
    for (i, e) in r.indicators.iter().enumerate() {
        let Some(ind) = indicator(p, &e.indicator.value) else {
            continue;
        };
        let Some(base_year) = ind.baseline.year.as_ref().map(|y| y.value) else {
            continue;
        };
        for (key, v, path) in values_of(r, i) {
            let (Some(base), Some((goal, _))) = (
                crate::report::baseline_value(ind, key),
                crate::report::goal_for(ind, year, key),
            ) else {
                continue;
            };
            let value = number_value(v);
            let o = progress::measure(&Series {
                base_year,
                base_value: base,
                year,
                value,
                goal,
                direction: crate::report::stated_direction(ind),
            });
            if o.status != Status::Deterioration {
                continue;
            }
            let part = key.map(|k| format!(" ({k})")).unwrap_or_default();
            sink.push(
                Diagnostic::new(
                    Code::MovingAwayFromTarget,
                    value_loc(v),
                    tr!(
                        en(
                            "indicator `{}`{part} moved away from its target: {value} in {year} against a baseline of {base} in {base_year}",
                            ind.id.value
                        ),
                        lv(
                            "rādītājs `{}`{part} attālinājies no sasniedzamās vērtības: {year}. gadā {}, bet bāzes vērtība {base_year}. gadā bija {}",
                            ind.id.value,
                            lv_number(value),
                            lv_number(base)
                        ),
                    ),
                )
                .path(path)
                .entity(indicator_entity(ind))
                .help(tr!(
                    en("say in the activities' factor analysis what hindered it; the annual report shows it as deterioration"),
                    lv("aktivitāšu faktoru analīzē norādiet, kas to kavēja; ikgadējā pārskatā tas parādīts kā pasliktināšanās"),
                )),
            );
        }
    }
}

/// A year whose annual report is recorded done has a complete results file.
fn results_missing(p: &Programme, today: chrono::NaiveDate, sink: &mut Sink) {
    let Some(m) = &p.monitoring else { return };
    let mut seen = std::collections::BTreeSet::new();
    for (i, ev) in m.events.iter().enumerate() {
        if ev.output.as_ref().map(|o| o.value) != Some(Output::AnnualReport) {
            continue;
        }
        for (k, done) in ev.done.iter().enumerate() {
            let Some(year) = done.occurrence.value.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
                continue;
            };
            if year > today.year() || !seen.insert(year) {
                continue;
            }
            let lacks = crate::report::lacks(p, year);
            if lacks.is_empty() {
                continue;
            }
            let e = Entity::new("event", &ev.id, Some(&ev.title));
            let file = Part::results_file(year);
            let d = match p.results.get(&year) {
                None => Diagnostic::new(
                    Code::ResultsMissing,
                    done.occurrence.loc,
                    if p.result_files.contains(&year) {
                        tr!(
                            en("the {year} annual report is recorded done, but {file} does not load"),
                            lv("{year}. gada ikgadējais pārskats atzīmēts kā paveikts, bet failu `{file}` nevar nolasīt"),
                        )
                    } else {
                        tr!(
                            en("the {year} annual report is recorded done, but {file} does not exist"),
                            lv("{year}. gada ikgadējais pārskats atzīmēts kā paveikts, bet faila `{file}` nav"),
                        )
                    },
                )
                .path(format!("events[{i}].done[{k}].occurrence"))
                .entity(e)
                .help(tr!(
                    en("record the year's results in {file} (`pmp report` reads them)"),
                    lv("ierakstiet gada rezultātus failā `{file}` (tos nolasa `pmp report`)"),
                )),
                Some(r) => {
                    let join = |lang: Lang| lacks.iter().map(|t| t.get(lang)).collect::<Vec<_>>().join("; ");
                    Diagnostic::new(
                        Code::ResultsMissing,
                        r.data.year.loc,
                        tr!(
                            en("the {year} annual report is recorded done, but its results are incomplete"),
                            lv("{year}. gada ikgadējais pārskats atzīmēts kā paveikts, bet tā rezultāti ir nepilnīgi"),
                        ),
                    )
                    .path("year")
                    .entity(e)
                    .help(tr!(en("missing: {}", join(Lang::En)), lv("trūkst: {}", join(Lang::Lv))))
                }
            };
            sink.push(d);
        }
    }
}
