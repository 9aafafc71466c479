//! Printed variants: one goal, indicator or activity printed differently in two tables of the
//! source (`printed` entries, see [`crate::model::Printed`]). A different title or level mark
//! is one finding per entity; a table that numbers entities differently is one finding per
//! table, listing them; an entity a table leaves out is `missing-from-table`.

use std::collections::BTreeMap;

use super::level_genitive;
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::Lang;
use crate::model::{Level, Printed, Programme, Sp, entry_in};
use crate::tr;

/// The Latvian word forms of an entity kind the messages need.
struct Forms {
    nominative: &'static str,
    genitive: &'static str,
    accusative_plural: &'static str,
    /// „šim mērķim”, „šai aktivitātei”.
    this_dative: &'static str,
    feminine: bool,
}

fn forms(kind: &str) -> Forms {
    match kind {
        "goal" => Forms {
            nominative: "mērķis",
            genitive: "mērķa",
            accusative_plural: "mērķus",
            this_dative: "šim mērķim",
            feminine: false,
        },
        "indicator" => Forms {
            nominative: "rādītājs",
            genitive: "rādītāja",
            accusative_plural: "rādītājus",
            this_dative: "šim rādītājam",
            feminine: false,
        },
        _ => Forms {
            nominative: "aktivitāte",
            genitive: "aktivitātes",
            accusative_plural: "aktivitātes",
            this_dative: "šai aktivitātei",
            feminine: true,
        },
    }
}

/// „mērķi”, „rādītāji”, „aktivitātes”: the nominative plural of a kind's noun.
fn nominative_plural(nominative: &str) -> &'static str {
    match nominative {
        "mērķis" => "mērķi",
        "rādītājs" => "rādītāji",
        _ => "aktivitātes",
    }
}

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

/// Where an entity's own fields are printed: `table „2.1.”`, or the part's file; in Latvian
/// where they are (locative): „tabulā „2.1.””, „failā `goals.yaml`”.
fn home_name(home: Option<&Sp<String>>, file: &str) -> (String, String) {
    match home {
        Some(h) => (format!("table „{}”", h.value), format!("tabulā „{}”", h.value)),
        None => (file.to_string(), format!("failā `{file}`")),
    }
}

fn plural(kind: &str) -> String {
    match kind {
        "activity" => "activities".to_string(),
        other => format!("{other}s"),
    }
}

/// Titles compared as a reader compares them: a doubled space is no other title, and an
/// acronym printed with its spelled-out name („APU (atbalsts pozitīvai uzvedībai) programma”)
/// names the same thing as the spelled-out name alone („Programma “Atbalsts pozitīvai
/// uzvedībai””).
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace()) || same_expanded(a, b)
}

/// The words of a title, lower-case, quotes and brackets dropped, with an acronym followed by
/// its expansion in brackets („APU (atbalsts pozitīvai uzvedībai)”) read as the expansion
/// alone; and whether there was such an acronym.
fn expanded_words(title: &str) -> (Vec<String>, bool) {
    let words: Vec<&str> = title.split_whitespace().collect();
    let clean = |w: &str| {
        w.chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_lowercase()
    };
    let mut out = Vec::new();
    let mut found = false;
    let mut k = 0;
    while k < words.len() {
        let letters: String = words[k].chars().filter(|c| c.is_alphabetic()).collect();
        let acronym = letters.chars().count() >= 2 && letters.chars().all(char::is_uppercase);
        let opens = words.get(k + 1).is_some_and(|n| n.starts_with('('));
        // The bracket's words, up to the one that closes it.
        let end = (k + 1..words.len()).find(|&j| words[j].contains(')'));
        if let (true, true, Some(end)) = (acronym, opens, end) {
            let inner: Vec<String> = words[k + 1..=end]
                .iter()
                .map(|w| clean(w))
                .filter(|w| !w.is_empty())
                .collect();
            let initials: String = inner.iter().filter_map(|w| w.chars().next()).collect();
            if initials == letters.to_lowercase() {
                out.extend(inner);
                found = true;
                k = end + 1;
                continue;
            }
        }
        let c = clean(words[k]);
        if !c.is_empty() {
            out.push(c);
        }
        k += 1;
    }
    (out, found)
}

/// Whether two titles, one of which prints an acronym with its expansion, name the same words
/// once the acronym is read as its expansion, in any order („APU programma” and „Programma
/// APU” are one name).
fn same_expanded(a: &str, b: &str) -> bool {
    let ((mut wa, xa), (mut wb, xb)) = (expanded_words(a), expanded_words(b));
    if !xa && !xb {
        return false;
    }
    wa.sort();
    wb.sort();
    wa == wb
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
        // Without a loaded plan nothing can be said about the plan's tables.
        let skip = |item: &Item, table: &str| {
            p.plan.is_none() || (plan_tables.contains(&table) && !served(&item.id.value))
        };
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
        // An entity its part's own table leaves out takes its own fields from elsewhere: name
        // the file, not that table.
        let own = match entry_in(item.printed, home.map(|h| h.value.as_str())) {
            Some(_) => home_name.clone(),
            None => (file.to_string(), format!("failā `{file}`")),
        };
        printed_variant(item, &own, sink);
        missing_from_table(item, home, &home_name, skip, sink);
    }
    renumbered(&items, &home_name, sink);
}

/// `printed-variant` for titles and level marks: each difference, naming both tables.
fn printed_variant(item: &Item, home: &(String, String), sink: &mut Sink) {
    let (home_name, home_lv) = home;
    let f = forms(item.kind);
    for (k, p) in item.printed.iter().enumerate() {
        if let Some(t) = &p.title
            && !same_text(&t.value, &item.title.value)
        {
            sink.push(
                Diagnostic::new(
                    Code::PrintedVariant,
                    t.loc,
                    tr!(
                        en(
                            "{} `{}` is titled „{}” in table „{}”, but „{}” in {home_name}",
                            item.kind, item.id.value, t.value, p.table.value, item.title.value
                        ),
                        lv(
                            "tabulā „{}” {} `{}` {} „{}”, bet {home_lv} – „{}”",
                            p.table.value,
                            f.nominative,
                            item.id.value,
                            if f.feminine { "nosaukta" } else { "nosaukts" },
                            t.value,
                            item.title.value
                        ),
                    ),
                )
                .path(item.path(k, "title"))
                .entity(item.entity())
                .help(tr!(
                    en("the source names one entity in two ways; an amendment should print one title in both tables"),
                    lv("avotā viena un tā pati vienība nosaukta divos veidos; aktualizējot programmu, abās tabulās jānorāda vienāds nosaukums"),
                )),
            );
        }
        if let (Some(l), Some(own)) = (&p.level, item.level)
            && l.value != own.value
        {
            sink.push(
                Diagnostic::new(
                    Code::PrintedVariant,
                    l.loc,
                    tr!(
                        en(
                            "{} `{}` is under the {} level in table „{}”, but under the {} level in {home_name}",
                            item.kind, item.id.value, l.value, p.table.value, own.value
                        ),
                        lv(
                            "tabulā „{}” {} `{}` ir {} līmenī, bet {home_lv} – {} līmenī",
                            p.table.value,
                            f.nominative,
                            item.id.value,
                            level_genitive(l.value),
                            level_genitive(own.value)
                        ),
                    ),
                )
                .path(item.path(k, "level"))
                .entity(item.entity())
                .help(tr!(
                    en("a goal belongs to one prevention level; the tables must agree"),
                    lv("mērķis pieder vienam prevencijas līmenim; tabulās tam jābūt vienādam"),
                )),
            );
        }
    }
}

/// An entity a table numbers differently: the entity, its `printed` index, the number there.
type Renumbered<'a> = (&'a Item<'a>, usize, &'a Sp<String>);

/// `printed-variant` for numbers: a table that numbers entities differently is one finding,
/// at the first of them, listing every renumbered one.
fn renumbered(items: &[Item], home: &(String, String), sink: &mut Sink) {
    let (home_name, home_lv) = home;
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
        let listed_lv: Vec<String> = list
            .iter()
            .map(|(item, _, n)| {
                format!(
                    "{} „{}” kā {}",
                    item.number.map(|o| o.value.as_str()).unwrap_or("(bez numura)"),
                    item.title.value,
                    n.value
                )
            })
            .collect();
        let f = forms(kind);
        sink.push(
            Diagnostic::new(
                Code::PrintedVariant,
                n.loc,
                tr!(
                    en(
                        "table „{table}” numbers {} {} differently from {home_name}",
                        list.len(),
                        if list.len() == 1 {
                            kind.to_string()
                        } else {
                            plural(kind)
                        }
                    ),
                    lv(
                        "tabulā „{table}” {} {} citādi nekā {home_lv}",
                        Lang::Lv.count(list.len(), f.nominative, nominative_plural(f.nominative)),
                        match (list.len() == 1, f.feminine) {
                            (true, false) => "numurēts",
                            (true, true) => "numurēta",
                            (false, false) => "numurēti",
                            (false, true) => "numurētas",
                        }
                    ),
                ),
            )
            .path(first.path(k, "number"))
            .entity(first.entity())
            .help(tr!(
                en(
                    "{}; a reader cannot match the tables by number",
                    listed.join("; ")
                ),
                lv(
                    "{}; lasītājs nevar salīdzināt tabulas pēc numuriem",
                    listed_lv.join("; ")
                ),
            )),
        );
    }
}

/// `missing-from-table`: a table of the source leaves an entity out that another lists.
fn missing_from_table(
    item: &Item,
    home: Option<&Sp<String>>,
    home_names: &(String, String),
    skip: &dyn Fn(&Item, &str) -> bool,
    sink: &mut Sink,
) {
    let (home_name, home_lv) = home_names;
    let f = forms(item.kind);
    let home_table = home.map(|h| h.value.as_str());
    for (k, p) in item.printed.iter().enumerate().filter(|(_, p)| p.absent) {
        if skip(item, &p.table.value) {
            continue;
        }
        let mut present: Vec<String> = Vec::new();
        let mut present_lv: Vec<String> = Vec::new();
        if entry_in(item.printed, home_table).is_some() {
            present.push(home_name.to_string());
            present_lv.push(home_lv.to_string());
        }
        for o in item
            .printed
            .iter()
            .filter(|o| !o.absent && o.table.value != p.table.value)
        {
            present.push(format!("table „{}”", o.table.value));
            present_lv.push(format!("tabulā „{}”", o.table.value));
        }
        let (listed, listed_lv) = if present.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(
                    ", though {} list{} it",
                    present.join(" and "),
                    if present.len() == 1 { "s" } else { "" }
                ),
                format!(
                    ", lai gan {} ir {}",
                    if f.feminine { "tā" } else { "tas" },
                    present_lv.join(" un ")
                ),
            )
        };
        sink.push(
            Diagnostic::new(
                Code::MissingFromTable,
                p.table.loc,
                tr!(
                    en(
                        "{} „{}” is not in table „{}”{listed}",
                        item.kind,
                        item.title.value,
                        p.table.value
                    ),
                    lv(
                        "tabulā „{}” nav {} „{}”{listed_lv}",
                        p.table.value,
                        f.genitive,
                        item.title.value
                    ),
                ),
            )
            .path(item.path(k, "table"))
            .entity(item.entity())
            .help(tr!(
                en(
                    "every table that lists the programme's {} should list this one too",
                    plural(item.kind)
                ),
                lv(
                    "katrā tabulā, kas uzskaita programmas {}, jābūt arī {}",
                    f.accusative_plural,
                    f.this_dative
                ),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::same_text;

    #[test]
    fn an_acronym_and_its_spelled_out_name_are_one_title() {
        assert!(same_text(
            "APU (atbalsts pozitīvai uzvedībai) programma",
            "Programma “Atbalsts pozitīvai uzvedībai”"
        ));
        // Without an acronym, another word order is another printed title.
        assert!(!same_text(
            "Vecāku kompetences audzināšanas jautājumos stiprināšana",
            "Vecāku kompetences stiprināšana audzināšanas jautājumos"
        ));
        // An acronym whose bracket is not its expansion, or another name, stays a variant.
        assert!(!same_text("MOT (programma jauniešiem)", "Programma jauniešiem"));
        assert!(!same_text(
            "APU (atbalsts pozitīvai uzvedībai) programma",
            "Programma „Atbalsts uzvedībai”"
        ));
    }
}
