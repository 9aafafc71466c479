//! Cross-references by id in the authors' prose, printed as the target's number.
//!
//! A printed number („2.3. tabula”) breaks when the numbering changes; an id does not. Prose
//! refers to a table, a figure or a chapter with a Markdown link whose address names the kind
//! and the id, as pandoc-crossref does (`@tbl:id`) and Sphinx's `:numref:` (`%s`):
//!
//! - `[](#tab:t-1-4)` prints the label, `1.4. tabula` (English `Table 1.4`);
//! - `[](#fig:t-1-2-attels)` a figure, `1.2. attēls`; `[](#sec:s-1-2)` a chapter or section,
//!   `1.2. nodaļa`;
//! - `[%s. tabulas](#tab:t-1-2)` the link's own text with `%s` replaced by the number (`1.2`),
//!   for the other cases of a Latvian noun („1.2. tabulas summa”, „2.3. tabulā”).
//!
//! It is an ordinary CommonMark link, so comrak parses it like any other and it survives every
//! renderer. The ids: a situation table's or section's `id`; the tables pmp builds are
//! `tab:svid`, `tab:cooperation`, `tab:goals`, `tab:indicators`, `tab:plan`, `tab:tasks`,
//! `tab:resources`, `tab:monitoring`, `tab:report` (the annual report's template) and
//! `tab:amendments`; the chapters `sec:annotation`,
//! `sec:situation`, `sec:goals`, `sec:plan`, `sec:monitoring`, `sec:amendments`, and the
//! headings pmp adds are `sec:` with the heading's anchor (`sec:indicators`).
//!
//! [`super::view`] resolves each reference once the document is numbered: the link's address
//! becomes the target's anchor and its text the number, so the Markdown has a link to the
//! anchor, the HTML a link to the element's id, and Word (which knows the targets from
//! [`super::View::targets`]) a `REF` field to a bookmark on the caption's number. A reference
//! to an id the document does not have prints `¿tab:id?` and `pmp check` reports it
//! (`unknown-reference`).

use comrak::nodes::NodeValue;

use super::comrak_options;
use crate::model::{Programme, Sp};

/// The kinds a reference names, with the prefix its address starts with.
pub const KINDS: [&str; 3] = ["tab", "fig", "sec"];

/// The placeholder for the number in a reference's own text.
pub const NUMBER: &str = "%s";

/// A reference found in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// `tab:t-1-4`.
    pub key: String,
    /// The link's text as written (Markdown), empty for `[](#tab:…)`.
    pub text: String,
    /// The link's byte range in the prose.
    pub start: usize,
    pub end: usize,
}

/// The key of a reference's address (`#tab:t-1-4` → `tab:t-1-4`), or `None` for any other
/// link.
pub fn key_of(url: &str) -> Option<&str> {
    let key = url.strip_prefix('#')?;
    let (kind, id) = key.split_once(':')?;
    (KINDS.contains(&kind) && !id.is_empty()).then_some(key)
}

/// The references in Markdown prose, in the order they are written.
pub fn find(md: &str) -> Vec<Found> {
    if !md.contains("](#") {
        return Vec::new();
    }
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, md, &comrak_options());
    // Byte offset of the start of each line (comrak's positions are 1-based lines and bytes).
    let mut line_starts = vec![0usize];
    line_starts.extend(md.match_indices('\n').map(|(i, _)| i + 1));
    let offset = |line: usize, column: usize| -> Option<usize> {
        let o = line_starts.get(line.checked_sub(1)?)? + column.checked_sub(1)?;
        (o <= md.len()).then_some(o)
    };
    let mut out = Vec::new();
    for node in root.descendants() {
        let data = node.data();
        let NodeValue::Link(link) = &data.value else {
            continue;
        };
        let Some(key) = key_of(&link.url) else { continue };
        let pos = data.sourcepos;
        let (Some(start), Some(last)) = (
            offset(pos.start.line, pos.start.column),
            offset(pos.end.line, pos.end.column),
        ) else {
            continue;
        };
        let end = last + 1;
        let Some(source) = md.get(start..end) else {
            continue;
        };
        // The text between `[` and the `](` that opens this link's address.
        let Some(close) = source.rfind(&format!("]({}", link.url)) else {
            continue;
        };
        if !source.starts_with('[') {
            continue;
        }
        out.push(Found {
            key: key.to_string(),
            text: source[1..close].to_string(),
            start,
            end,
        });
    }
    out
}

/// Every field of a programme that is Markdown prose, with its YAML file's part name and path.
pub fn prose_fields(p: &Programme) -> Vec<(&Sp<String>, String)> {
    let mut out = Vec::new();
    if let Some(m) = &p.manifest {
        out.extend(m.annotation.iter().map(|s| (s, "annotation".to_string())));
        out.extend(m.drafting.iter().map(|s| (s, "drafting".to_string())));
        out.extend(
            m.notes
                .iter()
                .enumerate()
                .map(|(i, s)| (s, format!("notes[{i}]"))),
        );
    }
    if let Some(s) = &p.situation {
        out.extend(s.intro.iter().map(|v| (v, "intro".to_string())));
        fn sections<'a>(
            list: &'a [crate::model::Section],
            path: &str,
            out: &mut Vec<(&'a Sp<String>, String)>,
        ) {
            for (i, s) in list.iter().enumerate() {
                let here = format!("{path}[{i}]");
                if let Some(b) = &s.body {
                    out.push((b, format!("{here}.body")));
                }
                sections(&s.sections, &format!("{here}.sections"), out);
            }
        }
        sections(&s.sections, "sections", &mut out);
    }
    if let Some(f) = &p.institutions {
        out.extend(f.intro.iter().map(|v| (v, "intro".to_string())));
    }
    if let Some(g) = &p.goals {
        out.extend(g.intro.iter().map(|v| (v, "intro".to_string())));
    }
    if let Some(f) = &p.indicators {
        out.extend(f.intro.iter().map(|v| (v, "intro".to_string())));
    }
    if let Some(f) = &p.plan {
        out.extend(f.intro.iter().map(|v| (v, "intro".to_string())));
    }
    if let Some(f) = &p.monitoring {
        out.extend(f.intro.iter().map(|v| (v, "intro".to_string())));
    }
    out
}

/// What a reference prints: its own text with `%s` as the number, or the label when it has
/// no text.
pub fn printed(text: &str, label: &str, number: &str) -> String {
    if text.trim().is_empty() {
        // The label is text (an unnumbered heading's title, say), the link's text Markdown.
        label
            .chars()
            .flat_map(|c| {
                let escape = matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '&' | '~');
                escape.then_some('\\').into_iter().chain(std::iter::once(c))
            })
            .collect()
    } else {
        text.replace(NUMBER, number)
    }
}

/// Resolves a reference's key and own text to the target's anchor and the text printed.
pub type Resolve<'a> = dyn Fn(&str, &str) -> Option<(String, String)> + 'a;

/// The prose with every reference resolved by `resolve` (key → anchor and printed text, or
/// `None` for an unknown id, printed `¿key?`). Prose without a reference is returned as it is.
pub fn rewrite(md: &str, resolve: &Resolve<'_>) -> String {
    let found = find(md);
    if found.is_empty() {
        return md.to_string();
    }
    let mut out = String::with_capacity(md.len());
    let mut at = 0;
    for f in found {
        out.push_str(&md[at..f.start]);
        match resolve(&f.key, &f.text) {
            Some((anchor, text)) => out.push_str(&format!("[{text}](#{anchor})")),
            None => out.push_str(&format!("¿{}?", f.key)),
        }
        at = f.end;
    }
    out.push_str(&md[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_links_with_a_kind_and_an_id() {
        assert_eq!(key_of("#tab:t-1-4"), Some("tab:t-1-4"));
        assert_eq!(key_of("#sec:situation"), Some("sec:situation"));
        assert_eq!(key_of("#fig:x"), Some("fig:x"));
        for other in ["#table-1-4", "tab:t-1-4", "#tab:", "#eq:x", "https://x.lv/#tab:y"] {
            assert_eq!(key_of(other), None, "{other}");
        }
    }

    #[test]
    fn found_with_their_text_and_place() {
        let md = "Skat. [](#tab:t-1-4) un „ē” [%s. tabulas](#tab:t-1-2) summu;\n\
                  - saraksts ar [](#sec:s-1-2)\n\n[parasta](https://x.lv) [](#table-1)\n";
        let found = find(md);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(&md[found[0].start..found[0].end], "[](#tab:t-1-4)");
        assert_eq!(found[0].text, "");
        assert_eq!(&md[found[1].start..found[1].end], "[%s. tabulas](#tab:t-1-2)");
        assert_eq!(found[1].text, "%s. tabulas");
        assert_eq!(found[2].key, "sec:s-1-2");
        // Code is not a reference.
        assert!(find("`[](#tab:x)` un\n\n    [](#tab:y)\n").is_empty());
    }

    #[test]
    fn rewritten_as_links_to_the_anchor_or_marked_unknown() {
        let md = "(1.11. tabula) ir [](#tab:svid); [%s. tabulas](#tab:t-1-2) un [](#tab:nav).";
        let out = rewrite(md, &|key, text| match key {
            "tab:svid" => Some(("table-1-11".into(), printed(text, "1.11.\u{a0}tabula", "1.11"))),
            "tab:t-1-2" => Some(("table-1-2".into(), printed(text, "1.2.\u{a0}tabula", "1.2"))),
            _ => None,
        });
        assert_eq!(
            out,
            "(1.11. tabula) ir [1.11.\u{a0}tabula](#table-1-11); [1.2. tabulas](#table-1-2) un ¿tab:nav?."
        );
        assert_eq!(rewrite("bez atsaucēm", &|_, _| None), "bez atsaucēm");
        // A title as the label stays text inside the link.
        assert_eq!(printed("", "„Piezīmes [*]”", ""), "„Piezīmes \\[\\*\\]”");
    }
}
