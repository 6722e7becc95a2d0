//! The general case of kramdown's emphasis parser (`emphasis`), for any run of span
//! elements: its text is cut into tokens at every delimiter character, which are matched
//! as `kramdown/parser/kramdown/emphasis.rb` does within `parse_spans`.
//!
//! A run's items stay where they are while it is matched: tokens are indices and byte
//! ranges into them, and only the result moves each item (once) into its place; the items
//! before the first and after the last delimiter are not moved at all.

use super::borrowed::{keep, slice_of};
use super::emphasis::{Elem, first_char, is_space, last_char, nested};
use super::tree::{Inline, Next, find_either, has_either};
use std::ops::Range;

/// A token of the run being matched: a delimiter, or span text and elements between them.
#[derive(Debug, Clone, Copy)]
enum Tok {
    Delim(char),
    /// Item `at` of the run, whole.
    Whole(usize),
    /// Bytes `start..end` of the text of item `at`, which has delimiters.
    Piece {
        at: usize,
        start: usize,
        end: usize,
    },
}

/// What the matching decided, in order: the tree is built from these once the matching is
/// done, moving each span into place. A failed attempt (a sub-parse that finds no closer)
/// only truncates the list, so backtracking copies no element.
#[derive(Debug, Clone, Copy)]
enum Event {
    /// The span token at this index.
    Span(usize),
    /// `n` delimiters `c` left as text.
    Delims(char, usize),
    /// An element whose children are the events up to its `Close` (at the index given).
    Open(Elem, usize),
    Close,
}

/// The general parser, for any run.
pub(super) fn general<'s>(
    inlines: &mut Vec<Inline<'s>>,
    stack: &mut Vec<Elem>,
    p: &mut Parser<'s>,
) {
    let Some(first) = inlines.iter().position(has_delimiter) else {
        // No delimiter: the run stays as it is (but for empty text, which makes no token).
        inlines.retain_mut(|inline| {
            nested(inline, stack);
            !is_empty_text(inline)
        });
        return;
    };
    let last = inlines.iter().rposition(has_delimiter).unwrap_or(first);
    let window = context(inlines, first, last);
    p.toks.clear();
    p.events.clear();
    p.pos = 0;
    // The parser holds the run while it is matched and its middle taken apart.
    std::mem::swap(inlines, &mut p.items);
    p.tokens(window.clone(), first, last);
    p.spans(stack, None);
    let (events, items) = p.middle(window);
    let mut out = std::mem::take(&mut p.out);
    // Each event makes at most one element: no growing on the way.
    out.reserve(events.len());
    p.build(events, stack, &mut out);
    std::mem::swap(inlines, &mut p.items);
    let built = items.start..items.start + out.len();
    replace(inlines, items, &mut out);
    p.out = out;
    // The items around the middle stayed in place.
    let mut empty = false;
    for (at, inline) in inlines.iter_mut().enumerate() {
        if !built.contains(&at) {
            nested(inline, stack);
            empty |= is_empty_text(inline);
        }
    }
    if empty {
        inlines.retain(|inline| !is_empty_text(inline));
    }
}

/// Replaces the items of `range` with those of `with` (moved, leaving it empty). The
/// result is mostly shorter: the rebuilt items go into place and the rest is removed.
fn replace<'s>(inlines: &mut Vec<Inline<'s>>, range: Range<usize>, with: &mut Vec<Inline<'s>>) {
    if with.len() > range.len() {
        inlines.splice(range, with.drain(..));
        return;
    }
    let end = range.start + with.len();
    for (slot, inline) in inlines[range.start..end].iter_mut().zip(with.drain(..)) {
        *slot = inline;
    }
    inlines.drain(end..range.end);
}

/// The items whose tokens the matching reads, around the first and the last with a
/// delimiter: the three before (a delimiter's look-behind reads up to three tokens back)
/// and the one after (its look-ahead reads the next token). Items outside make one token
/// each (but for empty text, which makes none) and no delimiter.
fn context(inlines: &[Inline], first: usize, last: usize) -> Range<usize> {
    let mut start = first;
    let mut before = 0;
    while start > 0 && before < 3 {
        start -= 1;
        before += usize::from(!is_empty_text(&inlines[start]));
    }
    let after = inlines[last + 1..].iter().position(|i| !is_empty_text(i));
    start..after.map_or(inlines.len(), |n| last + 2 + n)
}

fn is_empty_text(inline: &Inline) -> bool {
    matches!(inline, Inline::Text { text, .. } if text.is_empty())
}

/// Whether `inline` is text with a `*` or `_` (which may be a delimiter).
fn has_delimiter(inline: &Inline) -> bool {
    matches!(inline, Inline::Text { text, .. } if has_either(text, b'*', b'_'))
}

/// The text of a text or final-text item (what pieces are cut from).
fn text_of<'b>(inline: &'b Inline<'_>) -> &'b str {
    match inline {
        Inline::Text { text, .. } | Inline::Str(text) => text,
        _ => "",
    }
}

/// Splits `text` (item `at`) at its delimiter characters, the first `literal` characters
/// (escaped ones) aside.
fn split(text: &str, literal: usize, at: usize, toks: &mut Vec<Tok>) {
    // Both delimiters are ASCII: a byte search finds them.
    let bytes = text.as_bytes();
    let mut search = match literal {
        0 => 0,
        n => text.char_indices().nth(n).map_or(text.len(), |(at, _)| at),
    };
    let mut from = 0;
    while search < bytes.len()
        && let Some(found) = find_either(&bytes[search..], b'*', b'_')
    {
        let delim = search + found;
        if delim > from {
            toks.push(Tok::Piece {
                at,
                start: from,
                end: delim,
            });
        }
        toks.push(Tok::Delim(char::from(bytes[delim])));
        from = delim + 1;
        search = from;
    }
    if from == 0 {
        toks.push(Tok::Whole(at));
    } else if from < text.len() {
        toks.push(Tok::Piece {
            at,
            start: from,
            end: text.len(),
        });
    }
}

/// What ends the element being parsed: its delimiter character and length, and kind.
#[derive(Clone, Copy)]
struct Stop {
    ch: char,
    len: usize,
    elem: Elem,
}

/// The buffers of the matching, kept from run to run.
#[derive(Default)]
pub(super) struct Parser<'s> {
    /// The items of the run being matched.
    items: Vec<Inline<'s>>,
    /// The middle of the run, rebuilt.
    out: Vec<Inline<'s>>,
    toks: Vec<Tok>,
    pos: usize,
    events: Vec<Event>,
}

impl<'s> Parser<'s> {
    /// Tokens of the items of `window`; those with a delimiter lie in `first..=last`.
    fn tokens(&mut self, window: Range<usize>, first: usize, last: usize) {
        for at in window {
            match &self.items[at] {
                Inline::Text { text, .. } if text.is_empty() => {}
                Inline::Text { text, literal, .. } if (first..=last).contains(&at) => {
                    split(text, *literal, at, &mut self.toks)
                }
                _ => self.toks.push(Tok::Whole(at)),
            }
        }
    }

    /// The events and items of `window` the matching changed: the items that lead and
    /// trail it as top-level spans stay where they are. An item before delimiters left as
    /// text is rebuilt, as they join it.
    fn middle(&self, window: Range<usize>) -> (Range<usize>, Range<usize>) {
        let kept = |event: &Event, at: usize| matches!(event, Event::Span(t) if matches!(self.toks[*t], Tok::Whole(i) if i == at));
        let events = self.events.iter();
        let mut lead = events
            .zip(window.clone())
            .take_while(|(e, at)| kept(e, *at))
            .count();
        // (A run whose delimiters are all escaped may have no event but spans.)
        if lead > 0
            && matches!(self.events.get(lead), Some(Event::Delims(..)))
            && matches!(
                self.items[window.start + lead - 1],
                Inline::Text { literal: 0, .. }
            )
        {
            lead -= 1;
        }
        let rest = self.events[lead..].iter().rev();
        let items = (window.start + lead..window.end).rev();
        let trail = rest.zip(items).take_while(|(e, at)| kept(e, *at)).count();
        (
            lead..self.events.len() - trail,
            window.start + lead..window.end - trail,
        )
    }

    /// The span element token `t` stands for, moved out of the run (or cut from its text).
    /// Pieces of a text are taken in order: the last one keeps the item's string.
    fn take(&mut self, t: usize) -> Inline<'s> {
        let (at, start, end) = match self.toks[t] {
            Tok::Whole(at) => return std::mem::replace(&mut self.items[at], Inline::Soft),
            Tok::Piece { at, start, end } => (at, start, end),
            Tok::Delim(c) => return delim_text(c, 1),
        };
        let Inline::Text {
            text,
            literal,
            next,
        } = &mut self.items[at]
        else {
            // Pieces are cut from text items only.
            return Inline::Soft;
        };
        let literal = if start == 0 { *literal } else { 0 };
        if end < text.len() {
            return Inline::Text {
                text: slice_of(text, start..end),
                literal,
                next: Next::of(&text[end..]),
            };
        }
        let mut rest = std::mem::take(text);
        let len = rest.len();
        keep(&mut rest, start..len);
        Inline::Text {
            text: rest,
            literal,
            next: *next,
        }
    }

    /// kramdown's `parse_spans` with an optional stop delimiter; returns whether it stopped.
    /// The element's children are the events added after `start`.
    fn spans(&mut self, stack: &mut Vec<Elem>, stop: Option<Stop>) -> bool {
        let start = self.events.len();
        while self.pos < self.toks.len() {
            match self.toks[self.pos] {
                Tok::Whole(_) | Tok::Piece { .. } => {
                    self.events.push(Event::Span(self.pos));
                    self.pos += 1;
                }
                Tok::Delim(c) => {
                    if let Some(stop) = stop
                        && self.stops(stop, self.events.len() > start)
                    {
                        return true;
                    }
                    self.emphasis(c, stack);
                }
            }
        }
        false
    }

    /// The stop condition kramdown gives `parse_spans` for emphasis.
    fn stops(&self, stop: Stop, has_children: bool) -> bool {
        let at = self.pos;
        if !self.delims(at, stop.ch, stop.len) || !has_children {
            return false;
        }
        let after_space = self.chars_before(at)[0].is_some_and(is_space);
        // An `*` closer is not the start of a `**` (unless that is a `***`).
        let starts_strong = stop.elem == Elem::Em
            && self.delims(at, stop.ch, 2 * stop.len)
            && !self.delims(at + 2 * stop.len, stop.ch, 1);
        let underscore_word = stop.ch == '_'
            && self
                .char_at(at + stop.len)
                .is_some_and(char::is_alphanumeric);
        !after_space && !starts_strong && !underscore_word
    }

    /// kramdown's `parse_emphasis` at a delimiter.
    fn emphasis(&mut self, c: char, stack: &mut Vec<Elem>) {
        let start = self.pos;
        let n = if self.delims(start, c, 2) { 2 } else { 1 };
        let elem = if n == 2 { Elem::Strong } else { Elem::Em };
        let word_before = c == '_' && self.after_word(start);
        let space_after = self.char_at(start + n).is_some_and(is_space);
        if word_before || space_after || stack.contains(&elem) {
            self.pos = start + n;
            self.events.push(Event::Delims(c, n));
            return;
        }
        self.pos = start + n;
        let mut found = self.sub_parse(c, n, elem, stack);
        if !found && elem == Elem::Strong && stack.last() != Some(&Elem::Em) {
            self.pos = start + 1;
            found = self.sub_parse(c, 1, Elem::Em, stack);
        }
        if !found {
            self.pos = start + n;
            self.events.push(Event::Delims(c, n));
        }
    }

    /// Parses an element's children up to its closer; without one, the events it added
    /// are dropped and it returns false.
    fn sub_parse(&mut self, c: char, len: usize, elem: Elem, stack: &mut Vec<Elem>) -> bool {
        let mark = self.events.len();
        self.events.push(Event::Open(elem, mark));
        stack.push(elem);
        let stop = Stop { ch: c, len, elem };
        let found = self.spans(stack, Some(stop));
        stack.pop();
        if !found {
            self.events.truncate(mark);
            return false;
        }
        self.events[mark] = Event::Open(elem, self.events.len());
        self.events.push(Event::Close);
        self.pos += len;
        true
    }

    /// Builds the span elements the events of `range` describe into `out`, moving each span
    /// token into place. Emphasis inside links and strikethrough is resolved here, with the
    /// elements enclosing it known, as the matching would have.
    fn build(&mut self, range: Range<usize>, stack: &mut Vec<Elem>, out: &mut Vec<Inline<'s>>) {
        let mut i = range.start;
        while i < range.end {
            match self.events[i] {
                Event::Span(t) => {
                    let mut inline = self.take(t);
                    nested(&mut inline, stack);
                    push(out, inline);
                }
                Event::Delims(c, n) => push(out, delim_text(c, n)),
                Event::Open(elem, close) => {
                    let mut children = Vec::with_capacity(close - i - 1);
                    stack.push(elem);
                    self.build(i + 1..close, stack, &mut children);
                    stack.pop();
                    out.push(match elem {
                        Elem::Em => Inline::Em(children),
                        Elem::Strong => Inline::Strong(children),
                    });
                    i = close;
                }
                Event::Close => {}
            }
            i += 1;
        }
    }

    /// Whether `len` delimiters `c` start at token `at`.
    fn delims(&self, at: usize, c: char, len: usize) -> bool {
        (at..at + len).all(|i| matches!(self.toks.get(i), Some(Tok::Delim(d)) if *d == c))
    }

    /// The first character of token `at` as kramdown's scanner sees the source.
    fn char_at(&self, at: usize) -> Option<char> {
        match self.toks.get(at)? {
            Tok::Delim(c) => Some(*c),
            Tok::Whole(i) => Some(first_char(&self.items[*i])),
            Tok::Piece { at, start, end } => text_of(&self.items[*at])[*start..*end].chars().next(),
        }
    }

    /// The (at most two) source characters before token `at`, nearest first, from up to
    /// three tokens back.
    fn chars_before(&self, at: usize) -> [Option<char>; 2] {
        let mut found = [None; 2];
        let mut n = 0;
        let mut add = |c: char| {
            if n < 2 {
                found[n] = Some(c);
                n += 1;
            }
        };
        for t in self.toks[..at].iter().rev().take(3) {
            match t {
                Tok::Delim(c) => add(*c),
                Tok::Whole(i) => match &self.items[*i] {
                    Inline::Text { text, .. } | Inline::Str(text) => {
                        text.chars().rev().take(2).for_each(&mut add)
                    }
                    inline => add(last_char(inline)),
                },
                Tok::Piece { at, start, end } => text_of(&self.items[*at])[*start..*end]
                    .chars()
                    .rev()
                    .take(2)
                    .for_each(&mut add),
            }
        }
        found
    }

    /// `_` right after a word: kramdown's `/[[:alpha:]]-?[[:alpha:]]*\z/` on the text before.
    fn after_word(&self, at: usize) -> bool {
        match self.chars_before(at) {
            [Some(c), _] if c.is_alphabetic() => true,
            [Some('-'), before] => before.is_some_and(char::is_alphabetic),
            _ => false,
        }
    }
}

fn delim_text(c: char, n: usize) -> Inline<'static> {
    Inline::Text {
        text: c.to_string().repeat(n).into(),
        literal: 0,
        next: Next::default(),
    }
}

/// Adds a span element, joining a delimiter left as text to plain text before it.
fn push<'s>(out: &mut Vec<Inline<'s>>, inline: Inline<'s>) {
    if let (
        Some(Inline::Text {
            text, literal: 0, ..
        }),
        Inline::Text {
            text: more,
            literal: 0,
            next,
        },
    ) = (out.last_mut(), &inline)
        && more.chars().all(|c| c == '*' || c == '_')
    {
        text.to_mut().push_str(more);
        if let Some(Inline::Text { next: n, .. }) = out.last_mut() {
            *n = *next;
        }
        return;
    }
    out.push(inline);
}
