//! A layout from `_layouts`: its front matter and its template text
//! (lib/jekyll/layout.rb). Data only; the reader fills it.

use crate::liquid::{Map, Value};

#[derive(Clone, Debug)]
pub struct Layout {
    /// The name pages use in `layout:`: the path below `_layouts` without extension.
    pub name: String,
    /// Path relative to the site source, for messages (`_layouts/default.html`).
    pub path: String,
    pub data: Map,
    pub content: String,
    /// The file line where `content` starts (after front matter).
    pub body_line: usize,
    /// The file line of the `layout:` key, when the layout names a parent.
    pub layout_line: Option<usize>,
}

impl Layout {
    /// The parent layout this one names, if any.
    pub fn parent(&self) -> Option<&str> {
        self.data.get("layout").and_then(Value::as_str)
    }
}
