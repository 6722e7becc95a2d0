//! CSV/TSV data files as Jekyll's DataReader reads them: Ruby's `CSV.read(path,
//! headers:, converters:, col_sep:)` then `row.to_hash` for each row. Written by
//! hand rather than with the csv crate because Ruby tells an empty unquoted field
//! (`nil`) from a quoted empty one (`""`), and reports malformed quoting with
//! Ruby's messages and line numbers.

use crate::liquid::{Map, Value};

/// The `csv_reader` / `tsv_reader` settings of `_config.yml`.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvOptions {
    /// `csv_converters`: Ruby CSV converter names (`integer`, `float`,
    /// `numeric`, `all`; date converters are not supported and leave strings).
    pub converters: Vec<String>,
    /// `headers`: true gives an array of hashes keyed by the first row.
    pub headers: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            converters: Vec::new(),
            headers: true,
        }
    }
}

/// `CSV::MalformedCSVError`, with Ruby's message ("... in line N.").
#[derive(Debug, Clone, PartialEq)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

/// A parsed field: `None` for an empty unquoted field (Ruby's nil).
type Field = Option<String>;

/// Parse a whole CSV/TSV text into the value Jekyll stores in `site.data`.
pub fn read(text: &str, col_sep: char, options: &CsvOptions) -> Result<Value, CsvError> {
    let rows = parse_rows(text, col_sep)?;
    let convert = |f: &Field| convert_field(f, &options.converters);
    if !options.headers {
        let rows = rows
            .iter()
            .map(|row| Value::array(row.iter().map(convert).collect()))
            .collect();
        return Ok(Value::array(rows));
    }
    let Some((header, body)) = rows.split_first() else {
        return Ok(Value::array(Vec::new()));
    };
    let hashes = body
        .iter()
        .map(|row| Value::hash(row_to_hash(header, row, &convert)))
        .collect();
    Ok(Value::array(hashes))
}

/// `CSV::Row#to_hash`: the first field under a repeated header wins; missing
/// fields are nil; extra fields sit under the nil header (stored as "").
fn row_to_hash(header: &[Field], row: &[Field], convert: &dyn Fn(&Field) -> Value) -> Map {
    let width = header.len().max(row.len());
    let mut map = Map::new();
    for i in 0..width {
        let key = header.get(i).cloned().flatten().unwrap_or_default();
        if !map.contains_key(&key) {
            map.insert(key, row.get(i).map_or(Value::Nil, convert));
        }
    }
    map
}

fn parse_rows(text: &str, col_sep: char) -> Result<Vec<Vec<Field>>, CsvError> {
    let mut parser = Parser {
        chars: text.chars().peekable(),
        line: 1,
        col_sep,
    };
    let mut rows = Vec::new();
    while parser.chars.peek().is_some() {
        rows.push(parser.row()?);
    }
    Ok(rows)
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    col_sep: char,
}

impl Parser<'_> {
    /// One record; a blank line is a record with no fields.
    fn row(&mut self) -> Result<Vec<Field>, CsvError> {
        let row_line = self.line;
        if self.eat_row_end() {
            return Ok(Vec::new());
        }
        let mut fields = Vec::new();
        loop {
            fields.push(self.field(row_line)?);
            if self.chars.peek() == Some(&self.col_sep) {
                self.chars.next();
                continue;
            }
            self.eat_row_end();
            return Ok(fields);
        }
    }

    fn eat_row_end(&mut self) -> bool {
        match self.chars.peek() {
            Some('\n') => {
                self.chars.next();
                self.line += 1;
                true
            }
            Some('\r') => {
                self.chars.next();
                if self.chars.peek() == Some(&'\n') {
                    self.chars.next();
                }
                self.line += 1;
                true
            }
            None => true,
            _ => false,
        }
    }

    fn at_field_end(&mut self) -> bool {
        matches!(self.chars.peek(), None | Some('\n' | '\r'))
            || self.chars.peek() == Some(&self.col_sep)
    }

    fn field(&mut self, row_line: usize) -> Result<Field, CsvError> {
        if self.chars.peek() == Some(&'"') {
            self.chars.next();
            return self.quoted(row_line).map(Some);
        }
        let mut value = String::new();
        while !self.at_field_end() {
            let c = self.chars.next().unwrap_or_default();
            if c == '"' {
                return Err(self.error(row_line, "Illegal quoting"));
            }
            value.push(c);
        }
        Ok((!value.is_empty()).then_some(value))
    }

    fn quoted(&mut self, row_line: usize) -> Result<String, CsvError> {
        let mut value = String::new();
        loop {
            match self.chars.next() {
                None => return Err(self.error(row_line, "Unclosed quoted field")),
                Some('"') if self.chars.peek() == Some(&'"') => {
                    self.chars.next();
                    value.push('"');
                }
                Some('"') if self.at_field_end() => return Ok(value),
                Some('"') => {
                    return Err(self.error(row_line, "Any value after quoted field isn't allowed"));
                }
                Some(c) => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    value.push(c);
                }
            }
        }
    }

    fn error(&self, line: usize, what: &str) -> CsvError {
        CsvError {
            line,
            message: format!("{what} in line {line}."),
        }
    }
}

/// Ruby CSV's built-in converters, applied in order to non-nil fields; a field
/// no converter accepts stays a string.
fn convert_field(field: &Field, converters: &[String]) -> Value {
    let Some(text) = field else {
        return Value::Nil;
    };
    for name in converters {
        let converted = match name.as_str() {
            "integer" => ruby_integer(text).map(Value::Int),
            "float" => ruby_float(text).map(Value::Float),
            "numeric" | "all" => ruby_integer(text)
                .map(Value::Int)
                .or_else(|| ruby_float(text).map(Value::Float)),
            _ => None,
        };
        if let Some(v) = converted {
            return v;
        }
    }
    Value::str(text.as_str())
}

/// Ruby's `Integer(s)`: surrounding blanks, a sign, `0x`/`0b`/`0o`/`0` prefixes,
/// underscores between digits.
fn ruby_integer(s: &str) -> Option<i64> {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace());
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if !underscores_between_digits(digits) {
        return None;
    }
    let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
    let n = i64::from_str_radix(&cleaned, radix).ok()?;
    Some(if negative { -n } else { n })
}

/// Ruby's `Float(s)` for decimal text (no `inf`/`nan`, no trailing dot).
fn ruby_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace());
    let plain = t.trim_start_matches(['+', '-']);
    let ok_chars = plain
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'_' | b'+' | b'-'));
    if !ok_chars || plain.ends_with('.') || plain.contains(".e") || !underscores_between_digits(t) {
        return None;
    }
    t.replace('_', "").parse().ok()
}

fn underscores_between_digits(s: &str) -> bool {
    let b = s.as_bytes();
    !s.is_empty()
        && b.iter().enumerate().all(|(i, &c)| {
            c != b'_'
                || (i > 0
                    && b[i - 1].is_ascii_alphanumeric()
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(v: &Value) -> String {
        match v {
            Value::Nil => "nil".into(),
            Value::Str(s) => format!("{s:?}"),
            Value::Int(n) => n.to_string(),
            Value::Float(f) => format!("{f:?}"),
            Value::Array(items) => {
                let inner: Vec<String> = items.iter().map(show).collect();
                format!("[{}]", inner.join(", "))
            }
            Value::Hash(map) => {
                let inner: Vec<String> = map
                    .iter()
                    .map(|(k, v)| format!("{k:?}=>{}", show(v)))
                    .collect();
                format!("{{{}}}", inner.join(", "))
            }
            other => format!("{other:?}"),
        }
    }

    /// Expected values are Ruby 3.1's `CSV.read(..., headers: true)` + `to_hash`.
    #[test]
    fn rows_read_as_ruby_csv() {
        let cases = [
            (
                "a,b,a,c\n1,,\"\",x\n2\n3,4,5,6,7\n\"q\"\"x\",\"multi\nline\"\n",
                r#"[{"a"=>"1", "b"=>nil, "c"=>"x"}, {"a"=>"2", "b"=>nil, "c"=>nil}, {"a"=>"3", "b"=>"4", "c"=>"6", ""=>"7"}, {"a"=>"q\"x", "b"=>"multi\nline", "c"=>nil}]"#,
            ),
            (
                "a,b\n1,2\n\n3,4\n",
                r#"[{"a"=>"1", "b"=>"2"}, {"a"=>nil, "b"=>nil}, {"a"=>"3", "b"=>"4"}]"#,
            ),
            ("a,b\r\n1,2\r\n", r#"[{"a"=>"1", "b"=>"2"}]"#),
            ("a,b\n1,2", r#"[{"a"=>"1", "b"=>"2"}]"#),
            ("a,b\n 1 , 2 \n", r#"[{"a"=>" 1 ", "b"=>" 2 "}]"#),
            ("a\n", "[]"),
            ("", "[]"),
            ("a,b\n1,2,\n", r#"[{"a"=>"1", "b"=>"2", ""=>nil}]"#),
            (
                "\u{feff}h1,h2\nv1,v2\n",
                r#"[{"\u{feff}h1"=>"v1", "h2"=>"v2"}]"#,
            ),
        ];
        for (text, want) in cases {
            let got = read(text, ',', &CsvOptions::default()).expect(text);
            assert_eq!(show(&got), want, "{text:?}");
        }
    }

    #[test]
    fn malformed_quoting_is_reported_as_ruby_does() {
        let cases = [
            (
                "a,b\n\"x\"y,2\n",
                "Any value after quoted field isn't allowed in line 2.",
            ),
            ("a,b\nx\"y,2\n", "Illegal quoting in line 2."),
            ("a,b\n\"unclosed,2\n", "Unclosed quoted field in line 2."),
        ];
        for (text, want) in cases {
            let err = read(text, ',', &CsvOptions::default()).unwrap_err();
            assert_eq!(err.message, want, "{text:?}");
            assert_eq!(err.line, 2);
        }
    }

    #[test]
    fn headers_off_and_converters() {
        let no_headers = CsvOptions {
            converters: vec![],
            headers: false,
        };
        let got = read("a,b\n1,2\n\n3\t,\n", ',', &no_headers).unwrap();
        assert_eq!(show(&got), r#"[["a", "b"], ["1", "2"], [], ["3\t", nil]]"#);

        let numeric = CsvOptions {
            converters: vec!["numeric".into()],
            headers: true,
        };
        let got = read("a\tb\tc\td\n12\t1.5\tx\t0x1A\n", '\t', &numeric).unwrap();
        assert_eq!(show(&got), r#"[{"a"=>12, "b"=>1.5, "c"=>"x", "d"=>26}]"#);
    }
}
