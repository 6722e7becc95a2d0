//! Rendering one page or document (lib/jekyll/renderer.rb): Liquid over the
//! content, then the converter, then the layouts from the innermost out.
//! Layout data merges as Jekyll merges it: an inner layout's values win.

use crate::config::Config;
use crate::converter::{Converter, markdown, sass};
use crate::document::Document;
use crate::errors::{Error, Result};
use crate::generator::{Pager, visible_posts};
use crate::layout::Layout;
use crate::liquid::{Map, ParseOptions, RenderOptions, Template, Value};
use crate::liquid_renderer::{LiquidRenderer, PageHost};
use crate::page::Page;
use crate::regenerator::ItemDeps;
use crate::utils::{deep_merge, has_liquid_construct};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What rendering produces: the output, the content after conversion
/// (`document.content` once converted) and a source map for Sass.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub output: Arc<str>,
    pub converted: Arc<str>,
    pub source_map: Option<String>,
    /// The layouts and includes it used (`reads` is filled in by the site).
    pub deps: ItemDeps,
}

/// What the renderer needs of a page or a document (Jekyll's `Convertible`).
pub trait Convertible: Sync {
    /// The source-relative path, for `include_relative` and messages.
    fn relative_path(&self) -> String;
    /// The path relative to the site source, which `include_relative`
    /// resolves against (documents live below `collections_dir`).
    fn source_relative_path(&self) -> String {
        self.relative_path()
    }
    /// The name Liquid errors give (`page.path`).
    fn liquid_path(&self) -> String;
    fn content(&self) -> &str;
    fn body_line(&self) -> usize;
    fn data(&self) -> &Map;
    fn extname(&self) -> &str;
    /// The output file name, for a Sass source map.
    fn output_name(&self) -> String;
    fn layout_name(&self) -> Option<String>;
    fn layout_line(&self) -> Option<usize>;
    /// Documents show their converted content to layouts; pages their source.
    fn live_content(&self) -> bool;
    /// The jekyll-paginate pager of a pagination page.
    fn pager(&self) -> Option<&Pager> {
        None
    }
}

/// Read-only state shared by every render of one build.
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
    /// `Renderer#run`: Liquid, conversion, layouts. `site` overrides the
    /// shared site value (a post sees its own `related_posts`).
    pub fn render(
        &self,
        item: &dyn Convertible,
        page: &Value,
        site: Option<&Value>,
    ) -> Result<Rendered> {
        self.render_with(item, page, site, None)
    }

    /// `render`, where `site_in_layouts` gives the site the layouts see once
    /// the item's content is converted (Jekyll's live drops then show the
    /// item itself converted).
    pub fn render_with(
        &self,
        item: &dyn Convertible,
        page: &Value,
        site: Option<&Value>,
        site_in_layouts: Option<&dyn Fn(&str) -> Value>,
    ) -> Result<Rendered> {
        let host = self.liquid.host(&item.source_relative_path());
        let site = site.unwrap_or(&self.site);
        let converter = Converter::for_ext(item.extname(), self.config);
        let paginator = paginator(item, site);
        let mut output = item.content().to_string();
        if render_with_liquid(item.data(), item.content()) {
            let template =
                self.liquid
                    .parse(&item.liquid_path(), item.content(), item.body_line())?;
            let layout = self
                .first_layout(item)
                .map(|l| l.data.clone())
                .unwrap_or_default();
            let layout = Value::hash(layout);
            let globals = globals(site, page, layout, Value::Nil, &paginator, &self.jekyll);
            output = self.liquid.render(
                &template,
                &item.liquid_path(),
                globals,
                &host,
                &self.options,
            )?;
        }
        let (converted, source_map) = self.convert(item, converter, output)?;
        let mut layouts = Vec::new();
        let output = match item.layout_name() {
            Some(name) if !converter.is_asset() && name != "none" => {
                let page = match item.live_content() {
                    true => with_key(page, "content", Value::from(converted.as_str())),
                    false => page.clone(),
                };
                let seen = site_in_layouts.map(|f| f(&converted));
                let chain = LayoutChain {
                    context: self,
                    item,
                    site: seen.as_ref().unwrap_or(site),
                    page: &page,
                    paginator: &paginator,
                    host: &host,
                };
                chain.place(&name, converted.clone(), &mut layouts)?
            }
            _ => converted.clone(),
        };
        let deps = ItemDeps {
            layouts: layouts.into_iter().collect(),
            includes: host.used_includes().into_iter().collect(),
            reads: Default::default(),
        };
        Ok(Rendered {
            output: output.into(),
            converted: converted.into(),
            source_map,
            deps,
        })
    }

    /// An excerpt (`Jekyll::Excerpt`): Liquid and conversion, never a layout.
    pub fn render_excerpt(
        &self,
        item: &dyn Convertible,
        content: &str,
        page: &Value,
    ) -> Result<String> {
        let host = self.liquid.host(&item.source_relative_path());
        let mut output = content.to_string();
        if render_with_liquid(item.data(), content) {
            let opts = ParseOptions {
                error_mode: self.config.liquid.error_mode,
                line_offset: item.body_line().saturating_sub(1),
            };
            let template = Template::parse(content, &item.liquid_path(), &opts)?;
            let nil = Value::Nil;
            let globals = globals(&self.site, page, Value::Nil, Value::Nil, &nil, &self.jekyll);
            let name = format!("{}/#excerpt", item.liquid_path());
            output = self
                .liquid
                .render(&template, &name, globals, &host, &self.options)?;
        }
        Ok(match Converter::for_ext(item.extname(), self.config) {
            Converter::Markdown => markdown::convert(&output, &self.markdown),
            _ => output,
        })
    }

    fn first_layout(&self, item: &dyn Convertible) -> Option<&Layout> {
        self.layouts.get(&item.layout_name()?)
    }

    fn convert(
        &self,
        item: &dyn Convertible,
        converter: Converter,
        content: String,
    ) -> Result<(String, Option<String>)> {
        match converter {
            Converter::Markdown => Ok((markdown::convert(&content, &self.markdown), None)),
            Converter::Scss | Converter::Sass => {
                let indented = converter == Converter::Sass;
                let rel = item.relative_path();
                let compiled = sass::compile(
                    &content,
                    &rel,
                    item.body_line(),
                    indented,
                    &item.output_name(),
                    self.config,
                )?;
                Ok((compiled.css, compiled.map))
            }
            Converter::Identity => Ok((content, None)),
        }
    }
}

/// One walk up a chain of layouts (`Renderer#place_in_layouts`). A missing
/// layout is Jekyll's build warning (naming the file and, beyond Jekyll, the
/// line) and the chain stops there, as in Jekyll; with hyde's own
/// `strict_layouts: true` it is an error. A layout cycle is always an error (Jekyll silently ends it).
struct LayoutChain<'a> {
    context: &'a RenderContext<'a>,
    item: &'a dyn Convertible,
    site: &'a Value,
    page: &'a Value,
    paginator: &'a Value,
    host: &'a PageHost<'a>,
}

impl LayoutChain<'_> {
    /// Renders the chain from `name` outwards; `used` gets each layout's name.
    fn place(&self, name: &str, mut output: String, used: &mut Vec<String>) -> Result<String> {
        let ctx = self.context;
        used.push(name.to_string());
        let Some(mut layout) = ctx.layouts.get(name) else {
            self.missing(Error::MissingLayout {
                file: self.item.relative_path(),
                line: self.item.layout_line().unwrap_or(1),
                layout: name.to_string(),
            })?;
            return Ok(output);
        };
        let mut layout_value = Map::new();
        loop {
            layout_value = deep_merge(&layout.data, &layout_value);
            output = self
                .render_layout(layout, &layout_value, output)
                .map_err(|e| Error::InLayouts {
                    source: Box::new(e),
                    page: self.item.relative_path(),
                    chain: used.join(" > "),
                })?;
            match self.parent_layout(layout, used)? {
                Some(parent) => layout = parent,
                None => return Ok(output),
            }
        }
    }

    /// `Renderer#render_layout`: one layout around `content`.
    fn render_layout(&self, layout: &Layout, data: &Map, content: String) -> Result<String> {
        let ctx = self.context;
        let template = ctx
            .liquid
            .parse(&layout.path, &layout.content, layout.body_line)?;
        let globals = globals(
            self.site,
            self.page,
            Value::hash(data.clone()),
            Value::from(content),
            self.paginator,
            &ctx.jekyll,
        );
        let output =
            ctx.liquid
                .render(&template, &layout.path, globals, self.host, &ctx.options)?;
        Ok(output)
    }

    /// The layout a layout names, or None when it names none (`null`, `none`).
    fn parent_layout(&self, layout: &Layout, used: &mut Vec<String>) -> Result<Option<&Layout>> {
        let Some(parent) = layout.parent().filter(|p| *p != "none") else {
            return Ok(None);
        };
        let line = layout.layout_line.unwrap_or(1);
        let cycle = used.iter().any(|u| u == parent);
        used.push(parent.to_string());
        if cycle {
            return Err(Error::LayoutCycle {
                file: layout.path.clone(),
                line,
                chain: used.join(" -> "),
            });
        }
        let found = self.context.layouts.get(parent);
        if found.is_none() {
            self.missing(Error::MissingLayout {
                file: layout.path.clone(),
                line,
                layout: parent.to_string(),
            })?;
        }
        Ok(found)
    }

    /// A layout that does not exist: Jekyll's "Build Warning:", or the error
    /// itself under `strict_layouts` (not `strict_front_matter`: Jekyll's own
    /// scenarios build a strict site whose posts name a missing layout).
    fn missing(&self, error: Error) -> Result<()> {
        let strict = self
            .context
            .config
            .data
            .get("strict_layouts")
            .is_some_and(Value::is_truthy);
        if strict {
            return Err(error);
        }
        crate::logger::warn("Build Warning:", &error.to_string());
        Ok(())
    }
}

/// The root scope of a render: Jekyll's site payload for one page.
fn globals(
    site: &Value,
    page: &Value,
    layout: Value,
    content: Value,
    paginator: &Value,
    jekyll: &Value,
) -> Map {
    let mut globals = Map::new();
    globals.insert("site".into(), site.clone());
    globals.insert("page".into(), page.clone());
    globals.insert("layout".into(), layout);
    globals.insert("content".into(), content);
    globals.insert("paginator".into(), paginator.clone());
    globals.insert("jekyll".into(), jekyll.clone());
    globals
}

/// `paginator`: the page's pager over the site's visible posts, else nil.
fn paginator(item: &dyn Convertible, site: &Value) -> Value {
    let Some(pager) = item.pager() else {
        return Value::Nil;
    };
    let posts = site
        .get("posts")
        .and_then(Value::as_array)
        .unwrap_or_default();
    pager.to_liquid(&visible_posts(posts))
}

/// A copy of a hash value with one key replaced (the entries are shared, so
/// this copies pointers, not the values).
pub fn with_key(value: &Value, key: &str, new: Value) -> Value {
    let mut map = value.as_hash().cloned().unwrap_or_default();
    map.insert(key.to_string(), new);
    Value::hash(map)
}

/// `Convertible#render_with_liquid?`.
fn render_with_liquid(data: &Map, content: &str) -> bool {
    let disabled = matches!(data.get("render_with_liquid"), Some(Value::Bool(false)));
    !disabled && has_liquid_construct(content)
}

impl Convertible for Page {
    fn relative_path(&self) -> String {
        Page::relative_path(self)
    }
    fn liquid_path(&self) -> String {
        self.path()
    }
    fn content(&self) -> &str {
        &self.content
    }
    fn body_line(&self) -> usize {
        self.body_line
    }
    fn data(&self) -> &Map {
        &self.data
    }
    fn extname(&self) -> &str {
        &self.ext
    }
    fn output_name(&self) -> String {
        format!("{}{}", self.basename, self.output_ext)
    }
    fn layout_name(&self) -> Option<String> {
        Page::layout_name(self)
    }
    fn layout_line(&self) -> Option<usize> {
        self.layout_line
    }
    fn live_content(&self) -> bool {
        false
    }
    fn pager(&self) -> Option<&Pager> {
        self.pager.as_ref()
    }
}

impl Convertible for Document {
    fn relative_path(&self) -> String {
        self.relative_path.clone()
    }
    fn liquid_path(&self) -> String {
        self.relative_path.clone()
    }
    fn source_relative_path(&self) -> String {
        self.source_rel.clone()
    }
    fn content(&self) -> &str {
        &self.content
    }
    fn body_line(&self) -> usize {
        self.body_line
    }
    fn data(&self) -> &Map {
        &self.data
    }
    fn extname(&self) -> &str {
        &self.extname
    }
    fn output_name(&self) -> String {
        format!("{}{}", self.basename_without_ext, self.output_ext)
    }
    fn layout_name(&self) -> Option<String> {
        Document::layout_name(self)
    }
    fn layout_line(&self) -> Option<usize> {
        self.layout_line
    }
    fn live_content(&self) -> bool {
        true
    }
}
