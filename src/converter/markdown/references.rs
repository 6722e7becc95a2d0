//! kramdown's reference links allow white space, line breaks too, between the link text and
//! the reference (`[text] [ref]`, `kramdown/parser/kramdown/link.rb`: `LINK_INLINE_ID_RE`,
//! `\s*?\[`), where CommonMark sees two shortcut references; an empty reference (`[text] []`)
//! is the text's own. Pairs are merged here: the first bracket gives the text, the second the
//! target. Before that, adjacent text items are joined, which every document needs
//! (pulldown-cmark splits text at brackets and other syntax it declines).

use super::emphasis::is_space;
use super::tree::{Block, DefPart, Inline, Next};

/// Joins the adjacent text items of every paragraph, header and table cell (`merge_texts`),
/// which every document needs, pairs or not.
pub(crate) fn join_texts(blocks: &mut [Block]) {
    each_list(blocks, &mut merge_texts);
}

/// Merges `[text] [ref]` pairs in every paragraph, header and table cell, once their texts
/// are joined (`join_texts`). A separate pass, as most documents have no pair.
pub(crate) fn pair_blocks(blocks: &mut [Block]) {
    each_list(blocks, &mut pair);
}

/// Calls `f` on the inline list of every paragraph, header, table cell and definition term.
fn each_list(blocks: &mut [Block], f: &mut impl FnMut(&mut Vec<Inline>)) {
    for block in blocks {
        match block {
            Block::Para(p) => f(&mut p.inlines),
            Block::Heading { inlines, .. } => f(inlines),
            Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => each_list(blocks, f),
            Block::List { items, .. } => items.iter_mut().for_each(|i| each_list(&mut i.blocks, f)),
            Block::Table { sections, .. } => sections
                .iter_mut()
                .flat_map(|s| s.rows.iter_mut().flatten())
                .for_each(&mut *f),
            Block::DefList(parts, _) => {
                for part in parts {
                    match part {
                        DefPart::Term(inlines, _) => f(inlines),
                        DefPart::Definition(item) => each_list(&mut item.blocks, f),
                    }
                }
            }
            _ => {}
        }
    }
}

fn pair(inlines: &mut Vec<Inline>) {
    let mut i = 0;
    while i + 1 < inlines.len() {
        let merged = merge_links(inlines, i)
            .or_else(|| merge_text(inlines, i))
            .or_else(|| drop_empty_reference(inlines, i))
            .or_else(|| unlink_before_undefined(inlines, i));
        if let Some(consumed) = merged {
            i += consumed;
        } else {
            i += 1;
        }
    }
}

/// Joins adjacent text items (pulldown-cmark splits text at brackets) unless the second
/// starts with literal characters or the first is literal throughout.
fn merge_texts(inlines: &mut Vec<Inline>) {
    // In place: `dedup_by` hands each item with the last one kept, and drops it when joined.
    inlines.dedup_by(|inline, kept| {
        if let (
            Inline::Text {
                text,
                next,
                literal,
            },
            Inline::Text {
                text: more,
                literal: 0,
                next: more_next,
            },
        ) = (kept, inline)
            && has_chars(text, *literal)
        {
            text.to_mut().push_str(more);
            *next = *more_next;
            return true;
        }
        false
    });
}

/// Whether `text` has at least `n` characters, looking at no more than `n` of them (the
/// joined text grows with each item, and counting all of it each time is quadratic).
fn has_chars(text: &str, n: usize) -> bool {
    n == 0 || (text.len() >= n && text.chars().nth(n - 1).is_some())
}

fn is_shortcut(inline: &Inline) -> bool {
    matches!(inline, Inline::Link { shortcut: true, .. })
}

/// Whether `inline` is white space in the source: a line break or a text of spaces.
fn is_white(inline: &Inline) -> bool {
    match inline {
        Inline::Soft => true,
        Inline::Text {
            text, literal: 0, ..
        } => !text.is_empty() && text.chars().all(is_space),
        _ => false,
    }
}

/// Where the white space items from `from` on end.
fn after_white(inlines: &[Inline], from: usize) -> usize {
    from + inlines[from.min(inlines.len())..]
        .iter()
        .take_while(|i| is_white(i))
        .count()
}

/// `[a] [b]` with both defined: a link to `b`'s target with `a`'s text.
fn merge_links(inlines: &mut Vec<Inline>, i: usize) -> Option<usize> {
    let end = after_white(inlines, i + 1);
    if !(end > i + 1 && is_shortcut(&inlines[i]) && is_shortcut(inlines.get(end)?)) {
        return None;
    }
    let target = inlines.remove(end);
    inlines.drain(i + 1..end);
    retarget(&mut inlines[i], target);
    Some(1)
}

/// The reference text after the shortcut link at `i`: where the text item holding it is,
/// and that text from its `[` on, when white space separates the two.
fn reference_text<'t>(inlines: &'t [Inline], i: usize) -> Option<(usize, &'t str)> {
    if !is_shortcut(&inlines[i]) {
        return None;
    }
    let end = after_white(inlines, i + 1);
    let Inline::Text {
        text, literal: 0, ..
    } = inlines.get(end)?
    else {
        return None;
    };
    let rest = text.trim_start_matches(is_space);
    let gap = end > i + 1 || rest.len() < text.len();
    (gap && rest.starts_with('[')).then_some((end, rest))
}

/// `[a] []` with `a` defined: the empty reference is `a`'s own, and goes.
fn drop_empty_reference(inlines: &mut Vec<Inline>, i: usize) -> Option<usize> {
    let (end, rest) = reference_text(inlines, i)?;
    let after = rest.strip_prefix("[]")?.len();
    let Inline::Text { text, .. } = &mut inlines[end] else {
        return None;
    };
    super::borrowed::keep(text, text.len() - after..text.len());
    if text.is_empty() {
        inlines.remove(end);
    }
    inlines.drain(i + 1..end);
    Some(1)
}

/// `[a] [b]` where only `a` is defined: `b` is the reference kramdown looks up, finds
/// nothing, and `[a]` is text (its content stays parsed).
fn unlink_before_undefined(inlines: &mut Vec<Inline>, i: usize) -> Option<usize> {
    let (_, rest) = reference_text(inlines, i)?;
    let label = rest[1..].split(']').next()?;
    if label.trim().is_empty() || !rest[1..].contains(']') {
        return None;
    }
    let Inline::Link { children, .. } = inlines.remove(i) else {
        return None;
    };
    let bracket = |b: &'static str| Inline::Text {
        text: b.into(),
        literal: 0,
        next: Next::default(),
    };
    let n = children.len();
    inlines.splice(
        i..i,
        std::iter::once(bracket("["))
            .chain(children)
            .chain([bracket("]")]),
    );
    Some(n + 2)
}

/// `[a] [b]` where only `b` is defined: the text `[a] ` before the link becomes its text.
fn merge_text(inlines: &mut Vec<Inline>, i: usize) -> Option<usize> {
    let link_at = after_white(inlines, i + 1);
    if !is_shortcut(inlines.get(link_at)?) {
        return None;
    }
    let Inline::Text {
        text,
        literal: 0,
        next,
    } = &inlines[i]
    else {
        return None;
    };
    let body = text.trim_end_matches(is_space);
    if link_at == i + 1 && body.len() == text.len() {
        return None;
    }
    let label_start = body.strip_suffix(']')?.rfind('[')?;
    let label = &body[label_start + 1..body.len() - 1];
    if label.is_empty() || label.contains(']') {
        return None;
    }
    let before = body[..label_start].to_string();
    let label = Inline::Text {
        text: label.to_string().into(),
        literal: 0,
        next: *next,
    };
    let target = inlines.remove(link_at);
    inlines.drain(i + 1..link_at);
    let mut link = target.clone();
    if let Inline::Link { children, .. } = &mut link {
        *children = vec![label];
    }
    inlines[i] = Inline::Text {
        text: before.into(),
        literal: 0,
        next: Next::default(),
    };
    inlines.insert(i + 1, link);
    Some(2)
}

/// Gives `link` the target of `other`.
fn retarget(link: &mut Inline, other: Inline) {
    if let (Inline::Link { target, .. }, Inline::Link { target: other, .. }) = (link, other) {
        target.url = other.url;
        target.title = other.title;
    }
}

#[cfg(test)]
mod tests {
    use super::has_chars;
    use crate::converter::markdown::{Options, convert};

    /// Every expectation is Jekyll 4.3's output (shared/tools/oracle/make_oracle.rb).
    #[test]
    fn reference_after_white_space() {
        let defs = "\n\n[foo]: /f\n[bar]: /b\n[*a*]: /u\n";
        let cases = [
            ("[foo]   [bar]", "<a href=\"/b\">foo</a>"),
            ("[foo]\n[bar]", "<a href=\"/b\">foo</a>"),
            ("[x]\n  [foo] y", "<a href=\"/f\">x</a> y"),
            ("[x]   [foo]", "<a href=\"/f\">x</a>"),
            ("[foo]  []", "<a href=\"/f\">foo</a>"),
            ("[foo]\t[]z", "<a href=\"/f\">foo</a>z"),
            ("[foo]\n[]", "<a href=\"/f\">foo</a>"),
            ("[foo] [nodef]", "[foo] [nodef]"),
            ("[*a*] [nodef] x", "[<em>a</em>] [nodef] x"),
            ("[nodef] [foo] x", "<a href=\"/f\">nodef</a> x"),
            ("[foo] x []", "<a href=\"/f\">foo</a> x []"),
        ];
        for (src, want) in cases {
            let got = convert(&format!("{src}{defs}"), &Options::default());
            assert_eq!(got, format!("<p>{want}</p>\n\n"), "{src:?}");
        }
    }

    #[test]
    fn counts_characters_up_to_n() {
        let cases = [
            ("", 0, true),
            ("", 1, false),
            ("a", 1, true),
            ("a", 2, false),
            ("\u{e9}", 2, false),
            ("\u{e9}x", 2, true),
            ("abc", usize::MAX, false),
        ];
        for (text, n, want) in cases {
            assert_eq!(has_chars(text, n), want, "{text:?} {n}");
            assert_eq!(
                has_chars(text, n),
                text.chars().count() >= n,
                "{text:?} {n}"
            );
        }
    }
}
