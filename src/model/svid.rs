//! `svid.yaml`: the SVID (SWOT) analysis, each item optionally linked to the goals that answer it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Sp};

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SvidFile {
    /// Table number and caption as printed.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The SVID table's caption as printed.
    #[serde(default)]
    pub caption: Option<Sp<String>>,
    /// The label the source prints before the caption, its separator included (`2.1. tabula:`,
    /// `2.4.tabula.`), where it is not pmp's own (`2.1. tabula.`).
    #[serde(default)]
    pub label: Option<Sp<String>>,
    /// Strengths (stiprās puses).
    #[serde(default)]
    pub strengths: Vec<SvidItem>,
    /// Weaknesses (vājās puses).
    #[serde(default)]
    pub weaknesses: Vec<SvidItem>,
    /// Opportunities (iespējas).
    #[serde(default)]
    pub opportunities: Vec<SvidItem>,
    /// Threats (draudi).
    #[serde(default)]
    pub threats: Vec<SvidItem>,
    /// The quadrants as the source prints them, two by two, left to right, with their names
    /// (`{quadrant: threats, label: Riski}`); without it pmp's order and names.
    #[serde(default)]
    pub printed: Vec<PrintedQuadrant>,
}

/// One quadrant of the SVID table as printed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrintedQuadrant {
    /// Which quadrant: `strengths`, `weaknesses`, `opportunities` or `threats`.
    pub quadrant: Sp<Quadrant>,
    /// Its name as printed (`Stiprās puses`, `Riski`).
    pub label: Sp<String>,
}

/// A quadrant of the SVID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    Strengths,
    Weaknesses,
    Opportunities,
    Threats,
}

impl SvidFile {
    /// The four quadrants with their YAML keys, in reading order.
    pub fn quadrants(&self) -> [(&'static str, &[SvidItem]); 4] {
        [
            ("strengths", &self.strengths),
            ("weaknesses", &self.weaknesses),
            ("opportunities", &self.opportunities),
            ("threats", &self.threats),
        ]
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SvidItem {
    /// The item's id, unique in the SVID (e.g. `w1`).
    pub id: Id,
    /// The item as printed.
    pub text: Sp<String>,
    /// Goals that answer this item.
    #[serde(default)]
    pub goals: Vec<Sp<String>>,
}
