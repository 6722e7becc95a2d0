//! Writes the element tree as kramdown's HTML converter does (`kramdown/converter/html.rb`):
//! the same tags, attribute order, two-space indentation of nested blocks, Rouge wrappers for
//! code and `<br />`-style empty elements. Span elements are written by `writer_inline`.

use super::entities::{push_escaped_attr, push_escaped_text};
use super::footnotes::Footnotes;
use super::highlighter::Highlighter;
use super::options::Options;
use super::rouge_options::{extract_code_language, push_rouge_attributes};
use super::tree::{Align, Attrs, Block, DefPart, Document, Inline, Item, Section, TableSection};

/// Stands for the footnotes where a `{:footnotes}` list was.
pub(crate) const FOOTNOTES_PLACE: &str = "\u{E002}footnotes";

/// Writes the whole document, footnotes last (or where `{:footnotes}` put them). The output
/// is reserved once, from `src_len`, the length of the Markdown source.
pub(crate) fn write(
    doc: &Document,
    opts: &Options,
    hl: &dyn Highlighter,
    src_len: usize,
) -> String {
    let mut w = Writer::new(doc, opts, hl, out_capacity(src_len));
    w.blocks(&doc.blocks, 0);
    let notes = w.footnotes();
    if let Some(at) = footnotes_place(&w.out) {
        w.out.replace_range(at..at + FOOTNOTES_LINE.len(), &notes);
        return w.out;
    }
    w.out.push_str(&notes);
    w.out
}

/// The output's first allocation: HTML is about one and a half times as long as its
/// Markdown, so most documents need no reallocation.
fn out_capacity(src_len: usize) -> usize {
    src_len + src_len / 2 + 256
}

/// `FOOTNOTES_PLACE` as the line the writer makes of it.
const FOOTNOTES_LINE: &str = "\u{E002}footnotes\n";

/// Where the first `FOOTNOTES_LINE` is. Its first byte (of a private-use character) is rare
/// in any output, so a vector search for that byte passes over the whole output quickly.
fn footnotes_place(out: &str) -> Option<usize> {
    let bytes = out.as_bytes();
    let first = FOOTNOTES_LINE.as_bytes()[0];
    memchr::memchr_iter(first, bytes).find(|&at| bytes[at..].starts_with(FOOTNOTES_LINE.as_bytes()))
}

pub(crate) struct Writer<'a> {
    pub opts: &'a Options,
    pub hl: &'a dyn Highlighter,
    pub notes: Footnotes<'a>,
    pub out: String,
    /// The lexers of code blocks and of code spans without a language, once looked up.
    pub(super) plain_lexers: [Option<Option<&'a str>>; 2],
}

impl<'a> Writer<'a> {
    /// A writer of `doc`'s HTML into an output reserved for `capacity` bytes.
    fn new(
        doc: &'a Document,
        opts: &'a Options,
        hl: &'a dyn Highlighter,
        capacity: usize,
    ) -> Writer<'a> {
        Writer {
            opts,
            hl,
            notes: Footnotes::new(doc, opts),
            out: String::with_capacity(capacity),
            plain_lexers: [None; 2],
        }
    }

    /// Writes sibling blocks; the blank lines between them are blocks of their own.
    pub fn blocks(&mut self, blocks: &[Block], indent: usize) {
        let nested =
            |b: Option<&Block>| matches!(b, Some(Block::HtmlElement { depth, .. }) if *depth > 0);
        for (i, block) in blocks.iter().enumerate() {
            match block {
                // Raw HTML around a nested element with Markdown content runs into it.
                Block::Html(html) => {
                    if !(i > 0 && nested(blocks.get(i - 1))) {
                        self.pad(indent);
                    }
                    self.out.push_str(html);
                    if !nested(blocks.get(i + 1)) {
                        self.out.push('\n');
                    }
                }
                _ => self.block(block, indent),
            }
        }
    }

    fn block(&mut self, block: &Block, indent: usize) {
        match block {
            Block::Blank => self.out.push('\n'),
            Block::Para(p) if p.transparent => self.inlines(&p.inlines),
            // The most common block: its tags as literals, which are copied without a call.
            Block::Para(p) if p.attrs.is_empty() => {
                self.pad(indent);
                self.out.push_str("<p>");
                self.inlines(&p.inlines);
                self.out.push_str("</p>\n");
            }
            Block::Para(p) => self.simple("p", &p.attrs, &p.inlines, indent),
            Block::Heading {
                level,
                inlines,
                attrs,
            } => {
                let level = (i64::from(*level) + self.opts.header_offset).clamp(1, 6);
                let tag = ["h1", "h2", "h3", "h4", "h5", "h6"][level as usize - 1];
                self.simple(tag, attrs, inlines, indent)
            }
            Block::Code { lang, text, attrs } => {
                self.code_block(lang.as_deref(), text, attrs, indent)
            }
            Block::Html(html) => {
                self.pad(indent);
                self.out.push_str(html);
                self.out.push('\n');
            }
            Block::Rule(attrs) => {
                self.pad(indent);
                self.out.push_str("<hr");
                push_attributes(&mut self.out, attrs);
                self.out.push_str(" />\n");
            }
            Block::Quote { blocks, attrs } => {
                self.open("blockquote", attrs, indent);
                self.blocks(blocks, indent + 2);
                self.close("blockquote", indent);
            }
            Block::List {
                ordered,
                items,
                attrs,
            } => {
                let tag = if *ordered { "ol" } else { "ul" };
                self.open(tag, attrs, indent);
                for item in items {
                    self.item("li", item, indent + 2);
                }
                self.close(tag, indent);
            }
            Block::Table {
                aligns,
                sections,
                attrs,
            } => self.table(aligns, sections, attrs, indent),
            Block::DefList(parts, attrs) => self.def_list(parts, attrs, indent),
            // Replaced by the table of contents (or a plain list) before writing.
            Block::Toc { .. } => {}
            // kramdown's MathJax engine (`math_engine/mathjax.rb`).
            Block::Math(math, attrs) => self.math(math, attrs, indent),
            Block::HtmlElement {
                name,
                attrs,
                span,
                blocks,
                depth: 0,
            } => self.html_element(name, attrs, *span, blocks, indent),
            Block::HtmlElement {
                name,
                attrs,
                span,
                blocks,
                depth,
            } => {
                let start = self.out.len();
                self.html_element(name, attrs, *span, blocks, 2 * depth);
                // In line with the raw HTML around it: no indentation, no line end.
                let spaces = self.out[start..].bytes().take_while(|&b| b == b' ').count();
                self.out.drain(start..start + spaces);
                let end = self.out.trim_end_matches('\n').len().max(start);
                self.out.truncate(end);
            }
        }
    }

    /// kramdown's `convert_html_element` for block HTML with Markdown content.
    fn html_element(
        &mut self,
        name: &str,
        attrs: &Attrs,
        span: bool,
        blocks: &[Block],
        indent: usize,
    ) {
        self.pad(indent);
        self.start_tag(name, attrs);
        if span {
            self.blocks(blocks, indent + 2);
        } else if !blocks.is_empty() {
            self.out.push('\n');
            self.blocks(blocks, indent + 2);
            self.pad(indent);
        }
        self.end_tag(name);
        self.out.push('\n');
    }

    /// kramdown's MathJax engine (`math_engine/mathjax.rb`): `\[…\]`, in a `<div>` only when
    /// the block has attributes. The engine's result is not indented: only that `<div>` is
    /// (`format_as_block_html`).
    fn math(&mut self, math: &str, attrs: &Attrs, indent: usize) {
        if !attrs.is_empty() {
            self.pad(indent);
            self.start_tag("div", attrs);
        }
        self.out.push_str("\\[");
        push_escaped_text(&mut self.out, math);
        self.out.push_str("\\]\n");
        if !attrs.is_empty() {
            self.out.push_str("</div>\n");
        }
    }

    /// `<name attrs>inline content</name>` on one line.
    fn simple(&mut self, name: &str, attrs: &Attrs, inlines: &[Inline], indent: usize) {
        self.pad(indent);
        self.start_tag(name, attrs);
        self.inlines(inlines);
        self.end_tag(name);
        self.out.push('\n');
    }

    #[inline]
    fn open(&mut self, name: &str, attrs: &Attrs, indent: usize) {
        self.pad(indent);
        self.start_tag(name, attrs);
        self.out.push('\n');
    }

    #[inline]
    fn close(&mut self, name: &str, indent: usize) {
        self.pad(indent);
        self.end_tag(name);
        self.out.push('\n');
    }

    /// `indent` spaces, copied from a run of them. Most indentation is a few levels deep:
    /// the whole run is copied (plain stores, where a copy of variable length is a library
    /// call) and cut to length.
    fn pad(&mut self, mut indent: usize) {
        const SPACES: &str = "                ";
        while indent > SPACES.len() {
            self.out.push_str(SPACES);
            indent -= SPACES.len();
        }
        if indent > 0 {
            let len = self.out.len();
            self.out.push_str(SPACES);
            self.out.truncate(len + indent);
        }
    }

    #[inline]
    pub(super) fn start_tag(&mut self, name: &str, attrs: &Attrs) {
        self.out.push('<');
        self.out.push_str(name);
        push_attributes(&mut self.out, attrs);
        self.out.push('>');
    }

    #[inline]
    pub(super) fn end_tag(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// kramdown's `convert_li`: a transparent first paragraph follows the tag directly.
    pub fn item(&mut self, tag: &str, item: &Item, indent: usize) {
        self.pad(indent);
        self.start_tag(tag, &item.attrs);
        let transparent = matches!(item.blocks.first(), Some(Block::Para(p)) if p.transparent);
        if item.blocks.is_empty() {
        } else if transparent {
            // The parser ended the paragraph's text with a newline when more blocks follow.
            self.blocks(&item.blocks, indent + 2);
            if self.out.ends_with('\n') {
                self.pad(indent);
            }
        } else {
            self.out.push('\n');
            self.blocks(&item.blocks, indent + 2);
            self.pad(indent);
        }
        self.end_tag(tag);
        self.out.push('\n');
    }

    /// kramdown's `convert_codeblock` with Rouge: a wrapper `div` when Rouge knows the
    /// language (plaintext by default), else a bare `pre`.
    fn code_block(&mut self, lang: Option<&str>, text: &str, attrs: &Attrs, indent: usize) {
        let (class_lang, attrs) = extract_code_language(lang, attrs);
        let opts = self.opts;
        let rouge = &opts.rouge.block;
        self.pad(indent);
        let Some(full) = self.lexer(false, lang.or(class_lang.as_deref())) else {
            self.start_tag("pre", &attrs);
            self.out.push_str("<code");
            if let Some(lang) = &class_lang {
                self.out.push_str(" class=\"language-");
                self.out.push_str(lang);
                self.out.push('"');
            }
            self.out.push('>');
            push_escaped_text(&mut self.out, text.strip_suffix('\n').unwrap_or(text));
            self.out.push_str("\n</code></pre>\n");
            return;
        };
        let shown = class_lang.as_deref().unwrap_or(&rouge.default_lang);
        self.out.push_str("<div");
        push_rouge_attributes(&mut self.out, &attrs, shown);
        self.out.push_str("><div class=\"highlight\"><pre class=\"");
        push_escaped_attr(&mut self.out, &rouge.css_class, false);
        self.out.push_str("\"><code>");
        rouge.push_formatted(&mut self.out, text, self.hl, full);
        self.out.push_str("</code></pre></div>");
        self.pad(indent);
        self.out.push_str("</div>\n");
    }

    fn table(&mut self, aligns: &[Align], sections: &[TableSection], attrs: &Attrs, indent: usize) {
        self.open("table", attrs, indent);
        for section in sections.iter().filter(|s| !s.rows.is_empty()) {
            let (tag, head) = match section.kind {
                Section::Head => ("thead", true),
                Section::Body => ("tbody", false),
                Section::Foot => ("tfoot", false),
            };
            self.open(tag, &Vec::new(), indent + 2);
            for row in &section.rows {
                self.row(head, aligns, row, indent + 4);
            }
            self.close(tag, indent + 2);
        }
        self.close("table", indent);
    }

    /// One row; cells beyond the header's count are dropped and missing ones added empty.
    /// A table has many cells: each tag is one literal.
    fn row(&mut self, head: bool, aligns: &[Align], cells: &[Vec<Inline>], indent: usize) {
        self.pad(indent);
        self.out.push_str("<tr>\n");
        for (i, align) in aligns.iter().enumerate() {
            self.pad(indent + 2);
            self.out.push_str(cell_start(head, *align));
            match cells.get(i) {
                Some(c) if !c.is_empty() => self.children(c),
                _ => self.out.push('\u{A0}'),
            }
            self.out.push_str(if head { "</th>\n" } else { "</td>\n" });
        }
        self.pad(indent);
        self.out.push_str("</tr>\n");
    }

    fn def_list(&mut self, parts: &[DefPart], attrs: &Attrs, indent: usize) {
        self.open("dl", attrs, indent);
        for part in parts {
            match part {
                DefPart::Term(inlines, attrs) => self.simple("dt", attrs, inlines, indent + 2),
                DefPart::Definition(item) => self.item("dd", item, indent + 2),
            }
        }
        self.close("dl", indent);
    }
}

/// The start tag of a table cell: `th` in the head, else `td`, with its column's alignment.
fn cell_start(head: bool, align: Align) -> &'static str {
    match (head, align) {
        (true, Align::Default) => "<th>",
        (true, Align::Left) => "<th style=\"text-align: left\">",
        (true, Align::Center) => "<th style=\"text-align: center\">",
        (true, Align::Right) => "<th style=\"text-align: right\">",
        (false, Align::Default) => "<td>",
        (false, Align::Left) => "<td style=\"text-align: left\">",
        (false, Align::Center) => "<td style=\"text-align: center\">",
        (false, Align::Right) => "<td style=\"text-align: right\">",
    }
}

/// kramdown's `html_attributes`: ` k="v"` each, empty ids dropped.
pub(crate) fn attributes(attrs: &Attrs) -> String {
    let mut out = String::new();
    push_attributes(&mut out, attrs);
    out
}

/// `attributes` appended to `out`.
pub(crate) fn push_attributes(out: &mut String, attrs: &Attrs) {
    for (k, v) in attrs {
        if !(k == "id" && v.trim().is_empty()) {
            push_attribute(out, k, v);
        }
    }
}

/// ` k="v"` with `v` escaped. Inlined: most keys are literals, copied without a call.
#[inline]
pub(super) fn push_attribute(out: &mut String, k: &str, v: &str) {
    out.push(' ');
    out.push_str(k);
    out.push_str("=\"");
    push_escaped_attr(out, v, false);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::markdown::RougeNames;

    #[test]
    fn finds_the_footnotes_line() {
        assert_eq!(FOOTNOTES_LINE, format!("{FOOTNOTES_PLACE}\n"));
        let cases = [
            ("", None),
            ("<p>a</p>\n", None),
            ("\u{E002}footnotes\n", Some(0)),
            ("\u{E002}footnotes", None),
            ("\u{E001}\u{E002}footnotes\nx\u{E002}footnotes\n", Some(3)),
            ("\u{E002}footnote\n\u{E002}footnotes\n", Some(12)),
        ];
        for (out, want) in cases {
            assert_eq!(footnotes_place(out), want, "{out:?}");
            let old = out
                .contains(FOOTNOTES_PLACE)
                .then(|| out.find(FOOTNOTES_LINE))
                .flatten();
            assert_eq!(old, want, "{out:?}");
        }
    }

    /// Expectations checked with Jekyll 4.3 (`make_oracle.rb`): `> $$x < 1$$` and the same
    /// with `> {: .m}` below it, inside a block quote (indentation 2).
    #[test]
    fn math_blocks_unindented_but_for_their_div() {
        let (doc, opts) = (Document::default(), Options::default());
        let m = vec![("class".to_string(), "m".to_string())];
        let cases = [
            (Vec::new(), "\\[x &lt; 1\\]\n"),
            (m, "  <div class=\"m\">\\[x &lt; 1\\]\n</div>\n"),
        ];
        for (attrs, want) in cases {
            let mut w = Writer::new(&doc, &opts, &RougeNames, 0);
            w.math("x < 1", &attrs, 2);
            assert_eq!(w.out, want, "{attrs:?}");
        }
    }

    #[test]
    fn pads_any_depth() {
        let (doc, opts) = (Document::default(), Options::default());
        for indent in [0, 1, 2, 31, 32, 33, 64, 70] {
            let mut w = Writer::new(&doc, &opts, &RougeNames, 0);
            w.pad(indent);
            assert_eq!(w.out, " ".repeat(indent), "{indent}");
        }
    }
}
