//! In-process timing of `pmp render`: builds the view of a programme and renders Markdown,
//! HTML and DOCX many times, and prints the median and other percentiles.
//!
//! `cargo run --release --example render-bench -- programmes/jelgava-2024-2028 [ITERATIONS]`

use std::path::PathBuf;
use std::time::Instant;

use pmp::render::{self, Format, Lang, Templates};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "programmes/jelgava-2024-2028".into()),
    );
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let loaded = pmp::load::load(std::slice::from_ref(&dir));
    let programme = loaded.programmes.first().expect("a programme");
    let templates = Templates::load(None).expect("templates");
    let renderers = render::renderers(&Format::ALL, &templates, true).expect("renderers");
    let mut all = Vec::with_capacity(iterations);
    let mut per_format = vec![Vec::with_capacity(iterations); renderers.len()];
    let mut bytes = 0;
    for _ in 0..iterations {
        let start = Instant::now();
        let view = render::view::build(programme, Lang::Lv);
        for (i, r) in renderers.iter().enumerate() {
            let t = Instant::now();
            bytes = r.render(&view).expect("render").len();
            per_format[i].push(t.elapsed().as_secs_f64() * 1000.0);
        }
        all.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[v.len() / 10], v[v.len() * 9 / 10])
    };
    let (med, p10, p90) = stats(&mut all);
    println!(
        "{}: view + md + html + docx, {iterations} iterations: median {med:.2} ms (p10 {p10:.2}, p90 {p90:.2}); last docx {bytes} bytes",
        dir.display()
    );
    for (r, v) in renderers.iter().zip(per_format.iter_mut()) {
        let (med, _, _) = stats(v);
        println!("  {:<5} median {med:.2} ms", r.extension());
    }
}
