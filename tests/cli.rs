//! The command line: exit codes, `--list-rules`, `pmp schema`, `pmp init`, the four output
//! formats (snapshots), the JSON contract, determinism and discovery of programme folders.

mod common;

use std::path::Path;

use common::{Fixture, PARTS, SCHEMA_PARTS};
use serde_json::Value;

/// The valid programme with five findings of every severity, several files and kinds.
fn several_findings() -> Fixture {
    Fixture::valid()
        .patch("plan", "indicators: [i1]", "indicators: [i11]")
        .patch("monitoring", "number: \"4.\"", "number: \"5.\"")
        .patch(
            "goals",
            "title: Riska grupas izglītojamie saņem mācību atbalstu",
            "title: \"TODO: a goal, with: a colon\"",
        )
        .patch(
            "situation",
            "{column: all, value: 200,",
            "{column: all, value: 210,",
        )
        .patch(
            "indicators",
            "milestones: [2026, 2028]",
            "milestones: [2026, 2028] # pmp: allow number-gap -- none here",
        )
}

// ---------------------------------------------------------------- exit codes

#[test]
fn exit_0_when_clean() {
    let out = Fixture::valid().run(&["check", "demo"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        out.stdout,
        "1 programme(s), 9 file(s): 0 error(s), 0 warning(s), 0 info\n"
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn exit_0_with_warnings_and_infos_only() {
    let fx = Fixture::valid().patch("monitoring", "number: \"4.\"", "number: \"5.\"");
    assert_eq!(fx.run(&["check", "demo"]).code, 0);
}

#[test]
fn exit_1_on_errors() {
    let out = several_findings().run(&["check", "demo"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .ends_with("1 programme(s), 9 file(s): 2 error(s), 1 warning(s), 2 info\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn exit_2_on_usage_errors() {
    let fx = Fixture::valid();
    for args in [
        &["check", "demo", "--format", "xml"][..],
        &["check", "demo", "--deny", "everything"],
        &["frobnicate"],
        &["init"],
    ] {
        let out = fx.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
    }
}

#[test]
fn default_path_is_the_current_folder() {
    let fx = Fixture::valid();
    let out = common::run_in(&fx.dir(), &["check", "--format", "json"], &[]);
    assert_eq!(out.code, 0);
    assert_eq!(out.json.unwrap()["programmes"], 1);
}

// ---------------------------------------------------------------- --list-rules

#[test]
fn list_rules_snapshot() {
    let out = Fixture::empty().run(&["check", "--list-rules"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn list_rules_lists_every_code_once_with_family_and_severity() {
    let out = Fixture::empty().run(&["check", "--list-rules"]);
    let mut seen = std::collections::HashSet::new();
    let families = [
        "load",
        "schema",
        "references",
        "numbering",
        "period",
        "coverage",
        "indicators",
        "tables",
        "monitoring",
        "results",
        "sheet",
        "suppression",
    ];
    let mut last_family = 0;
    for line in out.stdout.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(cols.len() >= 4, "{line}");
        assert!(seen.insert(cols[0]), "{} listed twice", cols[0]);
        assert!(
            cols[0]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{line}"
        );
        let fam = families
            .iter()
            .position(|f| *f == cols[1])
            .unwrap_or_else(|| panic!("family of {line}"));
        assert!(fam >= last_family, "families out of order at {line}");
        last_family = fam;
        assert!(["error", "warning", "info"].contains(&cols[2]), "{line}");
    }
    assert!(seen.len() >= 50, "only {} rules", seen.len());
    // The columns line up: every description starts at the same column.
    let starts: std::collections::HashSet<usize> = out
        .stdout
        .lines()
        .map(|l| {
            let sev = ["error ", "warning ", "info "]
                .iter()
                .filter_map(|s| l.find(&format!(" {s}")))
                .min()
                .unwrap();
            sev + 1 + 9
        })
        .collect();
    assert_eq!(starts.len(), 1, "descriptions do not line up:\n{}", out.stdout);
}

// ---------------------------------------------------------------- pmp schema

fn committed_schema(part: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{part}.schema.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (generate it with `pmp schema --out schemas`)",
            path.display()
        )
    })
}

#[test]
fn schema_of_every_part_equals_the_committed_file() {
    let fx = Fixture::empty();
    for part in SCHEMA_PARTS {
        let out = fx.run(&["schema", part]);
        assert_eq!(out.code, 0, "{part}: {}", out.stderr);
        assert!(
            out.stdout == committed_schema(part),
            "schemas/{part}.schema.json is stale: run `pmp schema --out schemas`"
        );
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            v["$id"],
            format!("https://pmp.invalid/schemas/{part}.schema.json")
        );
    }
}

#[test]
fn schema_out_writes_every_part() {
    let fx = Fixture::empty();
    let out = fx.run(&["schema", "--out", "s"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut names: Vec<String> = std::fs::read_dir(fx.root().join("s"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = SCHEMA_PARTS.iter().map(|p| format!("{p}.schema.json")).collect();
    want.sort();
    assert_eq!(names, want);
    for part in SCHEMA_PARTS {
        let written =
            std::fs::read_to_string(fx.root().join("s").join(format!("{part}.schema.json"))).unwrap();
        assert_eq!(written, fx.run(&["schema", part]).stdout, "{part}");
    }
}

#[test]
fn schema_of_an_unknown_part_is_a_failure() {
    let out = Fixture::empty().run(&["schema", "goal"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("`goal` is not a part"), "{}", out.stderr);
    assert!(out.stderr.contains("goals"), "{}", out.stderr);
}

#[test]
fn fixture_files_validate_against_their_schema_header() {
    // Every valid fixture file names its own part's schema on its first line, as pmp init does.
    for part in PARTS {
        let first = common::valid_text(part).lines().next().unwrap();
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema=../../schemas/{part}.schema.json")
        );
    }
}

// ---------------------------------------------------------------- pmp init

fn init(fx: &Fixture, dir: &str) -> common::Output {
    fx.run(&[
        "init",
        dir,
        "--municipality",
        "Demo novads",
        "--from",
        "2025",
        "--to",
        "2029",
    ])
}

#[test]
fn init_creates_every_part_and_passes_check_with_only_placeholders() {
    let fx = Fixture::empty();
    let out = init(&fx, "progs/demo-novads");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("created progs/demo-novads with 8 parts and an empty results/"),
        "{}",
        out.stdout
    );
    for part in PARTS {
        assert!(
            fx.root()
                .join("progs/demo-novads")
                .join(format!("{part}.yaml"))
                .is_file(),
            "{part}.yaml not created"
        );
    }
    // An empty first year of results, for this programme and its first year.
    let results = std::fs::read_to_string(fx.root().join("progs/demo-novads/results/2025.yaml")).unwrap();
    assert!(
        results.starts_with("# yaml-language-server: $schema=../schemas/results.schema.json\n"),
        "{results}"
    );
    // The line resolves: no schemas/ above the new folder, so they are written beside it.
    assert!(
        fx.root()
            .join("progs/demo-novads/schemas/results.schema.json")
            .is_file()
    );
    assert!(
        results.contains("programme: demo-novads\nyear: 2025\n"),
        "{results}"
    );
    let programme = std::fs::read_to_string(fx.root().join("progs/demo-novads/programme.yaml")).unwrap();
    assert!(programme.contains("id: demo-novads\n"), "{programme}");
    assert!(
        programme.contains("municipality: \"Demo novads\"\n"),
        "{programme}"
    );
    let check = fx.run(&["check", "progs", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.pretty());
    let codes: std::collections::BTreeSet<String> = check.codes().into_iter().collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        ["to-be-filled"],
        "{}",
        check.pretty()
    );
    assert!(check.diagnostics().iter().all(|d| d["severity"] == "info"));
    assert!(check.diagnostics().len() > 20);
    // Every placeholder is pointed at exactly: the text at line:column starts with "TODO:".
    for d in check.diagnostics() {
        let file = std::fs::read_to_string(fx.root().join(d["file"].as_str().unwrap())).unwrap();
        let line = file
            .lines()
            .nth(d["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let rest: String = line
            .chars()
            .skip(d["column"].as_u64().unwrap() as usize - 1)
            .collect();
        assert!(rest.starts_with("TODO:"), "{d} points at {rest:?}");
    }
    // And it passes even when warnings are denied.
    assert_eq!(fx.run(&["check", "progs", "--deny", "warnings"]).code, 0);
}

/// A folder named in Latvian gives the id Latvians would write: marks dropped, not hyphens.
#[test]
fn init_transliterates_a_latvian_folder_name_into_the_id() {
    let fx = Fixture::empty();
    let out = init(&fx, "ādažu-2025-2029");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let programme = std::fs::read_to_string(fx.root().join("ādažu-2025-2029/programme.yaml")).unwrap();
    assert!(programme.contains("id: adazu-2025-2029\n"), "{programme}");
    let out = init(&fx, "Ķekavas programma");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let programme = std::fs::read_to_string(fx.root().join("Ķekavas programma/programme.yaml")).unwrap();
    assert!(programme.contains("id: kekavas-programma\n"), "{programme}");
}

#[test]
fn init_with_a_quote_in_the_municipality_still_parses() {
    let fx = Fixture::empty();
    let out = fx.run(&[
        "init",
        "x",
        "--municipality",
        "Ogres \"jaunais\" novads \\ ",
        "--from",
        "2024",
        "--to",
        "2027",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let check = fx.run(&["check", "x", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.pretty());
    assert!(
        check.codes().iter().all(|c| c == "to-be-filled"),
        "{}",
        check.pretty()
    );
}

#[test]
fn init_refuses_to_overwrite_an_existing_programme() {
    let fx = Fixture::valid();
    let before: Vec<String> = PARTS.iter().map(|p| fx.text(p)).collect();
    let out = init(&fx, "demo");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("not overwriting existing files"),
        "{}",
        out.stderr
    );
    let after: Vec<String> = PARTS.iter().map(|p| fx.text(p)).collect();
    assert_eq!(before, after, "init changed an existing programme");
}

#[test]
fn init_refuses_when_any_part_exists_and_writes_nothing() {
    let fx = Fixture::empty();
    fx.write_root("demo/goals.yaml", "goals: []\n");
    let out = init(&fx, "demo");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("goals.yaml"), "{}", out.stderr);
    let names: Vec<_> = std::fs::read_dir(fx.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["goals.yaml"]);
    assert_eq!(
        std::fs::read_to_string(fx.path("goals.yaml")).unwrap(),
        "goals: []\n"
    );
}

#[test]
fn init_with_period_backwards_is_a_failure() {
    let fx = Fixture::empty();
    let out = fx.run(&[
        "init",
        "x",
        "--municipality",
        "M",
        "--from",
        "2029",
        "--to",
        "2025",
    ]);
    assert_eq!(out.code, 2);
    assert!(!fx.root().join("x").exists());
}

// ---------------------------------------------------------------- output formats

#[test]
fn human_output_snapshot() {
    let out = several_findings().run(&["check", "demo", "--color", "never"]);
    assert_eq!(out.code, 1);
    assert!(
        !out.stdout.contains('\u{1b}'),
        "colour escapes with --color never"
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn human_output_without_flag_and_no_color_has_no_escapes() {
    let fx = several_findings();
    let auto = fx.run(&["check", "demo"]);
    assert!(!auto.stdout.contains('\u{1b}'));
    assert_eq!(auto.stdout, fx.run(&["check", "demo", "--color", "never"]).stdout);
    let always = fx.run(&["check", "demo", "--color", "always"]);
    assert!(always.stdout.contains('\u{1b}'), "--color always gives no colour");
}

#[test]
fn json_output_snapshot() {
    let out = several_findings().check();
    insta::assert_json_snapshot!(out.json.unwrap());
}

#[test]
fn github_output_snapshot() {
    let out = several_findings().run(&["check", "demo", "--format", "github"]);
    assert_eq!(out.code, 1);
    for line in out.stdout.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
    }
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn github_output_escapes_commas_and_colons_in_properties() {
    let fx = Fixture::empty();
    std::fs::create_dir_all(fx.root().join("a,b:c")).unwrap();
    for part in PARTS {
        std::fs::write(
            fx.root().join("a,b:c").join(format!("{part}.yaml")),
            common::valid_text(part),
        )
        .unwrap();
    }
    fx.write_root(&format!("a,b:c/{}", common::RESULTS), common::VALID_RESULTS);
    std::fs::write(fx.root().join("a,b:c/goal.yaml"), "x: 1\n").unwrap();
    let out = fx.run(&["check", "a,b:c", "--format", "github"]);
    assert_eq!(
        out.stdout,
        "::warning file=a%2Cb%3Ac/goal.yaml,line=1,col=1,title=pmp unknown-file::goal.yaml is not a part of a programme and is ignored%0Ahelp: did you mean `goals.yaml`?\n"
    );
}

#[test]
fn sarif_output_snapshot() {
    let out = several_findings().run(&["check", "demo", "--format", "sarif"]);
    assert_eq!(out.code, 1);
    let mut v: Value = serde_json::from_str(&out.stdout).unwrap();
    let driver = &mut v["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    driver["version"] = "[version]".into();
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    driver["semanticVersion"] = "[version]".into();
    // The rules table is the registry (checked below); keep the snapshot to the results.
    let rules = driver["rules"].take();
    assert!(rules.as_array().unwrap().len() >= 50);
    driver["rules"] = "[the registry, checked separately]".into();
    // The repository root is an absolute path of the temporary folder (tests/sarif.rs checks it).
    let base = &mut v["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"];
    assert!(base.as_str().unwrap().starts_with("file:///"), "{base}");
    *base = "[root]".into();
    // Rule indexes move when a code is added; that they point at the right rule is checked below.
    for r in v["runs"][0]["results"].as_array_mut().unwrap() {
        assert!(r["ruleIndex"].is_u64());
        r["ruleIndex"] = "[index]".into();
    }
    insta::assert_json_snapshot!(v);
}

#[test]
fn sarif_rules_are_the_registry_and_results_index_them() {
    let fx = several_findings();
    let out = fx.run(&["check", "demo", "--format", "sarif"]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let listed = fx.run(&["check", "--list-rules"]).stdout;
    let codes: Vec<&str> = listed
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids, codes);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"], "{r}");
    }
}

// ---------------------------------------------------------------- the JSON contract

#[test]
fn json_contract_keys_and_order() {
    let out = several_findings().check();
    let v = out.json.as_ref().unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["version", "programmes", "files", "diagnostics", "summary"]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["programmes"], 1);
    assert_eq!(v["files"], 9);
    for d in out.diagnostics() {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "code", "severity", "message", "file", "line", "column", "path", "entity", "help", "fix"
            ]
        );
        assert!(
            d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1,
            "{d}"
        );
        assert!(d["entity"].is_null() || d["entity"]["kind"].is_string(), "{d}");
        assert!(d["help"].is_null() || d["help"].is_string(), "{d}");
    }
    let skeys: Vec<&str> = v["summary"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(skeys, ["errors", "warnings", "infos"]);
    assert_eq!(
        (
            out.summary("errors"),
            out.summary("warnings"),
            out.summary("infos")
        ),
        (2, 1, 2)
    );
    // The raw text keeps that order too, independent of how the test parses JSON.
    let raw = &out.stdout;
    let order = [
        "\"version\"",
        "\"programmes\"",
        "\"files\"",
        "\"diagnostics\"",
        "\"code\"",
        "\"severity\"",
        "\"message\"",
        "\"file\"",
        "\"line\"",
        "\"column\"",
        "\"path\"",
        "\"entity\"",
        "\"help\"",
    ];
    let pos: Vec<usize> = order
        .iter()
        .map(|k| raw.find(k).unwrap_or_else(|| panic!("{k} missing")))
        .collect();
    assert!(
        pos.windows(2).all(|w| w[0] < w[1]),
        "key order in raw JSON: {pos:?}"
    );
}

#[test]
fn findings_are_sorted_by_file_line_column() {
    let out = several_findings().check();
    let keys: Vec<(String, u64, u64)> = out
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

// ---------------------------------------------------------------- determinism and discovery

/// Three programmes under `progs/`, each with findings.
fn three_programmes() -> Fixture {
    let fx = Fixture::empty();
    for (name, patch) in [
        ("ogre", ("indicators: [i1]", "indicators: [i2x]")),
        ("cesis", ("number: \"4.\"", "number: \"6.\"")),
        ("aluksne", ("value: 96}", "value: 160}")),
    ] {
        for part in PARTS {
            let mut text = common::valid_text(part).to_string();
            if text.contains(patch.0) && part != "situation" {
                text = text.replacen(patch.0, patch.1, 1);
            }
            fx.write_root(&format!("progs/{name}/{part}.yaml"), text);
        }
        fx.write_root(
            &format!("progs/{name}/{}", common::RESULTS),
            common::VALID_RESULTS,
        );
    }
    fx
}

#[test]
fn two_runs_give_byte_identical_output() {
    let fx = three_programmes();
    for format in ["human", "json", "github", "sarif"] {
        let a = fx.run(&["check", "progs", "--format", format]);
        let b = fx.run(&["check", "progs", "--format", format]);
        assert_eq!(a.code, 1);
        assert!(a.stdout == b.stdout, "{format} output differs between runs");
    }
}

#[test]
fn a_folder_of_programme_folders_is_discovered() {
    let fx = three_programmes();
    // Hidden folders and build folders are not searched.
    for skipped in [".git/x", "target/x", "node_modules/x"] {
        for part in PARTS {
            fx.write_root(&format!("progs/{skipped}/{part}.yaml"), "broken: [\n");
        }
    }
    let out = fx.run(&["check", "progs", "--format", "json"]);
    let v = out.json.as_ref().unwrap();
    assert_eq!(v["programmes"], 3, "{}", out.pretty());
    assert_eq!(v["files"], 27);
    let files: Vec<&str> = out
        .diagnostics()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "progs/aluksne/indicators.yaml",
            "progs/cesis/monitoring.yaml",
            "progs/ogre/plan.yaml"
        ]
    );
    out.assert_codes(&["percent-out-of-range", "number-gap", "unknown-id"]);
}

#[test]
fn nested_folders_and_several_paths_are_discovered_once() {
    let fx = three_programmes();
    for part in PARTS {
        fx.write_root(
            &format!("more/region/kurzeme/liepaja/{part}.yaml"),
            common::valid_text(part),
        );
    }
    let out = fx.run(&["check", "progs", "more", "progs/ogre", "--format", "json"]);
    assert_eq!(out.json.as_ref().unwrap()["programmes"], 4, "{}", out.pretty());
    assert_eq!(out.with_code("unknown-id").len(), 1, "{}", out.pretty());
}

#[test]
fn programmes_are_checked_independently() {
    // An id in one programme does not satisfy a reference in another.
    let fx = three_programmes();
    let out = fx.run(&["check", "progs", "--format", "json"]);
    let d = out.only("unknown-id");
    assert_eq!(d["file"], "progs/ogre/plan.yaml");
    assert!(common::help(d).contains("did you mean"), "{d}");
}
