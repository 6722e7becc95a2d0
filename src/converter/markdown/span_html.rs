//! Span HTML as kramdown's `parse_span_html` (`kramdown/parser/kramdown/html.rb`) leaves it: an
//! element left open is closed at the end of its paragraph, and an end tag that closes nothing
//! open is text.

use super::html_tag::{Token, WITHOUT_BODY, read_token};
use super::tree::{Block, Inline};

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
            Block::Table { head, rows, .. } => {
                head.iter_mut().for_each(balance);
                rows.iter_mut().flatten().for_each(balance);
            }
            _ => {}
        }
    }
}

/// Balances one list of span elements.
fn balance(inlines: &mut Vec<Inline>) {
    let mut open: Vec<String> = Vec::new();
    for inline in inlines.iter_mut() {
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
                    *inline = Inline::Str(html.clone());
                }
            }
            _ => {}
        }
    }
    while let Some(name) = open.pop() {
        inlines.push(Inline::Html(format!("</{name}>")));
    }
}
