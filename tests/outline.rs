//! The council's document keeps the programme's outline: every heading and every table and
//! figure caption the adopted programme prints stands in the rendered Markdown, HTML and Word
//! document with the same words, in the same order, and the documents number or caption
//! nothing else.
//!
//! What the programme prints is read from the Word reconstructions of the two adopted
//! programmes (`../shared/import/*.docx`: paragraphs styled Heading 1–3 and Caption), each
//! line of which is also looked up in the plain-text seed (`../shared/seeds`). Those files lie
//! outside the repository: without them the comparison is skipped with a notice, and it fails
//! instead where `.ci/run` says they must be there (`PMP_REQUIRE_SHARED`).
//!
//! Words are compared as printed, with whitespace made uniform (a no-break space, a run of
//! spaces and the space after a heading's number count as one space): typography is not
//! wording.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/tools.rs"]
mod tools;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> Option<PathBuf> {
    let dir = root().join("../shared");
    if dir.join("import").is_dir() && dir.join("seeds").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("PMP_REQUIRE_SHARED").is_none(),
        "PMP_REQUIRE_SHARED is set but {} has no import/ and seeds/",
        dir.display()
    );
    tools::note_skipped(
        "../shared is not beside the repository: the outline comparison with the seeds (needs ../shared/import and ../shared/seeds)",
    );
    None
}

/// A heading or a caption.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Heading(String),
    Caption(String),
}

impl Item {
    fn text(&self) -> &str {
        match self {
            Item::Heading(t) | Item::Caption(t) => t,
        }
    }
}

/// Whitespace made uniform: runs of spaces (no-break ones too) become one space, and a
/// leading number (`1.`, `3.2.`) is followed by one space.
fn norm(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let bytes = collapsed.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
        i += 1;
    }
    if i > 0 && bytes[i - 1] == b'.' && i < bytes.len() && bytes[i] != b' ' {
        format!("{} {}", &collapsed[..i], &collapsed[i..])
    } else {
        collapsed
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// The paragraphs of a Word body with their style ids, in order.
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:p") {
        let after = &rest[at + 4..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            rest = after;
            continue;
        }
        let end = after.find("</w:p>").map_or(after.len(), |e| e + 6);
        let p = &after[..end];
        rest = &after[end..];
        const STYLE: &str = "<w:pStyle w:val=\"";
        let style = p
            .find(STYLE)
            .map(|i| {
                let v = &p[i + STYLE.len()..];
                v[..v.find('"').unwrap_or(0)].to_string()
            })
            .unwrap_or_default();
        let mut text = String::new();
        for piece in p.split("<w:t").skip(1) {
            if !(piece.starts_with('>') || piece.starts_with(' ')) {
                continue;
            }
            let Some(start) = piece.find('>') else { continue };
            let body = &piece[start + 1..];
            if piece[..start].ends_with('/') {
                continue;
            }
            text.push_str(&unescape(&body[..body.find("</w:t>").unwrap_or(0)]));
        }
        out.push((style, text));
    }
    out
}

/// What the adopted programme prints: its headings (an empty numbered one, a stray number the
/// source's list numbering left, is not a heading) and captions.
fn printed(docx: &Path) -> Vec<Item> {
    paragraphs(&zip_entry(docx, "word/document.xml"))
        .into_iter()
        .filter_map(|(style, text)| {
            let text = norm(&text);
            match style.as_str() {
                "Heading1" | "Heading2" | "Heading3" if text.chars().any(char::is_alphabetic) => {
                    Some(Item::Heading(text))
                }
                "Caption" => Some(Item::Caption(text)),
                _ => None,
            }
        })
        .collect()
}

fn from_docx(docx: &Path) -> Vec<Item> {
    paragraphs(&zip_entry(docx, "word/document.xml"))
        .into_iter()
        .filter_map(|(style, text)| {
            let text = norm(&text);
            match style.as_str() {
                "Heading1" | "Heading2" | "Heading3" => Some(Item::Heading(text)),
                "Caption" => Some(Item::Caption(text)),
                _ => None,
            }
        })
        .collect()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

fn from_html(html: &str) -> Vec<Item> {
    let main = &html[html.find("<main>").expect("a <main>")..];
    let mut out = Vec::new();
    let mut rest = main;
    loop {
        let next = ["<h2", "<h3", "<h4", "<caption", "<figcaption"]
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, *t)))
            .min();
        let Some((at, tag)) = next else { break };
        let name = &tag[1..];
        let close = format!("</{name}>");
        let body = &rest[at..];
        let end = body.find(&close).expect("a closing tag");
        let text = norm(&strip_tags(&body[..end]));
        out.push(if name.starts_with('h') {
            Item::Heading(text)
        } else {
            Item::Caption(text)
        });
        rest = &body[end..];
    }
    out
}

fn from_markdown(md: &str) -> Vec<Item> {
    let lines: Vec<&str> = md.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("## ") || line.starts_with("### ") || line.starts_with("#### ") {
            out.push(Item::Heading(norm(&strip_tags(line.trim_start_matches('#')))));
        }
        // A table's caption: the line before the blank line that opens the table; a figure's:
        // the line before the blank line that opens its placeholder.
        // A caption is a paragraph of one line; a heading or the last line of prose is none.
        let opens = line.starts_with('|') || line.starts_with("> ");
        let one_line = i < 3 || lines[i - 3].is_empty();
        if opens
            && i >= 2
            && lines[i - 1].is_empty()
            && one_line
            && !lines[i - 2].starts_with('#')
            && !lines[i - 2].is_empty()
            && !lines[i - 2].starts_with('|')
            // A paragraph bold as a whole is the text's own emphasis; a caption's label
            // alone is bold.
            && !(lines[i - 2].starts_with("**") && lines[i - 2].ends_with("**"))
        {
            let caption = lines[i - 2].replace("**", "");
            out.push(Item::Caption(norm(&strip_tags(&caption))));
        }
    }
    out
}

/// The items of `want` not found in `got` in order, and the items of `got` that `want` does not
/// have at all.
fn compare(want: &[Item], got: &[Item]) -> (Vec<String>, Vec<String>) {
    let mut missing = Vec::new();
    let mut at = 0;
    for w in want {
        match got[at..].iter().position(|g| g == w) {
            Some(k) => at += k + 1,
            None => missing.push(format!("{w:?}")),
        }
    }
    let extra = got
        .iter()
        .filter(|g| !want.contains(g))
        .map(|g| format!("{g:?}"))
        .collect();
    (missing, extra)
}

fn render(name: &str, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_pmp"))
        .args(["render", "--allow-errors", "--lang", "lv", "--out"])
        .arg(out)
        .arg(root().join("programmes").join(name))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn check(name: &str, import: &str, seed: &str) {
    let Some(shared) = shared() else { return };
    let want = printed(&shared.join("import").join(import));
    assert!(want.len() > 5, "{import}: {want:?}");
    // Every line the reconstruction styles is the seed's own.
    let seed_text = norm(
        &std::fs::read_to_string(shared.join("seeds").join(seed))
            .unwrap()
            .lines()
            .map(|l| {
                let mut l = l.to_string();
                for marker in ["[bookmark: ", "[image: "] {
                    while let Some(i) = l.find(marker) {
                        let end = l[i..].find(']').map_or(l.len(), |e| i + e + 1);
                        l.replace_range(i..end, "");
                    }
                }
                norm(&l)
            })
            .collect::<Vec<_>>()
            .join("\n"),
    );
    for w in &want {
        assert!(seed_text.contains(w.text()), "{seed} does not print {w:?}");
    }
    let tmp = tempfile::tempdir().unwrap();
    render(name, tmp.path());
    let read = |ext: &str| std::fs::read_to_string(tmp.path().join(format!("{name}.{ext}"))).unwrap();
    let formats = [
        ("md", from_markdown(&read("md"))),
        ("html", from_html(&read("html"))),
        ("docx", from_docx(&tmp.path().join(format!("{name}.docx")))),
    ];
    let mut failures = Vec::new();
    for (format, got) in &formats {
        let (missing, extra) = compare(&want, got);
        eprintln!(
            "{name}.{format}: {} of {} headings and captions of the source in order, {} of its own",
            want.len() - missing.len(),
            want.len(),
            extra.len()
        );
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(format!(
                "{name}.{format}:\n  missing or out of order: {missing:#?}\n  not in the source: {extra:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn jelgava_document_keeps_the_programmes_outline() {
    check(
        "jelgava-2024-2028",
        "jelgava-2024-2028.docx",
        "jelgava-programme-2024-2028.txt",
    );
}

#[test]
fn ogre_document_keeps_the_programmes_outline() {
    check(
        "ogre-2024-2027",
        "ogre-2024-2027.docx",
        "ogre-programme-2024-2027.txt",
    );
}

/// The comparison sees a heading renamed, one moved and a caption added.
#[test]
fn the_comparison_sees_renamed_moved_and_added_items() {
    let want = vec![
        Item::Heading("1. A".into()),
        Item::Caption("1.1. tabula: B".into()),
        Item::Heading("2. C".into()),
    ];
    assert_eq!(compare(&want, &want), (vec![], vec![]));
    let renamed = vec![
        Item::Heading("1. A".into()),
        Item::Caption("1.1. tabula. B".into()),
        Item::Heading("2. C".into()),
    ];
    let (missing, extra) = compare(&want, &renamed);
    assert_eq!((missing.len(), extra.len()), (1, 1));
    let moved = vec![want[2].clone(), want[0].clone(), want[1].clone()];
    assert_eq!(compare(&want, &moved).0.len(), 1);
    let mut added = want.clone();
    added.push(Item::Caption("2.1. tabula. D".into()));
    assert_eq!(compare(&want, &added), (vec![], vec![format!("{:?}", added[3])]));
    assert_eq!(norm("1.ESOŠĀ\u{a0} SITUĀCIJA"), "1. ESOŠĀ SITUĀCIJA");
}

// ----- table headers -----

/// The header rows of every table of a Word body, in document order (a nested table after the
/// table holding it): the texts of their cells, row by row, empty cells and cells continuing a
/// vertical merge left out. A header row is one Word repeats on every page (`w:tblHeader`).
fn docx_headers(xml: &str) -> Vec<Vec<String>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    // Per open table: its header texts so far and whether its header rows are over.
    let mut open: Vec<(Vec<String>, bool)> = Vec::new();
    let mut done: Vec<(usize, Vec<String>)> = Vec::new();
    let mut started = 0usize;
    let mut order: Vec<usize> = Vec::new();
    let (mut in_head_row, mut cell, mut in_text, mut continued) = (false, String::new(), false, false);
    loop {
        match reader.read_event().expect("well-formed document.xml") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:tbl" => {
                open.push((Vec::new(), false));
                order.push(started);
                started += 1;
            }
            Event::End(e) if e.name().as_ref() == b"w:tbl" => {
                let (head, _) = open.pop().expect("an open table");
                done.push((order.pop().unwrap_or_default(), head));
            }
            Event::Start(e) if e.name().as_ref() == b"w:tr" => in_head_row = false,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:tblHeader" => {
                in_head_row = open.last().is_some_and(|t| !t.1);
            }
            Event::End(e) if e.name().as_ref() == b"w:tr" => {
                if let Some(t) = open.last_mut() {
                    // The first row that is not a header ends the table's header.
                    t.1 |= !in_head_row;
                }
                in_head_row = false;
            }
            Event::Start(e) if e.name().as_ref() == b"w:tc" => {
                cell.clear();
                continued = false;
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:vMerge" => {
                let restart = e.attributes().flatten().any(|a| a.value.as_ref() == b"restart");
                continued = !restart;
            }
            Event::End(e) if e.name().as_ref() == b"w:tc" => {
                let text = collapse(&cell);
                if in_head_row && !continued && !text.is_empty() {
                    open.last_mut().expect("a table").0.push(text);
                }
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => cell.push(' '),
            Event::Empty(e) if e.name().as_ref() == b"w:br" => cell.push(' '),
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Text(t) if in_text => cell.push_str(&unescape(&String::from_utf8_lossy(&t))),
            Event::GeneralRef(r) if in_text => {
                cell.push_str(&unescape(&format!("&{};", String::from_utf8_lossy(&r))))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    done.sort_by_key(|d| d.0);
    done.into_iter().map(|d| d.1).collect()
}

/// The header rows of every HTML table (`<thead>`), in order: their cells' texts.
fn html_headers(html: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<thead>") {
        let body = &rest[at..];
        let end = body.find("</thead>").expect("a closing thead");
        let head = &body[..end];
        let cells = head
            .split("<th")
            .skip(1)
            .map(|c| {
                collapse(&strip_tags(&format!(
                    "<th{}",
                    c.split("</th>").next().unwrap_or("").replace("<br>", " ")
                )))
            })
            .filter(|t| !t.is_empty())
            .collect();
        out.push(cells);
        rest = &body[end..];
    }
    out
}

/// The header line of every Markdown table (merged headers flattened, `Group: column`).
fn markdown_headers(md: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = md.lines().collect();
    lines
        .windows(2)
        .filter(|w| {
            w[0].starts_with('|') && w[1].starts_with("|---")
                || w[0].starts_with('|') && w[1].starts_with("|:--")
        })
        .map(|w| vec![collapse(&unescape(&w[0].replace('\\', "").replace("<br>", " ")))])
        .collect()
}

/// Whitespace made uniform, and nothing else: a header cell's words as printed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed's tables whose header is not in `got` in order: a table's header is found when a
/// rendered table's header starts with the same texts (the source's column-number row may
/// follow it). `flat`: the rendered header is one line holding every text (Markdown has no
/// merged cells: a group's text stands before each of its columns, `Group: column`).
fn missing_headers(want: &[Vec<String>], got: &[Vec<String>], flat: bool) -> Vec<usize> {
    let found = |w: &[String], g: &[String]| {
        if flat {
            let line = g.join(" ");
            w.iter().all(|t| line.contains(t.as_str()))
        } else {
            g.len() >= w.len() && g[..w.len()] == *w
        }
    };
    let mut at = 0;
    let mut missing = Vec::new();
    for (i, w) in want.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
        match got[at..].iter().position(|g| found(w, g)) {
            Some(k) => at += k + 1,
            None => missing.push(i),
        }
    }
    missing
}

/// Every table header the adopted programme prints stands in the rendered documents verbatim,
/// in order.
fn check_headers(name: &str, import: &str) {
    let Some(shared) = shared() else { return };
    let want = docx_headers(&zip_entry(
        &shared.join("import").join(import),
        "word/document.xml",
    ));
    let tables = want.iter().filter(|w| !w.is_empty()).count();
    assert!(tables > 8, "{import}: only {tables} table headers read");
    let tmp = tempfile::tempdir().unwrap();
    render(name, tmp.path());
    let read = |ext: &str| std::fs::read_to_string(tmp.path().join(format!("{name}.{ext}"))).unwrap();
    let docx = docx_headers(&zip_entry(
        &tmp.path().join(format!("{name}.docx")),
        "word/document.xml",
    ));
    let mut failures = Vec::new();
    for (format, got, flat) in [
        ("docx", docx, false),
        ("html", html_headers(&read("html")), false),
        ("md", markdown_headers(&read("md")), true),
    ] {
        let missing = missing_headers(&want, &got, flat);
        eprintln!(
            "{name}.{format}: {} of {tables} table headers of the source verbatim and in order",
            tables - missing.len()
        );
        if !missing.is_empty() {
            let show: Vec<String> = missing.iter().map(|&i| format!("{i}: {:?}", want[i])).collect();
            failures.push(format!(
                "{name}.{format}: headers not printed as the source prints them: {show:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn jelgava_tables_keep_their_printed_headers() {
    check_headers("jelgava-2024-2028", "jelgava-2024-2028.docx");
}

#[test]
fn ogre_tables_keep_their_printed_headers() {
    check_headers("ogre-2024-2027", "ogre-2024-2027.docx");
}

/// The header comparison sees a renamed column and accepts a column-number row after the
/// header.
#[test]
fn the_header_comparison_sees_a_renamed_column() {
    let want = vec![vec!["Nr.".to_string(), "Mērķis".to_string()]];
    let numbered = vec![vec![
        "Nr.".to_string(),
        "Mērķis".to_string(),
        "1".into(),
        "2".into(),
    ]];
    assert!(missing_headers(&want, &numbered, false).is_empty());
    let renamed = vec![vec!["Nr.".to_string(), "Mērķi".to_string()]];
    assert_eq!(missing_headers(&want, &renamed, false), vec![0]);
    let line = vec![vec!["| Nr. | Mērķis |".to_string()]];
    assert!(missing_headers(&want, &line, true).is_empty());
    let xml = r#"<w:document><w:body><w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
    assert_eq!(docx_headers(xml), vec![vec!["A".to_string()]]);
}
