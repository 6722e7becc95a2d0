//! Liquid values: what templates see. Mirrors the Ruby objects Liquid 4 works on
//! (nil, true/false, Integer, Float, String, Time, Date, Array, Hash, Range).
//!
//! Compound values are reference-counted (`Arc`), so handing `site.posts` to a
//! `for` loop or a filter copies a pointer, never the posts.

use indexmap::IndexMap;
use std::sync::Arc;

/// An insertion-ordered hash, as Ruby's `Hash` is.
pub type Map = IndexMap<String, Value>;

/// One Liquid value.
#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    /// A Ruby `Time`: an instant with its UTC offset (front matter datetimes, `site.time`).
    Time(Arc<jiff::ZonedDateTime>),
    /// A Ruby `Date`: a calendar day (front matter `2023-01-31`).
    Date(jiff::civil::Date),
    Array(Arc<Vec<Value>>),
    Hash(Arc<Map>),
    /// An inclusive integer range `(a..b)`.
    Range(i64, i64),
}

impl Value {
    pub fn str(s: impl Into<Arc<str>>) -> Value {
        Value::Str(s.into())
    }

    pub fn array(items: Vec<Value>) -> Value {
        Value::Array(Arc::new(items))
    }

    pub fn hash(map: Map) -> Value {
        Value::Hash(Arc::new(map))
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// Liquid truthiness: only `nil` and `false` are falsy.
    pub fn is_truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_hash(&self) -> Option<&Map> {
        match self {
            Value::Hash(h) => Some(h),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// `hash[key]` for hashes; nil for everything else.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_hash().and_then(|h| h.get(key))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s.into())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Float(n)
    }
}

impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Value {
        Value::array(v)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::hash(m)
    }
}
