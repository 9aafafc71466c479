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
fn missing(why: &str) {
    assert!(std::env::var_os("CI").is_none(), "{why}");
    eprintln!("notice: {why}");
}

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The schema errors `openxml-audit` reports for the file, or `None` when it is not installed.
fn schema_errors(docx: &Path) -> Option<Vec<String>> {
    if !python_has("openxml_audit") {
        missing("python3 with `openxml-audit` is missing (pip install openxml-audit; .ci/run installs it)");
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
        Err(_) => missing("python3 is missing; the XML parse is skipped"),
    }
    assert_valid(&docx);
    libreoffice_converts(tmp.path(), &docx);
}

fn which(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// LibreOffice opens the file and converts it to PDF.
fn libreoffice_converts(tmp: &Path, docx: &Path) {
    if !which("soffice") {
        missing("soffice is missing; the LibreOffice check is skipped (.ci/run installs it)");
        return;
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
}
