//! Rouge's PowerShell lexer (`rouge/lexers/powershell.rb`) as a rule table; syntect's
//! default set has no PowerShell grammar. Commands take their arguments in a
//! `parameters` state; variables, `-Flags`, hashtables and help comments have their
//! own classes.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, mixin, rule};

pub(crate) static POWERSHELL: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// Automatic variables, as a pattern.
const AUTO_VARS: &str = concat!(
    r"\$\$|\$\?|\$\^|\$_|\$args|\$ConsoleFileName|\$Error|\$Event|\$EventArgs|",
    r"\$EventSubscriber|\$ExecutionContext|\$false|\$foreach|\$HOME|\$Host|",
    r"\$input|\$IsCoreCLR|\$IsLinux|\$IsMacOS|\$IsWindows|\$LastExitCode|",
    r"\$Matches|\$MyInvocation|\$NestedPromptLevel|\$null|\$PID|\$PROFILE|",
    r"\$PSBoundParameters|\$PSCmdlet|\$PSCommandPath|\$PSCulture|\$PSDebugContext|",
    r"\$PSHOME|\$PSItem|\$PSScriptRoot|\$PSSenderInfo|\$PSUICulture|",
    r"\$PSVersionTable|\$PWD|\$REPORTERRORSHOWEXCEPTIONCLASS|",
    r"\$REPORTERRORSHOWINNEREXCEPTION|\$REPORTERRORSHOWSOURCE|",
    r"\$REPORTERRORSHOWSTACKTRACE|\$SENDER|\$ShellId|\$StackTrace|\$switch|\$this|",
    r"\$true",
);

/// Reserved words, case-insensitive, as a whole-word pattern.
const KEYWORDS: &str = concat!(
    r"(?i)(?:",
    r"assembly|exit|process|base|filter|public|begin|finally|return|break|for|",
    r"sequence|catch|foreach|static|class|from|switch|command|function|throw|",
    r"configuration|hidden|trap|continue|if|try|data|in|type|define|inlinescript|",
    r"until|do|interface|using|dynamicparam|module|var|else|namespace|while|",
    r"elseif|parallel|workflow|end|param|enum|private",
    r")\b",
);

/// `-eq`-style and assignment operators, as a pattern.
const OPERATORS: &str = concat!(
    r"(?i)(?:",
    r"-split|-isplit|-csplit|-join|-is|-isnot|-as|-eq|-ieq|-ceq|-ne|-ine|-cne|-gt|",
    r"-igt|-cgt|-ge|-ige|-cge|-lt|-ilt|-clt|-le|-ile|-cle|-like|-ilike|-clike|",
    r"-notlike|-inotlike|-cnotlike|-match|-imatch|-cmatch|-notmatch|-inotmatch|",
    r"-cnotmatch|-contains|-icontains|-ccontains|-notcontains|-inotcontains|",
    r"-cnotcontains|-replace|-ireplace|-creplace|-shl|-shr|-band|-bor|-bxor|-and|",
    r"-or|-xor|-not|\+=|-=|\*=|\/=|%=",
    r")\b",
);

/// Comment-based help keywords (`.SYNOPSIS`…), as a pattern.
const MULTILINE_KEYWORDS: &str = concat!(
    r"(?i)\.(?:",
    r"synopsis|description|parameter|example|inputs|outputs|notes|link|component|",
    r"role|functionality|forwardhelptargetname|forwardhelpcategory|",
    r"remotehelprunspace|externalhelp",
    r")",
);

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", ROOT),
        ("variable", VARIABLE),
        (
            "multiline",
            &[
                rule(MULTILINE_KEYWORDS, &["cs"]),
                rule(r"#>", &["cm"]).then(Next::Pop),
                rule(r"[^#.]+", &["cm"]),
                rule(r"[#.]+", &["cm"]),
            ],
        ),
        (
            "interpol",
            &[rule(r"\)", &["si"]).then(Next::Pop), mixin("root")],
        ),
        ("dq", DQ),
        (
            "sq",
            &[rule(r"'", &["s1"]).then(Next::Pop), rule(r"[^']+", &["s1"])],
        ),
        ("heredoc", HEREDOC),
        (
            "class",
            &[
                rule(r"\{", &["p"]).then(Next::Pop),
                rule(r"\s+", &["w"]),
                rule(r"\w+", &["nc"]),
                rule(r"[:,]", &["p"]),
            ],
        ),
        ("expr", EXPR),
        (
            "hasht",
            &[
                rule(r"\}", &["p"]).then(Next::Pop),
                rule(r"=", &["o"]),
                rule(r"[,;]", &["p"]),
                mixin("expr"),
                rule(r"\w+", &["nx"]),
                mixin("variable"),
            ],
        ),
        (
            "array",
            &[
                rule(r"\s+", &["w"]),
                rule(r"\)", &["p"]).then(Next::Pop),
                rule(r"[,;]", &["p"]),
                mixin("expr"),
                mixin("variable"),
            ],
        ),
        (
            "brace",
            &[rule(r"[}]", &["p"]).then(Next::Pop), mixin("root")],
        ),
        (
            "bracket",
            &[
                rule(r"\]", &["p"]).then(Next::Pop),
                rule(r"[A-Za-z]\w+\.", &["n"]),
                rule(r"([A-Za-z]\w+)", &["n"]).words(&[(ATTRIBUTES, "bp")]),
                mixin("root"),
            ],
        ),
        ("parameters", PARAMETERS),
        (
            "comments",
            &[
                rule(r"\s+", &["w"]),
                rule(r"#.*", &["c"]),
                rule(r"<#", &["cm"]).then(Next::Push("multiline")),
            ],
        ),
    ],
    start: &[],
    error: "err",
};

const ATTRIBUTES: &str = "ConfirmImpact DefaultParameterSetName HelpURI PositionalBinding \
    SupportsPaging SupportsShouldProcess";

const VARIABLE: &[Rule] = &[
    rule(AUTO_VARS, &["bp"]),
    rule(
        r"(\$)(?:(\w+)(:))?(\w+|\{(?:[^`]|`.)+?\})",
        &["nv", "nn", "p", "nv"],
    ),
    rule(r"\$\w+", &["nv"]),
    rule(r"\$\{(?:[^`]|`.)+?\}", &["nv"]),
];

const DQ: &[Rule] = &[
    rule(r#"(?:\$#?)?""#, &["s2"]).then(Next::Pop),
    rule(r"\$\(", &["si"]).then(Next::Push("interpol")),
    rule(r"`$", &["se"]),
    rule(r"`.", &["se"]),
    rule(r#"[^"`$]+"#, &["s2"]),
    mixin("variable"),
];

const HEREDOC: &[Rule] = &[
    rule(r#"(?:\$#?)?"@"#, &["sh"]).then(Next::Pop),
    rule(r"\$\(", &["si"]).then(Next::Push("interpol")),
    rule(r"`$", &["se"]),
    rule(r"`.", &["se"]),
    rule(r#"[^"`$]+"#, &["sh"]),
    rule(r#""+"#, &["sh"]),
    mixin("variable"),
];

const EXPR: &[Rule] = &[
    mixin("comments"),
    rule(r#"""#, &["s2"]).then(Next::Push("dq")),
    rule(r"'", &["s1"]).then(Next::Push("sq")),
    rule(r#"@""#, &["sh"]).then(Next::Push("heredoc")),
    rule(r"(?s)@'.*?'@", &["sh"]),
    rule(r"\d*\.\d+", &["mf"]),
    rule(r"\d+", &["mi"]),
    rule(r"@\{", &["p"]).then(Next::Push("hasht")),
    rule(r"@\(", &["p"]).then(Next::Push("array")),
    rule(r"\{", &["p"]).then(Next::Push("brace")),
    rule(r"\[", &["p"]).then(Next::Push("bracket")),
];

const PARAMETERS: &[Rule] = &[
    rule(r"(?s)`.", &["se"]),
    rule(r"\s*?\n", &["w"]).then(Next::Pop),
    rule(r"[;(){}\]]", &["p"]).then(Next::Pop),
    rule(r"[|=]", &["o"]).then(Next::Pop),
    rule(r"[/\\~\w][-.:/\\~\w]*", &["nx"]),
    rule(r"\w[-\w]+", &["nx"]),
    mixin("root"),
];

const ROOT: &[Rule] = &[
    mixin("comments"),
    rule(r"#requires\s-version \d(?:\.\d+)?", &["cp"]),
    rule(r"\.\.", &["o"]).ahead(r"\.?\d"),
    rule(OPERATORS, &["o"]),
    rule(r"(?i)(class)(\s+)(\w+)", &["kr", "w", "nc"]).then(Next::Push("class")),
    rule(
        r"(?i)(function)(\s+)(?:(\w+)(:))?(\w[-\w]+)",
        &["kr", "w", "nn", "p", "nf"],
    ),
    rule(KEYWORDS, &["kr"]).not_ahead(r"[-.]"),
    rule(r"-{1,2}\w+", &["nt"]),
    rule(r"(\.)?([-\w]+)(\[)", &["o", "n", "p"]).then(Next::Push("bracket")),
    rule(r"(?i)([/\\~[a-z]][-.:/\\~\w]*)(\n)?", &["n", "w"]).then(Next::Push("parameters")),
    rule(r"(\.)([-\w]+)(\()", &["o", "nf", "p"]).then(Next::Push("parameters")),
    rule(r"(\.)([-\w]+)(\n)?", &["o", "nf", "w"]),
    rule(r"\?", &["nf"]).then(Next::Push("parameters")),
    mixin("expr"),
    mixin("variable"),
    rule(r"[-+*/%=!.&|]", &["o"]),
    rule(r"[{}(),:;]", &["p"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_powershell() {
        let code = "Get-Item -Path $env:HOME\n";
        let want = vec![
            ("n", "Get-Item"),
            ("w", " "),
            ("nt", "-Path"),
            ("w", " "),
            ("nv", "$"),
            ("nn", "env"),
            ("p", ":"),
            ("nv", "HOME"),
            ("w", "\n"),
        ];
        let got = POWERSHELL.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
