//! `pmp due`: what is due within the next days and what is overdue in the programmes'
//! monitoring calendars. Exit 1 when something is overdue, so a scheduled CI job fails and
//! reminds the working group; 0 otherwise; 2 on usage or I/O failure.

use crate::calendar::{Calendar, due};
use crate::check::Index;
use crate::cli::{DueArgs, DueFormat};

use super::calendar::load_programmes;
use super::{FINDINGS, OK, fail};

pub fn run(args: DueArgs) -> u8 {
    let today = match args.today {
        Some(t) => t,
        None => match super::check::today() {
            Ok(t) => t,
            Err(e) => return fail(e),
        },
    };
    let loaded = match load_programmes(&args.paths) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
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
    print!("{out}");
    if due::any_overdue(&calendars, today, args.within) {
        FINDINGS
    } else {
        OK
    }
}
