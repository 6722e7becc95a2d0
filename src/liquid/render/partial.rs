//! Rendering included templates in the render context: Jekyll's include
//! tag rendering its partial in the including context
//! (lib/jekyll/tags/include.rb, `partial.render!(context)`) and Liquid 5's
//! `render` tag in an isolated sub-context (lib/liquid/tags/render.rb),
//! with the chain of includers that errors name.

use super::{Context, MAX_DEPTH};
use crate::liquid::error::{Error, ErrorKind};
use crate::liquid::value::Map;
use crate::liquid::{IncludeError, Template};

impl Context<'_> {
    /// The error of an include tag (here) whose file could not be had: a
    /// parse error keeps its own file and line, included from here.
    pub fn include_error(&self, e: IncludeError) -> Error {
        match e {
            IncludeError::Missing(m) => self.error_of(ErrorKind::Include, m),
            IncludeError::Parse(mut e) => {
                e.included_from = self.include_stack.clone();
                e.included_from.push((self.file.clone(), self.line));
                e
            }
        }
    }

    /// Renders an included template in this context (Jekyll's
    /// `partial.render!(context)`), recording where it was included from.
    pub fn render_partial(&mut self, partial: &Template, out: &mut String) -> Result<(), Error> {
        let saved_file = std::mem::replace(&mut self.file, partial.file().to_string());
        let saved_line = self.line;
        self.include_stack.push((saved_file.clone(), saved_line));
        let result = self.render_body(partial.root(), out);
        self.include_stack.pop();
        self.file = saved_file;
        self.line = saved_line;
        result
    }

    /// Renders a `render` partial in an isolated sub-context (Liquid 5's
    /// `new_isolated_subcontext`): only `scope` is visible; counters, cycles,
    /// `offset: continue` positions, enclosing loops and interrupts start afresh.
    pub fn render_isolated(
        &mut self,
        partial: &Template,
        scope: Map,
        out: &mut String,
    ) -> Result<(), Error> {
        if self.include_stack.len() >= MAX_DEPTH {
            return Err(self.error("Nesting too deep"));
        }
        let globals = std::mem::take(&mut self.globals);
        let scopes = std::mem::replace(&mut self.scopes, vec![scope]);
        let registers = std::mem::take(&mut self.registers);
        let interrupts = std::mem::take(&mut self.interrupts);
        let result = self.render_partial(partial, out);
        self.globals = globals;
        self.scopes = scopes;
        self.registers = registers;
        self.interrupts = interrupts;
        result
    }
}
