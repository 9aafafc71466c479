//! The fast YAML path: a serde deserializer written directly over granit-parser's events.
//!
//! serde-saphyr (the path every finding comes from, [`super::yaml`]) puts each event through a
//! queue with replay support and builds a map of location fields for every spanned value. For a
//! plain, valid file none of that is needed: this module reads the same parser's events with
//! one event of lookahead, gives each [`crate::model::Sp`] its position directly
//! ([`crate::model::give_position`]), finds duplicate keys by a linear scan of the mapping's
//! keys, and bounds nesting, nodes, events and scalar bytes below the fallback's budget.
//!
//! It only ever answers for a file it is sure about. Anything unusual gives the file back
//! ([`Decline`]) and the caller parses it again on the unchanged serde-saphyr path, so every
//! finding keeps its message and position: any error at all (syntax, a wrong type, a missing
//! field, a duplicate key), a tag, an anchor or alias, a merge key, a second document, an empty
//! document, a number written in an unusual way (hex, octal, `+1`, `1_000`, `1e3`, `007`,
//! `-0`, `.5`), a boolean other than `true`/`false` where anything may go (`yes`, `On`), a
//! limit reached. Where it answers, it gives the same values and positions as serde-saphyr;
//! `tests/fast_yaml.rs` compares the two on real, generated, damaged and edge-case files.

use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span, StrInput};

use crate::model::{SPANNED_NAME, clear_position, give_position};

/// Nesting depth the fast path accepts (serde-saphyr's budget: 48).
pub const MAX_DEPTH: usize = 40;
/// Nodes (scalars, sequences, mappings) the fast path accepts (serde-saphyr's budget: 500,000).
pub const MAX_NODES: usize = 400_000;
/// Parser events the fast path accepts (serde-saphyr's default budget: 1,000,000).
pub const MAX_EVENTS: usize = 900_000;
/// Scalar bytes the fast path accepts (serde-saphyr's budget: 8 MiB, the file limit).
pub const MAX_SCALAR_BYTES: usize = 4 * 1024 * 1024;
/// Keys in one mapping the linear duplicate scan handles; a longer mapping is given back.
pub const MAX_KEYS: usize = 128;

static ENABLED: AtomicBool = AtomicBool::new(true);

/// Turns the fast path on or off for the whole process (on by default). Only for comparing
/// the two paths (`pmp-bench --compare`, the differential test); results never depend on it.
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// Whether [`parse`] is tried before serde-saphyr.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// The fast path gave the file back; the caller must use serde-saphyr. Never shown to a user.
#[derive(Debug)]
pub struct Decline(pub &'static str);

impl fmt::Display for Decline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fast YAML path declined: {}", self.0)
    }
}

impl std::error::Error for Decline {}

impl de::Error for Decline {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Decline("the data does not fit the model")
    }
}

type Res<T> = Result<T, Decline>;

/// Parses `text` into `T` on the fast path, or declines. Call it inside
/// [`crate::model::with_source`], as serde-saphyr is called.
pub fn parse<T: DeserializeOwned>(text: &str) -> Res<T> {
    /// Forgets a handed-over position however the parse ends, also by unwinding, so no later
    /// serde-saphyr parse on this thread can take it.
    struct Forget;
    impl Drop for Forget {
        fn drop(&mut self) {
            clear_position();
        }
    }
    let _forget = Forget;
    clear_position();
    let mut ev = Events::new(text);
    let value = T::deserialize(De { ev: &mut ev })?;
    ev.finish()?;
    Ok(value)
}

/// The parser options serde-saphyr derives from `super::yaml::options()`'s budget.
pub(crate) fn parser_options() -> serde_saphyr::granit_parser::Options {
    let budget = serde_saphyr::Budget::default();
    let mut o = serde_saphyr::granit_parser::Options::default();
    o.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    o.flow_nesting_limit = budget.flow_nesting_limit;
    o.block_nesting_limit = o.block_nesting_limit.max(48 + 1);
    o.emit_comments = false;
    o.strict_indentation = false;
    o
}

/// Where a node starts, as serde-saphyr's `Location` has it: 1-based line, 1-based character
/// column, byte offset when the parser knows it.
#[derive(Clone, Copy)]
struct Pos {
    line: u64,
    column: u64,
    offset: Option<u64>,
}

fn pos_of(span: &Span) -> Pos {
    let (s, e) = (span.start.byte_offset(), span.end.byte_offset());
    let offset = match (s, e) {
        (Some(s), Some(e)) if s <= u32::MAX as usize && e.saturating_sub(s) <= u32::MAX as usize => {
            Some(s as u64)
        }
        _ => None,
    };
    Pos {
        line: span.start.line() as u64,
        column: span.start.col() as u64 + 1,
        offset,
    }
}

/// A node event, reduced to what the model needs.
enum Ev<'a> {
    Scalar(Cow<'a, str>, ScalarStyle),
    SeqStart,
    SeqEnd,
    MapStart,
    MapEnd,
}

/// The parser with one event of lookahead and the budgets.
struct Events<'a> {
    parser: Parser<'a, StrInput<'a>>,
    look: Option<(Ev<'a>, Pos)>,
    /// The stream has ended (no more node events).
    done: bool,
    documents: usize,
    depth: usize,
    nodes: usize,
    events: usize,
    scalar_bytes: usize,
}

impl<'a> Events<'a> {
    fn new(text: &'a str) -> Self {
        Events {
            parser: Parser::new_from_str_with_options(text, parser_options()),
            look: None,
            done: false,
            documents: 0,
            depth: 0,
            nodes: 0,
            events: 0,
            scalar_bytes: 0,
        }
    }

    /// Pulls the next node event from the parser, skipping stream and document markers.
    fn pull(&mut self) -> Res<Option<(Ev<'a>, Pos)>> {
        loop {
            if self.done {
                return Ok(None);
            }
            let Some(item) = self.parser.next_event() else {
                self.done = true;
                return Ok(None);
            };
            let (event, span) = item.map_err(|_| Decline("a syntax error"))?;
            self.events += 1;
            if self.events > MAX_EVENTS {
                return Err(Decline("too many events"));
            }
            let ev = match event {
                Event::StreamStart | Event::DocumentEnd => continue,
                Event::StreamEnd => {
                    self.done = true;
                    return Ok(None);
                }
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(Decline("more than one document"));
                    }
                    continue;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    if anchor != 0 || tag.is_some() {
                        return Err(Decline("an anchor or a tag"));
                    }
                    self.node()?;
                    self.scalar_bytes += text.len();
                    if self.scalar_bytes > MAX_SCALAR_BYTES {
                        return Err(Decline("too many scalar bytes"));
                    }
                    Ev::Scalar(text, style)
                }
                Event::SequenceStart(_, anchor, tag) => {
                    self.open(anchor != 0 || tag.is_some())?;
                    Ev::SeqStart
                }
                Event::MappingStart(_, anchor, tag) => {
                    self.open(anchor != 0 || tag.is_some())?;
                    Ev::MapStart
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    self.depth = self.depth.saturating_sub(1);
                    if matches!(event, Event::SequenceEnd) {
                        Ev::SeqEnd
                    } else {
                        Ev::MapEnd
                    }
                }
                _ => return Err(Decline("an alias or another event")),
            };
            return Ok(Some((ev, pos_of(&span))));
        }
    }

    /// A sequence or mapping starts.
    fn open(&mut self, anchored_or_tagged: bool) -> Res<()> {
        if anchored_or_tagged {
            return Err(Decline("an anchor or a tag"));
        }
        self.node()?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Decline("nesting too deep"));
        }
        Ok(())
    }

    fn node(&mut self) -> Res<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Decline("too many nodes"));
        }
        Ok(())
    }

    fn peek(&mut self) -> Res<Option<&(Ev<'a>, Pos)>> {
        if self.look.is_none() {
            self.look = self.pull()?;
        }
        Ok(self.look.as_ref())
    }

    fn next(&mut self) -> Res<(Ev<'a>, Pos)> {
        match self.look.take() {
            Some(e) => Ok(e),
            None => self.pull()?.ok_or(Decline("the document ends early")),
        }
    }

    /// After the root node: nothing but the end of the stream may follow.
    fn finish(&mut self) -> Res<()> {
        match self.peek()? {
            None => Ok(()),
            Some(_) => Err(Decline("more after the document")),
        }
    }

    /// Consumes the next scalar: its text and style, or a decline for a container.
    fn scalar(&mut self) -> Res<(Cow<'a, str>, ScalarStyle)> {
        match self.next()? {
            (Ev::Scalar(t, s), _) => Ok((t, s)),
            _ => Err(Decline("a container where a scalar is expected")),
        }
    }

    /// The next scalar if it is plain: its text.
    fn plain(&mut self) -> Res<Cow<'a, str>> {
        match self.scalar()? {
            (t, ScalarStyle::Plain) => Ok(t),
            _ => Err(Decline("a quoted scalar where a number is expected")),
        }
    }

    fn expect(&mut self, want: fn(&Ev<'a>) -> bool) -> Res<()> {
        let (e, _) = self.next()?;
        if want(&e) {
            Ok(())
        } else {
            Err(Decline("an unexpected event"))
        }
    }
}

/// A plain scalar serde-saphyr reads as null.
fn nullish(t: &str) -> bool {
    matches!(t, "" | "~" | "null" | "Null" | "NULL")
}

/// serde-saphyr's YAML 1.1 booleans (its `strict_booleans` is off).
fn yaml11_bool(t: &str) -> Option<bool> {
    let is = |w: &str| t.eq_ignore_ascii_case(w);
    if is("true") || is("yes") || is("y") || is("on") {
        Some(true)
    } else if is("false") || is("no") || is("n") || is("off") {
        Some(false)
    } else {
        None
    }
}

/// `0` or digits without a leading zero.
fn plain_digits(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && (t == "0" || !t.starts_with('0'))
}

/// A number written the ordinary way, as the fast path reads it.
enum Simple {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

/// `12`, `-3`, `9.30`, `-0.5`, `2.05E-2`: an optional minus, digits without a leading zero,
/// an optional fraction, an optional exponent. `-0`, `-0.0` (signed zeros) and values out of
/// range are not simple. Both paths read the float forms with Rust's parser.
fn simple_number(t: &str) -> Option<Simple> {
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    if !plain_digits(int) {
        return None;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if frac.is_some_and(|f| !digits(f))
        || exp.is_some_and(|e| !digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
    {
        return None;
    }
    if frac.is_none() && exp.is_none() {
        return if neg {
            t.parse::<i64>().ok().filter(|v| *v != 0).map(Simple::Signed)
        } else {
            t.parse::<u64>().ok().map(Simple::Unsigned)
        };
    }
    let v = t.parse::<f64>().ok().filter(|v| v.is_finite())?;
    if v == 0.0 && neg {
        return None;
    }
    Some(Simple::Float(v))
}

/// Whether serde-saphyr might read the plain scalar `t` as a number: a superset of what its
/// integer parser (any radix, underscores, a sign) and its float parser (Rust's, plus the
/// YAML `.inf`/`.nan` spellings) accept. Such a scalar that is not [`simple_number`] is given
/// back; any other is text on both paths.
fn may_be_number(t: &str) -> bool {
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let radix = body.len() > 1
        && body.starts_with('0')
        && matches!(body.as_bytes()[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B');
    let decimal =
        body.bytes().any(|b| b.is_ascii_digit()) && body.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    radix || decimal || t.parse::<f64>().is_ok() || body.starts_with('.')
}

struct De<'p, 'a> {
    ev: &'p mut Events<'a>,
}

impl<'p, 'a> De<'p, 'a> {
    fn visit_text<V: Visitor<'a>>(text: Cow<'a, str>, visitor: V) -> Res<V::Value> {
        match text {
            Cow::Borrowed(b) => visitor.visit_borrowed_str(b),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn unsigned<V: Visitor<'a>>(self, max: u64, visitor: V) -> Res<V::Value> {
        let t = self.ev.plain()?;
        match simple_number(&t) {
            Some(Simple::Unsigned(v)) if v <= max => visitor.visit_u64(v),
            _ => Err(Decline("not a plain whole number in range")),
        }
    }

    fn signed<V: Visitor<'a>>(self, min: i64, max: i64, visitor: V) -> Res<V::Value> {
        let t = self.ev.plain()?;
        match simple_number(&t) {
            Some(Simple::Unsigned(v)) if v <= max as u64 => visitor.visit_i64(v as i64),
            Some(Simple::Signed(v)) if v >= min && v <= max => visitor.visit_i64(v),
            _ => Err(Decline("not a plain whole number in range")),
        }
    }
}

impl<'a> de::Deserializer<'a> for De<'_, 'a> {
    type Error = Decline;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        match self.ev.peek()? {
            Some((Ev::SeqStart, _)) => return self.deserialize_seq(visitor),
            Some((Ev::MapStart, _)) => return self.deserialize_map(visitor),
            Some((Ev::Scalar(..), _)) => {}
            _ => return Err(Decline("no value")),
        }
        let (text, style) = self.ev.scalar()?;
        if !matches!(style, ScalarStyle::Plain) {
            return Self::visit_text(text, visitor);
        }
        if nullish(&text) {
            return visitor.visit_unit();
        }
        if let Some(b) = yaml11_bool(&text) {
            return match &*text {
                "true" | "false" => visitor.visit_bool(b),
                _ => Err(Decline("an unusual boolean")),
            };
        }
        if text.starts_with([' ', '\t', '\r', '\n']) || text.ends_with([' ', '\t', '\r', '\n']) {
            return Err(Decline("a scalar with outer whitespace"));
        }
        match simple_number(&text) {
            Some(Simple::Unsigned(v)) => visitor.visit_u64(v),
            Some(Simple::Signed(v)) => visitor.visit_i64(v),
            Some(Simple::Float(v)) => visitor.visit_f64(v),
            None if may_be_number(&text) => Err(Decline("an unusual number")),
            None => Self::visit_text(text, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        match &*self.ev.plain()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Decline("not true or false")),
        }
    }

    fn deserialize_u8<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.unsigned(u8::MAX.into(), visitor)
    }
    fn deserialize_u16<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.unsigned(u16::MAX.into(), visitor)
    }
    fn deserialize_u32<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.unsigned(u32::MAX.into(), visitor)
    }
    fn deserialize_u64<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.unsigned(u64::MAX, visitor)
    }
    fn deserialize_i8<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.signed(i8::MIN.into(), i8::MAX.into(), visitor)
    }
    fn deserialize_i16<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.signed(i16::MIN.into(), i16::MAX.into(), visitor)
    }
    fn deserialize_i32<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.signed(i32::MIN.into(), i32::MAX.into(), visitor)
    }
    fn deserialize_i64<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.signed(i64::MIN, i64::MAX, visitor)
    }

    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        let t = self.ev.plain()?;
        match simple_number(&t) {
            Some(Simple::Unsigned(_) | Simple::Signed(_)) => match t.parse::<f64>() {
                Ok(f) if f.is_finite() => visitor.visit_f64(f),
                _ => Err(Decline("not a plain number")),
            },
            Some(Simple::Float(v)) => visitor.visit_f64(v),
            None => Err(Decline("not a plain number")),
        }
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        let (text, style) = self.ev.scalar()?;
        if matches!(style, ScalarStyle::Plain) && nullish(&text) {
            return Err(Decline("null where text is expected"));
        }
        Self::visit_text(text, visitor)
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        match self.ev.peek()? {
            Some((Ev::Scalar(t, ScalarStyle::Plain), _)) if nullish(t) => {
                self.ev.next()?;
                visitor.visit_none()
            }
            None | Some((Ev::MapEnd | Ev::SeqEnd, _)) => visitor.visit_none(),
            Some(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        match self.ev.scalar()? {
            (t, ScalarStyle::Plain) if nullish(&t) => visitor.visit_unit(),
            _ => Err(Decline("not null")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(self, _name: &'static str, visitor: V) -> Res<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(self, name: &'static str, visitor: V) -> Res<V::Value> {
        if name == SPANNED_NAME {
            let pos = match self.ev.peek()? {
                Some((_, pos)) => *pos,
                None => return Err(Decline("no value")),
            };
            give_position(pos.line, pos.column, pos.offset);
            let out = visitor.visit_newtype_struct(self);
            clear_position();
            return out;
        }
        if name.starts_with("__yaml_") {
            return Err(Decline("a serde-saphyr wrapper"));
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.ev.expect(|e| matches!(e, Ev::SeqStart))?;
        let value = visitor.visit_seq(Seq { ev: &mut *self.ev })?;
        self.ev.expect(|e| matches!(e, Ev::SeqEnd))?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Res<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Res<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.ev.expect(|e| matches!(e, Ev::MapStart))?;
        let value = visitor.visit_map(Map {
            ev: &mut *self.ev,
            keys: Vec::new(),
        })?;
        self.ev.expect(|e| matches!(e, Ev::MapEnd))?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        // Only the unit variant written as a scalar (`level: universal`).
        let (text, style) = self.ev.scalar()?;
        if matches!(style, ScalarStyle::Plain) && nullish(&text) {
            return Err(Decline("null where a variant is expected"));
        }
        let access: de::value::StringDeserializer<Decline> = text.into_owned().into_deserializer();
        visitor.visit_enum(access)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_i128<V: Visitor<'a>>(self, _: V) -> Res<V::Value> {
        Err(Decline("a 128-bit integer"))
    }
    fn deserialize_u128<V: Visitor<'a>>(self, _: V) -> Res<V::Value> {
        Err(Decline("a 128-bit integer"))
    }
    fn deserialize_f32<V: Visitor<'a>>(self, _: V) -> Res<V::Value> {
        Err(Decline("a 32-bit float"))
    }
    fn deserialize_char<V: Visitor<'a>>(self, _: V) -> Res<V::Value> {
        Err(Decline("a character"))
    }
    fn deserialize_bytes<V: Visitor<'a>>(self, _: V) -> Res<V::Value> {
        Err(Decline("bytes"))
    }
    fn deserialize_byte_buf<V: Visitor<'a>>(self, _: V) -> Res<V::Value> {
        Err(Decline("bytes"))
    }
}

struct Seq<'p, 'a> {
    ev: &'p mut Events<'a>,
}

impl<'a> de::SeqAccess<'a> for Seq<'_, 'a> {
    type Error = Decline;

    fn next_element_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> Res<Option<T::Value>> {
        match self.ev.peek()? {
            Some((Ev::SeqEnd, _)) => Ok(None),
            Some((Ev::MapEnd, _)) | None => Err(Decline("an unexpected end")),
            Some(_) => seed.deserialize(De { ev: &mut *self.ev }).map(Some),
        }
    }
}

struct Map<'p, 'a> {
    ev: &'p mut Events<'a>,
    keys: Vec<Cow<'a, str>>,
}

impl<'a> de::MapAccess<'a> for Map<'_, 'a> {
    type Error = Decline;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        let key = match self.ev.peek()? {
            Some((Ev::MapEnd, _)) => return Ok(None),
            Some((Ev::Scalar(t, style), _)) => {
                if matches!(style, ScalarStyle::Plain) && (nullish(t) || t == "<<") {
                    return Err(Decline("a null or merge key"));
                }
                t.clone()
            }
            _ => return Err(Decline("a key that is not a scalar")),
        };
        // serde-saphyr compares untagged scalar keys by their text.
        if self.keys.contains(&key) {
            return Err(Decline("a duplicate key"));
        }
        if self.keys.len() >= MAX_KEYS {
            return Err(Decline("a mapping with many keys"));
        }
        self.keys.push(key);
        seed.deserialize(De { ev: &mut *self.ev }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Res<V::Value> {
        seed.deserialize(De { ev: &mut *self.ev })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ordinary_numbers_are_simple() {
        for t in [
            "0",
            "12",
            "2026",
            "-3",
            "9.30",
            "-0.5",
            "0.0",
            "2.0556814503075428E-2",
            "1e3",
        ] {
            assert!(simple_number(t).is_some(), "{t}");
        }
        for t in [
            "-0", "-0.0", "007", "+1", "1_000", "1e", "1e+", ".5", "5.", "0x1F", "0o17", "1.2.3", "",
            "1e999", "-0e1",
        ] {
            assert!(simple_number(t).is_none(), "{t}");
        }
    }

    #[test]
    fn number_lookalikes_are_given_back_and_text_is_not() {
        for t in [
            "0x1F", "0o17", "0b101", "+1", "1_000", "1e3", ".5", ".inf", "-.inf", ".NaN", "inf", "007",
        ] {
            assert!(may_be_number(t), "{t}");
        }
        for t in ["2026-05-15", "2022./2023.m.g.", "Kopā", "1.–4. klase", "a1", "v"] {
            assert!(!may_be_number(t), "{t}");
        }
    }
}
