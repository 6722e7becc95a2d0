//! Rouge's shell lexer (`rouge/lexers/shell.rb`, also `bash`, `sh`, `zsh`) as a rule
//! table. Rouge classes only keywords, builtins, variables, strings and flags; every
//! other word is `Text`. Keywords and builtins swallow the spaces before a following
//! word (`\s*\b`), and a heredoc ends at the line holding its saved terminator.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Memo, Next, Rule, compile, mixin, rule};

pub(crate) static SHELL: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

const KEYWORDS: &str = concat!(
    r"\b(?:if|fi|else|while|do|done|for|then|return|function|select|continue|",
    r"until|esac|elif|in)\s*\b"
);

/// Builtins and coreutils, as a pattern (`BUILTINS`).
const BUILTINS: &str = concat!(
    r"\b(?:",
    r"alias|bg|bind|break|builtin|caller|cd|command|compgen|complete|declare|dirs|",
    r"disown|enable|eval|exec|exit|export|false|fc|fg|getopts|hash|help|history|",
    r"jobs|let|local|logout|mapfile|popd|pushd|pwd|read|readonly|set|shift|shopt|",
    r"source|suspend|test|time|times|trap|true|type|typeset|ulimit|umask|unalias|",
    r"unset|wait|cat|tac|nl|od|base32|base64|fmt|pr|fold|head|tail|split|csplit|",
    r"wc|sum|cksum|b2sum|md5sum|sha1sum|sha224sum|sha256sum|sha384sum|sha512sum|",
    r"sort|shuf|uniq|comm|ptx|tsort|cut|paste|join|tr|expand|unexpand|ls|dir|vdir|",
    r"dircolors|cp|dd|install|mv|rm|shred|link|ln|mkdir|mkfifo|mknod|readlink|",
    r"rmdir|unlink|chown|chgrp|chmod|touch|df|du|stat|sync|truncate|echo|printf|",
    r"yes|expr|tee|basename|dirname|pathchk|mktemp|realpath|pwd|stty|printenv|tty|",
    r"id|logname|whoami|groups|users|who|date|arch|nproc|uname|hostname|hostid|",
    r"uptime|chcon|runcon|chroot|env|nice|nohup|stdbuf|timeout|kill|sleep|factor|",
    r"numfmt|seq|tar|grep|sudo|awk|sed|gzip|gunzip",
    r")\s*\b",
);

/// `<<EOF`, `<<-'EOF'` or `<<"EOF"`: the terminator is saved (Rouge's `(\3)`
/// backreference is spelled out per quote).
const fn heredoc(pattern: &'static str) -> Rule {
    rule(pattern, &["o", "", "sh", "sh", "no", "sh"])
        .memo(Memo::Save(5))
        .then(Next::Push("heredoc"))
}

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", &[mixin("basic"), mixin("data")]),
        ("basic", BASIC),
        (
            "heredoc",
            &[
                rule(r"\n", &["sh"]).then(Next::Push("heredoc_nl")),
                rule(r"[^$\n\\]+", &["sh"]),
                mixin("interp"),
                rule(r"[$]", &["sh"]),
            ],
        ),
        (
            "heredoc_nl",
            &[
                rule(r"\s*(\w+)\s*\n", &["no"])
                    .memo(Memo::Recall(1))
                    .then(Next::PopTwo),
                rule(r"\s*(\w+)\s*\n", &["sh"]),
                rule("", &[]).then(Next::Pop),
            ],
        ),
        (
            "double_quotes",
            &[
                rule(r#"(?:\$#?)?""#, &["s2"]).then(Next::Pop),
                mixin("interp"),
                rule(r#"[^"`\\$]+"#, &["s2"]),
            ],
        ),
        (
            "ansi_string",
            &[
                rule(r"\\.", &["se"]),
                rule(r"[^\\']+", &["s1"]),
                mixin("single_quotes"),
            ],
        ),
        (
            "single_quotes",
            &[rule(r"'", &["s1"]).then(Next::Pop), rule(r"[^']+", &["s1"])],
        ),
        ("data", DATA),
        (
            "curly",
            &[
                rule(r"\}", &["k"]).then(Next::Pop),
                rule(r":-", &["k"]),
                rule(r"[a-zA-Z0-9_]+", &["nv"]),
                rule(r#"[^}:"`'$]+"#, &["p"]),
                mixin("root"),
            ],
        ),
        (
            "paren_interp",
            &[
                rule(r"\)", &["si"]).then(Next::Pop),
                rule(r"\(", &["o"]).then(Next::Push("paren_inner")),
                mixin("root"),
            ],
        ),
        (
            "paren_inner",
            &[
                rule(r"\(", &["o"]).then(Next::Push("paren_inner")),
                rule(r"\)", &["o"]).then(Next::Pop),
                mixin("root"),
            ],
        ),
        (
            "math",
            &[
                rule(r"\)\)", &["k"]).then(Next::Pop),
                rule(r"[-+*/%^|&!]|\*\*|\|\|", &["o"]),
                rule(r"\d+(#\w+)?", &["m"]),
                mixin("root"),
            ],
        ),
        (
            "case",
            &[
                rule(r"\besac\b", &["k"]).then(Next::Pop),
                rule(r"\|", &["p"]),
                rule(r"\)", &["p"]).then(Next::Push("case_stanza")),
                mixin("root"),
            ],
        ),
        (
            "case_stanza",
            &[rule(r";;", &["p"]).then(Next::Pop), mixin("root")],
        ),
        (
            "backticks",
            &[rule(r"`", &["sb"]).then(Next::Pop), mixin("root")],
        ),
        ("interp", INTERP),
    ],
    start: &[],
    error: "err",
};

const BASIC: &[Rule] = &[
    rule(r"#.*$", &["c"]),
    rule(KEYWORDS, &["k"]),
    rule(r"\bcase\b", &["k"]).then(Next::Push("case")),
    rule(BUILTINS, &["nb"]).not_ahead(r"[.-]"),
    rule(r"[.]", &["nb"]).ahead(r"\s"),
    rule(r"(\b\w+)(=)", &["nv", "o"]),
    rule(r"[\[\]{}()!=>]", &["o"]),
    rule(r"&&|\|\|", &["o"]),
    rule(r"<<<", &["o"]),
    heredoc(r"(<<-?)(\s*)(')(\\?)(\w+)(')"),
    heredoc(r#"(<<-?)(\s*)(")(\\?)(\w+)(")"#),
    heredoc(r"(<<-?)(\s*)()(\\?)(\w+)()"),
];

const DATA: &[Rule] = &[
    rule(r"\s+", &[""]),
    rule(r"\\.", &["se"]),
    rule(r#"\$?""#, &["s2"]).then(Next::Push("double_quotes")),
    rule(r"\$'", &["s1"]).then(Next::Push("ansi_string")),
    rule(r"'", &["s1"]).then(Next::Push("single_quotes")),
    rule(r"\*", &["k"]),
    rule(r";", &["p"]),
    rule(r"--?[\w-]+", &["nt"]),
    rule(r#"[^=*\s{}()$"'`;\\<]+"#, &[""]),
    rule(r"\d+", &["m"]).ahead(r"(?: |\z)"),
    rule(r"<", &[""]),
    mixin("interp"),
];

const INTERP: &[Rule] = &[
    rule(r"\\$", &["se"]),
    rule(r"\\.", &["se"]),
    rule(r"\$\(\(", &["k"]).then(Next::Push("math")),
    rule(r"\$\(", &["si"]).then(Next::Push("paren_interp")),
    rule(r"\$\{#?", &["k"]).then(Next::Push("curly")),
    rule(r"`", &["sb"]).then(Next::Push("backticks")),
    rule(r"\$#?(\w+|.)", &["nv"]),
    rule(r"\$[*@]", &["nv"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_shell() {
        let code = "cat <<EOF\nhi $x\nEOF\nls -la | grep foo\n";
        let want = vec![
            ("nb", "cat"),
            ("", " "),
            ("o", "<<"),
            ("no", "EOF"),
            ("sh", "\nhi "),
            ("nv", "$x"),
            ("sh", "\n"),
            ("no", "EOF\n"),
            ("nb", "ls"),
            ("", " "),
            ("nt", "-la"),
            ("", " | "),
            ("nb", "grep "),
            ("", "foo\n"),
        ];
        let got = SHELL.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
