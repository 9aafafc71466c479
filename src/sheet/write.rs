//! The workbook a body fills in (.xlsx, rust_xlsxwriter): a sheet each for indicators,
//! activities and tasks, the plan's columns grey and protected, the answer columns pale yellow
//! with drop-downs, validation and an input message, and a hidden sheet naming programme,
//! year, body and the plan's fingerprint. Results already recorded are filled in, so a
//! workbook can go back for correction. The bytes depend on the programme and its results
//! alone (the document's date is fixed), so two exports are byte-identical.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::rows::{Field, Round, Sheet, Shown};
use super::{ALL_BODIES, FIRST_ROW, HEADER_ROW, LAYOUT_VERSION, META_SHEET, status_label};
use crate::model::{ExecStatus, ResultsFile, Unit};

/// The recorded answer of one cell, to fill in.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Text(String),
    Number(f64),
}

/// The number format of a figure with `decimals` decimals: the reader's locale shows its own
/// separators (a Latvian one `3 400,50`); LibreOffice takes the Latvian locale from `[$-426]`.
pub fn number_format(decimals: usize) -> String {
    if decimals == 0 {
        "[$-426]#,##0".to_string()
    } else {
        format!("[$-426]#,##0.{}", "0".repeat(decimals))
    }
}

/// The recorded answers of row `r` of a sheet, by field.
pub fn recorded(
    round: &Round<'_>,
    results: Option<&ResultsFile>,
    sheet: Sheet,
    r: usize,
) -> Vec<(Field, Answer)> {
    let Some(res) = results else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let text = |out: &mut Vec<(Field, Answer)>, f: Field, s: Option<&str>| {
        if let Some(s) = s.filter(|s| !s.is_empty()) {
            out.push((f, Answer::Text(s.to_string())));
        }
    };
    match sheet {
        Sheet::Indicators => {
            let row = &round.indicators[r];
            let Some(ir) = res
                .indicators
                .iter()
                .find(|i| i.indicator.value == row.indicator.id.value)
            else {
                return out;
            };
            let v = match row.breakdown {
                None => ir.value.as_ref(),
                Some(b) => ir
                    .values
                    .iter()
                    .find(|v| v.key.value == b.key.value)
                    .map(|v| &v.value),
            };
            if let Some(v) = v {
                out.push((Field::Value, Answer::Number(v.f())));
            }
            text(
                &mut out,
                Field::Date,
                ir.date.as_ref().map(|d| d.value.to_string()).as_deref(),
            );
            text(&mut out, Field::Source, ir.source.as_deref().map(String::as_str));
            text(&mut out, Field::Note, ir.note.as_deref().map(String::as_str));
        }
        Sheet::Activities => {
            let a = round.activities[r].activity;
            let Some(ar) = res.activities.iter().find(|x| x.activity.value == a.id.value) else {
                return out;
            };
            out.push((
                Field::Status,
                Answer::Text(status_label(ar.status.value).to_string()),
            ));
            let achieved: Vec<&str> = ar.achieved.iter().map(|s| s.value.as_str()).collect();
            text(&mut out, Field::Achieved, Some(&achieved.join("\n")));
            for inv in &ar.funding {
                if let Some(i) = round.sources.iter().position(|s| *s == inv.source.value) {
                    out.push((Field::Invested(i), Answer::Number(inv.eur.f())));
                }
            }
            text(&mut out, Field::Impact, ar.impact.as_deref().map(String::as_str));
            text(
                &mut out,
                Field::Factors,
                ar.factors.as_deref().map(String::as_str),
            );
            text(&mut out, Field::Note, ar.note.as_deref().map(String::as_str));
        }
        Sheet::Tasks => {
            let row = &round.tasks[r];
            let Some(tr) = res
                .activities
                .iter()
                .filter(|x| x.activity.value == row.activity.id.value)
                .flat_map(|x| &x.tasks)
                .find(|t| t.task.value == row.task.id.value)
            else {
                return out;
            };
            out.push((
                Field::Status,
                Answer::Text(status_label(tr.status.value).to_string()),
            ));
            text(
                &mut out,
                Field::Date,
                tr.date.as_ref().map(|d| d.value.to_string()).as_deref(),
            );
            text(&mut out, Field::Note, tr.note.as_deref().map(String::as_str));
        }
    }
    out
}

struct Styles {
    title: Format,
    legend: Format,
    header_plan: Format,
    header_input: Format,
    plan_text: Format,
    input_text: Format,
    input_date: Format,
    closed: Format,
}

impl Styles {
    fn new() -> Styles {
        let grey = Color::RGB(0xEDEDED);
        let yellow = Color::RGB(0xFFF6CC);
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xA6A6A6))
            .set_font_size(10);
        Styles {
            title: Format::new().set_bold().set_font_size(13),
            legend: Format::new().set_font_size(10).set_italic(),
            header_plan: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xD9D9D9))
                .set_align(FormatAlign::VerticalCenter),
            header_input: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xFFE699))
                .set_align(FormatAlign::VerticalCenter),
            plan_text: cell.clone().set_background_color(grey),
            input_text: cell.clone().set_background_color(yellow).set_unlocked(),
            input_date: cell
                .clone()
                .set_background_color(yellow)
                .set_unlocked()
                .set_num_format("@"),
            // A source the activity does not take money from: no answer, darker than the plan.
            closed: cell.set_background_color(Color::RGB(0xCFCFCF)),
        }
    }
}

/// The decimals an indicator's figures are written with in the plan (at least one for a
/// percentage, none for a count).
fn indicator_decimals(i: &crate::model::Indicator) -> usize {
    if i.unit.as_ref().is_some_and(|u| u.value == Unit::Count) {
        return 0;
    }
    let mut d = 0;
    let mut see = |n: &crate::model::Number| d = d.max(n.value.decimals());
    if let Some(v) = &i.baseline.value {
        see(v);
    }
    i.baseline.values.iter().for_each(|v| see(&v.value));
    for t in &i.targets {
        if let Some(v) = &t.value {
            see(v);
        }
        t.values.iter().for_each(|v| see(&v.value));
    }
    if i.unit.as_ref().is_some_and(|u| u.value == Unit::Percent) {
        d = d.max(1);
    }
    d.min(4)
}

/// Lines a text takes in a column `width` characters wide.
fn lines(text: &str, width: f64) -> usize {
    let per = (width * 0.95).max(4.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per).max(1))
        .sum()
}

/// The workbook for `body` (an institution id, or [`ALL_BODIES`]): its bytes, or `None` when
/// the body answers no row.
pub fn workbook(round: &Round<'_>, body: &str) -> Result<Option<Vec<u8>>, XlsxError> {
    let mine =
        |sheet: Sheet, r: usize| body == ALL_BODIES || round.row_bodies(sheet, r).iter().any(|b| b == body);
    if Sheet::ALL
        .iter()
        .all(|s| (0..round.len(*s)).all(|r| !mine(*s, r)))
    {
        return Ok(None);
    }
    let p = round.programme;
    let results = p.results.get(&round.year).map(|y| &y.data);
    let title = p
        .manifest
        .as_ref()
        .map_or_else(|| p.id(), |m| m.title.value.clone());
    let who = if body == ALL_BODIES {
        "visas institūcijas".to_string()
    } else {
        round.body_name(body)
    };
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(format!("{title}: {}. gada rezultāti", round.year))
        .set_subject(who.clone())
        .set_author("pmp")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?);
    wb.set_properties(&props);
    let st = Styles::new();
    let mut first = true;
    for sheet in Sheet::ALL {
        let rows: Vec<usize> = (0..round.len(sheet)).filter(|r| mine(sheet, *r)).collect();
        if rows.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name())?;
        if first {
            ws.set_active(true);
            first = false;
        }
        write_sheet(ws, round, results, sheet, &rows, &st, &title, &who)?;
    }
    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET)?;
    meta.set_hidden(true);
    let pairs: [(&str, String); 6] = [
        ("programme", p.id()),
        ("year", round.year.to_string()),
        ("plan", round.fingerprint.clone()),
        ("body", body.to_string()),
        ("layout", LAYOUT_VERSION.to_string()),
        ("note", "pmp sheet import lasa šo lapu; nemainiet to.".to_string()),
    ];
    for (i, (k, v)) in pairs.iter().enumerate() {
        meta.write_string(i as u32, 0, *k)?;
        meta.write_string(i as u32, 1, v)?;
    }
    for (j, sheet) in Sheet::ALL.iter().enumerate() {
        let row = 8 + j as u32;
        meta.write_string(row, 0, sheet.name())?;
        for (c, f) in round.fields(*sheet).iter().enumerate() {
            meta.write_string(row, 1 + c as u16, f.key(&round.sources))?;
        }
    }
    meta.protect();
    Ok(Some(wb.save_to_buffer()?))
}

#[allow(clippy::too_many_arguments)]
fn write_sheet(
    ws: &mut Worksheet,
    round: &Round<'_>,
    results: Option<&ResultsFile>,
    sheet: Sheet,
    rows: &[usize],
    st: &Styles,
    title: &str,
    who: &str,
) -> Result<(), XlsxError> {
    let fields = round.fields(sheet);
    let last_col = (fields.len() - 1) as u16;
    let heading = match sheet {
        Sheet::Indicators => "rādītāju sasniegtās vērtības",
        Sheet::Activities => "aktivitāšu izpilde",
        Sheet::Tasks => "darba uzdevumu izpilde",
    };
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{title} — {}. gads: {heading} ({who})", round.year),
        &st.title,
    )?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "Aizpildiet dzeltenās šūnas; pelēkās ir programmas teksts un nav maināmas. Katrā dzeltenajā šūnā ir norāde, ko tajā rakstīt.",
        &st.legend,
    )?;
    ws.set_row_height(0, 20)?;
    let mut header_lines = 1;
    for (c, f) in fields.iter().enumerate() {
        let h = f.header(round.year, &round.sources);
        // Bold headings take more room than body text.
        header_lines = header_lines.max(lines(&h, f.width() * 0.8));
        let fmt = if f.input() {
            &st.header_input
        } else {
            &st.header_plan
        };
        ws.write_string_with_format(HEADER_ROW, c as u16, &h, fmt)?;
        ws.set_column_width(c as u16, f.width())?;
        // The breakdown columns say nothing where no row has a breakdown.
        if matches!(f, Field::BreakdownKey | Field::BreakdownLabel)
            && rows.iter().all(|r| round.indicators[*r].breakdown.is_none())
        {
            ws.set_column_hidden(c as u16)?;
        }
    }
    ws.set_row_height(HEADER_ROW, 13.0 * header_lines as f64 + 4.0)?;
    for (n, &r) in rows.iter().enumerate() {
        let row = FIRST_ROW + n as u32;
        let answers = recorded(round, results, sheet, r);
        let mut height = 1;
        let decimals = match sheet {
            Sheet::Indicators => indicator_decimals(round.indicators[r].indicator),
            _ => 2,
        };
        for (c, f) in fields.iter().enumerate() {
            let col = c as u16;
            if !f.input() {
                match round.plan_cell(sheet, r, *f) {
                    Shown::Empty => {
                        ws.write_blank(row, col, &st.plan_text)?;
                    }
                    Shown::Text(t) => {
                        height = height.max(lines(&t, f.width()));
                        ws.write_string_with_format(row, col, &t, &st.plan_text)?;
                    }
                    Shown::Number(v, d) => {
                        let fmt = st
                            .plan_text
                            .clone()
                            .set_num_format(if matches!(f, Field::BaselineYear) {
                                "0".to_string()
                            } else {
                                number_format(d)
                            });
                        ws.write_number_with_format(row, col, v, &fmt)?;
                    }
                }
                continue;
            }
            if let Field::Invested(i) = f
                && !round.funds_from(r, *i)
            {
                ws.write_blank(row, col, &st.closed)?;
                continue;
            }
            let answer = answers.iter().find(|(af, _)| af == f).map(|(_, a)| a);
            let (fmt, validation) = input_cell(round, sheet, r, *f, decimals, st)?;
            match answer {
                Some(Answer::Number(v)) => {
                    ws.write_number_with_format(row, col, *v, &fmt)?;
                }
                Some(Answer::Text(t)) => {
                    height = height.max(lines(t, f.width()));
                    ws.write_string_with_format(row, col, t, &fmt)?;
                }
                None => {
                    ws.write_blank(row, col, &fmt)?;
                }
            }
            ws.add_data_validation(row, col, row, col, &validation)?;
        }
        ws.set_row_height(row, (13.0 * height as f64 + 3.0).max(16.0))?;
    }
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    ws.set_landscape();
    // A3: every column of a sheet on one page width, at a size that still reads.
    ws.set_paper_size(8);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_footer("&L&A&R&P / &N");
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The format and validation of an answer cell.
fn input_cell(
    round: &Round<'_>,
    sheet: Sheet,
    r: usize,
    f: Field,
    decimals: usize,
    st: &Styles,
) -> Result<(Format, DataValidation), XlsxError> {
    let msg = f.help().unwrap_or("");
    let base = DataValidation::new().set_input_message(msg)?;
    Ok(match f {
        Field::Status => {
            let labels: Vec<&str> = ExecStatus::ALL.iter().map(|s| status_label(*s)).collect();
            (
                st.input_text.clone(),
                base.allow_list_strings(&labels)?
                    .set_input_title("Statuss")?
                    .set_error_title("Statuss nav no saraksta")?
                    .set_error_message("Izvēlieties statusu no saraksta: Izpildīts, Tiek īstenots, Kavējas, Nav uzsākts vai Atcelts.")?,
            )
        }
        Field::Value => {
            let i = round.indicators[r].indicator;
            let unit = i.unit.as_ref().map(|u| u.value);
            let fmt = st.input_text.clone().set_num_format(number_format(decimals));
            let v = match unit {
                Some(Unit::Percent) => base
                    .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
                    .set_error_message(
                        "Procentiem ierakstiet skaitli no 0 līdz 100 (ar komatu, piemēram, 93,4).",
                    )?,
                Some(Unit::Count) => base
                    .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                    .set_error_message("Ierakstiet veselu skaitli, 0 vai lielāku.")?,
                _ => base
                    .allow_decimal_number(DataValidationRule::Between(-1e12, 1e12))
                    .set_error_message("Ierakstiet skaitli (decimāldaļu atdala ar komatu).")?,
            };
            (
                fmt,
                v.set_input_title("Sasniegtā vērtība")?
                    .set_error_title("Nav skaitlis")?
                    .set_error_style(DataValidationErrorStyle::Stop),
            )
        }
        Field::Invested(_) => (
            st.input_text.clone().set_num_format(number_format(2)),
            base.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_input_title("EUR")?
                .set_error_title("Nav summa")?
                .set_error_message("Ierakstiet summu eiro ar centiem (piemēram, 3400,50), 0 vai lielāku.")?,
        ),
        Field::Date => (
            st.input_date.clone(),
            base.allow_text_length(DataValidationRule::Between(4, 10))
                .set_input_title("Datums")?
                .set_error_title("Nav datums")?
                .set_error_message("Rakstiet GGGG, GGGG-MM vai GGGG-MM-DD, piemēram, 2026-06-30.")?,
        ),
        _ => {
            let _ = sheet;
            (
                st.input_text.clone(),
                base.allow_any_value().set_input_title("Ko rakstīt")?,
            )
        }
    })
}
