//! Small value types shared by several parts of a programme: prevention levels, ids,
//! multilingual-free text, and partial dates ("2024", "2024-09", "2024-09-15").

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Sp;

/// An id written by the user: kebab/snake/dotted ASCII, unique within its kind.
pub type Id = Sp<String>;

/// The three prevention levels; every goal belongs to exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Universālā prevencija: all pupils.
    Universal,
    /// Mērķtiecīgā jeb selektīvā prevencija: identified risk groups.
    Targeted,
    /// Pielāgotā jeb indicētā prevencija: individual, high-intensity support.
    Indicated,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Universal, Level::Targeted, Level::Indicated];

    pub fn key(self) -> &'static str {
        match self {
            Level::Universal => "universal",
            Level::Targeted => "targeted",
            Level::Indicated => "indicated",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A date known to the year, the month or the day: `2024`, `"2024-09"` or `"2024-09-15"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the month and day exist.
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let mut parts = s.trim().split('-');
        let year: i32 = parts
            .next()
            .filter(|p| p.len() == 4)
            .and_then(|p| p.parse().ok())
            .ok_or_else(bad)?;
        let month = match parts.next() {
            None => None,
            Some(m) => {
                let m: u32 = m.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&m) {
                    return Err(format!("`{s}`: month {m} does not exist"));
                }
                Some(m)
            }
        };
        let day = match parts.next() {
            None => None,
            Some(d) => {
                let d: u32 = d.parse().map_err(|_| bad())?;
                let m = month.ok_or_else(bad)?;
                if chrono::NaiveDate::from_ymd_opt(year, m, d).is_none() {
                    return Err(format!("`{s}`: day {d} does not exist in that month"));
                }
                Some(d)
            }
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a year (2024), a month (\"2024-09\") or a date (2024-09-15)")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A year (2024), a month (\"2024-09\") or a day (2024-09-15).",
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
            ]
        })
    }
}

/// A figure as the source printed it: its value and the number of decimals written, so
/// `0.20` stays two decimals, `1.0` one and `10.763` three, in every document and in the
/// rounding tolerance of every check.
///
/// The decimals are read from the scalar's own text in the YAML file (see
/// [`super::span`]), never from the float's shortest form; a figure built in code, or one
/// whose text cannot be found, falls back to the shortest form.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Num {
    pub value: f64,
    pub decimals: u8,
}

/// More decimals than any printed figure has; also the marker of decimals not yet known.
const UNKNOWN_DECIMALS: u8 = u8::MAX;

impl Num {
    /// A figure with the given printed decimals.
    pub fn new(value: f64, decimals: u8) -> Self {
        Num { value, decimals }
    }

    /// A figure computed or built in code: its decimals are those of its shortest form.
    pub fn computed(value: f64) -> Self {
        Num {
            value,
            decimals: shortest_decimals(value),
        }
    }

    /// Reads a figure as written in YAML or CSV: `12`, `0.20`, `-3.5`, `1_000`, `1.5e3`.
    /// Returns `None` for anything else (a decimal comma, hex, `.inf`, words).
    pub fn parse_printed(text: &str) -> Option<Num> {
        let t = text.trim();
        let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
        let (mantissa, exp) = match unsigned.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i32>().ok()?),
            None => (unsigned, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == '_');
        if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) {
            return None;
        }
        let value: f64 = t.replace('_', "").parse().ok()?;
        if !value.is_finite() {
            return None;
        }
        let frac_digits = frac.chars().filter(char::is_ascii_digit).count() as i32;
        let decimals = (frac_digits - exp).clamp(0, 20) as u8;
        Some(Num { value, decimals })
    }

    /// The decimals to print: the printed ones, or the shortest form's when unknown.
    pub fn decimals(self) -> usize {
        if self.decimals == UNKNOWN_DECIMALS {
            shortest_decimals(self.value) as usize
        } else {
            self.decimals as usize
        }
    }

    /// Half a unit of the last printed decimal: the rounding a printed figure may carry
    /// (`9.3` -> 0.05, `5.00` -> 0.005, `12` -> 0.5).
    pub fn half_unit(self) -> f64 {
        0.5 * 10f64.powi(-(self.decimals() as i32))
    }

    /// Marks the decimals as unknown, for the deserializer to fill from the text.
    pub(crate) fn unknown(value: f64) -> Self {
        Num {
            value,
            decimals: UNKNOWN_DECIMALS,
        }
    }

    /// Whether the decimals still wait to be read from the source text.
    pub(crate) fn needs_decimals(self) -> bool {
        self.decimals == UNKNOWN_DECIMALS
    }
}

/// The decimals of `v`'s shortest round-trip form: 9.3 -> 1, 12.0 -> 0.
fn shortest_decimals(v: f64) -> u8 {
    if !v.is_finite() {
        return 0;
    }
    let s = format!("{v}");
    s.split_once('.').map(|(_, d)| d.len().min(20) as u8).unwrap_or(0)
}

impl fmt::Display for Num {
    /// The figure with its printed decimals and a decimal point (`0.20`), as YAML writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.*}", self.decimals(), self.value)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(d)?;
        Ok(Num::unknown(value))
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl JsonSchema for Num {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A figure, written as the source prints it but with a decimal point: its decimals (`0.20`, `1.0`) are kept in every document.",
            "type": "number"
        })
    }
}

/// A figure written in the source, with its position and printed decimals.
pub type Number = Sp<Num>;

impl Sp<Num> {
    /// The figure's value.
    pub fn f(&self) -> f64 {
        self.value.value
    }
}

#[cfg(test)]
mod tests {
    use super::Num;

    #[test]
    fn printed_decimals_are_kept() {
        let d = |s: &str| Num::parse_printed(s).map(|n| (n.value, n.decimals));
        assert_eq!(d("10.763"), Some((10.763, 3)));
        assert_eq!(d("0.20"), Some((0.2, 2)));
        assert_eq!(d("1.0"), Some((1.0, 1)));
        assert_eq!(d("321"), Some((321.0, 0)));
        assert_eq!(d("-3.50"), Some((-3.5, 2)));
        assert_eq!(d("1_000"), Some((1000.0, 0)));
        assert_eq!(d("1.25e1"), Some((12.5, 1)));
        assert_eq!(d("14,25"), None);
        assert_eq!(d("0x10"), None);
        assert_eq!(d(".inf"), None);
        assert_eq!(d("abc"), None);
    }

    #[test]
    fn half_unit_follows_the_printed_decimals() {
        assert_eq!(Num::new(5.0, 2).half_unit(), 0.005);
        assert_eq!(Num::new(12.0, 0).half_unit(), 0.5);
        assert_eq!(Num::computed(9.3).half_unit(), 0.05);
    }
}
