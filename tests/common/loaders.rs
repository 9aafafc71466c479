//! The two YAML loaders side by side, shared by `tests/fast_yaml.rs` and the benchmark's
//! `bench/tests/generated.rs` (included by `#[path]`, not through `common/mod.rs`): both
//! loaders on one text, compared value by value and position by position.
#![allow(dead_code)]

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use pmp::load::{fast, yaml};
use pmp::model::{
    GoalsFile, IndicatorsFile, InstitutionsFile, Manifest, MonitoringFile, Part, PlanFile, ResultsFile,
    SituationFile, SvidFile, recording_positions, with_source,
};
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    /// With the fast path's reason.
    Declined(&'static str),
}

/// Both loaders on `text` as type `T`; panics on any difference.
pub fn compare<T: DeserializeOwned + Debug>(what: &str, text: &str) -> Outcome {
    let (fast, fast_locs) = recording_positions(|| with_source(7, text, || fast::parse::<T>(text)));
    let fast = match fast {
        Ok(v) => v,
        Err(fast::Decline(why)) => return Outcome::Declined(why),
    };
    let (slow, slow_locs) = recording_positions(|| {
        with_source(7, text, || {
            serde_saphyr::from_str_with_options::<T>(text, yaml::options())
        })
    });
    let slow = match slow {
        Ok(v) => v,
        Err(e) => panic!("{what}: the fast path accepted what serde-saphyr rejects: {e}\n{text}"),
    };
    assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{what}: values differ");
    assert_eq!(
        fast_locs.len(),
        slow_locs.len(),
        "{what}: a different number of positions"
    );
    for (i, (f, s)) in fast_locs.iter().zip(&slow_locs).enumerate() {
        assert_eq!(f, s, "{what}: position {i} differs");
    }
    Outcome::Accepted
}

pub fn compare_part(part: Part, what: &str, text: &str) -> Outcome {
    match part {
        Part::Manifest => compare::<Manifest>(what, text),
        Part::Institutions => compare::<InstitutionsFile>(what, text),
        Part::Situation => compare::<SituationFile>(what, text),
        Part::Svid => compare::<SvidFile>(what, text),
        Part::Goals => compare::<GoalsFile>(what, text),
        Part::Indicators => compare::<IndicatorsFile>(what, text),
        Part::Plan => compare::<PlanFile>(what, text),
        Part::Monitoring => compare::<MonitoringFile>(what, text),
        Part::Results => compare::<ResultsFile>(what, text),
    }
}

/// Every part file under `dir` (any depth), with its part.
pub fn part_files(dir: &Path) -> Vec<(Part, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Some(part) = p.file_name().and_then(|n| n.to_str()).and_then(|n| {
                // A year's results: `results/2025.yaml`.
                let year = n
                    .strip_suffix(".yaml")
                    .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
                if year && d.ends_with("results") {
                    return Some(Part::Results);
                }
                Part::ALL.into_iter().find(|part| part.file_name() == n)
            }) {
                out.push((part, p));
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}
