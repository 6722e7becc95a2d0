//! A file copied byte for byte: anything read without front matter
//! (lib/jekyll/static_file.rb). Data only.

use crate::liquid::Map;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct StaticFile {
    /// Source-relative directory ("" at the root).
    pub dir: String,
    pub name: String,
    /// The absolute source path (read when writing).
    pub source_path: PathBuf,
    /// Front matter defaults that apply to this file.
    pub data: Map,
    pub modified_time: jiff::Timestamp,
    /// The collection the file belongs to, if any.
    pub collection: Option<String>,
    /// `StaticFile#url`: the relative path, or for a collection's file the
    /// collection's permalink template applied to it.
    pub url: String,
}

impl StaticFile {
    /// `StaticFile#relative_path`: `/dir/name`, with a leading slash except
    /// for a collection's files (`_docs/img/a.png`).
    pub fn relative_path(&self) -> String {
        if self.collection.is_some() {
            crate::entry_filter::join(&self.dir, &self.name)
        } else if self.dir.is_empty() {
            format!("/{}", self.name)
        } else {
            format!("/{}/{}", self.dir, self.name)
        }
    }

    /// The path below the destination where the copy goes: next to the URL
    /// for a collection's file, else at its relative path.
    pub fn destination_rel(&self) -> String {
        let rel = match &self.collection {
            Some(_) => {
                let url = crate::url::unescape_path(&self.url);
                let dir = url.rfind('/').map_or("", |i| &url[..i]);
                format!("{dir}/{}", self.name)
            }
            None => self.relative_path(),
        };
        rel.trim_start_matches('/').to_string()
    }

    pub fn extname(&self) -> &str {
        extname(&self.name)
    }

    pub fn basename(&self) -> &str {
        &self.name[..self.name.len() - self.extname().len()]
    }
}

/// `StaticFile#url` outside collections: the relative path with trailing
/// dots of the base name dropped, and a leading `/`.
pub fn cleaned_url(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = extname(name);
    let stem = rel[..rel.len() - ext.len()].trim_end_matches('.');
    format!("/{stem}{ext}")
}

/// Ruby's `File.extname`: the last `.ext`, but not of a dotfile's leading dot.
pub fn extname(name: &str) -> &str {
    match name.rfind('.') {
        Some(0) | None => "",
        Some(i) if i + 1 == name.len() => "",
        Some(i) => &name[i..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extname_like_ruby() {
        let cases = [
            ("a.md", ".md"),
            ("a.tar.gz", ".gz"),
            (".htaccess", ""),
            ("README", ""),
            ("a.", ""),
        ];
        for (name, want) in cases {
            assert_eq!(extname(name), want, "{name}");
        }
    }
}
