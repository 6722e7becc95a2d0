//! Jekyll's `include` and `include_relative` (Jekyll 4.3
//! lib/jekyll/tags/include.rb): `{% include file.html k=v k2="s" %}`, a
//! file name that may contain `{{ }}`, parameters exposed as `include.*` in
//! a new scope. The host finds and parses the file.

use crate::liquid::ast::Body;
use crate::liquid::error::{Error, ErrorKind};
use crate::liquid::expression::Expr;
use crate::liquid::parser::{ParseContext, parse_document};
use crate::liquid::render::Context;
use crate::liquid::tokenize::re;
use crate::liquid::value::{Map, Value};
use crate::liquid::{ErrorMode, ParseOptions};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug)]
pub struct Include {
    pub relative: bool,
    /// The file name as written, or a template when it contains `{{ }}`.
    pub file: String,
    pub file_template: Option<Body>,
    /// `None` when the tag has no parameters (then no `include` is set).
    pub params: Option<String>,
}

const VALID_SYNTAX: &str = r#"([0-9A-Za-z_-]+)[ \t\r\n\x0B\x0C]*=[ \t\r\n\x0B\x0C]*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([0-9A-Za-z_.-]+))"#;
static PARAM: LazyLock<Regex> = LazyLock::new(|| re(VALID_SYNTAX));
static PARAM_AT_START: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\A(?:{VALID_SYNTAX})")));
static VARIABLE_SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?s)(?P<variable>[^{]*(?:\{\{[ \t\r\n\x0B\x0C]*[0-9A-Za-z_\-.]+[ \t\r\n\x0B\x0C]*(?:\|.*)?\}\}[^ \t\r\n\x0B\x0C{}]*)+)(?P<params>.*)",
    )
});
static HAS_VARIABLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?s)[^{]*(?:\{\{[ \t\r\n\x0B\x0C]*[0-9A-Za-z_\-.]+[ \t\r\n\x0B\x0C]*(?:\|.*)?\}\}[^ \t\r\n\x0B\x0C{}]*)+",
    )
});
static VALID_FILENAME: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)^[0-9A-Za-z_/.\-()+~#@]+$"));
static INVALID_SEQUENCES: LazyLock<Regex> = LazyLock::new(|| re(r"[./]{2,}"));

pub fn parse(ctx: &mut ParseContext, markup: &str, relative: bool) -> Result<Include, Error> {
    let tag = if relative {
        "include_relative"
    } else {
        "include"
    };
    let markup = markup.trim();
    let (file, params) = match VARIABLE_SYNTAX.captures(markup) {
        Some(c) => (
            c["variable"].trim().to_string(),
            Some(c["params"].trim().to_string()),
        ),
        None => match markup.split_once(|c: char| c.is_ascii_whitespace()) {
            Some((f, p)) => (f.to_string(), Some(p.trim_start().to_string())),
            None => (markup.to_string(), None),
        },
    };
    if let Some(p) = &params
        && !valid_params(p)
    {
        return Err(Error::new(
            ErrorKind::Syntax,
            format!(
                "Invalid syntax for include tag:\n\n{p}\n\nValid syntax:\n\n{{% {tag} file.ext param='value' param2='value' %}}\n\n"
            ),
            &ctx.file,
            ctx.line,
        ));
    }
    let file_template = if HAS_VARIABLE.is_match(&file) {
        let opts = ParseOptions {
            error_mode: ErrorMode::Lax,
            line_offset: ctx.line.saturating_sub(1),
        };
        Some(parse_document(&file, &ctx.file, &opts)?.0)
    } else {
        None
    };
    Ok(Include {
        relative,
        file,
        file_template,
        params,
    })
}

/// `FULL_VALID_SYNTAX`: `\A\s*(?:VALID_SYNTAX(?=\s|\z)\s*)*\z`.
fn valid_params(p: &str) -> bool {
    let mut rest = p.trim_start();
    while !rest.is_empty() {
        let Some(m) = PARAM_AT_START.find(rest) else {
            return false;
        };
        rest = &rest[m.end()..];
        if !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_whitespace()) {
            return false;
        }
        rest = rest.trim_start();
    }
    true
}

fn unescape(s: &str, quote: char) -> String {
    s.replace(&format!("\\{quote}"), &quote.to_string())
}

impl Include {
    fn params(&self, ctx: &mut Context, params: &str) -> Result<Map, Error> {
        let mut map = Map::new();
        for c in PARAM.captures_iter(params) {
            let value = if let Some(d) = c.get(2) {
                Value::str(unescape(d.as_str(), '"'))
            } else if let Some(s) = c.get(3) {
                Value::str(unescape(s.as_str(), '\''))
            } else {
                let var = c.get(4).map_or("", |m| m.as_str());
                ctx.evaluate(&Expr::parse(var))?
            };
            map.insert(c[1].to_string(), value);
        }
        Ok(map)
    }

    fn file_name(&self, ctx: &mut Context) -> Result<String, Error> {
        let file = match &self.file_template {
            Some(body) => {
                let mut out = String::new();
                ctx.render_body(body, &mut out)?;
                out
            }
            None => self.file.clone(),
        };
        if INVALID_SEQUENCES.is_match(&file) || !VALID_FILENAME.is_match(&file) {
            let tag = if self.relative {
                "include_relative"
            } else {
                "include"
            };
            return Err(ctx.error_of(
                ErrorKind::Include,
                format!(
                    "Invalid syntax for include tag. File contains invalid characters or sequences:\n\n  {file}\n\nValid syntax:\n\n  {{% {tag} file.ext param='value' param2='value' %}}\n\n"
                ),
            ));
        }
        Ok(file)
    }

    pub fn render(&self, ctx: &mut Context, out: &mut String) -> Result<(), Error> {
        let file = self.file_name(ctx)?;
        let from = ctx.file.clone();
        let found = if self.relative {
            ctx.host.include_relative(&file, &from)
        } else {
            ctx.host.include(&file, &from)
        };
        let partial = found.map_err(|e| ctx.include_error(e))?;
        let scope = match &self.params {
            Some(p) => {
                let mut m = Map::new();
                m.insert("include".into(), Value::hash(self.params(ctx, p)?));
                m
            }
            None => Map::new(),
        };
        ctx.push_scope(scope)?;
        let result = ctx.render_partial(&partial, out);
        ctx.pop_scope();
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_validate_like_jekyll() {
        let cases = [
            ("a=1 b=\"x y\" c='z'", true),
            ("a=page.title", true),
            ("a=1b=2", false),
            ("a", false),
            ("", true),
        ];
        for (p, want) in cases {
            assert_eq!(valid_params(p), want, "{p}");
        }
    }
}
