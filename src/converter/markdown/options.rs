//! kramdown options as Jekyll 4.3 sets them (`Jekyll::Configuration::DEFAULTS["kramdown"]`
//! merged over `kramdown/options.rb` defaults), read from the site's `kramdown:` config map.

use super::rouge_options::RougeOptions;
use crate::liquid::{Map, Value};

/// The kramdown options that change the HTML hyde writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// `auto_ids`: give headers GitHub-style ids.
    pub auto_ids: bool,
    /// `auto_id_prefix`: prepended to every generated id.
    pub auto_id_prefix: String,
    /// `hard_wrap`: every newline in a paragraph becomes `<br />`.
    pub hard_wrap: bool,
    /// `smart_quotes`: entity names for lsquo, rsquo, ldquo, rdquo.
    pub smart_quotes: [String; 4],
    /// `toc_levels`: the header levels a `{:toc}` list would show.
    pub toc_levels: (u8, u8),
    /// `parse_block_html`: parse Markdown inside block HTML elements.
    pub parse_block_html: bool,
    /// `parse_span_html`: parse Markdown inside span HTML elements.
    pub parse_span_html: bool,
    /// `footnote_nr`: the number of the first footnote.
    pub footnote_nr: usize,
    /// `footnote_prefix`: prepended to footnote ids.
    pub footnote_prefix: String,
    /// `footnote_backlink`: the backlink text (raw HTML; empty = no backlink).
    pub footnote_backlink: String,
    /// `footnote_backlink_inline`: put the backlink inside a trailing non-paragraph block.
    pub footnote_backlink_inline: bool,
    /// `header_offset`: added to every header level (clamped to 1..=6).
    pub header_offset: i64,
    /// `gfm_quirks: no_auto_typographic` turns this off: `--`, `...`, `<<`, `>>` substitutions.
    pub typographic_syms: bool,
    /// `syntax_highlighter`, `syntax_highlighter_opts` and `guess_lang`.
    pub rouge: RougeOptions,
    /// `parse_block_html` as `{::options}` set it partway: from which offset of the source
    /// (`block_html_text`: its address and length), which value (`inline_options`).
    pub(crate) block_html_from: Vec<(usize, bool)>,
    pub(crate) block_html_text: (usize, usize),
    /// `parse_span_html` as `{::options}` set it partway (as `block_html_from`).
    pub(crate) span_html_from: Vec<(usize, bool)>,
}

impl Default for Options {
    /// Jekyll 4.3's effective kramdown defaults.
    fn default() -> Options {
        Options {
            auto_ids: true,
            auto_id_prefix: String::new(),
            hard_wrap: false,
            smart_quotes: ["lsquo", "rsquo", "ldquo", "rdquo"].map(String::from),
            toc_levels: (1, 6),
            parse_block_html: false,
            parse_span_html: true,
            footnote_nr: 1,
            footnote_prefix: String::new(),
            footnote_backlink: "&#8617;".to_string(),
            footnote_backlink_inline: false,
            header_offset: 0,
            typographic_syms: true,
            rouge: RougeOptions::default(),
            block_html_from: Vec::new(),
            block_html_text: (0, 0),
            span_html_from: Vec::new(),
        }
    }
}

impl Options {
    /// The options of a site: its `kramdown:` map, and its `highlighter`.
    pub fn from_site_config(config: &Map) -> Options {
        let kramdown = config.get("kramdown").and_then(Value::as_hash);
        let mut opts = Options::from_config(kramdown);
        opts.rouge = RougeOptions::from_config(kramdown, config.get("highlighter"));
        opts
    }

    /// Reads the site's `kramdown:` map; missing or malformed keys keep Jekyll's defaults.
    pub fn from_config(kramdown: Option<&Map>) -> Options {
        let mut opts = Options::default();
        let Some(map) = kramdown else {
            return opts;
        };
        opts.rouge = RougeOptions::from_config(Some(map), None);
        opts.apply(map);
        opts
    }

    /// Sets the options `map` names; missing or malformed keys keep their values.
    pub(crate) fn apply(&mut self, map: &Map) {
        let opts = self;
        if let Some(v) = map.get("auto_ids").and_then(as_bool) {
            opts.auto_ids = v;
        }
        if let Some(v) = map.get("auto_id_prefix").and_then(as_string) {
            opts.auto_id_prefix = v;
        }
        if let Some(v) = map.get("hard_wrap").and_then(as_bool) {
            opts.hard_wrap = v;
        }
        if let Some(v) = map.get("smart_quotes").and_then(smart_quotes) {
            opts.smart_quotes = v;
        }
        if let Some(v) = map.get("toc_levels").and_then(toc_levels) {
            opts.toc_levels = v;
        }
        if let Some(v) = map.get("parse_block_html").and_then(as_bool) {
            opts.parse_block_html = v;
        }
        if let Some(v) = map.get("parse_span_html").and_then(as_bool) {
            opts.parse_span_html = v;
        }
        if let Some(v) = map.get("footnote_nr").and_then(as_int) {
            opts.footnote_nr = usize::try_from(v).unwrap_or(1);
        }
        if let Some(v) = map.get("footnote_prefix").and_then(as_string) {
            opts.footnote_prefix = v;
        }
        if let Some(v) = map.get("footnote_backlink").and_then(as_string) {
            opts.footnote_backlink = v;
        }
        if let Some(v) = map.get("footnote_backlink_inline").and_then(as_bool) {
            opts.footnote_backlink_inline = v;
        }
        if let Some(v) = map.get("header_offset").and_then(as_int) {
            opts.header_offset = v;
        }
        if let Some(q) = map.get("gfm_quirks") {
            opts.typographic_syms = !list_of_strings(q)
                .iter()
                .any(|s| s == "no_auto_typographic");
        }
    }
}

fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Nil => Some(false),
        Value::Str(s) => match s.trim() {
            "true" => Some(true),
            "false" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.to_string()),
        Value::Nil => Some(String::new()),
        Value::Int(n) => Some(n.to_string()),
        _ => None,
    }
}

fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(n) => Some(*n),
        Value::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn list_of_strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(as_string).collect(),
        Value::Str(s) => s.split(',').map(|p| p.trim().to_string()).collect(),
        _ => Vec::new(),
    }
}

/// `smart_quotes` is "lsquo,rsquo,ldquo,rdquo" or a four-element array.
fn smart_quotes(v: &Value) -> Option<[String; 4]> {
    let names = list_of_strings(v);
    <[String; 4]>::try_from(names).ok()
}

/// `toc_levels` is an array of levels or a range string such as "2..3".
fn toc_levels(v: &Value) -> Option<(u8, u8)> {
    let levels: Vec<i64> = match v {
        Value::Array(items) => items.iter().filter_map(as_int).collect(),
        Value::Range(a, b) => vec![*a, *b],
        Value::Str(s) => {
            let (a, b) = s.split_once("..")?;
            vec![a.trim().parse().ok()?, b.trim().parse().ok()?]
        }
        _ => return None,
    };
    let lo = u8::try_from(*levels.iter().min()?).ok()?;
    let hi = u8::try_from(*levels.iter().max()?).ok()?;
    Some((lo.clamp(1, 6), hi.clamp(1, 6)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_config_keys() {
        let mut map = Map::new();
        map.insert("auto_ids".into(), Value::Bool(false));
        map.insert("smart_quotes".into(), "apos,apos,quot,quot".into());
        map.insert("toc_levels".into(), "2..3".into());
        map.insert("footnote_nr".into(), Value::Int(5));
        let opts = Options::from_config(Some(&map));
        assert!(!opts.auto_ids);
        assert_eq!(opts.smart_quotes[0], "apos");
        assert_eq!(opts.smart_quotes[3], "quot");
        assert_eq!(opts.toc_levels, (2, 3));
        assert_eq!(opts.footnote_nr, 5);
    }

    #[test]
    fn defaults_when_absent() {
        assert_eq!(Options::from_config(None), Options::default());
        assert_eq!(Options::from_config(Some(&Map::new())), Options::default());
    }
}
