//! Smart quotes and typographic symbols, as kramdown's span parsers produce them
//! (`kramdown/parser/kramdown/smart_quotes.rb`, `typographic_symbol.rb`), written as characters
//! (`entity_output: as_char`). Text runs are scanned the way kramdown's `parse_spans` scans:
//! a quote may take the character before it as context, and look-ahead sees the source that
//! follows the run (so `"*x*"` opens with a left quote).

use super::entities::entity_char;
use super::options::Options;
use super::tree::{Document, Inline, Next, Text, walk_text};
use std::borrow::Cow;

/// Replaces every parsed text run of the document by its final text.
pub(crate) fn apply(doc: &mut Document, opts: &Options) {
    let quotes = opts.smart_quotes.each_ref().map(|name| quote_text(name));
    let t = Typographer {
        quotes,
        syms: opts.typographic_syms,
    };
    walk_text(doc, &mut |text| {
        if let Text::Inlines(inlines) = text {
            t.inlines(inlines);
        }
    });
}

struct Typographer<'a> {
    /// lsquo, rsquo, ldquo, rdquo as output text.
    quotes: [Cow<'a, str>; 4],
    syms: bool,
}

/// The output text of a `smart_quotes` entry (Jekyll's default names need no allocation).
fn quote_text(name: &str) -> Cow<'_, str> {
    match name {
        "lsquo" => Cow::Borrowed("\u{2018}"),
        "rsquo" => Cow::Borrowed("\u{2019}"),
        "ldquo" => Cow::Borrowed("\u{201C}"),
        "rdquo" => Cow::Borrowed("\u{201D}"),
        _ => Cow::Owned(entity_char(name).map_or_else(|| name.to_string(), String::from)),
    }
}

const LSQUO: usize = 0;
const RSQUO: usize = 1;
const LDQUO: usize = 2;
const RDQUO: usize = 3;

impl Typographer<'_> {
    /// Merges each run of text and soft breaks into one final `Str`, in place: other items
    /// move down over the runs' consumed items, and the tail is cut off.
    fn inlines(&self, inlines: &mut Vec<Inline>) {
        let mut run = Run::default();
        let mut next = Next::default();
        // Items before `kept` are final. A run ends before a later item, so its final text
        // always has one of the run's consumed items to take the place of.
        let mut kept = 0;
        for i in 0..inlines.len() {
            match &mut inlines[i] {
                Inline::Text {
                    text,
                    literal,
                    next: n,
                } => {
                    run.push(std::mem::take(text), *literal);
                    next = *n;
                }
                Inline::Soft => {
                    run.text.push('\n');
                    next = Next::default();
                }
                _ => {
                    if !run.text.is_empty() {
                        inlines[kept] = Inline::Str(self.finish(&mut run, &next));
                        kept += 1;
                    }
                    self.children(&mut inlines[i]);
                    inlines.swap(kept, i);
                    kept += 1;
                }
            }
        }
        if !run.text.is_empty() {
            inlines[kept] = Inline::Str(self.finish(&mut run, &next));
            kept += 1;
        }
        inlines.truncate(kept);
    }

    /// The final text of `run` (left empty). Most runs have nothing typography changes:
    /// their text is kept as it is, without the per-character scan.
    fn finish(&self, run: &mut Run, next: &str) -> String {
        let text = std::mem::take(&mut run.text);
        let literals = std::mem::take(&mut run.literals);
        if !self.may_change(&text) {
            return text;
        }
        // Room for the look-ahead `run` appends: no reallocation of a long run.
        let mut chars: Vec<(char, bool)> = Vec::with_capacity(text.len() + next.len());
        chars.extend(text.chars().map(|c| (c, false)));
        for (at, literal) in literals {
            let first = text[..at].chars().count();
            for flag in chars[first..].iter_mut().take(literal) {
                flag.1 = true;
            }
        }
        self.run(&mut chars, next)
    }

    /// Whether `run` could change `text`: only a quote or (with typographic symbols) the
    /// first two characters of a symbol start a change, and the look-ahead matters only
    /// after a quote.
    fn may_change(&self, text: &str) -> bool {
        // One byte scan (all of these are ASCII) instead of a search per pattern. It has
        // no early exit, so the compiler turns it into vector compares.
        let bytes = text.as_bytes();
        let syms = self.syms;
        let pairs = bytes.iter().zip(bytes.iter().skip(1));
        let last_quote = bytes.last().is_some_and(|&b| b == b'"' || b == b'\'');
        last_quote
            || pairs.fold(false, |found, (&a, &b)| {
                found | (a == b'"') | (a == b'\'') | (syms & (a == b) & is_doubled_start(a))
            })
    }

    fn children(&self, inline: &mut Inline) {
        match inline {
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => self.inlines(c),
            Inline::Attributed(inner, _) => self.children(inner),
            Inline::Link {
                children,
                auto: false,
                ..
            } => self.inlines(children),
            Inline::Link {
                children,
                auto: true,
                ..
            } => {
                for c in children.iter_mut() {
                    if let Inline::Text { text, .. } = c {
                        *c = Inline::Str(std::mem::take(text));
                    }
                }
            }
            _ => {}
        }
    }

    /// Rewrites one text run (the look-ahead is appended to `chars`, which the caller clears).
    fn run(&self, chars: &mut Vec<(char, bool)>, next: &str) -> String {
        let n = chars.len();
        chars.extend(next.chars().map(|c| (c, false)));
        let s = Scan { chars, len: n };
        let mut out = String::with_capacity(n + n / 8);
        let mut i = 0;
        while i < n {
            let (c, literal) = chars[i];
            // Most characters are neither a quote, nor before one, nor a symbol's start.
            let special = is_quote(c)
                || s.plain_quote(i + 1)
                || (self.syms && matches!(c, '-' | '.' | '<' | '>' | ' '));
            if literal || !special {
                out.push(c);
                i += 1;
            } else if s.quote_starts(i) {
                i = self.smart_quote(&s, i, &mut out);
            } else if let Some((text, len)) = self.syms.then(|| s.typographic(i)).flatten() {
                out.push_str(text);
                i += len;
            } else {
                out.push(c);
                i += 1;
            }
        }
        out
    }

    /// kramdown's `SQ_RULES`, tried in order at `k`; returns the index after the match.
    fn smart_quote(&self, s: &Scan, k: usize, out: &mut String) -> usize {
        let q = |c: char, double: usize, single: usize| {
            if c == '"' {
                &self.quotes[double]
            } else {
                &self.quotes[single]
            }
        };
        let c0 = s.at(k).unwrap_or(' ');
        let ws = is_space(c0);
        let j = if ws { k + 1 } else { k };
        let (a, b) = (s.at(j), s.at(j + 1).filter(|_| j + 1 < s.len));
        if is_quote(c0)
            && s.at(k + 1).is_some_and(|c| c == '_' || c == '*')
            && s.at(k + 2).is_some_and(|c| !is_space(c))
        {
            out.push_str(q(c0, LDQUO, LSQUO));
            return k + 1;
        }
        if is_quote(c0) && s.punct_close(k) {
            out.push_str(q(c0, RDQUO, RSQUO));
            return k + 1;
        }
        let ws_text = |out: &mut String| {
            if ws {
                out.push(c0);
            }
        };
        if a == Some('"') && b == Some('\'') && s.at(j + 2).is_some_and(is_word) {
            ws_text(out);
            out.push_str(&self.quotes[LDQUO]);
            out.push_str(&self.quotes[LSQUO]);
            return j + 2;
        }
        if a == Some('\'') && b == Some('"') && s.at(j + 2).is_some_and(is_word) {
            ws_text(out);
            out.push_str(&self.quotes[LSQUO]);
            out.push_str(&self.quotes[LDQUO]);
            return j + 2;
        }
        if a == Some('\'') && s.decade(j + 1) {
            ws_text(out);
            out.push_str(&self.quotes[RSQUO]);
            return j + 1;
        }
        self.smart_quote_tail(s, k, out)
    }

    /// The remaining rules: opening after space, closing after a character, closing before
    /// space, and the fallbacks.
    fn smart_quote_tail(&self, s: &Scan, k: usize, out: &mut String) -> usize {
        let c0 = s.at(k).unwrap_or(' ');
        let c1 = s.at(k + 1);
        let q = |c: char, double: usize, single: usize| {
            if c == '"' {
                &self.quotes[double]
            } else {
                &self.quotes[single]
            }
        };
        if let Some(c1) = c1.filter(|c| is_space(c0) && is_quote(*c))
            && s.at(k + 2).is_some_and(is_word)
        {
            out.push(c0);
            out.push_str(q(c1, LDQUO, LSQUO));
            return k + 2;
        }
        if let Some(c1) =
            c1.filter(|c| k + 1 < s.len && !" \\\t\r\n[{(-".contains(c0) && is_quote(*c))
        {
            out.push(c0);
            out.push_str(q(c1, RDQUO, RSQUO));
            return k + 2;
        }
        if is_quote(c0) {
            let closes = match c1 {
                None | Some('\n') => true,
                Some(c) if is_space(c) => true,
                Some('s') => !s.at(k + 2).is_some_and(is_word),
                _ => false,
            };
            if closes {
                out.push_str(q(c0, RDQUO, RSQUO));
                return k + 1;
            }
        }
        for quote in ['\'', '"'] {
            if c1 == Some(quote) && k + 1 < s.len {
                out.push(c0);
                out.push_str(q(quote, LDQUO, LSQUO));
                return k + 2;
            }
            if c0 == quote {
                out.push_str(q(quote, LDQUO, LSQUO));
                return k + 1;
            }
        }
        out.push(c0);
        k + 1
    }
}

/// The text of consecutive text nodes and soft breaks, and where a node's leading
/// characters are left alone (byte offset in `text`, number of characters).
#[derive(Default)]
struct Run {
    text: String,
    literals: Vec<(usize, usize)>,
}

impl Run {
    fn push(&mut self, text: String, literal: usize) {
        if literal > 0 && !text.is_empty() {
            let literal = literal.min(text.chars().count());
            self.literals.push((self.text.len(), literal));
        }
        if self.text.is_empty() {
            // The first node's string becomes the run's: no copy.
            self.text = text;
        } else {
            self.text.push_str(&text);
        }
    }
}

/// A text run plus the source after it (look-ahead only).
struct Scan<'a> {
    chars: &'a [(char, bool)],
    len: usize,
}

impl Scan<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(c, _)| c)
    }

    fn plain_quote(&self, i: usize) -> bool {
        i < self.len && !self.chars[i].1 && is_quote(self.chars[i].0)
    }

    /// kramdown's `SMART_QUOTES_RE` (`[^\\]?["']`) matches at `i`.
    fn quote_starts(&self, i: usize) -> bool {
        let (c, literal) = self.chars[i];
        // Characters that open another kramdown span parser are consumed by it, so they never
        // serve as the quote's left context.
        self.plain_quote(i) || (self.plain_quote(i + 1) && !literal && !"\\*_`[".contains(c))
    }

    /// `("|')(?=#{SQ_PUNCT}(?!\.\.)\B)`
    fn punct_close(&self, k: usize) -> bool {
        let Some(p) = self.at(k + 1) else {
            return false;
        };
        if !p.is_ascii_punctuation() {
            return false;
        }
        if self.at(k + 2) == Some('.') && self.at(k + 3) == Some('.') {
            return false;
        }
        is_word(p) == self.at(k + 2).is_some_and(is_word)
    }

    /// `(?=\d\ds)` after an apostrophe ('90s).
    fn decade(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_digit())
            && self.at(i + 1).is_some_and(|c| c.is_ascii_digit())
            && self.at(i + 2) == Some('s')
    }

    /// kramdown's `TYPOGRAPHIC_SYMS` at `i`: the output and the length matched.
    fn typographic(&self, i: usize) -> Option<(&'static str, usize)> {
        const SYMS: [(&str, &str); 7] = [
            ("---", "\u{2014}"),
            ("--", "\u{2013}"),
            ("...", "\u{2026}"),
            ("<< ", "\u{AB}\u{A0}"),
            (" >>", "\u{A0}\u{BB}"),
            ("<<", "\u{AB}"),
            (">>", "\u{BB}"),
        ];
        // Every pattern starts with one of these; most characters start none.
        if !matches!(self.chars[i].0, '-' | '.' | '<' | '>' | ' ') {
            return None;
        }
        SYMS.iter().find_map(|(pat, out)| {
            // The patterns are ASCII: their length in bytes is their length in characters.
            let n = pat.len();
            let fits = i + n <= self.len
                && pat
                    .bytes()
                    .enumerate()
                    .all(|(d, c)| self.chars[i + d] == (char::from(c), false));
            fits.then_some((*out, n))
        })
    }
}

/// Whether `b` starts a typographic symbol when doubled (`--`, `..`, `<<`, `>>`): every
/// symbol has one of these pairs.
fn is_doubled_start(b: u8) -> bool {
    matches!(b, b'-' | b'.' | b'<' | b'>')
}

fn is_quote(c: char) -> bool {
    c == '"' || c == '\''
}

/// Ruby's `\s` (ASCII only).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0c' | '\x0b')
}

/// Ruby's `\w` (ASCII only).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_change_finds_quotes_and_symbol_starts() {
        let cases = [
            ("", false, false),
            ("plain text.", false, false),
            ("it's", true, true),
            ("x\"", true, true),
            ("'", true, true),
            ("a--b", true, false),
            ("a-b.c", false, false),
            ("wait...", true, false),
            ("<<", true, false),
            ("x >> y", true, false),
        ];
        for (text, with_syms, without) in cases {
            for (syms, want) in [(true, with_syms), (false, without)] {
                let t = Typographer {
                    quotes: ["a", "b", "c", "d"].map(Cow::Borrowed),
                    syms,
                };
                assert_eq!(t.may_change(text), want, "{text:?} {syms}");
            }
        }
    }
}
