//! `pmp show PATH`: a programme folder, or a single part file, as canonical line-oriented
//! text (`goal g1 title: ...`), stable across reorderings; `git diff` uses it as textconv.

use std::path::Path;

use crate::cli::ShowArgs;
use pmp::diag::Sink;
use pmp::diff;
use pmp::load::yaml;
use pmp::model::{Part, Programme};

use pmp::tr;

use super::{Error, Outcome};

pub fn run(args: ShowArgs) -> Result<Outcome, Error> {
    if args.path.is_file() {
        return file(&args.path);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let arg = args.path.to_string_lossy();
    let o = super::diff::report(&arg, diff::open(&arg, &cwd))?;
    super::write_out(&diff::show(&diff::canonical(&o.programme)));
    Ok(Outcome::Clean)
}

/// The part a file holds, by its name: `plan.yaml`, or git's temporary `XXXXXX_plan.yaml`.
fn part_of(path: &Path) -> Option<Part> {
    let name = path.file_name()?.to_string_lossy();
    let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))?;
    // A year's results, `results/2025.yaml` (git's copy: `XXXXXX_2025.yaml`).
    let year = stem.rsplit('_').next().unwrap_or(stem);
    if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Part::Results);
    }
    Part::ALL
        .into_iter()
        .find(|p| stem == p.name() || stem.ends_with(&format!("_{}", p.name())))
}

/// One part file. A YAML file that does not parse, or is not a part, is printed as it is
/// (with a warning), so a `git diff` through textconv still shows something.
fn file(path: &Path) -> Result<Outcome, Error> {
    let yaml_name = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    if !yaml_name {
        let names: Vec<String> = Part::ALL.iter().map(|p| p.file_name()).collect();
        let (shown, names) = (path.display(), names.join(", "));
        return Err(Error::from(tr!(
            en("{shown}: not a part of a programme (the parts are: {names})"),
            lv("{shown}: tā nav programmas daļa (daļas ir: {names})"),
        )));
    }
    let text = match pmp::load::read_file(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => return Err(Error::io(&path, &e)),
    };
    // Another YAML file beside the parts (a textconv pattern matches it too): as it is.
    let Some(part) = part_of(path) else {
        let shown = path.display();
        eprintln!(
            "{}",
            tr!(
                en("warning: {shown} is not a part of a programme; printed as it is"),
                lv("brīdinājums: {shown} nav programmas daļa; izdrukāts, kā ir"),
            )
        );
        super::write_out(&pmp::diag::visible_controls(&text));
        return Ok(Outcome::Clean);
    };
    let mut sink = Sink::default();
    let mut p = Programme::default();
    let parsed = match part {
        Part::Manifest => yaml::parse(0, part, &text, &mut sink).map(|v| p.manifest = Some(v)),
        Part::Institutions => yaml::parse(0, part, &text, &mut sink).map(|v| p.institutions = Some(v)),
        Part::Situation => yaml::parse(0, part, &text, &mut sink).map(|v| p.situation = Some(v)),
        Part::Svid => yaml::parse(0, part, &text, &mut sink).map(|v| p.svid = Some(v)),
        Part::Goals => yaml::parse(0, part, &text, &mut sink).map(|v| p.goals = Some(v)),
        Part::Indicators => yaml::parse(0, part, &text, &mut sink).map(|v| p.indicators = Some(v)),
        Part::Plan => yaml::parse(0, part, &text, &mut sink).map(|v| p.plan = Some(v)),
        Part::Monitoring => yaml::parse(0, part, &text, &mut sink).map(|v| p.monitoring = Some(v)),
        Part::Results => yaml::parse::<pmp::model::ResultsFile>(0, part, &text, &mut sink).map(|v| {
            p.results
                .insert(v.year.value, pmp::model::YearResults { file: 0, data: v });
        }),
    };
    if parsed.is_none() {
        let (shown, n) = (path.display(), sink.diagnostics.len());
        eprintln!(
            "{}",
            tr!(
                en("warning: {shown} does not load ({n} findings; `pmp check` names them); printed as it is"),
                lv(
                    "brīdinājums: {shown} nevar nolasīt (konstatētas problēmas: {n}; tās uzskaita `pmp check`); izdrukāts, kā ir"
                ),
            )
        );
        super::write_out(&pmp::diag::visible_controls(&text));
        return Ok(Outcome::Clean);
    }
    super::write_out(&diff::show_part(&diff::canonical(&p), part));
    Ok(Outcome::Clean)
}
