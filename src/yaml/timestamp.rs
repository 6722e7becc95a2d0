//! Dates and timestamps in plain scalars, as SafeYAML's `transform/to_date.rb` and
//! `parse/date.rb` read them: `DATE_MATCHER` gives a Ruby `Date`, `TIME_MATCHER` a
//! `Time` (through `DateTime.parse(...).to_time`, which keeps the written offset;
//! no zone means UTC, whatever `TZ` says). A matching text that names no real
//! day or time (`2023-02-30`) stays a string, as SafeYAML rescues the
//! `ArgumentError`.

use crate::liquid::Value;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use std::sync::Arc;

/// `ToDate.transform?`: a `Value::Date`, a `Value::Time`, a string for an
/// impossible day, or `None` when the text does not look like a date at all.
pub fn to_date(text: &str) -> Option<Value> {
    if let Some((y, m, d)) = match_date(text) {
        return Some(match Date::new(y, m, d) {
            Ok(date) => Value::Date(date),
            Err(_) => Value::str(text),
        });
    }
    let parts = match_time(text)?;
    Some(parts.to_value().unwrap_or_else(|| Value::str(text)))
}

/// `/\A(\d{4})-(\d{2})-(\d{2})\Z/`
fn match_date(text: &str) -> Option<(i16, i8, i8)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&text[0..4])?;
    let month = digits(&text[5..7])?;
    let day = digits(&text[8..10])?;
    Some((year as i16, month as i8, day as i8))
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The fields `TIME_MATCHER` captures.
struct TimeParts {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    offset_seconds: i32,
}

/// A small cursor over the scalar text, in the shape of
/// `\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?\s*(?:Z|[-+]\d{1,2}(?::?\d{2})?)?`.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if len < min {
            return None;
        }
        let len = len.min(max);
        let n = self.rest[..len].parse().ok()?;
        self.rest = &self.rest[len..];
        Some(n)
    }

    fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(r) => {
                self.rest = r;
                true
            }
            None => false,
        }
    }

    fn spaces(&mut self) -> usize {
        let len = self
            .rest
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c'))
            .count();
        self.rest = &self.rest[len..];
        len
    }

    fn fraction(&mut self) -> u32 {
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        let digits: String = self.rest[..len]
            .chars()
            .chain("000000000".chars())
            .take(9)
            .collect();
        self.rest = &self.rest[len..];
        digits.parse().unwrap_or(0)
    }

    /// `Z`, `+H`, `+HH`, `+HMM`, `+HHMM`, `+H:MM`, `+HH:MM`.
    fn zone(&mut self) -> Option<i32> {
        if self.eat('Z') {
            return Some(0);
        }
        let sign = if self.eat('+') {
            1
        } else if self.eat('-') {
            -1
        } else {
            return Some(0);
        };
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        let (hours, minutes) = match len {
            1 | 2 if self.rest[len..].starts_with(':') => {
                let h = self.number(1, 2)?;
                self.eat(':');
                (h, self.number(2, 2)?)
            }
            1 | 2 => (self.number(1, 2)?, 0),
            3 | 4 => {
                let h = self.number(len - 2, len - 2)?;
                (h, self.number(2, 2)?)
            }
            _ => return None,
        };
        Some(sign * (hours as i32 * 3600 + minutes as i32 * 60))
    }
}

fn match_time(text: &str) -> Option<TimeParts> {
    let mut c = Cursor { rest: text };
    let year = c.number(4, 4)?;
    c.eat('-').then_some(())?;
    let month = c.number(1, 2)?;
    c.eat('-').then_some(())?;
    let day = c.number(1, 2)?;
    if !(c.eat('T') || c.eat('t') || c.spaces() > 0) {
        return None;
    }
    let hour = c.number(1, 2)?;
    c.eat(':').then_some(())?;
    let minute = c.number(2, 2)?;
    c.eat(':').then_some(())?;
    let second = c.number(2, 2)?;
    let nanos = if c.eat('.') { c.fraction() } else { 0 };
    c.spaces();
    let offset_seconds = c.zone()?;
    c.rest.is_empty().then_some(TimeParts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset_seconds,
    })
}

impl TimeParts {
    /// `DateTime.parse(...).to_time`, as Ruby 3.1 does it: second 60 reads as 59
    /// (61 is invalid), `24:00:00` is midnight of the next day, an offset of
    /// exactly 24 hours is invalid and a larger one is ignored (UTC).
    fn to_value(&self) -> Option<Value> {
        let date = Date::new(self.year as i16, self.month as i8, self.day as i8).ok()?;
        if self.second > 60 {
            return None;
        }
        let offset_seconds = match self.offset_seconds.unsigned_abs() {
            86_400 => return None,
            n if n > 86_400 => 0,
            _ => self.offset_seconds,
        };
        let second = self.second.min(59);
        let (date, hour) = if self.hour == 24 && self.minute == 0 && second == 0 {
            (date.tomorrow().ok()?, 0)
        } else {
            (date, self.hour)
        };
        let datetime = DateTime::new(
            date.year(),
            date.month(),
            date.day(),
            hour as i8,
            self.minute as i8,
            second as i8,
            self.nanos as i32,
        )
        .ok()?;
        let offset = Offset::from_seconds(offset_seconds).ok()?;
        let zoned = datetime.to_zoned_datetime(TimeZone::fixed(offset)).ok()?;
        Some(Value::Time(Arc::new(zoned)))
    }
}
