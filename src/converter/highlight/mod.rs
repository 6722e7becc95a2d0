//! Rouge-compatible syntax highlighting: Jekyll highlights code with Rouge
//! (`kramdown/converter/syntax_highlighter/rouge.rb`, Jekyll's `highlight` tag), and
//! every theme's CSS targets Rouge's token classes. `languages` picks the lexer for a
//! Rouge name. The most used languages are ports of Rouge's own regex lexers, run by
//! `regex_lexer` (Rust, Python, shell, C/C++, Go, Java, CSS/SCSS, TeX, Kotlin, Swift,
//! PowerShell, batch files, config files, Clojure/Erlang/OCaml): their tokens are
//! Rouge's. The others lex with syntect's Sublime grammars, whose scopes are mapped
//! onto Rouge's classes: `scopes` holds the generic mapping, `dialects`, `compiled`
//! and `markup` each Rouge lexer's differences, `words` Rouge's word lists and
//! `bare` the classes of unscoped code. Rouge's console, diff and Liquid lexers are
//! hand-written ports (`console`, `diff`, `liquid`). `format` writes the tokens as
//! Rouge's HTML formatter does.

mod bare;
mod batchfile;
mod c;
mod compiled;
mod config;
mod console;
mod csharp;
mod css;
mod dialects;
mod diff;
mod format;
mod functional;
mod go;
mod groovy;
mod haskell;
mod java;
mod kotlin;
mod languages;
mod liquid;
mod lua;
mod markup;
mod matlab;
mod php;
mod powershell;
mod python;
mod r;
mod regex_lexer;
mod rust;
mod scala;
mod scopes;
mod shell;
mod swift;
mod tex;
mod words;

use std::ops::Range;
use std::sync::LazyLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use crate::converter::markdown::{Highlighter, RougeNames};
use dialects::Dialect;
use format::{Token, push};
use languages::Lexer;
use scopes::{Classifier, Rule};

/// syntect's default syntaxes, loaded once per process on first use.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Rouge's names and HTML, with syntect doing the lexing.
#[derive(Debug, Default, Clone, Copy)]
pub struct SyntectRouge;

impl Highlighter for SyntectRouge {
    fn knows(&self, lang: &str) -> bool {
        RougeNames.knows(lang)
    }

    fn highlight(&self, code: &str, lang: &str) -> String {
        let tokens = tokens(code, lexer_name(lang));
        format::html(code, &tokens)
    }
}

/// Loads the syntax set now (it otherwise loads on the first highlighted block).
pub fn preload() {
    LazyLock::force(&SYNTAXES);
}

/// The lexer tag in kramdown's language string (`Rouge::Lexer.find_fancy` drops
/// `?options`).
fn lexer_name(lang: &str) -> &str {
    lang.split_once('?').map_or(lang, |(name, _)| name)
}

/// The Rouge tokens of `code` for the lexer named `name`.
fn tokens(code: &str, name: &str) -> Vec<Token> {
    let plain = || {
        vec![Token {
            class: "",
            range: 0..code.len(),
        }]
    };
    let tokens = match languages::find(name) {
        Some(Lexer::Syntax(syntax, dialect)) => {
            guarded(|| syntax_tokens(code, 0..code.len(), syntax, dialect)).unwrap_or_else(plain)
        }
        Some(Lexer::Console) => console::tokens(code, |range, out| shell(code, range, out)),
        Some(Lexer::Diff) => diff::tokens(code),
        Some(Lexer::Liquid) => liquid::tokens(code),
        Some(Lexer::Rules(lexer)) => match guarded(|| Some(lexer.tokens(code))) {
            Some(tokens) => delegated(code, tokens),
            None => plain(),
        },
        Some(Lexer::Template(lexer)) => match guarded(|| Some(lexer.tokens(code))) {
            Some(tokens) => delegated_html(code, tokens),
            None => plain(),
        },
        Some(Lexer::Plain) | None => plain(),
    };
    tokens.into_iter().filter(|t| !t.range.is_empty()).collect()
}

/// Pushes the shell tokens of `code[range]`, as Rouge's lexers that delegate to its
/// shell lexer do.
fn shell(code: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let start = range.start;
    match guarded(|| Some(shell::SHELL.tokens(&code[range.clone()]))) {
        Some(tokens) => {
            for t in tokens {
                push(out, t.class, start + t.range.start..start + t.range.end);
            }
        }
        None => push(out, "", range),
    }
}

/// Lexes a rule-table lexer's delegated tokens as shell.
fn delegated(code: &str, tokens: Vec<Token>) -> Vec<Token> {
    if tokens.iter().all(|t| t.class != regex_lexer::DELEGATE) {
        return tokens;
    }
    let mut out = Vec::new();
    for token in tokens {
        if token.class == regex_lexer::DELEGATE {
            shell(code, token.range, &mut out);
        } else {
            push(&mut out, token.class, token.range);
        }
    }
    out
}

/// Lexes a template lexer's delegated tokens as HTML (Rouge's `delegate parent`).
fn delegated_html(code: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::new();
    for token in tokens {
        if token.class != regex_lexer::DELEGATE {
            push(&mut out, token.class, token.range);
            continue;
        }
        let range = token.range;
        let html = guarded(|| syntax_tokens(code, range.clone(), "HTML", &markup::HTML));
        match html {
            Some(tokens) => tokens
                .into_iter()
                .for_each(|t| push(&mut out, t.class, t.range)),
            None => push(&mut out, "", range),
        }
    }
    out
}

/// Runs a syntect lexing, treating a panic inside syntect or Oniguruma like a lexing
/// error: the block is then written as plain text, never aborting the build.
fn guarded(lex: impl FnOnce() -> Option<Vec<Token>>) -> Option<Vec<Token>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(lex))
        .ok()
        .flatten()
}

/// Lexes `code[range]` with a syntect syntax; `None` if syntect fails on it.
fn syntax_tokens(
    code: &str,
    range: Range<usize>,
    syntax: &str,
    dialect: &'static Dialect,
) -> Option<Vec<Token>> {
    let syntaxes = &*SYNTAXES;
    let syntax: &SyntaxReference = syntaxes.find_syntax_by_name(syntax)?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut classifier = Classifier::new(dialect);
    let line_comment = Scope::new("comment.line").ok();
    let mut out = Vec::new();
    let mut emit = |stack: &ScopeStack, range: Range<usize>, out: &mut Vec<Token>| {
        let scopes = stack.as_slice();
        let (rule, dialect) = classifier.classify(scopes);
        let line_comment = line_comment.is_some_and(|c| scopes.iter().any(|s| c.is_prefix_of(*s)));
        let region = Region {
            range,
            rule,
            line_comment,
        };
        push_region(code, region, dialect, out);
    };
    let mut start = range.start;
    for line in code[range].split_inclusive('\n') {
        let ops = state.parse_line(line, syntaxes).ok()?;
        let mut pos = 0;
        for (at, op) in &ops {
            emit(&stack, start + pos..start + at, &mut out);
            pos = *at;
            stack.apply(op).ok()?;
        }
        emit(&stack, start + pos..start + line.len(), &mut out);
        start += line.len();
    }
    swallow_trailing_space(code, dialect, &mut out);
    Some(out)
}

/// A run of text under one scope stack.
struct Region {
    range: Range<usize>,
    rule: Rule,
    /// Inside a `comment.line` scope (whose token may end before the newline).
    line_comment: bool,
}

/// Pushes the tokens of one syntect region.
fn push_region(code: &str, region: Region, dialect: &Dialect, out: &mut Vec<Token>) {
    let Region {
        range,
        rule,
        line_comment,
    } = region;
    if range.is_empty() {
        return;
    }
    let class = match rule {
        Rule::Class(class) => class,
        _ => return bare::split(code, range, dialect, out),
    };
    let text = &code[range.clone()];
    let class = if dialect.refine_numbers && class == "m" {
        bare::number_class(text)
    } else {
        class
    };
    if !keeps_space(class) || (dialect.trim_strings && class.starts_with('s')) {
        let class = bare::refine_word(code, range.clone(), class, dialect);
        bare::push_spaced(code, range, class, dialect.space, out);
    } else if line_comment && !dialect.comment_newline && text.ends_with('\n') {
        push(out, class, range.start..range.end - 1);
        push(out, dialect.space, range.end - 1..range.end);
    } else {
        push(out, class, range);
    }
}

/// Strings, comments and generic (markup, output) tokens keep their whitespace; Rouge's
/// other tokens never start or end with it.
fn keeps_space(class: &str) -> bool {
    matches!(class.as_bytes().first(), Some(b's' | b'c' | b'g'))
        || matches!(class, "dl" | "err" | "x")
}

/// Rouge's shell lexer ends keywords and builtins with `(\s*)\b`: the whitespace after
/// them joins their token when a word follows.
fn swallow_trailing_space(code: &str, dialect: &Dialect, tokens: &mut Vec<Token>) {
    if dialect.trailing_space.is_empty() {
        return;
    }
    let mut i = 0;
    while i + 1 < tokens.len() {
        let end = tokens[i].range.end;
        let rest = &code[end..];
        let space = rest.len() - rest.trim_start().len();
        let word_follows = rest[space..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if dialect.trailing_space.contains(&tokens[i].class) && space > 0 && word_follows {
            tokens[i].range.end = end + space;
            trim_front(tokens, i + 1, end + space);
        }
        i += 1;
    }
}

/// Makes the tokens from `from` on start at `at` or later, dropping emptied ones.
fn trim_front(tokens: &mut Vec<Token>, from: usize, at: usize) {
    while from < tokens.len() && tokens[from].range.start < at {
        if tokens[from].range.end <= at {
            tokens.remove(from);
        } else {
            tokens[from].range.start = at;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_like_rouge() {
        let cases = [
            (
                "x = 1\n",
                "ruby",
                "<span class=\"n\">x</span> <span class=\"o\">=</span> <span class=\"mi\">1</span>\n",
            ),
            ("a < b", "plaintext", "a &lt; b"),
            ("a < b", "nosuchlang", "a &lt; b"),
            ("", "ruby", ""),
            ("x\r\n", "ruby", "<span class=\"n\">x</span>\r\n"),
            (
                "-a\n+b\n",
                "diff",
                "<span class=\"gd\">-a\n</span><span class=\"gi\">+b\n</span>",
            ),
            (
                "$ ls\n",
                "console",
                "<span class=\"gp\">$</span><span class=\"w\"> </span><span class=\"nb\">ls</span>\n",
            ),
            (
                "{\"a\": 1}",
                "json?x=1",
                "<span class=\"p\">{</span><span class=\"nl\">\"a\"</span><span class=\"p\">:</span><span class=\"w\"> </span><span class=\"mi\">1</span><span class=\"p\">}</span>",
            ),
        ];
        for (code, lang, want) in cases {
            assert_eq!(SyntectRouge.highlight(code, lang), want, "{lang}: {code}");
        }
    }

    #[test]
    fn knows_rouge_names() {
        let cases = [
            ("ruby", true),
            ("console", true),
            ("toml", true),
            ("nosuch", false),
        ];
        for (lang, known) in cases {
            assert_eq!(SyntectRouge.knows(lang), known, "{lang}");
        }
    }
}
