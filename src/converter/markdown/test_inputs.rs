//! The Markdown inputs the tests hold, for tests that check a fast path against the general
//! one on all of them: the CommonMark and GFM spec examples, kramdown's test documents, the
//! unit cases, the benchmark blog's posts (front matter and all).

use std::path::Path;

/// Every Markdown input the tests hold: the CommonMark and GFM spec examples, kramdown's
/// test documents, the unit cases, the benchmark blog's posts. Fails when they are missing.
pub(crate) fn all() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    let mut docs = Vec::new();
    for spec in ["spec-0.31.2.jekyll.json", "gfm-spec.jekyll.json"] {
        let cases: serde_json::Value =
            serde_json::from_str(&read(&root.join("tests/markdown").join(spec)))
                .unwrap_or_default();
        let inputs = cases.as_array().into_iter().flatten();
        docs.extend(inputs.filter_map(|c| Some(c.get("markdown")?.as_str()?.to_string())));
    }
    let units: serde_json::Value =
        serde_json::from_str(&read(&root.join("tests/markdown/unit_cases.json")))
            .unwrap_or_default();
    let groups = units.as_object().into_iter().flat_map(|o| o.values());
    let cases = groups.flat_map(|g| g.as_array().into_iter().flatten());
    docs.extend(cases.filter_map(|c| Some(c.as_str()?.to_string())));
    for (dir, ext) in [
        ("tests/markdown/kramdown-jekyll-profile", "text"),
        ("tests/fixtures/bench_blog/src/_posts", "md"),
    ] {
        let files = walkdir::WalkDir::new(root.join(dir)).into_iter().flatten();
        let files = files.filter(|e| e.path().extension().is_some_and(|x| x == ext));
        docs.extend(files.map(|e| read(e.path())));
    }
    assert!(docs.len() > 1500, "{}", docs.len());
    docs
}
