//! Items that show other items' content, rendered in Jekyll's order.
//!
//! `Site#render_docs` and `Site#render_pages` (lib/jekyll/site.rb) render
//! documents (collection by collection, posts first) and then pages one
//! after another, and `Renderer#render_document` replaces an item's
//! `content` with its converted text (and a document's `output` with the
//! page) as soon as it is rendered. So a template that lists items with
//! their `content` (a search index, a JSON dump, recent posts in full) sees
//! the items before it converted and the others (itself included) as source.
//! hyde renders each phase in parallel from one snapshot, where every item of
//! the phase is source; these passes then render again, in order, the few
//! items whose templates read other items' content, each with the view
//! Jekyll gives it.

use crate::doc_values::DocValues;
use crate::drops::{SitePayload, document_value, related_posts};
use crate::errors::Result;
use crate::liquid::Value;
use crate::liquid_renderer::LiquidRenderer;
use crate::page::Page;
use crate::regenerator::Reads;
use crate::renderer::{Rendered, with_key};
use crate::site::{Selection, Site};

impl Site {
    /// Renders again, in order, the (picked) pages that read other pages'
    /// content; `pages` holds every page's render from the snapshot.
    pub(crate) fn render_pages_in_order(
        &self,
        liquid: &LiquidRenderer,
        site: &Value,
        pages: &mut [Rendered],
        pick: Option<&Selection>,
    ) -> Result<()> {
        let readers: Vec<usize> = (0..pages.len())
            .filter(|&i| pick.is_none_or(|p| p.pages[i]))
            .filter(|&i| reads_page_contents(pages[i].deps.reads))
            .collect();
        if readers.is_empty() {
            return Ok(());
        }
        let source = self.page_values();
        let context = self.render_context(liquid, site.clone());
        for i in readers {
            let seen = self.site_seen_by(site, i, &source, pages, None);
            let in_layouts = |own: &str| self.site_seen_by(site, i, &source, pages, Some(own));
            let reads = pages[i].deps.reads;
            let page = &self.pages[i];
            pages[i] = context.render_with(page, &source[i], Some(&seen), Some(&in_layouts))?;
            pages[i].deps.reads = reads;
        }
        Ok(())
    }

    /// `site` while page `i` renders: the pages before it with their
    /// converted content, the others as source; in its layouts (`own` is its
    /// converted content) page `i` itself too.
    fn site_seen_by(
        &self,
        site: &Value,
        i: usize,
        source: &[Value],
        done: &[Rendered],
        own: Option<&str>,
    ) -> Value {
        let converted = |j: usize| match (j == i, own) {
            (true, Some(text)) => Some(Value::from(text)),
            _ => (j < i).then(|| Value::Str(done[j].converted.clone())),
        };
        let values: Vec<(&Page, Value)> = (self.pages.iter().zip(source).enumerate())
            .map(|(j, (page, value))| match converted(j) {
                Some(content) => (page, with_key(value, "content", content)),
                None => (page, value.clone()),
            })
            .collect();
        let html = values
            .iter()
            .filter(|(page, _)| page.is_html_page())
            .map(|(_, v)| v.clone())
            .collect();
        let all = values.into_iter().map(|(_, v)| v).collect();
        let site = with_key(site, "pages", Value::array(all));
        with_key(&site, "html_pages", Value::array(html))
    }

    /// Renders again, in order, the (picked) documents that read other
    /// documents' content; `docs` holds every render from the snapshot of
    /// `sources` (the documents as source) in `site`.
    pub(crate) fn render_documents_in_order(
        &self,
        liquid: &LiquidRenderer,
        docs: &mut [Vec<Rendered>],
        sources: &DocValues,
        site: &SitePayload,
        pick: Option<&Selection>,
    ) -> Result<()> {
        let readers: Vec<(usize, usize)> = (docs.iter().enumerate())
            .flat_map(|(c, list)| (0..list.len()).map(move |d| (c, d)))
            .filter(|&(c, d)| pick.is_none_or(|p| p.docs[c][d]))
            .filter(|&(c, d)| reads_doc_contents(docs[c][d].deps.reads))
            .collect();
        if readers.is_empty() {
            return Ok(());
        }
        let context = self.render_context(liquid, site.value.clone());
        let counts = self.doc_counts();
        let (mut view, mut payload, mut folded) = (sources.clone(), site.clone(), (0, 0));
        for (c, d) in readers {
            let before = between(&counts, folded, (c, d));
            view = view.patched(&before, |c, d| self.rendered_value(c, d, docs));
            folded = (c, d);
            payload = self.site_payload(Some(payload), &view.linked);
            let doc = &self.collections[c].docs[d];
            let seen = with_related(&payload, &view, &doc.url);
            let in_layouts = |own: &str| {
                let me = between(&counts, (c, d), (c, d + 1));
                let own = Value::from(own);
                let make = |c: usize, d: usize| {
                    document_value(&self.collections[c].docs[d], own.clone(), Value::Nil)
                };
                let view = view.clone().patched(&me, make);
                let payload = self.site_payload(Some(payload.clone()), &view.linked);
                with_related(&payload, &view, &doc.url)
            };
            let reads = docs[c][d].deps.reads;
            let page = &view.linked[c][d];
            docs[c][d] = context.render_with(doc, page, Some(&seen), Some(&in_layouts))?;
            docs[c][d].deps.reads = reads;
        }
        Ok(())
    }
}

/// `site` with the `related_posts` of the document at `url`: the newest
/// posts of `view`, as Jekyll's live documents show them.
fn with_related(payload: &SitePayload, view: &DocValues, url: &str) -> Value {
    let newest: Vec<Value> = view.linked[0].iter().rev().take(11).cloned().collect();
    with_key(&payload.value, "related_posts", related_posts(&newest, url))
}

/// A mask of the documents from `from` (included) to `to` (excluded), in
/// rendering order: collection by collection, each in its order.
fn between(counts: &[usize], from: (usize, usize), to: (usize, usize)) -> Vec<Vec<bool>> {
    (counts.iter().enumerate())
        .map(|(c, &n)| (0..n).map(|d| from <= (c, d) && (c, d) < to).collect())
        .collect()
}

/// Whether a template lists documents and reads their content.
fn reads_doc_contents(reads: Reads) -> bool {
    reads.any(Reads::DOCS) && reads.contains(Reads::CONTENTS)
}

/// Whether a template lists pages and reads their content.
fn reads_page_contents(reads: Reads) -> bool {
    reads.any(Reads::PAGES) && reads.contains(Reads::CONTENTS)
}
