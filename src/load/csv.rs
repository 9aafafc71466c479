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
use crate::model::{Cell, FileId, Loc, Mark, MarkedCell, Num, Row, RowRole, Section, Sp, Table};

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
    let outside = |msg: String| {
        Diagnostic::new(Code::PathOutsideProgramme, rel.loc, msg)
            .path(&at)
            .help(
                "keep CSV tables in the programme folder and name them relative to it, e.g. `table-1-4.csv`",
            )
    };
    let p = Path::new(&rel.value);
    if p.is_absolute()
        || p.components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        pl.sink
            .push(outside(format!("`{}` leaves the programme folder", rel.value)));
        return;
    }
    let full = dir.join(p);
    if let super::Probe::NotAFile(msg) = super::probe(&full) {
        pl.sink.push(
            Diagnostic::new(Code::NotAFile, rel.loc, msg)
                .path(&at)
                .entity(entity(table))
                .help("a table's rows_csv names a regular CSV file in the programme folder"),
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
                    format!("`{}` does not exist", rel.value),
                )
                .path(&at)
                .entity(entity(table))
                .help("name the CSV file relative to the programme folder, e.g. `table-1-4.csv`"),
            );
            return;
        }
    };
    if !inside {
        pl.sink.push(outside(format!(
            "`{}` resolves outside the programme folder",
            rel.value
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
            Code::BinaryFile | Code::NotUtf8 => "save the table as UTF-8 text (CSV, comma-separated)",
            _ => "keep the CSV file small and readable, or write the rows in situation.yaml",
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
        return Err(
            Diagnostic::new(Code::CsvInvalid, start, "a quoted CSV field is never closed")
                .help("close the field's quote; a quote inside a quoted field is written twice (\"\")"),
        );
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
        return Err(
            Diagnostic::new(Code::CsvInvalid, Loc::new(file, 1, 1, 0), "the CSV file is empty")
                .help("the first line lists the table's column ids, each further line is a row"),
        );
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
                        format!("`{name}` is not a column of table `{}`", table.id.value),
                    );
                    if let Some(s) = crate::diag::did_you_mean(name, ids.iter().copied()) {
                        d = d.help(format!("did you mean `{s}`?"));
                    } else {
                        d = d.help(format!("the columns are: {}", ids.join(", ")));
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
            format!(
                "the header names {} of the table's {} columns",
                col_index.len(),
                table.columns.len()
            ),
        )
        .help("the first line must list every column id of the table"));
    }
    let mut rows = Vec::with_capacity(body.len());
    for (r, rec) in body.iter().enumerate() {
        let row_path = format!("{path}.rows[{r}]");
        if rec.len() != header.len() {
            return Err(Diagnostic::new(
                Code::CsvInvalid,
                rec[0].loc,
                format!(
                    "this line has {} fields, the header has {}",
                    rec.len(),
                    header.len()
                ),
            )
            .path(row_path)
            .help("give every line one field per header column; quote a field that contains a comma"));
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
                    format!("row role `{other}` is not data, subtotal or total"),
                )
                .path(format!("{row_path}.role"));
                d = match crate::diag::did_you_mean(other, ["data", "subtotal", "total"]) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help("write data, subtotal or total, or leave the field empty"),
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
