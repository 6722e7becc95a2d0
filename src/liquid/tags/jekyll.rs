//! Jekyll's own tags besides `include`: `highlight` (lib/jekyll/tags/highlight.rb),
//! `link` (link.rb) and `post_url` (post_url.rb). The host highlights code
//! and finds files and posts; the engine does the markup, the `<figure>`
//! wrapper and `relative_url`.

use crate::liquid::ast::Body;
use crate::liquid::error::{Error, ErrorKind};
use crate::liquid::parser::{ParseContext, parse_document, simple_block};
use crate::liquid::render::{Context, write_output};
use crate::liquid::tokenize::re;
use crate::liquid::{ErrorMode, ParseOptions};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug)]
pub struct Highlight {
    pub lang: String,
    pub linenos: bool,
    pub body: Body,
}

static SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?m)^([a-zA-Z0-9.+#_-]+)((?:[ \t\r\n\x0B\x0C]+[0-9A-Za-z_]+(?:=(?:[0-9A-Za-z_]+|"(?:[0-9]+[ \t\r\n\x0B\x0C])*[0-9]+"))?)*)$"#,
    )
});
static OPTION: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?:[0-9A-Za-z_]="[^"]*"|[0-9A-Za-z_]=[0-9A-Za-z_]|[0-9A-Za-z_])+"#));
static POST_NAME: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)^(.+/)*(\d+-\d+-\d+)-(.*)$"));

pub fn parse_highlight(ctx: &mut ParseContext, markup: &str) -> Result<Highlight, Error> {
    let Some(c) = SYNTAX.captures(markup.trim()) else {
        return Err(ctx.syntax_error(
            "Syntax Error in tag 'highlight' while parsing the following markup:\nValid syntax: highlight <lang> [linenos]\n",
        ));
    };
    let lang = c[1].to_lowercase();
    let linenos = OPTION
        .find_iter(&c[2])
        .any(|o| o.as_str().split('=').next() == Some("linenos"));
    Ok(Highlight {
        lang,
        linenos,
        body: simple_block(ctx, "highlight")?,
    })
}

/// `{% link path %}`: the path may contain Liquid, rendered at render time.
pub fn parse_link(ctx: &mut ParseContext, markup: &str) -> Result<Body, Error> {
    let opts = ParseOptions {
        error_mode: ErrorMode::Lax,
        line_offset: ctx.line.saturating_sub(1),
    };
    Ok(parse_document(markup.trim(), &ctx.file, &opts)?.0)
}

pub fn parse_post_url(ctx: &mut ParseContext, markup: &str) -> Result<String, Error> {
    let name = markup.trim().to_string();
    if !POST_NAME.is_match(name.strip_prefix('/').unwrap_or(&name)) {
        return Err(Error::new(
            ErrorKind::Syntax,
            format!(
                "Could not parse name of post \"{name}\" in tag 'post_url'.\n Make sure the post exists and the name is correct.\n"
            ),
            &ctx.file,
            ctx.line,
        ));
    }
    Ok(name)
}

fn is_line_terminator(c: char) -> bool {
    c == '\n' || c == '\r'
}

impl Highlight {
    pub fn render(&self, ctx: &mut Context, out: &mut String) -> Result<(), Error> {
        let prefix = ctx.find_variable("highlighter_prefix")?;
        let suffix = ctx.find_variable("highlighter_suffix")?;
        let mut code = String::new();
        ctx.render_body(&self.body, &mut code)?;
        let code = code.trim_matches(is_line_terminator);
        let html = ctx.host.highlight(code, &self.lang, self.linenos);
        write_output(&prefix, out);
        out.push_str(&format!(
            "<figure class=\"highlight\"><pre><code class=\"language-{}\" data-lang=\"{}\">{}</code></pre></figure>",
            self.lang.replace('+', "-"),
            self.lang,
            html.strip_suffix('\n').unwrap_or(&html)
        ));
        write_output(&suffix, out);
        Ok(())
    }
}

pub fn render_link(ctx: &mut Context, path: &Body, out: &mut String) -> Result<(), Error> {
    let mut rel = String::new();
    ctx.render_body(path, &mut rel)?;
    let url = ctx.host.link(&rel).map_err(|m| ctx.error(m))?;
    out.push_str(&super::super::filters::jekyll::relative_url_of(ctx, &url));
    Ok(())
}

pub fn render_post_url(ctx: &mut Context, name: &str, out: &mut String) -> Result<(), Error> {
    let url = ctx.host.post_url(name).map_err(|m| ctx.error(m))?;
    out.push_str(&super::super::filters::jekyll::relative_url_of(ctx, &url));
    Ok(())
}
