//! Period: every year the programme names lies inside its period, baselines are not set after
//! a year that already has a target, and the monitoring section states the same period.

use super::at;
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::Lang;
use crate::model::{Loc, PartialDate, Period, Programme};
use crate::tr;

/// A task's date in the message's language: `2025-09` / `09.2025.`.
fn date_lv(d: &PartialDate) -> String {
    Lang::Lv.partial_date(d.year, d.month, d.day)
}

pub fn check(p: &Programme, sink: &mut Sink) {
    let Some(m) = &p.manifest else { return };
    let period = &m.period;
    if *period.from > *period.to {
        sink.push(
            Diagnostic::new(
                Code::InvalidPeriod,
                period.to.loc,
                tr!(
                    en(
                        "the period ends in {} before it starts in {}",
                        *period.to,
                        *period.from
                    ),
                    lv(
                        "periods beidzas {}. gadā, pirms tas sākas ({}. gadā)",
                        *period.to,
                        *period.from
                    ),
                ),
            )
            .path("period.to")
            .help(tr!(
                en("swap `from` and `to`"),
                lv("samainiet vietām `from` un `to`")
            )),
        );
        return;
    }
    if let Some(msg) = Period::problem(*period.from, *period.to) {
        // Point at the year that is wrong: the implausible one, else the end of a too long period.
        let plausible = |y: i32| (Period::FIRST_YEAR..=Period::LAST_YEAR).contains(&y);
        let (field, loc) = if plausible(*period.from) {
            ("period.to", period.to.loc)
        } else {
            ("period.from", period.from.loc)
        };
        sink.push(
            Diagnostic::new(Code::InvalidPeriod, loc, msg)
                .path(field)
                .help(tr!(
                    en(
                        "write four-digit years from {} to {}, at most {} years apart (a typo such as `20280` for `2028`?)",
                        Period::FIRST_YEAR,
                        Period::LAST_YEAR,
                        Period::MAX_YEARS
                    ),
                    lv(
                        "ierakstiet četrciparu gadus no {}. līdz {}. gadam, ne vairāk kā {} gadu robežās (varbūt drukas kļūda, piemēram, `20280` `2028` vietā?)",
                        Period::FIRST_YEAR,
                        Period::LAST_YEAR,
                        Period::MAX_YEARS
                    ),
                )),
        );
        return;
    }
    let range = format!("{}–{}", *period.from, *period.to);
    let range_lv = Lang::Lv.year_range(*period.from, *period.to);
    // `what` names the year in both languages: „the activity's year” / „aktivitātes gads”.
    let outside = |year: i32, loc: Loc, what: (String, &str), path: String, entity: Option<Entity>| {
        if period.contains(year) {
            return None;
        }
        let (what, what_lv) = what;
        let mut d = Diagnostic::new(
            Code::YearOutsidePeriod,
            loc,
            tr!(
                en("{what} {year} lies outside the programme's period {range}"),
                lv("{what_lv} ({year}.) nav programmas periodā ({range_lv})"),
            ),
        )
        .path(path)
        .help(tr!(
            en("use a year from {range}, or change the period in programme.yaml"),
            lv("norādiet gadu no perioda {range_lv} vai mainiet periodu failā `programme.yaml`"),
        ));
        if let Some(e) = entity {
            d = d.entity(e);
        }
        Some(d)
    };
    let mut found = Vec::new();
    if let Some(f) = &p.plan {
        for (i, a) in f.activities.iter().enumerate() {
            let e = || Some(Entity::new("activity", &a.id, Some(&a.title)));
            for (j, y) in a.years.iter().enumerate() {
                found.extend(outside(
                    y.value,
                    y.loc,
                    ("the activity's year".into(), "aktivitātes gads"),
                    format!("activities[{i}].years[{j}]"),
                    e(),
                ));
            }
            for (k, t) in a.tasks.iter().enumerate() {
                for (field, field_lv, d) in [
                    ("start", "darba uzdevuma sākuma gads", &t.start),
                    ("end", "darba uzdevuma beigu gads", &t.end),
                ] {
                    if let Some(d) = d {
                        found.extend(outside(
                            d.value.year,
                            d.loc,
                            (format!("the task's {field}"), field_lv),
                            format!("activities[{i}].tasks[{k}].{field}"),
                            Some(Entity::new("task", &t.id, Some(&t.title))),
                        ));
                    }
                }
                if let (Some(s), Some(e)) = (&t.start, &t.end)
                    && e.value < s.value
                {
                    found.push(
                        Diagnostic::new(
                            Code::InvalidPeriod,
                            e.loc,
                            tr!(
                                en("the task ends ({}) before it starts ({})", e.value, s.value),
                                lv(
                                    "darba uzdevuma beigas ({}) ir agrāk par tā sākumu ({})",
                                    date_lv(&e.value),
                                    date_lv(&s.value)
                                ),
                            ),
                        )
                        .path(format!("activities[{i}].tasks[{k}].end"))
                        .entity(Entity::new("task", &t.id, Some(&t.title)))
                        .help(tr!(
                            en("swap `start` and `end`, or correct the one that is wrong"),
                            lv("samainiet vietām `start` un `end` vai izlabojiet kļūdaino datumu"),
                        )),
                    );
                }
            }
        }
    }
    if let Some(f) = &p.indicators {
        for (i, y) in f.milestones.iter().enumerate() {
            found.extend(outside(
                y.value,
                y.loc,
                ("the milestone year".into(), "starpposma gads"),
                format!("milestones[{i}]"),
                None,
            ));
        }
        for (i, ind) in f.indicators.iter().enumerate() {
            let e = || Some(Entity::new("indicator", &ind.id, Some(&ind.title)));
            for (j, t) in ind.targets.iter().enumerate() {
                found.extend(outside(
                    t.year.value,
                    t.year.loc,
                    ("the target year".into(), "sasniedzamās vērtības gads"),
                    format!("indicators[{i}].targets[{j}].year"),
                    e(),
                ));
            }
            if let Some(set) = &ind.baseline.to_be_set
                && let Some(t) = ind
                    .targets
                    .iter()
                    .filter(|t| t.year.value < set.value)
                    .min_by_key(|t| t.year.value)
            {
                found.push(
                        Diagnostic::new(
                            Code::BaselineAfterTarget,
                            set.loc,
                            tr!(
                                en("the baseline is to be set in {}, after the {} target", set.value, t.year.value),
                                lv(
                                    "bāzes vērtību paredzēts noteikt {}. gadā, vēlāk nekā {}. gada sasniedzamo vērtību",
                                    set.value, t.year.value
                                ),
                            ),
                        )
                        .path(at("indicators", i, "baseline.to_be_set"))
                        .entity(Entity::new("indicator", &ind.id, Some(&ind.title)))
                        .help(tr!(
                            en("a target cannot be judged before its baseline exists: set the baseline earlier or drop the earlier target"),
                            lv("sasniedzamo vērtību nevar izvērtēt, pirms nav zināma bāzes vērtība: nosakiet bāzes vērtību agrāk vai atsakieties no agrākās sasniedzamās vērtības"),
                        )),
                    );
            }
        }
    }
    if let Some(f) = &p.monitoring {
        for (i, ev) in f.events.iter().enumerate() {
            let e = || Some(Entity::new("event", &ev.id, Some(&ev.title)));
            if let Some(y) = &ev.timing.year {
                found.extend(outside(
                    y.value,
                    y.loc,
                    ("the event's year".into(), "uzraudzības notikuma gads"),
                    format!("events[{i}].timing.year"),
                    e(),
                ));
            }
            if let Some(d) = &ev.timing.date {
                use chrono::Datelike;
                found.extend(outside(
                    d.value.year(),
                    d.loc,
                    (
                        "the year of the event's date".into(),
                        "uzraudzības notikuma datuma gads",
                    ),
                    format!("events[{i}].timing.date"),
                    e(),
                ));
            }
        }
        if let Some(mp) = &f.period {
            mismatch(period, mp, sink);
        }
    }
    for d in found {
        sink.push(d);
    }
}

fn mismatch(period: &Period, stated: &Period, sink: &mut Sink) {
    if *stated.from != *period.from || *stated.to != *period.to {
        let loc = if *stated.from != *period.from {
            stated.from.loc
        } else {
            stated.to.loc
        };
        sink.push(
            Diagnostic::new(
                Code::PeriodMismatch,
                loc,
                tr!(
                    en(
                        "the monitoring section states the period {}–{}, the programme's is {}–{}",
                        *stated.from,
                        *stated.to,
                        *period.from,
                        *period.to
                    ),
                    lv(
                        "uzraudzības sadaļā norādītais periods ir {}, bet programmas periods ir {}",
                        Lang::Lv.year_range(*stated.from, *stated.to),
                        Lang::Lv.year_range(*period.from, *period.to)
                    ),
                ),
            )
            .path("period")
            .help(tr!(
                en("make both the same; the programme's period is in programme.yaml"),
                lv("norādiet abās vietās vienu periodu; programmas periods ir failā `programme.yaml`"),
            )),
        );
    }
}
