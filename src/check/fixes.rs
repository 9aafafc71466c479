//! Fixes for findings: after the rules have run, each finding of a fixable kind gets the
//! edits that fix it, read from its file's text ([`crate::diag::fix`] has the model). One
//! function per fix:
//!
//! - `schema-header`: the part's `# yaml-language-server: $schema=…` line is written (or the
//!   wrong one replaced). Safe: it is a comment.
//! - `yaml-syntax` / `wrong-type`, a list item written `-item`: a space after the `-`. Safe,
//!   but before a digit unsafe where nothing was read (a syntax error), and only shown
//!   (applicability `none`) where YAML read a negative figure (`-2026`).
//! - `yaml-syntax`, a tab in the indentation: every tab in the file's indentation becomes the
//!   file's indentation step in spaces. Safe when each line so changed lines up with the
//!   lines around it, otherwise unsafe.
//! - `wrong-type`, a decimal comma where a number belongs (`14,25`): a decimal point. Safe:
//!   the figure and its decimals stay; unsafe when the comma may separate thousands (`1,500`).
//! - `unknown-institution`: a name the registry knows by one spelling, written without its
//!   Latvian marks, or its case or hyphens changed („Zalenieku KAV”), becomes that spelling.
//!   Safe. A near spelling „did you mean” suggests is an unsafe fix.
//!
//! No fix changes a title, a number or a figure: a figure's digits are kept, and a title or a
//! number is never the target of one.

use crate::diag::{Applicability, Code, Diagnostic, Edit, Fix, Sink};
use crate::model::{Index, Part, Programme, Sources};
use crate::tr;

/// Attaches a fix to every finding in `sink` that has one.
pub fn attach(p: &Programme, sources: &Sources, sink: &mut Sink) {
    let ix = Index::new(p);
    // The registry's spellings by their folded form, made once, when a name is unknown.
    let mut folded: Option<Folded<'_>> = None;
    for d in &mut sink.diagnostics {
        if d.fix.is_some() {
            continue;
        }
        let Some(text) = sources.get(d.loc.file).map(|f| f.text.as_str()) else {
            continue;
        };
        d.fix = match d.code {
            Code::SchemaHeader => schema_header(p, d, text),
            Code::YamlSyntax => dash_space(d, text, false).or_else(|| tab_indent(d, text)),
            Code::WrongType => decimal_comma(d, text).or_else(|| dash_space(d, text, true)),
            Code::UnknownInstitution => {
                let folded = folded.get_or_insert_with(|| Folded::of(&ix));
                institution_spelling(&ix, folded, d, text)
            }
            _ => None,
        };
    }
}

/// The part a file of the programme holds.
fn part_of(p: &Programme, d: &Diagnostic) -> Option<Part> {
    if p.results.values().any(|r| r.file == d.loc.file) {
        return Some(Part::Results);
    }
    p.files
        .iter()
        .find(|(_, f)| *f == d.loc.file)
        .map(|(part, _)| *part)
}

fn schema_header(p: &Programme, d: &Diagnostic, text: &str) -> Option<Fix> {
    let part = part_of(p, d)?;
    let header = crate::load::schema_header(part);
    // After a byte order mark, which stays first.
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let first = text[start..first_end].trim_end_matches('\r');
    let edit = if first.starts_with("# yaml-language-server:") {
        Edit::replace(start, start + first.len(), header.clone())
    } else {
        Edit::insert(start, format!("{header}\n"))
    };
    Some(Fix::safe(
        tr!(
            en("write the schema line `{header}`"),
            lv("ierakstīt shēmas rindu `{header}`"),
        ),
        vec![edit],
    ))
}

/// The byte range of line `line` (1-based) without its line break.
fn line_range(text: &str, line: u32) -> Option<(usize, usize)> {
    let mut start = 0;
    for _ in 1..line.max(1) {
        start += text[start..].find('\n')? + 1;
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    Some((start, end))
}

/// The leading spaces of a line (a tab counts as none: it ends the indentation).
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The nearest line above (`up`) or below line `line` that holds more than white space or a
/// comment.
fn neighbour(text: &str, line: u32, up: bool) -> Option<&str> {
    let mut n = line;
    loop {
        n = if up {
            n.checked_sub(1).filter(|n| *n > 0)?
        } else {
            n + 1
        };
        let (s, e) = line_range(text, n)?;
        if s >= text.len() && !up {
            return None;
        }
        let l = &text[s..e];
        let t = l.trim_start_matches([' ', '\t']);
        if !t.is_empty() && !t.starts_with('#') {
            return Some(l);
        }
    }
}

/// `-item` where a list item was meant: on the finding's line (or, for a syntax error, the
/// line before it), a `-` and text without a space between, where the lines around are list
/// items at the same indentation (`list` false) or the line is the first value under a key
/// whose value must be a list (`list` true, a `wrong-type` finding).
fn dash_space(d: &Diagnostic, text: &str, list: bool) -> Option<Fix> {
    if list && !d.message.en.contains("must be a list") {
        return None;
    }
    let candidates: &[u32] = if list {
        &[d.loc.line]
    } else {
        &[d.loc.line, d.loc.line.saturating_sub(1)]
    };
    for &n in candidates {
        let Some((s, e)) = line_range(text, n) else {
            continue;
        };
        let line = &text[s..e];
        let ind = indent(line);
        let rest = &line[ind..];
        let mut chars = rest.chars();
        if chars.next() != Some('-') {
            continue;
        }
        let Some(next) = chars.next() else { continue };
        if matches!(next, ' ' | '\t' | '-' | '#') {
            continue;
        }
        let fits = if list {
            // The scalar starts the line, right under a `key:` with no value of its own.
            d.loc.offset as usize == s + ind
                && neighbour(text, n, true).is_some_and(|l| l.trim_end().ends_with(':') && indent(l) < ind)
        } else {
            let item =
                |l: &str| indent(l) == ind && (l[ind..].starts_with("- ") || l[ind..].trim_end() == "-");
            neighbour(text, n, true).is_some_and(item) || neighbour(text, n, false).is_some_and(item)
        };
        if !fits {
            continue;
        }
        // Before a digit the `-` may be a sign: where YAML read a negative figure (`list`),
        // the fix is only shown, never applied, as it would change the figure; where nothing
        // could be read (a syntax error among list items), it is unsafe.
        let applicability = match (next.is_ascii_digit() || next == '.', list) {
            (false, _) => Applicability::Safe,
            (true, false) => Applicability::Unsafe,
            (true, true) => Applicability::DisplayOnly,
        };
        return Some(Fix::new(
            applicability,
            tr!(
                en("write a space after `-` to make a list item"),
                lv("aiz `-` ierakstīt atstarpi, lai tas būtu saraksta elements"),
            ),
            vec![Edit::insert(s + ind + 1, " ")],
        ));
    }
    None
}

/// The step the file indents by with spaces: the smallest indentation of a line (2 if none).
fn indent_step(text: &str) -> usize {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('\t'))
        .map(indent)
        .filter(|i| *i > 0)
        .min()
        .unwrap_or(2)
}

/// Every tab in the file's indentation replaced by spaces; lines inside a block scalar (`|`,
/// `>`) are left as they are. A tab is as wide as makes its line line up with the lines
/// above: as deep as an enclosing line (a sibling), or deeper than a `key:` that opens it,
/// trying the file's own step, then 2, 4 and 8 spaces a tab. Safe when every line found its
/// place that way; otherwise each tab is the file's step, and the fix is unsafe.
fn tab_indent(d: &Diagnostic, text: &str) -> Option<Fix> {
    let (s, e) = line_range(text, d.loc.line)?;
    let own = &text[s..e];
    let lead = own.len() - own.trim_start_matches([' ', '\t']).len();
    if !own[..lead].contains('\t') {
        return None;
    }
    let step = indent_step(text);
    let mut edits = Vec::new();
    let mut aligned = true;
    // The indentation of the key that opened a block scalar, while inside one.
    let mut block: Option<usize> = None;
    // The indentations of the lines enclosing the current one, outermost first.
    let mut stack: Vec<usize> = vec![0];
    let mut opens = false;
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        let content = &line[lead..];
        let width_at = |tab: usize| -> usize {
            line[..lead]
                .chars()
                .map(|c| if c == '\t' { tab } else { 1 })
                .sum()
        };
        if let Some(b) = block {
            if content.is_empty() || width_at(step) > b {
                at += raw.len();
                continue;
            }
            block = None;
        }
        if content.is_empty() || content.starts_with('#') {
            at += raw.len();
            continue;
        }
        let top = stack.last().copied().unwrap_or(0);
        let mut width = width_at(step);
        if line[..lead].contains('\t') {
            // Under a `key:` with no value, its first child; else a sibling of the line
            // above; else a line back at an enclosing level.
            let widths = [step, 2, 4, 8].map(width_at);
            let found = widths
                .iter()
                .find(|w| opens && **w > top)
                .or_else(|| widths.iter().find(|w| **w == top))
                .or_else(|| widths.iter().find(|w| stack.contains(w)))
                .copied();
            match found {
                Some(w) => width = w,
                None => aligned = false,
            }
            edits.push(Edit::replace(at, at + lead, " ".repeat(width)));
        }
        while stack.last().is_some_and(|t| *t > width) {
            stack.pop();
        }
        if stack.last().is_none_or(|t| *t < width) {
            stack.push(width);
        }
        let code = content.split(" #").next().unwrap_or("").trim_end();
        opens = code.ends_with(':') || code == "-";
        if code.starts_with("- ") {
            // The item's own fields line up after the `- `.
            let inner = width + 2;
            if stack.last().is_none_or(|t| *t < inner) {
                stack.push(inner);
            }
        }
        if ["|", ">", "|-", ">-", "|+", ">+"]
            .iter()
            .any(|m| code.ends_with(m))
        {
            block = Some(width);
        }
        at += raw.len();
    }
    if edits.is_empty() {
        return None;
    }
    let applicability = if aligned {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Some(Fix::new(
        applicability,
        tr!(
            en("indent with spaces instead of tabs"),
            lv("atkāpē tabulācijas zīmju vietā ierakstīt atstarpes"),
        ),
        edits,
    ))
}

/// The scalar at byte `at`: its span, its quote (if quoted) and its value, for the simple
/// spellings a fix may rewrite (no escapes in a double-quoted one).
fn scalar_at(text: &str, at: usize) -> Option<(usize, usize, Option<char>, String)> {
    let rest = text.get(at..)?;
    let line = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    match line.chars().next()? {
        q @ ('"' | '\'') => {
            let mut value = String::new();
            let mut chars = line.char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if c == q {
                    if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        value.push('\'');
                        chars.next();
                        continue;
                    }
                    return Some((at, at + i + 1, Some(q), value));
                }
                if c == '\\' && q == '"' {
                    return None;
                }
                value.push(c);
            }
            None
        }
        _ => {
            let end = line.find(" #").unwrap_or(line.len());
            let cut = line[..end].find([',', ']', '}']).unwrap_or(end);
            let value = line[..cut].trim_end();
            Some((at, at + value.len(), None, value.to_string()))
        }
    }
}

/// `14,25` for `14.25`, where a number belongs.
fn decimal_comma(d: &Diagnostic, text: &str) -> Option<Fix> {
    if !d.message.en.contains("decimal comma") {
        return None;
    }
    let at = d.loc.offset as usize;
    let (start, _, quote, _) = scalar_at(text, at)?;
    // The figure as written: `-`, digits, `,`, digits (in `{value: 12,5}` the plain scalar
    // ends at the comma, so the digits are read here).
    let body_start = start + usize::from(quote.is_some());
    let rest = &text[body_start..];
    let neg = usize::from(rest.starts_with('-'));
    let int_len = rest[neg..].bytes().take_while(u8::is_ascii_digit).count();
    let after_int = &rest[neg + int_len..];
    if int_len == 0 || !after_int.starts_with(',') {
        return None;
    }
    let frac_len = after_int[1..].bytes().take_while(u8::is_ascii_digit).count();
    if frac_len == 0 {
        return None;
    }
    let figure_end = body_start + neg + int_len + 1 + frac_len;
    let end = match quote {
        Some(q) if text[figure_end..].starts_with(q) => figure_end + 1,
        Some(_) => return None,
        None => figure_end,
    };
    let written = &text[body_start..figure_end];
    let point = written.replacen(',', ".", 1);
    let int = &rest[neg..neg + int_len];
    // `1,500` may be one thousand five hundred written the English way.
    let applicability = if frac_len == 3 && !int.trim_start_matches('0').is_empty() {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    Some(Fix::new(
        applicability,
        tr!(
            en("write `{written}` with a decimal point: `{point}`"),
            lv("`{written}` rakstīt ar decimālpunktu: `{point}`"),
        ),
        vec![Edit::replace(start, end, point)],
    ))
}

/// A word as a registry comparison folds it: lower case, no Latvian marks, `-`/`_` as spaces,
/// white space collapsed.
fn fold(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '-' | '_' => ' ',
            c => crate::lv::unmarked(c),
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A plain YAML scalar may hold `s` as it is (inside a `[…]` list too).
fn plain_ok(s: &str) -> bool {
    let first = s.chars().next();
    !s.is_empty()
        && s.trim() == s
        && !first.is_some_and(|c| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains([',', '[', ']', '{', '}'])
        && !s.ends_with(':')
}

/// The registry's spellings by folded form: one lookup per unknown name, so fixes cost the
/// number of names plus the size of the registry, never their product.
struct Folded<'a> {
    by_fold: std::collections::HashMap<String, Vec<&'a str>>,
}

impl<'a> Folded<'a> {
    fn of(ix: &Index<'a>) -> Folded<'a> {
        let mut by_fold: std::collections::HashMap<String, Vec<&'a str>> = std::collections::HashMap::new();
        for s in &ix.institution_spellings {
            let v = by_fold.entry(fold(s)).or_default();
            if !v.contains(s) {
                v.push(s);
            }
        }
        Folded { by_fold }
    }
}

/// An institution written as the registry spells it: one spelling the name folds to (safe),
/// or the near spelling the finding's „did you mean” names (unsafe; the rule found it within
/// its bounded search).
fn institution_spelling(ix: &Index<'_>, folded: &Folded<'_>, d: &Diagnostic, text: &str) -> Option<Fix> {
    let (start, end, quote, written) = scalar_at(text, d.loc.offset as usize)?;
    // The scalar read here is the name the finding is about.
    if written.is_empty()
        || !d.message.en.contains(&format!("„{written}”"))
        || ix.institution(&written).is_some()
    {
        return None;
    }
    let same = folded.by_fold.get(&fold(&written)).map_or(&[][..], Vec::as_slice);
    let suggested = || {
        let help = &d.help.as_ref()?.en;
        let rest = help.strip_prefix("did you mean „")?;
        rest.split_once("”?").map(|(s, _)| s)
    };
    let (spelling, applicability) = match same {
        [one] => (*one, Applicability::Safe),
        [] => (suggested()?, Applicability::Unsafe),
        _ => return None,
    };
    let content = match quote {
        Some('\'') => format!("'{}'", spelling.replace('\'', "''")),
        Some(_) => format!("\"{}\"", spelling.replace('\\', "\\\\").replace('"', "\\\"")),
        None if plain_ok(spelling) => spelling.to_string(),
        None => format!("\"{}\"", spelling.replace('\\', "\\\\").replace('"', "\\\"")),
    };
    Some(Fix::new(
        applicability,
        tr!(
            en("write the registry's spelling „{spelling}”"),
            lv("rakstīt reģistrā lietoto formu „{spelling}”"),
        ),
        vec![Edit::replace(start, end, content)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_read_with_their_quotes() {
        assert_eq!(scalar_at("a: [x y, z]", 4), Some((4, 7, None, "x y".into())));
        assert_eq!(
            scalar_at("a: 'it''s' # c", 3),
            Some((3, 10, Some('\''), "it's".into()))
        );
        assert_eq!(scalar_at("a: \"x\\\"y\"", 3), None);
    }

    #[test]
    fn folding_ignores_marks_case_and_hyphens() {
        assert_eq!(fold("Zaļenieku  KAV"), fold("zalenieku-kav"));
        assert!(plain_ok("Zaļenieku KAV"));
        assert!(!plain_ok("A: b"));
    }
}

#[cfg(test)]
mod tab_tests {
    use super::*;
    use crate::model::Loc;

    #[test]
    fn a_tab_lines_up_with_its_siblings() {
        let text = "activities:\n  - id: a\n    number: \"1.\"\n\tinvolved: [x]\n    years: [2025]\n";
        let at = text.find('\t').unwrap();
        let d = Diagnostic::new(
            Code::YamlSyntax,
            Loc::new(0, 4, 1, at as u32),
            tr!(en("tab"), lv("tab")),
        );
        let fix = tab_indent(&d, text).unwrap();
        assert_eq!(fix.edits, vec![Edit::replace(at, at + 1, "    ")]);
        // Under a `key:` that opens it, a tab is one step deeper.
        let text = "a:\n  b:\n\tc: 1\n";
        let d = Diagnostic::new(Code::YamlSyntax, Loc::new(0, 3, 1, 8), tr!(en("tab"), lv("tab")));
        let fix = tab_indent(&d, text).unwrap();
        assert_eq!(fix.edits, vec![Edit::replace(8, 9, "    ")]);
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(fix.applicability, Applicability::Safe);
    }
}
