//! `pmp check --fix`, `--unsafe-fixes` and `--diff`: each safe fix on the file it fixes (the
//! exact text after), unsafe fixes only when asked, `--diff` writing nothing, fixes as data in
//! JSON, and the real programmes: a fix changes no value they state.

mod common;

use std::path::{Path, PathBuf};

use common::{Fixture, copy_tree, valid_text};
use serde_json::Value;

/// Runs `pmp check demo --fix` (and `extra`), asserting it ran (exit 0 or 1).
fn fix(fx: &Fixture, extra: &[&str]) -> common::Output {
    let mut args = vec!["check", "demo", "--fix"];
    args.extend_from_slice(extra);
    let out = fx.run(&args);
    assert!(out.code == 0 || out.code == 1, "{}\n{}", out.stdout, out.stderr);
    out
}

/// Breaks `part` of the valid programme with `from` -> `to`, fixes it, and asserts the file
/// reads `want` (the valid text with `want_from` -> `want_to`) and the finding is gone.
fn fixes_to(part: &str, from: &str, to: &str, want: &str, code: &str) {
    let fx = Fixture::valid().patch(part, from, to);
    let before = fx.check();
    assert!(
        !before.with_code(code).is_empty(),
        "no {code}:\n{}",
        before.pretty()
    );
    let out = fix(&fx, &[]);
    assert!(out.stderr.contains("fixed "), "{}", out.stderr);
    assert_eq!(fx.text(part), want);
    fx.check().assert_no(code);
}

#[test]
fn a_missing_schema_line_is_written() {
    let valid = valid_text("goals");
    let first = valid.lines().next().unwrap();
    fixes_to("goals", &format!("{first}\n"), "", valid, "schema-header");
}

#[test]
fn a_wrong_schema_line_is_replaced_and_comments_below_stay() {
    let valid = valid_text("goals");
    let first = valid.lines().next().unwrap();
    let fx = Fixture::valid().patch(
        "goals",
        &format!("{first}\n"),
        "# yaml-language-server: $schema=../schemas/goal.schema.json\n# kept\n",
    );
    fix(&fx, &[]);
    assert_eq!(
        fx.text("goals"),
        valid.replacen(&format!("{first}\n"), &format!("{first}\n# kept\n"), 1)
    );
}

#[test]
fn a_list_item_without_a_space_after_the_dash_gets_one() {
    // The first item of a list under its key: YAML reads text where a list belongs.
    let valid = valid_text("plan");
    fixes_to(
        "plan",
        "    funding: [pašvaldības budžets]\n    indicators: [i1]",
        "    funding:\n      -pašvaldības budžets\n    indicators: [i1]",
        &valid.replacen(
            "    funding: [pašvaldības budžets]\n    indicators: [i1]",
            "    funding:\n      - pašvaldības budžets\n    indicators: [i1]",
            1,
        ),
        "wrong-type",
    );
    // An item among items: YAML cannot parse the file at all.
    fixes_to(
        "plan",
        "    funding: [pašvaldības budžets]\n    indicators: [i1]",
        "    funding:\n      - pašvaldības budžets\n      -valsts budžets\n    indicators: [i1]",
        &valid.replacen(
            "    funding: [pašvaldības budžets]\n    indicators: [i1]",
            "    funding:\n      - pašvaldības budžets\n      - valsts budžets\n    indicators: [i1]",
            1,
        ),
        "yaml-syntax",
    );
}

#[test]
fn a_tab_in_the_indentation_becomes_the_spaces_of_its_siblings() {
    fixes_to(
        "plan",
        "    involved: [Izglītības iestādes]",
        "\tinvolved: [Izglītības iestādes]",
        valid_text("plan"),
        "yaml-syntax",
    );
}

#[test]
fn a_decimal_comma_becomes_a_point_and_the_figure_stays() {
    let valid = valid_text("indicators");
    // In a `{…}` mapping, where the comma would split the figure.
    fixes_to(
        "indicators",
        "baseline: {value: 92.5, year: 2024}",
        "baseline: {value: 92,5, year: 2024}",
        valid,
        "wrong-type",
    );
    // Quoted, with a comment after it on the line: the comment stays.
    let fx = Fixture::valid().patch(
        "indicators",
        "- {year: 2026, value: 94}",
        "- {year: 2026, value: \"94,50\"} # as printed",
    );
    fix(&fx, &[]);
    assert_eq!(
        fx.text("indicators"),
        valid.replacen(
            "- {year: 2026, value: 94}",
            "- {year: 2026, value: 94.50} # as printed",
            1
        )
    );
    // The decimals are kept: the document prints 94,50 as the source did.
    let md = fx.run(&["render", "demo", "--format", "md", "--out", "."]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    let doc = std::fs::read_dir(fx.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .expect("the Markdown document");
    assert!(doc.contains("94,50"), "the figure lost its decimals");
}

#[test]
fn an_institution_without_its_latvian_letters_gets_the_registry_spelling() {
    fixes_to(
        "plan",
        "responsible: [Izglītības pārvalde]",
        "responsible: [Izglitibas parvalde]",
        valid_text("plan"),
        "unknown-institution",
    );
    // Quoted: the quotes stay.
    let fx = Fixture::valid().patch(
        "plan",
        "responsible: [Izglītības pārvalde]",
        "responsible: [\"izglitibas-parvalde\"]",
    );
    fix(&fx, &[]);
    assert!(
        fx.text("plan").contains("responsible: [\"Izglītības pārvalde\"]"),
        "{}",
        fx.text("plan")
    );
}

#[test]
fn unsafe_fixes_wait_for_unsafe_fixes() {
    // A near spelling is a guess; `-2026` might be a negative figure; `1,500` might be a
    // thousand and a half.
    let broken = || {
        Fixture::valid()
            .patch("plan", "responsible: [Izglītības pārvalde]", "responsible: [Izglītības pārvade]")
            .patch(
                "plan",
                "    years: [2025, 2026, 2027, 2028]\n    funding: [pašvaldības budžets]\n    indicators: [i1]",
                "    years:\n      - 2025\n      -2026\n      - 2027\n      - 2028\n    funding: [pašvaldības budžets]\n    indicators: [i1]",
            )
    };
    let fx = broken();
    let before = fx.text("plan");
    let out = fix(&fx, &[]);
    assert_eq!(
        fx.text("plan"),
        before,
        "a safe-only run changed:\n{}",
        out.stderr
    );
    // The finding shows its fix is there, marked `[*]`.
    let c = fx.run(&["check", "demo", "--format", "concise"]);
    assert!(c.stdout.contains("error[yaml-syntax] [*]"), "{}", c.stdout);
    fix(&fx, &["--unsafe-fixes"]);
    let after = fx.text("plan");
    assert!(after.contains("      - 2026\n"), "{after}");
    assert!(after.contains("responsible: [Izglītības pārvalde]"), "{after}");
    let v = fx.check();
    v.assert_no("unknown-institution");
    v.assert_no("yaml-syntax");

    let fx = Fixture::valid().patch(
        "indicators",
        "baseline: {value: 92.5, year: 2024}",
        "baseline: {value: \"92,500\", year: 2024}",
    );
    fix(&fx, &[]);
    assert!(fx.text("indicators").contains("\"92,500\""));
    fix(&fx, &["--unsafe-fixes"]);
    assert!(
        fx.text("indicators").contains("value: 92.500,"),
        "{}",
        fx.text("indicators")
    );
}

#[test]
fn diff_prints_what_would_change_and_changes_nothing() {
    let fx = Fixture::valid().patch(
        "indicators",
        "baseline: {value: 92.5, year: 2024}",
        "baseline: {value: 92,5, year: 2024}",
    );
    let before = fx.text("indicators");
    let out = fx.run(&["check", "demo", "--diff"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(fx.text("indicators"), before, "--diff wrote the file");
    assert!(
        out.stdout
            .starts_with("--- demo/indicators.yaml\n+++ demo/indicators.yaml\n@@ "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "\n-    baseline: {value: 92,5, year: 2024}\n+    baseline: {value: 92.5, year: 2024}\n"
        ),
        "{}",
        out.stdout
    );
    // `patch` accepts it: the diff is a real one.
    if common::tools::which("patch") {
        let d = fx.root().join("fix.diff");
        std::fs::write(&d, &out.stdout).unwrap();
        let st = std::process::Command::new("patch")
            .args(["-p0", "-i"])
            .arg(&d)
            .current_dir(fx.root())
            .output()
            .unwrap();
        assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
        assert_eq!(fx.text("indicators"), valid_text("indicators"));
    } else {
        common::tools::skip("`patch` is not installed: the diff is not applied");
    }
    // Nothing to fix: no output, exit 0.
    let out = Fixture::valid().run(&["check", "demo", "--diff"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
}

#[test]
fn fixes_follow_select_and_leave_other_findings() {
    let valid = valid_text("goals");
    let first = valid.lines().next().unwrap();
    let fx = Fixture::valid()
        .patch("goals", &format!("{first}\n"), "")
        .patch(
            "indicators",
            "baseline: {value: 92.5, year: 2024}",
            "baseline: {value: 92,5, year: 2024}",
        )
        .patch(
            "situation",
            "{column: all, value: 200,",
            "{column: all, value: 210,",
        );
    fix(&fx, &["--select", "schema-header"]);
    assert_eq!(fx.text("goals"), valid);
    assert!(fx.text("indicators").contains("92,5"));
    fix(&fx, &[]);
    assert!(fx.text("indicators").contains("value: 92.5,"));
    // A total that does not add up has no fix: its figure is the programme's.
    assert!(fx.text("situation").contains("value: 210,"));
    fx.check().only("total-mismatch");
}

#[test]
fn json_carries_each_fix_as_edits_that_reproduce_the_fixed_file() {
    let fx = Fixture::valid()
        .patch(
            "plan",
            "responsible: [Izglītības pārvalde]",
            "responsible: [Izglitibas parvalde]",
        )
        .patch(
            "plan",
            "    involved: [Izglītības iestādes]",
            "    involved: [Izglitibas iestades]",
        );
    let out = fx.check();
    let text = fx.text("plan");
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for d in out.with_code("unknown-institution") {
        let f = &d["fix"];
        assert_eq!(f["applicability"], "safe", "{d}");
        assert!(
            f["message"].as_str().unwrap().contains("registry's spelling"),
            "{f}"
        );
        for e in f["edits"].as_array().unwrap() {
            let (s, en) = (
                e["start"]["offset"].as_u64().unwrap() as usize,
                e["end"]["offset"].as_u64().unwrap() as usize,
            );
            // Lines and columns say the same place as the offsets.
            let (line, col) = common::pos_in(&text, &text[s..en], 0);
            assert_eq!(
                (
                    e["start"]["line"].as_u64().unwrap(),
                    e["start"]["column"].as_u64().unwrap()
                ),
                (line, col)
            );
            edits.push((s, en, e["content"].as_str().unwrap().to_string()));
        }
    }
    assert_eq!(edits.len(), 2);
    // In Latvian, the fix says what it does in Latvian.
    let lv = fx.run(&["--lang", "lv", "check", "demo", "--format", "json"]);
    let m = lv.with_code("unknown-institution")[0]["fix"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        m.starts_with("rakstīt reģistrā lietoto formu „Izglītības "),
        "{m}"
    );
    edits.sort();
    let mut fixed = text.clone();
    for (s, e, c) in edits.iter().rev() {
        fixed.replace_range(*s..*e, c);
    }
    fix(&fx, &[]);
    assert_eq!(fx.text("plan"), fixed);
    assert!(fixed.contains("involved: [Izglītības iestādes]"));
}

#[test]
fn a_fix_keeps_a_byte_order_mark_and_writes_through_a_link() {
    let valid = valid_text("goals");
    let first = valid.lines().next().unwrap();
    let fx = Fixture::valid();
    let broken = valid.replacen(&format!("{first}\n"), "", 1);
    fx.write("goals.yaml", format!("\u{feff}{broken}"));
    fix(&fx, &[]);
    assert_eq!(fx.text("goals"), format!("\u{feff}{valid}"));
    #[cfg(unix)]
    {
        let fx = Fixture::valid();
        std::fs::create_dir_all(fx.path("real")).unwrap();
        let target = fx.path("real/goals.yaml");
        std::fs::write(&target, &broken).unwrap();
        std::fs::remove_file(fx.path("goals.yaml")).unwrap();
        std::os::unix::fs::symlink(&target, fx.path("goals.yaml")).unwrap();
        fix(&fx, &[]);
        assert!(
            std::fs::symlink_metadata(fx.path("goals.yaml"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), valid);
    }
}

// ---------------------------------------------------------------- the real programmes

/// The real programmes (`programmes/*`).
fn programmes() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("programme.yaml").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 2, "{dirs:?}");
    dirs
}

/// Every scalar of every YAML file of a programme folder (results too), by file and path.
fn scalars(dir: &Path) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("results")] {
        if let Ok(rd) = std::fs::read_dir(&sub) {
            files.extend(
                rd.map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
            );
        }
    }
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let v: Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.strip_prefix(dir).unwrap().display().to_string();
        walk(&name, "", &v, &mut out);
    }
    out
}

fn walk(file: &str, path: &str, v: &Value, out: &mut Vec<(String, String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                walk(file, &format!("{path}.{k}"), x, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(file, &format!("{path}[{i}]"), x, out);
            }
        }
        scalar => out.push((file.to_string(), path.to_string(), scalar.clone())),
    }
}

#[test]
fn fixing_a_real_programme_changes_no_value_it_states() {
    for dir in programmes() {
        let fx = Fixture::empty();
        let copy = fx.root().join("p");
        copy_tree(&dir, &copy);
        let before = scalars(&copy);
        assert!(before.len() > 500, "{}: {} values", dir.display(), before.len());
        let out = fx.run(&["check", "p", "--fix"]);
        assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
        let after = scalars(&copy);
        assert_eq!(before.len(), after.len(), "{}", dir.display());
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(b, a, "{}: a fix changed a value", dir.display());
        }
    }
}

/// Each fixable problem put into a copy of each real programme where it has a place: every
/// part without its schema line, a tab for a sibling's four spaces, a decimal comma (plain in
/// a `{…}` mapping and quoted), an institution written without its Latvian letters, a list
/// item without its space. `--fix` gives back the programme's own text, byte for byte, so
/// every figure, title and number is the one the programme states.
#[test]
fn fixing_broken_copies_of_the_real_programmes_gives_their_text_back() {
    for dir in programmes() {
        let fx = Fixture::empty();
        let copy = fx.root().join("p");
        copy_tree(&dir, &copy);
        let original: Vec<(PathBuf, String)> = std::fs::read_dir(&copy)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .map(|p| {
                let t = std::fs::read_to_string(&p).unwrap();
                (p, t)
            })
            .collect();
        let mut broke = Vec::new();
        for (path, text) in &original {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let mut t = text.clone();
            if t.starts_with("# yaml-language-server:") {
                t = t.split_once('\n').unwrap().1.to_string();
                broke.push(format!("{name}: schema line"));
            }
            if name == "plan.yaml" {
                if let Some(b) = tab_for_sibling(&t) {
                    t = b;
                    broke.push(format!("{name}: tab"));
                }
                if let Some(b) = unmarked_institution(&t) {
                    t = b;
                    broke.push(format!("{name}: institution"));
                }
                if let Some(b) = dash_without_space(&t) {
                    t = b;
                    broke.push(format!("{name}: dash"));
                }
            }
            if name == "indicators.yaml" {
                if let Some(b) = decimal_comma(&t, false) {
                    t = b;
                    broke.push(format!("{name}: decimal comma"));
                }
                if let Some(b) = decimal_comma(&t, true) {
                    t = b;
                    broke.push(format!("{name}: quoted decimal comma"));
                }
            }
            std::fs::write(path, t).unwrap();
        }
        assert!(broke.len() >= 8, "{}: only {broke:?}", dir.display());
        let out = fx.run(&["check", "p", "--fix"]);
        assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
        for (path, text) in &original {
            let now = std::fs::read_to_string(path).unwrap();
            assert!(
                &now == text,
                "{}: not given back ({broke:?}):\n{}",
                path.display(),
                fx.run(&["check", "p", "--diff"]).stdout
            );
        }
    }
}

/// A line indented by four spaces like the line before it, indented by a tab instead.
fn tab_for_sibling(t: &str) -> Option<String> {
    let lines: Vec<&str> = t.split_inclusive('\n').collect();
    let key = |l: &str| {
        let c = l.trim_start_matches(' ');
        l.len() - c.len() == 4
            && c.split_once(": ")
                .is_some_and(|(k, _)| k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
    };
    let i = (1..lines.len()).find(|&i| key(lines[i]) && key(lines[i - 1]))?;
    let mut out: String = lines[..i].concat();
    out.push('\t');
    out.push_str(&lines[i][4..]);
    out.push_str(&lines[i + 1..].concat());
    Some(out)
}

/// The first institution reference with a Latvian letter, written without its marks.
fn unmarked_institution(t: &str) -> Option<String> {
    let at = t.find("responsible: [")? + "responsible: [".len();
    let end = at + t[at..].find(']')?;
    let list = &t[at..end];
    let item = list
        .split(", ")
        .find(|s| s.chars().any(|c| pmp::lv::unmarked(c) != c))?;
    let plain: String = item.chars().map(pmp::lv::unmarked).collect();
    Some(format!(
        "{}{}{}",
        &t[..at],
        list.replacen(item, &plain, 1),
        &t[end..]
    ))
}

/// The first block list item of text (`- word`) written `-word`.
fn dash_without_space(t: &str) -> Option<String> {
    let mut at = 0;
    for l in t.split_inclusive('\n') {
        let c = l.trim_start_matches(' ');
        let ind = l.len() - c.len();
        if let Some(rest) = c.strip_prefix("- ")
            && rest.chars().next().is_some_and(|ch| ch.is_alphabetic())
            && !rest.contains(": ")
        {
            let mut out = t.to_string();
            out.replace_range(at + ind + 1..at + ind + 2, "");
            return Some(out);
        }
        at += l.len();
    }
    None
}

/// The first `value: D.D,` in a `{…}` mapping written with a decimal comma (`quoted`: the
/// second one, quoted).
fn decimal_comma(t: &str, quoted: bool) -> Option<String> {
    let mut from = 0;
    while let Some(i) = t[from..].find("{value: ").map(|i| from + i + "{value: ".len()) {
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let a = digits(&t[i..]);
        if a > 0 && t[i + a..].starts_with('.') {
            let b = digits(&t[i + a + 1..]);
            if b > 0 && b != 3 && t[i + a + 1 + b..].starts_with(',') {
                let figure = &t[i..i + a + 1 + b];
                let comma = figure.replacen('.', ",", 1);
                let new = if quoted { format!("\"{comma}\"") } else { comma };
                return Some(format!("{}{new}{}", &t[..i], &t[i + a + 1 + b..]));
            }
        }
        from = i;
    }
    None
}

#[test]
fn a_dash_that_yaml_read_as_a_sign_is_only_shown() {
    // `years:` then `-2026`: YAML read the figure -2026 where a list belongs. A space would
    // make it 2026: the fix is shown (applicability `none`), never applied.
    let fx = Fixture::valid().patch(
        "plan",
        "    years: [2025, 2026, 2027, 2028]\n    funding: [pašvaldības budžets]\n    indicators: [i1]",
        "    years:\n      -2026\n    funding: [pašvaldības budžets]\n    indicators: [i1]",
    );
    let out = fx.check();
    let d = out.only("wrong-type");
    assert_eq!(d["fix"]["applicability"], "none", "{d}");
    let before = fx.text("plan");
    fix(&fx, &["--unsafe-fixes"]);
    assert_eq!(fx.text("plan"), before);
    let c = fx.run(&["check", "demo", "--format", "concise"]);
    assert!(c.stdout.contains("error[wrong-type] activities"), "{}", c.stdout);
}
