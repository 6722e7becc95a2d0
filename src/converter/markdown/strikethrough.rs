//! kramdown-parser-gfm's strikethrough (`parse_strikethrough_gfm` in
//! `kramdown/parser/gfm.rb`), run over the span elements pulldown-cmark produced, before
//! emphasis. kramdown matches `~~`, then no space or `~`, then as little as possible up to a
//! character that is neither, then `~~`; the text between is parsed on its own, so a
//! strikethrough nests in another and emphasis never crosses its ends. Where no match
//! starts at a `~~`, its first `~` is text and the search goes on from the second. Code,
//! links, HTML and escaped characters are single characters here, as their own span
//! parsers make them. pulldown-cmark's own strikethrough is off: it reads `~~~a~~~` and
//! nesting differently.

use super::borrowed::slice_of;
use super::tree::{Document, Inline, Next, Text, walk_text};

/// Resolves the strikethrough of every run of span elements of `doc`.
pub(crate) fn apply(doc: &mut Document) {
    walk_text(doc, &mut |place| {
        if let Text::Inlines(inlines) = place {
            resolve(inlines);
        }
    });
}

/// What a character of a run is to the match.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    Tilde,
    Space,
    Other,
}

/// A place in a run: item `item`, and within a text item, byte `byte`. A span element
/// other than text is one character, at byte 0.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct At {
    item: usize,
    byte: usize,
}

fn resolve(inlines: &mut Vec<Inline>) {
    for inline in inlines.iter_mut() {
        if let Inline::Link { children, .. } = inline {
            resolve(children);
        }
    }
    if !inlines
        .iter()
        .any(|i| matches!(i, Inline::Text { text, .. } if text.contains("~~")))
    {
        return;
    }
    let chars = characters(inlines);
    let found = matches(&chars);
    if found.is_empty() {
        return;
    }
    let mut items = std::mem::take(inlines);
    let end = At {
        item: items.len(),
        byte: 0,
    };
    let mut from = At { item: 0, byte: 0 };
    for (open, close) in found {
        let (open, close) = (chars[open].0, chars[close].0);
        inlines.extend(cut(&mut items, from, open, false));
        let content_start = At {
            byte: open.byte + 2,
            ..open
        };
        let mut children = cut(&mut items, content_start, close, true);
        resolve(&mut children);
        inlines.push(Inline::Del(children));
        from = At {
            byte: close.byte + 2,
            ..close
        };
    }
    inlines.extend(cut(&mut items, from, end, false));
}

/// The characters of a run with their places (escaped ones are `Other`).
fn characters(inlines: &[Inline]) -> Vec<(At, Class)> {
    let mut chars = Vec::new();
    for (item, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text { text, literal, .. } => {
                for (n, (byte, c)) in text.char_indices().enumerate() {
                    let class = match c {
                        _ if n < *literal => Class::Other,
                        '~' => Class::Tilde,
                        c if c.is_ascii_whitespace() => Class::Space,
                        _ => Class::Other,
                    };
                    chars.push((At { item, byte }, class));
                }
            }
            Inline::Soft | Inline::Br => chars.push((At { item, byte: 0 }, Class::Space)),
            _ => chars.push((At { item, byte: 0 }, Class::Other)),
        }
    }
    chars
}

/// The strikethroughs of a run, left to right: the indexes in `chars` of their opening and
/// closing `~~`.
fn matches(chars: &[(At, Class)]) -> Vec<(usize, usize)> {
    let is = |i: usize, class: Class| chars.get(i).is_some_and(|c| c.1 == class);
    // Both tildes of a delimiter lie in one text item (as in the source).
    let delim = |i: usize| {
        is(i, Class::Tilde) && is(i + 1, Class::Tilde) && chars[i].0.item == chars[i + 1].0.item
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !delim(i) || is(i + 2, Class::Tilde) || is(i + 2, Class::Space) || i + 2 >= chars.len() {
            i += 1;
            continue;
        }
        let close = (i + 3..chars.len()).find(|&j| delim(j) && is(j - 1, Class::Other));
        match close {
            Some(j) => {
                found.push((i, j));
                i = j + 2;
            }
            None => i += 1,
        }
    }
    found
}

/// The span elements of `items` from `from` to `to` (exclusive), moved out; texts cut at
/// either end are pieces. `last`: the pieces end where a strikethrough's text does, so the
/// last has nothing after it to look ahead to.
fn cut<'s>(items: &mut [Inline<'s>], from: At, to: At, last: bool) -> Vec<Inline<'s>> {
    let mut out = Vec::new();
    let end_item = if to.byte == 0 { to.item } else { to.item + 1 };
    for item in from.item..end_item.min(items.len()) {
        let start = if item == from.item { from.byte } else { 0 };
        let inline = &mut items[item];
        let Inline::Text {
            text,
            literal,
            next,
        } = inline
        else {
            if start == 0 {
                out.push(std::mem::replace(inline, Inline::Soft));
            }
            continue;
        };
        let end = if item == to.item { to.byte } else { text.len() };
        if start >= end {
            continue;
        }
        let next = match end < text.len() {
            _ if last && item == to.item => Next::default(),
            true => Next::of(&text[end..]),
            false => *next,
        };
        out.push(Inline::Text {
            text: slice_of(text, start..end),
            literal: if start == 0 { *literal } else { 0 },
            next,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Options, RougeNames, convert_with};

    /// Cases checked with Jekyll's converter (shared/tools/oracle).
    #[test]
    fn strikethrough_as_kramdown_parser_gfm() {
        let cases = [
            ("~~a~~\n", "<p><del>a</del></p>\n"),
            ("~~~a~~~\n", "<p>~<del>a</del>~</p>\n"),
            ("~~ a ~~\n", "<p>~~ a ~~</p>\n"),
            ("~~a ~~\n", "<p>~~a ~~</p>\n"),
            ("x ~~a ~~b~~ c~~ y\n", "<p>x <del>a ~~b</del> c~~ y</p>\n"),
            ("~~a *b~~ c*\n", "<p><del>a *b</del> c*</p>\n"),
            ("*a ~~b* c~~\n", "<p>*a <del>b* c</del></p>\n"),
            ("~~*a*~~\n", "<p><del><em>a</em></del></p>\n"),
            ("[~~a~~](/u)\n", "<p><a href=\"/u\"><del>a</del></a></p>\n"),
            (
                "~~`c`~~\n",
                "<p><del><code class=\"language-plaintext highlighter-rouge\">c</code></del></p>\n",
            ),
            ("~~a~\n", "<p>~~a~</p>\n"),
            ("~a~\n", "<p>~a~</p>\n"),
            ("~~\"q\"~~\n", "<p><del>“q”</del></p>\n"),
            ("\\~~a~~\n", "<p>~~a~~</p>\n"),
            ("~~a\nb~~\n", "<p><del>a\nb</del></p>\n"),
            ("~~a~~b~~\n", "<p><del>a</del>b~~</p>\n"),
        ];
        for (src, want) in cases {
            let got = convert_with(src, &Options::default(), &RougeNames);
            assert_eq!(got, want, "{src:?}");
        }
    }
}
