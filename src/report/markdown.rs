//! The report as GitHub-flavoured Markdown: one line per table row, the merged header of model
//! 2.5 flattened (`Rezultatīvais rādītājs: Izpilde`), every value escaped.

use std::fmt::Write;

use super::Report;
use crate::render::escape_markdown as esc;

/// A table cell: escaped, newlines as `<br>`.
fn cell(s: &str) -> String {
    esc(s)
}

fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        let _ = write!(out, " {c} |");
    }
    out.push('\n');
}

fn header(out: &mut String, cells: &[&str]) {
    row(out, &cells.iter().map(|c| cell(c)).collect::<Vec<_>>());
    row(out, &cells.iter().map(|_| "---".to_string()).collect::<Vec<_>>());
}

pub fn write(r: &Report) -> String {
    let l = r.labels;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", esc(&r.title));
    let _ = writeln!(
        out,
        "**{}** · {} ({})\n",
        esc(&r.programme.municipality),
        esc(&r.programme.title),
        esc(&r.lang.year_range(r.programme.period.from, r.programme.period.to))
    );
    for line in r
        .compiled
        .iter()
        .map(|c| &c.text)
        .chain(r.noted.iter().map(|n| &n.text))
    {
        let _ = writeln!(out, "{}  ", esc(line));
    }
    out.push('\n');
    if !r.lacks.is_empty() {
        let _ = writeln!(out, "> **{}:** {}\n", esc(l.incomplete), esc(&r.lacks.join("; ")));
    }

    // Model 2.5.
    let _ = writeln!(out, "## 1. {}\n", esc(l.table_heading));
    let g = l.col_group;
    let funding = format!("{g}: {}", l.col_funding);
    let planned = format!("{g}: {}", l.col_planned);
    let achieved = format!("{g}: {}", l.col_achieved);
    header(
        &mut out,
        &[
            l.col_level,
            l.col_goal,
            l.col_activity,
            &funding,
            &planned,
            &achieved,
            l.col_impact,
            l.col_factors,
        ],
    );
    for lg in &r.levels {
        let mut first_level = true;
        for gg in &lg.goals {
            let mut first_goal = true;
            if gg.activities.is_empty() {
                row(
                    &mut out,
                    &[
                        cell(lg.label),
                        cell(&gg.text),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                );
                first_level = false;
                continue;
            }
            for a in &gg.activities {
                let mut exec = format!("**{}**", esc(&a.status_text));
                for x in &a.achieved {
                    exec.push_str("<br>");
                    exec.push_str(&esc(x));
                }
                row(
                    &mut out,
                    &[
                        if first_level {
                            cell(lg.label)
                        } else {
                            String::new()
                        },
                        if first_goal { cell(&gg.text) } else { String::new() },
                        cell(&a.text),
                        cell(&a.funding_text),
                        cell(&a.planned.join("\n")),
                        exec,
                        cell(a.impact.as_deref().unwrap_or("")),
                        cell(a.factors.as_deref().unwrap_or("")),
                    ],
                );
                first_level = false;
                first_goal = false;
            }
        }
    }
    out.push('\n');

    // Tasks.
    let with_tasks: Vec<_> = r
        .levels
        .iter()
        .flat_map(|lg| &lg.goals)
        .flat_map(|g| &g.activities)
        .filter(|a| !a.tasks.is_empty())
        .collect();
    if !with_tasks.is_empty() {
        let _ = writeln!(out, "### {}\n", esc(l.tasks_heading));
        header(&mut out, &[l.col_activity, l.col_task, l.col_status, l.col_date]);
        for a in with_tasks {
            for t in &a.tasks {
                let title = match &t.number {
                    Some(n) => format!("{n} {}", t.title),
                    None => t.title.clone(),
                };
                let mut status = t.status_text.clone();
                if let Some(n) = &t.note {
                    status.push_str(&format!(" ({n})"));
                }
                row(
                    &mut out,
                    &[
                        cell(a.number.as_deref().unwrap_or(&a.id)),
                        cell(&title),
                        cell(&status),
                        cell(t.date.as_deref().unwrap_or("")),
                    ],
                );
            }
        }
        out.push('\n');
    }

    // Indicators.
    let _ = writeln!(out, "## 2. {}\n", esc(l.indicators_heading));
    let year_cols: Vec<String> = r
        .years
        .iter()
        .map(|y| format!("{} {}", l.achieved_in, year(r, *y)))
        .collect();
    let mut head: Vec<&str> = vec![l.col_nr, l.col_indicator, l.col_baseline];
    head.extend(year_cols.iter().map(String::as_str));
    head.push(l.col_target);
    head.push(l.col_progress);
    header(&mut out, &head);
    for ind in &r.indicators {
        let mut cells = vec![
            cell(ind.number.as_deref().unwrap_or(&ind.id)),
            cell(&ind.title),
            cell(
                &ind.baseline
                    .as_ref()
                    .map(|b| format!("{} ({})", b.text, year(r, b.year)))
                    .unwrap_or_default(),
            ),
        ];
        for y in &r.years {
            cells.push(cell(
                ind.achieved
                    .iter()
                    .find(|a| a.year == *y)
                    .map(|a| a.text.as_str())
                    .unwrap_or("–"),
            ));
        }
        cells.push(cell(
            &ind.target
                .as_ref()
                .map(|t| format!("{} ({})", t.text, year(r, t.year)))
                .unwrap_or_default(),
        ));
        cells.push(format!(
            "{} {}",
            ind.progress.light_kind.symbol(),
            esc(&ind.progress.text)
        ));
        row(&mut out, &cells);
    }
    out.push('\n');
    for ind in r.indicators.iter().filter(|i| i.note.is_some()) {
        let _ = writeln!(
            out,
            "- {} {}",
            esc(ind.number.as_deref().unwrap_or(&ind.id)),
            esc(ind.note.as_deref().unwrap_or(""))
        );
    }
    if r.indicators.iter().any(|i| i.note.is_some()) {
        out.push('\n');
    }
    let _ = writeln!(out, "{}\n", esc(l.method));

    // Summary.
    let _ = writeln!(out, "## 3. {}\n", esc(l.summary_heading));
    let _ = writeln!(out, "### {}\n", esc(l.summary_activities));
    header(&mut out, &[l.col_status, l.col_count]);
    for c in r
        .summary
        .activities
        .iter()
        .filter(|c| c.count > 0 || c.key != "none")
    {
        row(&mut out, &[cell(c.label), c.count.to_string()]);
    }
    let _ = writeln!(out, "\n### {}\n", esc(l.summary_indicators));
    header(&mut out, &[l.col_progress, l.col_count]);
    for c in &r.summary.indicators {
        row(&mut out, &[cell(c.label), c.count.to_string()]);
    }
    let _ = writeln!(out, "\n### {}\n", esc(l.summary_funding));
    header(&mut out, &[l.col_source, l.col_funding]);
    for f in &r.summary.funding {
        row(
            &mut out,
            &[cell(&f.source), cell(&super::view::money(r.lang, f.eur))],
        );
    }
    row(
        &mut out,
        &[
            format!("**{}**", esc(l.total)),
            format!(
                "**{}**",
                cell(&super::view::money(r.lang, r.summary.funding_total))
            ),
        ],
    );
    out
}

/// `2026.` / `2026`.
fn year(r: &Report, y: i32) -> String {
    match r.lang {
        crate::render::Lang::Lv => format!("{y}."),
        crate::render::Lang::En => y.to_string(),
    }
}
