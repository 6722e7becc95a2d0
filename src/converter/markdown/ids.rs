//! Header ids as kramdown-parser-gfm makes them (`generate_gfm_header_id` in
//! `kramdown/parser/gfm.rb`): the header's text (after typography) lowercased, everything but
//! word characters, `-`, space and tab removed, spaces and tabs turned into `-`, and repeats
//! numbered `-1`, `-2`… per resulting string. An id given in the source is kept. Headers
//! in footnotes get kramdown's own ids (`generate_id` in `kramdown/converter/html.rb`).

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::footnotes::numbering_order;
use super::options::Options;
use super::tree::{Block, DefPart, Document, Inline, plain_text};
use crate::liquid::render::fx_hash::FxBuild;

/// kramdown-parser-gfm's `NON_WORD_RE`.
static NON_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\w\- \t]").unwrap_or_else(|_| Regex::new("$^").unwrap()));

/// Gives every header without an id its GitHub-style id, in document order. Headers inside
/// HTML elements with Markdown content are skipped by kramdown-parser-gfm and get kramdown's
/// own ids from the converter (`generate_id`), counted separately.
pub(crate) fn assign(doc: &mut Document, opts: &Options) {
    if !opts.auto_ids {
        return;
    }
    let mut ids = IdGenerator::new(&opts.auto_id_prefix, true);
    let mut basic = IdGenerator::new(&opts.auto_id_prefix, false);
    ids.blocks(&mut doc.blocks, &mut basic);
    footnote_ids(doc, &mut basic);
}

/// kramdown-parser-gfm never sees footnote definitions (they are not in the tree it walks),
/// so their headers get ids from the converter as it writes the notes after the main text:
/// counted with the ids of headers in HTML elements, in the order the notes are numbered.
fn footnote_ids(doc: &mut Document, basic: &mut IdGenerator) {
    if !doc.footnotes.iter().any(|(_, blocks)| has_heading(blocks)) {
        return;
    }
    for def in numbering_order(doc) {
        basic.blocks(&mut doc.footnotes[def].1, &mut IdGenerator::new("", false));
    }
}

/// Whether `blocks` hold a header at any depth.
fn has_heading(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| match block {
        Block::Heading { .. } => true,
        Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => has_heading(blocks),
        Block::List { items, .. } => items.iter().any(|item| has_heading(&item.blocks)),
        Block::DefList(parts, _) => parts.iter().any(|part| match part {
            DefPart::Definition(item) => has_heading(&item.blocks),
            DefPart::Term(..) => false,
        }),
        _ => false,
    })
}

struct IdGenerator<'a> {
    /// How often each id (before numbering) was made. Ids are short strings of the
    /// document's own headers, so the fast hasher suffices.
    counter: HashMap<String, usize, FxBuild>,
    prefix: &'a str,
    /// kramdown-parser-gfm's ids (else kramdown's `basic_generate_id`).
    gfm: bool,
    /// The text of a header: one buffer for all of them.
    text: String,
}

impl<'a> IdGenerator<'a> {
    fn new(prefix: &'a str, gfm: bool) -> Self {
        IdGenerator {
            counter: HashMap::default(),
            prefix,
            gfm,
            text: String::new(),
        }
    }

    fn blocks(&mut self, blocks: &mut [Block], basic: &mut IdGenerator) {
        for block in blocks {
            match block {
                Block::Heading { inlines, attrs, .. } if !attrs.iter().any(|(k, _)| k == "id") => {
                    attrs.push(("id".to_string(), self.header_id(inlines)));
                }
                Block::Quote { blocks, .. } => self.blocks(blocks, basic),
                Block::DefList(parts, _) => {
                    for part in parts {
                        if let DefPart::Definition(item) = part {
                            self.blocks(&mut item.blocks, basic);
                        }
                    }
                }
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(&mut item.blocks, basic);
                    }
                }
                Block::HtmlElement { blocks, .. } if self.gfm => {
                    basic.blocks(blocks, &mut IdGenerator::new("", false));
                }
                Block::HtmlElement { blocks, .. } => {
                    self.blocks(blocks, &mut IdGenerator::new("", false));
                }
                _ => {}
            }
        }
    }

    /// The id of a header with `inlines`.
    fn header_id(&mut self, inlines: &[Inline]) -> String {
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        plain_text(inlines, &mut text);
        let id = self.generate(&text);
        self.text = text;
        id
    }

    fn generate(&mut self, text: &str) -> String {
        if self.gfm {
            self.generate_gfm(text)
        } else {
            self.generate_basic(text)
        }
    }

    fn generate_gfm(&mut self, text: &str) -> String {
        // ASCII text lowercases to ASCII: no lowercase copy is needed (other text may
        // lowercase to ASCII too, as the Kelvin sign does, and takes the general way).
        let lower = if text.is_ascii() {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(text.to_lowercase())
        };
        let mut id = if lower.is_ascii() {
            ascii_gfm_id(&lower)
        } else {
            NON_WORD.replace_all(&lower, "").replace([' ', '\t'], "-")
        };
        // Most ids are new: looked up by reference, and copied only as a new key.
        let seen = match self.counter.get_mut(id.as_str()) {
            Some(n) => {
                *n += 1;
                *n - 1
            }
            None => {
                self.counter.insert(id.clone(), 1);
                0
            }
        };
        if seen > 0 {
            id.push_str(&format!("-{seen}"));
        }
        self.prefixed(id)
    }

    fn prefixed(&self, id: String) -> String {
        if self.prefix.is_empty() {
            id
        } else {
            format!("{}{id}", self.prefix)
        }
    }

    /// kramdown's `generate_id`: ASCII letters, digits, spaces and dashes from the first
    /// letter on; `section` when nothing is left; repeats get `-1`, `-2`…
    fn generate_basic(&mut self, text: &str) -> String {
        let mut id = super::def_ids::basic_id(text);
        if id.is_empty() {
            id = "section".to_string();
        }
        match self.counter.get_mut(&id) {
            Some(n) => {
                *n += 1;
                id = format!("{id}-{n}");
            }
            None => {
                self.counter.insert(id.clone(), 0);
            }
        }
        self.prefixed(id)
    }
}

/// `generate_gfm_header_id` of ASCII text: `NON_WORD` keeps `[A-Za-z0-9_-]`, spaces and tabs
/// (as dashes here). Built byte by byte, through `GFM_ID_BYTES`, as bytes: pushing
/// characters to a string checks each one's length.
fn ascii_gfm_id(text: &str) -> String {
    let mut id = Vec::with_capacity(text.len());
    id.extend(
        text.bytes()
            .map(|b| GFM_ID_BYTES[usize::from(b)])
            .filter(|&b| b != 0),
    );
    String::from_utf8(id).expect("GFM_ID_BYTES maps to ASCII")
}

/// What each ASCII byte becomes in a GFM id (zero: dropped); a table lookup per byte
/// instead of a chain of range tests.
const GFM_ID_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            b' ' | b'\t' => b'-',
            b'A'..=b'Z' => c.to_ascii_lowercase(),
            b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => c,
            _ => 0,
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gfm_ids() {
        let mut g = IdGenerator::new("", true);
        let cases = [
            ("Hello World", "hello-world"),
            ("Hello World", "hello-world-1"),
            ("Hello World", "hello-world-2"),
            (
                "Hello, World! code & x It\u{2019}s 2\u{2013}3 café 日本",
                "hello-world-code--x-its-23-café-日本",
            ),
            ("snake_case -- A.B", "snake_case----ab"),
            ("!!!", ""),
            ("?", "-1"),
            ("\u{212A}elvin", "kelvin"),
            ("KELVIN", "kelvin-1"),
            ("\u{130}x", "i\u{307}x"),
        ];
        for (text, want) in cases {
            assert_eq!(g.generate(text), want, "{text}");
        }
    }

    #[test]
    fn ascii_ids_as_the_pattern_makes_them() {
        for b in 0..128u8 {
            let text = format!("a{}Z-{}", char::from(b), char::from(b));
            let lower = text.to_lowercase();
            let want = NON_WORD.replace_all(&lower, "").replace([' ', '\t'], "-");
            assert_eq!(ascii_gfm_id(&text), want, "{b}");
        }
    }

    #[test]
    fn basic_ids() {
        let mut g = IdGenerator::new("", false);
        let cases = [
            ("Hello World 1", "hello-world-1"),
            ("Hello World 1", "hello-world-1-1"),
            ("1 Über", "ber"),
            ("!!!", "section"),
        ];
        for (text, want) in cases {
            assert_eq!(g.generate(text), want, "{text}");
        }
    }

    /// Headers in footnotes get kramdown's converter ids after those of the main text's
    /// HTML elements, note by note in numbering order. Expectations are Jekyll 4.3's header
    /// ids (checked with `make_oracle.rb`).
    #[test]
    fn footnote_header_ids() {
        let cases: [(&str, &[&str]); 2] = [
            (
                concat!(
                    "# Intro\n\n<div markdown=\"1\">\n# Intro\n</div>\n\nText[^b][^a]\n\n",
                    "[^a]:\n    # Intro\n\n[^b]:\n    # Intro[^c]\n\n",
                    "[^c]:\n    ## Intro\n\n[^d]:\n    # Unused\n",
                ),
                &["intro", "intro", "intro-1", "intro-2", "intro-3"],
            ),
            (
                "x[^n]\n\n[^n]:\n    # A {#given}\n\n    # A\n\n    > # B\n",
                &["given", "a", "b"],
            ),
        ];
        let opts = Options::default();
        for (src, want) in cases {
            let html = crate::converter::markdown::convert(src, &opts);
            let got: Vec<&str> = html
                .split("<h")
                .skip(1)
                .filter(|tag| tag.starts_with(|c: char| c.is_ascii_digit()))
                .filter_map(|tag| {
                    tag.split_once('>')?
                        .0
                        .split_once(" id=\"")?
                        .1
                        .split_once('"')
                })
                .map(|(id, _)| id)
                .collect();
            assert_eq!(got, want, "{src:?}");
        }
    }
}
