//! `pmp render`: check the programme, then write its document as Markdown, HTML and/or Word.
//!
//! The checks run first; errors stop the render (exit 1, findings on stderr) unless
//! `--allow-errors`, in which case the document carries a notice with the number of errors.
//! Every document is rendered in memory first and then written as one set
//! ([`crate::fsutil::write_all_atomic`]), so a failure leaves no partial file and no mix of old and new
//! documents, and nothing is ever written into the programme's sources.

use std::path::{Path, PathBuf};

use crate::check;
use crate::cli::{RenderArgs, RenderFormat, RenderLang};
use crate::config::Config;
use crate::diag::{self, Format as DiagFormat, Report, Severity};
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
    let loaded = load::load_and(&dirs, |p, sources, sink| {
        check::programme(p, today, sink);
        check::placeholders(p, sources, sink);
    });
    let diagnostics = check::finish(&loaded.sources, &config, loaded.sink.diagnostics);
    let report = Report {
        sources: &loaded.sources,
        programmes: loaded.programmes.len(),
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
            eprintln!("error: not rendered: {errors} error(s) found; fix them or pass --allow-errors");
            return FINDINGS;
        }
    }

    // A programme whose manifest did not load has no title, id or period: a document of it
    // would be blank, whatever --allow-errors asks for.
    if let Some(p) = loaded.programmes.iter().find(|p| p.manifest.is_none()) {
        return fail(format!(
            "{}: programme.yaml does not load, so there is nothing to render; nothing was written",
            p.dir.display()
        ));
    }
    // Two programmes with one id would write the same files, the second over the first.
    let mut by_id: std::collections::BTreeMap<String, &Path> = std::collections::BTreeMap::new();
    for p in &loaded.programmes {
        if let Some(first) = by_id.insert(p.id(), &p.dir) {
            return fail(format!(
                "{} and {} both have the id `{}`: their documents would overwrite each other; give each programme its own id; nothing was written",
                first.display(),
                p.dir.display(),
                p.id()
            ));
        }
    }

    // Render everything in memory first: a failure writes nothing.
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for p in &loaded.programmes {
        let id = p.id();
        if !safe_file_stem(&id) {
            return fail(format!(
                "{}: the programme id `{id}` cannot be a file name (use letters, digits, `-`, `_`, `.`)",
                p.dir.display()
            ));
        }
        let own_errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| {
                loaded
                    .sources
                    .get(d.loc.file)
                    .is_some_and(|f| f.path.starts_with(&p.dir))
            })
            .count();
        let view = render::view::build(p, lang, own_errors);
        for r in &renderers {
            match r.render(&view) {
                Ok(bytes) => files.push((args.out.join(format!("{id}.{}", r.extension())), bytes)),
                Err(e) => return fail(format!("{}: {e}", p.dir.display())),
            }
        }
    }
    if let Err(code) = super::write_documents(&args.out, &files) {
        return code;
    }
    for (path, _) in &files {
        println!("{}", display(path));
    }
    if files.is_empty() { FAILURE } else { OK }
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
