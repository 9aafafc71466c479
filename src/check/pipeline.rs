//! The whole of `pmp check` short of printing: load every programme, run the rules and the
//! placeholder scan, apply `pmp.toml` and `# pmp: allow`, and sort the findings.
//!
//! `pmp check` and `pmp-bench run` both call [`run`], so the bench times exactly what the
//! command does. Each programme is loaded, checked and finished in the worker thread that
//! loaded it ([`crate::load::load_map`]); its model is dropped there as soon as its findings
//! are known, and only the text of files a finding points into is kept (the human report's
//! snippets need it), so memory holds one programme per worker rather than all of them.
//!
//! [`super::finish`] works file by file (a `# pmp: allow` only silences findings in its own
//! file, duplicates share a file), so finishing each programme on its own and then sorting all
//! the findings with the same key gives exactly what one `finish` over everything gives.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::load;
use crate::model::Sources;

/// What a check of some programmes produced: everything a report needs.
#[derive(Debug, Default)]
pub struct Checked {
    /// Every file read, by id, with its path. Only files a finding points into keep their text.
    pub sources: Sources,
    /// How many programmes were checked.
    pub programmes: usize,
    /// How many files with content were read.
    pub files: usize,
    /// The findings to report, configured, filtered and sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the time went.
    pub timings: Timings,
}

/// Time spent per phase. `*_cpu` are summed over the worker threads.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Wall time of the parallel phase: reading, parsing, rules, placeholders, finish, drop.
    pub parallel: Duration,
    /// Reading and parsing the files into the model.
    pub load_cpu: Duration,
    /// `check::programme`.
    pub rules_cpu: Duration,
    /// `check::text_rules`: placeholders and cross-references.
    pub placeholders_cpu: Duration,
    /// `check::finish` on each programme.
    pub finish_cpu: Duration,
    /// Dropping each programme's model and the texts no finding needs.
    pub drop_cpu: Duration,
    /// Wall time of gathering the programmes' results and sorting all findings.
    pub merge: Duration,
}

/// One programme's part of [`Checked`].
struct One {
    sources: Sources,
    files: usize,
    diagnostics: Vec<Diagnostic>,
    times: [Duration; 5],
}

/// Loads and checks the programme folders `dirs` (as [`load::discover`] returns them), in
/// parallel, with one configuration for all. `today` dates recorded completions.
pub fn run(dirs: &[PathBuf], today: NaiveDate, config: &Config) -> Checked {
    run_configured(dirs, today, &|_| config)
}

/// [`run`] with each programme's own configuration: `config_of` gets the programme's folder
/// (as in `dirs`) and returns the settings in force for it.
pub fn run_configured<'c>(
    dirs: &[PathBuf],
    today: NaiveDate,
    config_of: &(dyn Fn(&Path) -> &'c Config + Sync),
) -> Checked {
    let t0 = Instant::now();
    let ones = load::load_map(dirs, |loaded| {
        let load::LoadedProgramme {
            mut sources,
            programme,
            mut sink,
            took,
        } = loaded;
        let a = Instant::now();
        let facts = super::Facts::gather(&programme);
        super::programme(&programme, today, &facts, &mut sink);
        let b = Instant::now();
        super::text_rules(&programme, &sources, &mut sink);
        super::fixes::attach(&programme, &sources, &mut sink);
        let c = Instant::now();
        let diagnostics = super::finish(&sources, config_of(&programme.dir), sink.diagnostics);
        let d = Instant::now();
        let files = sources.files.values().filter(|f| !f.text.is_empty()).count();
        drop(programme);
        for (id, f) in &mut sources.files {
            if !diagnostics.iter().any(|d| d.loc.file == *id) {
                f.text = String::new();
            }
        }
        let e = Instant::now();
        One {
            sources,
            files,
            diagnostics,
            times: [took, b - a, c - b, d - c, e - d],
        }
    });
    let t1 = Instant::now();
    let mut out = Checked {
        programmes: ones.len(),
        ..Checked::default()
    };
    let mut timings = Timings {
        parallel: t1 - t0,
        ..Timings::default()
    };
    for one in ones {
        timings.load_cpu += one.times[0];
        timings.rules_cpu += one.times[1];
        timings.placeholders_cpu += one.times[2];
        timings.finish_cpu += one.times[3];
        timings.drop_cpu += one.times[4];
        out.sources.files.extend(one.sources.files);
        out.files += one.files;
        out.diagnostics.extend(one.diagnostics);
    }
    // The order `finish` gives; the sort is stable, so ties keep each programme's order.
    super::sort(&out.sources, &mut out.diagnostics);
    timings.merge = t1.elapsed();
    out.timings = timings;
    out
}
