//! Coverage: every level has a goal; every goal has activities, indicators and results; every
//! activity has a responsible body, years and funding (and tasks and resources when the plan
//! uses them); every task an executor and supervisor; every weakness and threat an answer;
//! every year an annual report. Also the `TODO:` placeholders `pmp init` leaves.

use std::collections::HashSet;

use super::{Index, at, level_genitive};
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::{Lang, Text};
use crate::model::{Activity, Level, Loc, Output, Part, PlanFile, Programme, Recurrence, Sp, entry_in};
use crate::tr;

pub fn check(p: &Programme, ix: &Index<'_>, sink: &mut Sink) {
    goals(p, ix, sink);
    activities(p, sink);
    svid(p, sink);
    annual_reports(p, sink);
}

fn goals(p: &Programme, _ix: &Index<'_>, sink: &mut Sink) {
    let Some(f) = &p.goals else { return };
    let goals_file = p.file_of(crate::model::Part::Goals).unwrap_or(0);
    for level in Level::ALL {
        if !f.goals.iter().any(|g| g.level.value == level) {
            sink.push(
                Diagnostic::new(
                    Code::LevelWithoutGoal,
                    Loc::new(goals_file, 1, 1, 0),
                    tr!(
                        en("no goal serves the {level} prevention level"),
                        lv("{} līmenim nav neviena mērķa", level_genitive(level)),
                    ),
                )
                .path("goals")
                .help(tr!(
                    en("add a goal with `level: {level}`"),
                    lv("pievienojiet mērķi ar `level: {level}`"),
                )),
            );
        }
    }
    let with_activity: HashSet<&str> = p
        .plan
        .iter()
        .flat_map(|pl| pl.activities.iter().map(|a| a.goal.value.as_str()))
        .collect();
    let linked: HashSet<&str> = p
        .indicators
        .iter()
        .flat_map(|f| {
            f.indicators
                .iter()
                .flat_map(|i| i.goals.iter().map(|g| g.value.as_str()))
        })
        .collect();
    let links_used = !linked.is_empty();
    let levels_with_indicator: HashSet<Level> = p
        .indicators
        .iter()
        .flat_map(|f| {
            f.indicators
                .iter()
                .filter_map(|i| i.level.as_ref().map(|l| l.value))
        })
        .collect();
    for (i, g) in f.goals.iter().enumerate() {
        let e = || Entity::new("goal", &g.id, Some(&g.title));
        if p.plan.is_some() && !with_activity.contains(g.id.value.as_str()) {
            sink.push(
                Diagnostic::new(
                    Code::GoalWithoutActivity,
                    g.id.loc,
                    tr!(
                        en("goal „{}” has no activity in the action plan", g.title.value),
                        lv(
                            "mērķim „{}” rīcības plānā nav nevienas aktivitātes",
                            g.title.value
                        ),
                    ),
                )
                .path(at("goals", i, "id"))
                .entity(e())
                .help(tr!(
                    en("add an activity with `goal: {}` to plan.yaml", g.id.value),
                    lv(
                        "pievienojiet failā `plan.yaml` aktivitāti ar `goal: {}`",
                        g.id.value
                    ),
                )),
            );
        }
        let measured = if links_used {
            Some(linked.contains(g.id.value.as_str()))
        } else if !levels_with_indicator.is_empty() {
            Some(levels_with_indicator.contains(&g.level.value))
        } else {
            None
        };
        if p.indicators.is_some() && measured == Some(false) {
            sink.push(
                Diagnostic::new(
                    Code::GoalWithoutIndicator,
                    g.id.loc,
                    tr!(
                        en("no indicator measures goal „{}”", g.title.value),
                        lv("mērķi „{}” nemēra neviens rādītājs", g.title.value),
                    ),
                )
                .path(at("goals", i, "id"))
                .entity(e())
                .help(tr!(
                    en("list `{}` in the `goals` of an indicator", g.id.value),
                    lv("ierakstiet `{}` kāda rādītāja laukā `goals`", g.id.value),
                )),
            );
        }
        // A goal the goals' own table leaves out has no results there: `missing-from-table`
        // says so once.
        let in_home = entry_in(&g.printed, f.printed_in.as_ref().map(|t| t.value.as_str())).is_some();
        if g.results.is_empty() && in_home {
            sink.push(
                Diagnostic::new(
                    Code::GoalWithoutResult,
                    g.title.loc,
                    tr!(
                        en("goal „{}” states no expected result", g.title.value),
                        lv(
                            "mērķim „{}” nav norādīts neviens sagaidāmais rezultāts",
                            g.title.value
                        ),
                    ),
                )
                .path(at("goals", i, "results"))
                .entity(e())
                .help(tr!(
                    en("add `results:` with what the goal should achieve"),
                    lv("pievienojiet `results:` ar to, kas mērķim jāsasniedz"),
                )),
            );
        }
    }
}

/// Whether a list of funding sources names one: not empty, and not only the dash („-”) a
/// table prints where the activity needs no funding.
fn names_funding(items: &[Sp<String>]) -> bool {
    items.iter().any(|s| !crate::model::states_none(&s.value))
}

/// Whether an activity's tasks give it dates (a start or an end).
fn tasks_dated(a: &Activity) -> bool {
    a.tasks.iter().any(|t| t.start.is_some() || t.end.is_some())
}

/// `field-stated-elsewhere`: activities whose years or funding the plan's own table leaves
/// empty while their tasks or resource plan give them. One finding for the table: the
/// activities are covered, the table itself is incomplete.
fn stated_elsewhere(p: &Programme, f: &PlanFile, sink: &mut Sink) {
    let file = p.file_of(Part::Plan).unwrap_or(0);
    type Has = fn(&Activity) -> bool;
    let fields: [(&str, &str, &str, Has, Has); 2] = [
        (
            "years",
            "their tasks' dates give them",
            "gadi izriet no darba uzdevumu termiņiem",
            |a| !a.years.is_empty(),
            tasks_dated,
        ),
        (
            "funding",
            "their resource plan names it",
            "finansējuma avots norādīts resursu plānā",
            |a| !a.funding.is_empty(),
            |a| a.resources.as_ref().is_some_and(|r| names_funding(&r.funding)),
        ),
    ];
    // The table the plan's own fields follow, by its printed number where it has one.
    let (table, table_lv) = match &f.printed_in {
        Some(t) => (format!("table „{}”", t.value), format!("tabula „{}”", t.value)),
        None => (
            "the action plan's table".to_string(),
            "rīcības plāna tabula".to_string(),
        ),
    };
    for (field, elsewhere, elsewhere_lv, in_table, given_elsewhere) in fields {
        let empty = f.activities.iter().filter(|a| !in_table(a)).count();
        let covered = f
            .activities
            .iter()
            .filter(|a| !in_table(a) && given_elsewhere(a))
            .count();
        if covered == 0 {
            continue;
        }
        let (which, which_lv) = if empty == f.activities.len() {
            ("any activity".to_string(), "nevienai aktivitātei".to_string())
        } else {
            (
                format!("{empty} of {} activities", f.activities.len()),
                format!("{empty} no {} aktivitātēm", f.activities.len()),
            )
        };
        let these_lv = match covered {
            1 => "par šo aktivitāti".to_string(),
            n if Lang::Lv.plural(n, "1", "") == "1" => format!("par šo {n} aktivitāti"),
            n => format!("par šīm {n} aktivitātēm"),
        };
        sink.push(
            Diagnostic::new(
                Code::FieldStatedElsewhere,
                Loc::new(file, 1, 1, 0),
                // What the table does not have, not how: a table without the column and one
                // that leaves it empty both give no `{field}`.
                tr!(
                    en("{table} gives no `{field}` for {which}; for {covered} of them {elsewhere}"),
                    lv("{table_lv} nenorāda `{field}` {which_lv}; {covered} no tām {elsewhere_lv}"),
                ),
            )
            .path("activities")
            .help(tr!(
                en(
                    "those {covered} are not reported one by one; write `{field}` in the plan's table too, so the \
                     document's table shows it"
                ),
                lv(
                    "{these_lv} atsevišķi netiek ziņots; ierakstiet `{field}` arī plāna tabulā, lai tas būtu \
                     redzams dokumenta tabulā"
                ),
            )),
        );
    }
}

fn activities(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.plan else { return };
    stated_elsewhere(p, f, sink);
    let uses_tasks = f.activities.iter().any(|a| !a.tasks.is_empty());
    let uses_resources = f.activities.iter().any(|a| a.resources.is_some());
    for (i, a) in f.activities.iter().enumerate() {
        let e = || Entity::new("activity", &a.id, Some(&a.title));
        let title = &a.title.value;
        // `what` ends the English sentence; `message_lv` is the whole Latvian one.
        let mut missing =
            |cond: bool, code: Code, what: &str, message_lv: String, field: &str, help: Text| {
                if cond {
                    sink.push(
                        Diagnostic::new(
                            code,
                            a.title.loc,
                            Text::pair(format!("activity „{title}” {what}"), message_lv),
                        )
                        .path(at("activities", i, field))
                        .entity(e())
                        .help(help),
                    );
                }
            };
        let resources = a.resources.as_ref();
        missing(
            a.responsible.is_empty() && resources.is_none_or(|r| r.responsible.is_empty()),
            Code::ActivityWithoutResponsible,
            "names no responsible institution",
            format!("aktivitātei „{title}” nav norādīta atbildīgā institūcija"),
            "responsible",
            tr!(
                en("add `responsible:` with the institution that answers for it"),
                lv("pievienojiet `responsible:` ar institūciju, kas par to atbild"),
            ),
        );
        missing(
            a.years.is_empty() && !tasks_dated(a),
            Code::ActivityWithoutYears,
            "runs in no year of the period",
            format!("aktivitātei „{title}” nav norādīts neviens īstenošanas gads"),
            "years",
            tr!(
                en("add `years:` with the years it runs"),
                lv("pievienojiet `years:` ar gadiem, kuros tā notiek"),
            ),
        );
        // A cell printed „-” states that the activity needs no funding: a stated fact, not a
        // missing one, so only a list with nothing in it is reported.
        missing(
            a.funding.is_empty() && resources.is_none_or(|r| r.funding.is_empty()),
            Code::ActivityWithoutFunding,
            "names no funding source",
            format!("aktivitātei „{title}” nav norādīts finansējuma avots"),
            "funding",
            tr!(
                en("add `funding:` (e.g. pašvaldības budžets)"),
                lv("pievienojiet `funding:` (piemēram, `pašvaldības budžets`)"),
            ),
        );
        // An activity the tasks' or resources' table leaves out: `missing-from-table` says so.
        let absent_from = |table: &Option<Sp<String>>| {
            table
                .as_ref()
                .is_some_and(|t| entry_in(&a.printed, Some(t.value.as_str())).is_none())
        };
        missing(
            uses_tasks && a.tasks.is_empty() && !absent_from(&f.tasks_printed_in),
            Code::ActivityWithoutTasks,
            "has no tasks, though the plan lists tasks for other activities",
            format!("aktivitātei „{title}” nav darba uzdevumu, lai gan citām aktivitātēm plānā tie ir"),
            "tasks",
            tr!(en("add its `tasks:`"), lv("pievienojiet tai `tasks:`")),
        );
        missing(
            uses_resources && a.resources.is_none() && !absent_from(&f.resources_printed_in),
            Code::ActivityWithoutResources,
            "has no resource plan, though other activities have one",
            format!("aktivitātei „{title}” nav resursu plāna, lai gan citām aktivitātēm tas ir"),
            "resources",
            tr!(en("add its `resources:`"), lv("pievienojiet tai `resources:`")),
        );
        for (k, t) in a.tasks.iter().enumerate() {
            let te = || Entity::new("task", &t.id, Some(&t.title));
            if t.executor.is_empty() {
                sink.push(
                    Diagnostic::new(
                        Code::TaskWithoutExecutor,
                        t.title.loc,
                        tr!(
                            en("task „{}” names no executor", t.title.value),
                            lv("darba uzdevumam „{}” nav norādīts izpildītājs", t.title.value),
                        ),
                    )
                    .path(format!("activities[{i}].tasks[{k}].executor"))
                    .entity(te())
                    .help(tr!(
                        en("add `executor:` with the institution that carries it out"),
                        lv("pievienojiet `executor:` ar institūciju, kas to izpilda"),
                    )),
                );
            }
            if t.supervisor.is_empty() {
                sink.push(
                    Diagnostic::new(
                        Code::TaskWithoutSupervisor,
                        t.title.loc,
                        tr!(
                            en("task „{}” names no supervising institution", t.title.value),
                            lv(
                                "darba uzdevumam „{}” nav norādīta par uzraudzību atbildīgā institūcija",
                                t.title.value
                            ),
                        ),
                    )
                    .path(format!("activities[{i}].tasks[{k}].supervisor"))
                    .entity(te())
                    .help(tr!(
                        en("add `supervisor:` with the institution that oversees it"),
                        lv("pievienojiet `supervisor:` ar institūciju, kas uzrauga tā izpildi"),
                    )),
                );
            }
        }
    }
}

fn svid(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.svid else { return };
    let links_used = f
        .quadrants()
        .iter()
        .any(|(_, items)| items.iter().any(|i| !i.goals.is_empty()));
    if !links_used {
        return;
    }
    for (q, items) in [("weaknesses", &f.weaknesses), ("threats", &f.threats)] {
        for (i, item) in items.iter().enumerate() {
            if item.goals.is_empty() {
                sink.push(
                    Diagnostic::new(
                        Code::SvidUnanswered,
                        item.text.loc,
                        tr!(
                            en("no goal answers „{}”", item.text.value),
                            lv("uz „{}” neatbild neviens mērķis", item.text.value),
                        ),
                    )
                    .path(at(q, i, "goals"))
                    .entity(Entity::new("SVID item", &item.id, Some(&item.text)))
                    .help(tr!(
                        en("link the goals that answer it with `goals:`"),
                        lv("ar `goals:` piesaistiet mērķus, kas uz to atbild"),
                    )),
                );
            }
        }
    }
}

fn annual_reports(p: &Programme, sink: &mut Sink) {
    let (Some(m), Some(f)) = (&p.manifest, &p.monitoring) else {
        return;
    };
    if m.period.from.value > m.period.to.value || m.period.to.value - m.period.from.value > 50 {
        return;
    }
    let mut covered: HashSet<i32> = HashSet::new();
    for ev in &f.events {
        if ev.output.as_ref().map(|o| o.value) != Some(Output::AnnualReport) {
            continue;
        }
        match ev.timing.every.value {
            Recurrence::Yearly | Recurrence::TwiceYearly => covered.extend(m.period.years()),
            Recurrence::Once => covered.extend(ev.timing.year.as_ref().map(|y| y.value)),
            Recurrence::Date => {
                use chrono::Datelike;
                covered.extend(ev.timing.date.as_ref().map(|d| d.value.year()));
            }
            Recurrence::AsNeeded => {}
        }
    }
    let file = p.file_of(crate::model::Part::Monitoring).unwrap_or(0);
    let loc = f
        .events
        .first()
        .map(|e| e.id.loc)
        .unwrap_or(Loc::new(file, 1, 1, 0));
    for year in m.period.years() {
        if !covered.contains(&year) {
            sink.push(
                Diagnostic::new(
                    Code::YearWithoutAnnualReport,
                    loc,
                    tr!(
                        en("no annual report is scheduled for {year}"),
                        lv("{year}. gadam nav ieplānots ikgadējais pārskats"),
                    ),
                )
                .path("events")
                .help(tr!(
                    en("add an event with `output: annual-report` that occurs every year (`every: yearly`)"),
                    lv("pievienojiet notikumu ar `output: annual-report`, kas notiek katru gadu (`every: yearly`)"),
                )),
            );
        }
    }
}

/// `TODO:` placeholders left in any file of the programme.
///
/// One search for `TODO:` over each file's whole text; lines, columns and comments are looked
/// at only where it is found. A `TODO:` in a comment (a line starting with `#`, or after ` #`)
/// is not a placeholder.
pub fn placeholders(p: &Programme, sources: &crate::model::Sources, sink: &mut Sink) {
    const MARK: &str = "TODO:";
    for (_, file) in &p.files {
        let Some(src) = sources.get(*file) else { continue };
        let text = src.text.as_str();
        // Line number of the line starting at byte `counted`.
        let (mut line_no, mut counted) = (1usize, 0usize);
        let mut from = 0usize;
        while let Some(hit) = text[from..].find(MARK).map(|i| from + i) {
            let start = text[..hit].rfind('\n').map_or(0, |i| i + 1);
            let end = text[hit..].find('\n').map_or(text.len(), |i| hit + i + 1);
            line_no += text.as_bytes()[counted..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted = start;
            from = end;
            let line = &text[start..end];
            let content = line.split(" #").next().unwrap_or(line);
            if line.trim_start().starts_with('#') {
                continue;
            }
            let Some(pos) = content.find(MARK) else { continue };
            let col = u32::try_from(line[..pos].chars().count() + 1).unwrap_or(u32::MAX);
            sink.push(
                Diagnostic::new(
                    Code::ToBeFilled,
                    Loc::new(
                        *file,
                        u32::try_from(line_no).unwrap_or(u32::MAX),
                        col,
                        u32::try_from(start + pos).unwrap_or(u32::MAX),
                    ),
                    {
                        let text = placeholder_text(line, content, pos);
                        tr!(en("to be filled: {text}"), lv("jāaizpilda: {text}"))
                    },
                )
                .help(tr!(
                    en("replace the placeholder with the programme's own text"),
                    lv("aizstājiet vietturi ar programmas tekstu"),
                )),
            );
        }
    }
}

/// The placeholder's text from `pos` (where `TODO:` starts in `line`): in a quoted scalar, up
/// to its closing quote (apostrophes in a double-quoted one, commas and ` #` in either, are
/// part of it); in a plain one, up to the end of the line or a comment (`content` is the line
/// without it).
fn placeholder_text(line: &str, content: &str, pos: usize) -> String {
    let line = line.trim_end_matches(['\n', '\r']);
    let rest = &line[pos..];
    match line[..pos].chars().next_back() {
        Some('"') => {
            let mut escaped = false;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    let close = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    close
                })
                .map_or(rest.len(), |(i, _)| i);
            rest[..end].trim().to_string()
        }
        Some('\'') => {
            // `''` is an apostrophe inside a single-quoted scalar.
            let mut out = String::new();
            let mut chars = rest.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\'' && chars.next_if_eq(&'\'').is_none() {
                    break;
                }
                out.push(c);
            }
            out.trim().to_string()
        }
        _ => content[pos..].trim().to_string(),
    }
}
