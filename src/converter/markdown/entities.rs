//! HTML escaping and the few named entities kramdown's options refer to
//! (`kramdown/utils/html.rb` `escape_html`, `kramdown/utils/entities.rb`).

/// The character of an entity name used in `smart_quotes` (a name or a decimal code point).
pub(crate) fn entity_char(name: &str) -> Option<char> {
    let c = match name {
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "sbquo" => '\u{201A}',
        "bdquo" => '\u{201E}',
        "lsaquo" => '\u{2039}',
        "rsaquo" => '\u{203A}',
        "laquo" => '\u{AB}',
        "raquo" => '\u{BB}',
        "apos" => '\'',
        "quot" => '"',
        "nbsp" => '\u{A0}',
        "prime" => '\u{2032}',
        "Prime" => '\u{2033}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        _ => {
            return name
                .trim_start_matches('#')
                .parse()
                .ok()
                .and_then(char::from_u32);
        }
    };
    Some(c)
}

/// The entity names kramdown knows (`kramdown/utils/entities.rb`: HTML 4's set), sorted (byte
/// order); other references stay literal text in kramdown.
const KRAMDOWN_ENTITIES: &[&str] = &[
    "AElig", "Aacute", "Acirc", "Agrave", "Alpha", "Aring", "Atilde", "Auml", "Beta", "Ccedil",
    "Chi", "Dagger", "Delta", "ETH", "Eacute", "Ecirc", "Egrave", "Epsilon", "Eta", "Euml",
    "Gamma", "Iacute", "Icirc", "Igrave", "Iota", "Iuml", "Kappa", "Lambda", "Mu", "Ntilde", "Nu",
    "OElig", "Oacute", "Ocirc", "Ograve", "Omega", "Omicron", "Oslash", "Otilde", "Ouml", "Phi",
    "Pi", "Prime", "Psi", "Rho", "Scaron", "Sigma", "THORN", "Tau", "Theta", "Uacute", "Ucirc",
    "Ugrave", "Upsilon", "Uuml", "Xi", "Yacute", "Yuml", "Zeta", "aacute", "acirc", "acute",
    "aelig", "agrave", "alefsym", "alpha", "amp", "and", "ang", "apos", "aring", "asymp", "atilde",
    "auml", "bdquo", "beta", "brvbar", "bull", "cap", "ccedil", "cedil", "cent", "chi", "circ",
    "clubs", "cong", "copy", "crarr", "cup", "curren", "dArr", "dagger", "darr", "deg", "delta",
    "diams", "divide", "eacute", "ecirc", "egrave", "empty", "emsp", "ensp", "epsilon", "equiv",
    "eta", "eth", "euml", "euro", "exist", "fnof", "forall", "frac12", "frac14", "frac34", "frasl",
    "gamma", "ge", "gt", "hArr", "harr", "hearts", "hellip", "iacute", "icirc", "iexcl", "igrave",
    "image", "infin", "int", "iota", "iquest", "isin", "iuml", "kappa", "lArr", "lambda", "lang",
    "laquo", "larr", "lceil", "ldquo", "le", "lfloor", "lowast", "loz", "lrm", "lsaquo", "lsquo",
    "lt", "macr", "mdash", "micro", "middot", "minus", "mu", "nabla", "nbsp", "ndash", "ne", "ni",
    "not", "notin", "nsub", "ntilde", "nu", "oacute", "ocirc", "oelig", "ograve", "oline", "omega",
    "omicron", "oplus", "or", "ordf", "ordm", "oslash", "otilde", "otimes", "ouml", "para", "part",
    "permil", "perp", "phi", "pi", "piv", "plusmn", "pound", "prime", "prod", "prop", "psi",
    "quot", "rArr", "radic", "rang", "raquo", "rarr", "rceil", "rdquo", "real", "reg", "rfloor",
    "rho", "rlm", "rsaquo", "rsquo", "sbquo", "scaron", "sdot", "sect", "shy", "sigma", "sigmaf",
    "sim", "spades", "sub", "sube", "sum", "sup", "sup1", "sup2", "sup3", "supe", "szlig", "tau",
    "there4", "theta", "thetasym", "thinsp", "thorn", "tilde", "times", "trade", "uArr", "uacute",
    "uarr", "ucirc", "ugrave", "uml", "upsih", "upsilon", "uuml", "vellip", "weierp", "xi",
    "yacute", "yen", "yuml", "zeta", "zwj", "zwnj",
];

/// Whether kramdown turns `&name;` into a character.
pub(crate) fn kramdown_knows(reference: &str) -> bool {
    let Some(body) = reference
        .strip_prefix('&')
        .and_then(|r| r.strip_suffix(';'))
    else {
        return false;
    };
    if let Some(hex) = body.strip_prefix("#x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(dec) = body.strip_prefix('#') {
        return !dec.is_empty() && dec.bytes().all(|b| b.is_ascii_digit());
    }
    KRAMDOWN_ENTITIES.binary_search(&body).is_ok()
}

/// Escapes `<`, `>` and `&` (kramdown's `escape_html(str, :all)`, and `:text` for text that
/// holds no entity references).
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped_text(&mut out, s);
    out
}

/// `escape_text` appended to `out`. Text is by far the most output, and most of it has
/// nothing to escape: one scan, inlined where text is written, finds that, and the text is
/// copied whole.
#[inline]
pub(crate) fn push_escaped_text(out: &mut String, s: &str) {
    if has_text_special(s.as_bytes()) {
        push_escaped_specials(out, s);
    } else {
        out.push_str(s);
    }
}

/// `push_escaped_text` of text that has something to escape.
#[inline(never)]
fn push_escaped_specials(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(n) = memchr::memchr3(b'<', b'>', b'&', &bytes[from..]) {
        let i = from + n;
        out.push_str(&s[from..i]);
        out.push_str(match bytes[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&amp;",
        });
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// Whether `bytes` has a `<`, `>` or `&`.
#[inline]
fn has_text_special(bytes: &[u8]) -> bool {
    has_special::<false>(bytes)
}

/// Whether `bytes` has a `<`, `>`, `&` (or, with `QUOTE`, `"`). Blocks of 16 bytes are
/// tested without an early exit (which the compiler turns into vector compares), two at a
/// time, so that long text takes one branch per 32 bytes.
#[inline]
fn has_special<const QUOTE: bool>(bytes: &[u8]) -> bool {
    let Some(last) = bytes.last_chunk::<16>() else {
        return block_has_special::<QUOTE>(&super::typography::padded::<16>(bytes));
    };
    let mut rest = bytes;
    while let Some((pair, tail)) = rest.split_first_chunk::<32>() {
        let (first, second) = pair.split_at(16);
        if block_has_special::<QUOTE>(first) | block_has_special::<QUOTE>(second) {
            return true;
        }
        rest = tail;
    }
    // The rest (under 32 bytes) as two blocks, which may overlap each other and the blocks
    // before.
    let first = rest.first_chunk::<16>().unwrap_or(last);
    block_has_special::<QUOTE>(first) | block_has_special::<QUOTE>(last)
}

/// Whether the first 16 bytes of `block` have a `<`, `>`, `&` (or, with `QUOTE`, `"`).
#[inline(always)]
fn block_has_special<const QUOTE: bool>(block: &[u8]) -> bool {
    let mut found = 0u8;
    for &b in &block[..16] {
        found |= u8::from(b == b'<') | u8::from(b == b'>') | u8::from(b == b'&');
        if QUOTE {
            found |= u8::from(b == b'"');
        }
    }
    found != 0
}

/// Escapes an attribute value: like text plus `"`; with `keep_refs`, `&` that starts an entity
/// reference is kept (kramdown's `escape_html(str, :attribute)` on raw attribute values).
pub(crate) fn escape_attr(s: &str, keep_refs: bool) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped_attr(&mut out, s, keep_refs);
    out
}

/// `escape_attr` appended to `out`.
pub(crate) fn push_escaped_attr(out: &mut String, s: &str, keep_refs: bool) {
    let how = if keep_refs {
        Escape::ATTR_KEEP_REFS
    } else {
        Escape::ATTR
    };
    push_escaped(out, s, how);
}

/// Escapes raw HTML text as kramdown's `escape_html(str, :text)`: entity references survive.
pub(crate) fn escape_raw_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped_raw_text(&mut out, s);
    out
}

/// `escape_raw_text` appended to `out`.
pub(crate) fn push_escaped_raw_text(out: &mut String, s: &str) {
    push_escaped(out, s, Escape::RAW_TEXT);
}

/// Which characters an escaping turns into references.
#[derive(Clone, Copy)]
struct Escape {
    quote: bool,
    /// `&` that starts an entity reference stays as it is.
    keep_refs: bool,
}

impl Escape {
    const ATTR: Escape = Escape {
        quote: true,
        keep_refs: false,
    };
    const ATTR_KEEP_REFS: Escape = Escape {
        quote: true,
        keep_refs: true,
    };
    const RAW_TEXT: Escape = Escape {
        quote: false,
        keep_refs: true,
    };
}

/// Copies `s` to `out` in runs between the characters to escape, as pulldown-cmark's HTML
/// writer does, rather than character by character. Most values (addresses, class names)
/// have none: a vector scan finds that, and the value is copied whole.
fn push_escaped(out: &mut String, s: &str, how: Escape) {
    let bytes = s.as_bytes();
    let clean = if how.quote {
        !has_special::<true>(bytes)
    } else {
        !has_special::<false>(bytes)
    };
    if clean {
        out.push_str(s);
        return;
    }
    let mut from = 0;
    let mut at = 0;
    while let Some(i) = next_special(bytes, at, how.quote) {
        let entity = match bytes[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ if how.keep_refs && reference_len(&s[i..]).is_some() => {
                at = i + 1;
                continue;
            }
            _ => "&amp;",
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
        at = from;
    }
    out.push_str(&s[from..]);
}

/// The index of the first `<`, `>`, `&` (or `"` with `quote`) at or after `from`.
fn next_special(bytes: &[u8], from: usize, quote: bool) -> Option<usize> {
    let rest = bytes.get(from..)?;
    if quote {
        next_special_word(rest, true).map(|n| from + n)
    } else {
        memchr::memchr3(b'<', b'>', b'&', rest).map(|n| from + n)
    }
}

/// `next_special` from the start of `bytes`, eight bytes at a time (memchr has no search
/// for the four bytes of attribute values).
fn next_special_word(bytes: &[u8], quote: bool) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // High bit set in each byte of `v` that is zero; bytes above the lowest zero byte may be
    // flagged wrongly, so only the lowest flag is used.
    let zeros = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let quote_mask = if quote { u64::MAX } else { 0 };
    // The offset in `word` (eight bytes, the first lowest) of the first byte to escape.
    let first = |word: [u8; 8]| {
        let w = u64::from_le_bytes(word);
        let found = zeros(w ^ (ONES * u64::from(b'<')))
            | zeros(w ^ (ONES * u64::from(b'>')))
            | zeros(w ^ (ONES * u64::from(b'&')))
            | (zeros(w ^ (ONES * u64::from(b'"'))) & quote_mask);
        (found != 0).then(|| (found.trailing_zeros() / 8) as usize)
    };
    let mut i = 0;
    let mut word = [0; 8];
    while i + 8 <= bytes.len() {
        word.copy_from_slice(&bytes[i..i + 8]);
        if let Some(n) = first(word) {
            return Some(i + n);
        }
        i += 8;
    }
    // The last few bytes, padded with zeros (which match nothing), as one more word.
    let mut word = [0; 8];
    word[..bytes.len() - i].copy_from_slice(&bytes[i..]);
    first(word).map(|n| i + n)
}

/// The length of an XML entity reference (`&name;`, `&#123;`, `&#x1F;`) at the start of `s`.
pub(crate) fn reference_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('&')?;
    let body_len = if let Some(hex) = rest.strip_prefix("#x") {
        let n = hex.bytes().take_while(u8::is_ascii_hexdigit).count();
        (n > 0).then_some(n + 2)?
    } else if let Some(dec) = rest.strip_prefix('#') {
        let n = dec.bytes().take_while(u8::is_ascii_digit).count();
        (n > 0).then_some(n + 1)?
    } else {
        let mut chars = rest.char_indices();
        let (_, first) = chars.next()?;
        if !(first.is_alphanumeric() || first == '_' || first == ':') {
            return None;
        }
        rest.char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || "_-.:".contains(c)))
            .map(|(i, _)| i)
            .unwrap_or(rest.len())
    };
    (rest[body_len..].starts_with(';')).then_some(body_len + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let cases = [
            ("a<b>&c\"", "a&lt;b&gt;&amp;c\"", "a&lt;b&gt;&amp;c&quot;"),
            (
                "&amp; &#65; &x;",
                "&amp;amp; &amp;#65; &amp;x;",
                "&amp; &#65; &x;",
            ),
        ];
        for (src, text, attr) in cases {
            assert_eq!(escape_text(src), text);
            assert_eq!(escape_attr(src, true), attr);
        }
        assert_eq!(escape_raw_text("a < b &amp; &"), "a &lt; b &amp; &amp;");
    }

    /// Character by character, as the escaping is specified.
    fn escape_slowly(s: &str, quote: bool, keep_refs: bool) -> String {
        let mut out = String::new();
        for (i, c) in s.char_indices() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if quote => out.push_str("&quot;"),
                '&' if keep_refs && reference_len(&s[i..]).is_some() => out.push('&'),
                '&' => out.push_str("&amp;"),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escapes_every_position_of_long_text() {
        let specials = ["<", ">", "&", "\"", "&lt;", "é", "\u{E002}", "\u{FF3C}"];
        for special in specials {
            for at in 0..20 {
                for len in [at, at + 1, 8, 16, 23] {
                    let mut s: String = "abcdefghijklmnopqrstuvwxyz".chars().take(at).collect();
                    s.push_str(special);
                    s.push_str(&"x<y\"z&#1;".repeat(len / 8));
                    assert_eq!(escape_text(&s), escape_slowly(&s, false, false), "{s:?}");
                    assert_eq!(
                        escape_attr(&s, false),
                        escape_slowly(&s, true, false),
                        "{s:?}"
                    );
                    assert_eq!(
                        escape_attr(&s, true),
                        escape_slowly(&s, true, true),
                        "{s:?}"
                    );
                    assert_eq!(escape_raw_text(&s), escape_slowly(&s, false, true), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn finds_one_special_anywhere() {
        for len in 0..100 {
            let clean = "abcdefghij".repeat(10)[..len].to_string();
            assert!(!has_text_special(clean.as_bytes()), "{len}");
            assert!(!has_special::<true>(clean.as_bytes()), "{len}");
            for at in 0..len {
                let mut bytes = clean.clone().into_bytes();
                bytes[at] = b"<>&"[at % 3];
                assert!(has_text_special(&bytes), "{len} {at}");
                assert!(has_special::<true>(&bytes), "{len} {at}");
                bytes[at] = b'"';
                assert!(!has_text_special(&bytes), "{len} {at}");
                assert!(has_special::<true>(&bytes), "{len} {at}");
            }
        }
    }

    #[test]
    fn knows_kramdown_entities() {
        assert!(KRAMDOWN_ENTITIES.windows(2).all(|w| w[0] < w[1]));
        let cases = [
            ("&AElig;", true),
            ("&zwnj;", true),
            ("&hellip;", true),
            ("&Hellip;", false),
            ("&bogus;", false),
            ("&#65;", true),
            ("&#x1F;", true),
            ("&#x;", false),
            ("&amp", false),
        ];
        for (reference, known) in cases {
            assert_eq!(kramdown_knows(reference), known, "{reference}");
        }
    }

    #[test]
    fn entity_names() {
        assert_eq!(entity_char("rsquo"), Some('\u{2019}'));
        assert_eq!(entity_char("8217"), Some('\u{2019}'));
        assert_eq!(entity_char("bogus"), None);
    }
}
