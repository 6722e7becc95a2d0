//! Expressions: literals, ranges and variable lookups. A port of Liquid
//! 4.0.4's `Expression.parse`, `VariableLookup` and `RangeLookup`
//! (lib/liquid/expression.rb, variable_lookup.rb, range_lookup.rb), which
//! both the strict and the lax parsers feed with markup strings.

use super::ruby::{str_to_f, str_to_i};
use super::tokenize::re;
use super::value::Value;
use regex::Regex;
use std::sync::LazyLock;

/// A parsed expression.
#[derive(Debug, Clone)]
pub enum Expr {
    Literal(Value),
    /// `blank`: a method literal (`x == blank` asks `x.blank?`).
    Blank,
    /// `empty`: a method literal (`x == empty` asks `x.empty?`).
    Empty,
    /// `(a..b)` with a non-literal end.
    Range(Box<Expr>, Box<Expr>),
    Lookup(Box<VariableLookup>),
}

/// `name.key[expr].size`
#[derive(Debug, Clone)]
pub struct VariableLookup {
    /// `None` when the markup had no name at all (e.g. `@foo`).
    pub name: Option<Expr>,
    pub lookups: Vec<Lookup>,
}

/// One step of a lookup path.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// `.key`; `command` is set for `size`/`first`/`last`.
    Key { key: String, command: bool },
    /// `[expr]`
    Index(Expr),
}

static VARIABLE_PARSER: LazyLock<Regex> = LazyLock::new(|| re(r"\[[^\]]+\]|[0-9A-Za-z_\-]+\??"));
static INTEGER: LazyLock<Regex> = LazyLock::new(|| re(r"\A-?[0-9]+\z"));
static FLOAT: LazyLock<Regex> = LazyLock::new(|| re(r"\A-?[0-9][0-9.]+\z"));
static RANGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?s)\A\(([^ \t\r\n\x0B\x0C]+)\.\.([^ \t\r\n\x0B\x0C]+)\)\z"));

impl Expr {
    /// `Expression.parse(markup)`.
    pub fn parse(markup: &str) -> Expr {
        match markup {
            "" | "nil" | "null" => return Expr::Literal(Value::Nil),
            "true" => return Expr::Literal(Value::Bool(true)),
            "false" => return Expr::Literal(Value::Bool(false)),
            "blank" => return Expr::Blank,
            "empty" => return Expr::Empty,
            _ => {}
        }
        if let Some(s) = quoted(markup) {
            return Expr::Literal(Value::str(s));
        }
        if INTEGER.is_match(markup) {
            return Expr::Literal(parse_integer(markup));
        }
        if let Some(c) = RANGE.captures(markup) {
            return range(&c[1], &c[2]);
        }
        if FLOAT.is_match(markup) {
            return Expr::Literal(Value::Float(str_to_f(markup)));
        }
        Expr::Lookup(Box::new(VariableLookup::parse(markup)))
    }

    pub fn nil() -> Expr {
        Expr::Literal(Value::Nil)
    }

    pub fn is_literal(&self) -> bool {
        matches!(self, Expr::Literal(_) | Expr::Blank | Expr::Empty)
    }
}

/// `\A'(.*)'\z` / `\A"(.*)"\z` (multi-line).
fn quoted(markup: &str) -> Option<&str> {
    let b = markup.as_bytes();
    if b.len() >= 2 && (b[0] == b'\'' || b[0] == b'"') && b[b.len() - 1] == b[0] {
        Some(&markup[1..markup.len() - 1])
    } else {
        None
    }
}

fn parse_integer(markup: &str) -> Value {
    match markup.parse::<i64>() {
        Ok(n) => Value::Int(n),
        Err(_) => Value::Float(str_to_f(markup)),
    }
}

/// `RangeLookup.parse`: literal ends become a literal range.
fn range(start: &str, end: &str) -> Expr {
    let a = Expr::parse(start);
    let b = Expr::parse(end);
    match (&a, &b) {
        (Expr::Literal(x), Expr::Literal(y)) => {
            Expr::Literal(Value::Range(literal_to_i(x), literal_to_i(y)))
        }
        _ if a.is_literal() && b.is_literal() => Expr::Literal(Value::Range(0, 0)),
        _ => Expr::Range(Box::new(a), Box::new(b)),
    }
}

fn literal_to_i(v: &Value) -> i64 {
    match v {
        Value::Str(s) => str_to_i(s),
        other => other.to_i(),
    }
}

impl VariableLookup {
    pub fn parse(markup: &str) -> VariableLookup {
        let mut parts = VARIABLE_PARSER.find_iter(markup).map(|m| m.as_str());
        let name = parts.next().map(|first| match bracketed(first) {
            Some(inner) => Expr::parse(inner),
            None => Expr::Literal(Value::str(first)),
        });
        let lookups = parts
            .map(|part| match bracketed(part) {
                Some(inner) => Lookup::Index(Expr::parse(inner)),
                None => Lookup::Key {
                    command: matches!(part, "size" | "first" | "last"),
                    key: part.to_string(),
                },
            })
            .collect();
        VariableLookup { name, lookups }
    }
}

fn bracketed(s: &str) -> Option<&str> {
    s.strip_prefix('[').and_then(|r| r.strip_suffix(']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(e: &Expr) -> String {
        match e {
            Expr::Literal(v) => v.inspect(),
            Expr::Blank => "blank".into(),
            Expr::Empty => "empty".into(),
            Expr::Range(..) => "range".into(),
            Expr::Lookup(l) => format!("lookup/{}", l.lookups.len()),
        }
    }

    #[test]
    fn literals_parse_like_liquid() {
        let cases = [
            ("nil", "nil"),
            ("null", "nil"),
            ("'a b'", "\"a b\""),
            ("\"x\"", "\"x\""),
            ("42", "42"),
            ("-3", "-3"),
            ("1.5", "1.5"),
            ("1.2.3", "1.2"),
            ("(1..3)", "1..3"),
            ("(1..n)", "range"),
            ("empty", "empty"),
            ("a.b[0]", "lookup/2"),
            ("a", "lookup/0"),
        ];
        for (src, want) in cases {
            assert_eq!(lit(&Expr::parse(src)), want, "{src}");
        }
    }

    #[test]
    fn lookups_mark_commands() {
        let l = VariableLookup::parse("a.size[\"first\"].last");
        assert!(matches!(&l.lookups[0], Lookup::Key { command: true, .. }));
        assert!(matches!(&l.lookups[1], Lookup::Index(_)));
        assert!(matches!(&l.lookups[2], Lookup::Key { command: true, .. }));
    }
}
