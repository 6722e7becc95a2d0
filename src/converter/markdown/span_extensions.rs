//! kramdown's span-level extensions (the span half of `kramdown/parser/kramdown/extensions.rb`):
//! `{::comment}…{:/}` becomes an HTML comment, `{::nomarkdown}…{:/}` raw output, and
//! `{::options … /}` nothing (its settings are read by `inline_options`). They are
//! found in the source, a line at a time outside code spans, and stand in the text as
//! placeholder comments until `resolve` swaps in their output.
//!
//! A placeholder that opens a line's content is led by `LEAD`, a private-use character:
//! pulldown-cmark would read a line starting with `<!--` as an HTML block, where kramdown
//! sees a paragraph starting with a span element. `drop_leads` takes the leads out of the
//! parsed text again, before any pass reads it.

use super::tree::{Document, Inline, Text, walk_text};
use regex::Regex;
use std::sync::LazyLock;

/// Placeholders are `<!--` MARK number `-->`, MARK a private-use character.
const MARK: &str = "\u{E001}";

/// Leads a placeholder that opens a line's content (see the module comment).
const LEAD: char = '\u{E003}';

static START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{::(comment|nomarkdown|options)((?:\s(?:\\\}|[^}])*?)?)\s*(/)?\}")
        .unwrap_or_else(|_| Regex::new("$^").expect("constant pattern"))
});

/// Replaces the span extensions of `line`, recording their output in `outputs`.
pub(crate) fn rewrite_line(line: &str, outputs: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pos = 0;
    while let Some(c) = START.captures_at(line, pos) {
        let Some(whole) = c.get(0) else { break };
        let in_code = line[..whole.start()].matches('`').count() % 2 == 1;
        let body_end = if c.get(3).is_some() {
            Some((whole.end(), whole.end()))
        } else {
            stop(line, whole.end(), &c[1])
        };
        let (Some((body_end, next)), false) = (body_end, in_code) else {
            out.push_str(&line[pos..whole.end()]);
            pos = whole.end();
            continue;
        };
        out.push_str(&line[pos..whole.start()]);
        let body = &line[whole.end()..body_end];
        if let Some(html) = output(&c[1], &c[2], body) {
            outputs.push(html);
            if opens_content(&out) {
                out.push(LEAD);
            }
            out.push_str(&format!("<!--{MARK}{}-->", outputs.len()));
        }
        pos = next;
    }
    out.push_str(&line[pos..]);
    out
}

/// Whether a line written up to `before` has no content yet: only indentation and what may
/// be block quote or list markers (a wider set than those; a lead too many is harmless).
fn opens_content(before: &str) -> bool {
    before.bytes().all(|b| {
        matches!(
            b,
            b' ' | b'\t' | b'>' | b'*' | b'+' | b'-' | b'.' | b')' | b'0'..=b'9'
        )
    })
}

/// A placeholder that writes nothing: it keeps pulldown-cmark from reading the paragraph it
/// ends as a block of its own kind (`block_extensions`' escaped block math).
pub(crate) fn empty_placeholder(outputs: &mut Vec<String>) -> String {
    outputs.push(String::new());
    format!("<!--{MARK}{}-->", outputs.len())
}

/// The `{:/}` or `{:/name}` ending an extension's body: where the body ends and the stop does.
fn stop(line: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(i) = line[at..].find("{:/") {
        let start = at + i;
        let rest = &line[start + 3..];
        let named = rest.strip_prefix(name).filter(|r| r.starts_with('}'));
        let len = match named {
            Some(_) => 3 + name.len() + 1,
            None if rest.starts_with('}') => 4,
            None => {
                at = start + 3;
                continue;
            }
        };
        return Some((start, start + len));
    }
    None
}

/// What an extension writes (kramdown's `convert_comment`, `convert_raw`).
fn output(name: &str, attrs: &str, body: &str) -> Option<String> {
    match name {
        "comment" if !body.is_empty() => Some(format!("<!-- {body} -->")),
        "nomarkdown" if !body.is_empty() && super::block_extensions::is_html_type(attrs) => {
            Some(body.to_string())
        }
        _ => None,
    }
}

/// Takes the leads `rewrite_line` put before placeholders out of the text of `doc`,
/// dropping text left empty. `outputs`: the placeholders' outputs (none, nothing to do).
pub(crate) fn drop_leads(doc: &mut Document, outputs: &[String]) {
    if outputs.is_empty() {
        return;
    }
    walk_text(doc, &mut |text| {
        if let Text::Inlines(list) = text {
            drop_leads_in(list);
        }
    });
}

fn drop_leads_in(list: &mut Vec<Inline>) {
    list.retain_mut(|inline| match inline {
        Inline::Text { text, .. } if text.contains(LEAD) => {
            text.to_mut().retain(|c| c != LEAD);
            !text.is_empty()
        }
        Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => {
            drop_leads_in(c);
            true
        }
        Inline::Link { children, .. } => {
            drop_leads_in(children);
            true
        }
        _ => true,
    });
}

/// Swaps the placeholders in `doc` for the output they stand for.
pub(crate) fn resolve(doc: &mut Document, outputs: &[String]) {
    if outputs.is_empty() {
        return;
    }
    walk_text(doc, &mut |text| match text {
        Text::Inlines(list) => inlines(list, outputs),
        Text::Html(html) => swap(html, outputs),
    });
}

fn inlines(list: &mut [Inline], outputs: &[String]) {
    for inline in list {
        match inline {
            Inline::Html(html) => swap(html, outputs),
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => inlines(c, outputs),
            Inline::Link { children, .. } => inlines(children, outputs),
            _ => {}
        }
    }
}

/// Replaces every placeholder in `html`.
fn swap(html: &mut String, outputs: &[String]) {
    while let Some(at) = html.find(&format!("<!--{MARK}")) {
        let digits = at + 4 + MARK.len();
        // Raw HTML keeps the lead of a placeholder that opens a line.
        let start = if html[..at].ends_with(LEAD) {
            at - LEAD.len_utf8()
        } else {
            at
        };
        let Some(len) = html[digits..].find("-->") else {
            return;
        };
        let n: usize = html[digits..digits + len].parse().unwrap_or(0);
        let output = n.checked_sub(1).and_then(|i| outputs.get(i));
        html.replace_range(start..digits + len + 3, output.map_or("", String::as_str));
    }
}
