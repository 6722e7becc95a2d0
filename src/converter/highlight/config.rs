//! Rouge's lexers for configuration files, which syntect's default set lacks, as rule
//! tables: TOML (`rouge/lexers/toml.rb`), INI (`ini.rb`), nginx (`nginx.rb`) and
//! Dockerfiles (`docker.rb`, whose `RUN` commands are lexed as shell).

use std::sync::LazyLock;

use super::regex_lexer::{DELEGATE, Grammar, Lexer, Next, Rule, compile, mixin, rule};

pub(crate) static TOML: LazyLock<Lexer> = LazyLock::new(|| compile(&TOML_GRAMMAR));
pub(crate) static INI: LazyLock<Lexer> = LazyLock::new(|| compile(&INI_GRAMMAR));
pub(crate) static NGINX: LazyLock<Lexer> = LazyLock::new(|| compile(&NGINX_GRAMMAR));
pub(crate) static DOCKER: LazyLock<Lexer> = LazyLock::new(|| compile(&DOCKER_GRAMMAR));

const fn grammar(states: &'static [(&'static str, &'static [Rule])]) -> Grammar {
    Grammar {
        states,
        start: &[],
        error: "err",
    }
}

/// TOML keys: bare (any non-space run) or quoted.
macro_rules! toml_key {
    () => {
        r#"(?:\S+|"[^"]+"|'[^']+')"#
    };
}

const TOML_GRAMMAR: Grammar = grammar(&[
    (
        "root",
        &[
            mixin("basic"),
            rule(concat!("(", toml_key!(), r")(\s*)(=)"), &["py", "", "p"])
                .then(Next::Push("value")),
        ],
    ),
    (
        "basic",
        &[
            rule(r"\s+", &[""]),
            rule(r"#.*?$", &["c"]),
            rule(r"(true|false)", &["kc"]),
            rule(
                concat!("(", toml_key!(), r")(\s*)(=)(\s*)(\{)"),
                &["nn", "", "o", "", "p"],
            )
            .then(Next::Push("inline")),
            rule(r"\s*\[\S+\]", &["nn"]),
            rule(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", &["ld"]),
            rule(
                r"[+-]?\d+(?:_\d+)*\.\d+(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?",
                &["mf"],
            ),
            rule(r"[+-]?\d+(?:_\d+)*[eE][+-]?\d+(?:_\d+)*", &["mf"]),
            rule(r"[+-]?(?:nan|inf)", &["mf"]),
            rule(r"0x[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*", &["mh"]),
            rule(r"0o[0-7]+(?:_[0-7]+)*", &["mo"]),
            rule(r"0b[01]+(?:_[01]+)*", &["mb"]),
            rule(r"[+-]?\d+(?:_\d+)*", &["mi"]),
        ],
    ),
    (
        "value",
        &[rule(r"\n", &[""]).then(Next::Pop), mixin("content")],
    ),
    (
        "content",
        &[
            mixin("basic"),
            rule(concat!("(", toml_key!(), r")(\s*)(=)"), &["py", "", "p"]),
            rule(r#"""""#, &["s"]).then(Next::Push("mdq")),
            rule(r#"""#, &["s"]).then(Next::Push("dq")),
            rule(r"'''", &["s"]).then(Next::Push("msq")),
            rule(r"'", &["s"]).then(Next::Push("sq")),
            mixin("esc_str"),
            rule(r",", &["p"]),
            rule(r"\[", &["p"]).then(Next::Push("array")),
        ],
    ),
    (
        "dq",
        &[
            rule(r#"""#, &["s"]).then(Next::Pop),
            rule(r"\n", &["err"]).then(Next::Pop),
            mixin("esc_str"),
            rule(r#"[^\\"\n]+"#, &["s"]),
        ],
    ),
    (
        "mdq",
        &[
            rule(r#"""""#, &["s"]).then(Next::Pop),
            mixin("esc_str"),
            rule(r#"[^\\"]+"#, &["s"]),
            rule(r#""+"#, &["s"]),
        ],
    ),
    (
        "sq",
        &[
            rule(r"'", &["s"]).then(Next::Pop),
            rule(r"\n", &["err"]).then(Next::Pop),
            rule(r"[^'\n]+", &["s"]),
        ],
    ),
    (
        "msq",
        &[
            rule(r"'''", &["s"]).then(Next::Pop),
            rule(r"[^']+", &["s"]),
            rule(r"'+", &["s"]),
        ],
    ),
    ("esc_str", &[rule(r#"\\[0t\tn\n "\\r]"#, &["se"])]),
    (
        "array",
        &[mixin("content"), rule(r"\]", &["p"]).then(Next::Pop)],
    ),
    (
        "inline",
        &[mixin("content"), rule(r"\}", &["p"]).then(Next::Pop)],
    ),
]);

const INI_GRAMMAR: Grammar = grammar(&[
    (
        "root",
        &[
            mixin("basic"),
            rule(r"([\w\-.]+)(\s*)(=)", &["py", "", "p"]).then(Next::Push("value")),
            rule(r"\[.*?\]", &["nn"]),
        ],
    ),
    (
        "basic",
        &[
            rule(r"[;#].*?\n", &["c"]),
            rule(r"\s+", &[""]),
            rule(r"\\\n", &["se"]),
        ],
    ),
    (
        "value",
        &[
            rule(r"\n", &[""]).then(Next::Pop),
            mixin("basic"),
            rule(r#"""#, &["s"]).then(Next::Push("dq")),
            rule(r"'.*?'", &["s"]),
            mixin("esc_str"),
            rule(r"[^\\\n]+", &["s"]),
        ],
    ),
    (
        "dq",
        &[
            rule(r#"""#, &["s"]).then(Next::Pop),
            mixin("esc_str"),
            rule(r#"(?s:[^\\"]+)"#, &["s"]),
        ],
    ),
    ("esc_str", &[rule(r"(?s:\\.)", &["se"])]),
]);

/// An nginx word: a directive name or an argument.
macro_rules! nginx_id {
    () => {
        r"[^\s$;{}()#]+"
    };
}

const NGINX_GRAMMAR: Grammar = grammar(&[
    (
        "root",
        &[
            rule(r"(include)(\s+)([^\s;]+)", &["k", "", "n"]),
            rule(nginx_id!(), &["k"]).then(Next::Push("statement")),
            mixin("base"),
        ],
    ),
    (
        "block",
        &[
            rule(r"\}", &["p"]).then(Next::Pop),
            rule(nginx_id!(), &["kn"]).then(Next::Push("statement")),
            mixin("base"),
        ],
    ),
    (
        "statement",
        &[
            rule(r"\{", &["p"]).then(Next::Switch("block")),
            rule(r";", &["p"]).then(Next::Pop),
            mixin("base"),
        ],
    ),
    (
        "base",
        &[
            rule(r"\s+", &[""]),
            rule(r"#.*", &["c1"]),
            rule(r"(?:on|off)\b", &["no"]),
            rule(r"[$][\w-]+", &["nv"]),
            rule(r"(?i)([a-z0-9.-]+)(:)([0-9]+)", &["nf", "p", "mi"]),
            rule(r"(?i)[a-z-]+/[a-z-]+", &["nc"]),
            rule(r"(?i)[0-9]+[kmg]?\b", &["mi"]),
            rule(r"(~)(\s*)([^\s{]+)", &["p", "", "sr"]),
            rule(r"[:=~]", &["p"]),
            rule(concat!("/(?:", nginx_id!(), ")?"), &["n"]),
            rule(r"[^#\s;{}$\\]+", &["s"]),
            rule(r"[$;]", &[""]),
        ],
    ),
]);

/// Dockerfile instructions (`Docker::KEYWORDS`).
macro_rules! docker_keywords {
    () => {
        concat!(
            "FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|",
            "WORKDIR|ARG|STOPSIGNAL|HEALTHCHECK|SHELL"
        )
    };
}

const DOCKER_GRAMMAR: Grammar = grammar(&[
    (
        "root",
        &[
            rule(r"\s+", &[""]),
            rule(
                r"(?i)^(FROM)(\s+)(.*)(\s+)(AS)(\s+)(.*)",
                &["k", "w", "s", "w", "k", "w", "s"],
            ),
            rule(
                concat!(r"(?i)^(ONBUILD)(\s+)(", docker_keywords!(), ")(.*)"),
                &["k", "w", "k", "s"],
            ),
            rule(
                concat!(r"(?i)^(", docker_keywords!(), r")\b(.*)"),
                &["k", "s"],
            ),
            rule(r"#.*?$", &["c"]),
            rule(r"(?i)^(?:ONBUILD\s+)?RUN\s+", &["k"]).then(Next::Push("run")),
            rule(r"\w+", &[""]),
            rule(r"[^\w]+", &[""]),
        ],
    ),
    (
        "run",
        &[
            rule(r"\n", &[""]).then(Next::Pop),
            rule(r"(?s:\\.)", &["se"]),
            rule(r"(?:\\.|[^\n\\])+", &[DELEGATE]),
        ],
    ),
]);

#[cfg(test)]
mod tests {
    use super::*;

    type Cases = Vec<(&'static str, &'static str)>;

    #[test]
    fn lexes_config_files() {
        let cases: [(&Lexer, &str, Cases); 4] = [
            (
                &*TOML,
                "[a]\nk = \"v\"\n",
                vec![
                    ("nn", "[a]"),
                    ("", "\n"),
                    ("py", "k"),
                    ("", " "),
                    ("p", "="),
                    ("", " "),
                    ("s", "\"v\""),
                    ("", "\n"),
                ],
            ),
            (
                &*INI,
                "; c\nk=v\n",
                vec![
                    ("c", "; c\n"),
                    ("py", "k"),
                    ("p", "="),
                    ("s", "v"),
                    ("", "\n"),
                ],
            ),
            (
                &*NGINX,
                "listen 80;",
                vec![("k", "listen"), ("", " "), ("mi", "80"), ("p", ";")],
            ),
            (
                &*DOCKER,
                "RUN ls\n",
                vec![("k", "RUN "), (DELEGATE, "ls"), ("", "\n")],
            ),
        ];
        for (lexer, code, want) in cases {
            let got = lexer.tokens(code);
            let got = crate::converter::highlight::format::classes(&got, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
