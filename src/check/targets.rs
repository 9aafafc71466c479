//! Targets as a careful reader checks them: a target moves the way its indicator should
//! (`direction`), no later milestone asks for less than an earlier one, targets sit on the
//! programme's milestone years, one per year, and a stored figure agrees with the cell as
//! printed (`text`), which writes decimals with a comma.

use super::at;
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::Lang;
use crate::model::{Bound, Direction, DirectionBasis, Indicator, Loc, Num, Programme, Sp};
use crate::tr;

pub fn check(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.indicators else { return };
    for (i, ind) in f.indicators.iter().enumerate() {
        target_against_direction(ind, i, sink);
        let in_period = |y: i32| p.manifest.as_ref().is_none_or(|m| m.period.contains(y));
        target_not_milestone(ind, i, &f.milestones, &in_period, sink);
        duplicate_target(ind, i, sink);
        value_text_mismatch(ind, i, sink);
        number_style(ind, i, sink);
    }
}

fn entity(ind: &Indicator) -> Entity {
    Entity::new("indicator", &ind.id, Some(&ind.title))
}

/// One figure of a series: its year, value, bound, position and path.
struct Point<'a> {
    year: i32,
    value: Num,
    bound: Option<Bound>,
    loc: Loc,
    path: String,
    label: Option<&'a str>,
}

impl Point<'_> {
    /// The figure as printed in a message: `< 0.05` / `< 0,05`.
    fn shown(&self, lang: Lang) -> String {
        let mark = match self.bound {
            Some(Bound::Below) => "< ",
            Some(Bound::AtMost) => "≤ ",
            Some(Bound::Above) => "> ",
            Some(Bound::AtLeast) => "≥ ",
            None => "",
        };
        match lang {
            Lang::En => format!("{mark}{}", self.value),
            Lang::Lv => format!("{mark}{}", Lang::Lv.figure(self.value)),
        }
    }

    /// Whether this target asks the indicator to go the wrong way from `from`. A bound in the
    /// direction's sense („< 0,05 %” for one that should fall) is a ceiling (or floor) to stay
    /// within, not a figure to move to: it asks for no move against the direction, wherever it
    /// lies. A bound the other way („> 5” for one that should fall) always does.
    fn against(&self, from: f64, d: Direction) -> bool {
        match (d, self.bound) {
            (Direction::Fall, Some(Bound::Below | Bound::AtMost)) => false,
            (Direction::Rise, Some(Bound::Above | Bound::AtLeast)) => false,
            (Direction::Fall, Some(_)) | (Direction::Rise, Some(_)) => true,
            (Direction::Fall, None) => self.value.value > from,
            (Direction::Rise, None) => self.value.value < from,
        }
    }

    /// Whether this target asks for less than the earlier target `prev`.
    fn looser_than(&self, prev: &Point, d: Direction) -> bool {
        let strict = |p: &Point| match d {
            Direction::Fall => p.bound == Some(Bound::Below),
            Direction::Rise => p.bound == Some(Bound::Above),
        };
        let (a, b) = (prev.value.value, self.value.value);
        match d {
            Direction::Fall => b > a || (b == a && strict(prev) && !strict(self)),
            Direction::Rise => b < a || (b == a && strict(prev) && !strict(self)),
        }
    }
}

/// The indicator's series: the whole figure, or one per breakdown key, each with its baseline
/// and its targets in year order.
fn series(ind: &Indicator, i: usize) -> Vec<(Option<f64>, Vec<Point<'_>>)> {
    let mut out = Vec::new();
    let mut single: Vec<Point> = Vec::new();
    for (j, t) in ind.targets.iter().enumerate() {
        if let Some(v) = &t.value {
            single.push(Point {
                year: t.year.value,
                value: v.value,
                bound: t.bound.as_ref().map(|b| b.value),
                loc: v.loc,
                path: format!("indicators[{i}].targets[{j}].value"),
                label: None,
            });
        }
    }
    if !single.is_empty() {
        out.push((ind.baseline.value.as_ref().map(|v| v.f()), single));
    }
    for b in &ind.breakdowns {
        let key = b.key.value.as_str();
        let base = ind
            .baseline
            .values
            .iter()
            .find(|v| v.key.value == key)
            .map(|v| v.value.f());
        let mut points = Vec::new();
        for (j, t) in ind.targets.iter().enumerate() {
            for (k, v) in t.values.iter().enumerate().filter(|(_, v)| v.key.value == key) {
                points.push(Point {
                    year: t.year.value,
                    value: v.value.value,
                    bound: v.bound.as_ref().map(|b| b.value),
                    loc: v.value.loc,
                    path: format!("indicators[{i}].targets[{j}].values[{k}].value"),
                    label: Some(b.label.value.as_str()),
                });
            }
        }
        if !points.is_empty() {
            out.push((base, points));
        }
    }
    for (_, points) in &mut out {
        points.sort_by_key(|p| p.year);
    }
    out
}

/// `target-against-direction`: the first target lets the indicator move away from its
/// baseline (when the indicator states its `direction`), or a later target asks for less than
/// the one before it (the direction stated, or shown by the first target's step).
fn target_against_direction(ind: &Indicator, i: usize, sink: &mut Sink) {
    let stated = ind.direction.as_ref().map(|d| d.value);
    for (base, points) in series(ind, i) {
        // Without a stated direction, the step from the baseline to the first target shows
        // which way the programme wants it to go; only later targets are then judged.
        let inferred = match (base, points.first()) {
            (Some(b), Some(p)) if p.value.value > b => Some(Direction::Rise),
            (Some(b), Some(p)) if p.value.value < b => Some(Direction::Fall),
            _ => None,
        };
        let Some(d) = stated.or(inferred) else { continue };
        let (way, must_lv) = match d {
            Direction::Rise => ("rise", "jāpieaug"),
            Direction::Fall => ("fall", "jāsamazinās"),
        };
        let base = if stated.is_some() { base } else { None };
        // A direction the transcriber inferred is no statement of the source: say so.
        let inferred_note = ind
            .direction_basis
            .as_ref()
            .is_some_and(|b| b.value == DirectionBasis::Inferred && stated.is_some());
        let (note, note_lv) = if inferred_note {
            (
                " (the direction is the transcriber's inference: the source does not state it for this indicator)",
                " (rādītāja virziens ir secināts: avots to šim rādītājam nenorāda)",
            )
        } else {
            ("", "")
        };
        let of = |p: &Point| p.label.map(|l| format!(" for „{l}”")).unwrap_or_default();
        let of_lv = |p: &Point| p.label.map(|l| format!(" („{l}”)")).unwrap_or_default();
        for (k, p) in points.iter().enumerate() {
            let message = match (k, base) {
                (0, Some(b)) if p.against(b, d) => tr!(
                    en(
                        "the {} target{} {} lets the indicator move away from its baseline {}, though it should {way}{note}",
                        p.year,
                        of(p),
                        p.shown(Lang::En),
                        Num::computed(b)
                    ),
                    lv(
                        "{}. gada sasniedzamā vērtība{} {} ļauj rādītājam attālināties no bāzes vērtības {}, lai gan rādītājam {must_lv}{note_lv}",
                        p.year,
                        of_lv(p),
                        p.shown(Lang::Lv),
                        Lang::Lv.figure(Num::computed(b))
                    ),
                ),
                (k, _) if k > 0 && p.looser_than(&points[k - 1], d) => tr!(
                    en(
                        "the {} target{} {} asks for less than the {} target {}; the indicator should {way}{note}",
                        p.year,
                        of(p),
                        p.shown(Lang::En),
                        points[k - 1].year,
                        points[k - 1].shown(Lang::En)
                    ),
                    lv(
                        "{}. gada sasniedzamā vērtība{} {} prasa mazāk nekā {}. gada sasniedzamā vērtība {}; rādītājam {must_lv}{note_lv}",
                        p.year,
                        of_lv(p),
                        p.shown(Lang::Lv),
                        points[k - 1].year,
                        points[k - 1].shown(Lang::Lv)
                    ),
                ),
                _ => continue,
            };
            sink.push(
                Diagnostic::new(Code::TargetAgainstDirection, p.loc, message)
                    .path(p.path.clone())
                    .entity(entity(ind))
                    .help(tr!(
                        en("a target of an indicator that should {way} moves it further each milestone"),
                        lv("ja rādītājam {must_lv}, katrai nākamā starpposma sasniedzamajai vērtībai jābūt {} par iepriekšējo", if way == "fall" { "mazākai" } else { "lielākai" }),
                    )),
            );
        }
    }
}

/// `target-not-milestone`: a target for a year of the period that is not one of the milestone
/// years (a year outside the period is `year-outside-period`).
fn target_not_milestone(
    ind: &Indicator,
    i: usize,
    milestones: &[Sp<i32>],
    in_period: &dyn Fn(i32) -> bool,
    sink: &mut Sink,
) {
    if milestones.is_empty() {
        return;
    }
    for (j, t) in ind.targets.iter().enumerate() {
        if in_period(t.year.value) && !milestones.iter().any(|m| m.value == t.year.value) {
            let years: Vec<String> = milestones.iter().map(|m| m.value.to_string()).collect();
            let years_lv: Vec<String> = milestones.iter().map(|m| format!("{}.", m.value)).collect();
            sink.push(
                Diagnostic::new(
                    Code::TargetNotMilestone,
                    t.year.loc,
                    tr!(
                        en(
                            "a target for {}, which is not a milestone year ({})",
                            t.year.value,
                            years.join(", ")
                        ),
                        lv(
                            "sasniedzamā vērtība {}. gadam, kas nav starpposma gads ({})",
                            t.year.value,
                            years_lv.join(", ")
                        ),
                    ),
                )
                .path(format!("indicators[{i}].targets[{j}].year"))
                .entity(entity(ind))
                .help(tr!(
                    en("set targets for the milestone years the indicator table has columns for"),
                    lv("norādiet sasniedzamās vērtības tiem starpposma gadiem, kuriem rādītāju tabulā ir kolonnas"),
                )),
            );
        }
    }
}

/// `duplicate-target`: two targets for the same year.
fn duplicate_target(ind: &Indicator, i: usize, sink: &mut Sink) {
    for (j, t) in ind.targets.iter().enumerate() {
        if let Some(first) = ind.targets[..j].iter().find(|o| o.year.value == t.year.value) {
            sink.push(
                Diagnostic::new(
                    Code::DuplicateTarget,
                    t.year.loc,
                    tr!(
                        en("a second target for {}", t.year.value),
                        lv("otra sasniedzamā vērtība {}. gadam", t.year.value),
                    ),
                )
                .path(format!("indicators[{i}].targets[{j}].year"))
                .entity(entity(ind))
                .help(tr!(
                    en(
                        "the target at line {} is for the same year; keep one",
                        first.year.loc.line
                    ),
                    lv(
                        "{}. rindā ir sasniedzamā vērtība tam pašam gadam; atstājiet vienu",
                        first.year.loc.line
                    ),
                )),
            );
        }
    }
}

/// The figures a printed cell holds, with a decimal comma or point: `„2023.g. 0,02%”` gives
/// 2023 and 0.02.
fn figures_in(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut s = String::new();
        while i < chars.len() {
            let c = chars[i];
            let digit_next = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() {
                s.push(c);
            } else if (c == ',' || c == '.') && digit_next && !s.contains('.') {
                s.push('.');
            } else {
                break;
            }
            i += 1;
        }
        if let Ok(v) = s.parse() {
            out.push(v);
        }
    }
    out
}

/// A printed cell and the figures stored for it, with their paths.
type PrintedCell<'a> = (&'a Sp<String>, Vec<(&'a Sp<Num>, String)>);

/// `value-text-mismatch`: a figure stored for a baseline or target that its printed cell
/// (`text`) does not show. A cell of words only (`tiks noteikts`) is not compared.
fn value_text_mismatch(ind: &Indicator, i: usize, sink: &mut Sink) {
    let mut cells: Vec<PrintedCell> = Vec::new();
    let b = &ind.baseline;
    if let Some(text) = &b.text {
        let mut values: Vec<_> = b
            .value
            .iter()
            .map(|v| (v, at("indicators", i, "baseline.value")))
            .collect();
        values.extend(
            b.values
                .iter()
                .enumerate()
                .map(|(k, v)| (&v.value, format!("indicators[{i}].baseline.values[{k}].value"))),
        );
        cells.push((text, values));
    }
    for (j, t) in ind.targets.iter().enumerate() {
        if let Some(text) = &t.text {
            let mut values: Vec<_> = t
                .value
                .iter()
                .map(|v| (v, format!("indicators[{i}].targets[{j}].value")))
                .collect();
            values.extend(t.values.iter().enumerate().map(|(k, v)| {
                (
                    &v.value,
                    format!("indicators[{i}].targets[{j}].values[{k}].value"),
                )
            }));
            cells.push((text, values));
        }
    }
    for (text, values) in cells {
        let printed = figures_in(&text.value);
        if printed.is_empty() {
            continue;
        }
        for (v, path) in values {
            if !printed.iter().any(|p| (p - v.f()).abs() < 1e-9) {
                sink.push(
                    Diagnostic::new(
                        Code::ValueTextMismatch,
                        v.loc,
                        tr!(
                            en(
                                "the value {} is not the figure the cell prints: „{}”",
                                v.value,
                                text.value
                            ),
                            lv(
                                "vērtība {} nav skaitlis, ko rāda nodrukātā šūna: „{}”",
                                Lang::Lv.figure(v.value),
                                text.value
                            ),
                        ),
                    )
                    .path(path)
                    .entity(entity(ind))
                    .help(tr!(
                        en("make `value` the printed figure; the document shows `text`"),
                        lv("ierakstiet laukā `value` nodrukāto skaitli; dokumentā redzams `text`"),
                    )),
                );
            }
        }
    }
}

/// The first figure written with a decimal point in `text` (`9.3` in „9.3% (2023.g.)”),
/// skipping dates and section numbers (`01.09.2024`, `1.2.`).
pub(crate) fn decimal_point_figure(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b','))
        {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            let dot = i;
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            // A second dot makes it a date or a section number.
            let more = i < b.len() && b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit);
            let numbering = i < b.len() && b[i] == b'.' && dot - start <= 2 && i - dot <= 2;
            if !more && !numbering {
                return Some(text[start..i].to_string());
            }
        }
    }
    None
}

/// `number-style`: a baseline or target cell that writes a decimal with a point where the
/// programme writes decimal commas (`9.3%`).
fn number_style(ind: &Indicator, i: usize, sink: &mut Sink) {
    let cells = ind
        .baseline
        .text
        .iter()
        .map(|t| (t, at("indicators", i, "baseline.text")))
        .chain(ind.targets.iter().enumerate().filter_map(|(j, t)| {
            t.text
                .as_ref()
                .map(|x| (x, format!("indicators[{i}].targets[{j}].text")))
        }));
    for (text, path) in cells {
        if let Some(figure) = decimal_point_figure(&text.value) {
            sink.push(
                Diagnostic::new(
                    Code::NumberStyle,
                    text.loc,
                    tr!(
                        en("„{figure}” is written with a decimal point, the programme writes decimal commas"),
                        lv("„{figure}” uzrakstīts ar decimālpunktu, bet programmā lieto decimālkomatu"),
                    ),
                )
                .path(path)
                .entity(entity(ind))
                .help(tr!(
                    en(
                        "a Latvian reader takes „{figure}” for a date or a thousands group; the source should print „{}”",
                        figure.replace('.', ",")
                    ),
                    lv(
                        "latviešu lasītājs „{figure}” uztver kā datumu vai tūkstošu grupu; avotā jābūt „{}”",
                        figure.replace('.', ",")
                    ),
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{decimal_point_figure, figures_in};

    #[test]
    fn figures_are_read_with_either_mark() {
        assert_eq!(figures_in("2023.g.. 0,02%"), vec![2023.0, 0.02]);
        assert_eq!(figures_in("<0,05%"), vec![0.05]);
        assert_eq!(figures_in("9.3% (2023.g.)"), vec![9.3, 2023.0]);
    }

    #[test]
    fn decimal_points_but_not_dates_or_numbering() {
        assert_eq!(decimal_point_figure("9.3% (2023.g.)").as_deref(), Some("9.3"));
        assert_eq!(decimal_point_figure("5,6% (2023.g.)"), None);
        assert_eq!(decimal_point_figure("līdz 01.09.2024"), None);
        assert_eq!(decimal_point_figure("skat. 1.2. tabulu"), None);
        assert_eq!(decimal_point_figure("1.-3.klašu skolēni"), None);
    }
}
