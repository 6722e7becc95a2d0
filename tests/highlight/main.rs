//! Measures how closely hyde's highlighter (syntect mapped onto Rouge's classes) agrees
//! with Rouge 3.30, character by character: for each character of the code, the CSS
//! class hyde gives it against the one Rouge gives it (`""` for bare `Text`).
//!
//! Data: `rouge-examples/` holds Jekyll 4.3.1's own output for fenced blocks (copied
//! from the shared conformance suite); `samples/` holds code in more languages with
//! Rouge's token HTML, made by `samples/make_rouge.rb`, which the scope mapping was
//! tuned on; `heldout/` holds more code, made the same way, that it was not tuned on.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use hyde::converter::highlight::SyntectRouge;
use hyde::converter::markdown::Highlighter;

/// Agreement floors (percent of characters), set at the measured figures.
const EXAMPLES_FLOOR: f64 = 99.6;
const SAMPLES_FLOOR: f64 = 99.0;
const HELDOUT_FLOOR: f64 = 99.7;

fn data(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/highlight")
        .join(dir)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The per-character classes of Rouge-style token HTML (`<span class="x">…</span>`
/// and bare escaped text), and the plain text.
fn classes(html: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut classes = Vec::new();
    let mut class = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<span class=\"") {
            let end = after.find("\">").expect("span class ends");
            class = after[..end].to_string();
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("</span>") {
            class.clear();
            rest = after;
        } else {
            let (c, len) = unescape(rest);
            text.push(c);
            classes.push(class.clone());
            rest = &rest[len..];
        }
    }
    (text, classes)
}

fn unescape(s: &str) -> (char, usize) {
    for (entity, c) in [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
    ] {
        if s.starts_with(entity) {
            return (c, entity.len());
        }
    }
    let c = s.chars().next().expect("non-empty");
    (c, c.len_utf8())
}

/// (agreeing characters, all characters) of hyde's highlighting of `code` against
/// Rouge's token HTML.
fn agreement(code: &str, lang: &str, rouge: &str) -> (usize, usize) {
    let hyde = SyntectRouge.highlight(code, lang);
    let (hyde_text, hyde_classes) = classes(&hyde);
    let (rouge_text, rouge_classes) = classes(rouge);
    assert_eq!(hyde_text, code, "{lang}: hyde's HTML loses text");
    assert_eq!(
        rouge_text, code,
        "{lang}: Rouge data does not match its source"
    );
    let agree = hyde_classes
        .iter()
        .zip(&rouge_classes)
        .filter(|(a, b)| a == b)
        .count();
    (agree, rouge_classes.len())
}

/// The token HTML inside a fenced block's `<pre class="highlight"><code>` wrapper.
fn fenced_tokens(html: &str) -> &str {
    let start = html.find("<code>").expect("code start") + "<code>".len();
    let end = html.rfind("</code></pre>").expect("code end");
    &html[start..end]
}

/// Per-language (agree, total) over Jekyll's fenced-block examples.
fn examples() -> BTreeMap<String, (usize, usize)> {
    let sources = [
        ("bash", "shell"),
        ("console", "console"),
        ("html", "html"),
        ("javascript", "js"),
        ("js", "js"),
        ("python", "python"),
        ("ruby", "ruby"),
        ("shell", "shell"),
    ];
    let dir = data("rouge-examples");
    sources
        .iter()
        .map(|(tag, src)| {
            let code = read(&dir.join(format!("src/{src}.txt")));
            let html = read(&dir.join(format!("{tag}.fenced.html")));
            (tag.to_string(), agreement(&code, tag, fenced_tokens(&html)))
        })
        .collect()
}

/// Per-language (agree, total) over the `.txt` files of a data directory.
fn samples(dir: &str) -> BTreeMap<String, (usize, usize)> {
    let dir = data(dir);
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("samples dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let lang = path.file_stem().and_then(|s| s.to_str()).expect("name");
            let rouge = read(&path.with_extension("html"));
            (lang.to_string(), agreement(&read(path), lang, &rouge))
        })
        .collect()
}

fn percent((agree, total): (usize, usize)) -> f64 {
    100.0 * agree as f64 / total.max(1) as f64
}

fn report(label: &str, results: &BTreeMap<String, (usize, usize)>) -> f64 {
    for (lang, counts) in results {
        println!(
            "  {lang:<12} {:5.1}% ({}/{})",
            percent(*counts),
            counts.0,
            counts.1
        );
    }
    let total = results
        .values()
        .fold((0, 0), |(a, t), (x, y)| (a + x, t + y));
    let pct = percent(total);
    println!(
        "{label}: {pct:.1}% agreement ({}/{} characters)",
        total.0, total.1
    );
    pct
}

#[test]
fn rouge_examples_agreement() {
    let pct = report("rouge-classes", &examples());
    assert!(
        pct >= EXAMPLES_FLOOR,
        "agreement {pct:.1}% below {EXAMPLES_FLOOR}%"
    );
}

#[test]
fn rouge_samples_agreement() {
    let pct = report("rouge-samples", &samples("samples"));
    assert!(
        pct >= SAMPLES_FLOOR,
        "agreement {pct:.1}% below {SAMPLES_FLOOR}%"
    );
}

#[test]
fn rouge_heldout_agreement() {
    let pct = report("rouge-heldout", &samples("heldout"));
    assert!(
        pct >= HELDOUT_FLOOR,
        "agreement {pct:.1}% below {HELDOUT_FLOOR}%"
    );
}

/// Every class hyde emits is one of Rouge's token classes.
#[test]
fn classes_are_rouge_classes() {
    let tsv = read(&data("rouge-examples/token-classes.tsv"));
    let known: Vec<&str> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    let dir = data("samples");
    for entry in fs::read_dir(&dir).expect("samples dir").flatten() {
        let path = entry.path();
        let (Some("txt"), Some(lang)) = (
            path.extension().and_then(|x| x.to_str()),
            path.file_stem().and_then(|x| x.to_str()),
        ) else {
            continue;
        };
        let (_, classes) = classes(&SyntectRouge.highlight(&read(&path), lang));
        for class in classes.iter().filter(|c| !c.is_empty()) {
            assert!(
                known.contains(&class.as_str()),
                "{lang}: unknown class {class}"
            );
        }
    }
}

/// Prints where hyde and Rouge disagree on one sample, for tuning:
/// `HL_SAMPLE=samples/erlang cargo test --test highlight -- --ignored --nocapture`.
#[test]
#[ignore]
fn show_differences() {
    let Ok(sample) = std::env::var("HL_SAMPLE") else {
        return;
    };
    let base = data(&sample);
    let code = read(&base.with_extension("txt"));
    let lang = base.file_name().and_then(|s| s.to_str()).expect("name");
    let (_, hyde) = classes(&SyntectRouge.highlight(&code, lang));
    let (_, rouge) = classes(&read(&base.with_extension("html")));
    for (line_no, (start, line)) in code
        .char_indices()
        .filter(|(i, _)| *i == 0 || code[..*i].ends_with('\n'))
        .map(|(i, _)| (i, code[i..].lines().next().unwrap_or("")))
        .enumerate()
    {
        let first = code[..start].chars().count();
        let span = first..first + line.chars().count();
        if hyde[span.clone()] != rouge[span.clone()] {
            println!("{:>4}: {line}", line_no + 1);
            let show = |classes: &[String]| {
                let mut out = String::new();
                for (c, class) in line.chars().zip(classes) {
                    out.push_str(&format!("{c}:{class} "));
                }
                out
            };
            println!("  hyde  {}", show(&hyde[span.clone()]));
            println!("  rouge {}", show(&rouge[span]));
        }
    }
}
