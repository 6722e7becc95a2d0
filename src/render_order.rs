//! Pages that show other pages' content, rendered in Jekyll's order.
//!
//! `Site#render_pages` (lib/jekyll/site.rb) renders pages one after another,
//! and `Renderer#render_document` replaces a page's `content` with its
//! converted text as soon as it is rendered. So a page that lists
//! `site.pages` with their `content` (a search index, a JSON dump) sees the
//! pages before it converted and the pages after it (itself included) as
//! source. hyde renders pages in parallel from one snapshot, where every page
//! is source; this pass then renders again, in order, the few pages whose
//! templates read other pages' content, each with the view Jekyll gives it.

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
            let view = self.pages_as_seen_by(i, &source, pages);
            let seen = with_key(&with_key(site, "pages", view.0), "html_pages", view.1);
            let reads = pages[i].deps.reads;
            pages[i] = context.render(&self.pages[i], &source[i], Some(&seen))?;
            pages[i].deps.reads = reads;
        }
        Ok(())
    }

    /// `site.pages` and `site.html_pages` while page `i` renders: the pages
    /// before it with their converted content, the others as source.
    fn pages_as_seen_by(&self, i: usize, source: &[Value], done: &[Rendered]) -> (Value, Value) {
        let values: Vec<(&Page, Value)> = self
            .pages
            .iter()
            .zip(source)
            .enumerate()
            .map(|(j, (page, value))| match j < i {
                true => (
                    page,
                    with_key(value, "content", Value::Str(done[j].converted.clone())),
                ),
                false => (page, value.clone()),
            })
            .collect();
        let html = values
            .iter()
            .filter(|(page, _)| page.is_html_page())
            .map(|(_, v)| v.clone())
            .collect();
        let all = values.into_iter().map(|(_, v)| v).collect();
        (Value::array(all), Value::array(html))
    }
}

/// Whether a template lists pages and reads their content.
fn reads_page_contents(reads: Reads) -> bool {
    reads.any(Reads::PAGES) && reads.contains(Reads::CONTENTS)
}
