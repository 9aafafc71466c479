//! `pmp diff`, `pmp show` and the `unrecorded-amendment` rule, run as the real binary against a
//! real transcribed programme (Jelgava 2024-2028) committed into a temporary git repository.
//!
//! Revision `v1` is the programme as transcribed; `v2` corrects what `pmp check` found (a
//! declared total that is not the sum of its rows, an indicator number used twice) and amends
//! it (a funding source added to an activity, an indicator's 2026 target lowered).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Output, run_in};
use serde_json::Value;

const NAME: &str = "jelgava-2024-2028";
const DIR: &str = "programmes/jelgava-2024-2028";

/// The real programme in the checkout.
fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("programmes")
        .join(NAME)
}

/// A temporary git repository holding the programme at `programmes/jelgava-2024-2028`.
struct Repo {
    tmp: tempfile::TempDir,
}

impl Repo {
    /// The programme as transcribed, committed and tagged `v1`.
    fn new() -> Self {
        let repo = Repo {
            tmp: tempfile::tempdir().expect("tempdir"),
        };
        repo.git(&["init", "-q"]);
        copy_dir(&source(), &repo.root().join(DIR));
        repo.commit("v1");
        repo
    }

    /// `v1`, then the corrected and amended revision committed as `v2`.
    fn with_v2() -> Self {
        let repo = Repo::new();
        repo.correct();
        repo.commit("v2");
        repo
    }

    fn root(&self) -> &Path {
        self.tmp.path()
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=pmp",
                "-c",
                "user.email=pmp@example.invalid",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(self.root())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_PAGER", "cat")
            .output()
            .expect("run git");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("git output is UTF-8")
    }

    /// Commits everything and tags the commit.
    fn commit(&self, tag: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", tag]);
        self.git(&["tag", tag]);
    }

    fn file(&self, part: &str) -> PathBuf {
        self.root().join(DIR).join(format!("{part}.yaml"))
    }

    fn text(&self, part: &str) -> String {
        std::fs::read_to_string(self.file(part)).expect("read part")
    }

    fn write(&self, part: &str, text: &str) {
        std::fs::write(self.file(part), text).expect("write part");
    }

    /// Replaces the one occurrence of `from` in `part`.
    fn patch(&self, part: &str, from: &str, to: &str) {
        let text = self.text(part);
        let n = text.matches(from).count();
        assert_eq!(
            n, 1,
            "`{from}` occurs {n} times in {part}.yaml (has the transcription changed?)"
        );
        self.write(part, &text.replacen(from, to, 1));
    }

    /// The corrections and amendments of `v2`.
    fn correct(&self) {
        // Table 1.10: the pupils at lectures add up to 341, not the printed 321.
        self.patch(
            "situation",
            "- cells: [Kopā, 136, 13, 321, 25]",
            "- cells: [Kopā, 136, 13, 341, 25]",
        );
        // Indicator number 5. was used twice.
        self.patch(
            "indicators",
            "  - id: i6\n    number: \"5.\"",
            "  - id: i6\n    number: \"6.\"",
        );
        // Amendments: a funding source for activity 8.2, a lower 2026 target for indicator i6.
        self.patch(
            "plan",
            "    years: [2024, 2025, 2026, 2027, 2028]\n    funding: [\"ES fondi\"]\n  - id: a-8-3",
            "    years: [2024, 2025, 2026, 2027, 2028]\n    funding: [\"ES fondi\", \"pašvaldības budžets\"]\n  - id: a-8-3",
        );
        self.patch(
            "indicators",
            "{year: 2026, value: 4.0, text: \"4,0%\"}",
            "{year: 2026, value: 3.5, text: \"3,5%\"}",
        );
    }

    fn pmp(&self, args: &[&str]) -> Output {
        run_in(self.root(), args, &[])
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read programme folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// Reverses the order of the items of the top-level list `key` in a YAML text.
fn reverse_list(text: &str, key: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .position(|l| l.trim_end() == format!("{key}:"))
        .expect("the list")
        + 1;
    let end = lines[start..]
        .iter()
        .position(|l| !l.starts_with(' ') && !l.trim().is_empty())
        .map_or(lines.len(), |i| start + i);
    let mut items: Vec<String> = Vec::new();
    for l in &lines[start..end] {
        if l.starts_with("  - ") || items.is_empty() {
            items.push(String::new());
        }
        items.last_mut().expect("an item").push_str(l);
    }
    assert!(items.len() > 2, "too few items to reorder");
    items.reverse();
    format!(
        "{}{}{}",
        lines[..start].concat(),
        items.concat(),
        lines[end..].concat()
    )
}

fn json_diff(repo: &Repo, old: &str, new: &str) -> Value {
    let out = repo.pmp(&["diff", old, new, "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.json.expect("JSON")
}

fn changes(doc: &Value) -> &Vec<Value> {
    doc["changes"].as_array().expect("changes")
}

// ---------------------------------------------------------------- the corrected revision

#[test]
fn corrected_revision_in_every_format() {
    let repo = Repo::with_v2();
    let old = format!("v1:{DIR}");
    let new = format!("v2:{DIR}");
    let text = repo.pmp(&["diff", &old, &new]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    insta::assert_snapshot!("jelgava_v1_v2_text", text.stdout);
    let md = repo.pmp(&["diff", &old, &new, "--format", "md"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    insta::assert_snapshot!("jelgava_v1_v2_md", md.stdout);
    let json = repo.pmp(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    insta::assert_snapshot!("jelgava_v1_v2_json", json.stdout);

    let doc = json.json.expect("JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["substantive"], 2, "{doc:#}");
    assert_eq!(doc["summary"]["editorial"], 3, "{doc:#}");
    let target = changes(&doc)
        .iter()
        .find(|c| c["field"] == "targets[2026].value")
        .expect("the target change");
    assert_eq!(target["entity"]["id"], "i6");
    assert_eq!(
        (target["old"].as_f64(), target["new"].as_f64()),
        (Some(4.0), Some(3.5))
    );
    assert_eq!(target["class"], "substantive");
    // Latvian figures in the annex: decimal comma, percent after a no-break space, and the
    // decimals as written (`4.0` is „4,0”); the English text has a decimal point.
    assert!(
        md.stdout.contains("| 4,0\u{a0}% | 3,5\u{a0}% | būtiska |"),
        "{}",
        md.stdout
    );
    assert!(
        text.stdout
            .contains("targets[2026].value: 4.0% → 3.5%  [substantive]"),
        "{}",
        text.stdout
    );

    let gate = repo.pmp(&["diff", &old, &new, "--exit-code"]);
    assert_eq!(gate.code, 1, "a substantive change fails the gate");
}

#[test]
fn identical_revisions_report_no_change() {
    let repo = Repo::new();
    let old = format!("v1:{DIR}");
    for new in [old.as_str(), DIR] {
        for gate in [false, true] {
            let mut args = vec!["diff", old.as_str(), new];
            if gate {
                args.push("--exit-code");
            }
            let out = repo.pmp(&args);
            assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
            assert!(out.stdout.ends_with("\nno changes\n"), "{}", out.stdout);
        }
        let doc = json_diff(&repo, &old, new);
        assert!(changes(&doc).is_empty(), "{doc:#}");
        assert_eq!(doc["summary"]["changes"], 0);
    }
}

#[test]
fn reordered_activities_are_no_change() {
    let repo = Repo::new();
    let before = repo.pmp(&["show", DIR]).stdout;
    repo.write("plan", &reverse_list(&repo.text("plan"), "activities"));
    assert_ne!(repo.git(&["status", "--porcelain"]), "", "the plan was rewritten");
    let doc = json_diff(&repo, &format!("v1:{DIR}"), DIR);
    assert!(changes(&doc).is_empty(), "{doc:#}");
    assert_eq!(
        repo.pmp(&["show", DIR]).stdout,
        before,
        "show is independent of order"
    );
}

#[test]
fn renamed_goal_is_exactly_one_change() {
    let repo = Repo::new();
    repo.patch(
        "goals",
        "title: Droša un iekļaujoša mācību vide",
        "title: Droša, iekļaujoša un atbalstoša mācību vide",
    );
    let doc = json_diff(&repo, &format!("v1:{DIR}"), DIR);
    let list = changes(&doc);
    assert_eq!(list.len(), 1, "{doc:#}");
    let c = &list[0];
    assert_eq!(c["part"], "goals");
    assert_eq!(c["kind"], "changed");
    assert_eq!(c["entity"]["kind"], "goal");
    assert_eq!(c["entity"]["id"], "g1");
    assert_eq!(c["field"], "title");
    assert_eq!(c["old"], "Droša un iekļaujoša mācību vide");
    assert_eq!(c["class"], "substantive");
}

#[test]
fn exit_code_is_1_for_substantive_and_0_for_editorial_changes() {
    let repo = Repo::new();
    let old = format!("v1:{DIR}");
    // Editorial: a corrected total in the situation analysis and a renumbered indicator.
    repo.patch(
        "situation",
        "- cells: [Kopā, 136, 13, 321, 25]",
        "- cells: [Kopā, 136, 13, 341, 25]",
    );
    repo.patch(
        "indicators",
        "  - id: i6\n    number: \"5.\"",
        "  - id: i6\n    number: \"6.\"",
    );
    let out = repo.pmp(&["diff", &old, DIR, "--exit-code"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("2 changes (0 added, 0 removed, 2 changed): 0 substantive, 2 editorial")
    );

    // Substantive: an activity dropped.
    let plan = repo.text("plan");
    let start = plan.find("  - id: a-8-2\n").expect("activity 8.2");
    let end = start + plan[start..].find("  - id: a-8-3\n").expect("activity 8.3");
    repo.write("plan", &format!("{}{}", &plan[..start], &plan[end..]));
    let out = repo.pmp(&["diff", &old, DIR, "--exit-code"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("  - activity a-8-2 „Pieredzes paplašināšana PMP riska grupas bērniem”  [substantive]")
    );
    let doc = json_diff(&repo, &old, DIR);
    let removed: Vec<&Value> = changes(&doc).iter().filter(|c| c["kind"] == "removed").collect();
    assert_eq!(removed.len(), 1, "{doc:#}");
    assert_eq!(removed[0]["entity"]["id"], "a-8-2");
    assert_eq!(removed[0]["old"]["funding"], serde_json::json!(["ES fondi"]));
}

#[test]
fn bad_revisions_paths_and_programmes_exit_2() {
    let repo = Repo::new();
    let out = repo.pmp(&["diff", &format!("no-such-tag:{DIR}"), DIR]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("`no-such-tag` is not a revision"),
        "{}",
        out.stderr
    );

    let out = repo.pmp(&["diff", "v1:programmes/nowhere", DIR]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("does not exist at revision v1"),
        "{}",
        out.stderr
    );

    let out = repo.pmp(&["diff", &format!("v1:{DIR}/plan.yaml"), DIR]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is a file, not a folder"), "{}", out.stderr);

    let out = repo.pmp(&["diff", "programmes/nowhere", DIR]);
    assert_eq!(out.code, 2);

    // A revision alone, as for `git diff`: the REV:PATH form is named.
    let out = repo.pmp(&["diff", "HEAD~1", "."]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("a git revision is written REV:PATH, e.g. `HEAD~1:.`"),
        "{}",
        out.stderr
    );

    // A programme that does not load: the findings are printed, exit 2.
    repo.patch("goals", "  - id: g1\n", "  - id: g1\n    colour: red\n");
    let out = repo.pmp(&["diff", &format!("v1:{DIR}"), DIR, "--exit-code"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown-field"), "{}", out.stderr);
    assert!(out.stdout.is_empty());

    // Outside a git repository.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let out = run_in(elsewhere.path(), &["diff", "HEAD:x", "HEAD:y"], &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("not inside a git repository"),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------- pmp show and git textconv

#[test]
fn show_prints_one_part_file_as_the_folder_does() {
    let repo = Repo::new();
    let folder = repo.pmp(&["show", DIR]);
    assert_eq!(folder.code, 0, "{}", folder.stderr);
    assert!(
        folder
            .stdout
            .contains("goal g1 title: Droša un iekļaujoša mācību vide\n")
    );
    let plan = repo.pmp(&["show", &format!("{DIR}/plan.yaml")]);
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    let plan_lines: Vec<&str> = folder
        .stdout
        .lines()
        .filter(|l| l.starts_with("plan ") || l.starts_with("activity ") || l.starts_with("task "))
        .collect();
    assert_eq!(plan.stdout.lines().collect::<Vec<_>>(), plan_lines);
    assert!(
        plan.stdout.contains("activity a-8-2 funding: [\"ES fondi\"]\n"),
        "{}",
        plan.stdout
    );

    let out = repo.pmp(&["show", &format!("{DIR}/TRANSCRIPTION.md")]);
    assert_eq!(out.code, 2, "not a part file");

    // What textconv may be handed besides parts: printed as it is, never a failed git diff.
    std::fs::write(repo.root().join(DIR).join("notes.yaml"), "a: [1\n").expect("write");
    let out = repo.pmp(&["show", &format!("{DIR}/notes.yaml")]);
    assert_eq!((out.code, out.stdout.as_str()), (0, "a: [1\n"), "{}", out.stderr);
    repo.write("goals", "goals: [\n");
    let out = repo.pmp(&["show", &format!("{DIR}/goals.yaml")]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "goals: [\n"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("does not load"), "{}", out.stderr);
}

#[test]
fn git_diff_through_the_textconv_recipe_shows_programme_changes() {
    let repo = Repo::new();
    std::fs::write(
        repo.root().join(".gitattributes"),
        "programmes/**/*.yaml diff=pmp\n",
    )
    .expect("write");
    let bin = env!("CARGO_BIN_EXE_pmp");
    repo.git(&["config", "diff.pmp.textconv", &format!("'{bin}' show")]);
    repo.git(&["config", "diff.pmp.cachetextconv", "true"]);
    repo.commit("with-attributes");
    repo.correct();

    let diff = repo.git(&["diff", "--", DIR]);
    for line in [
        "-indicator i6 number: 5.",
        "+indicator i6 number: 6.",
        "-indicator i6 targets[2026].value: 4.0",
        "+indicator i6 targets[2026].value: 3.5",
        "-activity a-8-2 funding: [\"ES fondi\"]",
        "+activity a-8-2 funding: [\"ES fondi\",\"pašvaldības budžets\"]",
        "-table t-1-10 rows[Kopā].cells[skoleni]: 321.0",
        "+table t-1-10 rows[Kopā].cells[skoleni]: 341.0",
    ] {
        assert!(
            diff.lines().any(|l| l == line),
            "`{line}` missing from git diff:\n{diff}"
        );
    }
    assert!(
        !diff.contains("{year: 2026"),
        "the YAML text is not shown:\n{diff}"
    );

    repo.git(&["commit", "-q", "-am", "v2"]);
    let log = repo.git(&["log", "-p", "-1", "--", DIR]);
    assert!(log.contains("+indicator i6 targets[2026].value: 3.5\n"), "{log}");
}

// ---------------------------------------------------------------- unrecorded-amendment

fn unrecorded(repo: &Repo) -> Vec<Value> {
    let out = repo.pmp(&["check", DIR, "--format", "json"]);
    out.json
        .expect("JSON")
        .get("diagnostics")
        .and_then(Value::as_array)
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "unrecorded-amendment")
        .cloned()
        .collect()
}

#[test]
fn substantive_changes_since_the_adopted_revision_need_an_amendment() {
    let repo = Repo::new();
    repo.patch(
        "programme",
        "status: adopted\n",
        "status: adopted\nadopted_revision: adopted-2023\n",
    );
    repo.commit("adopted-2023");
    assert!(unrecorded(&repo).is_empty(), "no change yet");

    // Editorial changes need no decision.
    repo.patch(
        "situation",
        "- cells: [Kopā, 136, 13, 321, 25]",
        "- cells: [Kopā, 136, 13, 341, 25]",
    );
    assert!(unrecorded(&repo).is_empty());

    repo.correct_substantive();
    let found = unrecorded(&repo);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], format!("{DIR}/programme.yaml"));
    let line = repo
        .text("programme")
        .lines()
        .position(|l| l.starts_with("adopted_revision:"))
        .unwrap()
        + 1;
    assert_eq!(d["line"], line as u64);
    assert!(
        d["message"].as_str().unwrap().starts_with(
            "2 substantive changes since the adopted revision `adopted-2023` are recorded in no amendment"
        ),
        "{d:#}"
    );
    // And in Latvian, each change named with its Latvian kind.
    let json = |lang: &str| {
        repo.pmp(&["--lang", lang, "check", DIR, "--format", "json"])
            .json
            .expect("JSON")["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .clone()
    };
    let (en, lv) = (json("en"), json("lv"));
    let faults = common::latvian_faults(&en, &lv, &common::check_codes());
    assert!(faults.is_empty(), "{faults:#?}");
    let lv_message = lv
        .iter()
        .find(|d| d["code"] == "unrecorded-amendment")
        .and_then(|d| d["message"].as_str())
        .expect("the finding in Latvian");
    assert!(
        lv_message.starts_with(
            "2 būtiskas izmaiņas kopš pieņemtās versijas `adopted-2023` nav reģistrētas nevienā grozījumā: "
        ),
        "{lv_message}"
    );

    // The council decides; the amendment records the revision it adopted.
    repo.commit("amended-2025");
    repo.patch(
        "programme",
        "adopted_revision: adopted-2023\n",
        "adopted_revision: adopted-2023\namendments:\n  - decision: {body: Jelgavas novada pašvaldības dome, date: 2025-03-27}\n    summary: Finansējums 8.2. aktivitātei, 5. rādītāja 2026. gada vērtība\n    revision: amended-2025\n",
    );
    assert!(unrecorded(&repo).is_empty(), "recorded by the amendment");
}

#[test]
fn unrecorded_amendment_is_silent_without_git_or_revision() {
    // An unknown revision.
    let repo = Repo::new();
    repo.patch(
        "programme",
        "status: adopted\n",
        "status: adopted\nadopted_revision: no-such-tag\n",
    );
    repo.correct_substantive();
    assert!(unrecorded(&repo).is_empty());
    let out = repo.pmp(&["check", DIR, "--format", "json"]);
    assert_ne!(out.code, 2, "{}", out.stderr);

    // No repository at all.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo.root().join(DIR), &elsewhere.path().join(NAME));
    let out = run_in(elsewhere.path(), &["check", NAME, "--format", "json"], &[]);
    assert_ne!(out.code, 2, "{}", out.stderr);
    assert!(!out.stdout.contains("unrecorded-amendment"));
}

impl Repo {
    /// Only the substantive half of [`Repo::correct`].
    fn correct_substantive(&self) {
        self.patch(
            "indicators",
            "{year: 2026, value: 4.0, text: \"4,0%\"}",
            "{year: 2026, value: 3.5, text: \"3,5%\"}",
        );
        self.patch(
            "plan",
            "    years: [2024, 2025, 2026, 2027, 2028]\n    funding: [\"ES fondi\"]\n  - id: a-8-3",
            "    years: [2024, 2025, 2026, 2027, 2028]\n    funding: [\"ES fondi\", \"pašvaldības budžets\"]\n  - id: a-8-3",
        );
    }
}
