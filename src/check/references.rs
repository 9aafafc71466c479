//! References: every id is unique within its kind, every reference names an existing id, and
//! every institution is written by an id, name or short form the registry knows.

use std::collections::HashMap;

use super::{Index, at};
use crate::diag::{Code, Diagnostic, Entity, Sink, did_you_mean};
use crate::model::{Programme, Section, Sp};
use crate::tr;

/// A kind of entity an id names, with the word forms the messages need in Latvian.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind<'a> {
    Goal,
    Indicator,
    Breakdown,
    Column,
    Activity,
    Task,
    Institution,
    SvidItem,
    Event,
    Section,
    Table,
    /// A task of the activity with this id (results name tasks per activity).
    TaskOf(&'a str),
}

impl Kind<'_> {
    /// The entity kind of findings: `goal`, `SVID item`.
    fn entity_kind(self) -> &'static str {
        match self {
            Kind::Goal => "goal",
            Kind::Indicator => "indicator",
            Kind::Breakdown => "breakdown",
            Kind::Column => "column",
            Kind::Activity => "activity",
            Kind::Task | Kind::TaskOf(_) => "task",
            Kind::Institution => "institution",
            Kind::SvidItem => "SVID item",
            Kind::Event => "event",
            Kind::Section => "section",
            Kind::Table => "table",
        }
    }

    /// The English noun: `goal`, `task of activity `a1``.
    fn en(self) -> String {
        match self {
            Kind::TaskOf(a) => format!("task of activity `{a}`"),
            other => other.entity_kind().to_string(),
        }
    }

    /// Genitive singular: „mērķa”, „aktivitātes `a1` darba uzdevuma”.
    fn genitive(self) -> String {
        match self {
            Kind::Goal => "mērķa".into(),
            Kind::Indicator => "rādītāja".into(),
            Kind::Breakdown => "iedalījuma".into(),
            Kind::Column => "kolonnas".into(),
            Kind::Activity => "aktivitātes".into(),
            Kind::Task => "darba uzdevuma".into(),
            Kind::Institution => "institūcijas".into(),
            Kind::SvidItem => "SVID punkta".into(),
            Kind::Event => "uzraudzības notikuma".into(),
            Kind::Section => "sadaļas".into(),
            Kind::Table => "tabulas".into(),
            Kind::TaskOf(a) => format!("aktivitātes `{a}` darba uzdevuma"),
        }
    }

    /// Genitive plural: „mērķu”, „aktivitātes `a1` darba uzdevumu”.
    fn genitive_plural(self) -> String {
        match self {
            Kind::Goal => "mērķu".into(),
            Kind::Indicator => "rādītāju".into(),
            Kind::Breakdown => "iedalījumu".into(),
            Kind::Column => "kolonnu".into(),
            Kind::Activity => "aktivitāšu".into(),
            Kind::Task => "darba uzdevumu".into(),
            Kind::Institution => "institūciju".into(),
            Kind::SvidItem => "SVID punktu".into(),
            Kind::Event => "uzraudzības notikumu".into(),
            Kind::Section => "sadaļu".into(),
            Kind::Table => "tabulu".into(),
            Kind::TaskOf(a) => format!("aktivitātes `{a}` darba uzdevumu"),
        }
    }

    /// That none is defined: „nav neviena mērķa”, „nav nevienas kolonnas”.
    fn none_defined(self) -> String {
        match self {
            Kind::TaskOf(a) => format!("aktivitātei `{a}` nav neviena darba uzdevuma"),
            Kind::Column | Kind::Activity | Kind::Institution | Kind::Section | Kind::Table => {
                format!("nav nevienas {}", self.genitive())
            }
            _ => format!("nav neviena {}", self.genitive()),
        }
    }

    /// „katram mērķim”, „katrai aktivitātei”.
    fn each_dative(self) -> &'static str {
        match self {
            Kind::Goal => "katram mērķim",
            Kind::Indicator => "katram rādītājam",
            Kind::Breakdown => "katram iedalījumam",
            Kind::Column => "katrai kolonnai",
            Kind::Activity => "katrai aktivitātei",
            Kind::Task | Kind::TaskOf(_) => "katram darba uzdevumam",
            Kind::Institution => "katrai institūcijai",
            Kind::SvidItem => "katram SVID punktam",
            Kind::Event => "katram uzraudzības notikumam",
            Kind::Section => "katrai sadaļai",
            Kind::Table => "katrai tabulai",
        }
    }
}

pub fn check(p: &Programme, ix: &Index<'_>, sink: &mut Sink) {
    duplicates(p, sink);
    goal_refs(p, ix, sink);
    institution_refs(p, ix, sink);
    responsible_differs(p, ix, sink);
}

/// `unknown-reference`: a cross-reference in prose (`[](#tab:t-1-4)`, see
/// [`crate::render::crossref`]) to a table, figure or chapter the document does not have. The
/// targets are the rendered document's own ([`crate::render::view::target_keys`]), so what
/// `check` accepts every format resolves. The
/// finding is at the reference itself when the YAML writes it literally, else at the field.
pub fn unknown_references(p: &Programme, sources: &crate::model::Sources, sink: &mut Sink) {
    use crate::render::crossref;
    let fields = crossref::prose_fields(p);
    if !fields.iter().any(|(f, _)| f.value.contains("](#")) {
        return;
    }
    let targets = crate::render::view::target_keys(p);
    let keys: Vec<&str> = targets.iter().map(String::as_str).collect();
    for (field, path) in fields {
        let mut from = field.loc.offset as usize;
        for r in crossref::find(&field.value) {
            if keys.contains(&r.key.as_str()) {
                continue;
            }
            let written = &field.value[r.start..r.end];
            let mut loc = field.loc;
            if let Some(text) = sources.get(field.loc.file).map(|s| s.text.as_str())
                && let Some(at) = text.get(from..).and_then(|t| t.find(written)).map(|i| from + i)
            {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let line = text[..at].matches('\n').count() + 1;
                let column = text[line_start..at].chars().count() + 1;
                loc = crate::model::Loc::new(
                    field.loc.file,
                    u32::try_from(line).unwrap_or(u32::MAX),
                    u32::try_from(column).unwrap_or(u32::MAX),
                    u32::try_from(at).unwrap_or(u32::MAX),
                );
                from = at + written.len();
            }
            let (kind, id) = r.key.split_once(':').unwrap_or(("", &r.key));
            let same_kind = keys
                .iter()
                .filter_map(|k| k.strip_prefix(kind)?.strip_prefix(':'));
            let other_kind = keys
                .iter()
                .find(|k| k.split_once(':').is_some_and(|(_, i)| i == id));
            // What a kind of target is called: „a table” / „tabula” (Latvian nominative).
            let word = |kind: &str| match kind {
                "tab" => ("a table", "tabula"),
                "fig" => ("a figure", "attēls"),
                _ => ("a chapter or section", "nodaļa vai sadaļa"),
            };
            let help = match (other_kind, did_you_mean(id, same_kind)) {
                (Some(k), _) => {
                    let (is, not) = (word(k.split_once(':').map_or("", |(k, _)| k)), word(kind));
                    tr!(
                        en("`{id}` is {}, not {}: write `#{k}`", is.0, not.0),
                        lv("`{id}` ir {}, nevis {}: rakstiet `#{k}`", is.1, not.1),
                    )
                }
                (None, Some(s)) => tr!(
                    en("did you mean `#{kind}:{s}`?"),
                    lv("varbūt domāts `#{kind}:{s}`?"),
                ),
                (None, None) => tr!(
                    en(
                        "refer to a table (`#tab:` and its id, or `svid`, `goals`, `indicators`, `plan`, `monitoring`...), a figure (`#fig:`) or a chapter (`#sec:`)"
                    ),
                    lv(
                        "atsaucieties uz tabulu (`#tab:` un tās identifikators vai `svid`, `goals`, `indicators`, `plan`, `monitoring`…), attēlu (`#fig:`) vai nodaļu (`#sec:`)"
                    ),
                ),
            };
            let key = &r.key;
            sink.push(
                Diagnostic::new(
                    Code::UnknownReference,
                    loc,
                    tr!(
                        en("`{written}` refers to `{key}`, which the document does not have"),
                        lv("`{written}` atsaucas uz `{key}`, bet dokumentā tāda nav"),
                    ),
                )
                .path(path.clone())
                .help(help),
            );
        }
    }
}

/// `responsible-differs`: the resource plan's responsible body is who acquires the resource,
/// which need not be who runs the activity; a contradiction is a resource plan naming no body
/// the action plan has anything to do with for that activity: none of its responsible or
/// involved bodies, nor its tasks' executors or supervisors (compared as the registry resolves
/// them, so a short form and the full name are one body). One finding per activity, at the
/// resource plan's list.
fn responsible_differs(p: &Programme, ix: &Index<'_>, sink: &mut Sink) {
    let Some(f) = &p.plan else { return };
    let body = |r: &Sp<String>| {
        ix.institution(&r.value)
            .map(str::to_string)
            .unwrap_or_else(|| super::norm_name(&r.value))
    };
    for (i, a) in f.activities.iter().enumerate() {
        let Some(res) = &a.resources else { continue };
        let (Some(first), false) = (res.responsible.first(), a.responsible.is_empty()) else {
            continue;
        };
        let roles: std::collections::BTreeSet<String> = a
            .responsible
            .iter()
            .chain(&a.involved)
            .chain(
                a.tasks
                    .iter()
                    .flat_map(|t| t.executor.iter().chain(&t.supervisor)),
            )
            .map(body)
            .collect();
        if res.responsible.iter().any(|r| roles.contains(&body(r))) {
            continue;
        }
        let names = |refs: &[Sp<String>]| {
            refs.iter()
                .map(|r| r.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        sink.push(
            Diagnostic::new(
                Code::ResponsibleDiffers,
                first.loc,
                tr!(
                    en(
                        "the resource plan names {} responsible for „{}”, a body the action plan gives no role in it (responsible: {})",
                        names(&res.responsible),
                        a.title.value,
                        names(&a.responsible)
                    ),
                    lv(
                        "par aktivitāti „{}” resursu plānā atbild {}, bet rīcības plānā šai institūcijai tajā nav nekādas lomas (atbildīgā: {})",
                        a.title.value,
                        names(&res.responsible),
                        names(&a.responsible)
                    ),
                ),
            )
            .path(format!("activities[{i}].resources.responsible"))
            .entity(crate::diag::Entity::new("activity", &a.id, Some(&a.title)))
            .help(tr!(
                en("the body that acquires an activity's resources takes part in it: name it among the activity's responsible or involved bodies, or its tasks' executors or supervisors"),
                lv("institūcija, kas piesaista aktivitātei resursus, tajā piedalās: norādiet to starp aktivitātes atbildīgajām vai iesaistītajām institūcijām vai darba uzdevumu izpildītājiem vai uzraugiem"),
            )),
        );
    }
}

/// An entity's id, its title and the YAML path of the id.
type Item<'a> = (&'a Sp<String>, Option<&'a Sp<String>>, String);

/// Reports each id of `items` (id, title, path) that an earlier item already has. The finding
/// names the second entity, with its title, so two entities that share an id can be told apart.
/// The path is built only for an id that is reported.
fn dup_ids<'a, P: FnOnce() -> String>(
    kind: Kind<'static>,
    items: impl IntoIterator<Item = (&'a Sp<String>, Option<&'a Sp<String>>, P)>,
    sink: &mut Sink,
) {
    let mut seen: HashMap<&str, &Sp<String>> = HashMap::new();
    for (id, title, path) in items {
        if let Some(first) = seen.get(id.value.as_str()) {
            sink.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    id.loc,
                    tr!(
                        en("{} id `{}` is used twice", kind.en(), id.value),
                        lv(
                            "{} identifikators `{}` lietots divreiz",
                            kind.genitive(),
                            id.value
                        ),
                    ),
                )
                .path(path())
                .entity(Entity::new(kind.entity_kind(), id, title))
                .help(tr!(
                    en(
                        "first used at line {}; give each {} its own id",
                        first.loc.line,
                        kind.en()
                    ),
                    lv(
                        "pirmoreiz lietots {}. rindā; piešķiriet {} savu identifikatoru",
                        first.loc.line,
                        kind.each_dative()
                    ),
                )),
            );
        } else {
            seen.insert(id.value.as_str(), id);
        }
    }
}

fn duplicates(p: &Programme, sink: &mut Sink) {
    if let Some(f) = &p.goals {
        dup_ids(
            Kind::Goal,
            f.goals
                .iter()
                .enumerate()
                .map(|(i, g)| (&g.id, Some(&g.title), move || at("goals", i, "id"))),
            sink,
        );
    }
    if let Some(f) = &p.indicators {
        dup_ids(
            Kind::Indicator,
            f.indicators
                .iter()
                .enumerate()
                .map(|(i, x)| (&x.id, Some(&x.title), move || at("indicators", i, "id"))),
            sink,
        );
        for (i, ind) in f.indicators.iter().enumerate() {
            dup_ids(
                Kind::Breakdown,
                ind.breakdowns.iter().enumerate().map(|(j, b)| {
                    (&b.key, Some(&b.label), move || {
                        format!("indicators[{i}].breakdowns[{j}].key")
                    })
                }),
                sink,
            );
        }
    }
    if let Some(f) = &p.plan {
        dup_ids(
            Kind::Activity,
            f.activities
                .iter()
                .enumerate()
                .map(|(i, a)| (&a.id, Some(&a.title), move || at("activities", i, "id"))),
            sink,
        );
        dup_ids(
            Kind::Task,
            f.activities.iter().enumerate().flat_map(|(i, a)| {
                a.tasks.iter().enumerate().map(move |(j, t)| {
                    (&t.id, Some(&t.title), move || {
                        format!("activities[{i}].tasks[{j}].id")
                    })
                })
            }),
            sink,
        );
    }
    if let Some(f) = &p.institutions {
        dup_ids(
            Kind::Institution,
            f.institutions
                .iter()
                .enumerate()
                .map(|(i, x)| (&x.id, Some(&x.name), move || at("institutions", i, "id"))),
            sink,
        );
    }
    if let Some(f) = &p.svid {
        dup_ids(
            Kind::SvidItem,
            f.quadrants().into_iter().flat_map(|(q, items)| {
                items
                    .iter()
                    .enumerate()
                    .map(move |(i, x)| (&x.id, Some(&x.text), move || at(q, i, "id")))
            }),
            sink,
        );
    }
    if let Some(f) = &p.monitoring {
        dup_ids(
            Kind::Event,
            f.events
                .iter()
                .enumerate()
                .map(|(i, x)| (&x.id, Some(&x.title), move || at("events", i, "id"))),
            sink,
        );
    }
    if let Some(f) = &p.situation {
        let mut sections = Vec::new();
        let mut tables = Vec::new();
        fn walk<'a>(s: &'a Section, path: String, sections: &mut Vec<Item<'a>>, tables: &mut Vec<Item<'a>>) {
            sections.push((&s.id, Some(&s.title), format!("{path}.id")));
            for (i, t) in s.tables.iter().enumerate() {
                tables.push((&t.id, Some(&t.caption), format!("{path}.tables[{i}].id")));
            }
            for (i, c) in s.sections.iter().enumerate() {
                walk(c, format!("{path}.sections[{i}]"), sections, tables);
            }
        }
        for (i, s) in f.sections.iter().enumerate() {
            walk(s, format!("sections[{i}]"), &mut sections, &mut tables);
        }
        for (kind, items) in [(Kind::Section, sections), (Kind::Table, tables)] {
            dup_ids(
                kind,
                items
                    .into_iter()
                    .map(|(id, title, path)| (id, title, move || path)),
                sink,
            );
        }
    }
}

/// Reports `reference` if it is not one of `known`, suggesting the nearest. The path and the
/// entity are built only when it is reported.
pub(super) fn unknown<'k>(
    kind: Kind<'_>,
    reference: &Sp<String>,
    known: impl IntoIterator<Item = &'k str> + Clone,
    path: impl FnOnce() -> String,
    entity: impl FnOnce() -> Option<Entity>,
    sink: &mut Sink,
) {
    if known.clone().into_iter().any(|k| k == reference.value) {
        return;
    }
    let mut d = Diagnostic::new(
        Code::UnknownId,
        reference.loc,
        tr!(
            en("no {} has the id `{}`", kind.en(), reference.value),
            lv("nav {} ar identifikatoru `{}`", kind.genitive(), reference.value),
        ),
    )
    .path(path());
    if let Some(e) = entity() {
        d = d.entity(e);
    }
    let mut ids: Vec<&str> = known.into_iter().collect();
    ids.sort_unstable();
    d = match did_you_mean(&reference.value, ids.iter().copied()) {
        Some(s) => d.help(tr!(en("did you mean `{s}`?"), lv("varbūt domāts `{s}`?"))),
        None if ids.is_empty() => d.help(tr!(
            en("no {} is defined", kind.en()),
            lv("{}", kind.none_defined()),
        )),
        None => d.help(tr!(
            en("the {} ids are: {}", kind.en(), ids.join(", ")),
            lv("{} identifikatori: {}", kind.genitive_plural(), ids.join(", ")),
        )),
    };
    sink.push(d);
}

fn goal_refs(p: &Programme, ix: &Index<'_>, sink: &mut Sink) {
    let goals = || ix.goals.keys().copied();
    let indicators = || ix.indicators.keys().copied();
    if let Some(f) = &p.plan {
        for (i, a) in f.activities.iter().enumerate() {
            let e = || Some(Entity::new("activity", &a.id, Some(&a.title)));
            if p.goals.is_some() {
                unknown(
                    Kind::Goal,
                    &a.goal,
                    goals(),
                    || at("activities", i, "goal"),
                    e,
                    sink,
                );
            }
            if p.indicators.is_some() {
                for (j, r) in a.indicators.iter().enumerate() {
                    unknown(
                        Kind::Indicator,
                        r,
                        indicators(),
                        || format!("activities[{i}].indicators[{j}]"),
                        e,
                        sink,
                    );
                }
            }
        }
    }
    if let (Some(f), true) = (&p.indicators, p.goals.is_some()) {
        for (i, ind) in f.indicators.iter().enumerate() {
            for (j, r) in ind.goals.iter().enumerate() {
                let e = || Some(Entity::new("indicator", &ind.id, Some(&ind.title)));
                unknown(
                    Kind::Goal,
                    r,
                    goals(),
                    || format!("indicators[{i}].goals[{j}]"),
                    e,
                    sink,
                );
            }
        }
    }
    if let (Some(f), true) = (&p.svid, p.goals.is_some()) {
        for (q, items) in f.quadrants() {
            for (i, item) in items.iter().enumerate() {
                for (j, r) in item.goals.iter().enumerate() {
                    let e = || Some(Entity::new("SVID item", &item.id, Some(&item.text)));
                    unknown(Kind::Goal, r, goals(), || format!("{q}[{i}].goals[{j}]"), e, sink);
                }
            }
        }
    }
}

fn institution_refs(p: &Programme, ix: &Index<'_>, sink: &mut Sink) {
    if !ix.has_registry {
        return;
    }
    // The registry's spellings folded once, when the first unknown name turns up, and the
    // searches bounded in all (see `Suggester`): a plan naming thousands of bodies the
    // registry lacks is not using it, and would otherwise cost names times registry.
    let mut suggester: Option<crate::diag::Suggester<'_>> = None;
    // The path and entity are built only for a reference that does not resolve.
    let mut check = |r: &Sp<String>, path: &dyn Fn() -> String, entity: &dyn Fn() -> Option<Entity>| {
        if ix.institution(&r.value).is_some() {
            return;
        }
        let mut d = Diagnostic::new(
            Code::UnknownInstitution,
            r.loc,
            tr!(
                en("„{}” is not an institution in institutions.yaml", r.value),
                lv("failā `institutions.yaml` nav institūcijas „{}”", r.value),
            ),
        )
        .path(path());
        if let Some(e) = entity() {
            d = d.entity(e);
        }
        let suggester = suggester
            .get_or_insert_with(|| crate::diag::Suggester::new(ix.institution_spellings.iter().copied()));
        d = match suggester.suggest(&r.value) {
            Some(s) => d.help(tr!(
                en("did you mean „{s}”? Otherwise add it to institutions.yaml (as an institution or a `short` form)"),
                lv("varbūt domāta „{s}”? Ja ne, pievienojiet to failā `institutions.yaml` (kā institūciju vai saīsinājumu `short`)"),
            )),
            None => d.help(tr!(
                en("add it to institutions.yaml, or write the id, name or a short form of a registered institution"),
                lv("pievienojiet to failā `institutions.yaml` vai ierakstiet reģistrētas institūcijas identifikatoru, nosaukumu vai saīsinājumu"),
            )),
        };
        sink.push(d);
    };
    if let Some(f) = &p.plan {
        for (i, a) in f.activities.iter().enumerate() {
            let e = || Some(Entity::new("activity", &a.id, Some(&a.title)));
            for (j, r) in a.responsible.iter().enumerate() {
                check(r, &|| format!("activities[{i}].responsible[{j}]"), &e);
            }
            for (j, r) in a.involved.iter().enumerate() {
                check(r, &|| format!("activities[{i}].involved[{j}]"), &e);
            }
            for (k, t) in a.tasks.iter().enumerate() {
                let te = || Some(Entity::new("task", &t.id, Some(&t.title)));
                for (j, r) in t.executor.iter().enumerate() {
                    check(r, &|| format!("activities[{i}].tasks[{k}].executor[{j}]"), &te);
                }
                for (j, r) in t.supervisor.iter().enumerate() {
                    check(r, &|| format!("activities[{i}].tasks[{k}].supervisor[{j}]"), &te);
                }
            }
            if let Some(res) = &a.resources {
                for (j, r) in res.responsible.iter().enumerate() {
                    check(r, &|| format!("activities[{i}].resources.responsible[{j}]"), &e);
                }
            }
        }
    }
    if let Some(f) = &p.monitoring {
        for (i, ev) in f.events.iter().enumerate() {
            for (j, r) in ev.responsible.iter().enumerate() {
                check(r, &|| format!("events[{i}].responsible[{j}]"), &|| {
                    Some(Entity::new("event", &ev.id, Some(&ev.title)))
                });
            }
        }
    }
    if let Some(m) = &p.manifest {
        for (i, member) in m.working_group.iter().enumerate() {
            if let Some(r) = &member.institution {
                check(r, &|| format!("working_group[{i}].institution"), &|| None);
            }
        }
    }
}
