//! `case` / `when` / `else`. Port of Liquid 4.0.4's lib/liquid/tags/case.rb:
//! every matching `when` renders (a body matched twice renders twice), and
//! `else` renders only if no `when` matched before it.

use crate::liquid::ast::Body;
use crate::liquid::error::Error;
use crate::liquid::expression::Expr;
use crate::liquid::parser::{EndTag, ParseContext};
use crate::liquid::tokenize::{QUOTED_FRAGMENT, re};
use regex::Regex;
use std::sync::LazyLock;

/// A `case` block: `whens` index into `bodies`; `None` marks an `else`.
#[derive(Debug)]
pub struct Case {
    pub left: Expr,
    pub blocks: Vec<(Option<Expr>, usize)>,
    pub bodies: Vec<Body>,
    pub blank: bool,
}

static SYNTAX: LazyLock<Regex> = LazyLock::new(|| re(&format!("({QUOTED_FRAGMENT})")));
static WHEN_SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?s)({QUOTED_FRAGMENT})(?:(?:[ \t\r\n\x0B\x0C]+or[ \t\r\n\x0B\x0C]+|[ \t\r\n\x0B\x0C]*,[ \t\r\n\x0B\x0C]*)((?:{QUOTED_FRAGMENT}).*))?"
    ))
});

pub fn parse(ctx: &mut ParseContext, markup: &str) -> Result<Case, Error> {
    let Some(c) = SYNTAX.captures(markup) else {
        return Err(ctx.syntax_error("Syntax Error in 'case' - Valid syntax: case [condition]"));
    };
    let mut case = Case {
        left: Expr::parse(&c[1]),
        blocks: Vec::new(),
        bodies: Vec::new(),
        blank: true,
    };
    let mut first = true;
    ctx.parse_block("case", &mut |ctx: &mut ParseContext, body, end: Option<&EndTag>| {
        case.blank &= body.blank;
        if !first {
            case.bodies.push(body);
        }
        first = false;
        let Some(end) = end else { return Ok(true) };
        match end.name.as_str() {
            "when" => record_when(ctx, &mut case, &end.markup)?,
            "else" => {
                if !end.markup.trim().is_empty() {
                    return Err(ctx.syntax_error("Syntax Error in tag 'case' - Valid else condition: {% else %} (no parameters) "));
                }
                case.blocks.push((None, case.bodies.len()));
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(case)
}

fn record_when(ctx: &ParseContext, case: &mut Case, markup: &str) -> Result<(), Error> {
    let body_index = case.bodies.len();
    let mut rest = Some(markup.to_string());
    while let Some(m) = rest.take() {
        let Some(c) = WHEN_SYNTAX.captures(&m) else {
            return Err(ctx.syntax_error(
                "Syntax Error in tag 'case' - Valid when condition: {% when [condition] [or condition2...] %}",
            ));
        };
        case.blocks.push((Some(Expr::parse(&c[1])), body_index));
        rest = c.get(2).map(|x| x.as_str().to_string());
    }
    Ok(())
}
