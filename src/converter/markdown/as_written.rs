//! Span and code details kramdown takes from the source as written, where pulldown-cmark's
//! events carry a processed form: link destinations with backslashes, which autolinks exist,
//! code span content, line ends with the indentation kept after them, and the indentation
//! of code inside list items and definitions.

use pulldown_cmark::LinkType;
use std::ops::Range;

use super::borrowed::keep;
use super::build::{Builder, Kind};
use super::close::kramdown_autolink;
use super::source::{line_start, raw_destination};
use super::tree::{Attrs, Inline, LinkTarget, Next, SrcText};

impl<'a> Builder<'a> {
    /// A link; autolinks kramdown does not know (other schemes, or `<<x@y.z>>` where it reads
    /// `<<` first) stay text. kramdown keeps backslashes in an inline link's URL.
    pub(super) fn link_kind(
        &self,
        link_type: LinkType,
        url: &str,
        title: &str,
        range: Range<usize>,
    ) -> Kind {
        let (url, auto) = match link_type {
            LinkType::Email => (format!("mailto:{url}"), true),
            LinkType::Autolink => (url.to_string(), true),
            LinkType::Inline => (raw_destination(&self.src[range.clone()], url), false),
            _ => (url.to_string(), false),
        };
        let plain = auto && (self.src[..range.start].ends_with('<') || !kramdown_autolink(&url));
        let shortcut = matches!(link_type, LinkType::Shortcut | LinkType::ShortcutUnknown);
        Kind::Link {
            target: Box::new(LinkTarget {
                url,
                title: title.to_string(),
                attrs: Attrs::new(),
            }),
            auto,
            plain,
            shortcut,
        }
    }

    /// A line end inside a paragraph (kramdown's `LINE_BREAK`, `/(  |\\\\)(?=\n)/`): the
    /// spaces before it stay as text but for the two making a hard break, and `\\` right
    /// before it (an escaped backslash to CommonMark) is a hard break too.
    pub(super) fn line_end(&mut self, hard: bool, range: Range<usize>) {
        let rest = &self.src[range.start..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let at_newline = rest[spaces..].starts_with('\n');
        let before = &self.src[..range.start];
        let dropped = before.len() - before.trim_end_matches(' ').len();
        let text_has_them = matches!(self.top_inlines().last(),
            Some(Inline::Text { text, .. }) if text.ends_with(' '));
        let keep = match (hard, at_newline) {
            (true, true) => spaces.saturating_sub(2),
            (false, true) if spaces == 0 && !text_has_them => dropped,
            (false, true) => spaces,
            _ => 0,
        };
        if keep > 0 {
            let spaces = Inline::Text {
                text: " ".repeat(keep).into(),
                literal: 0,
                next: Next::default(),
            };
            self.inline(spaces, range.clone());
        }
        let escaped_break = !hard
            && spaces == 0
            && self.src[..range.start].ends_with("\\\\")
            && self.drop_escaped_backslash();
        let inline = if hard || escaped_break {
            Inline::Br
        } else {
            Inline::Soft
        };
        self.inline(inline, range.clone());
        let kept = self.kept_indent(range.end);
        if !kept.is_empty() {
            let text = Inline::Text {
                text: kept.to_string().into(),
                literal: 0,
                next: Next::default(),
            };
            self.inline(text, range);
        }
    }

    /// The indentation of the paragraph line after a line end that kramdown keeps as text:
    /// what the enclosing quotes (`> `) or list item (its content column) do not take away.
    /// pulldown-cmark drops all of it.
    fn kept_indent(&self, after_break: usize) -> &str {
        let src = self.src;
        let Some(nl) = src[..after_break.min(src.len())].rfind('\n') else {
            return "";
        };
        let line = src[nl + 1..].split('\n').next().unwrap_or("");
        let kinds = || self.stack.iter().map(|f| &f.kind);
        let quotes = kinds().filter(|k| matches!(k, Kind::Quote)).count();
        let items: Vec<usize> = self
            .stack
            .iter()
            .filter(|f| matches!(f.kind, Kind::Item | Kind::FootnoteDef(_)))
            .map(|f| f.start)
            .collect();
        if kinds().any(|k| matches!(k, Kind::Heading { .. })) || (quotes > 0 && !items.is_empty()) {
            return "";
        }
        if let Some(def) = self
            .stack
            .iter()
            .find(|f| matches!(f.kind, Kind::DefDefinition))
        {
            // Only a definition at the top level: in other containers the columns add up.
            return match definition_content_column(src, def.start) {
                Some(col) if quotes == 0 && items.is_empty() => beyond(line, col),
                _ => "",
            };
        }
        let mut rest = line;
        for _ in 0..quotes {
            let t = rest.trim_start_matches(' ');
            match t.strip_prefix('>') {
                Some(r) => rest = r.strip_prefix(' ').unwrap_or(r),
                None => break,
            }
        }
        if let Some(&start) = items.last() {
            let col = if src[start..].starts_with("[^") {
                4
            } else {
                item_content_column(src, start)
            };
            return beyond(rest, col);
        }
        beyond(rest, 0)
    }

    /// Removes the `\` that ends the text before a `\\` line break.
    fn drop_escaped_backslash(&mut self) -> bool {
        let Some(Inline::Text { text, .. }) = self.top_inlines().last_mut() else {
            return false;
        };
        if text.to_mut().pop() != Some('\\') {
            return false;
        }
        if text.is_empty() {
            self.pop_inline();
        }
        true
    }

    /// How far a fence inside a list item is indented beyond the item's content column:
    /// kramdown keeps that indentation on the code lines (pulldown-cmark strips it).
    pub(super) fn fence_indent_in_item(&self, fence: usize) -> usize {
        if self.stack.iter().any(|f| matches!(f.kind, Kind::Quote)) {
            return 0;
        }
        let container = self
            .stack
            .iter()
            .rev()
            .find(|f| !matches!(f.kind, Kind::Para { .. }));
        let Some(item) = container.filter(|f| matches!(f.kind, Kind::Item)) else {
            return 0;
        };
        let line = &self.src[line_start(self.src, item.start)..];
        let rest = line.trim_start_matches(' ');
        let marker_col = line.len() - rest.len();
        let marker = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let marker = if marker > 0 { marker + 1 } else { 1 };
        let after = &rest[marker.min(rest.len())..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        let spaces = if (1..=4).contains(&spaces) { spaces } else { 1 };
        let fence_col = fence - line_start(self.src, fence);
        fence_col.saturating_sub(marker_col + marker + spaces)
    }

    /// How much more kramdown strips from the lines of an indented code block in a list item
    /// or definition whose first line is blank: kramdown's content indent is then 4, where
    /// CommonMark's is the marker's width plus one.
    pub(super) fn blank_first_line_indent(&self) -> usize {
        let container = self
            .stack
            .iter()
            .rev()
            .find(|f| !matches!(f.kind, Kind::Para { .. }));
        let Some(item) = container.filter(|f| matches!(f.kind, Kind::Item | Kind::DefDefinition))
        else {
            return 0;
        };
        let line = &self.src[line_start(self.src, item.start)..];
        let rest = line.trim_start_matches(' ');
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let marker = if digits > 0 { digits + 1 } else { 1 };
        let after = rest.get(marker..).unwrap_or("");
        let first_line = after.split('\n').next().unwrap_or("");
        if first_line.trim().is_empty() {
            4usize.saturating_sub(marker + 1)
        } else {
            0
        }
    }

    /// kramdown keeps a code span's content as written: line breaks stay, and only a
    /// multi-backtick span loses one space at each end.
    pub(super) fn raw_code(&self, parsed: &str, range: &Range<usize>) -> SrcText<'a> {
        let src = self.src;
        let raw = &src[range.clone()];
        let ticks = raw.len() - raw.trim_start_matches('`').len();
        if ticks == 0 || raw.len() < 2 * ticks {
            return parsed.to_string().into();
        }
        let mut inner = SrcText::Borrowed(&raw[ticks..raw.len() - ticks]);
        let in_container = self
            .stack
            .iter()
            .any(|f| matches!(f.kind, Kind::Quote | Kind::Item));
        if in_container && inner.contains('\n') {
            // Continuation lines carry the container's markers and indentation.
            let lines: Vec<&str> = inner.split('\n').collect();
            let mut joined = lines[0].to_string();
            for line in &lines[1..] {
                joined.push('\n');
                joined.push_str(line.trim_start_matches([' ', '\t', '>']));
            }
            inner = joined.into();
        }
        if ticks > 1 {
            strip_space_pair(&mut inner);
        }
        inner
    }
}

/// One space off each end of a code span written with more than one backtick, as kramdown
/// strips them; a slice of the source stays one.
fn strip_space_pair(inner: &mut SrcText<'_>) {
    let start = usize::from(inner.starts_with(' '));
    let end = inner.len() - usize::from(inner[start..].ends_with(' '));
    keep(inner, start..end);
}

/// The white space opening `line` beyond the content column `col`. A line indented less than
/// the content is a lazy line, kept as it is (kramdown's `indent_re` takes nothing from it).
fn beyond(line: &str, col: usize) -> &str {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    let rest = if spaces >= col { &line[col..] } else { line };
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
}

/// kramdown's definition indentation (`parse_definition_list` through
/// `parse_first_list_line`): the colon with the spaces before and after it, or 4 when the
/// first line holds nothing but an IAL or white space (`LIST_ITEM_IAL_CHECK`). `None` where
/// a tab follows the colon (kramdown expands it first).
fn definition_content_column(src: &str, start: usize) -> Option<usize> {
    let line = src[line_start(src, start)..].split('\n').next()?;
    let content = line.trim_start_matches(' ').strip_prefix(':')?;
    let text = content.trim_start_matches(' ');
    if text.starts_with('\t') {
        return None;
    }
    if text.trim().is_empty() || is_item_ial_line(text) {
        return Some(4);
    }
    Some(line.len() - text.len())
}

/// Whether the text of an item's or definition's first line is nothing but an IAL
/// (kramdown's `LIST_ITEM_IAL_CHECK`, which excludes ALDs `{:name: …}`).
pub(super) fn is_item_ial_line(text: &str) -> bool {
    let Some(body) = text.trim_end().strip_prefix("{:") else {
        return false;
    };
    let name = body.len()
        - body
            .trim_start_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
            .len();
    !body[name..].starts_with(':') && super::ial::parse(text.trim_end()).is_some()
}

/// kramdown's list item indentation (`parse_first_list_line`): the marker with the spaces
/// before and after it.
fn item_content_column(src: &str, start: usize) -> usize {
    let from = &src[start..];
    let marker = start + from.len() - from.trim_start_matches(' ').len();
    let rest = &src[marker..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let width = if digits > 0 { digits + 1 } else { 1 };
    let after = rest.get(width..).unwrap_or("");
    let spaces = after.len() - after.trim_start_matches(' ').len();
    marker - line_start(src, marker) + width + spaces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// kramdown's `LIST_ITEM_IAL_CHECK` (read in `parser/kramdown/list.rb`).
    #[test]
    fn item_ial_lines() {
        let cases = [
            ("{:.c}", true),
            ("{:.c #i}  ", true),
            ("{:.c} text", false),
            ("{:name: .c}", false),
            ("{::comment}", false),
            ("{:/}", false),
            ("text", false),
        ];
        for (text, want) in cases {
            assert_eq!(is_item_ial_line(text), want, "{text:?}");
        }
    }

    /// The cut of a slice strips what stripping a space prefix, then a space suffix does.
    #[test]
    fn strip_space_pair_strips_as_prefix_then_suffix() {
        let cases = [
            "", " ", "  ", "   ", "a", " a", "a ", " a ", "  a  ", " \u{e9} ", "\u{e9}",
        ];
        for case in cases {
            let stripped = case.strip_prefix(' ').unwrap_or(case);
            let want = stripped.strip_suffix(' ').unwrap_or(stripped);
            for mut text in [SrcText::Borrowed(case), SrcText::Owned(case.to_string())] {
                strip_space_pair(&mut text);
                assert_eq!(text, want, "{case:?}");
            }
        }
    }
}
