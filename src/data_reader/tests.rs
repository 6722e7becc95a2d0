//! DataReader tests on temporary `_data` trees; expectations are what Jekyll
//! 4.3.1 printed with `{{ site.data | jsonify }}` for the same trees.

use super::*;
use std::fs;

/// `jsonify`-like output that keeps hash order (serde_json's map would sort).
fn to_json(v: &Value) -> String {
    match v {
        Value::Nil => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => serde_json::Value::from(s.as_ref()).to_string(),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(to_json).collect();
            format!("[{}]", inner.join(","))
        }
        Value::Hash(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}:{}", serde_json::Value::from(k.as_str()), to_json(v)))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        other => format!("{other:?}"),
    }
}

fn write_tree(root: &Path, files: &[(&str, &str)]) {
    for (name, content) in files {
        let path = root.join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, content).expect("write");
    }
}

#[test]
fn reads_a_tree_in_jekylls_order() {
    let site = tempfile::tempdir().expect("tempdir");
    let data = site.path().join("_data");
    write_tree(
        &data,
        &[
            ("b.yml", "a: 1\nb: [x, y]\n"),
            ("a.yml", "name: first\n"),
            ("a.json", r#"{"k": "json", "n": 2}"#),
            ("people.csv", "h1,h2\n1,\n\"\",z\n"),
            ("tabs.tsv", "t1\tt2\nv\tw\n"),
            ("sub/inner.yaml", "x: 1\n"),
            ("sub/deeper/leaf.yml", "y: 2\n"),
            ("_priv/p.yml", "p: 1\n"),
            (".hid/h.yml", "h: 1\n"),
            (".dot.yml", "z: 1\n"),
            ("_under.yml", "q: 1\n"),
            ("my file.name.yml", "w: 1\n"),
            ("UP.YML", "u: 1\n"),
            ("Cap.yaml", "c: 1\n"),
        ],
    );
    let got = read_data(&data, site.path()).expect("read");
    let want = r#"{"Cap":{"c":1},"_under":{"q":1},"a":{"k":"json","n":2},"b":{"a":1,"b":["x","y"]},"my_filename":{"w":1},"people":[{"h1":"1","h2":null},{"h1":"","h2":"z"}],"tabs":[{"t1":"v","t2":"w"}],"_priv":{"p":{"p":1}},"sub":{"inner":{"x":1},"deeper":{"leaf":{"y":2}}}}"#;
    assert_eq!(to_json(&Value::hash(got)), want);
}

/// SafeYAML specifics (checked with SafeYAML 1.0.5, which Debian's Jekyll lacks):
/// JSON numbers without a signed exponent stay strings, an empty file is `false`.
#[test]
fn data_files_go_through_safe_yaml() {
    let site = tempfile::tempdir().expect("tempdir");
    let data = site.path().join("_data");
    write_tree(
        &data,
        &[
            (
                "nums.json",
                "{\n\t\"a\": [1e3, 1.5e+3, 0x10, 010],\n\t\"b\": null\n}\n",
            ),
            ("empty.yml", ""),
            ("comment.yml", "# nothing\n"),
            ("bom.yml", "\u{feff}k: v\n"),
        ],
    );
    let got = read_data(&data, site.path()).expect("read");
    let got = to_json(&Value::hash(got));
    assert_eq!(
        got,
        r#"{"bom":{"k":"v"},"comment":false,"empty":false,"nums":{"a":["1e3",1500.0,16,8],"b":null}}"#
    );
}

#[test]
fn missing_directory_is_empty() {
    let site = tempfile::tempdir().expect("tempdir");
    let got = read_data(&site.path().join("_data"), site.path()).expect("read");
    assert!(got.is_empty());
}

#[test]
fn errors_name_the_file_and_line() {
    let cases = [
        (
            "bad.yml",
            "a: 1\nb: [\n",
            "YAML Exception reading _data/bad.yml: ",
        ),
        (
            "bad.json",
            "{\"a\": 1,\n \"b\": [}\n",
            "YAML Exception reading _data/bad.json: ",
        ),
        (
            "bad.csv",
            "a,b\n1,2\nx\"y,3\n",
            "Error reading _data/bad.csv (line 3): Illegal quoting in line 3.",
        ),
    ];
    for (name, content, want) in cases {
        let site = tempfile::tempdir().expect("tempdir");
        let data = site.path().join("_data");
        write_tree(&data, &[(name, content)]);
        let err = read_data(&data, site.path()).unwrap_err().to_string();
        assert!(err.starts_with(want), "{name}: {err}");
    }
}

#[test]
fn csv_reader_settings_come_from_config() {
    let config = yaml::parse(
        "csv_reader:\n  csv_converters: [numeric]\n  headers: false\ntsv_reader:\n  headers: true\n",
    )
    .expect("yaml");
    let options = DataOptions::from_config(config.as_hash().expect("hash"));
    assert_eq!(options.csv.converters, vec!["numeric".to_string()]);
    assert!(!options.csv.headers);
    assert!(options.tsv.headers);
    assert_eq!(
        DataOptions::from_config(&Map::new()),
        DataOptions::default()
    );
}

/// Ruby 3.1 results of Jekyll's `sanitize_filename`.
#[test]
fn sanitizes_names_as_jekyll() {
    let cases = [
        ("foo bar", "foo_bar"),
        (" foo", "foo"),
        ("foo ", "foo_"),
        ("a  b", "a_b"),
        ("a - b", "a_-_b"),
        ("é-x", "-x"),
        ("my.data", "mydata"),
        ("a b c", "a_b_c"),
        ("a\tb", "a_b"),
        ("x!y", "xy"),
        (" - a", "_-_a"),
        ("a  -  b", "a_-_b"),
        ("foo bar baz  ", "foo_bar_baz_"),
        ("1 2", "1_2"),
        ("a . b", "a_b"),
        ("a_b", "a_b"),
    ];
    for (name, want) in cases {
        assert_eq!(sanitize_filename(name), want, "{name:?}");
    }
}

#[test]
fn theme_data_stays_inside_the_theme_root() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("theme");
    write_tree(
        tmp.path(),
        &[
            ("theme/_data/a.yml", "a: 1\n"),
            ("theme/shared/s.yml", "s: 1\n"),
            ("outside/o.yml", "o: 1\n"),
            ("outside/dir/d.yml", "d: 1\n"),
        ],
    );
    let data = root.join("_data");
    let links = [
        ("in.yml", "../shared/s.yml"),
        ("out.yml", "../../outside/o.yml"),
        ("outdir", "../../outside/dir"),
    ];
    for (name, target) in links {
        std::os::unix::fs::symlink(target, data.join(name)).expect("symlink");
    }
    let root = root.canonicalize().expect("canonical");
    let cases = [
        (true, r#"{"a":{"a":1},"in":{"s":1}}"#),
        (
            false,
            r#"{"a":{"a":1},"in":{"s":1},"out":{"o":1},"outdir":{"d":{"d":1}}}"#,
        ),
    ];
    for (theme, want) in cases {
        let got = if theme {
            read_theme_data(&root.join("_data"), &root, &DataOptions::default())
        } else {
            read_data(&root.join("_data"), &root)
        };
        assert_eq!(
            to_json(&Value::hash(got.expect("read"))),
            want,
            "theme: {theme}"
        );
    }
}
