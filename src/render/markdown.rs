//! The Markdown renderer: GitHub-flavoured Markdown from `templates/document.md.tera`.
//!
//! Every value the template prints is escaped for Markdown by Tera's autoescape, with an
//! escape function that also makes the text safe inside a table cell (`|` escaped, newlines
//! become `<br>`), so a user string can never open a table, a list, a link or raw HTML.
//! Prose fields are Markdown already and pass through the `markdown` filter as written.

use tera::{Kwargs, State, Tera, Value};

use super::{MARKDOWN_TEMPLATE, RenderError, Renderer, View, tera_error};

pub struct Markdown {
    tera: Tera,
}

impl Markdown {
    pub fn new(source: &str) -> Result<Self, RenderError> {
        let mut tera = Tera::new();
        tera.autoescape_on([".md.tera"]);
        tera.set_escape_fn(escape_fn);
        register_common_filters(&mut tera);
        tera.register_filter("markdown", |s: &str, _: Kwargs, _: &State| {
            Value::safe_string(without_raw_html(s).trim_end())
        });
        tera.add_raw_template(MARKDOWN_TEMPLATE.0, source)
            .map_err(|e| tera_error(MARKDOWN_TEMPLATE.0, &e))?;
        Ok(Markdown { tera })
    }
}

impl Renderer for Markdown {
    fn extension(&self) -> &'static str {
        "md"
    }

    fn render(&self, view: &View) -> Result<Vec<u8>, RenderError> {
        let ctx = tera::Context::from_serialize(view).map_err(|e| tera_error(MARKDOWN_TEMPLATE.0, &e))?;
        let out = self
            .tera
            .render(MARKDOWN_TEMPLATE.0, &ctx)
            .map_err(|e| tera_error(MARKDOWN_TEMPLATE.0, &e))?;
        Ok(tidy(&out).into_bytes())
    }
}

/// Prose as written, except that raw HTML (which the HTML and DOCX renderers drop) is turned
/// into visible text: the prose is then re-serialised by comrak, everything else is kept as is.
fn without_raw_html(md: &str) -> std::borrow::Cow<'_, str> {
    use comrak::nodes::{AstNode, NodeValue};
    if !md.contains('<') {
        return md.into();
    }
    let arena = comrak::Arena::new();
    let options = super::comrak_options();
    let root = comrak::parse_document(&arena, md, &options);
    let mut found = false;
    for node in root.descendants().collect::<Vec<_>>() {
        let literal = match &node.data().value {
            NodeValue::HtmlInline(s) => Some((s.clone(), false)),
            NodeValue::HtmlBlock(b) => Some((b.literal.trim_end().to_string(), true)),
            _ => None,
        };
        let Some((text, block)) = literal else { continue };
        found = true;
        let text_node = arena.alloc(AstNode::from(NodeValue::Text(text.into())));
        if block {
            node.data_mut().value = NodeValue::Paragraph;
            node.append(text_node);
        } else {
            node.insert_before(text_node);
            node.detach();
        }
    }
    if !found {
        return md.into();
    }
    let mut out = String::new();
    match comrak::format_commonmark(root, &options, &mut out) {
        Ok(()) => out.into(),
        Err(_) => escape(md).into(),
    }
}

/// Filters both template renderers share. `lines(sep=...)` escapes each line of a cell with
/// the template's own escape function and joins them with `sep`, which is markup; a line break
/// inside a line becomes `<br>` (Markdown's escape already does that).
pub(crate) fn register_common_filters(tera: &mut Tera) {
    tera.register_filter("lines", |lines: Vec<String>, kwargs: Kwargs, state: &State| {
        let sep: String = kwargs
            .get::<String>("sep")
            .ok()
            .flatten()
            .unwrap_or_else(|| "<br>".into());
        let mut out = String::new();
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            out.push_str(&state.escape(l)?.replace('\n', "<br>"));
        }
        Ok::<Value, tera::Error>(Value::safe_string(&out))
    });
    // `br`: one value escaped, its line breaks kept as `<br>`.
    tera.register_filter("br", |s: &str, _: Kwargs, state: &State| {
        Ok::<Value, tera::Error>(Value::safe_string(&state.escape(s)?.replace('\n', "<br>")))
    });
}

/// Tera's escape function for Markdown output.
fn escape_fn(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape(input).as_bytes())
}

/// Escapes text so that Markdown shows it literally, in a paragraph, a heading or a table
/// cell: punctuation that starts markup is backslash-escaped, a list or heading marker at the
/// start is neutralised, newlines become `<br>`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let s = s.replace("\r\n", "\n");
    for (li, line) in s.split('\n').enumerate() {
        if li > 0 {
            out.push_str("<br>");
        }
        let trimmed = line.trim_start();
        let lead = &line[..line.len() - trimmed.len()];
        out.push_str(lead);
        // `1. ` or `1) ` at the start would open an ordered list.
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        let mut rest = trimmed;
        if digits > 0 && digits < 10 {
            let after = &trimmed[digits..];
            if after.starts_with(". ") || after.starts_with(") ") {
                out.push_str(&trimmed[..digits]);
                out.push('\\');
                rest = after;
            }
        }
        for (i, c) in rest.chars().enumerate() {
            let at_start = i == 0 && out_is_line_start(&out);
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                    out.push('\\');
                    out.push(c);
                }
                '#' | '+' | '-' | '=' if at_start => {
                    out.push('\\');
                    out.push(c);
                }
                '!' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// Whether the escaped text so far ends at the start of a line (nothing on it but spaces).
fn out_is_line_start(out: &str) -> bool {
    let tail = out.rsplit("<br>").next().unwrap_or(out);
    tail.chars().all(|c| c == ' ')
}

/// Collapses runs of blank lines the template's loops leave, and ends with one newline.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    let start = out.find(|c: char| c != '\n').unwrap_or(0);
    out[start..].to_string()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(escape("1. punkts"), "1\\. punkts");
        assert_eq!(escape("2024.–2028."), "2024.–2028.");
        assert_eq!(escape("1."), "1.");
        assert_eq!(escape("# nav virsraksts"), "\\# nav virsraksts");
        assert_eq!(escape("- nav saraksts"), "\\- nav saraksts");
        assert_eq!(escape("a-b"), "a-b");
        assert_eq!(escape("rinda\notrā"), "rinda<br>otrā");
        assert_eq!(escape("[saite](http://x)"), "\\[saite\\](http://x)");
        assert_eq!(escape("0,5*"), "0,5\\*");
    }

    #[test]
    fn prose_keeps_markdown_but_not_raw_html() {
        use super::without_raw_html;
        assert_eq!(
            without_raw_html("**bold** and <b>x</b>\n\n- a\n"),
            "**bold** and \\<b\\>x\\</b\\>\n\n- a\n"
        );
        assert_eq!(without_raw_html("plain *prose*\n"), "plain *prose*\n");
        assert!(!without_raw_html("<script>alert(1)</script>\n").contains("<script>"));
    }
}
