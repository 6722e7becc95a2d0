//! Writes hyde's HTML for every Markdown input the tests hold (the CommonMark and GFM
//! spec examples, kramdown's test documents, the benchmark blog's posts), each after a
//! `=== name` line, so that a refactoring can be checked to change no output:
//! `cargo run --release --example markdown_dump > before.txt`, change, run again, `diff`.

use hyde::converter::markdown::{self, Options, RougeNames};
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = Options::default();
    let mut out = String::new();
    for (name, doc) in inputs(root) {
        out.push_str(&format!("=== {name}\n"));
        out.push_str(&markdown::convert_with(&doc, &opts, &RougeNames));
    }
    print!("{out}");
}

fn inputs(root: &Path) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for spec in ["spec-0.31.2.jekyll.json", "gfm-spec.jekyll.json"] {
        let text =
            std::fs::read_to_string(root.join("tests/markdown").join(spec)).unwrap_or_default();
        let cases: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        for (i, case) in cases.as_array().into_iter().flatten().enumerate() {
            if let Some(md) = case.get("markdown").and_then(|m| m.as_str()) {
                all.push((format!("{spec} {i}"), md.to_string()));
            }
        }
    }
    for (dir, ext) in [
        ("tests/markdown/kramdown-jekyll-profile", "text"),
        ("tests/fixtures/bench_blog/src/_posts", "md"),
    ] {
        let mut paths: Vec<_> = walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == ext))
            .map(|e| e.into_path())
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(doc) = std::fs::read_to_string(&path) {
                let name = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                all.push((name, doc));
            }
        }
    }
    all
}
