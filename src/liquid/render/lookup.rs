//! Variable lookup helpers of the render context (Liquid 4.0.4's
//! variable_lookup.rb): small-map access, `a.b.c` walked by reference, bracket
//! indexing and the `size`/`first`/`last` commands.

use super::Context;
use crate::liquid::expression::{Expr, Lookup};
use crate::liquid::value::{Map, Value};

impl Context<'_> {
    /// `a.b.c` (no brackets, lax variables), walked by reference so that
    /// only the value found is cloned.
    pub(super) fn lookup_keys(&self, name: &str, steps: &[Lookup]) -> Value {
        let scoped = self.scopes.iter().rev().find_map(|s| small_get(s, name));
        let Some(mut object) = scoped.or_else(|| small_get(&self.globals, name)) else {
            return Value::Nil;
        };
        for (i, step) in steps.iter().enumerate() {
            let Lookup::Key { key, command } = step else {
                return Value::Nil;
            };
            if let Value::Hash(map) = object
                && let Some(v) = small_get(map, key)
            {
                object = v;
                continue;
            }
            // `size`, `first`, `last` make a new value: go on by value.
            return match command_method(object, key) {
                Some(v) if *command => keys_of_value(v, &steps[i + 1..]),
                _ => Value::Nil,
            };
        }
        object.clone()
    }
}

impl Context<'_> {
    /// The value of a literal or a plain `a.b.c` lookup, by reference;
    /// `None` for anything that must be evaluated (see `lookup`).
    pub fn evaluate_ref<'s>(&'s self, expr: &'s Expr) -> Option<&'s Value> {
        match expr {
            Expr::Literal(v) => Some(v),
            Expr::Lookup(l) => match &l.name {
                Some(Expr::Literal(Value::Str(name))) if !self.opts.strict_variables => {
                    self.lookup_keys_ref(name, &l.lookups)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// `lookup_keys` without the final copy; `None` when the walk needs a
    /// `size`/`first`/`last` command (which makes a new value) or an index.
    fn lookup_keys_ref(&self, name: &str, steps: &[Lookup]) -> Option<&Value> {
        static NIL: Value = Value::Nil;
        let scoped = self.scopes.iter().rev().find_map(|s| small_get(s, name));
        let Some(mut object) = scoped.or_else(|| small_get(&self.globals, name)) else {
            return Some(&NIL);
        };
        for step in steps {
            let Lookup::Key { key, command } = step else {
                return None;
            };
            match object {
                Value::Hash(map) if let Some(v) = small_get(map, key) => object = v,
                _ if *command => return None,
                _ => return Some(&NIL),
            }
        }
        Some(object)
    }
}

/// The rest of a `lookup_keys` walk, from an owned value.
fn keys_of_value(mut object: Value, steps: &[Lookup]) -> Value {
    for step in steps {
        let Lookup::Key { key, command } = step else {
            return Value::Nil;
        };
        let found = match &object {
            Value::Hash(map) => small_get(map, key).cloned(),
            _ => None,
        };
        object = match found {
            Some(v) => v,
            None if *command => match command_method(&object, key) {
                Some(v) => v,
                None => return Value::Nil,
            },
            None => return Value::Nil,
        };
    }
    object
}

/// `map.get(key)`, by a linear scan for small maps: scopes, globals and
/// most front matter hold a handful of keys, and comparing a few short
/// strings is cheaper than hashing the key.
pub(crate) fn small_get<'m>(map: &'m Map, key: &str) -> Option<&'m Value> {
    if map.len() <= 8 {
        map.iter().find(|(k, _)| short_eq(k, key)).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

/// `a == b` for short keys, byte by byte: a call to `memcmp` per key
/// costs more than the comparison.
#[inline]
pub(crate) fn short_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// A bracketed lookup step of `VariableLookup#evaluate`; `None` when not found.
pub(super) fn index(object: &Value, key: &Value) -> Option<Value> {
    match (object, key) {
        (Value::Hash(map), Value::Str(k)) => map.get(&**k).cloned(),
        (Value::Hash(_), Value::Int(_)) => Some(Value::Nil),
        (Value::Array(items), Value::Int(i)) => {
            let len = items.len() as i64;
            let at = if *i < 0 { len.saturating_add(*i) } else { *i };
            Some(if (0..len).contains(&at) {
                items[at as usize].clone()
            } else {
                Value::Nil
            })
        }
        _ => None,
    }
}

/// `size` / `first` / `last` on values that respond to them.
pub(super) fn command_method(object: &Value, method: &str) -> Option<Value> {
    match (method, object) {
        ("size", _) => object.ruby_size().map(Value::Int),
        ("first", Value::Array(items)) => Some(items.first().cloned().unwrap_or(Value::Nil)),
        ("last", Value::Array(items)) => Some(items.last().cloned().unwrap_or(Value::Nil)),
        ("first", Value::Hash(map)) => Some(map.first().map_or(Value::Nil, |(k, v)| {
            Value::array(vec![Value::str(k.as_str()), v.clone()])
        })),
        ("first", Value::Range(a, _)) => Some(Value::Int(*a)),
        ("last", Value::Range(_, b)) => Some(Value::Int(*b)),
        _ => None,
    }
}
