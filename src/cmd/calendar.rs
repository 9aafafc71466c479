//! `pmp calendar`: expand one programme's monitoring events and dated tasks into a calendar
//! (iCalendar, Markdown or JSON), to standard output or atomically to a file.

use std::path::PathBuf;

use crate::calendar::{self, Calendar};
use crate::check::Index;
use crate::cli::{CalendarArgs, CalendarFormat};
use crate::diag::Severity;
use crate::load::{self, Loaded};

use super::{OK, fail};

/// Loads the programmes under `paths` for the calendar commands. Fails (for exit 2) when none
/// is found, when one's manifest, monitoring or plan part does not load, or when its period is
/// not plausible; other loading problems
/// only get a note on standard error, since the calendar does not need those parts.
pub(super) fn load_programmes(paths: &[PathBuf]) -> Result<Loaded, String> {
    let (dirs, skipped) = load::discover_noting(paths).map_err(|e| e.to_string())?;
    for s in &skipped {
        eprintln!("{}", load::skipped_note(s));
    }
    if dirs.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(format!(
            "no programme found in {} (a programme is a folder with a programme.yaml)",
            shown.join(", ")
        ));
    }
    let loaded = load::load(&dirs);
    for p in &loaded.programmes {
        let dir = p.dir.display();
        // The plan is needed too: without it every task would silently drop out.
        if p.manifest.is_none() || p.monitoring.is_none() || p.plan.is_none() {
            let part = if p.manifest.is_none() {
                "programme.yaml"
            } else if p.monitoring.is_none() {
                "monitoring.yaml"
            } else {
                "plan.yaml"
            };
            return Err(format!(
                "{dir}: {part} does not load; `pmp check {dir}` shows why"
            ));
        }
        if let Some(m) = &p.manifest
            && let Some(problem) = crate::model::Period::problem(*m.period.from, *m.period.to)
        {
            return Err(format!(
                "{dir}: programme.yaml: {problem}; the calendar needs the programme's period"
            ));
        }
    }
    let errors: Vec<_> = loaded
        .sink
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        let mut files: Vec<String> = errors
            .iter()
            .filter_map(|d| loaded.sources.get(d.loc.file))
            .map(|f| f.path.display().to_string())
            .collect();
        files.sort();
        files.dedup();
        eprintln!(
            "note: {} problem(s) while loading {}; parts that did not load are left out (`pmp check` shows them)",
            errors.len(),
            files.join(", ")
        );
    }
    Ok(loaded)
}

pub fn run(args: CalendarArgs) -> u8 {
    let loaded = match load_programmes(std::slice::from_ref(&args.path)) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let [p] = loaded.programmes.as_slice() else {
        let dirs: Vec<String> = loaded
            .programmes
            .iter()
            .map(|p| p.dir.display().to_string())
            .collect();
        return fail(format!(
            "{} holds {} programmes; give one of: {}",
            args.path.display(),
            dirs.len(),
            dirs.join(", ")
        ));
    };
    let ix = Index::new(p);
    let Some(mut cal) = Calendar::build(p, &ix) else {
        return fail(format!("{}: programme.yaml does not load", p.dir.display()));
    };
    if let Some(reference) = &args.institution {
        match calendar::institution_key(&ix, reference) {
            Ok(key) => cal.retain_institution(&key),
            Err(e) => return fail(e),
        }
    }
    if args.from.is_some() || args.to.is_some() {
        let from = args.from.unwrap_or(chrono::NaiveDate::MIN);
        let to = args.to.unwrap_or(chrono::NaiveDate::MAX);
        if from > to {
            return fail(format!("--from {from} is after --to {to}"));
        }
        cal.retain_between(from, to);
    }
    let text = match args.format {
        CalendarFormat::Ics => calendar::ics::render(&cal),
        CalendarFormat::Md => calendar::md::render(&cal),
        CalendarFormat::Json => calendar::json::render(&cal),
    };
    match &args.out {
        Some(path) => {
            if let Err(e) = crate::fsutil::write_atomic(path, text.as_bytes()) {
                return fail(format!("{}: {e}", path.display()));
            }
        }
        None => print!("{text}"),
    }
    OK
}
