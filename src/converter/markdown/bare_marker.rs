//! A line holding nothing but a list marker (`-`, `*`, `+`): kramdown's list items need a
//! space, tab or `|` after the marker (`PATTERN_TAIL` in `kramdown/parser/kramdown/list.rb`),
//! so such a line is paragraph text to kramdown, or a setext underline when it follows the
//! first line of a block. CommonMark reads it as an empty list item or an underline of any
//! paragraph; `block_extensions` escapes it where kramdown reads text.

/// Whether line `i` is a bare marker kramdown reads as text: after a blank line, or under a
/// paragraph line that is not the first of its block.
pub(crate) fn is_text(lines: &[&str], i: usize) -> bool {
    // `* ` with a space is a list item (an empty one).
    let body = lines[i].trim_end_matches('\n');
    let indent = body.len() - body.trim_start_matches(' ').len();
    if indent > 3 || !matches!(&body[indent..], "-" | "*" | "+") {
        return false;
    }
    let blank = |j: usize| lines[j].trim().is_empty();
    match i {
        0 => true,
        1 => blank(0),
        _ => blank(i - 1) || (!blank(i - 2) && continues(lines[i - 2]) && continues(lines[i - 1])),
    }
}

/// A line a paragraph runs on over: not a header, fence, rule or marker line of its own.
fn continues(line: &str) -> bool {
    let body = line.trim_start_matches([' ', '>']).trim_end();
    !body.starts_with(['#', '`', '~', '{', '<', '|'])
        && !matches!(body, "-" | "*" | "+")
        && !body
            .chars()
            .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_markers() {
        let cases = [
            ("para1\npara2\n-\n", 2, true),
            ("b\n-\n", 1, false),
            ("\n-\n", 1, true),
            ("# H\npara\n-\n", 2, false),
            ("> Quote.\nNot a Header\n-\n", 2, true),
            ("a\nb\n- item\n", 2, false),
            ("\n* \n", 1, false),
        ];
        for (src, i, want) in cases {
            let lines: Vec<&str> = src.split_inclusive('\n').collect();
            assert_eq!(is_text(&lines, i), want, "{src:?}");
        }
    }
}
