//! Links in the authors' prose that a reader must not be able to follow into a script.
//!
//! Prose is Markdown and goes into all three documents. A link or image whose address runs
//! code or reads local data (`javascript:`, `vbscript:`, `data:`, `file:`) is made plain text
//! here, once, when the view model is built ([`super::view`]), so the Markdown file never
//! carries it live, the HTML never gets the address and Word never makes a hyperlink of it.
//! The text of such a link stays, its address goes.

use std::borrow::Cow;

use comrak::nodes::{AstNode, NodeValue};

use super::comrak_options;

/// The schemes a link in a council document may not use.
const DANGEROUS: [&str; 4] = ["javascript:", "vbscript:", "data:", "file:"];

/// Whether following `url` would run a script or open local data: the scheme is compared as
/// a browser reads it, without case, with leading spaces and control characters dropped and
/// tabs and line breaks inside removed (`java\tscript:` is `javascript:` to a browser).
pub fn is_dangerous_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    DANGEROUS.iter().any(|s| cleaned.starts_with(s))
}

/// The prose with every dangerous link or image replaced by its text. Prose without one is
/// returned as written; otherwise it is re-serialised by comrak, and checked again: should
/// that still hold a dangerous link, every line is escaped to plain text instead.
pub fn neutralise_links(md: &str) -> Cow<'_, str> {
    // Cheap test first: every dangerous address has a `:`, written as it is or as a character
    // reference (`&colon;`, `&#58;`, `&#x3A;`), which CommonMark decodes in a link's address.
    if !md.contains([':', '&']) {
        return md.into();
    }
    let arena = comrak::Arena::new();
    let options = comrak_options();
    let root = comrak::parse_document(&arena, md, &options);
    if !unwrap_dangerous(&arena, root) {
        return md.into();
    }
    let mut out = String::new();
    if comrak::format_commonmark(root, &options, &mut out).is_ok() && !has_dangerous(&out) {
        return out.into();
    }
    md.lines()
        .map(super::escape_markdown)
        .collect::<Vec<_>>()
        .join("\n")
        .into()
}

/// Replaces each dangerous link or image below `root` by its children; whether there was one.
fn unwrap_dangerous<'a>(arena: &'a comrak::Arena<'a>, root: &'a AstNode<'a>) -> bool {
    let mut found = false;
    for node in root.descendants().collect::<Vec<_>>() {
        let dangerous = match &node.data().value {
            NodeValue::Link(l) | NodeValue::Image(l) => is_dangerous_url(&l.url),
            _ => false,
        };
        if !dangerous {
            continue;
        }
        found = true;
        let children: Vec<_> = node.children().collect();
        if children.is_empty() {
            // `[](javascript:...)`: nothing to keep, but leave a visible trace of the link.
            let text = arena.alloc(AstNode::from(NodeValue::Text("[saite]".to_string().into())));
            node.insert_before(text);
        }
        for child in children {
            child.detach();
            node.insert_before(child);
        }
        node.detach();
    }
    found
}

/// Whether Markdown text, as the renderers parse it, holds a dangerous link or image.
fn has_dangerous(md: &str) -> bool {
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, md, &comrak_options());
    root.descendants().any(|n| match &n.data().value {
        NodeValue::Link(l) | NodeValue::Image(l) => is_dangerous_url(&l.url),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_schemes_as_a_browser_reads_them() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "vbscript:msgbox",
            "data:text/html,<script>x</script>",
            "DATA:image/png;base64,AAAA",
            "file:///etc/passwd",
        ] {
            assert!(is_dangerous_url(url), "{url:?}");
        }
        for url in [
            "https://ogre.lv/",
            "http://x/javascript:y",
            "mailto:a@b.lv",
            "#g1",
            "javascript",
            "relative/data:x",
        ] {
            assert!(!is_dangerous_url(url), "{url:?}");
        }
    }

    #[test]
    fn dangerous_links_become_their_text() {
        let md = "Skat. [šeit](javascript:alert(1)) un ![attēls](data:image/png;base64,AA).\n\n\
                  Arī <javascript:alert(2)>, [atsauce][r] un [tukša](vbscript:x).\n\n\
                  [r]: JAVASCRIPT:alert(3)\n";
        let out = neutralise_links(md);
        assert!(!has_dangerous(&out), "{out}");
        assert!(!out.to_ascii_lowercase().contains("](javascript"), "{out}");
        for text in ["šeit", "attēls", "atsauce", "tukša"] {
            assert!(out.contains(text), "{text} kept: {out}");
        }
    }

    #[test]
    fn a_colon_written_as_a_character_reference_is_still_a_colon() {
        for md in [
            "[x](javascript&colon;alert(1))",
            "[x](javascript&#58;alert(1))",
            "[x](javascript&#x3A;alert(1))",
            "[x](vbscript&colon;msgbox)",
            "[x](data&colon;text/html,x)",
            "[x](file&colon;///etc/passwd)",
            "![x](javascript&colon;alert(1))",
            "[x][r]\n\n[r]: javascript&#X3a;alert(1)\n",
        ] {
            let out = neutralise_links(md);
            assert!(!has_dangerous(&out), "{md:?} -> {out:?}");
            assert!(out.contains('x'), "{md:?} -> {out:?}");
        }
    }

    #[test]
    fn safe_prose_is_kept_as_written() {
        let md = "Sk. [pašvaldības vietni](https://ogre.lv) un *2.1. tabulu*:\n\n- a\n- b\n";
        assert!(matches!(neutralise_links(md), Cow::Borrowed(_)));
        assert_eq!(neutralise_links(md), md);
    }
}
