//! What a document's source rules out, so that `convert_with` can skip the tree passes that
//! would find nothing to do: most documents have no inline attribute list (`ial`), no
//! `[text] [ref]` pair (`references`) and no span HTML (`span_html`), and each of those passes
//! walks the whole tree. The checks are byte scans of the source (memchr), and they err on
//! the side of running the pass: the test below runs every pass on every test input and
//! checks that a skipped one would have left the tree as it was.

use super::block_extensions::Rewritten;

/// The constructs a source may hold, as far as the skippable passes care.
pub(crate) struct Present {
    /// A kramdown extension `{::…}` (for `block_extensions`, which rewrites the source).
    pub extensions: bool,
    /// An IAL `{:…}`, or text that may become one (an entity, an escape after the brace).
    pub ials: bool,
    /// A closing bracket followed (after white space) by an opening one, or an entity that
    /// may be either.
    pub reference_pairs: bool,
    /// Something pulldown-cmark may read as inline HTML: `<` before a letter, `/`, `!`, `?`.
    pub span_html: bool,
    /// `]:`, which a link definition needs (the builder reads those as written).
    pub link_definitions: bool,
}

impl Present {
    /// What the source may hold, `self` being what its own text may: the rewritten text is
    /// looked at too when it differs (the rewrite adds placeholders, and drops IAL lines
    /// whose attributes it keeps).
    pub(crate) fn with_rewritten(mut self, rewritten: &Rewritten) -> Present {
        if rewritten.rewritten {
            let more = Present::in_bytes(rewritten.text.as_bytes());
            self.ials |= more.ials;
            self.reference_pairs |= more.reference_pairs;
            self.span_html |= more.span_html;
            self.link_definitions |= more.link_definitions;
        }
        self
    }

    /// `Present` of one text: two scans, as each scan of a whole document costs about as
    /// much as the checks at the few places it stops.
    pub(crate) fn in_bytes(b: &[u8]) -> Present {
        let mut present = Present {
            extensions: false,
            ials: false,
            reference_pairs: false,
            span_html: span_tag(b),
            link_definitions: false,
        };
        for i in memchr::memchr3_iter(b'{', b']', b'&', b) {
            let rest = &b[i + 1..];
            match b[i] {
                b'{' => {
                    present.ials |= ial_start(rest);
                    present.extensions |= rest.starts_with(b"::");
                }
                b']' => {
                    present.reference_pairs |= reference_follows(rest);
                    present.link_definitions |= rest.first() == Some(&b':');
                }
                _ if may_be_bracket(rest) => {
                    present.ials = true;
                    present.reference_pairs = true;
                }
                _ => {}
            }
            if present.ials
                && present.reference_pairs
                && present.extensions
                && present.link_definitions
            {
                break;
            }
        }
        present
    }
}

/// After `{`: `:`, or an escape or entity that may give one (`ial` finds IALs in text, which
/// escapes and entities produce too).
fn ial_start(rest: &[u8]) -> bool {
    matches!(rest.first(), Some(b':' | b'\\' | b'&'))
}

/// After `]`: white space or nothing, then `[` (or anything beyond ASCII, or an entity, which
/// may be white space).
fn reference_follows(rest: &[u8]) -> bool {
    let gap = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
    rest.get(gap)
        .is_some_and(|&c| c == b'[' || c == b'&' || c >= 0x80)
}

/// After `&`: an entity that may give a brace or a bracket (a numeric one may give anything).
fn may_be_bracket(rest: &[u8]) -> bool {
    [
        &b"#"[..],
        b"lbrace",
        b"lcub",
        b"lsqb",
        b"lbrack",
        b"rsqb",
        b"rbrack",
    ]
    .iter()
    .any(|name| rest.starts_with(name))
}

/// `<` as pulldown-cmark's inline HTML (and autolinks) start: before a letter, `/`, `!`, `?`.
fn span_tag(b: &[u8]) -> bool {
    memchr::memchr_iter(b'<', b).any(|i| {
        b.get(i + 1)
            .is_some_and(|&c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::markdown::{Options, adapt_source, block_extensions, tree, tree_passes};

    /// A pass the source check skips leaves the tree as it is, for every test input (run
    /// on the tree every earlier pass has made, as `convert_with` runs them).
    #[test]
    fn skipped_passes_change_nothing() {
        let opts = Options::default();
        let mut docs = crate::converter::markdown::test_inputs::all();
        let extra = [
            "$$x$$\n{: .c}\n",
            "*a*{: .c}\n",
            "*a*&#123;: .c}\n",
            "[a] [b]\n\n[b]: /u\n",
            "&#91;a&#93; [b]\n\n[b]: /u\n",
            "a <b>c\n",
            "```\u{E000}kd\n```\n\na\n",
            "![i](/x.png){:standalone}\n",
        ];
        docs.extend(extra.iter().map(|s| s.to_string()));
        let mut skipped = [0; 10];
        for doc in &docs {
            let src = adapt_source(doc);
            let present = Present::in_bytes(src.as_bytes());
            let lines = crate::converter::markdown::source::LineStarts::new(&src);
            let extensions = block_extensions::rewrite(src, &lines, present.extensions);
            let present = present.with_rewritten(&extensions);
            let src = extensions.source();
            let inline_opts;
            let opts = if extensions.options.is_empty() {
                &opts
            } else {
                inline_opts = opts.with_settings(&extensions.options, &extensions.text);
                &inline_opts
            };
            let mut tree = tree::parse(&extensions.text, opts);
            let rare = crate::converter::markdown::parser_options::Rare::in_bytes(
                extensions.text.as_bytes(),
            );
            for (n, (needed, pass)) in tree_passes(src, &extensions, &present, rare.strikethrough)
                .into_iter()
                .enumerate()
            {
                let before = (!needed).then(|| format!("{tree:?}"));
                pass(&mut tree, &extensions);
                if let Some(before) = before {
                    assert_eq!(before, format!("{tree:?}"), "pass {n} of {doc:?}");
                    skipped[n] += 1;
                }
            }
        }
        // Most inputs skip the span extensions' lead, marker, strikethrough, IAL,
        // standalone, pairing and span HTML passes.
        let most = [0, 1, 2, 4, 5, 7, 9].map(|n| skipped[n]);
        assert!(most.iter().all(|&n| n > 500), "{skipped:?}");
    }

    /// `link_definitions` is what a search for `]:` finds, on every test input.
    #[test]
    fn link_definitions_as_searched() {
        let mut docs = crate::converter::markdown::test_inputs::all();
        let extra = ["", "]:", "[a]:", "[a] :", "{::x} [a] [b] &#1; ]:", "]"];
        docs.extend(extra.iter().map(|s| s.to_string()));
        for doc in &docs {
            let b = doc.as_bytes();
            let searched = crate::converter::markdown::source::find_pair(b, *b"]:", 0)
                .next()
                .is_some();
            assert_eq!(Present::in_bytes(b).link_definitions, searched, "{doc:?}");
        }
    }

    #[test]
    fn finds_what_may_apply() {
        let cases = [
            // (source, ials, reference pairs, span HTML)
            ("plain *text* [a](/u)", false, false, false),
            ("a {: .c}", true, false, false),
            ("{\\:x}", true, false, false),
            ("&#123;: .c}", true, true, false),
            ("{&colon; .c}", true, false, false),
            ("&lbrace;:", true, true, false),
            ("[a] [b]", false, true, false),
            ("[a]\n  [b]", false, true, false),
            ("[a][b]", false, true, false),
            ("[a]\u{a0}[b]", false, true, false),
            ("[a]&#32;[b]", true, true, false),
            ("&rsqb; [b]", true, true, false),
            ("&amp; x", false, false, false),
            ("i < n && x", false, false, false),
            ("<b>x</b>", false, false, true),
            ("a <!-- c -->", false, false, true),
            ("<?php", false, false, true),
        ];
        for (src, ials, pairs, html) in cases {
            let p = Present::in_bytes(src.as_bytes());
            assert_eq!(
                (p.ials, p.reference_pairs, p.span_html),
                (ials, pairs, html),
                "{src:?}"
            );
        }
    }
}
