//! The annual report's view: everything `pmp report` prints, computed once from the programme
//! and the year's results. Values are kept raw (numbers, keys) for JSON and formatted
//! (`text` fields, in the report's language) for Markdown, HTML and Word.

use std::collections::BTreeMap;

use serde::Serialize;

use super::progress::{Light, Status};
use crate::model::Index;
use crate::model::{ExecStatus, Indicator, Level, Num, Programme, Unit, number_value};
use crate::render::Lang;

/// The annual report of one year.
#[derive(Debug, Serialize)]
pub struct Report {
    pub version: u32,
    #[serde(skip)]
    pub lang: Lang,
    #[serde(skip)]
    pub labels: &'static ReportLabels,
    pub lang_code: &'static str,
    pub programme: ProgrammeRef,
    pub year: i32,
    /// The years with results up to and including `year`.
    pub years: Vec<i32>,
    pub compiled: Option<Compiled>,
    pub noted: Option<Noted>,
    /// What the year's results are missing (empty when complete).
    pub lacks: Vec<String>,
    /// The table of Jelgava's model 2.5, by prevention level and goal.
    pub levels: Vec<LevelGroup>,
    pub indicators: Vec<IndicatorRow>,
    pub summary: Summary,
    /// The heading of the report, formatted.
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct ProgrammeRef {
    pub id: String,
    pub municipality: String,
    pub title: String,
    pub period: Period,
}

#[derive(Debug, Serialize)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Serialize)]
pub struct Compiled {
    pub by: String,
    /// The registry's official name, when `by` names a body in institutions.yaml.
    pub name: Option<String>,
    pub date: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Noted {
    pub body: String,
    pub date: String,
    pub decision: Option<String>,
    pub link: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct LevelGroup {
    pub level: &'static str,
    pub label: &'static str,
    pub goals: Vec<GoalGroup>,
}

#[derive(Debug, Serialize)]
pub struct GoalGroup {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    /// `1. Droša mācību vide`.
    pub text: String,
    pub activities: Vec<ActivityRow>,
}

#[derive(Debug, Serialize)]
pub struct ActivityRow {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    /// `1.1. Sociāli emocionālā audzināšana`.
    pub text: String,
    /// Whether the plan runs the activity in this year.
    pub planned_this_year: bool,
    /// The execution status; `null` when the results give none.
    pub status: Option<&'static str>,
    pub status_text: String,
    pub funding: Vec<Funding>,
    /// Funding invested in total, EUR.
    pub funding_total: f64,
    pub funding_text: String,
    /// The plan's expected results.
    pub planned: Vec<String>,
    /// What was achieved, one per expected result where given.
    pub achieved: Vec<String>,
    pub impact: Option<String>,
    pub factors: Option<String>,
    pub note: Option<String>,
    pub tasks: Vec<TaskRow>,
}

#[derive(Debug, Serialize)]
pub struct Funding {
    pub source: String,
    pub eur: f64,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct TaskRow {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub status: Option<&'static str>,
    pub status_text: String,
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub unit: Option<&'static str>,
    pub source: Option<String>,
    pub baseline: Option<Observed>,
    /// Achieved values in each year with results, up to the report's year.
    pub achieved: Vec<Observed>,
    /// The target of the next milestone.
    pub target: Option<Observed>,
    pub progress: Progress,
    /// The note of this year's figure (why it is missing, what it means).
    pub note: Option<String>,
    #[serde(skip)]
    pub chart: crate::render::view::ChartView,
}

/// A value (or values per breakdown) in a year.
#[derive(Debug, Serialize)]
pub struct Observed {
    pub year: i32,
    pub value: Option<f64>,
    #[serde(skip)]
    pub num: Option<Num>,
    pub values: Vec<KeyValue>,
    /// A trend word where a target has no figure.
    pub trend: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct KeyValue {
    pub key: String,
    pub label: String,
    pub value: f64,
    /// The figure with its printed decimals.
    #[serde(skip)]
    pub num: Num,
}

#[derive(Debug, Serialize)]
pub struct Progress {
    pub status: &'static str,
    pub light: &'static str,
    pub score: Option<f64>,
    pub text: String,
    #[serde(skip)]
    pub light_kind: Light,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    /// Activities per execution status (every status, in order; `none`: no status given).
    pub activities: Vec<Count>,
    /// Indicators per progress class (every class, in order).
    pub indicators: Vec<Count>,
    /// Funding invested per source, sorted by source.
    pub funding: Vec<Funding>,
    pub funding_total: f64,
    pub funding_total_text: String,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub key: &'static str,
    pub label: &'static str,
    pub count: usize,
}

/// Every fixed word of the report, in Latvian and in English.
#[derive(Debug)]
pub struct ReportLabels {
    pub title: &'static str,
    pub year_suffix: &'static str,
    pub compiled: &'static str,
    pub noted: &'static str,
    pub incomplete: &'static str,
    pub table_heading: &'static str,
    pub table_caption: &'static str,
    pub col_level: &'static str,
    pub col_goal: &'static str,
    pub col_activity: &'static str,
    pub col_group: &'static str,
    pub col_funding: &'static str,
    pub col_planned: &'static str,
    pub col_achieved: &'static str,
    pub col_impact: &'static str,
    pub col_factors: &'static str,
    pub not_planned: &'static str,
    pub tasks_heading: &'static str,
    pub col_task: &'static str,
    pub col_status: &'static str,
    pub col_date: &'static str,
    pub indicators_heading: &'static str,
    pub col_nr: &'static str,
    pub col_indicator: &'static str,
    pub col_baseline: &'static str,
    pub col_target: &'static str,
    pub col_progress: &'static str,
    pub achieved_in: &'static str,
    pub target_label: &'static str,
    pub baseline_label: &'static str,
    pub method: &'static str,
    pub summary_heading: &'static str,
    pub summary_activities: &'static str,
    pub summary_indicators: &'static str,
    pub summary_funding: &'static str,
    pub col_count: &'static str,
    pub col_source: &'static str,
    pub total: &'static str,
    pub source: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub status: [&'static str; 6],
    pub progress: [&'static str; 6],
}

pub static LV: ReportLabels = ReportLabels {
    title: "Ikgadējais pārskats par PMP prevencijas plāna īstenošanu",
    year_suffix: ". gadā",
    compiled: "Sagatavoja",
    noted: "Pieņemts zināšanai",
    incomplete: "Rezultāti nav pilnīgi",
    table_heading: "PMP prevencijas aktivitāšu rezultāti",
    table_caption: "PMP prevencijas aktivitāšu rezultātu uzskaite un analīze",
    col_level: "PL",
    col_goal: "Mērķis",
    col_activity: "Aktivitāte",
    col_group: "Rezultatīvais rādītājs",
    col_funding: "Ieguldītais finansējums (EUR)",
    col_planned: "Aktivitātes plānotais sasniedzamais rezultāts",
    col_achieved: "Izpilde (sasniegtā vērtība atbilstoši rezultatīvajam rādītājam)",
    col_impact: "Ietekmes novērtēšana",
    col_factors: "Ietekmes faktoru analīze (skaidrojums par apstākļiem, kas veicināja vai kavēja rezultātu sasniegšanu)",
    not_planned: "šajā gadā netiek īstenota",
    tasks_heading: "Darba uzdevumu izpilde",
    col_task: "Darba uzdevums",
    col_status: "Statuss",
    col_date: "Datums",
    indicators_heading: "Rezultatīvo rādītāju progress",
    col_nr: "Nr.",
    col_indicator: "Rādītājs",
    col_baseline: "Bāzes vērtība",
    col_target: "Mērķis",
    col_progress: "Progress",
    achieved_in: "Sasniegts",
    target_label: "mērķis",
    baseline_label: "bāzes vērtība",
    method: "Progress novērtēts ar Open SDG progresa mērījumu (sdg-build ProgressMeasure): kopš bāzes vērtības sasniegto gada vidējo pieaugumu salīdzina ar pieaugumu, kas vajadzīgs nākamā mērķa sasniegšanai. Būtisks progress – vismaz 95 % no vajadzīgā, mērens – vismaz 60 %, neliels – virzība pareizajā virzienā, pasliktināšanās – virzība prom no mērķa.",
    summary_heading: "Kopsavilkums pašvaldības gada publiskajam pārskatam",
    summary_activities: "Aktivitātes pēc izpildes",
    summary_indicators: "Rezultatīvie rādītāji pēc progresa",
    summary_funding: "Ieguldītais finansējums pēc avota",
    col_count: "Skaits",
    col_source: "Finansējuma avots",
    total: "Kopā",
    source: "Avots",
    page: "Lapa",
    of: "no",
    status: [
        "izpildīts",
        "tiek īstenots",
        "kavējas",
        "nav uzsākts",
        "atcelts",
        "nav ziņu",
    ],
    progress: [
        "mērķis sasniegts",
        "būtisks progress",
        "mērens progress",
        "neliels progress",
        "pasliktināšanās",
        "nav datu",
    ],
};

pub static EN: ReportLabels = ReportLabels {
    title: "Annual report on the implementation of the PMP prevention plan",
    year_suffix: "",
    compiled: "Compiled by",
    noted: "Taken note of",
    incomplete: "The results are incomplete",
    table_heading: "Results of the prevention activities",
    table_caption: "Record and analysis of the prevention activities' results",
    col_level: "Level",
    col_goal: "Goal",
    col_activity: "Activity",
    col_group: "Result indicator",
    col_funding: "Funding invested (EUR)",
    col_planned: "Planned result of the activity",
    col_achieved: "Execution (value achieved against the result indicator)",
    col_impact: "Impact assessment",
    col_factors: "Factor analysis (what helped or hindered reaching the result)",
    not_planned: "not run in this year",
    tasks_heading: "Execution of tasks",
    col_task: "Task",
    col_status: "Status",
    col_date: "Date",
    indicators_heading: "Progress of the result indicators",
    col_nr: "No.",
    col_indicator: "Indicator",
    col_baseline: "Baseline",
    col_target: "Target",
    col_progress: "Progress",
    achieved_in: "Achieved",
    target_label: "target",
    baseline_label: "baseline",
    method: "Progress is assessed by Open SDG's progress measure (sdg-build ProgressMeasure): the compound annual growth achieved since the baseline is compared with the growth the next target needs. Substantial progress is at least 95 % of the growth needed, moderate at least 60 %, limited any movement towards the target, deterioration a movement away from it.",
    summary_heading: "Summary for the municipality's public annual report",
    summary_activities: "Activities by execution",
    summary_indicators: "Result indicators by progress",
    summary_funding: "Funding invested by source",
    col_count: "Count",
    col_source: "Funding source",
    total: "Total",
    source: "Source",
    page: "Page",
    of: "of",
    status: [
        "done",
        "ongoing",
        "delayed",
        "not started",
        "cancelled",
        "no report",
    ],
    progress: [
        "target achieved",
        "substantial progress",
        "moderate progress",
        "limited progress",
        "deterioration",
        "not available",
    ],
};

fn labels(lang: Lang) -> &'static ReportLabels {
    match lang {
        Lang::Lv => &LV,
        Lang::En => &EN,
    }
}

fn status_index(s: Option<ExecStatus>) -> usize {
    match s {
        Some(s) => ExecStatus::ALL.iter().position(|x| *x == s).unwrap_or(5),
        None => 5,
    }
}

fn progress_index(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(5)
}

fn unit_key(u: Unit) -> &'static str {
    match u {
        Unit::Percent => "percent",
        Unit::Count => "count",
        Unit::Ratio => "ratio",
        Unit::Score => "score",
        Unit::Eur => "eur",
    }
}

/// A figure in the indicator's unit, with its printed decimals (`91,0 %`).
fn fmt_value(lang: Lang, ind: &Indicator, n: Num) -> String {
    match ind.unit.as_ref().map(|u| u.value) {
        Some(Unit::Percent) => lang.figure_percent(n),
        Some(Unit::Eur) => format!("{}\u{a0}EUR", lang.figure(n)),
        _ => lang.figure(n),
    }
}

/// Values per breakdown as `1.–4. klase: 5,6 %; 5.–9. klase: 10,4 %`.
fn fmt_values(lang: Lang, ind: &Indicator, value: Option<Num>, values: &[KeyValue]) -> String {
    let mut parts: Vec<String> = values
        .iter()
        .map(|kv| format!("{}: {}", kv.label, fmt_value(lang, ind, kv.num)))
        .collect();
    if let Some(v) = value {
        parts.insert(0, fmt_value(lang, ind, v));
    }
    parts.join("; ")
}

fn label_of(ind: &Indicator, key: &str) -> String {
    ind.breakdowns
        .iter()
        .find(|b| b.key.value == key)
        .map_or_else(|| key.to_string(), |b| b.label.value.clone())
}

/// An amount of money as the report prints it: always with its cents, thousands grouped from
/// four digits on, and the currency (`3 400,50 EUR` / `3,400.50 EUR`).
pub fn money(lang: Lang, v: f64) -> String {
    let (thousands, decimal) = match lang {
        Lang::Lv => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    if !v.is_finite() {
        return NO_MONEY.to_string();
    }
    let s = format!("{:.2}", v.abs());
    let (int, cents) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        "−"
    } else {
        ""
    };
    format!("{sign}{grouped}{decimal}{cents}\u{a0}EUR")
}

/// What a report prints where no money was invested.
pub const NO_MONEY: &str = "–";

fn date_text(lang: Lang, d: chrono::NaiveDate) -> String {
    lang.date_short(d)
}

/// Builds the report of `year`.
pub fn build(p: &Programme, year: i32, lang: Lang) -> Report {
    let l = labels(lang);
    let ix = Index::new(p);
    let inst_name = |r: &str| -> Option<String> {
        let id = ix.institution(r)?;
        p.institutions
            .as_ref()?
            .institutions
            .iter()
            .find(|i| i.id.value == id)
            .map(|i| i.name.value.clone())
    };
    let results = p.results.get(&year).map(|r| &r.data);
    let (municipality, title, from, to) = match &p.manifest {
        Some(m) => (
            m.municipality.value.clone(),
            m.title.value.clone(),
            m.period.from.value,
            m.period.to.value,
        ),
        None => (String::new(), String::new(), year, year),
    };
    let compiled = results.and_then(|r| r.compiled.as_ref()).map(|c| {
        let name = inst_name(&c.by.value);
        let who = name.clone().unwrap_or_else(|| c.by.value.clone());
        Compiled {
            by: c.by.value.clone(),
            name,
            date: c.date.value.to_string(),
            text: format!("{}: {who}, {}", l.compiled, date_text(lang, c.date.value)),
        }
    });
    let noted = results.and_then(|r| r.noted.as_ref()).map(|n| {
        let mut text = format!("{}: {}, {}", l.noted, n.body.value, date_text(lang, n.date.value));
        if let Some(d) = &n.decision {
            text.push_str(&format!(", {}", d.value));
        }
        Noted {
            body: n.body.value.clone(),
            date: n.date.value.to_string(),
            decision: n.decision.as_ref().map(|d| d.value.clone()),
            link: n.link.as_ref().map(|d| d.value.clone()),
            text,
        }
    });

    // The table of model 2.5.
    let mut funding_by_source: BTreeMap<String, f64> = BTreeMap::new();
    let mut status_counts = [0usize; 6];
    let mut levels = Vec::new();
    let goals: Vec<&crate::model::Goal> = p
        .goals
        .as_ref()
        .map(|g| g.goals.iter().collect())
        .unwrap_or_default();
    let activities: Vec<&crate::model::Activity> = p
        .plan
        .as_ref()
        .map(|f| f.activities.iter().collect())
        .unwrap_or_default();
    for level in Level::ALL {
        let mut groups = Vec::new();
        for g in goals.iter().filter(|g| g.level.value == level) {
            let mut rows = Vec::new();
            for a in activities.iter().filter(|a| a.goal.value == g.id.value) {
                let entry =
                    results.and_then(|r| r.activities.iter().find(|e| e.activity.value == a.id.value));
                let planned_this_year = a.years.iter().any(|y| y.value == year);
                let status = entry.map(|e| e.status.value);
                if entry.is_some() || planned_this_year {
                    status_counts[status_index(status)] += 1;
                }
                let funding: Vec<Funding> = entry
                    .map(|e| {
                        e.funding
                            .iter()
                            .map(|f| {
                                let eur = number_value(&f.eur);
                                *funding_by_source.entry(f.source.value.clone()).or_default() += eur;
                                Funding {
                                    source: f.source.value.clone(),
                                    eur,
                                    text: format!("{}: {}", f.source.value, money(lang, eur)),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let funding_total: f64 = funding.iter().map(|f| f.eur).sum();
                let funding_text = match funding.len() {
                    0 => NO_MONEY.to_string(),
                    1 => money(lang, funding_total),
                    _ => format!(
                        "{}\n({})",
                        money(lang, funding_total),
                        funding
                            .iter()
                            .map(|f| f.text.as_str())
                            .collect::<Vec<_>>()
                            // One source a line: a narrow column of amounts stays readable.
                            .join(";\n")
                    ),
                };
                let status_text = match (status, planned_this_year) {
                    (None, false) => l.not_planned.to_string(),
                    (s, _) => l.status[status_index(s)].to_string(),
                };
                // Tasks of an activity that neither runs this year nor reports are left out.
                let tasks = a
                    .tasks
                    .iter()
                    .filter(|_| entry.is_some() || planned_this_year)
                    .map(|t| {
                        let te = entry.and_then(|e| e.tasks.iter().find(|x| x.task.value == t.id.value));
                        let ts = te.map(|x| x.status.value);
                        TaskRow {
                            id: t.id.value.clone(),
                            number: t.number.as_ref().map(|n| n.value.clone()),
                            title: t.title.value.clone(),
                            status: ts.map(ExecStatus::key),
                            status_text: l.status[status_index(ts)].to_string(),
                            date: te
                                .and_then(|x| x.date.as_ref())
                                .map(|d| lang.partial_date(d.value.year, d.value.month, d.value.day)),
                            note: te.and_then(|x| x.note.as_ref()).map(|n| n.value.clone()),
                        }
                    })
                    .collect();
                let number = a.number.as_ref().map(|n| n.value.clone());
                rows.push(ActivityRow {
                    id: a.id.value.clone(),
                    text: match &number {
                        Some(n) => format!("{n} {}", a.title.value),
                        None => a.title.value.clone(),
                    },
                    number,
                    title: a.title.value.clone(),
                    planned_this_year,
                    status: status.map(ExecStatus::key),
                    status_text,
                    funding,
                    funding_total,
                    funding_text,
                    planned: a.results.iter().map(|r| r.value.clone()).collect(),
                    achieved: entry
                        .map(|e| e.achieved.iter().map(|x| x.value.clone()).collect())
                        .unwrap_or_default(),
                    impact: entry.and_then(|e| e.impact.as_ref()).map(|x| x.value.clone()),
                    factors: entry.and_then(|e| e.factors.as_ref()).map(|x| x.value.clone()),
                    note: entry.and_then(|e| e.note.as_ref()).map(|x| x.value.clone()),
                    tasks,
                });
            }
            let number = g.number.as_ref().map(|n| n.value.clone());
            groups.push(GoalGroup {
                id: g.id.value.clone(),
                text: match &number {
                    Some(n) => format!("{n} {}", g.title.value),
                    None => g.title.value.clone(),
                },
                number,
                title: g.title.value.clone(),
                activities: rows,
            });
        }
        if !groups.is_empty() {
            levels.push(LevelGroup {
                level: level.key(),
                label: lang.labels().level(level),
                goals: groups,
            });
        }
    }

    // Indicators.
    let years: Vec<i32> = p.results.range(..=year).map(|(y, _)| *y).collect();
    let mut progress_counts = [0usize; 6];
    let indicators: Vec<IndicatorRow> = p
        .indicators
        .as_ref()
        .map(|f| f.indicators.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|ind| {
            let row = indicator_row(p, ind, year, &years, lang, l);
            progress_counts[progress_index(status_of(&row))] += 1;
            row
        })
        .collect();

    let funding: Vec<Funding> = funding_by_source
        .into_iter()
        .map(|(source, eur)| Funding {
            text: format!("{source}: {}", lang.euro(eur)),
            source,
            eur,
        })
        .collect();
    let funding_total = funding.iter().map(|f| f.eur).sum();
    let summary = Summary {
        activities: ExecStatus::ALL
            .iter()
            .map(|s| s.key())
            .chain(std::iter::once("none"))
            .enumerate()
            .map(|(i, key)| Count {
                key,
                label: l.status[i],
                count: status_counts[i],
            })
            .collect(),
        indicators: Status::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| Count {
                key: s.key(),
                label: l.progress[i],
                count: progress_counts[i],
            })
            .collect(),
        funding,
        funding_total,
        funding_total_text: money(lang, funding_total),
    };
    let heading = match lang {
        Lang::Lv => format!("{} {year}{}", l.title, l.year_suffix),
        Lang::En => format!("{}, {year}", l.title),
    };
    Report {
        version: 1,
        lang,
        labels: l,
        lang_code: lang.code(),
        programme: ProgrammeRef {
            id: p.id(),
            municipality,
            title,
            period: Period { from, to },
        },
        year,
        years,
        compiled,
        noted,
        lacks: super::lacks(p, year)
            .into_iter()
            .map(|t| t.get(lang).to_string())
            .collect(),
        levels,
        indicators,
        summary,
        title: heading,
    }
}

fn status_of(row: &IndicatorRow) -> Status {
    Status::ALL
        .into_iter()
        .find(|s| s.key() == row.progress.status)
        .unwrap_or(Status::NotAvailable)
}

fn observed(
    lang: Lang,
    ind: &Indicator,
    year: i32,
    num: Option<Num>,
    values: Vec<KeyValue>,
    trend: Option<String>,
) -> Observed {
    let value = num.map(|n| n.value);
    let mut text = fmt_values(lang, ind, num, &values);
    if let Some(t) = &trend
        && text.is_empty()
    {
        text = lang.quote(t);
    }
    Observed {
        year,
        value,
        num,
        values,
        trend,
        text,
    }
}

fn indicator_row(
    p: &Programme,
    ind: &Indicator,
    year: i32,
    years: &[i32],
    lang: Lang,
    l: &ReportLabels,
) -> IndicatorRow {
    let kv = |key: &str, num: Num| KeyValue {
        key: key.to_string(),
        label: label_of(ind, key),
        value: num.value,
        num,
    };
    let b = &ind.baseline;
    let baseline = b.year.as_ref().map(|y| {
        observed(
            lang,
            ind,
            y.value,
            b.value.as_ref().map(|v| v.value),
            b.values.iter().map(|v| kv(&v.key.value, v.value.value)).collect(),
            None,
        )
    });
    let achieved: Vec<Observed> = years
        .iter()
        .filter_map(|y| {
            let e = p
                .results
                .get(y)?
                .data
                .indicators
                .iter()
                .find(|e| e.indicator.value == ind.id.value)?;
            if e.value.is_none() && e.values.is_empty() {
                return None;
            }
            Some(observed(
                lang,
                ind,
                *y,
                e.value.as_ref().map(|v| v.value),
                e.values.iter().map(|v| kv(&v.key.value, v.value.value)).collect(),
                None,
            ))
        })
        .collect();
    let mut targets: Vec<_> = ind.targets.iter().collect();
    targets.sort_by_key(|t| t.year.value);
    let target = targets
        .iter()
        .find(|t| t.year.value >= year)
        .or(targets.last())
        .map(|t| {
            observed(
                lang,
                ind,
                t.year.value,
                t.value.as_ref().map(|v| v.value),
                t.values.iter().map(|v| kv(&v.key.value, v.value.value)).collect(),
                t.trend.as_ref().map(|w| w.value.clone()),
            )
        });
    let outcome = super::measure_indicator(p, ind, year);
    let light = outcome.status.light();
    let note = p
        .results
        .get(&year)
        .and_then(|r| {
            r.data
                .indicators
                .iter()
                .find(|e| e.indicator.value == ind.id.value)
        })
        .and_then(|e| e.note.as_ref())
        .map(|n| n.value.clone());
    let chart = chart(ind, &baseline, &achieved, &target, lang, l);
    IndicatorRow {
        id: ind.id.value.clone(),
        number: ind.number.as_ref().map(|n| n.value.clone()),
        title: ind.title.value.clone(),
        unit: ind.unit.as_ref().map(|u| unit_key(u.value)),
        source: ind.source.as_ref().map(|s| s.value.clone()),
        baseline,
        achieved,
        target,
        progress: Progress {
            status: outcome.status.key(),
            light: light.key(),
            score: outcome.score.map(|s| (s * 1000.0).round() / 1000.0),
            text: l.progress[progress_index(outcome.status)].to_string(),
            light_kind: light,
        },
        note,
        chart,
    }
}

/// The chart of an indicator: baseline, each year's achieved value, the target; one series per
/// breakdown (or one for the indicator).
fn chart(
    ind: &Indicator,
    baseline: &Option<Observed>,
    achieved: &[Observed],
    target: &Option<Observed>,
    lang: Lang,
    l: &ReportLabels,
) -> crate::render::view::ChartView {
    use crate::render::view::{ChartView, Point, Series};
    let keys: Vec<Option<(String, String)>> = if ind.breakdowns.is_empty() {
        vec![None]
    } else {
        ind.breakdowns
            .iter()
            .map(|b| Some((b.key.value.clone(), b.label.value.clone())))
            .collect()
    };
    let pick = |o: &Observed, key: &Option<(String, String)>| -> Option<Num> {
        match key {
            None => o.num,
            Some((k, _)) => o.values.iter().find(|v| &v.key == k).map(|v| v.num).or(o.num),
        }
    };
    let year_label = |y: i32| match lang {
        Lang::Lv => format!("{y}."),
        Lang::En => y.to_string(),
    };
    let series = keys
        .iter()
        .map(|key| {
            let mut points = Vec::new();
            if let Some(b) = baseline
                && let Some(v) = pick(b, key)
            {
                points.push(Point {
                    written: None,
                    label: format!("{} ({})", year_label(b.year), l.baseline_label),
                    value: v.value,
                    text: fmt_value(lang, ind, v),
                    baseline: true,
                });
            }
            for a in achieved {
                if let Some(v) = pick(a, key) {
                    points.push(Point {
                        written: None,
                        label: year_label(a.year),
                        value: v.value,
                        text: fmt_value(lang, ind, v),
                        baseline: false,
                    });
                }
            }
            if let Some(t) = target
                && let Some(v) = pick(t, key)
            {
                points.push(Point {
                    written: None,
                    label: format!("{} ({})", year_label(t.year), l.target_label),
                    value: v.value,
                    text: fmt_value(lang, ind, v),
                    baseline: true,
                });
            }
            Series {
                name: key
                    .as_ref()
                    .map_or_else(|| ind.title.value.clone(), |(_, label)| label.clone()),
                points,
            }
        })
        .filter(|s| !s.points.is_empty())
        .collect();
    ChartView {
        shape: "column",
        anchor: format!("chart-{}", ind.id.value),
        title: ind.title.value.clone(),
        source: ind.source.as_ref().map(|s| format!("{}: {}", l.source, s.value)),
        series,
    }
}
