//! The tests kramdown's block parser makes on a source line that `block_extensions` needs
//! (mirrors `BLOCK_START` and the ordered-list match of `kramdown/parser/kramdown/list.rb`
//! with GFM's paragraph end), and `needs_rewrite`: whether a document holds anything that
//! rewrite changes at all. Most documents hold nothing, and one scan with memchr saves
//! them the line-by-line rewrite.

use super::block_extensions::{lead, re};
use super::source::LineStarts;
use regex::Regex;
use std::sync::LazyLock;

static ORDERED_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^ {0,3}(\d+)\.[ \t]+\S"));
static BLOCK_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?: {0,3}(?:[-*+>:|]|\d+\.)|    |\t)"));

/// Whether `rewrite` may change or record anything in `src`: an extension (`{::`, which
/// `extensions` tells: the source's scan for `skips` finds it), a line may start (after up to
/// three spaces) with one of the constructs it handles, hold a lone backtick, or interrupt
/// a paragraph as an ordered item. Most documents have none of these and are passed on
/// unchanged, which saves the line-by-line rewrite (about a seventh of the conversion).
pub(super) fn needs_rewrite(src: &str, lines: &LineStarts, extensions: bool) -> bool {
    let b = src.as_bytes();
    if extensions {
        return true;
    }
    let lone = |i: usize| {
        (i == 0 || b[i - 1] != b'`')
            && b.get(i + 1) != Some(&b'`')
            && (i == 0 || b[i - 1].is_ascii_whitespace())
            && b.get(i + 1).is_none_or(u8::is_ascii_whitespace)
    };
    // Code spans and fences make many backticks: the searcher for this CPU is chosen once,
    // not at every backtick.
    #[cfg(target_arch = "x86_64")]
    let lone_backtick = match memchr::arch::x86_64::avx2::memchr::One::new(b'`') {
        Some(finder) => finder.iter(b).any(lone),
        None => memchr::memchr_iter(b'`', b).any(lone),
    };
    #[cfg(not(target_arch = "x86_64"))]
    let lone_backtick = memchr::memchr_iter(b'`', b).any(lone);
    if lone_backtick {
        return true;
    }
    // Each line with the one above it (without their line breaks): most lines are decided
    // by their lead alone, and the line above is at hand without searching back for it.
    let mut above = "";
    for (start, line) in lines.lines(src) {
        if line_needs_rewrite(src, start, line, above) {
            return true;
        }
        above = line;
    }
    false
}

/// `line.trim().is_empty()`, decided by bytes where they are ASCII.
fn is_blank(line: &str) -> bool {
    match line.bytes().find(|&c| !matches!(c, b'\t'..=b'\r' | b' ')) {
        None => true,
        Some(c) if c < 0x80 => false,
        Some(_) => line.trim().is_empty(),
    }
}

/// `needs_rewrite` for the line starting at `start`, `line` (without its line break), below
/// the line `above` (empty at the start).
fn line_needs_rewrite(src: &str, start: usize, line: &str, above: &str) -> bool {
    match lead(line) {
        b'{' | b'^' | b'[' | b':' | b'\\' | b'~' => true,
        // An abbreviation definition, or a bare list marker (`bare_marker`).
        b'*' | b'-' | b'+' => {
            let body = line.trim_start_matches(' ');
            body.starts_with("*[") || matches!(body.trim_end(), "*" | "-" | "+")
        }
        // `interrupts` declines below a blank line or a block start, before all else.
        b'0'..=b'9' | 0x80..=0xFF => {
            !is_blank(above)
                && !is_block_start(above)
                && interrupts(
                    &src[start..(start + line.len() + 1).min(src.len())],
                    src[..start].split_inclusive('\n').rev(),
                )
        }
        // An indented code block may have lazy lines (`lazy_code`).
        b' ' | b'\t' => {
            let code = (line.starts_with("    ") || line.starts_with('\t')) && !is_blank(line);
            code && is_blank(above)
        }
        _ => false,
    }
}

/// kramdown-parser-gfm lets an ordered list item of any number end a paragraph; CommonMark
/// only one numbered 1. Whether line `i` is such an item right below a top-level paragraph.
pub(super) fn interrupts_paragraph(lines: &[&str], i: usize) -> bool {
    interrupts(lines[i], lines[..i].iter().rev().copied())
}

/// `interrupts_paragraph` for `line`, given the lines above it, nearest first.
fn interrupts<'a>(line: &str, mut above: impl Iterator<Item = &'a str>) -> bool {
    // `\d` is Unicode-aware: any non-ASCII lead may still be a digit.
    if !matches!(lead(line), b'0'..=b'9' | 0x80..=0xFF) {
        return false;
    }
    let Some(prev) = above.next().filter(|l| !l.trim().is_empty()) else {
        return false;
    };
    match ordered_item_number(line) {
        None => return false,
        Some(n) if n.parse::<u64>().is_ok_and(|n| n == 1) => return false,
        Some(_) => {}
    }
    let mut first = prev;
    for l in std::iter::once(prev).chain(above.take_while(|l| !l.trim().is_empty())) {
        if is_block_start(l) {
            return false;
        }
        first = l;
    }
    !first.trim_start().starts_with(['#', '<', '`', '~', '{'])
}

/// `ORDERED_ITEM`'s number, read without the regex when the digits are ASCII.
fn ordered_item_number(line: &str) -> Option<&str> {
    let body = line.trim_start_matches(' ');
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let rest = body.as_bytes().get(digits..).unwrap_or_default();
    if line.len() - body.len() > 3 || rest.first().is_some_and(|&b| b >= 0x80) || digits == 0 {
        // `\d` is Unicode-aware.
        return ORDERED_ITEM
            .captures(line)
            .map(|c| c.get(1).map_or("", |m| m.as_str()));
    }
    let after = rest.strip_prefix(b".")?;
    let gap = after
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    match after.get(gap) {
        // `\S` is Unicode-aware too.
        Some(&b) if b >= 0x80 => ORDERED_ITEM.captures(line).map(|_| &body[..digits]),
        Some(b) if gap > 0 && !b.is_ascii_whitespace() => Some(&body[..digits]),
        _ => None,
    }
}

/// `BLOCK_START`, with the common leads decided without the regex.
fn is_block_start(line: &str) -> bool {
    match lead(line) {
        b'-' | b'*' | b'+' | b'>' | b':' | b'|' => true,
        b' ' | b'\t' => BLOCK_START.is_match(line),
        b'0'..=b'9' => {
            let body = line.trim_start_matches(' ');
            match body.bytes().find(|b| !b.is_ascii_digit()) {
                Some(b'.') => true,
                Some(b) if b >= 0x80 => BLOCK_START.is_match(line),
                _ => false,
            }
        }
        0x80..=0xFF => BLOCK_START.is_match(line),
        _ => false,
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// Whether the line-by-line rewrite leaves `src` as it is and records nothing.
    fn untouched(src: &str) -> bool {
        let out = super::super::block_extensions::rewrite_lines(src);
        out.text == src && out.records_nothing()
    }

    #[test]
    fn documents_passed_on_unchanged_need_no_rewrite() {
        let mut docs = crate::converter::markdown::test_inputs::all();
        let cases = [
            "a\n2. b\n",
            "a\n1. b\n",
            "- a\n2. b\n",
            "a ` b\n",
            "`a` b\n",
            "x\n\n    2. a\n",
            "*[HTML]: x\n",
            "* a\n",
            "{: .c}\n",
            "^\n",
            "~~~\nx\n~~~\n",
            "a {::comment}x{:/}\n",
            "[a]: /b\n",
            ": d\n",
            "\\$$x$$\n",
            "a\n\u{661}. b\n",
            "a\n2.\u{3000}b\n",
        ];
        docs.extend(cases.iter().map(|c| c.to_string()));
        let mut fast = 0;
        for doc in &docs {
            let extensions = super::super::skips::Present::in_bytes(doc.as_bytes()).extensions;
            assert_eq!(extensions, doc.contains("{::"), "{doc:?}");
            if !needs_rewrite(doc, &LineStarts::new(doc), extensions) {
                fast += 1;
                assert!(untouched(doc), "{doc:?}");
            }
        }
        assert!(fast > 500, "{fast}");
    }
}
