//! Abbreviations as kramdown applies them (`kramdown/parser/kramdown/abbreviation.rb`,
//! `replace_abbreviations`, and `convert_abbreviation` in `converter/html.rb`): every
//! definition `*[ABBR]: title` applies to the whole document, and each occurrence in text
//! that starts at a non-word character (or the start) and is not followed by a word
//! character becomes `<abbr title="…">ABBR</abbr>`. Definitions are read by
//! `block_extensions`; this pass rewrites the text.

use super::entities::escape_text;
use super::tree::{Attrs, Document, Inline, Text, walk_text};
use super::writer::attributes;

/// One definition: the abbreviation, its title and the attributes of its IALs.
#[derive(Debug, Clone)]
pub(crate) struct Abbreviation {
    pub name: String,
    pub title: String,
    pub attrs: Attrs,
}

/// Marks the abbreviations of `defs` in all text of `doc`.
pub(crate) fn apply(doc: &mut Document, defs: &[Abbreviation]) {
    let Some(marker) = Marker::new(defs) else {
        return;
    };
    walk_text(doc, &mut |text| {
        if let Text::Inlines(inlines) = text {
            marker.inlines(inlines);
        }
    });
}

struct Marker<'a> {
    defs: &'a [Abbreviation],
    /// The abbreviations, longest first: the first that starts a position is the one
    /// kramdown's `Regexp.union` of the sorted names matches there.
    names: Vec<&'a str>,
}

impl<'a> Marker<'a> {
    fn new(defs: &'a [Abbreviation]) -> Option<Self> {
        let mut names: Vec<&str> = defs.iter().map(|d| d.name.as_str()).collect();
        if names.is_empty() {
            return None;
        }
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Some(Marker { defs, names })
    }

    fn inlines(&self, inlines: &mut Vec<Inline>) {
        let mut out = Vec::with_capacity(inlines.len());
        for inline in inlines.drain(..) {
            match inline {
                Inline::Str(text) => self.text(&text, &mut out),
                mut other => {
                    match &mut other {
                        Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => self.inlines(c),
                        Inline::Link { children, .. } => self.inlines(children),
                        _ => {}
                    }
                    out.push(other);
                }
            }
        }
        *inlines = out;
    }

    /// Splits one text run at its abbreviations.
    fn text(&self, text: &str, out: &mut Vec<Inline>) {
        let mut start = 0;
        let mut i = 0;
        while i < text.len() {
            let at_boundary = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
            let found = at_boundary
                .then(|| self.names.iter().find(|n| text[i..].starts_with(**n)))
                .flatten()
                .map(|n| n.len())
                .filter(|&len| text[i + len..].chars().next().is_none_or(|c| !is_word(c)));
            match found {
                Some(len) => {
                    if start < i {
                        out.push(Inline::Str(text[start..i].to_string().into()));
                    }
                    out.push(Inline::Html(self.abbr(&text[i..i + len])));
                    i += len;
                    start = i;
                }
                None => i += text[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        if start < text.len() {
            out.push(Inline::Str(text[start..].to_string().into()));
        }
    }

    /// kramdown's `convert_abbreviation`: the IAL attributes, then the title if not empty.
    fn abbr(&self, name: &str) -> String {
        let mut attrs = Attrs::new();
        if let Some(def) = self.defs.iter().find(|d| d.name == name) {
            attrs.extend(def.attrs.iter().cloned());
            if !def.title.is_empty() {
                attrs.push(("title".to_string(), def.title.clone()));
            }
        }
        format!("<abbr{}>{}</abbr>", attributes(&attrs), escape_text(name))
    }
}

/// Ruby's `\w` (ASCII word characters; kramdown's regexps are not Unicode-aware here).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}
