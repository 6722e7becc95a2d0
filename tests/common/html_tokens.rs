//! HTML/XML token streams for site comparison: the `Tokens` handler of `tools/sitediff.py`
//! (tags with sorted attributes, text with whitespace collapsed except inside `<pre>`,
//! `<code>`, `<script>`, `<style>` and `<textarea>`, comments, declarations, processing
//! instructions), fed by the port of Python's `HTMLParser` in `html_parser.rs`.

use super::html_parser::Parser;

const RAW_TAGS: [&str; 5] = ["pre", "code", "script", "style", "textarea"];
const VOID_TAGS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Flatten a document into comparable tokens, like `sitediff.html_tokens`.
pub fn html_tokens(text: &str) -> Vec<String> {
    let mut tokens = Tokens::default();
    Parser::new(text, &mut tokens).goahead();
    tokens.flush();
    tokens.out
}

/// Python's `str.isspace`, which is what `\s` and `str.strip()` mean for `str` patterns.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `re.sub(r"\s+", " ", s).strip()` with Python's notion of whitespace.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if is_py_space(c) {
            pending = true;
            continue;
        }
        if pending && !out.is_empty() {
            out.push(' ');
        }
        pending = false;
        out.push(c);
    }
    out
}

/// The `Tokens` handler of sitediff.py.
#[derive(Default)]
pub struct Tokens {
    out: Vec<String>,
    raw: usize,
    text: Vec<String>,
}

impl Tokens {
    pub(super) fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let s: String = self.text.drain(..).collect();
        if self.raw > 0 {
            self.out.push(format!("T {s}"));
        } else {
            let s = collapse_ws(&s);
            if !s.is_empty() {
                self.out.push(format!("T {s}"));
            }
        }
    }

    pub(super) fn start_tag(&mut self, tag: &str, attrs: &[(String, Option<String>)]) {
        self.flush();
        let mut attrs: Vec<(String, String)> = attrs
            .iter()
            .map(|(k, v)| (k.clone(), collapse_ws(v.as_deref().unwrap_or(""))))
            .collect();
        attrs.sort();
        let mut token = format!("<{tag}");
        for (k, v) in &attrs {
            token.push_str(&format!(" {k}=\"{v}\""));
        }
        token.push('>');
        self.out.push(token);
        if RAW_TAGS.contains(&tag) {
            self.raw += 1;
        }
    }

    pub(super) fn start_end_tag(&mut self, tag: &str, attrs: &[(String, Option<String>)]) {
        self.start_tag(tag, attrs);
        if RAW_TAGS.contains(&tag) {
            self.raw -= 1;
        }
        if !VOID_TAGS.contains(&tag) {
            self.out.push(format!("</{tag}>"));
        }
    }

    pub(super) fn end_tag(&mut self, tag: &str) {
        self.flush();
        if VOID_TAGS.contains(&tag) {
            return;
        }
        self.out.push(format!("</{tag}>"));
        if RAW_TAGS.contains(&tag) && self.raw > 0 {
            self.raw -= 1;
        }
    }

    pub(super) fn data(&mut self, data: String) {
        self.text.push(data);
    }

    pub(super) fn comment(&mut self, data: &str) {
        self.flush();
        self.out.push(format!("C {}", collapse_ws(data)));
    }

    pub(super) fn decl(&mut self, decl: &str) {
        self.flush();
        self.out.push(format!("D {}", decl.to_lowercase()));
    }

    pub(super) fn pi(&mut self, data: &str) {
        self.flush();
        self.out.push(format!("P {}", collapse_ws(data)));
    }
}

#[cfg(test)]
mod tests {
    use super::html_tokens;

    /// Token streams printed by sitediff.py's `html_tokens` (Python 3.11) for markup that
    /// exercises the parser's corner cases.
    #[test]
    fn tokens_match_sitediff_py() {
        let cases: &[(&str, &[&str])] = &[
            (
                "<script>if (a < b && c > d) { x = '</div>'; }</script><style>p > a { color: red }</style>",
                &[
                    "<script>",
                    "T if (a < b && c > d) { x = '</div>'; }",
                    "</script>",
                    "<style>",
                    "T p > a { color: red }",
                    "</style>",
                ],
            ),
            (
                "<br><br/><br /><div/><span />text",
                &[
                    "<br>", "<br>", "<br>", "<div>", "</div>", "<span>", "</span>", "T text",
                ],
            ),
            (
                "<!-- a   comment --><!---->after<!-- -- -->",
                &["C a comment", "C ", "T after", "C --"],
            ),
            (
                "<![CDATA[raw <b> data]]>text<![if IE]>ie<![endif]>",
                &["T textie"],
            ),
            (
                "a < b > c & d &unknown; &amp &ampx",
                &["T a < b > c & d &unknown; & &x"],
            ),
            (
                "<A HREF=\"X\" Class=\"Y\">UPPER</A></DIV >",
                &["<a class=\"Y\" href=\"X\">", "T UPPER", "</a>", "</div>"],
            ),
            (
                "</>empty end</ >bogus</3>x<!bogus decl>y<!DOCTYPE  HTML>",
                &[
                    "T empty end",
                    "C ",
                    "T bogus",
                    "C 3",
                    "T x",
                    "C bogus decl",
                    "T y",
                    "D doctype  html",
                ],
            ),
            (
                "<a x= 'unclosed>text</a> and 'quote' here",
                &["T <a x= 'unclosed>text", "</a>", "T and 'quote' here"],
            ),
            (
                "<a x==y z>t</a><a x= >u</a><a =x>v</a>",
                &[
                    "<a x=\"y\" z=\"\">",
                    "T t",
                    "</a>",
                    "<a x=\"\">",
                    "T u",
                    "</a>",
                    "<a =x=\"\">",
                    "T v",
                    "</a>",
                ],
            ),
            ("<p>trailing <", &["<p>", "T trailing <"]),
            (
                "<p>unterminated <a href=\"x",
                &["<p>", "T unterminated <a href=\"x"],
            ),
            ("<script>unclosed script content", &["<script>"]),
            (
                "<div title=\"a&amp;b &lt;c&gt;\">e</div>",
                &["<div title=\"a&b <c>\">", "T e", "</div>"],
            ),
            (
                "<textarea>  a  <b>b</b> </textarea>",
                &[
                    "<textarea>",
                    "T   a  ",
                    "<b>",
                    "T b",
                    "</b>",
                    "T  ",
                    "</textarea>",
                ],
            ),
        ];
        for (html, want) in cases {
            assert_eq!(html_tokens(html), *want, "html_tokens({html:?})");
        }
    }
}
