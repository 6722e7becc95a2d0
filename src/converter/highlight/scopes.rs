//! Maps syntect's TextMate scopes onto Rouge's short CSS classes (Rouge's token types,
//! `rouge/token.rb`, shown as Pygments short names), so theme CSS written for Rouge
//! styles hyde's output. The innermost scope that says something wins; within one scope
//! a language's own rules come first, and the longest matching prefix wins.

use std::collections::HashMap;

use syntect::parsing::Scope;

use super::dialects::Dialect;
use super::languages;

/// What a scope says about the class of the text it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// The text gets this CSS class (`""` is Rouge's `Text`, written without a span).
    Class(&'static str),
    /// Nothing: the enclosing scope decides (`meta.*`, quote marks inside strings…).
    Inherit,
    /// Plain code of some language: its bare words are classified by the dialect.
    Code,
    /// This class whatever the inner scopes say (the innermost `Force` wins): Rouge
    /// lexes some constructs as one token that syntect subdivides (`<!DOCTYPE html>`).
    Force(&'static str),
}

use Rule::{Class, Code, Force, Inherit};

/// Scope prefixes (whole atoms) and their classes for every language.
const GENERIC: &[(&str, Rule)] = &[
    ("source", Code),
    ("text", Class("")),
    ("meta", Inherit),
    ("comment", Class("c")),
    ("comment.line", Class("c1")),
    ("comment.block", Class("cm")),
    ("comment.block.documentation", Class("cm")),
    ("punctuation.definition.comment", Inherit),
    ("constant", Class("no")),
    ("constant.numeric", Class("m")),
    ("constant.numeric.integer", Class("mi")),
    ("constant.numeric.float", Class("mf")),
    ("constant.numeric.integer.hexadecimal", Class("mh")),
    ("constant.numeric.hex", Class("mh")),
    ("constant.numeric.integer.octal", Class("mo")),
    ("constant.numeric.integer.binary", Class("mb")),
    ("constant.language", Class("kc")),
    ("constant.character", Class("sc")),
    ("constant.character.escape", Class("se")),
    ("constant.character.entity", Class("ni")),
    ("constant.other.symbol", Class("ss")),
    ("constant.other.placeholder", Class("si")),
    ("entity.name", Class("n")),
    ("entity.name.function", Class("nf")),
    ("entity.name.class", Class("nc")),
    ("entity.name.struct", Class("nc")),
    ("entity.name.enum", Class("nc")),
    ("entity.name.type", Class("nc")),
    ("entity.name.namespace", Class("nn")),
    ("entity.name.module", Class("nn")),
    ("entity.name.tag", Class("nt")),
    ("entity.name.constant", Class("no")),
    ("entity.name.label", Class("nl")),
    ("entity.other.attribute-name", Class("na")),
    ("entity.other.inherited-class", Class("nc")),
    ("keyword", Class("k")),
    ("keyword.operator", Class("o")),
    ("keyword.operator.word", Class("ow")),
    ("keyword.control.import", Class("kn")),
    ("keyword.declaration", Class("kd")),
    ("storage", Class("k")),
    ("storage.type", Class("kt")),
    ("storage.modifier", Class("k")),
    ("string", Class("s")),
    ("string.quoted.single", Class("s1")),
    ("string.quoted.double", Class("s2")),
    ("string.quoted.other", Class("sx")),
    ("string.regexp", Class("sr")),
    ("string.unquoted", Inherit),
    ("support.function", Class("nb")),
    ("support.class", Class("nc")),
    ("support.type", Class("kt")),
    ("support.constant", Class("no")),
    ("support.variable", Class("nb")),
    ("support.other.namespace", Class("nn")),
    ("variable", Class("n")),
    ("variable.language", Class("bp")),
    ("variable.function", Class("nf")),
    ("variable.other.constant", Class("no")),
    ("variable.other.readwrite.instance", Class("vi")),
    ("variable.other.readwrite.global", Class("vg")),
    ("variable.other.readwrite.class", Class("vc")),
    ("punctuation", Class("p")),
    ("punctuation.definition.string", Inherit),
    ("punctuation.definition.variable", Inherit),
    ("punctuation.definition.parameter", Inherit),
    ("punctuation.definition.constant", Inherit),
    ("punctuation.definition.entity", Inherit),
    ("punctuation.definition.numeric", Inherit),
    ("punctuation.definition.keyword", Inherit),
    ("punctuation.separator.decimal", Inherit),
    ("punctuation.definition.tag", Class("nt")),
    ("punctuation.section.embedded", Class("si")),
    ("punctuation.section.interpolation", Class("si")),
    ("markup.heading", Class("gh")),
    ("markup.bold", Class("gs")),
    ("markup.italic", Class("ge")),
    ("markup.inserted", Class("gi")),
    ("markup.deleted", Class("gd")),
    ("markup.changed", Class("gu")),
    ("invalid", Class("err")),
];

/// Classifies scope stacks for a block of one dialect, in which other languages may
/// be embedded (CSS and JavaScript in HTML): each part follows its own dialect.
pub(crate) struct Classifier {
    dialect: &'static Dialect,
    rules: HashMap<(usize, Scope), Rule>,
    embedded: HashMap<Scope, Option<&'static Dialect>>,
}

impl Classifier {
    pub(crate) fn new(dialect: &'static Dialect) -> Classifier {
        Classifier {
            dialect,
            rules: HashMap::new(),
            embedded: HashMap::new(),
        }
    }

    /// The rule (`Class` or `Code`) for text under `stack` (outermost first), and the
    /// dialect of the language the text is in.
    pub(crate) fn classify(&mut self, stack: &[Scope]) -> (Rule, &'static Dialect) {
        let dialect = self.dialect_of(stack);
        let mut found = None;
        for scope in stack.iter().rev() {
            match self.rule(dialect, *scope) {
                Force(class) => return (Class(class), dialect),
                Inherit => {}
                rule => {
                    found.get_or_insert(rule);
                }
            }
        }
        (found.unwrap_or(Code), dialect)
    }

    /// The dialect of the innermost embedded language scope (`source.css`…) hyde knows;
    /// the block's own dialect at its root scope.
    fn dialect_of(&mut self, stack: &[Scope]) -> &'static Dialect {
        for scope in stack.iter().skip(1).rev() {
            let found = *self
                .embedded
                .entry(*scope)
                .or_insert_with(|| languages::dialect_of_scope(&scope.build_string()));
            if let Some(dialect) = found {
                return dialect;
            }
        }
        self.dialect
    }

    fn rule(&mut self, dialect: &'static Dialect, scope: Scope) -> Rule {
        let key = (std::ptr::from_ref(dialect) as usize, scope);
        *self
            .rules
            .entry(key)
            .or_insert_with(|| rule_for(&scope.build_string(), dialect.rules))
    }
}

/// The rule for one scope: the longest of the dialect's matching rules, else the
/// longest generic one, except that a longer generic `Inherit` (quote marks, comment
/// markers) still defers to the enclosing scope; `Inherit` if nothing matches.
fn rule_for(scope: &str, dialect: &[(&str, Rule)]) -> Rule {
    let generic = longest_match(scope, GENERIC);
    match longest_match(scope, dialect) {
        Some((len, rule)) if generic.is_none_or(|(g, r)| r != Inherit || g <= len) => rule,
        _ => generic.map_or(Inherit, |(_, rule)| rule),
    }
}

/// The longest rule whose prefix matches `scope`, with the prefix's length.
fn longest_match(scope: &str, rules: &[(&str, Rule)]) -> Option<(usize, Rule)> {
    rules
        .iter()
        .filter(|(prefix, _)| matches_prefix(scope, prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(prefix, rule)| (prefix.len(), *rule))
}

/// Whether `prefix` is `scope` or its leading atoms (`string.quoted` of `string.quoted.x`).
pub(crate) fn matches_prefix(scope: &str, prefix: &str) -> bool {
    scope
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::highlight::dialects::PLAIN;

    #[test]
    fn longest_prefix_wins() {
        let cases = [
            ("keyword.control.ruby", Class("k")),
            ("keyword.operator.assignment.ruby", Class("o")),
            ("string.quoted.double.ruby", Class("s2")),
            ("stringy.thing", Inherit),
            ("punctuation.definition.string.begin.ruby", Inherit),
            ("constant.numeric.integer.hexadecimal.python", Class("mh")),
            ("meta.function.ruby", Inherit),
            ("source.ruby", Code),
        ];
        for (scope, want) in cases {
            assert_eq!(rule_for(scope, PLAIN.rules), want, "{scope}");
        }
    }
}
