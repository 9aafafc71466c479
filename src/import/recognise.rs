//! From a read Word document to a programme folder: headings become the outline and the
//! situation sections (prose verbatim), captions number the tables and figures, and each
//! table is recognised by its header labels as the programme's Latvian tables print them:
//! goals with expected results, indicators with baseline and targets, the action plan, the
//! SVID analysis. Every other table stays a data table in its section with its cells as
//! printed; nothing is dropped. Each entity written carries a comment naming its Word table
//! and row, and `IMPORT.md` accounts for every heading, table and figure.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use super::docx::{Block, Cell, Docx, Para, Slot, Table};
use super::yaml::{Yaml, quoted, scalar};

/// What the import writes: files relative to the programme folder, and the account.
#[derive(Debug, Default)]
pub struct Output {
    pub files: Vec<(String, Vec<u8>)>,
    /// Counts for the summary line: headings, tables, figures, entities, to look at.
    pub headings: usize,
    pub tables: usize,
    pub figures: usize,
    pub attention: usize,
}

/// What the account says about one piece of the document.
struct Entry {
    what: String,
    went: String,
    person: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Universal,
    Targeted,
    Indicated,
}

impl Level {
    fn key(self) -> &'static str {
        match self {
            Level::Universal => "universal",
            Level::Targeted => "targeted",
            Level::Indicated => "indicated",
        }
    }

    /// A row like „❶ UNIVERSĀLĀ PREVENCIJA” or „U”.
    fn of(text: &str) -> Option<Level> {
        let t = text.to_lowercase();
        if t.contains("universāl") {
            Some(Level::Universal)
        } else if t.contains("mērķtiecīg") || t.contains("selektīv") {
            Some(Level::Targeted)
        } else if t.contains("pielāgot") || t.contains("indicēt") {
            Some(Level::Indicated)
        } else {
            None
        }
    }
}

#[derive(Default)]
struct Section {
    id: String,
    number: Option<String>,
    title: String,
    level: u8,
    body: Vec<String>,
    tables: Vec<DataTable>,
    figures: Vec<Figure>,
    contents: Vec<&'static str>,
    children: Vec<Section>,
}

struct Figure {
    id: String,
    number: Option<String>,
    label: Option<String>,
    caption: String,
    image: Option<String>,
}

struct Caption {
    number: Option<String>,
    label: Option<String>,
    text: String,
}

#[derive(Clone)]
enum Value {
    Null,
    Num(String),
    /// A figure printed with a sign after it (`3,38%`, `0,5*`): its value and its text.
    Marked(String, String, bool),
    Text(String),
}

struct Column {
    id: String,
    label: String,
    group: Option<String>,
    label_role: bool,
    /// A percentage column (`%`): never summed into a total.
    percent: bool,
}

struct DataTable {
    id: String,
    caption: Option<Caption>,
    source_name: String,
    columns: Vec<Column>,
    rows: Vec<(Vec<Value>, bool, usize)>,
    notes: Vec<String>,
    source: Option<String>,
}

struct Goal {
    id: String,
    level: Level,
    number: Option<String>,
    title: String,
    results: Vec<String>,
    from: String,
    /// How another table prints it: (table number, number, title).
    printed: Vec<(String, Option<String>, Option<String>)>,
    plan_only: bool,
}

struct Indicator {
    id: String,
    number: Option<String>,
    title: String,
    level: Option<Level>,
    baseline: String,
    targets: Vec<(i32, String)>,
    source: Option<String>,
    from: String,
}

struct Activity {
    id: String,
    number: Option<String>,
    goal: String,
    title: String,
    results: Vec<String>,
    responsible: Vec<String>,
    involved: Vec<String>,
    years: Vec<i32>,
    funding: Vec<String>,
    notes: Vec<String>,
    from: String,
    tasks: Vec<TaskRow>,
    resources: Option<ResourceRow>,
}

struct EventRow {
    id: String,
    number: Option<String>,
    title: String,
    timing: String,
    responsible: Vec<String>,
    procedure: String,
    from: String,
}

struct TaskRow {
    title: String,
    timing: String,
    executor: Vec<String>,
    supervisor: Vec<String>,
    from: String,
}

struct ResourceRow {
    result: String,
    responsible: Vec<String>,
    human: Vec<String>,
    support: Vec<String>,
    financial: Vec<String>,
    other: Vec<String>,
    funding: Vec<String>,
    from: String,
}

/// The report template: its table, its column labels, its column groups (label, columns).
type Report = (TableMeta, Vec<String>, Vec<(String, Vec<String>)>);

/// The SVID table: its layout, the items of each quadrant, the quadrant labels as printed.
type Svid = (TableMeta, [Vec<String>; 4], Vec<(usize, String)>);

#[derive(Default)]
struct TableMeta {
    caption: Option<Caption>,
    header: Vec<Vec<(String, usize, usize)>>,
    column_numbers: bool,
    levels: BTreeMap<&'static str, String>,
    source_name: String,
}

#[derive(Default)]
struct Builder {
    root: Vec<Section>,
    /// Path of indices to the current section.
    path: Vec<usize>,
    intro: Vec<String>,
    title: Option<String>,
    entries: Vec<Entry>,
    ids: HashSet<String>,
    goals: Vec<Goal>,
    goals_meta: Option<TableMeta>,
    indicators: Vec<Indicator>,
    indicators_meta: Option<TableMeta>,
    milestones: Vec<i32>,
    activities: Vec<Activity>,
    plan_meta: Option<TableMeta>,
    tasks_meta: Option<TableMeta>,
    monitoring_meta: Option<TableMeta>,
    /// The report template: its table's caption, its column labels, its groups.
    report: Option<Report>,
    events: Vec<EventRow>,
    resources_meta: Option<TableMeta>,
    /// The goals the plan named, by (number, title) as it prints them.
    plan_goals: BTreeMap<(String, String, String), String>,
    /// The years of the plan's header.
    plan_years: Vec<i32>,
    svid: Option<Svid>,
    institutions: Vec<String>,
    pending: Option<Caption>,
    last_table: Option<(usize, bool)>,
    table_count: usize,
    figure_count: usize,
    images: Vec<(String, String)>,
}

/// Latvian letters folded to ASCII, lower case, other characters as `-`: for ids.
fn slug(s: &str, max: usize) -> String {
    crate::lv::ascii_id(s, false, max)
}

/// A printed number at the start of a heading: `1.1. Title` → (`1.1.`, `Title`).
fn split_number(text: &str) -> (Option<String>, String) {
    let t = text.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let num = &t[..end];
    if !num.is_empty()
        && num.starts_with(|c: char| c.is_ascii_digit())
        && (num.contains('.') || end == t.len())
    {
        (Some(num.to_string()), t[end..].trim().to_string())
    } else {
        (None, text.trim().to_string())
    }
}

/// `1.1. tabula: Caption` / `2.4.tabula. Caption` / `1.1. attēls: Caption`.
fn caption(text: &str, word: &str) -> Option<Caption> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let at = lower.find(word)?;
    let (number, rest) = split_number(&t[..at]);
    if !rest.is_empty() {
        return None;
    }
    let after = &t[at + word.len()..];
    let sep = after.len() - after.trim_start_matches([':', '.', ' ']).len();
    let label = t[..at + word.len() + sep].trim().to_string();
    Some(Caption {
        number,
        label: Some(label),
        text: after[sep..].trim().to_string(),
    })
}

fn para_text(p: &Para) -> String {
    let mut t = String::new();
    if p.bullet {
        t.push_str(&"  ".repeat(p.list_level as usize));
        t.push_str("- ");
    } else if let Some(l) = &p.label {
        t.push_str(l);
        t.push(' ');
    }
    t.push_str(&p.text);
    t
}

/// A printed figure: a whole number or one with a decimal comma or point, nothing else.
fn number(text: &str) -> Option<String> {
    let t = text.trim();
    if t != text || t.is_empty() || t.len() > 15 {
        return None;
    }
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match digits.split_once([',', '.']) {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !all(int) || frac.is_some_and(|f| !all(f)) || (int.len() > 1 && int.starts_with('0')) {
        return None;
    }
    Some(t.replace(',', "."))
}

fn value_of(text: &str) -> Value {
    if text.trim().is_empty() {
        return Value::Null;
    }
    if let Some(n) = number(text) {
        return Value::Num(n);
    }
    let t = text.trim();
    if let Some(head) = t.strip_suffix('%')
        && let Some(n) = number(head.trim_end())
    {
        return Value::Marked(n, text.to_string(), true);
    }
    let head = t.trim_end_matches('*');
    if head.len() < t.len()
        && let Some(n) = number(head)
    {
        return Value::Marked(n, text.to_string(), false);
    }
    Value::Text(text.to_string())
}

/// The text of the cell a slot belongs to (following merges left and up).
fn slot_text(t: &Table, r: usize, c: usize) -> Option<(String, usize, usize)> {
    let (mut r, mut c) = (r, c);
    loop {
        match t.rows.get(r)?.get(c)? {
            Slot::Cell(cell) => return Some((cell.text(), r, c)),
            Slot::Left if c > 0 => c -= 1,
            Slot::Above if r > 0 => r -= 1,
            _ => return None,
        }
    }
}

fn cell_at(t: &Table, r: usize, c: usize) -> Option<&Cell> {
    match t.rows.get(r)?.get(c)? {
        Slot::Cell(cell) => Some(cell),
        _ => None,
    }
}

/// How many leading rows are the header: header-marked rows, else the first row and the rows
/// its merged cells reach into.
fn header_rows(t: &Table) -> usize {
    if t.header_rows > 0 {
        return t.header_rows.min(t.rows.len());
    }
    let Some(first) = t.rows.first() else { return 0 };
    let mut n = 1;
    for s in first {
        if let Slot::Cell(c) = s {
            n = n.max(c.rows.min(3));
        }
    }
    if n == 1 && first.iter().any(|s| matches!(s, Slot::Cell(c) if c.cols > 1)) && t.rows.len() > 2 {
        n = 2;
    }
    n.min(t.rows.len())
}

/// A row printing the column numbers (1, 2, 3 …).
fn is_column_numbers(t: &Table, r: usize) -> bool {
    let Some(row) = t.rows.get(r) else { return false };
    let mut last = 0u32;
    let mut seen = 0;
    for s in row {
        if let Slot::Cell(c) = s {
            let text = c.text();
            let Ok(n) = text.trim().trim_end_matches('.').parse::<u32>() else {
                return false;
            };
            if n <= last {
                return false;
            }
            last = n;
            seen += 1;
        }
    }
    seen >= 2
}

/// A row of one cell across the table (a level row, a section row).
fn single(t: &Table, r: usize) -> Option<String> {
    let row = t.rows.get(r)?;
    let cells: Vec<&Cell> = row
        .iter()
        .filter_map(|s| match s {
            Slot::Cell(c) => Some(c),
            _ => None,
        })
        .filter(|c| !c.text().trim().is_empty())
        .collect();
    match cells.as_slice() {
        [c] if row.len() > 1 && c.cols * 2 > row.len() || [c].len() == 1 && row.len() == 1 => Some(c.text()),
        _ => None,
    }
}

/// A cell's text without its footnote marks and the footnote texts kept inline: Word's
/// `[^N]` marks, and the `[footnoteRef:N]` … `[N: text]` form of text extracts. Returns the
/// text and the footnotes' texts.
fn without_notes(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut notes = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &after[..close];
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if inner.strip_prefix('^').is_some_and(digits)
            || inner.strip_prefix("footnoteRef:").is_some_and(digits)
        {
            // A mark: dropped from the names.
        } else if let Some((n, note)) = inner.split_once(':')
            && digits(n.trim())
        {
            notes.push(note.trim().to_string());
        } else {
            out.push('[');
            out.push_str(inner);
            out.push(']');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    (out, notes)
}

/// Splits a list of bodies as printed („Skolas, IP”, „Skolas/ Jauniešu centri”) into names.
fn names(text: &str) -> Vec<String> {
    let text = text.replace("/ ", "\n");
    let text = text.as_str();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && matches!(c, ',' | ';' | '\n') {
            let n = cur.trim().to_string();
            if !n.is_empty() {
                out.push(n);
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    let n = cur.trim().to_string();
    if !n.is_empty() {
        out.push(n);
    }
    out
}

/// A title's words folded and cut to their first five letters, hyphens joined: „Agrīnās” and
/// „Agrīnas”, „Starp-institucionālā” and „Starpinstitucionālā” compare equal.
fn stems(s: &str) -> Vec<String> {
    s.replace(['-', '\u{ad}'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2)
        .map(|w| slug(w, 64).chars().take(5).collect())
        .collect()
}

/// The share of the shorter list's words found in the other.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    short.iter().filter(|w| long.contains(w)).count() as f64 / short.len() as f64
}

/// A printed deadline read as a recurrence: „2024.gada janvāris” once (year, month), „Reizi
/// gadā augustā” yearly in August, „divas reizes gadā” twice a year, anything else as needed.
fn timing_of(text: &str) -> (&'static str, Option<i32>, Option<u32>) {
    let t = text.to_lowercase();
    const MONTHS: [&str; 12] = [
        "janvār", "februār", "mart", "aprīl", "maij", "jūnij", "jūlij", "august", "septembr", "oktobr",
        "novembr", "decembr",
    ];
    let found: Vec<u32> = MONTHS
        .iter()
        .enumerate()
        .filter(|(_, m)| t.contains(*m))
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let month = (found.len() == 1).then(|| found[0]);
    if t.contains("divas reizes gadā") || t.contains("2 reizes gadā") || t.contains("reizi pusgadā") {
        return ("twice-yearly", None, None);
    }
    if t.contains("gadā") && (t.contains("reizi") || t.contains("katru") || t.contains("ik"))
        || t.contains("ikgad")
    {
        return ("yearly", None, month);
    }
    if let Some(y) = find_year(&t)
        && month.is_some()
        && !t.contains('-')
    {
        return ("once", Some(y), month);
    }
    ("as-needed", None, None)
}

/// Each column's lowest non-empty header text, lower case.
fn bottom_labels(t: &Table, header: usize) -> Vec<String> {
    (0..t.width())
        .map(|c| {
            (0..header)
                .rev()
                .find_map(|r| slot_text(t, r, c).filter(|x| !x.0.trim().is_empty()))
                .map(|x| x.0.trim().to_lowercase())
                .unwrap_or_default()
        })
        .collect()
}

/// A level column's mark: U, M, P or the level's name.
fn level_mark(text: &str) -> Option<Level> {
    match text.trim() {
        "U" => Some(Level::Universal),
        "M" => Some(Level::Targeted),
        "P" => Some(Level::Indicated),
        t => Level::of(t),
    }
}

/// A resources cell split at its kinds („Cilvēkresursi- …. Atbalsta resursi: …. Finanšu
/// resursi- …”): human, support, financial, and text under no kind.
fn resource_kinds(text: &str) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
    let lower = text.to_lowercase();
    let mut marks: Vec<(usize, usize, usize)> = Vec::new();
    for (k, word) in ["cilvēkresursi", "atbalsta resursi", "finanšu resursi"]
        .iter()
        .enumerate()
    {
        let mut from = 0;
        while let Some(i) = lower[from..].find(word) {
            marks.push((from + i, word.len(), k));
            from += i + word.len();
        }
    }
    marks.sort();
    let mut out: [Vec<String>; 4] = Default::default();
    let clean = |s: &str| {
        s.trim()
            .trim_start_matches([':', '-', '–', ' '])
            .trim()
            .trim_end_matches('.')
            .trim()
            .to_string()
    };
    let lead = clean(&text[..marks.first().map_or(text.len(), |m| m.0)]);
    if !lead.is_empty() {
        out[3].push(lead);
    }
    for (i, (at, len, k)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(text.len(), |m| m.0);
        let part = clean(&text[at + len..end]);
        if !part.is_empty() {
            out[*k].push(part);
        }
    }
    let [h, s, f, o] = out;
    (h, s, f, o)
}

fn year_of(label: &str) -> Option<i32> {
    let t = label.trim().trim_end_matches("g.").trim_end_matches('.').trim();
    let y: i32 = t.parse().ok()?;
    (2000..=2100).contains(&y).then_some(y)
}

impl Builder {
    fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "x" } else { base };
        let mut id = base.to_string();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn current(&mut self) -> Option<&mut Section> {
        let mut path = self.path.iter();
        let first = *path.next()?;
        let mut s = self.root.get_mut(first)?;
        for i in path {
            s = s.children.get_mut(*i)?;
        }
        Some(s)
    }

    fn current_id(&mut self) -> String {
        self.current().map_or_else(|| "—".to_string(), |s| s.id.clone())
    }

    fn heading(&mut self, p: &Para, level: u8) {
        let full = para_text(p);
        let (number, title) = split_number(&full);
        if title.is_empty() {
            self.entries.push(Entry {
                what: format!("heading „{}” (level {level})", full.trim()),
                went: "not kept: a heading without a title".into(),
                person: Some("an empty heading: check whether the numbering is right".into()),
            });
            return;
        }
        // Climb to the parent: the nearest open section of a lower level.
        while let Some(s) = self.current() {
            if s.level < level {
                break;
            }
            self.path.pop();
        }
        let base = match &number {
            Some(n) => format!("s-{}", slug(n, 40)),
            None => {
                let parent = self.current().map(|s| s.id.clone()).unwrap_or_else(|| "s".into());
                format!("{parent}-{}", slug(&title, 24))
            }
        };
        let id = self.unique(&base);
        let section = Section {
            id: id.clone(),
            number: number.clone(),
            title: title.clone(),
            level,
            ..Section::default()
        };
        match self.current() {
            Some(parent) => {
                parent.children.push(section);
                let i = parent.children.len() - 1;
                self.path.push(i);
            }
            None => {
                self.root.push(section);
                self.path = vec![self.root.len() - 1];
            }
        }
        self.entries.push(Entry {
            what: match &number {
                Some(n) => format!("heading {n} „{title}”"),
                None => format!("heading „{title}”"),
            },
            went: format!("situation.yaml section `{id}`"),
            person: None,
        });
        self.last_table = None;
    }

    fn prose(&mut self, text: String) {
        match self.current() {
            Some(s) => s.body.push(text),
            None => self.intro.push(text),
        }
    }

    fn para(&mut self, p: &Para) {
        if let Some(level) = p.heading {
            self.heading(p, level);
            return;
        }
        let text = para_text(p);
        if p.is_style("Title") {
            if !text.trim().is_empty() {
                match &mut self.title {
                    Some(t) => {
                        t.push(' ');
                        t.push_str(text.trim());
                    }
                    None => self.title = Some(text.trim().to_string()),
                }
            }
            return;
        }
        if let Some(c) = caption(&text, "tabula") {
            self.pending = Some(c);
            self.last_table = None;
            return;
        }
        if let Some(c) = caption(&text, "attēls") {
            self.figure(c);
            return;
        }
        for (name, alt) in &p.images {
            self.images.push((name.clone(), alt.clone()));
        }
        // Notes and the source under a table belong to it.
        if let Some((_, true)) = self.last_table {
            let t = text.trim();
            if let Some(src) = t.strip_prefix("Avots:") {
                if let Some(tbl) = self.current().and_then(|s| s.tables.last_mut()) {
                    tbl.source = Some(src.trim().to_string());
                    return;
                }
            } else if t.starts_with('*')
                && let Some(tbl) = self.current().and_then(|s| s.tables.last_mut())
            {
                tbl.notes.push(t.to_string());
                return;
            }
        }
        self.last_table = None;
        if text.trim().is_empty() && p.images.is_empty() {
            // An empty paragraph separates paragraphs; the Markdown keeps one blank line.
            return;
        }
        if !p.images.is_empty() && text.trim().is_empty() {
            return;
        }
        self.prose(text);
    }

    fn figure(&mut self, c: Caption) {
        self.figure_count += 1;
        let base = match &c.number {
            Some(n) => format!("f-{}", slug(n, 30)),
            None => format!("f-{}", self.figure_count),
        };
        let id = self.unique(&base);
        let image = self.images.pop().map(|(name, _)| format!("media/{name}"));
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: format!("figure {} „{}”", c.label.as_deref().unwrap_or(""), c.text),
            went: format!("situation.yaml section `{where_}`, figure `{id}`"),
            person: match &image {
                Some(_) => None,
                None => Some(
                    "no picture in the document next to this caption (a chart or diagram?): add it as a PNG"
                        .into(),
                ),
            },
        });
        let fig = Figure {
            id,
            number: c.number,
            label: c.label,
            caption: c.text,
            image,
        };
        match self.current() {
            Some(s) => s.figures.push(fig),
            None => self
                .intro
                .push(format!("{} {}", fig.label.unwrap_or_default(), fig.caption)),
        }
    }

    fn table(&mut self, t: &Table) {
        self.table_count += 1;
        let n = self.table_count;
        let caption = self.pending.take();
        let name = match &caption {
            Some(c) => format!("Word table {n} ({})", c.label.as_deref().unwrap_or("").trim()),
            None => format!("Word table {n}"),
        };
        let header = header_rows(t);
        let labels: Vec<String> = (0..t.width())
            .map(|c| {
                (0..header)
                    .filter_map(|r| slot_text(t, r, c).map(|x| x.0))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .collect();
        let all = labels.join(" | ");
        let has = |w: &str| all.contains(w);
        let meta = |caption: Option<Caption>| TableMeta {
            caption,
            header: header_layout(t, header),
            column_numbers: is_column_numbers(t, header),
            levels: BTreeMap::new(),
            source_name: name.clone(),
        };
        let recognised = if has("stiprās puses") && has("vājās puses") && self.svid.is_none() {
            self.svid(t, meta(caption), &name)
        } else if has("rezultatīv") && has("bāzes vērtība") && self.indicators_meta.is_none() {
            self.indicators(t, header, &labels, meta(caption))
        } else if has("aktivitāte")
            && has("atbildīgā")
            && !has("darba uzdevum")
            && !has("nepieciešamie resursi")
            && self.plan_meta.is_none()
        {
            self.plan(t, header, &labels, meta(caption))
        } else if has("uzraudzības") && has("termiņ") && has("atbildīgā") && self.monitoring_meta.is_none()
        {
            self.monitoring_table(t, header, meta(caption))
        } else if has("ietekmes") && has("izpilde") && self.report.is_none() {
            self.report_table(t, header, meta(caption))
        } else if has("darba uzdevum") && has("izpildītājs") && self.tasks_meta.is_none() {
            self.tasks_table(t, header, meta(caption))
        } else if has("nepieciešamie resursi") && has("aktivitāte") && self.resources_meta.is_none() {
            self.resources_table(t, header, meta(caption))
        } else if has("mērķis")
            && (has("sagaidāmais rezultāts") || has("sasniedzamais rezultāts"))
            && !has("aktivitāte")
            && self.goals_meta.is_none()
        {
            self.goals_table(t, header, meta(caption))
        } else {
            Err(caption)
        };
        let caption = match recognised {
            Ok(part) => {
                if let Some(s) = self.current() {
                    s.contents.push(part);
                }
                self.last_table = None;
                return;
            }
            Err(c) => c,
        };
        let kind = if has("darba uzdevum") {
            Some("the tasks of the action plan (plan.yaml `tasks`)")
        } else if has("nepieciešamie resursi") {
            Some("the resources of the action plan (plan.yaml `resources`)")
        } else if has("uzraudzības") || (has("termiņ") && has("atbildīgā")) {
            Some("the monitoring processes (monitoring.yaml `events`)")
        } else if has("ietekmes") || has("izpilde") {
            Some("the report template (monitoring.yaml `report_table`)")
        } else if has("atbildības jomas") {
            Some("the institutions' responsibilities (institutions.yaml `responsibilities`)")
        } else {
            None
        };
        self.data_table(t, header, caption, &name, kind);
    }

    fn data_table(
        &mut self,
        t: &Table,
        header: usize,
        caption: Option<Caption>,
        name: &str,
        kind: Option<&str>,
    ) {
        let width = t.width();
        let mut first = header;
        let numbers = is_column_numbers(t, first);
        if numbers {
            first += 1;
        }
        let mut columns: Vec<Column> = Vec::new();
        let mut col_ids = HashSet::new();
        for c in 0..width {
            let top = (0..header).find_map(|r| slot_text(t, r, c));
            let bottom = (0..header)
                .rev()
                .find_map(|r| slot_text(t, r, c).filter(|x| !x.0.trim().is_empty()));
            let label = bottom
                .as_ref()
                .map(|b| b.0.trim().to_string())
                .unwrap_or_default();
            let group = match (&top, &bottom) {
                (Some(a), Some(b)) if (a.1, a.2) != (b.1, b.2) => Some(a.0.trim().to_string()),
                _ => None,
            };
            let mut id = slug(&label, 30).replace('-', "_");
            if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
                id = format!("c{}", c + 1);
            }
            let mut unique = id.clone();
            let mut k = 2;
            while !col_ids.insert(unique.clone()) {
                unique = format!("{id}_{k}");
                k += 1;
            }
            columns.push(Column {
                id: unique,
                label,
                group,
                label_role: c == 0,
                percent: false,
            });
        }
        let mut rows = Vec::new();
        let mut split_rows = Vec::new();
        for r in first..t.rows.len() {
            // A row whose cells list several items in parallel, one paragraph each (subjects,
            // their counts, their shares), is that many rows of the table.
            let paras: Vec<Option<Vec<String>>> = (0..width)
                .map(|c| {
                    cell_at(t, r, c).map(|cell| {
                        cell.blocks
                            .iter()
                            .filter_map(|b| match b {
                                Block::Para(p) if !p.text.trim().is_empty() => Some(p.text.clone()),
                                _ => None,
                            })
                            .collect()
                    })
                })
                .collect();
            let counts: Vec<usize> = paras.iter().map(|p| p.as_ref().map_or(0, Vec::len)).collect();
            let k = counts.iter().copied().max().unwrap_or(0);
            let parallel = k > 1
                && counts.iter().filter(|n| **n == k).count() >= 2
                && counts.iter().all(|n| *n == k || *n <= 1)
                && !t.rows[r]
                    .iter()
                    .any(|s| matches!(s, Slot::Cell(c) if c.tables().next().is_some()));
            if parallel {
                split_rows.push(r + 1);
                for i in 0..k {
                    let cells: Vec<Value> = paras
                        .iter()
                        .zip(&counts)
                        .map(|(p, n)| match p {
                            Some(p) if *n == k => value_of(&p[i]),
                            Some(p) if i == 0 && *n == 1 => value_of(&p[0]),
                            _ => Value::Null,
                        })
                        .collect();
                    rows.push((cells, false, r + 1));
                }
                continue;
            }
            let cells: Vec<Value> = (0..width)
                .map(|c| cell_at(t, r, c).map_or(Value::Null, |cell| value_of(&cell.own_text())))
                .collect();
            let total = cells.iter().any(|v| match v {
                Value::Text(s) => s.trim().to_lowercase().starts_with("kopā"),
                _ => false,
            });
            rows.push((cells, total, r + 1));
        }
        // Note rows at the table's end (one cell: „* - vakance”, „Avots: …”) are its notes.
        let mut notes = Vec::new();
        let mut source = None;
        while let Some((cells, _, _)) = rows.last() {
            let texts: Vec<&String> = cells
                .iter()
                .filter_map(|v| match v {
                    Value::Text(t) => Some(t),
                    _ => None,
                })
                .collect();
            let only = cells.iter().filter(|v| !matches!(v, Value::Null)).count() == 1 && texts.len() == 1;
            match texts.first().map(|t| t.trim()) {
                Some(t) if only && t.starts_with('*') => notes.insert(0, t.to_string()),
                Some(t) if only && t.starts_with("Avots:") => {
                    source = Some(t.trim_start_matches("Avots:").trim().to_string())
                }
                _ => break,
            }
            rows.pop();
        }
        for (c, col) in columns.iter_mut().enumerate() {
            let label = col.label.to_lowercase();
            if label.starts_with("nr")
                || rows
                    .iter()
                    .any(|(cells, _, _)| matches!(cells[c], Value::Text(_)))
            {
                col.label_role = true;
            } else {
                let figures: Vec<&Value> = rows
                    .iter()
                    .map(|(cells, _, _)| &cells[c])
                    .filter(|v| !matches!(v, Value::Null))
                    .collect();
                let all_percent =
                    !figures.is_empty() && figures.iter().all(|v| matches!(v, Value::Marked(_, _, true)));
                col.percent = label.trim() == "%" || label.contains("īpatsvars") || all_percent;
            }
        }
        let base = match caption.as_ref().and_then(|c| c.number.as_ref()) {
            Some(n) => format!("t-{}", slug(n, 30)),
            None => format!("t-word-{}", self.table_count),
        };
        let id = self.unique(&base);
        let nested: usize = t
            .rows
            .iter()
            .flatten()
            .filter_map(|s| match s {
                Slot::Cell(c) => Some(c.tables().count()),
                _ => None,
            })
            .sum();
        let where_ = self.current_id();
        let mut person = Vec::new();
        if let Some(k) = kind {
            person.push(format!(
                "recognised as {k} by its header, but kept as a data table: move it there by hand"
            ));
        }
        if caption.is_none() {
            person.push("no caption: a data table needs one (give it its caption)".to_string());
        }
        if nested > 0 {
            person.push(format!(
                "{nested} nested table(s) written as data tables of their own after it"
            ));
        }
        if !split_rows.is_empty() {
            let list: Vec<String> = split_rows.iter().map(usize::to_string).collect();
            person.push(format!(
                "rows {} list several items one paragraph each: written as one row per item",
                list.join(", ")
            ));
        }
        self.entries.push(Entry {
            what: name.to_string(),
            went: format!(
                "situation.yaml section `{where_}`, data table `{id}` ({} rows{})",
                rows.len(),
                if numbers {
                    ", its column-number row left out"
                } else {
                    ""
                }
            ),
            person: (!person.is_empty()).then(|| person.join("; ")),
        });
        let table = DataTable {
            id,
            caption,
            source_name: name.to_string(),
            columns,
            rows,
            notes,
            source,
        };
        if self.current().is_none() {
            let id = self.unique("s-ievads");
            self.root.push(Section {
                id,
                title: "Ievads".into(),
                level: 1,
                ..Section::default()
            });
            self.path = vec![self.root.len() - 1];
        }
        if let Some(s) = self.current() {
            s.tables.push(table);
        }
        // Nested tables: each a data table of its own after the one that holds it.
        for (r, row) in t.rows.iter().enumerate() {
            for slot in row {
                let Slot::Cell(cell) = slot else { continue };
                for (k, inner) in cell.tables().enumerate() {
                    let inner_name = format!("{name}, row {}: nested table {}", r + 1, k + 1);
                    self.data_table(inner, header_rows(inner), None, &inner_name, None);
                }
            }
        }
        self.last_table = Some((self.table_count, true));
    }

    fn goals_table(
        &mut self,
        t: &Table,
        header: usize,
        mut meta: TableMeta,
    ) -> Result<&'static str, Option<Caption>> {
        let first = header + usize::from(meta.column_numbers);
        let width = t.width();
        let mut level = Level::Universal;
        for r in first..t.rows.len() {
            if let Some(text) = single(t, r)
                && let Some(l) = Level::of(&text)
            {
                level = l;
                meta.levels.insert(l.key(), text.trim().to_string());
                continue;
            }
            let text = |c: usize| cell_at(t, r, c).map(Cell::text);
            let results: Vec<String> = (2..width)
                .filter_map(|c| cell_at(t, r, c))
                .flat_map(|c| c.blocks.iter())
                .filter_map(|b| match b {
                    Block::Para(p) => Some(p.text.trim().to_string()),
                    _ => None,
                })
                .filter(|s| !s.is_empty())
                .collect();
            match text(1) {
                Some(title) if !title.trim().is_empty() => {
                    let number = text(0).map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
                    let id = self.unique(&format!("g{}", self.goals.len() + 1));
                    self.goals.push(Goal {
                        id,
                        level,
                        number,
                        title: title.trim().to_string(),
                        results,
                        from: format!("{}, row {}", meta.source_name, r + 1),
                        printed: Vec::new(),
                        plan_only: false,
                    });
                }
                _ => {
                    if let Some(g) = self.goals.last_mut() {
                        g.results.extend(results);
                    }
                }
            }
        }
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: meta.source_name.clone(),
            went: format!(
                "goals.yaml: {} goals (placed in section `{where_}`)",
                self.goals.len()
            ),
            person: None,
        });
        self.goals_meta = Some(meta);
        Ok("goals")
    }

    fn indicators(
        &mut self,
        t: &Table,
        header: usize,
        labels: &[String],
        mut meta: TableMeta,
    ) -> Result<&'static str, Option<Caption>> {
        let find = |w: &str| labels.iter().position(|l| l.contains(w));
        let (Some(title_c), Some(base_c)) = (find("rezultatīv"), find("bāzes vērtība")) else {
            return Err(meta.caption);
        };
        let source_c = find("datu avots").or_else(|| find("avots"));
        let years: Vec<(usize, i32)> = (0..t.width())
            .filter_map(|c| {
                let bottom = (0..header).rev().find_map(|r| slot_text(t, r, c))?;
                year_of(&bottom.0).map(|y| (c, y))
            })
            .collect();
        self.milestones = years.iter().map(|(_, y)| *y).collect();
        let first = header + usize::from(meta.column_numbers);
        let mut level = None;
        for r in first..t.rows.len() {
            if let Some(text) = single(t, r)
                && let Some(l) = Level::of(&text)
            {
                level = Some(l);
                meta.levels.insert(l.key(), text.trim().to_string());
                continue;
            }
            let text = |c: usize| {
                cell_at(t, r, c)
                    .map(|x| x.text().trim().to_string())
                    .unwrap_or_default()
            };
            let title = text(title_c);
            if title.is_empty() {
                // A row under a merged title: more of the indicator above (a breakdown).
                if matches!(t.rows[r].get(title_c), Some(Slot::Above))
                    && let Some(prev) = self.indicators.last_mut()
                {
                    let join = |into: &mut String, more: String| {
                        if !more.is_empty() {
                            if !into.is_empty() {
                                into.push_str("; ");
                            }
                            into.push_str(&more);
                        }
                    };
                    join(&mut prev.baseline, text(base_c));
                    for ((_, into), (c, _)) in prev.targets.iter_mut().zip(&years) {
                        join(into, text(*c));
                    }
                    prev.from.push_str(&format!(", {}", r + 1));
                }
                continue;
            }
            let number = (title_c > 0).then(|| text(0)).filter(|n| !n.is_empty());
            let id = self.unique(&format!("i{}", self.indicators.len() + 1));
            self.indicators.push(Indicator {
                id,
                number,
                title,
                level,
                baseline: text(base_c),
                targets: years.iter().map(|(c, y)| (*y, text(*c))).collect(),
                source: source_c.map(text).filter(|s| !s.is_empty()),
                from: format!("{}, row {}", meta.source_name, r + 1),
            });
        }
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: meta.source_name.clone(),
            went: format!(
                "indicators.yaml: {} indicators (placed in section `{where_}`)",
                self.indicators.len()
            ),
            person: Some("baselines and targets are kept as printed text (and value where the cell is a bare figure): add `value`, `year`, `unit` where the text states them".into()),
        });
        self.indicators_meta = Some(meta);
        Ok("indicators")
    }

    fn plan(
        &mut self,
        t: &Table,
        header: usize,
        labels: &[String],
        mut meta: TableMeta,
    ) -> Result<&'static str, Option<Caption>> {
        let find = |w: &str| labels.iter().position(|l| l.contains(w));
        let Some(act_c) = find("aktivitāte") else {
            return Err(meta.caption);
        };
        let goal_c = find("mērķis");
        let result_c = find("rezultāt");
        let resp_c = find("atbildīgā");
        let inv_c = find("iesaistītās");
        let fund_c = find("finansējum");
        // Number columns: „Nr.” headers; the one before the activity numbers it.
        let nr: Vec<usize> = labels
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("nr"))
            .map(|(i, _)| i)
            .collect();
        let act_nr = nr.iter().copied().rfind(|c| *c < act_c && Some(*c) > goal_c);
        let goal_nr = nr.iter().copied().find(|c| goal_c.is_some_and(|g| *c < g));
        let years: Vec<(usize, i32)> = (0..t.width())
            .filter_map(|c| {
                let bottom = (0..header).rev().find_map(|r| slot_text(t, r, c))?;
                year_of(&bottom.0).map(|y| (c, y))
            })
            .collect();
        self.plan_years = years.iter().map(|(_, y)| *y).collect();
        let first = header + usize::from(meta.column_numbers);
        let mut level = Level::Universal;
        let mut goal: Option<String> = None;
        for r in first..t.rows.len() {
            if let Some(text) = single(t, r)
                && let Some(l) = Level::of(&text)
            {
                level = l;
                meta.levels.insert(l.key(), text.trim().to_string());
                continue;
            }
            let text = |c: Option<usize>| {
                c.and_then(|c| cell_at(t, r, c))
                    .map(|x| x.text().trim().to_string())
                    .unwrap_or_default()
            };
            // The goal: a new one where its cell starts, else the one above.
            if let Some(gc) = goal_c
                && cell_at(t, r, gc).is_some()
            {
                let title = text(Some(gc));
                let number = text(goal_nr);
                if !title.is_empty() {
                    goal = Some(self.goal_for(&number, &title, level, &meta, r));
                }
            }
            let title = text(Some(act_c));
            let continues =
                cell_at(t, r, act_c).is_none() && matches!(t.rows[r].get(act_c), Some(Slot::Above));
            let (title, number, note) = if continues {
                let Some(prev) = self.activities.last() else {
                    continue;
                };
                (
                    prev.title.clone(),
                    None,
                    Some(format!(
                        "Aktivitātes „{}” nākamā rinda ar savu rezultātu, atbildīgajiem un gadiem.",
                        prev.title
                    )),
                )
            } else {
                (title, Some(text(act_nr)).filter(|n| !n.is_empty()), None)
            };
            if title.is_empty() {
                continue;
            }
            let goal_id = match &goal {
                Some(g) => g.clone(),
                None => {
                    let g = self.goal_for("", "", level, &meta, r);
                    goal = Some(g.clone());
                    g
                }
            };
            let base = match (&number, continues) {
                (Some(n), _) => format!("a-{}", slug(n, 20)),
                (None, true) => format!("{}-b", self.activities.last().map_or("a", |a| a.id.as_str())),
                (None, false) => format!("a-{}", self.activities.len() + 1),
            };
            let id = self.unique(&base);
            let mut notes: Vec<String> = note.into_iter().collect();
            let mut listed = |c: Option<usize>| {
                let (t, more) = without_notes(&text(c));
                notes.extend(more);
                names(&t)
            };
            let responsible = listed(resp_c);
            let involved = listed(inv_c);
            let funding = listed(fund_c);
            for n in responsible.iter().chain(&involved) {
                if !self.institutions.contains(n) {
                    self.institutions.push(n.clone());
                }
            }
            let results: Vec<String> = result_c
                .and_then(|c| cell_at(t, r, c))
                .map(|c| {
                    let t = c.text();
                    if t.trim().is_empty() {
                        vec![]
                    } else {
                        vec![t.trim().to_string()]
                    }
                })
                .unwrap_or_default();
            self.activities.push(Activity {
                id,
                number,
                goal: goal_id,
                title,
                results,
                responsible,
                involved,
                years: years
                    .iter()
                    .filter(|(c, _)| !text(Some(*c)).is_empty())
                    .map(|(_, y)| *y)
                    .collect(),
                funding,
                notes,
                from: format!("{}, row {}", meta.source_name, r + 1),
                tasks: Vec::new(),
                resources: None,
            });
        }
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: meta.source_name.clone(),
            went: format!(
                "plan.yaml: {} activities (placed in section `{where_}`)",
                self.activities.len()
            ),
            person: None,
        });
        self.plan_meta = Some(meta);
        Ok("plan")
    }

    /// The goal a plan row names: the one this plan already named so; else the goals table's
    /// with the same title; else the closest title of the same level not yet named by the plan
    /// (its printed form recorded, and IMPORT.md asking a person to confirm); else a new goal
    /// the plan alone prints.
    fn goal_for(&mut self, number: &str, title: &str, level: Level, meta: &TableMeta, r: usize) -> String {
        let key = (meta.source_name.clone(), number.to_string(), title.to_string());
        if let Some(id) = self.plan_goals.get(&key) {
            return id.clone();
        }
        let table_no = meta.caption.as_ref().and_then(|c| c.number.clone());
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        // Goals this table already named: each goal once per table.
        let linked: HashSet<String> = self
            .plan_goals
            .iter()
            .filter(|(k, _)| k.0 == meta.source_name)
            .map(|(_, v)| v.clone())
            .collect();
        let exact = self
            .goals
            .iter()
            .position(|g| !title.is_empty() && norm(&g.title) == norm(title) && !linked.contains(&g.id));
        let close = exact.or_else(|| {
            let mine = stems(title);
            self.goals
                .iter()
                .enumerate()
                .filter(|(_, g)| !g.plan_only && g.level == level && !linked.contains(&g.id))
                .map(|(i, g)| (i, overlap(&mine, &stems(&g.title))))
                .filter(|(_, s)| *s >= 0.6)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _)| i)
        });
        // Else the goal of the same level with the same printed number.
        let close = close.or_else(|| {
            let n = number.trim_end_matches('.');
            let mine = stems(title);
            self.goals.iter().position(|g| {
                !n.is_empty()
                    && !g.plan_only
                    && overlap(&mine, &stems(&g.title)) >= 0.3
                    && g.level == level
                    && !linked.contains(&g.id)
                    && g.number.as_deref().map(|x| x.trim_end_matches('.')) == Some(n)
            })
        });
        let id = match close {
            Some(i) => {
                let g = &mut self.goals[i];
                let other_number =
                    (!number.is_empty() && g.number.as_deref() != Some(number)).then(|| number.to_string());
                let other_title = (norm(&g.title) != norm(title)).then(|| title.to_string());
                if (other_number.is_some() || other_title.is_some())
                    && let Some(t) = &table_no
                {
                    g.printed.push((t.clone(), other_number, other_title.clone()));
                }
                let id = g.id.clone();
                if other_title.is_some() {
                    let (gt, src) = (g.title.clone(), meta.source_name.clone());
                    self.entries.push(Entry {
                        what: format!("{src}, row {}: goal „{title}”", r + 1),
                        went: format!(
                            "goals.yaml `{id}` „{gt}” (the closest title; its printed form kept in `printed`)"
                        ),
                        person: Some("confirm that the plan's goal is this goal".into()),
                    });
                }
                id
            }
            None => {
                let id = self.unique(&format!("g{}", self.goals.len() + 1));
                self.goals.push(Goal {
                    id: id.clone(),
                    level,
                    number: Some(number.to_string()).filter(|n| !n.is_empty()),
                    title: if title.is_empty() {
                        "(bez nosaukuma)".to_string()
                    } else {
                        title.to_string()
                    },
                    results: Vec::new(),
                    from: format!(
                        "{}, row {} (the goal appears only in the action plan)",
                        meta.source_name,
                        r + 1
                    ),
                    printed: Vec::new(),
                    plan_only: true,
                });
                id
            }
        };
        self.plan_goals.insert(key, id.clone());
        id
    }

    /// The monitoring processes (Jelgava's 2.4: process, deadlines, responsible, procedure)
    /// into monitoring.yaml's events, each deadline kept as printed in `timing.text`.
    fn monitoring_table(
        &mut self,
        t: &Table,
        header: usize,
        meta: TableMeta,
    ) -> Result<&'static str, Option<Caption>> {
        let bottom = bottom_labels(t, header);
        let find = |w: &str| bottom.iter().position(|l| l.contains(w));
        let (Some(title_c), Some(when_c)) = (find("uzraudzības"), find("termiņ")) else {
            return Err(meta.caption);
        };
        let resp_c = find("atbildīgā");
        let proc_c = find("kārtība").or_else(|| find("rezultāt"));
        let nr_c = bottom.iter().position(|l| l.starts_with("nr"));
        let first = header + usize::from(meta.column_numbers);
        for r in first..t.rows.len() {
            let text = |c: Option<usize>| {
                c.and_then(|c| cell_at(t, r, c))
                    .map(|x| x.text().trim().to_string())
                    .unwrap_or_default()
            };
            let title = text(Some(title_c));
            if title.is_empty() {
                continue;
            }
            let id = self.unique(&format!("e-{}", slug(&title, 24)));
            let responsible = names(&text(resp_c));
            for n in &responsible {
                if !self.institutions.contains(n) {
                    self.institutions.push(n.clone());
                }
            }
            self.events.push(EventRow {
                id,
                number: Some(text(nr_c)).filter(|n| !n.is_empty()),
                title,
                timing: text(Some(when_c)),
                responsible,
                procedure: text(proc_c),
                from: format!("{}, row {}", meta.source_name, r + 1),
            });
        }
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: meta.source_name.clone(),
            went: format!("monitoring.yaml: {} events (placed in section `{where_}`)", self.events.len()),
            person: Some("each deadline is read into `timing` (once, yearly, twice a year, as needed, with the month) and kept as printed in `timing.text`: check them".into()),
        });
        self.monitoring_meta = Some(meta);
        Ok("monitoring")
    }

    /// The report template (Jelgava's 2.5): its column labels and their groups into
    /// monitoring.yaml's `report_template` and `report_table`; its sample rows are listed in
    /// IMPORT.md.
    fn report_table(
        &mut self,
        t: &Table,
        header: usize,
        meta: TableMeta,
    ) -> Result<&'static str, Option<Caption>> {
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut labels = Vec::new();
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for c in 0..t.width() {
            let top = (0..header).find_map(|r| slot_text(t, r, c).filter(|x| !x.0.trim().is_empty()));
            let bottom = (0..header)
                .rev()
                .find_map(|r| slot_text(t, r, c).filter(|x| !x.0.trim().is_empty()));
            let Some(b) = &bottom else { continue };
            let label = one_line(&b.0);
            if labels.last() == Some(&label) {
                continue;
            }
            labels.push(label.clone());
            if let Some(top) = &top
                && (top.1, top.2) != (b.1, b.2)
            {
                let g = one_line(&top.0);
                match groups.last_mut() {
                    Some((name, cols)) if *name == g => cols.push(label),
                    _ => groups.push((g, vec![label])),
                }
            }
        }
        let first = header + usize::from(meta.column_numbers);
        let samples: Vec<String> = (first..t.rows.len())
            .map(|r| {
                (0..t.width())
                    .filter_map(|c| cell_at(t, r, c).map(|x| one_line(&x.text())))
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .filter(|x| !x.is_empty())
            .collect();
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: meta.source_name.clone(),
            went: format!(
                "monitoring.yaml `report_template` and `report_table`: {} columns (placed in section `{where_}`)",
                labels.len()
            ),
            person: (!samples.is_empty()).then(|| {
                format!(
                    "its {} sample rows are not kept (the annual report fills them): {}",
                    samples.len(),
                    samples.join("; ")
                )
            }),
        });
        self.report = Some((meta, labels, groups));
        Ok("report-template")
    }

    /// The tasks table (Ogre's 3.3: goal, activity, task, deadline, executor, supervisor):
    /// each task under its activity, found by title among the plan's or added.
    fn tasks_table(
        &mut self,
        t: &Table,
        header: usize,
        meta: TableMeta,
    ) -> Result<&'static str, Option<Caption>> {
        let bottom = bottom_labels(t, header);
        let find = |w: &str| bottom.iter().position(|l| l.contains(w));
        let (Some(task_c), Some(act_c)) = (
            find("darba uzdevum"),
            find("aktivitātes nosaukums").or_else(|| find("aktivitāte")),
        ) else {
            return Err(meta.caption);
        };
        let goal_c = find("mērķa nosaukums").or_else(|| find("mērķis"));
        let nr_before = |c: usize, after: Option<usize>| {
            (0..c)
                .rev()
                .find(|i| bottom[*i].starts_with("nr") && after.is_none_or(|a| *i > a))
        };
        let goal_nr = goal_c.and_then(|g| nr_before(g, None));
        let act_nr = nr_before(act_c, goal_c);
        let timing_c = find("termiņ");
        let exec_c = find("izpildītājs");
        let sup_c = find("uzraudzīb");
        let level_c = (bottom.first().is_some_and(|l| l.starts_with("pl"))).then_some(0);
        let first = header + usize::from(meta.column_numbers);
        let (mut level, mut goal, mut act): (Level, Option<String>, Option<usize>) =
            (Level::Universal, None, None);
        let mut placed = 0;
        for r in first..t.rows.len() {
            let text = |c: Option<usize>| {
                c.and_then(|c| cell_at(t, r, c))
                    .map(|x| x.text().trim().to_string())
                    .unwrap_or_default()
            };
            if let Some(l) = level_c.map(|c| text(Some(c))).and_then(|x| level_mark(&x)) {
                level = l;
            }
            if let Some(gc) = goal_c
                && !text(Some(gc)).is_empty()
            {
                goal = Some(self.goal_for(&text(goal_nr), &text(Some(gc)), level, &meta, r));
            }
            let title = text(Some(act_c));
            if !title.is_empty() {
                let number = text(act_nr);
                let goal_id = match &goal {
                    Some(g) => g.clone(),
                    None => self.goal_for("", "", level, &meta, r),
                };
                act = Some(self.activity_for(&number, &title, &goal_id, &meta, r));
            }
            let task = text(Some(task_c));
            let Some(a) = act else { continue };
            if task.is_empty() {
                continue;
            }
            let (timing, _) = without_notes(&text(timing_c));
            let row = TaskRow {
                title: task,
                timing,
                executor: names(&text(exec_c)),
                supervisor: names(&text(sup_c)),
                from: format!("{}, row {}", meta.source_name, r + 1),
            };
            for n in row.executor.iter().chain(&row.supervisor) {
                if !self.institutions.contains(n) {
                    self.institutions.push(n.clone());
                }
            }
            self.activities[a].tasks.push(row);
            placed += 1;
        }
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: meta.source_name.clone(),
            went: format!("plan.yaml: {placed} tasks under their activities (placed in section `{where_}`)"),
            person: None,
        });
        self.tasks_meta = Some(meta);
        Ok("tasks")
    }

    /// The activity a tasks or resources row names: the plan's of the same title (and goal),
    /// else a new one.
    fn activity_for(&mut self, number: &str, title: &str, goal: &str, meta: &TableMeta, r: usize) -> usize {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if let Some(i) = self
            .activities
            .iter()
            .position(|a| norm(&a.title) == norm(title) && a.goal == goal && a.tasks.is_empty())
            .or_else(|| {
                self.activities
                    .iter()
                    .position(|a| norm(&a.title) == norm(title) && a.goal == goal)
            })
        {
            if self.activities[i].number.is_none() && !number.is_empty() {
                self.activities[i].number = Some(number.to_string());
            }
            return i;
        }
        let base = if number.is_empty() {
            format!("a-{}", self.activities.len() + 1)
        } else {
            format!("a-{}", slug(number, 20))
        };
        let id = self.unique(&base);
        self.activities.push(Activity {
            id,
            number: Some(number.to_string()).filter(|n| !n.is_empty()),
            goal: goal.to_string(),
            title: title.to_string(),
            results: Vec::new(),
            responsible: Vec::new(),
            involved: Vec::new(),
            years: Vec::new(),
            funding: Vec::new(),
            notes: Vec::new(),
            from: format!(
                "{}, row {} (the activity is not in the action plan)",
                meta.source_name,
                r + 1
            ),
            tasks: Vec::new(),
            resources: None,
        });
        self.entries.push(Entry {
            what: format!("{}, row {}: activity „{title}”", meta.source_name, r + 1),
            went: "plan.yaml: a new activity (the action plan does not name it so)".into(),
            person: Some("check whether it is an activity of the plan printed under another title".into()),
        });
        self.activities.len() - 1
    }

    /// The resources table (Ogre's 3.4): each row's result, resources, funding and responsible
    /// body onto the activity of the same title.
    fn resources_table(
        &mut self,
        t: &Table,
        header: usize,
        meta: TableMeta,
    ) -> Result<&'static str, Option<Caption>> {
        let bottom = bottom_labels(t, header);
        let find = |w: &str| bottom.iter().position(|l| l.contains(w));
        let (Some(act_c), Some(res_c)) = (find("aktivitāte"), find("nepieciešamie resursi")) else {
            return Err(meta.caption);
        };
        let result_c = find("rezultāt");
        let fund_c = find("finanšu avots").or_else(|| find("finansējum"));
        let resp_c = find("atbildīgā");
        let first = header + usize::from(meta.column_numbers);
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let mut unplaced = Vec::new();
        let mut placed = 0;
        for r in first..t.rows.len() {
            let text = |c: Option<usize>| {
                c.and_then(|c| cell_at(t, r, c))
                    .map(|x| x.text().trim().to_string())
                    .unwrap_or_default()
            };
            let title = text(Some(act_c));
            if title.is_empty() {
                continue;
            }
            let at = self
                .activities
                .iter()
                .position(|a| norm(&a.title) == norm(&title) && a.resources.is_none());
            let Some(i) = at else {
                unplaced.push(r + 1);
                continue;
            };
            let (human, support, financial, other) = resource_kinds(&text(Some(res_c)));
            let row = ResourceRow {
                result: text(result_c),
                responsible: names(&text(resp_c)),
                human,
                support,
                financial,
                other,
                funding: names(&text(fund_c)),
                from: format!("{}, row {}", meta.source_name, r + 1),
            };
            for n in &row.responsible {
                if !self.institutions.contains(n) {
                    self.institutions.push(n.clone());
                }
            }
            self.activities[i].resources = Some(row);
            placed += 1;
        }
        if !unplaced.is_empty() {
            // Rows without their activity: the whole table stays a data table too.
            let rows: Vec<String> = unplaced.iter().map(usize::to_string).collect();
            self.entries.push(Entry {
                what: meta.source_name.clone(),
                went: format!(
                    "plan.yaml: {placed} activities' resources; rows {} match no activity, so the table is also kept as a data table",
                    rows.join(", ")
                ),
                person: Some("place the rows whose activity title differs from the plan's".into()),
            });
            return Err(meta.caption);
        }
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: meta.source_name.clone(),
            went: format!("plan.yaml: {placed} activities' resources (placed in section `{where_}`)"),
            person: Some("each resources cell is split at „Cilvēkresursi”, „Atbalsta resursi”, „Finanšu resursi”: check the split".into()),
        });
        self.resources_meta = Some(meta);
        Ok("resources")
    }

    fn svid(&mut self, t: &Table, meta: TableMeta, name: &str) -> Result<&'static str, Option<Caption>> {
        let mut quadrants: [Vec<String>; 4] = Default::default();
        let mut printed = Vec::new();
        let mut labels: Vec<Option<usize>> = vec![None; t.width()];
        for r in 0..t.rows.len() {
            let row: Vec<(usize, &Cell)> = (0..t.width())
                .filter_map(|c| cell_at(t, r, c).map(|x| (c, x)))
                .collect();
            let texts: Vec<String> = row.iter().map(|(_, c)| c.text().trim().to_lowercase()).collect();
            let q = |s: &str| {
                if s.starts_with("stiprās") {
                    Some(0)
                } else if s.starts_with("vājās") {
                    Some(1)
                } else if s.starts_with("iespējas") {
                    Some(2)
                } else if s.starts_with("draudi") || s.starts_with("riski") {
                    Some(3)
                } else {
                    None
                }
            };
            if !texts.is_empty() && texts.iter().all(|s| q(s).is_some()) {
                for ((c, cell), s) in row.iter().zip(&texts) {
                    let qi = q(s).unwrap_or(0);
                    labels[*c] = Some(qi);
                    printed.push((qi, cell.text().trim().to_string()));
                }
                continue;
            }
            for (c, cell) in row {
                let Some(qi) = labels[c] else { continue };
                let mut current: Option<String> = None;
                // An item starts at the cell's outermost list level; deeper items belong to it.
                let base = cell
                    .blocks
                    .iter()
                    .filter_map(|b| match b {
                        Block::Para(p) if !p.text.trim().is_empty() => {
                            Some(if p.bullet { p.list_level } else { 0 })
                        }
                        _ => None,
                    })
                    .min()
                    .unwrap_or(0);
                for b in &cell.blocks {
                    let Block::Para(p) = b else { continue };
                    if p.text.trim().is_empty() {
                        continue;
                    }
                    if p.bullet && p.list_level == base {
                        if let Some(done) = current.take() {
                            quadrants[qi].push(done);
                        }
                        current = Some(p.text.trim().to_string());
                    } else if p.bullet && current.is_some() {
                        if let Some(cur) = current.as_mut() {
                            cur.push_str("\n- ");
                            cur.push_str(p.text.trim());
                        }
                    } else {
                        if let Some(done) = current.take() {
                            quadrants[qi].push(done);
                        }
                        current = Some(para_text(p).trim().to_string());
                    }
                }
                if let Some(done) = current {
                    quadrants[qi].push(done);
                }
            }
        }
        if quadrants.iter().all(Vec::is_empty) {
            return Err(meta.caption);
        }
        let where_ = self.current_id();
        self.entries.push(Entry {
            what: name.to_string(),
            went: format!(
                "svid.yaml: {} items (placed in section `{where_}`)",
                quadrants.iter().map(Vec::len).sum::<usize>()
            ),
            person: None,
        });
        self.svid = Some((meta, quadrants, printed));
        Ok("svid")
    }
}

/// The header rows as the `layout.header` of a table: merged cells with their spans.
fn header_layout(t: &Table, header: usize) -> Vec<Vec<(String, usize, usize)>> {
    (0..header)
        .map(|r| {
            t.rows[r]
                .iter()
                .filter_map(|s| match s {
                    Slot::Cell(c) => Some((c.text().trim().to_string(), c.cols, c.rows.min(header - r))),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

fn walk(b: &mut Builder, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Para(p) => b.para(p),
            Block::Table(t) => b.table(t),
        }
    }
}

/// The programme's municipality as the document names it („Jelgavas novada” → „Jelgavas
/// novads”), its period, and its title.
fn find_municipality(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for w in words.windows(2) {
        let next = w[1].trim_matches(|c: char| !c.is_alphabetic());
        if matches!(next, "novads" | "novada" | "novadā" | "novadam")
            && w[0].chars().next().is_some_and(char::is_uppercase)
            && w[0].ends_with('s')
            && w[0].chars().all(char::is_alphabetic)
        {
            return Some(format!("{} novads", w[0]));
        }
    }
    None
}

fn find_period(text: &str) -> Option<(i32, i32)> {
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let y: String = bytes[i..i + 4].iter().collect();
        if let Ok(from) = y.parse::<i32>()
            && (2000..=2100).contains(&from)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
        {
            let mut j = i + 4;
            while j < bytes.len() && matches!(bytes[j], '.' | ' ' | 'g') {
                j += 1;
            }
            if j < bytes.len() && matches!(bytes[j], '-' | '–' | '—') {
                j += 1;
                while j < bytes.len() && matches!(bytes[j], ' ' | '.') {
                    j += 1;
                }
                if j + 4 <= bytes.len() {
                    let y2: String = bytes[j..j + 4].iter().collect();
                    if let Ok(to) = y2.parse::<i32>()
                        && (from..=from + 19).contains(&to)
                    {
                        return Some((from, to));
                    }
                }
            }
        }
        i += 1;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Writing

fn header_yaml(rows: &[Vec<(String, usize, usize)>]) -> Vec<String> {
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .map(|(text, cols, rows)| {
                    if *cols == 1 && *rows == 1 {
                        quoted(text)
                    } else {
                        let mut s = format!("{{text: {}", quoted(text));
                        if *cols > 1 {
                            let _ = write!(s, ", cols: {cols}");
                        }
                        if *rows > 1 {
                            let _ = write!(s, ", rows: {rows}");
                        }
                        s.push('}');
                        s
                    }
                })
                .collect();
            format!("[{}]", cells.join(", "))
        })
        .collect()
}

fn meta_yaml(y: &mut Yaml, meta: &TableMeta, number_key: &str) {
    y.comment(0, &format!("From {}.", meta.source_name));
    if let Some(c) = &meta.caption {
        caption_yaml(y, 0, number_key, c.number.as_deref(), c.label.as_deref(), &c.text);
    }
}

/// A table's or figure's number (under `number_key`), label and caption as printed.
fn caption_yaml(
    y: &mut Yaml,
    indent: usize,
    number_key: &str,
    number: Option<&str>,
    label: Option<&str>,
    text: &str,
) {
    if let Some(n) = number {
        y.raw(indent, number_key, &quoted(n));
    }
    if let Some(l) = label {
        y.raw(indent, "label", &quoted(l));
    }
    y.string(indent, "caption", text);
}

fn layout_yaml(y: &mut Yaml, meta: &TableMeta) {
    y.key(0, "layout");
    y.flow(2, "header", &header_yaml(&meta.header));
    if meta.column_numbers {
        y.raw(2, "column_numbers", "true");
    }
    if !meta.levels.is_empty() {
        y.key(2, "levels");
        for key in ["universal", "targeted", "indicated"] {
            if let Some(t) = meta.levels.get(key) {
                y.string(4, key, t);
            }
        }
    }
}

fn cell_yaml(v: &Value, label: bool) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Num(n) if label => quoted(n),
        Value::Num(n) => n.clone(),
        Value::Marked(_, text, _) if label => quoted(text),
        Value::Marked(n, text, _) => format!("{{value: {n}, text: {}}}", quoted(text)),
        Value::Text(t) => quoted(t),
    }
}

fn section_yaml(y: &mut Yaml, s: &Section, indent: usize) {
    y.item(indent, "id", &scalar(&s.id));
    let i = indent + 2;
    if let Some(n) = &s.number {
        y.raw(i, "number", &quoted(n));
    }
    y.string(i, "title", &s.title);
    if !s.body.is_empty() {
        y.string(i, "body", &format!("{}\n", s.body.join("\n\n")));
    }
    if !s.contents.is_empty() {
        let c: Vec<String> = s.contents.iter().map(|c| c.to_string()).collect();
        y.flow(i, "contents", &c);
    }
    if !s.figures.is_empty() {
        y.key(i, "figures");
        for f in &s.figures {
            y.item(i + 2, "id", &scalar(&f.id));
            caption_yaml(
                y,
                i + 4,
                "number",
                f.number.as_deref(),
                f.label.as_deref(),
                &f.caption,
            );
            if let Some(img) = &f.image {
                y.raw(i + 4, "image", &quoted(img));
            }
        }
    }
    if !s.tables.is_empty() {
        y.key(i, "tables");
        for t in &s.tables {
            y.comment(i + 2, &format!("From {}.", t.source_name));
            y.item(i + 2, "id", &scalar(&t.id));
            let j = i + 4;
            if let Some(c) = &t.caption {
                caption_yaml(y, j, "number", c.number.as_deref(), c.label.as_deref(), &c.text);
            } else {
                y.comment(j, "The document prints no caption for this table.");
                y.string(j, "caption", "");
            }
            if let Some(src) = &t.source {
                y.string(j, "source", src);
            }
            // A note that explains the star as a vacancy („* - vakance”) makes the starred
            // figures vacancies; whether the table's total counts them is read from the total.
            let vacancy = t
                .notes
                .iter()
                .any(|n| n.trim_start().starts_with('*') && n.to_lowercase().contains("vakan"));
            if vacancy {
                let rule = vacancy_rule(t);
                y.comment(j, "The notes call a starred figure a vacancy; `vacancies` follows what the total row adds up.");
                y.raw(j, "vacancies", rule);
            }
            y.key(j, "columns");
            for c in &t.columns {
                let mut s = format!("{{id: {}, label: {}", c.id, quoted(&c.label));
                if let Some(g) = &c.group {
                    let _ = write!(s, ", group: {}", quoted(g));
                }
                if c.label_role {
                    s.push_str(", role: label");
                } else if c.percent {
                    s.push_str(", role: percent");
                }
                s.push('}');
                y.line(j + 2, &format!("- {s}"));
            }
            if t.rows.is_empty() {
                y.raw(j, "rows", "[]");
            } else {
                y.key(j, "rows");
            }
            for (cells, total, row) in &t.rows {
                let vals: Vec<String> = cells
                    .iter()
                    .zip(&t.columns)
                    .map(|(v, c)| match v {
                        Value::Marked(n, text, false) if vacancy && !c.label_role => {
                            format!("{{value: {n}, mark: vacancy, text: {}}}", quoted(text))
                        }
                        v => cell_yaml(v, c.label_role),
                    })
                    .collect();
                y.comment(j + 2, &format!("row {row}"));
                y.line(j + 2, &format!("- cells: [{}]", vals.join(", ")));
                if *total {
                    y.raw(j + 4, "role", "total");
                }
            }
            if !t.notes.is_empty() {
                y.key(j, "notes");
                for n in &t.notes {
                    y.item_scalar(j + 2, n);
                }
            }
        }
    }
    if !s.children.is_empty() {
        y.key(i, "sections");
        for c in &s.children {
            section_yaml(y, c, i + 2);
        }
    }
}

/// Whether a table's total row counts its starred (vacant) figures: `counted` when more
/// columns add up with them than without.
fn vacancy_rule(t: &DataTable) -> &'static str {
    let f = |s: &str| s.parse::<f64>().ok();
    let (mut with, mut without) = (0, 0);
    let Some((total, _, _)) = t.rows.iter().find(|r| r.1) else {
        return "excluded";
    };
    for (c, col) in t.columns.iter().enumerate() {
        if col.label_role {
            continue;
        }
        let (mut all, mut plain) = (0.0, 0.0);
        for (cells, is_total, _) in &t.rows {
            if *is_total {
                continue;
            }
            match &cells[c] {
                Value::Num(n) => {
                    all += f(n).unwrap_or(0.0);
                    plain += f(n).unwrap_or(0.0);
                }
                Value::Marked(n, _, false) => all += f(n).unwrap_or(0.0),
                _ => {}
            }
        }
        let stated = match &total[c] {
            Value::Num(n) | Value::Marked(n, _, _) => f(n),
            _ => None,
        };
        if let Some(v) = stated {
            with += usize::from((v - all).abs() < 0.05);
            without += usize::from((v - plain).abs() < 0.05);
        }
    }
    if with > without { "counted" } else { "excluded" }
}

fn schema(part: &str) -> String {
    format!("# yaml-language-server: $schema=schemas/{part}.schema.json")
}

fn kind_of(name: &str) -> &'static str {
    let n = name.to_lowercase();
    if n.contains("dome") {
        "council"
    } else if n.contains("izglītības pārvalde") || n == "ip" || n.starts_with("ip ") {
        "education-board"
    } else if n.contains("sociālais dienest") || n.contains("sociālā dienest") || n == "sd" {
        "social-service"
    } else if n.contains("bāriņtiesa") {
        "orphans-court"
    } else if n.contains("policija") {
        "municipal-police"
    } else if n.contains("jaunatn") || n.contains("jauniešu") {
        "youth"
    } else if n.contains("pirmsskol") {
        "preschool"
    } else if n.contains("skola") || n.contains("izglītības iestād") {
        "school"
    } else if n.contains("nvo") || n.contains("biedrīb") {
        "ngo"
    } else if n.contains("veselīb") || n.contains("ārst") {
        "health"
    } else {
        "other"
    }
}

/// Builds the programme folder's files from a read document. `id` is the programme's id (the
/// folder's name); `source` names the Word file in the account.
pub fn build(doc: &Docx, id: &str, source: &str) -> Output {
    let mut b = Builder::default();
    walk(&mut b, &doc.body);
    let mut out = Output {
        tables: b.table_count,
        figures: b.figure_count,
        ..Output::default()
    };
    let all_text: String = {
        let mut s = String::new();
        if let Some(t) = &b.title {
            s.push_str(t);
            s.push('\n');
        }
        for p in &b.intro {
            s.push_str(p);
            s.push('\n');
        }
        fn add(s: &mut String, secs: &[Section]) {
            for x in secs {
                s.push_str(&x.title);
                s.push('\n');
                for p in &x.body {
                    s.push_str(p);
                    s.push('\n');
                }
                add(s, &x.children);
            }
        }
        add(&mut s, &b.root);
        s
    };
    let mut attention: Vec<String> = Vec::new();
    let title = b.title.clone().or_else(|| {
        // The first quoted name of the programme in the opening text.
        let open = all_text.find(['“', '„', '"'])?;
        let rest: String = all_text[open..].chars().skip(1).collect();
        let end = rest.find(['”', '"'])?;
        let t = rest[..end].trim().to_string();
        (t.to_lowercase().contains("prevencij")).then_some(t)
    });
    // Quotation marks around the whole title are the title page's, not the title's.
    let title = title.map(|t| {
        let inner = t
            .trim()
            .trim_start_matches(['“', '„', '"'])
            .trim_end_matches(['”', '"']);
        if inner.contains(['“', '„', '”', '"']) {
            t.trim().to_string()
        } else {
            inner.trim().to_string()
        }
    });
    let title = title.unwrap_or_else(|| {
        attention.push("The document has no Title paragraph: `title` in programme.yaml is the file's name; write the programme's title.".into());
        source.to_string()
    });
    let municipality = find_municipality(&all_text).unwrap_or_else(|| {
        attention.push(
            "No municipality („… novads”) found in the text: `municipality` in programme.yaml needs writing."
                .into(),
        );
        "(nav atrasts)".to_string()
    });
    let years: Vec<i32> = b
        .activities
        .iter()
        .flat_map(|a| a.years.iter().copied())
        .collect();
    let (from, to) = find_period(&title)
        .or_else(|| find_period(&all_text))
        .or_else(|| Some((*years.iter().min()?, *years.iter().max()?)))
        .or_else(|| Some((*b.plan_years.iter().min()?, *b.plan_years.iter().max()?)))
        .or_else(|| Some((*b.milestones.iter().min()?, *b.milestones.iter().max()?)))
        .unwrap_or_else(|| {
            attention.push("No period found: `period` in programme.yaml needs writing.".into());
            (2024, 2024)
        });
    attention.push("`status` is `draft`: if the council adopted the document, write `adopted` and its decision (`adoption`).".into());

    // programme.yaml
    let mut y = Yaml::new(&schema("programme"));
    y.comment(
        0,
        &format!("Imported by pmp import from {source}; IMPORT.md says where each part went."),
    );
    y.raw(0, "id", &scalar(id));
    y.string(0, "municipality", &municipality);
    y.string(0, "title", &title);
    y.key(0, "period");
    y.raw(2, "from", &from.to_string());
    y.raw(2, "to", &to.to_string());
    y.raw(0, "status", "draft");
    if !b.intro.is_empty() {
        y.comment(0, "The text before the first heading.");
        y.string(0, "annotation", &format!("{}\n", b.intro.join("\n\n")));
    }
    y.raw(0, "table_numbers", "as-printed");
    y.comment(
        0,
        "The document's outline: its top headings, each a section of situation.yaml placed whole.",
    );
    y.key(0, "outline");
    if !b.intro.is_empty() {
        y.item(2, "contents", "[annotation]");
    }
    for s in &b.root {
        y.item(2, "section", &scalar(&s.id));
    }
    out.files.push(("programme.yaml".into(), y.finish().into_bytes()));

    // situation.yaml
    let mut y = Yaml::new(&schema("situation"));
    y.comment(
        0,
        "Every heading of the document, its prose as written, and its tables that are not",
    );
    y.comment(
        0,
        "the programme's own (goals, indicators, plan, SVID): those are data tables, cells as printed.",
    );
    if b.root.is_empty() {
        y.raw(0, "sections", "[]");
    } else {
        y.key(0, "sections");
        for s in &b.root {
            section_yaml(&mut y, s, 2);
        }
    }
    out.files.push(("situation.yaml".into(), y.finish().into_bytes()));

    // goals.yaml
    let mut y = Yaml::new(&schema("goals"));
    if let Some(m) = &b.goals_meta {
        meta_yaml(&mut y, m, "printed_in");
        layout_yaml(&mut y, m);
    } else {
        attention.push("No goals table recognised (header „Mērķis” and „Sagaidāmais rezultāts”): goals.yaml holds only goals the plan names.".into());
    }
    if b.goals.is_empty() {
        y.raw(0, "goals", "[]");
    } else {
        y.key(0, "goals");
        for g in &b.goals {
            y.comment(2, &format!("From {}.", g.from));
            y.item(2, "id", &scalar(&g.id));
            y.raw(4, "level", g.level.key());
            if let Some(n) = &g.number {
                y.raw(4, "number", &quoted(n));
            }
            y.string(4, "title", &g.title);
            if !g.results.is_empty() {
                y.key(4, "results");
                for r in &g.results {
                    y.item_scalar(6, r);
                }
            }
            let home = b
                .goals_meta
                .as_ref()
                .and_then(|m| m.caption.as_ref())
                .and_then(|c| c.number.clone());
            if !g.printed.is_empty() || (g.plan_only && home.is_some()) {
                y.key(4, "printed");
                if g.plan_only
                    && let Some(h) = &home
                {
                    y.item(6, "table", &quoted(h));
                    y.raw(8, "absent", "true");
                }
                for (table, number, title) in &g.printed {
                    y.item(6, "table", &quoted(table));
                    if let Some(n) = number {
                        y.raw(8, "number", &quoted(n));
                    }
                    if let Some(t) = title {
                        y.string(8, "title", t);
                    }
                }
            }
        }
    }
    out.files.push(("goals.yaml".into(), y.finish().into_bytes()));

    // indicators.yaml
    let mut y = Yaml::new(&schema("indicators"));
    if let Some(m) = &b.indicators_meta {
        meta_yaml(&mut y, m, "printed_in");
        layout_yaml(&mut y, m);
        let ms: Vec<String> = b.milestones.iter().map(i32::to_string).collect();
        y.flow(0, "milestones", &ms);
    } else {
        attention.push(
            "No indicators table recognised (header „Rezultatīvie rādītāji” and „Bāzes vērtība”).".into(),
        );
    }
    if b.indicators.is_empty() {
        y.raw(0, "indicators", "[]");
    } else {
        y.key(0, "indicators");
        for i in &b.indicators {
            y.comment(2, &format!("From {}.", i.from));
            y.item(2, "id", &scalar(&i.id));
            if let Some(n) = &i.number {
                y.raw(4, "number", &quoted(n));
            }
            y.string(4, "title", &i.title);
            if let Some(l) = i.level {
                y.raw(4, "level", l.key());
            }
            y.key(4, "baseline");
            if let Some(v) = figure(&i.baseline) {
                y.raw(6, "value", &v);
                if let Some((_, paren)) = i.baseline.split_once('(')
                    && let Some(year) = find_year(paren)
                {
                    y.raw(6, "year", &year.to_string());
                }
            }
            if let Some(year) = to_be_set(&i.baseline) {
                y.raw(6, "to_be_set", &year.to_string());
            }
            y.string(6, "text", &i.baseline);
            if !i.targets.is_empty() {
                y.key(4, "targets");
                for (year, text) in &i.targets {
                    y.item(6, "year", &year.to_string());
                    match figure(text) {
                        Some(v) => {
                            y.raw(8, "value", &v);
                            y.string(8, "text", text);
                        }
                        None if is_trend(text) => y.string(8, "trend", text),
                        None if !text.is_empty() => y.string(8, "text", text),
                        None => {}
                    }
                }
            }
            if let Some(s) = &i.source {
                y.string(4, "source", s);
            }
        }
    }
    out.files
        .push(("indicators.yaml".into(), y.finish().into_bytes()));

    // plan.yaml
    let mut y = Yaml::new(&schema("plan"));
    if let Some(m) = &b.plan_meta {
        meta_yaml(&mut y, m, "printed_in");
        layout_yaml(&mut y, m);
        for (key, other) in [
            ("tasks_printed_in", &b.tasks_meta),
            ("resources_printed_in", &b.resources_meta),
        ] {
            if let Some(n) = other
                .as_ref()
                .and_then(|o| o.caption.as_ref())
                .and_then(|c| c.number.as_ref())
            {
                y.raw(0, key, &quoted(n));
            }
        }
    } else {
        attention.push(
            "No action plan recognised (header „Prevencijas aktivitāte” and „Atbildīgā institūcija”).".into(),
        );
    }
    if b.activities.is_empty() {
        y.raw(0, "activities", "[]");
    } else {
        y.key(0, "activities");
        let list = |v: &[String]| v.iter().map(|s| quoted(s)).collect::<Vec<_>>();
        for a in &b.activities {
            y.comment(2, &format!("From {}.", a.from));
            y.item(2, "id", &scalar(&a.id));
            if let Some(n) = &a.number {
                y.raw(4, "number", &quoted(n));
            }
            y.raw(4, "goal", &scalar(&a.goal));
            y.string(4, "title", &a.title);
            if !a.results.is_empty() {
                y.key(4, "results");
                for r in &a.results {
                    y.item_scalar(6, r);
                }
            }
            if !a.responsible.is_empty() {
                y.flow(4, "responsible", &list(&a.responsible));
            }
            if !a.involved.is_empty() {
                y.flow(4, "involved", &list(&a.involved));
            }
            if !a.years.is_empty() {
                let ys: Vec<String> = a.years.iter().map(i32::to_string).collect();
                y.flow(4, "years", &ys);
            }
            if !a.funding.is_empty() {
                y.flow(4, "funding", &list(&a.funding));
            }
            if !a.notes.is_empty() {
                y.flow(4, "notes", &list(&a.notes));
            }
            if !a.tasks.is_empty() {
                y.key(4, "tasks");
                for (k, task) in a.tasks.iter().enumerate() {
                    y.comment(6, &format!("From {}.", task.from));
                    y.item(
                        6,
                        "id",
                        &scalar(&format!("t-{}-{}", a.id.trim_start_matches("a-"), k + 1)),
                    );
                    y.string(8, "title", &task.title);
                    if !task.timing.is_empty() {
                        y.string(8, "timing", &task.timing);
                    }
                    if !task.executor.is_empty() {
                        y.flow(8, "executor", &list(&task.executor));
                    }
                    if !task.supervisor.is_empty() {
                        y.flow(8, "supervisor", &list(&task.supervisor));
                    }
                }
            }
            if let Some(res) = &a.resources {
                y.comment(4, &format!("Resources from {}.", res.from));
                y.key(4, "resources");
                if !res.result.is_empty() {
                    y.string(6, "result", &res.result);
                }
                if !res.other.is_empty() {
                    y.comment(
                        6,
                        "`support` also holds what the cell prints under no kind of resource.",
                    );
                }
                let support: Vec<String> = res.support.iter().chain(&res.other).cloned().collect();
                for (key, v) in [
                    ("responsible", &res.responsible),
                    ("human", &res.human),
                    ("support", &support),
                    ("financial", &res.financial),
                    ("funding", &res.funding),
                ] {
                    if !v.is_empty() {
                        y.flow(6, key, &list(v));
                    }
                }
            }
        }
    }
    out.files.push(("plan.yaml".into(), y.finish().into_bytes()));

    // institutions.yaml
    let mut y = Yaml::new(&schema("institutions"));
    y.comment(
        0,
        "Every body the action plan names, as it names it; `kind` is a guess from the name.",
    );
    if b.institutions.is_empty() {
        y.raw(0, "institutions", "[]");
        attention.push("No institutions found in the action plan: institutions.yaml is empty.".into());
    } else {
        y.key(0, "institutions");
        let mut seen = HashSet::new();
        for name in &b.institutions {
            let mut base = format!("inst-{}", slug(name, 40));
            let mut n = 2;
            while !seen.insert(base.clone()) {
                base = format!("inst-{}-{n}", slug(name, 40));
                n += 1;
            }
            y.item(2, "id", &scalar(&base));
            y.string(4, "name", name);
            y.raw(4, "kind", kind_of(name));
        }
        attention.push(format!(
            "institutions.yaml lists {} names as the plan prints them: join the short forms („IP”) with the full names (`short`) and check each `kind`.",
            b.institutions.len()
        ));
    }
    out.files
        .push(("institutions.yaml".into(), y.finish().into_bytes()));

    // svid.yaml
    if let Some((meta, quadrants, printed)) = &b.svid {
        let mut y = Yaml::new(&schema("svid"));
        meta_yaml(&mut y, meta, "number");
        let keys = ["strengths", "weaknesses", "opportunities", "threats"];
        if !printed.is_empty() {
            y.key(0, "printed");
            for (q, label) in printed {
                y.line(
                    2,
                    &format!("- {{quadrant: {}, label: {}}}", keys[*q], quoted(label)),
                );
            }
        }
        let prefix = ["s", "w", "o", "t"];
        for (q, items) in quadrants.iter().enumerate() {
            if items.is_empty() {
                continue;
            }
            y.key(0, keys[q]);
            for (k, text) in items.iter().enumerate() {
                y.item(2, "id", &format!("{}{}", prefix[q], k + 1));
                y.string(4, "text", text);
            }
        }
        out.files.push(("svid.yaml".into(), y.finish().into_bytes()));
    }

    // monitoring.yaml
    let mut y = Yaml::new(&schema("monitoring"));
    if let Some(m) = &b.monitoring_meta {
        meta_yaml(&mut y, m, "printed_in");
        layout_yaml(&mut y, m);
    } else {
        attention.push("No table of monitoring processes recognised: monitoring.yaml has no events; write them from the document's text.".into());
    }
    if let Some((meta, labels, groups)) = &b.report {
        y.comment(0, &format!("The report template is {}.", meta.source_name));
        y.key(0, "report_template");
        for l in labels {
            y.item_scalar(2, l);
        }
        y.key(0, "report_table");
        if let Some(c) = &meta.caption {
            caption_yaml(
                &mut y,
                2,
                "number",
                c.number.as_deref(),
                c.label.as_deref(),
                &c.text,
            );
        }
        if groups.is_empty() {
            y.raw(2, "groups", "[]");
        } else {
            y.key(2, "groups");
            for (g, cols) in groups {
                y.item(4, "label", &scalar(g));
                let list: Vec<String> = cols.iter().map(|c| quoted(c)).collect();
                y.flow(6, "columns", &list);
            }
        }
    }
    if b.events.is_empty() {
        y.raw(0, "events", "[]");
    } else {
        y.key(0, "events");
        for e in &b.events {
            y.comment(2, &format!("From {}.", e.from));
            y.item(2, "id", &scalar(&e.id));
            if let Some(n) = &e.number {
                y.raw(4, "number", &quoted(n));
            }
            y.string(4, "title", &e.title);
            y.key(4, "timing");
            let (every, year, month) = timing_of(&e.timing);
            y.raw(6, "every", every);
            if let Some(v) = year {
                y.raw(6, "year", &v.to_string());
            }
            if let Some(v) = month {
                y.raw(6, "month", &v.to_string());
            }
            y.string(6, "text", &e.timing);
            if !e.responsible.is_empty() {
                let list: Vec<String> = e.responsible.iter().map(|s| quoted(s)).collect();
                y.flow(4, "responsible", &list);
            }
            if !e.procedure.is_empty() {
                y.string(4, "procedure", &e.procedure);
            }
        }
    }
    out.files
        .push(("monitoring.yaml".into(), y.finish().into_bytes()));

    // Pictures.
    for (name, bytes) in &doc.media {
        out.files.push((format!("media/{name}"), bytes.clone()));
    }

    // IMPORT.md
    let mut md = String::new();
    let _ = writeln!(md, "# Import of {source}\n");
    let _ = writeln!(
        md,
        "pmp import read the Word document and wrote this programme folder. Below: every heading, table and figure of the document and where it went, then what needs a person.\n"
    );
    if doc.insertions + doc.deletions > 0 {
        let _ = writeln!(
            md,
            "**Tracked changes** were taken as accepted: {} insertion(s) kept, {} deletion(s) dropped. Compare with the document in Word if the changes were not meant to be accepted.\n",
            doc.insertions, doc.deletions
        );
        attention.push("The document had tracked changes, taken as accepted.".into());
    }
    if doc.strict {
        let _ = writeln!(md, "The document is written in Strict Open XML.\n");
    }
    let _ = writeln!(md, "## Where everything went\n");
    let _ = writeln!(md, "| in the document | in the folder | needs a person |");
    let _ = writeln!(md, "|---|---|---|");
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    for e in &b.entries {
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            cell(&e.what),
            cell(&e.went),
            cell(e.person.as_deref().unwrap_or(""))
        );
        if e.person.is_some() {
            out.attention += 1;
        }
        if e.what.starts_with("heading") {
            out.headings += 1;
        }
    }
    if !doc.footnotes.is_empty() {
        let _ = writeln!(md, "\n## Footnotes\n");
        let _ = writeln!(
            md,
            "The text keeps each footnote's mark as `[^N]`; their texts, to place where they belong:\n"
        );
        for (id, text) in &doc.footnotes {
            let _ = writeln!(md, "- `[^{id}]`: {}", cell(text));
        }
        attention
            .push("Footnotes are marked `[^N]` in the text; their texts are listed in IMPORT.md.".into());
    }
    if !doc.media.is_empty() {
        let _ = writeln!(md, "\n## Pictures\n");
        for (name, bytes) in &doc.media {
            let _ = writeln!(md, "- `media/{name}` ({} bytes)", bytes.len());
        }
    }
    let _ = writeln!(md, "\n## Needs a person\n");
    for a in &attention {
        let _ = writeln!(md, "- {a}");
    }
    out.attention += attention.len();
    let _ = writeln!(
        md,
        "\nThen `pmp check` lists what the document itself contradicts (totals, numbering, references); the import ran it and exited with its result."
    );
    out.files.push(("IMPORT.md".into(), md.into_bytes()));
    out
}

/// The one figure a baseline or target prints: „87%”, „5,6% (2023.g.)”, „0,5”.
fn figure(text: &str) -> Option<String> {
    let head = text.split_once('(').map_or(text, |x| x.0).trim();
    let head = head.strip_suffix('%').unwrap_or(head).trim_end();
    number(head)
}

/// A target stated as a direction („pieaug”, „samazinās”) rather than a figure.
fn is_trend(text: &str) -> bool {
    let t = text.to_lowercase();
    !t.chars().any(|c| c.is_ascii_digit())
        || ["pieaug", "samazin", "palielin", "uzlabo", "nemainās", "saglabā"]
            .iter()
            .any(|w| t.contains(w))
}

fn to_be_set(text: &str) -> Option<i32> {
    let lower = text.to_lowercase();
    let at = lower.find("tiks noteikt")?;
    find_year(&lower[at..])
}

fn find_year(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    for i in 0..chars.len().saturating_sub(3) {
        let y: String = chars[i..i + 4].iter().collect();
        if let Ok(v) = y.parse::<i32>()
            && (2000..=2100).contains(&v)
        {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_split_into_label_number_and_text() {
        let c = caption("1.1. tabula: Izglītības iestādes", "tabula").unwrap();
        assert_eq!(c.number.as_deref(), Some("1.1."));
        assert_eq!(c.label.as_deref(), Some("1.1. tabula:"));
        assert_eq!(c.text, "Izglītības iestādes");
        let c = caption("2.4.tabula. PMP procesi", "tabula").unwrap();
        assert_eq!(c.label.as_deref(), Some("2.4.tabula."));
        assert_eq!(c.text, "PMP procesi");
        assert!(caption("Šī tabula rāda", "tabula").is_none());
    }

    #[test]
    fn printed_figures_are_numbers_only_when_bare() {
        assert_eq!(number("0,5").as_deref(), Some("0.5"));
        assert_eq!(number("276").as_deref(), Some("276"));
        assert_eq!(number("0,50").as_deref(), Some("0.50"));
        assert_eq!(number("58%"), None);
        assert_eq!(number("01"), None);
        assert_eq!(number("1.1."), None);
    }

    #[test]
    fn municipality_and_period_come_from_the_text() {
        assert_eq!(
            find_municipality("Programmas mērķis ir pilnveidot Jelgavas novada pašvaldības").as_deref(),
            Some("Jelgavas novads")
        );
        assert_eq!(find_period("plāns 2024.-2028.gadam"), Some((2024, 2028)));
        assert_eq!(find_period("2024-2027"), Some((2024, 2027)));
    }

    #[test]
    fn footnotes_leave_the_names() {
        let (t, notes) = without_notes("Skolas[footnoteRef:5], IP [5:  Šeit “skolas”, tas ir]");
        assert_eq!(names(&t), vec!["Skolas", "IP"]);
        assert_eq!(notes, vec!["Šeit “skolas”, tas ir"]);
        assert_eq!(without_notes("a[^2] b").0, "a b");
    }

    #[test]
    fn names_split_outside_parentheses() {
        assert_eq!(
            names("Skolas, IP (Atbalsta nodaļa, JLN)"),
            vec!["Skolas", "IP (Atbalsta nodaļa, JLN)"]
        );
    }
}
