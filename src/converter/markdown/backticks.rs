//! kramdown's lone backtick (`kramdown/parser/kramdown/codespan.rb`, `parse_codespan`): a
//! single backtick with whitespace (or the start of the text) before it and whitespace after
//! it opens no code span but is text, where CommonMark may pair it with a later backtick.
//! Such backticks are escaped on the source before pulldown-cmark reads it.

use std::borrow::Cow;

/// Code span state carried from line to line of one paragraph.
#[derive(Default)]
pub(crate) struct Spans {
    /// The length of the backtick run that opened the code span still open, if any.
    open: Option<usize>,
}

impl Spans {
    /// A blank line or a new block: no code span stays open.
    pub(crate) fn reset(&mut self) {
        self.open = None;
    }

    /// `line` with kramdown's lone backticks escaped; `rest` is the paragraph's text after
    /// the line (a code span opened here only counts when it closes there).
    pub(crate) fn escape<'a>(&mut self, line: &'a str, rest: &[&str]) -> Cow<'a, str> {
        if !line.contains('`') && self.open.is_none() {
            return Cow::Borrowed(line);
        }
        let b = line.as_bytes();
        let mut out = String::with_capacity(line.len() + 2);
        let mut i = 0;
        let mut from = 0;
        while i < b.len() {
            if self.open.is_none() && b[i] == b'\\' {
                i += 2;
                continue;
            }
            if b[i] != b'`' {
                i += 1;
                continue;
            }
            let run = b[i..].iter().take_while(|&&c| c == b'`').count();
            match self.open {
                Some(n) if n == run => self.open = None,
                Some(_) => {}
                None if run == 1 && lone(b, i) => {
                    out.push_str(&line[from..i]);
                    out.push('\\');
                    from = i;
                }
                None if closes(&line[i + run..], rest, run) => self.open = Some(run),
                None => {}
            }
            i += run;
        }
        // Nothing escaped (an escape at the line start leaves `from` at 0 too).
        if out.is_empty() {
            return Cow::Borrowed(line);
        }
        out.push_str(&line[from..]);
        Cow::Owned(out)
    }
}

/// Whitespace (or the line start) before the backtick at `i` and whitespace after it.
fn lone(b: &[u8], i: usize) -> bool {
    let before = b[..i].iter().all(|c| *c == b' ' || *c == b'\t') || b[i - 1].is_ascii_whitespace();
    let after = b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
    before && after
}

/// Whether a run of exactly `n` backticks follows in `tail` or the paragraph's later lines.
fn closes(tail: &str, rest: &[&str], n: usize) -> bool {
    let paragraph = rest.iter().take_while(|l| !l.trim().is_empty());
    std::iter::once(tail)
        .chain(paragraph.copied())
        .any(|l| has_run(l, n))
}

fn has_run(line: &str, n: usize) -> bool {
    line.split(|c| c != '`').any(|r| r.len() == n)
}

#[cfg(test)]
mod tests {
    use super::Spans;

    #[test]
    fn escapes_lone_backticks() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["a `b` c\n"], &["a `b` c\n"]),
            (&["` `\n"], &["\\` \\`\n"]),
            (&["a ` `\n"], &["a \\` \\`\n"]),
            (
                &["This is a ` literal.\n", "As \\`are\\` these!\n"],
                &["This is a \\` literal.\n", "As \\`are\\` these!\n"],
            ),
            (&["And `` ` `` ticks.\n"], &["And `` ` `` ticks.\n"]),
            (&["a `x\n", "` y` b\n"], &["a `x\n", "` y` b\n"]),
            (&["a `` x\n"], &["a `` x\n"]),
            (&["a ` b\n"], &["a \\` b\n"]),
            (&["` a`\n"], &["\\` a`\n"]),
            (&["` a` b\n"], &["\\` a` b\n"]),
        ];
        for (lines, want) in cases {
            let mut spans = Spans::default();
            let got: Vec<String> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| spans.escape(l, &lines[i + 1..]).into_owned())
                .collect();
            assert_eq!(&got, want, "{lines:?}");
        }
    }
}
