//! The document's outline (`outline` in `programme.yaml`): the chapters and sections the
//! programme prints, with their numbers and titles as printed, in its order, and what stands
//! under each heading. A programme without one gets pmp's standard outline
//! (`crate::render::outline`); a transcribed or imported programme states its own, so its
//! document keeps the source's structure.
//!
//! A heading is either the programme's own (`number`, `title`) or a section of the situation
//! analysis placed here whole (`section: s-1`: its heading, prose, tables and subsections).
//! What a heading holds is named by [`Content`]: the pieces pmp builds from the other parts
//! (the goals table, the action plan …), printed where the outline puts them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Sp};

/// One heading of the document and what stands under it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// A section of situation.yaml printed here whole: its number, title, prose, tables and
    /// subsections. `number` and `title` are then the section's own and are not given here.
    #[serde(default)]
    pub section: Option<Sp<String>>,
    /// The id prose refers to this heading by (`[](#sec:ID)`).
    #[serde(default)]
    pub id: Option<Id>,
    /// The heading's number as printed (`2.`, `3.1.`), if it has one.
    #[serde(default)]
    pub number: Option<Sp<String>>,
    /// The heading's text as printed.
    #[serde(default)]
    pub title: Option<Sp<String>>,
    /// The heading's own text, Markdown, printed first under it.
    #[serde(default)]
    pub body: Option<Sp<String>>,
    /// Data tables printed after the text, before the pictures (a table that stands in a
    /// chapter of its own, not in the situation analysis).
    #[serde(default)]
    pub tables: Vec<super::Table>,
    /// Pictures printed after the text.
    #[serde(default)]
    pub figures: Vec<super::Figure>,
    /// What stands under the heading after its text and figures, in order, before its
    /// subsections.
    #[serde(default)]
    pub contents: Vec<Sp<Content>>,
    /// The headings below this one.
    #[serde(default)]
    pub sections: Vec<Heading>,
}

/// A piece of the document pmp builds from a part of the programme. [`Content::name`] is the
/// word `contents` writes (a test keeps it equal to the serde name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Content {
    /// The annotation (programme.yaml `annotation`).
    Annotation,
    /// How the programme was drafted (`drafting`).
    Drafting,
    /// The working group's members, as a list (`working_group`).
    WorkingGroup,
    /// The notes (`notes`).
    Notes,
    /// The situation analysis's introduction and those of its sections no heading places.
    Situation,
    /// The SVID table (svid.yaml).
    Svid,
    /// The cooperation model: each institution's role (institutions.yaml).
    Cooperation,
    /// The strategic goals and their expected results (goals.yaml).
    Goals,
    /// The result indicators (indicators.yaml).
    Indicators,
    /// The action plan (plan.yaml).
    Plan,
    /// The tasks of the plan's activities.
    Tasks,
    /// The resources of the plan's activities.
    Resources,
    /// The monitoring processes (monitoring.yaml).
    Monitoring,
    /// The annual report's template (monitoring.yaml `report_template`).
    ReportTemplate,
    /// The register of amendments (programme.yaml `amendments`).
    Amendments,
}

impl Content {
    /// Every piece, in the order a finding lists them.
    pub const ALL: [Content; 15] = [
        Content::Annotation,
        Content::Drafting,
        Content::WorkingGroup,
        Content::Notes,
        Content::Situation,
        Content::Svid,
        Content::Cooperation,
        Content::Goals,
        Content::Indicators,
        Content::Plan,
        Content::Tasks,
        Content::Resources,
        Content::Monitoring,
        Content::ReportTemplate,
        Content::Amendments,
    ];

    /// The word a heading's `contents` names this piece by (`report-template`).
    pub fn name(self) -> &'static str {
        match self {
            Content::Annotation => "annotation",
            Content::Drafting => "drafting",
            Content::WorkingGroup => "working-group",
            Content::Notes => "notes",
            Content::Situation => "situation",
            Content::Svid => "svid",
            Content::Cooperation => "cooperation",
            Content::Goals => "goals",
            Content::Indicators => "indicators",
            Content::Plan => "plan",
            Content::Tasks => "tasks",
            Content::Resources => "resources",
            Content::Monitoring => "monitoring",
            Content::ReportTemplate => "report-template",
            Content::Amendments => "amendments",
        }
    }

    /// The reference key of the table this piece prints, if it prints one (`tab:goals`).
    pub fn table_key(self) -> Option<&'static str> {
        Some(match self {
            Content::Svid => "tab:svid",
            Content::Cooperation => "tab:cooperation",
            Content::Goals => "tab:goals",
            Content::Indicators => "tab:indicators",
            Content::Plan => "tab:plan",
            Content::Tasks => "tab:tasks",
            Content::Resources => "tab:resources",
            Content::Monitoring => "tab:monitoring",
            Content::ReportTemplate => "tab:report",
            Content::Amendments => "tab:amendments",
            Content::Annotation
            | Content::Drafting
            | Content::WorkingGroup
            | Content::Notes
            | Content::Situation => return None,
        })
    }

    /// The name of the heading pmp's standard outline gives this piece (`strategic-goals`):
    /// its anchor there, and the key (`sec:strategic-goals`) by which prose finds the heading
    /// that holds the piece in any outline.
    pub fn standard_anchor(self) -> &'static str {
        match self {
            Content::Goals => "strategic-goals",
            Content::Plan => "action-plan",
            Content::Monitoring => "monitoring-calendar",
            other => other.name(),
        }
    }

    /// The standard chapter this piece stands in (`goals` for the goals and the indicators),
    /// whose key (`sec:goals`) finds the chapter that holds the piece in any outline.
    pub fn standard_chapter(self) -> &'static str {
        match self {
            Content::Annotation | Content::Drafting | Content::WorkingGroup | Content::Notes => "annotation",
            Content::Situation | Content::Svid | Content::Cooperation => "situation",
            Content::Goals | Content::Indicators => "goals",
            Content::Plan | Content::Tasks | Content::Resources => "plan",
            Content::Monitoring | Content::ReportTemplate => "monitoring",
            Content::Amendments => "amendments",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_the_words_contents_writes() {
        for c in super::Content::ALL {
            let yaml = serde_json::to_string(&c).unwrap();
            assert_eq!(yaml, format!("\"{}\"", c.name()));
        }
    }
}
