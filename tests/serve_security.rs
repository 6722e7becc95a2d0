//! Hostile requests against a running `hyde serve` server (issue 6): no
//! request may ever read a file outside the destination, whatever its
//! encoding — `..`, `%2e%2e`, `%2f`, backslashes, absolute paths and URLs,
//! NUL bytes, overlong UTF-8, symlinks leading out. The server listens on
//! an ephemeral loopback port and stops when the test ends.

#[path = "serve_http.rs"]
mod http;

use hyde::serve::server::{Mount, Server};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;

/// Text that only files outside the destination contain.
const SECRETS: &[&str] = &["TOP-SECRET-OUTSIDE", "root:x:0:0"];

struct Fixture {
    _dir: tempfile::TempDir,
    server: Server,
}

impl Fixture {
    fn addr(&self) -> SocketAddr {
        self.server.addr()
    }
}

/// `<tmp>/secret.txt` and `<tmp>/site/secret.txt` lie outside the
/// destination `<tmp>/site/_site`, which links out in two ways.
fn start(baseurl: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site").join("_site");
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    let write = |path: &Path, text: &str| std::fs::write(path, text).unwrap();
    write(&dir.path().join("secret.txt"), "TOP-SECRET-OUTSIDE");
    write(&dir.path().join("site/secret.txt"), "TOP-SECRET-OUTSIDE");
    write(&root.join("index.html"), "<p>home inside</p>");
    write(&root.join("404.html"), "<p>custom not found</p>");
    write(&root.join("sub/index.html"), "<p>sub inside</p>");
    write(&root.join(".htaccess"), "deny TOP-SECRET-OUTSIDE");
    link(&dir.path().join("secret.txt"), &root.join("out.txt"));
    link(dir.path(), &root.join("up"));
    link(&root.join("sub/index.html"), &root.join("inner.html"));
    link(
        &dir.path().join("secret.txt"),
        &root.join("sub/deeper/leak.txt"),
    );
    write(&root.join("sub/deeper/listed.txt"), "inside");
    let mount = Mount {
        root: root.canonicalize().unwrap(),
        baseurl: baseurl.to_string(),
        headers: Vec::new(),
        livereload: false,
    };
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let server = Server::start(listener, mount).unwrap();
    Fixture { _dir: dir, server }
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[cfg(not(unix))]
fn link(_target: &Path, _at: &Path) {}

fn assert_safe(reply: &http::Reply, what: &str) {
    let text = reply.text();
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} leaked {secret}: {text}");
    }
}

/// Target → the status it must get (400: refused; 404: no such file).
const HOSTILE: &[(&[u8], u16)] = &[
    (b"/../secret.txt", 400),
    (b"/../../../../../../etc/passwd", 400),
    (b"/%2e%2e/secret.txt", 400),
    (b"/%2E%2E/%2E%2E/secret.txt", 400),
    (b"/.%2e/secret.txt", 400),
    (b"/%2e./secret.txt", 400),
    (b"/..%2fsecret.txt", 400),
    (b"/..%2Fsecret.txt", 400),
    (b"/%2e%2e%2fsecret.txt", 400),
    (b"/sub/..%2f..%2f..%2fsecret.txt", 400),
    (b"/sub/../../secret.txt", 400),
    (b"/sub/%2e%2e/%2e%2e/secret.txt", 400),
    (b"/..%5csecret.txt", 400),
    (b"/..\\secret.txt", 400),
    (b"/%5c..%5c..%5csecret.txt", 400),
    (b"/sub\\..\\..\\secret.txt", 400),
    (b"/%2fetc%2fpasswd", 400),
    (b"/C:%5cWindows%5cwin.ini", 400),
    (b"/index.html%00.txt", 400),
    (b"/%00../secret.txt", 400),
    (b"/%c0%ae%c0%ae/secret.txt", 400),
    (b"/..%c0%afsecret.txt", 400),
    (b"/%ff%fe", 400),
    (b"/%2", 400),
    (b"/%zz/secret.txt", 400),
    (b"secret.txt", 400),
    (b"http://127.0.0.1/../secret.txt", 400),
    (b"file:///etc/passwd", 400),
    (b"/etc/passwd", 404),
    (b"//etc/passwd", 404),
    (b"/%252e%252e/secret.txt", 404),
    (b"/..../secret.txt", 404),
    (b"/..;/secret.txt", 404),
    (b"/out.txt", 404),
    (b"/up/secret.txt", 404),
    (b"/up/site/secret.txt", 404),
    (b"/up", 404),
    (b"/up/", 404),
    (b"/.htaccess", 404),
    (b"/.HTACCESS", 404),
];

#[test]
fn hostile_requests_never_leave_the_destination() {
    let fixture = start("");
    assert!(HOSTILE.len() >= 25);
    for (target, status) in HOSTILE {
        let what = String::from_utf8_lossy(target);
        for method in ["GET", "HEAD"] {
            let reply = http::request(fixture.addr(), method, target);
            assert_safe(&reply, &what);
            assert_eq!(reply.status, *status, "{method} {what}: {}", reply.text());
        }
    }
}

#[test]
fn a_404_uses_the_site_page_and_safe_requests_still_work() {
    let fixture = start("");
    let cases = [
        ("/", 200, "home inside"),
        ("/sub/", 200, "sub inside"),
        ("/sub/deeper/./../index.html", 400, ""),
        ("/inner", 200, "sub inside"),
        ("/nothing-here", 404, "custom not found"),
        ("/up/secret.txt", 404, "custom not found"),
        ("/sub/deeper/", 200, "listed.txt"),
        ("/sub/deeper/leak.txt", 404, "custom not found"),
    ];
    for (target, status, text) in cases {
        let reply = http::get(fixture.addr(), target);
        assert_safe(&reply, target);
        assert_eq!(reply.status, status, "{target}");
        assert!(reply.text().contains(text), "{target}: {}", reply.text());
        assert!(
            !reply.text().contains("leak.txt"),
            "a listing names a link out"
        );
    }
}

#[test]
fn baseurl_mount_is_as_safe() {
    let fixture = start("/base");
    let cases: &[(&str, u16)] = &[
        ("/base/", 200),
        ("/base/../secret.txt", 400),
        ("/base/%2e%2e/secret.txt", 400),
        ("/base/..%2fsecret.txt", 400),
        ("/base/out.txt", 404),
        ("/secret.txt", 404),
        ("/base/up/secret.txt", 404),
    ];
    for (target, status) in cases {
        let reply = http::get(fixture.addr(), target);
        assert_safe(&reply, target);
        assert_eq!(reply.status, *status, "{target}");
    }
    let root = http::get(fixture.addr(), "/");
    assert_eq!(
        (root.status, root.header("Location")),
        (301, Some("/base/"))
    );
}

#[test]
fn odd_methods_and_huge_targets_are_refused() {
    let fixture = start("");
    let long = format!("/{}", "../".repeat(3000));
    let cases: &[(&str, &[u8], &[u16])] = &[
        ("POST", b"/index.html", &[405]),
        ("PUT", b"/secret.txt", &[405]),
        ("DELETE", b"/index.html", &[405]),
        ("OPTIONS", b"*", &[405]),
        ("GET", long.as_bytes(), &[400, 414, 431]),
    ];
    for (method, target, statuses) in cases {
        let reply = http::request(fixture.addr(), method, target);
        assert_safe(&reply, method);
        assert!(
            statuses.contains(&reply.status),
            "{method}: {}",
            reply.status
        );
    }
    assert!(fixture.addr().ip().is_loopback());
}
