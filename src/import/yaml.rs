//! The YAML the import writes, emitted as text so each entity can carry a comment naming the
//! Word table and row it came from (serialisers drop comments). One place decides how a
//! string is quoted: plain when YAML would read it back as the same string, a literal block
//! for prose with line breaks, else double-quoted with escapes.

use std::fmt::Write as _;

/// A YAML document being written, line by line.
#[derive(Debug, Default)]
pub struct Yaml {
    out: String,
}

impl Yaml {
    pub fn new(schema_line: &str) -> Yaml {
        let mut y = Yaml::default();
        if !schema_line.is_empty() {
            y.out.push_str(schema_line);
            y.out.push('\n');
        }
        y
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// A comment line at `indent` (its text's line breaks become further comment lines).
    pub fn comment(&mut self, indent: usize, text: &str) {
        for line in text.lines() {
            let line: String = line
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let _ = writeln!(self.out, "{:indent$}# {}", "", line.trim_end());
        }
    }

    /// `key: value` with the value a scalar already written (see [`scalar`], [`int`]).
    pub fn raw(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.out, "{:indent$}{key}: {value}", "");
    }

    /// `key: "string"`; prose with line breaks as a literal block.
    pub fn string(&mut self, indent: usize, key: &str, value: &str) {
        match block(value, indent + 2) {
            Some(b) => {
                let _ = write!(self.out, "{:indent$}{key}: {b}", "");
            }
            None => self.raw(indent, key, &scalar(value)),
        }
    }

    /// `key:` opening a nested mapping or sequence.
    pub fn key(&mut self, indent: usize, key: &str) {
        let _ = writeln!(self.out, "{:indent$}{key}:", "");
    }

    /// `- ` opening a sequence item whose first line is `key: value`.
    pub fn item(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.out, "{:indent$}- {key}: {value}", "");
    }

    /// `- value` (a scalar item).
    pub fn item_scalar(&mut self, indent: usize, value: &str) {
        match block(value, indent + 2) {
            Some(b) => {
                let _ = write!(self.out, "{:indent$}- {b}", "");
            }
            None => {
                let _ = writeln!(self.out, "{:indent$}- {}", "", scalar(value));
            }
        }
    }

    /// `key: [a, b]` of scalars already written.
    pub fn flow(&mut self, indent: usize, key: &str, items: &[String]) {
        let _ = writeln!(self.out, "{:indent$}{key}: [{}]", "", items.join(", "));
    }

    /// A line written as it is (a flow mapping or sequence item built by the caller).
    pub fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{:indent$}{text}", "");
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }
}

/// A string as a YAML scalar on one line: plain when that reads back as the same string,
/// else double-quoted.
pub fn scalar(s: &str) -> String {
    if plain_ok(s) { s.to_string() } else { quoted(s) }
}

/// Always double-quoted, with YAML escapes for `"`, `\` and every control character.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
            {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.len() > 200 {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_ascii_digit() || first == '+' || first == '.' {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.contains(['\t', ',', '[', ']', '{', '}'])
    {
        return false;
    }
    if s.chars().any(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{a0}'
            )
    }) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n" | ".nan" | ".inf"
    )
}

/// Prose with line breaks as a literal block (`|`, `|-`, `|+`) indented by `indent`, or `None`
/// when a literal block cannot carry it exactly (no line break, control characters, a
/// carriage return, lines of only spaces, non-breaking spaces at line ends).
fn block(s: &str, indent: usize) -> Option<String> {
    if !s.contains('\n') || s.trim().is_empty() {
        return None;
    }
    let odd = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{85}'
            )
    };
    if s.chars().any(odd) {
        return None;
    }
    let body = s.trim_end_matches('\n');
    // Lines that are only white space, or start with a tab, do not survive a block exactly.
    if body
        .lines()
        .any(|l| (!l.is_empty() && l.trim().is_empty()) || l.starts_with('\t'))
    {
        return None;
    }
    let trailing = s.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if body.starts_with(' ') { "2" } else { "" };
    let mut out = format!("|{indicator}{chomp}\n");
    for line in body.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{:indent$}{line}", "");
        }
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(yaml: &str) -> String {
        let v: std::collections::BTreeMap<String, String> = serde_saphyr::from_str(yaml).unwrap();
        v["k"].clone()
    }

    #[test]
    fn every_string_reads_back_as_written() {
        for s in [
            "plain text",
            "1.1.",
            "yes",
            "a: b",
            "x #y",
            "- item",
            " lead",
            "trail ",
            "tab\there",
            "quote \" and \\",
            "nbsp\u{a0}",
            "two\nlines",
            "two\nlines\n",
            "two\n\nparas\n\n",
            "  indented\nfirst",
            "ctrl\u{1}",
            "Jelgavas novads",
            "[a]",
            "2024",
            "~",
        ] {
            let mut y = Yaml::new("");
            y.string(0, "k", s);
            assert_eq!(back(&y.finish()), s, "{s:?}");
        }
    }
}
