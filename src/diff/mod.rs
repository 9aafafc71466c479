//! What changed between two revisions of a programme, entity by entity.
//!
//! A programme is first flattened into its canonical form (`flatten.rs`): a list of
//! [`Entity`]s (goals, indicators, activities, tasks, institutions, SVID items, events,
//! situation sections and tables, working-group members, amendments, and one entity per part
//! for the part's own fields), each with an id and a list of scalar [`Field`]s named by path
//! (`targets[2026].value`, `responsible`). Lists whose order means nothing are sorted there,
//! so a reordered file flattens to the same thing.
//!
//! [`diff`] matches entities by kind and id across the two revisions, so a retitled goal is
//! one change to that goal, and compares their fields by name. Every change is classified
//! ([`classify`]) as substantive (it needs a council decision) or editorial. `pmp show` prints
//! the canonical form, `pmp diff` the changes (`render.rs`); `git.rs` reads a programme folder
//! at a git revision.

mod flatten;
pub mod git;
mod render;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::diag::{Diagnostic, Family, Severity};
use crate::load;
use crate::model::{Part, Programme, Sources};

pub use git::{GitError, Spec};
pub use render::{Format, Side, render, show, show_part};

/// A programme read for comparison.
#[derive(Debug)]
pub struct Opened {
    pub side: Side,
    pub programme: Programme,
}

/// Why a programme could not be read for comparison.
#[derive(Debug)]
pub enum OpenError {
    /// A bad path, revision or git failure.
    Failure(crate::i18n::Text),
    /// The programme does not load: the loader's findings, to be printed.
    Findings {
        sources: Sources,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Reads the programme a `pmp diff` argument names: a folder, or `REV:PATH` (PATH relative
/// to `cwd`). A programme whose files do not parse or do not match the format is
/// [`OpenError::Findings`]; rule findings (totals, numbering, ...) do not stop a comparison.
pub fn open(arg: &str, cwd: &Path) -> Result<Opened, OpenError> {
    let (loaded, source) = match Spec::parse(arg) {
        Spec::Folder(dir) => {
            let dirs = load::discover(std::slice::from_ref(&dir)).map_err(|e| {
                if dir.exists() {
                    return OpenError::Failure(e.0);
                }
                // `pmp diff HEAD~1 .`: a revision given where a folder or `REV:PATH` belongs.
                let (en, lv) = (e.0.en, e.0.lv);
                OpenError::Failure(crate::tr!(
                    en("{en}; a git revision is written REV:PATH, e.g. `{arg}:.` for the current folder as it was at {arg}"),
                    lv("{lv}; git versiju raksta REV:CEĻŠ, piemēram, `{arg}:.` ir pašreizējā mape, kāda tā bija versijā {arg}"),
                ))
            })?;
            if dirs.len() != 1 {
                let n = dirs.len();
                return Err(OpenError::Failure(crate::tr!(
                    en(
                        "{arg}: {n} programmes found; give one programme folder (a folder with a programme.yaml)"
                    ),
                    lv(
                        "{arg}: atrastas {n} programmas; norādiet vienas programmas mapi (mapi, kurā ir programme.yaml)"
                    ),
                )));
            }
            (load::load(&dirs), arg.to_string())
        }
        Spec::Revision { rev, path } => {
            // Git's messages name the revision and path already.
            let loaded = load_revision(cwd, &rev, &path).map_err(|e| OpenError::Failure(e.into_text()))?;
            (loaded, arg.to_string())
        }
    };
    let failed =
        loaded.sink.diagnostics.iter().any(|d| {
            d.severity == Severity::Error && matches!(d.code.family(), Family::Load | Family::Schema)
        });
    if failed {
        return Err(OpenError::Findings {
            sources: loaded.sources,
            diagnostics: loaded.sink.diagnostics,
        });
    }
    let programme = loaded.programmes.into_iter().next().unwrap_or_default();
    let side = Side {
        source,
        id: programme.id(),
        title: programme.manifest.as_ref().map(|m| m.title.value.clone()),
    };
    Ok(Opened { side, programme })
}

/// Loads the programme folder `path` (relative to `cwd`) as it is at git revision `rev`.
/// Findings name its files `REV:PATH/<file>`.
pub fn load_revision(cwd: &Path, rev: &str, path: &str) -> Result<load::Loaded, GitError> {
    let tree = git::read_tree(cwd, rev, path)?;
    if !tree.dir.join(Part::Manifest.file_name()).is_file() {
        let m = Part::Manifest.file_name();
        return Err(GitError::Path(crate::tr!(
            en("{rev}:{path} holds no {m} at revision {rev}"),
            lv("{rev}:{path} versijā {rev} nav faila {m}"),
        )));
    }
    let mut loaded = load::load(std::slice::from_ref(&tree.dir));
    let shown = path.trim_end_matches('/');
    for f in loaded.sources.files.values_mut() {
        if let Ok(rel) = f.path.strip_prefix(&tree.dir) {
            f.path = format!("{rev}:{shown}/{}", rel.display()).into();
        }
    }
    for p in &mut loaded.programmes {
        p.dir = format!("{rev}:{shown}").into();
    }
    Ok(loaded)
}

/// One scalar (or list) value of an entity, named by its path inside the entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Path inside the entity: `title`, `baseline.value`, `targets[2026].value`.
    pub name: String,
    pub value: Value,
    /// The value is a percentage (an indicator measured in percent): shown as `9,3 %`.
    pub percent: bool,
    /// The decimals the source printed a figure with (`110`, `3200.50`), when the model keeps
    /// them: a number is shown with exactly these, not as the float JSON holds.
    pub decimals: Option<u8>,
}

/// A goal, indicator, activity, ... in canonical form.
#[derive(Debug, Clone)]
pub struct Entity {
    pub part: Part,
    /// `goal`, `indicator`, `activity`, ...; for a part's own fields, the part's name.
    pub kind: &'static str,
    /// The id it is matched by across revisions; empty for a part's own fields.
    pub id: String,
    pub title: Option<String>,
    pub fields: Vec<Field>,
    /// Where it sorts: groups tasks under their activity, tables under their section.
    sort: (u8, String, u8),
}

impl Entity {
    fn key(&self) -> (&'static str, &str) {
        (self.kind, &self.id)
    }

    fn order(&self, other: &Entity) -> Ordering {
        self.part
            .cmp(&other.part)
            .then(self.sort.0.cmp(&other.sort.0))
            .then_with(|| natural(&self.sort.1, &other.sort.1))
            .then(self.sort.2.cmp(&other.sort.2))
            .then_with(|| natural(&self.id, &other.id))
    }
}

/// A programme in canonical form: its entities in canonical order.
pub fn canonical(p: &Programme) -> Vec<Entity> {
    let mut entities = flatten::programme(p);
    entities.sort_by(|a, b| a.order(b));
    dedup_ids(&mut entities);
    entities
}

/// Two entities of one kind with the same id (a `duplicate-id` finding) stay apart: the
/// second becomes `id#2`.
fn dedup_ids(entities: &mut [Entity]) {
    let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
    for e in entities.iter_mut() {
        let n = seen.entry((e.kind, e.id.clone())).or_insert(0);
        *n += 1;
        if *n > 1 {
            e.id = format!("{}#{n}", e.id);
        }
    }
}

/// Added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
        }
    }
}

/// Whether a change needs a council decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Editorial,
    Substantive,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Editorial => "editorial",
            Class::Substantive => "substantive",
        }
    }
}

/// One change: a whole entity added or removed, or one field of an entity changed.
#[derive(Debug, Clone)]
pub struct Change {
    pub part: Part,
    pub kind: Kind,
    pub entity_kind: &'static str,
    pub id: String,
    /// The new title (the old one for a removed entity).
    pub title: Option<String>,
    /// The changed field; `None` for an added or removed entity.
    pub field: Option<String>,
    /// The old and new value of the field (`None`: the field was absent). For an added or
    /// removed entity, all its fields are in `fields`.
    pub old: Option<Field>,
    pub new: Option<Field>,
    pub fields: Vec<Field>,
    pub class: Class,
}

/// The changes from `old` to `new` (both from [`canonical`]), in canonical order.
pub fn diff(old: &[Entity], new: &[Entity]) -> Vec<Change> {
    let old_by_key: HashMap<_, &Entity> = old.iter().map(|e| (e.key(), e)).collect();
    let new_by_key: HashMap<_, &Entity> = new.iter().map(|e| (e.key(), e)).collect();
    let mut all: Vec<&Entity> = new.iter().collect();
    all.extend(old.iter().filter(|e| !new_by_key.contains_key(&e.key())));
    all.sort_by(|a, b| a.order(b));
    let mut out = Vec::new();
    for e in all {
        let change = |kind, fields: Vec<Field>| Change {
            part: e.part,
            kind,
            entity_kind: e.kind,
            id: e.id.clone(),
            title: e.title.clone(),
            field: None,
            old: None,
            new: None,
            fields,
            class: classify(e.kind, None),
        };
        match (old_by_key.get(&e.key()), new_by_key.get(&e.key())) {
            (None, Some(n)) => out.push(change(Kind::Added, n.fields.clone())),
            (Some(o), None) => out.push(change(Kind::Removed, o.fields.clone())),
            (Some(o), Some(n)) => fields_diff(o, n, &mut out),
            (None, None) => {}
        }
    }
    out
}

fn fields_diff(old: &Entity, new: &Entity, out: &mut Vec<Change>) {
    let old_by_name: HashMap<&str, &Field> = old.fields.iter().map(|f| (f.name.as_str(), f)).collect();
    let new_by_name: HashMap<&str, &Field> = new.fields.iter().map(|f| (f.name.as_str(), f)).collect();
    for name in merged_names(&old.fields, &new.fields) {
        let (o, n) = (old_by_name.get(name).copied(), new_by_name.get(name).copied());
        if o.map(|f| &f.value) == n.map(|f| &f.value) {
            continue;
        }
        let class = if reordered(o, n) {
            Class::Editorial
        } else {
            classify(new.kind, Some(name))
        };
        out.push(Change {
            part: new.part,
            kind: Kind::Changed,
            entity_kind: new.kind,
            id: new.id.clone(),
            title: new.title.clone(),
            field: Some(name.to_string()),
            old: o.cloned(),
            new: n.cloned(),
            fields: Vec::new(),
            class,
        });
    }
}

/// Field names of both revisions: the new revision's order, with a field only the old one has
/// placed after the field it followed there.
fn merged_names<'a>(old: &'a [Field], new: &'a [Field]) -> Vec<&'a str> {
    let mut names: Vec<&str> = new.iter().map(|f| f.name.as_str()).collect();
    let mut prev: Option<&str> = None;
    for f in old {
        let name = f.name.as_str();
        if !names.contains(&name) {
            let at = prev
                .and_then(|p| names.iter().position(|n| *n == p))
                .map_or(0, |i| i + 1);
            names.insert(at, name);
        }
        prev = Some(name);
    }
    names
}

/// Whether two list values hold the same items in another order.
fn reordered(old: Option<&Field>, new: Option<&Field>) -> bool {
    let (Some(Value::Array(a)), Some(Value::Array(b))) = (old.map(|f| &f.value), new.map(|f| &f.value))
    else {
        return false;
    };
    let key = |v: &Value| v.to_string();
    let mut a: Vec<String> = a.iter().map(key).collect();
    let mut b: Vec<String> = b.iter().map(key).collect();
    a.sort();
    b.sort();
    a == b
}

/// Substantive or editorial, by entity kind and field (`None`: the entity was added or
/// removed). Substantive is what the council adopts: the period; goals added, removed,
/// retitled or moved to another level; indicators (all but their number and the cell text as
/// printed); the milestone years; activities added or removed, their goal, years, responsible
/// bodies, funding and indicators, the resource plan's responsible bodies, funding and
/// financial resources; tasks added or removed, their deadlines, executors and supervisors;
/// monitoring events added or removed, their timing and responsible bodies. Everything else
/// (prose, notes, numbering, summaries, situation data, SVID, the institution registry,
/// working group, decisions recorded) is editorial.
pub fn classify(kind: &str, field: Option<&str>) -> Class {
    let Some(field) = field else {
        return match kind {
            "goal" | "indicator" | "activity" | "task" | "event" => Class::Substantive,
            _ => Class::Editorial,
        };
    };
    let head = field.split(['.', '[']).next().unwrap_or(field);
    let last = field.rsplit('.').next().unwrap_or(field);
    let substantive = match kind {
        "programme" => head == "period",
        "indicators" => head == "milestones",
        "goal" => matches!(head, "title" | "level"),
        "indicator" => head != "number" && last != "text",
        "activity" => {
            matches!(head, "goal" | "years" | "responsible" | "funding" | "indicators")
                || matches!(
                    field,
                    "resources.responsible" | "resources.funding" | "resources.financial"
                )
        }
        "task" => matches!(
            head,
            "executor" | "supervisor" | "start" | "end" | "timing" | "activity"
        ),
        "event" => (head == "timing" && last != "text") || head == "responsible",
        _ => false,
    };
    if substantive {
        Class::Substantive
    } else {
        Class::Editorial
    }
}

/// Compares ids and names the way people number things: `a-1-2` before `a-1-10`; letters in
/// Latvian order.
pub fn natural(a: &str, b: &str) -> Ordering {
    let (ra, rb) = (runs(a), runs(b));
    for (x, y) in ra.iter().zip(&rb) {
        let o = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n).then_with(|| x.len().cmp(&y.len())),
            _ => crate::lv::collate(x, y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    ra.len().cmp(&rb.len()).then_with(|| a.cmp(b))
}

/// Splits text into runs of digits and runs of anything else.
fn runs(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut digit = None;
    for (i, c) in s.char_indices() {
        let d = c.is_ascii_digit();
        if digit.is_some_and(|p| p != d) {
            out.push(&s[start..i]);
            start = i;
        }
        digit = Some(d);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Counts of a diff, for summaries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub substantive: usize,
    pub editorial: usize,
}

impl Summary {
    pub fn of(changes: &[Change]) -> Self {
        let mut s = Summary::default();
        for c in changes {
            match c.kind {
                Kind::Added => s.added += 1,
                Kind::Removed => s.removed += 1,
                Kind::Changed => s.changed += 1,
            }
            match c.class {
                Class::Substantive => s.substantive += 1,
                Class::Editorial => s.editorial += 1,
            }
        }
        s
    }

    pub fn total(&self) -> usize {
        self.added + self.removed + self.changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut v = vec!["a-1-10", "a-1-2", "a-2-1", "a-1-1", "b"];
        v.sort_by(|a, b| natural(a, b));
        assert_eq!(v, ["a-1-1", "a-1-2", "a-1-10", "a-2-1", "b"]);
    }

    #[test]
    fn classes() {
        assert_eq!(classify("goal", Some("title")), Class::Substantive);
        assert_eq!(classify("goal", Some("results")), Class::Editorial);
        assert_eq!(
            classify("indicator", Some("targets[2026].value")),
            Class::Substantive
        );
        assert_eq!(
            classify("indicator", Some("targets[2026].text")),
            Class::Editorial
        );
        assert_eq!(classify("activity", Some("funding")), Class::Substantive);
        assert_eq!(classify("activity", Some("title")), Class::Editorial);
        assert_eq!(classify("activity", None), Class::Substantive);
        assert_eq!(classify("table", Some("rows[Kopā].cells")), Class::Editorial);
        assert_eq!(classify("programme", Some("period.to")), Class::Substantive);
    }

    #[test]
    fn merged_field_order_keeps_removed_fields_in_place() {
        let f = |n: &str| Field {
            name: n.into(),
            value: Value::Null,
            percent: false,
            decimals: None,
        };
        let old = [f("title"), f("years"), f("funding")];
        let new = [f("title"), f("funding")];
        assert_eq!(merged_names(&old, &new), ["title", "years", "funding"]);
    }
}
