//! `pmp render`: the council's document, built from a loaded programme.
//!
//! [`view::build`] turns the programme into one view model ([`View`]): the whole document as
//! chapters of blocks, every figure and label already formatted. Each output format is a
//! [`Renderer`] over that one view: Markdown and HTML through Tera templates (embedded in the
//! binary, overridable with `--templates DIR`), DOCX built natively with `docx-rs`. No renderer
//! reads the programme itself, so every table agrees with every other by construction.
//!
//! Rendering never reads the clock or the environment: the same programme gives byte-identical
//! files.

pub mod crossref;
mod docx;
mod docx_chart;
mod docx_layout;
pub mod docx_reference;
mod docx_styles;
mod html;
pub mod labels;
mod markdown;
pub mod ooxml;
pub mod outline;
mod prose;
pub mod view;

use std::path::Path;

pub use labels::Lang;
pub use markdown::escape as escape_markdown;
pub use prose::{is_dangerous_url, neutralise_links};
pub use view::View;

// Shared with `pmp report` (src/report), which writes its own documents in the same styles.
pub use docx::header_row as docx_header_row;
pub use docx::repack as docx_repack;
pub(crate) use docx::{THEME as DOCX_THEME, THEME_PART as DOCX_THEME_PART};
pub use html::svg_chart;

/// The templates compiled into the binary; `--templates DIR` replaces any of them by a file
/// of the same name.
pub const MARKDOWN_TEMPLATE: (&str, &str) = (
    "document.md.tera",
    include_str!("../../templates/document.md.tera"),
);
pub const HTML_TEMPLATE: (&str, &str) = (
    "document.html.tera",
    include_str!("../../templates/document.html.tera"),
);

/// A failure to render: a broken template, a document that could not be built.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One output format.
pub trait Renderer {
    /// The file extension, without the dot.
    fn extension(&self) -> &'static str;
    /// The file's bytes.
    fn render(&self, view: &View) -> Result<Vec<u8>, RenderError>;
}

/// The template sources in use: the embedded ones, or files from `--templates DIR`.
#[derive(Debug, Clone)]
pub struct Templates {
    pub markdown: String,
    pub html: String,
    /// The Word template of `--reference-doc`.
    pub reference_doc: Option<docx_reference::Reference>,
}

impl Templates {
    /// The embedded templates, each replaced by `DIR/<name>` when that file exists.
    pub fn load(dir: Option<&Path>) -> Result<Templates, RenderError> {
        let read = |(name, embedded): (&str, &str)| -> Result<String, RenderError> {
            match dir.map(|d| d.join(name)) {
                Some(p) if std::fs::symlink_metadata(&p).is_ok() => crate::load::read_file(&p)
                    .and_then(|b| {
                        String::from_utf8(b).map_err(|_| {
                            std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text")
                        })
                    })
                    .map_err(|e| RenderError(format!("{}: {e}", p.display()))),
                _ => Ok(embedded.to_string()),
            }
        };
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(RenderError(format!("{}: not a folder of templates", d.display())));
        }
        Ok(Templates {
            markdown: read(MARKDOWN_TEMPLATE)?,
            html: read(HTML_TEMPLATE)?,
            reference_doc: None,
        })
    }

    /// The templates with the Word template `--reference-doc FILE.docx` read in.
    pub fn with_reference_doc(mut self, path: Option<&Path>) -> Result<Templates, RenderError> {
        if let Some(p) = path {
            self.reference_doc = Some(docx_reference::load(p)?);
        }
        Ok(self)
    }
}

/// The formats `pmp render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Docx,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Docx];
}

/// Builds the renderer of each format, compiling its template once. `threads`: a renderer may
/// run threads of its own (one programme alone; a folder's programmes already render in
/// parallel, one per core).
pub fn renderers(
    formats: &[Format],
    templates: &Templates,
    threads: bool,
) -> Result<Vec<Box<dyn Renderer + Send + Sync>>, RenderError> {
    formats
        .iter()
        .map(|f| -> Result<Box<dyn Renderer + Send + Sync>, RenderError> {
            Ok(match f {
                Format::Markdown => Box::new(markdown::Markdown::new(&templates.markdown)?),
                Format::Html => Box::new(html::Html::new(&templates.html)?),
                Format::Docx => Box::new(docx::Docx {
                    reference: templates.reference_doc.clone(),
                    threads,
                }),
            })
        })
        .collect()
}

/// The comrak options every renderer parses prose with: GitHub-flavoured extensions, raw HTML
/// never passed through.
pub(crate) fn comrak_options() -> comrak::Options<'static> {
    let mut o = comrak::Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    // `[^2]` and `[^2]: …`: the programme's footnotes (real footnotes in the Word file).
    o.extension.footnotes = true;
    o.render.r#unsafe = false;
    o
}

/// Turns a Tera error into a message naming the template, with its cause chain.
pub(crate) fn tera_error(name: &str, e: &tera::Error) -> RenderError {
    let mut msg = format!("template {name}: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    RenderError(msg)
}
