//! `pmp schema`: the JSON Schema of each part's file, generated from the model.

use crate::cli::{SchemaArgs, SchemaFormat};
use crate::model::Part;

use super::{OK, fail};

/// The schema text exactly as committed in `schemas/`.
pub fn schema_text(part: Part) -> String {
    let mut s = serde_json::to_string_pretty(&part.schema()).unwrap_or_default();
    s.push('\n');
    s
}

pub fn run(args: SchemaArgs) -> u8 {
    if args.format == SchemaFormat::Md {
        if args.out.is_some() {
            return fail("--out writes the JSON Schemas; the field reference (--format md) is printed");
        }
        print!("{}", super::reference::markdown());
        return OK;
    }
    if let Some(dir) = args.out {
        if std::fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
            return fail(format!(
                "--out {}: this is a file; --out names the folder the schemas are written into",
                dir.display()
            ));
        }
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return fail(format!("{}: {e}", dir.display()));
        }
        let files: Vec<_> = Part::WITH_SCHEMA
            .iter()
            .map(|part| {
                let path = dir.join(format!("{}.schema.json", part.name()));
                (path, schema_text(*part).into_bytes())
            })
            .collect();
        if let Err(e) = crate::fsutil::write_all_atomic(&files) {
            return fail(format!("{e}; no schema was replaced"));
        }
        return OK;
    }
    let Some(part) = Part::WITH_SCHEMA.into_iter().find(|p| p.name() == args.part) else {
        let names: Vec<&str> = Part::WITH_SCHEMA.iter().map(|p| p.name()).collect();
        return fail(format!(
            "`{}` is not a part; the parts are: {}",
            args.part,
            names.join(", ")
        ));
    };
    print!("{}", schema_text(part));
    OK
}
