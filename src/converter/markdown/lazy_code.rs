//! kramdown's lazy lines of an indented code block (`CODEBLOCK_MATCH` and `parse_codeblock` in
//! `kramdown/parser/kramdown/codeblock.rb`): any non-blank line right after a code line belongs
//! to the block unless it is an IAL, an end-of-block marker or a line opening or closing a
//! block HTML element (`LAZY_END_HTML_START`/`_STOP` of `paragraph.rb`); kramdown then joins
//! each such line to the one above with a space (`gsub(/\n( {0,3}\S)/, ' \1')`). CommonMark
//! ends the code block there instead, so `block_extensions` joins the lines in the source.
//! Also the block's whitespace-only lines, which kramdown keeps as written (less a leading tab
//! or four spaces) where CommonMark strips them.

use super::build::Builder;
use super::html_tag::SPAN_ELEMENTS;
use super::source::line_start;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static IAL_OR_EOB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ {0,3}\{:[^:/](?:\\\}|[^}])*\}\s*$|^\^\s*$")
        .unwrap_or_else(|_| Regex::new("$^").expect("constant pattern"))
});

/// A code block at line `i`: the index after its last line and the indices of its lazy lines
/// (none: the block has no lazy line, or `i` starts no top-level code block).
pub(crate) fn block(lines: &[&str], i: usize) -> (usize, Vec<usize>) {
    if !is_code(lines[i]) || (i > 0 && !is_blank(lines[i - 1])) {
        return (i + 1, Vec::new());
    }
    let mut lazy = Vec::new();
    let mut j = i;
    while j < lines.len() {
        if is_code(lines[j]) {
            j += 1;
        } else if is_blank(lines[j]) {
            let k = (j..lines.len())
                .find(|&k| !is_blank(lines[k]))
                .unwrap_or(lines.len());
            if k == lines.len() || !is_code(lines[k]) {
                break;
            }
            j = k;
        } else if is_lazy(lines[j]) {
            lazy.push(j);
            j += 1;
        } else {
            break;
        }
    }
    if !lazy.is_empty() && !top_level(lines, i) {
        lazy.clear();
    }
    (j, lazy)
}

/// kramdown's `INDENT` before a non-blank rest.
fn is_code(line: &str) -> bool {
    (line.starts_with("    ") || line.starts_with('\t')) && !is_blank(line)
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_lazy(line: &str) -> bool {
    let body = line.trim_end_matches('\n');
    let indent = body.len() - body.trim_start_matches(' ').len();
    !(IAL_OR_EOB.is_match(body) || (indent <= 3 && html_boundary(&body[indent..])))
}

/// `LAZY_END_HTML_START` or `LAZY_END_HTML_STOP`: `<name` or `</name>` of an element that is
/// neither a span element nor `script`.
fn html_boundary(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('<') else {
        return false;
    };
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest
        .find(|c: char| !(c.is_alphanumeric() || "_-.:".contains(c)))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    if !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        return false;
    }
    // `(?!(?:span|…|script)\b)`: a name that merely starts with one, as `abc`, still counts.
    let word_end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    let word = name[..word_end].to_ascii_lowercase();
    if SPAN_ELEMENTS.contains(&word.as_str()) || word == "script" {
        return false;
    }
    !closing || rest[name_len..].trim_start().starts_with('>')
}

/// Whether the code block at `i` stands at the top level: the run of lines above the blank
/// lines before it (skipping indented lines) starts at the margin with no list, definition or
/// footnote marker, nor HTML, whose content indented lines would continue.
fn top_level(lines: &[&str], i: usize) -> bool {
    let Some(anchor) = lines[..i]
        .iter()
        .rposition(|l| !is_blank(l) && !l.starts_with(' ') && !l.starts_with('\t'))
    else {
        return lines[..i].iter().all(|l| is_blank(l) || is_code(l));
    };
    if lines[anchor + 1..i]
        .iter()
        .any(|l| !is_blank(l) && !is_code(l))
    {
        return false;
    }
    let start = lines[..=anchor]
        .iter()
        .rposition(|l| is_blank(l))
        .map_or(0, |b| b + 1);
    let first = lines[start];
    let marker = |l: &str| {
        let l = l.trim_start_matches(|c: char| c.is_ascii_digit());
        [
            "* ", "*\t", "+ ", "+\t", "- ", "-\t", ". ", ".\t", ": ", ":\t", "[^", "<",
        ]
        .iter()
        .any(|m| l.starts_with(m))
    };
    !first.starts_with([' ', '\t']) && !marker(first)
}

/// Whether pulldown-cmark's text in an indented code block is a run of blank lines.
#[inline]
pub(super) fn is_blank_run(t: &str) -> bool {
    t.ends_with('\n') && t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n'))
}

impl Builder<'_> {
    /// The whitespace-only lines of an indented code block (pulldown-cmark's text of them at
    /// `range`) as kramdown keeps them: `parse_codeblock` removes only a leading tab or four
    /// spaces, and a list item takes its blank lines as written (without its indentation
    /// removed); a block quote's `> ` goes first. None when the lines are not blank as
    /// written.
    pub(super) fn code_blank_lines(&self, range: &Range<usize>) -> Option<String> {
        let lines = &self.src[line_start(self.src, range.start)..range.end];
        let mut out = String::with_capacity(lines.len());
        for line in lines.split_inclusive('\n') {
            let mut rest = line;
            for _ in 0..self.quote_depth() {
                rest = rest.trim_start_matches([' ', '\t']).strip_prefix('>')?;
                rest = rest.strip_prefix(' ').unwrap_or(rest);
            }
            if !is_blank_run(rest) {
                return None;
            }
            let kept = rest
                .strip_prefix('\t')
                .or_else(|| rest.strip_prefix("    "));
            out.push_str(kept.unwrap_or(rest));
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Options, convert};
    use super::*;

    const OPEN: &str = "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>";
    const CLOSE: &str = "</code></pre></div>";

    /// Every expectation is Jekyll 4.3's output (shared/tools/oracle/make_oracle.rb).
    #[test]
    fn blank_code_lines_as_written() {
        let cases = [
            (
                "    a\n  \n    b\n",
                format!("{OPEN}a\n  \nb\n{CLOSE}</div>\n"),
            ),
            (
                "    a\n      \n    b\n",
                format!("{OPEN}a\n  \nb\n{CLOSE}</div>\n"),
            ),
            (
                "    a\n\t\n    b\n",
                format!("{OPEN}a\n\nb\n{CLOSE}</div>\n"),
            ),
            (
                "    a\n  \n\n    b\n  \n",
                format!("{OPEN}a\n  \n\nb\n{CLOSE}</div>\n\n"),
            ),
            (
                "    chunk1\n\n    chunk2\n  \n \n \n    chunk3\n",
                format!("{OPEN}chunk1\n\nchunk2\n  \n \n \nchunk3\n{CLOSE}</div>\n"),
            ),
            (
                ">     a\n>   \n>     b\n",
                format!("<blockquote>\n  {OPEN}a\n  \nb\n{CLOSE}  </div>\n</blockquote>\n"),
            ),
        ];
        for (src, want) in cases {
            assert_eq!(convert(src, &Options::default()), want, "{src:?}");
        }
        // In a list item, blank lines keep the item's indentation.
        for (blank, kept) in [("   ", "   "), ("        ", "    "), (" ", " ")] {
            let src = format!("- x\n\n      a\n{blank}\n      b\n");
            let want = format!(
                "<ul>\n  <li>\n    <p>x</p>\n\n    {OPEN}a\n{kept}\nb\n{CLOSE}    </div>\n  </li>\n</ul>\n"
            );
            assert_eq!(convert(&src, &Options::default()), want, "{src:?}");
        }
    }

    fn lazy_of(src: &str) -> (usize, Vec<usize>) {
        let lines: Vec<&str> = src.split_inclusive('\n').collect();
        let i = lines.iter().position(|l| is_code(l)).unwrap_or(0);
        block(&lines, i)
    }

    #[test]
    fn finds_lazy_lines() {
        let cases: [(&str, Vec<usize>); 9] = [
            ("    code\nlazy\n", vec![1]),
            ("    a\n# head\n* item\n\n    b\n  c\n", vec![1, 2, 5]),
            ("    code\n{: .cls}\n", vec![]),
            ("    code\n^\n", vec![]),
            ("    code\n<div>x</div>\n", vec![]),
            ("    code\n<span>x</span>\n", vec![1]),
            ("    code\n\nlazy\n", vec![]),
            ("* item\n\n    code\nlazy\n", vec![]),
            ("para\n\n    code\nlazy\n", vec![3]),
        ];
        for (src, want) in cases {
            assert_eq!(lazy_of(src).1, want, "{src:?}");
        }
    }

    #[test]
    fn html_boundaries() {
        for (s, want) in [
            ("<div>", true),
            ("</div >", true),
            ("<abc", true),
            ("<span>", false),
            ("<script>", false),
            ("</div x", false),
            ("<1>", false),
        ] {
            assert_eq!(html_boundary(s), want, "{s}");
        }
    }
}
