//! URL helpers of Jekyll's URL filters: the parts of Addressable's
//! `URI#normalize` and `URI.normalize_component` that site URLs meet
//! (percent-encoding per component, upper-case escapes), as used by
//! lib/jekyll/filters/url_filters.rb and `uri_escape`.

/// RFC 3986 unreserved characters.
const fn unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')
}

const fn sub_delim(c: u8) -> bool {
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

const fn pchar(c: u8) -> bool {
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

/// `normalize_uri` of an owned string, which is handed back as it is when
/// normalizing would not change it (site URLs almost always).
pub fn normalize_uri_owned(s: String) -> String {
    if is_normal(&s) { s } else { normalize_uri(&s) }
}

/// Normalizes `out[start..]` in place (`normalize_uri`), leaving `out`
/// untouched when there is nothing to change.
pub fn normalize_tail(out: &mut String, start: usize) {
    if !is_normal(&out[start..]) {
        let normalized = normalize_uri(&out[start..]);
        out.truncate(start);
        out.push_str(&normalized);
    }
}

/// A `scheme://host[/path]` that `normalize_uri` keeps, with no query or
/// fragment: appending a normalized path to it leaves nothing to normalize.
pub fn is_plain_url(url: &str) -> bool {
    url.contains("://") && !url.contains(['?', '#']) && is_normal(url)
}

/// Whether `normalize_uri` keeps `s` unchanged: only characters that every
/// component keeps (no escapes to upper-case), at most one `#`, and no upper
/// case in a `scheme://host` authority (which is lower-cased). One pass.
fn is_normal(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut hashes, mut path_end, mut first_upper) = (0, b.len(), None);
    for (i, &c) in b.iter().enumerate() {
        if !KEPT_EVERYWHERE[usize::from(c)] {
            return false;
        }
        match c {
            b'#' => {
                hashes += 1;
                path_end = path_end.min(i);
            }
            b'?' => path_end = path_end.min(i),
            b'A'..=b'Z' if first_upper.is_none() => first_upper = Some(i),
            _ => {}
        }
    }
    hashes <= 1 && first_upper.is_none_or(|i| i >= split_authority_at(&s[..path_end]))
}

/// Bytes that path, query and fragment all keep as they are (`%` aside).
const KEPT_EVERYWHERE: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = b != b'%' && (pchar(b) || matches!(b, b'/' | b'?' | b'#'));
        c += 1;
    }
    table
};

/// The length of the `scheme://host` prefix of a path (0 when none).
fn split_authority_at(s: &str) -> usize {
    // `s.find("://")`, by the colons: most URLs have none.
    let b = s.as_bytes();
    let found = (0..b.len()).find(|&i| b[i] == b':' && b[i + 1..].starts_with(b"//"));
    let Some(colon) = found else {
        return 0;
    };
    let rest = &s[colon + 3..];
    rest.find('/').map_or(s.len(), |i| colon + 3 + i)
}

/// Splits `scheme://host` (kept, lower-cased) from the path.
fn split_authority(s: &str) -> (String, &str) {
    let end = split_authority_at(s);
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
            (
                "/2015/01/01/post-0.html?x=1#top",
                "/2015/01/01/post-0.html?x=1#top",
            ),
            ("/a#b#c?d", "/a#b%23c?d"),
            ("http://X.com/a", "http://x.com/a"),
            ("https://x.com/a b", "https://x.com/a%20b"),
            ("https://x.com/a?b://C", "https://x.com/a?b://C"),
            ("https://x.com", "https://x.com"),
            ("https://Ex.com/A?B#C", "https://ex.com/A?B#C"),
            ("/A/b?C://D", "/A/b?C://D"),
        ];
        for (src, want) in cases {
            assert_eq!(normalize_uri(src), want);
            assert_eq!(normalize_uri_owned(src.to_string()), want);
        }
        let relatives = ["", "/blog/a%20b/", "/a://B?q=1://X#f?g", "/%C3%A9"];
        for url in [
            "https://example.com",
            "http://x.org/Base",
            "https://a.b:8080",
        ] {
            assert!(is_plain_url(url), "{url}");
            for relative in relatives {
                let joined = format!("{url}{relative}");
                assert_eq!(normalize_uri(&joined), joined, "{joined}");
            }
        }
        for url in [
            "example.com",
            "https://Ex.com",
            "https://x.com/?a",
            "https://x.com/a b",
        ] {
            assert!(!is_plain_url(url), "{url}");
        }
        assert_eq!(
            normalize_component("a b/é?x=[2]#f%20g%zz"),
            "a%20b/%C3%A9?x=[2]#f%20g%25zz"
        );
    }
}
