//! Span HTML as kramdown's `parse_span_html` (`kramdown/parser/kramdown/html.rb`) leaves it: an
//! element left open is closed at the end of its paragraph, and an end tag that closes nothing
//! open is text, and so are a block element's tags (`HTML_BLOCK_ELEMENTS`) and processing
//! instructions.

use super::html_tag::{Token, WITHOUT_BODY, read_token};
use super::tree::{Block, Inline};
// kramdown's `HTML_BLOCK_ELEMENTS`: their tags in span text are text (the
// name compared in lower case).
use super::html_tag::BLOCK_ELEMENTS;

/// Balances the span HTML of every paragraph, header and table cell.
pub(crate) fn balance_blocks(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Para(p) => balance(&mut p.inlines),
            Block::Heading { inlines, .. } => balance(inlines),
            Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => {
                balance_blocks(blocks)
            }
            Block::List { items, .. } => {
                for item in items {
                    balance_blocks(&mut item.blocks);
                }
            }
            Block::Table { sections, .. } => {
                for cell in sections
                    .iter_mut()
                    .flat_map(|s| s.rows.iter_mut().flatten())
                {
                    balance(cell);
                }
            }
            _ => {}
        }
    }
}

/// Elements whose content kramdown keeps raw (`HTML_CONTENT_MODEL_RAW`): no typography.
pub(crate) const RAW_CONTENT: &[&str] = &[
    "script", "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var",
];

/// Whether kramdown keeps the span HTML `raw` (as the source has it) as text: a processing
/// instruction, or a block element's start tag.
pub(crate) fn is_text(raw: &str) -> bool {
    raw.starts_with("<?")
        || matches!(read_token(raw), Some((Token::Start(tag), _))
            if BLOCK_ELEMENTS.contains(&tag.name.to_ascii_lowercase().as_str()))
}

/// Balances one list of span elements.
fn balance(inlines: &mut Vec<Inline>) {
    let mut open: Vec<String> = Vec::new();
    for inline in inlines.iter_mut() {
        let in_raw = open
            .last()
            .is_some_and(|n| RAW_CONTENT.contains(&n.as_str()));
        if in_raw && let Inline::Text { text, .. } = inline {
            *inline = Inline::Str(std::mem::take(text));
            continue;
        }
        let Inline::Html(html) = inline else {
            continue;
        };
        match read_token(html) {
            Some((Token::Start(tag), n))
                if n == html.len()
                    && !tag.closed
                    && !WITHOUT_BODY.contains(&tag.name.to_ascii_lowercase().as_str()) =>
            {
                open.push(tag.name);
            }
            Some((Token::End(name), n)) if n == html.len() => {
                if open.last() == Some(&name) {
                    open.pop();
                } else {
                    *inline = Inline::Str(html.clone().into());
                }
            }
            _ => {}
        }
    }
    while let Some(name) = open.pop() {
        inlines.push(Inline::Html(format!("</{name}>")));
    }
}
