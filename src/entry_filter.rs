//! Which directory entries a site reads: Jekyll's EntryFilter
//! (lib/jekyll/entry_filter.rb). Names starting with `.`, `_`, `#` or `~`, or
//! ending in `~`, are skipped unless `include` lists them; `exclude` matches by
//! glob or by path prefix. Unlike Jekyll outside safe mode, hyde never follows a
//! symlink that leads outside the source.

use crate::config::Config;
use regex::Regex;
use std::path::{Path, PathBuf};

/// One `include`/`exclude` entry, kept both as text (for prefix tests) and as
/// a compiled Ruby `File.fnmatch` pattern.
struct Pattern {
    text: String,
    glob: Option<Regex>,
}

pub struct EntryFilter {
    source: PathBuf,
    real_source: PathBuf,
    include: Vec<Pattern>,
    /// `exclude - include`, as Jekyll computes it.
    exclude: Vec<Pattern>,
}

impl EntryFilter {
    pub fn new(config: &Config) -> EntryFilter {
        let exclude = config
            .exclude
            .iter()
            .filter(|e| !config.include.contains(e))
            .map(|e| Pattern::new(e))
            .collect();
        EntryFilter {
            real_source: config
                .source
                .canonicalize()
                .unwrap_or(config.source.clone()),
            source: config.source.clone(),
            include: config.include.iter().map(|e| Pattern::new(e)).collect(),
            exclude,
        }
    }

    /// Whether `name`, found in the source-relative directory `dir`, is read.
    /// `name` may be a relative path (entries of `_posts` and collections):
    /// then its first character and its base name decide if it is special.
    pub fn keep(&self, dir: &str, name: &str) -> bool {
        if name.ends_with('.') {
            return false;
        }
        let rel = join(dir, name);
        let base = name.rsplit('/').next().unwrap_or(name);
        let included = self.matches(&self.include, name) || self.matches(&self.include, base);
        if !included && self.matches(&self.exclude, &rel) {
            return false;
        }
        if self.symlink_outside(&rel) {
            return false;
        }
        included || !(is_special(name) || is_special(base) || name.ends_with('~'))
    }

    /// Whether the source-relative `rel` is excluded (for files listed in
    /// `include` by path, which Jekyll reads separately).
    pub fn excluded(&self, rel: &str) -> bool {
        self.matches(&self.exclude, rel) || self.symlink_outside(rel)
    }

    /// A symlink (or a path through one) whose target lies outside the source.
    pub fn symlink_outside(&self, rel: &str) -> bool {
        let full = self.source.join(rel);
        match full.canonicalize() {
            Ok(real) => !real.starts_with(&self.real_source),
            Err(_) => full.symlink_metadata().is_ok(),
        }
    }

    /// `EntryFilter#glob_include?`: a glob match, a path prefix, or the
    /// pattern naming this directory with a trailing `/`.
    fn matches(&self, patterns: &[Pattern], rel: &str) -> bool {
        let is_dir = self.source.join(rel).is_dir();
        patterns.iter().any(|p| {
            p.glob.as_ref().is_some_and(|g| g.is_match(rel))
                || rel.starts_with(&p.text)
                || (is_dir && p.text == format!("{rel}/"))
        })
    }
}

impl Pattern {
    fn new(text: &str) -> Pattern {
        let text = text.trim_start_matches('/').to_string();
        Pattern {
            glob: fnmatch_regex(&text),
            text,
        }
    }
}

/// Names Jekyll treats as special: leading `.`, `_`, `#` or `~`.
pub fn is_special(name: &str) -> bool {
    name.starts_with(['.', '_', '#', '~'])
}

/// `dir/name`, or `name` at the root.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Ruby's `File.fnmatch(pattern, path)` with no flags: `*` also matches `/`,
/// `?` one character, `[...]` a class, `\` escapes; no braces.
fn fnmatch_regex(pattern: &str) -> Option<Regex> {
    let mut re = String::from("^");
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            '\\' => {
                if let Some(next) = chars.next() {
                    re.push_str(&regex::escape(&next.to_string()));
                }
            }
            '[' => {
                let mut class = String::from("[");
                if matches!(chars.peek(), Some('!') | Some('^')) {
                    chars.next();
                    class.push('^');
                }
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == ']' {
                        closed = true;
                        break;
                    }
                    if c == '\\' || c == '[' {
                        class.push('\\');
                    }
                    class.push(c);
                }
                if !closed {
                    return None;
                }
                class.push(']');
                re.push_str(&class);
            }
            other => re.push_str(&regex::escape(&other.to_string())),
        }
    }
    re.push('$');
    Regex::new(&re).ok()
}

/// The relative path of `path` below `root` with `/` separators.
pub fn relative_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnmatch_like_ruby() {
        let cases = [
            ("*.txt", "a.txt", true),
            ("*.txt", "dir/a.txt", true),
            ("docs/*", "docs/x/y.md", true),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("[ab]x", "bx", true),
            ("[!ab]x", "bx", false),
            ("Gemfile", "Gemfile.lock", false),
        ];
        for (pattern, path, want) in cases {
            let re = fnmatch_regex(pattern).unwrap();
            assert_eq!(re.is_match(path), want, "{pattern} vs {path}");
        }
    }

    #[test]
    fn special_names() {
        for (name, want) in [
            ("_x", true),
            (".x", true),
            ("#x", true),
            ("~x", true),
            ("x", false),
        ] {
            assert_eq!(is_special(name), want, "{name}");
        }
    }
}
