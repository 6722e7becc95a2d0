//! A loop over one folder of Markdown files for profiling the converter with `perf`:
//! `IT=300 perf record -g target/release/examples/markdown_profile DIR`. Front matter is
//! dropped; highlighting is off, as in `benches/markdown.rs`. Prints the throughput. With
//! `RAW=1` it runs the benchmark's reference, pulldown-cmark's `push_html`, instead.

// The allocator the `hyde` binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use hyde::converter::markdown::{self, Options, RougeNames};

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: markdown_profile DIR (IT=iterations)");
        std::process::exit(2);
    };
    let docs = read_bodies(&dir);
    let iterations: usize = std::env::var("IT").map_or(30, |v| v.parse().unwrap_or(30));
    let opts = Options::default();
    // RAW=1: plain pulldown-cmark `push_html`, the benchmark's reference, instead.
    let raw = std::env::var_os("RAW").is_some();
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..iterations {
        for doc in &docs {
            bytes += if raw {
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(doc));
                html.len()
            } else {
                markdown::convert_with(doc, &opts, &RougeNames).len()
            };
        }
    }
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 * iterations as f64 / 1048576.0;
    let secs = started.elapsed().as_secs_f64();
    println!("{bytes} bytes written, {:.1} MB/s", mb / secs);
}

fn read_bodies(dir: &str) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| match s.strip_prefix("---\n") {
            Some(rest) => rest
                .split_once("\n---\n")
                .map_or(s.clone(), |(_, body)| body.to_string()),
            None => s,
        })
        .collect()
}
