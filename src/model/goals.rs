//! `goals.yaml`: strategic goals by prevention level, and `indicators.yaml`: the policy result
//! indicators that measure them (baseline, targets per milestone year, breakdowns).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Level, Number, Printed, Sp};

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalsFile {
    /// Text printed before the goals.
    #[serde(default)]
    pub intro: Option<Sp<String>>,
    /// The source table the goals' own fields follow (e.g. "2.1."), when the source prints the
    /// goals in several tables; see `printed` on each goal.
    #[serde(default)]
    pub printed_in: Option<Sp<String>>,
    /// The caption the source prints over the goals' table (without its number); the rendered table
    /// takes it instead of pmp's own.
    #[serde(default)]
    pub caption: Option<Sp<String>>,
    /// The label the source prints before the caption, its separator included (`2.1. tabula:`,
    /// `2.4.tabula.`), where it is not pmp's own (`2.1. tabula.`).
    #[serde(default)]
    pub label: Option<Sp<String>>,
    /// How the source prints the table: its header rows, column numbers, level rows.
    #[serde(default)]
    pub layout: Option<super::TableLayout>,
    /// The programme's goals, at least one per prevention level.
    #[serde(default)]
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal's id, unique among goals; the plan and the indicators refer to it (e.g. `g1`).
    pub id: Id,
    /// The prevention level the goal belongs to: universal, targeted or indicated.
    pub level: Sp<Level>,
    /// Number as printed (e.g. "3"), if the source numbers goals.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The goal as printed in the programme.
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
    /// Text printed before the indicator table.
    #[serde(default)]
    pub intro: Option<Sp<String>>,
    /// The source table the indicators' own fields follow, when the source prints them in
    /// several tables; see `printed` on each indicator.
    #[serde(default)]
    pub printed_in: Option<Sp<String>>,
    /// The caption the source prints over the indicator table (without its number); the rendered table
    /// takes it instead of pmp's own.
    #[serde(default)]
    pub caption: Option<Sp<String>>,
    /// The label the source prints before the caption, its separator included (`2.1. tabula:`,
    /// `2.4.tabula.`), where it is not pmp's own (`2.1. tabula.`).
    #[serde(default)]
    pub label: Option<Sp<String>>,
    /// How the source prints the table: its header rows, column numbers, level rows.
    #[serde(default)]
    pub layout: Option<super::TableLayout>,
    /// The milestone years the targets are set for (columns of the indicator table).
    #[serde(default)]
    pub milestones: Vec<Sp<i32>>,
    /// Footnotes printed under the table (e.g. what "IKMS" means).
    #[serde(default)]
    pub notes: Vec<Sp<String>>,
    /// The indicators that measure the goals.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The indicator's id, unique among indicators; activities refer to it (e.g. `i1`).
    pub id: Id,
    /// The indicator's number as printed (e.g. "1."); a number without quotes is read as text too.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// What the indicator measures, as printed.
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
    /// Whether the source states `direction` (a trend word, the expected result of the goal it
    /// measures: `stated`, the default) or the transcriber inferred it from what the
    /// programme says about a related quantity (`inferred`); findings resting on an inferred
    /// direction say so.
    #[serde(default)]
    pub direction_basis: Option<Sp<DirectionBasis>>,
    /// The prevention level of the row the source prints it in.
    #[serde(default)]
    pub level: Option<Sp<Level>>,
    /// Named sub-values (e.g. grades 1-3 and 4-9).
    #[serde(default)]
    pub breakdowns: Vec<Breakdown>,
    /// The value at the start, and the year it was measured (or is to be set).
    pub baseline: Baseline,
    /// The values to reach, one per milestone year.
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
    /// The breakdown's id, used by baseline and target values (e.g. `g1-3`).
    pub key: Id,
    /// The breakdown as printed (e.g. "1.–3. klase").
    pub label: Sp<String>,
}

/// The starting value: a value with its year, or a promise to set it in a later year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The baseline figure; leave it out while it is to be determined.
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
    /// The milestone year of the target, within the programme's period.
    pub year: Sp<i32>,
    /// The figure to reach (a percentage for a percent indicator).
    #[serde(default)]
    pub value: Option<Number>,
    /// The figures to reach per breakdown, instead of `value`.
    #[serde(default)]
    pub values: Vec<BreakdownValue>,
    /// A target printed as a bound (`< 0,05 %` is `value: 0.05, bound: below`).
    #[serde(default)]
    pub bound: Option<Sp<Bound>>,
    /// A trend word where the source gives no figure (e.g. "pieaug").
    #[serde(default)]
    pub trend: Option<Sp<String>>,
    /// The target as printed, when it differs from the figure.
    #[serde(default)]
    pub text: Option<Sp<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakdownValue {
    /// The breakdown this value is for (a `key` of the indicator's `breakdowns`).
    pub key: Sp<String>,
    /// The figure for that breakdown.
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

/// Where an indicator's direction comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DirectionBasis {
    /// The source states it.
    Stated,
    /// The transcriber inferred it; the source does not state it for this indicator.
    Inferred,
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
