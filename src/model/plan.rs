//! `plan.yaml`: the action plan. Activities under goals, with their institutions, years,
//! funding, tasks (executor, supervisor, start and end) and resources.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, PartialDate, Printed, Sp};

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// Text printed before the action plan.
    #[serde(default)]
    pub intro: Option<Sp<String>>,
    /// The source table the activities' own fields follow (e.g. "2.3."), when the source
    /// prints the plan in several tables; see `printed` on each activity.
    #[serde(default)]
    pub printed_in: Option<Sp<String>>,
    /// The caption the source prints over the action plan's table (without its number); the rendered table
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
    /// The columns the source's plan table prints, left to right, where they are not pmp's
    /// own (`number`, `activity`, `results`, `responsible`, `involved`, `years`, `funding`).
    /// With `goal-number` and `goal` the goal stands in its own columns on its first activity's
    /// row, not in a row of its own. A column named here is printed even when it is empty.
    #[serde(default)]
    pub columns: Vec<Sp<PlanColumn>>,
    /// The source table that prints the activities' numbers, when it is not `printed_in`.
    /// Activity numbers are compared with their goal's number in this table.
    #[serde(default)]
    pub numbered_in: Option<Sp<String>>,
    /// The source table that prints the activities' tasks, when it is another table.
    #[serde(default)]
    pub tasks_printed_in: Option<Sp<String>>,
    /// The columns the source's tasks table prints, left to right, where they are not pmp's
    /// own (`task-number`, `task`, `executor`, `supervisor`, `deadline`). With `activity` the
    /// activity stands in its own columns on its first task's row, not in a row of its own.
    #[serde(default)]
    pub tasks_columns: Vec<Sp<TaskColumn>>,
    /// How the source prints the tasks table: its header rows, column numbers, the level
    /// marks of a `level` column.
    #[serde(default)]
    pub tasks_layout: Option<super::TableLayout>,
    /// The source table that prints the activities' resource plan, when it is another table.
    #[serde(default)]
    pub resources_printed_in: Option<Sp<String>>,
    /// The columns the source's resource plan prints, left to right, where they are not pmp's
    /// own (`activity`, `result`, `responsible`, `human`, `support`, `financial`, `funding`).
    #[serde(default)]
    pub resources_columns: Vec<Sp<ResourceColumn>>,
    /// How the source prints the resource plan: its header rows, column numbers, the level
    /// marks of a `level` column.
    #[serde(default)]
    pub resources_layout: Option<super::TableLayout>,
    /// Footnotes printed with the plan.
    #[serde(default)]
    pub notes: Vec<Sp<String>>,
    /// The action plan's activities, each serving one goal.
    #[serde(default)]
    pub activities: Vec<Activity>,
}

/// A column of the action plan's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlanColumn {
    /// The goal's number, on its first activity's row.
    GoalNumber,
    /// The goal's title, on its first activity's row.
    Goal,
    /// The activity's number.
    Number,
    /// The activity's title.
    Activity,
    /// The expected results.
    Results,
    /// The responsible institutions.
    Responsible,
    /// The involved institutions.
    Involved,
    /// One column per year of the period, `X` in the years the activity runs.
    Years,
    /// The funding sources.
    Funding,
}

impl PlanColumn {
    /// pmp's own column set.
    pub const STANDARD: [PlanColumn; 7] = [
        PlanColumn::Number,
        PlanColumn::Activity,
        PlanColumn::Results,
        PlanColumn::Responsible,
        PlanColumn::Involved,
        PlanColumn::Years,
        PlanColumn::Funding,
    ];
}

/// A column of the tasks table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TaskColumn {
    /// The prevention level's mark (the layout's `levels`), on the level's first row.
    Level,
    /// The goal's number, on its first row.
    GoalNumber,
    /// The goal's title, on its first row.
    Goal,
    /// The activity's number, on its first task's row.
    Number,
    /// The activity's title, on its first task's row.
    Activity,
    /// The task's number.
    TaskNumber,
    /// The task.
    Task,
    /// The deadline: the task's `timing` as printed, else its start and end.
    Deadline,
    /// Who carries the task out.
    Executor,
    /// Who supervises it.
    Supervisor,
}

impl TaskColumn {
    /// pmp's own column set.
    pub const STANDARD: [TaskColumn; 5] = [
        TaskColumn::TaskNumber,
        TaskColumn::Task,
        TaskColumn::Executor,
        TaskColumn::Supervisor,
        TaskColumn::Deadline,
    ];
}

/// A column of the resource plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceColumn {
    /// The prevention level's mark (the layout's `levels`), on the level's first row.
    Level,
    /// The activity's number.
    Number,
    /// The activity's title (with its number, where the table has no `number` column).
    Activity,
    /// The result the resources serve.
    Result,
    /// Who acquires the resources.
    Responsible,
    /// Human resources.
    Human,
    /// Support resources.
    Support,
    /// Financial resources.
    Financial,
    /// Human, support and financial resources in one cell, each kind named.
    Resources,
    /// The funding sources.
    Funding,
}

impl ResourceColumn {
    /// pmp's own column set.
    pub const STANDARD: [ResourceColumn; 7] = [
        ResourceColumn::Activity,
        ResourceColumn::Result,
        ResourceColumn::Responsible,
        ResourceColumn::Human,
        ResourceColumn::Support,
        ResourceColumn::Financial,
        ResourceColumn::Funding,
    ];
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// The activity's id, unique among activities (e.g. `a-1-1`).
    pub id: Id,
    /// Number as printed (e.g. "1.2."); its first part should be the goal's number.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The goal this activity serves.
    pub goal: Sp<String>,
    /// The activity as printed.
    pub title: Sp<String>,
    /// Expected results ("sasniedzamais rezultāts").
    #[serde(default)]
    pub results: Vec<Sp<String>>,
    /// Responsible institutions: ids, short forms or names from the registry.
    #[serde(default)]
    pub responsible: Vec<Sp<String>>,
    /// Involved institutions.
    #[serde(default)]
    pub involved: Vec<Sp<String>>,
    /// Years of the period in which the activity runs.
    #[serde(default)]
    pub years: Vec<Sp<i32>>,
    /// Funding sources (e.g. "pašvaldības budžets", "ES fondi"); `["-"]` where the table
    /// prints „-” (no funding needed).
    #[serde(default)]
    pub funding: Vec<Sp<String>>,
    /// Indicators the activity contributes to.
    #[serde(default)]
    pub indicators: Vec<Sp<String>>,
    /// Work tasks ("darba uzdevumi").
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// The resource plan for the activity.
    #[serde(default)]
    pub resources: Option<Resources>,
    /// Notes printed with the activity.
    #[serde(default)]
    pub notes: Vec<Sp<String>>,
    /// How other tables of the source print this activity, where they differ, or that one
    /// does not list it (transcriptions only).
    #[serde(default)]
    pub printed: Vec<Printed>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The task's id, unique among tasks (e.g. `t-1-1-1`).
    pub id: Id,
    /// The task's number as printed (e.g. "1.1.1."); a number without quotes is read as text too.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The task as printed.
    pub title: Sp<String>,
    /// Institutions that carry the task out.
    #[serde(default)]
    pub executor: Vec<Sp<String>>,
    /// Institutions that supervise it.
    #[serde(default)]
    pub supervisor: Vec<Sp<String>>,
    /// When it starts: a year (2026), a month ("2026-05") or a day (2026-05-15).
    #[serde(default)]
    pub start: Option<Sp<PartialDate>>,
    /// When it ends: a year, a month or a day, not before `start`.
    #[serde(default)]
    pub end: Option<Sp<PartialDate>>,
    /// The deadline as printed, when it is not a date (e.g. "pastāvīgi").
    #[serde(default)]
    pub timing: Option<Sp<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    /// The result the resource plan states for the activity, where it differs from `results`.
    #[serde(default)]
    pub result: Option<Sp<String>>,
    /// Responsible institutions as the resource plan names them.
    #[serde(default)]
    pub responsible: Vec<Sp<String>>,
    /// Human resources (who does the work).
    #[serde(default)]
    pub human: Vec<Sp<String>>,
    /// Support resources (premises, materials, partners).
    #[serde(default)]
    pub support: Vec<Sp<String>>,
    /// Financial resources (amounts, budgets).
    #[serde(default)]
    pub financial: Vec<Sp<String>>,
    /// Funding sources named in the resource plan; a cell printed „-” (`["-"]`) states that
    /// the activity needs no funding.
    #[serde(default)]
    pub funding: Vec<Sp<String>>,
}

/// Whether a cell's text is the dash a table prints to state „none” („-”, „–”, „—”), as
/// opposed to a cell left empty.
pub fn states_none(text: &str) -> bool {
    matches!(text.trim(), "-" | "–" | "—")
}
