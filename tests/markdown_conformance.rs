//! CommonMark 0.31.2 and GFM spec examples (and kramdown's own test inputs) run through
//! `convert`, compared with Jekyll's output after the same normalisation as
//! shared/tools/sitediff.py (tags with sorted attributes, text with whitespace collapsed
//! outside raw elements, references decoded). Data: tests/markdown/ (see its README).
//! `MD_FAILS=DIR` writes the failing cases to DIR. Every failing case must be listed with its
//! reason in `tests/markdown/known_differences.tsv`; listed cases that now pass are printed
//! so that the list can be trimmed.

#[path = "markdown/normalize.rs"]
mod normalize;

use hyde::converter::markdown::{Options, convert};
use std::collections::{BTreeMap, BTreeSet};

/// A failed example: number, Markdown, Jekyll's HTML, hyde's HTML.
type Failure = (u64, String, String, String);

fn run(path: &str) -> (usize, usize, Vec<Failure>) {
    let data = std::fs::read_to_string(path).unwrap_or_default();
    let cases: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
    let opts = Options::default();
    let mut pass = 0;
    let mut fails = Vec::new();
    let list = cases.as_array().cloned().unwrap_or_default();
    for case in &list {
        let md = case["markdown"].as_str().unwrap_or("");
        let want = case["jekyll_html"].as_str().unwrap_or("");
        let got = convert(md, &opts);
        if normalize::tokens(&got) == normalize::tokens(want) {
            pass += 1;
        } else {
            let n = case["example"].as_u64().unwrap_or(0);
            fails.push((n, md.to_string(), want.to_string(), got));
        }
    }
    (pass, list.len(), fails)
}

/// The committed list of known differences: `(suite, case)` pairs with their reasons.
fn known_differences() -> BTreeMap<(String, String), String> {
    let text = std::fs::read_to_string("tests/markdown/known_differences.tsv").unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.splitn(3, '\t');
            let (suite, case) = (cols.next()?, cols.next()?);
            let reason = cols.next().unwrap_or("").trim();
            Some(((suite.to_string(), case.to_string()), reason.to_string()))
        })
        .collect()
}

/// Compares a suite's failing cases with the list: listed cases that pass are printed, and
/// a failing case that is not listed (or listed without a reason) fails the test.
fn check_listed(suite: &str, failing: &[String]) {
    let known = known_differences();
    let listed: BTreeSet<&String> = known
        .keys()
        .filter(|(s, _)| s == suite)
        .map(|(_, c)| c)
        .collect();
    let failing: BTreeSet<&String> = failing.iter().collect();
    for case in listed.difference(&failing) {
        println!("{suite}: {case} passes now; remove it from known_differences.tsv");
    }
    let unlisted: Vec<&&String> = failing
        .iter()
        .filter(|c| {
            known
                .get(&(suite.to_string(), c.to_string()))
                .is_none_or(String::is_empty)
        })
        .collect();
    for case in &unlisted {
        println!("{suite}: {case} differs from Jekyll and is not listed with a reason");
    }
    assert!(
        unlisted.is_empty(),
        "{suite}: {} differences not in tests/markdown/known_differences.tsv",
        unlisted.len()
    );
}

fn report(name: &str, path: &str, floor: f64) {
    let (pass, total, fails) = run(path);
    let failing: Vec<String> = fails.iter().map(|f| f.0.to_string()).collect();
    let pct = 100.0 * pass as f64 / total.max(1) as f64;
    println!("{name}: {pass}/{total} ({pct:.1}%)");
    if let Ok(dir) = std::env::var("MD_FAILS") {
        let mut out = String::new();
        for (n, md, want, got) in &fails {
            out.push_str(&format!(
                "## example {n}\n--- md\n{md}--- want\n{want}--- got\n{got}\n"
            ));
        }
        let _ = std::fs::write(format!("{dir}/{name}.txt"), out);
    }
    assert!(pct >= floor, "{name}: {pct:.1}% below floor {floor}%");
    check_listed(name, &failing);
}

#[test]
fn commonmark_spec() {
    report("commonmark", "tests/markdown/spec-0.31.2.jekyll.json", 87.8);
}

#[test]
fn gfm_spec() {
    report("gfm", "tests/markdown/gfm-spec.jekyll.json", 88.5);
}

/// The measured share of kramdown-profile outputs that are byte-identical (never lowered).
const EXACT_FLOOR: f64 = 95.0;

/// kramdown's and kramdown-parser-gfm's own test inputs, rendered with Jekyll's options.
#[test]
fn kramdown_profile() {
    let root = std::path::Path::new("tests/markdown/kramdown-jekyll-profile");
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let opts = Options::default();
    let (mut pass, mut exact, mut total) = (0, 0, 0);
    let mut out = String::new();
    let mut inexact = String::new();
    let (mut failing, mut not_exact) = (Vec::new(), Vec::new());
    for text in &files {
        let html = text.with_extension("html");
        let (Ok(md), Ok(want)) = (
            std::fs::read_to_string(text),
            std::fs::read_to_string(&html),
        ) else {
            continue;
        };
        total += 1;
        let got = convert(&md, &opts);
        let case = text
            .strip_prefix(root)
            .unwrap_or(text)
            .display()
            .to_string();
        if got == want {
            exact += 1;
        }
        if normalize::tokens(&got) == normalize::tokens(&want) {
            pass += 1;
            if got != want {
                not_exact.push(case.clone());
                inexact.push_str(&format!(
                    "## {}\n--- want\n{want}--- got\n{got}\n",
                    text.display()
                ));
            }
        } else {
            failing.push(case);
            out.push_str(&format!(
                "## {}\n--- want\n{want}--- got\n{got}\n",
                text.display()
            ));
        }
    }
    if let Ok(dir) = std::env::var("MD_FAILS") {
        let _ = std::fs::write(format!("{dir}/kramdown.txt"), out);
        let _ = std::fs::write(format!("{dir}/kramdown-inexact.txt"), inexact);
    }
    let pct = 100.0 * pass as f64 / total.max(1) as f64;
    let exact_pct = 100.0 * exact as f64 / total.max(1) as f64;
    println!(
        "kramdown-profile: {exact}/{total} exact ({exact_pct:.1}%), {pass}/{total} equivalent ({pct:.1}%)"
    );
    assert!(pct >= 95.0, "kramdown-profile: {pct:.1}% below floor 95.0%");
    assert!(
        exact_pct >= EXACT_FLOOR,
        "kramdown-profile: {exact_pct:.1}% exact, below floor {EXACT_FLOOR}%"
    );
    check_listed("kramdown", &failing);
    check_listed("kramdown-exact", &not_exact);
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "text") {
            out.push(path);
        }
    }
}
