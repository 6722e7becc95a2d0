//! Rendering one page (lib/jekyll/renderer.rb): Liquid over the content,
//! then the converter, then the layouts from the innermost out. Layout data
//! merges as Jekyll merges it: an inner layout's values win.

use crate::config::Config;
use crate::converter::{Converter, markdown, sass};
use crate::errors::{Error, Result};
use crate::layout::Layout;
use crate::liquid::{Map, RenderOptions, Value};
use crate::liquid_renderer::{LiquidRenderer, PageHost};
use crate::page::Page;
use crate::utils::{deep_merge, has_liquid_construct};
use std::collections::BTreeMap;

/// What rendering a page produces: its output, and a source map for Sass.
pub struct Rendered {
    pub output: String,
    pub source_map: Option<String>,
}

/// Read-only state shared by every page render of one build.
pub struct RenderContext<'a> {
    pub config: &'a Config,
    pub layouts: &'a BTreeMap<String, Layout>,
    pub liquid: &'a LiquidRenderer,
    pub markdown: markdown::Options,
    pub site: Value,
    pub jekyll: Value,
    pub options: RenderOptions,
}

impl RenderContext<'_> {
    /// `Renderer#run` for a page whose Liquid value is `page_value`.
    pub fn render_page(&self, page: &Page, page_value: &Value) -> Result<Rendered> {
        let rel = page.relative_path();
        let host = self.liquid.host(&rel);
        let converter = Converter::for_ext(&page.ext, self.config);
        let layout_data = self
            .first_layout(page)
            .map(|l| l.data.clone())
            .unwrap_or_default();
        let mut output = page.content.clone();
        if render_with_liquid(page) {
            let template = self
                .liquid
                .parse(&page.path(), &page.content, page.body_line)?;
            let globals = self.globals(page_value, Value::hash(layout_data), Value::Nil);
            output = template.render(globals, &host, &self.options)?;
        }
        let (output, source_map) = self.convert(page, converter, output)?;
        let output = match page.layout_name() {
            Some(name) if !converter.is_asset() && name != "none" => {
                self.place_in_layouts(page, &name, page_value, output, &host)?
            }
            _ => output,
        };
        Ok(Rendered { output, source_map })
    }

    fn first_layout(&self, page: &Page) -> Option<&Layout> {
        self.layouts.get(&page.layout_name()?)
    }

    fn convert(
        &self,
        page: &Page,
        converter: Converter,
        content: String,
    ) -> Result<(String, Option<String>)> {
        match converter {
            Converter::Markdown => Ok((markdown::convert(&content, &self.markdown), None)),
            Converter::Scss | Converter::Sass => {
                let css_name = format!("{}{}", page.basename, page.output_ext);
                let indented = converter == Converter::Sass;
                let compiled = sass::compile(
                    &content,
                    &page.relative_path(),
                    page.body_line,
                    indented,
                    &css_name,
                    self.config,
                )?;
                Ok((compiled.css, compiled.map))
            }
            Converter::Identity => Ok((content, None)),
        }
    }

    /// `Renderer#place_in_layouts`, except that a missing layout and a
    /// layout cycle are errors naming the file and line.
    fn place_in_layouts(
        &self,
        page: &Page,
        name: &str,
        page_value: &Value,
        mut output: String,
        host: &PageHost,
    ) -> Result<String> {
        let mut layout = self.layouts.get(name).ok_or_else(|| Error::MissingLayout {
            file: page.relative_path(),
            line: page.layout_line.unwrap_or(1),
            layout: name.to_string(),
        })?;
        let mut used = vec![layout.name.clone()];
        let mut layout_value = Map::new();
        loop {
            layout_value = deep_merge(&layout.data, &layout_value);
            let template = self
                .liquid
                .parse(&layout.path, &layout.content, layout.body_line)?;
            let globals = self.globals(
                page_value,
                Value::hash(layout_value.clone()),
                Value::from(output),
            );
            output = template.render(globals, host, &self.options)?;
            match self.parent_layout(layout, &mut used)? {
                Some(parent) => layout = parent,
                None => return Ok(output),
            }
        }
    }

    /// The layout a layout names, or None when it names none (`null`, `none`).
    fn parent_layout(&self, layout: &Layout, used: &mut Vec<String>) -> Result<Option<&Layout>> {
        let Some(parent) = layout.parent().filter(|p| *p != "none") else {
            return Ok(None);
        };
        let line = layout.layout_line.unwrap_or(1);
        if used.iter().any(|u| u == parent) {
            used.push(parent.to_string());
            return Err(Error::LayoutCycle {
                file: layout.path.clone(),
                line,
                chain: used.join(" -> "),
            });
        }
        used.push(parent.to_string());
        let found = self
            .layouts
            .get(parent)
            .ok_or_else(|| Error::MissingLayout {
                file: layout.path.clone(),
                line,
                layout: parent.to_string(),
            })?;
        Ok(Some(found))
    }

    /// The root scope of a render: Jekyll's site payload for this page.
    fn globals(&self, page: &Value, layout: Value, content: Value) -> Map {
        let mut globals = Map::new();
        globals.insert("site".into(), self.site.clone());
        globals.insert("page".into(), page.clone());
        globals.insert("layout".into(), layout);
        globals.insert("content".into(), content);
        globals.insert("paginator".into(), Value::Nil);
        globals.insert("jekyll".into(), self.jekyll.clone());
        globals
    }
}

/// `Convertible#render_with_liquid?`.
fn render_with_liquid(page: &Page) -> bool {
    let disabled = matches!(
        page.data.get("render_with_liquid"),
        Some(Value::Bool(false))
    );
    !disabled && has_liquid_construct(&page.content)
}
