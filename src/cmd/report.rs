//! `pmp report`: the annual report of one year, from the programme and `results/YYYY.yaml`.
//!
//! The checks run first, as for `pmp render`: errors stop the report (exit 1, findings on
//! stderr) unless `--allow-errors`. Every file is written in memory first and then atomically.
//! Without `--year`, the years of the period up to today are listed with what each year's
//! results lack.

use std::path::PathBuf;

use chrono::Datelike;

use crate::cli::{ReportArgs, ReportFormat};
use pmp::check;
use pmp::config::Config;
use pmp::diag::{self, Format as DiagFormat, Report as DiagReport, Severity};
use pmp::load;
use pmp::model::Part;
use pmp::report::{self, Format};

use pmp::tr;

use super::{Error, Outcome};

pub fn run(args: ReportArgs) -> Result<Outcome, Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let config = Config::discover(None, &cwd)?;
    let today = super::check::today()?;
    let dirs = load::discover(std::slice::from_ref(&args.path))?;
    if dirs.len() != 1 {
        let (path, n) = (args.path.display(), dirs.len());
        return Err(Error::from(tr!(
            en("{path}: give one programme folder (found {n})"),
            lv("{path}: norādiet vienas programmas mapi (atrastas: {n})"),
        )));
    }
    let loaded = load::load_and(&dirs, |p, sources, sink| {
        check::programme(p, today, &check::Facts::gather(p), sink);
        check::text_rules(p, sources, sink);
    });
    let Some(p) = loaded.programmes.first() else {
        let path = args.path.display();
        return Err(Error::from(tr!(
            en("{path}: no programme loaded"),
            lv("{path}: neviena programma netika nolasīta"),
        )));
    };
    if p.manifest.is_none() {
        eprint!(
            "{}",
            diag::render(
                &DiagReport {
                    sources: &loaded.sources,
                    programmes: 1,
                    files: loaded.sources.files.len(),
                    diagnostics: &check::finish(&loaded.sources, &config, loaded.sink.diagnostics),
                },
                DiagFormat::Human,
                false
            )
        );
        let dir = p.dir.display();
        return Err(Error::from(tr!(
            en("{dir}: programme.yaml does not load"),
            lv("{dir}: programme.yaml nevar nolasīt"),
        )));
    }

    let Some(year) = args.year else {
        print!("{}", years_listing(p, today.year()));
        return Ok(Outcome::Clean);
    };
    if p.result_files.contains(&year) && !p.results.contains_key(&year) {
        let diagnostics = check::finish(&loaded.sources, &config, loaded.sink.diagnostics);
        eprint!(
            "{}",
            diag::render(
                &DiagReport {
                    sources: &loaded.sources,
                    programmes: 1,
                    files: loaded.sources.files.len(),
                    diagnostics: &diagnostics,
                },
                DiagFormat::Human,
                false
            )
        );
        let (dir, file) = (p.dir.display(), Part::results_file(year));
        return Err(Error::from(tr!(
            en("{dir}: {file} does not load"),
            lv("{dir}: {file} nevar nolasīt"),
        )));
    }
    if !p.results.contains_key(&year) {
        let have: Vec<String> = p.results.keys().map(i32::to_string).collect();
        let (dir, file, have) = (p.dir.display(), Part::results_file(year), have.join(", "));
        return Err(Error::from(if have.is_empty() {
            tr!(
                en("{dir}: no results for {year} ({file}); the programme has no results yet"),
                lv("{dir}: {year}. gada rezultātu nav ({file}); programmai rezultātu vēl nav"),
            )
        } else {
            tr!(
                en("{dir}: no results for {year} ({file}); years with results: {have}"),
                lv("{dir}: {year}. gada rezultātu nav ({file}); rezultāti ir šiem gadiem: {have}"),
            )
        }));
    }

    let diagnostics = check::finish(&loaded.sources, &config, loaded.sink.diagnostics);
    let report = DiagReport {
        sources: &loaded.sources,
        programmes: 1,
        files: loaded
            .sources
            .files
            .values()
            .filter(|f| !f.text.is_empty())
            .count(),
        diagnostics: &diagnostics,
    };
    let errors = report.count(Severity::Error);
    if errors > 0 {
        eprint!("{}", diag::render(&report, DiagFormat::Human, false));
        if !args.allow_errors {
            eprintln!(
                "{}",
                tr!(
                    en("error: no report written: {errors} error(s) found; fix them or pass --allow-errors"),
                    lv(
                        "kļūda: pārskats nav sagatavots, jo atrastas kļūdas ({errors}); izlabojiet tās vai norādiet --allow-errors"
                    ),
                )
            );
            return Ok(Outcome::Findings);
        }
    }

    let lang = args.lang;
    let formats: Vec<Format> = match args.format {
        ReportFormat::Md => vec![Format::Markdown],
        ReportFormat::Html => vec![Format::Html],
        ReportFormat::Docx => vec![Format::Docx],
        ReportFormat::Json => vec![Format::Json],
        ReportFormat::All => Format::ALL.to_vec(),
    };
    let id = p.id();
    if !pmp::fsutil::safe_file_stem(&id) {
        let dir = p.dir.display();
        return Err(Error::from(tr!(
            en("{dir}: the programme id `{id}` cannot be a file name (use letters, digits, `-`, `_`, `.`)"),
            lv(
                "{dir}: programmas identifikators `{id}` nevar būt faila nosaukums (lietojiet burtus, ciparus, `-`, `_`, `.`)"
            ),
        )));
    }
    let view = report::build(p, year, lang);
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for f in formats {
        match report::write(&view, f) {
            Ok(bytes) => files.push((
                args.out.join(format!("{id}-{year}.{}", f.extension())),
                pmp::textsafe::document_bytes(f.extension(), bytes),
            )),
            Err(e) => return Err(Error::io(&p.dir, &e)),
        }
    }
    let targets: Vec<&std::path::Path> = files.iter().map(|(t, _)| t.as_path()).collect();
    super::refuse_programme_files(&targets, &[p.dir.as_path()], &loaded.sources)?;
    super::write_documents(&args.out, &files)?;
    for (path, _) in &files {
        println!("{}", path.display());
    }
    Ok(Outcome::Clean)
}

/// Every year of the period up to `this_year` (and any later year with results): whether it
/// has results and what they lack.
fn years_listing(p: &pmp::model::Programme, this_year: i32) -> String {
    let mut years: Vec<i32> = match &p.manifest {
        Some(m) => m.period.years().filter(|y| *y <= this_year).collect(),
        None => Vec::new(),
    };
    years.extend(p.results.keys().copied());
    years.sort_unstable();
    years.dedup();
    let lang = pmp::i18n::ui();
    let mut out = String::new();
    if years.is_empty() {
        out.push_str(&format!(
            "{}\n",
            tr!(
                en("no year of the period has begun yet"),
                lv("neviens perioda gads vēl nav sācies"),
            )
        ));
    }
    for y in years {
        let lacks: Vec<String> = report::lacks(p, y)
            .into_iter()
            .map(|t| t.get(lang).to_string())
            .collect();
        let file = Part::results_file(y);
        let line = if !p.results.contains_key(&y) {
            if p.result_files.contains(&y) {
                tr!(
                    en("{y}  no results ({file} does not load; `pmp check` says why)"),
                    lv("{y}  nav rezultātu ({file} nevar nolasīt; kāpēc, parāda `pmp check`)"),
                )
            } else {
                tr!(
                    en("{y}  no results ({file} does not exist)"),
                    lv("{y}  nav rezultātu (fails {file} nav izveidots)"),
                )
            }
        } else if lacks.is_empty() {
            tr!(en("{y}  complete ({file})"), lv("{y}  pilnīgs ({file})"))
        } else {
            let lacks = lacks.join("; ");
            tr!(
                en("{y}  incomplete ({file}): {lacks}"),
                lv("{y}  nepilnīgs ({file}): {lacks}"),
            )
        };
        out.push_str(line.get(lang));
        out.push('\n');
    }
    out
}
