//! Compare two built sites file by file, a port of `tools/sitediff.py`: each file of the
//! reference is identical (same bytes), equivalent (same document once normalized: HTML/XML
//! as token streams, CSS without comments and insignificant whitespace, JSON parsed, source
//! maps by version, file and source names), different, or missing from the candidate; files
//! only in the candidate are extra. Differences come with a unified diff of the normalized
//! forms, as sitediff prints them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;

use super::html_tokens::{html_tokens, is_py_space};
use super::pyjson;
use super::unified_diff::unified_diff;

const HTML_EXT: [&str; 7] = [".html", ".htm", ".xml", ".xhtml", ".svg", ".rss", ".atom"];
const CSS_EXT: [&str; 1] = [".css"];
const JSON_EXT: [&str; 2] = [".json", ".webmanifest"];
const MAP_EXT: [&str; 1] = [".map"];
/// sitediff keeps the first 60 lines of each diff.
const DIFF_LINES: usize = 60;

/// The verdicts for every file of two trees (relative paths, sorted).
#[derive(Debug, Default)]
pub struct Comparison {
    pub identical: Vec<String>,
    pub equivalent: Vec<String>,
    pub different: Vec<String>,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
    pub diffs: BTreeMap<String, Vec<String>>,
}

impl Comparison {
    /// True when every reference file is identical or equivalent and nothing is extra.
    pub fn is_match(&self) -> bool {
        self.different.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }

    /// The report sitediff prints: one line per missing/extra/different file, then the diffs.
    pub fn report(&self) -> String {
        let mut lines = Vec::new();
        lines.extend(self.missing.iter().map(|r| format!("missing    {r}")));
        lines.extend(self.extra.iter().map(|r| format!("extra      {r}")));
        lines.extend(self.different.iter().map(|r| format!("different  {r}")));
        for rel in &self.different {
            lines.extend(self.diffs.get(rel).into_iter().flatten().cloned());
        }
        lines.join("\n")
    }
}

/// `sitediff.compare(reference, candidate)`.
pub fn compare(reference: &Path, candidate: &Path) -> std::io::Result<Comparison> {
    let (reference, candidate) = (tree(reference)?, tree(candidate)?);
    let mut result = Comparison {
        extra: candidate
            .keys()
            .filter(|k| !reference.contains_key(*k))
            .cloned()
            .collect(),
        ..Comparison::default()
    };
    for (rel, ref_path) in &reference {
        let Some(cand_path) = candidate.get(rel) else {
            result.missing.push(rel.clone());
            continue;
        };
        let (a, b) = (fs::read(ref_path)?, fs::read(cand_path)?);
        if a == b {
            result.identical.push(rel.clone());
            continue;
        }
        let (na, nb) = (normalize(rel, &a), normalize(rel, &b));
        if na.is_some() && na == nb {
            result.equivalent.push(rel.clone());
            continue;
        }
        result.different.push(rel.clone());
        let diff = match (na, nb) {
            (Some(na), Some(nb)) => {
                let mut d = unified_diff(
                    &na,
                    &nb,
                    &format!("reference/{rel}"),
                    &format!("candidate/{rel}"),
                    2,
                );
                d.truncate(DIFF_LINES);
                d
            }
            _ => vec!["binary or undecodable content differs".to_string()],
        };
        result.diffs.insert(rel.clone(), diff);
    }
    Ok(result)
}

/// Every file under `root` by relative path, like sitediff's `os.walk`: symlinked files are
/// read through, symlinked directories are listed but not entered.
fn tree(root: &Path) -> std::io::Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            let is_real_dir = fs::symlink_metadata(&path)?.is_dir();
            if is_real_dir {
                stack.push(path);
            } else if !path.is_dir() {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                files.insert(rel.to_string_lossy().replace('\\', "/"), path);
            }
        }
    }
    Ok(files)
}

/// `sitediff.normalize`: lines that stand for the file's meaning, or None.
pub fn normalize(path: &str, data: &[u8]) -> Option<Vec<String>> {
    let ext = extension(path);
    let text = std::str::from_utf8(data).ok()?;
    if HTML_EXT.contains(&ext.as_str()) {
        return Some(html_tokens(text));
    }
    if CSS_EXT.contains(&ext.as_str()) {
        return Some(css_norm(text));
    }
    if MAP_EXT.contains(&ext.as_str()) {
        return source_map_norm(text);
    }
    if JSON_EXT.contains(&ext.as_str()) {
        let value = pyjson::parse(text)?;
        return Some(
            pyjson::dumps_sorted(&value)
                .lines()
                .map(String::from)
                .collect(),
        );
    }
    Some(
        split_lines(text.trim_matches(is_py_space))
            .into_iter()
            .map(|l| l.trim_end_matches(is_py_space).to_string())
            .collect(),
    )
}

/// `os.path.splitext(path)[1].lower()`: leading dots of the file name do not start an extension.
fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem_start = name.len() - name.trim_start_matches('.').len();
    match name[stem_start..].rfind('.') {
        Some(dot) => name[stem_start + dot..].to_lowercase(),
        None => String::new(),
    }
}

/// `sitediff.css_norm`.
pub fn css_norm(text: &str) -> Vec<String> {
    static COMMENT: OnceLock<Regex> = OnceLock::new();
    static PUNCT: OnceLock<Regex> = OnceLock::new();
    let comment = COMMENT.get_or_init(|| Regex::new(r"(?s)/\*.*?\*/").expect("valid regex"));
    // After whitespace runs became one space, `\s*` around punctuation is at most one space.
    let punct = PUNCT.get_or_init(|| Regex::new(r" ?([{};:,>+~]) ?").expect("valid regex"));
    let text = comment.replace_all(text, "");
    let text = squeeze_ws(&text);
    let text = punct.replace_all(&text, "$1").replace(";}", "}");
    text.trim_matches(is_py_space)
        .split('}')
        .map(String::from)
        .collect()
}

/// `re.sub(r"\s+", " ", text)` (no stripping).
fn squeeze_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_ws = false;
    for c in text.chars() {
        if is_py_space(c) {
            if !in_ws {
                out.push(' ');
            }
            in_ws = true;
        } else {
            out.push(c);
            in_ws = false;
        }
    }
    out
}

/// A source map compared by version, file and the base names of its sources.
fn source_map_norm(text: &str) -> Option<Vec<String>> {
    let value = pyjson::parse(text)?;
    let map = value.as_object()?;
    let field = |k: &str| {
        map.get(k)
            .map_or_else(|| "None".to_string(), pyjson::py_str)
    };
    let mut lines = vec![
        format!("version {}", field("version")),
        format!("file {}", field("file")),
    ];
    let mut sources: Vec<String> = match map.get("sources") {
        None => Vec::new(),
        Some(list) => list
            .as_array()?
            .iter()
            .map(|s| {
                s.as_str()
                    .map(|s| s.rsplit('/').next().unwrap_or(s).to_string())
            })
            .collect::<Option<_>>()?,
    };
    sources.sort();
    lines.extend(sources);
    Some(lines)
}

/// Python's `str.splitlines()` (no line ends kept).
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !is_break {
            continue;
        }
        lines.push(&text[start..i]);
        start = i + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            chars.next();
            start += 1;
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

#[cfg(test)]
#[path = "sitediff_tests.rs"]
mod tests;
