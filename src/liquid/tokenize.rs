//! Splits a template into text, `{% tag %}` and `{{ output }}` tokens with
//! their start lines. Mirrors Liquid 4.0.4's Tokenizer (lib/liquid/tokenizer.rb)
//! and its `TemplateParser` regex, and the Ruby regex character classes that
//! the lax parsers share (lib/liquid.rb).

use regex::Regex;
use std::sync::LazyLock;

/// Ruby's `\w` (ASCII only, as Onigmo's default).
pub const W: &str = "[0-9A-Za-z_]";
/// Ruby's `\s`.
pub const S: &str = r"[ \t\r\n\x0B\x0C]";
/// Liquid's `QuotedFragment`.
pub const QUOTED_FRAGMENT: &str = r#""[^"]*"|'[^']*'|(?:[^ \t\r\n\x0B\x0C,|'"]|"[^"]*"|'[^']*')+"#;

pub fn re(pattern: &str) -> Regex {
    // Patterns are constants of this module tree; a failure is a programming error.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex {pattern}: {e}"))
}

static TEMPLATE_PARSER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?s)\{%.*?%\}|\{\{.*?\}\}?|\{%|\{\{"));

/// One token of the template source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Line (1-based, template-relative) where the token starts.
    pub line: usize,
}

impl Token<'_> {
    pub fn is_tag(&self) -> bool {
        self.text.starts_with("{%")
    }

    pub fn is_output(&self) -> bool {
        self.text.starts_with("{{")
    }
}

/// Splits `source` the way `String#split(TemplateParser)` does, dropping
/// empty pieces (Liquid skips them).
pub fn tokenize(source: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut last = 0;
    for m in TEMPLATE_PARSER.find_iter(source) {
        if m.start() > last {
            let text = &source[last..m.start()];
            tokens.push(Token { text, line });
            line += count_newlines(text);
        }
        tokens.push(Token {
            text: m.as_str(),
            line,
        });
        line += count_newlines(m.as_str());
        last = m.end();
    }
    if last < source.len() {
        tokens.push(Token {
            text: &source[last..],
            line,
        });
    }
    tokens
}

fn count_newlines(s: &str) -> usize {
    s.bytes().filter(|b| *b == b'\n').count()
}

/// Ruby's whitespace for `strip`/`lstrip`/`rstrip` (includes NUL).
pub fn is_ruby_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\0')
}

/// The words of `text.split` (Ruby's awk-mode split on whitespace), by
/// bytes: Ruby's whitespace is all ASCII.
pub fn ruby_words(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let space = |c: u8| c.is_ascii() && is_ruby_space(char::from(c));
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        let start = i;
        while i < b.len() && !space(b[i]) {
            i += 1;
        }
        (i > start).then(|| &text[start..i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_liquid() {
        let cases: &[(&str, &[(&str, usize)])] = &[
            ("a{{ b }}c", &[("a", 1), ("{{ b }}", 1), ("c", 1)]),
            (
                "x\n{% if a\n %}\ny",
                &[("x\n", 1), ("{% if a\n %}", 2), ("\ny", 3)],
            ),
            ("{{ a } b }}", &[("{{ a }", 1), (" b }}", 1)]),
            ("{% x", &[("{%", 1), (" x", 1)]),
            ("{{a}}{{b}}", &[("{{a}}", 1), ("{{b}}", 1)]),
        ];
        for (src, want) in cases {
            let got: Vec<(&str, usize)> = tokenize(src).iter().map(|t| (t.text, t.line)).collect();
            assert_eq!(&got, want, "{src:?}");
        }
    }

    #[test]
    fn words_split_on_whitespace_runs() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("  ", &[]),
            (" a  b\t\nc ", &["a", "b", "c"]),
            ("é x\u{b}ü", &["é", "x", "ü"]),
            ("a\u{a0}b", &["a\u{a0}b"]),
        ];
        for (text, want) in cases {
            assert_eq!(ruby_words(text).collect::<Vec<_>>(), *want, "{text:?}");
        }
    }
}
