//! Jekyll's own filters (lib/jekyll/filters.rb, filters/url_filters.rb):
//! URLs, markdownify/smartify through the host, jsonify, escapes, slugify,
//! word counts, sentence joins, inspect, and the array helpers
//! push/pop/shift/unshift/sample.

use super::FilterDef;
use super::string::cgi_escape;
use super::url::{is_plain_url, normalize_component, normalize_tail};
use super::writer::{Written, as_value};
use crate::liquid::render::Context;
use crate::liquid::tokenize::{is_ruby_space, re};
use crate::liquid::value::Value;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

type R = Result<Value, String>;
type W = Result<Written, String>;

pub const FILTERS: &[FilterDef] = &[
    FilterDef {
        name: "relative_url",
        min: 0,
        max: 0,
        run: |c, i, a| as_value(c, i, a, relative_url_into),
    },
    FilterDef {
        name: "absolute_url",
        min: 0,
        max: 0,
        run: |c, i, a| as_value(c, i, a, absolute_url_into),
    },
    FilterDef {
        name: "strip_index",
        min: 0,
        max: 0,
        run: strip_index,
    },
    FilterDef {
        name: "markdownify",
        min: 0,
        max: 0,
        run: |c, i, _| Ok(Value::str(c.host.markdownify(&i.to_s()))),
    },
    FilterDef {
        name: "smartify",
        min: 0,
        max: 0,
        run: |c, i, _| Ok(Value::str(c.host.smartify(&i.to_s()))),
    },
    FilterDef {
        name: "sassify",
        min: 0,
        max: 0,
        run: |c, i, _| c.host.sass(&i.to_s(), true).map(Value::str),
    },
    FilterDef {
        name: "scssify",
        min: 0,
        max: 0,
        run: |c, i, _| c.host.sass(&i.to_s(), false).map(Value::str),
    },
    FilterDef {
        name: "jsonify",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(Value::str(i.to_json())),
    },
    FilterDef {
        name: "xml_escape",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(Value::str(xml_escape(&i.to_s()))),
    },
    FilterDef {
        name: "cgi_escape",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(Value::str(cgi_escape(&i.to_s()))),
    },
    FilterDef {
        name: "uri_escape",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(Value::str(normalize_component(&i.to_s()))),
    },
    FilterDef {
        name: "slugify",
        min: 0,
        max: 1,
        run: |c, i, a| as_value(c, i, a, slugify_into),
    },
    FilterDef {
        name: "normalize_whitespace",
        min: 0,
        max: 0,
        run: normalize_whitespace,
    },
    FilterDef {
        name: "number_of_words",
        min: 0,
        max: 1,
        run: number_of_words,
    },
    FilterDef {
        name: "array_to_sentence_string",
        min: 0,
        max: 1,
        run: array_to_sentence_string,
    },
    FilterDef {
        name: "inspect",
        min: 0,
        max: 0,
        run: |_, i, _| Ok(Value::str(xml_escape(&i.inspect()))),
    },
    FilterDef {
        name: "to_integer",
        min: 0,
        max: 0,
        run: to_integer,
    },
    FilterDef {
        name: "push",
        min: 1,
        max: 1,
        run: |_, i, a| edit(i, |v| v.push(a[0].clone())),
    },
    FilterDef {
        name: "unshift",
        min: 1,
        max: 1,
        run: |_, i, a| edit(i, |v| v.insert(0, a[0].clone())),
    },
    FilterDef {
        name: "pop",
        min: 0,
        max: 1,
        run: pop,
    },
    FilterDef {
        name: "shift",
        min: 0,
        max: 1,
        run: shift,
    },
    FilterDef {
        name: "sample",
        min: 0,
        max: 1,
        run: sample,
    },
];

/// The site's `baseurl` and `url` ("" when unset), read from the
/// configuration once per render.
fn site_urls<'c>(ctx: &'c Context) -> &'c (String, String) {
    let host = ctx.host;
    ctx.registers.site_urls.get_or_init(|| {
        let text = |key: &str| {
            host.config()
                .get(key)
                .filter(|v| !v.is_nil())
                .map_or_else(String::new, Value::to_s)
        };
        (text("baseurl"), text("url"))
    })
}

/// `\A[A-Za-z][A-Za-z0-9+.\-]*:`: the input is an absolute URL (has a scheme).
fn is_absolute(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    b[1..]
        .iter()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')))
        == Some(&b':')
}

/// Appends `s` with a leading slash (none added to an empty `s`).
fn push_with_leading_slash(out: &mut String, s: &str) {
    if !s.is_empty() && !s.starts_with('/') {
        out.push('/');
    }
    out.push_str(s);
}

/// Appends the relative URL of the non-absolute `input` under `base`.
fn push_relative(out: &mut String, base: &str, input: &str) {
    let start = out.len();
    push_with_leading_slash(out, base.strip_suffix('/').unwrap_or(base));
    push_with_leading_slash(out, input);
    normalize_tail(out, start);
}

/// `relative_url` of a string (for the `link` and `post_url` tags).
pub fn relative_url_of(ctx: &Context, input: &str) -> String {
    if is_absolute(input) {
        return input.to_string();
    }
    let mut out = String::new();
    push_relative(&mut out, &site_urls(ctx).0, input);
    out
}

pub(super) fn relative_url_into(ctx: &Context, input: &Value, _: &[Value], out: &mut String) -> W {
    if input.is_nil() {
        return Ok(Written::Nil);
    }
    let text = input.to_text();
    if is_absolute(&text) {
        out.push_str(&text);
    } else {
        push_relative(out, &site_urls(ctx).0, &text);
    }
    Ok(Written::Text)
}

pub(super) fn absolute_url_into(ctx: &Context, input: &Value, _: &[Value], out: &mut String) -> W {
    if input.is_nil() {
        return Ok(Written::Nil);
    }
    let text = input.to_text();
    if is_absolute(&text) {
        out.push_str(&text);
        return Ok(Written::Text);
    }
    let urls = site_urls(ctx);
    let (base, url) = (&urls.0, &urls.1);
    let start = out.len();
    out.push_str(url);
    push_relative(out, base, &text);
    // The relative part is normalized already: a normal `url` with no
    // query or fragment leaves nothing to change.
    if !url.is_empty() && !is_plain_url(url) {
        normalize_tail(out, start);
    }
    Ok(Written::Text)
}

static INDEX_HTML: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)/index\.html?$"));

fn strip_index(_: &mut Context, input: Value, _: &[Value]) -> R {
    if input.to_s().is_empty() {
        return Ok(Value::Nil);
    }
    Ok(Value::str(
        INDEX_HTML.replacen(&input.to_s(), 1, "/").into_owned(),
    ))
}

/// `encode(:xml => :attr)` without the surrounding quotes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Combining marks (`\p{M}`, the common blocks), which slugify keeps.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
}

pub(super) fn slugify_into(_: &Context, input: &Value, args: &[Value], out: &mut String) -> W {
    if input.is_nil() {
        return Ok(Written::Nil);
    }
    let mut text = input.to_text();
    let mode = args
        .first()
        .filter(|v| !v.is_nil())
        .map_or(Cow::Borrowed("default"), Value::to_text);
    if mode == "latin" {
        text = Cow::Owned(super::transliterate::transliterate(&text));
    }
    let keep: fn(char) -> bool = match &*mode {
        "raw" => |c| !c.is_whitespace(),
        "pretty" => |c| c.is_alphanumeric() || is_mark(c) || "._~!$&'()+,;=@".contains(c),
        "ascii" => |c| c.is_ascii_alphanumeric(),
        "default" | "latin" => |c| c.is_alphanumeric() || is_mark(c),
        _ => {
            out.push_str(&text.to_lowercase());
            return Ok(Written::Text);
        }
    };
    // ASCII text is lower-cased on the way (no second copy); the dashes
    // that would start or end the slug are never written.
    let ascii = text.is_ascii();
    let start = out.len();
    let mut dash = false;
    for c in text.chars() {
        if keep(c) {
            if dash && out.len() > start {
                out.push('-');
            }
            dash = false;
            out.push(if ascii { c.to_ascii_lowercase() } else { c });
        } else {
            dash = true;
        }
    }
    if !ascii {
        let lower = out[start..].to_lowercase();
        out.truncate(start);
        out.push_str(&lower);
    }
    Ok(Written::Text)
}

fn normalize_whitespace(_: &mut Context, input: Value, _: &[Value]) -> R {
    let text = input.to_s();
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if is_ruby_space(c) && c != '\0' {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    Ok(Value::str(out.trim_matches(is_ruby_space)))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3040..=0x309F | 0x30A0..=0x30FF | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn number_of_words(_: &mut Context, input: Value, args: &[Value]) -> R {
    let text = input.to_s();
    let plain = text.split(is_ruby_space).filter(|w| !w.is_empty()).count() as i64;
    let cjk = text.chars().filter(|c| is_cjk(*c)).count() as i64;
    let words = text
        .split(|c: char| is_cjk(c) || is_ruby_space(c))
        .filter(|w| !w.is_empty())
        .count() as i64;
    Ok(Value::Int(match args.first().and_then(Value::as_str) {
        Some("cjk") => cjk + words,
        Some("auto") if cjk > 0 => cjk + words,
        _ => plain,
    }))
}

fn array_to_sentence_string(_: &mut Context, input: Value, args: &[Value]) -> R {
    let connector = args.first().map_or("and".to_string(), Value::to_s);
    let items: Vec<String> = match &input {
        Value::Array(a) => a.iter().map(Value::to_s).collect(),
        Value::Str(s) if s.chars().count() <= 2 => s.chars().map(String::from).collect(),
        _ => return Err(format!("undefined method `length' for {}", input.inspect())),
    };
    Ok(Value::str(match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        2 => format!("{} {connector} {}", items[0], items[1]),
        n => format!(
            "{}, {connector} {}",
            items[..n - 1].join(", "),
            items[n - 1]
        ),
    }))
}

fn to_integer(_: &mut Context, input: Value, _: &[Value]) -> R {
    Ok(Value::Int(match input {
        Value::Bool(b) => i64::from(b),
        other => other.to_i(),
    }))
}

fn edit(input: Value, f: impl FnOnce(&mut Vec<Value>)) -> R {
    let Value::Array(items) = &input else {
        return Ok(input);
    };
    let mut v = items.to_vec();
    f(&mut v);
    Ok(Value::array(v))
}

fn count_arg(args: &[Value]) -> Result<usize, String> {
    let n = args.first().map_or(Ok(1), Value::to_integer)?;
    if n < 0 {
        return Err("negative array size".into());
    }
    Ok(n as usize)
}

fn pop(_: &mut Context, input: Value, args: &[Value]) -> R {
    let n = count_arg(args)?;
    edit(input, |v| v.truncate(v.len().saturating_sub(n)))
}

fn shift(_: &mut Context, input: Value, args: &[Value]) -> R {
    let n = count_arg(args)?;
    edit(input, |v| {
        v.drain(..n.min(v.len()));
    })
}

/// Deterministic `sample`: the first element(s).
fn sample(_: &mut Context, input: Value, args: &[Value]) -> R {
    let Value::Array(items) = &input else {
        return Ok(input);
    };
    let n = args.first().map_or(Ok(1), Value::to_integer).unwrap_or(1);
    if n == 1 {
        return Ok(items.first().cloned().unwrap_or(Value::Nil));
    }
    Ok(Value::array(
        items.iter().take(n.max(0) as usize).cloned().collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls_have_a_scheme() {
        let cases = [
            ("http://x.com", true),
            ("mailto:a@b", true),
            ("a+b.c-d:x", true),
            ("/a:b", false),
            ("1a:b", false),
            ("a b:c", false),
            ("abc", false),
            ("", false),
        ];
        for (input, want) in cases {
            assert_eq!(is_absolute(input), want, "{input}");
        }
    }
}
