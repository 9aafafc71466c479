//! `pmp sheet export` and `pmp sheet import`: the yearly round by spreadsheet (`pmp::sheet`).
//!
//! Export writes one workbook per responsible body (or one for all with `--all`) into
//! `--out`, all or none. Import reads the returned workbooks, prints every finding in the
//! chosen format on stdout, and writes `results/YYYY.yaml` atomically, only when no finding is
//! an error (exit 1 otherwise) and not under `--dry-run`.

use std::path::{Path, PathBuf};

use crate::cli::{CheckFormat, SheetCommand, SheetExportArgs, SheetImportArgs};
use pmp::diag::{self, Format as DiagFormat, Report as DiagReport, Severity, Sink};
use pmp::load;
use pmp::model::{Part, Programme, SourceFile};
use pmp::sheet::{self, merge, read, rows::Round};
use pmp::tr;

use super::{Error, Outcome};

pub fn run(cmd: SheetCommand) -> Result<Outcome, Error> {
    match cmd {
        SheetCommand::Export(args) => export(args),
        SheetCommand::Import(args) => import(args),
    }
}

/// The one programme under `path`, loaded.
fn load_one(path: &Path) -> Result<load::Loaded, Error> {
    let dirs = load::discover(&[path.to_path_buf()])?;
    if dirs.len() != 1 {
        let (path, n) = (path.display(), dirs.len());
        return Err(Error::from(tr!(
            en("{path}: give one programme folder (found {n})"),
            lv("{path}: norādiet vienas programmas mapi (atrastas: {n})"),
        )));
    }
    let loaded = load::load(&dirs);
    let p = loaded
        .programmes
        .first()
        .ok_or_else(|| Error::no_programme(&path.display().to_string()))?;
    if p.manifest.is_none() || p.plan.is_none() {
        let dir = p.dir.display();
        return Err(Error::from(tr!(
            en("{dir}: programme.yaml or plan.yaml does not load; `pmp check` says why"),
            lv("{dir}: programme.yaml vai plan.yaml nevar nolasīt; kāpēc, parāda `pmp check`"),
        )));
    }
    Ok(loaded)
}

fn unreadable_results(p: &Programme, year: i32) -> Result<(), Error> {
    if p.result_files.contains(&year) && !p.results.contains_key(&year) {
        let (dir, file) = (p.dir.display(), Part::results_file(year));
        return Err(Error::from(tr!(
            en("{dir}: {file} does not load; `pmp check` says why; fix it first"),
            lv("{dir}: {file} nevar nolasīt; kāpēc, parāda `pmp check`; vispirms to izlabojiet"),
        )));
    }
    Ok(())
}

fn export(args: SheetExportArgs) -> Result<Outcome, Error> {
    let loaded = load_one(&args.path)?;
    let p = &loaded.programmes[0];
    unreadable_results(p, args.year)?;
    let round = Round::new(p, args.year);
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
    let year = args.year;
    let bodies: Vec<String> = if args.all {
        vec![sheet::ALL_BODIES.to_string()]
    } else {
        round.bodies.iter().map(|b| b.id.clone()).collect()
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for body in &bodies {
        let bytes = sheet::write::workbook(&round, body).map_err(|e| {
            Error::from(tr!(
                en("the workbook cannot be written: {e}"),
                lv("darbgrāmatu nevar uzrakstīt: {e}")
            ))
        })?;
        let Some(bytes) = bytes else { continue };
        let name = if body == sheet::ALL_BODIES {
            format!("{id}-{year}.xlsx")
        } else if pmp::fsutil::safe_file_stem(body) {
            format!("{id}-{year}-{body}.xlsx")
        } else {
            let n = files.len() + 1;
            format!("{id}-{year}-{n}.xlsx")
        };
        files.push((args.out.join(name), bytes));
    }
    if files.is_empty() {
        return Err(Error::from(tr!(
            en("{year}: the plan has no row for any body this year; no workbook written"),
            lv(
                "{year}: plānā šim gadam nav nevienas rindas nevienai institūcijai; darbgrāmatas nav uzrakstītas"
            ),
        )));
    }
    let targets: Vec<&Path> = files.iter().map(|(t, _)| t.as_path()).collect();
    super::refuse_programme_files(&targets, &[p.dir.as_path()], &loaded.sources)?;
    super::write_documents(&args.out, &files)?;
    for (path, _) in &files {
        println!("{}", path.display());
    }
    Ok(Outcome::Clean)
}

/// The most bytes of one workbook the import reads.
const MAX_WORKBOOK_BYTES: u64 = 32 * 1024 * 1024;

fn import(args: SheetImportArgs) -> Result<Outcome, Error> {
    let mut loaded = load_one(&args.path)?;
    let p = loaded.programmes.remove(0);
    unreadable_results(&p, args.year)?;
    let round = Round::new(&p, args.year);
    let mut sources = std::mem::take(&mut loaded.sources);
    let first = sources.files.keys().max().map_or(0, |m| m + 1);
    let mut sink = Sink::default();
    let mut answers = Vec::new();
    for (file, wb) in (first..).zip(&args.workbooks) {
        let meta = std::fs::metadata(wb).map_err(|e| Error::io(wb, &e))?;
        if !meta.is_file() || meta.len() > MAX_WORKBOOK_BYTES {
            let (w, mib) = (wb.display(), MAX_WORKBOOK_BYTES >> 20);
            return Err(Error::from(tr!(
                en("{w}: not a workbook file (a folder, a device, or larger than {mib} MiB)"),
                lv("{w}: tas nav darbgrāmatas fails (mape, ierīce vai lielāks par {mib} MiB)"),
            )));
        }
        let bytes = std::fs::read(wb).map_err(|e| Error::io(wb, &e))?;
        sources.files.insert(
            file,
            SourceFile {
                path: wb.clone(),
                text: String::new(),
            },
        );
        let name = wb
            .file_name()
            .map_or_else(|| wb.display().to_string(), |n| n.to_string_lossy().into_owned());
        answers.extend(read::workbook(&round, &bytes, file, &name, &mut sink));
    }
    let recorded = p.results.get(&args.year).and_then(|y| {
        sources.get(y.file).map(|f| merge::Recorded {
            data: &y.data,
            text: f.text.as_str(),
        })
    });
    let merged = merge::merge(&round, &answers, recorded, args.overwrite, &mut sink);
    let mut diagnostics = sink.diagnostics;
    diagnostics.sort_by(|a, b| (a.loc.file, a.loc.line, &a.path).cmp(&(b.loc.file, b.loc.line, &b.path)));
    let report = DiagReport {
        sources: &sources,
        programmes: 1,
        files: args.workbooks.len(),
        diagnostics: &diagnostics,
    };
    let format = match args.format {
        CheckFormat::Human => DiagFormat::Human,
        CheckFormat::Json => DiagFormat::Json,
        CheckFormat::Github => DiagFormat::Github,
        CheckFormat::Sarif => DiagFormat::Sarif,
        CheckFormat::Concise => DiagFormat::Concise,
    };
    let errors = report.count(Severity::Error);
    if !diagnostics.is_empty() || format != DiagFormat::Human {
        super::write_out(&diag::render(&report, format, false));
    }
    let target = p.dir.join(Part::results_file(args.year));
    let shown = target.display();
    if errors > 0 {
        eprintln!(
            "{}",
            tr!(
                en("{shown} not written: {errors} error(s) in the workbooks"),
                lv("{shown} nav ierakstīts, jo darbgrāmatās ir kļūdas ({errors})"),
            )
        );
        return Ok(Outcome::Findings);
    }
    let Some(text) = merged.text else {
        eprintln!("{}", tr!(en("{shown}: nothing new"), lv("{shown}: nekā jauna")));
        return Ok(Outcome::Clean);
    };
    // What is written must read back as a results file.
    if let Err(e) = serde_saphyr::from_str::<pmp::model::ResultsFile>(&text) {
        return Err(Error::from(tr!(
            en("internal error: the merged results do not read back ({e}); nothing was written"),
            lv("iekšēja kļūda: apvienotos rezultātus nevar nolasīt atpakaļ ({e}); nekas netika ierakstīts"),
        )));
    }
    let (added, replaced) = (merged.added, merged.replaced);
    if args.dry_run {
        eprintln!(
            "{}",
            tr!(
                en(
                    "{shown}: {added} value(s) would be added, {replaced} replaced (--dry-run: nothing written)"
                ),
                lv(
                    "{shown}: tiktu pievienotas {added} vērtības, aizstātas {replaced} (--dry-run: nekas nav ierakstīts)"
                ),
            )
        );
        return Ok(Outcome::Clean);
    }
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(&parent, &e))?;
    }
    pmp::fsutil::write_atomic(&target, text.as_bytes()).map_err(|e| Error::io(&target, &e))?;
    eprintln!(
        "{}",
        tr!(
            en("{shown}: {added} value(s) added, {replaced} replaced"),
            lv("{shown}: pievienotas {added} vērtības, aizstātas {replaced}"),
        )
    );
    Ok(Outcome::Clean)
}
