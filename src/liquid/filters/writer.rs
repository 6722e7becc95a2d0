//! Filters that write their text in place. When the last filter of an
//! output (`{{ post.title | escape }}`) is one of these, its text goes
//! straight into the page instead of into a new string value that is then
//! copied into the page and freed, and its input is read where it lies,
//! uncopied. The same code serves the ordinary filter call (`as_value`), so
//! both ways give the same text. No Liquid counterpart: Liquid 4.0.4's
//! `Variable#render` always builds the value first (lib/liquid/variable.rb).

use super::R;
use crate::liquid::render::{Context, write_output};
use crate::liquid::value::Value;

/// What a writer made of its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// It appended its output.
    Text,
    /// The output is the input, unchanged (nothing appended).
    Input,
    /// The output is nil (nothing appended).
    Nil,
}

/// A filter's in-place form: appends its output to `out` (which may hold
/// text already) and says what it did. On `Err`, what it appended is dropped.
pub type WriteFn = fn(&Context, &Value, &[Value], &mut String) -> Result<Written, String>;

/// The filter as a value-returning filter: the text is built in the
/// context's reusable buffer and copied once into its value.
pub fn as_value(ctx: &mut Context, input: Value, args: &[Value], write: WriteFn) -> R {
    let mut buf = std::mem::take(&mut ctx.scratch);
    buf.clear();
    let result = write(ctx, &input, args, &mut buf);
    let value = match result {
        Ok(Written::Text) => Ok(Value::str(buf.as_str())),
        Ok(Written::Input) => Ok(input),
        Ok(Written::Nil) => Ok(Value::Nil),
        Err(e) => Err(e),
    };
    ctx.scratch = buf;
    value
}

/// The filter's output appended to `out`, as `write_output` would write the
/// value `as_value` returns.
pub fn write_into(
    ctx: &Context,
    write: WriteFn,
    input: &Value,
    args: &[Value],
    out: &mut String,
) -> Result<(), String> {
    let start = out.len();
    match write(ctx, input, args, out) {
        Ok(Written::Text) => {}
        Ok(Written::Input) => {
            out.truncate(start);
            write_output(input, out);
        }
        Ok(Written::Nil) => out.truncate(start),
        Err(e) => {
            out.truncate(start);
            return Err(e);
        }
    }
    Ok(())
}

/// The filters that have an in-place form, by name.
const WRITERS: &[(&str, WriteFn)] = &[
    ("escape", super::string::escape_into),
    ("capitalize", super::string::capitalize_into),
    ("upcase", super::string::upcase_into),
    ("strip_html", super::string::strip_html_into),
    ("truncatewords", super::string::truncatewords_into),
    ("slugify", super::jekyll::slugify_into),
    ("relative_url", super::jekyll::relative_url_into),
    ("absolute_url", super::jekyll::absolute_url_into),
    ("date", super::date::date_into),
    ("date_to_xmlschema", super::date::xmlschema_filter_into),
];

/// The in-place form of the filter `name`, if it has one.
pub fn lookup(name: &str) -> Option<WriteFn> {
    WRITERS.iter().find(|(n, _)| *n == name).map(|(_, w)| *w)
}
