//! Writes the element tree as kramdown's HTML converter does (`kramdown/converter/html.rb`):
//! the same tags, attribute order, two-space indentation of nested blocks, Rouge wrappers for
//! code and `<br />`-style empty elements.

use super::entities::{escape_attr, escape_raw_text, escape_text, push_escaped_text};
use super::footnotes::Footnotes;
use super::highlighter::Highlighter;
use super::options::Options;
use super::tree::{Align, Attrs, Block, DefPart, Document, Inline, Item, Section, TableSection};

/// Stands for the footnotes where a `{:footnotes}` list was.
pub(crate) const FOOTNOTES_PLACE: &str = "\u{E002}footnotes";

/// Writes the whole document, footnotes last (or where `{:footnotes}` put them).
pub(crate) fn write(doc: &Document, opts: &Options, hl: &dyn Highlighter) -> String {
    let mut w = Writer {
        opts,
        hl,
        notes: Footnotes::new(doc, opts),
        out: String::new(),
    };
    w.blocks(&doc.blocks, 0);
    let notes = w.footnotes();
    if w.out.contains(FOOTNOTES_PLACE) {
        let place = format!("{FOOTNOTES_PLACE}\n");
        if w.out.contains(&place) {
            return w.out.replacen(&place, &notes, 1);
        }
    }
    w.out.push_str(&notes);
    w.out
}

pub(crate) struct Writer<'a> {
    pub opts: &'a Options,
    pub hl: &'a dyn Highlighter,
    pub notes: Footnotes<'a>,
    pub out: String,
}

impl Writer<'_> {
    /// Writes sibling blocks; the blank lines between them are blocks of their own.
    pub fn blocks(&mut self, blocks: &[Block], indent: usize) {
        let nested =
            |b: Option<&Block>| matches!(b, Some(Block::HtmlElement { depth, .. }) if *depth > 0);
        for (i, block) in blocks.iter().enumerate() {
            match block {
                // Raw HTML around a nested element with Markdown content runs into it.
                Block::Html(html) => {
                    if !(i > 0 && nested(blocks.get(i - 1))) {
                        self.out.push_str(&" ".repeat(indent));
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
            Block::Para(p) => self.simple("p", &p.attrs, &p.inlines, indent),
            Block::Heading {
                level,
                inlines,
                attrs,
            } => {
                let level = (i64::from(*level) + self.opts.header_offset).clamp(1, 6);
                self.simple(&format!("h{level}"), attrs, inlines, indent)
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
                let written = self.out.split_off(start);
                self.out
                    .push_str(written.trim_start_matches(' ').trim_end_matches('\n'));
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
        let pad = " ".repeat(indent);
        self.out
            .push_str(&format!("{pad}<{name}{}>", attributes(attrs)));
        if span {
            self.blocks(blocks, indent + 2);
        } else if !blocks.is_empty() {
            self.out.push('\n');
            self.blocks(blocks, indent + 2);
            self.out.push_str(&pad);
        }
        self.out.push_str(&format!("</{name}>\n"));
    }

    /// kramdown's MathJax engine (`math_engine/mathjax.rb`): `\[…\]`, in a `<div>` only when
    /// the block has attributes.
    fn math(&mut self, math: &str, attrs: &Attrs, indent: usize) {
        let pad = " ".repeat(indent);
        let body = format!("\\[{}\\]\n", escape_text(math));
        if attrs.is_empty() {
            self.out.push_str(&format!("{pad}{body}"));
        } else {
            let attrs = attributes(attrs);
            self.out
                .push_str(&format!("{pad}<div{attrs}>{body}</div>\n"));
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

    fn open(&mut self, name: &str, attrs: &Attrs, indent: usize) {
        self.pad(indent);
        self.start_tag(name, attrs);
        self.out.push('\n');
    }

    fn close(&mut self, name: &str, indent: usize) {
        self.pad(indent);
        self.end_tag(name);
        self.out.push('\n');
    }

    /// `indent` spaces (written directly: most blocks are written at a small depth).
    fn pad(&mut self, indent: usize) {
        self.out.extend(std::iter::repeat_n(' ', indent));
    }

    fn start_tag(&mut self, name: &str, attrs: &Attrs) {
        self.out.push('<');
        self.out.push_str(name);
        push_attributes(&mut self.out, attrs);
        self.out.push('>');
    }

    fn end_tag(&mut self, name: &str) {
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
        let pad = " ".repeat(indent);
        let (class_lang, attrs) = extract_code_language(lang, attrs);
        let rouge = &self.opts.rouge.block;
        let Some(full) = rouge.lexer(lang.or(class_lang.as_deref()), self.hl) else {
            let mut code = escape_text(text);
            if code.ends_with('\n') {
                code.pop();
            }
            let class = class_lang
                .map(|l| format!(" class=\"language-{l}\""))
                .unwrap_or_default();
            self.out.push_str(&format!(
                "{pad}<pre{}><code{class}>{code}\n</code></pre>\n",
                attributes(&attrs)
            ));
            return;
        };
        let shown = class_lang.as_deref().unwrap_or(&rouge.default_lang);
        let attrs = rouge_class(&attrs, shown);
        let tokens = rouge.format(text, self.hl.highlight(text, &full));
        self.out.push_str(&format!(
            "{pad}<div{}><div class=\"highlight\"><pre class=\"{}\"><code>{tokens}</code></pre></div>{pad}</div>\n",
            attributes(&attrs),
            escape_attr(&rouge.css_class, false)
        ));
    }

    fn table(&mut self, aligns: &[Align], sections: &[TableSection], attrs: &Attrs, indent: usize) {
        self.open("table", attrs, indent);
        for section in sections.iter().filter(|s| !s.rows.is_empty()) {
            let (tag, cell) = match section.kind {
                Section::Head => ("thead", "th"),
                Section::Body => ("tbody", "td"),
                Section::Foot => ("tfoot", "td"),
            };
            self.open(tag, &Vec::new(), indent + 2);
            for row in &section.rows {
                self.row(cell, aligns, row, indent + 4);
            }
            self.close(tag, indent + 2);
        }
        self.close("table", indent);
    }

    /// One row; cells beyond the header's count are dropped and missing ones added empty.
    fn row(&mut self, cell: &str, aligns: &[Align], cells: &[Vec<Inline>], indent: usize) {
        self.open("tr", &Vec::new(), indent);
        let pad = " ".repeat(indent + 2);
        for (i, align) in aligns.iter().enumerate() {
            let style = match align {
                Align::Default => String::new(),
                Align::Left => " style=\"text-align: left\"".into(),
                Align::Center => " style=\"text-align: center\"".into(),
                Align::Right => " style=\"text-align: right\"".into(),
            };
            self.out.push_str(&format!("{pad}<{cell}{style}>"));
            match cells.get(i) {
                Some(c) if !c.is_empty() => self.inlines(c),
                _ => self.out.push('\u{A0}'),
            }
            self.out.push_str(&format!("</{cell}>\n"));
        }
        self.close("tr", indent);
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

    /// Writes span elements.
    pub fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        self.inline_with(inline, &Vec::new());
    }

    /// Writes one span element; `extra` are attributes from a span IAL.
    fn inline_with(&mut self, inline: &Inline, extra: &Attrs) {
        match inline {
            Inline::Attributed(inner, attrs) => self.inline_with(inner, attrs),
            Inline::Text { text, .. } | Inline::Str(text) => {
                if self.opts.hard_wrap {
                    self.out
                        .push_str(&escape_text(text).replace('\n', "<br />\n"));
                } else {
                    push_escaped_text(&mut self.out, text);
                }
            }
            Inline::Soft if self.opts.hard_wrap => self.out.push_str("<br />\n"),
            Inline::Soft => self.out.push('\n'),
            Inline::Br => self.out.push_str("<br />\n"),
            Inline::Code(code) => self.code_span(code, extra),
            Inline::Html(html) => self.out.push_str(html),
            Inline::Em(c) => self.span("em", extra, c),
            Inline::Strong(c) => self.span("strong", extra, c),
            Inline::Del(c) => self.span("del", &Vec::new(), c),
            Inline::Link {
                url,
                auto: true,
                children,
                ..
            } => self.autolink(url, children, extra),
            Inline::Link {
                url,
                title,
                children,
                attrs,
                ..
            } => {
                // As `span("a", …)` with the definition's attributes, `href`, then `title`,
                // then `extra` (no copies).
                self.out.push_str("<a");
                for (key, value) in attrs.iter().filter(|(k, _)| k != "href" && k != "title") {
                    push_attribute(&mut self.out, key, value);
                }
                push_attribute(&mut self.out, "href", url);
                if !title.is_empty() {
                    push_attribute(&mut self.out, "title", title);
                }
                push_attributes(&mut self.out, extra);
                self.out.push('>');
                self.inlines(children);
                self.out.push_str("</a>");
            }
            Inline::Image {
                url,
                title,
                alt,
                attrs,
            } => self.image(url, title, alt, attrs, extra),
            Inline::Math(math) => self.out.push_str(&format!("\\({}\\)", escape_text(math))),
            Inline::FootnoteRef(name) => {
                let html = self.notes.reference(name);
                self.out.push_str(&html);
            }
            Inline::Task(done) => {
                let checked = if *done { " checked=\"checked\"" } else { "" };
                self.out.push_str(&format!(
                    "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\"{checked} />"
                ));
            }
        }
    }

    /// kramdown's `convert_codespan`: a `language-X` class (from an IAL) picks the lexer.
    fn code_span(&mut self, code: &str, attrs: &Attrs) {
        let (class_lang, _) = extract_code_language(None, attrs);
        let rouge = &self.opts.rouge.span;
        let (tokens, attrs) = match rouge.lexer(class_lang.as_deref(), self.hl) {
            Some(full) => {
                let shown = class_lang.as_deref().unwrap_or(&rouge.default_lang);
                let tokens = rouge.format(code, self.hl.highlight(code, &full));
                (tokens, rouge_class(attrs, shown))
            }
            None => (escape_text(code), attrs.clone()),
        };
        self.out
            .push_str(&format!("<code{}>{tokens}</code>", attributes(&attrs)));
    }

    /// kramdown's `convert_img`: `src`, `alt` (as written), `title`, then IAL attributes.
    /// kramdown's autolink: the address is written as it stands, so entity references in it
    /// survive in both `href` and text (`escape_html`'s reference rule).
    fn autolink(&mut self, url: &str, children: &[Inline], extra: &Attrs) {
        self.out.push_str("<a href=\"");
        self.out.push_str(&escape_attr(url, true));
        self.out.push('"');
        push_attributes(&mut self.out, extra);
        self.out.push('>');
        let texts: Option<Vec<&str>> = children
            .iter()
            .map(|c| match c {
                Inline::Text { text, .. } | Inline::Str(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        match texts {
            Some(texts) => self.out.push_str(&escape_raw_text(&texts.concat())),
            None => self.inlines(children),
        }
        self.out.push_str("</a>");
    }

    fn image(&mut self, url: &str, title: &str, alt: &str, attrs: &Attrs, extra: &Attrs) {
        // The definition's attributes come first (kramdown's `add_link`).
        let mut a = String::new();
        for (k, v) in attrs
            .iter()
            .filter(|(k, _)| !["src", "alt", "title"].contains(&k.as_str()))
        {
            push_attribute(&mut a, k, v);
        }
        a += &format!(
            " src=\"{}\" alt=\"{}\"",
            escape_attr(url, false),
            escape_attr(alt, true)
        );
        if !title.is_empty() {
            a.push_str(&format!(" title=\"{}\"", escape_attr(title, false)));
        }
        a.push_str(&attributes(extra));
        self.out.push_str(&format!("<img{a} />"));
    }

    fn span(&mut self, name: &str, attrs: &Attrs, children: &[Inline]) {
        self.start_tag(name, attrs);
        self.inlines(children);
        self.end_tag(name);
    }
}

/// kramdown's `extract_code_language!`: the fence's `language-LANG` class (set by the parser,
/// before IAL classes) or an IAL's; the first one is taken out of the class attribute.
fn extract_code_language(fence: Option<&str>, attrs: &Attrs) -> (Option<String>, Attrs) {
    let ial_class = attrs
        .iter()
        .find(|(k, _)| k == "class")
        .map(|(_, v)| v.as_str());
    let fence_class = fence.map(|l| format!("language-{}", l.split('?').next().unwrap_or(l)));
    let classes: Vec<&str> = fence_class
        .iter()
        .map(String::as_str)
        .chain(ial_class.into_iter().flat_map(str::split_whitespace))
        .collect();
    let Some(at) = classes.iter().position(|c| c.starts_with("language-")) else {
        return (None, attrs.clone());
    };
    let lang = classes[at]["language-".len()..].to_string();
    let rest: Vec<&str> = classes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, c)| *c)
        .collect();
    let mut out: Attrs = attrs
        .iter()
        .filter(|(k, _)| k != "class")
        .cloned()
        .collect();
    if !rest.is_empty() {
        // The class keeps its place when the parser or an IAL put it first.
        let class = ("class".to_string(), rest.join(" "));
        match fence_class {
            Some(_) => out.insert(0, class),
            None => out.insert(
                attrs.iter().position(|(k, _)| k == "class").unwrap_or(0),
                class,
            ),
        }
    }
    (Some(lang), out)
}

/// kramdown's `add_syntax_highlighter_to_class_attr`: `highlighter-rouge` appended and the
/// first `language-X` made `language-LANG` (or put first); a missing class attribute is added
/// last.
fn rouge_class(attrs: &Attrs, lang: &str) -> Attrs {
    let mut attrs = attrs.clone();
    match attrs.iter_mut().find(|(k, _)| k == "class") {
        Some(slot) => {
            let classes = format!("{} highlighter-rouge", slot.1);
            let mut words: Vec<String> = classes.split_whitespace().map(String::from).collect();
            match words.iter().position(|w| w.starts_with("language-")) {
                Some(i) => words[i] = format!("language-{lang}"),
                None => words.insert(0, format!("language-{lang}")),
            }
            slot.1 = words.join(" ");
        }
        None => attrs.push((
            "class".to_string(),
            format!("language-{lang} highlighter-rouge"),
        )),
    }
    attrs
}

/// kramdown's `html_attributes`: ` k="v"` each, empty ids dropped.
pub(crate) fn attributes(attrs: &Attrs) -> String {
    let mut out = String::new();
    push_attributes(&mut out, attrs);
    out
}

/// `attributes` appended to `out`.
fn push_attributes(out: &mut String, attrs: &Attrs) {
    for (k, v) in attrs {
        if !(k == "id" && v.trim().is_empty()) {
            push_attribute(out, k, v);
        }
    }
}

/// ` k="v"` with `v` escaped.
fn push_attribute(out: &mut String, k: &str, v: &str) {
    out.push(' ');
    out.push_str(k);
    out.push_str("=\"");
    out.push_str(&escape_attr(v, false));
    out.push('"');
}
