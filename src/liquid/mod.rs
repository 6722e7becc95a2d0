//! hyde's Liquid engine: Liquid 4.0.4 as Jekyll 4.3 runs it (warn error
//! mode, Jekyll's filters and `include` tag). Templates are parsed once into
//! a `Send + Sync` tree; values are shared through `Arc`; every error names
//! its file and line. Mirrors lib/liquid/template.rb and Jekyll's
//! lib/jekyll/liquid_renderer*.rb split between engine and host.

pub mod ast;
pub mod error;
pub mod expression;
pub mod filters;
pub mod json;
pub mod markup;
pub mod parser;
pub mod render;
pub mod ruby;
pub mod tags;
pub mod tokenize;
pub mod value;
pub mod variable;

pub use error::{Error, ErrorKind, IncludeError};
pub use value::{Map, Value};

use std::sync::Arc;

/// Liquid's `error_mode` (config `liquid.error_mode`; Jekyll's default is `warn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorMode {
    Lax,
    #[default]
    Warn,
    Strict,
}

#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub error_mode: ErrorMode,
    /// Lines before the template inside its file (front matter), so that
    /// reported lines are file lines.
    pub line_offset: usize,
}

/// Jekyll's `liquid.strict_variables` / `liquid.strict_filters`.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub strict_variables: bool,
    pub strict_filters: bool,
}

/// A parsed template.
#[derive(Debug)]
pub struct Template {
    root: ast::Body,
    file: String,
    warnings: Vec<Error>,
}

impl Template {
    /// `file` is the path shown in errors, e.g. "pages/index.md" or "_includes/nav.html".
    pub fn parse(source: &str, file: &str, opts: &ParseOptions) -> Result<Template, Error> {
        let (root, warnings) = parser::parse_document(source, file, opts)?;
        Ok(Template {
            root,
            file: file.to_string(),
            warnings,
        })
    }

    /// Warn-mode parse warnings (markup the strict parser rejected).
    pub fn warnings(&self) -> &[Error] {
        &self.warnings
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub(crate) fn root(&self) -> &ast::Body {
        &self.root
    }

    /// Renders with `globals` as the root scope (site, page, layout, content, ...).
    /// Errors abort the render, as Jekyll's `render!` does.
    pub fn render(
        &self,
        globals: Map,
        host: &dyn Host,
        opts: &RenderOptions,
    ) -> Result<String, Error> {
        let mut ctx = render::Context::new(globals, host, opts, &self.file);
        let mut out = String::new();
        ctx.render_body(&self.root, &mut out)?;
        Ok(out)
    }
}

/// What the engine asks of the site: includes, Markdown, configuration, time.
pub trait Host: Send + Sync {
    /// Parsed include from `_includes` (the host caches; `from` = file of the including template).
    fn include(&self, name: &str, from: &str) -> Result<Arc<Template>, IncludeError>;
    /// Parsed include relative to the including page (`include_relative`).
    fn include_relative(&self, name: &str, from: &str) -> Result<Arc<Template>, IncludeError>;
    fn markdownify(&self, input: &str) -> String;
    fn smartify(&self, input: &str) -> String {
        input.to_string()
    }
    /// The site configuration (for baseurl / url in relative_url / absolute_url).
    fn config(&self) -> &Map;
    /// "Now" (SOURCE_DATE_EPOCH-pinned by the host), for `date: "now"`.
    fn now(&self) -> jiff::ZonedDateTime;
    /// `sassify` (`indented`) / `scssify`: the CSS of a Sass or SCSS string
    /// with the site's Sass settings. The default returns the input.
    fn sass(&self, input: &str, indented: bool) -> Result<String, String> {
        let _ = indented;
        Ok(input.to_string())
    }
    /// `{% highlight lang [linenos] %}`: the highlighted HTML of `code`
    /// (Rouge's formatter output, without Jekyll's `<figure>` wrapper, which
    /// the engine adds). The default is Jekyll's non-Rouge fallback: the
    /// code HTML-escaped and stripped.
    fn highlight(&self, code: &str, lang: &str, linenos: bool) -> String {
        let _ = (lang, linenos);
        filters::string::escape_html(code).trim().to_string()
    }
    /// `{% link path %}`: the URL (before `relative_url`) of the page, document
    /// or static file whose relative path is `relative_path`.
    fn link(&self, relative_path: &str) -> Result<String, String> {
        Err(format!(
            "Could not find document '{relative_path}' in tag 'link'.\n\nMake sure the document exists and the path is correct.\n"
        ))
    }
    /// `{% post_url name %}`: the URL (before `relative_url`) of the post
    /// `name` (`2023-01-31-title` or `dir/2023-01-31-title`).
    fn post_url(&self, name: &str) -> Result<String, String> {
        Err(format!(
            "Could not find post \"{name}\" in tag 'post_url'.\nMake sure the post exists and the name is correct.\n"
        ))
    }
}

#[cfg(test)]
mod tests;
