//! Closing an element of the tree under construction: turning the collected content into
//! the block or span element kramdown would have built (`kramdown/parser/kramdown/*.rb`).

use super::build::{Builder, Frame, Kind};
use super::html_block;
use super::source::blank_line_follows;
use super::tree::{Align, Block, DefPart, Inline, Item, Para, parse_as_paragraph, plain_text};

impl Builder<'_> {
    /// Pops the innermost element and attaches it to its parent.
    pub(super) fn close_top(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let end = end.max(frame.end);
        match frame.kind {
            Kind::Root => self.stack.push(frame),
            Kind::Para { .. } => {
                let blank_after = blank_line_follows(self.src, end);
                let para = Para {
                    inlines: frame.inlines,
                    blank_after,
                    ..Para::default()
                };
                self.block(Block::Para(para));
            }
            Kind::Heading { level, id, classes } => {
                let mut attrs = Vec::new();
                if !classes.is_empty() {
                    attrs.push(("class".to_string(), classes.join(" ")));
                }
                if let Some(id) = id {
                    attrs.push(("id".to_string(), id));
                }
                self.block(Block::Heading {
                    level,
                    inlines: frame.inlines,
                    attrs,
                });
            }
            Kind::Quote => self.block(Block::Quote {
                blocks: frame.blocks,
                attrs: Vec::new(),
            }),
            Kind::List { ordered } if self.merges_with_previous_list(ordered) => {
                if let Some(Block::List { items, .. }) = self.top().blocks.last_mut() {
                    items.extend(frame.items);
                }
            }
            Kind::List { ordered } => self.block(Block::List {
                ordered,
                items: frame.items,
                attrs: Vec::new(),
            }),
            Kind::Item => {
                let item = Item {
                    blocks: frame.blocks,
                    attrs: Vec::new(),
                };
                self.top().items.push(item);
            }
            Kind::FootnoteDef(name) => self.footnotes.push((name, frame.blocks)),
            Kind::Code(lang, raw) => self.block(Block::Code {
                lang,
                text: raw.unwrap_or(frame.text),
                attrs: Vec::new(),
            }),
            Kind::Html => self.close_html(frame.text),
            _ => self.close_other(frame, end),
        }
    }

    /// kramdown continues a list across a change of bullet character (`*`, `-`, `+`), where
    /// CommonMark starts a new list.
    fn merges_with_previous_list(&mut self, ordered: bool) -> bool {
        self.close_implicit_para();
        matches!(self.top().blocks.last(), Some(Block::List { ordered: o, .. }) if *o == ordered)
    }

    /// A CommonMark HTML block inside a container (or one kramdown reads as a paragraph).
    fn close_html(&mut self, raw: String) {
        if html_block::block_start(&raw).is_some() {
            let html = html_block::render_chunk(&raw);
            self.block(Block::Html(html.trim_end().to_string()));
        } else {
            for block in parse_as_paragraph(&raw, self.opts) {
                self.block(block);
            }
        }
    }

    fn close_other(&mut self, frame: Frame, end: usize) {
        let inl = frame.inlines;
        let span = match frame.kind {
            Kind::Em(start) => emphasis(&self.src[start..], inl),
            Kind::Strong => Inline::Strong(inl),
            Kind::Del => Inline::Del(inl),
            Kind::Link {
                url, auto: true, ..
            } if !kramdown_autolink(&url) => {
                let mut text = String::new();
                plain_text(&inl, &mut text);
                Inline::Str(format!("<{text}>"))
            }
            Kind::Link { url, title, auto } => Inline::Link {
                url,
                title,
                auto,
                children: inl,
            },
            Kind::Image { url, title, alt } => Inline::Image { url, title, alt },
            Kind::TableCell => {
                let top = self.top();
                if top.rows.is_empty() {
                    top.rows.push(Vec::new());
                }
                top.rows[0].push(inl);
                return;
            }
            Kind::TableRow | Kind::TableHead => {
                let mut rows = frame.rows;
                let row = rows.pop().unwrap_or_default();
                return self.top().rows.push(row);
            }
            Kind::Table(aligns) => return self.close_table(aligns, frame.rows),
            Kind::DefTerm => return self.top().defs.push(DefPart::Term(inl)),
            Kind::DefDefinition => {
                let item = Item {
                    blocks: frame.blocks,
                    attrs: Vec::new(),
                };
                return self.top().defs.push(DefPart::Definition(item));
            }
            Kind::DefList => return self.block(Block::DefList(frame.defs)),
            _ => {
                for b in frame.blocks {
                    self.block(b);
                }
                for i in inl {
                    self.inline(i, end..end);
                }
                return;
            }
        };
        let top = self.top();
        top.end = top.end.max(end);
        top.inlines.push(span);
    }

    fn close_table(&mut self, aligns: Vec<Align>, mut rows: Vec<Vec<Vec<Inline>>>) {
        let head = if rows.is_empty() {
            Vec::new()
        } else {
            rows.remove(0)
        };
        let table = Block::Table {
            aligns,
            head,
            rows,
            attrs: Vec::new(),
        };
        self.block(table);
    }
}

/// The lines between a fence and its closing fence, as written.
pub(super) fn fenced_content(block: &str) -> String {
    let Some(first_nl) = block.find('\n') else {
        return String::new();
    };
    let body = &block[first_nl + 1..];
    let trimmed = body.trim_end_matches('\n');
    let last_start = trimmed.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let last = trimmed[last_start..].trim_start_matches(' ');
    if last.starts_with("```") || last.starts_with("~~~") {
        return body[..last_start].to_string();
    }
    let mut text = body.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// `***x***` is strong around emphasis in kramdown (pulldown-cmark nests it the other way).
fn emphasis(src: &str, children: Vec<Inline>) -> Inline {
    let triple = src.starts_with("***") || src.starts_with("___");
    match <[Inline; 1]>::try_from(children) {
        Ok([Inline::Strong(inner)]) if triple => Inline::Strong(vec![Inline::Em(inner)]),
        Ok([only]) => Inline::Em(vec![only]),
        Err(children) => Inline::Em(children),
    }
}

/// kramdown's `AUTOLINK_START`: only these schemes, and plain e-mail addresses.
fn kramdown_autolink(url: &str) -> bool {
    if let Some(addr) = url.strip_prefix("mailto:") {
        if let Some((user, host)) = addr.split_once('@') {
            let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
            let tld = host.rsplit('.').next().unwrap_or("");
            return !user.is_empty()
                && user.chars().all(|c| word(c) || c == '.')
                && host.contains('.')
                && host
                    .split('.')
                    .all(|p| !p.is_empty() && p.chars().all(word))
                && tld.chars().all(|c| c.is_ascii_lowercase());
        }
        return !addr.is_empty();
    }
    ["http:", "https:", "ftp:", "ftps:"]
        .iter()
        .any(|s| url.starts_with(s) && url.len() > s.len())
}
