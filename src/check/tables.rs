//! Data tables: declared totals (total and subtotal rows, total columns, totals stated in
//! prose) must equal the sum of what they add up, counting vacancies as the table declares;
//! percentages must match their count and base; rows have one cell per column.
//!
//! Every figure keeps the decimals it was printed with ([`Num`]): a sum is exact to the
//! decimals of its inputs, a total printed with fewer decimals than its rows may be rounded by
//! half a unit of its last decimal, and a percentage by half a unit of its own.
//!
//! Each check is a function of its own, called from [`table`]; a row with the wrong number of
//! cells is one finding, and the column sums it would distort are not checked.

use super::references::{Kind, unknown};
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::Lang;
use crate::lv::NBSP;
use crate::model::{
    Cell, ColumnRole, Mark, Num, Programme, Row, RowRole, Section, Sp, StatedIn, Table, VacancyRule,
};
use crate::tr;

/// A printed figure in Latvian: `10,763`.
fn lv_fig(n: Num) -> String {
    Lang::Lv.figure(n)
}

/// A computed percentage with `decimals` decimals: `9.3` / `9,3 %`. English writes the
/// figure only (its sentences add ` %`).
fn percent(lang: Lang, v: f64, decimals: usize) -> String {
    match lang {
        Lang::En => fixed(lang, v, decimals),
        Lang::Lv => format!("{}{NBSP}%", fixed(lang, v, decimals)),
    }
}

pub fn check(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.situation else { return };
    for (i, s) in f.sections.iter().enumerate() {
        section(s, &format!("sections[{i}]"), sink);
    }
}

fn section(s: &Section, path: &str, sink: &mut Sink) {
    for (i, t) in s.tables.iter().enumerate() {
        table(t, &format!("{path}.tables[{i}]"), sink);
    }
    stated_percentages(s, path, sink);
    for (i, c) in s.sections.iter().enumerate() {
        section(c, &format!("{path}.sections[{i}]"), sink);
    }
}

/// `percent-mismatch` for the percentages stated in a section's prose.
fn stated_percentages(s: &Section, path: &str, sink: &mut Sink) {
    for (i, fact) in s.facts.iter().enumerate() {
        let (pct, count, base) = (fact.percent.value, fact.count.value, fact.base.value);
        let Some(computed) = percentage(count, base) else {
            continue;
        };
        if (computed - pct.value).abs() > pct.half_unit() + EPSILON {
            sink.push(
                Diagnostic::new(
                    Code::PercentMismatch,
                    fact.percent.loc,
                    tr!(
                        en(
                            "{} % is stated, but {} of {} is {} %",
                            pct,
                            count,
                            base,
                            percent(Lang::En, computed, pct.decimals())
                        ),
                        lv(
                            "tekstā norādīti {}, bet {} no {} ir {}",
                            Lang::Lv.figure_percent(pct),
                            lv_fig(count),
                            lv_fig(base),
                            percent(Lang::Lv, computed, pct.decimals())
                        ),
                    ),
                )
                .path(format!("{path}.facts[{i}].percent"))
                .entity(Entity::new("section", &s.id, Some(&s.title)))
                .help(tr!(
                    en("„{}”", fact.quote.value),
                    lv("tekstā: „{}”", fact.quote.value),
                )),
            );
        }
    }
}

/// Float noise in sums of decimals (0.1 + 0.2), far below any printed digit.
const EPSILON: f64 = 1e-9;

/// `v` rounded to `decimals` decimals, halves away from zero (as a printed total is rounded;
/// the float noise of a sum does not move a half down).
fn round_half_up(v: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    ((v.abs() * scale + 0.5 + EPSILON).floor() / scale).copysign(v)
}

/// `count` as a percentage of `base`, when there is a base.
fn percentage(count: Num, base: Num) -> Option<f64> {
    (base.value != 0.0).then(|| count.value / base.value * 100.0)
}

/// `v` with exactly `decimals` decimals: with a decimal point and no grouping in English
/// (`-3.333`), as Latvian writes it in Latvian (`−3,333`, `10 763,5`).
fn fixed(lang: Lang, v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    // `-0.00` is a zero difference.
    let zero = s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.');
    match lang {
        Lang::En if zero => s[1..].to_string(),
        Lang::En => s,
        Lang::Lv => crate::lv::fixed(if zero { 0.0 } else { v }, decimals),
    }
}

/// A sum of printed figures: its value and the most decimals among them.
#[derive(Clone, Copy, Default)]
struct Sum {
    value: f64,
    decimals: usize,
    vacancy: bool,
}

impl Sum {
    fn add(&mut self, cell: &Cell, rule: VacancyRule) {
        self.vacancy |= cell.mark() == Some(Mark::Vacancy);
        if let Some(n) = contribution(cell, rule) {
            self.value += n.value;
            self.decimals = self.decimals.max(n.decimals());
        }
    }

    /// Whether a printed total disagrees with this sum: exactly, or by more than its own
    /// rounding when it is printed with fewer decimals than what it adds up.
    fn disagrees(&self, declared: Num, tolerance: Option<f64>) -> bool {
        let noise = EPSILON * declared.value.abs().max(1.0);
        match tolerance {
            Some(t) => (declared.value - self.value).abs() > t + noise,
            None if declared.decimals() < self.decimals => {
                (declared.value - round_half_up(self.value, declared.decimals())).abs() > noise
            }
            None => (declared.value - self.value).abs() > noise,
        }
    }

    /// The sum as a reader would compute it: to the decimals of its inputs.
    fn shown(&self, lang: Lang) -> String {
        fixed(lang, self.value, self.decimals)
    }

    /// The difference `declared - sum`, to the finer of the two's decimals.
    fn difference(&self, lang: Lang, declared: Num) -> String {
        fixed(
            lang,
            declared.value - self.value,
            self.decimals.max(declared.decimals()),
        )
    }

    fn vacancy_note(&self, lang: Lang, rule: VacancyRule) -> &'static str {
        match (self.vacancy, rule, lang) {
            (false, _, _) => "",
            (true, VacancyRule::Counted, Lang::En) => " (vacancies counted, as the table declares)",
            (true, VacancyRule::Excluded, Lang::En) => " (vacancies not counted, as the table declares)",
            (true, VacancyRule::Counted, Lang::Lv) => " (vakances ieskaitītas, kā norādīts tabulā)",
            (true, VacancyRule::Excluded, Lang::Lv) => " (vakances nav ieskaitītas, kā norādīts tabulā)",
        }
    }
}

/// The figure a cell contributes to a sum under the table's vacancy rule.
fn contribution(cell: &Cell, rule: VacancyRule) -> Option<Num> {
    match cell.mark() {
        Some(Mark::Vacancy) if rule == VacancyRule::Excluded => None,
        Some(Mark::NotAvailable) => None,
        _ => cell.number(),
    }
}

/// One table and what every check of it needs.
struct Tab<'a> {
    t: &'a Table,
    path: &'a str,
    rule: VacancyRule,
    tolerance: Option<f64>,
    col_ids: Vec<&'a str>,
}

impl<'a> Tab<'a> {
    fn entity(&self) -> Entity {
        Entity::new("table", &self.t.id, Some(&self.t.caption))
    }

    fn column(&self, id: &Sp<String>) -> Option<usize> {
        self.col_ids.iter().position(|c| *c == id.value)
    }

    /// Whether every row has one cell per column, so column sums mean something.
    fn aligned(&self) -> bool {
        self.t.rows.iter().all(|r| r.cells.len() == self.t.columns.len())
    }

    /// The sum of a column over the data rows, or over one group's.
    fn column_sum(&self, col: usize, group: Option<&str>) -> Sum {
        let mut sum = Sum::default();
        for row in self.t.rows.iter().filter(|r| r.role == RowRole::Data) {
            if group.is_some() && row.group.as_ref().map(|g| g.value.as_str()) != group {
                continue;
            }
            if let Some(c) = row.cells.get(col) {
                sum.add(&c.value, self.rule);
            }
        }
        sum
    }

    /// The row's label cells, joined: how a reader names the row.
    fn label_of(&self, row: &Row) -> String {
        row.cells
            .iter()
            .zip(&self.t.columns)
            .filter(|(_, c)| c.role == ColumnRole::Label)
            .filter_map(|(cell, _)| match &cell.value {
                Cell::Text(s) => Some(s.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn numeric_columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.t
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.role, ColumnRole::Value | ColumnRole::Total))
            .map(|(i, _)| i)
    }
}

fn table(t: &Table, path: &str, sink: &mut Sink) {
    let tab = Tab {
        t,
        path,
        rule: t
            .vacancies
            .as_ref()
            .map(|v| v.value)
            .unwrap_or(VacancyRule::Counted),
        tolerance: t.tolerance.as_ref().map(|t| t.value),
        col_ids: t.columns.iter().map(|c| c.id.value.as_str()).collect(),
    };
    row_length(&tab, sink);
    column_references(&tab, sink);
    duplicate_column_label(&tab, sink);
    caption_years_mismatch(&tab, sink);
    number_style(&tab, sink);
    percent_out_of_range(&tab, sink);
    implied_base_mismatch(&tab, sink);
    implied_base_in_row_groups(&tab, sink);
    if tab.aligned() {
        total_cell_empty(&tab, sink);
        total_rows(&tab, sink);
        total_columns(&tab, sink);
        stated_totals(&tab, sink);
        percent_columns(&tab, sink);
    }
}

/// `row-length`: a row with more or fewer cells than the table has columns. The table's sums
/// are not checked until it is fixed: a missing cell shifts every figure after it.
fn row_length(tab: &Tab, sink: &mut Sink) {
    let ncols = tab.t.columns.len();
    for (r, row) in tab.t.rows.iter().enumerate() {
        if row.cells.len() != ncols {
            let loc = row.cells.first().map(|c| c.loc).unwrap_or(tab.t.caption.loc);
            let mut message = tr!(
                en(
                    "this row has {} cells, the table has {} columns",
                    row.cells.len(),
                    ncols
                ),
                lv(
                    "šajā rindā ir {}, bet tabulā ir {}",
                    Lang::Lv.count(row.cells.len(), "šūna", "šūnas"),
                    Lang::Lv.count(ncols, "kolonna", "kolonnas")
                ),
            );
            let mut help = tr!(
                en(
                    "give one cell per column, `null` for an empty one; the table's totals are \
                     checked once every row has one cell per column"
                ),
                lv(
                    "ierakstiet katrai kolonnai vienu šūnu, tukšai – `null`; tabulas kopsummas tiek \
                     pārbaudītas, kad katrā rindā ir pa vienai šūnai katrai kolonnai"
                ),
            );
            let split = split_by_decimal_comma(&row.cells);
            if row.cells.len() > ncols && !split.is_empty() {
                let written = split.join("`, `");
                let point = split
                    .iter()
                    .map(|s| s.replacen(',', ".", 1))
                    .collect::<Vec<_>>()
                    .join("`, `");
                message = tr!(
                    en(
                        "{}: `{written}` is probably a number with a decimal comma, which YAML splits into two cells",
                        message.en
                    ),
                    lv(
                        "{}: `{written}` droši vien ir skaitlis ar decimālkomatu, ko YAML sadala divās šūnās",
                        message.lv
                    ),
                );
                help = tr!(
                    en(
                        "write the number with a decimal point, `{point}`; the document prints it with a comma"
                    ),
                    lv(
                        "rakstiet skaitli ar decimālpunktu, `{point}`; dokumentā tas tiks izdrukāts ar komatu"
                    ),
                );
            }
            sink.push(
                Diagnostic::new(Code::RowLength, loc, message)
                    .path(format!("{}.rows[{r}].cells", tab.path))
                    .entity(tab.entity())
                    .help(help),
            );
        }
    }
}

/// The figures a row's flow sequence holds that look like one number split at a decimal comma
/// (`[Ozolkalna pamatskola, 118,5]` reads as 118 and 5): two whole numbers, the second written
/// right after the first's comma, with no space. Each as written, `118,5`.
fn split_by_decimal_comma(cells: &[Sp<Cell>]) -> Vec<String> {
    let whole = |c: &Sp<Cell>| match &c.value {
        Cell::Number(n) if n.decimals == 0 && n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(n.value as i64)
        }
        _ => None,
    };
    cells
        .windows(2)
        .filter_map(|pair| {
            let (int, frac) = (whole(&pair[0])?, whole(&pair[1])?);
            let int_text = int.to_string();
            let frac_text = frac.to_string();
            let (a, b) = (pair[0].loc, pair[1].loc);
            (frac >= 0
                && a.file == b.file
                && a.line == b.line
                && b.offset == a.offset + int_text.len() as u32 + 1)
                .then(|| format!("{int_text},{frac_text}"))
        })
        .collect()
}

/// `unknown-id` for the columns a total or percentage column, or a declared total, names.
fn column_references(tab: &Tab, sink: &mut Sink) {
    for (c, col) in tab.t.columns.iter().enumerate() {
        let mut named: Vec<(&Sp<String>, String)> = col
            .sum_of
            .iter()
            .enumerate()
            .map(|(k, s)| (s, format!("{}.columns[{c}].sum_of[{k}]", tab.path)))
            .collect();
        if let Some(po) = &col.percent_of {
            named.push((&po.count, format!("{}.columns[{c}].percent_of.count", tab.path)));
            named.push((&po.base, format!("{}.columns[{c}].percent_of.base", tab.path)));
        }
        for (s, at) in named {
            unknown(
                Kind::Column,
                s,
                tab.col_ids.iter().copied(),
                || at.clone(),
                || Some(tab.entity()),
                sink,
            );
        }
    }
    for (k, d) in tab.t.totals.iter().enumerate() {
        unknown(
            Kind::Column,
            &d.column,
            tab.col_ids.iter().copied(),
            || format!("{}.totals[{k}].column", tab.path),
            || Some(tab.entity()),
            sink,
        );
    }
}

/// `total-mismatch` for total and subtotal rows: each figure against its column's data rows.
fn total_rows(tab: &Tab, sink: &mut Sink) {
    for (r, row) in tab.t.rows.iter().enumerate() {
        let group = match row.role {
            RowRole::Data => continue,
            RowRole::Subtotal => match &row.group {
                Some(g) => Some(g.value.as_str()),
                None => continue,
            },
            RowRole::Total => None,
        };
        for c in tab.numeric_columns() {
            let Some(cell) = row.cells.get(c) else { continue };
            let Some(declared) = cell.value.number() else {
                continue;
            };
            let sum = tab.column_sum(c, group);
            if sum.disagrees(declared, tab.tolerance) {
                let (what, what_lv) = match group {
                    Some(g) => (format!("the subtotal of „{g}”"), format!("starpsumma „{g}”")),
                    None => ("the total".to_string(), "kopsumma".to_string()),
                };
                let label = &tab.t.columns[c].label.value;
                sink.push(
                    Diagnostic::new(
                        Code::TotalMismatch,
                        cell.loc,
                        tr!(
                            en(
                                "{what} in column „{label}” is {declared}, but its rows add up to {}{}",
                                sum.shown(Lang::En),
                                sum.vacancy_note(Lang::En, tab.rule)
                            ),
                            lv(
                                "{what_lv} kolonnā „{label}” ir {}, bet tās rindu summa ir {}{}",
                                lv_fig(declared),
                                sum.shown(Lang::Lv),
                                sum.vacancy_note(Lang::Lv, tab.rule)
                            ),
                        ),
                    )
                    .path(format!("{}.rows[{r}].cells[{c}]", tab.path))
                    .entity(tab.entity())
                    .help(tr!(
                        en(
                            "the difference is {}; keep the printed figure if the source says so, and record it",
                            sum.difference(Lang::En, declared)
                        ),
                        lv(
                            "starpība ir {}; ja tā norādīts avotā, paturiet nodrukāto skaitli un pierakstiet to",
                            sum.difference(Lang::Lv, declared)
                        ),
                    )),
                );
            }
        }
    }
}

/// `total-cell-empty`: a total cell (of a total column, or a total or subtotal row) left empty
/// while what it adds up has figures: the reader has no total, and nothing can be checked.
fn total_cell_empty(tab: &Tab, sink: &mut Sink) {
    let empty = |cell: &Cell| matches!(cell, Cell::Empty(()));
    // `what` names the cell in both languages.
    let mut report = |r: usize, c: usize, sum: Sum, what: (String, String)| {
        if sum.value == 0.0 {
            return;
        }
        let (what, what_lv) = what;
        sink.push(
            Diagnostic::new(
                Code::TotalCellEmpty,
                tab.t.rows[r].cells[c].loc,
                tr!(
                    en(
                        "{what} is empty, though what it adds up comes to {}",
                        sum.shown(Lang::En)
                    ),
                    lv(
                        "{what_lv} ir tukša, lai gan saskaitāmo skaitļu summa ir {}",
                        sum.shown(Lang::Lv)
                    ),
                ),
            )
            .path(format!("{}.rows[{r}].cells[{c}]", tab.path))
            .entity(tab.entity())
            .help(tr!(
                en("print the total, or `0` when it is nil; an empty total cannot be checked"),
                lv("ierakstiet kopsummu vai `0`, ja tā ir nulle; tukšu kopsummu nevar pārbaudīt"),
            )),
        );
    };
    for (c, col) in tab.t.columns.iter().enumerate() {
        let parts: Vec<usize> = col.sum_of.iter().filter_map(|s| tab.column(s)).collect();
        if col.role != ColumnRole::Total || parts.is_empty() {
            continue;
        }
        for (r, row) in tab.t.rows.iter().enumerate() {
            if row.cells.get(c).is_some_and(|x| empty(&x.value)) {
                let mut sum = Sum::default();
                for &pc in &parts {
                    if let Some(pcell) = row.cells.get(pc) {
                        sum.add(&pcell.value, tab.rule);
                    }
                }
                let label = tab.label_of(row);
                report(
                    r,
                    c,
                    sum,
                    (
                        format!("„{}” of „{label}”", col.label.value),
                        format!("kopsummas šūna „{}” rindā „{label}”", col.label.value),
                    ),
                );
            }
        }
    }
    for (r, row) in tab.t.rows.iter().enumerate() {
        let group = match row.role {
            RowRole::Data => continue,
            RowRole::Subtotal => match &row.group {
                Some(g) => Some(g.value.as_str()),
                None => continue,
            },
            RowRole::Total => None,
        };
        for c in tab.numeric_columns() {
            if row.cells.get(c).is_some_and(|x| empty(&x.value)) {
                let sum = tab.column_sum(c, group);
                let label = &tab.t.columns[c].label.value;
                report(
                    r,
                    c,
                    sum,
                    (
                        format!("the total in column „{label}”"),
                        format!("kopsummas šūna kolonnā „{label}”"),
                    ),
                );
            }
        }
    }
}

/// `total-mismatch` for total columns: each row's figure against the columns it adds up.
fn total_columns(tab: &Tab, sink: &mut Sink) {
    for (c, col) in tab.t.columns.iter().enumerate() {
        let parts: Vec<usize> = col.sum_of.iter().filter_map(|s| tab.column(s)).collect();
        if col.role != ColumnRole::Total || parts.is_empty() {
            continue;
        }
        for (r, row) in tab.t.rows.iter().enumerate() {
            let Some(cell) = row.cells.get(c) else { continue };
            let Some(declared) = cell.value.number() else {
                continue;
            };
            let mut sum = Sum::default();
            for &pc in &parts {
                if let Some(pcell) = row.cells.get(pc) {
                    sum.add(&pcell.value, tab.rule);
                }
            }
            if sum.disagrees(declared, tab.tolerance) {
                let label = tab.label_of(row);
                let (of, of_lv) = if label.is_empty() {
                    (String::new(), String::new())
                } else {
                    (format!(" of „{label}”"), format!(" rindā „{label}”"))
                };
                sink.push(
                    Diagnostic::new(
                        Code::TotalMismatch,
                        cell.loc,
                        tr!(
                            en(
                                "„{}”{of} is {declared}, but its columns add up to {}{}",
                                col.label.value,
                                sum.shown(Lang::En),
                                sum.vacancy_note(Lang::En, tab.rule)
                            ),
                            lv(
                                "„{}”{of_lv} ir {}, bet saskaitāmo kolonnu summa ir {}{}",
                                col.label.value,
                                lv_fig(declared),
                                sum.shown(Lang::Lv),
                                sum.vacancy_note(Lang::Lv, tab.rule)
                            ),
                        ),
                    )
                    .path(format!("{}.rows[{r}].cells[{c}]", tab.path))
                    .entity(tab.entity())
                    .help(tr!(
                        en("the difference is {}", sum.difference(Lang::En, declared)),
                        lv("starpība ir {}", sum.difference(Lang::Lv, declared)),
                    )),
                );
            }
        }
    }
}

/// `total-mismatch` for totals the source states outside the rows (caption or prose).
fn stated_totals(tab: &Tab, sink: &mut Sink) {
    for (k, d) in tab.t.totals.iter().enumerate() {
        let Some(c) = tab.column(&d.column) else { continue };
        let declared = d.value.value;
        let sum = tab.column_sum(c, d.group.as_ref().map(|g| g.value.as_str()));
        if !sum.disagrees(declared, tab.tolerance) {
            continue;
        }
        let (where_, where_lv) = match d.stated_in {
            StatedIn::Prose => ("the text states", "tekstā"),
            StatedIn::Table => ("the table states", "tabulā"),
        };
        let label = &tab.t.columns[c].label.value;
        let diag = Diagnostic::new(
            Code::TotalMismatch,
            d.value.loc,
            tr!(
                en(
                    "{where_} a total of {declared} for „{label}”, but the table's rows add up to {}{}",
                    sum.shown(Lang::En),
                    sum.vacancy_note(Lang::En, tab.rule)
                ),
                lv(
                    "{where_lv} norādītā kopsumma „{label}” ir {}, bet tabulas rindu summa ir {}{}",
                    lv_fig(declared),
                    sum.shown(Lang::Lv),
                    sum.vacancy_note(Lang::Lv, tab.rule)
                ),
            ),
        )
        .path(format!("{}.totals[{k}].value", tab.path))
        .entity(tab.entity());
        let (difference, difference_lv) = (
            sum.difference(Lang::En, declared),
            sum.difference(Lang::Lv, declared),
        );
        sink.push(match &d.quote {
            Some(q) => diag.help(tr!(
                en("the source: „{}”; the difference is {difference}", q.value),
                lv("avotā: „{}”; starpība ir {difference_lv}", q.value),
            )),
            None => diag.help(tr!(
                en("the difference is {difference}"),
                lv("starpība ir {difference_lv}"),
            )),
        });
    }
}

/// A label as a reader compares it: lower case, spacing collapsed.
fn comparable(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `duplicate-column-label`: two columns under the same merged header with the same label, or
/// labels one letter apart (a typo of the same word; labels with figures, such as years or
/// grades, differ by a digit on purpose), so a reader cannot tell their figures apart.
fn duplicate_column_label(tab: &Tab, sink: &mut Sink) {
    let cols = &tab.t.columns;
    // Each label compared once made comparable; a typo is one edit, so only the band of width
    // one is computed.
    let labels: Vec<Vec<char>> = cols
        .iter()
        .map(|c| comparable(&c.label.value).chars().collect())
        .collect();
    for (c, col) in cols.iter().enumerate() {
        let label = &labels[c];
        if label.len() < 4 {
            continue;
        }
        let figures = label.iter().any(|c| c.is_ascii_digit());
        let same_header = |o: &crate::model::Column| {
            o.group.as_ref().map(|g| &g.value) == col.group.as_ref().map(|g| &g.value)
        };
        let Some(first) = cols[..c].iter().zip(&labels).find_map(|(o, other)| {
            let near = other == label
                || !figures
                    && other.len().abs_diff(label.len()) <= 1
                    && crate::diag::bounded_distance(other, label, 1) == Some(1);
            (same_header(o) && near).then_some(o)
        }) else {
            continue;
        };
        let (how, how_lv) = if comparable(&first.label.value) == comparable(&col.label.value) {
            ("the same label", "vienāds nosaukums")
        } else {
            ("nearly the same label", "gandrīz vienāds nosaukums")
        };
        sink.push(
            Diagnostic::new(
                Code::DuplicateColumnLabel,
                col.label.loc,
                tr!(
                    en(
                        "columns `{}` and `{}` have {how}: „{}” and „{}”",
                        first.id.value, col.id.value, first.label.value, col.label.value
                    ),
                    lv(
                        "kolonnām `{}` un `{}` ir {how_lv}: „{}” un „{}”",
                        first.id.value, col.id.value, first.label.value, col.label.value
                    ),
                ),
            )
            .path(format!("{}.columns[{c}].label", tab.path))
            .entity(tab.entity())
            .help(tr!(
                en("a reader cannot tell the two columns apart; one of the labels is probably wrong in the source"),
                lv("lasītājs nevar atšķirt abas kolonnas; viens no nosaukumiem avotā droši vien ir kļūdains"),
            )),
        );
    }
}

/// The years a text names: `2021.-2022.g.` gives 2021 and 2022, `2020/2021` 2020 and 2021.
fn years_in(text: &str) -> Vec<i32> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let four = &b[i..i + 4];
        let boundary =
            (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if boundary && four.iter().all(u8::is_ascii_digit) {
            let y: i32 = text[i..i + 4].parse().unwrap_or(0);
            if (1990..=2100).contains(&y) {
                out.push(y);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a header names only a year or a school year (`2020`, `2020/2021`, `2020./2021.`).
fn is_year_header(text: &str) -> bool {
    let t = text.trim();
    !years_in(t).is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-' | '–' | ' '))
}

/// `caption-years-mismatch`: year columns (or the year a row is labelled with) outside the
/// years the caption names. One finding for the table, listing the years.
fn caption_years_mismatch(tab: &Tab, sink: &mut Sink) {
    let caption = years_in(&tab.t.caption.value);
    let (Some(&from), Some(&to)) = (caption.iter().min(), caption.iter().max()) else {
        return;
    };
    // Each year outside, with where it is in both languages.
    let mut outside: Vec<(i32, String, String)> = Vec::new();
    let mut note = |header: &str, what: String, what_lv: String| {
        if is_year_header(header) {
            for y in years_in(header) {
                if !(from..=to).contains(&y) && !outside.iter().any(|(o, _, _)| *o == y) {
                    outside.push((y, what.clone(), what_lv.clone()));
                }
            }
        }
    };
    for col in &tab.t.columns {
        let l = &col.label.value;
        note(l, format!("column „{l}”"), format!("kolonna „{l}”"));
        if let Some(g) = &col.group {
            let g = &g.value;
            note(g, format!("columns under „{g}”"), format!("kolonnas zem „{g}”"));
        }
    }
    for row in &tab.t.rows {
        for (cell, col) in row.cells.iter().zip(&tab.t.columns) {
            if let (Cell::Text(s), ColumnRole::Label) = (&cell.value, col.role) {
                note(s, format!("row „{s}”"), format!("rinda „{s}”"));
            }
        }
    }
    if outside.is_empty() {
        return;
    }
    let years = if from == to {
        format!("{from}")
    } else {
        format!("{from}–{to}")
    };
    let years_lv = if from == to {
        format!("{from}. gadu")
    } else {
        format!("{}. gadu", Lang::Lv.year_range(from, to).trim_end_matches('.'))
    };
    let listed: Vec<String> = outside
        .iter()
        .map(|(y, what, _)| format!("{y} ({what})"))
        .collect();
    let listed_lv: Vec<String> = outside
        .iter()
        .map(|(y, _, what)| format!("{y}. gads ({what})"))
        .collect();
    sink.push(
        Diagnostic::new(
            Code::CaptionYearsMismatch,
            tab.t.caption.loc,
            tr!(
                en(
                    "the caption names {years}, but the table also has {}",
                    listed.join(", ")
                ),
                lv(
                    "virsraksts attiecas uz {years_lv}, bet tabulā ir arī {}",
                    listed_lv.join(", ")
                ),
            ),
        )
        .path(format!("{}.caption", tab.path))
        .entity(tab.entity())
        .help(tr!(
            en("the caption or the table's years are wrong in the source; a reader trusts the caption"),
            lv("avotā kļūdains ir virsraksts vai tabulas gadi; lasītājs uzticas virsrakstam"),
        )),
    );
}

/// `number-style`: a figure typed as text in a value column (`14,25`, `9.3%`), so it is not
/// summed or checked; with a decimal comma it is the usual slip of writing YAML by hand. Also
/// a figure with exactly three decimals among whole numbers (`1.234` in a column of counts):
/// a thousands separator read as a decimal point.
fn number_style(tab: &Tab, sink: &mut Sink) {
    thousands_read_as_decimals(tab, sink);
    // Printed cells with a decimal point, per column: one finding for a column printed so.
    let mut pointed: std::collections::BTreeMap<usize, Vec<(usize, String)>> = Default::default();
    for (r, row) in tab.t.rows.iter().enumerate() {
        for (c, (cell, col)) in row.cells.iter().zip(&tab.t.columns).enumerate() {
            if let Cell::Marked(m) = &cell.value
                && let Some(figure) = m.text.as_deref().and_then(super::targets::decimal_point_figure)
            {
                pointed.entry(c).or_default().push((r, figure));
                continue;
            }
            let Cell::Text(s) = &cell.value else { continue };
            // `1.` reads as an ordinal or a list number in Latvian, not as a figure.
            if col.role == ColumnRole::Label || s.trim_end().ends_with('.') {
                continue;
            }
            let bare = s.trim().trim_end_matches('%').trim().replace(['\u{a0}', ' '], "");
            let Some(n) = Num::parse_printed(&bare.replace(',', ".")) else {
                continue;
            };
            let help = if bare.contains(',') {
                tr!(
                    en(
                        "write it with a decimal point, `{n}`: YAML reads `{bare}` as text, and the document prints `{}` as the source does",
                        bare
                    ),
                    lv(
                        "ierakstiet to ar decimālpunktu, `{n}`: YAML `{bare}` nolasa kā tekstu, bet dokumentā skaitlis tiek nodrukāts tāpat kā avotā, `{bare}`"
                    ),
                )
            } else {
                tr!(
                    en("write it as a number, `{n}`, so the table's totals count it"),
                    lv("ierakstiet to kā skaitli, `{n}`, lai tas tiktu ieskaitīts tabulas kopsummās"),
                )
            };
            sink.push(
                Diagnostic::new(
                    Code::NumberStyle,
                    cell.loc,
                    tr!(
                        en("„{s}” in column „{}” is text, not a number", col.label.value),
                        lv("„{s}” kolonnā „{}” ir teksts, nevis skaitlis", col.label.value),
                    ),
                )
                .path(format!("{}.rows[{r}].cells[{c}]", tab.path))
                .entity(tab.entity())
                .help(help),
            );
        }
    }
    for (c, cells) in pointed {
        let (r, figure) = &cells[0];
        let (others, verb, others_lv, verb_lv) = match cells.len() {
            1 => (String::new(), "is", String::new(), "ir nodrukāts"),
            n => (
                format!(" and {} more figures", n - 1),
                "are",
                format!(" un vēl {}", Lang::Lv.count(n - 1, "skaitlis", "skaitļi")),
                "ir nodrukāti",
            ),
        };
        let label = &tab.t.columns[c].label.value;
        let comma = figure.replace('.', ",");
        sink.push(
            Diagnostic::new(
                Code::NumberStyle,
                tab.t.rows[*r].cells[c].loc,
                tr!(
                    en(
                        "„{figure}”{others} in column „{label}” {verb} printed with a decimal point, the programme writes decimal commas"
                    ),
                    lv(
                        "„{figure}”{others_lv} kolonnā „{label}” {verb_lv} ar decimālpunktu, bet programmā lieto decimālkomatu"
                    ),
                ),
            )
            .path(format!("{}.rows[{r}].cells[{c}]", tab.path))
            .entity(tab.entity())
            .help(tr!(
                en(
                    "a Latvian reader takes „{figure}” for a date or a thousands group; the source should print „{comma}”"
                ),
                lv(
                    "latviešu lasītājs „{figure}” uztver kā datumu vai tūkstošu grupu; avotā jābūt „{comma}”"
                ),
            )),
        );
    }
}

fn thousands_read_as_decimals(tab: &Tab, sink: &mut Sink) {
    for c in tab.numeric_columns() {
        let figures: Vec<(usize, Num)> = tab
            .t
            .rows
            .iter()
            .enumerate()
            .filter_map(|(r, row)| row.cells.get(c).and_then(|x| x.value.number()).map(|n| (r, n)))
            .collect();
        let whole = figures.iter().filter(|(_, n)| n.decimals() == 0).count();
        for (r, n) in &figures {
            // Three decimals, at least one, among at least three whole numbers and nothing else.
            if n.decimals() == 3 && n.value >= 1.0 && whole >= 3 && whole + 1 == figures.len() {
                let cell = &tab.t.rows[*r].cells[c];
                sink.push(
                    Diagnostic::new(
                        Code::NumberStyle,
                        cell.loc,
                        tr!(
                            en(
                                "{n} in column „{}” of whole numbers looks like {} with a thousands separator",
                                tab.t.columns[c].label.value,
                                (n.value * 1000.0).round()
                            ),
                            lv(
                                "skaitlis {} kolonnā „{}”, kurā ir veseli skaitļi, izskatās pēc {}, kas uzrakstīts ar tūkstošu atdalītāju",
                                lv_fig(*n),
                                tab.t.columns[c].label.value,
                                Lang::Lv.number((n.value * 1000.0).round(), 0)
                            ),
                        ),
                    )
                    .path(format!("{}.rows[{r}].cells[{c}]", tab.path))
                    .entity(tab.entity())
                    .help(tr!(
                        en("a Latvian document groups thousands with a space and writes decimals with a comma; write the figure the source means"),
                        lv("latviešu dokumentā tūkstošus atdala ar atstarpi, bet decimāldaļu – ar komatu; ierakstiet skaitli, ko avots domājis"),
                    )),
                );
            }
        }
    }
}

/// `percent-out-of-range` for percentage columns: a share below 0 or above 100.
fn percent_out_of_range(tab: &Tab, sink: &mut Sink) {
    for (c, col) in tab
        .t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role == ColumnRole::Percent)
    {
        for (r, row) in tab.t.rows.iter().enumerate() {
            let Some(cell) = row.cells.get(c) else { continue };
            let Some(n) = cell.value.number() else { continue };
            if !(0.0..=100.0).contains(&n.value) {
                sink.push(
                    Diagnostic::new(
                        Code::PercentOutOfRange,
                        cell.loc,
                        tr!(
                            en(
                                "{n} % in column „{}” is not a percentage between 0 and 100",
                                col.label.value
                            ),
                            lv(
                                "{} kolonnā „{}” nav procentuāla vērtība robežās no 0 līdz 100",
                                Lang::Lv.figure_percent(n),
                                col.label.value
                            ),
                        ),
                    )
                    .path(format!("{}.rows[{r}].cells[{c}]", tab.path))
                    .entity(tab.entity())
                    .help(tr!(
                        en("a share is between 0 and 100; if the column holds counts, give it another role"),
                        lv("daļa ir robežās no 0 līdz 100; ja kolonnā ir skaiti, norādiet tai citu lomu (`role`)"),
                    )),
                );
            }
        }
    }
}

/// `implied-base-mismatch`: a table that prints a count and its percentage for several years
/// (column groups) but no base. Each pair implies the base it was taken of; a row whose base in
/// one year is half or twice what the same row implies in the other years was computed from
/// another base, or misprinted. One finding per year, listing the rows.
fn implied_base_mismatch(tab: &Tab, sink: &mut Sink) {
    let cols = &tab.t.columns;
    // (group, count column, percent column) for each percentage column with no base column.
    let mut pairs: Vec<(&str, usize, usize)> = Vec::new();
    for (c, col) in cols.iter().enumerate() {
        let (ColumnRole::Percent, None, Some(g)) = (col.role, &col.percent_of, &col.group) else {
            continue;
        };
        let count = (0..c).rev().find(|&k| {
            cols[k].role == ColumnRole::Value && cols[k].group.as_ref().map(|x| &x.value) == Some(&g.value)
        });
        if let Some(k) = count {
            pairs.push((g.value.as_str(), k, c));
        }
    }
    if pairs.len() < 3 {
        return;
    }
    // The base a row implies in one pair: count / percentage, as an interval for the
    // percentage's rounding.
    let implied = |row: &Row, (_, k, c): (&str, usize, usize)| -> Option<(f64, f64)> {
        let count = row.cells.get(k)?.value.number()?;
        let pct = row.cells.get(c)?.value.number()?;
        let h = pct.half_unit();
        (count.value > 0.0 && pct.value - h > 0.0).then(|| {
            (
                count.value * 100.0 / (pct.value + h),
                count.value * 100.0 / (pct.value - h),
            )
        })
    };
    for (p, pair) in pairs.iter().enumerate() {
        let mut odd: Vec<(usize, f64, f64)> = Vec::new();
        for (r, row) in tab
            .t
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == RowRole::Data)
        {
            let Some((lo, hi)) = implied(row, *pair) else {
                continue;
            };
            let others: Vec<f64> = pairs
                .iter()
                .enumerate()
                .filter(|(q, _)| *q != p)
                .filter_map(|(_, other)| implied(row, *other).map(|(a, b)| (a + b) / 2.0))
                .collect();
            if others.len() < 2 {
                continue;
            }
            let (min, max) = others
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
            if hi * 1.5 < min || lo > max * 1.5 {
                odd.push((r, (lo + hi) / 2.0, (min + max) / 2.0));
            }
        }
        let Some(&(first, _, _)) = odd.first() else {
            continue;
        };
        let (group, _, c) = *pair;
        let listed: Vec<String> = odd
            .iter()
            .map(|(r, here, there)| {
                format!(
                    "„{}”: about {} here, {} in the other years",
                    tab.label_of(&tab.t.rows[*r]),
                    here.round(),
                    there.round()
                )
            })
            .collect();
        let listed_lv: Vec<String> = odd
            .iter()
            .map(|(r, here, there)| {
                format!(
                    "„{}”: šeit aptuveni {}, citos gados {}",
                    tab.label_of(&tab.t.rows[*r]),
                    Lang::Lv.number(here.round(), 0),
                    Lang::Lv.number(there.round(), 0)
                )
            })
            .collect();
        let n = odd.len();
        sink.push(
            Diagnostic::new(
                Code::ImpliedBaseMismatch,
                tab.t.rows[first].cells[c].loc,
                tr!(
                    en(
                        "in „{group}” the percentages of {n} row{} imply another base than the same rows in the other years",
                        if n == 1 { "" } else { "s" }
                    ),
                    lv(
                        "kolonnā „{group}” {n} {} procenti atbilst citai bāzei nekā {} citos gados",
                        Lang::Lv.plural(n, "rindas", "rindu"),
                        Lang::Lv.plural(n, "tajā pašā rindā", "tajās pašās rindās")
                    ),
                ),
            )
            .path(format!("{}.rows[{first}].cells[{c}]", tab.path))
            .entity(tab.entity())
            .help(tr!(
                en(
                    "{}; a percentage of a count is taken of the same population each year",
                    listed.join("; ")
                ),
                lv(
                    "{}; procentus no skaita katru gadu rēķina no tā paša kopuma",
                    listed_lv.join("; ")
                ),
            )),
        );
    }
}

/// `implied-base-mismatch` for a table laid out with one row per subject and the year (or
/// another population) as a row group (Jelgava 1.7: „2019./2020.m.g.” over Matemātika,
/// Latviešu valoda …), printing a count and its percentage but no base. The rows of one group
/// are shares of one population, so each pair implies the same base; a row whose implied base
/// cannot be the one the group's other rows agree on (even allowing for a percentage rounded
/// or cut to its printed decimals) was computed from another base, or misprinted. Needs three
/// rows in the group, so the other rows can agree. One finding per group, listing the rows.
fn implied_base_in_row_groups(tab: &Tab, sink: &mut Sink) {
    let cols = &tab.t.columns;
    for (c, col) in cols.iter().enumerate() {
        let (ColumnRole::Percent, None, None) = (col.role, &col.percent_of, &col.group) else {
            continue;
        };
        let Some(k) = (0..c)
            .rev()
            .find(|&k| cols[k].role == ColumnRole::Value && cols[k].group.is_none())
        else {
            continue;
        };
        // The base a row implies, as an interval wide enough for a percentage rounded or cut
        // to its printed decimals.
        let implied = |row: &Row| -> Option<(f64, f64)> {
            let count = row.cells.get(k)?.value.number()?;
            let pct = row.cells.get(c)?.value.number()?;
            let u = 2.0 * pct.half_unit();
            (count.value > 0.0 && pct.value - u > 0.0).then(|| {
                (
                    count.value * 100.0 / (pct.value + u),
                    count.value * 100.0 / (pct.value - u),
                )
            })
        };
        // Each row group with its rows: (row index, implied base interval).
        type Rows = Vec<(usize, (f64, f64))>;
        let mut groups: Vec<(&str, Rows)> = Vec::new();
        for (r, row) in tab.t.rows.iter().enumerate() {
            let (RowRole::Data, Some(g), Some(base)) = (row.role, &row.group, implied(row)) else {
                continue;
            };
            match groups.iter_mut().find(|(name, _)| *name == g.value) {
                Some((_, rows)) => rows.push((r, base)),
                None => groups.push((g.value.as_str(), vec![(r, base)])),
            }
        }
        for (group, rows) in groups.iter().filter(|(_, rows)| rows.len() >= 3) {
            let mut odd: Vec<(usize, f64, f64)> = Vec::new();
            for (r, (lo, hi)) in rows {
                let (olo, ohi) = rows
                    .iter()
                    .filter(|(q, _)| q != r)
                    .fold((f64::MIN, f64::MAX), |(a, b), (_, (l, h))| (a.max(*l), b.min(*h)));
                // The other rows must agree among themselves for one of them to be odd.
                if olo > ohi || (*hi >= olo && *lo <= ohi) {
                    continue;
                }
                odd.push((*r, (lo + hi) / 2.0, (olo + ohi) / 2.0));
            }
            let Some(&(first, _, _)) = odd.first() else {
                continue;
            };
            // Neither side is called wrong: the minority may be the row that agrees with the
            // population the document states elsewhere. Both are named.
            let names = |rs: &mut dyn Iterator<Item = usize>| -> String {
                rs.map(|r| format!("„{}”", tab.label_of(&tab.t.rows[r])))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let odd_rows = names(&mut odd.iter().map(|o| o.0));
            let rest_rows = names(
                &mut rows
                    .iter()
                    .map(|o| o.0)
                    .filter(|r| !odd.iter().any(|o| o.0 == *r)),
            );
            let (here, there) = (odd[0].1.round(), odd[0].2.round());
            sink.push(
                Diagnostic::new(
                    Code::ImpliedBaseMismatch,
                    tab.t.rows[first].cells[c].loc,
                    tr!(
                        en(
                            "the counts and percentages of „{group}” imply two bases for one population: {odd_rows} about {here}, {rest_rows} about {there}"
                        ),
                        lv(
                            "grupas „{group}” skaiti un procenti vienam kopumam atbilst divām bāzēm: {odd_rows} aptuveni {}, {rest_rows} aptuveni {}",
                            Lang::Lv.number(here, 0),
                            Lang::Lv.number(there, 0)
                        ),
                    ),
                )
                .path(format!("{}.rows[{first}].cells[{c}]", tab.path))
                .entity(tab.entity())
                .help(tr!(
                    en("the rows of one group are shares of one population, so their counts and percentages imply one base"),
                    lv("vienas grupas rindas ir viena kopuma daļas, tāpēc to skaiti un procenti atbilst vienai bāzei"),
                )),
            );
        }
    }
}

/// `percent-mismatch` for percentage columns: each figure against its row's count and base.
fn percent_columns(tab: &Tab, sink: &mut Sink) {
    for (c, col) in tab.t.columns.iter().enumerate() {
        let (ColumnRole::Percent, Some(po)) = (col.role, &col.percent_of) else {
            continue;
        };
        let (Some(ci), Some(bi)) = (tab.column(&po.count), tab.column(&po.base)) else {
            continue;
        };
        for (r, row) in tab.t.rows.iter().enumerate() {
            let number = |i: usize| row.cells.get(i).and_then(|c| c.value.number());
            let (Some(pct), Some(count), Some(base)) = (number(c), number(ci), number(bi)) else {
                continue;
            };
            let Some(computed) = percentage(count, base) else {
                continue;
            };
            if (computed - pct.value).abs() > pct.half_unit() + EPSILON {
                sink.push(
                    Diagnostic::new(
                        Code::PercentMismatch,
                        row.cells[c].loc,
                        tr!(
                            en(
                                "{pct} % is printed, but {count} of {base} is {} %",
                                percent(Lang::En, computed, pct.decimals())
                            ),
                            lv(
                                "nodrukāti {}, bet {} no {} ir {}",
                                Lang::Lv.figure_percent(pct),
                                lv_fig(count),
                                lv_fig(base),
                                percent(Lang::Lv, computed, pct.decimals())
                            ),
                        ),
                    )
                    .path(format!("{}.rows[{r}].cells[{c}]", tab.path))
                    .entity(tab.entity())
                    .help(tr!(
                        en("recompute the percentage from its count and base"),
                        lv("pārrēķiniet procentus no skaita un bāzes"),
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, Num, Sum};

    fn sum(values: &[Num]) -> Sum {
        let mut s = Sum::default();
        for v in values {
            s.add(
                &crate::model::Cell::Number(*v),
                crate::model::VacancyRule::Counted,
            );
        }
        s
    }

    #[test]
    fn a_total_is_exact_to_the_decimals_of_its_rows() {
        let rows = sum(&[Num::new(0.1, 1), Num::new(0.2, 1)]);
        assert!(!rows.disagrees(Num::new(0.3, 1), None), "0.1 + 0.2 is 0.3");
        assert!(rows.disagrees(Num::new(0.4, 1), None));
        let fte = sum(&[Num::new(10.5, 1), Num::new(0.263, 3)]);
        assert!(!fte.disagrees(Num::new(10.763, 3), None));
        assert!(
            fte.disagrees(Num::new(10.764, 3), None),
            "one unit of the third decimal counts"
        );
        assert_eq!(fte.shown(Lang::En), "10.763");
        assert_eq!(fte.shown(Lang::Lv), "10,763");
    }

    #[test]
    fn a_total_printed_with_fewer_decimals_may_be_rounded() {
        let rows = sum(&[Num::new(1.25, 2), Num::new(1.24, 2)]);
        assert!(!rows.disagrees(Num::new(2.5, 1), None), "2.49 printed as 2.5");
        assert!(rows.disagrees(Num::new(2.6, 1), None));
        assert!(rows.disagrees(Num::new(2.48, 2), None));
        let half = sum(&[Num::new(1.0, 1), Num::new(0.5, 1)]);
        assert!(half.disagrees(Num::new(1.0, 0), None), "1.5 rounds to 2, not 1");
        assert!(!half.disagrees(Num::new(2.0, 0), None));
    }

    #[test]
    fn an_explicit_tolerance_wins() {
        let rows = sum(&[Num::new(1.0, 0), Num::new(2.0, 0)]);
        assert!(!rows.disagrees(Num::new(4.0, 0), Some(1.0)));
        assert!(rows.disagrees(Num::new(4.0, 0), None));
    }

    #[test]
    fn a_difference_shows_the_finer_decimals() {
        let rows = sum(&[Num::new(136.0, 0), Num::new(205.0, 0)]);
        assert_eq!(rows.difference(Lang::En, Num::new(321.0, 0)), "-20");
        assert_eq!(rows.difference(Lang::En, Num::new(341.0, 0)), "0");
        assert_eq!(rows.difference(Lang::Lv, Num::new(321.0, 0)), "\u{2212}20");
        let tenths = sum(&[Num::new(0.1, 1)]);
        assert_eq!(
            tenths.difference(Lang::Lv, Num::new(0.1, 2)),
            "0,00",
            "no minus on a zero"
        );
    }
}
