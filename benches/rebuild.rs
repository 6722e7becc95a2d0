//! Incremental rebuild against full build, in one run: a generated blog of
//! N posts (default 10,000; `HYDE_BENCH_POSTS=N`) is built in full, then one
//! post's body is edited and the site rebuilt. Issue 6's target: the rebuild
//! takes at most 2% of the full build.
//!
//! Run: `cargo bench --bench rebuild`

// The allocator the `hyde` binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use hyde::{Config, Overrides, Site};
use std::path::Path;
use std::time::Instant;

const WORDS: &[&str] = &[
    "static", "site", "render", "liquid", "layout", "include", "post", "page", "build", "serve",
    "fast", "rust", "jekyll", "theme", "markdown", "table", "list", "link", "code", "data",
];

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A post of ~300 words with headings, a list, a link and a code block.
fn post(i: usize) -> String {
    let word = |k: usize| WORDS[(i * 7 + k * 13) % WORDS.len()];
    let para: Vec<&str> = (0..60).map(word).collect();
    let tags = format!("[{}, {}]", word(1), word(2));
    format!(
        "---\nlayout: post\ntitle: \"Post {i} about {}\"\ntags: {tags}\n---\n{}\n\n## Details\n\n- {}\n- {}\n\n{}\n[more](https://example.org/{i})\n\n```ruby\ndef f{i}(x)\n  x * {i}\nend\n```\n\n{}\n",
        word(3),
        para.join(" "),
        word(4),
        word(5),
        para.join(" "),
        para.join(" ")
    )
}

fn generate(root: &Path, posts: usize) {
    write(
        root,
        "_config.yml",
        "title: Bench\nurl: https://example.org\npermalink: /posts/:title/\n",
    );
    write(
        root,
        "_includes/header.html",
        "<header><a href=\"/\">{{ include.title }}</a></header>\n",
    );
    write(
        root,
        "_layouts/default.html",
        "<html><head><title>{{ page.title }}</title></head><body>{% include header.html title=site.title %}{{ content }}</body></html>\n",
    );
    write(
        root,
        "_layouts/post.html",
        "---\nlayout: default\n---\n<article><h1>{{ page.title }}</h1><time>{{ page.date | date_to_string }}</time>{% for t in page.tags %}<a href=\"/tags/#{{ t }}\">{{ t }}</a>{% endfor %}{{ content }}</article>\n",
    );
    write(
        root,
        "index.html",
        "---\nlayout: default\n---\n{% for post in site.posts limit:10 %}<li><a href=\"{{ post.url }}\">{{ post.title }}</a></li>{% endfor %}\n",
    );
    write(
        root,
        "tags.html",
        "---\nlayout: default\n---\n{% for tag in site.tags %}<h2>{{ tag[0] }}</h2>{% for p in tag[1] %}<a href=\"{{ p.url }}\">{{ p.title }}</a>{% endfor %}{% endfor %}\n",
    );
    for i in 0..posts {
        let (y, m, d) = (2000 + i / 336, 1 + (i / 28) % 12, 1 + i % 28);
        write(
            root,
            &format!("_posts/{y}-{m:02}-{d:02}-post-{i}.md"),
            &post(i),
        );
    }
}

fn main() {
    let posts: usize = std::env::var("HYDE_BENCH_POSTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    hyde::logger::set_level(hyde::logger::Level::Error);
    let dir = tempfile::tempdir_in(if Path::new("/dev/shm").is_dir() {
        "/dev/shm"
    } else {
        "."
    })
    .unwrap();
    let source = dir.path().join("src");
    generate(&source, posts);
    let overrides = Overrides {
        source: Some(source.clone()),
        destination: Some(dir.path().join("out")),
        ..Overrides::default()
    };
    let mut site = Site::new(Config::load(&overrides).unwrap()).unwrap();
    let started = Instant::now();
    site.process().unwrap();
    let full = started.elapsed().as_secs_f64();
    let edited = source.join("_posts/2000-01-01-post-0.md");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\nAn edit.\n")).unwrap();
    let started = Instant::now();
    let rebuilt = site.rebuild(&[edited]).unwrap();
    let partial = started.elapsed().as_secs_f64();
    println!(
        "rebuild: {posts} posts, full build {full:.3} s, rebuild after editing one post {partial:.3} s \
         ({} outputs rendered, {} written, full={}), ratio {:.2}%",
        rebuilt.rendered,
        rebuilt.written.len(),
        rebuilt.full,
        100.0 * partial / full
    );
}
