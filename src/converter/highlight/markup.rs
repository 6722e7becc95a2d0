//! Dialects of Rouge's lexers for markup and data languages (`rouge/lexers/{html,
//! xml,css,json,yaml,markdown}.rb`): how each differs from the generic mapping.

use super::dialects::{Bare, CODE_N, Dialect, dialect};
use super::scopes::Rule::{Class, Force};

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
            ("constant.numeric", Class("m")),
            ("string.unquoted.plain.in", Force("nv")),
            ("punctuation.definition.mapping", Class("pi")),
            ("punctuation.definition.sequence", Class("pi")),
            ("punctuation.separator.mapping", Class("pi")),
            ("punctuation.separator.sequence", Class("pi")),
            ("meta.property", Force("nl")),
            ("keyword.control.flow.alias", Class("nv")),
            ("variable.other.alias", Class("nv")),
            ("comment.line", Class("c1")),
        ],
        Bare::Text,
    )
};

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
