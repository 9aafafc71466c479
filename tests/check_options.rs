//! `pmp check`'s conveniences: `--select` / `--ignore` by code or family, `--statistics`
//! (text in both languages, and JSON), the `concise` format, and completion of rule codes.

mod common;

use common::Fixture;

/// The valid programme with findings of three codes in two families: `unknown-id`
/// (references), `number-gap` (numbering), `total-mismatch` (tables).
fn findings() -> Fixture {
    Fixture::valid()
        .patch("plan", "indicators: [i1]", "indicators: [i11]")
        .patch("monitoring", "number: \"4.\"", "number: \"5.\"")
        .patch(
            "situation",
            "{column: all, value: 200,",
            "{column: all, value: 210,",
        )
}

fn sorted_codes(fx: &Fixture, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["check", "demo", "--format", "json"];
    args.extend_from_slice(extra);
    let out = fx.run(&args);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let mut codes = out.codes();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn select_and_ignore_take_codes_and_families() {
    let fx = findings();
    let all = sorted_codes(&fx, &[]);
    assert_eq!(all, ["number-gap", "total-mismatch", "unknown-id"]);
    assert_eq!(sorted_codes(&fx, &["--select", "unknown-id"]), ["unknown-id"]);
    assert_eq!(
        sorted_codes(&fx, &["--select", "tables,numbering"]),
        ["number-gap", "total-mismatch"]
    );
    assert_eq!(
        sorted_codes(&fx, &["--select", "tables", "--select", "references"]),
        ["total-mismatch", "unknown-id"]
    );
    assert_eq!(
        sorted_codes(&fx, &["--ignore", "references"]),
        ["number-gap", "total-mismatch"]
    );
    // --ignore wins over --select.
    assert_eq!(
        sorted_codes(
            &fx,
            &["--select", "tables,references", "--ignore", "total-mismatch"]
        ),
        ["unknown-id"]
    );
}

#[test]
fn the_exit_code_and_summary_follow_the_selection() {
    let fx = findings();
    let out = fx.run(&["check", "demo", "--select", "numbering"]);
    assert_eq!(out.code, 0, "only a warning is left:\n{}", out.stdout);
    assert!(
        out.stdout.ends_with("0 error(s), 1 warning(s), 0 info\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_file_that_cannot_be_parsed_is_reported_whatever_is_selected() {
    let fx = Fixture::valid().patch("plan", "indicators: [i1]", "indicators: [i1");
    let out = fx.run(&["check", "demo", "--format", "json", "--select", "tables"]);
    assert_eq!(out.code, 1);
    out.only("yaml-syntax");
}

#[test]
fn an_unknown_code_is_a_usage_error_with_a_suggestion() {
    let out = findings().run(&["check", "demo", "--ignore", "total-mismach"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("did you mean `total-mismatch`"),
        "{}",
        out.stderr
    );
    let out = findings().run(&["--lang", "lv", "check", "demo", "--select", "tabels"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("nav ne noteikuma kods, ne grupa; vai domājāt `tables`"),
        "{}",
        out.stderr
    );
}

#[test]
fn statistics_count_per_code_in_both_languages_and_json() {
    let fx = findings();
    let out = fx.run(&["check", "demo", "--statistics"]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    let mut counted: Vec<(&str, &str)> = lines[..3]
        .iter()
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            (words[1], words[0])
        })
        .collect();
    counted.sort();
    assert_eq!(
        counted,
        [("number-gap", "1"), ("total-mismatch", "1"), ("unknown-id", "1")],
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("total-mismatch  error "), "{}", out.stdout);
    assert!(
        lines[3].ends_with("2 error(s), 1 warning(s), 0 info"),
        "{}",
        lines[3]
    );

    let out = fx.run(&["--lang", "lv", "check", "demo", "--statistics"]);
    assert!(out.stdout.contains("total-mismatch  kļūda "), "{}", out.stdout);
    assert!(
        out.stdout.contains("number-gap      brīdinājums"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("norādītā kopsumma nav"), "{}", out.stdout);
    assert!(out.stdout.contains("2 kļūdas, 1 brīdinājums"), "{}", out.stdout);

    let out = fx.run(&["check", "demo", "--statistics", "--format", "json"]);
    let v = out.value();
    assert_eq!(v["version"], 1);
    let stats = v["statistics"].as_array().unwrap();
    let tm = stats.iter().find(|s| s["code"] == "total-mismatch").unwrap();
    assert_eq!(tm["severity"], "error");
    assert_eq!(
        tm["count"].as_u64().unwrap() as usize,
        sorted_codes_all(&fx)
            .iter()
            .filter(|c| *c == "total-mismatch")
            .count()
    );

    let out = fx.run(&["check", "demo", "--statistics", "--format", "sarif"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
}

fn sorted_codes_all(fx: &Fixture) -> Vec<String> {
    fx.run(&["check", "demo", "--format", "json"]).codes()
}

#[test]
fn concise_prints_one_line_per_finding() {
    let fx = findings();
    let json = fx.run(&["check", "demo", "--format", "json"]);
    let out = fx.run(&["check", "demo", "--format", "concise"]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let n = json.diagnostics().len();
    assert_eq!(
        lines.len(),
        n + 1,
        "a line per finding and the summary:\n{}",
        out.stdout
    );
    for (line, d) in lines.iter().zip(json.diagnostics()) {
        let head = format!(
            "{}:{}:{}: {}[{}] ",
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["severity"].as_str().unwrap(),
            d["code"].as_str().unwrap()
        );
        assert!(line.starts_with(&head), "{line} / {head}");
        assert!(line.contains(d["message"].as_str().unwrap()), "{line}");
    }
    let q = fx.run(&["check", "demo", "--format", "concise", "--quiet"]);
    assert_eq!(q.stdout.lines().count(), n);
    let lv = fx.run(&["--lang", "lv", "check", "demo", "--format", "concise"]);
    assert!(lv.stdout.contains(": kļūda[total-mismatch] "), "{}", lv.stdout);
}

#[test]
fn shells_complete_rule_codes_and_families() {
    let fx = Fixture::empty();
    for shell in ["bash", "zsh", "fish"] {
        let out = fx.run(&["completions", shell]);
        assert_eq!(out.code, 0);
        for word in ["total-mismatch", "unused-suppression", "tables"] {
            assert!(out.stdout.contains(word), "{shell} does not complete {word}");
        }
    }
    // bash itself, completing with the script as a user's shell does.
    if !common::tools::which("bash") {
        common::tools::skip("bash is not installed: the completion script is not run");
    } else {
        let script = fx.root().join("pmp.bash");
        std::fs::write(&script, fx.run(&["completions", "bash"]).stdout).unwrap();
        let complete = |words: &[&str]| -> String {
            let cur = words.last().unwrap();
            let prev = words[words.len() - 2];
            let line = format!(
                "source {}; COMP_WORDS=({}); COMP_CWORD={}; _pmp pmp {cur} {prev}; echo \"${{COMPREPLY[@]}}\"",
                script.display(),
                words.join(" "),
                words.len() - 1
            );
            let out = std::process::Command::new("bash")
                .arg("-c")
                .arg(line)
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        };
        assert_eq!(complete(&["pmp", "explain", "total-mis"]), "total-mismatch");
        assert_eq!(complete(&["pmp", "check", "--select", "tab"]), "tables");
        assert_eq!(
            complete(&["pmp", "check", "--ignore", "unused-s"]),
            "unused-suppression"
        );
    }
    // A code clap does not list is still `pmp explain`'s own error, with its suggestion.
    let out = fx.run(&["explain", "total-mismach"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `total-mismatch`"),
        "{}",
        out.stderr
    );
}
