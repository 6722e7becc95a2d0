//! Rouge's lexers for Clojure (`rouge/lexers/clojure.rb`), Erlang (`erlang.rb`) and
//! OCaml (`ocaml.rb`, `ocaml/common.rb`) as rule tables: Rouge classes these
//! languages' names by position (the head of a form, `module:`) and by its word
//! lists, which the Sublime grammars' scopes do not follow.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, Rule, compile, rule};

pub(crate) static CLOJURE: LazyLock<Lexer> = LazyLock::new(|| compile(&CLOJURE_GRAMMAR));
pub(crate) static ERLANG: LazyLock<Lexer> = LazyLock::new(|| compile(&ERLANG_GRAMMAR));
pub(crate) static OCAML: LazyLock<Lexer> = LazyLock::new(|| compile(&OCAML_GRAMMAR));

const fn grammar(states: &'static [(&'static str, &'static [Rule])]) -> Grammar {
    Grammar {
        states,
        start: &[],
        error: "err",
    }
}

/// A Clojure symbol (Ruby's `\w` is ASCII).
macro_rules! clj_id {
    () => {
        r"[a-zA-Z0-9_!$%*+,<=>?/.-]+"
    };
}

const CLOJURE_KEYWORDS: &str =
    "fn def defn defmacro defmethod defmulti defn- defstruct if cond let for";

const CLOJURE_WORDS: &[(&str, &str)] = &[(CLOJURE_KEYWORDS, "k"), (CLOJURE_BUILTINS, "nb")];

const CLOJURE_GRAMMAR: Grammar = grammar(&[(
    "root",
    &[
        rule(r";.*?$", &["c1"]),
        rule(r"\s+", &["w"]),
        rule(r"-?\d+\.\d+", &["mf"]),
        rule(r"-?\d+", &["mi"]),
        rule(r"0x-?[0-9a-fA-F]+", &["mh"]),
        rule(r#""(\\.|[^"])*""#, &["s"]),
        rule(r"'[a-zA-Z0-9_!#$%*+,<=>?/.-]+", &["ss"]),
        rule(r"::?[a-zA-Z0-9_!#$%*+,<=>?/.-]+", &["no"]),
        rule(r"(?i)\\(.|[a-z]+)", &["sc"]),
        rule(r"~@|[`'#^~&@]", &["o"]),
        rule(concat!(r"(\()(\s*)(", clj_id!(), ")"), &["p", "w", "nf"]).words(CLOJURE_WORDS),
        rule(clj_id!(), &["n"]).words(CLOJURE_WORDS),
        rule(r"[\[\]]", &["p"]),
        rule(r"[{}]", &["p"]),
        rule(r"[()]", &["p"]),
    ],
)]);

/// An Erlang atom: a bare lowercase word or a quoted one.
macro_rules! atom {
    () => {
        r"(?:[a-z][a-zA-Z0-9_]*|'[^\n']*[^\\]')"
    };
}

/// A macro name: a variable or an atom.
macro_rules! erl_macro {
    () => {
        concat!(r"(?:[A-Z_][a-zA-Z0-9_]*|", atom!(), ")")
    };
}

const ERL_ESCAPE: &str = r#"(?:\\(?:[bdefnrstv'"\\/]|[0-7][0-7]?[0-7]?|\^[a-zA-Z]))"#;

const ERLANG_BUILTINS: &str = concat!(
    r"(?:",
    "abs|append_element|apply|atom_to_list|binary_to_list|bitstring_to_list|",
    "binary_to_term|bit_size|bump_reductions|byte_size|cancel_timer|",
    "check_process_code|delete_module|demonitor|disconnect_node|display|element|",
    "erase|exit|float|float_to_list|fun_info|fun_to_list|function_exported|",
    "garbage_collect|get|get_keys|group_leader|hash|hd|integer_to_list|",
    "iolist_to_binary|iolist_size|is_atom|is_binary|is_bitstring|is_boolean|",
    "is_builtin|is_float|is_function|is_integer|is_list|is_number|is_pid|is_port|",
    "is_process_alive|is_record|is_reference|is_tuple|length|link|list_to_atom|",
    "list_to_binary|list_to_bitstring|list_to_existing_atom|list_to_float|",
    "list_to_integer|list_to_pid|list_to_tuple|load_module|",
    "localtime_to_universaltime|make_tuple|md5|md5_final|md5_update|memory|",
    "module_loaded|monitor|monitor_node|node|nodes|open_port|phash|phash2|",
    "pid_to_list|port_close|port_command|port_connect|port_control|port_call|",
    "port_info|port_to_list|process_display|process_flag|process_info|purge_module|",
    "put|read_timer|ref_to_list|register|resume_process|round|send|send_after|",
    "send_nosuspend|set_cookie|setelement|size|spawn|spawn_link|spawn_monitor|",
    "spawn_opt|split_binary|start_timer|statistics|suspend_process|system_flag|",
    "system_info|system_monitor|system_profile|term_to_binary|tl|trace|",
    "trace_delivered|trace_info|trace_pattern|trunc|tuple_size|tuple_to_list|",
    "universaltime_to_localtime|unlink|unregister|whereis",
    r")\b"
);

const ERLANG_GRAMMAR: Grammar = grammar(&[
    ("root", ERLANG_ROOT),
    (
        "string",
        &[
            rule(ERL_ESCAPE, &["se"]),
            rule(r#"""#, &["s"]).then(Next::Pop),
            rule(r"~[0-9.*]*[~#+bBcdefginpPswWxX]", &["si"]),
            rule(r#"[^"\\~]+"#, &["s"]),
            rule(r"~", &["s"]),
        ],
    ),
    (
        "directive",
        &[
            rule(
                concat!(r"(define)(\s*)(\()(", erl_macro!(), ")"),
                &["ni", "", "p", "no"],
            )
            .then(Next::Pop),
            rule(
                concat!(r"(record)(\s*)(\()(", erl_macro!(), ")"),
                &["ni", "", "p", "nl"],
            )
            .then(Next::Pop),
            rule(atom!(), &["ni"]).then(Next::Pop),
        ],
    ),
]);

const ERLANG_ROOT: &[Rule] = &[
    rule(r"\s+", &[""]),
    rule(r"%.*\n", &["c"]),
    rule(
        r"(?:after|begin|case|catch|cond|end|fun|if|let|of|query|receive|try|when)\b",
        &["k"],
    ),
    rule(ERLANG_BUILTINS, &["nb"]),
    rule(
        r"(?:and|andalso|band|bnot|bor|bsl|bsr|bxor|div|not|or|orelse|rem|xor)\b",
        &["ow"],
    ),
    rule(r"^-", &["p"]).then(Next::Push("directive")),
    rule(r"\+\+?|--?|\*|/|<|>|/=|=:=|=/=|=<|>=|==?|<-|!|\?", &["o"]),
    rule(r#"""#, &["s"]).then(Next::Push("string")),
    rule(r"<<", &["nl"]),
    rule(r">>", &["nl"]),
    rule(concat!("(", atom!(), ")(:)"), &["nn", "p"]),
    // Rouge's `(?:^|(?<=:))` always holds: `^` matches at the scanner's cursor.
    rule(concat!("(", atom!(), r")(\s*)(\()"), &["nf", "", "p"]),
    rule(r"[+-]?(?:[2-9]|[12][0-9]|3[0-6])#[0-9a-zA-Z]+", &["mi"]),
    rule(r"[+-]?\d+", &["mi"]),
    rule(r"[+-]?\d+.\d+", &["mf"]),
    rule(r#"[\]\[:_@".{}()|;,]"#, &["p"]),
    rule(r"[A-Z_][a-zA-Z0-9_]*", &["nv"]),
    rule(atom!(), &["n"]),
    rule(concat!(r"\?", erl_macro!()), &["no"]),
    rule(
        concat!(
            r"\$(?:",
            r#"\\(?:[bdefnrstv'"\\/]|[0-7][0-7]?[0-7]?|\^[a-zA-Z])"#,
            r"|\\[ %]|[^\\])"
        ),
        &["sc"],
    ),
    rule(concat!("#", atom!(), r"(:?\.", atom!(), ")?"), &["nl"]),
];

const OCAML_WORDS: &[(&str, &str)] = &[
    (
        "as assert begin class constraint do done downto else end exception external \
         false for fun function functor if in include inherit initializer lazy let \
         module mutable new nonrec object of open rec sig struct then to true try type \
         val virtual when while with match raise",
        "k",
    ),
    ("and asr land lor lsl lxor mod or", "ow"),
    ("unit int float bool string char list array", "kt"),
];

/// An OCaml identifier and a capitalised one.
macro_rules! ml_id {
    () => {
        r"(?i:[a-z_][a-zA-Z0-9_']*)"
    };
}

macro_rules! ml_upper {
    () => {
        r"[A-Z][a-zA-Z0-9_']*"
    };
}

const OCAML_GRAMMAR: Grammar = grammar(&[
    ("root", OCAML_ROOT),
    (
        "comment",
        &[
            rule(r"[^(*)]+", &["c"]),
            rule(r"[(][*]", &["c"]).then(Next::Push("comment")),
            rule(r"[*][)]", &["c"]).then(Next::Pop),
            rule(r"[(*)]", &["c"]),
        ],
    ),
    (
        "string",
        &[
            rule(r#"[^\\"]+"#, &["s2"]),
            rule(r#"\\[\\"'ntbr]"#, &["se"]),
            rule(r"\\\d{3}", &["se"]),
            rule(r"\\x[0-9a-fA-F]{2}", &["se"]),
            rule(r"\\\n", &["s2"]),
            rule(r#"""#, &["s2"]).then(Next::Pop),
        ],
    ),
    (
        "dotted",
        &[
            rule(r"\s+", &[""]),
            rule(r"[.]", &["p"]),
            rule(ml_upper!(), &["nn"]).ahead(r"\s*[.]"),
            rule(ml_upper!(), &["nc"]).then(Next::Pop),
            rule(ml_id!(), &["n"]).then(Next::Pop),
            rule(r"[({\[]", &["p"]).then(Next::Pop),
        ],
    ),
]);

const OCAML_ROOT: &[Rule] = &[
    rule(r"\s+", &[""]),
    rule(r"false|true|[(][)]|\[\]", &["bp"]),
    rule(ml_upper!(), &["nn"])
        .ahead(r"\s*[.]")
        .then(Next::Push("dotted")),
    rule(concat!("`", ml_id!()), &["nt"]),
    rule(ml_upper!(), &["nc"]),
    rule(r"[(][*]", &["c"])
        .not_ahead(r"[)]")
        .then(Next::Push("comment")),
    rule(ml_id!(), &["n"]).words(OCAML_WORDS),
    rule(r"[(){}\[\];]+", &["p"]),
    rule(r"[;,_!$%&*+./:<=>?@^|~#-]+", &["o"]),
    rule(r"(?i)-?\d[\d_]*(.[\d_]*)?(e[+-]?\d[\d_]*)", &["mf"]),
    rule(r"(?i)0x[0-9a-f][0-9a-f_]*", &["mh"]),
    rule(r"(?i)0o[0-7][0-7_]*", &["mo"]),
    rule(r"(?i)0b[01][01_]*", &["mb"]),
    rule(r"\d[\d_]*", &["mi"]),
    rule(
        r#"'(?:(\\[\\"'ntbr ])|(\\[0-9]{3})|(\\x[0-9a-fA-F]{2}))'"#,
        &["sc"],
    ),
    rule(r"'[.]'", &["sc"]),
    rule(r"'", &["k"]),
    rule(r#"""#, &["s2"]).then(Next::Push("string")),
    rule(concat!("[~?]", ml_id!()), &["nv"]),
];

/// Names Rouge's Clojure lexer marks `Name.Builtin`.
pub(crate) const CLOJURE_BUILTINS: &str = "\
    . .. * + - -> / < <= = == > >= accessor agent agent-errors aget alength all-ns \
    alter and append-child apply array-map aset aset-boolean aset-byte aset-char \
    aset-double aset-float aset-int aset-long aset-short assert assoc await \
    await-for bean binding bit-and bit-not bit-or bit-shift-left bit-shift-right \
    bit-xor boolean branch? butlast byte cast char children class clear-agent-errors \
    comment commute comp comparator complement concat conj cons constantly \
    construct-proxy contains? count create-ns create-struct cycle dec deref \
    difference disj dissoc distinct doall doc dorun doseq dosync dotimes doto double \
    down drop drop-while edit end? ensure eval every? false? ffirst file-seq filter \
    find find-doc find-ns find-var first float flush fnseq frest gensym \
    get-proxy-class get hash-map hash-set identical? identity if-let import in-ns \
    inc index insert-child insert-left insert-right inspect-table inspect-tree \
    instance? int interleave intersection into into-array iterate join key keys \
    keyword keyword? last lazy-cat lazy-cons left lefts line-seq list* list load \
    load-file locking long loop macroexpand macroexpand-1 make-array make-node map \
    map-invert map? mapcat max max-key memfn merge merge-with meta min min-key name \
    namespace neg? new newline next nil? node not not-any? not-every? not= \
    ns-imports ns-interns ns-map ns-name ns-publics ns-refers ns-resolve ns-unmap \
    nth nthrest or parse partial path peek pop pos? pr pr-str print print-str \
    println println-str prn prn-str project proxy proxy-mappings quot rand rand-int \
    range re-find re-groups re-matcher re-matches re-pattern re-seq read read-line \
    reduce ref ref-set refer rem remove remove-method remove-ns rename rename-keys \
    repeat replace replicate resolve rest resultset-seq reverse rfirst right rights \
    root rrest rseq second select select-keys send send-off seq seq-zip seq? set \
    short slurp some sort sort-by sorted-map sorted-map-by sorted-set \
    special-symbol? split-at split-with str string? struct struct-map subs subvec \
    symbol symbol? sync take take-nth take-while test time to-array to-array-2d \
    tree-seq true? union up update-proxy val vals var-get var-set var? vector \
    vector-zip vector? when when-first when-let when-not with-local-vars with-meta \
    with-open with-out-str xml-seq xml-zip zero? zipmap zipper'";

#[cfg(test)]
mod tests {
    use super::*;

    type Cases = Vec<(&'static str, &'static str)>;

    #[test]
    fn lexes_functional_languages() {
        let cases: [(&Lexer, &str, Cases); 3] = [
            (
                &*CLOJURE,
                "(defn f [x] (map inc x))",
                vec![
                    ("p", "("),
                    ("k", "defn"),
                    ("w", " "),
                    ("n", "f"),
                    ("w", " "),
                    ("p", "["),
                    ("n", "x"),
                    ("p", "]"),
                    ("w", " "),
                    ("p", "("),
                    ("nb", "map"),
                    ("w", " "),
                    ("nb", "inc"),
                    ("w", " "),
                    ("n", "x"),
                    ("p", "))"),
                ],
            ),
            (
                &*ERLANG,
                "-module(m).\nf(X) -> lists:map(X).",
                vec![
                    ("p", "-"),
                    ("ni", "module"),
                    ("p", "("),
                    ("n", "m"),
                    ("p", ")."),
                    ("", "\n"),
                    ("nf", "f"),
                    ("p", "("),
                    ("nv", "X"),
                    ("p", ")"),
                    ("", " "),
                    ("o", "->"),
                    ("", " "),
                    ("nn", "lists"),
                    ("p", ":"),
                    ("nf", "map"),
                    ("p", "("),
                    ("nv", "X"),
                    ("p", ")."),
                ],
            ),
            (
                &*OCAML,
                "let x = List.map",
                vec![
                    ("k", "let"),
                    ("", " "),
                    ("n", "x"),
                    ("", " "),
                    ("o", "="),
                    ("", " "),
                    ("nn", "List"),
                    ("p", "."),
                    ("n", "map"),
                ],
            ),
        ];
        for (lexer, code, want) in cases {
            let got = lexer.tokens(code);
            let got = crate::converter::highlight::format::classes(&got, code);
            assert_eq!(got, want, "{code}");
        }
    }
}
