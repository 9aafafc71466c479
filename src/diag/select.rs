//! `--select` and `--ignore`: which findings a run reports, named by rule code
//! (`total-mismatch`) or family (`tables`), and `--statistics`, the count per code.
//!
//! A finding saying that a file could not be read or parsed ([`Code::unreadable`]) is
//! reported whatever the selection: the rest of that file went unchecked, and silence would
//! read as a clean file (the same reason `pmp.toml` cannot turn it off).

use std::collections::BTreeMap;

use super::{Code, Diagnostic, Family, Severity, did_you_mean};
use crate::i18n::{Lang, Text};
use crate::tr;

/// What a `--select` or `--ignore` entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    Code(Code),
    Family(Family),
}

impl Selector {
    /// Every family name and code, families first: the values the shells complete.
    pub fn names() -> Vec<&'static str> {
        Family::ALL
            .iter()
            .map(|f| f.name())
            .chain(Code::ALL.iter().map(|c| c.as_str()))
            .collect()
    }

    /// Reads a code or a family name; an unknown one is an error with a suggestion.
    pub fn parse(s: &str) -> Result<Selector, Text> {
        let s = s.trim();
        if let Some(c) = Code::parse(s) {
            return Ok(Selector::Code(c));
        }
        if let Some(f) = Family::ALL.iter().find(|f| f.name() == s) {
            return Ok(Selector::Family(*f));
        }
        Err(match did_you_mean(s, Selector::names()) {
            Some(m) => tr!(
                en(
                    "`{s}` is neither a rule code nor a family; did you mean `{m}`? `pmp check --list-rules` lists them"
                ),
                lv(
                    "`{s}` nav ne noteikuma kods, ne grupa; vai domājāt `{m}`? Tos uzskaita `pmp check --list-rules`"
                ),
            ),
            None => tr!(
                en("`{s}` is neither a rule code nor a family; `pmp check --list-rules` lists them"),
                lv("`{s}` nav ne noteikuma kods, ne grupa; tos uzskaita `pmp check --list-rules`"),
            ),
        })
    }

    fn matches(self, code: Code) -> bool {
        match self {
            Selector::Code(c) => c == code,
            Selector::Family(f) => code.family() == f,
        }
    }
}

/// The codes a run reports: those `select`ed (all when none is), less those `ignore`d.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

impl Selection {
    /// Reads `--select` and `--ignore` values.
    pub fn parse(select: &[String], ignore: &[String]) -> Result<Selection, Text> {
        let read = |v: &[String]| -> Result<Vec<Selector>, Text> {
            v.iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| Selector::parse(s))
                .collect()
        };
        Ok(Selection {
            select: read(select)?,
            ignore: read(ignore)?,
        })
    }

    /// Whether findings of `code` are reported.
    pub fn keeps(&self, code: Code) -> bool {
        if code.unreadable() {
            return true;
        }
        let selected = self.select.is_empty() || self.select.iter().any(|s| s.matches(code));
        selected && !self.ignore.iter().any(|s| s.matches(code))
    }

    /// Keeps in `diagnostics` only the findings this selection reports.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.select.is_empty() && self.ignore.is_empty() {
            return;
        }
        diagnostics.retain(|d| self.keeps(d.code));
    }
}

/// One line of `--statistics`: a code, how many findings it has, at which (highest) severity,
/// and how many of them a fix could change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statistic {
    pub code: Code,
    pub count: usize,
    pub severity: Severity,
    pub fixable: usize,
}

/// The findings counted per code: the most frequent first, then by code.
pub fn statistics(diagnostics: &[Diagnostic]) -> Vec<Statistic> {
    let mut by: BTreeMap<Code, Statistic> = BTreeMap::new();
    for d in diagnostics {
        let s = by.entry(d.code).or_insert(Statistic {
            code: d.code,
            count: 0,
            severity: d.severity,
            fixable: 0,
        });
        s.count += 1;
        s.severity = s.severity.max(d.severity);
        s.fixable += usize::from(
            d.fix
                .as_ref()
                .is_some_and(|f| f.applies(super::Applicability::Unsafe)),
        );
    }
    let mut out: Vec<Statistic> = by.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    out
}

/// The severity as a word of `lang`: `error` / `kļūda`.
pub fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (_, Lang::En) => s.as_str(),
        (Severity::Error, Lang::Lv) => "kļūda",
        (Severity::Warning, Lang::Lv) => "brīdinājums",
        (Severity::Info, Lang::Lv) => "piezīme",
    }
}

/// `--statistics` as text: a line per code with its count, severity, `[*]` when some of its
/// findings can be fixed, and the rule's summary, in `lang`.
pub fn statistics_text(stats: &[Statistic], lang: Lang) -> String {
    let count_w = stats.iter().map(|s| s.count.to_string().len()).max().unwrap_or(1);
    let code_w = stats.iter().map(|s| s.code.as_str().len()).max().unwrap_or(0);
    let sev_w = stats
        .iter()
        .map(|s| severity_word(s.severity, lang).chars().count())
        .max()
        .unwrap_or(0);
    let any_fix = stats.iter().any(|s| s.fixable > 0);
    let mut out = String::new();
    for s in stats {
        let sev = severity_word(s.severity, lang);
        let pad = sev_w - sev.chars().count();
        let mark = match (any_fix, s.fixable > 0) {
            (false, _) => "",
            (true, true) => "[*] ",
            (true, false) => "    ",
        };
        out.push_str(&format!(
            "{:>count_w$}  {:<code_w$}  {sev}{:pad$}  {mark}{}\n",
            s.count,
            s.code.as_str(),
            "",
            super::explain::explain(s.code, lang).summary
        ));
    }
    if any_fix {
        out.push_str(match lang {
            Lang::En => "[*] some of these findings have a fix (`pmp check --fix`)\n",
            Lang::Lv => "[*] dažiem no šiem konstatējumiem ir labojums (`pmp check --fix`)\n",
        });
    }
    out
}

/// `--statistics` as JSON (`"version": 1`): `{code, count, severity, fixable}` per code.
pub fn statistics_json(stats: &[Statistic]) -> String {
    let v = serde_json::json!({
        "version": 1,
        "statistics": stats.iter().map(|s| serde_json::json!({
            "code": s.code.as_str(),
            "count": s.count,
            "severity": s.severity.as_str(),
            "fixable": s.fixable,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_families_select_and_ignore() {
        let s = Selection::parse(&["tables".into()], &["total-mismatch".into()]).unwrap();
        assert!(s.keeps(Code::PercentMismatch));
        assert!(!s.keeps(Code::TotalMismatch));
        assert!(!s.keeps(Code::UnknownId));
        // A file that could not be parsed is always reported.
        assert!(s.keeps(Code::YamlSyntax));
        let none = Selection::default();
        assert!(Code::ALL.iter().all(|c| none.keeps(*c)));
    }

    #[test]
    fn an_unknown_name_is_an_error_with_a_suggestion() {
        let e = Selection::parse(&["total-mismach".into()], &[]).unwrap_err();
        assert!(e.en.contains("did you mean `total-mismatch`"), "{}", e.en);
        let e = Selection::parse(&[], &["tabels".into()]).unwrap_err();
        assert!(e.lv.contains("`tables`"), "{}", e.lv);
    }
}
