//! Rouge's C and C++ lexers (`rouge/lexers/c.rb`, `cpp.rb`) as rule tables: Rouge
//! names a function where it is defined (re-lexing its return type and signature),
//! classes words by its keyword lists, lexes preprocessor lines as one `cp` run with
//! `cpf` file names, and greys out `#if 0` blocks.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, RECURSE, Rule, compile, mixin, rule};

pub(crate) static C: LazyLock<Lexer> = LazyLock::new(|| compile(&C_GRAMMAR));
pub(crate) static CPP: LazyLock<Lexer> = LazyLock::new(|| compile(&CPP_GRAMMAR));

macro_rules! id {
    () => {
        r"[a-zA-Z_][a-zA-Z0-9_]*"
    };
}

const C_KEYWORDS: &str = "\
    auto break case const continue default do else enum extern for goto if register \
    restricted return sizeof static struct switch typedef union volatile virtual while \
    _Alignas _Alignof _Atomic _Generic _Imaginary _Noreturn _Static_assert _Thread_local";

const C_TYPES: &str = "\
    int long float short double char unsigned signed void jmp_buf FILE DIR div_t \
    ldiv_t mbstate_t sig_atomic_t fpos_t clock_t time_t va_list size_t ssize_t off_t \
    wchar_t ptrdiff_t wctrans_t wint_t wctype_t _Bool _Complex int8_t int16_t int32_t \
    int64_t uint8_t uint16_t uint32_t uint64_t int_least8_t int_least16_t \
    int_least32_t int_least64_t uint_least8_t uint_least16_t uint_least32_t \
    uint_least64_t int_fast8_t int_fast16_t int_fast32_t int_fast64_t uint_fast8_t \
    uint_fast16_t uint_fast32_t uint_fast64_t intptr_t uintptr_t intmax_t uintmax_t \
    char16_t char32_t";

const C_RESERVED: &str = "\
    __asm __int8 __based __except __int16 __stdcall __cdecl __fastcall __int32 \
    __declspec __finally __int61 __try __leave inline _inline __inline naked _naked \
    __naked restrict _restrict __restrict thread _thread __thread typename _typename \
    __typename";

const CPP_KEYWORDS: &str = "\
    asm auto catch char8_t concept consteval constexpr constinit const_cast co_await \
    co_return co_yield delete dynamic_cast explicit export friend mutable namespace \
    new operator private protected public reinterpret_cast requires restrict size_of \
    static_cast this throw throws typeid typename using virtual final override \
    alignas alignof decltype noexcept static_assert thread_local try";

const CPP_RESERVED: &str = "\
    __virtual_inheritance __uuidof __super __single_inheritance \
    __multiple_inheritance __interface __event";

const C_GRAMMAR: Grammar =
    Grammar {
        states: &[
            ("root", C_ROOT),
            ("statements", C_STATEMENTS),
            (
                "identifier",
                &[rule(id!(), &["n"]).words(&[
                    (C_KEYWORDS, "k"),
                    (C_TYPES, "kt"),
                    (C_RESERVED, "kr"),
                ])],
            ),
            (
                "case",
                &[rule(r":", &["p"]).then(Next::Pop), mixin("statements")],
            ),
            COMMON[0],
            COMMON[1],
            COMMON[2],
            COMMON[3],
            COMMON[4],
            COMMON[5],
            COMMON[6],
            COMMON[7],
            COMMON[8],
        ],
        start: &["bol"],
        error: "err",
    };

const CPP_GRAMMAR: Grammar = Grammar {
    states: &[
        (
            "root",
            &[
                rule(r"(?:__offload|__blockingoffload|__outer)\b", &["kp"]),
                mixin("c_root"),
            ],
        ),
        ("c_root", C_ROOT),
        ("statements", CPP_STATEMENTS),
        ("c_statements", C_STATEMENTS),
        (
            "identifier",
            &[rule(id!(), &["n"]).words(&[
                (C_KEYWORDS, "k"),
                (CPP_KEYWORDS, "k"),
                (C_TYPES, "kt"),
                ("bool", "kt"),
                (C_RESERVED, "kr"),
                (CPP_RESERVED, "kr"),
            ])],
        ),
        (
            "case",
            &[
                rule(r":", &["p"]).not_ahead(":").then(Next::Pop),
                mixin("statements"),
            ],
        ),
        (
            "classname",
            &[
                rule(id!(), &["nc"]).then(Next::Pop),
                mixin("whitespace"),
                rule(r"[.]{3}", &["o"]),
                rule(r",", &["p"]).then(Next::Pop),
                rule("", &[]).then(Next::Pop),
            ],
        ),
        (
            "template",
            &[
                rule(r"[>;]", &["p"]).then(Next::Pop),
                rule(r"typename\b", &["k"]).then(Next::Push("classname")),
                mixin("statements"),
            ],
        ),
        COMMON[0],
        COMMON[1],
        COMMON[2],
        COMMON[3],
        COMMON[4],
        COMMON[5],
        COMMON[6],
        COMMON[7],
        COMMON[8],
    ],
    start: &["bol"],
    error: "err",
};

/// The states C and C++ share unchanged.
const COMMON: [(&str, &[Rule]); 9] = [
    (
        "expr_bol",
        &[
            mixin("inline_whitespace"),
            rule(r"#if\s0", &["c"]).then(Next::Push("if_0")),
            rule(r"#", &["cp"]).then(Next::Push("macro")),
            rule("", &[]).then(Next::Pop),
        ],
    ),
    (
        "bol",
        &[
            rule(concat!(id!(), ":"), &["nl"]).not_ahead(":"),
            mixin("expr_bol"),
        ],
    ),
    (
        "inline_whitespace",
        &[
            rule(r"[ \t\r]+", &[""]),
            rule(r"\\\n", &[""]),
            rule(r"(?s)/(\\\n)?[*].*?[*](\\\n)?/", &["cm"]),
        ],
    ),
    (
        "whitespace",
        &[
            rule(r"\n+", &[""]).then(Next::Push("bol")),
            rule(r"//(\\.|.)*?$", &["c1"]).then(Next::Push("bol")),
            mixin("inline_whitespace"),
        ],
    ),
    (
        "expr_whitespace",
        &[
            rule(r"\n+", &[""]).then(Next::Push("expr_bol")),
            mixin("whitespace"),
        ],
    ),
    (
        "function",
        &[
            mixin("whitespace"),
            mixin("statements"),
            rule(r";", &["p"]),
            rule(r"\{", &["p"]).then(Next::Push("function")),
            rule(r"\}", &["p"]).then(Next::Pop),
        ],
    ),
    (
        "string",
        &[
            rule(r#"""#, &["s"]).then(Next::Pop),
            rule(r#"\\([\\abfnrtv"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})"#, &["se"]),
            rule(r#"[^\\"\n]+"#, &["s"]),
            rule(r"\\\n", &["s"]),
            rule(r"\\", &["s"]),
        ],
    ),
    (
        "macro",
        &[
            rule(r"(include)(\s*)(<[^>]+>)([^\n]*)", &["cp", "", "cpf", "c1"]),
            rule(
                r#"(include)(\s*)("[^"]+")([^\n]*)"#,
                &["cp", "", "cpf", "c1"],
            ),
            rule(r"[^/\n\\]+", &["cp"]),
            rule(r"(?s)\\.", &["cp"]),
            mixin("inline_whitespace"),
            rule(r"/", &["cp"]),
            rule(r"\n", &["cp"]).then(Next::Pop),
        ],
    ),
    (
        "if_0",
        &[
            rule(r"^\s*#if", &["c"]).then(Next::Push("if_0")),
            rule(r"^\s*#\s*el(?:se|if)", &["c"]).then(Next::Pop),
            rule(r"(?s)^\s*#\s*endif\b(?:.*?[^\\])?\n", &["c"]).then(Next::Pop),
            rule(r".*?\n", &["c"]),
        ],
    ),
];

/// A function definition ending in `$end`: its return type and signature are lexed
/// again.
macro_rules! definition {
    ($end:literal) => {
        rule(
            concat!(
                r"(?s)([\w*\s]+?[\s*])(",
                id!(),
                r")(\s*\([^;]*?\))((?:\s|//.*?\n|/[*].*?[*]/)*)(",
                $end,
                ")"
            ),
            &[RECURSE, "nf", RECURSE, RECURSE, "p"],
        )
    };
}

const C_ROOT: &[Rule] = &[
    mixin("expr_whitespace"),
    definition!(r"\{").then(Next::Push("function")),
    definition!(";"),
    rule(r"\{", &["p"]).then(Next::Push("function")),
    mixin("statements"),
];

const C_STATEMENTS: &[Rule] = &[
    mixin("whitespace"),
    rule(r#"(u8|u|U|L)?""#, &["s"]).then(Next::Push("string")),
    rule(
        r"(?i)(u8|u|U|L)?'(\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])'",
        &["sc"],
    ),
    rule(r"(?i)(\d+[.]\d*|[.]?\d+)e[+-]?\d+[lu]*", &["mf"]),
    rule(r"(?i)\d+e[+-]?\d+[lu]*", &["mf"]),
    rule(r"(?i)0x[0-9a-f]+[lu]*", &["mh"]),
    rule(r"(?i)0[0-7]+[lu]*", &["mo"]),
    rule(r"(?i)\d+[lu]*", &["mi"]),
    rule(r"\*/", &["err"]),
    rule(r"[~!%^&*+=\|?:<>/-]", &["o"]),
    rule(r"[()\[\],.;]", &["p"]),
    rule(r"\bcase\b", &["k"]).then(Next::Push("case")),
    rule(r"(?:true|false|NULL)\b", &["nb"]),
    mixin("identifier"),
];

/// Digits with optional inner quotes (`1'000`).
macro_rules! dq {
    () => {
        r"\d(?:'?\d)*"
    };
}

const CPP_STATEMENTS: &[Rule] = &[
    rule(r"(class|struct)\b", &["k"]).then(Next::Push("classname")),
    rule(r"template\b", &["k"]).then(Next::Push("template")),
    rule(
        concat!(
            dq!(),
            r"(?:\.",
            dq!(),
            r")?(?:y|d|h|min|s|ms|us|ns|i|if|il)\b"
        ),
        &["mx"],
    ),
    rule(
        concat!(
            "(?i)(?:",
            dq!(),
            "[.](?:",
            dq!(),
            ")?|[.]",
            dq!(),
            ")(?:e[+-]?",
            dq!(),
            "[lu]*)?"
        ),
        &["mf"],
    ),
    rule(concat!("(?i)", dq!(), "e[+-]?", dq!(), "[lu]*"), &["mf"]),
    rule(r"(?i)0x[0-9a-f](?:'?[0-9a-f])*[lu]*", &["mh"]),
    rule(r"0b[01]+(?:'[01]+)*", &["mb"]),
    rule(r"(?i)0[0-7](?:'?[0-7])*[lu]*", &["mo"]),
    rule(concat!("(?i)", dq!(), "[lu]*"), &["mi"]),
    rule(r"\bnullptr\b", &["nb"]),
    rule(r#"(?s)(?:u8|u|U|L)?R"\(.*?\)""#, &["s"]),
    rule(r"(::|<=>)", &["o"]),
    rule(r"[{}]", &["p"]),
    mixin("c_statements"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_c() {
        let code = "#include <stdio.h>\nint main(void) {\n  return 0;\n}\n";
        let want = vec![
            ("cp", "#include"),
            ("", " "),
            ("cpf", "<stdio.h>"),
            ("cp", "\n"),
            ("kt", "int"),
            ("", " "),
            ("nf", "main"),
            ("p", "("),
            ("kt", "void"),
            ("p", ")"),
            ("", " "),
            ("p", "{"),
            ("", "\n  "),
            ("k", "return"),
            ("", " "),
            ("mi", "0"),
            ("p", ";"),
            ("", "\n"),
            ("p", "}"),
            ("", "\n"),
        ];
        let got = C.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
