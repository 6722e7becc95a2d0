//! Math filters of Liquid 4.0.4 (plus, minus, times, divided_by, modulo,
//! round, ceil, floor, abs, at_least, at_most). Ruby does float math in
//! `BigDecimal` (Utils.to_number), so `0.1 | plus: 0.2` is `0.3`: floats are
//! added and multiplied here as exact decimals of their shortest digits.

use super::FilterDef;
use crate::liquid::render::Context;
use crate::liquid::ruby::ruby_float_to_s;
use crate::liquid::value::Value;

type R = Result<Value, String>;

pub const FILTERS: &[FilterDef] = &[
    FilterDef {
        name: "plus",
        min: 1,
        max: 1,
        run: |_, i, a| arith(&i, &a[0], '+'),
    },
    FilterDef {
        name: "minus",
        min: 1,
        max: 1,
        run: |_, i, a| arith(&i, &a[0], '-'),
    },
    FilterDef {
        name: "times",
        min: 1,
        max: 1,
        run: |_, i, a| arith(&i, &a[0], '*'),
    },
    FilterDef {
        name: "divided_by",
        min: 1,
        max: 1,
        run: |_, i, a| arith(&i, &a[0], '/'),
    },
    FilterDef {
        name: "modulo",
        min: 1,
        max: 1,
        run: |_, i, a| arith(&i, &a[0], '%'),
    },
    FilterDef {
        name: "round",
        min: 0,
        max: 1,
        run: round,
    },
    FilterDef {
        name: "ceil",
        min: 0,
        max: 0,
        run: |_, i, _| float_to_int(i.to_number(), f64::ceil),
    },
    FilterDef {
        name: "floor",
        min: 0,
        max: 0,
        run: |_, i, _| float_to_int(i.to_number(), f64::floor),
    },
    FilterDef {
        name: "abs",
        min: 0,
        max: 0,
        run: abs,
    },
    FilterDef {
        name: "at_least",
        min: 1,
        max: 1,
        run: |_, i, a| bound(&i, &a[0], true),
    },
    FilterDef {
        name: "at_most",
        min: 1,
        max: 1,
        run: |_, i, a| bound(&i, &a[0], false),
    },
];

/// A float as an exact decimal `m * 10^-scale` of its shortest digits.
fn decimal(f: f64) -> Option<(i128, u32)> {
    let s = ruby_float_to_s(f);
    if s.contains('e') || s.contains('N') || s.contains('I') {
        return None;
    }
    let (int, frac) = s.split_once('.')?;
    let frac = frac.trim_end_matches('0');
    let m: i128 = format!("{int}{frac}").parse().ok()?;
    Some((m, frac.len() as u32))
}

fn from_decimal(m: i128, scale: u32) -> f64 {
    let s = if scale == 0 {
        m.to_string()
    } else {
        let neg = m < 0;
        let digits = m.unsigned_abs().to_string();
        let digits = format!("{:0>width$}", digits, width = scale as usize + 1);
        let (a, b) = digits.split_at(digits.len() - scale as usize);
        format!("{}{a}.{b}", if neg { "-" } else { "" })
    };
    s.parse().unwrap_or(0.0)
}

fn exact(a: f64, b: f64, op: char) -> f64 {
    let fallback = match op {
        '+' => a + b,
        '-' => a - b,
        '%' => a - b * (a / b).floor(),
        _ => a * b,
    };
    let (Some((ma, sa)), Some((mb, sb))) = (decimal(a), decimal(b)) else {
        return fallback;
    };
    let r = if op == '*' {
        ma.checked_mul(mb).map(|m| (m, sa + sb))
    } else {
        let scale = sa.max(sb);
        let xa = ma.checked_mul(10i128.pow(scale - sa));
        let xb = mb.checked_mul(10i128.pow(scale - sb));
        match (xa, xb) {
            (Some(x), Some(y)) if op == '+' => x.checked_add(y).map(|m| (m, scale)),
            (Some(x), Some(y)) if op == '%' => Some((((x % y) + y) % y, scale)),
            (Some(x), Some(y)) => x.checked_sub(y).map(|m| (m, scale)),
            _ => None,
        }
    };
    r.filter(|(_, s)| *s < 30)
        .map_or(fallback, |(m, s)| from_decimal(m, s))
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Int(n) => *n as f64,
        Value::Float(f) => *f,
        _ => 0.0,
    }
}

fn arith(input: &Value, operand: &Value, op: char) -> R {
    let (a, b) = (input.to_number(), operand.to_number());
    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
        return int_arith(*x, *y, op);
    }
    let (x, y) = (as_f64(&a), as_f64(&b));
    let r = match op {
        '%' if y == 0.0 => return Err("divided by 0".into()),
        '/' => x / y,
        '%' => exact(x, y, '%'),
        _ => exact(x, y, op),
    };
    Ok(Value::Float(r))
}

fn int_arith(x: i64, y: i64, op: char) -> R {
    let r = match op {
        '+' => x.checked_add(y),
        '-' => x.checked_sub(y),
        '*' => x.checked_mul(y),
        _ if y == 0 => return Err("divided by 0".into()),
        '/' if y == -1 => x.checked_neg(),
        '%' if y == -1 => Some(0),
        '/' => Some(x.div_euclid(y) - i64::from(y < 0 && x.rem_euclid(y) != 0)),
        _ => Some(((x % y) + y) % y),
    };
    Ok(r.map_or_else(|| Value::Float(x as f64 + y as f64), Value::Int))
}

fn round(_: &mut Context, input: Value, args: &[Value]) -> R {
    let n = args.first().map_or(Value::Int(0), Value::to_number);
    let digits = match n {
        Value::Int(d) => d,
        Value::Float(f) => f as i64,
        _ => 0,
    };
    match input.to_number() {
        Value::Int(x) if digits >= 0 => Ok(Value::Int(x)),
        Value::Int(x) => {
            let p = 10i64.checked_pow((-digits) as u32).unwrap_or(i64::MAX);
            Ok(Value::Int(
                ((x as f64 / p as f64).round() as i64).saturating_mul(p),
            ))
        }
        Value::Float(f) if !f.is_finite() => Err(domain_error(f)),
        Value::Float(f) => {
            let r = round_half_up(f, digits);
            if digits <= 0 {
                Ok(Value::Int(r as i64))
            } else {
                Ok(Value::Float(r))
            }
        }
        _ => Ok(Value::Int(0)),
    }
}

/// BigDecimal's ROUND_HALF_UP on the float's shortest decimal digits.
fn round_half_up(f: f64, digits: i64) -> f64 {
    let Some((m, scale)) = decimal(f) else {
        return f;
    };
    let scale = scale as i64;
    if digits >= scale {
        return f;
    }
    let drop = (scale - digits) as u32;
    let Some(p) = 10i128.checked_pow(drop) else {
        return 0.0;
    };
    let q = m / p;
    let r = (m % p).abs();
    let q = if r * 2 >= p { q + m.signum() } else { q };
    if digits >= 0 {
        from_decimal(q, digits as u32)
    } else {
        (q as f64) * 10f64.powi((-digits) as i32)
    }
}

/// Ruby's FloatDomainError message.
fn domain_error(f: f64) -> String {
    let what = if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    };
    format!("Computation results in '{what}'")
}

fn float_to_int(n: Value, f: fn(f64) -> f64) -> R {
    match n {
        Value::Float(x) if !x.is_finite() => Err(domain_error(x)),
        Value::Float(x) => Ok(Value::Int(f(x) as i64)),
        other => Ok(other),
    }
}

fn abs(_: &mut Context, input: Value, _: &[Value]) -> R {
    Ok(match input.to_number() {
        Value::Int(n) => Value::Int(n.saturating_abs()),
        Value::Float(f) => Value::Float(f.abs()),
        other => other,
    })
}

fn bound(input: &Value, limit: &Value, at_least: bool) -> R {
    let (x, l) = (input.to_number(), limit.to_number());
    let replace = if at_least {
        as_f64(&l) > as_f64(&x)
    } else {
        as_f64(&l) < as_f64(&x)
    };
    Ok(if replace { l } else { x })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_like_ruby_bigdecimal() {
        let f = |v: R| v.map(|x| x.to_liquid_string()).unwrap_or_else(|e| e);
        let cases = [
            (arith(&Value::Float(0.1), &Value::Float(0.2), '+'), "0.3"),
            (arith(&Value::Int(-7), &Value::Int(2), '/'), "-4"),
            (arith(&Value::Int(-7), &Value::Int(3), '%'), "2"),
            (arith(&Value::Int(7), &Value::Int(0), '/'), "divided by 0"),
            (arith(&Value::from("3"), &Value::Float(1.5), '*'), "4.5"),
            (arith(&Value::Int(10), &Value::Float(4.0), '/'), "2.5"),
        ];
        for (got, want) in cases {
            assert_eq!(f(got), want);
        }
        assert_eq!(round_half_up(2.675, 2), 2.68);
        assert_eq!(round_half_up(-1.5, 0), -2.0);
    }
}
