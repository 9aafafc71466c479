//! A loaded programme as a flat list of entities with scalar fields: the canonical form that
//! `pmp show` prints and `pmp diff` compares.
//!
//! Each part is serialized once with serde (the model's own field names and order), its
//! entities cut out of that tree, and each walked into fields: nested mappings give dotted paths, lists of
//! mappings are keyed by their `id`, `key`, `year` or `occurrence` (`targets[2026].value`),
//! table rows by their label cell when the labels are unique and cells by their column's id
//! (`rows[Kopā].cells[skaits]`), and lists whose order carries no meaning (institutions, years, funding, linked ids) are sorted.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Entity, Field};
use crate::model::{Num, Part, Programme};

/// Lists that are sets: their order is not a change.
const SETS: &[&str] = &[
    "responsible",
    "involved",
    "years",
    "funding",
    "indicators",
    "goals",
    "executor",
    "supervisor",
    "short",
    "milestones",
    "months",
];

/// Keys that identify an item of a list of mappings.
const ITEM_KEYS: &[&str] = &["id", "key", "year", "occurrence"];

struct Builder {
    out: Vec<Entity>,
}

impl Builder {
    /// Adds an entity made of the fields of `map`. A part's own fields (empty `id`) sort
    /// first, then the entities in id order.
    fn add(
        &mut self,
        part: Part,
        kind: &'static str,
        id: &str,
        title: Option<String>,
        map: Map<String, Value>,
    ) -> &mut Entity {
        let mut fields = Vec::new();
        walk("", &Value::Object(map), &mut fields);
        self.out.push(Entity {
            part,
            kind,
            id: id.to_string(),
            title,
            fields,
            sort: (u8::from(!id.is_empty()), String::new(), 0),
        });
        self.out.last_mut().expect("just pushed")
    }
}

impl Entity {
    /// Adds a field naming the entity's parent (or place) first.
    fn with(&mut self, name: &str, value: &str) -> &mut Self {
        let f = Field {
            name: name.to_string(),
            value: Value::String(value.to_string()),
            percent: false,
            decimals: None,
        };
        self.fields.insert(0, f);
        self
    }

    /// Records the printed decimals of the figure `name`, so it is shown as printed.
    fn printed(&mut self, name: &str, n: Num) -> &mut Self {
        if let Some(f) = self
            .fields
            .iter_mut()
            .find(|f| f.name == name && f.value.is_number())
        {
            f.decimals = u8::try_from(n.decimals()).ok();
        }
        self
    }

    /// Sorts it in group `group` (a parent's id), at `minor` within the group.
    fn sorted(&mut self, major: u8, group: &str, minor: u8) -> &mut Self {
        self.sort = (major, group.to_string(), minor);
        self
    }
}

/// A part serialized once; entities are cut out of the tree rather than serialized again.
fn tree<T: Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// Removes the list `key` from `map` and returns its mappings.
fn take_list(map: &mut Map<String, Value>, key: &str) -> Vec<Map<String, Value>> {
    match map.shift_remove(key) {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Removes the text `key` from `map`.
fn take_text(map: &mut Map<String, Value>, key: &str) -> String {
    match map.shift_remove(key) {
        Some(v) => scalar_text(&v),
        None => String::new(),
    }
}

/// The text `key` of `map`, left in place.
fn text_of(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).filter(|v| !v.is_null()).map(scalar_text)
}

/// Every entity of `p`, in no particular order.
pub(super) fn programme(p: &Programme) -> Vec<Entity> {
    let mut b = Builder { out: Vec::new() };
    if let Some(m) = &p.manifest {
        let mut v = tree(m);
        let members = take_list(&mut v, "working_group");
        let amendments = take_list(&mut v, "amendments");
        let title = text_of(&v, "title");
        b.add(Part::Manifest, "programme", "", title, v);
        for mut w in members {
            let name = take_text(&mut w, "name");
            b.add(Part::Manifest, "member", &name, Some(name.clone()), w);
        }
        for a in amendments {
            let date = a
                .get("decision")
                .and_then(|d| d.get("date"))
                .map(scalar_text)
                .unwrap_or_default();
            let title = text_of(&a, "summary");
            b.add(Part::Manifest, "amendment", &date, title, a)
                .sorted(2, "", 0);
        }
    }
    if let Some(f) = &p.institutions {
        list_part(
            &mut b,
            Part::Institutions,
            f,
            ["institutions", "institutions", "institution", "name"],
        );
    }
    if let Some(f) = &p.situation {
        let mut v = tree(f);
        let sections = take_list(&mut v, "sections");
        b.add(Part::Situation, "situation", "", None, v);
        for s in sections {
            section(&mut b, s, None);
        }
    }
    if let Some(f) = &p.svid {
        let mut v = tree(f);
        let quadrants: Vec<(&str, Vec<Map<String, Value>>)> = f
            .quadrants()
            .iter()
            .map(|(q, _)| (*q, take_list(&mut v, q)))
            .collect();
        let title = text_of(&v, "caption");
        b.add(Part::Svid, "svid", "", title, v);
        for (quadrant, items) in quadrants {
            for mut item in items {
                let id = take_text(&mut item, "id");
                let title = text_of(&item, "text");
                b.add(Part::Svid, "svid-item", &id, title, item)
                    .with("quadrant", quadrant);
            }
        }
    }
    if let Some(f) = &p.goals {
        list_part(&mut b, Part::Goals, f, ["goals", "goals", "goal", "title"]);
    }
    if let Some(f) = &p.indicators {
        let items = list_part(
            &mut b,
            Part::Indicators,
            f,
            ["indicators", "indicators", "indicator", "title"],
        );
        // The list of the tree is the model's, item for item: the baseline's and the targets'
        // figures are shown with the decimals written (`5.0` stays `5,0`).
        for (e, m) in b.out[items.clone()].iter_mut().zip(&f.indicators) {
            if let Some(v) = &m.baseline.value {
                e.printed("baseline.value", v.value);
            }
            for v in &m.baseline.values {
                e.printed(&format!("baseline.values[{}].value", v.key.value), v.value.value);
            }
            for t in &m.targets {
                let year = t.year.value;
                if let Some(v) = &t.value {
                    e.printed(&format!("targets[{year}].value"), v.value);
                }
                for v in &t.values {
                    e.printed(
                        &format!("targets[{year}].values[{}].value", v.key.value),
                        v.value.value,
                    );
                }
            }
        }
        for e in &mut b.out[items] {
            let percent = e.fields.iter().any(|f| f.name == "unit" && f.value == "percent");
            for f in e.fields.iter_mut().filter(|_| percent) {
                let figure = f.name.starts_with("baseline.") || f.name.starts_with("targets[");
                f.percent = figure && f.name.ends_with("value") && f.value.is_number();
            }
        }
    }
    if let Some(f) = &p.plan {
        let mut v = tree(f);
        let activities = take_list(&mut v, "activities");
        b.add(Part::Plan, "plan", "", None, v);
        for mut a in activities {
            let id = take_text(&mut a, "id");
            let tasks = take_list(&mut a, "tasks");
            let title = text_of(&a, "title");
            b.add(Part::Plan, "activity", &id, title, a).sorted(1, &id, 0);
            for mut t in tasks {
                let task = take_text(&mut t, "id");
                let title = text_of(&t, "title");
                b.add(Part::Plan, "task", &task, title, t)
                    .with("activity", &id)
                    .sorted(1, &id, 1);
            }
        }
    }
    if let Some(f) = &p.monitoring {
        list_part(
            &mut b,
            Part::Monitoring,
            f,
            ["monitoring", "events", "event", "title"],
        );
    }
    for (year, r) in &p.results {
        results(&mut b, *year, &r.data);
    }
    b.out
}

/// A year's results: the file's own fields (entity `results`, id the year), each indicator's
/// figures (`indicator-result`, id `YEAR/indicator`) and each activity's execution
/// (`activity-result`, id `YEAR/activity`), its funding keyed by source and its tasks by id.
fn results(b: &mut Builder, year: i32, r: &crate::model::ResultsFile) {
    let mut v = tree(r);
    let indicators = take_list(&mut v, "indicators");
    let activities = take_list(&mut v, "activities");
    let y = year.to_string();
    b.add(Part::Results, "results", &y, None, v).sorted(2, &y, 0);
    // The lists of the tree are those of the model, item for item: their figures are shown
    // with the decimals the model keeps.
    for (mut i, m) in indicators.into_iter().zip(&r.indicators) {
        let ind = take_text(&mut i, "indicator");
        let id = format!("{y}/{ind}");
        let e = b
            .add(Part::Results, "indicator-result", &id, None, i)
            .sorted(2, &y, 1);
        if let Some(v) = &m.value {
            e.printed("value", v.value);
        }
        for v in &m.values {
            e.printed(&format!("values[{}].value", v.key.value), v.value.value);
        }
    }
    for (mut a, m) in activities.into_iter().zip(&r.activities) {
        let act = take_text(&mut a, "activity");
        let keyed = |list: Vec<Map<String, Value>>, key: &str| -> Map<String, Value> {
            list.into_iter()
                .map(|mut m| {
                    let k = take_text(&mut m, key);
                    let v = if m.len() == 1 && key == "source" {
                        m.shift_remove("eur").unwrap_or(Value::Null)
                    } else {
                        Value::Object(m)
                    };
                    (k, v)
                })
                .collect()
        };
        let funding = keyed(take_list(&mut a, "funding"), "source");
        let tasks = keyed(take_list(&mut a, "tasks"), "task");
        if !funding.is_empty() {
            a.insert("funding".into(), Value::Object(funding));
        }
        if !tasks.is_empty() {
            a.insert("tasks".into(), Value::Object(tasks));
        }
        let id = format!("{y}/{act}");
        let e = b
            .add(Part::Results, "activity-result", &id, None, a)
            .sorted(2, &y, 2);
        for f in &m.funding {
            e.printed(&format!("funding.{}", f.source.value), f.eur.value)
                .printed(&format!("funding.{}.eur", f.source.value), f.eur.value);
        }
    }
}

/// A part whose entities are one list of mappings keyed by `id`: the part's own fields become
/// the entity `root`, each item of the list `list` an entity `item` titled by its field
/// `title`. Returns where the items' entities are in `b.out`.
fn list_part<T: Serialize>(
    b: &mut Builder,
    part: Part,
    value: &T,
    [root, list, item, title]: [&'static str; 4],
) -> std::ops::Range<usize> {
    let mut v = tree(value);
    let items = take_list(&mut v, list);
    b.add(part, root, "", None, v);
    let start = b.out.len();
    for mut i in items {
        let id = take_text(&mut i, "id");
        let t = text_of(&i, title);
        b.add(part, item, &id, t, i);
    }
    start..b.out.len()
}

fn section(b: &mut Builder, mut s: Map<String, Value>, parent: Option<&str>) {
    let id = take_text(&mut s, "id");
    let tables = take_list(&mut s, "tables");
    let children = take_list(&mut s, "sections");
    let title = text_of(&s, "title");
    let e = b.add(Part::Situation, "section", &id, title, s).sorted(1, &id, 0);
    if let Some(parent) = parent {
        e.with("parent", parent);
    }
    for t in tables {
        table(b, t, &id);
    }
    for child in children {
        section(b, child, Some(&id));
    }
}

/// A table, its rows keyed by their label cell when every row has a distinct one, each cell
/// by its column's id.
fn table(b: &mut Builder, mut t: Map<String, Value>, section: &str) {
    let id = take_text(&mut t, "id");
    let rows = take_list(&mut t, "rows");
    let columns: Vec<(String, bool)> = match t.get("columns") {
        Some(Value::Array(cols)) => cols
            .iter()
            .map(|c| {
                let id = c.get("id").map(scalar_text).unwrap_or_default();
                (id, c.get("role").and_then(Value::as_str) == Some("label"))
            })
            .collect(),
        _ => Vec::new(),
    };
    let title = text_of(&t, "caption");
    let e = b
        .add(Part::Situation, "table", &id, title, t)
        .with("section", section)
        .sorted(1, section, 1);
    let label = columns.iter().position(|(_, is_label)| *is_label);
    let labels: Option<Vec<String>> = label.and_then(|i| {
        rows.iter()
            .map(|r| match r.get("cells").and_then(|c| c.get(i)) {
                Some(Value::String(s)) if !s.trim().is_empty() && !s.contains(['[', ']']) => {
                    Some(s.trim().to_string())
                }
                _ => None,
            })
            .collect()
    });
    let unique = labels.as_ref().is_some_and(|l| {
        let mut s: Vec<&String> = l.iter().collect();
        s.sort();
        s.dedup();
        s.len() == l.len()
    });
    for (i, mut row) in rows.into_iter().enumerate() {
        let key = match (&labels, unique) {
            (Some(l), true) => l[i].clone(),
            _ => (i + 1).to_string(),
        };
        // Cells keyed by their column's id; the label cell is the row's key already.
        if let Some(Value::Array(cells)) = row.shift_remove("cells") {
            for (j, cell) in cells.iter().enumerate() {
                if unique && Some(j) == label {
                    continue;
                }
                let col = columns
                    .get(j)
                    .map_or_else(|| (j + 1).to_string(), |c| c.0.clone());
                walk(&format!("rows[{key}].cells[{col}]"), cell, &mut e.fields);
            }
        }
        walk(&format!("rows[{key}]"), &Value::Object(row), &mut e.fields);
    }
}

/// Walks a serialized value into fields named by path.
fn walk(path: &str, v: &Value, out: &mut Vec<Field>) {
    match v {
        Value::Null => {}
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(&p, x, out);
            }
        }
        Value::Array(a) if a.is_empty() => {}
        Value::Array(a) if a.iter().all(Value::is_object) => {
            let mut used: Vec<String> = Vec::new();
            for (i, item) in a.iter().enumerate() {
                let Value::Object(m) = item else { continue };
                let found = ITEM_KEYS.iter().find_map(|k| {
                    m.get(*k)
                        .filter(|v| v.is_string() || v.is_number())
                        .map(|v| (*k, v))
                });
                let (mut key, rest) = match found {
                    Some((k, v)) => {
                        let mut rest = m.clone();
                        rest.shift_remove(k);
                        (scalar_text(v), Value::Object(rest))
                    }
                    None => ((i + 1).to_string(), item.clone()),
                };
                let n = used.iter().filter(|u| **u == key).count();
                used.push(key.clone());
                if n > 0 {
                    key = format!("{key}#{}", n + 1);
                }
                walk(&format!("{path}[{key}]"), &rest, out);
            }
        }
        Value::Array(a) => {
            let mut items = a.clone();
            if is_set(path) {
                items.sort_by(|x, y| match (x.as_f64(), y.as_f64()) {
                    (Some(m), Some(n)) => m.total_cmp(&n),
                    _ => crate::lv::collate(&scalar_text(x), &scalar_text(y)),
                });
            }
            out.push(Field {
                name: path.to_string(),
                value: Value::Array(items),
                percent: false,
                decimals: None,
            });
        }
        _ => out.push(Field {
            name: path.to_string(),
            value: v.clone(),
            percent: false,
            decimals: None,
        }),
    }
}

/// Whether the field at `path` is a list whose order means nothing.
pub(super) fn is_set(path: &str) -> bool {
    SETS.contains(&path.rsplit('.').next().unwrap_or(path))
}

/// A scalar as plain text: strings without quotes.
pub(super) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
