//! The answers of the returned workbooks, merged into `results/YYYY.yaml`.
//!
//! Answers to one cell from two workbooks must agree ([`Code::SheetConflict`]). A value the
//! results file already records is kept; one a workbook gives differently is a finding
//! ([`Code::SheetDiffers`]) unless the import overwrites. What is new is written into the
//! file's text where it belongs ([`super::yaml_text`]): nothing else of the file changes,
//! its comments included. A file that does not exist yet is written whole.

use std::collections::BTreeMap;

use super::read::{Answer, CellRef, Value, entity, finding, number_text};
use super::rows::{Field, Round, Sheet};
use super::yaml_text::{
    Edit, Key, Map, Y, append_item, apply, insert_key, key_start, replace_key, scalar, scalar_end,
};
use crate::diag::{Code, Diagnostic, Severity, Sink};
use crate::model::{ActivityResult, IndicatorResult, Part, ResultsFile, TaskResult};
use crate::tr;

const INDICATOR_KEYS: &[&str] = &["indicator", "value", "values", "date", "source", "note"];
const ACTIVITY_KEYS: &[&str] = &[
    "activity", "status", "achieved", "funding", "impact", "factors", "tasks", "note",
];
const TASK_KEYS: &[&str] = &["task", "status", "date", "note"];
const ROOT_KEYS: &[&str] = &[
    "programme",
    "year",
    "compiled",
    "noted",
    "indicators",
    "activities",
    "notes",
];

/// The results file as it is: its parsed content and its text.
pub struct Recorded<'a> {
    pub data: &'a ResultsFile,
    pub text: &'a str,
}

/// One answer per cell of the plan: conflicting answers reported and left out.
type Cells = BTreeMap<(u8, usize, String), Taken>;

/// An answer and the cell it was read from.
type Taken = (Value, CellRef);

/// The answers of an indicator's rows: its value, its values per breakdown key, and its
/// date, source and note.
type IndicatorAnswers = (Option<Taken>, Vec<(String, Taken)>, Vec<(&'static str, Taken)>);

fn sheet_no(s: Sheet) -> u8 {
    match s {
        Sheet::Indicators => 0,
        Sheet::Activities => 1,
        Sheet::Tasks => 2,
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        _ => a == b,
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Lines(l) => l.join(" / "),
        Value::Number(f) => number_text(*f),
        Value::Status(s) => super::status_label(*s).to_string(),
        Value::Date(d) => d.to_string(),
    }
}

/// The YAML of a value.
fn yaml(v: &Value, money: bool) -> Y {
    match v {
        Value::Text(s) => Y::S(scalar(s)),
        Value::Lines(l) => Y::L(l.iter().map(|s| Y::S(scalar(s))).collect()),
        Value::Number(f) if money && f.fract() != 0.0 => Y::S(format!("{f:.2}")),
        Value::Number(f) => Y::S(number_text(*f)),
        Value::Status(s) => Y::S(s.key().to_string()),
        Value::Date(d) => Y::S(d.to_string()),
    }
}

/// Collects the answers cell by cell; two different answers to one cell are a finding each.
fn collect(round: &Round<'_>, answers: &[Answer], sink: &mut Sink) -> Cells {
    let mut cells: Cells = BTreeMap::new();
    let mut clashed: Vec<(u8, usize, String)> = Vec::new();
    for a in answers {
        let key = (sheet_no(a.sheet), a.row, a.field.key(&round.sources));
        match cells.get(&key) {
            None => {
                cells.insert(key, (a.value.clone(), a.cell.clone()));
            }
            Some((v, first)) if !same(v, &a.value) => {
                let (wb, at) = (&first.workbook, &first.at);
                let (mine, theirs) = (shown(&a.value), shown(v));
                sink.push(
                    finding(
                        Code::SheetConflict,
                        &a.cell,
                        tr!(
                            en("„{mine}” here, but „{theirs}” in {wb} ({at}): two answers to one cell"),
                            lv("šeit „{mine}”, bet {wb} ({at}) – „{theirs}”: vienai šūnai divas atbildes"),
                        ),
                    )
                    .entity(entity(round, a.sheet, a.row))
                    .help(tr!(
                        en("agree with both bodies which figure is right, correct the other workbook and import again"),
                        lv("vienojieties ar abām institūcijām, kurš skaitlis ir pareizs, izlabojiet otru darbgrāmatu un nolasiet vēlreiz"),
                    )),
                );
                clashed.push(key);
            }
            Some(_) => {}
        }
    }
    for k in clashed {
        cells.remove(&k);
    }
    cells
}

/// What one merge did.
#[derive(Debug, Default)]
pub struct Merged {
    /// The new text of the results file, when it changes.
    pub text: Option<String>,
    /// How many values were added and how many replaced.
    pub added: usize,
    pub replaced: usize,
}

struct Ctx<'r, 'a> {
    round: &'r Round<'a>,
    cells: &'r Cells,
    overwrite: bool,
    edits: Vec<Edit>,
    added: usize,
    replaced: usize,
}

impl Ctx<'_, '_> {
    fn get(&self, sheet: Sheet, row: usize, f: Field) -> Option<&(Value, CellRef)> {
        self.cells
            .get(&(sheet_no(sheet), row, f.key(&self.round.sources)))
    }

    /// A recorded scalar compared with the answer: kept when equal, else a finding or (with
    /// `--overwrite`) replaced.
    #[allow(clippy::too_many_arguments)]
    fn scalar(
        &mut self,
        text: &str,
        at: usize,
        recorded: &Value,
        answer: &(Value, CellRef),
        money: bool,
        sink: &mut Sink,
        ent: crate::diag::Entity,
    ) {
        if same(recorded, &answer.0) {
            return;
        }
        if self.overwrite {
            let end = scalar_end(text, at);
            let insert = match yaml(&answer.0, money) {
                Y::S(s) => s,
                other => other.flow(),
            };
            self.edits.push(Edit {
                at,
                delete: end - at,
                insert,
            });
            self.replaced += 1;
            return;
        }
        sink.push(differs(&answer.1, recorded, &answer.0).entity(ent));
    }

    fn whole(
        &mut self,
        recorded: &Value,
        answer: &(Value, CellRef),
        m: &Map,
        k: &Key,
        sink: &mut Sink,
        ent: crate::diag::Entity,
    ) {
        if same(recorded, &answer.0) {
            return;
        }
        if self.overwrite {
            self.edits.push(replace_key(m, k, &yaml(&answer.0, false)));
            self.replaced += 1;
            return;
        }
        sink.push(differs(&answer.1, recorded, &answer.0).entity(ent));
    }
}

fn differs(cell: &CellRef, recorded: &Value, answer: &Value) -> Diagnostic {
    let (was, now) = (shown(recorded), shown(answer));
    finding(
        Code::SheetDiffers,
        cell,
        tr!(
            en("„{now}” here, but the results file records „{was}”"),
            lv("šeit „{now}”, bet rezultātu failā ierakstīts „{was}”"),
        ),
    )
    .help(tr!(
        en("if the workbook is right, import again with --overwrite; otherwise correct the workbook"),
        lv("ja darbgrāmatā ir pareizi, nolasiet vēlreiz ar --overwrite; ja nav, izlabojiet darbgrāmatu"),
    ))
}

/// The answers of an indicator's rows as the results entry's fields.
fn indicator_fields(c: &Ctx<'_, '_>, rows: &[usize]) -> IndicatorAnswers {
    let mut plain = None;
    let mut values = Vec::new();
    let mut other: Vec<(&'static str, (Value, CellRef))> = Vec::new();
    for &r in rows {
        let row = &c.round.indicators[r];
        if let Some(v) = c.get(Sheet::Indicators, r, Field::Value) {
            match row.breakdown {
                None => plain = Some(v.clone()),
                Some(b) => values.push((b.key.value.clone(), v.clone())),
            }
        }
        for (name, f) in [
            ("date", Field::Date),
            ("source", Field::Source),
            ("note", Field::Note),
        ] {
            if !other.iter().any(|(n, _)| *n == name)
                && let Some(v) = c.get(Sheet::Indicators, r, f)
            {
                other.push((name, v.clone()));
            }
        }
    }
    (plain, values, other)
}

/// Merges the answers into the results of `round.year`: `recorded` is the file as it is (or
/// `None` when there is none yet). Findings go to `sink`; the new text is returned when
/// anything changes.
pub fn merge(
    round: &Round<'_>,
    answers: &[Answer],
    recorded: Option<Recorded<'_>>,
    overwrite: bool,
    sink: &mut Sink,
) -> Merged {
    let cells = collect(round, answers, sink);
    let mut c = Ctx {
        round,
        cells: &cells,
        overwrite,
        edits: Vec::new(),
        added: 0,
        replaced: 0,
    };
    let answered =
        |sheet: Sheet, r: usize| cells.keys().any(|(s, row, _)| *s == sheet_no(sheet) && *row == r);
    let text = recorded.as_ref().map_or("", |r| r.text);
    let data = recorded.as_ref().map(|r| r.data);
    let mut new_indicators: Vec<Y> = Vec::new();
    let mut new_activities: Vec<Y> = Vec::new();

    // Indicators, one entry per indicator whatever its breakdowns.
    let mut seen: Vec<&str> = Vec::new();
    for (r, row) in round.indicators.iter().enumerate() {
        let id = row.indicator.id.value.as_str();
        let rec = data.and_then(|d| d.indicators.iter().find(|i| i.indicator.value == id));
        if !answered(Sheet::Indicators, r) && rec.is_none() {
            sink.push(unanswered(round, Sheet::Indicators, r));
        }
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let rows: Vec<usize> = (0..round.indicators.len())
            .filter(|i| round.indicators[*i].indicator.id.value == id)
            .collect();
        let (plain, values, other) = indicator_fields(&c, &rows);
        let ent = entity(round, Sheet::Indicators, r);
        match rec {
            None => {
                if plain.is_none() && values.is_empty() && other.is_empty() {
                    continue;
                }
                let mut kv = vec![("indicator".to_string(), Y::S(scalar(id)))];
                if let Some(v) = &plain {
                    kv.push(("value".into(), yaml(&v.0, false)));
                }
                if !values.is_empty() {
                    kv.push((
                        "values".into(),
                        Y::L(
                            values
                                .iter()
                                .map(|(k, v)| {
                                    Y::M(vec![
                                        ("key".into(), Y::S(scalar(k))),
                                        ("value".into(), yaml(&v.0, false)),
                                    ])
                                })
                                .collect(),
                        ),
                    ));
                }
                for (n, v) in &other {
                    kv.push(((*n).to_string(), yaml(&v.0, false)));
                }
                c.added += 1;
                new_indicators.push(Y::M(kv));
            }
            Some(ir) => indicator_entry(&mut c, text, ir, plain, values, other, ent, sink),
        }
    }

    // Activities, with their tasks.
    for (r, row) in round.activities.iter().enumerate() {
        let a = row.activity;
        let rec = data.and_then(|d| d.activities.iter().find(|x| x.activity.value == a.id.value));
        let ent = entity(round, Sheet::Activities, r);
        let task_rows: Vec<usize> = (0..round.tasks.len())
            .filter(|t| round.tasks[*t].activity.id.value == a.id.value)
            .collect();
        if !answered(Sheet::Activities, r) && rec.is_none() {
            let mut d = unanswered(round, Sheet::Activities, r);
            if task_rows.iter().any(|t| answered(Sheet::Tasks, *t)) {
                d.severity = Severity::Error;
                d.message = tr!(
                    en("nobody gave the activity's status, so its tasks' answers cannot be recorded either"),
                    lv(
                        "neviens nav norādījis aktivitātes statusu, tāpēc nevar ierakstīt arī tās uzdevumu atbildes"
                    ),
                );
            }
            sink.push(d);
        }
        for &t in &task_rows {
            let trec = rec.and_then(|x| {
                x.tasks
                    .iter()
                    .find(|tr| tr.task.value == round.tasks[t].task.id.value)
            });
            if !answered(Sheet::Tasks, t) && trec.is_none() {
                sink.push(unanswered(round, Sheet::Tasks, t));
            }
        }
        match rec {
            None => {
                let Some(status) = c.get(Sheet::Activities, r, Field::Status).cloned() else {
                    if answered(Sheet::Activities, r) {
                        let cell = cells
                            .iter()
                            .find(|((s, row, _), _)| *s == 1 && *row == r)
                            .map(|(_, (_, cell))| cell.clone());
                        if let Some(cell) = cell {
                            let mut d = finding(
                                Code::SheetUnanswered,
                                &cell,
                                tr!(
                                    en("the activity has answers but no status; a results entry needs one, so none of them is recorded"),
                                    lv("aktivitātei ir atbildes, bet nav statusa; rezultātu ierakstam tas vajadzīgs, tāpēc neviena atbilde netiek ierakstīta"),
                                ),
                            )
                            .entity(ent);
                            d.severity = Severity::Error;
                            sink.push(d);
                        }
                    }
                    continue;
                };
                let mut kv = vec![
                    ("activity".to_string(), Y::S(scalar(&a.id))),
                    ("status".into(), yaml(&status.0, false)),
                ];
                if let Some(v) = c.get(Sheet::Activities, r, Field::Achieved) {
                    kv.push(("achieved".into(), yaml(&v.0, false)));
                }
                let funding: Vec<Y> = funding_answers(&c, r)
                    .into_iter()
                    .map(|(s, v)| {
                        Y::M(vec![
                            ("source".into(), Y::S(scalar(&s))),
                            ("eur".into(), yaml(&v.0, true)),
                        ])
                    })
                    .collect();
                if !funding.is_empty() {
                    kv.push(("funding".into(), Y::L(funding)));
                }
                for (n, f) in [("impact", Field::Impact), ("factors", Field::Factors)] {
                    if let Some(v) = c.get(Sheet::Activities, r, f) {
                        kv.push((n.into(), yaml(&v.0, false)));
                    }
                }
                let tasks: Vec<Y> = task_rows.iter().filter_map(|t| new_task(&c, *t)).collect();
                if !tasks.is_empty() {
                    kv.push(("tasks".into(), Y::L(tasks)));
                }
                if let Some(v) = c.get(Sheet::Activities, r, Field::Note) {
                    kv.push(("note".into(), yaml(&v.0, false)));
                }
                c.added += 1;
                new_activities.push(Y::M(kv));
            }
            Some(ar) => activity_entry(&mut c, text, ar, r, &task_rows, ent, sink),
        }
    }

    if new_indicators.is_empty() && new_activities.is_empty() && c.edits.is_empty() {
        return Merged::default();
    }
    let (added, replaced) = (c.added, c.replaced);
    let text = match recorded {
        None => {
            let mut out = format!(
                "{}\nprogramme: {}\nyear: {}\n",
                crate::load::schema_header(Part::Results),
                scalar(&round.programme.id()),
                round.year
            );
            if !new_indicators.is_empty() {
                out.push_str(&format!("indicators:{}", Y::L(new_indicators).block_value(0)));
            }
            if !new_activities.is_empty() {
                out.push_str(&format!("activities:{}", Y::L(new_activities).block_value(0)));
            }
            out
        }
        Some(r) => {
            let mut edits = c.edits;
            let root = Map::block_from(r.text, first_key_line(r.text), 0);
            for (name, items) in [("indicators", new_indicators), ("activities", new_activities)] {
                if items.is_empty() {
                    continue;
                }
                match root.get(name) {
                    Some(k) if r.text[k.value..].starts_with("[]") => {
                        edits.push(replace_key(&root, k, &Y::L(items)))
                    }
                    Some(k) => {
                        for it in &items {
                            edits.push(append_item(r.text, &root, k, it));
                        }
                    }
                    None => edits.push(insert_key(r.text, &root, name, &Y::L(items), ROOT_KEYS)),
                }
            }
            apply(r.text, edits)
        }
    };
    Merged {
        text: Some(text),
        added,
        replaced,
    }
}

/// The line the root mapping's first key is on (after the header comments).
fn first_key_line(t: &str) -> usize {
    let mut pos = 0;
    for line in t.split_inclusive('\n') {
        let s = line.trim();
        if !s.is_empty() && !s.starts_with('#') && s != "---" {
            return pos;
        }
        pos += line.len();
    }
    t.len()
}

fn funding_answers(c: &Ctx<'_, '_>, r: usize) -> Vec<(String, (Value, CellRef))> {
    let a = c.round.activities[r].activity;
    let mut out = Vec::new();
    for f in &a.funding {
        if let Some(i) = c.round.sources.iter().position(|s| *s == f.value)
            && let Some(v) = c.get(Sheet::Activities, r, Field::Invested(i))
        {
            out.push((f.value.clone(), v.clone()));
        }
    }
    out
}

fn new_task(c: &Ctx<'_, '_>, t: usize) -> Option<Y> {
    let status = c.get(Sheet::Tasks, t, Field::Status)?;
    let mut kv = vec![
        ("task".to_string(), Y::S(scalar(&c.round.tasks[t].task.id))),
        ("status".into(), yaml(&status.0, false)),
    ];
    for (n, f) in [("date", Field::Date), ("note", Field::Note)] {
        if let Some(v) = c.get(Sheet::Tasks, t, f) {
            kv.push((n.into(), yaml(&v.0, false)));
        }
    }
    Some(Y::M(kv))
}

fn unanswered(round: &Round<'_>, sheet: Sheet, r: usize) -> Diagnostic {
    let (id_loc, what) = match sheet {
        Sheet::Indicators => (round.indicators[r].indicator.id.loc, "indicator"),
        Sheet::Activities => (round.activities[r].activity.id.loc, "activity"),
        Sheet::Tasks => (round.tasks[r].task.id.loc, "task"),
    };
    let _ = what;
    let bodies: Vec<String> = round
        .row_bodies(sheet, r)
        .iter()
        .map(|b| round.body_name(b))
        .collect();
    let bodies = if bodies.is_empty() {
        "—".to_string()
    } else {
        bodies.join(", ")
    };
    let (key, sub) = round.row_key(sheet, r);
    let row = if sub.is_empty() {
        key
    } else {
        format!("{key} / {sub}")
    };
    let year = round.year;
    Diagnostic::new(
        Code::SheetUnanswered,
        id_loc,
        tr!(
            en("nobody answered the row `{row}` for {year} (it is asked of: {bodies})"),
            lv("rindu `{row}` par {year}. gadu neviens nav aizpildījis (to jāaizpilda: {bodies})"),
        ),
    )
    .entity(entity(round, sheet, r))
    .help(tr!(
        en("ask the body for its workbook, or record the row in the results file by hand"),
        lv("palūdziet institūcijai tās darbgrāmatu vai ierakstiet rindu rezultātu failā pašrocīgi"),
    ))
}

#[allow(clippy::too_many_arguments)]
fn indicator_entry(
    c: &mut Ctx<'_, '_>,
    text: &str,
    ir: &IndicatorResult,
    plain: Option<(Value, CellRef)>,
    values: Vec<(String, (Value, CellRef))>,
    other: Vec<(&'static str, (Value, CellRef))>,
    ent: crate::diag::Entity,
    sink: &mut Sink,
) {
    let m = Map::around(text, key_start(text, ir.indicator.loc.offset as usize));
    let mut inserts: Vec<(&str, Y)> = Vec::new();
    if let Some(v) = plain {
        match &ir.value {
            Some(n) => c.scalar(
                text,
                n.loc.offset as usize,
                &Value::Number(n.f()),
                &v,
                false,
                sink,
                ent.clone(),
            ),
            None => inserts.push(("value", yaml(&v.0, false))),
        }
    }
    let mut new_values = Vec::new();
    for (key, v) in values {
        match ir.values.iter().find(|x| x.key.value == key) {
            Some(x) => c.scalar(
                text,
                x.value.loc.offset as usize,
                &Value::Number(x.value.f()),
                &v,
                false,
                sink,
                ent.clone(),
            ),
            None => new_values.push(Y::M(vec![
                ("key".into(), Y::S(scalar(&key))),
                ("value".into(), yaml(&v.0, false)),
            ])),
        }
    }
    if !new_values.is_empty() {
        match m.get("values") {
            Some(k) => {
                for it in &new_values {
                    c.edits.push(append_item(text, &m, k, it));
                }
            }
            None => inserts.push(("values", Y::L(new_values))),
        }
    }
    for (name, v) in other {
        let rec: Option<(usize, Value)> = match name {
            "date" => ir
                .date
                .as_ref()
                .map(|d| (d.loc.offset as usize, Value::Date(d.value))),
            "source" => ir
                .source
                .as_ref()
                .map(|s| (s.loc.offset as usize, Value::Text(s.value.trim().to_string()))),
            _ => ir
                .note
                .as_ref()
                .map(|s| (s.loc.offset as usize, Value::Text(s.value.trim().to_string()))),
        };
        match rec {
            Some((at, was)) => c.scalar(text, at, &was, &v, false, sink, ent.clone()),
            None => inserts.push((name, yaml(&v.0, false))),
        }
    }
    for (name, y) in inserts {
        c.edits.push(insert_key(text, &m, name, &y, INDICATOR_KEYS));
        c.added += 1;
    }
}

fn activity_entry(
    c: &mut Ctx<'_, '_>,
    text: &str,
    ar: &ActivityResult,
    r: usize,
    task_rows: &[usize],
    ent: crate::diag::Entity,
    sink: &mut Sink,
) {
    let m = Map::around(text, key_start(text, ar.activity.loc.offset as usize));
    let mut inserts: Vec<(&str, Y)> = Vec::new();
    if let Some(v) = c.get(Sheet::Activities, r, Field::Status).cloned() {
        c.scalar(
            text,
            ar.status.loc.offset as usize,
            &Value::Status(ar.status.value),
            &v,
            false,
            sink,
            ent.clone(),
        );
    }
    if let Some(v) = c.get(Sheet::Activities, r, Field::Achieved).cloned() {
        let was = Value::Lines(ar.achieved.iter().map(|s| s.value.trim().to_string()).collect());
        match m.get("achieved") {
            Some(k) if !ar.achieved.is_empty() => {
                let k = k.clone();
                c.whole(&was, &v, &m, &k, sink, ent.clone());
            }
            Some(k) => {
                c.edits.push(replace_key(&m, k, &yaml(&v.0, false)));
                c.added += 1;
            }
            None => inserts.push(("achieved", yaml(&v.0, false))),
        }
    }
    let mut new_funding = Vec::new();
    for (source, v) in funding_answers(c, r) {
        match ar.funding.iter().find(|f| f.source.value == source) {
            Some(f) => c.scalar(
                text,
                f.eur.loc.offset as usize,
                &Value::Number(f.eur.f()),
                &v,
                true,
                sink,
                ent.clone(),
            ),
            None => new_funding.push(Y::M(vec![
                ("source".into(), Y::S(scalar(&source))),
                ("eur".into(), yaml(&v.0, true)),
            ])),
        }
    }
    if !new_funding.is_empty() {
        match m.get("funding") {
            Some(k) => {
                for it in &new_funding {
                    c.edits.push(append_item(text, &m, k, it));
                }
                c.added += new_funding.len();
            }
            None => inserts.push(("funding", Y::L(new_funding))),
        }
    }
    for (name, f, rec) in [
        ("impact", Field::Impact, &ar.impact),
        ("factors", Field::Factors, &ar.factors),
        ("note", Field::Note, &ar.note),
    ] {
        if let Some(v) = c.get(Sheet::Activities, r, f).cloned() {
            match rec {
                Some(s) => c.scalar(
                    text,
                    s.loc.offset as usize,
                    &Value::Text(s.value.trim().to_string()),
                    &v,
                    false,
                    sink,
                    ent.clone(),
                ),
                None => inserts.push((name, yaml(&v.0, false))),
            }
        }
    }
    let mut new_tasks = Vec::new();
    for &t in task_rows {
        let id = &c.round.tasks[t].task.id.value;
        match ar.tasks.iter().find(|x| &x.task.value == id) {
            Some(tr) => task_entry(c, text, tr, t, sink),
            None => new_tasks.extend(new_task(c, t)),
        }
    }
    if !new_tasks.is_empty() {
        c.added += new_tasks.len();
        match m.get("tasks") {
            Some(k) => {
                for it in &new_tasks {
                    c.edits.push(append_item(text, &m, k, it));
                }
            }
            None => inserts.push(("tasks", Y::L(new_tasks))),
        }
    }
    for (name, y) in inserts {
        c.edits.push(insert_key(text, &m, name, &y, ACTIVITY_KEYS));
        c.added += 1;
    }
}

fn task_entry(c: &mut Ctx<'_, '_>, text: &str, tr: &TaskResult, t: usize, sink: &mut Sink) {
    let ent = entity(c.round, Sheet::Tasks, t);
    let m = Map::around(text, key_start(text, tr.task.loc.offset as usize));
    if let Some(v) = c.get(Sheet::Tasks, t, Field::Status).cloned() {
        c.scalar(
            text,
            tr.status.loc.offset as usize,
            &Value::Status(tr.status.value),
            &v,
            false,
            sink,
            ent.clone(),
        );
    }
    let mut inserts = Vec::new();
    if let Some(v) = c.get(Sheet::Tasks, t, Field::Date).cloned() {
        match &tr.date {
            Some(d) => c.scalar(
                text,
                d.loc.offset as usize,
                &Value::Date(d.value),
                &v,
                false,
                sink,
                ent.clone(),
            ),
            None => inserts.push(("date", yaml(&v.0, false))),
        }
    }
    if let Some(v) = c.get(Sheet::Tasks, t, Field::Note).cloned() {
        match &tr.note {
            Some(s) => c.scalar(
                text,
                s.loc.offset as usize,
                &Value::Text(s.value.trim().to_string()),
                &v,
                false,
                sink,
                ent.clone(),
            ),
            None => inserts.push(("note", yaml(&v.0, false))),
        }
    }
    for (name, y) in inserts {
        c.edits.push(insert_key(text, &m, name, &y, TASK_KEYS));
        c.added += 1;
    }
}
