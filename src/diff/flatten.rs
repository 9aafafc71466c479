//! A loaded programme as a flat list of entities with scalar fields: the canonical form that
//! `pmp show` prints and `pmp diff` compares.
//!
//! Each entity is serialized with serde (the model's own field names and order), its child
//! entities taken out, and walked into fields: nested mappings give dotted paths, lists of
//! mappings are keyed by their `id`, `key`, `year` or `occurrence` (`targets[2026].value`),
//! table rows by their label cell when the labels are unique and cells by their column's id
//! (`rows[Kopā].cells[skaits]`), and lists
//! whose order carries no meaning (institutions, years, funding, linked ids) are sorted.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Entity, Field};
use crate::model::{ColumnRole, Part, Programme, Section, Table, Unit};

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
    /// Adds an entity made of `value`'s fields, without the top-level keys in `skip`. A part's
    /// own fields (empty `id`) sort first, then the entities in id order.
    fn add<T: Serialize>(
        &mut self,
        part: Part,
        kind: &'static str,
        id: &str,
        title: Option<&str>,
        value: &T,
        skip: &[&str],
    ) -> &mut Entity {
        let mut map = match serde_json::to_value(value) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        for k in skip {
            map.shift_remove(*k);
        }
        let mut fields = Vec::new();
        walk("", &Value::Object(map), &mut fields);
        self.out.push(Entity {
            part,
            kind,
            id: id.to_string(),
            title: title.map(str::to_string),
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
        };
        self.fields.insert(0, f);
        self
    }

    /// Sorts it in group `group` (a parent's id), at `minor` within the group.
    fn sorted(&mut self, major: u8, group: &str, minor: u8) -> &mut Self {
        self.sort = (major, group.to_string(), minor);
        self
    }
}

/// Every entity of `p`, in no particular order.
pub(super) fn programme(p: &Programme) -> Vec<Entity> {
    let mut b = Builder { out: Vec::new() };
    if let Some(m) = &p.manifest {
        let skip = ["working_group", "amendments"];
        b.add(Part::Manifest, "programme", "", Some(&m.title), m, &skip);
        for w in &m.working_group {
            b.add(Part::Manifest, "member", &w.name, Some(&w.name), w, &["name"]);
        }
        for a in &m.amendments {
            let id = a.decision.date.to_string();
            b.add(Part::Manifest, "amendment", &id, Some(&a.summary), a, &[])
                .sorted(2, "", 0);
        }
    }
    if let Some(f) = &p.institutions {
        b.add(Part::Institutions, "institutions", "", None, f, &["institutions"]);
        for i in &f.institutions {
            b.add(
                Part::Institutions,
                "institution",
                &i.id,
                Some(&i.name),
                i,
                &["id"],
            );
        }
    }
    if let Some(f) = &p.situation {
        b.add(Part::Situation, "situation", "", None, f, &["sections"]);
        for s in &f.sections {
            section(&mut b, s, None);
        }
    }
    if let Some(f) = &p.svid {
        let skip = ["strengths", "weaknesses", "opportunities", "threats"];
        b.add(
            Part::Svid,
            "svid",
            "",
            f.caption.as_deref().map(|c| c.as_str()),
            f,
            &skip,
        );
        for (quadrant, items) in f.quadrants() {
            for item in items {
                b.add(Part::Svid, "svid-item", &item.id, Some(&item.text), item, &["id"])
                    .with("quadrant", quadrant);
            }
        }
    }
    if let Some(f) = &p.goals {
        b.add(Part::Goals, "goals", "", None, f, &["goals"]);
        for g in &f.goals {
            b.add(Part::Goals, "goal", &g.id, Some(&g.title), g, &["id"]);
        }
    }
    if let Some(f) = &p.indicators {
        b.add(Part::Indicators, "indicators", "", None, f, &["indicators"]);
        for i in &f.indicators {
            let e = b.add(Part::Indicators, "indicator", &i.id, Some(&i.title), i, &["id"]);
            if i.unit.as_deref() == Some(&Unit::Percent) {
                for f in &mut e.fields {
                    let figure = f.name.starts_with("baseline.") || f.name.starts_with("targets[");
                    f.percent = figure && f.name.ends_with("value") && f.value.is_number();
                }
            }
        }
    }
    if let Some(f) = &p.plan {
        b.add(Part::Plan, "plan", "", None, f, &["activities"]);
        for a in &f.activities {
            b.add(Part::Plan, "activity", &a.id, Some(&a.title), a, &["id", "tasks"])
                .sorted(1, &a.id, 0);
            for t in &a.tasks {
                b.add(Part::Plan, "task", &t.id, Some(&t.title), t, &["id"])
                    .with("activity", &a.id)
                    .sorted(1, &a.id, 1);
            }
        }
    }
    if let Some(f) = &p.monitoring {
        b.add(Part::Monitoring, "monitoring", "", None, f, &["events"]);
        for e in &f.events {
            b.add(Part::Monitoring, "event", &e.id, Some(&e.title), e, &["id"]);
        }
    }
    b.out
}

fn section(b: &mut Builder, s: &Section, parent: Option<&str>) {
    let skip = ["id", "tables", "sections"];
    let e = b
        .add(Part::Situation, "section", &s.id, Some(&s.title), s, &skip)
        .sorted(1, &s.id, 0);
    if let Some(parent) = parent {
        e.with("parent", parent);
    }
    for t in &s.tables {
        table(b, t, &s.id);
    }
    for child in &s.sections {
        section(b, child, Some(&s.id));
    }
}

/// A table, its rows keyed by their label cell when every row has a distinct one, each cell
/// by its column's id.
fn table(b: &mut Builder, t: &Table, section: &str) {
    let e = b
        .add(
            Part::Situation,
            "table",
            &t.id,
            Some(&t.caption),
            t,
            &["id", "rows"],
        )
        .with("section", section)
        .sorted(1, section, 1);
    let label = t.columns.iter().position(|c| c.role == ColumnRole::Label);
    let labels: Option<Vec<String>> = label.and_then(|i| {
        t.rows
            .iter()
            .map(|r| {
                r.cells
                    .get(i)
                    .and_then(|c| match &c.value {
                        crate::model::Cell::Text(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                        _ => None,
                    })
                    .filter(|s| !s.contains([']', '[']))
            })
            .collect()
    });
    let unique = labels.as_ref().is_some_and(|l| {
        let mut s: Vec<&String> = l.iter().collect();
        s.sort();
        s.dedup();
        s.len() == l.len()
    });
    for (i, row) in t.rows.iter().enumerate() {
        let key = match (&labels, unique) {
            (Some(l), true) => l[i].clone(),
            _ => (i + 1).to_string(),
        };
        let mut v = match serde_json::to_value(row) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        // Cells keyed by their column's id; the label cell is the row's key already.
        for (j, cell) in row.cells.iter().enumerate() {
            if unique && Some(j) == label {
                continue;
            }
            let col = t
                .columns
                .get(j)
                .map_or_else(|| (j + 1).to_string(), |c| c.id.value.clone());
            let cell = serde_json::to_value(&cell.value).unwrap_or(Value::Null);
            walk(&format!("rows[{key}].cells[{col}]"), &cell, &mut e.fields);
        }
        v.shift_remove("cells");
        walk(&format!("rows[{key}]"), &Value::Object(v), &mut e.fields);
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
            });
        }
        _ => out.push(Field {
            name: path.to_string(),
            value: v.clone(),
            percent: false,
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
