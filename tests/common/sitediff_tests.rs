//! Unit tests of the sitediff port: verdicts on pairs of files, as `tools/sitediff.py`
//! (Python 3.11) gives them, and the report it prints.

use std::fs;
use std::path::Path;

use super::{Comparison, compare, normalize};

#[derive(Debug, PartialEq, Clone, Copy)]
enum Verdict {
    Identical,
    Equivalent,
    Different,
    Missing,
    Extra,
}
use Verdict::*;

/// (file name, reference content, candidate content, sitediff.py's verdict).
const PAIRS: &[(&str, &str, &str, Verdict)] = &[
    ("same.html", "<p>x</p>", "<p>x</p>", Identical),
    ("ws.html", "<p>a  b\n c</p>\n", "<p>a b c</p>", Equivalent),
    (
        "attrs.html",
        "<a href=\"x\" class=\"y\">t</a>",
        "<a class='y'  href=x>t</a>",
        Equivalent,
    ),
    (
        "attr-ws.html",
        "<a title=\"a  b\">t</a>",
        "<a title=\"a b\">t</a>",
        Equivalent,
    ),
    (
        "charref.html",
        "<p>&amp; &#169; &copy;</p>",
        "<p>&#38; © ©</p>",
        Equivalent,
    ),
    ("pre.html", "<pre>a  b</pre>", "<pre>a b</pre>", Different),
    (
        "code.html",
        "<p><code> x </code></p>",
        "<p><code>x</code></p>",
        Different,
    ),
    (
        "script.html",
        "<script>a  =  1</script>",
        "<script>a = 1</script>",
        Different,
    ),
    (
        "void.html",
        "<br><img src=a>",
        "<br/><img src=\"a\" />",
        Equivalent,
    ),
    ("startend.html", "<div/>", "<div></div>", Equivalent),
    (
        "comment.html",
        "<!--  a\n b -->x",
        "<!-- a b -->x",
        Equivalent,
    ),
    ("comment-diff.html", "<!-- a -->x", "<!-- b -->x", Different),
    (
        "doctype.html",
        "<!DOCTYPE html><p>x</p>",
        "<!doctype HTML>\n<p>x</p>",
        Equivalent,
    ),
    ("tag-case.html", "<P>x</P>", "<p>x</p>", Equivalent),
    ("text-diff.html", "<p>a</p>", "<p>b</p>", Different),
    ("nbsp.html", "<p>a b</p>", "<p>a b</p>", Equivalent),
    (
        "entity-pre.html",
        "<pre>&lt;b&gt;</pre>",
        "<pre><b></pre>",
        Different,
    ),
    (
        "xml.xml",
        "<?xml version=\"1.0\"?>\n<feed>\n  <id>1</id>\n</feed>\n",
        "<?xml version=\"1.0\"?><feed><id>1</id></feed>",
        Equivalent,
    ),
    (
        "style.css",
        "/* c */\nbody {\n  margin: 0;\n}\n",
        "body{margin:0}",
        Equivalent,
    ),
    (
        "style2.css",
        "a > b , c { x : y }",
        "a>b,c{x:y;}",
        Equivalent,
    ),
    (
        "style3.css",
        "a { color: red }",
        "a { color: blue }",
        Different,
    ),
    (
        "data.json",
        "{\"b\": 1, \"a\": [1, 2]}",
        "{\"a\":[1,2],\"b\":1}",
        Equivalent,
    ),
    ("float.json", "{\"a\": 1}", "{\"a\": 1.0}", Different),
    ("bad.json", "{\"a\": 1", "{\"a\":1", Different),
    (
        "main.css.map",
        "{\"version\":3,\"file\":\"main.css\",\"sources\":[\"main.scss\",\"_sass/_x.scss\"],\"mappings\":\"AAAA\"}",
        "{\"version\":3,\"file\":\"main.css\",\"sources\":[\"_x.scss\",\"main.scss\"],\"mappings\":\"BBBB;CC\"}",
        Equivalent,
    ),
    ("notes.txt", "a  \r\nb\n\n", "a\nb", Equivalent),
    ("notes2.txt", "a b", "a  b", Different),
    ("plain.md", "# T\n", "# T", Equivalent),
];

fn verdict_of(c: &Comparison, rel: &str) -> Option<Verdict> {
    let lists = [
        (&c.identical, Identical),
        (&c.equivalent, Equivalent),
        (&c.different, Different),
        (&c.missing, Missing),
        (&c.extra, Extra),
    ];
    lists
        .iter()
        .find(|(l, _)| l.iter().any(|r| r == rel))
        .map(|(_, v)| *v)
}

fn write(dir: &Path, rel: &str, data: &[u8]) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    fs::write(path, data).expect("write");
}

#[test]
fn verdicts_match_sitediff_py() {
    let (reference, candidate) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    for (name, a, b, _) in PAIRS {
        write(reference.path(), name, a.as_bytes());
        write(candidate.path(), name, b.as_bytes());
    }
    write(reference.path(), "bin.png", b"\x89PNG\x00\xff");
    write(candidate.path(), "bin.png", b"\x89PNG\x00\xfe");
    write(reference.path(), "sub/gone.txt", b"x");
    write(candidate.path(), "sub/new.txt", b"x");
    let c = compare(reference.path(), candidate.path()).expect("compare");
    for (name, _, _, want) in PAIRS {
        assert_eq!(verdict_of(&c, name), Some(*want), "{name}");
    }
    assert_eq!(verdict_of(&c, "bin.png"), Some(Different));
    assert_eq!(verdict_of(&c, "sub/gone.txt"), Some(Missing));
    assert_eq!(verdict_of(&c, "sub/new.txt"), Some(Extra));
    assert_eq!(
        c.diffs["bin.png"],
        ["binary or undecodable content differs"]
    );
    assert!(!c.is_match());
}

/// The diffs sitediff.py prints for two of the pairs.
#[test]
fn diffs_match_sitediff_py() {
    let (reference, candidate) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    write(reference.path(), "text-diff.html", b"<p>a</p>");
    write(candidate.path(), "text-diff.html", b"<p>b</p>");
    write(reference.path(), "style3.css", b"a { color: red }");
    write(candidate.path(), "style3.css", b"a { color: blue }");
    let c = compare(reference.path(), candidate.path()).expect("compare");
    let html = [
        "--- reference/text-diff.html",
        "+++ candidate/text-diff.html",
        "@@ -1,3 +1,3 @@",
        " <p>",
        "-T a",
        "+T b",
        " </p>",
    ];
    let css = [
        "--- reference/style3.css",
        "+++ candidate/style3.css",
        "@@ -1,2 +1,2 @@",
        "-a{color:red",
        "+a{color:blue",
        " ",
    ];
    assert_eq!(c.diffs["text-diff.html"], html);
    assert_eq!(c.diffs["style3.css"], css);
    assert!(
        c.report().starts_with(
            "different  style3.css\ndifferent  text-diff.html\n--- reference/style3.css"
        )
    );
}

#[test]
fn identical_trees_match() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a/b.html", b"<p>x</p>");
    let c = compare(dir.path(), dir.path()).expect("compare");
    assert!(c.is_match());
    assert_eq!(c.identical, ["a/b.html"]);
}

/// Normalized forms printed by sitediff.py's `normalize`.
#[test]
fn normalize_matches_sitediff_py() {
    let cases: &[(&str, &str, Option<&[&str]>)] = &[
        (
            "a.html",
            "<!DOCTYPE html><p class=\"b  a\" id=x>Hi &amp; <br/>bye</p>",
            Some(&[
                "D doctype html",
                "<p class=\"b a\" id=\"x\">",
                "T Hi &",
                "<br>",
                "T bye",
                "</p>",
            ]),
        ),
        (
            "a.html",
            "<pre> x </pre><script>a<b</script>",
            Some(&["<pre>", "T  x ", "</pre>", "<script>", "T a<b", "</script>"]),
        ),
        (
            "a.xml",
            "<?xml version=\"1.0\"?><!-- c --><r/>",
            Some(&["P xml version=\"1.0\"?", "C c", "<r>", "</r>"]),
        ),
        (
            "a.css",
            "a { b : c ; } /* x */ d{e:f}",
            Some(&["a{b:c", "d{e:f", ""]),
        ),
        (
            "a.json",
            "[1, {\"b\": 2, \"a\": null}]",
            Some(&["[", " 1,", " {", "  \"a\": null,", "  \"b\": 2", " }", "]"]),
        ),
        (
            "a.map",
            "{\"version\": 3, \"sources\": [\"x/y.scss\"]}",
            Some(&["version 3", "file None", "y.scss"]),
        ),
        ("a.map", "[]", None),
        (".htaccess", "  a  \n\n b \n", Some(&["a", "", " b"])),
        ("a.txt", "", Some(&[])),
    ];
    for (path, text, want) in cases {
        let got = normalize(path, text.as_bytes());
        let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(got, want, "normalize({path:?}, {text:?})");
    }
    assert_eq!(normalize("a.html", b"\xff"), None);
}
