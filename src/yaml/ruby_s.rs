//! Ruby's `to_s` / `inspect` for values that end up as hash keys. Ruby keeps
//! `1: x` under the Integer key 1; our maps are keyed by strings, and what a
//! Jekyll user sees of such a key (in `jsonify`, in a `for` over the hash) is its
//! `to_s`, so that is the string we store.

use crate::liquid::Value;

/// The string a resolved YAML key is stored under.
pub fn key_string(key: &Value) -> String {
    match key {
        Value::Str(s) => s.to_string(),
        other => to_s(other),
    }
}

/// Ruby's `to_s` of a value.
pub fn to_s(value: &Value) -> String {
    match value {
        Value::Nil => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Float(f) => float_to_s(*f),
        Value::Str(s) => s.to_string(),
        Value::Time(t) => t.strftime("%Y-%m-%d %H:%M:%S %z").to_string(),
        Value::Date(d) => d.strftime("%Y-%m-%d").to_string(),
        Value::Range(a, b) => format!("{a}..{b}"),
        Value::Array(_) | Value::Hash(_) => inspect(value),
    }
}

/// Ruby's `inspect` (as `Array#to_s` and `Hash#to_s` use it), Ruby 3.1 style.
fn inspect(value: &Value) -> String {
    match value {
        Value::Nil => "nil".into(),
        Value::Str(s) => format!("{s:?}"),
        Value::Date(d) => format!("#<Date: {}>", d.strftime("%Y-%m-%d")),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(inspect).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Hash(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k:?}=>{}", inspect(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        other => to_s(other),
    }
}

/// The Ruby class name used in `TypeError` messages.
pub fn class_name(value: &Value) -> &'static str {
    match value {
        Value::Nil => "nil",
        Value::Bool(true) => "true",
        Value::Bool(false) => "false",
        Value::Int(_) => "Integer",
        Value::Float(_) => "Float",
        Value::Str(_) => "String",
        Value::Time(_) => "Time",
        Value::Date(_) => "Date",
        Value::Array(_) => "Array",
        Value::Hash(_) => "Hash",
        Value::Range(..) => "Range",
    }
}

/// Ruby's `Float#to_s`: shortest round-trip digits, fixed notation when the
/// decimal point position is in -3..=15, else `1.0e+20` style.
pub fn float_to_s(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    let decpt = exp + 1;
    let body = if (-3..=15).contains(&decpt) {
        fixed(&digits, decpt)
    } else {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        format!(
            "{first}.{rest}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    };
    format!("{sign}{body}")
}

fn fixed(digits: &str, decpt: i32) -> String {
    if decpt <= 0 {
        return format!("0.{}{digits}", "0".repeat(decpt.unsigned_abs() as usize));
    }
    let decpt = decpt as usize;
    if digits.len() <= decpt {
        format!("{digits}{}.0", "0".repeat(decpt - digits.len()))
    } else {
        format!("{}.{}", &digits[..decpt], &digits[decpt..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_ruby() {
        let cases = [
            (1.0, "1.0"),
            (2.5, "2.5"),
            (-0.5, "-0.5"),
            (1e20, "1.0e+20"),
            (1e16, "1.0e+16"),
            (1e15, "1.0e+15"),
            (1e14, "100000000000000.0"),
            (1234567890123456.0, "1.234567890123456e+15"),
            (0.0001, "0.0001"),
            (0.00001, "1.0e-05"),
            (1.5e-7, "1.5e-07"),
            (123.456, "123.456"),
            (f64::INFINITY, "Infinity"),
        ];
        for (f, want) in cases {
            assert_eq!(float_to_s(f), want, "{f}");
        }
    }
}
