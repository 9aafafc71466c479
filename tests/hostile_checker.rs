//! Checker integrity under hostile input (issue 26): only a real YAML comment suppresses a
//! finding, and a file that cannot be read or parsed is never silenced, by `pmp.toml` or by a
//! comment.

mod common;

use common::{DIR, Fixture};

/// Every rule code, as `src/diag/codes.rs` registers them.
fn all_codes() -> Vec<String> {
    let text = include_str!("../src/diag/codes.rs");
    text.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let (_, rest) = l.split_once(" = \"")?;
            l.chars().next()?.is_ascii_uppercase().then_some(())?;
            Some(rest.split('"').next()?.to_string())
        })
        .collect()
}

const ROW: &str = "{cells: [Ausmas pamatskola, 40, 35, 75, 46.7], group: pamat}";

/// The valid fixture with `row` in place of [`ROW`], checked: its report and the row's line.
fn with_row(row: &str) -> (common::Output, u64) {
    let fx = Fixture::valid().patch("situation", ROW, row);
    let line = fx.pos("situation", "Ausmas").0;
    (fx.check(), line)
}

#[test]
fn a_suppression_inside_a_quoted_string_does_not_suppress() {
    // The reproduction: the comment marker is the text of a cell; then the same in a
    // single-quoted string.
    for (k, row) in [
        "{cells: [\"Ausmas # pmp: allow total-mismatch -- x\", 40, 35, 76, 46.7], group: pamat}",
        "{cells: ['Ausmas # pmp: allow total-mismatch -- x', 40, 35, 76, 46.7], group: pamat}",
    ]
    .into_iter()
    .enumerate()
    {
        let (out, line) = with_row(row);
        if k == 0 {
            assert_eq!(out.code, 1, "{}", out.pretty());
        }
        assert!(
            out.with_code("total-mismatch").iter().any(|d| d["line"] == line),
            "{}",
            out.pretty()
        );
    }
    // A real comment on the line still suppresses.
    let (out, line) = with_row(
        "{cells: [Ausmas pamatskola, 40, 35, 76, 46.7], group: pamat} # pmp: allow total-mismatch percent-mismatch -- x",
    );
    assert!(
        out.diagnostics().iter().all(|d| d["line"] != line),
        "{}",
        out.pretty()
    );
    out.assert_no("unused-suppression");
}

#[test]
fn a_comment_marker_in_a_block_scalar_does_not_suppress() {
    let fx = Fixture::valid().patch(
        "situation",
        "body: Novadā ir divas pamatskolas un viena vidusskola.",
        "body: |\n      Teksts [](#tab:nav-tadas) # pmp: allow unknown-reference -- x",
    );
    let out = fx.check();
    assert_eq!(out.code, 1, "{}", out.pretty());
    assert_eq!(out.with_code("unknown-reference").len(), 1, "{}", out.pretty());
}

#[test]
fn pmp_toml_cannot_silence_a_file_that_does_not_parse() {
    let fx = Fixture::valid();
    fx.write("goals.yaml", "goals: [\n  - id: g1\n");
    // Every rule off: refused, naming a rule that cannot be turned off.
    let every: String = all_codes().iter().map(|c| format!("{c} = \"off\"\n")).collect();
    assert!(every.contains("yaml-syntax"), "{every}");
    fx.write_root("pmp.toml", format!("[rules]\n{every}"));
    let out = fx.check();
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("cannot be changed"), "{}", out.stderr);
    // Every other rule off: the broken file is still an error.
    let others: String = all_codes()
        .iter()
        .filter(|c| {
            ![
                "yaml-syntax",
                "duplicate-key",
                "input-limit",
                "not-utf8",
                "binary-file",
                "not-a-file",
                "csv-invalid",
            ]
            .contains(&c.as_str())
        })
        .map(|c| format!("{c} = \"off\"\n"))
        .collect();
    fx.write_root("pmp.toml", format!("[rules]\n{others}"));
    let out = fx.check();
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.codes(), ["yaml-syntax"], "{}", out.pretty());
    // Nor does a comment silence it.
    fx.write(
        "goals.yaml",
        "# pmp: allow yaml-syntax -- x\ngoals: [ # pmp: allow yaml-syntax -- x\n",
    );
    let out = fx.check();
    assert_eq!(out.code, 1, "{}", out.pretty());
    assert!(
        out.codes().contains(&"yaml-syntax".to_string()),
        "{}",
        out.pretty()
    );
    let _ = DIR;
}

#[test]
fn thousands_of_unknown_institutions_against_a_large_registry_are_quick() {
    // 5,000 institutions (15,000 spellings with ids and short forms) and 3,000 names the
    // registry lacks, of the same words: every search for a suggestion would go through the
    // whole registry (about 7 s per 1,000 names in a release build before the bound).
    let words = [
        "Izglītības",
        "pārvalde",
        "Sociālais",
        "dienests",
        "pamatskola",
        "vidusskola",
        "novada",
        "pašvaldība",
        "centrs",
        "bāriņtiesa",
        "policija",
        "biedrība",
        "klubs",
        "skola",
        "nodaļa",
    ];
    let name = |i: usize| {
        format!(
            "{} {} {} {i}",
            words[i % 15],
            words[(i / 15) % 15],
            words[(i / 225) % 15]
        )
    };
    let fx = Fixture::valid();
    let text = fx.text("institutions");
    let extra: String = (0..5000)
        .map(|i| {
            format!(
                "  - id: x{i}\n    name: {}\n    short: [X{i}]\n    kind: other\n",
                name(i)
            )
        })
        .collect();
    fx.write(
        "institutions.yaml",
        text.replacen("institutions:\n", &format!("institutions:\n{extra}"), 1),
    );
    // The first unknown name is a typo of a registered one: it still gets its suggestion.
    let mut unknown = vec![format!("\"{}\"", name(7).replace("Izgl", "Izgk"))];
    unknown.extend((0..2999).map(|i| format!("\"Nezināma {}\"", name(100_000 + i * 7))));
    let fx = fx.patch(
        "plan",
        "responsible: [IP]",
        &format!("responsible: [{}]", unknown.join(", ")),
    );
    let out = fx.check();
    assert!(
        out.elapsed < std::time::Duration::from_secs(40),
        "took {:?}",
        out.elapsed
    );
    let found = out.with_code("unknown-institution");
    assert_eq!(found.len(), 3000, "{}", out.codes().len());
    assert!(
        common::help(found[0]).contains(&name(7)),
        "{}",
        common::help(found[0])
    );
}

#[test]
fn funding_too_large_to_add_up_is_reported() {
    let fx = Fixture::valid();
    let path = fx.path(common::RESULTS);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("eur: 1850}", "eur: 1.7e308}", 1)
        .replacen("eur: 3200.50}", "eur: 1.7e308}", 1);
    std::fs::write(&path, text).unwrap();
    let out = fx.check();
    assert_eq!(out.code, 1, "{}", out.pretty());
    let found = out.with_code("invalid-value");
    assert_eq!(found.len(), 2, "{}", out.pretty());
    for d in found {
        assert_eq!(d["file"], "demo/results/2025.yaml", "{d}");
        assert!(d["path"].as_str().unwrap().ends_with(".eur"), "{d}");
    }
    // Without the findings, `report` would have added them up to „inf EUR”.
    let report = fx.run(&["report", DIR, "--year", "2025", "--out", "out"]);
    assert_eq!(report.code, 1, "{}", report.stderr);
}

#[cfg(unix)]
#[test]
fn a_results_file_that_is_not_a_file_is_reported() {
    let fx = Fixture::valid();
    std::fs::create_dir(fx.path("results/2026.yaml")).unwrap();
    std::os::unix::fs::symlink("nowhere", fx.path("results/2027.yaml")).unwrap();
    let fifo = fx.path("results/2028.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let out = fx.check();
    assert!(
        out.elapsed < std::time::Duration::from_secs(10),
        "took {:?}",
        out.elapsed
    );
    assert_eq!(out.code, 1, "{}", out.pretty());
    let mut files: Vec<String> = out
        .with_code("not-a-file")
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    files.sort();
    let mut want = vec!["demo/results/2026.yaml", "demo/results/2027.yaml"];
    if made.is_ok_and(|s| s.success()) {
        want.push("demo/results/2028.yaml");
    }
    assert_eq!(files, want, "{}", out.pretty());
    out.assert_no("input-limit");
}

#[cfg(unix)]
#[test]
fn a_pmp_toml_that_is_not_a_file_is_reported_not_skipped() {
    let fx = Fixture::valid();
    fx.write("goals.yaml", "goals: [\n");
    std::os::unix::fs::symlink("/dev/zero", fx.root().join("pmp.toml")).unwrap();
    let out = fx.check();
    assert!(
        out.elapsed < std::time::Duration::from_secs(10),
        "took {:?}",
        out.elapsed
    );
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("pmp.toml"), "{}", out.stderr);
    std::fs::remove_file(fx.root().join("pmp.toml")).unwrap();
    if std::process::Command::new("mkfifo")
        .arg(fx.root().join("pmp.toml"))
        .status()
        .is_ok_and(|s| s.success())
    {
        let out = fx.check();
        assert!(
            out.elapsed < std::time::Duration::from_secs(10),
            "took {:?}",
            out.elapsed
        );
        assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("pmp.toml"), "{}", out.stderr);
    }
}
