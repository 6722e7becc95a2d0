//! kramdown's table syntax (`kramdown/parser/kramdown/table.rb`), which kramdown-parser-gfm
//! uses unchanged: any block that starts with a line holding an unescaped pipe is a table if
//! all its lines do and a block boundary follows; pipes in code spans and span HTML, which
//! may run across lines, count for no line (`spans` reads the whole table for them).
//! Separator lines (`|---|`) split header and body sections and give the alignment, `|===|`
//! starts the footer. GFM tables are a subset.

use super::build::Builder;
use super::fragment::plain_fragment;
use super::tree::{Align, Block, Inline, Section, TableSection};
use rows::{is_space, plain_row, split_row};
use std::borrow::Cow;

mod rows;
mod spans;

/// A table at the start of `s` (which starts a line after a block boundary): the table and
/// how much of `s` it used.
pub(crate) fn parse<'a>(s: &'a str, builder: &Builder<'a>) -> Option<(Block<'a>, usize)> {
    // The first line needs a pipe: most paragraphs are ruled out at their first line break.
    memchr::memchr2(b'|', b'\n', s.as_bytes()).filter(|&i| s.as_bytes()[i] == b'|')?;
    let first = &s[..memchr::memchr(b'\n', s.as_bytes()).unwrap_or(s.len())];
    if !is_table_start(first) || is_block_math(first) {
        return None;
    }
    let leading_pipe = first.trim_start().starts_with('|');
    let mut t = TableBuilder::default();
    let mut pos = 0;
    // Whether a line has a backtick or `<`: a code span or HTML may hide pipes.
    let mut hiding = false;
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
        hiding = hiding || (special && memchr::memchr2(b'`', b'<', line.as_bytes()).is_some());
        t.line(line, leading_pipe, special);
        pos = end;
    }
    if !before_boundary(&s[pos..]) || t.rows_and_sections_empty() {
        return None;
    }
    // kramdown reads the table's text without its last line break.
    if hiding
        && !spans::pipes_outside_spans(
            s[..pos].strip_suffix('\n').unwrap_or(&s[..pos]),
            parse_span_html(s, builder),
        )
    {
        return None;
    }
    let table = t.finish(builder)?;
    Some((table, pos))
}

/// The `parse_span_html` option at the table `s` (a slice of the builder's source, or else a
/// text of its own, which takes the setting the document started with).
fn parse_span_html(s: &str, builder: &Builder) -> bool {
    let start = (s.as_ptr() as usize).checked_sub(builder.src.as_ptr() as usize);
    match start.filter(|&i| i + s.len() <= builder.src.len()) {
        Some(i) => builder.parse_span_html_at(i),
        None => builder.opts.parse_span_html,
    }
}

/// The table read so far: its cells are made as their rows are read, plain ones on the
/// spot; the others wait to be parsed together when the table is complete.
#[derive(Default)]
struct TableBuilder<'s> {
    sections: Vec<TableSection<'s>>,
    rows: Vec<Vec<Vec<Inline<'s>>>>,
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
    fn cell(&mut self, row: &mut Vec<Vec<Inline<'s>>>, text: Cow<'s, str>) {
        let cell = plain_fragment(&text);
        if cell.is_empty() && !text.is_empty() {
            self.pending.push((self.rows_read, row.len(), text));
        }
        row.push(cell);
    }

    fn push_row(&mut self, row: Vec<Vec<Inline<'s>>>) {
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

    fn finish(mut self, builder: &Builder<'s>) -> Option<Block<'s>> {
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

/// kramdown tries block math (`$$…$$` on its own) before tables.
fn is_block_math(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 4 && line.starts_with("$$") && line.ends_with("$$")
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
