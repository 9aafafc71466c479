//! Reporters: one function per output format, all reading the same [`Report`].
//!
//! - `human`: miette's graphical report with the source snippet, then a summary line;
//! - `concise`: one line per finding, `file:line:col: severity[code] message`;
//! - `json`: the documented contract (version 1) other tools rely on;
//! - `github`: workflow commands that annotate the pull request;
//! - `sarif`: SARIF 2.1.0 for code-scanning tools.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use crate::i18n::{self, Lang};

use super::{Code, Diagnostic, Report, Severity};
use crate::model::Sources;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    Github,
    Sarif,
}

/// Renders the report in `format`. `color` only affects `human`.
pub fn render(report: &Report<'_>, format: Format, color: bool) -> String {
    match format {
        Format::Human => human(report, color, true),
        Format::Concise => concise(report, true),
        Format::Json => json(report),
        Format::Github => github(report),
        Format::Sarif => sarif(report),
    }
}

/// [`render`] with only the findings (`pmp check --quiet`): the human report without its
/// summary line; the other formats hold nothing else, so they are unchanged.
pub fn render_findings(report: &Report<'_>, format: Format, color: bool) -> String {
    match format {
        Format::Human => human(report, color, false),
        Format::Concise => concise(report, false),
        other => render(report, other, color),
    }
}

fn file_name(sources: &Sources, d: &Diagnostic) -> String {
    sources
        .get(d.loc.file)
        .map(|f| f.path.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// Where a finding is, by its entity: `in goal `g1` „…”` / `mērķī `g1` „…”`.
fn entity_text(d: &Diagnostic, lang: Lang) -> Option<String> {
    d.entity.as_ref().map(|e| {
        let place = match lang {
            Lang::En => format!("in {}", e.kind),
            Lang::Lv => match e.kind {
                "goal" => "mērķī",
                "indicator" => "rādītājā",
                "activity" => "aktivitātē",
                "task" => "uzdevumā",
                "institution" => "institūcijā",
                "event" => "uzraudzības notikumā",
                "section" => "nodaļā",
                "table" => "tabulā",
                "SVID item" => "SVID punktā",
                "result" => "rezultātā",
                other => other,
            }
            .to_string(),
        };
        // A table printed without a caption is named by its id alone.
        match e.title.as_ref().filter(|t| !t.trim().is_empty()) {
            Some(t) => format!("{place} `{}` „{}”", e.id, t),
            None => format!("{place} `{}`", e.id),
        }
    })
}

/// Text from a programme made safe to print on a terminal: control characters (C0 but for
/// tab and line break, DEL, C1), noncharacters, zero-width characters and the invisible
/// bidirectional overrides are written as
/// visible escapes such as `\u{1b}`, so an escape sequence in a YAML string can neither
/// recolour, retitle or clear the terminal nor hide text. A carriage return is kept only as
/// the first half of a CRLF line break. The one helper the human report, `pmp show` and
/// `pmp diff`'s text use; JSON, SARIF and GitHub output escape by their own rules.
pub fn visible_controls(s: &str) -> Cow<'_, str> {
    let hidden = |c: char, next: Option<char>| match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        '\u{fffe}' | '\u{ffff}' => true,
        // Invisible: zero-width space, non-joiner and joiner, word joiner, byte order mark.
        // `g1` and `g1` with one of them look the same; a message must tell them apart.
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => true,
        c => c.is_control(),
    };
    let mut chars = s.chars().peekable();
    let mut found = false;
    while let Some(c) = chars.next() {
        if hidden(c, chars.peek().copied()) {
            found = true;
            break;
        }
    }
    if !found {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if hidden(c, chars.peek().copied()) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.into()
}

fn human(report: &Report<'_>, color: bool, summary: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Lines wrap at spaces only: a keyword (`education-board`) or a path is never cut in two.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_links(false);
    let lang = i18n::ui();
    let mut out = String::new();
    for d in report.diagnostics {
        let severity = match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        };
        let mut help = Vec::new();
        if let Some(e) = entity_text(d, lang) {
            help.push(e);
        }
        if !d.path.is_empty() {
            help.push(match lang {
                Lang::En => format!("at {}", d.path),
                Lang::Lv => format!("lauks {}", d.path),
            });
        }
        if let Some(h) = &d.help {
            help.push(h.get(lang).to_string());
        }
        let help: Vec<String> = help.iter().map(|h| visible_controls(h).into_owned()).collect();
        let mut diag = MietteDiagnostic::new(visible_controls(d.message.get(lang)).into_owned())
            .with_code(d.code.as_str())
            .with_severity(severity);
        if !help.is_empty() {
            diag = diag.with_help(help.join("\n"));
        }
        let source = report.sources.get(d.loc.file);
        match source {
            Some(src) if !d.loc.is_unknown() => {
                let snip = Snippet::around(&src.text, d.loc.offset as usize, d.loc.line, d.loc.column);
                diag = diag.with_label(LabeledSpan::at(
                    snip.label.clone(),
                    match lang {
                        Lang::En => "here",
                        Lang::Lv => "šeit",
                    },
                ));
                let name = visible_controls(&src.path.to_string_lossy()).into_owned();
                let r = miette::Report::new(diag).with_source_code(CharColumns {
                    name,
                    text: snip.text,
                    first_line: snip.first_line,
                    column: snip.column,
                });
                render_one(&handler, &mut out, r.as_ref(), lang);
            }
            _ => {
                if let Some(src) = source {
                    let _ = writeln!(out, "{}:", visible_controls(&src.path.to_string_lossy()));
                }
                let r = miette::Report::new(diag);
                render_one(&handler, &mut out, r.as_ref(), lang);
            }
        }
    }
    if !summary {
        return out;
    }
    out.push_str(&summary_line(report, lang));
    out.push('\n');
    out
}

/// One line per finding: `plan.yaml:12:5: error[total-mismatch] message (in goal `g1` „…”)`,
/// with `[*]` after the code when the finding has a fix `--fix` may apply; then the summary
/// line unless `summary` is false. Severity, message and entity speak the run's language.
fn concise(report: &Report<'_>, summary: bool) -> String {
    let lang = i18n::ui();
    let mut out = String::new();
    for d in report.diagnostics {
        let file = file_name(report.sources, d);
        let place = if file.is_empty() {
            String::new()
        } else if d.loc.is_unknown() {
            format!("{}: ", visible_controls(&file))
        } else {
            format!(
                "{}:{}:{}: ",
                visible_controls(&file),
                d.loc.line.max(1),
                d.loc.column.max(1)
            )
        };
        let mark = match &d.fix {
            Some(f) if f.applies(super::Applicability::Unsafe) => " [*]",
            _ => "",
        };
        let mut msg = d.message.get(lang).to_string();
        if let Some(e) = entity_text(d, lang) {
            let _ = write!(msg, " ({e})");
        }
        // One finding, one line: a line break inside a message becomes a space.
        let msg = visible_controls(&msg).replace(['\r', '\n'], " ");
        let _ = writeln!(
            out,
            "{place}{}[{}]{mark} {}",
            super::select::severity_word(d.severity, lang),
            d.code.as_str(),
            msg
        );
    }
    if summary {
        out.push_str(&summary_line(report, lang));
        out.push('\n');
    }
    out
}

/// Renders one finding with miette, whose footer label is `help:` in every language: in
/// Latvian it becomes `padoms:`, and the lines it wraps move with it.
fn render_one(
    handler: &miette::GraphicalReportHandler,
    out: &mut String,
    report: &dyn miette::Diagnostic,
    lang: Lang,
) {
    let mut one = String::new();
    let _ = handler.render_report(&mut one, report);
    if lang == Lang::En {
        out.push_str(&one);
        return;
    }
    let mut in_help = false;
    for line in one.split_inclusive('\n') {
        // The label may be wrapped in colour codes: `\x1b[..m  help: \x1b[0m`.
        let at = line.find("help: ").filter(|i| {
            line[..*i]
                .chars()
                .all(|c| c == ' ' || c == '\u{1b}' || c == '[' || c == ';' || c == 'm' || c.is_ascii_digit())
        });
        if let Some(i) = at {
            out.push_str(&line[..i]);
            out.push_str("padoms: ");
            out.push_str(&line[i + "help: ".len()..]);
            in_help = true;
        } else if in_help && line.starts_with("        ") {
            out.push_str("  ");
            out.push_str(line);
        } else {
            in_help = false;
            out.push_str(line);
        }
    }
}

/// `2 programme(s), 16 file(s): 19 error(s), 68 warning(s), 2 info` /
/// `2 programmas, 16 faili: 19 kļūdas, 68 brīdinājumi, 2 piezīmes`.
pub fn summary_line(report: &Report<'_>, lang: Lang) -> String {
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    match lang {
        Lang::En => format!(
            "{} programme(s), {} file(s): {e} error(s), {w} warning(s), {i} info",
            report.programmes, report.files
        ),
        Lang::Lv => format!(
            "{}, {}: {}, {}, {}",
            lang.count(report.programmes, "programma", "programmas"),
            lang.count(report.files, "fails", "faili"),
            lang.count(e, "kļūda", "kļūdas"),
            lang.count(w, "brīdinājums", "brīdinājumi"),
            lang.count(i, "piezīme", "piezīmes"),
        ),
    }
}

/// The few lines around a finding that the human report shows, cut out of the file so that
/// rendering a finding costs the length of those lines, not of the file before it (miette
/// counts lines from the start of the text it is given). A line longer than [`LINE_BYTES`]
/// is cut, with `…` where text was left out.
struct Snippet {
    text: String,
    /// The label's byte range in `text`.
    label: std::ops::Range<usize>,
    /// The 0-based line number of `text`'s first line in the file.
    first_line: usize,
    /// The 0-based column of the finding, in characters, in the file.
    column: usize,
}

/// The most bytes of a line a snippet keeps on each side of the finding (and of a line
/// around it).
const LINE_BYTES: usize = 4096;

/// Lines of context kept above and below the finding's line (miette shows one).
const CONTEXT: usize = 2;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Where the line holding byte `at` starts, looking back at most [`LINE_BYTES`]; `None` when
/// the line is longer than that.
fn line_start(text: &str, at: usize) -> Option<usize> {
    let lo = floor_boundary(text, at.saturating_sub(LINE_BYTES));
    match text[lo..at].rfind('\n') {
        Some(i) => Some(lo + i + 1),
        None if lo == 0 => Some(0),
        None => None,
    }
}

/// Where the line holding byte `at` ends (its `\n`, or the end of the text), looking ahead
/// at most [`LINE_BYTES`]; `None` when the line is longer than that.
fn line_end(text: &str, at: usize) -> Option<usize> {
    let hi = ceil_boundary(text, at + LINE_BYTES);
    match text[at..hi].find('\n') {
        Some(i) => Some(at + i),
        None if hi == text.len() => Some(hi),
        None => None,
    }
}

impl Snippet {
    fn around(text: &str, offset: usize, line: u32, column: u32) -> Snippet {
        let start = floor_boundary(text, offset);
        let line0 = usize::try_from(line.max(1) - 1).unwrap_or(0);
        // The finding's own line, cut to LINE_BYTES on each side of the finding.
        let (before, cut_before) = match line_start(text, start) {
            Some(ls) => (&text[ls..start], false),
            None => (&text[floor_boundary(text, start - LINE_BYTES)..start], true),
        };
        let (after, cut_after) = match line_end(text, start) {
            Some(le) => (&text[start..le], false),
            None => (&text[start..floor_boundary(text, start + LINE_BYTES)], true),
        };
        let mut own = String::new();
        if cut_before {
            own.push('…');
        }
        own.push_str(before);
        let label_at = own.len();
        own.push_str(after);
        let len = label_len(&own, label_at);
        if cut_after {
            own.push('…');
        }
        // Up to CONTEXT whole lines above and below, each cut to LINE_BYTES.
        let clip = |l: &str| -> String {
            if l.len() > LINE_BYTES {
                format!("{}…", &l[..floor_boundary(l, LINE_BYTES)])
            } else {
                l.to_string()
            }
        };
        let mut above: Vec<String> = Vec::new();
        let mut at = start - before.len();
        while above.len() < CONTEXT && above.len() < line0 && !cut_before && at > 0 {
            let end = at - 1; // the '\n' ending the line above
            let Some(ls) = line_start(text, end) else { break };
            above.push(clip(&text[ls..end]));
            at = ls;
        }
        above.reverse();
        let mut below: Vec<String> = Vec::new();
        let mut at = start + after.len();
        while below.len() < CONTEXT && !cut_after && at < text.len() {
            let from = at + 1;
            let Some(le) = line_end(text, from) else { break };
            below.push(clip(&text[from..le]));
            at = le;
        }
        let mut out = String::new();
        for l in &above {
            out.push_str(l);
            out.push('\n');
        }
        let label_start = out.len() + label_at;
        out.push_str(&own);
        for l in &below {
            out.push('\n');
            out.push_str(l);
        }
        // What the terminal gets shows its control characters; the label moves with them.
        let label_end = ceil_boundary(&out, label_start + len);
        let head = visible_controls(&out[..label_start]);
        let shown = visible_controls(&out[label_start..label_end]);
        let tail = visible_controls(&out[label_end..]);
        let label = head.len()..head.len() + shown.len();
        let out = format!("{head}{shown}{tail}");
        Snippet {
            label,
            first_line: line0 - above.len(),
            column: usize::try_from(column.max(1) - 1).unwrap_or(0),
            text: out,
        }
    }
}

/// A finding's snippet as miette reads it, with the line numbers of the file and the column
/// of the `file:line:col` header counted in characters as in every other format (miette's own
/// count is in bytes, which differs on any line with Latvian letters before the value).
struct CharColumns {
    name: String,
    text: String,
    first_line: usize,
    column: usize,
}

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let c = self.text.as_str().read_span(span, before, after)?;
        // With no context lines the column is the finding's own; otherwise miette starts at 0.
        let column = if before == 0 { self.column } else { c.column() };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            *c.span(),
            c.line() + self.first_line,
            column,
            c.line_count(),
        )))
    }
}

/// Length of the label under a value: a quoted scalar to its closing quote, a plain one to
/// the end of the line or the next flow separator, at least one character.
pub(crate) fn label_len(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let line = rest.split('\n').next().unwrap_or("");
    let mut chars = line.char_indices();
    let len = match chars.next() {
        Some((_, q @ ('"' | '\''))) => chars
            .find(|(_, c)| *c == q)
            .map(|(i, _)| i + 1)
            .unwrap_or(line.len()),
        Some(_) => {
            let end = line.find(" #").unwrap_or(line.len());
            let cut = line[..end].find([',', ']', '}']).unwrap_or(end);
            line[..cut].trim_end().len()
        }
        None => 0,
    };
    len.clamp(1, 200).min(rest.len().max(1))
}

/// A finding's fix as JSON: its applicability (`safe`, `unsafe`, `none`), what it does (in
/// both languages) and its edits, each with byte offsets and the line and column (in
/// characters, 1-based) where it starts and ends, and the text that replaces the span.
fn fix_json(sources: &Sources, d: &Diagnostic) -> Value {
    let Some(fix) = &d.fix else { return Value::Null };
    let text = sources.get(d.loc.file).map_or("", |f| f.text.as_str());
    let edits: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            let (sl, sc) = super::fix::line_column(text, e.start);
            let (el, ec) = super::fix::line_column(text, e.end);
            json!({
                "start": {"offset": e.start, "line": sl, "column": sc},
                "end": {"offset": e.end, "line": el, "column": ec},
                "content": e.content,
            })
        })
        .collect();
    json!({
        "applicability": fix.applicability.as_str(),
        "message": fix.title,
        "edits": edits,
    })
}

fn json(report: &Report<'_>) -> String {
    let diags: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "code": d.code.as_str(),
                "severity": d.severity.as_str(),
                "message": d.message,
                "file": file_name(report.sources, d),
                "line": d.loc.line,
                "column": d.loc.column,
                "path": d.path,
                "entity": d.entity,
                "help": d.help,
                "fix": fix_json(report.sources, d),
            })
        })
        .collect();
    let v = json!({
        "version": 1,
        "programmes": report.programmes,
        "files": report.files,
        "diagnostics": diags,
        "summary": {
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "infos": report.count(Severity::Info),
        }
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// Escapes data for a GitHub workflow command (`%`, CR, LF), and property values also `:`, `,`;
/// other control characters are written as visible escapes (`\u{1b}`).
pub(crate) fn gh_escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            // The runner prints the message in its log: no escape sequence reaches it.
            c if c != '\t' && c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

fn github(report: &Report<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let cmd = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let lang = i18n::ui();
        let mut msg = d.message.get(lang).to_string();
        if let Some(e) = entity_text(d, lang) {
            let _ = write!(msg, " ({e})");
        }
        if let Some(h) = &d.help {
            let label = match lang {
                Lang::En => "help",
                Lang::Lv => "padoms",
            };
            let _ = write!(msg, "\n{label}: {}", h.get(lang));
        }
        let _ = writeln!(
            out,
            "::{cmd} file={},line={},col={},title={}::{}",
            gh_escape(&file_name(report.sources, d), true),
            d.loc.line.max(1),
            d.loc.column.max(1),
            gh_escape(&format!("pmp {}", d.code.as_str()), true),
            gh_escape(&msg, false)
        );
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule code as a SARIF rule `name`: `total-mismatch` -> `TotalMismatch`.
fn pascal(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The base every result's `uri` is relative to, in `originalUriBaseIds`.
const SRCROOT: &str = "SRCROOT";

/// Percent-encodes a path for a URI: every byte but the unreserved characters of RFC 3986
/// and `/` (so `Zaļenieki/plāns.yaml` is `Za%C4%BCenieki/pl%C4%81ns.yaml`).
pub(crate) fn uri_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
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

/// The repository root: the nearest folder at or above `cwd` holding `.git`, else `cwd`.
fn repository_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// A path as a `file:` URI (forward slashes, percent-encoded).
fn file_uri(p: &Path, trailing_slash: bool) -> String {
    let mut s = p.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    if trailing_slash && !s.ends_with('/') {
        s.push('/');
    }
    format!("file://{}", uri_encode(&s))
}

/// FNV-1a, 64 bits: a small, stable hash for fingerprints (the same on every platform and
/// Rust version, unlike the standard library's hasher).
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The text of the offending value, as the human report underlines it ("" when unknown).
fn offending_value<'a>(sources: &'a Sources, d: &Diagnostic) -> &'a str {
    let Some(src) = sources.get(d.loc.file) else {
        return "";
    };
    if d.loc.is_unknown() {
        return "";
    }
    let start = (d.loc.offset as usize).min(src.text.len());
    if !src.text.is_char_boundary(start) {
        return "";
    }
    let mut end = (start + label_len(&src.text, start)).min(src.text.len());
    while !src.text.is_char_boundary(end) {
        end -= 1;
    }
    &src.text[start..end]
}

/// Gives each result its `partialFingerprints`: the hash of what and where it is about; where
/// two results share it (two findings about one field), the English message is hashed in too,
/// and where even that repeats, the occurrence's number. Distinct results never share one, so
/// code scanning does not merge them into one alert.
fn distinct_fingerprints(results: Vec<(String, String, Value)>) -> Vec<Value> {
    use std::collections::HashMap;
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (f, _, _) in &results {
        *count.entry(f.as_str()).or_default() += 1;
    }
    let keys: Vec<String> = results
        .iter()
        .map(|(f, message, _)| {
            if count[f.as_str()] > 1 {
                fnv1a(&[f, message])
            } else {
                f.clone()
            }
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut twice: HashMap<&str, usize> = HashMap::new();
    for k in &keys {
        *twice.entry(k.as_str()).or_default() += 1;
    }
    let mut out = Vec::with_capacity(results.len());
    for (k, (_, _, mut v)) in keys.iter().zip(results) {
        let n = seen.entry(k.as_str()).or_default();
        *n += 1;
        let fingerprint = if twice[k.as_str()] > 1 {
            fnv1a(&[k, &n.to_string()])
        } else {
            k.clone()
        };
        v["partialFingerprints"] = json!({"pmp/v1": fingerprint});
        out.push(v);
    }
    out
}

/// Where pmp is published (`repository` in Cargo.toml): the SARIF tool's `informationUri`,
/// and with the rule pages the rules' `helpUri`.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The page of `code` in the published rule reference of `lang` (`docs/rules.md#total-mismatch`).
pub fn rule_uri(code: Code, lang: Lang) -> String {
    let page = match lang {
        Lang::En => "rules.md",
        Lang::Lv => "rules.lv.md",
    };
    format!("{REPOSITORY}/blob/main/docs/{page}#{}", code.as_str())
}

/// A finding's fix as SARIF `fixes` (§3.55): one fix whose one artifact change replaces each
/// edited region (lines and columns in code points, as the run's `columnKind` says; an
/// insertion is an empty region) by its new text. The applicability is in its properties.
fn sarif_fixes(sources: &Sources, d: &Diagnostic, artifact: &Value, lang: Lang) -> Option<Value> {
    let fix = d.fix.as_ref()?;
    let text = sources.get(d.loc.file).map(|f| f.text.as_str())?;
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            let (sl, sc) = super::fix::line_column(text, e.start);
            let (el, ec) = super::fix::line_column(text, e.end);
            json!({
                "deletedRegion": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec},
                "insertedContent": {"text": e.content},
            })
        })
        .collect();
    Some(json!([{
        "description": {"text": fix.title.get(lang)},
        "artifactChanges": [{
            "artifactLocation": artifact,
            "replacements": replacements,
        }],
        "properties": {"applicability": fix.applicability.as_str()},
    }]))
}

fn sarif(report: &Report<'_>) -> String {
    // Rule texts speak the run's language, as the results do.
    let ui = i18n::ui();
    let rules: Vec<_> = Code::ALL
        .iter()
        .map(|c| {
            let (help_text, help_md) = super::explain::help(*c, ui);
            json!({
                "id": c.as_str(),
                "name": pascal(c.as_str()),
                "shortDescription": {"text": super::explain::explain(*c, ui).summary},
                "fullDescription": {"text": super::explain::full_description(*c, ui)},
                "help": {"text": help_text, "markdown": help_md},
                "helpUri": rule_uri(*c, ui),
                "properties": {"family": c.family().name(), "tags": [c.family().name()]},
                "defaultConfiguration": {"level": sarif_level(c.default_severity())},
            })
        })
        .collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = repository_root(&cwd);
    let results: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            let lang = i18n::ui();
            let mut text = d.message.get(lang).to_string();
            if let Some(h) = &d.help {
                // Message and help as two sentences in the one text code scanning shows.
                if !text.ends_with(['.', '!', '?']) {
                    text.push('.');
                }
                let label = match lang {
                    Lang::En => "Help",
                    Lang::Lv => "Padoms",
                };
                let _ = write!(text, " {label}: {}", h.get(lang));
            }
            let index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
            let file = report.sources.get(d.loc.file).map(|f| absolute(&cwd, &f.path));
            let (artifact, rel) = match file.as_deref().map(|f| (f, f.strip_prefix(&root))) {
                Some((_, Ok(rel))) => {
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    (json!({"uri": uri_encode(&rel), "uriBaseId": SRCROOT}), rel)
                }
                Some((abs, Err(_))) => (json!({"uri": file_uri(abs, false)}), file_name(report.sources, d)),
                None => (json!({"uri": ""}), String::new()),
            };
            let value = offending_value(report.sources, d);
            let mut region = json!({"startLine": d.loc.line.max(1), "startColumn": d.loc.column.max(1)});
            // The offending value itself, as the human report underlines it, for viewers that
            // do not have the file at hand; the region ends where it ends (without an end, a
            // region runs to the end of its line).
            if !value.is_empty() {
                let end = d.loc.column.max(1) as usize + value.chars().count();
                region["endColumn"] = json!(end);
                region["snippet"] = json!({"text": value});
            }
            let fixes = sarif_fixes(report.sources, d, &artifact, lang);
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": region
                }
            });
            // A finding about a whole file has no YAML path: no logical location rather than
            // an empty name, which SARIF viewers show as a blank entry.
            if !d.path.is_empty() {
                location["logicalLocations"] = json!([{"fullyQualifiedName": d.path}]);
            }
            // What identifies the finding across unrelated edits: not its line, which moves
            // whenever something above it changes, but what and where it is about.
            let entity = d
                .entity
                .as_ref()
                .map(|e| format!("{}/{}", e.kind, e.id))
                .unwrap_or_default();
            let fingerprint = fnv1a(&[d.code.as_str(), &rel, &d.path, &entity, value]);
            (fingerprint, d.message.en.clone(), {
                let mut result = json!({
                    "ruleId": d.code.as_str(),
                    "ruleIndex": index,
                    "level": sarif_level(d.severity),
                    "message": {"text": text},
                    "locations": [location],
                });
                if let Some(fixes) = fixes {
                    result["fixes"] = fixes;
                }
                result
            })
        })
        .collect();
    let results = distinct_fingerprints(results);
    let v = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pmp",
                "informationUri": REPOSITORY,
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {
                SRCROOT: {
                    "uri": file_uri(&root, true),
                    "description": {"text": "The repository root: the nearest folder holding .git at or above where pmp ran, else that folder."}
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_keeps_the_lines_around_the_finding_with_their_numbers() {
        let text = "a: 1\nb: 2\nc: 3\nd: ā4\ne: 5\nf: 6\ng: 7\n";
        let at = text.find("ā4").unwrap();
        let s = Snippet::around(text, at, 4, 4);
        assert_eq!(s.text, "b: 2\nc: 3\nd: ā4\ne: 5\nf: 6");
        assert_eq!(s.first_line, 1);
        assert_eq!(&s.text[s.label.clone()], "ā4");
        assert_eq!(s.column, 3);
        // At the first line there is nothing above.
        let s = Snippet::around(text, 3, 1, 4);
        assert_eq!((s.first_line, &s.text[..4]), (0, "a: 1"));
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(visible_controls("plain ā\tb\r\nc"), "plain ā\tb\r\nc");
        assert!(matches!(visible_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible_controls("a\u{1b}[2Jb\u{7}\u{9b}c\rd\u{202e}e\u{0}"),
            "a\\u{1b}[2Jb\\u{7}\\u{9b}c\\u{d}d\\u{202e}e\\u{0}"
        );
    }

    #[test]
    fn snippet_shows_control_characters_and_keeps_its_label() {
        let text = "a: 1\nb: \"\u{1b}[31mx\"\nc: 3\n";
        let at = text.find('"').unwrap();
        let s = Snippet::around(text, at, 2, 4);
        assert!(!s.text.contains('\u{1b}'), "{:?}", s.text);
        assert_eq!(&s.text[s.label.clone()], "\"\\u{1b}[31mx\"");
        // A label that would end inside a multi-byte letter ends after it.
        let text = format!("k: x{}\n", "ā".repeat(150));
        let s = Snippet::around(&text, 3, 1, 4);
        assert!(s.text.is_char_boundary(s.label.end));
    }

    #[test]
    fn snippet_of_a_huge_line_is_cut_around_the_finding() {
        let text = format!(
            "k: [{}, bad, {}]\nnext: 1\n",
            "x".repeat(1 << 20),
            "y".repeat(1 << 20)
        );
        let at = text.find("bad").unwrap();
        let s = Snippet::around(&text, at, 1, 1 + at as u32);
        assert!(s.text.len() < 3 * LINE_BYTES, "{}", s.text.len());
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "cut on both sides"
        );
        assert_eq!(&s.text[s.label.clone()], "bad");
        assert_eq!(s.column, at);
    }
}
