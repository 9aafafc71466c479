//! Rule documentation: what each rule finds, why it matters, a wrong and a corrected YAML
//! example and how to silence it, in English and Latvian.
//!
//! The texts live in `docs/rules/` (`en.toml`, `lv.toml`, `examples.toml`) and are compiled
//! in. The English one-line summary is the code's description in `codes.rs`; everything else
//! comes from those files. One source feeds `pmp explain`, the SARIF rule metadata and the
//! generated `docs/rules.md` / `docs/rules.lv.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{Code, Family, Severity};

pub use crate::i18n::Lang;

/// The file in `docs/rules/` that holds a language's texts.
fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "docs/rules/en.toml",
        Lang::Lv => "docs/rules/lv.toml",
    }
}

/// One code's prose in one language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Prose {
    /// The one-line summary (Latvian only; the English one is in `codes.rs`).
    #[serde(default)]
    summary: Option<String>,
    finds: String,
    why: String,
    silence: String,
}

/// One code's YAML examples, the same in every language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    file: String,
    wrong: String,
    right: String,
}

const EN: &str = include_str!("../../docs/rules/en.toml");
const LV: &str = include_str!("../../docs/rules/lv.toml");
const EXAMPLES: &str = include_str!("../../docs/rules/examples.toml");

fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<BTreeMap<String, T>, String> {
    toml::from_str(text).map_err(|e| format!("{name}: {e}"))
}

struct Texts {
    en: BTreeMap<String, Prose>,
    lv: BTreeMap<String, Prose>,
    examples: BTreeMap<String, Example>,
}

/// The parsed texts. A file that does not parse (only possible while editing them; a test
/// parses all three) gives no texts rather than a panic.
fn texts() -> &'static Texts {
    static T: OnceLock<Texts> = OnceLock::new();
    T.get_or_init(|| Texts {
        en: parse(source(Lang::En), EN).unwrap_or_default(),
        lv: parse(source(Lang::Lv), LV).unwrap_or_default(),
        examples: parse("docs/rules/examples.toml", EXAMPLES).unwrap_or_default(),
    })
}

/// Problems with the rule texts: a file that does not parse, a code with no text in a
/// language or no example, a text for a code that does not exist. Empty when all is well.
pub fn problems() -> Vec<String> {
    let mut out = Vec::new();
    if let Err(e) = parse::<Prose>(source(Lang::En), EN) {
        out.push(e);
    }
    if let Err(e) = parse::<Prose>(source(Lang::Lv), LV) {
        out.push(e);
    }
    if let Err(e) = parse::<Example>("docs/rules/examples.toml", EXAMPLES) {
        out.push(e);
    }
    let t = texts();
    for c in Code::ALL {
        for lang in Lang::ALL {
            let prose = prose(lang, *c);
            match prose {
                None => out.push(format!(
                    "`{}` has no explanation in {}: add a [{}] table with finds, why and silence",
                    c.as_str(),
                    source(lang),
                    c.as_str()
                )),
                Some(p) => {
                    for (field, v) in [("finds", &p.finds), ("why", &p.why), ("silence", &p.silence)] {
                        if v.trim().is_empty() {
                            out.push(format!(
                                "`{}`: `{field}` is empty in {}",
                                c.as_str(),
                                source(lang)
                            ));
                        }
                    }
                    if lang == Lang::Lv && p.summary.as_deref().is_none_or(|s| s.trim().is_empty()) {
                        out.push(format!("`{}` has no `summary` in {}", c.as_str(), source(lang)));
                    }
                    if lang == Lang::En && p.summary.is_some() {
                        out.push(format!(
                            "`{}`: the English summary is the description in src/diag/codes.rs, not {}",
                            c.as_str(),
                            source(lang)
                        ));
                    }
                }
            }
        }
        if !t.examples.contains_key(c.as_str()) {
            out.push(format!(
                "`{}` has no example in docs/rules/examples.toml: add a [{}] table with file, wrong and right",
                c.as_str(),
                c.as_str()
            ));
        }
    }
    let known = |k: &String| Code::parse(k).is_some();
    for (name, keys) in [
        (source(Lang::En), t.en.keys().collect::<Vec<_>>()),
        (source(Lang::Lv), t.lv.keys().collect()),
        ("docs/rules/examples.toml", t.examples.keys().collect()),
    ] {
        for k in keys.into_iter().filter(|k| !known(k)) {
            out.push(format!("{name}: `{k}` is not a rule code"));
        }
    }
    out
}

fn prose(lang: Lang, code: Code) -> Option<&'static Prose> {
    let t = texts();
    match lang {
        Lang::En => t.en.get(code.as_str()),
        Lang::Lv => t.lv.get(code.as_str()),
    }
}

/// A code's documentation in one language, every part filled in (a code whose text is
/// missing falls back to its one-line description).
#[derive(Debug, Clone)]
pub struct Explanation {
    pub code: Code,
    pub summary: String,
    pub finds: String,
    pub why: String,
    pub silence: String,
    pub file: String,
    pub wrong: String,
    pub right: String,
}

pub fn explain(code: Code, lang: Lang) -> Explanation {
    let p = prose(lang, code);
    let ex = texts().examples.get(code.as_str());
    let summary = match lang {
        Lang::En => code.description().to_string(),
        Lang::Lv => p
            .and_then(|p| p.summary.clone())
            .unwrap_or_else(|| code.description().to_string()),
    };
    Explanation {
        code,
        finds: p.map(|p| p.finds.clone()).unwrap_or_else(|| capitalise(&summary)),
        why: p.map(|p| p.why.clone()).unwrap_or_default(),
        silence: p.map(|p| p.silence.clone()).unwrap_or_default(),
        summary,
        file: ex.map(|e| e.file.clone()).unwrap_or_default(),
        wrong: ex.map(|e| dedent(&e.wrong)).unwrap_or_default(),
        right: ex.map(|e| dedent(&e.right)).unwrap_or_default(),
    }
}

/// An example with the indentation all its lines share removed (a fragment of a deeper list
/// reads better from the left margin, and stays valid YAML).
fn dedent(text: &str) -> String {
    let by = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(by..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Headings and labels of the rendered documentation.
struct Labels {
    family: &'static str,
    severity: &'static str,
    finds: &'static str,
    why: &'static str,
    wrong: &'static str,
    right: &'static str,
    silence: &'static str,
    in_file: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            family: "family",
            severity: "default severity",
            finds: "What it finds",
            why: "Why it matters",
            wrong: "Wrong",
            right: "Corrected",
            silence: "How to fix or silence it",
            in_file: "in",
        },
        Lang::Lv => Labels {
            family: "grupa",
            severity: "noklusējuma līmenis",
            finds: "Ko tas atrod",
            why: "Kāpēc tas ir svarīgi",
            wrong: "Nepareizi",
            right: "Pareizi",
            silence: "Kā izlabot vai apklusināt",
            in_file: "failā",
        },
    }
}

/// A severity's name in `lang`.
fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::En, s) => s.as_str(),
        (Lang::Lv, Severity::Error) => "kļūda",
        (Lang::Lv, Severity::Warning) => "brīdinājums",
        (Lang::Lv, Severity::Info) => "informācija",
    }
}

/// A family's name in `lang`.
fn family_name(f: Family, lang: Lang) -> &'static str {
    match lang {
        Lang::En => f.name(),
        Lang::Lv => match f {
            Family::Load => "ielāde",
            Family::Schema => "shēma",
            Family::References => "atsauces",
            Family::Numbering => "numerācija",
            Family::Period => "periods",
            Family::Coverage => "pilnīgums",
            Family::Indicators => "rādītāji",
            Family::Tables => "tabulas",
            Family::Monitoring => "uzraudzība",
            Family::Suppression => "apklusināšana",
            Family::Results => "rezultāti",
            Family::Sheet => "izklājlapas",
        },
    }
}

/// The general way to silence a finding, said after every rule's own advice.
fn general_silence(code: Code, lang: Lang) -> String {
    let c = code.as_str();
    match lang {
        Lang::En => format!(
            "In general: `# pmp: allow {c} -- <reason>` on the finding's line or the line above silences one finding; `{c} = \"off\"` (or `\"info\"`, `\"warning\"`, `\"error\"`) under `[rules]` in pmp.toml changes the rule for the whole project."
        ),
        Lang::Lv => format!(
            "Vispārīgi: komentārs `# pmp: allow {c} -- <iemesls>` konstatējuma rindā vai rindā virs tās apklusina vienu konstatējumu; pmp.toml sadaļā `[rules]` ieraksts `{c} = \"off\"` (vai `\"info\"`, `\"warning\"`, `\"error\"`) maina noteikumu visam projektam."
        ),
    }
}

fn indent(text: &str, by: &str) -> String {
    text.trim_end_matches('\n')
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `pmp explain CODE` for the terminal.
pub fn text(code: Code, lang: Lang) -> String {
    let e = explain(code, lang);
    let l = labels(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", code.as_str(), e.summary);
    let _ = writeln!(
        out,
        "{}: {}; {}: {}",
        l.family,
        family_name(code.family(), lang),
        l.severity,
        severity_name(code.default_severity(), lang)
    );
    for (head, body) in [(l.finds, &e.finds), (l.why, &e.why)] {
        if !body.is_empty() {
            let _ = write!(out, "\n{head}\n{}\n", indent(body, "  "));
        }
    }
    if !e.wrong.is_empty() {
        let _ = write!(
            out,
            "\n{} ({} {})\n{}\n\n{}\n{}\n",
            l.wrong,
            l.in_file,
            e.file,
            indent(&e.wrong, "  "),
            l.right,
            indent(&e.right, "  ")
        );
    }
    let _ = write!(out, "\n{}\n", l.silence);
    if !e.silence.is_empty() {
        let _ = writeln!(out, "{}", indent(&e.silence, "  "));
    }
    let _ = writeln!(out, "{}", indent(&general_silence(code, lang), "  "));
    out
}

/// The Markdown section of one code (a `###` heading with the code as its anchor).
fn markdown_section(code: Code, lang: Lang) -> String {
    let e = explain(code, lang);
    let l = labels(lang);
    let mut out = String::new();
    let _ = writeln!(out, "### `{}`\n", code.as_str());
    let _ = writeln!(
        out,
        "{}.\n\n*{}: {} · {}: {}*\n",
        capitalise(&e.summary),
        l.family,
        family_name(code.family(), lang),
        l.severity,
        severity_name(code.default_severity(), lang)
    );
    let _ = writeln!(out, "**{}.** {}\n", l.finds, e.finds);
    if !e.why.is_empty() {
        let _ = writeln!(out, "**{}.** {}\n", l.why, e.why);
    }
    if !e.wrong.is_empty() {
        let _ = writeln!(
            out,
            "{} ({} `{}`):\n\n```yaml\n{}\n```\n",
            l.wrong,
            l.in_file,
            e.file,
            e.wrong.trim_end_matches('\n')
        );
        let _ = writeln!(
            out,
            "{}:\n\n```yaml\n{}\n```\n",
            l.right,
            e.right.trim_end_matches('\n')
        );
    }
    let _ = writeln!(out, "**{}.** {}\n", l.silence, e.silence);
    out
}

/// One code's section of the rule reference, as Markdown.
pub fn markdown_one(code: Code, lang: Lang) -> String {
    let mut s = markdown_section(code, lang);
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

/// The whole rule reference as Markdown: `docs/rules.md` (English) or `docs/rules.lv.md`.
pub fn markdown(lang: Lang) -> String {
    let mut out = String::new();
    match lang {
        Lang::En => {
            out.push_str("# pmp rules\n\n");
            let _ = writeln!(
                out,
                "Generated by `pmp explain --all --format md` from `docs/rules/`; do not edit by hand. \
                 `pmp check` has {} rules. Latvian: [rules.lv.md](rules.lv.md).\n",
                Code::ALL.len()
            );
            out.push_str(
                "Any finding can be silenced with `# pmp: allow CODE -- reason` on its line or the line above, \
                 and any rule changed or turned off for a project in `pmp.toml` (`[rules]`, `CODE = \"off\"`).\n\n",
            );
        }
        Lang::Lv => {
            out.push_str("# pmp noteikumi\n\n");
            let _ = writeln!(
                out,
                "Ģenerēts ar `pmp explain --all --format md --lang lv` no `docs/rules/`; nelabojiet ar roku. \
                 `pmp check` ir {} {}. Angliski: [rules.md](rules.md).\n",
                Code::ALL.len(),
                if Code::ALL.len() % 10 == 1 && Code::ALL.len() % 100 != 11 {
                    "noteikums"
                } else {
                    "noteikumi"
                }
            );
            out.push_str(
                "Jebkuru konstatējumu var apklusināt ar komentāru `# pmp: allow KODS -- iemesls` tā rindā vai rindā virs tās, \
                 bet jebkuru noteikumu visam projektam var mainīt vai izslēgt failā `pmp.toml` (`[rules]`, `KODS = \"off\"`).\n\n",
            );
        }
    }
    let mut family = None;
    for c in Code::ALL {
        if family != Some(c.family()) {
            family = Some(c.family());
            let _ = writeln!(out, "## {}\n", capitalise(family_name(c.family(), lang)));
        }
        out.push_str(&markdown_section(*c, lang));
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The SARIF `fullDescription` of a rule in `lang`: what it finds and why it matters.
pub fn full_description(code: Code, lang: Lang) -> String {
    let e = explain(code, lang);
    if e.why.is_empty() {
        e.finds
    } else {
        format!("{} {}", e.finds, e.why)
    }
}

/// The SARIF `help` of a rule in `lang`: plain text and Markdown.
pub fn help(code: Code, lang: Lang) -> (String, String) {
    let e = explain(code, lang);
    let text = format!("{} {}", e.silence, general_silence(code, lang));
    let md = markdown_section(code, lang);
    (text.trim().to_string(), md.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained_in_both_languages() {
        let problems = problems();
        assert!(problems.is_empty(), "rule texts:\n  {}", problems.join("\n  "));
    }

    #[test]
    fn latvian_text_is_latvian() {
        let t = text(Code::TotalMismatch, Lang::Lv);
        assert!(t.contains("Ko tas atrod"), "{t}");
        assert!(t.contains("kopsumma"), "{t}");
        assert!(!t.contains("What it finds"), "{t}");
    }
}
