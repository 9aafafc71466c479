//! Hostile and broken input: every case ends in a clear finding that names file, line and
//! column (exit 1), or a tool failure (exit 2), quickly and without a panic. The runner in
//! `common` already fails any run whose stderr mentions a panic.

mod common;

use std::time::Duration;

use common::{Fixture, Output, assert_at, help};

const GOALS: &str = "demo/goals.yaml";
const HEADER: &str = "# yaml-language-server: $schema=../../schemas/goals.schema.json\n";

/// Generous bound for one run on hostile input (a debug build, a loaded CI machine).
const QUICK: Duration = Duration::from_secs(10);

/// The valid programme with goals.yaml replaced by `bytes`; checks it and asserts the run was
/// quick and reported exactly one finding, which it returns with the output.
fn goals_file(bytes: impl AsRef<[u8]>) -> (Fixture, Output) {
    let fx = Fixture::valid();
    fx.write("goals.yaml", bytes);
    let out = fx.check();
    assert!(out.elapsed < QUICK, "took {:?}", out.elapsed);
    assert_eq!(out.code, 1, "{}", out.pretty());
    assert_eq!(
        out.diagnostics().len(),
        1,
        "expected one finding:\n{}",
        out.pretty()
    );
    (fx, out)
}

fn only_finding(out: &Output) -> &serde_json::Value {
    &out.diagnostics()[0]
}

#[test]
fn malformed_indentation() {
    let (_, out) = goals_file(format!("{HEADER}goals:\n  - id: g1\n   level: universal\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax");
    assert_at(d, GOALS, (4, 4));
}

/// Syntax and limit findings carry a help line when the typed parse meets the problem first,
/// but not when only the second (schema-walk) parse does.
#[test]
fn syntax_findings_always_have_help() {
    let (_, out) = goals_file(format!("{HEADER}goals:\n  - id: g1\n   level: universal\n"));
    // The line out of line is named with the line it should line up with.
    let d = only_finding(&out);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("line 4 (`level`) is indented 3 spaces, but line 3 (`id`)"),
        "{}",
        out.pretty()
    );
    assert!(help(d).contains("column"), "{}", out.pretty());
    let (_, out) = goals_file(format!("{HEADER}goals: {}{}\n", "[".repeat(100), "]".repeat(100)));
    assert!(help(only_finding(&out)).contains("hostile"), "{}", out.pretty());
}

#[test]
fn syntax_finding_found_by_the_typed_parse_has_help() {
    let (_, out) = goals_file(format!("{HEADER}goals: [\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax");
    assert!(help(d).contains("spaces only"), "{d}");
}

#[test]
fn tab_in_indentation() {
    let (_, out) = goals_file(format!("{HEADER}goals:\n\t- id: g1\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax");
    assert!(d["message"].as_str().unwrap().contains("tab"), "{d}");
    // The tab is the first character of line 3; the parser reports the position right after it.
    assert_eq!(d["line"], 3);
    assert!(d["column"] == 1 || d["column"] == 2, "{d}");
}

#[test]
fn tab_inside_a_plain_scalar_line() {
    let (_, out) = goals_file(format!("{HEADER}goals:\n  - id: g1\n\tlevel: universal\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax");
    assert!(d["message"].as_str().unwrap().contains("tab"), "{d}");
    // The parser reports where the scalar the tab interrupts starts (`g1`, line 3) or the tab.
    let line = d["line"].as_u64().unwrap();
    assert!(line == 3 || line == 4, "{d}");
}

#[test]
fn unclosed_quote_in_flow() {
    let text = format!("{HEADER}goals:\n  - {{id: \"g1, level: universal, title: x}}\n");
    let (fx, out) = goals_file(&text);
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax");
    assert_eq!(d["message"], "unclosed quote");
    assert_at(d, GOALS, fx.pos("goals", "\"g1"));
}

#[test]
fn unclosed_quote_in_block() {
    let (_, out) = goals_file(format!(
        "{HEADER}goals:\n  - id: g1\n    title: \"unclosed\n    level: universal\n"
    ));
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax");
    // The quote opens on line 4; the parser notices on line 5, where the scalar's indentation breaks.
    assert_at(d, GOALS, (5, 5));
}

#[test]
fn unclosed_quote_at_end_of_file_points_at_the_quote() {
    let text = format!("{HEADER}intro: \"unclosed\n");
    let (fx, out) = goals_file(&text);
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax");
    assert_at(d, GOALS, fx.pos("goals", "\"unclosed"));
}

#[test]
fn duplicate_keys() {
    let (_, out) = goals_file(format!("{HEADER}intro: x\nintro: y\ngoals: []\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "duplicate-key");
    assert_at(d, GOALS, (3, 1));
    assert!(d["message"].as_str().unwrap().contains("intro"), "{d}");
    assert_eq!(help(d), "remove or rename one of the two keys");
}

#[test]
fn duplicate_keys_nested() {
    let fx = Fixture::valid().patch("plan", "    goal: g2\n", "    goal: g2\n    goal: g1\n");
    let out = fx.check();
    out.assert_codes(&["duplicate-key"]);
    assert_at(
        out.only("duplicate-key"),
        "demo/plan.yaml",
        fx.pos_nth("plan", "goal: g1\n", 1),
    );
}

#[test]
fn alias_bomb() {
    let mut text = String::from(HEADER);
    text.push_str("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 1..10u8 {
        let (prev, cur) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
    }
    text.push_str("goals: *j\n");
    let (_, out) = goals_file(&text);
    let d = only_finding(&out);
    assert_eq!(d["code"], "input-limit");
    assert_eq!(d["file"], GOALS);
    // Somewhere in the anchors' lines (2-11), not at an unknown position.
    let line = d["line"].as_u64().unwrap();
    assert!((2..=12).contains(&line), "{d}");
    assert!(d["column"].as_u64().unwrap() >= 1);
}

#[test]
fn alias_bomb_in_a_typed_field() {
    // The same bomb where the typed parse meets it inside a field it knows.
    let mut text = String::from(HEADER);
    text.push_str("goals:\n  - id: g1\n    level: universal\n    title: x\n    results: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    text.push_str("intro: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n");
    for i in 2..10u8 {
        let (prev, cur) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("x{cur}: &{cur} [{refs}]\n"));
    }
    let fx = Fixture::valid();
    fx.write("goals.yaml", &text);
    let out = fx.check();
    assert!(out.elapsed < QUICK, "took {:?}", out.elapsed);
    assert_eq!(out.code, 1);
    let limits = out.with_code("input-limit");
    assert!(
        !limits.is_empty() || !out.with_code("wrong-type").is_empty(),
        "{}",
        out.pretty()
    );
    assert!(
        out.diagnostics().iter().all(|d| d["file"] == GOALS),
        "{}",
        out.pretty()
    );
}

#[test]
fn deeply_nested_flow_sequences() {
    let text = format!("{HEADER}goals: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let (_, out) = goals_file(&text);
    let d = only_finding(&out);
    assert_eq!(d["code"], "input-limit");
    assert_eq!(d["file"], GOALS);
    assert_eq!(d["line"], 2);
    // Within the brackets, not past them: the limit trips on the way down.
    let col = d["column"].as_u64().unwrap();
    assert!((8..=10_007).contains(&col), "{d}");
}

#[test]
fn unclosed_deep_flow_sequences() {
    let text = format!("{HEADER}goals: {}\n", "[".repeat(10_000));
    let (_, out) = goals_file(&text);
    let d = only_finding(&out);
    assert!(d["code"] == "input-limit" || d["code"] == "yaml-syntax", "{d}");
    assert_eq!(d["line"], 2);
}

#[test]
fn deeply_nested_flow_mappings() {
    let text = format!(
        "{HEADER}goals: {}1{}\n",
        "{a: ".repeat(100_000),
        "}".repeat(100_000)
    );
    assert!(text.len() > 450_000);
    let (_, out) = goals_file(&text);
    let d = only_finding(&out);
    assert_eq!(d["code"], "input-limit");
    assert_eq!(d["line"], 2);
    let col = d["column"].as_u64().unwrap();
    assert!((8..=400_007).contains(&col), "{d}");
}

#[test]
fn deeply_nested_block_mappings() {
    let mut text = String::from(HEADER);
    for depth in 0..200 {
        text.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
    }
    let (_, out) = goals_file(&text);
    let d = only_finding(&out);
    assert_eq!(d["code"], "input-limit");
    assert_eq!(d["file"], GOALS);
}

#[test]
fn hundred_megabyte_scalar_is_refused_before_parsing() {
    let fx = Fixture::valid();
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(fx.path("goals.yaml")).unwrap());
        f.write_all(HEADER.as_bytes()).unwrap();
        f.write_all(b"intro: ").unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\n").unwrap();
    }
    let out = fx.check();
    assert!(out.elapsed < QUICK, "took {:?}", out.elapsed);
    assert_eq!(out.code, 1);
    out.assert_codes(&["input-limit"]);
    let d = out.only("input-limit");
    assert_at(d, GOALS, (1, 1));
    assert!(
        d["message"].as_str().unwrap().contains("larger than 8 MiB"),
        "{d}"
    );
}

#[test]
fn just_under_the_size_limit_is_read() {
    // 7 MiB of plain text in a known field is fine: no input-limit, the rules run.
    let text = format!(
        "{HEADER}intro: {}\n{}",
        "x".repeat(7 << 20),
        common::valid_text("goals").split_once('\n').unwrap().1
    );
    let fx = Fixture::valid();
    fx.write("goals.yaml", &text);
    let out = fx.check();
    assert!(out.elapsed < QUICK, "took {:?}", out.elapsed);
    out.assert_codes(&[]);
}

#[test]
fn invalid_utf8_names_the_bad_byte() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"goals:\n  - id: g\xc3\xa9\xff1\n");
    let (_, out) = goals_file(bytes);
    let d = only_finding(&out);
    assert_eq!(d["code"], "not-utf8");
    // Line 3 `  - id: gé<ff>`: the bad byte follows 10 characters (é counts once).
    assert_at(d, GOALS, (3, 11));
    assert!(d["message"].as_str().unwrap().contains("0xff"), "{d}");
}

#[test]
fn latin1_file_is_not_utf8() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"intro: Izgl\xeet\xeebas\ngoals: []\n");
    let (_, out) = goals_file(bytes);
    let d = only_finding(&out);
    assert_eq!(d["code"], "not-utf8");
    assert_at(d, GOALS, (2, 12));
}

#[test]
fn binary_file_with_nul_bytes() {
    let (_, out) = goals_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    let d = only_finding(&out);
    assert_eq!(d["code"], "binary-file");
    assert_at(d, GOALS, (3, 1));
}

#[test]
fn nul_byte_in_text() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"goals:\n  - id: g1\x00\n");
    let (_, out) = goals_file(bytes);
    let d = only_finding(&out);
    assert_eq!(d["code"], "binary-file");
    assert_at(d, GOALS, (3, 11));
}

#[test]
fn nul_byte_after_8_kib() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(format!("# {}\n", "x".repeat(9000)).as_bytes());
    bytes.extend_from_slice(b"goals:\n  - id: g1\x00\n");
    let (_, out) = goals_file(bytes);
    let d = only_finding(&out);
    assert!(d["code"] == "binary-file" || d["code"] == "yaml-syntax", "{d}");
    assert_at(d, GOALS, (4, 11));
}

/// YAML syntax errors the parser words differently from the ones `syntax_code` knows.
#[test]
fn every_syntax_error_is_yaml_syntax() {
    for (text, line, col) in [
        ("intro: @x\ngoals: []\n", 2, 8),
        ("intro: `x\ngoals: []\n", 2, 8),
        ("goals: ]\n", 2, 8),
        ("goals: }\n", 2, 8),
        ("intro: *nowhere\ngoals: []\n", 2, 8),
    ] {
        let (_, out) = goals_file(format!("{HEADER}{text}"));
        let d = only_finding(&out);
        assert_eq!(d["code"], "yaml-syntax", "for {text:?}: {d}");
        assert_at(d, GOALS, (line, col));
    }
}

/// The same inputs, as they behave today: one error at the right place, exit 1, no panic.
#[test]
fn odd_syntax_errors_are_still_located() {
    for (text, line, col) in [
        ("intro: @x\ngoals: []\n", 2, 8),
        ("intro: `x\ngoals: []\n", 2, 8),
        ("goals: ]\n", 2, 8),
        ("goals: }\n", 2, 8),
        ("intro: *nowhere\ngoals: []\n", 2, 8),
    ] {
        let (_, out) = goals_file(format!("{HEADER}{text}"));
        let d = only_finding(&out);
        assert_eq!(d["severity"], "error", "{d}");
        assert_at(d, GOALS, (line, col));
    }
}

#[test]
fn two_documents_in_one_file() {
    let (_, out) = goals_file(format!("{HEADER}goals: []\n---\ngoals: []\n"));
    let d = only_finding(&out);
    assert!(d["code"] == "input-limit" || d["code"] == "yaml-syntax", "{d}");
    assert_at(d, GOALS, (3, 1));
}

#[test]
fn empty_file() {
    let (_, out) = goals_file("");
    let d = only_finding(&out);
    assert_eq!(d["code"], "empty-file");
    assert_at(d, GOALS, (1, 1));
    assert_eq!(d["message"], "goals.yaml is empty");
}

#[test]
fn comments_only_file() {
    let (_, out) = goals_file(format!("{HEADER}# nothing yet\n\n   # indented comment\n---\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "empty-file");
    assert_at(d, GOALS, (1, 1));
}

#[test]
fn empty_mapping_lacks_required_fields() {
    let fx = Fixture::valid();
    fx.write(
        "programme.yaml",
        "# yaml-language-server: $schema=../../schemas/programme.schema.json\n{}\n",
    );
    let out = fx.check();
    let missing: Vec<&str> = out
        .with_code("missing-field")
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        missing.contains(&"missing field `id` in the file"),
        "{}",
        out.pretty()
    );
    assert!(
        missing.contains(&"missing field `period` in the file"),
        "{}",
        out.pretty()
    );
    assert_eq!(missing.len(), 5, "{}", out.pretty());
    for d in out.with_code("missing-field") {
        assert_at(d, "demo/programme.yaml", (2, 1));
    }
}

#[test]
fn top_level_list_is_not_a_mapping() {
    let (_, out) = goals_file(format!("{HEADER}- id: g1\n- id: g2\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "not-a-mapping");
    assert_at(d, GOALS, (2, 1));
    assert_eq!(d["message"], "the top level must be a mapping, found a list");
}

#[test]
fn top_level_scalar_is_not_a_mapping() {
    let (_, out) = goals_file(format!("{HEADER}just some words\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "not-a-mapping");
    assert_at(d, GOALS, (2, 1));
    assert_eq!(d["message"], "the top level must be a mapping, found text");
}

#[test]
fn top_level_number_is_not_a_mapping() {
    let (_, out) = goals_file(format!("{HEADER}42\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "not-a-mapping");
    assert_at(d, GOALS, (2, 1));
}

// ---------------------------------------------------------------- CSV references

/// The valid programme with one extra table reading its rows from `rows_csv`.
fn csv_table(rows_csv: &str) -> Fixture {
    let fx = Fixture::valid();
    let table = format!(
        "      - id: t-x
        caption: Ārējā tabula
        columns:
          - {{id: a, label: A}}
          - {{id: b, label: B}}
        rows_csv: {rows_csv}
"
    );
    let text = fx.text("situation");
    fx.with("situation", &format!("{text}{table}"))
}

fn assert_outside(fx: &Fixture, needle: &str, message: &str) {
    let out = fx.check();
    assert_eq!(out.code, 1);
    out.assert_codes(&["path-outside-programme"]);
    let d = out.only("path-outside-programme");
    assert_at(d, "demo/situation.yaml", fx.pos("situation", needle));
    assert_eq!(d["path"], "sections[0].tables[2].rows_csv");
    assert_eq!(d["message"], message);
    assert!(help(d).contains("relative"), "{d}");
}

#[test]
fn csv_path_with_parent_dir() {
    let fx = csv_table("../x.csv");
    fx.write_root("x.csv", "a,b\n1,2\n");
    assert_outside(&fx, "../x.csv", "`../x.csv` leaves the programme folder");
}

#[test]
fn csv_path_climbing_through_a_subfolder() {
    let fx = csv_table("sub/../../x.csv");
    fx.write_root("x.csv", "a,b\n1,2\n");
    assert_outside(
        &fx,
        "sub/../../x.csv",
        "`sub/../../x.csv` leaves the programme folder",
    );
}

#[test]
fn csv_absolute_path() {
    let fx = Fixture::empty();
    let abs = fx.root().join("x.csv");
    std::fs::write(&abs, "a,b\n1,2\n").unwrap();
    drop(fx);
    let abs = abs.to_string_lossy().into_owned();
    let fx = csv_table(&abs);
    assert_outside(&fx, &abs, &format!("`{abs}` leaves the programme folder"));
}

#[cfg(unix)]
#[test]
fn csv_symlink_pointing_outside() {
    let fx = csv_table("link.csv");
    fx.write_root("secret.csv", "a,b\n1,2\n");
    std::os::unix::fs::symlink(fx.root().join("secret.csv"), fx.path("link.csv")).unwrap();
    assert_outside(
        &fx,
        "link.csv",
        "`link.csv` resolves outside the programme folder",
    );
}

#[cfg(unix)]
#[test]
fn csv_symlink_inside_is_fine() {
    let fx = csv_table("link.csv");
    fx.write("data.csv", "a,b\n1,2\n");
    std::os::unix::fs::symlink(fx.path("data.csv"), fx.path("link.csv")).unwrap();
    fx.check().assert_codes(&[]);
}

#[test]
fn csv_in_a_subfolder_is_fine() {
    let fx = csv_table("data/x.csv");
    fx.write_root("demo/data/x.csv", "a,b\n1,2\n");
    fx.check().assert_codes(&[]);
}

#[test]
fn csv_with_unclosed_quote() {
    let fx = csv_table("x.csv");
    fx.write("x.csv", "a,b\n1,\"open\n");
    let out = fx.check();
    out.assert_codes(&["csv-invalid"]);
    assert_at(out.only("csv-invalid"), "demo/x.csv", (2, 3));
}

#[test]
fn binary_csv() {
    let fx = csv_table("x.csv");
    fx.write("x.csv", b"a,b\n\x00\x01\x02");
    let out = fx.check();
    out.assert_codes(&["binary-file"]);
    assert_at(out.only("binary-file"), "demo/x.csv", (2, 1));
}

#[test]
fn control_character_in_a_csv_cell() {
    // A vertical tab pasted into a cell: reported at its own line and column, rows still read.
    let fx = csv_table("x.csv");
    fx.write("x.csv", "a,b\n1,2\nx\u{0B}y,3\n");
    let out = fx.check();
    out.assert_codes(&["control-character"]);
    let d = out.only("control-character");
    assert_at(d, "demo/x.csv", (3, 2));
    assert_eq!(d["path"], "sections[0].tables[2].rows_csv");
    assert!(d["message"].as_str().unwrap().contains("U+000B"), "{d}");
}

// ---------------------------------------------------------------- missing things

#[test]
fn missing_required_file() {
    let fx = Fixture::valid().without("plan");
    let out = fx.check();
    assert_eq!(out.code, 1);
    // Without a plan, goals have no activities to check against: only the missing file.
    out.assert_codes(&["missing-file"]);
    let d = out.only("missing-file");
    assert_at(d, "demo/plan.yaml", (1, 1));
    assert_eq!(d["message"], "the programme has no plan.yaml");
    assert!(help(d).contains("pmp init"), "{d}");
}

#[test]
fn every_required_part_is_reported_missing() {
    let fx = Fixture::empty();
    fx.write_root("demo/programme.yaml", common::valid_text("programme"));
    let out = fx.check();
    assert_eq!(out.code, 1);
    let files: Vec<&str> = out
        .with_code("missing-file")
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "demo/goals.yaml",
            "demo/indicators.yaml",
            "demo/institutions.yaml",
            "demo/monitoring.yaml",
            "demo/plan.yaml"
        ]
    );
}

#[test]
fn zero_programmes_found_is_a_failure() {
    let fx = Fixture::empty();
    fx.write_root("notes/readme.txt", "nothing here");
    let out = fx.run(&["check", "notes"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains("no programme found in notes"),
        "{}",
        out.stderr
    );
}

#[test]
fn nonexistent_path_is_a_failure() {
    let fx = Fixture::valid();
    let out = fx.run(&["check", "demo", "no-such-folder"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains("no-such-folder: no such file or folder"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_outside_any_programme_is_a_failure() {
    // A file of a programme checks that programme (tests/config.rs); one in no programme
    // folder is refused.
    let fx = Fixture::valid();
    fx.write_root("notes.yaml", "a: 1\n");
    let out = fx.run(&["check", "notes.yaml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not in a programme folder"), "{}", out.stderr);
}

#[test]
fn bad_pmp_today_is_a_failure() {
    let fx = Fixture::valid();
    let out = fx.run_env(&["check", "demo"], &[("PMP_TODAY", "yesterday")]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("PMP_TODAY"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_part_is_reported_not_panicked() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::valid();
    std::fs::set_permissions(fx.path("goals.yaml"), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(fx.path("goals.yaml")).is_ok() {
        return; // running as root: permissions do not apply
    }
    let out = fx.check();
    assert_eq!(out.code, 1);
    let d = &out.diagnostics()[0];
    assert_at(d, GOALS, (1, 1));
    assert!(d["message"].as_str().unwrap().contains("cannot be read"), "{d}");
}

#[test]
fn broken_part_does_not_stop_the_others() {
    // goals.yaml is broken; plan.yaml's own problem is still found.
    let fx = Fixture::valid().patch("plan", "years: [2026, 2027]", "years: [2026, 2031]");
    fx.write("goals.yaml", format!("{HEADER}goals: [\n"));
    let out = fx.check();
    out.assert_codes(&["yaml-syntax", "year-outside-period"]);
}

// ---------------------------------------------------------------- smaller fixes, pinned

/// A tab is reported at the tab itself (1-based, in characters), whatever the parser calls
/// the problem and wherever it noticed it.
#[test]
fn tab_is_reported_at_its_own_column() {
    for text in [
        // after four spaces of indentation
        "goals:\n  - id: g1\n    level: universal\n    \ttitle: x\n",
        // after a character of two bytes on the line before
        "goals:\n  - id: ģ1\n \t   level: universal\n",
        // at the start of a line the parser reads as a block scalar's end
        "intro: |\n  ā\n\tā\ngoals: []\n",
        // at the start of a line a plain scalar would continue on
        "goals:\n  - id: g1\n\tlevel: universal\n",
    ] {
        let fx = Fixture::valid();
        fx.write("goals.yaml", format!("{HEADER}{text}"));
        let out = fx.check();
        assert_eq!(out.diagnostics().len(), 1, "{text:?}: {}", out.pretty());
        let d = only_finding(&out);
        assert_eq!(d["code"], "yaml-syntax", "{text:?}: {d}");
        assert!(d["message"].as_str().unwrap().contains("tab"), "{d}");
        assert_at(d, GOALS, fx.pos("goals", "\t"));
        assert!(help(d).contains("spaces"), "{d}");
    }
}

#[test]
fn two_documents_say_the_file_holds_one() {
    let (_, out) = goals_file(format!("{HEADER}goals: []\n---\ngoals: []\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax");
    assert_at(d, GOALS, (3, 1));
    assert!(
        d["message"].as_str().unwrap().contains("must hold one document"),
        "{d}"
    );
    assert!(help(d).contains("---"), "{d}");
}

#[test]
fn unsupported_yaml_version_is_yaml_syntax() {
    let (_, out) = goals_file(format!("{HEADER}%YAML 9.9\n---\ngoals: []\n"));
    let d = only_finding(&out);
    assert_eq!(d["code"], "yaml-syntax", "{d}");
    assert_at(d, GOALS, (2, 1));
    assert!(help(d).contains("%YAML"), "{d}");
}

#[test]
fn unclosed_quote_in_block_says_where_it_opened() {
    let (_, out) = goals_file(format!(
        "{HEADER}goals:\n  - id: g1\n    title: \"unclosed\n    level: universal\n"
    ));
    let d = only_finding(&out);
    assert!(help(d).contains("line 4, column 12"), "{d}");
}

#[test]
fn duplicate_key_has_its_path() {
    let fx = Fixture::valid().patch("plan", "    goal: g2\n", "    goal: g2\n    goal: g1\n");
    let out = fx.check();
    out.assert_codes(&["duplicate-key"]);
    assert_eq!(out.only("duplicate-key")["path"], "activities[1].goal");
}

#[test]
fn nul_byte_after_8_kib_is_a_binary_file() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(format!("# {}\n", "ā".repeat(5000)).as_bytes());
    bytes.extend_from_slice("goals:\n  - id: ģ1\x00\n".as_bytes());
    let (_, out) = goals_file(bytes);
    let d = only_finding(&out);
    assert_eq!(d["code"], "binary-file");
    // `  - id: ģ1` is 10 characters (12 bytes): the NUL is character 11.
    assert_at(d, GOALS, (4, 11));
    assert!(!help(d).is_empty(), "{d}");
}

#[test]
fn csv_findings_name_the_table() {
    let fx = csv_table("x.csv");
    fx.write("x.csv", "a,b\n1,2,3\n");
    let out = fx.check();
    out.assert_codes(&["csv-invalid"]);
    let d = out.only("csv-invalid");
    assert_at(d, "demo/x.csv", (2, 1));
    assert_eq!(d["path"], "sections[0].tables[2].rows[0]");
    assert_eq!(d["entity"]["id"], "t-x");
    assert!(help(d).contains("one field per header column"), "{d}");
    assert!(
        help(d).contains("decimal comma? CSV splits it into two fields: write `1.2`"),
        "{d}"
    );
}

#[test]
fn nul_byte_deep_in_a_csv_table_is_a_binary_file() {
    let fx = csv_table("x.csv");
    let mut bytes = b"a,b\n".to_vec();
    for i in 0..2000 {
        bytes.extend_from_slice(format!("{i},{i}\n").as_bytes());
    }
    bytes.extend_from_slice(b"1,\x002\n");
    fx.write("x.csv", bytes);
    let out = fx.check();
    out.assert_codes(&["binary-file"]);
    let d = out.only("binary-file");
    assert_at(d, "demo/x.csv", (2002, 3));
    assert!(help(d).contains("UTF-8"), "{d}");
}

#[test]
fn non_utf8_part_has_help() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"goals:\n  - id: g\xe91\n");
    let (_, out) = goals_file(bytes);
    let d = only_finding(&out);
    assert_eq!(d["code"], "not-utf8");
    assert!(help(d).contains("UTF-8"), "{d}");
}
