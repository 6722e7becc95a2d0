//! `cycle`. Port of Liquid 4.0.4's lib/liquid/tags/cycle.rb. Unnamed cycles
//! are keyed by their values' markup, as Ruby keys them by `@variables.to_s`
//! (variable lookups make the key unique to the tag).

use crate::liquid::error::Error;
use crate::liquid::expression::Expr;
use crate::liquid::parser::ParseContext;
use crate::liquid::tokenize::{QUOTED_FRAGMENT, re};
use regex::Regex;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How the cycle's position is keyed in the render registers.
#[derive(Debug)]
pub enum CycleName {
    Named(Expr),
    Unnamed(String),
}

#[derive(Debug)]
pub struct Cycle {
    pub name: CycleName,
    pub values: Vec<Expr>,
}

static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?s)\A({QUOTED_FRAGMENT})[ \t\r\n\x0B\x0C]*:[ \t\r\n\x0B\x0C]*(.*)"
    ))
});
static SIMPLE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\A(?:{QUOTED_FRAGMENT})+")));
static VALUE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"({QUOTED_FRAGMENT})")));
static UNIQUE: AtomicUsize = AtomicUsize::new(0);

pub fn parse(ctx: &mut ParseContext, markup: &str) -> Result<Cycle, Error> {
    if let Some(c) = NAMED.captures(markup) {
        return Ok(Cycle {
            name: CycleName::Named(Expr::parse(&c[1])),
            values: values(&c[2]),
        });
    }
    if SIMPLE.is_match(markup) {
        let values = values(markup);
        let key = if values.iter().all(Expr::is_literal) {
            literal_key(markup)
        } else {
            format!("#cycle{}", UNIQUE.fetch_add(1, Ordering::Relaxed))
        };
        return Ok(Cycle {
            name: CycleName::Unnamed(key),
            values,
        });
    }
    Err(ctx.syntax_error(
        "Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 ...]",
    ))
}

fn literal_key(markup: &str) -> String {
    let parts: Vec<String> = markup
        .split(',')
        .filter_map(|v| VALUE.captures(v).map(|c| c[1].to_string()))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// `variables_from_string`.
fn values(markup: &str) -> Vec<Expr> {
    let mut parts: Vec<&str> = markup.split(',').collect();
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts
        .into_iter()
        .filter_map(|v| VALUE.captures(v).map(|c| Expr::parse(&c[1])))
        .collect()
}
