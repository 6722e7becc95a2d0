//! A unified diff of two line lists in the format of Python's `difflib.unified_diff(...,
//! lineterm="")`, which `tools/sitediff.py` prints for files that differ. Hunk grouping follows
//! difflib's `get_grouped_opcodes`; the matching itself is a plain longest common subsequence
//! (difflib's Ratcliff-Obershelp matcher can pick other, equally valid, alignments).

/// One opcode: tag and the ranges `a[i1..i2]`, `b[j1..j2]`.
type Opcode = (Tag, usize, usize, usize, usize);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Equal,
    Replace,
    Delete,
    Insert,
}

/// Largest `len(a) * len(b)` (after trimming common ends) given to the quadratic matcher.
const MAX_TABLE: usize = 4_000_000;

/// `difflib.unified_diff(a, b, from, to, n=context, lineterm="")` as a list of lines.
pub fn unified_diff(
    a: &[String],
    b: &[String],
    from: &str,
    to: &str,
    context: usize,
) -> Vec<String> {
    let mut out = Vec::new();
    for group in grouped_opcodes(&opcodes(a, b), context) {
        if out.is_empty() {
            out.push(format!("--- {from}"));
            out.push(format!("+++ {to}"));
        }
        let (first, last) = (group[0], group[group.len() - 1]);
        out.push(format!(
            "@@ -{} +{} @@",
            format_range(first.1, last.2),
            format_range(first.3, last.4)
        ));
        for (tag, i1, i2, j1, j2) in group {
            if tag == Tag::Equal {
                out.extend(a[i1..i2].iter().map(|l| format!(" {l}")));
                continue;
            }
            if matches!(tag, Tag::Replace | Tag::Delete) {
                out.extend(a[i1..i2].iter().map(|l| format!("-{l}")));
            }
            if matches!(tag, Tag::Replace | Tag::Insert) {
                out.extend(b[j1..j2].iter().map(|l| format!("+{l}")));
            }
        }
    }
    out
}

fn format_range(start: usize, stop: usize) -> String {
    let length = stop - start;
    match length {
        1 => format!("{}", start + 1),
        0 => format!("{start},0"),
        _ => format!("{},{length}", start + 1),
    }
}

/// Matching blocks `(i, j, size)` of a longest common subsequence, ending with `(n, m, 0)`.
fn matching_blocks(a: &[String], b: &[String]) -> Vec<(usize, usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut blocks = vec![(0, 0, prefix)];
    if ma.len().saturating_mul(mb.len()) <= MAX_TABLE {
        blocks.extend(
            lcs_pairs(ma, mb)
                .into_iter()
                .map(|(i, j)| (i + prefix, j + prefix, 1)),
        );
    }
    blocks.push((a.len() - suffix, b.len() - suffix, suffix));
    blocks.push((a.len(), b.len(), 0));
    merge_adjacent(blocks)
}

/// Index pairs of one longest common subsequence (quadratic table, fine for page-sized input).
fn lcs_pairs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * (m + 1) + j] = if a[i] == b[j] {
                table[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                table[(i + 1) * (m + 1) + j].max(table[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

fn merge_adjacent(blocks: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    let mut merged: Vec<(usize, usize, usize)> = Vec::new();
    let sentinel = blocks.last().copied().unwrap_or((0, 0, 0));
    for &(i, j, size) in &blocks[..blocks.len().saturating_sub(1)] {
        if size == 0 {
            continue;
        }
        match merged.last_mut() {
            Some(last) if last.0 + last.2 == i && last.1 + last.2 == j => last.2 += size,
            _ => merged.push((i, j, size)),
        }
    }
    merged.push(sentinel);
    merged
}

/// difflib's `get_opcodes`.
fn opcodes(a: &[String], b: &[String]) -> Vec<Opcode> {
    let (mut i, mut j, mut codes) = (0, 0, Vec::new());
    for (ai, bj, size) in matching_blocks(a, b) {
        let tag = match (i < ai, j < bj) {
            (true, true) => Some(Tag::Replace),
            (true, false) => Some(Tag::Delete),
            (false, true) => Some(Tag::Insert),
            (false, false) => None,
        };
        if let Some(tag) = tag {
            codes.push((tag, i, ai, j, bj));
        }
        (i, j) = (ai + size, bj + size);
        if size > 0 {
            codes.push((Tag::Equal, ai, i, bj, j));
        }
    }
    codes
}

/// difflib's `get_grouped_opcodes(n)`: hunks with `n` lines of context.
fn grouped_opcodes(codes: &[Opcode], n: usize) -> Vec<Vec<Opcode>> {
    let mut codes = codes.to_vec();
    if codes.is_empty() {
        codes.push((Tag::Equal, 0, 1, 0, 1));
    }
    if let Some(first) = codes.first_mut().filter(|c| c.0 == Tag::Equal) {
        *first = (
            Tag::Equal,
            first.1.max(first.2.saturating_sub(n)),
            first.2,
            first.3.max(first.4.saturating_sub(n)),
            first.4,
        );
    }
    if let Some(last) = codes.last_mut().filter(|c| c.0 == Tag::Equal) {
        *last = (
            Tag::Equal,
            last.1,
            last.2.min(last.1 + n),
            last.3,
            last.4.min(last.3 + n),
        );
    }
    let (mut groups, mut group) = (Vec::new(), Vec::new());
    for (tag, mut i1, i2, mut j1, j2) in codes {
        if tag == Tag::Equal && i2 - i1 > 2 * n {
            group.push((tag, i1, i2.min(i1 + n), j1, j2.min(j1 + n)));
            groups.push(std::mem::take(&mut group));
            (i1, j1) = (i1.max(i2 - n), j1.max(j2 - n));
        }
        group.push((tag, i1, i2, j1, j2));
    }
    let only_equal = group.len() == 1 && group[0].0 == Tag::Equal;
    if !group.is_empty() && !only_equal {
        groups.push(group);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    fn lines(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// Expected output printed by Python 3.11's `difflib.unified_diff(a, b, "a", "b", n=2,
    /// lineterm="")`.
    #[test]
    fn matches_difflib() {
        let cases = [
            ("a b c", "a b c", ""),
            (
                "a b c d e f g h",
                "a b X d e f g h",
                "--- a|+++ b|@@ -1,5 +1,5 @@| a| b|-c|+X| d| e",
            ),
            (
                "1 2 3 4 5 6 7 8 9",
                "1 2 3 4 5 6 7 8 9 10",
                "--- a|+++ b|@@ -8,2 +8,3 @@| 8| 9|+10",
            ),
            ("x", "", "--- a|+++ b|@@ -1 +0,0 @@|-x"),
            (
                "1 2 3 4 5 6 7 8 9",
                "0 1 2 3 4 5 6 7 8",
                "--- a|+++ b|@@ -1,2 +1,3 @@|+0| 1| 2|@@ -7,3 +8,2 @@| 7| 8|-9",
            ),
        ];
        for (a, b, want) in cases {
            let got = unified_diff(&lines(a), &lines(b), "a", "b", 2).join("|");
            assert_eq!(got, want, "diff of {a:?} and {b:?}");
        }
    }
}
