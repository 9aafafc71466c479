//! Findings and how they leave the program.
//!
//! Loader and rules push [`Diagnostic`]s; each carries a [`Code`] from the one registry of
//! rule codes (`codes.rs`), a severity (the code's default, possibly changed by `pmp.toml`),
//! the position of the offending value, its YAML path, the entity it belongs to and a help
//! line. The reporters in `report.rs` turn a finished [`Report`] into human, JSON, GitHub or
//! SARIF output.

mod codes;
pub mod explain;
pub mod fix;
mod report;
pub mod select;

pub use codes::{Code, Family};
pub use fix::{Applicability, Edit, Fix};
pub use report::{
    Format, render, render_findings, rule_uri as rule_page, summary_line as report_summary, visible_controls,
};
pub(crate) use report::{gh_escape, label_len};
pub use select::Selection;

use serde::Serialize;

use crate::i18n::Text;
use crate::model::{Loc, Sp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The entity a finding is about: its kind ("goal", "activity", ...), id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub kind: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Entity {
    pub fn new(kind: &'static str, id: &Sp<String>, title: Option<&Sp<String>>) -> Self {
        Entity {
            kind,
            id: shorten(id.value.clone()),
            title: title.map(|t| shorten(t.value.clone())),
        }
    }
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// What is wrong, in both languages (the reporter prints the run's, [`crate::i18n::ui`]).
    pub message: Text,
    pub loc: Loc,
    /// YAML path of the offending value, e.g. `activities[3].responsible[0]`.
    pub path: String,
    pub entity: Option<Entity>,
    /// How to fix it, in both languages.
    pub help: Option<Text>,
    /// The edits that fix it, when a rule can say them ([`fix`]).
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(code: Code, loc: Loc, message: impl Into<Text>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into().map(shorten),
            loc,
            path: String::new(),
            entity: None,
            help: None,
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub fn entity(mut self, entity: Entity) -> Self {
        self.entity = Some(entity);
        self
    }

    pub fn help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into().map(shorten));
        self
    }
}

/// The most characters of a message, help line, id or title a finding keeps. A finding quotes
/// what the file says, and a file may say two megabytes where a name belongs: every report
/// format would repeat it, once per finding.
pub const MAX_TEXT_CHARS: usize = 2000;

/// `s` cut to [`MAX_TEXT_CHARS`] characters, saying how long it was.
fn shorten(s: String) -> String {
    // No more bytes than the limit has characters: nothing to count.
    if s.len() <= MAX_TEXT_CHARS {
        return s;
    }
    match s.char_indices().nth(MAX_TEXT_CHARS) {
        None => s,
        Some((cut, _)) => format!("{}… ({} characters in all)", &s[..cut], s.chars().count()),
    }
}

/// Where findings are collected while loading and checking.
#[derive(Debug, Default)]
pub struct Sink {
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn extend(&mut self, other: Sink) {
        self.diagnostics.extend(other.diagnostics);
    }
}

/// The outcome of one `check` run, ready for a reporter.
#[derive(Debug)]
pub struct Report<'a> {
    pub sources: &'a crate::model::Sources,
    pub programmes: usize,
    pub files: usize,
    pub diagnostics: &'a [Diagnostic],
}

impl Report<'_> {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// The longest word (in characters) "did you mean" compares; a longer reference, or a longer
/// candidate, gets no suggestion. Ids and institution names are far shorter, and the bound
/// keeps the search linear in the number of candidates whatever a file holds.
pub const MAX_SUGGEST_CHARS: usize = 256;

/// The nearest of `candidates` to `word` by edit distance, if it is near enough to be a
/// plausible typo and the only one that near. Words are compared without case, Latvian
/// diacritics or the difference between `-`, `_` and a space, so „Zalenieku KAV” finds
/// „Zaļenieku KAV” (the first candidate of that spelling: put names before ids). When two
/// different candidates are equally near (`g7` is one edit from `g1`, `g2` and `g3`), any
/// choice would be arbitrary, and there is no suggestion.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest(word, candidates.into_iter().map(|c| (c, fold(c), None)))
}

/// How often each character occurs in a folded word, the characters hashed into 64 counters
/// (saturating). Every edit changes the sum of the counters' differences by at most 2, so
/// half that sum is a lower bound of the distance, found in 64 steps instead of a whole
/// distance computation.
type Histogram = [u8; 64];

fn histogram(folded: &[char]) -> Histogram {
    let mut h = [0u8; 64];
    for &c in folded {
        let i = (u32::from(c) % 64) as usize;
        h[i] = h[i].saturating_add(1);
    }
    h
}

/// A lower bound of the distance between the words of two histograms.
fn at_least(a: &Histogram, b: &Histogram) -> usize {
    let l1: usize = a.iter().zip(b).map(|(x, y)| usize::from(x.abs_diff(*y))).sum();
    l1.div_ceil(2)
}

/// [`did_you_mean`] over a fixed list of candidates asked about many words (the institution
/// registry against every name a plan writes): each candidate is folded once, the answer for
/// a word already asked is remembered, and the searches together compare at most
/// [`SUGGEST_WORK`] word-candidate pairs; a word asked after that gets no suggestion. Time
/// then grows with the number of words, not with words times candidates.
pub struct Suggester<'a> {
    candidates: Vec<(&'a str, Vec<char>, Histogram)>,
    asked: std::collections::HashMap<String, Option<&'a str>>,
    compared: usize,
}

/// The most word-candidate pairs one [`Suggester`] compares: 3,000 unknown names against a
/// registry of 300 spellings (a large real one), or 66 against the 15,000 of a registry of
/// 5,000 institutions.
pub const SUGGEST_WORK: usize = 1_000_000;

impl<'a> Suggester<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        Suggester {
            candidates: candidates
                .into_iter()
                .map(|c| {
                    let f = fold(c);
                    let h = histogram(&f);
                    (c, f, h)
                })
                .collect(),
            asked: std::collections::HashMap::new(),
            compared: 0,
        }
    }

    /// What [`did_you_mean`] answers for `word` and these candidates.
    pub fn suggest(&mut self, word: &str) -> Option<&'a str> {
        if let Some(&known) = self.asked.get(word) {
            return known;
        }
        if self.compared + self.candidates.len() > SUGGEST_WORK {
            return None;
        }
        self.compared += self.candidates.len();
        let found = nearest(
            word,
            self.candidates
                .iter()
                .map(|(c, f, h)| (*c, f.as_slice(), Some(h))),
        );
        self.asked.insert(word.to_string(), found);
        found
    }
}

/// The body of [`did_you_mean`], over candidates already folded.
fn nearest<'a, 'h, F: AsRef<[char]>>(
    word: &str,
    candidates: impl Iterator<Item = (&'a str, F, Option<&'h Histogram>)>,
) -> Option<&'a str> {
    let word_l: Vec<char> = fold(word);
    if word_l.len() > MAX_SUGGEST_CHARS {
        return None;
    }
    let word_h = histogram(&word_l);
    // No candidate farther than half the word can be the answer: the answer's distance is at
    // most a third of the longer of the two, and the candidate is at most that much longer.
    let farthest = (word_l.len() / 2).max(1);
    // The best distance, the first candidate at it, its folded form, and whether another
    // spelling is as near.
    let mut best: Option<(usize, &str, F, bool)> = None;
    for (c, c_l, c_h) in candidates {
        if c_l.as_ref().len() > MAX_SUGGEST_CHARS {
            continue;
        }
        if best.as_ref().is_some_and(|b| b.0 == 0) {
            break;
        }
        // A candidate as near as the best so far makes the choice ambiguous; a nearer one
        // replaces it.
        // Nor one farther than its own limit (a third of the longer word) when it is compared
        // by histogram: with the registry's thousands of names, the bound saves most of the work.
        let bound = best.as_ref().map_or(farthest, |b| b.0);
        let bound = match c_h {
            Some(_) => bound.min((word_l.len().max(c_l.as_ref().len()) / 3).max(1)),
            None => bound,
        };
        if c_h.is_some_and(|h| at_least(&word_h, h) > bound) {
            continue;
        }
        if let Some(d) = bounded_distance(&word_l, c_l.as_ref(), bound) {
            match &mut best {
                Some(b) if d == b.0 => b.3 |= b.2.as_ref() != c_l.as_ref(),
                _ => best = Some((d, c, c_l, false)),
            }
        }
    }
    let (d, c, _, ambiguous) = best?;
    let limit = (word.chars().count().max(c.chars().count()) / 3).max(1);
    (!ambiguous && (d <= limit && d > 0 || (d == 0 && c != word))).then_some(c)
}

/// A word as suggestions compare it: lower case, Latvian letters without their marks
/// (`ā` → `a`, `ļ` → `l`), `-` and `_` as spaces.
fn fold(s: &str) -> Vec<char> {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            '-' | '_' => ' ',
            c => crate::lv::unmarked(c),
        })
        .collect()
}

/// Edit distance over characters where swapping two neighbours counts as one edit
/// (optimal string alignment), so `nmae` is one edit from `name`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_distance(&a, &b, a.len().max(b.len())).unwrap_or(usize::MAX)
}

/// The optimal-string-alignment distance of `a` and `b` if it is at most `k`, else `None`.
/// Only the diagonal band `|i - j| <= k` is computed, three rows at a time: time
/// O(min(|a|, |b|) * k) and memory O(|b|), never a full matrix.
pub fn bounded_distance(a: &[char], b: &[char], k: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > k {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    let w = m + 1;
    let mut before = vec![FAR; w]; // row i - 2
    let mut prev: Vec<usize> = (0..w).map(|j| if j <= k { j } else { FAR }).collect();
    let mut cur = vec![FAR; w];
    for i in 1..=n {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(m);
        cur.fill(FAR);
        if i <= k {
            cur[0] = i;
        }
        let mut row_min = cur[0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[m];
    (d <= k).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_words_only() {
        assert_eq!(did_you_mean("nmae", ["name", "number"]), Some("name"));
        assert_eq!(
            did_you_mean("responsble", ["responsible", "involved"]),
            Some("responsible")
        );
        assert_eq!(did_you_mean("xyz", ["responsible", "involved"]), None);
        assert_eq!(did_you_mean("G1", ["g1", "g2"]), Some("g1"));
        assert_eq!(did_you_mean("g1", ["g1", "g2"]), None);
    }

    #[test]
    fn an_equally_near_other_word_means_no_suggestion() {
        // `g7` is one edit from each goal: any one would be a guess.
        assert_eq!(did_you_mean("g7", ["g1", "g2", "g3"]), None);
        // `g33` is one edit from `g3` only.
        assert_eq!(did_you_mean("g33", ["g1", "g2", "g3"]), Some("g3"));
    }

    #[test]
    fn suggestions_ignore_latvian_marks_and_offer_the_first_spelling() {
        let spellings = ["Zaļenieku KAV", "zalenieku-kav"];
        assert_eq!(did_you_mean("Zalenieku KAV", spellings), Some("Zaļenieku KAV"));
        assert_eq!(
            did_you_mean("Izglitibas parvalde", ["Izglītības pārvalde"]),
            Some("Izglītības pārvalde")
        );
    }

    /// The plain full-matrix distance, to compare the banded one against.
    fn full(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let w = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * w];
        for i in 0..=a.len() {
            d[i * w] = i;
        }
        for (j, cell) in d.iter_mut().enumerate().take(w) {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                d[i * w + j] = v;
            }
        }
        d[a.len() * w + b.len()]
    }

    #[test]
    fn banded_distance_agrees_with_the_full_matrix() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "name",
            "nmae",
            "number",
            "g1",
            "g12",
            "responsible",
            "responsbile",
            "Sociālais dienests",
            "Socialais dienests",
            "abcdef",
            "fedcba",
            "kitten",
            "sitting",
        ];
        for a in words {
            for b in words {
                let want = full(a, b);
                assert_eq!(edit_distance(a, b), want, "{a:?} {b:?}");
                let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for k in 0..8 {
                    let got = bounded_distance(&ac, &bc, k);
                    assert_eq!(got, (want <= k).then_some(want), "{a:?} {b:?} k={k}");
                }
            }
        }
    }

    #[test]
    fn the_suggester_answers_as_did_you_mean_within_its_budget() {
        let spellings: Vec<String> = (0..300)
            .flat_map(|i| {
                [
                    format!("Nodaļa {i} pārvalde"),
                    format!("I{i}"),
                    format!("nodala-{i}"),
                ]
            })
            .chain(["Zaļenieku KAV".to_string(), "Izglītības pārvalde".to_string()])
            .collect();
        let words: Vec<String> = (0..300)
            .map(|i| format!("Nodala {i} parvalde"))
            .chain(["Zalenieku KAV", "Izglitibas parvalde", "i17", "Nodaļa 7", "x"].map(String::from))
            .collect();
        let mut s = Suggester::new(spellings.iter().map(String::as_str));
        for w in &words {
            let want = did_you_mean(w, spellings.iter().map(String::as_str));
            assert_eq!(s.suggest(w), want, "{w}");
            // Asked again: remembered, at no cost.
            assert_eq!(s.suggest(w), want, "{w}");
        }
        assert!(s.compared <= SUGGEST_WORK);
        // Past the budget a new word gets no suggestion.
        let mut s = Suggester::new(spellings.iter().map(String::as_str));
        s.compared = SUGGEST_WORK;
        assert_eq!(s.suggest("Zalenieku KAV"), None);
    }

    #[test]
    fn a_huge_word_is_answered_at_once() {
        let huge = "x".repeat(2 * 1024 * 1024);
        let names: Vec<String> = (0..200).map(|i| format!("institūcija-{i}")).collect();
        let start = std::time::Instant::now();
        assert_eq!(did_you_mean(&huge, names.iter().map(String::as_str)), None);
        // Also a long candidate against a short word, and long against long.
        let long = "y".repeat(MAX_SUGGEST_CHARS);
        assert_eq!(did_you_mean("sd", [long.as_str()]), None);
        assert_eq!(did_you_mean(&long, [long.as_str(), "sd"]), None);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }
}
