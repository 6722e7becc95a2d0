//! Rouge's Haskell lexer (`rouge/lexers/haskell.rb`) as a rule table: reserved words
//! are `kr`, capitalised names types (`kt`), `import` and `module` lines name
//! namespaces and their function lists, and character and string escapes follow
//! Haskell's escape table.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, mixin, rule};

pub(crate) static HASKELL: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// Haskell's operator characters.
macro_rules! symbol {
    () => {
        r"[:!#$%&*+.\\/<=>?@^|~-]"
    };
}

const RESERVED: &str = "\
    _ case class data default deriving do else if in infix infixl infixr instance let \
    newtype of then type where";

const ESCAPES: &str = concat!(
    r#"[abfnrtv"'&\\]|\^[\]\[A-Z@\^_]|"#,
    r"NUL|SOH|[SE]TX|EOT|ENQ|ACK|BEL|BS|HT|LF|VT|FF|CR|S[OI]|DLE|DC[1-4]|NAK|SYN|",
    r"ETB|CAN|EM|SUB|ESC|[FGRU]S|SP|DEL|(?i:o[0-7]+)|(?i:x[\da-f]+)|\d+|\s+\\"
);

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        (
            "basic",
            &[
                rule(r"\s+", &[""]),
                rule(r"\{-#", &["cp"]).then(Next::Push("comment_preproc")),
                rule(r"\{-", &["cm"]).then(Next::Push("comment")),
                rule(r"^--\s+\|.*?$", &["cd"]),
                rule(r"--(?:[^!#$%&*+./<=>?@^|_~\n].*)?$", &["c1"]),
            ],
        ),
        ("comment", &nested(&["cm"])),
        ("comment_preproc", &nested(&["cp"])),
        ("import", IMPORT),
        (
            "module",
            &[
                rule(r"\s+", &[""]),
                rule(r"([A-Z][\w.]*)(\s+)(\()", &["nn", "", "p"]).then(Next::Push("funclist")),
                rule(r"\bwhere\b", &["kr"]).then(Next::Pop),
                rule(r"[A-Z][a-zA-Z0-9_.]*", &["nn"]).then(Next::Pop),
            ],
        ),
        (
            "funclist",
            &[
                mixin("basic"),
                rule(r"[A-Z]\w*", &["kt"]),
                rule(r"(_[\w']+|[a-z][\w']*)", &["nf"]),
                rule(r",", &["p"]),
                rule(concat!(symbol!(), "+"), &["o"]),
                rule(r"\(", &["p"]).then(Next::Push("funclist")),
                rule(r"\)", &["p"]).then(Next::Pop),
            ],
        ),
        (
            "character",
            &[
                rule(r"\\", &["se"]).then(Next::Switch("char_escape")),
                rule(r".", &["sc"]).then(Next::Switch("character_end")),
            ],
        ),
        (
            "char_escape",
            &[rule(ESCAPES, &["se"]).then(Next::Switch("character_end"))],
        ),
        (
            "character_end",
            &[
                rule(r"'", &["sc"]).then(Next::Pop),
                rule(r".", &["err"]).then(Next::Pop),
            ],
        ),
        (
            "quasiquotation",
            &[
                rule(r"\|\]", &["o"]).then(Next::Pop),
                rule(r"[^|]+", &[""]),
                rule(r"\|", &[""]),
            ],
        ),
        (
            "string",
            &[
                rule(r#"""#, &["s"]).then(Next::Pop),
                rule(r"\\", &["se"]).then(Next::Push("escape")),
                rule(r#"[^\\"]+"#, &["s"]),
            ],
        ),
        ("escape", &[rule(ESCAPES, &["se"]).then(Next::Pop)]),
    ],
    start: &[],
    error: "err",
};

/// A nesting `{- -}` comment whose text has `classes`.
const fn nested(classes: &'static [&'static str]) -> [Rule; 4] {
    [
        rule(r"-\}", classes).then(Next::Pop),
        rule(r"\{-", classes).then(Next::Push("comment")),
        rule(r"[^-{}]+", classes),
        rule(r"[-{}]", classes),
    ]
}

const ROOT: &[Rule] = &[
    mixin("basic"),
    rule(r"'", &["sc"])
        .ahead(r"(?:.|\\\S+)'")
        .then(Next::Push("character")),
    rule(r#"""#, &["s"]).then(Next::Push("string")),
    rule(r"(?i)\d+e[+-]?\d+", &["mf"]),
    rule(r"(?i)\d+\.\d+(e[+-]?\d+)?", &["mf"]),
    rule(r"(?i)0o[0-7]+", &["mo"]),
    rule(r"(?i)0x[\da-f]+", &["mh"]),
    rule(r"\d+", &["mi"]),
    rule(r"import", &["kr"])
        .not_ahead(r"[\w']")
        .then(Next::Push("import")),
    rule(r"module", &["kr"])
        .not_ahead(r"[\w']")
        .then(Next::Push("module")),
    rule(r"[\w']+", &["n"])
        .words(&[(RESERVED, "kr")])
        .upper("kt"),
    rule(r"\\", &["nf"]).not_ahead(symbol!()),
    rule(r"<-|::|->|=>|=", &["o"]).not_ahead(symbol!()),
    rule(concat!(":", symbol!(), "*"), &["o"]),
    rule(concat!(symbol!(), "+"), &["o"]),
    rule(r"\[\s*\]", &["kt"]),
    rule(r"\(\s*\)", &["nb"]),
    rule(r"(\[)([_a-z][\w']*)(\|)", &["o", "n", "o"]).then(Next::Push("quasiquotation")),
    rule(r"[\[\](),;`{}]", &["p"]),
];

const IMPORT: &[Rule] = &[
    rule(r"\s+", &[""]),
    rule(r#"""#, &["s"]).then(Next::Push("string")),
    rule(r"\bqualified\b", &["k"]),
    rule(
        r"([A-Z][\w.]*)(\s+)(as)(\s+)([A-Z][a-zA-Z0-9_.]*)",
        &["nn", "", "k", "", "n"],
    )
    .then(Next::Pop),
    rule(
        r"([A-Z][\w.]*)(\s+)(hiding)(\s+)(\()",
        &["nn", "", "k", "", "p"],
    )
    .then(Next::Switch("funclist")),
    rule(r"([A-Z][\w.]*)(\s+)(\()", &["nn", "", "p"]).then(Next::Switch("funclist")),
    rule(r"[\w.]+", &["nn"]).then(Next::Pop),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_haskell() {
        let code = "main :: IO ()";
        let want = vec![
            ("n", "main"),
            ("", " "),
            ("o", "::"),
            ("", " "),
            ("kt", "IO"),
            ("", " "),
            ("nb", "()"),
        ];
        let got = HASKELL.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
