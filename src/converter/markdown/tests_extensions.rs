//! Checks of kramdown's extensions and IAL placement (`block_extensions`, `abbreviations`,
//! `span_extensions`, `ial`, `span_html`) and other kramdown rules; every expected string is
//! Jekyll 4.3's output (shared/tools/oracle/make_oracle.rb).

use super::tests::check;

#[test]
fn block_extensions() {
    check(&[
        // eob_marker
        ("a\n^\nb\n", "<p>a</p>\n<p>b</p>\n"),
        // eob_marker_splits_code
        (
            "    x\n^\n    y\n",
            "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>x\n</code></pre></div></div>\n<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>y\n</code></pre></div></div>\n",
        ),
        // ald_line
        ("{:r: .c}\npara\n", "<p>para</p>\n"),
        // block_comment
        (
            "{::comment}\nhidden\n{:/comment}\n\npara\n",
            "<!-- hidden -->\n\n<p>para</p>\n",
        ),
        // block_options
        (
            "{::options footnote_nr=\"2\" /}\n\npara\n",
            "\n<p>para</p>\n",
        ),
        // block_nomarkdown
        ("{::nomarkdown}\n<b>raw *x*</b>\n{:/}\n", "<b>raw *x*</b>\n"),
        // toc_without_entries
        ("Para\n\n* x\n{:toc}\n", "<p>Para</p>\n\n"),
    ]);
}

#[test]
fn block_ials() {
    check(&[
        // ial_above_ends_block
        (
            "para\n{: .c}\n    code\n",
            "<p class=\"c\">para</p>\n<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>code\n</code></pre></div></div>\n",
        ),
        // ial_lines_below
        ("{:.a}\n{:.b}\npara\n", "<p class=\"a b\">para</p>\n"),
        // ial_after_list
        (
            "* list\n{: .c}\n",
            "<ul class=\"c\">\n  <li>list</li>\n</ul>\n",
        ),
        // math_with_ial
        ("$$x$$\n{: .m}\n", "<div class=\"m\">\\[x\\]\n</div>\n"),
        // ial_on_raw_html
        ("<div>a</div>\n{: .c}\n", "<div class=\"c\">a</div>\n"),
    ]);
}

#[test]
fn abbreviations() {
    check(&[
        // abbreviation
        (
            "An HTML page.\n\n*[HTML]: Hyper Text\n",
            "<p>An <abbr title=\"Hyper Text\">HTML</abbr> page.</p>\n\n",
        ),
        // abbreviation_with_ial
        (
            "HTML and XHTML\n\n{:.x}\n*[HTML]:\n",
            "<p><abbr class=\"x\">HTML</abbr> and XHTML</p>\n\n",
        ),
    ]);
}

#[test]
fn span_extensions() {
    check(&[
        // span_extensions
        (
            "x {::comment}y{:/} z {::nomarkdown}*raw*{:/} w\n",
            "<p>x <!-- y --> z *raw* w</p>\n",
        ),
        // A span extension opening a line is in a paragraph, not an HTML block; checked
        // with Jekyll's converter (shared/tools/oracle).
        ("{::comment}x{:/}\n", "<p><!-- x --></p>\n"),
        (
            "{::nomarkdown}<b>X</b>{:/} tail\n  more\n",
            "<p><b>X</b> tail\n  more</p>\n",
        ),
        ("   {::comment}x{:/} more\n", "<p><!-- x --> more</p>\n"),
        ("para\n{::comment}y{:/} z\n", "<p>para\n<!-- y --> z</p>\n"),
        (
            "* a {::comment}x{:/}\n* {::comment}x{:/} b\n",
            "<ul>\n  <li>a <!-- x --></li>\n  <li><!-- x --> b</li>\n</ul>\n",
        ),
        // chained_span_ials
        (
            "a `c`{: .a}{: .b}\n",
            "<p>a <code class=\"language-plaintext a b highlighter-rouge\">c</code></p>\n",
        ),
    ]);
}

#[test]
fn span_html() {
    check(&[
        // block_tags_in_span_text
        (
            "A <p>b</p> <hr> <? pi ?>\n",
            "<p>A &lt;p&gt;b&lt;/p&gt; &lt;hr&gt; &lt;? pi ?&gt;</p>\n",
        ),
        // adjacent_block_html
        ("<p>a</p><div>b</div>\n", "<p>a</p>\n<div>b</div>\n"),
    ]);
}

#[test]
fn line_breaks() {
    check(&[
        // escaped_backslash_line_break
        ("line \\\\\nnext\n", "<p>line <br />\nnext</p>\n"),
        // hard_break
        ("a  \nb\n", "<p>a<br />\nb</p>\n"),
    ]);
}

#[test]
fn definition_lists() {
    check(&[
        // one_term_a_line
        (
            "kram\n*down*\n: def\n",
            "<dl>\n  <dt>kram</dt>\n  <dt><em>down</em></dt>\n  <dd>def</dd>\n</dl>\n",
        ),
        // definitions_continue_the_list
        (
            "kram\n: down\n\nnovalue\n: \n\nkram\n:   down\n",
            "<dl>\n  <dt>kram</dt>\n  <dd>down</dd>\n  <dt>novalue</dt>\n  <dd></dd>\n  <dt>kram</dt>\n  <dd>down</dd>\n</dl>\n",
        ),
        // definition_after_two_blank_lines
        (
            "para\n\n\n: no definition\n",
            "<p>para</p>\n\n<p>: no definition</p>\n",
        ),
        // code_in_item_with_blank_first_line
        (
            "* \n        code8\n",
            "<ul>\n  <li>\n    <div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>code8\n</code></pre></div>    </div>\n  </li>\n</ul>\n",
        ),
    ]);
}

#[test]
fn headers_images_lists() {
    check(&[
        // header_ids_and_empty_headers
        (
            "### Header ## {#Id}\n\n#\n",
            "<h3 id=\"Id\">Header</h3>\n\n<p>#</p>\n",
        ),
        // image_alt_escapes
        (
            "![an \\| pipe](x.png)\n",
            "<p><img src=\"x.png\" alt=\"an | pipe\" /></p>\n",
        ),
        // any_ordered_item_ends_a_paragraph
        (
            "Book\n1984. Great\n",
            "<p>Book</p>\n<ol>\n  <li>Great</li>\n</ol>\n",
        ),
    ]);
}

#[test]
fn footnotes_tables_math() {
    check(&[
        // footnotes_placement
        (
            "* here\n{:footnotes}\n\nText[^1].\n\n[^1]: Note.\n",
            "<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:1\" role=\"doc-endnote\">\n      <p>Note. <a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n\n<p>Text<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup>.</p>\n\n",
        ),
        // raw_html_keeps_table_pipes
        (
            "| a <code>b | c</code> | d\n",
            "<table>\n  <tbody>\n    <tr>\n      <td>a <code>b | c</code></td>\n      <td>d</td>\n    </tr>\n  </tbody>\n</table>\n",
        ),
        // block_math_before_tables
        ("$$|x| = 5$$\n", "\\[|x| = 5\\]\n"),
    ]);
}

#[test]
fn emphasis_and_alds() {
    check(&[
        // underscore_after_dashes
        (
            "it--by design--_cannot_.\n",
            "<p>it–by design–<em>cannot</em>.</p>\n",
        ),
        // ald_reference
        (
            "{:r: .c #i}\n\npara\n{: r}\n",
            "\n<p class=\"c\" id=\"i\">para</p>\n",
        ),
    ]);
}

#[test]
fn item_ials() {
    check(&[
        // list_item_ial
        (
            "*   {:.cls} IAL at first\n    continued\n* another {:.cls}\n",
            "<ul>\n  <li class=\"cls\">IAL at first\ncontinued</li>\n  <li>another {:.cls}</li>\n</ul>\n",
        ),
        // definition_ial
        (
            "item\n:   {:.cls} definition\n",
            "<dl>\n  <dt>item</dt>\n  <dd class=\"cls\">definition</dd>\n</dl>\n",
        ),
        // list_item_ial_without_space
        ("* {:.a}b\n", "<ul>\n  <li class=\"a\">b</li>\n</ul>\n"),
    ]);
}

/// A definition's first line that is only an IAL (kramdown's content indent is then 4) and
/// the indentation its continuation lines keep. Compared byte for byte: the expectations
/// are Jekyll's output, from `/work/shared/tools/oracle/make_oracle.rb`.
#[test]
fn definition_ials_and_indentation() {
    const CODE: &str = "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\">\
        <pre class=\"highlight\"><code>code\n</code></pre></div>    </div>";
    let cases: &[(&str, String)] = &[
        (
            "term\n: {:.c}\n        code\n",
            format!("<dl>\n  <dt>term</dt>\n  <dd class=\"c\">\n    {CODE}\n  </dd>\n</dl>\n"),
        ),
        (
            "term\n\n: {:.c #i}\n        code\n\n    para\n",
            format!(
                "<dl>\n  <dt>term</dt>\n  <dd class=\"c\" id=\"i\">\n    {CODE}\n\n    \
                 <p>para</p>\n  </dd>\n</dl>\n"
            ),
        ),
        (
            "term\n: {:.c}\n    text\n      more\n",
            "<dl>\n  <dt>term</dt>\n  <dd class=\"c\">text\n  more</dd>\n</dl>\n".into(),
        ),
        (
            "a\n: b\n      c\n",
            "<dl>\n  <dt>a</dt>\n  <dd>b\n    c</dd>\n</dl>\n".into(),
        ),
        (
            "term\n: {:.c} a\n  b\n",
            "<dl>\n  <dt>term</dt>\n  <dd class=\"c\">a\nb</dd>\n</dl>\n".into(),
        ),
    ];
    let opts = super::Options::default();
    for (src, want) in cases {
        assert_eq!(&super::convert(src, &opts), want, "input: {src:?}");
    }
}

/// Blank lines and indentation as kramdown writes them (`blanks`, `as_written`), its emphasis
/// (`emphasis`), fences it rejects and Markdown elements inside raw HTML.
#[test]
fn kramdown_whitespace() {
    let cases: &[(&str, &str)] = &[
        ("~~~~~~\nnot codeblock\n", "<p>~~~~~~\nnot codeblock</p>\n"),
        ("a\n\n\n", "<p>a</p>\n\n"),
        ("\n\na\n", "\n<p>a</p>\n"),
        (
            "- a\n\n- b\n\n\nc\n",
            "<ul>\n  <li>\n    <p>a</p>\n  </li>\n  <li>\n    <p>b</p>\n  </li>\n</ul>\n\n<p>c</p>\n",
        ),
        (
            "- a\n- b\n  > q\n- c\n",
            "<ul>\n  <li>a</li>\n  <li>b\n    <blockquote>\n      <p>q</p>\n    </blockquote>\n  </li>\n  <li>c</li>\n</ul>\n",
        ),
        ("> a\n>\n", "<blockquote>\n  <p>a</p>\n\n</blockquote>\n"),
        (">\n> a\n", "<blockquote>\n\n  <p>a</p>\n</blockquote>\n"),
        ("a\n  b\n\tc\n", "<p>a\n  b\n\tc</p>\n"),
        ("*  a\n   b\n    c\n", "<ul>\n  <li>a\nb\n c</li>\n</ul>\n"),
        ("**foo*\n", "<p><em>*foo</em></p>\n"),
        (
            "x[^1]\n\n[^1]:\n    a\n",
            "<p>x<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup></p>\n\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:1\" role=\"doc-endnote\">\n\n      <p>a <a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n",
        ),
        (
            "<dl>\n  <dt markdown=\"1\">*t*</dt>\n</dl>\n",
            "<dl>\n  <dt><em>t</em></dt>\n</dl>\n",
        ),
        (
            "[foo]:\n/url\n\n[foo]\n",
            "<p>[foo]:\n/url</p>\n\n<p>[foo]</p>\n",
        ),
        (
            "[foo]: /url 'a\nb'\n\n[foo]\n",
            "<p>[foo]: /url ‘a\nb’</p>\n\n<p>[foo]</p>\n",
        ),
        (
            "[foo]: /u \"t\"\n\n[foo]\n",
            "\n<p><a href=\"/u\" title=\"t\">foo</a></p>\n",
        ),
        (
            "a <mailto:x@example.com> b\n",
            "<p>a <a href=\"mailto:x@example.com\">x@example.com</a> b</p>\n",
        ),
    ];
    // Byte for byte: `check` compares normalised HTML.
    let opts = super::Options::default();
    for (src, want) in cases {
        assert_eq!(super::convert(src, &opts), *want, "input: {src:?}");
    }
}
