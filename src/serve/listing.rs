//! The page for a directory without an index: WEBrick's `FancyIndexing`
//! (webrick/httpservlet/filehandler.rb, `set_dir_list`), which Jekyll's
//! `serve` turns on. Only entries that may be served are listed: no
//! `.ht*`/`~*` names, nothing a symlink leads to outside the destination.

use crate::serve::path::{encode_segment, inside, is_nondisclosure};
use std::path::Path;

/// The HTML listing of `dir` (canonical, inside `root`) shown at `url`.
pub fn render(root: &Path, dir: &Path, url: &str) -> String {
    let mut rows = String::new();
    if dir != root {
        rows.push_str("<li><a href=\"../\">Parent Directory</a></li>\n");
    }
    for (name, is_dir) in entries(root, dir) {
        let slash = if is_dir { "/" } else { "" };
        rows.push_str(&format!(
            "<li><a href=\"{}{slash}\">{}{slash}</a></li>\n",
            encode_segment(&name),
            escape(&name)
        ));
    }
    let title = format!("Index of {}", escape(url));
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body><h1>{title}</h1>\n<ul>\n{rows}</ul>\n</body></html>\n"
    )
}

/// Names and whether each is a directory, sorted by name.
fn entries(root: &Path, dir: &Path) -> Vec<(String, bool)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, bool)> = read
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if is_nondisclosure(&name) {
                return None;
            }
            let real = inside(root, &entry.path())?;
            Some((name, real.is_dir()))
        })
        .collect();
    out.sort();
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_what_may_be_served() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("_site");
        std::fs::create_dir_all(root.join("files/sub")).unwrap();
        for name in ["b.txt", "a <&>.txt", ".htpasswd", "~backup"] {
            std::fs::write(root.join("files").join(name), "x").unwrap();
        }
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("files/out")).unwrap();
        let root = root.canonicalize().unwrap();
        let page = render(&root, &root.join("files"), "/files/");
        let want = [
            "<title>Index of /files/</title>",
            "<a href=\"../\">Parent Directory</a>",
            "<a href=\"a%20%3C&%3E.txt\">a &lt;&amp;&gt;.txt</a>",
            "<a href=\"b.txt\">b.txt</a>",
            "<a href=\"sub/\">sub/</a>",
        ];
        for part in want {
            assert!(page.contains(part), "{part} in {page}");
        }
        for hidden in [".htpasswd", "~backup", "out"] {
            assert!(!page.contains(&format!(">{hidden}<")), "{hidden} in {page}");
        }
    }
}
