//! `pmp report`, run as the real binary on the fictional demonstration programme
//! (`examples/demo-novads`): golden Markdown and JSON, the JSON contract, the Word file's
//! content (every activity, landscape, repeated header rows) and LibreOffice opening it,
//! determinism, the listing of years, and the error gate.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/tools.rs"]
mod tools;
use tools::{skip, which};

const TODAY: &str = "2026-11-22";
const ID: &str = "demo-novads-2025-2028";

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo-novads")
}

/// A copy of the demonstration programme in a temporary folder, as `<tmp>/demo`.
fn demo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(&demo_dir(), &tmp.path().join("demo"));
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn pmp(cwd: &Path, args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_pmp"))
        .args(args)
        .current_dir(cwd)
        .env("PMP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .output()
        .expect("run pmp");
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("panicked"),
        "pmp panicked: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn report(tmp: &tempfile::TempDir, year: &str, format: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "report", "demo", "--year", year, "--format", format, "--out", "out",
    ];
    args.extend_from_slice(extra);
    pmp(tmp.path(), &args)
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

fn out_file(tmp: &tempfile::TempDir, year: &str, ext: &str) -> PathBuf {
    tmp.path().join("out").join(format!("{ID}-{year}.{ext}"))
}

fn zip_entry(docx: &Path, name: &str) -> String {
    let f = std::fs::File::open(docx).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut e = z
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing from the .docx"));
    let mut s = String::new();
    e.read_to_string(&mut s).unwrap();
    s
}

/// The text of every `<w:t>` element of a Word document body, paragraph by paragraph.
fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut rest = para;
        while let Some(i) = rest.find("<w:t") {
            let after = &rest[i..];
            let Some(open_end) = after.find('>') else { break };
            // `<w:tbl>`, `<w:tc>`, ... are not text runs.
            let tag = &after[..open_end];
            if !(tag == "<w:t" || tag.starts_with("<w:t ")) {
                rest = &after[open_end..];
                continue;
            }
            let body = &after[open_end + 1..];
            let Some(close) = body.find("</w:t>") else { break };
            out.push_str(&body[..close]);
            rest = &body[close..];
        }
        out.push('\n');
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

/// Every activity of the demonstration's plan: (number, title).
fn activities() -> Vec<(String, String)> {
    let plan = read(demo_dir().join("plan.yaml"));
    let mut out = Vec::new();
    let mut number = None;
    for line in plan.lines() {
        let t = line.trim();
        if let Some(n) = t.strip_prefix("number: ") {
            number = Some(n.trim_matches('"').to_string());
        } else if let Some(title) = t.strip_prefix("title: ")
            && line.starts_with("    title:")
        {
            out.push((number.take().expect("number before title"), title.to_string()));
        }
    }
    assert_eq!(out.len(), 8, "the demo plan has 8 activities: {out:?}");
    out
}

#[test]
fn markdown_snapshot_2026() {
    let tmp = demo();
    let o = report(&tmp, "2026", "md", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    insta::assert_snapshot!("demo_2026_md", read(out_file(&tmp, "2026", "md")));
}

#[test]
fn markdown_snapshot_2025() {
    let tmp = demo();
    let o = report(&tmp, "2025", "md", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    insta::assert_snapshot!("demo_2025_md", read(out_file(&tmp, "2025", "md")));
}

#[test]
fn json_snapshot_2026() {
    let tmp = demo();
    let o = report(&tmp, "2026", "json", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    insta::assert_snapshot!("demo_2026_json", read(out_file(&tmp, "2026", "json")));
}

#[test]
fn json_contract_and_every_class() {
    let tmp = demo();
    assert!(report(&tmp, "2026", "json", &[]).status.success());
    let v: serde_json::Value = serde_json::from_str(&read(out_file(&tmp, "2026", "json"))).unwrap();
    assert_eq!(v["version"], 1);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "version",
        "lang_code",
        "programme",
        "year",
        "years",
        "compiled",
        "noted",
        "lacks",
        "levels",
        "indicators",
        "summary",
    ] {
        assert!(keys.contains(&k), "no `{k}` in {keys:?}");
    }
    assert_eq!(v["year"], 2026);
    assert_eq!(v["years"], serde_json::json!([2025, 2026]));
    assert_eq!(v["lacks"], serde_json::json!([]));
    // Every execution status and every progress class occurs in 2026.
    let count = |list: &str, key: &str| -> u64 {
        v["summary"][list]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .unwrap_or_else(|| panic!("no {key} in {list}"))["count"]
            .as_u64()
            .unwrap()
    };
    for s in ["done", "ongoing", "delayed", "not-started", "cancelled"] {
        assert!(count("activities", s) >= 1, "no activity {s}");
    }
    for s in [
        "target-achieved",
        "substantial",
        "moderate",
        "limited",
        "deterioration",
        "not-available",
    ] {
        assert_eq!(count("indicators", s), 1, "indicators {s}");
    }
    let progress: Vec<(&str, &str)> = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap(),
                i["progress"]["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        progress,
        [
            ("i1", "target-achieved"),
            ("i2", "substantial"),
            ("i3", "moderate"),
            ("i4", "limited"),
            ("i5", "deterioration"),
            ("i6", "not-available")
        ]
    );
    // Funding by source adds up to the total, and the rows to the sources.
    let total = v["summary"]["funding_total"].as_f64().unwrap();
    let by_source: f64 = v["summary"]["funding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["eur"].as_f64().unwrap())
        .sum();
    let by_row: f64 = v["levels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["goals"].as_array().unwrap())
        .flat_map(|g| g["activities"].as_array().unwrap())
        .map(|a| a["funding_total"].as_f64().unwrap())
        .sum();
    assert_eq!(total, 30750.0);
    assert_eq!(by_source, total);
    assert_eq!(by_row, total);
}

#[test]
fn docx_holds_every_activity_landscape_with_repeated_headers() {
    let tmp = demo();
    let o = report(&tmp, "2026", "docx", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = zip_entry(&out_file(&tmp, "2026", "docx"), "word/document.xml");
    let text = docx_text(&xml);
    for (number, title) in activities() {
        assert!(
            text.contains(&format!("{number} {title}")),
            "activity {number} {title} missing:\n{text}"
        );
    }
    for status in ["izpildīts", "tiek īstenots", "kavējas", "nav uzsākts", "atcelts"] {
        assert!(text.contains(status), "status {status} missing");
    }
    assert!(
        text.contains("Ietekmes faktoru analīze"),
        "model 2.5 header missing"
    );
    assert!(xml.contains(r#"w:orient="landscape""#), "not landscape");
    assert!(xml.contains("<w:tblHeader"), "no repeated header rows");
    assert!(xml.contains(r#"<w:gridSpan w:val="3" />"#), "no merged header");
    assert!(
        xml.contains(r#"<w:vMerge w:val="restart" />"#),
        "no vertical merges"
    );
}

/// A real viewer is missing: a notice on a developer's machine, a failure under CI, where
/// `.ci/run` installs LibreOffice and poppler.
#[test]
fn docx_opens_in_libreoffice_landscape_with_the_header_on_every_page() {
    if !which("soffice") || !which("pdfinfo") || !which("pdftotext") {
        skip(
            "soffice, pdfinfo or pdftotext missing; the LibreOffice check is skipped (.ci/run installs them)",
        );
        return;
    }
    let tmp = demo();
    assert!(report(&tmp, "2026", "docx", &[]).status.success());
    let out = tmp.path().join("out");
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", tmp.path().display());
    let c = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(out_file(&tmp, "2026", "docx"))
        .output()
        .unwrap();
    let pdf = out.join(format!("{ID}-2026.pdf"));
    assert!(
        pdf.is_file(),
        "LibreOffice did not convert: {}",
        String::from_utf8_lossy(&c.stderr)
    );
    let info = String::from_utf8_lossy(
        &Command::new("pdfinfo")
            .args(["-f", "1", "-l", "1000"])
            .arg(&pdf)
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    let sizes: Vec<(f64, f64)> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .filter_map(|l| {
            let mut it = l.split("size:").nth(1)?.split_whitespace();
            let w: f64 = it.next()?.parse().ok()?;
            it.next();
            Some((w, it.next()?.parse().ok()?))
        })
        .collect();
    assert!(sizes.len() >= 2, "{sizes:?}");
    for (w, h) in &sizes {
        assert!(
            (w - 841.9).abs() < 2.0 && (h - 595.3).abs() < 2.0,
            "not A4 landscape: {w} x {h}"
        );
    }
    // Every page that shows rows of model 2.5 shows its header too.
    let page = |n: usize| -> String {
        let o = Command::new("pdftotext")
            .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let mut table_pages = Vec::new();
    for n in 1..=sizes.len() {
        let t = page(n);
        // A row of model 2.5 starts with the activity's number and the first word of its title
        // (the tasks table shows the number alone).
        let rows = activities()
            .iter()
            .filter(|(number, title)| t.contains(&format!("{number} {}", title.split(' ').next().unwrap())))
            .count();
        if rows > 0 {
            table_pages.push((n, t.contains("Rezultatīvais rādītājs"), rows));
        }
    }
    assert!(!table_pages.is_empty(), "no page shows the table");
    for (n, header, _) in &table_pages {
        assert!(
            header,
            "page {n} shows rows of the table without its header: {table_pages:?}"
        );
    }
    // The demonstration's table runs over two pages, so the header is seen repeated.
    assert!(table_pages.len() >= 2, "{table_pages:?}");
    assert_eq!(
        table_pages.iter().map(|(_, _, r)| r).sum::<usize>(),
        8,
        "{table_pages:?}"
    );
}

#[test]
fn html_has_merged_headers_lights_and_a_chart_per_indicator() {
    let tmp = demo();
    assert!(report(&tmp, "2026", "html", &[]).status.success());
    let html = read(out_file(&tmp, "2026", "html"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<th scope="colgroup" colspan="3">Rezultatīvais rādītājs</th>"#));
    assert!(html.contains("@page { size: A4 landscape;"));
    assert!(html.contains("thead { display: table-header-group; }"));
    for light in ["green", "yellow", "red", "grey"] {
        assert!(html.contains(&format!("light light-{light}")), "no {light} light");
    }
    assert_eq!(html.matches("<svg ").count(), 6, "a chart per indicator");
    assert!(
        !html.contains("http://")
            || html.matches("http://").count() == html.matches("http://www.w3.org/2000/svg").count()
    );
    for (number, title) in activities() {
        assert!(html.contains(&format!("{number} {title}")), "{number} missing");
    }
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    let tmp = demo();
    assert!(report(&tmp, "2026", "all", &[]).status.success());
    let first: Vec<Vec<u8>> = ["md", "html", "docx", "json"]
        .iter()
        .map(|e| std::fs::read(out_file(&tmp, "2026", e)).unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(report(&tmp, "2026", "all", &[]).status.success());
    for (i, e) in ["md", "html", "docx", "json"].iter().enumerate() {
        assert!(
            std::fs::read(out_file(&tmp, "2026", e)).unwrap() == first[i],
            "{e} differs"
        );
    }
}

#[test]
fn english_labels() {
    let tmp = demo();
    assert!(report(&tmp, "2026", "md", &["--lang", "en"]).status.success());
    let md = read(out_file(&tmp, "2026", "md"));
    assert!(md.starts_with("# Annual report on the implementation of the PMP prevention plan, 2026"));
    assert!(md.contains("| Result indicator: Funding invested (EUR) |"));
    assert!(md.contains("target achieved") && md.contains("not available"));
    assert!(
        md.contains("| 20,300.00\u{a0}EUR |"),
        "English thousands, with the cents"
    );
}

#[test]
fn without_year_the_years_are_listed_with_what_they_lack() {
    let tmp = demo();
    let o = pmp(tmp.path(), &["report", "demo"]);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "2025  complete (results/2025.yaml)\n2026  complete (results/2026.yaml)\n"
    );
    // Remove a figure and a year: the listing says what is missing.
    std::fs::remove_file(tmp.path().join("demo/results/2025.yaml")).unwrap();
    let p = tmp.path().join("demo/results/2026.yaml");
    let s = read(&p).replace(
        "  - {indicator: i1, value: 93.4, date: 2026-05, source: Skolu aptauja}\n",
        "",
    );
    std::fs::write(&p, s).unwrap();
    let o = pmp(tmp.path(), &["report", "demo"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "2025  no results (results/2025.yaml does not exist)\n2026  incomplete (results/2026.yaml): no achieved value for indicator(s) i1\n"
    );
}

#[test]
fn a_year_without_results_is_a_failure() {
    let tmp = demo();
    let o = report(&tmp, "2027", "all", &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no results for 2027") && err.contains("years with results: 2025, 2026"),
        "{err}"
    );
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn errors_stop_the_report_unless_allowed() {
    let tmp = demo();
    let p = tmp.path().join("demo/results/2026.yaml");
    let s = read(&p).replace(
        "{source: ES fondi, eur: 5200}",
        "{source: valsts budžets, eur: 5200}",
    );
    std::fs::write(&p, s).unwrap();
    let o = report(&tmp, "2026", "all", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("results-unknown-funding"));
    assert!(!tmp.path().join("out").exists(), "nothing is written");
    let o = report(&tmp, "2026", "md", &["--allow-errors"]);
    assert!(o.status.success());
    assert!(out_file(&tmp, "2026", "md").is_file());
}

#[test]
fn diff_classes_results_changes_editorial_and_show_prints_them() {
    let tmp = demo();
    copy_dir(&demo_dir(), &tmp.path().join("new"));
    let p = tmp.path().join("new/results/2026.yaml");
    let s = read(&p)
        .replace("value: 93.4", "value: 93.6")
        .replace("{source: ES fondi, eur: 5200}", "{source: ES fondi, eur: 5300}")
        .replace("    status: not-started\n", "    status: delayed\n");
    std::fs::write(&p, s).unwrap();
    let o = pmp(
        tmp.path(),
        &["diff", "demo", "new", "--format", "json", "--exit-code"],
    );
    // Results need no council decision: editorial, so --exit-code passes.
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let changes: Vec<(String, String, String, String)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["part"].as_str().unwrap().to_string(),
                format!(
                    "{} {}",
                    c["entity"]["kind"].as_str().unwrap(),
                    c["entity"]["id"].as_str().unwrap()
                ),
                c["field"].as_str().unwrap_or("").to_string(),
                c["class"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = |kind_id: &str, field: &str| {
        (
            "results".to_string(),
            kind_id.to_string(),
            field.to_string(),
            "editorial".to_string(),
        )
    };
    assert_eq!(
        changes,
        [
            want("indicator-result 2026/i1", "value"),
            want("activity-result 2026/a-3-1", "funding.ES fondi"),
            want("activity-result 2026/a-4-2", "status"),
        ]
    );
    // `pmp show` of the results file prints the same lines as the folder shows for it.
    let file = pmp(tmp.path(), &["show", "demo/results/2026.yaml"]);
    let folder = pmp(tmp.path(), &["show", "demo"]);
    let file = String::from_utf8_lossy(&file.stdout).into_owned();
    assert!(file.contains("indicator-result 2026/i1 value: 93.4\n"), "{file}");
    assert!(
        file.contains("activity-result 2026/a-4-1 funding.ES fondi: 11800\n"),
        "{file}"
    );
    let folder = String::from_utf8_lossy(&folder.stdout).into_owned();
    let folder_lines: Vec<&str> = folder
        .lines()
        .filter(|l| {
            let mut w = l.split_whitespace();
            matches!(w.next(), Some("results" | "indicator-result" | "activity-result"))
                && w.next().is_some_and(|id| id.starts_with("2026"))
        })
        .collect();
    assert_eq!(file.lines().collect::<Vec<_>>(), folder_lines);
}

#[test]
fn html_prints_in_chromium_on_landscape_pages_without_overflow() {
    let Some(chromium) = tools::browser() else { return };
    let tmp = demo();
    assert!(report(&tmp, "2026", "html", &[]).status.success());
    let html = out_file(&tmp, "2026", "html");
    let pdf = tools::print_pdf(chromium, &html, tmp.path());
    let sizes = tools::pdf_pages(&pdf);
    assert!(sizes.len() >= 2, "{sizes:?}");
    for (w, h) in &sizes {
        assert!(
            (w - 841.9).abs() < 2.0 && (h - 595.3).abs() < 2.0,
            "not A4 landscape: {w} x {h}"
        );
    }
    tools::assert_no_overflow(chromium, &html, tmp.path());
}

#[test]
fn a_results_file_that_does_not_load_and_a_folder_of_programmes_are_failures() {
    let tmp = demo();
    std::fs::write(tmp.path().join("demo/results/2026.yaml"), "programme: [\n").unwrap();
    let o = report(&tmp, "2026", "all", &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("yaml-syntax") && err.contains("results/2026.yaml does not load"),
        "{err}"
    );
    let o = pmp(tmp.path(), &["report", "demo"]);
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("2026  no results (results/2026.yaml does not load; `pmp check` says why)"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    copy_dir(&demo_dir(), &tmp.path().join("all/one"));
    copy_dir(&demo_dir(), &tmp.path().join("all/two"));
    let o = pmp(tmp.path(), &["report", "all", "--year", "2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("give one programme folder (found 2)"));
}

#[test]
fn the_examples_check_clean() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let tmp = tempfile::tempdir().unwrap();
    let o = pmp(
        tmp.path(),
        &["check", examples.to_str().unwrap(), "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["programmes"], 2, "examples/demo and examples/demo-novads");
    assert_eq!(
        v["summary"],
        serde_json::json!({"errors": 0, "warnings": 0, "infos": 0}),
        "{v}"
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_failed_write_replaces_no_document() {
    let tmp = demo();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out_file(&tmp, "2026", "json"), "old").unwrap();
    // The Markdown's name is taken by a folder: its rename fails, after the others are staged.
    std::fs::create_dir_all(out_file(&tmp, "2026", "md").join("x")).unwrap();
    let o = report(&tmp, "2026", "all", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no document was replaced"));
    assert_eq!(read(out_file(&tmp, "2026", "json")), "old");
    assert!(!out_file(&tmp, "2026", "html").exists());
    // --out naming a file is refused before anything is written.
    std::fs::write(tmp.path().join("file"), "x").unwrap();
    let o = pmp(tmp.path(), &["report", "demo", "--year", "2026", "--out", "file"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("this is a file"));
}

#[test]
fn show_prints_results_figures_as_printed() {
    let tmp = demo();
    let p = tmp.path().join("demo/results/2025.yaml");
    let s = read(&p)
        .replace("{key: k1-4, value: 5.8}", "{key: k1-4, value: 5.80}")
        .replace(
            "{source: valsts budžets, eur: 1800}",
            "{source: valsts budžets, eur: 1800.50}",
        )
        .replace("{indicator: i4, value: 24,", "{indicator: i4, value: 24.763,");
    std::fs::write(&p, s).unwrap();
    let out = pmp(tmp.path(), &["show", "demo"]);
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    for line in [
        // Whole numbers without a decimal point, as printed (not `110.0`).
        "indicator-result 2025/i2 value: 110\n",
        "activity-result 2025/a-1-1 funding.pašvaldības budžets: 4200\n",
        // Printed decimals kept, trailing zeros included.
        "indicator-result 2025/i1 value: 92.0\n",
        "indicator-result 2025/i3 values[k1-4].value: 5.80\n",
        "indicator-result 2025/i4 value: 24.763\n",
        "activity-result 2025/a-1-1 funding.valsts budžets: 1800.50\n",
    ] {
        assert!(out.contains(line), "no line {line:?} in:\n{out}");
    }
    // `pmp diff` shows a changed figure with its printed decimals too, in the run's language.
    copy_dir(&tmp.path().join("demo"), &tmp.path().join("new"));
    let q = tmp.path().join("new/results/2025.yaml");
    std::fs::write(&q, read(&q).replace("value: 5.80}", "value: 6.10}")).unwrap();
    let o = pmp(tmp.path(), &["diff", "demo", "new"]);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(text.contains("5.80 → 6.10"), "{text}");
    let o = pmp(tmp.path(), &["--lang", "lv", "diff", "demo", "new"]);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(text.contains("5,80 → 6,10"), "{text}");
}

/// Money keeps its cents everywhere the report prints it (the activity's cell, its sources,
/// the summary by source and the total), `–` stands where nothing was invested, and the
/// amounts are right-aligned in the Word file.
#[test]
fn money_keeps_its_cents_and_no_funding_is_a_dash() {
    let tmp = demo();
    let results = tmp.path().join("demo/results/2026.yaml");
    let text = read(&results);
    let text = text
        .replace(
            "{source: ES fondi, eur: 5200}",
            "{source: ES fondi, eur: 3400.50}",
        )
        .replace(
            "{source: pašvaldības budžets, eur: 300}",
            "{source: pašvaldības budžets, eur: 300.25}",
        );
    std::fs::write(&results, text).unwrap();
    let o = report(&tmp, "2026", "all", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = zip_entry(&out_file(&tmp, "2026", "docx"), "word/document.xml");
    let docx = docx_text(&xml);
    let md = read(out_file(&tmp, "2026", "md"));
    let html = read(out_file(&tmp, "2026", "html"));
    for (name, doc) in [("docx", &docx), ("md", &md), ("html", &html)] {
        // The activity a-3-1 alone, and the total of the year: ES fondi 3300 + 3400,50 + 11800.
        for figure in [
            "3\u{a0}400,50\u{a0}EUR",
            "300,25\u{a0}EUR",
            "18\u{a0}500,50\u{a0}EUR",
        ] {
            assert!(doc.contains(figure), "{name}: „{figure}” missing");
        }
        for lost in ["3400,5 ", "3400,5\u{a0}", "400,5\u{a0}", "300,25 ", "18500,5"] {
            assert!(!doc.contains(lost), "{name}: a figure lost its cents („{lost}”)");
        }
    }
    // a-3-3 was cancelled with nothing invested: a dash, not an empty cell.
    let row = docx.split("3.3. Vasaras").nth(1).unwrap_or_default();
    assert!(
        row.starts_with(|c: char| c != '–') && row.contains("\n–\n"),
        "{row}"
    );
    // Every amount of the Word file is in a right-aligned paragraph.
    for para in xml.split("</w:p>").filter(|p| p.contains("\u{a0}EUR")) {
        assert!(
            para.contains(r#"<w:jc w:val="right""#),
            "an amount not right-aligned: {para}"
        );
    }
}
