//! Smart quotes and typographic symbols, as kramdown's span parsers produce them
//! (`kramdown/parser/kramdown/smart_quotes.rb`, `typographic_symbol.rb`), written as characters
//! (`entity_output: as_char`). Text runs are scanned the way kramdown's `parse_spans` scans:
//! a quote may take the character before it as context, and look-ahead sees the source that
//! follows the run (so `"*x*"` opens with a left quote). Most runs have none of these: a
//! vector scan finds that and leaves them as they are; the others are rewritten by
//! `smart_quotes`.

use super::entities::entity_char;
use super::options::Options;
use super::smart_quotes::Origin;
use super::tree::{Document, Inline, Next, SrcText, Text, walk_text};
use std::borrow::Cow;

/// Replaces every parsed text run of the document by its final text.
pub(crate) fn apply(doc: &mut Document, opts: &Options) {
    let quotes = opts.smart_quotes.each_ref().map(|name| quote_text(name));
    let t = Typographer {
        quotes,
        syms: opts.typographic_syms,
    };
    walk_text(doc, &mut |text| {
        if let Text::Inlines(inlines) = text {
            t.content(inlines);
        }
    });
}

pub(super) struct Typographer<'a> {
    /// lsquo, rsquo, ldquo, rdquo as output text.
    pub(super) quotes: [Cow<'a, str>; 4],
    pub(super) syms: bool,
}

/// The output text of a `smart_quotes` entry (Jekyll's default names need no allocation).
fn quote_text(name: &str) -> Cow<'_, str> {
    match name {
        "lsquo" => Cow::Borrowed("\u{2018}"),
        "rsquo" => Cow::Borrowed("\u{2019}"),
        "ldquo" => Cow::Borrowed("\u{201C}"),
        "rdquo" => Cow::Borrowed("\u{201D}"),
        _ => Cow::Owned(entity_char(name).map_or_else(|| name.to_string(), String::from)),
    }
}

impl Typographer<'_> {
    /// Makes each run of text and soft breaks one final `Str`. Most runs are one text node
    /// between other elements, which typography leaves as it is: those become `Str` where
    /// they are, and only from the first other run on are items merged and moved.
    fn inlines(&self, inlines: &mut Vec<Inline>) {
        for i in 0..inlines.len() {
            let alone = !matches!(inlines.get(i + 1), Some(Inline::Text { .. } | Inline::Soft));
            let item = &mut inlines[i];
            match item {
                Inline::Text { .. } | Inline::Soft => {
                    if !(alone && self.made_final(item)) {
                        return self.merge_runs(inlines, i);
                    }
                }
                other => self.children(other),
            }
        }
    }

    /// Makes `item` a `Str` where it is if it is a text node with text that typography
    /// leaves as it is; whether it did.
    fn made_final(&self, item: &mut Inline) -> bool {
        let Inline::Text { text, .. } = item else {
            return false;
        };
        if text.is_empty() || self.may_change(text) {
            return false;
        }
        let text = std::mem::take(text);
        // The text node's text is taken: it owns nothing, and needs no drop.
        debug_assert!(owns_nothing(item));
        std::mem::forget(std::mem::replace(item, Inline::Str(text)));
        true
    }

    /// The content of a span element or a table cell: most is one text node, made final
    /// without the call of `inlines`.
    fn content(&self, inlines: &mut Vec<Inline>) {
        if let [item] = inlines.as_mut_slice()
            && self.made_final(item)
        {
            return;
        }
        self.inlines(inlines)
    }

    /// `inlines` from item `from` on, where a run to merge (or to change) starts: each run
    /// becomes one final `Str`, in place; other items move down over the runs' consumed
    /// items, and the tail is cut off.
    fn merge_runs(&self, inlines: &mut Vec<Inline>, from: usize) {
        // Items before `kept` are final, and those from `kept` to `i` consumed text nodes or
        // soft breaks. A run ends before a later item, so its final text always has one of
        // the run's consumed items to take the place of.
        let mut kept = from;
        let mut i = from;
        while i < inlines.len() {
            let end = i + inlines[i..]
                .iter()
                .take_while(|item| matches!(item, Inline::Text { .. } | Inline::Soft))
                .count();
            if end == i {
                self.children(&mut inlines[i]);
                if kept < i {
                    inlines.swap(kept, i);
                }
                kept += 1;
                i += 1;
                continue;
            }
            let text = self.run_text(&mut inlines[i..end]);
            // An empty run (text nodes without text) leaves nothing behind.
            if !text.is_empty() {
                // The item replaced is one of the consumed text nodes (its text taken) or soft
                // breaks: it owns nothing, and needs no drop.
                debug_assert!(owns_nothing(&inlines[kept]));
                std::mem::forget(std::mem::replace(&mut inlines[kept], Inline::Str(text)));
                kept += 1;
            }
            i = end;
        }
        inlines.truncate(kept);
    }

    /// The final text of a run of text nodes and soft breaks (their text is taken). Most
    /// runs are one text node that typography leaves as it is: its string is kept, uncopied.
    fn run_text<'s>(&self, items: &mut [Inline<'s>]) -> SrcText<'s> {
        if let [Inline::Text { text, .. }] = items
            && !self.may_change(text)
        {
            return std::mem::take(text);
        }
        self.merged_text(items)
    }

    /// `run_text` of several items, or of one that may change. Kept out of line: the loop
    /// over items then needs no room for it.
    #[inline(never)]
    fn merged_text<'s>(&self, items: &mut [Inline<'s>]) -> SrcText<'s> {
        let mut run = Run::default();
        let mut next = Next::default();
        for item in items {
            if let Inline::Text {
                text,
                literal,
                next: n,
            } = item
            {
                run.push(std::mem::take(text), *literal);
                next = *n;
            } else {
                run.text.to_mut().push('\n');
                next = Next::default();
            }
        }
        if !self.may_change(&run.text) {
            return run.text;
        }
        self.finish(run, &next).into()
    }

    /// The final text of `run`, which `may_change` found something in.
    fn finish(&self, run: Run<'_>, next: &str) -> String {
        let Run { text, literals } = run;
        // Room for the look-ahead `run` appends: no reallocation of a long run.
        let mut chars: Vec<(char, Origin)> = Vec::with_capacity(text.len() + next.len());
        chars.extend(text.chars().map(|c| (c, Origin::Plain)));
        for (at, literal, origin) in literals {
            let first = text[..at].chars().count();
            for flag in chars[first..].iter_mut().take(literal) {
                flag.1 = origin;
            }
        }
        self.run(&mut chars, next)
    }

    /// Whether `run` could change `text`: only a quote or (with typographic symbols) the
    /// first two characters of a symbol start a change, and the look-ahead matters only
    /// after a quote. Almost all text has none of these, so this scan is the whole cost of
    /// typography for it.
    fn may_change(&self, text: &str) -> bool {
        #[cfg(test)]
        if SCAN_ALL.with(std::cell::Cell::get) {
            return true;
        }
        let bytes = text.as_bytes();
        let Some(&last) = bytes.last() else {
            return false;
        };
        // All of these are ASCII: bytes, not characters, are compared.
        let syms = self.syms;
        let starts =
            |a: u8, b: u8| (a == b'"') | (a == b'\'') | (syms & (a == b) & is_doubled_start(a));
        // The pairs of a block of `LANES` bytes are tested without an early exit, so the
        // compiler turns the test into vector compares; blocks stop at the first find.
        const LANES: usize = 16;
        let block_has = |block: &[u8]| {
            let mut found = false;
            for k in 0..LANES {
                found |= starts(block[k], block[k + 1]);
            }
            found
        };
        if last == b'"' || last == b'\'' {
            return true;
        }
        if bytes.len() <= LANES {
            // A short text as one block, padded with zeros: a zero byte starts nothing.
            return block_has(&padded::<{ LANES + 1 }>(bytes));
        }
        let mut at = 0;
        while at + LANES < bytes.len() {
            if block_has(&bytes[at..=at + LANES]) {
                return true;
            }
            at += LANES;
        }
        // The last pairs, as a block that overlaps the one before.
        block_has(&bytes[bytes.len() - 1 - LANES..])
    }

    fn children(&self, inline: &mut Inline) {
        match inline {
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => self.content(c),
            Inline::Attributed(inner, _) => self.children(inner),
            Inline::Link {
                children,
                auto: false,
                ..
            } => self.content(children),
            Inline::Link {
                children,
                auto: true,
                ..
            } => {
                for c in children.iter_mut() {
                    if let Inline::Text { text, .. } = c {
                        *c = Inline::Str(std::mem::take(text));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The text of consecutive text nodes and soft breaks, and where a node's leading
/// characters are left alone (byte offset in `text`, number of characters, their origin).
#[derive(Default)]
struct Run<'s> {
    text: SrcText<'s>,
    literals: Vec<(usize, usize, Origin)>,
}

impl<'s> Run<'s> {
    fn push(&mut self, text: SrcText<'s>, literal: usize) {
        if literal > 0 && !text.is_empty() {
            // One literal character is a backslash escape's (see `kramdown_escape`).
            let origin = match literal {
                1 => Origin::Escaped,
                _ => Origin::Literal,
            };
            let literal = literal.min(text.chars().count());
            self.literals.push((self.text.len(), literal, origin));
        }
        if self.text.is_empty() {
            // The first node's string becomes the run's: no copy.
            self.text = text;
        } else {
            self.text.to_mut().push_str(&text);
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Tests scan every run, to compare with the `may_change` shortcut.
    static SCAN_ALL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `bytes` (at most 16 of them) at the start of a block of zeros. Copied as two overlapping
/// pieces of fixed size, which are plain loads and stores: a copy of variable length would
/// be a library call, which costs more than the scan of the block.
pub(crate) fn padded<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut block = [0; N];
    let n = bytes.len();
    if n >= 8 {
        block[..8].copy_from_slice(&bytes[..8]);
        block[n - 8..n].copy_from_slice(&bytes[n - 8..]);
    } else if n >= 4 {
        block[..4].copy_from_slice(&bytes[..4]);
        block[n - 4..n].copy_from_slice(&bytes[n - 4..]);
    } else if n > 0 {
        // The first, middle and last byte cover up to three.
        block[0] = bytes[0];
        block[n / 2] = bytes[n / 2];
        block[n - 1] = bytes[n - 1];
    }
    block
}

/// Whether `b` starts a typographic symbol when doubled (`--`, `..`, `<<`, `>>`): every
/// symbol has one of these pairs. Written as arithmetic (`-` and `.` are adjacent, `<` and
/// `>` differ in one bit) so that vector code tests it with two compares, not a table.
fn is_doubled_start(b: u8) -> bool {
    (b.wrapping_sub(b'-') < 2) | (b | 2 == b'>')
}

/// A soft break, or a text node whose text was taken.
fn owns_nothing(item: &Inline) -> bool {
    match item {
        Inline::Soft => true,
        Inline::Text { text, .. } => match text {
            Cow::Borrowed(_) => true,
            Cow::Owned(text) => text.capacity() == 0,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With every run scanned, no text node is made final where it is either: the general
    /// merging of runs makes the same output as the shortcuts.
    #[test]
    fn runs_left_alone_are_those_the_scan_leaves_alone() {
        let docs = crate::converter::markdown::test_inputs::all();
        let mut opts = Options::default();
        for syms in [true, false] {
            opts.typographic_syms = syms;
            for doc in &docs {
                let fast = crate::converter::markdown::convert(doc, &opts);
                SCAN_ALL.with(|s| s.set(true));
                let scanned = crate::converter::markdown::convert(doc, &opts);
                SCAN_ALL.with(|s| s.set(false));
                assert_eq!(fast, scanned, "{doc:?} {syms}");
            }
        }
    }

    #[test]
    fn pads_short_texts() {
        let text: Vec<u8> = (1..=16).collect();
        for n in 0..=16 {
            let mut want = [0; 17];
            want[..n].copy_from_slice(&text[..n]);
            assert_eq!(padded::<17>(&text[..n]), want, "{n}");
        }
    }

    #[test]
    fn may_change_finds_quotes_and_symbol_starts() {
        let cases = [
            ("", false, false),
            ("plain text.", false, false),
            ("it's", true, true),
            ("x\"", true, true),
            ("'", true, true),
            ("a--b", true, false),
            ("a-b.c", false, false),
            ("wait...", true, false),
            ("<<", true, false),
            ("x >> y", true, false),
            ("sixteen bytes ok", false, false),
            ("sixteen bytes ok'", true, true),
            ("sixteen bytes o'k", true, true),
            ("sixteen bytes o--", true, false),
            ("sixteen bytes ok-- and more", true, false),
            ("a thirty-two byte text, no more.", false, false),
            ("a thirty-two byte text, no more..", true, false),
            ("a thirty-two byte text, no more.\"", true, true),
        ];
        for (text, with_syms, without) in cases {
            for (syms, want) in [(true, with_syms), (false, without)] {
                let t = Typographer {
                    quotes: ["a", "b", "c", "d"].map(Cow::Borrowed),
                    syms,
                };
                assert_eq!(t.may_change(text), want, "{text:?} {syms}");
            }
        }
    }

    /// Byte by byte, as `may_change` is specified.
    fn may_change_slowly(text: &str, syms: bool) -> bool {
        let b = text.as_bytes();
        b.iter().any(|&c| c == b'"' || c == b'\'')
            || (syms && b.windows(2).any(|w| w[0] == w[1] && is_doubled_start(w[0])))
    }

    #[test]
    fn may_change_finds_a_start_anywhere() {
        let clean = "abc-d.e<f>g ".repeat(10);
        for len in 0..100 {
            let text = &clean[..len];
            for syms in [true, false] {
                let t = Typographer {
                    quotes: ["a", "b", "c", "d"].map(Cow::Borrowed),
                    syms,
                };
                assert!(!t.may_change(text), "{text:?}");
                for at in 0..len {
                    for start in ["'", "\"", "--", "..", "<<", ">>"] {
                        let mut changed = text.to_string();
                        changed.replace_range(at..(at + start.len()).min(len), start);
                        let want = may_change_slowly(&changed, syms);
                        assert_eq!(t.may_change(&changed), want, "{changed:?} {syms}");
                    }
                }
            }
        }
    }
}
