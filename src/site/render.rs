//! Rendering a site, whole or in part (the render phase of
//! lib/jekyll/site.rb, and what lib/jekyll/regenerator.rb saves a rebuild):
//! excerpts, documents, then pages, each in parallel over a read-only
//! snapshot. A rebuild renders only the picked items and reuses the last
//! build's renders, document values, `site` values and link index, patched
//! where the picked items changed them.

use super::{OutputContent, Selection, Site};
use crate::converter::markdown;
use crate::doc_values::DocValues;
use crate::document::{Document, extract_excerpt};
use crate::drops::{self, SitePayload};
use crate::errors::Result;
use crate::liquid::{Map, RenderOptions, Value};
use crate::liquid_renderer::{LiquidRenderer, PostEntry, SiteIndex};
use crate::page::Page;
use crate::renderer::{RenderContext, Rendered, with_key};
use rayon::prelude::*;
use std::sync::Arc;

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

impl Site {
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
        crate::regenerator::fill_reads(self, &liquid, &mut docs, &mut [], pick);
        self.render_documents_in_order(&liquid, &mut docs, &sources, &source_site, pick)?;
        let make = |c: usize, d: usize| self.rendered_value(c, d, &docs);
        let rendered = match (pick, &mut last) {
            (Some(p), Some(l)) => std::mem::take(&mut l.rendered).patched(&p.docs, make),
            _ => DocValues::build(&self.doc_counts(), make),
        };
        let rendered_site = self.site_payload(rendered_site, &rendered.linked);
        let last_pages = last.map(|l| l.pages);
        let mut pages = self.render_pages(&liquid, pick, last_pages, &rendered_site.value)?;
        crate::regenerator::fill_reads(self, &liquid, &mut [], &mut pages, pick);
        self.render_pages_in_order(&liquid, &rendered_site.value, &mut pages, pick)?;
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
    pub(crate) fn site_payload(
        &self,
        last: Option<SitePayload>,
        doc_values: &[Vec<Value>],
    ) -> SitePayload {
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
    pub(super) fn source_values(
        &self,
        last: Option<DocValues>,
        pick: Option<&Selection>,
    ) -> DocValues {
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
    pub(crate) fn rendered_value(&self, c: usize, d: usize, docs: &[Vec<Rendered>]) -> Map {
        let r = &docs[c][d];
        let content = Value::Str(r.converted.clone());
        drops::document_value(
            &self.collections[c].docs[d],
            content,
            Value::Str(r.output.clone()),
        )
    }

    pub(crate) fn doc_counts(&self) -> Vec<usize> {
        self.collections.iter().map(|c| c.docs.len()).collect()
    }

    pub(crate) fn render_context<'a>(
        &'a self,
        liquid: &'a LiquidRenderer,
        site: Value,
    ) -> RenderContext<'a> {
        RenderContext {
            config: &self.config,
            layouts: &self.layouts,
            liquid,
            markdown: markdown::Options::from_site_config(&self.config.data),
            site,
            jekyll: drops::jekyll_value(&self.config),
            options: RenderOptions {
                strict_variables: self.config.liquid.strict_variables,
                strict_filters: self.config.liquid.strict_filters,
            },
        }
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
}
