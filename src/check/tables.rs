//! Data tables: declared totals (total and subtotal rows, total columns, totals stated in
//! prose) must equal the sum of what they add up, counting vacancies as the table declares;
//! percentages must match their count and base; rows have one cell per column.

use super::references::unknown;
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::model::{Cell, ColumnRole, Mark, Programme, RowRole, Section, Sp, StatedIn, Table, VacancyRule};

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
    for (i, fact) in s.facts.iter().enumerate() {
        if fact.base.value != 0.0 {
            let computed = fact.count.value / fact.base.value * 100.0;
            if (computed - fact.percent.value).abs() > half_unit(fact.percent.value) {
                sink.push(
                    Diagnostic::new(
                        Code::PercentMismatch,
                        fact.percent.loc,
                        format!(
                            "{} % is stated, but {} of {} is {:.2} %",
                            fact.percent.value, fact.count.value, fact.base.value, computed
                        ),
                    )
                    .path(format!("{path}.facts[{i}].percent"))
                    .entity(Entity::new("section", &s.id, Some(&s.title)))
                    .help(format!("„{}”", fact.quote.value)),
                );
            }
        }
    }
    for (i, c) in s.sections.iter().enumerate() {
        section(c, &format!("{path}.sections[{i}]"), sink);
    }
}

/// Half a unit of the last printed decimal of `v`: 9.3 -> 0.05, 9 -> 0.5.
fn half_unit(v: f64) -> f64 {
    let s = format!("{v}");
    let decimals = s.split_once('.').map(|(_, d)| d.len()).unwrap_or(0) as i32;
    0.5 * 10f64.powi(-decimals) + 1e-9
}

/// The figure a cell contributes to a sum under the table's vacancy rule.
fn contribution(cell: &Cell, rule: VacancyRule) -> Option<f64> {
    match cell.mark() {
        Some(Mark::Vacancy) if rule == VacancyRule::Excluded => None,
        Some(Mark::NotAvailable) => None,
        _ => cell.number(),
    }
}

fn fmt_num(v: f64) -> String {
    let r = (v * 1_000_000.0).round() / 1_000_000.0;
    format!("{r}")
}

fn table(t: &Table, path: &str, sink: &mut Sink) {
    let e = || Entity::new("table", &t.id, Some(&t.caption));
    let rule = t
        .vacancies
        .as_ref()
        .map(|v| v.value)
        .unwrap_or(VacancyRule::Counted);
    let tol = t.tolerance.as_ref().map(|t| t.value).unwrap_or(0.001) + 1e-9;
    let ncols = t.columns.len();
    let col_ids: Vec<&str> = t.columns.iter().map(|c| c.id.value.as_str()).collect();
    let vac_note = |sum_has_vacancy: bool| {
        if sum_has_vacancy {
            match rule {
                VacancyRule::Counted => " (vacancies counted, as the table declares)",
                VacancyRule::Excluded => " (vacancies not counted, as the table declares)",
            }
        } else {
            ""
        }
    };
    for (r, row) in t.rows.iter().enumerate() {
        if row.cells.len() != ncols {
            let loc = row.cells.first().map(|c| c.loc).unwrap_or(t.caption.loc);
            sink.push(
                Diagnostic::new(
                    Code::RowLength,
                    loc,
                    format!(
                        "this row has {} cells, the table has {} columns",
                        row.cells.len(),
                        ncols
                    ),
                )
                .path(format!("{path}.rows[{r}].cells"))
                .entity(e())
                .help("give one cell per column, `null` for an empty one"),
            );
        }
    }
    let numeric: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.role, ColumnRole::Value | ColumnRole::Total))
        .map(|(i, _)| i)
        .collect();
    // Sums of data rows per column, over all rows or one group.
    let sum = |col: usize, group: Option<&str>| -> (f64, bool) {
        let mut total = 0.0;
        let mut vac = false;
        for row in t.rows.iter().filter(|r| r.role == RowRole::Data) {
            if group.is_some() && row.group.as_ref().map(|g| g.value.as_str()) != group {
                continue;
            }
            if let Some(c) = row.cells.get(col) {
                vac |= c.value.mark() == Some(Mark::Vacancy);
                total += contribution(&c.value, rule).unwrap_or(0.0);
            }
        }
        (total, vac)
    };
    let label_of = |row: &crate::model::Row| -> String {
        row.cells
            .iter()
            .zip(&t.columns)
            .filter(|(_, c)| c.role == ColumnRole::Label)
            .filter_map(|(cell, _)| match &cell.value {
                Cell::Text(s) => Some(s.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Total and subtotal rows.
    for (r, row) in t.rows.iter().enumerate() {
        if row.role == RowRole::Data {
            continue;
        }
        let group = match row.role {
            RowRole::Subtotal => match &row.group {
                Some(g) => Some(g.value.as_str()),
                None => continue,
            },
            _ => None,
        };
        for &c in &numeric {
            let Some(cell) = row.cells.get(c) else { continue };
            let Some(declared) = cell.value.number() else {
                continue;
            };
            let (computed, vac) = sum(c, group);
            if (declared - computed).abs() > tol {
                let what = match group {
                    Some(g) => format!("the subtotal of „{g}”"),
                    None => "the total".to_string(),
                };
                sink.push(
                    Diagnostic::new(
                        Code::TotalMismatch,
                        cell.loc,
                        format!(
                            "{what} in column „{}” is {}, but its rows add up to {}{}",
                            t.columns[c].label.value,
                            fmt_num(declared),
                            fmt_num(computed),
                            vac_note(vac)
                        ),
                    )
                    .path(format!("{path}.rows[{r}].cells[{c}]"))
                    .entity(e())
                    .help(format!(
                        "the difference is {}; keep the printed figure if the source says so, and record it",
                        fmt_num(declared - computed)
                    )),
                );
            }
        }
    }
    // Total columns (row by row) and percent columns.
    for (c, col) in t.columns.iter().enumerate() {
        for (k, s) in col.sum_of.iter().enumerate() {
            unknown(
                "column",
                s,
                col_ids.iter().copied(),
                || format!("{path}.columns[{c}].sum_of[{k}]"),
                || Some(e()),
                sink,
            );
        }
        if let Some(po) = &col.percent_of {
            for (s, field) in [(&po.count, "count"), (&po.base, "base")] {
                unknown(
                    "column",
                    s,
                    col_ids.iter().copied(),
                    || format!("{path}.columns[{c}].percent_of.{field}"),
                    || Some(e()),
                    sink,
                );
            }
        }
        let parts: Vec<usize> = col
            .sum_of
            .iter()
            .filter_map(|s| col_ids.iter().position(|id| *id == s.value))
            .collect();
        for (r, row) in t.rows.iter().enumerate() {
            let Some(cell) = row.cells.get(c) else { continue };
            if col.role == ColumnRole::Total && !parts.is_empty() {
                let Some(declared) = cell.value.number() else {
                    continue;
                };
                let mut computed = 0.0;
                let mut vac = false;
                for &pc in &parts {
                    if let Some(pcell) = row.cells.get(pc) {
                        vac |= pcell.value.mark() == Some(Mark::Vacancy);
                        computed += contribution(&pcell.value, rule).unwrap_or(0.0);
                    }
                }
                if (declared - computed).abs() > tol {
                    let label = label_of(row);
                    sink.push(
                        Diagnostic::new(
                            Code::TotalMismatch,
                            cell.loc,
                            format!(
                                "„{}”{} is {}, but its columns add up to {}{}",
                                col.label.value,
                                if label.is_empty() {
                                    String::new()
                                } else {
                                    format!(" of „{label}”")
                                },
                                fmt_num(declared),
                                fmt_num(computed),
                                vac_note(vac)
                            ),
                        )
                        .path(format!("{path}.rows[{r}].cells[{c}]"))
                        .entity(e())
                        .help(format!("the difference is {}", fmt_num(declared - computed))),
                    );
                }
            }
            if let (ColumnRole::Percent, Some(po)) = (col.role, &col.percent_of) {
                let idx = |s: &Sp<String>| col_ids.iter().position(|id| *id == s.value);
                let (Some(ci), Some(bi)) = (idx(&po.count), idx(&po.base)) else {
                    continue;
                };
                let (Some(pct), Some(count), Some(base)) = (
                    cell.value.number(),
                    row.cells.get(ci).and_then(|c| c.value.number()),
                    row.cells.get(bi).and_then(|c| c.value.number()),
                ) else {
                    continue;
                };
                if base == 0.0 {
                    continue;
                }
                let computed = count / base * 100.0;
                if (computed - pct).abs() > half_unit(pct) {
                    sink.push(
                        Diagnostic::new(
                            Code::PercentMismatch,
                            cell.loc,
                            format!(
                                "{} % is printed, but {} of {} is {:.2} %",
                                fmt_num(pct),
                                fmt_num(count),
                                fmt_num(base),
                                computed
                            ),
                        )
                        .path(format!("{path}.rows[{r}].cells[{c}]"))
                        .entity(e())
                        .help("recompute the percentage from its count and base"),
                    );
                }
            }
        }
    }
    // Totals declared outside the rows.
    for (k, d) in t.totals.iter().enumerate() {
        let Some(c) = col_ids.iter().position(|id| *id == d.column.value) else {
            unknown(
                "column",
                &d.column,
                col_ids.iter().copied(),
                || format!("{path}.totals[{k}].column"),
                || Some(e()),
                sink,
            );
            continue;
        };
        let (computed, vac) = sum(c, d.group.as_ref().map(|g| g.value.as_str()));
        if (d.value.value - computed).abs() > tol {
            let where_ = match d.stated_in {
                StatedIn::Prose => "the text states",
                StatedIn::Table => "the table states",
            };
            let mut diag = Diagnostic::new(
                Code::TotalMismatch,
                d.value.loc,
                format!(
                    "{where_} a total of {} for „{}”, but the table's rows add up to {}{}",
                    fmt_num(d.value.value),
                    t.columns[c].label.value,
                    fmt_num(computed),
                    vac_note(vac)
                ),
            )
            .path(format!("{path}.totals[{k}].value"))
            .entity(e());
            diag = match &d.quote {
                Some(q) => diag.help(format!(
                    "the source: „{}”; the difference is {}",
                    q.value,
                    fmt_num(d.value.value - computed)
                )),
                None => diag.help(format!("the difference is {}", fmt_num(d.value.value - computed))),
            };
            sink.push(diag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::half_unit;

    #[test]
    fn rounding_tolerance_follows_printed_decimals() {
        assert!((half_unit(9.3) - 0.05).abs() < 1e-6);
        assert!((half_unit(9.0) - 0.5).abs() < 1e-6);
        assert!((half_unit(5.58) - 0.005).abs() < 1e-6);
    }
}
