//! `pmp diff OLD NEW`: what changed between two revisions of a programme (folders or
//! `REV:PATH`), classified as substantive or editorial; exit 0, or 1 with `--exit-code` when a
//! change is substantive, 2 when a side cannot be read.

use std::path::Path;

use crate::check;
use crate::cli::DiffArgs;
use crate::config::Config;
use crate::diag::{self, Report};
use crate::diff::{self, Class, OpenError, Opened};

use super::{FINDINGS, OK, fail};

pub fn run(args: DiffArgs) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_default();
    let old = match open(&args.old, &cwd) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let new = match open(&args.new, &cwd) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let changes = diff::diff(&diff::canonical(&old.programme), &diff::canonical(&new.programme));
    super::show::write_out(&diff::render(&old.side, &new.side, &changes, args.format));
    if args.exit_code && changes.iter().any(|c| c.class == Class::Substantive) {
        FINDINGS
    } else {
        OK
    }
}

/// Reads one side; on failure prints why (with the loader's findings) and gives exit 2.
pub(super) fn open(arg: &str, cwd: &Path) -> Result<Opened, u8> {
    match diff::open(arg, cwd) {
        Ok(o) => Ok(o),
        Err(OpenError::Failure(m)) => Err(fail(m)),
        Err(OpenError::Findings { sources, diagnostics }) => {
            let diagnostics = check::finish(&sources, &Config::default(), diagnostics);
            let report = Report {
                sources: &sources,
                programmes: 1,
                files: sources.files.len(),
                diagnostics: &diagnostics,
            };
            eprint!("{}", diag::render(&report, diag::Format::Human, false));
            Err(fail(format!("{arg} does not load; fix the findings above")))
        }
    }
}
