//! The HTML renderer: one standalone file from `templates/document.html.tera` (CSS embedded,
//! nothing fetched), A4 print styles, and an inline SVG chart per indicator.
//!
//! Tera escapes every value for HTML; prose fields go through comrak with raw HTML disabled.

use std::collections::BTreeMap;
use std::fmt::Write;

use tera::{Kwargs, State, Tera, Value};

use super::markdown::register_common_filters;
use super::view::{Block, ChartView};
use super::{HTML_TEMPLATE, RenderError, Renderer, View, comrak_options, tera_error};

pub struct Html {
    tera: Tera,
}

impl Html {
    pub fn new(source: &str) -> Result<Self, RenderError> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html.tera"]);
        register_common_filters(&mut tera);
        tera.register_filter("markdown", |s: &str, _: Kwargs, _: &State| {
            Value::safe_string(&source_footnote_numbers(&comrak::markdown_to_html(
                s,
                &comrak_options(),
            )))
        });
        tera.add_raw_template(HTML_TEMPLATE.0, source)
            .map_err(|e| tera_error(HTML_TEMPLATE.0, &e))?;
        Ok(Html { tera })
    }
}

impl Renderer for Html {
    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, view: &View) -> Result<Vec<u8>, RenderError> {
        let mut ctx = tera::Context::from_serialize(view).map_err(|e| tera_error(HTML_TEMPLATE.0, &e))?;
        let charts: BTreeMap<&str, String> = view
            .chapters
            .iter()
            .flat_map(|c| &c.blocks)
            .filter_map(|b| match b {
                Block::Chart(c) => Some((c.anchor.as_str(), svg_chart(c))),
                Block::Table(t) => t.chart.as_ref().map(|c| (t.anchor.as_str(), svg_chart(c))),
                _ => None,
            })
            .collect();
        let charts: tera::Map = charts
            .into_iter()
            .map(|(k, v)| (k.to_string().into(), Value::safe_string(&v)))
            .collect();
        ctx.insert_value("charts", Value::from(charts));
        // A figure's picture embedded whole: the page fetches nothing.
        let pictures: tera::Map = view
            .chapters
            .iter()
            .flat_map(|c| &c.blocks)
            .filter_map(|b| match b {
                Block::Figure(f) => f.picture.as_ref().map(|p| {
                    use base64::Engine as _;
                    let data = base64::engine::general_purpose::STANDARD.encode(&p.bytes);
                    (
                        f.anchor.clone().into(),
                        // Only the format's name and base64 letters: nothing to escape.
                        Value::safe_string(&format!("data:{};base64,{data}", p.shape.format.mime())),
                    )
                }),
                _ => None,
            })
            .collect();
        ctx.insert_value("pictures", Value::from(pictures));
        let out = self
            .tera
            .render(HTML_TEMPLATE.0, &ctx)
            .map_err(|e| tera_error(HTML_TEMPLATE.0, &e))?;
        Ok(out.into_bytes())
    }
}

/// A footnote named by a number (`[^2]`) shows that number, as the source numbers it, where
/// comrak counts the footnotes of each piece of prose from 1: in the reference and in its list
/// item (`value`).
fn source_footnote_numbers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    const REF: &str = "<a href=\"#fn-";
    const ITEM: &str = "<li id=\"fn-";
    loop {
        let next = [REF, ITEM]
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, *t)))
            .min();
        let Some((at, tag)) = next else { break };
        let after = &rest[at + tag.len()..];
        let name_end = after.find('"').unwrap_or(0);
        let name = &after[..name_end];
        out.push_str(&rest[..at + tag.len() + name_end + 1]);
        rest = &after[name_end + 1..];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if tag == ITEM {
            out.push_str(&format!(" value=\"{name}\""));
        } else if let Some(gt) = rest.find('>')
            && let Some(close) = rest[gt..].find("</a>")
            && rest[gt + 1..gt + close].chars().all(|c| c.is_ascii_digit())
        {
            out.push_str(&rest[..=gt]);
            out.push_str(name);
            rest = &rest[gt + close..];
        }
    }
    out.push_str(rest);
    out
}

const PALETTE: [&str; 4] = ["#1f5f99", "#c2571a", "#3c8d40", "#7b4f9d"];

/// A chart as inline SVG: a pie, or columns.
pub fn svg_chart(c: &ChartView) -> String {
    if c.shape == "pie" {
        return svg_pie(c);
    }
    svg_columns(c)
}

/// A pie of the first series: a slice per point in its own colour, each labelled with its
/// figure, and a legend naming the slices.
fn svg_pie(c: &ChartView) -> String {
    let Some(s) = c.series.first() else {
        return String::new();
    };
    let total: f64 = s.points.iter().map(|p| p.value.max(0.0)).sum();
    // Room around the pie for the labels of thin slices, which stand outside it.
    let (cx, cy, r) = (135.0_f64, 135.0_f64, 95.0_f64);
    let legend_h = 20.0 * s.points.len() as f64;
    let (w, h) = (520.0, (cy * 2.0).max(legend_h + 20.0));
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{a}-t"><title id="{a}-t">{t}</title>"#,
        a = esc(&c.anchor),
        t = esc(&c.title),
    );
    let mut angle = -std::f64::consts::FRAC_PI_2;
    let mut thin = 0;
    for (i, p) in s.points.iter().enumerate() {
        let share = if total > 0.0 {
            p.value.max(0.0) / total
        } else {
            0.0
        };
        let sweep = share * std::f64::consts::TAU;
        let color = PALETTE[i % PALETTE.len()];
        let (x0, y0) = (cx + r * angle.cos(), cy + r * angle.sin());
        let end = angle + sweep;
        let (x1, y1) = (cx + r * end.cos(), cy + r * end.sin());
        let large = i32::from(sweep > std::f64::consts::PI);
        let _ = if share >= 0.9999 {
            write!(
                out,
                r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="{color}"><title>{n}: {v}</title></circle>"##,
                n = esc(&p.label),
                v = esc(&p.text)
            )
        } else {
            write!(
                out,
                r##"<path d="M{cx},{cy} L{x0:.2},{y0:.2} A{r},{r} 0 {large} 1 {x1:.2},{y1:.2} Z" fill="{color}" stroke="#fff" stroke-width="1"><title>{n}: {v}</title></path>"##,
                n = esc(&p.label),
                v = esc(&p.text)
            )
        };
        // The label outside a thin slice, inside a wide one; thin slices side by side take
        // their labels out in turn, one further than the other, so they do not overlap.
        let mid = angle + sweep / 2.0;
        thin = if share < 0.08 { thin + 1 } else { 0 };
        let lr = if share < 0.08 {
            r + 12.0 + if thin % 2 == 0 { 14.0 } else { 0.0 }
        } else {
            r * 0.62
        };
        let (fill, anchor) = if share < 0.08 {
            ("#222", if mid.cos() < 0.0 { "end" } else { "start" })
        } else {
            ("#fff", "middle")
        };
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" dominant-baseline="middle" font-size="11" fill="{fill}">{v}</text>"#,
            x = cx + lr * mid.cos(),
            y = cy + lr * mid.sin(),
            v = esc(&p.text),
        );
        angle = end;
    }
    for (i, p) in s.points.iter().enumerate() {
        let y = 20.0 + 20.0 * i as f64;
        let _ = write!(
            out,
            r#"<rect x="290" y="{y:.1}" width="12" height="12" fill="{color}"/><text x="308" y="{ty:.1}" font-size="11">{n}</text>"#,
            color = PALETTE[i % PALETTE.len()],
            ty = y + 10.0,
            n = esc(&p.label),
        );
    }
    out.push_str("</svg>");
    chart_values(&mut out, c);
    out
}

/// The figures as text under a chart, for screen readers and for copying.
fn chart_values(out: &mut String, c: &ChartView) {
    let values: Vec<String> = c
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(move |p| (s, p)))
        .map(|(s, p)| {
            if c.series.len() > 1 {
                format!("{}, {}: {}", s.name, p.label, p.text)
            } else {
                format!("{}: {}", p.label, p.text)
            }
        })
        .collect();
    let _ = write!(out, r#"<p class="chart-values">{}</p>"#, esc(&values.join("; ")));
}

/// A bar chart of an indicator: baseline and targets by year, each bar labelled with its value.
fn svg_columns(c: &ChartView) -> String {
    // Categories (years) in order of first appearance.
    let mut cats: Vec<&str> = Vec::new();
    for s in &c.series {
        for p in &s.points {
            if !cats.contains(&p.label.as_str()) {
                cats.push(&p.label);
            }
        }
    }
    let max = c
        .series
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| p.value)
        .fold(0.0_f64, f64::max);
    let max = if max <= 0.0 { 1.0 } else { max };
    let (w, h) = (480.0, 220.0);
    let (left, right, top, bottom) = (10.0, 10.0, 24.0, 40.0);
    let legend = if c.series.len() > 1 {
        18.0 * c.series.len() as f64
    } else {
        0.0
    };
    let plot_h = h - top - bottom;
    let plot_w = w - left - right;
    let total_h = h + legend;
    let slot = plot_w / cats.len().max(1) as f64;
    let nser = c.series.len().max(1) as f64;
    let bar = (slot * 0.7 / nser).min(60.0);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {total_h}" width="{w}" height="{total_h}" role="img" aria-labelledby="{a}-t"><title id="{a}-t">{t}</title>"#,
        a = esc(&c.anchor),
        t = esc(&c.title),
    );
    let _ = write!(
        out,
        r##"<line x1="{left}" y1="{y}" x2="{x2}" y2="{y}" stroke="#444" stroke-width="1"/>"##,
        y = top + plot_h,
        x2 = w - right
    );
    for (ci, cat) in cats.iter().enumerate() {
        let x0 = left + slot * ci as f64 + (slot - bar * nser) / 2.0;
        for (si, s) in c.series.iter().enumerate() {
            let Some(p) = s.points.iter().find(|p| p.label == *cat) else {
                continue;
            };
            let bh = (p.value.max(0.0) / max) * plot_h;
            let x = x0 + bar * si as f64;
            let y = top + plot_h - bh;
            // The baseline in its series' colour, lighter: a grey bar for every series would
            // lose which series it belongs to.
            let color = PALETTE[si % PALETTE.len()];
            let opacity = if p.baseline { r#" fill-opacity="0.45""# } else { "" };
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{bh:.1}" fill="{color}"{opacity}><title>{n}: {v}</title></rect><text x="{tx:.1}" y="{ty:.1}" text-anchor="middle" font-size="11">{v}</text>"#,
                n = esc(&s.name),
                v = esc(&p.text),
                tx = x + bar / 2.0,
                ty = y - 4.0,
            );
        }
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" font-size="11">{t}</text>"#,
            x = left + slot * (ci as f64 + 0.5),
            y = top + plot_h + 16.0,
            t = esc(cat),
        );
    }
    if c.series.len() > 1 {
        for (si, s) in c.series.iter().enumerate() {
            let y = h + 18.0 * si as f64;
            let _ = write!(
                out,
                r#"<rect x="{left}" y="{y:.1}" width="12" height="12" fill="{color}"/><text x="{tx}" y="{ty:.1}" font-size="11">{n}</text>"#,
                color = PALETTE[si % PALETTE.len()],
                tx = left + 18.0,
                ty = y + 10.0,
                n = esc(&s.name),
            );
        }
    }
    out.push_str("</svg>");
    chart_values(&mut out, c);
    out
}

/// Escapes text for HTML element content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_footnote_shows_its_own_number() {
        let html = comrak::markdown_to_html(
            "Text[^4] and[^x].\n\n[^4]: Four.\n\n[^x]: Named.\n",
            &comrak_options(),
        );
        let out = source_footnote_numbers(&html);
        assert!(out.contains(r#"data-footnote-ref>4</a>"#), "{out}");
        assert!(out.contains(r#"<li id="fn-4" value="4">"#), "{out}");
        // A named footnote keeps comrak's running number.
        assert!(out.contains(r#"data-footnote-ref>2</a>"#), "{out}");
        assert!(!out.contains(r#"value="x""#), "{out}");
    }
}
