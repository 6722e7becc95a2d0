//! Dialects of Rouge's lexers for compiled languages (`rouge/lexers/{c,cpp,java,
//! csharp,go,rust}.rb`): how each differs from the generic scope mapping.

use super::dialects::{Bare, CODE_N, Dialect, dialect};
use super::scopes::Rule::{Class, Code, Force, Inherit};

/// C, C++, Objective-C and D: preprocessor lines are one `cp` token, strings are `s`,
/// calls are plain names.
pub(crate) const C: Dialect = Dialect {
    words: &[
        ("auto", "k"),
        ("class", "k"),
        ("template", "k"),
        ("typename", "k"),
        ("struct", "k"),
        ("enum", "k"),
        ("union", "k"),
        ("namespace", "k"),
        ("::", "o"),
    ],
    ..dialect(
        &[
            ("meta.preprocessor", Force("cp")),
            ("string.quoted.other.lt-gt.include", Force("cpf")),
            ("string.quoted.double.include", Force("cpf")),
            ("string", Class("s")),
            ("constant.other.placeholder", Inherit),
            ("variable.function", Class("n")),
            ("support.function", Class("n")),
            ("entity.name.namespace", Class("n")),
            ("punctuation.section.generic", Class("o")),
        ],
        CODE_N,
    )
};

/// Java: punctuation is `o`, modifiers `kd`, package paths `nn`, `.member` `na`.
pub(crate) const JAVA: Dialect = Dialect {
    words: &[("class", "kd"), ("interface", "kd"), ("enum", "kd")],
    ..dialect(
        &[
            ("punctuation", Class("o")),
            ("keyword.other.package", Class("kn")),
            ("keyword.other.import", Class("kn")),
            ("support.other.package", Force("nn")),
            ("support.class.import", Force("nn")),
            ("storage.modifier", Class("kd")),
            ("storage.modifier.array", Class("o")),
            ("string", Class("s")),
            ("string.quoted.single", Class("sc")),
            ("meta.annotation", Force("nd")),
            ("comment.block.documentation", Force("cm")),
            ("variable.function", Code),
        ],
        Bare::Code {
            name: "n",
            method: "na",
        },
    )
};

/// C#: `using` is a plain keyword, punctuation and operators mostly `p`, numbers `m`.
pub(crate) const CSHARP: Dialect = Dialect {
    refine_numbers: false,
    words: &[
        ("public", "k"),
        ("private", "k"),
        ("static", "k"),
        ("string", "kt"),
        ("int", "kt"),
        ("var", "k"),
    ],
    ..dialect(
        &[
            ("keyword.control.import", Class("k")),
            ("meta.path", Class("nn")),
            ("punctuation.separator.namespace", Class("nn")),
            ("storage.type", Class("k")),
            ("comment.block.documentation", Force("c1")),
            ("keyword.operator", Class("p")),
            ("constant.numeric", Class("m")),
            ("string", Class("s")),
            ("punctuation.section.interpolation", Class("p")),
        ],
        CODE_N,
    )
};

/// Go: declarations are keywords, strings `s`, numbers `m`, calls plain names.
pub(crate) const GO: Dialect = Dialect {
    refine_numbers: false,
    ..dialect(
        &[
            ("keyword.control.import", Class("k")),
            ("storage.type", Class("k")),
            ("storage.type.numeric", Class("kt")),
            ("storage.type.string", Class("kt")),
            ("storage.type.boolean", Class("kt")),
            ("storage.type.byte", Class("kt")),
            ("storage.type.error", Class("kt")),
            ("comment", Class("c")),
            ("entity.name", Class("n")),
            ("variable.function", Class("n")),
            ("support.function.builtin", Class("nb")),
            ("constant.numeric", Class("m")),
            ("constant.language", Class("no")),
            ("string", Class("s")),
            ("constant.other.placeholder", Inherit),
            ("punctuation.accessor", Class("o")),
            ("punctuation.separator", Class("o")),
            ("punctuation.separator.comma", Class("p")),
        ],
        CODE_N,
    )
};

/// Rust: declarations are keywords, attributes and macros `nd`, methods `nf`.
pub(crate) const RUST: Dialect = Dialect {
    words: &[
        ("str", "nb"),
        ("Vec", "nb"),
        ("String", "nb"),
        ("Option", "nb"),
        ("Result", "nb"),
        ("Some", "nb"),
        ("None", "nb"),
        ("Ok", "nb"),
        ("Err", "nb"),
        ("self", "k"),
        ("Self", "k"),
        ("as", "k"),
        ("->", "k"),
    ],
    ..dialect(
        &[
            ("meta.path", Class("nn")),
            ("comment.line.documentation", Class("cd")),
            ("meta.annotation", Force("nd")),
            ("support.macro", Class("nd")),
            ("storage.type", Class("k")),
            ("storage.type.numeric", Class("nb")),
            ("storage.modifier.lifetime", Class("nv")),
            ("entity.name", Class("n")),
            ("punctuation.definition.generic", Class("o")),
            ("string", Class("s")),
            ("constant.other.placeholder", Inherit),
            ("support.function", Code),
            ("variable.function", Code),
        ],
        Bare::Code {
            name: "n",
            method: "nf",
        },
    )
};

/// Objective-C: preprocessor lines are `cp`, `@interface` keywords, Cocoa names plain.
pub(crate) const OBJC: Dialect = Dialect {
    words: C.words,
    ..dialect(
        &[
            ("meta.preprocessor", Force("cp")),
            ("storage.type", Class("k")),
            ("string", Class("s")),
            ("constant.other.placeholder", Inherit),
            ("support.class", Class("n")),
            ("support.type", Class("n")),
            ("support.function.any-method", Class("nf")),
            ("variable.language", Class("n")),
            ("variable.parameter", Class("nv")),
            ("keyword.other.property.attribute", Class("n")),
        ],
        CODE_N,
    )
};

/// Scala: declarations are keywords, standard types `kt`, punctuation `o`.
pub(crate) const SCALA: Dialect = Dialect {
    words: &[(":", "k"), ("=", "k"), ("=>", "k"), ("extends", "k")],
    ..dialect(
        &[
            ("variable.package", Class("nn")),
            ("storage.type", Class("k")),
            ("support.class", Class("kt")),
            ("support.constant", Class("nc")),
            ("entity.name.val", Class("nv")),
            ("punctuation", Class("o")),
            ("string", Class("s")),
            ("support.function", Class("n")),
        ],
        Bare::Code {
            name: "n",
            method: "py",
        },
    )
};

/// Haskell: reserved words `kr`, modules `nn`, constructors and classes `kt`.
pub(crate) const HASKELL: Dialect = Dialect {
    words: &[("::", "o"), ("->", "o"), ("=", "o")],
    ..dialect(
        &[
            ("keyword.other", Class("kr")),
            ("keyword.control", Class("kr")),
            ("support.other.module", Class("nn")),
            ("entity.name.function", Class("n")),
            ("constant.other", Class("kt")),
            ("entity.other.inherited-class", Class("kt")),
            ("support.constant.unit", Class("nb")),
            ("string", Class("s")),
        ],
        CODE_N,
    )
};

/// Erlang: variables `nv`, directives `ni`, modules `nn`, atoms plain names.
pub(crate) const ERLANG: Dialect = Dialect {
    comment_newline: true,
    ..dialect(
        &[
            ("keyword.control.directive", Class("ni")),
            ("comment", Class("c")),
            ("entity.name", Class("n")),
            ("entity.name.type.class.module", Class("nn")),
            ("variable.other", Class("nv")),
            ("variable.language.omitted", Class("p")),
            ("variable.function", Class("nb")),
            ("constant.other.symbol", Class("n")),
            ("constant.other.placeholder", Class("si")),
            ("string", Class("s")),
            ("punctuation.separator", Class("o")),
        ],
        CODE_N,
    )
};

/// Groovy: modifiers and `class` `kd`, punctuation `o`, `.member` `na`.
pub(crate) const GROOVY: Dialect = dialect(
    &[
        ("keyword.other.import", Class("kn")),
        ("storage.type.import", Class("nn")),
        ("storage.type.class", Class("n")),
        ("storage.type.return-type", Class("n")),
        ("entity.name.function", Class("n")),
        ("punctuation", Class("o")),
        ("constant.other.key", Force("nl")),
        ("support.function", Class("n")),
        ("source.groovy.embedded", Class("s2")),
        ("variable.other.interpolated", Class("s2")),
        ("meta.method", Code),
    ],
    Bare::Code {
        name: "n",
        method: "na",
    },
);
