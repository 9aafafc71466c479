//! What the ids of a programme name, for hover, go to definition and completion: every goal,
//! indicator, activity, task, institution, monitoring event, SVID item, situation section,
//! table and figure with its id, number, title and where it is defined; and what a reference
//! under the cursor is (the scalar there, or a `#tab:id` in prose).

use std::collections::HashMap;

use crate::i18n::Lang;
use crate::model::{Loc, Programme, Section, Sp};

/// One thing an id names.
#[derive(Debug, Clone)]
pub struct Symbol {
    /// `goal`, `indicator`, `activity`, `task`, `institution`, `event`, `SVID item`,
    /// `section`, `table`, `figure`.
    pub kind: &'static str,
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    /// Where the id is written.
    pub loc: Loc,
    /// Other spellings that name it (an institution's name and short forms).
    pub aliases: Vec<String>,
}

impl Symbol {
    fn new(kind: &'static str, id: &Sp<String>, number: Option<&Sp<String>>, title: &Sp<String>) -> Symbol {
        Symbol {
            kind,
            id: id.value.clone(),
            number: number.map(|n| n.value.clone()),
            title: title.value.clone(),
            loc: id.loc,
            aliases: Vec::new(),
        }
    }

    /// The kind in `lang`.
    pub fn kind_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.kind,
            Lang::Lv => match self.kind {
                "goal" => "mērķis",
                "indicator" => "rādītājs",
                "activity" => "aktivitāte",
                "task" => "darba uzdevums",
                "institution" => "institūcija",
                "event" => "uzraudzības notikums",
                "SVID item" => "SVID punkts",
                "section" => "nodaļa",
                "table" => "tabula",
                "figure" => "attēls",
                other => other,
            },
        }
    }

    /// A hover's Markdown: `**goal** `g1` 1. Title`, and an institution's other spellings.
    pub fn markdown(&self, lang: Lang) -> String {
        let mut out = format!("**{}** `{}`", self.kind_in(lang), self.id);
        if let Some(n) = &self.number {
            out.push(' ');
            out.push_str(n);
        }
        out.push_str("\n\n");
        out.push_str(&self.title);
        if !self.aliases.is_empty() {
            let label = match lang {
                Lang::En => "also written",
                Lang::Lv => "raksta arī",
            };
            out.push_str(&format!("\n\n{label}: {}", self.aliases.join(", ")));
        }
        out
    }
}

/// Every symbol of a programme, with lookups by id and by an institution's spelling.
#[derive(Debug, Default)]
pub struct Symbols {
    pub all: Vec<Symbol>,
    by_id: HashMap<String, Vec<usize>>,
    institutions: HashMap<String, usize>,
}

impl Symbols {
    pub fn of(p: &Programme) -> Symbols {
        let mut all = Vec::new();
        if let Some(f) = &p.goals {
            all.extend(
                f.goals
                    .iter()
                    .map(|g| Symbol::new("goal", &g.id, g.number.as_ref(), &g.title)),
            );
        }
        if let Some(f) = &p.indicators {
            all.extend(
                f.indicators
                    .iter()
                    .map(|i| Symbol::new("indicator", &i.id, i.number.as_ref(), &i.title)),
            );
        }
        if let Some(f) = &p.plan {
            for a in &f.activities {
                all.push(Symbol::new("activity", &a.id, a.number.as_ref(), &a.title));
                all.extend(
                    a.tasks
                        .iter()
                        .map(|t| Symbol::new("task", &t.id, t.number.as_ref(), &t.title)),
                );
            }
        }
        if let Some(f) = &p.monitoring {
            all.extend(
                f.events
                    .iter()
                    .map(|e| Symbol::new("event", &e.id, e.number.as_ref(), &e.title)),
            );
        }
        if let Some(f) = &p.svid {
            for (_, items) in f.quadrants() {
                all.extend(
                    items
                        .iter()
                        .map(|i| Symbol::new("SVID item", &i.id, None, &i.text)),
                );
            }
        }
        if let Some(f) = &p.situation {
            fn walk(sections: &[Section], all: &mut Vec<Symbol>) {
                for s in sections {
                    all.push(Symbol::new("section", &s.id, s.number.as_ref(), &s.title));
                    for t in &s.tables {
                        all.push(Symbol::new("table", &t.id, t.number.as_ref(), &t.caption));
                    }
                    for f in &s.figures {
                        all.push(Symbol::new("figure", &f.id, f.number.as_ref(), &f.caption));
                    }
                    walk(&s.sections, all);
                }
            }
            walk(&f.sections, &mut all);
        }
        let mut institutions = HashMap::new();
        if let Some(f) = &p.institutions {
            for inst in &f.institutions {
                let mut s = Symbol::new("institution", &inst.id, None, &inst.name);
                s.aliases = inst.short.iter().map(|x| x.value.clone()).collect();
                let at = all.len();
                for spelling in std::iter::once(&inst.id.value)
                    .chain(std::iter::once(&inst.name.value))
                    .chain(inst.short.iter().map(|x| &x.value))
                {
                    institutions
                        .entry(crate::model::norm_name(spelling))
                        .or_insert(at);
                }
                all.push(s);
            }
        }
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in all.iter().enumerate() {
            by_id.entry(s.id.clone()).or_default().push(i);
        }
        Symbols {
            all,
            by_id,
            institutions,
        }
    }

    /// What `word` names: an id (the first thing with it), else an institution's spelling.
    pub fn lookup(&self, word: &str) -> Option<&Symbol> {
        if let Some(i) = self.by_id.get(word).and_then(|v| v.first()) {
            return self.all.get(*i);
        }
        self.institutions
            .get(&crate::model::norm_name(word))
            .and_then(|i| self.all.get(*i))
    }

    /// The symbols of one kind, in the programme's order.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Symbol> + 'a {
        self.all.iter().filter(move |s| s.kind == kind)
    }
}

/// The reference under byte `at` of `text`: a `#tab:id`-style cross-reference in prose, else
/// the YAML scalar around it (in a `[…]` list, after `key:` or `- `), without its quotes.
pub fn reference_at(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return None;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    let col = at - start;
    // A word of id characters around the cursor.
    let id_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '#');
    let w_start = line[..col]
        .char_indices()
        .rev()
        .take_while(|(_, c)| id_char(*c))
        .last()
        .map_or(col, |(i, _)| i);
    let w_end = line[col..]
        .find(|c: char| !id_char(c))
        .map_or(line.len(), |i| col + i);
    let word = &line[w_start..w_end];
    if let Some(hash) = word.find('#') {
        let target = &word[hash + 1..];
        let id = target.split_once(':').map_or(target, |(_, id)| id);
        if !id.is_empty() {
            return Some(id.trim_end_matches('.').to_string());
        }
    }
    // The scalar: from the last `[`, `,`, `{`, `: ` or `- ` before the cursor to the next
    // `,`, `]`, `}` or ` #` after it.
    let before = &line[..col];
    let from = [
        before.rfind('[').map(|i| i + 1),
        before.rfind(',').map(|i| i + 1),
        before.rfind('{').map(|i| i + 1),
        before.rfind(": ").map(|i| i + 2),
        before
            .find("- ")
            .filter(|i| before[..*i].trim().is_empty())
            .map(|i| i + 2),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0);
    let after = &line[col..];
    let to = [
        after.find(','),
        after.find(']'),
        after.find('}'),
        after.find(" #"),
    ]
    .into_iter()
    .flatten()
    .min()
    .map_or(line.len(), |i| col + i);
    let value = line[from..to].trim().trim_matches(['"', '\'']).trim();
    (!value.is_empty() && !value.ends_with(':')).then(|| value.to_string())
}

/// What a reference at the cursor may name: the kind of symbol the field holds (`goal`,
/// `indicator`, `institution` …), found from the key of the line or of the list the line is an
/// item of, or a `#tab:` being written in prose. `None` where no reference belongs.
pub fn expected_at(text: &str, at: usize, part: Option<crate::model::Part>) -> Option<&'static str> {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return None;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[start..at];
    if let Some(i) = before.rfind("(#") {
        let target = &before[i + 2..];
        if !target.contains(')') {
            return Some(match target.split_once(':').map(|(k, _)| k) {
                Some("fig") => "figure",
                Some("sec") => "section",
                _ => "table",
            });
        }
    }
    let indent = before.len() - before.trim_start().len();
    let own = before.trim_start().trim_start_matches("- ");
    let key = match own.split_once(':') {
        Some((k, _)) if !k.contains(' ') && !k.is_empty() => Some(k.trim().to_string()),
        _ => None,
    };
    let key = match key {
        Some(k) => k,
        None => {
            // A list item: the key of the nearest line above that is less indented.
            let mut key = None;
            for line in text[..start].lines().rev() {
                let t = line.trim_start();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                if line.len() - t.len() < indent || (line.len() - t.len() == indent && !t.starts_with('-')) {
                    key = t
                        .trim_start_matches("- ")
                        .split_once(':')
                        .map(|(k, _)| k.trim().to_string());
                    break;
                }
            }
            key?
        }
    };
    use crate::model::Part;
    Some(match (key.as_str(), part) {
        ("goal" | "goals", Some(Part::Goals)) => return None,
        ("goal" | "goals", _) => "goal",
        ("indicators" | "indicator", Some(Part::Indicators)) => return None,
        ("indicators" | "indicator", _) => "indicator",
        ("activity", _) => "activity",
        ("task", _) => "task",
        ("responsible" | "involved" | "executor" | "supervisor" | "institution", _) => "institution",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_under_the_cursor() {
        let t =
            "    responsible: [IP, \"Sociālais dienests\"]\n    goal: g1\n    text: see [](#tab:t-1-1).\n";
        let at = |s: &str| t.find(s).unwrap() + 1;
        assert_eq!(reference_at(t, at("IP")).as_deref(), Some("IP"));
        assert_eq!(
            reference_at(t, at("ociālais")).as_deref(),
            Some("Sociālais dienests")
        );
        assert_eq!(reference_at(t, at("g1")).as_deref(), Some("g1"));
        assert_eq!(reference_at(t, at("t-1-1")).as_deref(), Some("t-1-1"));
    }

    #[test]
    fn what_a_field_expects() {
        let t = "activities:\n  - goal: \n    responsible:\n      - \n    indicators: [i1, ";
        assert_eq!(expected_at(t, t.find("goal: ").unwrap() + 6, None), Some("goal"));
        assert_eq!(
            expected_at(t, t.find("      - ").unwrap() + 8, None),
            Some("institution")
        );
        assert_eq!(expected_at(t, t.len(), None), Some("indicator"));
        assert_eq!(expected_at("title: x", 8, None), None);
    }
}
