//! Source positions carried by model values.
//!
//! Every value a rule may complain about is wrapped in [`Sp`]: the value plus the file, line,
//! column and byte offset it was read from. The loader sets the file of the document being read
//! in [`with_source`]; `Sp`'s deserializer stamps it on every position it records, so a value read
//! from `plan.yaml` and one read from a CSV table beside it both know where they came from.
//!
//! `Sp<T>` serializes and describes itself in JSON Schema exactly as `T` does: positions are
//! never part of the format.

use std::any::Any;
use std::cell::Cell as StdCell;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Cell, Num};

/// Index of a source file in the [`crate::model::Sources`] table.
pub type FileId = u32;

thread_local! {
    static CURRENT_FILE: StdCell<FileId> = const { StdCell::new(0) };
    /// The text being deserialized, as a pointer and length: set only by [`with_source`] for
    /// the duration of its closure, from a `&str` that outlives that call.
    static CURRENT_TEXT: StdCell<(*const u8, usize)> = const { StdCell::new((std::ptr::null(), 0)) };
}

/// Restores the previous file and text when a deserialization ends, also by unwinding.
struct Restore {
    file: FileId,
    text: (*const u8, usize),
}

impl Drop for Restore {
    fn drop(&mut self) {
        CURRENT_FILE.with(|c| c.set(self.file));
        CURRENT_TEXT.with(|c| c.set(self.text));
    }
}

/// Runs `f` with `file` as the file stamped on every position deserialized inside it, and
/// `text` (the file's text) as the source that figures read their printed decimals from.
pub fn with_source<R>(file: FileId, text: &str, f: impl FnOnce() -> R) -> R {
    let _restore = Restore {
        file: CURRENT_FILE.with(|c| c.replace(file)),
        text: CURRENT_TEXT.with(|c| c.replace((text.as_ptr(), text.len()))),
    };
    f()
}

/// Calls `f` with the text of the source being deserialized from byte `offset` on (empty
/// outside [`with_source`] or past the end).
fn with_text_after<R>(offset: usize, f: impl FnOnce(&str) -> R) -> R {
    let (ptr, len) = CURRENT_TEXT.with(|c| c.get());
    if ptr.is_null() || offset >= len {
        return f("");
    }
    // SAFETY: `ptr`/`len` come from a `&str` borrowed by `with_source` for as long as its
    // closure runs, and `Restore` resets them when the closure ends (also on unwinding). This
    // runs inside that closure (from `Sp::deserialize`), and the borrow given to `f` does not
    // outlive this call.
    let text = unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len)) };
    f(text.get(offset..).unwrap_or(""))
}

/// Sets `n`'s decimals from the scalar that starts `text`; when the text is not that figure
/// (a quoted or unusual spelling), the shortest form's.
fn decimals_from(n: &mut Num, text: &str) {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-')))
        .unwrap_or(text.len());
    match Num::parse_printed(&text[..end]) {
        Some(p) if p.value == n.value => n.decimals = p.decimals,
        _ => *n = Num::computed(n.value),
    }
}

/// Fills in the printed decimals of a figure just deserialized at byte `offset`: a [`Num`],
/// or a table [`Cell`] holding one, reads them from its own scalar text.
fn printed_decimals(value: &mut dyn Any, offset: usize) {
    if let Some(n) = value.downcast_mut::<Num>() {
        if n.needs_decimals() {
            with_text_after(offset, |text| decimals_from(n, text));
        }
        return;
    }
    match value.downcast_mut::<Cell>() {
        Some(Cell::Number(n)) if n.needs_decimals() => {
            with_text_after(offset, |text| decimals_from(n, text));
        }
        // `{value: 0.5, mark: vacancy}`: the figure follows the `value` key inside the braces.
        Some(Cell::Marked(m)) => {
            if let Some(n) = m.value.as_mut().filter(|n| n.needs_decimals()) {
                with_text_after(offset, |text| {
                    let node = &text[..text.find(['}', '\n']).unwrap_or(text.len())];
                    match node.find("value:") {
                        Some(at) => decimals_from(n, node[at + "value:".len()..].trim_start()),
                        None => *n = Num::computed(n.value),
                    }
                });
            }
        }
        _ => {}
    }
}

/// A position in a source file: 1-based line and column (in characters), 0-based byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Loc {
    pub file: FileId,
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

impl Loc {
    pub fn new(file: FileId, line: u32, column: u32, offset: u32) -> Self {
        Loc {
            file,
            line,
            column,
            offset,
        }
    }

    /// True when no position is known (values built in code rather than read from a file).
    pub fn is_unknown(&self) -> bool {
        self.line == 0
    }
}

/// A value with the position it was read from.
#[derive(Clone, Default)]
pub struct Sp<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Sp<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Sp { value, loc }
    }

    /// A value with no known position.
    pub fn bare(value: T) -> Self {
        Sp {
            value,
            loc: Loc::default(),
        }
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Sp<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for Sp<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

/// The name serde-saphyr's `Spanned` asks its deserializer for; the fast loader answers it too.
pub const SPANNED_NAME: &str = "__yaml_spanned";

thread_local! {
    /// The position of the node about to be deserialized, handed over by a deserializer that
    /// knows it directly ([`give_position`]); taken by the `Sp` that asked.
    static GIVEN: StdCell<Option<(u64, u64, Option<u64>)>> = const { StdCell::new(None) };
}

/// Hands the position of the next node (1-based line and character column, byte offset) to the
/// `Sp` whose `deserialize_newtype_struct(SPANNED_NAME, ..)` is being answered: how the fast
/// loader (`crate::load::fast`) gives a position without serde-saphyr's per-value location map.
/// The caller passes the same deserializer on at once and calls [`clear_position`] after.
pub fn give_position(line: u64, column: u64, offset: Option<u64>) {
    GIVEN.with(|g| g.set(Some((line, column, offset))));
}

/// Forgets a position no `Sp` took.
pub fn clear_position() {
    GIVEN.with(|g| g.set(None));
}

thread_local! {
    /// Positions recorded by [`recording_positions`], in the order values were read.
    static RECORDED: std::cell::RefCell<Option<Vec<Loc>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` and returns, with its result, the position of every `Sp` deserialized inside it,
/// in reading order: how the differential test (`tests/fast_yaml.rs`) compares the positions
/// the two YAML loaders give.
pub fn recording_positions<R>(f: impl FnOnce() -> R) -> (R, Vec<Loc>) {
    let before = RECORDED.with(|r| r.replace(Some(Vec::new())));
    let out = f();
    let locs = RECORDED.with(|r| r.replace(before)).unwrap_or_default();
    (out, locs)
}

impl<T: 'static> Sp<T> {
    /// The one conversion of a reader's position into a value of the current file, whichever
    /// loader read it (both must give every value the same position and decimals).
    fn finish(mut value: T, line: u64, column: u64, offset: Option<u64>) -> Sp<T> {
        let offset = offset.unwrap_or(0);
        printed_decimals(&mut value, usize::try_from(offset).unwrap_or(usize::MAX));
        let loc = Loc {
            file: CURRENT_FILE.with(|c| c.get()),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
        };
        RECORDED.with(|r| {
            if let Some(v) = r.borrow_mut().as_mut() {
                v.push(loc);
            }
        });
        Sp { value, loc }
    }
}

/// Passes serde-saphyr's `Spanned` the deserializer `Sp`'s visitor was given, so that its own
/// protocol (a synthesized map of value and location fields) runs unchanged.
struct Reenter<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Reenter<D> {
    type Error = D::Error;

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        visitor.visit_newtype_struct(self.0)
    }

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + 'static> serde::de::Visitor<'de> for SpVisitor<T> {
    type Value = Sp<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a span-aware newtype wrapper")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Sp<T>, D::Error> {
        // The fast loader said where the node is: read the value itself.
        if let Some((line, column, offset)) = GIVEN.with(|g| g.take()) {
            let value = T::deserialize(d)?;
            return Ok(Sp::finish(value, line, column, offset));
        }
        let s = serde_saphyr::Spanned::<T>::deserialize(Reenter(d))?;
        let at = s.referenced;
        Ok(Sp::finish(
            s.value,
            at.line(),
            at.column(),
            at.span().byte_offset(),
        ))
    }
}

impl<'de, T: Deserialize<'de> + 'static> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(SPANNED_NAME, SpVisitor(std::marker::PhantomData))
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}
