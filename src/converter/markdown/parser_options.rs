//! Which pulldown-cmark extensions a document is parsed with. kramdown has no such switches
//! (its GFM parser always knows tables, footnotes, definition lists…); here an extension is
//! enabled only when the document can use it, because each one costs pulldown-cmark checks
//! on every line, and for tables, work that kramdown's own table syntax (`table`) redoes.

use pulldown_cmark::Options as CmOptions;
use std::ops::Range;

/// The pulldown-cmark extensions `src` can use: each one's syntax needs a character that
/// many documents lack. `tables`: table syntax is recognised at all (not in table cells);
/// `rare`: `Rare::in_bytes` of `src`.
pub(super) fn parser_options(src: &str, tables: bool, rare: &Rare) -> CmOptions {
    let bytes = src.as_bytes();
    let has = |b: u8| memchr::memchr(b, bytes).is_some();
    let mut cm = CmOptions::empty();
    let wanted = [
        (CmOptions::ENABLE_FOOTNOTES, rare.footnote),
        (CmOptions::ENABLE_TASKLISTS, has(b'[')),
        (CmOptions::ENABLE_DEFINITION_LIST, has(b':')),
        (CmOptions::ENABLE_MATH, rare.dollar),
        (
            CmOptions::ENABLE_TABLES,
            tables && (always_tables() || tables_outside_kramdowns_reach(bytes)),
        ),
    ];
    for (option, used) in wanted {
        if used {
            cm |= option;
        }
    }
    cm
}

/// The characters most documents lack that an extension needs: one search for the three,
/// as a search that finds nothing reads the whole source. The builder of the top-level
/// document is given it, to skip the search for footnote definitions too.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rare {
    /// `[^`.
    pub(crate) footnote: bool,
    /// `$`.
    dollar: bool,
    /// `~~`, which a strikethrough needs (the `strikethrough` pass).
    pub(crate) strikethrough: bool,
    /// `]:` may occur: `in_bytes` does not look (and says it may); the top-level
    /// document's is set from `skips::Present`, whose scan finds it.
    pub(crate) link_definitions: bool,
}

impl Rare {
    pub(crate) fn in_bytes(bytes: &[u8]) -> Rare {
        let mut rare = Rare {
            footnote: false,
            dollar: false,
            strikethrough: false,
            link_definitions: true,
        };
        for i in memchr::memchr3_iter(b'^', b'~', b'$', bytes) {
            match bytes[i] {
                b'^' => rare.footnote |= i > 0 && bytes[i - 1] == b'[',
                b'~' => rare.strikethrough |= bytes.get(i + 1) == Some(&b'~'),
                _ => rare.dollar = true,
            }
            if rare.footnote && rare.strikethrough && rare.dollar {
                break;
            }
        }
        rare
    }
}

/// Whether a table may sit where kramdown's own table parse, which the builder runs on every
/// top-level paragraph, does not look: in a block quote, a list item or a footnote, or with a
/// first line a definition list would take (`:-:|--:`). Every line of such a table either
/// carries a container's prefix (`>`, indentation, a list marker, `[^n]:`) or does not start
/// with a pipe; so when every line with a pipe starts with one, at the line start, or lies in
/// a top-level fenced code block, the top-level parse sees every table and pulldown-cmark need
/// not look for them.
fn tables_outside_kramdowns_reach(bytes: &[u8]) -> bool {
    let mut fences: Option<Vec<Range<usize>>> = None;
    let mut pos = 0;
    while let Some(i) = memchr::memchr(b'|', &bytes[pos..]) {
        let pipe = pos + i;
        let start = if pipe == 0 || bytes[pipe - 1] == b'\n' {
            pipe
        } else {
            memchr::memrchr(b'\n', &bytes[pos..pipe]).map_or(pos, |i| pos + i + 1)
        };
        // The rest of the line need not be searched: one pipe decides.
        pos = memchr::memchr(b'\n', &bytes[pipe..]).map_or(bytes.len(), |i| pipe + i + 1);
        if bytes[start] == b'|' {
            continue;
        }
        let fences = fences.get_or_insert_with(|| top_level_fences(bytes));
        if !fences.iter().any(|f| f.contains(&start)) {
            return true;
        }
    }
    false
}

/// The content of every fenced code block opened at a line start without indentation (which
/// no container's content can be), as CommonMark delimits it: up to a closing fence of the
/// same character, at least as long, indented at most three spaces, or the end.
fn top_level_fences(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut fences = Vec::new();
    let mut open: Option<(u8, usize, usize)> = None;
    let mut after_run = 0;
    for at in memchr::memchr2_iter(b'`', b'~', bytes) {
        let c = bytes[at];
        // Only the first character of a run of three or more can start a fence.
        if at < after_run || bytes.get(at + 1..at + 3) != Some(&[c, c][..]) {
            continue;
        }
        let len = bytes[at..].iter().take_while(|&&b| b == c).count();
        after_run = at + len;
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let indent = &bytes[line_start..at];
        if !indent.iter().all(|&b| b == b' ') {
            continue;
        }
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let rest = &bytes[at + len..line_end];
        match open {
            None if indent.is_empty() && !(c == b'`' && rest.contains(&b'`')) => {
                open = Some((c, len, (line_end + 1).min(bytes.len())));
            }
            Some((oc, olen, content))
                if c == oc
                    && len >= olen
                    && indent.len() <= 3
                    && rest.iter().all(|b| b.is_ascii_whitespace()) =>
            {
                fences.push(content..line_start);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((_, _, content)) = open {
        fences.push(content..bytes.len());
    }
    fences
}

#[cfg(test)]
thread_local! {
    /// Tests enable pulldown-cmark's tables wherever a pipe occurs, to compare.
    static ALWAYS_TABLES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn always_tables() -> bool {
    ALWAYS_TABLES.with(|a| a.get())
}

#[cfg(not(test))]
fn always_tables() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::markdown::{Options, convert};

    /// The one search finds what a search for each would, on every test input.
    #[test]
    fn rare_characters_as_searched_one_by_one() {
        let mut docs = crate::converter::markdown::test_inputs::all();
        let extra = [
            "", "^", "[^", "a[^1]", "^[", "~", "$", "[^~$", "$~[x^", "~~", "a~b~~",
        ];
        docs.extend(extra.iter().map(|s| s.to_string()));
        for doc in &docs {
            let b = doc.as_bytes();
            let rare = Rare::in_bytes(b);
            let footnote = crate::converter::markdown::source::find_pair(b, *b"[^", 1)
                .next()
                .is_some();
            assert_eq!(rare.footnote, footnote, "{doc:?}");
            assert_eq!(rare.dollar, doc.contains('$'), "{doc:?}");
            assert_eq!(rare.strikethrough, doc.contains("~~"), "{doc:?}");
        }
    }

    #[test]
    fn tables_outside_kramdowns_reach_by_line_starts() {
        let cases = [
            ("", false),
            ("no pipe\n", false),
            ("| a | b |\n|---|---|\n| 1 | 2 |\n", false),
            ("text\n| a |\n", false),
            ("a | b\n--|--\n", true),
            ("> | a | b |\n", true),
            ("- | a |\n", true),
            ("  | a |\n", true),
            ("[^1]: | a |\n", true),
            ("|:-:|\n:-:|--:\n", true),
            ("| a | b |\n|---|---|\nx | y\n", true),
            ("```rust\nlet f = |w| w;\n```\n| a |\n", false),
            ("~~~~\na | b\n~~~\nc | d\n~~~~~\n", false),
            ("```\na | b\n", false),
            ("```\na\n```\nb | c\n", true),
            ("  ```\na | b\n```\n", true),
            ("```a`b\nc | d\n", true),
            ("```\n``` x\na | b\n   ```\n", false),
            ("```\n    ```\na | b\n", false),
            ("```\n   ```\na | b\n", true),
        ];
        for (src, want) in cases {
            assert_eq!(
                tables_outside_kramdowns_reach(src.as_bytes()),
                want,
                "{src:?}"
            );
        }
    }

    /// A document parsed without pulldown-cmark's tables converts as it does with them: on
    /// every test input, and on tables next to containers.
    #[test]
    fn documents_without_pulldown_tables_convert_the_same() {
        let opts = Options::default();
        let mut docs = crate::converter::markdown::test_inputs::all();
        let extra = [
            "> a\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "- a\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n> q\n",
            "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n| c |\n|---|\n",
            "| a |\n|---|\n| `|` |\n",
            "|a|\n|-|\n|b|\n\n[^1]\n\n[^1]: x\n",
            "```\nlet f = |w| w;\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "- x\n\n  ```\n  a | b\n  ```\n\n|a|\n|-|\n",
        ];
        docs.extend(extra.iter().map(|s| s.to_string()));
        let mut compared = 0;
        for doc in docs.iter().filter(|d| d.contains('|')) {
            if tables_outside_kramdowns_reach(doc.as_bytes()) {
                continue;
            }
            compared += 1;
            let without = convert(doc, &opts);
            ALWAYS_TABLES.with(|a| a.set(true));
            let with = convert(doc, &opts);
            ALWAYS_TABLES.with(|a| a.set(false));
            assert_eq!(without, with, "{doc:?}");
        }
        assert!(compared > 30, "{compared}");
    }

    /// Where pulldown-cmark's tables and kramdown part: a table line right after a paragraph
    /// line starts a table in GFM, while kramdown (Jekyll 4.3.1, checked with the oracle)
    /// continues the paragraph. Without pulldown-cmark's tables the result is kramdown's.
    #[test]
    fn pipe_lines_continue_a_paragraph_as_in_kramdown() {
        let src = "a\n| b | c |\n|---|---|\n| 1 | 2 |\n";
        let want = "<p>a\n| b | c |\n|—|—|\n| 1 | 2 |</p>\n";
        assert!(!tables_outside_kramdowns_reach(src.as_bytes()));
        assert_eq!(convert(src, &Options::default()), want);
    }
}
