//! List details kramdown decides after parsing a list (`parse_list` in
//! `kramdown/parser/kramdown/list.rb` and its GFM override): which items keep their first
//! paragraph unwrapped (per item, not per list as in CommonMark), and the task-list classes.

use super::tree::{Block, DefPart, Document, Inline, Item};

/// Marks transparent first paragraphs and task-list classes throughout the document.
pub(crate) fn mark_transparent(doc: &mut Document) {
    blocks(&mut doc.blocks);
    for (_, b) in &mut doc.footnotes {
        blocks(b);
    }
}

fn blocks(blocks_: &mut [Block]) {
    for block in blocks_ {
        match block {
            Block::List { items, attrs, .. } => {
                for item in items.iter_mut() {
                    blocks(&mut item.blocks);
                }
                mark_items(items);
                if task_classes(items) {
                    attrs.push(("class".to_string(), "task-list".to_string()));
                }
            }
            Block::Quote { blocks: inner, .. } | Block::HtmlElement { blocks: inner, .. } => {
                blocks(inner)
            }
            Block::DefList(parts, _) => {
                for part in parts {
                    if let DefPart::Definition(item) = part {
                        blocks(&mut item.blocks);
                        // kramdown's `first_as_para`: after a blank line the `<p>` stays.
                        let wrapped = item.blank_before;
                        if let Some(Block::Para(p)) = item.blocks.first_mut() {
                            p.transparent = !wrapped;
                        }
                        end_line(item);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The attribute key marking the last item of a list right above an end-of-block marker.
const EOB: &str = "\u{0}eob";

/// An end-of-block marker `^` follows `blocks`: a list right above it (blank lines between
/// aside) keeps its last item's trailing blank line (`eob_found` in kramdown's `parse_list`).
pub(crate) fn eob_after(blocks: &mut [Block]) {
    let above = blocks.iter_mut().rev().find(|b| !matches!(b, Block::Blank));
    if let Some(Block::List { items, .. }) = above
        && let Some(item) = items.last_mut()
    {
        item.attrs.push((EOB.to_string(), String::new()));
    }
}

/// kramdown: an item's first paragraph is transparent when no blank line follows it (the
/// list's trailing blank line aside, unless an end-of-block marker ends the list), and the
/// last item of a longer list only when some earlier item is not a wrapped paragraph.
fn mark_items(items: &mut [Item]) {
    let count = items.len();
    let mut earlier_unwrapped = false;
    for (index, item) in items.iter_mut().enumerate() {
        let last = index + 1 == count;
        let eob = last && item.attrs.iter().any(|(k, _)| k == EOB);
        if eob {
            item.attrs.retain(|(k, _)| k != EOB);
        }
        let single = item.blocks.len() == 1 && !eob;
        let Some(Block::Para(p)) = item.blocks.first_mut() else {
            earlier_unwrapped = true;
            continue;
        };
        let blank = p.blank_after && !(last && single);
        p.transparent = !blank && (!last || count == 1 || earlier_unwrapped);
        earlier_unwrapped |= p.transparent;
        end_line(item);
    }
}

/// kramdown's list parser ends a transparent first paragraph's text with a newline when a
/// block follows it directly (a generated table of contents has none).
fn end_line(item: &mut Item) {
    let more = matches!(item.blocks.get(1), Some(b) if !matches!(b, Block::Blank));
    if let Some(Block::Para(p)) = item.blocks.first_mut()
        && p.transparent
        && more
    {
        p.inlines.push(Inline::Str("\n".into()));
    }
}

/// kramdown-parser-gfm: once an item starts with a task marker, it and every later item get
/// `task-list-item`; returns whether the list is a task list.
fn task_classes(items: &mut [Item]) -> bool {
    let mut is_tasklist = false;
    for item in items {
        let starts_with_task = matches!(
            item.blocks.first(),
            Some(Block::Para(p)) if matches!(p.inlines.first(), Some(Inline::Task(_)))
        );
        is_tasklist |= starts_with_task;
        if is_tasklist {
            item.attrs
                .push(("class".to_string(), "task-list-item".to_string()));
        }
    }
    is_tasklist
}
