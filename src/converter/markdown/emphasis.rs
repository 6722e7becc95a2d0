//! kramdown's emphasis parser (`kramdown/parser/kramdown/emphasis.rb` within `parse_spans`),
//! run over the span elements pulldown-cmark produced. The builder leaves every `*`/`_`
//! delimiter as text; here they are matched left to right as kramdown does: a delimiter
//! opens unless followed by whitespace (or, for `_`, preceded by a word), the first fitting
//! closer ends the element, no emphasis nests in one of its kind, and a `**` that finds no
//! closer is tried again as `*` emphasis starting with a literal `*`. Code, links, HTML and
//! escaped characters are single tokens, as their own span parsers make them.
//!
//! Most runs pair their delimiters item by item (`emphasis_pairs`); the others go to the
//! general parser (`emphasis_general`).

use super::emphasis_general::{Parser, general};
use super::emphasis_pairs::{self, Run};
use super::tree::{Document, Inline, Text, walk_text};

/// Resolves the emphasis of every run of span elements of the document.
pub(crate) fn apply(doc: &mut Document) {
    // One list of pairs, one parser's buffers and one stack (empty between runs) serve every
    // run of the document; most runs need none but the list of pairs.
    let mut found = Vec::new();
    let mut parser = Parser::default();
    let mut stack = Vec::with_capacity(4);
    walk_text(doc, &mut |place| {
        if let Text::Inlines(inlines) = place {
            resolve_with(inlines, &mut stack, &mut found, Some(&mut parser));
        }
    });
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Elem {
    Em,
    Strong,
}

/// Resolves a run inside an element (a link's text): with a parser of its own only if the
/// run needs the general one.
pub(super) fn resolve(inlines: &mut Vec<Inline>, stack: &mut Vec<Elem>) {
    resolve_with(inlines, stack, &mut Vec::new(), None);
}

fn resolve_with<'s>(
    inlines: &mut Vec<Inline<'s>>,
    stack: &mut Vec<Elem>,
    found: &mut Vec<(usize, usize, Elem)>,
    parser: Option<&mut Parser<'s>>,
) {
    found.clear();
    match emphasis_pairs::pairs(inlines, stack, found) {
        _ if general_only() => general_with(inlines, stack, parser),
        Run::Plain { nests: false } => {}
        Run::Plain { nests: true } => inlines.iter_mut().for_each(|inline| nested(inline, stack)),
        Run::Pairs { nests } => emphasis_pairs::make(inlines, found, stack, nests),
        Run::General => general_with(inlines, stack, parser),
    }
}

fn general_with<'s>(
    inlines: &mut Vec<Inline<'s>>,
    stack: &mut Vec<Elem>,
    parser: Option<&mut Parser<'s>>,
) {
    match parser {
        Some(p) => general(inlines, stack, p),
        None => general(inlines, stack, &mut Parser::default()),
    }
}

/// Emphasis inside links and strikethrough is parsed with the enclosing elements known.
/// Inlined: it is called on every item of a run that has such an element, and most items
/// are none.
#[inline]
pub(super) fn nested(inline: &mut Inline, stack: &mut Vec<Elem>) {
    if matches!(
        inline,
        Inline::Link { .. } | Inline::Del(_) | Inline::Attributed(..)
    ) {
        resolve_inside(inline, stack);
    }
}

fn resolve_inside(inline: &mut Inline, stack: &mut Vec<Elem>) {
    match inline {
        Inline::Link { children, .. } | Inline::Del(children) => resolve(children, stack),
        Inline::Attributed(inner, _) => nested(inner, stack),
        _ => {}
    }
}

#[cfg(not(test))]
fn general_only() -> bool {
    false
}

#[cfg(test)]
thread_local! {
    /// Set by the test that compares `emphasis_pairs` with the general parser.
    pub(super) static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn general_only() -> bool {
    GENERAL_ONLY.with(std::cell::Cell::get)
}

/// Ruby's `\s`: ASCII whitespace only (a no-break space is no space to kramdown).
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// How an element's source starts, for the look-ahead after a delimiter.
pub(super) fn first_char(inline: &Inline) -> char {
    match inline {
        Inline::Text { text, .. } | Inline::Str(text) => text.chars().next().unwrap_or(' '),
        Inline::Soft | Inline::Br => '\n',
        Inline::Code(_) => '`',
        Inline::Link { auto: true, .. } | Inline::Html(_) => '<',
        Inline::Link { .. } | Inline::FootnoteRef(_) => '[',
        Inline::Image(_) => '!',
        Inline::Math(_) => '$',
        Inline::Em(_) | Inline::Strong(_) => '*',
        Inline::Del(_) => '~',
        Inline::Task(_) => '[',
        Inline::Attributed(inner, _) => first_char(inner),
    }
}

/// How an element's source ends, for the look-behind before a delimiter.
pub(super) fn last_char(inline: &Inline) -> char {
    match inline {
        Inline::Text { text, .. } | Inline::Str(text) => text.chars().last().unwrap_or(' '),
        Inline::Soft | Inline::Br => '\n',
        Inline::Code(_) => '`',
        Inline::Link { auto: true, .. } | Inline::Html(_) => '>',
        Inline::Link { .. } | Inline::Image(_) => ')',
        Inline::FootnoteRef(_) | Inline::Task(_) => ']',
        Inline::Math(_) => '$',
        Inline::Em(_) | Inline::Strong(_) => '*',
        Inline::Del(_) => '~',
        Inline::Attributed(..) => '}',
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree::Next;
    use super::*;

    fn text(s: &str) -> Inline<'static> {
        Inline::Text {
            text: s.to_string().into(),
            literal: 0,
            next: Next::default(),
        }
    }

    fn render(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for i in inlines {
            match i {
                Inline::Text { text, .. } => out.push_str(text),
                Inline::Em(c) => out.push_str(&format!("<em>{}</em>", render(c))),
                Inline::Strong(c) => out.push_str(&format!("<strong>{}</strong>", render(c))),
                _ => out.push('?'),
            }
        }
        out
    }

    #[test]
    fn kramdown_emphasis() {
        let cases = [
            ("*foo*", "<em>foo</em>"),
            ("**foo*", "<em>*foo</em>"),
            ("*foo**", "*foo**"),
            ("***foo**", "<strong>*foo</strong>"),
            ("*_foo_*", "<em>_foo_</em>"),
            (
                "__foo, __bar__, baz__",
                "<strong>foo, __bar</strong>, baz__",
            ),
            ("foo_bar_", "foo_bar_"),
            ("* a *", "* a *"),
            ("****foo****", "<strong>**foo</strong>**"),
            ("_____foo_____", "<strong>__<em>foo</em></strong>__"),
        ];
        for (src, want) in cases {
            let mut inlines = vec![text(src)];
            resolve(&mut inlines, &mut Vec::new());
            assert_eq!(render(&inlines), want, "{src}");
        }
    }
}
