//! Rouge's Python lexer (`rouge/lexers/python.rb`) as a rule table. Rouge keeps a
//! register of open strings (prefix and quote); here each combination of quote and
//! `f`/`r` prefix is its own state. f-string fields are lexed again as Python.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, RECURSE, REJECT, Rule, compile, mixin, rule};
use super::words::{PYTHON_BUILTINS, PYTHON_PSEUDO};

pub(crate) static PYTHON: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

const KEYWORDS: &str = "\
    assert break continue del elif else except exec finally for global if lambda \
    pass print raise return try while yield as with from import async await nonlocal";

const EXCEPTIONS: &str = "\
    ArithmeticError AssertionError AttributeError BaseException BlockingIOError \
    BrokenPipeError BufferError BytesWarning ChildProcessError \
    ConnectionAbortedError ConnectionError ConnectionRefusedError \
    ConnectionResetError DeprecationWarning EOFError EnvironmentError Exception \
    FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit \
    IOError ImportError ImportWarning IndentationError IndexError InterruptedError \
    IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError \
    ModuleNotFoundError NameError NotADirectoryError NotImplemented \
    NotImplementedError OSError OverflowError OverflowWarning \
    PendingDeprecationWarning ProcessLookupError RecursionError ReferenceError \
    ResourceWarning RuntimeError RuntimeWarning StandardError StopAsyncIteration \
    StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError \
    TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError \
    UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError \
    VMSError Warning WindowsError ZeroDivisionError";

macro_rules! identifier {
    () => {
        r"[\p{Alphabetic}_][\p{Alphabetic}\p{Nd}_]*"
    };
}

macro_rules! dotted {
    () => {
        r"[\p{Alphabetic}_.][\p{Alphabetic}\p{Nd}_.]*"
    };
}

macro_rules! digits {
    () => {
        r"[0-9](?:_?[0-9])*"
    };
}

/// A string opening with a prefix matching `$prefix`: one rule per quote, each
/// pushing the state for that quote and the prefix's `f`/`r` kind.
macro_rules! openers {
    ($prefix:expr, $kind:literal) => {
        [
            opener($prefix, TSQ, concat!("tsq", $kind)),
            opener($prefix, TDQ, concat!("tdq", $kind)),
            opener($prefix, SQ, concat!("sq", $kind)),
            opener($prefix, DQ, concat!("dq", $kind)),
        ]
    };
}

macro_rules! quote_pattern {
    ($prefix:literal) => {
        concat!("(?i)(", $prefix, r#")('''|"""|['"])"#)
    };
}

/// Each quote as a word list under which it closes or opens a string (`s`).
type Quote = &'static [(&'static str, &'static str)];

const TSQ: Quote = &[("'''", "s")];
const TDQ: Quote = &[(r#"""""#, "s")];
const SQ: Quote = &[("'", "s")];
const DQ: Quote = &[(r#"""#, "s")];

/// The opener rule for one quote: it matches only when Rouge's longest quote at the
/// cursor is `quote`.
const fn opener(pattern: &'static str, quote: Quote, state: &'static str) -> Rule {
    rule(pattern, &["sa", REJECT])
        .words(quote)
        .then(Next::Push(state))
}

/// The body of a string closed by `quote`, with `{}` fields if `f` and escapes
/// left as text if `r`.
const fn body(quote: Quote, f: bool, r: bool) -> [Rule; 6] {
    let field: Rule = if f {
        rule(r"\{", &["si"]).then(Next::Push("interpol"))
    } else {
        rule(r"\{", &["s"])
    };
    let escape = if r { "raw_escape" } else { "escape" };
    [
        rule(r#"[^'"\\{]+"#, &["s"]),
        rule(r"\{\{", &["s"]),
        rule(r#"'''|"""|['"]"#, &[REJECT])
            .words(quote)
            .then(Next::Pop),
        rule(r#"'''|"""|['"]"#, &["s"]),
        rule("", &[]).ahead(r"\\").then(Next::Push(escape)),
        field,
    ]
}

const ESCAPE: &str = concat!(
    r#"\\(?:[\\abfnrtv"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}|"#,
    r"u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})"
);

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        (
            "strings",
            &[
                mixin("open_fr"),
                mixin("open_f"),
                mixin("open_r"),
                mixin("open"),
            ],
        ),
        ("open_fr", &openers!(quote_pattern!("rf|fr"), "_fr")),
        ("open_f", &openers!(quote_pattern!("f[bfu]?|[bu]f"), "_f")),
        ("open_r", &openers!(quote_pattern!("r[bur]?|[bu]r"), "_r")),
        ("open", &openers!(quote_pattern!("[bu]{0,2}"), "")),
        ("tsq", &body(TSQ, false, false)),
        ("tdq", &body(TDQ, false, false)),
        ("sq", &body(SQ, false, false)),
        ("dq", &body(DQ, false, false)),
        ("tsq_f", &body(TSQ, true, false)),
        ("tdq_f", &body(TDQ, true, false)),
        ("sq_f", &body(SQ, true, false)),
        ("dq_f", &body(DQ, true, false)),
        ("tsq_r", &body(TSQ, false, true)),
        ("tdq_r", &body(TDQ, false, true)),
        ("sq_r", &body(SQ, false, true)),
        ("dq_r", &body(DQ, false, true)),
        ("tsq_fr", &body(TSQ, true, true)),
        ("tdq_fr", &body(TDQ, true, true)),
        ("sq_fr", &body(SQ, true, true)),
        ("dq_fr", &body(DQ, true, true)),
        (
            "escape",
            &[
                rule(ESCAPE, &["se"]).then(Next::Pop),
                rule(r"\\.", &["s"]).then(Next::Pop),
            ],
        ),
        (
            "raw_escape",
            &[
                rule(ESCAPE, &["s"]).then(Next::Pop),
                rule(r"\\.", &["s"]).then(Next::Pop),
            ],
        ),
        (
            "interpol",
            &[
                rule(r"[^{}!:]+", &[RECURSE]),
                rule(r"![asr]", &["si"]),
                rule(r":", &["si"]),
                rule(r"\{", &["si"]).then(Next::Push("interpol")),
                rule(r"\}", &["si"]).then(Next::Pop),
            ],
        ),
        ("funcname", &[rule(identifier!(), &["nf"]).then(Next::Pop)]),
        ("classname", &[rule(identifier!(), &["nc"]).then(Next::Pop)]),
    ],
    start: &[],
    error: "err",
};

const ROOT: &[Rule] = &[
    rule(r"\n+", &[""]),
    rule(r#"(?si)^(:)(\s*)([ru]{0,2}""".*?""")"#, &["p", "", "sd"]),
    rule(r"[^\S\n]+", &[""]),
    rule(r"#(.*)?\n?", &["c1"]),
    rule(r"[\[\]{}:(),;.]", &["p"]),
    rule(r"\\\n", &[""]),
    rule(r"\\", &[""]),
    rule(r"(in|is|and|or|not)\b", &["ow"]),
    rule(r"(<<|>>|//|\*\*)=?", &["o"]),
    rule(r"[-~+/*%=<>&^|@]=?|!=", &["o"]),
    rule(
        concat!(
            r"(from)((?:\\\s|\s)+)(",
            dotted!(),
            r")((?:\\\s|\s)+)(import)"
        ),
        &["kn", "", "nn", "", "kn"],
    ),
    rule(
        concat!(r"(import)(\s+)(", dotted!(), ")"),
        &["kn", "", "nn"],
    ),
    rule(r"(def)((?:\s|\\\s)+)", &["k", ""]).then(Next::Push("funcname")),
    rule(r"(class)((?:\s|\\\s)+)", &["k", ""]).then(Next::Push("classname")),
    rule(r"`.*?`", &["sb"]),
    mixin("strings"),
    rule(concat!("(?i)@", dotted!()), &["nd"]),
    rule(identifier!(), &["n"]).words(&[
        (KEYWORDS, "k"),
        (EXCEPTIONS, "nb"),
        (PYTHON_BUILTINS, "nb"),
        (PYTHON_PSEUDO, "bp"),
    ]),
    rule(
        concat!(
            r"(?i)(?:(?:",
            digits!(),
            r")?\.",
            digits!(),
            "|",
            digits!(),
            r"\.)(?:e[+-]?",
            digits!(),
            ")?j?"
        ),
        &["mf"],
    ),
    rule(
        concat!("(?i)", digits!(), "e[+-]?", digits!(), "j?"),
        &["mf"],
    ),
    rule(concat!("(?i)", digits!(), "j"), &["mf"]),
    rule(r"(?i)0b(?:_?[0-1])+", &["mb"]),
    rule(r"(?i)0o(?:_?[0-7])+", &["mo"]),
    rule(r"(?i)0x(?:_?[a-f0-9])+", &["mh"]),
    rule(r"\d+L", &["il"]),
    rule(r"[1-9](?:_?[0-9])*|0(?:_?0)*", &["mi"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_python() {
        let code = "def f(x):\n    return f\"{x!r}\\n\"";
        let want = vec![
            ("k", "def"),
            ("", " "),
            ("nf", "f"),
            ("p", "("),
            ("n", "x"),
            ("p", "):"),
            ("", "\n    "),
            ("k", "return"),
            ("", " "),
            ("sa", "f"),
            ("s", "\""),
            ("si", "{"),
            ("n", "x"),
            ("si", "!r}"),
            ("se", "\\n"),
            ("s", "\""),
        ];
        let got = PYTHON.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
