//! A small port of Rouge's `RegexLexer` (`rouge/regex_lexer.rb`): named states hold
//! ordered rules, each an anchored regex whose groups get token classes and which may
//! push, pop or switch states. Rouge's hand-written lexers for languages that syntect
//! lacks or lexes very differently (Rust, TOML, INI…) are written as tables of these
//! rules, so hyde reproduces their tokens exactly.
//!
//! The `regex` crate has no lookaround, so a rule may carry a separate lookahead
//! (`ahead`/`not_ahead`) tested where its match ends. Each rule is matched against
//! the rest of the code, as Ruby's `StringScanner` does: `^`, `\b` and lookbehinds
//! see the cursor as the start of the text, except that a rule whose pattern starts
//! with `^` only applies at the start of a line (Rouge's `beginning_of_line` check).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use regex::Regex;

use super::format::{Token, push};

/// The class of text a lexer hands to another lexer (Rouge's `delegate`): the caller
/// lexes such tokens again, with the shell lexer for Dockerfiles.
pub(crate) const DELEGATE: &str = "@";

/// The class of text the lexer lexes again on its own from its root state (Rouge's
/// `recurse`, used for a C function definition's return type and signature).
pub(crate) const RECURSE: &str = "@self";

/// The class that makes a rule fail (a word list or `upper` mapping to it stands
/// for Rouge's negative lookaheads such as `(?!default)` and callbacks that reject).
pub(crate) const REJECT: &str = "!";

/// What a rule does to the state stack after its match.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Next {
    Stay,
    Push(&'static str),
    Pop,
    /// Pops two states (Rouge's `pop! 2`).
    PopTwo,
    /// Back to the root state alone (Rouge's `reset_stack`).
    Reset,
    /// Replaces the current state (Rouge's `goto`).
    Switch(&'static str),
    /// Pushes these states in turn (Rouge's several `push` in one rule).
    PushAll(&'static [&'static str]),
    /// Not a rule: the rules of another state are included here (Rouge's `mixin`).
    Mixin(&'static str),
}

/// One rule as written in a lexer's table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule {
    pub pattern: &'static str,
    /// The class of the whole match (one class, Rouge's `rule re, Token`) or of each
    /// group (several, Rouge's `groups`).
    pub classes: &'static [&'static str],
    pub next: Next,
    /// A lookahead that must (`true`) or must not (`false`) match after the match.
    pub ahead: Option<(&'static str, bool)>,
    /// Word lists (space-separated) whose words take another class than the rule's,
    /// tested on each token it makes; `w…` lists a prefix.
    pub words: &'static [(&'static str, &'static str)],
    /// The class of a token that starts with a capital letter (after `words`), as
    /// Rouge's `m[0] =~ /^[[:upper:]]/` callbacks decide.
    pub upper: Option<&'static str>,
    /// Text this rule saves, or must find saved (a heredoc's terminator).
    pub memo: Memo,
    /// The class of each token, computed from its text (a Rouge callback that picks the
    /// token by what it matched); it overrides `words` and `upper`.
    pub classify: Option<fn(&str) -> &'static str>,
}

/// A rule's use of the text saved by an earlier rule (Rouge's `@heredocstr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Memo {
    None,
    /// Saves the text of this group.
    Save(usize),
    /// Matches only if this group's text is the saved text.
    Recall(usize),
}

/// A rule giving its match (or groups) these classes.
pub(crate) const fn rule(pattern: &'static str, classes: &'static [&'static str]) -> Rule {
    Rule {
        pattern,
        classes,
        next: Next::Stay,
        ahead: None,
        words: &[],
        upper: None,
        memo: Memo::None,
        classify: None,
    }
}

/// The rules of `state`, included at this point.
pub(crate) const fn mixin(state: &'static str) -> Rule {
    Rule {
        next: Next::Mixin(state),
        ..rule("", &[])
    }
}

impl Rule {
    pub(crate) const fn then(self, next: Next) -> Rule {
        Rule { next, ..self }
    }

    pub(crate) const fn ahead(self, pattern: &'static str) -> Rule {
        Rule {
            ahead: Some((pattern, true)),
            ..self
        }
    }

    pub(crate) const fn not_ahead(self, pattern: &'static str) -> Rule {
        Rule {
            ahead: Some((pattern, false)),
            ..self
        }
    }

    pub(crate) const fn memo(self, memo: Memo) -> Rule {
        Rule { memo, ..self }
    }

    pub(crate) const fn upper(self, class: &'static str) -> Rule {
        Rule {
            upper: Some(class),
            ..self
        }
    }

    pub(crate) const fn words(self, words: &'static [(&'static str, &'static str)]) -> Rule {
        Rule { words, ..self }
    }

    pub(crate) const fn classify(self, classify: fn(&str) -> &'static str) -> Rule {
        Rule {
            classify: Some(classify),
            ..self
        }
    }
}

/// A lexer's table: its states (the first is the root) and the class of characters
/// no rule matches (Rouge's `Error`, or `Text` where a lexer has a catch-all).
pub(crate) struct Grammar {
    pub states: &'static [(&'static str, &'static [Rule])],
    /// States pushed over the root before lexing (Rouge's `start { push … }`).
    pub start: &'static [&'static str],
    pub error: &'static str,
}

/// A rule with its regexes and word lists compiled.
struct Compiled {
    regex: Regex,
    line_start: bool,
    ahead: Option<(Regex, bool)>,
    words: Vec<WordList>,
    rule: Rule,
}

/// One of a rule's word lists: its words, its prefixes (`w…`) and their class.
struct WordList {
    exact: HashSet<&'static str>,
    prefixes: Vec<&'static str>,
    class: &'static str,
}

impl WordList {
    fn new((list, class): (&'static str, &'static str)) -> WordList {
        let (prefixes, exact): (Vec<_>, Vec<_>) = list
            .split_ascii_whitespace()
            .partition(|w| w.ends_with('…'));
        WordList {
            exact: exact.into_iter().collect(),
            prefixes: prefixes
                .into_iter()
                .map(|w| w.trim_end_matches('…'))
                .collect(),
            class,
        }
    }

    fn covers(&self, text: &str) -> bool {
        self.exact.contains(text) || self.prefixes.iter().any(|p| text.starts_with(p))
    }
}

/// A grammar with its mixins expanded and its regexes compiled.
pub(crate) struct Lexer {
    states: HashMap<&'static str, Vec<Compiled>>,
    root: &'static str,
    start: &'static [&'static str],
    error: &'static str,
}

/// Compiles a grammar; its patterns are constants, so a bad one is a bug in hyde.
pub(crate) fn compile(grammar: &Grammar) -> Lexer {
    // Ruby's `^` and `$` always match at line ends.
    let anchored = |p: &str| Regex::new(&format!(r"\A(?m:{p})")).unwrap_or_else(|e| panic!("{e}"));
    let mut states = HashMap::new();
    for (name, _) in grammar.states {
        let rules = expand(grammar, name, 0)
            .into_iter()
            .map(|rule| Compiled {
                regex: anchored(rule.pattern),
                line_start: without_flags(rule.pattern).starts_with('^'),
                ahead: rule.ahead.map(|(p, is)| (anchored(p), is)),
                words: rule.words.iter().copied().map(WordList::new).collect(),
                rule,
            })
            .collect();
        states.insert(*name, rules);
    }
    Lexer {
        states,
        root: grammar.states.first().map_or("root", |(name, _)| name),
        start: grammar.start,
        error: grammar.error,
    }
}

/// A pattern without its leading flag group (`(?i)`, `(?si)`), which Ruby writes
/// after the regex (`/…/i`).
fn without_flags(pattern: &str) -> &str {
    pattern
        .strip_prefix("(?")
        .and_then(|rest| rest.split_once(')'))
        .filter(|(flags, _)| flags.bytes().all(|b| b.is_ascii_alphabetic()))
        .map_or(pattern, |(_, rest)| rest)
}

/// The rules of `state` with mixins replaced by their states' rules.
fn expand(grammar: &Grammar, state: &str, depth: usize) -> Vec<Rule> {
    let rules = grammar
        .states
        .iter()
        .find(|(name, _)| *name == state)
        .map_or(&[][..], |(_, rules)| rules);
    let mut out = Vec::new();
    for rule in rules {
        match rule.next {
            Next::Mixin(other) if depth < 8 => out.extend(expand(grammar, other, depth + 1)),
            Next::Mixin(_) => {}
            _ => out.push(*rule),
        }
    }
    out
}

impl Lexer {
    /// The tokens of `code`.
    pub(crate) fn tokens(&self, code: &str) -> Vec<Token> {
        let tokens = self.lex(code);
        if tokens.iter().all(|t| t.class != RECURSE) {
            return tokens;
        }
        let mut out = Vec::new();
        for token in tokens {
            // Lexing the whole text again would never end.
            if token.class != RECURSE || token.range.len() == code.len() {
                push(&mut out, token.class, token.range);
                continue;
            }
            let start = token.range.start;
            for t in self.tokens(&code[token.range]) {
                push(
                    &mut out,
                    t.class,
                    start + t.range.start..start + t.range.end,
                );
            }
        }
        out
    }

    /// The tokens of `code`, recursions not yet lexed.
    fn lex(&self, code: &str) -> Vec<Token> {
        let mut stack = vec![self.root];
        stack.extend(self.start);
        let mut out = Vec::new();
        let mut pos = 0;
        // State changes without progress, bounded so that a cycle of empty matches
        // cannot loop forever.
        let mut idle = 0;
        let mut saved = String::new();
        while pos < code.len() {
            let state = stack.last().copied().unwrap_or(self.root);
            let step = (idle < MAX_IDLE)
                .then(|| self.step(code, pos, state, &mut saved, &mut out))
                .flatten();
            match step {
                Some((end, next)) => {
                    idle = if end == pos { idle + 1 } else { 0 };
                    pos = end;
                    apply(&mut stack, next);
                }
                None => {
                    idle = 0;
                    let len = code[pos..].chars().next().map_or(1, char::len_utf8);
                    push(&mut out, self.error, pos..pos + len);
                    pos += len;
                }
            }
        }
        out
    }

    /// Applies the first rule of `state` that matches at `pos`: its end and next step.
    fn step(
        &self,
        code: &str,
        pos: usize,
        state: &str,
        saved: &mut String,
        out: &mut Vec<Token>,
    ) -> Option<(usize, Next)> {
        let rest = &code[pos..];
        let line_start = pos == 0 || code[..pos].ends_with('\n');
        for compiled in self.states.get(state)? {
            if compiled.line_start && !line_start {
                continue;
            }
            let Some(caps) = compiled.regex.captures(rest) else {
                continue;
            };
            let end = caps.get(0).map_or(0, |m| m.end());
            let rule = &compiled.rule;
            if end == 0 && matches!(rule.next, Next::Stay) {
                continue;
            }
            if let Some((ahead, is)) = &compiled.ahead
                && ahead.is_match(&rest[end..]) != *is
            {
                continue;
            }
            let tokens: Vec<(&'static str, Range<usize>)> = if rule.classes.len() <= 1 {
                let class = rule.classes.first().copied().unwrap_or("");
                vec![(word_class(compiled, &rest[..end], class), 0..end)]
            } else {
                let groups = rule.classes.iter().enumerate();
                groups
                    .filter_map(|(i, class)| caps.get(i + 1).map(|m| (class, m)))
                    .map(|(class, m)| (word_class(compiled, m.as_str(), class), m.range()))
                    .collect()
            };
            if tokens.iter().any(|(class, _)| *class == REJECT) {
                continue;
            }
            match rule.memo {
                Memo::None => {}
                Memo::Save(group) => {
                    *saved = caps.get(group).map_or("", |m| m.as_str()).to_string();
                }
                Memo::Recall(group) => {
                    if caps.get(group).map(|m| m.as_str()) != Some(saved.as_str()) {
                        continue;
                    }
                }
            }
            for (class, range) in tokens {
                push(out, class, pos + range.start..pos + range.end);
            }
            return Some((pos + end, rule.next));
        }
        None
    }
}

/// How many empty matches in a row the lexer accepts before it skips a character.
const MAX_IDLE: usize = 32;

/// The class of a token: a listed word's class, else `upper`'s for a capitalised
/// word, else `class`.
fn word_class(compiled: &Compiled, text: &str, class: &'static str) -> &'static str {
    if let Some(classify) = compiled.rule.classify {
        return classify(text);
    }
    let capitalised = || {
        compiled
            .rule
            .upper
            .filter(|_| text.trim_start_matches('#').starts_with(char::is_uppercase))
    };
    compiled
        .words
        .iter()
        .find(|list| list.covers(text))
        .map(|list| list.class)
        .or_else(capitalised)
        .unwrap_or(class)
}

fn apply(stack: &mut Vec<&'static str>, next: Next) {
    match next {
        Next::Stay | Next::Mixin(_) => {}
        Next::Push(state) => stack.push(state),
        Next::Pop => pop(stack, 1),
        Next::PopTwo => pop(stack, 2),
        Next::Reset => stack.truncate(1),
        Next::Switch(state) => {
            pop(stack, 1);
            stack.push(state);
        }
        Next::PushAll(states) => stack.extend(states),
    }
}

/// Pops `n` states, never the root.
fn pop(stack: &mut Vec<&'static str>, n: usize) {
    stack.truncate(stack.len().saturating_sub(n).max(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRAMMAR: Grammar = Grammar {
        states: &[
            (
                "root",
                &[
                    rule(r"\s+", &[""]),
                    rule(r"\bif\b", &["k"]),
                    rule(r"[a-z]+", &["nf"]).ahead(r"\("),
                    rule(r"[a-z]+", &["n"]).words(&[("true false", "kc")]),
                    rule(r#"""#, &["s"]).then(Next::Push("string")),
                    rule(r"[()]", &["p"]),
                ],
            ),
            (
                "string",
                &[
                    rule(r#"""#, &["s"]).then(Next::Pop),
                    rule(r#"[^"]+"#, &["s"]),
                ],
            ),
        ],
        start: &[],
        error: "err",
    };

    #[test]
    fn lexes_by_states() {
        let lexer = compile(&GRAMMAR);
        let cases = [
            (
                "if f(x)",
                vec![
                    ("k", "if"),
                    ("", " "),
                    ("nf", "f"),
                    ("p", "("),
                    ("n", "x"),
                    ("p", ")"),
                ],
            ),
            ("xif true", vec![("n", "xif"), ("", " "), ("kc", "true")]),
            ("\"a b\"!", vec![("s", "\"a b\""), ("err", "!")]),
        ];
        for (code, want) in cases {
            let got = lexer.tokens(code);
            let got = crate::converter::highlight::format::classes(&got, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
