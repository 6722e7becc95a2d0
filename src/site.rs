//! A site and its build (lib/jekyll/site.rb): `process` is reset, read,
//! generate, render, cleanup, write. Rendering runs in parallel inside its
//! phase, over a read-only snapshot of the site; results keep page order.

use crate::collection::Collection;
use crate::config::Config;
use crate::converter::markdown;
use crate::doc_values::DocValues;
use crate::document::{Document, extract_excerpt};
use crate::drops;
use crate::drops::SitePayload;
use crate::errors::{Error, Result};
use crate::layout::Layout;
use crate::liquid::{Map, RenderOptions, Value};
use crate::liquid_renderer::{LiquidRenderer, PostEntry, SiteIndex};
use crate::page::Page;
use crate::reader;
use crate::renderer::{RenderContext, Rendered, with_key};
use crate::static_file::StaticFile;
use crate::{cleaner, writer};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One file of the built site.
pub struct Output {
    /// Path below the destination, with `/` separators.
    pub rel: String,
    pub content: OutputContent,
}

pub enum OutputContent {
    /// Shared with the render that made it, so keeping both costs nothing.
    Rendered(Arc<str>),
    Copy(PathBuf),
}

pub struct Site {
    pub config: Config,
    /// `posts` first, then the configured collections.
    pub collections: Vec<Collection>,
    pub pages: Vec<Page>,
    pub static_files: Vec<StaticFile>,
    pub layouts: BTreeMap<String, Layout>,
    pub data: Map,
    pub outputs: Vec<Output>,
    /// The templates' render statistics of the last build, with `--profile`.
    pub render_stats: Option<String>,
    /// The last build's renders, for `rebuild`.
    pub(crate) last: Option<LastRender>,
}

/// Which items a rebuild renders again: per collection and document, and
/// per page.
#[derive(Clone, Debug)]
pub struct Selection {
    pub docs: Vec<Vec<bool>>,
    pub pages: Vec<bool>,
}

/// The last build's renders and values, which a rebuild reuses.
pub(crate) struct LastRender {
    pub docs: Vec<Vec<Rendered>>,
    pub pages: Vec<Rendered>,
    pub sources: DocValues,
    pub rendered: DocValues,
    /// `site` as documents saw it (their sources) and as pages saw it (the
    /// documents rendered); None once something besides the documents in it
    /// changed (a page, a static file, the data).
    pub sites: Option<(SitePayload, SitePayload)>,
    /// What `link` and `post_url` looked up. A rebuild keeps every item's
    /// path and URL (else it builds in full), so only posts' slugs can change.
    pub index: Arc<SiteIndex>,
}

/// Renders items in parallel, keeping their order; the first error in
/// reading order wins. With `pick` and `previous`, only picked items
/// render; the others keep their previous result.
fn render_some<T: Sync, R: Send>(
    items: &[T],
    values: &[Value],
    pick: Option<&[bool]>,
    previous: Option<Vec<R>>,
    render: impl Fn(&T, &Value) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    if let (Some(pick), Some(mut out)) = (pick, previous)
        && out.len() == items.len()
    {
        let picked: Vec<usize> = (0..items.len()).filter(|&i| pick[i]).collect();
        let one = |&i: &usize| render(&items[i], &values[i]);
        // One item renders on this thread: the pool would only add a handoff.
        let fresh: Vec<Result<R>> = match picked.len() {
            0 | 1 => picked.iter().map(one).collect(),
            _ => picked.par_iter().map(one).collect(),
        };
        for (i, r) in picked.into_iter().zip(fresh) {
            out[i] = r?;
        }
        return Ok(out);
    }
    (0..items.len())
        .into_par_iter()
        .map(|i| render(&items[i], &values[i]))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

fn push_rendered(outputs: &mut Vec<Output>, rel: String, rendered: &Rendered) {
    if let Some(map) = &rendered.source_map {
        outputs.push(Output {
            rel: format!("{rel}.map"),
            content: OutputContent::Rendered(map.as_str().into()),
        });
    }
    outputs.push(Output {
        rel,
        content: OutputContent::Rendered(rendered.output.clone()),
    });
}

impl Site {
    /// A site for `config`; refuses a destination that is or contains the source.
    pub fn new(config: Config) -> Result<Site> {
        if config.source.starts_with(&config.destination) {
            return Err(Error::Fatal(format!(
                "Destination directory cannot be or contain the Source directory: {}",
                config.destination.display()
            )));
        }
        Ok(Site {
            config,
            collections: Vec::new(),
            pages: Vec::new(),
            static_files: Vec::new(),
            layouts: BTreeMap::new(),
            data: Map::new(),
            outputs: Vec::new(),
            render_stats: None,
            last: None,
        })
    }

    /// `Site#process`, or with `profile` set, `Profiler#profile_process`.
    pub fn process(&mut self) -> Result<()> {
        if self.config.get("profile").is_some_and(Value::is_truthy) {
            return self.profile_process();
        }
        self.reset();
        self.read()?;
        self.generate()?;
        self.render()?;
        self.cleanup()?;
        self.write()
    }

    /// Each phase timed, then the phase table and the templates' table.
    fn profile_process(&mut self) -> Result<()> {
        let mut phases = Vec::new();
        let mut timed =
            |name: &'static str, site: &mut Site, phase: fn(&mut Site) -> Result<()>| {
                let started = std::time::Instant::now();
                let result = phase(site);
                phases.push((name, started.elapsed()));
                result
            };
        timed("reset", self, |s| {
            s.reset();
            Ok(())
        })?;
        timed("read", self, Site::read)?;
        timed("generate", self, Site::generate)?;
        timed("render", self, Site::render)?;
        timed("cleanup", self, |s| s.cleanup())?;
        timed("write", self, |s| s.write())?;
        crate::logger::info("\nBuild Process Summary:", "");
        crate::logger::info(&crate::profiler::phase_table(&phases), "");
        crate::logger::info("\nSite Render Stats:", "");
        crate::logger::info(self.render_stats.as_deref().unwrap_or_default(), "");
        Ok(())
    }

    pub fn reset(&mut self) {
        self.collections.clear();
        self.pages.clear();
        self.static_files.clear();
        self.layouts.clear();
        self.data.clear();
        self.outputs.clear();
    }

    pub fn read(&mut self) -> Result<()> {
        let contents = reader::read(&self.config)?;
        self.collections = contents.collections;
        self.pages = contents.pages;
        self.static_files = contents.static_files;
        self.layouts = contents.layouts;
        self.data = contents.data;
        Ok(())
    }

    /// `Site#generate`: jekyll-paginate, when the site uses it.
    pub fn generate(&mut self) -> Result<()> {
        let posts = &self.collections[0].docs;
        crate::generator::paginate(&self.config, &mut self.pages, posts)
    }

    /// `Site#render`: excerpts, then every document, then every page, each
    /// phase in parallel over a read-only snapshot; the first error in
    /// reading order wins.
    pub fn render(&mut self) -> Result<()> {
        self.render_selection(None)
    }

    /// Renders the selected items (all with `None`), reusing the last
    /// build's results and values for the others, and records what each
    /// depended on.
    pub(crate) fn render_selection(&mut self, pick: Option<&Selection>) -> Result<()> {
        let mut last = pick.and_then(|_| self.last.take());
        let pick = pick.filter(|_| last.is_some());
        let index = self.patched_index(last.as_mut().map(|l| std::mem::take(&mut l.index)), pick);
        let liquid = LiquidRenderer::new(&self.config).with_index(index.clone());
        let (source_site, rendered_site) = last.as_mut().and_then(|l| l.sites.take()).unzip();
        let last_sources = last.as_mut().map(|l| std::mem::take(&mut l.sources));
        let sources = self.source_values(last_sources, pick);
        let site = self.site_payload(source_site, &sources.linked);
        let excerpts = self.render_excerpts(&liquid, pick, &sources.linked, &site.value)?;
        self.apply_excerpts(excerpts, pick);
        let sources = match pick {
            Some(p) => sources.patched(&p.docs, |c, d| self.source_value(c, d)),
            None => self.source_values(None, None),
        };
        let source_site = self.site_payload(Some(site), &sources.linked);
        let last_docs = last.as_mut().map(|l| std::mem::take(&mut l.docs));
        let site = &source_site.value;
        let mut docs = self.render_documents(&liquid, pick, last_docs, &sources.linked, site)?;
        let make = |c: usize, d: usize| self.rendered_value(c, d, &docs);
        let rendered = match (pick, &mut last) {
            (Some(p), Some(l)) => std::mem::take(&mut l.rendered).patched(&p.docs, make),
            _ => DocValues::build(&self.doc_counts(), make),
        };
        let rendered_site = self.site_payload(rendered_site, &rendered.linked);
        let last_pages = last.map(|l| l.pages);
        let mut pages = self.render_pages(&liquid, pick, last_pages, &rendered_site.value)?;
        crate::regenerator::fill_reads(self, &liquid, &mut docs, &mut pages, pick);
        if !pick.is_some_and(|p| self.refresh_outputs(&docs, &pages, p)) {
            self.outputs = self.collect_outputs(&docs, &pages);
        }
        self.render_stats = liquid.stats.as_ref().map(crate::profiler::Stats::table);
        // The renderer's copy of the index goes first, so the next rebuild
        // can patch the one kept here in place.
        drop(liquid);
        self.last = Some(LastRender {
            docs,
            pages,
            sources,
            rendered,
            sites: Some((source_site, rendered_site)),
            index,
        });
        Ok(())
    }

    /// `site` for these document values: the last one with the changed
    /// documents swapped in, or made anew.
    fn site_payload(&self, last: Option<SitePayload>, doc_values: &[Vec<Value>]) -> SitePayload {
        last.and_then(|site| site.patched(doc_values))
            .unwrap_or_else(|| {
                let contents = self.site_contents(doc_values);
                SitePayload::build(&self.config, contents, &self.data)
            })
    }

    /// The last build's index with the picked posts made again, or a new one.
    fn patched_index(
        &self,
        last: Option<Arc<SiteIndex>>,
        pick: Option<&Selection>,
    ) -> Arc<SiteIndex> {
        let posts = &self.collections[0].docs;
        if let (Some(mut index), Some(pick)) = (last, pick)
            && let Some(patch) = Arc::get_mut(&mut index).filter(|i| i.posts.len() == posts.len())
        {
            for (d, _) in pick.docs[0].iter().enumerate().filter(|e| *e.1) {
                patch.posts[d] = PostEntry::of(&posts[d]);
            }
            return index;
        }
        Arc::new(self.site_index())
    }

    /// Every page, or the picked ones with the others kept from `last`.
    fn render_pages(
        &self,
        liquid: &LiquidRenderer,
        pick: Option<&Selection>,
        last: Option<Vec<Rendered>>,
        site: &Value,
    ) -> Result<Vec<Rendered>> {
        let context = self.render_context(liquid, site.clone());
        let render = |page: &Page, value: &Value| context.render(page, value, None);
        let values = self.page_values();
        let pick = pick.map(|p| &p.pages[..]);
        render_some(&self.pages, &values, pick, last, render)
    }

    fn apply_excerpts(&mut self, excerpts: Vec<Vec<Option<String>>>, pick: Option<&Selection>) {
        for (c, list) in excerpts.into_iter().enumerate() {
            for (d, excerpt) in list.into_iter().enumerate() {
                if pick.is_none_or(|p| p.docs[c][d]) {
                    let doc = &mut self.collections[c].docs[d];
                    match excerpt {
                        Some(html) => doc.data.insert("excerpt".into(), Value::from(html)),
                        None => doc.data.shift_remove("excerpt"),
                    };
                }
            }
        }
    }

    /// Each document's excerpt, rendered in the document's context.
    fn render_excerpts(
        &self,
        liquid: &LiquidRenderer,
        pick: Option<&Selection>,
        doc_values: &[Vec<Value>],
        site: &Value,
    ) -> Result<Vec<Vec<Option<String>>>> {
        let context = self.render_context(liquid, site.clone());
        let mut out = Vec::new();
        for (c, (collection, values)) in self.collections.iter().zip(doc_values).enumerate() {
            let render = |doc: &Document, value: &Value| -> Result<Option<String>> {
                let separator = doc.excerpt_separator(&self.config.data);
                if separator.is_empty() {
                    return Ok(None);
                }
                let excerpt = extract_excerpt(&doc.content, &separator);
                // Jekyll renders an excerpt only when something reads it; a
                // broken excerpt nobody reads must not fail the build.
                match context.render_excerpt(doc, &excerpt, value) {
                    Ok(html) => Ok(Some(html)),
                    Err(e) => {
                        crate::logger::warn("Excerpt:", &e.to_string());
                        Ok(None)
                    }
                }
            };
            let picked = pick.map(|p| &p.docs[c][..]);
            let none = picked.map(|p| vec![None; p.len()]);
            out.push(render_some(&collection.docs, values, picked, none, render)?);
        }
        Ok(out)
    }

    /// Every document of every collection, written or not, as Jekyll does.
    fn render_documents(
        &self,
        liquid: &LiquidRenderer,
        pick: Option<&Selection>,
        last: Option<Vec<Vec<Rendered>>>,
        doc_values: &[Vec<Value>],
        site: &Value,
    ) -> Result<Vec<Vec<Rendered>>> {
        let context = self.render_context(liquid, site.clone());
        let mut last = last.map(Vec::into_iter);
        let newest_posts: Vec<Value> = doc_values[0].iter().rev().cloned().collect();
        let mut out = Vec::new();
        for (c, (collection, values)) in self.collections.iter().zip(doc_values).enumerate() {
            let render = |doc: &Document, value: &Value| {
                let related = crate::drops::related_posts(&newest_posts, &doc.url);
                let site = with_key(&context.site, "related_posts", related);
                context.render(doc, value, Some(&site))
            };
            let picked = pick.map(|p| &p.docs[c][..]);
            let previous = last.as_mut().and_then(Iterator::next);
            out.push(render_some(
                &collection.docs,
                values,
                picked,
                previous,
                render,
            )?);
        }
        Ok(out)
    }

    /// The documents as templates see them before rendering (their source as
    /// `content`): the last build's, with the picked ones made again.
    fn source_values(&self, last: Option<DocValues>, pick: Option<&Selection>) -> DocValues {
        match (last, pick) {
            (Some(values), Some(p)) => values.patched(&p.docs, |c, d| self.source_value(c, d)),
            _ => DocValues::build(&self.doc_counts(), |c, d| self.source_value(c, d)),
        }
    }

    fn source_value(&self, c: usize, d: usize) -> Map {
        let doc = &self.collections[c].docs[d];
        drops::document_value(doc, Value::from(doc.content.as_str()), Value::Nil)
    }

    /// A document as pages see it: its converted content and its output.
    fn rendered_value(&self, c: usize, d: usize, docs: &[Vec<Rendered>]) -> Map {
        let r = &docs[c][d];
        let content = Value::Str(r.converted.clone());
        drops::document_value(
            &self.collections[c].docs[d],
            content,
            Value::Str(r.output.clone()),
        )
    }

    fn doc_counts(&self) -> Vec<usize> {
        self.collections.iter().map(|c| c.docs.len()).collect()
    }

    /// `site` as templates see it before any document renders (what
    /// `hyde liquid` shows a template).
    pub fn site_value_before_render(&self) -> Value {
        let values = self.source_values(None, None);
        drops::site_value(&self.config, self.site_contents(&values.linked), &self.data)
    }

    /// What `link` and `post_url` look up.
    pub fn site_index(&self) -> SiteIndex {
        SiteIndex::build(&self.collections, &self.pages, &self.static_files)
    }

    fn page_values(&self) -> Vec<Value> {
        self.pages.iter().map(drops::page_value).collect()
    }

    fn render_context<'a>(&'a self, liquid: &'a LiquidRenderer, site: Value) -> RenderContext<'a> {
        let kramdown = self.config.get("kramdown").and_then(Value::as_hash);
        RenderContext {
            config: &self.config,
            layouts: &self.layouts,
            liquid,
            markdown: markdown::Options::from_config(kramdown),
            site,
            jekyll: drops::jekyll_value(&self.config),
            options: RenderOptions {
                strict_variables: self.config.liquid.strict_variables,
                strict_filters: self.config.liquid.strict_filters,
            },
        }
    }

    fn site_contents(&self, doc_values: &[Vec<Value>]) -> drops::SiteContents {
        let page_values = self.page_values();
        let html_pages = self
            .pages
            .iter()
            .zip(&page_values)
            .filter(|(p, _)| p.is_html() || p.url.ends_with('/'))
            .map(|(_, v)| v.clone())
            .collect();
        let files = |c: Option<&str>| {
            self.static_files
                .iter()
                .filter(|f| c.is_none() || f.collection.as_deref() == c)
                .map(drops::static_file_value)
                .collect::<Vec<_>>()
        };
        let collections = self
            .collections
            .iter()
            .zip(doc_values)
            .map(|(c, docs)| {
                (
                    c.label.clone(),
                    c.metadata.clone(),
                    docs.clone(),
                    files(Some(&c.label)),
                )
            })
            .collect();
        let mut order: Vec<usize> = (0..self.collections[0].docs.len()).collect();
        let posts = &self.collections[0].docs;
        order.sort_by(|&a, &b| {
            let (x, y) = (&posts[a], &posts[b]);
            (y.date.timestamp(), &y.source_path).cmp(&(x.date.timestamp(), &x.source_path))
        });
        drops::SiteContents {
            post_order: order,
            pages: page_values,
            html_pages,
            static_files: files(None),
            collections,
        }
    }

    /// Whether a document is written: its collection is, and it is not
    /// dated in the future.
    fn written(&self) -> impl Fn(&Document) -> bool + use<> {
        let future = self.config.get("future").is_some_and(Value::is_truthy);
        let now = self.config.now.timestamp();
        move |doc| doc.write && (future || doc.date.timestamp() <= now)
    }

    /// What gets written: documents of written collections that are not
    /// dated in the future, every page, and the static files.
    fn collect_outputs(&self, docs: &[Vec<Rendered>], pages: &[Rendered]) -> Vec<Output> {
        let mut outputs = Vec::new();
        let written = self.written();
        for (collection, rendered) in self.collections.iter().zip(docs) {
            for (doc, r) in collection.docs.iter().zip(rendered) {
                if written(doc) {
                    push_rendered(&mut outputs, doc.destination_rel(), r);
                }
            }
        }
        for (page, r) in self.pages.iter().zip(pages) {
            push_rendered(&mut outputs, page.destination_rel(), r);
        }
        for file in &self.static_files {
            let written = file.collection.as_ref().is_none_or(|label| {
                self.collections
                    .iter()
                    .any(|c| &c.label == label && c.write())
            });
            if written {
                outputs.push(Output {
                    rel: file.destination_rel(),
                    content: OutputContent::Copy(file.source_path.clone()),
                });
            }
        }
        outputs
    }

    /// Puts the picked items' new renders in place among the last build's
    /// outputs, which stay in `collect_outputs` order; false when an item's
    /// outputs are not where they were (a source map came or went).
    fn refresh_outputs(
        &mut self,
        docs: &[Vec<Rendered>],
        pages: &[Rendered],
        pick: &Selection,
    ) -> bool {
        let written = self.written();
        let mut updates = Vec::new();
        let mut at = 0;
        for (c, collection) in self.collections.iter().enumerate() {
            for (d, doc) in collection
                .docs
                .iter()
                .enumerate()
                .filter(|(_, doc)| written(doc))
            {
                let r = &docs[c][d];
                if pick.docs[c][d] {
                    updates.push((at, doc.destination_rel(), r));
                }
                at += 1 + usize::from(r.source_map.is_some());
            }
        }
        for (i, page) in self.pages.iter().enumerate() {
            if pick.pages[i] {
                updates.push((at, page.destination_rel(), &pages[i]));
            }
            at += 1 + usize::from(pages[i].source_map.is_some());
        }
        let fits = |(at, rel, r): &(usize, String, &Rendered)| {
            let name = |k: usize| self.outputs.get(k).map(|o| o.rel.as_str());
            match &r.source_map {
                Some(_) => name(*at) == Some(&format!("{rel}.map")) && name(at + 1) == Some(rel),
                None => name(*at) == Some(rel),
            }
        };
        if !updates.iter().all(fits) {
            return false;
        }
        for (at, _, r) in updates {
            let mut at = at;
            if let Some(map) = &r.source_map {
                self.outputs[at].content = OutputContent::Rendered(map.as_str().into());
                at += 1;
            }
            self.outputs[at].content = OutputContent::Rendered(r.output.clone());
        }
        true
    }

    /// Every file the site writes, with the source it comes from
    /// (`Site#each_site_file`), destination-relative.
    pub fn destinations(&self) -> Vec<(String, String)> {
        let docs = self.collections.iter().flat_map(|c| &c.docs);
        let written = docs.filter(|d| self.written()(d));
        let mut out: Vec<(String, String)> = written
            .map(|d| (d.destination_rel(), d.relative_path.clone()))
            .collect();
        out.extend(self.pages.iter().map(|p| (p.destination_rel(), p.path())));
        out.extend(
            self.static_files
                .iter()
                .map(|f| (f.destination_rel(), f.relative_path())),
        );
        out
    }

    /// `Site#cleanup`: removes what an earlier build left and this one did not make.
    pub fn cleanup(&self) -> Result<()> {
        let keep: Vec<&str> = self.outputs.iter().map(|o| o.rel.as_str()).collect();
        cleaner::cleanup(&self.config.destination, &keep, &self.config.keep_files)
    }

    pub fn write(&self) -> Result<()> {
        crate::doctor::conflicting_urls(self);
        writer::write(&self.config.destination, &self.outputs)
    }
}
