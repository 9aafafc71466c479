//! The report as a Word document, built with `docx-rs` like `pmp render`'s: A4 landscape, Word's
//! built-in style names (Title, heading 1–2, caption, Table Grid), the table of model 2.5 with
//! its merged headers (gridSpan, vMerge) and prevention levels and goals merged down their
//! rows, header rows repeated on every page (marked `cantSplit`, turned into `tblHeader` by
//! [`crate::render::docx_repack`], which also fixes the zip's entry times), a shaded traffic
//! light per indicator, a bar chart per indicator drawn as a table, and "Lapa X no Y" in the
//! footer.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, FieldCharType, Footer, InstrNUMPAGES, InstrPAGE, InstrText, LineSpacing, PageMargin,
    PageOrientationType, Paragraph, Run, RunFonts, Shading, Style, StyleType, Table, TableCell,
    TableLayoutType, TableRow, VMergeType, WidthType,
};

use super::Report;

const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
const MARGIN: i32 = 1134;
const TEXT_W: usize = (A4_H - 2 * MARGIN as u32) as usize;
const BODY_FONT: &str = "Times New Roman";
const HEADING_FONT: &str = "Arial";

pub fn write(r: &Report) -> Result<Vec<u8>, String> {
    let doc = build(r);
    let mut raw = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut raw)
        .map_err(|e| format!("could not write the .docx: {e}"))?;
    // The theme the schema requires, as the programme's document has it.
    let theme = [(
        crate::render::DOCX_THEME_PART,
        crate::render::DOCX_THEME.to_string(),
    )];
    crate::render::docx_repack(raw.get_ref(), &[], &theme, None)
        .map_err(|e| format!("could not write the .docx: {e}"))
}

fn text_cell(s: &str, bold: bool, size: usize) -> TableCell {
    let mut cell = TableCell::new();
    let lines: Vec<&str> = if s.is_empty() {
        vec![""]
    } else {
        s.split('\n').collect()
    };
    for line in lines {
        let mut run = Run::new().add_text(line).size(size);
        if bold {
            run = run.bold();
        }
        cell = cell.add_paragraph(para().add_run(run));
    }
    cell
}

/// A cell of figures: each line right-aligned, so amounts stand under one another.
fn figure_cell(s: &str, size: usize) -> TableCell {
    let mut cell = TableCell::new();
    for line in s.split('\n') {
        cell = cell.add_paragraph(
            para()
                .align(AlignmentType::Right)
                .add_run(Run::new().add_text(line).size(size)),
        );
    }
    cell
}

fn para() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().after(0).before(0))
}

fn heading(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(Run::new().add_text(text))
}

fn caption(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Caption")
        .keep_next(true)
        .add_run(Run::new().add_text(text))
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .line_spacing(LineSpacing::new().after(120))
        .add_run(Run::new().add_text(text))
}

fn header_cell(s: &str, w: usize) -> TableCell {
    text_cell(s, true, 18)
        .width(w, WidthType::Dxa)
        .shading(Shading::new().fill("EEEEEE"))
}

fn year(r: &Report, y: i32) -> String {
    match r.lang {
        crate::render::Lang::Lv => format!("{y}."),
        crate::render::Lang::En => y.to_string(),
    }
}

fn simple_table(head: &[String], rows: Vec<Vec<String>>, weights: &[usize]) -> Table {
    let total: usize = weights.iter().sum();
    let grid: Vec<usize> = weights.iter().map(|w| TEXT_W * w / total).collect();
    let mut out = vec![crate::render::docx_header_row(
        TableRow::new(head.iter().zip(&grid).map(|(h, w)| header_cell(h, *w)).collect()).cant_split(),
        0,
    )];
    for r in rows {
        out.push(TableRow::new(
            r.iter()
                .zip(&grid)
                .enumerate()
                .map(|(i, (c, w))| {
                    // The columns after the first hold figures: right-aligned.
                    if i == 0 {
                        text_cell(c, false, 20)
                    } else {
                        figure_cell(c, 20)
                    }
                    .width(*w, WidthType::Dxa)
                })
                .collect(),
        ));
    }
    Table::new(out)
        .style("TableGrid")
        .layout(TableLayoutType::Fixed)
        .width(TEXT_W, WidthType::Dxa)
        .set_grid(grid)
}

/// The table of model 2.5: two header rows (the result indicator's three columns under one
/// merged header), a row of column numbers, then one row per activity with its level and goal
/// merged down.
fn model_table(r: &Report) -> Table {
    let l = r.labels;
    let weights = [8usize, 13, 15, 9, 13, 15, 12, 15];
    let total: usize = weights.iter().sum();
    let grid: Vec<usize> = weights.iter().map(|w| TEXT_W * w / total).collect();
    let w = |i: usize| grid[i];
    let mut rows = Vec::new();
    let restart = |s: &str, i: usize| header_cell(s, w(i)).vertical_merge(VMergeType::Restart);
    let cont = |i: usize| {
        TableCell::new()
            .width(w(i), WidthType::Dxa)
            .vertical_merge(VMergeType::Continue)
            .shading(Shading::new().fill("EEEEEE"))
            .add_paragraph(para())
    };
    rows.push(crate::render::docx_header_row(
        TableRow::new(vec![
            restart(l.col_level, 0),
            restart(l.col_goal, 1),
            restart(l.col_activity, 2),
            header_cell(l.col_group, w(3) + w(4) + w(5)).grid_span(3),
            restart(l.col_impact, 6),
            restart(l.col_factors, 7),
        ])
        .cant_split(),
        0,
    ));
    // LibreOffice sizes a repeated header from its rows, not from the cells merged down them:
    // the second row is made tall enough for the longest merged heading.
    let lines = |s: &str, col: usize| s.chars().count().div_ceil((w(col) / 100).max(1));
    let merged_lines = [
        lines(l.col_level, 0),
        lines(l.col_goal, 1),
        lines(l.col_activity, 2),
        lines(l.col_impact, 6),
        lines(l.col_factors, 7),
    ]
    .into_iter()
    .max()
    .unwrap_or(1);
    rows.push(crate::render::docx_header_row(
        TableRow::new(vec![
            cont(0),
            cont(1),
            cont(2),
            header_cell(l.col_funding, w(3)),
            header_cell(l.col_planned, w(4)),
            header_cell(l.col_achieved, w(5)),
            cont(6),
            cont(7),
        ])
        .cant_split(),
        (merged_lines.saturating_sub(1) * 230) as u32,
    ));
    rows.push(crate::render::docx_header_row(
        TableRow::new((0..8).map(|i| header_cell(&(i + 1).to_string(), w(i))).collect()).cant_split(),
        0,
    ));
    for lg in &r.levels {
        let mut first_level = true;
        for gg in &lg.goals {
            let n = gg.activities.len().max(1);
            for i in 0..n {
                let mut cells = Vec::new();
                let merged = |first: bool, s: &str, col: usize| {
                    if first {
                        text_cell(s, true, 18)
                            .width(w(col), WidthType::Dxa)
                            .vertical_merge(VMergeType::Restart)
                    } else {
                        TableCell::new()
                            .width(w(col), WidthType::Dxa)
                            .vertical_merge(VMergeType::Continue)
                            .add_paragraph(para())
                    }
                };
                cells.push(merged(first_level, lg.label, 0));
                cells.push(merged(i == 0, &gg.text, 1));
                first_level = false;
                match gg.activities.get(i) {
                    None => {
                        for col in 2..8 {
                            cells.push(text_cell("", false, 18).width(w(col), WidthType::Dxa));
                        }
                    }
                    Some(a) => {
                        cells.push(text_cell(&a.text, false, 18).width(w(2), WidthType::Dxa));
                        cells.push(figure_cell(&a.funding_text, 18).width(w(3), WidthType::Dxa));
                        cells.push(text_cell(&a.planned.join("\n"), false, 18).width(w(4), WidthType::Dxa));
                        let mut exec = TableCell::new().width(w(5), WidthType::Dxa).add_paragraph(
                            para().add_run(Run::new().add_text(a.status_text.as_str()).bold().size(18)),
                        );
                        for x in &a.achieved {
                            exec =
                                exec.add_paragraph(para().add_run(Run::new().add_text(x.as_str()).size(18)));
                        }
                        cells.push(exec);
                        cells.push(
                            text_cell(a.impact.as_deref().unwrap_or(""), false, 18)
                                .width(w(6), WidthType::Dxa),
                        );
                        cells.push(
                            text_cell(a.factors.as_deref().unwrap_or(""), false, 18)
                                .width(w(7), WidthType::Dxa),
                        );
                    }
                }
                rows.push(TableRow::new(cells));
            }
        }
    }
    Table::new(rows)
        .style("TableGrid")
        .layout(TableLayoutType::Fixed)
        .width(TEXT_W, WidthType::Dxa)
        .set_grid(grid)
}

fn indicator_table(r: &Report) -> Table {
    let l = r.labels;
    let mut weights = vec![4usize, 26, 12];
    weights.extend(r.years.iter().map(|_| 12));
    weights.extend([12, 14]);
    let total: usize = weights.iter().sum();
    let grid: Vec<usize> = weights.iter().map(|w| TEXT_W * w / total).collect();
    let mut head = vec![
        l.col_nr.to_string(),
        l.col_indicator.to_string(),
        l.col_baseline.to_string(),
    ];
    head.extend(
        r.years
            .iter()
            .map(|y| format!("{} {}", l.achieved_in, year(r, *y))),
    );
    head.push(l.col_target.to_string());
    head.push(l.col_progress.to_string());
    let mut rows = vec![crate::render::docx_header_row(
        TableRow::new(head.iter().zip(&grid).map(|(h, w)| header_cell(h, *w)).collect()).cant_split(),
        0,
    )];
    for ind in &r.indicators {
        let mut cells = vec![
            ind.number.clone().unwrap_or_else(|| ind.id.clone()),
            ind.title.clone(),
            ind.baseline
                .as_ref()
                .map(|b| format!("{} ({})", b.text, year(r, b.year)))
                .unwrap_or_default(),
        ];
        for y in &r.years {
            cells.push(
                ind.achieved
                    .iter()
                    .find(|a| a.year == *y)
                    .map_or_else(|| "–".to_string(), |a| a.text.clone()),
            );
        }
        cells.push(
            ind.target
                .as_ref()
                .map(|t| format!("{} ({})", t.text, year(r, t.year)))
                .unwrap_or_default(),
        );
        let n = cells.len();
        let mut out: Vec<TableCell> = cells
            .iter()
            .zip(&grid)
            .map(|(c, w)| text_cell(c, false, 20).width(*w, WidthType::Dxa))
            .collect();
        // The traffic light: the cell shaded in its colour, the status written in it.
        let colour = ind.progress.light_kind.colour().trim_start_matches('#');
        out.push(
            TableCell::new()
                .width(grid[n], WidthType::Dxa)
                .shading(Shading::new().fill(colour))
                .add_paragraph(
                    para().add_run(
                        Run::new()
                            .add_text(format!("● {}", ind.progress.text))
                            .bold()
                            .size(20)
                            .color(if ind.progress.light == "yellow" {
                                "000000"
                            } else {
                                "FFFFFF"
                            }),
                    ),
                ),
        );
        rows.push(TableRow::new(out));
    }
    Table::new(rows)
        .style("TableGrid")
        .layout(TableLayoutType::Fixed)
        .width(TEXT_W, WidthType::Dxa)
        .set_grid(grid)
}

/// A bar chart of one indicator as a table: a row per point (baseline, each year, target) with
/// a bar of block characters in the series' colour and the value.
fn chart_table(chart: &crate::render::view::ChartView) -> Table {
    const PALETTE: [&str; 4] = ["1F5F99", "C2571A", "3C8D40", "7B4F9D"];
    let max = chart
        .series
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| p.value)
        .fold(0.0_f64, f64::max);
    let max = if max <= 0.0 { 1.0 } else { max };
    let grid = vec![TEXT_W * 30 / 100, TEXT_W * 70 / 100];
    let mut rows = Vec::new();
    for (si, s) in chart.series.iter().enumerate() {
        for p in &s.points {
            let label = if chart.series.len() > 1 {
                format!("{}, {}", s.name, p.label)
            } else {
                p.label.clone()
            };
            let blocks = ((p.value.max(0.0) / max) * 40.0).round() as usize;
            let colour = PALETTE[si % PALETTE.len()];
            let bar = Run::new()
                .add_text("█".repeat(blocks.max(1)))
                .color(if p.baseline { "A0A0A0" } else { colour })
                .size(16);
            rows.push(TableRow::new(vec![
                text_cell(&label, false, 18).width(grid[0], WidthType::Dxa),
                TableCell::new().width(grid[1], WidthType::Dxa).add_paragraph(
                    para()
                        .add_run(bar)
                        .add_run(Run::new().add_text(format!(" {}", p.text)).size(18)),
                ),
            ]));
        }
    }
    Table::new(rows)
        .style("TableGrid")
        .layout(TableLayoutType::Fixed)
        .width(TEXT_W, WidthType::Dxa)
        .set_grid(grid)
}

fn footer(r: &Report) -> Footer {
    let field = |instr: InstrText| {
        [
            Run::new().add_field_char(FieldCharType::Begin, false),
            Run::new().add_instr_text(instr),
            Run::new().add_field_char(FieldCharType::Separate, false),
            Run::new().add_text("1"),
            Run::new().add_field_char(FieldCharType::End, false),
        ]
    };
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(format!("{} ", r.labels.page)).size(20));
    for run in field(InstrText::PAGE(InstrPAGE::new())) {
        p = p.add_run(run.size(20));
    }
    p = p.add_run(Run::new().add_text(format!(" {} ", r.labels.of)).size(20));
    for run in field(InstrText::NUMPAGES(InstrNUMPAGES::new())) {
        p = p.add_run(run.size(20));
    }
    Footer::new().add_paragraph(p)
}

fn styles() -> Vec<Style> {
    let fonts = || {
        RunFonts::new()
            .ascii(HEADING_FONT)
            .hi_ansi(HEADING_FONT)
            .cs(HEADING_FONT)
    };
    let heading = |id: &str, name: &str, level: usize, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .fonts(fonts())
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(240).after(120))
    };
    vec![
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .q_format(true)
            .bold()
            .size(36)
            .fonts(fonts()),
        heading("Heading1", "heading 1", 0, 30),
        heading("Heading2", "heading 2", 1, 26),
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(22)
            .line_spacing(LineSpacing::new().before(120).after(60)),
        Style::new("TableGrid", StyleType::Table)
            .name("Table Grid")
            .set_borders(docx_rs::TableBorders::new()),
    ]
}

fn build(r: &Report) -> docx_rs::Docx {
    let l = r.labels;
    let mut doc = docx_rs::Docx::new()
        .default_fonts(RunFonts::new().ascii(BODY_FONT).hi_ansi(BODY_FONT).cs(BODY_FONT))
        .default_size(22)
        .page_size(A4_H, A4_W)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(709)
                .footer(709)
                .gutter(0),
        )
        .footer(footer(r))
        .created_at("2000-01-01T00:00:00Z")
        .updated_at("2000-01-01T00:00:00Z");
    for s in styles() {
        doc = doc.add_style(s);
    }
    doc = doc
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(r.title.as_str())),
        )
        .add_paragraph(body(&format!(
            "{} · {} ({})",
            r.programme.municipality,
            r.programme.title,
            r.lang.year_range(r.programme.period.from, r.programme.period.to)
        )));
    for line in r
        .compiled
        .iter()
        .map(|c| &c.text)
        .chain(r.noted.iter().map(|n| &n.text))
    {
        doc = doc.add_paragraph(body(line));
    }
    if !r.lacks.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(format!("{}: {}", l.incomplete, r.lacks.join("; ")))
                    .bold()
                    .color("B00020"),
            ),
        );
    }
    doc = doc
        .add_paragraph(heading("Heading1", &format!("1. {}", l.table_heading)))
        .add_paragraph(caption(l.table_caption))
        .add_table(model_table(r));

    let with_tasks: Vec<_> = r
        .levels
        .iter()
        .flat_map(|lg| &lg.goals)
        .flat_map(|g| &g.activities)
        .filter(|a| !a.tasks.is_empty())
        .collect();
    if !with_tasks.is_empty() {
        let mut rows = Vec::new();
        for a in with_tasks {
            for t in &a.tasks {
                let mut status = t.status_text.clone();
                if let Some(n) = &t.note {
                    status.push_str(&format!(" ({n})"));
                }
                rows.push(vec![
                    a.number.clone().unwrap_or_else(|| a.id.clone()),
                    match &t.number {
                        Some(n) => format!("{n} {}", t.title),
                        None => t.title.clone(),
                    },
                    status,
                    t.date.clone().unwrap_or_default(),
                ]);
            }
        }
        doc = doc
            .add_paragraph(heading("Heading2", l.tasks_heading))
            .add_table(simple_table(
                &[
                    l.col_activity.to_string(),
                    l.col_task.to_string(),
                    l.col_status.to_string(),
                    l.col_date.to_string(),
                ],
                rows,
                &[10, 50, 25, 15],
            ));
    }

    doc = doc
        .add_paragraph(heading("Heading1", &format!("2. {}", l.indicators_heading)))
        .add_table(indicator_table(r));
    for ind in r.indicators.iter().filter(|i| i.note.is_some()) {
        doc = doc.add_paragraph(body(&format!(
            "{} {}",
            ind.number.as_deref().unwrap_or(&ind.id),
            ind.note.as_deref().unwrap_or("")
        )));
    }
    doc = doc.add_paragraph(body(l.method));
    for ind in r.indicators.iter().filter(|i| !i.chart.series.is_empty()) {
        let mut text = format!("{} {}", ind.number.as_deref().unwrap_or(&ind.id), ind.title);
        if let Some(s) = &ind.chart.source {
            text.push_str(&format!(" ({s})"));
        }
        doc = doc
            .add_paragraph(caption(&text))
            .add_table(chart_table(&ind.chart));
    }

    doc = doc.add_paragraph(heading("Heading1", &format!("3. {}", l.summary_heading)));
    let counts = |c: &[super::view::Count], skip_none: bool| -> Vec<Vec<String>> {
        c.iter()
            .filter(|c| !skip_none || c.count > 0 || c.key != "none")
            .map(|c| vec![c.label.to_string(), c.count.to_string()])
            .collect()
    };
    doc = doc
        .add_paragraph(caption(l.summary_activities))
        .add_table(simple_table(
            &[l.col_status.to_string(), l.col_count.to_string()],
            counts(&r.summary.activities, true),
            &[70, 30],
        ))
        .add_paragraph(caption(l.summary_indicators))
        .add_table(simple_table(
            &[l.col_progress.to_string(), l.col_count.to_string()],
            counts(&r.summary.indicators, false),
            &[70, 30],
        ));
    let mut funding: Vec<Vec<String>> = r
        .summary
        .funding
        .iter()
        .map(|f| vec![f.source.clone(), super::view::money(r.lang, f.eur)])
        .collect();
    funding.push(vec![
        l.total.to_string(),
        super::view::money(r.lang, r.summary.funding_total),
    ]);
    doc.add_paragraph(caption(l.summary_funding))
        .add_table(simple_table(
            &[l.col_source.to_string(), l.col_funding.to_string()],
            funding,
            &[70, 30],
        ))
}
