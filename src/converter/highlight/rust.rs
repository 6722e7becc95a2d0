//! Rouge's Rust lexer (`rouge/lexers/rust.rb`) as a rule table: Rouge classes a call
//! `.name(` as `Name::Function` with its dot, a field `.name` as `Name::Property`,
//! `path::` segments as namespaces and std's types as builtins, none of which the
//! Sublime Rust grammar's scopes say. Macro bodies are tracked by bracket depth.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, mixin, rule};

/// The compiled lexer, built on first use.
pub(crate) static LEXER: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        ("bol", BOL),
        ("whitespace", WHITESPACE),
        ("comments", COMMENTS),
        ("plain_block", &block(&["cm"], "plain_block")),
        ("doc_block", &block(&["cd"], "doc_block")),
        ("attribute", ATTRIBUTE),
        ("literals", LITERALS),
        ("string", STRING),
        ("macro", &macro_state("macro_group", "macro_body")),
        ("macro_group", &macro_group("macro_group", "macro_body")),
        ("macro_body", MACRO_BODY),
        (
            "macro_rules",
            &macro_state("macro_rules_group", "macro_rules_body"),
        ),
        (
            "macro_rules_group",
            &macro_group("macro_rules_group", "macro_rules_body"),
        ),
        ("macro_rules_body", MACRO_RULES_BODY),
    ],
    start: &["bol"],
    error: "err",
};

/// `[\p{XID_Start}_]\p{XID_Continue}*`
macro_rules! id {
    () => {
        r"[\p{XID_Start}_]\p{XID_Continue}*"
    };
}

const KEYWORDS: &str = concat!(
    r"\b(?:as|async|await|break|const|continue|crate|dyn|else|enum|extern|false|",
    r"fn|for|if|impl|in|let|log|loop|match|mod|move|mut|pub|ref|return|self|",
    r"Self|static|struct|super|trait|true|type|unsafe|use|where|while|",
    r"abstract|become|box|do|final|macro|override|priv|typeof|unsized|virtual|",
    r"yield|try|union)\b"
);

const BUILTINS: &str = "\
    Add BitAnd BitOr BitXor bool c_char c_double c_float char \
    c_int clock_t c_long c_longlong Cons Const Copy c_schar c_short \
    c_uchar c_uint c_ulong c_ulonglong c_ushort c_void dev_t DIR \
    dirent Div Either Eq Err f32 f64 Failure FILE float fpos_t \
    i16 i32 i64 i8 isize Index ino_t int intptr_t Left mode_t Modulo Mul \
    Neg Nil None Num off_t Ok Option Ord Owned pid_t Ptr ptrdiff_t \
    Right Send Shl Shr size_t Some ssize_t str Sub Success time_t \
    u16 u32 u64 u8 usize uint uintptr_t \
    Box Vec String Gc Rc Arc \
    u128 i128 Result Sync Pin Unpin Sized Drop drop Fn FnMut FnOnce \
    Clone PartialEq PartialOrd AsMut AsRef From Into Default \
    DoubleEndedIterator ExactSizeIterator Extend IntoIterator Iterator";

const ROOT: &[Rule] = &[
    rule(r"\n", &[""]).then(Next::Push("bol")),
    mixin("whitespace"),
    rule(r"#!?\[", &["nd"]).then(Next::Push("attribute")),
    rule(KEYWORDS, &["k"]),
    mixin("literals"),
    rule(r"[=-]>", &["k"]),
    rule(r"<->", &["k"]),
    rule(r"[()\[\]{}|,:;]", &["p"]),
    rule(r"[*/!@~&+%^<>=?-]|\.{2,3}", &["o"]),
    rule(concat!(r"(?:[.]\s*)?", id!()), &["nf"]).ahead(r"\s*[(]"),
    rule(r"[.]\s*await\b", &["k"]),
    rule(concat!(r"[.]\s*", id!()), &["py"]),
    rule(r"[.]\s*\d+", &["na"]),
    rule(concat!("(", id!(), ")(::)"), &["nn", "p"]),
    rule(r"\bmacro_rules!", &["nd"]).then(Next::Push("macro_rules")),
    rule(concat!(id!(), "!"), &["nd"]).then(Next::Push("macro")),
    rule(r"'static\b", &["k"]),
    rule(concat!("'", id!()), &["nv"]),
    rule(id!(), &["n"]).words(&[(BUILTINS, "nb")]),
];

/// rustdoc's hidden `# ` lines are only recognised at the start of a line.
const BOL: &[Rule] = &[
    mixin("whitespace"),
    rule(r"#\s[^\n]*", &["cs"]),
    rule("", &[]).then(Next::Pop),
];

const WHITESPACE: &[Rule] = &[rule(r"\s+", &[""]), mixin("comments")];

const COMMENTS: &[Rule] = &[
    rule(r"////+[^\n]*", &["c1"]),
    rule(r"//[/!][^\n]*", &["cd"]),
    rule(r"//[^\n]*", &["c1"]),
    rule(r"/\*\*\*?/", &["cm"]),
    rule(r"/\*\*\*+", &["cm"]).then(Next::Push("plain_block")),
    rule(r"/[*][*!]", &["cd"]).then(Next::Push("doc_block")),
    rule(r"/[*]", &["cm"]).then(Next::Push("plain_block")),
];

/// A nesting block comment whose whole text has `classes`.
const fn block(classes: &'static [&'static str], state: &'static str) -> [Rule; 3] {
    [
        rule(r"\*/", classes).then(Next::Pop),
        rule(r"/\*", classes).then(Next::Push(state)),
        rule(r"[^*/]+|[*/]", classes),
    ]
}

const ATTRIBUTE: &[Rule] = &[
    mixin("whitespace"),
    mixin("literals"),
    rule(r"[(,)=:]", &["nd"]),
    rule(r"\]", &["nd"]).then(Next::Pop),
    rule(id!(), &["nd"]),
];

const ESCAPE: &str = r#"\\(?:[nrt'"\\0]|x[0-9a-fA-F]{2}|u\{(?:[0-9a-fA-F]_*){1,6}\})"#;

const LITERALS: &[Rule] = &[
    rule(r"\b(?:true|false)\b", &["kc"]),
    rule(
        r#"b?'(?:\\(?:[nrt'"\\0]|x[0-9a-fA-F]{2}|u\{(?:[0-9a-fA-F]_*){1,6}\})|[^\\])'"#,
        &["sc"],
    ),
    rule(r#"b?""#, &["s"]).then(Next::Push("string")),
    rule(r####"b?r###"(?s:.*?)"###"####, &["s"]),
    rule(r###"b?r##"(?s:.*?)"##"###, &["s"]),
    rule(r##"b?r#"(?s:.*?)"#"##, &["s"]),
    rule(r#"b?r"(?s:.*?)""#, &["s"]),
    rule(
        concat!(
            r"[0-9][0-9_]*(?:",
            r"[.][0-9][0-9_]*(?:[eE][-+]?[0-9_]+)?(?:f32|f64)?",
            r"|(?:[.][0-9][0-9_]*)?[eE][-+]?[0-9_]+(?:f32|f64)?",
            r"|(?:[.][0-9][0-9_]*)?(?:[eE][-+]?[0-9_]+)?(?:f32|f64))"
        ),
        &["mf"],
    ),
    rule(r"[0-9][0-9_]*[.]", &["mf"]).not_ahead(r"[._\p{XID_Start}]"),
    rule(
        concat!(
            r"(?:0b[10_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)",
            r"(?:u(?:8|16|32|64|128|size)?|i(?:8|16|32|64|128|size))?"
        ),
        &["mi"],
    ),
];

const STRING: &[Rule] = &[
    rule(r#"""#, &["s"]).then(Next::Pop),
    rule(ESCAPE, &["se"]),
    rule(r#"[^"\\]+"#, &["s"]),
];

/// After `name!`: the first bracket opens the macro's body, which ends when its
/// brackets balance (Rouge counts them in `@macro_delims`).
const fn macro_state(group: &'static str, body: &'static str) -> [Rule; 3] {
    [
        rule(r"[\[{(]", &["p"]).then(Next::Switch(group)),
        rule(r"[\]})]", &["p"]).then(Next::Pop),
        mixin(body),
    ]
}

const fn macro_group(group: &'static str, body: &'static str) -> [Rule; 3] {
    [
        rule(r"[\[{(]", &["p"]).then(Next::Push(group)),
        rule(r"[\]})]", &["p"]).then(Next::Pop),
        mixin(body),
    ]
}

/// Inside a macro a nested `name!` does not start another macro, and anything else
/// is `Text` rather than an error.
const MACRO_BODY: &[Rule] = &[
    mixin("literals"),
    rule(concat!(id!(), "!"), &["nd"]),
    mixin("root"),
    rule(r".", &[""]),
];

const MACRO_RULES_BODY: &[Rule] = &[
    rule(concat!(r"[$]", id!(), "(?::", id!(), ")?"), &["nv"]),
    rule(r"[$]", &["nv"]),
    mixin("macro_body"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_like_rouge() {
        let cases = [
            (
                "text.split_whitespace()",
                vec![("n", "text"), ("nf", ".split_whitespace"), ("p", "()")],
            ),
            (
                "fn f(x: usize) -> Vec<u8>",
                vec![
                    ("k", "fn"),
                    ("", " "),
                    ("nf", "f"),
                    ("p", "("),
                    ("n", "x"),
                    ("p", ":"),
                    ("", " "),
                    ("nb", "usize"),
                    ("p", ")"),
                    ("", " "),
                    ("k", "->"),
                    ("", " "),
                    ("nb", "Vec"),
                    ("o", "<"),
                    ("nb", "u8"),
                    ("o", ">"),
                ],
            ),
            (
                "std::mem::take(a.b)",
                vec![
                    ("nn", "std"),
                    ("p", "::"),
                    ("nn", "mem"),
                    ("p", "::"),
                    ("nf", "take"),
                    ("p", "("),
                    ("n", "a"),
                    ("py", ".b"),
                    ("p", ")"),
                ],
            ),
            (
                "println!(\"{}\\n\", 1.5)",
                vec![
                    ("nd", "println!"),
                    ("p", "("),
                    ("s", "\"{}"),
                    ("se", "\\n"),
                    ("s", "\""),
                    ("p", ","),
                    ("", " "),
                    ("mf", "1.5"),
                    ("p", ")"),
                ],
            ),
        ];
        for (code, want) in cases {
            let got = LEXER.tokens(code);
            let got = crate::converter::highlight::format::classes(&got, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
