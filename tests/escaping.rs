//! What a hostile string in a YAML file can do to the outputs (issue 13, item 5): the
//! calendar's Markdown shows markup literally, a `javascript:` (or `vbscript:`, `data:`) link
//! in prose is live in no document, and terminal escape sequences are printed visibly by
//! `check`, `show` and `diff`, also with `--color never`.

mod common;

use std::io::Read;

use common::{DIR, Fixture, quoted};
use comrak::nodes::NodeValue;

/// Markdown read back as a Markdown viewer would: GitHub's extensions, raw HTML let through
/// (so that any raw HTML the file carries shows up in the result).
fn to_html(md: &str) -> String {
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.render.r#unsafe = true;
    comrak::markdown_to_html(md, &o)
}

const HOSTILE: [&str; 4] = [
    "<script>alert(1)</script> `kods` *slīpi* __trekni__",
    "<img src=x onerror=alert(2)> [spied](javascript:alert(3))",
    "# virsraksts",
    "1. saraksts ~~svītrots~~",
];

#[test]
fn calendar_markdown_shows_markup_as_text() {
    let fx = Fixture::valid()
        .patch(
            "monitoring",
            "title: Datu apkopošana",
            &format!("title: {}", quoted(HOSTILE[0])),
        )
        .patch(
            "monitoring",
            "title: Ikgadējais pārskats",
            &format!("title: {}", quoted(HOSTILE[1])),
        )
        .patch(
            "monitoring",
            "title: Darba grupas sanāksmes",
            &format!("title: {}", quoted(HOSTILE[2])),
        )
        .patch(
            "monitoring",
            "title: Gala pārskats",
            &format!("title: {}", quoted(HOSTILE[3])),
        );
    let out = fx.run(&["calendar", DIR, "--format", "md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = to_html(&out.stdout);
    for live in [
        "<script",
        "<img",
        "href=\"javascript",
        "<code>",
        "<em>",
        "<strong>",
        "<del>",
        "<ol",
        "<li>",
    ] {
        assert!(!html.contains(live), "{live} is live:\n{}\n{html}", out.stdout);
    }
    // The calendar's own headings only: the title and one per month.
    let headings = html.matches("<h1>").count();
    assert_eq!(headings, 1, "{html}");
    // Shown as the text it is.
    for text in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "`kods`",
        "*slīpi*",
        "[spied](javascript:alert(3))",
    ] {
        assert!(html.contains(text), "{text} not shown literally:\n{html}");
    }
}

const PROSE: &str = "Skat. [šeit](javascript:alert(1)), [arī](VBScript:msgbox(2)), \
                     [dati](data:text/html;base64,PHNjcmlwdD4=) un <javascript:alert(4)>; \
                     bet [vietne](https://example.lv) paliek.";

/// The fixture with dangerous links in a section's prose, rendered in all three formats.
fn rendered_with_dangerous_links() -> (Fixture, String, String, Vec<(String, String)>) {
    let fx = Fixture::valid().patch(
        "situation",
        "body: Novadā ir divas pamatskolas un viena vidusskola.",
        &format!("body: {}", quoted(PROSE)),
    );
    // `check` reports each script link (`invalid-value`); rendered all the same, each is text.
    assert_eq!(fx.check().with_code("invalid-value").len(), 4);
    let out = fx.run(&["render", DIR, "--out", "out", "--allow-errors"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let file = |ext: &str| {
        let dir = fx.root().join("out");
        let entry = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("no .{ext} in {}", dir.display()));
        std::fs::read(entry).unwrap()
    };
    let md = String::from_utf8(file("md")).unwrap();
    let html = String::from_utf8(file("html")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(file("docx"))).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        if f.read_to_string(&mut text).is_ok() {
            parts.push((f.name().to_string(), text));
        }
    }
    (fx, md, html, parts)
}

fn dangerous(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| u.starts_with(s))
}

#[test]
fn prose_script_links_are_live_in_no_document() {
    let (_fx, md, html, docx) = rendered_with_dangerous_links();
    assert!(md.contains("vietne"), "{md}");
    // Markdown: no link node with a script address, the safe link kept.
    let arena = comrak::Arena::new();
    let mut o = comrak::Options::default();
    o.extension.autolink = true;
    let root = comrak::parse_document(&arena, &md, &o);
    let mut urls = Vec::new();
    for n in root.descendants() {
        if let NodeValue::Link(l) | NodeValue::Image(l) = &n.data().value {
            urls.push(l.url.clone());
        }
    }
    assert!(
        urls.iter().all(|u| !dangerous(u)),
        "live in the Markdown: {urls:?}"
    );
    assert!(urls.iter().any(|u| u == "https://example.lv"), "{urls:?}");
    for text in ["šeit", "arī", "dati"] {
        assert!(md.contains(text), "the link text {text} is kept:\n{md}");
    }
    // HTML: no script address anywhere in an attribute.
    let lower = html.to_ascii_lowercase();
    for attr in ["href=\"javascript", "href=\"vbscript", "href=\"data:"] {
        assert!(!lower.contains(attr), "{attr} in the HTML");
    }
    assert!(html.contains("href=\"https://example.lv\""));
    // Word: no hyperlink relationship to a script address, the safe one kept.
    let rels = &docx
        .iter()
        .find(|(n, _)| n == "word/_rels/document.xml.rels")
        .expect("document relationships")
        .1;
    for scheme in ["javascript:", "vbscript:", "data:"] {
        assert!(!rels.to_ascii_lowercase().contains(scheme), "{scheme} in {rels}");
    }
    assert!(rels.contains("https://example.lv"), "{rels}");
}

const ESC: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";

fn assert_visible(out: &str, what: &str) {
    for c in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(!out.contains(c), "{what} prints {c:?} raw:\n{out:?}");
    }
    assert!(
        out.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m"),
        "{what} does not show it:\n{out}"
    );
}

#[test]
fn check_prints_escape_sequences_visibly() {
    // An unknown institution: its name is in the message, and the raw bytes in the snippet.
    let fx = Fixture::valid().patch(
        "plan",
        "responsible: [IP]",
        &format!("responsible: [{}]", quoted(&format!("{ESC}Nezināma"))),
    );
    for color in ["never", "always"] {
        let out = fx.run(&["check", DIR, "--color", color]);
        assert_eq!(out.code, 1, "{}", out.stdout);
        let text = if color == "always" {
            // miette's own colour codes are ESC [ ... m; take them out and look at the rest.
            strip_sgr(&out.stdout)
        } else {
            out.stdout.clone()
        };
        assert_visible(&text, &format!("check --color {color}"));
    }
    // JSON keeps its own escaping: the text itself, escaped by JSON's rules.
    let out = fx.run(&["check", DIR, "--format", "json"]);
    assert!(out.stdout.contains("\\u001b]0;pwned"), "{}", out.stdout);
}

/// `s` without the SGR sequences (`ESC [ digits ; ... m`) a coloured report writes.
fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\u{1b}[") {
        let after = &rest[i + 2..];
        let len = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[len..].starts_with('m') {
            out.push_str(&rest[..i]);
            rest = &after[len + 1..];
        } else {
            out.push_str(&rest[..i + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn check_shows_raw_control_bytes_in_the_snippet_visibly() {
    // The raw character in the file (not a YAML escape): the YAML does not load, and the
    // report's snippet shows the line.
    let fx = Fixture::valid().patch("goals", "title: Visi", &format!("title: \"{ESC}Visi"));
    let out = fx.run(&["check", DIR, "--color", "never"]);
    assert_ne!(out.code, 0);
    for c in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(
            !out.stdout.contains(c),
            "check prints {c:?} raw:\n{:?}",
            out.stdout
        );
    }
    assert!(out.stdout.contains("\\u{1b}"), "{}", out.stdout);
}

#[test]
fn show_and_diff_print_escape_sequences_visibly() {
    // A control character stops the loader (control-character), so a programme that `pmp show`
    // and `pmp diff` print can only carry the invisible bidirectional overrides; a part file
    // that does not load is printed as it is, with its control characters made visible.
    let fx = Fixture::valid();
    let old = fx.root().join("old");
    common::copy_tree(&fx.dir(), &old);
    let fx = fx.patch(
        "goals",
        "title: Visi izglītojamie saņem karjeras atbalstu",
        &format!("title: {}", quoted(&format!("{BIDI}Visi"))),
    );
    let show = fx.run(&["show", DIR]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert_bidi_visible(&show.stdout, "show");
    let part = fx.run(&["show", &format!("{DIR}/goals.yaml")]);
    assert_eq!(part.code, 0, "{}", part.stderr);
    assert_bidi_visible(&part.stdout, "show of a part");
    let diff = fx.run(&["diff", "old", DIR]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert_bidi_visible(&diff.stdout, "diff");
    // A file that does not load is printed as it is, but not its control characters.
    std::fs::write(fx.path("goals.yaml"), format!("goals: [\"{ESC}\n")).unwrap();
    let raw = fx.run(&["show", &format!("{DIR}/goals.yaml")]);
    assert_eq!(raw.code, 0, "{}", raw.stderr);
    assert_visible(&raw.stdout, "show of a broken part");
}

/// Right-to-left override and left-to-right isolate: they reorder or hide text on a terminal.
const BIDI: &str = "\u{202e}\u{2066}";

fn assert_bidi_visible(out: &str, what: &str) {
    for c in BIDI.chars() {
        assert!(!out.contains(c), "{what} prints {c:?} raw:\n{out:?}");
    }
    assert!(
        out.contains("\\u{202e}\\u{2066}Visi"),
        "{what} does not show it:\n{out}"
    );
}
