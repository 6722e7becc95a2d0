//! Builds the tree from tokens: Liquid 4.0.4's `BlockBody#parse`,
//! `Block#parse_body` and `Document` (lib/liquid/block_body.rb, block.rb,
//! document.rb), including `{%-`/`-%}` whitespace control, the blank-body
//! rule and the warn/lax/strict markup switch (parser_switching.rb).
//! As a superset, Liquid 5.4's `{% liquid %}` tag (one tag per line, parsed
//! into the enclosing body, block_body.rb `parse_for_liquid_tag`) and the
//! `#` tag name of inline comments are accepted.

use super::ast::{Body, Node, Tag};
use super::error::Error;
use super::markup::StrictResult;
use super::tags;
use super::tokenize::{Token, is_ruby_space, re, tokenize};
use super::variable::Variable;
use super::{ErrorMode, ParseOptions};
use regex::Regex;
use std::sync::LazyLock;

static FULL_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?s)\A\{%-?[ \t\r\n\x0B\x0C]*(#|[0-9A-Za-z_]+)([ \t\r\n\x0B\x0C]*)(.*?)-?%\}\z")
});
/// Liquid 5's `LiquidTagToken`: one line of a `{% liquid %}` tag.
static LIQUID_TAG_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| re(r"\A[ \t\r\n\x0B\x0C]*(#|[0-9A-Za-z_]+)[ \t\r\n\x0B\x0C]*(.*?)\z"));
static CONTENT_OF_VARIABLE: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)\A\{\{-?(.*?)-?\}\}\z"));

const MAX_DEPTH: usize = 100;

/// The callback of `parse_block`: a finished body and the tag that ended it.
pub type OnBody<'c, 's> =
    dyn FnMut(&mut ParseContext<'s>, Body, Option<&EndTag>) -> Result<bool, Error> + 'c;

/// A tag that ended a body: an end tag or an intermediate one (`else`, `when`).
#[derive(Debug)]
pub struct EndTag {
    pub name: String,
    pub markup: String,
    pub line: usize,
}

/// Parser state shared by all tags of one template.
pub struct ParseContext<'s> {
    tokens: Vec<Token<'s>>,
    pos: usize,
    pub file: String,
    pub mode: ErrorMode,
    line_offset: usize,
    pub warnings: Vec<Error>,
    trim_whitespace: bool,
    depth: usize,
    /// Line of the token being handled (file line).
    pub line: usize,
    /// Inside `{% liquid %}`: every token is one line holding one tag.
    liquid_tag: bool,
}

/// Parses a whole template into its root body.
pub fn parse_document(
    source: &str,
    file: &str,
    opts: &ParseOptions,
) -> Result<(Body, Vec<Error>), Error> {
    let mut ctx = ParseContext {
        tokens: tokenize(source),
        pos: 0,
        file: file.to_string(),
        mode: opts.error_mode,
        line_offset: opts.line_offset,
        warnings: Vec::new(),
        trim_whitespace: false,
        depth: 0,
        line: 1 + opts.line_offset,
        liquid_tag: false,
    };
    let mut body = Body::new();
    if let Some(end) = ctx.parse_body(&mut body)? {
        let msg = match end.name.as_str() {
            "else" | "end" => format!("Unexpected outer '{}' tag", end.name),
            _ => format!("Unknown tag '{}'", end.name),
        };
        return Err(Error::syntax(msg, file, end.line));
    }
    Ok((body, ctx.warnings))
}

impl<'s> ParseContext<'s> {
    pub fn syntax_error(&self, message: impl Into<String>) -> Error {
        Error::syntax(message, &self.file, self.line)
    }

    /// Where the parser is: the index of the next token.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The source text of the tokens from `start` to the current position.
    pub fn token_texts(&self, start: usize) -> impl Iterator<Item = &str> {
        let end = self.pos.min(self.tokens.len());
        self.tokens[start.min(end)..end].iter().map(|t| t.text)
    }

    /// Next raw token (for `raw`).
    pub fn next_token(&mut self) -> Option<Token<'s>> {
        let t = self.tokens.get(self.pos).copied();
        if let Some(t) = t {
            self.pos += 1;
            self.line = t.line + self.line_offset;
        }
        t
    }

    /// `BlockBody#parse`: fills `body` until an unregistered tag (returned)
    /// or the end of the template (`None`).
    pub fn parse_body(&mut self, body: &mut Body) -> Result<Option<EndTag>, Error> {
        if self.liquid_tag {
            return self.parse_liquid_lines(body);
        }
        while let Some(token) = self.next_token() {
            if token.text.is_empty() {
                continue;
            }
            if token.is_tag() {
                self.whitespace_handler(token.text, body);
                let Some(c) = FULL_TOKEN.captures(token.text) else {
                    return Err(self.syntax_error(format!(
                        "Tag '{}' was not properly terminated with regexp: /\\%\\}}/",
                        token.text
                    )));
                };
                let (name, markup) = (c[1].to_string(), c[3].to_string());
                let line = self.line;
                if name == "liquid" {
                    let first_line = line + c[2].matches('\n').count();
                    self.parse_liquid_tag(&markup, first_line, body)?;
                    continue;
                }
                match tags::parse(self, &name, &markup)? {
                    Some(tag) => {
                        body.blank &= tag.blank();
                        body.nodes.push(Node::Tag { tag, line });
                    }
                    None => return Ok(Some(EndTag { name, markup, line })),
                }
            } else if token.is_output() {
                self.whitespace_handler(token.text, body);
                let Some(c) = CONTENT_OF_VARIABLE.captures(token.text) else {
                    return Err(self.syntax_error(format!(
                        "Variable '{}' was not properly terminated with regexp: /\\}}\\}}/",
                        token.text
                    )));
                };
                let var = self.variable(&c[1])?;
                body.nodes.push(Node::Output {
                    var,
                    line: self.line,
                });
                body.blank = false;
            } else {
                let mut text = token.text;
                if self.trim_whitespace {
                    text = text.trim_start_matches(is_ruby_space);
                }
                self.trim_whitespace = false;
                body.blank &= text.chars().all(is_ruby_space);
                body.nodes.push(Node::Text(text.to_string()));
            }
        }
        Ok(None)
    }

    /// `BlockBody#parse_liquid_tag`: the tag's lines, parsed into `body`
    /// (the enclosing body) by a line-mode parser whose first line is `first_line`.
    fn parse_liquid_tag(
        &mut self,
        markup: &str,
        first_line: usize,
        body: &mut Body,
    ) -> Result<(), Error> {
        let tokens = markup
            .split('\n')
            .enumerate()
            .map(|(i, text)| Token {
                text,
                line: first_line + i,
            })
            .collect();
        let mut inner = ParseContext {
            tokens,
            pos: 0,
            file: self.file.clone(),
            mode: self.mode,
            line_offset: 0,
            warnings: std::mem::take(&mut self.warnings),
            trim_whitespace: false,
            depth: self.depth,
            line: first_line,
            liquid_tag: true,
        };
        let end = inner.parse_body(body);
        self.warnings = inner.warnings;
        match end? {
            Some(end) => Err(unknown_tag_error(self, "liquid", &end)),
            None => Ok(()),
        }
    }

    /// `BlockBody#parse_for_liquid_tag`: one tag per non-blank line; a
    /// line that is no tag, or an unregistered tag, ends the body.
    fn parse_liquid_lines(&mut self, body: &mut Body) -> Result<Option<EndTag>, Error> {
        while let Some(token) = self.next_token() {
            if token.text.chars().all(is_ruby_space) {
                continue;
            }
            let line = self.line;
            let Some(c) = LIQUID_TAG_TOKEN.captures(token.text) else {
                let text = token.text.to_string();
                return Ok(Some(EndTag {
                    name: text.clone(),
                    markup: text,
                    line,
                }));
            };
            let (name, markup) = (c[1].to_string(), c[2].to_string());
            match tags::parse(self, &name, &markup)? {
                Some(tag) => {
                    body.blank &= tag.blank();
                    body.nodes.push(Node::Tag { tag, line });
                }
                None => return Ok(Some(EndTag { name, markup, line })),
            }
        }
        Ok(None)
    }

    fn whitespace_handler(&mut self, token: &str, body: &mut Body) {
        let b = token.as_bytes();
        if b.get(2) == Some(&b'-')
            && let Some(Node::Text(prev)) = body.nodes.last_mut()
        {
            let keep = prev.trim_end_matches(is_ruby_space).len();
            prev.truncate(keep);
        }
        self.trim_whitespace = b.len() >= 3 && b[b.len() - 3] == b'-';
    }

    /// `Block#parse_body` with the nesting limit; the caller handles the end tag.
    pub fn parse_block_body(&mut self, body: &mut Body) -> Result<Option<EndTag>, Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.syntax_error("Nesting too deep"));
        }
        self.depth += 1;
        let result = self.parse_body(body);
        self.depth -= 1;
        result
    }

    /// Parses a block's bodies up to its end tag. Each finished body is
    /// handed to `on_body` with the tag that ended it (`None` for the end
    /// tag); `on_body` returns `Ok(false)` for a tag the block does not know.
    pub fn parse_block(
        &mut self,
        block_name: &str,
        on_body: &mut OnBody<'_, 's>,
    ) -> Result<(), Error> {
        let end_name = format!("end{block_name}");
        // Liquid reports the line where it ran out of tokens; the opening
        // tag's line says more and is what hyde reports.
        let opening_line = self.line;
        loop {
            let mut body = Body::new();
            let end = self.parse_block_body(&mut body)?;
            let Some(end) = end else {
                let message = format!("'{block_name}' tag was never closed");
                return Err(Error::syntax(message, &self.file, opening_line));
            };
            if end.name == end_name {
                on_body(self, body, None)?;
                return Ok(());
            }
            if !on_body(self, body, Some(&end))? {
                return Err(unknown_tag_error(self, block_name, &end));
            }
        }
    }

    /// `Variable.new(markup)` under the selected error mode.
    pub fn variable(&mut self, markup: &str) -> Result<Variable, Error> {
        let ctx_markup = format!("in \"{{{{{markup}}}}}\"");
        self.switch(markup, &ctx_markup, Variable::strict, |m| {
            Ok(Variable::lax(m))
        })
    }

    /// `parse_with_selected_parser`: strict, lax, or strict-with-lax-fallback.
    pub fn switch<T>(
        &mut self,
        markup: &str,
        context: &str,
        strict: impl Fn(&str) -> StrictResult<T>,
        lax: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, Error> {
        let lax_or_error = |this: &Self| lax(markup).map_err(|m| this.syntax_error(m));
        match self.mode {
            ErrorMode::Lax => lax_or_error(self),
            ErrorMode::Strict => {
                strict(markup).map_err(|m| self.syntax_error(format!("{m} {context}")))
            }
            ErrorMode::Warn => match strict(markup) {
                Ok(v) => Ok(v),
                Err(m) => {
                    let w = self.syntax_error(format!("{m} {context}"));
                    self.warnings.push(w);
                    lax_or_error(self)
                }
            },
        }
    }
}

fn unknown_tag_error(ctx: &ParseContext, block_name: &str, end: &EndTag) -> Error {
    // The `liquid` tag is closed by `%}`, not by an end tag.
    let delimiter = match block_name {
        "liquid" => "%}".to_string(),
        _ => format!("end{block_name}"),
    };
    let msg = if end.name == "else" {
        format!("{block_name} tag does not expect 'else' tag")
    } else if end.name.starts_with("end") {
        format!(
            "'{}' is not a valid delimiter for {block_name} tags. use {delimiter}",
            end.name
        )
    } else {
        format!("Unknown tag '{}'", end.name)
    };
    Error::syntax(msg, &ctx.file, end.line)
}

/// Parses a block without intermediate tags (`capture`, `ifchanged`).
pub fn simple_block(ctx: &mut ParseContext, name: &str) -> Result<Body, Error> {
    let mut out = Body::new();
    ctx.parse_block(name, &mut |_, body, end| {
        out = body;
        Ok(end.is_none())
    })?;
    Ok(out)
}

/// `Tag::Comment`'s parse: nested tags are parsed, unknown ones ignored.
pub fn comment_block(ctx: &mut ParseContext) -> Result<Tag, Error> {
    ctx.parse_block("comment", &mut |_, _, _| Ok(true))?;
    Ok(Tag::Comment)
}
