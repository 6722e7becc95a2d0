//! Resolving one document as Jekyll's `Document#read` does: categories from
//! the path, front matter defaults, front matter, then the date, title, slug,
//! categories and tags derived from the file name and the data.

use crate::collection::Collection;
use crate::collection_reader::DocumentReader;
use crate::document::Document;
use crate::errors::{Error, Result};
use crate::liquid::{Map, Value};
use crate::utils::{deep_merge, pluralized_array, scalar_string, titleize_slug};
use jiff::tz::TimeZone;
use std::path::Path;

impl DocumentReader<'_> {
    pub(crate) fn read_document(
        &self,
        path: &Path,
        draft: bool,
        collection: &Collection,
    ) -> Result<Document> {
        let rel = crate::entry_filter::relative_path(&self.collections_path(), path);
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let (front, content, body_line, layout_line) = crate::reader::parse_document(&rel, bytes)?;
        let special = if draft {
            "_drafts"
        } else {
            collection.relative_directory.as_str()
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut data = Map::new();
        data.insert("draft".into(), Value::Bool(draft));
        let tz = self.config.now.time_zone().clone();
        let path_categories = categories_from_path(&rel, special, &name);
        merge_data(
            &mut data,
            Map::from_iter([("categories".into(), path_categories)]),
            (&rel, "file path"),
            &tz,
        )?;
        let defaults = self.defaults.all(&rel, &collection.label);
        merge_data(&mut data, defaults, (&rel, "front matter defaults"), &tz)?;
        merge_data(&mut data, front, (&rel, "YAML front matter"), &tz)?;
        let ext = crate::static_file::extname(&name).to_string();
        self.populate_title(&mut data, &rel, &name, &ext, &tz)?;
        populate_categories_and_tags(&mut data);
        let future = self.config.get("future").is_some_and(Value::is_truthy);
        let (date, sort_date) = match data.get("date") {
            Some(Value::Time(t)) => ((**t).clone(), Some(t.timestamp())),
            _ if draft => {
                let mtime = self.config.mtime(path).to_zoned_datetime(tz.clone());
                let known = (!future).then(|| mtime.timestamp());
                (mtime, known)
            }
            _ => (self.config.now.clone(), None),
        };
        data.insert("date".into(), Value::Time(date.clone().into()));
        let mut doc = Document {
            collection: collection.label.clone(),
            cleaned_relative_path: cleaned_relative_path(
                &rel,
                &ext,
                &collection.relative_directory,
            ),
            basename_without_ext: name[..name.len() - ext.len()].to_string(),
            relative_path: rel,
            source_path: path.to_path_buf(),
            source_rel: crate::entry_filter::relative_path(&self.config.source, path),
            basename: name,
            extname: ext,
            data,
            content,
            body_line,
            layout_line,
            date,
            sort_date,
            draft,
            output_ext: String::new(),
            url: String::new(),
            write: collection.write(),
        };
        self.resolve_url(&mut doc, collection)?;
        Ok(doc)
    }

    /// `Document#populate_title`: the date and slug of a dated file name,
    /// then `title`, `slug` and `ext` unless the data has them.
    fn populate_title(
        &self,
        data: &mut Map,
        rel: &str,
        name: &str,
        ext: &str,
        tz: &TimeZone,
    ) -> Result<()> {
        let (date, slug) = match crate::collection_reader::DATE_FILENAME.captures(rel) {
            Some(c) => (Some(c[1].to_string()), c[2].to_string()),
            None => match crate::collection_reader::DATELESS_FILENAME.captures(rel) {
                Some(c) => (None, c[1].to_string()),
                None => (None, name[..name.len() - ext.len()].to_string()),
            },
        };
        if let Some(date) = date {
            let now = self.config.now.timestamp().as_second();
            let keep = matches!(data.get("date"), Some(Value::Time(t)) if t.timestamp().as_second() != now);
            if !keep {
                let parsed = Map::from_iter([("date".into(), Value::from(date))]);
                merge_data(data, parsed, (rel, "filename"), tz)?;
            }
        }
        let slug = slug.trim_end_matches('.').to_string();
        let missing = |data: &Map, key: &str| data.get(key).is_none_or(|v| !v.is_truthy());
        if missing(data, "title") {
            data.insert("title".into(), Value::from(titleize_slug(&slug)));
        }
        if missing(data, "slug") {
            data.insert("slug".into(), Value::from(slug));
        }
        if missing(data, "ext") {
            data.insert("ext".into(), Value::from(ext));
        }
        Ok(())
    }

    fn resolve_url(&self, doc: &mut Document, collection: &Collection) -> Result<()> {
        let output_ext = crate::page::permalink_ext(doc.permalink())
            .unwrap_or_else(|| crate::converter::output_ext(&doc.extname, self.config).to_string());
        doc.output_ext = output_ext;
        let style = self
            .config
            .get("permalink")
            .and_then(scalar_string)
            .unwrap_or_else(|| "date".into());
        let template = collection.url_template(&style);
        doc.url = doc
            .compute_url(&template)
            .map_err(|e| Error::Fatal(format!("{}: {e}", doc.relative_path)))?;
        Ok(())
    }
}

/// `Document#merge_data!`: categories given as a string are split and
/// joined to those already there; a `date` is parsed into a time.
/// `source` names where the values come from, for Jekyll's date error
/// ("YAML front matter", "filename"…).
fn merge_data(data: &mut Map, mut other: Map, at: (&str, &str), tz: &TimeZone) -> Result<()> {
    let (rel, source) = at;
    if let Some(cats) = other.get("categories").filter(|v| !v.is_nil()).cloned() {
        let mut merged = match cats {
            Value::Str(s) => split_words(&s),
            Value::Array(a) => a.to_vec(),
            other => vec![other],
        };
        if let Some(Value::Array(existing)) = data.get("categories") {
            merged = union(existing, &merged);
        }
        other.insert("categories".into(), Value::array(merged));
    }
    *data = deep_merge(data, &other);
    if let Some(date) = data.get("date").cloned() {
        let parsed = crate::utils::parse_date(&date, tz).ok_or_else(|| {
            Error::Fatal(format!(
                "Invalid date '{}': Document '{rel}' does not have a valid date in the {source}.",
                date.to_s()
            ))
        })?;
        data.insert("date".into(), Value::Time(parsed.into()));
    }
    Ok(())
}

/// `Document#categories_from_path`: the directories above `_posts` (or the
/// special directory).
fn categories_from_path(rel: &str, special: &str, name: &str) -> Value {
    if rel.starts_with(special) {
        return Value::array(Vec::new());
    }
    let above = rel.find(special).map_or(rel, |i| &rel[..i]);
    let dirs = above
        .split('/')
        .filter(|c| !c.is_empty() && *c != special && *c != name)
        .map(Value::from)
        .collect();
    Value::array(dirs)
}

/// `populate_categories` and `populate_tags`.
fn populate_categories_and_tags(data: &mut Map) {
    let mut cats: Vec<Value> = match data.get("categories") {
        Some(Value::Array(a)) => a.to_vec(),
        Some(Value::Nil) | None => Vec::new(),
        Some(other) => vec![other.clone()],
    };
    cats.extend(pluralized_array(data, "category", "categories"));
    let strings: Vec<Value> = cats.iter().map(|c| Value::from(c.to_s())).collect();
    data.insert("categories".into(), Value::array(union(&[], &strings)));
    let tags = pluralized_array(data, "tag", "tags");
    data.insert("tags".into(), Value::array(tags));
}

/// Ruby's `a | b`: the elements of both, first occurrences only.
fn union(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in a.iter().chain(b) {
        if !out.iter().any(|o| o.ruby_eq(v)) {
            out.push(v.clone());
        }
    }
    out
}

fn split_words(s: &str) -> Vec<Value> {
    s.split_whitespace().map(Value::from).collect()
}

/// `Document#cleaned_relative_path`.
fn cleaned_relative_path(rel: &str, ext: &str, relative_directory: &str) -> String {
    let without_ext = &rel[..rel.len() - ext.len()];
    let cleaned = without_ext.replacen(relative_directory, "", 1);
    cleaned.trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_come_from_the_directories_above_posts() {
        let cases = [
            ("_posts/2023-01-01-a.md", "_posts", vec![]),
            (
                "blog/news/_posts/2023-01-01-a.md",
                "_posts",
                vec!["blog", "news"],
            ),
            ("blog/_posts/sub/2023-01-01-a.md", "_posts", vec!["blog"]),
            ("_drafts/a.md", "_drafts", vec![]),
        ];
        for (rel, special, want) in cases {
            let got = categories_from_path(rel, special, "2023-01-01-a.md");
            let got: Vec<String> = got
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            assert_eq!(got, want, "{rel}");
        }
    }

    #[test]
    fn cleaned_paths() {
        let cases = [
            ("_posts/2023-01-01-a.md", ".md", "_posts", "/2023-01-01-a"),
            ("_docs/guide/intro.md", ".md", "_docs", "/guide/intro"),
            ("blog/_posts/x.md", ".md", "_posts", "blog//x"),
        ];
        for (rel, ext, dir, want) in cases {
            assert_eq!(cleaned_relative_path(rel, ext, dir), want);
        }
    }
}
