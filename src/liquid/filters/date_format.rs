//! Ruby's `Time#strftime` (what Liquid 4.0.4's `date` filter and Jekyll's
//! date filters call): the strftime-ruby crate over jiff times, and a fast
//! path for the directives templates use most, for four-digit years, written
//! straight into a string. Anything else (flags other than `-`, widths, zones,
//! other directives) goes to the general formatter, which the fast path must match.

use super::date::midnight;
use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// A Ruby `Time` for strftime-ruby.
struct RubyTime<'t> {
    zdt: &'t ZonedDateTime,
    zone: &'static str,
}

impl strftime::Time for RubyTime<'_> {
    fn year(&self) -> i32 {
        self.zdt.year().into()
    }
    fn month(&self) -> u8 {
        self.zdt.month() as u8
    }
    fn day(&self) -> u8 {
        self.zdt.day() as u8
    }
    fn hour(&self) -> u8 {
        self.zdt.hour() as u8
    }
    fn minute(&self) -> u8 {
        self.zdt.minute() as u8
    }
    fn second(&self) -> u8 {
        self.zdt.second() as u8
    }
    fn nanoseconds(&self) -> u32 {
        self.zdt.subsec_nanosecond().max(0) as u32
    }
    fn day_of_week(&self) -> u8 {
        self.zdt.weekday().to_sunday_zero_offset() as u8
    }
    fn day_of_year(&self) -> u16 {
        self.zdt.day_of_year() as u16
    }
    fn to_int(&self) -> i64 {
        self.zdt.timestamp().as_second()
    }
    fn is_utc(&self) -> bool {
        self.zone == "UTC"
    }
    fn utc_offset(&self) -> i32 {
        self.zdt.offset().seconds()
    }
    fn time_zone(&self) -> &str {
        self.zone
    }
}

fn ruby_time(zdt: &ZonedDateTime) -> RubyTime<'_> {
    let zone = if zdt.offset().seconds() == 0 {
        "UTC"
    } else {
        ""
    };
    RubyTime { zdt, zone }
}

/// Ruby `strftime` of a Time.
pub fn strftime(zdt: &ZonedDateTime, format: &str) -> String {
    simple_strftime(zdt, format).unwrap_or_else(|| strftime_general(zdt, format))
}

/// Ruby `strftime` of a Time by strftime-ruby, for every directive.
pub(crate) fn strftime_general(zdt: &ZonedDateTime, format: &str) -> String {
    strftime::string::strftime(&ruby_time(zdt), format).unwrap_or_else(|_| format.to_string())
}

/// Ruby `strftime` of a Date (midnight, offset zero; `%z` is `+0000`).
pub fn strftime_date(d: Date, format: &str) -> String {
    let zdt = midnight(d, TimeZone::UTC);
    if let Some(text) = simple_strftime(&zdt, format) {
        return text;
    }
    let t = RubyTime {
        zdt: &zdt,
        zone: "",
    };
    strftime::string::strftime(&t, format).unwrap_or_else(|_| format.to_string())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// `t.strftime(format)` for the common directives; `None` for the rest.
pub fn simple_strftime(t: &ZonedDateTime, format: &str) -> Option<String> {
    let mut out = String::with_capacity(format.len() + 16);
    simple_strftime_into(&mut out, t, format)?;
    Some(out)
}

/// `simple_strftime`, appended to `out` (`None`: a partial text is left).
pub fn simple_strftime_into(out: &mut String, t: &ZonedDateTime, format: &str) -> Option<()> {
    if !(1000..=9999).contains(&t.year()) {
        return None;
    }
    let b = format.as_bytes();
    let mut literal_from = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        out.push_str(&format[literal_from..i]);
        let unpadded = b.get(i + 1) == Some(&b'-');
        let at = i + 1 + usize::from(unpadded);
        directive(t, *b.get(at)?, unpadded, out)?;
        i = at + 1;
        literal_from = i;
    }
    out.push_str(&format[literal_from..]);
    Some(())
}

/// Writes one directive (`None`: not one of the fast ones).
fn directive(t: &ZonedDateTime, d: u8, unpadded: bool, out: &mut String) -> Option<()> {
    let number = |n: i32, width: usize, pad: u8, out: &mut String| {
        push_number(out, n.unsigned_abs(), if unpadded { 0 } else { width }, pad);
    };
    let month = usize::try_from(t.month() - 1).ok()?;
    let weekday = usize::from(t.weekday().to_sunday_zero_offset() as u8);
    match d {
        b'Y' if !unpadded => number(t.year().into(), 4, b'0', out),
        b'y' => number(i32::from(t.year()) % 100, 2, b'0', out),
        b'm' => number(t.month().into(), 2, b'0', out),
        b'd' => number(t.day().into(), 2, b'0', out),
        b'e' => number(t.day().into(), 2, b' ', out),
        b'j' => number(t.day_of_year().into(), 3, b'0', out),
        b'H' => number(t.hour().into(), 2, b'0', out),
        b'M' => number(t.minute().into(), 2, b'0', out),
        b'S' => number(t.second().into(), 2, b'0', out),
        b'B' if !unpadded => out.push_str(MONTHS[month]),
        b'b' | b'h' if !unpadded => out.push_str(&MONTHS[month][..3]),
        b'A' if !unpadded => out.push_str(WEEKDAYS[weekday]),
        b'a' if !unpadded => out.push_str(&WEEKDAYS[weekday][..3]),
        b'%' if !unpadded => out.push('%'),
        _ => return None,
    }
    Some(())
}

/// Writes `n` in decimal, left-padded with `pad` to `width` characters.
pub fn push_number(out: &mut String, n: u32, width: usize, pad: u8) {
    if n < 100 && width == 2 {
        // Months, days, hours, minutes, seconds: two digits, no division loop.
        let tens = if n < 10 { pad } else { b'0' + (n / 10) as u8 };
        out.push(char::from(tens));
        out.push(char::from(b'0' + (n % 10) as u8));
        return;
    }
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in digits.len() - at..width {
        out.push(char::from(pad));
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::liquid::filters::date::parse_time;
    use jiff::tz::TimeZone;

    #[test]
    fn matches_the_general_strftime() {
        let times = [
            "2015-01-01 00:00:00 +0000",
            "2015-06-09 03:04:05 -0530",
            "2031-12-31 23:59:59 +1245",
            "1999-02-28 12:00:00 +0100",
        ];
        let formats = [
            "%b %-d, %Y",
            "%Y",
            "%Y-%m-%d",
            "%d %B %Y %H:%M:%S",
            "%a, %A %e %-e %j %-j %y %h",
            "%-m/%-d/%-y %-H:%-M:%-S",
            "100%% é %Y",
            "",
            "no directives",
            "%z %Z %:z %10Y %^b %-Y %-B %q",
            "%",
            "trailing %-",
        ];
        for input in times {
            let t = parse_time(input, TimeZone::UTC).expect(input);
            for format in formats {
                if let Some(fast) = simple_strftime(&t, format) {
                    assert_eq!(fast, strftime_general(&t, format), "{input} {format}");
                }
            }
        }
        let t = parse_time(times[0], TimeZone::UTC).expect("time");
        let cases = [
            ("%b %-d, %Y", Some("Jan 1, 2015")),
            ("%Y", Some("2015")),
            ("%z", None),
            ("%-Y", None),
            ("%", None),
        ];
        for (format, want) in cases {
            assert_eq!(simple_strftime(&t, format).as_deref(), want, "{format}");
        }
    }
}
