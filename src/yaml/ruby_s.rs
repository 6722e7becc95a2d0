//! Ruby's `to_s` for values that end up as hash keys. Ruby keeps `1: x` under
//! the Integer key 1; our maps are keyed by strings, and what a Jekyll user
//! sees of such a key (in `jsonify`, in a `for` over the hash) is its `to_s`,
//! so that is the string we store. The Ruby semantics themselves live in
//! `liquid::ruby`.

use crate::liquid::Value;

/// The string a resolved YAML key is stored under.
pub fn key_string(key: &Value) -> String {
    match key {
        Value::Str(s) => s.to_string(),
        other => other.to_s(),
    }
}

/// How Ruby names a value in "no implicit conversion of … into Hash":
/// `nil`, `true` and `false` by value, anything else by its class.
pub fn class_name(value: &Value) -> &'static str {
    match value {
        Value::Nil => "nil",
        Value::Bool(true) => "true",
        Value::Bool(false) => "false",
        other => other.ruby_class(),
    }
}

/// Ruby's `Float#to_s`.
pub fn float_to_s(f: f64) -> String {
    crate::liquid::ruby::ruby_float_to_s(f)
}
