//! A collection: its label, its settings from `collections:` and its
//! documents and files (lib/jekyll/collection.rb). Data only.

use crate::document::Document;
use crate::liquid::{Map, Value};
use crate::static_file::StaticFile;
use std::cmp::Ordering;

#[derive(Clone, Debug)]
pub struct Collection {
    pub label: String,
    /// The collection's settings (`output`, `permalink`, `sort_by`, `order`…).
    pub metadata: Map,
    /// `_label`, relative to the collections directory.
    pub relative_directory: String,
    pub docs: Vec<Document>,
    pub files: Vec<StaticFile>,
}

impl Collection {
    pub fn new(label: &str, metadata: Map) -> Collection {
        Collection {
            label: label.to_string(),
            relative_directory: format!("_{label}"),
            metadata,
            docs: Vec::new(),
            files: Vec::new(),
        }
    }

    /// `Collection#write?`.
    pub fn write(&self) -> bool {
        self.metadata.get("output").is_some_and(Value::is_truthy)
    }

    /// `Collection#url_template`.
    pub fn url_template(&self, permalink_style: &str) -> String {
        match self
            .metadata
            .get("permalink")
            .and_then(crate::utils::scalar_string)
        {
            Some(p) => p,
            None => crate::url::add_permalink_suffix("/:collection/:path", permalink_style),
        }
    }
}

impl Collection {
    /// `Collection#sort_docs!` (and plain `docs.sort!` for posts): by the
    /// `order` list, by the `sort_by` key (nils last), or by date then path.
    pub fn sort_docs(&mut self) {
        self.docs.sort_by(by_date_then_path);
        if self.label == "posts" {
            return;
        }
        if let Some(Value::Array(order)) = self.metadata.get("order") {
            let dir = self.relative_directory.clone();
            let rank = |d: &Document| {
                order.iter().position(|e| {
                    e.as_str()
                        .is_some_and(|e| format!("{dir}/{e}") == d.relative_path)
                })
            };
            // `rearrange_docs!`: the listed documents in their order, then the
            // others in their usual order.
            self.docs.sort_by_key(|d| rank(d).unwrap_or(usize::MAX));
        } else if let Some(key) = self.metadata.get("sort_by").and_then(Value::as_str) {
            let key = key.to_string();
            for doc in self
                .docs
                .iter()
                .filter(|d| d.data.get(&key).is_none_or(Value::is_nil))
            {
                let message = format!("'{key}' not defined in {}", doc.relative_path);
                crate::logger::warn("Sort warning:", &message);
            }
            self.docs.sort_by(|a, b| by_key(a, b, &key));
        }
    }
}

/// `Document#<=>`: date, then path; a date not yet known compares as
/// Ruby's `nil <=> time` does (no answer), so the path decides.
fn by_date_then_path(a: &Document, b: &Document) -> Ordering {
    let by_date = match (a.sort_date, b.sort_date) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => Ordering::Equal,
    };
    by_date.then_with(|| a.source_path.cmp(&b.source_path))
}

/// `Collection#sort_docs_by_key!`: documents without the key go last.
fn by_key(a: &Document, b: &Document, key: &str) -> Ordering {
    match (
        a.data.get(key).filter(|v| !v.is_nil()),
        b.data.get(key).filter(|v| !v.is_nil()),
    ) {
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => match x.ruby_cmp(y) {
            Ok(Ordering::Equal) | Err(_) => by_date_then_path(a, b),
            Ok(o) => o,
        },
        (None, None) => by_date_then_path(a, b),
    }
}

/// `STYLE_TO_PERMALINK`: a named permalink style as a template.
pub fn style_to_permalink(style: &str) -> String {
    match style {
        "none" => "/:categories/:title:output_ext",
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        other => other,
    }
    .to_string()
}

/// `Configuration#add_default_collections`: `posts` first (always written,
/// with the site's permalink style), then the configured collections, from a
/// list or a map of labels.
pub fn configured(config: &Map) -> Vec<Collection> {
    let mut list: Vec<(String, Map)> = vec![("posts".into(), Map::new())];
    match config.get("collections") {
        Some(Value::Array(labels)) => {
            for label in labels.iter().filter_map(crate::utils::scalar_string) {
                upsert(&mut list, label, Map::new());
            }
        }
        Some(Value::Hash(map)) => {
            for (label, meta) in map.iter() {
                upsert(
                    &mut list,
                    sanitize_label(label),
                    meta.as_hash().cloned().unwrap_or_default(),
                );
            }
        }
        _ => {}
    }
    let style = config
        .get("permalink")
        .and_then(crate::utils::scalar_string);
    let posts = &mut list[0].1;
    posts.insert("output".into(), Value::Bool(true));
    if !posts.contains_key("permalink")
        && let Some(style) = style
    {
        posts.insert("permalink".into(), Value::from(style_to_permalink(&style)));
    }
    list.into_iter()
        .map(|(label, meta)| Collection::new(&label, meta))
        .collect()
}

fn upsert(list: &mut Vec<(String, Map)>, label: String, meta: Map) {
    match list.iter_mut().find(|(l, _)| *l == label) {
        Some(entry) => entry.1 = crate::utils::deep_merge(&entry.1, &meta),
        None => list.push((label, meta)),
    }
}

/// `Collection#sanitize_label`.
fn sanitize_label(label: &str) -> String {
    label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "_-.".contains(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_configured_collections() {
        let yaml = "permalink: pretty\ncollections:\n  docs:\n    output: true\n  notes: {}\n";
        let config = crate::yaml::parse(yaml).unwrap();
        let list = configured(config.as_hash().unwrap());
        let labels: Vec<_> = list.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["posts", "docs", "notes"]);
        assert!(list[0].write() && list[1].write() && !list[2].write());
        assert_eq!(
            list[0].url_template("pretty"),
            "/:categories/:year/:month/:day/:title/"
        );
        assert_eq!(list[1].url_template("pretty"), "/:collection/:path/");
        assert_eq!(
            list[2].url_template("date"),
            "/:collection/:path:output_ext"
        );
    }
}
