//! The DOCX renderer: a real Word document built natively with `docx-rs` from the view model.
//!
//! Word's built-in style names (Title, heading 1–3, caption, Table Grid) so the council's
//! secretary can restyle the whole document; A4 pages, landscape sections for wide tables
//! (page width and height swapped, not just the orientation flag); merged header cells
//! (gridSpan, vMerge); header rows repeated on every page; real bulleted and numbered lists;
//! Markdown prose converted through comrak's AST into runs; a table-of-contents field; page
//! numbers "Lapa X no Y" in the footer.
//!
//! `docx-rs` has no `w:tblHeader`, lists hyperlinks only outside sections (in hash order) and
//! numbers paragraphs from a process-wide counter, so the package it writes is post-processed
//! ([`repack`]): header rows (marked with `w:cantSplit` here, the only rows that get it) also
//! get `w:tblHeader`, hyperlink relationships are written in document order, counter-based
//! paragraph ids are dropped, a theme part is added, every XML part goes through
//! [`super::ooxml::tidy`] (schema element order, no character XML forbids), and the zip is
//! rewritten compressed with fixed entry times, so the same view always gives the same bytes.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, FieldCharType, Footer, Hyperlink, HyperlinkData,
    HyperlinkType, IndentLevel, InstrNUMPAGES, InstrPAGE, InstrText, LevelJc, LevelOverride, LevelText,
    LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, PageOrientationType, PageSize, Paragraph,
    Run, RunFonts, Section, Shading, SpecialIndentType, Start, Style, StyleType, Table, TableCell,
    TableLayoutType, TableRow, VMergeType, WidthType,
};

use super::view::{Block, CellView, TableView};
use super::{RenderError, Renderer, View, comrak_options};

pub struct Docx;

impl Renderer for Docx {
    fn extension(&self) -> &'static str {
        "docx"
    }

    fn render(&self, view: &View) -> Result<Vec<u8>, RenderError> {
        let (doc, links) = Builder::new(view).build(view);
        let mut raw = Cursor::new(Vec::new());
        doc.build()
            .pack(&mut raw)
            .map_err(|e| RenderError(format!("could not write the .docx: {e}")))?;
        repack(raw.get_ref(), &links).map_err(|e| RenderError(format!("could not write the .docx: {e}")))
    }
}

// Page geometry, in twentieths of a point.
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
const MARGIN: i32 = 1134; // 2 cm
const MARGIN_LEFT: i32 = 1701; // 3 cm, the binding side
const PORTRAIT_TEXT: u32 = A4_W - MARGIN_LEFT as u32 - MARGIN as u32;
const LANDSCAPE_TEXT: u32 = A4_H - 2 * MARGIN as u32;

// docx-rs always writes a default abstract numbering and numbering with id 1; ours start at 2.
/// The bullet list numbering (abstract and instance share the id).
const BULLETS: usize = 2;
/// The abstract numbering of ordered lists; each list gets its own instance after it.
const DECIMAL: usize = 3;
const BODY_FONT: &str = "Times New Roman";
const HEADING_FONT: &str = "Arial";

enum Child {
    P(Box<Paragraph>),
    T(Box<Table>),
}

struct Builder<'v> {
    view: &'v View,
    /// What follows the last section break.
    body: Vec<Child>,
    doc: docx_rs::Docx,
    /// Numbering instances for ordered lists (each list restarts at 1).
    nums: Vec<Numbering>,
    /// Positions in `body` of the headings written since the last table: a wide table takes
    /// its headings and their short introduction onto its landscape page.
    headings: Vec<usize>,
    /// Targets of the hyperlinks in prose, in document order (relationship `rIdLink<n>`).
    links: Vec<String>,
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
    fn new(view: &'v View) -> Self {
        Builder {
            view,
            body: Vec::new(),
            doc: docx_rs::Docx::new(),
            nums: vec![Numbering::new(BULLETS, BULLETS)],
            headings: Vec::new(),
            links: Vec::new(),
        }
    }

    fn build(mut self, view: &View) -> (docx_rs::Docx, Vec<String>) {
        let l = view.l;
        self.doc = std::mem::take(&mut self.doc)
            .default_fonts(RunFonts::new().ascii(BODY_FONT).hi_ansi(BODY_FONT).cs(BODY_FONT))
            .default_size(24)
            .page_size(A4_W, A4_H)
            .page_margin(margins(MARGIN_LEFT))
            .footer(footer(view))
            .created_at("2000-01-01T00:00:00Z")
            .updated_at("2000-01-01T00:00:00Z");
        for s in styles() {
            self.doc = std::mem::take(&mut self.doc).add_style(s);
        }
        self.doc = std::mem::take(&mut self.doc)
            .add_abstract_numbering(list_levels(BULLETS, "bullet"))
            .add_abstract_numbering(list_levels(DECIMAL, "decimal"));

        self.title_page(view);
        // Table of contents: a TOC field Word fills in when it updates fields.
        self.push(Paragraph::new().add_run(Run::new().add_text(l.contents).bold().size(28)));
        self.push(
            Paragraph::new()
                .add_run(Run::new().add_field_char(FieldCharType::Begin, true))
                .add_run(Run::new().add_instr_text(InstrText::Unsupported(r#"TOC \o "1-3" \h \z \u"#.into())))
                .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
                .add_run(Run::new().add_text(l.toc_hint).italic())
                .add_run(Run::new().add_field_char(FieldCharType::End, false)),
        );
        self.push(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));

        if let Some(n) = &view.notice {
            self.push(
                Paragraph::new()
                    .add_run(Run::new().add_text(n.as_str()).bold().color("B00020"))
                    .line_spacing(LineSpacing::new().after(240)),
            );
        }
        for ch in &view.chapters {
            let text = if ch.number.is_empty() {
                ch.title.clone()
            } else {
                format!("{} {}", ch.number, ch.title)
            };
            self.headings.push(self.body.len());
            self.push(
                Paragraph::new()
                    .style("Heading1")
                    .add_run(Run::new().add_text(text)),
            );
            for b in &ch.blocks {
                self.block(b);
            }
        }
        let mut doc = std::mem::take(&mut self.doc);
        for child in std::mem::take(&mut self.body) {
            doc = match child {
                Child::P(p) => doc.add_paragraph(*p),
                Child::T(t) => doc.add_table(*t),
            };
        }
        for n in std::mem::take(&mut self.nums) {
            doc = doc.add_numbering(n);
        }
        (doc, self.links)
    }

    fn push(&mut self, p: Paragraph) {
        self.body.push(Child::P(Box::new(p)));
    }

    /// Ends the current section with the given page geometry: what was written since the last
    /// break goes into it.
    fn section_break(&mut self, landscape: bool) {
        if self.body.is_empty() {
            return;
        }
        let mut s = Section::new().page_margin(margins(if landscape { MARGIN } else { MARGIN_LEFT }));
        s = if landscape {
            s.page_size(
                PageSize::new()
                    .size(A4_H, A4_W)
                    .orient(PageOrientationType::Landscape),
            )
            .page_orient(PageOrientationType::Landscape)
        } else {
            s.page_size(PageSize::new().size(A4_W, A4_H))
        };
        s = s.footer(footer(self.view));
        for child in std::mem::take(&mut self.body) {
            s = match child {
                Child::P(p) => s.add_paragraph(*p),
                Child::T(t) => s.add_table(*t),
            };
        }
        self.doc = std::mem::take(&mut self.doc).add_section(s);
    }

    fn title_page(&mut self, v: &View) {
        let center = |p: Paragraph| p.align(AlignmentType::Center);
        for _ in 0..6 {
            self.push(Paragraph::new());
        }
        self.push(center(Paragraph::new().add_run(
            Run::new().add_text(v.municipality.to_uppercase()).bold().size(32),
        )));
        self.push(
            center(
                Paragraph::new()
                    .style("Title")
                    .add_run(Run::new().add_text(v.title.as_str())),
            )
            .line_spacing(LineSpacing::new().before(480).after(480)),
        );
        self.push(center(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(format!("{}: {}", v.l.period, v.period))
                    .size(28),
            ),
        ));
        self.push(center(
            Paragraph::new().add_run(Run::new().add_text(format!("{}: {}", v.l.status, v.status))),
        ));
        self.push(Paragraph::new().line_spacing(LineSpacing::new().after(960)));
        for d in &v.decisions {
            self.push(Paragraph::new().add_run(Run::new().add_text(d.as_str()).size(22)));
        }
        if let Some(p) = &v.place {
            self.push(
                center(Paragraph::new().add_run(Run::new().add_text(p.as_str())))
                    .line_spacing(LineSpacing::new().before(960)),
            );
        }
        self.push(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading {
                level, number, text, ..
            } => {
                let style = if *level <= 2 { "Heading2" } else { "Heading3" };
                let text = if number.is_empty() {
                    text.clone()
                } else {
                    format!("{number} {text}")
                };
                self.headings.push(self.body.len());
                self.push(Paragraph::new().style(style).add_run(Run::new().add_text(text)));
            }
            Block::Prose { markdown, .. } => {
                let arena = comrak::Arena::new();
                let root = comrak::parse_document(&arena, markdown, &comrak_options());
                let mut out = Vec::new();
                self.md_blocks(root, 0, &mut out);
                self.body.extend(out);
            }
            Block::Para { text } => self.push(body_para().add_run(Run::new().add_text(text.as_str()))),
            Block::List { ordered, items } => {
                let num = if *ordered { self.new_ordered() } else { BULLETS };
                for item in items {
                    self.push(
                        Paragraph::new()
                            .numbering(NumberingId::new(num), IndentLevel::new(0))
                            .add_run(Run::new().add_text(item.as_str())),
                    );
                }
                self.push(Paragraph::new());
            }
            Block::Table(t) => self.table(t),
            // Charts are drawn in the HTML; the DOCX carries their figures in the indicator table.
            Block::Chart(_) => {}
        }
    }

    fn new_ordered(&mut self) -> usize {
        let id = DECIMAL + self.nums.len();
        self.nums
            .push(Numbering::new(id, DECIMAL).add_override(LevelOverride::new(0).start(1)));
        id
    }

    fn table(&mut self, t: &TableView) {
        if t.wide {
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
        let width = if t.wide { LANDSCAPE_TEXT } else { PORTRAIT_TEXT } as usize;
        let total: u32 = t.columns.iter().map(|c| c.weight).sum::<u32>().max(1);
        let grid: Vec<usize> = t
            .columns
            .iter()
            .map(|c| width * c.weight as usize / total as usize)
            .collect();
        self.push(
            Paragraph::new()
                .style("Caption")
                .keep_next(true)
                .add_run(Run::new().add_text(format!("{}. {}", t.label, t.caption))),
        );
        let mut rows = Vec::new();
        let ncols = grid.len();
        let mut carry = vec![0usize; ncols];
        let mut carry_span = vec![1usize; ncols];
        let all_rows = t
            .head
            .iter()
            .map(|r| (r.as_slice(), true, "head"))
            .chain(t.body.iter().map(|r| (r.cells.as_slice(), false, r.role)));
        for (cells, head, role) in all_rows {
            let strong = head || matches!(role, "total" | "subtotal" | "group" | "quadrant-head");
            let mut out = Vec::new();
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
                            .add_paragraph(Paragraph::new()),
                    );
                    col += span;
                    continue;
                }
                let Some(c) = it.next() else { break };
                let span = c.colspan.max(1).min(ncols - col);
                let w = grid[col..col + span].iter().sum();
                let mut cell = self
                    .cell(c, strong, head || role == "quadrant-head")
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
            let row = TableRow::new(out);
            // `cantSplit` marks header rows; `repack` adds `tblHeader` to exactly these.
            rows.push(if head { row.cant_split() } else { row });
        }
        let table = Table::new(rows)
            .style("TableGrid")
            .layout(TableLayoutType::Fixed)
            .width(width, WidthType::Dxa)
            .set_grid(grid);
        self.body.push(Child::T(Box::new(table)));
        let small = |s: &str| {
            Paragraph::new()
                .add_run(Run::new().add_text(s).size(20))
                .line_spacing(LineSpacing::new().after(0))
        };
        if let Some(s) = &t.source {
            self.push(small(s));
        }
        for n in &t.notes {
            self.push(small(n));
        }
        self.push(Paragraph::new());
        if t.wide {
            self.section_break(true);
        }
    }

    fn cell(&mut self, c: &CellView, bold: bool, shaded: bool) -> TableCell {
        let mut cell = TableCell::new();
        if shaded {
            cell = cell.shading(Shading::new().fill("E7E6E6"));
        }
        let align = if shaded {
            AlignmentType::Center
        } else if c.numeric {
            AlignmentType::Right
        } else if c.lines.len() == 1 && c.lines[0] == "X" {
            AlignmentType::Center
        } else {
            AlignmentType::Left
        };
        let list = c.lines.len() > 1 && !c.numeric && !shaded;
        if c.lines.is_empty() {
            return cell.add_paragraph(cell_para());
        }
        for line in &c.lines {
            let mut run = text_run(line).size(20);
            if bold {
                run = run.bold();
            }
            if c.mark == Some("vacancy") {
                run = run.italic();
            }
            let mut p = cell_para().align(align).add_run(run);
            if list {
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
                            Child::P(p) => Child::P(Box::new(p.indent(Some(720), None, None, None).italic())),
                            t => t,
                        });
                    }
                }
                NodeValue::CodeBlock(c) => {
                    for line in c.literal.lines() {
                        let p = Paragraph::new().add_run(mono(Run::new().add_text(line)));
                        out.push(Child::P(Box::new(p)));
                    }
                }
                NodeValue::Table(_) => out.push(Child::T(Box::new(md_table(child, &mut self.links)))),
                NodeValue::ThematicBreak | NodeValue::HtmlBlock(_) => {}
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
                        let p =
                            Paragraph::new().numbering(NumberingId::new(num), IndentLevel::new(depth.min(2)));
                        out.push(Child::P(Box::new(inlines(
                            part,
                            Fmt::default(),
                            p,
                            &mut self.links,
                        ))));
                        first = false;
                    }
                    _ => {
                        let p = Paragraph::new().indent(Some(360 * (depth as i32 + 1)), None, None, None);
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
    links: &mut Vec<String>,
) -> Paragraph {
    use comrak::nodes::NodeValue;
    for child in node.children() {
        let value = child.data().value.clone();
        p = match value {
            NodeValue::Text(t) => p.add_run(styled(Run::new().add_text(t.as_ref()), fmt)),
            NodeValue::Code(c) => p.add_run(mono(styled(Run::new().add_text(c.literal.as_str()), fmt))),
            NodeValue::SoftBreak => p.add_run(styled(Run::new().add_text(" "), fmt)),
            NodeValue::LineBreak => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
            NodeValue::Emph => inlines(child, Fmt { italic: true, ..fmt }, p, links),
            NodeValue::Strong => inlines(child, Fmt { bold: true, ..fmt }, p, links),
            NodeValue::Strikethrough => inlines(child, Fmt { strike: true, ..fmt }, p, links),
            NodeValue::Link(link) => {
                // Our own relationship ids, numbered in document order; `repack` writes them.
                links.push(link.url.clone());
                let mut h = Hyperlink::new(link.url.as_str(), HyperlinkType::External);
                h.link = HyperlinkData::External {
                    rid: format!("{LINK_PREFIX}{}", links.len()),
                    path: link.url.clone(),
                };
                for run in link_runs(child, fmt) {
                    h = h.add_run(run);
                }
                p.add_hyperlink(h)
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
    let mut text = String::new();
    for d in node.descendants() {
        match &d.data().value {
            comrak::nodes::NodeValue::Text(t) => text.push_str(t),
            comrak::nodes::NodeValue::Code(c) => text.push_str(&c.literal),
            _ => {}
        }
    }
    vec![
        styled(Run::new().add_text(text), fmt)
            .color("0563C1")
            .underline("single"),
    ]
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
fn md_table<'a>(node: comrak::nodes::Node<'a>, links: &mut Vec<String>) -> Table {
    let rows = node
        .children()
        .map(|row| {
            let header = matches!(row.data().value, comrak::nodes::NodeValue::TableRow(true));
            let cells = row
                .children()
                .map(|c| {
                    let fmt = Fmt {
                        bold: header,
                        ..Fmt::default()
                    };
                    TableCell::new().add_paragraph(inlines(c, fmt, cell_para(), links))
                })
                .collect();
            let r = TableRow::new(cells);
            if header { r.cant_split() } else { r }
        })
        .collect();
    Table::new(rows)
        .style("TableGrid")
        .width(PORTRAIT_TEXT as usize, WidthType::Dxa)
}

fn body_para() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(LineSpacing::new().after(120))
}

fn cell_para() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().after(0).before(0))
}

fn margins(left: i32) -> PageMargin {
    PageMargin::new()
        .top(MARGIN)
        .bottom(MARGIN)
        .left(left)
        .right(MARGIN)
        .header(709)
        .footer(709)
        .gutter(0)
}

/// `Lapa X no Y`, with PAGE and NUMPAGES fields.
fn footer(v: &View) -> Footer {
    let field = |instr: InstrText| {
        [
            Run::new().add_field_char(FieldCharType::Begin, false),
            Run::new().add_instr_text(instr),
            Run::new().add_field_char(FieldCharType::Separate, false),
            Run::new().add_text("1"),
            Run::new().add_field_char(FieldCharType::End, false),
        ]
    };
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(format!("{} ", v.l.page)).size(20));
    for r in field(InstrText::PAGE(InstrPAGE::new())) {
        p = p.add_run(r.size(20));
    }
    p = p.add_run(Run::new().add_text(format!(" {} ", v.l.page_of)).size(20));
    for r in field(InstrText::NUMPAGES(InstrNUMPAGES::new())) {
        p = p.add_run(r.size(20));
    }
    Footer::new().add_paragraph(p)
}

/// Word's built-in styles, by their built-in names, so restyling the document in Word works.
fn styles() -> Vec<Style> {
    let heading_fonts = || {
        RunFonts::new()
            .ascii(HEADING_FONT)
            .hi_ansi(HEADING_FONT)
            .cs(HEADING_FONT)
    };
    let heading = |id: &str, name: &str, level: usize, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .fonts(heading_fonts())
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(240).after(120))
    };
    vec![
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .q_format(true)
            .bold()
            .size(40)
            .fonts(heading_fonts())
            .align(AlignmentType::Center),
        heading("Heading1", "heading 1", 0, 32),
        heading("Heading2", "heading 2", 1, 28),
        heading("Heading3", "heading 3", 2, 24),
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(22)
            .line_spacing(LineSpacing::new().before(120).after(60)),
        Style::new("TableGrid", StyleType::Table)
            .name("Table Grid")
            .set_borders(docx_rs::TableBorders::new()),
    ]
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

/// Rewrites the package docx-rs wrote: `w:tblHeader` on header rows, ids that depend on
/// process-wide counters renumbered in document order, `updateFields` so Word fills in the
/// table of contents, and every entry deflated with a fixed time.
pub fn repack(raw: &[u8], links: &[String]) -> std::io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut zin = zip::ZipArchive::new(Cursor::new(raw)).map_err(std::io::Error::other)?;
    let mut entries = Vec::with_capacity(zin.len());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(std::io::Error::other)?;
        let name = f.name().to_string();
        let dir = f.is_dir();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes)?;
        entries.push((name, dir, bytes));
    }
    // Word expects a theme (its theme fonts and colours); docx-rs writes none.
    entries.push((THEME_PART.into(), false, THEME.as_bytes().to_vec()));
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
            let mut s = String::from_utf8_lossy(&bytes).into_owned();
            if name == "word/document.xml" {
                s = s.replace(
                    "<w:trPr><w:cantSplit />",
                    "<w:trPr><w:cantSplit /><w:tblHeader />",
                );
            }
            if name == "word/settings.xml" && !s.contains("w:updateFields") {
                s = s.replace("</w:settings>", "<w:updateFields w:val=\"true\" /></w:settings>");
            }
            s = strip_attr(&s, " w14:paraId=\"");
            s = strip_attr(&s, " w14:textId=\"");
            if name == "word/_rels/document.xml.rels" {
                s = link_relationships(&s, links);
                s = s.replace(
                    "</Relationships>",
                    r#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml" /></Relationships>"#,
                );
            }
            if name == "[Content_Types].xml" {
                s = s.replace(
                    "</Types>",
                    &format!(r#"<Override PartName="/{THEME_PART}" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" /></Types>"#),
                );
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
                .last_modified_time(fixed)
                .unix_permissions(0o644),
        )
        .map_err(std::io::Error::other)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(std::io::Error::other)?.into_inner())
}

const LINK_PREFIX: &str = "rIdLink";

const THEME_PART: &str = "word/theme/theme1.xml";
/// A minimal theme: the body and heading fonts, Office's colours.
const THEME: &str = include_str!("theme.xml");

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
