//! Rouge's MATLAB lexer (`rouge/lexers/matlab.rb`) as a rule table: words are
//! keywords, builtins (Rouge's generated list of MATLAB functions, kept in
//! `matlab_builtins.txt`) or names; `!` lines are shell commands.

use std::sync::LazyLock;

use super::regex_lexer::{DELEGATE, Grammar, Lexer, Next, Rule, compile, rule};

pub(crate) static MATLAB: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

const KEYWORDS: &str = "\
    arguments break case catch classdef continue else elseif end for function global \
    if import methods otherwise parfor persistent properties return spmd switch try \
    while";

/// Functions Rouge's MATLAB lexer marks `Name.Builtin` (`matlab/builtins.rb`).
const BUILTINS: &str = include_str!("matlab_builtins.txt");

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        (
            "chararray",
            &[
                rule(r"[^']+", &["s1"]),
                rule(r"''", &["se"]),
                rule(r"'", &["s1"]).then(Next::Pop),
            ],
        ),
        (
            "string",
            &[
                rule(r#"[^"]+"#, &["s2"]),
                rule(r#""""#, &["se"]),
                rule(r#"""#, &["s2"]).then(Next::Pop),
            ],
        ),
    ],
    start: &[],
    error: "err",
};

const ROOT: &[Rule] = &[
    rule(r"\s+", &[""]),
    rule(r"(?s)[{]%.*?%[}]", &["cm"]),
    rule(r"%.*$", &["c1"]),
    rule(r"([.][.][.])(.*?)$", &["k", "c1"]),
    rule(r"^(!)([^%\n]*)", &["k", DELEGATE]),
    rule(r"[a-zA-Z][_a-zA-Z0-9]*", &["n"]).words(&[(KEYWORDS, "k"), (BUILTINS, "nb")]),
    rule(r"[(){};:,/\\\]\[]", &["p"]),
    rule(r"~=|==|<<|>>|[-~+/*%=<>&^|.@]", &["o"]),
    rule(r"(?i)(\d+\.\d*|\d*\.\d+)(e[+-]?[0-9]+)?", &["mf"]),
    rule(r"(?i)\d+e[+-]?[0-9]+", &["mf"]),
    rule(r"\d+L", &["il"]),
    rule(r"\d+", &["mi"]),
    rule(r"'", &["s1"])
        .ahead(r".*'")
        .then(Next::Push("chararray")),
    rule(r#"""#, &["s2"])
        .ahead(r#".*""#)
        .then(Next::Push("string")),
    rule(r"'", &["o"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_matlab() {
        let code = "x = zeros(3); % init\ny = x';";
        let want = vec![
            ("n", "x"),
            ("", " "),
            ("o", "="),
            ("", " "),
            ("nb", "zeros"),
            ("p", "("),
            ("mi", "3"),
            ("p", ");"),
            ("", " "),
            ("c1", "% init"),
            ("", "\n"),
            ("n", "y"),
            ("", " "),
            ("o", "="),
            ("", " "),
            ("n", "x"),
            ("o", "'"),
            ("p", ";"),
        ];
        let got = MATLAB.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
