//! Jekyll's collection filters (lib/jekyll/filters.rb and
//! filters/grouping_filters.rb): where, where_exp, find, find_exp, sort
//! (with nils first/last), group_by, group_by_exp. They replace Liquid's
//! `where` and `sort`.

use super::FilterDef;
use super::array::try_sort;
use crate::liquid::render::Context;
use crate::liquid::tags::if_tag::strict_condition;
use crate::liquid::tokenize::re;
use crate::liquid::value::{Map, Value};
use crate::liquid::variable::Variable;
use regex::Regex;
use std::cmp::Ordering;
use std::sync::LazyLock;

type R = Result<Value, String>;

pub const FILTERS: &[FilterDef] = &[
    FilterDef {
        name: "where",
        min: 2,
        max: 2,
        run: where_filter,
    },
    FilterDef {
        name: "where_exp",
        min: 2,
        max: 2,
        run: |c, i, a| select_exp(c, i, a, false),
    },
    FilterDef {
        name: "find",
        min: 2,
        max: 2,
        run: find,
    },
    FilterDef {
        name: "find_exp",
        min: 2,
        max: 2,
        run: |c, i, a| select_exp(c, i, a, true),
    },
    FilterDef {
        name: "sort",
        min: 0,
        max: 2,
        run: sort,
    },
    FilterDef {
        name: "group_by",
        min: 1,
        max: 1,
        run: group_by,
    },
    FilterDef {
        name: "group_by_exp",
        min: 2,
        max: 2,
        run: group_by_exp,
    },
];

/// Items of a selectable input (`input.values` for hashes); `None` when
/// the input has no `select`.
fn items(input: &Value) -> Option<Vec<Value>> {
    match input {
        Value::Array(a) => Some(a.to_vec()),
        Value::Hash(m) => Some(m.values().cloned().collect()),
        Value::Range(a, b) => Some((*a..=*b).map(Value::Int).collect()),
        _ => None,
    }
}

static FLOAT_LIKE: LazyLock<Regex> = LazyLock::new(|| re(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\z"));
static INTEGER_LIKE: LazyLock<Regex> = LazyLock::new(|| re(r"\A\s*-?\d+\s*\z"));

/// `item_property` + `parse_sort_input`: dotted paths, numeric strings as numbers.
fn item_property(item: &Value, property: &str) -> Result<Value, String> {
    match item {
        Value::Nil | Value::Bool(_) | Value::Float(_) => {
            return Err(format!("undefined method `[]' for {}", item.inspect()));
        }
        Value::Int(_) | Value::Array(_) => {
            return Err("no implicit conversion of String into Integer".into());
        }
        _ => {}
    }
    let mut v = item.clone();
    for key in property.split('.') {
        v = match &v {
            Value::Hash(m) => crate::liquid::render::small_get(m, key)
                .cloned()
                .unwrap_or(Value::Nil),
            _ if !property.contains('.') => Value::Nil,
            _ => Value::Bool(false),
        };
        if !property.contains('.') {
            break;
        }
    }
    if !may_look_numeric(&v) {
        return Ok(v);
    }
    let s = v.to_s();
    if INTEGER_LIKE.is_match(&s) {
        return Ok(Value::Int(crate::liquid::ruby::str_to_i(&s)));
    }
    if FLOAT_LIKE.is_match(&s) {
        return Ok(Value::Float(crate::liquid::ruby::str_to_f(s.trim())));
    }
    Ok(v)
}

/// Whether `to_s` of `v` could match `INTEGER_LIKE` or `FLOAT_LIKE`: an
/// integer already is one, and a string with an ASCII character other than
/// digits, `-`, `.` and spaces cannot be (non-ASCII text is left to the regexes).
fn may_look_numeric(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Nil | Value::Bool(_) | Value::Hash(_) | Value::Array(_) => false,
        Value::Time(_) | Value::Date(_) => false,
        Value::Str(s) => !s.bytes().any(|b| {
            b.is_ascii()
                && !(b.is_ascii_digit()
                    || b.is_ascii_whitespace()
                    || b == b'-'
                    || b == b'.'
                    || b == 0x0b)
        }),
        Value::Float(_) | Value::Range(..) => true,
    }
}

fn compare_property_vs_target(property: &Value, target: &Value) -> bool {
    if target.is_nil() {
        return property.is_nil();
    }
    let target = target.to_s();
    match property {
        Value::Str(s) => **s == *target,
        Value::Array(items) => items.iter().any(|p| p.to_s() == target),
        Value::Nil => false,
        other => other.to_s() == target,
    }
}

fn where_filter(_: &mut Context, input: Value, args: &[Value]) -> R {
    let (property, value) = (&args[0], &args[1]);
    if !property.is_truthy() || matches!(value, Value::Array(_) | Value::Hash(_)) {
        return Ok(input);
    }
    let Some(list) = items(&input) else {
        return Ok(input);
    };
    let key = property.to_s();
    let mut out = Vec::new();
    for o in list {
        if compare_property_vs_target(&item_property(&o, &key)?, value) {
            out.push(o);
        }
    }
    Ok(Value::array(out))
}

fn find(_: &mut Context, input: Value, args: &[Value]) -> R {
    let (property, value) = (&args[0], &args[1]);
    if !property.is_truthy() || matches!(value, Value::Array(_) | Value::Hash(_)) {
        return Ok(input);
    }
    let Some(list) = items(&input) else {
        return Ok(input);
    };
    let key = property.to_s();
    for o in list {
        if compare_property_vs_target(&item_property(&o, &key)?, value) {
            return Ok(o);
        }
    }
    Ok(Value::Nil)
}

fn select_exp(ctx: &mut Context, input: Value, args: &[Value], first_only: bool) -> R {
    let Some(list) = items(&input) else {
        return Ok(input);
    };
    let variable = args[0].to_s();
    let condition =
        strict_condition(&args[1].to_s()).map_err(|e| format!("Liquid syntax error: {e}"))?;
    ctx.push_empty_scope().map_err(|e| e.message)?;
    let mut out = Vec::new();
    let mut result = Ok(());
    for item in list {
        ctx.set_local(&variable, item.clone());
        match condition.evaluate(ctx) {
            Ok(true) => {
                out.push(item);
                if first_only {
                    break;
                }
            }
            Ok(false) => {}
            Err(e) => {
                result = Err(e.message);
                break;
            }
        }
    }
    ctx.pop_scope();
    result?;
    if first_only {
        return Ok(out.into_iter().next().unwrap_or(Value::Nil));
    }
    Ok(Value::array(out))
}

fn sort(_: &mut Context, input: Value, args: &[Value]) -> R {
    if input.is_nil() {
        return Err("Cannot sort a null object.".into());
    }
    let mut list = match &input {
        Value::Array(a) => a.to_vec(),
        Value::Hash(m) => m
            .iter()
            .map(|(k, v)| Value::array(vec![Value::str(k.as_str()), v.clone()]))
            .collect(),
        Value::Range(a, b) => (*a..=*b).map(Value::Int).collect(),
        other => return Err(format!("undefined method `sort' for {}", other.inspect())),
    };
    let Some(property) = args.first().filter(|p| !p.is_nil()) else {
        try_sort(&mut list, |a, b| a.ruby_cmp(b))?;
        return Ok(Value::array(list));
    };
    let order = match args
        .get(1)
        .map_or("first".to_string(), Value::to_s)
        .as_str()
    {
        "first" => Ordering::Less,
        "last" => Ordering::Greater,
        other => {
            return Err(format!(
                "Invalid nils order: '{other}' is not a valid nils order. It must be 'first' or 'last'."
            ));
        }
    };
    let key = property.to_s();
    let mut keyed = Vec::with_capacity(list.len());
    for i in list {
        keyed.push((item_property(&i, &key)?, i));
    }
    keyed.sort_by(|(a, _), (b, _)| match (a.is_nil(), b.is_nil()) {
        (false, true) => order.reverse(),
        (true, false) => order,
        _ => a.ruby_cmp(b).unwrap_or_else(|_| a.to_s().cmp(&b.to_s())),
    });
    Ok(Value::array(keyed.into_iter().map(|(_, v)| v).collect()))
}

fn grouped(groups: Vec<(Value, Vec<Value>)>) -> Value {
    let out = groups
        .into_iter()
        .map(|(name, items)| {
            let mut m = Map::new();
            m.insert("name".into(), name);
            m.insert("size".into(), Value::Int(items.len() as i64));
            m.insert("items".into(), Value::array(items));
            m.swap_indices(1, 2);
            Value::hash(m)
        })
        .collect();
    Value::array(out)
}

fn add_to_group(groups: &mut Vec<(Value, Vec<Value>)>, key: Value, item: Value) {
    // Newest group first: sorted input adds to the last group. (Keys are
    // pairwise unequal, so at most one group matches.)
    match groups.iter_mut().rev().find(|(k, _)| k.ruby_eq(&key)) {
        Some((_, items)) => items.push(item),
        None => groups.push((key, vec![item])),
    }
}

fn group_by(_: &mut Context, input: Value, args: &[Value]) -> R {
    let Some(list) = items(&input) else {
        return Ok(input);
    };
    let key = args[0].to_s();
    let mut groups = Vec::new();
    for item in list {
        let name = Value::str(item_property(&item, &key)?.to_s());
        add_to_group(&mut groups, name, item);
    }
    Ok(grouped(groups))
}

fn group_by_exp(ctx: &mut Context, input: Value, args: &[Value]) -> R {
    let Some(list) = items(&input) else {
        return Ok(input);
    };
    let variable = args[0].to_s();
    let expr = Variable::lax(&args[1].to_s());
    ctx.push_empty_scope().map_err(|e| e.message)?;
    let mut groups = Vec::new();
    let mut result = Ok(());
    for item in list {
        ctx.set_local(&variable, item.clone());
        match ctx.render_variable(&expr) {
            Ok(v) => add_to_group(&mut groups, v, item),
            Err(e) => {
                result = Err(e.message);
                break;
            }
        }
    }
    ctx.pop_scope();
    result?;
    Ok(grouped(groups))
}
