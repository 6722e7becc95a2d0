//! Rouge's Java lexer (`rouge/lexers/java.rb`) as a rule table: a method's name is
//! found from its declaration or call shape (the words before it lexed again),
//! `.member` is an attribute, capitalised names classes and all-caps ones constants.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, RECURSE, Rule, compile, rule};

pub(crate) static JAVA: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

macro_rules! id {
    () => {
        r"[\p{Alphabetic}_]\w*"
    };
}

/// A digit, with `_` separators inside (`digit` in `java.rb`).
macro_rules! digit {
    () => {
        r"(?:[0-9]_+[0-9]|[0-9])"
    };
}

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        (
            "class",
            &[rule(r"\s+", &[""]), rule(id!(), &["nc"]).then(Next::Pop)],
        ),
        (
            "import",
            &[
                rule(r"\s+", &[""]),
                rule(r"(?i)[a-z0-9_.]+\*?", &["nn"]).then(Next::Pop),
            ],
        ),
    ],
    start: &[],
    error: "err",
};

const ROOT: &[Rule] = &[
    rule(r"[^\S\n]+", &[""]),
    rule(r"//.*?$", &["c1"]),
    rule(r"(?s)/\*.*?\*/", &["cm"]),
    rule(
        concat!(
            r"(?:assert|break|case|catch|continue|default|do|else|finally|for|if|goto|",
            r"instanceof|new|return|switch|this|throw|try|while)\b"
        ),
        &["k"],
    ),
    rule(
        r"(?s)(\s*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*\s+)+?)([a-zA-Z_][a-zA-Z0-9_]*)(\s*)(\()",
        &[RECURSE, "nf", "", "o"],
    ),
    rule(concat!("@", id!()), &["nd"]),
    rule(
        concat!(
            r"(?:abstract|const|enum|extends|final|implements|native|private|",
            r"protected|public|static|strictfp|super|synchronized|throws|transient|",
            r"volatile)\b"
        ),
        &["kd"],
    ),
    rule(
        r"(?:boolean|byte|char|double|float|int|long|short|var|void)\b",
        &["kt"],
    ),
    rule(r"(?:true|false|null)\b", &["kc"]),
    rule(r"(?:class|interface)\b", &["kd"]).then(Next::Push("class")),
    rule(r"(?:import|package)\b", &["kn"]).then(Next::Push("import")),
    rule(r#""(\\\\|\\"|[^"])*""#, &["s"]),
    rule(r"'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", &["sc"]),
    rule(concat!(r"(\.)(", id!(), ")"), &["o", "na"]),
    rule(concat!(id!(), ":"), &["nl"]),
    rule(r"\p{Lu}[\p{Lu}\p{Nd}_]*\b", &["no"]),
    rule(r"\p{Lu}[\p{Alphabetic}\p{Nd}]*\b", &["nc"]),
    rule(concat!(r"\$?", id!()), &["n"]),
    rule(r"[~^*!%&\[\](){}<>\|+=:;,./?-]", &["o"]),
    rule(
        concat!(digit!(), r"+\.", digit!(), r"+([eE]", digit!(), r"+)?[fd]?"),
        &["mf"],
    ),
    rule(r"(?i)0b(?:[01]_+[01]|[01])+", &["mb"]),
    rule(r"(?i)0x(?:[0-9a-f]_+[0-9a-f]|[0-9a-f])+", &["mh"]),
    rule(r"0(?:[0-7]_+[0-7]|[0-7])+", &["mo"]),
    rule(concat!(digit!(), "+L?"), &["mi"]),
    rule(r"\n", &[""]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_java() {
        let code = "public static void main(String[] args) {";
        let want = vec![
            ("kd", "public"),
            ("", " "),
            ("kd", "static"),
            ("", " "),
            ("kt", "void"),
            ("", " "),
            ("nf", "main"),
            ("o", "("),
            ("nc", "String"),
            ("o", "[]"),
            ("", " "),
            ("n", "args"),
            ("o", ")"),
            ("", " "),
            ("o", "{"),
        ];
        let got = JAVA.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
