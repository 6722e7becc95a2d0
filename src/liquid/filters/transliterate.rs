//! ASCII approximations of Latin letters, as `slugify: "latin"` applies
//! them (Jekyll's Utils.slugify calls I18n.transliterate: Latin-1 and
//! Latin Extended-A letters get their base letters, anything else
//! non-ASCII becomes "?").

/// U+00C0..=U+00FF ("?" where there is no approximation).
const LATIN_1: &str = "A A A A A A AE C E E E E I I I I D N O O O O O x O U U U U Y Th ss \
                       a a a a a a ae c e e e e i i i i d n o o o o o ? o u u u u y th y";
/// U+0100..=U+017E.
const LATIN_EXTENDED_A: &str = "A a A a A a C c C c C c C c D d D d E e E e E e E e E e \
                                G g G g G g G g H h H h I i I i I i I i I i IJ ij J j K k k \
                                L l L l L l L l L l N n N n N n 'n NG ng O o O o O o OE oe \
                                R r R r R r S s S s S s S s T t T t T t U u U u U u U u U u U u \
                                W w Y y Y Z z Z z Z z";

fn lookup(table: &'static str, index: usize) -> Option<&'static str> {
    table.split_ascii_whitespace().nth(index)
}

/// `I18n.transliterate`: non-ASCII characters replaced by approximations or "?".
pub fn transliterate(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as usize;
        let approx = match n {
            0..=0x7f => {
                out.push(c);
                continue;
            }
            0xc0..=0xff => lookup(LATIN_1, n - 0xc0),
            0x100..=0x17e => lookup(LATIN_EXTENDED_A, n - 0x100),
            _ => None,
        };
        out.push_str(approx.unwrap_or("?"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_cover_their_ranges() {
        assert_eq!(LATIN_1.split_ascii_whitespace().count(), 64);
        assert_eq!(LATIN_EXTENDED_A.split_ascii_whitespace().count(), 127);
        let cases = [
            ("Ænïmé Çafé", "AEnime Cafe"),
            ("straße ž ŉ", "strasse z 'n"),
            ("日本", "??"),
            ("÷", "?"),
        ];
        for (src, want) in cases {
            assert_eq!(transliterate(src), want);
        }
    }
}
