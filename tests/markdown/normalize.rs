//! sitediff.py's HTML normalisation: a token list per document.

const RAW: &[&str] = &["pre", "code", "script", "style", "textarea"];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Tokens: `<tag k="v">`, `</tag>`, `T text`, `C comment`.
pub fn tokens(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut raw = 0usize;
    let mut i = 0;
    let b = html.as_bytes();
    while i < html.len() {
        if b[i] == b'<'
            && let Some((tok, len)) = tag(&html[i..])
        {
            {
                flush(&mut text, &mut out, raw > 0);
                match tok {
                    Tag::Comment(c) => out.push(format!("C {}", collapse(&c))),
                    Tag::Start(name, attrs, selfclose) => {
                        out.push(format!(
                            "<{}>",
                            [vec![name.clone()], attrs].concat().join(" ")
                        ));
                        let is_raw = RAW.contains(&name.as_str());
                        if is_raw && !selfclose {
                            raw += 1;
                        }
                        if selfclose && !VOID.contains(&name.as_str()) {
                            out.push(format!("</{name}>"));
                        }
                    }
                    Tag::End(name) => {
                        if !VOID.contains(&name.as_str()) {
                            out.push(format!("</{name}>"));
                            if RAW.contains(&name.as_str()) && raw > 0 {
                                raw -= 1;
                            }
                        }
                    }
                }
                i += len;
                continue;
            }
        }
        let c = html[i..].chars().next().unwrap_or(' ');
        text.push(c);
        i += c.len_utf8();
    }
    flush(&mut text, &mut out, raw > 0);
    out
}

enum Tag {
    Start(String, Vec<String>, bool),
    End(String),
    Comment(String),
}

fn flush(text: &mut String, out: &mut Vec<String>, raw: bool) {
    if text.is_empty() {
        return;
    }
    let s = decode(text);
    text.clear();
    if raw {
        out.push(format!("T {s}"));
    } else {
        let c = collapse(&s);
        if !c.is_empty() {
            out.push(format!("T {c}"));
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tag(s: &str) -> Option<(Tag, usize)> {
    if let Some(rest) = s.strip_prefix("<!--") {
        let end = rest.find("-->")?;
        return Some((Tag::Comment(rest[..end].to_string()), end + 7));
    }
    let close = s.starts_with("</");
    let body = if close { &s[2..] } else { &s[1..] };
    let first = body.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let end = find_tag_end(body)?;
    let inner = &body[..end];
    let len = end + 1 + if close { 2 } else { 1 };
    let name_len = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let name = inner[..name_len].to_ascii_lowercase();
    if close {
        return Some((Tag::End(name), len));
    }
    let rest = inner[name_len..].trim_end();
    let selfclose = rest.ends_with('/');
    let rest = rest.trim_end_matches('/');
    let mut attrs = attrs(rest);
    attrs.sort();
    Some((Tag::Start(name, attrs, selfclose), len))
}

fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn attrs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let key = rest[..n].to_ascii_lowercase();
        rest = rest[n..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            if let Some(q) = r.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let end = r[1..].find(q).map(|e| e + 1).unwrap_or(r.len());
                value = r[1..end].to_string();
                rest = r.get(end + 1..).unwrap_or("");
            } else {
                let end = r.find(char::is_whitespace).unwrap_or(r.len());
                value = r[..end].to_string();
                rest = &r[end..];
            }
        }
        if !key.is_empty() {
            out.push(format!("{key}=\"{}\"", collapse(&decode(&value))));
        }
        rest = rest.trim_start();
    }
    out
}

fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e < 40);
        let decoded = end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(dec) = name.strip_prefix('#') {
        return dec.parse().ok().and_then(char::from_u32);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '\u{a9}',
        "AElig" => '\u{c6}',
        "Dcaron" => '\u{10e}',
        "frac34" => '\u{be}',
        "HilbertSpace" => '\u{210b}',
        "DifferentialD" => '\u{2146}',
        "ClockwiseContourIntegral" => '\u{2232}',
        "ngE" => '\u{2267}',
        "ouml" => '\u{f6}',
        "auml" => '\u{e4}',
        _ => return None,
    })
}
