//! Dialects of Rouge's lexers for compiled languages on syntect grammars
//! (`rouge/lexers/{c,objective_c,haskell}.rb`; C's serves D and
//! Objective-C): how each differs from the generic scope mapping.

use super::dialects::{CODE_N, Dialect, dialect};
use super::scopes::Rule::{Class, Force, Inherit};

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
