//! Fixes: what a finding proposes to change in its file, as edits of byte spans, with how far
//! the change may be trusted (its [`Applicability`], as ruff's fixes have).
//!
//! A fix replaces spans of the finding's own file and nothing else, so comments, blank lines,
//! quoting and the order of keys stay as they were. No fix changes a figure, a title or a
//! number the programme states: a rule offers a fix only for how a value is written (the
//! schema header, a space after `-`, a tab, a decimal comma, an institution's exact spelling).
//! [`apply`] applies the fixes of some findings to texts; `pmp check --fix` and the language
//! server's code actions both use it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::Text;
use crate::model::FileId;

/// How far a fix may be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Shown as a suggestion, never applied: the change needs a person's judgement.
    #[serde(rename = "none")]
    DisplayOnly,
    /// Applied with `--fix --unsafe-fixes` only: it keeps the meaning in the usual case, but
    /// should be looked at.
    Unsafe,
    /// Applied by `--fix`: mechanical, and it changes nothing the programme means or prints.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "none",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement: the bytes `start..end` of the file become `content`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub content: String,
}

impl Edit {
    pub fn replace(start: usize, end: usize, content: impl Into<String>) -> Self {
        Edit {
            start,
            end,
            content: content.into(),
        }
    }

    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Edit::replace(at, at, content)
    }
}

/// A finding's fix: edits of the finding's file, what they do, and how far to trust them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in both languages („Write `-` followed by a space”).
    pub title: Text,
    /// Edits in the finding's file, not overlapping, in order.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: Text, edits: Vec<Edit>) -> Self {
        Fix::new(Applicability::Safe, title, edits)
    }

    pub fn new(applicability: Applicability, title: Text, mut edits: Vec<Edit>) -> Self {
        edits.sort();
        Fix {
            applicability,
            title,
            edits,
        }
    }

    /// Whether the fix is applied when fixes up to `wanted` are.
    pub fn applies(&self, wanted: Applicability) -> bool {
        self.applicability != Applicability::DisplayOnly && self.applicability >= wanted
    }
}

/// The fixes of `fixes` (each with its file) applied to the texts `texts` gives: the new text
/// of every file that changes, and how many fixes were applied. A fix whose edits overlap
/// those of a fix already taken, or fall outside the text, is left for the next round (the
/// finding may be gone once the first fix is in, or be found again at its new place).
pub fn apply<'a>(
    fixes: impl IntoIterator<Item = (FileId, &'a Fix)>,
    text_of: impl Fn(FileId) -> Option<&'a str>,
) -> (BTreeMap<FileId, String>, usize) {
    let mut by_file: BTreeMap<FileId, Vec<&Fix>> = BTreeMap::new();
    for (file, fix) in fixes {
        by_file.entry(file).or_default().push(fix);
    }
    let mut out = BTreeMap::new();
    let mut applied = 0;
    for (file, mut fixes) in by_file {
        let Some(text) = text_of(file) else { continue };
        fixes.sort_by(|a, b| a.edits.cmp(&b.edits));
        fixes.dedup_by(|a, b| a.edits == b.edits);
        let mut taken: Vec<&Edit> = Vec::new();
        for fix in fixes {
            let fits = fix.edits.iter().all(|e| {
                e.start <= e.end
                    && e.end <= text.len()
                    && text.is_char_boundary(e.start)
                    && text.is_char_boundary(e.end)
                    && !taken.iter().any(|t| overlaps(t, e))
            });
            if fits && !fix.edits.is_empty() {
                taken.extend(&fix.edits);
                applied += 1;
            }
        }
        if taken.is_empty() {
            continue;
        }
        taken.sort();
        let mut new = String::with_capacity(text.len() + 64);
        let mut at = 0;
        for e in taken {
            new.push_str(&text[at..e.start]);
            new.push_str(&e.content);
            at = e.end;
        }
        new.push_str(&text[at..]);
        if new != text {
            out.insert(file, new);
        }
    }
    (out, applied)
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Whether two edits touch the same bytes; two insertions at one place also count, as their
/// order would be a guess.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// A unified diff of `old` and `new` (whole lines, three lines of context), headed
/// `--- path` / `+++ path`; empty when they are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    // Fixes change few lines: the common head and tail are cut off, and the middle compared
    // line by line with a longest common subsequence (bounded: a middle too long is shown
    // as removed and added whole).
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let ops = line_ops(am, bm);
    // Every line with its operation: ' ' kept, '-' removed, '+' added.
    let mut lines: Vec<(char, &str)> = a[..head].iter().map(|l| (' ', *l)).collect();
    lines.extend(ops);
    lines.extend(a[a.len() - tail..].iter().map(|l| (' ', *l)));
    const CONTEXT: usize = 3;
    let changed: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].0 != ' ').collect();
    let mut out = format!("--- {path}\n+++ {path}\n");
    let mut i = 0;
    while i < changed.len() {
        let from = changed[i].saturating_sub(CONTEXT);
        let mut j = i;
        while j + 1 < changed.len() && changed[j + 1] <= changed[j] + 2 * CONTEXT + 1 {
            j += 1;
        }
        let to = (changed[j] + CONTEXT + 1).min(lines.len());
        let old_start = lines[..from].iter().filter(|l| l.0 != '+').count();
        let new_start = lines[..from].iter().filter(|l| l.0 != '-').count();
        let old_len = lines[from..to].iter().filter(|l| l.0 != '+').count();
        let new_len = lines[from..to].iter().filter(|l| l.0 != '-').count();
        out.push_str(&format!(
            "@@ -{},{old_len} +{},{new_len} @@\n",
            old_start + usize::from(old_len > 0),
            new_start + usize::from(new_len > 0)
        ));
        for (op, line) in &lines[from..to] {
            out.push(*op);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
        i = j + 1;
    }
    out
}

/// The lines of `a` and `b` as kept, removed and added, by a longest common subsequence.
fn line_ops<'s>(a: &[&'s str], b: &[&'s str]) -> Vec<(char, &'s str)> {
    const MAX_CELLS: usize = 4_000_000;
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        let mut out: Vec<(char, &str)> = a.iter().map(|l| ('-', *l)).collect();
        out.extend(b.iter().map(|l| ('+', *l)));
        return out;
    }
    let w = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * w];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * w + j] = if a[i] == b[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            out.push(('-', a[i]));
            i += 1;
        } else {
            out.push(('+', b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tr;

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix::safe(tr!(en("x"), lv("x")), edits)
    }

    #[test]
    fn edits_apply_by_span_and_overlaps_wait() {
        let text = "a: 1\nb: 2\n";
        let f1 = fix(vec![Edit::replace(3, 4, "one")]);
        let f2 = fix(vec![Edit::insert(0, "# head\n")]);
        let f3 = fix(vec![Edit::replace(3, 4, "uno")]);
        let (out, n) = apply([(0, &f1), (0, &f2), (0, &f3)], |_| Some(text));
        assert_eq!(n, 2);
        assert_eq!(out[&0], "# head\na: one\nb: 2\n");
        // An edit past the end is not applied.
        let bad = fix(vec![Edit::replace(3, 99, "x")]);
        let (out, n) = apply([(0, &bad)], |_| Some(text));
        assert_eq!((out.len(), n), (0, 0));
    }

    #[test]
    fn the_diff_shows_changed_lines_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        let d = unified_diff("f.yaml", old, new);
        assert_eq!(
            d,
            "--- f.yaml\n+++ f.yaml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
        assert_eq!(unified_diff("f", old, old), "");
        let d = unified_diff("f", "", "a\n");
        assert_eq!(d, "--- f\n+++ f\n@@ -0,0 +1,1 @@\n+a\n");
    }
}
