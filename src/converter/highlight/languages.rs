//! Which lexer stands in for each Rouge lexer (a port of it, or a syntect syntax and
//! dialect), by the tags and aliases `Rouge::Lexer.find` accepts (Rouge 3.30's
//! `tag`/`aliases` in `rouge/lexers/*.rb`). Rouge lexers hyde has neither for are
//! highlighted as plain text.

use std::sync::LazyLock;

use super::batchfile;
use super::c;
use super::compiled;
use super::config;
use super::csharp;
use super::css;
use super::dialects::{self, Dialect};
use super::functional;
use super::go;
use super::groovy;
use super::haskell;
use super::java;
use super::kotlin;
use super::lua;
use super::markup;
use super::matlab;
use super::php;
use super::powershell;
use super::python;
use super::r;
use super::regex_lexer;
use super::rust;
use super::scala;
use super::scopes;
use super::shell;
use super::swift;
use super::tex;

/// How hyde lexes one Rouge language.
#[derive(Clone, Copy)]
pub(crate) enum Lexer {
    /// A syntect syntax (by its name in the default set) read with a dialect.
    Syntax(&'static str, &'static Dialect),
    /// Rouge's console lexer: prompts, commands (as shell) and output.
    Console,
    /// Rouge's diff lexer.
    Diff,
    /// Rouge's Liquid lexer.
    Liquid,
    /// A port of a Rouge regex lexer as a rule table.
    Rules(&'static LazyLock<regex_lexer::Lexer>),
    /// A port of a Rouge template lexer (`TemplateLexer`): the text it delegates is HTML.
    Template(&'static LazyLock<regex_lexer::Lexer>),
    /// One `Text` token: `plaintext` and languages syntect lacks.
    Plain,
}

use Lexer::{Console, Diff, Liquid, Plain, Rules, Syntax, Template};

/// Rouge tags and aliases, and their lexers.
const LEXERS: &[(&[&str], Lexer)] = &[
    (&["plaintext", "text"], Plain),
    (&["ruby", "rb"], Syntax("Ruby", &dialects::RUBY)),
    (&["python", "py"], Rules(&python::PYTHON)),
    (
        &["javascript", "js", "jsx", "react"],
        Syntax("JavaScript", &dialects::JAVASCRIPT),
    ),
    (
        &["typescript", "ts", "tsx"],
        Syntax("JavaScript", &dialects::TYPESCRIPT),
    ),
    (
        &["json", "jsonc", "json-doc"],
        Syntax("JSON", &markup::JSON),
    ),
    (&["shell", "bash", "zsh", "ksh", "sh"], Rules(&shell::SHELL)),
    (
        &["console", "terminal", "shell_session", "shell-session"],
        Console,
    ),
    (&["html"], Syntax("HTML", &markup::HTML)),
    (&["xml"], Syntax("XML", &markup::XML)),
    (&["css"], Rules(&css::CSS)),
    (&["scss"], Rules(&css::SCSS)),
    (&["c"], Rules(&c::C)),
    (&["cpp", "c++"], Rules(&c::CPP)),
    (&["csharp", "c#", "cs"], Rules(&csharp::CSHARP)),
    (&["java"], Rules(&java::JAVA)),
    (&["go", "golang"], Rules(&go::GO)),
    (
        &[
            "rust",
            "rs",
            "rust,ignore",
            "rust,no_run",
            "rust,should_panic",
            "rs,ignore",
            "rs,no_run",
            "rs,should_panic",
        ],
        Rules(&rust::LEXER),
    ),
    (&["php", "php3", "php4", "php5"], Template(&php::PHP)),
    (&["perl", "pl"], Syntax("Perl", &dialects::PERL)),
    (&["sql"], Syntax("SQL", &dialects::SQL)),
    (&["yaml", "yml"], Syntax("YAML", &markup::YAML)),
    (
        &["markdown", "md", "mkd"],
        Syntax("Markdown", &markup::MARKDOWN),
    ),
    (&["lua"], Rules(&lua::LUA)),
    (&["haskell", "hs"], Rules(&haskell::HASKELL)),
    (
        &["literate_haskell", "lhaskell", "lithaskell", "lhs"],
        Syntax("Literate Haskell", &compiled::HASKELL),
    ),
    (&["scala"], Rules(&scala::SCALA)),
    (&["diff", "patch", "udiff"], Diff),
    (&["liquid"], Liquid),
    (&["kotlin"], Rules(&kotlin::KOTLIN)),
    (&["swift"], Rules(&swift::SWIFT)),
    (
        &["powershell", "posh", "microsoftshell", "msshell"],
        Rules(&powershell::POWERSHELL),
    ),
    (&["toml"], Rules(&config::TOML)),
    (&["ini"], Rules(&config::INI)),
    (&["nginx"], Rules(&config::NGINX)),
    (
        &["docker", "dockerfile", "Dockerfile"],
        Rules(&config::DOCKER),
    ),
    (
        &["make", "makefile", "mf", "gnumake", "bsdmake"],
        Syntax("Makefile", &dialects::MAKE),
    ),
    (&["r", "R", "s", "S"], Rules(&r::R)),
    (
        &["objective_c", "objc", "obj-c", "obj_c", "objectivec"],
        Syntax("Objective-C", &compiled::OBJC),
    ),
    (
        &[
            "objective_cpp",
            "objcpp",
            "obj-cpp",
            "obj_cpp",
            "objectivecpp",
            "objc++",
            "obj-c++",
            "obj_c++",
            "objectivec++",
        ],
        Syntax("Objective-C++", &compiled::OBJC),
    ),
    (&["erlang", "erl"], Rules(&functional::ERLANG)),
    (&["clojure", "clj", "cljs"], Rules(&functional::CLOJURE)),
    (&["groovy"], Rules(&groovy::GROOVY)),
    (&["gradle"], Rules(&groovy::GRADLE)),
    (&["ocaml"], Rules(&functional::OCAML)),
    (&["tex", "TeX", "LaTeX", "latex"], Rules(&tex::TEX)),
    (&["bibtex", "bib"], Syntax("BibTeX", &dialects::PLAIN)),
    (
        &["batchfile", "bat", "batch", "dosbatch", "winbatch"],
        Rules(&batchfile::BATCHFILE),
    ),
    (&["matlab", "m"], Rules(&matlab::MATLAB)),
    (&["d", "dlang"], Syntax("D", &compiled::C)),
    (&["tcl"], Syntax("Tcl", &dialects::PLAIN)),
    (
        &[
            "common_lisp",
            "common-lisp",
            "cl",
            "lisp",
            "elisp",
            "emacs-lisp",
        ],
        Syntax("Lisp", &dialects::PLAIN),
    ),
    (
        &["actionscript", "as", "as3"],
        Syntax("ActionScript", &dialects::PLAIN),
    ),
    (&["applescript"], Syntax("AppleScript", &dialects::PLAIN)),
    (&["dot"], Syntax("Graphviz (DOT)", &dialects::PLAIN)),
    (&["pascal"], Syntax("Pascal", &dialects::PLAIN)),
    (&["properties"], Syntax("Java Properties", &dialects::PLAIN)),
    (&["jsp"], Syntax("Java Server Page (JSP)", &markup::HTML)),
    (
        &["erb", "eruby", "rhtml"],
        Syntax("HTML (Rails)", &markup::HTML),
    ),
    (&["haml", "HAML"], Syntax("Ruby Haml", &dialects::RUBY)),
];

/// The lexer for a Rouge tag or alias (`lang` without `?options`), if hyde has one.
pub(crate) fn find(lang: &str) -> Option<Lexer> {
    LEXERS
        .iter()
        .find(|(names, _)| names.contains(&lang))
        .map(|(_, lexer)| *lexer)
}

/// The dialects of languages embedded in others, by their base scope.
const EMBEDDED: &[(&str, &Dialect)] = &[
    ("source.css", &markup::CSS),
    ("source.js", &dialects::JAVASCRIPT),
    ("source.json", &markup::JSON),
    ("source.ruby", &dialects::RUBY),
    ("source.python", &dialects::PYTHON),
    ("source.shell", &dialects::SHELL),
    ("source.php", &dialects::PHP),
    ("source.sql", &dialects::SQL),
    ("source.yaml", &markup::YAML),
    ("text.html", &markup::HTML),
    ("text.html.markdown", &markup::MARKDOWN),
    ("text.xml", &markup::XML),
];

/// The dialect of a language scope (`source.css` in HTML's `<style>`), if hyde has one.
pub(crate) fn dialect_of_scope(scope: &str) -> Option<&'static Dialect> {
    EMBEDDED
        .iter()
        .filter(|(prefix, _)| scopes::matches_prefix(scope, prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, dialect)| *dialect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::highlight::SYNTAXES;
    use crate::converter::markdown::{Highlighter, RougeNames};

    #[test]
    fn names_are_rouge_names_with_syntaxes() {
        for (names, lexer) in LEXERS {
            for name in *names {
                assert!(RougeNames.knows(name), "{name} is not a Rouge lexer name");
            }
            if let Syntax(syntax, _) = lexer {
                assert!(SYNTAXES.find_syntax_by_name(syntax).is_some(), "{syntax}");
            }
        }
    }

    #[test]
    fn finds_lexers_and_embedded_dialects() {
        let cases = [("rb", true), ("c++", true), ("yml", true), ("Ruby", false)];
        for (name, found) in cases {
            assert_eq!(find(name).is_some(), found, "{name}");
        }
        let embedded = [
            ("source.css.embedded.html", true),
            ("source.js", true),
            ("source.jsx", false),
            ("meta.tag.html", false),
        ];
        for (scope, found) in embedded {
            assert_eq!(dialect_of_scope(scope).is_some(), found, "{scope}");
        }
    }
}
