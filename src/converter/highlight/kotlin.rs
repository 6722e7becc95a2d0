//! Rouge's Kotlin lexer (`rouge/lexers/kotlin.rb`) as a rule table; syntect's default
//! set has no Kotlin grammar. Declarations push small states that class the declared
//! name (class, function, property or package).

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, rule};

pub(crate) static KOTLIN: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

macro_rules! name_chars {
    () => {
        r"[-_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Nl}\p{Nd}\p{Pc}\p{Cf}\p{Mn}\p{Mc}]*"
    };
}

macro_rules! class_name {
    () => {
        concat!(r"`?\p{Lu}", name_chars!(), "`?")
    };
}

macro_rules! name {
    () => {
        concat!(r"`?[_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Nl}]", name_chars!(), "`?")
    };
}

/// Decimal digits, an exponent and a floating-point literal (`decDigits`…).
macro_rules! dec {
    () => {
        r"(?:[0-9][0-9_]*[0-9]|[0-9])"
    };
}

macro_rules! double {
    () => {
        concat!(
            "(?:(?:",
            dec!(),
            r"?\.",
            dec!(),
            r"(?:[eE][+-]?",
            dec!(),
            ")?)|(?:",
            dec!(),
            r"[eE][+-]?",
            dec!(),
            "))"
        )
    };
}

const KEYWORDS: &str = concat!(
    r"\b(?:abstract|annotation|as|break|by|catch|class|companion|const|",
    r"constructor|continue|crossinline|do|dynamic|else|enum|external|false|final|",
    r"finally|for|fun|get|if|import|in|infix|inline|inner|interface|internal|is|",
    r"lateinit|noinline|null|object|open|operator|out|override|package|private|",
    r"protected|public|reified|return|sealed|set|super|suspend|tailrec|this|throw|",
    r"true|try|typealias|typeof|val|var|vararg|when|where|while|yield)\b"
);

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        ("package", &[rule(r"\S+", &["nn"]).then(Next::Pop)]),
        ("class", &[rule(class_name!(), &["nc"]).then(Next::Pop)]),
        (
            "function",
            &[
                rule(r"(<)", &["p"]).then(Next::Push("generic_parameters")),
                rule(r"(\s+)", &[""]),
                rule(concat!("(", class_name!(), r")(\.)"), &["nc", "p"]),
                rule(name!(), &["nf"]).then(Next::Pop),
            ],
        ),
        (
            "generic_parameters",
            &[
                rule(class_name!(), &["nc"]),
                rule(r"(<)", &["p"]).then(Next::Push("generic_parameters")),
                rule(r"(reified|out|in)", &["k"]),
                rule(r"([,:.?])", &["p"]),
                rule(r"(\s+)", &[""]),
                rule(r"(>)", &["p"]).then(Next::Pop),
            ],
        ),
        (
            "property",
            &[
                rule(r"(<)", &["p"]).then(Next::Push("generic_parameters")),
                rule(r"(\s+)", &[""]),
                rule(name!(), &["py"]).then(Next::Pop),
            ],
        ),
        (
            "destructure",
            &[
                rule(r"(,)", &["p"]),
                rule(r"(\))", &["p"]).then(Next::Pop),
                rule(r"(\s+)", &[""]),
                rule(name!(), &["py"]),
            ],
        ),
        (
            "comment",
            &[
                rule(r"/[*]", &["cm"]).then(Next::Push("comment")),
                rule(r"[*]/", &["cm"]).then(Next::Pop),
                rule(r"[^/*]+", &["cm"]),
                rule(r"[/*]", &["cm"]),
            ],
        ),
    ],
    start: &[],
    error: "err",
};

const ROOT: &[Rule] = &[
    rule(r"\b(companion)(\s+)(object)\b", &["k", "", "k"]),
    rule(r"\b(class|data\s+class|interface|object)(\s+)", &["kd", ""]).then(Next::Push("class")),
    rule(r"\b(fun)(\s+)", &["k", ""]).then(Next::Push("function")),
    rule(r"\b(package|import)(\s+)", &["k", ""]).then(Next::Push("package")),
    rule(r"\b(val|var)(\s+)(\()", &["kd", "", "p"]).then(Next::Push("destructure")),
    rule(r"\b(val|var)(\s+)", &["kd", ""]).then(Next::Push("property")),
    rule(
        concat!(r"(return|continue|break|this|super)(@", name!(), r")?\b"),
        &["k", "nd"],
    ),
    rule(r"\bfun\b", &["k"]),
    rule(KEYWORDS, &["k"]),
    rule(r"^\s*\[.*?\]", &["na"]),
    rule(r"[^\S\n]+", &[""]),
    rule(r"\\\n", &[""]),
    rule(r"//.*?$", &["c1"]),
    rule(r"/[*].*[*]/", &["cm"]),
    rule(r"/[*].*", &["cm"]).then(Next::Push("comment")),
    rule(r"\n", &[""]),
    rule(r"(::)(class)", &["o", "k"]),
    rule(r"::|!!|\?[:.]", &["o"]),
    rule(r"(\.\.)", &["o"]),
    rule(
        concat!("(?:", double!(), "[fF]?)|(?:", dec!(), "[fF])"),
        &["mf"],
    ),
    rule(r"0[bB](?:[01][01_]*[01]|[01])[uU]?L?", &["mb"]),
    rule(
        r"0[xX](?:[0-9a-fA-F][0-9a-fA-F_]*[0-9a-fA-F]|[0-9a-fA-F])[uU]?L?",
        &["mh"],
    ),
    rule(r"(?:[1-9][0-9_]*[0-9]|[0-9])[uU]?L?", &["mi"]),
    rule(r"[~!%^&*()+=|\[\]:;,.<>/?-]", &["p"]),
    rule(r"[{}]", &["p"]),
    rule(r#"(?s)@"(?:""|[^"])*""#, &["s"]),
    rule(r#"(?s)""".*?""""#, &["s"]),
    rule(r#"(?s)"(?:\\\\|\\"|[^"\n])*["\n]"#, &["s"]),
    rule(r"'\\.'|'[^\\]'", &["sc"]),
    rule(concat!("@", class_name!()), &["nd"]),
    rule(concat!("(", class_name!(), ")(<)"), &["nc", "p"]).then(Next::Push("generic_parameters")),
    rule(class_name!(), &["nc"]),
    rule(name!(), &["nf"]).ahead(r"\s*[({]"),
    rule(concat!(name!(), "@"), &["nd"]),
    rule(name!(), &["n"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_kotlin() {
        let code = "fun main() {\n    val x = listOf(1)\n}";
        let want = vec![
            ("k", "fun"),
            ("", " "),
            ("nf", "main"),
            ("p", "()"),
            ("", " "),
            ("p", "{"),
            ("", "\n    "),
            ("kd", "val"),
            ("", " "),
            ("py", "x"),
            ("", " "),
            ("p", "="),
            ("", " "),
            ("nf", "listOf"),
            ("p", "("),
            ("mi", "1"),
            ("p", ")"),
            ("", "\n"),
            ("p", "}"),
        ];
        let got = KOTLIN.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
