//! Front matter defaults from the config's `defaults:` list
//! (lib/jekyll/frontmatter_defaults.rb): each set applies when its `scope`
//! matches a file's path (prefix or glob) and type; the more specific scope
//! wins.

use crate::liquid::{Map, Value};
use crate::utils::deep_merge;
use regex::Regex;

/// One valid `defaults` entry.
struct DefaultSet {
    /// The scope's path, sanitized (no leading `/`); empty means everywhere.
    path: String,
    /// A glob scope, compiled (`*` stays within one path segment, as `Dir.glob`).
    glob: Option<Regex>,
    kind: Option<String>,
    values: Map,
}

pub struct FrontmatterDefaults {
    sets: Vec<DefaultSet>,
}

impl FrontmatterDefaults {
    pub fn new(config: &Map) -> FrontmatterDefaults {
        let collections_dir = config
            .get("collections_dir")
            .and_then(Value::as_str)
            .unwrap_or("");
        let parse = |item: &Value| DefaultSet::parse(item, collections_dir);
        let sets = match config.get("defaults") {
            Some(Value::Array(items)) => items.iter().filter_map(parse).collect(),
            _ => Vec::new(),
        };
        FrontmatterDefaults { sets }
    }

    /// `FrontmatterDefaults#all`: the merged values for a source-relative path
    /// of the given type (`pages`, `posts`, `static_files`, a collection).
    pub fn all(&self, path: &str, kind: &str) -> Map {
        let mut merged = Map::new();
        let mut winner: Option<&DefaultSet> = None;
        for set in self.sets.iter().filter(|s| s.applies(path, kind)) {
            if has_precedence(winner, set) {
                merged = deep_merge(&merged, &set.values);
                winner = Some(set);
            } else {
                merged = deep_merge(&set.values, &merged);
            }
        }
        merged
    }
}

impl DefaultSet {
    /// A valid set; its path loses a leading `collections_dir/`, since
    /// documents' paths are relative to that directory (`strip_collections_dir`).
    fn parse(item: &Value, collections_dir: &str) -> Option<DefaultSet> {
        let values = item.get("values")?.as_hash()?.clone();
        let scope = item.get("scope");
        let raw_path = scope
            .and_then(|s| s.get("path"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let path = strip_collections_dir(&sanitize(raw_path), collections_dir);
        let glob = path.contains('*').then(|| glob_regex(&path)).flatten();
        // `update_deprecated_types`: the singular names mean the plural ones.
        let kind = scope
            .and_then(|s| s.get("type"))
            .and_then(crate::utils::scalar_string)
            .map(|k| match k.as_str() {
                "page" => "pages".to_string(),
                "post" => "posts".to_string(),
                "draft" => "drafts".to_string(),
                _ => k,
            });
        Some(DefaultSet {
            path,
            glob,
            kind,
            values,
        })
    }

    fn applies(&self, path: &str, kind: &str) -> bool {
        let type_ok = self.kind.as_deref().is_none_or(|k| k == kind);
        type_ok && self.applies_path(path)
    }

    /// A glob matches the path or one of its parent directories; a plain
    /// scope is a string prefix, as Jekyll's `path_is_subpath?`.
    fn applies_path(&self, path: &str) -> bool {
        if self.path.is_empty() {
            return true;
        }
        match &self.glob {
            Some(glob) => ancestors(path).any(|p| glob.is_match(p)),
            None => path.starts_with(&self.path),
        }
    }
}

/// `has_precedence?`: a longer scope path wins; at equal length a scope with
/// a type wins over one without.
fn has_precedence(old: Option<&DefaultSet>, new: &DefaultSet) -> bool {
    let Some(old) = old else { return true };
    if new.path.len() != old.path.len() {
        new.path.len() >= old.path.len()
    } else {
        new.kind.is_some() || old.kind.is_none()
    }
}

fn strip_collections_dir(path: &str, collections_dir: &str) -> String {
    if collections_dir.is_empty() {
        return path.to_string();
    }
    let prefix = format!("{}/", collections_dir.trim_end_matches('/'));
    path.strip_prefix(&prefix).unwrap_or(path).to_string()
}

/// `sanitize_path`: drops a leading `/`.
fn sanitize(path: &str) -> String {
    path.strip_prefix('/').unwrap_or(path).to_string()
}

/// `a/b/c` yields `a/b/c`, `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(path);
    std::iter::from_fn(move || {
        let current = rest?;
        rest = current.rfind('/').map(|i| &current[..i]);
        Some(current)
    })
}

/// `Dir.glob` syntax: `*` within a segment, `**/` across segments, `?`.
fn glob_regex(pattern: &str) -> Option<Regex> {
    let mut re = String::from("^");
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("**/") {
            re.push_str("(?:.*/)?");
            rest = r;
            continue;
        }
        match c {
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            other => re.push_str(&regex::escape(&other.to_string())),
        }
        rest = &rest[c.len_utf8()..];
    }
    re.push('$');
    Regex::new(&re).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(yaml: &str) -> Map {
        match crate::yaml::parse(yaml).unwrap() {
            Value::Hash(m) => (*m).clone(),
            _ => panic!("not a hash"),
        }
    }

    #[test]
    fn most_specific_scope_wins() {
        let c = config(
            "defaults:\n\
             - scope: {path: \"\"}\n  values: {layout: a, x: 1}\n\
             - scope: {path: pages, type: pages}\n  values: {layout: b}\n\
             - scope: {path: pages/index.md}\n  values: {permalink: /}\n\
             - scope: {path: \"docs/*.md\"}\n  values: {layout: g}\n",
        );
        let d = FrontmatterDefaults::new(&c);
        let get = |path: &str, kind: &str, key: &str| {
            d.all(path, kind)
                .get(key)
                .and_then(crate::utils::scalar_string)
        };
        let cases = [
            ("about.md", "pages", "layout", Some("a")),
            ("pages/usage.md", "pages", "layout", Some("b")),
            ("pages/usage.md", "posts", "layout", Some("a")),
            ("pages/index.md", "pages", "permalink", Some("/")),
            ("pages/index.md", "pages", "x", Some("1")),
            ("docs/a.md", "pages", "layout", Some("g")),
            ("docs/sub/a.md", "pages", "layout", Some("a")),
        ];
        for (path, kind, key, want) in cases {
            assert_eq!(get(path, kind, key).as_deref(), want, "{path} {key}");
        }
    }
}
