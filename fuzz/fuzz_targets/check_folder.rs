//! The whole check of a programme folder built from fuzzed parts: the input is cut at each
//! line `%%` into the eight parts, in the order of `Part::ALL` (missing ones are left out),
//! written into a temporary folder and checked as `pmp check` does, then reported in every
//! format. Nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmp::diag::{self, Report};
use pmp::model::Part;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let prog = dir.path().join("p");
    if std::fs::create_dir(&prog).is_err() {
        return;
    }
    let mut rest = data;
    for part in Part::ALL {
        let (this, next) = match find(rest, b"\n%%\n") {
            Some(i) => (&rest[..i], &rest[i + 4..]),
            None => (rest, &b""[..]),
        };
        // An empty chunk leaves the part out (but programme.yaml is always written, or
        // there is no programme to check).
        if !this.is_empty() || part == Part::Manifest {
            let _ = std::fs::write(prog.join(part.file_name()), this);
        }
        rest = next;
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let checked = pmp::check::pipeline::run(&[prog], today, &Default::default());
    let report = Report {
        sources: &checked.sources,
        programmes: checked.programmes,
        files: checked.files,
        diagnostics: &checked.diagnostics,
    };
    for format in [
        diag::Format::Human,
        diag::Format::Json,
        diag::Format::Github,
        diag::Format::Sarif,
    ] {
        let out = diag::render(&report, format, false);
        assert!(
            !out.contains('\u{1b}'),
            "an escape character in {format:?} output"
        );
    }
});

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
