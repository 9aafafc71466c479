//! `monitoring.yaml`: who monitors the programme, what is done when (the monitoring
//! calendar), and the annual report's template.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Period, Sp};

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitoringFile {
    /// How monitoring is organised, Markdown.
    #[serde(default)]
    pub intro: Option<Sp<String>>,
    /// The source table that prints the monitoring calendar (e.g. `2.4.`); a number here is
    /// the number the rendered calendar keeps.
    #[serde(default)]
    pub printed_in: Option<Sp<String>>,
    /// The caption the source prints over the monitoring calendar (without its number); the rendered table
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
    /// The period as the monitoring section states it, where it states one.
    #[serde(default)]
    pub period: Option<Period>,
    /// The monitoring calendar: reports, data collection, working-group meetings.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Columns of the annual results report template, where the programme gives one.
    #[serde(default)]
    pub report_template: Vec<Sp<String>>,
    /// The report template as the source prints it, a table: its number, caption and merged
    /// headers over `report_template`'s columns. Without it the columns are printed as a list.
    #[serde(default)]
    pub report_table: Option<ReportTable>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportTable {
    /// The table's number as printed (e.g. "2.5."); prose refers to it as `[](#tab:report)`.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The caption as printed.
    #[serde(default)]
    pub caption: Option<Sp<String>>,
    /// The label the source prints before the caption, its separator included (`2.1. tabula:`,
    /// `2.4.tabula.`), where it is not pmp's own (`2.1. tabula.`).
    #[serde(default)]
    pub label: Option<Sp<String>>,
    /// Merged headers: each over consecutive columns of `report_template`, named as there.
    #[serde(default)]
    pub groups: Vec<ReportGroup>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportGroup {
    /// The merged header's text.
    pub label: Sp<String>,
    /// The columns it stands over, as `report_template` names them, left to right.
    pub columns: Vec<Sp<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The event's id, unique among events (e.g. `m-report`); recorded completions and the calendar's UIDs use it.
    pub id: Id,
    /// The event's number as printed (e.g. "1."); a number without quotes is read as text too.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// What happens, as printed.
    pub title: Sp<String>,
    /// When it happens: once, on a date, yearly, twice a year or as needed.
    pub timing: Timing,
    /// Responsible institutions: ids, short forms or names from the registry.
    #[serde(default)]
    pub responsible: Vec<Sp<String>>,
    /// What is done ("kārtība"), Markdown.
    #[serde(default)]
    pub procedure: Option<Sp<String>>,
    /// What the event produces.
    #[serde(default)]
    pub output: Option<Sp<Output>>,
    /// Occurrences recorded as done.
    #[serde(default)]
    pub done: Vec<Done>,
}

/// When an event happens.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    /// How often: `once` (year, month), `date`, `yearly` (month), `twice-yearly` (months) or `as-needed`.
    pub every: Sp<Recurrence>,
    /// For `once`: the year.
    #[serde(default)]
    pub year: Option<Sp<i32>>,
    /// For `once` and `yearly`: the month (1-12).
    #[serde(default)]
    #[schemars(range(min = 1, max = 12))]
    pub month: Option<Sp<u32>>,
    /// For `twice-yearly`: the two months (1-12).
    #[serde(default)]
    #[schemars(inner(range(min = 1, max = 12)))]
    pub months: Vec<Sp<u32>>,
    /// For `date`: the day.
    #[serde(default)]
    #[schemars(with = "Option<super::DateSchema>")]
    pub date: Option<Sp<NaiveDate>>,
    /// The timing as printed (e.g. "Reizi gadā augustā").
    #[serde(default)]
    pub text: Option<Sp<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Recurrence {
    /// A single month of a single year (`year`, `month`).
    Once,
    /// A single day (`date`).
    Date,
    /// A month every year of the period (`month`).
    Yearly,
    /// Twice a year (`months`: two months), or unspecified months when none are given.
    TwiceYearly,
    /// Whenever needed; never scheduled.
    AsNeeded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Output {
    AnnualReport,
    FinalReport,
    PlanUpdate,
    Order,
    Information,
    Other,
}

/// A recorded completion of one occurrence.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Done {
    /// The occurrence this completes: its year (yearly events) or its date.
    pub occurrence: Sp<String>,
    /// The day it was done, YYYY-MM-DD; not after today.
    #[schemars(with = "super::DateSchema")]
    pub date: Sp<NaiveDate>,
    /// A remark on the completion (e.g. "iesniegts domei").
    #[serde(default)]
    pub note: Option<Sp<String>>,
    /// Where the report or minutes can be found.
    #[serde(default)]
    pub link: Option<Sp<String>>,
}
