//! Rendering what it was given: fuzzed text goes into a valid programme (the render
//! fixture) as plain fields (the programme's title, a goal's title, an activity's title, a
//! monitoring event's title) and as prose (a section's body), and every document must hold:
//! the Word file is a valid zip whose XML parts are well-formed and link nowhere dangerous;
//! the HTML has no element or attribute the renderer does not write itself and no script
//! address; the Markdown of the document and of the calendar, read back by comrak, has no
//! raw HTML but the `<br>` the escape writes, no script address, and the calendar's cells no
//! markup at all.
#![no_main]

use std::io::Read;

use comrak::nodes::NodeValue;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use pmp::render::{self, Format, Lang, Templates, is_dangerous_url};

#[derive(Debug, Arbitrary)]
struct Input {
    programme_title: String,
    goal_title: String,
    activity_title: String,
    event_title: String,
    prose: String,
}

const FIXTURE: [(&str, &str); 8] = [
    (
        "programme.yaml",
        include_str!("../../tests/fixtures/render/programme.yaml"),
    ),
    (
        "institutions.yaml",
        include_str!("../../tests/fixtures/render/institutions.yaml"),
    ),
    (
        "situation.yaml",
        include_str!("../../tests/fixtures/render/situation.yaml"),
    ),
    ("svid.yaml", include_str!("../../tests/fixtures/render/svid.yaml")),
    (
        "goals.yaml",
        include_str!("../../tests/fixtures/render/goals.yaml"),
    ),
    (
        "indicators.yaml",
        include_str!("../../tests/fixtures/render/indicators.yaml"),
    ),
    ("plan.yaml", include_str!("../../tests/fixtures/render/plan.yaml")),
    (
        "monitoring.yaml",
        include_str!("../../tests/fixtures/render/monitoring.yaml"),
    ),
];

/// A YAML double-quoted scalar (JSON's string syntax is one).
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Elements the HTML renderer writes: its template's and those comrak makes of safe prose.
const ELEMENTS: [&str; 49] = [
    "a",
    "body",
    "br",
    "caption",
    "col",
    "colgroup",
    "div",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "html",
    "li",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "section",
    "style",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "hr",
    "img",
    "svg",
    "rect",
    "line",
    "text",
    "span",
    "input",
    "sup",
    "!doctype",
];

fuzz_target!(|input: Input| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let prog = dir.path().join("demo");
    std::fs::create_dir(&prog).unwrap();
    let swaps = [
        (
            "programme.yaml",
            "title: Priekšlaicīgas mācību pārtraukšanas prevencijas plāns 2025.–2028. gadam",
            "title",
            &input.programme_title,
        ),
        (
            "goals.yaml",
            "title: Visi izglītojamie saņem karjeras atbalstu",
            "title",
            &input.goal_title,
        ),
        (
            "plan.yaml",
            "title: Karjeras dienas",
            "title",
            &input.activity_title,
        ),
        (
            "monitoring.yaml",
            "title: Datu apkopošana",
            "title",
            &input.event_title,
        ),
        (
            "situation.yaml",
            "body: Neattaisnoti kavējumi pa mācību gadiem, 1.–9. klase.",
            "body",
            &input.prose,
        ),
    ];
    for (name, text) in FIXTURE {
        let mut text = text.to_string();
        for (file, line, key, value) in &swaps {
            if *file == name {
                assert!(text.contains(line), "the fixture changed: {line}");
                text = text.replacen(line, &format!("{key}: {}", quoted(value)), 1);
            }
        }
        std::fs::write(prog.join(name), text).unwrap();
    }
    let loaded = pmp::load::load(std::slice::from_ref(&prog));
    let Some(p) = loaded.programmes.first() else {
        return;
    };
    if p.manifest.is_none() {
        return;
    }
    let view = render::view::build(p, Lang::Lv);
    for r in renderers() {
        let bytes = r.render(&view).unwrap();
        match r.extension() {
            "docx" => docx_is_sound(&bytes),
            "html" => html_is_escaped(std::str::from_utf8(&bytes).unwrap()),
            "md" => markdown_is_escaped(std::str::from_utf8(&bytes).unwrap(), false),
            other => panic!("unknown format {other}"),
        }
    }
    let ix = pmp::check::Index::new(p);
    if let Some(cal) = pmp::calendar::Calendar::build(p, &ix) {
        markdown_is_escaped(&pmp::calendar::md::render(&cal), true);
    }
});

/// The three renderers, their templates compiled once for the whole run.
fn renderers() -> &'static [Box<dyn render::Renderer + Send + Sync>] {
    static RENDERERS: std::sync::OnceLock<Vec<Box<dyn render::Renderer + Send + Sync>>> =
        std::sync::OnceLock::new();
    RENDERERS.get_or_init(|| {
        let templates = Templates::load(None).unwrap();
        render::renderers(&Format::ALL, &templates, false).unwrap()
    })
}

fn docx_is_sound(bytes: &[u8]) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the .docx is a zip");
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("a readable zip entry");
        let name = f.name().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).expect("a UTF-8 entry");
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut reader = quick_xml::Reader::from_str(&text);
        reader.config_mut().check_end_names = true;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e)) => {
                    for a in e.attributes() {
                        let a = a.unwrap_or_else(|err| panic!("{name}: attribute: {err}"));
                        if a.key.as_ref() == b"Target" {
                            // The address as Word reads it: XML character references decoded.
                            let v = a
                                .decoded_and_normalized_value(
                                    quick_xml::XmlVersion::Implicit1_0,
                                    reader.decoder(),
                                )
                                .unwrap_or_else(|err| panic!("{name}: Target: {err}"));
                            assert!(!is_dangerous_url(&v), "{name}: a link to {v}");
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed at {}: {e}", reader.buffer_position()),
            }
        }
    }
}

fn html_is_escaped(html: &str) {
    let mut i = 0;
    while let Some(at) = html[i..].find('<') {
        let start = i + at + 1;
        let slash = usize::from(html[start..].starts_with('/'));
        let rest = &html[start + slash..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            // `<` not opening a tag is only allowed inside the embedded CSS / SVG text, which
            // the renderer writes as `&lt;`: a bare one would be a parse hazard.
            panic!(
                "a bare `<` in the HTML at byte {start}: {:?}",
                html.get(start.saturating_sub(40)..(start + 40).min(html.len()))
            );
        }
        assert!(ELEMENTS.contains(&name.as_str()), "element <{name}> in the HTML");
        let after = start + slash + name.len();
        let (attrs, end) = attributes(&html[after..]);
        for (key, value) in attrs {
            let key = key.to_ascii_lowercase();
            assert!(!key.starts_with("on"), "event handler `{key}` on <{name}>");
            if key == "href" || key == "src" {
                assert!(
                    !is_dangerous_url(&unescape(&value)),
                    "a script address in <{name} {key}>"
                );
            }
        }
        i = after + end;
    }
}

/// The attributes of a tag (after its name) up to its `>`, with where the `>` is; quoted
/// values are skipped whole, so text in a `title="..."` is never taken for an attribute.
fn attributes(tag: &str) -> (Vec<(String, String)>, usize) {
    let b = tag.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && b[i] != b'>' {
        if b[i].is_ascii_whitespace() || b[i] == b'/' {
            i += 1;
            continue;
        }
        let k0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = tag[k0..i].to_string();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let v0 = i + 1;
                i = v0;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = tag[v0..i].to_string();
                i += 1;
            } else {
                let v0 = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = tag[v0..i].to_string();
            }
        }
        out.push((key, value));
    }
    (out, i.min(b.len()))
}

/// The few entities a URL in an attribute can carry.
fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Whether raw HTML in the document's Markdown is one of the anchors the template writes
/// before a referenced heading or caption: `<a id="tab:t-1-4">` and its `</a>`, the id made of
/// letters, digits and `-_:.` only (so nothing can follow it out of the attribute).
fn own_anchor(h: &str) -> bool {
    if h == "</a>" {
        return true;
    }
    h.strip_prefix("<a id=\"")
        .and_then(|r| r.strip_suffix("\">"))
        .is_some_and(|id| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        })
}

fn markdown_is_escaped(md: &str, calendar: bool) {
    let arena = comrak::Arena::new();
    let mut o = comrak::Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    let root = comrak::parse_document(&arena, md, &o);
    for n in root.descendants() {
        match &n.data().value {
            NodeValue::HtmlInline(h) => assert!(
                h.eq_ignore_ascii_case("<br>") || (!calendar && own_anchor(h)),
                "raw HTML {h:?} in the Markdown"
            ),
            NodeValue::HtmlBlock(b) => panic!("raw HTML block {:?} in the Markdown", b.literal),
            NodeValue::Link(l) | NodeValue::Image(l) => {
                assert!(!is_dangerous_url(&l.url), "a link to {:?} in the Markdown", l.url);
                // In the calendar only the address GitHub links by itself (`https://…`,
                // `www.…`, an e-mail address), shown as written, may be a link.
                let text: String = n
                    .descendants()
                    .filter_map(|d| match &d.data().value {
                        NodeValue::Text(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                let autolink = [String::new(), "http://".into(), "mailto:".into()]
                    .iter()
                    .any(|p| l.url == format!("{p}{text}"));
                assert!(!calendar || autolink, "a link to {:?} in the calendar", l.url);
            }
            NodeValue::Emph
            | NodeValue::Strong
            | NodeValue::Code(_)
            | NodeValue::Strikethrough
            | NodeValue::CodeBlock(_)
            | NodeValue::List(_)
            | NodeValue::BlockQuote
            | NodeValue::ThematicBreak
                if calendar =>
            {
                panic!("markup {:?} in the calendar:\n{md}", n.data().value)
            }
            _ => {}
        }
    }
}
