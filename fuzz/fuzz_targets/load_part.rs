//! One part file through the YAML loader: the first byte picks the part, the rest is the
//! file. The loader must answer with a model or findings, never panic; the findings must
//! then render (human report with its snippet cut out of the fuzzed text, and JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmp::diag::{self, Report, Sink};
use pmp::load::yaml;
use pmp::model::{Part, Programme, SourceFile, Sources};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let part = Part::ALL[usize::from(pick) % Part::ALL.len()];
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut sink = Sink::default();
    let mut p = Programme::default();
    match part {
        Part::Manifest => p.manifest = yaml::parse(0, part, text, &mut sink),
        Part::Institutions => p.institutions = yaml::parse(0, part, text, &mut sink),
        Part::Situation => p.situation = yaml::parse(0, part, text, &mut sink),
        Part::Svid => p.svid = yaml::parse(0, part, text, &mut sink),
        Part::Goals => p.goals = yaml::parse(0, part, text, &mut sink),
        Part::Indicators => p.indicators = yaml::parse(0, part, text, &mut sink),
        Part::Plan => p.plan = yaml::parse(0, part, text, &mut sink),
        Part::Monitoring => p.monitoring = yaml::parse(0, part, text, &mut sink),
        Part::Results => {
            if let Some(data) = yaml::parse(0, part, text, &mut sink) {
                p.results.insert(2026, pmp::model::YearResults { file: 0, data });
            }
        }
    }
    let mut sources = Sources::default();
    sources.files.insert(
        0,
        SourceFile {
            path: part.file_name().into(),
            text: text.to_string(),
        },
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    pmp::check::programme(&p, today, &pmp::check::Facts::default(), &mut sink);
    let diagnostics = pmp::check::finish(&sources, &Default::default(), sink.diagnostics);
    let report = Report {
        sources: &sources,
        programmes: 1,
        files: 1,
        diagnostics: &diagnostics,
    };
    let human = diag::render(&report, diag::Format::Human, false);
    assert!(
        !human.contains('\u{1b}'),
        "an escape character reached the human report"
    );
    let _ = diag::render(&report, diag::Format::Json, false);
});
