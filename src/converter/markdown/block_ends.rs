//! Where kramdown's block parser ends a construct elsewhere than CommonMark does: block HTML
//! runs to its end tag (`parse_block_html`), `markdown="1"` content is parsed, and kramdown's
//! table syntax (`table.rb`) takes lines with pipes. The events pulldown-cmark produced for
//! the consumed source are skipped and what follows is parsed afresh.

use pulldown_cmark::Tag;
use std::ops::Range;

use super::build::Builder;
use super::fragment::is_borrowed_note;
use super::html_block;
use super::html_tag::StartTag;
use super::source::{at_line_start, blank_line_before, line_start, next_blank_line};
use super::table;
use super::tree::{Block, Document, Inline, Para};

impl Builder<'_> {
    /// A top-level block HTML element: rendered from the source up to its end tag; the
    /// events it covers are skipped. Returns false when kramdown would not see block HTML.
    /// Whatever follows the element in CommonMark's HTML block (or on the end tag's line) is
    /// Markdown again for kramdown.
    pub(super) fn top_level_html(&mut self, range: Range<usize>) -> bool {
        let start = range.start;
        if self.stack.len() != 1 {
            return false;
        }
        if self.continues_paragraph(start) {
            let end = next_blank_line(self.src, start);
            let text = self.src[start..end].to_string();
            self.merge_into_paragraph(&text);
            self.skip_until = end;
            return true;
        }
        if html_block::block_start(&self.src[start..]).is_none() {
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
        self.resume(pos, rest_end);
        true
    }

    /// A comment or processing instruction right after a paragraph line: kramdown's
    /// paragraphs end only at element tags (`LAZY_END_HTML_START`), so it is span HTML of that
    /// paragraph.
    pub(super) fn continues_paragraph(&mut self, start: usize) -> bool {
        let line = self.src[start..].trim_start_matches(' ');
        (line.starts_with("<!") || line.starts_with("<?"))
            && matches!(self.top().blocks.last(), Some(Block::Para(p)) if !p.transparent)
            && !blank_line_before(self.src, line_start(self.src, start))
    }

    /// Appends `text`, read as paragraph text, to the paragraph just closed.
    pub(super) fn merge_into_paragraph(&mut self, text: &str) {
        let mut blocks = self.paragraph_fragment(text).into_iter();
        let first = blocks.next();
        if let (Some(Block::Para(more)), Some(Block::Para(p))) =
            (first, self.top().blocks.last_mut())
        {
            p.inlines.push(Inline::Soft);
            p.inlines.extend(more.inlines);
            p.blank_after = more.blank_after;
        }
        for block in blocks {
            self.block(block);
        }
    }

    /// kramdown's table syntax at a top-level block start; a GFM table kramdown rejects (no
    /// blank line after it) is read again as paragraphs. Returns whether the events of
    /// `range` were consumed.
    pub(super) fn kramdown_table(&mut self, tag: &Tag<'_>, range: &Range<usize>) -> bool {
        if !self.tables || self.stack.len() != 1 {
            return false;
        }
        let line_start = self.src[..range.start]
            .rfind('\n')
            .map(|i| i + 1)
            .unwrap_or(0);
        let boundary = self.top().blocks.is_empty() || blank_line_before(self.src, line_start);
        let parsed = if boundary {
            table::parse(&self.src[line_start..], self)
        } else {
            None
        };
        match parsed {
            Some((table, used)) => {
                self.block(table);
                self.resume(line_start + used, range.end);
                true
            }
            None if matches!(tag, Tag::Table(_)) => {
                let src = self.with_notes(&self.src[range.clone()]);
                let doc = self.child(&src).without_tables().run();
                self.adopt(doc);
                self.skip_until = range.end;
                true
            }
            None => false,
        }
    }

    /// Skips the events up to `end` and parses the source from `pos` to there afresh (what
    /// follows a construct kramdown ends earlier than CommonMark does).
    fn resume(&mut self, pos: usize, end: usize) {
        self.skip_until = pos.max(end);
        if end > pos {
            let src = self.with_notes(&self.src[pos..end]);
            let doc = self.child(&src).run();
            self.adopt(doc);
        }
    }

    fn adopt(&mut self, doc: Document) {
        for block in doc.blocks {
            self.block(block);
        }
        let real = doc
            .footnotes
            .into_iter()
            .filter(|(_, b)| !is_borrowed_note(b));
        self.footnotes.extend(real);
    }

    /// An HTML element with Markdown content; returns the source length it used.
    fn markdown_element(&mut self, el: html_block::Element, span: bool, start: usize) -> usize {
        let inner = &self.src[start + el.content.start..start + el.content.end];
        let src = self.with_notes(inner);
        let doc = self.child(&src).run();
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
}
