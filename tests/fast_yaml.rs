//! The differential test of the two YAML loaders: the fast path (`pmp::load::fast`) against
//! serde-saphyr (the path every finding comes from).
//!
//! For every input the fast path either declines, or gives the same value (compared through
//! its `Debug` form, which shows every figure's printed decimals) and the same position for
//! every `Sp`, in the same order; and serde-saphyr must accept what the fast path accepts.
//! Inputs: the real programmes, the fixtures, damaged copies of the real files (bytes
//! replaced, files cut short) and edge-case scalars put in place of values; the benchmark's
//! generated programmes are compared the same way in `bench/tests/generated.rs` (the two share
//! `tests/common/loaders.rs`).
//! Last, `pmp check --format json` of both real programmes is compared byte for byte with the
//! fast path on and off.

use std::path::PathBuf;

use pmp::load::fast;
use pmp::model::{GoalsFile, Part};

mod common;
#[path = "common/loaders.rs"]
mod loaders;
use loaders::{Outcome, compare, compare_part, part_files};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn real_files() -> Vec<(Part, PathBuf, String)> {
    let mut v: Vec<_> = part_files(&root().join("programmes"))
        .into_iter()
        .chain(part_files(&root().join("tests/fixtures")))
        .chain(part_files(&root().join("examples")))
        .map(|(part, p)| {
            let text = std::fs::read_to_string(&p).unwrap();
            (part, p, text)
        })
        .collect();
    v.sort_by(|a, b| a.1.cmp(&b.1));
    v
}

#[test]
fn real_programmes_and_fixtures_read_the_same_and_mostly_fast() {
    let files = real_files();
    assert!(files.len() >= 20, "only {} files found", files.len());
    let mut declined = Vec::new();
    for (part, p, text) in &files {
        if let Outcome::Declined(why) = compare_part(*part, &p.display().to_string(), text) {
            declined.push(format!("{} ({why})", p.display()));
        }
    }
    // Ogre's institution registry uses anchors and aliases, which the fast path gives back;
    // every other real file is plain YAML and must take the fast path.
    for d in &declined {
        assert!(
            d.contains("ogre-2024-2027/institutions.yaml"),
            "the fast path declined {d}"
        );
    }
}

/// splitmix64: the same damage on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const DAMAGE: &[u8] = b" :-\"'#\n&*!0x{[]},.\t|>%@`?19e+_~";

#[test]
fn damaged_files_read_the_same_or_are_declined() {
    let files: Vec<_> = real_files()
        .into_iter()
        .filter(|(_, p, _)| p.to_string_lossy().contains("programmes/"))
        .collect();
    let mut rng = Rng(14);
    let (mut accepted, mut declined) = (0, 0);
    for (part, p, text) in &files {
        for round in 0..12 {
            let mut bytes = text.as_bytes().to_vec();
            let what = if round % 4 == 3 {
                let at = rng.below(bytes.len());
                bytes.truncate(at);
                format!("{} cut at byte {at}", p.display())
            } else {
                let mut spots = Vec::new();
                for _ in 0..1 + round % 3 {
                    let at = rng.below(bytes.len());
                    bytes[at] = DAMAGE[rng.below(DAMAGE.len())];
                    spots.push(at);
                }
                format!("{} with bytes {spots:?} replaced", p.display())
            };
            let Ok(damaged) = String::from_utf8(bytes) else {
                continue;
            };
            match compare_part(*part, &what, &damaged) {
                Outcome::Accepted => accepted += 1,
                Outcome::Declined(_) => declined += 1,
            }
        }
    }
    // Both happen: most single-byte damage in prose is still valid, much of it is not.
    assert!(
        accepted > 20 && declined > 20,
        "accepted {accepted}, declined {declined}"
    );
}

/// Scalars written in every way that YAML or serde-saphyr treats specially.
const EDGE: &[&str] = &[
    "0",
    "1",
    "-1",
    "-0",
    "+1",
    "007",
    "0x1F",
    "0o17",
    "0b11",
    "1_000",
    "1e3",
    "1E-2",
    "1.",
    ".5",
    "-.5",
    "+.5",
    "0.0",
    "-0.0",
    "2.50",
    "9.30",
    "-12.25",
    "1.2.3",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "99999999999999999999.5",
    ".inf",
    "-.inf",
    ".nan",
    ".NaN",
    "inf",
    "nan",
    "infinity",
    "true",
    "false",
    "True",
    "FALSE",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "''",
    "\"\"",
    "'1'",
    "\"1.50\"",
    "'true'",
    "'null'",
    "\"-0\"",
    "2026",
    "2026-05",
    "2026-05-15",
    "\"2026-05\"",
    "2025-02-30",
    "2022./2023.",
    "1.–4. klase",
    "Kopā",
    "a: b",
    "'a: b'",
    "[1, 2]",
    "{value: 0.5, mark: vacancy}",
    "{value: 0.50, mark: n/a}",
    "{}",
    "[]",
    "!!str 1",
    "!!int 1",
    "!x y",
    "&a 1",
    "*a",
    "<<",
    "\"\\u0041\"",
    "'it''s'",
    "|\n  block",
    ">-\n  folded",
    "- x",
    "#",
    "x #c",
    "2.5 %",
    "-",
    "—",
    "universal",
    "selective",
    "indicated",
    "vacancy",
    "total",
    "\"universal\"",
    "Universal",
];

/// A byte range of a file.
type Range = (usize, usize);

/// Where a value of `text` can be replaced: the first item of each flow list (table cells,
/// where anything may go) and the value of each other `key: value` line.
fn value_spots(text: &str) -> (Vec<Range>, Vec<Range>) {
    let (mut items, mut values) = (Vec::new(), Vec::new());
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if !body.trim_start().starts_with('#') {
            if let Some(i) = body.find(": [") {
                let start = i + 3;
                if let Some(end) = body[start..].find([',', ']']) {
                    items.push((offset + start, offset + start + end));
                }
            } else if let Some(i) = body.find(": ") {
                let start = i + 2;
                if !body[start..].starts_with(['|', '>']) && start < body.len() {
                    values.push((offset + start, offset + body.len()));
                }
            }
        }
        offset += line.len();
    }
    (items, values)
}

#[test]
fn edge_case_scalars_read_the_same_or_are_declined() {
    let mut rng = Rng(41);
    let mut accepted = 0;
    let files: Vec<_> = real_files()
        .into_iter()
        .filter(|(_, p, _)| p.to_string_lossy().contains("fixtures/valid"))
        .collect();
    assert_eq!(files.len(), 9, "eight parts and a year's results");
    for (part, p, text) in &files {
        let (items, values) = value_spots(text);
        assert!(!values.is_empty(), "{}", p.display());
        for (k, edge) in EDGE.iter().enumerate() {
            let mut spots: Vec<_> = (0..3).map(|_| values[rng.below(values.len())]).collect();
            if !items.is_empty() {
                spots.extend((0..3).map(|_| items[rng.below(items.len())]));
            }
            for (s, e) in spots {
                let changed = format!("{}{edge}{}", &text[..s], &text[e..]);
                let what = format!("{} with `{edge}` (edge case {k}) at byte {s}", p.display());
                if compare_part(*part, &what, &changed) == Outcome::Accepted {
                    accepted += 1;
                }
            }
        }
    }
    assert!(accepted > 200, "only {accepted} edge cases took the fast path");
}

#[test]
fn fast_path_declines_what_it_must() {
    let base = "goals:\n  - id: g1\n    level: universal\n    title: T\n";
    assert_eq!(compare::<GoalsFile>("plain", base), Outcome::Accepted);
    for (what, text) in [
        ("a tag", base.replace("title: T", "title: !!str T")),
        ("an anchor", base.replace("title: T", "title: &t T")),
        ("a duplicate key", format!("{base}    title: U\n")),
        ("a second document", format!("{base}---\n{base}")),
        ("an empty title", base.replace("title: T", "title:")),
        ("an unknown field", format!("{base}    titel: U\n")),
        ("a syntax error", base.replace("title: T", "title: \"T")),
    ] {
        assert!(
            fast::parse::<GoalsFile>(&text).is_err(),
            "the fast path accepted {what}"
        );
    }
    let deep = format!(
        "x: {}1{}\n",
        "[".repeat(fast::MAX_DEPTH + 1),
        "]".repeat(fast::MAX_DEPTH + 1)
    );
    assert!(
        fast::parse::<serde_json::Value>(&deep).is_err(),
        "nesting past the limit"
    );
}

#[test]
fn check_output_is_byte_identical_with_the_fast_path_on_and_off() {
    use pmp::check;
    use pmp::config::Config;
    use pmp::diag::{self, Format, Report};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    // Besides the real programmes and the demonstration, the valid fixture with a vertical tab
    // written as an escape: the string checks after a parse must run on either path.
    let tmp = tempfile::tempdir().unwrap();
    let pasted = tmp.path().join("pasted");
    common::copy_tree(&root().join("tests/fixtures/valid"), &pasted);
    let goals = std::fs::read_to_string(pasted.join("goals.yaml")).unwrap();
    let line = "title: Visi izglītojamie saņem karjeras atbalstu";
    assert!(goals.contains(line), "the fixture's goal title moved");
    let goals = goals.replace(line, r#"title: "Visi\v izglītojamie saņem karjeras atbalstu""#);
    std::fs::write(pasted.join("goals.yaml"), goals).unwrap();
    let programmes = [
        root().join("programmes/jelgava-2024-2028"),
        root().join("programmes/ogre-2024-2027"),
        root().join("examples/demo-novads"),
        pasted,
    ];
    let run = |on: bool| {
        fast::set_enabled(on);
        let mut outs = Vec::new();
        for prog in &programmes {
            let dirs = pmp::load::discover(std::slice::from_ref(prog)).unwrap();
            let checked = check::pipeline::run(&dirs, today, &Config::default());
            let report = Report {
                sources: &checked.sources,
                programmes: checked.programmes,
                files: checked.files,
                diagnostics: &checked.diagnostics,
            };
            outs.push(diag::render(&report, Format::Json, false));
        }
        fast::set_enabled(true);
        outs
    };
    let slow = run(false);
    let fast = run(true);
    assert!(slow[0].contains("total-mismatch"));
    assert!(slow[3].contains("control-character"), "{}", slow[3]);
    assert_eq!(slow, fast);
}
