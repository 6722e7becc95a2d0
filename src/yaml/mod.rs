//! YAML as Jekyll reads it: through SafeYAML 1.0.x (`SafeYAML.load`), i.e. YAML 1.1
//! values on top of a YAML parser. Mirrors `lib/safe_yaml/load.rb`: saphyr's
//! parser gives the raw events (scalar text, quoting style, tags, anchors,
//! positions), `handler` rebuilds values as `psych_handler.rb` does and
//! `transform` resolves plain scalars as SafeYAML's transformers do. saphyr's own
//! YAML 1.2 core-schema resolution is never used.
//!
//! `_config.toml` is read into the same value model by `toml_to_value`.

mod handler;
mod ruby_s;
mod timestamp;
mod toml;
mod transform;

pub use self::ruby_s::float_to_s as ruby_float_to_s;
pub use self::toml::toml_to_value;
use crate::liquid::Value;

/// A YAML syntax error (or a value Ruby would refuse while loading), with a
/// 1-based line and column inside the parsed text.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
#[error("line {line} column {column}: {message}")]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parse a whole YAML text. Only the first document counts (as in SafeYAML);
/// an empty text, or one with only comments, gives `Value::Nil`.
pub fn parse(src: &str) -> Result<Value, YamlError> {
    Ok(load(src)?.unwrap_or(Value::Nil))
}

/// Like [`parse`], but tells "no document at all" (`None`) apart from a
/// document holding nil: `SafeYAML.load` returns `false` for the former, which
/// Jekyll stores as is in `site.data` for an empty data file.
pub fn load(src: &str) -> Result<Option<Value>, YamlError> {
    // Ruby opens YAML files with `bom|utf-8`; libyaml skips a BOM too.
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    handler::load_first_document(src)
}

#[cfg(test)]
mod tests;
