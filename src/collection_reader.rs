//! Reading posts, drafts and collection documents (lib/jekyll/readers/
//! post_reader.rb, collection_reader.rb, lib/jekyll/document.rb#read and
//! lib/jekyll/publisher.rb): each document's date, title, slug, categories,
//! tags and URL are resolved here, once.

use crate::collection::Collection;
use crate::config::Config;
use crate::document::Document;
use crate::entry_filter::EntryFilter;
use crate::errors::{Error, Result};
use crate::frontmatter_defaults::FrontmatterDefaults;
use crate::liquid::Value;
use crate::static_file::StaticFile;
use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// `Document::DATE_FILENAME_MATCHER`.
pub(crate) static DATE_FILENAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$").expect("valid regex")
});
/// `Document::DATELESS_FILENAME_MATCHER`.
pub(crate) static DATELESS_FILENAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:.+/)*(.*)(\.[^./]+)$").expect("valid regex"));

/// What reading a document needs from the site.
pub struct DocumentReader<'a> {
    pub config: &'a Config,
    pub filter: &'a EntryFilter,
    pub defaults: &'a FrontmatterDefaults,
}

impl DocumentReader<'_> {
    /// `PostReader#read_posts` (and `#read_drafts` with `--drafts`) for the
    /// source-relative directory `dir`.
    pub fn read_posts(&self, dir: &str, posts: &Collection) -> Result<Vec<Document>> {
        let mut docs = self.read_publishable(dir, "_posts", false, posts)?;
        if self.config.get("show_drafts").is_some_and(Value::is_truthy) {
            docs.extend(self.read_publishable(dir, "_drafts", true, posts)?);
        }
        Ok(docs)
    }

    fn read_publishable(
        &self,
        dir: &str,
        magic: &str,
        draft: bool,
        posts: &Collection,
    ) -> Result<Vec<Document>> {
        let base = crate::entry_filter::join(dir, magic);
        let matcher = if draft {
            &*DATELESS_FILENAME
        } else {
            &*DATE_FILENAME
        };
        let mut docs = Vec::new();
        for entry in self.entries(&base)? {
            if !matcher.is_match(&entry) {
                continue;
            }
            let path = self.config.source.join(&base).join(&entry);
            let doc = self.read_document(&path, draft, posts)?;
            if self.published(&doc) && !self.hidden_in_the_future(&doc) {
                docs.push(doc);
            } else if self.hidden_in_the_future(&doc) {
                crate::logger::warn(
                    "Skipping:",
                    &format!("{} has a future date", doc.relative_path),
                );
            }
        }
        Ok(docs)
    }

    /// `Collection#read`: documents (files with front matter) and static files.
    pub fn read_collection(&self, collection: &mut Collection) -> Result<()> {
        let base = self.collections_rel(&collection.relative_directory);
        for entry in self.entries(&base)? {
            let path = self.config.source.join(&base).join(&entry);
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            if crate::front_matter::has_front_matter(&bytes) {
                let doc = self.read_document(&path, false, collection)?;
                if self.published(&doc) {
                    collection.docs.push(doc);
                }
            } else {
                let file = self.collection_file(&base, &entry, &path, collection)?;
                collection.files.push(file);
            }
        }
        Ok(())
    }

    /// Every file below the source-relative `base`, as paths relative to it,
    /// sorted, through Jekyll's entry filter.
    fn entries(&self, base: &str) -> Result<Vec<String>> {
        let root = self.config.source.join(base);
        if !root.is_dir() || self.filter.symlink_outside(base) {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(&root)
            .min_depth(1)
            .sort_by_file_name()
            .follow_links(true)
        {
            let entry = entry.map_err(|e| Error::Fatal(format!("{base}: {e}")))?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = crate::entry_filter::relative_path(&root, entry.path());
            if self.filter.keep(base, &rel) {
                out.push(rel);
            }
        }
        Ok(out)
    }

    fn collections_rel(&self, rel: &str) -> String {
        match self.config.get("collections_dir").and_then(Value::as_str) {
            Some(dir) if !dir.is_empty() => crate::entry_filter::join(dir.trim_matches('/'), rel),
            _ => rel.to_string(),
        }
    }

    pub(crate) fn collections_path(&self) -> PathBuf {
        self.config.source.join(self.collections_rel(""))
    }

    /// `Publisher#can_be_published?`.
    fn published(&self, doc: &Document) -> bool {
        crate::reader::publishable(&doc.data, self.config)
    }

    /// `Publisher#hidden_in_the_future?`.
    pub fn hidden_in_the_future(&self, doc: &Document) -> bool {
        let future = self.config.get("future").is_some_and(Value::is_truthy);
        !future && doc.date.timestamp().as_second() > self.config.now.timestamp().as_second()
    }

    fn collection_file(
        &self,
        base: &str,
        entry: &str,
        path: &Path,
        collection: &Collection,
    ) -> Result<StaticFile> {
        let label = collection.label.as_str();
        let (dir, name) = match entry.rfind('/') {
            Some(i) => (
                crate::entry_filter::join(base, &entry[..i]),
                entry[i + 1..].to_string(),
            ),
            None => (base.to_string(), entry.to_string()),
        };
        let modified = self.config.mtime(path);
        let rel = crate::entry_filter::join(&dir, &name);
        let url = collection_file_url(entry, &name, collection, self.config);
        Ok(StaticFile {
            url,
            data: self.defaults.all(&rel, label),
            dir,
            name,
            source_path: path.to_path_buf(),
            modified_time: modified,
            collection: Some(label.to_string()),
        })
    }
}

/// `StaticFile#url` for a collection's file: the collection's template with
/// the file's `:path` and `:name`, its slash dropped, and the extension added.
fn collection_file_url(
    entry: &str,
    name: &str,
    collection: &Collection,
    config: &Config,
) -> String {
    let ext = crate::static_file::extname(name);
    let stem = entry[..entry.len() - ext.len()].trim_end_matches('.');
    let path = format!("/{stem}");
    let basename = &name[..name.len() - ext.len()];
    let style = config
        .get("permalink")
        .and_then(crate::utils::scalar_string)
        .unwrap_or_default();
    let template = collection.url_template(&style);
    let placeholders = [
        ("collection", Some(collection.label.as_str())),
        ("path", Some(path.as_str())),
        ("output_ext", Some("")),
        ("name", Some(basename)),
        ("title", Some("")),
    ];
    let url = crate::url::generate(&template, None, &placeholders);
    format!("{}{ext}", url.trim_end_matches('/'))
}
