//! Turning a request target into a file below the destination, safely, with
//! the URL rules of Jekyll's servlet (lib/jekyll/commands/serve/servlet.rb on
//! top of WEBrick's FileHandler#set_filename): the site is mounted at
//! `baseurl`; directories are walked first, then `name`, `name.html`,
//! `name.xhtml`; a directory needs a trailing slash and serves its index.
//!
//! Safety comes first and does not rely on the file system: the target is
//! split on `/`, each segment is percent-decoded and rejected when it holds a
//! separator, a backslash, NUL or another control byte, or is `..`; only then
//! is a path built, and every candidate is canonicalized and must stay inside
//! the canonical destination (so symlinks leading out are never followed).

use std::path::{Path, PathBuf};

/// WEBrick's `DirectoryIndex` as Jekyll's `serve` sets it, in order.
const DIRECTORY_INDEX: &[&str] = &[
    "index.htm",
    "index.html",
    "index.rhtml",
    "index.xht",
    "index.xhtml",
    "index.cgi",
    "index.xml",
    "index.json",
];

/// Extensions tried after the exact name (`Servlet#search_file`).
const IMPLIED_EXTENSIONS: &[&str] = &["", ".html", ".xhtml"];

/// What a request target resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A regular file, canonical and inside the destination.
    File(PathBuf),
    /// A directory without an index, canonical and inside the destination,
    /// and its URL: WEBrick lists it (`FancyIndexing`, on in Jekyll).
    Directory(PathBuf, String),
    /// A `Location` to redirect to (directory without slash, `/` to baseurl).
    Redirect(String),
    NotFound,
    /// A target no well-behaved client sends (bad escapes, `..`, NUL, …).
    BadRequest,
}

/// The decoded path segments of a request, and whether it ended in `/`.
#[derive(Debug, PartialEq, Eq)]
struct RequestPath {
    segments: Vec<String>,
    trailing_slash: bool,
}

/// Resolves `url` (the raw request target) against the canonical `root`
/// mounted at `baseurl`.
pub fn resolve(root: &Path, baseurl: &str, url: &str) -> Target {
    let Some(request) = parse_target(url) else {
        return Target::BadRequest;
    };
    let base: Vec<&str> = baseurl.split('/').filter(|s| !s.is_empty()).collect();
    if request.segments.is_empty() && !base.is_empty() {
        return Target::Redirect(location(&base, true));
    }
    let mounted = request.segments.len() >= base.len()
        && request.segments.iter().zip(&base).all(|(s, b)| s == b);
    if !mounted {
        return Target::NotFound;
    }
    let rest = &request.segments[base.len()..];
    if rest.iter().any(|s| is_nondisclosure(s)) {
        return Target::NotFound;
    }
    walk(root, rest, request.trailing_slash, &request.segments)
}

/// Splits off the query and fragment, then decodes and checks each segment.
fn parse_target(url: &str) -> Option<RequestPath> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.strip_prefix('/')?;
    let mut segments = Vec::new();
    for raw in path.split('/') {
        let segment = decode_segment(raw)?;
        match segment.as_str() {
            "" | "." => {}
            ".." => return None,
            _ => segments.push(segment),
        }
    }
    Some(RequestPath {
        segments,
        trailing_slash: path.is_empty() || path.ends_with('/'),
    })
}

/// Percent-decodes one segment; `None` for bad escapes, invalid UTF-8, or
/// bytes that could change how the segment is read as a path.
fn decode_segment(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).ok()?;
    let hostile = |c: char| c == '/' || c == '\\' || c.is_control();
    (!text.contains(hostile)).then_some(text)
}

/// WEBrick's `NondisclosureName` as Jekyll sets it: `.ht*` and `~*`.
pub fn is_nondisclosure(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    lower.starts_with(".ht") || lower.starts_with('~')
}

/// `FileHandler#set_filename`: enter directories while they exist, then
/// look the last segment up as a file.
fn walk(root: &Path, rest: &[String], trailing_slash: bool, all: &[String]) -> Target {
    let mut dir = root.to_path_buf();
    for (i, segment) in rest.iter().enumerate() {
        let candidate = dir.join(segment);
        if inside(root, &candidate).is_some_and(|p| p.is_dir()) {
            dir = candidate;
            continue;
        }
        if i + 1 < rest.len() {
            return Target::NotFound;
        }
        return search_file(root, &dir, segment).map_or(Target::NotFound, Target::File);
    }
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    if !trailing_slash {
        return Target::Redirect(location(&all, true));
    }
    match (search_index_file(root, &dir), inside(root, &dir)) {
        (Some(file), _) => Target::File(file),
        (None, Some(dir)) => Target::Directory(dir, location(&all, true)),
        (None, None) => Target::NotFound,
    }
}

/// `Servlet#search_file`: `name`, then `name.html`, then `name.xhtml`.
fn search_file(root: &Path, dir: &Path, name: &str) -> Option<PathBuf> {
    IMPLIED_EXTENSIONS
        .iter()
        .find_map(|ext| inside(root, &dir.join(format!("{name}{ext}"))).filter(|p| p.is_file()))
}

/// `Servlet#search_index_file`: the directory index, else `dir.html` or
/// `dir.xhtml` beside the directory.
fn search_index_file(root: &Path, dir: &Path) -> Option<PathBuf> {
    let index = DIRECTORY_INDEX
        .iter()
        .find_map(|name| inside(root, &dir.join(name)).filter(|p| p.is_file()));
    if index.is_some() || dir == root {
        return index;
    }
    let name = dir.file_name()?.to_str()?;
    let parent = dir.parent()?;
    IMPLIED_EXTENSIONS[1..]
        .iter()
        .find_map(|ext| inside(root, &parent.join(format!("{name}{ext}"))).filter(|p| p.is_file()))
}

/// The canonical form of `path` when it exists and lies inside `root`.
pub fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

/// An absolute path from decoded segments, percent-encoded again.
pub fn location(segments: &[&str], trailing_slash: bool) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        out.push_str(&encode_segment(segment));
    }
    if trailing_slash || out.is_empty() {
        out.push('/');
    }
    out
}

pub fn encode_segment(segment: &str) -> String {
    let mut out = String::new();
    for byte in segment.bytes() {
        let plain = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte);
        if plain {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("_site");
        for (rel, text) in [
            ("index.html", "home"),
            ("about.html", "about"),
            ("blog/index.html", "blog"),
            ("notes.html", "notes page"),
            ("notes/a.txt", "a"),
            ("feed.xml", "feed"),
            ("caf\u{e9}.html", "cafe"),
            ("empty/x.bin", "x"),
            (".htaccess", "secret"),
        ] {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::write(dir.path().join("secret.txt"), "outside").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    fn file(root: &Path, rel: &str) -> Target {
        Target::File(root.join(rel))
    }

    #[test]
    fn jekyll_url_rules() {
        let (_dir, root) = site();
        let cases = [
            ("/", file(&root, "index.html")),
            ("/index.html", file(&root, "index.html")),
            ("/about", file(&root, "about.html")),
            ("/about?x=1#top", file(&root, "about.html")),
            ("/blog/", file(&root, "blog/index.html")),
            ("/blog", Target::Redirect("/blog/".into())),
            ("/notes/", file(&root, "notes.html")),
            ("/notes/a.txt", file(&root, "notes/a.txt")),
            (
                "/empty/",
                Target::Directory(root.join("empty"), "/empty/".into()),
            ),
            ("/caf%C3%A9", file(&root, "caf\u{e9}.html")),
            ("/./about", file(&root, "about.html")),
            ("//about", file(&root, "about.html")),
            ("/missing", Target::NotFound),
            ("/about/x", Target::NotFound),
            ("/.htaccess", Target::NotFound),
        ];
        for (url, want) in cases {
            assert_eq!(resolve(&root, "", url), want, "{url}");
        }
    }

    #[test]
    fn baseurl_is_mounted() {
        let (_dir, root) = site();
        let cases = [
            ("/", Target::Redirect("/base/".into())),
            ("/base", Target::Redirect("/base/".into())),
            ("/base/", file(&root, "index.html")),
            ("/base/about", file(&root, "about.html")),
            ("/about", Target::NotFound),
            ("/basement/", Target::NotFound),
        ];
        for (url, want) in cases {
            assert_eq!(resolve(&root, "/base", url), want, "{url}");
        }
    }

    #[test]
    fn hostile_targets_are_refused() {
        let (_dir, root) = site();
        let cases = [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/about%00.html",
            "/%zz",
            "/%c3",
            "secret.txt",
            "http://example.com/",
            "*",
        ];
        for url in cases {
            assert_eq!(resolve(&root, "", url), Target::BadRequest, "{url}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_are_not_followed() {
        let (dir, root) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("about.html"), root.join("in.html")).unwrap();
        assert_eq!(resolve(&root, "", "/out.txt"), Target::NotFound);
        assert_eq!(resolve(&root, "", "/up/secret.txt"), Target::NotFound);
        assert_eq!(resolve(&root, "", "/in"), file(&root, "about.html"));
    }

    #[test]
    fn locations_are_reencoded() {
        assert_eq!(location(&["a b", "c\u{e9}"], true), "/a%20b/c%C3%A9/");
        assert_eq!(location(&[], false), "/");
    }
}
