//! Monitoring: each event's timing must be possible (a real month, two months for twice a
//! year, a year for a one-off), a recorded completion cannot lie in the future, and it must
//! name an occurrence the event has (expanded as `pmp calendar` expands it).

use super::at;
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::{Lang, Text};
use crate::model::{Programme, Recurrence};
use crate::tr;

pub fn check(p: &Programme, today: chrono::NaiveDate, sink: &mut Sink) {
    let Some(f) = &p.monitoring else { return };
    for (i, ev) in f.events.iter().enumerate() {
        let e = || Entity::new("event", &ev.id, Some(&ev.title));
        let t = &ev.timing;
        let mut bad = |loc, msg: Text, help: Text| {
            sink.push(
                Diagnostic::new(Code::InvalidTiming, loc, msg)
                    .path(at("events", i, "timing"))
                    .entity(e())
                    .help(help),
            );
        };
        let add_month = || tr!(en("add `month:` (1-12)"), lv("pievienojiet `month:` (1–12)"),);
        for m in t.month.iter().chain(t.months.iter()) {
            if !(1..=12).contains(&m.value) {
                bad(
                    m.loc,
                    tr!(
                        en("month {} does not exist", m.value),
                        lv("{}. mēnesis nepastāv", m.value),
                    ),
                    tr!(
                        en("months are 1 (janvāris) to 12 (decembris)"),
                        lv("mēneši ir no 1 (janvāris) līdz 12 (decembris)"),
                    ),
                );
            }
        }
        match t.every.value {
            Recurrence::Once => {
                if t.year.is_none() {
                    bad(
                        t.every.loc,
                        tr!(
                            en("a one-off event needs a `year`"),
                            lv("vienreizējam notikumam jānorāda `year`"),
                        ),
                        tr!(
                            en("add `year:` (and `month:`)"),
                            lv("pievienojiet `year:` (un `month:`)"),
                        ),
                    );
                }
                if t.month.is_none() {
                    bad(
                        t.every.loc,
                        tr!(
                            en("a one-off event needs a `month`"),
                            lv("vienreizējam notikumam jānorāda `month`"),
                        ),
                        add_month(),
                    );
                }
            }
            Recurrence::Yearly => {
                if t.month.is_none() {
                    bad(
                        t.every.loc,
                        tr!(
                            en("a yearly event needs a `month`"),
                            lv("ikgadējam notikumam jānorāda `month`"),
                        ),
                        add_month(),
                    );
                }
            }
            Recurrence::TwiceYearly => {
                if !(t.months.is_empty() || t.months.len() == 2) {
                    bad(
                        t.every.loc,
                        tr!(
                            en("twice a year needs two months, {} given", t.months.len()),
                            lv(
                                "notikumam divreiz gadā jānorāda divi mēneši, bet {} {}",
                                Lang::Lv.plural(t.months.len(), "norādīts", "norādīti"),
                                t.months.len()
                            ),
                        ),
                        tr!(
                            en("give `months: [M1, M2]`, or no months when the source names none"),
                            lv("norādiet `months: [M1, M2]` vai nenorādiet mēnešus, ja avots tos nemin"),
                        ),
                    );
                } else if t.months.len() == 2 && t.months[0].value == t.months[1].value {
                    bad(
                        t.months[1].loc,
                        tr!(
                            en("twice a year names the same month twice"),
                            lv("notikumam divreiz gadā abas reizes norādīts viens un tas pats mēnesis"),
                        ),
                        tr!(
                            en("give two different months"),
                            lv("norādiet divus dažādus mēnešus"),
                        ),
                    );
                }
            }
            Recurrence::Date => {
                if t.date.is_none() {
                    bad(
                        t.every.loc,
                        tr!(
                            en("an event on a date needs a `date`"),
                            lv("notikumam konkrētā datumā jānorāda `date`"),
                        ),
                        tr!(
                            en("add `date: YYYY-MM-DD`"),
                            lv("pievienojiet `date: GGGG-MM-DD`"),
                        ),
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
                        tr!(
                            en("the completion is dated {}, after today ({today})", d.date.value),
                            lv(
                                "izpildes datums ir {}, vēlāk par šodienu ({})",
                                Lang::Lv.date_short(d.date.value),
                                Lang::Lv.date_short(today)
                            ),
                        ),
                    )
                    .path(format!("events[{i}].done[{k}].date"))
                    .entity(e())
                    .help(tr!(
                        en("record a completion when it has happened"),
                        lv("atzīmējiet izpildi, kad tā ir notikusi"),
                    )),
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
                        tr!(
                            en(
                                "the completion is for occurrence `{}`, which the event does not have",
                                d.occurrence.value
                            ),
                            lv(
                                "izpilde atzīmēta reizei `{}`, kuras šim uzraudzības notikumam nav",
                                d.occurrence.value
                            ),
                        ),
                    )
                    .path(format!("events[{i}].done[{k}].occurrence"))
                    .entity(e())
                    .help(tr!(
                        en(
                            "its occurrences are: {shown} (a yearly event's year, YYYY-MM for twice a year, the day for a date)"
                        ),
                        lv(
                            "notikuma reizes: {shown} (ikgadējam notikumam – gads, divreiz gadā notiekošam – GGGG-MM, konkrētā datumā notiekošam – diena)"
                        ),
                    )),
                );
            }
        }
    }
}
