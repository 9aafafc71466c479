//! The programme's calendar: every monitoring event and every dated task of the action plan,
//! expanded into concrete dated entries across the programme's period.
//!
//! [`event_schedule`] turns one event's timing into its occurrences (a month of a year, a
//! day, a month every year, two months every year); the checker uses it too, to match recorded
//! completions against real occurrences. [`Calendar::build`] expands a whole loaded programme,
//! resolving institutions through the checker's [`Index`]. The renderers live beside this
//! file: `ics` (RFC 5545), `md` (a table per month), `json` (a documented contract), and `due`
//! decides what is due and what is overdue on a given day.

pub mod due;
pub mod ics;
pub mod json;
pub mod md;

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{
    Activity, Done, Event, Loc, Manifest, Output, Part, PartialDate, Period, Programme, Recurrence, Task,
};
use crate::model::{Index, norm_name};

/// How precisely an entry is dated, which decides how it is shown and exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Span {
    /// One day.
    Day,
    /// A whole calendar month.
    Month,
    /// A whole calendar year.
    Year,
    /// From one day to another (a task with a start and an end).
    Range,
}

impl Span {
    pub fn as_str(self) -> &'static str {
        match self {
            Span::Day => "day",
            Span::Month => "month",
            Span::Year => "year",
            Span::Range => "range",
        }
    }
}

/// One dated occurrence: its key (what `done.occurrence` names) and its first and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// `2025` (yearly), `2025-03` (twice a year, once), `2025-08-15` (a date); for a task its
    /// dates as written (`2025-09..2026-05`).
    pub key: String,
    /// Another spelling `done.occurrence` may use: the month of a yearly event (`2025-08`),
    /// the year of a one-off (`2028`).
    pub alias: Option<String>,
    pub start: NaiveDate,
    /// The last day (inclusive).
    pub end: NaiveDate,
    pub span: Span,
}

impl Occurrence {
    /// Whether a `done.occurrence` as written names this occurrence.
    pub fn accepts(&self, written: &str) -> bool {
        let w = written.trim();
        w == self.key || self.alias.as_deref() == Some(w)
    }

    /// The whole month `m` of `year`, or `None` when the month does not exist.
    fn month(year: i32, m: u32, key: String, alias: Option<String>) -> Option<Occurrence> {
        let (start, end) = month_bounds(year, m)?;
        Some(Occurrence {
            key,
            alias,
            start,
            end,
            span: Span::Month,
        })
    }

    /// The day after the last one: the exclusive end iCalendar wants.
    pub fn end_exclusive(&self) -> NaiveDate {
        self.end.checked_add_days(Days::new(1)).unwrap_or(self.end)
    }
}

/// Why something has no place in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unscheduled {
    /// `every: as-needed`.
    AsNeeded,
    /// `every: twice-yearly` without the months.
    MonthsNotGiven,
    /// The timing is impossible or incomplete (`pmp check` reports `invalid-timing`).
    InvalidTiming,
    /// A task with no start and no end.
    NoDates,
    /// A task that ends before it starts.
    EndsBeforeStart,
}

impl Unscheduled {
    pub fn key(self) -> &'static str {
        match self {
            Unscheduled::AsNeeded => "as-needed",
            Unscheduled::MonthsNotGiven => "months-not-given",
            Unscheduled::InvalidTiming => "invalid-timing",
            Unscheduled::NoDates => "no-dates",
            Unscheduled::EndsBeforeStart => "ends-before-start",
        }
    }

    /// The note shown to people, in Latvian.
    pub fn note(self) -> &'static str {
        match self {
            Unscheduled::AsNeeded => "pēc vajadzības, laiks netiek plānots",
            Unscheduled::MonthsNotGiven => "divreiz gadā, bet mēneši nav norādīti",
            Unscheduled::InvalidTiming => "laiks norādīts nepareizi (sk. `pmp check`)",
            Unscheduled::NoDates => "termiņš nav norādīts kā datums",
            Unscheduled::EndsBeforeStart => "beigas norādītas pirms sākuma",
        }
    }
}

/// The occurrences of one event across `period`, or why it has none.
pub fn event_schedule(ev: &Event, period: Option<&Period>) -> Result<Vec<Occurrence>, Unscheduled> {
    let t = &ev.timing;
    let years = || period.map(Period::years).into_iter().flatten();
    match t.every.value {
        Recurrence::AsNeeded => Err(Unscheduled::AsNeeded),
        Recurrence::Date => {
            let d = t.date.as_ref().ok_or(Unscheduled::InvalidTiming)?.value;
            Ok(vec![Occurrence {
                key: d.format("%Y-%m-%d").to_string(),
                alias: None,
                start: d,
                end: d,
                span: Span::Day,
            }])
        }
        Recurrence::Once => {
            let (Some(y), Some(m)) = (&t.year, &t.month) else {
                return Err(Unscheduled::InvalidTiming);
            };
            let occ = Occurrence::month(
                y.value,
                m.value,
                format!("{:04}-{:02}", y.value, m.value),
                Some(format!("{:04}", y.value)),
            );
            occ.map(|o| vec![o]).ok_or(Unscheduled::InvalidTiming)
        }
        Recurrence::Yearly => {
            let m = t.month.as_ref().ok_or(Unscheduled::InvalidTiming)?.value;
            years()
                .map(|y| Occurrence::month(y, m, format!("{y:04}"), Some(format!("{y:04}-{m:02}"))))
                .collect::<Option<Vec<_>>>()
                .ok_or(Unscheduled::InvalidTiming)
        }
        Recurrence::TwiceYearly => {
            if t.months.is_empty() {
                return Err(Unscheduled::MonthsNotGiven);
            }
            let mut months: Vec<u32> = t.months.iter().map(|m| m.value).collect();
            months.sort_unstable();
            months.dedup();
            if months.len() != 2 {
                return Err(Unscheduled::InvalidTiming);
            }
            years()
                .flat_map(|y| months.iter().map(move |&m| (y, m)))
                .map(|(y, m)| Occurrence::month(y, m, format!("{y:04}-{m:02}"), None))
                .collect::<Option<Vec<_>>>()
                .ok_or(Unscheduled::InvalidTiming)
        }
    }
}

/// The first and last day of month `m` of `year`.
fn month_bounds(year: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_ymd_opt(year, m, 1)?;
    let end = start.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
    Some((start, end))
}

/// The first day a partial date can mean.
fn first_day(d: PartialDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

/// The last day a partial date can mean.
fn last_day(d: PartialDate) -> Option<NaiveDate> {
    match (d.month, d.day) {
        (Some(m), Some(day)) => NaiveDate::from_ymd_opt(d.year, m, day),
        (Some(m), None) => month_bounds(d.year, m).map(|(_, end)| end),
        _ => NaiveDate::from_ymd_opt(d.year, 12, 31),
    }
}

fn precision(d: PartialDate) -> Span {
    match (d.month, d.day) {
        (Some(_), Some(_)) => Span::Day,
        (Some(_), None) => Span::Month,
        _ => Span::Year,
    }
}

/// The span of a task: from its start to its end, or the one of them it gives.
pub fn task_schedule(t: &Task) -> Result<Occurrence, Unscheduled> {
    let (start, end) = match (t.start.as_ref(), t.end.as_ref()) {
        (None, None) => return Err(Unscheduled::NoDates),
        (Some(s), None) => (s.value, s.value),
        (None, Some(e)) => (e.value, e.value),
        (Some(s), Some(e)) => (s.value, e.value),
    };
    let first = first_day(start).ok_or(Unscheduled::NoDates)?;
    let last = last_day(end).ok_or(Unscheduled::NoDates)?;
    if last < first {
        return Err(Unscheduled::EndsBeforeStart);
    }
    let (key, span) = if start == end {
        (start.to_string(), precision(start))
    } else {
        (format!("{start}..{end}"), Span::Range)
    };
    Ok(Occurrence {
        key,
        alias: None,
        start: first,
        end: last,
        span,
    })
}

/// An institution as an entry names it: as written, and as the registry resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub written: String,
    /// The registry id, when the reference resolves.
    pub id: Option<String>,
    /// The official name from the registry, or the reference as written.
    pub name: String,
}

impl Body {
    /// What `--institution` compares: the registry id, or the normalized name as written.
    fn key(&self) -> String {
        self.id.clone().unwrap_or_else(|| norm_name(&self.written))
    }
}

/// Where an entry comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Event(&'a Event),
    Task(&'a Activity, &'a Task),
}

impl<'a> Source<'a> {
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Event(_) => "event",
            Source::Task(..) => "task",
        }
    }

    pub fn id(&self) -> &'a str {
        match self {
            Source::Event(e) => &e.id.value,
            Source::Task(_, t) => &t.id.value,
        }
    }

    pub fn number(&self) -> Option<&'a str> {
        match self {
            Source::Event(e) => e.number.as_ref().map(|n| n.value.as_str()),
            Source::Task(_, t) => t.number.as_ref().map(|n| n.value.as_str()),
        }
    }

    pub fn title(&self) -> &'a str {
        match self {
            Source::Event(e) => &e.title.value,
            Source::Task(_, t) => &t.title.value,
        }
    }

    /// The timing as printed in the source, if it gives one.
    pub fn timing_text(&self) -> Option<&'a str> {
        match self {
            Source::Event(e) => e.timing.text.as_ref().map(|t| t.value.as_str()),
            Source::Task(_, t) => t.timing.as_ref().map(|t| t.value.as_str()),
        }
    }

    /// The part (file) it is written in.
    pub fn part(&self) -> Part {
        match self {
            Source::Event(_) => Part::Monitoring,
            Source::Task(..) => Part::Plan,
        }
    }

    /// The position of the event's or task's id: where a reminder points.
    pub fn loc(&self) -> Loc {
        match self {
            Source::Event(e) => e.id.loc,
            Source::Task(_, t) => t.id.loc,
        }
    }

    /// The one-line title people see: number and title; a task says it is one, and names its
    /// activity's number when it has none of its own ("Aktivitātes 1.1. uzdevums: …").
    pub fn summary(&self) -> String {
        let title = self.title().trim();
        let number = self.number().map(str::trim).filter(|n| !n.is_empty());
        match (self, number) {
            (Source::Event(_), Some(n)) => format!("{n} {title}"),
            (Source::Event(_), None) => title.to_string(),
            (Source::Task(..), Some(n)) => format!("Uzdevums {n} {title}"),
            (Source::Task(a, _), None) => match a.number.as_ref().map(|n| n.trim()).filter(|n| !n.is_empty())
            {
                Some(an) => format!("Aktivitātes {an} uzdevums: {title}"),
                None => format!("Uzdevums: {title}"),
            },
        }
    }
}

/// What an event produces, in Latvian.
pub fn output_lv(o: Output) -> &'static str {
    match o {
        Output::AnnualReport => "ikgadējais pārskats",
        Output::FinalReport => "gala pārskats",
        Output::PlanUpdate => "plāna aktualizācija",
        Output::Order => "rīkojums",
        Output::Information => "informācija",
        Output::Other => "cits",
    }
}

/// What an output is called in JSON.
pub fn output_key(o: Output) -> &'static str {
    match o {
        Output::AnnualReport => "annual-report",
        Output::FinalReport => "final-report",
        Output::PlanUpdate => "plan-update",
        Output::Order => "order",
        Output::Information => "information",
        Output::Other => "other",
    }
}

/// One dated entry of the calendar.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub source: Source<'a>,
    pub occurrence: Occurrence,
    /// Events: the responsible bodies. Tasks: the executors, or the activity's responsible
    /// bodies when the task names none.
    pub responsible: Vec<Body>,
    /// Tasks: the supervising bodies.
    pub supervisor: Vec<Body>,
    /// The recorded completion of this occurrence, if any.
    pub done: Option<&'a Done>,
}

impl Entry<'_> {
    /// Stable across runs and edits of everything but the ids: programme, kind, id and
    /// occurrence, so a calendar re-imported updates its entries instead of adding copies.
    pub fn uid(&self, programme: &str) -> String {
        let mut uid = String::new();
        for (i, part) in [
            programme,
            self.source.kind(),
            self.source.id(),
            &self.occurrence.key,
        ]
        .iter()
        .enumerate()
        {
            if i > 0 {
                uid.push('/');
            }
            uid.push_str(&uid_safe(part));
        }
        uid.push_str("@pmp");
        uid
    }

    fn concerns(&self, key: &str) -> bool {
        self.responsible
            .iter()
            .chain(&self.supervisor)
            .any(|b| b.key() == key)
    }
}

/// Percent-encodes everything but ASCII letters, digits and `.`, `_`, `-`, `~`, `+`.
fn uid_safe(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'~' | b'+') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An event or task that has no date.
#[derive(Debug, Clone)]
pub struct Undated<'a> {
    pub source: Source<'a>,
    pub reason: Unscheduled,
    pub responsible: Vec<Body>,
    pub supervisor: Vec<Body>,
}

impl Undated<'_> {
    fn concerns(&self, key: &str) -> bool {
        self.responsible
            .iter()
            .chain(&self.supervisor)
            .any(|b| b.key() == key)
    }
}

/// A programme's calendar.
#[derive(Debug, Clone)]
pub struct Calendar<'a> {
    pub programme: &'a Programme,
    pub manifest: &'a Manifest,
    /// Sorted by first day, last day, events before tasks, then id and occurrence.
    pub entries: Vec<Entry<'a>>,
    pub undated: Vec<Undated<'a>>,
    /// The window kept by [`Calendar::retain_between`], if any.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// The institution kept by [`Calendar::retain_institution`], if any (its registry id).
    pub institution: Option<String>,
}

impl<'a> Calendar<'a> {
    /// Expands every event and dated task of a programme. `None` when the manifest did not
    /// load (the period and the id are unknown).
    pub fn build(p: &'a Programme, ix: &Index<'a>) -> Option<Calendar<'a>> {
        let manifest = p.manifest.as_ref()?;
        let names = |refs: &[crate::model::Sp<String>]| -> Vec<Body> {
            refs.iter().map(|r| body(p, ix, &r.value)).collect()
        };
        let mut entries = Vec::new();
        let mut undated = Vec::new();
        if let Some(m) = &p.monitoring {
            for ev in &m.events {
                let source = Source::Event(ev);
                let responsible = names(&ev.responsible);
                match event_schedule(ev, Some(&manifest.period)) {
                    Ok(occs) => {
                        for occurrence in occs {
                            let done = ev.done.iter().find(|d| occurrence.accepts(&d.occurrence));
                            entries.push(Entry {
                                source,
                                occurrence,
                                responsible: responsible.clone(),
                                supervisor: Vec::new(),
                                done,
                            });
                        }
                    }
                    Err(reason) => undated.push(Undated {
                        source,
                        reason,
                        responsible,
                        supervisor: Vec::new(),
                    }),
                }
            }
        }
        if let Some(plan) = &p.plan {
            for a in &plan.activities {
                for t in &a.tasks {
                    let source = Source::Task(a, t);
                    let responsible = if t.executor.is_empty() {
                        names(&a.responsible)
                    } else {
                        names(&t.executor)
                    };
                    let supervisor = names(&t.supervisor);
                    match task_schedule(t) {
                        Ok(occurrence) => entries.push(Entry {
                            source,
                            occurrence,
                            responsible,
                            supervisor,
                            done: None,
                        }),
                        Err(reason) => undated.push(Undated {
                            source,
                            reason,
                            responsible,
                            supervisor,
                        }),
                    }
                }
            }
        }
        entries.sort_by(|a, b| {
            (
                a.occurrence.start,
                a.occurrence.end,
                a.source.kind(),
                a.source.id(),
                &a.occurrence.key,
            )
                .cmp(&(
                    b.occurrence.start,
                    b.occurrence.end,
                    b.source.kind(),
                    b.source.id(),
                    &b.occurrence.key,
                ))
        });
        Some(Calendar {
            programme: p,
            manifest,
            entries,
            undated,
            window: None,
            institution: None,
        })
    }

    /// Keeps the entries that overlap `from..=to`.
    pub fn retain_between(&mut self, from: NaiveDate, to: NaiveDate) {
        self.entries
            .retain(|e| e.occurrence.start <= to && e.occurrence.end >= from);
        self.window = Some((from, to));
    }

    /// Keeps the entries (and undated items) an institution is responsible for or supervises.
    /// `key` comes from [`institution_key`].
    pub fn retain_institution(&mut self, key: &str) {
        self.entries.retain(|e| e.concerns(key));
        self.undated.retain(|u| u.concerns(key));
        self.institution = Some(key.to_string());
    }

    /// The official name of the institution kept by [`Calendar::retain_institution`].
    pub fn institution_name(&self) -> Option<String> {
        let key = self.institution.as_deref()?;
        let registry = self.programme.institutions.as_ref();
        let found = registry.and_then(|f| f.institutions.iter().find(|i| i.id.value == key));
        Some(found.map_or_else(|| key.to_string(), |i| i.name.value.clone()))
    }

    /// The date every VEVENT carries as DTSTAMP: the latest of the adoption, the amendments
    /// and the recorded completions, so it moves only when the programme's record moves (never
    /// with the clock). The first day of the period when the programme records none.
    pub fn stamp(&self) -> NaiveDate {
        let m = self.manifest;
        let decisions = m
            .adoption
            .iter()
            .chain(m.amendments.iter().map(|a| &a.decision))
            .map(|d| d.date.value);
        let completions = self
            .programme
            .monitoring
            .iter()
            .flat_map(|f| f.events.iter().flat_map(|e| e.done.iter().map(|d| d.date.value)));
        decisions
            .chain(completions)
            .max()
            .or_else(|| NaiveDate::from_ymd_opt(*m.period.from, 1, 1))
            .unwrap_or_default()
    }

    /// The month an entry is listed under: its first month, or the window's first month
    /// when it began earlier.
    pub fn listed_month(&self, e: &Entry<'_>) -> (i32, u32) {
        let d = match self.window {
            Some((from, _)) if from > e.occurrence.start => from,
            _ => e.occurrence.start,
        };
        (d.year(), d.month())
    }
}

/// Resolves one institution reference through the registry.
fn body(p: &Programme, ix: &Index<'_>, written: &str) -> Body {
    let id = ix.institution(written);
    let name = id
        .and_then(|id| {
            p.institutions
                .as_ref()?
                .institutions
                .iter()
                .find(|i| i.id.value == id)
                .map(|i| i.name.value.clone())
        })
        .unwrap_or_else(|| written.trim().to_string());
    Body {
        written: written.to_string(),
        id: id.map(str::to_string),
        name,
    }
}

/// What `--institution` keeps: the registry id of `reference` (an id, name or short form), or
/// its normalized spelling when the programme has no registry. An error names the nearest
/// spelling the registry knows.
pub fn institution_key(ix: &Index<'_>, reference: &str) -> Result<String, crate::i18n::Text> {
    if !ix.has_registry {
        return Ok(norm_name(reference));
    }
    if let Some(id) = ix.institution(reference) {
        return Ok(id.to_string());
    }
    Err(
        match crate::diag::did_you_mean(reference, ix.institution_spellings.iter().copied()) {
            Some(s) => crate::tr!(
                en("no institution `{reference}` in the registry; did you mean `{s}`?"),
                lv("reģistrā nav institūcijas `{reference}`; vai domājāt `{s}`?"),
            ),
            None => crate::tr!(
                en(
                    "no institution `{reference}` in the registry; give an id, name or short form from institutions.yaml"
                ),
                lv(
                    "reģistrā nav institūcijas `{reference}`; norādiet identifikatoru, nosaukumu vai saīsinājumu no institutions.yaml"
                ),
            ),
        },
    )
}

/// When an occurrence is, for people: `01.09.2025.`, `2025. gada augusts`, `2025. gadā`,
/// `01.09.2025.–31.05.2026.`.
pub fn when_lv(o: &Occurrence) -> String {
    match o.span {
        Span::Day => crate::lv::date_short(o.start),
        Span::Month => crate::lv::month_year(o.start.year(), o.start.month()),
        Span::Year => crate::lv::year_locative(o.start.year()),
        Span::Range => crate::lv::date_range_short(o.start, o.end),
    }
}

/// Parses a command-line day: `YYYY-MM-DD`.
pub fn date_arg(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date (YYYY-MM-DD): {e}"))
}

/// Parses a command-line `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first day it can mean.
pub fn first_day_arg(s: &str) -> Result<NaiveDate, String> {
    PartialDate::parse(s).and_then(|d| first_day(d).ok_or_else(|| format!("`{s}` is out of range")))
}

/// Parses a command-line `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the last day it can mean.
pub fn last_day_arg(s: &str) -> Result<NaiveDate, String> {
    PartialDate::parse(s).and_then(|d| last_day(d).ok_or_else(|| format!("`{s}` is out of range")))
}

/// Names of bodies joined for people: `A, B`.
pub fn names(bodies: &[Body]) -> String {
    bodies
        .iter()
        .map(|b| b.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Sp, Timing};

    fn event(every: Recurrence, f: impl FnOnce(&mut Timing)) -> Event {
        let mut timing = Timing {
            every: Sp::bare(every),
            year: None,
            month: None,
            months: Vec::new(),
            date: None,
            text: None,
        };
        f(&mut timing);
        Event {
            id: Sp::bare("e".into()),
            number: None,
            title: Sp::bare("E".into()),
            timing,
            responsible: Vec::new(),
            procedure: None,
            output: None,
            done: Vec::new(),
        }
    }

    fn period(from: i32, to: i32) -> Period {
        Period {
            from: Sp::bare(from),
            to: Sp::bare(to),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn yearly_is_a_month_every_year() {
        let ev = event(Recurrence::Yearly, |t| t.month = Some(Sp::bare(2)));
        let occ = event_schedule(&ev, Some(&period(2027, 2028))).unwrap();
        assert_eq!(occ.len(), 2);
        assert_eq!(occ[1].key, "2028");
        assert_eq!((occ[1].start, occ[1].end), (d(2028, 2, 1), d(2028, 2, 29)));
        assert!(occ[1].accepts("2028-02") && occ[1].accepts(" 2028 ") && !occ[1].accepts("2027"));
        assert_eq!(occ[1].end_exclusive(), d(2028, 3, 1));
    }

    #[test]
    fn twice_yearly_without_months_is_unscheduled() {
        let ev = event(Recurrence::TwiceYearly, |_| {});
        assert_eq!(
            event_schedule(&ev, Some(&period(2024, 2025))),
            Err(Unscheduled::MonthsNotGiven)
        );
        let ev = event(Recurrence::TwiceYearly, |t| {
            t.months = vec![Sp::bare(10), Sp::bare(3)]
        });
        let keys: Vec<String> = event_schedule(&ev, Some(&period(2024, 2025)))
            .unwrap()
            .into_iter()
            .map(|o| o.key)
            .collect();
        assert_eq!(keys, ["2024-03", "2024-10", "2025-03", "2025-10"]);
    }

    #[test]
    fn impossible_timing_is_unscheduled() {
        let ev = event(Recurrence::Yearly, |t| t.month = Some(Sp::bare(13)));
        assert_eq!(
            event_schedule(&ev, Some(&period(2024, 2025))),
            Err(Unscheduled::InvalidTiming)
        );
        let ev = event(Recurrence::Once, |t| t.year = Some(Sp::bare(2025)));
        assert_eq!(event_schedule(&ev, None), Err(Unscheduled::InvalidTiming));
    }

    #[test]
    fn task_spans() {
        let task = |start: Option<&str>, end: Option<&str>| Task {
            id: Sp::bare("t".into()),
            number: None,
            title: Sp::bare("T".into()),
            executor: Vec::new(),
            supervisor: Vec::new(),
            start: start.map(|s| Sp::bare(PartialDate::parse(s).unwrap())),
            end: end.map(|s| Sp::bare(PartialDate::parse(s).unwrap())),
            timing: None,
        };
        let o = task_schedule(&task(Some("2025-09"), Some("2026"))).unwrap();
        assert_eq!(
            (o.start, o.end, o.span),
            (d(2025, 9, 1), d(2026, 12, 31), Span::Range)
        );
        assert_eq!(o.key, "2025-09..2026");
        let o = task_schedule(&task(None, Some("2028-02-29"))).unwrap();
        assert_eq!(
            (o.start, o.end, o.span),
            (d(2028, 2, 29), d(2028, 2, 29), Span::Day)
        );
        assert_eq!(
            task_schedule(&task(Some("2026"), Some("2025"))),
            Err(Unscheduled::EndsBeforeStart)
        );
        assert_eq!(task_schedule(&task(None, None)), Err(Unscheduled::NoDates));
    }

    #[test]
    fn uids_are_safe() {
        assert_eq!(uid_safe("a b/ā"), "a%20b%2F%C4%81");
    }
}
