//! `pmp check`: load programmes, run the rules, report, and exit 0, 1 or 2.

use std::io::IsTerminal;

use crate::check;
use crate::cli::{CheckArgs, Color, Deny};
use crate::config::Config;
use crate::diag::{self, Code, Report, Severity};
use crate::load;

use super::{FINDINGS, OK, fail};

/// Today's date for rules that need one: `PMP_TODAY` (YYYY-MM-DD) if set, else the system's.
pub fn today() -> Result<chrono::NaiveDate, String> {
    match std::env::var("PMP_TODAY") {
        Ok(s) => {
            chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| format!("PMP_TODAY=`{s}`: {e}"))
        }
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}

fn list_rules() -> String {
    let mut out = String::new();
    let width = Code::ALL.iter().map(|c| c.as_str().len()).max().unwrap_or(0);
    for c in Code::ALL {
        out.push_str(&format!(
            "{:<width$}  {:<12}{:<8} {}\n",
            c.as_str(),
            c.family().name(),
            c.default_severity().as_str(),
            c.description()
        ));
    }
    out
}

pub fn run(args: CheckArgs) -> u8 {
    if args.list_rules {
        print!("{}", list_rules());
        return OK;
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let config = match Config::discover(args.config.as_deref(), &cwd) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let today = match today() {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let dirs = match load::discover_noting(&args.paths) {
        Ok((d, skipped)) => {
            for s in &skipped {
                eprintln!("{}", load::skipped_note(s));
            }
            d
        }
        Err(e) => return fail(e),
    };
    if dirs.is_empty() {
        let shown: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return fail(format!(
            "no programme found in {} (a programme is a folder with a programme.yaml; `pmp init` creates one)",
            shown.join(", ")
        ));
    }
    let checked = check::pipeline::run(&dirs, today, &config);
    let report = Report {
        sources: &checked.sources,
        programmes: checked.programmes,
        files: checked.files,
        diagnostics: &checked.diagnostics,
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    print!("{}", diag::render(&report, args.format, color));
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    if errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0) {
        FINDINGS
    } else {
        OK
    }
}
