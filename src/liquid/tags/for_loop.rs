//! `for` with `limit`, `offset` (incl. `continue`), `reversed`, `else`,
//! `break`/`continue` and the `forloop` object. Port of Liquid 4.0.4's
//! lib/liquid/tags/for.rb, forloop_drop.rb and Utils.slice_collection.
//! Items are `Value` clones, i.e. reference-count bumps: hashes are never copied.

use crate::liquid::ast::Body;
use crate::liquid::error::Error;
use crate::liquid::expression::Expr;
use crate::liquid::markup::{Parser, StrictResult, Tok};
use crate::liquid::parser::{EndTag, ParseContext};
use crate::liquid::render::{Context, Interrupt};
use crate::liquid::tokenize::{QUOTED_FRAGMENT, re};
use crate::liquid::value::{Map, Value};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone)]
pub enum Offset {
    Continue,
    Expr(Expr),
}

#[derive(Debug, Default)]
pub struct For {
    pub variable: String,
    /// `"item-collection"`: the key of `offset: continue` and `forloop.name`.
    pub name: String,
    pub collection: Option<Expr>,
    pub reversed: bool,
    pub limit: Option<Expr>,
    pub offset: Option<Offset>,
    pub body: Body,
    pub else_body: Option<Body>,
    pub blank: bool,
    /// Whether the body's source mentions `forloop` or includes a file (which
    /// could): when not, iterations skip building the `forloop` object.
    pub uses_forloop: bool,
}

static SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\A([0-9A-Za-z_\-]+)[ \t\r\n\x0B\x0C]+in[ \t\r\n\x0B\x0C]+((?:{QUOTED_FRAGMENT})+)[ \t\r\n\x0B\x0C]*(reversed)?"
    ))
});
pub static TAG_ATTRIBUTES: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"([0-9A-Za-z_]+)[ \t\r\n\x0B\x0C]*:[ \t\r\n\x0B\x0C]*({QUOTED_FRAGMENT})"
    ))
});

pub fn parse(ctx: &mut ParseContext, markup: &str) -> Result<For, Error> {
    let context = format!("in \"{}\"", markup.trim());
    let mut tag = ctx.switch(markup, &context, strict, lax)?;
    let body_start = ctx.position();
    let mut in_else = false;
    ctx.parse_block("for", &mut |_, body, end: Option<&EndTag>| {
        if in_else {
            tag.else_body = Some(body);
        } else {
            tag.body = body;
        }
        match end.map(|e| e.name.as_str()) {
            None => Ok(true),
            Some("else") => {
                in_else = true;
                Ok(true)
            }
            Some(_) => Ok(false),
        }
    })?;
    tag.blank = tag.body.blank && tag.else_body.as_ref().is_none_or(|b| b.blank);
    tag.uses_forloop = ctx
        .token_texts(body_start)
        .any(|t| t.contains("forloop") || t.contains("include"));
    Ok(tag)
}

fn lax(markup: &str) -> Result<For, String> {
    let Some(c) = SYNTAX.captures(markup) else {
        return Err("Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]".into());
    };
    let mut tag = For {
        variable: c[1].to_string(),
        name: format!("{}-{}", &c[1], &c[2]),
        collection: Some(Expr::parse(&c[2])),
        reversed: c.get(3).is_some(),
        ..For::default()
    };
    for a in TAG_ATTRIBUTES.captures_iter(markup) {
        set_attribute(&mut tag, &a[1], &a[2]);
    }
    Ok(tag)
}

fn strict(markup: &str) -> StrictResult<For> {
    let mut p = Parser::new(markup)?;
    let variable = p.consume(Tok::Id)?;
    if !p.id_is("in") {
        return Err("For loops require an 'in' clause".into());
    }
    let collection = p.expression()?;
    let mut tag = For {
        name: format!("{variable}-{collection}"),
        variable,
        collection: Some(Expr::parse(&collection)),
        reversed: p.id_is("reversed"),
        ..For::default()
    };
    while p.look(Tok::Id, 0) && p.look(Tok::Colon, 1) {
        let attr = if p.id_is("limit") {
            "limit"
        } else if p.id_is("offset") {
            "offset"
        } else {
            return Err(
                "Invalid attribute in for loop. Valid attributes are limit and offset".into(),
            );
        };
        p.consume_any();
        let expr = p.expression()?;
        set_attribute(&mut tag, attr, &expr);
    }
    p.consume(Tok::End)?;
    Ok(tag)
}

fn set_attribute(tag: &mut For, key: &str, expr: &str) {
    match key {
        "offset" if expr == "continue" => tag.offset = Some(Offset::Continue),
        "offset" => tag.offset = Some(Offset::Expr(Expr::parse(expr))),
        "limit" => tag.limit = Some(Expr::parse(expr)),
        _ => {}
    }
}

/// The `[start, end)` indexes of `from..to` in a collection of `len` items.
fn bounds(len: usize, from: i64, to: Option<i64>) -> (usize, usize) {
    let start = (from.max(0) as usize).min(len);
    let end = to.map_or(len, |t| t.clamp(0, len as i64) as usize);
    (start, end.max(start))
}

/// `Utils.slice_collection_using_each`.
pub fn slice_collection(collection: &Value, from: i64, to: Option<i64>) -> Vec<Value> {
    let take = |len: usize| bounds(len, from, to);
    match collection {
        Value::Str(s) if s.is_empty() => Vec::new(),
        Value::Str(_) => vec![collection.clone()],
        Value::Array(items) => {
            let (a, b) = take(items.len());
            items[a..b].to_vec()
        }
        Value::Hash(map) => {
            let (a, b) = take(map.len());
            map.iter()
                .skip(a)
                .take(b - a)
                .map(|(k, v)| Value::array(vec![Value::str(k.as_str()), v.clone()]))
                .collect()
        }
        Value::Range(lo, hi) => {
            let len = hi.saturating_sub(*lo).saturating_add(1).max(0) as usize;
            let (a, b) = take(len);
            (a..b).map(|i| Value::Int(lo + i as i64)).collect()
        }
        _ => Vec::new(),
    }
}

impl For {
    pub fn render(&self, ctx: &mut Context, out: &mut String) -> Result<(), Error> {
        let from = match &self.offset {
            Some(Offset::Continue) => ctx
                .registers
                .for_offsets
                .get(&self.name)
                .copied()
                .unwrap_or(0),
            Some(Offset::Expr(e)) => {
                let v = ctx.evaluate(e)?;
                v.try_to_i().map_err(|m| ctx.error(m))?
            }
            None => 0,
        };
        let collection = match &self.collection {
            Some(e) => ctx.evaluate(e)?,
            None => Value::Nil,
        };
        let limit = match &self.limit {
            Some(e) => ctx.evaluate(e)?,
            None => Value::Nil,
        };
        let to = match limit {
            Value::Nil => None,
            v => Some(v.try_to_i().map_err(|m| ctx.error(m))?.saturating_add(from)),
        };
        // Arrays are walked in place; other collections are sliced first.
        let sliced;
        let segment: &[Value] = match &collection {
            Value::Array(items) => {
                let (a, b) = bounds(items.len(), from, to);
                &items[a..b]
            }
            _ => {
                sliced = slice_collection(&collection, from, to);
                &sliced
            }
        };
        let next_offset = from + segment.len() as i64;
        match ctx.registers.for_offsets.get_mut(&self.name) {
            Some(slot) => *slot = next_offset,
            None => {
                ctx.registers
                    .for_offsets
                    .insert(self.name.clone(), next_offset);
            }
        }
        if segment.is_empty() {
            return match &self.else_body {
                Some(body) => ctx.render_body(body, out),
                None => Ok(()),
            };
        }
        let items = segment.iter().cloned();
        if self.reversed {
            self.render_segment(ctx, segment.len(), items.rev(), out)
        } else {
            self.render_segment(ctx, segment.len(), items, out)
        }
    }

    fn render_segment(
        &self,
        ctx: &mut Context,
        length: usize,
        segment: impl Iterator<Item = Value>,
        out: &mut String,
    ) -> Result<(), Error> {
        let length = length as i64;
        let parent = match ctx.registers.for_stack.last() {
            Some(&depth) if self.uses_forloop => ctx.scope_value(depth, "forloop").cloned(),
            _ => None,
        };
        let parent = parent.unwrap_or(Value::Nil);
        ctx.push_empty_scope()?;
        ctx.registers.for_stack.push(ctx.scope_depth());
        let mut result = Ok(());
        for (index, item) in segment.enumerate() {
            let index = index as i64;
            if self.uses_forloop && !advance_forloop(ctx, length, index) {
                ctx.set_local("forloop", forloop(&self.name, length, index, &parent));
            }
            ctx.set_local(&self.variable, item);
            result = ctx.render_body(&self.body, out);
            if result.is_err() {
                break;
            }
            if let Some(Interrupt::Break) = ctx.interrupts.pop() {
                break;
            }
        }
        ctx.registers.for_stack.pop();
        ctx.pop_scope();
        result
    }
}

/// Moves the loop's `forloop` to iteration `index` in place, when nothing
/// else holds it (it was not assigned or captured as a `parentloop`), so
/// that a loop allocates one `forloop`, not one per iteration.
fn advance_forloop(ctx: &mut Context, length: i64, index: i64) -> bool {
    let Some(Value::Hash(map)) = ctx.local_mut("forloop") else {
        return false;
    };
    let Some(map) = std::sync::Arc::get_mut(map) else {
        return false;
    };
    let fields = [
        Value::Int(index + 1),
        Value::Int(index),
        Value::Int(length - index),
        Value::Int(length - index - 1),
        Value::Bool(index == 0),
        Value::Bool(index == length - 1),
    ];
    // Positions 2..8 of the map `forloop` builds: index .. last.
    for (at, value) in (2..8).zip(fields) {
        match map.get_index_mut(at) {
            Some((_, slot)) => *slot = value,
            None => return false,
        }
    }
    true
}

/// The `forloop` object (Liquid's ForloopDrop) for one iteration; the
/// order of its keys is what `advance_forloop` relies on.
pub(crate) fn forloop(name: &str, length: i64, index: i64, parent: &Value) -> Value {
    let mut m = Map::with_capacity(9);
    m.insert("name".into(), Value::str(name));
    m.insert("length".into(), Value::Int(length));
    m.insert("index".into(), Value::Int(index + 1));
    m.insert("index0".into(), Value::Int(index));
    m.insert("rindex".into(), Value::Int(length - index));
    m.insert("rindex0".into(), Value::Int(length - index - 1));
    m.insert("first".into(), Value::Bool(index == 0));
    m.insert("last".into(), Value::Bool(index == length - 1));
    m.insert("parentloop".into(), parent.clone());
    Value::hash(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_share_items_instead_of_copying() {
        let item = Value::hash(Map::from_iter([("k".to_string(), Value::Int(1))]));
        let list = Value::array(vec![item.clone(), item.clone(), Value::Nil]);
        let segment = slice_collection(&list, 1, Some(2));
        let (Value::Hash(a), Value::Hash(b)) = (&item, &segment[0]) else {
            panic!("expected hashes")
        };
        assert!(std::sync::Arc::ptr_eq(a, b));
        let cases = [
            (Value::Range(1, 5), 1, Some(3), 2),
            (Value::Range(1, 5), -2, None, 5),
            (Value::Range(1, 5), 0, Some(-1), 0),
            (Value::str("abc"), 5, None, 1),
            (Value::Nil, 0, None, 0),
        ];
        for (input, from, to, len) in cases {
            assert_eq!(slice_collection(&input, from, to).len(), len, "{input:?}");
        }
    }
}
