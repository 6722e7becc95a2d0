//! kramdown's table syntax inside a footnote definition. kramdown parses a note's content as
//! blocks of their own (`parse_footnote_definition` in `parser/kramdown/footnote.rb`: the
//! lines with one level of indentation removed), so a paragraph of pipe lines there is a
//! table when block boundaries surround it: the note's start or end, or a blank line.

use super::build::Builder;
use super::table;
use super::tree::Block;

impl<'a> Builder<'a> {
    /// Turns the paragraphs of a closing note's `blocks` that kramdown reads as tables into
    /// tables. Not inside a quote, whose markers the source lines carry.
    /// Not on the line that starts the note (`note_start`): kramdown tries its table syntax
    /// on that line before the footnote definition.
    pub(super) fn tables_in_note(&mut self, blocks: &mut [Block<'a>], note_start: usize) {
        if !self.tables || self.quotes > 0 {
            return;
        }
        for i in 0..blocks.len() {
            let Block::Para(p) = &blocks[i] else {
                continue;
            };
            let (start, end) = (p.span.0, p.span.1.min(self.src.len()));
            // Every table line holds a pipe: without one there is nothing to build.
            if start >= end || memchr::memchr(b'|', &self.src.as_bytes()[start..end]).is_none() {
                continue;
            }
            if self.lines.of(start) == self.lines.of(note_start) {
                continue;
            }
            let blank = |b: &Block| matches!(b, Block::Blank);
            let before =
                i == 0 || blank(&blocks[i - 1]) || self.lines.blank_line_before(self.src, start);
            // The note's content ends after its last block (`\z` of kramdown's boundary).
            let after = p.blank_after || blocks[i + 1..].iter().all(blank);
            if !before || !after {
                continue;
            }
            let text = unindented(&self.src[start..end]);
            if let Some((table, used)) = table::parse(&text, self)
                && text[used..].trim().is_empty()
            {
                blocks[i] = table.into_owned();
            }
        }
    }
}

/// A note paragraph's text as kramdown parses it: each line after the first (which starts
/// at the paragraph, on a line of its own) without one level of indentation (`INDENT`: a tab or four spaces), each
/// ending with a line break.
fn unindented(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    for (n, line) in text.lines().enumerate() {
        let line = match n {
            0 => line,
            _ => line
                .strip_prefix('\t')
                .or_else(|| line.strip_prefix("    "))
                .unwrap_or(line),
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unindented;
    use crate::converter::markdown::{Options, convert};

    #[test]
    fn unindents_lines_after_the_first() {
        let cases = [
            ("| a |", "| a |\n"),
            ("| a |\n    | b |\n", "| a |\n| b |\n"),
            (
                "| a |\n\t| b |\n      | c |\n| d |",
                "| a |\n| b |\n  | c |\n| d |\n",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(unindented(text), want, "{text:?}");
        }
    }

    /// Expectations checked with Jekyll 4.3 (`make_oracle.rb`).
    #[test]
    fn tables_in_notes() {
        let note = |body: &str| {
            format!(
                "<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:t\" role=\"doc-endnote\">\n{body}    </li>\n  </ol>\n</div>\n"
            )
        };
        let back =
            "<a href=\"#fnref:t\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a>";
        let table = "      <table>\n        <tbody>\n          <tr>\n            <td>a</td>\n            <td>b</td>\n          </tr>\n          <tr>\n            <td>c</td>\n            <td>d</td>\n          </tr>\n        </tbody>\n      </table>\n";
        let cases = [
            (
                "[^t]:\n    | a | b |\n    | c | d |\n",
                format!("\n{table}      <p>{back}</p>\n"),
            ),
            (
                "[^t]:\n\n      | a | b |\n   | c | d |\n",
                format!("\n{table}      <p>{back}</p>\n"),
            ),
            (
                "[^t]: x\n\n    | a | b |\n    | c | d |\n\n    y\n",
                format!("      <p>x</p>\n\n{table}\n      <p>y\u{a0}{back}</p>\n"),
            ),
            (
                "[^t]: x\n    | a | b |\n",
                format!("      <p>x\n| a | b |\u{a0}{back}</p>\n"),
            ),
        ];
        for (src, want) in cases {
            let got = convert(&format!("a[^t]\n\n{src}"), &Options::default());
            let want = format!(
                "<p>a<sup id=\"fnref:t\" role=\"doc-noteref\"><a href=\"#fn:t\" class=\"footnote\" rel=\"footnote\">1</a></sup></p>\n\n{}",
                note(&want)
            );
            assert_eq!(got, want, "{src:?}");
        }
    }
}
