//! kramdown's `:blank` elements (`kramdown/parser/kramdown/blank_line.rb`): a run of blank
//! lines between two blocks of one container is one element, which the HTML converter writes
//! as a single newline (`convert_blank`). Definitions, IAL lines and end-of-block markers
//! leave no trace between blanks (`update_tree` merges the blanks around them), so the
//! whitespace kramdown writes between blocks mirrors the source.

use super::build::{Builder, Kind};
use super::source::{LineStarts, find_pair};
use super::tree::Block;
use std::ops::Range;

/// Whether a line is blank for kramdown inside `depth` block quotes (their markers aside).
/// Lines are taken as bytes: the builder asks at every block, and a `str` slice checks its
/// ends for character boundaries.
fn is_blank(line: &[u8], depth: usize) -> bool {
    // Byte by byte: most lines asked about are not blank, and answer at their first byte.
    let mut markers = 0;
    for &b in line {
        match b {
            b' ' | b'\t' => {}
            b'>' => markers += 1,
            _ => return false,
        }
    }
    markers <= depth
}

/// A link or footnote definition line: no element of its own, a blank run goes on past it.
fn is_definition(line: &[u8]) -> bool {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    let body = &line[indent..];
    indent < 4
        && body.first() == Some(&b'[')
        && find_pair(body, *b"]:", 0).next().is_some_and(|i| i > 1)
}

/// Whether a blank line comes between the block starting at `pos` and the content above it,
/// looking no higher than `lower`, inside `depth` block quotes; the lines of `hidden`
/// (footnote definitions) leave no element either.
pub(crate) fn blank_before(
    src: &str,
    lines: &LineStarts,
    lower: usize,
    pos: usize,
    depth: usize,
    hidden: &[Range<usize>],
) -> bool {
    // Line by line upwards, from the line holding `pos`.
    let mut number = lines.index(pos.min(src.len()));
    let mut found = false;
    while number > 0 && lines.start(number) > lower {
        let line_end = lines.start(number) - 1;
        let start = lines.start(number - 1);
        if start < lower {
            break;
        }
        let line = &src.as_bytes()[start..line_end];
        if is_blank(line, depth) {
            found = true;
        } else if !is_definition(line)
            // A lone `\r`: a paragraph end `block_extensions` put in, no source line.
            && line != b"\r"
            && !hidden.iter().any(|h| h.contains(&start))
        {
            break;
        }
        number -= 1;
    }
    found
}

/// Whether a block quote at nesting `depth` ends with a blank line of its own (`>` markers
/// only) before `end`; lines without markers after it are outside.
pub(crate) fn quote_ends_blank(src: &str, end: usize, depth: usize) -> bool {
    let mut lines = src[..end.min(src.len())].lines().rev();
    for line in lines.by_ref() {
        if !line.trim().is_empty() {
            return is_blank(line.as_bytes(), depth) && line.matches('>').count() >= depth;
        }
    }
    false
}

/// Collapses runs of blanks left where markers or attribute lines were taken out.
pub(crate) fn merge(blocks: &mut Vec<Block>) {
    blocks.dedup_by(|b, a| matches!((a, b), (Block::Blank, Block::Blank)));
}

impl Builder<'_> {
    /// Adds a blank to the innermost block container, unless one ends it already.
    pub(super) fn push_blank(&mut self) {
        if !matches!(self.top_blocks().last(), Some(Block::Blank)) {
            self.push_block(Block::Blank);
        }
    }

    /// Whether a blank line separates the block starting at `start` from what precedes it in
    /// the innermost container. Only the document and block quotes keep a leading blank (a
    /// list item's content starts on the marker's line).
    pub(super) fn blank_precedes(&mut self, start: usize) -> bool {
        let src = self.src;
        let first_open = self.first_line_open;
        let depth = self.quote_depth();
        let has_blocks = !self.top_blocks().is_empty();
        let frame = &self.stack[self.stack.len() - 1];
        let lower = if has_blocks {
            0
        } else {
            match frame.kind {
                Kind::Root if first_open => src.find('\n').map_or(src.len(), |i| i + 1),
                Kind::Root => 0,
                Kind::Quote if depth > 0 => self.lines.of(frame.start),
                // A note's leading blank is added when it closes.
                _ => return false,
            }
        };
        blank_before(src, &self.lines, lower, start, depth, &self.hidden)
    }

    /// How many block quotes enclose the innermost container.
    pub(super) fn quote_depth(&self) -> usize {
        // The tests hold the count to the open elements.
        #[cfg(test)]
        assert_eq!(
            self.quotes,
            self.stack
                .iter()
                .filter(|f| matches!(f.kind, Kind::Quote))
                .count()
        );
        self.quotes
    }

    /// The document's trailing blank line (kramdown keeps one after `adapt_source`), before
    /// the stand-in notes a fragment may carry.
    pub(super) fn trailing_blank(&mut self) {
        let src = self.src;
        let bytes = src.as_bytes();
        let notes = find_pair(bytes, *b"[^", 1).find(|&i| i >= 2 && &bytes[i - 2..i] == b"\n\n");
        let limit = match notes.map(|i| i - 2) {
            Some(i) if src[i..].contains(super::fragment::NOTE_MARK) => i + 1,
            _ => src.len(),
        };
        let lower = if self.first_line_open {
            src.find('\n').map_or(src.len(), |i| i + 1)
        } else {
            0
        };
        let depth = self.quote_depth();
        if limit > lower && blank_before(src, &self.lines, lower, limit, depth, &self.hidden) {
            self.push_blank();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines() {
        let cases: &[(&str, usize, bool)] = &[
            ("a\n\nb\n", 3, true),
            ("a\nb\n", 2, false),
            ("a\n\n[x]: /u\nb\n", 10, true),
            ("a\n[x]: /u\nb\n", 9, false),
            ("\nb\n", 1, true),
            ("> a\n>\n> b\n", 8, true),
        ];
        for (src, pos, want) in cases {
            let lines = LineStarts::new(src);
            assert_eq!(blank_before(src, &lines, 0, *pos, 1, &[]), *want, "{src:?}");
        }
    }

    /// The byte-wise test answers as trimming the markers and counting them does.
    #[test]
    fn blank_test_matches_trimming() {
        let lines = [
            "", " ", "\t>", "> >", ">>>", " a", ">a", "\r", "> \u{a0}", "é", " > \t",
        ];
        for line in lines {
            for depth in 0..4 {
                let trimmed = line
                    .trim_matches(|c: char| c == ' ' || c == '\t' || c == '>')
                    .is_empty()
                    && line.matches('>').count() <= depth;
                assert_eq!(
                    is_blank(line.as_bytes(), depth),
                    trimmed,
                    "{line:?} {depth}"
                );
            }
        }
    }

    /// The byte-wise definition test answers as the one on text did.
    #[test]
    fn definition_test_matches_text() {
        let lines = [
            "[a]: /u",
            "   [a]: x",
            "    [a]: x",
            "[]: x",
            "[a]:",
            "a [b]: c",
            "[a] b ]: c",
            "[]]: x",
            "",
            "[",
            "é[a]: x",
            " [é]: x",
            "[a]:]: x",
            "\t[a]: x",
        ];
        for line in lines {
            let body = line.trim_start_matches(' ');
            let want = line.len() - body.len() < 4
                && body.starts_with('[')
                && body.find("]:").is_some_and(|i| i > 1);
            assert_eq!(is_definition(line.as_bytes()), want, "{line:?}");
        }
    }

    #[test]
    fn quote_ends() {
        assert!(quote_ends_blank("> a\n>\n", 6, 1));
        assert!(!quote_ends_blank("> a\n\n", 5, 1));
        assert!(!quote_ends_blank("> > a\n>\n", 8, 2));
        // Outside the quote its `>` line is no blank line.
        let src = "> a\n>\n";
        assert!(!blank_before(src, &LineStarts::new(src), 0, 6, 0, &[]));
    }
}
