//! `hyde serve` end to end (issue 6): the binary builds a fixture site and
//! serves it on an ephemeral loopback port; the tests check Jekyll's URL
//! rules and headers, that the live-reload script is served but never
//! written, and that edits — including a broken and then fixed layout and a
//! `_config.yml` change — each lead to one rebuild and the right event.
//! Every server is killed when its test ends, and every wait is bounded.

#[path = "serve_http.rs"]
mod http;

use http::{Serve, hyde, write};
use std::time::{Duration, Instant};

const FILES: &[(&str, &str)] = &[
    ("_config.yml", "title: First title\nexclude: [notes.txt]\n"),
    (
        "_layouts/default.html",
        "<html><head><title>{{ site.title }}</title>\
         <link rel=\"stylesheet\" href=\"/main.css\"></head>\
         <body>{{ content }}<p>{{ site.url }}</p></body></html>\n",
    ),
    ("index.md", "---\nlayout: default\n---\nHello *first*\n"),
    (
        "about.md",
        "---\nlayout: default\npermalink: /about.html\n---\nAbout us\n",
    ),
    ("blog/index.html", "---\nlayout: default\n---\nThe blog\n"),
    ("404.html", "---\nlayout: default\n---\nLost here\n"),
    ("main.css", "body { color: black }\n"),
    ("notes.txt", "not part of the site\n"),
];

#[test]
fn serves_with_jekyll_url_rules_and_headers() {
    let serve = Serve::start(FILES, &[]);
    let home = http::get(serve.addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.header("Cache-Control").unwrap().contains("no-cache"));
    let port = serve.addr.port();
    assert!(
        home.text().contains(&format!("http://localhost:{port}")),
        "site.url"
    );
    assert!(home.text().contains("/__hyde/events"), "live-reload script");
    let written = std::fs::read_to_string(serve.source().join("_site/index.html")).unwrap();
    assert!(!written.contains("__hyde"), "the script is never written");
    let cases = [
        ("/about", 200, "About us", "text/html; charset=utf-8"),
        ("/blog/", 200, "The blog", "text/html; charset=utf-8"),
        ("/main.css", 200, "color: black", "text/css; charset=utf-8"),
        (
            "/missing/page",
            404,
            "Lost here",
            "text/html; charset=utf-8",
        ),
    ];
    for (target, status, text, kind) in cases {
        let reply = http::get(serve.addr, target);
        assert_eq!(reply.status, status, "{target}");
        assert!(reply.text().contains(text), "{target}: {}", reply.text());
        assert_eq!(reply.header("Content-Type"), Some(kind), "{target}");
    }
    let blog = http::get(serve.addr, "/blog");
    assert_eq!(
        (blog.status, blog.header("Location")),
        (301, Some("/blog/"))
    );
    let head = http::request(serve.addr, "HEAD", b"/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("Content-Length"), home.header("Content-Length"));
}

#[test]
fn baseurl_and_no_livereload() {
    let serve = Serve::start(
        FILES,
        &["--baseurl", "/docs", "--no-livereload", "--no-watch"],
    );
    let root = http::get(serve.addr, "/");
    assert_eq!(
        (root.status, root.header("Location")),
        (301, Some("/docs/"))
    );
    let home = http::get(serve.addr, "/docs/");
    assert_eq!(home.status, 200);
    assert!(!home.text().contains("__hyde"));
    assert_eq!(http::get(serve.addr, "/__hyde/events").status, 404);
    write(
        &serve.source().join("index.md"),
        "---\nlayout: default\n---\nChanged\n",
    );
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(serve.rebuilds(), 0, "--no-watch");
    assert!(
        http::get(serve.addr, "/docs/")
            .text()
            .contains("<em>first</em>")
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("index.html"), "hi");
    let out = hyde()
        .args(["serve", "-H", "127.0.0.1", "-P", &port, "-s"])
        .arg(dir.path())
        .arg("-d")
        .arg(dir.path().join("_site"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(stderr.contains(&port), "{stderr}");
}

#[test]
fn slow_clients_do_not_block_others() {
    let serve = Serve::start(FILES, &["--no-watch"]);
    let big = "x".repeat(8 << 20);
    write(&serve.source().join("_site/big.txt"), &big);
    let mut stalled = Vec::new();
    for _ in 0..3 {
        use std::io::Write;
        let mut half = http::connect(serve.addr);
        half.write_all(b"GET / HTTP/1.1\r\nHost: 1").unwrap();
        stalled.push(half);
        let mut unread = http::connect(serve.addr);
        unread
            .write_all(b"GET /big.txt HTTP/1.1\r\nHost: 1\r\n\r\n")
            .unwrap();
        stalled.push(unread);
    }
    let started = Instant::now();
    let threads: Vec<_> = (0..12)
        .map(|_| {
            let addr = serve.addr;
            std::thread::spawn(move || http::get(addr, "/about").status)
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), 200);
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    drop(stalled);
}

#[test]
fn edits_rebuild_once_and_reload_pages() {
    let serve = Serve::start(FILES, &[]);
    let events = http::events(serve.addr);
    std::thread::sleep(Duration::from_millis(300));
    let index = serve.source().join("index.md");

    // A plain write.
    write(&index, "---\nlayout: default\n---\nHello *second*\n");
    http::wait_event(&events, "reload");
    serve.wait_rebuilds(1);
    assert!(
        http::get(serve.addr, "/")
            .text()
            .contains("<em>second</em>")
    );

    // An editor's save: write a temporary file, rename it over the page.
    let temp = serve.source().join(".index.md.swp");
    write(&temp, "---\nlayout: default\n---\nHello *third*\n");
    std::fs::rename(&temp, &index).unwrap();
    http::wait_event(&events, "reload");
    serve.wait_rebuilds(2);

    // Delete, then create.
    std::fs::remove_file(&index).unwrap();
    write(&index, "---\nlayout: default\n---\nHello *fourth*\n");
    http::wait_event(&events, "reload");
    serve.wait_rebuilds(3);
    assert!(
        http::get(serve.addr, "/")
            .text()
            .contains("<em>fourth</em>")
    );

    // Only a stylesheet.
    write(&serve.source().join("main.css"), "body { color: red }\n");
    http::wait_event(&events, "css");
    serve.wait_rebuilds(4);

    // Excluded and generated files cause nothing.
    write(&serve.source().join("notes.txt"), "changed\n");
    write(&serve.source().join("_site/stray.html"), "x");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(serve.rebuilds(), 4, "{:?}", serve.log);
}

#[test]
fn a_failed_build_keeps_the_last_output_and_reports_once() {
    let serve = Serve::start(FILES, &[]);
    let events = http::events(serve.addr);
    std::thread::sleep(Duration::from_millis(300));
    let layout = serve.source().join("_layouts/default.html");
    let good = std::fs::read_to_string(&layout).unwrap();
    write(
        &layout,
        &good.replace("{{ content }}", "{{ content }}\n{% if %}"),
    );
    let data = http::wait_event(&events, "failed");
    assert!(data.contains("_layouts/default.html"), "{data}");
    assert!(data.contains("line 2"), "{data}");
    // The overlay also names the page and the layouts it went through.
    assert!(data.contains("through the layouts default"), "{data}");
    serve.wait_rebuilds(1);
    let errors = serve
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains("Error:"))
        .count();
    assert_eq!(errors, 1, "{:?}", serve.log);
    let home = http::get(serve.addr, "/");
    assert!(home.text().contains("<em>first</em>"), "last good output");

    // A page opened now sees the error at once.
    let late = http::events(serve.addr);
    http::wait_event(&late, "failed");

    write(&layout, &good);
    http::wait_event(&events, "ok");
    http::wait_event(&late, "ok");

    // A broken include of the layout: the include, the layout that
    // included it (with the line of the tag), then the page and its layouts.
    let include = serve.source().join("_includes/note.html");
    write(&include, "<aside>\n{{ 1 | divided_by: 0 }}\n</aside>\n");
    write(
        &layout,
        &good.replace("{{ content }}", "{{ content }}{% include note.html %}"),
    );
    let data = http::wait_event(&events, "failed");
    for part in [
        "_includes/note.html line 2",
        "included in _layouts/default.html (line 1)",
        "through the layouts default",
    ] {
        assert!(data.contains(part), "{part} in {data}");
    }
    write(&include, "<aside>fine</aside>\n");
    http::wait_event(&events, "ok");
}

#[test]
fn config_edits_are_reloaded() {
    let serve = Serve::start(FILES, &[]);
    let events = http::events(serve.addr);
    std::thread::sleep(Duration::from_millis(300));
    assert!(http::get(serve.addr, "/").text().contains("First title"));
    let config = serve.source().join("_config.yml");
    write(&config, "title: Second title\nexclude: [notes.txt]\n");
    http::wait_event(&events, "reload");
    assert!(http::get(serve.addr, "/").text().contains("Second title"));
}

#[test]
fn a_failed_first_build_is_served_until_fixed() {
    let broken: Vec<(&str, &str)> = FILES
        .iter()
        .map(|&(rel, text)| match rel {
            "index.md" => (rel, "---\nlayout: default\n---\n{% for %}\n"),
            _ => (rel, text),
        })
        .collect();
    let serve = Serve::start(&broken, &[]);
    let events = http::events(serve.addr);
    let data = http::wait_event(&events, "failed");
    assert!(data.contains("index.md"), "{data}");
    write(
        &serve.source().join("index.md"),
        "---\nlayout: default\n---\nMended\n",
    );
    http::wait_event(&events, "ok");
    http::wait_event(&events, "reload");
    assert!(http::get(serve.addr, "/").text().contains("Mended"));
}
