//! YAML front matter: whether a file has it (`Jekyll::Utils.has_yaml_header?`) and
//! how it is split from the body (`Document::YAML_FRONT_MATTER_REGEXP`, used by
//! both `document.rb#read_content` and `convertible.rb#read_yaml`):
//!
//! ```text
//! \A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)    (multiline: `.` matches newlines)
//! ```
//!
//! Consequences reproduced here (checked against Jekyll 4.3.1):
//! - the YAML text handed to SafeYAML *includes* the opening `---` line, so YAML
//!   error lines are file lines;
//! - the closing `---`/`...` may carry trailing blanks, and every blank line right
//!   after it is swallowed too (`\s*$` runs over newlines): the body starts at the
//!   first line with visible text, or is empty;
//! - a header without a closing line is not front matter: the whole text is body;
//! - content is read with `bom|utf-8`, so a BOM is dropped before matching, but
//!   `has_yaml_header?` reads raw bytes: a file starting with a BOM is not a
//!   page/document at all (Jekyll copies it as a static file), while a post with a
//!   BOM still gets its front matter;
//! - empty front matter, or one that is `nil`/`false`, gives empty data; any other
//!   non-hash (a list, a string, `true`) is an error (fatal for pages, logged for
//!   documents), as is a YAML error (logged and skipped unless
//!   `strict_front_matter`). Errors carry the body Jekyll goes on with.

use crate::liquid::{Map, Value};
use crate::yaml;

/// A file split into its front matter data and its body.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub data: Map,
    /// The content after the front matter, exactly as Jekyll keeps it.
    pub body: String,
    /// The 1-based line of the file where `body` starts.
    pub body_line: usize,
}

/// Front matter Jekyll could not use. Both kinds keep the split body, because
/// Jekyll has already replaced the content with it when loading fails.
#[derive(thiserror::Error, Debug, Clone)]
pub enum FrontMatterError {
    /// SafeYAML raised: a syntax error (or a `TypeError` such as a bad `<<`).
    #[error("YAML Exception reading {path}: {message} at line {line} column {column}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
        recovered: Box<FrontMatter>,
    },
    /// The front matter is YAML but not a hash (`- a`, `hello`, `true`):
    /// `Errors::InvalidYAMLFrontMatterError` for pages, a read error for documents.
    #[error("{path}: Invalid YAML front matter (a {found}, not a hash)")]
    NotAHash {
        path: String,
        found: &'static str,
        recovered: Box<FrontMatter>,
    },
}

impl FrontMatterError {
    /// What Jekyll goes on with when it only warns: empty data and the body.
    pub fn into_recovered(self) -> FrontMatter {
        match self {
            FrontMatterError::Syntax { recovered, .. } => *recovered,
            FrontMatterError::NotAHash { recovered, .. } => *recovered,
        }
    }
}

/// `Utils.has_yaml_header?`: the first line is `---` plus optional blanks
/// (`\A---\s*\r?\n`, on raw bytes: a BOM makes it false).
pub fn has_front_matter(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"---") else {
        return false;
    };
    let blanks = rest
        .iter()
        .take_while(|b| is_space_not_newline(**b))
        .count();
    rest.get(blanks) == Some(&b'\n')
}

/// Split `text` (a file's content) into front matter and body. `Ok(None)` when
/// the text has no complete front matter block: then all of it is body.
pub fn split(path_for_errors: &str, text: &str) -> Result<Option<FrontMatter>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((yaml_end, body_start)) = find_block(text) else {
        return Ok(None);
    };
    let recovered = FrontMatter {
        data: Map::new(),
        body: text[body_start..].to_string(),
        body_line: text[..body_start].matches('\n').count() + 1,
    };
    match yaml::load(&text[..yaml_end]) {
        Ok(None | Some(Value::Nil | Value::Bool(false))) => Ok(Some(recovered)),
        Ok(Some(Value::Hash(map))) => Ok(Some(FrontMatter {
            data: std::sync::Arc::unwrap_or_clone(map),
            ..recovered
        })),
        Ok(Some(other)) => Err(FrontMatterError::NotAHash {
            path: path_for_errors.to_string(),
            found: kind_name(&other),
            recovered: Box::new(recovered),
        }),
        Err(e) => Err(FrontMatterError::Syntax {
            path: path_for_errors.to_string(),
            line: e.line,
            column: e.column,
            message: e.message,
            recovered: Box::new(recovered),
        }),
    }
}

/// Where the regexp's first group ends and where its post-match starts.
fn find_block(text: &str) -> Option<(usize, usize)> {
    let after_dashes = text.strip_prefix("---")?;
    // `---\s*\n`: the greedy `\s*` backs off to the last newline of the blank run.
    let blank_run = after_dashes.len() - after_dashes.trim_start_matches(is_space).len();
    let last_newline = after_dashes[..blank_run].rfind('\n')?;
    let mut line_start = 3 + last_newline + 1;
    loop {
        if let Some(body_start) = closing_line(text, line_start) {
            return Some((line_start, body_start));
        }
        line_start += text[line_start..].find('\n')? + 1;
    }
}

/// `^((---|\.\.\.)\s*$\n?)` at `start`: the post-match offset when it matches.
fn closing_line(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let after = rest
        .strip_prefix("---")
        .or_else(|| rest.strip_prefix("..."))?;
    let blank_run = after.len() - after.trim_start_matches(is_space).len();
    let end = start + (rest.len() - after.len()) + blank_run;
    if end == text.len() {
        return Some(end);
    }
    // `$` must hold before a newline inside the run; `\n?` then takes it.
    let newline = after[..blank_run].rfind('\n')?;
    Some(start + (rest.len() - after.len()) + newline + 1)
}

/// Ruby's `\s`: space, tab, newline, vertical tab, form feed, carriage return.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

fn is_space_not_newline(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r')
}

fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "list",
        Value::Str(_) => "string",
        Value::Int(_) | Value::Float(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Date(_) | Value::Time(_) => "date",
        _ => "scalar",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (file text, expected body, body line, title) — bodies as Jekyll 4.3.1
    /// wrote them for the same files (`None`: no front matter, all body).
    /// Expected body, body line and (when checked) title.
    type Split = Option<(&'static str, usize, Option<&'static str>)>;

    #[test]
    fn splits_as_jekyll() {
        let cases: &[(&str, Split)] = &[
            (
                "---\ntitle: B\n---\nbody B\n",
                Some(("body B\n", 4, Some("B"))),
            ),
            (
                "---\ntitle: R\n---\n\n\nbody R\n",
                Some(("body R\n", 6, Some("R"))),
            ),
            (
                "---\ntitle: A\n---\n\n\n  \nbody A\n",
                Some(("body A\n", 7, Some("A"))),
            ),
            (
                "---\r\ntitle: C\r\n---\r\nbody C\r\n",
                Some(("body C\r\n", 4, Some("C"))),
            ),
            (
                "\u{feff}---\ntitle: M\n---\nbody M\n",
                Some(("body M\n", 4, Some("M"))),
            ),
            (
                "---\ntitle: E\n...\nbody E\n",
                Some(("body E\n", 4, Some("E"))),
            ),
            ("---\n---\nbody F\n", Some(("body F\n", 3, None))),
            (
                "--- \ntitle: G\n---   \nbody G\n",
                Some(("body G\n", 4, Some("G"))),
            ),
            ("---\n", None),
            ("---\ntitle: I\n", None),
            ("---\ntitle: J\n---", Some(("", 3, Some("J")))),
            ("---\ntitle: J\n---\n\n", Some(("", 5, Some("J")))),
            (
                "---\ntitle: K\n---\n---\nbody K\n",
                Some(("---\nbody K\n", 4, Some("K"))),
            ),
            ("---\n# comment\n---\nbody L\n", Some(("body L\n", 4, None))),
            ("---\nfalse\n---\nbody T\n", Some(("body T\n", 4, None))),
            (
                "---\ntitle: Q\n---\nline1\n---\nline3\n",
                Some(("line1\n---\nline3\n", 4, Some("Q"))),
            ),
            ("---\n\n\ntitle: S\n---\nx", Some(("x", 6, Some("S")))),
            ("---\ntitle: U\n--- x\n---\nx", Some(("x", 5, None))),
            ("----\ntitle: V\n---\nx", None),
            ("no front matter\n", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = split("t.md", text).expect("no error");
            match (got, want) {
                (None, None) => {}
                (Some(fm), Some((body, line, title))) => {
                    assert_eq!(fm.body, *body, "{text:?}");
                    assert_eq!(fm.body_line, *line, "{text:?}");
                    let got_title = fm.data.get("title").and_then(Value::as_str);
                    if title.is_some() {
                        assert_eq!(got_title, *title, "{text:?}");
                    }
                }
                (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn header_detection_reads_raw_bytes() {
        let cases: &[(&[u8], bool)] = &[
            (b"---\nx: 1\n---\n", true),
            (b"---  \r\n", true),
            (b"--- \t\n", true),
            (b"---", false),
            (b"", false),
            (b"----\n", false),
            (b"--- x\n", false),
            (b"\xef\xbb\xbf---\n", false),
            (b" ---\n", false),
        ];
        for (bytes, want) in cases {
            assert_eq!(has_front_matter(bytes), *want, "{bytes:?}");
        }
    }

    #[test]
    fn errors_name_the_file_line_and_keep_the_body() {
        let err = split("_posts/x.md", "---\ntitle: ok\nbad: [\n---\nbody\n").unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.starts_with("YAML Exception reading _posts/x.md:"),
            "{shown}"
        );
        assert!(shown.contains("at line 4 column 1"), "{shown}");
        let FrontMatterError::Syntax { line, .. } = &err else {
            panic!("{err:?}")
        };
        assert!((3..=4).contains(line), "{line}");
        assert_eq!(err.into_recovered().body, "body\n");

        let err = split("p.html", "---\na: 1\nb: c: d\n---\nx\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("YAML Exception reading p.html: ")
                && err.to_string().ends_with("at line 3 column 5"),
            "{err}"
        );

        for (text, found) in [
            ("---\n- 1\n- 2\n---\nbody N\n", "list"),
            ("---\nhello\n---\nbody\n", "string"),
            ("---\ntrue\n---\nbody\n", "boolean"),
        ] {
            match split("n.html", text) {
                Err(FrontMatterError::NotAHash {
                    found: f,
                    recovered,
                    ..
                }) => {
                    assert_eq!(f, found);
                    assert!(recovered.body.starts_with("body"));
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }
}
