//! `pmp calendar`: expand one programme's monitoring events and dated tasks into a calendar
//! (iCalendar, Markdown or JSON), to standard output or atomically to a file.

use std::path::PathBuf;

use crate::cli::{CalendarArgs, CalendarFormat};
use pmp::calendar::{self, Calendar};
use pmp::diag::Severity;
use pmp::load::{self, Loaded};
use pmp::model::Index;

use pmp::i18n::Text;
use pmp::tr;

use super::{Error, Outcome};

/// Loads the programmes under `paths` for the calendar commands. Fails (for exit 2) when none
/// is found, when one's manifest, monitoring or plan part does not load, or when its period is
/// not plausible; other loading problems
/// only get a note on standard error, since the calendar does not need those parts.
pub(super) fn load_programmes(paths: &[PathBuf]) -> Result<Loaded, Text> {
    let (dirs, skipped) = load::discover_noting(paths).map_err(|e| e.0)?;
    for s in &skipped {
        eprintln!("{}", load::skipped_note(s));
    }
    if dirs.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let shown = shown.join(", ");
        return Err(tr!(
            en("no programme found in {shown} (a programme is a folder with a programme.yaml)"),
            lv("{shown}: programma nav atrasta (programma ir mape ar failu programme.yaml)"),
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
            return Err(tr!(
                en("{dir}: {part} does not load; `pmp check {dir}` shows why"),
                lv("{dir}: {part} nevar nolasīt; kāpēc, parāda `pmp check {dir}`"),
            ));
        }
        if let Some(m) = &p.manifest
            && let Some(problem) = pmp::model::Period::problem(*m.period.from, *m.period.to)
        {
            return Err(tr!(
                en(
                    "{dir}: programme.yaml: {}; the calendar needs the programme's period",
                    problem.en
                ),
                lv(
                    "{dir}: programme.yaml: {}; kalendāram vajadzīgs programmas periods",
                    problem.lv
                ),
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
        let (n, files) = (errors.len(), files.join(", "));
        eprintln!(
            "{}",
            tr!(
                en(
                    "note: {n} problem(s) while loading {files}; parts that did not load are left out (`pmp check` shows them)"
                ),
                lv(
                    "piezīme: nolasot {files}, konstatētas problēmas ({n}); daļas, ko nevarēja nolasīt, izlaistas (tās parāda `pmp check`)"
                ),
            )
        );
    }
    Ok(loaded)
}

pub fn run(args: CalendarArgs) -> Result<Outcome, Error> {
    let loaded = load_programmes(std::slice::from_ref(&args.path))?;
    let [p] = loaded.programmes.as_slice() else {
        let dirs: Vec<String> = loaded
            .programmes
            .iter()
            .map(|p| p.dir.display().to_string())
            .collect();
        let (path, n, dirs) = (args.path.display(), dirs.len(), dirs.join(", "));
        return Err(Error::from(tr!(
            en("{path} holds {n} programmes; give one of: {dirs}"),
            lv("{path} ir {n} programmas; norādiet vienu no tām: {dirs}"),
        )));
    };
    let ix = Index::new(p);
    let Some(mut cal) = Calendar::build(p, &ix) else {
        let dir = p.dir.display();
        return Err(Error::from(tr!(
            en("{dir}: programme.yaml does not load"),
            lv("{dir}: programme.yaml nevar nolasīt"),
        )));
    };
    if let Some(reference) = &args.institution {
        match calendar::institution_key(&ix, reference) {
            Ok(key) => cal.retain_institution(&key),
            Err(e) => return Err(e.into()),
        }
    }
    if args.from.is_some() || args.to.is_some() {
        let from = args.from.unwrap_or(chrono::NaiveDate::MIN);
        let to = args.to.unwrap_or(chrono::NaiveDate::MAX);
        if from > to {
            return Err(Error::from(tr!(
                en("--from {from} is after --to {to}"),
                lv("--from {from} ir vēlāk par --to {to}"),
            )));
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
            super::refuse_programme_files(&[path], &[p.dir.as_path()], &loaded.sources)?;
            if let Err(e) = pmp::fsutil::write_atomic(path, text.as_bytes()) {
                return Err(Error::io(&path, &e));
            }
        }
        None => print!("{text}"),
    }
    Ok(Outcome::Clean)
}
