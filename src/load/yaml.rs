//! Parsing one YAML document into a typed part, safely, and turning failures into findings.
//!
//! Every file is parsed with the same serde-saphyr options: duplicate keys are errors and a
//! budget bounds nesting depth, node count, aliases and scalar bytes, so alias bombs, deep
//! nesting or huge inputs end in an `input-limit` finding instead of exhausting the machine.
//!
//! Typed deserialization stops at the first problem. When it fails on the data (rather than
//! the syntax), the file is parsed again into a generic tree of spanned nodes and walked
//! against the part's JSON Schema ([`crate::model::Part::schema`]), which reports every unknown
//! field, missing field, wrong type and invalid value in the file at once.

use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use crate::diag::{Code, Diagnostic, Sink, did_you_mean};
use crate::i18n::{Lang, Text};
use crate::model::{FileId, Loc, Part, Sp, with_source};
use crate::tr;

pub(super) mod chars;
mod layout;

/// The parser options every file is read with.
pub fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 48;
    budget.max_nodes = 500_000;
    budget.max_aliases = 256;
    budget.max_anchors = 256;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = super::MAX_FILE_BYTES;
    budget.max_recorded_anchor_events = 50_000;
    budget.max_recorded_anchor_bytes = 1 << 20;
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = 50_000;
    alias_limits.max_replay_stack_depth = 16;
    serde_saphyr::options! {
        budget: Some(budget),
        alias_limits: alias_limits,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        with_snippet: false,
        // Comments matter only to `# pmp: allow` (see `check`), which finds them itself.
        emit_comments: false,
    }
}

fn loc_of(file: FileId, text: &str, e: &serde_saphyr::Error) -> Loc {
    match e.location() {
        Some(l) if l.line() > 0 => {
            let line = u32::try_from(l.line()).unwrap_or(u32::MAX);
            let column = u32::try_from(l.column()).unwrap_or(u32::MAX).max(1);
            Loc::new(file, line, column, offset_of(text, line, column))
        }
        _ => Loc::new(file, 1, 1, 0),
    }
}

/// The position of byte `offset` of `text`: 1-based line and column in characters.
fn loc_at(file: FileId, text: &str, offset: usize) -> Loc {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let (line, column) = super::line_col_of_byte(text.as_bytes(), offset);
    Loc::new(file, line, column, u32::try_from(offset).unwrap_or(u32::MAX))
}

/// Byte offset of a 1-based line and character column in `text`.
pub fn offset_of(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0usize;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let col = l
                .char_indices()
                .nth(column.saturating_sub(1) as usize)
                .map(|(b, _)| b)
                .unwrap_or(l.trim_end_matches('\n').len());
            return u32::try_from(offset + col).unwrap_or(u32::MAX);
        }
        offset += l.len();
    }
    u32::try_from(text.len()).unwrap_or(u32::MAX)
}

/// `text` with the lines of every unknown field (its `key:` line and the lines indented under
/// it) turned into spaces, byte for byte, so every other position stays where it was; `None`
/// when a finding is of another kind, or not at a `key:` line of a block mapping.
fn without_unknown_fields(text: &str, found: &[Diagnostic]) -> Option<String> {
    if found.is_empty()
        || found
            .iter()
            .any(|d| d.code != Code::UnknownField || d.loc.is_unknown())
    {
        return None;
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut blank = vec![false; lines.len()];
    for d in found {
        let at = (d.loc.line as usize).checked_sub(1)?;
        let line = lines.get(at)?;
        let body = line.trim_start_matches(' ');
        let key_line = body.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        });
        if !key_line || body.starts_with("- ") {
            return None;
        }
        let indent = line.len() - body.len();
        blank[at] = true;
        for (i, l) in lines.iter().enumerate().skip(at + 1) {
            let b = l.trim_start_matches(' ');
            if b.trim().is_empty() || l.len() - b.len() > indent {
                blank[i] = true;
            } else {
                break;
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    for (l, b) in lines.iter().zip(blank) {
        if b {
            out.extend(l.bytes().map(|c| if c == b'\n' { '\n' } else { ' ' }));
        } else {
            out.push_str(l);
        }
    }
    Some(out)
}

/// The message without serde-saphyr's trailing " at line L, column C".
fn bare_message(e: &serde_saphyr::Error) -> String {
    let m = e.without_snippet().to_string();
    match m.find(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}

/// Parses `text` (file `file`, part `part`) into `T`, pushing every problem into `sink`.
pub fn parse<T: DeserializeOwned>(file: FileId, part: Part, text: &str, sink: &mut Sink) -> Option<T> {
    // A plain valid file takes the fast path; anything else is read again by serde-saphyr.
    // Either way a file that parses goes through the same checks of its strings below.
    let fast = super::fast::enabled()
        .then(|| with_source(file, text, || super::fast::parse::<T>(text)).ok())
        .flatten();
    let first = match fast {
        Some(v) => Ok(v),
        None => with_source(file, text, || {
            serde_saphyr::from_str_with_options::<T>(text, options())
        }),
    };
    let err = match first {
        Ok(v) => {
            if chars::may_hold(text)
                && let Ok(tree) = with_source(file, text, || {
                    serde_saphyr::from_str_with_options::<Sp<Node>>(text, options())
                })
            {
                chars::control_characters(&tree, sink);
            }
            return Some(v);
        }
        Err(e) => e,
    };
    if let Some(code) = syntax_code(&err) {
        sink.push(syntax_finding(code, file, text, &err));
        return None;
    }
    // A data error: walk the whole file against the schema to report every problem at once.
    let tree = with_source(file, text, || {
        serde_saphyr::from_str_with_options::<Sp<Node>>(text, options())
    });
    let mut found = Sink::default();
    match tree {
        Ok(tree) => {
            let schema = serde_json::to_value(part.schema()).unwrap_or(Json::Null);
            let walker = Walker { root: &schema };
            walker.check(&tree, &schema, "", &mut found);
            if found.diagnostics.is_empty() {
                found.push(data_finding(file, part, text, &err, Some(&tree)));
            }
            if chars::may_hold(text) {
                chars::control_characters(&tree, &mut found);
            }
            for d in &mut found.diagnostics {
                if d.entity.is_none() {
                    d.entity = entity_at(&tree, &d.path);
                }
            }
            // Fields the format does not know, left out, may leave a file that reads: its
            // references, numbering and totals are then checked too, not hidden behind a typo.
            if let Some(repaired) = without_unknown_fields(text, &found.diagnostics)
                && let Ok(v) = with_source(file, &repaired, || {
                    serde_saphyr::from_str_with_options::<T>(&repaired, options())
                })
            {
                sink.extend(found);
                return Some(v);
            }
        }
        Err(e) => {
            // The typed parse stopped before reaching what the generic parse trips on (an
            // alias bomb, deep nesting): that is the problem to report.
            if let Some(code) = syntax_code(&e) {
                sink.push(syntax_finding(code, file, text, &e));
                return None;
            }
            found.push(data_finding(file, part, text, &err, None));
        }
    }
    sink.extend(found);
    None
}

fn syntax_help(code: Code) -> Text {
    match code {
        Code::InputLimit => tr!(
            en(
                "pmp bounds nesting, aliases and size so a hostile file cannot exhaust memory; write the data out plainly"
            ),
            lv(
                "pmp ierobežo ligzdojumu, aizstājvārdus un izmēru, lai bojāts vai ļaunprātīgs fails nevarētu aizņemt visu atmiņu; ierakstiet vērtības pilnā veidā"
            ),
        ),
        Code::DuplicateKey => tr!(
            en("remove or rename one of the two keys"),
            lv("izdzēsiet vienu no abiem laukiem vai pārdēvējiet to"),
        ),
        _ => tr!(
            en(
                "YAML indents with spaces only; quote text that contains `: ` or starts with a special character"
            ),
            lv(
                "YAML atkāpes veido tikai ar atstarpēm; tekstu, kurā ir „: ” vai kas sākas ar īpašu rakstzīmi, lieciet pēdiņās"
            ),
        ),
    }
}

fn tab_help() -> Text {
    tr!(
        en("YAML indents with spaces only; replace the tab with spaces"),
        lv("YAML atkāpes veido tikai ar atstarpēm; aizstājiet tabulācijas zīmi ar atstarpēm"),
    )
}

/// The error inside serde-saphyr's wrappers (a snippet, an alias's use and definition sites).
fn innermost(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    use serde_saphyr::Error as E;
    loop {
        match e {
            E::WithSnippet { error, .. } | E::AliasError { error, .. } => e = error,
            _ => return e,
        }
    }
}

/// The scanner's error kind, when the parser (rather than the data) failed.
fn scan_kind(e: &serde_saphyr::Error) -> Option<&serde_saphyr::granit_parser::ErrorKind> {
    match innermost(e) {
        serde_saphyr::Error::ExternalMessage { source, .. } => match &**source {
            serde_saphyr::ExternalMessageSource::Parser(s) => Some(s.kind()),
            _ => None,
        },
        _ => None,
    }
}

/// Classifies parser failures that leave no tree to walk, by serde-saphyr's error variant:
/// `None` is a data error (a wrong type, an unknown field) for the schema walk to explain.
fn syntax_code(e: &serde_saphyr::Error) -> Option<Code> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    use serde_saphyr::granit_parser::ErrorKind as K;
    if let Some(kind) = scan_kind(e) {
        return Some(match kind {
            K::RecursionLimitExceeded
            | K::AnchorCountOverflow
            | K::InputByteLimitExceeded { .. }
            | K::DirectiveByteLimitExceeded { .. }
            | K::TooManyReservedDirectiveParams { .. } => Code::InputLimit,
            _ => Code::YamlSyntax,
        });
    }
    match innermost(e) {
        E::DuplicateMappingKey { .. } => Some(Code::DuplicateKey),
        E::Budget {
            breach: B::Documents { .. },
            ..
        }
        | E::MultipleDocuments { .. } => Some(Code::YamlSyntax),
        E::Budget { .. }
        | E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::IOError { .. } => Some(Code::InputLimit),
        E::ExternalMessage { .. }
        | E::UnknownAnchor { .. }
        | E::Eof { .. }
        | E::UnexpectedSequenceEnd { .. }
        | E::UnexpectedMappingEnd { .. }
        | E::ContainerEndMismatch { .. }
        | E::UnexpectedContainerEndWhileReadingKeyNode { .. }
        | E::UnexpectedContainerEndWhileSkippingNode { .. }
        | E::InvalidUtf8Input => Some(Code::YamlSyntax),
        _ => None,
    }
}

/// The finding for a syntax or limit failure: its message, position and help.
fn syntax_finding(code: Code, file: FileId, text: &str, e: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    use serde_saphyr::granit_parser::ErrorKind as K;
    let raw = loc_of(file, text, e);
    let mut loc = clamp(file, text, raw);
    let bare = bare_message(e);
    let mut msg = layout::parser_message(&bare);
    let mut help = layout::parser_help(&bare).unwrap_or_else(|| syntax_help(code));
    let mut path = String::new();
    match (scan_kind(e), innermost(e)) {
        (
            Some(
                K::TabNotAllowed
                | K::TabInBlockIndentation
                | K::TabInIndentation
                | K::TabInPlainScalar
                | K::TabAtBlockScalarStart,
            ),
            _,
        ) => {
            if let Some(tab) = tab_near(text, loc.offset as usize) {
                loc = loc_at(file, text, tab);
            }
            msg = tr!(
                en("a tab character where YAML allows only spaces"),
                lv("tabulācijas zīme vietā, kur YAML atļauj tikai atstarpes"),
            );
            help = tab_help();
        }
        (
            Some(
                K::UnsupportedYamlMajorVersion
                | K::DuplicateVersionDirective
                | K::MissingYamlVersion
                | K::MissingYamlVersionSeparator
                | K::YamlVersionTooLong,
            ),
            _,
        ) => {
            help = tr!(
                en("remove the `%YAML` line: pmp reads YAML 1.2 and needs no version directive"),
                lv("izdzēsiet rindu `%YAML`: pmp lasa YAML 1.2, un versija nav jānorāda"),
            );
        }
        (Some(K::InvalidQuotedScalarIndent | K::UnclosedQuotedScalar), _) => {
            if let Some(q) = open_quote(text, raw.offset as usize) {
                let quote = loc_at(file, text, q);
                if text[(raw.offset as usize).min(text.len())..].trim().is_empty() {
                    // The quoted text runs to the end of the file: its quote is never closed.
                    loc = quote;
                    msg = tr!(en("unclosed quote"), lv("pēdiņas nav aizvērtas"));
                    help = tr!(
                        en("close the quote at the end of the text, or remove it"),
                        lv("aizveriet pēdiņas teksta beigās vai izdzēsiet tās"),
                    );
                } else {
                    let (line, column) = (quote.line, quote.column);
                    help = tr!(
                        en(
                            "the quoted text that opens at line {line}, column {column} is not closed before this line; \
                             close its quote, or indent its continuation lines more than its key"
                        ),
                        lv(
                            "pēdiņās ņemtais teksts, kas sākas {line}. rindas {column}. kolonnā, līdz šai rindai nav aizvērts; \
                             aizveriet pēdiņas vai atkāpiet teksta turpinājuma rindas vairāk nekā tā lauku"
                        ),
                    );
                }
            }
        }
        (
            None,
            E::Budget {
                breach: B::Documents { .. },
                ..
            }
            | E::MultipleDocuments { .. },
        ) => {
            msg = tr!(
                en("a second YAML document starts here; the file must hold one document"),
                lv("šeit sākas otrs YAML dokuments, bet failā drīkst būt tikai viens"),
            );
            help = tr!(
                en(
                    "remove the `---` line and everything after it, or merge the two documents into one mapping"
                ),
                lv(
                    "izdzēsiet rindu `---` un visu, kas aiz tās, vai apvienojiet abu dokumentu laukus vienā dokumentā"
                ),
            );
        }
        (None, E::Budget { breach, .. }) => {
            let b = options().budget.unwrap_or_default();
            msg = match breach {
                B::Depth { .. } => tr!(
                    en("the data is nested more than {} levels deep", b.max_depth),
                    lv("dati ir ligzdoti dziļāk par {} līmeņiem", b.max_depth),
                ),
                B::Nodes { .. } => tr!(
                    en("the file has more than {} values", b.max_nodes),
                    lv("failā ir vairāk nekā {} vērtību", b.max_nodes),
                ),
                B::Aliases { .. } => tr!(
                    en("the file uses more than {} aliases", b.max_aliases),
                    lv("failā izmantoti vairāk nekā {} aizstājvārdi", b.max_aliases),
                ),
                B::Anchors { .. } => tr!(
                    en("the file defines more than {} anchors", b.max_anchors),
                    lv("failā definēti vairāk nekā {} enkuri", b.max_anchors),
                ),
                B::RecordedAnchorEvents { .. }
                | B::RecordedAnchorBytes { .. }
                | B::AliasAnchorRatio { .. } => tr!(
                    en("the anchors (`&name`) and aliases (`*name`) here would expand into too much data"),
                    lv(
                        "šie enkuri (`&nosaukums`) un aizstājvārdi (`*nosaukums`) izvērstos pārāk lielā datu apjomā"
                    ),
                ),
                B::ScalarBytes { .. } => {
                    let mib = b.max_total_scalar_bytes >> 20;
                    tr!(
                        en("the file's text values exceed {mib} MiB"),
                        lv("faila teksta vērtības pārsniedz {mib} MiB"),
                    )
                }
                _ => msg,
            };
        }
        (None, E::DuplicateMappingKey { .. }) => {
            path = duplicate_key_path(file, text, loc).unwrap_or_default();
            // The parser's own message ends in advice about its API ("set DuplicateKeyPolicy
            // in Options"), which means nothing to the user.
            let raw = msg.en.split(", set DuplicateKeyPolicy").next().unwrap_or(&msg.en);
            msg = match raw.strip_prefix("duplicate mapping key: ") {
                Some(key) => tr!(
                    en("the key `{key}` appears twice in the same mapping"),
                    lv("lauks `{key}` šeit norādīts divreiz"),
                ),
                None => layout::parser_message(raw),
            };
        }
        (Some(K::RecursionLimitExceeded), _) => {
            // The parser's "recursion limit exceeded": it is the nesting that is too deep.
            let b = options().budget.unwrap_or_default();
            msg = tr!(
                en(
                    "the data is nested too deeply (pmp reads at most {} levels)",
                    b.max_depth
                ),
                lv(
                    "dati ir ligzdoti pārāk dziļi (pmp nolasa ne vairāk kā {} līmeņus)",
                    b.max_depth
                ),
            );
        }
        (Some(_), _) => {
            // A tab in the indentation of the line the parser stopped on is what broke it,
            // whatever the parser calls the problem.
            if let Some(tab) = indent_tab(text, loc.offset as usize) {
                loc = loc_at(file, text, tab);
                msg = tr!(
                    en("a tab character in the indentation ({})", msg.en),
                    lv("atkāpē ir tabulācijas zīme ({})", msg.lv),
                );
                help = tab_help();
            } else if let Some(m) = layout::dash_without_space(text, loc.line as usize) {
                msg = m;
            } else if let Some((at, open)) = layout::unclosed_bracket(text, loc.line as usize) {
                // A list left open on an earlier line: the parser stumbles only where it ends.
                let close = if open == '{' { '}' } else { ']' };
                loc = loc_at(file, text, at);
                let line = loc.line;
                help = tr!(
                    en("close it at the end of line {line} (the parser: „{}”)", msg.en),
                    lv("aizveriet to {line}. rindas beigās (YAML lasītājs: {})", msg.lv),
                );
                msg = tr!(
                    en("the `{open}` opened on line {line} is never closed: a `{close}` is missing"),
                    lv("{line}. rindā atvērtā iekava `{open}` nav aizvērta: trūkst `{close}`"),
                );
            } else if let Some((line, fixed)) = layout::missing_colon(text, loc.line as usize) {
                help = tr!(
                    en("write `{fixed}` (the parser: „{}”)", msg.en),
                    lv("rakstiet `{fixed}` (YAML lasītājs: {})", msg.lv),
                );
                msg = tr!(
                    en("line {line} has no colon after the field's name"),
                    lv("{line}. rindā aiz lauka nosaukuma trūkst kola"),
                );
                if let Some(start) = line_start(text, line) {
                    let indent = text[start..].len() - text[start..].trim_start_matches(' ').len();
                    loc = loc_at(file, text, start + indent);
                }
            } else if let Some(m) = layout::misaligned(text, loc.line as usize) {
                // The parser's words go to the help, after the plain ones.
                help = tr!(
                    en(
                        "move the line to the column of the lines it belongs with (the parser: „{}”)",
                        msg.en
                    ),
                    lv(
                        "sāciet rindu tajā pašā kolonnā, kurā sākas rindas, pie kurām tā pieder (YAML lasītājs: {})",
                        msg.lv
                    ),
                );
                msg = m;
            }
        }
        _ => {}
    }
    Diagnostic::new(code, loc, msg).path(path).help(help)
}

/// The byte offset where line `line` (1-based) starts.
fn line_start(text: &str, line: usize) -> Option<usize> {
    if line == 1 {
        return Some(0);
    }
    text.match_indices('\n')
        .nth(line.checked_sub(2)?)
        .map(|(i, _)| i + 1)
}

/// A position past the end of the text (the parser reports some errors after the last line)
/// moved back to the last character that is not white space.
fn clamp(file: FileId, text: &str, loc: Loc) -> Loc {
    let end = text.trim_end().len();
    if (loc.offset as usize) < text.len() || end == 0 {
        return loc;
    }
    let last = text[..end].char_indices().last().map_or(0, |(i, _)| i);
    loc_at(file, text, last)
}

/// The tab the scanner complains about: at or just before `offset`, else the first one after
/// it (a tab that interrupts a plain scalar is reported where the scalar starts).
fn tab_near(text: &str, offset: usize) -> Option<usize> {
    let offset = offset.min(text.len());
    let b = text.as_bytes();
    if b.get(offset) == Some(&b'\t') {
        return Some(offset);
    }
    if offset > 0 && b[offset - 1] == b'\t' {
        return Some(offset - 1);
    }
    if let Some(i) = text[offset..].find('\t') {
        return Some(offset + i);
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].rfind('\t').map(|i| line_start + i)
}

/// A tab in the leading white space of the line holding byte `offset`.
fn indent_tab(text: &str, offset: usize) -> Option<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    line[..indent].find('\t').map(|i| start + i)
}

/// Byte offset of the quote that opens the quoted scalar still open at byte `end`: a small
/// scan of the text before it that skips comments, closed quoted scalars and block scalars.
fn open_quote(text: &str, end: usize) -> Option<usize> {
    let mut open: Option<(usize, char)> = None;
    let mut block: Option<usize> = None;
    let mut escaped = false;
    let mut start = 0usize;
    for line in text.split_inclusive('\n') {
        if start >= end {
            break;
        }
        let line_start = start;
        start += line.len();
        let indent = line.len() - line.trim_start_matches(' ').len();
        if open.is_none()
            && let Some(b) = block
        {
            if line.trim().is_empty() || indent > b {
                continue;
            }
            block = None;
        }
        let mut prev: Option<char> = None;
        let mut last: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if line_start + i >= end {
                return open.map(|o| o.0);
            }
            match open {
                Some((_, '"')) => {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        open = None;
                    }
                }
                Some(_) => {
                    if c == '\'' {
                        if chars.peek().map(|p| p.1) == Some('\'') {
                            chars.next();
                        } else {
                            open = None;
                        }
                    }
                }
                None => {
                    let after_space = prev.is_none_or(|p| p == ' ' || p == '\t');
                    if c == '#' && after_space {
                        break;
                    }
                    let token_start = (after_space || matches!(prev, Some('[' | '{' | ',')))
                        && last.is_none_or(|t| matches!(t, ':' | '-' | '?' | '[' | '{' | ','));
                    if token_start && (c == '"' || c == '\'') {
                        open = Some((line_start + i, c));
                    } else if token_start && (c == '|' || c == '>') {
                        let rest = line[i + 1..]
                            .trim_start_matches(|x: char| x.is_ascii_digit() || x == '+' || x == '-')
                            .trim_start();
                        if rest.is_empty() || rest.starts_with('#') {
                            block = Some(indent);
                            break;
                        }
                    }
                }
            }
            if !c.is_whitespace() {
                last = Some(c);
            }
            prev = Some(c);
        }
    }
    open.map(|o| o.0)
}

/// The YAML path of the key a duplicate-key error points at, from a parse that keeps both.
fn duplicate_key_path(file: FileId, text: &str, loc: Loc) -> Option<String> {
    let mut opts = options();
    opts.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    let tree = with_source(file, text, || {
        serde_saphyr::from_str_with_options::<Sp<Node>>(text, opts)
    })
    .ok()?;
    path_at(&tree, loc)
}

/// The path of the value under `key` in the mapping at `path`: `key` or `path.key`.
fn key_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The YAML path of the value (or key) at `loc`, else of the last one before it.
fn path_at(tree: &Sp<Node>, loc: Loc) -> Option<String> {
    type Best = Option<((u32, u32), String)>;
    fn consider(at: Loc, path: &str, loc: Loc, best: &mut Best) {
        let key = (at.line, at.column);
        if key <= (loc.line, loc.column) && best.as_ref().is_none_or(|(b, _)| key >= *b) {
            *best = Some((key, path.to_string()));
        }
    }
    fn walk(node: &Sp<Node>, path: &str, loc: Loc, best: &mut Best) {
        consider(node.loc, path, loc, best);
        match &node.value {
            Node::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), loc, best);
                }
            }
            Node::Map(entries) => {
                for (k, v) in entries {
                    let child = key_path(path, &k.value);
                    consider(k.loc, &child, loc, best);
                    walk(v, &child, loc, best);
                }
            }
            _ => {}
        }
    }
    let mut best = None;
    walk(tree, "", loc, &mut best);
    best.map(|(_, p)| p).filter(|p| !p.is_empty())
}

/// The innermost entity (a goal, an activity, a table...) whose mapping holds the YAML path
/// `path`, named by its `id` and title as written.
fn entity_at(tree: &Sp<Node>, path: &str) -> Option<crate::diag::Entity> {
    let mut found = None;
    for (end, _) in path.match_indices(']') {
        let prefix = &path[..=end];
        let Some(open) = prefix.rfind('[') else { continue };
        let list = prefix[..open].rsplit('.').next().unwrap_or("");
        let kind = match list {
            "goals" => "goal",
            "indicators" => "indicator",
            "activities" => "activity",
            "tasks" => "task",
            "institutions" => "institution",
            "events" => "event",
            "sections" => "section",
            "tables" => "table",
            "strengths" | "weaknesses" | "opportunities" | "threats" => "SVID item",
            _ => continue,
        };
        let Some(Node::Map(entries)) = node_at(tree, prefix).map(|n| &n.value) else {
            continue;
        };
        let field = |name: &str| {
            entries
                .iter()
                .find(|(k, _)| k.value == name)
                .and_then(|(_, v)| v.value.scalar_text())
        };
        if let Some(id) = field("id") {
            found = Some(crate::diag::Entity {
                kind,
                id,
                title: ["title", "caption", "name", "text"].iter().find_map(|f| field(f)),
            });
        }
    }
    found
}

/// The node at the YAML path `path`.
fn node_at<'a>(tree: &'a Sp<Node>, path: &str) -> Option<&'a Sp<Node>> {
    fn walk<'a>(node: &'a Sp<Node>, prefix: &str, path: &str) -> Option<&'a Sp<Node>> {
        if prefix == path {
            return Some(node);
        }
        match &node.value {
            Node::Seq(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, item)| walk(item, &format!("{prefix}[{i}]"), path)),
            Node::Map(entries) => entries.iter().find_map(|(k, v)| {
                let child = key_path(prefix, &k.value);
                path.starts_with(&child).then(|| walk(v, &child, path)).flatten()
            }),
            _ => None,
        }
    }
    walk(tree, "", path)
}

/// chrono's parse errors, as they reach serde (a date field's value is not a date).
const CHRONO_ERRORS: &[&str] = &[
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
];

/// Why `s`, written `YYYY-MM-DD`, is not a date that exists.
fn date_problem(s: &str) -> Option<Text> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) {
        return Some(tr!(en("month {m} does not exist"), lv("{m}. mēneša nav")));
    }
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_none().then(|| {
        tr!(
            en("day {d} does not exist in {} {y}", crate::lv::month_en(m)),
            lv("{y}. gada {} nav {d}. datuma", crate::lv::month_locative(m)),
        )
    })
}

/// The finding for a data error the schema walk does not explain (a date that does not
/// exist, a value a custom type refuses), at the value with its path when the tree is known.
fn data_finding(
    file: FileId,
    part: Part,
    text: &str,
    e: &serde_saphyr::Error,
    tree: Option<&Sp<Node>>,
) -> Diagnostic {
    let msg = bare_message(e);
    let loc = clamp(file, text, loc_of(file, text, e));
    let code = match innermost(e) {
        serde_saphyr::Error::SerdeUnknownField { .. } => Code::UnknownField,
        serde_saphyr::Error::SerdeMissingField { .. } => Code::MissingField,
        serde_saphyr::Error::SerdeInvalidType { .. }
        | serde_saphyr::Error::SerdeInvalidLength { .. }
        | serde_saphyr::Error::InvalidScalar { .. } => Code::WrongType,
        _ => Code::InvalidValue,
    };
    let path = tree.and_then(|t| path_at(t, loc)).unwrap_or_default();
    let value = tree
        .and_then(|t| node_at(t, &path))
        .filter(|n| n.loc.line == loc.line && n.loc.column == loc.column)
        .and_then(|n| n.value.scalar_text());
    let at = At::new(&path, "the value", "vērtībai");
    let name = part.name();
    let schema_help = tr!(
        en("`pmp schema {name}` describes every field and the values it takes"),
        lv("`pmp schema {name}` apraksta katru lauku un vērtības, ko tas pieņem"),
    );
    let mut d = match value {
        Some(v) if CHRONO_ERRORS.contains(&msg.as_str()) => match date_problem(&v) {
            Some(detail) => Diagnostic::new(
                code,
                loc,
                tr!(
                    en("{} must be a date that exists, found `{v}`", at.en),
                    lv("{} jābūt datumam, kas pastāv, bet ir `{v}`", at.lv),
                ),
            )
            .help(tr!(
                en("{}; dates are written YYYY-MM-DD, e.g. 2025-01-30", detail.en),
                lv(
                    "{}; datumu raksta formā GGGG-MM-DD, piemēram, 2025-01-30",
                    detail.lv
                ),
            )),
            None => Diagnostic::new(
                code,
                loc,
                tr!(
                    en("{} must be a date written YYYY-MM-DD, found `{v}`", at.en),
                    lv("{} jābūt datumam formā GGGG-MM-DD, bet ir `{v}`", at.lv),
                ),
            )
            .help(tr!(
                en("write the year, month and day with dashes, e.g. 2025-01-30"),
                lv("ierakstiet gadu, mēnesi un dienu, atdalot ar defisēm, piemēram, 2025-01-30"),
            )),
        },
        Some(v) if !msg.contains(&v) => Diagnostic::new(
            code,
            loc,
            tr!(
                en("{}: `{v}`: {msg}", at.en),
                lv("{}: `{v}`: nederīga vērtība (YAML lasītājs: {msg})", at.path_lv()),
            ),
        )
        .help(schema_help),
        _ if !path.is_empty() => Diagnostic::new(
            code,
            loc,
            tr!(
                en("{}: {msg}", at.en),
                lv("{}: nederīga vērtība (YAML lasītājs: {msg})", at.path_lv()),
            ),
        )
        .help(schema_help),
        _ => Diagnostic::new(
            code,
            loc,
            tr!(en("{msg}"), lv("nederīga vērtība (YAML lasītājs: {msg})")),
        )
        .help(schema_help),
    };
    d = d.path(path);
    d
}

/// Where a value is, for a sentence: the YAML path as English writes it, and the Latvian
/// dative the sentence „… jābūt skaitlim” needs („laukam `period.to`”).
struct At {
    en: String,
    lv: String,
    path: String,
}

impl At {
    /// `whole_en`/`whole_lv` name the place when there is no path (the file, its top level).
    fn new(path: &str, whole_en: &str, whole_lv: &str) -> Self {
        if path.is_empty() {
            At {
                en: whole_en.to_string(),
                lv: whole_lv.to_string(),
                path: String::new(),
            }
        } else {
            At {
                en: path.to_string(),
                lv: format!("laukam `{path}`"),
                path: path.to_string(),
            }
        }
    }

    /// The path alone, as the start of a Latvian sentence („`period.to`: …”).
    fn path_lv(&self) -> String {
        if self.path.is_empty() {
            "vērtība".to_string()
        } else {
            format!("`{}`", self.path)
        }
    }
}

/// A YAML node of any shape, with positions, for the schema walk.
#[derive(Debug)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Sp<Node>>),
    Map(Vec<(Sp<String>, Sp<Node>)>),
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(i64::try_from(v).map(Node::Int).unwrap_or(Node::Float(v as f64)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Node::Seq(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = a.next_key::<Sp<String>>()? {
                    let val = a.next_value()?;
                    v.push((k, val));
                }
                Ok(Node::Map(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl Node {
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) => "a number",
            Node::Float(_) => "a number",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }

    /// What the node is, in Latvian (nominative): „skaitlis”, „teksts”.
    fn kind_lv(&self) -> &'static str {
        match self {
            Node::Null => "tukša vērtība",
            Node::Bool(_) => "patiesumvērtība",
            Node::Int(_) | Node::Float(_) => "skaitlis",
            Node::Str(_) => "teksts",
            Node::Seq(_) => "saraksts",
            Node::Map(_) => "lauku kopa",
        }
    }

    fn scalar_text(&self) -> Option<String> {
        match self {
            Node::Str(s) => Some(s.clone()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Whether a node fits the JSON Schema type `t`.
fn fits(t: &str, node: &Node) -> bool {
    match (t, node) {
        ("null", Node::Null) => true,
        ("boolean", Node::Bool(_)) => true,
        ("integer", Node::Int(_)) => true,
        ("number", Node::Int(_) | Node::Float(_)) => true,
        // serde-saphyr reads any plain scalar as text where text is expected.
        ("string", Node::Str(_) | Node::Int(_) | Node::Float(_) | Node::Bool(_)) => true,
        ("array", Node::Seq(_)) => true,
        ("object", Node::Map(_)) => true,
        _ => false,
    }
}

/// The format's keyword for a Latvian word a working group writes instead (`skaits` → `count`).
fn keyword_for(word: &str) -> Option<&'static str> {
    let word = word.trim().to_lowercase();
    Some(match word.as_str() {
        "skaits" | "skaitlis" | "gab." => "count",
        "procenti" | "procents" | "%" | "īpatsvars" => "percent",
        "attiecība" => "ratio",
        "punkti" | "vērtējums" => "score",
        "eiro" | "euro" | "€" => "eur",
        "universālā" | "universāla" => "universal",
        "mērķtiecīgā" | "selektīvā" => "targeted",
        "pielāgotā" | "indicētā" => "indicated",
        "dome" => "council",
        "izglītības pārvalde" => "education-board",
        "sociālais dienests" => "social-service",
        "bāriņtiesa" => "orphans-court",
        "pašvaldības policija" => "municipal-police",
        "skola" => "school",
        "pirmsskola" => "preschool",
        "nvo" => "ngo",
        "cita" | "cits" => "other",
        _ => return None,
    })
}

/// How to write a value of one of `types` (JSON Schema type names).
fn type_help(types: &[&str], path: &str) -> Text {
    if path.is_empty() {
        return tr!(
            en("a part's file holds a mapping: `key: value` lines starting in the first column"),
            lv("programmas daļas failā ir lauki: rindas `lauks: vērtība`, kas sākas pirmajā kolonnā"),
        );
    }
    let field = path
        .rsplit(['.', '['])
        .next()
        .unwrap_or(path)
        .trim_end_matches(']');
    // A month written as a word (`month: augusts`): the number, with an example.
    if field == "month" && types.contains(&"integer") {
        return tr!(
            en("a month is written as a number from 1 to 12, e.g. August is 8"),
            lv("mēnesi raksta ar skaitli no 1 līdz 12, piemēram, augusts = 8"),
        );
    }
    let mut hints: Vec<(&str, &str)> = Vec::new();
    for t in types {
        let hint = match *t {
            "string" => (
                "text is written as it is, or in quotes when it starts with a special character",
                "tekstu raksta, kā ir, vai pēdiņās, ja tas sākas ar īpašu rakstzīmi",
            ),
            "integer" => (
                "a whole number is written with digits only, e.g. 2026",
                "veselu skaitli raksta tikai ar cipariem, piemēram, 2026",
            ),
            "number" => (
                "a number is written with a dot decimal, e.g. 12.5",
                "skaitli raksta ar decimālpunktu, piemēram, 12.5 (dokumentā tas būs 12,5)",
            ),
            "array" => (
                "a list is written `[a, b]` or as one `- item` line per entry",
                "sarakstu raksta kā `[a, b]` vai katru elementu savā rindā `- elements`",
            ),
            "object" => (
                "a mapping is written as `key: value` lines indented under its field",
                "lauku kopu raksta kā rindas `lauks: vērtība` ar atkāpi zem tās lauka",
            ),
            "boolean" => ("write true or false", "ierakstiet true vai false"),
            _ => continue,
        };
        if !hints.contains(&hint) {
            hints.push(hint);
        }
    }
    if types.contains(&"null") {
        hints.push(("or leave the field out", "vai izlaidiet šo lauku"));
    }
    if hints.is_empty() {
        return tr!(
            en("see `pmp schema` for what `{field}` takes"),
            lv("ko pieņem `{field}`, skatiet `pmp schema`"),
        );
    }
    let en: Vec<&str> = hints.iter().map(|h| h.0).collect();
    let lv: Vec<&str> = hints.iter().map(|h| h.1).collect();
    Text::pair(en.join("; "), lv.join("; "))
}

/// The range a number's schema allows.
fn range_help(schema: &Json) -> Text {
    let min = schema.get("minimum").and_then(Json::as_f64);
    let max = schema.get("maximum").and_then(Json::as_f64);
    let lv = |v: f64| Lang::Lv.number(v, 6);
    match (min, max) {
        (Some(a), Some(b)) => tr!(
            en("write a number from {a} to {b}"),
            lv("ierakstiet skaitli no {} līdz {}", lv(a), lv(b)),
        ),
        (Some(a), None) => tr!(
            en("write a number of at least {a}"),
            lv("ierakstiet skaitli, kas nav mazāks par {}", lv(a)),
        ),
        (None, Some(b)) => tr!(
            en("write a number of at most {b}"),
            lv("ierakstiet skaitli, kas nav lielāks par {}", lv(b)),
        ),
        (None, None) => tr!(
            en("write a number in the allowed range"),
            lv("ierakstiet skaitli atļautajās robežās"),
        ),
    }
}

/// In a `{…}` mapping a decimal comma splits a number: `{value: 12,5}` is `value: 12` and a
/// key `5`. When entry `i` is such a key (digits only, no value, on the line of a number just
/// before it), the finding says so at the number, instead of „unknown field `5`”.
fn split_decimal(path: &str, entries: &[(Sp<String>, Sp<Node>)], i: usize) -> Option<Diagnostic> {
    let (k, v) = &entries[i];
    let (pk, pv) = entries.get(i.checked_sub(1)?)?;
    let digits = !k.value.is_empty() && k.value.bytes().all(|b| b.is_ascii_digit());
    let int = match pv.value {
        Node::Int(n) => n,
        _ => return None,
    };
    if !digits || !matches!(v.value, Node::Null) || pv.loc.line != k.loc.line {
        return None;
    }
    let (written, point) = (format!("{int},{}", k.value), format!("{int}.{}", k.value));
    let field = key_path(path, &pk.value);
    Some(
        Diagnostic::new(
            Code::WrongType,
            pv.loc,
            tr!(
                en("{field} is written with a decimal comma, `{written}`: in a `{{…}}` mapping the comma ends the value, so it reads as {int} and a field `{}`", k.value),
                lv("skaitlis `{written}` (lauks `{field}`) rakstīts ar decimālkomatu; figūriekavās `{{…}}` komats atdala laukus, tāpēc tiek nolasīts {int} un vēl viens lauks `{}`", k.value),
            ),
        )
        .path(field)
        .help(tr!(
            en("write a decimal point: `{point}` (the documents print it with a comma)"),
            lv("rakstiet decimālpunktu: `{point}` (dokumentos tas tiks izdrukāts ar komatu, {written})"),
        )),
    )
}

/// A number written with a decimal comma (`14,25`, `-0,5`), which YAML reads as text.
fn decimal_comma(node: &Node) -> Option<&str> {
    let Node::Str(s) = node else { return None };
    let (int, frac) = s.trim().split_once(',')?;
    let int = int.strip_prefix('-').unwrap_or(int);
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    (digits(int) && digits(frac)).then_some(s.trim())
}

/// Checks a node tree against a JSON Schema as schemars writes it: `$ref`, `type`,
/// `properties`/`required`/`additionalProperties`, `items`, `enum`, `const`, `oneOf`/`anyOf`,
/// `minimum`/`maximum`.
struct Walker<'s> {
    root: &'s Json,
}

impl<'s> Walker<'s> {
    fn resolve(&self, mut schema: &'s Json) -> &'s Json {
        for _ in 0..16 {
            match schema.get("$ref").and_then(Json::as_str) {
                Some(r) => {
                    let name = r.trim_start_matches("#/$defs/");
                    match self.root.get("$defs").and_then(|d| d.get(name)) {
                        Some(s) => schema = s,
                        None => return schema,
                    }
                }
                None => return schema,
            }
        }
        schema
    }

    /// Whether `schema` takes a node of this kind (a mapping, a list, a scalar) at all.
    fn accepts_kind(&self, node: &Sp<Node>, schema: &'s Json) -> bool {
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Json::as_array)
        {
            return branches.iter().any(|b| self.accepts_kind(node, b));
        }
        if schema.get("enum").is_some() || schema.get("const").is_some() {
            return !matches!(node.value, Node::Seq(_) | Node::Map(_));
        }
        match schema.get("type") {
            Some(Json::String(t)) => fits(t, &node.value),
            Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).any(|t| fits(t, &node.value)),
            _ => true,
        }
    }

    fn check(&self, node: &Sp<Node>, schema: &'s Json, path: &str, sink: &mut Sink) {
        let schema = self.resolve(schema);
        let at_ = At::new(path, "the top level", "faila augšējam līmenim");
        let at = at_.en.as_str();
        if let Some(branches) = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Json::as_array)
        {
            // A branch of the node's own kind explains it best: a mapping where a table cell
            // may be a number, text or a marked mapping is a marked cell with a typo, not a
            // number gone wrong.
            let own_kind: Vec<&Json> = branches.iter().filter(|b| self.accepts_kind(node, b)).collect();
            let candidates = if own_kind.is_empty() {
                branches.iter().collect()
            } else {
                own_kind
            };
            let mut best: Option<Sink> = None;
            for b in candidates {
                let mut s = Sink::default();
                self.check(node, b, path, &mut s);
                if s.diagnostics.is_empty() {
                    return;
                }
                if best
                    .as_ref()
                    .is_none_or(|bs| s.diagnostics.len() < bs.diagnostics.len())
                {
                    best = Some(s);
                }
            }
            let consts: Vec<String> = branches
                .iter()
                .filter_map(|b| self.resolve(b).get("const").and_then(Json::as_str))
                .map(|s| s.to_string())
                .collect();
            if !consts.is_empty() && consts.len() == branches.len() {
                return self.invalid_enum(node, &consts, &at_, sink);
            }
            if let Some(b) = best {
                sink.extend(b);
            }
            return;
        }
        if let Some(values) = schema.get("enum").and_then(Json::as_array) {
            let allowed: Vec<String> = values
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            return self.invalid_enum(node, &allowed, &at_, sink);
        }
        if let Some(c) = schema.get("const").and_then(Json::as_str) {
            return self.invalid_enum(node, &[c.to_string()], &at_, sink);
        }
        let types: Vec<&str> = match schema.get("type") {
            Some(Json::String(t)) => vec![t.as_str()],
            Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
            _ => return,
        };
        let Some(t) = types.iter().copied().find(|t| fits(t, &node.value)) else {
            let code = if path.is_empty() {
                Code::NotAMapping
            } else {
                Code::WrongType
            };
            if let Some(v) =
                decimal_comma(&node.value).filter(|_| types.iter().any(|t| *t == "number" || *t == "integer"))
            {
                let point = v.replace(',', ".");
                sink.push(
                    Diagnostic::new(
                        code,
                        node.loc,
                        tr!(
                            en("{at} is written with a decimal comma, `{v}`, which YAML reads as text, not a number"),
                            lv("{} ir rakstīts ar decimālkomatu, `{v}`, un YAML to nolasa kā tekstu, nevis skaitli", at_.path_lv()),
                        ),
                    )
                    .path(path)
                    .help(tr!(
                        en("write a decimal point: `{point}` (the documents print it with a comma)"),
                        lv("rakstiet decimālpunktu: `{point}` (dokumentos tas tiks izdrukāts ar komatu, {v})"),
                    )),
                );
                return;
            }
            let wanted = |lang: Lang| -> String {
                let words: Vec<&str> = types
                    .iter()
                    .filter(|t| **t != "null")
                    .map(|t| match (lang, *t) {
                        (Lang::En, "string") => "text",
                        (Lang::En, "integer") => "a whole number",
                        (Lang::En, "number") => "a number",
                        (Lang::En, "array") => "a list",
                        (Lang::En, "object") => "a mapping",
                        (Lang::En, "boolean") => "true or false",
                        (Lang::Lv, "string") => "tekstam",
                        (Lang::Lv, "integer") => "veselam skaitlim",
                        (Lang::Lv, "number") => "skaitlim",
                        (Lang::Lv, "array") => "sarakstam",
                        (Lang::Lv, "object") => "lauku kopai",
                        (Lang::Lv, "boolean") => "true vai false",
                        (_, other) => other,
                    })
                    .collect();
                words.join(match lang {
                    Lang::En => " or ",
                    Lang::Lv => " vai ",
                })
            };
            sink.push(
                Diagnostic::new(
                    code,
                    node.loc,
                    tr!(
                        en("{at} must be {}, found {}", wanted(Lang::En), node.kind()),
                        lv("{} jābūt {}, bet ir {}", at_.lv, wanted(Lang::Lv), node.kind_lv()),
                    ),
                )
                .path(path)
                .help(type_help(&types, path)),
            );
            return;
        };
        match (&node.value, t) {
            (Node::Int(i), _) => {
                if let Some(min) = schema
                    .get("minimum")
                    .and_then(Json::as_f64)
                    .filter(|m| (*i as f64) < *m)
                {
                    sink.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            node.loc,
                            tr!(
                                en("{at} must be at least {min}, found {i}"),
                                lv("{} jābūt vismaz {}, bet ir {i}", at_.lv, Lang::Lv.number(min, 6)),
                            ),
                        )
                        .path(path)
                        .help(range_help(schema)),
                    );
                }
                if let Some(max) = schema
                    .get("maximum")
                    .and_then(Json::as_f64)
                    .filter(|m| (*i as f64) > *m)
                {
                    sink.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            node.loc,
                            tr!(
                                en("{at} must be at most {max}, found {i}"),
                                lv(
                                    "{} jābūt ne vairāk kā {}, bet ir {i}",
                                    at_.lv,
                                    Lang::Lv.number(max, 6)
                                ),
                            ),
                        )
                        .path(path)
                        .help(range_help(schema)),
                    );
                }
            }
            (Node::Seq(items), "array") => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item, item_schema, &format!("{path}[{i}]"), sink);
                    }
                }
            }
            (Node::Map(entries), "object") => self.check_object(node.loc, entries, schema, path, sink),
            _ => {}
        }
    }

    fn invalid_enum(&self, node: &Sp<Node>, allowed: &[String], at: &At, sink: &mut Sink) {
        let text = node.scalar_text();
        if text.as_ref().is_some_and(|t| allowed.iter().any(|a| a == t)) {
            return;
        }
        let (found_en, found_lv) = match &text {
            Some(t) => (format!("`{t}`"), format!("`{t}`")),
            None => (node.kind().to_string(), node.kind_lv().to_string()),
        };
        let list = allowed.join(", ");
        let mut d = Diagnostic::new(
            Code::InvalidValue,
            node.loc,
            tr!(
                en("{} must be one of {list}, found {found_en}", at.en),
                lv("{} jābūt vienai no vērtībām {list}, bet ir {found_lv}", at.lv),
            ),
        )
        .path(&at.path);
        // A keyword written as the Latvian word for it (`unit: skaits`): the keyword.
        let keyword = text
            .as_deref()
            .and_then(keyword_for)
            .filter(|k| allowed.iter().any(|a| a == k));
        if let (Some(k), Some(t)) = (keyword, text.as_deref()) {
            d = d.help(tr!(
                en("the values are English keywords: `{t}` is `{k}`"),
                lv("vērtības raksta ar angļu valodas atslēgvārdiem: `{t}` ir `{k}`"),
            ));
        } else if let Some(s) = text
            .as_deref()
            .and_then(|t| did_you_mean(t, allowed.iter().map(String::as_str)))
        {
            d = d.help(tr!(en("did you mean `{s}`?"), lv("vai domājāt `{s}`?")));
        } else if allowed.len() == 1 {
            let only = &allowed[0];
            d = d.help(tr!(en("write `{only}`"), lv("ierakstiet `{only}`")));
        } else {
            d = d.help(tr!(
                en("write one of the values listed, spelt exactly so (lower case, no quotes needed)"),
                lv("ierakstiet vienu no uzskaitītajām vērtībām tieši tā, kā tā rakstīta (ar mazajiem burtiem, pēdiņas nav vajadzīgas)"),
            ));
        }
        sink.push(d);
    }

    fn check_object(
        &self,
        loc: Loc,
        entries: &[(Sp<String>, Sp<Node>)],
        schema: &'s Json,
        path: &str,
        sink: &mut Sink,
    ) {
        let empty = serde_json::Map::new();
        let props = schema
            .get("properties")
            .and_then(Json::as_object)
            .unwrap_or(&empty);
        let closed = schema.get("additionalProperties") == Some(&Json::Bool(false));
        for (i, (k, v)) in entries.iter().enumerate() {
            let child = key_path(path, &k.value);
            match props.get(&k.value) {
                Some(s) => self.check(v, s, &child, sink),
                None if closed && let Some(d) = split_decimal(path, entries, i) => sink.push(d),
                None if closed => {
                    let key = &k.value;
                    let mut d = Diagnostic::new(
                        Code::UnknownField,
                        k.loc,
                        tr!(en("unknown field `{key}`"), lv("nezināms lauks `{key}`")),
                    )
                    .path(&child);
                    d = match did_you_mean(&k.value, props.keys().map(String::as_str)) {
                        Some(s) => d.help(tr!(en("did you mean `{s}`?"), lv("vai domājāt `{s}`?"))),
                        None => {
                            let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
                            names.sort_unstable();
                            let names = names.join(", ");
                            d.help(tr!(
                                en("the fields here are: {names}"),
                                lv("šeit var būt lauki: {names}"),
                            ))
                        }
                    };
                    sink.push(d);
                }
                None => {}
            }
        }
        if let Some(req) = schema.get("required").and_then(Json::as_array) {
            for r in req.iter().filter_map(Json::as_str) {
                if !entries.iter().any(|(k, _)| k.value == r) {
                    let message = if path.is_empty() {
                        tr!(
                            en("missing field `{r}` in the file"),
                            lv("failā trūkst lauka `{r}`")
                        )
                    } else {
                        tr!(
                            en("missing field `{r}` in `{path}`"),
                            lv("`{path}` trūkst lauka `{r}`")
                        )
                    };
                    sink.push(
                        Diagnostic::new(Code::MissingField, loc, message)
                            .path(path)
                            .help(tr!(en("add `{r}:`"), lv("pievienojiet `{r}:`"))),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "a: ā\nāā\tb\n";
        let tab = tab_near(text, 6).unwrap();
        let loc = loc_at(0, text, tab);
        assert_eq!((loc.line, loc.column), (2, 3));
        assert_eq!(offset_of(text, 2, 3) as usize, tab);
    }

    #[test]
    fn open_quote_skips_comments_closed_quotes_and_block_scalars() {
        let text = "a: \"x # y\" # it's\nb: |\n  \"not a quote\n# '\nc: 'it''s'\nd: \"open\n";
        let q = open_quote(text, text.len()).unwrap();
        assert_eq!(&text[q..q + 5], "\"open");
        assert_eq!(open_quote("a: it's\n", 8), None);
    }

    #[test]
    fn impossible_dates_say_why() {
        let feb = date_problem("2025-02-30").unwrap();
        assert_eq!(feb.en, "day 30 does not exist in February 2025");
        assert_eq!(feb.lv, "2025. gada februārī nav 30. datuma");
        assert_eq!(date_problem("2025-13-01").unwrap().en, "month 13 does not exist");
        assert_eq!(date_problem("2024-02-29"), None);
        assert_eq!(date_problem("30.01.2025"), None);
    }
}
