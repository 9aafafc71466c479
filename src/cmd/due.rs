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
