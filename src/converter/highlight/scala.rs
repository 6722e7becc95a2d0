//! Rouge's Scala lexer (`rouge/lexers/scala.rb`) as a rule table: Rouge follows
//! declarations (`def`, `val`, `class`), types after `:` and `[`, and `.member`
//! properties, which the Sublime Scala grammar's scopes class differently.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, rule};

pub(crate) static SCALA: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// An operator character: printable ASCII or a math or other symbol that is not
/// whitespace, a letter, a digit, a bracket or a delimiter.
macro_rules! op {
    () => {
        r#"[[\x20-\x7F\p{Sm}\p{So}]--[\p{White_Space}\p{L}$_0-9(){}\[\]‘’".;,]]"#
    };
}

/// An identifier, which may end in `_` and operator characters (`idrest`, whose
/// lookbehind `(?<=_)` is spelled out).
macro_rules! idrest {
    () => {
        concat!(
            r"(?:(?:[\p{L}$_][\p{L}$_0-9]*)?_",
            op!(),
            r"+|[\p{L}$_][\p{L}$_0-9]*)"
        )
    };
}

/// A declared name: an identifier, an operator or a backquoted name.
macro_rules! name {
    () => {
        concat!("(?:", idrest!(), "|", op!(), "+|`[^`]+`)")
    };
}

macro_rules! typechunk {
    () => {
        concat!("(?:", idrest!(), "|", op!(), "+`[^`]+`)")
    };
}

const TYPE_KEYWORDS: &str = r"<[%:]|=>|>:|[#_\x{21D2}]|forSome|type";

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        (
            "class",
            &[
                rule(concat!("(", name!(), r")(\s*)(\[)"), &["nc", "", "o"])
                    .then(Next::Push("typeparam")),
                rule(r"\s+", &[""]),
                rule(r"\{", &["o"]).then(Next::Pop),
                rule(r"\(", &["o"]).then(Next::Pop),
                rule(r"//.*", &["c1"]).then(Next::Pop),
                rule(name!(), &["nc"]).then(Next::Pop),
            ],
        ),
        (
            "type",
            &[
                rule(r"\s+", &[""]),
                rule(TYPE_KEYWORDS, &["k"]),
                rule(r"([,\);}]|=>|=)(\s*)", &["o", ""]).then(Next::Pop),
                rule(r"[\(\{]", &["o"]).then(Next::Push("type")),
                rule(
                    concat!("(", typechunk!(), r"(?:\.", typechunk!(), r")*)(\s*)(\[)"),
                    &["kt", "", "o"],
                )
                .then(Next::Switch("typeparam")),
                rule(
                    concat!("(", typechunk!(), r"(?:\.", typechunk!(), r")*)(\s*)$"),
                    &["kt", ""],
                )
                .then(Next::Pop),
                rule(r"//.*", &["c1"]).then(Next::Pop),
                rule(concat!(r"\.|", name!()), &["kt"]),
            ],
        ),
        (
            "typeparam",
            &[
                rule(r"[\s,]+", &[""]),
                rule(TYPE_KEYWORDS, &["k"]),
                rule(r"([\]\)\}])", &["o"]).then(Next::Pop),
                rule(r"[\(\[\{]", &["o"]).then(Next::Push("typeparam")),
                rule(concat!(r"\.|", name!()), &["kt"]),
            ],
        ),
        (
            "comment",
            &[
                rule(r"[^/*]+", &["cm"]),
                rule(r"/\*", &["cm"]).then(Next::Push("comment")),
                rule(r"\*/", &["cm"]).then(Next::Pop),
                rule(r"[*/]", &["cm"]),
            ],
        ),
        (
            "import",
            &[rule(concat!("(?:", idrest!(), r"|\.)+"), &["nn"]).then(Next::Pop)],
        ),
    ],
    start: &[],
    error: "err",
};

const ROOT: &[Rule] = &[
    rule(r"(class|trait|object)(\s+)", &["k", ""]).then(Next::Push("class")),
    rule(concat!("'", idrest!()), &["ss"]).not_ahead("'"),
    rule(r"[^\S\n]+", &[""]),
    rule(r"//.*", &["c1"]),
    rule(r"/\*", &["cm"]).then(Next::Push("comment")),
    rule(concat!("@", idrest!()), &["nd"]),
    rule(
        concat!(r"(def)(\s+)(", name!(), r")(\s*)"),
        &["k", "", "nf", ""],
    ),
    rule(
        concat!(r"(val)(\s+)(", name!(), r")(\s*)"),
        &["k", "", "nv", ""],
    ),
    rule(
        concat!(r"(this)(\n*)(\.)(", idrest!(), ")"),
        &["k", "", "o", "py"],
    ),
    rule(
        concat!("(", idrest!(), r"|_)(\n*)(\.)(", idrest!(), ")"),
        &["nv", "", "o", "py"],
    ),
    rule(concat!(r"[\p{Lu}$_]", idrest!(), r"\b"), &["nc"]),
    rule(concat!("(", idrest!(), r")(\s*)(\()"), &["nf", "", "o"]),
    rule(concat!(r"(\.)(", idrest!(), ")"), &["o", "py"]),
    rule(
        concat!(
            r"(?:abstract|case|catch|def|do|else|extends|final|finally|for|forSome|if|",
            r"implicit|lazy|match|new|override|private|protected|requires|return|",
            r"sealed|super|this|throw|try|val|var|while|with|yield)\b"
        ),
        &["k"],
    ),
    // Rouge's `(\b|(?=\s)|$)` after these symbols: `\b` wants a word character
    // after them, or none after `_`.
    rule(r"<[%:-]|=>|>:|[#=@\x{21D2}\x{2190}]", &["k"]).ahead(r"\w|\s|$"),
    rule(r"_", &["k"]).not_ahead(r"\w"),
    rule(r"_", &["k"]).ahead(r"\s"),
    rule(":", &["k"]).not_ahead(op!()).then(Next::Push("type")),
    rule(r"(true|false|null)\b", &["kc"]),
    rule(r"(import|package)(\s+)", &["k", ""]).then(Next::Push("import")),
    rule(r"(type)(\s+)", &["k", ""]).then(Next::Push("type")),
    rule(r#"(?s)""".*?""""#, &["s"]).not_ahead("\""),
    rule(r#""(\\\\|\\"|[^"])*""#, &["s"]),
    rule(r"'\\.'|'[^\\]'|'\\u[0-9a-fA-F]{4}'", &["sc"]),
    rule(idrest!(), &["n"]),
    rule(r"`[^`]+`", &["n"]),
    rule(r"\[", &["o"]).then(Next::Push("typeparam")),
    rule(r"[\(\)\{\};,.#]", &["o"]),
    rule(concat!(op!(), "+"), &["o"]),
    rule(
        r"([0-9][0-9]*\.[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?",
        &["mf"],
    ),
    rule(r"([0-9][0-9]*[fFdD])", &["mf"]),
    rule(r"0x[0-9a-fA-F]+", &["mh"]),
    rule(r"[0-9]+L?", &["mi"]),
    rule(r"\n", &[""]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_scala() {
        let code = "val x: Int = f(1)";
        let want = vec![
            ("k", "val"),
            ("", " "),
            ("nv", "x"),
            ("k", ":"),
            ("", " "),
            ("kt", "Int"),
            ("", " "),
            ("o", "="),
            ("", " "),
            ("nf", "f"),
            ("o", "("),
            ("mi", "1"),
            ("o", ")"),
        ];
        let got = SCALA.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
