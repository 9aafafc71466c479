//! `control-character`: text holding a character XML 1.0 cannot carry.
//!
//! Text pasted from Word brings vertical tabs (a manual line break), form feeds (a page break)
//! and other control characters with it. Written raw into YAML they are a syntax error, but a
//! double-quoted string writes them as escapes (`"a\u000Bb"`, `"\f"`, `"\0"`) and the parse
//! accepts them. The Word writer drops them ([`crate::render::ooxml::xml_safe`]), so the
//! document would silently differ from the YAML: this rule says where they are, checking the
//! parsed strings (keys and values), not the bytes. A CSV table file has no escapes: its raw
//! text is checked ([`in_csv`]).

use super::{Node, entity_at, key_path, loc_at};
use crate::diag::{Code, Diagnostic, Sink};
use crate::model::{FileId, Sp};
use crate::render::ooxml::is_xml_char;
use crate::tr;

/// Whether `text` may hold such a character once parsed: raw, or as a double-quoted escape.
/// A cheap test that spares the tree walk for almost every file.
///
/// One pass over the bytes (it runs on every file): in UTF-8 a character XML forbids is a
/// byte below 0x20 other than tab, line feed and carriage return, or the sequence EF BF BE /
/// EF BF BF (U+FFFE, U+FFFF); an escape is a backslash before one of the letters below.
pub(super) fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    // 64 bytes at a time without a branch (the compiler vectorises it); only a block with a
    // byte of interest is looked at closely.
    let suspect =
        |c: u8| (c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r') | (c == 0xEF) | (c == b'\\');
    b.chunks(64).enumerate().any(|(k, block)| {
        block.iter().fold(false, |any, &c| any | suspect(c)) && close_look(b, k * 64, block.len())
    })
}

/// [`may_hold`]'s test of the bytes `from..from + len` of `b` (a sequence may run past them).
fn close_look(b: &[u8], from: usize, len: usize) -> bool {
    (from..from + len).any(|i| match b[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F => true,
        0xEF => b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)),
        b'\\' => matches!(
            b.get(i + 1),
            Some(b'0' | b'a' | b'b' | b'e' | b'f' | b'v' | b'x' | b'u' | b'U')
        ),
        _ => false,
    })
}

/// Reports every key or string value of the tree holding a character XML forbids.
pub(super) fn control_characters(tree: &Sp<Node>, sink: &mut Sink) {
    walk(tree, tree, "", sink);
}

fn walk(root: &Sp<Node>, node: &Sp<Node>, path: &str, sink: &mut Sink) {
    match &node.value {
        Node::Str(s) => report(root, node, s, path, sink),
        Node::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(root, item, &format!("{path}[{i}]"), sink);
            }
        }
        Node::Map(entries) => {
            for (k, v) in entries {
                let child = key_path(path, &visible(&k.value));
                report(root, &Sp::new(Node::Null, k.loc), &k.value, &child, sink);
                walk(root, v, &child, sink);
            }
        }
        _ => {}
    }
}

fn report(root: &Sp<Node>, at: &Sp<Node>, s: &str, path: &str, sink: &mut Sink) {
    let bad: Vec<char> = s.chars().filter(|c| !is_xml_char(*c)).collect();
    let Some(first) = bad.first() else { return };
    let (what_en, what_lv) = match first {
        '\u{0B}' => (
            " (a vertical tab: Word's manual line break)",
            " (vertikālā tabulācija: Word rokas rindiņas pārnesums)",
        ),
        '\u{0C}' => (
            " (a form feed: Word's page break)",
            " (lappuses pārtraukums no Word)",
        ),
        '\u{00}' => (" (a NUL)", " (NUL)"),
        _ => ("", ""),
    };
    let (more_en, more_lv) = match bad.len() {
        1 => (String::new(), String::new()),
        n => (format!(" and {} more", n - 1), format!(" un vēl {}", n - 1)),
    };
    let code = *first as u32;
    let (at_en, at_lv) = if path.is_empty() {
        ("the value".to_string(), "vērtībā".to_string())
    } else {
        (path.to_string(), format!("laukā `{path}`"))
    };
    let shown = visible(s);
    let mut d = Diagnostic::new(
        Code::ControlCharacter,
        at.loc,
        tr!(
            en("{at_en} holds the control character U+{code:04X}{what_en}{more_en}, which a Word document cannot carry"),
            lv("{at_lv} ir vadības rakstzīme U+{code:04X}{what_lv}{more_lv}, ko Word dokuments nevar saturēt"),
        ),
    )
    .path(path)
    .help(tr!(
        en("the text reads `{shown}`; delete the character or write a space or a new line instead (the Word document drops it)"),
        lv("teksts ir `{shown}`; izdzēsiet rakstzīmi vai tās vietā ierakstiet atstarpi vai jaunu rindu (Word dokumentā tā tiktu izmesta)"),
    ));
    if let Some(mut e) = entity_at(root, path) {
        e.title = e.title.map(|t| visible(&t));
        d = d.entity(e);
    }
    sink.push(d);
}

/// The first forbidden character of a CSV table file's text, at its own line and column.
pub(in crate::load) fn in_csv(file: FileId, text: &str) -> Option<Diagnostic> {
    let (offset, c) = text.char_indices().find(|(_, c)| !is_xml_char(*c))?;
    let count = text.chars().filter(|c| !is_xml_char(*c)).count();
    let (more_en, more_lv) = match count {
        1 => (String::new(), String::new()),
        n => (format!(" ({n} in the file)"), format!(" (failā tādas ir {n})")),
    };
    let code = c as u32;
    Some(
        Diagnostic::new(
            Code::ControlCharacter,
            loc_at(file, text, offset),
            tr!(
                en("the CSV file holds the control character U+{code:04X}{more_en}, which a Word document cannot carry"),
                lv("CSV failā ir vadības rakstzīme U+{code:04X}{more_lv}, ko Word dokuments nevar saturēt"),
            ),
        )
        .help(tr!(
            en("delete the character or write a space instead (the Word document drops it)"),
            lv("izdzēsiet rakstzīmi vai tās vietā ierakstiet atstarpi (Word dokumentā tā tiktu izmesta)"),
        )),
    )
}

/// `s` with every forbidden character written as an escape, safe to print on a terminal.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_xml_char(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefilter_sees_raw_characters_and_escapes() {
        assert!(may_hold("a: \"x\\u000By\""));
        assert!(may_hold("a: \"\\f\""));
        assert!(may_hold("a: x\u{0B}y"));
        assert!(!may_hold("a: plain text\n  with \\n escapes and a\tab\n"));
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_test() {
        // What `may_hold` decides by bytes, decided character by character.
        let by_chars = |t: &str| {
            !t.chars().all(is_xml_char)
                || t.as_bytes().windows(2).any(|w| {
                    w[0] == b'\\'
                        && matches!(w[1], b'0' | b'a' | b'b' | b'e' | b'f' | b'v' | b'x' | b'u' | b'U')
                })
        };
        let cases = [
            "",
            "a: b\n",
            "\t\r\n",
            "x\u{0}",
            "x\u{1F}",
            "x\u{7F}",
            "x\u{85}",
            "x\u{9F}",
            "x\u{D7FF}",
            "x\u{E000}",
            "x\u{FFFD}",
            "x\u{FFFE}",
            "x\u{FFFF}",
            "x\u{10000}",
            "\u{EFBF}",
            "ē\u{FFFE}",
            "\\",
            "a\\",
            "\\n",
            "\\u",
            "\\U",
            "\\x",
            "\\0",
            "\\9",
            "\\v\\",
            "Līdz 2028. gadam – 5,00 %",
            "\u{F8FF}\u{FFFC}",
            "tab\there",
        ];
        for t in cases {
            assert_eq!(may_hold(t), by_chars(t), "{t:?}");
        }
        // Every character up to U+10FFFF alone and after a backslash.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).step_by(7) {
            for t in [c.to_string(), format!("\\{c}")] {
                assert_eq!(may_hold(&t), by_chars(&t), "{t:?}");
            }
        }
        for c in ['\u{0B}', '\u{0C}', '\u{FFFE}', '\u{FFFF}', '\u{FFFD}', '\u{7F}'] {
            assert_eq!(may_hold(&c.to_string()), by_chars(&c.to_string()), "{c:?}");
        }
        // Across the 64-byte blocks `may_hold` reads at a time: a character or an escape at
        // every offset around a block's end, in Latvian text.
        let text = "Izglītības pārvalde – „plāns” ".repeat(8);
        for mark in ["\u{0B}", "\u{FFFE}", "\\v", "\\n", "\u{FFFD}", "ē"] {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let t = format!("{}{mark}{}", &text[..at], &text[at..]);
                assert_eq!(may_hold(&t), by_chars(&t), "{mark:?} at {at}");
            }
        }
    }

    #[test]
    fn forbidden_characters_are_shown_as_escapes() {
        assert_eq!(visible("a\u{0B}b\u{1B}"), "a\\u{000B}b\\u{001B}");
    }
}
