//! Column widths of a Word table from what its cells hold, the way a browser lays out an
//! automatic table: each column is at least as wide as its longest word (so no word is broken
//! mid-way, „Logopē|ds”) and at most as wide as its longest line; the page's width is shared
//! out between those bounds. A column of single marks („X”) or short figures stays narrow, a
//! column of sentences takes the rest.
//!
//! Widths are estimated from character counts at the table's 10 pt type (no font metrics: the
//! same input always gives the same widths), in twentieths of a point.

use super::view::{CellView, TableView};

/// The average advance of a character of 10 pt Times New Roman, bold header text a little
/// wider, in twentieths of a point.
const CHAR: usize = 100;
const CHAR_BOLD: usize = 110;
/// Left and right cell margins of the Table Grid style, plus a little air.
const PADDING: usize = 2 * 85 + 40;
/// A bulleted line in a cell is indented by this much.
const BULLET: usize = 284;
/// The longest text kept on one line as a figure, in characters.
const FIGURE: usize = 12;
/// Nothing is narrower than this (an empty column still shows its borders).
const LEAST: usize = 400;

/// The least and the preferred width of every leaf column of `t`.
pub fn bounds(t: &TableView) -> (Vec<usize>, Vec<usize>) {
    let n = t.columns.len();
    let mut min = vec![LEAST; n];
    let mut max = vec![LEAST; n];
    let mut spanned: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut visit = |cells: &[CellView], taken: &mut Vec<usize>, head: bool| {
        let mut col = 0;
        for c in cells {
            while taken.get(col).is_some_and(|&r| r > 0) {
                col += 1;
            }
            if col >= n {
                break;
            }
            let span = c.colspan.max(1).min(n - col);
            let (lo, hi) = cell_bounds(c, head);
            if span == 1 {
                min[col] = min[col].max(lo);
                max[col] = max[col].max(hi);
            } else {
                spanned.push((col, span, lo, hi));
            }
            for r in taken.iter_mut().skip(col).take(span) {
                *r = c.rowspan.max(1);
            }
            col += span;
        }
        for r in taken.iter_mut() {
            *r = r.saturating_sub(1);
        }
    };
    let mut taken = vec![0usize; n];
    for row in &t.head {
        visit(row, &mut taken, true);
    }
    let mut taken = vec![0usize; n];
    for row in &t.body {
        let strong = matches!(row.role, "total" | "subtotal" | "group" | "quadrant-head");
        visit(&row.cells, &mut taken, strong);
    }
    // A cell over several columns widens them evenly when they are too narrow together.
    for (col, span, lo, hi) in spanned {
        for (v, need) in [(&mut min, lo), (&mut max, hi)] {
            let have: usize = v[col..col + span].iter().sum();
            if have < need {
                let add = (need - have).div_ceil(span);
                for w in &mut v[col..col + span] {
                    *w += add;
                }
            }
        }
    }
    for (lo, hi) in min.iter().zip(max.iter_mut()) {
        *hi = (*hi).max(*lo);
    }
    (min, max)
}

/// A cell's least width (its longest word; a figure's whole line, figures never wrap) and
/// preferred width (its longest line).
fn cell_bounds(c: &CellView, bold: bool) -> (usize, usize) {
    let per = if bold || c.header { CHAR_BOLD } else { CHAR };
    let indent = if c.lines.len() > 1 && !c.numeric {
        BULLET
    } else {
        0
    };
    // In tenths of an average character: a word in capitals („MĒRĶIS”, as headers of the
    // source print them) is about half as wide again.
    let chars = |s: &str| -> usize {
        let caps = s.chars().filter(|c| c.is_alphabetic()).count() > 1
            && s.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        s.chars().count() * if caps { 15 } else { 10 }
    };
    let word = c
        .lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .map(chars)
        .max()
        .unwrap_or(0);
    let line = c
        .lines
        .iter()
        .flat_map(|l| l.split('\n'))
        .map(chars)
        .max()
        .unwrap_or(0);
    // A figure („10 060”, „1,43 %”) stays on one line; a long text the view marks as a
    // figure (a target written in words) wraps like any text.
    let least = if c.numeric && line <= FIGURE * 10 {
        line
    } else {
        word
    };
    (
        least * per / 10 + PADDING + indent,
        line * per / 10 + PADDING + indent,
    )
}

/// Widths of the columns summing to `width`: between each column's bounds when the page
/// allows; when even the longest words do not fit, in proportion to them.
pub fn widths(min: &[usize], max: &[usize], width: usize) -> Vec<usize> {
    let sum_min: usize = min.iter().sum();
    let sum_max: usize = max.iter().sum();
    let mut out: Vec<usize> = if sum_min >= width {
        min.iter().map(|m| m * width / sum_min.max(1)).collect()
    } else if sum_max <= width {
        // Everything fits on one line: the spare width goes to the columns in proportion to
        // their text, so a column of marks does not grow as much as one of sentences.
        max.iter().map(|m| m * width / sum_max.max(1)).collect()
    } else {
        let spare = width - sum_min;
        let range = sum_max - sum_min;
        min.iter()
            .zip(max)
            .map(|(lo, hi)| lo + (hi - lo) * spare / range.max(1))
            .collect()
    };
    // Rounding leaves a few twips: the widest column takes them.
    let total: usize = out.iter().sum();
    if let Some(i) = (0..out.len()).max_by_key(|&i| out[i]) {
        out[i] = (out[i] + width).saturating_sub(total);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_in_capitals_needs_more_room() {
        let head = |s: &str| CellView {
            lines: vec![s.to_string()],
            colspan: 1,
            rowspan: 1,
            numeric: false,
            header: true,
            mark: None,
        };
        let (caps, _) = cell_bounds(&head("MĒRĶIS"), true);
        let (lower, _) = cell_bounds(&head("Mērķis"), true);
        assert_eq!(caps - PADDING, (lower - PADDING) * 3 / 2);
        // An abbreviation among lower-case words is one word in capitals; the line is not.
        let (_, line) = cell_bounds(&head("IZPILDE (sasniegtā vērtība)"), true);
        assert_eq!(line, 27 * CHAR_BOLD + PADDING);
    }

    #[test]
    fn columns_share_the_width_between_their_bounds() {
        // A column of marks, one of sentences: the marks stay narrow.
        let min = [400, 1500];
        let max = [400, 20000];
        let w = widths(&min, &max, 9000);
        assert_eq!(w.iter().sum::<usize>(), 9000);
        assert_eq!(w[0], 400);
        assert_eq!(w[1], 8600);
    }

    #[test]
    fn a_narrow_table_grows_in_proportion_to_its_text() {
        let w = widths(&[500, 500], &[1000, 3000], 8000);
        assert_eq!(w, vec![2000, 6000]);
    }

    #[test]
    fn words_too_long_for_the_page_share_it_in_proportion() {
        let w = widths(&[6000, 6000], &[9000, 9000], 9000);
        assert_eq!(w, vec![4500, 4500]);
    }
}
