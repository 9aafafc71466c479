//! The rows of a year's round and who answers them, and the columns of each sheet: one
//! description that the export writes and the import reads back.
//!
//! An activity is answered by each body responsible for it, a task by its executors (or,
//! without one, by the activity's responsible bodies), an indicator by the body its data
//! source names; an indicator whose source is no registered body (a state register, a
//! survey) by the education board, which runs the round.

use crate::model::{Activity, Breakdown, Index, Indicator, InstitutionKind, Num, Programme, Task, Unit};

/// One body of the round: an institution of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub id: String,
    pub name: String,
}

/// What a sheet's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    // Stated by the plan: shown and protected.
    Id,
    BreakdownKey,
    Number,
    Title,
    BreakdownLabel,
    Unit,
    Baseline,
    BaselineYear,
    Target(i32),
    DataSource,
    Activity,
    Results,
    Responsible,
    Years,
    FundingSources,
    Executor,
    Timing,
    // To be filled in.
    Value,
    Date,
    Source,
    Status,
    Achieved,
    /// Funding invested from the programme's n-th funding source.
    Invested(usize),
    Impact,
    Factors,
    Note,
}

impl Field {
    /// Whether the body fills the column in.
    pub fn input(self) -> bool {
        matches!(
            self,
            Field::Value
                | Field::Date
                | Field::Source
                | Field::Status
                | Field::Achieved
                | Field::Invested(_)
                | Field::Impact
                | Field::Factors
                | Field::Note
        )
    }

    /// The column's key in the hidden sheet: how the import finds it.
    pub fn key(self, sources: &[String]) -> String {
        match self {
            Field::Id => "id".into(),
            Field::BreakdownKey => "breakdown".into(),
            Field::Number => "number".into(),
            Field::Title => "title".into(),
            Field::BreakdownLabel => "breakdown-label".into(),
            Field::Unit => "unit".into(),
            Field::Baseline => "baseline".into(),
            Field::BaselineYear => "baseline-year".into(),
            Field::Target(y) => format!("target-{y}"),
            Field::DataSource => "data-source".into(),
            Field::Activity => "activity".into(),
            Field::Results => "results".into(),
            Field::Responsible => "responsible".into(),
            Field::Years => "years".into(),
            Field::FundingSources => "funding-sources".into(),
            Field::Executor => "executor".into(),
            Field::Timing => "timing".into(),
            Field::Value => "value".into(),
            Field::Date => "date".into(),
            Field::Source => "source".into(),
            Field::Status => "status".into(),
            Field::Achieved => "achieved".into(),
            Field::Invested(i) => format!("funding:{}", sources.get(i).map_or("", String::as_str)),
            Field::Impact => "impact".into(),
            Field::Factors => "factors".into(),
            Field::Note => "note".into(),
        }
    }

    /// The Latvian heading.
    pub fn header(self, year: i32, sources: &[String]) -> String {
        match self {
            Field::Id => "ID".into(),
            Field::BreakdownKey => "Iedalījuma ID".into(),
            Field::Number => "Nr.".into(),
            Field::Title => "Nosaukums".into(),
            Field::BreakdownLabel => "Iedalījums".into(),
            Field::Unit => "Mērvienība".into(),
            Field::Baseline => "Bāzes vērtība".into(),
            Field::BaselineYear => "Bāzes vērtības gads".into(),
            Field::Target(y) => format!("Sasniedzamā vērtība {y}"),
            Field::DataSource => "Datu avots".into(),
            Field::Activity => "Aktivitāte".into(),
            Field::Results => "Sasniedzamais rezultāts".into(),
            Field::Responsible => "Atbildīgā institūcija".into(),
            Field::Years => "Īstenošanas gadi".into(),
            Field::FundingSources => "Finansējuma avoti".into(),
            Field::Executor => "Izpildītājs".into(),
            Field::Timing => "Termiņš".into(),
            Field::Value => format!("Sasniegtā vērtība {year}"),
            Field::Date => "Datums (GGGG-MM-DD)".into(),
            Field::Source => "Faktiskais datu avots".into(),
            Field::Status => format!("Izpildes statuss {year}"),
            Field::Achieved => "Sasniegtais rezultāts".into(),
            Field::Invested(i) => format!(
                "Ieguldīts {year}, EUR: {}",
                sources.get(i).map_or("", String::as_str)
            ),
            Field::Impact => "Ietekmes novērtējums".into(),
            Field::Factors => "Ietekmes faktori (kas palīdzēja, kas kavēja)".into(),
            Field::Note => "Piezīmes".into(),
        }
    }

    /// The column's width, in characters.
    pub fn width(self) -> f64 {
        match self {
            Field::Id | Field::BreakdownKey => 8.0,
            Field::Number => 6.0,
            Field::Title | Field::Activity | Field::Results => 32.0,
            Field::Achieved | Field::Impact | Field::Factors => 32.0,
            Field::Note => 26.0,
            Field::BreakdownLabel | Field::Executor | Field::Responsible => 16.0,
            Field::DataSource | Field::Source | Field::FundingSources => 16.0,
            Field::Unit | Field::Years | Field::Timing => 11.0,
            Field::Baseline | Field::BaselineYear | Field::Target(_) => 11.0,
            Field::Value | Field::Invested(_) => 14.0,
            Field::Date => 12.0,
            Field::Status => 15.0,
        }
    }

    /// The input message of an answer column: what to write and how.
    pub fn help(self) -> Option<&'static str> {
        Some(match self {
            Field::Value => "Skaitlis (decimāldaļu atdala ar komatu). Procentiem – no 0 līdz 100.",
            Field::Date => "Kad iegūts skaitlis vai mainījies statuss: GGGG, GGGG-MM vai GGGG-MM-DD.",
            Field::Source => "No kurienes ņemts skaitlis (piemēram, VIIS, skolu aptauja).",
            Field::Status => {
                "Izvēlieties no saraksta: Izpildīts, Tiek īstenots, Kavējas, Nav uzsākts vai Atcelts."
            }
            Field::Achieved => {
                "Kas sasniegts pret katru sasniedzamo rezultātu; katru rezultātu savā rindā (Alt+Enter)."
            }
            Field::Invested(_) => {
                "Gadā ieguldītā summa eiro ar centiem; ja no šī avota nekas nav ieguldīts, atstājiet tukšu."
            }
            Field::Impact => "Kāda bija aktivitātes ietekme uz mērķi.",
            Field::Factors => "Kas palīdzēja un kas kavēja sasniegt rezultātu.",
            Field::Note => "Jebkas, kas jāzina pārskata sagatavotājam.",
            _ => return None,
        })
    }
}

/// A plan value as a cell shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Empty,
    Text(String),
    /// A figure and the decimals it is printed with.
    Number(f64, usize),
}

/// One row of the indicators sheet: an indicator, or one breakdown of it.
#[derive(Debug)]
pub struct IndicatorRow<'a> {
    pub indicator: &'a Indicator,
    pub breakdown: Option<&'a Breakdown>,
    pub bodies: Vec<String>,
}

/// One row of the activities sheet.
#[derive(Debug)]
pub struct ActivityRow<'a> {
    pub activity: &'a Activity,
    pub bodies: Vec<String>,
}

/// One row of the tasks sheet.
#[derive(Debug)]
pub struct TaskRow<'a> {
    pub activity: &'a Activity,
    pub task: &'a Task,
    pub bodies: Vec<String>,
}

/// The rows of one year's round.
#[derive(Debug)]
pub struct Round<'a> {
    pub programme: &'a Programme,
    pub year: i32,
    pub indicators: Vec<IndicatorRow<'a>>,
    pub activities: Vec<ActivityRow<'a>>,
    pub tasks: Vec<TaskRow<'a>>,
    /// The funding sources of the year's activities, in the order the plan first names them.
    pub sources: Vec<String>,
    /// The bodies that answer at least one row, in the registry's order.
    pub bodies: Vec<Body>,
    /// The milestone years of the indicators' targets.
    pub milestones: Vec<i32>,
    /// A hash of every plan cell of every sheet: a workbook made from another plan has another.
    pub fingerprint: String,
}

/// The sheets of a workbook, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Indicators,
    Activities,
    Tasks,
}

impl Sheet {
    pub const ALL: [Sheet; 3] = [Sheet::Indicators, Sheet::Activities, Sheet::Tasks];

    pub fn name(self) -> &'static str {
        match self {
            Sheet::Indicators => super::INDICATORS_SHEET,
            Sheet::Activities => super::ACTIVITIES_SHEET,
            Sheet::Tasks => super::TASKS_SHEET,
        }
    }
}

/// The unit as the sheet names it.
pub fn unit_name(u: Option<Unit>) -> &'static str {
    match u {
        Some(Unit::Percent) => "%",
        Some(Unit::Count) => "skaits",
        Some(Unit::Ratio) => "attiecība",
        Some(Unit::Score) => "punkti",
        Some(Unit::Eur) => "EUR",
        None => "",
    }
}

fn num(n: &Num) -> Shown {
    Shown::Number(n.value, n.decimals())
}

impl<'a> Round<'a> {
    /// The rows of `year`: the activities that run in it (or name no years), their tasks,
    /// and every indicator.
    pub fn new(p: &'a Programme, year: i32) -> Round<'a> {
        let ix = Index::new(p);
        let resolve = |names: &[crate::model::Sp<String>]| -> Vec<String> {
            let mut ids: Vec<String> = Vec::new();
            for n in names {
                if let Some(id) = ix.institution(n)
                    && !ids.iter().any(|i| i == id)
                {
                    ids.push(id.to_string());
                }
            }
            ids
        };
        let board: Option<String> = p.institutions.as_ref().and_then(|f| {
            f.institutions
                .iter()
                .find(|i| i.kind.value == InstitutionKind::EducationBoard)
                .map(|i| i.id.value.clone())
        });
        let mut indicators = Vec::new();
        let mut milestones: Vec<i32> = Vec::new();
        if let Some(f) = &p.indicators {
            milestones = f.milestones.iter().map(|m| m.value).collect();
            for ind in &f.indicators {
                let mut bodies = ind
                    .source
                    .as_ref()
                    .map(|s| resolve(std::slice::from_ref(s)))
                    .unwrap_or_default();
                if bodies.is_empty() {
                    bodies.extend(board.clone());
                }
                for t in &ind.targets {
                    if !milestones.contains(&t.year.value) {
                        milestones.push(t.year.value);
                    }
                }
                if ind.breakdowns.is_empty() {
                    indicators.push(IndicatorRow {
                        indicator: ind,
                        breakdown: None,
                        bodies,
                    });
                } else {
                    for b in &ind.breakdowns {
                        indicators.push(IndicatorRow {
                            indicator: ind,
                            breakdown: Some(b),
                            bodies: bodies.clone(),
                        });
                    }
                }
            }
        }
        milestones.sort_unstable();
        let mut activities = Vec::new();
        let mut tasks = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        if let Some(plan) = &p.plan {
            for a in &plan.activities {
                if !a.years.is_empty() && !a.years.iter().any(|y| y.value == year) {
                    continue;
                }
                let bodies = resolve(&a.responsible);
                for f in &a.funding {
                    if !sources.contains(&f.value) {
                        sources.push(f.value.clone());
                    }
                }
                for t in &a.tasks {
                    let mut tb = resolve(&t.executor);
                    if tb.is_empty() {
                        tb = bodies.clone();
                    }
                    tasks.push(TaskRow {
                        activity: a,
                        task: t,
                        bodies: tb,
                    });
                }
                activities.push(ActivityRow { activity: a, bodies });
            }
        }
        let mut used: Vec<&str> = Vec::new();
        for b in indicators
            .iter()
            .flat_map(|r| &r.bodies)
            .chain(activities.iter().flat_map(|r| &r.bodies))
            .chain(tasks.iter().flat_map(|r| &r.bodies))
        {
            used.push(b);
        }
        let bodies: Vec<Body> = p
            .institutions
            .as_ref()
            .map(|f| {
                f.institutions
                    .iter()
                    .filter(|i| used.contains(&i.id.value.as_str()))
                    .map(|i| Body {
                        id: i.id.value.clone(),
                        name: i.name.value.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut round = Round {
            programme: p,
            year,
            indicators,
            activities,
            tasks,
            sources,
            bodies,
            milestones,
            fingerprint: String::new(),
        };
        let mut all = String::new();
        for sheet in Sheet::ALL {
            let fields = round.fields(sheet);
            for r in 0..round.len(sheet) {
                for f in fields.iter().filter(|f| !f.input()) {
                    all.push_str(&format!("{:?}\u{1f}", round.plan_cell(sheet, r, *f)));
                }
                all.push('\u{1e}');
            }
            all.push('\u{1d}');
        }
        round.fingerprint = super::fnv1a(&all);
        round
    }

    /// The name of a body, by id.
    pub fn body_name(&self, id: &str) -> String {
        self.bodies
            .iter()
            .find(|b| b.id == id)
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    }

    /// The columns of a sheet, left to right.
    pub fn fields(&self, sheet: Sheet) -> Vec<Field> {
        match sheet {
            Sheet::Indicators => {
                let mut f = vec![
                    Field::Id,
                    Field::BreakdownKey,
                    Field::Number,
                    Field::Title,
                    Field::BreakdownLabel,
                    Field::Unit,
                    Field::Baseline,
                    Field::BaselineYear,
                ];
                f.extend(self.milestones.iter().map(|y| Field::Target(*y)));
                f.extend([
                    Field::DataSource,
                    Field::Value,
                    Field::Date,
                    Field::Source,
                    Field::Note,
                ]);
                f
            }
            Sheet::Activities => {
                let mut f = vec![
                    Field::Id,
                    Field::Number,
                    Field::Title,
                    Field::Results,
                    Field::Responsible,
                    Field::Years,
                    Field::FundingSources,
                    Field::Status,
                    Field::Achieved,
                ];
                f.extend((0..self.sources.len()).map(Field::Invested));
                f.extend([Field::Impact, Field::Factors, Field::Note]);
                f
            }
            Sheet::Tasks => vec![
                Field::Id,
                Field::Number,
                Field::Activity,
                Field::Title,
                Field::Executor,
                Field::Timing,
                Field::Status,
                Field::Date,
                Field::Note,
            ],
        }
    }

    /// How many rows a sheet has (for all bodies).
    pub fn len(&self, sheet: Sheet) -> usize {
        match sheet {
            Sheet::Indicators => self.indicators.len(),
            Sheet::Activities => self.activities.len(),
            Sheet::Tasks => self.tasks.len(),
        }
    }

    /// Whether the round has no row at all.
    pub fn is_empty(&self) -> bool {
        Sheet::ALL.iter().all(|s| self.len(*s) == 0)
    }

    /// The bodies that answer row `r` of a sheet.
    pub fn row_bodies(&self, sheet: Sheet, r: usize) -> &[String] {
        match sheet {
            Sheet::Indicators => &self.indicators[r].bodies,
            Sheet::Activities => &self.activities[r].bodies,
            Sheet::Tasks => &self.tasks[r].bodies,
        }
    }

    /// The id (and breakdown key) that keys row `r`.
    pub fn row_key(&self, sheet: Sheet, r: usize) -> (String, String) {
        match sheet {
            Sheet::Indicators => {
                let row = &self.indicators[r];
                (
                    row.indicator.id.value.clone(),
                    row.breakdown.map(|b| b.key.value.clone()).unwrap_or_default(),
                )
            }
            Sheet::Activities => (self.activities[r].activity.id.value.clone(), String::new()),
            Sheet::Tasks => (self.tasks[r].task.id.value.clone(), String::new()),
        }
    }

    fn names(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|i| self.body_name(i))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// What the plan states in a plan column of row `r`.
    pub fn plan_cell(&self, sheet: Sheet, r: usize, f: Field) -> Shown {
        let text = |s: &str| {
            if s.is_empty() {
                Shown::Empty
            } else {
                Shown::Text(s.to_string())
            }
        };
        match sheet {
            Sheet::Indicators => {
                let row = &self.indicators[r];
                let i = row.indicator;
                let key = row.breakdown.map(|b| b.key.value.as_str());
                match f {
                    Field::Id => text(&i.id),
                    Field::BreakdownKey => text(key.unwrap_or("")),
                    Field::Number => text(i.number.as_ref().map_or("", |n| n.value.as_str())),
                    Field::Title => text(&i.title),
                    Field::BreakdownLabel => text(row.breakdown.map_or("", |b| b.label.value.as_str())),
                    Field::Unit => text(unit_name(i.unit.as_ref().map(|u| u.value))),
                    Field::Baseline => {
                        let v = match key {
                            None => i.baseline.value.as_ref(),
                            Some(k) => i
                                .baseline
                                .values
                                .iter()
                                .find(|v| v.key.value == k)
                                .map(|v| &v.value),
                        };
                        match (v, &i.baseline.text, &i.baseline.to_be_set) {
                            (Some(v), _, _) => num(v),
                            (None, Some(t), _) => text(t),
                            (None, None, Some(y)) => Shown::Text(format!("tiks noteikta {}. gadā", y.value)),
                            _ => Shown::Empty,
                        }
                    }
                    Field::BaselineYear => match &i.baseline.year {
                        Some(y) => Shown::Number(f64::from(y.value), 0),
                        None => Shown::Empty,
                    },
                    Field::Target(y) => {
                        let Some(t) = i.targets.iter().find(|t| t.year.value == y) else {
                            return Shown::Empty;
                        };
                        let v = match key {
                            None => t.value.as_ref(),
                            Some(k) => t.values.iter().find(|v| v.key.value == k).map(|v| &v.value),
                        };
                        match (v, &t.text, &t.trend) {
                            (Some(v), None, _) if t.bound.is_none() => num(v),
                            (_, Some(tx), _) => text(tx),
                            (_, None, Some(tr)) => text(tr),
                            (Some(v), None, None) => {
                                let b = match t.bound.as_ref().map(|b| b.value) {
                                    Some(crate::model::Bound::Below) => "< ",
                                    Some(crate::model::Bound::AtMost) => "≤ ",
                                    Some(crate::model::Bound::Above) => "> ",
                                    Some(crate::model::Bound::AtLeast) => "≥ ",
                                    None => "",
                                };
                                Shown::Text(format!("{b}{}", super::lv_number(v.f(), v.value.decimals())))
                            }
                            _ => Shown::Empty,
                        }
                    }
                    Field::DataSource => text(i.source.as_ref().map_or("", |s| s.value.as_str())),
                    _ => Shown::Empty,
                }
            }
            Sheet::Activities => {
                let a = self.activities[r].activity;
                match f {
                    Field::Id => text(&a.id),
                    Field::Number => text(a.number.as_ref().map_or("", |n| n.value.as_str())),
                    Field::Title => text(&a.title),
                    Field::Results => text(
                        &a.results
                            .iter()
                            .map(|s| s.value.as_str())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ),
                    Field::Responsible => text(&self.names(&self.activities[r].bodies)),
                    Field::Years => text(
                        &a.years
                            .iter()
                            .map(|y| y.value.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    Field::FundingSources => text(
                        &a.funding
                            .iter()
                            .map(|s| s.value.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    _ => Shown::Empty,
                }
            }
            Sheet::Tasks => {
                let row = &self.tasks[r];
                let (a, t) = (row.activity, row.task);
                match f {
                    Field::Id => text(&t.id),
                    Field::Number => text(t.number.as_ref().map_or("", |n| n.value.as_str())),
                    Field::Activity => text(&match &a.number {
                        Some(n) => format!("{} {}", n.value, a.title.value),
                        None => a.title.value.clone(),
                    }),
                    Field::Title => text(&t.title),
                    Field::Executor => text(&self.names(&row.bodies)),
                    Field::Timing => {
                        let d = |p: &Option<crate::model::Sp<crate::model::PartialDate>>| {
                            p.as_ref().map(|d| d.value.to_string())
                        };
                        match (d(&t.start), d(&t.end), &t.timing) {
                            (_, _, Some(tm)) => text(tm),
                            (Some(s), Some(e), None) if s != e => Shown::Text(format!("{s} – {e}")),
                            (Some(s), _, None) | (None, Some(s), None) => Shown::Text(s),
                            _ => Shown::Empty,
                        }
                    }
                    _ => Shown::Empty,
                }
            }
        }
    }

    /// Whether row `r` of the activities sheet takes money from the programme's source `i`.
    pub fn funds_from(&self, r: usize, i: usize) -> bool {
        let a = self.activities[r].activity;
        self.sources
            .get(i)
            .is_some_and(|s| a.funding.iter().any(|f| &f.value == s))
    }
}
