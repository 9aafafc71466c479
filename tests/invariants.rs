//! `docs/invariants.md` covers the format: every field of every part's JSON Schema (`schemas/`)
//! has at least one row (`part:Type.field`, `ROOT` for a file's top level), every row's key is
//! a field the schemas have, and every rule code a row names is one the registry has. A field
//! added to the model without thinking through what a reader checks about it fails here.

use std::collections::BTreeSet;
use std::path::Path;

use pmp::diag::Code;

fn repo(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `part:Type.field` the JSON Schemas define.
fn schema_fields() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".schema.json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 9, "one schema per part in {}", dir.display());
    for f in files {
        let part = f
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".schema.json", "");
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let mut add = |ty: &str, obj: &serde_json::Value| {
            if let Some(props) = obj.get("properties").and_then(|p| p.as_object()) {
                for k in props.keys() {
                    out.insert(format!("{part}:{ty}.{k}"));
                }
            }
        };
        add("ROOT", &v);
        if let Some(defs) = v.get("$defs").and_then(|d| d.as_object()) {
            for (name, def) in defs {
                add(name, def);
            }
        }
    }
    out
}

/// The rows of the inventory's tables: (key, checked-by cell).
fn rows(doc: &str) -> Vec<(String, String)> {
    doc.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(
                cells.len(),
                4,
                "a row has field, dimension, relation, checked by: {l}"
            );
            assert!(
                ["own", "kind", "elsewhere", "population", "dates", "text"].contains(&cells[1]),
                "unknown dimension `{}` in: {l}",
                cells[1]
            );
            (cells[0].trim_matches('`').to_string(), cells[3].to_string())
        })
        .collect()
}

/// A field's key as the inventory covers it: a type of the model (`Table.caption`) is one
/// type in every part whose schema includes it (schemars names each `$defs` entry after its
/// Rust type), so one row covers it in all of them; a file's top level stays its part's own
/// (`plan:ROOT.columns`).
fn covered(key: &str) -> String {
    match key.split_once(':') {
        Some((part, field)) if field.starts_with("ROOT.") => format!("{part}:{field}"),
        Some((_, field)) => field.to_string(),
        None => key.to_string(),
    }
}

#[test]
fn every_schema_field_has_a_row() {
    let doc = repo("docs/invariants.md");
    let rows = rows(&doc);
    let keys: BTreeSet<String> = rows.iter().map(|(k, _)| covered(k)).collect();
    let fields: BTreeSet<String> = schema_fields().iter().map(|k| covered(k)).collect();
    // A row names the part where the field is documented: that part must have the field.
    let all = schema_fields();
    let misplaced: Vec<&String> = rows
        .iter()
        .map(|(k, _)| k)
        .filter(|k| !all.contains(*k))
        .collect();
    assert!(
        misplaced.is_empty(),
        "rows in docs/invariants.md naming a part whose schema has no such field:\n  {misplaced:?}"
    );
    let missing: Vec<&String> = fields.difference(&keys).collect();
    assert!(
        missing.is_empty(),
        "schema fields with no row in docs/invariants.md (add what a reader checks about each):\n  {}",
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    let unknown: Vec<&String> = keys.difference(&fields).collect();
    assert!(
        unknown.is_empty(),
        "rows in docs/invariants.md for fields the schemas do not have:\n  {}",
        unknown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

#[test]
fn every_code_a_row_names_is_registered() {
    let doc = repo("docs/invariants.md");
    let mut named = BTreeSet::new();
    for (key, checked_by) in rows(&doc) {
        // Backticked words that look like rule codes (kebab-case, no spaces or dots).
        for part in checked_by.split('`').skip(1).step_by(2) {
            let looks_like_code = part.contains('-')
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if looks_like_code {
                assert!(
                    Code::parse(part).is_some(),
                    "{key}: `{part}` is no registered rule code"
                );
                named.insert(part.to_string());
            }
        }
        assert!(
            checked_by.starts_with('`')
                || checked_by.starts_with("not checked: ")
                || checked_by.starts_with("schema")
                || checked_by.starts_with("see ")
                || checked_by.starts_with("used by ")
                || checked_by.starts_with("rendering only"),
            "{key}: say which rule checks it, or why it is not checked: {checked_by}"
        );
    }
    // The inventory names the rules that check content; a finding code no row names is a rule
    // the inventory does not explain (load, schema and suppression codes are about files).
    let content_codes: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| {
            !matches!(
                c.family(),
                pmp::diag::Family::Load | pmp::diag::Family::Schema | pmp::diag::Family::Suppression
            ) && **c != Code::ToBeFilled
        })
        .map(|c| c.as_str())
        .collect();
    let unnamed: Vec<&&str> = content_codes.iter().filter(|c| !named.contains(**c)).collect();
    assert!(
        unnamed.is_empty(),
        "rule codes no row of docs/invariants.md names: {unnamed:?}"
    );
}
