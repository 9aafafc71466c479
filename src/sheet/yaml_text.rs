//! Small edits of a YAML file's text: find a mapping's keys (block or flow style), the end of
//! a scalar, and write new values in the style around them. Only the bytes that change are
//! touched, so comments, quoting and layout elsewhere stay as the user wrote them.

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Y {
    /// A scalar, already written as YAML (quoted where it needs to be).
    S(String),
    L(Vec<Y>),
    M(Vec<(String, Y)>),
}

/// A text scalar as YAML: plain where that reads back as the same text, else double-quoted.
pub fn scalar(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && s == s.trim()
        && !s.contains([
            '\n', '\r', '\t', '#', ':', ',', '[', ']', '{', '}', '"', '\'', '\\',
        ])
        && !s.starts_with(['-', '?', '&', '*', '!', '|', '>', '%', '@', '`', '.', '+'])
        && !s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        )
        && !s.chars().any(|c| c.is_control() || c == '\u{feff}');
    if plain_ok {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

impl Y {
    /// The value in flow style (`{a: 1, b: [x, y]}`).
    pub fn flow(&self) -> String {
        match self {
            Y::S(s) => s.clone(),
            Y::L(items) => format!("[{}]", items.iter().map(Y::flow).collect::<Vec<_>>().join(", ")),
            Y::M(kv) => format!(
                "{{{}}}",
                kv.iter()
                    .map(|(k, v)| format!("{k}: {}", v.flow()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// A mapping of scalars short enough for one line.
    fn small(&self) -> bool {
        match self {
            Y::M(kv) => kv.iter().all(|(_, v)| matches!(v, Y::S(_))) && self.flow().chars().count() <= 70,
            _ => false,
        }
    }

    /// What follows `key:` in block style under a key at column `col`, with the final newline.
    pub fn block_value(&self, col: usize) -> String {
        match self {
            Y::S(s) => format!(" {s}\n"),
            Y::L(items) if items.is_empty() => " []\n".to_string(),
            Y::L(items) => {
                let mut out = "\n".to_string();
                for it in items {
                    out.push_str(&it.block_item(col + 2));
                }
                out
            }
            Y::M(kv) => {
                let mut out = "\n".to_string();
                for (k, v) in kv {
                    out.push_str(&format!("{}{k}:{}", " ".repeat(col + 2), v.block_value(col + 2)));
                }
                out
            }
        }
    }

    /// The value as a block list item at column `col`, with the final newline.
    pub fn block_item(&self, col: usize) -> String {
        let sp = " ".repeat(col);
        match self {
            Y::S(s) => format!("{sp}- {s}\n"),
            Y::L(_) => format!("{sp}- {}\n", self.flow()),
            Y::M(_) if self.small() => format!("{sp}- {}\n", self.flow()),
            Y::M(kv) => {
                let mut out = String::new();
                for (i, (k, v)) in kv.iter().enumerate() {
                    if i == 0 {
                        out.push_str(&format!("{sp}- {k}:{}", v.block_value(col + 2)));
                    } else {
                        out.push_str(&format!("{sp}  {k}:{}", v.block_value(col + 2)));
                    }
                }
                out
            }
        }
    }
}

fn line_start(t: &str, at: usize) -> usize {
    t[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(t: &str, at: usize) -> usize {
    t[at..].find('\n').map_or(t.len(), |i| at + i)
}

/// Indentation of the line starting at `ls`, and whether it is blank or a comment.
fn indent(t: &str, ls: usize) -> (usize, bool) {
    let line = &t[ls..line_end(t, ls)];
    let n = line.len() - line.trim_start_matches(' ').len();
    let rest = line[n..].trim();
    (n, rest.is_empty() || rest.starts_with('#'))
}

/// Where the key of the value at `value_at` starts (`key: value`).
pub fn key_start(t: &str, value_at: usize) -> usize {
    let b = t.as_bytes();
    let mut i = value_at;
    while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    if i > 0 && b[i - 1] == b':' {
        i -= 1;
    }
    while i > 0 && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'_' | b'-')) {
        i -= 1;
    }
    i
}

/// The `{` of the flow mapping the key at `key_at` is in, if it is in one.
fn flow_open(t: &str, key_at: usize) -> Option<usize> {
    let b = t.as_bytes();
    let mut i = key_at;
    while i > 0 && matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
        i -= 1;
    }
    if i == 0 {
        return None;
    }
    match b[i - 1] {
        b'{' => Some(i - 1),
        b',' => {
            let mut depth = 0i32;
            let mut j = i - 1;
            while j > 0 {
                j -= 1;
                match b[j] {
                    b'}' | b']' => depth += 1,
                    b'[' if depth > 0 => depth -= 1,
                    b'{' if depth == 0 => return Some(j),
                    b'{' => depth -= 1,
                    _ => {}
                }
            }
            None
        }
        _ => None,
    }
}

/// The end of a quoted scalar starting at `at` (after its closing quote).
fn quoted_end(t: &str, at: usize) -> usize {
    let b = t.as_bytes();
    let q = b[at];
    let mut i = at + 1;
    while i < b.len() {
        if q == b'"' && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// The entries of a flow collection opening at `open`: (start, end) of each, and the position
/// of its closing bracket.
fn flow_entries(t: &str, open: usize) -> (Vec<(usize, usize)>, usize) {
    let b = t.as_bytes();
    let mut entries = Vec::new();
    let mut depth = 0i32;
    let mut start = open + 1;
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' => {
                i = quoted_end(t, i);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth > 0 => depth -= 1,
            b'}' | b']' => {
                if !t[start..i].trim().is_empty() {
                    entries.push(trimmed(t, start, i));
                }
                return (entries, i);
            }
            b',' if depth == 0 => {
                entries.push(trimmed(t, start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (entries, b.len())
}

fn trimmed(t: &str, s: usize, e: usize) -> (usize, usize) {
    let piece = &t[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    (s + lead, e - trail)
}

/// A key of a mapping: its name, where its text starts and ends (block: whole lines, ending
/// after the newline of its last line that is not blank or a comment).
#[derive(Debug, Clone)]
pub struct Key {
    pub name: String,
    pub start: usize,
    pub end: usize,
    /// Where its value starts (after `key:` and spaces).
    pub value: usize,
}

/// A mapping in the text.
#[derive(Debug, Clone)]
pub enum Map {
    Flow { close: usize, keys: Vec<Key> },
    Block { col: usize, keys: Vec<Key> },
}

fn key_name(t: &str, at: usize) -> Option<(String, usize)> {
    let rest = &t[at..];
    let n = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if n == 0 || !rest[n..].starts_with(':') {
        return None;
    }
    let after = &rest[n + 1..];
    let sp = after.len() - after.trim_start_matches([' ', '\t']).len();
    Some((rest[..n].to_string(), at + n + 1 + sp))
}

impl Map {
    pub fn keys(&self) -> &[Key] {
        match self {
            Map::Flow { keys, .. } | Map::Block { keys, .. } => keys,
        }
    }

    pub fn get(&self, name: &str) -> Option<&Key> {
        self.keys().iter().find(|k| k.name == name)
    }

    /// The mapping one of whose keys starts at `key_at`.
    pub fn around(t: &str, key_at: usize) -> Map {
        if let Some(open) = flow_open(t, key_at) {
            let (entries, close) = flow_entries(t, open);
            let keys = entries
                .into_iter()
                .filter_map(|(s, e)| {
                    key_name(t, s).map(|(name, value)| Key {
                        name,
                        start: s,
                        end: e,
                        value,
                    })
                })
                .collect();
            return Map::Flow { close, keys };
        }
        let ls = line_start(t, key_at);
        let col = key_at - ls;
        // Up to the line the mapping starts on: a `- ` at col-2, or the first line at col.
        let mut start = ls;
        if !t[ls..key_at].contains('-') {
            let mut cur = ls;
            while cur > 0 {
                let prev = line_start(t, cur - 1);
                let (ind, skip) = indent(t, prev);
                if skip || ind > col {
                    cur = prev;
                    continue;
                }
                if ind == col && key_name(t, prev + ind).is_some() {
                    start = prev;
                    cur = prev;
                    continue;
                }
                if ind + 2 == col && t[prev + ind..].starts_with("- ") {
                    start = prev;
                }
                break;
            }
        }
        Map::block_from(t, start, col)
    }

    /// The block mapping whose first key is on the line starting at `ls`, keys at `col`.
    pub fn block_from(t: &str, ls: usize, col: usize) -> Map {
        let mut keys: Vec<Key> = Vec::new();
        let mut cur = ls;
        let mut last_content_end = ls;
        let mut first = true;
        while cur < t.len() {
            let le = line_end(t, cur);
            let next = (le + 1).min(t.len());
            let (ind, skip) = indent(t, cur);
            if first {
                if let Some((name, value)) = key_name(t, cur + col) {
                    keys.push(Key {
                        name,
                        start: cur,
                        end: next,
                        value,
                    });
                }
                first = false;
                last_content_end = next;
                cur = next;
                continue;
            }
            if skip {
                cur = next;
                continue;
            }
            if ind < col {
                break;
            }
            if ind == col
                && let Some((name, value)) = key_name(t, cur + col)
            {
                if let Some(k) = keys.last_mut() {
                    k.end = last_content_end;
                }
                keys.push(Key {
                    name,
                    start: cur,
                    end: next,
                    value,
                });
            }
            last_content_end = next;
            cur = next;
        }
        if let Some(k) = keys.last_mut() {
            k.end = last_content_end;
        }
        Map::Block { col, keys }
    }
}

/// One change of the text.
#[derive(Debug, Clone)]
pub struct Edit {
    pub at: usize,
    pub delete: usize,
    pub insert: String,
}

/// Applies edits (none overlapping); inserts at one position keep their order.
pub fn apply(t: &str, mut edits: Vec<Edit>) -> String {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&i| (edits[i].at, i));
    let mut out = String::with_capacity(t.len() + 256);
    let mut pos = 0;
    for i in order {
        let e = &mut edits[i];
        if e.at < pos {
            continue;
        }
        out.push_str(&t[pos..e.at]);
        out.push_str(&e.insert);
        pos = e.at + e.delete;
    }
    out.push_str(&t[pos.min(t.len())..]);
    out
}

/// The end of the scalar starting at `at` (plain or quoted; a trailing comment is not part
/// of it).
pub fn scalar_end(t: &str, at: usize) -> usize {
    let b = t.as_bytes();
    if at >= b.len() {
        return at;
    }
    if matches!(b[at], b'"' | b'\'') {
        return quoted_end(t, at);
    }
    let flow = flow_open(t, key_start(t, at)).is_some();
    let le = line_end(t, at);
    let line = &t[at..le];
    let mut end = line.find(" #").unwrap_or(line.len());
    if flow {
        end = end.min(line.find([',', '}', ']']).unwrap_or(line.len()));
    }
    at + line[..end].trim_end().len()
}

/// Edits that put `key: value` into the mapping `m`, after the last of its keys that comes
/// before it in `order` (or after its first key).
pub fn insert_key(t: &str, m: &Map, key: &str, value: &Y, order: &[&str]) -> Edit {
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
    let mine = rank(key);
    let keys = m.keys();
    let after = keys
        .iter()
        .enumerate()
        .filter(|(i, k)| *i == 0 || rank(&k.name) < mine)
        .map(|(_, k)| k)
        .next_back();
    match m {
        Map::Flow { close, .. } => {
            let at = after.map_or(*close, |k| k.end);
            let sep = if keys.is_empty() { "" } else { ", " };
            Edit {
                at,
                delete: 0,
                insert: format!("{sep}{key}: {}", value.flow()),
            }
        }
        Map::Block { col, .. } => {
            let at = after.map_or(t.len(), |k| k.end);
            let nl = if at > 0 && !t[..at].ends_with('\n') {
                "\n"
            } else {
                ""
            };
            Edit {
                at,
                delete: 0,
                insert: format!("{nl}{}{key}:{}", " ".repeat(*col), value.block_value(*col)),
            }
        }
    }
}

/// An edit that adds `item` at the end of the list that is `key`'s value in `m`.
pub fn append_item(t: &str, m: &Map, k: &Key, item: &Y) -> Edit {
    let v = k.value;
    let rest = &t[v..];
    if rest.starts_with('[') {
        let (entries, close) = flow_entries(t, v);
        let sep = if entries.is_empty() { "" } else { ", " };
        return Edit {
            at: close,
            delete: 0,
            insert: format!("{sep}{}", item.flow()),
        };
    }
    // A block list: its items at the column of the first, or two past the key.
    let col = match m {
        Map::Block { col, .. } => *col,
        Map::Flow { .. } => 0,
    };
    let first_item = t[v..k.end].find("- ").map(|i| v + i);
    let item_col = first_item.map_or(col + 2, |i| i - line_start(t, i));
    let nl = if !t[..k.end].ends_with('\n') { "\n" } else { "" };
    Edit {
        at: k.end,
        delete: 0,
        insert: format!("{nl}{}", item.block_item(item_col)),
    }
}

/// An edit that replaces the whole of key `k` (its value in the mapping's style).
pub fn replace_key(m: &Map, k: &Key, value: &Y) -> Edit {
    match m {
        Map::Flow { .. } => Edit {
            at: k.start,
            delete: k.end - k.start,
            insert: format!("{}: {}", k.name, value.flow()),
        },
        Map::Block { col, .. } => Edit {
            at: k.start,
            delete: k.end - k.start,
            insert: format!("{}{}:{}", " ".repeat(*col), k.name, value.block_value(*col)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_quote_what_would_read_otherwise() {
        assert_eq!(scalar("Skolu aptauja"), "Skolu aptauja");
        assert_eq!(
            scalar("22 izglītojamajiem, 12 – mentors"),
            "\"22 izglītojamajiem, 12 – mentors\""
        );
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("- x"), "\"- x\"");
    }

    #[test]
    fn a_key_goes_into_a_flow_and_a_block_mapping_in_order() {
        let t = "items:\n  - {task: t1, status: done}\n  - task: t2\n    status: done\n    note: x # keep\n# after\n";
        let at = t.find("t1").unwrap();
        let m = Map::around(t, key_start(t, at));
        let e = insert_key(
            t,
            &m,
            "date",
            &Y::S("2026-06".into()),
            &["task", "status", "date", "note"],
        );
        let out = apply(t, vec![e]);
        assert!(out.contains("{task: t1, status: done, date: 2026-06}"), "{out}");
        let at = t.find("t2").unwrap();
        let m = Map::around(t, key_start(t, at));
        let e = insert_key(
            t,
            &m,
            "date",
            &Y::S("2026".into()),
            &["task", "status", "date", "note"],
        );
        let out = apply(t, vec![e]);
        assert!(
            out.contains("    status: done\n    date: 2026\n    note: x # keep\n# after\n"),
            "{out}"
        );
    }

    #[test]
    fn scalar_ends_before_a_comment_and_a_flow_separator() {
        let t = "a: {v: 5.6, k: x}\nb: hello there # c\nc: \"q, r\" # d\n";
        let at = t.find("5.6").unwrap();
        assert_eq!(&t[at..scalar_end(t, at)], "5.6");
        let at = t.find("hello").unwrap();
        assert_eq!(&t[at..scalar_end(t, at)], "hello there");
        let at = t.find("\"q").unwrap();
        assert_eq!(&t[at..scalar_end(t, at)], "\"q, r\"");
    }
}
