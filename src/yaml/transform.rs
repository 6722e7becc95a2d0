//! Plain-scalar resolution as SafeYAML 1.0.x does it (YAML 1.1 values): mirrors
//! `lib/safe_yaml/transform.rb` and its transformers `to_integer.rb`, `to_float.rb`,
//! `to_nil.rb`, `to_boolean.rb`, `to_date.rb` (symbols stay strings: Jekyll never
//! turns on `deserialize_symbols`), plus `parse/hexadecimal.rb` and
//! `parse/sexagesimal.rb`.
//!
//! The transformers are tried in SafeYAML's order (integer, float, nil, boolean,
//! date); the first that accepts the text wins, anything else stays a string.

use super::timestamp;
use crate::liquid::Value;

/// A value Ruby's `Float()` refuses: SafeYAML lets that `ArgumentError` escape.
#[derive(Debug, Clone, PartialEq)]
pub struct TransformError(pub String);

/// Resolve the text of an untagged plain scalar (or of any tagged scalar:
/// libyaml reports those as neither plain- nor quoted-implicit, so SafeYAML guesses).
pub fn to_guessed_type(text: &str) -> Result<Value, TransformError> {
    if let Some(v) = to_integer(text)? {
        return Ok(v);
    }
    if let Some(v) = to_float(text)? {
        return Ok(v);
    }
    if is_nil(text) {
        return Ok(Value::Nil);
    }
    if let Some(b) = to_boolean(text) {
        return Ok(Value::Bool(b));
    }
    if let Some(v) = timestamp::to_date(text) {
        return Ok(v);
    }
    Ok(Value::str(text))
}

/// `ToNil`: a case-agnostic map of "", "~" and "null".
fn is_nil(text: &str) -> bool {
    text.is_empty() || text == "~" || text.eq_ignore_ascii_case("null")
}

/// `ToBoolean`: a case-agnostic map; `y`/`n` are not in it.
fn to_boolean(text: &str) -> Option<bool> {
    if text.len() > 5 {
        return None;
    }
    match text.to_ascii_lowercase().as_str() {
        "yes" | "on" | "true" => Some(true),
        "no" | "off" | "false" => Some(false),
        _ => None,
    }
}

/// `ToInteger`. Its first step strips every `_` and `,` and every later matcher
/// sees the stripped text, so `1,000` is 1000 and `0x_1F` is 31. Sexagesimal
/// "integers" come out as floats, because `Parse::Sexagesimal` sums `Float`s.
fn to_integer(text: &str) -> Result<Option<Value>, TransformError> {
    let v: String = text.chars().filter(|c| *c != '_' && *c != ',').collect();
    if is_decimal(&v) {
        return Ok(Some(integer_value(&v, 10)));
    }
    if let Some(digits) = v.strip_prefix('0')
        && !digits.is_empty()
        && digits.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return Ok(Some(integer_value(&v, 8)));
    }
    if let Some(hex) = v.strip_prefix("0x").or_else(|| v.strip_prefix("0X"))
        && is_hex(hex)
    {
        return Ok(Some(integer_value(&v, 16)));
    }
    if let Some(bin) = v.strip_prefix("0b")
        && !bin.is_empty()
        && bin.bytes().all(|b| b == b'0' || b == b'1')
    {
        return Ok(Some(integer_value(&v, 2)));
    }
    // `Parse::Hexadecimal` accepts a sign (lowercase `x` only).
    let (_, unsigned) = split_sign(&v);
    if let Some(hex) = unsigned.strip_prefix("0x")
        && is_hex(hex)
    {
        return Ok(Some(integer_value(&v, 16)));
    }
    if is_sexagesimal_integer(&v) {
        return sexagesimal(&v).map(|f| Some(Value::Float(f)));
    }
    Ok(None)
}

/// `/\A[-+]?(0|([1-9][0-9_,]*))\Z/` on the stripped text.
fn is_decimal(v: &str) -> bool {
    let (_, digits) = split_sign(v);
    digits == "0"
        || (digits.starts_with(|c: char| ('1'..='9').contains(&c))
            && digits.bytes().all(|b| b.is_ascii_digit()))
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn split_sign(v: &str) -> (bool, &str) {
    match v.as_bytes().first() {
        Some(b'-') => (true, &v[1..]),
        Some(b'+') => (false, &v[1..]),
        _ => (false, v),
    }
}

/// Ruby's `Integer(v)` for an already validated literal. Ruby would give a
/// Bignum past i64; the digits as a string print the same in a template.
fn integer_value(v: &str, radix: u32) -> Value {
    let (negative, rest) = split_sign(v);
    let digits = match radix {
        16 => &rest[2..],
        2 => &rest[2..],
        _ => rest,
    };
    let parsed = u128::from_str_radix(digits, radix)
        .ok()
        .and_then(|n| i128::try_from(n).ok())
        .map(|n| if negative { -n } else { n })
        .and_then(|n| i64::try_from(n).ok());
    match parsed {
        Some(n) => Value::Int(n),
        None if radix == 10 => Value::str(if negative { v } else { rest }),
        None => Value::str(v),
    }
}

/// `ToFloat`: `/\A[-+]?(?:\d[\d_]*)?\.[\d_]+(?:[eE][-+][\d]+)?\Z/`, then the
/// `.inf`/`.nan` spellings, then sexagesimal floats. An exponent needs a sign,
/// so `1e3` and `1.5e3` stay strings.
fn to_float(text: &str) -> Result<Option<Value>, TransformError> {
    if matches_float(text) {
        return ruby_float(text).map(|f| Some(Value::Float(f)));
    }
    let special = match text {
        ".inf" | ".Inf" | ".INF" => Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Some(f64::NAN),
        _ => None,
    };
    if let Some(f) = special {
        return Ok(Some(Value::Float(f)));
    }
    if is_sexagesimal_float(text) {
        return sexagesimal(text).map(|f| Some(Value::Float(f)));
    }
    Ok(None)
}

fn matches_float(text: &str) -> bool {
    let (_, rest) = split_sign(text);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let Some((int, frac)) = mantissa.split_once('.') else {
        return false;
    };
    let int_ok = int.is_empty()
        || (int.starts_with(|c: char| c.is_ascii_digit()) && is_digits_or_underscores(int));
    let frac_ok = !frac.is_empty() && is_digits_or_underscores(frac);
    let exp_ok = exponent.is_none_or(|e| {
        let unsigned = e.strip_prefix(['+', '-']);
        unsigned.is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    });
    int_ok && frac_ok && exp_ok
}

fn is_digits_or_underscores(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit() || b == b'_')
}

/// Ruby's `Float(s)`: an underscore must sit between two digits.
fn ruby_float(s: &str) -> Result<f64, TransformError> {
    let bytes = s.as_bytes();
    let misplaced = bytes.iter().enumerate().any(|(i, &b)| {
        b == b'_'
            && !(i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    let cleaned: String = s.chars().filter(|c| *c != '_').collect();
    let cleaned = if cleaned.starts_with('.') || cleaned.starts_with("-.") {
        cleaned.replacen('.', "0.", 1)
    } else {
        cleaned
    };
    match cleaned.parse::<f64>() {
        Ok(f) if !misplaced && !cleaned.is_empty() => Ok(f),
        _ => Err(TransformError(format!(
            "invalid value for Float(): \"{s}\""
        ))),
    }
}

/// `/\A[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\Z/`
fn is_sexagesimal_integer(v: &str) -> bool {
    let (_, rest) = split_sign(v);
    let mut parts = rest.split(':');
    let head = parts.next().unwrap_or("");
    let head_ok = head.starts_with(|c: char| c.is_ascii_digit()) && is_digits_or_underscores(head);
    let mut count = 0;
    let tail_ok = parts.all(|p| {
        count += 1;
        is_base60_digit(p)
    });
    head_ok && tail_ok && count > 0
}

/// `/\A[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*\Z/`
fn is_sexagesimal_float(v: &str) -> bool {
    match v.split_once('.') {
        Some((whole, frac)) => is_sexagesimal_integer(whole) && is_digits_or_underscores(frac),
        None => false,
    }
}

fn is_base60_digit(p: &str) -> bool {
    match p.as_bytes() {
        [d] => d.is_ascii_digit(),
        [t, d] => (b'0'..=b'5').contains(t) && d.is_ascii_digit(),
        _ => false,
    }
}

/// `Parse::Sexagesimal.value`, bug included: the sign stays on the first group
/// *and* negates the sum, so `-1:30` is 30.0.
fn sexagesimal(v: &str) -> Result<f64, TransformError> {
    let mut pieces = v.split('.');
    let before = pieces.next().unwrap_or("");
    let after = pieces.next().filter(|a| !a.is_empty());
    let mut whole = 0.0;
    let mut multiplier = 1.0;
    for group in before.split(':').rev() {
        whole += ruby_float(group)? * multiplier;
        multiplier *= 60.0;
    }
    if let Some(after) = after {
        whole += ruby_float(&format!(".{after}"))?;
    }
    if v.starts_with('-') {
        whole = -whole;
    }
    Ok(whole)
}
