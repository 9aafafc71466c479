//! The DOCX renderer: a real Word document built natively with `docx-rs` from the view model.
//!
//! Every paragraph names a style of [`super::docx_styles`] (Word's built-in names: Normal,
//! Body Text, List Bullet, Caption, TOC 1–3, heading 1–3, ...) and carries no direct
//! formatting, so the council's secretary restyles the whole document by its styles. A4
//! pages, landscape sections for wide tables (page width and height swapped, not just the
//! orientation flag); merged header cells (gridSpan, vMerge); no table row split across pages,
//! header rows repeated on every page; real bulleted and numbered lists; Markdown prose
//! converted through comrak's AST into runs; a table of contents whose field result already
//! lists the headings; page numbers "Lapa X no Y" in the footer, none on the title page.
//!
//! `docx-rs` has no `w:tblHeader`, lists hyperlinks only outside sections (in hash order),
//! numbers paragraphs from a process-wide counter and writes elements out of schema order, so
//! the package it writes is post-processed ([`repack`]): header rows (marked by a least row
//! height written only for them) get `w:tblHeader`, hyperlink relationships are written in
//! document order, counter-based paragraph ids are dropped, styles, core properties and a
//! theme are written whole, every XML part goes through [`super::ooxml::tidy`] (schema
//! element order, no character XML forbids), and the zip is rewritten compressed with fixed
//! entry times, so the same view always gives the same bytes.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AbstractNumbering, BreakType, FieldCharType, Footer, Hyperlink, HyperlinkData, HyperlinkType,
    IndentLevel, InstrPAGE, InstrText, LevelJc, LevelOverride, LevelText, NumberFormat, Numbering,
    NumberingId, PageMargin, PageOrientationType, PageSize, Paragraph, Run, RunFonts, Section, Shading,
    SpecialIndentType, Start, Table, TableCell, TableLayoutType, TableRow, VMergeType, WidthType,
};

use super::docx_chart;
use super::docx_layout as layout;
use super::docx_reference::{Page, Reference};
use super::docx_styles::{self as styles, id};
use super::view::{Block, CellView, ChartView, TableView, Target};
use super::{RenderError, Renderer, View, comrak_options};

/// The Word writer, with the municipality's template when `--reference-doc` gives one.
#[derive(Default)]
pub struct Docx {
    pub reference: Option<Reference>,
    /// The body may be written on two threads ([`body_xml`]).
    pub threads: bool,
}

impl Renderer for Docx {
    fn extension(&self) -> &'static str {
        "docx"
    }

    fn render(&self, view: &View) -> Result<Vec<u8>, RenderError> {
        let reference = self.reference.as_ref();
        let page = reference.and_then(|r| r.page).unwrap_or(Page::A4);
        let (doc, built) = Builder::new(view, page).build(view);
        let Built {
            sections,
            links,
            charts,
            footnotes,
            pictures,
        } = built;
        let mut xml = doc.build();
        xml.document = body_xml(&xml.document, &sections, self.threads)
            .map_err(|e| RenderError(format!("could not write the .docx: {e}")))?;
        let mut raw = Cursor::new(Vec::new());
        xml.pack(&mut raw)
            .map_err(|e| RenderError(format!("could not write the .docx: {e}")))?;
        let ours = styles::styles_xml(page.portrait_text(), BULLETS);
        let sheet = match reference.and_then(|r| r.styles.as_deref()) {
            Some(template) => super::docx_reference::merge_styles(template, &ours),
            None => ours,
        };
        let theme = reference
            .and_then(|r| r.theme.clone())
            .unwrap_or_else(|| THEME.to_string());
        let chart_names: Vec<String> = (1..=charts.len()).map(chart_part).collect();
        let mut parts = vec![
            ("word/styles.xml", sheet),
            (
                "docProps/core.xml",
                styles::core_xml(
                    &view.title,
                    &view.municipality,
                    view.created.as_deref(),
                    view.modified.as_deref(),
                    view.decisions.len().max(1),
                ),
            ),
            (THEME_PART, theme),
        ];
        for (name, xml) in chart_names.iter().zip(charts) {
            parts.push((name.as_str(), xml));
        }
        if !footnotes.is_empty() {
            parts.push((FOOTNOTES_PART, footnotes_xml(&footnotes)));
        }
        let media: Vec<(String, Vec<u8>)> = pictures
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    format!("word/media/pmpPicture{}.{}", i + 1, p.shape.format.extension()),
                    p.bytes,
                )
            })
            .collect();
        repack_with_media(raw.get_ref(), &links, &parts, &media, reference)
            .map_err(|e| RenderError(format!("could not write the .docx: {e}")))
    }
}

// docx-rs always writes a default abstract numbering and numbering with id 1; ours start at 2.
/// The bullet list numbering (abstract and instance share the id).
const BULLETS: usize = 2;
/// The abstract numbering of ordered lists; each list gets its own instance after it.
const DECIMAL: usize = 3;
/// The least height of a header row, in twentieths of a point: `repack` finds header rows by it.
const HEAD_ROW_MIN: u32 = 283;

/// A body row's cells and role.
type BodyRow<'a> = (&'a [CellView], &'a str);

enum Child {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// A piece of the body written to XML on its own: a paragraph, or a table's start (its
/// properties and grid), one of its rows, or its end.
enum Unit<'a> {
    Paragraph(&'a Paragraph),
    TableStart(&'a Table),
    Row(&'a docx_rs::TableChild),
    TableEnd,
}

impl Unit<'_> {
    fn xml(&self) -> Vec<u8> {
        use docx_rs::BuildXML;
        match self {
            Unit::Paragraph(p) => p.build(),
            Unit::TableStart(t) => {
                let head = Table {
                    rows: Vec::new(),
                    grid: t.grid.clone(),
                    has_numbering: t.has_numbering,
                    property: t.property.clone(),
                };
                let mut xml = head.build();
                if xml.ends_with(b"</w:tbl>") {
                    xml.truncate(xml.len() - b"</w:tbl>".len());
                }
                xml
            }
            Unit::Row(r) => r.build(),
            Unit::TableEnd => b"</w:tbl>".to_vec(),
        }
    }
}

fn units(c: &Child) -> Vec<Unit<'_>> {
    match c {
        Child::P(p) => vec![Unit::Paragraph(p)],
        Child::T(t) => std::iter::once(Unit::TableStart(t))
            .chain(t.rows.iter().map(Unit::Row))
            .chain(std::iter::once(Unit::TableEnd))
            .collect(),
    }
}

/// What the builder gives besides docx-rs's document.
struct Built {
    /// Each section's body, in document order; the last is the final section's.
    sections: Vec<Vec<Child>>,
    /// The prose links' URLs, in document order.
    links: Vec<String>,
    /// The chart parts, in document order.
    charts: Vec<String>,
    /// The prose's footnotes, in document order: their mark and text.
    footnotes: Vec<(String, String)>,
    /// The figures' pictures, in document order.
    pictures: Vec<crate::picture::Picture>,
}

/// `word/document.xml` with the sections' bodies written in: docx-rs wrote `hollow`, whose body
/// holds one section-break paragraph per ended section, then the final `w:sectPr`. Each
/// section's paragraphs and tables go before its break, the last section's before the final
/// `w:sectPr`. The pieces ([`Unit`]) are written to XML on two threads (the Word file is the
/// longest part of a render), each taking the next piece, and joined in document order.
fn body_xml(hollow: &[u8], sections: &[Vec<Child>], threads: bool) -> Result<Vec<u8>, String> {
    // Each section's pieces (a table's rows are pieces of their own: one long table would
    // otherwise keep one thread busy alone), then all of them in one list.
    let counts: Vec<usize>;
    let pieces: Vec<Unit<'_>> = {
        let per_section: Vec<Vec<Unit<'_>>> = sections
            .iter()
            .map(|s| s.iter().flat_map(units).collect())
            .collect();
        counts = per_section.iter().map(Vec::len).collect();
        per_section.into_iter().flatten().collect()
    };
    let threads = if threads && pieces.len() >= 64 { 2 } else { 1 };
    let parts = crate::par::map_ordered(&pieces, threads, |_, u| u.xml());
    let size: usize = parts.iter().map(Vec::len).sum();
    let mut parts = parts.into_iter();

    let body =
        memchr::memmem::find(hollow, b"<w:body>").ok_or("no w:body in the document")? + b"<w:body>".len();
    let mut out = Vec::with_capacity(hollow.len() + size);
    out.extend_from_slice(&hollow[..body]);
    let mut rest = &hollow[body..];
    for (k, count) in counts.iter().enumerate() {
        for _ in 0..*count {
            out.extend(parts.next().ok_or("an element's XML is missing")?);
        }
        if k + 1 < counts.len() {
            // This section's break: `<w:p …><w:pPr><w:sectPr>…</w:sectPr></w:pPr></w:p>`.
            const END: &[u8] = b"</w:pPr></w:p>";
            if !rest.starts_with(b"<w:p ") {
                return Err("a section break docx-rs did not write".into());
            }
            let end = memchr::memmem::find(rest, END).ok_or("an unclosed section break")? + END.len();
            out.extend_from_slice(&rest[..end]);
            rest = &rest[end..];
        }
    }
    if !rest.starts_with(b"<w:sectPr") {
        return Err("more section breaks than sections".into());
    }
    out.extend_from_slice(rest);
    Ok(out)
}

struct Builder<'v> {
    view: &'v View,
    /// Portrait page size and margins; landscape sections turn them.
    page: Page,
    /// What follows the last section break.
    body: Vec<Child>,
    /// The bodies of the sections ended so far. docx-rs gets each section without its body
    /// (for its page setup and footer); [`body_xml`] writes the bodies, in parallel.
    sections: Vec<Vec<Child>>,
    doc: docx_rs::Docx,
    /// Numbering instances for ordered lists (each list restarts at 1).
    nums: Vec<Numbering>,
    /// Positions in `body` of the headings written since the last table: a wide table takes
    /// its headings and their short introduction onto its landscape page.
    headings: Vec<usize>,
    /// The hyperlinks in prose and what cross-references point at.
    links: Links<'v>,
    /// Position in `body` of the empty paragraph that follows the last table: dropped when a
    /// section break or the end of the document comes right after it (it would make a blank
    /// page after a table that fills its page).
    spacer: Option<usize>,
    /// The chart parts, in document order (`word/charts/chart<n>.xml`).
    charts: Vec<String>,
    /// The last section ended, not yet given to docx-rs: a landscape one the document ends
    /// with becomes the document's own section instead (no blank page after it).
    pending: Option<(Section, bool)>,
    /// Headings written so far: the k-th carries the bookmark the contents' k-th page
    /// reference points at ([`toc_bookmark`]).
    toc_marks: usize,
    /// The figures' pictures so far: picture `n` is `word/media/pmpPicture<n>.<ext>`.
    pictures: Vec<crate::picture::Picture>,
}

/// Inline formatting while walking Markdown.
#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
}

impl<'v> Builder<'v> {
    fn new(view: &'v View, page: Page) -> Self {
        Builder {
            view,
            page,
            body: Vec::new(),
            sections: Vec::new(),
            pending: None,
            doc: docx_rs::Docx::new(),
            nums: vec![Numbering::new(BULLETS, BULLETS)],
            headings: Vec::new(),
            links: Links {
                urls: Vec::new(),
                targets: &view.targets,
                footnotes: Vec::new(),
                notes: std::collections::BTreeMap::new(),
            },
            spacer: None,
            charts: Vec::new(),
            toc_marks: 0,
            pictures: Vec::new(),
        }
    }

    /// A heading's paragraph inside the bookmark the contents refers to for its page.
    fn toc_marked(&mut self, p: Paragraph, text: &str, number: &str, target: Option<&Target>) -> Paragraph {
        let k = self.toc_marks;
        self.toc_marks += 1;
        let (id, name) = toc_bookmark(k);
        with_bookmark(p.add_bookmark_start(id, &name), text, number, target).add_bookmark_end(id)
    }

    fn build(mut self, view: &View) -> (docx_rs::Docx, Built) {
        // Styles and core properties are written whole by `docx_styles`, replacing docx-rs's.
        self.doc = std::mem::take(&mut self.doc)
            .page_size(self.page.width, self.page.height)
            .page_margin(margins(&self.page, false))
            .footer(footer());
        self.doc = std::mem::take(&mut self.doc)
            .add_abstract_numbering(list_levels(BULLETS, "bullet"))
            .add_abstract_numbering(list_levels(DECIMAL, "decimal"));

        self.title_page(view);
        self.contents(view);
        let mut first = true;
        for ch in &view.chapters {
            let text = if ch.number.is_empty() {
                ch.title.clone()
            } else {
                format!("{} {}", ch.number, ch.title)
            };
            // The first chapter starts the page after the table of contents; a part the
            // programme prints before its first chapter, without a heading, too.
            if text.is_empty() {
                self.push(body_para().page_break_before(std::mem::take(&mut first)));
            } else {
                self.headings.push(self.body.len());
                let p = Paragraph::new()
                    .style(id::HEADING[0])
                    .page_break_before(std::mem::take(&mut first));
                let number = crate::model::norm_number(&ch.number);
                let p = self.toc_marked(p, &text, &number, view.targets.get(&ch.anchor));
                self.push(p);
            }
            for b in &ch.blocks {
                self.block(b);
            }
        }
        self.drop_spacer();
        // A document that ends with a landscape table would end with an empty portrait
        // section, a blank page: the last landscape section becomes the document's own.
        match self.pending.take() {
            Some((_, true)) if self.body.is_empty() => {
                self.body = self.sections.pop().unwrap_or_default();
                let page = self.page;
                self.doc = std::mem::take(&mut self.doc)
                    .page_size(page.height, page.width)
                    .page_orient(PageOrientationType::Landscape)
                    .page_margin(margins(&page, true));
            }
            Some((s, _)) => self.doc = std::mem::take(&mut self.doc).add_section(s),
            None => {}
        }
        let mut doc = std::mem::take(&mut self.doc);
        // docx-rs relates numbering.xml only when it sees a list paragraph, and it sees no
        // body; the part is always written.
        doc.document_rels.has_numberings = true;
        // The last section's body; its page setup is the document's own.
        self.sections.push(std::mem::take(&mut self.body));
        for n in std::mem::take(&mut self.nums) {
            doc = doc.add_numbering(n);
        }
        let built = Built {
            sections: self.sections,
            links: self.links.urls,
            charts: self.charts,
            footnotes: self.links.footnotes,
            pictures: self.pictures,
        };
        (doc, built)
    }

    fn push(&mut self, p: Paragraph) {
        self.body.push(Child::P(Box::new(p)));
    }

    /// Removes the empty paragraph after the last table when nothing has followed it.
    fn drop_spacer(&mut self) {
        if let Some(i) = self.spacer.take()
            && i + 1 == self.body.len()
        {
            self.body.pop();
        }
    }

    /// The table of contents: a paragraph per heading (TOC 1–3 styles) with its page as a
    /// PAGEREF field to the heading's bookmark, so LibreOffice shows the pages as it opens the
    /// file and Word when it updates the fields on opening.
    fn contents(&mut self, v: &View) {
        let mut entries: Vec<(usize, String)> = Vec::new();
        let join = |n: &str, t: &str| {
            if n.is_empty() {
                t.to_string()
            } else {
                format!("{n} {t}")
            }
        };
        for ch in &v.chapters {
            if !ch.number.is_empty() || !ch.title.is_empty() {
                entries.push((0, join(&ch.number, &ch.title)));
            }
            for b in &ch.blocks {
                if let Block::Heading {
                    level, number, text, ..
                } = b
                {
                    entries.push((if *level <= 2 { 1 } else { 2 }, join(number, text)));
                }
            }
        }
        self.push(
            Paragraph::new()
                .style(id::TOC_HEADING)
                .page_break_before(true)
                .add_run(Run::new().add_text(v.l.contents)),
        );
        if entries.is_empty() {
            // Nothing to list: a TOC field Word fills when it updates the fields.
            let p = Paragraph::new()
                .style(id::TOC[0])
                .add_run(Run::new().add_field_char(FieldCharType::Begin, true))
                .add_run(Run::new().add_instr_text(InstrText::Unsupported(r#"TOC \o "1-3" \h \z \u"#.into())))
                .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
                .add_run(Run::new().add_text(v.l.toc_hint))
                .add_run(Run::new().add_field_char(FieldCharType::End, false));
            self.push(p);
            return;
        }
        for (i, (level, text)) in entries.into_iter().enumerate() {
            // The page is a reference to the heading's bookmark: LibreOffice computes it when it
            // lays the document out, Word when it updates the fields on opening. (Inside a TOC
            // field's result LibreOffice shows no page at all: the entries stand on their own.)
            let (_, name) = toc_bookmark(i);
            let p = Paragraph::new()
                .style(id::TOC[level])
                .add_run(Run::new().add_text(text))
                .add_run(Run::new().add_tab())
                .add_run(Run::new().add_field_char(FieldCharType::Begin, true))
                .add_run(Run::new().add_instr_text(InstrText::Unsupported(format!(" PAGEREF {name} \\h "))))
                .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
                .add_run(Run::new().add_field_char(FieldCharType::End, false));
            self.push(p);
        }
    }

    /// Ends the current section with the given page geometry: what was written since the last
    /// break goes into it.
    fn section_break(&mut self, landscape: bool) {
        self.drop_spacer();
        if self.body.is_empty() {
            return;
        }
        let page = self.page;
        let mut s = Section::new().page_margin(margins(&page, landscape));
        s = if landscape {
            s.page_size(
                PageSize::new()
                    .size(page.height, page.width)
                    .orient(PageOrientationType::Landscape),
            )
            .page_orient(PageOrientationType::Landscape)
        } else {
            s.page_size(PageSize::new().size(page.width, page.height))
        };
        s = s.footer(footer());
        if let Some((previous, _)) = self.pending.take() {
            self.doc = std::mem::take(&mut self.doc).add_section(previous);
        }
        self.pending = Some((s, landscape));
        self.sections.push(std::mem::take(&mut self.body));
    }

    /// The title page: municipality, title, period and status, the decisions, the place; the
    /// notice of unresolved findings, when there are any. Its section has no footer on its
    /// first page (`titlePg`, set in [`repack`]).
    fn title_page(&mut self, v: &View) {
        let line = |style: &str, text: &str| Paragraph::new().style(style).add_run(Run::new().add_text(text));
        if let Some(mark) = v.draft {
            self.push(line(id::DRAFT_MARK, mark));
        }
        self.push(line(id::SUBTITLE, &v.municipality.to_uppercase()));
        self.push(line(id::TITLE, &v.title));
        for d in &v.decisions {
            self.push(line(id::TABLE_NOTE, d));
        }
        if let Some(p) = &v.place {
            self.push(line(id::TITLE_PAGE, p));
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading {
                level,
                number,
                text,
                anchor,
                ..
            } => {
                let style = if *level <= 2 {
                    id::HEADING[1]
                } else {
                    id::HEADING[2]
                };
                let text = if number.is_empty() {
                    text.clone()
                } else {
                    format!("{number} {text}")
                };
                self.headings.push(self.body.len());
                let target = self.view.targets.get(anchor);
                let p = self.toc_marked(
                    Paragraph::new().style(style),
                    &text,
                    &crate::model::norm_number(number),
                    target,
                );
                self.push(p);
            }
            Block::Prose { markdown, .. } => {
                let arena = comrak::Arena::new();
                let root = comrak::parse_document(&arena, markdown, &comrak_options());
                // The block's footnote texts, for its references to take into footnotes.xml.
                self.links.notes = root
                    .descendants()
                    .filter_map(|d| match &d.data().value {
                        comrak::nodes::NodeValue::FootnoteDefinition(f) => {
                            Some((f.name.clone(), link_text(d)))
                        }
                        _ => None,
                    })
                    .collect();
                let mut out = Vec::new();
                self.md_blocks(root, 0, &mut out);
                self.body.extend(out);
            }
            Block::Para { text } => self.push(body_para().add_run(Run::new().add_text(text.as_str()))),
            Block::List { ordered, items } => {
                let num = if *ordered { self.new_ordered() } else { BULLETS };
                let style = if *ordered {
                    id::LIST_NUMBER
                } else {
                    id::LIST_BULLET
                };
                for item in items {
                    self.push(
                        Paragraph::new()
                            .style(style)
                            .numbering(NumberingId::new(num), IndentLevel::new(0))
                            .add_run(Run::new().add_text(item.as_str())),
                    );
                }
            }
            Block::Table(t) => self.table(t),
            Block::Figure(f) => {
                let caption = if f.label.is_empty() {
                    f.caption.clone()
                } else {
                    format!("{} {}", f.label, f.caption)
                };
                let number = f.number.clone().unwrap_or_default();
                self.push(with_bookmark(
                    Paragraph::new().style(id::CAPTION),
                    &caption,
                    &number,
                    self.view.targets.get(&f.anchor),
                ));
                // The picture at its size, no wider than the text; a marker `repack` replaces
                // by the drawing. Without one, the placeholder.
                let shown = match &f.picture {
                    Some(p) => {
                        self.pictures.push(p.clone());
                        let n = self.pictures.len();
                        let width = self.page.portrait_text();
                        format!(
                            "{PICTURE_MARK}{n}:{}:{}:{width}{CHART_END}",
                            p.shape.width, p.shape.height
                        )
                    }
                    None => format!("[{}]", f.placeholder),
                };
                self.push(
                    Paragraph::new()
                        .style(id::FIGURE)
                        .add_run(Run::new().add_text(shown)),
                );
                if let Some(s) = &f.source {
                    self.push(small(s));
                }
            }
            Block::Chart(c) => self.chart(c, &c.title, "", None),
        }
    }

    /// A native chart under its caption (`caption`, bookmarked as `number` where something
    /// refers to it), placed by `repack` where its marker run stands, then its source.
    fn chart(&mut self, c: &ChartView, caption: &str, number: &str, target: Option<&Target>) {
        self.charts.push(docx_chart::chart_xml(c));
        let n = self.charts.len();
        self.push(with_bookmark(
            Paragraph::new().style(id::CAPTION),
            caption,
            number,
            target,
        ));
        let marker = format!("{CHART_MARK}{n}:{}{CHART_END}", self.page.portrait_text());
        self.push(
            Paragraph::new()
                .style(id::FIGURE)
                .add_run(Run::new().add_text(marker)),
        );
        if let Some(s) = &c.source {
            self.push(
                Paragraph::new()
                    .style(id::TABLE_NOTE)
                    .add_run(Run::new().add_text(s.as_str())),
            );
        }
    }

    fn new_ordered(&mut self) -> usize {
        let id = DECIMAL + self.nums.len();
        self.nums
            .push(Numbering::new(id, DECIMAL).add_override(LevelOverride::new(0).start(1)));
        id
    }

    fn table(&mut self, t: &TableView) {
        if let Some(c) = &t.chart {
            let caption = if t.label.is_empty() {
                t.caption.clone()
            } else {
                format!("{} {}", t.label, t.caption)
            };
            let number = t.number.clone().unwrap_or_default();
            self.chart(c, &caption, &number, self.view.targets.get(&t.anchor));
            for line in t.source.iter().chain(&t.notes) {
                self.push(small(line));
            }
            return;
        }
        let (min, max) = layout::bounds(t);
        // Landscape when the longest words do not fit a portrait page (no word is broken).
        // A table the view finds too wide still takes a portrait page when its text fits
        // there on one line, or when it is a few rows whose words fit: a landscape page for
        // one to three rows wastes a page and breaks the reading.
        let portrait = self.page.portrait_text() as usize;
        let fits = |v: &[usize]| v.iter().sum::<usize>() <= portrait;
        let landscape = if fits(&max) {
            false
        } else if !fits(&min) {
            true
        } else {
            t.wide && t.body.len() > 3
        };
        if landscape {
            let body_len = self.body.len();
            let keep = self
                .headings
                .iter()
                .copied()
                .find(|&i| i < body_len && body_len - i <= 6);
            let tail = keep.map(|i| self.body.split_off(i)).unwrap_or_default();
            self.section_break(false);
            self.body = tail;
        }
        self.headings.clear();
        let width = if landscape {
            self.page.landscape_text() as usize
        } else {
            portrait
        };
        let grid = layout::widths(&min, &max, width);
        let number = t.number.clone().unwrap_or_default();
        // A table the source prints without a caption has none here either.
        if !t.label.is_empty() || !t.caption.is_empty() {
            self.push(with_bookmark(
                Paragraph::new().style(id::CAPTION),
                &if t.label.is_empty() {
                    t.caption.clone()
                } else {
                    format!("{} {}", t.label, t.caption)
                },
                &number,
                self.view.targets.get(&t.anchor),
            ));
        }
        // Rows naming a quadrant (the SVID's „Iespējas | Draudi”) start a table of their own
        // with them as its repeated header, so a page break never repeats the header of the
        // quadrants above.
        let mut parts: Vec<(Vec<&[CellView]>, Vec<BodyRow>)> =
            vec![(t.head.iter().map(Vec::as_slice).collect(), Vec::new())];
        for r in &t.body {
            if r.role == "quadrant-head" {
                parts.push((vec![r.cells.as_slice()], Vec::new()));
            } else if let Some(last) = parts.last_mut() {
                last.1.push((r.cells.as_slice(), r.role));
            }
        }
        for (i, (head, body)) in parts.into_iter().enumerate() {
            if i > 0 {
                // Two tables in a row would merge into one: a paragraph keeps them apart.
                self.push(Paragraph::new().style(id::TABLE_NOTE));
            }
            let rows = self.rows(t, &grid, &head, &body);
            let table = Table::new(rows)
                .style(id::TABLE_GRID)
                .layout(TableLayoutType::Fixed)
                .width(width, WidthType::Dxa)
                .set_grid(grid.clone());
            self.body.push(Child::T(Box::new(table)));
        }
        if let Some(s) = &t.source {
            self.push(small(s));
        }
        for n in &t.notes {
            self.push(small(n));
        }
        self.spacer = Some(self.body.len());
        self.push(Paragraph::new().style(id::TABLE_NOTE));
        if landscape {
            self.section_break(true);
        }
    }

    /// The rows of one table: header rows (repeated on every page), then body rows, merged
    /// cells continued where a cell above spans rows.
    fn rows(
        &mut self,
        t: &TableView,
        grid: &[usize],
        head: &[&[CellView]],
        body: &[BodyRow],
    ) -> Vec<TableRow> {
        // docx-rs's cells and rows are large values: sized once, never grown by copying.
        let mut rows = Vec::with_capacity(head.len() + body.len());
        let ncols = grid.len();
        let mut carry = vec![0usize; ncols];
        let mut carry_span = vec![1usize; ncols];
        let all_rows = head
            .iter()
            .map(|r| (*r, true, "head"))
            .chain(body.iter().map(|(r, role)| (*r, false, *role)));
        for (cells, head, role) in all_rows {
            let strong = head || matches!(role, "total" | "subtotal");
            let mut out = Vec::with_capacity(ncols);
            let mut col = 0;
            let mut it = cells.iter();
            while col < ncols {
                if carry[col] > 0 {
                    let span = carry_span[col];
                    carry[col] -= 1;
                    let w = grid[col..(col + span).min(ncols)].iter().sum();
                    out.push(
                        TableCell::new()
                            .vertical_merge(VMergeType::Continue)
                            .grid_span(span)
                            .width(w, WidthType::Dxa)
                            .add_paragraph(Paragraph::new().style(id::TABLE_TEXT)),
                    );
                    col += span;
                    continue;
                }
                let Some(c) = it.next() else { break };
                let span = c.colspan.max(1).min(ncols - col);
                let w = grid[col..col + span].iter().sum();
                let figures = t.columns.get(col).is_some_and(|c| c.numeric);
                let mut cell = self
                    .cell(c, strong, head, figures, role == "group")
                    .width(w, WidthType::Dxa);
                if span > 1 {
                    cell = cell.grid_span(span);
                }
                if c.rowspan > 1 {
                    cell = cell.vertical_merge(VMergeType::Restart);
                    carry[col] = c.rowspan - 1;
                    carry_span[col] = span;
                }
                out.push(cell);
                col += span;
            }
            // No row breaks across pages. Header rows repeat on every page: `repack` adds
            // `tblHeader` to the rows with the least height written only here.
            let row = TableRow::new(out).cant_split();
            rows.push(if head { head_row(row) } else { row });
        }
        rows
    }

    /// One cell. `figures`: its column holds figures, so a figure or a dash in it is set
    /// flush right like the others, and words in it are set as text. `group`: the row names
    /// the group of rows below it and stays on their page.
    fn cell(&mut self, c: &CellView, bold: bool, shaded: bool, figures: bool, group: bool) -> TableCell {
        let mut cell = TableCell::new();
        if shaded {
            cell = cell.shading(Shading::new().fill("E7E6E6"));
        }
        let numeric = (c.numeric || figures) && (c.mark.is_some() || c.lines.iter().all(|l| is_figure(l)));
        let list = c.lines.len() > 1 && !numeric && !shaded;
        let style = if shaded {
            id::TABLE_HEADING
        } else if group {
            id::TABLE_GROUP
        } else if numeric {
            id::TABLE_NUMBER
        } else if c.lines.len() == 1 && c.lines[0] == "X" {
            id::TABLE_MARK
        } else if list {
            id::TABLE_LIST
        } else {
            id::TABLE_TEXT
        };
        if c.lines.is_empty() {
            return cell.add_paragraph(Paragraph::new().style(style));
        }
        for line in &c.lines {
            let mut run = text_run(line);
            if bold && !shaded {
                run = run.style(id::STRONG);
            }
            if c.mark == Some("vacancy") {
                run = run.italic();
            }
            let mut p = Paragraph::new().style(style).add_run(run);
            if list {
                // The list's numbering on the paragraph itself as well as in its style:
                // LibreOffice draws no bullet for a style's numbering in a table cell.
                p = p.numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
            }
            cell = cell.add_paragraph(p);
        }
        cell
    }

    // ----- Markdown prose -----

    fn md_blocks<'a>(&mut self, node: comrak::nodes::Node<'a>, depth: usize, out: &mut Vec<Child>) {
        use comrak::nodes::NodeValue;
        for child in node.children() {
            let value = child.data().value.clone();
            match value {
                NodeValue::Paragraph => {
                    let mut p = body_para();
                    p = inlines(child, Fmt::default(), p, &mut self.links);
                    out.push(Child::P(Box::new(p)));
                }
                NodeValue::Heading(_) => {
                    let p = inlines(
                        child,
                        Fmt {
                            bold: true,
                            ..Fmt::default()
                        },
                        body_para().keep_next(true),
                        &mut self.links,
                    );
                    out.push(Child::P(Box::new(p)));
                }
                NodeValue::List(_) => self.md_list(child, depth, out),
                NodeValue::BlockQuote => {
                    let mut inner = Vec::new();
                    self.md_blocks(child, depth, &mut inner);
                    for c in inner {
                        out.push(match c {
                            Child::P(p) => Child::P(Box::new(p.style(id::QUOTE))),
                            t => t,
                        });
                    }
                }
                NodeValue::CodeBlock(c) => {
                    for line in c.literal.lines() {
                        let p = Paragraph::new()
                            .style(id::CODE)
                            .add_run(Run::new().add_text(line));
                        out.push(Child::P(Box::new(p)));
                    }
                }
                NodeValue::Table(_) => {
                    let width = self.page.portrait_text() as usize;
                    out.push(Child::T(Box::new(md_table(child, width, &mut self.links))))
                }
                // A footnote's text goes to footnotes.xml with its reference.
                NodeValue::ThematicBreak | NodeValue::HtmlBlock(_) | NodeValue::FootnoteDefinition(_) => {}
                _ => {
                    let p = inlines(child, Fmt::default(), body_para(), &mut self.links);
                    out.push(Child::P(Box::new(p)));
                }
            }
        }
    }

    fn md_list<'a>(&mut self, list: comrak::nodes::Node<'a>, depth: usize, out: &mut Vec<Child>) {
        use comrak::nodes::{ListType, NodeValue};
        let NodeValue::List(l) = list.data().value.clone() else {
            return;
        };
        let style = if l.list_type == ListType::Ordered {
            id::LIST_NUMBER
        } else {
            id::LIST_BULLET
        };
        let num = if l.list_type == ListType::Ordered {
            let id = DECIMAL + self.nums.len();
            self.nums
                .push(Numbering::new(id, DECIMAL).add_override(LevelOverride::new(0).start(l.start.max(1))));
            id
        } else {
            BULLETS
        };
        for item in list.children() {
            let mut first = true;
            for part in item.children() {
                match part.data().value.clone() {
                    NodeValue::List(_) => self.md_list(part, depth + 1, out),
                    _ if first => {
                        let p = Paragraph::new()
                            .style(style)
                            .numbering(NumberingId::new(num), IndentLevel::new(depth.min(2)));
                        out.push(Child::P(Box::new(inlines(
                            part,
                            Fmt::default(),
                            p,
                            &mut self.links,
                        ))));
                        first = false;
                    }
                    _ => {
                        let p = body_para().indent(Some(360 * (depth as i32 + 1)), None, None, None);
                        out.push(Child::P(Box::new(inlines(
                            part,
                            Fmt::default(),
                            p,
                            &mut self.links,
                        ))));
                    }
                }
            }
        }
    }
}

/// Appends the inline content of `node` to `p` as runs (and hyperlinks).
fn inlines<'a>(
    node: comrak::nodes::Node<'a>,
    fmt: Fmt,
    mut p: Paragraph,
    links: &mut Links<'_>,
) -> Paragraph {
    use comrak::nodes::NodeValue;
    for child in node.children() {
        let value = child.data().value.clone();
        p = match value {
            NodeValue::Text(t) => p.add_run(styled(Run::new().add_text(t.as_ref()), fmt)),
            NodeValue::Code(c) => p.add_run(mono(styled(Run::new().add_text(c.literal.as_str()), fmt))),
            NodeValue::SoftBreak => p.add_run(styled(Run::new().add_text(" "), fmt)),
            // A marker `repack` turns into the footnote's reference (its mark as the source
            // prints it, where the name is one).
            NodeValue::FootnoteReference(r) => {
                let text = links.notes.get(&r.name).cloned().unwrap_or_default();
                links.footnotes.push((r.name.clone(), text));
                let n = links.footnotes.len();
                let mark = if r.name.chars().all(|c| c.is_ascii_digit()) {
                    r.name.as_str()
                } else {
                    ""
                };
                p.add_run(Run::new().add_text(format!("{FOOTNOTE_MARK}{n}:{mark}{CHART_END}")))
            }
            NodeValue::LineBreak => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
            NodeValue::Emph => inlines(child, Fmt { italic: true, ..fmt }, p, links),
            NodeValue::Strong => inlines(child, Fmt { bold: true, ..fmt }, p, links),
            NodeValue::Strikethrough => inlines(child, Fmt { strike: true, ..fmt }, p, links),
            NodeValue::Link(link) => {
                if let Some(t) = link.url.strip_prefix('#').and_then(|a| links.targets.get(a)) {
                    cross_reference(p, t, &link_text(child), fmt)
                } else {
                    // Our own relationship ids, numbered in document order; `repack` writes them.
                    links.urls.push(link.url.clone());
                    let mut h = Hyperlink::new(link.url.as_str(), HyperlinkType::External);
                    h.link = HyperlinkData::External {
                        rid: format!("{LINK_PREFIX}{}", links.urls.len()),
                        path: link.url.clone(),
                    };
                    for run in link_runs(child, fmt) {
                        h = h.add_run(run);
                    }
                    p.add_hyperlink(h)
                }
            }
            NodeValue::Image(_) => inlines(child, Fmt { italic: true, ..fmt }, p, links),
            // Raw HTML is never passed through.
            NodeValue::HtmlInline(_) => p,
            _ => inlines(child, fmt, p, links),
        };
    }
    p
}

/// The text of a link as runs, underlined and coloured like Word's Hyperlink style.
fn link_runs<'a>(node: comrak::nodes::Node<'a>, fmt: Fmt) -> Vec<Run> {
    vec![styled(Run::new().add_text(link_text(node)), fmt).style(id::HYPERLINK)]
}

/// The plain text of a link.
fn link_text<'a>(node: comrak::nodes::Node<'a>) -> String {
    let mut text = String::new();
    for d in node.descendants() {
        match &d.data().value {
            comrak::nodes::NodeValue::Text(t) => text.push_str(t),
            comrak::nodes::NodeValue::Code(c) => text.push_str(&c.literal),
            _ => {}
        }
    }
    text
}

/// The prose's hyperlinks, and the targets its cross-references point at.
struct Links<'v> {
    /// Targets of the hyperlinks, in document order (relationship `rIdLink<n>`).
    urls: Vec<String>,
    /// By anchor: a link to one is a cross-reference.
    targets: &'v std::collections::BTreeMap<String, Target>,
    /// The footnotes referred to so far, in document order (mark, text): `footnotes.xml`.
    footnotes: Vec<(String, String)>,
    /// The current prose block's footnote texts, by the name its references use.
    notes: std::collections::BTreeMap<String, String>,
}

/// A cross-reference as Word writes one: the text before the number, a `REF` field to the
/// bookmark on the target's number with the number as its result (shown without a field
/// update; `\h` makes it a link), the text after it. A reference whose text does not hold the
/// number (an unnumbered heading's title) is a link to the bookmark.
fn cross_reference(p: Paragraph, t: &Target, text: &str, fmt: Fmt) -> Paragraph {
    let at = (!t.number.is_empty()).then(|| text.find(&t.number)).flatten();
    let Some(at) = at else {
        let h = Hyperlink::new(t.bookmark(), HyperlinkType::Anchor)
            .add_run(styled(Run::new().add_text(text), fmt).style(id::HYPERLINK));
        return p.add_hyperlink(h);
    };
    let (before, after) = (&text[..at], &text[at + t.number.len()..]);
    let mut p = p;
    if !before.is_empty() {
        p = p.add_run(styled(Run::new().add_text(before), fmt));
    }
    p = p
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::Unsupported(format!(" REF {} \\h ", t.bookmark()))))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(styled(Run::new().add_text(t.number.as_str()), fmt))
        .add_run(Run::new().add_field_char(FieldCharType::End, false));
    if !after.is_empty() {
        p = p.add_run(styled(Run::new().add_text(after), fmt));
    }
    p
}

/// A caption or heading paragraph's text with a bookmark on `number` (its first occurrence),
/// or on the whole text when it has no number, when `target` is something prose can refer to.
/// The id and name of the bookmark on the `k`-th heading, which the contents' page reference
/// names (ids above those of the cross-reference targets).
fn toc_bookmark(k: usize) -> (usize, String) {
    (100_000 + k, format!("_Toc{:06}", k + 1))
}

fn with_bookmark(mut p: Paragraph, text: &str, number: &str, target: Option<&Target>) -> Paragraph {
    // An unnumbered heading: the bookmark is on its text, which a reference links to.
    if let Some(t) = target
        && number.is_empty()
    {
        return p
            .add_bookmark_start(t.order, t.bookmark())
            .add_run(Run::new().add_text(text))
            .add_bookmark_end(t.order);
    }
    let at = target.and_then(|t| Some((t, text.find(number)?)));
    let Some((t, at)) = at else {
        return p.add_run(Run::new().add_text(text));
    };
    let (before, after) = (&text[..at], &text[at + number.len()..]);
    if !before.is_empty() {
        p = p.add_run(Run::new().add_text(before));
    }
    p = p
        .add_bookmark_start(t.order, t.bookmark())
        .add_run(Run::new().add_text(number))
        .add_bookmark_end(t.order);
    if !after.is_empty() {
        p = p.add_run(Run::new().add_text(after));
    }
    p
}

/// A run of text whose line breaks are kept (Word would join the lines).
fn text_run(s: &str) -> Run {
    let mut r = Run::new();
    for (i, part) in s.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(part);
    }
    r
}

fn styled(mut r: Run, f: Fmt) -> Run {
    if f.bold {
        r = r.bold();
    }
    if f.italic {
        r = r.italic();
    }
    if f.strike {
        r = r.strike();
    }
    if f.code {
        r = mono(r);
    }
    r
}

fn mono(r: Run) -> Run {
    r.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"))
}

/// A GitHub table written in prose, as a plain Word table.
fn md_table<'a>(node: comrak::nodes::Node<'a>, width: usize, links: &mut Links<'_>) -> Table {
    let rows = node
        .children()
        .map(|row| {
            let header = matches!(row.data().value, comrak::nodes::NodeValue::TableRow(true));
            let cells = row
                .children()
                .map(|c| {
                    let style = if header { id::TABLE_HEADING } else { id::TABLE_TEXT };
                    let p = Paragraph::new().style(style);
                    TableCell::new().add_paragraph(inlines(c, Fmt::default(), p, links))
                })
                .collect();
            let r = TableRow::new(cells).cant_split();
            if header { head_row(r) } else { r }
        })
        .collect();
    Table::new(rows)
        .style(id::TABLE_GRID)
        .width(width, WidthType::Dxa)
}

/// Whether a cell's text is a figure (`1 234,5`, `12 %`, `+3`, `-`), set flush right.
fn is_figure(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    ' ' | '\u{a0}' | '\u{202f}' | ',' | '.' | '%' | '-' | '–' | '−' | '+' | '*'
                )
        })
}

fn body_para() -> Paragraph {
    Paragraph::new().style(id::BODY)
}

/// A header row: marked by its least height, which `repack` turns into `w:tblHeader`.
fn head_row(r: TableRow) -> TableRow {
    header_row(r, HEAD_ROW_MIN)
}

/// A header row of at least `height` twips (rounded up to the marker's form, see
/// [`header_rows`]): repeated on every page once `repack` has run. For other writers (the
/// annual report) that need a taller header row than the marker's least height.
pub fn header_row(r: TableRow, height: u32) -> TableRow {
    let h = height.max(HEAD_ROW_MIN);
    let marked = h + (HEAD_ROW_MIN % 100 + 100 - h % 100) % 100;
    r.row_height(marked as f32)
        .height_rule(docx_rs::HeightRule::AtLeast)
}

/// Header rows made `w:tblHeader`: rows whose least height is written in the marker's form
/// (ending in the same two digits as [`HEAD_ROW_MIN`]; no other row has a height written).
/// The marker's own height goes; a taller one stays with the row.
fn header_rows(s: &str) -> String {
    const OPEN: &str = r#"<w:trHeight w:val=""#;
    const CLOSE: &str = r#"" w:hRule="atLeast" />"#;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let val: Option<u32> = after[..digits].parse().ok();
        match val {
            Some(v) if after[digits..].starts_with(CLOSE) && v % 100 == HEAD_ROW_MIN % 100 => {
                out.push_str("<w:tblHeader />");
                if v > HEAD_ROW_MIN {
                    out.push_str(&format!(r#"<w:trHeight w:val="{v}" w:hRule="atLeast" />"#));
                }
                rest = &after[digits + CLOSE.len()..];
            }
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A section's margins: the page's, or on a landscape page its right margin on both sides.
fn margins(page: &Page, landscape: bool) -> PageMargin {
    PageMargin::new()
        .top(page.top)
        .bottom(page.bottom)
        .left(if landscape { page.right } else { page.left })
        .right(page.right)
        .header(page.header)
        .footer(page.footer)
        .gutter(0)
}

/// A line under a table or figure: its source, a note.
fn small(s: &str) -> Paragraph {
    Paragraph::new()
        .style(id::TABLE_NOTE)
        .add_run(Run::new().add_text(s))
}

/// The page number alone (a PAGE field), as Latvian documents print it.
fn footer() -> Footer {
    let field = |instr: InstrText| {
        [
            Run::new().add_field_char(FieldCharType::Begin, false),
            Run::new().add_instr_text(instr),
            Run::new().add_field_char(FieldCharType::Separate, false),
            Run::new().add_text("1"),
            Run::new().add_field_char(FieldCharType::End, false),
        ]
    };
    let mut p = Paragraph::new().style(id::FOOTER);
    for r in field(InstrText::PAGE(InstrPAGE::new())) {
        p = p.add_run(r);
    }
    Footer::new().add_paragraph(p)
}

fn list_levels(id: usize, format: &str) -> AbstractNumbering {
    let mut a = AbstractNumbering::new(id);
    for level in 0..3 {
        let (fmt, text) = if format == "bullet" {
            ("bullet", ["•", "◦", "▪"][level].to_string())
        } else {
            ("decimal", format!("%{}.", level + 1))
        };
        a = a.add_level(
            docx_rs::Level::new(
                level,
                Start::new(1),
                NumberFormat::new(fmt),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(360 * (level as i32 + 1)),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            ),
        );
    }
    a
}

/// Rewrites the package docx-rs wrote: `parts` replace the entries of the same name or are
/// added (styles, core properties, theme); `w:tblHeader` on header rows; the paragraphs that
/// carry a section break shrunk to nothing, so a table that fills its page is not followed by
/// a blank one; no footer on the title page (`w:titlePg` in the first section); ids that
/// depend on process-wide counters renumbered in document order; `updateFields` so Word fills
/// in the table of contents; every XML part through [`super::ooxml::tidy`]; every entry
/// deflated with a fixed time.
pub fn repack(
    raw: &[u8],
    links: &[String],
    parts: &[(&str, String)],
    reference: Option<&Reference>,
) -> std::io::Result<Vec<u8>> {
    repack_with_media(raw, links, parts, &[], reference)
}

/// [`repack`], with the figures' pictures (`word/media/…`, in document order: picture `n` is
/// related as [`PICTURE_REL`]`n`) added.
fn repack_with_media(
    raw: &[u8],
    links: &[String],
    parts: &[(&str, String)],
    media: &[(String, Vec<u8>)],
    reference: Option<&Reference>,
) -> std::io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut zin = zip::ZipArchive::new(Cursor::new(raw)).map_err(std::io::Error::other)?;
    let mut entries = Vec::with_capacity(zin.len() + parts.len());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(std::io::Error::other)?;
        let name = f.name().to_string();
        let dir = f.is_dir();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes)?;
        if let Some((_, text)) = parts.iter().find(|(n, _)| *n == name) {
            bytes = text.as_bytes().to_vec();
        }
        // The template's footer replaces every section's, with its relationships.
        if let Some(f) = reference.and_then(|r| r.footer.as_ref()) {
            if is_part(&name, "word/footer", ".xml") {
                bytes = f.xml.as_bytes().to_vec();
            } else if is_part(&name, "word/_rels/footer", ".xml.rels") {
                bytes = f
                    .rels
                    .clone()
                    .unwrap_or_else(|| EMPTY_RELS.to_string())
                    .into_bytes();
            }
        }
        entries.push((name, dir, bytes));
    }
    let mut added: Vec<String> = Vec::new();
    let mut extra: Vec<(String, Vec<u8>)> = parts
        .iter()
        .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
        .collect();
    let header = reference.and_then(|r| r.header.as_ref());
    if let Some(h) = header {
        extra.push((HEADER_PART.into(), h.xml.as_bytes().to_vec()));
        if let Some(r) = &h.rels {
            extra.push(("word/_rels/header1.xml.rels".into(), r.as_bytes().to_vec()));
        }
    }
    for f in reference
        .iter()
        .flat_map(|r| r.header.iter().chain(r.footer.iter()))
    {
        extra.extend(f.media.iter().cloned());
    }
    extra.extend(media.iter().cloned());
    for (name, bytes) in extra {
        if !entries.iter().any(|(n, _, _)| *n == name) {
            added.push(name.clone());
            entries.push((name, false, bytes));
        }
    }
    let added_theme = added.iter().any(|n| n == THEME_PART);
    let charts = added
        .iter()
        .filter(|n| is_part(n, "word/charts/chart", ".xml"))
        .count();
    let added_header = added.iter().any(|n| n == HEADER_PART);
    // docx-rs writes an empty footnotes part of its own, unrelated: ours replaces it.
    let added_footnotes = parts.iter().any(|(n, _)| *n == FOOTNOTES_PART);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let fixed = zip::DateTime::default();
    for (name, dir, bytes) in entries {
        if dir {
            out.add_directory(
                name,
                SimpleFileOptions::default()
                    .last_modified_time(fixed)
                    .unix_permissions(0o755),
            )
            .map_err(std::io::Error::other)?;
            continue;
        }
        let bytes = if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut s = String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            s = strip_attr(&s, " w14:paraId=\"");
            s = strip_attr(&s, " w14:textId=\"");
            if name == "word/document.xml" {
                s = document_fixes(&s);
                s = place_charts(&s);
                s = place_footnotes(&s);
                s = place_pictures(&s);
                if added_header {
                    s = s.replace(
                        "<w:sectPr>",
                        &format!(r#"<w:sectPr><w:headerReference w:type="default" r:id="{HEADER_REL}" />"#),
                    );
                }
            }
            if name == "word/settings.xml" && !s.contains("w:updateFields") {
                s = s.replace("</w:settings>", "<w:updateFields w:val=\"true\" /></w:settings>");
            }
            if name == "word/_rels/document.xml.rels" {
                s = link_relationships(&s, links);
                if added_theme {
                    s = s.replace(
                        "</Relationships>",
                        r#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml" /></Relationships>"#,
                    );
                }
                let mut rels = String::new();
                for n in 1..=charts {
                    rels.push_str(&format!(
                        r#"<Relationship Id="{CHART_REL}{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{n}.xml" />"#
                    ));
                }
                for (n, (name, _)) in media.iter().enumerate() {
                    rels.push_str(&format!(
                        r#"<Relationship Id="{PICTURE_REL}{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{}" />"#,
                        n + 1,
                        name.trim_start_matches("word/")
                    ));
                }
                if added_footnotes {
                    rels.push_str(&format!(
                        r#"<Relationship Id="{FOOTNOTES_REL}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml" />"#
                    ));
                }
                s = s.replace("</Relationships>", &format!("{rels}</Relationships>"));
                if added_header {
                    s = s.replace(
                        "</Relationships>",
                        &format!(r#"<Relationship Id="{HEADER_REL}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml" /></Relationships>"#),
                    );
                }
            }
            if name == "[Content_Types].xml" {
                let mut types = String::new();
                if added_theme {
                    types.push_str(&format!(r#"<Override PartName="/{THEME_PART}" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" />"#));
                }
                for n in 1..=charts {
                    types.push_str(&format!(
                        r#"<Override PartName="/word/charts/chart{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml" />"#
                    ));
                }
                if added_footnotes {
                    types.push_str(&format!(r#"<Override PartName="/{FOOTNOTES_PART}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml" />"#));
                }
                if added_header {
                    types.push_str(&format!(r#"<Override PartName="/{HEADER_PART}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml" />"#));
                }
                for n in &added {
                    let ext = n
                        .rsplit_once('.')
                        .map(|(_, e)| e.to_ascii_lowercase())
                        .unwrap_or_default();
                    let known = s.contains(&format!(r#"Extension="{ext}""#))
                        || types.contains(&format!(r#"Extension="{ext}""#));
                    if n.starts_with("word/media/") && !known {
                        let mime = match ext.as_str() {
                            "emf" => "image/x-emf",
                            "wmf" => "image/x-wmf",
                            "svg" => "image/svg+xml",
                            "tif" | "tiff" => "image/tiff",
                            _ => "application/octet-stream",
                        };
                        types.push_str(&format!(r#"<Default Extension="{ext}" ContentType="{mime}" />"#));
                    }
                }
                // Defaults come before overrides in the schema; `tidy` does not reorder here.
                if let Some(i) = s.find("<Override ") {
                    let (defaults, overrides): (Vec<&str>, Vec<&str>) = split_types(&types);
                    s.insert_str(i, &defaults.concat());
                    s = s.replace("</Types>", &format!("{}</Types>", overrides.concat()));
                }
            }
            super::ooxml::tidy(&s)
                .map_err(|e| std::io::Error::other(format!("{name}: {e}")))?
                .into_bytes()
        } else {
            bytes
        };
        out.start_file(
            name,
            SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                // The fastest level: a Word file is small, and time is what a render costs.
                .compression_level(Some(1))
                .last_modified_time(fixed)
                .unix_permissions(0o644),
        )
        .map_err(std::io::Error::other)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(std::io::Error::other)?.into_inner())
}

/// The header-row marker made `w:tblHeader`, section-break paragraphs shrunk, `w:titlePg` in
/// the first section (the title page's footer is its own, empty, first-page footer).
fn document_fixes(s: &str) -> String {
    let mut s = header_rows(s);
    // A section break is carried by an empty paragraph of its own: make it take no height.
    s = s.replace(
        "<w:p><w:pPr><w:sectPr>",
        r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact" /><w:rPr><w:sz w:val="2" /><w:szCs w:val="2" /></w:rPr><w:sectPr>"#,
    );
    if let Some(i) = s.find("<w:sectPr>") {
        s.insert_str(i + "<w:sectPr>".len(), "<w:titlePg />");
    }
    s
}

const LINK_PREFIX: &str = "rIdLink";

const HEADER_PART: &str = "word/header1.xml";
const CHART_REL: &str = "rIdPmpChart";
/// Opens the marker text `<n>:<width>` of a chart's place; [`CHART_END`] closes it (a
/// private-use character, which no programme's text is expected to hold).
const CHART_MARK: &str = "\u{E000}pmp-chart:";
const CHART_END: char = '\u{E000}';

fn chart_part(n: usize) -> String {
    format!("word/charts/chart{n}.xml")
}

/// The footnotes part.
const FOOTNOTES_PART: &str = "word/footnotes.xml";
const FOOTNOTES_REL: &str = "rIdPmpFootnotes";
/// Opens the marker text `<n>` of a footnote reference; [`CHART_END`] closes it.
const FOOTNOTE_MARK: &str = "\u{E000}pmp-footnote:";

/// `word/footnotes.xml`: Word's two separators, then each footnote (ids from 1, in document
/// order) in the Footnote Text style, opening with its mark.
fn footnotes_xml(notes: &[(String, String)]) -> String {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:separator /></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:continuationSeparator /></w:r></w:p></w:footnote>"#,
    ));
    for (i, (name, text)) in notes.iter().enumerate() {
        x.push_str(&format!(
            r#"<w:footnote w:id="{}"><w:p><w:pPr><w:pStyle w:val="{}" /></w:pPr>{}<w:r><w:t xml:space="preserve"> {}</w:t></w:r></w:p></w:footnote>"#,
            i + 1,
            id::FOOTNOTE_TEXT,
            footnote_mark(name, None),
            xml_escape(text.trim())
        ));
    }
    x.push_str("</w:footnotes>");
    x
}

/// A footnote's mark: the source's own number where the footnote's name is one (`[^2]` → „2”,
/// as the source numbers it), else Word's running number. `id`: the reference in the text,
/// `None` for the mark in the footnote itself.
fn footnote_mark(name: &str, id: Option<usize>) -> String {
    let custom = !name.is_empty() && name.chars().all(|c| c.is_ascii_digit());
    let style = format!(
        r#"<w:rPr><w:rStyle w:val="{}" /></w:rPr>"#,
        id::FOOTNOTE_REFERENCE
    );
    match (id, custom) {
        (Some(n), true) => format!(
            r#"<w:r>{style}<w:footnoteReference w:customMarkFollows="1" w:id="{n}" /><w:t>{name}</w:t></w:r>"#
        ),
        (Some(n), false) => format!(r#"<w:r>{style}<w:footnoteReference w:id="{n}" /></w:r>"#),
        (None, true) => format!(r#"<w:r>{style}<w:t>{name}</w:t></w:r>"#),
        (None, false) => format!(r#"<w:r>{style}<w:footnoteRef /></w:r>"#),
    }
}

fn xml_escape(s: &str) -> String {
    super::ooxml::xml_safe(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Replaces each run whose text holds a marker (`mark`, its fields, [`CHART_END`]) by the XML
/// `with` makes of the fields: how a chart, a picture or a footnote reference, which docx-rs
/// cannot write where pmp needs it, takes its place in the body.
fn replace_marker_runs(doc: &str, mark: &str, with: impl Fn(&str) -> String) -> String {
    if !doc.contains(mark) {
        return doc.to_string();
    }
    let mut out = String::with_capacity(doc.len() + 1024);
    let mut rest = doc;
    while let Some(i) = rest.find(mark) {
        let tail = &rest[i + mark.len()..];
        let (Some(run_start), Some(close), Some(end)) = (
            rest[..i].rfind("<w:r>"),
            tail.find(CHART_END),
            tail.find("</w:r>"),
        ) else {
            break;
        };
        out.push_str(&rest[..run_start]);
        out.push_str(&with(&tail[..close]));
        rest = &tail[end + "</w:r>".len()..];
    }
    out.push_str(rest);
    out
}

/// Replaces each footnote's marker run (`<n>:<mark>`) by its reference.
fn place_footnotes(doc: &str) -> String {
    replace_marker_runs(doc, FOOTNOTE_MARK, |fields| {
        let (n, mark) = fields.split_once(':').unwrap_or(("0", ""));
        footnote_mark(mark, Some(n.parse().unwrap_or(0)))
    })
}

/// Opens the marker text `<n>:<width px>:<height px>:<text width>` of a picture's place;
/// [`CHART_END`] closes it.
const PICTURE_MARK: &str = "\u{E000}pmp-picture:";
/// The relationship of picture `n` is `rIdPmpPicture<n>`.
const PICTURE_REL: &str = "rIdPmpPicture";

/// Replaces each picture's marker run by an inline drawing of the picture: its pixel size at
/// 96 dpi, scaled down to the text's width where it is wider.
fn place_pictures(doc: &str) -> String {
    replace_marker_runs(doc, PICTURE_MARK, |fields| {
        let f: Vec<u64> = fields.split(':').map(|x| x.parse().unwrap_or(0)).collect();
        let [n, w, h, text] = f[..] else {
            return String::new();
        };
        // EMU: 9525 per pixel at 96 dpi, 635 per twentieth of a point.
        let (mut cx, mut cy) = (w * 9525, h * 9525);
        let max = text * 635;
        if cx > max && cx > 0 {
            cy = cy * max / cx;
            cx = max;
        }
        format!(
            concat!(
                r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}" /><wp:effectExtent l="0" t="0" r="0" b="0" />"#,
                r#"<wp:docPr id="{id}" name="Picture {n}" /><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1" /></wp:cNvGraphicFramePr>"#,
                r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="{id}" name="Picture {n}" /><pic:cNvPicPr /></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="{rel}{n}" /><a:stretch><a:fillRect /></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr><a:xfrm><a:off x="0" y="0" /><a:ext cx="{cx}" cy="{cy}" /></a:xfrm><a:prstGeom prst="rect"><a:avLst /></a:prstGeom></pic:spPr></pic:pic>"#,
                r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
            ),
            cx = cx,
            cy = cy,
            id = 10_000 + n,
            n = n,
            rel = PICTURE_REL,
        )
    })
}

/// Replaces each chart's marker run by the drawing that shows the chart.
fn place_charts(doc: &str) -> String {
    replace_marker_runs(doc, CHART_MARK, |fields| {
        let (n, width) = fields.split_once(':').unwrap_or(("0", "0"));
        let n: usize = n.parse().unwrap_or(0);
        let width: u32 = width.parse().unwrap_or(9000);
        docx_chart::drawing_run(n, &format!("{CHART_REL}{n}"), width, "")
    })
}
const HEADER_REL: &str = "rIdPmpHeader1";
const EMPTY_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;

/// Whether `name` is `prefix<number>suffix`, such as `word/footer3.xml`.
fn is_part(name: &str, prefix: &str, suffix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|r| r.strip_suffix(suffix))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Content-type entries split into `Default` and `Override` elements.
fn split_types(types: &str) -> (Vec<&str>, Vec<&str>) {
    let mut d = Vec::new();
    let mut o = Vec::new();
    for e in types.split_inclusive("/>") {
        if e.starts_with("<Default") {
            d.push(e);
        } else if !e.is_empty() {
            o.push(e);
        }
    }
    (d, o)
}

pub(crate) const THEME_PART: &str = "word/theme/theme1.xml";
/// A minimal theme: the body and heading fonts, Office's colours.
pub(crate) const THEME: &str = include_str!("theme.xml");

/// The document's relationships with one hyperlink relationship per prose link, in document
/// order. docx-rs lists only some of them (not those inside sections), in hash order.
fn link_relationships(rels: &str, links: &[String]) -> String {
    let mut out = String::with_capacity(rels.len() + links.len() * 160);
    let mut rest = rels;
    // Drop whatever hyperlink relationships docx-rs wrote.
    while let Some(i) = rest.find("<Relationship ") {
        let end = rest[i..].find("/>").map(|e| i + e + 2).unwrap_or(rest.len());
        out.push_str(&rest[..i]);
        let rel = &rest[i..end];
        if !rel.contains("relationships/hyperlink") {
            out.push_str(rel);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let mut added = String::new();
    for (i, url) in links.iter().enumerate() {
        added.push_str(&format!(
            r#"<Relationship Id="{LINK_PREFIX}{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External" />"#,
            i + 1,
            xml_attr(url)
        ));
    }
    out.replace("</Relationships>", &format!("{added}</Relationships>"))
}

fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Removes every attribute that starts with `prefix` (which includes the opening quote).
fn strip_attr(s: &str, prefix: &str) -> String {
    if !s.contains(prefix) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(prefix) {
        out.push_str(&rest[..i]);
        rest = &rest[i + prefix.len()..];
        match rest.find('"') {
            Some(end) => rest = &rest[end + 1..],
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `body_xml` writes what docx-rs writes for the same sections with their bodies, on two
    /// threads (more than 64 pieces) and on one.
    #[test]
    fn body_xml_is_what_docx_rs_writes() {
        let para = |i: usize| Paragraph::new().add_run(Run::new().add_text(format!("p{i} & <x>")));
        let table = |i: usize| {
            let rows = (0..3)
                .map(|r| {
                    docx_rs::TableRow::new(vec![
                        docx_rs::TableCell::new().add_paragraph(para(i * 10 + r)),
                        docx_rs::TableCell::new().add_paragraph(para(i * 10 + r + 5)),
                    ])
                })
                .collect();
            Table::new(rows).set_grid(vec![2000, 3000])
        };
        let body = |k: usize, n: usize| -> Vec<Child> {
            (0..n)
                .map(|i| {
                    if i % 4 == 3 {
                        Child::T(Box::new(table(k * 100 + i)))
                    } else {
                        Child::P(Box::new(para(k * 100 + i)))
                    }
                })
                .collect()
        };
        let strip = |xml: Vec<u8>| strip_attr(&String::from_utf8(xml).unwrap(), " w14:paraId=\"");
        for n in [2, 40] {
            let sections: Vec<Vec<Child>> = (0..3).map(|k| body(k, n)).collect();
            let (mut whole, mut hollow) = (docx_rs::Docx::new(), docx_rs::Docx::new());
            for (k, b) in sections.iter().enumerate().take(2) {
                let landscape = k == 1;
                let mut s = Section::new().page_margin(margins(&Page::A4, landscape));
                hollow = hollow.add_section(s.clone());
                for c in body(k, n) {
                    s = match c {
                        Child::P(p) => s.add_paragraph(*p),
                        Child::T(t) => s.add_table(*t),
                    };
                }
                assert_eq!(b.len(), n);
                whole = whole.add_section(s);
            }
            for c in body(2, n) {
                whole = match c {
                    Child::P(p) => whole.add_paragraph(*p),
                    Child::T(t) => whole.add_table(*t),
                };
            }
            let expected = strip(whole.build().document);
            let hollow = hollow.build().document;
            for threads in [true, false] {
                let got = strip(body_xml(&hollow, &sections, threads).unwrap());
                assert_eq!(got, expected, "{n} elements a section");
            }
        }
    }

    #[test]
    fn figures_and_dashes_are_figures_words_are_not() {
        for f in ["10 060", "1,43 %", "-", "–", "+3", "0,5*", "12\u{a0}%"] {
            assert!(is_figure(f), "{f}");
        }
        for t in ["pieaug", "30 % (2023)", "", "  ", "1.–3. klase: 12"] {
            assert!(!is_figure(t), "{t}");
        }
    }

    #[test]
    fn chart_markers_become_drawings_and_other_text_stays() {
        let doc = format!(
            "<w:p><w:r><w:rPr /><w:t xml:space=\"preserve\">{CHART_MARK}2:9000{CHART_END}</w:t></w:r></w:p><w:p><w:r><w:t>a\u{E000}b</w:t></w:r></w:p>"
        );
        let out = place_charts(&doc);
        assert!(out.contains(r#"r:id="rIdPmpChart2""#), "{out}");
        assert!(
            out.contains(r#"<wp:extent cx="5715000" cy="2571750" />"#),
            "{out}"
        );
        assert!(!out.contains("pmp-chart"), "{out}");
        assert!(
            out.ends_with("<w:p><w:r><w:t>a\u{E000}b</w:t></w:r></w:p>"),
            "{out}"
        );
    }
}
