//! Rouge's PHP lexer (`rouge/lexers/php.rb`) as a rule table, with its default options:
//! `start_inline` guessed (code that opens with HTML, or has `<?php` before any `$`, starts
//! as HTML), builtin functions highlighted (`php/keywords.rb`, all modules, compared in
//! lower case as Rouge does). Text outside `<?php … ?>` is handed to the HTML lexer
//! (`DELEGATE`). Names are classed by Rouge's callback (`classify`).
//!
//! Known difference: a heredoc is one rule with back-references in Rouge; here its
//! terminator must be the same whole name on a line of its own, and an unterminated one
//! runs to the end of the code.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::regex_lexer::{DELEGATE, Grammar, Lexer, Memo, Next, Rule, compile, mixin, rule};

pub(crate) static PHP: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// Rouge's `PHP.keywords`.
const KEYWORDS: &str = "\
    old_function cfunction __class__ __dir__ __file__ __function__ __halt_compiler __line__ \
    __method__ __namespace__ __trait__ abstract and array as break case catch clone continue \
    declare default die do echo else elseif empty enddeclare endfor endforeach endif \
    endswitch endwhile eval exit extends final finally fn for foreach global goto if \
    implements include include_once instanceof insteadof isset list match new or parent \
    print private protected public readonly require require_once return self static switch \
    throw try unset var while xor yield";

/// Rouge's `PHP.builtins`, every module's functions.
const BUILTINS: &str = include_str!("php_builtins.txt");

static KEYWORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| KEYWORDS.split_ascii_whitespace().collect());
static BUILTIN_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| BUILTINS.split_ascii_whitespace().collect());

const ID: &str = r"[\p{L}_][\p{L}\p{N}_]*";
const ID_WITH_NS: &str = r"(?:(?:[\p{L}_][\p{L}\p{N}_]*\\)+)?[\p{L}_][\p{L}\p{N}_]*";
/// What may not follow a name that is the whole of `id_with_ns`.
const NAME_GOES_ON: &str = r"[\p{L}\p{N}_]|\\[\p{L}_]";

/// The first callback of Rouge's `names` state: a name before `(`.
fn function_name(text: &str) -> &'static str {
    let name = text.to_lowercase();
    if KEYWORD_SET.contains(name.as_str()) {
        "k"
    } else if BUILTIN_SET.contains(name.as_str()) {
        "nb"
    } else {
        "nf"
    }
}

/// The second callback of Rouge's `names` state (the names that push a state have rules of
/// their own before it).
fn name(text: &str) -> &'static str {
    let last = text.rsplit('\\').next().unwrap_or(text);
    let upper = |c: char| c.is_uppercase();
    if KEYWORD_SET.contains(text.to_lowercase().as_str()) {
        "k"
    } else if text.len() >= 4 && text.starts_with("__") && text.ends_with("__") {
        "nb"
    } else if is_php_constant(text) {
        "kc"
    } else if last.starts_with(upper)
        && last.chars().count() > 1
        && last
            .chars()
            .skip(1)
            .all(|c| upper(c) || c.is_numeric() || c == '_')
    {
        "no"
    } else if last.starts_with(upper) && last.chars().all(char::is_alphanumeric) {
        "nc"
    } else {
        "n"
    }
}

/// `^(E|PHP)(_[[:upper:]]+)+$`.
fn is_php_constant(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("PHP").or_else(|| text.strip_prefix('E')) else {
        return false;
    };
    rest.starts_with('_')
        && rest[1..]
            .split('_')
            .all(|part| !part.is_empty() && part.chars().all(char::is_uppercase))
}

const GRAMMAR: Grammar = Grammar {
    states: &[
        (
            "root",
            &[
                rule(r"(?i)<\?(php|=)?", &["cp"]).then(Next::Push("php")),
                // `.*?(?=<\?)|.*`: pieces of one delegated token (`push` joins them).
                rule(r"[^<]+", &[DELEGATE]),
                rule("<", &[DELEGATE]),
            ],
        ),
        (
            "start",
            &[
                rule(r"\s*", &[DELEGATE]).ahead("<").then(Next::Pop),
                rule(r"(?is)([^$]+)(<\?(?:php|=))", &[DELEGATE, "cp"]).then(Next::Switch("php")),
                rule("", &[]).then(Next::Switch("php")),
            ],
        ),
        ("escape", &[rule(r"\?>", &["cp"]).then(Next::Reset)]),
        ("return", &[rule("", &[]).then(Next::Pop)]),
        ("names", NAMES),
        ("operators", &[rule(r"[~!%^&*+|:.<>/@-]+", &["o"])]),
        ("string", STRING),
        (
            "string_interp_double",
            &[rule(r"\}\}", &["si"]).then(Next::Pop), mixin("php")],
        ),
        (
            "string_interp_single",
            &[rule(r"\}", &["si"]).then(Next::Pop), mixin("php")],
        ),
        ("values", VALUES),
        ("heredoc", HEREDOC),
        (
            "variables",
            &[
                rule(r"\$\{\$+[\p{L}_][\p{L}\p{N}_]*\}", &["nv"]),
                rule(r"\$+[\p{L}_][\p{L}\p{N}_]*", &["nv"]),
            ],
        ),
        ("whitespace", WHITESPACE),
        ("php", PHP_STATE),
        ("in_assign", IN_ASSIGN),
        (
            "in_assign_function",
            &[
                rule(r"\)", &["p"]).then(Next::Pop),
                rule(",", &["p"]),
                mixin("in_assign"),
            ],
        ),
        (
            "in_catch",
            &[
                rule(r"\(", &["p"]),
                rule(r"\|", &["o"]),
                rule(ID, &["nc"]),
                mixin("escape"),
                mixin("whitespace"),
                mixin("return"),
            ],
        ),
        (
            "in_const",
            &[
                rule(ID, &["no"]),
                rule("=", &["o"]).then(Next::Push("in_assign")),
                mixin("escape"),
                mixin("whitespace"),
                mixin("return"),
            ],
        ),
        (
            "in_function_body",
            &[
                rule(r"\{", &["p"]).then(Next::Push("in_function_body")),
                rule(r"\}", &["p"]).then(Next::Pop),
                mixin("php"),
            ],
        ),
        (
            "in_function_name",
            &[
                rule("&", &["o"]),
                rule(ID, &["n"]),
                rule(r"\(", &["p"]).then(Next::Pop),
                mixin("escape"),
                mixin("whitespace"),
                mixin("return"),
            ],
        ),
        ("in_function_params", IN_FUNCTION_PARAMS),
        ("in_function_return", IN_FUNCTION_RETURN),
        (
            "in_function_use",
            &[
                rule(r"[,(]", &["p"]),
                rule("&", &["o"]),
                rule(r"\)", &["p"]).then(Next::Pop),
                mixin("escape"),
                mixin("whitespace"),
                mixin("variables"),
                mixin("return"),
            ],
        ),
        (
            "in_new",
            &[
                rule(r"(?i)class\b", &["kd"]).then(Next::Switch("in_new_class")),
                rule(ID_WITH_NS, &["nc"]).then(Next::Pop),
                mixin("escape"),
                mixin("whitespace"),
                mixin("return"),
            ],
        ),
        (
            "in_new_class",
            &[
                rule(r"\}", &["p"]).then(Next::Pop),
                rule(r"\{", &["p"]),
                mixin("php"),
            ],
        ),
        ("in_use", IN_USE),
        ("in_visibility", IN_VISIBILITY),
    ],
    start: &["start"],
    error: "err",
};

const NAMES: &[Rule] = &[
    rule(ID_WITH_NS, &["nf"])
        .ahead(r"\s*\(")
        .classify(function_name),
    rule("(?i)use", &["kn"])
        .not_ahead(NAME_GOES_ON)
        .then(Next::Push("in_use")),
    rule("(?i)const", &["k"])
        .not_ahead(NAME_GOES_ON)
        .then(Next::Push("in_const")),
    rule("(?i)catch", &["k"])
        .not_ahead(NAME_GOES_ON)
        .then(Next::Push("in_catch")),
    rule("(?i)(?:public|protected|private)", &["k"])
        .not_ahead(NAME_GOES_ON)
        .then(Next::Push("in_visibility")),
    rule(ID_WITH_NS, &["n"]).classify(name),
];

const STRING: &[Rule] = &[
    rule("\"", &["s2"]).then(Next::Pop),
    rule(r#"[^\\{$"]+"#, &["s2"]),
    rule(r"\\u\{[0-9a-fA-F]+\}", &["se"]),
    rule(
        r#"\\([efrntv"$\\]|[0-7]{1,3}|[xX][0-9a-fA-F]{1,2})"#,
        &["se"],
    ),
    rule(
        r"\$[\p{L}_][\p{L}\p{N}_]*(\[\S+\]|->[\p{L}_][\p{L}\p{N}_]*)?",
        &["nv"],
    ),
    rule(r"\{\$\{", &["si"]).then(Next::Push("string_interp_double")),
    rule(r"\{", &["si"])
        .ahead(r"\$")
        .then(Next::Push("string_interp_single")),
    rule(r"(\{)(\S+)(\})", &["si", "nv", "si"]),
    rule(r"[${\\]+", &["s2"]),
];

const VALUES: &[Rule] = &[
    rule(r#"(?i)<<<(["']?)([\p{L}_][\p{L}\p{N}_]*)["']?\n"#, &["sh"])
        .memo(Memo::Save(2))
        .then(Next::Push("heredoc")),
    rule(r"(?i)(\d[_\d]*)?\.(\d[_\d]*)?(e[+-]?\d[_\d]*)?", &["mf"]),
    rule(r"0[0-7][0-7_]*", &["mo"]),
    rule(r"(?i)0b[01][01_]*", &["mb"]),
    rule(r"(?i)0x[a-f0-9][a-f0-9_]*", &["mh"]),
    rule(r"\d[_\d]*", &["mi"]),
    rule(r"'([^'\\]*(?:\\.[^'\\]*)*)'", &["s1"]),
    rule(r"`([^`\\]*(?:\\.[^`\\]*)*)`", &["sb"]),
    rule("\"", &["s2"]).then(Next::Push("string")),
    rule(r"(?i)(function|fn)\b", &["k"]).then(Next::PushAll(&[
        "in_function_return",
        "in_function_params",
        "in_function_name",
    ])),
    rule(r"(?i)(true|false|null)\b", &["kc"]),
    rule(r"(?i)new\b", &["k"]).then(Next::Push("in_new")),
];

const HEREDOC: &[Rule] = &[
    rule(r"^\s*([\p{L}_][\p{L}\p{N}_]*);?", &["sh"])
        .memo(Memo::Recall(1))
        .then(Next::Pop),
    rule(r".*\n?", &["sh"]),
];

const WHITESPACE: &[Rule] = &[
    rule(r"\s+", &[""]),
    rule(r"#.*?$", &["c1"]),
    rule(r"//.*?$", &["c1"]),
    rule(r"(?s)/\*\*(?:[^/].*?)?\*/", &["cd"]),
    rule(r"(?s)/\*.*?\*/", &["cm"]),
];

const PHP_STATE: &[Rule] = &[
    mixin("escape"),
    mixin("whitespace"),
    mixin("variables"),
    mixin("values"),
    rule(
        r"(?i)(namespace)(\s+)((?:(?:[\p{L}_][\p{L}\p{N}_]*\\)+)?[\p{L}_][\p{L}\p{N}_]*)",
        &["kn", "", "nn"],
    ),
    rule(
        r"(?i)(class|interface|trait|extends|implements)(\s+)((?:(?:[\p{L}_][\p{L}\p{N}_]*\\)+)?[\p{L}_][\p{L}\p{N}_]*)",
        &["kd", "", "nc"],
    ),
    mixin("names"),
    rule(r"[;,(){}\[\]]", &["p"]),
    mixin("operators"),
    rule("[=?]", &["o"]),
];

const IN_ASSIGN: &[Rule] = &[
    rule(",", &["p"]).then(Next::Pop),
    rule(r"[\[\]]", &["p"]),
    rule(r"\(", &["p"]).then(Next::Push("in_assign_function")),
    mixin("escape"),
    mixin("whitespace"),
    mixin("values"),
    mixin("variables"),
    mixin("names"),
    mixin("operators"),
    mixin("return"),
];

const IN_FUNCTION_PARAMS: &[Rule] = &[
    rule(r"\)", &["p"]).then(Next::Pop),
    rule(",", &["p"]),
    rule(r"[.]{3}", &["p"]),
    rule("=", &["o"]).then(Next::Push("in_assign")),
    rule(r"(?i)\b(?:public|protected|private|readonly)\b", &["k"]),
    rule(r"\??[\p{L}_][\p{L}\p{N}_]*", &["kt"]).then(Next::Push("in_assign")),
    mixin("escape"),
    mixin("whitespace"),
    mixin("variables"),
    mixin("return"),
];

const IN_FUNCTION_RETURN: &[Rule] = &[
    rule(":", &["p"]),
    rule(r"(?i)use\b", &["k"]).then(Next::Push("in_function_use")),
    rule(r"\??[\p{L}_][\p{L}\p{N}_]*", &["kt"]).then(Next::Push("in_assign")),
    rule(r"\{", &["p"]).then(Next::Switch("in_function_body")),
    mixin("escape"),
    mixin("whitespace"),
    mixin("return"),
];

const IN_USE: &[Rule] = &[
    rule(r"[,}]", &["p"]),
    rule(r"(?i)(function|const)\b", &["k"]),
    rule(r"((?:[\p{L}_][\p{L}\p{N}_]*\\)+)(\{)", &["nn", "p"]),
    rule(
        r"(?:(?:[\p{L}_][\p{L}\p{N}_]*\\)+)?[\p{L}_][\p{L}\p{N}_]*(_[\p{L}_][\p{L}\p{N}_]*)+",
        &["nf"],
    ),
    mixin("escape"),
    mixin("whitespace"),
    mixin("names"),
    mixin("return"),
];

const IN_VISIBILITY: &[Rule] = &[
    rule(r"(?i)\b(?:readonly|static)\b", &["k"]),
    rule("", &["k"])
        .ahead(r"(?i)(abstract|const|function)\b")
        .then(Next::Pop),
    rule(r"\??[\p{L}_][\p{L}\p{N}_]*", &["kt"]).then(Next::Pop),
    mixin("escape"),
    mixin("whitespace"),
    mixin("return"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::highlight::format::classes;

    #[test]
    fn classes_names_as_rouge() {
        let cases = [("strlen", "nb"), ("foo", "nf"), ("isset", "k")];
        for (text, want) in cases {
            assert_eq!(function_name(text), want, "{text}");
        }
        let cases = [
            ("Bar", "nc"),
            ("Foo\\Bar", "nc"),
            ("FOO_BAR", "no"),
            ("E_ALL", "kc"),
            ("PHP_EOL", "kc"),
            ("__CLASS__", "k"),
            ("__FOO__", "nb"),
            ("x", "n"),
            ("Foo_bar", "n"),
        ];
        for (text, want) in cases {
            assert_eq!(name(text), want, "{text}");
        }
    }

    #[test]
    fn lexes_as_rouge() {
        let code = "$foo = new Bar;\nif ($a) { foo($b); }\n";
        let got = classes(&PHP.tokens(code), code);
        let want = vec![
            ("nv", "$foo"),
            ("", " "),
            ("o", "="),
            ("", " "),
            ("k", "new"),
            ("", " "),
            ("nc", "Bar"),
            ("p", ";"),
            ("", "\n"),
            ("k", "if"),
            ("", " "),
            ("p", "("),
            ("nv", "$a"),
            ("p", ")"),
            ("", " "),
            ("p", "{"),
            ("", " "),
            ("nf", "foo"),
            ("p", "("),
            ("nv", "$b"),
            ("p", ");"),
            ("", " "),
            ("p", "}"),
            ("", "\n"),
        ];
        assert_eq!(got, want);
    }
}
