//! kramdown's `{::options key="value" /}` extension (`kramdown/parser/kramdown/extensions.rb`,
//! `handle_extension`): each setting goes into the parser's options at once and into the root
//! element's `options[:options]`, which `Converter::Base.convert` merges over the converter's
//! options. So a parser option (`parse_block_html`) applies from the extension on, and a
//! converter option (`footnote_nr`, `auto_ids`, `syntax_highlighter_opts`, …) applies to the
//! whole document, the last setting of a key winning.

use super::build::Builder;
use super::ial;
use super::options::Options;
use super::rouge_options::RougeOptions;
use crate::liquid::{Map, Value};

/// An option set in the document: where (an offset in the rewritten source), key and value.
pub(crate) type Setting = (usize, String, String);

/// Options kramdown's parser reads while parsing, not the converter afterwards (the first two
/// apply from where they are set; hyde does not apply the others inline).
const PARSER_OPTIONS: [&str; 4] = [
    "parse_block_html",
    "parse_span_html",
    "hard_wrap",
    "gfm_quirks",
];

/// The settings of an extension's attribute list (`parse_attribute_list`), found at `at`.
pub(crate) fn settings(attrs: &str, at: usize) -> Vec<Setting> {
    let Some(list) = ial::parse(&format!("{{:{attrs}}}")) else {
        return Vec::new();
    };
    list.into_iter()
        .filter(|(k, _)| k != ial::REF)
        .map(|(k, v)| (at, k, v))
        .collect()
}

/// The `{::options … /}` span extensions of a line (outside code spans), found at `at`.
pub(crate) fn in_line(line: &str, at: usize) -> Vec<Setting> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("{::options") {
        let before = &line[..line.len() - rest.len() + i];
        let body = &rest[i + "{::options".len()..];
        let end = close_of(body);
        if let Some(end) = end.filter(|_| before.matches('`').count().is_multiple_of(2)) {
            let attrs = body[..end].trim_end().trim_end_matches('/');
            if body.starts_with(char::is_whitespace) || body.starts_with('/') {
                out.extend(settings(attrs, at));
            }
        }
        rest = &body[end.unwrap_or(0)..];
    }
    out
}

/// Where the `}` closing an attribute list is (`\}` escapes one).
fn close_of(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'}' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

impl Options {
    /// These options with the document's settings applied: converter options document-wide,
    /// `parse_block_html` from where it is set (`text` is the source the offsets index).
    pub(crate) fn with_settings(&self, settings: &[Setting], text: &str) -> Options {
        let mut opts = self.clone();
        let mut map = Map::new();
        for (at, key, value) in settings {
            if key == "parse_block_html" {
                opts.block_html_from.push((*at, kramdown_bool(value)));
            } else if key == "parse_span_html" {
                opts.span_html_from.push((*at, kramdown_bool(value)));
            } else if !PARSER_OPTIONS.contains(&key.as_str()) {
                map.insert(key.as_str().into(), Value::from(value.as_str()));
            }
        }
        if !opts.block_html_from.is_empty() || !opts.span_html_from.is_empty() {
            opts.block_html_text = (text.as_ptr() as usize, text.len());
        }
        if let Some(Value::Str(yaml)) = map.get("syntax_highlighter_opts") {
            // kramdown's `simple_hash_validator` reads the string as YAML; the inline hash
            // replaces the whole setting, Jekyll's `guess_lang` in it too.
            let hash = crate::yaml::parse(yaml)
                .ok()
                .filter(|v| v.as_hash().is_some());
            let mut kramdown = Map::new();
            if let Some(hash) = hash {
                let guess = hash.as_hash().and_then(|h| h.get("guess_lang")).cloned();
                kramdown.insert("guess_lang".into(), guess.unwrap_or(Value::Bool(false)));
                kramdown.insert("syntax_highlighter_opts".into(), hash);
                let disabled = opts.rouge.block.disable && opts.rouge.span.disable;
                opts.rouge = RougeOptions::from_config(Some(&kramdown), None);
                opts.rouge.block.disable |= disabled;
                opts.rouge.span.disable |= disabled;
            }
            map.shift_remove("syntax_highlighter_opts");
        }
        opts.apply(&map);
        opts
    }
}

/// kramdown's `Options.parse` of a Boolean: anything but "false" and "" is true.
fn kramdown_bool(value: &str) -> bool {
    let v = value.trim().to_lowercase();
    v != "false" && !v.is_empty()
}

impl Builder<'_> {
    /// `parse_block_html` for block HTML starting at `start` of this builder's source.
    pub(super) fn parse_block_html_at(&self, start: usize) -> bool {
        let opts = self.opts;
        self.setting_at(start, &opts.block_html_from, opts.parse_block_html)
    }

    /// `parse_span_html` for span HTML starting at `start` of this builder's source.
    pub(super) fn parse_span_html_at(&self, start: usize) -> bool {
        let opts = self.opts;
        self.setting_at(start, &opts.span_html_from, opts.parse_span_html)
    }

    /// A setting at `start`: the last one set before it, else `base`.
    fn setting_at(&self, start: usize, from: &[(usize, bool)], base: bool) -> bool {
        let opts = self.opts;
        if from.is_empty() {
            return base;
        }
        // The settings index the document's source; a fragment parsed on its own is a
        // slice of it, or else takes the setting the document started with.
        let (text, len) = opts.block_html_text;
        let Some(at) = (self.src.as_ptr() as usize)
            .checked_sub(text)
            .filter(|off| *off <= len)
            .map(|off| off + start)
        else {
            return base;
        };
        from.iter()
            .rev()
            .find(|(set_at, _)| *set_at <= at)
            .map_or(base, |(_, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings() {
        let cases: [(&str, Vec<(&str, &str)>); 4] = [
            (
                r#" footnote_nr="10" auto_ids="false""#,
                vec![("footnote_nr", "10"), ("auto_ids", "false")],
            ),
            (
                r#" syntax_highlighter_opts="{default_lang: ruby\}""#,
                vec![("syntax_highlighter_opts", "{default_lang: ruby}")],
            ),
            ("", vec![]),
            (" plain", vec![]),
        ];
        for (attrs, want) in cases {
            let got: Vec<(String, String)> = settings(attrs, 0)
                .into_iter()
                .map(|(_, k, v)| (k, v))
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(got, want, "{attrs}");
        }
    }

    #[test]
    fn finds_span_options() {
        let cases = [
            (r#"This is {::options footnote_nr="3" /} text"#, 1),
            (r#"`{::options footnote_nr="3" /}`"#, 0),
            ("{::optionsx /}", 0),
            ("no options", 0),
        ];
        for (line, n) in cases {
            assert_eq!(in_line(line, 0).len(), n, "{line}");
        }
    }

    #[test]
    fn converter_options_apply_to_the_document() {
        let settings = vec![
            (5, "footnote_nr".to_string(), "10".to_string()),
            (9, "auto_ids".to_string(), "false".to_string()),
            (7, "parse_block_html".to_string(), "true".to_string()),
            (9, "template".to_string(), "/etc/passwd".to_string()),
        ];
        let opts = Options::default().with_settings(&settings, "text");
        assert_eq!(opts.footnote_nr, 10);
        assert!(!opts.auto_ids);
        assert!(!opts.parse_block_html);
        assert_eq!(opts.block_html_from, vec![(7, true)]);
    }
}
