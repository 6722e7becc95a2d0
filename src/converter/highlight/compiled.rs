//! Dialects of Rouge's lexers for compiled languages on syntect grammars
//! (`rouge/lexers/{c,csharp,objective_c,scala,haskell,groovy}.rb`; C's serves D and
//! Objective-C): how each differs from the generic scope mapping.

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
