//! kramdown's block constructs that `rewrite` reads from the source lines and records:
//! link definitions with IALs, IAL groups and attribute list definitions, definition-list
//! lines, abbreviation definitions and extensions (in `kramdown/parser/kramdown/`: `link.rb`,
//! `extensions.rb`, `list.rb` for definitions, `abbreviation.rb`).

use super::*;

impl Rewritten {
    /// A line that starts like a link definition: kramdown's definition rewritten for
    /// pulldown-cmark, or paragraph text when kramdown declines it. Returns the next line.
    pub(super) fn link_definition(&mut self, lines: &[&str], i: usize) -> usize {
        let mut def = match link_definition::read(lines, i) {
            Reading::Definition(def) => def,
            Reading::Text => {
                self.pending_link.clear();
                push_escaped(&mut self.text, lines[i]);
                return i + 1;
            }
        };
        let next = i + def.lines;
        let mut attrs = std::mem::take(&mut self.pending_link);
        let below = lines[next..].iter().map(|l| l.trim_end_matches('\n'));
        for line in below.take_while(|l| IAL.is_match(l) && !l.starts_with(' ')) {
            match ial::parse(line.trim()) {
                Some(more) => ial::merge(&mut attrs, more),
                None => break,
            }
        }
        if !attrs.is_empty() {
            self.link_attrs.push(attrs);
            def.url = link_definition::mark_url(&def.url, self.link_attrs.len());
        }
        self.text.push_str(&def.to_commonmark());
        if lines
            .get(next)
            .is_some_and(|l| l.starts_with("    ") && !l.trim().is_empty())
        {
            // A code block to kramdown, where CommonMark continues the definition's
            // paragraph: a line break alone ends it (see `line`).
            self.text.push_str("\r\n");
        }
        next
    }

    /// A group of IAL lines starting at the margin: kept for the abbreviation definition
    /// below it, or marked for the block above or below it. Returns the next line to look
    /// at, or `None` when a line of the group is not a valid attribute list.
    pub(super) fn ial_group(&mut self, lines: &[&str], i: usize) -> Option<usize> {
        let mut end = i;
        let mut attrs = Attrs::new();
        while let Some(line) = lines.get(end).map(|l| l.trim_end_matches('\n')) {
            if !IAL.is_match(line) {
                break;
            }
            ial::merge(&mut attrs, ial::parse(line.trim())?);
            end += 1;
        }
        let above = attaches_above(lines, i);
        if !above
            && lines
                .get(end)
                .is_some_and(|l| ABBREV.is_match(l.trim_end_matches('\n')))
        {
            ial::merge(&mut self.pending, attrs);
            return Some(end);
        }
        if !above && lines.get(end).is_some_and(|l| is_link_definition(l)) {
            ial::merge(&mut self.pending_link, attrs);
            return Some(end);
        }
        let marked = match (above, i.checked_sub(1).map(|p| lines[p])) {
            // The attributes of link and footnote definitions: not kept by hyde.
            // The attributes of link definitions were taken by `link_definition`.
            (true, Some(prev)) if LINK_DEF.is_match(prev) => Marked::Eob,
            (true, Some(prev)) if in_html_block(lines, i) && !prev.trim().is_empty() => {
                self.text.push_str("\r\n");
                Marked::Above(attrs)
            }
            (true, _) => Marked::Above(attrs),
            (false, _) => Marked::Below(attrs),
        };
        self.mark(marked);
        Some(end)
    }

    /// kramdown's definition lists where CommonMark's differ: a definition two blank lines
    /// below its term is a paragraph. Returns whether it wrote the line.
    pub(super) fn definition_list_line(&mut self, lines: &[&str], i: usize) -> bool {
        let blank = |j: usize| lines.get(j).is_none_or(|l| l.trim().is_empty());
        let after_definition = || {
            let above = lines[..i].iter().rev().skip_while(|l| l.trim().is_empty());
            let run: Vec<&&str> = above.take_while(|l| !l.trim().is_empty()).collect();
            run.iter().any(|l| DEFINITION.is_match(l))
        };
        if lead(lines[i]) == b':'
            && DEFINITION.is_match(lines[i])
            && i >= 2
            && blank(i - 1)
            && blank(i - 2)
            && !after_definition()
        {
            let colon = lines[i].find(':').unwrap_or(0);
            self.text.push_str(&lines[i][..colon]);
            self.text.push('\\');
            self.text.push_str(&lines[i][colon..]);
            return true;
        }
        lead(lines[i]) == b':' && self.ial_only_definition(lines, i)
    }

    /// A definition whose first line is nothing but an IAL, above a line indented at least
    /// four spaces: kramdown reads the IAL as the definition's and the line as blank
    /// (`LIST_ITEM_IAL_CHECK`: content indent 4), so eight spaces make code. The line is
    /// written as `: ` and nothing else (a blank first line, whose code `blank_first_line_indent`
    /// dedents as kramdown does) with a marker in the definition that `resolve` turns into
    /// its attributes. Only below a term at the margin, outside any container, where
    /// pulldown-cmark surely reads a definition. Returns whether it wrote the line.
    fn ial_only_definition(&mut self, lines: &[&str], i: usize) -> bool {
        let Some(text) = lines[i].strip_prefix(": ") else {
            return false;
        };
        let below = lines.get(i + 1).is_some_and(|l| {
            l.starts_with("    ") && !l.trim().is_empty() && !is_marker_line(l.trim_start())
        });
        if !below
            || !super::super::as_written::is_item_ial_line(text.trim_start())
            || !term_at_margin(lines, i)
        {
            return false;
        }
        let Some(attrs) = ial::parse(text.trim()) else {
            return false;
        };
        self.marks.push(Marked::Definition(attrs));
        self.text.push_str(": \n  ```");
        self.text.push_str(MARK);
        self.text.push_str(&self.marks.len().to_string());
        self.text.push_str("\n  ```\n");
        true
    }

    /// Records the ALD `{:name: body}` (kramdown's `parse_attribute_list` into `@alds[name]`).
    pub(super) fn definition(&mut self, name: &str, body: &str) {
        let Some(attrs) = ial::parse(&format!("{{:{body}}}")) else {
            return;
        };
        match self.alds.iter_mut().find(|(n, _)| n == name) {
            Some((_, known)) => {
                for (k, v) in attrs {
                    if k == ial::REF {
                        known.push((k, v));
                    } else {
                        ial::merge(known, vec![(k, v)]);
                    }
                }
            }
            None => self.alds.push((name.to_string(), attrs)),
        }
    }

    /// kramdown's `update_attr_with_ial`: the ALDs an IAL names first (recursively), then its
    /// own attributes. The names stay, for `{:toc}`.
    pub(super) fn expand(&self, attrs: &Attrs, depth: usize) -> Attrs {
        let mut out = Attrs::new();
        let refs = attrs.iter().filter(|(k, _)| k == ial::REF);
        for (_, name) in refs.clone() {
            let ald = self.alds.iter().find(|(n, _)| n == name);
            if let (Some((_, ald)), true) = (ald, depth < 8) {
                let inner = self.expand(ald, depth + 1);
                ial::merge(
                    &mut out,
                    inner.into_iter().filter(|(k, _)| k != ial::REF).collect(),
                );
            }
        }
        ial::merge(
            &mut out,
            attrs
                .iter()
                .filter(|(k, _)| k != ial::REF)
                .cloned()
                .collect(),
        );
        out.extend(refs.cloned());
        out
    }

    /// Records `*[name]: title` with the IALs around it; returns the next line to look at.
    pub(super) fn abbreviation(
        &mut self,
        lines: &[&str],
        i: usize,
        name: &str,
        title: &str,
    ) -> usize {
        let mut attrs = std::mem::take(&mut self.pending);
        let mut next = i + 1;
        while let Some(found) = lines
            .get(next)
            .and_then(|l| ial::parse(l.trim()))
            .filter(|_| IAL.is_match(lines[next].trim_end_matches('\n')))
        {
            ial::merge(&mut attrs, found);
            next += 1;
        }
        self.abbreviations.retain(|a| a.name != name);
        self.abbreviations.push(Abbreviation {
            name: name.to_string(),
            title: title.to_string(),
            attrs,
        });
        self.mark(Marked::Eob);
        next
    }

    pub(super) fn extension(&mut self, name: &str, attrs: &str, content: &str) {
        let content = content.strip_suffix('\n').unwrap_or(content);
        match name {
            "comment" => self.mark(Marked::Html(format!("<!-- {content} -->"))),
            "nomarkdown" if is_html_type(attrs) => self.mark(Marked::Html(content.to_string())),
            _ => self.mark(Marked::Eob),
        }
    }
}

/// Whether the lines above line `i` (one blank line aside) are a term paragraph and
/// definitions that start at the margin with no container, HTML or indentation.
fn term_at_margin(lines: &[&str], i: usize) -> bool {
    let mut above = lines[..i].iter().rev().peekable();
    above.next_if(|l| l.trim().is_empty());
    let run: Vec<&&str> = above.take_while(|l| !l.trim().is_empty()).collect();
    let Some(first) = run.last() else {
        return false;
    };
    let opens_container = |l: &str| {
        let c = l.chars().next().unwrap_or(' ');
        matches!(
            c,
            ' ' | '\t' | '>' | '<' | '*' | '-' | '+' | '[' | '`' | '~' | ':' | '{'
        ) || c.is_ascii_digit()
    };
    !opens_container(first) && !run.iter().any(|l| l.starts_with('>'))
}
