//! How each Rouge lexer (`rouge/lexers/*.rb`) differs from the generic scope mapping:
//! its own scope rules, how it classes bare words, whitespace and numbers, and its
//! token-boundary quirks. Measured against Rouge 3.30's output on sample code.

use super::scopes::Rule::{self, Class, Force, Inherit};

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
    /// Classes whose token swallows the whitespace after it when a word follows, as
    /// Rouge's shell lexer does with `(\s*)\b` after keywords and builtins.
    pub trailing_space: &'static [&'static str],
}

impl Dialect {
    /// The class Rouge gives `word` by its text, if the dialect lists it.
    pub(crate) fn word_class(&self, word: &str) -> Option<&'static str> {
        self.words
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, class)| *class)
    }
}

/// How a lexer classes words that no scope names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bare {
    /// Left as `Text`, like prose or shell arguments.
    Text,
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
    }
}

/// The generic mapping alone.
pub(crate) const PLAIN: Dialect = dialect(&[], CODE_N);

pub(crate) const RUBY: Dialect = dialect(
    &[
        ("support.class", Class("no")),
        ("support.other.namespace", Class("no")),
        ("entity.other.inherited-class", Class("no")),
        ("keyword.other.special-method", Class("nb")),
        ("variable.language", Class("kp")),
        ("punctuation.separator.inheritance", Class("o")),
        ("punctuation.definition.parameters", Class("o")),
    ],
    Bare::Code {
        name: "n",
        method: "nf",
    },
);

pub(crate) const PYTHON: Dialect = Dialect {
    comment_newline: true,
    ..dialect(
        &[
            ("meta.import-name", Class("nn")),
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

pub(crate) const JAVASCRIPT: Dialect = dialect(
    &[
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
    ],
    Bare::Code {
        name: "nx",
        method: "nx",
    },
);

pub(crate) const SHELL: Dialect = Dialect {
    trailing_space: &["k", "nb"],
    ..dialect(
        &[
            ("comment.line", Class("c")),
            ("support.function", Class("nb")),
            ("support.function.test", Class("o")),
            ("variable.function", Class("nb")),
            ("storage.modifier", Class("nb")),
            ("variable.other", Class("nv")),
            ("meta.group.expansion.parameter", Class("nv")),
            ("punctuation.section.expansion", Class("k")),
            ("variable.parameter.option", Class("nt")),
            ("keyword.operator.logical.pipe", Class("")),
            ("keyword.operator.logical.continue", Class("p")),
            ("keyword.operator.regexp", Class("k")),
            ("keyword.operator.assignment.redirection", Class("")),
            (
                "constant.numeric.integer.decimal.file-descriptor",
                Class(""),
            ),
        ],
        Bare::Text,
    )
};

pub(crate) const HTML: Dialect = dialect(
    &[
        ("meta.tag.sgml", Force("cp")),
        ("comment", Force("c")),
        ("punctuation.separator.key-value.html", Class("na")),
        ("string.quoted", Class("s")),
    ],
    Bare::Text,
);

pub(crate) const CSS: Dialect = Dialect {
    refine_numbers: false,
    ..dialect(
        &[
            ("comment", Class("c")),
            ("entity.other.pseudo-class", Class("nd")),
            ("entity.other.pseudo-element", Class("nd")),
            ("entity.other.attribute-name.class", Class("nc")),
            ("entity.other.attribute-name.id", Class("nn")),
            ("support.type.custom-property", Class("py")),
            ("support.type.property-name", Class("nl")),
            ("keyword.other.unit", Class("m")),
            ("keyword.other.important", Class("cp")),
            ("constant.other.color", Class("m")),
            ("string.quoted", Class("s1")),
            ("string.unquoted", Class("n")),
            ("support.constant", Class("nb")),
            ("support.function", Class("n")),
            ("support.function.url", Class("sx")),
        ],
        CODE_N,
    )
};

pub(crate) const JSON: Dialect = Dialect {
    space: "w",
    ..dialect(
        &[
            ("meta.structure.dictionary.key", Force("nl")),
            ("string", Class("s2")),
        ],
        CODE_N,
    )
};

pub(crate) const YAML: Dialect = Dialect {
    refine_numbers: false,
    trim_strings: true,
    ..dialect(
        &[
            ("entity.name.tag", Class("na")),
            ("punctuation.separator.key-value", Class("pi")),
            ("punctuation.definition.block.sequence", Class("pi")),
            ("keyword.control.flow.block-scalar", Class("pi")),
            ("storage.modifier.chomping-indicator", Class("pi")),
            ("string", Class("s")),
            ("string.unquoted", Class("s")),
            ("punctuation.definition.string.begin", Class("s2")),
            ("constant.language", Class("no")),
            ("comment.line", Class("c1")),
        ],
        Bare::Text,
    )
};

pub(crate) const PERL: Dialect = dialect(&[], CODE_N);

pub(crate) const LUA: Dialect = dialect(&[], CODE_N);

pub(crate) const HASKELL: Dialect = dialect(&[], CODE_N);

pub(crate) const SCALA: Dialect = dialect(&[], CODE_N);

pub(crate) const R: Dialect = dialect(&[], CODE_N);

pub(crate) const OBJC: Dialect = dialect(&[], CODE_N);

pub(crate) const ERLANG: Dialect = dialect(&[], CODE_N);

pub(crate) const CLOJURE: Dialect = dialect(&[], CODE_N);

pub(crate) const GROOVY: Dialect = dialect(&[], CODE_N);

pub(crate) const OCAML: Dialect = dialect(&[], CODE_N);

pub(crate) const TEX: Dialect = dialect(&[], CODE_N);

pub(crate) const BATCH: Dialect = dialect(&[], CODE_N);

pub(crate) const MATLAB: Dialect = dialect(&[], CODE_N);

pub(crate) const XML: Dialect = dialect(
    &[
        ("meta.tag.preprocessor", Force("cp")),
        ("string.unquoted.cdata", Force("cp")),
        ("comment", Force("c")),
        ("punctuation.separator.key-value", Class("na")),
        ("string.quoted", Class("s")),
    ],
    Bare::Text,
);

pub(crate) const MARKDOWN: Dialect = dialect(
    &[
        ("markup.heading", Force("gu")),
        ("markup.heading.1", Force("gh")),
        ("meta.whitespace.newline", Force("")),
        ("markup.italic", Force("ge")),
        ("markup.bold", Force("gs")),
        ("markup.raw.inline", Force("sb")),
        ("markup.quote", Force("gt")),
        ("meta.link.inline.description", Class("nv")),
        ("meta.image.inline.description", Class("nv")),
        ("markup.underline.link", Class("sx")),
        ("string.other.link.description.title", Force("nn")),
        ("markup.list.numbered.bullet", Class("p")),
        ("punctuation.definition.list_item", Class("p")),
        ("constant.other.language-name", Class("nl")),
        ("punctuation.definition.raw.code-fence", Class("p")),
    ],
    Bare::Text,
);

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
