//! Rouge's HTML formatter (`rouge/formatters/html.rb`) and the token merging of
//! `Rouge::Lexer#continue_lex`: consecutive tokens of one type become one token, each
//! token is `<span class="CLS">text</span>` with only `&`, `<` and `>` escaped, and
//! `Text` tokens (class `""`) are written bare.

use std::ops::Range;

/// One token: a CSS class (`""` for Rouge's `Text`) over a byte range of the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub class: &'static str,
    pub range: Range<usize>,
}

/// The tokens as (class, text) pairs, as the lexers' tests compare them.
#[cfg(test)]
pub(crate) fn classes<'a>(tokens: &[Token], code: &'a str) -> Vec<(&'static str, &'a str)> {
    tokens
        .iter()
        .map(|t| (t.class, &code[t.range.clone()]))
        .collect()
}

/// Appends a token, merging it into the previous one when the classes agree (the
/// ranges must be contiguous and in order).
pub(crate) fn push(tokens: &mut Vec<Token>, class: &'static str, range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    if let Some(last) = tokens.last_mut()
        && last.class == class
        && last.range.end == range.start
    {
        last.range.end = range.end;
        return;
    }
    tokens.push(Token { class, range });
}

/// The HTML of `tokens` over `code`, as `Rouge::Formatters::HTML#stream` writes it.
pub(crate) fn html(code: &str, tokens: &[Token]) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    for token in tokens {
        let text = &code[token.range.clone()];
        if token.class.is_empty() {
            escape_into(&mut out, text);
        } else {
            out.push_str("<span class=\"");
            out.push_str(token.class);
            out.push_str("\">");
            escape_into(&mut out, text);
            out.push_str("</span>");
        }
    }
    out
}

/// `escape_special_html_chars`: Rouge leaves quotes alone.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_escapes() {
        let code = "a<b && c";
        let mut tokens = Vec::new();
        push(&mut tokens, "n", 0..1);
        push(&mut tokens, "o", 1..2);
        push(&mut tokens, "n", 2..3);
        push(&mut tokens, "", 3..4);
        push(&mut tokens, "o", 4..5);
        push(&mut tokens, "o", 5..6);
        push(&mut tokens, "", 6..7);
        push(&mut tokens, "n", 7..8);
        let cases = [(
            html(code, &tokens),
            "<span class=\"n\">a</span><span class=\"o\">&lt;</span><span class=\"n\">b</span> \
             <span class=\"o\">&amp;&amp;</span> <span class=\"n\">c</span>",
        )];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
        assert_eq!(tokens.len(), 7);
    }
}
