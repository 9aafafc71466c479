//! Making WordprocessingML that a writer library produced valid, in one pass over each XML part.
//!
//! `docx-rs` writes property elements in the order its builder calls happened (`w:sz` before
//! `w:b`, `w:pStyle` after `w:jc`, `w:footerReference` after `w:pgSz`), and ECMA-376 declares
//! most property containers as `xsd:sequence`: Word drops run properties it finds out of order
//! and Word Online refuses such files. Rather than fix the order at every call site, [`tidy`]
//! re-reads each part and puts the children of every container listed in [`ORDERS`] into the
//! schema's sequence (a stable sort: elements of one kind keep their order, content such as
//! runs and paragraphs is never reordered). It also removes the one attribute docx-rs writes
//! that the schema does not declare (`w:type` on `w:gridCol`).
//!
//! [`xml_safe`] is the one place where text meets XML: characters XML 1.0 cannot carry (the
//! C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF) are never
//! written. A vertical tab or form feed (what Word pastes for a manual line or page break)
//! becomes a space, so the words on either side stay apart; the others are dropped.
//!
//! Both are plain functions over strings so that every writer of a Word file can use them.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::Event;

/// Whether XML 1.0 allows the character in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` with every character XML 1.0 forbids replaced (vertical tab, form feed: a space) or
/// dropped (the rest). Borrows when there is nothing to change.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    // In UTF-8 the forbidden characters are the bytes below 0x20 (but tab, line feed and
    // carriage return) and the sequences EF BF BE / EF BF BF: a byte scan finds them.
    let b = s.as_bytes();
    let clean = !b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
            || (c == 0xEF && b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)))
    });
    if clean {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\u{0B}' | '\u{0C}' => Some(' '),
                c if is_xml_char(c) => Some(c),
                _ => None,
            })
            .collect(),
    )
}

/// The marker in an order list standing for every child it does not name.
const REST: &str = "*";

/// Run properties (`CT_RPr`, `CT_ParaRPr`), in schema order.
const RPR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    REST,
    "w:oMath",
    "w:rPrChange",
];

/// Paragraph properties (`CT_PPr` and the style and numbering variants), in schema order.
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    REST,
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// Section properties (`CT_SectPr`).
const SECTPR: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    REST,
    "w:sectPrChange",
];

/// Table properties (`CT_TblPr`, `CT_TblPrStyle`).
const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    REST,
    "w:tblPrChange",
];

/// Cell properties (`CT_TcPr`).
const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    REST,
    "w:tcPrChange",
];

/// Row properties (`CT_TrPr`; the schema allows any order, Word writes this one).
const TRPR: &[&str] = &[
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:trHeight",
    "w:hidden",
    "w:cantSplit",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    REST,
    "w:ins",
    "w:del",
    "w:trPrChange",
];

/// Border sets of tables, cells and paragraphs.
const BORDERS: &[&str] = &[
    "w:top",
    "w:left",
    "w:start",
    "w:bottom",
    "w:right",
    "w:end",
    "w:between",
    "w:bar",
    "w:insideH",
    "w:insideV",
    "w:tl2br",
    "w:tr2bl",
    REST,
];

/// A style definition (`CT_Style`).
const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
    REST,
];

/// Document settings (`CT_Settings`): the elements docx-rs and pmp write, in schema order.
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:mirrorMargins",
    "w:proofState",
    "w:attachedTemplate",
    "w:trackRevisions",
    "w:documentProtection",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:evenAndOddHeaders",
    "w:characterSpacingControl",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:shapeDefaults",
    "w:decimalSymbol",
    "w:listSeparator",
    REST,
];

/// Every container whose children [`tidy`] puts in schema order. Containers of content (a
/// paragraph, a run, a cell) only have their properties element moved first.
pub const ORDERS: &[(&str, &[&str])] = &[
    ("w:rPr", RPR),
    ("w:pPr", PPR),
    ("w:sectPr", SECTPR),
    ("w:tblPr", TBLPR),
    ("w:tcPr", TCPR),
    ("w:trPr", TRPR),
    ("w:tblBorders", BORDERS),
    ("w:tcBorders", BORDERS),
    ("w:pBdr", BORDERS),
    ("w:tblCellMar", BORDERS),
    ("w:tcMar", BORDERS),
    ("w:style", STYLE),
    ("w:settings", SETTINGS),
    ("w:numPr", &["w:ilvl", "w:numId", REST]),
    (
        "w:lvl",
        &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
            REST,
        ],
    ),
    (
        "w:abstractNum",
        &[
            "w:nsid",
            "w:multiLevelType",
            "w:tmpl",
            "w:name",
            "w:styleLink",
            "w:numStyleLink",
            "w:lvl",
            REST,
        ],
    ),
    ("w:num", &["w:abstractNumId", "w:lvlOverride", REST]),
    ("w:lvlOverride", &["w:startOverride", "w:lvl", REST]),
    ("w:numbering", &["w:numPicBullet", "w:abstractNum", "w:num", REST]),
    ("w:styles", &["w:docDefaults", "w:latentStyles", "w:style", REST]),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault", REST]),
    (
        "w:tblStylePr",
        &["w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", REST],
    ),
    ("w:tbl", &["w:tblPr", "w:tblGrid", REST]),
    ("w:tr", &["w:tblPrEx", "w:trPr", REST]),
    ("w:tc", &["w:tcPr", REST]),
    ("w:p", &["w:pPr", REST]),
    ("w:r", &["w:rPr", REST]),
    ("w:body", &[REST, "w:sectPr"]),
];

fn order_of(name: &[u8]) -> Option<&'static [&'static str]> {
    ORDERS
        .iter()
        .find(|(n, _)| n.as_bytes() == name)
        .map(|(_, order)| *order)
}

/// The position of a child called `name` in its parent's order.
fn rank(order: &[&str], name: &[u8]) -> usize {
    let rest = order.iter().position(|n| *n == REST).unwrap_or(order.len());
    order.iter().position(|n| n.as_bytes() == name).unwrap_or(rest)
}

/// An element being read. Everything is written straight into one output buffer; an
/// element whose children have a schema order remembers where each child starts and ends,
/// and puts them in order when it closes (a copy only when they are out of order).
struct Open<'a> {
    name: &'a [u8],
    order: Option<&'static [&'static str]>,
    /// Children the schema does not allow here, dropped.
    drop: &'static [&'static str],
    /// Where the element's start tag begins in the output.
    tag_start: usize,
    /// Where its content begins.
    content_start: usize,
    /// Rank, start and end of each child (ordered elements only); text stays with the child
    /// before it.
    kids: Vec<(usize, usize, usize)>,
}

/// The element name in a start tag's bytes (`w:p w:rsid="…"` gives `w:p`).
fn tag_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    &tag[..end]
}

/// Records a finished child `name` spanning `start..end` of `out` in its parent, or drops it.
fn child_done(parent: Option<&mut Open<'_>>, name: &[u8], start: usize, out: &mut Vec<u8>) {
    let Some(parent) = parent else { return };
    if parent.drop.iter().any(|d| d.as_bytes() == name) {
        out.truncate(start);
        return;
    }
    if let Some(order) = parent.order {
        parent.kids.push((rank(order, name), start, out.len()));
    }
}

/// Puts the children of an ordered element (content `from..` of `out`) in schema order. A
/// child's span runs to the next child's start, so text after it travels with it.
fn reorder(kids: &[(usize, usize, usize)], from: usize, out: &mut [u8]) {
    if kids.windows(2).all(|w| w[0].0 <= w[1].0) {
        return;
    }
    let end = kids.last().map_or(from, |k| k.2);
    let mut spans: Vec<(usize, usize, usize)> = kids
        .iter()
        .enumerate()
        .map(|(i, k)| (k.0, k.1, kids.get(i + 1).map_or(end, |n| n.1)))
        .collect();
    spans.sort_by_key(|k| k.0);
    let lead = kids.first().map_or(from, |k| k.1);
    let mut buf = Vec::with_capacity(end - from);
    buf.extend_from_slice(&out[from..lead]);
    for (_, a, b) in spans {
        buf.extend_from_slice(&out[a..b]);
    }
    out[from..end].copy_from_slice(&buf);
}

/// One XML part made valid: forbidden characters removed ([`xml_safe`]), the children of the
/// containers in [`ORDERS`] in schema order, undeclared attributes removed. Fails (with the
/// parser's message) only on XML that is not well-formed, which a writer never produces.
pub fn tidy(xml: &str) -> Result<String, String> {
    let xml = xml_safe(xml);
    let mut reader = Reader::from_str(&xml);
    reader.config_mut().check_end_names = true;
    let mut out: Vec<u8> = Vec::with_capacity(xml.len() + 64);
    let mut stack: Vec<Open> = Vec::new();
    let mut roots = 0;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Eof => break,
            Event::Decl(_) if out.is_empty() => {
                out.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
            }
            Event::Start(e) => {
                // The tag's bytes in the input itself (they outlive the event): they end just
                // before the `>` the reader stopped after.
                let end = usize::try_from(reader.buffer_position())
                    .unwrap_or(0)
                    .saturating_sub(1);
                let raw: &[u8] = xml
                    .as_bytes()
                    .get(end.saturating_sub(e.len())..end)
                    .filter(|r| *r == &*e)
                    .ok_or("a start tag the reader reports out of place")?;
                let name = tag_name(raw);
                // A style's or a list level's paragraph properties (CT_PPrGeneral) have no
                // run properties of their own: docx-rs writes an empty `w:rPr` there.
                let in_definition = stack
                    .last()
                    .is_some_and(|p| matches!(p.name, b"w:style" | b"w:lvl" | b"w:pPrDefault"));
                let tag_start = out.len();
                out.push(b'<');
                out.extend_from_slice(raw);
                out.push(b'>');
                if stack.is_empty() {
                    roots += 1;
                }
                stack.push(Open {
                    name,
                    order: order_of(name),
                    drop: if name == b"w:pPr" && in_definition {
                        &["w:rPr", "w:sectPr"]
                    } else {
                        &[]
                    },
                    tag_start,
                    content_start: out.len(),
                    kids: Vec::new(),
                });
            }
            Event::End(_) => {
                let Some(open) = stack.pop() else {
                    return Err("an end tag without its start".into());
                };
                if open.order.is_some() {
                    reorder(&open.kids, open.content_start, &mut out);
                }
                out.extend_from_slice(b"</");
                out.extend_from_slice(open.name);
                out.push(b'>');
                child_done(stack.last_mut(), open.name, open.tag_start, &mut out);
            }
            Event::Empty(e) => {
                let name = tag_name(&e);
                let start = out.len();
                out.push(b'<');
                if name == b"w:gridCol" {
                    // `w:type` is not an attribute of CT_TblGridCol.
                    out.extend_from_slice(name);
                    for a in e.attributes().with_checks(false).flatten() {
                        if a.key.as_ref() != b"w:type" {
                            out.push(b' ');
                            out.extend_from_slice(a.key.as_ref());
                            out.extend_from_slice(b"=\"");
                            out.extend_from_slice(&a.value);
                            out.push(b'"');
                        }
                    }
                } else {
                    out.extend_from_slice(e.trim_ascii_end());
                }
                out.extend_from_slice(b" />");
                if stack.is_empty() {
                    roots += 1;
                }
                child_done(stack.last_mut(), name, start, &mut out);
            }
            // Text outside the root (whitespace) is not kept.
            Event::Text(t) if !stack.is_empty() => out.extend_from_slice(&t),
            Event::GeneralRef(r) if !stack.is_empty() => {
                out.push(b'&');
                out.extend_from_slice(&r);
                out.push(b';');
            }
            Event::CData(c) if !stack.is_empty() => {
                out.extend_from_slice(b"<![CDATA[");
                out.extend_from_slice(&c);
                out.extend_from_slice(b"]]>");
            }
            // docx-rs writes none of these; they carry nothing a reader needs.
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("the part ends inside an element".into());
    }
    if roots != 1 {
        return Err("the part has no single root element".into());
    }
    if !out.starts_with(b"<?xml") {
        let mut with = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.to_vec();
        with.extend_from_slice(&out);
        out = with;
    }
    String::from_utf8(out).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced_or_dropped() {
        assert_eq!(
            xml_safe("a\u{0B}b\u{0C}c\u{0}d\u{1F}e\u{FFFE}\u{FFFF}f"),
            "a b cdef"
        );
        assert!(matches!(xml_safe("tab\tnew\nline ✓ 𝄞"), Cow::Borrowed(_)));
        assert!(matches!(xml_safe("\u{FFFD}\u{FFFC}\u{EFBF}"), Cow::Borrowed(_)));
        assert_eq!(xml_safe("a\u{FFFF}"), "a");
    }

    #[test]
    fn properties_are_put_in_schema_order_and_content_is_not() {
        let xml = r#"<?xml version="1.0"?><w:body><w:p><w:pPr><w:rPr /><w:jc w:val="both" /><w:pStyle w:val="X" /></w:pPr><w:r><w:rPr><w:sz w:val="20" /><w:b /></w:rPr><w:t>b&amp;</w:t><w:br /><w:t xml:space="preserve">a </w:t></w:r></w:p><w:style><w:rPr /><w:pPr><w:rPr /><w:jc /></w:pPr><w:name /></w:style><w:sectPr><w:pgSz w:w="1" /><w:footerReference r:id="x" /></w:sectPr><w:tbl><w:tblGrid><w:gridCol w:w="5" w:type="dxa" /></w:tblGrid></w:tbl></w:body>"#;
        let out = tidy(xml).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:body><w:p><w:pPr><w:pStyle w:val="X" /><w:jc w:val="both" /><w:rPr /></w:pPr><w:r><w:rPr><w:b /><w:sz w:val="20" /></w:rPr><w:t>b&amp;</w:t><w:br /><w:t xml:space="preserve">a </w:t></w:r></w:p><w:style><w:name /><w:pPr><w:jc /></w:pPr><w:rPr /></w:style><w:tbl><w:tblGrid><w:gridCol w:w="5" /></w:tblGrid></w:tbl><w:sectPr><w:footerReference r:id="x" /><w:pgSz w:w="1" /></w:sectPr></w:body>"#
        );
    }

    #[test]
    fn control_characters_in_text_never_reach_the_part() {
        let out = tidy("<w:t>a\u{0B}b\u{0}</w:t>").unwrap();
        assert!(out.ends_with("<w:t>a b</w:t>"), "{out}");
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(tidy("<a><b></a>").is_err());
        assert!(tidy("<a>").is_err());
        assert!(tidy("").is_err());
    }
}
