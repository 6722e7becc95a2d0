//! kramdown's inline links that CommonMark does not read as links: a destination with spaces
//! (`[a](with spaces.html)`) or with an unbalanced parenthesis before a title
//! (`[a](/to(do "t")`). pulldown-cmark leaves these as text, with `[` and `]` as text events
//! of their own; at the `]` the link is read from the source as kramdown's `parse_link`
//! reads it (`parser/kramdown/link.rb`) and the text since the `[` becomes its content.
//!
//! Only plain cases are taken: on one line, the text and destination free of what
//! pulldown-cmark would make into other events (emphasis, code, HTML, brackets, escapes),
//! so that the events up to the `)` are all text. Images and the `(<url>)` form stay as
//! they are.

use std::ops::Range;

use super::build::{Builder, Kind};
use super::tree::{Inline, LinkTarget};

/// Characters that may start an event other than text, or end the line or a table cell.
const NOT_PLAIN: &[u8] = b"*_`<[]\\~$|\n&!{";

impl<'a> Builder<'a> {
    /// At a `]` text event: when kramdown reads a link from the `[` before it to a `)` after,
    /// replaces the text since the `[` with that link and returns where it ends.
    #[inline(never)]
    pub(super) fn kramdown_inline_link(&mut self, close: &Range<usize>) -> Option<usize> {
        let src = self.src;
        let open = text_start(src, close.start)?;
        let (url, title, len) = destination(&src[close.end..])?;
        // No nested links in kramdown.
        let in_link = self
            .stack
            .iter()
            .any(|f| matches!(f.kind, Kind::Link { .. } | Kind::Image(_)));
        if in_link {
            return None;
        }
        let base = self.stack.last().map_or(0, |f| f.inline_base);
        let at = self.inlines[base..].iter().rposition(
            |i| matches!(i, Inline::Text { text, literal: 0, .. } if text.as_ref() == "["),
        )?;
        let children: Vec<Inline<'a>> = self.inlines.drain(base + at + 1..).collect();
        self.inlines.pop();
        let link = Inline::Link {
            target: Box::new(LinkTarget {
                url,
                title: title.unwrap_or_default(),
                ..LinkTarget::default()
            }),
            auto: false,
            shortcut: false,
            children,
        };
        let end = close.end + len;
        self.inline(link, open..end);
        Some(end)
    }
}

/// Where the `[` of a link text ending at `close` is: on its line, with only plain text
/// between (neither escaped nor an image's or a footnote's).
fn text_start(src: &str, close: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let open = bytes[..close].iter().rposition(|b| b"[]\n".contains(b))?;
    let plain = bytes[open + 1..close]
        .iter()
        .all(|b| !NOT_PLAIN.contains(b));
    let before = open.checked_sub(1).map(|i| bytes[i]);
    let ok = bytes[open] == b'['
        && plain
        && !matches!(before, Some(b'\\' | b'!'))
        && bytes.get(open + 1) != Some(&b'^');
    ok.then_some(open)
}

/// kramdown's reading of `(url)` or `(url "title")` at the start of `rest`: the URL (its
/// parentheses balanced, trimmed), the title and the length read. `None` where kramdown
/// reads no link, or where this module leaves the case to CommonMark.
fn destination(rest: &str) -> Option<(String, Option<String>, usize)> {
    let line = rest.split('\n').next().unwrap_or("");
    let bytes = line.as_bytes();
    if !line.starts_with('(') || line.starts_with("(<") {
        return None;
    }
    // `LINK_PAREN_STOP_RE`: `(`, `)`, or white space before a quote.
    let mut depth = 0usize;
    let mut pos = 0;
    let mut closed = false;
    let mut stopped = false;
    while pos < bytes.len() {
        let b = bytes[pos];
        pos += 1;
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    closed = true;
                    break;
                }
            }
            b' ' | b'\t' if matches!(bytes.get(pos), Some(b'"' | b'\'')) => {
                stopped = true;
                break;
            }
            _ => {}
        }
    }
    if !closed && !stopped {
        // kramdown's scan would go on past the line.
        return None;
    }
    let read = &line[..pos];
    if read.bytes().any(|b| NOT_PLAIN.contains(&b)) {
        return None;
    }
    // `link_url[1..-2].strip`: the last character read is the `)` or the space.
    let url = read[1..read.len() - 1]
        .trim_matches([' ', '\t'])
        .to_string();
    if closed {
        return Some((url, None, pos));
    }
    let (title, len) = title(&line[pos..])?;
    if title.bytes().any(|b| NOT_PLAIN.contains(&b)) {
        return None;
    }
    Some((url, Some(title.to_string()), pos + len))
}

/// `LINK_INLINE_TITLE_RE` (`\s*?(["'])(.+?)\1\s*?\)`) at the start of `rest`: the shortest
/// title whose closing quote is followed by `)` (after white space), and the length read.
fn title(rest: &str) -> Option<(&str, usize)> {
    let start = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let quote = *rest
        .as_bytes()
        .get(start)
        .filter(|q| matches!(q, b'"' | b'\''))?;
    let from = start + 1;
    let bytes = rest.as_bytes();
    (from + 1..bytes.len())
        .filter(|&i| bytes[i] == quote)
        .find_map(|i| {
            let after = &rest[i + 1..];
            let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
            after[spaces..]
                .starts_with(')')
                .then(|| (&rest[from..i], i + 1 + spaces + 1))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expectations checked with Jekyll's converter (`make_oracle.rb`), e.g.
    /// `[a](b (c) d "t" ) y` gives `<a href="b (c) d" title="t">a</a> y`.
    #[test]
    fn reads_destinations_as_kramdown() {
        let some = |url: &str, title: Option<&str>, len| {
            Some((url.to_string(), title.map(str::to_string), len))
        };
        let cases = [
            ("(b c) x", some("b c", None, 5)),
            ("(b (c) d \"t\" ) y", some("b (c) d", Some("t"), 14)),
            ("(  x y  )", some("x y", None, 9)),
            ("(b c \"t\"x\") q", some("b c", Some("t\"x"), 11)),
            (
                "(with spaces.html 'title')",
                some("with spaces.html", Some("title"), 26),
            ),
            (
                "(/something/to(do \"doit\")",
                some("/something/to(do", Some("doit"), 25),
            ),
            ("(with (spaces).html)", some("with (spaces).html", None, 20)),
            // An empty title: no link.
            ("(something.html '')", None),
            ("(b c", None),
            ("(b c\nd)", None),
            ("(<b c>)", None),
            ("(b *c*)", None),
        ];
        for (rest, want) in cases {
            assert_eq!(destination(rest), want, "{rest}");
        }
    }

    #[test]
    fn finds_plain_link_texts() {
        let cases = [
            ("x [a b](", Some(2)),
            ("[](", Some(0)),
            ("x ![a](", None),
            ("x \\[a](", None),
            ("[^a](", None),
            ("[a *b*](", None),
            ("[a\nb](", None),
            ("a](", None),
        ];
        for (src, want) in cases {
            assert_eq!(text_start(src, src.len() - 2), want, "{src}");
        }
    }
}
