//! `pmp render`: check the programme, then write its document as Markdown, HTML and/or Word.
//!
//! The checks run first, on every programme in parallel; errors stop the render (exit 1,
//! findings on stderr) unless `--allow-errors`, in which case each document carries a notice
//! with its programme's number of errors. Then the programmes are rendered in parallel, each
//! worker loading one programme again, rendering its documents in memory and writing them
//! as one set ([`write_all_atomic`]) before it takes the next, so memory does not grow with
//! the number of programmes, a failure leaves no partial file and no mix of a programme's old
//! and new documents, and nothing is ever written into the programme's sources.

use std::path::{Path, PathBuf};

use crate::check;
use crate::cli::{RenderArgs, RenderFormat, RenderLang};
use crate::config::Config;
use crate::diag::{self, Format as DiagFormat, Report, Severity};
use crate::fsutil::write_all_atomic;
use crate::load;
use crate::render::{self, Format, Lang, Templates};

use super::{FAILURE, FINDINGS, OK, fail};

pub fn run(args: RenderArgs) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_default();
    let config = match Config::discover(None, &cwd) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let today = match super::check::today() {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let templates = match Templates::load(args.templates.as_deref())
        .and_then(|t| t.with_reference_doc(args.reference_doc.as_deref()))
    {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let formats: Vec<Format> = match args.format {
        RenderFormat::Md => vec![Format::Markdown],
        RenderFormat::Html => vec![Format::Html],
        RenderFormat::Docx => vec![Format::Docx],
        RenderFormat::All => Format::ALL.to_vec(),
    };
    let renderers = match render::renderers(&formats, &templates) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let lang = match args.lang {
        RenderLang::Lv => Lang::Lv,
        RenderLang::En => Lang::En,
    };
    let dirs = match load::discover_noting(std::slice::from_ref(&args.path)) {
        Ok((d, skipped)) => {
            for s in &skipped {
                eprintln!("{}", load::skipped_note(s));
            }
            d
        }
        Err(e) => return fail(e),
    };
    if dirs.is_empty() {
        return fail(format!(
            "no programme found in {} (a programme is a folder with a programme.yaml; `pmp init` creates one)",
            args.path.display()
        ));
    }
    // First pass, in parallel: load and check every programme, keeping its findings and
    // sources but not its model, so memory does not grow with the number of programmes.
    let checked = load::load_map(&dirs, |mut one| {
        check::programme(&one.programme, today, &mut one.sink);
        check::text_rules(&one.programme, &one.sources, &mut one.sink);
        let p = &one.programme;
        let first = First {
            dir: p.dir.clone(),
            id: p.id(),
            manifest: p.manifest.is_some(),
        };
        (first, one.sources, one.sink)
    });
    let mut sources = crate::model::Sources::default();
    let mut sink = crate::diag::Sink::default();
    let mut programmes = Vec::with_capacity(checked.len());
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
            eprintln!("error: not rendered: {errors} error(s) found; fix them or pass --allow-errors");
            return FINDINGS;
        }
    }

    // A programme whose manifest did not load has no title, id or period: a document of it
    // would be blank, whatever --allow-errors asks for.
    if let Some(p) = programmes.iter().find(|p| !p.manifest) {
        return fail(format!(
            "{}: programme.yaml does not load, so there is nothing to render; nothing was written",
            p.dir.display()
        ));
    }
    // Two programmes with one id would write the same files, the second over the first.
    let mut by_id: std::collections::BTreeMap<&str, &Path> = std::collections::BTreeMap::new();
    for p in &programmes {
        if let Some(first) = by_id.insert(&p.id, &p.dir) {
            return fail(format!(
                "{} and {} both have the id `{}`: their documents would overwrite each other; give each programme its own id; nothing was written",
                first.display(),
                p.dir.display(),
                p.id
            ));
        }
    }
    if let Some(p) = programmes.iter().find(|p| !safe_file_stem(&p.id)) {
        return fail(format!(
            "{}: the programme id `{}` cannot be a file name (use letters, digits, `-`, `_`, `.`)",
            p.dir.display(),
            p.id
        ));
    }
    if let Err(code) = super::prepare_out(&args.out) {
        return code;
    }
    // Each programme's own errors and warnings, for the notice on its title page.
    let mut own: std::collections::HashMap<&Path, (usize, usize)> = std::collections::HashMap::new();
    for d in &diagnostics {
        if let Some(f) = sources.get(d.loc.file)
            && let Some(p) = programmes.iter().find(|p| f.path.starts_with(&p.dir))
        {
            let counts = own.entry(&p.dir).or_default();
            match d.severity {
                Severity::Error => counts.0 += 1,
                Severity::Warning => counts.1 += 1,
                _ => {}
            }
        }
    }

    // Second pass, in parallel: each worker loads a programme again, renders its documents
    // in memory and writes them as one set before it takes the next programme.
    let written = load::load_map(&dirs, |one| -> Result<Vec<PathBuf>, String> {
        let p = &one.programme;
        let id = p.id();
        let (errors, warnings) = own.get(p.dir.as_path()).copied().unwrap_or_default();
        let view = render::view::build_noting(p, lang, errors, warnings);
        let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::with_capacity(renderers.len());
        for r in &renderers {
            let bytes = r.render(&view).map_err(|e| format!("{}: {e}", p.dir.display()))?;
            files.push((args.out.join(format!("{id}.{}", r.extension())), bytes));
        }
        // All or nothing for this programme: a failure leaves its documents as they were.
        write_all_atomic(&files)
            .map_err(|e| format!("{e}; no document was replaced for {}", p.dir.display()))?;
        Ok(files.into_iter().map(|(path, _)| path).collect())
    });
    let mut code = OK;
    let mut any = false;
    for r in written {
        match r {
            Ok(paths) => {
                for path in &paths {
                    println!("{}", display(path));
                    any = true;
                }
            }
            Err(e) => code = fail(e),
        }
    }
    if !any { FAILURE } else { code }
}

/// What the first pass keeps of a programme.
struct First {
    dir: PathBuf,
    id: String,
    manifest: bool,
}

/// Whether a programme id can name a file inside the output folder.
fn safe_file_stem(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
