//! Source positions carried by model values.
//!
//! Every value a rule may complain about is wrapped in [`Sp`]: the value plus the file, line,
//! column and byte offset it was read from. The loader sets the file of the document being read
//! in [`with_file`]; `Sp`'s deserializer stamps it on every position it records, so a value read
//! from `plan.yaml` and one read from a CSV table beside it both know where they came from.
//!
//! `Sp<T>` serializes and describes itself in JSON Schema exactly as `T` does: positions are
//! never part of the format.

use std::cell::Cell;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Index of a source file in the [`crate::model::Sources`] table.
pub type FileId = u32;

thread_local! {
    static CURRENT_FILE: Cell<FileId> = const { Cell::new(0) };
}

/// Runs `f` with `file` as the file stamped on every position deserialized inside it.
pub fn with_file<R>(file: FileId, f: impl FnOnce() -> R) -> R {
    let previous = CURRENT_FILE.with(|c| c.replace(file));
    let out = f();
    CURRENT_FILE.with(|c| c.set(previous));
    out
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

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        let at = s.referenced;
        let offset = at.span().byte_offset().unwrap_or(0);
        let loc = Loc {
            file: CURRENT_FILE.with(|c| c.get()),
            line: u32::try_from(at.line()).unwrap_or(u32::MAX),
            column: u32::try_from(at.column()).unwrap_or(u32::MAX),
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
        };
        Ok(Sp { value: s.value, loc })
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
