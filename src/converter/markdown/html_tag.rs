//! HTML tags as kramdown's HTML parser reads and writes them (`kramdown/parser/html.rb`:
//! `HTML_TAG_RE`, `HTML_TAG_CLOSE_RE`, `parse_html_attributes`; `kramdown/converter/html.rb`
//! `convert_html_element`): tag names of known elements are lowercased, attribute names
//! lowercased, values double-quoted, and bodiless elements written `<br />`.

use super::entities::escape_attr;

/// Elements kramdown treats as span-level when they open a line.
pub(crate) const SPAN_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em",
    "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt",
    "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup", "tt", "u", "var",
];

/// kramdown's `HTML_BLOCK_ELEMENTS` (`kramdown/parser/html.rb`).
pub(super) const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "applet",
    "body",
    "blockquote",
    "caption",
    "col",
    "colgroup",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "head",
    "iframe",
    "legend",
    "menu",
    "li",
    "main",
    "map",
    "nav",
    "ol",
    "optgroup",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tfoot",
    "tr",
    "ul",
];

/// Elements written without a body (`<br />`).
pub(crate) const WITHOUT_BODY: &[&str] = &[
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// Elements kramdown knows besides the lists above (its content-model tables).
const OTHER_KNOWN: &[&str] = &[
    "details", "figure", "noscript", "object", "h1", "script", "style", "math", "textarea", "samp",
];

/// Whether kramdown knows the element (and so lowercases its name).
pub(crate) fn is_known(name: &str) -> bool {
    [SPAN_ELEMENTS, BLOCK_ELEMENTS, WITHOUT_BODY, OTHER_KNOWN]
        .iter()
        .any(|names| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
}

/// One start tag.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StartTag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Written `<x/>` in the source, or an element without body.
    pub closed: bool,
}

impl StartTag {
    /// kramdown's output for this tag (`<name attr="v">` or `<name attr="v" />`).
    pub fn to_html(&self) -> String {
        let mut out = format!("<{}", self.name);
        for (k, v) in &self.attrs {
            out.push_str(&format!(" {k}=\"{}\"", escape_attr(v, true)));
        }
        out.push_str(if self.closed { " />" } else { ">" });
        out
    }
}

/// A markup token at the start of a string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    Start(StartTag),
    End(String),
    /// A comment or processing instruction, kept verbatim.
    Verbatim,
}

/// Reads a tag, end tag, comment or processing instruction at the start of `s`.
pub(crate) fn read_token(s: &str) -> Option<(Token, usize)> {
    if let Some(body) = s.strip_prefix("<!--") {
        let end = body.find("-->")? + 7;
        return Some((Token::Verbatim, end));
    }
    if let Some(body) = s.strip_prefix("<?") {
        let end = body.find("?>")? + 4;
        return Some((Token::Verbatim, end));
    }
    if let Some(rest) = s.strip_prefix("</") {
        let n = name_len(rest)?;
        let after = &rest[n..];
        let ws = after.len() - after.trim_start().len();
        after[ws..].starts_with('>').then(|| {
            let name = fold_name(&rest[..n]);
            (Token::End(name), 2 + n + ws + 1)
        })
    } else {
        read_start_tag(s).map(|(t, n)| (Token::Start(t), n))
    }
}

/// Reads `<name attrs... [/]>` (kramdown's `HTML_TAG_RE`: unquoted values are word characters).
fn read_start_tag(s: &str) -> Option<(StartTag, usize)> {
    let rest = s.strip_prefix('<')?;
    let n = name_len(rest)?;
    let name = fold_name(&rest[..n]);
    let mut pos = 1 + n;
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        let ws = skip_ws(&s[pos..]);
        let after = &s[pos + ws..];
        if let Some(gt) = after
            .strip_prefix("/>")
            .map(|_| 2)
            .or(after.starts_with('>').then_some(1))
        {
            let closed = gt == 2 || WITHOUT_BODY.contains(&name.to_ascii_lowercase().as_str());
            return Some((
                StartTag {
                    name,
                    attrs,
                    closed,
                },
                pos + ws + gt,
            ));
        }
        if ws == 0 {
            return None;
        }
        let (key, value, len) = read_attr(after)?;
        let key = if is_known(&name) {
            key.to_lowercase()
        } else {
            key
        };
        match attrs.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => attrs.push((key, value)),
        }
        pos += ws + len;
    }
}

/// One attribute: `name`, `name=word`, `name="v"` or `name='v'`.
fn read_attr(s: &str) -> Option<(String, String, usize)> {
    let n = name_len(s)?;
    let key = s[..n].to_string();
    let ws = skip_ws(&s[n..]);
    let Some(rest) = s[n + ws..].strip_prefix('=') else {
        return Some((key, String::new(), n));
    };
    let ws2 = skip_ws(rest);
    let v = &rest[ws2..];
    let start = n + ws + 1 + ws2;
    if let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = v[1..].find(q)?;
        return Some((key, v[1..1 + end].to_string(), start + end + 2));
    }
    let len: usize = v
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (key, v[..len].to_string(), start + len))
}

/// The length of an XML name at the start of `s`.
pub(crate) fn name_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if !(first.is_alphabetic() || first == '_') {
        return None;
    }
    let end = chars
        .find(|&(_, c)| !(c.is_alphanumeric() || "_-.:".contains(c)))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    Some(end)
}

/// Known element names are lowercased; custom ones keep their case.
fn fold_name(name: &str) -> String {
    if is_known(name) {
        name.to_ascii_lowercase()
    } else {
        name.to_string()
    }
}

fn skip_ws(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']).len()
}

/// Rewrites one inline HTML snippet (a tag, end tag or comment) the way kramdown writes span
/// HTML; anything it cannot read is returned unchanged.
pub(crate) fn normalize_inline(html: &str) -> String {
    match read_token(html) {
        Some((Token::Start(mut tag), n)) if n == html.len() => {
            // kramdown's `parse_span_html`: a run of line breaks in a value is one space.
            for (_, value) in &mut tag.attrs {
                let mut joined = String::with_capacity(value.len());
                for c in value.chars() {
                    match c {
                        '\n' if joined.ends_with('\n') => {}
                        c => joined.push(c),
                    }
                }
                *value = joined.replace('\n', " ");
            }
            let void = WITHOUT_BODY.contains(&tag.name.to_ascii_lowercase().as_str());
            if tag.closed && !void {
                let open = StartTag {
                    closed: false,
                    ..tag
                };
                format!("{}</{}>", open.to_html(), open.name)
            } else {
                tag.to_html()
            }
        }
        Some((Token::End(name), n)) if n == html.len() => format!("</{name}>"),
        _ => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_tags() {
        let cases = [
            ("<br/>", "<br />"),
            ("<br>", "<br />"),
            ("<BR>", "<br />"),
            ("<img src=\"a.png\"/>", "<img src=\"a.png\" />"),
            ("<DIV class=x>", "<div class=\"x\">"),
            ("<a href=\"a\n\n  b\">", "<a href=\"a   b\">"),
            ("<span class='a \"b'>", "<span class=\"a &quot;b\">"),
            ("<input disabled>", "<input disabled=\"\" />"),
            ("</SPAN >", "</span>"),
            ("<My-Tag A=1>", "<My-Tag A=\"1\">"),
            ("<!-- c -->", "<!-- c -->"),
            ("<a href=x/y>", "<a href=x/y>"),
            ("<a  />", "<a></a>"),
        ];
        for (src, want) in cases {
            assert_eq!(normalize_inline(src), want, "{src}");
        }
    }
}
