//! A site and its build (lib/jekyll/site.rb): `process` is reset, read,
//! generate, render, cleanup, write. Rendering runs in parallel inside its
//! phase, over a read-only snapshot of the site; results keep page order.

use crate::config::Config;
use crate::converter::markdown;
use crate::drops;
use crate::errors::{Error, Result};
use crate::layout::Layout;
use crate::liquid::{Map, RenderOptions, Value};
use crate::liquid_renderer::LiquidRenderer;
use crate::page::Page;
use crate::reader;
use crate::renderer::RenderContext;
use crate::static_file::StaticFile;
use crate::{cleaner, writer};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One file of the built site.
pub struct Output {
    /// Path below the destination, with `/` separators.
    pub rel: String,
    pub content: OutputContent,
}

pub enum OutputContent {
    Rendered(String),
    Copy(PathBuf),
}

pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub static_files: Vec<StaticFile>,
    pub layouts: BTreeMap<String, Layout>,
    pub data: Map,
    pub outputs: Vec<Output>,
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
            pages: Vec::new(),
            static_files: Vec::new(),
            layouts: BTreeMap::new(),
            data: Map::new(),
            outputs: Vec::new(),
        })
    }

    /// `Site#process`.
    pub fn process(&mut self) -> Result<()> {
        self.reset();
        self.read()?;
        self.generate();
        self.render()?;
        self.cleanup()?;
        self.write()
    }

    pub fn reset(&mut self) {
        self.pages.clear();
        self.static_files.clear();
        self.layouts.clear();
        self.data.clear();
        self.outputs.clear();
    }

    pub fn read(&mut self) -> Result<()> {
        let contents = reader::read(&self.config)?;
        self.pages = contents.pages;
        self.static_files = contents.static_files;
        self.layouts = contents.layouts;
        self.data = contents.data;
        Ok(())
    }

    /// Generators (pagination, plugins) come with the content-model work.
    pub fn generate(&mut self) {}

    /// Renders every page in parallel; the first error in page order wins.
    pub fn render(&mut self) -> Result<()> {
        let page_values: Vec<Value> = self.pages.iter().map(drops::page_value).collect();
        let liquid = LiquidRenderer::new(&self.config);
        let context = self.render_context(&liquid, &page_values);
        let results: Vec<_> = self
            .pages
            .par_iter()
            .zip(page_values.par_iter())
            .map(|(page, value)| context.render_page(page, value))
            .collect();
        let mut outputs = Vec::new();
        for (page, result) in self.pages.iter().zip(results) {
            let rendered = result?;
            let rel = page.destination_rel();
            if let Some(map) = rendered.source_map {
                outputs.push(Output {
                    rel: format!("{rel}.map"),
                    content: OutputContent::Rendered(map),
                });
            }
            outputs.push(Output {
                rel,
                content: OutputContent::Rendered(rendered.output),
            });
        }
        outputs.extend(self.static_files.iter().map(|f| Output {
            rel: f.destination_rel(),
            content: OutputContent::Copy(f.source_path.clone()),
        }));
        self.outputs = outputs;
        Ok(())
    }

    fn render_context<'a>(
        &'a self,
        liquid: &'a LiquidRenderer,
        page_values: &[Value],
    ) -> RenderContext<'a> {
        let html_pages = self
            .pages
            .iter()
            .zip(page_values)
            .filter(|(p, _)| p.is_html() || p.url.ends_with('/'))
            .map(|(_, v)| v.clone())
            .collect();
        let static_files = self
            .static_files
            .iter()
            .map(drops::static_file_value)
            .collect();
        let kramdown = self.config.get("kramdown").and_then(Value::as_hash);
        RenderContext {
            config: &self.config,
            layouts: &self.layouts,
            liquid,
            markdown: markdown::Options::from_config(kramdown),
            site: drops::site_value(
                &self.config,
                page_values,
                html_pages,
                static_files,
                &self.data,
            ),
            jekyll: drops::jekyll_value(&self.config),
            options: RenderOptions {
                strict_variables: self.config.liquid.strict_variables,
                strict_filters: self.config.liquid.strict_filters,
            },
        }
    }

    /// `Site#cleanup`: removes what an earlier build left and this one did not make.
    pub fn cleanup(&self) -> Result<()> {
        let keep: Vec<&str> = self.outputs.iter().map(|o| o.rel.as_str()).collect();
        cleaner::cleanup(&self.config.destination, &keep, &self.config.keep_files)
    }

    pub fn write(&self) -> Result<()> {
        writer::write(&self.config.destination, &self.outputs)
    }
}
