//! Array filters of Liquid 4.0.4 (join, first, last, sort, sort_natural,
//! uniq, reverse, map, compact, concat) over Liquid's `InputIterator`
//! (arrays flattened, a hash as a one-element list).

use super::string::join;
use super::{FilterDef, input_iterator, property_of};
use crate::liquid::render::Context;
use crate::liquid::value::Value;
use std::cmp::Ordering;

type R = Result<Value, String>;

pub const FILTERS: &[FilterDef] = &[
    FilterDef {
        name: "join",
        min: 0,
        max: 1,
        run: join,
    },
    FilterDef {
        name: "first",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(first_last(&i, true)),
    },
    FilterDef {
        name: "last",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(first_last(&i, false)),
    },
    FilterDef {
        name: "sort_natural",
        min: 0,
        max: 1,
        run: sort_natural,
    },
    FilterDef {
        name: "uniq",
        min: 0,
        max: 1,
        run: uniq,
    },
    FilterDef {
        name: "reverse",
        min: 0,
        max: 0,
        run: reverse,
    },
    FilterDef {
        name: "map",
        min: 1,
        max: 1,
        run: map,
    },
    FilterDef {
        name: "compact",
        min: 0,
        max: 1,
        run: compact,
    },
    FilterDef {
        name: "concat",
        min: 1,
        max: 1,
        run: concat,
    },
];

fn first_last(input: &Value, first: bool) -> Value {
    match input {
        Value::Array(items) => {
            let v = if first { items.first() } else { items.last() };
            v.cloned().unwrap_or(Value::Nil)
        }
        Value::Hash(map) if first => map.first().map_or(Value::Nil, |(k, v)| {
            Value::array(vec![Value::str(k.as_str()), v.clone()])
        }),
        Value::Range(a, b) => Value::Int(if first { *a } else { *b }),
        _ => Value::Nil,
    }
}

fn nil_safe_casecmp(a: &Value, b: &Value) -> Ordering {
    match (a.is_nil(), b.is_nil()) {
        (false, false) => a
            .to_s()
            .to_ascii_lowercase()
            .cmp(&b.to_s().to_ascii_lowercase()),
        (true, _) => Ordering::Greater,
        (false, true) => Ordering::Less,
    }
}

/// A sort that reports the first comparison error (Ruby raises from `sort`).
pub fn try_sort(
    items: &mut [Value],
    cmp: impl Fn(&Value, &Value) -> Result<Ordering, String>,
) -> Result<(), String> {
    let mut err = None;
    items.sort_by(|a, b| match cmp(a, b) {
        Ok(o) => o,
        Err(e) => {
            err.get_or_insert(e);
            Ordering::Equal
        }
    });
    err.map_or(Ok(()), Err)
}

fn sort_natural(_: &mut Context, input: Value, args: &[Value]) -> R {
    let mut items = input_iterator(&input);
    if items.is_empty() {
        return Ok(Value::array(vec![]));
    }
    match args.first().filter(|p| !p.is_nil()) {
        None => items.sort_by(nil_safe_casecmp),
        Some(p) => {
            let key = p.to_s();
            let mut keyed = Vec::with_capacity(items.len());
            for item in items {
                keyed.push((property_of(&item, &key)?, item));
            }
            keyed.sort_by(|a, b| nil_safe_casecmp(&a.0, &b.0));
            items = keyed.into_iter().map(|(_, v)| v).collect();
        }
    }
    Ok(Value::array(items))
}

fn uniq(_: &mut Context, input: Value, args: &[Value]) -> R {
    let items = input_iterator(&input);
    let mut seen: Vec<Value> = Vec::new();
    let mut out = Vec::new();
    for item in items {
        let key = match args.first().filter(|p| !p.is_nil()) {
            Some(p) => property_of(&item, &p.to_s())?,
            None => item.clone(),
        };
        if !seen
            .iter()
            .any(|s| s.ruby_eq(&key) && s.ruby_class() == key.ruby_class())
        {
            seen.push(key);
            out.push(item);
        }
    }
    Ok(Value::array(out))
}

fn reverse(_: &mut Context, input: Value, _: &[Value]) -> R {
    let mut items = input_iterator(&input);
    items.reverse();
    Ok(Value::array(items))
}

fn map(_: &mut Context, input: Value, args: &[Value]) -> R {
    let key = args[0].to_s();
    let mut out = Vec::new();
    for item in input_iterator(&input) {
        out.push(if key == "to_liquid" {
            item
        } else {
            property_of(&item, &key)?
        });
    }
    Ok(Value::array(out))
}

fn compact(_: &mut Context, input: Value, args: &[Value]) -> R {
    let mut out = Vec::new();
    for item in input_iterator(&input) {
        let keep = match args.first().filter(|p| !p.is_nil()) {
            Some(p) => !property_of(&item, &p.to_s())?.is_nil(),
            None => !item.is_nil(),
        };
        if keep {
            out.push(item);
        }
    }
    Ok(Value::array(out))
}

fn concat(_: &mut Context, input: Value, args: &[Value]) -> R {
    let Value::Array(extra) = &args[0] else {
        return Err("concat filter requires an array argument".into());
    };
    let mut items = input_iterator(&input);
    items.extend(extra.iter().cloned());
    Ok(Value::array(items))
}
