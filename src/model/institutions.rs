//! `institutions.yaml`: the registry of bodies that take part in PMP prevention, and the
//! cooperation model (each body's responsibilities per prevention level).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Sp};

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstitutionsFile {
    /// An introduction to the cooperation model, Markdown.
    #[serde(default)]
    pub intro: Option<Sp<String>>,
    /// How the source prints the cooperation model's table: its header rows (the first
    /// column names the body, then one column per kind of responsibility used).
    #[serde(default)]
    pub layout: Option<super::TableLayout>,
    /// The bodies the programme names: responsible, involved, executing or supervising.
    #[serde(default)]
    pub institutions: Vec<Institution>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// The institution's id (e.g. `ip`); the plan may name it by id, official name or a short form.
    pub id: Id,
    /// Official name.
    pub name: Sp<String>,
    /// Short forms and other names people write for it ("IP", "Izglītības pārvalde").
    #[serde(default)]
    pub short: Vec<Sp<String>>,
    /// What kind of body it is (education board, school, social service ...).
    pub kind: Sp<InstitutionKind>,
    /// Responsibilities in PMP prevention, per level (the cooperation model).
    #[serde(default)]
    pub responsibilities: Responsibilities,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InstitutionKind {
    Council,
    Administration,
    EducationBoard,
    SocialService,
    OrphansCourt,
    MunicipalPolice,
    Youth,
    School,
    Preschool,
    Health,
    State,
    Ngo,
    Group,
    Other,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibilities {
    /// Duties that do not belong to one level.
    #[serde(default)]
    pub general: Vec<Sp<String>>,
    /// What it does at the universal prevention level.
    #[serde(default)]
    pub universal: Vec<Sp<String>>,
    /// What it does at the targeted prevention level.
    #[serde(default)]
    pub targeted: Vec<Sp<String>>,
    /// What it does at the indicated prevention level.
    #[serde(default)]
    pub indicated: Vec<Sp<String>>,
    /// Responsibilities in the PMP context ("Atbildības jomas PMP prevencijas kontekstā"),
    /// where the cooperation model lists them apart from the body's general duties and not by
    /// level.
    #[serde(default)]
    pub pmp_context: Vec<Sp<String>>,
    /// Involvement in PMP prevention processes ("Iesaiste PMP prevencijas procesos"), where
    /// the cooperation model lists it in a column of its own.
    #[serde(default)]
    pub involvement: Vec<Sp<String>>,
    /// Explanations ("Skaidrojumi") the cooperation model prints without naming a level.
    #[serde(default)]
    pub explanations: Vec<Sp<String>>,
}
