//! Printed variants: one goal, indicator or activity printed differently in two tables of the
//! source (`printed` entries, see [`crate::model::Printed`]). A different title or level mark
//! is one finding per entity; a table that numbers entities differently is one finding per
//! table, listing them; an entity a table leaves out is `missing-from-table`.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::model::{Level, Printed, Programme, Sp, entry_in};

/// One entity as the variant rules see it.
struct Item<'a> {
    kind: &'static str,
    key: &'static str,
    index: usize,
    id: &'a Sp<String>,
    number: Option<&'a Sp<String>>,
    title: &'a Sp<String>,
    level: Option<&'a Sp<Level>>,
    printed: &'a [Printed],
}

impl Item<'_> {
    fn entity(&self) -> Entity {
        Entity::new(self.kind, self.id, Some(self.title))
    }

    fn path(&self, k: usize, field: &str) -> String {
        format!("{}[{}].printed[{k}].{field}", self.key, self.index)
    }
}

/// Where an entity's own fields are printed: `table „2.1.”`, or the part's file.
fn home_name(home: Option<&Sp<String>>, file: &str) -> String {
    match home {
        Some(h) => format!("table „{}”", h.value),
        None => file.to_string(),
    }
}

fn plural(kind: &str) -> String {
    match kind {
        "activity" => "activities".to_string(),
        other => format!("{other}s"),
    }
}

/// Titles compared as a reader compares them: a doubled space is no other title.
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

pub fn check(p: &Programme, sink: &mut Sink) {
    if let Some(f) = &p.goals {
        let items = f.goals.iter().enumerate().map(|(i, g)| Item {
            kind: "goal",
            key: "goals",
            index: i,
            id: &g.id,
            number: g.number.as_ref(),
            title: &g.title,
            level: Some(&g.level),
            printed: &g.printed,
        });
        // A goal no activity serves is missing from the plan's tables: `goal-without-activity`
        // says so.
        let plan_tables: Vec<&str> = p
            .plan
            .iter()
            .flat_map(|pl| [&pl.printed_in, &pl.numbered_in])
            .flatten()
            .map(|t| t.value.as_str())
            .collect();
        let served = |id: &str| {
            p.plan
                .iter()
                .flat_map(|pl| &pl.activities)
                .any(|a| a.goal.value == id)
        };
        let skip = |item: &Item, table: &str| plan_tables.contains(&table) && !served(&item.id.value);
        part(items.collect(), f.printed_in.as_ref(), "goals.yaml", &skip, sink);
    }
    if let Some(f) = &p.indicators {
        let items = f.indicators.iter().enumerate().map(|(i, x)| Item {
            kind: "indicator",
            key: "indicators",
            index: i,
            id: &x.id,
            number: x.number.as_ref(),
            title: &x.title,
            level: x.level.as_ref(),
            printed: &x.printed,
        });
        part(
            items.collect(),
            f.printed_in.as_ref(),
            "indicators.yaml",
            &|_, _| false,
            sink,
        );
    }
    if let Some(f) = &p.plan {
        let items = f.activities.iter().enumerate().map(|(i, a)| Item {
            kind: "activity",
            key: "activities",
            index: i,
            id: &a.id,
            number: a.number.as_ref(),
            title: &a.title,
            level: None,
            printed: &a.printed,
        });
        part(
            items.collect(),
            f.printed_in.as_ref(),
            "plan.yaml",
            &|_, _| false,
            sink,
        );
    }
}

/// `skip(item, table)`: another finding already says the item is not in that table.
fn part(
    items: Vec<Item>,
    home: Option<&Sp<String>>,
    file: &str,
    skip: &dyn Fn(&Item, &str) -> bool,
    sink: &mut Sink,
) {
    let home_name = home_name(home, file);
    for item in &items {
        printed_variant(item, &home_name, sink);
        missing_from_table(item, home, &home_name, skip, sink);
    }
    renumbered(&items, &home_name, sink);
}

/// `printed-variant` for titles and level marks: each difference, naming both tables.
fn printed_variant(item: &Item, home_name: &str, sink: &mut Sink) {
    for (k, p) in item.printed.iter().enumerate() {
        if let Some(t) = &p.title
            && !same_text(&t.value, &item.title.value)
        {
            sink.push(
                Diagnostic::new(
                    Code::PrintedVariant,
                    t.loc,
                    format!(
                        "{} `{}` is titled „{}” in table „{}”, but „{}” in {home_name}",
                        item.kind, item.id.value, t.value, p.table.value, item.title.value
                    ),
                )
                .path(item.path(k, "title"))
                .entity(item.entity())
                .help("the source names one entity in two ways; an amendment should print one title in both tables"),
            );
        }
        if let (Some(l), Some(own)) = (&p.level, item.level)
            && l.value != own.value
        {
            sink.push(
                Diagnostic::new(
                    Code::PrintedVariant,
                    l.loc,
                    format!(
                        "{} `{}` is under the {} level in table „{}”, but under the {} level in {home_name}",
                        item.kind, item.id.value, l.value, p.table.value, own.value
                    ),
                )
                .path(item.path(k, "level"))
                .entity(item.entity())
                .help("a goal belongs to one prevention level; the tables must agree"),
            );
        }
    }
}

/// An entity a table numbers differently: the entity, its `printed` index, the number there.
type Renumbered<'a> = (&'a Item<'a>, usize, &'a Sp<String>);

/// `printed-variant` for numbers: a table that numbers entities differently is one finding,
/// at the first of them, listing every renumbered one.
fn renumbered(items: &[Item], home_name: &str, sink: &mut Sink) {
    let mut by_table: BTreeMap<&str, Vec<Renumbered>> = BTreeMap::new();
    for item in items {
        for (k, p) in item.printed.iter().enumerate() {
            if let Some(n) = &p.number
                && item.number.map(|own| own.value.trim()) != Some(n.value.trim())
            {
                by_table
                    .entry(p.table.value.as_str())
                    .or_default()
                    .push((item, k, n));
            }
        }
    }
    for (table, list) in by_table {
        let (first, k, n) = list[0];
        let kind = first.kind;
        let listed: Vec<String> = list
            .iter()
            .map(|(item, _, n)| {
                format!(
                    "{} „{}” as {}",
                    item.number.map(|o| o.value.as_str()).unwrap_or("(unnumbered)"),
                    item.title.value,
                    n.value
                )
            })
            .collect();
        sink.push(
            Diagnostic::new(
                Code::PrintedVariant,
                n.loc,
                format!(
                    "table „{table}” numbers {} {} differently from {home_name}",
                    list.len(),
                    if list.len() == 1 {
                        kind.to_string()
                    } else {
                        plural(kind)
                    }
                ),
            )
            .path(first.path(k, "number"))
            .entity(first.entity())
            .help(format!(
                "{}; a reader cannot match the tables by number",
                listed.join("; ")
            )),
        );
    }
}

/// `missing-from-table`: a table of the source leaves an entity out that another lists.
fn missing_from_table(
    item: &Item,
    home: Option<&Sp<String>>,
    home_name: &str,
    skip: &dyn Fn(&Item, &str) -> bool,
    sink: &mut Sink,
) {
    let home_table = home.map(|h| h.value.as_str());
    for (k, p) in item.printed.iter().enumerate().filter(|(_, p)| p.absent) {
        if skip(item, &p.table.value) {
            continue;
        }
        let mut present: Vec<String> = Vec::new();
        if entry_in(item.printed, home_table).is_some() {
            present.push(home_name.to_string());
        }
        present.extend(
            item.printed
                .iter()
                .filter(|o| !o.absent && o.table.value != p.table.value)
                .map(|o| format!("table „{}”", o.table.value)),
        );
        let listed = if present.is_empty() {
            String::new()
        } else {
            format!(
                ", though {} list{} it",
                present.join(" and "),
                if present.len() == 1 { "s" } else { "" }
            )
        };
        sink.push(
            Diagnostic::new(
                Code::MissingFromTable,
                p.table.loc,
                format!(
                    "{} „{}” is not in table „{}”{listed}",
                    item.kind, item.title.value, p.table.value
                ),
            )
            .path(item.path(k, "table"))
            .entity(item.entity())
            .help(format!(
                "every table that lists the programme's {} should list this one too",
                plural(item.kind)
            )),
        );
    }
}
