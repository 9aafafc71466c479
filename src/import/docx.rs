//! Reading a Word document (WordprocessingML, `.docx`) into plain blocks: paragraphs with their
//! style, heading level and list label, and tables rebuilt on their grid. Both the Transitional
//! and the Strict namespaces are read. Tracked changes are taken as accepted (insertions kept,
//! deletions dropped) and counted, so the import can say so.
//!
//! Everything is read within budgets ([`Budget`]): the file, each part and all parts together
//! (read through `take`, never trusting the sizes the zip declares), the number of zip entries,
//! the XML nesting depth and element count, and each table's rows and cells. A file over a
//! budget, or one that is not a Word document, is an [`ImportError`] naming the part.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::i18n::Text;
use crate::tr;

const W_TRANSITIONAL: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";

/// The limits a document is read within.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// The `.docx` file itself.
    pub file: u64,
    /// All parts read, uncompressed, together.
    pub total: u64,
    /// One XML part, uncompressed.
    pub part: u64,
    /// One picture.
    pub media: u64,
    /// Entries in the zip.
    pub entries: usize,
    /// XML element nesting.
    pub depth: usize,
    /// XML elements kept from one part.
    pub elements: usize,
    /// Rows of one table.
    pub rows: usize,
    /// Columns of one table's grid.
    pub columns: usize,
    /// Table cells in the whole document.
    pub cells: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            file: 100 << 20,
            total: 256 << 20,
            part: 64 << 20,
            media: 32 << 20,
            entries: 10_000,
            depth: 256,
            elements: 2_000_000,
            rows: 20_000,
            columns: 512,
            cells: 1_000_000,
        }
    }
}

/// Why a document could not be read: the part (`word/document.xml`, or the file itself when
/// empty) and what is wrong with it, in both languages.
#[derive(Debug)]
pub struct ImportError {
    pub part: String,
    pub message: Text,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.part.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.part, self.message)
        }
    }
}

fn err(part: &str, message: Text) -> ImportError {
    ImportError {
        part: part.to_string(),
        message,
    }
}

/// A document as read.
#[derive(Debug, Default)]
pub struct Docx {
    pub body: Vec<Block>,
    /// Footnotes by id, their text.
    pub footnotes: Vec<(String, String)>,
    /// Pictures: their file name (under `word/media/`) and bytes.
    pub media: Vec<(String, Vec<u8>)>,
    /// Tracked insertions taken as accepted.
    pub insertions: usize,
    /// Tracked deletions dropped.
    pub deletions: usize,
    /// Whether the Strict namespace was used.
    pub strict: bool,
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone, Default)]
pub struct Para {
    /// The style's name (`Heading 1`, `Caption` …), or its id when it has no name.
    pub style: String,
    /// The outline level, 1-based: from a heading style or `outlineLvl`.
    pub heading: Option<u8>,
    /// The list label Word prints before the text (`1.1.`, `a)`), not in the text itself.
    pub label: Option<String>,
    /// Whether the paragraph is a bulleted list item.
    pub bullet: bool,
    /// The list level (0-based) of a list item.
    pub list_level: u8,
    pub text: String,
    /// Pictures in the paragraph: media file name and alt text.
    pub images: Vec<(String, String)>,
}

impl Para {
    pub fn is_style(&self, name: &str) -> bool {
        self.style.eq_ignore_ascii_case(name)
    }
}

/// A table on its grid: every row has the grid's number of slots.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Vec<Slot>>,
    /// Rows marked as header rows (repeated on each page).
    pub header_rows: usize,
}

#[derive(Debug, Clone)]
pub enum Slot {
    /// A cell starts here.
    Cell(Cell),
    /// Covered by the cell to the left (gridSpan).
    Left,
    /// Covered by the cell above (vMerge).
    Above,
    /// No cell (gridBefore, gridAfter, a short row).
    Nothing,
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub blocks: Vec<Block>,
    pub cols: usize,
    pub rows: usize,
}

impl Cell {
    /// The cell's text: its paragraphs joined with line breaks (nested tables' text too).
    pub fn text(&self) -> String {
        let mut lines = Vec::new();
        for b in &self.blocks {
            match b {
                Block::Para(p) => {
                    let mut t = String::new();
                    if let Some(l) = &p.label {
                        t.push_str(l);
                        t.push(' ');
                    }
                    t.push_str(&p.text);
                    lines.push(t)
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        let cells: Vec<String> = row
                            .iter()
                            .filter_map(|s| match s {
                                Slot::Cell(c) => Some(c.text()),
                                _ => None,
                            })
                            .collect();
                        lines.push(cells.join(" | "));
                    }
                }
            }
        }
        lines.join("\n")
    }

    /// The cell's own paragraphs joined with line breaks, without nested tables.
    pub fn own_text(&self) -> String {
        let lines: Vec<String> = self
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(match &p.label {
                    Some(l) => format!("{l} {}", p.text),
                    None => p.text.clone(),
                }),
                Block::Table(_) => None,
            })
            .collect();
        lines.join("\n")
    }

    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

impl Table {
    /// The grid's width.
    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    /// Each row's text per grid column; a merged cell's text stands in its first slot only.
    pub fn texts(&self) -> Vec<Vec<Option<String>>> {
        self.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|s| match s {
                        Slot::Cell(c) => Some(c.text()),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// The zip

struct Zip<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    left: u64,
    budget: Budget,
}

impl Zip<'_> {
    /// A part's bytes, `None` when the zip has no such part.
    fn bytes(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>, ImportError> {
        let file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(err(
                    name,
                    tr!(en("the part cannot be read: {e}"), lv("daļu nevar nolasīt: {e}")),
                ));
            }
        };
        let cap = cap.min(self.left);
        let mut out = Vec::new();
        file.take(cap + 1).read_to_end(&mut out).map_err(|e| {
            err(
                name,
                tr!(
                    en("the part cannot be unpacked: {e}"),
                    lv("daļu nevar atpakot: {e}")
                ),
            )
        })?;
        if out.len() as u64 > cap {
            let mib = |b: u64| b >> 20;
            let (part, total) = (mib(self.budget.part), mib(self.budget.total));
            return Err(err(
                name,
                tr!(
                    en(
                        "the part unpacks to more than pmp reads (a part at most {part} MiB, all parts together at most {total} MiB); is it a zip bomb?"
                    ),
                    lv(
                        "daļa atpakota ir lielāka, nekā pmp lasa (daļa ne vairāk kā {part} MiB, visas daļas kopā ne vairāk kā {total} MiB); vai tā nav zip bumba?"
                    ),
                ),
            ));
        }
        self.left -= out.len() as u64;
        Ok(Some(out))
    }

    fn text(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        let part = self.budget.part;
        match self.bytes(name, part)? {
            None => Ok(None),
            Some(b) => String::from_utf8(b).map(Some).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                err(
                    name,
                    tr!(
                        en("the part is not UTF-8 (byte {at})"),
                        lv("daļa nav UTF-8 kodējumā ({at}. baits)"),
                    ),
                )
            }),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// XML into a small tree

/// An element kept from a part: its local name, whether it is in the WordprocessingML
/// namespace, its attributes (local name, value) and children; `text` for `w:t` and the like.
#[derive(Debug, Default)]
struct Node {
    name: String,
    w: bool,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.w && c.name == name)
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.w && c.name == name)
    }

    fn val(&self, child: &str) -> Option<&str> {
        self.child(child).and_then(|c| c.attr("val"))
    }

    fn is(&self, name: &str) -> bool {
        self.w && self.name == name
    }
}

fn is_w(ns: &ResolveResult) -> bool {
    matches!(ns, ResolveResult::Bound(n) if n.0 == W_TRANSITIONAL || n.0 == W_STRICT)
}

/// Parses a part into a tree of its elements within the depth and element budgets.
fn parse(part: &str, xml: &str, budget: &Budget, strict: &mut bool) -> Result<Node, ImportError> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Node> = vec![Node::default()];
    let mut count = 0usize;
    let at = |reader: &NsReader<&[u8]>| reader.buffer_position();
    let bad = |pos: u64, e: &dyn std::fmt::Display| {
        err(
            part,
            tr!(
                en("the XML is broken at byte {pos}: {e}"),
                lv("XML ir bojāts {pos}. baitā: {e}"),
            ),
        )
    };
    loop {
        let ev = reader.read_resolved_event();
        let (ns, ev) = match ev {
            Ok(x) => x,
            Err(e) => return Err(bad(at(&reader), &e)),
        };
        match ev {
            Event::Start(s) => {
                if stack.len() > budget.depth {
                    let d = budget.depth;
                    return Err(err(
                        part,
                        tr!(
                            en("the XML nests deeper than {d} elements (at byte {})", at(&reader)),
                            lv(
                                "XML elementi ligzdoti dziļāk par {d} līmeņiem ({}. baitā)",
                                at(&reader)
                            ),
                        ),
                    ));
                }
                count += 1;
                if count > budget.elements {
                    let n = budget.elements;
                    return Err(err(
                        part,
                        tr!(
                            en("the part has more than {n} XML elements"),
                            lv("daļā ir vairāk nekā {n} XML elementu"),
                        ),
                    ));
                }
                if let ResolveResult::Bound(n) = &ns
                    && n.0 == W_STRICT
                {
                    *strict = true;
                }
                let w = is_w(&ns);
                let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                let mut attrs = Vec::new();
                for a in s.attributes().with_checks(false) {
                    let a = a.map_err(|e| bad(at(&reader), &e))?;
                    let (_, local) = reader.resolver().resolve_attribute(a.key);
                    let key = String::from_utf8_lossy(local.as_ref()).into_owned();
                    let value = a
                        .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, reader.decoder())
                        .map_err(|e| bad(at(&reader), &e))?;
                    attrs.push((key, value.into_owned()));
                }
                stack.push(Node {
                    name,
                    w,
                    attrs,
                    ..Node::default()
                });
            }
            Event::End(_) => {
                let node = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Err(bad(at(&reader), &"an end tag without its start")),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut()
                    && keeps_text(top)
                {
                    let s = t.xml10_content().map_err(|e| bad(at(&reader), &e))?;
                    top.text.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut()
                    && keeps_text(top)
                {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut()
                    && keeps_text(top)
                {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        _ => match &*r as &[u8] {
                            b"amp" => '&',
                            b"lt" => '<',
                            b"gt" => '>',
                            b"quot" => '"',
                            b"apos" => '\'',
                            other => {
                                let name = String::from_utf8_lossy(other).into_owned();
                                return Err(bad(at(&reader), &format!("unknown entity &{name};")));
                            }
                        },
                    };
                    top.text.push(c);
                }
            }
            Event::DocType(_) => {
                return Err(err(
                    part,
                    tr!(
                        en("the part declares a DOCTYPE, which Word never writes"),
                        lv("daļā ir DOCTYPE deklarācija, ko Word nekad neraksta"),
                    ),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(bad(at(&reader), &"the part ends inside an element"));
    }
    let root = stack.pop().unwrap_or_default();
    Ok(root)
}

fn keeps_text(n: &Node) -> bool {
    n.w && matches!(n.name.as_str(), "t" | "delText" | "instrText") || n.name == "t" && !n.w
}

// ---------------------------------------------------------------------------------------------
// Styles and numbering

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
}

fn styles(root: &Node) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    let Some(styles) = root.children.iter().find(|c| c.is("styles")) else {
        return out;
    };
    for s in styles.children("style") {
        let Some(id) = s.attr("styleId") else { continue };
        let ppr = s.child("pPr");
        let outline = ppr
            .and_then(|p| p.val("outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9);
        let num = ppr.and_then(num_pr);
        out.insert(
            id.to_string(),
            Style {
                name: s.val("name").unwrap_or(id).to_string(),
                based_on: s.val("basedOn").map(str::to_string),
                outline,
                num,
            },
        );
    }
    out
}

fn num_pr(ppr: &Node) -> Option<(String, u8)> {
    let n = ppr.child("numPr")?;
    let id = n.val("numId")?.to_string();
    let lvl = n.val("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0u8).min(8);
    Some((id, lvl))
}

#[derive(Debug, Default, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Debug, Default)]
struct Numbering {
    /// numId → (abstractNumId, start overrides per level)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// Counters per abstract list.
    counters: HashMap<String, [u32; 9]>,
    /// numIds whose overrides were applied.
    started: std::collections::HashSet<String>,
}

impl Numbering {
    fn read(root: &Node) -> Numbering {
        let mut out = Numbering::default();
        let Some(n) = root.children.iter().find(|c| c.is("numbering")) else {
            return out;
        };
        for a in n.children("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = HashMap::new();
            for l in a.children("lvl") {
                let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<u8>().ok()) else {
                    continue;
                };
                levels.insert(
                    i.min(8),
                    Level {
                        start: l.val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                        format: l.val("numFmt").unwrap_or("decimal").to_string(),
                        text: l.val("lvlText").unwrap_or("").to_string(),
                    },
                );
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for num in n.children("num") {
            let Some(id) = num.attr("numId") else { continue };
            let Some(a) = num.val("abstractNumId") else {
                continue;
            };
            let mut overrides = HashMap::new();
            for o in num.children("lvlOverride") {
                if let (Some(l), Some(s)) = (
                    o.attr("ilvl").and_then(|v| v.parse::<u8>().ok()),
                    o.val("startOverride").and_then(|v| v.parse::<u32>().ok()),
                ) {
                    overrides.insert(l.min(8), s);
                }
            }
            out.nums.insert(id.to_string(), (a.to_string(), overrides));
        }
        out
    }

    /// The label of the next item of list `num` at `level`, and whether it is a bullet.
    fn next(&mut self, num: &str, level: u8) -> Option<(String, bool)> {
        let (abs, overrides) = self.nums.get(num)?.clone();
        let levels = self.abstracts.get(&abs)?.clone();
        let lvl = levels.get(&level)?;
        let counters = self.counters.entry(abs.clone()).or_insert_with(|| {
            let mut c = [0u32; 9];
            for (i, slot) in c.iter_mut().enumerate() {
                *slot = levels.get(&(i as u8)).map_or(1, |l| l.start).saturating_sub(1);
            }
            c
        });
        if self.started.insert(num.to_string()) {
            for (l, s) in &overrides {
                counters[*l as usize] = s.saturating_sub(1);
            }
        }
        let i = level as usize;
        counters[i] = counters[i].saturating_add(1);
        for (j, slot) in counters.iter_mut().enumerate().skip(i + 1) {
            *slot = levels.get(&(j as u8)).map_or(1, |l| l.start).saturating_sub(1);
        }
        if lvl.format == "bullet" {
            return Some((lvl.text.clone(), true));
        }
        if lvl.format == "none" {
            return Some((lvl.text.clone(), false));
        }
        let mut label = lvl.text.clone();
        for j in (0..9).rev() {
            let key = format!("%{}", j + 1);
            if label.contains(&key) {
                let fmt = levels.get(&(j as u8)).map_or("decimal", |l| l.format.as_str());
                label = label.replace(&key, &format_number(counters[j], fmt));
            }
        }
        Some((label, false))
    }
}

fn format_number(n: u32, fmt: &str) -> String {
    let letters = |upper: bool| {
        if n == 0 {
            return String::new();
        }
        let c = (b'a' + ((n - 1) % 26) as u8) as char;
        let s: String = std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect();
        if upper { s.to_uppercase() } else { s }
    };
    let roman = |upper: bool| {
        let mut n = n;
        let mut s = String::new();
        for (v, r) in [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ] {
            while n >= v && s.len() < 64 {
                s.push_str(r);
                n -= v;
            }
        }
        if upper { s.to_uppercase() } else { s }
    };
    match fmt {
        "lowerLetter" => letters(false),
        "upperLetter" => letters(true),
        "lowerRoman" => roman(false),
        "upperRoman" => roman(true),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// The body

struct Walker<'a> {
    styles: &'a HashMap<String, Style>,
    numbering: Numbering,
    rels: &'a HashMap<String, String>,
    budget: Budget,
    cells: usize,
    insertions: usize,
    deletions: usize,
    images: Vec<String>,
}

const DOCUMENT: &str = "word/document.xml";

impl Walker<'_> {
    fn style_chain<T>(&self, id: Option<&str>, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = id?;
        for _ in 0..16 {
            let s = self.styles.get(id)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            id = s.based_on.as_deref()?;
        }
        None
    }

    fn blocks(&mut self, parent: &Node, out: &mut Vec<Block>) -> Result<(), ImportError> {
        for c in &parent.children {
            if !c.w {
                continue;
            }
            match c.name.as_str() {
                "p" => out.push(Block::Para(self.para(c))),
                "tbl" => out.push(Block::Table(self.table(c)?)),
                "sdt" => {
                    if let Some(content) = c.child("sdtContent") {
                        self.blocks(content, out)?;
                    }
                }
                "customXml" | "sdtContent" | "moveTo" => self.blocks(c, out)?,
                "ins" => {
                    self.insertions += 1;
                    self.blocks(c, out)?
                }
                "del" | "moveFrom" => self.deletions += 1,
                _ => {}
            }
        }
        Ok(())
    }

    fn para(&mut self, p: &Node) -> Para {
        let ppr = p.child("pPr");
        let style_id = ppr.and_then(|x| x.val("pStyle"));
        let style = style_id
            .map(|id| self.styles.get(id).map_or(id.to_string(), |s| s.name.clone()))
            .unwrap_or_default();
        let outline = ppr
            .and_then(|x| x.val("outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .or_else(|| self.style_chain(style_id, |s| s.outline));
        let heading = heading_level(&style).or(outline.filter(|l| *l < 9).map(|l| l + 1));
        let num = ppr
            .and_then(num_pr)
            .or_else(|| self.style_chain(style_id, |s| s.num.clone()));
        let mut para = Para {
            style,
            heading,
            ..Para::default()
        };
        if let Some((id, lvl)) = num
            && id != "0"
            && let Some((label, bullet)) = self.numbering.next(&id, lvl)
        {
            para.bullet = bullet;
            para.list_level = lvl;
            if !bullet && !label.is_empty() {
                para.label = Some(label);
            }
        }
        self.runs(p, &mut para);
        para
    }

    fn runs(&mut self, parent: &Node, para: &mut Para) {
        for c in &parent.children {
            if !c.w {
                // DrawingML / VML pictures.
                self.picture(c, para);
                continue;
            }
            match c.name.as_str() {
                "t" => para.text.push_str(&c.text),
                "tab" | "ptab" => para.text.push('\t'),
                "br" | "cr" => para.text.push('\n'),
                "noBreakHyphen" => para.text.push('\u{2011}'),
                "softHyphen" => para.text.push('\u{ad}'),
                "footnoteReference" => {
                    if let Some(id) = c.attr("id") {
                        para.text.push_str(&format!("[^{id}]"));
                    }
                }
                "pPr" | "rPr" | "instrText" | "delText" | "fldChar" => {}
                "del" | "moveFrom" => self.deletions += 1,
                "ins" => {
                    self.insertions += 1;
                    self.runs(c, para)
                }
                "drawing" | "pict" | "object" => self.picture(c, para),
                _ => self.runs(c, para),
            }
        }
    }

    fn picture(&mut self, n: &Node, para: &mut Para) {
        let mut alt = String::new();
        let mut found = Vec::new();
        fn walk(n: &Node, alt: &mut String, found: &mut Vec<String>, depth: usize) {
            if depth > 64 {
                return;
            }
            if n.name == "docPr"
                && let Some(d) = n.attr("descr").or(n.attr("title"))
            {
                *alt = d.to_string();
            }
            if (n.name == "blip" || n.name == "imagedata")
                && let Some(id) = n.attr("embed").or(n.attr("id"))
            {
                found.push(id.to_string());
            }
            for c in &n.children {
                walk(c, alt, found, depth + 1);
            }
        }
        walk(n, &mut alt, &mut found, 0);
        for id in found {
            if let Some(target) = self.rels.get(&id) {
                let name = target.rsplit('/').next().unwrap_or(target).to_string();
                if !self.images.contains(target) {
                    self.images.push(target.clone());
                }
                para.images.push((name, alt.clone()));
            }
        }
    }

    fn table(&mut self, tbl: &Node) -> Result<Table, ImportError> {
        let grid = tbl.child("tblGrid").map_or(0, |g| g.children("gridCol").count());
        let mut rows: Vec<Vec<Slot>> = Vec::new();
        let mut header_rows = 0;
        let mut trs: Vec<&Node> = Vec::new();
        collect_rows(tbl, &mut trs, 0);
        let max_cols = self.budget.columns;
        let too_wide = || {
            err(
                DOCUMENT,
                tr!(
                    en("a table is wider than {max_cols} columns"),
                    lv("tabula ir platāka par {max_cols} kolonnām"),
                ),
            )
        };
        if grid > max_cols {
            return Err(too_wide());
        }
        for (i, tr) in trs.iter().enumerate() {
            if i >= self.budget.rows {
                let n = self.budget.rows;
                return Err(err(
                    DOCUMENT,
                    tr!(
                        en("a table has more than {n} rows"),
                        lv("tabulā ir vairāk nekā {n} rindu"),
                    ),
                ));
            }
            let trpr = tr.child("trPr");
            let num = |name: &str| {
                trpr.and_then(|p| p.val(name))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
            };
            if trpr.is_some_and(|p| p.child("tblHeader").is_some_and(|h| h.attr("val") != Some("0")))
                && header_rows == i
            {
                header_rows += 1;
            }
            let mut row: Vec<Slot> = Vec::new();
            for _ in 0..num("gridBefore").min(max_cols) {
                row.push(Slot::Nothing);
            }
            let mut tcs = Vec::new();
            collect_cells(tr, &mut tcs, 0);
            for tc in tcs {
                self.cells += 1;
                if self.cells > self.budget.cells {
                    let n = self.budget.cells;
                    return Err(err(
                        DOCUMENT,
                        tr!(
                            en("the tables have more than {n} cells"),
                            lv("tabulās ir vairāk nekā {n} šūnu"),
                        ),
                    ));
                }
                let tcpr = tc.child("tcPr");
                let span = tcpr
                    .and_then(|p| p.val("gridSpan"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, max_cols);
                let vmerge = tcpr.and_then(|p| p.child("vMerge"));
                let hmerge_continue = tcpr
                    .and_then(|p| p.child("hMerge"))
                    .is_some_and(|h| h.attr("val") != Some("restart"));
                let col = row.len();
                if col + span > max_cols {
                    return Err(too_wide());
                }
                let continues = vmerge.is_some_and(|v| v.attr("val").is_none_or(|v| v == "continue"));
                if hmerge_continue && col > 0 {
                    row.push(Slot::Left);
                    continue;
                }
                if continues && origin_above(&rows, col).is_some() {
                    for _ in 0..span {
                        row.push(Slot::Above);
                    }
                    continue;
                }
                let mut cell = Cell {
                    cols: span,
                    rows: 1,
                    blocks: Vec::new(),
                };
                self.blocks(tc, &mut cell.blocks)?;
                row.push(Slot::Cell(cell));
                for _ in 1..span {
                    row.push(Slot::Left);
                }
            }
            for _ in 0..num("gridAfter").min(max_cols) {
                row.push(Slot::Nothing);
            }
            rows.push(row);
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(grid);
        for r in &mut rows {
            while r.len() < width {
                r.push(Slot::Nothing);
            }
        }
        // Row spans: count the slots covered from above.
        for c in 0..width {
            let mut r = 0;
            while r < rows.len() {
                if matches!(rows[r][c], Slot::Cell(_)) {
                    let mut n = 1;
                    while r + n < rows.len() && matches!(rows[r + n][c], Slot::Above) {
                        n += 1;
                    }
                    if let Slot::Cell(cell) = &mut rows[r][c] {
                        cell.rows = n;
                    }
                    r += n;
                } else {
                    r += 1;
                }
            }
        }
        Ok(Table { rows, header_rows })
    }
}

/// Rows of a table, also those inside content controls and tracked insertions.
fn collect_rows<'a>(n: &'a Node, out: &mut Vec<&'a Node>, depth: usize) {
    if depth > 8 {
        return;
    }
    for c in &n.children {
        if c.is("tr") {
            out.push(c);
        } else if c.w
            && matches!(
                c.name.as_str(),
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo"
            )
        {
            collect_rows(c, out, depth + 1);
        }
    }
}

fn collect_cells<'a>(n: &'a Node, out: &mut Vec<&'a Node>, depth: usize) {
    if depth > 8 {
        return;
    }
    for c in &n.children {
        if c.is("tc") {
            out.push(c);
        } else if c.w
            && matches!(
                c.name.as_str(),
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo"
            )
        {
            collect_cells(c, out, depth + 1);
        }
    }
}

/// Whether the slot above `col` in the last row belongs to a cell (directly or through merges).
fn origin_above(rows: &[Vec<Slot>], col: usize) -> Option<()> {
    let mut r = rows.len();
    while r > 0 {
        r -= 1;
        match rows[r].get(col)? {
            Slot::Cell(_) => return Some(()),
            Slot::Above => continue,
            _ => return None,
        }
    }
    None
}

/// The heading level a style's name implies: `Heading 1`, `heading 2`, `Virsraksts 3`, `Title`.
fn heading_level(style: &str) -> Option<u8> {
    let lower = style.to_lowercase();
    for prefix in ["heading", "virsraksts"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let n = rest.trim().parse::<u8>().ok()?;
            return (1..=9).contains(&n).then_some(n);
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Relationships and the whole document

fn relationships(
    part: &str,
    xml: Option<String>,
    budget: &Budget,
    strict: &mut bool,
) -> Result<Vec<(String, String, String, bool)>, ImportError> {
    let Some(xml) = xml else { return Ok(Vec::new()) };
    let root = parse(part, &xml, budget, strict)?;
    let mut out = Vec::new();
    fn walk(n: &Node, out: &mut Vec<(String, String, String, bool)>) {
        for c in &n.children {
            if c.name == "Relationship" {
                if let (Some(id), Some(kind), Some(target)) = (c.attr("Id"), c.attr("Type"), c.attr("Target"))
                {
                    out.push((
                        id.to_string(),
                        kind.to_string(),
                        target.to_string(),
                        c.attr("TargetMode") == Some("External"),
                    ));
                }
            } else {
                walk(c, out);
            }
        }
    }
    walk(&root, &mut out);
    Ok(out)
}

/// A part's path from a relationship target relative to `word/`.
fn resolve(target: &str) -> String {
    let t = target.trim_start_matches('/');
    let mut parts: Vec<&str> = Vec::new();
    let joined = if target.starts_with('/') {
        t.to_string()
    } else {
        format!("word/{t}")
    };
    for seg in joined.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Reads a `.docx` from its bytes within `budget`.
pub fn read(bytes: &[u8], budget: Budget) -> Result<Docx, ImportError> {
    if bytes.len() as u64 > budget.file {
        let mib = budget.file >> 20;
        return Err(err(
            "",
            tr!(
                en("the file is larger than the {mib} MiB pmp reads"),
                lv("fails ir lielāks par {mib} MiB, ko pmp lasa"),
            ),
        ));
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        err(
            "",
            tr!(
                en("not a Word document (.docx is a zip): {e}"),
                lv("tas nav Word dokuments (.docx ir zip arhīvs): {e}"),
            ),
        )
    })?;
    if archive.len() > budget.entries {
        let n = budget.entries;
        return Err(err(
            "",
            tr!(
                en("the zip has more than {n} entries"),
                lv("zip arhīvā ir vairāk nekā {n} ierakstu"),
            ),
        ));
    }
    let mut zip = Zip {
        archive,
        left: budget.total,
        budget,
    };
    let mut strict = false;
    // The main part: from the package relationships, else the usual name.
    let pkg = zip.text("_rels/.rels")?;
    let main = relationships("_rels/.rels", pkg, &budget, &mut strict)?
        .into_iter()
        .find(|r| r.1.ends_with("/officeDocument") && !r.3)
        .map(|r| r.2.trim_start_matches('/').to_string())
        .unwrap_or_else(|| DOCUMENT.to_string());
    let Some(document) = zip.text(&main)? else {
        return Err(err(
            &main,
            tr!(
                en("the part is missing: this is not a Word document"),
                lv("daļas nav: tas nav Word dokuments"),
            ),
        ));
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_name = format!("{dir}/_rels/{file}.rels");
    let rels_xml = zip.text(&rels_name)?;
    let rels = relationships(&rels_name, rels_xml, &budget, &mut strict)?;
    let by_type = |kind: &str| {
        rels.iter()
            .find(|r| r.1.ends_with(&format!("/{kind}")) && !r.3)
            .map(|r| resolve(&r.2))
    };
    let styles_root = match by_type("styles") {
        Some(p) => match zip.text(&p)? {
            Some(x) => parse(&p, &x, &budget, &mut strict)?,
            None => Node::default(),
        },
        None => Node::default(),
    };
    let numbering_root = match by_type("numbering") {
        Some(p) => match zip.text(&p)? {
            Some(x) => parse(&p, &x, &budget, &mut strict)?,
            None => Node::default(),
        },
        None => Node::default(),
    };
    let footnotes_root = match by_type("footnotes") {
        Some(p) => match zip.text(&p)? {
            Some(x) => Some(parse(&p, &x, &budget, &mut strict)?),
            None => None,
        },
        None => None,
    };
    let root = parse(&main, &document, &budget, &mut strict)?;
    drop(document);
    let styles = styles(&styles_root);
    let images: HashMap<String, String> = rels
        .iter()
        .filter(|r| r.1.ends_with("/image") && !r.3)
        .map(|r| (r.0.clone(), resolve(&r.2)))
        .collect();
    let mut walker = Walker {
        styles: &styles,
        numbering: Numbering::read(&numbering_root),
        rels: &images,
        budget,
        cells: 0,
        insertions: 0,
        deletions: 0,
        images: Vec::new(),
    };
    let Some(body) = root
        .children
        .iter()
        .find(|c| c.is("document"))
        .and_then(|d| d.child("body"))
    else {
        return Err(err(
            &main,
            tr!(
                en("no w:document/w:body: this is not a WordprocessingML document"),
                lv("nav w:document/w:body: tas nav WordprocessingML dokuments"),
            ),
        ));
    };
    let mut doc = Docx::default();
    walker.blocks(body, &mut doc.body)?;
    if let Some(f) = footnotes_root
        && let Some(list) = f.children.iter().find(|c| c.is("footnotes"))
    {
        for note in list.children("footnote") {
            if note.attr("type").is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = note.attr("id") else { continue };
            let mut blocks = Vec::new();
            walker.blocks(note, &mut blocks)?;
            let text: Vec<String> = blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Para(p) => Some(p.text.trim().to_string()),
                    _ => None,
                })
                .collect();
            doc.footnotes.push((id.to_string(), text.join(" ")));
        }
    }
    for target in std::mem::take(&mut walker.images) {
        let media = budget.media;
        if let Some(b) = zip.bytes(&target, media)? {
            let name = target.rsplit('/').next().unwrap_or(&target).to_string();
            doc.media.push((name, b));
        }
    }
    doc.insertions = walker.insertions;
    doc.deletions = walker.deletions;
    doc.strict = strict;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_labels_follow_their_format() {
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(4, "upperRoman"), "IV");
    }

    #[test]
    fn heading_styles_give_their_level() {
        assert_eq!(heading_level("Heading 2"), Some(2));
        assert_eq!(heading_level("heading 1"), Some(1));
        assert_eq!(heading_level("Body Text"), None);
    }

    #[test]
    fn relationship_targets_resolve_from_word() {
        assert_eq!(resolve("media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve("/word/styles.xml"), "word/styles.xml");
        assert_eq!(resolve("../customXml/item1.xml"), "customXml/item1.xml");
    }
}
