//! kramdown's table syntax (`kramdown/parser/kramdown/table.rb`), which kramdown-parser-gfm
//! uses unchanged: any block that starts with a line holding an unescaped pipe is a table if
//! all its lines do and a block boundary follows. Separator lines (`|---|`) split header and
//! body sections and give the alignment, `|===|` starts the footer. GFM tables are a subset.

use super::build::Builder;
use super::fragment::plain_fragment;
use super::html_tag::{Token, read_token};
use super::tree::{Align, Block, Inline, Section, TableSection};
use std::borrow::Cow;

/// A table at the start of `s` (which starts a line after a block boundary): the table and
/// how much of `s` it used.
pub(crate) fn parse(s: &str, builder: &Builder) -> Option<(Block, usize)> {
    // The first line needs a pipe: most paragraphs are ruled out at their first line break.
    memchr::memchr2(b'|', b'\n', s.as_bytes()).filter(|&i| s.as_bytes()[i] == b'|')?;
    let first = &s[..memchr::memchr(b'\n', s.as_bytes()).unwrap_or(s.len())];
    if !is_table_start(first) || is_block_math(first) {
        return None;
    }
    let leading_pipe = first.trim_start().starts_with('|');
    let mut t = TableBuilder::default();
    let mut pos = 0;
    while pos < s.len() {
        let b = s.as_bytes();
        let end = memchr::memchr(b'\n', &b[pos..]).map_or(s.len(), |i| pos + i + 1);
        let mut stop = end;
        while stop > pos && matches!(b[stop - 1], b'\n' | b'\r') {
            stop -= 1;
        }
        let line = &s[pos..stop];
        if !has_pipe(line) {
            break;
        }
        let special = memchr::memchr3(b'`', b'\\', b'<', line.as_bytes()).is_some();
        // Without code spans or HTML the line is its own stripped form (and has a pipe).
        if special
            && memchr::memchr2(b'`', b'<', line.as_bytes()).is_some()
            && !has_pipe(&without_code_spans(line))
        {
            return None;
        }
        t.line(line, leading_pipe, special);
        pos = end;
    }
    if !before_boundary(&s[pos..]) || t.rows_and_sections_empty() {
        return None;
    }
    let table = t.finish(builder)?;
    Some((table, pos))
}

/// The table read so far: its cells are made as their rows are read, plain ones on the
/// spot; the others wait to be parsed together when the table is complete.
#[derive(Default)]
struct TableBuilder<'s> {
    sections: Vec<TableSection>,
    rows: Vec<Vec<Vec<Inline>>>,
    /// The cells to parse: the row's number (counting every row read), column and text.
    pending: Vec<(usize, usize, Cow<'s, str>)>,
    rows_read: usize,
    aligns: Option<Vec<Align>>,
    has_footer: bool,
}

impl<'s> TableBuilder<'s> {
    /// Adds `line`, which has code spans, escapes or HTML if `special`.
    fn line(&mut self, line: &'s str, leading_pipe: bool, special: bool) {
        match separator(line) {
            Some(b'-') => {
                if self.rows.is_empty() {
                } else if self.aligns.is_none() && !self.has_footer {
                    self.add(Section::Head, false);
                    self.aligns = Some(alignments(line));
                } else {
                    self.add(Section::Body, false);
                }
            }
            Some(_) => {
                if !self.rows.is_empty() {
                    self.add(Section::Body, true);
                }
                self.has_footer = true;
            }
            None if special => {
                let texts = split_row(line, leading_pipe, true);
                let mut row = Vec::with_capacity(texts.len());
                for text in texts {
                    self.cell(&mut row, text);
                }
                self.push_row(row);
            }
            None => {
                // Without code spans or escapes the pipes alone split the row, into cells
                // borrowed from the line. Rows mostly have as many cells as those before.
                let mut row = Vec::with_capacity(self.rows.last().map_or(4, Vec::len));
                for text in plain_row(line, leading_pipe) {
                    self.cell(&mut row, Cow::Borrowed(text));
                }
                self.push_row(row);
            }
        }
    }

    /// Adds the cell of `text` to `row`: plain words at once, anything else once the
    /// table is complete.
    fn cell(&mut self, row: &mut Vec<Vec<Inline>>, text: Cow<'s, str>) {
        let cell = plain_fragment(&text);
        if cell.is_empty() && !text.is_empty() {
            self.pending.push((self.rows_read, row.len(), text));
        }
        row.push(cell);
    }

    fn push_row(&mut self, row: Vec<Vec<Inline>>) {
        self.rows.push(row);
        self.rows_read += 1;
    }

    /// kramdown's `add_container`: body rows after a footer line wait for the footer.
    fn add(&mut self, kind: Section, force: bool) {
        if !self.has_footer || kind != Section::Body || force {
            let rows = std::mem::take(&mut self.rows);
            self.sections.push(TableSection { kind, rows });
        }
    }

    fn rows_and_sections_empty(&self) -> bool {
        self.rows.is_empty() && self.sections.is_empty()
    }

    fn finish(mut self, builder: &Builder) -> Option<Block> {
        if !self.rows.is_empty() {
            let last = if self.has_footer {
                Section::Foot
            } else {
                Section::Body
            };
            self.add(last, false);
        }
        if !self.sections.iter().any(|s| s.kind == Section::Body) {
            return None;
        }
        let columns = self
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .map(Vec::len)
            .max()?;
        let mut aligns = self.aligns.unwrap_or_default();
        aligns.resize(columns, Align::Default);
        let texts: Vec<&str> = self.pending.iter().map(|(.., t)| t.as_ref()).collect();
        let parsed = if texts.is_empty() {
            Vec::new()
        } else {
            builder.inline_fragments(&texts)
        };
        let mut parsed = self.pending.iter().zip(parsed).peekable();
        // The sections hold the rows in the order they were read.
        let rows = self.sections.iter_mut().flat_map(|s| &mut s.rows);
        for (number, row) in rows.enumerate() {
            while let Some(((_, column, _), cell)) = parsed.next_if(|((r, ..), _)| *r == number) {
                row[*column] = cell;
            }
            if row.len() < columns {
                row.resize_with(columns, Vec::new);
            }
        }
        Some(Block::Table {
            aligns,
            sections: self.sections,
            attrs: Vec::new(),
        })
    }
}

/// The separator line kind of `line`: `-` (`TABLE_SEP_LINE`), `=` (`TABLE_FSEP_LINE`) or
/// none.
fn separator(line: &str) -> Option<u8> {
    // Row lines are ruled out at their first word: an ASCII character that is neither white
    // space nor of either separator.
    let other = |b: u8| !matches!(b, b'+' | b'|' | b':' | b' ' | b'\t' | b'-' | b'=');
    if line
        .bytes()
        .find(|&b| other(b))
        .is_some_and(|b| b.is_ascii() && !is_space(b))
    {
        return None;
    }
    [b'-', b'=']
        .into_iter()
        .find(|&dash| is_separator(line, dash))
}

/// The trimmed cells of a row with no code span, escape or HTML, split at every pipe; an
/// empty first one (with a leading pipe) and an empty last one are no cells.
fn plain_row(line: &str, leading_pipe: bool) -> impl Iterator<Item = &str> {
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

/// `TABLE_START`: up to three spaces, then a line with a pipe (`TABLE_PIPE_CHECK`).
fn is_table_start(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() <= 3
        && trimmed.chars().next().is_some_and(|c| !c.is_whitespace())
        && has_pipe(line)
}

/// `TABLE_PIPE_CHECK`: a pipe at the start or after a character other than a backslash.
fn has_pipe(line: &str) -> bool {
    let b = line.as_bytes();
    b.first() == Some(&b'|') || memchr::memchr_iter(b'|', b).any(|i| i == 0 || b[i - 1] != b'\\')
}

/// `TABLE_SEP_LINE` (`-`) / `TABLE_FSEP_LINE` (`=`) over the line without its trailing white
/// space.
fn is_separator(line: &str, dash: u8) -> bool {
    // All ASCII: a byte test is a character test. Row lines fail early, at their first word,
    // which, being no white space, is no trailing white space either.
    let allowed = |b: u8| matches!(b, b'+' | b'|' | b':' | b' ' | b'\t') || b == dash;
    let b = line.as_bytes();
    match b.iter().position(|&c| !allowed(c)) {
        None => b.contains(&dash),
        Some(i) if b[i].is_ascii() && !is_space(b[i]) => false,
        Some(_) => {
            let line = line.trim_end().as_bytes();
            line.iter().all(|&c| allowed(c)) && line.contains(&dash)
        }
    }
}

/// The ASCII characters `char::is_whitespace` takes.
fn is_space(b: u8) -> bool {
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

/// `TABLE_HSEP_ALIGN` over a separator line (which `is_separator` found all ASCII but for
/// trailing white space, so bytes serve for characters).
fn alignments(line: &str) -> Vec<Align> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'-' && b[i] != b':' {
            i += 1;
            continue;
        }
        let left = b[i] == b':';
        let mut j = if left { i + 1 } else { i };
        if b.get(j) != Some(&b'-') {
            i += 1;
            continue;
        }
        while b.get(j) == Some(&b'-') {
            j += 1;
        }
        let right = b.get(j) == Some(&b':');
        out.push(match (left, right) {
            (false, false) => Align::Default,
            (true, false) => Align::Left,
            (false, true) => Align::Right,
            (true, true) => Align::Center,
        });
        i = if right { j + 1 } else { j };
    }
    out
}

/// Splits a row at unescaped pipes outside code spans; `\|` becomes `|`. Cells are trimmed;
/// an empty first one (with a leading pipe) and an empty last one are no cells. `special`:
/// the row has code spans, escapes or HTML.
fn split_row(line: &str, leading_pipe: bool, special: bool) -> Vec<Cow<'_, str>> {
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

/// The line with its code spans removed (kramdown checks that every table line has a pipe
/// outside code spans).
/// The length in characters of the raw-content span HTML element (`<code>`…) opening
/// `chars`, up to its end tag: kramdown reads it whole, so its pipes split no cells.
fn html_element_len(chars: &[char]) -> Option<usize> {
    let s: String = chars.iter().collect();
    let (Token::Start(tag), open) = read_token(&s)? else {
        return None;
    };
    let name = tag.name.to_ascii_lowercase();
    if tag.closed || !super::span_html::RAW_CONTENT.contains(&name.as_str()) {
        return None;
    }
    let close = format!("</{}>", tag.name.to_ascii_lowercase());
    let end = s[open..].to_ascii_lowercase().find(&close)? + open + close.len();
    Some(s[..end].chars().count())
}

/// kramdown tries block math (`$$…$$` on its own) before tables.
fn is_block_math(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 4 && line.starts_with("$$") && line.ends_with("$$")
}

fn without_code_spans(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let n = chars[i..].iter().take_while(|&&c| c == '`').count();
            if let Some(close) = find_ticks(&chars, i + n, n) {
                out.push(' ');
                i = close + n;
                continue;
            }
            i += n;
            continue;
        }
        if let Some(n) = (chars[i] == '<')
            .then(|| html_element_len(&chars[i..]))
            .flatten()
        {
            out.push(' ');
            i += n;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
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

/// kramdown's `before_block_boundary?`: a blank line, an IAL line or the end follows.
fn before_boundary(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or("");
    rest.is_empty()
        || line.trim().is_empty()
        || line.trim_start().starts_with("{:")
        || super::block_extensions::is_marker_line(line)
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

    #[test]
    fn separators_and_alignment() {
        let cases: &[(&str, u8, bool)] = &[
            ("|:--|:-:|--:|", b'-', true),
            ("| a |", b'-', false),
            ("|===|", b'=', true),
            ("+---+---+  \t", b'-', true),
            ("| | |", b'-', false),
            ("|---|===|", b'-', false),
            ("|---| é", b'-', false),
            ("|---|\u{3000}", b'-', true),
            ("|---|\u{b}", b'-', true),
            ("|---|\u{b}x", b'-', false),
            ("| - | x", b'-', false),
            ("|===| \u{a0}", b'=', true),
        ];
        for &(line, dash, want) in cases {
            assert_eq!(is_separator(line, dash), want, "{line:?}");
        }
        let a = alignments("|:--|:-:|--:|---|");
        assert_eq!(
            a,
            vec![Align::Left, Align::Center, Align::Right, Align::Default]
        );
    }
}
