//! `situation.yaml`: the situation analysis, sections of Markdown prose with numbered data
//! tables. Tables keep what the source printed (merged headers, vacancy marks, totals in the
//! table or in prose) so the checker can recompute every declared total.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Level, Num, Number, Sp};

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SituationFile {
    /// Text printed before the situation analysis.
    #[serde(default)]
    pub intro: Option<Sp<String>>,
    /// The analysis's sections, each with its text, tables and facts.
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section's id, unique among sections (e.g. `s-1`).
    pub id: Id,
    /// Section number as printed (e.g. "1.1."), if any.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The section's heading as printed.
    pub title: Sp<String>,
    /// The prevention level the section describes, where the source groups by level.
    #[serde(default)]
    pub level: Option<Sp<Level>>,
    /// Summary of the section's prose, Markdown.
    #[serde(default)]
    pub body: Option<Sp<String>>,
    /// The data tables of the section.
    #[serde(default)]
    pub tables: Vec<Table>,
    /// Figures stated in the prose that can be checked (percentages, totals of a table).
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// The section's pictures (maps, diagrams), printed after its tables.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// What else the section prints after its prose, tables and figures (`svid`,
    /// `cooperation` …).
    #[serde(default)]
    pub contents: Vec<Sp<super::Content>>,
    /// Subsections, nested the same way.
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A picture the programme prints (a map, a diagram, a chart kept as an image): a file of the
/// programme folder, with its number and caption as printed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The figure's id, unique among tables and figures (e.g. `f-1-4`); prose refers to it as
    /// `[](#fig:f-1-4)`.
    pub id: Id,
    /// Figure number as printed (e.g. "1.4."), if any.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The label the source prints before the caption, its separator included (`1.4. attēls:`,
    /// `2.2.attēls.`), where it is not pmp's own (`1.4. attēls.`).
    #[serde(default)]
    pub label: Option<Sp<String>>,
    /// The caption as printed.
    pub caption: Sp<String>,
    /// The picture: a PNG or JPEG file in the programme folder, by its path there. Without it
    /// (or while the file is missing) the document prints the caption over a placeholder.
    #[serde(default)]
    pub image: Option<Sp<String>>,
    /// Data source ("Avots"), printed under the figure.
    #[serde(default)]
    pub source: Option<Sp<String>>,
}

/// A numbered data table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The table's id, unique among tables (e.g. `t-1-1`).
    pub id: Id,
    /// Table number as printed (e.g. "1.4."), if any.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The table's caption as printed.
    pub caption: Sp<String>,
    /// The label the source prints before the caption, its separator included (`2.1. tabula:`,
    /// `2.4.tabula.`), where it is not pmp's own (`2.1. tabula.`).
    #[serde(default)]
    pub label: Option<Sp<String>>,
    /// Data source ("Avots").
    #[serde(default)]
    pub source: Option<Sp<String>>,
    /// Unit of the numeric cells (e.g. "izglītojamie", "likmes", "%").
    #[serde(default)]
    pub unit: Option<Sp<String>>,
    /// Leaf columns, left to right. A `group` gives a merged header above them.
    pub columns: Vec<Column>,
    /// Data rows, unless `rows_csv` is given.
    #[serde(default)]
    pub rows: Vec<Row>,
    /// A CSV file beside the YAML holding the rows (first line: column ids).
    #[serde(default)]
    pub rows_csv: Option<Sp<String>>,
    /// Whether cells marked `vacancy` count in totals: as the table declares.
    #[serde(default)]
    pub vacancies: Option<Sp<VacancyRule>>,
    /// Absolute tolerance when comparing a declared total with the sum (default 0.001).
    #[serde(default)]
    pub tolerance: Option<Sp<f64>>,
    /// Totals the source declares outside the table rows (in a caption or in prose).
    #[serde(default)]
    pub totals: Vec<DeclaredTotal>,
    /// Footnotes and remarks printed with the table.
    #[serde(default)]
    pub notes: Vec<Sp<String>>,
    /// The source prints the table turned: each value column as a row headed by its label,
    /// each row as a column (months or school years across the page).
    #[serde(default)]
    pub transposed: bool,
    /// The header rows as printed (with their merges) and the column-number row, where pmp's
    /// own header from `columns` is not what the source prints.
    #[serde(default)]
    pub layout: Option<super::TableLayout>,
    /// The source draws these figures as a chart (a figure, `1.2. attēls`): the document draws
    /// the chart from the rows instead of printing the table.
    #[serde(default)]
    pub chart: Option<TableChart>,
}

impl Table {
    /// The source prints it as a figure: a chart, or a caption that opens with a figure's
    /// number (`1.2. attēls: …`).
    pub fn is_figure(&self) -> bool {
        self.chart.is_some() || figure_caption(&self.caption.value).is_some()
    }
}

/// `1.2. attēls: Caption` → (`1.2`, `Caption`): a figure's number at the start of a caption.
pub fn figure_caption(caption: &str) -> Option<(String, String)> {
    let t = caption.trim_start();
    let n_len = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let number = super::norm_number(&t[..n_len]);
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = t[n_len..].trim_start();
    let word = "attēls";
    let head: String = rest.chars().take(word.chars().count()).collect();
    if head.to_lowercase() != word {
        return None;
    }
    let rest = rest[head.len()..].trim_start_matches([':', '.', ' ', '\u{a0}', '–', '-']);
    Some((number, rest.to_string()))
}

/// How the source draws a table's figures.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableChart {
    /// `pie` (one value column, its parts of a whole) or `column` (vertical bars, one series
    /// per value column).
    pub kind: Sp<ChartKind>,
    /// How each slice or bar is labelled: `value` (the figure as printed), `percent` (a share
    /// of 1 as per cent: 0.7646 → 76 %).
    #[serde(default)]
    pub labels: ChartLabels,
    /// Decimals of the labels (default: as the figure is written; 0 for `percent`).
    #[serde(default)]
    pub decimals: Option<Sp<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    Pie,
    Column,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChartLabels {
    #[default]
    Value,
    Percent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VacancyRule {
    /// A vacant post counts in the totals.
    Counted,
    /// A vacant post does not count in the totals.
    Excluded,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The column's id, unique in its table; totals and percentages name columns by it.
    pub id: Id,
    /// Header text.
    pub label: Sp<String>,
    /// Merged header over several columns; consecutive columns with the same group share it.
    #[serde(default)]
    pub group: Option<Sp<String>>,
    /// `label` columns name the row, `value` columns hold figures, `total` columns hold the sum
    /// of the columns listed in `sum_of`.
    #[serde(default)]
    pub role: ColumnRole,
    /// For a `total` column: the columns it adds up.
    #[serde(default)]
    pub sum_of: Vec<Sp<String>>,
    /// For a `percent` column: the count and base columns it is computed from.
    #[serde(default)]
    pub percent_of: Option<PercentOf>,
    /// The column's unit, when it differs from the table's.
    #[serde(default)]
    pub unit: Option<Sp<String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnRole {
    Label,
    #[default]
    Value,
    Total,
    Percent,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PercentOf {
    /// Column holding the count.
    pub count: Sp<String>,
    /// Column holding the base the percentage is taken of.
    pub base: Sp<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// One cell per column, in column order.
    pub cells: Vec<Sp<Cell>>,
    /// `data` (default), `subtotal` (sum of the data rows of its `group`) or `total` (sum of
    /// all data rows).
    #[serde(default)]
    pub role: RowRole,
    /// Rows sharing a group are summed by that group's subtotal row.
    #[serde(default)]
    pub group: Option<Sp<String>>,
    /// A note on the row.
    #[serde(default)]
    pub note: Option<Sp<String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RowRole {
    #[default]
    Data,
    Subtotal,
    Total,
}

/// A table cell: a number, text, empty (`null`), or a marked value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    Number(Num),
    Text(String),
    Marked(MarkedCell),
    Empty(()),
}

impl Cell {
    /// The figure this cell contributes, before vacancy rules are applied.
    pub fn number(&self) -> Option<Num> {
        match self {
            Cell::Number(n) => Some(*n),
            Cell::Marked(m) => m.value,
            _ => None,
        }
    }

    pub fn mark(&self) -> Option<Mark> {
        match self {
            Cell::Marked(m) => m.mark,
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkedCell {
    /// The figure, if the cell holds one (a vacant 0,5 post has value 0.5).
    #[serde(default)]
    pub value: Option<Num>,
    /// What the cell is marked as; none for a figure that only keeps its printed `text`
    /// (`{value: 2.07, text: "2.07%"}`).
    #[serde(default)]
    pub mark: Option<Mark>,
    /// The cell as printed, when it differs from the value (e.g. "0,5*", "v").
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// A vacant post.
    Vacancy,
    /// The source says the figure is not available.
    NotAvailable,
    /// A footnote applies to the figure.
    Footnote,
}

/// A total the source declares for a table column, in the table's caption or in prose.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredTotal {
    /// The column whose data rows it adds up.
    pub column: Sp<String>,
    /// Only the data rows of this group.
    #[serde(default)]
    pub group: Option<Sp<String>>,
    /// The total as the source states it.
    pub value: Number,
    /// Where the source states it.
    #[serde(default)]
    pub stated_in: StatedIn,
    /// The words of the source, shortened.
    #[serde(default)]
    pub quote: Option<Sp<String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StatedIn {
    #[default]
    Table,
    Prose,
}

/// A checkable figure from the prose: a percentage with its count and base.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// The words of the source, shortened.
    pub quote: Sp<String>,
    /// The stated percentage.
    pub percent: Number,
    /// The count the percentage is of.
    pub count: Number,
    /// The whole the count is a share of.
    pub base: Number,
}
