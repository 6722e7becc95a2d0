//! The registered tags and their parsers. Small tags (assign, capture,
//! increment, decrement, raw, comment, break, continue, ifchanged) live here;
//! Liquid 4.0.4 keeps each in lib/liquid/tags/*.rb. Liquid 5.4's `echo`,
//! `#` (inline comment, tags/echo.rb, inline_comment.rb) and `render` are
//! accepted as a superset.

pub mod case;
pub mod cycle;
pub mod for_loop;
pub mod if_tag;
pub mod include;
pub mod jekyll;
pub mod render;
pub mod table_row;

use super::ast::Tag;
use super::error::Error;
use super::parser::{ParseContext, comment_block, simple_block};
use super::tokenize::{is_ruby_space, re};
use regex::Regex;
use std::sync::LazyLock;

static ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?s)((?:\(?[0-9A-Za-z_\-.\[\]]\)?)+)[ \t\r\n\x0B\x0C]*=[ \t\r\n\x0B\x0C]*(.*)")
});
static CAPTURE: LazyLock<Regex> = LazyLock::new(|| re(r"((?:\(?[0-9A-Za-z_\-.\[\]]\)?)+)"));
/// Liquid 5.4's check that every line of an inline comment starts with `#`.
static INLINE_COMMENT_INVALID: LazyLock<Regex> =
    LazyLock::new(|| re(r"\n[ \t\r\n\x0B\x0C]*[^# \t\r\n\x0B\x0C]"));
static RAW_END: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?s)\A(.*)\{%[ \t\r\n\x0B\x0C]*([0-9A-Za-z_]+)[ \t\r\n\x0B\x0C]*(.*)?%\}\z")
});

/// Parses tag `name` if it is registered; `None` hands it back to the
/// enclosing block (end tags, `else`, unknown tags).
pub fn parse(ctx: &mut ParseContext, name: &str, markup: &str) -> Result<Option<Tag>, Error> {
    let tag = match name {
        "assign" => assign(ctx, markup)?,
        "capture" => capture(ctx, markup)?,
        "if" => Tag::If(if_tag::parse(ctx, markup, false)?),
        "unless" => Tag::If(if_tag::parse(ctx, markup, true)?),
        "case" => Tag::Case(case::parse(ctx, markup)?),
        "for" => Tag::For(for_loop::parse(ctx, markup)?),
        "tablerow" => Tag::TableRow(table_row::parse(ctx, markup)?),
        "break" => Tag::Break,
        "continue" => Tag::Continue,
        "cycle" => Tag::Cycle(cycle::parse(ctx, markup)?),
        "increment" => Tag::Increment(markup.trim_matches(is_ruby_space).to_string()),
        "decrement" => Tag::Decrement(markup.trim_matches(is_ruby_space).to_string()),
        "raw" => raw(ctx, markup)?,
        "comment" => comment_block(ctx)?,
        "ifchanged" => Tag::IfChanged(simple_block(ctx, "ifchanged")?),
        "include" => Tag::Include(include::parse(ctx, markup, false)?),
        "include_relative" => Tag::Include(include::parse(ctx, markup, true)?),
        "highlight" => Tag::Highlight(jekyll::parse_highlight(ctx, markup)?),
        "link" => Tag::Link(jekyll::parse_link(ctx, markup)?),
        "post_url" => Tag::PostUrl(jekyll::parse_post_url(ctx, markup)?),
        "echo" => Tag::Echo(ctx.variable(markup)?),
        "#" => inline_comment(ctx, markup)?,
        "render" => Tag::Render(render::parse(ctx, markup)?),
        _ => return Ok(None),
    };
    Ok(Some(tag))
}

fn assign(ctx: &mut ParseContext, markup: &str) -> Result<Tag, Error> {
    let Some(c) = ASSIGN.captures(markup) else {
        return Err(
            ctx.syntax_error("Syntax Error in 'assign' - Valid syntax: assign [var] = [source]")
        );
    };
    let to = c[1].to_string();
    let from = ctx.variable(&c[2])?;
    Ok(Tag::Assign { to, from })
}

fn capture(ctx: &mut ParseContext, markup: &str) -> Result<Tag, Error> {
    let Some(c) = CAPTURE.captures(markup) else {
        return Err(ctx.syntax_error("Syntax Error in 'capture' - Valid syntax: capture [var]"));
    };
    let to = c[1].to_string();
    let body = simple_block(ctx, "capture")?;
    Ok(Tag::Capture { to, body })
}

/// `InlineComment#initialize`: a comment spread over lines needs a `#` on each.
fn inline_comment(ctx: &mut ParseContext, markup: &str) -> Result<Tag, Error> {
    if INLINE_COMMENT_INVALID.is_match(markup) {
        return Err(ctx.syntax_error(
            "Syntax error in tag '#' - Each line of comments must be prefixed by the '#' character",
        ));
    }
    Ok(Tag::Comment)
}

/// `Raw#parse`: tokens verbatim up to the first `{% endraw %}`.
fn raw(ctx: &mut ParseContext, markup: &str) -> Result<Tag, Error> {
    if !markup.chars().all(is_ruby_space) {
        return Err(ctx.syntax_error("Syntax Error in 'raw' - Valid syntax: raw"));
    }
    let opening_line = ctx.line;
    let mut body = String::new();
    while let Some(token) = ctx.next_token() {
        if let Some(c) = RAW_END.captures(token.text) {
            body.push_str(&c[1]);
            if &c[2] == "endraw" {
                return Ok(Tag::Raw(body));
            }
        }
        body.push_str(token.text);
    }
    Err(Error::syntax(
        "'raw' tag was never closed",
        &ctx.file,
        opening_line,
    ))
}
