//! Span HTML elements whose content kramdown does not parse as Markdown (`parse_span_html` in
//! `kramdown/parser/kramdown/html.rb`): elements of the raw content model (`code`, `kbd`,
//! `script`…), `markdown="0"`, and every element once `parse_span_html` is off. Their
//! content is text (escaped, no typography) with only HTML tags read in it; a nested element
//! with `markdown="1"` or `"span"` is Markdown again. The `markdown` attribute is dropped.
//! pulldown-cmark parses such content as Markdown, so the builder writes the whole element
//! from the source and skips the events inside it.

use super::build::Builder;
use super::entities::escape_raw_text;
use super::html_tag::{BLOCK_ELEMENTS, StartTag, Token, WITHOUT_BODY, is_known, read_token};
use super::source::paragraph_end;
use super::span_html::RAW_CONTENT;
use super::tree::{Block, Inline};
use std::ops::Range;

/// kramdown's `HTML_MARKDOWN_ATTR_MAP` applied to an element: whether its content is parsed.
pub(super) fn parses(tag: &StartTag, parent_raw: bool, parse_span_html: bool) -> bool {
    let raw_model = RAW_CONTENT.contains(&tag.name.as_str());
    let default = !raw_model && !parent_raw && parse_span_html;
    match markdown_attr(tag) {
        Some("0") => false,
        Some("1") => !raw_model,
        Some("span") => true,
        _ => default,
    }
}

fn markdown_attr(tag: &StartTag) -> Option<&str> {
    tag.attrs
        .iter()
        .find(|(k, _)| k == "markdown")
        .map(|(_, v)| v.as_str())
}

/// The tag as kramdown writes it: no `markdown` attribute, line breaks in values as spaces.
fn written(tag: &StartTag) -> String {
    let mut tag = tag.clone();
    tag.attrs.retain(|(k, _)| k != "markdown");
    for (_, v) in &mut tag.attrs {
        if v.contains('\n') {
            *v = v
                .split('\n')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    tag.to_html()
}

/// The end of the first `</name>` (case-insensitive for known elements) in `s`.
fn end_tag(s: &str, name: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    while let Some(i) = s[at..].find("</") {
        let start = at + i;
        if let Some((Token::End(n), len)) = read_token(&s[start..]) {
            let same = if is_known(name) {
                n.eq_ignore_ascii_case(name)
            } else {
                n == name
            };
            if same {
                return Some((start, start + len));
            }
        }
        at = start + 2;
    }
    None
}

impl<'a> Builder<'a> {
    /// Whether an event lies inside the last raw span element.
    pub(super) fn in_raw_span(&self, range: &Range<usize>) -> bool {
        range.start >= self.raw_span.start
            && range.end <= self.raw_span.end
            && range.start < self.raw_span.end
    }

    /// A span HTML start tag (`InlineHtml` at `range`): when its content is raw, or it has a
    /// `markdown` attribute, writes it as kramdown does and returns true.
    pub(super) fn raw_span_element(&mut self, range: &Range<usize>) -> bool {
        let Some((Token::Start(tag), n)) = read_token(&self.src[range.start..range.end]) else {
            return false;
        };
        let parse_span_html = self.parse_span_html_at(range.start);
        let has_attr = markdown_attr(&tag).is_some();
        if n != range.len() || BLOCK_ELEMENTS.contains(&tag.name.as_str()) {
            return false;
        }
        let body = !tag.closed && !WITHOUT_BODY.contains(&tag.name.as_str());
        if !body || parses(&tag, false, parse_span_html) {
            if !has_attr {
                return false;
            }
            self.inline(Inline::Html(written(&tag)), range.clone());
            return true;
        }
        let limit = paragraph_end(self.src, range.start);
        let Some((inlines, end)) = self.raw_content(&tag, range.end, limit) else {
            return false;
        };
        self.inline(Inline::Html(written(&tag)), range.clone());
        for inline in inlines {
            self.inline(inline, range.end..end);
        }
        self.raw_span = range.end..end;
        true
    }

    /// The content of a raw element from `from` up to its end tag (before `limit`), and where
    /// the end tag ends; `None` without an end tag.
    fn raw_content(
        &self,
        tag: &StartTag,
        from: usize,
        limit: usize,
    ) -> Option<(Vec<Inline<'a>>, usize)> {
        let src = &self.src[..limit];
        let (close, end) = end_tag(&src[from..], &tag.name).map(|(a, b)| (from + a, from + b))?;
        let mut out = Vec::new();
        let mut pos = from;
        let mut text = String::new();
        while pos < close {
            let Some(i) = src[pos..close].find('<') else {
                text.push_str(&src[pos..close]);
                break;
            };
            text.push_str(&src[pos..pos + i]);
            pos += i;
            match read_token(&src[pos..close]) {
                Some((Token::Start(inner), n))
                    if !BLOCK_ELEMENTS.contains(&inner.name.as_str()) =>
                {
                    push_text(&mut out, &mut text);
                    pos = self.nested(&inner, pos + n, close, &mut out);
                }
                Some((token, n)) if !matches!(token, Token::Start(_)) => {
                    push_text(&mut out, &mut text);
                    out.push(Inline::Html(src[pos..pos + n].to_string()));
                    pos += n;
                }
                _ => {
                    text.push('<');
                    pos += 1;
                }
            }
        }
        push_text(&mut out, &mut text);
        out.push(Inline::Html(src[close..end].to_string()));
        Some((out, end))
    }

    /// A start tag inside raw content (its source ends at `from`): pushes the element and
    /// returns where it ends.
    fn nested(
        &self,
        tag: &StartTag,
        from: usize,
        limit: usize,
        out: &mut Vec<Inline<'a>>,
    ) -> usize {
        out.push(Inline::Html(written(tag)));
        let body = !tag.closed && !WITHOUT_BODY.contains(&tag.name.as_str());
        if !body {
            return from;
        }
        if !parses(tag, true, true) {
            return match self.raw_content(tag, from, limit) {
                Some((inner, end)) => {
                    out.extend(inner);
                    end
                }
                None => from,
            };
        }
        let Some((close, end)) = end_tag(&self.src[from..limit], &tag.name) else {
            return from;
        };
        let blocks = self.paragraph_fragment(&self.src[from..from + close]);
        if let Some(Block::Para(p)) = blocks.into_iter().next() {
            out.extend(p.inlines);
        }
        out.push(Inline::Html(self.src[from + close..from + end].to_string()));
        from + end
    }
}

/// Text of raw content: escaped with its entity references kept (kramdown's
/// `escape_html(…, :text)`).
fn push_text(out: &mut Vec<Inline>, text: &mut String) {
    if !text.is_empty() {
        out.push(Inline::Html(escape_raw_text(&std::mem::take(text))));
    }
}

#[cfg(test)]
mod tests {
    use crate::converter::markdown::{Options, convert};

    #[test]
    fn raw_span_content() {
        let cases = [
            (
                "This is <span markdown=\"0\">*text*</span> and <span markdown=\"1\">*t*</span>\n",
                "<p>This is <span>*text*</span> and <span><em>t</em></span></p>\n",
            ),
            (
                "A <span markdown=\"0\">*n* <strong markdown=\"1\">to <em>f</em></strong> a</span>.\n",
                "<p>A <span>*n* <strong>to <em>f</em></strong> a</span>.</p>\n",
            ),
            (
                "A <script>*not*</script> tag and <kbd>\"q\"</kbd>.\n",
                "<p>A <script>*not*</script> tag and <kbd>\"q\"</kbd>.</p>\n",
            ),
            (
                "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, call <code>__init__</code> or <code>a &amp; b < c</code> \"q\".\n",
                "<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, call <code>__init__</code> or <code>a &amp; b &lt; c</code> “q”.</p>\n",
            ),
            (
                "This is an {::options parse_span_html=\"false\" /} option <span>*true*</span>!\n",
                "<p>This is an  option <span>*true*</span>!</p>\n",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(convert(src, &Options::default()), want, "{src}");
        }
    }
}
