//! `hyde liquid`: renders a template with the site's data, includes and
//! posts (fixture tests/liquid/cli_site), and reports errors with file and
//! line and a non-zero exit.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/liquid/cli_site");

/// Runs `hyde liquid -s SITE args...` with `stdin` as standard input.
fn hyde_liquid(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hyde"))
        .args(["liquid", "-s", SITE])
        .args(args)
        .current_dir(SITE)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hyde runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("hyde finishes")
}

#[test]
fn renders_site_data_includes_and_page_data() {
    let out = hyde_liquid(&["--data", "page.yml", "menu.liquid"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = "<h1>Playground: Links</h1>\n<ul>\n\
                <li><a href=\"/blog/\">HOME</a></li>\n\n\
                <li><a href=\"/blog/about/\">ABOUT</a></li>\n\n</ul>\n\
                Second post (Mar 4, 2023)\nFirst post (Jan 2, 2023)\n1+2+3\n";
    assert_eq!(stdout, want);
}

#[test]
fn reads_standard_input() {
    let cases = [
        (
            vec![],
            "{{ site.data.menu | map: 'name' | join: ', ' }}",
            "Home, About",
        ),
        (
            vec!["-"],
            "{% render 'label.html' with site.data.menu[1] as label %}",
            // `render` sees only what it is given: no `site`.
            "[About]",
        ),
    ];
    for (args, template, want) in cases {
        let out = hyde_liquid(&args, template);
        assert!(out.status.success(), "{template}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.starts_with(want), "{template}: {stdout}");
    }
}

#[test]
fn errors_name_file_and_line_and_fail() {
    let cases = [
        (
            "x\n{{ 1 | divided_by: 0 }}",
            "Liquid error (line 2): divided by 0 in <stdin>",
        ),
        (
            "{% if x %}",
            "Liquid syntax error (line 1): 'if' tag was never closed in <stdin>",
        ),
        (
            "\n\n{% include broken.html n=1 %}",
            "/_includes/broken.html line 2): divided by 0 included in <stdin> (line 3)",
        ),
        (
            "{% include missing.html %}",
            "Could not locate the included file 'missing.html'",
        ),
    ];
    for (template, want) in cases {
        let out = hyde_liquid(&[], template);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{template} should fail");
        assert!(stderr.contains(want), "{template}: {stderr}");
        assert!(out.stdout.is_empty(), "{template}: nothing on stdout");
    }
}
