//! `pmp due`: what is due within the next days and what is overdue in the programmes'
//! monitoring calendars. Exit 1 when something is overdue, so a scheduled CI job fails and
//! reminds the working group; 0 otherwise; 2 on usage or I/O failure.

use crate::cli::{DueArgs, DueFormat};
use pmp::calendar::{Calendar, due};
use pmp::model::Index;

use super::calendar::load_programmes;
use super::{Error, Outcome};

pub fn run(args: DueArgs) -> Result<Outcome, Error> {
    let today = match args.today {
        Some(t) => t,
        None => super::check::today()?,
    };
    let loaded = load_programmes(&args.paths)?;
    let indexes: Vec<Index<'_>> = loaded.programmes.iter().map(Index::new).collect();
    let calendars: Vec<Calendar<'_>> = loaded
        .programmes
        .iter()
        .zip(&indexes)
        .filter_map(|(p, ix)| Calendar::build(p, ix))
        .collect();
    let out = match args.format {
        DueFormat::Text if args.quiet => quiet_text(&calendars, today, args.within),
        DueFormat::Text => due::text(&calendars, today, args.within),
        DueFormat::Json => due::json(&calendars, today, args.within),
        DueFormat::Github => due::github(&calendars, today, args.within),
    };
    // Titles, names and ids come from the programme: shown, never sent to the terminal as
    // control sequences. JSON escapes them by its own rules.
    let out = match args.format {
        DueFormat::Json => out,
        _ => pmp::diag::visible_controls(&out).into_owned(),
    };
    super::write_out(&out);
    if due::any_overdue(&calendars, today, args.within) {
        Ok(Outcome::Findings)
    } else {
        Ok(Outcome::Clean)
    }
}

/// `--quiet`: each programme's block that lists something (its heading, then two indented lines
/// an item), without the programmes that have nothing (one indented line saying so) and without
/// the closing count and advice (not indented).
fn quiet_text(calendars: &[Calendar<'_>], today: chrono::NaiveDate, within: u32) -> String {
    let mut out = String::new();
    for cal in calendars {
        let text = due::text(std::slice::from_ref(cal), today, within);
        let mut lines = text.lines();
        let heading = lines.next().unwrap_or_default();
        let items: Vec<&str> = lines.take_while(|l| l.starts_with(' ')).collect();
        if items.len() > 1 {
            out.push_str(heading);
            out.push('\n');
            for line in items {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
