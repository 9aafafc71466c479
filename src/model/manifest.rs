//! `programme.yaml`: what the programme is, who adopted it and when, who wrote it.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Sp};

/// The manifest of a programme folder.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Stable id of the programme, used in file names and calendar UIDs (e.g. `ogre-2024-2027`).
    pub id: Id,
    /// The municipality, as it names itself (e.g. "Ogres novads").
    pub municipality: Sp<String>,
    /// Full title of the programme as adopted.
    pub title: Sp<String>,
    /// First and last year of the implementation period.
    pub period: Period,
    /// draft, adopted or amended.
    pub status: Sp<Status>,
    /// The council decision that adopted the programme.
    #[serde(default)]
    pub adoption: Option<Decision>,
    /// Later amendments ("aktualizācija"), oldest first.
    #[serde(default)]
    pub amendments: Vec<Amendment>,
    /// The git revision of this folder that the last decision adopted (used by `pmp diff`).
    #[serde(default)]
    pub adopted_revision: Option<Sp<String>>,
    /// Place and year printed on the title page (e.g. "Ogre, 2023").
    #[serde(default)]
    pub place: Option<Sp<String>>,
    /// The programme's purpose or annotation, Markdown.
    #[serde(default)]
    pub annotation: Option<Sp<String>>,
    /// When and how the working group drafted the programme, Markdown.
    #[serde(default)]
    pub drafting: Option<Sp<String>>,
    /// The working group that drafted it.
    #[serde(default)]
    pub working_group: Vec<Member>,
    /// Free notes on the programme (Markdown), e.g. the funding context.
    #[serde(default)]
    pub notes: Vec<Sp<String>>,
    /// The document's chapters and sections as the programme prints them, and what stands
    /// in each; none gives pmp's standard outline.
    #[serde(default)]
    pub outline: Vec<super::Heading>,
    /// How the document numbers and captions its tables: `by-chapter` (pmp numbers and
    /// captions the tables it builds, chapter by chapter; the default without an outline) or
    /// `as-printed` (only the numbers and captions the programme states; the default with one).
    #[serde(default)]
    pub table_numbers: Option<Sp<TableNumbers>>,
}

/// How the document numbers and captions its tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TableNumbers {
    /// pmp numbers and captions the tables it builds, chapter by chapter.
    ByChapter,
    /// Only the numbers and captions the programme states.
    AsPrinted,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first year of the period.
    pub from: Sp<i32>,
    /// The last year of the period (not before `from`).
    pub to: Sp<i32>,
}

impl Period {
    /// The earliest year a period may name.
    pub const FIRST_YEAR: i32 = 2000;
    /// The latest year a period may name.
    pub const LAST_YEAR: i32 = 2100;
    /// The most years a period may span.
    pub const MAX_YEARS: i32 = 20;

    pub fn contains(&self, year: i32) -> bool {
        (*self.from..=*self.to).contains(&year)
    }

    /// Why `from`–`to` cannot be a programme's period (a year outside
    /// [`FIRST_YEAR`](Self::FIRST_YEAR)–[`LAST_YEAR`](Self::LAST_YEAR), more than
    /// [`MAX_YEARS`](Self::MAX_YEARS) years, or an end before the start), or `None`.
    pub fn problem(from: i32, to: i32) -> Option<crate::i18n::Text> {
        use crate::i18n::Lang;
        let (first, last) = (Self::FIRST_YEAR, Self::LAST_YEAR);
        let bad = |y: i32| !(first..=last).contains(&y);
        if bad(from) || bad(to) {
            let y = if bad(from) { from } else { to };
            Some(crate::tr!(
                en("the year {y} is not plausible for a programme (pmp accepts {first}–{last})"),
                lv("{y}. gads programmai nav ticams (pmp pieņem gadus no {first}. līdz {last}.)"),
            ))
        } else if from > to {
            Some(crate::tr!(
                en("the period ends in {to} before it starts in {from}"),
                lv("periods beidzas {to}. gadā, pirms tas sākas ({from}. gadā)"),
            ))
        } else if to - from + 1 > Self::MAX_YEARS {
            let years = (to - from + 1) as usize;
            Some(crate::tr!(
                en(
                    "the period {from}–{to} spans {} years, more than the {} pmp accepts",
                    years,
                    Self::MAX_YEARS
                ),
                lv(
                    "periods {} ilgst {}, bet pmp pieļauj ne vairāk kā {}",
                    Lang::Lv.year_range(from, to),
                    Lang::Lv.count(years, "gadu", "gadus"),
                    Self::MAX_YEARS
                ),
            ))
        } else {
            None
        }
    }

    /// Whether the period is one a programme can have ([`Period::problem`] finds nothing).
    pub fn is_plausible(&self) -> bool {
        Self::problem(*self.from, *self.to).is_none()
    }

    /// The years of the period, first to last; none when the period is not plausible, so no
    /// loop over a period's years (calendar occurrences, plan columns, annual reports) can be
    /// longer than [`MAX_YEARS`](Self::MAX_YEARS), whatever the file says.
    #[allow(clippy::reversed_empty_ranges, reason = "the empty range is the point")]
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        if self.is_plausible() {
            *self.from..=*self.to
        } else {
            // An empty range of the same type.
            1..=0
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Adopted,
    Amended,
}

/// A council decision: adoption or amendment.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The body that decided (e.g. "Ogres novada pašvaldības dome").
    pub body: Sp<String>,
    /// Date of the sitting, YYYY-MM-DD.
    #[schemars(with = "super::DateSchema")]
    pub date: Sp<NaiveDate>,
    /// Decision number, as printed.
    #[serde(default)]
    pub decision: Option<Sp<String>>,
    /// Protocol (minutes) number, as printed.
    #[serde(default)]
    pub protocol: Option<Sp<String>>,
    /// Item (§) of the protocol, as printed.
    #[serde(default)]
    pub item: Option<Sp<String>>,
    /// Votes for, against and abstaining, where recorded.
    #[serde(default)]
    pub votes: Option<Votes>,
    /// What the decision says, in a sentence.
    #[serde(default)]
    pub summary: Option<Sp<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Votes {
    /// Votes for.
    #[serde(rename = "for")]
    pub in_favour: Sp<u32>,
    /// Votes against.
    #[serde(default)]
    pub against: Sp<u32>,
    /// Abstentions.
    #[serde(default)]
    pub abstained: Sp<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The council decision that adopted the amendment.
    pub decision: Decision,
    /// What was changed, in a sentence.
    pub summary: Sp<String>,
    /// The git revision the amendment adopted.
    #[serde(default)]
    pub revision: Option<Sp<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's name.
    pub name: Sp<String>,
    /// Role in the working group (e.g. "vadītāja").
    #[serde(default)]
    pub role: Option<Sp<String>>,
    /// Position as printed (e.g. "Sociālā dienesta vadītāja").
    #[serde(default)]
    pub position: Option<Sp<String>>,
    /// Institution id, short form or name from the registry.
    #[serde(default)]
    pub institution: Option<Sp<String>>,
}
