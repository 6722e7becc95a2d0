//! The span half of the writer: text, emphasis, links, images, code spans and the other
//! span elements, as kramdown's HTML converter writes them (`convert_text`, `convert_em`,
//! `convert_a`, `convert_img`, `convert_codespan` in `kramdown/converter/html.rb`).

use super::entities::{escape_text, push_escaped_attr, push_escaped_raw_text, push_escaped_text};
use super::rouge_options::{extract_code_language, push_rouge_attributes};
use super::tree::{Attrs, Image, Inline, LinkTarget};
use super::writer::{Writer, push_attribute, push_attributes};

impl<'a> Writer<'a> {
    /// Writes span elements.
    pub fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                // Most span elements are text: written here, without the call of
                // `inline_with` and its room for every other element.
                Inline::Text { text, .. } | Inline::Str(text) if !self.opts.hard_wrap => {
                    push_escaped_text(&mut self.out, text)
                }
                _ => self.inline(inline),
            }
        }
    }

    /// Writes the content of a span element or a table cell: most are one text, written
    /// without the call of `inlines` (whose frame has room for every other element).
    pub(super) fn children(&mut self, children: &[Inline]) {
        #[cfg(test)]
        if GENERAL_ONLY.with(std::cell::Cell::get) {
            return self.inlines(children);
        }
        match children {
            [Inline::Text { text, .. } | Inline::Str(text)] if !self.opts.hard_wrap => {
                push_escaped_text(&mut self.out, text)
            }
            _ => self.inlines(children),
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
                target,
                auto: true,
                children,
                ..
            } => self.autolink(&target.url, children, extra),
            Inline::Link {
                target, children, ..
            } => {
                let LinkTarget { url, title, attrs } = &**target;
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
                self.children(children);
                self.out.push_str("</a>");
            }
            Inline::Image(image) => {
                let Image {
                    url,
                    title,
                    alt,
                    attrs,
                } = &**image;
                self.image(url, title, alt, attrs, extra)
            }
            Inline::Math(math) => {
                self.out.push_str("\\(");
                push_escaped_text(&mut self.out, math);
                self.out.push_str("\\)");
            }
            Inline::FootnoteRef(name) => {
                let html = self.notes.reference(name);
                self.out.push_str(&html);
            }
            Inline::Task(done) => {
                self.out.push_str(
                    "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\"",
                );
                if *done {
                    self.out.push_str(" checked=\"checked\"");
                }
                self.out.push_str(" />");
            }
        }
    }

    /// kramdown's `convert_codespan`: a `language-X` class (from an IAL) picks the lexer.
    fn code_span(&mut self, code: &str, attrs: &Attrs) {
        let (class_lang, _) = extract_code_language(None, attrs);
        let opts = self.opts;
        let rouge = &opts.rouge.span;
        self.out.push_str("<code");
        match self.lexer(true, class_lang.as_deref()) {
            Some(full) => {
                let shown = class_lang.as_deref().unwrap_or(&rouge.default_lang);
                push_rouge_attributes(&mut self.out, attrs, shown);
                self.out.push('>');
                rouge.push_formatted(&mut self.out, code, self.hl, full);
            }
            None => {
                push_attributes(&mut self.out, attrs);
                self.out.push('>');
                push_escaped_text(&mut self.out, code);
            }
        }
        self.out.push_str("</code>");
    }

    /// `CodeOptions::lexer` of code blocks or spans; code without a language (most spans)
    /// asks the highlighter once per document.
    pub(super) fn lexer<'s>(&mut self, span: bool, lang: Option<&'s str>) -> Option<&'s str>
    where
        'a: 's,
    {
        let opts = self.opts;
        let rouge = if span {
            &opts.rouge.span
        } else {
            &opts.rouge.block
        };
        if lang.is_some() {
            return rouge.lexer(lang, self.hl);
        }
        *self.plain_lexers[usize::from(span)].get_or_insert_with(|| rouge.lexer(None, self.hl))
    }

    /// kramdown's autolink: the address is written as it stands, so entity references in it
    /// survive in both `href` and text (`escape_html`'s reference rule).
    fn autolink(&mut self, url: &str, children: &[Inline], extra: &Attrs) {
        self.out.push_str("<a href=\"");
        push_escaped_attr(&mut self.out, url, true);
        self.out.push('"');
        push_attributes(&mut self.out, extra);
        self.out.push('>');
        match children {
            // One text needs no joining (a reference may span several texts).
            [Inline::Text { text, .. } | Inline::Str(text)] => {
                push_escaped_raw_text(&mut self.out, text)
            }
            _ => match children
                .iter()
                .map(inline_text)
                .collect::<Option<Vec<&str>>>()
            {
                Some(texts) => push_escaped_raw_text(&mut self.out, &texts.concat()),
                None => self.inlines(children),
            },
        }
        self.out.push_str("</a>");
    }

    /// kramdown's `convert_img`: `src`, `alt` (as written), `title`, then IAL attributes.
    fn image(&mut self, url: &str, title: &str, alt: &str, attrs: &Attrs, extra: &Attrs) {
        self.out.push_str("<img");
        // The definition's attributes come first (kramdown's `add_link`).
        for (k, v) in attrs
            .iter()
            .filter(|(k, _)| !["src", "alt", "title"].contains(&k.as_str()))
        {
            push_attribute(&mut self.out, k, v);
        }
        push_attribute(&mut self.out, "src", url);
        self.out.push_str(" alt=\"");
        push_escaped_attr(&mut self.out, alt, true);
        self.out.push('"');
        if !title.is_empty() {
            push_attribute(&mut self.out, "title", title);
        }
        push_attributes(&mut self.out, extra);
        self.out.push_str(" />");
    }

    fn span(&mut self, name: &str, attrs: &Attrs, children: &[Inline]) {
        self.start_tag(name, attrs);
        self.children(children);
        self.end_tag(name);
    }
}

/// The text of a text element.
fn inline_text<'b>(inline: &'b Inline<'_>) -> Option<&'b str> {
    match inline {
        Inline::Text { text, .. } | Inline::Str(text) => Some(text),
        _ => None,
    }
}

#[cfg(test)]
thread_local! {
    /// Tests write all content through `inlines`, to compare with the shortcut of `children`.
    static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::markdown::{Options, convert, test_inputs};

    #[test]
    fn one_text_child_is_written_as_inlines_writes_it() {
        for hard_wrap in [false, true] {
            let opts = Options {
                hard_wrap,
                ..Options::default()
            };
            for doc in &test_inputs::all() {
                let fast = convert(doc, &opts);
                GENERAL_ONLY.with(|g| g.set(true));
                let general = convert(doc, &opts);
                GENERAL_ONLY.with(|g| g.set(false));
                assert_eq!(fast, general, "{doc:?} {hard_wrap}");
            }
        }
    }
}
