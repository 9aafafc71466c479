//! Timing of `pmp report` with every format: in process (load, checks, the report's view and
//! the four documents, as the command does them) many times, and the real binary end to end.
//! Prints medians and percentiles.
//!
//! `cargo run --release --example report-bench -- examples/demo-novads 2026 [ITERATIONS]`

use std::path::PathBuf;
use std::time::Instant;

use pmp::render::Lang;
use pmp::report::{self, Format};

fn stats(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[v.len() / 10], v[v.len() * 9 / 10])
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "examples/demo-novads".into()));
    let year: i32 = args.next().and_then(|y| y.parse().ok()).unwrap_or(2026);
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let today = chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1).expect("a date");
    let mut all = Vec::with_capacity(iterations);
    let mut bytes = 0;
    for _ in 0..iterations {
        let start = Instant::now();
        let loaded = pmp::load::load_and(std::slice::from_ref(&dir), |p, sources, sink| {
            pmp::check::programme(p, today, &pmp::check::Facts::gather(p), sink);
            pmp::check::placeholders(p, sources, sink);
        });
        let programme = loaded.programmes.first().expect("a programme");
        let view = report::build(programme, year, Lang::Lv);
        bytes = 0;
        for f in Format::ALL {
            bytes += report::write(&view, f).expect("report").len();
        }
        all.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let (med, p10, p90) = stats(&mut all);
    println!(
        "{}: load + checks + report {year} in md, html, docx, json, {iterations} iterations: median {med:.2} ms (p10 {p10:.2}, p90 {p90:.2}); {bytes} bytes",
        dir.display()
    );
    // The real binary, end to end (process start, writing the four files atomically).
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("pmp")))
        .filter(|p| p.is_file());
    let Some(exe) = exe else {
        println!("(build the binary with `cargo build --release` to time it end to end)");
        return;
    };
    let out = std::env::temp_dir().join(format!("pmp-report-bench-{}", std::process::id()));
    let runs = iterations.min(100);
    let mut wall = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let status = std::process::Command::new(&exe)
            .args(["report"])
            .arg(&dir)
            .args(["--year", &year.to_string(), "--format", "all", "--out"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run pmp");
        assert!(status.success());
        wall.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let _ = std::fs::remove_dir_all(&out);
    let (med, p10, p90) = stats(&mut wall);
    println!(
        "  {} report --format all, {runs} runs: median {med:.2} ms (p10 {p10:.2}, p90 {p90:.2})",
        exe.display()
    );
}
