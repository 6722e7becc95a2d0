//! Rouge's diff lexer (`rouge/lexers/diff.rb`), line by line: syntect's Diff grammar
//! marks too little (file headers, `index` lines) to map onto Rouge's classes.

use super::format::{Token, push};

/// Tokens of a unified diff or patch.
pub(crate) fn tokens(code: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in code.split_inclusive('\n') {
        let end = start + line.len();
        match hunk_header(line) {
            Some(len) => {
                push(&mut out, "p", start..start + len);
                push(&mut out, "", start + len..end);
            }
            None => push(&mut out, line_class(line), start..end),
        }
        start = end;
    }
    out
}

/// The class of a whole line, by the first rule of `diff.rb` that matches it.
fn line_class(line: &str) -> &'static str {
    let content = line.trim_end_matches('\n');
    let first = content.chars().next();
    match first {
        Some(' ') => "",
        _ if content == "---" => "p",
        Some('+' | '>') => "gi",
        Some('-' | '<') => "gd",
        Some('!') => "gs",
        _ if ["Index", "index", "diff"]
            .iter()
            .any(|p| content.starts_with(p)) =>
        {
            "gh"
        }
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => "p",
        Some('=') => "gh",
        _ => "",
    }
}

/// The length of a line's `@@ … @@` hunk header (`^(@@[^@]*@@)([^\n]*\n)`).
fn hunk_header(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("@@")?;
    let close = rest.find('@')?;
    (rest[close..].starts_with("@@") && line.ends_with('\n')).then_some(2 + close + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_lines() {
        let cases = [
            ("diff --git a b\n", vec![("gh", "diff --git a b\n")]),
            ("@@ -1 +1 @@ x\n", vec![("p", "@@ -1 +1 @@"), ("", " x\n")]),
            (
                "-a\n+b\n c\n",
                vec![("gd", "-a\n"), ("gi", "+b\n"), ("", " c\n")],
            ),
            ("---\n", vec![("p", "---\n")]),
        ];
        for (code, want) in cases {
            let got = tokens(code);
            let got = crate::converter::highlight::format::classes(&got, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
