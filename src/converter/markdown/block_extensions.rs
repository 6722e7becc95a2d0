//! kramdown's block-level syntax that CommonMark has no notion of, resolved on the source
//! before pulldown-cmark reads it (mirrors `kramdown/parser/kramdown/eob.rb` and the block
//! half of `extensions.rb`): the `^` end-of-block marker, ALD lines `{:ref: …}`, the
//! `{::comment}`, `{::nomarkdown}` and `{::options /}` extensions, and the block boundary
//! kramdown puts after an IAL line that attaches to the block above it.
//!
//! Each construct becomes a marker: an empty fenced code block whose language starts with
//! `MARK`. A fence ends any paragraph, lazy line or container, as kramdown's block boundary
//! does; `resolve` then drops the markers or swaps them for the raw HTML they stand for.

use super::abbreviations::Abbreviation;
use super::backticks::Spans;
use super::block_starts::interrupts_paragraph;
use super::ial;
use super::link_definition::{self, Reading};
use super::source::LineStarts;
use super::tree::Attrs;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

mod constructs;
mod markers;
pub(crate) use markers::{follows_marker, is_marker, is_marker_line};

/// A language no info string can produce by accident (a private-use character).
const MARK: &str = "\u{E000}kd";

/// The patterns are constants; a bad one would match nothing rather than panic.
pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|_| Regex::new("$^").expect("constant pattern"))
}

static EOB: LazyLock<Regex> = LazyLock::new(|| re(r"^\^\s*$"));
static ALD: LazyLock<Regex> = LazyLock::new(|| re(r"^ {0,3}\{:(\w[\w-]*):(.*)\}\s*$"));
static IAL: LazyLock<Regex> = LazyLock::new(|| re(r"^ {0,3}\{:[^:/].*\}\s*$"));
static EXT_START: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^ {0,3}\{::(comment|nomarkdown|options)((?:\s(?:\\\}|[^}])*?)?)\s*(/)?\}\s*$")
});
static ABBREV: LazyLock<Regex> = LazyLock::new(|| re(r"^ {0,3}\*\[(.+?)\]:(.*)$"));
static LINK_DEF: LazyLock<Regex> = LazyLock::new(|| re(r"^ {0,3}\[[^\]]+\]:"));
static DEFINITION: LazyLock<Regex> = LazyLock::new(|| re(r"^ {0,3}:[ \t]"));
static FENCE: LazyLock<Regex> = LazyLock::new(|| re(r"^ {0,3}(`{3,}|~{3,})"));

/// The character after at most three leading spaces: every pattern above that can match
/// needs a particular one there, so most lines are ruled out without running a regex.
pub(super) fn lead(line: &str) -> u8 {
    let b = line.as_bytes();
    let spaces = b.iter().take(3).take_while(|&&c| c == b' ').count();
    b.get(spaces).copied().unwrap_or(b'\n')
}

/// What a marker stands for.
enum Marked {
    /// A block boundary only.
    Eob,
    /// The end-of-block marker `^` itself: a list right above it ends there (`eob_found`).
    Caret,
    /// Raw HTML output as it is.
    Html(String),
    /// Attributes for the block above.
    Above(Attrs),
    /// Attributes for the block below.
    Below(Attrs),
    /// Attributes for the definition whose first block it is (`ial_only_definition`).
    Definition(Attrs),
}

/// The rewritten source and what its markers stand for.
pub(crate) struct Rewritten {
    pub text: String,
    /// The source went through the line-by-line rewrite (else `text` is the source as it is).
    pub rewritten: bool,
    /// The source, when `text` is not it.
    source: Option<String>,
    marks: Vec<Marked>,
    /// Abbreviation definitions, a later one replacing an earlier one of the same name.
    pub abbreviations: Vec<Abbreviation>,
    /// Attribute list definitions (`{:name: …}`), by name; a later one adds to an earlier.
    alds: Vec<(String, Attrs)>,
    /// The output of span extensions, by placeholder number.
    pub spans: Vec<String>,
    /// The attributes of IAL lines above an abbreviation definition.
    pending: Attrs,
    /// The source has `{::` somewhere (else no line needs looking at for span extensions).
    has_extensions: bool,
    /// Code spans open across the lines of a paragraph.
    backticks: Spans,
    /// The current run of non-blank lines starts with HTML.
    html_run: bool,
    /// The IALs of link definitions, by the number their rewritten URL carries.
    link_attrs: Vec<Attrs>,
    /// The attributes of IAL lines above a link definition.
    pending_link: Attrs,
    /// The settings of `{::options}` extensions, at their offsets in `text`.
    pub options: Vec<super::inline_options::Setting>,
}

/// Replaces kramdown's block extensions in `src` with markers. A source with none is kept
/// as it is, without a copy. `extensions`: `src` has `{::` somewhere; `lines`: its lines.
pub(crate) fn rewrite(src: String, lines: &LineStarts, extensions: bool) -> Rewritten {
    if !super::block_starts::needs_rewrite(&src, lines, extensions) {
        return Rewritten::unchanged(src);
    }
    let mut out = rewrite_lines(&src);
    out.source = Some(src);
    out
}

/// `rewrite`, line by line.
pub(super) fn rewrite_lines(src: &str) -> Rewritten {
    let mut lines: Vec<&str> = Vec::with_capacity(src.bytes().filter(|&b| b == b'\n').count() + 1);
    lines.extend(src.split_inclusive('\n'));
    let mut out = Rewritten::new(String::with_capacity(src.len()), src.contains("{::"));
    let mut fence: Option<String> = None;
    // Lines before this were looked at as part of an indented code block.
    let mut code_seen = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(open) = &fence {
            if closes_fence(line, open) {
                fence = None;
            }
            out.text.push_str(line);
            i += 1;
            continue;
        }
        if matches!(lead(line), b'`' | b'~')
            && let Some(c) = FENCE.captures(line)
        {
            if c[1].starts_with('~') && !kramdown_fence(&lines, i) {
                // Not a fence to kramdown-parser-gfm: text. A backtick line stays:
                // it may open a code span, which an escape would break.
                push_escaped(&mut out.text, line);
                i += 1;
                continue;
            }
            fence = Some(c[1].to_string());
            out.backticks.reset();
        }
        let footnote = line.trim_start().starts_with("[^");
        if lead(line) == b'[' && LINK_DEF.is_match(line) && !footnote {
            i = out.link_definition(&lines, i);
            continue;
        }
        if i >= code_seen && (line.starts_with("    ") || line.starts_with('\t')) {
            let (end, lazy) = super::lazy_code::block(&lines, i);
            code_seen = end;
            if !lazy.is_empty() {
                i = out.lazy_code(&lines, i, end, &lazy);
                continue;
            }
        }
        i = out.line(&lines, i);
    }
    out
}

/// A line kramdown reads as paragraph text, with its first character
/// backslash-escaped so that pulldown-cmark reads it as text too.
fn push_escaped(text: &mut String, line: &str) {
    let at = line.len() - line.trim_start_matches(' ').len();
    text.push_str(&line[..at]);
    text.push('\\');
    text.push_str(&line[at..]);
}

/// kramdown-parser-gfm's `FENCED_CODEBLOCK_MATCH` at line `i`: some prefix of the fence run
/// (at least three) followed by at most one word, and a closing line of that prefix (or
/// longer) below. Otherwise the line is paragraph text.
fn kramdown_fence(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim_end_matches('\n');
    let body = line.trim_start_matches(' ');
    let Some(ch) = body.chars().next() else {
        return false;
    };
    let run = body.len() - body.trim_start_matches(ch).len();
    (3..=run).rev().any(|k| {
        let open = &body[..k];
        let one_word = body[k..].split_whitespace().count() <= 1;
        one_word && lines[i + 1..].iter().any(|l| closes_fence(l, open))
    })
}

fn closes_fence(line: &str, open: &str) -> bool {
    let body = line.trim();
    let ch = open.chars().next().unwrap_or('`');
    body.len() >= open.len()
        && body.chars().all(|c| c == ch)
        && line.len() - line.trim_start().len() < 4
}

impl Rewritten {
    /// Whether the rewrite found nothing to record (no marker, definition or setting).
    #[cfg(test)]
    pub(super) fn records_nothing(&self) -> bool {
        self.marks.is_empty()
            && self.abbreviations.is_empty()
            && self.spans.is_empty()
            && self.alds.is_empty()
            && self.link_attrs.is_empty()
            && self.options.is_empty()
    }

    /// A source with nothing to rewrite.
    fn unchanged(src: String) -> Rewritten {
        Rewritten {
            rewritten: false,
            ..Rewritten::new(src, false)
        }
    }

    /// The source before the rewrite.
    pub(crate) fn source(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }

    /// Whether `text` may hold markers for `resolve` to drop: a source passed on unchanged
    /// has none, unless it spells one out itself.
    pub(crate) fn may_have_markers(&self) -> bool {
        let b = self.text.as_bytes();
        self.rewritten
            || memchr::memchr_iter(MARK.as_bytes()[0], b)
                .any(|i| b[i..].starts_with(MARK.as_bytes()))
    }

    fn new(text: String, has_extensions: bool) -> Rewritten {
        Rewritten {
            text,
            rewritten: true,
            source: None,
            marks: Vec::new(),
            abbreviations: Vec::new(),
            spans: Vec::new(),
            alds: Vec::new(),
            pending: Attrs::new(),
            has_extensions,
            backticks: Spans::default(),
            html_run: false,
            link_attrs: Vec::new(),
            pending_link: Attrs::new(),
            options: Vec::new(),
        }
    }

    /// Handles the line at `i`; returns the index of the next line to look at.
    fn line(&mut self, lines: &[&str], i: usize) -> usize {
        let line = lines[i];
        let body = line.trim_end_matches('\n');
        let lead = lead(line);
        if matches!(lead, b'-' | b'*' | b'+') && super::bare_marker::is_text(lines, i) {
            push_escaped(&mut self.text, line);
            return i + 1;
        }
        if lead == b'{'
            && let Some(c) = ALD.captures(body)
        {
            self.definition(&c[1], &c[2]);
            self.mark(Marked::Eob);
            return i + 1;
        }
        if line.starts_with('^') && EOB.is_match(body) {
            self.mark(Marked::Caret);
            return i + 1;
        }
        if let Some(c) = (lead == b'{').then(|| EXT_START.captures(body)).flatten() {
            let (name, attrs, closed) = (c[1].to_string(), c[2].to_string(), c.get(3).is_some());
            if closed {
                if name == "options" {
                    let at = self.text.len();
                    self.options
                        .extend(super::inline_options::settings(&attrs, at));
                }
                self.mark(Marked::Eob);
                return i + 1;
            }
            if let Some(end) = extension_end(lines, i + 1, &name) {
                let content: String = lines[i + 1..end].concat();
                self.extension(&name, &attrs, &content);
                return end + 1;
            }
        }
        if let Some(c) = (lead == b'*').then(|| ABBREV.captures(body)).flatten() {
            return self.abbreviation(lines, i, &c[1], c[2].trim());
        }
        if lead == b'{'
            && IAL.is_match(body)
            && !line.starts_with(' ')
            && let Some(next) = self.ial_group(lines, i)
        {
            return next;
        }
        if self.definition_list_line(lines, i) {
            return i + 1;
        }
        if lead == b'\\' && self.escaped_block_math(lines, i) {
            return i + 1;
        }
        if interrupts_paragraph(lines, i) {
            // A line break alone: an empty line that ends the paragraph for pulldown-cmark
            // but is no blank line of the source (`blanks`).
            self.text.push_str("\r\n");
        }
        let line = self.lone_backticks(lines, i);
        if self.has_extensions
            && line.contains("{::")
            && !line.starts_with("    ")
            && !line.starts_with('\t')
        {
            if line.contains("{::options") {
                let at = self.text.len();
                self.options
                    .extend(super::inline_options::in_line(&line, at));
            }
            let line = super::span_extensions::rewrite_line(&line, &mut self.spans);
            self.text.push_str(&line);
        } else {
            self.text.push_str(&line);
        }
        i + 1
    }

    /// The code block of lines `i..end`, each of its `lazy` lines joined to the line above
    /// with a space (`lazy_code`). Returns `end`.
    fn lazy_code(&mut self, lines: &[&str], mut i: usize, end: usize, lazy: &[usize]) -> usize {
        while i < end {
            if lazy.contains(&i) && self.text.ends_with('\n') {
                self.text.pop();
                self.text.push(' ');
                self.text.push_str(lines[i]);
                i += 1;
            } else {
                i = self.line(lines, i);
            }
        }
        end
    }

    /// Line `i` with kramdown's lone backticks escaped (`backticks`), outside code blocks
    /// and HTML blocks.
    fn lone_backticks<'l>(&mut self, lines: &[&'l str], i: usize) -> Cow<'l, str> {
        let line = lines[i];
        if i == 0 || lines[i - 1].trim().is_empty() {
            self.html_run = line.trim_start().starts_with('<');
        }
        if line.trim().is_empty() {
            self.backticks.reset();
        }
        if self.html_run || line.starts_with("    ") || line.starts_with('\t') {
            return Cow::Borrowed(line);
        }
        self.backticks.escape(line, &lines[i + 1..])
    }

    /// `\$$…$$` alone on a line at a block boundary: kramdown's block math parser drops the
    /// backslash and declines (`parse_block_math`), so the paragraph holds span math. The
    /// line is written without the backslash and with an empty placeholder after the math,
    /// which keeps it a paragraph. Returns whether it wrote the line.
    fn escaped_block_math(&mut self, lines: &[&str], i: usize) -> bool {
        let line = lines[i];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let Some(body) = line[indent..].strip_prefix("\\$$") else {
            return false;
        };
        let Some(close) = body.find("$$") else {
            return false;
        };
        let boundary = i == 0 || lines[i - 1].trim().is_empty();
        if !boundary || !body[close + 2..].trim().is_empty() {
            return false;
        }
        let placeholder = super::span_extensions::empty_placeholder(&mut self.spans);
        self.text.push_str(&line[..indent]);
        self.text.push_str("$$");
        self.text.push_str(&body[..close + 2]);
        self.text.push_str(&placeholder);
        self.text.push_str(&body[close + 2..]);
        true
    }

    fn mark(&mut self, marked: Marked) {
        let id = match marked {
            Marked::Eob => String::new(),
            marked => {
                self.marks.push(marked);
                self.marks.len().to_string()
            }
        };
        self.text.push_str("```");
        self.text.push_str(MARK);
        self.text.push_str(&id);
        self.text.push_str("\n```\n");
    }
}

fn is_link_definition(line: &str) -> bool {
    LINK_DEF.is_match(line) && !line.trim_start().starts_with("[^")
}

/// kramdown's `nomarkdown` content is output unless its `type` names another converter.
pub(crate) fn is_html_type(attrs: &str) -> bool {
    let attrs = attrs.replace('"', "'");
    !attrs.contains("type='") || attrs.contains("type='html'")
}

/// The line closing an extension block: `{:/}` or `{:/name}` alone on a line (up to three
/// spaces before it, any whitespace after it).
fn extension_end(lines: &[&str], from: usize, name: &str) -> Option<usize> {
    let stops = |line: &str| {
        let line = line.trim_end_matches('\n');
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let Some(rest) = line[spaces.min(3)..].strip_prefix("{:/") else {
            return false;
        };
        let rest = rest
            .strip_prefix(name)
            .filter(|r| r.starts_with('}'))
            .unwrap_or(rest);
        rest.strip_prefix('}').is_some_and(|r| r.trim().is_empty())
    };
    (from..lines.len()).find(|&j| stops(lines[j]))
}

/// An IAL group (starting at the margin) directly below a non-blank line applies to the block
/// above it.
fn attaches_above(lines: &[&str], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        let prev = lines[j - 1].trim_end_matches('\n');
        if !IAL.is_match(prev) {
            let boundary = EOB.is_match(prev) || ALD.is_match(prev);
            return !prev.trim().is_empty() && !boundary && !lines[j].starts_with(' ');
        }
        j -= 1;
    }
    false
}

/// Whether line `i` continues an HTML block (the lines since the last blank line start with
/// a tag), which only a blank line ends in CommonMark.
fn in_html_block(lines: &[&str], i: usize) -> bool {
    let first = lines[..i]
        .iter()
        .rposition(|l| l.trim().is_empty())
        .map_or(0, |b| b + 1);
    lines
        .get(first)
        .is_some_and(|l| first < i && l.trim_start().starts_with('<'))
}
