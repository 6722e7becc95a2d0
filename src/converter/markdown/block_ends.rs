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
use super::source::{at_line_start, blank_line_before, line_start, next_blank_line, paragraph_end};
use super::table;
use super::tree::{Block, Document, Inline, Para};

impl<'a> Builder<'a> {
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
            let end = paragraph_end(self.src, start);
            let text = self.src[start..end].to_string();
            self.merge_into_paragraph(&text);
            self.skip_until = end;
            let top = self.top();
            top.last_end = top.last_end.max(end);
            return true;
        }
        if html_block::block_start(&self.src[start..]).is_none() {
            return self.html_as_paragraph(range);
        }
        if self.blank_precedes(start) {
            self.push_blank();
        }
        let used =
            match html_block::markdown_element(&self.src[start..], self.parse_block_html_at(start))
            {
                Some((el, span)) => self.markdown_element(el, span, start),
                None => {
                    let (parts, used) = html_block::render(&self.src[start..]);
                    self.html_parts(parts);
                    used
                }
            };
        let pos = start + used.max(1);
        let rest_end = if at_line_start(self.src, pos) {
            pos.max(range.end)
        } else if pos < range.end {
            self.paragraph_after_html(pos, range.end)
        } else {
            next_blank_line(self.src, pos)
        };
        let blank = self.src[pos..]
            .split(|c: char| !c.is_whitespace())
            .next()
            .is_some_and(|gap| gap.matches('\n').count() > 1);
        self.resume_joined(pos, rest_end, !blank);
        true
    }

    /// CommonMark's HTML block that kramdown reads as paragraphs (a processing instruction,
    /// CDATA…): the lines after it continue its last paragraph, which CommonMark ends with the
    /// block. Returns false where nothing follows on the next line (the block is then read as
    /// paragraphs when it closes, `close_html`).
    fn html_as_paragraph(&mut self, range: Range<usize>) -> bool {
        let src = self.src;
        let last_line = line_start(src, range.end.saturating_sub(1)).max(range.start);
        if range.end <= range.start
            || !src[..range.end].ends_with('\n')
            || src[last_line..range.end].trim().is_empty()
        {
            return false;
        }
        let end = paragraph_end(src, last_line);
        if end <= range.end {
            return false;
        }
        self.block_start = Some(range.start);
        for block in self.paragraph_fragment(&src[range.start..end]) {
            self.block(block);
        }
        self.skip_until = end;
        let top = self.top();
        top.last_end = top.last_end.max(end);
        true
    }

    /// Where the paragraph ends that begins after a block HTML element on its line, inside
    /// CommonMark's HTML block ending at `block_end`: kramdown goes on parsing after the
    /// element, and the lines after a comment or `<script>` block continue that paragraph.
    /// Where pulldown-cmark reads those lines as indented code, which may run on past a
    /// blank line, the HTML block's end stays the limit (the events are not cut apart).
    fn paragraph_after_html(&self, pos: usize, block_end: usize) -> usize {
        let end = block_end.max(paragraph_end(self.src, pos));
        let indented = self.src[block_end..end]
            .split_inclusive('\n')
            .any(|line| line.starts_with("    ") || line.starts_with('\t'));
        if indented { block_end } else { end }
    }

    /// A horizontal rule; right after a paragraph line (no blank line) kramdown does not end
    /// the paragraph (`HR_START` is no paragraph end) unless the rule looks like a list item,
    /// so the line is paragraph text.
    pub(super) fn rule(&mut self, range: Range<usize>) {
        self.close_implicit_para();
        let start = range.start;
        let top_level = self.stack.len() == 1;
        // `* * *` looks like a list start, which does end a paragraph (`PARAGRAPH_END`).
        let line = self.src[start..].trim_start_matches(' ');
        let list_like = ["* ", "- ", "+ ", "*\t", "-\t", "+\t"]
            .iter()
            .any(|m| line.starts_with(m));
        let lazy = top_level
            && !list_like
            && !self.lines.blank_line_before(self.src, start)
            && lazy_paragraph(self.top_blocks()).is_some();
        if !lazy {
            self.block_start = Some(start);
            self.block(Block::Rule(Vec::new()));
            return;
        }
        if self.lazy_setext(start) {
            return;
        }
        let end = paragraph_end(self.src, start);
        let text = self.src[start..end].to_string();
        self.merge_into_paragraph(&text);
        self.skip_until = end;
        let top = self.top();
        top.last_end = top.last_end.max(end);
    }

    /// `---` as a lazy line under a one-line paragraph that opens a list item or quote: the
    /// container's content reads as a setext header there.
    fn lazy_setext(&mut self, start: usize) -> bool {
        let src = self.src;
        let line_end = self.src[start..]
            .find('\n')
            .map(|i| start + i)
            .unwrap_or(self.src.len());
        let line = self.src[start..line_end].trim_end();
        if !line.bytes().all(|b| b == b'-') {
            return false;
        }
        let in_container = matches!(
            self.top_blocks().last(),
            Some(Block::List { .. } | Block::Quote { .. })
        );
        let Some((slot, first)) = lazy_slot(self.top_blocks()) else {
            return false;
        };
        let Block::Para(p) = slot else {
            return false;
        };
        let boundary = first || blank_line_before(src, line_start(src, p.span.0));
        if !in_container || !boundary || p.inlines.iter().any(|i| matches!(i, Inline::Soft)) {
            return false;
        }
        let inlines = std::mem::take(&mut p.inlines);
        *slot = Block::Heading {
            level: 2,
            inlines,
            attrs: Vec::new(),
        };
        self.skip_until = line_end;
        true
    }

    /// A comment or processing instruction right after a paragraph line: kramdown's
    /// paragraphs end only at element tags (`LAZY_END_HTML_START`), so it is span HTML of that
    /// paragraph.
    pub(super) fn continues_paragraph(&mut self, start: usize) -> bool {
        let line = self.src[start..].trim_start_matches(' ');
        (line.starts_with("<!") || line.starts_with("<?"))
            && !self.lines.blank_line_before(self.src, start)
            && lazy_paragraph(self.top_blocks()).is_some()
    }

    /// Appends `text`, read as paragraph text, to the paragraph just closed.
    pub(super) fn merge_into_paragraph(&mut self, text: &str) {
        let mut blocks = self.paragraph_fragment(text).into_iter();
        let first = blocks.next();
        if let (Some(Block::Para(more)), Some(p)) = (first, lazy_paragraph(self.top_blocks())) {
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
        let line_start = self.lines.of(range.start);
        let boundary = self.top_blocks().is_empty()
            || self.lines.blank_line_before(self.src, line_start)
            || super::block_extensions::follows_marker(self.src, line_start);
        let parsed = if boundary {
            table::parse(&self.src[line_start..], self)
        } else {
            None
        };
        match parsed {
            Some((table, used)) => {
                if self.blank_precedes(line_start) {
                    self.push_blank();
                }
                self.block(table);
                self.resume(line_start + used, range.end);
                true
            }
            None if matches!(tag, Tag::Table(_)) => {
                if self.blank_precedes(range.start) {
                    self.push_blank();
                }
                let src = self.with_notes(&self.src[range.clone()]);
                let doc = self.child(&src).without_tables().run().into_owned();
                self.adopt(doc, false);
                self.skip_until = range.end;
                true
            }
            None => false,
        }
    }

    /// Skips the events up to `end` and parses the source from `pos` to there afresh (what
    /// follows a construct kramdown ends earlier than CommonMark does).
    fn resume(&mut self, pos: usize, end: usize) {
        self.resume_joined(pos, end, false);
    }

    /// `resume`; with `join`, block HTML right at `pos` joins the block HTML before it (no
    /// blank line between them, so kramdown writes none).
    fn resume_joined(&mut self, pos: usize, end: usize, join: bool) {
        self.skip_until = pos.max(end);
        if end > pos {
            let src = self.with_notes(&self.src[pos..end]);
            let mut child = self.child(&src);
            child.first_line_open = !at_line_start(self.src, pos);
            let doc = child.run().into_owned();
            self.adopt(doc, join);
        }
    }

    fn adopt(&mut self, doc: Document<'a>, join: bool) {
        for (i, block) in doc.blocks.into_iter().enumerate() {
            if i == 0
                && join
                && let Block::Html(next) = &block
                && let Some(Block::Html(prev)) = self.top_blocks().last_mut()
            {
                prev.push('\n');
                prev.push_str(next);
                continue;
            }
            self.block(block);
        }
        let real = doc
            .footnotes
            .into_iter()
            .filter(|(_, b)| !is_borrowed_note(b));
        self.footnotes.extend(real);
    }

    /// Raw HTML pieces as blocks; nested elements with Markdown content are parsed. Raw
    /// elements with no blank line between them are one block: kramdown writes a blank line
    /// only where the source has one.
    pub(super) fn html_parts(&mut self, parts: Vec<html_block::Part>) {
        let nested = |p: &html_block::Part| matches!(p, html_block::Part::Markdown { depth, .. } if *depth > 0);
        if parts.iter().any(nested) {
            return self.html_run(parts);
        }
        let mut raw: Option<String> = None;
        for part in parts {
            match part {
                html_block::Part::Raw(html) if html.trim().is_empty() => {
                    if html.matches('\n').count() > 1
                        && let Some(html) = raw.take()
                    {
                        self.block(Block::Html(html));
                        self.push_blank();
                    }
                }
                html_block::Part::Raw(html) => match &mut raw {
                    Some(joined) => {
                        joined.push('\n');
                        joined.push_str(&html);
                    }
                    None => raw = Some(html),
                },
                html_block::Part::Markdown {
                    tag, content, span, ..
                } => {
                    if let Some(html) = raw.take() {
                        self.block(Block::Html(html));
                    }
                    self.element_block(tag, &content, span, 0);
                }
            }
        }
        if let Some(html) = raw {
            self.block(Block::Html(html));
        }
    }

    /// Raw HTML with elements of Markdown content inside: kramdown keeps the raw text
    /// around them as it is (whitespace included) and writes them in line with it.
    fn html_run(&mut self, parts: Vec<html_block::Part>) {
        for part in parts {
            match part {
                html_block::Part::Raw(html) => self.block(Block::Html(html)),
                html_block::Part::Markdown {
                    tag,
                    content,
                    span,
                    depth,
                } => self.element_block(tag, &content, span, depth),
            }
        }
    }

    /// An HTML element whose content is Markdown, parsed as such.
    fn element_block(&mut self, tag: StartTag, content: &str, span: bool, depth: usize) {
        let blocks = self.markdown_content(content, span);
        let StartTag { name, attrs, .. } = tag;
        self.block(Block::HtmlElement {
            name,
            attrs,
            span,
            blocks,
            depth,
        });
    }

    /// An HTML element with Markdown content; returns the source length it used.
    fn markdown_element(&mut self, el: html_block::Element, span: bool, start: usize) -> usize {
        let inner = self.src[start + el.content.start..start + el.content.end].to_string();
        let blocks = self.markdown_content(&inner, span);
        let StartTag { name, attrs, .. } = el.tag;
        self.block(Block::HtmlElement {
            name,
            attrs,
            span,
            blocks,
            depth: 0,
        });
        el.used
    }

    /// Parses an HTML element's Markdown content: blocks, or one transparent paragraph for
    /// span content.
    fn markdown_content(&mut self, inner: &str, span: bool) -> Vec<Block<'static>> {
        let src = self.with_notes(inner);
        let mut child = self.child(&src);
        child.first_line_open = true;
        let doc = child.run().into_owned();
        let real = doc
            .footnotes
            .into_iter()
            .filter(|(_, b)| !is_borrowed_note(b));
        self.footnotes.extend(real);
        if !span {
            return doc.blocks;
        }
        // Span content is the text as written: the line breaks after the start tag and
        // before the end tag stay.
        let edge = |s: &str| Inline::Str(s.to_string().into());
        let lead = &inner[..inner.len() - inner.trim_start().len()];
        let trail = &inner[inner.trim_end().len()..];
        let mut inlines = Vec::new();
        for block in doc.blocks {
            if let Block::Para(p) = block {
                if !inlines.is_empty() {
                    inlines.push(Inline::Soft);
                }
                inlines.extend(p.inlines);
            }
        }
        if !inlines.is_empty() && !inner.trim().is_empty() {
            inlines.insert(0, edge(lead));
            inlines.push(edge(trail));
        }
        vec![Block::Para(Para {
            inlines,
            transparent: true,
            ..Para::default()
        })]
    }
}

/// The paragraph a lazy line continues: the last block's, or that of a list's last item.
fn lazy_paragraph<'b, 's>(blocks: &'b mut [Block<'s>]) -> Option<&'b mut Para<'s>> {
    match lazy_slot(blocks)? {
        (Block::Para(p), _) => Some(p),
        _ => None,
    }
}

/// The block a lazy line continues (the last one, inside trailing lists and quotes), with
/// whether it opens its container.
fn lazy_slot<'b, 's>(blocks: &'b mut [Block<'s>]) -> Option<(&'b mut Block<'s>, bool)> {
    let first = blocks.len() == 1;
    let last = blocks.last_mut()?;
    match last {
        Block::List { items, .. } => lazy_slot(&mut items.last_mut()?.blocks),
        Block::Quote { blocks, .. } => lazy_slot(blocks),
        _ => Some((last, first)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Options, convert};

    /// Every expectation is Jekyll 4.3's output (shared/tools/oracle/make_oracle.rb).
    #[test]
    fn text_after_block_html_on_its_line() {
        let cases = [
            ("<!-- c --> more\ntest\n", "<!-- c -->\n<p>more\ntest</p>\n"),
            (
                "<!-- foo -->*bar*\n*baz*\n",
                "<!-- foo -->\n<p><em>bar</em>\n<em>baz</em></p>\n",
            ),
            ("<!-- c -->\n  x\n", "<!-- c -->\n<p>x</p>\n"),
            ("<div>a</div> b\nc\n", "<div>a</div>\n<p>b\nc</p>\n"),
            (
                "<script>x</script> after\nline\n",
                "<script>x</script>\n<p>after\nline</p>\n",
            ),
            (
                "<!-- a --> b\n# h\n",
                "<!-- a -->\n<p>b</p>\n<h1 id=\"h\">h</h1>\n",
            ),
            (
                "<!-- c --> x\n- a\n\n- b\n",
                "<!-- c -->\n<p>x</p>\n<ul>\n  <li>\n    <p>a</p>\n  </li>\n  <li>\n    <p>b</p>\n  </li>\n</ul>\n",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(convert(src, &Options::default()), want, "{src:?}");
        }
    }

    /// Every expectation is Jekyll 4.3's output (shared/tools/oracle/make_oracle.rb).
    #[test]
    fn lines_after_html_read_as_paragraphs() {
        let cases = [
            (
                "<?php\n\n  echo '>';\n\n?>\nokay\n",
                "<p>&lt;?php</p>\n\n<p>echo ‘&gt;’;</p>\n\n<p>?&gt;\nokay</p>\n",
            ),
            (
                "<?php x ?>\nokay\n\nnext\n",
                "<p>&lt;?php x ?&gt;\nokay</p>\n\n<p>next</p>\n",
            ),
            (
                "para\n\n<?php x ?>\nokay\n- a\n",
                "<p>para</p>\n\n<p>&lt;?php x ?&gt;\nokay</p>\n<ul>\n  <li>a</li>\n</ul>\n",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(convert(src, &Options::default()), want, "{src:?}");
        }
    }
}
