//! The parsed template tree: text, outputs and tags. Mirrors Liquid 4.0.4's
//! node list (lib/liquid/block_body.rb) with one variant per registered tag.

use super::tags::case::Case;
use super::tags::cycle::Cycle;
use super::tags::for_loop::For;
use super::tags::if_tag::If;
use super::tags::include::Include;
use super::tags::jekyll::Highlight;
use super::tags::render::Render;
use super::tags::table_row::TableRow;
use super::variable::Variable;

/// A block body. `blank` is Liquid's `blank?`: only whitespace and blank
/// tags, so a block whose body is blank renders nothing (side effects only).
#[derive(Debug, Default)]
pub struct Body {
    pub nodes: Vec<Node>,
    pub blank: bool,
}

impl Body {
    pub fn new() -> Body {
        Body {
            nodes: Vec::new(),
            blank: true,
        }
    }
}

/// One node of a body; lines are file lines (front matter offset applied).
#[derive(Debug)]
pub enum Node {
    Text(String),
    Output { var: Variable, line: usize },
    Tag { tag: Tag, line: usize },
}

/// Every tag this engine knows (Liquid 4.0.4's standard tags plus Jekyll's
/// `include` / `include_relative`, and Liquid 5's `echo` and `render`; `#`
/// parses to `Comment`).
#[derive(Debug)]
pub enum Tag {
    Assign {
        to: String,
        from: Variable,
    },
    Capture {
        to: String,
        body: Body,
    },
    If(If),
    Case(Case),
    For(For),
    TableRow(TableRow),
    Break,
    Continue,
    Cycle(Cycle),
    Increment(String),
    Decrement(String),
    Raw(String),
    Comment,
    IfChanged(Body),
    Include(Include),
    Highlight(Highlight),
    /// `{% link path %}` with the path as a template.
    Link(Body),
    PostUrl(String),
    /// Liquid 5's `{% echo expr | filters %}`.
    Echo(Variable),
    Render(Render),
}

impl Tag {
    /// Liquid's `Tag#blank?` / `Block#blank?`.
    pub fn blank(&self) -> bool {
        match self {
            Tag::Assign { .. } | Tag::Capture { .. } | Tag::Comment => true,
            Tag::Raw(body) => body.is_empty(),
            Tag::If(t) => t.blank,
            Tag::Case(t) => t.blank,
            Tag::For(t) => t.blank,
            Tag::TableRow(t) => t.body.blank,
            Tag::IfChanged(body) => body.blank,
            Tag::Highlight(h) => h.body.blank,
            _ => false,
        }
    }

    /// Block tags whose output is dropped when blank (Liquid's `Block` class).
    pub fn is_block(&self) -> bool {
        matches!(
            self,
            Tag::Capture { .. }
                | Tag::If(_)
                | Tag::Case(_)
                | Tag::For(_)
                | Tag::TableRow(_)
                | Tag::Raw(_)
                | Tag::Comment
                | Tag::IfChanged(_)
                | Tag::Highlight(_)
        )
    }
}
