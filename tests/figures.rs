//! Every figure of the real programmes reaches the council's document as the source printed
//! it: each numeric table cell, stated total, stated percentage and indicator value is taken
//! from the YAML's own text (not from the float), written the Latvian way (`10,763`, `0,20`,
//! `10 249`), and must appear in the seed document and in the rendered Markdown, HTML and Word
//! files as often as the programme holds it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use pmp::model::{Cell, Loc, Number, Programme, Section, Sources};

const NBSP: char = '\u{a0}';

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The scalar written at `loc` in its source file (YAML or CSV).
fn written(sources: &Sources, loc: Loc) -> String {
    let text = &sources.get(loc.file).expect("the figure's file").text;
    let rest = &text[loc.offset as usize..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(rest.len());
    rest[..end].replace('_', "")
}

/// A figure as written in YAML, in Latvian print: decimal comma, thousands grouped with a
/// no-break space from five digits on.
fn latvian(yaml: &str) -> String {
    let unsigned = yaml.trim_start_matches(['-', '+']);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && int.len() > 4 && (int.len() - i) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// The figures the programme states, in Latvian print: those its document prints (table
/// cells, indicator baselines and targets) and those stated in the prose that the checker
/// reads (stated totals, percentages with their count and base).
fn figures(p: &Programme, sources: &Sources) -> (Vec<String>, Vec<String>) {
    let mut cells = Vec::new();
    let mut stated = Vec::new();
    fn walk(s: &Section, cells: &mut Vec<Loc>, stated: &mut Vec<Loc>) {
        for t in &s.tables {
            for row in &t.rows {
                for c in &row.cells {
                    if let Cell::Number(_) = c.value {
                        cells.push(c.loc);
                    }
                }
            }
            stated.extend(t.totals.iter().map(|d| d.value.loc));
        }
        for fact in &s.facts {
            stated.extend([fact.percent.loc, fact.count.loc, fact.base.loc]);
        }
        for c in &s.sections {
            walk(c, cells, stated);
        }
    }
    if let Some(s) = &p.situation {
        for sec in &s.sections {
            walk(sec, &mut cells, &mut stated);
        }
    }
    if let Some(f) = &p.indicators {
        let mut number = |n: &Number| cells.push(n.loc);
        for ind in &f.indicators {
            if ind.baseline.text.is_none() {
                ind.baseline.value.iter().for_each(&mut number);
                ind.baseline.values.iter().for_each(|b| number(&b.value));
            }
            for t in ind.targets.iter().filter(|t| t.text.is_none()) {
                t.value.iter().for_each(&mut number);
                t.values.iter().for_each(|b| number(&b.value));
            }
        }
    }
    let print = |locs: Vec<Loc>| locs.into_iter().map(|l| latvian(&written(sources, l))).collect();
    (print(cells), print(stated))
}

/// The figures in a text: runs of digits joined by a decimal comma or a no-break space, each
/// counted. With `loose`, a decimal point and a plain space count too (how the seeds print).
fn tokens(text: &str, loose: bool) -> BTreeMap<String, usize> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = BTreeMap::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut t = String::new();
        while i < chars.len() {
            let c = chars[i];
            let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            if c.is_ascii_digit() {
                t.push(c);
            } else if (c == ',' || (loose && c == '.')) && next_digit {
                t.push(',');
            } else if (c == NBSP || (loose && c == ' ')) && next_digit {
                t.push(NBSP);
            } else {
                break;
            }
            i += 1;
        }
        *out.entry(t).or_insert(0) += 1;
    }
    out
}

fn docx_text(path: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // The text of every run, each run's text a token boundary.
    let mut text = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else { continue };
        let body = &piece[start + 1..];
        let end = body.find("</w:t>").unwrap_or(0);
        text.push_str(&body[..end].replace("&amp;", "&"));
        text.push('\n');
    }
    text
}

/// What a figure loses on the way: the figures stated `n` times but found fewer times.
fn missing(expected: &[String], found: &BTreeMap<String, usize>) -> Vec<String> {
    let mut want: BTreeMap<&str, usize> = BTreeMap::new();
    for e in expected {
        *want.entry(e).or_insert(0) += 1;
    }
    want.into_iter()
        .filter(|(s, n)| found.get(*s).copied().unwrap_or(0) < *n)
        .map(|(s, n)| format!("{s} ×{n} (found {})", found.get(s).copied().unwrap_or(0)))
        .collect()
}

fn check_programme(name: &str) {
    let dir = root().join("programmes").join(name);
    let loaded = pmp::load::load(std::slice::from_ref(&dir));
    let p = &loaded.programmes[0];
    let (expected, _stated) = figures(p, &loaded.sources);
    assert!(
        expected.len() > 100,
        "{name}: only {} figures found",
        expected.len()
    );
    assert!(
        expected.iter().any(|e| e.contains(',')),
        "{name}: no figure with decimals, the test would prove nothing"
    );

    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_pmp"))
        .args([
            "render",
            dir.to_str().unwrap(),
            "--format",
            "all",
            "--allow-errors",
            "--out",
        ])
        .arg(out.path())
        .env("NO_COLOR", "1")
        .status()
        .unwrap();
    assert!(status.success(), "render {name}");
    let stem = out.path().join(name);
    let md = std::fs::read_to_string(stem.with_extension("md")).unwrap();
    let html = std::fs::read_to_string(stem.with_extension("html")).unwrap();
    let docx = docx_text(&stem.with_extension("docx"));
    for (format, text) in [("Markdown", md), ("HTML", html), ("Word", docx)] {
        let lost = missing(&expected, &tokens(&text, false));
        assert!(
            lost.is_empty(),
            "{name}: figures the {format} document does not print as stated: {lost:?}"
        );
    }
}

#[test]
fn jelgava_figures_render_as_printed() {
    check_programme("jelgava-2024-2028");
}

#[test]
fn ogre_figures_render_as_printed() {
    check_programme("ogre-2024-2027");
}

#[test]
fn the_token_counter_sees_lost_digits() {
    let expected = vec!["10,763".to_string(), "0,20".to_string()];
    assert!(missing(&expected, &tokens("10,763 un 0,20", false)).is_empty());
    assert_eq!(missing(&expected, &tokens("10,76 un 0,2", false)).len(), 2);
    assert_eq!(latvian("10249"), "10\u{a0}249");
    assert_eq!(latvian("0.20"), "0,20");
}
