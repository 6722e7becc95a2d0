//! Text that borrows from the source (`tree::SrcText`): cutting it without a copy, and making a
//! tree own all its text. A fragment kramdown parses on its own (a table cell, what follows
//! an HTML block) is parsed from a temporary string, so its tree owns its text before it
//! joins the document's, which borrows from the document's source. kramdown has no
//! counterpart: its parser copies every piece of text into a Ruby string.

use super::tree::{Block, DefPart, Document, Inline, Item, Para, SrcText, TableSection};
use std::borrow::Cow;
use std::ops::Range;

/// `text` as a slice of `src`, when it is one: pulldown-cmark hands out most text as a
/// slice of its input, which a text node then borrows instead of copying (a text node is
/// made for every run of text, and an allocation for each was a measurable share of the
/// conversion). The same address means the same bytes.
pub(crate) fn in_source<'s>(src: &'s str, text: &str) -> Option<&'s str> {
    let at = (text.as_ptr() as usize).checked_sub(src.as_ptr() as usize)?;
    src.get(at..at.checked_add(text.len())?)
        .filter(|slice| slice.as_ptr() == text.as_ptr())
}

/// The part `range` of `text`, borrowed from the same place when `text` is borrowed.
pub(crate) fn slice_of<'s>(text: &SrcText<'s>, range: Range<usize>) -> SrcText<'s> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(&s[range]),
        Cow::Owned(s) => Cow::Owned(s[range].to_string()),
    }
}

/// Cuts `text` down to its part `range`, without a copy.
pub(crate) fn keep(text: &mut SrcText<'_>, range: Range<usize>) {
    match text {
        Cow::Borrowed(s) => *s = &s[range],
        Cow::Owned(s) => {
            s.truncate(range.end);
            s.drain(..range.start);
        }
    }
}

fn owned(text: SrcText<'_>) -> SrcText<'static> {
    Cow::Owned(text.into_owned())
}

impl Document<'_> {
    /// The document, owning all its text.
    pub(crate) fn into_owned(self) -> Document<'static> {
        let footnotes = self.footnotes.into_iter();
        Document {
            blocks: owned_blocks(self.blocks),
            footnotes: footnotes.map(|(n, b)| (n, owned_blocks(b))).collect(),
        }
    }
}

/// `blocks`, owning all their text.
pub(crate) fn owned_blocks(blocks: Vec<Block<'_>>) -> Vec<Block<'static>> {
    blocks.into_iter().map(Block::into_owned).collect()
}

/// `inlines`, owning all their text.
pub(crate) fn owned_inlines(inlines: Vec<Inline<'_>>) -> Vec<Inline<'static>> {
    inlines.into_iter().map(Inline::into_owned).collect()
}

fn owned_items(items: Vec<Item<'_>>) -> Vec<Item<'static>> {
    items.into_iter().map(Item::into_owned).collect()
}

impl Item<'_> {
    fn into_owned(self) -> Item<'static> {
        Item {
            blocks: owned_blocks(self.blocks),
            attrs: self.attrs,
            blank_before: self.blank_before,
        }
    }
}

impl Para<'_> {
    fn into_owned(self) -> Para<'static> {
        Para {
            inlines: owned_inlines(self.inlines),
            attrs: self.attrs,
            transparent: self.transparent,
            blank_after: self.blank_after,
            span: self.span,
        }
    }
}

impl TableSection<'_> {
    fn into_owned(self) -> TableSection<'static> {
        let rows = self.rows.into_iter();
        TableSection {
            kind: self.kind,
            rows: rows
                .map(|row| row.into_iter().map(owned_inlines).collect())
                .collect(),
        }
    }
}

impl DefPart<'_> {
    fn into_owned(self) -> DefPart<'static> {
        match self {
            DefPart::Term(inlines, attrs) => DefPart::Term(owned_inlines(inlines), attrs),
            DefPart::Definition(item) => DefPart::Definition(item.into_owned()),
        }
    }
}

impl Block<'_> {
    /// The block, owning all its text.
    pub(crate) fn into_owned(self) -> Block<'static> {
        match self {
            Block::Para(p) => Block::Para(p.into_owned()),
            Block::Heading {
                level,
                inlines,
                attrs,
            } => Block::Heading {
                level,
                inlines: owned_inlines(inlines),
                attrs,
            },
            Block::Code { lang, text, attrs } => Block::Code { lang, text, attrs },
            Block::Html(html) => Block::Html(html),
            Block::Rule(attrs) => Block::Rule(attrs),
            Block::Quote { blocks, attrs } => Block::Quote {
                blocks: owned_blocks(blocks),
                attrs,
            },
            Block::List {
                ordered,
                items,
                attrs,
            } => Block::List {
                ordered,
                items: owned_items(items),
                attrs,
            },
            Block::Table {
                aligns,
                sections,
                attrs,
            } => Block::Table {
                aligns,
                sections: sections.into_iter().map(TableSection::into_owned).collect(),
                attrs,
            },
            Block::DefList(parts, attrs) => {
                Block::DefList(parts.into_iter().map(DefPart::into_owned).collect(), attrs)
            }
            Block::Math(math, attrs) => Block::Math(math, attrs),
            Block::Toc {
                ordered,
                items,
                attrs,
            } => Block::Toc {
                ordered,
                items: owned_items(items),
                attrs,
            },
            Block::HtmlElement {
                name,
                attrs,
                span,
                blocks,
                depth,
            } => Block::HtmlElement {
                name,
                attrs,
                span,
                blocks: owned_blocks(blocks),
                depth,
            },
            Block::Blank => Block::Blank,
        }
    }
}

impl Inline<'_> {
    /// The span element, owning all its text.
    pub(crate) fn into_owned(self) -> Inline<'static> {
        match self {
            Inline::Text {
                text,
                literal,
                next,
            } => Inline::Text {
                text: owned(text),
                literal,
                next,
            },
            Inline::Str(text) => Inline::Str(owned(text)),
            Inline::Soft => Inline::Soft,
            Inline::Br => Inline::Br,
            Inline::Code(code) => Inline::Code(owned(code)),
            Inline::Html(html) => Inline::Html(html),
            Inline::Em(c) => Inline::Em(owned_inlines(c)),
            Inline::Strong(c) => Inline::Strong(owned_inlines(c)),
            Inline::Del(c) => Inline::Del(owned_inlines(c)),
            Inline::Link {
                target,
                auto,
                shortcut,
                children,
            } => Inline::Link {
                target,
                auto,
                shortcut,
                children: owned_inlines(children),
            },
            Inline::Image(image) => Inline::Image(image),
            Inline::FootnoteRef(name) => Inline::FootnoteRef(name),
            Inline::Task(done) => Inline::Task(done),
            Inline::Math(math) => Inline::Math(math),
            Inline::Attributed(inner, attrs) => {
                Inline::Attributed(Box::new(inner.into_owned()), attrs)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_source_finds_slices_of_the_source_only() {
        let src = "one two \u{e9}three";
        let copy = src.to_string();
        for (start, end) in [(0, 0), (0, 3), (4, 7), (8, src.len()), (0, src.len())] {
            let slice = &src[start..end];
            let found = in_source(src, slice).map(|s| (s.as_ptr(), s.len()));
            assert_eq!(found, Some((slice.as_ptr(), slice.len())), "{slice:?}");
            // The same text elsewhere is no slice of `src`.
            assert_eq!(in_source(src, &copy[start..end]), None, "{slice:?}");
        }
        assert_eq!(in_source(&src[4..], &src[..3]), None);
        assert_eq!(in_source(&src[..6], &src[4..7]), None);
    }

    #[test]
    fn keep_and_slice_of_cut_borrowed_and_owned_text_alike() {
        let text = "**a word**";
        for start in 0..=text.len() {
            for end in start..=text.len() {
                let want = &text[start..end];
                for mut cut in [Cow::Borrowed(text), Cow::Owned(text.to_string())] {
                    let borrowed = matches!(cut, Cow::Borrowed(_));
                    assert_eq!(slice_of(&cut, start..end), want);
                    keep(&mut cut, start..end);
                    assert_eq!(cut, want);
                    assert_eq!(matches!(cut, Cow::Borrowed(_)), borrowed);
                }
            }
        }
    }

    /// A tree made owned is the same tree, for every test input.
    #[test]
    fn into_owned_keeps_the_tree() {
        let opts = crate::converter::markdown::Options::default();
        for src in &crate::converter::markdown::test_inputs::all() {
            let doc = crate::converter::markdown::tree::parse(src, &opts);
            let before = format!("{doc:?}");
            assert_eq!(format!("{:?}", doc.into_owned()), before);
        }
    }

    /// Plain text runs borrow from the source; escaped ones own their text.
    #[test]
    fn text_nodes_borrow_from_the_source() {
        let opts = crate::converter::markdown::Options::default();
        let src = "Plain words and \\*escaped\\* ones.\n";
        let doc = crate::converter::markdown::tree::parse(src, &opts);
        let Some(Block::Para(p)) = doc.blocks.first() else {
            panic!("{doc:?}");
        };
        let texts: Vec<(&str, bool)> = p
            .inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Text { text, .. } => Some((&**text, matches!(text, Cow::Borrowed(_)))),
                _ => None,
            })
            .collect();
        let want = [
            ("Plain words and ", true),
            ("*escaped", false),
            ("* ones.", false),
        ];
        assert_eq!(texts, want);
    }
}
