//! kramdown's e-mail autolinks that CommonMark does not read as autolinks
//! (`AUTOLINK_START` in `kramdown/parser/kramdown/autolink.rb`): `<local@domain>` where both
//! parts are runs of `[[:alnum:]]`, `-`, `_` and `.` (so non-ASCII letters too, and no rules
//! on the domain's labels). pulldown-cmark leaves such a `<` as text; the builder turns it
//! into the link and drops the text events the address spans.

use super::build::Builder;
use super::tree::{Inline, LinkTarget, Next};
use std::ops::Range;

/// kramdown's `ACHARS`.
fn achar(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// The address of a kramdown e-mail autolink at the start of `s` (which starts with `<`) and
/// the length of the whole `<…>`.
pub(crate) fn email_at(s: &str) -> Option<(&str, usize)> {
    let body = s.strip_prefix('<')?;
    let end = body.find(|c: char| !achar(c) && c != '@')?;
    if !body[end..].starts_with('>') {
        return None;
    }
    let addr = &body[..end];
    // `[ACHARS]+?@[ACHARS]+?>`: the first `@` splits, and the domain holds no other.
    let (local, domain) = addr.split_once('@')?;
    (!local.is_empty() && !domain.is_empty() && !domain.contains('@')).then_some((addr, end + 2))
}

impl Builder<'_> {
    /// A `<` text event that starts a kramdown e-mail autolink: pushes the link and returns
    /// where its source ends (the text events up to there are the address).
    pub(super) fn email_autolink(&mut self, range: &Range<usize>) -> Option<usize> {
        let (addr, len) = email_at(&self.src[range.start..])?;
        let link = Inline::Link {
            target: Box::new(LinkTarget {
                url: format!("mailto:{addr}"),
                ..LinkTarget::default()
            }),
            auto: true,
            shortcut: false,
            children: vec![Inline::Text {
                text: addr.to_string().into(),
                literal: 0,
                next: Next::of(""),
            }],
        };
        let end = range.start + len;
        self.inline(link, range.start..end);
        Some(end)
    }

    /// A text event starting inside an autolink's address: only what follows the address.
    pub(super) fn after_autolink(&mut self, range: Range<usize>) {
        let cut = self.autolink_end;
        if range.end > cut {
            let src = self.src;
            self.text(&src[cut..range.end], cut..range.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_addresses() {
        let cases = [
            (
                "<übung@macht.den.meister.de>, x",
                Some(("übung@macht.den.meister.de", 29)),
            ),
            ("<ü.äß@hülse.de>", Some(("ü.äß@hülse.de", 19))),
            ("<a_b@c_d>", Some(("a_b@c_d", 9))),
            ("<@x.de>", None),
            ("<a@>", None),
            ("<a@b@c>", None),
            ("<a b@c>", None),
            ("<a@b", None),
        ];
        for (s, want) in cases {
            assert_eq!(email_at(s), want, "{s}");
        }
    }
}
