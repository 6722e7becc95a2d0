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
    /// `SiteDrop#posts`: re-sorted newest first once every date is known.
    pub posts: Vec<Value>,
    /// Per collection (config order, posts first): label, its settings, its
    /// documents in collection order, and its files.
    pub collections: Vec<(String, Map, Vec<Value>, Vec<Value>)>,
}

/// `SiteDrop`: the configuration plus the site's contents.
pub fn site_value(config: &Config, contents: SiteContents, data: &Map) -> Value {
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
    let mut drops = Vec::new();
    for (label, metadata, docs, files) in &contents.collections {
        documents.extend(docs.iter().chain(files).cloned());
        drops.push((
            label.clone(),
            collection_value(label, metadata, docs, files),
        ));
        if label != "posts" {
            site.insert(label.clone(), Value::array(docs.clone()));
        }
    }
    let posts = contents.posts;
    site.insert("categories".into(), group_posts(&posts, "categories"));
    site.insert("tags".into(), group_posts(&posts, "tags"));
    site.insert("posts".into(), Value::array(posts));
    site.insert("related_posts".into(), Value::Nil);
    site.insert("documents".into(), Value::array(documents));
    drops.sort_by(|a, b| a.0.cmp(&b.0));
    site.insert(
        "collections".into(),
        Value::array(drops.into_iter().map(|d| d.1).collect()),
    );
    Value::hash(site)
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

/// `Site#post_attr_hash`: each category (or tag) with its posts, newest first,
/// in the order the names first appear among the posts (oldest first).
fn group_posts(newest_first: &[Value], attr: &str) -> Value {
    let mut groups: IndexMap<String, Vec<Value>> = IndexMap::new();
    for post in newest_first.iter().rev() {
        let names = post.get(attr).and_then(Value::as_array).unwrap_or_default();
        for name in names.iter().filter_map(crate::utils::scalar_string) {
            groups.entry(name).or_default().push(post.clone());
        }
    }
    let groups = groups.into_iter().map(|(name, mut posts)| {
        posts.reverse();
        (name, Value::array(posts))
    });
    Value::hash(groups.collect())
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
