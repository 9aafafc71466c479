//! Robustness against what a careless or hostile user, or the file system, can do: periods
//! that would make every loop over years endless, FIFOs and devices in place of files,
//! symlinks that leave the programme folder or loop, huge unknown references, planted
//! temporary-file symlinks, full disks and kills during a render. Every run here has a time
//! limit: a hang fails the test instead of hanging the suite.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{DIR, Fixture, TODAY, assert_at, help};

/// The most one run on hostile input may take (a debug build on a loaded machine).
const LIMIT: Duration = Duration::from_secs(10);

/// What one time-limited run produced.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{self:?}"))
    }

    fn diagnostics(&self) -> Vec<serde_json::Value> {
        self.json()["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    fn codes(&self) -> Vec<String> {
        let mut c: Vec<String> = self
            .diagnostics()
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect();
        c.sort();
        c
    }

    fn only(&self, code: &str) -> serde_json::Value {
        let found: Vec<_> = self
            .diagnostics()
            .into_iter()
            .filter(|d| d["code"] == code)
            .collect();
        assert_eq!(found.len(), 1, "expected one `{code}`: {self:?}");
        found[0].clone()
    }
}

/// Runs `pmp` in `dir` through `sh -c` with `prefix` before it (`ulimit -f 8;`), killing it
/// and failing the test when it takes longer than [`LIMIT`]. Output goes to files, so a full
/// pipe can never be what blocks the child.
fn run_sh(dir: &Path, prefix: &str, args: &[&str]) -> Run {
    let out_dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (out_dir.path().join("out"), out_dir.path().join("err"));
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!("{prefix} exec \"$PMP\" {}", quoted.join(" "));
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir)
        .env("PMP", env!("CARGO_BIN_EXE_pmp"))
        .env("PMP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("run sh");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pmp {args:?} did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned();
    assert!(!stderr.contains("panicked"), "pmp panicked:\n{stderr}");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned(),
        stderr,
        elapsed,
    }
}

/// Runs `pmp <args>` in `dir` with the time limit.
fn run(dir: &Path, args: &[&str]) -> Run {
    run_sh(dir, "", args)
}

/// `pmp check demo --format json` in the fixture's folder.
fn check(fx: &Fixture) -> Run {
    run(fx.root(), &["check", DIR, "--format", "json"])
}

// ---------------------------------------------------------------- 1. periods

#[test]
fn a_five_digit_year_is_an_invalid_period() {
    let fx = Fixture::valid().patch("programme", "  to: 2028\n", "  to: 20280\n");
    let out = check(&fx);
    assert_eq!(out.code, 1, "{out:?}");
    let d = out.only("invalid-period");
    assert_at(&d, "demo/programme.yaml", fx.pos("programme", "20280"));
    assert_eq!(d["path"], "period.to");
    assert!(d["message"].as_str().unwrap().contains("20280"), "{d}");
    assert!(help(&d).contains("2000"), "{d}");
}

#[test]
fn a_period_of_a_million_years_is_invalid_and_quick() {
    let fx = Fixture::valid()
        .patch("programme", "  from: 2025\n", "  from: 1\n")
        .patch("programme", "  to: 2028\n", "  to: 999999\n");
    let out = check(&fx);
    assert_eq!(out.code, 1, "{out:?}");
    let d = out.only("invalid-period");
    assert_eq!(d["path"], "period.from");
    assert!(out.elapsed < Duration::from_secs(5), "{:?}", out.elapsed);
}

#[test]
fn a_period_longer_than_twenty_years_is_invalid() {
    let fx = Fixture::valid().patch("programme", "  to: 2028\n", "  to: 2045\n");
    let d = check(&fx).only("invalid-period");
    assert_eq!(d["path"], "period.to");
    assert!(d["message"].as_str().unwrap().contains("21 years"), "{d}");
    // Twenty years is still a period.
    let fx = Fixture::valid().patch("programme", "  to: 2028\n", "  to: 2044\n");
    assert!(!check(&fx).codes().contains(&"invalid-period".to_string()));
}

#[test]
fn render_calendar_and_due_stay_bounded_on_a_huge_period() {
    let fx = Fixture::valid()
        .patch("programme", "  from: 2025\n", "  from: 1\n")
        .patch("programme", "  to: 2028\n", "  to: 999999\n");
    // A limit on the address space turns a runaway allocation into a failure, not a swap storm.
    let cap = "ulimit -v 2000000;";
    let r = run_sh(fx.root(), cap, &["render", DIR, "--out", "out", "--allow-errors"]);
    assert_eq!(r.code, 0, "{r:?}");
    let md = std::fs::read_to_string(fx.root().join("out/demo-2025-2028.md")).unwrap();
    assert!(md.len() < 1_000_000, "{} bytes", md.len());
    for args in [&["calendar", DIR][..], &["due", DIR]] {
        let r = run_sh(fx.root(), cap, args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains("not plausible"), "{args:?}: {}", r.stderr);
        assert!(r.stdout.len() < 10_000, "{args:?}: {} bytes", r.stdout.len());
    }
}

#[test]
fn init_refuses_a_period_of_a_century() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(
        tmp.path(),
        &[
            "init",
            "p",
            "--municipality",
            "Demo",
            "--from",
            "2000",
            "--to",
            "2100",
        ],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("101 years"), "{}", r.stderr);
    assert!(!tmp.path().join("p").exists());
}

// ---------------------------------------------------------------- 2. FIFOs, devices, links

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// The one `not-a-file` finding is at line 1 of `file` and its message says `what`.
fn assert_not_a_file(out: &Run, file: &str, what: &str) {
    assert_eq!(out.code, 1, "{out:?}");
    let d = out.only("not-a-file");
    assert_at(&d, file, (1, 1));
    assert!(d["message"].as_str().unwrap().contains(what), "{d}");
    assert!(!help(&d).is_empty(), "{d}");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_part_is_a_finding_not_a_hang() {
    let fx = Fixture::valid();
    std::fs::remove_file(fx.path("goals.yaml")).unwrap();
    mkfifo(&fx.path("goals.yaml"));
    assert_not_a_file(&check(&fx), "demo/goals.yaml", "FIFO");
    // The same through a folder that holds the programme, and through the other commands.
    let out = run(fx.root(), &["check", ".", "--format", "json"]);
    assert_not_a_file(&out, "./demo/goals.yaml", "FIFO");
    // Every command finishes (`run` fails the test on a hang): render stops on the finding,
    // show of the FIFO itself fails, the calendar commands leave out goals.yaml as they leave
    // out any part that does not load (they do not need it) and say so.
    for (args, code) in [
        (&["render", DIR, "--out", "out"][..], 1),
        (&["show", "demo/goals.yaml"], 2),
        (&["calendar", DIR], 0),
        (&["due", DIR], 1), // overdue occurrences: the fixture is behind schedule
    ] {
        let r = run(fx.root(), args);
        assert_eq!(r.code, code, "{args:?}: {r:?}");
        assert!(r.stderr.contains("goals.yaml"), "{args:?}: {}", r.stderr);
    }
    let r = run(fx.root(), &["show", DIR]);
    assert!(r.code == 0 || r.code == 2, "{r:?}");
}

#[cfg(unix)]
#[test]
fn a_device_as_a_part_is_a_finding_not_an_endless_read() {
    let fx = Fixture::valid();
    std::fs::remove_file(fx.path("plan.yaml")).unwrap();
    // Linked through a second link inside the folder: every link is resolved, then checked.
    symlink("/dev/zero", fx.path("zero"));
    symlink("zero", fx.path("plan.yaml"));
    let out = check(&fx);
    assert_not_a_file(&out, "demo/plan.yaml", "a character device");
    assert!(out.elapsed < Duration::from_secs(5), "{:?}", out.elapsed);
}

#[cfg(unix)]
#[test]
fn a_folder_as_a_part_is_not_a_file() {
    let fx = Fixture::valid();
    std::fs::remove_file(fx.path("svid.yaml")).unwrap();
    std::fs::create_dir(fx.path("svid.yaml")).unwrap();
    assert_not_a_file(&check(&fx), "demo/svid.yaml", "a folder");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_not_reported_as_missing() {
    let fx = Fixture::valid();
    std::fs::remove_file(fx.path("goals.yaml")).unwrap();
    symlink("loop-b.yaml", fx.path("goals.yaml"));
    symlink("goals.yaml", fx.path("loop-b.yaml"));
    let out = check(&fx);
    let d = out.only("not-a-file");
    assert_at(&d, "demo/goals.yaml", (1, 1));
    assert!(d["message"].as_str().unwrap().contains("loops"), "{d}");
    assert!(!out.codes().contains(&"missing-file".to_string()), "{out:?}");
}

#[cfg(unix)]
#[test]
fn a_dangling_link_names_its_target() {
    let fx = Fixture::valid();
    std::fs::remove_file(fx.path("goals.yaml")).unwrap();
    symlink("gone.yaml", fx.path("goals.yaml"));
    assert_not_a_file(
        &check(&fx),
        "demo/goals.yaml",
        "`gone.yaml`, which does not exist",
    );
}

#[cfg(unix)]
#[test]
fn a_part_linked_from_outside_the_folder_is_not_read() {
    let fx = Fixture::valid();
    let goals = fx.text("goals");
    fx.write_root("elsewhere/goals.yaml", &goals);
    std::fs::remove_file(fx.path("goals.yaml")).unwrap();
    symlink(fx.root().join("elsewhere/goals.yaml"), fx.path("goals.yaml"));
    let out = check(&fx);
    assert_eq!(out.code, 1, "{out:?}");
    let d = out.only("path-outside-programme");
    assert_at(&d, "demo/goals.yaml", (1, 1));
    assert!(d["message"].as_str().unwrap().contains("outside"), "{d}");
    // A link that stays inside the folder is read as before.
    let fx = Fixture::valid();
    std::fs::rename(fx.path("goals.yaml"), fx.path("goals-real.yaml.txt")).unwrap();
    symlink("goals-real.yaml.txt", fx.path("goals.yaml"));
    assert_eq!(check(&fx).codes(), Vec::<String>::new());
}

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

#[cfg(unix)]
#[test]
fn a_fifo_as_a_csv_table_is_a_finding_not_a_hang() {
    let fx = csv_table("rows.csv");
    mkfifo(&fx.path("rows.csv"));
    let out = check(&fx);
    assert_eq!(out.code, 1, "{out:?}");
    let d = out.only("not-a-file");
    assert_at(&d, "demo/situation.yaml", fx.pos("situation", "rows.csv"));
    assert!(d["message"].as_str().unwrap().contains("FIFO"), "{d}");
    assert_eq!(d["entity"]["id"], "t-x");
}

#[cfg(unix)]
#[test]
fn a_looping_csv_link_is_not_reported_as_missing() {
    let fx = csv_table("rows.csv");
    symlink("rows.csv", fx.path("rows.csv"));
    let d = check(&fx).only("not-a-file");
    assert!(d["message"].as_str().unwrap().contains("loops"), "{d}");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_pmp_toml_or_template_fails_not_hangs() {
    let fx = Fixture::valid();
    mkfifo(&fx.root().join("pmp.toml"));
    let r = run(fx.root(), &["check", DIR, "--config", "pmp.toml"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("FIFO"), "{}", r.stderr);
    std::fs::remove_file(fx.root().join("pmp.toml")).unwrap();
    std::fs::create_dir(fx.root().join("tpl")).unwrap();
    mkfifo(&fx.root().join("tpl/document.md.tera"));
    let r = run(fx.root(), &["render", DIR, "--templates", "tpl", "--out", "out"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("FIFO"), "{}", r.stderr);
}

// ---------------------------------------------------------------- 6. silent success

#[test]
fn calendar_fails_when_the_plan_does_not_load() {
    let fx = Fixture::valid();
    fx.write("plan.yaml", "activities: [\n");
    for args in [&["calendar", DIR][..], &["due", DIR]] {
        let r = run(fx.root(), args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stderr.contains("plan.yaml does not load"), "{}", r.stderr);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
    }
}

// ---------------------------------------------------------------- 3. quadratic costs

#[test]
fn a_two_megabyte_unknown_reference_is_answered_fast_and_short() {
    let fx = Fixture::valid();
    let huge = "x".repeat(2 * 1024 * 1024);
    let fx = fx.patch("plan", "responsible: [IP]", &format!("responsible: [{huge}]"));
    let out = run_sh(
        fx.root(),
        "ulimit -v 1000000;",
        &["check", DIR, "--format", "json"],
    );
    assert_eq!(out.code, 1, "{}", &out.stderr);
    assert!(out.elapsed < Duration::from_secs(3), "{:?}", out.elapsed);
    let d = out.only("unknown-institution");
    let msg = d["message"].as_str().unwrap();
    assert!(msg.chars().count() < 2100, "{} characters", msg.chars().count());
    assert!(msg.contains("characters in all"), "{}", &msg[msg.len() - 100..]);
    assert!(out.stdout.len() < 20_000, "{} bytes of JSON", out.stdout.len());
    // The human report is as short.
    let human = run_sh(fx.root(), "ulimit -v 1000000;", &["check", DIR]);
    assert_eq!(human.code, 1);
    assert!(human.elapsed < Duration::from_secs(3), "{:?}", human.elapsed);
    assert!(human.stdout.len() + human.stderr.len() < 40_000);
}

// ---------------------------------------------------------------- 4. output files

/// The files in `dir`, name and contents, sorted by name.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A rendered set in `out`, then the programme changed so that a second render differs.
fn rendered_then_changed() -> (Fixture, Vec<(String, Vec<u8>)>) {
    let fx = Fixture::valid();
    let r = run(fx.root(), &["render", DIR, "--out", "out"]);
    assert_eq!(r.code, 0, "{r:?}");
    let old = files_in(&fx.root().join("out"));
    assert_eq!(old.len(), 3, "{old:?}");
    let fx = fx.patch("programme", "  to: 2028\n", "  to: 2029\n");
    let fx = fx.patch("programme", "2025.–2028. gadam", "2025.–2029. gadam");
    let fx = fx.patch(
        "monitoring",
        "period: {from: 2025, to: 2028}",
        "period: {from: 2025, to: 2029}",
    );
    (fx, old)
}

/// A `ulimit -f` under which the Markdown (written first, about 6 KB) fits and the HTML
/// (written next, about 24 KB) does not, whether the shell counts in 512- or 1024-byte
/// blocks; computed from the sizes of a render.
fn fsize(old: &[(String, Vec<u8>)]) -> String {
    let size = |ext: &str| {
        old.iter()
            .find(|(n, _)| n.ends_with(ext))
            .map(|(_, b)| b.len())
            .unwrap()
    };
    let (md, html) = (size(".md"), size(".html"));
    // Room for the changed programme's slightly longer Markdown.
    let blocks = (md + 1024) / 512 + 1;
    assert!(
        blocks * 1024 < html,
        "the fixture's HTML ({html} B) is too small for this test"
    );
    format!("ulimit -f {blocks};")
}

#[cfg(unix)]
#[test]
fn a_full_disk_during_render_leaves_the_old_set_and_no_temporaries() {
    let (fx, old) = rendered_then_changed();
    // With SIGXFSZ ignored, a write past the limit fails with EFBIG, as on a full disk.
    let limit = fsize(&old);
    let r = run_sh(
        fx.root(),
        &format!("trap '' XFSZ; {limit}"),
        &["render", DIR, "--out", "out"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no document was replaced"), "{}", r.stderr);
    assert_eq!(
        files_in(&fx.root().join("out")),
        old,
        "the old set, and nothing else"
    );
    // Without the limit the new set replaces it whole.
    let r = run(fx.root(), &["render", DIR, "--out", "out"]);
    assert_eq!(r.code, 0, "{r:?}");
    let new = files_in(&fx.root().join("out"));
    assert_eq!(new.len(), 3);
    assert!(new.iter().zip(&old).all(|(n, o)| n.0 == o.0 && n.1 != o.1));
}

#[cfg(unix)]
#[test]
fn a_kill_during_render_never_leaves_a_mixed_set() {
    let (fx, old) = rendered_then_changed();
    // SIGXFSZ kills the process in the middle of writing the HTML.
    let r = run_sh(fx.root(), &fsize(&old), &["render", DIR, "--out", "out"]);
    assert_eq!(r.code, -1, "killed by a signal: {r:?}");
    let now = files_in(&fx.root().join("out"));
    let documents: Vec<_> = now.iter().filter(|(n, _)| !n.starts_with('.')).cloned().collect();
    assert_eq!(documents, old, "every document is the old one");
    // What a kill can leave is hidden temporaries beside them, never a document.
    for (n, _) in now.iter().filter(|(n, _)| n.starts_with('.')) {
        assert!(n.starts_with(".demo-2025-2028.") && n.ends_with(".tmp"), "{n}");
    }
}

#[test]
fn render_out_that_is_a_file_says_so() {
    let fx = Fixture::valid();
    fx.write_root("out", "not a folder");
    let r = run(fx.root(), &["render", DIR, "--out", "out"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--out out: this is a file"), "{}", r.stderr);
    assert!(!r.stderr.contains("File exists"), "{}", r.stderr);
}

#[test]
fn render_with_allow_errors_refuses_a_programme_whose_manifest_does_not_load() {
    let fx = Fixture::valid();
    fx.write("programme.yaml", "id: [\n");
    let r = run(fx.root(), &["render", DIR, "--out", "out", "--allow-errors"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("programme.yaml does not load"), "{}", r.stderr);
    assert!(!fx.root().join("out").exists() || files_in(&fx.root().join("out")).is_empty());
}

#[test]
fn render_refuses_two_programmes_with_one_id() {
    let fx = Fixture::valid();
    for part in common::PARTS {
        fx.write_root(&format!("demo-copy/{part}.yaml"), fx.text(part));
    }
    let r = run(fx.root(), &["render", ".", "--out", "out"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("both have the id `demo-2025-2028`"),
        "{}",
        r.stderr
    );
    assert!(!fx.root().join("out").exists());
}

#[cfg(unix)]
#[test]
fn init_with_a_dangling_link_among_the_parts_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("p")).unwrap();
    symlink("nowhere.yaml", tmp.path().join("p/plan.yaml"));
    let r = run(
        tmp.path(),
        &[
            "init",
            "p",
            "--municipality",
            "Demo",
            "--from",
            "2025",
            "--to",
            "2028",
        ],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("p/plan.yaml"), "{}", r.stderr);
    let left: Vec<_> = std::fs::read_dir(tmp.path().join("p")).unwrap().collect();
    assert_eq!(left.len(), 1, "only the link: {left:?}");
}

#[test]
fn schema_out_that_is_a_file_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("s"), "x").unwrap();
    let r = run(tmp.path(), &["schema", "--out", "s"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--out s: this is a file"), "{}", r.stderr);
}

// ---------------------------------------------------------------- 7. smaller

#[test]
fn a_line_break_in_a_revision_is_refused() {
    let fx = Fixture::valid();
    let r = run(fx.root(), &["diff", "HEAD\nHEAD:demo", "demo"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("cannot contain a line break"), "{}", r.stderr);
}

#[test]
fn a_programme_too_deep_is_named_not_silently_skipped() {
    let fx = Fixture::valid();
    for part in common::PARTS {
        fx.write_root(&format!("a/b/c/d/e/deep/{part}.yaml"), fx.text(part));
    }
    let r = run(fx.root(), &["check", "a", "--format", "json"]);
    assert_eq!(r.code, 2, "no programme within reach: {r:?}");
    assert!(
        r.stderr
            .contains("a/b/c/d/e/deep was not searched for programmes"),
        "{}",
        r.stderr
    );
    // Four folders down is still found, with no note.
    let r = run(fx.root(), &["check", "a/b", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("not searched"), "{}", r.stderr);
}

#[test]
fn a_duplicate_key_is_explained_in_the_users_terms() {
    let fx = Fixture::valid().patch("plan", "    goal: g2\n", "    goal: g2\n    goal: g1\n");
    let d = check(&fx).only("duplicate-key");
    let msg = d["message"].as_str().unwrap();
    assert_eq!(msg, "the key `goal` appears twice in the same mapping");
    assert!(!msg.contains("DuplicateKeyPolicy"), "{msg}");
}

#[test]
fn too_deep_nesting_is_called_nesting() {
    let fx = Fixture::valid();
    let header = "# yaml-language-server: $schema=../../schemas/goals.schema.json\n";
    fx.write(
        "goals.yaml",
        format!("{header}goals: {}{}\n", "[".repeat(2000), "]".repeat(2000)),
    );
    let d = check(&fx).only("input-limit");
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("nested too deeply"), "{msg}");
    assert!(!msg.contains("recursion"), "{msg}");
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_leaves_the_old_set_and_no_temporaries() {
    use std::os::unix::fs::PermissionsExt;
    let (fx, old) = rendered_then_changed();
    let out = fx.root().join("out");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(out.join("probe"), "x").is_ok() {
        // Running as root: permissions do not apply (the full-disk test covers the failure).
        std::fs::remove_file(out.join("probe")).unwrap();
        return;
    }
    let r = run(fx.root(), &["render", DIR, "--out", "out"]);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(files_in(&out), old);
}
