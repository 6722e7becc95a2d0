//! The `_data` directory into `site.data`, as Jekyll 4.3's
//! `lib/jekyll/readers/data_reader.rb` does it:
//! - entries are `Dir["*.{yaml,yml,json,csv,tsv}"]` (each extension group in
//!   that order, sorted by bytes within a group, extensions case-sensitive) then
//!   the subdirectories `Dir["*"]` (sorted); names starting with `.` are never
//!   matched, names starting with `_` are read;
//! - a subdirectory becomes a nested hash, a file's key is its name without the
//!   last extension, both through `sanitize_filename`; a later entry with the same
//!   key replaces the earlier one's value but keeps its place (Ruby hashes);
//! - `.yml`, `.yaml` *and* `.json` go through SafeYAML (so JSON's `1e3` is the
//!   string "1e3", as in Jekyll); a file with no YAML document gives `false`;
//! - `.csv`/`.tsv` through Ruby's CSV with the `csv_reader`/`tsv_reader`
//!   settings (headers on by default: an array of hashes).
//!
//! Jekyll stops the build on any error here; errors name the file relative to
//! the site source and the line.

mod csv_reader;

pub use self::csv_reader::CsvOptions;
use crate::liquid::{Map, Value};
use crate::yaml;
use std::path::{Path, PathBuf};

/// The reader settings taken from the site configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataOptions {
    pub csv: CsvOptions,
    pub tsv: CsvOptions,
}

impl DataOptions {
    /// `read_config("csv_reader")` / `read_config("tsv_reader")`: the keys
    /// `csv_converters` (a list of names) and `headers` (default true).
    pub fn from_config(config: &Map) -> DataOptions {
        DataOptions {
            csv: csv_options(config.get("csv_reader")),
            tsv: csv_options(config.get("tsv_reader")),
        }
    }
}

fn csv_options(section: Option<&Value>) -> CsvOptions {
    let section = section.and_then(Value::as_hash);
    let get = |key: &str| section.and_then(|s| s.get(key));
    let converters = get("csv_converters")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(|n| n.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let headers = get("headers").is_none_or(Value::is_truthy);
    CsvOptions {
        converters,
        headers,
    }
}

/// A data file Jekyll could not read.
#[derive(thiserror::Error, Debug)]
pub enum DataError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: invalid byte sequence in UTF-8")]
    Encoding { path: String },
    #[error("YAML Exception reading {path}: {message} at line {line} column {column}")]
    Yaml {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("Error reading {path} (line {line}): {message}")]
    Csv {
        path: String,
        line: usize,
        message: String,
    },
}

/// `DataReader#read(data_dir)` with the default CSV settings.
pub fn read_data(dir: &Path, site_source: &Path) -> Result<Map, DataError> {
    read_data_with(dir, site_source, &DataOptions::default())
}

/// `DataReader#read(data_dir)`. A missing directory gives an empty hash.
pub fn read_data_with(
    dir: &Path,
    site_source: &Path,
    options: &DataOptions,
) -> Result<Map, DataError> {
    let reader = DataReader {
        site_source,
        options,
        confine: false,
    };
    let mut data = Map::new();
    reader.read_data_to(dir, &mut data)?;
    Ok(data)
}

/// A gem theme's `_data` (`Reader#read_data` with `in_theme_dir`): the same
/// reading, but entries that resolve outside the theme root are skipped.
pub fn read_theme_data(
    dir: &Path,
    theme_root: &Path,
    options: &DataOptions,
) -> Result<Map, DataError> {
    let reader = DataReader {
        site_source: theme_root,
        options,
        confine: true,
    };
    let mut data = Map::new();
    reader.read_data_to(dir, &mut data)?;
    Ok(data)
}

struct DataReader<'a> {
    site_source: &'a Path,
    options: &'a DataOptions,
    /// Skip entries whose real path is outside `site_source` (themes).
    confine: bool,
}

impl DataReader<'_> {
    fn read_data_to(&self, dir: &Path, data: &mut Map) -> Result<(), DataError> {
        if !dir.is_dir() {
            return Ok(());
        }
        for (name, path) in self.entries(dir)? {
            if path.is_dir() {
                let mut sub = Map::new();
                self.read_data_to(&path, &mut sub)?;
                data.insert(sanitize_filename(&name), Value::hash(sub));
            } else {
                let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                data.insert(sanitize_filename(stem), self.read_data_file(&path)?);
            }
        }
        Ok(())
    }

    /// The two globs of `read_data_to`, in Jekyll's order.
    fn entries(&self, dir: &Path) -> Result<Vec<(String, PathBuf)>, DataError> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map_err(|source| self.io_error(dir, source))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| !name.starts_with('.'))
            .filter(|name| !self.confine || self.inside(&dir.join(name)))
            .collect();
        names.sort();
        let mut entries = Vec::new();
        for ext in ["yaml", "yml", "json", "csv", "tsv"] {
            let suffix = format!(".{ext}");
            entries.extend(names.iter().filter(|n| n.ends_with(&suffix)).cloned());
        }
        entries.extend(names.into_iter().filter(|n| dir.join(n).is_dir()));
        Ok(entries
            .into_iter()
            .map(|name| {
                let path = dir.join(&name);
                (name, path)
            })
            .collect())
    }

    /// `read_data_file`: CSV/TSV by extension, everything else through SafeYAML.
    fn read_data_file(&self, path: &Path) -> Result<Value, DataError> {
        let bytes = std::fs::read(path).map_err(|source| self.io_error(path, source))?;
        let text = String::from_utf8(bytes).map_err(|_| DataError::Encoding {
            path: self.relative(path),
        })?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let csv = match ext.as_str() {
            "csv" => Some((',', &self.options.csv)),
            "tsv" => Some(('\t', &self.options.tsv)),
            _ => None,
        };
        match csv {
            // Ruby's CSV opens with plain `utf-8`: a BOM stays in the first header.
            Some((sep, opts)) => csv_reader::read(&text, sep, opts).map_err(|e| DataError::Csv {
                path: self.relative(path),
                line: e.line,
                message: e.message,
            }),
            None => match yaml::load(&text) {
                Ok(value) => Ok(value.unwrap_or(Value::Bool(false))),
                Err(e) => Err(DataError::Yaml {
                    path: self.relative(path),
                    line: e.line,
                    column: e.column,
                    message: e.message,
                }),
            },
        }
    }

    fn inside(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|real| real.starts_with(self.site_source))
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(self.site_source)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    fn io_error(&self, path: &Path, source: std::io::Error) -> DataError {
        DataError::Io {
            path: self.relative(path),
            source,
        }
    }
}

/// `DataReader#sanitize_filename`:
/// `name.gsub(/[^\w\s-]+|(?<=^|\b\s)\s+(?=$|\s?\b)/, "").gsub(/\s+/, "_")`.
/// `\w` is ASCII there, while `\b` counts any Unicode letter or digit as a word
/// character (as Ruby's Onigmo does).
pub fn sanitize_filename(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut kept = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_ascii_word(chars[i]) && !is_space(chars[i]) && chars[i] != '-' {
            while i < chars.len()
                && !is_ascii_word(chars[i])
                && !is_space(chars[i])
                && chars[i] != '-'
            {
                i += 1;
            }
            continue;
        }
        if let Some(end) = removable_space_run(&chars, i) {
            i = end;
            continue;
        }
        kept.push(chars[i]);
        i += 1;
    }
    collapse_spaces(&kept)
}

/// The second alternative at `i`: `(?<=^|\b\s)\s+(?=$|\s?\b)`, greedy `\s+`
/// backing off until the lookahead holds. Returns where the match ends.
fn removable_space_run(chars: &[char], i: usize) -> Option<usize> {
    let at_line_start = i == 0 || chars[i - 1] == '\n';
    let after_boundary_space = i >= 1 && is_space(chars[i - 1]) && boundary(chars, i - 1);
    if !(at_line_start || after_boundary_space) {
        return None;
    }
    let run = chars[i..].iter().take_while(|c| is_space(**c)).count();
    (1..=run).rev().map(|len| i + len).find(|&k| {
        k == chars.len()
            || chars[k] == '\n'
            || boundary(chars, k)
            || (is_space(chars[k]) && boundary(chars, k + 1))
    })
}

/// `\b` between `chars[p - 1]` and `chars[p]`.
fn boundary(chars: &[char], p: usize) -> bool {
    let word = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
    };
    word(p.checked_sub(1)) != word(Some(p))
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if is_space(c) {
            if !in_run {
                out.push('_');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

#[cfg(test)]
mod tests;
