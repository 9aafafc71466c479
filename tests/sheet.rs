//! The yearly round by spreadsheet, end to end: `pmp sheet export` writes the demonstration's
//! 2026 workbooks, a real spreadsheet program fills them in (LibreOffice through UNO, saving
//! .xlsx and .ods; openpyxl as a second client for .xlsx), `pmp sheet import` reads them back,
//! and the results file comes out with exactly the content of
//! `examples/demo-novads/results/2026.yaml`. Every kind of bad cell gives its finding at the
//! cell the program wrote. Without LibreOffice's Python (`uno`) or openpyxl the check that
//! needs it is skipped and named in the closing line (`.ci/run` installs both).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::tools::skip;
use common::{copy_tree, run_in};
use serde_json::{Value, json};

const YEAR: &str = "2026";

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo-novads")
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap()
}

/// A Python that can `import module`, or `None`.
fn python_with(module: &str) -> Option<String> {
    [
        "/usr/lib/libreoffice/program/python",
        "/usr/bin/python3",
        "python3",
    ]
    .into_iter()
    .find(|py| {
        Command::new(py)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
    .map(str::to_string)
}

/// The client that fills the workbooks: (python, client name), or `None` when it is missing
/// (announced).
fn client(name: &str) -> Option<(String, &'static str)> {
    match name {
        "uno" => {
            let which = common::tools::which("soffice");
            match python_with("uno") {
                Some(py) if which => Some((py, "uno")),
                _ => {
                    skip(
                        "LibreOffice (soffice and Python's uno) is missing; the LibreOffice round trip is skipped (.ci/run installs it)",
                    );
                    None
                }
            }
        }
        _ => match python_with("openpyxl") {
            Some(py) => Some((py, "openpyxl")),
            None => {
                skip("openpyxl is missing; the openpyxl round trip is skipped (.ci/run installs it)");
                None
            }
        },
    }
}

/// Runs the fill script: the address of every item's cell, per workbook.
fn fill(client: &(String, &str), plan: &Value, work: &Path) -> Vec<Vec<Option<String>>> {
    let plan_path = work.join(format!("plan-{}.json", client.1));
    std::fs::write(&plan_path, serde_json::to_string_pretty(plan).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sheet/fill.py");
    let out = Command::new(&client.0)
        .arg(&script)
        .args(["--client", client.1])
        .arg(&plan_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "fill.py ({}) failed:\n{}\n{}",
        client.1,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    eprintln!("{} filled: {v}", client.1);
    serde_json::from_value(v).unwrap()
}

fn label(status: &str) -> &'static str {
    match status {
        "done" => "Izpildīts",
        "ongoing" => "Tiek īstenots",
        "delayed" => "Kavējas",
        "not-started" => "Nav uzsākts",
        "cancelled" => "Atcelts",
        other => panic!("status {other}"),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// What a body types into its workbook to say what a results file records.
fn items_for(results: &Value) -> Vec<Value> {
    let mut items = Vec::new();
    for ind in results["indicators"].as_array().unwrap() {
        let id = ind["indicator"].as_str().unwrap();
        let mut rows: Vec<String> = Vec::new();
        match ind["values"].as_array() {
            Some(values) => {
                for v in values {
                    let key = v["key"].as_str().unwrap();
                    rows.push(key.to_string());
                    items.push(json!({"sheet": "Rādītāji", "id": id, "breakdown": key, "key": "value", "number": v["value"]}));
                }
            }
            None => {
                rows.push(String::new());
                if !ind["value"].is_null() {
                    items.push(json!({"sheet": "Rādītāji", "id": id, "breakdown": "", "key": "value", "number": ind["value"]}));
                }
            }
        }
        for key in ["date", "source", "note"] {
            if !ind[key].is_null() {
                for b in &rows {
                    items.push(json!({"sheet": "Rādītāji", "id": id, "breakdown": b, "key": key, "text": scalar_text(&ind[key])}));
                }
            }
        }
    }
    for a in results["activities"].as_array().unwrap() {
        let id = a["activity"].as_str().unwrap();
        let item = |key: &str, v: Value| {
            let mut m = json!({"sheet": "Aktivitātes", "id": id, "breakdown": "", "key": key});
            m.as_object_mut().unwrap().extend(v.as_object().unwrap().clone());
            m
        };
        items.push(item(
            "status",
            json!({"text": label(a["status"].as_str().unwrap())}),
        ));
        if let Some(ach) = a["achieved"].as_array() {
            let lines: Vec<String> = ach.iter().map(scalar_text).collect();
            items.push(item("achieved", json!({"text": lines.join("\n")})));
        }
        for f in a["funding"].as_array().into_iter().flatten() {
            let key = format!("funding:{}", f["source"].as_str().unwrap());
            items.push(item(&key, json!({"number": f["eur"]})));
        }
        for key in ["impact", "factors", "note"] {
            if !a[key].is_null() {
                items.push(item(key, json!({"text": scalar_text(&a[key])})));
            }
        }
        for t in a["tasks"].as_array().into_iter().flatten() {
            let tid = t["task"].as_str().unwrap();
            items.push(json!({"sheet": "Darba uzdevumi", "id": tid, "key": "status", "text": label(t["status"].as_str().unwrap())}));
            for key in ["date", "note"] {
                if !t[key].is_null() {
                    items.push(
                        json!({"sheet": "Darba uzdevumi", "id": tid, "key": key, "text": scalar_text(&t[key])}),
                    );
                }
            }
        }
    }
    items
}

/// The demonstration copied to `to`, its 2026 results cut down to what the board itself
/// writes (programme, year, compiled, noted and the comments above them).
fn demo_without_answers(to: &Path) -> String {
    copy_tree(&demo(), to);
    let full = std::fs::read_to_string(demo().join("results/2026.yaml")).unwrap();
    let head = &full[..full.find("\nindicators:").unwrap() + 1];
    std::fs::write(to.join("results/2026.yaml"), head).unwrap();
    head.to_string()
}

/// `pmp sheet export` of `programme` into `out`: the workbooks written.
fn export(programme: &Path, out: &Path) -> Vec<PathBuf> {
    let o = run_in(
        programme,
        &[
            "sheet",
            "export",
            ".",
            "--year",
            YEAR,
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let files: Vec<PathBuf> = o.stdout.lines().map(PathBuf::from).collect();
    assert!(files.len() >= 4, "{}", o.stdout);
    files
}

fn import(programme: &Path, workbooks: &[PathBuf], extra: &[&str]) -> common::Output {
    let mut args: Vec<String> = ["sheet", "import", ".", "--year", YEAR, "--format", "json"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(workbooks.iter().map(|w| w.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_in(programme, &args, &[])
}

/// Fills the demonstration's blank workbooks with `client`, saves them in `formats`, imports
/// each format into its own copy and compares with the demonstration's results.
fn round_trip(client_name: &str, formats: &[&str]) {
    let Some(client) = client(client_name) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("source");
    let head = demo_without_answers(&source);
    let blank = export(&source, &tmp.path().join("blank"));
    let expected_text = std::fs::read_to_string(demo().join("results/2026.yaml")).unwrap();
    let items = items_for(&yaml(&expected_text));
    let mut workbooks = Vec::new();
    for w in &blank {
        let stem = w.file_stem().unwrap().to_string_lossy().into_owned();
        let outs: Vec<String> = formats
            .iter()
            .map(|f| tmp.path().join(format!("{stem}.{f}")).display().to_string())
            .collect();
        workbooks.push(json!({"in": w, "out": outs, "cells": items}));
    }
    let addresses = fill(&client, &json!({ "workbooks": workbooks }), tmp.path());
    // Every item found its row in at least one workbook.
    for (i, item) in items.iter().enumerate() {
        assert!(
            addresses.iter().any(|a| a[i].is_some()),
            "no workbook has the row of {item}"
        );
    }
    for f in formats {
        let copy = tmp.path().join(format!("copy-{f}"));
        copy_tree(&source, &copy);
        let returned: Vec<PathBuf> = blank
            .iter()
            .map(|w| {
                tmp.path()
                    .join(format!("{}.{f}", w.file_stem().unwrap().to_string_lossy()))
            })
            .collect();
        let o = import(&copy, &returned, &[]);
        assert_eq!(o.code, 0, "{client_name} .{f}: {}\n{}", o.stdout, o.stderr);
        assert!(o.diagnostics().is_empty(), "{client_name} .{f}: {}", o.pretty());
        let got = std::fs::read_to_string(copy.join("results/2026.yaml")).unwrap();
        assert!(
            got.starts_with(&head),
            "the board's own lines and comments changed:\n{got}"
        );
        assert_eq!(yaml(&got), yaml(&expected_text), "{client_name} .{f}:\n{got}");
        // The merged file passes the checker as the demonstration does (its one suppression aside).
        let check = run_in(&copy, &["check", ".", "--format", "json"], &[]);
        let codes: Vec<String> = check.codes();
        assert!(
            codes.iter().all(|c| c == "moving-away-from-target"),
            "{client_name} .{f}: {}",
            check.pretty()
        );
        // A second import of the same workbooks changes nothing.
        let again = import(&copy, &returned, &[]);
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert_eq!(
            std::fs::read_to_string(copy.join("results/2026.yaml")).unwrap(),
            got
        );
    }
}

#[test]
fn libreoffice_fills_xlsx_and_ods_and_the_results_come_back_exactly() {
    round_trip("uno", &["xlsx", "ods"]);
}

#[test]
fn openpyxl_fills_xlsx_and_the_results_come_back_exactly() {
    round_trip("openpyxl", &["xlsx"]);
}

#[test]
fn workbooks_of_recorded_results_import_to_the_same_file_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("demo");
    copy_tree(&demo(), &copy);
    let before = std::fs::read(copy.join("results/2026.yaml")).unwrap();
    let books = export(&copy, &tmp.path().join("out"));
    // The export is deterministic: a second one writes the same bytes.
    let first: Vec<Vec<u8>> = books.iter().map(|b| std::fs::read(b).unwrap()).collect();
    export(&copy, &tmp.path().join("out"));
    for (b, bytes) in books.iter().zip(&first) {
        assert!(
            std::fs::read(b).unwrap() == *bytes,
            "{} differs between two exports",
            b.display()
        );
    }
    let o = import(&copy, &books, &[]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert!(o.diagnostics().is_empty(), "{}", o.pretty());
    assert!(
        o.stderr.contains("nekā jauna") || o.stderr.contains("nothing new"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read(copy.join("results/2026.yaml")).unwrap(), before);
}

fn finding<'a>(o: &'a common::Output, code: &str, path: &str) -> &'a Value {
    o.diagnostics()
        .iter()
        .find(|d| d["code"] == code && d["path"] == path)
        .unwrap_or_else(|| panic!("no `{code}` at {path}:\n{}", o.pretty()))
}

/// The client for the bad-cell checks: openpyxl, else LibreOffice.
fn any_client() -> Option<(String, &'static str)> {
    if python_with("openpyxl").is_some() {
        client("openpyxl")
    } else {
        client("uno")
    }
}

fn book<'a>(books: &'a [PathBuf], body: &str) -> &'a PathBuf {
    books
        .iter()
        .find(|b| {
            b.file_stem()
                .unwrap()
                .to_string_lossy()
                .ends_with(&format!("-{body}"))
        })
        .unwrap()
}

#[test]
fn every_bad_cell_is_a_finding_at_its_cell_and_nothing_is_written() {
    let Some(client) = any_client() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("demo");
    let head = demo_without_answers(&copy);
    let books = export(&copy, &tmp.path().join("out"));
    let filled = |body: &str| tmp.path().join(format!("{body}.xlsx")).display().to_string();
    let plan = json!({"workbooks": [
        {"in": book(&books, "ip"), "out": [filled("ip")], "cells": [
            {"sheet": "Rādītāji", "id": "i1", "breakdown": "", "key": "value", "text": "apmēram 93"},
            {"sheet": "Rādītāji", "id": "i5", "breakdown": "", "key": "value", "text": "88,5"},
        ]},
        {"in": book(&books, "skolas"), "out": [filled("skolas")], "cells": [
            {"sheet": "Aktivitātes", "id": "a-1-1", "key": "status", "text": "Pabeigts"},
            {"sheet": "Aktivitātes", "new_row": true, "key": "id", "text": "a-9-9"},
            {"sheet": "Aktivitātes", "id": "a-9-9", "key": "status", "text": "Izpildīts"},
            {"sheet": "Aktivitātes", "id": "a-4-1", "key": "status", "text": "Izpildīts"},
            {"sheet": "Darba uzdevumi", "id": "t-4-1-2", "key": "date", "text": "jūnijā"},
        ]},
        {"in": book(&books, "sd"), "out": [filled("sd")], "cells": [
            {"sheet": "Aktivitātes", "id": "a-4-1", "key": "status", "text": "Kavējas"},
            {"sheet": "Aktivitātes", "id": "a-4-1", "key": "funding:ES fondi", "text": "daudz"},
        ]},
        {"in": book(&books, "jc"), "out": [filled("jc")], "cells": [
            {"sheet": "pmp", "cell": "B2", "text": "2025"},
        ]},
    ]});
    let at = fill(&client, &plan, tmp.path());
    let garbage = tmp.path().join("piezimes.xlsx");
    std::fs::write(&garbage, "šī nav darbgrāmata").unwrap();
    let returned: Vec<PathBuf> = ["ip", "skolas", "sd", "jc"]
        .iter()
        .map(|b| PathBuf::from(filled(b)))
        .chain([garbage])
        .collect();
    let o = import(&copy, &returned, &[]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    let cell = |w: usize, i: usize| at[w][i].clone().unwrap();
    let file = |d: &Value| d["file"].as_str().unwrap().to_string();
    let d = finding(&o, "sheet-not-a-number", &cell(0, 0));
    assert!(
        file(d).ends_with("ip.xlsx") && d["message"].as_str().unwrap().starts_with(&cell(0, 0)),
        "{d}"
    );
    assert_eq!(cell(0, 0), "Rādītāji!L4");
    finding(&o, "sheet-number-as-text", &cell(0, 1));
    finding(&o, "sheet-invalid-value", &cell(1, 0));
    finding(&o, "sheet-unknown-row", &cell(1, 1));
    let d = finding(&o, "sheet-conflict", &cell(2, 0));
    assert!(d["message"].as_str().unwrap().contains(&cell(1, 3)), "{d}");
    finding(&o, "sheet-invalid-value", &cell(1, 4));
    finding(&o, "sheet-not-a-number", &cell(2, 1));
    let d = finding(&o, "sheet-other-plan", "pmp!B2");
    assert!(file(d).ends_with("jc.xlsx"), "{d}");
    let d = o.only("sheet-unreadable");
    assert!(file(d).ends_with("piezimes.xlsx"), "{d}");
    // The council's rows: nobody answered them; the finding points at the plan.
    let d = o
        .with_code("sheet-unanswered")
        .into_iter()
        .find(|d| d["entity"]["id"] == "a-4-2")
        .unwrap_or_else(|| panic!("{}", o.pretty()));
    assert!(file(d).ends_with("plan.yaml"), "{d}");
    // The cell address is in every output format.
    let human = run_in(
        &copy,
        &[
            "--lang",
            "lv",
            "sheet",
            "import",
            ".",
            "--year",
            YEAR,
            &filled("ip"),
        ],
        &[],
    );
    assert!(human.stdout.contains("Rādītāji!L4"), "{}", human.stdout);
    let github = run_in(
        &copy,
        &[
            "sheet",
            "import",
            ".",
            "--year",
            YEAR,
            "--format",
            "github",
            &filled("ip"),
        ],
        &[],
    );
    assert!(github.stdout.contains("Rādītāji!L4"), "{}", github.stdout);
    let sarif = run_in(
        &copy,
        &[
            "sheet",
            "import",
            ".",
            "--year",
            YEAR,
            "--format",
            "sarif",
            &filled("ip"),
        ],
        &[],
    );
    assert!(sarif.stdout.contains("Rādītāji!L4"), "{}", sarif.stdout);
    // Errors: nothing was written.
    assert_eq!(
        std::fs::read_to_string(copy.join("results/2026.yaml")).unwrap(),
        head
    );
}

#[test]
fn a_figure_other_than_the_recorded_one_is_a_finding_until_overwrite() {
    let Some(client) = any_client() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("demo");
    copy_tree(&demo(), &copy);
    let before = std::fs::read_to_string(copy.join("results/2026.yaml")).unwrap();
    let books = export(&copy, &tmp.path().join("out"));
    let sd = tmp.path().join("sd.xlsx");
    let plan = json!({"workbooks": [{"in": book(&books, "sd"), "out": [sd], "cells": [
        {"sheet": "Rādītāji", "id": "i4", "breakdown": "", "key": "value", "number": 24},
        {"sheet": "Aktivitātes", "id": "a-4-1", "key": "funding:ES fondi", "number": 3400.5},
    ]}]});
    let at = fill(&client, &plan, tmp.path());
    let o = import(&copy, std::slice::from_ref(&sd), &[]);
    assert_eq!(o.code, 1, "{}", o.pretty());
    let d = finding(&o, "sheet-differs", at[0][0].as_ref().unwrap());
    assert!(d["message"].as_str().unwrap().contains("„22”"), "{d}");
    finding(&o, "sheet-differs", at[0][1].as_ref().unwrap());
    assert_eq!(
        std::fs::read_to_string(copy.join("results/2026.yaml")).unwrap(),
        before
    );
    let o = import(&copy, &[sd], &["--overwrite"]);
    assert_eq!(o.code, 0, "{}\n{}", o.pretty(), o.stderr);
    let after = std::fs::read_to_string(copy.join("results/2026.yaml")).unwrap();
    let expected = before
        .replace("{indicator: i4, value: 22,", "{indicator: i4, value: 24,")
        .replace(
            "{source: ES fondi, eur: 11800}",
            "{source: ES fondi, eur: 3400.50}",
        );
    assert_eq!(
        after, expected,
        "only the two figures change; the comments and layout stay"
    );
}

#[test]
fn answers_missing_from_recorded_entries_go_into_them_in_the_files_own_style() {
    let Some(client) = any_client() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("demo");
    copy_tree(&demo(), &copy);
    let full = std::fs::read_to_string(demo().join("results/2026.yaml")).unwrap();
    // A flow entry without its note, a block entry without its factors, a task without its date.
    let partial = full
        .replace(
            ", note: \"Divi izglītojamie ar plānu pārcēlās uz citu novadu.\"}",
            "}",
        )
        .replace("    factors: Palīdzēja pieredzes apmaiņa starp skolām.\n", "")
        .replace(
            "{task: t-1-1-1, status: done, date: 2025-06-13}",
            "{task: t-1-1-1, status: done}",
        );
    assert_ne!(partial, full);
    std::fs::write(copy.join("results/2026.yaml"), &partial).unwrap();
    let books = export(&copy, &tmp.path().join("out"));
    let (sd, skolas, ip) = (
        tmp.path().join("sd.xlsx"),
        tmp.path().join("skolas.xlsx"),
        tmp.path().join("ip.xlsx"),
    );
    let plan = json!({"workbooks": [
        {"in": book(&books, "sd"), "out": [sd], "cells": [
            {"sheet": "Rādītāji", "id": "i4", "breakdown": "", "key": "note", "text": "Divi izglītojamie ar plānu pārcēlās uz citu novadu."},
        ]},
        {"in": book(&books, "skolas"), "out": [skolas], "cells": [
            {"sheet": "Aktivitātes", "id": "a-1-1", "key": "factors", "text": "Palīdzēja pieredzes apmaiņa starp skolām."},
        ]},
        {"in": book(&books, "ip"), "out": [ip], "cells": [
            {"sheet": "Darba uzdevumi", "id": "t-1-1-1", "key": "date", "text": "2025-06-13"},
        ]},
    ]});
    fill(&client, &plan, tmp.path());
    let o = import(&copy, &[sd, skolas, ip], &[]);
    assert_eq!(o.code, 0, "{}\n{}", o.pretty(), o.stderr);
    let got = std::fs::read_to_string(copy.join("results/2026.yaml")).unwrap();
    assert_eq!(yaml(&got), yaml(&full), "{got}");
    // Written where they belong, in the style around them; the rest byte for byte.
    assert!(got.contains("{indicator: i4, value: 22, date: 2026-08-31, source: Sociālais dienests, note: Divi izglītojamie ar plānu pārcēlās uz citu novadu.}"), "{got}");
    assert!(got.contains("    impact: Drošības sajūta aptaujā sasniedza 2026. gada mērķi.\n    factors: Palīdzēja pieredzes apmaiņa starp skolām.\n    tasks:"), "{got}");
    assert!(
        got.contains("{task: t-1-1-1, status: done, date: 2025-06-13}"),
        "{got}"
    );
    assert!(got.contains("# pmp: allow moving-away-from-target"), "{got}");
}
