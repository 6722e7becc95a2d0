//! Date filters: Liquid 4.0.4's `date` (Utils.to_date + Ruby strftime, see
//! date_format.rs) and Jekyll's date_to_xmlschema, date_to_rfc822,
//! date_to_string, date_to_long_string (lib/jekyll/filters/date_filters.rb).
//! Strings are read like a practical subset of Ruby's `Time.parse`.

use super::FilterDef;
use super::date_format::{push_number, simple_strftime_into, strftime_general};
pub use super::date_format::{strftime, strftime_date};
use super::writer::{Written, as_value};
use crate::liquid::render::Context;
use crate::liquid::tokenize::re;
use crate::liquid::value::Value;
use jiff::ZonedDateTime;
use jiff::civil::{Date, DateTime};

use jiff::tz::{Offset, TimeZone};
use regex::Regex;
use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

type R = Result<Value, String>;

pub const FILTERS: &[FilterDef] = &[
    FilterDef {
        name: "date",
        min: 1,
        max: 1,
        run: |c, i, a| as_value(c, i, a, date_into),
    },
    FilterDef {
        name: "date_to_xmlschema",
        min: 0,
        max: 0,
        run: |c, i, a| as_value(c, i, a, xmlschema_filter_into),
    },
    FilterDef {
        name: "date_to_rfc822",
        min: 0,
        max: 0,
        run: |c, i, _| jekyll_format(c, i, "%a, %d %b %Y %H:%M:%S %z"),
    },
    FilterDef {
        name: "date_to_string",
        min: 0,
        max: 2,
        run: |c, i, a| stringify(c, i, a, "%b"),
    },
    FilterDef {
        name: "date_to_long_string",
        min: 0,
        max: 2,
        run: |c, i, a| stringify(c, i, a, "%B"),
    },
];

pub(crate) fn midnight(d: Date, tz: TimeZone) -> ZonedDateTime {
    d.to_datetime(jiff::civil::Time::midnight())
        .to_zoned_datetime(tz.clone())
        .unwrap_or_else(|_| jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(tz))
}

/// A parsed date input: a Time or a Date.
pub enum When {
    Time(ZonedDateTime),
    Date(Date),
}

/// `Liquid::Utils.to_date`.
pub fn to_date(ctx: &Context, input: &Value) -> Option<When> {
    match input {
        Value::Time(t) => Some(When::Time((**t).clone())),
        Value::Date(d) => Some(When::Date(*d)),
        Value::Int(n) => from_unix(*n, ctx.host.now().time_zone().clone()),
        Value::Str(s) if s.is_empty() => None,
        Value::Str(s) => {
            // Templates often read one date several times (`date_to_xmlschema`
            // and `date` of `post.date`, then `group_by_exp` by year): each
            // string is parsed once per render. The cache holds the string,
            // so its address stays its own.
            let key = Arc::as_ptr(s).cast::<u8>() as usize;
            if let Some((_, t)) = ctx.registers.parsed_dates.borrow().get(&key) {
                return Some(When::Time(t.clone()));
            }
            let t = parse_date_string(ctx, s)?;
            let mut dates = ctx.registers.parsed_dates.borrow_mut();
            if dates.len() >= 4096 {
                dates.clear();
            }
            dates.insert(key, (s.clone(), t.clone()));
            Some(When::Time(t))
        }
        _ => None,
    }
}

/// A string's time: "now", "today", unix seconds or a date to parse.
fn parse_date_string(ctx: &Context, s: &str) -> Option<ZonedDateTime> {
    let now = ctx.host.now();
    // Most inputs have no upper case: no lower-cased copy then.
    let lower = if s.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    };
    if lower == "now" || lower == "today" {
        return Some(now);
    }
    let tz = now.time_zone().clone();
    if lower.bytes().all(|b| b.is_ascii_digit()) {
        let ts = jiff::Timestamp::from_second(lower.parse().ok()?).ok()?;
        return Some(ts.to_zoned_datetime(tz));
    }
    parse_time_on(&lower, tz, Some(now.date()))
}

fn from_unix(n: i64, tz: TimeZone) -> Option<When> {
    let ts = jiff::Timestamp::from_second(n).ok()?;
    Some(When::Time(ts.to_zoned_datetime(tz)))
}

static TIME_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\A|[t\s])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(am|pm)?\s*(z\b|utc|gmt|[+-]\d{2}:?\d{2}|[+-]\d{2}\b)?",
    )
});
static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(-?\d{4})-(\d{1,2})-(\d{1,2})"));
static YMD_SLASH: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})/(\d{1,2})/(\d{1,2})"));
static DMY_SLASH: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,2})/(\d{1,2})/(\d{2,4})"));
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?[\s-]+(\d{4})",
    )
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b,?(?:\s+(\d{4}))?",
    )
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{4})\b"));
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<i64> {
    MONTHS.iter().position(|m| *m == name).map(|i| i as i64 + 1)
}

fn int(m: Option<regex::Match>) -> Option<i64> {
    m.and_then(|m| m.as_str().parse().ok())
}

/// The calendar date in `s` (Ruby's `Date._parse` forms, most common first);
/// `None` when there is none (a bare time is today).
fn find_date(s: &str) -> Option<(i64, i64, i64)> {
    if let Some(c) = ISO_DATE.captures(s).or_else(|| YMD_SLASH.captures(s)) {
        return Some((int(c.get(1))?, int(c.get(2))?, int(c.get(3))?));
    }
    if let Some(c) = DMY_SLASH.captures(s) {
        return Some((int(c.get(3))?, int(c.get(2))?, int(c.get(1))?));
    }
    if let Some(c) = DAY_MONTH.captures(s) {
        return Some((int(c.get(3))?, month_number(&c[2])?, int(c.get(1))?));
    }
    if let Some(c) = MONTH_DAY.captures(s) {
        let year = int(c.get(3)).or_else(|| int(YEAR.captures(s)?.get(1)))?;
        return Some((year, month_number(&c[1])?, int(c.get(2))?));
    }
    let c = MONTH_YEAR.captures(s)?;
    Some((int(c.get(2))?, month_number(&c[1])?, 1))
}

/// A practical subset of Ruby's `Time.parse` (lower-cased input): ISO 8601,
/// RFC 822/2822, asctime, "Month D, YYYY", "D Month YYYY", "DD/MM/YYYY",
/// with an optional time of day and zone. Local time is `tz`; a time
/// without a date is today (`today`).
pub fn parse_time(s: &str, tz: TimeZone) -> Option<ZonedDateTime> {
    parse_time_on(s, tz, None)
}

fn parse_time_on(s: &str, tz: TimeZone, today: Option<Date>) -> Option<ZonedDateTime> {
    if let Some(t) = parse_canonical(s.as_bytes(), &tz) {
        return Some(t);
    }
    let time = TIME_OF_DAY.captures(s);
    let rest = match &time {
        Some(c) => s.replacen(c.get(0).map_or("", |m| m.as_str()), " ", 1),
        None => s.to_string(),
    };
    let (y, mo, d) = match find_date(&rest) {
        Some(ymd) => ymd,
        None => {
            time.as_ref()?;
            let today = today
                .unwrap_or_else(|| jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date());
            (
                today.year().into(),
                today.month().into(),
                today.day().into(),
            )
        }
    };
    let (mut h, mi, sec, zone) = match &time {
        Some(c) => (
            int(c.get(1))?,
            int(c.get(2))?,
            int(c.get(3)).unwrap_or(0),
            c.get(5),
        ),
        None => (0, 0, 0, None),
    };
    match time.as_ref().and_then(|c| c.get(4)).map(|m| m.as_str()) {
        Some("pm") if h < 12 => h += 12,
        Some("am") if h == 12 => h = 0,
        _ => {}
    }
    let dt = DateTime::new(
        i16::try_from(y).ok()?,
        i8::try_from(mo).ok()?,
        i8::try_from(d).ok()?,
        i8::try_from(h).ok()?,
        i8::try_from(mi).ok()?,
        i8::try_from(sec).ok()?,
        0,
    )
    .ok()?;
    let tz = match zone.map(|z| z.as_str().trim()) {
        None => tz,
        Some("z" | "utc" | "gmt") => TimeZone::UTC,
        Some(z) => TimeZone::fixed(parse_offset(z)?),
    };
    dt.to_zoned_datetime(tz).ok()
}

/// The forms front matter and data files almost always hold, read without
/// regexes: `yyyy-mm-dd`, then optionally ` hh:mm[:ss]` (or `t`), then
/// optionally `z`, ` +hhmm` or `+hh:mm`. `None` for anything else (the
/// general parser then decides); the result is the general parser's.
fn parse_canonical(b: &[u8], tz: &TimeZone) -> Option<ZonedDateTime> {
    let num = |at: usize, len: usize| -> Option<i8> {
        let digits = b.get(at..at + len)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        digits
            .iter()
            .try_fold(0i16, |n, d| Some(n * 10 + i16::from(d - b'0')))
            .and_then(|n| i8::try_from(n).ok())
    };
    let year = std::str::from_utf8(b.get(0..4)?)
        .ok()?
        .parse::<i16>()
        .ok()?;
    if !b[0].is_ascii_digit() || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (month, day) = (num(5, 2)?, num(8, 2)?);
    if b.len() == 10 {
        let dt = DateTime::new(year, month, day, 0, 0, 0, 0).ok()?;
        return dt.to_zoned_datetime(tz.clone()).ok();
    }
    if !matches!(b.get(10), Some(b' ' | b't')) || b.get(13) != Some(&b':') {
        return None;
    }
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    let (second, rest) = match b.get(16) {
        Some(b':') => (num(17, 2)?, &b[19..]),
        _ => (0, &b[16..]),
    };
    let zone = match rest {
        [] => tz.clone(),
        [b'z'] => TimeZone::UTC,
        [b' ', z @ ..] | z => TimeZone::fixed(canonical_offset(z)?),
    };
    let dt = DateTime::new(year, month, day, hour, minute, second, 0).ok()?;
    dt.to_zoned_datetime(zone).ok()
}

/// `+hhmm` or `+hh:mm` (or with `-`).
fn canonical_offset(z: &[u8]) -> Option<Offset> {
    let (sign, digits) = match z {
        [b'+', d @ ..] => (1, d),
        [b'-', d @ ..] => (-1, d),
        _ => return None,
    };
    let digits: Vec<u8> = match digits {
        [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => vec![*h1, *h2, *m1, *m2],
        _ => return None,
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize| i32::from(digits[i] - b'0');
    let seconds = (n(0) * 10 + n(1)) * 3600 + (n(2) * 10 + n(3)) * 60;
    Offset::from_seconds(sign * seconds).ok()
}

fn parse_offset(z: &str) -> Option<Offset> {
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let digits: String = z.chars().filter(char::is_ascii_digit).collect();
    let h: i32 = digits.get(0..2)?.parse().ok()?;
    let m: i32 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

pub(super) fn date_into(
    ctx: &Context,
    input: &Value,
    args: &[Value],
    out: &mut String,
) -> Result<Written, String> {
    let format = args[0].to_text();
    if format.is_empty() {
        return Ok(Written::Input);
    }
    match to_date(ctx, input) {
        Some(When::Time(t)) => {
            let start = out.len();
            if simple_strftime_into(out, &t, &format).is_none() {
                out.truncate(start);
                out.push_str(&strftime_general(&t, &format));
            }
        }
        Some(When::Date(d)) => out.push_str(&strftime_date(d, &format)),
        None => return Ok(Written::Input),
    }
    Ok(Written::Text)
}

/// Jekyll's `time(input)`: a Time in local time, or an InvalidDateError.
fn jekyll_time(ctx: &Context, input: &Value) -> Result<ZonedDateTime, String> {
    let tz = ctx.host.now().time_zone().clone();
    match to_date(ctx, input) {
        Some(When::Time(t)) => Ok(t.with_time_zone(tz)),
        Some(When::Date(d)) => Ok(midnight(d, tz)),
        None => Err(format!(
            "Invalid Date: '{}' is not a valid datetime.",
            input.inspect()
        )),
    }
}

/// `date_to_xmlschema`'s format (Ruby's `Time#xmlschema`).
const XMLSCHEMA: &str = "%Y-%m-%dT%H:%M:%S%:z";

fn jekyll_format(ctx: &mut Context, input: Value, format: &str) -> R {
    if input.to_text().is_empty() {
        return Ok(input);
    }
    let t = jekyll_time(ctx, &input)?;
    Ok(Value::str(strftime(&t, format)))
}

/// `date_to_xmlschema`.
pub(super) fn xmlschema_filter_into(
    ctx: &Context,
    input: &Value,
    _: &[Value],
    out: &mut String,
) -> Result<Written, String> {
    if input.to_text().is_empty() {
        return Ok(Written::Input);
    }
    let t = jekyll_time(ctx, input)?;
    let start = out.len();
    if xmlschema_into(out, &t).is_none() {
        out.truncate(start);
        out.push_str(&strftime(&t, XMLSCHEMA));
    }
    Ok(Written::Text)
}

/// `XMLSCHEMA` without the general strftime, for four-digit years (the
/// format it is checked against in the tests).
#[cfg(test)]
fn xmlschema(t: &ZonedDateTime) -> Option<String> {
    let mut out = String::new();
    xmlschema_into(&mut out, t).map(|()| out)
}

fn xmlschema_into(out: &mut String, t: &ZonedDateTime) -> Option<()> {
    if !(1000..=9999).contains(&t.year()) {
        return None;
    }
    let offset = t.offset().seconds();
    let fields = [
        (t.year().into(), 4, ""),
        (t.month().into(), 2, "-"),
        (t.day().into(), 2, "-"),
        (t.hour().into(), 2, "T"),
        (t.minute().into(), 2, ":"),
        (t.second().into(), 2, ":"),
        (offset.abs() / 3600, 2, if offset < 0 { "-" } else { "+" }),
        (offset.abs() % 3600 / 60, 2, ":"),
    ];
    for (n, width, before) in fields {
        out.push_str(before);
        push_number(out, i32::unsigned_abs(n), width, b'0');
    }
    Some(())
}

fn ordinal(day: i8) -> &'static str {
    if (11..=13).contains(&day) {
        return "th";
    }
    match day % 10 {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    }
}

fn stringify(ctx: &mut Context, input: Value, args: &[Value], month: &str) -> R {
    if input.to_text().is_empty() {
        return Ok(input);
    }
    let t = jekyll_time(ctx, &input)?;
    let format = if args.first().and_then(Value::as_str) == Some("ordinal") {
        let day = format!("{}{}", t.day(), ordinal(t.day()));
        if args.get(1).and_then(Value::as_str) == Some("US") {
            format!("{month} {day}, %Y")
        } else {
            format!("{day} {month} %Y")
        }
    } else {
        format!("%d {month} %Y")
    };
    Ok(Value::str(strftime(&t, &format)))
}

/// A `Value::Time` from a parsed instant.
pub fn time_value(t: ZonedDateTime) -> Value {
    Value::Time(Arc::new(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmlschema_matches_strftime() {
        let cases = [
            ("2015-01-01 10:20:30 +0000", 0),
            ("2015-06-01 23:59:59 -0530", 3600),
            ("2031-12-31 00:00:00 +1245", -7200),
        ];
        for (input, local) in cases {
            let tz = TimeZone::fixed(Offset::from_seconds(local).expect("offset"));
            let t = parse_time(input, TimeZone::UTC)
                .expect(input)
                .with_time_zone(tz);
            assert_eq!(xmlschema(&t), Some(strftime(&t, XMLSCHEMA)), "{input}");
        }
    }

    /// The regex-free reader must agree with the general one wherever it answers.
    #[test]
    fn canonical_forms_parse_as_the_general_parser_does() {
        let tz = TimeZone::fixed(Offset::from_seconds(3600).expect("offset"));
        let today = Date::new(2020, 5, 6).ok();
        let cases = [
            ("2015-01-01", true),
            ("2015-01-01 10:20:30 +0000", true),
            ("2015-01-01 10:20:30 -0530", true),
            ("2015-01-01t10:20:30z", true),
            ("2015-01-01 10:20 +02:00", true),
            ("2015-01-01t10:20:30+02:00", true),
            ("2015-01-01 10:20:30", true),
            ("2015-02-30", true),
            ("2015-01-01 25:00:00", true),
            ("2015-01-01 10:20:30.5 +0000", false),
            ("2015-1-1", false),
            ("2015-01-01 10:20:30 utc", false),
            ("jan 1, 2015", false),
        ];
        for (input, canonical) in cases {
            let fast = parse_canonical(input.as_bytes(), &tz);
            // A leading space bypasses the fast path, not the general one.
            let general = parse_time_on(&format!(" {input}"), tz.clone(), today);
            if canonical {
                assert_eq!(fast, general, "{input}");
            } else {
                assert!(fast.is_none(), "{input}");
            }
        }
    }
}
