//! The look-ahead of a text node (`Next`): kramdown's smart quotes (`smart_quotes.rb`) look at
//! the characters that follow a text run in the source, which a parsed text node keeps.

/// The look-ahead of a text node: the first (at most four) characters of the source after
/// it, kept inline. A text node is made for every run of text, and an allocation for each
/// look-ahead was a measurable share of the conversion time.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Next {
    bytes: [u8; 16],
    len: u8,
}

impl Next {
    /// The first four characters of `s` (all of it if shorter), up to a blank line: kramdown
    /// parses a paragraph's spans on its own, so nothing after its end is seen. Four UTF-8
    /// characters take at most 16 bytes.
    #[inline]
    pub fn of(s: &str) -> Self {
        let b = s.as_bytes();
        // Four ASCII characters with no blank line among them, as most text is followed by:
        // those four bytes, without the character by character walk (a text node is made
        // for every run of text).
        if let Some(&[b0, b1, b2, b3, b4, ..]) = b.first_chunk::<5>()
            && [b0, b1, b2, b3].is_ascii()
        {
            let blank_at = |x: u8, y: u8| x == b'\n' && y == b'\n';
            if !(blank_at(b0, b1) || blank_at(b1, b2) || blank_at(b2, b3) || blank_at(b3, b4)) {
                // Made as one number, so the array is written with one store: a zeroed array
                // with four bytes written over it made its readers stall (perf).
                let word = u32::from_le_bytes([b0, b1, b2, b3]);
                let bytes = u128::from(word).to_le_bytes();
                return Next { bytes, len: 4 };
            }
        }
        Next::by_characters(s)
    }

    /// `of`, walking the characters.
    #[inline(never)]
    fn by_characters(s: &str) -> Self {
        let b = s.as_bytes();
        let (mut end, mut chars) = (0, 0);
        while end < b.len() && end < 16 {
            let c = b[end];
            if c == b'\n' && b.get(end + 1) == Some(&b'\n') {
                break;
            }
            // A character starts at every byte that is no UTF-8 continuation byte.
            if c & 0xC0 != 0x80 {
                if chars == 4 {
                    break;
                }
                chars += 1;
            }
            end += 1;
        }
        let mut bytes = [0; 16];
        bytes[..end].copy_from_slice(&b[..end]);
        Next {
            bytes,
            len: end as u8,
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl std::ops::Deref for Next {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Next {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::Next;

    #[test]
    fn next_keeps_four_characters() {
        let cases = [
            ("", ""),
            ("ab", "ab"),
            ("abcd", "abcd"),
            ("abcde", "abcd"),
            (
                "\u{1F600}\u{1F600}\u{1F600}\u{1F600}\u{1F600}",
                "\u{1F600}\u{1F600}\u{1F600}\u{1F600}",
            ),
            ("é\"x y", "é\"x "),
            ("'\n\nb", "'"),
            ("\n\n", ""),
            ("a\nb", "a\nb"),
            ("ab\n\ncd", "ab"),
            ("abc\n\n", "abc"),
            ("ab\n\n", "ab"),
            ("\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}", "\u{e9}\u{e9}\u{e9}\u{e9}"),
            ("\u{2014}\u{1F600}a\u{e9}b", "\u{2014}\u{1F600}a\u{e9}"),
            ("\n\n\n", ""),
        ];
        for (src, want) in cases {
            assert_eq!(Next::of(src).as_str(), want, "{src:?}");
        }
    }

    /// The ASCII shortcut answers as the character walk does, after every character of every
    /// spec and kramdown test input.
    #[test]
    fn next_shortcut_matches_the_walk() {
        let docs = crate::converter::markdown::test_inputs::all();
        for doc in &docs {
            for (i, _) in doc.char_indices() {
                let rest = &doc[i..];
                assert!(Next::of(rest) == Next::by_characters(rest), "{rest:?}");
            }
        }
    }
}
