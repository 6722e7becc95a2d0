//! Markdown conversion throughput: hyde's kramdown-flavoured converter (with
//! highlighting off) against raw pulldown-cmark (`html::push_html`) on the
//! same input, in one run, over two corpora: every kramdown test document
//! committed in `tests/markdown/kramdown-jekyll-profile` (small documents full
//! of edge cases), and the posts of the benchmark blog
//! (`tests/fixtures/bench_blog`, made by shared/bench/gen_site.py: headings,
//! lists, links, a table and a code block each). Each document is converted
//! on its own, as a site's pages are, repeated to about 8 MB per corpus.
//! Issue 4's target: hyde at no less than half the raw throughput.
//!
//! Run: `cargo bench --bench markdown`

// The allocator the `hyde` binary uses (src/main.rs), for both converters.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use hyde::converter::markdown::{self, Options, RougeNames};
use std::path::Path;
use std::time::Instant;

/// Every `.text` document of kramdown's test suite, and every post of the
/// benchmark blog (front matter dropped), each repeated to about 8 MB.
fn corpora() -> Vec<(&'static str, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kramdown = read_all(&root.join("tests/markdown/kramdown-jekyll-profile"), "text");
    let posts = read_all(&root.join("tests/fixtures/bench_blog/src/_posts"), "md")
        .into_iter()
        .map(|post| match post.strip_prefix("---\n") {
            Some(rest) => rest
                .split_once("\n---\n")
                .map_or(post.clone(), |(_, body)| body.to_string()),
            None => post,
        })
        .collect();
    vec![
        ("kramdown tests", repeat(kramdown)),
        ("blog posts", repeat(posts)),
    ]
}

fn read_all(dir: &Path, ext: &str) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter(|d| !d.is_empty())
        .collect()
}

fn repeat(docs: Vec<String>) -> Vec<String> {
    let one: usize = docs.iter().map(String::len).sum();
    let copies = (8usize << 20) / one.max(1) + 1;
    docs.iter()
        .cycle()
        .take(docs.len() * copies)
        .cloned()
        .collect()
}

/// One timing of `f`, in seconds.
fn time(f: &mut impl FnMut() -> usize) -> f64 {
    let started = Instant::now();
    std::hint::black_box(f());
    started.elapsed().as_secs_f64()
}

/// The best of `runs` timings of `a` and of `b`, taken in turn so that both see the same
/// load on a shared machine, in seconds.
fn best_of_both(
    runs: usize,
    mut a: impl FnMut() -> usize,
    mut b: impl FnMut() -> usize,
) -> (f64, f64) {
    (0..runs).fold((f64::INFINITY, f64::INFINITY), |(ta, tb), _| {
        (ta.min(time(&mut a)), tb.min(time(&mut b)))
    })
}

fn main() {
    for (name, docs) in corpora() {
        measure(name, &docs);
    }
}

fn measure(name: &str, docs: &[String]) {
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 / (1 << 20) as f64;
    let opts = Options::default();
    let raw = || {
        let mut html = String::new();
        for doc in docs {
            html.clear();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(doc));
        }
        html.len()
    };
    let hyde = || {
        docs.iter()
            .map(|d| markdown::convert_with(d, &opts, &RougeNames).len())
            .sum()
    };
    let (raw, hyde) = best_of_both(5, raw, hyde);
    println!(
        "markdown ({name}): {} documents, {mb:.1} MB; pulldown-cmark push_html {:.1} MB/s, hyde {:.1} MB/s; hyde/raw {:.2}",
        docs.len(),
        mb / raw,
        mb / hyde,
        raw / hyde
    );
}
