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
