//! Lookups over one programme: ids of each kind of entity, and the institution registry's
//! names and short forms, built once per programme. The rules, the calendar and the documents
//! share it; it depends on the model alone.

use std::collections::HashMap;

use crate::model::{Programme, SvidItem};

#[derive(Debug, Default)]
pub struct Index<'a> {
    pub goals: HashMap<&'a str, &'a crate::model::Goal>,
    pub indicators: HashMap<&'a str, &'a crate::model::Indicator>,
    pub svid: HashMap<&'a str, &'a SvidItem>,
    /// Every id, official name and short form (normalized) -> institution id.
    pub institution_names: HashMap<String, &'a str>,
    /// Every spelling the registry knows, as written, for suggestions.
    pub institution_spellings: Vec<&'a str>,
    pub has_registry: bool,
}

/// Case- and whitespace-insensitive form of an institution name.
pub fn norm_name(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl<'a> Index<'a> {
    pub fn new(p: &'a Programme) -> Self {
        let mut ix = Index::default();
        if let Some(g) = &p.goals {
            for goal in &g.goals {
                ix.goals.entry(goal.id.value.as_str()).or_insert(goal);
            }
        }
        if let Some(f) = &p.indicators {
            for i in &f.indicators {
                ix.indicators.entry(i.id.value.as_str()).or_insert(i);
            }
        }
        if let Some(s) = &p.svid {
            for (_, items) in s.quadrants() {
                for item in items {
                    ix.svid.entry(item.id.value.as_str()).or_insert(item);
                }
            }
        }
        if let Some(f) = &p.institutions {
            ix.has_registry = true;
            for inst in &f.institutions {
                let id = inst.id.value.as_str();
                for name in std::iter::once(&inst.id)
                    .chain(std::iter::once(&inst.name))
                    .chain(inst.short.iter())
                {
                    ix.institution_names.entry(norm_name(name)).or_insert(id);
                }
                // Suggestions offer what people write: names and short forms before ids.
                ix.institution_spellings.push(inst.name.value.as_str());
                ix.institution_spellings
                    .extend(inst.short.iter().map(|s| s.value.as_str()));
            }
            ix.institution_spellings
                .extend(f.institutions.iter().map(|i| i.id.value.as_str()));
        }
        ix
    }

    /// The institution id a reference resolves to.
    pub fn institution(&self, reference: &str) -> Option<&'a str> {
        self.institution_names.get(&norm_name(reference)).copied()
    }
}

/// A number as printed without its trailing dot: "1.2." -> "1.2".
pub fn norm_number(n: &str) -> String {
    n.trim().trim_end_matches('.').trim().to_string()
}
