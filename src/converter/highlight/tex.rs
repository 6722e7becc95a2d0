//! Rouge's TeX lexer (`rouge/lexers/tex.rb`, also `latex`) as a rule table: commands
//! are keywords with their `[options]`, math is its own state with variables and
//! builtins, and `\begin{…}` is a tag.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, mixin, rule};

pub(crate) static TEX: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// A control sequence (`command` in `tex.rb`).
const COMMAND: &str = r"(?i)\\(?:[a-z]+|\s+|.)";

/// `\verb` with the delimiters it is commonly written with (Rouge's backreference
/// `(\S)(.*?)(\2)`, which the `regex` crate lacks).
macro_rules! verb {
    ($d:literal) => {
        rule(
            concat!(r"(\\verb)\b(", $d, ")(.*?)(", $d, ")"),
            &["nb", "kp", "sx", "kp"],
        )
    };
}

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        (
            "general",
            &[rule(r"%.*$", &["c"]), rule(r"[{}&_^]", &["p"])],
        ),
        (
            "math",
            &[
                rule(COMMAND, &["nv"]),
                mixin("general"),
                rule(r"[0-9]+", &["m"]),
                rule(r"[-=!+*/()\[\]]", &["o"]),
                rule(r"[^=!+*/()\[\]\\$%&_^{}0-9-]+", &["nb"]),
            ],
        ),
        (
            "inlinemath",
            &[
                rule(r"\\\)", &["p"]).then(Next::Pop),
                rule(r"\$", &["p"]).then(Next::Pop),
                mixin("math"),
            ],
        ),
        (
            "displaymath",
            &[
                rule(r"\\\]", &["p"]).then(Next::Pop),
                rule(r"\$\$", &["p"]).then(Next::Pop),
                rule(r"\$", &["nb"]),
                mixin("math"),
            ],
        ),
        (
            "command",
            &[
                rule(r"\[.*?\]", &["na"]),
                rule(r"\*", &["k"]),
                rule("", &[]).then(Next::Pop),
            ],
        ),
    ],
    start: &[],
    error: "err",
};

const ROOT: &[Rule] = &[
    rule(r"\\\[", &["p"]).then(Next::Push("displaymath")),
    rule(r"\\\(", &["p"]).then(Next::Push("inlinemath")),
    rule(r"\$\$", &["p"]).then(Next::Push("displaymath")),
    rule(r"\$", &["p"]).then(Next::Push("inlinemath")),
    rule(r"\\(begin|end)\{.*?\}", &["nt"]),
    verb!(r"\|"),
    verb!(r"\+"),
    verb!("!"),
    verb!("\""),
    verb!("#"),
    verb!("/"),
    verb!("="),
    rule(COMMAND, &["k"]).then(Next::Push("command")),
    mixin("general"),
    rule(r"[^\\$%&_^{}]+", &[""]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_tex() {
        let code = r"\section*{Hi} $x^2$";
        let want = vec![
            ("k", r"\section*"),
            ("p", "{"),
            ("", "Hi"),
            ("p", "}"),
            ("", " "),
            ("p", "$"),
            ("nb", "x"),
            ("p", "^"),
            ("m", "2"),
            ("p", "$"),
        ];
        let got = TEX.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
