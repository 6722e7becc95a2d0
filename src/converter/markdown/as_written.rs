//! Span and code details kramdown takes from the source as written, where pulldown-cmark's
//! events carry a processed form: link destinations with backslashes, which autolinks exist,
//! code span content, and the indentation of fenced code inside list items.

use pulldown_cmark::LinkType;
use std::ops::Range;

use super::build::{Builder, Kind};
use super::close::kramdown_autolink;
use super::source::{line_start, raw_destination};

impl Builder<'_> {
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
            url,
            title: title.to_string(),
            auto,
            plain,
            shortcut,
        }
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

    /// kramdown keeps a code span's content as written: line breaks stay, and only a
    /// multi-backtick span loses one space at each end.
    pub(super) fn raw_code(&self, parsed: &str, range: &Range<usize>) -> String {
        let raw = &self.src[range.clone()];
        let ticks = raw.len() - raw.trim_start_matches('`').len();
        if ticks == 0 || raw.len() < 2 * ticks {
            return parsed.to_string();
        }
        let mut inner = raw[ticks..raw.len() - ticks].to_string();
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
            inner = joined;
        }
        if ticks > 1 {
            let stripped = inner.strip_prefix(' ').unwrap_or(&inner);
            inner = stripped.strip_suffix(' ').unwrap_or(stripped).to_string();
        }
        inner
    }
}
