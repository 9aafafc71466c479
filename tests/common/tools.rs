//! The outside programs some tests drive (Chromium, poppler's `pdfinfo`), found or announced.
//! Outside CI a missing one is a notice and the test returns; under CI (`CI` set, where
//! `.ci/run` installs them all) it is a failure. Each test file that includes it uses a part
//! of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `cmd` is on `PATH`.
pub fn which(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A program the test needs is missing: a notice here, a failure under CI.
pub fn skip(why: &str) {
    assert!(std::env::var_os("CI").is_none(), "{why}");
    eprintln!("notice: {why}");
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
