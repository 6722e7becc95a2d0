//! What kramdown reads from the Markdown source that pulldown-cmark's events do not carry:
//! raw image alt text, blank lines after paragraphs, and backslash escapes (kramdown-parser-gfm's
//! `ESCAPED_CHARS_GFM` is a smaller set than CommonMark's), which link definitions repeat and
//! which footnote names are defined; and the line index the builder asks at every block.

use std::cell::Cell;
use std::collections::HashMap;

/// Characters kramdown-parser-gfm unescapes after a backslash; for others the backslash stays.
const GFM_ESCAPABLE: &str = "\\.*_+`<>()[]{}#!:|\"'$=-~";

/// Whether the character at `pos` follows an odd number of backslashes.
pub(crate) fn escaped_at(src: &str, pos: usize) -> bool {
    let before = &src.as_bytes()[..pos.min(src.len())];
    before.iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1
}

/// Text that begins with a backslash-escaped character: kramdown keeps the backslash for
/// characters outside its escape set. Returns the text and how many leading characters are
/// literal.
pub(crate) fn kramdown_escape(text: &str) -> (String, usize) {
    match text.chars().next() {
        Some(c) if GFM_ESCAPABLE.contains(c) => (text.to_string(), 1),
        Some(_) => (format!("\\{text}"), 2),
        None => (String::new(), 0),
    }
}

/// The alt text as written between `![` and its `]`: kramdown keeps it raw but for its
/// backslash escapes (`ESCAPED_CHARS`).
pub(crate) fn raw_alt(src: &str) -> String {
    unescape(&alt_as_written(src))
}

/// kramdown's `gsub(ESCAPED_CHARS, '\1')`.
fn unescape(s: &str) -> String {
    unescape_set(s, "\\.*_+`<>()[]{}#!:|\"'$=-")
}

/// Text as kramdown-parser-gfm reads it: each backslash escape of its set becomes the
/// character (a backslash before any other character stays).
pub(crate) fn unescape_gfm(s: &str) -> String {
    unescape_set(s, GFM_ESCAPABLE)
}

fn unescape_set(s: &str, set: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && set.contains(next) => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

fn alt_as_written(src: &str) -> String {
    let Some(body) = src.strip_prefix("![") else {
        return String::new();
    };
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' if depth == 0 => return body[..i].to_string(),
            ']' => depth -= 1,
            _ => {}
        }
    }
    body.to_string()
}

/// Whether the line after the one holding offset `end` is blank (quote markers ignored): the
/// scanning form of `LineStarts::blank_line_follows`, which the tests hold it to.
#[cfg(test)]
pub(crate) fn blank_line_follows(src: &str, end: usize) -> bool {
    let end = end.min(src.len());
    let from = if end > 0 && src.as_bytes()[end - 1] == b'\n' {
        end
    } else {
        match src[end..].find('\n') {
            Some(i) => end + i + 1,
            None => return false,
        }
    };
    if from >= src.len() {
        return false;
    }
    let line = src[from..].split('\n').next().unwrap_or("");
    is_blank_line(line)
}

/// Whether `line` holds only spaces, tabs, quote markers and carriage returns. Compared
/// byte by byte: the builder asks this around every block.
pub(crate) fn is_blank_line(line: &str) -> bool {
    line.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'>' | b'\r'))
}

/// Whether `pos` starts a line.
pub(crate) fn at_line_start(src: &str, pos: usize) -> bool {
    pos == 0 || pos >= src.len() || src.as_bytes()[pos - 1] == b'\n'
}

/// The start of the next blank line after `pos` (or the end of the source).
pub(crate) fn next_blank_line(src: &str, pos: usize) -> usize {
    let mut at = pos;
    while at < src.len() {
        let line_end = src[at..]
            .find('\n')
            .map(|i| at + i + 1)
            .unwrap_or(src.len());
        if at > pos && src[at..line_end].trim().is_empty() {
            return at;
        }
        at = line_end;
    }
    src.len()
}

/// Whether the line before the one starting at `start` is blank (or there is none).
pub(crate) fn blank_line_before(src: &str, start: usize) -> bool {
    let before = &src[..start.min(src.len())];
    let before = before.strip_suffix('\n').unwrap_or(before);
    if before.is_empty() {
        return true;
    }
    let line = before.rsplit('\n').next().unwrap_or("");
    is_blank_line(line)
}

/// An inline link's destination as written (kramdown does not process backslash escapes in
/// it), when it differs from the parsed one only by backslashes.
pub(crate) fn raw_destination(link: &str, parsed: &str) -> String {
    // Without a backslash on either side the two cannot differ only by backslashes.
    let backslash = |s: &str| memchr::memchr(b'\\', s.as_bytes()).is_some();
    if !backslash(link) && !backslash(parsed) {
        return parsed.to_string();
    }
    let raw = link
        .strip_suffix(')')
        .and_then(|l| l.rfind("](").map(|i| &l[i + 2..]))
        .map(|d| d.split_whitespace().next().unwrap_or(""))
        .map(|d| {
            d.strip_prefix('<')
                .and_then(|d| d.strip_suffix('>'))
                .unwrap_or(d)
        });
    match raw {
        Some(raw) if raw != parsed && raw.replace('\\', "") == parsed.replace('\\', "") => {
            raw.to_string()
        }
        _ => parsed.to_string(),
    }
}

/// Where the two bytes `pair` occur in `bytes`, in order. Searching with `memchr` for the
/// rarer of the two (`rare`: 0 or 1) costs far less than setting up a `memmem` searcher,
/// which the short documents hyde converts pay for at every call.
pub(crate) fn find_pair(
    bytes: &[u8],
    pair: [u8; 2],
    rare: usize,
) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(pair[rare], bytes)
        .filter(move |&i| i >= rare && bytes.get(i - rare..i - rare + 2) == Some(&pair[..]))
        .map(move |i| i - rare)
}

/// The names of footnote definitions (`[^name]:` at a line start) in `src`.
pub(crate) fn footnote_names(src: &str) -> Vec<String> {
    let bytes = src.as_bytes();
    find_pair(bytes, *b"[^", 1)
        .filter(|&at| {
            let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            src[line_start..at].chars().all(char::is_whitespace)
        })
        .filter_map(|at| {
            let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(src.len(), |i| at + i);
            src[at + 2..line_end].split_once("]:")
        })
        .map(|(name, _)| name.to_string())
        .filter(|n| !n.is_empty() && !n.contains(char::is_whitespace))
        .collect()
}

/// The offsets where the source's lines start, found in one pass: the builder asks for line
/// starts and the line above at every block, and scanning back through long lines each time
/// costs more than the index. The top-level document's index is made once, before the
/// rewrite's check reads the lines, and handed to the builder when the rewrite left the
/// source as it was. The second field is the line last asked about (`index`).
#[derive(Debug, Default)]
pub(crate) struct LineStarts(Vec<usize>, Cell<usize>);

impl LineStarts {
    pub(crate) fn new(src: &str) -> LineStarts {
        let bytes = src.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 48 + 2);
        starts.push(0);
        // Lines are short: the searcher for this CPU is chosen once, not at every line.
        #[cfg(target_arch = "x86_64")]
        if let Some(finder) = memchr::arch::x86_64::avx2::memchr::One::new(b'\n') {
            starts.extend(finder.iter(bytes).map(|i| i + 1));
            return LineStarts(starts, Cell::new(0));
        }
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        LineStarts(starts, Cell::new(0))
    }

    /// Each line that has a character: its start and its text without the line break.
    pub(crate) fn lines<'s>(&'s self, src: &'s str) -> impl Iterator<Item = (usize, &'s str)> {
        self.0.iter().enumerate().map_while(move |(i, &start)| {
            // The last entry is the end of a source ending with a line break: no line.
            (start < src.len()).then(|| {
                let end = self.0.get(i + 1).map_or(src.len(), |&next| next - 1);
                (start, &src[start..end])
            })
        })
    }

    /// The start of the line holding `pos` (`line_start`).
    #[inline]
    pub(crate) fn of(&self, pos: usize) -> usize {
        self.0[self.index(pos)]
    }

    /// The number (from 0) of the line holding `pos`. The builder asks mostly about the line
    /// it last asked about or one a few lines on: a short walk from there finds it, where the
    /// binary search took six steps or more.
    #[inline]
    pub(crate) fn index(&self, pos: usize) -> usize {
        let starts = &self.0;
        let last = self.1.get();
        let at_or_before = |i: usize| starts.get(i).is_some_and(|&s| s <= pos);
        let i = if at_or_before(last) {
            let mut i = last;
            while i < last + 4 && at_or_before(i + 1) {
                i += 1;
            }
            if at_or_before(i + 1) {
                starts.partition_point(|&s| s <= pos) - 1
            } else {
                i
            }
        } else {
            starts.partition_point(|&s| s <= pos).max(1) - 1
        };
        self.1.set(i);
        i
    }

    /// The start of line number `line`.
    pub(crate) fn start(&self, line: usize) -> usize {
        self.0[line]
    }

    /// Whether the line before the one holding `pos` is blank, or there is none
    /// (`blank_line_before` of that line's start).
    pub(crate) fn blank_line_before(&self, src: &str, pos: usize) -> bool {
        let i = self.index(pos.min(src.len()));
        let start = self.0[i];
        if start <= 1 {
            return true;
        }
        // `start` > 1 is no first line: the line above starts at the index's previous entry.
        is_blank_line(&src[self.0[i - 1]..start - 1])
    }

    /// Whether the line after the one holding `end` is blank (`blank_line_follows`).
    pub(crate) fn blank_line_follows(&self, src: &str, end: usize) -> bool {
        // An offset right after a line break starts the next line; offset 0 does not.
        let end = end.min(src.len()).max(1);
        // The lines starting before `end`: those starting at or before `end - 1`.
        let i = self.index(end - 1) + 1;
        let Some(&from) = self.0.get(i) else {
            return false;
        };
        if from >= src.len() {
            return false;
        }
        let to = self.0.get(i + 1).map_or(src.len(), |&next| next - 1);
        is_blank_line(&src[from..to])
    }
}

/// The start of the line holding `pos`.
pub(crate) fn line_start(src: &str, pos: usize) -> usize {
    src[..pos.min(src.len())]
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// One-line link definitions as written, by normalised label: URL, title, and whether the
/// label is defined more than once (kramdown keeps the last definition, CommonMark the first;
/// kramdown keeps backslashes in the URL).
pub(crate) fn written_links(src: &str) -> HashMap<String, (String, String, bool)> {
    let mut defs: HashMap<String, (String, String, bool)> = HashMap::new();
    if find_pair(src.as_bytes(), *b"]:", 0).next().is_none() {
        return defs;
    }
    for line in src.lines() {
        let Some((label, url, title)) = link_definition(line) else {
            continue;
        };
        let key = label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let repeated = defs.contains_key(&key);
        defs.insert(key, (url, title, repeated));
    }
    defs
}

/// `[label]: url "title"` on one line.
fn link_definition(line: &str) -> Option<(String, String, String)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 || trimmed.starts_with("[^") {
        return None;
    }
    let (label, rest) = trimmed.strip_prefix('[')?.split_once("]:")?;
    let mut parts = rest.trim().splitn(2, char::is_whitespace);
    let url = parts.next().filter(|u| !u.is_empty())?;
    let url = url
        .strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(url);
    let title = parts.next().unwrap_or("").trim();
    let title = title
        .strip_prefix(['"', '\'', '('])
        .and_then(|t| t.strip_suffix(['"', '\'', ')']))
        .unwrap_or("");
    Some((label.to_string(), url.to_string(), title.to_string()))
}

/// Where a kramdown paragraph continued at the line holding `pos` ends: at a blank line or a
/// line that starts a list, header, quote or fence (`PARAGRAPH_END_GFM`).
pub(crate) fn paragraph_end(src: &str, pos: usize) -> usize {
    let mut at = src[pos..]
        .find('\n')
        .map(|i| pos + i + 1)
        .unwrap_or(src.len());
    while at < src.len() {
        let line_end = src[at..]
            .find('\n')
            .map(|i| at + i + 1)
            .unwrap_or(src.len());
        let line = src[at..line_end].trim_start_matches(' ');
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let list = ["* ", "- ", "+ "].iter().any(|m| line.starts_with(m))
            || (digits > 0 && line[digits..].starts_with(". "));
        let ends = line.trim().is_empty()
            || list
            || line.starts_with('#')
            || line.starts_with('>')
            || line.starts_with("```")
            || line.starts_with("~~~");
        if ends {
            return at;
        }
        at = line_end;
    }
    src.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index holds every line start, as the general search finds them, on every input.
    #[test]
    fn line_starts_as_searched() {
        let mut docs = crate::converter::markdown::test_inputs::all();
        let extra = ["", "\n", "a", "a\n", "\n\na\n", &"x\n".repeat(100)];
        docs.extend(extra.iter().map(|s| s.to_string()));
        for doc in &docs {
            let mut want = vec![0];
            want.extend(memchr::memchr_iter(b'\n', doc.as_bytes()).map(|i| i + 1));
            assert_eq!(LineStarts::new(doc).0, want, "{doc:?}");
        }
    }

    #[test]
    fn footnote_definition_names() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("[^a]: note\n", &["a"]),
            ("text [^a]: not at a line start\n", &[]),
            ("x\n  [^b]: indented\n\t[^c]:\n", &["b", "c"]),
            ("[^a b]: space\n[^]: empty\n[^d]\n", &[]),
            ("[^[^e]: nested\n", &["[^e"]),
            ("\u{a0}[^f]: after a no-break space\r\n[^g]:x", &["f", "g"]),
            ("[^h\n]: on the next line\n", &[]),
        ];
        for (src, want) in cases {
            assert_eq!(footnote_names(src), *want, "{src:?}");
        }
    }

    #[test]
    fn pairs_found_as_memmem_finds_them() {
        let sources = ["", "[", "[^", "a[^b[[^]:x]", "]]:]:", "^[^[", "[^\n\n[^"];
        for src in sources {
            for (pair, rare) in [(*b"[^", 0), (*b"[^", 1), (*b"]:", 0), (*b"[[", 1)] {
                let want: Vec<usize> = memchr::memmem::find_iter(src.as_bytes(), &pair).collect();
                let got: Vec<usize> = find_pair(src.as_bytes(), pair, rare).collect();
                assert_eq!(got, want, "{src:?} {pair:?}");
            }
        }
    }

    #[test]
    fn blank_line_test_matches_trimming() {
        for line in ["", " \t", ">\r", "> a", "a", "\u{a0}", " >> \r"] {
            let trimmed = line
                .trim_matches(|c: char| c == ' ' || c == '\t' || c == '>' || c == '\r')
                .is_empty();
            assert_eq!(is_blank_line(line), trimmed, "{line:?}");
        }
    }

    /// The index answers as the backward scans do, at every offset (and past the end).
    #[test]
    fn line_starts_match_scanning() {
        let sources = [
            "",
            "\n",
            "a",
            "a\n",
            "\n\nb\n",
            "a\n\nb\nc\n",
            "> a\n>\n> b",
            "x\n \t\nlong line here\n\n",
            "a\nb",
            "a\n>\n",
            "1\n2\n\n4\n5\n6\n7\n\n9\n10\n11\n12\n",
        ];
        for src in sources {
            let lines = LineStarts::new(src);
            // Forward, backward and jumping about: the index keeps the line last asked about.
            let len = src.len() + 2;
            let forward = 0..=len;
            let backward = (0..=len).rev();
            let jumps = (0..=len).map(|k| (k * 7 + 3) % (len + 1));
            for pos in forward.chain(backward).chain(jumps) {
                let start = line_start(src, pos);
                assert_eq!(lines.of(pos), start, "{src:?} at {pos}");
                assert_eq!(
                    lines.blank_line_follows(src, pos),
                    blank_line_follows(src, pos),
                    "{src:?} at {pos}"
                );
                assert_eq!(
                    lines.blank_line_before(src, pos),
                    blank_line_before(src, start),
                    "{src:?} at {pos}"
                );
            }
        }
    }
}
