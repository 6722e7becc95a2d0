//! Rouge's Groovy and Gradle lexers (`rouge/lexers/groovy.rb`, `gradle.rb`) as rule
//! tables: a line that declares or calls `name(` names a function (the words before
//! it lexed again), `.member` is an attribute, and words take the class of Rouge's
//! lists (Gradle adds build-script words).

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, RECURSE, Rule, compile, mixin, rule};

pub(crate) static GROOVY: LazyLock<Lexer> = LazyLock::new(|| compile(&GROOVY_GRAMMAR));
pub(crate) static GRADLE: LazyLock<Lexer> = LazyLock::new(|| compile(&GRADLE_GRAMMAR));

const KEYWORDS: &str = "\
    assert break case catch continue default do else finally for if goto instanceof \
    new return switch this throw try while in as";

const DECLARATIONS: &str = "\
    abstract const enum extends final implements native private protected public \
    static strictfp super synchronized throws transient volatile";

const TYPES: &str = "def boolean byte char double float int long short void";

const GRADLE_KEYWORDS: &str = "\
    allprojects artifacts buildscript configuration dependencies repositories \
    sourceSets subprojects publishing";

const GRADLE_TYPES: &str = "\
    Project Task Gradle Settings Script JavaToolChain SourceSet SourceSetOutput \
    IncrementalTaskInputs Configuration ResolutionStrategy ArtifactResolutionQuery \
    ComponentSelection ComponentSelectionRules ConventionProperty ExtensionAware \
    ExtraPropertiesExtension PublishingExtension IvyPublication IvyArtifact \
    IvyArtifactSet IvyModuleDescriptorSpec MavenPublication MavenArtifact \
    MavenArtifactSet MavenPom PluginDependenciesSpec PluginDependencySpec \
    ResourceHandler TextResourceFactory";

const WORD: &str = r"[a-zA-Z_\$][a-zA-Z0-9_]*";

const GROOVY_GRAMMAR: Grammar = grammar(&[
    ("root", ROOT),
    (
        "words",
        &[rule(WORD, &["n"]).words(&[
            (KEYWORDS, "k"),
            (DECLARATIONS, "kd"),
            (TYPES, "kt"),
            ("true false null", "kc"),
        ])],
    ),
    CLASS,
    IMPORT,
]);

const GRADLE_GRAMMAR: Grammar = grammar(&[
    ("root", ROOT),
    (
        "words",
        &[rule(WORD, &["n"]).words(&[
            (KEYWORDS, "k"),
            (GRADLE_KEYWORDS, "k"),
            (DECLARATIONS, "kd"),
            (TYPES, "kt"),
            (GRADLE_TYPES, "kt"),
            ("true false null", "kc"),
        ])],
    ),
    CLASS,
    IMPORT,
]);

const fn grammar(states: &'static [(&'static str, &'static [Rule])]) -> Grammar {
    Grammar {
        states,
        start: &[],
        error: "err",
    }
}

const CLASS: (&str, &[Rule]) = (
    "class",
    &[
        rule(r"\s+", &[""]),
        rule(r"[a-zA-Z0-9_]+", &["nc"]).then(Next::Pop),
    ],
);

const IMPORT: (&str, &[Rule]) = (
    "import",
    &[
        rule(r"\s+", &[""]),
        rule(r"[a-zA-Z0-9_.]+[*]?", &["nn"]).then(Next::Pop),
    ],
);

const ROOT: &[Rule] = &[
    rule(
        r"^(\s*(?:[a-zA-Z0-9_][a-zA-Z0-9_.\[\]]*\s+)+?)([a-zA-Z0-9_]+)(\s*)(\()",
        &[RECURSE, "nf", "", "o"],
    ),
    rule(r"[^\S\n]+", &[""]),
    rule(r"//.*?$", &["c1"]),
    rule(r"(?s)/[*].*?[*]/", &["cm"]),
    rule(r"@[a-zA-Z0-9_][a-zA-Z0-9_.]*", &["nd"]),
    rule(r"(class|interface|trait)\b", &["kd"]).then(Next::Push("class")),
    rule(r"package\b", &["kn"]).then(Next::Push("import")),
    rule(r"import\b", &["kn"]).then(Next::Push("import")),
    rule(r#"(?s)""".*?""""#, &["s2"]),
    rule(r"(?s)'''.*?'''", &["s1"]),
    rule(r#""(\\.|\\\n|.)*?""#, &["s2"]),
    rule(r"'(\\.|\\\n|.)*?'", &["s1"]),
    rule(r"(?s)\$/(\$.|.)*?/\$", &["s"]),
    rule(r"/(\\.|\\\n|.)*?/", &["s"]),
    rule(r"'\\.'|'[^\\]'|'\\u[0-9a-f]{4}'", &["sc"]),
    rule(r"(\.)([a-zA-Z_][a-zA-Z0-9_]*)", &["o", "na"]),
    rule(r"[a-zA-Z_][a-zA-Z0-9_]*:", &["nl"]),
    mixin("words"),
    rule(r"[~^*!%&\[\](){}<>\|+=:;,./?-]", &["o"]),
    rule(r"\d+\.\d+([eE]\d+)?[fd]?", &["mf"]),
    rule(r"0x[0-9a-f]+", &["mh"]),
    rule(r"[0-9]+L?", &["mi"]),
    rule(r"\n", &[""]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_groovy() {
        let code = "def greet(name) {\n    println \"Hi $name\"\n}";
        let got = GROOVY.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got[..3], [("kt", "def"), ("", " "), ("nf", "greet")]);
    }
}
