//! Findings and how they leave the program.
//!
//! Loader and rules push [`Diagnostic`]s; each carries a [`Code`] from the one registry of
//! rule codes (`codes.rs`), a severity (the code's default, possibly changed by `pmp.toml`),
//! the position of the offending value, its YAML path, the entity it belongs to and a help
//! line. The reporters in `report.rs` turn a finished [`Report`] into human, JSON, GitHub or
//! SARIF output.

mod codes;
pub mod explain;
mod report;

pub use codes::{Code, Family};
pub(crate) use report::gh_escape;
pub use report::{Format, render, render_findings};

use serde::Serialize;

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
            id: id.value.clone(),
            title: title.map(|t| t.value.clone()),
        }
    }
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub loc: Loc,
    /// YAML path of the offending value, e.g. `activities[3].responsible[0]`.
    pub path: String,
    pub entity: Option<Entity>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            loc,
            path: String::new(),
            entity: None,
            help: None,
        }
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub fn entity(mut self, entity: Entity) -> Self {
        self.entity = Some(entity);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
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

/// The nearest of `candidates` to `word` by edit distance, if it is near enough to be a
/// plausible typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(&word_l, &c.to_lowercase());
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = (word.chars().count().max(c.chars().count()) / 3).max(1);
    (d <= limit && d > 0 || (d == 0 && c != word)).then_some(c)
}

/// Edit distance over characters where swapping two neighbours counts as one edit
/// (optimal string alignment), so `nmae` is one edit from `name`.
pub fn edit_distance(a: &str, b: &str) -> usize {
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
}
