//! Small helpers Jekyll keeps in lib/jekyll/utils.rb: deep merging of hashes
//! and the YAML-header test.

use crate::liquid::{Map, Value};
use std::sync::Arc;

/// `Utils.deep_merge_hashes`: keys of `over` win, nested hashes merge, and the
/// keys keep `base`'s order with new keys appended.
pub fn deep_merge(base: &Map, over: &Map) -> Map {
    let mut out = base.clone();
    for (key, value) in over {
        let merged = match (out.get(key), value) {
            (Some(Value::Hash(a)), Value::Hash(b)) => Value::Hash(Arc::new(deep_merge(a, b))),
            _ => value.clone(),
        };
        out.insert(key.clone(), merged);
    }
    out
}

/// Jekyll's `Utils.has_liquid_construct?`: only such content goes through Liquid.
pub fn has_liquid_construct(content: &str) -> bool {
    content.contains("{%") || content.contains("{{")
}

/// A config value read as a list of strings (`include`, `exclude`, `keep_files`).
pub fn string_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(scalar_string).collect(),
        Some(v) => scalar_string(v).into_iter().collect(),
        None => Vec::new(),
    }
}

/// A scalar as Ruby's `to_s` would give it; None for nil and compound values.
pub fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.to_string()),
        Value::Int(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, Value)]) -> Map {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn deep_merge_keeps_order_and_merges_nested() {
        let base = map(&[
            ("a", Value::Int(1)),
            (
                "h",
                Value::hash(map(&[("x", 1i64.into()), ("y", 2i64.into())])),
            ),
        ]);
        let over = map(&[
            ("h", Value::hash(map(&[("y", 3i64.into())]))),
            ("b", Value::Int(2)),
        ]);
        let out = deep_merge(&base, &over);
        let keys: Vec<_> = out.keys().cloned().collect();
        assert_eq!(keys, ["a", "h", "b"]);
        let h = out["h"].as_hash().unwrap();
        assert!(matches!(h["x"], Value::Int(1)));
        assert!(matches!(h["y"], Value::Int(3)));
    }

    #[test]
    fn liquid_construct() {
        for (text, want) in [("a {{ b }}", true), ("{% if %}", true), ("plain", false)] {
            assert_eq!(has_liquid_construct(text), want);
        }
    }
}
