//! kramdown's reference links allow one whitespace character between the link text and the
//! reference (`[text] [ref]`, `kramdown/parser/kramdown/link.rb`: `\s?\[`), where CommonMark
//! sees two shortcut references. Pairs are merged here: the first bracket gives the text, the
//! second the target. Before that, adjacent text items are joined, which every document
//! needs (pulldown-cmark splits text at brackets and other syntax it declines).

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
        if let Some(consumed) = merge_links(inlines, i).or_else(|| merge_text(inlines, i)) {
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

/// `[a] [b]` with both defined: a link to `b`'s target with `a`'s text.
fn merge_links(inlines: &mut Vec<Inline>, i: usize) -> Option<usize> {
    let single_space = match inlines.get(i + 1)? {
        Inline::Soft => true,
        Inline::Text {
            text, literal: 0, ..
        } => has_chars(text, 1) && !has_chars(text, 2) && text.trim().is_empty(),
        _ => false,
    };
    if !(is_shortcut(&inlines[i]) && single_space && is_shortcut(inlines.get(i + 2)?)) {
        return None;
    }
    let target = inlines.remove(i + 2);
    inlines.remove(i + 1);
    retarget(&mut inlines[i], target);
    Some(1)
}

/// `[a] [b]` where only `b` is defined: the text `[a] ` before the link becomes its text.
fn merge_text(inlines: &mut Vec<Inline>, i: usize) -> Option<usize> {
    let (soft, link_at) = match inlines.get(i + 1)? {
        Inline::Soft => (true, i + 2),
        _ => (false, i + 1),
    };
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
    let body = if soft {
        text.as_ref()
    } else {
        strip_one_space(text)?
    };
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
    if soft {
        inlines.remove(i + 1);
    }
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

fn strip_one_space(text: &str) -> Option<&str> {
    let last = text.chars().next_back()?;
    last.is_whitespace()
        .then(|| &text[..text.len() - last.len_utf8()])
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
