//! A row of kramdown's table syntax (`kramdown/parser/kramdown/table.rb`) split into its
//! cells' texts: at unescaped pipes outside code spans and raw-content HTML elements, each
//! cell trimmed. Most rows have none of those, and their pipes alone split them.

use super::super::html_tag::{Token, read_token};
use std::borrow::Cow;

/// The trimmed cells of a row with no code span, escape or HTML, split at every pipe; an
/// empty first one (with a leading pipe) and an empty last one are no cells.
pub(super) fn plain_row(line: &str, leading_pipe: bool) -> impl Iterator<Item = &str> {
    let mut pipes = Pipes::new(line.as_bytes());
    let mut from = Some(0);
    std::iter::from_fn(move || {
        while let Some(start) = from {
            let next = pipes.next();
            let end = next.unwrap_or(line.len());
            let cell = trim(&line[start..end]);
            from = next.map(|i| i + 1);
            let dropped = next.is_none() || (start == 0 && leading_pipe);
            if !cell.is_empty() || !dropped {
                return Some(cell);
            }
        }
        None
    })
}

/// The offsets of the pipes in a line. Rows are short, and a search from each pipe to the
/// next costs more than the line's bytes do: they are compared eight at a time.
struct Pipes<'b> {
    bytes: &'b [u8],
    /// Where the bytes not yet compared start.
    at: usize,
    /// The pipes among the bytes compared last, as bits from `base`.
    bits: u64,
    base: usize,
}

impl<'b> Pipes<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Pipes {
            bytes,
            at: 0,
            bits: 0,
            base: 0,
        }
    }

    /// The pipes of eight bytes as the lowest bit of each byte, in one number.
    fn word(word: &[u8; 8]) -> u64 {
        const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        let v = u64::from_le_bytes(*word) ^ (u64::from(b'|') * 0x0101_0101_0101_0101);
        // The top bit of each byte that is zero (a pipe), with no carry between bytes.
        let zero = !(((v & LOW) + LOW) | v | LOW);
        zero >> 7
    }
}

impl Iterator for Pipes<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let len = self.bytes.len();
        while self.bits == 0 {
            if self.at >= len {
                return None;
            }
            if let Some(word) = self.bytes[self.at..].first_chunk::<8>() {
                (self.bits, self.base) = (Pipes::word(word), self.at);
                self.at += 8;
            } else if let Some(word) = self.bytes.last_chunk::<8>() {
                // The last bytes, overlapping those compared before: those are shifted out.
                let seen = self.at - (len - 8);
                (self.bits, self.base) = (Pipes::word(word) >> (8 * seen), self.at);
                self.at = len;
            } else {
                let pipes = self.bytes.iter().enumerate().filter(|&(_, &b)| b == b'|');
                self.bits = pipes.fold(0, |bits, (i, _)| bits | 1 << (8 * i));
                (self.base, self.at) = (0, len);
            }
        }
        let bit = self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(self.base + bit / 8)
    }
}

/// The ASCII characters `char::is_whitespace` takes.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `str::trim`, with ASCII ends decided by bytes (a non-ASCII end is left to `trim`).
#[inline]
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b.iter().position(|&c| !is_space(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(start, |i| i + 1);
    if b.get(start).is_some_and(|&c| c >= 0x80) || (end > start && b[end - 1] >= 0x80) {
        return s.trim();
    }
    &s[start..end]
}

/// Splits a row at unescaped pipes outside code spans; `\|` becomes `|`. Cells are trimmed;
/// an empty first one (with a leading pipe) and an empty last one are no cells. `special`:
/// the row has code spans, escapes or HTML.
pub(super) fn split_row(line: &str, leading_pipe: bool, special: bool) -> Vec<Cow<'_, str>> {
    if !special {
        return plain_row(line, leading_pipe).map(Cow::Borrowed).collect();
    }
    let trimmed = |c: String| match c.trim() {
        t if t.len() == c.len() => Cow::Owned(c),
        t => Cow::Owned(t.to_string()),
    };
    let mut cells: Vec<Cow<str>> = split_row_spans(line).into_iter().map(trimmed).collect();
    if leading_pipe && cells.first().is_some_and(|c| c.is_empty()) {
        cells.remove(0);
    }
    if cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

/// `split_row` for a line with code spans, escapes or HTML, which may hide pipes.
fn split_row_spans(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let n = chars[i..].iter().take_while(|&&c| c == '`').count();
            if let Some(close) = find_ticks(&chars, i + n, n) {
                let span: String = chars[i..close + n].iter().collect();
                push(&mut cells, &span);
                i = close + n;
                continue;
            }
            push(&mut cells, &"`".repeat(n));
            i += n;
        } else if c == '\\' && chars.get(i + 1) == Some(&'|') {
            push(&mut cells, "|");
            i += 2;
        } else if let Some(n) = (c == '<').then(|| html_element_len(&chars[i..])).flatten() {
            let span: String = chars[i..i + n].iter().collect();
            push(&mut cells, &span);
            i += n;
        } else if c == '|' {
            cells.push(String::new());
            i += 1;
        } else {
            if let Some(last) = cells.last_mut() {
                last.push(c);
            }
            i += 1;
        }
    }
    cells
}

/// The length in characters of the raw-content span HTML element (`<code>`…) opening
/// `chars`, up to its end tag: kramdown reads it whole, so its pipes split no cells.
fn html_element_len(chars: &[char]) -> Option<usize> {
    let s: String = chars.iter().collect();
    let (Token::Start(tag), open) = read_token(&s)? else {
        return None;
    };
    let name = tag.name.to_ascii_lowercase();
    if tag.closed || !super::super::span_html::RAW_CONTENT.contains(&name.as_str()) {
        return None;
    }
    let close = format!("</{}>", tag.name.to_ascii_lowercase());
    let end = s[open..].to_ascii_lowercase().find(&close)? + open + close.len();
    Some(s[..end].chars().count())
}

fn push(cells: &mut [String], s: &str) {
    if let Some(last) = cells.last_mut() {
        last.push_str(s);
    }
}

/// The next run of exactly `n` backticks from `from`.
fn find_ticks(chars: &[char], from: usize, n: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            if run == n {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_rows() {
        let cases: [(&str, bool, &[&str]); 13] = [
            ("| a | b |", true, &["a", "b"]),
            ("| a | b |  \t", true, &["a", "b"]),
            ("| a\u{3000}|\u{a0}b | c\u{b}", true, &["a", "b", "c"]),
            ("| `a` | b |\u{3000}", true, &["`a`", "b"]),
            ("a |", false, &["a"]),
            ("|| a |", true, &["", "a"]),
            ("| `a` || b", true, &["`a`", "", "b"]),
            ("|", true, &[]),
            ("| a", true, &["a"]),
            ("|  ", true, &[]),
            ("a | b", false, &["a", "b"]),
            ("| `x|y` | a \\| b |", true, &["`x|y`", "a | b"]),
            ("|  | b |", true, &["", "b"]),
        ];
        for (line, lead, want) in cases {
            let special = line.contains(['`', '\\', '<']);
            assert_eq!(split_row(line, lead, special), want, "{line}");
        }
    }

    #[test]
    fn finds_every_pipe() {
        // Every length through three words, pipes at every place and next to bytes that a
        // borrow between bytes would confuse with one.
        for len in 0..26 {
            for at in 0..=len {
                for other in [b'}', b'|', 0xFC, 0x7D] {
                    let mut line = vec![b'a'; len];
                    if at < len {
                        line[at] = b'|';
                    }
                    if at + 1 < len {
                        line[at + 1] = other;
                    }
                    line[..at / 2].fill(b'|');
                    let want: Vec<usize> = (0..len).filter(|&i| line[i] == b'|').collect();
                    assert_eq!(Pipes::new(&line).collect::<Vec<_>>(), want, "{line:?}");
                }
            }
        }
    }

    #[test]
    fn trims_as_str_trim() {
        let cases = [
            "",
            " ",
            "a",
            " a ",
            "\t a\u{b}\u{c}",
            "\u{a0}a",
            "a\u{3000}",
            "\u{e9} ",
            " \u{e9}",
            "\u{85}x\u{85}",
            "\u{1c}a\u{1f}",
            "a b",
        ];
        for case in cases {
            assert_eq!(trim(case), case.trim(), "{case:?}");
        }
    }
}
