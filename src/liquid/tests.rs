//! Engine-level table tests: templates rendered against a small in-memory host.

use super::*;
use std::collections::HashMap;

mod where_cases;

struct TestHost {
    includes: HashMap<&'static str, &'static str>,
    config: Map,
}

impl Host for TestHost {
    fn include(&self, name: &str, _from: &str) -> Result<Arc<Template>, IncludeError> {
        let src = self
            .includes
            .get(name)
            .ok_or_else(|| format!("Could not locate the included file '{name}'"))?;
        let file = format!("_includes/{name}");
        Ok(Arc::new(Template::parse(
            src,
            &file,
            &ParseOptions::default(),
        )?))
    }
    fn include_relative(&self, name: &str, from: &str) -> Result<Arc<Template>, IncludeError> {
        self.include(name, from)
    }
    fn markdownify(&self, input: &str) -> String {
        format!("<p>{input}</p>\n")
    }
    fn config(&self) -> &Map {
        &self.config
    }
    fn now(&self) -> jiff::ZonedDateTime {
        jiff::Timestamp::from_second(1_700_000_000)
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
    }
}

fn host() -> TestHost {
    let mut includes = HashMap::new();
    includes.insert("greet.html", "Hi {{ include.name }}{% assign leaked = 1 %}");
    includes.insert("bad.html", "x\n{{ 1 | divided_by: 0 }}");
    includes.insert("broken.html", "x\n{% INVALID %}");
    includes.insert("nested.html", "a\nb\n{% include bad.html %}");
    includes.insert("nested_missing.html", "a\n{% include missing.html %}");
    includes.insert(
        "card",
        "{{ c.x }}{{ forloop.index }}{{ forloop.parentloop }}-{{ c.t }}",
    );
    includes.insert(
        "scope",
        "[{{ s }}][{{ list }}][{% increment s %}{{ forloop }}]",
    );
    let mut config = Map::new();
    config.insert("baseurl".into(), "/blog".into());
    config.insert("url".into(), "https://example.com".into());
    TestHost { includes, config }
}

fn globals() -> Map {
    let json = r#"{"a": {"b": [{"k": "v"}, 2, 3]}, "list": [3, 1, 2], "h": {"x": 1},
        "s": "hello world", "n": null, "f": 1.5, "key": "x",
        "posts": [{"t": "b", "tags": ["x"]}, {"t": "a", "tags": ["y"]}, {"t": null}]}"#;
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    Value::from_json(&v).as_hash().unwrap().clone()
}

fn render(src: &str) -> Result<String, Error> {
    let t = Template::parse(src, "page.md", &ParseOptions::default())?;
    t.render(globals(), &host(), &RenderOptions::default())
}

fn check(cases: &[(&str, &str)]) {
    for (src, want) in cases {
        assert_eq!(render(src).unwrap(), *want, "{src}");
    }
}

#[test]
fn renders_like_liquid_4() {
    check(&[
        (
            "{{ a.b[0][\"k\"] }}|{{ a.b.size }}|{{ a.b.last }}|{{ h[key] }}|{{ list[-1] }}",
            "v|3|3|1|2",
        ),
        (
            "{{ nothing }}{{ n }}|{{ f }}|{{ 1e3 }}|{{ (1..3) }}",
            "|1.5||1..3",
        ),
        ("a  {{- 'b' -}}  \n c", "abc"),
        (
            "{% raw %}{{ x }}{% endraw %}{% comment %}{% foo %}{% else %}{% endcomment %}",
            "{{ x }}",
        ),
        (
            "{% assign x = 'a,b' | split: ',' %}{{ x | join: '-' }}",
            "a-b",
        ),
        (
            "{% capture c %}{{ 1 | plus: 2 }}{% endcapture %}{{ c }}",
            "3",
        ),
        (
            "{% if false or true and false %}y{% else %}n{% endif %}",
            "n",
        ),
        ("{% if true or false and false %}y{% endif %}", "y"),
        (
            "{% unless s contains 'world' %}x{% else %}y{% endunless %}",
            "y",
        ),
        (
            "{% case 2 %}{% when 1, 2 %}a{% when 2 or 3 %}b{% else %}c{% endcase %}",
            "ab",
        ),
        (
            "{% for i in (1..5) limit:2 offset:1 %}{{ i }}{% endfor %}",
            "23",
        ),
        (
            "{% for i in list reversed %}{{ i }}{% else %}e{% endfor %}{% for i in n %}x{% else %}e{% endfor %}",
            "213e",
        ),
        (
            "{% for i in (1..2) %}{% for j in (1..2) %}{{ forloop.parentloop.index }}{{ forloop.index }}{% if forloop.last %};{% endif %}{% endfor %}{% endfor %}",
            "1112;2122;",
        ),
        (
            "{% for i in (1..5) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}",
            "13",
        ),
        (
            "{% for i in (1..3) %}{{ forloop.name }}-{{ forloop.rindex0 }}{% endfor %}",
            "i-(1..3)-2i-(1..3)-1i-(1..3)-0",
        ),
    ]);
}

#[test]
fn renders_tags_like_liquid_4() {
    check(&[
        (
            "{% increment c %}{% increment c %}{% decrement d %}",
            "01-1",
        ),
        (
            "{% for i in (1..3) %}{% cycle 'a', 'b' %}{% endfor %}",
            "aba",
        ),
        (
            "{% include greet.html name=s %}|{{ leaked }}",
            "Hi hello world|1",
        ),
        ("{% if true %}  {% assign q = 1 %}  {% endif %}{{ q }}", "1"),
        (
            "{{ h }}|{{ list }}|{{ 3.0 }}|{{ 100000000000 | times: 1000000000.0 }}",
            "{\"x\"=>1}|312|3.0|1.0e+20",
        ),
        (
            "{% tablerow i in (1..2) cols:2 %}{{ i }}{% endtablerow %}",
            "<tr class=\"row1\">\n<td class=\"col1\">1</td><td class=\"col2\">2</td></tr>\n",
        ),
        (
            "{% for i in (1..3) %}{% ifchanged %}{{ i | divided_by: 2 }}{% endifchanged %}{% endfor %}",
            "01",
        ),
    ]);
}

#[test]
fn filters_behave_like_ruby() {
    check(&[
        (
            "{{ 7 | divided_by: 2 }} {{ 7.0 | divided_by: 2 }} {{ 3.14159 | round: 2 }} {{ 2.5 | round }}",
            "3 3.5 3.14 3",
        ),
        (
            "{{ 'Hello World' | truncate: 8 }}|{{ s | truncatewords: 1 }}|{{ s | slice: -5, 3 }}",
            "Hello...|hello...|wor",
        ),
        (
            "{{ '<p>a</p>' | strip_html }}|{{ 'a&amp;<' | escape_once }}|{{ 'a b/c' | url_encode }}",
            "a|a&amp;&lt;|a+b%2Fc",
        ),
        (
            "{{ list | sort | join }}|{{ posts | map: 't' | compact | join }}|{{ n | default: 'd' }}",
            "1 2 3|b a|d",
        ),
        (
            "{{ 1700000000 | date: '%Y-%m-%d %H:%M' }}|{{ 'now' | date: '%s' }}|{{ '2023-01-31' | date: '%b %-d' }}",
            "2023-11-14 22:13|1700000000|Jan 31",
        ),
    ]);
}

#[test]
fn jekyll_filters_behave_like_jekyll() {
    check(&[
        (
            "{{ '/a b' | relative_url }}|{{ 'x' | absolute_url }}",
            "/blog/a%20b|https://example.com/blog/x",
        ),
        (
            "{{ 'Hello, World!' | slugify }}|{{ h | jsonify }}|{{ '<a>' | xml_escape }}",
            "hello-world|{\"x\":1}|&lt;a&gt;",
        ),
        (
            "{{ posts | where: 'tags', 'x' | map: 't' | join }}|{{ posts | sort: 't', 'last' | map: 't' | join: ',' }}",
            "b|a,b,",
        ),
        (
            "{{ posts | where_exp: 'p', 'p.t == \"a\"' | map: 't' | join }}|{{ posts | find: 't', 'a' | map: 't' }}",
            "a|a",
        ),
        (
            "{% assign g = posts | group_by: 't' %}{{ g[0].name }}{{ g.size }}",
            "b3",
        ),
        (
            "{{ list | push: 4 | join }}|{{ list | shift | join }}|{{ 'a b  c' | number_of_words }}",
            "3 1 2 4|1 2|3",
        ),
        (
            "{{ list | array_to_sentence_string }}|{{ s | markdownify }}",
            "3, 1, and 2|<p>hello world</p>\n",
        ),
        (
            "{{ '2023-11-14 10:00:00 +0100' | date_to_xmlschema }}|{{ 1700000000 | date_to_string: 'ordinal', 'US' }}",
            "2023-11-14T09:00:00+00:00|Nov 14th, 2023",
        ),
        ("{{ 'x' | nosuchfilter: 1 }}", "x"),
        (
            "{% highlight Ruby linenos %}\n<a>\n{% endhighlight %}",
            "<figure class=\"highlight\"><pre><code class=\"language-ruby\" data-lang=\"ruby\">&lt;a&gt;</code></pre></figure>",
        ),
    ]);
}

#[test]
fn errors_name_file_and_line() {
    let cases = [
        (
            "a\n{% foo %}",
            "Liquid syntax error (line 2): Unknown tag 'foo' in page.md",
        ),
        (
            "{% if x %}",
            "Liquid syntax error (line 1): 'if' tag was never closed in page.md",
        ),
        (
            "x\n\n{% endif %}",
            "Liquid syntax error (line 3): Unknown tag 'endif' in page.md",
        ),
        (
            "\n{{ 1 | divided_by: 0 }}",
            "Liquid error (line 2): divided by 0 in page.md",
        ),
        (
            "\n\n{% include bad.html %}",
            "Liquid error (_includes/bad.html line 2): divided by 0 included in page.md (line 3)",
        ),
        (
            "{% if true %}\n{% include broken.html %}{% endif %}",
            "Liquid syntax error (_includes/broken.html line 2): Unknown tag 'INVALID' included in page.md (line 2)",
        ),
        (
            "{% include nested.html %}",
            "Liquid error (_includes/bad.html line 2): divided by 0 included in _includes/nested.html (line 3), included in page.md (line 1)",
        ),
        (
            "{% include nested_missing.html %}",
            "Liquid error (_includes/nested_missing.html line 2): Could not locate the included file 'missing.html' included in page.md (line 1)",
        ),
        (
            "{% include missing.html %}",
            "Liquid error (line 1): Could not locate the included file 'missing.html' in page.md",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(render(src).unwrap_err().to_string(), want, "{src}");
    }
}

#[test]
fn accepts_liquid_5_tags_as_a_superset() {
    check(&[
        (
            "{% echo s | upcase %}|{% echo %}|{% echo list %}",
            "HELLO WORLD||312",
        ),
        ("a{%# note %}b{% # x %}c{%-# y -%} d", "abcd"),
        ("{%-\n  # one\n  # two\n-%}x", "x"),
        (
            "{% liquid\n  assign n = list | size\n  # counted\n  if n > 2\n    echo 'many'\n  else\n    echo 'few'\n  endif\n%}",
            "many",
        ),
        ("{%- liquid for i in list\necho i\nendfor -%} !", "312!"),
        ("{% liquid comment\nanything here\nendcomment %}ok", "ok"),
        (
            "{% render 'greet.html', name: 'A' %}[{{ leaked }}]",
            "Hi []",
        ),
        ("{% render 'card' with h as c %}", "1-"),
        ("{% render 'card' for posts as c %}", "1-b2-a3-"),
        ("{% assign s = 1 %}{% render 'scope' %}", "[][][0]"),
    ]);
}

#[test]
fn liquid_5_tag_errors_name_file_and_line() {
    let cases = [
        (
            "{% liquid\n  echo 1\n  echo 1 | divided_by: 0\n%}",
            "Liquid error (line 3): divided by 0 in page.md",
        ),
        (
            "{% liquid\n  echo 1\n  endif\n%}",
            "Liquid syntax error (line 3): 'endif' is not a valid delimiter for liquid tags. use %} in page.md",
        ),
        (
            "{%# a\n b %}",
            "Liquid syntax error (line 1): Syntax error in tag '#' - Each line of comments must be prefixed by the '#' character in page.md",
        ),
        (
            "x\n{% render greet %}",
            "Liquid syntax error (line 2): Syntax error in tag 'render' - Template name must be a quoted string in page.md",
        ),
        (
            "\n{% render 'bad.html' %}",
            "Liquid error (_includes/bad.html line 2): divided by 0 included in page.md (line 2)",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(render(src).unwrap_err().to_string(), want, "{src}");
    }
}

#[test]
fn warn_mode_records_warnings_and_line_offset() {
    let opts = ParseOptions {
        error_mode: ErrorMode::Warn,
        line_offset: 3,
    };
    let t = Template::parse("ok\n{{ a | f: 1 2 }}", "p.md", &opts).unwrap();
    assert_eq!(t.warnings().len(), 1);
    assert_eq!(t.warnings()[0].line, 5);
    let strict = ParseOptions {
        error_mode: ErrorMode::Strict,
        line_offset: 0,
    };
    assert!(Template::parse("{{ a | f: 1 2 }}", "p.md", &strict).is_err());
}

#[test]
fn strict_variables_and_filters() {
    let t = Template::parse("{{ nope }}", "p.md", &ParseOptions::default()).unwrap();
    let opts = RenderOptions {
        strict_variables: true,
        strict_filters: false,
    };
    assert!(t.render(globals(), &host(), &opts).is_err());
    let t = Template::parse("{{ 1 | nope }}", "p.md", &ParseOptions::default()).unwrap();
    let opts = RenderOptions {
        strict_variables: false,
        strict_filters: true,
    };
    assert!(t.render(globals(), &host(), &opts).is_err());
}

#[test]
fn templates_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Template>();
}

/// A filter written in place (the last filter of an output) gives the text
/// that its value, built and then written, gives: for each filter with an
/// in-place form, inputs of every kind, including those it returns unchanged.
#[test]
fn in_place_filters_write_what_their_values_show() {
    let inputs = [
        "s",
        "n",
        "f",
        "list",
        "h",
        "a.b",
        "nothing",
        "'A <b> & \"c\"'",
        "'Ünïcode Straße'",
        "'--Hello,  World!--'",
        "'<p>one <b>two</b> three four</p>'",
        "'<script>x</script>y'",
        "'2023-01-31 10:20:30 +0100'",
        "'2023-01-31'",
        "1700000000",
        "'now'",
        "''",
        "'  '",
        "'/a b/c?d#e'",
        "'http://x.com/A'",
        "'mailto:a@b'",
        "true",
        "42",
        "-1.5",
    ];
    let filters = [
        "escape",
        "capitalize",
        "upcase",
        "strip_html",
        "truncatewords",
        "truncatewords: 2",
        "truncatewords: 1, '+'",
        "truncatewords: 0",
        "slugify",
        "slugify: 'pretty'",
        "slugify: 'raw'",
        "slugify: 'ascii'",
        "slugify: 'latin'",
        "slugify: 'none'",
        "slugify: nil",
        "relative_url",
        "absolute_url",
        "date: '%Y %b %-d %:z'",
        "date: ''",
        "date: '%Q %L %N'",
        "date_to_xmlschema",
    ];
    for input in inputs {
        for filter in filters {
            let direct = format!("{{{{ {input} | {filter} }}}}");
            let chained = format!("{{{{ {input} | append: '' | {filter} }}}}");
            let via_value = format!("{{% assign v = {input} | {filter} %}}{{{{ v }}}}");
            let via_chain =
                format!("{{% assign v = {input} | append: '' | {filter} %}}{{{{ v }}}}");
            let show = |r: Result<String, Error>| r.map_err(|e| e.to_string());
            assert_eq!(show(render(&direct)), show(render(&via_value)), "{direct}");
            assert_eq!(
                show(render(&chained)),
                show(render(&via_chain)),
                "{chained}"
            );
        }
    }
}
