//! The rewrite of a text run that may change: kramdown's smart quote rules (`SQ_RULES` in
//! `kramdown/parser/kramdown/smart_quotes.rb`) and typographic symbols
//! (`TYPOGRAPHIC_SYMS` in `typographic_symbol.rb`), character by character.

use super::typography::Typographer;

const LSQUO: usize = 0;
const RSQUO: usize = 1;
const LDQUO: usize = 2;
const RDQUO: usize = 3;

impl Typographer<'_> {
    /// Rewrites one text run (the look-ahead is appended to `chars`, which the caller clears).
    pub(super) fn run(&self, chars: &mut Vec<(char, bool)>, next: &str) -> String {
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
