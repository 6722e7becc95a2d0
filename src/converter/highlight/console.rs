//! Rouge's console lexer (`rouge/lexers/console.rb`) with its default options: a line
//! that contains a prompt character (`$`, `#`, `>` or `;`) is a prompt up to the first
//! of them, then whitespace and a shell command; a line of dots or `<...>` is a
//! comment; any other line is output.

use std::ops::Range;

use super::format::{Token, push};

/// Tokens of a console session; `command` lexes the shell command after a prompt.
pub(crate) fn tokens(
    code: &str,
    mut command: impl FnMut(Range<usize>, &mut Vec<Token>),
) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in code.split_inclusive('\n') {
        let range = start..start + line.len();
        start = range.end;
        let content = line.trim_end_matches('\n');
        if is_snip(content) {
            push(&mut out, "c", range);
        } else if let Some(end) = content.find(['$', '#', '>', ';']) {
            let prompt_end = range.start + end + 1;
            let rest = &code[prompt_end..range.end];
            let command_start = prompt_end + (rest.len() - rest.trim_start().len());
            push(&mut out, "gp", range.start..prompt_end);
            push(&mut out, "w", prompt_end..command_start);
            command(command_start..range.end, &mut out);
        } else {
            push(&mut out, "go", range);
        }
    }
    out
}

/// `<...>` or a run of dots stands for elided output (`\A\s*(?:<[.]+>|[.]+)\s*\z`).
fn is_snip(line: &str) -> bool {
    let t = line.trim();
    let dots = |s: &str| !s.is_empty() && s.bytes().all(|b| b == b'.');
    dots(t)
        || t.strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .is_some_and(dots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_and_output() {
        let cases = [
            ("$ ls\n", vec![("gp", "$"), ("w", " "), ("", "ls\n")]),
            ("out put\n", vec![("go", "out put\n")]),
            ("...\n", vec![("c", "...\n")]),
            (
                "user@host:~# id",
                vec![("gp", "user@host:~#"), ("w", " "), ("", "id")],
            ),
        ];
        for (code, want) in cases {
            let got = tokens(code, |r, out| push(out, "", r));
            let got = crate::converter::highlight::format::classes(&got, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
