//! The element tree hyde converts, built from pulldown-cmark's events: the subset of
//! kramdown's element types (`kramdown/element.rb`) that GFM input produces. Raw HTML is
//! re-shaped here the way kramdown's GFM parser reads it (`html_block`), and source offsets are
//! used to recover what kramdown looks at and pulldown-cmark does not keep (raw image alt text,
//! blank lines after list paragraphs, the characters following a text run). The tree borrows
//! its span text from the source where that text is the source as written (`SrcText`,
//! `borrowed`).

use super::build::Builder;
pub(crate) use super::lookahead::Next;
use super::options::Options;
use std::borrow::Cow;

/// HTML attributes in kramdown's insertion order.
pub(crate) type Attrs = Vec<(String, String)>;

/// A parsed document.
#[derive(Debug, Default)]
pub(crate) struct Document<'s> {
    pub blocks: Vec<Block<'s>>,
    /// Footnote definitions by name, in source order.
    pub footnotes: Vec<(String, Vec<Block<'s>>)>,
}

/// Table cell alignment (kramdown's `:default`, `:left`, `:center`, `:right`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Align {
    Default,
    Left,
    Center,
    Right,
}

/// A block-level element.
#[derive(Debug, Clone)]
pub(crate) enum Block<'s> {
    Para(Para<'s>),
    Heading {
        level: u8,
        inlines: Vec<Inline<'s>>,
        attrs: Attrs,
    },
    Code {
        /// The info string's first word (`ruby` of "ruby?x"); `None` for indented code.
        lang: Option<String>,
        text: String,
        attrs: Attrs,
    },
    /// Block HTML, already in kramdown's output form.
    Html(String),
    Rule(Attrs),
    Quote {
        blocks: Vec<Block<'s>>,
        attrs: Attrs,
    },
    List {
        ordered: bool,
        items: Vec<Item<'s>>,
        attrs: Attrs,
    },
    Table {
        aligns: Vec<Align>,
        sections: Vec<TableSection<'s>>,
        attrs: Attrs,
    },
    /// A definition list: terms and definitions in source order.
    DefList(Vec<DefPart<'s>>, Attrs),
    /// Block math (`$$…$$` alone between block boundaries), written for MathJax.
    Math(String, Attrs),
    /// A list marked `{:toc}`: replaced by the table of contents.
    Toc {
        ordered: bool,
        items: Vec<Item<'s>>,
        attrs: Attrs,
    },
    /// A block HTML element whose content is Markdown (`markdown="1"`); a `span` element
    /// holds one transparent paragraph.
    HtmlElement {
        name: String,
        attrs: Attrs,
        span: bool,
        blocks: Vec<Block<'s>>,
        /// How many raw HTML elements enclose it (0: a block of its own). A nested one is
        /// written in line with the raw HTML around it, indented by its depth.
        depth: usize,
    },
    /// Blank lines between blocks (kramdown's `:blank`), written as one newline.
    Blank,
}

/// `<thead>`, `<tbody>` or `<tfoot>`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Section {
    Head,
    Body,
    Foot,
}

/// One section of a table: rows of cells of span elements.
#[derive(Debug, Clone)]
pub(crate) struct TableSection<'s> {
    pub kind: Section,
    pub rows: Vec<Vec<Vec<Inline<'s>>>>,
}

/// A `<dt>` or `<dd>` of a definition list.
#[derive(Debug, Clone)]
pub(crate) enum DefPart<'s> {
    /// A term and its attributes (an IAL opening its line).
    Term(Vec<Inline<'s>>, Attrs),
    Definition(Item<'s>),
}

/// A paragraph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para<'s> {
    pub inlines: Vec<Inline<'s>>,
    pub attrs: Attrs,
    /// Written without `<p>` (kramdown's `:transparent`, first paragraph of a tight item).
    pub transparent: bool,
    /// A blank line follows the paragraph in the source.
    pub blank_after: bool,
    /// Where the paragraph's text starts and ends in the source.
    pub span: (usize, usize),
}

/// A list item.
#[derive(Debug, Clone, Default)]
pub(crate) struct Item<'s> {
    pub blocks: Vec<Block<'s>>,
    pub attrs: Attrs,
    /// A blank line precedes it (a definition's paragraph is then wrapped).
    pub blank_before: bool,
}

/// The text of a span element: most text is an unchanged slice of the source and borrows it
/// (a text node is made for every run of text, and a String for each was a measurable share
/// of the conversion); text that escapes, entities, typography or a pass changed is owned.
pub(crate) type SrcText<'s> = Cow<'s, str>;

/// A span-level element.
#[derive(Debug, Clone)]
pub(crate) enum Inline<'s> {
    /// Parsed text before typography: the first `literal` characters (a backslash escape, an
    /// entity) are left alone; `next` is the source that follows, for smart-quote look-ahead.
    Text {
        text: SrcText<'s>,
        literal: usize,
        next: Next,
    },
    /// Final text (escaped when written).
    Str(SrcText<'s>),
    Soft,
    Br,
    Code(SrcText<'s>),
    /// One inline HTML tag or comment, in kramdown's output form.
    Html(String),
    Em(Vec<Inline<'s>>),
    Strong(Vec<Inline<'s>>),
    Del(Vec<Inline<'s>>),
    Link {
        /// Where it points, boxed: a link's strings would make every span element twice
        /// as large, and span elements are moved many times per document.
        target: Box<LinkTarget>,
        auto: bool,
        /// Written `[text]` alone (kramdown may pair it with a following `[ref]`).
        shortcut: bool,
        children: Vec<Inline<'s>>,
    },
    /// An image, boxed for the same reason.
    Image(Box<Image>),
    FootnoteRef(String),
    Task(bool),
    /// Span math (`$$…$$` in text), written for MathJax.
    Math(String),
    /// A span element with attributes from a span IAL.
    Attributed(Box<Inline<'s>>, Attrs),
}

/// A link's destination.
#[derive(Debug, Clone, Default)]
pub(crate) struct LinkTarget {
    pub url: String,
    pub title: String,
    /// The IAL of its link definition: kramdown writes these before `href`.
    pub attrs: Attrs,
}

/// An image.
#[derive(Debug, Clone)]
pub(crate) struct Image {
    pub url: String,
    pub title: String,
    pub alt: String,
    /// The IAL of its link definition: kramdown writes these before `src`.
    pub attrs: Attrs,
}

/// Parses `src` into the element tree.
pub(crate) fn parse<'s>(src: &'s str, opts: &'s Options) -> Document<'s> {
    Builder::new(src, opts).run()
}

/// Whether `text` has the byte `x` or `y`.
pub(crate) fn has_either(text: &str, x: u8, y: u8) -> bool {
    find_either(text.as_bytes(), x, y).is_some()
}

/// Where the first byte `x` or `y` of `bytes` is. The passes over the tree look for a few
/// ASCII characters in every text run, and most runs have none: blocks of 32 (or 16) bytes
/// are tested by a loop without early exit, which the compiler turns into vector compares,
/// the last block overlapping the one before rather than read byte by byte; only the block
/// with a hit is searched byte by byte. Runs under 16 bytes are read eight bytes at a time.
pub(crate) fn find_either(bytes: &[u8], x: u8, y: u8) -> Option<usize> {
    let search = |from: usize| {
        let rest = bytes.get(from..).unwrap_or_default();
        rest.iter()
            .position(|&b| b == x || b == y)
            .map(|i| from + i)
    };
    let len = bytes.len();
    if len < 16 {
        return find_short(bytes, x, y);
    }
    if len < 32 {
        let head = bytes.first_chunk::<16>().is_some_and(|b| any(b, x, y));
        let tail = bytes.last_chunk::<16>().is_some_and(|b| any(b, x, y));
        return if head {
            search(0)
        } else {
            tail.then(|| search(16)).flatten()
        };
    }
    let mut at = 0;
    while let Some(block) = bytes[at..].first_chunk::<32>() {
        if any(block, x, y) {
            return search(at);
        }
        at += 32;
    }
    // The bytes before `at` have none: a hit in the last 32 bytes is after it.
    let tail = at < len && bytes.last_chunk::<32>().is_some_and(|b| any(b, x, y));
    tail.then(|| search(at)).flatten()
}

/// Whether `block` has the byte `x` or `y`. Always inlined: a call per block (the build may
/// leave it out of line) repeats the setup of the vector compares for every block.
#[inline(always)]
fn any<const N: usize>(block: &[u8; N], x: u8, y: u8) -> bool {
    let mut found = false;
    for &b in block {
        found |= (b == x) | (b == y);
    }
    found
}

/// `find_either` for fewer than 16 bytes: a word of eight at a time (the last one
/// overlapping), each byte equal to `x` or `y` found by bit arithmetic.
fn find_short(bytes: &[u8], x: u8, y: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `v` is set here: the lowest set bit marks the
    // first zero byte (a borrow may mark bytes above it, never below).
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let (xs, ys) = (ONES * u64::from(x), ONES * u64::from(y));
    let first = |word: &[u8; 8]| {
        let v = u64::from_le_bytes(*word);
        let hits = zero_bytes(v ^ xs) | zero_bytes(v ^ ys);
        (hits != 0).then(|| hits.trailing_zeros() as usize / 8)
    };
    match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (Some(head), Some(tail)) => first(head).or_else(|| Some(bytes.len() - 8 + first(tail)?)),
        _ => bytes.iter().position(|&b| b == x || b == y),
    }
}

/// All text of `inlines`, as kramdown's GFM parser collects a header's `raw_text`.
pub(crate) fn plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } | Inline::Str(text) | Inline::Code(text) => {
                out.push_str(text)
            }
            Inline::Math(text) => out.push_str(text),
            Inline::Soft => out.push('\n'),
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => plain_text(c, out),
            Inline::Link { children, .. } => plain_text(children, out),
            Inline::Attributed(inner, _) => plain_text(std::slice::from_ref(inner), out),
            _ => {}
        }
    }
}

/// A place where a pass over the finished tree may change text.
pub(crate) enum Text<'a, 's> {
    Inlines(&'a mut Vec<Inline<'s>>),
    Html(&'a mut String),
}

/// Visits every run of inlines (paragraphs, headers, table cells, definition
/// terms) and every raw HTML block of the document, at any depth, footnotes
/// included.
pub(crate) fn walk_text<'s>(doc: &mut Document<'s>, visit: &mut dyn FnMut(Text<'_, 's>)) {
    walk_blocks(&mut doc.blocks, visit);
    for (_, notes) in &mut doc.footnotes {
        walk_blocks(notes, visit);
    }
}

fn walk_blocks<'s>(blocks: &mut [Block<'s>], visit: &mut dyn FnMut(Text<'_, 's>)) {
    for block in blocks {
        match block {
            Block::Para(p) => visit(Text::Inlines(&mut p.inlines)),
            Block::Heading { inlines, .. } => visit(Text::Inlines(inlines)),
            Block::Html(html) => visit(Text::Html(html)),
            Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => {
                walk_blocks(blocks, visit)
            }
            Block::List { items, .. } | Block::Toc { items, .. } => {
                for item in items {
                    walk_blocks(&mut item.blocks, visit);
                }
            }
            Block::Table { sections, .. } => {
                let cells = sections
                    .iter_mut()
                    .flat_map(|s| s.rows.iter_mut().flatten());
                for cell in cells {
                    visit(Text::Inlines(cell));
                }
            }
            Block::DefList(parts, _) => {
                for part in parts {
                    match part {
                        DefPart::Term(inlines, _) => visit(Text::Inlines(inlines)),
                        DefPart::Definition(item) => walk_blocks(&mut item.blocks, visit),
                    }
                }
            }
            Block::Code { .. } | Block::Rule(_) | Block::Math(..) | Block::Blank => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Inline, find_either, has_either};

    /// Span elements are moved many times per document: a link's or an image's strings
    /// stay boxed, so that text (the common element) sets the size.
    #[test]
    fn span_elements_stay_small() {
        assert!(
            std::mem::size_of::<Inline>() <= 56,
            "{}",
            std::mem::size_of::<Inline>()
        );
    }

    #[test]
    fn has_either_finds_either_byte() {
        let long = "x".repeat(200);
        let cases = [
            ("", false),
            ("*", true),
            ("_", true),
            ("a*b", true),
            ("abc", false),
            ("\u{e9}\u{2a2a}", false),
            ("abcdefg*", true),
            ("abcdefgh*", true),
            ("\u{100}\u{15f}\u{12a}\u{15f}\u{12a}", false),
            (long.as_str(), false),
        ];
        for (text, want) in cases {
            assert_eq!(has_either(text, b'*', b'_'), want, "{text:?}");
        }
        // Every length through two blocks, a word and a tail, the bytes at every place.
        for len in 0..80 {
            let plain = "x".repeat(len);
            assert!(!has_either(&plain, b'*', b'_'), "{len}");
            for at in 0..len {
                for later in at..len {
                    let mut text = plain.clone().into_bytes();
                    text[later] = b'*';
                    text[at] = b'_';
                    assert_eq!(
                        find_either(&text, b'*', b'_'),
                        Some(at),
                        "{len} {at} {later}"
                    );
                }
            }
        }
    }
}
