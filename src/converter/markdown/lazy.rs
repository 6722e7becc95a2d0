//! kramdown's lazy lines: a line right after a list item or a block quote, with no blank line
//! between, belongs to that container (`lazy_re` in `kramdown/parser/kramdown/list.rb`,
//! `BLOCKQUOTE_MATCH` in `blockquote.rb`); CommonMark ends the container there.

use super::block_extensions::is_marker;
use super::build::Builder;
use super::ial::is_ial_para;
use super::tree::{Block, Item};

impl<'a> Builder<'a> {
    /// kramdown adds any line right after a list item or a quote (no blank line between) to
    /// it (`lazy_re` in `parse_list`, `BLOCKQUOTE_MATCH`), where CommonMark ends the container:
    /// such a block goes into the preceding list's last item or quote. Returns whether `block`
    /// (starting at `start`) goes there (`push_lazy_line`); the block is only looked at, as
    /// most blocks stay where they are and moving them in and out costs.
    pub(super) fn is_lazy_line(&mut self, block: &Block, start: Option<usize>) -> bool {
        let Some(start) = start else {
            return false;
        };
        let src = self.src;
        let after_container = match self.top_blocks().last() {
            Some(Block::List { ordered, .. }) => {
                !matches!(block, Block::List { ordered: o, .. } if o == ordered)
            }
            Some(Block::Quote { .. }) => true,
            _ => false,
        };
        after_container
            && !self.lines.blank_line_before(src, start)
            && !matches!(block, Block::HtmlElement { .. })
            && !is_marker(block)
            && !matches!(block, Block::Html(h) if !h.starts_with("<!"))
            && !matches!(block, Block::Para(p) if is_ial_para(p))
    }

    /// Puts a lazy line's block (`is_lazy_line`) into the preceding list's last item or quote.
    pub(super) fn push_lazy_line(&mut self, block: Block<'a>) {
        if let Some(block) = push_into_last(self.top_blocks().last_mut(), block) {
            self.push_block(block);
        }
    }
}

/// Appends a lazy block where kramdown's container parsing puts it: into the last item of a
/// trailing list (continuing a list of the same kind), into a trailing quote, else at the end.
fn push_lazy<'s>(blocks: &mut Vec<Block<'s>>, block: Block<'s>) {
    if let Some(block) = push_into_last(blocks.last_mut(), block) {
        blocks.push(block);
    }
}

/// `push_lazy` into the block `last`; returns the block when it goes after `last` instead.
fn push_into_last<'s>(last: Option<&mut Block<'s>>, block: Block<'s>) -> Option<Block<'s>> {
    match (last, block) {
        (
            Some(Block::List { ordered, items, .. }),
            Block::List {
                ordered: o,
                items: more,
                ..
            },
        ) if *ordered == o => items.extend(more),
        (Some(Block::List { items, .. }), block) => match items.last_mut() {
            Some(item) => push_lazy(&mut item.blocks, block),
            None => items.push(Item {
                blocks: vec![block],
                ..Item::default()
            }),
        },
        (Some(Block::Quote { blocks: inner, .. }), block) => push_lazy(inner, block),
        (_, block) => return Some(block),
    }
    None
}
