//! The calendar as Markdown: a table per month under the month's Latvian name, then what has
//! no date (events as needed, twice a year without months, undated tasks).

use std::fmt::Write;

use super::{Calendar, Entry, Span, names, when_lv};
use crate::lv;

/// Renders the calendar as Markdown.
pub fn render(cal: &Calendar<'_>) -> String {
    let m = cal.manifest;
    let mut out = String::new();
    let _ = writeln!(out, "# Kalendārs: {}", cell(&m.title));
    let _ = writeln!(out);
    let mut about = format!(
        "{}, {}",
        cell(&m.municipality),
        lv::year_range(*m.period.from, *m.period.to)
    );
    if let Some((from, to)) = cal.window {
        let _ = write!(about, "; laikā {}", lv::date_range_short(from, to));
    }
    if let Some(name) = cal.institution_name() {
        let _ = write!(about, "; iestāde: {}", cell(&name));
    }
    if !about.ends_with('.') {
        about.push('.');
    }
    let _ = writeln!(out, "{about}");
    let mut month = None;
    for e in &cal.entries {
        let this = cal.listed_month(e);
        if month != Some(this) {
            month = Some(this);
            let _ = writeln!(out);
            let _ = writeln!(out, "## {}", lv::month_year(this.0, this.1));
            let _ = writeln!(out);
            let _ = writeln!(out, "| Laiks | Nosaukums | Atbildīgie | Izpildīts |");
            let _ = writeln!(out, "|---|---|---|---|");
        }
        row(&mut out, e);
    }
    if cal.entries.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Šajā laikā nav ieplānotu pasākumu.");
    }
    if !cal.undated.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "## Bez noteikta laika");
        let _ = writeln!(out);
        let _ = writeln!(out, "| Nosaukums | Piezīme | Atbildīgie |");
        let _ = writeln!(out, "|---|---|---|");
        for u in &cal.undated {
            let note = match u.source.timing_text() {
                Some(t) => format!("{}: {}", u.reason.note(), lv::quote(t.trim())),
                None => u.reason.note().to_string(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&u.source.summary()),
                cell(&note),
                cell(&who(&u.responsible, &u.supervisor))
            );
        }
    }
    // Titles and names from the programme: a control character (ESC, BEL, NUL) or a
    // noncharacter is written as a visible escape, in the file and on the terminal alike.
    match crate::diag::visible_controls(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(shown) => shown,
    }
}

fn row(out: &mut String, e: &Entry<'_>) {
    // A month-long entry sits under its month's heading; repeating the month says nothing.
    let when = match e.occurrence.span {
        Span::Month => "visu mēnesi".to_string(),
        _ => when_lv(&e.occurrence),
    };
    let done = e.done.map(|d| lv::date_short(d.date.value)).unwrap_or_default();
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |",
        cell(&when),
        cell(&e.source.summary()),
        cell(&who(&e.responsible, &e.supervisor)),
        done
    );
}

/// Who does it, and who supervises it when someone does.
fn who(responsible: &[super::Body], supervisor: &[super::Body]) -> String {
    let mut s = names(responsible);
    if !supervisor.is_empty() {
        if !s.is_empty() {
            s.push_str("; ");
        }
        let _ = write!(s, "uzrauga: {}", names(supervisor));
    }
    s
}

/// Text shown literally, also inside a table cell: one line, and everything Markdown or HTML
/// could read as markup (pipes, `<`, links, emphasis, code, a list or heading marker at the
/// start) escaped by the escape the rendered document uses; no-break spaces are kept.
fn cell(s: &str) -> String {
    let line = s
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    crate::render::escape_markdown(&line)
}
