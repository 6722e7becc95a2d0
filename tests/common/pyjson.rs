//! JSON as `tools/sitediff.py` sees it: `json.dumps(json.loads(text), sort_keys=True,
//! indent=1)` (Python's `json` module: ASCII-only output, `repr` for floats), and `str()` of a
//! value for the source-map fields.

use serde_json::{Number, Value};

/// Parse `text` and dump it the way Python does; None where `json.loads` fails.
pub fn parse(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

/// `json.dumps(value, sort_keys=True, indent=1)`.
pub fn dumps_sorted(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out
}

fn write_value(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_repr(n)),
        Value::String(s) => write_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                newline_indent(out, i, level + 1);
                write_value(out, item, level + 1);
            }
            newline_indent(out, usize::MAX, level);
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                newline_indent(out, i, level + 1);
                write_string(out, key);
                out.push_str(": ");
                write_value(out, item, level + 1);
            }
            newline_indent(out, usize::MAX, level);
            out.push('}');
        }
    }
}

/// `,` between items (all but the first), then a newline and `level` spaces.
fn newline_indent(out: &mut String, index: usize, level: usize) {
    if index != 0 && index != usize::MAX {
        out.push(',');
    }
    out.push('\n');
    out.push_str(&" ".repeat(level));
}

/// Python's `ensure_ascii` string encoder.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// Integers print as integers, floats as Python's `repr(float)`.
fn number_repr(n: &Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => i.to_string(),
        (None, Some(u), _) => u.to_string(),
        (None, None, Some(f)) => float_repr(f),
        _ => n.to_string(),
    }
}

/// Python's `repr(float)`: shortest round-trip digits, scientific notation when the decimal
/// exponent is below -4 or at least 16.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let decpt = exp + 1;
    if !(-4 < decpt && decpt <= 16) {
        let rest = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{}{rest}e{esign}{:02}", &digits[..1], exp.abs());
    }
    let body = if decpt <= 0 {
        format!("0.{}{digits}", "0".repeat((-decpt) as usize))
    } else if digits.len() as i32 <= decpt {
        format!(
            "{digits}{}.0",
            "0".repeat((decpt - digits.len() as i32) as usize)
        )
    } else {
        format!(
            "{}.{}",
            &digits[..decpt as usize],
            &digits[decpt as usize..]
        )
    };
    format!("{sign}{body}")
}

/// Python's `str()` of a parsed JSON value, as `"%s" % value` prints it.
pub fn py_str(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => number_repr(n),
        Value::Array(_) | Value::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{dumps_sorted, float_repr, parse};

    /// Expected values printed by Python 3.11.
    #[test]
    fn float_repr_matches_python() {
        let cases = [
            (1.0, "1.0"),
            (0.5, "0.5"),
            (-2.25, "-2.25"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (0.1, "0.1"),
            (100.0, "100.0"),
            (0.0, "0.0"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "repr({f})");
        }
    }

    #[test]
    fn dumps_matches_python() {
        let cases = [
            ("{}", "{}"),
            ("[]", "[]"),
            ("3", "3"),
            ("1.0", "1.0"),
            (
                "\"h\u{e9}\\u2028\\ud83d\\ude00\"",
                "\"h\\u00e9\\u2028\\ud83d\\ude00\"",
            ),
            (
                "{\"b\": [1, 2.5, null], \"a\": {\"y\": true, \"x\": \"\\t\"}}",
                "{\n \"a\": {\n  \"x\": \"\\t\",\n  \"y\": true\n },\n \"b\": [\n  1,\n  2.5,\n  null\n ]\n}",
            ),
        ];
        for (input, want) in cases {
            let value = parse(input).expect("valid JSON");
            assert_eq!(dumps_sorted(&value), want, "dumps({input})");
        }
    }
}
