//! kramdown's table of contents (`convert_ul` with the `toc` reference and
//! `generate_toc_tree` in `kramdown/converter/html.rb`): the first list marked `{:toc}` is
//! replaced by nested lists of links to the headers in `toc_levels` that have an id and no
//! `no_toc` class; later marked lists stay ordinary lists.

use super::options::Options;
use super::tree::{Attrs, Block, Document, Inline, Item, LinkTarget, Para};

/// One header of the table of contents.
struct Entry<'s> {
    level: u8,
    id: String,
    inlines: Vec<Inline<'s>>,
}

/// Replaces the `{:toc}` lists of the document.
pub(crate) fn expand(doc: &mut Document, opts: &Options) {
    // Most documents have no `{:toc}` list: no need to copy their headers.
    if !has_toc(&doc.blocks) {
        return;
    }
    let mut entries = Vec::new();
    collect(&doc.blocks, opts, &mut entries);
    let mut done = false;
    replace(&mut doc.blocks, &entries, &mut done);
}

fn collect<'s>(blocks: &[Block<'s>], opts: &Options, out: &mut Vec<Entry<'s>>) {
    for block in blocks {
        match block {
            Block::Heading {
                level,
                inlines,
                attrs,
            } => {
                let id = attrs
                    .iter()
                    .find(|(k, _)| k == "id")
                    .map(|(_, v)| v.clone());
                let no_toc = attrs
                    .iter()
                    .any(|(k, v)| k == "class" && v.split_whitespace().any(|c| c == "no_toc"));
                let (lo, hi) = opts.toc_levels;
                if let Some(id) = id.filter(|_| !no_toc && (lo..=hi).contains(level)) {
                    out.push(Entry {
                        level: *level,
                        id,
                        inlines: entry_text(inlines),
                    });
                }
            }
            Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => {
                collect(blocks, opts, out)
            }
            Block::List { items, .. } | Block::Toc { items, .. } => {
                items.iter().for_each(|i| collect(&i.blocks, opts, out))
            }
            _ => {}
        }
    }
}

/// kramdown's `fix_for_toc_entry`: footnote markers removed, links unwrapped.
fn entry_text<'s>(inlines: &[Inline<'s>]) -> Vec<Inline<'s>> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::FootnoteRef(_) => {}
            Inline::Link { children, .. } => out.extend(entry_text(children)),
            Inline::Em(c) => out.push(Inline::Em(entry_text(c))),
            Inline::Strong(c) => out.push(Inline::Strong(entry_text(c))),
            Inline::Del(c) => out.push(Inline::Del(entry_text(c))),
            other => out.push(other.clone()),
        }
    }
    out
}

/// Whether `replace` would find a `{:toc}` list in `blocks`.
fn has_toc(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| match block {
        Block::Toc { .. } => true,
        Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => has_toc(blocks),
        Block::List { items, .. } => items.iter().any(|i| has_toc(&i.blocks)),
        _ => false,
    })
}

fn replace<'s>(blocks: &mut [Block<'s>], entries: &[Entry<'s>], done: &mut bool) {
    for block in blocks {
        match block {
            Block::Toc {
                ordered,
                items,
                attrs,
            } => {
                let (ordered, items, attrs) = (*ordered, std::mem::take(items), attrs.clone());
                *block = if *done {
                    Block::List {
                        ordered,
                        items,
                        attrs,
                    }
                } else if entries.is_empty() {
                    // kramdown writes nothing for a table of contents without
                    // entries; the writer skips a `Toc` block.
                    *done = true;
                    Block::Toc {
                        ordered,
                        items: Vec::new(),
                        attrs,
                    }
                } else {
                    *done = true;
                    toc_list(ordered, attrs, entries)
                };
            }
            Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => {
                replace(blocks, entries, done)
            }
            Block::List { items, .. } => items
                .iter_mut()
                .for_each(|i| replace(&mut i.blocks, entries, done)),
            _ => {}
        }
    }
}

fn toc_list<'s>(ordered: bool, mut attrs: Attrs, entries: &[Entry<'s>]) -> Block<'s> {
    let toc_id = match attrs.iter().find(|(k, _)| k == "id") {
        Some((_, id)) => id.clone(),
        None => {
            attrs.push(("id".to_string(), "markdown-toc".to_string()));
            "markdown-toc".to_string()
        }
    };
    let items = nest(entries, ordered, &toc_id);
    Block::List {
        ordered,
        items,
        attrs,
    }
}

/// Entries become items; the following deeper entries nest under each.
fn nest<'s>(entries: &[Entry<'s>], ordered: bool, toc_id: &str) -> Vec<Item<'s>> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let e = &entries[i];
        let deeper = entries[i + 1..]
            .iter()
            .take_while(|d| d.level > e.level)
            .count();
        let link = Inline::Link {
            target: Box::new(LinkTarget {
                url: format!("#{}", e.id),
                ..LinkTarget::default()
            }),
            auto: false,
            shortcut: false,
            children: e.inlines.clone(),
        };
        let id = vec![("id".to_string(), format!("{toc_id}-{}", e.id))];
        let para = Para {
            inlines: vec![Inline::Attributed(Box::new(link), id)],
            transparent: true,
            ..Para::default()
        };
        let mut blocks = vec![Block::Para(para)];
        if deeper > 0 {
            let children = nest(&entries[i + 1..i + 1 + deeper], ordered, toc_id);
            blocks.push(Block::List {
                ordered,
                items: children,
                attrs: Vec::new(),
            });
        }
        items.push(Item {
            blocks,
            ..Item::default()
        });
        i += 1 + deeper;
    }
    items
}
