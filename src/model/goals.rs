//! `goals.yaml`: strategic goals by prevention level, and `indicators.yaml`: the policy result
//! indicators that measure them (baseline, targets per milestone year, breakdowns).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Level, Number, Printed, Sp};

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalsFile {
    #[serde(default)]
    pub intro: Option<Sp<String>>,
    /// The source table the goals' own fields follow (e.g. "2.1."), when the source prints the
    /// goals in several tables; see `printed` on each goal.
    #[serde(default)]
    pub printed_in: Option<Sp<String>>,
    #[serde(default)]
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: Id,
    pub level: Sp<Level>,
    /// Number as printed (e.g. "3"), if the source numbers goals.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    pub title: Sp<String>,
    /// Expected results ("sasniedzamais rezultāts").
    #[serde(default)]
    pub results: Vec<Sp<String>>,
    /// How other tables of the source print this goal, where they differ (transcriptions only).
    #[serde(default)]
    pub printed: Vec<Printed>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsFile {
    #[serde(default)]
    pub intro: Option<Sp<String>>,
    /// The source table the indicators' own fields follow, when the source prints them in
    /// several tables; see `printed` on each indicator.
    #[serde(default)]
    pub printed_in: Option<Sp<String>>,
    /// The milestone years the targets are set for (columns of the indicator table).
    #[serde(default)]
    pub milestones: Vec<Sp<i32>>,
    /// Footnotes printed under the table (e.g. what "IKMS" means).
    #[serde(default)]
    pub notes: Vec<Sp<String>>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Id,
    #[serde(default)]
    pub number: Option<Sp<String>>,
    pub title: Sp<String>,
    /// `percent` values must lie in 0-100.
    #[serde(default)]
    pub unit: Option<Sp<Unit>>,
    /// The goals this indicator measures.
    #[serde(default)]
    pub goals: Vec<Sp<String>>,
    /// Whether the indicator should rise or fall; targets that move the other way are
    /// reported. Give it where the programme says so (a trend word, an expected result).
    #[serde(default)]
    pub direction: Option<Sp<Direction>>,
    /// The prevention level of the row the source prints it in.
    #[serde(default)]
    pub level: Option<Sp<Level>>,
    /// Named sub-values (e.g. grades 1-3 and 4-9).
    #[serde(default)]
    pub breakdowns: Vec<Breakdown>,
    pub baseline: Baseline,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Data source ("datu avots").
    #[serde(default)]
    pub source: Option<Sp<String>>,
    /// How other tables of the source print this indicator, where they differ.
    #[serde(default)]
    pub printed: Vec<Printed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Percent,
    Count,
    Ratio,
    Score,
    Eur,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    pub key: Id,
    pub label: Sp<String>,
}

/// The starting value: a value with its year, or a promise to set it in a later year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    #[serde(default)]
    pub value: Option<Number>,
    /// The year the value was measured.
    #[serde(default)]
    pub year: Option<Sp<i32>>,
    /// "Tiks noteikts YEAR": the baseline will be set in this year.
    #[serde(default)]
    pub to_be_set: Option<Sp<i32>>,
    /// Values per breakdown key.
    #[serde(default)]
    pub values: Vec<BreakdownValue>,
    /// The cell as printed, when the value alone loses something.
    #[serde(default)]
    pub text: Option<Sp<String>>,
}

/// A target for a milestone year: a value, values per breakdown, or a trend word.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub year: Sp<i32>,
    #[serde(default)]
    pub value: Option<Number>,
    #[serde(default)]
    pub values: Vec<BreakdownValue>,
    /// A target printed as a bound (`< 0,05 %` is `value: 0.05, bound: below`).
    #[serde(default)]
    pub bound: Option<Sp<Bound>>,
    /// A trend word where the source gives no figure (e.g. "pieaug").
    #[serde(default)]
    pub trend: Option<Sp<String>>,
    #[serde(default)]
    pub text: Option<Sp<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakdownValue {
    pub key: Sp<String>,
    pub value: Number,
    /// A value printed as a bound (`< 0,05 %`).
    #[serde(default)]
    pub bound: Option<Sp<Bound>>,
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Rise,
    Fall,
}

/// A target printed as a bound rather than a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// `< X`
    Below,
    /// `≤ X`, „ne vairāk kā X”
    AtMost,
    /// `> X`
    Above,
    /// `≥ X`, „vismaz X”
    AtLeast,
}
