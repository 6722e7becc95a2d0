//! Tests for the YAML loader. `safe_yaml_scalars.tsv` (hand-picked and
//! generated scalars) was produced by running SafeYAML 1.0.5 (Ruby 3.1, TZ=UTC)
//! on `v: <text>` for each row and printing the value as `kind:ruby-to_s` (times
//! as `%Y-%m-%dT%H:%M:%S.%N%:z`; Bignums, which we keep as digit strings, as
//! `str:`). `safe_yaml_docs.json` holds whole documents and SafeYAML's result.

use super::*;
use crate::liquid::Value;

/// The value as the Ruby dump script printed it.
fn canon(v: &Value) -> String {
    match v {
        Value::Nil => "nil".into(),
        Value::Bool(b) => format!("bool:{b}"),
        Value::Int(n) => format!("int:{n}"),
        Value::Float(f) => format!("float:{}", ruby_s::float_to_s(*f)),
        Value::Str(s) => format!("str:{s}"),
        Value::Date(d) => format!("date:{}", d.strftime("%Y-%m-%d")),
        Value::Time(t) => format!("time:{}", t.strftime("%Y-%m-%dT%H:%M:%S.%N%:z")),
        other => format!("other:{other:?}"),
    }
}

#[test]
fn plain_scalars_resolve_as_safe_yaml() {
    let mut failures = Vec::new();
    let table = include_str!("safe_yaml_scalars.tsv");
    let rows = table.lines().filter_map(|l| l.split_once('\t'));
    let mut count = 0;
    for (text, want) in rows {
        count += 1;
        let got = match parse(&format!("v: {text}\n")) {
            Ok(v) => v.get("v").map_or("missing".into(), canon),
            Err(_) => "err:ArgumentError".into(),
        };
        if got != want {
            failures.push(format!("{text:?}: got {got}, want {want}"));
        }
    }
    assert!(count > 1000, "table has {count} rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The dump format of the Ruby document script (keys through `to_s`).
fn canon_doc(v: &Value) -> String {
    match v {
        Value::Nil => "nil".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Float(f) => format!("f{}", ruby_s::float_to_s(*f)),
        Value::Str(s) => ruby_inspect(s),
        Value::Date(d) => format!("d{}", d.strftime("%Y-%m-%d")),
        Value::Time(t) => format!("t{}", t.strftime("%Y-%m-%dT%H:%M:%S.%N%:z")),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(canon_doc).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Hash(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}=>{}", ruby_inspect(k), canon_doc(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        Value::Range(..) => "other".into(),
    }
}

fn ruby_inspect(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\x1b' => out.push_str("\\e"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            c if c < ' ' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whole documents against SafeYAML 1.0.5: structure, merge keys, anchors, the
/// nil-key quirk, first-document-only, and which texts are syntax errors.
#[test]
fn documents_load_as_safe_yaml() {
    let cases: Vec<(String, String)> =
        serde_json::from_str(include_str!("safe_yaml_docs.json")).expect("test data");
    let mut failures = Vec::new();
    for (src, want) in &cases {
        let got = match load(src) {
            Ok(None) => "false".to_string(),
            Ok(Some(v)) => canon_doc(&v),
            Err(e) if want.starts_with("err:") => format!("err:{}", e.message),
            Err(e) => format!("syntax:{}", e.line),
        };
        let same = got == *want
            || (want.starts_with("syntax:") && got.starts_with("syntax:"))
            || (want == "err:TypeError" && got.contains("into Hash"));
        if !same {
            failures.push(format!("{src:?}: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn toml_keeps_document_order_and_types() {
    let src = "title = \"T\"\nzeta = 1\nalpha = 2.5\nyes = true\n\
               when = 1979-05-27T07:32:00-08:00\nday = 1979-05-27\nlist = [1, \"a\"]\n\
               [owner]\nname = \"Tom\"\nage = 0x10\n";
    let got = toml_to_value(src).expect("toml");
    let keys: Vec<&str> = got
        .as_hash()
        .expect("hash")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "title", "zeta", "alpha", "yes", "when", "day", "list", "owner"
        ]
    );
    assert_eq!(
        canon_doc(&got),
        "{\"title\"=>\"T\", \"zeta\"=>1, \"alpha\"=>f2.5, \"yes\"=>true, \
         \"when\"=>t1979-05-27T07:32:00.000000000-08:00, \"day\"=>d1979-05-27, \
         \"list\"=>[1, \"a\"], \"owner\"=>{\"name\"=>\"Tom\", \"age\"=>16}}"
    );
    let err = toml_to_value("a = 1\nb = \n").unwrap_err();
    assert_eq!(err.line, 2, "{err:?}");
}

#[test]
fn errors_have_line_and_column() {
    let err = parse("a: 1\nb: c: d\n").unwrap_err();
    assert_eq!((err.line, err.column), (2, 5));
    assert!(!err.message.is_empty());
    let err = parse("a: 1__0.5\n").unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.message.contains("Float()"), "{}", err.message);
}

#[test]
fn empty_texts_are_nil_and_only_the_first_document_counts() {
    assert!(parse("").expect("empty").is_nil());
    assert!(parse("# c\n").expect("comment").is_nil());
    assert!(load("").expect("empty").is_none());
    assert_eq!(
        canon_doc(&parse("a: 1\n---\nb: [\n").expect("first")),
        "{\"a\"=>1}"
    );
}
