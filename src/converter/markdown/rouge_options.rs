//! Which code kramdown hands to Rouge, and how Rouge wraps it: the options of
//! `kramdown/converter/syntax_highlighter/rouge.rb` as Jekyll 4.3 sets them up
//! (`Jekyll::Converters::Markdown::KramdownParser#setup` and `#highlighter`).
//!
//! - The highlighter is `kramdown.syntax_highlighter`, else the site's
//!   `highlighter` (default `rouge`); anything but Rouge means no highlighting.
//! - `syntax_highlighter_opts` applies to code blocks and spans, with its `block:`
//!   and `span:` hashes merged over it; spans never get the wrapper.
//! - `default_lang` is `plaintext` unless set, and `guess_lang` is always the
//!   `kramdown.guess_lang` setting (Jekyll overwrites the option with it).
//! - Code is left plain when it has no language and neither a default nor
//!   guessing applies, when Rouge has no lexer, when `disable` is set, or when
//!   the lexer is the plain-text one and `guess_lang` is off.
//! - The language comes from the fence or a `language-X` class, and highlighted
//!   code gets kramdown's `highlighter-rouge` class (`kramdown/converter/html.rb`).

use super::entities::push_escaped_attr;
use super::highlighter::Highlighter;
use super::tree::Attrs;
use super::writer::push_attributes;
use crate::liquid::{Map, Value};
use std::borrow::Cow;

/// Rouge's options for one kind of code (kramdown's `:block` or `:span`).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeOptions {
    /// No syntax highlighter at all, or `disable: true`.
    pub disable: bool,
    /// The language of code without one (`plaintext` unless set).
    pub default_lang: String,
    pub guess_lang: bool,
    /// The class of the `pre` Rouge writes (`css_class`, default `highlight`).
    pub css_class: String,
    /// `line_numbers`: Rouge's `HTMLTable` with a gutter.
    pub line_numbers: bool,
    pub start_line: i64,
}

/// The options for code blocks and for code spans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RougeOptions {
    pub block: CodeOptions,
    pub span: CodeOptions,
}

impl Default for CodeOptions {
    fn default() -> CodeOptions {
        CodeOptions {
            disable: false,
            default_lang: "plaintext".into(),
            guess_lang: true,
            css_class: "highlight".into(),
            line_numbers: false,
            start_line: 1,
        }
    }
}

impl RougeOptions {
    /// Reads `kramdown:` (`syntax_highlighter`, `syntax_highlighter_opts`,
    /// `guess_lang`) and the site's `highlighter`.
    pub fn from_config(kramdown: Option<&Map>, site_highlighter: Option<&Value>) -> RougeOptions {
        let get = |key: &str| kramdown.and_then(|m| m.get(key));
        let chosen = get("syntax_highlighter")
            .filter(|v| v.is_truthy())
            .or(site_highlighter.filter(|v| v.is_truthy()))
            .map_or_else(|| "rouge".to_string(), Value::to_s);
        let opts = get("syntax_highlighter_opts").and_then(Value::as_hash);
        let guess_lang = get("guess_lang").is_none_or(Value::is_truthy);
        let read = |kind: &str| {
            let mut code = CodeOptions {
                disable: chosen != "rouge",
                guess_lang,
                ..CodeOptions::default()
            };
            if let Some(opts) = opts {
                code.merge(opts);
                if let Some(own) = opts.get(kind).and_then(Value::as_hash) {
                    code.merge(own);
                }
            }
            code.guess_lang = guess_lang;
            code
        };
        RougeOptions {
            block: read("block"),
            span: read("span"),
        }
    }
}

impl CodeOptions {
    fn merge(&mut self, map: &Map) {
        if let Some(v) = map.get("disable") {
            self.disable |= v.is_truthy();
        }
        // Jekyll's `default_lang ||= "plaintext"`: nil and false keep it.
        if let Some(v) = map.get("default_lang").filter(|v| v.is_truthy()) {
            self.default_lang = v.to_s();
        }
        if let Some(v) = map.get("css_class") {
            self.css_class = v.to_s();
        }
        if let Some(v) = map.get("line_numbers") {
            self.line_numbers = v.is_truthy();
        }
        if let Some(Value::Int(n)) = map.get("start_line") {
            self.start_line = *n;
        }
    }

    /// kramdown's checks before highlighting: the full language string
    /// (`ruby?opts` included) to lex with, or None for plain code.
    pub fn lexer<'s>(&'s self, lang: Option<&'s str>, hl: &dyn Highlighter) -> Option<&'s str> {
        if self.disable {
            return None;
        }
        let full = lang.unwrap_or(&self.default_lang);
        let name = full.split('?').next().unwrap_or(full);
        if !hl.knows(name) || (is_plaintext(name) && !self.guess_lang) {
            return None;
        }
        Some(full)
    }

    /// `format` of `code` highlighted with the lexer `lang`, appended to `out`.
    pub fn push_formatted(&self, out: &mut String, code: &str, hl: &dyn Highlighter, lang: &str) {
        if self.line_numbers {
            out.push_str(&self.format(code, hl.highlight(code, lang)));
        } else {
            hl.push_highlighted(out, code, lang);
        }
    }

    /// Rouge's output for highlighted `tokens` of `code`: as they are, or in
    /// `HTMLTable`'s gutter table when `line_numbers` is on.
    pub fn format(&self, code: &str, mut tokens: String) -> String {
        if !self.line_numbers {
            return tokens;
        }
        let lines = code.matches('\n').count() + usize::from(!code.ends_with('\n'));
        let end = self.start_line + lines as i64;
        let numbers: Vec<String> = (self.start_line..end).map(|n| n.to_string()).collect();
        if !tokens.ends_with('\n') {
            tokens.push('\n');
        }
        format!(
            "<table class=\"rouge-table\"><tbody><tr><td class=\"rouge-gutter gl\"><pre class=\"lineno\">{}\n</pre></td><td class=\"rouge-code\"><pre>{tokens}</pre></td></tr></tbody></table>",
            numbers.join("\n")
        )
    }
}

/// The names Rouge's `PlainText` lexer answers to.
fn is_plaintext(name: &str) -> bool {
    matches!(name, "plaintext" | "text")
}

/// kramdown's `extract_code_language!`: the fence's `language-LANG` class (set by the parser,
/// before IAL classes) or an IAL's; the first one is taken out of the class attribute.
pub(crate) fn extract_code_language<'t>(
    fence: Option<&str>,
    attrs: &'t Attrs,
) -> (Option<String>, Cow<'t, Attrs>) {
    let Some(ial_at) = attrs.iter().position(|(k, _)| k == "class") else {
        // Only the fence's class, if any: the attributes stay as they are.
        let lang = fence.map(|l| l.split('?').next().unwrap_or(l).to_string());
        return (lang, Cow::Borrowed(attrs));
    };
    let fence_class = fence.map(|l| format!("language-{}", l.split('?').next().unwrap_or(l)));
    let classes: Vec<&str> = fence_class
        .iter()
        .map(String::as_str)
        .chain(attrs[ial_at].1.split_whitespace())
        .collect();
    let Some(at) = classes.iter().position(|c| c.starts_with("language-")) else {
        return (None, Cow::Borrowed(attrs));
    };
    let lang = classes[at]["language-".len()..].to_string();
    let rest: Vec<&str> = classes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, c)| *c)
        .collect();
    let mut out: Attrs = attrs
        .iter()
        .filter(|(k, _)| k != "class")
        .cloned()
        .collect();
    if !rest.is_empty() {
        // The class keeps its place when the parser or an IAL put it first.
        let class = ("class".to_string(), rest.join(" "));
        match fence_class {
            Some(_) => out.insert(0, class),
            None => out.insert(ial_at, class),
        }
    }
    (Some(lang), Cow::Owned(out))
}

/// `attributes` of `rouge_class(attrs, lang)` appended to `out`.
pub(crate) fn push_rouge_attributes(out: &mut String, attrs: &Attrs, lang: &str) {
    if attrs.iter().any(|(k, _)| k == "class") {
        push_attributes(out, &rouge_class(attrs, lang));
        return;
    }
    push_attributes(out, attrs);
    out.push_str(" class=\"language-");
    push_escaped_attr(out, lang, false);
    out.push_str(" highlighter-rouge\"");
}

/// kramdown's `add_syntax_highlighter_to_class_attr`: `highlighter-rouge` appended and the
/// first `language-X` made `language-LANG` (or put first); a missing class attribute is added
/// last.
fn rouge_class(attrs: &Attrs, lang: &str) -> Attrs {
    let mut attrs = attrs.clone();
    match attrs.iter_mut().find(|(k, _)| k == "class") {
        Some(slot) => {
            let classes = format!("{} highlighter-rouge", slot.1);
            let mut words: Vec<String> = classes.split_whitespace().map(String::from).collect();
            match words.iter().position(|w| w.starts_with("language-")) {
                Some(i) => words[i] = format!("language-{lang}"),
                None => words.insert(0, format!("language-{lang}")),
            }
            slot.1 = words.join(" ");
        }
        None => attrs.push((
            "class".to_string(),
            format!("language-{lang} highlighter-rouge"),
        )),
    }
    attrs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converter::markdown::RougeNames;

    fn options(kramdown: &str, site: Option<&str>) -> RougeOptions {
        let value = crate::yaml::parse(kramdown).unwrap_or(Value::Nil);
        let site = site.map(Value::from);
        RougeOptions::from_config(value.as_hash(), site.as_ref())
    }

    #[test]
    fn chooses_the_lexer_as_kramdown_does() {
        // (kramdown config, site highlighter, block lang, expected lexer)
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let cases: &[Case] = &[
            ("{}", None, Some("ruby"), Some("ruby")),
            ("{}", None, None, Some("plaintext")),
            ("{}", None, Some("nosuch"), None),
            ("{guess_lang: false}", None, None, None),
            ("{guess_lang: false}", None, Some("text"), None),
            ("{guess_lang: false}", None, Some("ruby"), Some("ruby")),
            (
                "{syntax_highlighter_opts: {guess_lang: false}}",
                None,
                None,
                Some("plaintext"),
            ),
            (
                "{syntax_highlighter_opts: {default_lang: ruby}}",
                None,
                None,
                Some("ruby"),
            ),
            (
                "{syntax_highlighter_opts: {default_lang: null}}",
                None,
                None,
                Some("plaintext"),
            ),
            (
                "{syntax_highlighter_opts: {default_lang: nosuch}}",
                None,
                None,
                None,
            ),
            (
                "{syntax_highlighter_opts: {disable: true}}",
                None,
                Some("ruby"),
                None,
            ),
            (
                "{syntax_highlighter_opts: {block: {disable: true}}}",
                None,
                Some("ruby"),
                None,
            ),
            ("{}", Some("none"), Some("ruby"), None),
            ("{syntax_highlighter: none}", None, Some("ruby"), None),
            (
                "{syntax_highlighter: rouge}",
                Some("none"),
                Some("ruby"),
                Some("ruby"),
            ),
            ("{}", Some("rouge"), Some("ruby?x=1"), Some("ruby?x=1")),
        ];
        for (kramdown, site, lang, want) in cases {
            let opts = options(kramdown, *site);
            let got = opts.block.lexer(*lang, &RougeNames);
            assert_eq!(got, *want, "{kramdown} {site:?} {lang:?}");
        }
    }

    #[test]
    fn spans_and_blocks_merge_their_own_options() {
        let opts = options(
            "{syntax_highlighter_opts: {css_class: hl, span: {disable: true}, block: {line_numbers: true, start_line: 5}}}",
            None,
        );
        assert!(opts.span.disable && !opts.block.disable);
        assert_eq!(opts.block.css_class, "hl");
        assert_eq!(opts.span.css_class, "hl");
        assert!(opts.block.line_numbers && !opts.span.line_numbers);
        assert_eq!(opts.block.start_line, 5);
    }

    fn attrs(pairs: &[(&str, &str)]) -> Attrs {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn extracts_the_code_language_as_kramdown_does() {
        // (fence language, attributes, expected language, expected attributes)
        type Case<'a> = (
            Option<&'a str>,
            &'a [(&'a str, &'a str)],
            Option<&'a str>,
            &'a [(&'a str, &'a str)],
        );
        let cases: &[Case] = &[
            (Some("ruby"), &[], Some("ruby"), &[]),
            (
                Some("ruby?x=1"),
                &[("id", "a")],
                Some("ruby"),
                &[("id", "a")],
            ),
            (None, &[("id", "a")], None, &[("id", "a")]),
            (None, &[("class", "plain")], None, &[("class", "plain")]),
            (
                None,
                &[("class", "a language-go b")],
                Some("go"),
                &[("class", "a b")],
            ),
            (
                Some("ruby"),
                &[("id", "x"), ("class", "c")],
                Some("ruby"),
                &[("class", "c"), ("id", "x")],
            ),
            (
                None,
                &[("id", "x"), ("class", "language-go")],
                Some("go"),
                &[("id", "x")],
            ),
        ];
        for (fence, given, lang, want) in cases {
            let given = attrs(given);
            let (got_lang, got) = extract_code_language(*fence, &given);
            assert_eq!(got_lang.as_deref(), *lang, "{fence:?} {given:?}");
            assert_eq!(*got, attrs(want), "{fence:?} {given:?}");
        }
    }

    #[test]
    fn adds_the_rouge_classes() {
        // (attributes, language, expected HTML attributes)
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
        let cases: &[Case] = &[
            (
                &[("id", "x")],
                "ruby",
                " id=\"x\" class=\"language-ruby highlighter-rouge\"",
            ),
            (
                &[("id", "")],
                "a<b",
                " class=\"language-a&lt;b highlighter-rouge\"",
            ),
            (
                &[("class", "a language-c")],
                "go",
                " class=\"a language-go highlighter-rouge\"",
            ),
            (
                &[("class", "a"), ("id", "x")],
                "go",
                " class=\"language-go a highlighter-rouge\" id=\"x\"",
            ),
        ];
        for (given, lang, want) in cases {
            let mut out = String::new();
            push_rouge_attributes(&mut out, &attrs(given), lang);
            assert_eq!(out, *want, "{given:?} {lang}");
        }
    }

    #[test]
    fn formats_line_numbers_like_rouge_html_table() {
        let opts = CodeOptions {
            line_numbers: true,
            start_line: 5,
            ..CodeOptions::default()
        };
        assert_eq!(
            opts.format("a\nb\n", "a\nb\n".into()),
            "<table class=\"rouge-table\"><tbody><tr><td class=\"rouge-gutter gl\"><pre class=\"lineno\">5\n6\n</pre></td><td class=\"rouge-code\"><pre>a\nb\n</pre></td></tr></tbody></table>"
        );
        assert_eq!(
            opts.format("code", "code".into()),
            "<table class=\"rouge-table\"><tbody><tr><td class=\"rouge-gutter gl\"><pre class=\"lineno\">5\n</pre></td><td class=\"rouge-code\"><pre>code\n</pre></td></tr></tbody></table>"
        );
        assert_eq!(CodeOptions::default().format("x", "x".into()), "x");
    }
}
