//! The calendar as iCalendar (RFC 5545), for import into any calendar application.
//!
//! One VEVENT per entry, all-day: a day is `DTSTART;VALUE=DATE` to the next day, a month from
//! its first day to the first day of the next month, a year or a task's span likewise, so
//! entries never shift with time zones or daylight saving. UIDs come from the programme, the
//! entry and its occurrence, and DTSTAMP from the programme's own record
//! ([`Calendar::stamp`]), so the same programme always gives the same bytes and a re-import
//! updates entries instead of duplicating them. Text is escaped (`\\`, `;`, `,`, newlines),
//! lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.

use chrono::NaiveDate;

use super::{Calendar, Entry, Source, names, output_lv, when_lv};
use crate::lv;

/// The product identifier: fixed, so output does not change with pmp's version.
pub const PRODID: &str = "-//pmp//PMP programmas kalendārs//LV";

/// The longest line, in octets, without its CRLF.
const MAX_LINE: usize = 75;

/// Renders the calendar as an iCalendar stream.
pub fn render(cal: &Calendar<'_>) -> String {
    let mut out = String::new();
    let stamp = format!("{}T000000Z", ics_date(cal.stamp()));
    let m = cal.manifest;
    let id = &m.id.value;
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:{}", text(PRODID)));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            text(&format!(
                "{}: PMP {}",
                m.municipality.trim(),
                lv::year_range(*m.period.from, *m.period.to)
            ))
        ),
    );
    for e in &cal.entries {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", text(&e.uid(id))));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", ics_date(e.occurrence.start)),
        );
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", ics_date(e.occurrence.end_exclusive())),
        );
        line(&mut out, &format!("SUMMARY:{}", text(&e.source.summary())));
        line(&mut out, &format!("DESCRIPTION:{}", text(&description(cal, e))));
        let category = match e.source {
            Source::Event(_) => "Uzraudzība",
            Source::Task(..) => "Uzdevums",
        };
        line(&mut out, &format!("CATEGORIES:PMP,{category}"));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The Latvian description: who, when, what, and whether it is done.
fn description(cal: &Calendar<'_>, e: &Entry<'_>) -> String {
    let mut lines = Vec::new();
    lines.push(format!("Laiks: {}", when_lv(&e.occurrence)));
    if let Some(t) = e.source.timing_text() {
        lines.push(format!("Programmā: {}", t.trim()));
    }
    match e.source {
        Source::Event(ev) => {
            if !e.responsible.is_empty() {
                lines.push(format!("Atbildīgie: {}", names(&e.responsible)));
            }
            if let Some(p) = &ev.procedure {
                lines.push(format!("Kārtība: {}", p.trim()));
            }
            if let Some(o) = &ev.output {
                lines.push(format!("Rezultāts: {}", output_lv(o.value)));
            }
        }
        Source::Task(a, _) => {
            let activity = match &a.number {
                Some(n) => format!("{} {}", n.trim(), a.title.trim()),
                None => a.title.trim().to_string(),
            };
            lines.push(format!("Aktivitāte: {activity}"));
            if !e.responsible.is_empty() {
                lines.push(format!("Izpildītāji: {}", names(&e.responsible)));
            }
            if !e.supervisor.is_empty() {
                lines.push(format!("Uzraudzība: {}", names(&e.supervisor)));
            }
        }
    }
    if let Some(d) = e.done {
        let mut s = format!("Izpildīts: {}", lv::date_short(d.date.value));
        if let Some(n) = &d.note {
            s.push_str(&format!(", {}", n.trim()));
        }
        if let Some(l) = &d.link {
            s.push_str(&format!(" ({})", l.trim()));
        }
        lines.push(s);
    }
    let m = cal.manifest;
    lines.push(format!(
        "Programma: {} ({})",
        lv::quote(m.title.trim()),
        m.municipality.trim()
    ));
    lines.join("\n")
}

/// `20250801`.
fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets (continuations start with a space) on
/// character boundaries, ended with CRLF.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut limit = MAX_LINE;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts toward the next line's 75 octets.
        limit = MAX_LINE - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(text("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
    }

    #[test]
    fn folds_on_character_boundaries() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "ā".repeat(100));
        line(&mut out, &long);
        for l in out.split_terminator("\r\n") {
            assert!(l.len() <= MAX_LINE, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
        let mut short = String::new();
        line(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }
}
