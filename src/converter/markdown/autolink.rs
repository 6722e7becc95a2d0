//! kramdown's autolinks that CommonMark does not read as autolinks (`AUTOLINK_START` in
//! `kramdown/parser/kramdown/autolink.rb`): `<local@domain>` where both parts are runs of
//! `[[:alnum:]]`, `-`, `_` and `.` (so non-ASCII letters too, and no rules on the domain's
//! labels), and `<scheme:…>` for the schemes `mailto`, `http(s)` and `ftp(s)` with anything
//! up to the first `>` of the line (so spaces too). pulldown-cmark leaves such a `<` as
//! text; the builder turns it into the link and drops the text events the address spans.

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

/// The address of a kramdown autolink with a scheme at the start of `s` (which starts with
/// `<`) and the length of the whole `<…>`. Only addresses that pulldown-cmark reads as
/// plain text are taken (no character that starts span syntax), as the builder drops the
/// text events they span and no others.
pub(crate) fn url_at(s: &str) -> Option<(&str, usize)> {
    let body = s.strip_prefix('<')?;
    let scheme = ["mailto:", "http:", "https:", "ftp:", "ftps:"]
        .into_iter()
        .find(|scheme| body.starts_with(scheme))?;
    // `.+?>`: at least one character after the colon, up to the first `>` of the line.
    let end = scheme.len() + 1 + body.get(scheme.len() + 1..)?.find(['>', '\n'])?;
    let addr = &body[..end];
    let plain = !addr.contains(['*', '_', '`', '[', ']', '!', '<', '&', '\\', '~', '$', '\n']);
    (body[end..].starts_with('>') && plain).then_some((addr, end + 2))
}

impl Builder<'_> {
    /// A `<` text event that starts a kramdown autolink pulldown-cmark does not read: pushes
    /// the link and returns where its source ends (the text events up to there are the
    /// address).
    pub(super) fn autolink_in_text(&mut self, range: &Range<usize>) -> Option<usize> {
        let rest = &self.src[range.start..];
        let (url, text, len) = match email_at(rest) {
            Some((addr, len)) => (format!("mailto:{addr}"), addr, len),
            None => {
                let (addr, len) = url_at(rest)?;
                let text = addr.strip_prefix("mailto:").unwrap_or(addr);
                (addr.to_string(), text, len)
            }
        };
        let link = Inline::Link {
            target: Box::new(LinkTarget {
                url,
                ..LinkTarget::default()
            }),
            auto: true,
            shortcut: false,
            children: vec![Inline::Text {
                text: text.to_string().into(),
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

    #[test]
    fn reads_addresses_with_a_scheme() {
        let cases = [
            (
                "<https://foo.bar/baz bim>",
                Some(("https://foo.bar/baz bim", 25)),
            ),
            ("<http://a b> c>", Some(("http://a b", 12))),
            ("<mailto:a b>", Some(("mailto:a b", 12))),
            ("<ftps:x y>", Some(("ftps:x y", 10))),
            ("<https:>", None),
            ("<https:a\nb>", None),
            ("<irc://a b>", None),
            ("<HTTP://a b>", None),
            ("<http://a *b*>", None),
            ("<http://a b", None),
        ];
        for (s, want) in cases {
            assert_eq!(url_at(s), want, "{s}");
        }
    }
}
