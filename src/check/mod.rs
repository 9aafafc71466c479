//! The rules. One file per family; each walks the loaded [`Programme`] and pushes findings.
//!
//! [`programme`] runs every family on one programme, with the [`Facts`] gathered for it
//! beforehand (the adopted git revision): rules do no I/O. [`finish`] then applies the project's
//! configuration (severity changes, rules turned off) and the `# pmp: allow <code> -- <reason>`
//! comments written at the finding's line or on the line above it (for a finding about the
//! whole file, reported at line 1: among the comments right under the schema line), and sorts
//! the findings by file, line and column so output is deterministic.

mod amendments;
mod coverage;
pub mod fixes;
pub use coverage::placeholders;
pub use references::unknown_references;

/// The rules that read the files' text as well as the loaded programme: `TODO:` placeholders
/// and cross-references in prose to what the document does not have.
pub fn text_rules(p: &Programme, sources: &Sources, sink: &mut Sink) {
    coverage::placeholders(p, sources, sink);
    references::unknown_references(p, sources, sink);
}
mod indicators;
mod monitoring;
mod numbering;
mod outline;
mod period;
pub mod pipeline;
mod printed;
mod prose;
mod references;
mod relations;
mod results;
mod safety;
mod tables;
mod targets;

use std::collections::{BTreeMap, HashSet};

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Sink};
use crate::model::{FileId, Level, Loc, Programme, Sources};
use crate::tr;

pub use crate::model::{Index, norm_name, norm_number};
pub use amendments::Adopted;

/// Runs every rule family on one loaded programme. `today` dates recorded completions.
/// What the rules know from outside the programme's files, gathered before they run: the
/// only I/O of a check (today, the adopted git revision), so every rule is a function of the
/// programme and these facts.
#[derive(Debug, Default)]
pub struct Facts {
    pub adopted: Option<amendments::Adopted>,
    /// Which figures' pictures are files of the programme folder.
    pub pictures: outline::Pictures,
}

impl Facts {
    pub fn gather(p: &Programme) -> Facts {
        Facts {
            adopted: amendments::adopted(p),
            pictures: outline::Pictures::gather(p),
        }
    }
}

/// Runs every rule on one programme.
pub fn programme(p: &Programme, today: chrono::NaiveDate, facts: &Facts, sink: &mut Sink) {
    let ix = Index::new(p);
    references::check(p, &ix, sink);
    numbering::check(p, &ix, sink);
    printed::check(p, sink);
    period::check(p, sink);
    coverage::check(p, &ix, sink);
    indicators::check(p, sink);
    targets::check(p, sink);
    tables::check(p, sink);
    monitoring::check(p, today, sink);
    amendments::check(p, facts.adopted.as_ref(), sink);
    results::check(p, today, sink);
    prose::check(p, sink);
    relations::check(p, today, sink);
    outline::check(p, &facts.pictures, sink);
    safety::check(p, sink);
}

/// A `# pmp: allow` comment.
#[derive(Debug)]
struct Allow {
    loc: Loc,
    /// The lines it silences: its own line (a trailing comment) or the next line of YAML (a
    /// comment alone on its line); one in the file's opening comments also silences line 1,
    /// where findings about the whole file are reported.
    target_lines: Vec<u32>,
    codes: Vec<String>,
    used: bool,
}

const ALLOW: &str = "# pmp: allow";

/// Byte ranges of the text's real YAML comments, as the parser reads them: a `#` inside a
/// quoted string or a block scalar is text, not a comment. A file that stops parsing has the
/// comments before the error.
fn comment_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let mut options = crate::load::fast::parser_options();
    options.emit_comments = true;
    let mut out = Vec::new();
    for next in Parser::new_from_str_with_options(text, options) {
        match next {
            Ok((Event::Comment(..), span)) => out.extend(span.byte_range()),
            Ok((Event::StreamEnd, _)) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// The byte offset in `line` (which starts at byte `start` of the text) of the first
/// `# pmp: allow` that lies in a real comment.
fn allow_in_comment(line: &str, start: usize, comments: &[std::ops::Range<usize>]) -> Option<usize> {
    line.match_indices(ALLOW).map(|(i, _)| i).find(|&i| {
        let at = start + i;
        comments.iter().any(|c| c.start <= at && at < c.end)
    })
}

fn allows_in(file: FileId, text: &str, sink: &mut Sink) -> Vec<Allow> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    let comments = comment_spans(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The opening comments: the schema line and the comment or blank lines right under it.
    let opening = lines
        .iter()
        .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .unwrap_or(lines.len());
    for (i, raw) in lines.iter().enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(pos) = allow_in_comment(raw, offset, &comments) {
            let rest = raw[pos + ALLOW.len()..].trim_end();
            let (codes_part, reason) = match rest.find("--") {
                Some(d) => (&rest[..d], rest[d + 2..].trim()),
                None => (rest, ""),
            };
            let col = u32::try_from(raw[..pos].chars().count() + 1).unwrap_or(u32::MAX);
            let loc = Loc::new(
                file,
                line_no,
                col,
                u32::try_from(offset + pos).unwrap_or(u32::MAX),
            );
            let codes: Vec<String> = codes_part
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            for c in &codes {
                if Code::parse(c).is_none() {
                    let hint = crate::diag::did_you_mean(c, Code::ALL.iter().map(|c| c.as_str()))
                        .map(|s| tr!(en("did you mean `{s}`?"), lv("varbūt domāts `{s}`?")))
                        .unwrap_or_else(|| {
                            tr!(
                                en("`pmp check --list-rules` lists the codes"),
                                lv("kodus uzskaita `pmp check --list-rules`"),
                            )
                        });
                    sink.push(
                        Diagnostic::new(
                            Code::UnusedSuppression,
                            loc,
                            tr!(en("`{c}` is not a rule code"), lv("`{c}` nav noteikuma kods")),
                        )
                        .help(hint),
                    );
                }
            }
            if reason.is_empty() {
                sink.push(
                    Diagnostic::new(
                        Code::SuppressionWithoutReason,
                        loc,
                        tr!(
                            en("this `# pmp: allow` gives no reason"),
                            lv("šajā `# pmp: allow` nav norādīts iemesls"),
                        ),
                    )
                    .help(tr!(
                        en("say why after `--`, e.g. `# pmp: allow total-mismatch -- printed so in the adopted document`"),
                        lv("pēc `--` ierakstiet iemeslu, piemēram, `# pmp: allow total-mismatch -- tā norādīts pieņemtajā dokumentā`"),
                    )),
                );
            }
            // A comment alone on its line silences the next line; a trailing one its own line.
            let alone = raw[..pos].trim().is_empty();
            // One alone among the file's opening comments also silences line 1: the findings
            // about the whole file.
            let mut target_lines = Vec::with_capacity(2);
            if alone && i < opening {
                target_lines.push(1);
            }
            if alone {
                let next = lines[i + 1..]
                    .iter()
                    .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                    .map(|k| i + 1 + k + 1)
                    .unwrap_or(i + 2);
                target_lines.push(u32::try_from(next).unwrap_or(u32::MAX));
            } else {
                target_lines.push(line_no);
            }
            out.push(Allow {
                loc,
                target_lines,
                codes,
                used: false,
            });
        }
        offset += raw.len();
    }
    out
}

/// Applies configuration and suppressions, and sorts. Returns the findings to report.
pub fn finish(sources: &Sources, config: &Config, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut extra = Sink::default();
    let mut allows: BTreeMap<FileId, Vec<Allow>> = BTreeMap::new();
    for (id, f) in &sources.files {
        if f.text.contains(ALLOW) {
            allows.insert(*id, allows_in(*id, &f.text, &mut extra));
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for mut d in found.into_iter().chain(extra.diagnostics) {
        // A file that could not be read or parsed is never silenced.
        if let Some(list) = allows.get_mut(&d.loc.file).filter(|_| !d.code.unreadable())
            && let Some(a) = list.iter_mut().find(|a| {
                a.target_lines.contains(&d.loc.line) && a.codes.iter().any(|c| c == d.code.as_str())
            })
        {
            a.used = true;
            continue;
        }
        let Some(sev) = config.severity(d.code) else {
            continue;
        };
        d.severity = sev;
        out.push(d);
    }
    for list in allows.values() {
        for a in list.iter().filter(|a| !a.used) {
            let (lines, lines_lv) = match a.target_lines.as_slice() {
                [1, next] => (
                    format!("in the whole file or on line {next}"),
                    format!("ne visā failā, ne {next}. rindā"),
                ),
                [line] => (format!("on line {line}"), format!("{line}. rindā")),
                more => (
                    format!(
                        "on lines {}",
                        more.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
                    ),
                    format!(
                        "{} rindā",
                        more.iter()
                            .map(|l| format!("{l}."))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            };
            let codes = a.codes.join(" ");
            let d = Diagnostic::new(
                Code::UnusedSuppression,
                a.loc,
                tr!(
                    en("`# pmp: allow {codes}` silences nothing {lines}"),
                    lv("`# pmp: allow {codes}` {lines_lv} neko neapklusina"),
                ),
            )
            .help(tr!(
                en("remove it, or put it on the line of the finding or the line above"),
                lv("izdzēsiet to vai pārvietojiet uz atraduma rindu vai rindu virs tās"),
            ));
            if let Some(sev) = config.severity(d.code) {
                out.push(Diagnostic { severity: sev, ..d });
            }
        }
    }
    let mut seen = HashSet::new();
    out.retain(|d| seen.insert((d.loc, d.code, d.message.clone())));
    sort(sources, &mut out);
    out
}

/// A prevention level in the genitive, as in „… līmenis”: `universālās prevencijas`.
pub(crate) fn level_genitive(level: Level) -> &'static str {
    match level {
        Level::Universal => "universālās prevencijas",
        Level::Targeted => "mērķtiecīgās jeb selektīvās prevencijas",
        Level::Indicated => "pielāgotās jeb indicētās prevencijas",
    }
}

/// Path of an item in a list: `goals[3].title`.
pub(crate) fn at(list: &str, i: usize, field: &str) -> String {
    if field.is_empty() {
        format!("{list}[{i}]")
    } else {
        format!("{list}[{i}].{field}")
    }
}

/// Orders findings as every report shows them: by file path, line, column, code, message.
/// The sort is stable, so findings equal on all of these keep their order.
pub fn sort(sources: &Sources, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let pa = sources.get(a.loc.file).map(|f| &f.path);
        let pb = sources.get(b.loc.file).map(|f| &f.path);
        (pa, a.loc.line, a.loc.column, a.code, &a.message).cmp(&(
            pb,
            b.loc.line,
            b.loc.column,
            b.code,
            &b.message,
        ))
    });
}
