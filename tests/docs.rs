//! Rule documentation: `pmp explain`, the generated rule reference (docs/rules.md and
//! docs/rules.lv.md) and the README's rule count, all kept in step with the registry.

mod common;

use common::Fixture;

fn repo(rel: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn codes() -> Vec<String> {
    Fixture::empty()
        .run(&["check", "--list-rules"])
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn generated_rule_reference_is_current() {
    let fx = Fixture::empty();
    for (lang, file) in [("en", "docs/rules.md"), ("lv", "docs/rules.lv.md")] {
        let out = fx.run(&["explain", "--all", "--format", "md", "--lang", lang]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout == repo(file),
            "{file} is stale: run `cargo run -- explain --all --format md --lang {lang} > {file}`"
        );
    }
}

#[test]
fn every_code_has_a_section_in_both_references() {
    let en = repo("docs/rules.md");
    let lv = repo("docs/rules.lv.md");
    for code in codes() {
        let head = format!("### `{code}`\n");
        assert!(en.contains(&head), "docs/rules.md has no section for `{code}`");
        assert!(lv.contains(&head), "docs/rules.lv.md has no section for `{code}`");
    }
}

#[test]
fn every_code_is_explained_in_both_languages() {
    let fx = Fixture::empty();
    let mut missing = Vec::new();
    for code in codes() {
        for (lang, marks) in [
            (
                "en",
                [
                    "What it finds",
                    "Why it matters",
                    "Wrong (in ",
                    "Corrected",
                    "How to fix or silence it",
                ],
            ),
            (
                "lv",
                [
                    "Ko tas atrod",
                    "Kāpēc tas ir svarīgi",
                    "Nepareizi (failā ",
                    "Pareizi",
                    "Kā izlabot vai apklusināt",
                ],
            ),
        ] {
            let out = fx.run(&["explain", &code, "--lang", lang]);
            assert_eq!(out.code, 0, "explain {code}: {}", out.stderr);
            assert!(out.stdout.starts_with(&format!("{code}: ")), "{}", out.stdout);
            for m in marks {
                if !out.stdout.contains(m) {
                    missing.push(format!("`{code}` ({lang}) lacks „{m}”"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rule texts missing (docs/rules/en.toml, lv.toml, examples.toml):\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn explain_follows_lang_flag_then_locale() {
    let fx = Fixture::empty();
    let lv = fx.run_env(
        &["explain", "unknown-id"],
        &[("LC_ALL", ""), ("LANG", "lv_LV.UTF-8")],
    );
    assert!(lv.stdout.contains("Ko tas atrod"), "{}", lv.stdout);
    let en = fx.run_env(&["explain", "unknown-id"], &[("LC_ALL", ""), ("LANG", "C.UTF-8")]);
    assert!(en.stdout.contains("What it finds"), "{}", en.stdout);
    let forced = fx.run_env(
        &["explain", "unknown-id", "--lang", "en"],
        &[("LANG", "lv_LV.UTF-8")],
    );
    assert!(forced.stdout.contains("What it finds"), "{}", forced.stdout);
}

#[test]
fn explain_of_an_unknown_code_suggests_the_nearest() {
    let out = Fixture::empty().run(&["explain", "total-mismach"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `total-mismatch`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn readme_rule_count_is_the_registry_count() {
    let readme = repo("README.md");
    let n = codes().len();
    let stated: Vec<&str> = readme
        .match_indices(" codes)")
        .map(|(i, _)| readme[..i].rsplit(' ').next().unwrap())
        .collect();
    assert!(
        !stated.is_empty(),
        "README no longer states the rule count as `all N codes)`"
    );
    for s in stated {
        assert_eq!(
            s,
            n.to_string(),
            "README says {s} rule codes, `pmp check --list-rules` lists {n}"
        );
    }
}

#[test]
fn field_reference_is_current_and_covers_every_field() {
    let fx = Fixture::empty();
    let out = fx.run(&["schema", "--format", "md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout == repo("docs/format.md"),
        "docs/format.md is stale: run `cargo run -- schema --format md > docs/format.md`"
    );
    // Every field of every part's schema has a row with its meaning.
    for part in common::PARTS {
        let schema: serde_json::Value =
            serde_json::from_str(&repo(&format!("schemas/{part}.schema.json"))).unwrap();
        assert!(
            out.stdout.contains(&format!("## `{part}.yaml`")),
            "no section for {part}.yaml"
        );
        let mut objects = vec![&schema];
        if let Some(defs) = schema["$defs"].as_object() {
            objects.extend(defs.values());
        }
        for o in objects {
            for (name, p) in o["properties"].as_object().into_iter().flatten() {
                let desc = p["description"].as_str().unwrap_or_default();
                let row = format!("| `{name}` |");
                assert!(
                    out.stdout.lines().any(|l| l.starts_with(&row)
                        && l.ends_with(&format!("| {} |", desc.replace('|', "\\|").replace('\n', " ")))),
                    "{part}: field `{name}` has no row with its description"
                );
            }
        }
    }
}

#[test]
fn the_demo_programme_in_the_reference_is_fictional_and_clean() {
    let out = common::run_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "examples/demo", "--format", "json"],
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.pretty());
    assert!(out.diagnostics().is_empty(), "{}", out.pretty());
    for part in common::PARTS {
        let text = repo(&format!("examples/demo/{part}.yaml"));
        assert!(
            text.lines().nth(1).unwrap_or("").contains("fictional"),
            "examples/demo/{part}.yaml does not say it is fictional"
        );
    }
}
