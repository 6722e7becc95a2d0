//! The command line as Jekyll users meet it: `--version`, `clean`, and the
//! destinations hyde refuses (one that is, or contains, the source).

use std::path::Path;
use std::process::{Command, Output};

fn hyde(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("TZ", "UTC")
        .output()
        .expect("run hyde")
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("index.md"), "---\ntitle: x\n---\n# Hi\n").unwrap();
    std::fs::write(src.join("keep.txt"), "precious").unwrap();
    dir
}

#[test]
fn prints_its_version() {
    let out = hyde(&["--version"], Path::new("."));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("hyde "));
}

#[test]
fn refuses_a_destination_that_is_or_contains_the_source() {
    let dir = site();
    let cases = [("src", "src"), ("src", "."), ("src/", "src/.")];
    for (source, dest) in cases {
        let out = hyde(&["build", "-q", "-s", source, "-d", dest], dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{source} -> {dest}");
        assert!(
            stderr.contains("cannot be or contain the Source"),
            "{stderr}"
        );
        assert!(dir.path().join("src/keep.txt").exists(), "nothing deleted");
    }
}

#[test]
fn builds_then_cleans_only_the_destination() {
    let dir = site();
    let out = hyde(&["build", "-q", "-s", "src", "-d", "out"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(html.contains("<h1 id=\"hi\">Hi</h1>"), "{html}");
    let out = hyde(&["clean", "-s", "src", "-d", "out"], dir.path());
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Cleaner: Removing"));
    assert!(!dir.path().join("out").exists());
    assert!(dir.path().join("src/keep.txt").exists());
    let out = hyde(&["clean", "-s", "src", "-d", "src"], dir.path());
    assert!(
        !out.status.success(),
        "clean refuses the source as destination"
    );
    assert!(dir.path().join("src/index.md").exists());
}

#[test]
fn a_missing_config_file_is_an_error() {
    let dir = site();
    let out = hyde(&["build", "-s", "src", "--config", "nope.yml"], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.yml"));
}

#[test]
fn new_makes_a_site_that_builds_and_refuses_a_busy_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = hyde(&["new", "blog"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.path()
            .join("blog/_posts/2023-11-14-welcome-to-hyde.md")
            .exists()
    );
    let out = hyde(&["new", "blog"], dir.path());
    assert!(!out.status.success(), "a non-empty directory needs --force");
    let out = hyde(&["build", "-q", "-s", "blog", "-d", "out"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "index.html",
        "about/index.html",
        "404.html",
        "2023/11/14/welcome-to-hyde.html",
    ] {
        assert!(dir.path().join("out").join(file).exists(), "{file}");
    }
    let index = std::fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(index.contains("Welcome to hyde!"), "the post is listed");
}

#[test]
fn doctor_reports_shared_destinations() {
    let dir = site();
    std::fs::write(
        dir.path().join("src/_config.yml"),
        "url: https://example.org\n",
    )
    .unwrap();
    let out = hyde(&["doctor", "-s", "src"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(dir.path().join("src/index.html"), "---\n---\nclash\n").unwrap();
    let out = hyde(&["doctor", "-s", "src"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("The following destination is shared by multiple files."),
        "{stderr}"
    );
}

#[test]
fn markdown_uses_the_sites_kramdown_settings() {
    let dir = site();
    std::fs::write(dir.path().join("doc.md"), "# Title\n\nIt's *fine*.\n").unwrap();
    let out = hyde(&["markdown", "-s", "src", "doc.md"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(html.contains("<h1 id=\"title\">Title</h1>"), "{html}");
    assert!(html.contains("<p>It’s <em>fine</em>.</p>"), "{html}");
    std::fs::write(
        dir.path().join("src/_config.yml"),
        "kramdown:\n  auto_ids: false\n",
    )
    .unwrap();
    let out = hyde(&["markdown", "-s", "src", "doc.md"], dir.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("<h1>Title</h1>"));
}

/// Polls `check` for up to five seconds.
fn eventually(check: impl Fn() -> bool) -> bool {
    (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        check()
    })
}

#[test]
fn build_watch_rebuilds_after_an_edit() {
    let dir = site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(["build", "--watch", "-q", "-s", "src", "-d", "out"])
        .current_dir(dir.path())
        .spawn()
        .expect("run hyde");
    let page = dir.path().join("out/index.html");
    let read = || std::fs::read_to_string(&page).unwrap_or_default();
    let first = eventually(|| read().contains("Hi"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(
        dir.path().join("src/index.md"),
        "---\ntitle: x\n---\n# Edited\n",
    )
    .unwrap();
    let rebuilt = eventually(|| read().contains("Edited"));
    child.kill().ok();
    child.wait().ok();
    assert!(first, "the first build wrote the page");
    assert!(rebuilt, "the edit was rebuilt: {}", read());
}
