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
        run: |_, i, a| where_filter(i, &a[0], Target::Value(&a[1])),
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
        run: |_, i, a| find(i, &a[0], Target::Value(&a[1])),
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

/// `where` and `find` whose value is the literal `empty` or `blank`: Liquid
/// hands the filter a `MethodLiteral` then, which Jekyll's
/// `compare_property_vs_target` tells apart from a string (see `Target`).
/// Chosen at parse time, when that argument is seen to be such a literal.
pub const METHOD_LITERAL_TARGET: &[FilterDef] = &[
    FilterDef {
        name: "where",
        min: 2,
        max: 2,
        run: |_, i, a| where_filter(i, &a[0], Target::MethodLiteral),
    },
    FilterDef {
        name: "find",
        min: 2,
        max: 2,
        run: |_, i, a| find(i, &a[0], Target::MethodLiteral),
    },
];

/// What `where` / `find` compare each item's property with.
#[derive(Clone, Copy)]
enum Target<'a> {
    Value(&'a Value),
    /// `empty` / `blank`: matches a property whose `Array(p).join` is empty.
    MethodLiteral,
}

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

/// Jekyll's `compare_property_vs_target`: nil matches nil; `empty` and
/// `blank` match what `Array(property).join` makes empty; anything else
/// matches a string property equal to its `to_s`, or an element of
/// `Array(property)` whose `to_s` is.
fn compare_property_vs_target(property: &Value, target: Target) -> bool {
    let target = match target {
        Target::MethodLiteral => return joins_empty(property, true),
        Target::Value(Value::Nil) => return property.is_nil(),
        Target::Value(t) => t.to_s(),
    };
    match property {
        Value::Str(s) => **s == *target,
        Value::Array(items) => items.iter().any(|p| p.to_s() == target),
        // `Array(hash)` is its `[key, value]` pairs.
        Value::Hash(map) => map
            .iter()
            .any(|(k, v)| Value::array(vec![Value::str(k.as_str()), v.clone()]).to_s() == target),
        Value::Range(a, b) => target
            .parse::<i64>()
            .is_ok_and(|n| (*a..=*b).contains(&n) && n.to_string() == target),
        Value::Nil => false,
        other => other.to_s() == target,
    }
}

/// Whether Ruby's `Array(v).join` (`top`) or `Array#join` of `v` as an
/// element (not `top`) is the empty string. `Array(nil)` is `[]`, a hash
/// becomes its pairs and a range its members; as an element, only nil, an
/// empty string and arrays of such join to nothing (a hash shows as `{}`).
fn joins_empty(v: &Value, top: bool) -> bool {
    match v {
        Value::Nil => true,
        Value::Str(s) => s.is_empty(),
        Value::Array(items) => items.iter().all(|i| joins_empty(i, false)),
        Value::Hash(map) if top => map
            .iter()
            .all(|(k, v)| k.is_empty() && joins_empty(v, false)),
        Value::Range(a, b) if top => a > b,
        _ => false,
    }
}

fn where_filter(input: Value, property: &Value, target: Target) -> R {
    if !property.is_truthy() || target_is_collection(target) {
        return Ok(input);
    }
    let Some(list) = items(&input) else {
        return Ok(input);
    };
    let key = property.to_s();
    let mut out = Vec::new();
    for o in list {
        if compare_property_vs_target(&item_property(&o, &key)?, target) {
            out.push(o);
        }
    }
    Ok(Value::array(out))
}

/// `value.is_a?(Array) || value.is_a?(Hash)`: `where` and `find` then
/// return their input.
fn target_is_collection(target: Target) -> bool {
    matches!(target, Target::Value(Value::Array(_) | Value::Hash(_)))
}

fn find(input: Value, property: &Value, target: Target) -> R {
    if !property.is_truthy() || target_is_collection(target) {
        return Ok(input);
    }
    let Some(list) = items(&input) else {
        return Ok(input);
    };
    let key = property.to_s();
    for o in list {
        if compare_property_vs_target(&item_property(&o, &key)?, target) {
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
