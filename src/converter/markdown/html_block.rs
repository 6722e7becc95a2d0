//! Block-level HTML with `parse_block_html: false`, as kramdown's `parse_block_html` and
//! `parse_raw_html` (`kramdown/parser/kramdown/html.rb`, `kramdown/parser/html.rb`) read it:
//! the element runs to its matching end tag (not to a blank line, as in CommonMark), every
//! nested tag is re-written in kramdown's form and text between tags is escaped (entity
//! references survive). `<script>` and `<style>` bodies are kept verbatim.

use super::entities::escape_raw_text;
use super::html_tag::{SPAN_ELEMENTS, StartTag, Token, is_known, read_token};

/// Where a block HTML element starts: up to three spaces, then a start tag of a non-span
/// element or a comment. Returns the tag's offset.
pub(crate) fn block_start(s: &str) -> Option<usize> {
    let indent = s.len() - s.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    match read_token(&s[indent..])? {
        (Token::Start(tag), _)
            if !SPAN_ELEMENTS.contains(&tag.name.to_ascii_lowercase().as_str()) =>
        {
            Some(indent)
        }
        (Token::Verbatim, _) if s[indent..].starts_with("<!--") => Some(indent),
        _ => None,
    }
}

/// Renders the block HTML element (or comment) at the start of `s` (which `block_start`
/// accepted). Returns the HTML (without trailing newline) and how much of `s` it used,
/// including trailing whitespace up to the end of the line.
pub(crate) fn render(s: &str) -> (Vec<Part>, usize) {
    let start = s.len() - s.trim_start_matches(' ').len();
    let mut raw = RawHtml::new(s, start);
    match read_token(&s[start..]) {
        Some((Token::Start(tag), n)) => {
            raw.pos += n;
            raw.element(tag);
        }
        Some((_, n)) => {
            raw.out.push_str(&s[start..start + n]);
            raw.pos += n;
        }
        None => {}
    }
    let rest = &s[raw.pos..];
    let line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..line_end].trim().is_empty() {
        raw.pos += line_end;
    }
    let used = raw.pos;
    (raw.finish(), used)
}

/// Renders a whole chunk of raw HTML (e.g. a CommonMark HTML block inside a container) by the
/// same rules, element after element.
pub(crate) fn render_chunk(s: &str) -> Vec<Part> {
    let mut raw = RawHtml::new(s, 0);
    let _ = raw.children(None);
    raw.finish()
}

/// A piece of rendered block HTML: output as is, or a nested element whose content is
/// Markdown (`markdown="1"` inside raw HTML).
#[derive(Debug)]
pub(crate) enum Part {
    Raw(String),
    Markdown {
        tag: StartTag,
        content: String,
        span: bool,
        /// How many raw elements of the chunk enclose it.
        depth: usize,
    },
}

/// A block element whose content kramdown parses as Markdown (`markdown="1"` or
/// `parse_block_html`).
pub(crate) struct Element {
    pub tag: StartTag,
    /// The content's range in the source given to [`element`].
    pub content: std::ops::Range<usize>,
    /// How much of the source the element used (through the end of its end tag's line).
    pub used: usize,
}

/// kramdown's content model for the element at the start of `s`: `Some` when its content is
/// Markdown (the `markdown` attribute, else `parse_block_html` with the element's model).
pub(crate) fn markdown_element(s: &str, parse_block_html: bool) -> Option<(Element, bool)> {
    let start = s.len() - s.trim_start_matches(' ').len();
    let (Token::Start(mut tag), n) = read_token(&s[start..])? else {
        return None;
    };
    let attr = tag.attrs.iter().position(|(k, _)| k == "markdown");
    let model = match attr.map(|i| tag.attrs.remove(i).1).as_deref() {
        Some("0") => return None,
        Some("block") => Model::Block,
        Some("span") => Model::Span,
        Some(_) => content_model(&tag.name),
        None if parse_block_html => content_model(&tag.name),
        None => return None,
    };
    if tag.closed || model == Model::Raw {
        return None;
    }
    let mut raw = RawHtml::new(s, start + n);
    let end = raw.children(Some(&tag.name.clone()));
    let content_end = end.unwrap_or(s.len());
    let rest = &s[raw.pos..];
    let line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    let used = if rest[..line_end].trim().is_empty() {
        raw.pos + line_end
    } else {
        raw.pos
    };
    let el = Element {
        tag,
        content: start + n..content_end,
        used,
    };
    Some((el, model == Model::Span))
}

/// Removes a `markdown` attribute; `Some(span)` when the content is Markdown (block or span
/// content; kramdown's `HTML_MARKDOWN_ATTR_MAP`).
fn markdown_attr(tag: &mut StartTag) -> Option<bool> {
    let at = tag.attrs.iter().position(|(k, _)| k == "markdown")?;
    let model = match tag.attrs.remove(at).1.as_str() {
        "0" => Model::Raw,
        "block" => Model::Block,
        "span" => Model::Span,
        _ => content_model(&tag.name),
    };
    match model {
        Model::Raw => None,
        m => Some(m == Model::Span),
    }
}

#[derive(PartialEq)]
enum Model {
    Block,
    Span,
    Raw,
}

/// kramdown's `HTML_CONTENT_MODEL`.
fn content_model(name: &str) -> Model {
    const BLOCK: &[&str] = &[
        "address",
        "applet",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "figcaption",
        "footer",
        "form",
        "header",
        "hgroup",
        "iframe",
        "li",
        "main",
        "map",
        "menu",
        "nav",
        "noscript",
        "object",
        "section",
        "summary",
        "td",
    ];
    const SPAN: &[&str] = &[
        "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del", "dfn", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "label", "legend", "optgroup", "p",
        "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "select", "small", "span", "strong", "sub",
        "sup", "th", "tt",
    ];
    if BLOCK.contains(&name) {
        Model::Block
    } else if SPAN.contains(&name) {
        Model::Span
    } else {
        Model::Raw
    }
}

struct RawHtml<'a> {
    src: &'a str,
    pos: usize,
    out: String,
    parts: Vec<Part>,
    /// How many elements are open around the current position.
    depth: usize,
}

impl<'a> RawHtml<'a> {
    fn new(src: &'a str, pos: usize) -> RawHtml<'a> {
        RawHtml {
            src,
            pos,
            out: String::new(),
            parts: Vec::new(),
            depth: 0,
        }
    }

    fn finish(mut self) -> Vec<Part> {
        if !self.out.is_empty() {
            self.parts.push(Part::Raw(std::mem::take(&mut self.out)));
        }
        self.parts
    }

    /// A nested element with a `markdown` attribute: its content is kept for Markdown.
    fn markdown_element(&mut self, mut tag: StartTag) -> Option<StartTag> {
        let Some(span) = markdown_attr(&mut tag) else {
            return Some(tag);
        };
        let content_start = self.pos;
        let mut scratch = RawHtml::new(self.src, self.pos);
        let end = scratch.children(Some(&tag.name.clone()));
        self.pos = scratch.pos;
        let content = self.src[content_start..end.unwrap_or(self.src.len())].to_string();
        if !self.out.is_empty() {
            self.parts.push(Part::Raw(std::mem::take(&mut self.out)));
        }
        let depth = self.depth;
        self.parts.push(Part::Markdown {
            tag,
            content,
            span,
            depth,
        });
        None
    }

    /// Writes the element whose start tag was just read, its body and its end tag.
    fn element(&mut self, mut tag: StartTag) {
        let name = tag.name.clone();
        let lower = name.to_ascii_lowercase();
        if lower == "script" || lower == "style" {
            tag.closed = false;
            self.out.push_str(&tag.to_html());
            self.verbatim_body(&lower);
            self.out.push_str(&format!("</{name}>"));
            return;
        }
        if tag.closed {
            self.out.push_str(&tag.to_html());
            return;
        }
        let Some(tag) = self.markdown_element(tag) else {
            return;
        };
        self.out.push_str(&tag.to_html());
        let body_start = self.out.len();
        self.depth += 1;
        let _ = self.children(Some(&name));
        self.depth -= 1;
        if self.out.len() == body_start && is_known(&name) && is_void(&lower) {
            self.out.truncate(body_start - 1);
            self.out.push_str(" />");
        } else {
            self.out.push_str(&format!("</{name}>"));
        }
    }

    /// Reads text and tags until the end tag of `parent` (or the end of the source).
    /// Returns where the parent's end tag starts, if it was found.
    fn children(&mut self, parent: Option<&str>) -> Option<usize> {
        while self.pos < self.src.len() {
            let rest = &self.src[self.pos..];
            let Some(lt) = next_markup(rest) else {
                self.out.push_str(&escape_raw_text(rest));
                self.pos = self.src.len();
                return None;
            };
            self.out.push_str(&escape_raw_text(&rest[..lt]));
            self.pos += lt;
            let rest = &self.src[self.pos..];
            match read_token(rest) {
                Some((Token::Start(tag), n)) => {
                    self.pos += n;
                    self.element(tag);
                }
                Some((Token::End(name), n)) => {
                    self.pos += n;
                    if parent == Some(name.as_str()) {
                        return Some(self.pos - n);
                    }
                    self.out.push_str(&escape_raw_text(&rest[..n]));
                }
                Some((Token::Verbatim, n)) => {
                    self.out.push_str(&rest[..n]);
                    self.pos += n;
                }
                None => {
                    self.out.push_str("&lt;");
                    self.pos += 1;
                }
            }
        }
        None
    }

    /// A `<script>`/`<style>` body: verbatim up to `</name>`.
    fn verbatim_body(&mut self, lower: &str) {
        let rest = &self.src[self.pos..];
        let hay = rest.to_ascii_lowercase();
        let close = format!("</{lower}");
        let mut from = 0;
        while let Some(i) = hay[from..].find(&close) {
            let at = from + i;
            if let Some((Token::End(_), n)) = read_token(&rest[at..]) {
                self.out.push_str(&rest[..at]);
                self.pos += at + n;
                return;
            }
            from = at + 1;
        }
        self.out.push_str(rest);
        self.pos = self.src.len();
    }
}

fn is_void(lower: &str) -> bool {
    super::html_tag::WITHOUT_BODY.contains(&lower)
}

/// The offset of the next `<` that may open markup (kramdown's `HTML_RAW_START`).
fn next_markup(s: &str) -> Option<usize> {
    s.match_indices('<').map(|(i, _)| i).find(|&i| {
        let after = &s[i + 1..];
        after.starts_with('/')
            || after.starts_with("!--")
            || after.starts_with('?')
            || after
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_kramdown() {
        let cases = [
            (
                "<center> <h1>Title</h1> </center>\n",
                "<center> <h1>Title</h1> </center>",
            ),
            (
                "<DIV class=x>\nfoo\n</DIV>\n",
                "<div class=\"x\">\nfoo\n</div>",
            ),
            (
                "<div>\nfoo\n\nbar\n</div>\nrest",
                "<div>\nfoo\n\nbar\n</div>",
            ),
            ("<div>a < b &amp; c</div>", "<div>a &lt; b &amp; c</div>"),
            ("<div><br></div>", "<div><br /></div>"),
            ("<div>x</p></div>", "<div>x&lt;/p&gt;</div>"),
            (
                "<script>if (a<b) x();</script>",
                "<script>if (a<b) x();</script>",
            ),
            ("<!-- c -->\n", "<!-- c -->"),
        ];
        for (src, want) in cases {
            assert_eq!(raw_text(render(src).0), want, "{src}");
        }
        assert_eq!(render("<div>\nx\n</div>\nrest").1, 15);
    }

    fn raw_text(parts: Vec<Part>) -> String {
        parts
            .into_iter()
            .map(|p| match p {
                Part::Raw(s) => s,
                Part::Markdown { .. } => "<md>".to_string(),
            })
            .collect()
    }

    #[test]
    fn nested_markdown_elements() {
        let (parts, _) = render("<div class=\"n\">\n  <h5 markdown=\"1\">*Hi*</h5>\n</div>\n");
        assert_eq!(parts.len(), 3);
        match &parts[1] {
            Part::Markdown {
                tag, content, span, ..
            } => {
                assert_eq!(tag.to_html(), "<h5>");
                assert_eq!(content, "*Hi*");
                assert!(span);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn block_starts() {
        assert_eq!(block_start("<div>"), Some(0));
        assert_eq!(block_start("  <p align=x>"), Some(2));
        assert_eq!(block_start("<span>x</span>"), None);
        assert_eq!(block_start("<br/>"), None);
        assert_eq!(block_start("text"), None);
    }
}
