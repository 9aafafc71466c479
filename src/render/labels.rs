//! Every fixed word the rendered document prints, in Latvian and in English, in one table.
//!
//! The view model copies these into the document, so a template, the DOCX builder and the
//! view itself never spell a label on their own; `--lang en` swaps the whole table.

use serde::Serialize;

use chrono::{Datelike, NaiveDate};

use crate::lv::{self, NBSP};
use crate::model::{Level, Num, Output, Recurrence};

/// The document's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Lv,
    En,
}

impl Lang {
    /// The BCP 47 code (`lang` attribute of the HTML, `w:lang` of the DOCX).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Lv => "lv",
            Lang::En => "en",
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Lv => &LV,
            Lang::En => &EN,
        }
    }

    // Figures and dates in the language's conventions. Latvian ones come from `crate::lv`
    // (`10 249`, `0,25`, `9,3 %`, `2024.–2028.`); English ones are derived here: decimal point,
    // comma thousands, `9.3%`, `2024–2028`, “…” quotes, `No. 19`.

    /// A number with at most `max_decimals` decimals: `10 249`, `0,25` / `10,249`, `0.25`.
    pub fn number(self, v: f64, max_decimals: usize) -> String {
        match self {
            Lang::Lv => lv::number(v, max_decimals),
            Lang::En => lv::number_with(v, max_decimals, ',', '.'),
        }
    }

    /// A figure as printed, with its own decimals: `10,763`, `0,20` / `10.763`, `0.20`.
    pub fn figure(self, n: Num) -> String {
        match self {
            Lang::Lv => lv::fixed(n.value, n.decimals()),
            Lang::En => lv::fixed_with(n.value, n.decimals(), ',', '.'),
        }
    }

    /// A printed percentage with its own decimals: `0,20 %` / `0.20%`.
    pub fn figure_percent(self, n: Num) -> String {
        match self {
            Lang::Lv => format!("{}{NBSP}%", self.figure(n)),
            Lang::En => format!("{}%", self.figure(n)),
        }
    }

    /// A percentage: `9,3 %` / `9.3%`.
    pub fn percent(self, v: f64) -> String {
        match self {
            Lang::Lv => lv::percent(v),
            Lang::En => format!("{}%", self.number(v, 2)),
        }
    }

    /// An amount in euro: `1 031 656,19 EUR` / `1,031,656.19 EUR`.
    pub fn euro(self, v: f64) -> String {
        format!("{}{NBSP}EUR", self.number(v, 2))
    }

    /// A span of years with an en dash: `2024.–2028.` / `2024–2028`.
    pub fn year_range(self, from: i32, to: i32) -> String {
        match self {
            Lang::Lv => lv::year_range(from, to),
            Lang::En => format!("{from}–{to}"),
        }
    }

    /// Quoted text: `„…”` / `“…”`.
    pub fn quote(self, s: &str) -> String {
        match self {
            Lang::Lv => lv::quote(s),
            Lang::En => format!("“{s}”"),
        }
    }

    /// A document number: `Nr. 19` / `No. 19` (no-break space).
    pub fn nr(self, n: &str) -> String {
        match self {
            Lang::Lv => lv::nr(n),
            Lang::En => {
                let n = n.trim().trim_start_matches("Nr.").trim();
                format!("No.{NBSP}{n}")
            }
        }
    }

    /// A long date: `2024. gada 1. septembris` / `1 September 2024`.
    pub fn date_long(self, d: NaiveDate) -> String {
        match self {
            Lang::Lv => lv::date_long(d),
            Lang::En => lv::date_long_en(d),
        }
    }

    /// A short date: `01.09.2024.` / `1 Sep 2024`.
    pub fn date_short(self, d: NaiveDate) -> String {
        match self {
            Lang::Lv => lv::date_short(d),
            Lang::En => format!("{}{NBSP}{} {}", d.day(), short_month(d.month()), d.year()),
        }
    }

    /// A date known to the year, month or day: `2024.`, `09.2024.`, `01.09.2024.` /
    /// `2024`, `Sep 2024`, `1 Sep 2024`.
    pub fn partial_date(self, year: i32, m: Option<u32>, d: Option<u32>) -> String {
        match self {
            Lang::Lv => lv::partial_date(year, m, d),
            Lang::En => match (m, d) {
                (Some(m), Some(d)) => match NaiveDate::from_ymd_opt(year, m, d) {
                    Some(date) => self.date_short(date),
                    None => format!("{year}-{m:02}-{d:02}"),
                },
                (Some(m), None) => format!("{} {year}", short_month(m)),
                _ => year.to_string(),
            },
        }
    }
}

/// `Sep` for September.
fn short_month(m: u32) -> String {
    lv::month_en(m).chars().take(3).collect()
}

/// The labels of one language. Field names are what templates write (`{{ l.annotation }}`).
#[derive(Debug, Serialize)]
pub struct Labels {
    pub contents: &'static str,
    pub annotation: &'static str,
    pub drafting: &'static str,
    pub working_group: &'static str,
    pub notes: &'static str,
    pub period: &'static str,
    pub status: &'static str,
    pub status_draft: &'static str,
    pub status_adopted: &'static str,
    pub status_amended: &'static str,
    pub adopted: &'static str,
    pub amended: &'static str,
    pub decision: &'static str,
    pub decision_col: &'static str,
    pub protocol: &'static str,
    pub item: &'static str,
    pub votes: &'static str,
    pub votes_for: &'static str,
    pub votes_against: &'static str,
    pub votes_abstained: &'static str,
    /// The title page's notice of unresolved findings: its opening, the nouns counted
    /// (singular, plural) and where to see the findings.
    pub findings_notice: &'static str,
    pub errors_counted: (&'static str, &'static str),
    pub warnings_counted: (&'static str, &'static str),
    pub findings_where: &'static str,
    pub situation: &'static str,
    pub table: &'static str,
    pub figure: &'static str,
    /// The word a cross-reference to a chapter or section prints after its number.
    pub section_ref: &'static str,
    pub source: &'static str,
    pub unit: &'static str,
    pub vacancy: &'static str,
    pub not_available: &'static str,
    pub svid: &'static str,
    pub strengths: &'static str,
    pub weaknesses: &'static str,
    pub opportunities: &'static str,
    pub threats: &'static str,
    pub cooperation: &'static str,
    pub institution: &'static str,
    pub general: &'static str,
    pub pmp_context: &'static str,
    pub involvement: &'static str,
    pub explanations: &'static str,
    pub goals_and_indicators: &'static str,
    pub goals: &'static str,
    pub goal: &'static str,
    pub level: &'static str,
    pub universal: &'static str,
    pub targeted: &'static str,
    pub indicated: &'static str,
    pub expected_results: &'static str,
    pub indicators: &'static str,
    pub number: &'static str,
    pub indicator: &'static str,
    pub baseline: &'static str,
    pub targets: &'static str,
    pub data_source: &'static str,
    pub to_be_set: &'static str,
    pub chart: &'static str,
    pub action_plan_chapter: &'static str,
    pub action_plan: &'static str,
    pub activity: &'static str,
    pub responsible: &'static str,
    pub involved: &'static str,
    pub years: &'static str,
    pub funding: &'static str,
    pub tasks: &'static str,
    pub task: &'static str,
    pub executor: &'static str,
    pub supervisor: &'static str,
    pub deadline: &'static str,
    pub resources: &'static str,
    pub result: &'static str,
    pub human_resources: &'static str,
    pub support_resources: &'static str,
    pub financial_resources: &'static str,
    pub monitoring: &'static str,
    pub monitoring_calendar: &'static str,
    pub event: &'static str,
    pub timing: &'static str,
    pub procedure: &'static str,
    pub output: &'static str,
    pub report_template: &'static str,
    pub amendments_log: &'static str,
    pub date: &'static str,
    pub summary: &'static str,
    pub no_amendments: &'static str,
    pub every_year: &'static str,
    pub twice_a_year: &'static str,
    pub as_needed: &'static str,
    pub and: &'static str,
    pub page: &'static str,
    pub page_of: &'static str,
    pub output_annual_report: &'static str,
    pub output_final_report: &'static str,
    pub output_plan_update: &'static str,
    pub output_order: &'static str,
    pub output_information: &'static str,
    pub output_other: &'static str,
    pub toc_hint: &'static str,
}

pub static LV: Labels = Labels {
    contents: "Saturs",
    annotation: "Anotācija",
    drafting: "Izstrāde",
    working_group: "Darba grupa",
    notes: "Piezīmes",
    period: "Īstenošanas periods",
    status: "Statuss",
    status_draft: "projekts",
    status_adopted: "apstiprināts",
    status_amended: "apstiprināts ar grozījumiem",
    adopted: "Apstiprināts",
    amended: "Grozījumi",
    decision: "lēmums",
    decision_col: "Lēmums",
    protocol: "protokols",
    item: "§",
    votes: "balsojums",
    votes_for: "par",
    votes_against: "pret",
    votes_abstained: "atturas",
    findings_notice: "Uzmanību: „pmp check” šajā programmā atrada",
    errors_counted: ("kļūdu", "kļūdas"),
    warnings_counted: ("brīdinājumu", "brīdinājumus"),
    findings_where: "Katru no tiem ar failu un rindu parāda „pmp check”.",
    situation: "Esošās situācijas izvērtējums",
    table: "tabula",
    section_ref: "nodaļa",
    figure: "attēls",
    source: "Avots",
    unit: "Mērvienība",
    vacancy: "vakance",
    not_available: "nav datu",
    svid: "SVID analīze",
    strengths: "Stiprās puses",
    weaknesses: "Vājās puses",
    opportunities: "Iespējas",
    threats: "Draudi",
    cooperation: "Starpinstitucionālās sadarbības modelis",
    institution: "Institūcija",
    general: "Vispārīgie pienākumi",
    pmp_context: "Atbildības jomas PMP prevencijas kontekstā",
    involvement: "Iesaiste PMP prevencijas procesos",
    explanations: "Skaidrojumi",
    goals_and_indicators: "Mērķi un rezultatīvie rādītāji",
    goals: "Stratēģiskie mērķi",
    goal: "Mērķis",
    level: "Prevencijas līmenis",
    universal: "Universālā prevencija",
    targeted: "Mērķtiecīgā jeb selektīvā prevencija",
    indicated: "Pielāgotā jeb indicētā prevencija",
    expected_results: "Sasniedzamie rezultāti",
    indicators: "Politikas rezultatīvie rādītāji",
    number: "Nr.",
    indicator: "Rezultatīvais rādītājs",
    baseline: "Bāzes vērtība",
    targets: "Sasniedzamā vērtība",
    data_source: "Datu avots",
    to_be_set: "tiks noteikta",
    chart: "Bāzes vērtība un sasniedzamās vērtības",
    action_plan_chapter: "Rīcības plāns",
    action_plan: "Pasākumu plāns",
    activity: "Aktivitāte",
    responsible: "Atbildīgā institūcija",
    involved: "Iesaistītās institūcijas",
    years: "Īstenošanas gads",
    funding: "Finansējuma avots",
    tasks: "Darba uzdevumi",
    task: "Darba uzdevums",
    executor: "Izpildītājs",
    supervisor: "Par uzraudzību atbildīgā institūcija",
    deadline: "Izpildes termiņš",
    resources: "Resursu plāns",
    result: "Rezultāts",
    human_resources: "Cilvēkresursi",
    support_resources: "Atbalsta resursi",
    financial_resources: "Finanšu resursi",
    monitoring: "Uzraudzība",
    monitoring_calendar: "Uzraudzības kalendārs",
    event: "Pasākums",
    timing: "Laiks",
    procedure: "Kārtība",
    output: "Rezultāts",
    report_template: "Ikgadējā pārskata veidne",
    amendments_log: "Grozījumu reģistrs",
    date: "Datums",
    summary: "Grozījumu būtība",
    no_amendments: "Grozījumu nav.",
    every_year: "katru gadu",
    twice_a_year: "divreiz gadā",
    as_needed: "pēc vajadzības",
    and: "un",
    page: "Lapa",
    page_of: "no",
    output_annual_report: "ikgadējais pārskats",
    output_final_report: "noslēguma pārskats",
    output_plan_update: "plāna aktualizācija",
    output_order: "rīkojums",
    output_information: "informācija",
    output_other: "cits",
    toc_hint: "Satura rādītājs: atverot dokumentu, atjaunojiet lauku (F9).",
};

pub static EN: Labels = Labels {
    contents: "Contents",
    annotation: "Annotation",
    drafting: "Drafting",
    working_group: "Working group",
    notes: "Notes",
    period: "Implementation period",
    status: "Status",
    status_draft: "draft",
    status_adopted: "adopted",
    status_amended: "adopted, amended",
    adopted: "Adopted",
    amended: "Amendments",
    decision: "decision",
    decision_col: "Decision",
    protocol: "minutes",
    item: "item",
    votes: "votes",
    votes_for: "for",
    votes_against: "against",
    votes_abstained: "abstained",
    findings_notice: "Warning: “pmp check” found in this programme",
    errors_counted: ("error", "errors"),
    warnings_counted: ("warning", "warnings"),
    findings_where: "“pmp check” shows each with its file and line.",
    situation: "Situation analysis",
    table: "Table",
    section_ref: "Section",
    figure: "Figure",
    source: "Source",
    unit: "Unit",
    vacancy: "vacancy",
    not_available: "no data",
    svid: "SWOT analysis",
    strengths: "Strengths",
    weaknesses: "Weaknesses",
    opportunities: "Opportunities",
    threats: "Threats",
    cooperation: "Inter-institutional cooperation model",
    institution: "Institution",
    general: "General duties",
    pmp_context: "Responsibilities in PMP prevention",
    involvement: "Involvement in PMP prevention",
    explanations: "Explanations",
    goals_and_indicators: "Goals and result indicators",
    goals: "Strategic goals",
    goal: "Goal",
    level: "Prevention level",
    universal: "Universal prevention",
    targeted: "Targeted (selective) prevention",
    indicated: "Indicated prevention",
    expected_results: "Expected results",
    indicators: "Policy result indicators",
    number: "No.",
    indicator: "Result indicator",
    baseline: "Baseline",
    targets: "Target",
    data_source: "Data source",
    to_be_set: "to be set in",
    chart: "Baseline and targets",
    action_plan_chapter: "Action plan",
    action_plan: "Activities",
    activity: "Activity",
    responsible: "Responsible",
    involved: "Involved",
    years: "Year of implementation",
    funding: "Funding source",
    tasks: "Tasks",
    task: "Task",
    executor: "Executor",
    supervisor: "Supervising body",
    deadline: "Deadline",
    resources: "Resource plan",
    result: "Result",
    human_resources: "Human resources",
    support_resources: "Support resources",
    financial_resources: "Financial resources",
    monitoring: "Monitoring",
    monitoring_calendar: "Monitoring calendar",
    event: "Event",
    timing: "When",
    procedure: "Procedure",
    output: "Output",
    report_template: "Annual report template",
    amendments_log: "Amendments log",
    date: "Date",
    summary: "What changed",
    no_amendments: "No amendments.",
    every_year: "every year",
    twice_a_year: "twice a year",
    as_needed: "as needed",
    and: "and",
    page: "Page",
    page_of: "of",
    output_annual_report: "annual report",
    output_final_report: "final report",
    output_plan_update: "plan update",
    output_order: "order",
    output_information: "information",
    output_other: "other",
    toc_hint: "Table of contents: update the field (F9) when the document opens.",
};

impl Labels {
    pub fn level(&self, level: Level) -> &'static str {
        match level {
            Level::Universal => self.universal,
            Level::Targeted => self.targeted,
            Level::Indicated => self.indicated,
        }
    }

    pub fn output(&self, o: Output) -> &'static str {
        match o {
            Output::AnnualReport => self.output_annual_report,
            Output::FinalReport => self.output_final_report,
            Output::PlanUpdate => self.output_plan_update,
            Output::Order => self.output_order,
            Output::Information => self.output_information,
            Output::Other => self.output_other,
        }
    }

    /// The word for a recurrence with no month to name.
    pub fn recurrence(&self, r: Recurrence) -> &'static str {
        match r {
            Recurrence::Yearly => self.every_year,
            Recurrence::TwiceYearly => self.twice_a_year,
            Recurrence::AsNeeded => self.as_needed,
            Recurrence::Once | Recurrence::Date => "",
        }
    }
}
