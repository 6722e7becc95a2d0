//! kramdown 2.4's standalone images (`convert_p` and `convert_standalone_image` in
//! `kramdown/converter/html.rb`): a paragraph holding nothing but an image whose IAL names
//! `standalone` becomes a `<figure>` with the image and its alt text as `<figcaption>`; the
//! image's class and id move to the figure unless the paragraph has its own. `ial` keeps the
//! `standalone` reference on the image for this pass (only then), which drops it again.

use super::entities::escape_attr;
use super::ial::REF;
use super::tree::{Attrs, Block, Document, Image, Inline, Text, walk_text};
use super::writer::attributes;

/// Whether span IAL attributes name `standalone`.
pub(crate) fn is_standalone(attrs: &Attrs) -> bool {
    attrs.iter().any(|(k, v)| k == REF && v == "standalone")
}

/// Turns the top-level standalone image paragraphs into figures and drops the `standalone`
/// references everywhere else. Documents without any have no such reference: `ial` adds them.
pub(crate) fn figures(doc: &mut Document) {
    for block in &mut doc.blocks {
        if let Some(html) = figure(block) {
            *block = Block::Html(html);
        }
    }
    walk_text(doc, &mut |text| {
        if let Text::Inlines(list) = text {
            drop_refs(list);
        }
    });
}

fn drop_refs(list: &mut [Inline]) {
    for inline in list {
        match inline {
            Inline::Attributed(_, attrs) => attrs.retain(|(k, _)| k != REF),
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => drop_refs(c),
            Inline::Link { children, .. } => drop_refs(children),
            _ => {}
        }
    }
}

/// The figure for a paragraph that is one standalone image (kramdown's indentation, at the
/// top level).
fn figure(block: &Block) -> Option<String> {
    let Block::Para(p) = block else { return None };
    let mut parts = p.inlines.iter().filter(|i| !is_empty_text(i));
    let (Some(Inline::Attributed(inner, ial)), None) = (parts.next(), parts.next()) else {
        return None;
    };
    let Inline::Image(image) = &**inner else {
        return None;
    };
    let Image {
        url,
        title,
        alt,
        attrs: def_attrs,
    } = &**image;
    if !is_standalone(ial) || p.transparent {
        return None;
    }
    let mut figure_attrs = p.attrs.clone();
    let mut image_attrs: Attrs = def_attrs.clone();
    image_attrs.extend(ial.iter().filter(|(k, _)| k != REF).cloned());
    for key in ["class", "id"] {
        if !figure_attrs.iter().any(|(k, _)| k == key)
            && let Some(at) = image_attrs.iter().position(|(k, _)| k == key)
        {
            figure_attrs.push(image_attrs.remove(at));
        }
    }
    let mut img = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_attr(url, false),
        escape_attr(alt, true)
    );
    if !title.is_empty() {
        img.push_str(&format!(" title=\"{}\"", escape_attr(title, false)));
    }
    img.push_str(&attributes(&image_attrs));
    Some(format!(
        "<figure{}>\n  {img} />\n  <figcaption>{alt}</figcaption>\n</figure>",
        attributes(&figure_attrs)
    ))
}

fn is_empty_text(inline: &Inline) -> bool {
    matches!(inline, Inline::Text { text, .. } | Inline::Str(text) if text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use crate::converter::markdown::{Options, convert};

    #[test]
    fn standalone_images_become_figures() {
        let cases = [
            (
                "![a b](x.jpg){:#i .c k=\"v\" standalone}\n",
                "<figure class=\"c\" id=\"i\">\n  <img src=\"x.jpg\" alt=\"a b\" k=\"v\" />\n  <figcaption>a b</figcaption>\n</figure>\n",
            ),
            (
                "![a](x.jpg){:.c standalone}\n{:#p}\n",
                "<figure id=\"p\" class=\"c\">\n  <img src=\"x.jpg\" alt=\"a\" />\n  <figcaption>a</figcaption>\n</figure>\n",
            ),
            (
                "t ![a](x.jpg){:.c standalone}\n",
                "<p>t <img src=\"x.jpg\" alt=\"a\" class=\"c\" /></p>\n",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(convert(src, &Options::default()), want, "{src}");
        }
    }
}
