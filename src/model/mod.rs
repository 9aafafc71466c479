//! The programme model: one Rust type per part of a programme, deserialized straight from the
//! YAML files of a programme folder, with the position of every value kept ([`Sp`]).
//!
//! No I/O happens here. The loader (`crate::load`) reads files into these types; rules
//! (`crate::check`) and renderers read them. Each part lives in its own file of the folder,
//! named by [`Part::file_name`]; entities refer to each other by id only.

mod index;
pub use index::{Index, norm_name, norm_number};
mod common;
mod goals;
mod institutions;
mod manifest;
mod monitoring;
mod outline;
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
pub use outline::*;
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

    /// The JSON Schema of this part's file, in standard JSON Schema 2020-12 only (see
    /// [`standardize`]).
    pub fn schema(self) -> schemars::Schema {
        let gen_for = |mut s: schemars::Schema| {
            s.insert(
                "$id".into(),
                format!("https://pmp.invalid/schemas/{}.schema.json", self.name()).into(),
            );
            if let Some(m) = s.as_object_mut() {
                let mut v = serde_json::Value::Object(std::mem::take(m));
                standardize(&mut v);
                if let serde_json::Value::Object(done) = v {
                    *m = done;
                }
            }
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

/// The formats JSON Schema 2020-12 defines; any other (schemars writes `int32`, `uint32`,
/// `double` for Rust's number types) is unknown to validators and rejected by strict ones.
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Makes a generated schema say what the checker accepts, in standard keywords only:
///
/// - formats outside the standard's list are dropped (the type and range stay);
/// - a plain text field (a string with no pattern, enum or format) also takes a number or
///   true/false, as the loader reads them as text (`number: 5` is the text „5”).
///
/// Ranges (months 1-12) and date patterns are on the model's fields; see [`DateSchema`].
pub fn standardize(v: &mut serde_json::Value) {
    use serde_json::{Value, json};
    match v {
        Value::Object(map) => {
            // Children first: the alternatives added below are not to be rewritten again.
            for (_, child) in map.iter_mut() {
                standardize(child);
            }
            if let Some(Value::String(f)) = map.get("format")
                && !STANDARD_FORMATS.contains(&f.as_str())
            {
                map.remove("format");
            }
            let constrained = ["pattern", "enum", "const", "format"]
                .iter()
                .any(|k| map.contains_key(*k));
            let text = match map.get("type") {
                Some(Value::String(t)) if t == "string" => Some(false),
                Some(Value::Array(ts))
                    if ts.len() == 2 && ts.contains(&json!("string")) && ts.contains(&json!("null")) =>
                {
                    Some(true)
                }
                _ => None,
            };
            if let (Some(nullable), false) = (text, constrained) {
                map.remove("type");
                let mut any = vec![
                    json!({"type": "string"}),
                    json!({"type": "number"}),
                    json!({"type": "boolean"}),
                ];
                if nullable {
                    any.push(json!({"type": "null"}));
                }
                map.insert("anyOf".into(), Value::Array(any));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(standardize),
        _ => {}
    }
}

/// The schema of a day (`2025-01-30`) as the checker reads it: year, month and day with
/// dashes, month and day with or without a leading zero. Whether the day exists in its month
/// (`2025-02-30`) only the checker says.
pub struct DateSchema;

impl schemars::JsonSchema for DateSchema {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])$"
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
