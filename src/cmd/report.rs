//! `pmp report`: the annual report of one year, from the programme and `results/YYYY.yaml`.
//!
//! The checks run first, as for `pmp render`: errors stop the report (exit 1, findings on
//! stderr) unless `--allow-errors`. Every file is written in memory first and then atomically.
//! Without `--year`, the years of the period up to today are listed with what each year's
//! results lack.

use std::path::PathBuf;

use chrono::Datelike;

use crate::check;
use crate::cli::{RenderLang, ReportArgs, ReportFormat};
use crate::config::Config;
use crate::diag::{self, Format as DiagFormat, Report as DiagReport, Severity};
use crate::load;
use crate::model::Part;
use crate::render::Lang;
use crate::report::{self, Format};

use super::{FAILURE, FINDINGS, OK, fail};

pub fn run(args: ReportArgs) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_default();
    let config = match Config::discover(None, &cwd) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let today = match super::check::today() {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let dirs = match load::discover(std::slice::from_ref(&args.path)) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    if dirs.len() != 1 {
        return fail(format!(
            "{}: give one programme folder (found {})",
            args.path.display(),
            dirs.len()
        ));
    }
    let loaded = load::load_and(&dirs, |p, sources, sink| {
        check::programme(p, today, sink);
        check::text_rules(p, sources, sink);
    });
    let Some(p) = loaded.programmes.first() else {
        return fail(format!("{}: no programme loaded", args.path.display()));
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
        return fail(format!("{}: programme.yaml does not load", p.dir.display()));
    }

    let Some(year) = args.year else {
        print!("{}", years_listing(p, today.year()));
        return OK;
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
        return fail(format!(
            "{}: {} does not load",
            p.dir.display(),
            Part::results_file(year)
        ));
    }
    if !p.results.contains_key(&year) {
        let have: Vec<String> = p.results.keys().map(i32::to_string).collect();
        return fail(format!(
            "{}: no results for {year} ({}); {}",
            p.dir.display(),
            Part::results_file(year),
            if have.is_empty() {
                "the programme has no results yet".to_string()
            } else {
                format!("years with results: {}", have.join(", "))
            }
        ));
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
            eprintln!("error: no report written: {errors} error(s) found; fix them or pass --allow-errors");
            return FINDINGS;
        }
    }

    let lang = match args.lang {
        RenderLang::Lv => Lang::Lv,
        RenderLang::En => Lang::En,
    };
    let formats: Vec<Format> = match args.format {
        ReportFormat::Md => vec![Format::Markdown],
        ReportFormat::Html => vec![Format::Html],
        ReportFormat::Docx => vec![Format::Docx],
        ReportFormat::Json => vec![Format::Json],
        ReportFormat::All => Format::ALL.to_vec(),
    };
    let id = p.id();
    if id.is_empty()
        || id.starts_with('.')
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return fail(format!(
            "{}: the programme id `{id}` cannot be a file name (use letters, digits, `-`, `_`, `.`)",
            p.dir.display()
        ));
    }
    let view = report::build(p, year, lang);
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for f in formats {
        match report::write(&view, f) {
            Ok(bytes) => files.push((args.out.join(format!("{id}-{year}.{}", f.extension())), bytes)),
            Err(e) => return fail(format!("{}: {e}", p.dir.display())),
        }
    }
    if let Err(code) = super::write_documents(&args.out, &files) {
        return code;
    }
    for (path, _) in &files {
        println!("{}", path.display());
    }
    if files.is_empty() { FAILURE } else { OK }
}

/// Every year of the period up to `this_year` (and any later year with results): whether it
/// has results and what they lack.
fn years_listing(p: &crate::model::Programme, this_year: i32) -> String {
    let mut years: Vec<i32> = match &p.manifest {
        Some(m) => m.period.years().filter(|y| *y <= this_year).collect(),
        None => Vec::new(),
    };
    years.extend(p.results.keys().copied());
    years.sort_unstable();
    years.dedup();
    let mut out = String::new();
    if years.is_empty() {
        out.push_str("no year of the period has begun yet\n");
    }
    for y in years {
        let lacks = report::lacks(p, y);
        let file = Part::results_file(y);
        if !p.results.contains_key(&y) {
            let why = if p.result_files.contains(&y) {
                "does not load; `pmp check` says why"
            } else {
                "does not exist"
            };
            out.push_str(&format!("{y}  no results ({file} {why})\n"));
        } else if lacks.is_empty() {
            out.push_str(&format!("{y}  complete ({file})\n"));
        } else {
            out.push_str(&format!("{y}  incomplete ({file}): {}\n", lacks.join("; ")));
        }
    }
    out
}
