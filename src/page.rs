//! A page: a file with front matter outside `_posts` and collections
//! (lib/jekyll/page.rb). Data only: the reader builds it, the renderer fills
//! `output`.

use crate::liquid::{Map, Value};
use crate::url;

/// Extensions whose output is HTML (`Page::HTML_EXTENSIONS`).
const HTML_EXTENSIONS: &[&str] = &[".html", ".xhtml", ".htm"];

#[derive(Clone, Debug)]
pub struct Page {
    /// Source-relative directory ("" at the root).
    pub dir: String,
    pub name: String,
    pub basename: String,
    pub ext: String,
    /// Front matter defaults merged under the page's own front matter, as
    /// `page.*` shows them (`Convertible#to_liquid`).
    pub data: Map,
    /// The page's own front matter. Jekyll looks settings up there first and
    /// in the defaults only for keys it lacks, so an explicit nil wins.
    pub front: Map,
    /// The body after the front matter, before rendering.
    pub content: String,
    /// The file line where `content` starts.
    pub body_line: usize,
    /// The file line of the `layout:` key, when the front matter has one.
    pub layout_line: Option<usize>,
    pub output_ext: String,
    pub url: String,
    /// The paginator of a pagination page (jekyll-paginate).
    pub pager: Option<crate::generator::Pager>,
}

impl Page {
    /// Builds a page and resolves its URL (`Page#url`, `Page#template`).
    pub fn new(
        dir: &str,
        name: &str,
        front: Map,
        data: Map,
        content: String,
        permalink_style: &str,
        output_ext: &str,
    ) -> Page {
        let ext = crate::static_file::extname(name).to_string();
        let basename = name[..name.len() - ext.len()]
            .trim_end_matches('.')
            .to_string();
        let mut page = Page {
            dir: dir.to_string(),
            name: name.to_string(),
            basename,
            ext,
            front,
            data,
            content,
            body_line: 1,
            layout_line: None,
            output_ext: output_ext.to_string(),
            url: String::new(),
            pager: None,
        };
        page.url = page.compute_url(permalink_style);
        page
    }

    pub fn relative_path(&self) -> String {
        crate::entry_filter::join(&self.dir, &self.name)
    }

    /// A setting as Jekyll's `data[key]` finds it: the page's own front
    /// matter when it has the key (even nil), else the defaults.
    pub fn setting(&self, key: &str) -> Option<&Value> {
        Page::lookup(&self.front, &self.data, key)
    }

    /// `setting` before the page exists: `front` is its own front matter,
    /// `data` the defaults merged under it.
    pub fn lookup<'a>(front: &'a Map, data: &'a Map, key: &str) -> Option<&'a Value> {
        match front.get(key) {
            Some(v) => Some(v),
            None => data.get(key),
        }
    }

    /// `page.path`: front matter `path` (`data.fetch`, so never a default),
    /// else the relative path.
    pub fn path(&self) -> String {
        match self.front.get("path").and_then(Value::as_str) {
            Some(p) => p.to_string(),
            None => self.relative_path(),
        }
    }

    pub fn permalink(&self) -> Option<&str> {
        self.setting("permalink").and_then(Value::as_str)
    }

    pub fn is_html(&self) -> bool {
        HTML_EXTENSIONS.contains(&self.output_ext.as_str())
    }

    /// Whether it is one of `site.html_pages` (`Site#html_pages` keeps the
    /// pages whose URL ends in `.html` or `/`).
    pub fn is_html_page(&self) -> bool {
        self.is_html() || self.url.ends_with('/')
    }

    fn compute_url(&self, style: &str) -> String {
        self.compute_url_in(&self.dir, style)
    }

    /// The URL the page would have in source directory `dir`.
    fn compute_url_in(&self, dir: &str, style: &str) -> String {
        let template = if !self.is_html() {
            "/:path/:basename:output_ext".to_string()
        } else if self.basename == "index" {
            "/:path/".to_string()
        } else {
            url::add_permalink_suffix("/:path/:basename", style)
        };
        let dir = if dir.is_empty() {
            String::new()
        } else {
            format!("/{dir}")
        };
        let placeholders = [
            ("path", Some(dir.as_str())),
            ("basename", Some(self.basename.as_str())),
            ("output_ext", Some(self.output_ext.as_str())),
        ];
        url::generate(&template, self.permalink(), &placeholders)
    }

    /// A pagination copy's new place: Jekyll sets its `dir` to the pager's
    /// path, and the URL follows (`/:path/` for an index page).
    pub fn relocate(&mut self, dir: &str) {
        self.url = self.compute_url_in(dir.trim_matches('/'), "date");
    }

    /// `page.dir`: the URL's directory.
    pub fn url_dir(&self) -> String {
        if self.url.ends_with('/') {
            return self.url.clone();
        }
        match self.url.rfind('/') {
            Some(0) | None => "/".to_string(),
            Some(i) => format!("{}/", &self.url[..i]),
        }
    }

    /// `Page#destination`, relative to the destination directory.
    pub fn destination_rel(&self) -> String {
        let mut path = url::unescape_path(&self.url);
        if path.ends_with('/') {
            path.push_str("index");
        }
        if !path.ends_with(&self.output_ext) {
            path.push_str(&self.output_ext);
        }
        path.trim_start_matches('/').to_string()
    }

    /// The layout named in the data, unless it is nil (no layout).
    pub fn layout_name(&self) -> Option<String> {
        match self.setting("layout")? {
            Value::Nil => None,
            v => crate::utils::scalar_string(v),
        }
    }
}

/// `Renderer#permalink_ext`: a permalink's own extension wins over the converter's.
pub fn permalink_ext(permalink: Option<&str>) -> Option<String> {
    let p = permalink?;
    if p.ends_with('/') {
        return None;
    }
    let name = p.rsplit('/').next().unwrap_or(p);
    let ext = crate::static_file::extname(name);
    (!ext.is_empty()).then(|| ext.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(dir: &str, name: &str, permalink: Option<&str>, style: &str, ext: &str) -> Page {
        let mut data = Map::new();
        if let Some(p) = permalink {
            data.insert("permalink".into(), Value::from(p));
        }
        Page::new(dir, name, data.clone(), data, String::new(), style, ext)
    }

    #[test]
    fn urls_and_destinations() {
        let cases = [
            (
                "",
                "about.md",
                None,
                "date",
                ".html",
                "/about.html",
                "about.html",
                "/",
            ),
            (
                "",
                "index.html",
                None,
                "date",
                ".html",
                "/",
                "index.html",
                "/",
            ),
            (
                "docs",
                "index.md",
                None,
                "date",
                ".html",
                "/docs/",
                "docs/index.html",
                "/docs/",
            ),
            (
                "docs",
                "a.md",
                None,
                "pretty",
                ".html",
                "/docs/a/",
                "docs/a/index.html",
                "/docs/a/",
            ),
            (
                "css",
                "s.scss",
                None,
                "pretty",
                ".css",
                "/css/s.css",
                "css/s.css",
                "/css/",
            ),
            (
                "pages",
                "index.md",
                Some("/"),
                "date",
                ".html",
                "/",
                "index.html",
                "/",
            ),
            (
                "",
                "a.md",
                Some("/about"),
                "date",
                ".html",
                "/about",
                "about.html",
                "/",
            ),
            (
                "",
                "feed.xml",
                None,
                "date",
                ".xml",
                "/feed.xml",
                "feed.xml",
                "/",
            ),
        ];
        for (dir, name, permalink, style, ext, url, dest, url_dir) in cases {
            let p = page(dir, name, permalink, style, ext);
            assert_eq!(p.url, url, "{dir}/{name}");
            assert_eq!(p.destination_rel(), dest, "{dir}/{name}");
            assert_eq!(p.url_dir(), url_dir, "{dir}/{name}");
        }
    }

    #[test]
    fn permalink_extension() {
        for (p, want) in [
            (Some("/a.json"), Some(".json")),
            (Some("/a/"), None),
            (Some("/a"), None),
            (None, None),
        ] {
            assert_eq!(permalink_ext(p).as_deref(), want);
        }
    }
}
