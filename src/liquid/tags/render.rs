//! Liquid 5.4's `render` tag (lib/liquid/tags/render.rb), accepted as a
//! superset: `{% render 'name' [with|for expr] [as alias], key: value %}`.
//! The partial renders in an isolated scope that sees only its parameters;
//! the host finds and parses it exactly as it does for `include` (Jekyll
//! itself gives Liquid 5 no file system, so this is hyde's choice).

use crate::liquid::error::Error;
use crate::liquid::expression::Expr;
use crate::liquid::parser::ParseContext;
use crate::liquid::render::Context;
use crate::liquid::tags::for_loop::{TAG_ATTRIBUTES, forloop, slice_collection};
use crate::liquid::tokenize::{QUOTED_FRAGMENT, re};
use crate::liquid::value::{Map, Value};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug)]
pub struct Render {
    /// The partial's name, as quoted in the tag.
    pub name: String,
    /// `with expr` / `for expr`.
    pub variable: Option<Expr>,
    /// `for`: render once per item of an array, hash or range.
    pub for_each: bool,
    /// `as alias`: the name the variable takes inside the partial.
    pub alias: Option<String>,
    /// `key: value` parameters, in order.
    pub attributes: Vec<(String, Expr)>,
}

/// `Render::SYNTAX` (unanchored, as Ruby's `=~`).
static SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"((?:"[^"]*"|'[^']*')+)(?:[ \t\r\n\x0B\x0C]+(with|for)[ \t\r\n\x0B\x0C]+((?:{QUOTED_FRAGMENT})+))?(?:[ \t\r\n\x0B\x0C]+as[ \t\r\n\x0B\x0C]+([0-9A-Za-z_\-]+))?"#
    ))
});

pub fn parse(ctx: &mut ParseContext, markup: &str) -> Result<Render, Error> {
    let Some(c) = SYNTAX.captures(markup) else {
        return Err(ctx
            .syntax_error("Syntax error in tag 'render' - Template name must be a quoted string"));
    };
    let name = match Expr::parse(&c[1]) {
        Expr::Literal(Value::Str(s)) => s.to_string(),
        _ => c[1].to_string(),
    };
    let attributes = TAG_ATTRIBUTES
        .captures_iter(markup)
        .map(|a| (a[1].to_string(), Expr::parse(&a[2])))
        .collect();
    Ok(Render {
        name,
        variable: c.get(3).map(|m| Expr::parse(m.as_str())),
        for_each: c.get(2).is_some_and(|m| m.as_str() == "for"),
        alias: c.get(4).map(|m| m.as_str().to_string()),
        attributes,
    })
}

impl Render {
    pub fn render(&self, ctx: &mut Context, out: &mut String) -> Result<(), Error> {
        let from = ctx.file.clone();
        let partial = ctx
            .host
            .include(&self.name, &from)
            .map_err(|e| ctx.include_error(e))?;
        let variable = match &self.variable {
            Some(e) => ctx.evaluate(e)?,
            None => Value::Nil,
        };
        let mut params = Map::new();
        for (key, e) in &self.attributes {
            let v = ctx.evaluate(e)?;
            params.insert(key.clone(), v);
        }
        let iterable = matches!(
            variable,
            Value::Array(_) | Value::Hash(_) | Value::Range(..)
        );
        if !(self.for_each && iterable) {
            let scope = self.scope(None, &params, variable);
            return ctx.render_isolated(&partial, scope, out);
        }
        let items = slice_collection(&variable, 0, None);
        let length = items.len() as i64;
        for (index, item) in items.into_iter().enumerate() {
            let forloop = forloop(&self.name, length, index as i64, &Value::Nil);
            let scope = self.scope(Some(forloop), &params, item);
            ctx.render_isolated(&partial, scope, out)?;
        }
        Ok(())
    }

    /// The partial's only scope: `forloop`, the parameters, then the variable
    /// (named by `as`, else by the partial's base name), unless it is nil.
    fn scope(&self, forloop: Option<Value>, params: &Map, variable: Value) -> Map {
        let mut scope = Map::new();
        if let Some(f) = forloop {
            scope.insert("forloop".into(), f);
        }
        for (k, v) in params {
            scope.insert(k.clone(), v.clone());
        }
        if !variable.is_nil() {
            let name = match &self.alias {
                Some(a) => a.as_str(),
                None => self.name.rsplit('/').next().unwrap_or(&self.name),
            };
            scope.insert(name.to_string(), variable);
        }
        scope
    }
}

#[cfg(test)]
mod tests {
    use crate::liquid::ast::{Node, Tag};
    use crate::liquid::{ParseOptions, Template};

    #[test]
    fn parses_name_variable_alias_and_parameters() {
        let cases = [
            ("'card'", "card", false, false, None, 0),
            ("\"a/b\" with x as y", "a/b", false, true, Some("y"), 0),
            ("'p' for list, k: 1, j: 'z'", "p", true, true, None, 2),
            ("'p' k: (1..3)", "p", false, false, None, 1),
        ];
        for (markup, name, for_each, has_var, alias, n_attrs) in cases {
            let src = format!("{{% render {markup} %}}");
            let t = Template::parse(&src, "t", &ParseOptions::default()).expect(markup);
            let Some(Node::Tag {
                tag: Tag::Render(r),
                ..
            }) = t.root().nodes.first()
            else {
                panic!("no render tag for {markup}")
            };
            assert_eq!(r.name, name, "{markup}");
            assert_eq!(r.for_each, for_each, "{markup}");
            assert_eq!(r.variable.is_some(), has_var, "{markup}");
            assert_eq!(r.alias.as_deref(), alias, "{markup}");
            assert_eq!(r.attributes.len(), n_attrs, "{markup}");
        }
        let bad = Template::parse("{% render card %}", "t", &ParseOptions::default());
        assert!(bad.is_err());
    }
}
