//! The rewrite of a text run that may change: kramdown's smart quote rules (`SQ_RULES` in
//! `kramdown/parser/kramdown/smart_quotes.rb`) and typographic symbols
//! (`TYPOGRAPHIC_SYMS` in `typographic_symbol.rb`), character by character. The rules look
//! at the source after a quote: a backslash-escaped character there is seen as its backslash.

use super::emphasis::is_space;
use super::typography::Typographer;

/// Where a character of a text run comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// Text that typography may change.
    Plain,
    /// Left as it is (an entity, or a backslash kept before a character kramdown does not
    /// escape, with that character).
    Literal,
    /// A backslash-escaped character: left as it is, and written `\c` in the source.
    Escaped,
}

const LSQUO: usize = 0;
const RSQUO: usize = 1;
const LDQUO: usize = 2;
const RDQUO: usize = 3;

impl Typographer<'_> {
    /// Rewrites one text run (the look-ahead is appended to `chars`, which the caller clears).
    pub(super) fn run(&self, chars: &mut Vec<(char, Origin)>, next: &str) -> String {
        let n = chars.len();
        chars.extend(next.chars().map(|c| (c, Origin::Plain)));
        let s = Scan { chars, len: n };
        let mut out = String::with_capacity(n + n / 8);
        let mut i = 0;
        while i < n {
            let (c, origin) = chars[i];
            // Most characters are neither a quote, nor before one, nor a symbol's start.
            let special = is_quote(c)
                || s.plain_quote(i + 1)
                || (self.syms && matches!(c, '-' | '.' | '<' | '>' | ' '));
            if origin != Origin::Plain || !special {
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
        let (a, b) = (s.seen(j), s.seen(j + 1).filter(|_| j + 1 < s.len));
        if is_quote(c0)
            && s.seen(k + 1).is_some_and(|c| c == '_' || c == '*')
            && s.seen(k + 2).is_some_and(|c| !is_space(c))
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
        if a == Some('"') && b == Some('\'') && s.seen(j + 2).is_some_and(is_word) {
            ws_text(out);
            out.push_str(&self.quotes[LDQUO]);
            out.push_str(&self.quotes[LSQUO]);
            return j + 2;
        }
        if a == Some('\'') && b == Some('"') && s.seen(j + 2).is_some_and(is_word) {
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
        let c1 = s.seen(k + 1);
        let q = |c: char, double: usize, single: usize| {
            if c == '"' {
                &self.quotes[double]
            } else {
                &self.quotes[single]
            }
        };
        if let Some(c1) = c1.filter(|c| is_space(c0) && is_quote(*c))
            && s.seen(k + 2).is_some_and(is_word)
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
                Some('s') => !s.seen(k + 2).is_some_and(is_word),
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

/// A text run plus the source after it (look-ahead only).
struct Scan<'a> {
    chars: &'a [(char, Origin)],
    len: usize,
}

impl Scan<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(c, _)| c)
    }

    /// The character kramdown's rules see at `i`: an escaped character's backslash.
    fn seen(&self, i: usize) -> Option<char> {
        match self.chars.get(i) {
            Some((_, Origin::Escaped)) => Some('\\'),
            other => other.map(|&(c, _)| c),
        }
    }

    fn escaped(&self, i: usize) -> bool {
        matches!(self.chars.get(i), Some((_, Origin::Escaped)))
    }

    fn plain_quote(&self, i: usize) -> bool {
        i < self.len && self.chars[i].1 == Origin::Plain && is_quote(self.chars[i].0)
    }

    /// kramdown's `SMART_QUOTES_RE` (`[^\\]?["']`) matches at `i`.
    fn quote_starts(&self, i: usize) -> bool {
        let (c, origin) = self.chars[i];
        // Characters that open another kramdown span parser are consumed by it, so they never
        // serve as the quote's left context.
        self.plain_quote(i)
            || (self.plain_quote(i + 1) && origin == Origin::Plain && !"\\*_`[".contains(c))
    }

    /// `("|')(?=#{SQ_PUNCT}(?!\.\.)\B)`
    fn punct_close(&self, k: usize) -> bool {
        let Some(p) = self.seen(k + 1) else {
            return false;
        };
        if !p.is_ascii_punctuation() {
            return false;
        }
        // The two source characters after `p`: after an escape's backslash, the escaped
        // character comes first.
        let (a, b) = if self.escaped(k + 1) {
            (self.at(k + 1), self.seen(k + 2))
        } else {
            (self.seen(k + 2), self.seen(k + 3))
        };
        if a == Some('.') && b == Some('.') {
            return false;
        }
        is_word(p) == a.is_some_and(is_word)
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
                    .all(|(d, c)| self.chars[i + d] == (char::from(c), Origin::Plain));
            fits.then_some((*out, n))
        })
    }
}

fn is_quote(c: char) -> bool {
    c == '"' || c == '\''
}

/// Ruby's `\w` (ASCII only).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use crate::converter::markdown::{convert, options::Options};

    /// After a quote, an escaped character is seen as its backslash. Expectations are Jekyll
    /// 4.3's output (checked with `make_oracle.rb`).
    #[test]
    fn escaped_characters_after_a_quote() {
        let cases = [
            (
                "\"\\[foo]\" \"\\[foo]\" d \"\\[foo]\"\n",
                "<p>\u{201D}[foo]\u{201D} \u{201C}[foo]\u{201D} d \u{201C}[foo]\u{201D}</p>\n",
            ),
            ("\"\\_foo\" x\n", "<p>\u{201C}_foo\u{201D} x</p>\n"),
            ("'\\\"x' y\n", "<p>\u{2019}\"x\u{2019} y</p>\n"),
            ("\"\\..x\" y\n", "<p>\u{201C}..x\u{201D} y</p>\n"),
            (" \"\\_x\" y\n", "<p>\u{201C}_x\u{201D} y</p>\n"),
            ("a's\\_ b\n", "<p>a\u{2019}s_ b</p>\n"),
            ("\"\\*foo*\"\n", "<p>\u{201D}*foo*\u{201D}</p>\n"),
            ("x \"\\(a)\"\n", "<p>x \u{201C}(a)\u{201D}</p>\n"),
        ];
        let opts = Options::default();
        for (src, want) in cases {
            assert_eq!(convert(src, &opts), want, "{src:?}");
        }
    }
}
