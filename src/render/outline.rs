//! The document's outline, resolved: the programme's own (`outline` in programme.yaml) or
//! pmp's standard one, as a tree of headings, each holding the pieces printed under it.
//!
//! The view ([`super::view`]) builds its chapters from this tree, and `pmp check` takes from it
//! the keys prose may refer to ([`super::view::target_keys`]), so the two agree by
//! construction. A stated outline is followed as written: its numbers and titles are printed
//! as they are, nothing is added to it, and (unless it asks for `table_numbers: by-chapter`)
//! pmp numbers and captions none of its tables. The standard one is what a programme without
//! an outline gets; `pmp init` writes it out.

use crate::model::{Content, Figure, Heading, Programme, Section, Sp};

use super::labels::Labels;

/// What stands under a heading.
#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    /// A piece pmp builds from a part of the programme.
    Content(Content),
    /// A situation section's own prose and data tables (its heading is the node's).
    SectionText(&'a Section),
    /// The situation analysis's introduction (situation.yaml `intro`).
    SituationIntro,
    /// A heading's own text.
    Prose(&'a Sp<String>),
    /// A picture.
    Figure(&'a Figure),
    /// A heading's own data table.
    Table(&'a crate::model::Table),
}

/// One heading and what stands under it.
#[derive(Debug)]
pub struct Node<'a> {
    /// The element id in HTML, the link target in Markdown.
    pub anchor: String,
    /// The keys prose finds this heading by (`sec:s-1-2`, `sec:action-plan`), first the own.
    pub keys: Vec<String>,
    /// As printed (`1.1.`), or empty.
    pub number: String,
    pub title: String,
    pub pieces: Vec<Piece<'a>>,
    pub children: Vec<Node<'a>>,
}

impl<'a> Node<'a> {
    fn new(anchor: &str, number: &str, title: &str) -> Self {
        Node {
            anchor: anchor.to_string(),
            keys: vec![format!("sec:{anchor}")],
            number: number.to_string(),
            title: title.to_string(),
            pieces: Vec::new(),
            children: Vec::new(),
        }
    }

    fn holding(mut self, content: Content) -> Self {
        self.pieces.push(Piece::Content(content));
        self
    }

    /// A situation section with its subsections; `hosted` adds pieces after its own
    /// (the standard outline's guess at where the SVID and the cooperation model belong).
    fn of_section(s: &'a Section, hosted: &dyn Fn(&Section) -> Vec<Content>) -> Self {
        let mut n = Node::new(
            &format!("section-{}", s.id.value),
            s.number.as_ref().map(|n| n.value.trim()).unwrap_or(""),
            &s.title.value,
        );
        n.keys = vec![format!("sec:{}", s.id.value)];
        n.pieces.push(Piece::SectionText(s));
        n.pieces.extend(s.figures.iter().map(Piece::Figure));
        n.pieces
            .extend(s.contents.iter().map(|c| Piece::Content(c.value)));
        n.pieces.extend(hosted(s).into_iter().map(Piece::Content));
        n.children = s.sections.iter().map(|c| Node::of_section(c, hosted)).collect();
        n
    }

    /// Every content piece of this node and the nodes below it (a situation section or its
    /// introduction counts as the situation).
    fn contents(&self, out: &mut Vec<Content>) {
        for p in &self.pieces {
            out.push(match p {
                Piece::Content(c) => *c,
                Piece::SectionText(_) | Piece::SituationIntro => Content::Situation,
                Piece::Prose(_) | Piece::Figure(_) | Piece::Table(_) => continue,
            });
        }
        for c in &self.children {
            c.contents(out);
        }
    }
}

/// The resolved outline.
#[derive(Debug)]
pub struct Outline<'a> {
    /// The top-level headings: the document's chapters.
    pub chapters: Vec<Node<'a>>,
    /// Tables keep the numbers and captions the programme states and get no other (a stated
    /// outline, unless `table_numbers: by-chapter`).
    pub as_printed: bool,
}

/// The programme's outline: its own when `programme.yaml` states one, else the standard one.
pub fn resolve<'a>(p: &'a Programme, l: &Labels) -> Outline<'a> {
    match p.manifest.as_ref().map(|m| m.outline.as_slice()) {
        Some(stated) if !stated.is_empty() => Outline {
            chapters: stated_outline(p, stated),
            as_printed: p
                .manifest
                .as_ref()
                .and_then(|m| m.table_numbers.as_ref())
                .is_none_or(|t| t.value == crate::model::TableNumbers::AsPrinted),
        },
        _ => Outline {
            chapters: standard(p, l),
            as_printed: false,
        },
    }
}

/// The keys of the tables a piece prints (`tab:goals`, `tab:t-1-4`, `fig:t-1-2`): what the
/// view builds for it, given what the programme has.
pub fn table_keys(p: &Programme, piece: &Piece) -> Vec<String> {
    let c = match piece {
        Piece::SectionText(s) => {
            return s
                .tables
                .iter()
                .map(|t| {
                    let kind = if t.is_figure() { "fig" } else { "tab" };
                    format!("{kind}:{}", t.id.value)
                })
                .collect();
        }
        Piece::Content(c) => *c,
        Piece::Figure(f) => return vec![format!("fig:{}", f.id.value)],
        Piece::Table(t) => {
            return vec![format!(
                "{}:{}",
                if t.is_figure() { "fig" } else { "tab" },
                t.id.value
            )];
        }
        Piece::SituationIntro | Piece::Prose(_) => return Vec::new(),
    };
    let has = match c {
        Content::Svid => p.svid.is_some(),
        Content::Cooperation => p.institutions.is_some(),
        Content::Goals => p.goals.is_some(),
        Content::Indicators => p.indicators.is_some(),
        Content::Plan => p.plan.is_some(),
        Content::Tasks => p
            .plan
            .as_ref()
            .is_some_and(|pl| pl.activities.iter().any(|a| !a.tasks.is_empty())),
        Content::Resources => p
            .plan
            .as_ref()
            .is_some_and(|pl| pl.activities.iter().any(|a| a.resources.is_some())),
        Content::Monitoring => p.monitoring.is_some(),
        Content::ReportTemplate => p
            .monitoring
            .as_ref()
            .is_some_and(|m| !m.report_template.is_empty() && m.report_table.is_some()),
        Content::Amendments => p.manifest.as_ref().is_some_and(|m| !m.amendments.is_empty()),
        _ => false,
    };
    match c.table_key() {
        Some(k) if has => vec![k.to_string()],
        _ => Vec::new(),
    }
}

/// The outline the programme states, resolved: sections of the situation placed by id, and
/// every heading also found by the standard keys of the pieces it holds (`sec:action-plan` is
/// the heading that holds the plan), each chapter by those of its standard chapter
/// (`sec:plan`), so prose written for the standard outline still finds its target.
fn stated_outline<'a>(p: &'a Programme, stated: &'a [Heading]) -> Vec<Node<'a>> {
    let sections: Vec<&Section> = {
        fn all<'s>(list: &'s [Section], out: &mut Vec<&'s Section>) {
            for s in list {
                out.push(s);
                all(&s.sections, out);
            }
        }
        let mut out = Vec::new();
        if let Some(s) = &p.situation {
            all(&s.sections, &mut out);
        }
        out
    };
    // The top-level sections no heading places: printed where the outline names `situation`.
    fn named(list: &[Heading], out: &mut Vec<String>) {
        for h in list {
            out.extend(h.section.as_ref().map(|s| s.value.clone()));
            named(&h.sections, out);
        }
    }
    let mut placed = Vec::new();
    named(stated, &mut placed);
    let unplaced: Vec<&Section> = p
        .situation
        .iter()
        .flat_map(|s| &s.sections)
        .filter(|s| !placed.contains(&s.id.value))
        .collect();
    let mut counter = 0;
    fn node<'a>(
        h: &'a Heading,
        sections: &[&'a Section],
        unplaced: &[&'a Section],
        counter: &mut usize,
    ) -> Node<'a> {
        *counter += 1;
        let own = |h: &Heading| {
            let mut n = Node::new(
                &h.id
                    .as_ref()
                    .map_or_else(|| format!("heading-{counter}"), |i| i.value.clone()),
                h.number.as_ref().map(|n| n.value.trim()).unwrap_or(""),
                h.title.as_ref().map(|t| t.value.as_str()).unwrap_or(""),
            );
            if h.id.is_none() {
                n.keys.clear();
            }
            n
        };
        let mut n = match h
            .section
            .as_ref()
            .and_then(|id| sections.iter().find(|s| s.id.value == id.value))
        {
            Some(s) => Node::of_section(s, &|_| Vec::new()),
            None => own(h),
        };
        if let (Some(id), Some(_)) = (&h.id, &h.section) {
            n.keys.push(format!("sec:{}", id.value));
        }
        n.pieces.extend(h.body.iter().map(Piece::Prose));
        n.pieces.extend(h.tables.iter().map(Piece::Table));
        n.pieces.extend(h.figures.iter().map(Piece::Figure));
        for c in &h.contents {
            if c.value == Content::Situation {
                n.pieces.push(Piece::SituationIntro);
                n.children
                    .extend(unplaced.iter().map(|s| Node::of_section(s, &|_| Vec::new())));
            } else {
                n.pieces.push(Piece::Content(c.value));
            }
        }
        n.children
            .extend(h.sections.iter().map(|c| node(c, sections, unplaced, counter)));
        n
    }
    let mut chapters: Vec<Node> = stated
        .iter()
        .map(|h| node(h, &sections, &unplaced, &mut counter))
        .collect();
    fn aliases(n: &mut Node) {
        for p in &n.pieces {
            match p {
                Piece::Content(c) => n.keys.push(format!("sec:{}", c.standard_anchor())),
                Piece::SituationIntro => n.keys.push("sec:situation".into()),
                Piece::SectionText(_) | Piece::Prose(_) | Piece::Figure(_) | Piece::Table(_) => {}
            }
        }
        for c in &mut n.children {
            aliases(c);
        }
    }
    for ch in &mut chapters {
        aliases(ch);
        let mut held = Vec::new();
        ch.contents(&mut held);
        for c in held {
            let key = format!("sec:{}", c.standard_chapter());
            if !ch.keys.contains(&key) {
                ch.keys.push(key);
            }
        }
    }
    chapters
}

/// pmp's standard outline: the annotation, then 1. the situation (its sections, the SVID and
/// the cooperation model), 2. goals and indicators, 3. the plan (tasks and resources where the
/// plan has them), 4. monitoring, and 5. the register of amendments when there are amendments.
fn standard<'a>(p: &'a Programme, l: &Labels) -> Vec<Node<'a>> {
    let m = p.manifest.as_ref();
    let mut annotation =
        Node::new(Content::Annotation.standard_anchor(), "", l.annotation).holding(Content::Annotation);
    if m.is_some_and(|m| m.drafting.is_some()) {
        annotation
            .children
            .push(Node::new("drafting", "", l.drafting).holding(Content::Drafting));
    }
    if m.is_some_and(|m| !m.working_group.is_empty()) {
        annotation
            .children
            .push(Node::new("working-group", "", l.working_group).holding(Content::WorkingGroup));
    }
    if m.is_some_and(|m| !m.notes.is_empty()) {
        annotation
            .children
            .push(Node::new("notes", "", l.notes).holding(Content::Notes));
    }
    let mut chapters = vec![annotation, situation(p, l)];

    let mut goals = Node::new("goals", "2.", l.goals_and_indicators);
    goals
        .children
        .push(Node::new("strategic-goals", "2.1.", l.goals).holding(Content::Goals));
    goals
        .children
        .push(Node::new("indicators", "2.2.", l.indicators).holding(Content::Indicators));
    chapters.push(goals);

    let mut plan = Node::new("plan", "3.", l.action_plan_chapter);
    plan.children
        .push(Node::new("action-plan", "3.1.", l.action_plan).holding(Content::Plan));
    for (content, title) in [(Content::Tasks, l.tasks), (Content::Resources, l.resources)] {
        if !table_keys(p, &Piece::Content(content)).is_empty() {
            let number = format!("3.{}.", plan.children.len() + 1);
            plan.children
                .push(Node::new(content.standard_anchor(), &number, title).holding(content));
        }
    }
    chapters.push(plan);

    let mut monitoring = Node::new("monitoring", "4.", l.monitoring);
    if let Some(mf) = &p.monitoring {
        monitoring.children.push(
            Node::new("monitoring-calendar", "4.1.", l.monitoring_calendar).holding(Content::Monitoring),
        );
        if !mf.report_template.is_empty() {
            monitoring.children.push(
                Node::new("report-template", "4.2.", l.report_template).holding(Content::ReportTemplate),
            );
        }
    }
    chapters.push(monitoring);

    if m.is_some_and(|m| !m.amendments.is_empty()) {
        chapters.push(Node::new("amendments", "5.", l.amendments_log).holding(Content::Amendments));
    }
    chapters
}

/// The standard outline's first chapter: the situation's introduction and sections; the SVID
/// and the cooperation model in the section that names them (by `contents`, else by its title),
/// otherwise under headings of their own after the sections, numbered on from them.
fn situation<'a>(p: &'a Programme, l: &Labels) -> Node<'a> {
    let mut ch = Node::new("situation", "1.", l.situation);
    ch.pieces.push(Piece::SituationIntro);
    let Some(s) = &p.situation else {
        return ch;
    };
    // A source whose whole analysis is one section numbered as this chapter (`1. ESOŠĀ
    // SITUĀCIJA …`) would repeat the chapter's heading: its text and subsections become the
    // chapter's own.
    let sections: &[Section] = match s.sections.as_slice() {
        [only]
            if only
                .number
                .as_ref()
                .map(|n| crate::model::norm_number(n))
                .as_deref()
                == Some("1") =>
        {
            ch.pieces.push(Piece::SectionText(only));
            ch.pieces.extend(only.figures.iter().map(Piece::Figure));
            ch.pieces
                .extend(only.contents.iter().map(|c| Piece::Content(c.value)));
            &only.sections
        }
        all => all,
    };
    let placed = |c: Content| {
        fn any(list: &[Section], c: Content) -> bool {
            list.iter()
                .any(|s| s.contents.iter().any(|x| x.value == c) || any(&s.sections, c))
        }
        any(&s.sections, c)
    };
    let guess = |present: bool, c: Content, matches: &dyn Fn(&str) -> bool| -> Option<String> {
        (present && !placed(c))
            .then(|| find_section(sections, matches))
            .flatten()
    };
    let svid_host = guess(p.svid.is_some(), Content::Svid, &|t| {
        let t = t.to_uppercase();
        t.contains("SVID") || t.contains("SWOT")
    });
    let cooperation_host = guess(p.institutions.is_some(), Content::Cooperation, &|t| {
        let t = t.to_lowercase();
        t.contains("sadarbības model") || t.contains("cooperation model")
    });
    let hosted = |sec: &Section| {
        let mut v = Vec::new();
        if cooperation_host.as_deref() == Some(sec.id.value.as_str()) {
            v.push(Content::Cooperation);
        }
        if svid_host.as_deref() == Some(sec.id.value.as_str()) {
            v.push(Content::Svid);
        }
        v
    };
    ch.children = sections
        .iter()
        .map(|sec| Node::of_section(sec, &hosted))
        .collect();
    // Headings added after the source's sections continue their numbering, if any.
    let mut next = match sections.last() {
        None => Some(1),
        Some(last) => last.number.as_ref().and_then(|n| {
            crate::model::norm_number(n)
                .strip_prefix("1.")
                .and_then(|k| k.parse::<u32>().ok())
                .map(|k| k + 1)
        }),
    };
    for (present, host, c, title) in [
        (p.svid.is_some(), &svid_host, Content::Svid, l.svid),
        (
            p.institutions.is_some(),
            &cooperation_host,
            Content::Cooperation,
            l.cooperation,
        ),
    ] {
        if present && host.is_none() && !placed(c) {
            let number = match &mut next {
                Some(k) => {
                    *k += 1;
                    format!("1.{}.", *k - 1)
                }
                None => String::new(),
            };
            ch.children
                .push(Node::new(c.standard_anchor(), &number, title).holding(c));
        }
    }
    ch
}

/// The id of the first section, depth first, whose title matches.
fn find_section(sections: &[Section], matches: &dyn Fn(&str) -> bool) -> Option<String> {
    sections.iter().find_map(|s| {
        if matches(&s.title) {
            Some(s.id.value.clone())
        } else {
            find_section(&s.sections, matches)
        }
    })
}
