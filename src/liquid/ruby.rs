//! Ruby semantics of Liquid values: `to_s`, `inspect`, `==`, `<=>`, and the
//! number coercions of Liquid 4.0.4's `Utils` (lib/liquid/utils.rb) and
//! Ruby's `Float#to_s`. Liquid output is Ruby's `to_s` of the value.

use super::value::{Map, Value};
use std::borrow::Cow;
use std::cmp::Ordering;

impl Value {
    /// Ruby's `to_s`, as `{{ value }}` prints it (arrays are joined, as
    /// Liquid's `Array#join` does for output).
    pub fn to_liquid_string(&self) -> String {
        let mut out = String::new();
        self.write_output(&mut out);
        out
    }

    fn write_output(&self, out: &mut String) {
        match self {
            Value::Array(items) => {
                for item in items.iter() {
                    item.write_output(out);
                }
            }
            Value::Hash(_) => out.push_str(&self.inspect()),
            _ => out.push_str(&self.to_s()),
        }
    }

    /// `to_s`, borrowed when the value is a string (filters that only
    /// read their input need no copy).
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Value::Str(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.to_s()),
        }
    }

    /// Ruby's `to_s` (Array#to_s is `inspect`, unlike output which joins).
    pub fn to_s(&self) -> String {
        match self {
            Value::Nil => String::new(),
            Value::Bool(b) => b.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Float(f) => ruby_float_to_s(*f),
            Value::Str(s) => s.to_string(),
            Value::Time(t) => t.strftime("%Y-%m-%d %H:%M:%S %z").to_string(),
            Value::Date(d) => d.strftime("%Y-%m-%d").to_string(),
            Value::Array(_) | Value::Hash(_) => self.inspect(),
            Value::Range(a, b) => format!("{a}..{b}"),
        }
    }

    /// Ruby's `inspect` (Ruby 3.x `Hash#inspect`: `{"a"=>1}`).
    pub fn inspect(&self) -> String {
        match self {
            Value::Nil => "nil".to_string(),
            Value::Str(s) => inspect_str(s),
            Value::Array(items) => {
                let parts: Vec<String> = items.iter().map(Value::inspect).collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Hash(map) => inspect_hash(map),
            Value::Date(d) => format!("#<Date: {}>", d.strftime("%Y-%m-%d")),
            _ => self.to_s(),
        }
    }

    /// Ruby's `==`.
    pub fn ruby_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Nil, Nil) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Int(a), Float(b)) | (Float(b), Int(a)) => (*a as f64) == *b,
            (Float(a), Float(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (Time(a), Time(b)) => a.timestamp() == b.timestamp(),
            (Date(a), Date(b)) => a == b,
            (Range(a, b), Range(c, d)) => a == c && b == d,
            (Array(a), Array(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.ruby_eq(y))
            }
            (Hash(a), Hash(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k).is_some_and(|w| v.ruby_eq(w)))
            }
            _ => false,
        }
    }

    /// Ruby's `<=>` for values that are `Comparable` with each other.
    /// `Err` carries Ruby's message for incomparable pairs.
    pub fn ruby_cmp(&self, other: &Value) -> Result<Ordering, String> {
        use Value::*;
        let ord = match (self, other) {
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Int(a), Float(b)) => (*a as f64).partial_cmp(b),
            (Float(a), Int(b)) => a.partial_cmp(&(*b as f64)),
            (Float(a), Float(b)) => a.partial_cmp(b),
            (Str(a), Str(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
            (Time(a), Time(b)) => Some(a.timestamp().cmp(&b.timestamp())),
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (Array(a), Array(b)) => return cmp_arrays(a, b, self, other),
            _ => None,
        };
        ord.ok_or_else(|| {
            format!(
                "comparison of {} with {} failed",
                self.ruby_class(),
                other.ruby_inspect_for_error()
            )
        })
    }

    fn ruby_inspect_for_error(&self) -> String {
        match self {
            Value::Nil | Value::Int(_) | Value::Float(_) => self.inspect(),
            _ => self.ruby_class().to_string(),
        }
    }

    /// The Ruby class name, for error messages.
    pub fn ruby_class(&self) -> &'static str {
        match self {
            Value::Nil => "NilClass",
            Value::Bool(true) => "TrueClass",
            Value::Bool(false) => "FalseClass",
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

    /// Ruby's `empty?` where the value responds to it.
    pub fn ruby_empty(&self) -> Option<bool> {
        match self {
            Value::Str(s) => Some(s.is_empty()),
            Value::Array(a) => Some(a.is_empty()),
            Value::Hash(h) => Some(h.is_empty()),
            _ => None,
        }
    }

    /// Ruby's `size` where the value responds to it (`Integer#size` is 8).
    pub fn ruby_size(&self) -> Option<i64> {
        match self {
            Value::Str(s) => Some(s.chars().count() as i64),
            Value::Array(a) => Some(a.len() as i64),
            Value::Hash(h) => Some(h.len() as i64),
            Value::Range(a, b) => Some(b.saturating_sub(*a).saturating_add(1).max(0)),
            Value::Int(_) => Some(8),
            _ => None,
        }
    }

    /// Liquid's `to_number` (Utils.to_number): strings that look like
    /// decimals become floats, other strings `to_i`, non-numbers 0.
    pub fn to_number(&self) -> Value {
        match self {
            Value::Int(_) | Value::Float(_) => self.clone(),
            Value::Str(s) => {
                let t = s.trim();
                if is_decimal(t) {
                    Value::Float(t.parse().unwrap_or(0.0))
                } else {
                    Value::Int(str_to_i(t))
                }
            }
            _ => Value::Int(0),
        }
    }

    /// Ruby's `to_i` as Liquid calls it on filter arguments.
    pub fn to_i(&self) -> i64 {
        match self {
            Value::Int(n) => *n,
            Value::Float(f) => f.trunc() as i64,
            Value::Str(s) => str_to_i(s),
            Value::Bool(_) | Value::Nil => 0,
            _ => 0,
        }
    }

    /// Ruby's `to_i` where the value has one (`NoMethodError` otherwise).
    pub fn try_to_i(&self) -> Result<i64, String> {
        match self {
            Value::Array(_)
            | Value::Hash(_)
            | Value::Bool(_)
            | Value::Range(..)
            | Value::Date(_) => Err(format!("undefined method `to_i' for {}", self.inspect())),
            Value::Time(t) => Ok(t.timestamp().as_second()),
            other => Ok(other.to_i()),
        }
    }

    /// Liquid's `Utils.to_integer`: `Integer(x.to_s)`, an error if not integral.
    pub fn to_integer(&self) -> Result<i64, String> {
        match self {
            Value::Int(n) => Ok(*n),
            other => {
                let s = other.to_s();
                let t = s.trim().replace('_', "");
                t.parse::<i64>().map_err(|_| "invalid integer".to_string())
            }
        }
    }
}

fn cmp_arrays(a: &[Value], b: &[Value], x: &Value, y: &Value) -> Result<Ordering, String> {
    for (p, q) in a.iter().zip(b.iter()) {
        match p.ruby_cmp(q) {
            Ok(Ordering::Equal) => continue,
            Ok(o) => return Ok(o),
            Err(_) => {
                return Err(format!(
                    "comparison of {} with {} failed",
                    x.ruby_class(),
                    y.ruby_class()
                ));
            }
        }
    }
    Ok(a.len().cmp(&b.len()))
}

/// `\A-?\d+\.\d+\z`, the decimal test of `Utils.to_number`.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    match s.split_once('.') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Ruby's `String#to_i`: leading whitespace, optional sign, digits (with `_`).
pub fn str_to_i(s: &str) -> i64 {
    let t = s.trim_start();
    let (neg, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut n: i64 = 0;
    let mut prev_digit = false;
    for c in rest.chars() {
        if let Some(d) = c.to_digit(10) {
            n = n.saturating_mul(10).saturating_add(d as i64);
            prev_digit = true;
        } else if c == '_' && prev_digit {
            prev_digit = false;
        } else {
            break;
        }
    }
    if neg { -n } else { n }
}

/// Ruby's `String#to_f`.
pub fn str_to_f(s: &str) -> f64 {
    let t = s.trim_start();
    let bytes = t.as_bytes();
    let mut end = 0;
    if end < bytes.len() && (bytes[end] == b'-' || bytes[end] == b'+') {
        end += 1;
    }
    let digits_start = end;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    if end == digits_start {
        return 0.0;
    }
    if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
        end += 1;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
    }
    if end < bytes.len() && (bytes[end] == b'e' || bytes[end] == b'E') {
        let mut e = end + 1;
        if e < bytes.len() && (bytes[e] == b'-' || bytes[e] == b'+') {
            e += 1;
        }
        if e < bytes.len() && bytes[e].is_ascii_digit() {
            while e < bytes.len() && bytes[e].is_ascii_digit() {
                e += 1;
            }
            end = e;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

/// Ruby's `Float#to_s`: shortest round-trip digits, decimal notation for
/// exponents in -4..16, scientific (`1.0e+20`) otherwise.
pub fn ruby_float_to_s(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    let body = if (-4..16).contains(&exp) {
        decimal_notation(&digits, exp)
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

fn decimal_notation(digits: &str, exp: i32) -> String {
    if exp < 0 {
        let zeros = "0".repeat((-exp - 1) as usize);
        return format!("0.{zeros}{digits}");
    }
    let int_len = exp as usize + 1;
    if digits.len() <= int_len {
        let zeros = "0".repeat(int_len - digits.len());
        format!("{digits}{zeros}.0")
    } else {
        format!("{}.{}", &digits[..int_len], &digits[int_len..])
    }
}

/// Ruby's `String#inspect` for UTF-8 strings.
pub fn inspect_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            '\u{8}' => out.push_str("\\b"),
            '\u{7}' => out.push_str("\\a"),
            '\u{1b}' => out.push_str("\\e"),
            '#' if matches!(chars.peek(), Some('{' | '$' | '@')) => out.push_str("\\#"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn inspect_hash(map: &Map) -> String {
    if map.is_empty() {
        return "{}".to_string();
    }
    let parts: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{}=>{}", inspect_str(k), v.inspect()))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_ruby() {
        let cases = [
            (3.0, "3.0"),
            (0.1, "0.1"),
            (1.0e20, "1.0e+20"),
            (1.0e16, "1.0e+16"),
            (1.0e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1.0e-05"),
            (-2.5, "-2.5"),
            (123.456, "123.456"),
            (1.5e-7, "1.5e-07"),
        ];
        for (f, want) in cases {
            assert_eq!(ruby_float_to_s(f), want, "{f}");
        }
    }

    #[test]
    fn hashes_inspect_like_ruby3() {
        let mut m = Map::new();
        m.insert("a".into(), Value::Int(1));
        m.insert("b".into(), Value::array(vec![Value::Nil, "x\"y".into()]));
        assert_eq!(
            Value::hash(m).to_liquid_string(),
            r#"{"a"=>1, "b"=>[nil, "x\"y"]}"#
        );
    }

    #[test]
    fn to_i_and_to_number() {
        assert_eq!(str_to_i("  12abc"), 12);
        assert_eq!(str_to_i("-3"), -3);
        assert_eq!(str_to_i("x"), 0);
        assert!(matches!(Value::from("1.5").to_number(), Value::Float(f) if f == 1.5));
        assert!(matches!(Value::from("1.").to_number(), Value::Int(1)));
        assert_eq!(str_to_f("2.5e3x"), 2500.0);
    }
}
