//! Character reference decoding, a port of Python's `html.unescape` (Lib/html/__init__.py),
//! which `html.parser.HTMLParser(convert_charrefs=True)` applies to text and attribute values
//! and which `tools/sitediff.py` therefore relies on.
//!
//! The named references are the HTML5 table (`html.entities.html5`, 2231 names, with and
//! without the `;` for the legacy ones), stored in `html5_entities.txt` as `name<TAB>hex…`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Decode every character reference in `s` the way `html.unescape` does.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference_len(after) {
            Some(len) => {
                out.push_str(&replace(&after[..len]));
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Length of the reference body after `&`, as matched by Python's
/// `&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)`.
fn reference_len(after: &str) -> Option<usize> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (start, hex) = match bytes.get(1) {
            Some(b'x' | b'X') => (2, true),
            _ => (1, false),
        };
        let digits = bytes[start..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let end = start + digits;
        return Some(end + usize::from(bytes.get(end) == Some(&b';')));
    }
    let mut end = 0;
    for (count, (i, c)) in after.char_indices().enumerate() {
        if count == 32 || matches!(c, '\t' | '\n' | '\x0c' | ' ' | '<' | '&' | '#' | ';') {
            break;
        }
        end = i + c.len_utf8();
    }
    if end == 0 {
        return None;
    }
    Some(end + usize::from(after[end..].starts_with(';')))
}

/// Python's `_replace_charref` for one matched body (without the `&`).
fn replace(body: &str) -> String {
    if let Some(num) = body.strip_prefix('#') {
        let num = num.trim_end_matches(';');
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => parse_saturating(hex, 16),
            None => parse_saturating(num, 10),
        };
        return numeric(value);
    }
    let table = entities();
    if let Some(text) = table.get(body) {
        return text.clone();
    }
    // Longest known prefix (at least two characters), the rest kept literally.
    let bounds: Vec<usize> = body.char_indices().map(|(i, _)| i).skip(2).collect();
    for &cut in bounds.iter().rev() {
        if let Some(text) = table.get(&body[..cut]) {
            return format!("{text}{}", &body[cut..]);
        }
    }
    format!("&{body}")
}

fn parse_saturating(digits: &str, radix: u32) -> u64 {
    digits.chars().fold(0u64, |acc, c| {
        let d = u64::from(c.to_digit(radix).unwrap_or(0));
        acc.saturating_mul(u64::from(radix)).saturating_add(d)
    })
}

/// Python's rules for `&#N;`: Windows-1252 fix-ups, U+FFFD for surrogates and
/// out-of-range values, nothing for the invalid code points.
fn numeric(num: u64) -> String {
    if let Some(c) = windows_1252(num) {
        return c.to_string();
    }
    if (0xD800..=0xDFFF).contains(&num) || num > 0x10FFFF {
        return '\u{FFFD}'.to_string();
    }
    if is_invalid_codepoint(num) {
        return String::new();
    }
    char::from_u32(num as u32).map_or_else(String::new, |c| c.to_string())
}

fn windows_1252(num: u64) -> Option<char> {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}',
        '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}',
        '\u{9D}', '\u{017E}', '\u{0178}',
    ];
    match num {
        0 => Some('\u{FFFD}'),
        0x0D => Some('\r'),
        0x80..=0x9F => Some(HIGH[(num - 0x80) as usize]),
        _ => None,
    }
}

fn is_invalid_codepoint(num: u64) -> bool {
    matches!(num, 0x1..=0x8 | 0xB | 0xE..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF)
        || (num & 0xFFFE) == 0xFFFE
}

fn entities() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("html5_entities.txt")
            .lines()
            .filter_map(|line| {
                let (name, points) = line.split_once('\t')?;
                let text = points
                    .split(' ')
                    .map(|p| u32::from_str_radix(p, 16).ok().and_then(char::from_u32))
                    .collect::<Option<String>>()?;
                Some((name.to_string(), text))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::unescape;

    /// Expected values printed by Python 3.11's `html.unescape`.
    #[test]
    fn matches_python_unescape() {
        let cases = [
            ("plain", "plain"),
            ("a &amp; b", "a & b"),
            ("&lt;p&gt;", "<p>"),
            ("&amp", "&"),
            ("&ampfoo;", "&foo;"),
            ("&notit;", "¬it;"),
            ("&notin;", "∉"),
            ("&#39;&#x27;&#X27;", "'''"),
            ("&#8217;s", "\u{2019}s"),
            ("&#150;", "\u{2013}"),
            ("&#0;", "\u{FFFD}"),
            ("&#xD800;", "\u{FFFD}"),
            ("&#1;x", "x"),
            ("&#99999999999999999999;", "\u{FFFD}"),
            ("&nosuch;", "&nosuch;"),
            ("& alone", "& alone"),
            ("&#;", "&#;"),
            ("&nbsp;x", "\u{a0}x"),
            ("&NotEqualTilde;", "\u{2242}\u{338}"),
        ];
        for (input, want) in cases {
            assert_eq!(unescape(input), want, "unescape({input:?})");
        }
    }
}
