//! Rouge's Go lexer (`rouge/lexers/go.rb`) as a rule table: Rouge classes Go by
//! token shape alone (every number `m`, predeclared types `kt`, builtins `nb`, all
//! other identifiers `n`), which the Sublime Go grammar's scopes do not follow.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, mixin, rule};

pub(crate) static GO: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

macro_rules! decimals {
    () => {
        r"[0-9]+"
    };
}

macro_rules! float {
    () => {
        concat!(
            decimals!(),
            r"\.(?:",
            decimals!(),
            r")?(?:[eE][+\-]?",
            decimals!(),
            r")?|",
            decimals!(),
            r"[eE][+\-]?",
            decimals!(),
            r"|\.",
            decimals!(),
            r"(?:[eE][+\-]?",
            decimals!(),
            r")?"
        )
    };
}

const GRAMMAR: Grammar = Grammar {
    states: &[
        (
            "root",
            &[
                mixin("simple_tokens"),
                rule(r"`", &["s"]).then(Next::Push("raw_string")),
                rule(r#"""#, &["s"]).then(Next::Push("interpreted_string")),
            ],
        ),
        ("simple_tokens", SIMPLE_TOKENS),
        (
            "interpreted_string",
            &[
                rule(
                    r#"\\[abfnrtv\\'"]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\x[0-9A-Fa-f]{2}"#,
                    &["se"],
                ),
                rule(r"\\.", &["err"]),
                rule(r#"""#, &["s"]).then(Next::Pop),
                rule(r#"[^"\\]+"#, &["s"]),
            ],
        ),
        (
            "raw_string",
            &[rule(r"`", &["s"]).then(Next::Pop), rule(r"[^`]+", &["s"])],
        ),
    ],
    start: &[],
    error: "err",
};

const SIMPLE_TOKENS: &[Rule] = &[
    rule(r"(?s)//[^\n]*|/\*.*?\*/", &["c"]),
    rule(
        concat!(
            r"\b(?:break|default|func|interface|select|case|defer|go|map|struct|chan|",
            r"else|goto|package|switch|const|fallthrough|if|range|type|continue|for|",
            r"import|return|var)\b"
        ),
        &["k"],
    ),
    rule(
        concat!(
            r"\b(?:bool|byte|complex64|complex128|error|float32|float64|int8|int16|",
            r"int32|int64|int|rune|string|uint8|uint16|uint32|uint64|uintptr|uint)\b"
        ),
        &["kt"],
    ),
    rule(
        concat!(
            r"\b(?:append|cap|close|complex|copy|delete|imag|len|make|new|panic|",
            r"print|println|real|recover)\b"
        ),
        &["nb"],
    ),
    rule(r"\b(?:true|false|iota|nil)\b", &["no"]),
    rule(concat!("(?:", decimals!(), "|", float!(), ")i"), &["m"]),
    rule(float!(), &["m"]),
    rule(r"0[xX][0-9A-Fa-f]+|[0-9][0-9]*|0[0-7]*", &["m"]),
    rule(
        concat!(
            r#"'(?:[^\n]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\[abfnrtv\\'"]"#,
            r"|\\[0-7]{3}|\\x[0-9A-Fa-f]{2})'"
        ),
        &["sc"],
    ),
    rule(
        concat!(
            r"\+=|\+\+|\+|&\^=|&\^|&=|&&|&|==|=|!=|!|-=|--|-|\|=|\|\||\||<=|<-|",
            r"<<=|<<|<|\*=|\*|\^=|\^|>>=|>>|>=|>|/|/=|:=|%|%=|\.\.\.|\.|:"
        ),
        &["o"],
    ),
    rule(r"\(|\)|\[|\]|\{|\}|,|;", &["p"]),
    rule(r"(?:\p{Alphabetic}|_)(?:\p{Alphabetic}|_|\p{Nd})*", &["n"]),
    rule(r"\s+", &[""]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_go() {
        let code = "x := len(s) + 1.5";
        let want = vec![
            ("n", "x"),
            ("", " "),
            ("o", ":="),
            ("", " "),
            ("nb", "len"),
            ("p", "("),
            ("n", "s"),
            ("p", ")"),
            ("", " "),
            ("o", "+"),
            ("", " "),
            ("m", "1.5"),
        ];
        let got = GO.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
