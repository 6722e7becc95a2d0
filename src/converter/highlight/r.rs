//! Rouge's R lexer (`rouge/lexers/r.rb`) as a rule table: primitives called with `(`
//! are functions, keywords, constants and builtin constants come from Rouge's lists,
//! and whitespace is `Text.Whitespace`.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Rule, compile, rule};

pub(crate) static R: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// The `.Primitive` functions of `base`, as a pattern taking the `(` that follows
/// (Rouge's lookahead `(?=\()`; the `(` is punctuation either way). Rouge leaves the
/// dots in names unescaped.
const PRIMITIVES: &str = concat!(
    r"\b(",
    r"abs|acos|acosh|all|any|anyNA|Arg|as.call|as.character|as.complex|",
    r"as.double|as.environment|as.integer|as.logical|as.null.default|",
    r"as.numeric|as.raw|asin|asinh|atan|atanh|attr|attributes|baseenv|browser|c|",
    r"call|ceiling|class|Conj|cos|cosh|cospi|cummax|cummin|cumprod|cumsum|digamma|",
    r"dim|dimnames|emptyenv|exp|expression|floor|forceAndCall|gamma|gc.time|",
    r"globalenv|Im|interactive|invisible|is.array|is.atomic|is.call|",
    r"is.character|is.complex|is.double|is.environment|is.expression|",
    r"is.finite|is.function|is.infinite|is.integer|is.language|is.list|",
    r"is.logical|is.matrix|is.na|is.name|is.nan|is.null|is.numeric|",
    r"is.object|is.pairlist|is.raw|is.recursive|is.single|is.symbol|",
    r"lazyLoadDBfetch|length|lgamma|list|log|max|min|missing|Mod|names|nargs|",
    r"nzchar|oldClass|on.exit|pos.to.env|proc.time|prod|quote|range|Re|rep|",
    r"retracemem|return|round|seq_along|seq_len|seq.int|sign|signif|sin|sinh|",
    r"sinpi|sqrt|standardGeneric|substitute|sum|switch|tan|tanh|tanpi|tracemem|",
    r"trigamma|trunc|unclass|untracemem|UseMethod|xtfrm",
    r")(\()",
);

const GRAMMAR: Grammar = Grammar {
    states: &[("root", ROOT)],
    start: &[],
    error: "err",
};

const ROOT: &[Rule] = &[
    rule(r"#'.*?$", &["cd"]),
    rule(r"#.*?$", &["c1"]),
    rule(r"\s+", &["w"]),
    rule(r"`[^`]+?`", &["n"]),
    rule(r"(?s)'(\\.|.)*?'", &["s1"]),
    rule(r#"(?s)"(\\.|.)*?""#, &["s2"]),
    rule(r"%[^%]*?%", &["o"]),
    rule(r"0[xX][a-fA-F0-9]+([pP][0-9]+)?[Li]?", &["mh"]),
    rule(r"[+-]?(\d+([.]\d+)?|[.]\d+)([eE][+-]?\d+)?[Li]?", &["m"]),
    rule(PRIMITIVES, &["nf", "p"]),
    rule(
        r"(?:(?:\p{Alphabetic}|[.][._\p{Alphabetic}])[._\p{Alphabetic}\p{Nd}]*)|[.]",
        &["n"],
    )
    .words(&[
        ("if else for while repeat in next break function", "k"),
        (
            "NULL Inf TRUE FALSE NaN NA NA_integer_ NA_real_ NA_complex_ NA_character_",
            "kc",
        ),
        ("LETTERS letters month.abb month.name pi T F", "nb"),
    ]),
    rule(r"[\[\]{}();,]", &["p"]),
    rule(r"[-<>?*+^/!=~$@:%&|]", &["o"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_r() {
        let code = "x <- sum(c(1, NA))";
        let want = vec![
            ("n", "x"),
            ("w", " "),
            ("o", "<-"),
            ("w", " "),
            ("nf", "sum"),
            ("p", "("),
            ("nf", "c"),
            ("p", "("),
            ("m", "1"),
            ("p", ","),
            ("w", " "),
            ("kc", "NA"),
            ("p", "))"),
        ];
        let got = R.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
