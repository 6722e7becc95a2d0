//! String and HTML filters of Liquid 4.0.4's StandardFilters
//! (lib/liquid/standardfilters.rb): case, append/prepend, replace/remove,
//! split, strip, truncate, escape, url_encode, strip_html, slice, default...

use super::writer::{Written, as_value};
use super::{Args, FilterDef, input_iterator};
use crate::liquid::render::Context;
use crate::liquid::tokenize::{is_ruby_space, re, ruby_words};
use crate::liquid::value::Value;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

type R = Result<Value, String>;
type W = Result<Written, String>;

pub const FILTERS: &[FilterDef] = &[
    FilterDef {
        name: "size",
        min: 0,
        max: 0,
        run: size,
    },
    FilterDef {
        name: "downcase",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(s(i.to_s().to_lowercase())),
    },
    FilterDef {
        name: "upcase",
        min: 0,
        max: 0,
        run: |c, i, a| as_value(c, i, a, upcase_into),
    },
    FilterDef {
        name: "capitalize",
        min: 0,
        max: 0,
        run: |c, i, a| as_value(c, i, a, capitalize_into),
    },
    FilterDef {
        name: "escape",
        min: 0,
        max: 0,
        run: |c, i, a| as_value(c, i, a, escape_into),
    },
    FilterDef {
        name: "h",
        min: 0,
        max: 0,
        run: |c, i, a| as_value(c, i, a, escape_into),
    },
    FilterDef {
        name: "escape_once",
        min: 0,
        max: 0,
        run: escape_once,
    },
    FilterDef {
        name: "url_encode",
        min: 0,
        max: 0,
        run: url_encode,
    },
    FilterDef {
        name: "url_decode",
        min: 0,
        max: 0,
        run: url_decode,
    },
    FilterDef {
        name: "slice",
        min: 1,
        max: 2,
        run: slice,
    },
    FilterDef {
        name: "truncate",
        min: 0,
        max: 2,
        run: truncate,
    },
    FilterDef {
        name: "truncatewords",
        min: 0,
        max: 2,
        run: |c, i, a| as_value(c, i, a, truncatewords_into),
    },
    FilterDef {
        name: "split",
        min: 1,
        max: 1,
        run: split,
    },
    FilterDef {
        name: "strip",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(s(i.to_s().trim_matches(is_ruby_space))),
    },
    FilterDef {
        name: "lstrip",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(s(i.to_s().trim_start_matches(is_ruby_space))),
    },
    FilterDef {
        name: "rstrip",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(s(i.to_s().trim_end_matches(is_ruby_space))),
    },
    FilterDef {
        name: "strip_html",
        min: 0,
        max: 0,
        run: |c, i, a| as_value(c, i, a, strip_html_into),
    },
    FilterDef {
        name: "strip_newlines",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(s(i.to_s().replace("\r\n", "").replace('\n', ""))),
    },
    FilterDef {
        name: "newline_to_br",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(s(i.to_s().replace('\n', "<br />\n"))),
    },
    FilterDef {
        name: "replace",
        min: 1,
        max: 2,
        run: |_, i, a| Ok(s(i.to_s().replace(&a.s(0), &a.s(1)))),
    },
    FilterDef {
        name: "replace_first",
        min: 1,
        max: 2,
        run: |_, i, a| Ok(s(i.to_s().replacen(&a.s(0), &a.s(1), 1))),
    },
    FilterDef {
        name: "remove",
        min: 1,
        max: 1,
        run: |_, i, a| Ok(s(i.to_s().replace(&a.s(0), ""))),
    },
    FilterDef {
        name: "remove_first",
        min: 1,
        max: 1,
        run: |_, i, a| Ok(s(i.to_s().replacen(&a.s(0), "", 1))),
    },
    FilterDef {
        name: "append",
        min: 1,
        max: 1,
        run: |_, i, a| Ok(s(i.to_s() + &a.s(0))),
    },
    FilterDef {
        name: "prepend",
        min: 1,
        max: 1,
        run: |_, i, a| Ok(s(a.s(0) + &i.to_s())),
    },
    FilterDef {
        name: "default",
        min: 0,
        max: 1,
        run: default,
    },
];

fn s(x: impl Into<String>) -> Value {
    Value::str(x.into())
}

fn size(_: &mut Context, input: Value, _: &[Value]) -> R {
    Ok(Value::Int(match &input {
        Value::Int(_) => 8,
        other => other.ruby_size().unwrap_or(0),
    }))
}

pub(super) fn capitalize_into(_: &Context, input: &Value, _: &[Value], out: &mut String) -> W {
    let text = input.to_text();
    if text.is_ascii() {
        let start = out.len();
        out.push_str(&text);
        out[start..].make_ascii_lowercase();
        if let Some(first) = out.get_mut(start..start + 1) {
            first.make_ascii_uppercase();
        }
        return Ok(Written::Text);
    }
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(&chars.as_str().to_lowercase());
    }
    Ok(Written::Text)
}

pub(super) fn upcase_into(_: &Context, input: &Value, _: &[Value], out: &mut String) -> W {
    let text = input.to_text();
    if text.is_ascii() {
        let start = out.len();
        out.push_str(&text);
        out[start..].make_ascii_uppercase();
    } else {
        out.push_str(&text.to_uppercase());
    }
    Ok(Written::Text)
}

/// `CGI.escapeHTML`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_html_into(&mut out, text);
    out
}

fn escape_html_into(out: &mut String, text: &str) {
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&text[from..]);
}

pub(super) fn escape_into(_: &Context, input: &Value, _: &[Value], out: &mut String) -> W {
    if input.is_nil() {
        return Ok(Written::Nil);
    }
    // Nothing to escape: the string itself, without copying it.
    if let Value::Str(text) = input
        && !text
            .bytes()
            .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return Ok(Written::Input);
    }
    escape_html_into(out, &input.to_text());
    Ok(Written::Text)
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| re(r"\A&(?:[a-zA-Z]+|#[0-9]+);"));

fn escape_once(_: &mut Context, input: Value, _: &[Value]) -> R {
    let text = input.to_s();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '&' if ENTITY.is_match(&text[i..]) => out.push('&'),
            '&' | '<' | '>' | '"' | '\'' => out.push_str(&escape_html(&c.to_string())),
            c => out.push(c),
        }
    }
    Ok(s(out))
}

/// `CGI.escape`: `*-._` and alphanumerics kept, space as `+`.
pub fn cgi_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn url_encode(_: &mut Context, input: Value, _: &[Value]) -> R {
    if input.is_nil() {
        return Ok(Value::Nil);
    }
    Ok(s(cgi_escape(&input.to_s())))
}

fn url_decode(_: &mut Context, input: Value, _: &[Value]) -> R {
    if input.is_nil() {
        return Ok(Value::Nil);
    }
    let text = input.to_s();
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() && hex(b[i + 1]).is_some() && hex(b[i + 2]).is_some() => {
                out.push((hex(b[i + 1]).unwrap_or(0) * 16 + hex(b[i + 2]).unwrap_or(0)) as u8);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out)
        .map(s)
        .map_err(|_| "invalid byte sequence in UTF-8".to_string())
}

fn slice(_: &mut Context, input: Value, args: &[Value]) -> R {
    let offset = args[0].to_integer()?;
    let length = match args.get(1) {
        Some(l) if !l.is_nil() => l.to_integer()?,
        _ => 1,
    };
    if let Value::Array(items) = &input {
        return Ok(Value::array(
            ruby_slice(items, offset, length).unwrap_or_default(),
        ));
    }
    let chars: Vec<char> = input.to_s().chars().collect();
    Ok(s(ruby_slice(&chars, offset, length)
        .unwrap_or_default()
        .into_iter()
        .collect::<String>()))
}

/// Ruby's `ary.slice(start, length)`.
pub fn ruby_slice<T: Clone>(items: &[T], start: i64, length: i64) -> Option<Vec<T>> {
    let len = items.len() as i64;
    let start = if start < 0 { start + len } else { start };
    if start < 0 || start > len || length < 0 {
        return None;
    }
    let end = (start + length).min(len);
    Some(items[start as usize..end as usize].to_vec())
}

fn truncate(_: &mut Context, input: Value, args: &[Value]) -> R {
    if input.is_nil() {
        return Ok(Value::Nil);
    }
    let text = input.to_s();
    let length = match args.first() {
        Some(v) => v.to_integer()?,
        None => 50,
    };
    let ellipsis = args.get(1).map_or("...".to_string(), Value::to_s);
    let l = length
        .saturating_sub(ellipsis.chars().count() as i64)
        .max(0) as usize;
    if text.chars().count() as i64 > length {
        Ok(s(text.chars().take(l).collect::<String>() + &ellipsis))
    } else {
        Ok(s(text))
    }
}

pub(super) fn truncatewords_into(
    _: &Context,
    input: &Value,
    args: &[Value],
    out: &mut String,
) -> W {
    if input.is_nil() {
        return Ok(Written::Nil);
    }
    let n = match args.first() {
        Some(v) => v.to_integer()?,
        None => 15,
    };
    let keep = n.saturating_sub(1).max(0) as usize + 1;
    if !first_words(out, &input.to_text(), keep) {
        return Ok(Written::Input);
    }
    out.push_str(&args.get(1).map_or(Cow::Borrowed("..."), Value::to_text));
    Ok(Written::Text)
}

/// Writes the first `keep` words of `text` joined by spaces; false when it has fewer.
fn first_words(out: &mut String, text: &str, keep: usize) -> bool {
    for (i, word) in ruby_words(text).take(keep).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if i + 1 == keep {
            return true;
        }
    }
    false
}

/// Ruby's `String#split(pattern)` with a string pattern (" " = awk mode).
pub fn ruby_split(text: &str, pattern: &str) -> Vec<String> {
    let mut parts: Vec<String> = if pattern == " " {
        text.split(is_ruby_space)
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    } else if pattern.is_empty() {
        text.chars().map(String::from).collect()
    } else {
        text.split(pattern).map(String::from).collect()
    };
    while parts.last().is_some_and(String::is_empty) {
        parts.pop();
    }
    parts
}

fn split(_: &mut Context, input: Value, args: &[Value]) -> R {
    let parts = ruby_split(&input.to_s(), &args[0].to_s());
    Ok(Value::array(parts.into_iter().map(Value::from).collect()))
}

static STRIP_BLOCKS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?s)<script.*?</script>|<!--.*?-->|<style.*?</style>"));
static STRIP_TAGS: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)<.*?>"));

pub(super) fn strip_html_into(_: &Context, input: &Value, _: &[Value], out: &mut String) -> W {
    if let Value::Str(text) = input
        && !text.contains('<')
    {
        return Ok(Written::Input);
    }
    let text = input.to_text();
    let has_block = text.match_indices('<').any(|(i, _)| {
        let after = &text[i + 1..];
        after.starts_with("script") || after.starts_with("!--") || after.starts_with("style")
    });
    if !has_block {
        strip_tags_into(out, &text);
        return Ok(Written::Text);
    }
    let text = STRIP_BLOCKS.replace_all(&text, "");
    out.push_str(&STRIP_TAGS.replace_all(&text, ""));
    Ok(Written::Text)
}

/// `gsub(/<.*?>/m, '')` without a regex: each `<` up to the next `>` goes;
/// a `<` with no `>` after it stays, with the rest of the text.
#[cfg(test)]
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    strip_tags_into(&mut out, text);
    out
}

fn strip_tags_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

fn default(_: &mut Context, input: Value, args: &[Value]) -> R {
    let fallback = args.first().cloned().unwrap_or_else(|| s(""));
    let allow_false = args
        .get(1)
        .and_then(|kw| kw.get("allow_false"))
        .is_some_and(Value::is_truthy);
    let is_false = matches!(input, Value::Bool(false));
    if input.is_nil() || (is_false && !allow_false) || input.ruby_empty() == Some(true) {
        Ok(fallback)
    } else {
        Ok(input)
    }
}

/// `join` lives with the array filters but is string-producing; kept here.
pub fn join(_: &mut Context, input: Value, args: &[Value]) -> R {
    let glue = args.first().map_or(" ".to_string(), Value::to_s);
    let items = input_iterator(&input);
    let parts: Vec<String> = items.iter().map(Value::to_s).collect();
    Ok(s(parts.join(&glue)))
}

impl Args for [Value] {
    fn s(&self, i: usize) -> String {
        self.get(i).map(Value::to_s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_tags_matches_the_regex() {
        let cases = [
            "<p>a</p>b",
            "a < b",
            "<a\nhref=x>t</a>",
            "x<y>z<",
            "<<>>",
            "no tags",
            "é<b>ü</b>",
        ];
        for text in cases {
            let want = STRIP_TAGS.replace_all(text, "").into_owned();
            assert_eq!(strip_tags(text), want, "{text}");
        }
    }
}
