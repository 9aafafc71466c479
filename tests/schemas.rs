//! The JSON Schemas in `schemas/` against a real validator (Ajv in strict mode, run by node
//! from tests/js/, installed there by `.ci/run`): they compile with standard formats
//! only, every field has a description, the bundled programmes and the fixtures validate,
//! the schema and the checker agree on what they accept, and `pmp init` writes `$schema`
//! lines that resolve from where the files are.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Fixture, PARTS, run_in};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The validator script, when node and its packages are there; otherwise a notice, or a
/// failure under CI (where .ci/run installs them).
fn validator() -> Option<PathBuf> {
    let dir = repo().join("tests/js");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if node && dir.join("node_modules/ajv").is_dir() && dir.join("node_modules/yaml").is_dir() {
        return Some(dir.join("validate.mjs"));
    }
    let why = "node or tests/js/node_modules missing (run `npm ci --prefix tests/js`)";
    common::tools::skip(&format!("{why}; the schema validation"));
    None
}

fn node(script: &Path, args: &[&str]) -> Value {
    let out = Command::new("node")
        .arg(script)
        .args(args)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "validator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("validator prints JSON")
}

/// Validates YAML files; `schemas` overrides the `$schema` line's folder.
fn validate(script: &Path, schemas: Option<&Path>, files: &[PathBuf]) -> Vec<Value> {
    let mut args: Vec<String> = vec!["files".into()];
    if let Some(s) = schemas {
        args.push("--schemas".into());
        args.push(s.display().to_string());
    }
    args.extend(files.iter().map(|f| f.display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    node(script, &refs)["results"].as_array().unwrap().clone()
}

fn committed_schemas() -> Vec<(String, Value)> {
    PARTS
        .iter()
        .map(|p| {
            let path = repo().join(format!("schemas/{p}.schema.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            (p.to_string(), serde_json::from_str(&text).unwrap())
        })
        .collect()
}

#[test]
fn schemas_compile_in_strict_ajv_with_and_without_ajv_formats() {
    let Some(script) = validator() else { return };
    let out = node(
        &script,
        &["compile", &repo().join("schemas").display().to_string()],
    );
    assert_eq!(out["compiled"], 9, "{out}"); // eight parts and the yearly results
    assert_eq!(
        out["failures"],
        serde_json::json!([]),
        "strict Ajv rejects schemas: {out}"
    );
}

/// Every `format` keyword, and every property without a description, anywhere in `v`.
fn walk(v: &Value, at: &str, formats: &mut Vec<String>, undescribed: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(f)) = m.get("format") {
                formats.push(format!("{at}: {f}"));
            }
            if let Some(Value::Object(props)) = m.get("properties") {
                for (k, p) in props {
                    if p.get("description")
                        .and_then(Value::as_str)
                        .is_none_or(|d| d.trim().is_empty())
                    {
                        undescribed.push(format!("{at}.{k}"));
                    }
                }
            }
            for (k, c) in m {
                walk(c, &format!("{at}/{k}"), formats, undescribed);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| walk(c, at, formats, undescribed)),
        _ => {}
    }
}

#[test]
fn schemas_use_standard_formats_only_and_describe_every_field() {
    let standard = [
        "date-time",
        "date",
        "time",
        "duration",
        "email",
        "idn-email",
        "hostname",
        "idn-hostname",
        "ipv4",
        "ipv6",
        "uri",
        "uri-reference",
        "iri",
        "iri-reference",
        "uuid",
        "uri-template",
        "json-pointer",
        "relative-json-pointer",
        "regex",
    ];
    let mut bad_formats = Vec::new();
    let mut undescribed = Vec::new();
    for (part, schema) in committed_schemas() {
        let mut formats = Vec::new();
        walk(&schema, &part, &mut formats, &mut undescribed);
        bad_formats.extend(
            formats
                .into_iter()
                .filter(|f| !standard.iter().any(|s| f.ends_with(&format!(": {s}")))),
        );
    }
    assert!(bad_formats.is_empty(), "non-standard formats: {bad_formats:?}");
    assert!(
        undescribed.is_empty(),
        "fields without a description (add a /// comment to the model's field):\n  {}",
        undescribed.join("\n  ")
    );
}

#[test]
fn bundled_programmes_and_fixtures_validate() {
    let Some(script) = validator() else { return };
    let mut programmes = Vec::new();
    for entry in std::fs::read_dir(repo().join("programmes")).unwrap() {
        let dir = entry.unwrap().path();
        for part in PARTS {
            let f = dir.join(format!("{part}.yaml"));
            if f.is_file() {
                programmes.push(f);
            }
        }
    }
    assert!(programmes.len() >= 14, "{programmes:?}");
    // The fictional demo of docs/format.md, too.
    programmes.extend(
        PARTS
            .iter()
            .map(|p| repo().join(format!("examples/demo/{p}.yaml"))),
    );
    // The programmes' own `$schema` lines, resolved as an editor resolves them.
    let mut results = validate(&script, None, &programmes);
    // The fixtures' lines are written for a programme folder two levels under the root.
    let fixtures: Vec<PathBuf> = PARTS
        .iter()
        .map(|p| repo().join(format!("tests/fixtures/valid/{p}.yaml")))
        .collect();
    results.extend(validate(&script, Some(&repo().join("schemas")), &fixtures));
    let invalid: Vec<String> = results
        .iter()
        .filter(|r| r["valid"] != true)
        .map(|r| format!("{}: {}", r["file"], r["errors"]))
        .collect();
    assert!(invalid.is_empty(), "do not validate:\n{}", invalid.join("\n"));
}

/// One edit of the valid programme, and whether it is valid.
struct Case {
    part: &'static str,
    from: &'static str,
    to: &'static str,
    valid: bool,
}

const CASES: &[Case] = &[
    Case {
        part: "goals",
        from: "number: \"1.\"",
        to: "number: 1",
        valid: true,
    },
    Case {
        part: "goals",
        from: "title: Visi izglītojamie saņem karjeras atbalstu",
        to: "title: 2025",
        valid: true,
    },
    Case {
        part: "goals",
        from: "level: universal",
        to: "level: universāls",
        valid: false,
    },
    Case {
        part: "monitoring",
        from: "month: 8}",
        to: "month: 13}",
        valid: false,
    },
    Case {
        part: "monitoring",
        from: "month: 8}",
        to: "month: 0}",
        valid: false,
    },
    Case {
        part: "monitoring",
        from: "months: [3, 10]",
        to: "months: [3, 14]",
        valid: false,
    },
    Case {
        part: "monitoring",
        from: "date: 2025-09-30",
        to: "date: 31.12.2029.",
        valid: false,
    },
    Case {
        part: "monitoring",
        from: "date: 2025-09-30",
        to: "date: 2025-9-30",
        valid: true,
    },
    Case {
        part: "programme",
        from: "date: 2025-01-30",
        to: "date: 2025-13-30",
        valid: false,
    },
    Case {
        part: "programme",
        from: "date: 2025-01-30",
        to: "date: \"30.01.2025.\"",
        valid: false,
    },
    Case {
        part: "programme",
        from: "for: 12",
        to: "for: -1",
        valid: false,
    },
    Case {
        part: "plan",
        from: "start: \"2025-09\"",
        to: "start: \"2025-9\"",
        valid: true,
    },
    Case {
        part: "plan",
        from: "start: \"2025-09\"",
        to: "start: \"2025-13\"",
        valid: false,
    },
    Case {
        part: "plan",
        from: "responsible: [IP]\n    involved: [Izglītības",
        to: "responsble: [IP]\n    involved: [Izglītības",
        valid: false,
    },
    Case {
        part: "indicators",
        from: "value: 92.5",
        to: "value: \"92,5\"",
        valid: false,
    },
    Case {
        part: "svid",
        from: "{id: s1, text: Pieredzējuši pedagogi}",
        to: "{id: s1, text: Pieredzējuši pedagogi, goal: [g1]}",
        valid: false,
    },
];

#[test]
fn schema_and_checker_agree() {
    let Some(script) = validator() else { return };
    let mut disagree = Vec::new();
    for c in CASES {
        let fx = Fixture::valid().patch(c.part, c.from, c.to);
        let out = fx.check();
        let file = format!("demo/{}.yaml", c.part);
        let errors: Vec<String> = out
            .diagnostics()
            .iter()
            .filter(|d| d["severity"] == "error" && d["file"] == file.as_str())
            .map(|d| format!("{} {}", d["code"], d["message"]))
            .collect();
        let checker = errors.is_empty();
        let r = &validate(
            &script,
            Some(&repo().join("schemas")),
            &[fx.path(&format!("{}.yaml", c.part))],
        )[0];
        let schema = r["valid"] == true;
        if checker != c.valid || schema != c.valid {
            disagree.push(format!(
                "{} `{}` -> `{}`: expected {}, checker {} {errors:?}, schema {} {}",
                c.part,
                c.from,
                c.to,
                if c.valid { "valid" } else { "invalid" },
                if checker { "accepts" } else { "rejects" },
                if schema { "accepts" } else { "rejects" },
                r["errors"]
            ));
        }
    }
    assert!(
        disagree.is_empty(),
        "schema and checker disagree:\n{}",
        disagree.join("\n")
    );
}

fn init_in(cwd: &Path, dir: &str) {
    let out = run_in(
        cwd,
        &[
            "init",
            dir,
            "--municipality",
            "Zaļenieku pagasts",
            "--from",
            "2025",
            "--to",
            "2029",
        ],
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

fn parts_in(dir: &Path) -> Vec<PathBuf> {
    PARTS.iter().map(|p| dir.join(format!("{p}.yaml"))).collect()
}

#[test]
fn init_writes_schema_lines_that_resolve_where_it_writes() {
    let Some(script) = validator() else { return };
    let fx = Fixture::empty();
    // No schemas anywhere above: they are written beside the parts.
    init_in(fx.root(), "a/b/c/jauna");
    let alone = fx.root().join("a/b/c/jauna");
    assert!(alone.join("schemas/goals.schema.json").is_file());
    let first = std::fs::read_to_string(alone.join("goals.yaml")).unwrap();
    assert!(
        first.starts_with("# yaml-language-server: $schema=schemas/goals.schema.json\n"),
        "{first}"
    );
    // A project with its schemas at the root: the lines point there, at any depth.
    std::fs::create_dir_all(fx.root().join("proj/programmes")).unwrap();
    let out = run_in(&fx.root().join("proj"), &["schema", "--out", "schemas"], &[]);
    assert_eq!(out.code, 0);
    init_in(&fx.root().join("proj/programmes"), "novads/2025");
    let nested = fx.root().join("proj/programmes/novads/2025");
    assert!(
        !nested.join("schemas").exists(),
        "the project's schemas are used, not copied"
    );
    let first = std::fs::read_to_string(nested.join("plan.yaml")).unwrap();
    assert!(
        first.starts_with("# yaml-language-server: $schema=../../../schemas/plan.schema.json\n"),
        "{first}"
    );
    // Resolved from each file as the editor resolves it, every part validates.
    let mut files = parts_in(&alone);
    files.extend(parts_in(&nested));
    let results = validate(&script, None, &files);
    assert_eq!(results.len(), 16);
    for r in &results {
        assert_eq!(r["valid"], true, "{r}");
    }
    // And the checker accepts the headers.
    let out = run_in(fx.root(), &["check", "a", "proj", "--format", "json"], &[]);
    assert!(
        out.diagnostics().iter().all(|d| d["code"] == "to-be-filled"),
        "{}",
        out.pretty()
    );
}
