//! `pmp import`: a programme folder from the municipality's Word document. Reads the `.docx`
//! (`pmp::import::docx`, within its budgets), builds the parts and `IMPORT.md`
//! (`pmp::import::recognise`), writes the folder as a whole (a new folder renamed into place,
//! never over an existing programme), then checks it as `pmp check` does and exits with that
//! result: 0 clean, 1 findings (the document's own contradictions), 2 a file it cannot read
//! or a folder it will not write.

use std::io::Read as _;
use std::path::Path;

use crate::cli::{CheckArgs, CheckFormat, Color, ImportArgs};
use pmp::import::{docx, recognise};
use pmp::tr;

use super::{Error, Outcome};

/// Reads at most `limit` bytes of the file, failing past it.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(&path, &e))?;
    let mut bytes = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&path, &e))?;
    if bytes.len() as u64 > limit {
        let (p, mib) = (path.display(), limit >> 20);
        return Err(tr!(
            en("{p}: the file is larger than the {mib} MiB pmp reads"),
            lv("{p}: fails ir lielāks par {mib} MiB, ko pmp lasa"),
        )
        .into());
    }
    Ok(bytes)
}

/// Whether `out` is free to become the programme folder: absent, or an empty folder.
fn refuse_existing(out: &Path) -> Result<(), Error> {
    let o = out.display();
    match std::fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(m) if m.is_dir() => {
            let empty = std::fs::read_dir(out)
                .map_err(|e| Error::io(&out, &e))?
                .next()
                .is_none();
            if empty {
                Ok(())
            } else {
                Err(Error::from(tr!(
                    en("--out {o}: the folder exists and is not empty; the import never writes over a programme"),
                    lv("--out {o}: mape jau pastāv un nav tukša; imports nekad neraksta pāri programmai"),
                ))
                .help(tr!(
                    en("name a new folder, e.g. --out {o}-import"),
                    lv("norādiet jaunu mapi, piemēram, --out {o}-import"),
                )))
            }
        }
        Ok(_) => Err(tr!(
            en("--out {o}: this is a file; --out names the programme folder to create"),
            lv("--out {o}: tas ir fails, bet --out jānorāda veidojamā programmas mape"),
        )
        .into()),
    }
}

/// Writes every file into a new folder beside `out`, then renames it to `out`: the folder
/// appears whole or not at all.
fn write_folder(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Error> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, &e))?;
    let staging = tempfile::Builder::new()
        .prefix(".pmp-import-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, &e))?;
    for (name, bytes) in files {
        let path = staging.path().join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(&dir, &e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, &e))?;
    }
    if std::fs::symlink_metadata(out).is_ok() {
        // An empty folder (checked before): replaced by the new one.
        std::fs::remove_dir(out).map_err(|e| Error::io(&out, &e))?;
    }
    let kept = staging.keep();
    std::fs::rename(&kept, out).map_err(|e| {
        let _ = std::fs::remove_dir_all(&kept);
        Error::io(&out, &e)
    })
}

pub fn run(args: ImportArgs) -> Result<Outcome, Error> {
    let budget = docx::Budget::default();
    let file = args.file.display().to_string();
    refuse_existing(&args.out)?;
    let bytes = read_bounded(&args.file, budget.file)?;
    let doc = docx::read(&bytes, budget).map_err(|e| {
        let part = if e.part.is_empty() {
            String::new()
        } else {
            format!("{}: ", e.part)
        };
        Error::from(tr!(
            en("{file}: {part}{}", e.message.en),
            lv("{file}: {part}{}", e.message.lv),
        ))
        .help(tr!(
            en("pmp reads Word documents (.docx); convert .doc, .rtf or .odt with `soffice --headless --convert-to docx FILE`"),
            lv("pmp lasa Word dokumentus (.docx); .doc, .rtf vai .odt failu pārveidojiet ar `soffice --headless --convert-to docx FILE`"),
        ))
    })?;
    drop(bytes);
    let name = args
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = super::init::programme_id(&name);
    if !pmp::fsutil::safe_file_stem(&id) {
        let o = args.out.display();
        return Err(tr!(
            en("--out {o}: the folder's name gives no usable programme id („{id}”)"),
            lv("--out {o}: no mapes nosaukuma nevar izveidot derīgu programmas identifikatoru („{id}”)"),
        )
        .into());
    }
    let source = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    let mut output = recognise::build(&doc, &id, &source);
    let (schemas, write_schemas) = super::init::schema_dir(&args.out);
    for (name, bytes) in &mut output.files {
        if name.ends_with(".yaml") {
            let text = String::from_utf8_lossy(bytes).replacen(
                "$schema=schemas/",
                &format!("$schema={schemas}/"),
                1,
            );
            *bytes = text.into_bytes();
        }
    }
    if write_schemas {
        for part in pmp::model::Part::WITH_SCHEMA {
            output.files.push((
                format!("{schemas}/{}.schema.json", part.name()),
                super::schema::schema_text(part).into_bytes(),
            ));
        }
    }
    write_folder(&args.out, &output.files)?;
    let (o, h, t, f, a) = (
        args.out.display(),
        output.headings,
        output.tables,
        output.figures,
        output.attention,
    );
    eprintln!(
        "{}",
        tr!(
            en(
                "imported {file} into {o}: {h} headings, {t} tables, {f} figures; {a} points need a person (see {o}/IMPORT.md); checking it now"
            ),
            lv(
                "{file} importēts mapē {o}: virsraksti – {h}, tabulas – {t}, attēli – {f}; cilvēka uzmanība vajadzīga {a} vietās (skatiet {o}/IMPORT.md); tagad to pārbauda"
            ),
        )
    );
    super::check::run(CheckArgs {
        paths: vec![args.out.clone()],
        format: CheckFormat::Human,
        deny: None,
        config: None,
        quiet: false,
        list_rules: false,
        color: Color::Auto,
        select: Vec::new(),
        ignore: Vec::new(),
        statistics: false,
        fix: false,
        unsafe_fixes: false,
        diff: false,
    })
}
