//! Small helpers Jekyll keeps in lib/jekyll/utils.rb: deep merging of hashes
//! and the YAML-header test.

use crate::liquid::{Map, Value};
use std::sync::Arc;

/// `Utils.deep_merge_hashes`: keys of `over` win, except that a nil never
/// replaces a value; nested hashes merge; the keys keep `base`'s order with
/// new keys appended.
pub fn deep_merge(base: &Map, over: &Map) -> Map {
    let mut out = base.clone();
    for (key, value) in over {
        let merged = match (out.get(key), value) {
            (Some(old), Value::Nil) => old.clone(),
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

/// `Utils.slugify`: runs of characters the mode does not keep become one
/// `-`, leading and trailing `-` go, and the result is lower-cased unless
/// `cased`. An unknown mode only lower-cases.
pub fn slugify(text: &str, mode: &str, cased: bool) -> String {
    let keep: fn(char) -> bool = match mode {
        "raw" => |c| !c.is_whitespace(),
        "pretty" => |c| c.is_alphanumeric() || "._~!$&'()+,;=@".contains(c),
        "ascii" => |c| c.is_ascii_alphanumeric(),
        "default" | "latin" => |c| c.is_alphanumeric(),
        _ => {
            return if cased {
                text.to_string()
            } else {
                text.to_lowercase()
            };
        }
    };
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if keep(c) {
            slug.push(c);
        } else if !slug.ends_with('-') || slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_start_matches('-').trim_end_matches('-');
    if cased {
        slug.to_string()
    } else {
        slug.to_lowercase()
    }
}

/// `Utils.titleize_slug`: `my-first-post` becomes `My First Post`.
pub fn titleize_slug(slug: &str) -> String {
    slug.split('-')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `Utils.pluralized_array_from_hash`: the singular key's value, else the
/// plural key's (a string is split on whitespace), flattened, nils dropped.
pub fn pluralized_array(data: &Map, singular: &str, plural: &str) -> Vec<Value> {
    let from_singular = data.get(singular).filter(|v| !v.is_nil()).cloned();
    let value = from_singular.or_else(|| match data.get(plural)? {
        Value::Str(s) => Some(Value::array(
            s.split_whitespace().map(Value::from).collect(),
        )),
        Value::Array(a) => Some(Value::array(
            a.iter().filter(|v| !v.is_nil()).cloned().collect(),
        )),
        _ => None,
    });
    let mut out = Vec::new();
    flatten_into(value.unwrap_or(Value::Nil), &mut out);
    out
}

fn flatten_into(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Nil => {}
        Value::Array(items) => items.iter().cloned().for_each(|v| flatten_into(v, out)),
        other => out.push(other),
    }
}

/// `Utils.parse_date`: a time in the site's zone.
pub fn parse_date(value: &Value, tz: &jiff::tz::TimeZone) -> Option<jiff::ZonedDateTime> {
    match value {
        Value::Time(t) => Some(t.with_time_zone(tz.clone())),
        Value::Date(d) => d.to_zoned_datetime(tz.clone()).ok(),
        Value::Str(s) => crate::liquid::filters::date::parse_time(&s.to_lowercase(), tz.clone())
            .map(|t| t.with_time_zone(tz.clone())),
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
        let kept = deep_merge(&base, &map(&[("a", Value::Nil), ("n", Value::Nil)]));
        assert!(
            matches!(kept["a"], Value::Int(1)),
            "nil keeps the old value"
        );
        assert!(kept["n"].is_nil(), "a new nil key is added");
        let h = out["h"].as_hash().unwrap();
        assert!(matches!(h["x"], Value::Int(1)));
        assert!(matches!(h["y"], Value::Int(3)));
    }

    #[test]
    fn slugify_modes() {
        let cases = [
            ("Hello, World!", "default", false, "hello-world"),
            (
                "  The _config.yml file?!",
                "pretty",
                false,
                "the-_config.yml-file-!",
            ),
            ("Café au lait", "ascii", false, "caf-au-lait"),
            ("Café au lait", "default", true, "Café-au-lait"),
            ("a  b", "raw", false, "a-b"),
            ("Keep Me", "none", false, "keep me"),
        ];
        for (text, mode, cased, want) in cases {
            assert_eq!(slugify(text, mode, cased), want, "{text} {mode}");
        }
    }

    #[test]
    fn titleize() {
        for (slug, want) in [
            ("my-first-post", "My First Post"),
            ("a", "A"),
            ("x--y", "X  Y"),
        ] {
            assert_eq!(titleize_slug(slug), want);
        }
    }

    #[test]
    fn liquid_construct() {
        for (text, want) in [("a {{ b }}", true), ("{% if %}", true), ("plain", false)] {
            assert_eq!(has_liquid_construct(text), want);
        }
    }
}
