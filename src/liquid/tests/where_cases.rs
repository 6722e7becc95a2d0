//! `where` / `find` against `empty`, `blank`, nil and strings, and
//! `where_exp` / `find_exp` comparisons with `empty`, over properties of
//! every kind: Jekyll 4.3.1's answers with Liquid 4.0.4 (from the oracle,
//! shared/tools/oracle/make_liquid_oracle.rb with ORACLE_LIQUID=4), for
//! lib/jekyll/filters.rb's `compare_property_vs_target` and `where_exp`.

use super::*;

/// Items whose `k` is missing, nil, empty or not, of each type; `id` names them.
const ITEMS: &str = r#"{"items": [
 {"id": "missing"},
 {"id": "nil", "k": null},
 {"id": "emptystr", "k": ""},
 {"id": "space", "k": " "},
 {"id": "emptyarr", "k": []},
 {"id": "arr_emptystr", "k": [""]},
 {"id": "arr_nil", "k": [null]},
 {"id": "arr_nested", "k": [[], [""]]},
 {"id": "arr_a", "k": ["a"]},
 {"id": "arr_hash", "k": [{}]},
 {"id": "emptyhash", "k": {}},
 {"id": "hash_a", "k": {"a": 1}},
 {"id": "hash_emptykey", "k": {"": null}},
 {"id": "zero", "k": 0},
 {"id": "false", "k": false},
 {"id": "true", "k": true},
 {"id": "str0", "k": "0"},
 {"id": "str01", "k": "01"},
 {"id": "stra", "k": "a"},
 {"id": "float", "k": 1.5}
]}"#;

#[test]
fn where_and_find_compare_like_jekyll() {
    let items = Value::parse_json(ITEMS).unwrap();
    let cases = [
        (
            "{{ items | where: \"k\", empty | map: \"id\" | join: \",\" }}",
            "missing,nil,emptystr,emptyarr,arr_emptystr,arr_nil,arr_nested,emptyhash,hash_emptykey",
        ),
        (
            "{{ items | where: \"k\", blank | map: \"id\" | join: \",\" }}",
            "missing,nil,emptystr,emptyarr,arr_emptystr,arr_nil,arr_nested,emptyhash,hash_emptykey",
        ),
        (
            "{{ items | where: \"k\", \"\" | map: \"id\" | join: \",\" }}",
            "emptystr,arr_emptystr,arr_nil",
        ),
        (
            "{{ items | where: \"k\", nil | map: \"id\" | join: \",\" }}",
            "missing,nil",
        ),
        (
            "{{ items | where: \"k\", \"a\" | map: \"id\" | join: \",\" }}",
            "arr_a,stra",
        ),
        (
            "{{ items | where: \"k\", \"0\" | map: \"id\" | join: \",\" }}",
            "zero,str0",
        ),
        (
            "{{ items | where: \"k\", 0 | map: \"id\" | join: \",\" }}",
            "zero,str0",
        ),
        (
            "{{ items | where: \"k\", \"1\" | map: \"id\" | join: \",\" }}",
            "str01",
        ),
        (
            "{{ items | where: \"k\", false | map: \"id\" | join: \",\" }}",
            "false",
        ),
        (
            "{{ items | where: \"k\", \"true\" | map: \"id\" | join: \",\" }}",
            "true",
        ),
        (
            "{{ items | where: \"k\", 1.5 | map: \"id\" | join: \",\" }}",
            "float",
        ),
        (
            "{{ items | where: \"k\", '[\"a\"]' | map: \"id\" | join: \",\" }}",
            "",
        ),
        ("{{ items | find: \"k\", empty | map: \"id\" }}", "missing"),
        ("{{ items | find: \"k\", nil | map: \"id\" }}", "missing"),
        (
            "{% assign e = empty %}{{ items | where: \"k\", e | map: \"id\" | join: \",\" }}",
            "emptystr,arr_emptystr,arr_nil",
        ),
        (
            "{{ items | where_exp: \"i\", \"i.k == empty\" | map: \"id\" | join: \",\" }}",
            "emptystr,emptyarr,emptyhash",
        ),
        (
            "{{ items | where_exp: \"i\", \"i.k == blank\" | map: \"id\" | join: \",\" }}",
            "",
        ),
        (
            "{{ items | where_exp: \"i\", \"i.k != empty\" | map: \"id\" | join: \",\" }}",
            "missing,nil,space,arr_emptystr,arr_nil,arr_nested,arr_a,arr_hash,hash_a,hash_emptykey,zero,false,true,str0,str01,stra,float",
        ),
        (
            "{{ items | where_exp: \"i\", \"empty == i.k\" | map: \"id\" | join: \",\" }}",
            "emptystr,emptyarr,emptyhash",
        ),
        (
            "{{ items | where_exp: \"i\", \"i.k\" | map: \"id\" | join: \",\" }}",
            "emptystr,space,emptyarr,arr_emptystr,arr_nil,arr_nested,arr_a,arr_hash,emptyhash,hash_a,hash_emptykey,zero,true,str0,str01,stra,float",
        ),
        (
            "{{ items | where_exp: \"i\", \"i.k == nil\" | map: \"id\" | join: \",\" }}",
            "missing,nil",
        ),
        (
            "{{ items | where_exp: 'i', 'i.k == \"\"' | map: 'id' | join: ',' }}",
            "emptystr",
        ),
        (
            "{{ items | where_exp: 'i', 'i.k contains \"a\"' | map: 'id' | join: ',' }}",
            "arr_a,hash_a,stra",
        ),
        (
            "{{ items | where_exp: \"i\", \"i.k == empty or i.k == 0\" | map: \"id\" | join: \",\" }}",
            "emptystr,emptyarr,emptyhash,zero",
        ),
        (
            "{{ items | find_exp: \"i\", \"i.k == empty\" | map: \"id\" }}",
            "emptystr",
        ),
        (
            "{% assign t = '[\"a\", 1]' %}{{ items | where: 'k', t | map: 'id' | join: ',' }}|{% assign t = '{\"a\"=>1}' %}{{ items | where: 'k', t | map: 'id' | join: ',' }}|{{ items | where: 'k', 'a1' | map: 'id' | join: ',' }}",
            "hash_a||",
        ),
    ];
    for (src, want) in cases {
        let mut globals = globals();
        globals.insert("items".into(), items.get("items").unwrap().clone());
        let t = Template::parse(src, "page.md", &ParseOptions::default()).unwrap();
        let got = t.render(globals, &host(), &RenderOptions::default());
        assert_eq!(got.unwrap(), want, "{src}");
    }
}
