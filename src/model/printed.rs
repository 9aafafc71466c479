//! Printed variants: how another table of the source prints an entity, where it differs from
//! the entity's own fields. A source often prints one goal in several tables (the strategic
//! goals, the action plan) and not always alike: another title, another number, another level
//! mark, or not at all. A transcription records each such form with the table it appears in,
//! so the checker can report the difference instead of a comment hiding it.
//!
//! An entity's own fields follow the table its part names in `printed_in` (e.g. goals.yaml
//! `printed_in: "2.1."`); each [`Printed`] entry names another table and only what that table
//! prints differently. New programmes never need either field.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Level, Sp};

/// How one other table of the source prints an entity.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Printed {
    /// The table, as the source numbers or names it (e.g. "2.3.", "3.2.").
    pub table: Sp<String>,
    /// The number that table prints, where it differs.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The title that table prints, where it differs.
    #[serde(default)]
    pub title: Option<Sp<String>>,
    /// The prevention level that table prints the entity under, where it differs.
    #[serde(default)]
    pub level: Option<Sp<Level>>,
    /// The table does not list the entity at all.
    #[serde(default)]
    pub absent: bool,
}

/// How `table` prints an entity: `None` when the table does not list it, else the entity's
/// entry for that table, if it has one. `table` `None` is the entity's own, unnamed table.
pub fn entry_in<'a>(printed: &'a [Printed], table: Option<&str>) -> Option<Option<&'a Printed>> {
    let entry = table.and_then(|t| printed.iter().find(|p| p.table.value == t));
    match entry {
        Some(p) if p.absent => None,
        other => Some(other),
    }
}

/// The number `table` prints for an entity: its entry's number there, else its own number;
/// `None` when the table does not list the entity.
pub fn number_in<'a>(
    printed: &'a [Printed],
    own: Option<&'a Sp<String>>,
    table: Option<&str>,
) -> Option<Option<&'a Sp<String>>> {
    entry_in(printed, table).map(|e| e.and_then(|p| p.number.as_ref()).or(own))
}

/// The part's own table and every table whose variants number the entities differently or
/// leave one out: the tables whose numbering is checked on its own.
pub fn tables<'a>(home: Option<&'a str>, all: impl Iterator<Item = &'a [Printed]>) -> Vec<Option<&'a str>> {
    let mut out = vec![home];
    for printed in all {
        for p in printed.iter().filter(|p| p.number.is_some() || p.absent) {
            if !out.contains(&Some(p.table.value.as_str())) {
                out.push(Some(p.table.value.as_str()));
            }
        }
    }
    out
}

/// How the source prints a table pmp builds (the goals, indicators, plan or monitoring table):
/// its header rows as printed, the row numbering its columns, the names of its level rows.
/// Without it the table has pmp's own header.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableLayout {
    /// The header rows as printed, top to bottom; a cell is its text, or `{text, cols, rows}`
    /// for one merged over several columns or rows. Taken when it spans as many columns as the
    /// table has.
    #[serde(default)]
    pub header: Vec<Vec<HeaderCell>>,
    /// The source numbers its columns (1, 2, 3 …) in a row under the header.
    #[serde(default)]
    pub column_numbers: bool,
    /// The rows naming a prevention level, as printed (`❶ UNIVERSĀLĀ PREVENCIJA`).
    #[serde(default)]
    pub levels: Option<LevelNames>,
}

/// A header cell as printed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum HeaderCell {
    Text(String),
    Merged {
        /// The cell's text as printed.
        text: String,
        /// Columns it spans (1 when not given).
        #[serde(default = "one")]
        cols: usize,
        /// Rows it spans (1 when not given).
        #[serde(default = "one")]
        rows: usize,
    },
}

fn one() -> usize {
    1
}

impl HeaderCell {
    pub fn text(&self) -> &str {
        match self {
            HeaderCell::Text(t) | HeaderCell::Merged { text: t, .. } => t,
        }
    }

    /// Columns and rows spanned, each at least 1 and at most 64.
    pub fn span(&self) -> (usize, usize) {
        match self {
            HeaderCell::Text(_) => (1, 1),
            HeaderCell::Merged { cols, rows, .. } => ((*cols).clamp(1, 64), (*rows).clamp(1, 64)),
        }
    }
}

/// The level rows' names as printed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelNames {
    /// The universal level's row (`❶ UNIVERSĀLĀ PREVENCIJA`).
    #[serde(default)]
    pub universal: Option<Sp<String>>,
    /// The targeted level's row.
    #[serde(default)]
    pub targeted: Option<Sp<String>>,
    /// The indicated level's row.
    #[serde(default)]
    pub indicated: Option<Sp<String>>,
}

impl LevelNames {
    pub fn get(&self, level: Level) -> Option<&str> {
        match level {
            Level::Universal => self.universal.as_ref(),
            Level::Targeted => self.targeted.as_ref(),
            Level::Indicated => self.indicated.as_ref(),
        }
        .map(|s| s.value.as_str())
    }
}
