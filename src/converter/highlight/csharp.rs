//! Rouge's C# lexer (`rouge/lexers/csharp.rb`) as a rule table: punctuation and
//! operators are all `p`, numbers `m`, names before `(` functions, and `$"…{x}…"`
//! interpolations are lexed as code.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, mixin, rule};

pub(crate) static CSHARP: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

macro_rules! id {
    () => {
        r"(?i:@?[_a-z][a-zA-Z0-9_]*)"
    };
}

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        (
            "whitespace",
            &[
                rule(r"\s+", &[""]),
                rule(r"//.*?$", &["c1"]),
                rule(r"(?s)/[*].*?[*]/", &["cm"]),
            ],
        ),
        (
            "nest",
            &[
                rule(r"\{", &["p"]).then(Next::Push("nest")),
                rule(r"\}", &["p"]).then(Next::Pop),
                mixin("root"),
            ],
        ),
        (
            "splice_string",
            &[
                rule(r"\\.", &["s"]),
                rule(r"\{", &["p"]).then(Next::Push("nest")),
                rule("\"|\n", &["s"]).then(Next::Pop),
                rule(r".", &["s"]),
            ],
        ),
        (
            "splice_literal",
            &[
                rule(r#""""#, &["s"]),
                rule(r"\{", &["p"]).then(Next::Push("nest")),
                rule(r#"""#, &["s"]).then(Next::Pop),
                rule(r"(?s).", &["s"]),
            ],
        ),
        (
            "class",
            &[mixin("whitespace"), rule(id!(), &["nc"]).then(Next::Pop)],
        ),
        (
            "namespace",
            &[
                mixin("whitespace"),
                rule("", &[]).ahead(r"[(]").then(Next::Pop),
                rule(concat!("(?:", id!(), r"|[.])+"), &["nn"]).then(Next::Pop),
            ],
        ),
    ],
    start: &[],
    error: "err",
};

const ROOT: &[Rule] = &[
    mixin("whitespace"),
    rule(r#"[$]\s*""#, &["s"]).then(Next::Push("splice_string")),
    rule(r#"[$]@\s*""#, &["s"]).then(Next::Push("splice_literal")),
    rule(concat!(r"(<\[)\s*(", id!(), ":)?"), &["k"]),
    rule(r"\]>", &["k"]),
    rule(r"[~!%^&*()+=|\[\]{}:;,.<>/?-]", &["p"]),
    rule(r#"(?s)@"(""|[^"])*""#, &["s"]),
    rule(r#""(\\.|.)*?["\n]"#, &["s"]),
    rule(r"'(\\.|.)'", &["sc"]),
    rule(r"(?i)0x[0-9a-f]+[lu]?", &["m"]),
    rule(r"(?i)[0-9]([.][0-9]*)?(e[+-][0-9]+)?[fldu]?", &["m"]),
    rule(r"\b(?:class|struct|interface)\b", &["k"]).then(Next::Push("class")),
    rule(r"\b(?:namespace|using)\b", &["k"]).then(Next::Push("namespace")),
    rule(
        concat!(
            r"^#[ \t]*(if|endif|else|elif|define|undef|line|error|warning|region|",
            r"endregion|pragma)\b.*?\n"
        ),
        &["cp"],
    ),
    rule(
        concat!(
            r"\b(abstract|as|base|break|case|catch|checked|const|continue|default|",
            r"delegate|do|else|enum|event|explicit|extern|false|finally|fixed|for|",
            r"foreach|goto|if|implicit|in|interface|internal|is|lock|new|null|operator|",
            r"out|override|params|private|protected|public|readonly|ref|return|sealed|",
            r"sizeof|stackalloc|static|switch|this|throw|true|try|typeof|unchecked|",
            r"unsafe|virtual|void|volatile|while|add|alias|async|await|get|global|",
            r"partial|remove|set|value|where|yield|nameof|ascending|by|descending|",
            r"equals|from|group|in|into|join|let|on|orderby|select)\b"
        ),
        &["k"],
    ),
    rule(
        concat!(
            r"\b(bool|byte|char|decimal|double|dynamic|float|int|long|object|sbyte|",
            r"short|string|uint|ulong|ushort|var)\b"
        ),
        &["kt"],
    ),
    rule(id!(), &["nf"]).ahead(r"\s*[(]"),
    rule(id!(), &["n"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_csharp() {
        let code = "var s = $\"n={n}\";";
        let want = vec![
            ("kt", "var"),
            ("", " "),
            ("n", "s"),
            ("", " "),
            ("p", "="),
            ("", " "),
            ("s", "$\"n="),
            ("p", "{"),
            ("n", "n"),
            ("p", "}"),
            ("s", "\""),
            ("p", ";"),
        ];
        let got = CSHARP.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
