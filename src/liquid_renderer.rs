//! Parsing templates once and serving includes (lib/jekyll/liquid_renderer.rb
//! and lib/jekyll/tags/include.rb): a thread-safe cache of parsed templates,
//! and the `Host` that the Liquid engine asks for includes, Markdown and the
//! configuration.

use crate::config::Config;
use crate::converter::markdown;
use crate::errors::Result;
use crate::liquid::{self, Host, IncludeError, Map, ParseOptions, Template};
use crate::logger;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// Shared by every render of a build.
pub struct LiquidRenderer {
    source: PathBuf,
    real_source: PathBuf,
    /// `Site#includes_load_paths`: the site's `_includes`, then the theme's,
    /// each with the root its files must stay inside.
    includes_dirs: Vec<(PathBuf, PathBuf)>,
    config: Map,
    now: jiff::ZonedDateTime,
    error_mode: liquid::ErrorMode,
    markdown: markdown::Options,
    cache: RwLock<HashMap<String, Arc<Template>>>,
    /// The texts of the includes loaded, for the regenerator's scan.
    include_texts: RwLock<HashMap<String, Arc<str>>>,
    /// Shared with the site, which patches it between rebuilds.
    index: Arc<SiteIndex>,
    /// Render statistics, when `--profile` asks for them.
    pub stats: Option<crate::profiler::Stats>,
}

impl SiteIndex {
    /// `Site#each_site_file` as `link` and `post_url` see it.
    pub fn build(
        collections: &[crate::collection::Collection],
        pages: &[crate::page::Page],
        static_files: &[crate::static_file::StaticFile],
    ) -> SiteIndex {
        let docs = collections.iter().flat_map(|c| &c.docs);
        let mut links: Vec<(String, String)> = docs
            .map(|d| (d.relative_path.clone(), d.url.clone()))
            .collect();
        links.extend(pages.iter().map(|p| (p.relative_path(), p.url.clone())));
        links.extend(
            static_files
                .iter()
                .map(|f| (f.relative_path(), f.url.clone())),
        );
        let posts = collections.first().map_or(&[][..], |c| &c.docs[..]);
        SiteIndex {
            links,
            posts: posts.iter().map(PostEntry::of).collect(),
        }
    }
}

impl PostEntry {
    pub fn of(d: &crate::document::Document) -> PostEntry {
        PostEntry {
            relative_path: d.relative_path.clone(),
            url: d.url.clone(),
            slug: d
                .data
                .get("slug")
                .and_then(crate::utils::scalar_string)
                .unwrap_or_default(),
            date: (d.date.year(), d.date.month(), d.date.day()),
        }
    }
}

/// A post as `post_url` matches it.
pub struct PostEntry {
    pub relative_path: String,
    pub url: String,
    pub slug: String,
    /// The post's date (year, month, day) in the site's zone.
    pub date: (i16, i8, i8),
}

/// What `{% link %}` and `{% post_url %}` look up: every written item's
/// relative path with its URL, and the posts.
#[derive(Default)]
pub struct SiteIndex {
    /// Relative path (static files with their leading `/`) to URL, in
    /// `Site#each_site_file` order: documents, pages, static files.
    pub links: Vec<(String, String)>,
    /// Each post, in collection order.
    pub posts: Vec<PostEntry>,
}

impl LiquidRenderer {
    pub fn new(config: &Config) -> LiquidRenderer {
        let real_source = config
            .source
            .canonicalize()
            .unwrap_or(config.source.clone());
        let mut includes_dirs = vec![(config.includes_dir.clone(), real_source.clone())];
        if let Some(theme) = &config.theme
            && let Some(dir) = &theme.includes_path
        {
            includes_dirs.push((dir.clone(), theme.root.clone()));
        }
        LiquidRenderer {
            real_source,
            source: config.source.clone(),
            includes_dirs,
            config: config.data.clone(),
            now: config.now.clone(),
            error_mode: config.liquid.error_mode,
            markdown: markdown::Options::from_site_config(&config.data),
            cache: RwLock::new(HashMap::new()),
            include_texts: RwLock::new(HashMap::new()),
            index: Arc::default(),
            stats: config
                .get("profile")
                .is_some_and(crate::liquid::Value::is_truthy)
                .then(crate::profiler::Stats::default),
        }
    }

    /// Gives the renderer what `link` and `post_url` look up.
    pub fn with_index(mut self, index: impl Into<Arc<SiteIndex>>) -> LiquidRenderer {
        self.index = index.into();
        self
    }

    /// Parses `source` as the template of `file`, once per file; the body
    /// starts at `body_line` of the file, so errors give file lines.
    pub fn parse(&self, file: &str, source: &str, body_line: usize) -> Result<Arc<Template>> {
        Ok(self.parse_as(file, file, source, body_line)?)
    }

    /// `parse` of a template cached as `key` whose errors name it `name`.
    fn parse_as(
        &self,
        key: &str,
        name: &str,
        source: &str,
        body_line: usize,
    ) -> std::result::Result<Arc<Template>, liquid::Error> {
        if let Some(t) = self.cache.read().ok().and_then(|c| c.get(key).cloned()) {
            return Ok(t);
        }
        let opts = ParseOptions {
            error_mode: self.error_mode,
            line_offset: body_line.saturating_sub(1),
        };
        let template = Arc::new(Template::parse(source, name, &opts)?);
        for warning in template.warnings() {
            logger::warn("Liquid Warning:", &warning.to_string());
        }
        if let Ok(mut cache) = self.cache.write() {
            cache
                .entry(key.to_string())
                .or_insert_with(|| template.clone());
        }
        Ok(template)
    }

    /// Renders a template, counting it under `name` when profiling.
    pub fn render(
        &self,
        template: &Template,
        name: &str,
        globals: Map,
        host: &dyn Host,
        opts: &liquid::RenderOptions,
    ) -> std::result::Result<String, liquid::Error> {
        let Some(stats) = &self.stats else {
            return template.render(globals, host, opts);
        };
        let started = std::time::Instant::now();
        let output = template.render(globals, host, opts)?;
        stats.record(name, output.len(), started.elapsed());
        Ok(output)
    }

    /// A `Host` for rendering the page at `page_path` (source-relative);
    /// `include_relative` resolves against that page's directory, as in Jekyll.
    pub fn host<'a>(&'a self, page_path: &str) -> PageHost<'a> {
        let dir = Path::new(page_path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        PageHost {
            renderer: self,
            page_dir: dir,
            used: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Reads and parses an include found in the first of `dirs` that has
    /// it (`IncludeTag#locate_include_file`), refusing names with `..` and
    /// files that resolve outside the root beside each directory (the site
    /// source, or the theme's root). Its errors name it by its absolute path,
    /// as Jekyll's include tag does (`e.template_name = path`).
    fn load_include(
        &self,
        name: &str,
        dirs: &[(PathBuf, PathBuf)],
        tag: &str,
    ) -> std::result::Result<(Arc<Template>, String), liquid::IncludeError> {
        validate_include_name(name, tag)?;
        for (dir, root) in dirs {
            let path = dir.join(name);
            let rel = crate::entry_filter::relative_path(&self.source, &path);
            if let Some(t) = self.cache.read().ok().and_then(|c| c.get(&rel).cloned()) {
                return Ok((t, rel));
            }
            let inside = path.canonicalize().is_ok_and(|real| real.starts_with(root));
            if !path.is_file() || !inside {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{rel}: {e}"))?;
            let shown = std::path::absolute(&path).unwrap_or(path);
            let template = self.parse_as(&rel, &shown.to_string_lossy(), &text, 1)?;
            if let Ok(mut texts) = self.include_texts.write() {
                texts.insert(rel.clone(), Arc::from(text));
            }
            return Ok((template, rel));
        }
        let listed: Vec<String> = dirs
            .iter()
            .map(|(dir, _)| format!("\"{}\"", dir.display()))
            .collect();
        Err(format!(
            "Could not locate the included file '{name}' in any of [{}]. Ensure it exists in one \
             of those directories and, if it is a symlink, does not point outside your site source.",
            listed.join(", ")
        )
        .into())
    }

    /// The text of an include loaded during this build.
    pub fn include_text(&self, rel: &str) -> Option<Arc<str>> {
        self.include_texts.read().ok()?.get(rel).cloned()
    }
}

/// The engine's view of the site while one page renders. It remembers the
/// includes it loaded, for the regenerator.
pub struct PageHost<'a> {
    renderer: &'a LiquidRenderer,
    page_dir: PathBuf,
    used: std::sync::Mutex<Vec<String>>,
}

impl PageHost<'_> {
    /// The includes loaded so far (source-relative paths).
    pub fn used_includes(&self) -> Vec<String> {
        self.used.lock().map(|u| u.clone()).unwrap_or_default()
    }

    fn record(&self, loaded: (Arc<Template>, String)) -> Arc<Template> {
        if let Ok(mut used) = self.used.lock() {
            used.push(loaded.1);
        }
        loaded.0
    }
}

impl Host for PageHost<'_> {
    fn include(&self, name: &str, _from: &str) -> std::result::Result<Arc<Template>, IncludeError> {
        let r = self.renderer;
        r.load_include(name, &r.includes_dirs, "include")
            .map(|l| self.record(l))
    }

    fn include_relative(
        &self,
        name: &str,
        _from: &str,
    ) -> std::result::Result<Arc<Template>, IncludeError> {
        let r = self.renderer;
        let dir = r.source.join(&self.page_dir);
        r.load_include(name, &[(dir, r.real_source.clone())], "include_relative")
            .map(|l| self.record(l))
    }

    fn markdownify(&self, input: &str) -> String {
        markdown::convert(input, &self.renderer.markdown)
    }

    /// `HighlightBlock#render_rouge`: Rouge's HTML, or with `linenos` its
    /// `HTMLTable` (a gutter of line numbers beside the code).
    fn highlight(&self, code: &str, lang: &str, linenos: bool) -> String {
        use crate::converter::markdown::Highlighter;
        // `HighlightBlock#render`: any highlighter but Rouge (or Pygments,
        // which now means Rouge) gives the escaped code, trimmed.
        let chosen = self
            .renderer
            .config
            .get("highlighter")
            .map(crate::liquid::Value::to_s);
        if !matches!(chosen.as_deref(), None | Some("rouge" | "pygments")) {
            return crate::liquid::filters::string::escape_html(code)
                .trim()
                .to_string();
        }
        let mut source = code.to_string();
        if !source.ends_with('\n') {
            source.push('\n');
        }
        let tokens = crate::converter::highlight::SyntectRouge.highlight(&source, lang);
        if !linenos {
            return tokens;
        }
        let gutter: String = (1..=source.matches('\n').count())
            .map(|i| format!("{i}\n"))
            .collect();
        format!(
            "<table class=\"rouge-table\"><tbody><tr><td class=\"gutter gl\"><pre class=\"lineno\">{gutter}</pre></td><td class=\"code\"><pre>{tokens}</pre></td></tr></tbody></table>"
        )
    }

    fn config(&self) -> &Map {
        &self.renderer.config
    }

    fn now(&self) -> jiff::ZonedDateTime {
        self.renderer.now.clone()
    }

    /// `Jekyll::Tags::Link`: the item whose relative path is `path` (or
    /// `/path`, for static files).
    fn link(&self, path: &str) -> std::result::Result<String, String> {
        let with_slash = format!("/{}", path.trim_start_matches('/'));
        let found = self
            .renderer
            .index
            .links
            .iter()
            .find(|(rel, _)| rel == path || *rel == with_slash);
        found.map(|(_, url)| url.clone()).ok_or_else(|| {
            format!(
                "Could not find document '{path}' in tag 'link'.\n\nMake sure the document exists and the path is correct."
            )
        })
    }

    /// `Jekyll::Tags::PostUrl` with its `PostComparer`: `[dir/]date-slug`
    /// matches `_posts/dir/date-slug.ext` or `dir/_posts/date-slug.ext`.
    fn post_url(&self, name: &str) -> std::result::Result<String, String> {
        let not_found = || {
            format!(
                "Could not find post \"{name}\" in tag 'post_url'.\nMake sure the post exists and the name is correct."
            )
        };
        let parts = POST_NAME
            .captures(name.trim_start_matches('/'))
            .ok_or_else(not_found)?;
        let dir = parts.get(1).map_or("", |m| m.as_str());
        let base = format!(
            r"{}-{}\.[^.]+",
            regex::escape(&parts[2]),
            regex::escape(&parts[3])
        );
        let dir = regex::escape(dir);
        let pattern = format!(r"^_posts/{dir}{base}|^{dir}_posts/?{base}");
        let re = regex::Regex::new(&pattern).map_err(|_| not_found())?;
        let posts = &self.renderer.index.posts;
        if let Some(post) = posts.iter().find(|p| re.is_match(&p.relative_path)) {
            return Ok(post.url.clone());
        }
        // `PostComparer#deprecated_equality`: the slug and the day match.
        let date = parse_ymd(&parts[2]);
        let old = posts
            .iter()
            .find(|p| p.slug == parts[3] && Some(p.date) == date);
        let post = old.ok_or_else(not_found)?;
        crate::logger::warn(
            "Deprecation:",
            &format!(
                "A call to '{{% post_url {name} %}}' did not match a post using the new matching method of \
                 checking name (path-date-slug) equality. Please make sure that you change this tag to match \
                 the post's name exactly."
            ),
        );
        Ok(post.url.clone())
    }
}

fn parse_ymd(date: &str) -> Option<(i16, i8, i8)> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Some((
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    ))
}

/// `PostComparer::MATCHER`.
static POST_NAME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(.+/)*(\d+-\d+-\d+)-(.*)$").expect("valid regex")
});

/// Jekyll's `validate_file_name`: word characters and `/.-()+~#@` only, and
/// no runs of dots or slashes.
fn validate_include_name(name: &str, tag: &str) -> std::result::Result<(), String> {
    let valid_chars = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || "/.-()+~#@".contains(c));
    let bad_sequence = name
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w[0], b'.' | b'/') && matches!(w[1], b'.' | b'/'));
    if valid_chars && !bad_sequence {
        Ok(())
    } else {
        Err(format!(
            "Invalid syntax for {tag} tag. File contains invalid characters or sequences: {name}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_names() {
        let cases = [
            ("nav.html", true),
            ("dir/file.html", true),
            ("a-b_c(1)+~#@.html", true),
            ("../secret", false),
            ("a//b", false),
            ("a/./b", false),
            ("with space.html", false),
            ("", false),
        ];
        for (name, ok) in cases {
            assert_eq!(validate_include_name(name, "include").is_ok(), ok, "{name}");
        }
    }

    /// `IncludeTag#locate_include_file` with a theme: the site's `_includes`
    /// first, then the theme's, whose files may not link out of the theme.
    #[test]
    fn includes_fall_back_to_the_theme() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let (site, root) = (base.join("site"), base.join("theme"));
        let files = [
            ("site/_includes/both.html", "site"),
            ("theme/_includes/both.html", "theme"),
            ("theme/_includes/only.html", "theme only"),
            ("outside.html", "outside"),
        ];
        for (file, text) in files {
            std::fs::create_dir_all(base.join(file).parent().unwrap()).unwrap();
            std::fs::write(base.join(file), text).unwrap();
        }
        let link = root.join("_includes/link.html");
        std::os::unix::fs::symlink(base.join("outside.html"), link).unwrap();
        let mut config = Config::load(&crate::Overrides {
            source: Some(site.clone()),
            ..Default::default()
        })
        .unwrap();
        config.theme = Some(crate::theme::Theme {
            name: "t".into(),
            root: root.clone(),
            includes_path: Some(root.join("_includes")),
            layouts_path: None,
            sass_path: None,
            assets_path: None,
            data_path: None,
        });
        let renderer = LiquidRenderer::new(&config);
        let host = renderer.host("index.html");
        let cases = [
            ("both.html", Ok("site")),
            ("only.html", Ok("theme only")),
            ("link.html", Err(())),
            ("none.html", Err(())),
        ];
        for (name, want) in cases {
            let got = host.include(name, "");
            match want {
                Ok(text) => {
                    assert!(got.is_ok(), "{name}");
                    let rel = host.used_includes().pop().unwrap_or_default();
                    assert_eq!(renderer.include_text(&rel).as_deref(), Some(text), "{name}");
                }
                Err(()) => {
                    let message = match got {
                        Err(IncludeError::Missing(m)) => m,
                        _ => String::new(),
                    };
                    let dirs = format!(
                        "[\"{}\", \"{}\"]",
                        site.join("_includes").display(),
                        root.join("_includes").display()
                    );
                    assert!(message.contains(&dirs), "{name}: {message}");
                }
            }
        }
    }
}
