//! Rouge's Lua lexer (`rouge/lexers/lua.rb`) as a rule table, with its default
//! options (builtin functions highlighted): standard functions are builtins, other
//! dotted names split into name, dot and name, and `gsub` patterns are regexes.

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, REJECT, Rule, compile, mixin, rule};

pub(crate) static LUA: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// Lua's standard functions (`lua/keywords.rb`), all modules enabled.
const BUILTINS: &str = "\
    _g _version assert collectgarbage dofile error getmetatable ipairs load loadfile \
    next pairs pcall print rawequal rawget rawlen rawset select setmetatable \
    tonumber tostring type xpcall file:close file:flush file:lines file:read \
    file:seek file:setvbuf file:write lua_cpath lua_cpath_5_3 lua_init lua_init_5_3 \
    lua_path lua_path_5_3 luaopen_base luaopen_coroutine luaopen_debug luaopen_io \
    luaopen_math luaopen_os luaopen_package luaopen_string luaopen_table \
    luaopen_utf8 lua_errerr lua_errfile lua_errgcmm lua_errmem lua_errrun \
    lua_errsyntax lua_hookcall lua_hookcount lua_hookline lua_hookret \
    lua_hooktailcall lua_maskcall lua_maskcount lua_maskline lua_maskret \
    lua_maxinteger lua_mininteger lua_minstack lua_multret lua_noref lua_ok \
    lua_opadd lua_opband lua_opbnot lua_opbor lua_opbxor lua_opdiv lua_opeq \
    lua_opidiv lua_ople lua_oplt lua_opmod lua_opmul lua_oppow lua_opshl lua_opshr \
    lua_opsub lua_opunm lua_refnil lua_registryindex lua_ridx_globals \
    lua_ridx_mainthread lua_tboolean lua_tfunction lua_tlightuserdata lua_tnil \
    lua_tnone lua_tnumber lua_tstring lua_ttable lua_tthread lua_tuserdata \
    lua_use_apicheck lua_yield lual_buffersize require package.config package.cpath \
    package.loaded package.loadlib package.path package.preload package.searchers \
    package.searchpath coroutine.create coroutine.isyieldable coroutine.resume \
    coroutine.running coroutine.status coroutine.wrap coroutine.yield debug.debug \
    debug.gethook debug.getinfo debug.getlocal debug.getmetatable debug.getregistry \
    debug.getupvalue debug.getuservalue debug.sethook debug.setlocal \
    debug.setmetatable debug.setupvalue debug.setuservalue debug.traceback \
    debug.upvalueid debug.upvaluejoin io.close io.flush io.input io.lines io.open \
    io.output io.popen io.read io.stderr io.stdin io.stdout io.tmpfile io.type \
    io.write math.abs math.acos math.asin math.atan math.ceil math.cos math.deg \
    math.exp math.floor math.fmod math.huge math.log math.max math.maxinteger \
    math.min math.mininteger math.modf math.pi math.rad math.random math.randomseed \
    math.sin math.sqrt math.tan math.tointeger math.type math.ult os.clock os.date \
    os.difftime os.execute os.exit os.getenv os.remove os.rename os.setlocale \
    os.time os.tmpname string.byte string.char string.dump string.find string.format \
    string.gmatch string.gsub string.len string.lower string.match string.pack \
    string.packsize string.rep string.reverse string.sub string.unpack string.upper \
    table.concat table.insert table.move table.pack table.remove table.sort \
    table.unpack utf8.char utf8.charpattern utf8.codepoint utf8.codes utf8.len \
    utf8.offset";

const NAME: &str = r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?";

const GRAMMAR: Grammar = Grammar {
    states: &[
        (
            "root",
            &[
                rule(r"#!(.*?)$", &["cp"]),
                rule("", &[]).then(Next::Push("base")),
            ],
        ),
        ("base", BASE),
        (
            "function_name",
            &[
                rule(r"\s+", &[""]),
                rule(
                    r"(?:([A-Za-z_][A-Za-z0-9_]*)(\.))?([A-Za-z_][A-Za-z0-9_]*)",
                    &["nc", "p", "nf"],
                )
                .then(Next::Pop),
                rule(r"\(", &["p"]).then(Next::Pop),
            ],
        ),
        (
            "gsub",
            &[
                rule(r"\)", &["p"]).then(Next::Pop),
                rule(r"[(,]", &["p"]),
                rule(r"\s+", &[""]),
                rule(r#"""#, &["sr"]).then(Next::Push("regex")),
            ],
        ),
        (
            "regex",
            &[
                rule(r#"""#, &["sr"]).then(Next::Switch("regex_end")),
                rule(r"\[\^?", &["se"]).then(Next::Push("regex_group")),
                rule(r"\\.", &["se"]),
                rule(r"[(][?][:=<!]", &["se"]),
                rule(r"[{][\d,]+[}]", &["se"]),
                rule(r"[()?]", &["se"]),
                rule(r".", &["sr"]),
            ],
        ),
        (
            "regex_end",
            &[
                rule(r"[$]+", &["sr"]).then(Next::Pop),
                rule("", &[]).then(Next::Pop),
            ],
        ),
        (
            "regex_group",
            &[
                rule(r"/", &["se"]),
                rule(r"\]", &["se"]).then(Next::Pop),
                rule(r"(\\)(.)", &["se", "sr"]),
                rule(r".", &["sr"]),
            ],
        ),
        (
            "escape_sqs",
            &[
                mixin("string_escape"),
                rule(r"'", &["s1"]).then(Next::Pop),
                rule(r"[^']+", &["s1"]),
            ],
        ),
        (
            "escape_dqs",
            &[
                mixin("string_escape"),
                rule(r#"""#, &["s2"]).then(Next::Pop),
                rule(r#"[^"]+"#, &["s2"]),
            ],
        ),
        (
            "string_escape",
            &[rule(r#"\\([abfnrtv\\"']|\d{1,3})"#, &["se"])],
        ),
    ],
    start: &[],
    error: "err",
};

const BASE: &[Rule] = &[
    // Rouge's `\[(=*)\[.*?\]\1\]` backreference, spelled out for up to two `=`.
    rule(r"(?s)--\[\[.*?\]\]", &["cm"]),
    rule(r"(?s)--\[=\[.*?\]=\]", &["cm"]),
    rule(r"(?s)--\[==\[.*?\]==\]", &["cm"]),
    rule(r"--.*$", &["c1"]),
    // Rouge's float pattern ends in a stray `'`, so `1.5` is not a float.
    rule(r"(?i)(\d*\.\d+|\d+\.\d*)(e[+-]?\d+)?'", &["mf"]),
    rule(r"(?i)\d+e[+-]?\d+", &["mf"]),
    rule(r"(?i)0x[0-9a-f]*", &["mh"]),
    rule(r"\d+", &["mi"]),
    rule(r"\n", &[""]),
    rule(r"[^\S\n]", &[""]),
    rule(r"(?s)\[\[.*?\]\]", &["s"]),
    rule(r"(?s)\[=\[.*?\]=\]", &["s"]),
    rule(r"(?s)\[==\[.*?\]==\]", &["s"]),
    rule(r"(==|~=|<=|>=|\.\.\.|\.\.|[=+\-*/%^<>#])", &["o"]),
    rule(r"[\[\]\{\}\(\)\.,:;]", &["p"]),
    rule(r"(and|or|not)\b", &["ow"]),
    rule(
        r"(break|do|else|elseif|end|for|if|in|repeat|return|then|until|while)\b",
        &["k"],
    ),
    rule(r"(local)\b", &["kd"]),
    rule(r"(true|false|nil)\b", &["kc"]),
    rule(r"(function)\b", &["k"]).then(Next::Push("function_name")),
    rule(r"gsub", &["nb"])
        .not_ahead(r"[A-Za-z0-9_]|\.[A-Za-z_]")
        .then(Next::Push("gsub")),
    rule(NAME, &[REJECT]).words(&[(BUILTINS, "nb")]),
    rule(
        r"([A-Za-z_][A-Za-z0-9_]*)(?:(\.)([A-Za-z_][A-Za-z0-9_]*))?",
        &["n", "p", "n"],
    ),
    rule(r"'", &["s1"]).then(Next::Push("escape_sqs")),
    rule(r#"""#, &["s2"]).then(Next::Push("escape_dqs")),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_lua() {
        let code = "local t = string.format(\"%d\", x.y)";
        let want = vec![
            ("kd", "local"),
            ("", " "),
            ("n", "t"),
            ("", " "),
            ("o", "="),
            ("", " "),
            ("nb", "string.format"),
            ("p", "("),
            ("s2", "\"%d\""),
            ("p", ","),
            ("", " "),
            ("n", "x"),
            ("p", "."),
            ("n", "y"),
            ("p", ")"),
        ];
        let got = LUA.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
