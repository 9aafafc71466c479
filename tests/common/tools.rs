//! The outside programs some tests drive (Chromium, poppler's `pdfinfo`, LibreOffice, Node,
//! Python packages), found or announced. Outside CI a missing one is a skipped check: the test
//! returns, and the test binary closes with a line under its `test result:` summary that counts
//! and names every check it skipped, so a plain `cargo test` says what it did not run. Under CI
//! (`CI` set, where `.ci/run` installs them all) a missing program is a failure. Each test file
//! that includes it uses a part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, Once};

/// The checks this test binary skipped, for the closing line.
static SKIPPED: Mutex<Vec<String>> = Mutex::new(Vec::new());
static AT_EXIT: Once = Once::new();

unsafe extern "C" {
    /// The C library's exit hook: runs after libtest has printed its summary.
    fn atexit(hook: extern "C" fn()) -> std::ffi::c_int;
}

/// Prints the closing line: how many checks were skipped, and why, one a line.
extern "C" fn print_skipped() {
    let mut list = SKIPPED.lock().map(|l| l.clone()).unwrap_or_default();
    list.sort();
    let n = list.len();
    list.dedup();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "skipped: {n} {} not run here (a tool or file is missing; `.ci/run` runs them all):",
        if n == 1 { "check was" } else { "checks were" }
    );
    for why in list {
        let _ = writeln!(err, "  - {why}");
    }
}

/// Records a skipped check for the closing line, without failing anywhere.
pub fn note_skipped(why: &str) {
    AT_EXIT.call_once(|| {
        // SAFETY: `print_skipped` is a plain function that only locks a static and writes.
        unsafe {
            atexit(print_skipped);
        }
    });
    if let Ok(mut list) = SKIPPED.lock() {
        list.push(why.to_string());
    }
}

/// Whether `cmd` is on `PATH`.
pub fn which(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A program the test needs is missing: a skipped check counted in the closing line here, a
/// failure under CI.
pub fn skip(why: &str) {
    assert!(std::env::var_os("CI").is_none(), "{why}");
    note_skipped(why);
}

/// Chromium and `pdfinfo`, for the browser checks: the Chromium command, or `None` (skipped).
pub fn browser() -> Option<&'static str> {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| which(c))
    else {
        skip("chromium missing; the browser check is skipped (.ci/run installs it)");
        return None;
    };
    if !which("pdfinfo") {
        skip("pdfinfo missing; the browser check is skipped");
        return None;
    }
    Some(chromium)
}

/// Headless Chromium with its own profile in `work/<profile>`.
fn headless(chromium: &str, work: &Path, profile: &str) -> Command {
    let mut c = Command::new(chromium);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", work.join(profile).display()));
    c
}

/// `html` printed by Chromium to `work/html.pdf`; fails if no PDF comes out.
pub fn print_pdf(chromium: &str, html: &Path, work: &Path) -> PathBuf {
    let pdf = work.join("html.pdf");
    let c = headless(chromium, work, "p1")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "Chromium did not print: {}",
        String::from_utf8_lossy(&c.stderr)
    );
    pdf
}

/// Fails if anything in `html` is wider than a 1024 × 768 window: the page is loaded, with a
/// probe that records the overflow, from `probe.html` beside it.
pub fn assert_no_overflow(chromium: &str, html: &Path, work: &Path) {
    let probe = std::fs::read_to_string(html).unwrap().replace(
        "</body>",
        "<script>document.body.setAttribute('data-overflow', String(document.documentElement.scrollWidth > document.documentElement.clientWidth));</script></body>",
    );
    let probe_path = html.with_file_name("probe.html");
    std::fs::write(&probe_path, probe).unwrap();
    let dom = headless(chromium, work, "p2")
        .arg("--window-size=1024,768")
        .arg("--dump-dom")
        .arg(format!("file://{}", probe_path.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains(r#"data-overflow="false""#),
        "horizontal overflow (or no DOM): {}",
        &dom[..dom.len().min(300)]
    );
}

/// Page sizes in points, from `pdfinfo -f 1 -l N`.
pub fn pdf_pages(pdf: &Path) -> Vec<(f64, f64)> {
    let o = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "1000"])
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .filter_map(|l| {
            let rest = l.split("size:").nth(1)?;
            let mut it = rest.split_whitespace();
            let w: f64 = it.next()?.parse().ok()?;
            it.next();
            let h: f64 = it.next()?.parse().ok()?;
            Some((w, h))
        })
        .collect()
}
