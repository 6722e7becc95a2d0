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
        assert!(stderr.contains("cannot be or contain the Source"), "{stderr}");
        assert!(dir.path().join("src/keep.txt").exists(), "nothing deleted");
    }
}

#[test]
fn builds_then_cleans_only_the_destination() {
    let dir = site();
    let out = hyde(&["build", "-q", "-s", "src", "-d", "out"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(html.contains("<h1 id=\"hi\">Hi</h1>"), "{html}");
    let out = hyde(&["clean", "-s", "src", "-d", "out"], dir.path());
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Cleaner: Removing"));
    assert!(!dir.path().join("out").exists());
    assert!(dir.path().join("src/keep.txt").exists());
    let out = hyde(&["clean", "-s", "src", "-d", "src"], dir.path());
    assert!(!out.status.success(), "clean refuses the source as destination");
    assert!(dir.path().join("src/index.md").exists());
}

#[test]
fn a_missing_config_file_is_an_error() {
    let dir = site();
    let out = hyde(&["build", "-s", "src", "--config", "nope.yml"], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.yml"));
}
