//! `pmp check` on the real adopted programmes in `programmes/`, through the real binary: the
//! exit code, the JSON contract, the full JSON report pinned as a snapshot (every finding the
//! transcription notes list, and nothing else), and a human report that is the same bytes on
//! every run.
//!
//! Each snapshot was reviewed line by line against the programme's `TRANSCRIPTION.md`
//! ("What the adopted document contradicts"). A change in a snapshot is a change in what the
//! checker finds in a real document: review it against those lists before accepting it.

use std::path::Path;

use serde_json::Value;

mod common;
use common::Output;

/// The date `pmp check` sees as today (`PMP_TODAY`).
const TODAY: &str = "2026-11-28";

/// The real programmes, by folder name under `programmes/`.
const PROGRAMMES: [&str; 2] = ["jelgava-2024-2028", "ogre-2024-2027"];

/// Runs `pmp <args>` in the repository's root (so every printed path starts with
/// `programmes/`), with a fixed today and no colour.
fn pmp(args: &[&str]) -> Output {
    common::run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        args,
        &[("PMP_TODAY", TODAY)],
    )
}

/// `pmp check programmes/<id> --format json`: exit code 1 (both documents have errors), the
/// JSON contract's fields, and the output as printed.
fn check_json(id: &str) -> String {
    let rel = format!("programmes/{id}");
    let out = pmp(&["check", &rel, "--format", "json"]);
    assert_eq!(
        out.code, 1,
        "{rel}: exit code\nstdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    let json: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{rel}: stdout is not JSON ({e}):\n{}", out.stdout));
    assert_contract(&rel, &json);
    out.stdout
}

/// The fields `README.md` promises in the JSON report (`"version": 1`).
fn assert_contract(rel: &str, json: &Value) {
    assert_eq!(json["version"], 1, "{rel}: version");
    assert_eq!(json["programmes"], 1, "{rel}: programmes");
    assert!(
        json["files"].as_u64().is_some_and(|n| n >= 7),
        "{rel}: files = {}",
        json["files"]
    );
    let diags = json["diagnostics"].as_array().expect("diagnostics is a list");
    let summary = &json["summary"];
    let count = |sev: &str| diags.iter().filter(|d| d["severity"] == sev).count() as u64;
    for (key, sev) in [("errors", "error"), ("warnings", "warning"), ("infos", "info")] {
        assert_eq!(summary[key].as_u64(), Some(count(sev)), "{rel}: summary.{key}");
    }
    assert!(summary["errors"].as_u64().unwrap() > 0, "{rel}: no errors");
    for d in diags {
        for key in ["code", "severity", "message", "file", "path"] {
            assert!(d[key].is_string(), "{rel}: `{key}` of {d}");
        }
        assert!(
            ["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()),
            "{rel}: severity of {d}"
        );
        let file = d["file"].as_str().unwrap();
        assert!(file.starts_with(&format!("{rel}/")), "{rel}: file of {d}");
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(file).is_file(),
            "{rel}: no such file {file}"
        );
        for key in ["line", "column"] {
            assert!(d[key].as_u64().is_some_and(|n| n >= 1), "{rel}: `{key}` of {d}");
        }
        assert!(d["help"].is_null() || d["help"].is_string(), "{rel}: help of {d}");
        let entity = &d["entity"];
        assert!(
            entity.is_null()
                || (entity["kind"].is_string()
                    && entity.get("id").is_some()
                    && entity.get("title").is_some()),
            "{rel}: entity of {d}"
        );
    }
}

#[test]
fn jelgava_check_json() {
    insta::assert_snapshot!("jelgava-2024-2028-check-json", check_json("jelgava-2024-2028"));
}

#[test]
fn ogre_check_json() {
    insta::assert_snapshot!("ogre-2024-2027-check-json", check_json("ogre-2024-2027"));
}

#[test]
fn human_output_is_deterministic() {
    for id in PROGRAMMES {
        let rel = format!("programmes/{id}");
        let args = ["check", rel.as_str(), "--color", "never"];
        let first = pmp(&args);
        let second = pmp(&args);
        assert_eq!(first.code, 1, "{rel}: exit code\n{}", first.stderr);
        assert!(!first.stdout.is_empty(), "{rel}: no human output");
        // The human report ends with the same counts as the JSON one.
        let json: Value =
            serde_json::from_str(&pmp(&["check", &rel, "--format", "json"]).stdout).expect("JSON report");
        let summary = format!(
            "1 programme(s), {} file(s): {} error(s), {} warning(s), {} info",
            json["files"], json["summary"]["errors"], json["summary"]["warnings"], json["summary"]["infos"]
        );
        assert_eq!(
            first.stdout.lines().last(),
            Some(summary.as_str()),
            "{rel}: summary line"
        );
        assert!(
            first.stdout == second.stdout,
            "{rel}: two runs printed different reports"
        );
        assert_eq!(
            first.stderr, second.stderr,
            "{rel}: two runs printed different stderr"
        );
    }
}

/// The human report's `file:line:col` header names the same place as the JSON report, also on
/// lines where Latvian letters come before the value (columns count characters, not bytes).
#[test]
fn human_locations_match_json() {
    for id in PROGRAMMES {
        let rel = format!("programmes/{id}");
        let human = pmp(&["check", &rel, "--color", "never"]).stdout;
        let json: Value =
            serde_json::from_str(&pmp(&["check", &rel, "--format", "json"]).stdout).expect("JSON report");
        let mut checked = 0;
        for d in json["diagnostics"].as_array().expect("diagnostics") {
            let (Some(file), Some(line), Some(col)) =
                (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64())
            else {
                continue;
            };
            let header = format!("[{file}:{line}:{col}]");
            assert!(
                human.contains(&header),
                "{rel}: the human report has no {header} for {d}"
            );
            checked += 1;
        }
        assert!(checked > 10, "{rel}: only {checked} located findings");
    }
}

/// `pmp --lang lv check` says every finding in Latvian, with Latvian figures (decimal comma,
/// no-break space before `%` and in thousands, a real minus sign); `--lang` is global, so it may
/// also follow the command.
#[test]
fn ogre_check_in_latvian() {
    let rel = "programmes/ogre-2024-2027";
    for args in [["--lang", "lv", "check", rel], ["check", rel, "--lang", "lv"]] {
        let out = pmp(&args);
        assert_eq!(out.code, 1, "{args:?}: exit code\n{}", out.stderr);
        for want in [
            "tekstā norādītā kopsumma „pedagoga palīgs” ir 8,267, bet tabulas rindu summa ir 11,600",
            "avotā: „pedagoga palīgs 8,267 likmes”; starpība ir \u{2212}3,333",
            "tekstā norādītā kopsumma „logopēds” ir 13,305, bet tabulas rindu summa ir 13,302",
            "nodrukāti 4,17\u{a0}%, bet 417 no 10\u{a0}060 ir 4,15\u{a0}%",
            "rādītāju numerācijā izlaists numurs 5 pirms 6.",
            "bāzes vērtību paredzēts noteikt 2027. gadā, vēlāk nekā 2025. gada sasniedzamo vērtību",
        ] {
            assert!(
                out.stdout.contains(want),
                "{args:?}: no „{want}” in:\n{}",
                out.stdout
            );
        }
        for english in ["add up to", "is used twice", "the baseline"] {
            assert!(
                !out.stdout.contains(english),
                "{args:?}: English „{english}” in:\n{}",
                out.stdout
            );
        }
    }
}
