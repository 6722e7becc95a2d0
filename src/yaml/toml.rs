//! `_config.toml` into the Liquid value model, as Jekyll's `configuration.rb`
//! reads it with `Tomlrb.load_file`. Tables keep document order (Ruby hashes do):
//! toml's tables are sorted maps, so entries are put back in the order their keys
//! first appear in the file. Offset date-times become `Time` with their offset,
//! local date-times `Time` at UTC, local dates `Date`, local times strings.

use super::YamlError;
use crate::liquid::{Map, Value};
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

/// Parse a TOML document into a `Value::Hash`.
pub fn toml_to_value(src: &str) -> Result<Value, YamlError> {
    let table = DeTable::parse(src).map_err(|e| toml_error(src, &e))?;
    Ok(Value::hash(table_to_map(table.get_ref())))
}

fn toml_error(src: &str, e: &toml::de::Error) -> YamlError {
    let offset = e.span().map_or(0, |r| r.start).min(src.len());
    let before = &src[..src.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    YamlError {
        line,
        column,
        message: e.message().trim().to_string(),
    }
}

fn table_to_map(table: &DeTable<'_>) -> Map {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
        .into_iter()
        .map(|(k, v)| (k.get_ref().to_string(), convert(v)))
        .collect()
}

fn convert(value: &Spanned<DeValue<'_>>) -> Value {
    match value.get_ref() {
        DeValue::String(s) => Value::str(s.as_ref()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::str(i.as_str()),
        },
        DeValue::Float(f) => Value::Float(f.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(dt) => datetime(dt),
        DeValue::Array(items) => Value::array(items.iter().map(convert).collect()),
        DeValue::Table(t) => Value::hash(table_to_map(t)),
    }
}

fn datetime(dt: &Datetime) -> Value {
    let date = dt
        .date
        .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok());
    match (date, dt.time) {
        (Some(date), Some(t)) => {
            let seconds = t.second.unwrap_or(0).min(59) as i8;
            let nanos = t.nanosecond.unwrap_or(0) as i32;
            let minutes = match dt.offset {
                Some(toml::value::Offset::Custom { minutes }) => i32::from(minutes),
                _ => 0,
            };
            DateTime::new(
                date.year(),
                date.month(),
                date.day(),
                t.hour as i8,
                t.minute as i8,
                seconds,
                nanos,
            )
            .ok()
            .zip(Offset::from_seconds(minutes * 60).ok())
            .and_then(|(dt, off)| dt.to_zoned_datetime(TimeZone::fixed(off)).ok())
            .map_or_else(|| Value::str(dt.to_string()), |z| Value::Time(Arc::new(z)))
        }
        (Some(date), None) => Value::Date(date),
        _ => Value::str(dt.to_string()),
    }
}
