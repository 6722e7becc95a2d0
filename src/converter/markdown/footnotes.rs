//! Footnotes as kramdown 2.4's HTML converter writes them (`convert_footnote`,
//! `footnote_content` in `kramdown/converter/html.rb`): numbered in order of first reference
//! from `footnote_nr`, repeated references get `fnref:NAME:N`, and the notes follow the
//! document in a `div.footnotes` with a backlink appended to each note's last paragraph.

use super::entities::escape_raw_text;
use super::options::Options;
use super::tree::{Block, DefPart, Document, Inline, Item, Para};
use super::writer::Writer;

/// Footnote numbering state while the document is written.
pub(crate) struct Footnotes<'a> {
    defs: &'a [(String, Vec<Block<'a>>)],
    opts: &'a Options,
    /// Referenced notes in order: definition index, number, repeat count.
    used: Vec<(usize, usize, usize)>,
}

impl<'a> Footnotes<'a> {
    pub(crate) fn new(doc: &'a Document, opts: &'a Options) -> Footnotes<'a> {
        Footnotes {
            defs: &doc.footnotes,
            opts,
            used: Vec::new(),
        }
    }

    fn name(&self, def: usize) -> String {
        format!("{}{}", self.opts.footnote_prefix, self.defs[def].0)
    }

    /// The `<sup>` marker for a reference to `name`.
    pub(crate) fn reference(&mut self, name: &str) -> String {
        let Some(def) = self.defs.iter().position(|(n, _)| n == name) else {
            return escape_raw_text(&format!("[^{name}]"));
        };
        let full = self.name(def);
        let (number, repeat) = match self.used.iter_mut().find(|(d, _, _)| *d == def) {
            Some(entry) => {
                entry.2 += 1;
                (entry.1, format!(":{}", entry.2))
            }
            None => {
                let number = self.opts.footnote_nr + self.used.len();
                self.used.push((def, number, 0));
                (number, String::new())
            }
        };
        format!(
            "<sup id=\"fnref:{full}{repeat}\" role=\"doc-noteref\"><a href=\"#fn:{full}\" class=\"footnote\" rel=\"footnote\">{number}</a></sup>"
        )
    }

    /// The note's blocks with its backlinks appended.
    fn content(&self, index: usize) -> Item<'a> {
        let (def, _, repeat) = self.used[index];
        let name = self.name(def);
        let mut blocks = self.defs[def].1.clone();
        let backlink = &self.opts.footnote_backlink;
        if !backlink.is_empty() {
            let text = escape_backlink(backlink);
            append_backlinks(&mut blocks, self.opts.footnote_backlink_inline, |space| {
                let nbsp = if space { "\u{A0}" } else { "" };
                let mut links = vec![Inline::Html(link(nbsp, &name, &text))];
                for i in 1..=repeat {
                    let sup = format!("{text}<sup>{}</sup>", i + 1);
                    links.push(Inline::Html(link("\u{A0}", &format!("{name}:{i}"), &sup)));
                }
                links
            });
        }
        let attrs = vec![
            ("id".to_string(), format!("fn:{name}")),
            ("role".to_string(), "doc-endnote".to_string()),
        ];
        Item {
            blocks,
            attrs,
            blank_before: false,
        }
    }
}

fn link(space: &str, target: &str, text: &str) -> String {
    format!(
        "{space}<a href=\"#fnref:{target}\" class=\"reversefootnote\" role=\"doc-backlink\">{text}</a>"
    )
}

/// The backlink option is raw HTML text: entity references survive escaping.
fn escape_backlink(s: &str) -> String {
    escape_raw_text(s)
}

/// Appends the backlinks to the note's last paragraph, or to a new paragraph when the note
/// ends otherwise (then without the leading space).
fn append_backlinks(
    blocks: &mut Vec<Block>,
    inline: bool,
    links: impl FnOnce(bool) -> Vec<Inline<'static>>,
) {
    let found =
        (matches!(blocks.last(), Some(Block::Para(_))) || inline) && last_para(blocks).is_some();
    if !found {
        blocks.push(Block::Para(Para::default()));
    }
    if let Some(inlines) = last_para(blocks) {
        inlines.extend(links(found));
    }
}

/// Follows the last child down to a paragraph or header (`footnote_backlink_inline`).
fn last_para<'b, 's>(blocks: &'b mut [Block<'s>]) -> Option<&'b mut Vec<Inline<'s>>> {
    match blocks.last_mut()? {
        Block::Para(p) => Some(&mut p.inlines),
        Block::Heading { inlines, .. } => Some(inlines),
        Block::Quote { blocks, .. } => last_para(blocks),
        Block::List { items, .. } => last_para(&mut items.last_mut()?.blocks),
        _ => None,
    }
}

/// The definitions referenced, as indices, in the order kramdown numbers them
/// (`convert_footnote`): by first reference in the main text, then in the notes, note by note.
pub(crate) fn numbering_order(doc: &Document) -> Vec<usize> {
    let defs = &doc.footnotes;
    let mut order = Vec::new();
    references(&doc.blocks, defs, &mut order);
    let mut i = 0;
    while i < order.len() {
        references(&defs[order[i]].1, defs, &mut order);
        i += 1;
    }
    order
}

/// Adds the definitions that `blocks` refer to, in the order written, to `order`.
fn references(blocks: &[Block], defs: &[(String, Vec<Block>)], order: &mut Vec<usize>) {
    for block in blocks {
        match block {
            Block::Para(Para { inlines, .. }) | Block::Heading { inlines, .. } => {
                span_references(inlines, defs, order)
            }
            Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => {
                references(blocks, defs, order)
            }
            Block::List { items, .. } => {
                for item in items {
                    references(&item.blocks, defs, order);
                }
            }
            Block::Table { sections, .. } => {
                for cell in sections.iter().flat_map(|s| s.rows.iter().flatten()) {
                    span_references(cell, defs, order);
                }
            }
            Block::DefList(parts, _) => {
                for part in parts {
                    match part {
                        DefPart::Term(inlines, _) => span_references(inlines, defs, order),
                        DefPart::Definition(item) => references(&item.blocks, defs, order),
                    }
                }
            }
            _ => {}
        }
    }
}

fn span_references(inlines: &[Inline], defs: &[(String, Vec<Block>)], order: &mut Vec<usize>) {
    for inline in inlines {
        match inline {
            Inline::FootnoteRef(name) => {
                // The same lookup as `Footnotes::reference`.
                if let Some(def) = defs.iter().position(|(n, _)| n == name)
                    && !order.contains(&def)
                {
                    order.push(def);
                }
            }
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => span_references(c, defs, order),
            Inline::Link { children, .. } => span_references(children, defs, order),
            Inline::Attributed(inner, _) => {
                span_references(std::slice::from_ref(inner), defs, order)
            }
            _ => {}
        }
    }
}

impl Writer<'_> {
    /// kramdown's `footnote_content`: every referenced note, including notes first referenced
    /// from inside other notes.
    pub(crate) fn footnotes(&mut self) -> String {
        let mut lis = String::new();
        let mut i = 0;
        while i < self.notes.used.len() {
            let item = self.notes.content(i);
            let saved = std::mem::take(&mut self.out);
            self.item("li", &item, 4);
            lis.push_str(&std::mem::replace(&mut self.out, saved));
            i += 1;
        }
        if lis.is_empty() {
            return String::new();
        }
        let start = match self.opts.footnote_nr {
            1 => String::new(),
            n => format!(" start=\"{n}\""),
        };
        format!(
            "<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol{start}>\n{lis}  </ol>\n</div>\n"
        )
    }
}
