//! `pmp schema`: the JSON Schema of each part's file, generated from the model.

use crate::cli::{SchemaArgs, SchemaFormat};
use pmp::model::Part;

use pmp::tr;

use super::{Error, Outcome};

/// The schema text exactly as committed in `schemas/`.
pub fn schema_text(part: Part) -> String {
    let mut s = serde_json::to_string_pretty(&part.schema()).unwrap_or_default();
    s.push('\n');
    s
}

pub fn run(args: SchemaArgs) -> Result<Outcome, Error> {
    if args.format == SchemaFormat::Md {
        if args.out.is_some() {
            return Err(Error::from(tr!(
                en("--out writes the JSON Schemas; the field reference (--format md) is printed"),
                lv("--out raksta JSON shēmas; lauku aprakstu (--format md) izdrukā ekrānā"),
            )));
        }
        print!("{}", super::reference::markdown());
        return Ok(Outcome::Clean);
    }
    if let Some(dir) = args.out {
        if std::fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
            let d = dir.display();
            return Err(Error::from(tr!(
                en("--out {d}: this is a file; --out names the folder the schemas are written into"),
                lv("--out {d}: tas ir fails, bet --out jānorāda mape, kurā rakstīt shēmas"),
            )));
        }
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Err(Error::io(&dir, &e));
        }
        let files: Vec<_> = Part::WITH_SCHEMA
            .iter()
            .map(|part| {
                let path = dir.join(format!("{}.schema.json", part.name()));
                (path, schema_text(*part).into_bytes())
            })
            .collect();
        if let Err(e) = pmp::fsutil::write_all_atomic(&files) {
            return Err(Error::from(tr!(
                en("{e}; no schema was replaced"),
                lv("{e}; neviena shēma netika aizstāta"),
            )));
        }
        return Ok(Outcome::Clean);
    }
    let Some(part) = Part::WITH_SCHEMA.into_iter().find(|p| p.name() == args.part) else {
        let names: Vec<&str> = Part::WITH_SCHEMA.iter().map(|p| p.name()).collect();
        let (part, names) = (&args.part, names.join(", "));
        return Err(Error::from(tr!(
            en("`{part}` is not a part; the parts are: {names}"),
            lv("`{part}` nav programmas daļa; daļas ir: {names}"),
        )));
    };
    print!("{}", schema_text(part));
    Ok(Outcome::Clean)
}
