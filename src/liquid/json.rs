//! JSON in and out: `Value::from_json` (data files, tests) and
//! `Value::to_json`, Ruby's `to_json` as Jekyll's `jsonify` filter emits it
//! (lib/jekyll/filters.rb#jsonify, Ruby's json generator).

use super::ruby::ruby_float_to_s;
use super::value::{Map, Value};

impl Value {
    pub fn from_json(j: &serde_json::Value) -> Value {
        match j {
            serde_json::Value::Null => Value::Nil,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(0.0)),
            },
            serde_json::Value::String(s) => Value::str(s.as_str()),
            serde_json::Value::Array(a) => Value::array(a.iter().map(Value::from_json).collect()),
            serde_json::Value::Object(o) => {
                let map: Map = o
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect();
                Value::hash(map)
            }
        }
    }

    /// Ruby's `to_json` (compact).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_json(self, &mut out);
        out
    }
}

fn write_json(v: &Value, out: &mut String) {
    match v {
        Value::Nil => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => out.push_str(&n.to_string()),
        Value::Float(f) if f.is_finite() => out.push_str(&ruby_float_to_s(*f)),
        Value::Float(_) => out.push_str("null"),
        Value::Str(s) => json_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Hash(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_str(k, out);
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
        other => json_str(&other.to_s(), out),
    }
}

fn json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_like_ruby() {
        let cases = [
            (
                r#"{"a":[1,2.5,null,true],"b":"x\"y"}"#,
                r#"{"a":[1,2.5,null,true],"b":"x\"y"}"#,
            ),
            ("[1.0]", "[1.0]"),
        ];
        for (src, want) in cases {
            let j: serde_json::Value = serde_json::from_str(src).unwrap();
            assert_eq!(Value::from_json(&j).to_json(), want);
        }
    }
}
