//! The kinds of the open elements of the tree under construction (kramdown's element
//! types, `kramdown/element.rb`, while their content is collected), and the kind each of
//! pulldown-cmark's start tags opens. Part of the builder (`build`).

use pulldown_cmark::{Alignment, CodeBlockKind, Tag, TagEnd};
use std::ops::Range;

use super::build::{Builder, as_str, label_key};
use super::close::fenced_content;
use super::source::raw_alt;
use super::tree::{Align, Attrs, Image, LinkTarget};

/// What an open element collects.
#[derive(Debug)]
pub(super) enum Kind {
    Root,
    Para {
        implicit: bool,
    },
    Heading {
        level: u8,
        start: usize,
        /// The `{#id .class}` pulldown-cmark read, boxed as it is rare.
        attrs: Option<Box<HeadingAttrs>>,
    },
    Quote,
    List {
        ordered: bool,
    },
    Item,
    FootnoteDef(String),
    Table(Vec<Align>),
    TableHead,
    TableRow,
    TableCell,
    /// Emphasis, with its source offset.
    Em(usize),
    /// Strong emphasis, with its source offset.
    Strong(usize),
    /// A link: its target boxed as the link element holds it.
    Link {
        target: Box<LinkTarget>,
        auto: bool,
        /// An autolink kramdown reads as text.
        plain: bool,
        /// Written `[text]` alone.
        shortcut: bool,
    },
    /// An image, boxed as the image element holds it.
    Image(Box<Image>),
    Code(Box<CodeKind>),
    Html,
    DefList,
    DefTerm,
    DefDefinition,
    /// An element kramdown has no equivalent for (its content is kept).
    Other,
}

/// A heading's id and classes.
#[derive(Debug)]
pub(super) struct HeadingAttrs {
    pub(super) id: Option<String>,
    pub(super) classes: Vec<String>,
}

/// A code block: its language and, for a top-level fence, the lines as written (kramdown
/// does not strip the fence's indentation from them). Boxed in its `Kind` with the heading's
/// attributes and the link's target, an element's frame stays small to move.
#[derive(Debug)]
pub(super) struct CodeKind {
    pub(super) lang: Option<String>,
    pub(super) raw: Option<String>,
    /// Indentation kramdown keeps on a fence's lines inside a list item.
    pub(super) extra: usize,
    /// An indented code block (`codeblock.rb`), not a fence.
    pub(super) indented: bool,
}

impl Builder<'_> {
    /// A reference link's target as kramdown sees it: the last definition of a repeated label,
    /// and the URL with its backslashes.
    fn written_target(&self, id: &str, url: &str, title: &str) -> (String, String) {
        let unescaped = |s: &str| s.replace('\\', "");
        let written = if id.is_empty() || self.written.is_empty() {
            None
        } else {
            self.written.get(&label_key(id))
        };
        match written {
            Some((u, t, true)) => (u.clone(), t.clone()),
            Some((u, _, false)) if unescaped(u) == unescaped(url) => (u.clone(), title.to_string()),
            _ => (url.to_string(), title.to_string()),
        }
    }

    /// What the element opened by `tag` collects.
    pub(super) fn kind_of(&self, tag: &Tag<'_>, range: &Range<usize>) -> Kind {
        match tag {
            Tag::Paragraph => Kind::Para { implicit: false },
            Tag::Heading {
                level, id, classes, ..
            } => Kind::Heading {
                level: *level as u8,
                start: range.start,
                attrs: (id.is_some() || !classes.is_empty()).then(|| {
                    Box::new(HeadingAttrs {
                        id: id.as_ref().map(|s| s.to_string()),
                        classes: classes.iter().map(|s| s.to_string()).collect(),
                    })
                }),
            },
            Tag::BlockQuote(_) => Kind::Quote,
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                let word = info.split_whitespace().next().unwrap_or("");
                let in_container = self.stack.len() > 1;
                let raw = (!in_container).then(|| fenced_content(&self.src[range.clone()]));
                let extra = self.fence_indent_in_item(range.start);
                Kind::Code(Box::new(CodeKind {
                    lang: (!word.is_empty()).then(|| word.to_string()),
                    raw,
                    extra,
                    indented: false,
                }))
            }
            Tag::CodeBlock(CodeBlockKind::Indented) => Kind::Code(Box::new(CodeKind {
                lang: None,
                raw: None,
                extra: 0,
                indented: true,
            })),
            Tag::HtmlBlock => Kind::Html,
            Tag::List(start) => Kind::List {
                ordered: start.is_some(),
            },
            Tag::Item => Kind::Item,
            Tag::FootnoteDefinition(name) => Kind::FootnoteDef(name.to_string()),
            Tag::Table(aligns) => Kind::Table(aligns.iter().map(align).collect()),
            Tag::TableHead => Kind::TableHead,
            Tag::TableRow => Kind::TableRow,
            Tag::TableCell => Kind::TableCell,
            Tag::Emphasis => Kind::Em(range.start),
            Tag::Strong => Kind::Strong(range.start),
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let (url, title) = self.written_target(as_str(id), as_str(dest_url), as_str(title));
                self.link_kind(*link_type, &url, &title, range.clone())
            }
            Tag::Image {
                dest_url, title, ..
            } => Kind::Image(Box::new(Image {
                url: dest_url.to_string(),
                title: title.to_string(),
                alt: raw_alt(&self.src[range.clone()]),
                attrs: Attrs::new(),
            })),
            Tag::DefinitionList => Kind::DefList,
            Tag::DefinitionListTitle => Kind::DefTerm,
            Tag::DefinitionListDefinition => Kind::DefDefinition,
            _ => Kind::Other,
        }
    }
}

pub(super) fn is_span(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Em(_) | Kind::Strong(_) | Kind::Link { .. } | Kind::Image { .. }
    )
}

pub(super) fn is_span_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

fn align(a: &Alignment) -> Align {
    match a {
        Alignment::None => Align::Default,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}
