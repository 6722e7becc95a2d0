//! A port of Python 3.11's `html.parser.HTMLParser` (Lib/html/parser.py and
//! Lib/_markupbase.py) with `convert_charrefs=True`, fed a whole document and closed, as
//! `tools/sitediff.py` uses it. It mirrors Python's scanning rules — the tolerant regexes for
//! start tags and attributes (`locatestarttagend_tolerant`, `attrfind_tolerant`, with the regex
//! engine's backtracking on unclosed quotes), comments, `<!DOCTYPE>` declarations, processing
//! instructions, marked sections, bogus comments and the CDATA content of `<script>`/`<style>`
//! — so that both tools class the same pairs of files as equivalent.

use super::charref::unescape;
use super::html_tokens::{Tokens, is_py_space};

const CDATA_CONTENT_ELEMENTS: [&str; 2] = ["script", "style"];

/// The scanning half of `HTMLParser`; positions are byte offsets (every delimiter is ASCII).
pub struct Parser<'a> {
    raw: &'a str,
    cdata_elem: Option<String>,
    sink: &'a mut Tokens,
}

/// A match of Python's `attrfind_tolerant` at some position.
struct AttrMatch {
    name: (usize, usize),
    value: Option<(usize, usize)>,
    end: usize,
}

impl<'a> Parser<'a> {
    pub fn new(raw: &'a str, sink: &'a mut Tokens) -> Self {
        Parser {
            raw,
            cdata_elem: None,
            sink,
        }
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.raw.get(i..).and_then(|s| s.chars().next())
    }

    fn skip_while(&self, mut i: usize, pred: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.char_at(i) {
            if !pred(c) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    fn find(&self, needle: &str, from: usize) -> Option<usize> {
        self.raw.get(from..)?.find(needle).map(|p| p + from)
    }

    /// Text outside markup is unescaped, except inside `<script>`/`<style>`.
    fn text(&mut self, from: usize, to: usize) {
        let chunk = &self.raw[from..to];
        let data = if self.cdata_elem.is_some() {
            chunk.to_string()
        } else {
            unescape(chunk)
        };
        self.sink.data(data);
    }

    /// `goahead(end=1)`: a single pass is what `feed(text); close()` amounts to.
    pub fn goahead(&mut self) {
        let n = self.raw.len();
        let mut i = 0;
        while i < n {
            let j = match &self.cdata_elem {
                None => self.find("<", i).unwrap_or(n),
                Some(elem) => match self.find_cdata_end(elem, i) {
                    Some(j) => j,
                    None => break,
                },
            };
            if i < j {
                self.text(i, j);
            }
            i = j;
            if i == n {
                break;
            }
            match self.markup(i) {
                Some(k) => i = k,
                None => break,
            }
        }
        if i < n && self.cdata_elem.is_none() {
            self.text(i, n);
        }
    }

    /// Handle the markup at `i` (a `<`); the position after it, or None to stop.
    fn markup(&mut self, i: usize) -> Option<usize> {
        let rest = &self.raw[i..];
        let k = if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            self.parse_starttag(i)
        } else if rest.starts_with("</") {
            self.parse_endtag(i)
        } else if rest.starts_with("<!--") {
            self.parse_comment(i)
        } else if rest.starts_with("<?") {
            self.parse_pi(i)
        } else if rest.starts_with("<!") {
            self.parse_html_declaration(i)
        } else if i + 1 < self.raw.len() {
            self.sink.data("<".to_string());
            Some(i + 1)
        } else {
            return None;
        };
        Some(k.unwrap_or_else(|| self.unterminated(i)))
    }

    /// Unterminated markup at the end of input becomes text up to the next `>` or `<`.
    fn unterminated(&mut self, i: usize) -> usize {
        let k = match self.find(">", i + 1) {
            Some(k) => k + 1,
            None => self.find("<", i + 1).unwrap_or(i + 1),
        };
        self.text(i, k);
        k
    }

    /// Python's `interesting` regex in CDATA mode: `</\s*elem\s*>`, case-insensitive.
    fn find_cdata_end(&self, elem: &str, from: usize) -> Option<usize> {
        let mut at = from;
        while let Some(p) = self.find("</", at) {
            let name_at = self.skip_while(p + 2, is_py_space);
            let name = self.raw.get(name_at..name_at + elem.len());
            if name.is_some_and(|s| s.eq_ignore_ascii_case(elem)) {
                let gt = self.skip_while(name_at + elem.len(), is_py_space);
                if self.char_at(gt) == Some('>') {
                    return Some(p);
                }
            }
            at = p + 2;
        }
        None
    }

    fn parse_starttag(&mut self, i: usize) -> Option<usize> {
        let endpos = self.check_for_whole_start_tag(i)?;
        let name_end = self.skip_while(i + 1, is_tag_name_char);
        let tag = self.raw[i + 1..name_end].to_lowercase();
        let mut k = self.skip_space_or_lone_slash(name_end);
        let mut attrs = Vec::new();
        while k < endpos {
            let Some(m) = self.attr_at(k) else { break };
            let name = self.raw[m.name.0..m.name.1].to_lowercase();
            let value = m.value.map(|(a, b)| {
                let v = strip_quotes(&self.raw[a..b]);
                if v.is_empty() {
                    String::new()
                } else {
                    unescape(v)
                }
            });
            attrs.push((name, value));
            k = m.end;
        }
        let end = self.raw[k..endpos].trim_matches(is_py_space);
        if end != ">" && end != "/>" {
            self.sink.data(self.raw[i..endpos].to_string());
            return Some(endpos);
        }
        if end.ends_with("/>") {
            self.sink.start_end_tag(&tag, &attrs);
        } else {
            self.sink.start_tag(&tag, &attrs);
            if CDATA_CONTENT_ELEMENTS.contains(&tag.as_str()) {
                self.cdata_elem = Some(tag);
            }
        }
        Some(endpos)
    }

    /// `check_for_whole_start_tag`: where the start tag at `i` ends, None if unterminated.
    fn check_for_whole_start_tag(&self, i: usize) -> Option<usize> {
        let j = self.locate_start_tag_end(i);
        match self.char_at(j) {
            Some('>') => Some(j + 1),
            Some('/') => self.raw[j..].starts_with("/>").then_some(j + 2),
            None => None,
            Some(c) if c.is_ascii_alphabetic() || c == '=' || c == '/' => None,
            Some(_) => Some(if j > i { j } else { i + 1 }),
        }
    }

    /// The end of Python's `locatestarttagend_tolerant` match at `i`.
    fn locate_start_tag_end(&self, i: usize) -> usize {
        let mut pos = self.skip_while(i + 1, is_tag_name_char);
        pos = self.skip_while(pos, |c| is_py_space(c) || c == '/');
        while let Some(m) = self.attr_at(pos) {
            pos = m.end;
        }
        self.skip_while(pos, is_py_space)
    }

    /// `(?:\s|/(?!>))*`
    fn skip_space_or_lone_slash(&self, mut pos: usize) -> usize {
        loop {
            match self.char_at(pos) {
                Some(c) if is_py_space(c) => pos += c.len_utf8(),
                Some('/') if self.char_at(pos + 1) != Some('>') => pos += 1,
                _ => return pos,
            }
        }
    }

    /// Python's `attrfind_tolerant` matched at `k`, with the regex engine's backtracking
    /// for values that do not parse (unclosed quotes) reproduced by `value_at`.
    fn attr_at(&self, k: usize) -> Option<AttrMatch> {
        let prev = self.raw[..k].chars().next_back()?;
        if !(prev == '\'' || prev == '"' || prev == '/' || is_py_space(prev)) {
            return None;
        }
        let first = self.char_at(k)?;
        if is_py_space(first) || first == '/' || first == '>' {
            return None;
        }
        let name_end = self.skip_while(k + first.len_utf8(), |c| {
            !(is_py_space(c) || c == '/' || c == '=' || c == '>')
        });
        let (value, after) = match self.value_group(name_end) {
            Some((range, end)) => (Some(range), end),
            None => (None, name_end),
        };
        let end = self.skip_space_or_lone_slash(after);
        Some(AttrMatch {
            name: (k, name_end),
            value,
            end,
        })
    }

    /// `\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*)` at `pos`: the value's range and end.
    fn value_group(&self, pos: usize) -> Option<((usize, usize), usize)> {
        let eq_start = self.skip_while(pos, is_py_space);
        let eq_end = self.skip_while(eq_start, |c| c == '=');
        if eq_end == eq_start {
            return None;
        }
        // Backtracking order: most '=' first, then most whitespace first.
        for eq in (eq_start + 1..=eq_end).rev() {
            let ws_end = self.skip_while(eq, is_py_space);
            let mut starts: Vec<usize> = self.raw[eq..ws_end]
                .char_indices()
                .map(|(o, _)| eq + o)
                .collect();
            starts.push(ws_end);
            for &v in starts.iter().rev() {
                if let Some(end) = self.value_at(v) {
                    return Some(((v, end), end));
                }
            }
        }
        None
    }

    fn value_at(&self, v: usize) -> Option<usize> {
        match self.char_at(v) {
            Some(q @ ('\'' | '"')) => self.find(&q.to_string(), v + 1).map(|close| close + 1),
            _ => Some(self.skip_while(v, |c| c != '>' && !is_py_space(c))),
        }
    }

    fn parse_endtag(&mut self, i: usize) -> Option<usize> {
        let gtpos = self.find(">", i + 1)? + 1;
        if let Some(name) = self.end_tag_name(i) {
            let elem = name.to_lowercase();
            if self.cdata_elem.as_ref().is_some_and(|c| *c != elem) {
                self.sink.data(self.raw[i..gtpos].to_string());
                return Some(gtpos);
            }
            self.sink.end_tag(&elem);
            self.cdata_elem = None;
            return Some(gtpos);
        }
        if self.cdata_elem.is_some() {
            self.sink.data(self.raw[i..gtpos].to_string());
            return Some(gtpos);
        }
        if !self.char_at(i + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
            if self.raw[i..].starts_with("</>") {
                return Some(i + 3);
            }
            return self.parse_bogus_comment(i);
        }
        let name_end = self.skip_while(i + 2, is_tag_name_char);
        let tagname = self.raw[i + 2..name_end].to_lowercase();
        let after = self.skip_space_or_lone_slash(name_end);
        self.sink.end_tag(&tagname);
        Some(self.find(">", after).map_or(self.raw.len(), |p| p + 1))
    }

    /// Python's `endtagfind`: `</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>` matched at `i`.
    fn end_tag_name(&self, i: usize) -> Option<&str> {
        let start = self.skip_while(i + 2, is_py_space);
        if !self.char_at(start)?.is_ascii_alphabetic() {
            return None;
        }
        let end = self.skip_while(start + 1, |c| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':' | '_')
        });
        let gt = self.skip_while(end, is_py_space);
        (self.char_at(gt) == Some('>')).then(|| &self.raw[start..end])
    }

    fn parse_bogus_comment(&mut self, i: usize) -> Option<usize> {
        let pos = self.find(">", i + 2)?;
        self.sink.comment(&self.raw[i + 2..pos]);
        Some(pos + 1)
    }

    /// `<!--` … the first `--\s*>`.
    fn parse_comment(&mut self, i: usize) -> Option<usize> {
        let mut at = i + 4;
        while let Some(p) = self.find("--", at) {
            let gt = self.skip_while(p + 2, is_py_space);
            if self.char_at(gt) == Some('>') {
                self.sink.comment(&self.raw[i + 4..p]);
                return Some(gt + 1);
            }
            at = p + 1;
        }
        None
    }

    fn parse_pi(&mut self, i: usize) -> Option<usize> {
        let j = self.find(">", i + 2)?;
        self.sink.pi(&self.raw[i + 2..j]);
        Some(j + 1)
    }

    fn parse_html_declaration(&mut self, i: usize) -> Option<usize> {
        let rest = &self.raw[i..];
        if rest.starts_with("<![") {
            return self.parse_marked_section(i);
        }
        if rest
            .get(..9)
            .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype"))
        {
            let gt = self.find(">", i + 9)?;
            self.sink.decl(&self.raw[i + 2..gt]);
            return Some(gt + 1);
        }
        self.parse_bogus_comment(i)
    }

    /// `<![CDATA[…]]>` and friends are reported to `unknown_decl`, which sitediff ignores
    /// (without flushing text). Python raises on unknown keywords; they are bogus comments here.
    fn parse_marked_section(&mut self, i: usize) -> Option<usize> {
        let start = i + 3;
        if !self.char_at(start).is_some_and(|c| c.is_ascii_alphabetic()) {
            return self.parse_bogus_comment(i);
        }
        let name_end = self.skip_while(start, |c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if self.skip_while(name_end, is_py_space) == self.raw.len() {
            return None;
        }
        match self.raw[start..name_end].to_lowercase().as_str() {
            "temp" | "cdata" | "ignore" | "include" | "rcdata" => self.find_close(start, 2),
            "if" | "else" | "endif" => self.find_close(start, 1),
            _ => self.parse_bogus_comment(i),
        }
    }

    /// End of the first `]\s*]\s*>` (`brackets` = 2) or `]\s*>` (1) from `from`.
    fn find_close(&self, from: usize, brackets: usize) -> Option<usize> {
        let mut at = from;
        while let Some(p) = self.find("]", at) {
            let mut pos = p + 1;
            let mut ok = true;
            for _ in 1..brackets {
                pos = self.skip_while(pos, is_py_space);
                ok = self.char_at(pos) == Some(']');
                pos += 1;
            }
            if ok {
                let gt = self.skip_while(pos, is_py_space);
                if self.char_at(gt) == Some('>') {
                    return Some(gt + 1);
                }
            }
            at = p + 1;
        }
        None
    }
}

/// Python's `v[:1] == q == v[-1:]` test for `'` and `"`: strip one quote from each end.
fn strip_quotes(v: &str) -> &str {
    for q in ['\'', '"'] {
        if v.starts_with(q) && v.ends_with(q) {
            return v.get(1..v.len().saturating_sub(1)).unwrap_or("");
        }
    }
    v
}

/// `[^\t\n\r\f />\x00]`, the tail of a tag name.
fn is_tag_name_char(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r' | '\x0c' | ' ' | '/' | '>' | '\0')
}
