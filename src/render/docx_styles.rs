//! The Word document's style sheet (`word/styles.xml`) and core properties
//! (`docProps/core.xml`), written whole rather than through `docx-rs`'s builder.
//!
//! Every paragraph of the document names one of these styles and carries (almost) no direct
//! formatting, so a secretary restyles the whole document by changing a style, and a
//! municipality's own template (`--reference-doc`) can replace the sheet. Names and ids are
//! Word's built-in ones where Word has the style (Normal, Body Text, List Bullet, List Number,
//! Caption, TOC 1–3, Title, Subtitle, heading 1–3, footer, Hyperlink, Strong, Quote, Plain
//! Text, Table Grid), so Word treats them as its own; the table text styles have no built-in
//! counterpart and are named in the same manner. Latvian is the document language, widow and
//! orphan control is on for every paragraph, headings and captions keep with what follows.

use super::ooxml::xml_safe;

/// Style ids the document uses.
pub mod id {
    pub const BODY: &str = "BodyText";
    pub const LIST_BULLET: &str = "ListBullet";
    pub const LIST_NUMBER: &str = "ListNumber";
    pub const TABLE_TEXT: &str = "TableText";
    pub const TABLE_HEADING: &str = "TableHeading";
    pub const TABLE_GROUP: &str = "TableGroup";
    pub const TABLE_NUMBER: &str = "TableNumber";
    pub const TABLE_MARK: &str = "TableMark";
    pub const TABLE_LIST: &str = "TableList";
    pub const TABLE_NOTE: &str = "TableNote";
    pub const CAPTION: &str = "Caption";
    pub const FIGURE: &str = "Figure";
    pub const TITLE: &str = "Title";
    pub const SUBTITLE: &str = "Subtitle";
    pub const TITLE_PAGE: &str = "TitlePageText";
    pub const TOC_HEADING: &str = "TOCHeading";
    pub const TOC: [&str; 3] = ["TOC1", "TOC2", "TOC3"];
    pub const HEADING: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
    pub const FOOTER: &str = "Footer";
    pub const DRAFT_MARK: &str = "DraftMark";
    pub const QUOTE: &str = "Quote";
    pub const CODE: &str = "PlainText";
    pub const HYPERLINK: &str = "Hyperlink";
    pub const STRONG: &str = "Strong";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    pub const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
    pub const TABLE_GRID: &str = "TableGrid";
}

/// The document language, for spelling and hyphenation.
pub const LANGUAGE: &str = "lv-LV";

pub const BODY_FONT: &str = "Times New Roman";
pub const HEADING_FONT: &str = "Arial";

/// A paragraph style: id, name, based on, next, pPr content, rPr content.
struct P {
    id: &'static str,
    name: &'static str,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    ppr: String,
    rpr: String,
}

fn fonts(f: &str) -> String {
    format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}" />"#)
}

fn size(half_points: u32) -> String {
    format!(r#"<w:sz w:val="{half_points}" /><w:szCs w:val="{half_points}" />"#)
}

fn spacing(before: u32, after: u32) -> String {
    format!(r#"<w:spacing w:before="{before}" w:after="{after}" />"#)
}

/// `word/styles.xml`. `text_width` is the portrait text width in twentieths of a point (the
/// right tab of the table of contents); `bullets` the numbering id of bulleted lists.
pub fn styles_xml(text_width: u32, bullets: usize) -> String {
    let heading = |level: usize, sz: u32, before: u32| P {
        id: id::HEADING[level],
        name: ["heading 1", "heading 2", "heading 3"][level],
        based_on: Some("Normal"),
        next: Some(id::BODY),
        ppr: format!(
            r#"<w:keepNext /><w:keepLines />{}<w:outlineLvl w:val="{level}" />"#,
            spacing(before, 120)
        ),
        rpr: format!("{}<w:b /><w:bCs />{}", fonts(HEADING_FONT), size(sz)),
    };
    let toc = |level: usize| P {
        id: id::TOC[level],
        name: ["toc 1", "toc 2", "toc 3"][level],
        based_on: Some("Normal"),
        next: Some("Normal"),
        ppr: format!(
            r#"<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}" /></w:tabs>{}<w:ind w:left="{}" />"#,
            spacing(0, 60),
            level * 240
        ),
        rpr: if level == 0 {
            "<w:b />".into()
        } else {
            String::new()
        },
    };
    let paragraph_styles = vec![
        P {
            id: "Normal",
            name: "Normal",
            based_on: None,
            next: None,
            ppr: "<w:widowControl />".into(),
            rpr: String::new(),
        },
        P {
            id: id::TITLE,
            name: "Title",
            based_on: Some("Normal"),
            next: Some(id::SUBTITLE),
            ppr: format!(r#"{}<w:jc w:val="center" />"#, spacing(480, 480)),
            rpr: format!("{}<w:b /><w:bCs />{}", fonts(HEADING_FONT), size(40)),
        },
        P {
            id: id::SUBTITLE,
            name: "Subtitle",
            based_on: Some("Normal"),
            next: Some(id::TITLE_PAGE),
            ppr: format!(r#"{}<w:jc w:val="center" />"#, spacing(2400, 0)),
            rpr: format!("{}<w:b /><w:bCs />{}", fonts(HEADING_FONT), size(32)),
        },
        P {
            id: id::TITLE_PAGE,
            name: "Title Page Text",
            based_on: Some("Normal"),
            next: Some(id::TITLE_PAGE),
            ppr: format!(r#"{}<w:jc w:val="center" />"#, spacing(120, 120)),
            rpr: size(28),
        },
        heading(0, 32, 360),
        heading(1, 28, 240),
        heading(2, 24, 240),
        P {
            id: id::BODY,
            name: "Body Text",
            based_on: Some("Normal"),
            next: Some(id::BODY),
            ppr: format!(r#"{}<w:jc w:val="both" />"#, spacing(0, 120)),
            rpr: String::new(),
        },
        P {
            id: id::LIST_BULLET,
            name: "List Bullet",
            based_on: Some("Normal"),
            next: Some(id::LIST_BULLET),
            ppr: format!(
                r#"<w:numPr><w:ilvl w:val="0" /><w:numId w:val="{bullets}" /></w:numPr>{}<w:jc w:val="both" />"#,
                spacing(0, 60)
            ),
            rpr: String::new(),
        },
        P {
            id: id::LIST_NUMBER,
            name: "List Number",
            based_on: Some("Normal"),
            next: Some(id::LIST_NUMBER),
            ppr: format!(r#"{}<w:jc w:val="both" />"#, spacing(0, 60)),
            rpr: String::new(),
        },
        P {
            id: id::QUOTE,
            name: "Quote",
            based_on: Some("Normal"),
            next: Some(id::BODY),
            ppr: format!(r#"{}<w:ind w:left="720" />"#, spacing(0, 120)),
            rpr: "<w:i /><w:iCs />".into(),
        },
        P {
            id: id::CODE,
            name: "Plain Text",
            based_on: Some("Normal"),
            next: Some(id::CODE),
            ppr: String::new(),
            rpr: format!("{}{}", fonts("Courier New"), size(20)),
        },
        P {
            id: id::CAPTION,
            name: "caption",
            based_on: Some("Normal"),
            next: Some("Normal"),
            ppr: format!("<w:keepNext />{}", spacing(120, 60)),
            rpr: format!("<w:b /><w:bCs />{}", size(22)),
        },
        P {
            id: id::FIGURE,
            name: "Figure",
            based_on: Some("Normal"),
            next: Some(id::BODY),
            ppr: format!(r#"<w:keepNext />{}<w:jc w:val="center" />"#, spacing(0, 60)),
            rpr: String::new(),
        },
        P {
            id: id::TABLE_TEXT,
            name: "Table Text",
            based_on: Some("Normal"),
            next: Some(id::TABLE_TEXT),
            ppr: spacing(0, 0),
            rpr: size(20),
        },
        P {
            id: id::TABLE_HEADING,
            name: "Table Heading",
            based_on: Some(id::TABLE_TEXT),
            next: Some(id::TABLE_TEXT),
            ppr: r#"<w:keepNext /><w:jc w:val="center" />"#.into(),
            rpr: "<w:b /><w:bCs />".into(),
        },
        P {
            id: id::TABLE_GROUP,
            name: "Table Group",
            based_on: Some(id::TABLE_TEXT),
            next: Some(id::TABLE_TEXT),
            ppr: "<w:keepNext />".into(),
            rpr: "<w:b /><w:bCs />".into(),
        },
        P {
            id: id::TABLE_NUMBER,
            name: "Table Number",
            based_on: Some(id::TABLE_TEXT),
            next: Some(id::TABLE_NUMBER),
            ppr: r#"<w:jc w:val="right" />"#.into(),
            rpr: String::new(),
        },
        P {
            id: id::TABLE_MARK,
            name: "Table Mark",
            based_on: Some(id::TABLE_TEXT),
            next: Some(id::TABLE_MARK),
            ppr: r#"<w:jc w:val="center" />"#.into(),
            rpr: String::new(),
        },
        P {
            id: id::TABLE_LIST,
            name: "Table List",
            based_on: Some(id::TABLE_TEXT),
            next: Some(id::TABLE_LIST),
            ppr: format!(
                r#"<w:numPr><w:ilvl w:val="0" /><w:numId w:val="{bullets}" /></w:numPr><w:ind w:left="284" w:hanging="284" />"#
            ),
            rpr: String::new(),
        },
        P {
            id: id::TABLE_NOTE,
            name: "Table Note",
            based_on: Some("Normal"),
            next: Some(id::BODY),
            ppr: spacing(0, 0),
            rpr: size(20),
        },
        P {
            id: id::FOOTNOTE_TEXT,
            name: "footnote text",
            based_on: Some("Normal"),
            next: Some(id::FOOTNOTE_TEXT),
            ppr: spacing(0, 0),
            rpr: size(20),
        },
        P {
            id: id::TOC_HEADING,
            name: "TOC Heading",
            based_on: Some(id::HEADING[0]),
            next: Some("Normal"),
            ppr: r#"<w:outlineLvl w:val="9" />"#.into(),
            rpr: String::new(),
        },
        toc(0),
        toc(1),
        toc(2),
        P {
            id: id::FOOTER,
            name: "footer",
            based_on: Some("Normal"),
            next: Some(id::FOOTER),
            ppr: r#"<w:jc w:val="center" />"#.into(),
            rpr: size(20),
        },
        P {
            id: id::DRAFT_MARK,
            name: "Draft mark",
            based_on: Some("Normal"),
            next: Some(id::SUBTITLE),
            ppr: format!(r#"<w:jc w:val="right" />{}"#, spacing(0, 480)),
            rpr: r#"<w:b /><w:bCs />"#.into(),
        },
    ];

    let mut x = String::with_capacity(16 * 1024);
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.push_str(r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#);
    x.push_str(&format!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr>{}{}<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA" /></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl /><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr></w:pPrDefault></w:docDefaults>"#,
        fonts(BODY_FONT),
        size(24)
    ));
    for s in &paragraph_styles {
        let default = if s.id == "Normal" { r#" w:default="1""# } else { "" };
        x.push_str(&format!(
            r#"<w:style w:type="paragraph"{default} w:styleId="{}"><w:name w:val="{}" />"#,
            s.id, s.name
        ));
        if let Some(b) = s.based_on {
            x.push_str(&format!(r#"<w:basedOn w:val="{b}" />"#));
        }
        if let Some(n) = s.next {
            x.push_str(&format!(r#"<w:next w:val="{n}" />"#));
        }
        x.push_str("<w:qFormat />");
        if !s.ppr.is_empty() {
            x.push_str(&format!("<w:pPr>{}</w:pPr>", s.ppr));
        }
        if !s.rpr.is_empty() {
            x.push_str(&format!("<w:rPr>{}</w:rPr>", s.rpr));
        }
        x.push_str("</w:style>");
    }
    // Character, table and numbering styles; the defaults Word itself always has.
    x.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font" /><w:uiPriority w:val="1" /><w:semiHidden /><w:unhideWhenUsed /></w:style>"#);
    x.push_str(&format!(
        r#"<w:style w:type="character" w:styleId="{}"><w:name w:val="Hyperlink" /><w:basedOn w:val="DefaultParagraphFont" /><w:rPr><w:color w:val="0563C1" /><w:u w:val="single" /></w:rPr></w:style>"#,
        id::HYPERLINK
    ));
    x.push_str(&format!(
        r#"<w:style w:type="character" w:styleId="{}"><w:name w:val="footnote reference" /><w:basedOn w:val="DefaultParagraphFont" /><w:uiPriority w:val="99" /><w:unhideWhenUsed /><w:rPr><w:vertAlign w:val="superscript" /></w:rPr></w:style>"#,
        id::FOOTNOTE_REFERENCE
    ));
    x.push_str(&format!(
        r#"<w:style w:type="character" w:styleId="{}"><w:name w:val="Strong" /><w:basedOn w:val="DefaultParagraphFont" /><w:qFormat /><w:rPr><w:b /><w:bCs /></w:rPr></w:style>"#,
        id::STRONG
    ));
    x.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table" /><w:uiPriority w:val="99" /><w:semiHidden /><w:unhideWhenUsed /><w:tblPr><w:tblInd w:w="0" w:type="dxa" /><w:tblCellMar><w:top w:w="0" w:type="dxa" /><w:left w:w="108" w:type="dxa" /><w:bottom w:w="0" w:type="dxa" /><w:right w:w="108" w:type="dxa" /></w:tblCellMar></w:tblPr></w:style>"#);
    let border = |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000" />"#);
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="{}"><w:name w:val="Table Grid" /><w:basedOn w:val="TableNormal" /><w:tblPr><w:tblBorders>{}{}{}{}{}{}</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa" /><w:left w:w="85" w:type="dxa" /><w:bottom w:w="28" w:type="dxa" /><w:right w:w="85" w:type="dxa" /></w:tblCellMar></w:tblPr></w:style>"#,
        id::TABLE_GRID,
        border("top"),
        border("left"),
        border("bottom"),
        border("right"),
        border("insideH"),
        border("insideV")
    ));
    x.push_str(r#"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List" /><w:uiPriority w:val="99" /><w:semiHidden /><w:unhideWhenUsed /></w:style>"#);
    x.push_str("</w:styles>");
    x
}

/// `docProps/core.xml`: the programme's title, the municipality as author, and dates from the
/// programme (`YYYY-MM-DD`), never from the clock; no date is written when none is known.
pub fn core_xml(
    title: &str,
    author: &str,
    created: Option<&str>,
    modified: Option<&str>,
    revision: usize,
) -> String {
    let esc = |s: &str| {
        xml_safe(s)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let date = |tag: &str, d: Option<&str>| {
        d.map(|d| format!(r#"<dcterms:{tag} xsi:type="dcterms:W3CDTF">{d}T00:00:00Z</dcterms:{tag}>"#))
            .unwrap_or_default()
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<dc:language>{lang}</dc:language><cp:revision>{revision}</cp:revision>{created}{modified}",
            "</cp:coreProperties>"
        ),
        title = esc(title),
        author = esc(author),
        lang = LANGUAGE,
        revision = revision,
        created = date("created", created),
        modified = date("modified", modified.or(created)),
    )
}
