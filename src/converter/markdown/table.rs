//! kramdown's table syntax (`kramdown/parser/kramdown/table.rb`), which kramdown-parser-gfm
//! uses unchanged: any block that starts with a line holding an unescaped pipe is a table if
//! all its lines do and a block boundary follows. Separator lines (`|---|`) split header and
//! body sections and give the alignment, `|===|` starts the footer. GFM tables are a subset.

use super::build::Builder;
use super::fragment::plain_fragment;
use super::html_tag::{Token, read_token};
use super::tree::{Align, Block, Section, TableSection};
use std::borrow::Cow;

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

#[derive(Default)]
struct TableBuilder<'s> {
    sections: Vec<(Section, Vec<Vec<Cow<'s, str>>>)>,
    rows: Vec<Vec<Cow<'s, str>>>,
    aligns: Option<Vec<Align>>,
    has_footer: bool,
}

impl<'s> TableBuilder<'s> {
    /// Adds `line`, which has code spans, escapes or HTML if `special`.
    fn line(&mut self, line: &'s str, leading_pipe: bool, special: bool) {
        if is_separator(line, b'-') {
            if self.rows.is_empty() {
            } else if self.aligns.is_none() && !self.has_footer {
                self.add(Section::Head, false);
                self.aligns = Some(alignments(line));
            } else {
                self.add(Section::Body, false);
            }
        } else if is_separator(line, b'=') {
            if !self.rows.is_empty() {
                self.add(Section::Body, true);
            }
            self.has_footer = true;
        } else {
            self.rows.push(split_row(line, leading_pipe, special));
        }
    }

    /// kramdown's `add_container`: body rows after a footer line wait for the footer.
    fn add(&mut self, section: Section, force: bool) {
        if !self.has_footer || section != Section::Body || force {
            self.sections
                .push((section, std::mem::take(&mut self.rows)));
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
        if !self.sections.iter().any(|(s, _)| *s == Section::Body) {
            return None;
        }
        let columns = self
            .sections
            .iter()
            .flat_map(|(_, r)| r.iter().map(Vec::len))
            .max()?;
        let mut aligns = self.aligns.unwrap_or_default();
        aligns.resize(columns, Align::Default);
        let sections = cells(&self.sections, columns, builder);
        Some(Block::Table {
            aligns,
            sections,
            attrs: Vec::new(),
        })
    }
}

/// The sections with their cells' spans, each row filled up to `columns` with empty cells.
/// Plain cells are made on the spot; the others are parsed together, afterwards.
fn cells<'a>(
    sections: &[(Section, Vec<Vec<Cow<'a, str>>>)],
    columns: usize,
    builder: &Builder<'a>,
) -> Vec<TableSection<'a>> {
    // Where each cell to parse goes (section, row, column), and its text.
    let mut pending: Vec<(usize, usize, usize)> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut out = Vec::with_capacity(sections.len());
    for (s, (kind, rows)) in sections.iter().enumerate() {
        let mut out_rows = Vec::with_capacity(rows.len());
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::with_capacity(columns);
            for (c, text) in row.iter().enumerate() {
                let cell = plain_fragment(text);
                if cell.is_empty() && !text.is_empty() {
                    pending.push((s, r, c));
                    texts.push(text);
                }
                cells.push(cell);
            }
            cells.resize_with(columns, Vec::new);
            out_rows.push(cells);
        }
        out.push(TableSection {
            kind: *kind,
            rows: out_rows,
        });
    }
    if !texts.is_empty() {
        let parsed = builder.inline_fragments(&texts);
        for ((s, r, c), cell) in pending.into_iter().zip(parsed) {
            out[s].rows[r][c] = cell;
        }
    }
    out
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
    let mut cells: Vec<Cow<str>> = if special {
        let trimmed = |c: String| match c.trim() {
            t if t.len() == c.len() => Cow::Owned(c),
            t => Cow::Owned(t.to_string()),
        };
        split_row_spans(line).into_iter().map(trimmed).collect()
    } else {
        // Most rows: the pipes alone split them, into cells borrowed from the line.
        let mut cells = Vec::with_capacity(8);
        let mut from = 0;
        for (i, _) in line.bytes().enumerate().filter(|&(_, b)| b == b'|') {
            cells.push(Cow::Borrowed(trim(&line[from..i])));
            from = i + 1;
        }
        cells.push(Cow::Borrowed(trim(&line[from..])));
        cells
    };
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
