//! The common case of kramdown's emphasis parser (`emphasis`), item by item: every `*`
//! delimiter of the run is an item of its own (`*` or `**`, as the builder leaves
//! pulldown-cmark's emphasis), and each opener's next delimiter item is its closer. Then
//! kramdown's matching (`emphasis.rb`) reduces to a few checks on the neighbouring items, and
//! the elements are made in place with no tokens. Any other run (an `_`, a delimiter inside
//! text, one left as text, adjacent delimiter items, empty text) goes to the general parser;
//! a test runs both on every spec and kramdown input.

use super::borrowed::keep;
use super::emphasis::{Elem, first_char, is_space, last_char, nested};
use super::tree::{Inline, Next, has_either};

/// How a run can be resolved.
#[derive(Debug, PartialEq)]
pub(super) enum Run {
    /// No delimiter at all: nothing but the elements inside links changes. `nests`: the
    /// run has an item whose children are resolved too (`nested`).
    Plain { nests: bool },
    /// Emphasis elements from item pairs alone (opener, closer, kind), in order.
    Pairs { nests: bool },
    /// Anything else: the general parser's.
    General,
}

/// What an item is to the matching.
#[derive(Clone, Copy, PartialEq)]
enum Item {
    /// `*` or `**` alone.
    Delim(usize),
    /// Text between `n` delimiters, `*x*` or `**x**` (as table cells hold it).
    Wrapped(usize),
    /// One token with no delimiter.
    Span,
    /// A span with span children of its own (a link, strikethrough).
    Nests,
    General,
}

fn item(inline: &Inline) -> Item {
    match inline {
        Inline::Text { text, literal, .. } => match text.as_bytes() {
            [b'*'] if *literal == 0 => Item::Delim(1),
            [b'*', b'*'] if *literal == 0 => Item::Delim(2),
            // Empty text makes no token: it would join its neighbours' tokens.
            [] => Item::General,
            _ if !has_either(text, b'*', b'_') => Item::Span,
            _ if *literal == 0 => wrapped(text),
            _ => Item::General,
        },
        Inline::Str(text) if text.is_empty() => Item::General,
        Inline::Link { .. } | Inline::Del(_) | Inline::Attributed(..) => Item::Nests,
        _ => Item::Span,
    }
}

/// `*x*` or `**x**` with no delimiter in `x`.
fn wrapped(text: &str) -> Item {
    let n = if text.starts_with("**") { 2 } else { 1 };
    let delims = &"**"[..n];
    match text
        .strip_prefix(delims)
        .and_then(|t| t.strip_suffix(delims))
    {
        Some(inner) if !inner.is_empty() && !has_either(inner, b'*', b'_') => Item::Wrapped(n),
        _ => Item::General,
    }
}

/// Finds the elements of a run whose delimiters pair up item by item, or says that it has
/// none or needs the general parser. `stack`: the elements around the run.
pub(super) fn pairs(
    inlines: &[Inline],
    stack: &[Elem],
    pairs: &mut Vec<(usize, usize, Elem)>,
) -> Run {
    let mut open: Option<(usize, usize)> = None;
    let (mut after_delim, mut nests) = (false, false);
    for (at, inline) in inlines.iter().enumerate() {
        let n = match item(inline) {
            Item::General => return Run::General,
            span @ (Item::Span | Item::Nests) => {
                nests |= span == Item::Nests;
                after_delim = false;
                continue;
            }
            // Adjacent delimiter items would make one run of delimiter tokens.
            Item::Delim(_) | Item::Wrapped(_) if after_delim => return Run::General,
            Item::Wrapped(n) => {
                let Inline::Text { text, .. } = inline else {
                    return Run::General;
                };
                let elem = if n == 2 { Elem::Strong } else { Elem::Em };
                let inner = &text[n..text.len() - n];
                let opens = inner.starts_with(|c| !is_space(c)) && !stack.contains(&elem);
                if open.is_some() || !opens || inner.ends_with(is_space) {
                    return Run::General;
                }
                pairs.push((at, at, elem));
                after_delim = true;
                continue;
            }
            Item::Delim(n) => n,
        };
        after_delim = true;
        let elem = if n == 2 { Elem::Strong } else { Elem::Em };
        match open {
            None if opens(inlines, at, elem, stack) => open = Some((at, n)),
            Some((from, len)) if len == n && closes(inlines, at) => {
                pairs.push((from, at, elem));
                open = None;
            }
            _ => return Run::General,
        }
    }
    match (open, pairs.is_empty()) {
        (None, true) => Run::Plain { nests },
        (None, false) => Run::Pairs { nests },
        (Some(_), _) => Run::General,
    }
}

/// kramdown's opener test at a delimiter item followed by a span: no whitespace after it,
/// no element of its kind around it.
fn opens(inlines: &[Inline], at: usize, elem: Elem, stack: &[Elem]) -> bool {
    let after = inlines.get(at + 1).map(first_char);
    after.is_some_and(|c| !is_space(c)) && !stack.contains(&elem)
}

/// kramdown's closer test at a delimiter item after a span (the children): no whitespace
/// before it. (An `*` closer followed by `*` is excluded as adjacent delimiter items.)
fn closes(inlines: &[Inline], at: usize) -> bool {
    let before = at.checked_sub(1).and_then(|b| inlines.get(b));
    before.is_some_and(|b| !is_space(last_char_of(b)))
}

/// The last source character of a span item (text is never empty here).
fn last_char_of(inline: &Inline) -> char {
    match inline {
        Inline::Text { text, .. } | Inline::Str(text) => text.chars().next_back().unwrap_or(' '),
        other => last_char(other),
    }
}

/// Makes the elements `pairs` found, moving each item once: an element takes the place of
/// its opener, its children move into it, and the items after it move up.
pub(super) fn make(
    inlines: &mut Vec<Inline>,
    pairs: &[(usize, usize, Elem)],
    stack: &mut Vec<Elem>,
    nests: bool,
) {
    let Some(&(first, ..)) = pairs.first() else {
        return;
    };
    let (mut write, mut read) = (first, first);
    for &(open, close, elem) in pairs {
        for at in read..open {
            inlines.swap(write, at);
            write += 1;
        }
        read = close + 1;
        if open == close {
            let item = std::mem::replace(&mut inlines[open], Inline::Soft);
            inlines[write] = unwrap(item, elem);
            write += 1;
            continue;
        }
        stack.push(elem);
        let mut children = Vec::with_capacity(close - open - 1);
        for child in &mut inlines[open + 1..close] {
            let mut child = std::mem::replace(child, Inline::Soft);
            if nests {
                nested(&mut child, stack);
            }
            children.push(child);
        }
        stack.pop();
        // What is left between `write` and `close` (delimiters, moved items) is dropped.
        inlines[write] = match elem {
            Elem::Em => Inline::Em(children),
            Elem::Strong => Inline::Strong(children),
        };
        write += 1;
    }
    if read == inlines.len() {
        inlines.truncate(write);
    } else {
        inlines.drain(write..read);
    }
    if nests {
        inlines.iter_mut().for_each(|inline| nested(inline, stack));
    }
}

/// The element a `Wrapped` text item makes: its text without the delimiters, as the general
/// parser cuts it (the look-ahead is the closing delimiters).
fn unwrap(item: Inline, elem: Elem) -> Inline {
    let Inline::Text { mut text, .. } = item else {
        return item;
    };
    let n = if elem == Elem::Strong { 2 } else { 1 };
    let next = Next::of(&text[text.len() - n..]);
    let len = text.len();
    keep(&mut text, n..len - n);
    let child = Inline::Text {
        text,
        literal: 0,
        next,
    };
    match elem {
        Elem::Em => Inline::Em(vec![child]),
        Elem::Strong => Inline::Strong(vec![child]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::emphasis::{self, GENERAL_ONLY};
    use super::super::source::LineStarts;
    use super::super::tree::{Document, Text, walk_text};
    use super::super::{Options, adapt_source, block_extensions, tree};
    use super::{Inline, Next, Run, pairs};

    /// Every CommonMark, GFM and kramdown input, the benchmark blog's posts, and cases
    /// near the limits of the item pairs.
    fn inputs() -> Vec<String> {
        let mut docs = crate::converter::markdown::test_inputs::all();
        let cases = [
            "*a*",
            "**a**",
            "* a*",
            "*a *",
            "**a*",
            "*a**",
            "***a***",
            "a*b*c",
            "*a* *b*",
            "**a *b* c**",
            "*a **b** c*",
            "[*a*](u)",
            "*[a](u)*",
            "*a [*b*](u) c*",
            "**a [**b**](u)**",
            "*a*b",
            "*a*_b_",
            "*\\*a*",
            "\\**a*",
            "* a *",
            "*a\nb*",
            "**`a`**",
            "*<b>x</b>*",
            "*a*\n\n**b**",
            "*a",
            "a*",
            "*a* b*",
            "**a** *b*",
            "~~*a*~~",
            "*~~a~~*",
            "*a*{: .c}",
            "| *a* | **b** |\n|---|---|\n| *c* | d |",
            "| * a* | *b * |\n|---|---|\n| *c*d | *\\*e* |\n",
            "# *a* b\n",
            "- *a*\n- **b**\n",
            "*a*\n: *b*\n",
            "| x |\n|---|\n| *a*`c`*b* |\n| **a** b `c`*d* |\n",
            "*&amp;*",
            "*&amp; *",
            "*\u{a0}a*",
            "**\u{a0}**",
        ];
        docs.extend(cases.iter().map(|c| c.to_string()));
        docs
    }

    /// The tree of `src` as `convert_with` has it right after emphasis.
    fn parsed(src: &str) -> Document<'static> {
        let src = adapt_source(src);
        let lines = LineStarts::new(&src);
        let extensions = block_extensions::rewrite(src, &lines, true);
        let defaults = Options::default();
        let opts = defaults.with_settings(&extensions.options, &extensions.text);
        let mut doc = tree::parse(&extensions.text, &opts).into_owned();
        extensions.resolve(&mut doc.blocks);
        doc
    }

    fn resolved(src: &str, general_only: bool) -> String {
        let mut doc = parsed(src);
        GENERAL_ONLY.with(|g| g.set(general_only));
        emphasis::apply(&mut doc);
        GENERAL_ONLY.with(|g| g.set(false));
        format!("{doc:?}")
    }

    fn text(s: &str) -> Inline<'_> {
        Inline::Text {
            text: s.into(),
            literal: 0,
            next: Next::of("x"),
        }
    }

    /// Runs of shapes the builder may not make today, item by item.
    #[test]
    fn item_pairs_of_any_shape_resolve_as_the_general_parser_does() {
        let code = || Inline::Code("c".into());
        let link = |children| Inline::Link {
            target: Box::new(crate::converter::markdown::tree::LinkTarget {
                url: "u".to_string(),
                ..Default::default()
            }),
            auto: false,
            shortcut: false,
            children,
        };
        let runs = [
            vec![text("*a*"), code(), text("*b*")],
            vec![
                text("*"),
                text("a"),
                text("*"),
                text(" b "),
                text("**c**"),
                code(),
            ],
            vec![
                text("**a**"),
                text(" "),
                text("*"),
                code(),
                text("*"),
                text("*b*"),
            ],
            vec![text("*a*"), text("*b*")],
            vec![text("* a*"), text("*b *"), text("**"), text("c"), text("*")],
            vec![
                link(vec![text("*"), text("a"), text("*")]),
                text("*"),
                code(),
                text("*"),
            ],
            vec![
                text("*"),
                link(vec![text("*"), text("a"), text("*")]),
                text("*"),
            ],
            vec![
                text("**"),
                link(vec![text("**b**")]),
                text("**"),
                Inline::Soft,
            ],
            vec![text("*"), Inline::Soft, text("*"), text("a"), text("*")],
            vec![text("x"), text(""), text("*"), text("a"), text("*")],
        ];
        for run in runs {
            let (mut fast, mut general) = (run.clone(), run.clone());
            emphasis::resolve(&mut fast, &mut Vec::new());
            GENERAL_ONLY.with(|g| g.set(true));
            emphasis::resolve(&mut general, &mut Vec::new());
            GENERAL_ONLY.with(|g| g.set(false));
            assert_eq!(format!("{fast:?}"), format!("{general:?}"), "{run:?}");
        }
    }

    #[test]
    fn item_pairs_resolve_runs_as_the_general_parser_does() {
        let docs = inputs();
        let mut runs_with_pairs = 0;
        for src in &docs {
            walk_text(&mut parsed(src), &mut |place| {
                let mut found = Vec::new();
                if let Text::Inlines(inlines) = place
                    && matches!(pairs(inlines, &[], &mut found), Run::Pairs { .. })
                {
                    runs_with_pairs += 1;
                }
            });
            assert_eq!(resolved(src, false), resolved(src, true), "{src:?}");
        }
        // The blog's posts alone hold 200 such runs.
        assert!(runs_with_pairs > 300, "{runs_with_pairs}");
    }
}
