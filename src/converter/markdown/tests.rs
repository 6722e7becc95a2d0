//! Table-driven checks of whole conversions against Jekyll's output (from the oracle).

use super::*;

fn check(cases: &[(&str, &str)]) {
    let opts = Options::default();
    for (src, want) in cases {
        assert_eq!(convert(src, &opts), *want, "input: {src:?}");
    }
}

#[test]
fn paragraphs_and_headers() {
    check(&[(
        "# Hello World\n",
        "<h1 id=\"hello-world\">Hello World</h1>\n",
    )]);
}
