//! kramdown's last test of a table (`parse_table` in `kramdown/parser/kramdown/table.rb`):
//! the whole table text is read for code spans and span HTML (`parse_spans` with
//! `[:codespan, :span_html]`), and the pieces are walked to check that every line keeps an
//! unescaped pipe outside them. A code span may run across lines, so a line's pipes can hide
//! in a span opened on the line before; the walk is kramdown's, quirks included.
//!
//! Inside an element whose content kramdown parses as Markdown, only code spans, escapes and
//! nested HTML are read on the way to its end tag (kramdown's other span syntax, such as
//! emphasis or links around an end tag, is not followed).

use super::super::html_tag::{BLOCK_ELEMENTS, Token, is_known, read_token};
use super::super::span_raw::parses;
use super::has_pipe;

/// Whether kramdown keeps the table whose text (without its last line break) is `text`.
/// `parse_span_html`: the option, which decides which elements' content is Markdown.
pub(super) fn pipes_outside_spans(text: &str, parse_span_html: bool) -> bool {
    let scan = Scan {
        s: text,
        parse_span_html,
    };
    let mut walk = Walk::default();
    let b = text.as_bytes();
    let (mut pos, mut text_from) = (0, 0);
    while pos < b.len() && walk.result.is_none() {
        let Some(i) = memchr::memchr2(b'`', b'<', &b[pos..]) else {
            break;
        };
        pos += i;
        let piece = if b[pos] == b'`' {
            scan.code_span(pos)
        } else {
            scan.html(pos, false, 0)
        };
        match piece {
            Piece::Text(end) => pos = end,
            Piece::Code(value, end) => {
                walk.text(&text[text_from..pos]);
                walk.code(value);
                (pos, text_from) = (end, end);
            }
            Piece::Comment(value, end) => {
                // A comment is walked as text, but not merged with the text around it.
                walk.text(&text[text_from..pos]);
                walk.text(value);
                (pos, text_from) = (end, end);
            }
            Piece::Element(end) => {
                // The element's value is its name, which holds no pipe and no line break.
                walk.text(&text[text_from..pos]);
                (pos, text_from) = (end, end);
            }
        }
    }
    if walk.result.is_none() {
        walk.text(&text[text_from..]);
    }
    walk.result.unwrap_or(walk.pipe_on_line)
}

/// What the span parser makes at a position; each ends at the given offset.
#[derive(Debug, PartialEq)]
enum Piece<'s> {
    /// Text, merged with the text around it.
    Text(usize),
    /// A code span and its value.
    Code(&'s str, usize),
    /// An HTML comment (its value is all of it).
    Comment(&'s str, usize),
    /// An HTML element with its content.
    Element(usize),
}

/// kramdown's walk over the pieces (`pipe_on_line`), which may stop early with a result.
#[derive(Default)]
struct Walk {
    pipe_on_line: bool,
    result: Option<bool>,
}

impl Walk {
    fn text(&mut self, value: &str) {
        let Some((first, last, lines)) = ruby_lines(value) else {
            return;
        };
        if lines > 1 && !self.pipe_on_line && !has_pipe(first) {
            self.result = Some(false);
            return;
        }
        self.pipe_on_line = (lines == 1 && self.pipe_on_line) || has_pipe(last);
    }

    fn code(&mut self, value: &str) {
        match ruby_lines(value).map_or(0, |(.., n)| n) {
            0 | 1 => {}
            2 if self.pipe_on_line => self.pipe_on_line = false,
            2 => self.result = Some(false),
            _ => self.result = Some(self.pipe_on_line),
        }
    }
}

/// Ruby's `value.split("\n")` (trailing empty strings dropped): its first and last line and
/// how many there are, or none.
fn ruby_lines(value: &str) -> Option<(&str, &str, usize)> {
    let v = value.trim_end_matches('\n');
    if v.is_empty() {
        return None;
    }
    let first = v.split('\n').next().unwrap_or(v);
    let last = v.rsplit('\n').next().unwrap_or(v);
    Some((
        first,
        last,
        memchr::memchr_iter(b'\n', v.as_bytes()).count() + 1,
    ))
}

/// The table text being read.
struct Scan<'s> {
    s: &'s str,
    parse_span_html: bool,
}

/// Nested elements deeper than this are taken to run to the end of the text.
const MAX_DEPTH: usize = 64;

impl<'s> Scan<'s> {
    /// kramdown's `parse_codespan` at the backtick run at `pos`: a lone backtick between
    /// white space (or after the start) is text, and so is a run that no run of as many
    /// backticks (even inside a longer one) closes.
    fn code_span(&self, pos: usize) -> Piece<'s> {
        let b = self.s.as_bytes();
        let n = b[pos..].iter().take_while(|&&c| c == b'`').count();
        let space = |c: &u8| matches!(c, b' ' | b'\t'..=b'\r');
        if n == 1 && (pos == 0 || space(&b[pos - 1])) && b.get(pos + 1).is_some_and(space) {
            return Piece::Text(pos + 1);
        }
        let from = pos + n;
        let close = if n == 1 {
            memchr::memchr(b'`', &b[from..])
        } else {
            self.s[from..].find(&"`".repeat(n))
        };
        let Some(close) = close.map(|i| from + i) else {
            return Piece::Text(from);
        };
        let mut value = &self.s[from..close];
        if n > 1 {
            value = value.strip_prefix(' ').unwrap_or(value);
            value = value.strip_suffix(' ').unwrap_or(value);
        }
        Piece::Code(value, close + n)
    }

    /// kramdown's `parse_span_html` at the `<` at `pos`, inside an element whose content is
    /// raw if `raw`.
    fn html(&self, pos: usize, raw: bool, depth: usize) -> Piece<'s> {
        let rest = &self.s[pos..];
        let token = read_token(rest);
        match token {
            Some((Token::Verbatim, n)) if rest.starts_with("<!--") => {
                Piece::Comment(&rest[..n], pos + n)
            }
            Some((Token::End(_), n)) => Piece::Text(pos + n),
            Some((Token::Start(tag), n)) => {
                let name = tag.name.as_str();
                if BLOCK_ELEMENTS.contains(&name.to_ascii_lowercase().as_str()) {
                    return Piece::Text(pos + n);
                }
                if tag.closed {
                    return Piece::Element(pos + n);
                }
                let parsed = parses(&tag, raw, self.parse_span_html);
                let end = (depth < MAX_DEPTH)
                    .then(|| self.content_end(pos + n, name, parsed, depth + 1))
                    .flatten();
                Piece::Element(end.unwrap_or(self.s.len()))
            }
            _ => Piece::Text(pos + 1),
        }
    }

    /// The end of the end tag that closes the element `name` whose content starts at
    /// `from`, if any: nested elements and (if the content is `parsed`) code spans and
    /// escapes hide end tags.
    fn content_end(&self, from: usize, name: &str, parsed: bool, depth: usize) -> Option<usize> {
        let b = self.s.as_bytes();
        let mut pos = from;
        loop {
            let next = if parsed {
                memchr::memchr3(b'<', b'`', b'\\', &b[pos..])
            } else {
                memchr::memchr(b'<', &b[pos..])
            };
            pos += next?;
            pos = match b[pos] {
                b'`' => match self.code_span(pos) {
                    Piece::Code(_, end) | Piece::Text(end) => end,
                    _ => unreachable!("a code span or text"),
                },
                // kramdown-parser-gfm's `ESCAPED_CHARS_GFM`.
                b'\\'
                    if b.get(pos + 1)
                        .is_some_and(|c| br#"\.*_+`<>()[]{}#!:|"'$=-~"#.contains(c)) =>
                {
                    pos + 2
                }
                b'\\' => pos + 1,
                _ => {
                    if let Some(end) = closes(&self.s[pos..], name) {
                        return Some(pos + end);
                    }
                    match self.html(pos, !parsed, depth) {
                        Piece::Text(end) | Piece::Element(end) | Piece::Comment(_, end) => end,
                        Piece::Code(..) => unreachable!("no code span at a '<'"),
                    }
                }
            };
        }
    }
}

/// The length of `</name>` (white space allowed before `>`; case-insensitive for elements
/// kramdown knows) at the start of `s`.
fn closes(s: &str, name: &str) -> Option<usize> {
    match read_token(s)? {
        (Token::End(n), len) if n == name || (is_known(name) && n.eq_ignore_ascii_case(name)) => {
            Some(len)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kramdown_keeps_tables() {
        // Each answer checked with Jekyll 4.3 (kramdown 2.4.0 + kramdown-parser-gfm 1.1.0)
        // through the oracle: true where it writes a table.
        let cases: &[(&str, bool)] = &[
            ("a | b\nc | d", true),
            ("cell 1 | cell `2 | cell 3\ncell 1` | cell 2 | cell 3", true),
            (
                "cell 1 \\| cell `2 | cell 3\ncell 1` | cell 2 | cell 3",
                false,
            ),
            ("Some <code>element with | pipe\nsymbol|</code>", false),
            ("<b>a|b</b>", false),
            ("`a|b` | c", true),
            ("`a|b`", false),
            ("a ` | b", true),
            ("a ``x|y```|", true),
            ("a | `b\nc | x\nd` | e\nf | g", true),
            ("a `b |\nc | d\ne` | f", false),
            ("x <!-- a | b --> c", true),
            ("<b>`</b>` | c</b>", false),
            ("<code>`</code>` | c", true),
            ("x <div>a</div> | b", true),
            ("x | <b>a\nb | c</b>\nd | e", true),
            ("<b>\\</b> | c</b> | d", true),
            ("<b>\\</b> | c</b>", false),
        ];
        for &(text, want) in cases {
            assert_eq!(pipes_outside_spans(text, true), want, "{text:?}");
        }
    }
}
