//! `--reference-doc FILE.docx`: the municipality's own Word template, as pandoc takes one.
//!
//! From the template come its styles (every style it defines replaces pmp's of the same id;
//! pmp's styles it lacks are added, so nothing in the document loses its style), its
//! document defaults (fonts, size, language), its theme, its page size and margins (from the
//! last section of its body; landscape pages turn them), and its default header and footer
//! (with the images they show). The template's own text is not used.

use std::io::{Cursor, Read};
use std::path::Path;

use super::RenderError;

/// Page size and margins, in twentieths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    pub header: i32,
    pub footer: i32,
}

impl Page {
    /// A4 with 2 cm margins and 3 cm on the binding side: pmp's own page.
    pub const A4: Page = Page {
        width: 11906,
        height: 16838,
        top: 1134,
        bottom: 1134,
        left: 1701,
        right: 1134,
        header: 709,
        footer: 709,
    };

    /// The width of a portrait page's text.
    pub fn portrait_text(&self) -> u32 {
        self.width
            .saturating_sub(self.left.max(0) as u32 + self.right.max(0) as u32)
            .max(2000)
    }

    /// The width of a landscape page's text (its left and right margins are the portrait
    /// page's right one: no binding side).
    pub fn landscape_text(&self) -> u32 {
        self.height.saturating_sub(2 * self.right.max(0) as u32).max(2000)
    }
}

/// A header or footer part of the template, with its relationships and the media they name.
#[derive(Debug, Clone)]
pub struct HeaderFooter {
    pub xml: String,
    pub rels: Option<String>,
    /// Files under `word/` the part refers to (images), by their package names.
    pub media: Vec<(String, Vec<u8>)>,
}

/// What is taken from the template.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub styles: Option<String>,
    pub theme: Option<String>,
    pub page: Option<Page>,
    pub header: Option<HeaderFooter>,
    pub footer: Option<HeaderFooter>,
}

/// Reads the template. Fails with a message naming the file when it is not a Word document.
pub fn load(path: &Path) -> Result<Reference, RenderError> {
    let name = path.display();
    let bytes = read_bounded(path).map_err(|e| RenderError(format!("--reference-doc {name}: {e}")))?;
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        RenderError(format!(
            "--reference-doc {name}: not a Word document (.docx): {e}"
        ))
    })?;
    let mut zip = Zip {
        archive,
        left: MAX_UNPACKED,
        over: false,
    };
    let zip = &mut zip;
    let Some(document) = text(zip, "word/document.xml") else {
        return Err(RenderError(format!(
            "--reference-doc {name}: not a Word document (no word/document.xml)"
        )));
    };
    let rels = text(zip, "word/_rels/document.xml.rels").unwrap_or_default();
    let targets = relationships(&rels);
    let by_type = |kind: &str| {
        targets
            .iter()
            .find(|r| r.kind.ends_with(&format!("/relationships/{kind}")))
            .map(|r| {
                format!(
                    "word/{}",
                    r.target.trim_start_matches('/').trim_start_matches("word/")
                )
            })
    };
    let styles = by_type("styles").and_then(|p| text(zip, &p));
    let theme = by_type("theme").and_then(|p| text(zip, &p));
    let sect = last_element(&document, "w:sectPr").unwrap_or_default();
    let page = page_of(&sect);
    let part = |zip: &mut Zip, kind: &str| -> Option<HeaderFooter> {
        let tag = format!("w:{kind}Reference");
        let id = elements(&sect, &tag)
            .into_iter()
            .find(|e| attr(e, "w:type").is_none_or(|t| t == "default"))
            .and_then(|e| attr(&e, "r:id"))?;
        let target = targets.iter().find(|r| r.id == id)?.target.clone();
        let file = format!(
            "word/{}",
            target.trim_start_matches('/').trim_start_matches("word/")
        );
        let xml = text(zip, &file)?;
        let rels_name = match file.rsplit_once('/') {
            Some((dir, f)) => format!("{dir}/_rels/{f}.rels"),
            None => format!("_rels/{file}.rels"),
        };
        let rels = text(zip, &rels_name);
        let mut media = Vec::new();
        for r in relationships(rels.as_deref().unwrap_or("")) {
            if r.external {
                continue;
            }
            let m = format!(
                "word/{}",
                r.target.trim_start_matches('/').trim_start_matches("word/")
            );
            // One image shown many times is one part, read once.
            if media.iter().any(|(n, _)| *n == m) {
                continue;
            }
            if let Some(b) = bytes_of(zip, &m) {
                media.push((m, b));
            }
        }
        Some(HeaderFooter { xml, rels, media })
    };
    let header = part(zip, "header");
    let footer = part(zip, "footer");
    if zip.over {
        let mib = MAX_UNPACKED >> 20;
        return Err(RenderError(format!(
            "--reference-doc {name}: the parts pmp takes from it unpack to more than {mib} MiB"
        )));
    }
    Ok(Reference {
        styles,
        theme,
        page,
        header,
        footer,
    })
}

/// The largest template file read: a Word template with its logos is a few hundred KB.
const MAX_FILE: u64 = 32 << 20;

/// The most the parts taken from a template may unpack to, all together: a template's
/// styles, theme, header and footer with their images, each image counted once.
const MAX_UNPACKED: usize = 64 << 20;

/// The template's bytes: a regular file of at most [`MAX_FILE`] (not a device such as
/// `/dev/zero`, a FIFO or a folder).
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    // Looked at before it is opened: opening a FIFO would wait for a writer.
    let not_regular = || "not a regular file (a Word template is a .docx file)".to_string();
    if !std::fs::metadata(path).map_err(|e| e.to_string())?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    if !file.metadata().map_err(|e| e.to_string())?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE {
        let mib = MAX_FILE >> 20;
        return Err(format!(
            "larger than {mib} MiB, the most pmp reads of a Word template"
        ));
    }
    Ok(bytes)
}

/// The template's zip, with what is left of [`MAX_UNPACKED`].
struct Zip {
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
    left: usize,
    /// A part was refused because the budget ran out.
    over: bool,
}

/// A part of at most 32 MiB (nothing in a template is larger) within what is left of the
/// budget, or `None`.
fn bytes_of(zip: &mut Zip, part: &str) -> Option<Vec<u8>> {
    let f = zip.archive.by_name(part).ok()?;
    let mut b = Vec::new();
    let cap = zip.left.min(32 << 20);
    f.take(cap as u64 + 1).read_to_end(&mut b).ok()?;
    if b.len() > zip.left {
        zip.over = true;
        zip.left = 0;
        return None;
    }
    zip.left -= b.len();
    Some(b)
}

fn text(zip: &mut Zip, part: &str) -> Option<String> {
    String::from_utf8(bytes_of(zip, part)?).ok()
}

struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

fn relationships(rels: &str) -> Vec<Rel> {
    elements(rels, "Relationship")
        .into_iter()
        .filter_map(|e| {
            Some(Rel {
                id: attr(&e, "Id")?,
                kind: attr(&e, "Type")?,
                target: attr(&e, "Target")?,
                external: attr(&e, "TargetMode").is_some_and(|m| m == "External"),
            })
        })
        .collect()
}

/// The start tags (`<name ...>` or `<name .../>`) of every element called `name`.
fn elements(xml: &str, name: &str) -> Vec<String> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if after.starts_with([' ', '>', '/', '\n', '\r', '\t']) {
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            out.push(format!("{open}{}", &after[..end]));
        }
        rest = after;
    }
    out
}

/// The whole last element called `name` (start tag to end tag).
fn last_element(xml: &str, name: &str) -> Option<String> {
    let start = xml.rfind(&format!("<{name}"))?;
    let close = format!("</{name}>");
    let end = xml[start..].find(&close).map(|e| start + e + close.len())?;
    Some(xml[start..end].to_string())
}

/// The value of attribute `name` in a start tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=");
    let i = tag.find(&key)? + key.len();
    let quote = tag[i..].chars().next()?;
    let rest = &tag[i + 1..];
    let end = rest.find(quote)?;
    Some(
        rest[..end]
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">"),
    )
}

/// Page size and margins of a `w:sectPr`, turned portrait. `None` unless both are given.
fn page_of(sect: &str) -> Option<Page> {
    let sz = elements(sect, "w:pgSz").into_iter().next()?;
    let mar = elements(sect, "w:pgMar").into_iter().next()?;
    let num = |tag: &str, a: &str| attr(tag, a).and_then(|v| v.parse::<i64>().ok());
    let w = num(&sz, "w:w")?;
    let h = num(&sz, "w:h")?;
    let (w, h) = (w.min(h), w.max(h));
    let m = |a: &str| num(&mar, a).unwrap_or(0).clamp(0, 8000) as i32;
    let page = Page {
        width: w.clamp(2000, 40000) as u32,
        height: h.clamp(2000, 40000) as u32,
        top: m("w:top"),
        bottom: m("w:bottom"),
        left: m("w:left"),
        right: m("w:right"),
        header: m("w:header"),
        footer: m("w:footer"),
    };
    Some(page)
}

/// The template's style sheet with pmp's styles it lacks added (by style id), so every
/// paragraph of the document keeps a style; pmp's added styles never claim to be a default.
pub fn merge_styles(template: &str, ours: &str) -> String {
    let Some(close) = template.rfind("</w:styles>") else {
        return ours.to_string();
    };
    let mut added = String::new();
    let mut rest = ours;
    while let Some(i) = rest.find("<w:style ") {
        let Some(len) = rest[i..].find("</w:style>") else {
            break;
        };
        let chunk = &rest[i..i + len + "</w:style>".len()];
        rest = &rest[i + chunk.len()..];
        let Some(id) = attr(chunk, "w:styleId") else {
            continue;
        };
        if !template.contains(&format!("w:styleId=\"{id}\"")) {
            added.push_str(&chunk.replacen(" w:default=\"1\"", "", 1));
        }
    }
    format!("{}{added}{}", &template[..close], &template[close..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_keeps_its_styles_and_gains_the_missing_ones() {
        let template = r#"<w:styles><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal" /></w:style></w:styles>"#;
        let ours = r#"<w:styles><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="ours" /></w:style><w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text" /></w:style></w:styles>"#;
        let merged = merge_styles(template, ours);
        assert!(merged.contains(r#"<w:name w:val="Normal" />"#));
        assert!(!merged.contains(r#"<w:name w:val="ours" />"#));
        assert!(merged.contains(r#"w:styleId="BodyText""#));
        assert_eq!(merged.matches("w:default=").count(), 1);
    }

    #[test]
    fn the_page_comes_from_the_last_section_turned_portrait() {
        let sect = r#"<w:sectPr><w:pgSz w:w="15840" w:h="12240" w:orient="landscape" /><w:pgMar w:top="1440" w:right="1000" w:bottom="1440" w:left="2000" w:header="720" w:footer="720" w:gutter="0" /></w:sectPr>"#;
        let p = page_of(sect).unwrap();
        assert_eq!((p.width, p.height), (12240, 15840));
        assert_eq!((p.top, p.left, p.right), (1440, 2000, 1000));
        assert_eq!(p.portrait_text(), 12240 - 3000);
        assert_eq!(p.landscape_text(), 15840 - 2000);
    }
}
