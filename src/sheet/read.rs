//! Returned workbooks (.xlsx and .ods, as Excel, LibreOffice and Google Sheets save them,
//! read with calamine) into answers keyed by plan row. Every cell that cannot be taken is a
//! finding naming the workbook (the finding's file), the sheet and the cell
//! (`Rādītāji!E12`, the finding's path and the start of its message).

use std::io::Cursor;

use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};

use super::rows::{Field, Round, Sheet};
use super::{FIRST_ROW, LAYOUT_VERSION, META_SHEET, cell_name, status_from_label};
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::Text;
use crate::model::{ExecStatus, FileId, Loc, PartialDate};
use crate::tr;

/// Where an answer was read: the workbook's file and the cell (`Rādītāji!E12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    pub file: FileId,
    pub workbook: String,
    pub at: String,
}

/// What a cell says, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// One entry per line of the cell (achieved results).
    Lines(Vec<String>),
    Number(f64),
    Status(ExecStatus),
    Date(PartialDate),
}

/// One answered cell of a plan row.
#[derive(Debug, Clone)]
pub struct Answer {
    pub sheet: Sheet,
    /// The plan row (an index into the round's rows of that sheet).
    pub row: usize,
    pub field: Field,
    pub value: Value,
    pub cell: CellRef,
}

/// A finding about a cell of a workbook.
pub fn finding(code: Code, cell: &CellRef, message: Text) -> Diagnostic {
    let at = &cell.at;
    let message = tr!(en("{at}: {}", message.en), lv("{at}: {}", message.lv));
    Diagnostic::new(code, Loc::new(cell.file, 0, 0, 0), message).path(at.clone())
}

/// The entity of a plan row, for findings.
pub fn entity(round: &Round<'_>, sheet: Sheet, r: usize) -> Entity {
    let (id, title) = match sheet {
        Sheet::Indicators => {
            let i = round.indicators[r].indicator;
            ("indicator", (&i.id, &i.title))
        }
        Sheet::Activities => {
            let a = round.activities[r].activity;
            ("activity", (&a.id, &a.title))
        }
        Sheet::Tasks => {
            let t = round.tasks[r].task;
            ("task", (&t.id, &t.title))
        }
    };
    Entity::new(id, title.0, Some(title.1))
}

/// The text of a cell, whatever it holds ("" for an empty one).
fn text_of(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n").replace('\r', "\n"),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_day(dt.as_f64()).map(|d| d.to_string()).unwrap_or_default(),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or("").to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The day of an Excel serial date (days since 1899-12-30; the 1900 system).
fn excel_day(serial: f64) -> Option<chrono::NaiveDate> {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// A figure as YAML writes it: the shortest form that reads back as the same value.
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A figure typed as text: `12,5`, `1 234,50`, `12.5`, `93,4 %`.
fn text_figure(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .trim_end_matches("EUR")
        .trim_end_matches('€')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '−'))
    {
        return None;
    }
    let t = t.replace('−', "-");
    let t = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else {
        t
    };
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The hidden sheet's key-value pairs and column keys.
struct Meta {
    pairs: Vec<(String, String, u32)>,
    columns: Vec<(String, Vec<String>)>,
}

fn meta(range: &Range<Data>) -> Meta {
    let mut pairs = Vec::new();
    let mut columns = Vec::new();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (i, row) in range.rows().enumerate() {
        let abs = r0 + i as u32;
        let cells: Vec<String> = (0..c0)
            .map(|_| String::new())
            .chain(row.iter().map(text_of))
            .collect();
        let Some(first) = cells.first().filter(|s| !s.is_empty()) else {
            continue;
        };
        if Sheet::ALL.iter().any(|s| s.name() == first) {
            columns.push((first.clone(), cells[1..].to_vec()));
        } else {
            pairs.push((first.clone(), cells.get(1).cloned().unwrap_or_default(), abs));
        }
    }
    Meta { pairs, columns }
}

/// Reads one returned workbook: its answers, and a finding for each problem. A workbook that
/// cannot be read, or was made for another programme, year or plan, gives no answers.
pub fn workbook(round: &Round<'_>, bytes: &[u8], file: FileId, name: &str, sink: &mut Sink) -> Vec<Answer> {
    let whole = |at: &str| CellRef {
        file,
        workbook: name.to_string(),
        at: at.to_string(),
    };
    let mut book = match open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            sink.push(
                Diagnostic::new(
                    Code::SheetUnreadable,
                    Loc::new(file, 0, 0, 0),
                    tr!(
                        en("the workbook cannot be read as .xlsx or .ods: {e}"),
                        lv("darbgrāmatu nevar nolasīt kā .xlsx vai .ods: {e}"),
                    ),
                )
                .help(tr!(
                    en("save it from the spreadsheet program as .xlsx or .ods and import it again"),
                    lv("saglabājiet to izklājlapu programmā kā .xlsx vai .ods un nolasiet vēlreiz"),
                )),
            );
            return Vec::new();
        }
    };
    let Ok(meta_range) = book.worksheet_range(META_SHEET) else {
        sink.push(
            Diagnostic::new(
                Code::SheetUnreadable,
                Loc::new(file, 0, 0, 0),
                tr!(
                    en("the workbook has no hidden sheet `{META_SHEET}`: it was not made by `pmp sheet export`"),
                    lv("darbgrāmatai nav slēptās lapas `{META_SHEET}`: to nav sagatavojis `pmp sheet export`"),
                ),
            )
            .help(tr!(
                en("send the body a workbook made by `pmp sheet export` and import that one"),
                lv("nosūtiet institūcijai darbgrāmatu, ko sagatavojis `pmp sheet export`, un nolasiet to"),
            )),
        );
        return Vec::new();
    };
    let m = meta(&meta_range);
    let get = |k: &str| m.pairs.iter().find(|(key, _, _)| key == k);
    let expected: [(&str, String); 4] = [
        ("programme", round.programme.id()),
        ("year", round.year.to_string()),
        ("layout", LAYOUT_VERSION.to_string()),
        ("plan", round.fingerprint.clone()),
    ];
    let mut other = false;
    for (k, want) in &expected {
        let (found, row) = match get(k) {
            Some((_, v, r)) => (v.clone(), *r),
            None => (String::new(), 0),
        };
        if found == *want {
            continue;
        }
        other = true;
        let at = whole(&format!("{META_SHEET}!{}", cell_name(row, 1)));
        let msg = match *k {
            "programme" => tr!(
                en("the workbook was made for the programme `{found}`, not `{want}`"),
                lv("darbgrāmata sagatavota programmai `{found}`, nevis `{want}`"),
            ),
            "year" => tr!(
                en("the workbook was made for the year {found}, not {want}"),
                lv("darbgrāmata sagatavota {found}. gadam, nevis {want}. gadam"),
            ),
            "layout" => tr!(
                en("the workbook has layout `{found}`; this pmp reads layout `{want}`"),
                lv("darbgrāmatas izkārtojums ir `{found}`; šī pmp versija lasa izkārtojumu `{want}`"),
            ),
            _ => tr!(
                en(
                    "the workbook was made from another revision of the plan (fingerprint {found}, the plan now {want})"
                ),
                lv(
                    "darbgrāmata sagatavota no citas plāna redakcijas (nospiedums {found}, plānam tagad {want})"
                ),
            ),
        };
        sink.push(finding(Code::SheetOtherPlan, &at, msg).help(tr!(
            en("export the year's workbooks again from the current plan and have this one filled in anew (or copy its answers across)"),
            lv("sagatavojiet gada darbgrāmatas no pašreizējā plāna vēlreiz un aizpildiet šo no jauna (vai pārnesiet tās atbildes)"),
        )));
    }
    if other {
        return Vec::new();
    }
    let mut answers = Vec::new();
    for sheet in Sheet::ALL {
        let fields = round.fields(sheet);
        let keys: Vec<String> = fields.iter().map(|f| f.key(&round.sources)).collect();
        let Some((_, written)) = m.columns.iter().find(|(s, _)| s == sheet.name()) else {
            continue;
        };
        let Ok(range) = book.worksheet_range(sheet.name()) else {
            continue;
        };
        // Columns by the keys the hidden sheet gives, so a layout is read as it was written.
        let col_of = |f: &Field| -> Option<u32> {
            let k = f.key(&round.sources);
            written.iter().position(|w| *w == k).map(|p| p as u32)
        };
        let Some(id_col) = col_of(&Field::Id) else {
            continue;
        };
        let bkey_col = col_of(&Field::BreakdownKey);
        let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        let end = range.end().map_or(0, |(r, _)| r + 1);
        let input_cols: Vec<(u32, String)> = written
            .iter()
            .enumerate()
            .filter(|(_, k)| !k.is_empty())
            .filter(|(_, k)| {
                fields.iter().zip(&keys).any(|(f, fk)| fk == *k && f.input()) || k.starts_with("funding:")
            })
            .map(|(i, k)| (i as u32, k.clone()))
            .collect();
        for r in FIRST_ROW..end {
            let id = text_of(&cell(r, id_col)).trim().to_string();
            let bkey = bkey_col
                .map(|c| text_of(&cell(r, c)).trim().to_string())
                .unwrap_or_default();
            let filled: Vec<&(u32, String)> = input_cols
                .iter()
                .filter(|(c, _)| !text_of(&cell(r, *c)).trim().is_empty())
                .collect();
            if filled.is_empty() {
                continue;
            }
            let plan_row =
                (0..round.len(sheet)).find(|i| round.row_key(sheet, *i) == (id.clone(), bkey.clone()));
            let Some(pr) = plan_row else {
                let at = whole(&format!("{}!{}", sheet.name(), cell_name(r, id_col as u16)));
                let shown = if bkey.is_empty() {
                    id.clone()
                } else {
                    format!("{id} / {bkey}")
                };
                sink.push(finding(
                    Code::SheetUnknownRow,
                    &at,
                    if id.is_empty() {
                        tr!(
                            en("a row with answers but no id; the plan's rows all have one"),
                            lv("rindā ir atbildes, bet nav identifikatora; visām plāna rindām tas ir"),
                        )
                    } else {
                        tr!(
                            en("the plan has no row `{shown}` on this sheet; its answers are not taken"),
                            lv("plānā šajā lapā nav rindas `{shown}`; tās atbildes netiek ņemtas"),
                        )
                    },
                ).help(tr!(
                    en("write the answers in the row of the plan they belong to; rows are not added to the workbook"),
                    lv("ierakstiet atbildes tajā plāna rindā, kurai tās pieder; darbgrāmatai rindas nepievieno"),
                )));
                continue;
            };
            for (c, key) in filled {
                let at = whole(&format!("{}!{}", sheet.name(), cell_name(r, *c as u16)));
                let Some(field) = fields.iter().zip(&keys).find(|(_, k)| *k == key).map(|(f, _)| *f) else {
                    let source = key.trim_start_matches("funding:").to_string();
                    sink.push(
                        finding(
                            Code::SheetUnknownRow,
                            &at,
                            tr!(
                                en("an amount from the funding source „{source}”, which the plan no longer names"),
                                lv("summa no finansējuma avota „{source}”, ko plāns vairs nenosauc"),
                            ),
                        )
                        .entity(entity(round, sheet, pr)),
                    );
                    continue;
                };
                if let Field::Invested(i) = field
                    && !round.funds_from(pr, i)
                {
                    let source = round.sources[i].clone();
                    sink.push(
                        finding(
                            Code::SheetUnknownRow,
                            &at,
                            tr!(
                                en("an amount from „{source}”, a funding source the activity does not list"),
                                lv("summa no avota „{source}”, ko aktivitāte kā finansējuma avotu nenosauc"),
                            ),
                        )
                        .entity(entity(round, sheet, pr))
                        .help(tr!(
                            en("write the amount under one of the activity's own funding sources"),
                            lv("ierakstiet summu pie kāda no aktivitātes finansējuma avotiem"),
                        )),
                    );
                    continue;
                }
                if let Some(value) = take(round, sheet, pr, field, &cell(r, *c), &at, sink) {
                    answers.push(Answer {
                        sheet,
                        row: pr,
                        field,
                        value,
                        cell: at,
                    });
                }
            }
        }
    }
    answers
}

/// The value of one answered cell, or `None` with a finding.
fn take(
    round: &Round<'_>,
    sheet: Sheet,
    r: usize,
    field: Field,
    d: &Data,
    at: &CellRef,
    sink: &mut Sink,
) -> Option<Value> {
    let ent = || entity(round, sheet, r);
    let raw = text_of(d);
    match field {
        Field::Value | Field::Invested(_) => match d {
            Data::Float(f) => Some(Value::Number(*f)),
            Data::Int(i) => Some(Value::Number(*i as f64)),
            Data::String(s) => match text_figure(s) {
                Some(v) => {
                    sink.push(
                        finding(
                            Code::SheetNumberAsText,
                            at,
                            tr!(
                                en("„{s}” is a figure typed as text; it is read as {}", number_text(v)),
                                lv("„{s}” ir skaitlis, ierakstīts kā teksts; to nolasa kā {}", super::lv_number(v, decimals_of(v))),
                            ),
                        )
                        .entity(ent())
                        .help(tr!(
                            en("type the figure into the cell as a number (a decimal comma, no quote mark before it)"),
                            lv("ierakstiet šūnā skaitli kā skaitli (ar decimālkomatu, bez apostrofa priekšā)"),
                        )),
                    );
                    Some(Value::Number(v))
                }
                None => {
                    sink.push(not_a_number(at, &raw).entity(ent()));
                    None
                }
            },
            _ => {
                sink.push(not_a_number(at, &raw).entity(ent()));
                None
            }
        },
        Field::Status => match status_from_label(&raw) {
            Some(s) => Some(Value::Status(s)),
            None => {
                let s = raw.trim();
                sink.push(
                    finding(
                        Code::SheetInvalidValue,
                        at,
                        tr!(
                            en("„{s}” is not a status of the list"),
                            lv("„{s}” nav statuss no saraksta"),
                        ),
                    )
                    .entity(ent())
                    .help(tr!(
                        en("choose one of: Izpildīts, Tiek īstenots, Kavējas, Nav uzsākts, Atcelts"),
                        lv("izvēlieties vienu no: Izpildīts, Tiek īstenots, Kavējas, Nav uzsākts, Atcelts"),
                    )),
                );
                None
            }
        },
        Field::Date => {
            let parsed = match d {
                Data::Float(f) if f.fract() == 0.0 && (1000.0..=9999.0).contains(f) => {
                    PartialDate::parse(&number_text(*f)).ok()
                }
                Data::Float(_) | Data::Int(_) => None,
                _ => PartialDate::parse(raw.trim()).ok(),
            };
            if parsed.is_none() {
                let s = raw.trim();
                sink.push(
                    finding(
                        Code::SheetInvalidValue,
                        at,
                        tr!(
                            en("„{s}” is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
                            lv("„{s}” nav datums formā GGGG, GGGG-MM vai GGGG-MM-DD"),
                        ),
                    )
                    .entity(ent()),
                );
            }
            parsed.map(Value::Date)
        }
        Field::Achieved => {
            let lines: Vec<String> = raw
                .split('\n')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
            Some(Value::Lines(lines))
        }
        _ => Some(Value::Text(raw.trim().to_string())),
    }
}

/// The decimals a figure read from a cell shows.
fn decimals_of(v: f64) -> usize {
    number_text(v).split_once('.').map_or(0, |(_, d)| d.len())
}

fn not_a_number(at: &CellRef, raw: &str) -> Diagnostic {
    let s = raw.trim();
    finding(
        Code::SheetNotANumber,
        at,
        tr!(
            en("„{s}” is not a number; this cell takes a figure"),
            lv("„{s}” nav skaitlis; šajā šūnā raksta skaitli"),
        ),
    )
    .help(tr!(
        en("write the figure alone (a decimal comma, no words); say anything else in the note"),
        lv("ierakstiet tikai skaitli (ar decimālkomatu, bez vārdiem); pārējo rakstiet piezīmēs"),
    ))
}
