//! List details kramdown decides after parsing a list (`parse_list` in
//! `kramdown/parser/kramdown/list.rb` and its GFM override): which items keep their first
//! paragraph unwrapped (per item, not per list as in CommonMark), and the task-list classes;
//! and, as an item closes, kramdown's table syntax in it.

use std::ops::Range;

use super::build::Builder;
use super::table;
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

impl<'a> Builder<'a> {
    /// kramdown's table syntax inside a list item (not inside a quote, whose markers the
    /// source lines carry): a paragraph between block boundaries made of pipe lines.
    pub(super) fn tables_in_item(&mut self, blocks: &mut [Block<'a>], item_start: usize) {
        if !self.tables || self.quotes > 0 {
            return;
        }
        let pipes = self.pipes();
        for (i, block) in blocks.iter_mut().enumerate() {
            let Block::Para(p) = &*block else {
                continue;
            };
            let (start, end) = p.span;
            let to = end.min(self.src.len());
            // Every table line holds a pipe: without one there is nothing to build. Most
            // paragraphs lie outside the stretch of the source that has pipes.
            let piped = start < to
                && pipes.start < to
                && start < pipes.end
                && memchr::memchr(b'|', &self.src.as_bytes()[start..to]).is_some();
            if !piped {
                continue;
            }
            let line = &self.src[self.lines.of(item_start)..];
            let marker_col = line.len() - line.trim_start_matches(' ').len();
            let before = i == 0 || self.lines.blank_line_before(self.src, start);
            if !before || !item_boundary_after(self.src, end, marker_col) {
                continue;
            }
            let text: String = self.src[start..end.min(self.src.len())]
                .lines()
                .map(|l| format!("{}\n", l.trim_start()))
                .collect();
            if let Some((table, used)) = table::parse(&text, self)
                && text[used..].trim().is_empty()
            {
                *block = table.into_owned();
            }
        }
    }

    /// The stretch of the source from its first pipe to just after its last (empty without
    /// one), found when first asked for.
    fn pipes(&mut self) -> Range<usize> {
        if let Some(pipes) = &self.pipes {
            return pipes.clone();
        }
        let bytes = self.src.as_bytes();
        let pipes = match memchr::memchr(b'|', bytes) {
            Some(first) => first..memchr::memrchr(b'|', bytes).map_or(first, |last| last + 1),
            None => 0..0,
        };
        self.pipes = Some(pipes.clone());
        pipes
    }
}

/// Whether the item content ends after offset `end`: a blank line, the end, or the next item
/// of the same or an outer list (anything else would be a lazy line of this item).
fn item_boundary_after(src: &str, end: usize, marker_col: usize) -> bool {
    let end = end.min(src.len());
    let from = if end > 0 && src.as_bytes()[end - 1] == b'\n' {
        end
    } else {
        src[end..]
            .find('\n')
            .map(|i| end + i + 1)
            .unwrap_or(src.len())
    };
    let line = src[from..].split('\n').next().unwrap_or("");
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line.trim_start_matches(' ');
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = if digits > 0 {
        rest[digits..].starts_with(". ") || rest[digits..].starts_with(") ")
    } else {
        ["* ", "- ", "+ "].iter().any(|m| rest.starts_with(m))
    };
    line.trim().is_empty() || (marker && indent <= marker_col)
}
