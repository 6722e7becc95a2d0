//! Tags whose names have a namespace prefix (`<webgen:block>`, `</some:url>`): kramdown's
//! HTML parser reads them as tags (`REXML::Parsers::BaseParser::UNAME_STR` allows `prefix:`),
//! CommonMark does not (its tag names have no `:`), so pulldown-cmark leaves them as text.
//! One inside a paragraph is span HTML. A paragraph starting with one, or with any other
//! start tag of an element that is no span element, is block HTML.

use super::build::Builder;
use super::html_tag::{Token, normalize_inline, read_token};
use super::tree::Inline;
use std::ops::Range;

/// The length of the namespaced start or end tag at the start of `s`.
fn tag_len(s: &str) -> Option<usize> {
    match read_token(s)? {
        (Token::Start(tag), n) if tag.name.contains(':') => Some(n),
        (Token::End(name), n) if name.contains(':') => Some(n),
        _ => None,
    }
}

/// Whether a paragraph starting at `s` is block HTML to kramdown (`HTML_BLOCK_START`): it
/// opens with the start tag of an element that is no span element, as a namespaced one or
/// one CommonMark knows no block rule for when text follows it on the line (`<custom>x`).
pub(crate) fn starts_block(s: &str) -> bool {
    let indent = s.len() - s.trim_start_matches(' ').len();
    indent <= 3
        && s[indent..].starts_with('<')
        && matches!(read_token(&s[indent..]), Some((Token::Start(_), _)))
        && super::html_block::block_start(s).is_some()
}

impl Builder<'_> {
    /// A `<` text event that starts a namespaced tag: pushes the tag as span HTML and returns
    /// where its source ends.
    pub(super) fn namespaced_tag(&mut self, range: &Range<usize>) -> Option<usize> {
        let n = tag_len(&self.src[range.start..])?;
        let end = range.start + n;
        let html = normalize_inline(&self.src[range.start..end]);
        self.inline(Inline::Html(html), range.start..end);
        Some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::markdown::{Options, convert};

    #[test]
    fn finds_namespaced_tags() {
        for (s, want) in [
            ("<webgen:block name=\"test\" />", true),
            ("</some:url>", false),
            ("<SoMe>doit</some>", true),
            ("<span>x</span>", false),
            ("</div>", false),
            ("<a:b", false),
        ] {
            assert_eq!(starts_block(s), want, "{s}");
        }
    }

    #[test]
    fn namespaced_tags_are_html() {
        let cases = [
            (
                "<webgen:block name=\"test\" />\n\n<some:url name:spac='hallo'>doit</some:url>\n",
                "<webgen:block name=\"test\" />\n\n<some:url name:spac=\"hallo\">doit</some:url>\n",
            ),
            (
                "<iframe src=\"x\"></iframe> text\n",
                "<iframe src=\"x\"></iframe>\n<p>text</p>\n",
            ),
            (
                "<custom>x</custom> after\nmore\n",
                "<custom>x</custom>\n<p>after\nmore</p>\n",
            ),
            (
                "This <SoMe:UrL NamE:SpAC='test'>doit</SoMe:UrL> test\n",
                "<p>This <SoMe:UrL NamE:SpAC=\"test\">doit</SoMe:UrL> test</p>\n",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(convert(src, &Options::default()), want, "{src}");
        }
    }
}
