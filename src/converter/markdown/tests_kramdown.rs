//! Table-driven checks of kramdown behaviour that CommonMark does not share; expected
//! strings are Jekyll 4.3's output (shared/tools/oracle/make_oracle.rb).

use super::tests::check;

#[test]
fn kramdown_blocks() {
    check(&[
        (
            "a | b\nc | d\n",
            "<table>\n  <tbody>\n    <tr>\n      <td>a</td>\n      <td>b</td>\n    </tr>\n    <tr>\n      <td>c</td>\n      <td>d</td>\n    </tr>\n  </tbody>\n</table>\n",
        ),
        ("Foo | Bar\nmore text\n", "<p>Foo | Bar\nmore text</p>\n"),
        (
            "| a | b |\n|---|---|\n| 1 | 2 |\ntext\n",
            "<p>| a | b |\n|—|—|\n| 1 | 2 |\ntext</p>\n",
        ),
        (
            "| a | b |\n|---|---|\n| 1 | 2 |\n{: .cls}\n",
            "<table class=\"cls\">\n  <thead>\n    <tr>\n      <th>a</th>\n      <th>b</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td>1</td>\n      <td>2</td>\n    </tr>\n  </tbody>\n</table>\n",
        ),
        (
            "|a|b|\n|-|-|\n|1|2|\n|===|\n|f|g|\n",
            "<table>\n  <thead>\n    <tr>\n      <th>a</th>\n      <th>b</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td>1</td>\n      <td>2</td>\n    </tr>\n  </tbody>\n  <tfoot>\n    <tr>\n      <td>f</td>\n      <td>g</td>\n    </tr>\n  </tfoot>\n</table>\n",
        ),
        (
            "* `x` {string|Object}\n* b\n",
            "<ul>\n  <li>\n    <table>\n      <tbody>\n        <tr>\n          <td><code class=\"language-plaintext highlighter-rouge\">x</code> {string</td>\n          <td>Object}</td>\n        </tr>\n      </tbody>\n    </table>\n  </li>\n  <li>b</li>\n</ul>\n",
        ),
        (
            "# Title\nSub\n---\n",
            "<h1 id=\"title\">Title</h1>\n<p>Sub\n—</p>\n",
        ),
        (
            "Para\n\nSetext\n===\n",
            "<p>Para</p>\n\n<h1 id=\"setext\">Setext</h1>\n",
        ),
        (
            "<div>x</div> tail\n\npara\n",
            "<div>x</div>\n<p>tail</p>\n\n<p>para</p>\n",
        ),
        ("<!-- c -->*a*\n", "<!-- c -->\n<p><em>a</em></p>\n"),
        (
            "* a\n- b\n+ c\n",
            "<ul>\n  <li>a</li>\n  <li>b</li>\n  <li>c</li>\n</ul>\n",
        ),
        (
            "  ```text\n  a\n   b\n  ```\n",
            "<div class=\"language-text highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>  a\n   b\n</code></pre></div></div>\n",
        ),
    ]);
}

#[test]
fn kramdown_spans() {
    check(&[
        (
            "The latest-_codename_ dir and foo_bar_ and _ok_\n",
            "<p>The latest-_codename_ dir and foo_bar_ and <em>ok</em></p>\n",
        ),
        (
            "a <<b@c.com>> d <irc://x>\n",
            "<p>a «b@c.com» d &lt;irc://x&gt;</p>\n",
        ),
        (
            "To add <code>require \"x\"</code> here.\n",
            "<p>To add <code>require \"x\"</code> here.</p>\n",
        ),
        (
            "[V8](https://en.wikipedia.org/wiki/V8_\\(JavaScript_engine\\))\n",
            "<p><a href=\"https://en.wikipedia.org/wiki/V8_\\(JavaScript_engine\\)\">V8</a></p>\n",
        ),
        (
            "* `a\n  b` c\n",
            "<ul>\n  <li><code class=\"language-plaintext highlighter-rouge\">a\nb</code> c</li>\n</ul>\n",
        ),
        (
            "`x`{: #dog} and `y`{: .hund #dog}\n",
            "<p><code id=\"dog\" class=\"language-plaintext highlighter-rouge\">x</code> and <code class=\"language-plaintext hund highlighter-rouge\" id=\"dog\">y</code></p>\n",
        ),
        (
            "| a | b |\n|---|---|\n| x[^1] | [Y][] |\n\n[^1]: Note.\n\n[Y]: http://y\n",
            "<table>\n  <thead>\n    <tr>\n      <th>a</th>\n      <th>b</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td>x<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup></td>\n      <td><a href=\"http://y\">Y</a></td>\n    </tr>\n  </tbody>\n</table>\n\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:1\" role=\"doc-endnote\">\n      <p>Note. <a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n",
        ),
    ]);
}

#[test]
fn math_and_lazy() {
    check(&[
        (
            "Inline $$a^2 + b_1$$ math and $x_1$ y.\n\n$$\n\\frac{a}{b} < c\n$$\n\nText $5 and $6.\n",
            "<p>Inline \\(a^2 + b_1\\) math and $x_1$ y.</p>\n\n\\[\\frac{a}{b} &lt; c\\]\n\n<p>Text $5 and $6.</p>\n",
        ),
        (
            "### with $$m=5$$\n",
            "<h3 id=\"with-m5\">with \\(m=5\\)</h3>\n",
        ),
        (
            "1. Install\n```sh\ngem\n```\n2. Create\n```sh\nnew\n```\n",
            "<ol>\n  <li>Install\n    <div class=\"language-sh highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>gem\n</code></pre></div>    </div>\n  </li>\n  <li>Create\n    <div class=\"language-sh highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>new\n</code></pre></div>    </div>\n  </li>\n</ol>\n",
        ),
        (
            "* a\n# h\n",
            "<ul>\n  <li>a\n    <h1 id=\"h\">h</h1>\n  </li>\n</ul>\n",
        ),
        ("* a\n{: .x}\n", "<ul class=\"x\">\n  <li>a</li>\n</ul>\n"),
        (
            "# Title {#custom}\n\n## Other {: .x}\n",
            "<h1 id=\"custom\">Title</h1>\n\n<h2 id=\"other--x\">Other {: .x}</h2>\n",
        ),
        (
            "a [#1] [#2] b [x] [#2]\n\n[#1]: /1\n[#2]: /2\n",
            "<p>a <a href=\"/2\">#1</a> b <a href=\"/2\">x</a></p>\n\n",
        ),
        (
            "[foo]\n\n[foo]: first\n[foo]: second\n",
            "<p><a href=\"second\">foo</a></p>\n\n",
        ),
        (
            "Intro\n<!--more-->\nRest\n",
            "<p>Intro\n<!--more-->\nRest</p>\n",
        ),
        ("~one~ and ~~two~~\n", "<p>~one~ and <del>two</del></p>\n"),
        (
            "Term\n: Def one\n\n: Def two\n",
            "<dl>\n  <dt>Term</dt>\n  <dd>Def one</dd>\n  <dd>\n    <p>Def two</p>\n  </dd>\n</dl>\n",
        ),
        (
            "[a] and ![b][a]\n\n[a]: /x \"T\"\n{: .c hreflang=\"en\"}\n",
            "<p><a class=\"c\" hreflang=\"en\" href=\"/x\" title=\"T\">a</a> and <img class=\"c\" hreflang=\"en\" src=\"/x\" alt=\"b\" title=\"T\" /></p>\n\n",
        ),
        (
            "More <http://www.example.com/?doit&amp;x=&quot;y&z=y>, <a&amp;b@example.com> and <http://x.org/a_b>.\n",
            "<p>More <a href=\"http://www.example.com/?doit&amp;x=&quot;y&amp;z=y\">http://www.example.com/?doit&amp;x=&quot;y&amp;z=y</a>, &lt;a&amp;b@example.com&gt; and <a href=\"http://x.org/a_b\">http://x.org/a_b</a>.</p>\n",
        ),
        (
            "a ` b ` c\n\nx `` ` `` y `z`\n` lone\n",
            "<p>a ` b ` c</p>\n\n<p>x <code class=\"language-plaintext highlighter-rouge\">`</code> y <code class=\"language-plaintext highlighter-rouge\">z</code>\n` lone</p>\n",
        ),
        (
            "x\n\n\\$$5+5$$\n\n\\$\\$5+5$$\n\n  \\$$a$$ b\n",
            "<p>x</p>\n\n<p>\\(5+5\\)</p>\n\n<p>$$5+5$$</p>\n\n<p>$$a$$ b</p>\n",
        ),
        (
            "a $5.00 \\$$no math$$\n\nb $x \\* y$ c\n",
            "<p>a $5.00 $$no math$$</p>\n\n<p>b $x * y$ c</p>\n",
        ),
        (
            "[a], [b], [c], [d]\n\n[a]: some spaces.html 'T'\n[b]: s p\n   \"title\"\n[c]:t.html#'x' 'y'\n    [d]: nourl\n",
            "<p><a href=\"some spaces.html\" title=\"T\">a</a>, <a href=\"s p\" title=\"title\">b</a>, <a href=\"t.html#'x'\" title=\"y\">c</a>, [d]</p>\n\n<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>[d]: nourl\n</code></pre></div></div>\n",
        ),
        (
            "- x\n    ```text\n    y\n    ```\n",
            "<ul>\n  <li>x\n    <div class=\"language-text highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>  y\n</code></pre></div>    </div>\n  </li>\n</ul>\n",
        ),
    ]);
}

#[test]
fn toc() {
    check(&[
        (
            "* TOC\n{:toc}\n\n# One\n\n## Sub *em* [link](x)\n\n### Deep\n\n# Two\n\n## Sub2\n",
            "<ul id=\"markdown-toc\">\n  <li><a href=\"#one\" id=\"markdown-toc-one\">One</a>    <ul>\n      <li><a href=\"#sub-em-link\" id=\"markdown-toc-sub-em-link\">Sub <em>em</em> link</a>        <ul>\n          <li><a href=\"#deep\" id=\"markdown-toc-deep\">Deep</a></li>\n        </ul>\n      </li>\n    </ul>\n  </li>\n  <li><a href=\"#two\" id=\"markdown-toc-two\">Two</a>    <ul>\n      <li><a href=\"#sub2\" id=\"markdown-toc-sub2\">Sub2</a></li>\n    </ul>\n  </li>\n</ul>\n\n<h1 id=\"one\">One</h1>\n\n<h2 id=\"sub-em-link\">Sub <em>em</em> <a href=\"x\">link</a></h2>\n\n<h3 id=\"deep\">Deep</h3>\n\n<h1 id=\"two\">Two</h1>\n\n<h2 id=\"sub2\">Sub2</h2>\n",
        ),
        (
            "## Contents\n{:.no_toc}\n\n1. toc\n{:toc}\n\n## A\n\n## B[^1]\n\n[^1]: n\n",
            "<h2 class=\"no_toc\" id=\"contents\">Contents</h2>\n\n<ol id=\"markdown-toc\">\n  <li><a href=\"#a\" id=\"markdown-toc-a\">A</a></li>\n  <li><a href=\"#b\" id=\"markdown-toc-b\">B</a></li>\n</ol>\n\n<h2 id=\"a\">A</h2>\n\n<h2 id=\"b\">B<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup></h2>\n\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:1\" role=\"doc-endnote\">\n      <p>n <a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n",
        ),
    ]);
}

#[test]
fn lazy_lines() {
    check(&[
        (
            "- Foo\n---\n",
            "<ul>\n  <li>\n    <h2 id=\"foo\">Foo</h2>\n  </li>\n</ul>\n",
        ),
        (
            "> foo\n-----\n",
            "<blockquote>\n  <h2 id=\"foo\">foo</h2>\n</blockquote>\n",
        ),
        ("Foo\n***\nbar\n", "<p>Foo\n***\nbar</p>\n"),
        ("para\n* * *\npara\n", "<p>para</p>\n<hr />\n<p>para</p>\n"),
        (
            "> quote\n# Heading\n- item\n```\ncode\n```\n\nafter\n",
            "<blockquote>\n  <p>quote</p>\n  <h1 id=\"heading\">Heading</h1>\n  <ul>\n    <li>item\n      <div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>code\n</code></pre></div>      </div>\n    </li>\n  </ul>\n</blockquote>\n\n<p>after</p>\n",
        ),
        (
            "- a\n\n[x]: /x\n\n- b\n",
            "<ul>\n  <li>a</li>\n</ul>\n\n<ul>\n  <li>b</li>\n</ul>\n",
        ),
        (
            "* a\n  b\n<!-- c -->\n* d\n",
            "<ul>\n  <li>a\nb\n<!-- c --></li>\n  <li>d</li>\n</ul>\n",
        ),
        (
            "[a][b]\n\n[b]: https://x/serde\\_json\n",
            "<p><a href=\"https://x/serde\\_json\">a</a></p>\n\n",
        ),
        (
            "~~~\ncode\n~~~\n{: .language-text}\n\n```text\nx\n```\n{: .language-ruby .big}\n\n    ind\n{: .language-foo}\n",
            "<div class=\"language-text highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>code\n</code></pre></div></div>\n\n<div class=\"language-text big highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>x\n</code></pre></div></div>\n\n<pre><code class=\"language-foo\">ind\n</code></pre>\n",
        ),
        (
            "`z`{: .language-text} `w`{: .language-foo}\n",
            "<p><code class=\"language-text highlighter-rouge\">z</code> <code class=\"language-foo\">w</code></p>\n",
        ),
    ]);
}

#[test]
fn processing_instructions_are_text() {
    check(&[
        (
            "a <?php echo \"x\"; ?> *b*\n",
            "<p>a &lt;?php echo “x”; ?&gt; <em>b</em></p>\n",
        ),
        (
            "<?php\necho \"hi\";\n?>\n",
            "<p>&lt;?php\necho “hi”;\n?&gt;</p>\n",
        ),
        ("<div>\n<?php x ?>\n</div>\n", "<div>\n<?php x ?>\n</div>\n"),
        (
            "`<?php \"q\" ?>`\n",
            "<p><code class=\"language-plaintext highlighter-rouge\">&lt;?php \"q\" ?&gt;</code></p>\n",
        ),
    ]);
}

#[test]
fn end_of_block_marker_after_a_list() {
    check(&[(
        "* a\n\n* b\n\n^\n\n* c\n* d\n^\n\n* e\n\n^\n",
        "<ul>\n  <li>\n    <p>a</p>\n  </li>\n  <li>\n    <p>b</p>\n  </li>\n</ul>\n\n<ul>\n  <li>c</li>\n  <li>d</li>\n</ul>\n\n<ul>\n  <li>\n    <p>e</p>\n  </li>\n</ul>\n",
    )]);
}
