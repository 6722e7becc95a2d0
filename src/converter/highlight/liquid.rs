//! Rouge's Liquid lexer (`rouge/lexers/liquid.rb`), ported state by state: syntect's
//! default set has no Liquid grammar, and Liquid snippets are common in Jekyll sites.
//! Text outside `{% %}` and `{{ }}` is plain; inside, tags, variables, filters,
//! strings and numbers get Rouge's classes.

use std::sync::LazyLock;

use regex::Regex;

use super::format::{Token, push};

/// Tokens of a Liquid template.
pub(crate) fn tokens(code: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        code,
        pos: 0,
        out: Vec::new(),
    };
    while lexer.pos < code.len() {
        lexer.root();
    }
    lexer.out
}

/// The states of `liquid.rb` that lex the inside of a tag or output.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Output,
    Filters,
    Condition,
    When,
    Assign,
    Include,
    OutputEmbed,
    TagMarkup,
    VariableTagMarkup,
}

/// What a rule did: keep lexing in the mode, or the tag ended.
enum Step {
    Next,
    End,
}

/// One anchored rule: a regex and the classes of its groups (the whole match if none).
struct Rule {
    regex: Regex,
    classes: &'static [&'static str],
}

fn rule(pattern: &str, classes: &'static [&'static str]) -> Rule {
    let regex = Regex::new(&format!("^(?:{pattern})")).unwrap_or_else(|e| panic!("{e}"));
    Rule { regex, classes }
}

macro_rules! rules {
    ($($name:ident = $pattern:literal => [$($class:literal),*];)*) => {
        $(static $name: LazyLock<Rule> = LazyLock::new(|| rule($pattern, &[$($class),*]));)*
    };
}

rules! {
    OPEN_TAG = r"(\{%-?)(\s*)" => ["p", "w"];
    OPEN_OUTPUT = r"(\{\{-?)(\s*)" => ["p", "w"];
    TEXT = r"[^{]+|\{" => [""];
    CONDITION_TAG = r"(if|elsif|unless|case)\b" => ["kr"];
    WHEN_TAG = r"when\b" => ["kr"];
    ELSE_TAG = r"(else)(\s*)(-?%\})" => ["kr", "w", "p"];
    COUNTER_TAG = r"(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})"
        => ["nt", "w", "nv", "w", "p"];
    COMMENT_TAG = r"(comment)(\s*)(-?%\})" => ["nt", "w", "p"];
    RAW_TAG = r"(raw)(\s*)(-?%\})" => ["nt", "w", "p"];
    END_KEYWORD = r"(end(?:if|unless|case))(\s*)(-?%\})" => ["kr", "w", "p"];
    END_TAG = r"(end[^\s%]+)(\s*)(-?%\})" => ["nt", "w", "p"];
    ASSIGN_TAG = r"(assign|echo)\b" => ["nt"];
    INCLUDE_TAG = r"(include|render)\b" => ["nt"];
    CYCLE_TAG = r"(cycle)(\s+)" => ["nt", "w"];
    FOR_TAG = r#"(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)((?:[^\s%,|'"]|"[^"]*"|'[^']*')+)(\s*)"#
        => ["nt", "w", "nv", "w", "nt", "w", "nv", "w"];
    OTHER_TAG = r"([^\s%]+)(\s*)" => ["nt", "w"];
    COMMENT_BODY = r"[^{]+|\{" => ["c"];
    END_COMMENT = r"(\{%-?)(\s*)(endcomment)(\s*)(-?%\})" => ["p", "w", "nt", "w", "p"];
    END_RAW = r"(\{%-?)(\s*)(endraw)(\s*)(-?%\})" => ["p", "w", "nt", "w", "p"];
    OUTPUT_FILTER = r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)" => ["p", "w", "nf"];
    FILTER = r"(\|)(\s*)([a-zA-Z_][^\s%}|:]*)" => ["p", "w", "nf"];
    ASSIGN_FILTER = r"(\|)(\s*)([a-zA-Z_][^\s%|:]*)" => ["p", "w", "nf"];
    END_OF_TAG = r"-?\}\}" => ["p"];
    END_OF_BLOCK = r"-?%\}" => ["p"];
    COMPARISON = r"[=!]=|[<>]=?" => ["o"];
    WORD_OPERATOR = r"(and|or|contains)\b" => ["ow"];
    EQUALS = r"=" => ["o"];
    INCLUDE_WORD = r"(with|for)\b" => ["nt"];
    FILE_NAME = r"[/\w-]+(?:\.[\w-]+)+\b" => [""];
    REVERSED = r"reversed\b" => ["na"];
    WHITESPACE = r"[ \t]+" => ["w"];
    CONSTANT = r"(false|true|nil)\b" => ["kc"];
    SINGLE = r"'[^']*'" => ["s1"];
    DOUBLE = r#""[^"]*""# => ["s2"];
    MINUS = r"-" => ["o"];
    FLOAT = r"\d+\.\d+" => ["mf"];
    INTEGER = r"\d+" => ["mi"];
    PARAM = r"([^\s=:]+)(\s*)(=|:)" => ["na", "w", "o"];
    SEPARATOR = r"[,:]" => ["p"];
    BUILTIN = r"(empty|blank|forloop\.[^\s%}|:]+)\b" => ["nb"];
    INDEX = r"\.\w|\[|\]" => ["p"];
    SIZE = r"(first|last|size)\b" => ["nf"];
    VARIABLE = r"[a-zA-Z_][\w-]*\??" => ["nv"];
    WORD = r"\S+" => [""];
}

struct Lexer<'a> {
    code: &'a str,
    pos: usize,
    out: Vec<Token>,
}

impl Lexer<'_> {
    /// Applies `rule` at the cursor: pushes its groups and advances, or does nothing.
    fn eat(&mut self, rule: &Rule) -> bool {
        let rest = &self.code[self.pos..];
        let Some(caps) = rule.regex.captures(rest) else {
            return false;
        };
        let whole = caps.get(0).map_or(0, |m| m.end());
        if whole == 0 {
            return false;
        }
        if caps.len() == 1 {
            push(&mut self.out, rule.classes[0], self.pos..self.pos + whole);
        }
        for (i, class) in rule.classes.iter().enumerate().take(caps.len() - 1) {
            if let Some(m) = caps.get(i + 1) {
                push(
                    &mut self.out,
                    class,
                    self.pos + m.start()..self.pos + m.end(),
                );
            }
        }
        self.pos += whole;
        true
    }

    /// `state :root`: text, then a tag or an output.
    fn root(&mut self) {
        if self.eat(&OPEN_TAG) {
            self.tag_or_block();
        } else if self.eat(&OPEN_OUTPUT) {
            self.inside(Mode::Output);
        } else {
            self.eat(&TEXT);
        }
    }

    /// `state :tag_or_block`: the tag name decides how its markup is lexed.
    fn tag_or_block(&mut self) {
        let ended = [&*ELSE_TAG, &COUNTER_TAG, &END_KEYWORD, &END_TAG];
        if self.eat(&CONDITION_TAG) {
            self.inside(Mode::Condition);
        } else if self.eat(&WHEN_TAG) {
            self.inside(Mode::When);
        } else if self.eat(&COMMENT_TAG) {
            self.body(&END_COMMENT, &COMMENT_BODY);
        } else if self.eat(&RAW_TAG) {
            self.body(&END_RAW, &TEXT);
        } else if ended.into_iter().any(|rule| self.eat(rule)) {
        } else if self.eat(&ASSIGN_TAG) {
            self.inside(Mode::Assign);
        } else if self.eat(&INCLUDE_TAG) {
            self.inside(Mode::Include);
        } else if self.eat(&CYCLE_TAG) {
            self.inside(Mode::VariableTagMarkup);
        } else if self.eat_for() || self.eat(&OTHER_TAG) {
            self.inside(Mode::TagMarkup);
        }
    }

    /// The `for`/`tablerow` tag, whose collection is one token: a string if it holds
    /// a quoted string (`'[^']*'` before `"[^"]*"`, as `liquid.rb` tests them).
    fn eat_for(&mut self) -> bool {
        let start = self.out.len();
        if !self.eat(&FOR_TAG) {
            return false;
        }
        let collection = self.out[start..]
            .iter_mut()
            .filter(|t| t.class == "nv")
            .nth(1);
        if let Some(token) = collection {
            let text = &self.code[token.range.clone()];
            let quoted = |q: char| text.matches(q).count() >= 2;
            if quoted('\'') {
                token.class = "s1";
            } else if quoted('"') {
                token.class = "s2";
            }
        }
        true
    }

    /// A `comment` or `raw` body up to its end tag.
    fn body(&mut self, end: &Rule, text: &Rule) {
        while self.pos < self.code.len() && !self.eat(end) {
            self.eat(text);
        }
    }

    /// Lexes a tag's or output's inside in `mode` until it closes.
    fn inside(&mut self, mut mode: Mode) {
        while self.pos < self.code.len() {
            match self.step(&mut mode) {
                Some(Step::End) => return,
                Some(Step::Next) => {}
                None => self.error(),
            }
        }
    }

    /// An unlexable character: Rouge emits it as an `Error` token.
    fn error(&mut self) {
        let len = self.code[self.pos..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        push(&mut self.out, "err", self.pos..self.pos + len);
        self.pos += len;
    }

    /// One rule of `mode` at the cursor; `None` if none applies.
    fn step(&mut self, mode: &mut Mode) -> Option<Step> {
        let end = |lexer: &mut Self, rule: &Rule| lexer.eat(rule).then_some(Step::End);
        let next = |lexer: &mut Self, rule: &Rule| lexer.eat(rule).then_some(Step::Next);
        match *mode {
            Mode::Output => {
                if self.eat(&OUTPUT_FILTER) {
                    *mode = Mode::Filters;
                    return Some(Step::Next);
                }
                end(self, &END_OF_TAG).or_else(|| self.generic())
            }
            Mode::Filters => next(self, &FILTER)
                .or_else(|| end(self, &END_OF_TAG))
                .or_else(|| end(self, &END_OF_BLOCK))
                .or_else(|| self.param_markup(true)),
            Mode::Condition => next(self, &COMPARISON)
                .or_else(|| next(self, &WORD_OPERATOR))
                .or_else(|| end(self, &END_OF_BLOCK))
                .or_else(|| self.generic()),
            Mode::When => end(self, &END_OF_BLOCK).or_else(|| self.generic()),
            Mode::Assign => {
                if self.eat(&ASSIGN_FILTER) {
                    *mode = Mode::Filters;
                    return Some(Step::Next);
                }
                next(self, &EQUALS)
                    .or_else(|| end(self, &END_OF_BLOCK))
                    .or_else(|| self.generic())
            }
            Mode::Include => {
                if self.eat(&OPEN_OUTPUT) {
                    self.inside(Mode::OutputEmbed);
                    return Some(Step::Next);
                }
                next(self, &INCLUDE_WORD)
                    .or_else(|| next(self, &FILE_NAME))
                    .or_else(|| end(self, &END_OF_BLOCK))
                    .or_else(|| self.param_markup(true))
            }
            Mode::OutputEmbed => next(self, &OUTPUT_FILTER)
                .or_else(|| end(self, &END_OF_TAG))
                .or_else(|| self.param_markup(true)),
            Mode::TagMarkup => next(self, &REVERSED)
                .or_else(|| end(self, &END_OF_BLOCK))
                .or_else(|| self.param_markup(false)),
            Mode::VariableTagMarkup => end(self, &END_OF_BLOCK).or_else(|| self.param_markup(true)),
        }
    }

    /// `state :generic`: whitespace, constants, strings, numbers and variables.
    fn generic(&mut self) -> Option<Step> {
        self.literal().or_else(|| self.variable())
    }

    /// `param_markup` followed by variables (if `variables`) and then any word as text.
    fn param_markup(&mut self, variables: bool) -> Option<Step> {
        let next = |lexer: &mut Self, rule: &Rule| lexer.eat(rule).then_some(Step::Next);
        self.literal()
            .or_else(|| next(self, &PARAM))
            .or_else(|| next(self, &SEPARATOR))
            .or_else(|| if variables { self.variable() } else { None })
            .or_else(|| next(self, &WORD))
    }

    fn literal(&mut self) -> Option<Step> {
        [
            &*WHITESPACE,
            &CONSTANT,
            &SINGLE,
            &DOUBLE,
            &MINUS,
            &FLOAT,
            &INTEGER,
        ]
        .into_iter()
        .any(|rule| self.eat(rule))
        .then_some(Step::Next)
    }

    /// `state :variable`; `.` counts as punctuation only before a word character.
    fn variable(&mut self) -> Option<Step> {
        if self.eat(&BUILTIN) {
            return Some(Step::Next);
        }
        let rest = &self.code[self.pos..];
        if INDEX.regex.is_match(rest) {
            push(&mut self.out, "p", self.pos..self.pos + 1);
            self.pos += 1;
            return Some(Step::Next);
        }
        (self.eat(&SIZE) || self.eat(&VARIABLE)).then_some(Step::Next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_tags_and_outputs() {
        let cases = [
            (
                "a {{ x }}",
                vec![
                    ("", "a "),
                    ("p", "{{"),
                    ("w", " "),
                    ("nv", "x"),
                    ("w", " "),
                    ("p", "}}"),
                ],
            ),
            (
                "{% endfor %}",
                vec![
                    ("p", "{%"),
                    ("w", " "),
                    ("nt", "endfor"),
                    ("w", " "),
                    ("p", "%}"),
                ],
            ),
            (
                "{{ a | b }}",
                vec![
                    ("p", "{{"),
                    ("w", " "),
                    ("nv", "a"),
                    ("w", " "),
                    ("p", "|"),
                    ("w", " "),
                    ("nf", "b"),
                    ("w", " "),
                    ("p", "}}"),
                ],
            ),
            ("{ x", vec![("", "{ x")]),
        ];
        for (code, want) in cases {
            let got = tokens(code);
            let got = crate::converter::highlight::format::classes(&got, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
