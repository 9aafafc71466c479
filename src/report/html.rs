//! The report as one standalone HTML file: CSS embedded, nothing fetched, A4 landscape print
//! pages with the header rows of every table repeated, the merged headers of model 2.5
//! (`rowspan`, `colspan`, `scope`), a traffic light per indicator and an inline SVG chart per
//! indicator (the same chart `pmp render` draws).

use std::fmt::Write;

use super::Report;
use crate::render::svg_chart;

const CSS: &str = "
@page { size: A4 landscape; margin: 15mm; }
body { font-family: 'Times New Roman', serif; font-size: 11pt; margin: 2em; color: #111; }
h1, h2, h3 { font-family: Arial, sans-serif; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.5em; } h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #444; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
caption { font-weight: bold; text-align: left; padding: 0.3em 0; }
td.num { text-align: right; white-space: nowrap; }
td.eur { text-align: right; }
table.model { font-size: 9pt; }
table.model th, table.model td { padding: 2px 4px; }
@media print { body { margin: 0; font-size: 10pt; } h2 { break-after: avoid; } caption { break-after: avoid; } }
svg.chart { max-width: 100%; height: auto; }
.colnum th { font-weight: normal; text-align: center; }
.status { font-weight: bold; }
.light { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%; vertical-align: -0.1em; margin-right: 0.3em; border: 1px solid #333; }
.light-green { background: #2e7d32; } .light-yellow { background: #f9a825; }
.light-red { background: #c62828; } .light-grey { background: #9e9e9e; }
.notice { border-left: 4px solid #c62828; padding: 0.3em 0.8em; background: #fdecea; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-size: 10pt; }
.chart-values { font-size: 9pt; color: #444; max-width: 480px; }
";

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

fn year(r: &Report, y: i32) -> String {
    match r.lang {
        crate::render::Lang::Lv => format!("{y}."),
        crate::render::Lang::En => y.to_string(),
    }
}

pub fn write(r: &Report) -> String {
    let l = r.labels;
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        r.lang_code,
        esc(&r.title)
    );
    let _ = writeln!(o, "<h1>{}</h1>", esc(&r.title));
    let _ = writeln!(
        o,
        "<p><strong>{}</strong> · {} ({})</p>",
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
        let _ = writeln!(o, "<p>{}</p>", esc(line));
    }
    if !r.lacks.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"notice\"><strong>{}:</strong> {}</p>",
            esc(l.incomplete),
            esc(&r.lacks.join("; "))
        );
    }

    // Model 2.5.
    let _ = writeln!(o, "<h2>1. {}</h2>", esc(l.table_heading));
    let _ = writeln!(
        o,
        "<table class=\"model\">\n<caption>{}</caption>\n<thead>",
        esc(l.table_caption)
    );
    let _ = writeln!(
        o,
        "<tr><th scope=\"col\" rowspan=\"2\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th><th scope=\"colgroup\" colspan=\"3\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th></tr>",
        esc(l.col_level),
        esc(l.col_goal),
        esc(l.col_activity),
        esc(l.col_group),
        esc(l.col_impact),
        esc(l.col_factors)
    );
    let _ = writeln!(
        o,
        "<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>",
        esc(l.col_funding),
        esc(l.col_planned),
        esc(l.col_achieved)
    );
    o.push_str("<tr class=\"colnum\">");
    for n in 1..=8 {
        let _ = write!(o, "<th scope=\"col\">{n}</th>");
    }
    o.push_str("</tr>\n</thead>\n<tbody>\n");
    for lg in &r.levels {
        let level_rows: usize = lg.goals.iter().map(|g| g.activities.len().max(1)).sum();
        let mut first_level = true;
        for gg in &lg.goals {
            let goal_rows = gg.activities.len().max(1);
            let mut first_goal = true;
            let empty = [];
            let acts: &[super::view::ActivityRow] = if gg.activities.is_empty() {
                &empty
            } else {
                &gg.activities
            };
            for i in 0..goal_rows {
                o.push_str("<tr>");
                if first_level {
                    let _ = write!(
                        o,
                        "<th scope=\"rowgroup\" rowspan=\"{level_rows}\">{}</th>",
                        esc(lg.label)
                    );
                    first_level = false;
                }
                if first_goal {
                    let _ = write!(
                        o,
                        "<th scope=\"rowgroup\" rowspan=\"{goal_rows}\">{}</th>",
                        esc(&gg.text)
                    );
                    first_goal = false;
                }
                match acts.get(i) {
                    None => o.push_str("<td></td><td></td><td></td><td></td><td></td><td></td>"),
                    Some(a) => {
                        let _ = write!(
                            o,
                            "<th scope=\"row\">{}</th><td class=\"eur\">{}</td><td>{}</td><td><span class=\"status\">{}</span>",
                            esc(&a.text),
                            esc(&a.funding_text),
                            esc(&a.planned.join("\n")),
                            esc(&a.status_text)
                        );
                        for x in &a.achieved {
                            let _ = write!(o, "<br>{}", esc(x));
                        }
                        let _ = write!(
                            o,
                            "</td><td>{}</td><td>{}</td>",
                            esc(a.impact.as_deref().unwrap_or("")),
                            esc(a.factors.as_deref().unwrap_or(""))
                        );
                    }
                }
                o.push_str("</tr>\n");
            }
        }
    }
    o.push_str("</tbody>\n</table>\n");

    // Tasks.
    let with_tasks: Vec<_> = r
        .levels
        .iter()
        .flat_map(|lg| &lg.goals)
        .flat_map(|g| &g.activities)
        .filter(|a| !a.tasks.is_empty())
        .collect();
    if !with_tasks.is_empty() {
        let _ = writeln!(o, "<h3>{}</h3>", esc(l.tasks_heading));
        let _ = writeln!(
            o,
            "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            esc(l.col_activity),
            esc(l.col_task),
            esc(l.col_status),
            esc(l.col_date)
        );
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
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(a.number.as_deref().unwrap_or(&a.id)),
                    esc(&title),
                    esc(&status),
                    esc(t.date.as_deref().unwrap_or(""))
                );
            }
        }
        o.push_str("</tbody>\n</table>\n");
    }

    // Indicators.
    let _ = writeln!(o, "<h2>2. {}</h2>", esc(l.indicators_heading));
    o.push_str("<table class=\"indicators\">\n<thead><tr>");
    let _ = write!(
        o,
        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        esc(l.col_nr),
        esc(l.col_indicator),
        esc(l.col_baseline)
    );
    for y in &r.years {
        let _ = write!(
            o,
            "<th scope=\"col\">{} {}</th>",
            esc(l.achieved_in),
            esc(&year(r, *y))
        );
    }
    let _ = write!(
        o,
        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        esc(l.col_target),
        esc(l.col_progress)
    );
    for ind in &r.indicators {
        let _ = write!(
            o,
            "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td>",
            esc(ind.number.as_deref().unwrap_or(&ind.id)),
            esc(&ind.title),
            esc(&ind
                .baseline
                .as_ref()
                .map(|b| format!("{} ({})", b.text, year(r, b.year)))
                .unwrap_or_default())
        );
        for y in &r.years {
            let v = ind
                .achieved
                .iter()
                .find(|a| a.year == *y)
                .map_or("–", |a| a.text.as_str());
            let _ = write!(o, "<td>{}</td>", esc(v));
        }
        let _ = writeln!(
            o,
            "<td>{}</td><td><span class=\"light light-{}\" aria-hidden=\"true\"></span>{}</td></tr>",
            esc(&ind
                .target
                .as_ref()
                .map(|t| format!("{} ({})", t.text, year(r, t.year)))
                .unwrap_or_default()),
            ind.progress.light,
            esc(&ind.progress.text)
        );
    }
    o.push_str("</tbody>\n</table>\n");
    let notes: Vec<_> = r.indicators.iter().filter(|i| i.note.is_some()).collect();
    if !notes.is_empty() {
        o.push_str("<ul>\n");
        for ind in notes {
            let _ = writeln!(
                o,
                "<li>{} {}</li>",
                esc(ind.number.as_deref().unwrap_or(&ind.id)),
                esc(ind.note.as_deref().unwrap_or(""))
            );
        }
        o.push_str("</ul>\n");
    }
    let _ = writeln!(o, "<p>{}</p>", esc(l.method));
    o.push_str("<div class=\"charts\">\n");
    for ind in r.indicators.iter().filter(|i| !i.chart.series.is_empty()) {
        let _ = write!(o, "<figure id=\"{}\">", esc(&ind.chart.anchor));
        o.push_str(&svg_chart(&ind.chart));
        let _ = write!(
            o,
            "<figcaption>{} {}",
            esc(ind.number.as_deref().unwrap_or(&ind.id)),
            esc(&ind.title)
        );
        if let Some(s) = &ind.chart.source {
            let _ = write!(o, " ({})", esc(s));
        }
        o.push_str("</figcaption></figure>\n");
    }
    o.push_str("</div>\n");

    // Summary.
    let _ = writeln!(o, "<h2>3. {}</h2>", esc(l.summary_heading));
    let small = |o: &mut String, caption: &str, h1: &str, h2: &str, rows: Vec<(String, String)>| {
        let _ = writeln!(
            o,
            "<table class=\"summary\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            esc(caption),
            esc(h1),
            esc(h2)
        );
        for (a, b) in rows {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(&a),
                esc(&b)
            );
        }
        o.push_str("</tbody>\n</table>\n");
    };
    small(
        &mut o,
        l.summary_activities,
        l.col_status,
        l.col_count,
        r.summary
            .activities
            .iter()
            .filter(|c| c.count > 0 || c.key != "none")
            .map(|c| (c.label.to_string(), c.count.to_string()))
            .collect(),
    );
    small(
        &mut o,
        l.summary_indicators,
        l.col_progress,
        l.col_count,
        r.summary
            .indicators
            .iter()
            .map(|c| (c.label.to_string(), c.count.to_string()))
            .collect(),
    );
    let mut funding: Vec<(String, String)> = r
        .summary
        .funding
        .iter()
        .map(|f| (f.source.clone(), super::view::money(r.lang, f.eur)))
        .collect();
    funding.push((
        l.total.to_string(),
        super::view::money(r.lang, r.summary.funding_total),
    ));
    small(&mut o, l.summary_funding, l.col_source, l.col_funding, funding);
    o.push_str("</body>\n</html>\n");
    o
}
