//! Inline attribute lists as kramdown applies them (`kramdown/parser/kramdown/extensions.rb`
//! `parse_attribute_list`, `block_boundary.rb`, `update_attr_with_ial`): a `{: .c #id k="v"}`
//! line after a block (or before one, when nothing precedes it) and a `{:...}` right after a
//! link, image or emphasis. CommonMark leaves these as text; they are found in the tree here.
//! A trailing IAL line of a list or block quote arrives as a lazy paragraph line and is moved
//! to the container, as kramdown ends the container there.

use super::tree::{Attrs, Block, Inline};

/// Applies block and span IALs throughout `blocks`.
pub(crate) fn apply(blocks: &mut Vec<Block>) {
    apply_level(blocks, true);
}

fn apply_level(blocks: &mut Vec<Block>, top: bool) {
    let mut i = 0;
    while i < blocks.len() {
        if let Some(attrs) = standalone(&blocks[i]) {
            blocks.remove(i);
            // After a blank line the list is kept for the next block (`@block_ial`).
            let target = match i.checked_sub(1) {
                Some(j) if !matches!(blocks[j], Block::Blank) => Some(j),
                _ => (i..blocks.len()).find(|&j| !matches!(blocks[j], Block::Blank)),
            };
            if let Some(block) = target.and_then(|t| blocks.get_mut(t)) {
                apply_block_ial(block, attrs);
            }
            continue;
        }
        if top && let Some(attrs) = container_trailer(&mut blocks[i]) {
            apply_block_ial(&mut blocks[i], attrs);
        }
        descend(&mut blocks[i]);
        i += 1;
    }
    super::blanks::merge(blocks);
}

fn descend(block: &mut Block) {
    descend_into(block);
    // A paragraph that was math and its IAL lines is block math (kramdown reads the IAL
    // lines as blocks of their own).
    if let Block::Para(p) = block
        && let [Inline::Math(math)] = p.inlines.as_slice()
        && !p.attrs.is_empty()
    {
        *block = Block::Math(math.clone(), std::mem::take(&mut p.attrs));
    }
}

fn descend_into(block: &mut Block) {
    match block {
        Block::Para(p) => {
            if let Some(attrs) = leading(&mut p.inlines) {
                merge(&mut p.attrs, without_refs(attrs));
            }
            if let Some(attrs) = trailing(&mut p.inlines) {
                merge(&mut p.attrs, without_refs(attrs));
            }
            spans(&mut p.inlines);
        }
        Block::Heading { inlines, .. } => spans(inlines),
        Block::Quote { blocks, .. } | Block::HtmlElement { blocks, .. } => {
            apply_level(blocks, false)
        }
        Block::List { items, .. } => {
            for item in items {
                item_ial(item);
                apply_level(&mut item.blocks, false);
            }
        }
        Block::DefList(parts, attrs) => {
            for part in parts.iter_mut() {
                match part {
                    super::tree::DefPart::Definition(item) => {
                        item_ial(item);
                        apply_level(&mut item.blocks, false);
                    }
                    super::tree::DefPart::Term(inlines, attrs) => term_ial(inlines, attrs),
                }
            }
            super::def_ids::auto_ids(parts, attrs);
        }
        Block::Table { sections, .. } => {
            for cell in sections
                .iter_mut()
                .flat_map(|s| s.rows.iter_mut().flatten())
            {
                spans(cell);
            }
        }
        _ => {}
    }
}

/// kramdown's `LIST_ITEM_IAL`: `{:…}` opening an item's text sets the item's attributes.
fn item_ial(item: &mut super::tree::Item) {
    let Some(Block::Para(p)) = item.blocks.first_mut() else {
        return;
    };
    let Some((attrs, used)) = leading_ial(&p.inlines) else {
        return;
    };
    consume_text(&mut p.inlines, 0, used);
    if let Some(Inline::Text { text, .. }) = p.inlines.first_mut() {
        *text = text.trim_start().to_string().into();
    }
    merge(&mut item.attrs, without_refs(attrs));
}

/// kramdown's `LIST_ITEM_IAL` on a definition term's line (`parse_definition_list`).
fn term_ial(inlines: &mut Vec<Inline>, attrs: &mut Attrs) {
    let Some((ial, used)) = leading_ial(inlines) else {
        return;
    };
    consume_text(inlines, 0, used);
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        *text = text.trim_start().to_string().into();
    }
    merge(attrs, without_refs(ial));
}

/// Whether a paragraph is nothing but an IAL line.
pub(crate) fn is_ial_para(p: &super::tree::Para) -> bool {
    opens_ial(&p.inlines, true) && text_of(&p.inlines).is_some_and(|t| parse(t.trim()).is_some())
}

/// The attributes of a paragraph that is nothing but an IAL (or a table row that is).
fn standalone(block: &Block) -> Option<Attrs> {
    match block {
        Block::Para(p) if opens_ial(&p.inlines, true) => parse(text_of(&p.inlines)?.trim()),
        _ => None,
    }
}

/// A list's or quote's IAL that CommonMark took as the last lazy paragraph line.
fn container_trailer(block: &mut Block) -> Option<Attrs> {
    let para = match block {
        Block::List { items, .. } => last_para(&mut items.last_mut()?.blocks)?,
        Block::Quote { blocks, .. } => last_para(blocks)?,
        Block::Table { sections, .. } => {
            let rows = &mut sections.last_mut()?.rows;
            let last = rows.last()?;
            let attrs = parse(text_of(last.first()?)?.trim())?;
            if last.iter().skip(1).all(Vec::is_empty) {
                rows.pop();
                return Some(attrs);
            }
            return None;
        }
        _ => return None,
    };
    trailing(para)
}

fn last_para<'b, 's>(blocks: &'b mut [Block<'s>]) -> Option<&'b mut Vec<Inline<'s>>> {
    match blocks.last_mut()? {
        Block::Para(p) => Some(&mut p.inlines),
        Block::List { items, .. } => last_para(&mut items.last_mut()?.blocks),
        Block::Quote { blocks, .. } => last_para(blocks),
        _ => None,
    }
}

/// Removes a final `{:...}` line from a paragraph's content.
fn trailing(inlines: &mut Vec<Inline>) -> Option<Attrs> {
    let soft = inlines.iter().rposition(|i| matches!(i, Inline::Soft))?;
    if !opens_ial(&inlines[soft + 1..], true) {
        return None;
    }
    let attrs = parse(text_of(&inlines[soft + 1..])?.trim())?;
    inlines.truncate(soft);
    Some(attrs)
}

/// Span IALs: `{:...}` opening the text right after a link, image or emphasis.
fn spans(inlines: &mut Vec<Inline>) {
    let mut i = 0;
    while i + 1 < inlines.len() {
        let target = matches!(
            inlines[i],
            Inline::Link { .. }
                | Inline::Image(_)
                | Inline::Em(_)
                | Inline::Strong(_)
                | Inline::Code(_)
        );
        // Several IALs in a row all apply (`{: .a}{: .b}`).
        let mut found: Option<Attrs> = None;
        while target && let Some((attrs, used)) = leading_ial(&inlines[i + 1..]) {
            consume_text(inlines, i + 1, used);
            // `standalone` (kramdown 2.4's figures) stays for the `standalone` pass.
            let attrs: Attrs = attrs
                .into_iter()
                .filter(|(k, v)| k != REF || v == "standalone")
                .collect();
            merge(found.get_or_insert_with(Attrs::new), attrs);
        }
        if let Some(attrs) = found {
            let el = std::mem::replace(&mut inlines[i], Inline::Soft);
            inlines[i] = Inline::Attributed(Box::new(el), attrs);
        }
        if let Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) = &mut inlines[i] {
            spans(c);
        }
        i += 1;
    }
}

/// An IAL at the start of the text items beginning `inlines` (pulldown-cmark splits text at
/// `_`, `*`, quotes…): its attributes and its length.
fn leading_ial(inlines: &[Inline]) -> Option<(Attrs, usize)> {
    if !opens_ial(inlines, false) {
        return None;
    }
    let mut text = String::new();
    for inline in inlines {
        let Inline::Text { text: t, .. } = inline else {
            break;
        };
        text.push_str(t);
        if t.contains('}') {
            break;
        }
    }
    let end = text.strip_prefix("{:")?.find('}')? + 3;
    Some((parse(&text[..end])?, end))
}

/// Removes `used` bytes of text from the items starting at `from`.
fn consume_text(inlines: &mut Vec<Inline>, from: usize, mut used: usize) {
    while used > 0 && from < inlines.len() {
        let Inline::Text { text, .. } = &mut inlines[from] else {
            return;
        };
        if text.len() <= used {
            used -= text.len();
            inlines.remove(from);
        } else {
            text.to_mut().replace_range(..used, "");
            used = 0;
        }
    }
}

/// A paragraph whose first line is an IAL: kramdown applies it to the paragraph.
fn leading(inlines: &mut Vec<Inline>) -> Option<Attrs> {
    let soft = inlines.iter().position(|i| matches!(i, Inline::Soft))?;
    if !opens_ial(&inlines[..soft], true) {
        return None;
    }
    let attrs = parse(text_of(&inlines[..soft])?.trim())?;
    inlines.drain(..=soft);
    Some(attrs)
}

/// Whether the text items opening `inlines` start with `{:` (after white space if `trim`),
/// checked without joining them: most runs of text have no IAL, and joining them for every
/// link and emphasis was a measurable share of the conversion.
fn opens_ial(inlines: &[Inline], trim: bool) -> bool {
    let mut seen = 0;
    for inline in inlines {
        let Inline::Text { text, .. } = inline else {
            return false;
        };
        for c in text.chars() {
            match (seen, c) {
                (0, c) if trim && c.is_whitespace() => {}
                (0, '{') => seen = 1,
                (1, ':') => return true,
                _ => return false,
            }
        }
    }
    false
}

/// The text of inlines that are all plain text.
fn text_of(inlines: &[Inline]) -> Option<String> {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            _ => return None,
        }
    }
    Some(out)
}

/// The block's attributes (a raw HTML block takes them into its first tag instead).
fn block_attrs<'b>(block: &'b mut Block<'_>) -> Option<&'b mut Attrs> {
    match block {
        Block::Para(p) => Some(&mut p.attrs),
        Block::Heading { attrs, .. }
        | Block::Code { attrs, .. }
        | Block::Quote { attrs, .. }
        | Block::List { attrs, .. }
        | Block::Table { attrs, .. }
        | Block::Rule(attrs)
        | Block::Math(_, attrs)
        | Block::DefList(_, attrs)
        | Block::HtmlElement { attrs, .. } => Some(attrs),
        Block::Html(_) | Block::Toc { .. } | Block::Blank => None,
    }
}

/// Sets a block IAL's attributes; a list with the `toc` reference becomes the table of
/// contents (kramdown's `{:toc}`).
pub(crate) fn apply_block_ial(block: &mut Block, mut ial: Attrs) {
    let toc = ial.iter().any(|(k, v)| k == REF && v == "toc");
    if ial.iter().any(|(k, v)| k == REF && v == "footnotes") && matches!(block, Block::List { .. })
    {
        // kramdown's `{:footnotes}`: the list marks where the footnotes go.
        *block = Block::Html(super::writer::FOOTNOTES_PLACE.to_string());
        return;
    }
    // `{:auto_ids}` on a definition list stays for `def_ids`.
    let keep = matches!(block, Block::DefList(..));
    ial.retain(|(k, v)| k != REF || (keep && v.starts_with("auto_ids")));
    if let (
        true,
        Block::List {
            ordered,
            items,
            attrs,
        },
    ) = (toc, &*block)
    {
        let mut attrs = attrs.clone();
        merge(&mut attrs, ial);
        *block = Block::Toc {
            ordered: *ordered,
            items: items.clone(),
            attrs,
        };
        return;
    }
    if let Block::Html(html) = block {
        add_to_first_tag(html, &ial);
    } else if let Some(attrs) = block_attrs(block) {
        merge(attrs, ial);
    }
}

/// An IAL on a raw HTML block: its attributes join the element's (kramdown parsed the
/// element, so they are written after the element's own). Keys the tag has are left alone.
fn add_to_first_tag(html: &mut String, ial: &Attrs) {
    let is_tag = html.starts_with('<') && html[1..].starts_with(|c: char| c.is_ascii_alphabetic());
    let Some(end) = html.find('>').filter(|_| is_tag) else {
        return;
    };
    let end = if html[..end].ends_with('/') {
        end - 1
    } else {
        end
    };
    let tag = &html[..end];
    let extra: Attrs = ial
        .iter()
        .filter(|(k, _)| !tag.contains(&format!(" {k}=")))
        .cloned()
        .collect();
    html.insert_str(end, &super::writer::attributes(&extra));
}

/// The key under which an IAL's references (`{: toc}`) are carried.
pub(crate) const REF: &str = "\u{0}ref";

fn without_refs(mut attrs: Attrs) -> Attrs {
    attrs.retain(|(k, _)| k != REF);
    attrs
}

/// kramdown's `update_attr_with_ial`: classes accumulate, other keys are replaced.
pub(crate) fn merge(attrs: &mut Attrs, ial: Attrs) {
    for (k, v) in ial {
        match attrs.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) if k == "class" => slot.1 = format!("{} {v}", slot.1).trim().to_string(),
            Some(slot) => slot.1 = v,
            None => attrs.push((k, v)),
        }
    }
}

/// Parses `{: .a #b k="v"}` (kramdown's `parse_attribute_list`; references are ignored).
pub(crate) fn parse(s: &str) -> Option<Attrs> {
    let body = s.strip_prefix("{:")?.strip_suffix('}')?;
    if body.starts_with(':') || body.starts_with('/') || body.replace("\\}", "").contains('}') {
        return None;
    }
    let mut attrs = Attrs::new();
    let mut rest = body.trim_start();
    while !rest.is_empty() {
        let used = if let Some((k, v, n)) = key_value(rest) {
            merge(&mut attrs, vec![(k, v)]);
            n
        } else {
            let n = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let token = &rest[..n];
            if token
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                attrs.push((REF.to_string(), token.to_string()));
            }
            for (k, v) in ids_and_classes(token) {
                merge(&mut attrs, vec![(k, v)]);
            }
            n
        };
        rest = rest[used..].trim_start();
    }
    Some(attrs)
}

/// `key="value"` or `key='value'`.
fn key_value(s: &str) -> Option<(String, String, usize)> {
    let eq = s.find('=')?;
    let key = &s[..eq];
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if key.is_empty() || !key.chars().all(word) {
        return None;
    }
    let quote = s[eq + 1..]
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')?;
    // kramdown's `ALD_TYPE_KEY_VALUE_PAIR`: `\"` (or `\'`) and `\}` are escapes.
    let value_start = eq + 2;
    let mut value = String::new();
    let mut chars = s[value_start..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if s[value_start + i + 1..].starts_with([quote, '}']) => {
                value.extend(chars.next().map(|(_, c)| c));
            }
            c if c == quote => return Some((key.to_string(), value, value_start + i + 1)),
            c => value.push(c),
        }
    }
    None
}

/// `.class`, `#id` and runs of them such as `.a.b#c`.
fn ids_and_classes(token: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = token;
    while let Some(kind) = rest.chars().next().filter(|c| *c == '.' || *c == '#') {
        let body = &rest[1..];
        let n = body.find(['.', '#']).unwrap_or(body.len());
        if n > 0 {
            let key = if kind == '.' { "class" } else { "id" };
            out.push((key.to_string(), body[..n].to_string()));
        }
        rest = &body[n..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_attribute_lists() {
        let cases: [(&str, &[(&str, &str)]); 4] = [
            ("{: .p #pid}", &[("class", "p"), ("id", "pid")]),
            ("{:target=\"_blank\"}", &[("target", "_blank")]),
            (
                "{: .a .b width='50%'}",
                &[("class", "a b"), ("width", "50%")],
            ),
            ("{: #custom .c}", &[("id", "custom"), ("class", "c")]),
        ];
        for (src, want) in cases {
            let want: Attrs = want
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(parse(src), Some(want), "{src}");
        }
        assert_eq!(parse("{::comment}"), None);
        assert_eq!(parse("{not}"), None);
    }

    #[test]
    fn opens_ial_looks_across_text_items() {
        let text = |s: &str| Inline::Text {
            text: s.to_string().into(),
            literal: 0,
            next: Default::default(),
        };
        let cases: [(&[Inline], bool, bool); 8] = [
            (&[text("{: .a}")], false, true),
            (&[text(" {:.a}")], false, false),
            (&[text(" \u{a0}{:.a}")], true, true),
            (&[text(""), text("{"), text(":x}")], false, true),
            (&[text("{}")], false, false),
            (&[text("  ")], true, false),
            (&[text(" "), Inline::Soft, text("{:")], true, false),
            (&[], true, false),
        ];
        for (inlines, trim, want) in cases {
            assert_eq!(opens_ial(inlines, trim), want, "{inlines:?}");
        }
    }
}
