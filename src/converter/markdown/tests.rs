//! Table-driven checks of whole conversions; every expected string is Jekyll 4.3's output
//! (shared/tools/oracle/make_oracle.rb). Whitespace between tags may differ, as the site
//! comparer allows; everything else must match.

use super::*;

/// Collapses whitespace runs (kramdown's blank lines and indentation) outside `<pre>`.
fn squash(html: &str) -> String {
    let mut out = String::new();
    let mut in_pre = false;
    let mut space = false;
    for (i, c) in html.char_indices() {
        if html[i..].starts_with("<pre") {
            in_pre = true;
        } else if html[i..].starts_with("</pre>") {
            in_pre = false;
        }
        if c.is_whitespace() && !in_pre {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with('>') && c != '<' {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

pub(super) fn check(cases: &[(&str, &str)]) {
    let opts = Options::default();
    for (src, want) in cases {
        let got = convert(src, &opts);
        assert_eq!(squash(&got), squash(want), "input: {src:?}\ngot:\n{got}");
    }
}

#[test]
fn headers() {
    check(&[
        (
            "# Hello World\n",
            "<h1 id=\"hello-world\">Hello World</h1>\n",
        ),
        (
            "Setext\n======\n\nSub\n---\n",
            "<h1 id=\"setext\">Setext</h1>\n\n<h2 id=\"sub\">Sub</h2>\n",
        ),
        (
            "## Hello, *World*! `code` & <b>x</b> It's 2--3 café 日本\n",
            "<h2 id=\"hello-world-code--x-its-23-café-日本\">Hello, <em>World</em>! <code class=\"language-plaintext highlighter-rouge\">code</code> &amp; <b>x</b> It’s 2–3 café 日本</h2>\n",
        ),
        (
            "# Dup\n\n# Dup\n\n# Dup\n",
            "<h1 id=\"dup\">Dup</h1>\n\n<h1 id=\"dup-1\">Dup</h1>\n\n<h1 id=\"dup-2\">Dup</h1>\n",
        ),
        ("### !!!\n", "<h3>!!!</h3>\n"),
        ("# Title {#custom}\n", "<h1 id=\"custom\">Title</h1>\n"),
        (
            "A paragraph\nwith two lines.\n\nAnother one.\n",
            "<p>A paragraph\nwith two lines.</p>\n\n<p>Another one.</p>\n",
        ),
    ]);
}

#[test]
fn spans() {
    check(&[
        (
            "Some *emph* and **strong** and ***both*** and _u_ __uu__.\n",
            "<p>Some <em>emph</em> and <strong>strong</strong> and <strong><em>both</em></strong> and <em>u</em> <strong>uu</strong>.</p>\n",
        ),
        (
            "A [link](http://x.com \"T\") and [ref][r] and [r].\n\n[r]: /url \"title\"\n",
            "<p>A <a href=\"http://x.com\" title=\"T\">link</a> and <a href=\"/url\" title=\"title\">ref</a> and <a href=\"/url\" title=\"title\">r</a>.</p>\n\n",
        ),
        (
            "![alt *x*](/a.png \"T\") and ![plain](b.jpg)\n",
            "<p><img src=\"/a.png\" alt=\"alt *x*\" title=\"T\" /> and <img src=\"b.jpg\" alt=\"plain\" /></p>\n",
        ),
        (
            "Inline `code <b>` and ``a ` b``.\n",
            "<p>Inline <code class=\"language-plaintext highlighter-rouge\">code &lt;b&gt;</code> and <code class=\"language-plaintext highlighter-rouge\">a ` b</code>.</p>\n",
        ),
        (
            "Auto <http://a.com> and <foo@bar.com> but not <irc://x>.\n",
            "<p>Auto <a href=\"http://a.com\">http://a.com</a> and <a href=\"mailto:foo@bar.com\">foo@bar.com</a> but not &lt;irc://x&gt;.</p>\n",
        ),
        ("a  \nb\\\nc\n", "<p>a<br />\nb<br />\nc</p>\n"),
        ("***\n\n---\n", "<hr />\n\n<hr />\n"),
        ("~~del~~ text\n", "<p><del>del</del> text</p>\n"),
        (
            "Escapes: \\* \\_ \\` \\# \\% \\&\n",
            "<p>Escapes: * _ ` # \\% \\&amp;</p>\n",
        ),
        (
            "[![img](a.png)](http://x)\n",
            "<p><a href=\"http://x\"><img src=\"a.png\" alt=\"img\" /></a></p>\n",
        ),
        (
            "text &copy; &amp; &foo; &#65; &Dcaron; 1 < 2 > 3 ok\n",
            "<p>text © &amp; &amp;foo; A &amp;Dcaron; 1 &lt; 2 &gt; 3 ok</p>\n",
        ),
    ]);
}

#[test]
fn lists() {
    check(&[
        ("* a\n* b\n", "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"),
        (
            "* a\n\n* b\n",
            "<ul>\n  <li>\n    <p>a</p>\n  </li>\n  <li>\n    <p>b</p>\n  </li>\n</ul>\n",
        ),
        (
            "* a\n* b\n\n* c\n",
            "<ul>\n  <li>a</li>\n  <li>\n    <p>b</p>\n  </li>\n  <li>c</li>\n</ul>\n",
        ),
        ("1. x\n2. y\n", "<ol>\n  <li>x</li>\n  <li>y</li>\n</ol>\n"),
        ("3. x\n4. y\n", "<ol>\n  <li>x</li>\n  <li>y</li>\n</ol>\n"),
        (
            "* a\n  * b\n  * c\n* d\n",
            "<ul>\n  <li>a\n    <ul>\n      <li>b</li>\n      <li>c</li>\n    </ul>\n  </li>\n  <li>d</li>\n</ul>\n",
        ),
        (
            "- a\n\n  para\n- b\n",
            "<ul>\n  <li>\n    <p>a</p>\n\n    <p>para</p>\n  </li>\n  <li>\n    <p>b</p>\n  </li>\n</ul>\n",
        ),
        (
            "1. a\n   ```\n   code\n   ```\n2. b\n",
            "<ol>\n  <li>a\n    <div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>code\n</code></pre></div>    </div>\n  </li>\n  <li>b</li>\n</ol>\n",
        ),
        (
            "* a\n- b\n+ c\n",
            "<ul>\n  <li>a</li>\n  <li>b</li>\n  <li>c</li>\n</ul>\n",
        ),
        (
            "- [ ] todo\n- [x] done\n",
            "<ul class=\"task-list\">\n  <li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" />todo</li>\n  <li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" checked=\"checked\" />done</li>\n</ul>\n",
        ),
        (
            "* plain\n* [ ] task\n* other\n",
            "<ul class=\"task-list\">\n  <li>plain</li>\n  <li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" />task</li>\n  <li class=\"task-list-item\">other</li>\n</ul>\n",
        ),
        (
            "* a\n\n  > q\n* b\n",
            "<ul>\n  <li>\n    <p>a</p>\n\n    <blockquote>\n      <p>q</p>\n    </blockquote>\n  </li>\n  <li>\n    <p>b</p>\n  </li>\n</ul>\n",
        ),
    ]);
}

#[test]
fn code() {
    check(&[
        (
            "```\nplain < text\n```\n",
            "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>plain &lt; text\n</code></pre></div></div>\n",
        ),
        (
            "    indented\n    code\n",
            "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>indented\ncode\n</code></pre></div></div>\n",
        ),
        (
            "```foobar\nx & y\n```\n",
            "<pre><code class=\"language-foobar\">x &amp; y\n</code></pre>\n",
        ),
        (
            "```text\nx\n```\n",
            "<div class=\"language-text highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>x\n</code></pre></div></div>\n",
        ),
        (
            "  ```text\n  two\n   three\n  ```\n",
            "<div class=\"language-text highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>  two\n   three\n</code></pre></div></div>\n",
        ),
    ]);
}

#[test]
fn blocks() {
    check(&[
        (
            "> quote\n> more\n\n> a\n>\n> b\n",
            "<blockquote>\n  <p>quote\nmore</p>\n</blockquote>\n\n<blockquote>\n  <p>a</p>\n\n  <p>b</p>\n</blockquote>\n",
        ),
        (
            "> # h\n> * l\n",
            "<blockquote>\n  <h1 id=\"h\">h</h1>\n  <ul>\n    <li>l</li>\n  </ul>\n</blockquote>\n",
        ),
        (
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| 4 |\n",
            "<table>\n  <thead>\n    <tr>\n      <th style=\"text-align: left\">a</th>\n      <th style=\"text-align: center\">b</th>\n      <th style=\"text-align: right\">c</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td style=\"text-align: left\">1</td>\n      <td style=\"text-align: center\">2</td>\n      <td style=\"text-align: right\">3</td>\n    </tr>\n    <tr>\n      <td style=\"text-align: left\">4</td>\n      <td style=\"text-align: center\"> </td>\n      <td style=\"text-align: right\"> </td>\n    </tr>\n  </tbody>\n</table>\n",
        ),
        (
            "| a | b |\n|---|---|\n| `x` | *y* |\n",
            "<table>\n  <thead>\n    <tr>\n      <th>a</th>\n      <th>b</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td><code class=\"language-plaintext highlighter-rouge\">x</code></td>\n      <td><em>y</em></td>\n    </tr>\n  </tbody>\n</table>\n",
        ),
        (
            "term\n: definition\n",
            "<dl>\n  <dt>term</dt>\n  <dd>definition</dd>\n</dl>\n",
        ),
    ]);
}

#[test]
fn html() {
    check(&[
        (
            "<center> <h1>Title</h1> </center>\n",
            "<center> <h1>Title</h1> </center>\n",
        ),
        (
            "<p align=\"justify\">text *a* it's</p>\n",
            "<p align=\"justify\">text *a* it's</p>\n",
        ),
        (
            "<div>\n*a*\n\n<b>x</b>\n</div>\n",
            "<div>\n*a*\n\n<b>x</b>\n</div>\n",
        ),
        ("line\n<br/>\nnext\n", "<p>line\n<br />\nnext</p>\n"),
        ("<br/>\n", "<p><br /></p>\n"),
        (
            "a <span class=\"x\">*b*</span> <a href=\"x\">y</a><br/>c<img src=\"a.png\"/>\n",
            "<p>a <span class=\"x\"><em>b</em></span> <a href=\"x\">y</a><br />c<img src=\"a.png\" /></p>\n",
        ),
        (
            "<!-- comment -->\n\ntext <!-- c --> x\n",
            "<!-- comment -->\n\n<p>text <!-- c --> x</p>\n",
        ),
        (
            "<table>\n<tr><td>x</td></tr>\n</table>\n",
            "<table>\n<tr><td>x</td></tr>\n</table>\n",
        ),
        ("<div>\nfoo\n\nbar\n</div>\n", "<div>\nfoo\n\nbar\n</div>\n"),
        (
            "<DIV class=x>\na < b &amp; c\n</DIV>\n",
            "<div class=\"x\">\na &lt; b &amp; c\n</div>\n",
        ),
        (
            "<div>x</div> tail\n\npara\n",
            "<div>x</div>\n<p>tail</p>\n\n<p>para</p>\n",
        ),
        (
            "<script>\nvar a = 1 < 2;\n</script>\n",
            "<script>\nvar a = 1 < 2;\n</script>\n\n",
        ),
        (
            "Hello <kbd>Ctrl</kbd>+<kbd>C</kbd>\n",
            "<p>Hello <kbd>Ctrl</kbd>+<kbd>C</kbd></p>\n",
        ),
        (
            "Open <a href=\"x\">link\nto end\n",
            "<p>Open <a href=\"x\">link\nto end</a></p>\n",
        ),
        ("Stray </span> end\n", "<p>Stray &lt;/span&gt; end</p>\n"),
        (
            "<div class=\"note\" markdown=\"1\">\n*md*\n</div>\n",
            "<div class=\"note\">\n  <p><em>md</em></p>\n</div>\n",
        ),
        (
            "<details>\n<summary>Sum</summary>\n\nBody *x*\n\n</details>\n",
            "<details>\n<summary>Sum</summary>\n\nBody *x*\n\n</details>\n",
        ),
    ]);
}

#[test]
fn typography() {
    check(&[
        (
            "It's \"quoted\" -- and --- and ... <<a b>> don't 'single' \"double\"\n",
            "<p>It’s “quoted” – and — and … «a b» don’t ‘single’ “double”</p>\n",
        ),
        (
            "'90s rock'n'roll \"*emph*\" 5' 10\"\n",
            "<p>’90s rock’n’roll “<em>emph</em>” 5’ 10”</p>\n",
        ),
        (
            "\"Hello,\" she said. 'Yes.'\n",
            "<p>“Hello,” she said. ‘Yes.’</p>\n",
        ),
        (
            "A \\\"literal\\\" &quot;quote&quot;\n",
            "<p>A \"literal\" \"quote\"</p>\n",
        ),
        ("<< x >> and 1...2\n", "<p>« x » and 1…2</p>\n"),
    ]);
}

#[test]
fn footnotes_ial() {
    check(&[
        (
            "Foo[^1] bar[^n].\n\n[^1]: Note *one*.\n[^n]: Two\n\n    para2\n",
            "<p>Foo<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup> bar<sup id=\"fnref:n\" role=\"doc-noteref\"><a href=\"#fn:n\" class=\"footnote\" rel=\"footnote\">2</a></sup>.</p>\n\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:1\" role=\"doc-endnote\">\n      <p>Note <em>one</em>. <a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n    <li id=\"fn:n\" role=\"doc-endnote\">\n      <p>Two</p>\n\n      <p>para2 <a href=\"#fnref:n\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n",
        ),
        (
            "Twice[^a] and again[^a].\n\n[^a]: Note.\n",
            "<p>Twice<sup id=\"fnref:a\" role=\"doc-noteref\"><a href=\"#fn:a\" class=\"footnote\" rel=\"footnote\">1</a></sup> and again<sup id=\"fnref:a:1\" role=\"doc-noteref\"><a href=\"#fn:a\" class=\"footnote\" rel=\"footnote\">1</a></sup>.</p>\n\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:a\" role=\"doc-endnote\">\n      <p>Note. <a href=\"#fnref:a\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a> <a href=\"#fnref:a:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;<sup>2</sup></a></p>\n    </li>\n  </ol>\n</div>\n",
        ),
        (
            "Para\n{: .p #pid}\n",
            "<p class=\"p\" id=\"pid\">Para</p>\n",
        ),
        (
            "## Other\n{: .cls}\n",
            "<h2 class=\"cls\" id=\"other\">Other</h2>\n",
        ),
        (
            "[x](http://y){:target=\"_blank\"} *e*{: .c}\n",
            "<p><a href=\"http://y\" target=\"_blank\">x</a> <em class=\"c\">e</em></p>\n",
        ),
        ("{: .next}\nPara two\n", "<p class=\"next\">Para two</p>\n"),
        (
            "* a\n* b\n{: .l}\n",
            "<ul class=\"l\">\n  <li>a</li>\n  <li>b</li>\n</ul>\n",
        ),
        (
            "```text\nx\n```\n{: #x}\n",
            "<div id=\"x\" class=\"language-text highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>x\n</code></pre></div></div>\n",
        ),
    ]);
}

/// Non-default options, expected output from the oracle with the same `kramdown:` config.
#[test]
fn options() {
    let mut map = crate::liquid::Map::new();
    map.insert("auto_ids".into(), false.into());
    let quotes = ["apos", "apos", "quot", "quot"]
        .map(crate::liquid::Value::from)
        .to_vec();
    map.insert("smart_quotes".into(), quotes.into());
    map.insert("footnote_nr".into(), 3i64.into());
    let opts = Options::from_config(Some(&map));
    let got = convert("# Head\n\n\"Hi\" it's[^a]\n\n[^a]: N\n", &opts);
    let want = "<h1>Head</h1>\n\n<p>\"Hi\" it's<sup id=\"fnref:a\" role=\"doc-noteref\"><a href=\"#fn:a\" class=\"footnote\" rel=\"footnote\">3</a></sup></p>\n\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol start=\"3\">\n    <li id=\"fn:a\" role=\"doc-endnote\">\n      <p>N\u{a0}<a href=\"#fnref:a\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n";
    assert_eq!(squash(&got), squash(want));

    let mut map = crate::liquid::Map::new();
    map.insert("auto_id_prefix".into(), "id-".into());
    map.insert("header_offset".into(), 1i64.into());
    map.insert("footnote_backlink".into(), "".into());
    map.insert("hard_wrap".into(), true.into());
    let opts = Options::from_config(Some(&map));
    let got = convert("# Head\n\nx[^a]\ny\n\n[^a]: N\n", &opts);
    let want = "<h2 id=\"id-head\">Head</h2>\n\n<p>x<sup id=\"fnref:a\" role=\"doc-noteref\"><a href=\"#fn:a\" class=\"footnote\" rel=\"footnote\">1</a></sup><br />\ny</p>\n\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:a\" role=\"doc-endnote\">\n      <p>N</p>\n    </li>\n  </ol>\n</div>\n";
    assert_eq!(squash(&got), squash(want));
}

/// `parse_block_html: true` parses Markdown inside block HTML by content model.
#[test]
fn parse_block_html() {
    let opts = Options {
        parse_block_html: true,
        ..Options::default()
    };
    let got = convert(
        "<div>\n*a*\n\n<p>*b* x</p>\n</div>\n\n<section>\n# H\n</section>\n",
        &opts,
    );
    let want = "<div>\n  <p><em>a</em></p>\n\n  <p><em>b</em> x</p>\n</div>\n\n<section>\n  <h1 id=\"h\">H</h1>\n</section>\n";
    assert_eq!(squash(&got), squash(want));
}
