//! Builds every fixture site of `tests/fixtures/` with the `hyde` binary and compares the
//! result with the output of the real Jekyll 4.3 recorded in `expected/` (equivalence as in
//! `tools/sitediff.py`), or checks that bad input fails with the expected message.
//!
//! `HYDE_FIXTURE=name[,name…]` runs only the named fixtures. `tests/make_expected.sh`
//! regenerates the expected outputs.

mod common;

use std::path::Path;

use common::fixture;

#[test]
fn fixtures_build_like_jekyll() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let hyde = Path::new(env!("CARGO_BIN_EXE_hyde"));
    let only = std::env::var("HYDE_FIXTURE").ok();
    let fixtures = fixture::discover(&root, only.as_deref()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!fixtures.is_empty(), "no fixtures under {}", root.display());
    let failures: Vec<(String, String)> = fixtures
        .iter()
        .filter_map(|f| f.check(hyde).err().map(|report| (f.name.clone(), report)))
        .collect();
    let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
    let reports: Vec<&str> = failures.iter().map(|(_, r)| r.as_str()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed: {}\n\n{}\n",
        failures.len(),
        fixtures.len(),
        names.join(", "),
        reports.join("\n\n")
    );
}
