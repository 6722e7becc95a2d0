//! Rouge's CSS and SCSS lexers (`rouge/lexers/css.rb`, `scss.rb` and
//! `sass/common.rb`) as rule tables: Rouge classes selectors, properties and values
//! by where they stand in a rule set and by its word lists (`words::CSS_*`), which
//! the Sublime CSS grammar's scopes do not follow, and it has no SCSS grammar at all.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, mixin, rule};
use super::words::{CSS_ATTRIBUTES, CSS_BUILTINS, CSS_CONSTANTS, CSS_VENDOR_PREFIXES};

pub(crate) static CSS: LazyLock<Lexer> = LazyLock::new(|| compile(&CSS_GRAMMAR));
pub(crate) static SCSS: LazyLock<Lexer> = LazyLock::new(|| compile(&SCSS_GRAMMAR));

/// A CSS identifier (`css.rb`'s `identifier`).
macro_rules! ident {
    () => {
        r"[\p{L}_-][\w\p{Cf}-]*"
    };
}

/// A Sass identifier (`sass/common.rb`'s `id`; Ruby's `\w` is ASCII).
macro_rules! sass_id {
    () => {
        r"[a-zA-Z0-9_-]+"
    };
}

const VALUE_WORDS: &[(&str, &str)] = &[(CSS_CONSTANTS, "no"), (CSS_BUILTINS, "nb")];

const CSS_GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", CSS_ROOT),
        ("value", CSS_VALUE),
        ("at_rule", CSS_AT_RULE),
        ("at_body", &[mixin("at_content"), mixin("root")]),
        ("at_stanza", &[mixin("at_content"), mixin("stanza")]),
        ("at_content", &[rule(r"\}", &["p"]).then(Next::PopTwo)]),
        (
            "basics",
            &[rule(r"\s+", &[""]), rule(r"(?s:/\*.*?\*/)", &["c"])],
        ),
        ("stanza", CSS_STANZA),
        ("stanza_value", CSS_STANZA_VALUE),
    ],
    start: &[],
    error: "err",
};

const CSS_ROOT: &[Rule] = &[
    mixin("basics"),
    rule(r"\{", &["p"]).then(Next::Push("stanza")),
    rule(concat!(r":[:]?", ident!()), &["nd"]),
    rule(concat!(r"\.", ident!()), &["nc"]),
    rule(concat!(r"#", ident!()), &["nf"]),
    rule(concat!(r"@", ident!()), &["k"]).then(Next::Push("at_rule")),
    rule(ident!(), &["nt"]),
    rule(r"[~^*!%&\[\]()<>|+=@:;,./?-]", &["o"]),
    rule(r#""(?:\\\\|\\"|[^"])*""#, &["s1"]),
    rule(r"'(?:\\\\|\\'|[^'])*'", &["s2"]),
];

const CSS_VALUE: &[Rule] = &[
    mixin("basics"),
    rule(r"url\(.*?\)", &["sx"]),
    rule(r"(?i)#[0-9a-f]{1,6}", &["m"]),
    rule(
        concat!(
            r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)",
            r"(?:%|(?:em|px|pt|pc|in|mm|cm|ex|rem|ch|vw|vh|vmin|vmax|dpi|dpcm|dppx|",
            r"deg|grad|rad|turn|s|ms|Hz|kHz)\b)?"
        ),
        &["m"],
    ),
    rule(r"[\[\]():/.,]", &["p"]),
    rule(r#""(?:\\\\|\\"|[^"])*""#, &["s1"]),
    rule(r"'(?:\\\\|\\'|[^'])*'", &["s2"]),
    rule(ident!(), &["n"]).words(VALUE_WORDS),
];

const CSS_AT_RULE: &[Rule] = &[
    rule(r"\{", &["p"])
        .ahead(concat!(r"\s*", ident!(), r"\s*:"))
        .then(Next::Push("at_stanza")),
    rule(r"\{", &["p"]).then(Next::Push("at_body")),
    rule(r";", &["p"]).then(Next::Pop),
    mixin("value"),
];

const CSS_STANZA: &[Rule] = &[
    mixin("basics"),
    rule(r"\}", &["p"]).then(Next::Pop),
    rule(concat!("(", ident!(), r")(\s*)(:)"), &["py", "", "p"])
        .words(&[(CSS_ATTRIBUTES, "nl"), (CSS_VENDOR_PREFIXES, "nl")])
        .then(Next::Push("stanza_value")),
];

const CSS_STANZA_VALUE: &[Rule] = &[
    rule(r";", &["p"]).then(Next::Pop),
    rule("", &[]).ahead(r"\}").then(Next::Pop),
    rule(r"!\s*important\b", &["cp"]),
    rule(r"^@.*?$", &["cp"]),
    mixin("value"),
];

const SCSS_GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", SCSS_ROOT),
        (
            "end_section",
            &[rule(r"\n", &[""]), rule(r"[;{}]", &["p"]).then(Next::Reset)],
        ),
        ("content_common", CONTENT_COMMON),
        ("value", SASS_VALUE),
        (
            "has_interp",
            &[rule(r"[#][{]", &["si"]).then(Next::Push("interpolation"))],
        ),
        (
            "has_strings",
            &[
                rule(r#"""#, &["s2"]).then(Next::Push("dq")),
                rule(r"'", &["s1"]).then(Next::Push("sq")),
            ],
        ),
        (
            "interpolation",
            &[rule(r"\}", &["si"]).then(Next::Pop), mixin("value")],
        ),
        ("selector", SELECTOR),
        ("dq", &string(&["s2"], r#"""#, r##"(?:\\.|[^\n"#])+"##)),
        ("sq", &string(&["s1"], "'", r"(?:\\.|[^\n'#])+")),
        (
            "string_url",
            &[
                rule(r"[)]", &["sx"]).then(Next::Pop),
                rule(r"(?:\\.|[^\n)#])+", &["sx"]),
                rule(r"#", &["sx"]).not_ahead(r"[{]"),
                mixin("has_interp"),
            ],
        ),
        (
            "selector_piece",
            &[mixin("has_interp"), rule("", &[]).then(Next::Pop)],
        ),
        ("pseudo_class", &piece(&["nd"])),
        ("class", &piece(&["nc"])),
        ("id", &piece(&["nn"])),
        ("placeholder", &piece(&["nv"])),
        (
            "for",
            &[rule(r"(from|to|through)", &["ow"]), mixin("value")],
        ),
        (
            "attr_common",
            &[
                mixin("has_interp"),
                rule(sass_id!(), &["na"]).words(&[(CSS_ATTRIBUTES, "nl")]),
            ],
        ),
        (
            "attribute",
            &[
                mixin("attr_common"),
                rule(r"([ \t]*)(:)", &["", "p"]).then(Next::Push("value")),
            ],
        ),
        ("inline_comment", INLINE_COMMENT),
    ],
    start: &[],
    error: "err",
};

const SCSS_ROOT: &[Rule] = &[
    rule(r"\s+", &[""]),
    rule(r"//.*?$", &["c1"]),
    rule(r"(?s:/[*].*?[*]/)", &["cm"]),
    rule(r"@import\b", &["k"]).then(Next::Push("value")),
    mixin("content_common"),
    rule("", &[])
        .ahead(r"[^;{}][;}]")
        .then(Next::Push("attribute")),
    rule("", &[])
        .ahead(r"[^;{}:\[]+:[^a-z]")
        .then(Next::Push("attribute")),
    rule("", &[]).then(Next::Push("selector")),
];

const CONTENT_COMMON: &[Rule] = &[
    rule(r"@for\b", &["k"]).then(Next::Push("for")),
    rule(r"@(?:debug|warn|if|each|while|else|return|media)", &["k"]).then(Next::Push("value")),
    rule(
        concat!(r"(@mixin)(\s+)(", sass_id!(), ")"),
        &["k", "", "nf"],
    )
    .then(Next::Push("value")),
    rule(
        concat!(r"(@function)(\s+)(", sass_id!(), ")"),
        &["k", "", "nf"],
    )
    .then(Next::Push("value")),
    rule(r"@extend\b", &["k"]).then(Next::Push("selector")),
    rule(
        concat!(r"(@include)(\s+)(", sass_id!(), ")"),
        &["k", "", "nd"],
    )
    .then(Next::Push("value")),
    rule(concat!("@", sass_id!()), &["k"]).then(Next::Push("selector")),
    rule(r"&", &["k"]).then(Next::Push("selector")),
    rule(
        concat!(r"([$]", sass_id!(), r")([ \t]*)(:)"),
        &["nv", "", "p"],
    )
    .then(Next::Push("value")),
];

const SASS_VALUE: &[Rule] = &[
    mixin("end_section"),
    rule(r"[ \t]+", &[""]),
    rule(concat!(r"[$]", sass_id!()), &["nv"]),
    rule(r"url[(]", &["sx"]).then(Next::Push("string_url")),
    rule(sass_id!(), &["nf"]).ahead(r"\s*[(]"),
    rule(concat!("%", sass_id!()), &["nd"]),
    rule(r"(true|false)\b", &["bp"]),
    rule(r"(and|or|not)\b", &["ow"]),
    rule(r"(?i)#[a-z0-9]{1,6}", &["mh"]),
    rule(r"-?\d+(?:%|[a-z]+)?", &["m"]),
    rule(r"-?\d*\.\d+(?:%|[a-z]+)?", &["mi"]),
    mixin("has_strings"),
    mixin("has_interp"),
    rule(r"[~^*!&%<>\|+=@:,./?-]+", &["o"]),
    rule(r"[\[\]()]+", &["p"]),
    rule(r"/[*]", &["cm"]).then(Next::Push("inline_comment")),
    rule(r"//[^\n]*", &["c1"]),
    rule(sass_id!(), &["n"]).words(&[(CSS_BUILTINS, "nb"), (CSS_CONSTANTS, "no")]),
];

const SELECTOR: &[Rule] = &[
    mixin("end_section"),
    mixin("has_strings"),
    mixin("has_interp"),
    rule(r"[ \t]+", &[""]),
    rule(r":", &["nd"]).then(Next::Push("pseudo_class")),
    rule(r"[.]", &["nc"]).then(Next::Push("class")),
    rule(r"#", &["nn"]).then(Next::Push("id")),
    rule(r"%", &["nv"]).then(Next::Push("placeholder")),
    rule(sass_id!(), &["nt"]),
    rule(r"&", &["k"]),
    rule(r"[~^*!&\[\]()<>\|+=@:;,./?-]", &["o"]),
];

/// A quoted string with `#{}` interpolation; a `#` not opening one is text.
const fn string(
    classes: &'static [&'static str],
    quote: &'static str,
    body: &'static str,
) -> [Rule; 4] {
    [
        rule(quote, classes).then(Next::Pop),
        mixin("has_interp"),
        rule(body, classes),
        rule("#", classes),
    ]
}

/// A selector piece after `.`, `#`, `:` or `%`: its name, then back to the selector.
const fn piece(classes: &'static [&'static str]) -> [Rule; 2] {
    [rule(sass_id!(), classes), mixin("selector_piece")]
}

const INLINE_COMMENT: &[Rule] = &[
    rule(r"(?:\\#|[^\n#*])+", &["cm"]),
    rule(r"#", &["cm"]).ahead(r"[^\n{]"),
    rule(r"\*", &["cm"]).ahead(r"[^\n/]"),
    mixin("has_interp"),
    rule(r"[*]/", &["cm"]).then(Next::Pop),
];

#[cfg(test)]
mod tests {
    use super::*;

    type Cases = Vec<(&'static str, &'static str)>;

    #[test]
    fn lexes_style_sheets() {
        let cases: [(&Lexer, &str, Cases); 2] = [
            (
                &*CSS,
                "a{color:red}",
                vec![
                    ("nt", "a"),
                    ("p", "{"),
                    ("nl", "color"),
                    ("p", ":"),
                    ("no", "red"),
                    ("p", "}"),
                ],
            ),
            (
                &*SCSS,
                "$x: 1px;",
                vec![
                    ("nv", "$x"),
                    ("p", ":"),
                    ("", " "),
                    ("m", "1px"),
                    ("p", ";"),
                ],
            ),
        ];
        for (lexer, code, want) in cases {
            let got = lexer.tokens(code);
            let got = crate::converter::highlight::format::classes(&got, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
