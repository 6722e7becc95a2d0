//! Where `rewrite`'s markers are found again: in the parsed tree, where `resolve` replaces
//! them with what they stand for (kramdown applies block IALs, `^` and `{::nomarkdown}` while
//! it parses), and in the source, where a marker line is a block boundary as a blank line is.

use super::super::tree::{Attrs, Block, DefPart, Document};
use super::super::{ial, link_definition};
use super::{MARK, Marked, Rewritten};

impl Rewritten {
    /// What the marker `block` stands for (`None` for any other block).
    fn marked(&self, block: &Block) -> Option<&Marked> {
        let Block::Code { lang: Some(l), .. } = block else {
            return None;
        };
        let id = l.strip_prefix(MARK)?;
        let n = id.parse::<usize>().unwrap_or(0);
        Some(
            n.checked_sub(1)
                .and_then(|n| self.marks.get(n))
                .unwrap_or(&Marked::Eob),
        )
    }

    /// Gives each link to a definition with an IAL the definition's attributes.
    pub(crate) fn link_attributes(&self, doc: &mut Document) {
        if !self.link_attrs.is_empty() {
            link_definition::apply_attributes(doc, &self.link_attrs, &|a| self.expand(a, 0));
        }
    }

    /// Drops the markers from `blocks` (top level, where `rewrite` put them), replacing those
    /// that stand for raw HTML and applying the attributes of IAL lines.
    pub(crate) fn resolve(&self, blocks: &mut Vec<Block>) {
        let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
        let mut below: Option<Attrs> = None;
        for mut block in blocks.drain(..) {
            if let Block::HtmlElement { blocks, .. } = &mut block {
                self.resolve(blocks);
            }
            match self.marked(&block) {
                None if matches!(block, Block::Blank) => kept.push(block),
                None => {
                    if let Block::DefList(parts, _) = &mut block {
                        self.definition_attributes(parts);
                    }
                    if let Some(attrs) = below.take() {
                        ial::apply_block_ial(&mut block, self.expand(&attrs, 0));
                    }
                    kept.push(block);
                }
                Some(Marked::Eob | Marked::Definition(_)) => {}
                Some(Marked::Caret) => super::super::lists::eob_after(&mut kept),
                Some(Marked::Html(html)) => kept.push(Block::Html(html.clone())),
                Some(Marked::Above(attrs)) => {
                    if let Some(last) = kept.iter_mut().rev().find(|b| !matches!(b, Block::Blank)) {
                        ial::apply_block_ial(last, self.expand(attrs, 0));
                    }
                }
                Some(Marked::Below(attrs)) => below
                    .get_or_insert_with(Attrs::new)
                    .extend(attrs.iter().cloned()),
            }
        }
        super::super::blanks::merge(&mut kept);
        *blocks = kept;
    }
}

impl Rewritten {
    /// Gives each definition that opens with a `Definition` marker its attributes.
    fn definition_attributes(&self, parts: &mut [DefPart]) {
        for part in parts {
            let DefPart::Definition(item) = part else {
                continue;
            };
            let Some(Marked::Definition(attrs)) = item.blocks.first().and_then(|b| self.marked(b))
            else {
                continue;
            };
            let attrs = self.expand(attrs, 0);
            ial::merge(
                &mut item.attrs,
                attrs.into_iter().filter(|(k, _)| k != ial::REF).collect(),
            );
            item.blocks.remove(0);
        }
    }
}

/// Whether `block` is a marker `rewrite` put in (a block boundary, never a lazy line).
pub(crate) fn is_marker(block: &Block) -> bool {
    matches!(block, Block::Code { lang: Some(l), .. } if l.starts_with(MARK))
}

/// Whether a source line is a marker `rewrite` put in (a block boundary).
pub(crate) fn is_marker_line(line: &str) -> bool {
    line.strip_prefix("```")
        .is_some_and(|l| l.starts_with(MARK))
}

/// Whether the line starting at `line_start` of `src` comes right after a marker (a block
/// boundary, as a blank line is).
pub(crate) fn follows_marker(src: &str, line_start: usize) -> bool {
    let Some(before) = src[..line_start].strip_suffix("```\n") else {
        return false;
    };
    let marker_line = before.trim_end_matches('\n');
    let start = marker_line.rfind('\n').map_or(0, |i| i + 1);
    before.ends_with('\n') && is_marker_line(&marker_line[start..])
}
