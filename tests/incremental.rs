//! Incremental rebuilds are correct by construction: random edits to a site
//! (posts, a layout, an include, data, the config, pages, static files,
//! added and deleted files), each followed by `Site::rebuild`, always leave
//! exactly the tree that a clean full build of the edited site writes.

use hyde::{Config, Overrides, Site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FILES: &[(&str, &str)] = &[
    (
        "_config.yml",
        "title: Inc\nplugins: [jekyll-paginate]\npaginate: 2\ncollections:\n  docs:\n    output: true\n",
    ),
    (
        "_layouts/default.html",
        "<html><title>{{ site.title }}</title>{% include header.html %}{{ content }}</html>\n",
    ),
    (
        "_layouts/post.html",
        "---\nlayout: default\n---\n<h1>{{ page.title }}</h1>{{ content }}<p>{{ page.previous.title }}|{{ page.next.title }}</p><small>{{ page.previous.content | size }}/{{ site.posts.last.content | size }}</small>\n",
    ),
    (
        "_includes/header.html",
        "<nav>{% for item in site.data.nav %}<a href=\"{{ item.url }}\">{{ item.name }}</a>{% endfor %}</nav>\n",
    ),
    (
        "_data/nav.yml",
        "- {name: Home, url: /}\n- {name: About, url: /about.html}\n",
    ),
    (
        "index.html",
        "---\nlayout: default\n---\n{% for p in paginator.posts %}<li>{{ p.title }}: {{ p.excerpt }}</li>{% endfor %}\n",
    ),
    (
        "about.md",
        "---\nlayout: default\ntitle: About\n---\nAbout *us*.\n",
    ),
    (
        "map.html",
        "---\n---\n{% for p in site.pages %}{{ p.url }} {{ p.title }} {{ p.content | strip_newlines }};{% endfor %}{% for d in site.docs %}{{ d.title }}{% endfor %}{% for f in site.static_files %}{{ f.path }}@{{ f.modified_time | date: '%s' }}{% endfor %}\n",
    ),
    (
        "tags.html",
        "---\n---\n{% for t in site.tags %}{{ t[0] }}:{% for p in t[1] %}{{ p.title }} {{ p.excerpt }}{% endfor %};{% endfor %}{% for c in site.categories %}{{ c[0] }}={{ c[1] | map: 'title' | join: ',' }}{% endfor %}{{ site.posts.first.content | size }}\n",
    ),
    ("_docs/a.md", "---\ntitle: Doc A\n---\nA doc.\n"),
    (
        "_docs/b.md",
        "---\ntitle: Doc B\n---\nB doc with {% include header.html %}\n",
    ),
    ("assets/style.css", "body { color: red }\n"),
    (
        "_posts/2023-01-01-one.md",
        "---\nlayout: post\ntags: [red]\ncategories: [c1]\ntitle: One\n---\nFirst post.\n\nMore.\n",
    ),
    (
        "_posts/2023-01-02-two.md",
        "---\nlayout: post\ntags: [red, blue]\ntitle: Two\n---\nSecond post.\n",
    ),
    (
        "_posts/2023-01-03-three.md",
        "---\nlayout: post\ntitle: Three\n---\nThird post.\n",
    ),
];

/// A small deterministic generator (an LCG), so every run makes the same edits.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn append(root: &Path, rel: &str, text: &str) -> PathBuf {
    let old = std::fs::read_to_string(root.join(rel)).unwrap();
    write(root, rel, &format!("{old}{text}"))
}

fn posts(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("_posts"))
        .unwrap()
        .map(|e| format!("_posts/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    names.sort();
    names
}

/// Makes one random edit; returns the paths it touched.
fn edit(root: &Path, rng: &mut Rng, step: usize) -> Vec<PathBuf> {
    let posts = posts(root);
    let post = posts[rng.below(posts.len())].clone();
    match rng.below(14) {
        0 => vec![append(root, &post, &format!("\nEdit {step}.\n"))],
        1 => {
            let text = std::fs::read_to_string(root.join(&post)).unwrap();
            let retitled = text.replacen("title: ", &format!("title: T{step} "), 1);
            vec![write(root, &post, &retitled)]
        }
        2 => vec![append(
            root,
            "_layouts/post.html",
            &format!("<footer>{step}</footer>\n"),
        )],
        3 => vec![append(
            root,
            "_includes/header.html",
            &format!("<b>{step}</b>\n"),
        )],
        4 => vec![append(
            root,
            "_data/nav.yml",
            &format!("- {{name: N{step}, url: /n{step}/}}\n"),
        )],
        5 => vec![write(
            root,
            "_config.yml",
            &FILES[0].1.replace("Inc", &format!("Inc {step}")),
        )],
        6 => {
            let rel = format!("_posts/2023-02-{:02}-new-{step}.md", 1 + step % 27);
            vec![write(
                root,
                &rel,
                &format!("---\nlayout: post\ntitle: New {step}\n---\nNew post {step}.\n"),
            )]
        }
        7 if posts.len() > 2 => {
            std::fs::remove_file(root.join(&post)).unwrap();
            vec![root.join(&post)]
        }
        8 => vec![append(root, "about.md", &format!("\nMore about {step}.\n"))],
        9 => {
            let path = append(
                root,
                "assets/style.css",
                &format!("p {{ margin: {step}px }}\n"),
            );
            // A new second, so that `site.static_files` shows another time.
            let time =
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000 + step as u64);
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(time).unwrap();
            vec![path]
        }
        10 => vec![append(root, "_docs/a.md", &format!("\nDoc edit {step}.\n"))],
        // A post's tags change: the groups of `site.tags` move.
        12 => {
            let text = std::fs::read_to_string(root.join(&post)).unwrap();
            let tags = format!("tags: [t{}, red]\ntitle: ", step % 3);
            let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("tags:")).collect();
            let retagged = format!("{}\n", kept.join("\n")).replacen("title: ", &tags, 1);
            vec![write(root, &post, &retagged)]
        }
        13 => {
            let text = std::fs::read_to_string(root.join("about.md")).unwrap();
            let retitled = text.replacen("title: ", &format!("title: A{step} "), 1);
            vec![write(root, "about.md", &retitled)]
        }
        _ => {
            let text = std::fs::read_to_string(root.join(&post)).unwrap();
            let dated = text.replacen(
                "---\n",
                &format!("---\ndate: 2023-03-{:02}\n", 1 + step % 27),
                1,
            );
            vec![write(root, &post, &dated)]
        }
    }
}

fn build(source: &Path, dest: &Path) -> Site {
    let overrides = Overrides {
        source: Some(source.to_path_buf()),
        destination: Some(dest.to_path_buf()),
        ..Overrides::default()
    };
    let mut site = Site::new(Config::load(&overrides).unwrap()).unwrap();
    site.process().unwrap();
    site
}

fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn random_edits_rebuild_like_a_full_build() {
    // SAFETY: this test binary has this one test, so no other thread reads the environment.
    unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1700000000") };
    hyde::logger::set_level(hyde::logger::Level::Error);
    let dir = tempfile::tempdir().unwrap();
    let (source, dest) = (dir.path().join("src"), dir.path().join("out"));
    for (rel, text) in FILES {
        write(&source, rel, text);
    }
    let mut site = build(&source, &dest);
    let mut rng = Rng(42);
    let (mut partial, mut full) = (0, 0);
    for step in 0..60 {
        let touched = edit(&source, &mut rng, step);
        let rebuilt = site.rebuild(&touched).unwrap();
        if rebuilt.config_changed {
            site = build(&source, &dest);
        }
        if rebuilt.full || rebuilt.config_changed {
            full += 1
        } else {
            partial += 1
        }
        let clean = dir.path().join(format!("clean-{step}"));
        build(&source, &clean);
        let (got, want) = (tree(&dest), tree(&clean));
        let differing: Vec<&String> = want
            .keys()
            .chain(got.keys())
            .filter(|k| got.get(*k) != want.get(*k))
            .collect();
        assert!(
            differing.is_empty(),
            "step {step} ({touched:?}): {differing:?} differ"
        );
        std::fs::remove_dir_all(&clean).unwrap();
    }
    assert!(
        partial > 20,
        "most edits rebuild incrementally ({partial} partial, {full} full)"
    );
}
