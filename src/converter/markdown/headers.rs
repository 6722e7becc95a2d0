//! Headers as kramdown's GFM parser reads them (`kramdown/parser/kramdown/header.rb`,
//! `kramdown-parser-gfm`'s ATX header): setext headers only at a block boundary, ATX headers
//! only with text, and the ` {#id}` that sets a header's id.

use super::build::{Builder, Kind};
use super::frames::Closed;
use super::source::blank_line_before;
use super::tree::{Block, Inline, Next, Para};

impl<'a> Builder<'a> {
    /// A header, or a paragraph where kramdown does not see a setext header.
    pub(super) fn close_heading(&mut self, frame: Closed<'a>, end: usize) {
        let Kind::Heading {
            level,
            start,
            attrs,
        } = frame.kind
        else {
            return;
        };
        let (id, classes) = attrs.map_or((None, Vec::new()), |a| (a.id, a.classes));
        if !self.kramdown_setext(start, end) {
            let raw = &self.src[start..end.min(self.src.len())];
            let underline = raw
                .trim_end()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_string();
            let mut inlines = frame.inlines;
            inlines.push(Inline::Soft);
            inlines.push(Inline::Text {
                text: underline.into(),
                literal: 0,
                next: Next::default(),
            });
            self.block(Block::Para(Para {
                inlines,
                ..Para::default()
            }));
            return;
        }
        let mut attrs = Vec::new();
        if !classes.is_empty() {
            attrs.push(("class".to_string(), classes.join(" ")));
        }
        let mut inlines = frame.inlines;
        let atx = self.src[start..].starts_with('#');
        if atx && inlines.is_empty() {
            // kramdown: an ATX header needs text; `#` alone is a paragraph.
            let raw = self.src[start..end.min(self.src.len())].trim().to_string();
            self.block(Block::Para(Para {
                inlines: vec![Inline::Str(raw.into())],
                ..Para::default()
            }));
            return;
        }
        if let Some(id) = id.or_else(|| header_id(&mut inlines, atx)) {
            attrs.push(("id".to_string(), id));
        }
        self.block(Block::Heading {
            level,
            inlines,
            attrs,
        });
    }

    /// A setext header is one for kramdown only when its text is a single line that starts a
    /// block (`after_block_boundary?`); otherwise the underline is paragraph text. ATX headers
    /// (kramdown-parser-gfm's quirk parser) need no boundary.
    fn kramdown_setext(&mut self, start: usize, end: usize) -> bool {
        let raw = &self.src[start..end.min(self.src.len())];
        if raw.trim_start().starts_with('#') {
            return true;
        }
        let single_line = raw.trim_end().lines().count() <= 2;
        let boundary = self.top_blocks().is_empty() || blank_line_before(self.src, start);
        single_line && boundary
    }
}

/// kramdown's `HEADER_ID`: a header ending in ` {#id}` gets that id; an ATX header's closing
/// `#`s before it go (`parse_atx_header` strips them after the id).
fn header_id(inlines: &mut Vec<Inline>, atx: bool) -> Option<String> {
    let first = inlines
        .iter()
        .rposition(|i| !matches!(i, Inline::Text { .. }))
        .map_or(0, |p| p + 1);
    // Most headers end otherwise: their text is not joined (the text items from `first` on
    // end with `}` exactly when the last non-empty one does).
    let last = inlines[first..].iter().rev().find_map(|i| match i {
        Inline::Text { text, .. } if !text.is_empty() => Some(text),
        _ => None,
    });
    if !last.is_some_and(|t| t.ends_with('}')) && !join_all() {
        return None;
    }
    let mut text = String::new();
    let mut literal = 0;
    for (i, inline) in inlines[first..].iter().enumerate() {
        if let Inline::Text {
            text: t,
            literal: l,
            ..
        } = inline
        {
            if i == 0 {
                literal = *l;
            }
            text.push_str(t);
        }
    }
    let body = text.strip_suffix('}')?;
    let open = body.rfind("{#")?;
    let id = &body[open + 2..];
    let mut chars = id.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_:-".contains(c));
    let before = &body[..open];
    if !valid || !before.ends_with([' ', '\t']) {
        return None;
    }
    let id = id.to_string();
    let mut before = before.trim_end();
    if atx && !before.ends_with("\\#") {
        before = before.trim_end_matches('#').trim_end();
    }
    let text = before.to_string();
    inlines.truncate(first);
    if !text.is_empty() {
        inlines.push(Inline::Text {
            text: text.into(),
            literal,
            next: Next::default(),
        });
    }
    Some(id)
}

#[cfg(test)]
thread_local! {
    /// Tests join every header's text, to compare with the shortcut.
    static JOIN_ALL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn join_all() -> bool {
    JOIN_ALL.with(std::cell::Cell::get)
}

#[cfg(not(test))]
fn join_all() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::JOIN_ALL;
    use crate::converter::markdown::{Options, convert};

    /// The shortcut for headers that end without `}` converts every test input as joining
    /// their text does.
    #[test]
    fn header_ids_found_as_by_joined_text() {
        let opts = Options::default();
        for doc in &crate::converter::markdown::test_inputs::all() {
            let fast = convert(doc, &opts);
            JOIN_ALL.with(|j| j.set(true));
            let joined = convert(doc, &opts);
            JOIN_ALL.with(|j| j.set(false));
            assert_eq!(fast, joined, "{doc:?}");
        }
    }
}
