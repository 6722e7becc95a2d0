//! URL helpers of Jekyll's URL filters: the parts of Addressable's
//! `URI#normalize` and `URI.normalize_component` that site URLs meet
//! (percent-encoding per component, upper-case escapes), as used by
//! lib/jekyll/filters/url_filters.rb and `uri_escape`.

/// RFC 3986 unreserved characters.
fn unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')
}

fn sub_delim(c: u8) -> bool {
    matches!(
        c,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// Percent-encodes bytes not accepted by `keep`; valid escapes stay (upper-cased).
fn encode(s: &str, keep: impl Fn(u8) -> bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let escape = c == b'%'
            && b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if escape {
            out.push('%');
            out.push(b[i + 1].to_ascii_uppercase() as char);
            out.push(b[i + 2].to_ascii_uppercase() as char);
            i += 3;
            continue;
        }
        if c != b'%' && keep(c) {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
        i += 1;
    }
    out
}

/// `Addressable::URI.normalize_component(input)`: reserved and unreserved
/// characters stay, everything else is percent-encoded.
pub fn normalize_component(s: &str) -> String {
    encode(s, |c| {
        unreserved(c) || sub_delim(c) || b":/?#[]@".contains(&c)
    })
}

fn pchar(c: u8) -> bool {
    unreserved(c) || sub_delim(c) || c == b':' || c == b'@'
}

/// `Addressable::URI.parse(s).normalize.to_s` for a relative or absolute
/// URL: each of path, query and fragment encoded with its own characters.
pub fn normalize_uri(s: &str) -> String {
    let (before_fragment, fragment) = match s.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (s, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_fragment, None),
    };
    let (authority, path) = split_authority(path);
    let mut out = authority.to_string();
    out.push_str(&encode(path, |c| pchar(c) || c == b'/'));
    if let Some(q) = query {
        out.push('?');
        out.push_str(&encode(q, |c| pchar(c) || c == b'/' || c == b'?'));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&encode(f, |c| pchar(c) || c == b'/' || c == b'?'));
    }
    out
}

/// Splits `scheme://host` (kept, lower-cased) from the path.
fn split_authority(s: &str) -> (String, &str) {
    let Some(colon) = s.find("://") else {
        return (String::new(), s);
    };
    let rest = &s[colon + 3..];
    let end = rest.find('/').map_or(s.len(), |i| colon + 3 + i);
    (s[..end].to_lowercase(), &s[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_addressable() {
        let cases = [
            (
                "/my base/a b/é?x=1&y=[2]#f%zz",
                "/my%20base/a%20b/%C3%A9?x=1&y=%5B2%5D#f%25zz",
            ),
            ("HTTPS://Ex.com/x y", "https://ex.com/x%20y"),
            ("/a%2fb", "/a%2Fb"),
        ];
        for (src, want) in cases {
            assert_eq!(normalize_uri(src), want);
        }
        assert_eq!(
            normalize_component("a b/é?x=[2]#f%20g%zz"),
            "a%20b/%C3%A9?x=[2]#f%20g%25zz"
        );
    }
}
