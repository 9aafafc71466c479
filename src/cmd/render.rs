//! `pmp render`: check the programme, then write its document as Markdown, HTML and/or Word.
//!
//! The checks run first, on every programme in parallel; errors stop the render (exit 1,
//! findings on stderr) unless `--allow-errors`. Findings never enter the documents: when there
//! are any, stderr says how many were left out of them. Then the programmes are rendered in parallel, each
//! worker loading one programme again, rendering its documents in memory and writing them
//! as one set ([`write_all_atomic`]) before it takes the next, so memory does not grow with
//! the number of programmes, a failure leaves no partial file and no mix of a programme's old
//! and new documents, and nothing is ever written into the programme's sources.

use std::path::{Path, PathBuf};

use crate::cli::{RenderArgs, RenderFormat};
use pmp::check;
use pmp::config::Config;
use pmp::diag::{self, Format as DiagFormat, Report, Severity};
use pmp::fsutil::write_all_atomic;
use pmp::load;
use pmp::render::{self, Format, Templates};

use pmp::tr;

use super::{Error, Outcome};

pub fn run(args: RenderArgs) -> Result<Outcome, Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let config = Config::discover(None, &cwd)?;
    let today = super::check::today()?;
    let templates = Templates::load(args.templates.as_deref())
        .and_then(|t| t.with_reference_doc(args.reference_doc.as_deref()))?;
    let formats: Vec<Format> = match args.format {
        RenderFormat::Md => vec![Format::Markdown],
        RenderFormat::Html => vec![Format::Html],
        RenderFormat::Docx => vec![Format::Docx],
        RenderFormat::All => Format::ALL.to_vec(),
    };
    let lang = args.lang;
    let dirs = match load::discover_noting(std::slice::from_ref(&args.path)) {
        Ok((d, skipped)) => {
            for s in &skipped {
                eprintln!("{}", load::skipped_note(s));
            }
            d
        }
        Err(e) => return Err(e.into()),
    };
    let renderers = render::renderers(&formats, &templates, dirs.len() == 1)?;
    if dirs.is_empty() {
        let shown = args.path.display();
        return Err(Error::no_programme(&shown.to_string()));
    }
    // First pass, in parallel: load and check every programme, keeping its findings and
    // sources but not its model, so memory does not grow with the number of programmes.
    let checked = load::load_map(&dirs, |mut one| {
        check::programme(
            &one.programme,
            today,
            &check::Facts::gather(&one.programme),
            &mut one.sink,
        );
        check::text_rules(&one.programme, &one.sources, &mut one.sink);
        let p = &one.programme;
        let first = First {
            dir: p.dir.clone(),
            id: p.id(),
            manifest: p.manifest.is_some(),
            kept: None,
        };
        // One programme is kept for the render: memory is no concern, a second load is.
        let first = First {
            kept: (dirs.len() == 1).then_some(one.programme),
            ..first
        };
        (first, one.sources, one.sink)
    });
    let mut sources = pmp::model::Sources::default();
    let mut sink = pmp::diag::Sink::default();
    let mut programmes: Vec<First> = Vec::with_capacity(checked.len());
    for (first, s, k) in checked {
        sources.files.extend(s.files);
        sink.extend(k);
        programmes.push(first);
    }
    let diagnostics = check::finish(&sources, &config, sink.diagnostics);
    let report = Report {
        sources: &sources,
        programmes: programmes.len(),
        files: sources.files.values().filter(|f| !f.text.is_empty()).count(),
        diagnostics: &diagnostics,
    };
    let errors = report.count(Severity::Error);
    if errors > 0 {
        eprint!("{}", diag::render(&report, DiagFormat::Human, false));
        if !args.allow_errors {
            eprintln!(
                "{}",
                tr!(
                    en("error: not rendered: {errors} error(s) found; fix them or pass --allow-errors"),
                    lv(
                        "kļūda: dokuments nav sagatavots, jo atrastas kļūdas ({errors}); izlabojiet tās vai norādiet --allow-errors"
                    ),
                )
            );
            return Ok(Outcome::Findings);
        }
    }
    let warnings = report.count(Severity::Warning);
    if errors > 0 || warnings > 0 {
        eprintln!(
            "{}",
            tr!(
                en(
                    "note: the documents are rendered without pmp check's findings ({errors} error(s), {warnings} warning(s)); `pmp check` lists them"
                ),
                lv(
                    "piezīme: dokumenti sagatavoti bez „pmp check” atradumiem (kļūdas: {errors}, brīdinājumi: {warnings}); tos uzskaita „pmp check”"
                ),
            )
        );
    }

    // A programme whose manifest did not load has no title, id or period: a document of it
    // would be blank, whatever --allow-errors asks for.
    if let Some(p) = programmes.iter().find(|p| !p.manifest) {
        let dir = p.dir.display();
        return Err(Error::from(tr!(
            en("{dir}: programme.yaml does not load, so there is nothing to render; nothing was written"),
            lv("{dir}: programme.yaml nevar nolasīt, tāpēc nav ko sagatavot; nekas netika ierakstīts"),
        )));
    }
    // Two programmes with one id would write the same files, the second over the first.
    let mut by_id: std::collections::BTreeMap<&str, &Path> = std::collections::BTreeMap::new();
    for p in &programmes {
        if let Some(first) = by_id.insert(&p.id, &p.dir) {
            let (a, b, id) = (first.display(), p.dir.display(), &p.id);
            return Err(Error::from(tr!(
                en(
                    "{a} and {b} both have the id `{id}`: their documents would overwrite each other; give each programme its own id; nothing was written"
                ),
                lv(
                    "{a} un {b} abām ir identifikators `{id}`, tāpēc to dokumenti cits citu pārrakstītu; piešķiriet katrai programmai savu identifikatoru; nekas netika ierakstīts"
                ),
            )));
        }
    }
    if let Some(p) = programmes.iter().find(|p| !pmp::fsutil::safe_file_stem(&p.id)) {
        let (dir, id) = (p.dir.display(), &p.id);
        return Err(Error::from(tr!(
            en("{dir}: the programme id `{id}` cannot be a file name (use letters, digits, `-`, `_`, `.`)"),
            lv(
                "{dir}: programmas identifikators `{id}` nevar būt faila nosaukums (lietojiet burtus, ciparus, `-`, `_`, `.`)"
            ),
        )));
    }
    // No document may land on a file a programme is made of (a CSV table named like one).
    let targets: Vec<PathBuf> = programmes
        .iter()
        .flat_map(|p| {
            renderers
                .iter()
                .map(|r| args.out.join(format!("{}.{}", p.id, r.extension())))
        })
        .collect();
    let targets: Vec<&Path> = targets.iter().map(PathBuf::as_path).collect();
    let folders: Vec<&Path> = programmes.iter().map(|p| p.dir.as_path()).collect();
    super::refuse_programme_files(&targets, &folders, &sources)?;
    super::prepare_out(&args.out)?;
    let kept = match programmes.as_mut_slice() {
        [only] => only.kept.take(),
        _ => None,
    };
    // Second pass, in parallel: each worker loads a programme again (one programme alone was
    // kept from the first), renders its documents in memory and writes them as one set before
    // it takes the next programme.
    let single = kept.is_some();
    let render_one = |p: &pmp::model::Programme| -> Result<Vec<PathBuf>, pmp::i18n::Text> {
        let id = p.id();
        let options = render::view::Options {
            indicator_charts: args.indicator_charts,
        };
        let view = render::view::build_with(p, lang, options);
        // One programme alone: its formats on threads of their own (the Word file takes as
        // long as the other two together). Several: one worker per programme already.
        let rendered: Vec<_> = if single && renderers.len() > 1 {
            std::thread::scope(|s| {
                let handles: Vec<_> = renderers.iter().map(|r| s.spawn(|| r.render(&view))).collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        } else {
            renderers.iter().map(|r| r.render(&view)).collect()
        };
        let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::with_capacity(renderers.len());
        for (r, bytes) in renderers.iter().zip(rendered) {
            let bytes = bytes.map_err(|e| {
                let dir = p.dir.display();
                tr!(en("{dir}: {e}"), lv("{dir}: {e}"))
            })?;
            let bytes = pmp::textsafe::document_bytes(r.extension(), bytes);
            files.push((args.out.join(format!("{id}.{}", r.extension())), bytes));
        }
        // All or nothing for this programme: a failure leaves its documents as they were.
        write_all_atomic(&files).map_err(|e| {
            let dir = p.dir.display();
            tr!(
                en("{e}; no document was replaced for {dir}"),
                lv("{e}; neviens programmas {dir} dokuments netika aizstāts"),
            )
        })?;
        Ok(files.into_iter().map(|(path, _)| path).collect())
    };
    let written = match kept {
        Some(p) => vec![render_one(&p)],
        None => load::load_map(&dirs, |one| render_one(&one.programme)),
    };
    // Every programme's failure is said; the first one is the command's.
    let mut failed: Option<Error> = None;
    for r in written {
        match r {
            Ok(paths) => {
                for path in &paths {
                    println!("{}", display(path));
                }
            }
            Err(e) if failed.is_none() => failed = Some(e.into()),
            Err(e) => super::print_error(&e.into()),
        }
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(Outcome::Clean),
    }
}

/// What the first pass keeps of a programme: the model itself only when it is the only one.
struct First {
    dir: PathBuf,
    id: String,
    manifest: bool,
    kept: Option<pmp::model::Programme>,
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
