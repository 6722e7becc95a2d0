//! The open elements of the tree under construction: a frame per element (`Frame`), whose
//! blocks and span elements sit on the builder's two shared stacks until it closes
//! (`Closed`). Part of the builder (`build`), the stack kramdown's parser keeps implicitly by
//! recursing (`kramdown/parser/kramdown.rb`).

use super::build::{Builder, Kind};
use super::tree::{Block, DefPart, Inline, Item};

/// An open element. Its blocks and span elements are kept on the builder's shared stacks
/// (`Builder::blocks`, `Builder::inlines`) from the base offsets on: a frame is opened for
/// every paragraph and span, and a Vec of its own, grown from empty, cost more than the rest
/// of the frame's work.
#[derive(Debug)]
pub(super) struct Frame<'s> {
    pub(super) kind: Kind,
    /// Where this element's blocks start on `Builder::blocks`.
    pub(super) block_base: usize,
    /// Where this element's span elements start on `Builder::inlines`.
    pub(super) inline_base: usize,
    /// What lists, tables, definition lists, code and HTML collect: allocated by the first
    /// of them, so that the frames of paragraphs and spans stay small to move.
    more: Option<Box<Collected<'s>>>,
    /// The source offset where the last inline content ended (for implicit paragraphs).
    pub(super) end: usize,
    /// The source offset where the element starts.
    pub(super) start: usize,
    /// Where the last block closed inside this element ended.
    pub(super) last_end: usize,
}

/// The content of an open list, table, definition list, code block or HTML block.
#[derive(Debug, Default)]
pub(super) struct Collected<'s> {
    pub(super) items: Vec<Item<'s>>,
    pub(super) rows: Vec<Vec<Vec<Inline<'s>>>>,
    pub(super) defs: Vec<DefPart<'s>>,
    pub(super) text: String,
}

impl<'s> Frame<'s> {
    /// What the element collects besides blocks and span elements.
    pub(super) fn more(&mut self) -> &mut Collected<'s> {
        self.more.get_or_insert_default()
    }
}

/// A closed element, its blocks and span elements taken off the shared stacks.
#[derive(Debug)]
pub(super) struct Closed<'s> {
    pub(super) kind: Kind,
    pub(super) blocks: Vec<Block<'s>>,
    pub(super) inlines: Vec<Inline<'s>>,
    /// What it collected besides blocks and span elements (`collected`).
    pub(super) more: Option<Box<Collected<'s>>>,
    pub(super) end: usize,
    pub(super) start: usize,
}

/// The content of a closed element's `more`.
pub(super) fn collected(more: Option<Box<Collected<'_>>>) -> Collected<'_> {
    more.map(|more| *more).unwrap_or_default()
}

impl<'a> Builder<'a> {
    pub(super) fn top(&mut self) -> &mut Frame<'a> {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// A stack holding the document's frame, with room for the usual nesting depth.
    pub(super) fn with_root() -> Vec<Frame<'a>> {
        let mut stack = Vec::with_capacity(8);
        stack.push(Builder::root_frame());
        stack
    }

    fn root_frame() -> Frame<'a> {
        Frame {
            kind: Kind::Root,
            block_base: 0,
            inline_base: 0,
            more: None,
            end: 0,
            start: 0,
            last_end: 0,
        }
    }

    /// Opens an element starting at `start`, its inline content ending so far at `end`.
    pub(super) fn open(&mut self, kind: Kind, start: usize, end: usize) {
        if matches!(kind, Kind::Quote) {
            self.quotes += 1;
        }
        // Every field written: filling the rest from a root frame dropped a `Kind` each time.
        self.stack.push(Frame {
            kind,
            block_base: self.blocks.len(),
            inline_base: self.inlines.len(),
            more: None,
            end,
            start,
            last_end: 0,
        });
    }

    /// Pops the innermost element, taking its blocks and span elements off the shared stacks
    /// (into Vecs of their exact size).
    pub(super) fn pop_closed(&mut self) -> Option<Closed<'a>> {
        let frame = self.stack.pop()?;
        if matches!(frame.kind, Kind::Quote) {
            self.quotes -= 1;
        }
        Some(Closed {
            kind: frame.kind,
            blocks: take_from(&mut self.blocks, frame.block_base),
            inlines: take_from(&mut self.inlines, frame.inline_base),
            more: frame.more,
            end: frame.end,
            start: frame.start,
        })
    }

    /// The innermost element's blocks so far.
    pub(super) fn top_blocks(&mut self) -> &mut [Block<'a>] {
        let base = self.stack.last().map_or(0, |f| f.block_base);
        &mut self.blocks[base..]
    }

    /// Adds a block to the innermost element as it is (`block` applies kramdown's rules).
    pub(super) fn push_block(&mut self, block: Block<'a>) {
        self.blocks.push(block);
    }

    /// The innermost element's span elements so far.
    pub(super) fn top_inlines(&mut self) -> &mut [Inline<'a>] {
        let base = self.stack.last().map_or(0, |f| f.inline_base);
        &mut self.inlines[base..]
    }

    /// Removes the innermost element's last span element.
    pub(super) fn pop_inline(&mut self) -> Option<Inline<'a>> {
        let base = self.stack.last().map_or(0, |f| f.inline_base);
        if self.inlines.len() > base {
            self.inlines.pop()
        } else {
            None
        }
    }

    /// Puts a span element at `at` on the shared stack (the start of a just-closed element's
    /// content).
    pub(super) fn insert_inline(&mut self, at: usize, inline: Inline<'a>) {
        self.inlines.insert(at, inline);
    }

    /// Pops the innermost element, a span, whose content stays where it is on the shared
    /// stacks: returns where its span elements start and where they end in the source. A span
    /// holds no blocks; should one be there, it goes, as the element goes.
    pub(super) fn pop_span(&mut self) -> Option<(usize, usize)> {
        let Frame {
            kind,
            block_base,
            inline_base,
            more,
            end,
            ..
        } = self.stack.pop()?;
        let_go(kind);
        drop(more);
        self.blocks.truncate(block_base);
        Some((inline_base, end))
    }

    /// Adds a span element to the innermost element (its inline content ending at `end`).
    #[inline]
    pub(super) fn push_inline(&mut self, inline: Inline<'a>, end: usize) {
        let top = self.top();
        top.end = top.end.max(end);
        self.inlines.push(inline);
    }
}

/// Lets go of an element's kind. One that owns nothing is forgotten: the compiler calls the
/// out-of-line drop of a `Kind` wherever one is not moved out, and where the kind is known,
/// the inlined test folds away.
#[inline(always)]
pub(super) fn let_go(kind: Kind) {
    if owns_nothing(&kind) {
        std::mem::forget(kind);
    } else {
        drop(kind);
    }
}

fn owns_nothing(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Root
            | Kind::Para { .. }
            | Kind::Quote
            | Kind::List { .. }
            | Kind::Item
            | Kind::TableHead
            | Kind::TableRow
            | Kind::TableCell
            | Kind::Em(_)
            | Kind::Strong(_)
            | Kind::Html
            | Kind::DefList
            | Kind::DefTerm
            | Kind::DefDefinition
            | Kind::Other
    )
}

/// The elements of `stack` from `base` on, in a Vec of their exact size (`split_off` moves
/// them with one copy).
fn take_from<T>(stack: &mut Vec<T>, base: usize) -> Vec<T> {
    if stack.len() <= base {
        return Vec::new();
    }
    stack.split_off(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame is pushed for every paragraph and span and moved as it closes: its kind's rare
    /// large parts are boxed (`Kind`) to keep it this small.
    #[test]
    fn frames_stay_small() {
        assert!(
            std::mem::size_of::<Frame>() <= 80,
            "{}",
            std::mem::size_of::<Frame>()
        );
    }
}
