//! A document of a collection, posts included (lib/jekyll/document.rb). Data
//! only: `collection_reader` reads it and resolves its date, title, slug,
//! categories, tags and URL once; the renderer fills its output.

use crate::liquid::{Map, Value};
use crate::url;
use crate::utils::slugify;
use jiff::ZonedDateTime;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Document {
    /// The collection's label (`posts`, `docs`…).
    pub collection: String,
    /// Path relative to the collections directory (`_posts/2023-01-02-a.md`).
    pub relative_path: String,
    pub source_path: PathBuf,
    /// Path relative to the site source (`collections_dir` included).
    pub source_rel: String,
    /// The file name with its extension.
    pub basename: String,
    pub basename_without_ext: String,
    pub extname: String,
    /// `Document#cleaned_relative_path`: the `:path` placeholder.
    pub cleaned_relative_path: String,
    /// Defaults, front matter and the derived keys (`date`, `slug`, `title`…).
    pub data: Map,
    pub content: String,
    pub body_line: usize,
    pub layout_line: Option<usize>,
    pub date: ZonedDateTime,
    /// The date as Jekyll's sort sees it: unknown (`nil`) for a document
    /// whose date was never set by its data or file name and not yet looked
    /// up (undated collection documents; drafts under `--future`).
    pub sort_date: Option<jiff::Timestamp>,
    pub draft: bool,
    pub output_ext: String,
    pub url: String,
    /// Whether the collection writes its documents (`output: true`).
    pub write: bool,
}

impl Document {
    pub fn permalink(&self) -> Option<&str> {
        self.data.get("permalink").and_then(Value::as_str)
    }

    /// `Document#url`: the permalink, else the collection's template.
    pub fn compute_url(&self, template: &str) -> Result<String, String> {
        let placeholders = self.url_placeholders();
        url::generate_from_drop(self.permalink().unwrap_or(template), &placeholders)
    }

    /// `Drops::UrlDrop`: every placeholder a document's permalink may use.
    pub fn url_placeholders(&self) -> Vec<(&'static str, String)> {
        let data_slug = self.data.get("slug").and_then(crate::utils::scalar_string);
        let base = data_slug.as_deref().unwrap_or(&self.basename_without_ext);
        let date = |fmt: &str| crate::liquid::filters::date::strftime(&self.date, fmt);
        let mut out = vec![
            ("collection", self.collection.clone()),
            ("path", self.cleaned_relative_path.clone()),
            ("output_ext", self.output_ext.clone()),
            (
                "name",
                slugify(&self.basename_without_ext, "default", false),
            ),
            ("title", slugify(base, "pretty", true)),
            ("slug", slugify(base, "default", false)),
            ("categories", self.categories_path(false)),
            ("slugified_categories", self.categories_path(true)),
        ];
        let dates = [
            ("year", "%Y"),
            ("month", "%m"),
            ("day", "%d"),
            ("hour", "%H"),
            ("minute", "%M"),
            ("second", "%S"),
            ("i_day", "%-d"),
            ("i_month", "%-m"),
            ("short_month", "%b"),
            ("long_month", "%B"),
            ("short_year", "%y"),
            ("w_year", "%G"),
            ("week", "%V"),
            ("w_day", "%u"),
            ("short_day", "%a"),
            ("long_day", "%A"),
            ("y_day", "%j"),
        ];
        out.extend(dates.iter().map(|(k, f)| (*k, date(f))));
        out
    }

    /// `:categories` (lower-cased) or `:slugified_categories`, unique, `/`-joined.
    fn categories_path(&self, slugified: bool) -> String {
        let mut seen: Vec<String> = Vec::new();
        for c in self.categories() {
            let c = if slugified {
                slugify(&c, "default", false)
            } else {
                c.to_lowercase()
            };
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        seen.join("/")
    }

    pub fn categories(&self) -> Vec<String> {
        strings(self.data.get("categories"))
    }

    pub fn tags(&self) -> Vec<String> {
        strings(self.data.get("tags"))
    }

    /// `Document#destination`, relative to the destination directory.
    pub fn destination_rel(&self) -> String {
        let mut path = url::unescape_path(&self.url);
        if path.ends_with('/') {
            path.push_str("index.html");
        } else if !path.ends_with(&self.output_ext) {
            path.push_str(&self.output_ext);
        }
        path.trim_start_matches('/').to_string()
    }

    /// `Document#id`: the URL's directory plus the slug.
    pub fn id(&self) -> String {
        let url = self.url.trim_end_matches('/');
        let dir = match url.rfind('/') {
            Some(0) | None => "/",
            Some(i) => &url[..i],
        };
        let slug = self.data.get("slug").and_then(crate::utils::scalar_string);
        let slug = slug.unwrap_or_else(|| self.basename_without_ext.clone());
        if dir.ends_with('/') {
            format!("{dir}{slug}")
        } else {
            format!("{dir}/{slug}")
        }
    }

    pub fn layout_name(&self) -> Option<String> {
        match self.data.get("layout")? {
            Value::Nil => None,
            v => crate::utils::scalar_string(v),
        }
    }

    /// `Document#excerpt_separator`.
    pub fn excerpt_separator(&self, config: &Map) -> String {
        let own = self
            .data
            .get("excerpt_separator")
            .or_else(|| config.get("excerpt_separator"));
        own.and_then(crate::utils::scalar_string)
            .unwrap_or_default()
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(crate::utils::scalar_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// `Excerpt#extract_excerpt` (Jekyll 4.3.1): the text before the separator;
/// when the separator was found, the closing tag of each block tag opened
/// there whose `end` tag appears nowhere in it, then the link definitions
/// after the separator whose label the excerpt uses.
pub fn extract_excerpt(content: &str, separator: &str) -> String {
    let (head, tail) = match content.find(separator) {
        Some(i) if !separator.is_empty() => (&content[..i], &content[i + separator.len()..]),
        _ => (content, ""),
    };
    if tail.is_empty() {
        return head.to_string();
    }
    let mut head = head.to_string();
    if head.contains("{%") {
        close_liquid_blocks(&mut head);
    }
    let definitions: Vec<String> = tail
        .lines()
        .filter_map(link_reference)
        .filter(|(label, _)| head.contains(label.as_str()))
        .map(|(label, rest)| format!("{label}{rest}"))
        .collect();
    if definitions.is_empty() {
        return head;
    }
    format!("{head}\n\n{}", definitions.join("\n"))
}

/// `Excerpt::LIQUID_TAG_REGEX`.
static LIQUID_TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?s)\{%-?\s*(\w+)\s*.*?-?%\}").expect("valid regex")
});

fn close_liquid_blocks(head: &mut String) {
    let tag = &*LIQUID_TAG;
    let names: Vec<String> = tag.captures_iter(head).map(|c| c[1].to_string()).collect();
    for name in names.iter().rev() {
        if !is_block_tag(name) {
            continue;
        }
        let end = format!(r"(?s)\{{%-?\s*end{}.*?\s*-?%\}}", regex::escape(name));
        if regex::Regex::new(&end).is_ok_and(|re| !re.is_match(head)) {
            head.push_str(&format!("\n{{% end{name} %}}"));
        }
    }
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "if" | "unless"
            | "for"
            | "case"
            | "capture"
            | "comment"
            | "raw"
            | "tablerow"
            | "ifchanged"
            | "highlight"
    )
}

/// `MKDWN_LINK_REF_REGEX` (`^ {0,3}(\[[^\]]+\])(:.+)$`) on one line: the label
/// and the rest.
fn link_reference(line: &str) -> Option<(String, String)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 || !t.starts_with('[') {
        return None;
    }
    let close = t.find(']')?;
    if close < 2 || !t[close + 1..].starts_with(':') || t.len() <= close + 2 {
        return None;
    }
    Some((t[..=close].to_string(), t[close + 1..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts() {
        let cases = [
            ("First para.\n\nSecond.", "\n\n", "First para."),
            ("Only one.", "\n\n", "Only one."),
            (
                "{% if a %}x\n\ny{% endif %}",
                "\n\n",
                "{% if a %}x\n{% endif %}",
            ),
            (
                "{% for i in x %}{% if i %}a\n\nb",
                "\n\n",
                "{% for i in x %}{% if i %}a\n{% endif %}\n{% endfor %}",
            ),
            (
                "See [a].\n\nMore\n[a]: http://x\n[b]: /y\n",
                "\n\n",
                "See [a].\n\n[a]: http://x",
            ),
            ("{% if a %}x", "\n\n", "{% if a %}x"),
            (
                "{% if a %}{% endif %}{% if b %}x\n\ny",
                "\n\n",
                "{% if a %}{% endif %}{% if b %}x",
            ),
            ("Intro<!--more-->Rest", "<!--more-->", "Intro"),
        ];
        for (content, sep, want) in cases {
            assert_eq!(extract_excerpt(content, sep), want, "{content:?}");
        }
    }
}
