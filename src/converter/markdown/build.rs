//! Builds the element tree from pulldown-cmark's event stream (the work kramdown's block and
//! span parsers do in `kramdown/parser/kramdown.rb`, with GFM's additions from
//! `kramdown/parser/gfm.rb`). Block HTML at the top level runs to its end tag as in kramdown.
//! The open elements are kept in `frames`, of a kind from `kinds`; closing one is `close`.

use pulldown_cmark::{BrokenLink, CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::borrowed::in_source;
use super::entities::kramdown_knows;

use super::html_tag::normalize_inline;
use super::options::Options;
use super::parser_options::{Rare, parser_options};
use super::source::{LineStarts, footnote_names, written_links};
use super::source::{escaped_at, kramdown_escape};

use super::frames::Frame;
pub(super) use super::kinds::Kind;
use super::kinds::{is_span, is_span_end};
use super::lazy_code;
use super::tree::{Block, Document, Inline, Next};

pub(crate) struct Builder<'a> {
    pub(super) src: &'a str,
    pub(super) opts: &'a Options,
    pub(super) stack: Vec<Frame<'a>>,
    /// How many of the open elements are block quotes (`quote_depth`), counted as they open
    /// and close: the builder asks at every block.
    pub(super) quotes: usize,
    /// The open elements' blocks, innermost last (see `Frame`).
    pub(super) blocks: Vec<Block<'a>>,
    /// The open elements' span elements, innermost last (see `Frame`).
    pub(super) inlines: Vec<Inline<'a>>,
    pub(super) footnotes: Vec<(String, Vec<Block<'a>>)>,
    /// Events starting before this offset were consumed by a top-level HTML block.
    pub(super) skip_until: usize,
    /// Tables are recognised (not inside table cells).
    pub(super) tables: bool,
    /// Link definitions of the enclosing document (for fragments parsed on their own).
    refs: Refs,
    /// Footnote names defined in the enclosing document.
    pub(super) notes: Rc<Vec<String>>,
    /// Link definitions as written (kramdown keeps the last one and its backslashes).
    pub(super) written: Rc<HashMap<String, (String, String, bool)>>,
    /// Where the block being closed starts (for kramdown's lazy list lines).
    pub(super) block_start: Option<usize>,
    /// The source is a fragment whose first line continues a line of the enclosing source
    /// (what follows an HTML tag), so it is no blank line.
    pub(super) first_line_open: bool,
    /// Footnote definitions' source, which leaves no block behind.
    pub(super) hidden: Vec<Range<usize>>,
    /// Where the last kramdown e-mail autolink (`autolink`) or namespaced tag (`xml_tags`)
    /// ends in the source: text events before it are part of it.
    pub(super) autolink_end: usize,
    /// The content of the last span element written from the source (`span_raw`): events
    /// inside it are skipped.
    pub(super) raw_span: Range<usize>,
    /// Where the source's lines start.
    pub(super) lines: LineStarts,
    /// Where the source has pipes (`tables_in_item`), once asked for.
    pub(super) pipes: Option<Range<usize>>,
    /// The rare characters of the source, when found before the builder ran.
    rare: Option<Rare>,
}

/// Link definitions by normalised label: URL and title.
pub(crate) type Refs = Rc<HashMap<String, (String, String)>>;

/// pulldown-cmark's label matching: case-insensitive, whitespace collapsed.
pub(super) fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<'a> Builder<'a> {
    pub(crate) fn new(src: &'a str, opts: &'a Options) -> Builder<'a> {
        Builder::with_lines(src, opts, LineStarts::new(src), None)
    }

    /// `new`, given the source's lines and maybe its rare characters (the top-level
    /// document's are found before the rewrite, which most documents pass unchanged).
    pub(crate) fn with_lines(
        src: &'a str,
        opts: &'a Options,
        lines: LineStarts,
        rare: Option<Rare>,
    ) -> Builder<'a> {
        let notes = match rare {
            Some(rare) if !rare.footnote => Vec::new(),
            _ => footnote_names(src),
        };
        let written = match rare {
            Some(rare) if !rare.link_definitions => HashMap::new(),
            _ => written_links(src),
        };
        Builder {
            src,
            opts,
            stack: Builder::with_root(),
            quotes: 0,
            blocks: Vec::with_capacity(16),
            inlines: Vec::with_capacity(32),
            footnotes: Vec::new(),
            skip_until: 0,
            tables: true,
            refs: Refs::default(),
            notes: Rc::new(notes),
            written: Rc::new(written),
            block_start: None,
            first_line_open: false,
            hidden: Vec::new(),
            autolink_end: 0,
            raw_span: 0..0,
            lines,
            pipes: None,
            rare,
        }
    }

    /// A builder for a fragment of this document's source (or of a cell), sharing its link
    /// definitions.
    pub(super) fn child<'b>(&self, src: &'b str) -> Builder<'b>
    where
        'a: 'b,
    {
        // The enclosing document's definitions as written serve the fragment: its own are
        // not searched for, and its footnote names are found once, by `with_lines`.
        let mut rare = Rare::in_bytes(src.as_bytes());
        rare.link_definitions = false;
        let mut b = Builder::with_lines(src, self.opts, LineStarts::new(src), Some(rare));
        b.refs = self.refs.clone();
        b.written = self.written.clone();
        let mut notes = (*self.notes).clone();
        notes.extend(b.notes.iter().cloned());
        b.notes = Rc::new(notes);
        b
    }

    /// For span-level content: no table syntax.
    pub(crate) fn without_tables(mut self) -> Self {
        self.tables = false;
        self
    }

    pub(crate) fn run(mut self) -> Document<'a> {
        let src = self.src;
        let rare = self.rare.unwrap_or_else(|| Rare::in_bytes(src.as_bytes()));
        let cm = parser_options(src, self.tables, &rare);
        let inherited = self.refs.clone();
        let callback = move |link: BrokenLink<'_>| {
            let (url, title) = inherited.get(&label_key(&link.reference))?;
            Some((CowStr::from(url.clone()), CowStr::from(title.clone())))
        };
        let parser = Parser::new_with_broken_link_callback(src, cm, Some(callback));
        if parser.reference_definitions().iter().next().is_some() {
            let mut refs = (*self.refs).clone();
            for (label, def) in parser.reference_definitions().iter() {
                let title = def.title.as_deref().unwrap_or("").to_string();
                refs.insert(label_key(label), (def.dest.to_string(), title));
            }
            self.refs = Rc::new(refs);
        }
        let mut events = parser.into_offset_iter();
        loop {
            // The event is read where the iterator put it: binding it by value copied it.
            let mut next = next_event(&mut events);
            let Some((event, range)) = &next else {
                break;
            };
            // The raw span is checked only once one began before the event.
            if range.start >= self.skip_until
                && (range.start >= self.raw_span.end || !self.in_raw_span(range))
            {
                self.event(event, range.clone());
            }
            // Most events own nothing and are forgotten: the out-of-line drop of an `Event`
            // costs more than the test. The others are dropped where they lie.
            if !owns_nothing(event) {
                next = None;
            }
            std::mem::forget(next);
        }
        while self.stack.len() > 1 {
            self.close_top(self.src.len());
        }
        self.trailing_blank();
        Document {
            blocks: std::mem::take(&mut self.blocks),
            footnotes: self.footnotes,
        }
    }

    fn event(&mut self, event: &Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(*tag, range),
            Event::Text(t) => self.text(as_str(t), range),
            Event::Code(t) => {
                let code = self.raw_code(as_str(t), &range);
                self.inline(Inline::Code(code), range)
            }
            // kramdown's math is `$$…$$` only; `$…$` stays text.
            Event::DisplayMath(t) => self.inline(Inline::Math(t.trim().to_string()), range),
            Event::InlineMath(_) => {
                let raw = super::source::unescape_gfm(&self.src[range.clone()]);
                self.inline(text(raw.into(), usize::MAX, ""), range)
            }
            Event::Html(t) => self.top().more().text.push_str(t),
            // `<<tag>>`: kramdown reads the typographic `<<` first.
            Event::InlineHtml(t) if self.src[..range.start].ends_with('<') => self.text(t, range),
            // kramdown reads a processing instruction as text (typography applies).
            Event::InlineHtml(t) if t.starts_with("<?") => self.text(t, range),
            Event::InlineHtml(t)
                if t.starts_with('<')
                    && t[1..].starts_with(|c: char| c.is_ascii_alphabetic())
                    && !is_span(&self.top().kind)
                    && self.raw_span_element(&range) => {}
            Event::InlineHtml(t) if super::span_html::is_text(t) => {
                self.inline(Inline::Str(t.to_string().into()), range)
            }
            Event::InlineHtml(t) => self.inline(Inline::Html(normalize_inline(t)), range),
            Event::FootnoteReference(name) => {
                self.inline(Inline::FootnoteRef(name.to_string()), range)
            }
            Event::SoftBreak => self.line_end(false, range),
            Event::HardBreak => self.line_end(true, range),
            Event::Rule => self.rule(range),
            Event::TaskListMarker(done) => self.inline(Inline::Task(*done), range),
        }
    }

    pub(super) fn text(&mut self, t: &str, range: Range<usize>) {
        if let Kind::Code(code) = &self.top().kind {
            let blank = code.indented && lazy_code::is_blank_run(t);
            let as_written = blank.then(|| self.code_blank_lines(&range)).flatten();
            let t = as_written.as_deref().unwrap_or(t);
            self.top().more().text.push_str(t);
            return;
        }
        if range.start < self.autolink_end {
            return self.after_autolink(range);
        }
        if t.starts_with('<')
            && self.src[range.start..].starts_with('<')
            && !escaped_at(self.src, range.start)
            && let Some(end) = self
                .autolink_in_text(&range)
                .or_else(|| self.namespaced_tag(&range))
        {
            self.autolink_end = end;
            return;
        }
        // A `]` CommonMark did not close a link with: kramdown may (`inline_link`).
        if t == "]"
            && range.len() == 1
            && self.src[range.end..].starts_with('(')
            && let Some(end) = self.kramdown_inline_link(&range)
        {
            // The events up to the link's end are text (`inline_link`), cut as after an
            // autolink.
            self.autolink_end = end;
            return;
        }
        let src = self.src;
        let raw = &src[range.clone()];
        let next = &src[range.end..];
        let (t, literal) = if escaped_at(src, range.start) {
            let (t, literal) = kramdown_escape(t);
            (Cow::Owned(t), literal)
        } else if raw.starts_with('&') {
            let t = if kramdown_knows(raw) {
                Cow::Owned(t.to_string())
            } else {
                Cow::Borrowed(raw)
            };
            (t, usize::MAX)
        } else if t.as_ptr() == raw.as_ptr() && t.len() == raw.len() {
            // Most text is its source range as written: that range, without a search.
            (Cow::Borrowed(raw), 0)
        } else {
            (
                in_source(src, t).map_or_else(|| Cow::Owned(t.to_string()), Cow::Borrowed),
                0,
            )
        };
        self.inline(text(t, literal, next), range);
    }

    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>) {
        if matches!(tag, Tag::Paragraph | Tag::Table(_)) && self.kramdown_table(tag, &range) {
            return;
        }
        if matches!(tag, Tag::HtmlBlock) && self.top_level_html(range.clone()) {
            return;
        }
        if matches!(tag, Tag::Paragraph)
            && self.src[range.start..].starts_with(['<', ' '])
            && super::xml_tags::starts_block(&self.src[range.start..])
            && self.top_level_html(range.clone())
        {
            return;
        }
        let kind = self.kind_of(tag, &range);
        if is_span(&kind) {
            self.ensure_inline_parent(range.start);
        } else {
            self.close_implicit_para();
        }
        self.open(kind, range.start, 0);
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        let span_end = is_span_end(tag);
        if !span_end {
            self.close_implicit_para();
        }
        if tag == TagEnd::HtmlBlock && !matches!(self.top().kind, Kind::Html) {
            return;
        }
        // A span whose start `span_raw` skipped (it began inside a raw element).
        if span_end && !is_span(&self.top().kind) {
            return;
        }
        if self.stack.len() > 1 {
            self.close_top(range.end);
        }
    }

    /// Adds a span element to the innermost inline container. Inlined: a call moved the
    /// element once more.
    #[inline(always)]
    pub(super) fn inline(&mut self, inline: Inline<'a>, range: Range<usize>) {
        self.ensure_inline_parent(range.start);
        let top = self.top();
        top.end = top.end.max(range.end);
        self.inlines.push(inline);
    }

    /// Tight list items hold their text without a paragraph event: open one. Asked at every
    /// span element and seldom so: the test is inlined, the opening is not.
    #[inline]
    fn ensure_inline_parent(&mut self, start: usize) {
        if matches!(
            self.top().kind,
            Kind::Root | Kind::Item | Kind::Quote | Kind::FootnoteDef(_) | Kind::DefDefinition
        ) {
            self.open_implicit_para(start);
        }
    }

    #[inline(never)]
    fn open_implicit_para(&mut self, start: usize) {
        self.open(Kind::Para { implicit: true }, start, start);
    }

    pub(super) fn close_implicit_para(&mut self) {
        if matches!(self.top().kind, Kind::Para { implicit: true }) {
            let end = self.top().end;
            self.close_top(end);
        }
    }

    /// Adds a block element to the innermost block container.
    pub(super) fn block(&mut self, block: Block<'a>) {
        self.close_implicit_para();
        let start = self.block_start.take();
        if matches!(block, Block::Blank) {
            self.push_blank();
            return;
        }
        if self.is_lazy_line(&block, start) {
            self.push_lazy_line(block);
            return;
        }
        if start.is_some_and(|s| self.blank_precedes(s)) {
            self.push_blank();
        }
        self.blocks.push(block);
    }
}

/// pulldown-cmark's next event, kept out of line: inlined into `Builder::run`, the iterator
/// made one large function whose event copies stalled on the stores just made (perf showed
/// them as the builder's top cost); apart, the blog posts convert about 5% faster
/// (`examples/markdown_profile`, best of eight runs each way).
#[inline(never)]
fn next_event<'e, I>(events: &mut I) -> Option<(Event<'e>, Range<usize>)>
where
    I: Iterator<Item = (Event<'e>, Range<usize>)>,
{
    events.next()
}

/// Whether an event holds no string of its own nor any Vec (the frequent ones, checked).
fn owns_nothing(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::End(_)
            | Event::Text(CowStr::Borrowed(_))
            | Event::Code(CowStr::Borrowed(_))
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Start(Tag::Link {
                dest_url: CowStr::Borrowed(_),
                title: CowStr::Borrowed(_),
                id: CowStr::Borrowed(_),
                ..
            })
            | Event::Start(
                Tag::Paragraph
                    | Tag::Item
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell
                    | Tag::List(_)
                    | Tag::BlockQuote(None)
                    | Tag::CodeBlock(CodeBlockKind::Indented)
            )
    )
}

/// The text of a pulldown-cmark string. Its `Deref` is not inlined across the crate
/// boundary, and nearly every string of an event is borrowed from the source.
pub(super) fn as_str<'c>(s: &'c CowStr<'_>) -> &'c str {
    match s {
        CowStr::Borrowed(b) => b,
        _ => s,
    }
}

fn text<'s>(text: Cow<'s, str>, literal: usize, next: &str) -> Inline<'s> {
    Inline::Text {
        text,
        literal,
        next: Next::of(next),
    }
}
