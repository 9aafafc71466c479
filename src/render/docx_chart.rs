//! The indicator charts of the Word document: native DrawingML bar charts (one part
//! `word/charts/chartN.xml` each), the same bars the HTML draws, so Word and LibreOffice show
//! them and a secretary can restyle them. The figures are written into the chart itself (a
//! literal cache, no embedded workbook), so nothing is fetched and the same view always gives
//! the same bytes.

use std::fmt::Write as _;

use super::ooxml::xml_safe;
use super::view::ChartView;

/// Series colours, as in the HTML.
const PALETTE: [&str; 4] = ["1F5F99", "C2571A", "3C8D40", "7B4F9D"];
/// A baseline bar is its series' colour, lighter.
const BASELINE_TINT: u32 = 45000;

fn esc(s: &str) -> String {
    xml_safe(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A number as DrawingML writes it: a dot decimal, no exponent, at most six decimals.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// The opening of a chart part, up to the plot area.
const HEAD: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    // The title is the caption above the chart, a paragraph of the document.
    r#"<c:lang val="lv-LV" /><c:roundedCorners val="0" /><c:chart><c:autoTitleDeleted val="1" /><c:plotArea><c:layout />"#,
);

/// A data label as the document prints the figure (`76 %`), not as the reader's locale would.
fn label(idx: usize, text: &str, pie: bool) -> String {
    let pos = if pie { r#"<c:dLblPos val="bestFit" />"# } else { "" };
    format!(
        r#"<c:dLbl><c:idx val="{idx}" /><c:tx><c:rich><a:bodyPr /><a:lstStyle /><a:p><a:r><a:rPr lang="lv-LV" sz="800" /><a:t>{}</a:t></a:r></a:p></c:rich></c:tx>{pos}<c:showLegendKey val="0" /><c:showVal val="1" /><c:showCatName val="0" /><c:showSerName val="0" /><c:showPercent val="0" /><c:showBubbleSize val="0" /></c:dLbl>"#,
        esc(text)
    )
}

/// The chart part: a pie of one series' parts, or columns (an indicator by year).
pub fn chart_xml(c: &ChartView) -> String {
    if c.shape == "pie" {
        return pie_xml(c);
    }
    column_xml(c)
}

/// A pie: one slice per point of the first series, each in its own colour, labelled with its
/// figure, named in the legend.
fn pie_xml(c: &ChartView) -> String {
    let mut x = String::with_capacity(4096);
    x.push_str(HEAD);
    x.push_str(r#"<c:pieChart><c:varyColors val="1" />"#);
    if let Some(s) = c.series.first() {
        let _ = write!(
            x,
            r#"<c:ser><c:idx val="0" /><c:order val="0" /><c:tx><c:v>{}</c:v></c:tx>"#,
            esc(&s.name)
        );
        for ci in 0..s.points.len() {
            let color = PALETTE[ci % PALETTE.len()];
            let _ = write!(
                x,
                r#"<c:dPt><c:idx val="{ci}" /><c:bubble3D val="0" /><c:spPr><a:solidFill><a:srgbClr val="{color}" /></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="FFFFFF" /></a:solidFill></a:ln></c:spPr></c:dPt>"#
            );
        }
        x.push_str("<c:dLbls>");
        for (ci, p) in s.points.iter().enumerate() {
            x.push_str(&label(ci, &p.text, true));
        }
        x.push_str(r#"<c:txPr><a:bodyPr /><a:lstStyle /><a:p><a:pPr><a:defRPr sz="800" /></a:pPr><a:endParaRPr lang="lv-LV" /></a:p></c:txPr><c:dLblPos val="bestFit" /><c:showLegendKey val="0" /><c:showVal val="1" /><c:showCatName val="0" /><c:showSerName val="0" /><c:showPercent val="0" /><c:showBubbleSize val="0" /><c:showLeaderLines val="1" /></c:dLbls>"#);
        categories_and_values(
            &mut x,
            &s.points.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(),
            s,
        );
        x.push_str("</c:ser>");
    }
    x.push_str(r#"<c:firstSliceAng val="0" /></c:pieChart></c:plotArea>"#);
    x.push_str(r#"<c:legend><c:legendPos val="r" /><c:overlay val="0" /><c:txPr><a:bodyPr /><a:lstStyle /><a:p><a:pPr><a:defRPr sz="900" /></a:pPr><a:endParaRPr lang="lv-LV" /></a:p></c:txPr></c:legend>"#);
    x.push_str(r#"<c:plotVisOnly val="1" /><c:dispBlanksAs val="gap" /></c:chart></c:chartSpace>"#);
    x
}

/// A series' categories and values, as literals in the part: each value as the programme
/// writes it where it is the programme's figure, in full.
fn categories_and_values(x: &mut String, cats: &[&str], s: &super::view::Series) {
    let _ = write!(x, r#"<c:cat><c:strLit><c:ptCount val="{}" />"#, cats.len());
    for (ci, cat) in cats.iter().enumerate() {
        let _ = write!(x, r#"<c:pt idx="{ci}"><c:v>{}</c:v></c:pt>"#, esc(cat));
    }
    let _ = write!(
        x,
        r#"</c:strLit></c:cat><c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{}" />"#,
        cats.len()
    );
    for (ci, cat) in cats.iter().enumerate() {
        if let Some(p) = s.points.iter().find(|p| p.label == *cat) {
            let v = p.written.clone().unwrap_or_else(|| num(p.value));
            let _ = write!(x, r#"<c:pt idx="{ci}"><c:v>{v}</c:v></c:pt>"#);
        }
    }
    x.push_str("</c:numLit></c:val>");
}

/// Columns: a series per breakdown (or one), a column per year.
fn column_xml(c: &ChartView) -> String {
    let mut cats: Vec<&str> = Vec::new();
    for s in &c.series {
        for p in &s.points {
            if !cats.contains(&p.label.as_str()) {
                cats.push(&p.label);
            }
        }
    }
    let mut x = String::with_capacity(4096);
    x.push_str(HEAD);
    x.push_str(r#"<c:barChart><c:barDir val="col" /><c:grouping val="clustered" /><c:varyColors val="0" />"#);
    for (si, s) in c.series.iter().enumerate() {
        let color = PALETTE[si % PALETTE.len()];
        let _ = write!(
            x,
            r#"<c:ser><c:idx val="{si}" /><c:order val="{si}" /><c:tx><c:v>{}</c:v></c:tx><c:spPr><a:solidFill><a:srgbClr val="{color}" /></a:solidFill></c:spPr><c:invertIfNegative val="0" />"#,
            esc(&s.name)
        );
        for (ci, cat) in cats.iter().enumerate() {
            if s.points.iter().any(|p| p.label == *cat && p.baseline) {
                let _ = write!(
                    x,
                    r#"<c:dPt><c:idx val="{ci}" /><c:invertIfNegative val="0" /><c:bubble3D val="0" /><c:spPr><a:solidFill><a:srgbClr val="{color}"><a:tint val="{BASELINE_TINT}" /></a:srgbClr></a:solidFill></c:spPr></c:dPt>"#
                );
            }
        }
        // Each bar is labelled with its figure as the document prints it (`92,5 %`), not as
        // the reader's locale would format the number.
        x.push_str("<c:dLbls>");
        for (ci, cat) in cats.iter().enumerate() {
            if let Some(p) = s.points.iter().find(|p| p.label == *cat) {
                x.push_str(&label(ci, &p.text, false));
            }
        }
        x.push_str(r#"<c:spPr><a:noFill /><a:ln><a:noFill /></a:ln></c:spPr><c:txPr><a:bodyPr /><a:lstStyle /><a:p><a:pPr><a:defRPr sz="800" /></a:pPr><a:endParaRPr lang="lv-LV" /></a:p></c:txPr><c:showLegendKey val="0" /><c:showVal val="1" /><c:showCatName val="0" /><c:showSerName val="0" /><c:showPercent val="0" /><c:showBubbleSize val="0" /></c:dLbls>"#);
        categories_and_values(&mut x, &cats, s);
        x.push_str("</c:ser>");
    }
    x.push_str(r#"<c:gapWidth val="80" /><c:axId val="50010" /><c:axId val="50020" /></c:barChart>"#);
    x.push_str(r#"<c:catAx><c:axId val="50010" /><c:scaling><c:orientation val="minMax" /></c:scaling><c:delete val="0" /><c:axPos val="b" /><c:numFmt formatCode="General" sourceLinked="0" /><c:majorTickMark val="none" /><c:minorTickMark val="none" /><c:tickLblPos val="nextTo" /><c:txPr><a:bodyPr /><a:lstStyle /><a:p><a:pPr><a:defRPr sz="800" /></a:pPr><a:endParaRPr lang="lv-LV" /></a:p></c:txPr><c:crossAx val="50020" /><c:crosses val="autoZero" /><c:auto val="1" /><c:lblAlgn val="ctr" /><c:lblOffset val="100" /><c:noMultiLvlLbl val="0" /></c:catAx>"#);
    x.push_str(r#"<c:valAx><c:axId val="50020" /><c:scaling><c:orientation val="minMax" /><c:min val="0" /></c:scaling><c:delete val="0" /><c:axPos val="l" /><c:majorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="D9D9D9" /></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="General" sourceLinked="0" /><c:majorTickMark val="none" /><c:minorTickMark val="none" /><c:tickLblPos val="nextTo" /><c:txPr><a:bodyPr /><a:lstStyle /><a:p><a:pPr><a:defRPr sz="800" /></a:pPr><a:endParaRPr lang="lv-LV" /></a:p></c:txPr><c:crossAx val="50010" /><c:crosses val="autoZero" /><c:crossBetween val="between" /></c:valAx>"#);
    x.push_str("</c:plotArea>");
    if c.series.len() > 1 {
        x.push_str(r#"<c:legend><c:legendPos val="b" /><c:overlay val="0" /></c:legend>"#);
    }
    x.push_str(r#"<c:plotVisOnly val="1" /><c:dispBlanksAs val="gap" /></c:chart></c:chartSpace>"#);
    x
}

/// The run that shows chart `n` (relationship `rel`) `width` twentieths of a point wide,
/// `title` its description for screen readers.
pub fn drawing_run(n: usize, rel: &str, width: u32, title: &str) -> String {
    // EMU: 635 per twentieth of a point.
    let cx = u64::from(width) * 635;
    let cy = cx * 9 / 20;
    format!(
        concat!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}" /><wp:effectExtent l="0" t="0" r="0" b="0" />"#,
            r#"<wp:docPr id="{n}" name="Chart {n}" descr="{descr}" /><wp:cNvGraphicFramePr />"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"#,
            r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rel}" /></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ),
        cx = cx,
        cy = cy,
        n = n,
        descr = esc(title),
        rel = rel,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(num(92.5), "92.5");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-0.25), "-0.25");
    }
}
