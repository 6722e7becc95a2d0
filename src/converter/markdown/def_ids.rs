//! Ids of definition terms (`convert_dt` in `kramdown/converter/html.rb`): a definition list
//! whose IAL has the reference `auto_ids` (or `auto_ids-PREFIX`) gives each term without an
//! id one from kramdown's `basic_generate_id` of its text, with the prefix and no numbering
//! of repeats. The first such reference counts; it is no attribute and is dropped here.

use super::ial::REF;
use super::tree::{Attrs, DefPart, plain_text};

/// Gives the terms of a definition list with `{:auto_ids}` their ids.
pub(crate) fn auto_ids(parts: &mut [DefPart], attrs: &mut Attrs) {
    let prefix = attrs
        .iter()
        .filter(|(k, _)| k == REF)
        .find_map(|(_, v)| v.strip_prefix("auto_ids"))
        .map(|rest| rest.strip_prefix('-').unwrap_or("").to_string());
    attrs.retain(|(k, _)| k != REF);
    let Some(prefix) = prefix else { return };
    for part in parts {
        if let DefPart::Term(inlines, term_attrs) = part
            && !term_attrs.iter().any(|(k, _)| k == "id")
        {
            let mut text = String::new();
            plain_text(inlines, &mut text);
            let id = format!("{prefix}{}", basic_id(&text));
            term_attrs.push(("id".to_string(), id.trim_start().to_string()));
        }
    }
}

/// kramdown's `basic_generate_id`: from the first ASCII letter on, ASCII letters, digits,
/// spaces and dashes, spaces as dashes, lower case.
pub(crate) fn basic_id(text: &str) -> String {
    text.trim_start_matches(|c: char| !c.is_ascii_alphabetic())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::converter::markdown::{Options, convert};

    #[test]
    fn terms_get_ids() {
        let cases = [
            (
                "{:auto_ids}\nItem One\n: def\n",
                "<dl>\n  <dt id=\"item-one\">Item One</dt>\n  <dd>def</dd>\n</dl>\n",
            ),
            (
                "{:auto_ids-p-}\nitem\n: def\n\n{:#own} x\n: def\n",
                "<dl>\n  <dt id=\"p-item\">item</dt>\n  <dd>def</dd>\n  <dt id=\"own\">x</dt>\n  <dd>def</dd>\n</dl>\n",
            ),
            (
                "{:.c} term\n: def\n",
                "<dl>\n  <dt class=\"c\">term</dt>\n  <dd>def</dd>\n</dl>\n",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(convert(src, &Options::default()), want, "{src}");
        }
    }
}
