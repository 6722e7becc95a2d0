//! Builds the element tree from pulldown-cmark's event stream (the work kramdown's block and
//! span parsers do in `kramdown/parser/kramdown.rb`, with GFM's additions from
//! `kramdown/parser/gfm.rb`). Block HTML at the top level runs to its end tag as in kramdown.

use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, LinkType, Options as CmOptions, Parser, Tag, TagEnd,
};
use std::ops::Range;

use super::html_block;
use super::html_tag::normalize_inline;
use super::options::Options;
use super::tree::{Align, Block, DefPart, Document, Inline, Item, Para, parse_as_paragraph};

/// What an open element collects.
#[derive(Debug)]
enum Kind {
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
    Em,
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
    Code(Option<String>),
    Html,
    DefList,
    DefTerm,
    DefDefinition,
    /// An element kramdown has no equivalent for (its content is kept).
    Other,
}

#[derive(Debug)]
struct Frame {
    kind: Kind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    items: Vec<Item>,
    rows: Vec<Vec<Vec<Inline>>>,
    defs: Vec<DefPart>,
    text: String,
    /// The source offset where the last inline content ended (for implicit paragraphs).
    end: usize,
}

impl Frame {
    fn new(kind: Kind) -> Frame {
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
    src: &'a str,
    opts: &'a Options,
    stack: Vec<Frame>,
    footnotes: Vec<(String, Vec<Block>)>,
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
            Event::Code(t) => self.inline(Inline::Code(t.to_string()), range),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                let raw = self.src[range.clone()].to_string();
                let _ = t;
                self.inline(text(raw, true, ""), range)
            }
            Event::Html(t) => self.top().text.push_str(&t),
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
        if matches!(self.top().kind, Kind::Code(_)) {
            self.top().text.push_str(t);
            return;
        }
        let raw = &self.src[range.clone()];
        let literal = raw.starts_with('\\') || raw.starts_with('&');
        let next: String = self.src[range.end..].chars().take(4).collect();
        self.inline(text(t.to_string(), literal, &next), range);
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
                Kind::Code((!word.is_empty()).then(|| word.to_string()))
            }
            Tag::CodeBlock(CodeBlockKind::Indented) => Kind::Code(None),
            Tag::HtmlBlock => {
                if self.top_level_html(range.start) {
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
            Tag::Emphasis => Kind::Em,
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
    fn top_level_html(&mut self, start: usize) -> bool {
        if self.stack.len() != 1 || html_block::block_start(&self.src[start..]).is_none() {
            return false;
        }
        let (html, used) = html_block::render(&self.src[start..]);
        self.skip_until = start + used.max(1);
        self.block(Block::Html(html));
        true
    }

    fn top(&mut self) -> &mut Frame {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Adds a span element to the innermost inline container.
    fn inline(&mut self, inline: Inline, range: Range<usize>) {
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

    fn close_implicit_para(&mut self) {
        if matches!(self.top().kind, Kind::Para { implicit: true }) {
            let end = self.top().end;
            self.close_top(end);
        }
    }

    /// Adds a block element to the innermost block container.
    fn block(&mut self, block: Block) {
        self.close_implicit_para();
        self.top().blocks.push(block);
    }

    /// Pops the innermost element and attaches it to its parent.
    fn close_top(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let end = end.max(frame.end);
        match frame.kind {
            Kind::Root => self.stack.push(frame),
            Kind::Para { .. } => {
                let blank_after = blank_line_follows(self.src, end);
                let para = Para {
                    inlines: frame.inlines,
                    blank_after,
                    ..Para::default()
                };
                self.block(Block::Para(para));
            }
            Kind::Heading { level, id, classes } => {
                let mut attrs = Vec::new();
                if !classes.is_empty() {
                    attrs.push(("class".to_string(), classes.join(" ")));
                }
                if let Some(id) = id {
                    attrs.push(("id".to_string(), id));
                }
                self.block(Block::Heading {
                    level,
                    inlines: frame.inlines,
                    attrs,
                });
            }
            Kind::Quote => self.block(Block::Quote {
                blocks: frame.blocks,
                attrs: Vec::new(),
            }),
            Kind::List { ordered } => self.block(Block::List {
                ordered,
                items: frame.items,
                attrs: Vec::new(),
            }),
            Kind::Item => {
                let item = Item {
                    blocks: frame.blocks,
                    attrs: Vec::new(),
                };
                self.top().items.push(item);
            }
            Kind::FootnoteDef(name) => self.footnotes.push((name, frame.blocks)),
            Kind::Code(lang) => self.block(Block::Code {
                lang,
                text: frame.text,
                attrs: Vec::new(),
            }),
            Kind::Html => self.close_html(frame.text),
            _ => self.close_other(frame, end),
        }
    }

    /// A CommonMark HTML block inside a container (or one kramdown reads as a paragraph).
    fn close_html(&mut self, raw: String) {
        if html_block::block_start(&raw).is_some() {
            let html = html_block::render_chunk(&raw);
            self.block(Block::Html(html.trim_end().to_string()));
        } else {
            for block in parse_as_paragraph(&raw, self.opts) {
                self.block(block);
            }
        }
    }

    fn close_other(&mut self, frame: Frame, end: usize) {
        let inl = frame.inlines;
        let span = match frame.kind {
            Kind::Em => Inline::Em(inl),
            Kind::Strong => Inline::Strong(inl),
            Kind::Del => Inline::Del(inl),
            Kind::Link { url, title, auto } => Inline::Link {
                url,
                title,
                auto,
                children: inl,
            },
            Kind::Image { url, title, alt } => Inline::Image { url, title, alt },
            Kind::TableCell => {
                let top = self.top();
                if top.rows.is_empty() {
                    top.rows.push(Vec::new());
                }
                top.rows[0].push(inl);
                return;
            }
            Kind::TableRow | Kind::TableHead => {
                let mut rows = frame.rows;
                let row = rows.pop().unwrap_or_default();
                return self.top().rows.push(row);
            }
            Kind::Table(aligns) => return self.close_table(aligns, frame.rows),
            Kind::DefTerm => return self.top().defs.push(DefPart::Term(inl)),
            Kind::DefDefinition => {
                let item = Item {
                    blocks: frame.blocks,
                    attrs: Vec::new(),
                };
                return self.top().defs.push(DefPart::Definition(item));
            }
            Kind::DefList => return self.block(Block::DefList(frame.defs)),
            _ => {
                for b in frame.blocks {
                    self.block(b);
                }
                for i in inl {
                    self.inline(i, end..end);
                }
                return;
            }
        };
        let top = self.top();
        top.end = top.end.max(end);
        top.inlines.push(span);
    }

    fn close_table(&mut self, aligns: Vec<Align>, mut rows: Vec<Vec<Vec<Inline>>>) {
        let head = if rows.is_empty() {
            Vec::new()
        } else {
            rows.remove(0)
        };
        let table = Block::Table {
            aligns,
            head,
            rows,
            attrs: Vec::new(),
        };
        self.block(table);
    }
}

fn text(text: String, literal: bool, next: &str) -> Inline {
    Inline::Text {
        text,
        literal,
        next: next.to_string(),
    }
}

fn is_span(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Em | Kind::Strong | Kind::Del | Kind::Link { .. } | Kind::Image { .. }
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

/// The alt text as written between `![` and its `]` (kramdown keeps it raw).
fn raw_alt(src: &str) -> String {
    let Some(body) = src.strip_prefix("![") else {
        return String::new();
    };
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' if depth == 0 => return body[..i].to_string(),
            ']' => depth -= 1,
            _ => {}
        }
    }
    body.to_string()
}

/// Whether the line after the one holding offset `end` is blank (quote markers ignored).
fn blank_line_follows(src: &str, end: usize) -> bool {
    let end = end.min(src.len());
    let from = if end > 0 && src.as_bytes()[end - 1] == b'\n' {
        end
    } else {
        match src[end..].find('\n') {
            Some(i) => end + i + 1,
            None => return false,
        }
    };
    if from >= src.len() {
        return false;
    }
    let line = src[from..].split('\n').next().unwrap_or("");
    line.trim_matches(|c: char| c == ' ' || c == '\t' || c == '>' || c == '\r')
        .is_empty()
}
