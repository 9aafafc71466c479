//! Parsing one YAML document into a typed part, safely, and turning failures into findings.
//!
//! Every file is parsed with the same serde-saphyr options: duplicate keys are errors and a
//! budget bounds nesting depth, node count, aliases and scalar bytes, so alias bombs, deep
//! nesting or huge inputs end in an `input-limit` finding instead of exhausting the machine.
//!
//! Typed deserialization stops at the first problem. When it fails on the data (rather than
//! the syntax), the file is parsed again into a generic tree of spanned nodes and walked
//! against the part's JSON Schema ([`crate::model::Part::schema`]), which reports every unknown
//! field, missing field, wrong type and invalid value in the file at once.

use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use crate::diag::{Code, Diagnostic, Sink, did_you_mean};
use crate::model::{FileId, Loc, Part, Sp, with_file};

/// The parser options every file is read with.
pub fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 48;
    budget.max_nodes = 500_000;
    budget.max_aliases = 256;
    budget.max_anchors = 256;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = super::MAX_FILE_BYTES;
    budget.max_recorded_anchor_events = 50_000;
    budget.max_recorded_anchor_bytes = 1 << 20;
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = 50_000;
    alias_limits.max_replay_stack_depth = 16;
    serde_saphyr::options! {
        budget: Some(budget),
        alias_limits: alias_limits,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        with_snippet: false,
    }
}

fn loc_of(file: FileId, text: &str, e: &serde_saphyr::Error) -> Loc {
    match e.location() {
        Some(l) if l.line() > 0 => {
            let line = u32::try_from(l.line()).unwrap_or(u32::MAX);
            let column = u32::try_from(l.column()).unwrap_or(u32::MAX).max(1);
            Loc::new(file, line, column, offset_of(text, line, column))
        }
        _ => Loc::new(file, 1, 1, 0),
    }
}

/// Byte offset of a 1-based line and character column in `text`.
pub fn offset_of(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0usize;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let col = l
                .char_indices()
                .nth(column.saturating_sub(1) as usize)
                .map(|(b, _)| b)
                .unwrap_or(l.trim_end_matches('\n').len());
            return u32::try_from(offset + col).unwrap_or(u32::MAX);
        }
        offset += l.len();
    }
    u32::try_from(text.len()).unwrap_or(u32::MAX)
}

/// The message without serde-saphyr's trailing " at line L, column C".
fn bare_message(e: &serde_saphyr::Error) -> String {
    let m = e.without_snippet().to_string();
    match m.find(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}

/// Parses `text` (file `file`, part `part`) into `T`, pushing every problem into `sink`.
pub fn parse<T: DeserializeOwned>(file: FileId, part: Part, text: &str, sink: &mut Sink) -> Option<T> {
    let first = with_file(file, || serde_saphyr::from_str_with_options::<T>(text, options()));
    let err = match first {
        Ok(v) => return Some(v),
        Err(e) => e,
    };
    let msg = bare_message(&err);
    let loc = loc_of(file, text, &err);
    if let Some(code) = syntax_code(&msg) {
        let help = match code {
            Code::InputLimit => {
                "pmp bounds nesting, aliases and size so a hostile file cannot exhaust memory; write the data out plainly"
            }
            Code::DuplicateKey => "remove or rename one of the two keys",
            _ => {
                "YAML indents with spaces only; quote text that contains `: ` or starts with a special character"
            }
        };
        sink.push(Diagnostic::new(code, loc, msg).help(help));
        return None;
    }
    // A data error: walk the whole file against the schema to report every problem at once.
    let tree = with_file(file, || {
        serde_saphyr::from_str_with_options::<Sp<Node>>(text, options())
    });
    let mut found = Sink::default();
    match tree {
        Ok(tree) => {
            let schema = serde_json::to_value(part.schema()).unwrap_or(Json::Null);
            let walker = Walker { root: &schema };
            walker.check(&tree, &schema, "", &mut found);
        }
        Err(e) => {
            // The typed parse stopped before reaching what the generic parse trips on (an
            // alias bomb, deep nesting): that is the problem to report.
            let msg = bare_message(&e);
            if let Some(code) = syntax_code(&msg) {
                sink.push(Diagnostic::new(code, loc_of(file, text, &e), msg));
                return None;
            }
        }
    }
    if found.diagnostics.is_empty() {
        let code = if msg.starts_with("unknown field") {
            Code::UnknownField
        } else if msg.starts_with("missing field") {
            Code::MissingField
        } else if msg.starts_with("invalid type")
            || msg.starts_with("invalid u")
            || msg.starts_with("invalid i")
        {
            Code::WrongType
        } else {
            Code::InvalidValue
        };
        found.push(Diagnostic::new(code, loc, msg));
    }
    sink.extend(found);
    None
}

/// Classifies parser failures that leave no tree to walk.
fn syntax_code(msg: &str) -> Option<Code> {
    let m = msg.to_ascii_lowercase();
    if m.contains("duplicate mapping key") {
        Some(Code::DuplicateKey)
    } else if m.contains("budget")
        || m.contains("limit")
        || m.contains("exceeded")
        || m.contains("too deep")
        || m.contains("recursion")
    {
        Some(Code::InputLimit)
    } else if m.contains("while scanning")
        || m.contains("while parsing")
        || m.contains("indentation")
        || m.contains("unexpected end of input")
        || m.contains("did not find expected")
        || m.contains("mapping values are not allowed")
        || m.contains("found a tab")
        || m.contains("invalid leading")
        || m.contains("unclosed")
        || m.contains("unterminated")
    {
        Some(Code::YamlSyntax)
    } else {
        None
    }
}

/// A YAML node of any shape, with positions, for the schema walk.
#[derive(Debug)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Sp<Node>>),
    Map(Vec<(Sp<String>, Sp<Node>)>),
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(i64::try_from(v).map(Node::Int).unwrap_or(Node::Float(v as f64)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Node::Seq(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = a.next_key::<Sp<String>>()? {
                    let val = a.next_value()?;
                    v.push((k, val));
                }
                Ok(Node::Map(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl Node {
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) => "a number",
            Node::Float(_) => "a number",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }

    fn scalar_text(&self) -> Option<String> {
        match self {
            Node::Str(s) => Some(s.clone()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Checks a node tree against a JSON Schema as schemars writes it: `$ref`, `type`,
/// `properties`/`required`/`additionalProperties`, `items`, `enum`, `const`, `oneOf`/`anyOf`,
/// `minimum`/`maximum`.
struct Walker<'s> {
    root: &'s Json,
}

impl<'s> Walker<'s> {
    fn resolve(&self, mut schema: &'s Json) -> &'s Json {
        for _ in 0..16 {
            match schema.get("$ref").and_then(Json::as_str) {
                Some(r) => {
                    let name = r.trim_start_matches("#/$defs/");
                    match self.root.get("$defs").and_then(|d| d.get(name)) {
                        Some(s) => schema = s,
                        None => return schema,
                    }
                }
                None => return schema,
            }
        }
        schema
    }

    fn check(&self, node: &Sp<Node>, schema: &'s Json, path: &str, sink: &mut Sink) {
        let schema = self.resolve(schema);
        let at = if path.is_empty() { "the top level" } else { path };
        if let Some(branches) = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Json::as_array)
        {
            let mut best: Option<Sink> = None;
            for b in branches {
                let mut s = Sink::default();
                self.check(node, b, path, &mut s);
                if s.diagnostics.is_empty() {
                    return;
                }
                if best
                    .as_ref()
                    .is_none_or(|bs| s.diagnostics.len() < bs.diagnostics.len())
                {
                    best = Some(s);
                }
            }
            let consts: Vec<String> = branches
                .iter()
                .filter_map(|b| self.resolve(b).get("const").and_then(Json::as_str))
                .map(|s| s.to_string())
                .collect();
            if !consts.is_empty() && consts.len() == branches.len() {
                return self.invalid_enum(node, &consts, at, path, sink);
            }
            if let Some(b) = best {
                sink.extend(b);
            }
            return;
        }
        if let Some(values) = schema.get("enum").and_then(Json::as_array) {
            let allowed: Vec<String> = values
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            return self.invalid_enum(node, &allowed, at, path, sink);
        }
        if let Some(c) = schema.get("const").and_then(Json::as_str) {
            return self.invalid_enum(node, &[c.to_string()], at, path, sink);
        }
        let types: Vec<&str> = match schema.get("type") {
            Some(Json::String(t)) => vec![t.as_str()],
            Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
            _ => return,
        };
        let fits = |t: &str| match (t, &node.value) {
            ("null", Node::Null) => true,
            ("boolean", Node::Bool(_)) => true,
            ("integer", Node::Int(_)) => true,
            ("number", Node::Int(_) | Node::Float(_)) => true,
            // serde-saphyr reads any plain scalar as text where text is expected.
            ("string", Node::Str(_) | Node::Int(_) | Node::Float(_) | Node::Bool(_)) => true,
            ("array", Node::Seq(_)) => true,
            ("object", Node::Map(_)) => true,
            _ => false,
        };
        let Some(t) = types.iter().copied().find(|t| fits(t)) else {
            let want: Vec<&str> = types
                .iter()
                .filter(|t| **t != "null")
                .map(|t| match *t {
                    "string" => "text",
                    "integer" => "a whole number",
                    "number" => "a number",
                    "array" => "a list",
                    "object" => "a mapping",
                    "boolean" => "true or false",
                    other => other,
                })
                .collect();
            let code = if path.is_empty() {
                Code::NotAMapping
            } else {
                Code::WrongType
            };
            sink.push(
                Diagnostic::new(
                    code,
                    node.loc,
                    format!("{at} must be {}, found {}", want.join(" or "), node.kind()),
                )
                .path(path),
            );
            return;
        };
        match (&node.value, t) {
            (Node::Int(i), _) => {
                if let Some(min) = schema
                    .get("minimum")
                    .and_then(Json::as_f64)
                    .filter(|m| (*i as f64) < *m)
                {
                    sink.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            node.loc,
                            format!("{at} must be at least {min}, found {i}"),
                        )
                        .path(path),
                    );
                }
                if let Some(max) = schema
                    .get("maximum")
                    .and_then(Json::as_f64)
                    .filter(|m| (*i as f64) > *m)
                {
                    sink.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            node.loc,
                            format!("{at} must be at most {max}, found {i}"),
                        )
                        .path(path),
                    );
                }
            }
            (Node::Seq(items), "array") => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item, item_schema, &format!("{path}[{i}]"), sink);
                    }
                }
            }
            (Node::Map(entries), "object") => self.check_object(node.loc, entries, schema, path, sink),
            _ => {}
        }
    }

    fn invalid_enum(&self, node: &Sp<Node>, allowed: &[String], at: &str, path: &str, sink: &mut Sink) {
        let text = node.scalar_text();
        if text.as_ref().is_some_and(|t| allowed.iter().any(|a| a == t)) {
            return;
        }
        let found = text
            .clone()
            .map(|t| format!("`{t}`"))
            .unwrap_or_else(|| node.kind().to_string());
        let mut d = Diagnostic::new(
            Code::InvalidValue,
            node.loc,
            format!("{at} must be one of {}, found {found}", allowed.join(", ")),
        )
        .path(path);
        if let Some(s) = text
            .as_deref()
            .and_then(|t| did_you_mean(t, allowed.iter().map(String::as_str)))
        {
            d = d.help(format!("did you mean `{s}`?"));
        }
        sink.push(d);
    }

    fn check_object(
        &self,
        loc: Loc,
        entries: &[(Sp<String>, Sp<Node>)],
        schema: &'s Json,
        path: &str,
        sink: &mut Sink,
    ) {
        let empty = serde_json::Map::new();
        let props = schema
            .get("properties")
            .and_then(Json::as_object)
            .unwrap_or(&empty);
        let closed = schema.get("additionalProperties") == Some(&Json::Bool(false));
        for (k, v) in entries {
            let child = if path.is_empty() {
                k.value.clone()
            } else {
                format!("{path}.{}", k.value)
            };
            match props.get(&k.value) {
                Some(s) => self.check(v, s, &child, sink),
                None if closed => {
                    let mut d =
                        Diagnostic::new(Code::UnknownField, k.loc, format!("unknown field `{}`", k.value))
                            .path(&child);
                    d = match did_you_mean(&k.value, props.keys().map(String::as_str)) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => {
                            let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
                            names.sort_unstable();
                            d.help(format!("the fields here are: {}", names.join(", ")))
                        }
                    };
                    sink.push(d);
                }
                None => {}
            }
        }
        if let Some(req) = schema.get("required").and_then(Json::as_array) {
            for r in req.iter().filter_map(Json::as_str) {
                if !entries.iter().any(|(k, _)| k.value == r) {
                    let at = if path.is_empty() {
                        "the file".to_string()
                    } else {
                        format!("`{path}`")
                    };
                    sink.push(
                        Diagnostic::new(Code::MissingField, loc, format!("missing field `{r}` in {at}"))
                            .path(path)
                            .help(format!("add `{r}:`")),
                    );
                }
            }
        }
    }
}
