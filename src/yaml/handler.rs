//! Builds values from saphyr's parse events the way SafeYAML's streaming
//! `lib/safe_yaml/psych_handler.rb` does (Jekyll calls `SafeYAML.load` without
//! whitelisted tags, which takes this path):
//! - only the first document counts: the handler returns at its end, so later
//!   documents (and their syntax errors) are never looked at;
//! - one "current key" for the whole handler (not per mapping); a key that
//!   resolves to nil counts as no key, so the value after it becomes the key
//!   (`~: a` followed by `b: c` gives `{a: b}`), even across nesting levels;
//! - a collection used as a key is stored under its `to_s` (SafeYAML's odd
//!   results for mappings *inside* such keys are only approximated);
//! - `<<` merges the value's hash at the moment the value *starts*, so an inline
//!   `<<: {a: 1}` merges nothing and a non-hash (list, scalar, nil) is a TypeError;
//! - duplicate keys: the last one wins, keeping the first one's place;
//! - quoted and block scalars are strings; plain and tagged ones are resolved by
//!   `transform`; `!!binary` is base64-decoded.
//!
//! Keys are stored as Ruby's `to_s` of the resolved key (see `ruby_s`): a Jekyll
//! template can only look keys up by string, so `1: x` is reachable as `"1"`.

use super::{YamlError, ruby_s, transform};
use crate::liquid::{Map, Value};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// saphyr refuses an alias to an anchor never defined; libyaml does not, and
/// SafeYAML's handler looks it up as nil.
const UNKNOWN_ANCHOR: &str = "while parsing node, found unknown anchor";

/// Parse the first document of `src`; `None` when the stream has no document
/// (empty or only comments), where `SafeYAML.load` returns `false`.
pub fn load_first_document(src: &str) -> Result<Option<Value>, YamlError> {
    let mut patched: Option<String> = None;
    loop {
        let text = patched.as_deref().unwrap_or(src);
        match parse_events(text) {
            // Each round removes one `*`, so this ends.
            Err(Failure::UnknownAlias(index)) if text.chars().nth(index) == Some('*') => {
                patched = Some(alias_to_nil(text, index));
            }
            Err(Failure::UnknownAlias(_)) => {
                return Err(YamlError {
                    line: 1,
                    column: 1,
                    message: UNKNOWN_ANCHOR.to_string(),
                });
            }
            Err(Failure::Yaml(e)) => return Err(e),
            Ok(value) => return Ok(value),
        }
    }
}

enum Failure {
    Yaml(YamlError),
    /// The character index of an alias whose anchor is unknown.
    UnknownAlias(usize),
}

impl From<YamlError> for Failure {
    fn from(e: YamlError) -> Failure {
        Failure::Yaml(e)
    }
}

fn parse_events(src: &str) -> Result<Option<Value>, Failure> {
    let mut parser = Parser::new_from_str(src);
    let mut handler = Handler {
        src_chars: src.chars().count(),
        src_ends_with_newline: src.ends_with(['\n', '\r']),
        ..Handler::default()
    };
    while let Some(event) = parser.next_event() {
        let (event, span) = match event {
            Ok(ok) => ok,
            Err(e) if e.info() == UNKNOWN_ANCHOR => {
                return Err(Failure::UnknownAlias(e.marker().index()));
            }
            Err(e) => return Err(scan_error(e).into()),
        };
        match event {
            Event::DocumentEnd => return Ok(Some(handler.result.unwrap_or(Value::Nil))),
            Event::StreamEnd => break,
            event => handler.on_event(event, span)?,
        }
    }
    Ok(None)
}

/// Replace the alias `*name` at character `index` with `~` and blanks of the
/// same width, so every other position stays where it was.
fn alias_to_nil(text: &str, index: usize) -> String {
    let start = text
        .char_indices()
        .nth(index)
        .map_or(text.len(), |(i, _)| i);
    let rest = &text[start..];
    let width = rest
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
        .map_or(rest.len(), |(i, _)| i);
    let blanks = rest[..width].chars().count().saturating_sub(1);
    format!(
        "{}~{}{}",
        &text[..start],
        " ".repeat(blanks),
        &rest[width..]
    )
}

fn scan_error(e: ScanError) -> YamlError {
    YamlError {
        line: e.marker().line(),
        column: e.marker().col() + 1,
        message: e.info().to_string(),
    }
}

fn error_at(span: Span, message: String) -> YamlError {
    YamlError {
        line: span.start.line(),
        column: span.start.col() + 1,
        message,
    }
}

/// SafeYAML's `@current_key`: one for the whole handler, not one per mapping.
#[derive(Default)]
enum CurrentKey {
    /// `nil`: the next value is a key.
    #[default]
    None,
    Value(Value),
    /// A collection that is still being built is the key.
    Open,
}

/// Where a collection goes once built. SafeYAML attaches it when it *starts*
/// (and updates `@current_key` then); we decide the place then and fill it in at
/// the end, which is the same since nothing else reaches the parent meanwhile.
enum Slot {
    Root,
    Item,
    Value(String),
    /// The pending key of the enclosing mapping.
    Key,
    /// The value of `<<`, merged while still empty: its content goes nowhere.
    Dropped,
}

enum Body {
    Seq(Vec<Value>),
    Map(Map),
}

/// A collection being filled.
struct Frame {
    body: Body,
    anchor: usize,
    slot: Slot,
}

#[derive(Default)]
struct Handler {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    current_key: CurrentKey,
    result: Option<Value>,
    src_chars: usize,
    src_ends_with_newline: bool,
}

impl Handler {
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let text = self.chomp_at_eof(text, style, span);
                let value = resolve_scalar(&text, style, tag.as_deref())
                    .map_err(|e| error_at(span, e.0))?;
                self.remember(anchor, &value);
                self.add(value, span)
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned().unwrap_or_default();
                self.add(value, span)
            }
            Event::SequenceStart(anchor, _) => self.start(Body::Seq(Vec::new()), anchor, span),
            Event::MappingStart(anchor, _) => self.start(Body::Map(Map::new()), anchor, span),
            Event::SequenceEnd | Event::MappingEnd => {
                self.end();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// libyaml keeps no final line break for a clipped block scalar that ends the
    /// input without one; saphyr adds it.
    fn chomp_at_eof<'a>(&self, text: Cow<'a, str>, style: ScalarStyle, span: Span) -> Cow<'a, str> {
        let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
        if block
            && !self.src_ends_with_newline
            && span.end.index() >= self.src_chars
            && let Some(stripped) = text.strip_suffix('\n')
        {
            return Cow::Owned(stripped.to_string());
        }
        text
    }

    fn remember(&mut self, anchor: usize, value: &Value) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
    }

    fn start(&mut self, body: Body, anchor: usize, span: Span) -> Result<(), YamlError> {
        let is_seq = matches!(body, Body::Seq(_));
        let slot = match self.stack.last().map(|f| &f.body) {
            None => Slot::Root,
            Some(Body::Seq(_)) => Slot::Item,
            Some(Body::Map(_)) => match std::mem::take(&mut self.current_key) {
                CurrentKey::None => {
                    self.current_key = CurrentKey::Open;
                    Slot::Key
                }
                CurrentKey::Value(key) if is_merge_key(&key) && is_seq => {
                    return Err(error_at(
                        span,
                        "no implicit conversion of Array into Hash".into(),
                    ));
                }
                CurrentKey::Value(key) if is_merge_key(&key) => Slot::Dropped,
                CurrentKey::Value(key) => Slot::Value(ruby_s::key_string(&key)),
                CurrentKey::Open => Slot::Value(String::new()),
            },
        };
        self.stack.push(Frame { body, anchor, slot });
        Ok(())
    }

    fn end(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let value = match frame.body {
            Body::Seq(items) => Value::array(items),
            Body::Map(map) => Value::hash(map),
        };
        self.remember(frame.anchor, &value);
        match (frame.slot, self.stack.last_mut().map(|f| &mut f.body)) {
            (Slot::Root, _) => {
                self.result.get_or_insert(value);
            }
            (Slot::Item, Some(Body::Seq(items))) => items.push(value),
            (Slot::Value(key), Some(Body::Map(map))) => {
                map.insert(key, value);
            }
            (Slot::Key, _) => {
                if matches!(self.current_key, CurrentKey::Open) {
                    self.current_key = CurrentKey::Value(value);
                }
            }
            _ => {}
        }
    }

    /// `add_to_current_structure` for a scalar or an alias.
    fn add(&mut self, value: Value, span: Span) -> Result<(), YamlError> {
        let Some(frame) = self.stack.last_mut() else {
            self.result.get_or_insert(value);
            return Ok(());
        };
        let map = match &mut frame.body {
            Body::Seq(items) => {
                items.push(value);
                return Ok(());
            }
            Body::Map(map) => map,
        };
        match std::mem::take(&mut self.current_key) {
            CurrentKey::None if value.is_nil() => {}
            CurrentKey::None => self.current_key = CurrentKey::Value(value),
            CurrentKey::Value(key) if is_merge_key(&key) => {
                merge_into(map, &value).map_err(|m| error_at(span, m))?;
            }
            CurrentKey::Value(key) => {
                map.insert(ruby_s::key_string(&key), value);
            }
            CurrentKey::Open => {
                map.insert(String::new(), value);
            }
        }
        Ok(())
    }
}

fn is_merge_key(key: &Value) -> bool {
    key.as_str() == Some("<<")
}

/// Ruby's `Hash#merge!` with the value of a `<<` key.
fn merge_into(map: &mut Map, value: &Value) -> Result<(), String> {
    match value {
        Value::Hash(other) => {
            for (k, v) in other.iter() {
                map.insert(k.clone(), v.clone());
            }
            Ok(())
        }
        other => Err(format!(
            "no implicit conversion of {} into Hash",
            ruby_s::class_name(other)
        )),
    }
}

/// `Transform.to_proper_type`: libyaml marks a scalar "quoted" when it is not
/// plain and carries no tag; a tagged scalar is neither, so SafeYAML guesses.
fn resolve_scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value, transform::TransformError> {
    match tag {
        Some(tag) if is_binary(tag) => Ok(Value::str(decode_base64(text))),
        Some(_) => transform::to_guessed_type(text),
        None if style == ScalarStyle::Plain => transform::to_guessed_type(text),
        None => Ok(Value::Str(Arc::from(text))),
    }
}

fn is_binary(tag: &Tag) -> bool {
    (tag.suffix == "binary" && (tag.is_yaml_core_schema() || tag.handle == "!"))
        || tag.suffix == "x-private:binary"
}

/// Ruby's lenient `Base64.decode64`: skips anything outside the alphabet.
fn decode_base64(text: &str) -> String {
    let sextets: Vec<u32> = text
        .bytes()
        .take_while(|b| *b != b'=')
        .filter_map(|b| match b {
            b'A'..=b'Z' => Some(u32::from(b - b'A')),
            b'a'..=b'z' => Some(u32::from(b - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(b - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        })
        .collect();
    let mut bytes = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, s)| acc | (s << (18 - 6 * i)));
        let count = chunk.len().saturating_sub(1);
        bytes.extend(n.to_be_bytes()[1..1 + count].iter());
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
