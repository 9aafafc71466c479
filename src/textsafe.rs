//! Characters a text document must not carry. A YAML string can hold any Unicode scalar
//! (written as `"\x01"` or `"\uFFFE"`), but an HTML or Markdown file with a raw NUL, another
//! control character or a noncharacter is malformed: browsers report a parse error, editors
//! and viewers show or drop it unpredictably. [`for_text_document`] replaces each by U+FFFD, the
//! replacement character, as the last step before such a file is written; what is printed on
//! the terminal goes through [`crate::diag::visible_controls`] instead.

use std::borrow::Cow;

/// Whether `c` may not appear in an HTML or Markdown file: a C0 control but for tab, line
/// feed and carriage return, DEL, a C1 control, or a noncharacter (U+FDD0..U+FDEF and the
/// last two code points of every plane, U+FFFE and U+FFFF among them).
pub fn is_unfit(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        c if c.is_control() => true,
        '\u{fdd0}'..='\u{fdef}' => true,
        c => (u32::from(c) & 0xfffe) == 0xfffe,
    }
}

/// `s` with every character [`is_unfit`] replaced by U+FFFD; `s` itself when there is none.
pub fn for_text_document(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unfit) {
        return s.into();
    }
    s.chars()
        .map(|c| if is_unfit(c) { '\u{fffd}' } else { c })
        .collect::<String>()
        .into()
}

/// The bytes of a document of format `extension` as they may be written: an `html` or `md`
/// file through [`for_text_document`]; any other format (a Word file, JSON) unchanged.
pub fn document_bytes(extension: &str, bytes: Vec<u8>) -> Vec<u8> {
    if !matches!(extension, "html" | "md") {
        return bytes;
    }
    match std::str::from_utf8(&bytes) {
        Ok(s) => match for_text_document(s) {
            Cow::Borrowed(_) => bytes,
            Cow::Owned(clean) => clean.into_bytes(),
        },
        Err(_) => bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_replaced_and_the_rest_kept() {
        let s = "a\u{0}b\u{1}c\u{1b}d\u{7f}e\u{85}f\u{9b}g\u{fffe}h\u{ffff}i\u{fdd0}j\u{10ffff}";
        assert_eq!(
            for_text_document(s),
            "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f\u{fffd}g\u{fffd}h\u{fffd}i\u{fffd}j\u{fffd}"
        );
        let fine = "Ā ē\tī\r\nō „ū” \u{fffd} \u{a0}€ 😀";
        assert!(matches!(for_text_document(fine), Cow::Borrowed(_)));
        assert_eq!(document_bytes("docx", b"\x01".to_vec()), b"\x01");
        assert_eq!(
            document_bytes("html", b"<p>\x01</p>".to_vec()),
            "<p>\u{fffd}</p>".as_bytes()
        );
    }
}
