//! Fragments kramdown parses on their own: a table cell's spans, and a CommonMark HTML block
//! that kramdown reads as a paragraph because it opens with a span element (`<br/>`, `<img>`).
//! A punctuation mark in front keeps the fragment from starting a block construct.

use super::borrowed::owned_inlines;
use super::build::Builder;
use super::tree::{Block, Inline, Next, SrcText};

/// Punctuation (so that emphasis may open right after it) that starts no block construct.
const MARK: char = '\u{2E3A}';

impl Builder<'_> {
    /// Parses texts as span-level Markdown only (a table's cells), each on its own.
    pub(crate) fn inline_fragments(&self, texts: &[&str]) -> Vec<Vec<Inline<'static>>> {
        // Most cells are empty or a few plain words: no content or one text run, as a parse
        // would give. The others are parsed together, each as a paragraph of its own, so that
        // a table starts one parser rather than one per cell.
        let plain = |t: &&str| owned_inlines(plain_fragment(&SrcText::Borrowed(t)));
        let mut out: Vec<Vec<Inline>> = texts.iter().map(plain).collect();
        let parsed: Vec<usize> = (0..texts.len())
            .filter(|&i| out[i].is_empty() && !texts[i].is_empty())
            .collect();
        if parsed.is_empty() {
            return out;
        }
        let mut joined = String::new();
        for &i in &parsed {
            joined.push(MARK);
            joined.push_str(texts[i]);
            joined.push_str("\n\n");
        }
        let src = self.with_notes(&joined);
        let doc = self.child(&src).without_tables().run().into_owned();
        let mut paras = doc.blocks.into_iter().filter_map(|b| match b {
            Block::Para(p) => Some(p.inlines),
            _ => None,
        });
        for i in parsed {
            let mut inlines = paras.next().unwrap_or_default();
            strip_mark(&mut inlines);
            out[i] = inlines;
        }
        out
    }

    /// Parses a chunk as a paragraph although CommonMark reads it as an HTML block.
    pub(crate) fn paragraph_fragment(&self, text: &str) -> Vec<Block<'static>> {
        let src = self.with_notes(&format!("{MARK}{text}"));
        let mut blocks = self.child(&src).run().into_owned().blocks;
        if let Some(Block::Para(p)) = blocks.first_mut() {
            strip_mark(&mut p.inlines);
        }
        blocks
    }
}

impl Builder<'_> {
    /// A fragment's text plus stand-in definitions of the document's footnotes it refers to,
    /// so that pulldown-cmark sees the references (the real notes are the document's).
    pub(crate) fn with_notes(&self, text: &str) -> String {
        let mut src = text.to_string();
        for name in self.notes.iter() {
            if text.contains(&format!("[^{name}]")) {
                src.push_str(&format!("\n\n[^{name}]: {NOTE_MARK}\n"));
            }
        }
        src
    }
}

/// The content of a stand-in footnote definition.
pub(crate) const NOTE_MARK: char = '\u{E001}';

/// Whether a footnote definition is a stand-in added by [`Builder::with_notes`].
pub(crate) fn is_borrowed_note(blocks: &[Block]) -> bool {
    match blocks {
        [Block::Para(p)] => {
            matches!(p.inlines.as_slice(), [Inline::Text { text, .. }] if text.starts_with(NOTE_MARK))
        }
        _ => false,
    }
}

/// A cell of plain words as the one text run a parse gives it (borrowing the cell's text
/// when that is borrowed); empty otherwise.
pub(crate) fn plain_fragment<'s>(text: &SrcText<'s>) -> Vec<Inline<'s>> {
    if !is_plain_words(text) || parse_all_cells() {
        return Vec::new();
    }
    vec![Inline::Text {
        text: text.clone(),
        literal: 0,
        next: Next::default(),
    }]
}

/// Words separated by single spaces that no span parser but emphasis reads, as one text run.
/// Without `*` and `_` that is what the parser gives; with them the parser splits the run at
/// delimiters, which the emphasis pass does on its own, so the result is the same as long
/// as nothing whose typography looks past a piece's end (quotes, dots, dashes) is there.
fn is_plain_words(text: &str) -> bool {
    // One pass over the bytes' classes: words of allowed bytes, each space between two words.
    let (mut seen, mut last) = (0, SPACE);
    for &b in text.as_bytes() {
        let class = CLASSES[usize::from(b)];
        if class == 0 || class & last & SPACE != 0 {
            return false;
        }
        seen |= class;
        last = class;
    }
    last & SPACE == 0 && seen & (EMPHASIS | DOT_OR_DASH) != EMPHASIS | DOT_OR_DASH
}

/// Classes of the bytes of plain words (`is_plain_words`); 0 for any other byte.
const WORD: u8 = 1;
const SPACE: u8 = 2;
const EMPHASIS: u8 = 4;
const DOT_OR_DASH: u8 = 8;
static CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = match c {
            b' ' => SPACE,
            b'*' | b'_' => WORD | EMPHASIS,
            b'.' | b'-' => WORD | DOT_OR_DASH,
            b',' | b':' | b';' | b'?' | b'(' | b')' | b'/' | b'%' | b'+' | b'=' | b'#' | b'@' => {
                WORD
            }
            _ if c.is_ascii_alphanumeric() => WORD,
            _ => 0,
        };
        b += 1;
    }
    classes
};

#[cfg(test)]
thread_local! {
    /// Tests parse every cell, to compare with the shortcut.
    static PARSE_ALL_CELLS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn parse_all_cells() -> bool {
    PARSE_ALL_CELLS.with(|p| p.get())
}

#[cfg(not(test))]
fn parse_all_cells() -> bool {
    false
}

fn strip_mark(inlines: &mut Vec<Inline>) {
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        *text = text.trim_start_matches(MARK).to_string().into();
        if text.is_empty() {
            inlines.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::markdown::options::Options;

    /// What a cell's text gives when parsed alone, plain or not.
    fn parsed_alone(builder: &Builder, text: &str) -> String {
        let src = builder.with_notes(&format!("{MARK}{text}"));
        let doc = builder.child(&src).without_tables().run();
        let mut inlines = Vec::new();
        for block in doc.blocks {
            if let Block::Para(p) = block {
                inlines.extend(p.inlines);
            }
        }
        strip_mark(&mut inlines);
        format!("{inlines:?}")
    }

    #[test]
    fn plain_cells_as_parsed() {
        let opts = Options::default();
        let builder = Builder::new("", &opts);
        let cases = [
            ("Default aligned", true),
            ("x", true),
            ("2nd line", true),
            ("a  b", false),
            (" a", false),
            ("a ", false),
            ("", false),
            ("*a*", true),
            ("a_b", true),
            ("a.b", true),
            ("*a.b*", false),
            ("'a'", false),
            ("a\\b", false),
            ("[a]", false),
            ("1. a", true),
            ("caf\u{e9}", false),
            ("a-b c", true),
            ("a.b_c", false),
            ("x\ty", false),
            ("a (b)", true),
            ("a  ", false),
        ];
        for (text, plain) in cases {
            assert_eq!(is_plain_words(text), plain, "{text:?}");
            if (plain && !text.contains(['*', '_'])) || text.is_empty() {
                assert_eq!(
                    format!("{:?}", builder.inline_fragments(&[text])[0]),
                    parsed_alone(&builder, text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn plain_cells_convert_as_parsed() {
        let cells = [
            "*garden static generator*",
            "a_b_ c",
            "**x** y",
            "*a",
            "a*",
            "_a_",
            "__a__ b",
            "1*2*3",
            "a (b), c: d; e? f% g/h+i=j#k@l",
            "v1.5 e.g. n-gram",
            "x_y_z",
            "***a***",
            "* a *",
            "*a **b** c*",
            "a * b",
            "_a_b",
            "#1",
            "mail@example.com",
            "http://x/a_b_c",
            "a_b*c_d*",
        ];
        let opts = Options::default();
        for cell in cells {
            assert!(is_plain_words(cell), "{cell:?}");
            let doc = format!("| {cell} | x |\n|---|---|\n| y | {cell} |\n");
            let fast = crate::converter::markdown::convert(&doc, &opts);
            PARSE_ALL_CELLS.with(|p| p.set(true));
            let parsed = crate::converter::markdown::convert(&doc, &opts);
            PARSE_ALL_CELLS.with(|p| p.set(false));
            assert_eq!(fast, parsed, "{cell:?}");
        }
    }

    #[test]
    fn cells_parsed_together_as_alone() {
        let src = "[^n]: note\n";
        let opts = Options::default();
        let builder = Builder::new(src, &opts);
        let cells = [
            "*a",
            "b*",
            "\"quoted\"",
            "it's",
            "end\\",
            "two  ",
            "[^n]",
            "[x]: /u",
            "# h",
            "---",
            "> q",
            "<div>x</div>",
            "`code`",
            "a_b_",
            "x",
            "",
            "- item",
            "1. one",
            "    indented",
            "=== ",
            "$$x$$",
            "<!-- c",
            "-->",
            "[link](/u \"t\")",
            "'",
        ];
        PARSE_ALL_CELLS.with(|p| p.set(true));
        let together = builder.inline_fragments(&cells);
        PARSE_ALL_CELLS.with(|p| p.set(false));
        for (text, got) in cells.iter().zip(&together) {
            assert_eq!(format!("{got:?}"), parsed_alone(&builder, text), "{text:?}");
        }
    }
}
