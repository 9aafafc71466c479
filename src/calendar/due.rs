//! What is due and what is overdue on a given day, for `pmp due`.
//!
//! A monitoring event's occurrence is overdue when its last day has passed and its `done`
//! list does not record it; it is due when it is not done and it runs at some point between
//! today and `within` days from now. A task is due when its deadline (its last day) falls in
//! that window; a task is never overdue, since the programme records no completion of tasks.
//! An annual report (`output: annual-report`) recorded done still counts until the year's
//! results exist (`results/YYYY.yaml`): the report is made from them.

use crate::i18n::Lang;
use crate::tr;
use std::fmt::Write;

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};

use super::{Calendar, Entry, Source, names};
use crate::diag::gh_escape;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Overdue,
    Due,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Due => "due",
        }
    }
}

/// One entry that needs attention.
#[derive(Debug, Clone)]
pub struct Item<'c, 'a> {
    pub calendar: &'c Calendar<'a>,
    pub entry: &'c Entry<'a>,
    pub status: Status,
}

impl Item<'_, '_> {
    /// The last day to do it.
    pub fn deadline(&self) -> NaiveDate {
        self.entry.occurrence.end
    }

    /// The file the event or task is written in, as the user gave the programme's path.
    pub fn path(&self) -> String {
        let file = self.entry.source.part().file_name();
        let path = self.calendar.programme.dir.join(file);
        // `./monitoring.yaml` -> `monitoring.yaml`: GitHub matches annotations by plain paths.
        let plain: std::path::PathBuf = path
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        plain.display().to_string()
    }

    /// `title (occurrence)`, the way reminders name an entry.
    fn name(&self, lang: Lang) -> String {
        let s = &self.entry.source;
        let key = &self.entry.occurrence.key;
        match s {
            Source::Event(_) if self.entry.done.is_some() => {
                let file = crate::model::Part::results_file(self.entry.occurrence.start.year());
                match lang {
                    Lang::En => format!("{} ({key}; recorded done, but {file} is missing)", s.summary()),
                    Lang::Lv => format!(
                        "{} ({key}; atzīmēts kā izdarīts, bet nav faila {file})",
                        s.summary()
                    ),
                }
            }
            Source::Event(_) => format!("{} ({key})", s.summary()),
            Source::Task(..) => s.summary(),
        }
    }
}

/// Whether an event's occurrence still waits for the year's results: an annual report whose
/// year has no results file.
fn awaits_results(cal: &Calendar<'_>, entry: &Entry<'_>) -> bool {
    match entry.source {
        Source::Event(ev) => {
            ev.output.as_ref().map(|o| o.value) == Some(crate::model::Output::AnnualReport)
                && !cal.programme.results.contains_key(&entry.occurrence.start.year())
        }
        Source::Task(..) => false,
    }
}

/// What is overdue and what is due within `within` days of `today`: overdue first, each
/// group by deadline.
pub fn items<'c, 'a>(cal: &'c Calendar<'a>, today: NaiveDate, within: u32) -> Vec<Item<'c, 'a>> {
    let horizon = today
        .checked_add_days(Days::new(u64::from(within)))
        .unwrap_or(NaiveDate::MAX);
    let mut out: Vec<Item<'c, 'a>> = cal
        .entries
        .iter()
        .filter_map(|entry| {
            let occ = &entry.occurrence;
            let status = match entry.source {
                Source::Event(_) if entry.done.is_some() && !awaits_results(cal, entry) => None,
                Source::Event(_) if occ.end < today => Some(Status::Overdue),
                Source::Event(_) if occ.start <= horizon => Some(Status::Due),
                Source::Task(..) if (today..=horizon).contains(&occ.end) => Some(Status::Due),
                _ => None,
            }?;
            Some(Item {
                calendar: cal,
                entry,
                status,
            })
        })
        .collect();
    out.sort_by_key(|i| (i.status, i.deadline()));
    out
}

/// Days from `today` to `d` (negative when `d` has passed).
fn days(today: NaiveDate, d: NaiveDate) -> i64 {
    (d - today).num_days()
}

fn relative(today: NaiveDate, d: NaiveDate, lang: Lang) -> String {
    match (lang, days(today, d)) {
        (Lang::En, 0) => "today".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (Lang::En, -1) => "yesterday".into(),
        (Lang::En, n) if n < 0 => format!("{} days ago", -n),
        (Lang::En, n) => format!("in {n} days"),
        (Lang::Lv, 0) => "šodien".into(),
        (Lang::Lv, 1) => "rīt".into(),
        (Lang::Lv, -1) => "vakar".into(),
        // „pirms 3 dienām”, „pēc 21 dienas”: the genitive singular after 21, 31, …
        (Lang::Lv, n) if n < 0 => format!(
            "pirms {}",
            lang.count(n.unsigned_abs() as usize, "dienas", "dienām")
        ),
        (Lang::Lv, n) => format!("pēc {}", lang.count(n as usize, "dienas", "dienām")),
    }
}

/// A date as the run's language writes it: `2025-09-30` / `30.09.2025.`.
fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Lv => crate::lv::date_short(d),
    }
}

/// `overdue`/`due`, or the Latvian „nokavēts”/„jāizdara”.
fn status_word(status: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::En => status.as_str(),
        Lang::Lv => match status {
            Status::Overdue => "nokavēts",
            Status::Due => "jāizdara",
        },
    }
}

/// Plain text: per programme, one line per item, then a count and a hint.
pub fn text(calendars: &[Calendar<'_>], today: NaiveDate, within: u32) -> String {
    let lang = crate::i18n::ui();
    let mut out = String::new();
    let (mut overdue, mut due) = (0, 0);
    for cal in calendars {
        let list = items(cal, today, within);
        let id = &cal.manifest.id.value;
        let _ = match lang {
            Lang::En => writeln!(out, "{id} (today {today}, next {within} days):"),
            Lang::Lv => writeln!(
                out,
                "{id} (šodien {}, nākamās {within} dienas):",
                date(today, lang)
            ),
        };
        if list.is_empty() {
            let _ = writeln!(
                out,
                "  {}",
                match lang {
                    Lang::En => "nothing overdue, nothing due",
                    Lang::Lv => "nekas nav nokavēts, nekas nav jāizdara",
                }
            );
        }
        for i in &list {
            match i.status {
                Status::Overdue => overdue += 1,
                Status::Due => due += 1,
            }
            let who = names(&i.entry.responsible);
            // What has not begun yet says when it begins.
            let from = match (i.entry.occurrence.start, lang) {
                (s, Lang::En) if s > today => format!("from {s} "),
                (s, Lang::Lv) if s > today => format!("no {} ", date(s, lang)),
                _ => String::new(),
            };
            let by = match lang {
                Lang::En => "by",
                Lang::Lv => "līdz",
            };
            let _ = writeln!(
                out,
                "  {:<8} {from}{by} {} ({}): {}{}",
                status_word(i.status, lang),
                date(i.deadline(), lang),
                relative(today, i.deadline(), lang),
                i.name(lang),
                if who.is_empty() {
                    String::new()
                } else {
                    format!(" — {who}")
                },
            );
            let _ = writeln!(out, "           {}:{}", i.path(), i.entry.source.loc().line);
        }
    }
    let _ = match lang {
        Lang::En => writeln!(out, "{overdue} overdue, {due} due within {within} days"),
        Lang::Lv => writeln!(out, "nokavēti: {overdue}; {within} dienās jāizdara: {due}"),
    };
    if overdue > 0 {
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "help: when an occurrence is done, record it under the event: `done: [{{occurrence: \"2025\", date: 2025-09-30}}]`"
            ),
            Lang::Lv => writeln!(
                out,
                "padoms: kad pasākums izdarīts, ierakstiet to pie notikuma: `done: [{{occurrence: \"2025\", date: 2025-09-30}}]`"
            ),
        };
    }
    out
}

/// JSON: `{"version": 1, "today", "within", "summary", "items": [...]}`; each item carries
/// the calendar entry as `pmp calendar --format json` writes it.
pub fn json(calendars: &[Calendar<'_>], today: NaiveDate, within: u32) -> String {
    let mut all = Vec::new();
    let (mut overdue, mut due) = (0, 0);
    for cal in calendars {
        for i in items(cal, today, within) {
            match i.status {
                Status::Overdue => overdue += 1,
                Status::Due => due += 1,
            }
            all.push(json!({
                "programme": cal.manifest.id.value,
                "status": i.status.as_str(),
                "deadline": i.deadline().to_string(),
                "days": days(today, i.deadline()),
                "path": i.path(),
                "entry": super::json::entry(cal, i.entry),
            }));
        }
    }
    let v = json!({
        "version": 1,
        "today": today.to_string(),
        "within": within,
        "summary": {"overdue": overdue, "due": due},
        "items": Value::Array(all),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// GitHub workflow commands: `::error` for what is overdue, `::warning` for what is due,
/// each at the event's (or task's) line.
pub fn github(calendars: &[Calendar<'_>], today: NaiveDate, within: u32) -> String {
    let lang = crate::i18n::ui();
    let mut out = String::new();
    for cal in calendars {
        for i in items(cal, today, within) {
            let loc = i.entry.source.loc();
            let (name, by, when) = (
                i.name(lang),
                date(i.deadline(), lang),
                relative(today, i.deadline(), lang),
            );
            let key = &i.entry.occurrence.key;
            let (cmd, msg) = match i.status {
                Status::Overdue => (
                    "error",
                    tr!(
                        en(
                            "{name} was due by {by} ({when}) and is not recorded as done\nwhen it is done, add it to the event's `done:` list with `occurrence: \"{key}\"`"
                        ),
                        lv(
                            "{name} bija jāizdara līdz {by} ({when}), bet nav atzīmēts kā izdarīts\nkad tas izdarīts, pievienojiet to notikuma sarakstam `done:` ar `occurrence: \"{key}\"`"
                        ),
                    ),
                ),
                Status::Due => (
                    "warning",
                    tr!(
                        en("{name} is due by {by} ({when})"),
                        lv("{name} jāizdara līdz {by} ({when})"),
                    ),
                ),
            };
            let who = names(&i.entry.responsible);
            let msg = msg.get(lang).to_string();
            let msg = if who.is_empty() {
                msg
            } else {
                match lang {
                    Lang::En => format!("{msg}\nresponsible: {who}"),
                    Lang::Lv => format!("{msg}\natbildīgie: {who}"),
                }
            };
            let _ = writeln!(
                out,
                "::{cmd} file={},line={},col={},title={}::{}",
                gh_escape(&i.path(), true),
                loc.line.max(1),
                loc.column.max(1),
                gh_escape(&format!("pmp {}", i.status.as_str()), true),
                gh_escape(&msg, false)
            );
        }
    }
    out
}

/// Whether anything is overdue in any of the calendars: the exit code's question.
pub fn any_overdue(calendars: &[Calendar<'_>], today: NaiveDate, within: u32) -> bool {
    calendars.iter().any(|c| {
        items(c, today, within)
            .iter()
            .any(|i| i.status == Status::Overdue)
    })
}
