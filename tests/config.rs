//! `pmp.toml` is found from each programme's folder upwards (not from where pmp runs), so a
//! programme gives the same findings from any folder; `--config` applies to all; `-q` prints
//! only the findings; `pmp check FILE...` checks the files' programmes and reports the
//! findings in those files (for editors and pre-commit).

mod common;

use std::path::Path;

use common::{Fixture, PARTS, RESULTS, VALID_RESULTS, run_in, valid_text};

/// The valid programme with one number gap (a warning `number-gap`), written at `rel`.
fn programme_with_a_gap(fx: &Fixture, rel: &str) {
    for part in PARTS {
        let mut text = valid_text(part).to_string();
        if part == "monitoring" {
            text = text.replacen("number: \"4.\"", "number: \"5.\"", 1);
        }
        fx.write_root(&format!("{rel}/{part}.yaml"), text);
    }
    fx.write_root(&format!("{rel}/{RESULTS}"), VALID_RESULTS);
}

fn codes(cwd: &Path, args: &[&str]) -> Vec<(String, String)> {
    let mut full = args.to_vec();
    full.extend(["--format", "json"]);
    let out = run_in(cwd, &full, &[]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    out.diagnostics()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn each_programme_uses_the_nearest_pmp_toml_above_it_from_any_folder() {
    let fx = Fixture::empty();
    programme_with_a_gap(&fx, "quiet/prog");
    programme_with_a_gap(&fx, "loud/prog");
    fx.write_root("quiet/pmp.toml", "[rules]\nnumber-gap = \"off\"\n");
    fx.write_root("loud/pmp.toml", "[rules]\nnumber-gap = \"error\"\n");
    let root = fx.root();
    let from_root = codes(root, &["check", "quiet/prog", "loud/prog"]);
    assert_eq!(
        from_root,
        [("loud/prog/monitoring.yaml".to_string(), "number-gap".to_string())],
        "{from_root:?}"
    );
    // From inside the other project, and from the programme's own folder: the same.
    let out = run_in(
        &root.join("loud"),
        &["check", "../quiet/prog", "--format", "json"],
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.pretty());
    assert!(out.diagnostics().is_empty(), "{}", out.pretty());
    let out = run_in(
        &root.join("quiet"),
        &["check", "../loud/prog", "--format", "json"],
        &[],
    );
    assert_eq!(out.code, 1, "loud's pmp.toml makes the gap an error");
    assert_eq!(out.only("number-gap")["severity"], "error");
    let out = run_in(&root.join("quiet/prog"), &["check", "--format", "json"], &[]);
    assert!(out.diagnostics().is_empty(), "{}", out.pretty());
}

#[test]
fn a_programme_with_no_pmp_toml_above_it_gets_the_defaults_whatever_the_current_folder_has() {
    let fx = Fixture::empty();
    programme_with_a_gap(&fx, "elsewhere/prog");
    fx.write_root("here/pmp.toml", "[rules]\nnumber-gap = \"off\"\n");
    let out = run_in(
        &fx.root().join("here"),
        &["check", "../elsewhere/prog", "--format", "json"],
        &[],
    );
    assert_eq!(out.only("number-gap")["severity"], "warning");
}

#[test]
fn explicit_config_applies_to_every_programme() {
    let fx = Fixture::empty();
    programme_with_a_gap(&fx, "a/prog");
    programme_with_a_gap(&fx, "b/prog");
    fx.write_root("a/pmp.toml", "[rules]\nnumber-gap = \"error\"\n");
    fx.write_root("settings.toml", "[rules]\nnumber-gap = \"off\"\n");
    let found = codes(
        fx.root(),
        &["check", "a/prog", "b/prog", "--config", "settings.toml"],
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_broken_pmp_toml_above_a_programme_is_a_failure_naming_it() {
    let fx = Fixture::empty();
    programme_with_a_gap(&fx, "a/prog");
    fx.write_root("a/pmp.toml", "[rules]\nnumber-gaps = \"off\"\n");
    let out = fx.run(&["check", "a/prog"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("pmp.toml") && out.stderr.contains("did you mean `number-gap`"),
        "{}",
        out.stderr
    );
}

#[test]
fn quiet_prints_only_the_findings() {
    let fx = Fixture::empty();
    programme_with_a_gap(&fx, "p");
    let loud = fx.run(&["check", "p", "--color", "never"]);
    let quiet = fx.run(&["check", "p", "--color", "never", "-q"]);
    assert_eq!(loud.code, quiet.code);
    assert!(loud.stdout.contains("1 programme(s), "), "{}", loud.stdout);
    assert!(quiet.stdout.contains("number-gap"), "{}", quiet.stdout);
    assert!(!quiet.stdout.contains("programme(s)"), "{}", quiet.stdout);
    assert_eq!(
        format!("{}{}", quiet.stdout, loud.stdout.lines().last().unwrap()),
        loud.stdout.trim_end()
    );
    let clean = Fixture::valid().run(&["check", "demo", "--quiet"]);
    assert_eq!(clean.code, 0);
    assert_eq!(clean.stdout, "", "nothing to say, nothing printed");
}

/// A programme with an error in plan.yaml, a warning in monitoring.yaml and, because of the
/// plan's error, a warning in goals.yaml (goal g1 has no activity).
fn three_files_with_findings(fx: &Fixture) {
    programme_with_a_gap(fx, "progs/demo");
    let plan = fx.root().join("progs/demo/plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, text.replacen("goal: g1", "goal: g9", 1)).unwrap();
}

#[test]
fn files_given_check_their_programme_and_report_only_their_findings() {
    let fx = Fixture::empty();
    three_files_with_findings(&fx);
    let all = codes(fx.root(), &["check", "progs"]);
    assert_eq!(all.len(), 3, "{all:?}");
    let plan = run_in(
        fx.root(),
        &["check", "progs/demo/plan.yaml", "--format", "json"],
        &[],
    );
    assert_eq!(plan.code, 1);
    assert_eq!(plan.codes(), ["unknown-id"], "{}", plan.pretty());
    assert_eq!(plan.diagnostics()[0]["file"], "progs/demo/plan.yaml");
    // A warning only: exit 0, and goals.yaml's warning is not this file's.
    let mon = codes(fx.root(), &["check", "progs/demo/monitoring.yaml"]);
    assert_eq!(
        mon,
        [("progs/demo/monitoring.yaml".to_string(), "number-gap".to_string())]
    );
    let two = codes(
        fx.root(),
        &["check", "progs/demo/monitoring.yaml", "progs/demo/goals.yaml"],
    );
    assert_eq!(two.len(), 2, "{two:?}");
    // From inside the programme folder, by bare name.
    let inside = run_in(
        &fx.root().join("progs/demo"),
        &["check", "plan.yaml", "--format", "json"],
        &[],
    );
    assert_eq!(inside.codes(), ["unknown-id"], "{}", inside.pretty());
    // A folder given as well is reported whole.
    let both = codes(fx.root(), &["check", "progs", "progs/demo/plan.yaml"]);
    assert_eq!(both, all);
}

#[test]
fn a_file_in_no_programme_is_a_failure() {
    let fx = Fixture::empty();
    fx.write_root("notes/readme.yaml", "a: 1\n");
    let out = fx.run(&["check", "notes/readme.yaml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("notes/readme.yaml: not in a programme folder"),
        "{}",
        out.stderr
    );
}
