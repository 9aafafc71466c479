//! The Word document as Word reads it: every rendered `.docx` (both real programmes, the
//! `pmp init` scaffold, the render fixture) validated against the ECMA-376 schemas with
//! `openxml-audit`, control characters in the YAML never reaching the XML, and the styles,
//! language and properties read back from the package.
//!
//! The validator and LibreOffice are external tools: on a developer's machine a missing one is
//! a notice, under CI (`.ci/run` installs both) a failure.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/tools.rs"]
mod tools;
use tools::{skip, which};

const TODAY: &str = "2026-11-22";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pmp(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmp"))
        .args(args)
        .current_dir(cwd)
        .env("PMP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .output()
        .expect("run pmp")
}

/// A copy of a programme folder in a temporary folder, as `<tmp>/<name>`.
fn copy_programme(src: &Path, tmp: &Path, name: &str) -> PathBuf {
    let dir = tmp.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
    dir
}

/// Renders the programme folder `dir` (relative to `cwd`) to Word and returns the file.
fn render_docx(cwd: &Path, dir: &str) -> PathBuf {
    let out = cwd.join("out");
    let o = pmp(
        cwd,
        &[
            "render",
            dir,
            "--format",
            "docx",
            "--out",
            "out",
            "--allow-errors",
        ],
    );
    assert!(
        o.status.success(),
        "render {dir}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut found: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    found.sort();
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

fn zip_names(docx: &Path) -> Vec<String> {
    let z = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    z.file_names().map(String::from).collect()
}

fn zip_entry_bytes(docx: &Path, name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut e = z
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing from the .docx"));
    let mut b = Vec::new();
    e.read_to_end(&mut b).unwrap();
    b
}

fn zip_entry(docx: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut e = z
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing from the .docx"));
    let mut s = String::new();
    e.read_to_string(&mut s).unwrap();
    s
}

/// A tool is missing: a notice on a developer's machine, a failure under CI.
fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The schema errors `openxml-audit` reports for the file, or `None` when it is not installed.
fn schema_errors(docx: &Path) -> Option<Vec<String>> {
    if !python_has("openxml_audit") {
        skip("python3 with `openxml-audit` is missing (pip install openxml-audit; .ci/run installs it)");
        return None;
    }
    let o = Command::new("python3")
        .args(["-m", "openxml_audit", "--max-errors", "0", "--output", "json"])
        .arg(docx)
        .output()
        .expect("run openxml-audit");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit printed no JSON ({e}): {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let file = &report[0];
    assert!(file["error_count"].is_u64(), "unexpected report: {report}");
    Some(
        file["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{} {}: {}", e["part_uri"], e["path"], e["description"]))
            .collect(),
    )
}

fn assert_valid(docx: &Path) {
    if let Some(errors) = schema_errors(docx) {
        assert!(
            errors.is_empty(),
            "{}: {} schema error(s):\n{}",
            docx.display(),
            errors.len(),
            errors[..errors.len().min(40)].join("\n")
        );
    }
}

#[test]
fn both_real_programmes_validate_against_the_schema() {
    for name in ["jelgava-2024-2028", "ogre-2024-2027"] {
        let tmp = tempfile::tempdir().unwrap();
        copy_programme(&root().join("programmes").join(name), tmp.path(), name);
        let docx = render_docx(tmp.path(), name);
        assert_valid(&docx);
    }
}

#[test]
fn the_scaffold_and_the_render_fixture_validate_against_the_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let o = pmp(
        tmp.path(),
        &[
            "init",
            "--municipality",
            "Demo novads",
            "--from",
            "2025",
            "--to",
            "2027",
            "demo-2025-2027",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_valid(&render_docx(tmp.path(), "demo-2025-2027"));

    let tmp = tempfile::tempdir().unwrap();
    copy_programme(&root().join("tests/fixtures/render"), tmp.path(), "demo");
    assert_valid(&render_docx(tmp.path(), "demo"));
}

/// The render fixture with control characters written into its text: as YAML escapes in
/// double-quoted strings (title, section title, a table cell, a caption). Written raw they
/// are already a YAML syntax error.
fn fixture_with_control_characters(tmp: &Path) -> PathBuf {
    let dir = copy_programme(&root().join("tests/fixtures/render"), tmp, "demo");
    let edit = |file: &str, from: &str, to: &str| {
        let p = dir.join(file);
        let s = std::fs::read_to_string(&p).unwrap();
        assert!(s.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&p, s.replacen(from, to, 1)).unwrap();
    };
    edit(
        "programme.yaml",
        "title: Priekšlaicīgas mācību pārtraukšanas prevencijas plāns 2025.–2028. gadam",
        r#"title: "Priekšlaicīgas\u000Bmācību\fpārtraukšanas\0 prevencijas plāns\uFFFE 2025.–2028. gadam""#,
    );
    edit(
        "situation.yaml",
        "{cells: [Birzes pamatskola,",
        r#"{cells: ["Birzes\a\e pamatskola\x08", "#,
    );
    edit(
        "situation.yaml",
        "caption: Izglītojamo skaits pa skolām",
        r#"caption: "Izglītojamo skaits\u001F pa skolām""#,
    );
    edit(
        "situation.yaml",
        "title: Izglītojamo skaits",
        r#"title: "Izglītojamo\u0001 skaits\uFFFF""#,
    );
    dir
}

#[test]
fn control_characters_never_reach_the_xml() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_with_control_characters(tmp.path());
    // `pmp check` finds each of them where it is written.
    let o = pmp(tmp.path(), &["check", "demo", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("check's JSON");
    let found: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "control-character")
        .map(|d| format!("{}:{}", d["file"].as_str().unwrap(), d["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            "demo/programme.yaml:title",
            "demo/situation.yaml:sections[0].title",
            "demo/situation.yaml:sections[0].tables[0].caption",
            "demo/situation.yaml:sections[0].tables[0].rows[1].cells[0]",
        ],
        "{report}"
    );
    let docx = render_docx(tmp.path(), "demo");
    // Nothing forbidden in any part, and every part well-formed to a strict parser.
    for name in zip_names(&docx) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = zip_entry(&docx, &name);
            let bad: Vec<char> = text
                .chars()
                .filter(|c| {
                    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
                })
                .collect();
            assert!(bad.is_empty(), "{name} holds {bad:?}");
        }
    }
    let doc = zip_entry(&docx, "word/document.xml");
    // Vertical tab and form feed become spaces: the words stay apart.
    assert!(doc.contains("Priekšlaicīgas mācību pārtraukšanas prevencijas plāns 2025.–2028. gadam"));
    let parse = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile, xml.dom.minidom as m\n\
             z = zipfile.ZipFile(sys.argv[1])\n\
             for n in z.namelist():\n\
             \x20   if n.endswith(('.xml', '.rels')):\n\
             \x20       m.parseString(z.read(n))\n\
             print('ok')",
        ])
        .arg(&docx)
        .output();
    match parse {
        Ok(o) => assert!(
            o.status.success(),
            "a part is not well-formed: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => skip("python3 is missing; the XML parse is skipped"),
    }
    assert_valid(&docx);
    libreoffice_converts(tmp.path(), &docx);
}

/// LibreOffice opens the file and converts it to PDF, returned (`None` when it is missing).
fn libreoffice_converts(tmp: &Path, docx: &Path) -> Option<PathBuf> {
    if !which("soffice") {
        skip("soffice is missing; the LibreOffice check is skipped (.ci/run installs it)");
        return None;
    }
    let out = tmp.join("pdf");
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", tmp.display());
    let c = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = out.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.is_file() && std::fs::metadata(&pdf).unwrap().len() > 1000,
        "LibreOffice did not convert {}: {}",
        docx.display(),
        String::from_utf8_lossy(&c.stderr)
    );
    Some(pdf)
}

/// The text of each page of a PDF, by pdftotext.
fn page_texts(pdf: &Path) -> Option<Vec<String>> {
    if !which("pdftotext") {
        skip("pdftotext is missing (poppler-utils; .ci/run installs it)");
        return None;
    }
    let o = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

#[test]
fn no_blank_page_and_no_footer_on_the_title_page_in_libreoffice() {
    for name in ["jelgava-2024-2028", "ogre-2024-2027"] {
        let (tmp, docx) = rendered_programme(name);
        let Some(pdf) = libreoffice_converts(tmp.path(), &docx) else {
            return;
        };
        let Some(pages) = page_texts(&pdf) else { return };
        assert!(pages.len() > 10, "{name}: {} pages", pages.len());
        // The footer is the page's number alone, on the page's last line.
        let is_footer = |l: &str| !l.trim().is_empty() && l.trim().chars().all(|c| c.is_ascii_digit());
        for (i, page) in pages.iter().enumerate() {
            let body = page
                .lines()
                .filter(|l| !l.trim().is_empty() && !is_footer(l))
                .count();
            assert!(body > 0, "{name}: page {} is blank", i + 1);
        }
        let last = |p: &str| {
            p.lines()
                .rfind(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string()
        };
        assert!(last(&pages[0]) != "1", "{name}: the title page has a footer");
        assert_eq!(last(&pages[1]), "2", "{name}: the second page has no footer");
    }
}

// ---------------------------------------------------------------- reading the XML back

/// An element of a part, read back with quick-xml.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    kids: Vec<El>,
    text: String,
}

impl El {
    fn parse(xml: &str) -> El {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack = vec![El::default()];
        let open = |e: &quick_xml::events::BytesStart| El {
            name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        // Raw: the attributes read here (style ids, types) hold no entities.
                        String::from_utf8(a.value.to_vec()).unwrap(),
                    )
                })
                .collect(),
            ..El::default()
        };
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Eof => break,
                Event::Start(e) => stack.push(open(&e)),
                Event::Empty(e) => stack.last_mut().unwrap().kids.push(open(&e)),
                Event::End(_) => {
                    let el = stack.pop().unwrap();
                    stack.last_mut().unwrap().kids.push(el);
                }
                Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.decode().unwrap()),
                Event::GeneralRef(r) => {
                    let name = String::from_utf8(r.to_vec()).unwrap();
                    let c = match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        _ => "'",
                    };
                    stack.last_mut().unwrap().text.push_str(c);
                }
                _ => {}
            }
        }
        stack.pop().unwrap().kids.pop().expect("a root element")
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn kid(&self, name: &str) -> Option<&El> {
        self.kids.iter().find(|k| k.name == name)
    }

    fn has(&self, name: &str) -> bool {
        self.kid(name).is_some()
    }

    /// Every descendant called `name`, in document order.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for k in &self.kids {
            if k.name == name {
                out.push(k);
            }
            k.all(name, out);
        }
    }

    fn find_all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }

    /// The text of every `w:t` below.
    fn text_of(&self) -> String {
        self.find_all("w:t").iter().map(|t| t.text.as_str()).collect()
    }

    /// The paragraph's style id.
    fn style(&self) -> Option<&str> {
        self.kid("w:pPr")?.kid("w:pStyle")?.attr("w:val")
    }
}

fn rendered_fixture() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    copy_programme(&root().join("tests/fixtures/render"), tmp.path(), "demo");
    let docx = render_docx(tmp.path(), "demo");
    (tmp, docx)
}

fn rendered_programme(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    copy_programme(&root().join("programmes").join(name), tmp.path(), name);
    let docx = render_docx(tmp.path(), name);
    (tmp, docx)
}

#[test]
fn normal_is_the_default_and_every_named_style_exists() {
    let (_tmp, docx) = rendered_fixture();
    let styles = El::parse(&zip_entry(&docx, "word/styles.xml"));
    let by_id = |id: &str| {
        styles
            .kids
            .iter()
            .find(|s| s.name == "w:style" && s.attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("style {id} missing"))
    };
    let normal = by_id("Normal");
    assert_eq!(
        normal.attr("w:default"),
        Some("1"),
        "Normal is not the default style"
    );
    for (id, name) in [
        ("BodyText", "Body Text"),
        ("ListBullet", "List Bullet"),
        ("ListNumber", "List Number"),
        ("TableText", "Table Text"),
        ("TableHeading", "Table Heading"),
        ("Caption", "caption"),
        ("TOC1", "toc 1"),
        ("TOC2", "toc 2"),
        ("TOC3", "toc 3"),
        ("Title", "Title"),
        ("Subtitle", "Subtitle"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Heading3", "heading 3"),
        ("TableGrid", "Table Grid"),
    ] {
        let s = by_id(id);
        assert_eq!(s.kid("w:name").and_then(|n| n.attr("w:val")), Some(name), "{id}");
    }
    // Headings and captions keep with the next paragraph.
    for id in ["Heading1", "Heading2", "Heading3", "Caption", "TableHeading"] {
        assert!(
            by_id(id).kid("w:pPr").is_some_and(|p| p.has("w:keepNext")),
            "{id} without keepNext"
        );
    }
    // Widow control and Latvian for everything, from the document defaults.
    let defaults = styles.kid("w:docDefaults").expect("docDefaults");
    let ppr = defaults.kid("w:pPrDefault").and_then(|p| p.kid("w:pPr")).unwrap();
    assert!(ppr.has("w:widowControl"));
    let lang = defaults
        .kid("w:rPrDefault")
        .and_then(|r| r.kid("w:rPr"))
        .and_then(|r| r.kid("w:lang"))
        .expect("a document language");
    assert_eq!(lang.attr("w:val"), Some("lv-LV"));
}

#[test]
fn core_properties_come_from_the_programme() {
    let (_tmp, docx) = rendered_fixture();
    let core = El::parse(&zip_entry(&docx, "docProps/core.xml"));
    let get = |name: &str| {
        core.kid(name)
            .map(|e| e.text.as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        get("dc:title"),
        "Priekšlaicīgas mācību pārtraukšanas prevencijas plāns 2025.–2028. gadam"
    );
    assert_eq!(get("dc:creator"), "Demo novads");
    assert_eq!(get("dc:language"), "lv-LV");
    // The adoption and the last amendment (programme.yaml), not the clock and not 2000.
    assert_eq!(get("dcterms:created"), "2025-01-30T00:00:00Z");
    assert_eq!(get("dcterms:modified"), "2026-02-26T00:00:00Z");
}

/// Paragraph properties that are formatting rather than structure: they belong in a style.
const DIRECT: &[&str] = &["w:jc", "w:spacing", "w:ind"];
/// Run properties that belong in a style (bold and italic in prose are the author's emphasis).
const DIRECT_RUN: &[&str] = &["w:sz", "w:color", "w:rFonts", "w:u"];

#[test]
fn paragraphs_name_a_style_and_carry_no_direct_formatting() {
    for docx in [rendered_fixture(), rendered_programme("jelgava-2024-2028")] {
        let doc = El::parse(&zip_entry(&docx.1, "word/document.xml"));
        let body = doc.kid("w:body").unwrap();
        let mut unstyled = Vec::new();
        let mut direct = Vec::new();
        for p in body.find_all("w:p") {
            let ppr = p.kid("w:pPr");
            // The paragraph that carries a section break is not text.
            if ppr.is_some_and(|pp| pp.has("w:sectPr")) {
                continue;
            }
            if p.style().is_none() {
                unstyled.push(p.text_of());
            }
            if let Some(pp) = ppr {
                // A list item's continuation paragraph is indented to its item: structure.
                for d in DIRECT
                    .iter()
                    .filter(|d| pp.has(d) && !(**d == "w:ind" && p.style() == Some("BodyText")))
                {
                    direct.push(format!("{d} on „{}”", p.text_of()));
                }
            }
            for r in p.find_all("w:rPr") {
                for d in DIRECT_RUN.iter().filter(|d| r.has(d)) {
                    direct.push(format!("{d} in „{}”", p.text_of()));
                }
            }
        }
        assert!(
            unstyled.is_empty(),
            "{} paragraphs without a style: {:?}",
            unstyled.len(),
            &unstyled[..unstyled.len().min(5)]
        );
        // Inline code keeps its font: the only direct run formatting left.
        direct.retain(|d| !d.starts_with("w:rFonts"));
        assert!(
            direct.is_empty(),
            "{} direct formats: {:?}",
            direct.len(),
            &direct[..direct.len().min(5)]
        );
    }
}

#[test]
fn no_table_row_splits_across_pages_and_header_rows_repeat() {
    for name in ["jelgava-2024-2028", "ogre-2024-2027"] {
        let (_tmp, docx) = rendered_programme(name);
        let doc = El::parse(&zip_entry(&docx, "word/document.xml"));
        let rows = doc.find_all("w:tr");
        assert!(rows.len() > 100, "{name}: only {} rows", rows.len());
        let split: Vec<String> = rows
            .iter()
            .filter(|r| !r.kid("w:trPr").is_some_and(|p| p.has("w:cantSplit")))
            .map(|r| r.text_of())
            .collect();
        assert!(
            split.is_empty(),
            "{name}: {} rows may split: {:?}",
            split.len(),
            &split[..split.len().min(3)]
        );
        // Every table repeats its first row, and no body row is marked as a header.
        for t in doc.find_all("w:tbl") {
            let trs: Vec<&El> = t.kids.iter().filter(|k| k.name == "w:tr").collect();
            let head = |r: &El| r.kid("w:trPr").is_some_and(|p| p.has("w:tblHeader"));
            assert!(
                head(trs[0]),
                "{name}: a table without a header row: {}",
                trs[0].text_of()
            );
            let first_body = trs.iter().position(|r| !head(r)).unwrap_or(trs.len());
            assert!(
                trs[first_body..].iter().all(|r| !head(r)),
                "{name}: a header row among body rows"
            );
        }
    }
}

#[test]
fn no_empty_paragraph_before_a_section_break_and_no_footer_on_the_title_page() {
    for name in ["jelgava-2024-2028", "ogre-2024-2027"] {
        let (_tmp, docx) = rendered_programme(name);
        let doc = El::parse(&zip_entry(&docx, "word/document.xml"));
        let body = doc.kid("w:body").unwrap();
        let empty = |e: &El| {
            e.name == "w:p"
                && e.find_all("w:r").is_empty()
                && !e.kid("w:pPr").is_some_and(|p| p.has("w:sectPr"))
        };
        let breaks: Vec<usize> = body
            .kids
            .iter()
            .enumerate()
            .filter(|(_, e)| e.name == "w:sectPr" || e.kid("w:pPr").is_some_and(|p| p.has("w:sectPr")))
            .map(|(i, _)| i)
            .collect();
        assert!(breaks.len() > 2, "{name}: {} sections", breaks.len());
        for i in breaks {
            assert!(
                i == 0 || !empty(&body.kids[i - 1]),
                "{name}: an empty paragraph before the section break at {i}"
            );
        }
        // The title page's section has a first page of its own, with no footer.
        let first = body.find_all("w:sectPr")[0];
        assert!(
            first.has("w:titlePg"),
            "{name}: the title page has the document's footer"
        );
        assert!(
            first
                .find_all("w:footerReference")
                .iter()
                .all(|f| f.attr("w:type") != Some("first")),
            "{name}: a first-page footer"
        );
    }
}

/// The contents list every heading, each with its page as a PAGEREF field to a bookmark
/// that stands on that heading (LibreOffice computes those pages when it opens the file:
/// `tests/render.rs` reads them back).
#[test]
fn the_table_of_contents_lists_the_headings_with_their_page_references() {
    let (_tmp, docx) = rendered_fixture();
    let doc = El::parse(&zip_entry(&docx, "word/document.xml"));
    let body = doc.kid("w:body").unwrap();
    let paras = body.find_all("w:p");
    let toc: Vec<&&El> = paras
        .iter()
        .filter(|p| {
            p.style()
                .is_some_and(|s| s.starts_with("TOC") && s != "TOCHeading")
        })
        .collect();
    let headings: Vec<&&El> = paras
        .iter()
        .filter(|p| p.style().is_some_and(|s| s.starts_with("Heading")))
        .collect();
    assert!(headings.len() > 5, "{} headings", headings.len());
    let texts = |ps: &[&&El]| {
        ps.iter()
            .map(|p| p.text_of().trim().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&toc), texts(&headings));
    assert_eq!(toc[0].style(), Some("TOC1"));
    assert!(toc.iter().any(|p| p.style() == Some("TOC2")));
    for (entry, heading) in toc.iter().zip(&headings) {
        let instr = entry.find_all("w:instrText");
        let target = instr
            .iter()
            .find_map(|i| i.text.trim().strip_prefix("PAGEREF "))
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_else(|| panic!("no page reference in „{}”", entry.text_of()));
        let marks: Vec<&str> = heading
            .find_all("w:bookmarkStart")
            .iter()
            .filter_map(|b| b.attr("w:name"))
            .collect();
        assert!(
            marks.contains(&target),
            "„{}” refers to {target}, its heading has {marks:?}",
            entry.text_of()
        );
    }
}

/// The cells of a row, with their text and width (`w:tcW`, twentieths of a point).
fn cells(row: &El) -> Vec<(String, usize, usize)> {
    row.kids
        .iter()
        .filter(|k| k.name == "w:tc")
        .map(|tc| {
            let pr = tc.kid("w:tcPr");
            let w = pr
                .and_then(|p| p.kid("w:tcW"))
                .and_then(|w| w.attr("w:w"))
                .and_then(|w| w.parse().ok())
                .unwrap_or(0);
            let span = pr
                .and_then(|p| p.kid("w:gridSpan"))
                .and_then(|s| s.attr("w:val"))
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
            let text = tc
                .find_all("w:p")
                .iter()
                .map(|p| p.text_of())
                .collect::<Vec<_>>()
                .join("\n");
            (text, w, span)
        })
        .collect()
}

#[test]
fn columns_are_sized_from_their_content() {
    for name in ["jelgava-2024-2028", "ogre-2024-2027"] {
        let (_tmp, docx) = rendered_programme(name);
        let doc = El::parse(&zip_entry(&docx, "word/document.xml"));
        let mut narrow = Vec::new();
        for row in doc.find_all("w:tr") {
            for (text, w, _) in cells(row) {
                // 10 pt type: no word may need more than its cell (at a lean 80 twips a
                // character, and the cell's margins).
                let longest = text
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0);
                if longest * 80 + 170 > w {
                    narrow.push(format!("„{text}” in {w}"));
                }
            }
        }
        assert!(
            narrow.is_empty(),
            "{name}: {} words wider than their cells: {:?}",
            narrow.len(),
            &narrow[..narrow.len().min(5)]
        );
    }
    // The plan's year columns hold one „X” each: they stay narrow, the activity takes the room.
    let (_tmp, docx) = rendered_programme("jelgava-2024-2028");
    let doc = El::parse(&zip_entry(&docx, "word/document.xml"));
    let plan = doc
        .find_all("w:tbl")
        .into_iter()
        .find(|t| {
            t.find_all("w:tr")
                .iter()
                .take(2)
                .any(|r| cells(r).iter().any(|c| c.0 == "2024"))
        })
        .expect("the plan table");
    let rows = plan.find_all("w:tr");
    let years: Vec<usize> = rows
        .iter()
        .flat_map(|r| cells(r))
        .filter(|c| c.0 == "2025")
        .map(|c| c.1)
        .collect();
    let activity = cells(rows[0])
        .iter()
        .find(|c| c.0 == "Prevencijas aktivitāte")
        .map(|c| c.1)
        .unwrap();
    assert!(
        !years.is_empty() && years.iter().all(|w| *w < 1000),
        "year columns {years:?}"
    );
    assert!(activity > 2 * years[0], "activity {activity}, years {years:?}");
}

#[test]
fn the_svid_opportunities_and_threats_have_their_own_repeated_header() {
    // Jelgava prints its second row of quadrants as „Riski | Iespējas” (svid.yaml `printed`).
    let (_tmp, docx) = rendered_programme("jelgava-2024-2028");
    let doc = El::parse(&zip_entry(&docx, "word/document.xml"));
    let first_rows: Vec<(bool, Vec<String>)> = doc
        .find_all("w:tbl")
        .iter()
        .map(|t| {
            let r = t.kids.iter().find(|k| k.name == "w:tr").unwrap();
            let head = r.kid("w:trPr").is_some_and(|p| p.has("w:tblHeader"));
            (head, cells(r).into_iter().map(|c| c.0).collect())
        })
        .collect();
    let sw = first_rows
        .iter()
        .position(|(_, c)| c == &["Stiprās puses", "Vājās puses"])
        .expect("the SVID table");
    assert_eq!(
        first_rows[sw + 1],
        (true, vec!["Riski".to_string(), "Iespējas".to_string()])
    );
}

// ---------------------------------------------------------------- --reference-doc

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A municipality's template: US Letter, wide left margin, Courier New body text, Georgia
/// headings, its own header and footer.
fn write_template(path: &Path) {
    use std::io::Write;
    let parts: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#.into(),
        ),
        (
            "word/document.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body><w:p><w:r><w:t>Veidne</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId2"/><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="2160" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#),
        ),
        (
            "word/styles.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="22"/><w:lang w:val="lv-LV"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:color w:val="1F4E79"/><w:sz w:val="36"/></w:rPr></w:style></w:styles>"#),
        ),
        (
            "word/footer1.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {W}><w:p><w:r><w:t>Ogres novada pašvaldība, Brīvības iela 33</w:t></w:r></w:p></w:ftr>"#),
        ),
        (
            "word/header1.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W}><w:p><w:r><w:t>OGRES NOVADA PAŠVALDĪBA</w:t></w:r></w:p></w:hdr>"#),
        ),
    ];
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in parts {
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn reference_doc_gives_its_styles_page_header_and_footer() {
    let tmp = tempfile::tempdir().unwrap();
    copy_programme(&root().join("tests/fixtures/render"), tmp.path(), "demo");
    write_template(&tmp.path().join("veidne.docx"));
    let o = pmp(
        tmp.path(),
        &[
            "render",
            "demo",
            "--format",
            "docx",
            "--out",
            "out",
            "--reference-doc",
            "veidne.docx",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docx = tmp.path().join("out/demo-2025-2028.docx");

    // The template's fonts and headings; pmp's styles the template lacks are still there.
    let styles = El::parse(&zip_entry(&docx, "word/styles.xml"));
    let fonts = styles.find_all("w:docDefaults")[0].find_all("w:rFonts")[0]
        .attr("w:ascii")
        .map(String::from);
    assert_eq!(fonts.as_deref(), Some("Courier New"));
    let style = |id: &str| styles.kids.iter().find(|s| s.attr("w:styleId") == Some(id));
    let h1 = style("Heading1").expect("Heading1");
    assert_eq!(h1.find_all("w:rFonts")[0].attr("w:ascii"), Some("Georgia"));
    for id in ["BodyText", "TableText", "Caption", "TOC1"] {
        assert!(style(id).is_some(), "{id} lost");
    }
    let defaults = styles
        .kids
        .iter()
        .filter(|s| s.attr("w:type") == Some("paragraph") && s.attr("w:default") == Some("1"))
        .count();
    assert_eq!(defaults, 1);

    // The template's page: Letter, its margins; landscape pages turn it.
    let doc = El::parse(&zip_entry(&docx, "word/document.xml"));
    let sects = doc.find_all("w:sectPr");
    let size = |s: &El| {
        let sz = s.kid("w:pgSz").unwrap();
        (
            sz.attr("w:w").unwrap().to_string(),
            sz.attr("w:h").unwrap().to_string(),
        )
    };
    let left = |s: &El| s.kid("w:pgMar").unwrap().attr("w:left").unwrap().to_string();
    assert!(
        sects
            .iter()
            .any(|s| size(s) == ("12240".into(), "15840".into()) && left(s) == "2160")
    );
    assert!(
        sects
            .iter()
            .any(|s| size(s) == ("15840".into(), "12240".into()) && left(s) == "1440")
    );
    assert!(
        sects
            .iter()
            .all(|s| s.kid("w:pgMar").unwrap().attr("w:top") == Some("1440"))
    );

    // Its header on every section, its footer in place of pmp's.
    assert!(
        sects.iter().all(|s| s.has("w:headerReference")),
        "a section without the header"
    );
    let names = zip_names(&docx);
    let footers: Vec<&String> = names.iter().filter(|n| n.starts_with("word/footer")).collect();
    assert!(!footers.is_empty());
    for f in footers {
        assert!(
            zip_entry(&docx, f).contains("Ogres novada pašvaldība, Brīvības iela 33"),
            "{f}"
        );
    }
    assert!(zip_entry(&docx, "word/header1.xml").contains("OGRES NOVADA PAŠVALDĪBA"));

    assert_valid(&docx);
    if let Some(pdf) = libreoffice_converts(tmp.path(), &docx)
        && let Some(pages) = page_texts(&pdf)
    {
        assert!(pages[1].contains("OGRES NOVADA PAŠVALDĪBA"), "{}", pages[1]);
        assert!(pages[1].contains("Brīvības iela 33"), "{}", pages[1]);
    }
}

#[test]
fn reference_doc_that_is_not_a_word_document_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    copy_programme(&root().join("tests/fixtures/render"), tmp.path(), "demo");
    std::fs::write(tmp.path().join("veidne.docx"), "not a zip").unwrap();
    let o = pmp(
        tmp.path(),
        &[
            "render",
            "demo",
            "--format",
            "docx",
            "--out",
            "out",
            "--reference-doc",
            "veidne.docx",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("veidne.docx") && err.contains("not a Word document"),
        "{err}"
    );
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn indicator_charts_are_native_word_charts() {
    let (tmp, plain) = rendered_fixture();
    // Asked for only: the programme's own text has no charts.
    assert!(!zip_names(&plain).iter().any(|n| n.starts_with("word/charts/")));
    let o = pmp(
        tmp.path(),
        &[
            "render",
            "demo",
            "--format",
            "docx",
            "--out",
            "charts",
            "--allow-errors",
            "--indicator-charts",
        ],
    );
    assert!(o.status.success());
    let docx = tmp.path().join("charts/demo-2025-2028.docx");
    // As many charts as the HTML draws.
    let o = pmp(
        tmp.path(),
        &[
            "render",
            "demo",
            "--format",
            "html",
            "--out",
            "html",
            "--allow-errors",
            "--indicator-charts",
        ],
    );
    assert!(o.status.success());
    let html = std::fs::read_to_string(tmp.path().join("html/demo-2025-2028.html")).unwrap();
    let in_html = html.matches(r#"<figure class="chart""#).count();
    assert!(in_html >= 2, "{in_html} charts in the HTML");
    let names = zip_names(&docx);
    let parts: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("word/charts/chart"))
        .collect();
    assert_eq!(parts.len(), in_html, "{parts:?}");
    // Each is placed in the text, through a relationship to its part, and declared.
    let doc = El::parse(&zip_entry(&docx, "word/document.xml"));
    let placed: Vec<String> = doc
        .find_all("c:chart")
        .iter()
        .map(|c| c.attr("r:id").unwrap().to_string())
        .collect();
    assert_eq!(placed.len(), in_html);
    let rels = El::parse(&zip_entry(&docx, "word/_rels/document.xml.rels"));
    let types = zip_entry(&docx, "[Content_Types].xml");
    for id in &placed {
        let rel = rels
            .kids
            .iter()
            .find(|r| r.attr("Id") == Some(id))
            .expect("a relationship");
        let target = format!("word/{}", rel.attr("Target").unwrap());
        assert!(names.contains(&target), "{target} missing");
        assert!(
            types.contains(&format!(r#"PartName="/{target}""#)),
            "{target} has no content type"
        );
    }
    // The first indicator's bars: baseline and targets, labelled as the document prints them.
    let chart = El::parse(&zip_entry(&docx, "word/charts/chart1.xml"));
    let cats: Vec<String> = chart.find_all("c:cat")[0]
        .find_all("c:v")
        .iter()
        .map(|v| v.text.clone())
        .collect();
    assert_eq!(cats, ["2024 (bāzes vērtība)", "2026", "2028"]);
    let vals: Vec<String> = chart.find_all("c:val")[0]
        .find_all("c:v")
        .iter()
        .map(|v| v.text.clone())
        .collect();
    assert_eq!(vals, ["92.5", "94", "96"]);
    let labels: Vec<String> = chart.find_all("c:dLbl").iter().map(|l| l.text_of_a()).collect();
    assert_eq!(labels, ["92,5\u{a0}%", "94\u{a0}%", "96\u{a0}%"]);
}

impl El {
    /// The text of every DrawingML `a:t` below.
    fn text_of_a(&self) -> String {
        self.find_all("a:t").iter().map(|t| t.text.as_str()).collect()
    }
}

#[test]
fn the_annual_report_validates_against_the_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = root().join("examples/demo-novads");
    let o = pmp(
        tmp.path(),
        &[
            "report",
            demo.to_str().unwrap(),
            "--year",
            "2026",
            "--format",
            "docx",
            "--out",
            "out",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docx = std::fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "docx"))
        .expect("a .docx written");
    assert_valid(&docx);
}

/// A cross-reference in prose is a `REF` field to a bookmark on the target's number in its
/// caption or heading, with the number as the field's result, so it shows without an update.
#[test]
fn cross_references_are_ref_fields_to_bookmarks_on_the_numbers() {
    let (bookmarks, refs) = bookmarks_and_refs("jelgava-2024-2028");
    let bookmark = |text: &str, style: &str| bookmark_on(&bookmarks, text, style);
    for (number, style, after) in [
        ("1.11", "Caption", ".\u{a0}tabula"), // the SVID, table 1.11
        ("2.3", "Caption", ".\u{a0}tabula"),  // the plan keeps its printed number
        ("1.2", "Heading2", ".\u{a0}nodaļa"), // section 1.2
        ("1", "Heading1", ".\u{a0}nodaļa"),   // chapter 1
    ] {
        let name = bookmark(number, style);
        assert!(name.starts_with("_Ref"), "a hidden bookmark: {name}");
        assert!(
            refs.iter()
                .any(|(i, r, a)| *i == format!("REF {name} \\h") && r == number && a.starts_with(after)),
            "no REF {name} with result {number:?} followed by {after:?}: {refs:?}"
        );
    }
    // Every REF names a bookmark the document has.
    for (i, _, _) in &refs {
        let target = i.split_whitespace().nth(1).unwrap();
        assert!(
            bookmarks.iter().any(|(n, _, _)| n == target),
            "{i} names no bookmark"
        );
    }
    // `[%s.](#tab:plan)`: the number is the field, the text around it the author's (the
    // fixture's plan, with a sentence that refers to it so; Ogre's document no longer refers
    // to its tables, as its source does not).
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy_programme(&root().join("tests/fixtures/render"), tmp.path(), "demo");
    let plan = dir.join("plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let text = text.replacen(
        "\nactivities:",
        "\nintro: Pasākumi ir [%s.](#tab:plan) tabulā.\nactivities:",
        1,
    );
    std::fs::write(&plan, text).unwrap();
    let (bookmarks, refs) = bookmarks_and_refs_in(&render_docx(tmp.path(), "demo"));
    let (name, number) = refs
        .iter()
        .find(|(_, _, a)| a == ".")
        .map(|(i, r, _)| (i.split_whitespace().nth(1).unwrap().to_string(), r.clone()))
        .unwrap_or_else(|| panic!("no REF followed by the author's text: {refs:?}"));
    assert_eq!(bookmark_on(&bookmarks, &number, "Caption"), name, "{refs:?}");
}

/// A bookmark's name, by the text it encloses in a paragraph of the style.
fn bookmark_on(bookmarks: &[(String, String, Option<String>)], text: &str, style: &str) -> String {
    bookmarks
        .iter()
        .find(|(_, t, s)| t == text && s.as_deref() == Some(style))
        .map(|(n, _, _)| n.clone())
        .unwrap_or_else(|| panic!("no bookmark on {text:?} in a {style} paragraph: {bookmarks:?}"))
}

/// A rendered programme's bookmarks (name, the text of the runs it encloses, the paragraph's
/// style) and its REF fields (instruction, result, the text of the run after the field).
#[allow(clippy::type_complexity)]
fn bookmarks_and_refs(
    programme: &str,
) -> (
    Vec<(String, String, Option<String>)>,
    Vec<(String, String, String)>,
) {
    let (_tmp, docx) = rendered_programme(programme);
    bookmarks_and_refs_in(&docx)
}

/// [`bookmarks_and_refs`] of a rendered Word file.
#[allow(clippy::type_complexity)]
fn bookmarks_and_refs_in(
    docx: &Path,
) -> (
    Vec<(String, String, Option<String>)>,
    Vec<(String, String, String)>,
) {
    let doc = El::parse(&zip_entry(docx, "word/document.xml"));
    let paras = doc.kid("w:body").unwrap().find_all("w:p");
    // Each bookmark's name and the text of the runs it encloses, with the paragraph's style.
    let mut bookmarks: Vec<(String, String, Option<String>)> = Vec::new();
    for p in &paras {
        let mut open: Option<(String, String)> = None;
        for k in &p.kids {
            match k.name.as_str() {
                "w:bookmarkStart" => open = Some((k.attr("w:name").unwrap().to_string(), String::new())),
                "w:bookmarkEnd" => {
                    if let Some((name, text)) = open.take() {
                        bookmarks.push((name, text, p.style().map(str::to_string)));
                    }
                }
                "w:r" => {
                    if let Some((_, text)) = &mut open {
                        text.push_str(&k.text_of());
                    }
                }
                _ => {}
            }
        }
    }
    // The fields: instruction, result and the text right after the field, per paragraph.
    let mut fields: Vec<(String, String, String)> = Vec::new();
    for p in &paras {
        let runs: Vec<&El> = p.kids.iter().filter(|k| k.name == "w:r").collect();
        let mut i = 0;
        while i < runs.len() {
            let char_type = |r: &El| {
                r.kid("w:fldChar")
                    .and_then(|f| f.attr("w:fldCharType"))
                    .map(str::to_string)
            };
            if char_type(runs[i]).as_deref() != Some("begin") {
                i += 1;
                continue;
            }
            let (mut instr, mut result, mut after) = (String::new(), String::new(), String::new());
            let mut j = i + 1;
            let mut separated = false;
            while j < runs.len() && char_type(runs[j]).as_deref() != Some("end") {
                if char_type(runs[j]).as_deref() == Some("separate") {
                    separated = true;
                } else if separated {
                    result.push_str(&runs[j].text_of());
                } else {
                    instr.push_str(
                        &runs[j]
                            .find_all("w:instrText")
                            .iter()
                            .map(|t| t.text.as_str())
                            .collect::<String>(),
                    );
                }
                j += 1;
            }
            if let Some(r) = runs.get(j + 1) {
                after = r.text_of();
            }
            fields.push((instr.trim().to_string(), result, after));
            i = j + 1;
        }
    }
    let refs = fields
        .into_iter()
        .filter(|(i, _, _)| i.starts_with("REF "))
        .collect();
    (bookmarks, refs)
}

/// A footnote of the programme's prose (`[^2]` in Markdown) is a real Word footnote: in
/// footnotes.xml, related to the document, referred to from the text with the number the
/// source prints („2”), in the Footnote Text style.
#[test]
fn prose_footnotes_are_word_footnotes_with_the_sources_numbers() {
    let (_tmp, docx) = rendered_programme("jelgava-2024-2028");
    let notes = zip_entry(&docx, "word/footnotes.xml");
    let doc = zip_entry(&docx, "word/document.xml");
    let rels = zip_entry(&docx, "word/_rels/document.xml.rels");
    let types = zip_entry(&docx, "[Content_Types].xml");
    assert!(rels.contains("relationships/footnotes"), "{rels}");
    assert!(types.contains("/word/footnotes.xml"), "{types}");
    let notes_el = El::parse(&notes);
    let footnotes: Vec<&El> = notes_el
        .find_all("w:footnote")
        .into_iter()
        .filter(|f| f.attr("w:type").is_none())
        .collect();
    assert_eq!(footnotes.len(), 2, "{notes}");
    for (f, mark) in footnotes.iter().zip(["2", "4"]) {
        let text = f.text_of();
        assert!(
            text.starts_with(mark) && text.contains("vietagimenei.lv"),
            "{text}"
        );
        assert_eq!(f.find_all("w:p")[0].style(), Some("FootnoteText"));
        let id = f.attr("w:id").unwrap();
        let reference =
            format!(r#"<w:footnoteReference w:customMarkFollows="1" w:id="{id}" /><w:t>{mark}</w:t>"#);
        assert!(doc.contains(&reference), "no reference {reference}");
    }
}

/// A 4 × 3 PNG (red), small enough to write out here.
const PNG: &str = "89504e470d0a1a0a0000000d49484452000000040000000308020000003b9639910000001049444154789c63f8cfc000470c383900f5310bf5357bfb820000000049454e44ae426082";

/// A figure whose picture is in the folder is embedded: in the Word file as a picture part
/// drawn inline (valid OOXML), in the HTML page as a data: URL, in the Markdown as an image;
/// `check` no longer reports it missing. A figure whose picture is not there keeps its
/// placeholder.
#[test]
fn a_figure_with_its_picture_in_the_folder_is_embedded() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "jelgava-2024-2028";
    let dir = copy_programme(&root().join("programmes").join(name), tmp.path(), name);
    let bytes: Vec<u8> = (0..PNG.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&PNG[i..i + 2], 16).unwrap())
        .collect();
    std::fs::create_dir_all(dir.join("pictures")).unwrap();
    std::fs::write(dir.join("pictures/karte.png"), &bytes).unwrap();
    let situation = std::fs::read_to_string(dir.join("situation.yaml")).unwrap();
    let anchor = "caption: Darba ar jaunatni resursi Jelgavas novadā, 2022./2023.m.g.\n";
    assert!(situation.contains(anchor));
    let with_picture = situation.replacen(
        anchor,
        &format!("{anchor}                image: pictures/karte.png\n"),
        1,
    );
    std::fs::write(dir.join("situation.yaml"), with_picture).unwrap();
    let docx = render_docx(tmp.path(), name);
    assert_valid(&docx);
    let media = zip_entry_bytes(&docx, "word/media/pmpPicture1.png");
    assert_eq!(media, bytes);
    let doc = zip_entry(&docx, "word/document.xml");
    assert_eq!(doc.matches(r#"<a:blip r:embed="rIdPmpPicture1" />"#).count(), 1);
    // 4 × 3 pixels at 96 dpi.
    assert!(
        doc.contains(r#"<wp:extent cx="38100" cy="28575" />"#),
        "picture size"
    );
    let rels = zip_entry(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Target="media/pmpPicture1.png""#), "{rels}");
    // The other figures of the programme still print their placeholders.
    assert!(doc.contains("Attēls nav pievienots programmas mapē"));
    let o = pmp(
        tmp.path(),
        &[
            "render",
            name,
            "--format",
            "all",
            "--out",
            "all",
            "--allow-errors",
        ],
    );
    assert!(o.status.success());
    let html = std::fs::read_to_string(tmp.path().join("all").join(format!("{name}.html"))).unwrap();
    assert!(
        html.contains(r#"<img src="data:image/png;base64,iVBORw0KGgo"#),
        "no embedded picture"
    );
    let md = std::fs::read_to_string(tmp.path().join("all").join(format!("{name}.md"))).unwrap();
    assert!(md.contains("(<pictures/karte.png>)"), "no image in the Markdown");
    let o = pmp(tmp.path(), &["check", name, "--format", "json"]);
    let report = String::from_utf8_lossy(&o.stdout);
    let missing = report.matches(r#""code": "figure-missing""#).count();
    let original = root().join("programmes").join(name);
    let o2 = pmp(
        tmp.path(),
        &["check", original.to_str().unwrap(), "--format", "json"],
    );
    let before = String::from_utf8_lossy(&o2.stdout)
        .matches(r#""code": "figure-missing""#)
        .count();
    assert_eq!(
        missing + 1,
        before,
        "the embedded figure is still reported missing"
    );
}
