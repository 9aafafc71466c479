//! `pmp diff OLD NEW`: what changed between two revisions of a programme (folders or
//! `REV:PATH`), classified as substantive or editorial; exit 0, or 1 with `--exit-code` when a
//! change is substantive, 2 when a side cannot be read.

use crate::cli::DiffArgs;
use pmp::check;
use pmp::config::Config;
use pmp::diag::{self, Report};
use pmp::diff::{self, Class, OpenError};

use pmp::tr;

use super::{Error, Outcome};

pub fn run(args: DiffArgs) -> Result<Outcome, Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    // Both sides load (and flatten) at once: that is most of the time a diff takes.
    let side = |arg: &str| diff::open(arg, &cwd).map(|o| (diff::canonical(&o.programme), o.side));
    let (old, new) = std::thread::scope(|s| {
        let old = s.spawn(|| side(&args.old));
        let new = side(&args.new);
        (old.join(), new)
    });
    let old = match old {
        Ok(o) => report(&args.old, o),
        Err(_) => Err(Error::from(tr!(
            en("reading the old revision failed"),
            lv("veco versiju neizdevās nolasīt"),
        ))),
    };
    let ((old, old_side), (new, new_side)) = match (old, report(&args.new, new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let changes = diff::diff(&old, &new);
    super::write_out(&diff::render(&old_side, &new_side, &changes, args.format.into()));
    if args.exit_code && changes.iter().any(|c| c.class == Class::Substantive) {
        Ok(Outcome::Findings)
    } else {
        Ok(Outcome::Clean)
    }
}

/// Passes a side through, or prints the loader's findings and says it could not be read.
pub(super) fn report<T>(arg: &str, opened: Result<T, OpenError>) -> Result<T, Error> {
    match opened {
        Ok(o) => Ok(o),
        Err(OpenError::Failure(m)) => Err(m.into()),
        Err(OpenError::Findings { sources, diagnostics }) => {
            let diagnostics = check::finish(&sources, &Config::default(), diagnostics);
            let report = Report {
                sources: &sources,
                programmes: 1,
                files: sources.files.len(),
                diagnostics: &diagnostics,
            };
            eprint!("{}", diag::render(&report, diag::Format::Human, false));
            Err(tr!(
                en("{arg} does not load; fix the findings above"),
                lv("{arg} nevar nolasīt; izlabojiet iepriekš uzskaitītās problēmas"),
            )
            .into())
        }
    }
}
