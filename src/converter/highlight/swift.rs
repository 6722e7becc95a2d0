//! Rouge's Swift lexer (`rouge/lexers/swift.rb`) as a rule table; syntect's default
//! set has no Swift grammar. Capitalised names are types (`kt`), calls functions,
//! and `name:` labels variables, as Rouge's callbacks decide.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, REJECT, Rule, compile, mixin, rule};

pub(crate) static SWIFT: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// A Swift identifier (`id_head id_rest*`).
macro_rules! id {
    () => {
        concat!(
            r"(?:_|[\p{Alphabetic}&&\P{Mc}]|[\x{10000}-\x{10FFFF}])",
            r"(?:[\p{Alphabetic}\p{Nd}_]|[\x{10000}-\x{10FFFF}])*"
        )
    };
}

const KEYWORDS: &str = "\
    await break case continue default do else fallthrough if in for return switch \
    where while try catch throw guard defer repeat as dynamicType is new super self \
    Self Type __COLUMN__ __FILE__ __FUNCTION__ __LINE__ associativity async didSet \
    get infix inout isolated mutating none nonmutating operator override postfix \
    precedence prefix set unowned weak willSet throws rethrows precedencegroup";

const DECLARATIONS: &str = "\
    actor class deinit enum convenience extension final func import init internal \
    lazy let nonisolated optional private protocol public required static struct \
    subscript typealias var dynamic indirect associatedtype open fileprivate some";

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        (
            "bol",
            &[
                rule(r"#.*", &["cp"]),
                mixin("inline_whitespace"),
                rule("", &[]).then(Next::Pop),
            ],
        ),
        (
            "inline_whitespace",
            &[rule(r"\s+", &[""]), mixin("has_comments")],
        ),
        (
            "whitespace",
            &[
                rule(r"\n+", &[""]).then(Next::Push("bol")),
                rule(r"//.*?$", &["c1"]).then(Next::Push("bol")),
                mixin("inline_whitespace"),
            ],
        ),
        (
            "has_comments",
            &[rule(r"/[*]", &["cm"]).then(Next::Push("nested_comment"))],
        ),
        (
            "nested_comment",
            &[
                mixin("has_comments"),
                rule(r"[*]/", &["cm"]).then(Next::Pop),
                rule(r"[^*/]+", &["cm"]),
                rule(r".", &["cm"]),
            ],
        ),
        (
            "tuple",
            &[
                rule(id!(), &["nv"]),
                rule(concat!("(`)(", id!(), ")(`)"), &["p", "nv", "p"]),
                rule(r",", &["p"]),
                rule(r"[(]", &["p"]).then(Next::Push("tuple")),
                rule(r"[)]", &["p"]).then(Next::Pop),
                mixin("inline_whitespace"),
            ],
        ),
        (
            "dq",
            &[
                rule(r#"\\[\\0tnr'"]"#, &["se"]),
                rule(r"\\[(]", &["se"]).then(Next::Push("interp")),
                rule(r"\\u\{[0-9a-fA-F]{1,8}\}", &["se"]),
                rule(r#"[^\\"]+"#, &["s"]),
                rule(r#"""""#, &["s"]).then(Next::Pop),
                rule(r#"""#, &["s"]).then(Next::Pop),
            ],
        ),
        (
            "interp",
            &[
                rule(r"[(]", &["p"]).then(Next::Push("interp_inner")),
                rule(r"[)]", &["se"]).then(Next::Pop),
                mixin("root"),
            ],
        ),
        (
            "interp_inner",
            &[
                rule(r"[(]", &["p"]).then(Next::Push("interp_inner")),
                rule(r"[)]", &["p"]).then(Next::Pop),
                mixin("root"),
            ],
        ),
    ],
    start: &["bol"],
    error: "err",
};

const ROOT: &[Rule] = &[
    mixin("whitespace"),
    rule(r"\$(?:(?:[1-9]\d*)?\d)", &["nv"]),
    rule(r"[()\[\]{}:;,?\\]", &["p"]),
    rule(r"[-/=+*%<>!&|^.~]+", &["o"]),
    rule(r#"@?""#, &["s"]).then(Next::Push("dq")),
    rule(r"'(?:\\.|.)'", &["sc"]),
    rule(
        r"(?i)(?:\d+(?:_\d+)*\*|(?:\d+(?:_\d+)*)*\.\d+(?:_\d)*)(?:e[+-]?\d+(?:_\d)*)?",
        &["mf"],
    ),
    rule(r"(?i)\d+e[+-]?[0-9]+", &["mf"]),
    rule(r"0o?[0-7]+(?:_[0-7]+)*", &["mo"]),
    rule(
        r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*(?:(?:\.[0-9A-F]+(?:_[0-9A-F]+)*)?p[+-]?\d+)?",
        &["mh"],
    ),
    rule(r"0b[01]+(?:_[01]+)*", &["mb"]),
    rule(r"[\d]+(?:_\d+)*", &["mi"]),
    rule(concat!("@", id!()), &["kd"]),
    rule(r"(?:private|internal)\([ ]*set[ ]*\)", &["kd"]),
    rule(
        r"(private|internal)(\([ ]*)(\w+)([ ]*\))",
        &["kd", "kd", "err", "kd"],
    ),
    rule(r"unowned\([ ]*(?:safe|unsafe)[ ]*\)", &["kd"]),
    rule(r"(unowned\([ ]*)(\w+)([ ]*\))", &["kd", "err", "kd"]),
    rule(r"#available\([^)]+\)", &["kd"]),
    rule(
        r"(#(?:selector|keyPath)\()([^)]+?(?:[(].*?[)])?)(\))",
        &["kd", "nf", "kd"],
    ),
    rule(r"#(?:line|file|column|function|dsohandle)", &["kd"]),
    rule(concat!(r"(let|var)\b(\s*)(", id!(), ")"), &["k", "", "nv"]),
    rule(r"(let|var)\b(\s*)([(])", &["k", "", "p"]).then(Next::Push("tuple")),
    rule(concat!(r"\b", id!()), &["nf"])
        .ahead(r"[?!]?\s*[(]")
        .words(&[("if while for private internal unowned switch case", REJECT)])
        .upper("kt"),
    rule(r"as[?!]?", &["k"]).ahead(r"\s"),
    rule(r"try[!]?", &["k"]).ahead(r"\s"),
    rule(concat!("(#?", id!(), r")(\s*)(:)"), &["nv", "", "p"])
        .words(&[("default… #default…", REJECT)])
        .upper(REJECT),
    rule(id!(), &["n"])
        .words(&[
            (KEYWORDS, "k"),
            (DECLARATIONS, "kd"),
            ("true false nil", "kc"),
        ])
        .upper("kt"),
    rule(concat!("(`)(", id!(), ")(`)"), &["p", "nv", "p"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_swift() {
        let code = "let x = Foo(a: 1)\nprint(x)";
        let want = vec![
            ("k", "let"),
            ("", " "),
            ("nv", "x"),
            ("", " "),
            ("o", "="),
            ("", " "),
            ("kt", "Foo"),
            ("p", "("),
            ("nv", "a"),
            ("p", ":"),
            ("", " "),
            ("mi", "1"),
            ("p", ")"),
            ("", "\n"),
            ("nf", "print"),
            ("p", "("),
            ("n", "x"),
            ("p", ")"),
        ];
        let got = SWIFT.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
