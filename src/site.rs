//! A site and its build (lib/jekyll/site.rb): `process` is reset, read,
//! generate, render, cleanup, write. Rendering (`site/render.rs`) runs in
//! parallel inside its phase, over a read-only snapshot of the site; results
//! keep page order.

use crate::collection::Collection;
use crate::config::Config;
use crate::document::Document;
use crate::drops;
use crate::errors::{Error, Result};
use crate::layout::Layout;
use crate::liquid::{Map, Value};
use crate::liquid_renderer::SiteIndex;
use crate::page::Page;
use crate::reader;
use crate::renderer::Rendered;
use crate::static_file::StaticFile;
use crate::{cleaner, writer};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

mod render;
pub(crate) use render::LastRender;

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
        crate::generator::warn_unsupported_plugins(&self.config);
        let posts = &self.collections[0].docs;
        crate::generator::paginate(&self.config, &mut self.pages, posts)
    }

    /// `Site#render`: excerpts, then every document, then every page, each
    /// phase in parallel over a read-only snapshot; the first error in
    /// reading order wins.
    pub fn render(&mut self) -> Result<()> {
        self.render_selection(None)
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

    pub(crate) fn page_values(&self) -> Vec<Value> {
        self.pages.iter().map(drops::page_value).collect()
    }

    pub(crate) fn site_contents(&self, doc_values: &[Vec<Value>]) -> drops::SiteContents {
        let page_values = self.page_values();
        let html_pages = self
            .pages
            .iter()
            .zip(&page_values)
            .filter(|(p, _)| p.is_html_page())
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
