//! Output of `pmp show` (the canonical text, one line per field) and of `pmp diff` (text for
//! the terminal, Markdown for the amendment annex a council decision attaches, JSON for
//! tools). Values shown to people go through `crate::lv` (decimal comma, `9,3 %`, dates).

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::{Change, Class, Entity, Field, Kind, Summary};
use crate::i18n::Lang;
use crate::lv;
use crate::model::Part;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Changes grouped by part, for the terminal.
    Text,
    /// The amendment annex: a table per part, old and new side by side, in Latvian.
    Md,
    /// The stable JSON contract (`"version": 1`).
    Json,
}

/// One side of a comparison: what was read and the programme found there.
#[derive(Debug, Clone)]
pub struct Side {
    /// The folder or `REV:PATH` as the user gave it.
    pub source: String,
    pub id: String,
    pub title: Option<String>,
}

/// Renders the changes from `old` to `new` in `format`.
pub fn render(old: &Side, new: &Side, changes: &[Change], format: Format) -> String {
    match format {
        Format::Text => text(old, new, changes),
        Format::Md => markdown(old, new, changes),
        Format::Json => json_report(old, new, changes),
    }
}

// ---------------------------------------------------------------- pmp show

/// The canonical text of a programme: `<kind> <id> <field>: <value>`, one line per field
/// (one per item for lists of prose; sets such as years stay on one line as JSON).
pub fn show(entities: &[Entity]) -> String {
    let mut out = String::new();
    for e in entities {
        let prefix = if e.id.is_empty() {
            e.kind.to_string()
        } else if e.id.contains(|c: char| c.is_whitespace() || c == ':' || c == '"') {
            format!("{} {}", e.kind, Value::String(e.id.clone()))
        } else {
            format!("{} {}", e.kind, e.id)
        };
        for f in &e.fields {
            match &f.value {
                // Prose lists: an item per line, so a changed item is a changed line.
                Value::Array(items)
                    if !super::flatten::is_set(&f.name) && items.iter().all(Value::is_string) =>
                {
                    for (i, item) in items.iter().enumerate() {
                        let _ = writeln!(out, "{prefix} {}[{}]: {}", f.name, i + 1, show_value(item));
                    }
                }
                Value::Number(n) if f.decimals.is_some() => {
                    let d = usize::from(f.decimals.unwrap_or(0));
                    let x = n.as_f64().unwrap_or(f64::NAN);
                    let _ = writeln!(out, "{prefix} {}: {x:.d$}", f.name);
                }
                v => {
                    let _ = writeln!(out, "{prefix} {}: {}", f.name, show_value(v));
                }
            }
        }
    }
    // Printed on a terminal or in `git diff`: control characters made visible.
    crate::diag::visible_controls(&out).into_owned()
}

/// The canonical text of the entities of one part.
pub fn show_part(entities: &[Entity], part: Part) -> String {
    let only: Vec<Entity> = entities.iter().filter(|e| e.part == part).cloned().collect();
    show(&only)
}

/// A value on one line: text as is (newlines as `\n`), numbers and lists as JSON.
fn show_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.replace('\\', "\\\\").replace('\r', "\\r").replace('\n', "\\n"),
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------- values for people

/// A field's value as people read it in `lang`: Latvian conventions (`3\u{a0}200,50`,
/// `5,5\u{a0}%`, `31.03.2025.`) or English ones (`3,200.50`, `5.5%`, `2025-03-31`); `—`
/// when absent. A figure whose written decimals are known keeps every one of them.
fn display(f: Option<&Field>, lang: Lang) -> String {
    match f {
        None => "—".into(),
        Some(f) => match (&f.value, f.decimals) {
            (Value::Number(n), Some(d)) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                let x = match lang {
                    Lang::Lv => lv::fixed(x, usize::from(d)),
                    Lang::En => lv::fixed_with(x, usize::from(d), ',', '.'),
                };
                match (f.percent, lang) {
                    (false, _) => x,
                    (true, Lang::Lv) => format!("{x}\u{a0}%"),
                    (true, Lang::En) => format!("{x}%"),
                }
            }
            _ => display_value(&f.value, f.percent, lang),
        },
    }
}

fn display_value(v: &Value, percent: bool, lang: Lang) -> String {
    match v {
        Value::Null => "—".into(),
        Value::Bool(b) => match (b, lang) {
            (true, Lang::Lv) => "jā".into(),
            (false, Lang::Lv) => "nē".into(),
            (b, Lang::En) => if *b { "yes" } else { "no" }.into(),
        },
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            match (percent, lang) {
                (true, Lang::Lv) => lv::percent(x),
                (false, Lang::Lv) => lv::number(x, 6),
                (true, Lang::En) => format!("{}%", lv::number_with(x, 2, ',', '.')),
                (false, Lang::En) => lv::number_with(x, 6, ',', '.'),
            }
        }
        Value::String(s) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if s.len() == 10 && lang == Lang::Lv => lv::date_short(d),
            _ => s.clone(),
        },
        Value::Array(a) => a
            .iter()
            .map(|x| display_value(x, percent, lang))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(m) => m
            .iter()
            .map(|(k, x)| format!("{k}: {}", display_value(x, percent, lang)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn part_key(part: Part) -> &'static str {
    match part {
        Part::Manifest => "metadata",
        other => other.name(),
    }
}

fn part_heading(part: Part) -> &'static str {
    match part {
        Part::Manifest => "metadata",
        Part::Institutions => "institutions",
        Part::Situation => "situation analysis",
        Part::Svid => "SVID",
        Part::Goals => "goals",
        Part::Indicators => "indicators",
        Part::Plan => "action plan",
        Part::Monitoring => "monitoring",
        Part::Results => "results",
    }
}

fn part_heading_lv(part: Part) -> &'static str {
    match part {
        Part::Manifest => "Vispārīgās ziņas",
        Part::Institutions => "Institūcijas un sadarbības modelis",
        Part::Situation => "Situācijas analīze",
        Part::Svid => "SVID analīze",
        Part::Goals => "Mērķi",
        Part::Indicators => "Rezultatīvie rādītāji",
        Part::Plan => "Rīcības plāns",
        Part::Monitoring => "Uzraudzība",
        Part::Results => "Rezultāti",
    }
}

fn kind_lv(kind: &str) -> &str {
    match kind {
        "programme" => "programma",
        "member" => "darba grupas loceklis",
        "amendment" => "aktualizācija",
        "institution" => "institūcija",
        "section" => "sadaļa",
        "table" => "tabula",
        "svid-item" => "SVID elements",
        "goal" => "mērķis",
        "indicator" => "rādītājs",
        "activity" => "aktivitāte",
        "task" => "darba uzdevums",
        "event" => "uzraudzības notikums",
        "results" => "gada rezultāti",
        "indicator-result" => "rādītāja sasniegtā vērtība",
        "activity-result" => "aktivitātes izpilde",
        _ => "daļa kopumā",
    }
}

/// A field path in Latvian words: `targets[2026].value` → `sasniedzamā vērtība (2026) / vērtība`.
fn field_lv(path: &str) -> String {
    // A target's figure: „2027. gada sasniedzamā vērtība”, not „sasniedzamā vērtība (2027) / vērtība”.
    if let Some(rest) = path.strip_prefix("targets[")
        && let Some((year, tail)) = rest.split_once(']')
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
    {
        let this = format!("{year}. gada sasniedzamā vērtība");
        return match tail {
            ".value" => this,
            "" => this,
            t => format!("{this} / {}", field_lv(t.trim_start_matches('.'))),
        };
    }
    let mut prev = "";
    path.split('.')
        .map(|seg| {
            let (name, key) = match seg.split_once('[') {
                Some((n, k)) => (n, Some(k.trim_end_matches(']'))),
                None => (seg, None),
            };
            // A decision's `body` is the body that decided; elsewhere `body` is prose.
            let word = match (prev, name) {
                ("adoption" | "decision", "body") => "lēmējinstitūcija",
                _ => word_lv(name),
            };
            prev = name;
            match key {
                Some(k) => format!("{word} ({k})"),
                None => word.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

fn word_lv(name: &str) -> &str {
    match name {
        "title" | "caption" | "name" => "nosaukums",
        "number" => "numurs",
        "level" => "prevencijas līmenis",
        "results" => "sasniedzamie rezultāti",
        "result" => "rezultāts",
        "responsible" => "atbildīgās institūcijas",
        "involved" => "iesaistītās institūcijas",
        "years" => "gadi",
        "funding" => "finansējuma avots",
        "indicators" => "rezultatīvie rādītāji",
        "goals" => "mērķi",
        "goal" => "mērķis",
        "activity" => "aktivitāte",
        "baseline" => "bāzes vērtība",
        "value" => "vērtība",
        "values" => "vērtības",
        "year" => "gads",
        "to_be_set" => "tiks noteikta gadā",
        "targets" => "sasniedzamā vērtība",
        "trend" => "tendence",
        "text" => "teksts",
        "source" => "datu avots",
        "unit" => "mērvienība",
        "breakdowns" => "dalījums",
        "milestones" => "starpposma gadi",
        "executor" => "izpildītājs",
        "supervisor" => "par uzraudzību atbildīgā institūcija",
        "start" => "sākums",
        "end" => "beigas",
        "timing" => "termiņš",
        "every" => "biežums",
        "month" => "mēnesis",
        "months" => "mēneši",
        "date" => "datums",
        "period" => "īstenošanas periods",
        "from" => "no",
        "to" => "līdz",
        "notes" => "piezīmes",
        "note" => "piezīme",
        "intro" => "ievads",
        "body" => "teksts",
        "rows" => "rinda",
        "cells" => "kolonna",
        "columns" => "kolonna",
        "label" => "virsraksts",
        "totals" => "norādītā kopsumma",
        "facts" => "fakts",
        "resources" => "resursi",
        "human" => "cilvēkresursi",
        "support" => "atbalsta resursi",
        "financial" => "finanšu resursi",
        "summary" => "kopsavilkums",
        "decision" => "lēmums",
        "protocol" => "protokols",
        "item" => "punkts",
        "votes" => "balsojums",
        "for" => "par",
        "against" => "pret",
        "abstained" => "atturas",
        "adoption" => "pieņemšana",
        "adopted_revision" => "pieņemtā revīzija",
        "revision" => "revīzija",
        "status" => "statuss",
        "municipality" => "pašvaldība",
        "place" => "vieta",
        "annotation" => "anotācija",
        "drafting" => "izstrāde",
        "role" => "loma",
        "position" => "amats",
        "institution" => "institūcija",
        "section" | "parent" => "sadaļa",
        "quadrant" => "SVID daļa",
        "procedure" => "kārtība",
        "output" => "rezultāts",
        "done" => "izpilde",
        "report_template" => "pārskata veidne",
        "short" => "saīsinājumi",
        "kind" => "veids",
        "responsibilities" => "pienākumi",
        "id" => "identifikators",
        other => other,
    }
}

fn class_lv(c: Class) -> &'static str {
    match c {
        Class::Substantive => "būtiska",
        Class::Editorial => "redakcionāla",
    }
}

/// Shortens a title for one terminal line.
fn short(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn entity_label(c: &Change, lang_lv: bool, title_max: usize) -> String {
    let kind = if lang_lv {
        kind_lv(c.entity_kind)
    } else {
        c.entity_kind
    };
    let mut s = kind.to_string();
    if !c.id.is_empty() {
        s.push(' ');
        s.push_str(&c.id);
    }
    if let Some(t) = &c.title
        && !t.trim().is_empty()
        && *t != c.id
    {
        s.push(' ');
        s.push_str(&lv::quote(&short(t, title_max)));
    }
    s
}

fn summary_line(s: &Summary, lang: Lang) -> String {
    match lang {
        Lang::En if s.total() == 0 => "no changes".into(),
        Lang::En => format!(
            "{} change{} ({} added, {} removed, {} changed): {} substantive, {} editorial",
            s.total(),
            if s.total() == 1 { "" } else { "s" },
            s.added,
            s.removed,
            s.changed,
            s.substantive,
            s.editorial
        ),
        Lang::Lv if s.total() == 0 => "izmaiņu nav".into(),
        Lang::Lv => format!(
            "izmaiņu kopā: {} (pievienotas {}, izņemtas {}, grozītas {}); būtiskas: {}, redakcionālas: {}",
            s.total(),
            s.added,
            s.removed,
            s.changed,
            s.substantive,
            s.editorial
        ),
    }
}

// ---------------------------------------------------------------- text

/// Characters of context kept around the changed part of a long text.
const CONTEXT: usize = 40;

/// Two long texts cut down to the part that differs, with some context, on one line each.
fn excerpts(old: &str, new: &str) -> (String, String) {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (a, b): (Vec<char>, Vec<char>) = (flat(old).chars().collect(), flat(new).chars().collect());
    if a.len().max(b.len()) <= 2 * CONTEXT + 40 {
        return (a.iter().collect(), b.iter().collect());
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let cut = |t: &[char]| {
        let from = prefix.saturating_sub(CONTEXT);
        let to = (t.len() - suffix + CONTEXT).min(t.len());
        let mut s: String = t[from..to].iter().collect();
        if from > 0 {
            s.insert(0, '…');
        }
        if to < t.len() {
            s.push('…');
        }
        s
    };
    (cut(&a), cut(&b))
}

fn text(old: &Side, new: &Side, changes: &[Change]) -> String {
    // The terminal's text speaks the run's language; the Markdown annex is always Latvian.
    let lang = crate::i18n::ui();
    let lv = lang == Lang::Lv;
    let mut out = format!("pmp diff {} → {}\n", old.source, new.source);
    let mut part = None;
    let mut entity: Option<(&str, &str)> = None;
    let class = |c: Class| if lv { class_lv(c) } else { c.as_str() };
    for c in changes {
        if part != Some(c.part) {
            let heading = if lv {
                part_heading_lv(c.part)
            } else {
                part_heading(c.part)
            };
            let _ = write!(out, "\n{heading}\n");
            part = Some(c.part);
            entity = None;
        }
        match c.kind {
            Kind::Added | Kind::Removed => {
                let mark = if c.kind == Kind::Added { '+' } else { '-' };
                let _ = writeln!(out, "  {mark} {}  [{}]", entity_label(c, lv, 70), class(c.class));
                entity = None;
            }
            Kind::Changed => {
                if entity != Some((c.entity_kind, c.id.as_str())) {
                    let _ = writeln!(out, "  ~ {}", entity_label(c, lv, 70));
                    entity = Some((c.entity_kind, c.id.as_str()));
                }
                let (o, n) = excerpts(&display(c.old.as_ref(), lang), &display(c.new.as_ref(), lang));
                let field = c.field.as_deref().unwrap_or("");
                let field = if lv { field_lv(field) } else { field.to_string() };
                let _ = writeln!(out, "      {field}: {o} → {n}  [{}]", class(c.class));
            }
        }
    }
    let _ = write!(out, "\n{}\n", summary_line(&Summary::of(changes), lang));
    // For the terminal: control characters in the programme's text made visible.
    crate::diag::visible_controls(&out).into_owned()
}

// ---------------------------------------------------------------- Markdown

/// Escapes text for a Markdown table cell: `|`, Markdown's special characters and HTML are
/// escaped, line breaks become `<br>`.
fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.trim().chars() {
        match ch {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// All fields of an added or removed entity, one per line.
fn md_fields(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                md_cell(&field_lv(&f.name)),
                md_cell(&display(Some(f), Lang::Lv))
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn markdown(old: &Side, new: &Side, changes: &[Change]) -> String {
    let s = Summary::of(changes);
    let title = new.title.as_deref().or(old.title.as_deref()).unwrap_or(&new.id);
    let mut out = format!("# Izmaiņas programmā {}\n\n", md_cell(&lv::quote(title)));
    let _ = writeln!(
        out,
        "Salīdzinātas redakcijas: iepriekšējā {}, jaunā {}.\n",
        md_cell(&lv::quote(&old.source)),
        md_cell(&lv::quote(&new.source))
    );
    if s.total() == 0 {
        out.push_str("Izmaiņu nav.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "Izmaiņu kopā: {}; būtiskas (nepieciešams domes lēmums): {}; redakcionālas: {}.",
        s.total(),
        s.substantive,
        s.editorial
    );
    let mut part = None;
    for c in changes {
        if part != Some(c.part) {
            let _ = write!(
                out,
                "\n## {}\n\n| Elements | Lauks | Iepriekšējā redakcija | Jaunā redakcija | Izmaiņa |\n|---|---|---|---|---|\n",
                part_heading_lv(c.part)
            );
            part = Some(c.part);
        }
        let (field, old_cell, new_cell) = match c.kind {
            Kind::Added => ("pievienots".to_string(), "—".to_string(), md_fields(&c.fields)),
            Kind::Removed => ("svītrots".to_string(), md_fields(&c.fields), "—".to_string()),
            Kind::Changed => (
                md_cell(&field_lv(c.field.as_deref().unwrap_or(""))),
                md_cell(&display(c.old.as_ref(), Lang::Lv)),
                md_cell(&display(c.new.as_ref(), Lang::Lv)),
            ),
        };
        let _ = writeln!(
            out,
            "| {} | {field} | {old_cell} | {new_cell} | {} |",
            md_cell(&entity_label(c, true, usize::MAX)),
            class_lv(c.class)
        );
    }
    out
}

// ---------------------------------------------------------------- JSON

fn fields_object(fields: &[Field]) -> Value {
    let mut m = Map::new();
    for f in fields {
        m.insert(f.name.clone(), f.value.clone());
    }
    Value::Object(m)
}

fn side_json(s: &Side) -> Value {
    json!({"source": s.source, "id": s.id, "title": s.title})
}

fn json_report(old: &Side, new: &Side, changes: &[Change]) -> String {
    let list: Vec<Value> = changes
        .iter()
        .map(|c| {
            let (o, n) = match c.kind {
                Kind::Added => (Value::Null, fields_object(&c.fields)),
                Kind::Removed => (fields_object(&c.fields), Value::Null),
                Kind::Changed => (
                    c.old.as_ref().map_or(Value::Null, |f| f.value.clone()),
                    c.new.as_ref().map_or(Value::Null, |f| f.value.clone()),
                ),
            };
            json!({
                "part": part_key(c.part),
                "kind": c.kind.as_str(),
                "entity": {
                    "kind": c.entity_kind,
                    "id": if c.id.is_empty() { Value::Null } else { Value::String(c.id.clone()) },
                    "title": c.title,
                },
                "field": c.field,
                "old": o,
                "new": n,
                "class": c.class.as_str(),
            })
        })
        .collect();
    let s = Summary::of(changes);
    let doc = json!({
        "version": 1,
        "old": side_json(old),
        "new": side_json(new),
        "changes": list,
        "summary": {
            "changes": s.total(),
            "added": s.added,
            "removed": s.removed,
            "changed": s.changed,
            "substantive": s.substantive,
            "editorial": s.editorial,
        },
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_escaped() {
        assert_eq!(md_cell("a | b *c* <x>\nd"), "a \\| b \\*c\\* \\<x\\><br>d");
    }

    #[test]
    fn field_paths_in_latvian() {
        assert_eq!(field_lv("targets[2026].value"), "2026. gada sasniedzamā vērtība");
        assert_eq!(
            field_lv("targets[2026].values[g1-3].value"),
            "2026. gada sasniedzamā vērtība / vērtības (g1-3) / vērtība"
        );
        assert_eq!(field_lv("funding"), "finansējuma avots");
        assert_eq!(field_lv("adoption.body"), "pieņemšana / lēmējinstitūcija");
        assert_eq!(field_lv("body"), "teksts");
    }

    #[test]
    fn long_texts_are_cut_to_what_changed() {
        let head = "Sākums ".repeat(20);
        let tail = " beigas".repeat(20);
        let (o, n) = excerpts(
            &format!("{head}2.3. tabula{tail}"),
            &format!("{head}2.3. tabulā{tail}"),
        );
        assert!(
            o.starts_with('…') && o.ends_with('…') && o.contains("tabula beigas"),
            "{o}"
        );
        assert!(n.contains("tabulā beigas") && n.chars().count() < 100, "{n}");
        assert_eq!(excerpts("4 %", "3,5 %"), ("4 %".into(), "3,5 %".into()));
    }

    #[test]
    fn show_lines_escape_newlines() {
        assert_eq!(show_value(&Value::String("a\nb\\c".into())), "a\\nb\\\\c");
        assert_eq!(show_value(&json!(["IP", 2024])), "[\"IP\",2024]");
    }
}
