//! Classes for code that syntect leaves without a meaningful scope. Rouge's regex
//! lexers give every identifier, number, operator and punctuation mark a token
//! (`Name`, `Literal.Number`, `Operator`, `Punctuation`), while Sublime grammars often
//! leave plain identifiers unscoped; this splits such text the way Rouge would.

use std::ops::Range;

use super::dialects::{Bare, Dialect};
use super::format::{Token, push};

/// Splits the bare code `code[range]` into tokens for `dialect`.
pub(crate) fn split(code: &str, range: Range<usize>, dialect: &Dialect, out: &mut Vec<Token>) {
    let (name, method) = match dialect.bare {
        Bare::Text => return push_spaced(code, range, "", dialect.space, out),
        Bare::Shell => return split_shell(code, range, dialect, out),
        Bare::Code { name, method } => (name, method),
    };
    let text = &code[range.clone()];
    let mut pos = 0;
    while let Some(c) = text[pos..].chars().next() {
        let len = word_len(&text[pos..], c);
        let start = range.start + pos;
        let word = &text[pos..pos + len];
        let class = if c.is_whitespace() {
            dialect.space
        } else if c.is_ascii_digit() {
            number_class(word)
        } else if is_ident_start(c) && method != name && preceded_by_dot(code, start) {
            method
        } else if is_ident_start(c) {
            dialect.word_class(word).unwrap_or(name)
        } else {
            dialect.word_class(word).unwrap_or_else(|| symbol_class(c))
        };
        push(out, class, start..start + len);
        pos += len;
    }
}

/// The class of a scoped token after Rouge's word rules: a name right after a `.` is
/// a method call where the dialect tells them apart, and listed words take their
/// listed class. Definitions, variables and literals keep the grammar's class.
pub(crate) fn refine_word(
    code: &str,
    range: Range<usize>,
    class: &'static str,
    dialect: &Dialect,
) -> &'static str {
    const WORDLIKE: &[&str] = &[
        "", "n", "nx", "nb", "k", "kt", "kd", "kr", "kc", "kp", "o", "p", "ow", "bp",
    ];
    if !WORDLIKE.contains(&class) {
        return class;
    }
    let raw = &code[range.clone()];
    let text = raw.trim();
    let start = range.start + (raw.len() - raw.trim_start().len());
    match dialect.bare {
        Bare::Code { name, method }
            if method != name
                && text.starts_with(is_ident_start)
                && preceded_by_dot(code, start) =>
        {
            method
        }
        _ => dialect.word_class(text).unwrap_or(class),
    }
}

/// Shell words: listed words (builtins, keywords), `-x`/`--opt` flags (`nt`), and
/// `Text` for the rest.
fn split_shell(code: &str, range: Range<usize>, dialect: &Dialect, out: &mut Vec<Token>) {
    let text = &code[range.clone()];
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let space = rest.len() - rest.trim_start().len();
        let start = range.start + pos;
        push(out, dialect.space, start..start + space);
        let word_len = rest[space..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - space);
        let word = &rest[space..space + word_len];
        let flag = flag_len(word);
        let word_start = start + space;
        let redirect = word.len() - word.trim_start_matches('>').len();
        let word_starts = word_start == 0 || code[..word_start].ends_with(char::is_whitespace);
        if let Some(class) = dialect.word_class(word) {
            push(out, class, word_start..word_start + word_len);
        } else if redirect > 0 && word_starts {
            push(out, "o", word_start..word_start + redirect);
            push(out, "", word_start + redirect..word_start + word_len);
        } else {
            push(out, "nt", word_start..word_start + flag);
            push(out, "", word_start + flag..word_start + word_len);
        }
        pos += space + word_len;
    }
}

/// The length of a leading `--?[\w-]+` flag, 0 if the word is none.
fn flag_len(word: &str) -> usize {
    let dashes = word.len() - word.trim_start_matches('-').len();
    if !(1..=2).contains(&dashes) {
        return 0;
    }
    let body = word[dashes..]
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(word.len() - dashes);
    if body == 0 { 0 } else { dashes + body }
}

/// Pushes `code[range]` as `class`, with its leading and trailing whitespace as `space`.
pub(crate) fn push_spaced(
    code: &str,
    range: Range<usize>,
    class: &'static str,
    space: &'static str,
    out: &mut Vec<Token>,
) {
    let text = &code[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    let end = range.start + text.trim_end().len();
    if start >= end {
        push(out, space, range);
        return;
    }
    push(out, space, range.start..start);
    push(out, class, start..end);
    push(out, space, end..range.end);
}

/// The byte length of the word, number, space run or symbol starting with `c`.
fn word_len(text: &str, c: char) -> usize {
    let end = if c.is_whitespace() {
        text.find(|x: char| !x.is_whitespace())
    } else if c.is_ascii_digit() {
        text.find(|x: char| !(x.is_ascii_alphanumeric() || x == '_' || x == '.'))
    } else if is_ident_start(c) {
        text.find(|x: char| !(x.is_alphanumeric() || x == '_' || x == '$'))
    } else if is_operator(c) {
        text.find(|x: char| !is_operator(x))
    } else {
        Some(c.len_utf8())
    };
    end.unwrap_or(text.len())
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}

fn is_operator(c: char) -> bool {
    "=+-*/%<>!&|^~?:".contains(c)
}

fn preceded_by_dot(code: &str, start: usize) -> bool {
    code[..start].ends_with('.') && !code[..start].ends_with("..")
}

/// Rouge's number classes by the literal's shape.
pub(crate) fn number_class(text: &str) -> &'static str {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("0x") {
        "mh"
    } else if lower.starts_with("0b") {
        "mb"
    } else if lower.contains('.') || (lower.contains('e') && !lower.contains('x')) {
        "mf"
    } else {
        "mi"
    }
}

fn symbol_class(c: char) -> &'static str {
    if is_operator(c) {
        "o"
    } else if "()[]{},;.".contains(c) {
        "p"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::highlight::dialects::PLAIN;

    #[test]
    fn splits_bare_code() {
        let cases = [
            (
                "x = 0x1f;",
                vec![
                    ("n", "x"),
                    ("", " "),
                    ("o", "="),
                    ("", " "),
                    ("mh", "0x1f"),
                    ("p", ";"),
                ],
            ),
            ("a.b", vec![("n", "a"), ("p", "."), ("n", "b")]),
            ("  ", vec![("", "  ")]),
        ];
        for (code, want) in cases {
            let mut out = Vec::new();
            split(code, 0..code.len(), &PLAIN, &mut out);
            let got = crate::converter::highlight::format::classes(&out, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
