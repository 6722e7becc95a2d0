//! Reading a site from its source (lib/jekyll/reader.rb and the page, static
//! file, layout and data readers): a sorted walk through Jekyll's entry
//! filter, splitting files into pages (front matter) and static files; then
//! a gem theme's layouts, assets and data (readers/theme_assets_reader.rb).

use crate::collection::{self, Collection};
use crate::collection_reader::DocumentReader;
use crate::config::Config;
use crate::entry_filter::{EntryFilter, join};
use crate::errors::{Error, Result};
use crate::frontmatter_defaults::FrontmatterDefaults;
use crate::layout::Layout;
use crate::liquid::{Map, Value};
use crate::page::{Page, permalink_ext};
use crate::static_file::{StaticFile, extname};
use crate::utils::deep_merge;
use crate::{converter, data_reader, front_matter, logger};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Everything read from the source.
#[derive(Default)]
pub struct Contents {
    /// `posts` first, then the configured collections.
    pub collections: Vec<Collection>,
    pub pages: Vec<Page>,
    pub static_files: Vec<StaticFile>,
    pub layouts: BTreeMap<String, Layout>,
    pub data: Map,
}

/// `Reader#read`: layouts, then the site's directories, then data.
pub fn read(config: &Config) -> Result<Contents> {
    let filter = EntryFilter::new(config);
    let defaults = FrontmatterDefaults::new(&config.data);
    let mut reader = Reader {
        config,
        filter: &filter,
        defaults: &defaults,
        contents: Contents {
            collections: collection::configured(&config.data),
            ..Contents::default()
        },
        visited: HashSet::new(),
    };
    reader.contents.layouts = read_layouts(config)?;
    reader.read_directory("")?;
    reader.read_included_files()?;
    let mut contents = reader.contents;
    contents.pages.sort_by(|a, b| a.name.cmp(&b.name));
    contents.static_files.sort_by_key(StaticFile::relative_path);
    read_collections(config, &filter, &defaults, &mut contents)?;
    if let Some(theme) = &config.theme {
        read_theme_assets(config, &filter, &defaults, theme, &mut contents)?;
    }
    contents.data = read_data(config)?;
    Ok(contents)
}

/// `Reader#read_data`: the site's `_data`, deep-merged over the theme's.
pub fn read_data(config: &Config) -> Result<Map> {
    let options = data_reader::DataOptions::from_config(&config.data);
    let mut data = Map::new();
    if config.data_dir.is_dir() {
        data = data_reader::read_data_with(&config.data_dir, &config.source, &options)?;
    }
    if let Some(theme) = &config.theme
        && let Some(dir) = &theme.data_path
    {
        let theme_data = data_reader::read_theme_data(dir, &theme.root, &options)?;
        data = deep_merge(&theme_data, &data);
    }
    Ok(data)
}

/// `ThemeAssetsReader#read`: every file below the theme's `assets`, a page
/// when it has front matter, else a static file, unless the site has a file
/// with the same relative path. Symlinked files are skipped with Jekyll's
/// warning; symlinked directories are not entered.
fn read_theme_assets(
    config: &Config,
    filter: &EntryFilter,
    defaults: &FrontmatterDefaults,
    theme: &crate::theme::Theme,
    contents: &mut Contents,
) -> Result<()> {
    let Some(assets) = &theme.assets_path else {
        return Ok(());
    };
    let reader = Reader {
        config,
        filter,
        defaults,
        contents: Contents::default(),
        visited: HashSet::new(),
    };
    for entry in walkdir::WalkDir::new(assets).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Fatal(format!("{}: {e}", assets.display())))?;
        let path = entry.path();
        if path.is_dir() {
            continue;
        }
        if entry.path_is_symlink() {
            logger::warn(
                "Theme reader:",
                &format!("Ignored symlinked asset: {}", path.display()),
            );
            continue;
        }
        let rel = crate::entry_filter::relative_path(&theme.root, path);
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let shadowed = if front_matter::has_front_matter(&bytes) {
            let page = reader.read_page(dir, name, bytes)?;
            let rel = page.relative_path();
            if !contents.pages.iter().any(|p| p.relative_path() == rel) {
                contents.pages.push(page);
                continue;
            }
            rel
        } else {
            let file = reader.static_file(dir, name, path)?;
            let rel = file.relative_path();
            if !contents
                .static_files
                .iter()
                .any(|f| f.relative_path() == rel)
            {
                contents.static_files.push(file);
                continue;
            }
            rel
        };
        logger::debug(
            "Theme:",
            &format!("Ignoring {shadowed} in theme due to existing file with that path in site."),
        );
    }
    Ok(())
}

struct Reader<'a> {
    config: &'a Config,
    filter: &'a EntryFilter,
    defaults: &'a FrontmatterDefaults,
    contents: Contents,
    /// Real paths of directories already read, so symlink loops end.
    visited: HashSet<PathBuf>,
}

impl Reader<'_> {
    /// `Reader#read_directories`, one directory (source-relative) at a time.
    fn read_directory(&mut self, dir: &str) -> Result<()> {
        let base = self.config.source.join(dir);
        let real = base.canonicalize().map_err(|e| Error::io(&base, e))?;
        if !self.visited.insert(real) {
            return Ok(());
        }
        self.read_posts(dir)?;
        for name in sorted_entries(&base)? {
            if !self.filter.keep(dir, &name) {
                continue;
            }
            let path = base.join(&name);
            if path.is_dir() {
                if path != self.config.destination {
                    self.read_directory(&join(dir, &name))?;
                }
            } else {
                self.read_file(dir, &name, &path)?;
            }
        }
        Ok(())
    }

    /// `Reader#retrieve_posts`: `_posts` (and `_drafts`) inside `dir`.
    fn read_posts(&mut self, dir: &str) -> Result<()> {
        let documents = DocumentReader {
            config: self.config,
            filter: self.filter,
            defaults: self.defaults,
        };
        let posts = &self.contents.collections[0];
        let docs = documents.read_posts(dir, posts)?;
        self.contents.collections[0].docs.extend(docs);
        Ok(())
    }

    /// A page when the file starts with front matter, else a static file.
    fn read_file(&mut self, dir: &str, name: &str, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        if front_matter::has_front_matter(&bytes) {
            let page = self.read_page(dir, name, bytes)?;
            if publishable(&page.data, self.config) {
                self.contents.pages.push(page);
            }
        } else {
            let file = self.static_file(dir, name, path)?;
            self.contents.static_files.push(file);
        }
        Ok(())
    }

    fn read_page(&self, dir: &str, name: &str, bytes: Vec<u8>) -> Result<Page> {
        let rel = join(dir, name);
        let (front, body, body_line, layout_line) = parse_document(&rel, bytes)?;
        let data = deep_merge(&self.defaults.all(&rel, "pages"), &front);
        let permalink = Page::lookup(&front, &data, "permalink").and_then(Value::as_str);
        let output_ext = permalink_ext(permalink)
            .unwrap_or_else(|| converter::output_ext(extname(name), self.config).to_string());
        let style =
            crate::utils::scalar_string(self.config.get("permalink").unwrap_or(&Value::Nil))
                .unwrap_or_else(|| "date".into());
        let mut page = Page::new(dir, name, front, data, body, &style, &output_ext);
        page.body_line = body_line;
        page.layout_line = layout_line;
        Ok(page)
    }

    fn static_file(&self, dir: &str, name: &str, path: &Path) -> Result<StaticFile> {
        let modified = self.config.mtime(path);
        let rel = join(dir, name);
        Ok(StaticFile {
            dir: dir.to_string(),
            name: name.to_string(),
            source_path: path.to_path_buf(),
            data: self.defaults.all(&rel, "static_files"),
            modified_time: modified,
            collection: None,
            url: crate::static_file::cleaned_url(&crate::entry_filter::join(dir, name)),
        })
    }

    /// `Reader#read_included_excludes`: files named by path in `include`
    /// that the walk did not reach (e.g. inside an underscored directory).
    fn read_included_files(&mut self) -> Result<()> {
        let seen: HashSet<String> = self
            .contents
            .pages
            .iter()
            .map(Page::relative_path)
            .chain(
                self.contents
                    .static_files
                    .iter()
                    .map(|f| f.destination_rel()),
            )
            .collect();
        for entry in self.config.include.clone() {
            let rel = entry.trim_start_matches('/').to_string();
            let path = self.config.source.join(&rel);
            if !path.is_file() || seen.contains(&rel) || self.filter.symlink_outside(&rel) {
                continue;
            }
            let (dir, name) = match rel.rfind('/') {
                Some(i) => (&rel[..i], &rel[i + 1..]),
                None => ("", rel.as_str()),
            };
            self.read_file(dir, name, &path)?;
        }
        Ok(())
    }
}

/// `CollectionReader#read` for every collection but posts, then each
/// collection's sort, and `limit_posts`.
fn read_collections(
    config: &Config,
    filter: &EntryFilter,
    defaults: &FrontmatterDefaults,
    contents: &mut Contents,
) -> Result<()> {
    let documents = DocumentReader {
        config,
        filter,
        defaults,
    };
    for collection in contents.collections.iter_mut() {
        if collection.label != "posts" {
            documents.read_collection(collection)?;
            contents
                .static_files
                .extend(collection.files.iter().cloned());
        }
        collection.sort_docs();
    }
    let limit = config.get("limit_posts").map_or(0, |v| v.to_i()).max(0) as usize;
    let posts = &mut contents.collections[0].docs;
    if limit > 0 && posts.len() > limit {
        posts.drain(..posts.len() - limit);
    }
    Ok(())
}

/// A page read again after an edit; None when the file is no longer a
/// published page (it lost its front matter, or `published: false`).
pub fn reread_page(config: &Config, dir: &str, name: &str) -> Result<Option<Page>> {
    let filter = EntryFilter::new(config);
    let defaults = FrontmatterDefaults::new(&config.data);
    let reader = Reader {
        config,
        filter: &filter,
        defaults: &defaults,
        contents: Contents::default(),
        visited: HashSet::new(),
    };
    let path = config.source.join(join(dir, name));
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    if !front_matter::has_front_matter(&bytes) {
        return Ok(None);
    }
    let page = reader.read_page(dir, name, bytes)?;
    Ok(publishable(&page.data, config).then_some(page))
}

/// `Publisher#can_be_published?`: `published: false` hides a page or
/// document unless `--unpublished`.
pub fn publishable(data: &Map, config: &Config) -> bool {
    let unpublished = config.get("unpublished").is_some_and(Value::is_truthy);
    unpublished || !matches!(data.get("published"), Some(Value::Bool(false)))
}

/// Splits a file into front matter, body, the body's first line and the line
/// of its `layout:` key.
pub fn parse_document(rel: &str, bytes: Vec<u8>) -> Result<(Map, String, usize, Option<usize>)> {
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Fatal(format!("{rel}: the file is not valid UTF-8")))?;
    match front_matter::split(rel, &text)? {
        Some(fm) => {
            let layout_line = key_line(&text, fm.body_line, "layout");
            Ok((fm.data, fm.body, fm.body_line, layout_line))
        }
        None => Ok((Map::new(), text, 1, None)),
    }
}

/// The file line of a top-level `key:` inside the front matter.
fn key_line(text: &str, body_line: usize, key: &str) -> Option<usize> {
    text.lines()
        .take(body_line.saturating_sub(1))
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// `LayoutReader#read`: every file below `_layouts`, named by its path
/// without extension; then the theme's layouts for the names still free.
pub(crate) fn read_layouts(config: &Config) -> Result<BTreeMap<String, Layout>> {
    let mut layouts = BTreeMap::new();
    read_layouts_in(&config.layouts_dir, &mut layouts, |p| {
        Some(config.relative(p))
    })?;
    if let Some(theme) = &config.theme
        && let Some(dir) = &theme.layouts_path
    {
        // Jekyll names a theme layout by its absolute path (`Layout#path`);
        // a symlink out of the theme root is not read.
        read_layouts_in(dir, &mut layouts, |p| {
            let real = p.canonicalize().ok()?;
            real.starts_with(&theme.root)
                .then(|| p.display().to_string())
        })?;
    }
    Ok(layouts)
}

fn read_layouts_in(
    dir: &Path,
    layouts: &mut BTreeMap<String, Layout>,
    shown: impl Fn(&Path) -> Option<String>,
) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
    {
        let entry = entry.map_err(|e| Error::Fatal(format!("{}: {e}", dir.display())))?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file()
            || crate::entry_filter::is_special(&name)
            || name.ends_with('~')
        {
            continue;
        }
        let rel_in_dir = crate::entry_filter::relative_path(dir, entry.path());
        let key = rel_in_dir[..rel_in_dir.len() - extname(&rel_in_dir).len()].to_string();
        if layouts.contains_key(&key) {
            continue;
        }
        let Some(path) = shown(entry.path()) else {
            continue;
        };
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        let (data, content, body_line, layout_line) = parse_document(&path, bytes)?;
        layouts.insert(
            key.clone(),
            Layout {
                name: key,
                path,
                data,
                content,
                body_line,
                layout_line,
            },
        );
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_layout_key_line() {
        let text = "---\ntitle: x\nlayout: post\n---\nbody\n";
        let cases = [("layout", Some(3)), ("title", Some(2)), ("missing", None)];
        for (key, want) in cases {
            assert_eq!(key_line(text, 5, key), want, "{key}");
        }
    }
}
