//! kramdown's link definitions (`kramdown/parser/kramdown/link.rb`, `LINK_DEFINITION_START`
//! and `parse_link_definition`), read on the source before pulldown-cmark sees it: kramdown
//! takes destinations with spaces (`[id]: some file.html`), a title on the next line and
//! quotes inside the destination, where CommonMark reads paragraph text. An accepted
//! definition is written back in a form CommonMark reads the same way.

use super::tree::{Attrs, Document, Inline, Text, walk_text};

/// Around the number of a link definition's IAL, at the start of its rewritten URL (a
/// private-use character).
const LINK_MARK: char = '\u{E002}';

/// A link definition as kramdown reads it.
#[derive(Debug, PartialEq)]
pub(crate) struct LinkDefinition {
    /// The leading spaces and the label as written, brackets included.
    pub label: String,
    pub url: String,
    pub title: Option<String>,
    /// How many source lines it takes (two when the title is on the next line).
    pub lines: usize,
}

/// What kramdown makes of a line that starts like a link definition.
#[derive(Debug, PartialEq)]
pub(crate) enum Reading {
    /// A definition.
    Definition(LinkDefinition),
    /// Not a definition: the line is paragraph text.
    Text,
}

/// Reads the definition starting at line `i` (lines keep their `\n`).
pub(crate) fn read(lines: &[&str], i: usize) -> Reading {
    let line = lines[i].trim_end_matches('\n');
    let next = lines.get(i + 1).map(|l| l.trim_end_matches('\n'));
    let indent = line.len() - line.trim_start_matches(' ').len();
    let Some(label_end) = label_end(line, indent) else {
        return Reading::Text;
    };
    let label = line[..label_end + 1].to_string();
    let rest = &line[label_end + 2..];
    let rest = rest.trim_start_matches([' ', '\t']);
    // `<(.*?)>` first, then the lazy `([^\n]*?\S[^\n]*?)`; for each end of the destination
    // the title (next line, then same line) is tried before no title.
    let angled = rest.strip_prefix('<').into_iter().flat_map(|r| {
        r.match_indices('>')
            .map(move |(e, _)| (&r[..e], &r[e + 1..]))
    });
    for (url, tail) in angled {
        if let Some((title, lines)) = title_tail(tail, next) {
            return definition(label, url, title, lines);
        }
    }
    for (e, c) in rest.char_indices() {
        let url = &rest[..e + c.len_utf8()];
        if url.trim().is_empty() {
            continue;
        }
        if let Some((title, lines)) = title_tail(&rest[e + c.len_utf8()..], next) {
            if declined(url) {
                return Reading::Text;
            }
            return definition(label, url, title, lines);
        }
    }
    Reading::Text
}

fn definition(label: String, url: &str, title: Option<String>, lines: usize) -> Reading {
    Reading::Definition(LinkDefinition {
        label,
        url: url.to_string(),
        title,
        lines,
    })
}

/// The index of the `]` closing the label: ` {0,3}\[([^\n\]]+)\]:`.
fn label_end(line: &str, indent: usize) -> Option<usize> {
    if indent > 3 || !line[indent..].starts_with('[') || line[indent..].starts_with("[^") {
        return None;
    }
    let close = indent + line[indent..].find(']')?;
    (close > indent + 1 && line[close + 1..].starts_with(':')).then_some(close)
}

/// `parse_link_definition` declines a plain destination with a quote after a space (an
/// unclosed title).
fn declined(url: &str) -> bool {
    url.as_bytes()
        .windows(2)
        .any(|w| matches!(w[0], b' ' | b'\t') && matches!(w[1], b'"' | b'\''))
}

/// What follows the destination: an optional title on the next line or after spaces on this
/// one, then only spaces to the line end. Returns the title and the lines used.
fn title_tail(tail: &str, next: Option<&str>) -> Option<(Option<String>, usize)> {
    if tail.trim_matches([' ', '\t']).is_empty()
        && let Some(title) = next.and_then(|n| quoted(n.trim_start_matches([' ', '\t'])))
    {
        return Some((Some(title), 2));
    }
    let after = tail.trim_start_matches([' ', '\t']);
    if after.len() < tail.len()
        && let Some(title) = quoted(after)
    {
        return Some((Some(title), 1));
    }
    tail.trim_matches([' ', '\t'])
        .is_empty()
        .then_some((None, 1))
}

/// `(["'])(.+?)\1[ \t]*$`: a non-empty title in matching quotes.
fn quoted(text: &str) -> Option<String> {
    let q = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = text[1..].trim_end_matches([' ', '\t']).strip_suffix(q)?;
    (!body.is_empty()).then(|| body.to_string())
}

impl LinkDefinition {
    /// The definition as one CommonMark line that pulldown-cmark reads with the same
    /// destination and title (`written_links` reads the destination back as written).
    pub(crate) fn to_commonmark(&self) -> String {
        let url = if self.url.contains([' ', '\t', '<', '>']) || self.url.is_empty() {
            let escaped = self.url.replace('<', "\\<").replace('>', "\\>");
            format!("<{escaped}>")
        } else {
            self.url.clone()
        };
        let title = match &self.title {
            None => String::new(),
            Some(t) if !t.contains('"') => format!(" \"{t}\""),
            Some(t) if !t.contains('\'') => format!(" '{t}'"),
            Some(t) => format!(" \"{}\"", t.replace('"', "\\\"")),
        };
        format!("{}: {url}{title}\n", self.label)
    }
}

/// `url` carrying the number of its definition's IAL (counted from 1) for
/// [`apply_attributes`].
pub(crate) fn mark_url(url: &str, n: usize) -> String {
    format!("{LINK_MARK}{n}{LINK_MARK}{url}")
}

/// Gives each link and image whose URL carries an IAL number the attributes `expand` makes
/// of that IAL (kramdown's `add_link`), taking the number out of the URL.
pub(crate) fn apply_attributes(
    doc: &mut Document,
    ials: &[Attrs],
    expand: &dyn Fn(&Attrs) -> Attrs,
) {
    walk_text(doc, &mut |text| {
        if let Text::Inlines(list) = text {
            apply_in(list, ials, expand);
        }
    });
}

fn apply_in(list: &mut [Inline], ials: &[Attrs], expand: &dyn Fn(&Attrs) -> Attrs) {
    for inline in list {
        match inline {
            Inline::Link {
                target, children, ..
            } => {
                if let Some(ial) = take_mark(&mut target.url).and_then(|n| ials.get(n - 1)) {
                    target.attrs = expand(ial);
                }
                apply_in(children, ials, expand);
            }
            Inline::Image(image) => {
                if let Some(ial) = take_mark(&mut image.url).and_then(|n| ials.get(n - 1)) {
                    image.attrs = expand(ial);
                }
            }
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => apply_in(c, ials, expand),
            Inline::Attributed(inner, _) => apply_in(std::slice::from_mut(inner), ials, expand),
            _ => {}
        }
    }
}

/// Takes the IAL number `mark_url` put at the start of `url` out of it.
fn take_mark(url: &mut String) -> Option<usize> {
    let rest = url.strip_prefix(LINK_MARK)?;
    let (n, rest) = rest.split_once(LINK_MARK)?;
    let n = n.parse().ok().filter(|n| *n > 0)?;
    *url = rest.to_string();
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::{LinkDefinition, Reading, mark_url, read, take_mark};

    #[test]
    fn marks_and_unmarks_urls() {
        let cases = [
            (mark_url("/x", 3), Some(3), "/x"),
            (mark_url("", 1), Some(1), ""),
            ("/plain".to_string(), None, "/plain"),
            (
                "\u{E002}x\u{E002}/y".to_string(),
                None,
                "\u{E002}x\u{E002}/y",
            ),
        ];
        for (url, n, rest) in cases {
            let mut url = url;
            assert_eq!(take_mark(&mut url), n);
            assert_eq!(url, rest);
        }
    }

    fn def(label: &str, url: &str, title: Option<&str>, lines: usize) -> Reading {
        Reading::Definition(LinkDefinition {
            label: label.to_string(),
            url: url.to_string(),
            title: title.map(str::to_string),
            lines,
        })
    }

    #[test]
    fn reads_kramdown_link_definitions() {
        let cases: &[(&str, Reading)] = &[
            ("[a]: http://x.org/\n", def("[a]", "http://x.org/", None, 1)),
            ("[a]: url \"t 1\"\n", def("[a]", "url", Some("t 1"), 1)),
            ("[a]: url 't'\n", def("[a]", "url", Some("t"), 1)),
            (
                "[a]: <some spaces.html>\n",
                def("[a]", "some spaces.html", None, 1),
            ),
            ("[a]: <s p> 't'\n", def("[a]", "s p", Some("t"), 1)),
            (
                "[a]: some spaces.html\n",
                def("[a]", "some spaces.html", None, 1),
            ),
            ("[a]: s p 't'\n", def("[a]", "s p", Some("t"), 1)),
            ("[a]: s p\n   \"t\"\n", def("[a]", "s p", Some("t"), 2)),
            (
                "[a]:t.html#'x' 't'\n",
                def("[a]", "t.html#'x'", Some("t"), 1),
            ),
            (
                "[a]:\thttp://x/\n  'T'\n",
                def("[a]", "http://x/", Some("T"), 2),
            ),
            ("   [a]: u\n", def("   [a]", "u", None, 1)),
            ("    [a]: u\n", Reading::Text),
            ("[a]: url \"open\n", Reading::Text),
            ("[a]:\n", Reading::Text),
            ("[]: u\n", Reading::Text),
            ("[^a]: note\n", Reading::Text),
            ("[a] : u\n", Reading::Text),
        ];
        for (src, want) in cases {
            let lines: Vec<&str> = src.split_inclusive('\n').collect();
            assert_eq!(&read(&lines, 0), want, "{src:?}");
        }
    }

    #[test]
    fn writes_commonmark_definitions() {
        let cases = [
            ("[a]", "u", None, "[a]: u\n"),
            ("[a]", "s p", Some("t"), "[a]: <s p> \"t\"\n"),
            ("[a]", "u", Some("say \"hi\""), "[a]: u 'say \"hi\"'\n"),
            ("[a]", "a<b", None, "[a]: <a\\<b>\n"),
        ];
        for (label, url, title, want) in cases {
            let d = LinkDefinition {
                label: label.to_string(),
                url: url.to_string(),
                title: title.map(str::to_string),
                lines: 1,
            };
            assert_eq!(d.to_commonmark(), want);
        }
    }
}
