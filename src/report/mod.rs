//! `pmp report`: the annual report of a programme, built from the programme and one year's
//! results (`results/YYYY.yaml`).
//!
//! [`build`] turns both into one view ([`view::Report`]): the table of Jelgava's model 2.5
//! (every activity, grouped by prevention level and goal, with funding invested, planned and
//! achieved results, impact and factors), each indicator's baseline, achieved values so far,
//! next target and progress ([`progress`], Open SDG's method) with a traffic light, and a
//! summary for the municipality's public annual report. The writers (`json.rs`, `markdown.rs`,
//! `html.rs`, `docx.rs`) only format that view, so every format says the same.
//!
//! [`lacks`] says what a year's results are missing; `pmp check` and `pmp report` without
//! `--year` use it. Nothing here reads the clock or prints.

mod docx;
mod html;
mod json;
mod markdown;
pub mod progress;
pub mod view;

use std::collections::BTreeSet;

use crate::model::{ExecStatus, Indicator, Programme, number_value};
use progress::{Direction, Goal, Outcome, Series};

pub use view::{Report, build};

/// The formats `pmp report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Docx, Format::Json];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Json => "json",
        }
    }
}

/// Writes the report in one format.
pub fn write(r: &Report, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Markdown => Ok(markdown::write(r).into_bytes()),
        Format::Html => Ok(html::write(r).into_bytes()),
        Format::Docx => docx::write(r),
        Format::Json => Ok(json::write(r).into_bytes()),
    }
}

/// The direction a trend word asks for: „pieaug” (rises), „samazinās” (falls), ...
pub fn trend_direction(word: &str) -> Option<Direction> {
    let w = word.to_lowercase();
    let up = ["pieaug", "palielin", "uzlabo", "aug", "increase", "rise", "grow"];
    let down = ["samazin", "mazin", "krīt", "sarūk", "decrease", "fall", "reduce"];
    if down.iter().any(|d| w.contains(d)) {
        Some(Direction::Down)
    } else if up.iter().any(|u| w.contains(u)) {
        Some(Direction::Up)
    } else {
        None
    }
}

/// The direction an indicator states (`direction: rise|fall`).
pub fn stated_direction(ind: &Indicator) -> Option<Direction> {
    ind.direction.as_ref().map(|d| match d.value {
        crate::model::Direction::Rise => Direction::Up,
        crate::model::Direction::Fall => Direction::Down,
    })
}

/// The target an indicator is measured against in `year`: that of the first milestone not
/// before `year`, or the last one once every milestone has passed. For a breakdown `key`, that
/// breakdown's value. Returns the goal and the target's year.
pub fn goal_for(ind: &Indicator, year: i32, key: Option<&str>) -> Option<(Goal, i32)> {
    let mut targets: Vec<_> = ind.targets.iter().collect();
    targets.sort_by_key(|t| t.year.value);
    let t = targets.iter().find(|t| t.year.value >= year).or(targets.last())?;
    let value = match key {
        Some(k) => t.values.iter().find(|v| v.key.value == k).map(|v| v.value.f()),
        None => t.value.as_ref().map(|v| v.f()),
    };
    match value {
        Some(v) => Some((
            Goal::Value {
                year: t.year.value,
                value: v,
            },
            t.year.value,
        )),
        None => t
            .trend
            .as_ref()
            .and_then(|w| trend_direction(w))
            .or_else(|| stated_direction(ind))
            .map(|d| (Goal::Direction(d), t.year.value)),
    }
}

/// The baseline value of an indicator (or of one breakdown).
pub fn baseline_value(ind: &Indicator, key: Option<&str>) -> Option<f64> {
    match key {
        Some(k) => ind
            .baseline
            .values
            .iter()
            .find(|v| v.key.value == k)
            .map(|v| v.value.f()),
        None => ind.baseline.value.as_ref().map(|v| v.f()),
    }
}

/// The achieved value of an indicator (or of one breakdown) recorded for `year`.
pub fn achieved(p: &Programme, ind: &Indicator, year: i32, key: Option<&str>) -> Option<f64> {
    let r = p.results.get(&year)?;
    let e = r
        .data
        .indicators
        .iter()
        .find(|e| e.indicator.value == ind.id.value)?;
    match key {
        Some(k) => e
            .values
            .iter()
            .find(|v| v.key.value == k)
            .map(|v| number_value(&v.value)),
        None => e.value.as_ref().map(number_value),
    }
}

/// The series an indicator is measured by: one per breakdown when it has breakdowns with
/// baseline values, otherwise the indicator's own value.
pub fn series_keys(ind: &Indicator) -> Vec<Option<String>> {
    let keyed: Vec<Option<String>> = ind
        .breakdowns
        .iter()
        .filter(|b| baseline_value(ind, Some(&b.key.value)).is_some())
        .map(|b| Some(b.key.value.clone()))
        .collect();
    if keyed.is_empty() { vec![None] } else { keyed }
}

/// The progress of one series in `year`, from that year's achieved value: an annual report
/// judges the year by its own figure, so a year whose figure is not available yet is `not
/// available` rather than judged by an older one.
pub fn measure_series(p: &Programme, ind: &Indicator, year: i32, key: Option<&str>) -> Outcome {
    let (Some(base_year), Some(base_value)) = (ind.baseline.year.as_ref(), baseline_value(ind, key)) else {
        return Outcome::NOT_AVAILABLE;
    };
    let (Some(v), Some((goal, _))) = (achieved(p, ind, year, key), goal_for(ind, year, key)) else {
        return Outcome::NOT_AVAILABLE;
    };
    progress::measure(&Series {
        base_year: base_year.value,
        base_value,
        year,
        value: v,
        goal,
        direction: stated_direction(ind),
    })
}

/// The progress of an indicator in `year`: its series combined as the method combines them.
pub fn measure_indicator(p: &Programme, ind: &Indicator, year: i32) -> Outcome {
    let parts: Vec<Outcome> = series_keys(ind)
        .iter()
        .map(|k| measure_series(p, ind, year, k.as_deref()))
        .collect();
    progress::aggregate(&parts)
}

/// What the results of `year` are missing: indicators with no achieved value (and no note
/// saying why), activities
/// running that year with no entry, activities with no status of their tasks (where the plan
/// has tasks), who compiled them. Empty when complete; one entry when the file is missing.
pub fn lacks(p: &Programme, year: i32) -> Vec<crate::i18n::Text> {
    use crate::i18n::Lang;
    use crate::tr;
    let file = crate::model::Part::results_file(year);
    let Some(r) = p.results.get(&year) else {
        return vec![if p.result_files.contains(&year) {
            tr!(
                en("{file} does not load (`pmp check` says why)"),
                lv("failu `{file}` nevar nolasīt (`pmp check` parāda, kāpēc)"),
            )
        } else {
            tr!(
                en("no results file ({file})"),
                lv("nav rezultātu faila (`{file}`)")
            )
        }];
    };
    let mut out = Vec::new();
    if let Some(f) = &p.indicators {
        let have: BTreeSet<&str> = r
            .data
            .indicators
            .iter()
            // An entry with a note but no figure says why the figure is not available.
            .filter(|e| e.value.is_some() || !e.values.is_empty() || e.note.is_some())
            .map(|e| e.indicator.value.as_str())
            .collect();
        let missing: Vec<&str> = f
            .indicators
            .iter()
            .map(|i| i.id.value.as_str())
            .filter(|id| !have.contains(id))
            .collect();
        if !missing.is_empty() {
            out.push(tr!(
                en("no achieved value for indicator(s) {}", missing.join(", ")),
                lv(
                    "nav sasniegtās vērtības {} {}",
                    Lang::Lv.plural(missing.len(), "rādītājam", "rādītājiem"),
                    missing.join(", ")
                ),
            ));
        }
    }
    if let Some(plan) = &p.plan {
        let entries: Vec<_> = r.data.activities.iter().collect();
        let missing: Vec<&str> = plan
            .activities
            .iter()
            .filter(|a| a.years.iter().any(|y| y.value == year))
            .filter(|a| !entries.iter().any(|e| e.activity.value == a.id.value))
            .map(|a| a.id.value.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(tr!(
                en("no status for activity(ies) {}", missing.join(", ")),
                lv(
                    "nav izpildes statusa {} {}",
                    Lang::Lv.plural(missing.len(), "aktivitātei", "aktivitātēm"),
                    missing.join(", ")
                ),
            ));
        }
        let mut tasks = Vec::new();
        for e in &entries {
            if matches!(e.status.value, ExecStatus::NotStarted | ExecStatus::Cancelled) {
                continue;
            }
            if let Some(a) = plan.activities.iter().find(|a| a.id.value == e.activity.value) {
                for t in &a.tasks {
                    if !e.tasks.iter().any(|x| x.task.value == t.id.value) {
                        tasks.push(t.id.value.as_str());
                    }
                }
            }
        }
        if !tasks.is_empty() {
            out.push(tr!(
                en("no status for task(s) {}", tasks.join(", ")),
                lv(
                    "nav izpildes statusa {} {}",
                    Lang::Lv.plural(tasks.len(), "darba uzdevumam", "darba uzdevumiem"),
                    tasks.join(", ")
                ),
            ));
        }
    }
    if r.data.compiled.is_none() {
        out.push(tr!(
            en("no `compiled` (who compiled the results and when)"),
            lv("nav `compiled` (kas un kad rezultātus apkopoja)"),
        ));
    }
    out
}
