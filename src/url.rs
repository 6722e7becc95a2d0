//! URLs from permalink templates (lib/jekyll/url.rb): placeholders are
//! replaced, path segments escaped as Addressable does, and the result
//! sanitized (`..` and `./` removed, slashes squeezed).

/// `URL.new(template:, placeholders:, permalink:).to_s`. A placeholder whose
/// value is `None` removes itself together with the `/` before it.
pub fn generate(
    template: &str,
    permalink: Option<&str>,
    placeholders: &[(&str, Option<&str>)],
) -> String {
    let raw = fill(permalink.unwrap_or(template), placeholders);
    sanitize(&raw)
}

fn fill(template: &str, placeholders: &[(&str, Option<&str>)]) -> String {
    let mut result = template.to_string();
    for (key, value) in placeholders {
        if !result.contains(':') {
            break;
        }
        result = match value {
            None => result.replace(&format!("/:{key}"), ""),
            Some(v) => result.replace(&format!(":{key}"), &escape_path(v)),
        };
    }
    result
}

/// A `:placeholder` in a permalink template.
static PLACEHOLDER: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(":([a-z_]+)").expect("valid regex"));

/// `URL#generate_url_from_drop`: every `:name` in the template is replaced by
/// the escaped placeholder value (`:name_` may stand for `:name`); an unknown
/// placeholder is an error, as in Jekyll.
pub fn generate_from_drop(
    template: &str,
    placeholders: &[(&str, String)],
) -> Result<String, String> {
    let re = &*PLACEHOLDER;
    let lookup = |key: &str| placeholders.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    for m in re.find_iter(template) {
        let name = &m.as_str()[1..];
        let short = name.trim_end_matches('_');
        let (winner, value) = match (lookup(name), lookup(short)) {
            (Some(v), _) => (name, v),
            (None, Some(v)) if name.ends_with('_') => (short, v),
            _ => {
                return Err(format!(
                    "The URL template doesn't have {short} keys. Check your permalink template!"
                ));
            }
        };
        out.push_str(&template[last..m.start()]);
        out.push_str(&escape_path(value));
        out.push_str(&name[winner.len()..]);
        last = m.end();
    }
    out.push_str(&template[last..]);
    Ok(sanitize(&out))
}

/// `URL#sanitize_url`.
fn sanitize(url: &str) -> String {
    let url = format!("/{url}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

/// `URL.escape_path`: percent-encodes everything but RFC 3986 `pchar`s and `/`.
pub fn escape_path(path: &str) -> String {
    let safe = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b);
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if safe(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `URL.unescape_path`: percent-decoding, for destination paths.
pub fn unescape_path(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `Utils.add_permalink_suffix`: what a page template gets from the site's
/// permalink style.
pub fn add_permalink_suffix(template: &str, style: &str) -> String {
    let mut t = template.to_string();
    match style {
        "pretty" => t.push('/'),
        "date" | "ordinal" | "none" => t.push_str(":output_ext"),
        other => {
            if other.ends_with('/') {
                t.push('/');
            }
            if other.ends_with(":output_ext") {
                t.push_str(":output_ext");
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_page_urls() {
        let ph = |path, base, ext| {
            vec![
                ("path", Some(path)),
                ("basename", Some(base)),
                ("output_ext", Some(ext)),
            ]
        };
        type Case<'a> = (
            &'a str,
            Option<&'a str>,
            Vec<(&'a str, Option<&'a str>)>,
            &'a str,
        );
        let cases: Vec<Case> = vec![
            (
                "/:path/:basename:output_ext",
                None,
                ph("", "about", ".html"),
                "/about.html",
            ),
            ("/:path/", None, ph("/docs", "index", ".html"), "/docs/"),
            (
                "/:path/:basename:output_ext",
                Some("/:basename/"),
                ph("/pages", "usage", ".html"),
                "/usage/",
            ),
            (
                "/:path/:basename:output_ext",
                Some("/"),
                ph("/pages", "index", ".html"),
                "/",
            ),
            (
                "/:path/:basename:output_ext",
                None,
                ph("", "a b", ".html"),
                "/a%20b.html",
            ),
            (
                "/:path/:basename:output_ext",
                Some("../x/./y"),
                ph("", "a", ".html"),
                "/x/y",
            ),
        ];
        for (template, permalink, placeholders, want) in cases {
            assert_eq!(generate(template, permalink, &placeholders), want);
        }
    }

    #[test]
    fn generates_from_drop_placeholders() {
        let ph = vec![
            ("categories", "blog/news".to_string()),
            ("year", "2023".to_string()),
            ("title", "hello world".to_string()),
            ("output_ext", ".html".to_string()),
            ("slug", String::new()),
        ];
        let cases = [
            (
                "/:categories/:year/:title:output_ext",
                Ok("/blog/news/2023/hello%20world.html"),
            ),
            ("/:title_/", Ok("/hello%20world_/")),
            ("/:title_x/", Err(())),
            ("/:slug/:year/", Ok("/2023/")),
            ("/:nope/", Err(())),
        ];
        for (template, want) in cases {
            let got = generate_from_drop(template, &ph).map_err(|_| ());
            assert_eq!(got, want.map(String::from), "{template}");
        }
    }

    #[test]
    fn unescapes() {
        for (input, want) in [
            ("/a%20b.html", "/a b.html"),
            ("/plain", "/plain"),
            ("/%zz", "/%zz"),
        ] {
            assert_eq!(unescape_path(input), want);
        }
    }

    #[test]
    fn permalink_suffix() {
        let cases = [
            ("date", "/x:output_ext"),
            ("pretty", "/x/"),
            ("/:title/", "/x/"),
            ("/:title:output_ext", "/x:output_ext"),
        ];
        for (style, want) in cases {
            assert_eq!(add_permalink_suffix("/x", style), want);
        }
    }
}
