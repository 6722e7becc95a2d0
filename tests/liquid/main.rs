//! The Golden Liquid suite (jg-rp/golden-liquid, MIT) with Jekyll 4.3.1 +
//! Liquid 4.0.4's actual answers: every case is rendered and the pass count
//! must not fall below the measured floor.

use hyde::liquid::{Host, Map, ParseOptions, RenderOptions, Template, Value};
use std::sync::Arc;

struct MemHost {
    templates: Map,
    config: Map,
}

impl Host for MemHost {
    fn include(&self, name: &str, _from: &str) -> Result<Arc<Template>, String> {
        let src = self.templates.get(name).and_then(Value::as_str);
        let src = src.ok_or_else(|| format!("Could not locate the included file '{name}'"))?;
        Template::parse(src, name, &ParseOptions::default())
            .map(Arc::new)
            .map_err(|e| e.to_string())
    }

    fn include_relative(&self, name: &str, from: &str) -> Result<Arc<Template>, String> {
        self.include(name, from)
    }

    fn markdownify(&self, input: &str) -> String {
        input.to_string()
    }

    fn config(&self) -> &Map {
        &self.config
    }

    fn now(&self) -> jiff::ZonedDateTime {
        jiff::Timestamp::from_second(1_700_000_000)
            .expect("valid epoch")
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
    }
}

/// Whether one case gives Jekyll's answer (an output, or an error).
fn passes(case: &Value) -> bool {
    let template = case.get("template").and_then(Value::as_str).unwrap_or("");
    let globals = case
        .get("data")
        .and_then(Value::as_hash)
        .cloned()
        .unwrap_or_default();
    let host = MemHost {
        templates: case
            .get("templates")
            .and_then(Value::as_hash)
            .cloned()
            .unwrap_or_default(),
        config: Map::new(),
    };
    let result = Template::parse(template, "golden", &ParseOptions::default())
        .and_then(|t| t.render(globals, &host, &RenderOptions::default()));
    match (result, case.get("output").and_then(Value::as_str)) {
        (Ok(out), Some(want)) => out == want,
        (Err(_), None) => case.get("error").is_some(),
        _ => false,
    }
}

#[test]
fn golden_liquid_floor() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/liquid/golden.json");
    let text = std::fs::read_to_string(path).expect("golden.json");
    let suite = Value::parse_json(&text).expect("valid JSON");
    let cases = suite.get("tests").and_then(Value::as_array).expect("tests");
    let passed = cases.iter().filter(|c| passes(c)).count();
    println!("golden liquid: {passed} of {} pass", cases.len());
    assert!(
        passed >= 1054,
        "golden liquid regressed: {passed} of {}",
        cases.len()
    );
}
