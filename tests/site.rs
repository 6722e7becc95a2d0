//! The repository's own site (its root `_config.yml`, `_layouts/`, `pages/`…)
//! built with hyde must equal the real Jekyll 4.3's build of it, recorded in
//! `tests/site/expected` by `tests/make_expected.sh`.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn repository_site_builds_like_jekyll() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dest = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(["build", "--quiet", "-s"])
        .arg(root)
        .arg("-d")
        .arg(dest.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("TZ", "UTC")
        .env_remove("JEKYLL_ENV")
        .output()
        .expect("run hyde");
    assert!(
        output.status.success(),
        "hyde build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let comparison = common::sitediff::compare(&root.join("tests/site/expected"), dest.path())
        .expect("compare trees");
    assert!(comparison.is_match(), "{}", comparison.report());
}
