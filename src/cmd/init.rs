//! `pmp init`: a new programme folder from the templates embedded in the binary.
//! Every part is written with `TODO:` placeholders; existing files are never replaced.
//!
//! Each part's first line names its JSON Schema for the editor. It must resolve from where
//! the file is: the nearest `schemas/` folder holding every part's schema in the programme
//! folder or above it (a project's committed `schemas/`), else a `schemas/` folder written
//! into the programme folder from this binary.

use std::path::{Component, Path, PathBuf};

use crate::cli::InitArgs;
use pmp::model::Part;

use pmp::tr;

use super::{Error, Outcome};

/// The embedded templates, one per part, with `{{municipality}}`, `{{from}}`, `{{to}}`, `{{id}}`.
fn template(part: Part) -> &'static str {
    match part {
        Part::Manifest => include_str!("../../templates/init/programme.yaml"),
        Part::Institutions => include_str!("../../templates/init/institutions.yaml"),
        Part::Situation => include_str!("../../templates/init/situation.yaml"),
        Part::Svid => include_str!("../../templates/init/svid.yaml"),
        Part::Goals => include_str!("../../templates/init/goals.yaml"),
        Part::Indicators => include_str!("../../templates/init/indicators.yaml"),
        Part::Plan => include_str!("../../templates/init/plan.yaml"),
        Part::Monitoring => include_str!("../../templates/init/monitoring.yaml"),
        Part::Results => include_str!("../../templates/init/results.yaml"),
    }
}

/// Fills a template's placeholders. Values go into double-quoted YAML scalars.
pub fn fill(text: &str, id: &str, municipality: &str, from: i32, to: i32) -> String {
    let quoted = municipality.replace('\\', "\\\\").replace('"', "\\\"");
    let years: Vec<String> = (from..=to).map(|y| y.to_string()).collect();
    text.replace("{{id}}", id)
        .replace("{{municipality}}", &quoted)
        .replace("{{from}}", &from.to_string())
        .replace("{{to}}", &to.to_string())
        .replace("{{years}}", &years.join(", "))
        .replace("{{mid}}", &((from + to) / 2).to_string())
}

/// The header the templates are written with, before [`schema_dir`] is known.
const TEMPLATE_SCHEMAS: &str = "$schema=../../schemas/";

/// `path` made absolute against the current folder, `.` and `..` resolved lexically.
fn absolute(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Where the part files' `$schema` lines point, relative to the programme folder `dir`, and
/// whether the schemas are to be written there: the nearest `schemas/` folder at or above
/// `dir` that holds every part's schema, else `schemas` inside `dir`, to be written.
pub fn schema_dir(dir: &Path) -> (String, bool) {
    let abs = absolute(dir);
    for (up, anc) in abs.ancestors().enumerate() {
        let schemas = anc.join("schemas");
        if Part::WITH_SCHEMA
            .iter()
            .all(|p| schemas.join(format!("{}.schema.json", p.name())).is_file())
        {
            return (format!("{}schemas", "../".repeat(up)), false);
        }
    }
    ("schemas".to_string(), true)
}

/// The programme id for a folder name: lower case ASCII, Latvian letters without their marks
/// as Latvians write them in addresses and file names (`Ādažu-2025` → `adazu-2025`), anything
/// else a hyphen, with no hyphen at either end or two in a row.
pub(crate) fn programme_id(name: &str) -> String {
    pmp::lv::ascii_id(name, true, usize::MAX)
}

pub fn run(args: InitArgs) -> Result<Outcome, Error> {
    if args.from > args.to {
        let (from, to) = (args.from, args.to);
        return Err(Error::from(tr!(
            en("--from {from} is after --to {to}"),
            lv("--from {from} ir vēlāk par --to {to}"),
        )));
    }
    if let Some(problem) = pmp::model::Period::problem(args.from, args.to) {
        let (from, to) = (args.from, args.to);
        return Err(Error::from(tr!(
            en("--from {from} --to {to}: {}", problem.en),
            lv("--from {from} --to {to}: {}", problem.lv),
        )));
    }
    // The name goes into programme.yaml as one quoted line: a line break would end it there,
    // and a control character is a finding of its own (`control-character`).
    if args.municipality.chars().any(char::is_control) {
        let shown = pmp::diag::visible_controls(&args.municipality).into_owned();
        return Err(Error::from(tr!(
            en(
                "--municipality „{shown}”: a municipality's name is one line of text, without line breaks or control characters"
            ),
            lv(
                "--municipality „{shown}”: pašvaldības nosaukums ir viena teksta rinda bez rindu pārnesumiem un vadības rakstzīmēm"
            ),
        )));
    }
    let id = programme_id(
        &args
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    if id.is_empty() {
        let dir = args.dir.display();
        return Err(Error::from(tr!(
            en("{dir}: give a folder name for the programme"),
            lv("{dir}: norādiet programmas mapes nosaukumu"),
        )));
    }
    let results = Part::results_file(args.from);
    let existing: Vec<String> = Part::ALL
        .iter()
        .map(|p| args.dir.join(p.file_name()))
        .chain(std::iter::once(args.dir.join(&results)))
        // Anything at the name, even a broken link, which exists() does not see.
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        let existing = existing.join(", ");
        return Err(Error::from(tr!(
            en("not overwriting existing files: {existing}"),
            lv("esošie faili netiek pārrakstīti: {existing}"),
        )));
    }
    let results_dir = args.dir.join(Part::RESULTS_DIR);
    if let Err(e) = std::fs::create_dir_all(&results_dir) {
        return Err(Error::io(&results_dir, &e));
    }
    let (schemas, write_schemas) = schema_dir(&args.dir);
    if write_schemas {
        let out = args.dir.join(&schemas);
        if let Err(e) = std::fs::create_dir_all(&out) {
            return Err(Error::io(&out, &e));
        }
        for part in Part::WITH_SCHEMA {
            let path = out.join(format!("{}.schema.json", part.name()));
            let text = super::schema::schema_text(part);
            if let Err(e) = pmp::fsutil::write_atomic(&path, text.as_bytes()) {
                return Err(Error::io(&path, &e));
            }
        }
    }
    let mut written = Vec::new();
    for part in Part::WITH_SCHEMA {
        let path = match part {
            Part::Results => args.dir.join(&results),
            _ => args.dir.join(part.file_name()),
        };
        // The results file lives one folder down, in `results/`.
        let (marker, target) = match part {
            Part::Results => ("$schema=../../../schemas/", format!("$schema=../{schemas}/")),
            _ => (TEMPLATE_SCHEMAS, format!("$schema={schemas}/")),
        };
        let text =
            fill(template(part), &id, &args.municipality, args.from, args.to).replacen(marker, &target, 1);
        if let Err(e) = pmp::fsutil::create_new(&path, text.as_bytes()) {
            // Nothing partial: the parts this run created go again.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            let path = path.display();
            return Err(Error::from(tr!(
                en("{path}: {e}; nothing was written"),
                lv("{path}: {e}; nekas netika ierakstīts"),
            )));
        }
        written.push(path);
    }
    let (dir, n) = (args.dir.display(), Part::ALL.len());
    println!(
        "{}",
        tr!(
            en(
                "created {dir} with {n} parts and an empty {results}; fill in the TODO: placeholders, then run `pmp check {dir}`"
            ),
            lv(
                "izveidota mape {dir} ar {n} daļām un tukšu failu {results}; aizpildiet vietas, kas atzīmētas ar TODO:, un palaidiet `pmp check {dir}`"
            ),
        )
    );
    if write_schemas {
        let at = args.dir.join(&schemas);
        let at = at.display();
        println!(
            "{}",
            tr!(
                en(
                    "wrote the JSON Schemas to {at} (the files' $schema lines point there; editors with a YAML language server check the files as you type)"
                ),
                lv(
                    "JSON shēmas ierakstītas mapē {at} (uz turieni norāda failu $schema rindas; redaktori ar YAML valodas serveri pārbauda failus rakstīšanas laikā)"
                ),
            )
        );
    } else {
        println!(
            "{}",
            tr!(
                en("the files' $schema lines point to {schemas}/ (relative to {dir})"),
                lv("failu $schema rindas norāda uz {schemas}/ (attiecībā pret {dir})"),
            )
        );
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::programme_id;

    #[test]
    fn latvian_folder_names_give_ascii_ids() {
        assert_eq!(programme_id("ādažu-2025-2029"), "adazu-2025-2029");
        assert_eq!(programme_id("Ķekavas programma"), "kekavas-programma");
        assert_eq!(programme_id("ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž"), "acegiklnsuz-acegiklnsuz");
        assert_eq!(programme_id("--demo  novads!"), "demo-novads");
        assert_eq!(programme_id("a_b"), "a_b");
        assert_eq!(programme_id("ŗ"), "");
    }
}
