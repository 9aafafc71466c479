//! `results/YYYY.yaml`: what a programme achieved in one year, one file per year.
//!
//! The responsible bodies report each August what they did; the education board compiles the
//! annual report from it in September (Jelgava's model is its table 2.5). A results file holds
//! that year's achieved value of every indicator (per breakdown where it has breakdowns), the
//! execution of every activity (status, achieved results, funding invested per source, impact
//! assessment, factor analysis) and of its tasks, who compiled it and which meeting or decision
//! took note of it. Everything refers to the programme's entities by id.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Number, PartialDate, Sp};

/// The results of one year of a programme.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultsFile {
    /// The id of the programme these results belong to (its `programme.yaml` id).
    pub programme: Sp<String>,
    /// The year reported on; the file is named after it (`results/2025.yaml`).
    pub year: Sp<i32>,
    /// Who compiled the results and when.
    #[serde(default)]
    pub compiled: Option<Compiled>,
    /// The meeting or decision that took note of the annual report, once it has.
    #[serde(default)]
    pub noted: Option<Noted>,
    /// Achieved values of the programme's indicators.
    #[serde(default)]
    pub indicators: Vec<IndicatorResult>,
    /// Execution of the action plan's activities.
    #[serde(default)]
    pub activities: Vec<ActivityResult>,
    /// Free notes on the year, Markdown.
    #[serde(default)]
    pub notes: Vec<Sp<String>>,
}

/// Who compiled a year's results.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compiled {
    /// The body (an id, name or short form from institutions.yaml) or person who compiled it.
    pub by: Sp<String>,
    /// The day it was compiled, YYYY-MM-DD.
    #[schemars(with = "String")]
    pub date: Sp<NaiveDate>,
}

/// The meeting or decision that took note of the annual report.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Noted {
    /// The body that took note (e.g. "Sadarbības un sociālā veida vienība", the council).
    pub body: Sp<String>,
    /// The day of the meeting, YYYY-MM-DD.
    #[schemars(with = "String")]
    pub date: Sp<NaiveDate>,
    /// Decision or protocol number, as printed.
    #[serde(default)]
    pub decision: Option<Sp<String>>,
    /// Where the minutes or decision are published.
    #[serde(default)]
    pub link: Option<Sp<String>>,
}

/// The achieved value of one indicator in the year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorResult {
    /// The indicator's id from indicators.yaml.
    pub indicator: Sp<String>,
    /// The achieved value, for an indicator without breakdowns.
    #[serde(default)]
    pub value: Option<Number>,
    /// Achieved values per breakdown key, for an indicator with breakdowns.
    #[serde(default)]
    pub values: Vec<AchievedValue>,
    /// The day the figure was taken, YYYY, YYYY-MM or YYYY-MM-DD.
    #[serde(default)]
    pub date: Option<Sp<PartialDate>>,
    /// Where the figure comes from (e.g. "VIIS, 01.09.2025.").
    #[serde(default)]
    pub source: Option<Sp<String>>,
    #[serde(default)]
    pub note: Option<Sp<String>>,
}

/// An achieved value of one breakdown.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AchievedValue {
    /// A breakdown key of the indicator.
    pub key: Sp<String>,
    pub value: Number,
}

/// How far an activity or task got in the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExecStatus {
    /// Izpildīts: carried out as planned for the year.
    Done,
    /// Tiek īstenots: under way, on schedule.
    Ongoing,
    /// Kavējas: under way, behind schedule.
    Delayed,
    /// Nav uzsākts: not started.
    NotStarted,
    /// Atcelts: will not be carried out.
    Cancelled,
}

impl ExecStatus {
    pub const ALL: [ExecStatus; 5] = [
        ExecStatus::Done,
        ExecStatus::Ongoing,
        ExecStatus::Delayed,
        ExecStatus::NotStarted,
        ExecStatus::Cancelled,
    ];

    /// The value as written in YAML and JSON.
    pub fn key(self) -> &'static str {
        match self {
            ExecStatus::Done => "done",
            ExecStatus::Ongoing => "ongoing",
            ExecStatus::Delayed => "delayed",
            ExecStatus::NotStarted => "not-started",
            ExecStatus::Cancelled => "cancelled",
        }
    }
}

/// The execution of one activity in the year: the row of Jelgava's table 2.5.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityResult {
    /// The activity's id from plan.yaml.
    pub activity: Sp<String>,
    pub status: Sp<ExecStatus>,
    /// What was achieved, one entry per expected result of the activity, in the plan's order
    /// ("izpilde": the achieved value against the result indicator).
    #[serde(default)]
    pub achieved: Vec<Sp<String>>,
    /// Funding invested in the year, in EUR, per funding source the activity lists.
    #[serde(default)]
    pub funding: Vec<Invested>,
    /// The impact assessment ("ietekmes novērtēšana").
    #[serde(default)]
    pub impact: Option<Sp<String>>,
    /// What helped or hindered reaching the result ("ietekmes faktoru analīze").
    #[serde(default)]
    pub factors: Option<Sp<String>>,
    /// Execution of the activity's tasks, where the plan has tasks.
    #[serde(default)]
    pub tasks: Vec<TaskResult>,
    #[serde(default)]
    pub note: Option<Sp<String>>,
}

/// Funding invested from one source.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Invested {
    /// A funding source the activity lists in plan.yaml (e.g. "pašvaldības budžets").
    pub source: Sp<String>,
    /// The amount in EUR.
    pub eur: Number,
}

/// The execution of one task in the year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskResult {
    /// The task's id from plan.yaml.
    pub task: Sp<String>,
    pub status: Sp<ExecStatus>,
    /// When it was done (or its status last changed): YYYY, YYYY-MM or YYYY-MM-DD.
    #[serde(default)]
    pub date: Option<Sp<PartialDate>>,
    #[serde(default)]
    pub note: Option<Sp<String>>,
}

/// A value as a plain float, whatever shape [`Number`] has.
pub fn number_value(n: &Number) -> f64 {
    n.f()
}
