//! `if` / `elsif` / `else` / `unless` and the condition evaluator. Port of
//! Liquid 4.0.4's lib/liquid/tags/if.rb, unless.rb and condition.rb,
//! including the lax regex scanner (`and`/`or` chained right to left).

use crate::liquid::ast::Body;
use crate::liquid::error::Error;
use crate::liquid::expression::Expr;
use crate::liquid::markup::{Parser, StrictResult, Tok};
use crate::liquid::parser::{EndTag, ParseContext};
use crate::liquid::render::Context;
use crate::liquid::tokenize::{QUOTED_FRAGMENT, re};
use crate::liquid::value::Value;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// A comparison, optionally chained (`and`/`or`) to the next one.
#[derive(Debug, Clone)]
pub struct Condition {
    pub left: Expr,
    pub op: Option<Operator>,
    pub right: Expr,
    pub child: Option<(bool, Box<Condition>)>,
}

/// A comparison operator, resolved once at parse time. Lax parsing accepts
/// any word; an unknown one fails when evaluated, naming itself, as in Liquid.
#[derive(Debug, Clone, PartialEq)]
pub enum Operator {
    Eq,
    Ne,
    Contains,
    Lt,
    Gt,
    Le,
    Ge,
    Unknown(String),
}

impl Operator {
    pub fn parse(op: &str) -> Operator {
        match op {
            "==" => Operator::Eq,
            "!=" | "<>" => Operator::Ne,
            "contains" => Operator::Contains,
            "<" => Operator::Lt,
            ">" => Operator::Gt,
            "<=" => Operator::Le,
            ">=" => Operator::Ge,
            other => Operator::Unknown(other.to_string()),
        }
    }
}

/// `if`/`unless` with their `elsif`/`else` branches; `None` is `else`.
#[derive(Debug)]
pub struct If {
    pub blocks: Vec<(Option<Condition>, Body)>,
    pub unless: bool,
    pub blank: bool,
}

static SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"({QUOTED_FRAGMENT})[ \t\r\n\x0B\x0C]*([=!<>a-z_]+)?[ \t\r\n\x0B\x0C]*({QUOTED_FRAGMENT})?"
    ))
});
static QF_AT_START: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\A(?:{QUOTED_FRAGMENT})")));

pub fn parse(ctx: &mut ParseContext, markup: &str, unless: bool) -> Result<If, Error> {
    let name = if unless { "unless" } else { "if" };
    let mut pending = Some(parse_condition(ctx, markup)?);
    let mut blocks = Vec::new();
    ctx.parse_block(
        name,
        &mut |ctx: &mut ParseContext, body, end: Option<&EndTag>| {
            blocks.push((pending.take(), body));
            match end.map(|e| e.name.as_str()) {
                None => {}
                Some("elsif") => {
                    pending = Some(parse_condition(ctx, end.map_or("", |e| &e.markup))?)
                }
                Some("else") => pending = None,
                Some(_) => return Ok(false),
            }
            Ok(true)
        },
    )?;
    Ok(If {
        blank: blocks.iter().all(|(_, b)| b.blank),
        blocks,
        unless,
    })
}

pub fn parse_condition(ctx: &mut ParseContext, markup: &str) -> Result<Condition, Error> {
    let context = format!("in \"{}\"", markup.trim());
    ctx.switch(markup, &context, strict_condition, lax_condition)
}

/// A condition in the strict grammar (`if`, and Jekyll's `where_exp`).
pub(crate) fn strict_condition(markup: &str) -> StrictResult<Condition> {
    let mut p = Parser::new(markup)?;
    let mut conds = vec![comparison(&mut p)?];
    let mut ops = Vec::new();
    loop {
        let op = if p.id_is("and") {
            false
        } else if p.id_is("or") {
            true
        } else {
            break;
        };
        ops.push(op);
        conds.push(comparison(&mut p)?);
    }
    p.consume(Tok::End)?;
    Ok(chain(conds, ops))
}

/// Links `c0 op0 c1 op1 c2` into c0 -> c1 -> c2.
fn chain(mut conds: Vec<Condition>, ops: Vec<bool>) -> Condition {
    let mut tail = conds
        .pop()
        .unwrap_or_else(|| Condition::single(Expr::nil()));
    while let Some(mut c) = conds.pop() {
        let is_or = ops.get(conds.len()).copied().unwrap_or(false);
        c.child = Some((is_or, Box::new(tail)));
        tail = c;
    }
    tail
}

fn comparison(p: &mut Parser) -> StrictResult<Condition> {
    let left = Expr::parse(&p.expression()?);
    match p.consume_if(Tok::Comparison) {
        Some(op) => Ok(Condition {
            left,
            op: Some(Operator::parse(&op)),
            right: Expr::parse(&p.expression()?),
            child: None,
        }),
        None => Ok(Condition::single(left)),
    }
}

const IF_SYNTAX_ERROR: &str = "Syntax Error in tag 'if' - Valid syntax: if [expression]";

fn lax_condition(markup: &str) -> Result<Condition, String> {
    let mut exprs = scan_expressions(markup);
    let last = exprs.pop().unwrap_or_default();
    let mut condition = syntax(&last).ok_or(IF_SYNTAX_ERROR)?;
    while let Some(op) = exprs.pop() {
        let expr = exprs.pop().unwrap_or_default();
        let mut new = syntax(&expr).ok_or(IF_SYNTAX_ERROR)?;
        let is_or = match op.trim() {
            "and" => false,
            "or" => true,
            _ => return Err(IF_SYNTAX_ERROR.to_string()),
        };
        new.child = Some((is_or, Box::new(condition)));
        condition = new;
    }
    Ok(condition)
}

fn syntax(expr: &str) -> Option<Condition> {
    let c = SYNTAX.captures(expr)?;
    Some(Condition {
        left: Expr::parse(&c[1]),
        op: c.get(2).map(|m| Operator::parse(m.as_str())),
        right: c.get(3).map_or(Expr::nil(), |m| Expr::parse(m.as_str())),
        child: None,
    })
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn boundary(b: &[u8], i: usize) -> bool {
    let before = i > 0 && is_word(b[i - 1]);
    let after = i < b.len() && is_word(b[i]);
    before != after
}

/// `\b(?:\s?and\s?|\s?or\s?)\b` anchored at `i`: the match length.
fn operator_at(b: &[u8], i: usize) -> Option<usize> {
    if !boundary(b, i) {
        return None;
    }
    for word in [&b"and"[..], &b"or"[..]] {
        for lead in [1, 0] {
            if lead == 1 && !b.get(i).is_some_and(|c| is_space(*c)) {
                continue;
            }
            let w = i + lead;
            if !b[w.min(b.len())..].starts_with(word) {
                continue;
            }
            let end = w + word.len();
            if b.get(end).is_some_and(|c| is_space(*c)) && boundary(b, end + 1) {
                return Some(end + 1 - i);
            }
            if boundary(b, end) {
                return Some(end - i);
            }
        }
    }
    None
}

/// A run of expressions up to the next `and`/`or` (the second alternative
/// of Liquid's `ExpressionsAndOperators`).
fn expression_run_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut p = i;
    let mut matched = false;
    loop {
        let mut q = p;
        while q < b.len() && is_space(b[q]) {
            q += 1;
        }
        if q >= b.len() || operator_at(b, q).is_some() {
            break;
        }
        let len = match QF_AT_START.find(&s[q..]) {
            Some(m) => m.end(),
            None => s[q..]
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(s.len() - q),
        };
        if len == 0 {
            break;
        }
        q += len;
        while q < b.len() && is_space(b[q]) {
            q += 1;
        }
        p = q;
        matched = true;
    }
    matched.then_some(p - i)
}

/// `markup.scan(ExpressionsAndOperators)`.
pub fn scan_expressions(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let len = operator_at(b, i).or_else(|| expression_run_at(s, i));
        match len {
            Some(l) => {
                out.push(s[i..i + l].to_string());
                i += l;
            }
            None => i += s[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

impl Condition {
    pub fn single(left: Expr) -> Condition {
        Condition {
            left,
            op: None,
            right: Expr::nil(),
            child: None,
        }
    }

    /// `Condition#evaluate`: the chain, left to right, short-circuiting.
    pub fn evaluate(&self, ctx: &mut Context) -> Result<bool, Error> {
        let mut cond = self;
        loop {
            let result = cond.interpret(ctx)?;
            match &cond.child {
                Some((true, next)) if !result => cond = next,
                Some((false, next)) if result => cond = next,
                _ => return Ok(result),
            }
        }
    }

    fn interpret(&self, ctx: &mut Context) -> Result<bool, Error> {
        let Some(op) = &self.op else {
            if let Some(v) = ctx.evaluate_ref(&self.left) {
                return Ok(v.is_truthy());
            }
            return Ok(ctx.evaluate(&self.left)?.is_truthy());
        };
        // Plain lookups and literals are compared where they are, uncopied.
        if let (Some(left), Some(right)) =
            (operand_ref(ctx, &self.left), operand_ref(ctx, &self.right))
        {
            return apply(ctx, op, &left, &right);
        }
        let left = operand(ctx, &self.left)?;
        let right = operand(ctx, &self.right)?;
        apply(ctx, op, &left, &right)
    }
}

fn apply(ctx: &Context, op: &Operator, left: &Operand, right: &Operand) -> Result<bool, Error> {
    match op {
        Operator::Eq => Ok(equal(left, right)),
        Operator::Ne => Ok(!equal(left, right)),
        Operator::Contains => Ok(contains(left, right)),
        Operator::Unknown(other) => Err(ctx.error(format!("Unknown operator {other}"))),
        ordering => compare(ctx, ordering, left, right),
    }
}

/// An evaluated operand: a value or one of the method literals.
enum Operand<'v> {
    Value(Cow<'v, Value>),
    Blank,
    Empty,
}

fn operand(ctx: &mut Context, e: &Expr) -> Result<Operand<'static>, Error> {
    Ok(match e {
        Expr::Blank => Operand::Blank,
        Expr::Empty => Operand::Empty,
        other => Operand::Value(Cow::Owned(ctx.evaluate(other)?)),
    })
}

/// `operand` by reference, when `e` can be read without evaluating.
fn operand_ref<'v>(ctx: &'v Context, e: &'v Expr) -> Option<Operand<'v>> {
    Some(match e {
        Expr::Blank => Operand::Blank,
        Expr::Empty => Operand::Empty,
        other => Operand::Value(Cow::Borrowed(ctx.evaluate_ref(other)?)),
    })
}

fn equal(left: &Operand, right: &Operand) -> bool {
    match (left, right) {
        (Operand::Empty, Operand::Value(v)) | (Operand::Value(v), Operand::Empty) => {
            v.ruby_empty().unwrap_or(false)
        }
        (Operand::Value(a), Operand::Value(b)) => a.ruby_eq(b),
        _ => false,
    }
}

fn contains(left: &Operand, right: &Operand) -> bool {
    let Operand::Value(l) = left else {
        return false;
    };
    let empty;
    let r = match right {
        Operand::Value(v) => &**v,
        _ => {
            empty = Value::str("");
            &empty
        }
    };
    if !l.is_truthy() || !r.is_truthy() {
        return false;
    }
    match &**l {
        Value::Str(s) => s.contains(&*r.to_text()),
        Value::Array(items) => items.iter().any(|x| x.ruby_eq(r)),
        Value::Hash(map) => r.as_str().is_some_and(|k| map.contains_key(k)),
        Value::Range(a, b) => match *r {
            Value::Int(n) => *a <= n && n <= *b,
            Value::Float(f) => (*a as f64) <= f && f <= (*b as f64),
            _ => false,
        },
        _ => false,
    }
}

fn comparable(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::Time(_) | Value::Date(_)
    )
}

fn compare(ctx: &Context, op: &Operator, left: &Operand, right: &Operand) -> Result<bool, Error> {
    let (Operand::Value(l), Operand::Value(r)) = (left, right) else {
        return Ok(false);
    };
    if !comparable(l) || !comparable(r) {
        return Ok(false);
    }
    let ord = l.ruby_cmp(r).map_err(|m| ctx.error(m))?;
    Ok(match op {
        Operator::Lt => ord.is_lt(),
        Operator::Gt => ord.is_gt(),
        Operator::Le => ord.is_le(),
        _ => ord.is_ge(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_splits_on_and_or() {
        let cases: &[(&str, &[&str])] = &[
            ("a == 1 and b", &["a == 1 ", "and ", "b"]),
            ("a or b and c", &["a ", "or ", "b ", "and ", "c"]),
            ("android", &["android"]),
            ("x contains 'a and b'", &["x contains 'a and b'"]),
        ];
        for (src, want) in cases {
            assert_eq!(scan_expressions(src), *want, "{src}");
        }
    }
}
