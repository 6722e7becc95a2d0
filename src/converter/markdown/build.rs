//! Builds the element tree from pulldown-cmark's event stream (the work kramdown's block and
//! span parsers do in `kramdown/parser/kramdown.rb`, with GFM's additions from
//! `kramdown/parser/gfm.rb`). Block HTML at the top level runs to its end tag as in kramdown.

use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, LinkType, Options as CmOptions, Parser, Tag, TagEnd,
};
use std::ops::Range;

use super::close::fenced_content;
use super::entities::kramdown_knows;
use super::html_block;
use super::html_tag::{StartTag, normalize_inline};
use super::options::Options;
use super::source::{at_line_start, next_blank_line, raw_alt};
use super::source::{escaped_at, kramdown_escape};
use super::tree::{Align, Block, DefPart, Document, Inline, Item, Para};

/// What an open element collects.
#[derive(Debug)]
pub(super) enum Kind {
    Root,
    Para {
        implicit: bool,
    },
    Heading {
        level: u8,
        id: Option<String>,
        classes: Vec<String>,
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
    Strong,
    Del,
    Link {
        url: String,
        title: String,
        auto: bool,
    },
    Image {
        url: String,
        title: String,
        alt: String,
    },
    /// A code block: its language and, for a top-level fence, the lines as written (kramdown
    /// does not strip the fence's indentation from them).
    Code(Option<String>, Option<String>),
    Html,
    DefList,
    DefTerm,
    DefDefinition,
    /// An element kramdown has no equivalent for (its content is kept).
    Other,
}

#[derive(Debug)]
pub(super) struct Frame {
    pub(super) kind: Kind,
    pub(super) blocks: Vec<Block>,
    pub(super) inlines: Vec<Inline>,
    pub(super) items: Vec<Item>,
    pub(super) rows: Vec<Vec<Vec<Inline>>>,
    pub(super) defs: Vec<DefPart>,
    pub(super) text: String,
    /// The source offset where the last inline content ended (for implicit paragraphs).
    pub(super) end: usize,
}

impl Frame {
    pub(super) fn new(kind: Kind) -> Frame {
        Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
            items: Vec::new(),
            rows: Vec::new(),
            defs: Vec::new(),
            text: String::new(),
            end: 0,
        }
    }
}

pub(crate) struct Builder<'a> {
    pub(super) src: &'a str,
    pub(super) opts: &'a Options,
    pub(super) stack: Vec<Frame>,
    pub(super) footnotes: Vec<(String, Vec<Block>)>,
    /// Events starting before this offset were consumed by a top-level HTML block.
    skip_until: usize,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(src: &'a str, opts: &'a Options) -> Builder<'a> {
        Builder {
            src,
            opts,
            stack: vec![Frame::new(Kind::Root)],
            footnotes: Vec::new(),
            skip_until: 0,
        }
    }

    pub(crate) fn run(mut self) -> Document {
        let mut cm = CmOptions::ENABLE_TABLES
            | CmOptions::ENABLE_FOOTNOTES
            | CmOptions::ENABLE_STRIKETHROUGH
            | CmOptions::ENABLE_TASKLISTS
            | CmOptions::ENABLE_HEADING_ATTRIBUTES;
        cm |= CmOptions::ENABLE_DEFINITION_LIST;
        let src = self.src;
        for (event, range) in Parser::new_ext(src, cm).into_offset_iter() {
            if range.start < self.skip_until {
                continue;
            }
            self.event(event, range);
        }
        while self.stack.len() > 1 {
            self.close_top(self.src.len());
        }
        let root = self.stack.pop().unwrap_or_else(|| Frame::new(Kind::Root));
        Document {
            blocks: root.blocks,
            footnotes: self.footnotes,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => self.text(&t, range),
            Event::Code(t) => {
                let code = self.raw_code(&t, &range);
                self.inline(Inline::Code(code), range)
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                let raw = self.src[range.clone()].to_string();
                let _ = t;
                self.inline(text(raw, usize::MAX, ""), range)
            }
            Event::Html(t) => self.top().text.push_str(&t),
            // `<<tag>>`: kramdown reads the typographic `<<` first.
            Event::InlineHtml(t) if self.src[..range.start].ends_with('<') => self.text(&t, range),
            Event::InlineHtml(t) => self.inline(Inline::Html(normalize_inline(&t)), range),
            Event::FootnoteReference(name) => {
                self.inline(Inline::FootnoteRef(name.to_string()), range)
            }
            Event::SoftBreak => self.inline(Inline::Soft, range),
            Event::HardBreak => self.inline(Inline::Br, range),
            Event::Rule => self.block(Block::Rule(Vec::new())),
            Event::TaskListMarker(done) => self.inline(Inline::Task(done), range),
        }
    }

    fn text(&mut self, t: &str, range: Range<usize>) {
        if matches!(self.top().kind, Kind::Code(..)) {
            self.top().text.push_str(t);
            return;
        }
        let raw = &self.src[range.clone()];
        let next: String = self.src[range.end..].chars().take(4).collect();
        let (t, literal) = if escaped_at(self.src, range.start) {
            kramdown_escape(t)
        } else if raw.starts_with('&') {
            let t = if kramdown_knows(raw) {
                t.to_string()
            } else {
                raw.to_string()
            };
            (t, usize::MAX)
        } else {
            (t.to_string(), 0)
        };
        self.inline(text(t, literal, &next), range);
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let kind = match tag {
            Tag::Paragraph => Kind::Para { implicit: false },
            Tag::Heading {
                level, id, classes, ..
            } => Kind::Heading {
                level: level as u8,
                id: id.map(|s| s.to_string()),
                classes: classes.iter().map(|s| s.to_string()).collect(),
            },
            Tag::BlockQuote(_) => Kind::Quote,
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                let word = info.split_whitespace().next().unwrap_or("");
                let in_container = self.stack.len() > 1;
                let raw = (!in_container).then(|| fenced_content(&self.src[range.clone()]));
                Kind::Code((!word.is_empty()).then(|| word.to_string()), raw)
            }
            Tag::CodeBlock(CodeBlockKind::Indented) => Kind::Code(None, None),
            Tag::HtmlBlock => {
                if self.top_level_html(range.clone()) {
                    return;
                }
                Kind::Html
            }
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
            Tag::Strong => Kind::Strong,
            Tag::Strikethrough => Kind::Del,
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => link_kind(link_type, &dest_url, &title),
            Tag::Image {
                dest_url, title, ..
            } => Kind::Image {
                url: dest_url.to_string(),
                title: title.to_string(),
                alt: raw_alt(&self.src[range.clone()]),
            },
            Tag::DefinitionList => Kind::DefList,
            Tag::DefinitionListTitle => Kind::DefTerm,
            Tag::DefinitionListDefinition => Kind::DefDefinition,
            _ => Kind::Other,
        };
        if is_span(&kind) {
            self.ensure_inline_parent(range.start);
        } else {
            self.close_implicit_para();
        }
        self.stack.push(Frame::new(kind));
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        if !is_span_end(tag) {
            self.close_implicit_para();
        }
        if tag == TagEnd::HtmlBlock && !matches!(self.top().kind, Kind::Html) {
            return;
        }
        if self.stack.len() > 1 {
            self.close_top(range.end);
        }
    }

    /// A top-level block HTML element: rendered from the source up to its end tag; the
    /// events it covers are skipped. Returns false when kramdown would not see block HTML.
    /// Whatever follows the element in CommonMark's HTML block (or on the end tag's line) is
    /// Markdown again for kramdown.
    fn top_level_html(&mut self, range: Range<usize>) -> bool {
        let start = range.start;
        if self.stack.len() != 1 || html_block::block_start(&self.src[start..]).is_none() {
            return false;
        }
        let used =
            match html_block::markdown_element(&self.src[start..], self.opts.parse_block_html) {
                Some((el, span)) => self.markdown_element(el, span, start),
                None => {
                    let (html, used) = html_block::render(&self.src[start..]);
                    self.block(Block::Html(html));
                    used
                }
            };
        let pos = start + used.max(1);
        let rest_end = if pos < range.end {
            range.end
        } else if at_line_start(self.src, pos) {
            pos
        } else {
            next_blank_line(self.src, pos)
        };
        self.skip_until = pos.max(rest_end);
        if rest_end > pos {
            let doc = Builder::new(&self.src[pos..rest_end], self.opts).run();
            for block in doc.blocks {
                self.block(block);
            }
            self.footnotes.extend(doc.footnotes);
        }
        true
    }

    /// An HTML element with Markdown content; returns the source length it used.
    fn markdown_element(&mut self, el: html_block::Element, span: bool, start: usize) -> usize {
        let inner = &self.src[start + el.content.start..start + el.content.end];
        let doc = Builder::new(inner, self.opts).run();
        self.footnotes.extend(doc.footnotes);
        let mut blocks = doc.blocks;
        if span {
            let mut inlines = Vec::new();
            for block in blocks {
                if let Block::Para(p) = block {
                    if !inlines.is_empty() {
                        inlines.push(Inline::Soft);
                    }
                    inlines.extend(p.inlines);
                }
            }
            blocks = vec![Block::Para(Para {
                inlines,
                transparent: true,
                ..Para::default()
            })];
        }
        let StartTag { name, attrs, .. } = el.tag;
        self.block(Block::HtmlElement {
            name,
            attrs,
            span,
            blocks,
        });
        el.used
    }

    /// kramdown keeps a code span's content as written: line breaks stay, and only a
    /// multi-backtick span loses one space at each end.
    fn raw_code(&self, parsed: &str, range: &Range<usize>) -> String {
        let in_container = self
            .stack
            .iter()
            .any(|f| matches!(f.kind, Kind::Quote | Kind::Item));
        let raw = &self.src[range.clone()];
        let ticks = raw.len() - raw.trim_start_matches('`').len();
        if ticks == 0 || raw.len() < 2 * ticks || (in_container && raw.contains('\n')) {
            return parsed.to_string();
        }
        let inner = &raw[ticks..raw.len() - ticks];
        if ticks == 1 {
            return inner.to_string();
        }
        let inner = inner.strip_prefix(' ').unwrap_or(inner);
        inner.strip_suffix(' ').unwrap_or(inner).to_string()
    }

    pub(super) fn top(&mut self) -> &mut Frame {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Adds a span element to the innermost inline container.
    pub(super) fn inline(&mut self, inline: Inline, range: Range<usize>) {
        self.ensure_inline_parent(range.start);
        let top = self.top();
        top.end = top.end.max(range.end);
        top.inlines.push(inline);
    }

    /// Tight list items hold their text without a paragraph event: open one.
    fn ensure_inline_parent(&mut self, start: usize) {
        if matches!(
            self.top().kind,
            Kind::Root | Kind::Item | Kind::Quote | Kind::FootnoteDef(_) | Kind::DefDefinition
        ) {
            let mut frame = Frame::new(Kind::Para { implicit: true });
            frame.end = start;
            self.stack.push(frame);
        }
    }

    pub(super) fn close_implicit_para(&mut self) {
        if matches!(self.top().kind, Kind::Para { implicit: true }) {
            let end = self.top().end;
            self.close_top(end);
        }
    }

    /// Adds a block element to the innermost block container.
    pub(super) fn block(&mut self, block: Block) {
        self.close_implicit_para();
        self.top().blocks.push(block);
    }
}

fn text(text: String, literal: usize, next: &str) -> Inline {
    Inline::Text {
        text,
        literal,
        next: next.to_string(),
    }
}

fn is_span(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Em(_) | Kind::Strong | Kind::Del | Kind::Link { .. } | Kind::Image { .. }
    )
}

fn is_span_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
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

fn link_kind(link_type: LinkType, url: &str, title: &str) -> Kind {
    let (url, auto) = match link_type {
        LinkType::Email => (format!("mailto:{url}"), true),
        LinkType::Autolink => (url.to_string(), true),
        _ => (url.to_string(), false),
    };
    Kind::Link {
        url,
        title: title.to_string(),
        auto,
    }
}
