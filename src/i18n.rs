//! Languages: every sentence pmp says to a person exists in Latvian and in English.
//!
//! - [`Lang`] is the one language type: a document's (`pmp render --lang`, `pmp report`) and
//!   the commands' own. Its methods write figures, dates and quotes in the language's
//!   conventions (`13,305` and „…” in Latvian, `13.305` and “…” in English).
//! - [`Text`] is a sentence in both languages, made with [`tr!`](crate::tr) where it is said:
//!   a finding's message and help, a command's error or summary. Both forms are written side
//!   by side, so neither can be forgotten, and the reporter picks one. There is no conversion
//!   from a plain `String`: a finding or a command error without its Latvian form does not
//!   compile.
//! - [`ui`] is the language of this run, chosen once by [`resolve`]: `--lang`, else the
//!   `lang` of `pmp.toml`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG` starting with
//!   `lv`), else English. Codes, JSON keys and SARIF ids never change with it.

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

use chrono::{Datelike, NaiveDate};

use crate::lv::{self, NBSP};
use crate::model::Num;

/// A language pmp speaks: of a document (`render`, `report`: Latvian unless asked) and of
/// what the commands say to a person ([`ui`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Lv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Lv];

    /// The BCP 47 code (`lang` attribute of the HTML, `w:lang` of the DOCX).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Lv => "lv",
            Lang::En => "en",
        }
    }

    // Figures and dates in the language's conventions. Latvian ones come from `crate::lv`
    // (`10 249`, `0,25`, `9,3 %`, `2024.–2028.`); English ones are derived here: decimal point,
    // comma thousands, `9.3%`, `2024–2028`, “…” quotes, `No. 19`.

    /// A number with at most `max_decimals` decimals: `10 249`, `0,25` / `10,249`, `0.25`.
    pub fn number(self, v: f64, max_decimals: usize) -> String {
        match self {
            Lang::Lv => lv::number(v, max_decimals),
            Lang::En => lv::number_with(v, max_decimals, ',', '.'),
        }
    }

    /// A figure as printed, with its own decimals: `10,763`, `0,20` / `10.763`, `0.20`.
    pub fn figure(self, n: Num) -> String {
        match self {
            Lang::Lv => lv::fixed(n.value, n.decimals()),
            Lang::En => lv::fixed_with(n.value, n.decimals(), ',', '.'),
        }
    }

    /// A printed percentage with its own decimals: `0,20 %` / `0.20%`.
    pub fn figure_percent(self, n: Num) -> String {
        match self {
            Lang::Lv => format!("{}{NBSP}%", self.figure(n)),
            Lang::En => format!("{}%", self.figure(n)),
        }
    }

    /// A percentage: `9,3 %` / `9.3%`.
    pub fn percent(self, v: f64) -> String {
        match self {
            Lang::Lv => lv::percent(v),
            Lang::En => format!("{}%", self.number(v, 2)),
        }
    }

    /// An amount in euro: `1 031 656,19 EUR` / `1,031,656.19 EUR`.
    pub fn euro(self, v: f64) -> String {
        format!("{}{NBSP}EUR", self.number(v, 2))
    }

    /// A span of years with an en dash: `2024.–2028.` / `2024–2028`.
    pub fn year_range(self, from: i32, to: i32) -> String {
        match self {
            Lang::Lv => lv::year_range(from, to),
            Lang::En => format!("{from}–{to}"),
        }
    }

    /// Quoted text: `„…”` / `“…”`.
    pub fn quote(self, s: &str) -> String {
        match self {
            Lang::Lv => lv::quote(s),
            Lang::En => format!("“{s}”"),
        }
    }

    /// A document number: `Nr. 19` / `No. 19` (no-break space).
    pub fn nr(self, n: &str) -> String {
        match self {
            Lang::Lv => lv::nr(n),
            Lang::En => {
                let n = n.trim().trim_start_matches("Nr.").trim();
                format!("No.{NBSP}{n}")
            }
        }
    }

    /// A long date: `2024. gada 1. septembris` / `1 September 2024`.
    pub fn date_long(self, d: NaiveDate) -> String {
        match self {
            Lang::Lv => lv::date_long(d),
            Lang::En => lv::date_long_en(d),
        }
    }

    /// A short date: `01.09.2024.` / `1 Sep 2024`.
    pub fn date_short(self, d: NaiveDate) -> String {
        match self {
            Lang::Lv => lv::date_short(d),
            Lang::En => format!("{}{NBSP}{} {}", d.day(), short_month(d.month()), d.year()),
        }
    }

    /// A date known to the year, month or day: `2024.`, `09.2024.`, `01.09.2024.` /
    /// `2024`, `Sep 2024`, `1 Sep 2024`.
    pub fn partial_date(self, year: i32, m: Option<u32>, d: Option<u32>) -> String {
        match self {
            Lang::Lv => lv::partial_date(year, m, d),
            Lang::En => match (m, d) {
                (Some(m), Some(d)) => match NaiveDate::from_ymd_opt(year, m, d) {
                    Some(date) => self.date_short(date),
                    None => format!("{year}-{m:02}-{d:02}"),
                },
                (Some(m), None) => format!("{} {year}", short_month(m)),
                _ => year.to_string(),
            },
        }
    }
}

/// `Sep` for September.
fn short_month(m: u32) -> String {
    lv::month_en(m).chars().take(3).collect()
}

impl Lang {
    /// The form of a counted noun: `one` for 1 (and, in Latvian, 21, 31, … but not 11),
    /// `other` for every other count. `Lang::Lv.plural(21, "kļūda", "kļūdas")` is „kļūda”.
    pub fn plural<'a>(self, n: usize, one: &'a str, other: &'a str) -> &'a str {
        let singular = match self {
            Lang::En => n == 1,
            Lang::Lv => n % 10 == 1 && n % 100 != 11,
        };
        if singular { one } else { other }
    }

    /// A count with its noun: `3 errors`, `21 kļūda`.
    pub fn count(self, n: usize, one: &str, other: &str) -> String {
        format!("{n} {}", self.plural(n, one, other))
    }
}

/// The language of this run's messages; English until [`set_ui`].
pub fn ui() -> Lang {
    match UI.load(Ordering::Relaxed) {
        1 => Lang::Lv,
        _ => Lang::En,
    }
}

/// Sets the language of this run's messages (once, from `main`, after [`resolve`]).
pub fn set_ui(lang: Lang) {
    UI.store(u8::from(lang == Lang::Lv), Ordering::Relaxed);
}

static UI: AtomicU8 = AtomicU8::new(0);

/// The language of messages: the flag, else the configuration's, else the locale's.
pub fn resolve(flag: Option<Lang>, config: Option<Lang>) -> Lang {
    flag.or(config)
        .unwrap_or_else(|| locale(|k| std::env::var(k).ok()))
}

/// Latvian when the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` starts with `lv`
/// (`lv_LV.UTF-8`), else English. `var` reads the environment (a parameter for the tests).
pub fn locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()))
        .unwrap_or_default();
    if value.to_ascii_lowercase().starts_with("lv") {
        Lang::Lv
    } else {
        Lang::En
    }
}

/// A sentence in English and in Latvian. `Display` prints the run's language ([`ui`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    pub en: String,
    pub lv: String,
}

impl Text {
    pub fn pair(en: String, lv: String) -> Self {
        Text { en, lv }
    }

    /// The form in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Lv => &self.lv,
        }
    }

    /// Both forms changed by `f` (shortened, escaped).
    pub fn map(self, mut f: impl FnMut(String) -> String) -> Self {
        Text {
            en: f(self.en),
            lv: f(self.lv),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get(ui()))
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.get(ui()))
    }
}

/// A [`Text`] from two `format!` argument lists, English first:
/// `tr!(en("{n} files", n = 3), lv("{n} faili", n = 3))`.
#[macro_export]
macro_rules! tr {
    (en($($en:tt)*), lv($($lv:tt)*) $(,)?) => {
        $crate::i18n::Text::pair(format!($($en)*), format!($($lv)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latvian_plural_follows_the_last_digit_but_not_eleven() {
        let l = Lang::Lv;
        let forms: Vec<_> = [0, 1, 2, 10, 11, 21, 22, 101, 111]
            .into_iter()
            .map(|n| l.count(n, "kļūda", "kļūdas"))
            .collect();
        assert_eq!(
            forms,
            [
                "0 kļūdas",
                "1 kļūda",
                "2 kļūdas",
                "10 kļūdas",
                "11 kļūdas",
                "21 kļūda",
                "22 kļūdas",
                "101 kļūda",
                "111 kļūdas"
            ]
        );
        assert_eq!(Lang::En.count(21, "error", "errors"), "21 errors");
    }

    #[test]
    fn the_locale_chooses_latvian_only_when_it_says_lv() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(locale(env(&[("LANG", "lv_LV.UTF-8")])), Lang::Lv);
        assert_eq!(
            locale(env(&[("LC_ALL", "C.UTF-8"), ("LANG", "lv_LV.UTF-8")])),
            Lang::En
        );
        assert_eq!(locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "lv_LV")])), Lang::Lv);
        assert_eq!(locale(env(&[])), Lang::En);
        assert_eq!(resolve(Some(Lang::En), Some(Lang::Lv)), Lang::En);
        assert_eq!(resolve(None, Some(Lang::Lv)), Lang::Lv);
    }

    #[test]
    fn tr_keeps_both_forms() {
        let n = 13.305;
        let t = tr!(en("a total of {}", n), lv("kopsumma {}", Lang::Lv.number(n, 3)));
        assert_eq!(t.get(Lang::En), "a total of 13.305");
        assert_eq!(t.get(Lang::Lv), "kopsumma 13,305");
    }
}
