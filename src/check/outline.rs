//! The document's outline and its pictures: a heading that places a situation section the
//! programme does not have (`unknown-id`), a part of the programme a stated outline leaves out
//! of the document (`outline-unplaced`), and a figure whose picture is not in the programme
//! folder (`figure-missing`, its placeholder printed instead).

use crate::diag::{Code, Diagnostic, Sink};
use crate::model::{Content, Figure, Heading, Loc, Programme, Section};
use crate::render::outline::{Node, Piece};
use crate::tr;

/// What the checks know of a programme's pictures: which `image` paths name a file inside the
/// programme folder (gathered with the other facts, so the rule itself does no I/O).
#[derive(Debug, Default)]
pub struct Pictures {
    present: std::collections::HashSet<String>,
    /// Files of the folder that are not a PNG or JPEG picture pmp can read.
    unreadable: std::collections::HashSet<String>,
}

impl Pictures {
    pub fn gather(p: &Programme) -> Pictures {
        let mut present = std::collections::HashSet::new();
        let mut unreadable = std::collections::HashSet::new();
        for f in figures(p) {
            let Some(image) = &f.image else { continue };
            // A PNG or JPEG file inside the folder, as the documents embed it.
            if crate::picture::probe(&p.dir, &image.value).is_some() {
                present.insert(image.value.clone());
            } else if crate::picture::in_folder(&p.dir, &image.value).is_some_and(|f| f.is_file()) {
                unreadable.insert(image.value.clone());
            }
        }
        Pictures { present, unreadable }
    }
}

pub fn check(p: &Programme, pictures: &Pictures, sink: &mut Sink) {
    unknown_sections(p, sink);
    unplaced(p, sink);
    figure_missing(p, pictures, sink);
}

/// Every figure of the programme: the situation sections' and the outline headings'.
fn figures(p: &Programme) -> Vec<&Figure> {
    fn in_sections<'a>(list: &'a [Section], out: &mut Vec<&'a Figure>) {
        for s in list {
            out.extend(&s.figures);
            in_sections(&s.sections, out);
        }
    }
    fn in_headings<'a>(list: &'a [Heading], out: &mut Vec<&'a Figure>) {
        for h in list {
            out.extend(&h.figures);
            in_headings(&h.sections, out);
        }
    }
    let mut out = Vec::new();
    if let Some(s) = &p.situation {
        in_sections(&s.sections, &mut out);
    }
    if let Some(m) = &p.manifest {
        in_headings(&m.outline, &mut out);
    }
    out
}

/// `figure-missing`: a figure with no picture, or whose picture is not a file of the programme
/// folder; the document prints its caption over a placeholder.
fn figure_missing(p: &Programme, pictures: &Pictures, sink: &mut Sink) {
    for f in figures(p) {
        let name = match &f.number {
            Some(n) => format!("{} {}", n.value.trim(), f.caption.value.trim()),
            None => f.caption.value.trim().to_string(),
        };
        let (loc, message) = match &f.image {
            None => (
                f.id.loc,
                tr!(
                    en("figure „{name}” has no picture: the document prints a placeholder"),
                    lv("attēlam „{name}” nav attēla faila: dokumentā būs vietturis"),
                ),
            ),
            Some(i) if pictures.unreadable.contains(&i.value) => {
                let file = &i.value;
                (
                    i.loc,
                    tr!(
                        en(
                            "the picture `{file}` of figure „{name}” is not a PNG or JPEG picture pmp can read (or is larger than 20 MB): the document prints a placeholder"
                        ),
                        lv(
                            "attēla „{name}” fails `{file}` nav PNG vai JPEG attēls, ko pmp var nolasīt (vai ir lielāks par 20 MB): dokumentā būs vietturis"
                        ),
                    ),
                )
            }
            Some(i) if !pictures.present.contains(&i.value) => {
                let file = &i.value;
                (
                    i.loc,
                    tr!(
                        en(
                            "the picture `{file}` of figure „{name}” is not a file in the programme folder: the document prints a placeholder"
                        ),
                        lv("attēla „{name}” fails `{file}` programmas mapē nav: dokumentā būs vietturis"),
                    ),
                )
            }
            Some(_) => continue,
        };
        sink.push(Diagnostic::new(Code::FigureMissing, loc, message).help(tr!(
            en("put the picture (PNG or JPEG) in the programme folder and name it in `image`"),
            lv("ievietojiet attēlu (PNG vai JPEG) programmas mapē un norādiet to laukā `image`"),
        )));
    }
}

/// `unknown-id`: an outline heading places a situation section (`section: s-9`) the
/// programme does not have.
fn unknown_sections(p: &Programme, sink: &mut Sink) {
    let Some(m) = &p.manifest else { return };
    let mut ids = Vec::new();
    fn all<'a>(list: &'a [Section], out: &mut Vec<&'a str>) {
        for s in list {
            out.push(&s.id.value);
            all(&s.sections, out);
        }
    }
    if let Some(s) = &p.situation {
        all(&s.sections, &mut ids);
    }
    fn walk(list: &[Heading], ids: &[&str], sink: &mut Sink) {
        for h in list {
            if let Some(s) = &h.section
                && !ids.contains(&s.value.as_str())
            {
                let id = &s.value;
                sink.push(
                    Diagnostic::new(
                        Code::UnknownId,
                        s.loc,
                        tr!(
                            en("the outline places section `{id}`, which situation.yaml does not have"),
                            lv("saturā ievietota sadaļa `{id}`, bet situation.yaml tādas nav"),
                        ),
                    )
                    .help(tr!(
                        en("name a section by its `id` in situation.yaml"),
                        lv("norādiet sadaļu ar tās `id` failā situation.yaml"),
                    )),
                );
            }
            walk(&h.sections, ids, sink);
        }
    }
    walk(&m.outline, &ids, sink);
}

/// `outline-unplaced`: the programme states its outline, and a part it has stands under no
/// heading of it, so the document does not print it.
fn unplaced(p: &Programme, sink: &mut Sink) {
    let Some(m) = &p.manifest else { return };
    let Some(first) = m.outline.first() else { return };
    let loc: Loc = first
        .section
        .as_ref()
        .or(first.title.as_ref())
        .or(first.number.as_ref())
        .map(|s| s.loc)
        .or(first.contents.first().map(|c| c.loc))
        .unwrap_or(m.id.loc);
    let outline = crate::render::outline::resolve(p, crate::i18n::Lang::Lv.labels());
    let mut placed: Vec<Content> = Vec::new();
    let mut sections: Vec<&str> = Vec::new();
    fn walk<'a>(n: &Node<'a>, placed: &mut Vec<Content>, sections: &mut Vec<&'a str>) {
        for piece in &n.pieces {
            match piece {
                Piece::Content(c) => placed.push(*c),
                Piece::SituationIntro => placed.push(Content::Situation),
                Piece::SectionText(s) => sections.push(&s.id.value),
                Piece::Prose(_) | Piece::Figure(_) | Piece::Table(_) => {}
            }
        }
        for c in &n.children {
            walk(c, placed, sections);
        }
    }
    for ch in &outline.chapters {
        walk(ch, &mut placed, &mut sections);
    }
    let plan = p.plan.as_ref();
    let monitoring = p.monitoring.as_ref();
    let has = |c: Content| match c {
        Content::Annotation => m.annotation.is_some(),
        Content::Drafting => m.drafting.is_some(),
        Content::WorkingGroup => !m.working_group.is_empty(),
        Content::Notes => !m.notes.is_empty(),
        Content::Situation => p.situation.as_ref().is_some_and(|s| s.intro.is_some()),
        Content::Svid => p.svid.is_some(),
        Content::Cooperation => p.institutions.is_some(),
        Content::Goals => p.goals.is_some(),
        Content::Indicators => p.indicators.is_some(),
        Content::Plan => plan.is_some(),
        Content::Tasks => plan.is_some_and(|pl| pl.activities.iter().any(|a| !a.tasks.is_empty())),
        Content::Resources => plan.is_some_and(|pl| pl.activities.iter().any(|a| a.resources.is_some())),
        Content::Monitoring => monitoring.is_some(),
        Content::ReportTemplate => monitoring.is_some_and(|mf| !mf.report_template.is_empty()),
        Content::Amendments => !m.amendments.is_empty(),
    };
    let mut missing: Vec<String> = Content::ALL
        .iter()
        .filter(|c| has(**c) && !placed.contains(c))
        .map(|c| c.name().to_string())
        .collect();
    missing.extend(
        p.situation
            .iter()
            .flat_map(|s| &s.sections)
            .filter(|s| !sections.contains(&s.id.value.as_str()))
            .map(|s| format!("section {}", s.id.value)),
    );
    for what in missing {
        sink.push(
            Diagnostic::new(
                Code::OutlineUnplaced,
                loc,
                tr!(
                    en("the outline places no `{what}`: the document does not print it"),
                    lv("saturā nav ievietots `{what}`: dokumentā tas netiks iekļauts"),
                ),
            )
            .path("outline")
            .help(tr!(
                en("name it in a heading's `contents` (or `section:`) where the programme prints it"),
                lv("norādiet to virsraksta laukā `contents` (vai `section:`) tur, kur programma to drukā"),
            )),
        );
    }
}
