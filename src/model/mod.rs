//! The programme model: one Rust type per part of a programme, deserialized straight from the
//! YAML files of a programme folder, with the position of every value kept ([`Sp`]).
//!
//! No I/O happens here. The loader (`crate::load`) reads files into these types; rules
//! (`crate::check`) and renderers read them. Each part lives in its own file of the folder,
//! named by [`Part::file_name`]; entities refer to each other by id only.

mod common;
mod goals;
mod institutions;
mod manifest;
mod monitoring;
mod plan;
mod printed;
mod results;
mod situation;
mod span;
mod svid;

pub use common::*;
pub use goals::*;
pub use institutions::*;
pub use manifest::*;
pub use monitoring::*;
pub use plan::*;
pub use printed::*;
pub use results::*;
pub use situation::*;
pub use span::*;
pub use svid::*;

use std::path::PathBuf;

/// The parts of a programme, one YAML file each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Manifest,
    Institutions,
    Situation,
    Svid,
    Goals,
    Indicators,
    Plan,
    Monitoring,
    /// A year's results, `results/YYYY.yaml`; any number of them, none required.
    Results,
}

impl Part {
    pub const ALL: [Part; 8] = [
        Part::Manifest,
        Part::Institutions,
        Part::Situation,
        Part::Svid,
        Part::Goals,
        Part::Indicators,
        Part::Plan,
        Part::Monitoring,
    ];

    /// Every part with a schema: the folder's own files and the yearly results.
    pub const WITH_SCHEMA: [Part; 9] = [
        Part::Manifest,
        Part::Institutions,
        Part::Situation,
        Part::Svid,
        Part::Goals,
        Part::Indicators,
        Part::Plan,
        Part::Monitoring,
        Part::Results,
    ];

    /// The part's name, used for its file (`<name>.yaml`) and its schema
    /// (`schemas/<name>.schema.json`).
    pub fn name(self) -> &'static str {
        match self {
            Part::Manifest => "programme",
            Part::Institutions => "institutions",
            Part::Situation => "situation",
            Part::Svid => "svid",
            Part::Goals => "goals",
            Part::Indicators => "indicators",
            Part::Plan => "plan",
            Part::Monitoring => "monitoring",
            Part::Results => "results",
        }
    }

    pub fn file_name(self) -> String {
        format!("{}.yaml", self.name())
    }

    /// The folder of the yearly results files, inside the programme folder.
    pub const RESULTS_DIR: &'static str = "results";

    /// The path of a year's results file, relative to the programme folder.
    pub fn results_file(year: i32) -> String {
        format!("{}/{year}.yaml", Part::RESULTS_DIR)
    }

    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Whether a programme folder must contain this part.
    pub fn required(self) -> bool {
        !matches!(self, Part::Svid | Part::Situation | Part::Results)
    }

    /// The JSON Schema of this part's file.
    pub fn schema(self) -> schemars::Schema {
        let gen_for = |mut s: schemars::Schema| {
            s.insert(
                "$id".into(),
                format!("https://pmp.invalid/schemas/{}.schema.json", self.name()).into(),
            );
            s
        };
        gen_for(match self {
            Part::Manifest => schemars::schema_for!(Manifest),
            Part::Institutions => schemars::schema_for!(InstitutionsFile),
            Part::Situation => schemars::schema_for!(SituationFile),
            Part::Svid => schemars::schema_for!(SvidFile),
            Part::Goals => schemars::schema_for!(GoalsFile),
            Part::Indicators => schemars::schema_for!(IndicatorsFile),
            Part::Plan => schemars::schema_for!(PlanFile),
            Part::Monitoring => schemars::schema_for!(MonitoringFile),
            Part::Results => schemars::schema_for!(ResultsFile),
        })
    }
}

/// A source file read while loading: its path as given to the user and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// Every file read in one run, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    pub files: std::collections::BTreeMap<FileId, SourceFile>,
}

impl Sources {
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(&id)
    }
}

/// One programme folder, loaded. A part that failed to load is `None`; its problems were
/// reported by the loader and rules that need it are skipped.
#[derive(Debug, Clone, Default)]
pub struct Programme {
    /// The folder it was loaded from.
    pub dir: PathBuf,
    /// File of each part that exists, for diagnostics that point at a whole file.
    pub files: Vec<(Part, FileId)>,
    pub manifest: Option<Manifest>,
    pub institutions: Option<InstitutionsFile>,
    pub situation: Option<SituationFile>,
    pub svid: Option<SvidFile>,
    pub goals: Option<GoalsFile>,
    pub indicators: Option<IndicatorsFile>,
    pub plan: Option<PlanFile>,
    pub monitoring: Option<MonitoringFile>,
    /// The yearly results files that loaded, by the year their file is named after.
    pub results: std::collections::BTreeMap<i32, YearResults>,
    /// Every year with a results file, loaded or not (one that did not load has findings).
    pub result_files: std::collections::BTreeSet<i32>,
}

/// One loaded results file.
#[derive(Debug, Clone)]
pub struct YearResults {
    /// The file it was read from.
    pub file: FileId,
    pub data: ResultsFile,
}

impl Programme {
    pub fn file_of(&self, part: Part) -> Option<FileId> {
        self.files.iter().find(|(p, _)| *p == part).map(|(_, f)| *f)
    }

    /// The programme's id, or the folder name when the manifest did not load.
    pub fn id(&self) -> String {
        match &self.manifest {
            Some(m) => m.id.value.clone(),
            None => self
                .dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}
