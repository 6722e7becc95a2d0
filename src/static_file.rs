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
}

impl StaticFile {
    /// `StaticFile#relative_path`: `/dir/name`, with a leading slash.
    pub fn relative_path(&self) -> String {
        if self.dir.is_empty() {
            format!("/{}", self.name)
        } else {
            format!("/{}/{}", self.dir, self.name)
        }
    }

    /// The path below the destination where the copy goes.
    pub fn destination_rel(&self) -> String {
        self.relative_path().trim_start_matches('/').to_string()
    }

    pub fn extname(&self) -> &str {
        extname(&self.name)
    }

    pub fn basename(&self) -> &str {
        &self.name[..self.name.len() - self.extname().len()]
    }
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
