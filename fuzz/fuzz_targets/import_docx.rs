//! Reading a Word document: fuzzed bytes as a whole `.docx`, and fuzzed XML as its
//! `word/document.xml` (and `word/styles.xml`, `word/numbering.xml`) in a well-formed zip, so
//! the XML reader, the grid rebuilding and the recognising get past the zip layer. What must
//! hold: no panic, no hang, memory within the budgets; an error always names a part or the file;
//! a document that reads builds a programme folder whose YAML parts parse.
#![no_main]

use std::io::Write;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use pmp::import::{docx, recognise};

#[derive(Debug, Arbitrary)]
struct Input {
    raw: bool,
    document: Vec<u8>,
    styles: Vec<u8>,
    numbering: Vec<u8>,
}

const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

fn zipped(input: &Input) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, bytes) in [
        ("word/document.xml", input.document.as_slice()),
        ("word/styles.xml", input.styles.as_slice()),
        ("word/numbering.xml", input.numbering.as_slice()),
        ("word/_rels/document.xml.rels", RELS.as_bytes()),
    ] {
        if zip.start_file(name, opts).is_err() || zip.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fuzz_target!(|input: Input| {
    let bytes = if input.raw { input.document.clone() } else { zipped(&input) };
    let budget = docx::Budget {
        file: 4 << 20,
        total: 16 << 20,
        part: 8 << 20,
        ..docx::Budget::default()
    };
    match docx::read(&bytes, budget) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(doc) => {
            let out = recognise::build(&doc, "fuzz", "fuzz.docx");
            for (name, bytes) in &out.files {
                if name.ends_with(".yaml") {
                    let text = std::str::from_utf8(bytes).expect("YAML is UTF-8");
                    let parsed: Result<serde_json::Value, _> = serde_saphyr::from_str(text);
                    assert!(parsed.is_ok(), "{name} does not parse: {parsed:?}\n{text}");
                }
            }
        }
    }
});
