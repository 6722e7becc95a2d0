//! Filter dispatch: Liquid 4.0.4's `Strainer#invoke` (lib/liquid/strainer.rb)
//! over the standard filters and Jekyll's (lib/jekyll/filters*.rb), which
//! replace same-named standard ones (`where`, `sort`) as Jekyll's
//! `register_filter` does.

pub mod array;
pub mod date;
pub mod date_format;
pub mod jekyll;
pub mod jekyll_grouping;
pub mod math;
pub mod string;
pub mod transliterate;
pub mod url;
pub mod writer;

use super::error::{Error, ErrorKind};
use super::expression::Expr;
use super::render::Context;
use super::value::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A filter: `(context, input, args) -> output`; `Err` is the message of a
/// Liquid error raised at the filter's line.
pub type FilterFn = fn(&mut Context, Value, &[Value]) -> Result<Value, String>;

/// A filter's result.
pub type R = Result<Value, String>;

/// A registered filter with its argument count range (Ruby raises on the wrong count).
#[derive(Debug)]
pub struct FilterDef {
    pub name: &'static str,
    pub min: usize,
    pub max: usize,
    pub run: FilterFn,
}

/// String access to positional arguments (`nil` -> "").
pub trait Args {
    fn s(&self, i: usize) -> String;
}

static REGISTRY: LazyLock<HashMap<&'static str, &'static FilterDef>> = LazyLock::new(|| {
    let tables = [
        string::FILTERS,
        math::FILTERS,
        array::FILTERS,
        date::FILTERS,
        jekyll::FILTERS,
        jekyll_grouping::FILTERS,
    ];
    tables
        .iter()
        .flat_map(|t| t.iter())
        .map(|d| (d.name, d))
        .collect()
});

/// The filter registered as `name`.
pub fn lookup(name: &str) -> Option<&'static FilterDef> {
    REGISTRY.get(name).copied()
}

/// The filter `name` for these argument expressions: `where` and `find`
/// with `empty` / `blank` as their value are told so (Liquid passes them
/// the `MethodLiteral` itself; every other filter sees its `to_s`, "").
pub fn lookup_for(name: &str, args: &[Expr]) -> Option<&'static FilterDef> {
    if let [_, Expr::Empty | Expr::Blank] = args
        && let Some(def) = jekyll_grouping::METHOD_LITERAL_TARGET
            .iter()
            .find(|d| d.name == name)
    {
        return Some(def);
    }
    lookup(name)
}

/// `Strainer#invoke`: unknown filters return their input (or fail under
/// `strict_filters`); a wrong argument count is a Liquid error.
pub fn invoke(ctx: &mut Context, name: &str, input: Value, args: &[Value]) -> Result<Value, Error> {
    invoke_def(ctx, name, lookup(name), input, args)
}

/// `invoke` with the filter already looked up (parsed filters keep theirs).
pub fn invoke_def(
    ctx: &mut Context,
    name: &str,
    def: Option<&'static FilterDef>,
    input: Value,
    args: &[Value],
) -> Result<Value, Error> {
    let Some(def) = def else {
        if ctx.opts.strict_filters {
            return Err(ctx.error_of(
                ErrorKind::UndefinedFilter,
                format!("undefined filter {name}"),
            ));
        }
        return Ok(input);
    };
    if args.len() < def.min || args.len() > def.max {
        let expected = if def.min == def.max {
            (def.min + 1).to_string()
        } else {
            format!("{}..{}", def.min + 1, def.max + 1)
        };
        return Err(ctx.error(format!(
            "wrong number of arguments (given {}, expected {expected})",
            args.len() + 1
        )));
    }
    (def.run)(ctx, input, args).map_err(|m| ctx.error(m))
}

/// Liquid's `InputIterator`: arrays flattened, a hash as `[hash]`, ranges
/// expanded, nil empty, anything else a one-element list.
pub fn input_iterator(input: &Value) -> Vec<Value> {
    match input {
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            flatten_into(items, &mut out);
            out
        }
        Value::Nil => Vec::new(),
        Value::Range(a, b) => (*a..=*b).map(Value::Int).collect(),
        other => vec![other.clone()],
    }
}

fn flatten_into(items: &[Value], out: &mut Vec<Value>) {
    for item in items {
        match item {
            Value::Array(inner) => flatten_into(inner, out),
            other => out.push(other.clone()),
        }
    }
}

/// `item[property]` as the standard filters do it (hashes only; other
/// values have no such property).
pub fn property_of(item: &Value, property: &str) -> Result<Value, String> {
    match item {
        Value::Hash(map) => Ok(map.get(property).cloned().unwrap_or(Value::Nil)),
        Value::Array(_) | Value::Int(_) | Value::Float(_) => {
            Err(format!("cannot select the property '{property}'"))
        }
        Value::Str(s) => Ok(if s.contains(property) {
            Value::str(property)
        } else {
            Value::Nil
        }),
        _ => Ok(Value::Nil),
    }
}
