//! `unrecorded-amendment` (family period): the programme's files have substantive changes (see
//! `crate::diff::classify`) against the git revision the last council decision adopted, and no
//! amendment records them.
//!
//! The adopted revision is the latest of the manifest's `adopted_revision` and the last
//! amendment's `revision`. The rule runs only when `adopted_revision` is set (a programme
//! without it costs nothing) and says nothing when git, the repository or the revision is not
//! available, or that revision does not load: it never fails a check. [`adopted`] reads the
//! revision (git), once, into [`crate::check::Facts`]; [`check`] only compares.

use std::path::Path;

use crate::diag::{Code, Diagnostic, Family, Severity, Sink};
use crate::diff::{self, Class, Kind, git};
use crate::i18n::Lang;
use crate::model::{Programme, Sp};
use crate::tr;

/// An entity kind of a change in Latvian, and whether the noun is feminine (for the
/// participle that agrees with it): `("mērķis", false)`, `("aktivitāte", true)`.
fn kind_lv(kind: &str) -> (&'static str, bool) {
    match kind {
        "programme" => ("programma", true),
        "member" => ("darba grupas loceklis", false),
        "amendment" => ("aktualizācija", true),
        "institution" => ("institūcija", true),
        "section" => ("sadaļa", true),
        "table" => ("tabula", true),
        "svid-item" => ("SVID punkts", false),
        "goal" => ("mērķis", false),
        "indicator" => ("rādītājs", false),
        "activity" => ("aktivitāte", true),
        "task" => ("darba uzdevums", false),
        "event" => ("uzraudzības notikums", false),
        "results" => ("gada rezultātu fails", false),
        "indicator-result" => ("rādītāja sasniegtā vērtība", true),
        "activity-result" => ("aktivitātes izpilde", true),
        _ => ("vienība", true),
    }
}

/// One change named in Latvian: `mērķis `g1`: mainīts lauks `title``, `aktivitāte `a3`
/// pievienota`.
fn change_lv(c: &diff::Change) -> String {
    let (noun, feminine) = kind_lv(c.entity_kind);
    let id = if c.id.is_empty() {
        String::new()
    } else {
        format!(" `{}`", c.id)
    };
    let done = |m: &str, f: &str| if feminine { f.to_string() } else { m.to_string() };
    match (&c.field, c.kind) {
        (Some(f), _) => format!("{noun}{id}: mainīts lauks `{f}`"),
        (None, Kind::Added) => format!("{noun}{id} {}", done("pievienots", "pievienota")),
        (None, Kind::Removed) => format!("{noun}{id} {}", done("izņemts", "izņemta")),
        (None, Kind::Changed) => format!("{noun}{id} {}", done("mainīts", "mainīta")),
    }
}

/// How many of the changes the message names.
const SHOWN: usize = 3;

/// The programme as the council adopted it: the revision (`base`) and what it held.
#[derive(Debug)]
pub struct Adopted {
    pub base: String,
    pub programme: Programme,
}

/// Reads the adopted revision from git (the rule's only input from outside the programme's
/// files): `None` when the programme names none, or git, the repository or the revision is not
/// available, or that revision does not load.
pub fn adopted(p: &Programme) -> Option<Adopted> {
    let m = p.manifest.as_ref()?;
    let adopted = m.adopted_revision.as_ref()?;
    let dir = folder(p);
    let base = latest(
        dir,
        adopted,
        m.amendments.iter().rev().find_map(|a| a.revision.as_ref()),
    );
    let old = diff::load_revision(dir, base, ".").ok()?;
    let broken =
        old.sink.diagnostics.iter().any(|d| {
            d.severity == Severity::Error && matches!(d.code.family(), Family::Load | Family::Schema)
        });
    let programme = old.programmes.into_iter().next().filter(|_| !broken)?;
    Some(Adopted {
        base: base.to_string(),
        programme,
    })
}

fn folder(p: &Programme) -> &Path {
    if p.dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p.dir.as_path()
    }
}

/// The rule, on the adopted revision [`adopted`] read: no I/O here.
pub fn check(p: &Programme, adopted_revision: Option<&Adopted>, sink: &mut Sink) {
    let Some(Adopted { base, programme: old }) = adopted_revision else {
        return;
    };
    let Some(adopted) = p.manifest.as_ref().and_then(|m| m.adopted_revision.as_ref()) else {
        return;
    };
    let dir = folder(p);
    let changes = diff::diff(&diff::canonical(old), &diff::canonical(p));
    let substantive: Vec<&diff::Change> = changes.iter().filter(|c| c.class == Class::Substantive).collect();
    if substantive.is_empty() {
        return;
    }
    let mut named: Vec<String> = substantive
        .iter()
        .take(SHOWN)
        .map(|c| {
            let what = match (&c.field, c.kind) {
                (Some(f), _) => format!("{} {} {f}", c.entity_kind, c.id),
                (None, kind) => format!("{} {} {}", c.entity_kind, c.id, kind.as_str()),
            };
            what.trim().to_string()
        })
        .collect();
    let mut named_lv: Vec<String> = substantive.iter().take(SHOWN).map(|c| change_lv(c)).collect();
    if substantive.len() > SHOWN {
        named.push(format!("{} more", substantive.len() - SHOWN));
        named_lv.push(format!("vēl {}", substantive.len() - SHOWN));
    }
    let n = substantive.len();
    let shown_dir = dir.display();
    sink.push(
        Diagnostic::new(
            Code::UnrecordedAmendment,
            adopted.loc,
            tr!(
                en(
                    "{n} substantive change{} since the adopted revision `{base}` {} recorded in no amendment: {}",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "is" } else { "are" },
                    named.join(", ")
                ),
                lv(
                    "{} kopš pieņemtās versijas `{base}` {} nevienā grozījumā: {}",
                    Lang::Lv.count(n, "būtiska izmaiņa", "būtiskas izmaiņas"),
                    Lang::Lv.plural(n, "nav reģistrēta", "nav reģistrētas"),
                    named_lv.join(", ")
                ),
            ),
        )
        .path("adopted_revision")
        .help(tr!(
            en(
                "a change like this needs a council decision: record it under `amendments` with its `revision`; \
                 `pmp diff {base}:{shown_dir} {shown_dir}` lists every change"
            ),
            lv(
                "šādām izmaiņām vajadzīgs domes lēmums: ierakstiet grozījumu sadaļā `amendments` ar tā versiju \
                 (`revision`); visas izmaiņas uzskaita `pmp diff {base}:{shown_dir} {shown_dir}`"
            ),
        )),
    );
}

/// The later of the two revisions (the amendment's unless `adopted_revision` descends from
/// it).
fn latest<'a>(dir: &Path, adopted: &'a Sp<String>, amended: Option<&'a Sp<String>>) -> &'a str {
    match amended {
        Some(a) if a.value != adopted.value && !git::is_ancestor(dir, a, adopted) => a,
        _ => adopted,
    }
}
