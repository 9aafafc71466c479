//! SARIF output for code scanning: valid against the official SARIF 2.1.0 schema (vendored in
//! tests/fixtures), rule metadata from the rule docs, fingerprints that survive unrelated
//! edits, and URIs relative to the repository root, percent-encoded.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Fixture, PARTS, run_in, valid_text};
use serde_json::Value;

/// A programme with findings in several files, in a folder with Latvian letters, inside a
/// repository (`repo/.git`) and run from a subfolder of it, so that the URIs can only be
/// right if they are relative to the repository root and percent-encoded.
fn repo_with_findings() -> (Fixture, std::path::PathBuf) {
    let fx = Fixture::empty();
    std::fs::create_dir_all(fx.root().join("repo/.git")).unwrap();
    std::fs::create_dir_all(fx.root().join("repo/rīki")).unwrap();
    for part in PARTS {
        let mut text = valid_text(part).to_string();
        if part == "plan" {
            text = text.replacen("responsible: [IP]", "responsible: [Zalenieku KAV]", 1);
        }
        if part == "goals" {
            text = text.replacen("number: \"2.\"", "number: \"1.\"", 1);
        }
        fx.write_root(&format!("repo/programmas/Zaļenieki/{part}.yaml"), text);
    }
    let cwd = fx.root().join("repo/rīki");
    (fx, cwd)
}

fn sarif(cwd: &Path, path: &str) -> Value {
    let out = run_in(cwd, &["check", path, "--format", "sarif"], &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.value()
}

fn results(v: &Value) -> &Vec<Value> {
    v["runs"][0]["results"].as_array().unwrap()
}

#[test]
fn uris_are_relative_to_the_repository_root_and_percent_encoded() {
    let (fx, cwd) = repo_with_findings();
    let v = sarif(&cwd, "../programmas/Zaļenieki");
    let root = v["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .unwrap();
    assert!(root.starts_with("file:///") && root.ends_with("/repo/"), "{root}");
    assert!(root.is_ascii(), "{root}");
    let uris: Vec<&str> = results(&v)
        .iter()
        .map(|r| {
            let a = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(a["uriBaseId"], "SRCROOT", "{a}");
            a["uri"].as_str().unwrap()
        })
        .collect();
    assert!(uris.contains(&"programmas/Za%C4%BCenieki/plan.yaml"), "{uris:?}");
    assert!(uris.contains(&"programmas/Za%C4%BCenieki/goals.yaml"), "{uris:?}");
    drop(fx);
}

#[test]
fn fingerprints_survive_an_unrelated_edit_above() {
    let (fx, cwd) = repo_with_findings();
    let before = sarif(&cwd, "../programmas/Zaļenieki");
    let plan = fx.root().join("repo/programmas/Zaļenieki/plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    // Three lines more above every finding in the file: the lines move, the findings do not.
    let moved = text.replacen("activities:\n", "# Rīcības plāns\n# (labots)\n\nactivities:\n", 1);
    assert_ne!(moved, text);
    std::fs::write(&plan, moved).unwrap();
    let after = sarif(&cwd, "../programmas/Zaļenieki");
    let key = |r: &Value| {
        (
            r["ruleId"].as_str().unwrap().to_string(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap(),
            r["partialFingerprints"]["pmp/v1"].as_str().unwrap().to_string(),
        )
    };
    let b: Vec<_> = results(&before).iter().map(key).collect();
    let a: Vec<_> = results(&after).iter().map(key).collect();
    assert_eq!(a.len(), b.len());
    let institution = |list: &[(String, u64, String)]| {
        list.iter()
            .find(|k| k.0 == "unknown-institution")
            .cloned()
            .unwrap()
    };
    let (ib, ia) = (institution(&b), institution(&a));
    assert_eq!(ia.1, ib.1 + 3, "the finding's line moves");
    assert_eq!(ia.2, ib.2, "its fingerprint does not");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.2, y.2, "{x:?} vs {y:?}");
    }
    // Fingerprints tell findings apart.
    let mut all: Vec<&String> = a.iter().map(|k| &k.2).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), a.len(), "{a:?}");
    // And a change of the offending value is a different finding.
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, text.replacen("[Zalenieku KAV]", "[Zalenieku KV]", 1)).unwrap();
    let changed = sarif(&cwd, "../programmas/Zaļenieki");
    assert_ne!(
        institution(&results(&changed).iter().map(key).collect::<Vec<_>>()).2,
        ia.2
    );
}

#[test]
fn every_rule_has_full_description_and_help() {
    let (_fx, cwd) = repo_with_findings();
    let v = sarif(&cwd, "../programmas/Zaļenieki");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 50);
    for r in rules {
        let id = r["id"].as_str().unwrap();
        for field in ["shortDescription", "fullDescription"] {
            let t = r[field]["text"].as_str().unwrap_or("");
            assert!(!t.trim().is_empty(), "{id}: no {field}");
        }
        assert_ne!(r["shortDescription"], r["fullDescription"], "{id}");
        assert!(
            !r["help"]["text"].as_str().unwrap_or("").is_empty(),
            "{id}: no help"
        );
        let md = r["help"]["markdown"].as_str().unwrap_or("");
        assert!(md.contains("```yaml"), "{id}: help has no example");
        let name = r["name"].as_str().unwrap();
        assert!(
            name.chars().next().unwrap().is_ascii_uppercase()
                && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{id}: name {name}"
        );
    }
}

/// The official schema, from the OASIS SARIF TC (sarif-2.1/schema/sarif-schema-2.1.0.json,
/// errata 01), vendored so the test needs no network.
const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/sarif-schema-2.1.0.json"
);

/// Validates with python's `jsonschema` (Draft 4, as the SARIF schema declares, formats
/// checked). Returns None when python or the package is missing.
fn validate(doc: &Path) -> Option<Result<(), String>> {
    let script = r#"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors[:20]:
    print("/".join(map(str, e.absolute_path)), e.message)
sys.exit(1 if errors else 0)
"#;
    let out = Command::new("python3")
        .args(["-c", script, SCHEMA])
        .arg(doc)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'jsonschema'") {
        return None;
    }
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}{stderr}", String::from_utf8_lossy(&out.stdout)))
    })
}

#[test]
fn output_is_valid_against_the_official_sarif_schema() {
    let (fx, cwd) = repo_with_findings();
    let v = sarif(&cwd, "../programmas/Zaļenieki");
    assert!(!results(&v).is_empty());
    let doc = fx.root().join("out.sarif");
    std::fs::write(&doc, serde_json::to_string(&v).unwrap()).unwrap();
    // The validator must be able to fail: a result with an invalid level is rejected.
    let mut broken = v.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    let bad = fx.root().join("bad.sarif");
    std::fs::write(&bad, serde_json::to_string(&broken).unwrap()).unwrap();
    match (validate(&doc), validate(&bad)) {
        (Some(good), Some(bad)) => {
            good.unwrap_or_else(|e| panic!("SARIF output is not valid:\n{e}"));
            assert!(bad.is_err(), "the validator accepted an invalid level");
        }
        _ => {
            // Under CI (.ci/run installs it) a missing validator is a failure, not a silent pass.
            common::tools::skip(
                "python3 with jsonschema is missing (pip install jsonschema); the SARIF schema check",
            );
        }
    }
}

#[test]
fn regions_span_the_offending_value_and_quote_it() {
    let (fx, cwd) = repo_with_findings();
    let v = sarif(&cwd, "../programmas/Zaļenieki");
    let mut checked = 0;
    for r in results(&v) {
        let loc = &r["locations"][0]["physicalLocation"];
        let region = &loc["region"];
        let Some(snippet) = region["snippet"]["text"].as_str() else {
            continue;
        };
        let uri = loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .replace("Za%C4%BCenieki", "Zaļenieki");
        let text = std::fs::read_to_string(fx.root().join("repo").join(uri)).unwrap();
        let line = text
            .lines()
            .nth(region["startLine"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let (start, end) = (
            region["startColumn"].as_u64().unwrap() as usize,
            region["endColumn"].as_u64().unwrap() as usize,
        );
        let span: String = line.chars().skip(start - 1).take(end - start).collect();
        assert_eq!(span, snippet, "{r}");
        checked += 1;
    }
    assert!(checked >= 2, "{checked} snippets");
}

/// Two results of one rule at one place (the plan's table leaves out both `years` and
/// `funding`) are two alerts: their fingerprints differ. Every rule links its page.
#[test]
fn distinct_results_have_distinct_fingerprints_and_rules_link_their_pages() {
    let fx = Fixture::valid()
        .patch("plan", "    years: [2026, 2027]\n", "")
        .patch("plan", "    funding: [pašvaldības budžets, ES fondi]\n", "")
        .patch(
            "plan",
            "      support: [telpas]\n",
            "      support: [telpas]\n      funding: [ES fondi]\n",
        );
    let out = fx.run(&["check", common::DIR, "--format", "sarif"]);
    let v = out.value();
    let stated: Vec<&Value> = results(&v)
        .iter()
        .filter(|r| r["ruleId"] == "field-stated-elsewhere")
        .collect();
    assert_eq!(stated.len(), 2, "{v}");
    let prints: Vec<&Value> = stated
        .iter()
        .map(|r| &r["partialFingerprints"]["pmp/v1"])
        .collect();
    assert_ne!(prints[0], prints[1]);
    let mut all: Vec<String> = results(&v)
        .iter()
        .map(|r| r["partialFingerprints"]["pmp/v1"].as_str().unwrap().to_string())
        .collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "a fingerprint shared by two results");
    let driver = &v["runs"][0]["tool"]["driver"];
    assert!(
        driver["informationUri"].as_str().unwrap().starts_with("https://"),
        "{driver}"
    );
    for rule in driver["rules"].as_array().unwrap() {
        let uri = rule["helpUri"].as_str().unwrap();
        assert!(
            uri.ends_with(&format!("/docs/rules.md#{}", rule["id"].as_str().unwrap())),
            "{uri}"
        );
    }
    // In Latvian, the rules' texts and pages are Latvian too.
    let lv = fx
        .run(&["--lang", "lv", "check", common::DIR, "--format", "sarif"])
        .value();
    let rules = lv["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let total = rules.iter().find(|r| r["id"] == "total-mismatch").unwrap();
    let short = total["shortDescription"]["text"].as_str().unwrap();
    assert!(short.contains("kopsumma"), "{short}");
    assert!(
        total["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("Ko tas atrod"),
        "{total}"
    );
    assert!(
        total["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("/docs/rules.lv.md#total-mismatch")
    );
}

/// Fixes travel in the standard `fixes` property: valid against the schema, and their
/// replacements, applied to the file, give what `pmp check --fix` writes.
#[test]
fn fixes_are_standard_sarif_and_reproduce_the_fixed_file() {
    let fx = Fixture::valid().patch(
        "indicators",
        "baseline: {value: 92.5, year: 2024}",
        "baseline: {value: 92,5, year: 2024}",
    );
    let v = run_in(fx.root(), &["check", "demo", "--format", "sarif"], &[]).value();
    let with_fix: Vec<&Value> = results(&v).iter().filter(|r| r.get("fixes").is_some()).collect();
    assert_eq!(with_fix.len(), 1, "{v}");
    let fix = &with_fix[0]["fixes"][0];
    assert_eq!(fix["properties"]["applicability"], "safe");
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "demo/indicators.yaml");
    let r = &change["replacements"][0];
    let region = &r["deletedRegion"];
    let text = fx.text("indicators");
    let line = text
        .lines()
        .nth(region["startLine"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let (s, e) = (
        region["startColumn"].as_u64().unwrap() as usize - 1,
        region["endColumn"].as_u64().unwrap() as usize - 1,
    );
    let chars: Vec<char> = line.chars().collect();
    let new_line: String = chars[..s]
        .iter()
        .chain(
            r["insertedContent"]["text"]
                .as_str()
                .unwrap()
                .chars()
                .collect::<Vec<_>>()
                .iter(),
        )
        .chain(chars[e..].iter())
        .collect();
    let fixed = text.replacen(line, &new_line, 1);
    let doc = fx.root().join("fix.sarif");
    std::fs::write(&doc, serde_json::to_string(&v).unwrap()).unwrap();
    let mut broken = v.clone();
    broken["runs"][0]["results"][0]["fixes"] = "a fix".into();
    let bad = fx.root().join("bad.sarif");
    std::fs::write(&bad, serde_json::to_string(&broken).unwrap()).unwrap();
    match (validate(&doc), validate(&bad)) {
        (Some(good), Some(bad)) => {
            good.unwrap_or_else(|e| panic!("SARIF output with a fix is not valid:\n{e}"));
            assert!(bad.is_err(), "the validator accepted a fix that is a string");
        }
        _ => common::tools::skip(
            "python3 with jsonschema is missing (pip install jsonschema); the SARIF fix check",
        ),
    }
    assert_eq!(run_in(fx.root(), &["check", "demo", "--fix"], &[]).code, 0);
    assert_eq!(fx.text("indicators"), fixed);
}
