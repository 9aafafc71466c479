//! Shared fixture for the integration tests: a small, fully valid programme written into a
//! temporary folder, ways to change one part of it, and a runner for the real `pmp` binary.
//!
//! The programme lives in `<tempdir>/demo`; the binary runs with the tempdir as its current
//! folder, so every path it prints is relative (`demo/plan.yaml`) and snapshots are stable.
#![allow(dead_code)]

pub mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The date every run sees as today (`PMP_TODAY`).
pub const TODAY: &str = "2026-11-22";

/// The folder name of the fixture's programme, relative to the run's current folder.
pub const DIR: &str = "demo";

/// The parts of a programme, by file name stem.
pub const PARTS: [&str; 8] = [
    "programme",
    "institutions",
    "situation",
    "svid",
    "goals",
    "indicators",
    "plan",
    "monitoring",
];

/// Every part with a JSON Schema: the folder's own files and the yearly results.
pub const SCHEMA_PARTS: [&str; 9] = [
    "programme",
    "institutions",
    "situation",
    "svid",
    "goals",
    "indicators",
    "plan",
    "monitoring",
    "results",
];

/// The valid programme's text for `part` (`"plan"`, `"goals"`, ...).
pub fn valid_text(part: &str) -> &'static str {
    match part {
        "programme" => include_str!("../fixtures/valid/programme.yaml"),
        "institutions" => include_str!("../fixtures/valid/institutions.yaml"),
        "situation" => include_str!("../fixtures/valid/situation.yaml"),
        "svid" => include_str!("../fixtures/valid/svid.yaml"),
        "goals" => include_str!("../fixtures/valid/goals.yaml"),
        "indicators" => include_str!("../fixtures/valid/indicators.yaml"),
        "plan" => include_str!("../fixtures/valid/plan.yaml"),
        "monitoring" => include_str!("../fixtures/valid/monitoring.yaml"),
        other => panic!("`{other}` is not a part"),
    }
}

/// The valid programme's results file, relative to its folder.
pub const RESULTS: &str = "results/2025.yaml";

/// The valid programme's results of 2025.
pub const VALID_RESULTS: &str = include_str!("../fixtures/valid/results/2025.yaml");

/// A programme in a temporary folder.
pub struct Fixture {
    tmp: tempfile::TempDir,
}

impl Fixture {
    /// An empty temporary folder (no programme).
    pub fn empty() -> Self {
        Fixture {
            tmp: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// The valid programme: every part, no placeholders, zero findings.
    pub fn valid() -> Self {
        let fx = Fixture::empty();
        std::fs::create_dir_all(fx.dir()).expect("create programme folder");
        for part in PARTS {
            fx.write(&format!("{part}.yaml"), valid_text(part));
        }
        std::fs::create_dir_all(fx.path("results")).expect("create results folder");
        fx.write(RESULTS, VALID_RESULTS);
        fx
    }

    /// The temporary folder the binary runs in.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The programme folder.
    pub fn dir(&self) -> PathBuf {
        self.root().join(DIR)
    }

    /// The path of a file in the programme folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }

    /// Writes `text` to `name` in the programme folder.
    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> &Self {
        std::fs::write(self.path(name), text).expect("write fixture file");
        self
    }

    /// Writes `text` to a path relative to the temporary folder (creating folders).
    pub fn write_root(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).expect("write file");
        self
    }

    /// The current text of `part`.
    pub fn text(&self, part: &str) -> String {
        std::fs::read_to_string(self.path(&format!("{part}.yaml"))).expect("read part")
    }

    /// Replaces the whole text of `part` (e.g. `"plan"`).
    pub fn with(self, part: &str, yaml: &str) -> Self {
        self.write(&format!("{part}.yaml"), yaml);
        self
    }

    /// Replaces the one occurrence of `from` in `part` by `to`. Panics unless `from` occurs
    /// exactly once, so a patch can never silently miss.
    pub fn patch(self, part: &str, from: &str, to: &str) -> Self {
        let text = self.text(part);
        let n = text.matches(from).count();
        assert_eq!(n, 1, "`{from}` occurs {n} times in {part}.yaml, expected once");
        self.write(&format!("{part}.yaml"), text.replacen(from, to, 1));
        self
    }

    /// Removes `part`'s file.
    pub fn without(self, part: &str) -> Self {
        std::fs::remove_file(self.path(&format!("{part}.yaml"))).expect("remove part");
        self
    }

    /// 1-based line and column (in characters) of the one occurrence of `needle` in `part`;
    /// `nth` picks among several (0 = first).
    pub fn pos_nth(&self, part: &str, needle: &str, nth: usize) -> (u64, u64) {
        pos_in(&self.text(part), needle, nth)
    }

    /// Line and column of `needle` in `part`, which must occur exactly once.
    pub fn pos(&self, part: &str, needle: &str) -> (u64, u64) {
        let text = self.text(part);
        let n = text.matches(needle).count();
        assert_eq!(n, 1, "`{needle}` occurs {n} times in {part}.yaml, expected once");
        pos_in(&text, needle, 0)
    }

    /// Runs `pmp <args>` in the temporary folder.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.root(), args, &[])
    }

    /// Runs `pmp <args>` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        run_in(self.root(), args, env)
    }

    /// `pmp check demo --format json`.
    pub fn check(&self) -> Output {
        self.run(&["check", DIR, "--format", "json"])
    }
}

/// Copies a folder with its subfolders (a programme with its `results/`).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// 1-based line and character column of the `nth` occurrence of `needle` in `text`.
pub fn pos_in(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let (off, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` (occurrence {nth}) not found"));
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line as u64, col as u64)
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Output {
    /// The exit code (`-1` if killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// stdout parsed as JSON, when the run asked for `--format json`.
    pub json: Option<Value>,
    pub elapsed: Duration,
}

/// Runs the real binary in `dir` with a fixed today and no colour.
pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmp"));
    cmd.args(args)
        .current_dir(dir)
        .env("PMP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let out = cmd.output().expect("run pmp");
    let elapsed = start.elapsed();
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let wants_json = args.windows(2).any(|w| w == ["--format", "json"]) || args.contains(&"--format=json");
    let json = if wants_json && !stdout.is_empty() {
        Some(serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}")))
    } else {
        None
    };
    assert!(!stderr.contains("panicked"), "pmp panicked:\n{stderr}");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout,
        stderr,
        json,
        elapsed,
    }
}

impl Output {
    /// stdout parsed as JSON, whatever the arguments were.
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }

    /// The JSON report's diagnostics.
    pub fn diagnostics(&self) -> &Vec<Value> {
        self.json.as_ref().unwrap_or_else(|| {
            panic!(
                "no JSON output; stdout:\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })["diagnostics"]
            .as_array()
            .expect("diagnostics is a list")
    }

    /// The diagnostics with `code`.
    pub fn with_code(&self, code: &str) -> Vec<&Value> {
        self.diagnostics().iter().filter(|d| d["code"] == code).collect()
    }

    /// Every code reported, in output order.
    pub fn codes(&self) -> Vec<String> {
        self.diagnostics()
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The one diagnostic with `code`; panics (showing all findings) if there is not exactly one.
    pub fn only(&self, code: &str) -> &Value {
        let found = self.with_code(code);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one `{code}`, got {}:\n{}",
            found.len(),
            self.pretty()
        );
        found[0]
    }

    /// Asserts the report holds no finding with `code`.
    pub fn assert_no(&self, code: &str) {
        assert!(
            self.with_code(code).is_empty(),
            "unexpected `{code}`:\n{}",
            self.pretty()
        );
    }

    /// Asserts the findings are exactly `codes` (as a sorted multiset).
    pub fn assert_codes(&self, codes: &[&str]) {
        let mut got = self.codes();
        got.sort();
        let mut want: Vec<String> = codes.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "findings differ:\n{}", self.pretty());
    }

    pub fn summary(&self, key: &str) -> u64 {
        self.json.as_ref().expect("JSON output")["summary"][key]
            .as_u64()
            .expect("summary count")
    }

    /// All diagnostics, one per line, for failure messages.
    pub fn pretty(&self) -> String {
        match &self.json {
            Some(_) => self
                .diagnostics()
                .iter()
                .map(|d| {
                    format!(
                        "  {} {}:{}:{} {} [{}] help={}",
                        d["code"].as_str().unwrap_or("?"),
                        d["file"].as_str().unwrap_or("?"),
                        d["line"],
                        d["column"],
                        d["message"].as_str().unwrap_or(""),
                        d["path"].as_str().unwrap_or(""),
                        d["help"]
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            None => format!("stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr),
        }
    }
}

/// Asserts a diagnostic's file (relative to the run folder, e.g. `demo/plan.yaml`), line and column.
#[track_caller]
pub fn assert_at(d: &Value, file: &str, (line, column): (u64, u64)) {
    assert_eq!(d["file"], file, "file of {d}");
    assert_eq!(
        (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()),
        (line, column),
        "line:column of {d}"
    );
}

/// The help text of a diagnostic, or "" when it has none.
pub fn help(d: &Value) -> &str {
    d["help"].as_str().unwrap_or("")
}

/// The codes the rules in `src/check/` emit: every `Code::Variant` those files name (the
/// loader's codes are never named there).
pub fn check_codes() -> std::collections::HashSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check");
    let mut out = std::collections::HashSet::new();
    for entry in std::fs::read_dir(&dir).expect("read src/check") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read a rule file");
        for (i, _) in text.match_indices("Code::") {
            let name: String = text[i + 6..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let mut kebab = String::new();
            for (k, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() && k > 0 {
                    kebab.push('-');
                }
                kebab.push(c.to_ascii_lowercase());
            }
            if name != "ALL" && !name.is_empty() {
                out.insert(kebab);
            }
        }
    }
    assert!(out.len() > 40, "cannot read the codes of src/check: {out:?}");
    out
}

/// `s` without what it quotes: text in „…” (from the programme) and in backticks (ids, fields,
/// paths), which are the same in both languages.
pub fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let (mut quote, mut code) = (0usize, false);
    for c in s.chars() {
        match c {
            '`' if quote == 0 => code = !code,
            '„' if !code => quote += 1,
            '”' if !code && quote > 0 => quote -= 1,
            _ if quote == 0 && !code => out.push(c),
            _ => {}
        }
    }
    out
}

/// What in a Latvian sentence is still English style: a figure with a decimal point (`8.267`,
/// `9.3`; not a date `01.09.2024.` or `09.2024.`, a year `2024.`, a number `1.2.` or `1.2.3`), or an English
/// quote mark. Quoted programme text and backticks are not looked at.
pub fn english_style(lv: &str) -> Option<String> {
    let s = unquoted(lv);
    if let Some(q) = s.chars().find(|c| matches!(c, '"' | '“')) {
        return Some(format!("the quote mark {q}"));
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit() && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if !(i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit()) {
            continue;
        }
        let dot = i;
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // `01.09.2024`, `1.2.3`: a date or a number with more parts.
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            continue;
        }
        // `1.2.`: a number of a goal or activity (short parts and a closing dot); `09.2025.`:
        // a month of a year.
        let after = i - dot - 1;
        if i < b.len() && b[i] == b'.' && dot - start <= 2 && (after <= 2 || after == 4) {
            continue;
        }
        return Some(format!("the figure {}", &s[start..i]));
    }
    None
}

/// What is wrong with the Latvian form of each finding of `codes`: `en` and `lv` are the JSON
/// diagnostics of one run in each language (the same findings in the same order). A message or
/// help the same as in English, or with an English-style figure or quote, is one line:
/// `code field (fault): text`.
pub fn latvian_faults(en: &[Value], lv: &[Value], codes: &std::collections::HashSet<String>) -> Vec<String> {
    let mut bad = Vec::new();
    if en.len() != lv.len() {
        bad.push(format!(
            "{} findings in English, {} in Latvian",
            en.len(),
            lv.len()
        ));
        return bad;
    }
    for (e, l) in en.iter().zip(lv) {
        let code = e["code"].as_str().unwrap_or_default();
        if l["code"] != e["code"] || !codes.contains(code) {
            continue;
        }
        for field in ["message", "help"] {
            let (Some(te), Some(tl)) = (e[field].as_str(), l[field].as_str()) else {
                continue;
            };
            let fault = if te == tl {
                Some("the same as in English".to_string())
            } else {
                english_style(tl)
            };
            if let Some(fault) = fault {
                bad.push(format!("{code} {field} ({fault}): {tl}"));
            }
        }
    }
    bad
}

/// YAML double-quoted text, control characters and the noncharacters U+FFFE/U+FFFF as `\u`
/// escapes.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
