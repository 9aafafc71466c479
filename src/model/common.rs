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
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": "^[0-9]{4}(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12][0-9]|3[01]))?)?$"}
            ]
        })
    }
}

/// A numeric value written in the source, kept as printed when that matters (e.g. `0,5*`).
pub type Number = Sp<f64>;
