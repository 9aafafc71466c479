//! Plain words for the YAML slips people make by hand: a line indented out of line with its
//! neighbours, a list item without the space after `-`, and the parser's own messages.
//!
//! The parser stops at the line it cannot fit and says so in its terms ("while parsing a
//! block collection, did not find expected '-' indicator"). Most such stops in a programme
//! are one line indented a space too far or too short; [`misaligned`] finds that line's
//! neighbours, so the finding can say which line is out of line with which.

use crate::i18n::Text;
use crate::tr;

/// A line's indentation and what it starts with, as this module reads it.
struct Line<'a> {
    number: usize,
    indent: usize,
    /// The text after the indentation.
    body: &'a str,
}

fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    text.lines().enumerate().map(|(i, l)| {
        let body = l.trim_start_matches(' ');
        Line {
            number: i + 1,
            indent: l.len() - body.len(),
            body,
        }
    })
}

/// Whether a line holds data (not blank, not a comment).
fn is_data(l: &Line<'_>) -> bool {
    !l.body.trim().is_empty() && !l.body.starts_with('#')
}

/// The columns a line opens for the lines after it: its own indentation and, for a list
/// item `- key: value`, the key's column inside the item.
fn columns(l: &Line<'_>) -> Vec<usize> {
    let mut out = vec![l.indent];
    let mut rest = l.body;
    let mut at = l.indent;
    while let Some(r) = rest.strip_prefix('-') {
        let after = r.trim_start_matches(' ');
        if after.len() == r.len() || after.is_empty() {
            break;
        }
        at += 1 + (r.len() - after.len());
        out.push(at);
        rest = after;
    }
    out
}

/// A key's name at the start of a line body (`title: …` gives `title`), for the message.
fn key_of(body: &str) -> Option<&str> {
    let body = body.trim_start_matches(['-', ' ']);
    let colon = body.find(':')?;
    let key = &body[..colon];
    (!key.is_empty() && !key.contains([' ', '"', '\'', '[', '{'])).then_some(key)
}

/// How to name a line: „line 9 (`id`)” / „9. rinda (`id`)”.
fn named(l: &Line<'_>) -> Text {
    match key_of(l.body) {
        Some(k) => tr!(en("line {} (`{k}`)", l.number), lv("{}. rinda (`{k}`)", l.number)),
        None => tr!(en("line {}", l.number), lv("{}. rinda", l.number)),
    }
}

/// When line `number` (1-based) starts at a column no line above it opens, the message
/// saying which lines it is out of line with: the nearest line above indented less (its
/// parent), and the last one it could have lined up with.
pub(super) fn misaligned(text: &str, number: usize) -> Option<Text> {
    let all: Vec<Line<'_>> = lines(text).filter(is_data).collect();
    let at = all.iter().position(|l| l.number == number)?;
    let this = &all[at];
    // The first line under a key that opens a block (`goals:`, `- results:`, `text: |`) may
    // start at any deeper column.
    if let Some(prev) = at.checked_sub(1).map(|i| &all[i]) {
        let body = prev.body.split(" #").next().unwrap_or("").trim_end();
        let opens = body.ends_with(':')
            || body == "-"
            || ["|", ">", "|-", ">-", "|+", ">+"]
                .iter()
                .any(|m| body.ends_with(&format!(": {m}")));
        if opens && this.indent > prev.indent {
            return None;
        }
    }
    // The columns open at this line: walking back, each line indented less than every line
    // seen so far opens its columns.
    let mut open: Vec<(usize, &Line<'_>)> = Vec::new();
    let mut below = usize::MAX;
    for l in all[..at].iter().rev() {
        if l.indent < below {
            for c in columns(l) {
                if c < below {
                    open.push((c, l));
                }
            }
            below = l.indent;
        }
        if below == 0 {
            break;
        }
    }
    if open.is_empty() || open.iter().any(|(c, _)| *c == this.indent) {
        return None;
    }
    // The nearest column on each side of this line's indentation.
    let shallower = open
        .iter()
        .filter(|(c, _)| *c < this.indent)
        .max_by_key(|(c, _)| *c);
    let deeper = open
        .iter()
        .filter(|(c, _)| *c > this.indent)
        .min_by_key(|(c, _)| *c);
    let n = this.indent;
    let spaces = |lang: crate::i18n::Lang, k: usize| match lang {
        crate::i18n::Lang::En => lang.count(k, "space", "spaces"),
        // After „par”: „par 1 atstarpi”, „par 4 atstarpēm”.
        crate::i18n::Lang::Lv => lang.count(k, "atstarpi", "atstarpēm"),
    };
    let en_n = spaces(crate::i18n::Lang::En, n);
    let lv_n = spaces(crate::i18n::Lang::Lv, n);
    let me = named(this);
    Some(match (shallower, deeper) {
        (_, Some((c, l))) => {
            let other = named(l);
            tr!(
                en(
                    "{} is indented {en_n}, but {} above it is indented {}: lines of one list or mapping start in the same column",
                    me.en,
                    other.en,
                    spaces(crate::i18n::Lang::En, *c)
                ),
                lv(
                    "{} ir atkāpta par {lv_n}, bet {} virs tās — par {}: viena saraksta vai kartējuma rindām jāsākas vienā kolonnā",
                    me.lv,
                    other.lv,
                    spaces(crate::i18n::Lang::Lv, *c)
                ),
            )
        }
        (Some((c, l)), None) => {
            let other = named(l);
            tr!(
                en(
                    "{} is indented {en_n}, more than {} above it ({}), which holds a value and opens nothing below it",
                    me.en,
                    other.en,
                    spaces(crate::i18n::Lang::En, *c)
                ),
                lv(
                    "{} ir atkāpta par {lv_n}, vairāk nekā {} virs tās ({}), bet tai jau ir vērtība, tāpēc zem tās nekas nevar sākties",
                    me.lv,
                    other.lv,
                    spaces(crate::i18n::Lang::Lv, *c)
                ),
            )
        }
        (None, None) => return None,
    })
}

/// A list item written `-id: g2`: the dash needs a space after it.
pub(super) fn dash_without_space(text: &str, number: usize) -> Option<Text> {
    let l = lines(text).find(|l| l.number == number)?;
    let rest = l.body.strip_prefix('-')?;
    let first = rest.chars().next()?;
    if first == ' ' || first == '-' || first.is_ascii_digit() {
        return None;
    }
    Some(tr!(
        en("line {number} starts a list item without a space after `-`: write `- {rest}`"),
        lv("{number}. rindā saraksta elements sākas bez atstarpes aiz `-`: rakstiet `- {rest}`"),
    ))
}

/// The parser's message in both languages. The English is the parser's own; the Latvian says
/// the same of the common ones, and of the rest that the file's structure is broken there.
pub(super) fn parser_message(raw: &str) -> Text {
    // serde-saphyr's and the scanner's words, by a part of the message that identifies them.
    const SAID: [(&str, &str); 30] = [
        (
            "mapping values are not allowed",
            "šeit nevar sākties jauns lauks; ja tekstā ir „: ”, lieciet visu tekstu pēdiņās",
        ),
        (
            "did not find expected '-' indicator",
            "šeit gaidīts nākamais saraksta elements, kas sākas ar `- `",
        ),
        (
            "did not find expected key",
            "šeit gaidīts nākamais lauks (`lauks: vērtība`)",
        ),
        (
            "simple key expected ':'",
            "aiz lauka nosaukuma trūkst kola (`lauks: vērtība`)",
        ),
        (
            "could not find expected ':'",
            "aiz lauka nosaukuma trūkst kola (`lauks: vērtība`)",
        ),
        (
            "simple key is no longer valid",
            "aiz lauka nosaukuma tajā pašā rindā trūkst kola (`lauks: vērtība`)",
        ),
        (
            "illegal placement of ':'",
            "kols (`:`) šajā vietā nav atļauts; tekstu ar kolu lieciet pēdiņās",
        ),
        (
            "expected ',' or ']'",
            "sarakstā `[…]` trūkst komata vai aizverošās iekavas `]`",
        ),
        (
            "expected ',' or '}'",
            "figūriekavās `{…}` trūkst komata vai aizverošās iekavas `}`",
        ),
        (
            "misplaced bracket",
            "šī aizverošā iekava neaizver nevienu atvērtu iekavu",
        ),
        (
            "found character that cannot start any token",
            "ar šo rakstzīmi vērtība nevar sākties; lieciet tekstu pēdiņās",
        ),
        (
            "unexpected character",
            "ar šo rakstzīmi vērtība nevar sākties; lieciet tekstu pēdiņās",
        ),
        (
            "found unknown escape character",
            "pēdiņās ir nezināma atsoļa virkne (`\\`); apgriezto slīpsvītru rakstiet `\\\\`",
        ),
        (
            "invalid indentation in multiline quoted scalar",
            "pēdiņās ņemtā teksta turpinājuma rinda nav atkāpta vairāk par tā lauku",
        ),
        ("unclosed quote", "pēdiņas nav aizvērtas"),
        (
            "invalid trailing content after",
            "aiz pēdiņās ņemtā teksta tajā pašā rindā vēl kaut kas ir; lieciet pēdiņās visu tekstu",
        ),
        (
            "block sequence entries are not allowed",
            "saraksta elements (`- `) šeit nevar sākties; pārbaudiet rindas atkāpi",
        ),
        (
            "mapping keys are not allowed",
            "lauks šeit nevar sākties; pārbaudiet rindas atkāpi",
        ),
        (
            "unexpected EOF while parsing a flow sequence",
            "fails beidzas, bet saraksts `[…]` nav aizvērts ar `]`",
        ),
        (
            "unexpected EOF while parsing a flow mapping",
            "fails beidzas, bet figūriekavas `{…}` nav aizvērtas ar `}`",
        ),
        ("unexpected EOF", "fails beidzas negaidīti"),
        ("unexpected eof", "fails beidzas negaidīti"),
        ("did not find expected node content", "šeit gaidīta vērtība"),
        (
            "comments must be separated",
            "pirms komentāra zīmes `#` jābūt atstarpei",
        ),
        (
            "wrongly indented line in block scalar",
            "teksta bloka rinda atkāpta nepareizi",
        ),
        (
            "plain scalar cannot start with '-'",
            "vērtība nevar sākties ar `-`, kam seko `,`, `[`, `]`, `{` vai `}`; lieciet to pēdiņās",
        ),
        (
            "invalid indentation in flow construct",
            "rinda iekavās `[…]` vai `{…}` atkāpta mazāk nekā lauks, kuram tās pieder",
        ),
        (
            "comment intercepting the multiline text",
            "komentārs pārtrauc vairākrindu tekstu",
        ),
        ("expected whitespace", "šeit jābūt atstarpei"),
        ("invalid indentation", "rindas atkāpe šeit nav pareiza"),
    ];
    let lv = if let Some((open, close)) = mismatched(raw) {
        format!(
            "iekava `{open}` aizvērta ar `{close}`; trūkst aizverošās iekavas `{}`",
            closer(open)
        )
    } else if let Some(open) = raw
        .strip_prefix("unclosed bracket '")
        .and_then(|r| r.chars().next())
    {
        format!("iekava `{open}` nav aizvērta ar `{}`", closer(open))
    } else if let Some((_, lv)) = SAID.iter().find(|(en, _)| raw.contains(en)) {
        lv.to_string()
    } else {
        format!("YAML faila uzbūve šeit ir kļūdaina (YAML lasītājs: {raw})")
    };
    Text::pair(raw.to_string(), lv)
}

/// `mismatched bracket '[' closed by '}'`: the two brackets.
fn mismatched(raw: &str) -> Option<(char, char)> {
    let rest = raw.split("mismatched bracket '").nth(1)?;
    let open = rest.chars().next()?;
    let close = rest.split("closed by '").nth(1)?.chars().next()?;
    Some((open, close))
}

fn closer(open: char) -> char {
    if open == '{' { '}' } else { ']' }
}

/// Advice for the parser's message where the general advice (indentation, quoting) is beside
/// the point; `None` keeps the general one.
pub(super) fn parser_help(raw: &str) -> Option<Text> {
    if raw.contains("mapping values are not allowed") || raw.contains("illegal placement of ':'") {
        Some(tr!(
            en(
                "a `: ` inside a value makes YAML read a new field: put the whole text in quotes, `title: \"…: …\"`"
            ),
            lv(
                "„: ” vērtības vidū YAML lasa kā jauna lauka sākumu: lieciet visu tekstu pēdiņās, `title: \"…: …\"`"
            ),
        ))
    } else if raw.contains("simple key") || raw.contains("expected ':'") {
        Some(tr!(
            en("write the field's name, a colon and a space, then its value: `level: universal`"),
            lv("rakstiet lauka nosaukumu, kolu un atstarpi, tad vērtību: `level: universal`"),
        ))
    } else if raw.contains("mismatched bracket") || raw.contains("expected ',' or") {
        Some(tr!(
            en(
                "close every `[` with `]` and every `{{` with `}}` on the line it opens, and separate the items with commas"
            ),
            lv(
                "katru `[` aizveriet ar `]` un katru `{{` ar `}}` tajā pašā rindā un atdaliet elementus ar komatiem"
            ),
        ))
    } else {
        None
    }
}

/// The bracket that opens a flow list or mapping (`[` or `{` starting a value) on a line before
/// `line` and is never closed before it: a missing `]` or `}` the parser notices only later,
/// often as a colon it does not expect. Its byte offset and the bracket.
pub(super) fn unclosed_bracket(text: &str, line: usize) -> Option<(usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 >= line {
            break;
        }
        let mut quote: Option<char> = None;
        // Only spaces since the start of a value: where a flow collection or a quote may begin.
        let mut at_value = true;
        let mut after_space = true;
        let chars: Vec<(usize, char)> = l.char_indices().collect();
        for (k, &(j, c)) in chars.iter().enumerate() {
            let next = chars.get(k + 1).map_or('\n', |&(_, n)| n);
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                    at_value = false;
                }
                after_space = false;
                continue;
            }
            match c {
                ' ' | '\t' | '\r' | '\n' => {
                    after_space = true;
                    continue;
                }
                '#' if after_space => break,
                '"' | '\'' if at_value => quote = Some(c),
                '[' | '{' if at_value || !open.is_empty() => {
                    open.push((offset + j, c));
                    at_value = true;
                }
                ']' | '}' if !open.is_empty() => {
                    open.pop();
                    at_value = false;
                }
                ',' if !open.is_empty() => at_value = true,
                '-' if at_value && next == ' ' => {}
                ':' if matches!(next, ' ' | '\n' | '\r') => at_value = true,
                _ => at_value = false,
            }
            after_space = false;
        }
        // A bracket closed on a later line is rare in these files; a list left open at the end
        // of its line is the slip.
        offset += l.len();
    }
    open.last().copied()
}

/// A line before `line` that holds a field's name and no colon (`level universal`, or a list
/// item `- id g2`, or `goals` alone): the parser stumbles only on a later line. Its number and
/// the corrected text.
pub(super) fn missing_colon(text: &str, line: usize) -> Option<(usize, String)> {
    let prev = lines(text)
        .take_while(|l| l.number < line)
        .filter(|l| !l.body.trim().is_empty() && !l.body.starts_with('#'))
        .last()?;
    let body = prev.body.strip_prefix("- ").unwrap_or(prev.body).trim_end();
    if body.contains(':') || body.starts_with(['"', '\'', '[', '{', '-', '|', '>']) {
        return None;
    }
    let (key, rest) = body.split_once(' ').unwrap_or((body, ""));
    // pmp's field names: lower-case ASCII with underscores.
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return None;
    }
    let fixed = if rest.is_empty() {
        format!("{key}:")
    } else {
        format!("{key}: {}", rest.trim_start())
    };
    let dash = if prev.body.starts_with("- ") { "- " } else { "" };
    Some((prev.number, format!("{dash}{fixed}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOALS: &str =
        "goals:\n  - id: g1\n    level: universal\n    title: Visi\n  - id: g2\n    level: targeted\n";

    #[test]
    fn a_key_a_space_too_far_is_out_of_line_with_its_sibling() {
        let text = GOALS.replace("    level: targeted", "     level: targeted");
        let m = misaligned(&text, 6).expect("out of line");
        assert_eq!(
            m.en,
            "line 6 (`level`) is indented 5 spaces, more than line 5 (`id`) above it (4 spaces), which holds a value and opens nothing below it"
        );
        assert!(
            m.lv.starts_with("6. rinda (`level`) ir atkāpta par 5 atstarpēm"),
            "{}",
            m.lv
        );
    }

    #[test]
    fn a_key_a_space_short_is_out_of_line_with_the_column_it_missed() {
        let text = GOALS.replace("    level: targeted", "   level: targeted");
        let m = misaligned(&text, 6).expect("out of line");
        assert!(
            m.en.starts_with(
                "line 6 (`level`) is indented 3 spaces, but line 5 (`id`) above it is indented 4 spaces"
            ),
            "{}",
            m.en
        );
    }

    #[test]
    fn lines_in_line_are_not_reported() {
        for n in 1..=6 {
            assert!(misaligned(GOALS, n).is_none(), "line {n}");
        }
    }

    #[test]
    fn a_dash_needs_a_space() {
        let text = GOALS.replace("  - id: g2", "  -id: g2");
        assert_eq!(
            dash_without_space(&text, 5).unwrap().en,
            "line 5 starts a list item without a space after `-`: write `- id: g2`"
        );
        assert!(dash_without_space(GOALS, 5).is_none());
    }
}
