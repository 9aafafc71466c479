//! `pmp.toml`: project-wide settings: the language of pmp's messages, each rule's severity
//! (or `off`).
//!
//! ```toml
//! lang = "lv"
//!
//! [rules]
//! number-gap = "off"
//! baseline-missing-value = "info"
//! ```
//! The file is found with `--config`, or, for `pmp check`, as the nearest `pmp.toml` in each
//! programme's folder or one above it ([`Configs`]), so a programme is checked the same way
//! from wherever the command runs. Unknown keys and unknown rule codes are errors, with a
//! suggestion, and so is turning off or lowering a finding that a file could not be read or
//! parsed ([`Code::unreadable`]): such a file is never silenced.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::Text;
use crate::tr;

use crate::diag::{Code, Severity, did_you_mean};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    lang: Option<crate::i18n::Lang>,
    #[serde(default)]
    rules: BTreeMap<String, Level>,
}

/// The settings in force for a run.
#[derive(Debug, Default, Clone)]
pub struct Config {
    pub path: Option<PathBuf>,
    /// The language of messages (`lang = "lv"`), when the file says.
    pub lang: Option<crate::i18n::Lang>,
    rules: BTreeMap<Code, Level>,
}

impl Config {
    /// The severity of `code` in this project, or `None` when the rule is off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        if code.unreadable() {
            return Some(Severity::Error);
        }
        match self.rules.get(&code) {
            None => Some(code.default_severity()),
            Some(Level::Off) => None,
            Some(Level::Info) => Some(Severity::Info),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
        }
    }

    /// Reads the configuration: `explicit` if given, else the nearest `pmp.toml` from `start`.
    pub fn discover(explicit: Option<&Path>, start: &Path) -> Result<Config, Text> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            // Anything named pmp.toml counts, so one that is not a file (a FIFO, a link to a
            // device, a broken link) is reported below rather than silently passed over.
            None => start
                .ancestors()
                .map(|d| d.join("pmp.toml"))
                .find(|p| std::fs::symlink_metadata(p).is_ok()),
        };
        match path {
            None => Ok(Config::default()),
            Some(p) => {
                let shown = p.display().to_string();
                let bytes =
                    crate::load::read_file(&p).map_err(|e| tr!(en("{shown}: {e}"), lv("{shown}: {e}")))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| tr!(en("{shown}: not UTF-8 text"), lv("{shown}: tas nav UTF-8 teksts")))?;
                let mut c = Config::parse(&text)
                    .map_err(|e| tr!(en("{shown}: {}", e.en), lv("{shown}: {}", e.lv)))?;
                c.path = Some(p);
                Ok(c)
            }
        }
    }

    pub fn parse(text: &str) -> Result<Config, Text> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let e = e.to_string().trim_end().to_string();
            tr!(en("{e}"), lv("pmp.toml nav nolasāms (TOML lasītājs: {e})"))
        })?;
        let mut rules = BTreeMap::new();
        for (name, level) in raw.rules {
            let Some(code) = Code::parse(&name) else {
                let hint = did_you_mean(&name, Code::ALL.iter().map(|c| c.as_str()));
                let (hint_en, hint_lv) = match hint {
                    Some(s) => (
                        format!(" (did you mean `{s}`?)"),
                        format!(" (vai domājāt `{s}`?)"),
                    ),
                    None => (String::new(), String::new()),
                };
                return Err(tr!(
                    en("[rules]: `{name}` is not a rule code{hint_en}; `pmp check --list-rules` lists them"),
                    lv(
                        "[rules]: `{name}` nav noteikuma kods{hint_lv}; tos uzskaita `pmp check --list-rules`"
                    ),
                ));
            };
            if code.unreadable() && level != Level::Error {
                return Err(tr!(
                    en(
                        "[rules]: `{name}` cannot be changed: a file that cannot be read or parsed is always an error, since nothing in it is checked"
                    ),
                    lv(
                        "[rules]: `{name}` nevar mainīt: fails, ko nevar nolasīt vai parsēt, vienmēr ir kļūda, jo nekas tajā netiek pārbaudīts"
                    ),
                ));
            }
            rules.insert(code, level);
        }
        Ok(Config {
            path: None,
            lang: raw.lang,
            rules,
        })
    }
}

/// The settings of each programme of a run: `--config` for all of them, else each one's
/// nearest `pmp.toml` at or above its folder (none: the defaults). Each file is read once.
#[derive(Debug, Default)]
pub struct Configs {
    explicit: Option<Config>,
    default: Config,
    by_file: BTreeMap<PathBuf, Config>,
    /// The file in force for each programme folder, as the run names the folder.
    of_dir: BTreeMap<PathBuf, PathBuf>,
}

impl Configs {
    pub fn for_programmes(explicit: Option<&Path>, dirs: &[PathBuf]) -> Result<Configs, Text> {
        if let Some(p) = explicit {
            return Ok(Configs {
                explicit: Some(Config::discover(Some(p), Path::new("."))?),
                ..Configs::default()
            });
        }
        let mut out = Configs::default();
        for dir in dirs {
            let abs = std::fs::canonicalize(dir)
                .or_else(|_| std::path::absolute(dir))
                .unwrap_or_else(|_| dir.clone());
            let Some(file) = abs
                .ancestors()
                .map(|d| d.join("pmp.toml"))
                .find(|p| std::fs::symlink_metadata(p).is_ok())
            else {
                continue;
            };
            if !out.by_file.contains_key(&file) {
                let c = Config::discover(Some(&file), dir)?;
                out.by_file.insert(file.clone(), c);
            }
            out.of_dir.insert(dir.clone(), file);
        }
        Ok(out)
    }

    /// The settings for the programme in `dir` (a folder given to [`Configs::for_programmes`]).
    pub fn get(&self, dir: &Path) -> &Config {
        if let Some(c) = &self.explicit {
            return c;
        }
        self.of_dir
            .get(dir)
            .and_then(|f| self.by_file.get(f))
            .unwrap_or(&self.default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_disables_rules() {
        let c = Config::parse("[rules]\nnumber-gap = \"off\"\nbaseline-missing-value = \"error\"\n").unwrap();
        assert_eq!(c.severity(Code::NumberGap), None);
        assert_eq!(c.severity(Code::BaselineMissingValue), Some(Severity::Error));
        assert_eq!(c.severity(Code::TotalMismatch), Some(Severity::Error));
    }

    #[test]
    fn a_file_that_cannot_be_read_is_never_silenced() {
        for code in [
            "yaml-syntax",
            "not-utf8",
            "input-limit",
            "binary-file",
            "not-a-file",
        ] {
            for level in ["off", "info", "warning"] {
                let e = Config::parse(&format!("[rules]\n{code} = \"{level}\"\n")).unwrap_err();
                assert!(e.en.contains("cannot be changed"), "{code} {level}: {}", e.en);
                assert!(e.lv.contains("nevar mainīt"), "{}", e.lv);
            }
            let c = Config::parse(&format!("[rules]\n{code} = \"error\"\n")).unwrap();
            assert_eq!(c.severity(Code::parse(code).unwrap()), Some(Severity::Error));
        }
    }

    #[test]
    fn unknown_code_is_an_error_with_suggestion() {
        let e = Config::parse("[rules]\nnumber-gaps = \"off\"\n").unwrap_err();
        assert!(
            e.en.contains("did you mean `number-gap`") && e.lv.contains("vai domājāt `number-gap`"),
            "{e}"
        );
        assert!(Config::parse("[rule]\n").is_err());
        assert!(Config::parse("[rules]\nnumber-gap = \"loud\"\n").is_err());
    }
}
