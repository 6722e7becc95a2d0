//! What each output depends on, for incremental rebuilds (the role of
//! lib/jekyll/regenerator.rb, but correct by construction). An output depends
//! on its source, the layouts of its chain, the includes it loaded, and the
//! parts of the site its templates read. What it reads is found by scanning
//! the template texts, which over-approximates: a template that mentions
//! `site.posts` depends on every post even if the loop never runs.

use crate::liquid_renderer::LiquidRenderer;
use crate::renderer::Rendered;
use crate::site::{Selection, Site};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// The parts of the site a template reads, as bit flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reads(u16);

impl Reads {
    /// Lists of documents: `site.posts`, a collection, categories, tags,
    /// `site.documents`, `site.collections`, `related_posts`, `paginator`.
    pub const DOCS: Reads = Reads(1);
    /// `site.pages`, `site.html_pages`.
    pub const PAGES: Reads = Reads(2);
    pub const STATIC_FILES: Reads = Reads(4);
    pub const DATA: Reads = Reads(8);
    /// `site` as a whole (`{{ site }}`, `site[...]`, `assign s = site`).
    pub const ALL: Reads = Reads(16);
    /// `page.next` / `page.previous`.
    pub const NEIGHBOURS: Reads = Reads(32);
    /// `{% link %}` / `{% post_url %}`: other items' URLs.
    pub const LINKS: Reads = Reads(64);
    /// Some item's `content` other than the `content` being laid out:
    /// `p.content`, `["content"]`, or whole items or lists of them through
    /// `jsonify`/`inspect` (`{{ p | jsonify }}`, not `{{ p.title | jsonify }}`).
    pub const CONTENTS: Reads = Reads(128);
    /// Anything made from items' bodies: their `content`, `excerpt` or
    /// `output`, or whole items written out (`{{ p }}`, `jsonify`).
    pub const BODIES: Reads = Reads(256);

    pub fn contains(self, other: Reads) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether this reads any of `other` (or everything).
    pub fn any(self, other: Reads) -> bool {
        self.0 & (other.0 | Reads::ALL.0) != 0
    }
}

impl std::ops::BitOr for Reads {
    type Output = Reads;
    fn bitor(self, other: Reads) -> Reads {
        Reads(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Reads {
    fn bitor_assign(&mut self, other: Reads) {
        self.0 |= other.0;
    }
}

/// What one rendered output depended on.
#[derive(Clone, Debug, Default)]
pub struct ItemDeps {
    pub layouts: BTreeSet<String>,
    /// Includes loaded, as source-relative paths.
    pub includes: BTreeSet<String>,
    pub reads: Reads,
}

static SITE_KEY: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\bsite\b(\s*\.\s*(\w+))?").expect("valid regex"));
static NEIGHBOURS: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\b(next|previous)\b").expect("valid regex"));
static BODIES: LazyLock<regex::Regex> = LazyLock::new(|| {
    let fields = r#"\.\s*(content|excerpt|output)\b|["'](content|excerpt|output)["']"#;
    regex::Regex::new(&format!(r"{fields}|\{{\{{-?\s*\w+\s*-?\}}\}}")).expect("valid regex")
});
static DUMPED: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"([\w.\[\]'"-]+)\s*\|\s*(?:jsonify|inspect)\b"#).expect("valid regex")
});
static LINK_TAGS: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\{%-?\s*(link|post_url)\b").expect("valid regex"));

static LIQUID_MARKUP: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}").expect("valid regex"));

/// What a template text reads; `labels` are the collections' names. Only
/// Liquid markup counts, not the prose around it.
pub fn scan(text: &str, labels: &[String]) -> Reads {
    let markup: Vec<&str> = LIQUID_MARKUP.find_iter(text).map(|m| m.as_str()).collect();
    scan_markup(&markup.join("\n"), labels)
}

fn scan_markup(text: &str, labels: &[String]) -> Reads {
    let mut reads = Reads::default();
    for cap in SITE_KEY.captures_iter(text) {
        reads |= match cap.get(2).map(|m| m.as_str()) {
            None => Reads::ALL,
            Some("pages" | "html_pages") => Reads::PAGES,
            Some("static_files") => Reads::STATIC_FILES,
            Some("data") => Reads::DATA,
            Some(
                "posts" | "categories" | "tags" | "documents" | "collections" | "related_posts",
            ) => Reads::DOCS,
            Some(key) if labels.iter().any(|l| l == key) => Reads::DOCS,
            Some(_) => Reads::default(),
        };
    }
    if text.contains("paginator") {
        reads |= Reads::DOCS;
    }
    if NEIGHBOURS.is_match(text) {
        reads |= Reads::NEIGHBOURS;
    }
    if LINK_TAGS.is_match(text) {
        reads |= Reads::LINKS;
    }
    if dumps_items(text, labels) {
        reads |= Reads::CONTENTS | Reads::BODIES;
    }
    reads | body_reads(text)
}

/// `BODIES` for any field made from bodies (or a bare `{{ x }}` other than
/// the `{{ content }}` being laid out), and `CONTENTS` too when it is `content`.
fn body_reads(text: &str) -> Reads {
    let mut reads = Reads::default();
    for cap in BODIES.captures_iter(text) {
        let field = cap.get(1).or(cap.get(2)).map(|m| m.as_str());
        if field == Some("content") {
            reads |= Reads::CONTENTS | Reads::BODIES;
        } else if field.is_some() || !is_laid_out_content(&cap[0]) {
            reads |= Reads::BODIES;
        }
    }
    reads
}

/// `{{ content }}`: the content being laid out, not another item's.
fn is_laid_out_content(output: &str) -> bool {
    output.trim_matches(|c: char| c == '{' || c == '}' || c == '-' || c.is_whitespace())
        == "content"
}

/// Whether `jsonify` or `inspect` writes out whole items (content included):
/// a bare variable (`p`, `site`), a dynamic lookup, or a list of items
/// (`site.pages`, `site.posts`, a collection), rather than one field.
fn dumps_items(text: &str, labels: &[String]) -> bool {
    const LISTS: &[&str] = &[
        "pages",
        "html_pages",
        "posts",
        "documents",
        "docs",
        "related_posts",
    ];
    DUMPED.captures_iter(text).any(|cap| {
        let operand = &cap[1];
        let last = operand.rsplit('.').next().unwrap_or(operand);
        !operand.contains('.')
            || operand.contains('[')
            || LISTS.contains(&last)
            || labels.iter().any(|l| l == last)
    })
}

/// Fills in `reads` for every item rendered by this build: what its own
/// text, its layouts and its includes read.
pub fn fill_reads(
    site: &Site,
    liquid: &LiquidRenderer,
    docs: &mut [Vec<Rendered>],
    pages: &mut [Rendered],
    pick: Option<&Selection>,
) {
    let labels: Vec<String> = site.collections.iter().map(|c| c.label.clone()).collect();
    let mut parts: HashMap<String, Reads> = HashMap::new();
    for (name, layout) in &site.layouts {
        parts.insert(format!("layout:{name}"), scan(&layout.content, &labels));
    }
    // Only the items rendered now get new reads, so only their includes count.
    let picked = |r: &(usize, usize, &Rendered)| {
        pick.is_none_or(|p| match r.0 {
            usize::MAX => p.pages[r.1],
            c => p.docs[c][r.1],
        })
    };
    let docs_now = (docs.iter().enumerate())
        .flat_map(|(c, list)| list.iter().enumerate().map(move |(d, r)| (c, d, r)));
    let pages_now = pages.iter().enumerate().map(|(i, r)| (usize::MAX, i, r));
    let rendered_now = docs_now.chain(pages_now).filter(picked);
    for rel in rendered_now.flat_map(|r| r.2.deps.includes.iter()) {
        if !parts.contains_key(rel) {
            let text = liquid.include_text(rel).unwrap_or_default();
            parts.insert(rel.clone(), scan(&text, &labels));
        }
    }
    // A rebuild of a few items scans them on this thread: handing them to
    // the pool costs more than the scan.
    let few = pick.is_some_and(|p| {
        p.docs
            .iter()
            .flatten()
            .chain(&p.pages)
            .filter(|b| **b)
            .count()
            <= 16
    });
    for (c, list) in docs.iter_mut().enumerate() {
        let contents = &site.collections[c].docs;
        each(list, few, |d, r| {
            if pick.is_none_or(|p| p.docs[c][d]) {
                r.deps.reads = item_reads(&r.deps, &contents[d].content, &parts, &labels);
            }
        });
    }
    each(pages, few, |i, r| {
        if pick.is_none_or(|p| p.pages[i]) {
            r.deps.reads = item_reads(&r.deps, &site.pages[i].content, &parts, &labels);
        }
    });
}

/// `f` on each item with its index, on this thread or in parallel.
fn each<T: Send>(items: &mut [T], sequential: bool, f: impl Fn(usize, &mut T) + Sync + Send) {
    match sequential {
        true => items.iter_mut().enumerate().for_each(|(i, t)| f(i, t)),
        false => items.par_iter_mut().enumerate().for_each(|(i, t)| f(i, t)),
    }
}

fn item_reads(
    deps: &ItemDeps,
    content: &str,
    parts: &HashMap<String, Reads>,
    labels: &[String],
) -> Reads {
    let mut reads = scan(content, labels);
    for layout in &deps.layouts {
        reads |= parts
            .get(&format!("layout:{layout}"))
            .copied()
            .unwrap_or(Reads::ALL);
    }
    for include in &deps.includes {
        reads |= parts.get(include).copied().unwrap_or(Reads::ALL);
    }
    reads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_what_templates_read() {
        let labels = vec!["docs".to_string()];
        let cases = [
            ("{{ site.title }}", Reads::default()),
            ("{% for p in site.posts %}", Reads::DOCS),
            ("{{ site.docs | size }}", Reads::DOCS),
            ("{{ site.pages | where: 'x' }}", Reads::PAGES),
            ("{{ site.data.nav }}", Reads::DATA),
            (
                "{{ site | jsonify }}",
                Reads::ALL | Reads::CONTENTS | Reads::BODIES,
            ),
            ("{{ site['posts'] }}", Reads::ALL),
            ("{{ paginator.posts }}", Reads::DOCS),
            ("<a href='{{ page.next.url }}'>", Reads::NEIGHBOURS),
            ("The site is next to {{ page.title }}", Reads::default()),
            ("{% assign s = site %}", Reads::ALL),
            ("{% post_url 2023-01-01-a %}", Reads::LINKS),
            ("{{ site.static_files }}", Reads::STATIC_FILES),
            ("{{ content }}", Reads::default()),
            (
                "{{ p.content | strip_html }}",
                Reads::CONTENTS | Reads::BODIES,
            ),
            (
                "{% for p in site.pages %}{{ p['content'] }}",
                Reads::PAGES | Reads::CONTENTS | Reads::BODIES,
            ),
            (
                "{{ site.html_pages | jsonify }}",
                Reads::PAGES | Reads::CONTENTS | Reads::BODIES,
            ),
            ("{{ page.title | jsonify }}", Reads::default()),
            (
                "{% for p in site.pages %}{{ p | inspect }}",
                Reads::PAGES | Reads::CONTENTS | Reads::BODIES,
            ),
            (
                "{{ site.docs | jsonify }}",
                Reads::DOCS | Reads::CONTENTS | Reads::BODIES,
            ),
            ("{{ site.data.menu | jsonify }}", Reads::DATA),
            (
                "{% for p in site.posts %}{{ p.excerpt }}",
                Reads::DOCS | Reads::BODIES,
            ),
            (
                "{% for p in paginator.posts %}{{ p }}",
                Reads::DOCS | Reads::BODIES,
            ),
            ("{{- content -}}{{ page.title }}", Reads::default()),
        ];
        for (text, want) in cases {
            assert_eq!(scan(text, &labels), want, "{text}");
        }
    }
}
