//! Generators run between reading and rendering (lib/jekyll/generator.rb).
//! hyde has jekyll-paginate built in (jekyll-paginate's pagination.rb and
//! pager.rb), active as in Jekyll only when the site lists the plugin.

use crate::config::Config;
use crate::document::Document;
use crate::errors::{Error, Result};
use crate::liquid::{Map, Value};
use crate::page::Page;
use std::path::Path;

/// `Jekyll::Paginate::Pager`, without its posts: they are taken from
/// `site.posts` when the page renders, so they are the live documents.
#[derive(Clone, Debug)]
pub struct Pager {
    pub page: usize,
    pub per_page: usize,
    pub total_posts: usize,
    pub total_pages: usize,
    pub previous_page_path: Option<String>,
    pub next_page_path: Option<String>,
}

impl Pager {
    /// `Pager#to_liquid`, with `posts_newest_first` the site's visible posts.
    pub fn to_liquid(&self, posts_newest_first: &[Value]) -> Value {
        let start = (self.page - 1) * self.per_page;
        let end = (start + self.per_page).min(posts_newest_first.len());
        let posts = posts_newest_first
            .get(start..end)
            .unwrap_or_default()
            .to_vec();
        let num = |n: Option<usize>| n.map_or(Value::Nil, |n| Value::Int(n as i64));
        let path = |p: &Option<String>| p.as_deref().map_or(Value::Nil, Value::from);
        let previous = (self.page != 1).then(|| self.page - 1);
        let next = (self.page != self.total_pages).then(|| self.page + 1);
        let mut map = Map::new();
        map.insert("page".into(), Value::Int(self.page as i64));
        map.insert("per_page".into(), Value::Int(self.per_page as i64));
        map.insert("posts".into(), Value::array(posts));
        map.insert("total_posts".into(), Value::Int(self.total_posts as i64));
        map.insert("total_pages".into(), Value::Int(self.total_pages as i64));
        map.insert("previous_page".into(), num(previous));
        map.insert("previous_page_path".into(), path(&self.previous_page_path));
        map.insert("next_page".into(), num(next));
        map.insert("next_page_path".into(), path(&self.next_page_path));
        Value::hash(map)
    }
}

/// The posts pagination lists: newest first, without `hidden` ones.
pub fn visible_posts(posts_newest_first: &[Value]) -> Vec<Value> {
    let hidden = |p: &&Value| p.get("hidden").is_some_and(Value::is_truthy);
    posts_newest_first
        .iter()
        .filter(|p| !hidden(p))
        .cloned()
        .collect()
}

/// `Pagination#generate`: the template page gets the first pager, and a copy
/// of it is added for every further page of posts.
pub fn paginate(config: &Config, pages: &mut Vec<Page>, posts: &[Document]) -> Result<()> {
    let Some(per_page) = paginate_setting(config) else {
        return Ok(());
    };
    if pages.is_empty() {
        return Ok(());
    }
    let Some(template) = template_page(config, pages) else {
        crate::logger::warn(
            "Pagination:",
            "Pagination is enabled, but I couldn't find an index.html page to use as the pagination template. Skipping pagination.",
        );
        return Ok(());
    };
    let total_posts = posts
        .iter()
        .filter(|d| !d.data.get("hidden").is_some_and(Value::is_truthy))
        .count();
    let total_pages = total_posts.div_ceil(per_page);
    let first_url = pages[template].url.clone();
    let format = crate::utils::scalar_string(config.get("paginate_path").unwrap_or(&Value::Nil))
        .unwrap_or_default();
    let path = |n: usize| paginate_path(&format, &first_url, n);
    for num in 1..=total_pages {
        let pager = Pager {
            page: num,
            per_page,
            total_posts,
            total_pages,
            previous_page_path: (num > 1).then(|| path(num - 1)).transpose()?,
            next_page_path: (num < total_pages).then(|| path(num + 1)).transpose()?,
        };
        if num == 1 {
            pages[template].pager = Some(pager);
        } else {
            let mut page = pages[template].clone();
            page.pager = Some(pager);
            page.relocate(&path(num)?);
            pages.push(page);
        }
    }
    Ok(())
}

/// The plugins hyde has built in (Jekyll loads them when they are listed).
const BUILT_IN: &[&str] = &["jekyll-paginate"];

/// The plugins the config lists (`plugins`, or the older `gems`).
fn listed_plugins(config: &Config) -> Vec<String> {
    ["plugins", "gems"]
        .iter()
        .filter_map(|key| config.get(key).and_then(Value::as_array))
        .flatten()
        .map(Value::to_s)
        .collect()
}

/// Jekyll stops when a listed plugin is not installed; hyde builds on
/// without the plugins it does not have, and says so.
pub fn warn_unsupported_plugins(config: &Config) {
    for name in listed_plugins(config) {
        if !BUILT_IN.contains(&name.as_str()) {
            crate::logger::warn(
                "Plugin:",
                &format!("{name} is not built into hyde; the site is built without it."),
            );
        }
    }
}

/// `paginate: N` counts only when the plugin is listed, as Jekyll loads it.
fn paginate_setting(config: &Config) -> Option<usize> {
    let listed = listed_plugins(config)
        .iter()
        .any(|p| p == "jekyll-paginate");
    let n = config.get("paginate").filter(|v| !v.is_nil())?.to_i();
    (listed && n > 0).then_some(n as usize)
}

/// `Pagination.template_page`: among the `index.html` pages inside the
/// hierarchy of `paginate_path`'s directory, the one with the longest path.
fn template_page(config: &Config, pages: &[Page]) -> Option<usize> {
    let format = crate::utils::scalar_string(config.get("paginate_path")?)?;
    let paginate_dir = Path::new(format.trim_start_matches('/'))
        .parent()?
        .to_path_buf();
    let candidates = pages.iter().enumerate().filter(|(_, p)| {
        let page_dir = Path::new(&p.path())
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        p.name == "index.html" && paginate_dir.starts_with(&page_dir)
    });
    let mut best: Option<(usize, usize)> = None;
    for (i, page) in candidates {
        let len = page.path().len();
        if best.is_none_or(|(_, l)| len > l) {
            best = Some((i, len));
        }
    }
    best.map(|(i, _)| i)
}

/// `Pager.paginate_path`: the first page's URL, or `paginate_path` with the
/// number, with a leading slash.
fn paginate_path(format: &str, first_url: &str, num: usize) -> Result<String> {
    if num <= 1 {
        return Ok(first_url.to_string());
    }
    if !format.contains(":num") {
        return Err(Error::Fatal(format!(
            "Invalid pagination path: '{format}'. It must include ':num'."
        )));
    }
    let path = format.replacen(":num", &num.to_string(), 1);
    Ok(if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let cases = [
            ("/page:num", "/", 1, "/"),
            ("/page:num", "/", 2, "/page2"),
            ("blog/page:num/", "/blog/", 3, "/blog/page3/"),
        ];
        for (format, first, num, want) in cases {
            assert_eq!(paginate_path(format, first, num).unwrap(), want);
        }
        assert!(paginate_path("/page", "/", 2).is_err());
    }
}
