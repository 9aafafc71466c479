//! Data tables kept in CSV files beside `situation.yaml` (`rows_csv: table-1-4.csv`).
//!
//! The first line holds the table's column ids, in order; the optional extra columns `_role`
//! (data, subtotal, total) and `_group` set a row's role and group. A cell is a number with a
//! dot decimal, empty, `na` (not available), `vacancy:0.5` or `footnote:0.5`; anything else is
//! text. Quoting follows RFC 4180. The file must lie inside the programme folder: a path that
//! is absolute, climbs out with `..` or resolves outside through a link is refused, and so is
//! anything that is not a regular file (a FIFO, a device, a looping link).

use std::path::{Component, Path};

use super::{ProgrammeLoad, read_text};
use crate::diag::{Code, Diagnostic, Entity};
use crate::i18n::Text;
use crate::model::{Cell, FileId, Loc, Mark, MarkedCell, Num, Row, RowRole, Section, Sp, Table};
use crate::tr;

pub(super) fn load_tables(pl: &mut ProgrammeLoad) {
    let Some(mut situation) = pl.programme.situation.take() else {
        return;
    };
    let dir = pl.programme.dir.clone();
    for (si, section) in situation.sections.iter_mut().enumerate() {
        walk(section, &format!("sections[{si}]"), &dir, pl);
    }
    pl.programme.situation = Some(situation);
}

fn walk(section: &mut Section, path: &str, dir: &Path, pl: &mut ProgrammeLoad) {
    for (ti, table) in section.tables.iter_mut().enumerate() {
        if table.rows_csv.is_some() {
            load_table(table, &format!("{path}.tables[{ti}]"), dir, pl);
        }
    }
    for (i, s) in section.sections.iter_mut().enumerate() {
        walk(s, &format!("{path}.sections[{i}]"), dir, pl);
    }
}

fn load_table(table: &mut Table, path: &str, dir: &Path, pl: &mut ProgrammeLoad) {
    let Some(rel) = table.rows_csv.clone() else { return };
    let at = format!("{path}.rows_csv");
    let outside = |msg: Text| {
        Diagnostic::new(Code::PathOutsideProgramme, rel.loc, msg)
            .path(&at)
            .help(tr!(
                en("keep CSV tables in the programme folder and name them relative to it, e.g. `table-1-4.csv`"),
                lv("glabājiet CSV tabulas programmas mapē un norādiet tās attiecībā pret to, piemēram, `table-1-4.csv`"),
            ))
    };
    let name = &rel.value;
    let p = Path::new(&rel.value);
    if p.is_absolute()
        || p.components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        pl.sink.push(outside(tr!(
            en("`{name}` leaves the programme folder"),
            lv("`{name}` ved ārpus programmas mapes"),
        )));
        return;
    }
    let full = dir.join(p);
    if let super::Probe::NotAFile(msg) = super::probe(&full) {
        pl.sink.push(
            Diagnostic::new(Code::NotAFile, rel.loc, msg)
                .path(&at)
                .entity(entity(table))
                .help(tr!(
                    en("a table's rows_csv names a regular CSV file in the programme folder"),
                    lv("tabulas laukā rows_csv norāda parastu CSV failu programmas mapē"),
                )),
        );
        return;
    }
    let inside = match (full.canonicalize(), dir.canonicalize()) {
        (Ok(f), Ok(d)) => f.starts_with(&d),
        _ => {
            pl.sink.push(
                Diagnostic::new(
                    Code::CsvInvalid,
                    rel.loc,
                    tr!(en("`{name}` does not exist"), lv("`{name}` neeksistē")),
                )
                .path(&at)
                .entity(entity(table))
                .help(tr!(
                    en("name the CSV file relative to the programme folder, e.g. `table-1-4.csv`"),
                    lv("norādiet CSV failu attiecībā pret programmas mapi, piemēram, `table-1-4.csv`"),
                )),
            );
            return;
        }
    };
    if !inside {
        pl.sink.push(outside(tr!(
            en("`{name}` resolves outside the programme folder"),
            lv("`{name}` norāda uz vietu ārpus programmas mapes"),
        )));
        return;
    }
    let (text, problem) = read_text(&full);
    let Some(id) = pl.add_file(full.clone(), text.clone().unwrap_or_default()) else {
        return;
    };
    if let Some((code, line, col, msg)) = problem {
        let offset = text
            .as_deref()
            .map_or(0, |t| super::yaml::offset_of(t, line, col));
        let help = match code {
            Code::BinaryFile | Code::NotUtf8 => tr!(
                en("save the table as UTF-8 text (CSV, comma-separated)"),
                lv("saglabājiet tabulu kā UTF-8 tekstu (CSV, atdalītu ar komatiem)"),
            ),
            _ => tr!(
                en("keep the CSV file small and readable, or write the rows in situation.yaml"),
                lv("CSV failam jābūt nelielam un lasāmam; citādi ierakstiet rindas situation.yaml"),
            ),
        };
        pl.sink.push(
            Diagnostic::new(code, Loc::new(id, line, col, offset), msg)
                .path(&at)
                .entity(entity(table))
                .help(help),
        );
        return;
    }
    let text = text.unwrap_or_default();
    if let Some(d) = super::yaml::chars::in_csv(id, &text) {
        pl.sink.push(d.path(&at).entity(entity(table)));
    }
    match parse_rows(table, path, id, &text) {
        Ok(rows) => table.rows = rows,
        Err(d) => {
            let d = if d.path.is_empty() { d.path(&at) } else { d };
            pl.sink.push(d.entity(entity(table)));
        }
    }
}

/// The table a CSV finding is about.
fn entity(table: &Table) -> Entity {
    Entity::new("table", &table.id, Some(&table.caption))
}

/// One CSV field with where it starts.
struct Field {
    text: String,
    loc: Loc,
}

/// Splits CSV text into records of fields (RFC 4180: quotes, doubled quotes, CRLF).
#[allow(clippy::result_large_err)]
fn records(file: FileId, text: &str) -> Result<Vec<Vec<Field>>, Diagnostic> {
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let (mut line, mut col) = (1u32, 1u32);
    let mut start = Loc::new(file, 1, 1, 0);
    let mut in_quotes = false;
    let mut chars = text.char_indices().peekable();
    let mut at_field_start = true;
    while let Some((off, c)) = chars.next() {
        if at_field_start {
            start = Loc::new(file, line, col, u32::try_from(off).unwrap_or(u32::MAX));
            at_field_start = false;
        }
        match (in_quotes, c) {
            (true, '"') => {
                if chars.peek().map(|(_, c)| *c) == Some('"') {
                    field.push('"');
                    chars.next();
                    col += 1;
                } else {
                    in_quotes = false;
                }
            }
            (true, '\n') => {
                field.push('\n');
                line += 1;
                col = 0;
            }
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => in_quotes = true,
            (false, ',') => {
                record.push(Field {
                    text: std::mem::take(&mut field),
                    loc: start,
                });
                at_field_start = true;
            }
            (false, '\r') => {}
            (false, '\n') => {
                record.push(Field {
                    text: std::mem::take(&mut field),
                    loc: start,
                });
                out.push(std::mem::take(&mut record));
                at_field_start = true;
                line += 1;
                col = 0;
            }
            (false, c) => field.push(c),
        }
        col += 1;
    }
    if in_quotes {
        return Err(Diagnostic::new(
            Code::CsvInvalid,
            start,
            tr!(
                en("a quoted CSV field is never closed"),
                lv("pēdiņās ņemts CSV lauks nav aizvērts"),
            ),
        )
        .help(tr!(
            en("close the field's quote; a quote inside a quoted field is written twice (\"\")"),
            lv("aizveriet lauka pēdiņas; pēdiņas lauka iekšpusē raksta divreiz (\"\")"),
        )));
    }
    if !at_field_start || !field.is_empty() {
        record.push(Field {
            text: field,
            loc: start,
        });
        out.push(record);
    }
    out.retain(|r| !(r.len() == 1 && r[0].text.trim().is_empty()));
    Ok(out)
}

#[allow(clippy::result_large_err)]
fn parse_rows(table: &Table, path: &str, file: FileId, text: &str) -> Result<Vec<Row>, Diagnostic> {
    let recs = records(file, text)?;
    let Some((header, body)) = recs.split_first() else {
        return Err(Diagnostic::new(
            Code::CsvInvalid,
            Loc::new(file, 1, 1, 0),
            tr!(en("the CSV file is empty"), lv("CSV fails ir tukšs")),
        )
        .help(tr!(
            en("the first line lists the table's column ids, each further line is a row"),
            lv("pirmajā rindā uzskaita tabulas kolonnu identifikatorus, katra nākamā rinda ir tabulas rinda"),
        )));
    };
    let mut col_index = Vec::new();
    let (mut role_at, mut group_at) = (None, None);
    for (i, h) in header.iter().enumerate() {
        match h.text.trim() {
            "_role" => role_at = Some(i),
            "_group" => group_at = Some(i),
            name => match table.columns.iter().position(|c| c.id.value == name) {
                Some(ci) => col_index.push((ci, i)),
                None => {
                    let ids: Vec<&str> = table.columns.iter().map(|c| c.id.value.as_str()).collect();
                    let mut d = Diagnostic::new(
                        Code::CsvInvalid,
                        h.loc,
                        tr!(
                            en("`{name}` is not a column of table `{}`", table.id.value),
                            lv("`{name}` nav tabulas `{}` kolonna", table.id.value),
                        ),
                    );
                    if let Some(s) = crate::diag::did_you_mean(name, ids.iter().copied()) {
                        d = d.help(tr!(en("did you mean `{s}`?"), lv("vai domājāt `{s}`?")));
                    } else {
                        let ids = ids.join(", ");
                        d = d.help(tr!(en("the columns are: {ids}"), lv("tabulas kolonnas: {ids}")));
                    }
                    return Err(d);
                }
            },
        }
    }
    if col_index.len() != table.columns.len() {
        return Err(Diagnostic::new(
            Code::CsvInvalid,
            header[0].loc,
            tr!(
                en(
                    "the header names {} of the table's {} columns",
                    col_index.len(),
                    table.columns.len()
                ),
                lv(
                    "galvenē nosauktas {} no tabulas {} kolonnām",
                    col_index.len(),
                    table.columns.len()
                ),
            ),
        )
        .help(tr!(
            en("the first line must list every column id of the table"),
            lv("pirmajā rindā jāuzskaita visu tabulas kolonnu identifikatori"),
        )));
    }
    let mut rows = Vec::with_capacity(body.len());
    for (r, rec) in body.iter().enumerate() {
        let row_path = format!("{path}.rows[{r}]");
        if rec.len() != header.len() {
            let (has, wants) = (rec.len(), header.len());
            let mut help = tr!(
                en("give every line one field per header column; quote a field that contains a comma"),
                lv(
                    "katrā rindā jābūt pa laukam katrai galvenes kolonnai; lauku, kurā ir komats, lieciet pēdiņās"
                ),
            );
            if let Some((int, frac)) = split_decimal(rec, wants) {
                help = tr!(
                    en(
                        "{} (is `{int},{frac}` a number with a decimal comma? CSV splits it into two fields: write `{int}.{frac}`)",
                        help.en
                    ),
                    lv(
                        "{} (vai `{int},{frac}` ir skaitlis ar decimālkomatu? CSV to sadala divos laukos: rakstiet `{int}.{frac}`)",
                        help.lv
                    ),
                );
            }
            return Err(Diagnostic::new(
                Code::CsvInvalid,
                rec[0].loc,
                tr!(
                    en("this line has {has} fields, the header has {wants}"),
                    lv("šajā rindā ir {has} lauki, bet galvenē — {wants}"),
                ),
            )
            .path(row_path)
            .help(help));
        }
        let mut cells = vec![Sp::new(Cell::Empty(()), rec[0].loc); table.columns.len()];
        for (ci, fi) in &col_index {
            let f = &rec[*fi];
            cells[*ci] = Sp::new(parse_cell(&f.text), f.loc);
        }
        let role = match role_at.map(|i| rec[i].text.trim()) {
            None | Some("") | Some("data") => RowRole::Data,
            Some("subtotal") => RowRole::Subtotal,
            Some("total") => RowRole::Total,
            Some(other) => {
                let mut d = Diagnostic::new(
                    Code::CsvInvalid,
                    rec[role_at.unwrap_or(0)].loc,
                    tr!(
                        en("row role `{other}` is not data, subtotal or total"),
                        lv("rindas loma `{other}` nav data, subtotal vai total"),
                    ),
                )
                .path(format!("{row_path}.role"));
                d = match crate::diag::did_you_mean(other, ["data", "subtotal", "total"]) {
                    Some(s) => d.help(tr!(en("did you mean `{s}`?"), lv("vai domājāt `{s}`?"))),
                    None => d.help(tr!(
                        en("write data, subtotal or total, or leave the field empty"),
                        lv("ierakstiet data, subtotal vai total vai atstājiet lauku tukšu"),
                    )),
                };
                return Err(d);
            }
        };
        let group = group_at
            .map(|i| &rec[i])
            .filter(|f| !f.text.trim().is_empty())
            .map(|f| Sp::new(f.text.trim().to_string(), f.loc));
        rows.push(Row {
            cells,
            role,
            group,
            note: None,
        });
    }
    Ok(rows)
}

fn parse_cell(raw: &str) -> Cell {
    let t = raw.trim();
    if t.is_empty() {
        return Cell::Empty(());
    }
    if t == "na" {
        return Cell::Marked(MarkedCell {
            value: None,
            mark: Some(Mark::NotAvailable),
            text: None,
        });
    }
    for (prefix, mark) in [("vacancy:", Mark::Vacancy), ("footnote:", Mark::Footnote)] {
        if let Some(v) = t.strip_prefix(prefix)
            && let Some(n) = Num::parse_printed(v)
        {
            return Cell::Marked(MarkedCell {
                value: Some(n),
                mark: Some(mark),
                text: None,
            });
        }
    }
    match Num::parse_printed(t) {
        Some(n) => Cell::Number(n),
        None => Cell::Text(t.to_string()),
    }
}

/// When a line has one field more than the header and two neighbouring fields read as the
/// two halves of a decimal-comma number (`14` and `25` from `14,25`), those halves.
fn split_decimal(rec: &[Field], wants: usize) -> Option<(String, String)> {
    if rec.len() != wants + 1 {
        return None;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    rec.windows(2).find_map(|w| {
        let (a, b) = (w[0].text.trim(), w[1].text.trim());
        let int = a.strip_prefix('-').unwrap_or(a);
        // The fraction half follows the comma directly: `14,25`, not `14, 25`.
        (digits(int) && digits(b) && w[1].text == b).then(|| (a.to_string(), b.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_fields_and_keeps_positions() {
        let recs = records(0, "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n3,4").unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1][0].text, "x, y");
        assert_eq!(recs[1][1].text, "say \"hi\"");
        assert_eq!((recs[2][1].loc.line, recs[2][1].loc.column), (3, 3));
    }

    #[test]
    fn unclosed_quote_is_an_error() {
        assert!(records(0, "a\n\"open").is_err());
    }

    #[test]
    fn cells_parse_marks() {
        assert_eq!(parse_cell("0.5"), Cell::Number(Num::new(0.5, 1)));
        assert_eq!(parse_cell("0.50"), Cell::Number(Num::new(0.5, 2)));
        assert_eq!(parse_cell(""), Cell::Empty(()));
        assert_eq!(parse_cell("vacancy:0.5").mark(), Some(Mark::Vacancy));
        assert_eq!(parse_cell("na").mark(), Some(Mark::NotAvailable));
        assert_eq!(parse_cell("Skola"), Cell::Text("Skola".into()));
    }
}
