//! The values templates see (lib/jekyll/drops/*.rb): `site`, `page`,
//! `jekyll`. Built once per render phase and shared through `Arc`, so every
//! page's render reuses the same `site` value.

use crate::config::Config;
use crate::liquid::{Map, Value};
use crate::page::Page;
use crate::static_file::StaticFile;
use crate::utils::deep_merge;

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
    map.insert("collection".into(), Value::Nil);
    Value::hash(map)
}

/// `SiteDrop`: the configuration plus the site's contents.
pub fn site_value(
    config: &Config,
    pages: &[Value],
    html_pages: Vec<Value>,
    static_files: Vec<Value>,
    data: &Map,
) -> Value {
    let mut site = config.data.clone();
    let now = config.now.clone();
    site.insert("time".into(), Value::Time(now.into()));
    site.insert("pages".into(), Value::array(pages.to_vec()));
    site.insert("html_pages".into(), Value::array(html_pages));
    site.insert("static_files".into(), Value::array(static_files));
    site.insert("data".into(), Value::hash(data.clone()));
    for key in [
        "posts",
        "related_posts",
        "documents",
        "html_files",
        "collections",
    ] {
        site.insert(key.into(), Value::array(Vec::new()));
    }
    for key in ["categories", "tags"] {
        site.insert(key.into(), Value::hash(Map::new()));
    }
    Value::hash(site)
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
