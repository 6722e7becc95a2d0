//! Closing an element of the tree under construction: turning the collected content into
//! the block or span element kramdown would have built (`kramdown/parser/kramdown/*.rb`).

use std::borrow::Cow;

use super::build::{Builder, Kind};
use super::frames::{Closed, collected, let_go};
use super::html_block;
use super::kinds::CodeKind;
use super::tree::{
    Align, Attrs, Block, DefPart, Inline, Item, Next, Para, Section, TableSection, plain_text,
};

impl<'a> Builder<'a> {
    /// Pops the innermost element and attaches it to its parent.
    pub(super) fn close_top(&mut self, end: usize) {
        let Some(top) = self.stack.last() else {
            return;
        };
        // The document itself stays open.
        if self.stack.len() == 1
            || (matches!(top.kind, Kind::Em(_) | Kind::Strong(_))
                && self.close_kept_delimiters(end))
        {
            return;
        }
        let Some(frame) = self.pop_closed() else {
            return;
        };
        let end = end.max(frame.end);
        let is_block = is_block_kind(&frame.kind);
        self.block_start = is_block.then_some(frame.start);
        // Kinds that own nothing are let go of (`let_go`) where they are matched.
        match frame.kind {
            Kind::Para { .. } => {
                let_go(frame.kind);
                self.close_para(frame.inlines, frame.start, end);
            }
            Kind::Heading { .. } => self.close_heading(frame, end),
            Kind::Quote => {
                let_go(frame.kind);
                let mut blocks = frame.blocks;
                let depth = self.quote_depth() + 1;
                if !matches!(blocks.last(), Some(Block::Blank))
                    && super::blanks::quote_ends_blank(self.src, end, depth)
                {
                    blocks.push(Block::Blank);
                }
                self.block(Block::Quote {
                    blocks,
                    attrs: Vec::new(),
                })
            }
            Kind::List { ordered } => {
                let_go(frame.kind);
                self.close_list(ordered, collected(frame.more).items, frame.start);
            }
            Kind::Item => {
                let_go(frame.kind);
                let mut blocks = frame.blocks;
                self.tables_in_item(&mut blocks, frame.start);
                let item = Item {
                    blocks,
                    attrs: Attrs::new(),
                    blank_before: false,
                };
                self.top().more().items.push(item);
            }
            Kind::FootnoteDef(name) => self.close_note(name, frame.blocks, frame.start, end),
            Kind::Code(code) => self.close_code(*code, collected(frame.more).text),
            Kind::Html => {
                let_go(frame.kind);
                self.close_html(collected(frame.more).text, frame.start);
            }
            _ => self.close_other(frame, end),
        }
        if is_block && let Some(parent) = self.stack.last_mut() {
            parent.last_end = parent.last_end.max(end);
        }
    }

    /// A paragraph, or kramdown's block math.
    fn close_para(&mut self, inlines: Vec<Inline<'a>>, start: usize, end: usize) {
        if self.is_block_math(&inlines, start, end) {
            if let Some(Inline::Math(math)) = inlines.into_iter().next() {
                self.block(Block::Math(math, Attrs::new()));
            }
            return;
        }
        let blank_after = self.lines.blank_line_follows(self.src, end);
        // Every field written: `..Para::default()` made and dropped a Vec each time.
        self.block(Block::Para(Para {
            inlines,
            attrs: Attrs::new(),
            transparent: false,
            blank_after,
            span: (start, end),
        }));
    }

    fn close_list(&mut self, ordered: bool, items: Vec<Item<'a>>, start: usize) {
        if self.merges_with_previous_list(ordered, start) {
            if let Some(Block::List { items: before, .. }) = self.top_blocks().last_mut() {
                before.extend(items);
            }
            return;
        }
        self.block(Block::List {
            ordered,
            items,
            attrs: Vec::new(),
        })
    }

    fn close_note(&mut self, name: String, mut blocks: Vec<Block<'a>>, start: usize, end: usize) {
        self.hidden.push(start..end);
        // Nothing after `[^name]:`: the content starts with that empty line.
        let line = self.src[start..].split('\n').next().unwrap_or("");
        let empty = line
            .split_once("]:")
            .is_some_and(|(_, r)| r.trim().is_empty());
        if empty && !matches!(blocks.first(), Some(Block::Blank)) {
            blocks.insert(0, Block::Blank);
        }
        self.tables_in_note(&mut blocks, start);
        self.footnotes.push((name, blocks))
    }

    /// An indented code block (no language, nor lines as written), or a fenced one.
    fn close_code(&mut self, code: CodeKind, text: String) {
        let CodeKind {
            lang, raw, extra, ..
        } = code;
        let text = match (&lang, raw) {
            (None, None) => dedent_lines(&text, self.blank_first_line_indent()),
            (_, Some(raw)) => raw,
            (_, None) => indent_lines(&text, extra),
        };
        self.block(Block::Code {
            lang,
            text,
            attrs: Vec::new(),
        })
    }

    /// kramdown's block math: a paragraph that is only `$$…$$`, between block boundaries.
    fn is_block_math(&mut self, inlines: &[Inline], start: usize, end: usize) -> bool {
        if !matches!(inlines, [Inline::Math(_)]) {
            return false;
        }
        let before = self.top_blocks().is_empty() || self.lines.blank_line_before(self.src, start);
        let after = self.lines.blank_line_follows(self.src, end)
            || self.src[end.min(self.src.len())..].trim().is_empty();
        before && after
    }

    /// kramdown continues a list across a change of bullet character (`*`, `-`, `+`), where
    /// CommonMark starts a new list.
    /// Only blank lines may separate the two (a link definition between them ends the first).
    fn merges_with_previous_list(&mut self, ordered: bool, start: usize) -> bool {
        self.close_implicit_para();
        let gap_start = self.top().last_end.min(start);
        let only_blank = self.src[gap_start..start].trim().is_empty();
        only_blank
            && matches!(self.top_blocks().last(), Some(Block::List { ordered: o, .. }) if *o == ordered)
    }

    /// A CommonMark HTML block inside a container (or one kramdown reads as a paragraph).
    fn close_html(&mut self, raw: String, start: usize) {
        if self.continues_paragraph(start) {
            self.merge_into_paragraph(&raw);
        } else if html_block::block_start(&raw).is_some() {
            let mut parts = html_block::render_chunk(&raw);
            if let Some(html_block::Part::Raw(last)) = parts.last_mut() {
                last.truncate(last.trim_end().len());
            }
            self.html_parts(parts);
        } else {
            for block in self.paragraph_fragment(&raw) {
                self.block(block);
            }
        }
    }

    fn close_other(&mut self, frame: Closed<'a>, end: usize) {
        let inl = frame.inlines;
        match frame.kind {
            Kind::Link { plain: true, .. } => {
                let span = self.plain_link(&inl, end);
                self.push_inline(span, end);
            }
            Kind::Link {
                target,
                auto,
                shortcut,
                ..
            } => {
                let children = without_mailto(auto, inl);
                let link = Inline::Link {
                    target,
                    auto,
                    shortcut,
                    children,
                };
                self.push_inline(link, end);
            }
            Kind::Image(image) => self.push_inline(Inline::Image(image), end),
            Kind::TableCell => {
                let rows = &mut self.top().more().rows;
                if rows.is_empty() {
                    rows.push(Vec::new());
                }
                rows[0].push(inl);
            }
            Kind::TableRow | Kind::TableHead => {
                let row = collected(frame.more).rows.pop().unwrap_or_default();
                self.top().more().rows.push(row);
            }
            Kind::Table(aligns) => self.close_table(aligns, collected(frame.more).rows),
            // kramdown: each line above the definitions is a term of its own.
            Kind::DefTerm => {
                let terms = inl.split(|i| matches!(i, Inline::Soft));
                let terms = terms.map(|t| DefPart::Term(t.to_vec(), Attrs::new()));
                self.top().more().defs.extend(terms);
            }
            Kind::DefDefinition => {
                let blank_before = self.lines.blank_line_before(self.src, frame.start);
                let item = Item {
                    blocks: frame.blocks,
                    attrs: Vec::new(),
                    blank_before,
                };
                self.top().more().defs.push(DefPart::Definition(item));
            }
            Kind::DefList => {
                match self.top_blocks().last_mut() {
                    // kramdown: terms after a definition continue its list.
                    Some(Block::DefList(parts, _)) => parts.extend(collected(frame.more).defs),
                    _ => self.block(Block::DefList(collected(frame.more).defs, Attrs::new())),
                }
            }
            _ => {
                for b in frame.blocks {
                    self.block(b);
                }
                for i in inl {
                    self.inline(i, end..end);
                }
            }
        }
    }

    /// Emphasis, resolved later the way kramdown does (`emphasis`): for now the delimiters
    /// stay text around the content, which stays where it is on the shared stack. Returns
    /// false when the innermost element is no emphasis.
    fn close_kept_delimiters(&mut self, end: usize) -> bool {
        let Some((start, delim)) = self.stack.last().and_then(|f| self.kept_delimiter(&f.kind))
        else {
            return false;
        };
        let Some((inline_base, content_end)) = self.pop_span() else {
            return false;
        };
        let end = end.max(content_end);
        self.block_start = None;
        let next = Next::of;
        let open_next = next(&self.src[(start + delim.len()).min(self.src.len())..]);
        let open = Inline::Text {
            text: delim.to_string().into(),
            literal: 0,
            next: open_next,
        };
        let close_next = next(&self.src[end.min(self.src.len())..]);
        let close = Inline::Text {
            text: delim.into_owned().into(),
            literal: 0,
            next: close_next,
        };
        self.insert_inline(inline_base, open);
        self.push_inline(close, end);
        true
    }

    /// The delimiter kept as text around an emphasis element of `kind`, and where it starts.
    fn kept_delimiter(&self, kind: &Kind) -> Option<(usize, Cow<'static, str>)> {
        let (start, n) = match *kind {
            Kind::Em(start) => (start, 1),
            Kind::Strong(start) => (start, 2),
            _ => return None,
        };
        let c = self.src[start..].chars().next().unwrap_or('*');
        Some((start, delimiter(c, n)))
    }

    /// An autolink kramdown reads as text: its content between `<` and `>`.
    fn plain_link(&self, inl: &[Inline<'a>], end: usize) -> Inline<'a> {
        let mut text = String::new();
        plain_text(inl, &mut text);
        let next = Next::of(&self.src[end.min(self.src.len())..]);
        Inline::Text {
            text: format!("<{text}>").into(),
            literal: 0,
            next,
        }
    }

    /// A GFM table inside a container (top-level ones go through `table`).
    fn close_table(&mut self, aligns: Vec<Align>, mut rows: Vec<Vec<Vec<Inline<'a>>>>) {
        let head = if rows.is_empty() {
            Vec::new()
        } else {
            rows.remove(0)
        };
        let sections = vec![
            TableSection {
                kind: Section::Head,
                rows: vec![head],
            },
            TableSection {
                kind: Section::Body,
                rows,
            },
        ];
        self.block(Block::Table {
            aligns,
            sections,
            attrs: Vec::new(),
        });
    }
}

/// `n` times the character `c` (Markdown's emphasis delimiters without an allocation).
#[inline]
/// kramdown's `parse_autolink` writes an e-mail autolink's address without `mailto:`.
fn without_mailto(auto: bool, mut children: Vec<Inline<'_>>) -> Vec<Inline<'_>> {
    if auto
        && let Some(Inline::Text { text, .. }) = children.first_mut()
        && let Some(rest) = text.strip_prefix("mailto:")
    {
        *text = rest.to_string().into();
    }
    children
}

fn delimiter(c: char, n: usize) -> Cow<'static, str> {
    match (c, n) {
        ('*', 1) => return "*".into(),
        ('*', 2) => return "**".into(),
        ('_', 1) => return "_".into(),
        ('_', 2) => return "__".into(),
        _ => {}
    }
    let mut delim = String::with_capacity(n * c.len_utf8());
    for _ in 0..n {
        delim.push(c);
    }
    delim.into()
}

/// Elements that become blocks of their parent when closed.
fn is_block_kind(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Para { .. }
            | Kind::Heading { .. }
            | Kind::Quote
            | Kind::List { .. }
            | Kind::Code(..)
            | Kind::Html
            | Kind::Table(_)
            | Kind::DefList
    )
}

/// Puts `extra` spaces in front of every non-empty line.
/// Removes up to `n` leading spaces from every line.
fn dedent_lines(text: &str, n: usize) -> String {
    if n == 0 {
        return text.to_string();
    }
    text.split_inclusive('\n')
        .map(|l| {
            let spaces = l.len() - l.trim_start_matches(' ').len();
            &l[spaces.min(n)..]
        })
        .collect()
}

fn indent_lines(text: &str, extra: usize) -> String {
    if extra == 0 {
        return text.to_string();
    }
    let pad = " ".repeat(extra);
    text.split_inclusive('\n')
        .map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect()
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

/// kramdown's `AUTOLINK_START`: only these schemes, and plain e-mail addresses.
pub(super) fn kramdown_autolink(url: &str) -> bool {
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
