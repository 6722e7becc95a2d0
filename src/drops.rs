//! The values templates see (lib/jekyll/drops/*.rb): `site`, `page`,
//! `jekyll`. Built once per render phase and shared through `Arc`, so every
//! page's render reuses the same `site` value.

use crate::config::Config;
use crate::document::Document;
use crate::liquid::{Map, Value};
use crate::page::Page;
use crate::static_file::StaticFile;
use crate::utils::deep_merge;
use indexmap::IndexMap;

/// `Convertible#to_liquid` for a page: its data, then Jekyll's attributes.
pub fn page_value(page: &Page) -> Value {
    let mut attrs = Map::new();
    attrs.insert("content".into(), Value::from(page.content.as_str()));
    attrs.insert("dir".into(), Value::from(page.url_dir()));
    attrs.insert("excerpt".into(), Value::Nil);
    attrs.insert("name".into(), Value::from(page.name.as_str()));
    attrs.insert("path".into(), Value::from(page.path()));
    attrs.insert("url".into(), Value::from(page.url.as_str()));
    Value::hash(deep_merge(&page.data, &attrs))
}

/// `StaticFileDrop`: front matter defaults, then the file's attributes.
pub fn static_file_value(file: &StaticFile) -> Value {
    let mut map = file.data.clone();
    let modified = file
        .modified_time
        .to_zoned_datetime(jiff::tz::TimeZone::system());
    map.insert("name".into(), Value::from(file.name.as_str()));
    map.insert("extname".into(), Value::from(file.extname()));
    map.insert("modified_time".into(), Value::Time(modified.into()));
    map.insert("basename".into(), Value::from(file.basename()));
    map.insert("path".into(), Value::from(file.relative_path()));
    let collection = file.collection.as_deref().map_or(Value::Nil, Value::from);
    map.insert("collection".into(), collection);
    Value::hash(map)
}

/// `DocumentDrop`: the document's data, then its attributes. `content` is
/// the source before the document renders and the converted content after.
pub fn document_value(doc: &Document, content: Value, output: Value) -> Map {
    let mut map = doc.data.clone();
    if map.get("name").is_none_or(Value::is_nil) {
        map.insert("name".into(), Value::from(doc.basename.as_str()));
    }
    let excerpt = map
        .get("excerpt")
        .filter(|e| !e.is_nil())
        .map_or(String::new(), |e| e.to_s());
    map.insert("excerpt".into(), Value::from(excerpt));
    map.insert("collection".into(), Value::from(doc.collection.as_str()));
    map.insert("content".into(), content);
    map.insert("output".into(), output);
    map.insert("path".into(), Value::from(doc.relative_path.as_str()));
    map.insert(
        "relative_path".into(),
        Value::from(doc.relative_path.as_str()),
    );
    map.insert("url".into(), Value::from(doc.url.as_str()));
    map.insert("id".into(), Value::from(doc.id()));
    map.insert("date".into(), Value::Time(doc.date.clone().into()));
    map
}

/// The contents the site drop lists, already as Liquid values.
pub struct SiteContents {
    pub pages: Vec<Value>,
    pub html_pages: Vec<Value>,
    pub static_files: Vec<Value>,
    /// `SiteDrop#posts`: the posts' indices in the posts collection, newest
    /// first (re-sorted once every date is known).
    pub post_order: Vec<usize>,
    /// Per collection (config order, posts first): label, its settings, its
    /// documents in collection order, and its files.
    pub collections: Vec<(String, Map, Vec<Value>, Vec<Value>)>,
}

/// `SiteDrop`: the configuration plus the site's contents.
pub fn site_value(config: &Config, contents: SiteContents, data: &Map) -> Value {
    SitePayload::build(config, contents, data).value
}

/// The `site` value, with where each document's value sits in it, so that
/// a rebuild swaps in the documents whose values changed instead of making
/// `site` again (which, for ten thousand posts, costs more than the render).
#[derive(Clone, Debug)]
pub struct SitePayload {
    pub value: Value,
    /// The document values it holds, per collection.
    docs: Vec<Vec<Value>>,
    /// Per post: its index in `posts`.
    post_slots: Vec<usize>,
    /// Per post: (group, position) of each place it has in `tags` and in
    /// `categories`.
    tag_slots: Vec<Vec<(usize, usize)>>,
    category_slots: Vec<Vec<(usize, usize)>>,
    /// Per collection: where its documents start in `documents`, and its
    /// index in `collections`.
    document_offsets: Vec<usize>,
    drop_indices: Vec<usize>,
    /// A collection is named like a key that `build` sets after the
    /// collections (`tags`, `posts`...), so its documents are not where
    /// `patched` would look.
    shadowed: bool,
}

/// The keys `SitePayload::build` sets after the collections' own.
const SET_AFTER_COLLECTIONS: &[&str] = &[
    "categories",
    "tags",
    "posts",
    "related_posts",
    "documents",
    "collections",
];

impl SitePayload {
    pub fn build(config: &Config, contents: SiteContents, data: &Map) -> SitePayload {
        let mut site = config.data.clone();
        site.insert("time".into(), Value::Time(config.now.clone().into()));
        site.insert("pages".into(), Value::array(contents.pages));
        site.insert("html_pages".into(), Value::array(contents.html_pages));
        site.insert("static_files".into(), Value::array(contents.static_files));
        site.insert("config".into(), Value::Nil);
        // `SiteDrop#site_data`: a `data` key in the config replaces `_data`.
        let site_data = match config.get("data") {
            Some(v) if !v.is_nil() => v.clone(),
            _ => Value::hash(data.clone()),
        };
        site.insert("data".into(), site_data);
        let mut documents = Vec::new();
        let mut document_offsets = Vec::new();
        let mut drops = Vec::new();
        for (c, (label, metadata, docs, files)) in contents.collections.iter().enumerate() {
            document_offsets.push(documents.len());
            documents.extend(docs.iter().chain(files).cloned());
            drops.push((label, c, collection_value(label, metadata, docs, files)));
            if label != "posts" {
                site.insert(label.clone(), Value::array(docs.clone()));
            }
        }
        let posts = contents.collections.first().map_or(&[][..], |c| &c.2[..]);
        let order = &contents.post_order;
        let (categories, category_slots) = group_posts(posts, order, "categories");
        let (tags, tag_slots) = group_posts(posts, order, "tags");
        let mut post_slots = vec![0; posts.len()];
        for (slot, &d) in order.iter().enumerate() {
            post_slots[d] = slot;
        }
        site.insert("categories".into(), categories);
        site.insert("tags".into(), tags);
        let newest_first = order.iter().map(|&d| posts[d].clone()).collect();
        site.insert("posts".into(), Value::array(newest_first));
        site.insert("related_posts".into(), Value::Nil);
        site.insert("documents".into(), Value::array(documents));
        drops.sort_by(|a, b| a.0.cmp(b.0));
        let mut drop_indices = vec![0; drops.len()];
        for (i, (_, c, _)) in drops.iter().enumerate() {
            drop_indices[*c] = i;
        }
        let drops = drops.into_iter().map(|d| d.2).collect();
        site.insert("collections".into(), Value::array(drops));
        let shadowed = (contents.collections.iter().skip(1))
            .any(|c| SET_AFTER_COLLECTIONS.contains(&c.0.as_str()));
        SitePayload {
            shadowed,
            value: Value::hash(site),
            docs: contents.collections.into_iter().map(|c| c.2).collect(),
            post_slots,
            tag_slots,
            category_slots,
            document_offsets,
            drop_indices,
        }
    }

    /// The same `site` with `docs` (per collection) in place of the
    /// documents it holds; None when that would move something (a post's
    /// tags or categories changed, documents came or went) or when so many
    /// changed that building it again is as quick.
    pub fn patched(self, docs: &[Vec<Value>]) -> Option<SitePayload> {
        let sizes = |d: &[Vec<Value>]| d.iter().map(Vec::len).collect::<Vec<_>>();
        if sizes(docs) != sizes(&self.docs) || self.shadowed {
            return None;
        }
        let changed: Vec<(usize, usize)> = (self.docs.iter().zip(docs).enumerate())
            .flat_map(|(c, (old, new))| {
                let differ = old.iter().zip(new).map(|(a, b)| !same(a, b));
                differ.enumerate().filter(|e| e.1).map(move |(d, _)| (c, d))
            })
            .collect();
        let total: usize = docs.iter().map(Vec::len).sum();
        if changed.len() > 16 && changed.len() * 8 > total {
            return None;
        }
        let regrouped = |&(c, d): &(usize, usize)| {
            let (old, new) = (&self.docs[c][d], &docs[c][d]);
            let moved = |attr: &str| group_names(old, attr) != group_names(new, attr);
            c == 0 && (moved("tags") || moved("categories"))
        };
        if changed.iter().any(regrouped) {
            return None;
        }
        let mut site = self.value.as_hash()?.clone();
        let value = |c: usize, d: usize| docs[c][d].clone();
        let posts: Vec<usize> = changed.iter().filter(|e| e.0 == 0).map(|e| e.1).collect();
        let post_edits = posts.iter().map(|&d| (self.post_slots[d], value(0, d)));
        patch_key(&mut site, "posts", |v| replaced(v, post_edits));
        for (key, slots) in [
            ("tags", &self.tag_slots),
            ("categories", &self.category_slots),
        ] {
            let places =
                (posts.iter()).flat_map(|&d| slots[d].iter().map(move |s| (*s, value(0, d))));
            patch_key(&mut site, key, |groups| regrouped_value(groups, places));
        }
        let in_documents =
            (changed.iter()).map(|&(c, d)| (self.document_offsets[c] + d, value(c, d)));
        patch_key(&mut site, "documents", |v| replaced(v, in_documents));
        self.patch_collections(&mut site, &changed, docs);
        Some(SitePayload {
            value: Value::hash(site),
            docs: docs.to_vec(),
            ..self
        })
    }

    /// Swaps changed documents into `site.<label>` and `site.collections`.
    fn patch_collections(&self, site: &mut Map, changed: &[(usize, usize)], docs: &[Vec<Value>]) {
        let labels: Vec<String> = (self.docs.iter().enumerate())
            .map(|(c, _)| collection_label(site, self.drop_indices[c]))
            .collect();
        for (c, label) in labels.iter().enumerate() {
            let edits: Vec<(usize, Value)> = (changed.iter().filter(|e| e.0 == c))
                .map(|&(_, d)| (d, docs[c][d].clone()))
                .collect();
            if edits.is_empty() {
                continue;
            }
            if label != "posts" {
                patch_key(site, label, |v| replaced(v, edits.iter().cloned()));
            }
            let drop = self.drop_indices[c];
            patch_key(site, "collections", |drops| {
                let patch_docs = |collection: &Value| {
                    let mut map = collection.as_hash().cloned().unwrap_or_default();
                    patch_key(&mut map, "docs", |v| replaced(v, edits.iter().cloned()));
                    Value::hash(map)
                };
                let drop_value = drops.as_array().and_then(|d| d.get(drop)).map(patch_docs);
                replaced(drops, drop_value.map(|v| (drop, v)))
            });
        }
    }
}

/// Whether two values are the very same value (shared, not merely equal).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Hash(x), Value::Hash(y)) => std::sync::Arc::ptr_eq(x, y),
        _ => false,
    }
}

fn collection_label(site: &Map, drop: usize) -> String {
    let drops = site.get("collections").and_then(Value::as_array);
    let drop = drops.and_then(|d| d.get(drop));
    drop.and_then(|d| d.get("label"))
        .map_or(String::new(), Value::to_s)
}

fn patch_key(map: &mut Map, key: &str, patch: impl FnOnce(&Value) -> Value) {
    if let Some(slot) = map.get_mut(key) {
        *slot = patch(slot);
    }
}

/// An array with some entries replaced.
fn replaced(array: &Value, edits: impl IntoIterator<Item = (usize, Value)>) -> Value {
    let mut items = array.as_array().unwrap_or_default().to_vec();
    for (i, value) in edits {
        if let Some(slot) = items.get_mut(i) {
            *slot = value;
        }
    }
    Value::array(items)
}

/// A `tags` or `categories` hash with some posts replaced at their
/// (group, position) places.
fn regrouped_value(
    groups: &Value,
    places: impl IntoIterator<Item = ((usize, usize), Value)>,
) -> Value {
    let mut map = groups.as_hash().cloned().unwrap_or_default();
    let mut edits: std::collections::BTreeMap<usize, Vec<(usize, Value)>> = Default::default();
    for ((group, position), value) in places {
        edits.entry(group).or_default().push((position, value));
    }
    for (group, edits) in edits {
        if let Some((_, posts)) = map.get_index_mut(group) {
            *posts = replaced(posts, edits);
        }
    }
    Value::hash(map)
}

/// `CollectionDrop`: the collection's settings and its contents.
fn collection_value(label: &str, metadata: &Map, docs: &[Value], files: &[Value]) -> Value {
    let mut map = metadata.clone();
    map.insert("label".into(), Value::from(label));
    map.insert("docs".into(), Value::array(docs.to_vec()));
    map.insert("files".into(), Value::array(files.to_vec()));
    map.insert(
        "relative_directory".into(),
        Value::from(format!("_{label}")),
    );
    let output = metadata.get("output").is_some_and(Value::is_truthy);
    map.insert("output".into(), Value::Bool(output));
    Value::hash(map)
}

/// The names a post is grouped under (its categories or tags).
fn group_names(post: &Value, attr: &str) -> Vec<String> {
    let names = post.get(attr).and_then(Value::as_array).unwrap_or_default();
    names
        .iter()
        .filter_map(crate::utils::scalar_string)
        .collect()
}

/// `Site#post_attr_hash`: each category (or tag) with its posts, newest first,
/// in the order the names first appear among the posts (oldest first). Also
/// each post's (group, position) places, for `SitePayload::patched`.
fn group_posts(
    posts: &[Value],
    newest_first: &[usize],
    attr: &str,
) -> (Value, Vec<Vec<(usize, usize)>>) {
    let mut groups: IndexMap<String, Vec<usize>> = IndexMap::new();
    for &d in newest_first.iter().rev() {
        for name in group_names(&posts[d], attr) {
            groups.entry(name).or_default().push(d);
        }
    }
    let mut slots = vec![Vec::new(); posts.len()];
    let groups = groups.into_iter().enumerate().map(|(g, (name, members))| {
        let newest = members.iter().rev().enumerate().map(|(position, &d)| {
            slots[d].push((g, position));
            posts[d].clone()
        });
        (name, Value::array(newest.collect()))
    });
    let value = Value::hash(groups.collect());
    (value, slots)
}

/// The `related_posts` of a document: the ten newest posts but itself.
pub fn related_posts(newest_first: &[Value], url: &str) -> Value {
    let related = newest_first
        .iter()
        .take(11)
        .filter(|p| p.get("url").and_then(Value::as_str) != Some(url))
        .take(10)
        .cloned()
        .collect();
    Value::array(related)
}

/// `JekyllDrop`: `jekyll.version` and `jekyll.environment`.
pub fn jekyll_value(config: &Config) -> Value {
    let mut map = Map::new();
    map.insert("version".into(), Value::from(crate::JEKYLL_VERSION));
    map.insert(
        "environment".into(),
        Value::from(config.environment.as_str()),
    );
    Value::hash(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, tags: &[&str], title: &str) -> Value {
        let tags = Value::array(tags.iter().map(|t| Value::from(*t)).collect());
        let pairs = [
            ("id", Value::from(id)),
            ("tags", tags),
            ("title", Value::from(title)),
        ];
        Value::hash(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    fn contents(posts: Vec<Value>, notes: Vec<Value>) -> SiteContents {
        let order = (0..posts.len()).rev().collect();
        SiteContents {
            pages: Vec::new(),
            html_pages: Vec::new(),
            static_files: Vec::new(),
            post_order: order,
            collections: vec![
                ("posts".into(), Map::new(), posts, Vec::new()),
                ("notes".into(), Map::new(), notes, Vec::new()),
            ],
        }
    }

    fn config() -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(&crate::Overrides {
            source: Some(dir.path().to_path_buf()),
            ..Default::default()
        })
        .unwrap();
        (dir, config)
    }

    /// Patching in changed documents gives what building anew gives, and
    /// refuses when a post's tags change (the groups would move).
    #[test]
    fn patching_equals_building() {
        let (_dir, config) = config();
        let posts = vec![
            doc("a", &["x"], "A"),
            doc("b", &["x", "y"], "B"),
            doc("c", &["y"], "C"),
        ];
        let notes = vec![doc("n", &[], "N")];
        let built =
            SitePayload::build(&config, contents(posts.clone(), notes.clone()), &Map::new());
        let cases: Vec<(usize, usize, Value, bool)> = vec![
            (0, 1, doc("b", &["x", "y"], "B2"), true),
            (0, 0, doc("a", &["x"], "A2"), true),
            (1, 0, doc("n", &[], "N2"), true),
            (0, 1, doc("b", &["y"], "B"), false),
        ];
        for (c, d, new, patchable) in cases {
            let (mut posts, mut notes) = (posts.clone(), notes.clone());
            [&mut posts, &mut notes][c][d] = new;
            let docs = vec![posts.clone(), notes.clone()];
            let patched = built.clone().patched(&docs);
            assert_eq!(patched.is_some(), patchable, "{c}/{d}");
            let fresh = SitePayload::build(&config, contents(posts, notes), &Map::new());
            if let Some(patched) = patched {
                assert_eq!(format!("{:?}", patched.value), format!("{:?}", fresh.value));
            }
        }
    }
}
