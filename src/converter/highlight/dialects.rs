//! How each Rouge lexer (`rouge/lexers/*.rb`) differs from the generic scope mapping:
//! its own scope rules, how it classes bare words, whitespace and numbers, and its
//! token-boundary quirks. Measured against Rouge 3.30's output on sample code.

use super::scopes::Rule::{self, Class, Code, Force, Inherit};
use super::words;

/// One Rouge lexer's conventions, applied on top of the generic scope rules.
pub(crate) struct Dialect {
    /// Scope prefixes and their rules, preferred to the generic ones on ties.
    pub rules: &'static [(&'static str, Rule)],
    /// How words outside any meaningful scope are classed.
    pub bare: Bare,
    /// The class of whitespace between tokens (`""`, or `"w"` for lexers that emit
    /// `Text.Whitespace`).
    pub space: &'static str,
    /// Whether plain numbers (`m`) are refined into `mi`, `mf` and `mh` by their text.
    pub refine_numbers: bool,
    /// Whether strings lose their leading and trailing whitespace like other tokens
    /// (Rouge's YAML lexer leaves a block scalar's indentation and newlines as `Text`).
    pub trim_strings: bool,
    /// Whether a line comment's token keeps the newline that ends it.
    pub comment_newline: bool,
    /// Words Rouge classes by their text (its keyword and builtin lists) where the
    /// grammar's scopes disagree, e.g. C++'s `auto` (a keyword, not a type).
    pub words: &'static [(&'static str, &'static str)],
    /// Rouge's word lists (builtins…, space-separated) and their classes, after `words`.
    pub word_lists: &'static [(&'static str, &'static str)],
    /// Classes whose token swallows the whitespace after it when a word follows, as
    /// Rouge's shell lexer does with `(\s*)\b` after keywords and builtins.
    pub trailing_space: &'static [&'static str],
}

impl Dialect {
    /// The class Rouge gives `word` by its text, if the dialect lists it.
    pub(crate) fn word_class(&self, word: &str) -> Option<&'static str> {
        let listed = || {
            self.word_lists
                .iter()
                .find(|(list, _)| list.split_ascii_whitespace().any(|w| w == word))
                .map(|(_, class)| *class)
        };
        self.words
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, class)| *class)
            .or_else(listed)
    }
}

/// How a lexer classes words that no scope names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bare {
    /// Left as `Text`, like prose or shell arguments.
    Text,
    /// Words are `Text` except the dialect's listed words and `-o`/`--option` flags
    /// (`nt`), as in Rouge's shell lexer.
    Shell,
    /// Identifiers get `name` (`method` right after a `.`), numbers, operators and
    /// punctuation their usual classes.
    Code {
        name: &'static str,
        method: &'static str,
    },
}

pub(crate) const CODE_N: Bare = Bare::Code {
    name: "n",
    method: "n",
};

pub(crate) const fn dialect(rules: &'static [(&'static str, Rule)], bare: Bare) -> Dialect {
    Dialect {
        rules,
        bare,
        space: "",
        refine_numbers: true,
        trim_strings: false,
        comment_newline: false,
        trailing_space: &[],
        words: &[],
        word_lists: &[],
    }
}

/// The generic mapping alone.
pub(crate) const PLAIN: Dialect = dialect(&[], CODE_N);

pub(crate) const RUBY: Dialect = Dialect {
    words: &[("::", "o")],
    word_lists: &[
        (words::RUBY_KEYWORDS, "k"),
        (words::RUBY_PSEUDO, "kp"),
        (words::RUBY_BUILTINS, "nb"),
    ],
    ..dialect(
        &[
            ("support.class", Class("no")),
            ("support.other.namespace", Class("no")),
            ("entity.other.inherited-class", Class("no")),
            ("keyword.other.special-method", Code),
            ("variable.language", Class("kp")),
            ("punctuation.separator.inheritance", Class("o")),
            ("punctuation.definition.parameters", Class("o")),
            // Rouge lexes a regexp literal as one `Str.Regex` token.
            ("string.regexp", Force("sr")),
        ],
        Bare::Code {
            name: "n",
            method: "nf",
        },
    )
};

pub(crate) const PYTHON: Dialect = Dialect {
    comment_newline: true,
    words: &[("print", "k"), ("exec", "k")],
    word_lists: &[(words::PYTHON_PSEUDO, "bp"), (words::PYTHON_BUILTINS, "nb")],
    ..dialect(
        &[
            ("meta.import-name", Class("nn")),
            ("source.regexp", Force("s")),
            ("variable.other.constant", Class("n")),
            ("support.function.magic", Inherit),
            ("constant.other.placeholder", Inherit),
            ("storage.type", Class("k")),
            ("storage.type.string", Class("sa")),
            ("comment.block.documentation", Class("s")),
            ("string.quoted.single", Class("s")),
            ("string.quoted.double", Class("s")),
            ("support.type", Class("nb")),
            ("constant.language", Class("bp")),
            ("variable.function", Class("n")),
            ("variable.annotation", Class("n")),
            ("punctuation.definition.annotation", Class("o")),
            ("punctuation.separator.annotation.return", Class("o")),
            ("keyword.operator.logical", Class("ow")),
            ("keyword.control.flow.for.in", Class("ow")),
        ],
        CODE_N,
    )
};

pub(crate) const JAVASCRIPT: Dialect = Dialect {
    words: &[(":", "p"), ("?", "p")],
    word_lists: &[
        (words::JS_KEYWORDS, "k"),
        (words::JS_DECLARATIONS, "kd"),
        (words::JS_RESERVED, "kr"),
        (words::JS_CONSTANTS, "kc"),
        (words::JS_BUILTINS, "nb"),
    ],
    ..dialect(JS_RULES, JS_BARE)
};

/// TypeScript on the JavaScript grammar, with Rouge's extra TypeScript words.
pub(crate) const TYPESCRIPT: Dialect = Dialect {
    word_lists: &[
        (words::JS_KEYWORDS, "k"),
        (words::TS_KEYWORDS, "k"),
        (words::JS_DECLARATIONS, "kd"),
        (words::TS_DECLARATIONS, "kd"),
        (words::JS_RESERVED, "kr"),
        (words::TS_RESERVED, "kr"),
        (words::JS_CONSTANTS, "kc"),
        (words::JS_BUILTINS, "nb"),
        (words::TS_BUILTINS, "nb"),
    ],
    ..JAVASCRIPT
};

const JS_BARE: Bare = Bare::Code {
    name: "nx",
    method: "nx",
};

const JS_RULES: &[(&str, Rule)] = &[
    ("variable", Class("nx")),
    ("entity.name", Class("nx")),
    ("entity.other.inherited-class", Class("nx")),
    ("support", Class("nx")),
    ("storage.type", Class("kd")),
    ("storage.modifier", Class("kd")),
    ("constant.language", Class("kc")),
    ("punctuation.definition.string", Class("dl")),
    ("punctuation.definition.string.template", Inherit),
    ("string.template", Class("s2")),
    ("punctuation.definition.template-expression", Class("p")),
    ("keyword.operator.ternary", Class("p")),
    ("string.regexp", Force("sr")),
    ("meta.object-literal.key", Class("na")),
    ("storage.type.function.arrow", Class("o")),
];

pub(crate) const SHELL: Dialect = Dialect {
    trailing_space: &["k", "nb"],
    word_lists: &[(words::SHELL_BUILTINS, "nb"), (words::SHELL_KEYWORDS, "k")],
    ..dialect(
        &[
            ("comment.line", Class("c")),
            ("support.function", Class("nb")),
            ("support.function.test", Class("o")),
            ("variable.function", Class("")),
            ("variable.language", Class("nv")),
            ("variable.language.tilde", Class("")),
            ("keyword.control.case.item", Class("p")),
            ("keyword.operator.assignment.redirection", Code),
            ("storage.modifier", Class("nb")),
            ("variable.other", Class("nv")),
            ("meta.group.expansion.parameter", Class("nv")),
            ("punctuation.section.expansion", Class("k")),
            ("variable.parameter.option", Class("nt")),
            ("keyword.operator.logical.pipe", Class("")),
            ("keyword.operator.logical.continue", Class("p")),
            ("keyword.operator.regexp", Class("k")),
            (
                "constant.numeric.integer.decimal.file-descriptor",
                Class(""),
            ),
        ],
        Bare::Shell,
    )
};

pub(crate) const PHP: Dialect = Dialect {
    words: &[
        ("self", "k"),
        ("echo", "k"),
        ("class", "kd"),
        ("->", "o"),
        ("::", "o"),
    ],
    ..dialect(
        &[
            ("punctuation.section.embedded", Class("cp")),
            ("keyword.other.namespace", Class("kn")),
            ("keyword.other.use", Class("kn")),
            ("meta.path", Class("nc")),
            ("variable", Force("nv")),
            ("storage.type", Class("k")),
            ("entity.name.function", Class("n")),
            ("support.function.magic", Class("n")),
            ("support.constant", Class("kc")),
            ("punctuation.definition.expression", Class("si")),
        ],
        CODE_N,
    )
};

pub(crate) const SQL: Dialect = dialect(
    &[
        ("entity.name", Class("n")),
        ("constant.other", Class("n")),
        ("storage.type", Class("nb")),
        ("support.function", Class("k")),
        ("string", Class("s1")),
    ],
    CODE_N,
);

pub(crate) const MAKE: Dialect = Dialect {
    comment_newline: true,
    ..dialect(
        &[
            ("comment", Class("c")),
            ("variable.other", Class("nv")),
            ("string.unquoted", Class("")),
            ("keyword.other.block", Inherit),
            ("meta.function-call", Class("nf")),
            ("variable.parameter", Class("nv")),
            ("variable.language", Class("nv")),
            ("variable.language.wildcard", Class("k")),
            ("meta.function.arguments", Force("nf")),
            ("entity.name.function", Force("nl")),
            ("constant.language", Class("p")),
        ],
        Bare::Text,
    )
};

pub(crate) const PERL: Dialect = dialect(
    &[
        ("variable", Force("nv")),
        ("support.function", Class("k")),
        ("string.quoted.double", Class("s2")),
    ],
    CODE_N,
);
