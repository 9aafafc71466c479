//! Monitoring: each event's timing must be possible (a real month, two months for twice a
//! year, a year for a one-off), a recorded completion cannot lie in the future, and it must
//! name an occurrence the event has (expanded as `pmp calendar` expands it).

use super::at;
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::model::{Programme, Recurrence};

pub fn check(p: &Programme, today: chrono::NaiveDate, sink: &mut Sink) {
    let Some(f) = &p.monitoring else { return };
    for (i, ev) in f.events.iter().enumerate() {
        let e = || Entity::new("event", &ev.id, Some(&ev.title));
        let t = &ev.timing;
        let mut bad = |loc, msg: String, help: &str| {
            sink.push(
                Diagnostic::new(Code::InvalidTiming, loc, msg)
                    .path(at("events", i, "timing"))
                    .entity(e())
                    .help(help.to_string()),
            );
        };
        for m in t.month.iter().chain(t.months.iter()) {
            if !(1..=12).contains(&m.value) {
                bad(
                    m.loc,
                    format!("month {} does not exist", m.value),
                    "months are 1 (janvāris) to 12 (decembris)",
                );
            }
        }
        match t.every.value {
            Recurrence::Once => {
                if t.year.is_none() {
                    bad(
                        t.every.loc,
                        "a one-off event needs a `year`".into(),
                        "add `year:` (and `month:`)",
                    );
                }
                if t.month.is_none() {
                    bad(
                        t.every.loc,
                        "a one-off event needs a `month`".into(),
                        "add `month:` (1-12)",
                    );
                }
            }
            Recurrence::Yearly => {
                if t.month.is_none() {
                    bad(
                        t.every.loc,
                        "a yearly event needs a `month`".into(),
                        "add `month:` (1-12)",
                    );
                }
            }
            Recurrence::TwiceYearly => {
                if !(t.months.is_empty() || t.months.len() == 2) {
                    bad(
                        t.every.loc,
                        format!("twice a year needs two months, {} given", t.months.len()),
                        "give `months: [M1, M2]`, or no months when the source names none",
                    );
                } else if t.months.len() == 2 && t.months[0].value == t.months[1].value {
                    bad(
                        t.months[1].loc,
                        "twice a year names the same month twice".into(),
                        "give two different months",
                    );
                }
            }
            Recurrence::Date => {
                if t.date.is_none() {
                    bad(
                        t.every.loc,
                        "an event on a date needs a `date`".into(),
                        "add `date: YYYY-MM-DD`",
                    );
                }
            }
            Recurrence::AsNeeded => {}
        }
        for (k, d) in ev.done.iter().enumerate() {
            if d.date.value > today {
                sink.push(
                    Diagnostic::new(
                        Code::CompletionInFuture,
                        d.date.loc,
                        format!("the completion is dated {}, after today ({today})", d.date.value),
                    )
                    .path(format!("events[{i}].done[{k}].date"))
                    .entity(e())
                    .help("record a completion when it has happened"),
                );
            }
        }
        // With no period (`invalid-period` reports it) or no occurrence, there is nothing to
        // match a completion against.
        if let Some(m) = &p.manifest
            && m.period.from.value <= m.period.to.value
            && let Ok(occurrences) = crate::calendar::event_schedule(ev, Some(&m.period))
            && !occurrences.is_empty()
        {
            for (k, d) in ev.done.iter().enumerate() {
                if occurrences.iter().any(|o| o.accepts(&d.occurrence)) {
                    continue;
                }
                let keys: Vec<&str> = occurrences.iter().map(|o| o.key.as_str()).collect();
                let shown = if keys.len() > 8 {
                    format!("{}, …", keys[..8].join(", "))
                } else {
                    keys.join(", ")
                };
                sink.push(
                    Diagnostic::new(
                        Code::UnknownOccurrence,
                        d.occurrence.loc,
                        format!(
                            "the completion is for occurrence `{}`, which the event does not have",
                            d.occurrence.value
                        ),
                    )
                    .path(format!("events[{i}].done[{k}].occurrence"))
                    .entity(e())
                    .help(format!(
                        "its occurrences are: {shown} (a yearly event's year, YYYY-MM for twice a year, the day for a date)"
                    )),
                );
            }
        }
    }
}
