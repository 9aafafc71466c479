//! `pmp init`: a new programme folder from the templates embedded in the binary.
//! Every part is written with `TODO:` placeholders; existing files are never replaced.

use crate::cli::InitArgs;
use crate::model::Part;

use super::{OK, fail};

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

pub fn run(args: InitArgs) -> u8 {
    if args.from > args.to {
        return fail(format!("--from {} is after --to {}", args.from, args.to));
    }
    if let Some(problem) = crate::model::Period::problem(args.from, args.to) {
        return fail(format!("--from {} --to {}: {problem}", args.from, args.to));
    }
    let id: String = args
        .dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        return fail(format!(
            "{}: give a folder name for the programme",
            args.dir.display()
        ));
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
        return fail(format!("not overwriting existing files: {}", existing.join(", ")));
    }
    let results_dir = args.dir.join(Part::RESULTS_DIR);
    if let Err(e) = std::fs::create_dir_all(&results_dir) {
        return fail(format!("{}: {e}", results_dir.display()));
    }
    let mut written = Vec::new();
    for part in Part::WITH_SCHEMA {
        let path = match part {
            Part::Results => args.dir.join(&results),
            _ => args.dir.join(part.file_name()),
        };
        let text = fill(template(part), &id, &args.municipality, args.from, args.to);
        if let Err(e) = crate::fsutil::create_new(&path, text.as_bytes()) {
            // Nothing partial: the parts this run created go again.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return fail(format!("{}: {e}; nothing was written", path.display()));
        }
        written.push(path);
    }
    println!(
        "created {} with {} parts and an empty {results}; fill in the TODO: placeholders, then run `pmp check {}`",
        args.dir.display(),
        Part::ALL.len(),
        args.dir.display()
    );
    OK
}
