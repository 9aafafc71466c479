//! Rule documentation: `pmp explain`, the generated rule reference (docs/rules.md and
//! docs/rules.lv.md) and the README's rule count, all kept in step with the registry.

mod common;

use std::path::Path;

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

/// The words the glossary (docs/glossary.md) says pmp does not use: the stems of its last
/// column, with the phrases it allows.
fn avoided_words() -> Vec<String> {
    let glossary =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/glossary.md")).unwrap();
    let mut stems = Vec::new();
    for row in glossary
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| English"))
    {
        let last = row.trim_end_matches('|').rsplit('|').next().unwrap_or("");
        for stem in last.split('`').skip(1).step_by(2) {
            stems.push(stem.to_lowercase());
        }
    }
    stems.sort();
    stems.dedup();
    stems
}

/// The Latvian string literals of a Rust file (those with a Latvian letter), with their lines.
fn latvian_literals(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            let lit = &text[start..i.min(text.len())];
            if lit.chars().any(|c| "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ".contains(c)) {
                out.push((text[..start].matches('\n').count() + 1, lit.to_string()));
            }
        }
        i += 1;
    }
    out
}

/// Where an avoided stem starts a word in `text` (lower case), outside the allowed phrase.
fn avoided_in(text: &str, stems: &[String]) -> Vec<String> {
    let text = text.to_lowercase().replace("izglītības iestād", "");
    let mut found = Vec::new();
    for stem in stems {
        for (at, _) in text.match_indices(stem.as_str()) {
            let before = text[..at].chars().next_back();
            if before.is_none_or(|c| !c.is_alphanumeric()) {
                found.push(stem.clone());
            }
        }
    }
    found
}

/// One word for one thing: no Latvian message, rule text or help text uses a word the glossary
/// lists as not used. The rendered document's labels (src/render/) and the calendar's texts
/// (src/calendar/) are kept by their own owners and not looked at here.
#[test]
fn the_glossary_is_kept() {
    let stems = avoided_words();
    assert!(
        stems.contains(&"pasākum".to_string()) && stems.len() > 10,
        "{stems:?}"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut stack = vec![root.join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel.starts_with("src/render") || rel.starts_with("src/calendar") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if rel.ends_with(".rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (line, lit) in latvian_literals(&text) {
                    for stem in avoided_in(&lit, &stems) {
                        problems.push(format!("{rel}:{line}: `{stem}` in {lit}"));
                    }
                }
            }
        }
    }
    let rules = std::fs::read_to_string(root.join("docs/rules/lv.toml")).unwrap();
    for (n, line) in rules.lines().enumerate() {
        for stem in avoided_in(line, &stems) {
            problems.push(format!("docs/rules/lv.toml:{}: `{stem}` in {line}", n + 1));
        }
    }
    assert!(
        problems.is_empty(),
        "words the glossary does not use:\n{}",
        problems.join("\n")
    );
    // The check sees a synonym where one is written.
    assert_eq!(
        avoided_in("„pasākumam nav norādīta atbildīgā iestāde”", &stems),
        ["iestād", "pasākum"]
    );
    assert!(avoided_in("izglītības iestādes un aktivitātes", &stems).is_empty());
}
