//! The one view model every renderer reads: the whole document as chapters of blocks
//! (headings, prose, plain paragraphs, lists, tables, charts), with every figure, date and
//! label already formatted for the chosen language (figures and dates through [`crate::lv`],
//! labels from [`super::labels`]).
//!
//! A new section of the document is added here once; the Markdown and HTML templates and the
//! DOCX builder only know how to draw each kind of block.

use serde::Serialize;

use super::labels::{Labels, Lang};
use super::outline::{Node, Piece};
use crate::lv;
use crate::model::Index;
use crate::model::{
    Cell, ColumnRole, Content, Decision, Level, Mark, Num, PartialDate, Programme, Recurrence, RowRole,
    Section, Status, Table, Unit,
};

/// The rendered document.
#[derive(Debug, Serialize)]
pub struct View {
    /// `lv` or `en`.
    pub lang: &'static str,
    /// Every label of the chosen language.
    pub l: &'static Labels,
    pub id: String,
    pub municipality: String,
    pub title: String,
    /// The period, `2024.–2028.`.
    pub period: String,
    /// The draft mark printed at the top of the title page (`PROJEKTS`), for a draft only.
    pub draft: Option<&'static str>,
    pub place: Option<String>,
    /// The adoption reference and one line per amendment for the title page, oldest first
    /// (`Apstiprināts ar … domes 2023. gada 30. novembra lēmumu (protokols Nr. 19, 34. §)`).
    pub decisions: Vec<String>,
    pub chapters: Vec<Chapter>,
    /// `YYYY-MM-DD` of the adoption (else 1 January of the period's first year) and of the
    /// last amendment: the Word file's creation and modification dates.
    #[serde(skip)]
    pub created: Option<String>,
    #[serde(skip)]
    pub modified: Option<String>,
    /// What prose can refer to, by anchor: tables, figures, chapters and headings with their
    /// numbers ([`super::crossref`]); Word puts a bookmark on each number.
    #[serde(skip)]
    pub targets: std::collections::BTreeMap<String, Target>,
    /// Every key prose can refer to (`tab:goals`, `sec:plan`, `sec:action-plan`): several may
    /// name one target.
    #[serde(skip)]
    pub keys: std::collections::BTreeSet<String>,
    /// The anchors some reference in prose points at: the Markdown marks only these.
    pub referenced: std::collections::BTreeSet<String>,
}

/// A table, figure, chapter or heading prose refers to.
#[derive(Debug, Clone)]
pub struct Target {
    /// `tab:t-1-4`.
    pub key: String,
    /// The element's id in HTML, the link target in Markdown (`table-1-4`).
    pub anchor: String,
    /// `1.4`: the number without its closing dot (empty for an unnumbered heading).
    pub number: String,
    /// `1.4. tabula` / `Table 1.4`: what a reference without text of its own prints.
    pub label: String,
    /// Its place in the document, from 1: Word's bookmark is `_Ref` with it.
    pub order: usize,
}

impl Target {
    /// The Word bookmark on the target's number.
    pub fn bookmark(&self) -> String {
        format!("_RefPmp{:04}", self.order)
    }
}

/// A top-level part of the document (heading level 1).
#[derive(Debug, Serialize)]
pub struct Chapter {
    pub anchor: String,
    /// The keys prose finds the chapter by (`sec:situation`, `sec:s-1`).
    #[serde(skip)]
    pub keys: Vec<String>,
    /// `1.` or empty for unnumbered chapters (annotation, amendments log).
    pub number: String,
    pub title: String,
    /// The chapter opens with a wide table: its heading goes on the table's landscape page.
    pub wide_start: bool,
    pub blocks: Vec<Block>,
}

/// One thing on the page, in reading order.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A heading below the chapter: level 2 or 3.
    Heading {
        level: u8,
        number: String,
        text: String,
        anchor: String,
        /// The keys prose finds the heading by (`sec:s-1-2`, `sec:action-plan`).
        #[serde(skip)]
        keys: Vec<String>,
        /// Printed on the landscape page of the wide table it introduces.
        wide: bool,
    },
    /// Markdown written by the programme's authors.
    Prose {
        markdown: String,
        /// Printed on the landscape page of the wide table it introduces.
        wide: bool,
    },
    /// A plain paragraph (never interpreted as Markdown).
    Para {
        text: String,
    },
    /// A plain list.
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Table(TableView),
    Chart(ChartView),
    Figure(FigureView),
}

/// A picture the programme prints, with its number, caption and source; a placeholder under
/// the caption where the programme folder lacks the picture.
#[derive(Debug, Serialize)]
pub struct FigureView {
    pub anchor: String,
    /// `fig:f-1-4`.
    #[serde(skip)]
    pub key: String,
    /// The number printed in the source (`1.4`).
    #[serde(skip)]
    pub number: Option<String>,
    /// The label exactly as the source prints it, its separator included, if it has one.
    #[serde(skip)]
    pub printed_label: Option<String>,
    /// `1.4. attēls:` / `Figure 1.4.`, separator included.
    pub label: String,
    pub caption: String,
    /// The picture's path in the programme folder, as the programme names it, when the file is
    /// there (a PNG or JPEG).
    pub image: Option<String>,
    /// The picture itself, for the formats that embed it.
    #[serde(skip)]
    pub picture: Option<crate::picture::Picture>,
    /// What the placeholder says where the picture is missing.
    pub placeholder: String,
    /// `Avots: …`.
    pub source: Option<String>,
}

/// A table: its header rows (with merged cells), body rows and what is printed around it.
#[derive(Debug, Serialize)]
pub struct TableView {
    pub anchor: String,
    /// The id prose refers to it by (`tab:t-1-4`, `fig:…`, `tab:plan`; [`super::crossref`]).
    #[serde(skip)]
    pub key: String,
    /// A data table of the source, printed with its columns as the source has them; pmp's own
    /// tables (goals, plan, monitoring, ...) leave out a column empty in every row.
    #[serde(skip)]
    pub from_source: bool,
    /// The programme states the table's column set: every column is printed, empty ones too.
    #[serde(skip)]
    pub stated_columns: bool,
    /// The number printed in the source, or `None` for a table numbered by its position.
    #[serde(skip)]
    pub number: Option<String>,
    /// The source prints this as a figure (`1.2. attēls`), with its own numbering.
    #[serde(skip)]
    pub figure: bool,
    /// The label exactly as the source prints it, its separator included (`2.4.tabula.`).
    #[serde(skip)]
    pub printed_label: Option<String>,
    /// How the source prints a table pmp builds (its header rows, column numbers), applied
    /// once its columns are final.
    #[serde(skip)]
    pub layout: Option<Box<crate::model::TableLayout>>,
    /// `1.4. tabula.` / `Table 1.4.`, separator included (the source's own where it has one).
    pub label: String,
    pub caption: String,
    /// Too wide for a portrait page: printed on a landscape page.
    pub wide: bool,
    /// Leaf columns, left to right.
    pub columns: Vec<ColumnView>,
    /// Header rows; cells span columns (`colspan`) and rows (`rowspan`).
    pub head: Vec<Vec<CellView>>,
    pub body: Vec<RowView>,
    /// `Avots: VIIS`.
    pub source: Option<String>,
    /// Lines printed under the table: declared totals, footnotes.
    pub notes: Vec<String>,
    /// The source draws the table as a chart: the document shows the chart, not the grid.
    pub chart: Option<ChartView>,
}

#[derive(Debug, Serialize)]
pub struct ColumnView {
    /// The header flattened into one line (`Likmes: Psihologs`), for formats without merged cells.
    pub flat: String,
    pub numeric: bool,
    /// Relative width.
    pub weight: u32,
    /// The share of the table's width, as a CSS percentage (`12.5%`).
    pub width: String,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    /// `data`, `subtotal`, `total` or `group` (a row naming the group of the rows below it).
    pub role: &'static str,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The cell's text, one entry per line or list item.
    pub lines: Vec<String>,
    pub colspan: usize,
    pub rowspan: usize,
    /// Right-aligned figure.
    pub numeric: bool,
    /// A header cell (column header, or the cell naming its row).
    pub header: bool,
    /// `vacancy`, `not-available` or `footnote` when the source marks the figure.
    pub mark: Option<&'static str>,
}

impl CellView {
    fn text(s: impl Into<String>) -> Self {
        let s = s.into();
        CellView {
            lines: if s.is_empty() { Vec::new() } else { vec![s] },
            colspan: 1,
            rowspan: 1,
            numeric: false,
            header: false,
            mark: None,
        }
    }

    fn lines(lines: Vec<String>) -> Self {
        CellView {
            lines,
            ..CellView::text("")
        }
    }

    fn number(s: String) -> Self {
        CellView {
            numeric: true,
            ..CellView::text(s)
        }
    }

    fn head(s: impl Into<String>) -> Self {
        CellView {
            header: true,
            ..CellView::text(s)
        }
    }

    fn span(mut self, cols: usize, rows: usize) -> Self {
        self.colspan = cols;
        self.rowspan = rows;
        self
    }
}

/// Figures of one indicator for a chart: one series per breakdown (or one), values by year.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub anchor: String,
    /// `column` (bars by year or category) or `pie`.
    pub shape: &'static str,
    pub title: String,
    /// `Avots: VIIS`: the indicator's data source.
    pub source: Option<String>,
    pub series: Vec<Series>,
}

#[derive(Debug, Serialize)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

#[derive(Debug, Serialize)]
pub struct Point {
    /// `2024` or `2024 (bāzes vērtība)`.
    pub label: String,
    pub value: f64,
    /// The value formatted (`92,5 %`).
    pub text: String,
    pub baseline: bool,
    /// The figure as the programme writes it (`0.76464875364195528`), for a chart's data.
    #[serde(skip)]
    pub written: Option<String>,
}

/// What a render may add to the programme's own text, when asked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A chart of every indicator with figures, in an annex of their own with numbered
    /// captions (the programme does not print them).
    pub indicator_charts: bool,
}

/// Builds the view of a loaded programme. The document holds the programme's text only:
/// findings are `pmp check`'s and never enter it.
pub fn build(p: &Programme, lang: Lang) -> View {
    build_with(p, lang, Options::default())
}

/// Builds the view with what `options` adds to the programme's text.
pub fn build_with(p: &Programme, lang: Lang, options: Options) -> View {
    let mut b = Builder::new(p, lang);
    b.options = options;
    b.view()
}

struct Builder<'a> {
    p: &'a Programme,
    lang: Lang,
    l: &'static Labels,
    ix: Index<'a>,
    /// Tables as printed: pmp gives no table a number or caption of its own.
    stated: bool,
    options: Options,
    /// Blocks asked for beside the programme's text (indicator charts), for the annex.
    annex: Vec<Block>,
}

impl<'a> Builder<'a> {
    fn new(p: &'a Programme, lang: Lang) -> Self {
        Builder {
            p,
            lang,
            l: lang.labels(),
            ix: Index::new(p),
            stated: false,
            options: Options::default(),
            annex: Vec::new(),
        }
    }

    fn view(mut self) -> View {
        let l = self.l;
        let m = self.p.manifest.as_ref();
        let period = m
            .map(|m| self.lang.year_range(*m.period.from, *m.period.to))
            .unwrap_or_default();
        let draft = matches!(m.map(|m| m.status.value), Some(Status::Draft) | None).then_some(l.draft_mark);
        let mut decisions = Vec::new();
        if let Some(m) = m {
            if let Some(d) = &m.adoption {
                decisions.push(self.decision(l.adopted_by, d));
            }
            for a in &m.amendments {
                decisions.push(self.decision(l.amended_by, &a.decision));
            }
        }
        let outline = super::outline::resolve(self.p, l);
        self.stated = outline.as_printed;
        let mut chapters: Vec<Chapter> = outline.chapters.iter().map(|n| self.chapter(n)).collect();
        if !self.annex.is_empty() {
            chapters.push(self.annex_chapter());
        }
        for ch in &mut chapters {
            for b in &mut ch.blocks {
                if let Block::Table(t) = b {
                    if !t.from_source && !t.stated_columns {
                        drop_empty_columns(t);
                    }
                    apply_layout(t);
                }
            }
            keep_with_wide_tables(ch);
        }
        // Numbered once every chapter is built: a table keeps the number its source prints,
        // wherever it stands, and no other table may take that number.
        let kept: std::collections::BTreeSet<String> = chapters
            .iter()
            .flat_map(|ch| &ch.blocks)
            .filter_map(|b| match b {
                Block::Table(t) if !t.figure => t.number.clone(),
                _ => None,
            })
            .collect();
        let mut anchors = std::collections::BTreeSet::new();
        // pmp numbers the tables it builds by their chapter's number; tables as printed keep
        // the numbers the programme prints, and one it prints without a number has none.
        for ch in chapters.iter_mut() {
            let chapter = crate::model::norm_number(&ch.number).parse::<usize>().ok();
            let chapter = chapter.filter(|_| !outline.as_printed);
            self.number_tables(chapter, ch, &kept, &mut anchors);
        }
        let (targets, keys, referenced) = self.resolve_references(&mut chapters);
        for ch in &mut chapters {
            for b in &mut ch.blocks {
                if let Block::Table(t) = b {
                    let total: u32 = t.columns.iter().map(|c| c.weight).sum::<u32>().max(1);
                    for c in &mut t.columns {
                        c.width = format!("{:.1}%", f64::from(c.weight) * 100.0 / f64::from(total));
                    }
                }
            }
        }
        View {
            lang: self.lang.code(),
            l,
            id: self.p.id(),
            municipality: m.map(|m| m.municipality.value.clone()).unwrap_or_default(),
            title: m.map(|m| m.title.value.clone()).unwrap_or_default(),
            period,
            draft,
            place: m.and_then(|m| m.place.as_ref()).map(|s| s.value.clone()),
            decisions,
            chapters,
            created: m.map(|m| match &m.adoption {
                Some(d) => d.date.value.to_string(),
                None => format!("{:04}-01-01", *m.period.from),
            }),
            modified: m
                .and_then(|m| m.amendments.iter().map(|a| a.decision.date.value).max())
                .map(|d| d.to_string()),
            targets,
            keys,
            referenced,
        }
    }

    /// Collects what prose can refer to and resolves every reference in the prose: its
    /// address becomes the target's anchor, its text the number ([`super::crossref`]).
    fn resolve_references(
        &self,
        chapters: &mut [Chapter],
    ) -> (
        std::collections::BTreeMap<String, Target>,
        std::collections::BTreeSet<String>,
        std::collections::BTreeSet<String>,
    ) {
        let l = self.l;
        let lang = self.lang;
        let label = |word: &str, number: &str, title: &str| -> String {
            if number.is_empty() {
                return lang.quote(title);
            }
            match lang {
                Lang::Lv => format!("{number}.{}{word}", lv::NBSP),
                Lang::En => format!("{word}{}{number}", lv::NBSP),
            }
        };
        let mut by_key: std::collections::HashMap<String, Target> = std::collections::HashMap::new();
        let mut by_anchor = std::collections::BTreeMap::new();
        let mut add = |key: String, anchor: &str, number: &str, label: String| {
            if key.is_empty() || anchor.is_empty() || by_key.contains_key(&key) {
                return;
            }
            let t = Target {
                key: key.clone(),
                anchor: anchor.to_string(),
                number: number.to_string(),
                label,
                order: by_key.len() + 1,
            };
            by_anchor.entry(anchor.to_string()).or_insert_with(|| t.clone());
            by_key.insert(key, t);
        };
        for ch in chapters.iter() {
            let n = crate::model::norm_number(&ch.number);
            for key in &ch.keys {
                add(key.clone(), &ch.anchor, &n, label(l.section_ref, &n, &ch.title));
            }
            for b in &ch.blocks {
                match b {
                    Block::Heading {
                        number,
                        text,
                        anchor,
                        keys,
                        ..
                    } => {
                        let n = crate::model::norm_number(number);
                        for key in keys {
                            add(key.clone(), anchor, &n, label(l.section_ref, &n, text));
                        }
                    }
                    Block::Table(t) => {
                        let n = t.number.clone().unwrap_or_default();
                        let word = if t.figure { l.figure } else { l.table };
                        add(t.key.clone(), &t.anchor, &n, label(word, &n, &t.caption));
                    }
                    Block::Figure(f) => {
                        let n = f.number.clone().unwrap_or_default();
                        add(f.key.clone(), &f.anchor, &n, label(l.figure, &n, &f.caption));
                    }
                    _ => {}
                }
            }
        }
        let referenced = std::cell::RefCell::new(std::collections::BTreeSet::new());
        for ch in chapters.iter_mut() {
            for b in &mut ch.blocks {
                let Block::Prose { markdown, .. } = b else {
                    continue;
                };
                if !markdown.contains("](#") {
                    continue;
                }
                *markdown = super::crossref::rewrite(markdown, &|key, text| {
                    let t = by_key.get(key)?;
                    referenced.borrow_mut().insert(t.anchor.clone());
                    Some((
                        t.anchor.clone(),
                        super::crossref::printed(text, &t.label, &t.number),
                    ))
                });
            }
        }
        let keys = by_key.into_keys().collect();
        (by_anchor, keys, referenced.into_inner())
    }

    // ----- formatting helpers -----

    fn date(&self, d: chrono::NaiveDate) -> String {
        self.lang.date_long(d)
    }

    /// The title page's reference to a council decision, as a Latvian document gives it:
    /// `Apstiprināts ar Ogres novada pašvaldības domes 2023. gada 30. novembra lēmumu Nr. 12
    /// (protokols Nr. 19, 34. §)`; `verb` is `Apstiprināts` or `Grozīts`. The roll call stays
    /// the decision's own text.
    fn decision(&self, verb: &str, d: &Decision) -> String {
        let l = self.l;
        let number = d
            .decision
            .as_ref()
            .map(|n| format!(" {}", self.lang.nr(n)))
            .unwrap_or_default();
        let mut minutes = Vec::new();
        if let Some(p) = &d.protocol {
            minutes.push(format!("{} {}", l.protocol, self.lang.nr(p)));
        }
        if let Some(i) = &d.item {
            let i = i.trim().trim_end_matches('§').trim().trim_end_matches('.').trim();
            minutes.push(match self.lang {
                Lang::Lv => format!("{i}.{}{}", lv::NBSP, l.item),
                Lang::En => format!("{} {i}", l.item),
            });
        }
        let minutes = if minutes.is_empty() {
            String::new()
        } else {
            format!(" ({})", minutes.join(", "))
        };
        match self.lang {
            Lang::Lv => format!(
                "{verb} ar {} {} lēmumu{number}{minutes}",
                lv::genitive(&d.body.value),
                lv::date_long_genitive(*d.date)
            ),
            Lang::En => format!(
                "{verb} by decision{number} of {} of {}{minutes}",
                d.body.value,
                self.date(*d.date)
            ),
        }
    }

    /// An institution as the document names it: what the author wrote, except a bare id,
    /// which becomes the institution's first short form or its name.
    fn institution(&self, reference: &str) -> String {
        if let Some(f) = &self.p.institutions
            && let Some(inst) = f.institutions.iter().find(|i| i.id.value == reference)
        {
            return inst
                .short
                .first()
                .map(|s| s.value.clone())
                .unwrap_or_else(|| inst.name.value.clone());
        }
        reference.to_string()
    }

    fn institutions(&self, refs: &[crate::model::Sp<String>]) -> String {
        refs.iter()
            .map(|r| self.institution(r))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A figure with its printed decimals, in the unit's form: `0,20 %`, `1 200,00 EUR`, `10,763`.
    fn unit_value(lang: Lang, v: Num, unit: Option<Unit>) -> String {
        match unit {
            Some(Unit::Percent) => lang.figure_percent(v),
            Some(Unit::Eur) => format!("{}{}EUR", lang.figure(v), crate::lv::NBSP),
            _ => lang.figure(v),
        }
    }

    /// Numbers the tables of chapter `chapter`: a table keeps the number its source prints
    /// (prose refers to it), wherever it stands; every other table gets the next number after
    /// the last one so far that no table of the document keeps (`kept`), so no two tables
    /// share a number; a source figure (`1.2. attēls`) keeps its figure number. A table of
    /// pmp's own whose next number would not come before a number the source prints further on
    /// in the chapter is left unnumbered (its caption alone), so the printed order stays the
    /// source's. Anchors are made unique in the whole document (`anchors`).
    fn number_tables(
        &self,
        chapter: Option<usize>,
        ch: &mut Chapter,
        kept: &std::collections::BTreeSet<String>,
        anchors: &mut std::collections::BTreeSet<String>,
    ) {
        let prefix = chapter.map(|c| format!("{c}.")).unwrap_or_default();
        let position = |n: &str| -> Option<u32> { n.strip_prefix(&prefix)?.parse().ok() };
        let taken: std::collections::BTreeSet<u32> = kept.iter().filter_map(|n| position(n)).collect();
        // For each table, the lowest number a later table of the chapter keeps from its source.
        let mut below = Vec::new();
        let mut lowest = u32::MAX;
        for b in ch.blocks.iter().rev() {
            if let Block::Table(t) = b {
                below.push(lowest);
                if let (Some(n), false) = (&t.number, t.figure) {
                    lowest = lowest.min(position(n).unwrap_or(u32::MAX));
                }
            }
        }
        below.reverse();
        let mut last = 0;
        let tables = ch.blocks.iter_mut().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        });
        for (t, below) in tables.zip(below) {
            let n = match (&t.number, t.figure) {
                (Some(n), true) => n.clone(),
                (Some(n), false) => {
                    last = last.max(position(n).unwrap_or(0));
                    n.clone()
                }
                (None, _) if chapter.is_none() => String::new(),
                (None, _) => {
                    let chapter = chapter.unwrap_or_default();
                    let mut next = last + 1;
                    while taken.contains(&next) {
                        next += 1;
                    }
                    // pmp's own table standing among the source's numbered ones: any number
                    // would break the source's order (1.12 before 1.11), so it has none.
                    if next >= below {
                        String::new()
                    } else {
                        last = next;
                        format!("{chapter}.{last}")
                    }
                }
            };
            let word = if t.figure { self.l.figure } else { self.l.table };
            t.label = match &t.printed_label {
                Some(printed) => printed.clone(),
                // Tables as printed: a table pmp builds prints a label only where the programme
                // states one (its number may name the section that holds it, not the table).
                None if self.stated && !t.from_source => String::new(),
                None => self.label(word, &n),
            };
            let base = if n.is_empty() {
                format!("table-{}", t.key.split_once(':').map_or(t.key.as_str(), |k| k.1))
            } else {
                format!(
                    "{}-{}",
                    if t.figure { "figure" } else { "table" },
                    n.replace('.', "-")
                )
            };
            t.number = (!n.is_empty()).then_some(n);
            let mut anchor = base.clone();
            let mut k = 1;
            while !anchors.insert(anchor.clone()) {
                k += 1;
                anchor = format!("{base}-{k}");
            }
            if let Some(c) = &mut t.chart {
                c.anchor.clone_from(&anchor);
            }
            t.anchor = anchor;
        }
        for b in &mut ch.blocks {
            if let Block::Figure(f) = b {
                let n = f.number.clone().unwrap_or_default();
                f.label = match &f.printed_label {
                    Some(printed) => printed.clone(),
                    None => self.label(self.l.figure, &n),
                };
                let base = if n.is_empty() {
                    format!("figure-{}", f.key.split_once(':').map_or(f.key.as_str(), |k| k.1))
                } else {
                    format!("figure-{}", n.replace('.', "-"))
                };
                let mut anchor = base.clone();
                let mut k = 1;
                while !anchors.insert(anchor.clone()) {
                    k += 1;
                    anchor = format!("{base}-{k}");
                }
                f.anchor = anchor;
            }
        }
    }

    /// The annex of what was asked for beside the programme's text: the indicator charts,
    /// each captioned with its number in the annex.
    fn annex_chapter(&mut self) -> Chapter {
        let mut blocks = std::mem::take(&mut self.annex);
        let mut k = 0;
        for b in &mut blocks {
            if let Block::Chart(c) = b {
                k += 1;
                c.title = format!("{} {}", self.label(self.l.figure, &k.to_string()), c.title);
            }
        }
        Chapter {
            anchor: "annex-charts".into(),
            keys: Vec::new(),
            number: String::new(),
            title: self.l.charts_annex.into(),
            wide_start: false,
            blocks,
        }
    }

    /// pmp's own caption for a table, none in a programme that states its outline.
    fn ours<'s>(&self, caption: &'s str) -> &'s str {
        if self.stated { "" } else { caption }
    }

    /// pmp's own label for a table or figure numbered `n`: `1.4. tabula.` / `Table 1.4.`;
    /// none without a number.
    fn label(&self, word: &str, n: &str) -> String {
        match self.lang {
            _ if n.is_empty() => String::new(),
            Lang::Lv => format!("{n}.{}{word}.", lv::NBSP),
            Lang::En => format!("{word}{}{n}.", lv::NBSP),
        }
    }

    // ----- the outline: chapters, headings and what stands under them -----

    /// A chapter: a top-level heading of the outline with its pieces and subsections.
    fn chapter(&mut self, n: &Node) -> Chapter {
        let mut blocks = Vec::new();
        self.pieces(n, &mut blocks);
        for c in &n.children {
            self.subsection(c, 2, &mut blocks);
        }
        Chapter {
            anchor: n.anchor.clone(),
            keys: n.keys.clone(),
            number: n.number.clone(),
            title: n.title.clone(),
            wide_start: false,
            blocks,
        }
    }

    /// A heading below the chapter (level 2, deeper ones level 3), its pieces and subsections.
    fn subsection(&mut self, n: &Node, level: u8, blocks: &mut Vec<Block>) {
        // An entry with neither number nor title prints its pieces under the heading above.
        if n.number.is_empty() && n.title.is_empty() {
            self.pieces(n, blocks);
            for c in &n.children {
                self.subsection(c, level, blocks);
            }
            return;
        }
        blocks.push(Block::Heading {
            level: level.min(3),
            number: n.number.clone(),
            text: n.title.clone(),
            anchor: n.anchor.clone(),
            keys: n.keys.clone(),
            wide: false,
        });
        self.pieces(n, blocks);
        for c in &n.children {
            self.subsection(c, level + 1, blocks);
        }
    }

    fn pieces(&mut self, n: &Node, blocks: &mut Vec<Block>) {
        for piece in &n.pieces {
            match piece {
                Piece::SectionText(s) => self.section_content(s, blocks),
                Piece::SituationIntro => {
                    let intro = self.p.situation.as_ref().and_then(|s| s.intro.as_ref());
                    prose(intro, blocks);
                }
                Piece::Content(c) => self.content(*c, blocks),
                Piece::Prose(text) => prose(Some(text), blocks),
                Piece::Figure(f) => blocks.push(Block::Figure(self.figure(f))),
                Piece::Table(t) => {
                    let table = self.data_table(t);
                    blocks.push(Block::Table(table));
                }
            }
        }
    }

    /// What one piece of the outline prints; nothing when the programme lacks its part.
    fn content(&mut self, c: Content, blocks: &mut Vec<Block>) {
        let m = self.p.manifest.as_ref();
        match c {
            Content::Annotation => prose(m.and_then(|m| m.annotation.as_ref()), blocks),
            Content::Drafting => prose(m.and_then(|m| m.drafting.as_ref()), blocks),
            Content::WorkingGroup => {
                let Some(m) = m.filter(|m| !m.working_group.is_empty()) else {
                    return;
                };
                let items = m
                    .working_group
                    .iter()
                    .map(|w| {
                        let mut parts = vec![w.name.value.clone()];
                        if let Some(r) = &w.role {
                            parts.push(r.value.clone());
                        }
                        if let Some(p) = &w.position {
                            parts.push(p.value.clone());
                        } else if let Some(i) = &w.institution {
                            parts.push(self.institution(i));
                        }
                        parts.join(", ")
                    })
                    .collect();
                blocks.push(Block::List {
                    ordered: false,
                    items,
                });
            }
            Content::Notes => {
                for n in m.iter().flat_map(|m| &m.notes) {
                    prose(Some(n), blocks);
                }
            }
            Content::Situation => prose(self.p.situation.as_ref().and_then(|s| s.intro.as_ref()), blocks),
            Content::Svid => {
                if self.p.svid.is_some() {
                    blocks.push(self.svid_table());
                }
            }
            Content::Cooperation => {
                if self.p.institutions.is_some() {
                    self.cooperation_blocks(blocks);
                }
            }
            Content::Goals => self.goals_blocks(blocks),
            Content::Indicators => {
                if let Some(f) = &self.p.indicators {
                    prose(f.intro.as_ref(), blocks);
                    blocks.extend(self.indicator_blocks(f));
                }
            }
            Content::Plan => self.plan_blocks(blocks),
            Content::Tasks => self.tasks_blocks(blocks),
            Content::Resources => self.resources_blocks(blocks),
            Content::Monitoring => self.monitoring_blocks(blocks),
            Content::ReportTemplate => self.report_template_blocks(blocks),
            Content::Amendments => self.amendments_blocks(blocks),
        }
    }

    /// A picture with its caption; the placeholder names the file the folder lacks.
    fn figure(&self, f: &crate::model::Figure) -> FigureView {
        let l = self.l;
        let picture = f
            .image
            .as_ref()
            .and_then(|i| crate::picture::read(&self.p.dir, &i.value));
        FigureView {
            anchor: String::new(),
            key: format!("fig:{}", f.id.value),
            number: f
                .number
                .as_ref()
                .map(|n| crate::model::norm_number(n))
                .filter(|n| !n.is_empty()),
            printed_label: f.label.as_ref().map(|t| t.value.clone()),
            label: String::new(),
            caption: f.caption.value.clone(),
            image: picture
                .is_some()
                .then(|| f.image.as_ref().map(|i| i.value.clone()))
                .flatten(),
            picture,
            placeholder: match &f.image {
                Some(i) => format!("{}: {}", l.figure_missing, i.value),
                None => l.figure_missing.to_string(),
            },
            source: f.source.as_ref().map(|s| format!("{}: {}", l.source, s.value)),
        }
    }

    /// A section's own prose and data tables, without its heading or subsections.
    fn section_content(&mut self, s: &Section, blocks: &mut Vec<Block>) {
        prose(s.body.as_ref(), blocks);
        for t in &s.tables {
            let table = self.data_table(t);
            blocks.push(Block::Table(table));
        }
    }

    /// The SVID as a 2×2 table: strengths and weaknesses, then opportunities and threats.
    fn svid_table(&mut self) -> Block {
        let l = self.l;
        let svid = self.p.svid.as_ref().expect("called with an SVID");
        let (label, anchor) = (String::new(), String::new());
        let q = |items: &[crate::model::SvidItem]| {
            CellView::lines(items.iter().map(|i| i.text.value.clone()).collect())
        };
        // The quadrants in the order and with the names the source prints, where it says so
        // for all four; else strengths, weaknesses, opportunities, threats under pmp's names.
        use crate::model::Quadrant;
        let standard = [
            (Quadrant::Strengths, l.strengths),
            (Quadrant::Weaknesses, l.weaknesses),
            (Quadrant::Opportunities, l.opportunities),
            (Quadrant::Threats, l.threats),
        ];
        let printed: Vec<(Quadrant, &str)> = svid
            .printed
            .iter()
            .map(|p| (p.quadrant.value, p.label.value.as_str()))
            .collect();
        let complete =
            printed.len() == 4 && standard.iter().all(|(k, _)| printed.iter().any(|(p, _)| p == k));
        let order: Vec<(Quadrant, &str)> = if complete { printed } else { standard.to_vec() };
        let name = |k: usize| order[k].1;
        let items = |k: usize| match order[k].0 {
            Quadrant::Strengths => svid.strengths.as_slice(),
            Quadrant::Weaknesses => svid.weaknesses.as_slice(),
            Quadrant::Opportunities => svid.opportunities.as_slice(),
            Quadrant::Threats => svid.threats.as_slice(),
        };
        Block::Table(TableView {
            chart: None,
            stated_columns: false,
            anchor,
            key: key_of(Content::Svid),
            from_source: false,
            printed_label: svid.label.as_ref().map(|l| l.value.clone()),
            layout: None,
            number: svid
                .number
                .as_ref()
                .map(|n| crate::model::norm_number(n))
                .filter(|n| !n.is_empty()),
            figure: false,
            label,
            caption: svid
                .caption
                .as_ref()
                .map(|c| c.value.clone())
                .unwrap_or_else(|| self.ours(l.svid).to_string()),
            wide: false,
            columns: vec![
                ColumnView {
                    flat: name(0).into(),
                    numeric: false,
                    weight: 1,
                    width: String::new(),
                },
                ColumnView {
                    flat: name(1).into(),
                    numeric: false,
                    weight: 1,
                    width: String::new(),
                },
            ],
            head: vec![vec![CellView::head(name(0)), CellView::head(name(1))]],
            body: vec![
                RowView {
                    role: "data",
                    cells: vec![q(items(0)), q(items(1))],
                },
                RowView {
                    role: "quadrant-head",
                    cells: vec![CellView::head(name(2)), CellView::head(name(3))],
                },
                RowView {
                    role: "data",
                    cells: vec![q(items(2)), q(items(3))],
                },
            ],
            source: None,
            notes: Vec::new(),
        })
    }

    /// The cooperation model: the registry's introduction and the table of responsibilities.
    fn cooperation_blocks(&mut self, blocks: &mut Vec<Block>) {
        if let Some(i) = self.p.institutions.as_ref().and_then(|f| f.intro.as_ref()) {
            blocks.push(Block::Prose {
                wide: false,
                markdown: safe_prose(&i.value),
            });
        }
        blocks.push(self.cooperation_table());
    }

    /// A situation-analysis table, with merged group headers, marks, totals and its source.
    fn data_table(&mut self, t: &Table) -> TableView {
        let l = self.l;
        // A table whose notes give a legend for a starred mark („* - vakance”) prints its
        // vacancies as the source does, `0,5*`, so cells and legend agree.
        let starred = t.notes.iter().any(|n| {
            let n = n.value.trim_start();
            n.starts_with('*') && n.to_lowercase().contains("vakan")
        });
        let (columns, head, body) = if t.transposed {
            self.data_grid_turned(t, starred)
        } else {
            self.data_grid(t, starred)
        };
        // A total stated in prose (`totals`) is for the checks: the prose already prints it.
        let notes: Vec<String> = t.notes.iter().map(|n| n.value.clone()).collect();
        // A chart the source printed as a figure: its number, or a caption that starts with
        // the figure's number (`1.2. attēls: …`), which becomes its label.
        // The unit is the checks' (what a total adds up); the caption is printed as the source
        // prints it.
        let (number, caption) = match figure_caption(&t.caption.value) {
            Some((n, rest)) => (Some(n), rest),
            None => (
                t.number
                    .as_ref()
                    .map(|n| crate::model::norm_number(n))
                    .filter(|n| !n.is_empty()),
                t.caption.value.clone(),
            ),
        };
        let figure = t.is_figure();
        // A figure's label is the caption's opening, as printed (`1.2. attēls:`).
        let printed_label = t.label.as_ref().map(|l| l.value.clone()).or_else(|| {
            (figure && caption.len() < t.caption.value.trim().len()).then(|| {
                let whole = t.caption.value.trim();
                whole[..whole.len() - caption.len()].trim_end().to_string()
            })
        });
        let mut columns = columns;
        let wide = fit_columns(&mut columns, &head, &body);
        TableView {
            stated_columns: false,
            anchor: String::new(),
            key: format!("{}:{}", if figure { "fig" } else { "tab" }, t.id.value),
            from_source: true,
            printed_label,
            layout: t.layout.clone().map(Box::new),
            figure,
            number,
            label: String::new(),
            chart: t.chart.as_ref().and_then(|c| self.table_chart(t, c, &caption)),
            caption,
            wide,
            columns,
            head,
            body,
            source: t.source.as_ref().map(|s| format!("{}: {}", l.source, s.value)),
            notes,
        }
    }

    /// A data table's columns, header and rows as its `columns` and `rows` give them.
    fn data_grid(&self, t: &Table, starred: bool) -> (Vec<ColumnView>, Vec<Vec<CellView>>, Vec<RowView>) {
        let grouped = t.columns.iter().any(|c| c.group.is_some());
        let numeric = |role: ColumnRole| !matches!(role, ColumnRole::Label);
        let columns: Vec<ColumnView> = t
            .columns
            .iter()
            .map(|c| ColumnView {
                flat: match &c.group {
                    Some(g) => format!("{}: {}", g.value, c.label.value),
                    None => c.label.value.clone(),
                },
                numeric: numeric(c.role),
                weight: if numeric(c.role) { 1 } else { 3 },
                width: String::new(),
            })
            .collect();
        let mut top = Vec::new();
        let mut second = Vec::new();
        let mut i = 0;
        while i < t.columns.len() {
            let c = &t.columns[i];
            match &c.group {
                Some(g) => {
                    let n = t.columns[i..]
                        .iter()
                        .take_while(|d| d.group.as_ref().map(|x| &x.value) == Some(&g.value))
                        .count();
                    top.push(CellView::head(g.value.clone()).span(n, 1));
                    for d in &t.columns[i..i + n] {
                        second.push(CellView::head(d.label.value.clone()));
                    }
                    i += n;
                }
                None => {
                    top.push(CellView::head(c.label.value.clone()).span(1, if grouped { 2 } else { 1 }));
                    i += 1;
                }
            }
        }
        let head = if grouped { vec![top, second] } else { vec![top] };
        let body: Vec<RowView> = t
            .rows
            .iter()
            .map(|r| {
                let cells = t
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(ci, c)| {
                        let cell = r.cells.get(ci).map(|c| &c.value);
                        let mut v = self.data_cell(cell, c.role, starred);
                        v.header = ci == 0 && c.role == ColumnRole::Label;
                        v
                    })
                    .collect();
                RowView {
                    role: row_role(r.role),
                    cells,
                }
            })
            .collect();
        (columns, head, body)
    }

    /// A data table the source prints turned: a row per value column, headed by its label,
    /// and a column per row, headed by the row's labels (or the printed header of `layout`).
    fn data_grid_turned(
        &self,
        t: &Table,
        starred: bool,
    ) -> (Vec<ColumnView>, Vec<Vec<CellView>>, Vec<RowView>) {
        let labels: Vec<usize> = (0..t.columns.len())
            .filter(|&i| t.columns[i].role == ColumnRole::Label)
            .collect();
        let text_of = |r: &crate::model::Row, i: usize| match r.cells.get(i).map(|c| &c.value) {
            Some(Cell::Text(s)) => s.clone(),
            Some(Cell::Number(n)) => self.lang.figure(*n),
            _ => String::new(),
        };
        let mut columns = vec![col("", false, 3)];
        let mut top = vec![CellView::head("")];
        for r in &t.rows {
            let name: Vec<String> = labels
                .iter()
                .map(|&i| text_of(r, i))
                .filter(|s| !s.is_empty())
                .collect();
            let name = name.join(" ");
            columns.push(col(&name, true, 1));
            top.push(CellView::head(name));
        }
        let body = t
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role != ColumnRole::Label)
            .map(|(ci, c)| {
                let mut first = CellView::text(c.label.value.clone());
                first.header = true;
                let mut cells = vec![first];
                cells.extend(
                    t.rows
                        .iter()
                        .map(|r| self.data_cell(r.cells.get(ci).map(|c| &c.value), c.role, starred)),
                );
                RowView {
                    role: if c.role == ColumnRole::Total {
                        "total"
                    } else {
                        "data"
                    },
                    cells,
                }
            })
            .collect();
        (columns, vec![top], body)
    }

    /// The chart a table's rows draw: a category per row (its first label cell), a series per
    /// value column.
    fn table_chart(&self, t: &Table, c: &crate::model::TableChart, caption: &str) -> Option<ChartView> {
        let label_col = t.columns.iter().position(|c| c.role == ColumnRole::Label)?;
        let decimals = c.decimals.as_ref().map(|d| d.value);
        let series: Vec<Series> = t
            .columns
            .iter()
            .enumerate()
            .filter(|(_, col)| col.role != ColumnRole::Label)
            .map(|(ci, col)| Series {
                name: col.label.value.clone(),
                points: t
                    .rows
                    .iter()
                    .filter_map(|r| {
                        let label = match r.cells.get(label_col).map(|c| &c.value) {
                            Some(Cell::Text(s)) => s.clone(),
                            _ => String::new(),
                        };
                        let n = match r.cells.get(ci).map(|c| &c.value) {
                            Some(Cell::Number(n)) => *n,
                            _ => return None,
                        };
                        let text = match c.labels {
                            crate::model::ChartLabels::Percent => self.lang.figure_percent(
                                crate::model::Num::new(n.value * 100.0, decimals.unwrap_or(0)),
                            ),
                            crate::model::ChartLabels::Value => self.lang.figure(match decimals {
                                Some(d) => crate::model::Num::new(n.value, d),
                                None => n,
                            }),
                        };
                        Some(Point {
                            label,
                            value: n.value,
                            written: Some(n.to_string()),
                            text,
                            baseline: false,
                        })
                    })
                    .collect(),
            })
            .collect();
        Some(ChartView {
            anchor: String::new(),
            shape: match c.kind.value {
                crate::model::ChartKind::Pie => "pie",
                crate::model::ChartKind::Column => "column",
            },
            title: caption.to_string(),
            source: None,
            series,
        })
    }

    /// One cell of a data table; `starred`: a vacancy is printed `0,5*` (the table's legend
    /// says what `*` means), else `0,5 (vakance)`.
    fn data_cell(&self, cell: Option<&Cell>, role: ColumnRole, starred: bool) -> CellView {
        let fmt = |v: Num| {
            if role == ColumnRole::Percent {
                self.lang.figure_percent(v)
            } else {
                self.lang.figure(v)
            }
        };
        match cell {
            None | Some(Cell::Empty(())) => CellView::text(""),
            // A cell of several lines (a list in the cell) prints them as its lines.
            Some(Cell::Text(s)) if s.contains('\n') => CellView::lines(
                s.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect(),
            ),
            Some(Cell::Text(s)) => CellView::text(s.clone()),
            Some(Cell::Number(n)) => CellView::number(fmt(*n)),
            Some(Cell::Marked(m)) => {
                let text = match (&m.text, m.value, m.mark) {
                    (Some(t), _, _) => t.clone(),
                    (None, Some(v), Some(Mark::Vacancy)) if starred => format!("{}*", fmt(v)),
                    (None, Some(v), Some(Mark::Vacancy)) => format!("{} ({})", fmt(v), self.l.vacancy),
                    (None, Some(v), _) => fmt(v),
                    (None, None, Some(Mark::NotAvailable)) => self.l.not_available.to_string(),
                    (None, None, Some(Mark::Vacancy)) => self.l.vacancy.to_string(),
                    (None, None, Some(Mark::Footnote) | None) => String::new(),
                };
                CellView {
                    mark: m.mark.map(|k| match k {
                        Mark::Vacancy => "vacancy",
                        Mark::NotAvailable => "not-available",
                        Mark::Footnote => "footnote",
                    }),
                    ..CellView::number(text)
                }
            }
        }
    }

    fn cooperation_table(&mut self) -> Block {
        let l = self.l;
        let f = self.p.institutions.as_ref().expect("called with a registry");
        type Pick = fn(&crate::model::Responsibilities) -> &Vec<crate::model::Sp<String>>;
        let all: [(&str, Pick); 7] = [
            (l.general, |r| &r.general),
            (l.universal, |r| &r.universal),
            (l.targeted, |r| &r.targeted),
            (l.indicated, |r| &r.indicated),
            (l.pmp_context, |r| &r.pmp_context),
            (l.involvement, |r| &r.involvement),
            (l.explanations, |r| &r.explanations),
        ];
        // Only the kinds of responsibility some institution has: a programme that divides duties
        // by cooperation level rather than by prevention level has nothing in the three level
        // columns, and three empty columns would read as "no duties".
        let used: Vec<(&str, Pick)> = all
            .into_iter()
            .filter(|(_, pick)| {
                f.institutions
                    .iter()
                    .any(|inst| !pick(&inst.responsibilities).is_empty())
            })
            .collect();
        let mut columns = vec![ColumnView {
            flat: l.institution.into(),
            numeric: false,
            weight: 2,
            width: String::new(),
        }];
        let mut head = vec![CellView::head(l.institution)];
        for (name, _) in &used {
            columns.push(ColumnView {
                flat: (*name).into(),
                numeric: false,
                weight: 3,
                width: String::new(),
            });
            head.push(CellView::head(*name));
        }
        // Only the bodies with some responsibility: the registry also lists bodies the plan
        // merely names, and a row of empty cells says nothing.
        let body = f
            .institutions
            .iter()
            .filter(|inst| {
                used.iter()
                    .any(|(_, pick)| !pick(&inst.responsibilities).is_empty())
            })
            .map(|inst| {
                let mut name = inst.name.value.clone();
                if let Some(s) = inst.short.first() {
                    name.push_str(&format!(" ({})", s.value));
                }
                let mut cells = vec![CellView {
                    header: true,
                    ..CellView::text(name)
                }];
                for (_, pick) in &used {
                    cells.push(CellView::lines(
                        pick(&inst.responsibilities)
                            .iter()
                            .map(|s| s.value.clone())
                            .collect(),
                    ));
                }
                RowView { role: "data", cells }
            })
            .collect();
        let (label, anchor) = (String::new(), String::new());
        Block::Table(TableView {
            chart: None,
            stated_columns: false,
            anchor,
            key: key_of(Content::Cooperation),
            from_source: false,
            printed_label: None,
            layout: f.layout.clone().map(Box::new),
            number: None,
            figure: false,
            label,
            caption: self.ours(l.cooperation).into(),
            wide: used.len() > 3,
            columns,
            head: vec![head],
            body,
            source: None,
            notes: Vec::new(),
        })
    }

    /// The goals' introduction and the table of goals with their expected results.
    fn goals_blocks(&mut self, blocks: &mut Vec<Block>) {
        let l = self.l;
        if let Some(g) = &self.p.goals {
            prose(g.intro.as_ref(), blocks);
            // The goals this table prints: a goal another table alone lists (`absent` here)
            // is not added to it.
            let table = g.printed_in.as_ref().map(|t| t.value.as_str());
            let mut body = Vec::new();
            for level in Level::ALL {
                let goals: Vec<_> = g
                    .goals
                    .iter()
                    .filter(|g| g.level.value == level && crate::model::entry_in(&g.printed, table).is_some())
                    .collect();
                if goals.is_empty() {
                    continue;
                }
                let name = g
                    .layout
                    .as_ref()
                    .and_then(|x| x.levels.as_ref())
                    .and_then(|n| n.get(level));
                body.push(group_row(name.unwrap_or(l.level(level)), 3));
                for goal in goals {
                    body.push(RowView {
                        role: "data",
                        cells: vec![
                            CellView::text(goal.number.as_ref().map(|n| n.value.clone()).unwrap_or_default()),
                            CellView::text(goal.title.value.clone()),
                            CellView::lines(goal.results.iter().map(|r| r.value.clone()).collect()),
                        ],
                    });
                }
            }
            let (label, anchor) = (String::new(), String::new());
            blocks.push(Block::Table(TableView {
                chart: None,
                stated_columns: false,
                anchor,
                key: key_of(Content::Goals),
                from_source: false,
                printed_label: g.label.as_ref().map(|l| l.value.clone()),
                layout: g.layout.clone().map(Box::new),
                number: table_number(g.printed_in.as_ref()),
                figure: false,
                label,
                caption: caption_or(g.caption.as_ref(), self.ours(l.goals)),
                wide: false,
                columns: vec![
                    col(l.number, false, 1),
                    col(l.goal, false, 5),
                    col(l.expected_results, false, 6),
                ],
                head: vec![vec![
                    CellView::head(l.number),
                    CellView::head(l.goal),
                    CellView::head(l.expected_results),
                ]],
                body,
                source: None,
                notes: Vec::new(),
            }));
        }
    }

    fn indicator_blocks(&mut self, f: &crate::model::IndicatorsFile) -> Vec<Block> {
        let l = self.l;
        let lang = self.lang;
        let milestones: Vec<i32> = f.milestones.iter().map(|m| m.value).collect();
        let mut columns = vec![
            col(l.number, false, 1),
            col(l.indicator, false, 5),
            col(l.goal, false, 1),
            col(l.baseline, true, 2),
        ];
        for y in &milestones {
            columns.push(col(&format!("{}: {y}", l.targets), true, 2));
        }
        columns.push(col(l.data_source, false, 2));
        let mut top = vec![
            CellView::head(l.number).span(1, 2),
            CellView::head(l.indicator).span(1, 2),
            CellView::head(l.goal).span(1, 2),
            CellView::head(l.baseline).span(1, 2),
        ];
        let two_rows = !milestones.is_empty();
        if two_rows {
            top.push(CellView::head(l.targets).span(milestones.len(), 1));
        }
        top.push(CellView::head(l.data_source).span(1, 2));
        if !two_rows {
            for c in &mut top {
                c.rowspan = 1;
            }
        }
        let second: Vec<CellView> = milestones.iter().map(|y| CellView::head(y.to_string())).collect();
        let mut body = Vec::new();
        let mut charts = Vec::new();
        // The level rows the source prints between its indicators (`layout.levels`): one
        // where the level changes, in the source's order.
        let levels = f.layout.as_ref().and_then(|x| x.levels.as_ref());
        let mut last_level = None;
        for ind in &f.indicators {
            let unit = ind.unit.as_ref().map(|u| u.value);
            let label_of = |key: &str| {
                ind.breakdowns
                    .iter()
                    .find(|b| b.key.value == key)
                    .map(|b| b.label.value.clone())
                    .unwrap_or_else(|| key.to_string())
            };
            let values = |v: Option<Num>, vs: &[crate::model::BreakdownValue]| -> Vec<String> {
                let mut out: Vec<String> = v.map(|v| Self::unit_value(lang, v, unit)).into_iter().collect();
                out.extend(vs.iter().map(|bv| {
                    format!(
                        "{}: {}",
                        label_of(&bv.key),
                        Self::unit_value(lang, *bv.value, unit)
                    )
                }));
                out
            };
            let b = &ind.baseline;
            let mut baseline = match &b.text {
                Some(t) => vec![t.value.clone()],
                None => values(b.value.as_ref().map(|v| v.value), &b.values),
            };
            if let Some(y) = &b.year
                && b.text.is_none()
            {
                baseline.push(format!("({})", y.value));
            }
            // The source's own wording of a baseline to be set is printed as it is, not twice.
            if let Some(y) = &b.to_be_set
                && b.text.is_none()
            {
                baseline.push(match self.lang {
                    Lang::Lv => format!("{} {}.{}gadā", capitalize(l.to_be_set), y.value, lv::NBSP),
                    Lang::En => format!("{} {}", capitalize(l.to_be_set), y.value),
                });
            }
            let mut cells = vec![
                CellView::text(ind.number.as_ref().map(|n| n.value.clone()).unwrap_or_default()),
                CellView::text(ind.title.value.clone()),
                CellView::text(
                    ind.goals
                        .iter()
                        .map(|g| {
                            self.ix
                                .goals
                                .get(g.value.as_str())
                                .and_then(|g| g.number.as_ref())
                                .map(|n| crate::model::norm_number(n))
                                .unwrap_or_else(|| g.value.clone())
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                CellView {
                    numeric: true,
                    ..CellView::lines(baseline)
                },
            ];
            for y in &milestones {
                let lines = ind
                    .targets
                    .iter()
                    .filter(|t| *t.year == *y)
                    .flat_map(|t| match (&t.text, &t.trend) {
                        (Some(s), _) => vec![s.value.clone()],
                        (None, Some(tr)) => vec![tr.value.clone()],
                        (None, None) => values(t.value.as_ref().map(|v| v.value), &t.values),
                    })
                    .collect();
                cells.push(CellView {
                    numeric: true,
                    ..CellView::lines(lines)
                });
            }
            cells.push(CellView::text(
                ind.source.as_ref().map(|s| s.value.clone()).unwrap_or_default(),
            ));
            if let (Some(names), Some(level)) = (levels, ind.level.as_ref().map(|x| x.value))
                && last_level != Some(level)
            {
                last_level = Some(level);
                body.push(group_row(names.get(level).unwrap_or(l.level(level)), cells.len()));
            }
            body.push(RowView { role: "data", cells });
            if let Some(chart) = self.chart(ind, unit, &label_of) {
                charts.push(Block::Chart(chart));
            }
        }
        // The goal column only when some indicator names the goals it measures.
        if !f.indicators.iter().any(|i| !i.goals.is_empty()) {
            columns.remove(2);
            top.remove(2);
            for r in &mut body {
                if r.role == "group" {
                    // A level row spans the table: one column fewer.
                    for c in &mut r.cells {
                        c.colspan = c.colspan.saturating_sub(1).max(1);
                    }
                } else {
                    r.cells.remove(2);
                }
            }
        }
        let (label, anchor) = (String::new(), String::new());
        let blocks = vec![Block::Table(TableView {
            chart: None,
            stated_columns: false,
            anchor,
            key: key_of(Content::Indicators),
            from_source: false,
            printed_label: f.label.as_ref().map(|l| l.value.clone()),
            layout: f.layout.clone().map(Box::new),
            number: table_number(f.printed_in.as_ref()),
            figure: false,
            label,
            caption: caption_or(f.caption.as_ref(), self.ours(l.indicators)),
            // Baselines and targets are often words ("tiks noteikta 2024. gadā"), not figures:
            // with the number, title and source they need a landscape page.
            wide: columns.len() > 5,
            columns,
            head: if two_rows { vec![top, second] } else { vec![top] },
            body,
            source: None,
            notes: f.notes.iter().map(|n| n.value.clone()).collect(),
        })];
        if self.options.indicator_charts {
            self.annex.extend(charts);
        }
        blocks
    }

    fn chart(
        &self,
        ind: &crate::model::Indicator,
        unit: Option<Unit>,
        label_of: &dyn Fn(&str) -> String,
    ) -> Option<ChartView> {
        let l = self.l;
        let base_year = ind.baseline.year.as_ref().map(|y| y.value);
        let point = |year: Option<i32>, v: Num, baseline: bool| Point {
            label: match (year, baseline) {
                (Some(y), true) => format!("{y} ({})", l.baseline.to_lowercase()),
                (Some(y), false) => y.to_string(),
                (None, _) => l.baseline.to_lowercase(),
            },
            value: v.value,
            text: Self::unit_value(self.lang, v, unit),
            baseline,
            written: None,
        };
        let mut series = Vec::new();
        if ind.breakdowns.is_empty() {
            let mut points: Vec<Point> = ind
                .baseline
                .value
                .as_ref()
                .map(|v| point(base_year, v.value, true))
                .into_iter()
                .collect();
            for t in &ind.targets {
                if let Some(v) = &t.value {
                    points.push(point(Some(*t.year), v.value, false));
                }
            }
            series.push(Series {
                name: ind.title.value.clone(),
                points,
            });
        } else {
            for b in &ind.breakdowns {
                let find = |vs: &[crate::model::BreakdownValue]| {
                    vs.iter().find(|x| x.key.value == b.key.value).map(|x| *x.value)
                };
                let mut points: Vec<Point> = find(&ind.baseline.values)
                    .map(|v| point(base_year, v, true))
                    .into_iter()
                    .collect();
                for t in &ind.targets {
                    if let Some(v) = find(&t.values) {
                        points.push(point(Some(*t.year), v, false));
                    }
                }
                series.push(Series {
                    name: label_of(&b.key),
                    points,
                });
            }
        }
        series.retain(|s| !s.points.is_empty());
        if series.iter().map(|s| s.points.len()).sum::<usize>() == 0 {
            return None;
        }
        let number = ind
            .number
            .as_ref()
            .map(|n| format!("{} ", n.value.trim()))
            .unwrap_or_default();
        Some(ChartView {
            anchor: format!("chart-{}", ind.id.value),
            shape: "column",
            title: format!("{number}{}", ind.title.value),
            source: ind.source.as_ref().map(|s| format!("{}: {}", l.source, s.value)),
            series,
        })
    }

    /// The plan's introduction and the action plan table.
    /// The activities one of the plan's tables prints (`table`: its name in `printed`
    /// entries), keeping `keep`, grouped by goal in the order the plan first names the goals,
    /// each with the number and title that table prints for it and its goal.
    fn activities_in(
        &self,
        table: Option<&str>,
        keep: impl Fn(&crate::model::Activity) -> bool,
    ) -> Vec<ActivityRow<'a>> {
        let Some(plan) = &self.p.plan else {
            return Vec::new();
        };
        let mut goal_order: Vec<&str> = Vec::new();
        for a in &plan.activities {
            if !goal_order.contains(&a.goal.value.as_str()) {
                goal_order.push(&a.goal.value);
            }
        }
        let mut out: Vec<ActivityRow<'a>> = Vec::new();
        for goal_id in goal_order {
            let goal = self
                .p
                .goals
                .iter()
                .flat_map(|g| &g.goals)
                .find(|g| g.id.value == goal_id);
            let entry = goal.and_then(|g| crate::model::entry_in(&g.printed, table).flatten());
            let goal_number = goal.and_then(|g| {
                crate::model::number_in(&g.printed, g.number.as_ref(), table)
                    .flatten()
                    .map(|n| n.value.trim().to_string())
            });
            let goal_title = goal.map(|g| {
                entry
                    .and_then(|e| e.title.as_ref())
                    .unwrap_or(&g.title)
                    .value
                    .clone()
            });
            let level = entry
                .and_then(|e| e.level.as_ref())
                .or(goal.map(|g| &g.level))
                .map(|x| x.value);
            let mut first = true;
            for a in plan
                .activities
                .iter()
                .filter(|a| a.goal.value == goal_id && keep(a))
            {
                let Some(own) = crate::model::entry_in(&a.printed, table) else {
                    continue;
                };
                let first_of_level = out.last().is_none_or(|p| p.level != level);
                out.push(ActivityRow {
                    activity: a,
                    number: crate::model::number_in(&a.printed, a.number.as_ref(), table)
                        .flatten()
                        .map(|n| n.value.trim().to_string()),
                    title: own
                        .and_then(|e| e.title.as_ref())
                        .unwrap_or(&a.title)
                        .value
                        .clone(),
                    goal_id: goal_id.to_string(),
                    goal_number: goal_number.clone(),
                    goal_title: goal_title.clone(),
                    level,
                    first_of_goal: first,
                    first_of_level,
                });
                first = false;
            }
        }
        out
    }

    /// The row naming a goal in a table that prints goals as rows: `1. mērķis. Droša …` /
    /// `Goal 1. Safe …`.
    fn goal_heading(&self, r: &ActivityRow<'_>) -> String {
        let l = self.l;
        let bare = r.goal_number.as_deref().map(|n| n.trim_end_matches('.'));
        match (bare, &r.goal_title, self.lang) {
            (Some(n), Some(t), Lang::Lv) => format!("{n}.{}{}. {t}", lv::NBSP, l.goal.to_lowercase()),
            (Some(n), Some(t), Lang::En) => format!("{} {n}. {t}", l.goal),
            (None, Some(t), _) => format!("{} {t}", l.goal),
            (_, None, _) => format!("{} {}", l.goal, r.goal_id),
        }
    }

    /// The plan's introduction and the action plan table.
    fn plan_blocks(&mut self, blocks: &mut Vec<Block>) {
        use crate::model::PlanColumn as C;
        let l = self.l;
        let years: Vec<i32> = self
            .p
            .manifest
            .as_ref()
            .map(|m| m.period.years().collect())
            .unwrap_or_default();
        let Some(plan) = &self.p.plan else {
            return;
        };
        prose(plan.intro.as_ref(), blocks);
        let stated: Vec<C> = plan.columns.iter().map(|c| c.value).collect();
        let spec: &[C] = if stated.is_empty() { &C::STANDARD } else { &stated };
        let goal_columns = spec.iter().any(|c| matches!(c, C::Goal | C::GoalNumber));
        // Each column: its header, its share of the width, figures or text.
        let head_of = |c: C| match c {
            C::GoalNumber | C::Number => (l.number, 1, false),
            C::Goal => (l.goal, 3, false),
            C::Activity => (l.activity, 4, false),
            C::Results => (l.expected_results, 4, false),
            C::Responsible => (l.responsible, 2, false),
            C::Involved => (l.involved, 2, false),
            C::Years => (l.years, 1, true),
            C::Funding => (l.funding, 2, false),
        };
        let mut columns = Vec::new();
        let mut top = Vec::new();
        for &c in spec {
            let (word, weight, numeric) = head_of(c);
            if c == C::Years {
                if years.is_empty() {
                    continue;
                }
                for y in &years {
                    columns.push(col(&format!("{word}: {y}"), numeric, weight));
                }
                top.push(CellView::head(word).span(years.len(), 1));
            } else {
                columns.push(col(word, numeric, weight));
                top.push(CellView::head(word).span(1, if years.is_empty() { 1 } else { 2 }));
            }
        }
        let ncols = columns.len();
        let second: Vec<CellView> = years.iter().map(|y| CellView::head(y.to_string())).collect();
        let mut body = Vec::new();
        let table = plan.printed_in.as_ref().map(|t| t.value.as_str());
        let levels = plan.layout.as_ref().and_then(|x| x.levels.as_ref());
        for r in self.activities_in(table, |_| true) {
            let a = r.activity;
            // A level the layout does not name has no row of its own in this table.
            if let (Some(names), Some(level), true) = (levels, r.level, r.first_of_level)
                && let Some(name) = names.get(level)
            {
                body.push(group_row(name, ncols));
            }
            if !goal_columns && r.first_of_goal {
                body.push(group_row(&self.goal_heading(&r), ncols));
            }
            let mut cells = Vec::with_capacity(ncols);
            for &c in spec {
                match c {
                    // The goal on its first activity's row; the rows below leave it blank.
                    C::GoalNumber => cells.push(first_only(r.first_of_goal, r.goal_number.as_deref())),
                    C::Goal => cells.push(first_only(r.first_of_goal, r.goal_title.as_deref())),
                    C::Number => cells.push(CellView::text(
                        a.number.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                    )),
                    C::Activity => cells.push(CellView::text(a.title.value.clone())),
                    C::Results => cells.push(CellView::lines(
                        a.results.iter().map(|r| r.value.clone()).collect(),
                    )),
                    C::Responsible => cells.push(CellView::text(self.institutions(&a.responsible))),
                    C::Involved => cells.push(CellView::text(self.institutions(&a.involved))),
                    C::Years => {
                        for y in &years {
                            let on = a.years.iter().any(|x| x.value == *y);
                            cells.push(CellView::text(if on { "X" } else { "" }));
                        }
                    }
                    C::Funding => cells.push(CellView::text(joined(&a.funding))),
                }
            }
            body.push(RowView { role: "data", cells });
        }
        blocks.push(Block::Table(TableView {
            chart: None,
            anchor: String::new(),
            key: key_of(Content::Plan),
            from_source: false,
            // A column set the programme states is printed whole, empty columns too.
            stated_columns: !stated.is_empty(),
            printed_label: plan.label.as_ref().map(|l| l.value.clone()),
            layout: plan.layout.clone().map(Box::new),
            number: table_number(plan.printed_in.as_ref()),
            figure: false,
            label: String::new(),
            caption: caption_or(plan.caption.as_ref(), self.ours(l.action_plan)),
            wide: true,
            columns,
            head: if years.is_empty() {
                vec![top]
            } else {
                vec![top, second]
            },
            body,
            source: None,
            notes: plan.notes.iter().map(|n| n.value.clone()).collect(),
        }));
    }

    /// A task's deadline as printed: its `timing`, else its start and end.
    fn deadline(&self, t: &crate::model::Task) -> String {
        let date = |d: &PartialDate| self.lang.partial_date(d.year, d.month, d.day);
        match (&t.start, &t.end, &t.timing) {
            (_, _, Some(s)) => s.value.clone(),
            (Some(s), Some(e), None) => lv::range(&date(s), &date(e)),
            (Some(s), None, None) => date(s),
            (None, Some(e), None) => date(e),
            (None, None, None) => String::new(),
        }
    }

    /// The table of the activities' tasks, where the plan has any.
    fn tasks_blocks(&mut self, blocks: &mut Vec<Block>) {
        use crate::model::TaskColumn as C;
        let l = self.l;
        let Some(plan) = &self.p.plan else {
            return;
        };
        if !plan.activities.iter().any(|a| !a.tasks.is_empty()) {
            return;
        }
        let stated: Vec<C> = plan.tasks_columns.iter().map(|c| c.value).collect();
        let spec: &[C] = if stated.is_empty() { &C::STANDARD } else { &stated };
        let activity_columns = spec.iter().any(|c| matches!(c, C::Activity | C::Number));
        let head_of = |c: C| match c {
            C::Level => (l.level_short, 1),
            C::GoalNumber | C::Number | C::TaskNumber => (l.number, 1),
            C::Goal => (l.goal, 3),
            C::Activity => (l.activity, 3),
            C::Task => (l.task, 5),
            C::Deadline => (l.deadline, 2),
            C::Executor => (l.executor, 2),
            C::Supervisor => (l.supervisor, 2),
        };
        let cols: Vec<(&str, u32)> = spec.iter().map(|&c| head_of(c)).collect();
        let table = plan
            .tasks_printed_in
            .as_ref()
            .or(plan.printed_in.as_ref())
            .map(|t| t.value.as_str());
        let layout = plan.tasks_layout.as_ref();
        let levels = layout.and_then(|x| x.levels.as_ref());
        let mut body = Vec::new();
        for r in self.activities_in(table, |a| !a.tasks.is_empty()) {
            if !activity_columns {
                let n = r.number.as_ref().map(|n| format!("{n} ")).unwrap_or_default();
                body.push(group_row(&format!("{n}{}", r.title), cols.len()));
            }
            for (k, t) in r.activity.tasks.iter().enumerate() {
                let first = k == 0;
                let cells = spec
                    .iter()
                    .map(|&c| match c {
                        C::Level => {
                            let mark = levels.zip(r.level).and_then(|(n, lv)| n.get(lv));
                            first_only(first && r.first_of_level, mark)
                        }
                        C::GoalNumber => first_only(first && r.first_of_goal, r.goal_number.as_deref()),
                        C::Goal => first_only(first && r.first_of_goal, r.goal_title.as_deref()),
                        C::Number => first_only(first, r.number.as_deref()),
                        C::Activity => first_only(first, Some(&r.title)),
                        C::TaskNumber => {
                            CellView::text(t.number.as_ref().map(|n| n.value.clone()).unwrap_or_default())
                        }
                        C::Task => CellView::text(t.title.value.clone()),
                        C::Deadline => CellView::text(self.deadline(t)),
                        C::Executor => CellView::text(self.institutions(&t.executor)),
                        C::Supervisor => CellView::text(self.institutions(&t.supervisor)),
                    })
                    .collect();
                body.push(RowView { role: "data", cells });
            }
        }
        let mut table_view = simple_table(
            &key_of(Content::Tasks),
            self.ours(l.tasks),
            &cols,
            body,
            cols.len() > 6,
        );
        table_view.number = table_number(plan.tasks_printed_in.as_ref());
        table_view.stated_columns = !stated.is_empty();
        table_view.layout = layout.cloned().map(Box::new);
        blocks.push(Block::Table(table_view));
    }

    /// The table of the activities' resources, where the plan has any.
    fn resources_blocks(&mut self, blocks: &mut Vec<Block>) {
        use crate::model::ResourceColumn as C;
        let l = self.l;
        let Some(plan) = &self.p.plan else {
            return;
        };
        if !plan.activities.iter().any(|a| a.resources.is_some()) {
            return;
        }
        let stated: Vec<C> = plan.resources_columns.iter().map(|c| c.value).collect();
        let spec: &[C] = if stated.is_empty() { &C::STANDARD } else { &stated };
        // pmp's own activity column carries the number; a stated one prints the title alone.
        let numbered = !stated.is_empty();
        let head_of = |c: C| match c {
            C::Level => (l.level_short, 1),
            C::Number => (l.number, 1),
            C::Activity => (l.activity, 3),
            C::Result => (l.result, 3),
            C::Responsible => (l.responsible, 2),
            C::Human => (l.human_resources, 2),
            C::Support => (l.support_resources, 2),
            C::Financial => (l.financial_resources, 2),
            C::Resources => (l.resources_needed, 4),
            C::Funding => (l.funding, 2),
        };
        let cols: Vec<(&str, u32)> = spec.iter().map(|&c| head_of(c)).collect();
        let table = plan
            .resources_printed_in
            .as_ref()
            .or(plan.printed_in.as_ref())
            .map(|t| t.value.as_str());
        let layout = plan.resources_layout.as_ref();
        let levels = layout.and_then(|x| x.levels.as_ref());
        let list =
            |v: &[crate::model::Sp<String>]| CellView::lines(v.iter().map(|s| s.value.clone()).collect());
        let mut body = Vec::new();
        for r in self.activities_in(table, |a| a.resources.is_some()) {
            let Some(res) = &r.activity.resources else {
                continue;
            };
            let responsible = if res.responsible.is_empty() {
                &r.activity.responsible
            } else {
                &res.responsible
            };
            let cells = spec
                .iter()
                .map(|&c| match c {
                    C::Level => {
                        let mark = levels.zip(r.level).and_then(|(n, lv)| n.get(lv));
                        first_only(r.first_of_level, mark)
                    }
                    C::Number => CellView::text(r.number.clone().unwrap_or_default()),
                    C::Activity => {
                        let n = match (&r.number, numbered) {
                            (Some(n), false) => format!("{n} "),
                            _ => String::new(),
                        };
                        CellView {
                            header: true,
                            ..CellView::text(format!("{n}{}", r.title))
                        }
                    }
                    C::Result => {
                        CellView::text(res.result.as_ref().map(|s| s.value.clone()).unwrap_or_default())
                    }
                    C::Responsible => CellView::text(self.institutions(responsible)),
                    C::Human => list(&res.human),
                    C::Support => list(&res.support),
                    C::Financial => list(&res.financial),
                    C::Resources => CellView::lines(
                        [
                            (l.human_resources, &res.human),
                            (l.support_resources, &res.support),
                            (l.financial_resources, &res.financial),
                        ]
                        .into_iter()
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(kind, v)| format!("{kind}: {}", joined(v)))
                        .collect(),
                    ),
                    C::Funding => CellView::text(joined(&res.funding)),
                })
                .collect();
            body.push(RowView { role: "data", cells });
        }
        let mut table_view = simple_table(
            &key_of(Content::Resources),
            self.ours(l.resources),
            &cols,
            body,
            true,
        );
        table_view.number = table_number(plan.resources_printed_in.as_ref());
        table_view.stated_columns = !stated.is_empty();
        table_view.layout = layout.cloned().map(Box::new);
        blocks.push(Block::Table(table_view));
    }

    fn timing(&self, t: &crate::model::Timing) -> String {
        if let Some(s) = &t.text {
            return s.value.clone();
        }
        let l = self.l;
        let month = |m: u32| match self.lang {
            Lang::Lv => lv::month_locative(m).to_string(),
            Lang::En => format!("in {}", lv::month_en(m)),
        };
        match t.every.value {
            Recurrence::Once => match (&t.year, &t.month) {
                (Some(y), Some(m)) => match self.lang {
                    Lang::Lv => lv::month_year_locative(**y, **m),
                    Lang::En => format!("{} {}", lv::month_en(**m), **y),
                },
                (Some(y), None) => match self.lang {
                    Lang::Lv => format!("{}.", **y),
                    Lang::En => y.to_string(),
                },
                _ => String::new(),
            },
            Recurrence::Date => t
                .date
                .as_ref()
                .map(|d| self.lang.date_short(**d))
                .unwrap_or_default(),
            Recurrence::Yearly => match &t.month {
                Some(m) => format!("{} {}", l.every_year, month(**m)),
                None => l.every_year.to_string(),
            },
            Recurrence::TwiceYearly => {
                let months: Vec<String> = t.months.iter().map(|m| month(**m)).collect();
                if months.is_empty() {
                    l.twice_a_year.to_string()
                } else {
                    format!("{}: {}", l.twice_a_year, lv::join_and(&months, l.and))
                }
            }
            r @ Recurrence::AsNeeded => l.recurrence(r).to_string(),
        }
    }

    /// The monitoring section's introduction and its table of processes.
    fn monitoring_blocks(&mut self, blocks: &mut Vec<Block>) {
        let l = self.l;
        let Some(m) = &self.p.monitoring else {
            return;
        };
        prose(m.intro.as_ref(), blocks);
        let body = m
            .events
            .iter()
            .map(|e| RowView {
                role: "data",
                cells: vec![
                    CellView::text(e.number.as_ref().map(|n| n.value.clone()).unwrap_or_default()),
                    CellView::text(e.title.value.clone()),
                    CellView::text(self.timing(&e.timing)),
                    CellView::text(self.institutions(&e.responsible)),
                    CellView::text(e.procedure.as_ref().map(|p| p.value.clone()).unwrap_or_default()),
                ],
            })
            .collect();
        let mut table = simple_table(
            &key_of(Content::Monitoring),
            self.ours(l.monitoring_calendar),
            &[
                (l.number, 1),
                (l.event, 3),
                (l.timing, 2),
                (l.responsible, 3),
                (l.procedure, 5),
            ],
            body,
            false,
        );
        table.number = table_number(m.printed_in.as_ref());
        table.printed_label = m.label.as_ref().map(|l| l.value.clone());
        table.layout = m.layout.clone().map(Box::new);
        table.caption = caption_or(m.caption.as_ref(), self.ours(l.monitoring_calendar));
        blocks.push(Block::Table(table));
    }

    /// The annual report's template: the source's table, else a numbered list of its items.
    fn report_template_blocks(&mut self, blocks: &mut Vec<Block>) {
        let Some(m) = self
            .p
            .monitoring
            .as_ref()
            .filter(|m| !m.report_template.is_empty())
        else {
            return;
        };
        match &m.report_table {
            Some(t) => blocks.push(Block::Table(report_table(
                &m.report_template,
                t,
                self.l,
                self.stated,
            ))),
            None => blocks.push(Block::List {
                ordered: true,
                items: m.report_template.iter().map(|s| s.value.clone()).collect(),
            }),
        }
    }

    /// The register of amendments: one row per amending decision.
    fn amendments_blocks(&mut self, blocks: &mut Vec<Block>) {
        let l = self.l;
        let amendments = self
            .p
            .manifest
            .as_ref()
            .map(|m| m.amendments.as_slice())
            .unwrap_or(&[]);
        if amendments.is_empty() {
            return;
        }
        let body = amendments
            .iter()
            .enumerate()
            .map(|(i, a)| RowView {
                role: "data",
                cells: vec![
                    CellView::text(format!("{}.", i + 1)),
                    CellView::text(self.lang.date_short(*a.decision.date)),
                    CellView::text(self.decision(l.amended_by, &a.decision)),
                    CellView::text(a.summary.value.clone()),
                ],
            })
            .collect();
        blocks.push(Block::Table(simple_table(
            &key_of(Content::Amendments),
            self.ours(l.amendments_log),
            &[(l.number, 1), (l.date, 2), (l.decision_col, 5), (l.summary, 5)],
            body,
            false,
        )));
    }
}

/// The source's own header for a table pmp builds, once its columns are final: the header rows
/// as printed (when they span as many columns as the table has; the flat names of the columns
/// follow them) and a row numbering the columns.
fn apply_layout(t: &mut TableView) {
    let Some(layout) = t.layout.take() else { return };
    let n = t.columns.len();
    let width: usize = layout
        .header
        .first()
        .map_or(0, |row| row.iter().map(|c| c.span().0).sum());
    if width == n && n > 0 {
        // The header's cells on its grid, to name each column by the texts above it.
        let mut names: Vec<Vec<String>> = vec![Vec::new(); n];
        let mut taken: Vec<usize> = vec![0; n];
        // A row numbering the columns (1, 2, 3 … in ascending order, some left out) names
        // none of them.
        let numbering = |row: &[crate::model::HeaderCell]| {
            let n: Vec<Option<u32>> = row.iter().map(|c| c.text().trim().parse().ok()).collect();
            n.iter().all(|k| k.is_some_and(|k| k < 100)) && n.windows(2).all(|w| w[0] < w[1])
        };
        t.head = layout
            .header
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let mut col = 0;
                row.iter()
                    .map(|c| {
                        while col < n && taken[col] > r {
                            col += 1;
                        }
                        let (cols, rows) = c.span();
                        for k in col..(col + cols).min(n) {
                            taken[k] = r + rows;
                            if !c.text().trim().is_empty()
                                && !numbering(row)
                                && names[k].last().map(String::as_str) != Some(c.text())
                            {
                                names[k].push(c.text().to_string());
                            }
                        }
                        col += cols;
                        CellView::head(c.text()).span(cols, rows)
                    })
                    .collect()
            })
            .collect();
        for (c, name) in t.columns.iter_mut().zip(names) {
            c.flat = name.join(": ");
        }
    }
    if layout.column_numbers {
        t.head
            .push((1..=n).map(|k| CellView::head(k.to_string())).collect());
    }
}

/// The key of the table a piece prints (`tab:goals`).
fn key_of(c: Content) -> String {
    c.table_key().unwrap_or_default().to_string()
}

/// The authors' prose, when there is any.
fn prose(text: Option<&crate::model::Sp<String>>, blocks: &mut Vec<Block>) {
    if let Some(t) = text {
        blocks.push(Block::Prose {
            wide: false,
            markdown: safe_prose(&t.value),
        });
    }
}

/// The authors' prose as every document gets it: a link that would run a script or open local
/// data (`javascript:` and the like) is plain text here, so no format has to remember it.
fn safe_prose(markdown: &str) -> String {
    lv::keep_together(&super::neutralise_links(markdown)).into_owned()
}

fn col(flat: &str, numeric: bool, weight: u32) -> ColumnView {
    ColumnView {
        flat: flat.to_string(),
        numeric,
        weight,
        width: String::new(),
    }
}

/// Leaves out the columns whose body cells are empty in every row that has a cell of its own
/// there (rows naming a group span the columns and do not count), with their header cells:
/// a merged header loses the columns it no longer spans, and a header row left with no cell
/// goes, the cells above reaching into it spanning one row less. A table with no such row,
/// or whose body merges rows, is left as it is.
fn drop_empty_columns(t: &mut TableView) {
    let n = t.columns.len();
    let data: Vec<&RowView> = t
        .body
        .iter()
        .filter(|r| r.cells.iter().all(|c| c.colspan == 1))
        .collect();
    if data.is_empty() || t.body.iter().any(|r| r.cells.iter().any(|c| c.rowspan > 1)) {
        return;
    }
    let keep: Vec<bool> = (0..n)
        .map(|i| {
            data.iter().any(|r| {
                r.cells
                    .get(i)
                    .is_some_and(|c| c.lines.iter().any(|l| !l.trim().is_empty()))
            })
        })
        .collect();
    if keep.iter().all(|k| *k) || !keep.iter().any(|k| *k) {
        return;
    }
    // A row's cells with the columns they start at, rows spanning from above skipped.
    let spans = |cells: &[CellView], taken: &mut Vec<usize>| -> Vec<usize> {
        let mut starts = Vec::with_capacity(cells.len());
        let mut col = 0;
        for c in cells {
            while taken.get(col).is_some_and(|&k| k > 0) {
                col += 1;
            }
            starts.push(col);
            for k in taken.iter_mut().skip(col).take(c.colspan.max(1)) {
                *k = c.rowspan.max(1);
            }
            col += c.colspan.max(1);
        }
        for k in taken.iter_mut() {
            *k = k.saturating_sub(1);
        }
        starts
    };
    let kept_in = |start: usize, span: usize| {
        (start..start + span)
            .filter(|&i| keep.get(i) == Some(&true))
            .count()
    };
    let mut taken = vec![0usize; n];
    let mut head = Vec::with_capacity(t.head.len());
    for row in &t.head {
        let starts = spans(row, &mut taken);
        let cells: Vec<CellView> = row
            .iter()
            .zip(starts)
            .filter_map(|(c, start)| {
                let span = kept_in(start, c.colspan.max(1));
                (span > 0).then(|| CellView {
                    colspan: span,
                    ..c.clone()
                })
            })
            .collect();
        head.push(cells);
    }
    // A header row with no cell left: the cells above that reached into it end a row sooner.
    while let Some(i) = head.iter().position(Vec::is_empty) {
        head.remove(i);
        for row in head.iter_mut().take(i) {
            for c in row.iter_mut().filter(|c| c.rowspan > 1) {
                c.rowspan -= 1;
            }
        }
    }
    t.head = head;
    for r in &mut t.body {
        let mut taken = vec![0usize; n];
        let starts = spans(&r.cells, &mut taken);
        r.cells = std::mem::take(&mut r.cells)
            .into_iter()
            .zip(starts)
            .filter_map(|(c, start)| {
                let span = kept_in(start, c.colspan.max(1));
                (span > 0).then_some(CellView { colspan: span, ..c })
            })
            .collect();
    }
    let mut i = 0;
    t.columns.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    // Five columns of text read well on a portrait page (Ogre's plan without its years).
    if t.columns.len() <= 5 {
        t.wide = false;
    }
}

/// A row naming the group of the rows below it, across every column.
/// An activity as one of the plan's tables prints it ([`Builder::activities_in`]).
struct ActivityRow<'a> {
    activity: &'a crate::model::Activity,
    /// The number and title that table prints for the activity.
    number: Option<String>,
    title: String,
    goal_id: String,
    /// The number and title that table prints for the activity's goal.
    goal_number: Option<String>,
    goal_title: Option<String>,
    level: Option<crate::model::Level>,
    /// The first row of its goal, of its level.
    first_of_goal: bool,
    first_of_level: bool,
}

/// A cell printed on the first row of its group only (a goal, an activity, a level), blank on
/// the rows below.
fn first_only(first: bool, text: Option<&str>) -> CellView {
    CellView::text(if first { text.unwrap_or_default() } else { "" })
}

/// A list printed in one line, comma-separated.
fn joined(v: &[crate::model::Sp<String>]) -> String {
    v.iter().map(|f| f.value.as_str()).collect::<Vec<_>>().join(", ")
}

/// A data row's role in the view.
fn row_role(r: RowRole) -> &'static str {
    match r {
        RowRole::Data => "data",
        RowRole::Subtotal => "subtotal",
        RowRole::Total => "total",
    }
}

fn group_row(text: &str, ncols: usize) -> RowView {
    RowView {
        role: "group",
        cells: vec![
            CellView {
                header: true,
                ..CellView::text(text)
            }
            .span(ncols, 1),
        ],
    }
}

/// A table with one header row.
fn simple_table(key: &str, caption: &str, cols: &[(&str, u32)], body: Vec<RowView>, wide: bool) -> TableView {
    TableView {
        chart: None,
        stated_columns: false,
        anchor: String::new(),
        key: key.into(),
        from_source: false,
        printed_label: None,
        layout: None,
        number: None,
        figure: false,
        label: String::new(),
        caption: caption.into(),
        wide,
        columns: cols.iter().map(|(n, w)| col(n, false, *w)).collect(),
        head: vec![cols.iter().map(|(n, _)| CellView::head(*n)).collect()],
        body,
        source: None,
        notes: Vec::new(),
    }
}

/// The annual report's template as the source prints it: its columns under their merged
/// headers, no rows (the report fills them).
fn report_table(
    columns: &[crate::model::Sp<String>],
    t: &crate::model::ReportTable,
    l: &Labels,
    stated: bool,
) -> TableView {
    let group_of = |label: &str| {
        t.groups
            .iter()
            .position(|g| g.columns.iter().any(|c| c.value.trim() == label.trim()))
    };
    let grouped = columns.iter().any(|c| group_of(&c.value).is_some());
    let (mut top, mut second) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < columns.len() {
        match group_of(&columns[i].value) {
            Some(g) => {
                let n = columns[i..]
                    .iter()
                    .take_while(|c| group_of(&c.value) == Some(g))
                    .count();
                top.push(CellView::head(t.groups[g].label.value.clone()).span(n, 1));
                second.extend(columns[i..i + n].iter().map(|c| CellView::head(c.value.clone())));
                i += n;
            }
            None => {
                top.push(CellView::head(columns[i].value.clone()).span(1, if grouped { 2 } else { 1 }));
                i += 1;
            }
        }
    }
    let head = if grouped { vec![top, second] } else { vec![top] };
    let mut cols: Vec<ColumnView> = columns
        .iter()
        .map(|c| {
            let flat = match group_of(&c.value) {
                Some(g) => format!("{}: {}", t.groups[g].label.value, c.value),
                None => c.value.clone(),
            };
            col(&flat, false, 1)
        })
        .collect();
    let wide = fit_columns(&mut cols, &head, &[]);
    TableView {
        chart: None,
        stated_columns: false,
        anchor: String::new(),
        key: key_of(Content::ReportTemplate),
        from_source: true,
        printed_label: t.label.as_ref().map(|l| l.value.clone()),
        layout: None,
        number: table_number(t.number.as_ref()),
        figure: false,
        label: String::new(),
        caption: caption_or(t.caption.as_ref(), if stated { "" } else { l.report_template }),
        wide,
        columns: cols,
        head,
        body: Vec::new(),
        source: None,
        notes: Vec::new(),
    }
}

/// The source's caption of a table pmp builds, when the programme records it, else pmp's own.
fn caption_or(source: Option<&crate::model::Sp<String>>, ours: &str) -> String {
    source
        .map(|c| c.value.trim().to_string())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| ours.to_string())
}

/// The number of a source table named by a `printed_in` field, when that names it by number
/// (`2.3.` → `2.3`; `3. nodaļas mērķu tabula` names no number).
fn table_number(printed_in: Option<&crate::model::Sp<String>>) -> Option<String> {
    let n = crate::model::norm_number(&printed_in?.value);
    let parts: Vec<&str> = n.split('.').collect();
    (parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
    .then_some(n)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) use crate::model::figure_caption;

/// Sets a data table's column weights from what the columns hold, and says whether the table
/// needs a landscape page. A figure column is as wide as its longest value or header word
/// (figures never wrap well); a text column as its longest word, or its longest line up to a
/// limit (it wraps). The widths are in characters of the table's 10 pt type: a portrait page's
/// text is about 100 of them wide, cell padding included.
fn fit_columns(columns: &mut [ColumnView], head: &[Vec<CellView>], body: &[RowView]) -> bool {
    const PORTRAIT_CHARS: usize = 100;
    const PADDING: usize = 2;
    const TEXT_LINE: usize = 24;
    let chars = |s: &str| s.chars().count();
    let longest_word = |s: &str| s.split_whitespace().map(chars).max().unwrap_or(0);
    // A header is bold; a word in capitals (`IEGULDĪTAIS`) is about half as wide again.
    let header_word = |s: &str| {
        s.split_whitespace()
            .map(|w| {
                let capitals = w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
                if capitals { chars(w) * 3 / 2 } else { chars(w) }
            })
            .max()
            .unwrap_or(0)
    };
    let mut need: Vec<usize> = vec![3; columns.len()];
    // Header cells: only those over one column constrain it. A cell spanning rows takes its
    // column in the rows below too.
    let mut taken = vec![0usize; columns.len()];
    for row in head {
        let mut col = 0;
        for c in row {
            while taken.get(col).is_some_and(|&t| t > 0) {
                taken[col] -= 1;
                col += 1;
            }
            if c.colspan == 1
                && let Some(n) = need.get_mut(col)
            {
                *n = (*n).max(c.lines.iter().map(|l| header_word(l)).max().unwrap_or(0));
            }
            for t in taken.iter_mut().skip(col).take(c.colspan.max(1)) {
                *t = c.rowspan.max(1) - 1;
            }
            col += c.colspan.max(1);
        }
        for t in taken.iter_mut().skip(col) {
            *t = t.saturating_sub(1);
        }
    }
    for row in body {
        let mut col = 0;
        for c in &row.cells {
            if c.colspan == 1
                && let (Some(n), Some(cv)) = (need.get_mut(col), columns.get(col))
            {
                for line in &c.lines {
                    let w = if cv.numeric {
                        chars(line).min(TEXT_LINE)
                    } else {
                        longest_word(line).max(chars(line).min(TEXT_LINE))
                    };
                    *n = (*n).max(w);
                }
            }
            col += c.colspan.max(1);
        }
    }
    for (c, n) in columns.iter_mut().zip(&need) {
        c.weight = (*n + PADDING) as u32;
    }
    let total: usize = need.iter().map(|n| n + PADDING).sum();
    total > PORTRAIT_CHARS || columns.len() > 9
}

/// A wide table is printed on a landscape page; the headings and short prose that introduce it
/// go onto that page with it, so no heading is left alone at the bottom of a portrait page.
fn keep_with_wide_tables(ch: &mut Chapter) {
    const MAX_INTRO: usize = 4;
    for i in 0..ch.blocks.len() {
        if !matches!(&ch.blocks[i], Block::Table(t) if t.wide) {
            continue;
        }
        let mut j = i;
        while j > 0 && i - j < MAX_INTRO {
            match &mut ch.blocks[j - 1] {
                Block::Heading { wide, .. } | Block::Prose { wide, .. } => *wide = true,
                _ => break,
            }
            j -= 1;
        }
        if j == 0 {
            ch.wide_start = true;
        }
    }
}

/// The keys prose can refer to (`tab:t-1-4`, `sec:plan`, ...), as [`build`] makes them, without
/// building the document: `pmp check` asks this of every programme whose prose has a
/// reference. Both take them from the one resolved outline; a test compares the two.
pub fn target_keys(p: &Programme) -> std::collections::BTreeSet<String> {
    fn walk(p: &Programme, n: &Node, keys: &mut std::collections::BTreeSet<String>) {
        keys.extend(n.keys.iter().cloned());
        for piece in &n.pieces {
            keys.extend(super::outline::table_keys(p, piece));
        }
        for c in &n.children {
            walk(p, c, keys);
        }
    }
    let mut keys = std::collections::BTreeSet::new();
    for ch in &super::outline::resolve(p, Lang::Lv.labels()).chapters {
        walk(p, ch, &mut keys);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source's header replaces pmp's when it spans the table's columns, names the columns
    /// by the texts above them and adds the column numbers; one of another width is not taken.
    #[test]
    fn a_printed_header_replaces_pmps_when_it_fits() {
        let layout: crate::model::TableLayout = serde_json::from_str(
            r#"{"header": [[{"text": "Nr.", "rows": 2}, {"text": "Tendence", "cols": 2}], ["2026", "2028"]],
                "column_numbers": true}"#,
        )
        .unwrap();
        let table = |n: usize| {
            let mut t = simple_table(
                "tab:x",
                "",
                &[("a", 1), ("b", 1), ("c", 1), ("d", 1)][..n],
                Vec::new(),
                false,
            );
            t.layout = Some(Box::new(layout.clone()));
            t
        };
        let mut t = table(3);
        apply_layout(&mut t);
        let texts: Vec<Vec<String>> = t
            .head
            .iter()
            .map(|r| r.iter().map(|c| c.lines.join("")).collect())
            .collect();
        assert_eq!(
            texts,
            [vec!["Nr.", "Tendence"], vec!["2026", "2028"], vec!["1", "2", "3"]]
        );
        assert_eq!((t.head[0][0].rowspan, t.head[0][1].colspan), (2, 2));
        let flat: Vec<&str> = t.columns.iter().map(|c| c.flat.as_str()).collect();
        assert_eq!(flat, ["Nr.", "Tendence: 2026", "Tendence: 2028"]);
        let mut t = table(4);
        apply_layout(&mut t);
        assert_eq!(
            t.head[0][0].lines,
            ["a"],
            "a header of another width is not taken"
        );
        assert_eq!(t.head.last().unwrap().len(), 4, "the column numbers still are");
    }

    /// What `pmp check` accepts is exactly what the document resolves, for every programme
    /// and fixture in the repository.
    #[test]
    fn target_keys_are_the_built_views_targets() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs: Vec<std::path::PathBuf> = [
            "programmes",
            "examples",
            "tests/fixtures/render",
            "tests/fixtures/valid",
        ]
        .iter()
        .map(|d| root.join(d))
        .collect();
        let dirs = crate::load::discover(&dirs).unwrap();
        assert!(dirs.len() >= 5, "{dirs:?}");
        let loaded = crate::load::load(&dirs);
        for p in &loaded.programmes {
            let view = build(p, Lang::Lv);
            assert_eq!(target_keys(p), view.keys, "{}", p.dir.display());
        }
    }
}
