//! `tablerow` with `cols`, `limit`, `offset` and the `tablerowloop` object.
//! Port of Liquid 4.0.4's lib/liquid/tags/table_row.rb and tablerowloop_drop.rb.

use super::for_loop::{TAG_ATTRIBUTES, slice_collection};
use crate::liquid::ast::Body;
use crate::liquid::error::Error;
use crate::liquid::expression::Expr;
use crate::liquid::parser::{ParseContext, simple_block};
use crate::liquid::render::Context;
use crate::liquid::tokenize::{QUOTED_FRAGMENT, re};
use crate::liquid::value::{Map, Value};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug)]
pub struct TableRow {
    pub variable: String,
    pub collection: Expr,
    pub attributes: Vec<(String, Expr)>,
    pub body: Body,
}

static SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"([0-9A-Za-z_]+)[ \t\r\n\x0B\x0C]+in[ \t\r\n\x0B\x0C]+((?:{QUOTED_FRAGMENT})+)"
    ))
});

pub fn parse(ctx: &mut ParseContext, markup: &str) -> Result<TableRow, Error> {
    let Some(c) = SYNTAX.captures(markup) else {
        return Err(ctx.syntax_error(
            "Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3",
        ));
    };
    let attributes = TAG_ATTRIBUTES
        .captures_iter(markup)
        .map(|a| (a[1].to_string(), Expr::parse(&a[2])))
        .collect();
    Ok(TableRow {
        variable: c[1].to_string(),
        collection: Expr::parse(&c[2]),
        attributes,
        body: simple_block(ctx, "tablerow")?,
    })
}

impl TableRow {
    fn attribute(&self, ctx: &mut Context, key: &str) -> Result<Option<Value>, Error> {
        match self.attributes.iter().rev().find(|(k, _)| k == key) {
            Some((_, e)) => Ok(Some(ctx.evaluate(e)?)),
            None => Ok(None),
        }
    }

    pub fn render(&self, ctx: &mut Context, out: &mut String) -> Result<(), Error> {
        let collection = ctx.evaluate(&self.collection)?;
        if !collection.is_truthy() {
            return Ok(());
        }
        let to_i = |ctx: &Context, v: Option<Value>| -> Result<Option<i64>, Error> {
            v.map(|v| v.try_to_i().map_err(|m| ctx.error(m)))
                .transpose()
        };
        let offset = self.attribute(ctx, "offset")?;
        let from = to_i(ctx, offset)?.unwrap_or(0);
        let limit = self.attribute(ctx, "limit")?;
        let to = to_i(ctx, limit)?.map(|l| from.saturating_add(l));
        let items = slice_collection(&collection, from, to);
        let cols = self.attribute(ctx, "cols")?;
        let cols = to_i(ctx, cols)?.unwrap_or(0);
        let length = items.len() as i64;
        out.push_str("<tr class=\"row1\">\n");
        ctx.push_empty_scope()?;
        let (mut row, mut col) = (1, 1);
        let mut result = Ok(());
        for (index, item) in items.into_iter().enumerate() {
            let index = index as i64;
            ctx.set_local("tablerowloop", tablerowloop(length, index, row, col, cols));
            ctx.set_local(&self.variable, item);
            out.push_str(&format!("<td class=\"col{col}\">"));
            result = ctx.render_body(&self.body, out);
            if result.is_err() {
                break;
            }
            out.push_str("</td>");
            if col == cols && index != length - 1 {
                out.push_str(&format!("</tr>\n<tr class=\"row{}\">", row + 1));
            }
            if col == cols {
                col = 1;
                row += 1;
            } else {
                col += 1;
            }
        }
        ctx.pop_scope();
        out.push_str("</tr>\n");
        result
    }
}

fn tablerowloop(length: i64, index: i64, row: i64, col: i64, cols: i64) -> Value {
    let mut m = Map::with_capacity(13);
    let int = |n: i64| Value::Int(n);
    m.insert("length".into(), int(length));
    m.insert("index".into(), int(index + 1));
    m.insert("index0".into(), int(index));
    m.insert("rindex".into(), int(length - index));
    m.insert("rindex0".into(), int(length - index - 1));
    m.insert("first".into(), Value::Bool(index == 0));
    m.insert("last".into(), Value::Bool(index == length - 1));
    m.insert("col".into(), int(col));
    m.insert("col0".into(), int(col - 1));
    m.insert("row".into(), int(row));
    m.insert("col_first".into(), Value::Bool(col == 1));
    m.insert("col_last".into(), Value::Bool(col == cols));
    Value::hash(m)
}
