//! Byte offsets of a file's text and LSP positions (a 0-based line and a column in UTF-16
//! code units, the encoding every client understands), both ways.

use lsp_types::{Position, Range};

/// The LSP position of byte `offset` of `text` (clamped to the text, on a character).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[start..].chars().map(char::len_utf16).sum();
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(character).unwrap_or(u32::MAX),
    )
}

/// The range of bytes `start..end` of `text`.
pub fn range(text: &str, start: usize, end: usize) -> Range {
    Range::new(position(text, start), position(text, end.max(start)))
}

/// The byte offset of LSP position `p` in `text`: past the end of its line, the line's end;
/// past the last line, the end of the text.
pub fn offset(text: &str, p: Position) -> usize {
    let mut start = 0;
    for _ in 0..p.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0u32;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= p.character {
            return start + i;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    line_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "a: ā\nb: 𝄞x\n";
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x), Position::new(1, 5));
        assert_eq!(offset(text, Position::new(1, 5)), x);
        assert_eq!(offset(text, Position::new(0, 99)), 4 + 'ā'.len_utf8() - 1);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
        // Inside a letter: the letter's start.
        assert_eq!(position(text, 4), Position::new(0, 3));
    }
}
