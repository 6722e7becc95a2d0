//! Rendering: the variable scopes, registers and interrupts of Liquid
//! 4.0.4's `Context` (lib/liquid/context.rb), variable lookup
//! (variable_lookup.rb) and `BlockBody#render` (block_body.rb).

use super::ast::{Body, Node, Tag};
use super::error::{Error, ErrorKind};
use super::expression::{Expr, Lookup, VariableLookup};
use super::filters;
use super::tags::cycle::{Cycle, CycleName};
use super::value::{Map, Value};
use super::variable::{Filter, Variable};
use super::{Host, RenderOptions};
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) mod fx_hash;
mod lookup;
mod partial;

use fx_hash::FxBuild;
pub(crate) use lookup::small_get;
use lookup::{command_method, index};

const MAX_DEPTH: usize = 100;

/// `break` / `continue` travelling up to the enclosing `for`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interrupt {
    Break,
    Continue,
}

/// Per-render state that tags keep (Liquid's `context.registers`).
#[derive(Default)]
pub struct Registers {
    pub for_offsets: HashMap<String, i64, FxBuild>,
    /// The scope depth of each enclosing `for` (its scope holds its
    /// `forloop`, which nested loops show as `parentloop`).
    pub for_stack: Vec<usize>,
    pub cycles: HashMap<String, usize, FxBuild>,
    /// Date strings parsed in this render, by the address of the string
    /// (which each entry keeps alive), for `filters::date::to_date`.
    /// In a cell: filters that write their output in place see the
    /// context shared (their input may be borrowed from it).
    pub parsed_dates: RefCell<HashMap<usize, (Arc<str>, jiff::ZonedDateTime), FxBuild>>,
    /// The site's `baseurl` and `url`, for the URL filters.
    pub site_urls: OnceCell<(String, String)>,
    pub ifchanged: Option<String>,
}

/// The render context.
pub struct Context<'a> {
    /// Liquid's `environments.first`: the globals (`increment` writes here).
    globals: Map,
    /// Local scopes, root first (`assign` writes to the root).
    scopes: Vec<Map>,
    pub host: &'a dyn Host,
    pub opts: &'a RenderOptions,
    /// The template being rendered and the line of the node being rendered.
    pub file: String,
    pub line: usize,
    /// Including templates and the lines of their include tags, outermost first.
    include_stack: Vec<(String, usize)>,
    pub interrupts: Vec<Interrupt>,
    pub registers: Registers,
    /// Emptied scopes kept for reuse: a loop's scope then costs no allocation.
    spare_scopes: Vec<Map>,
    /// A reused buffer for filters that build a string (see `with_scratch`).
    pub(crate) scratch: String,
}

impl<'a> Context<'a> {
    pub fn new(globals: Map, host: &'a dyn Host, opts: &'a RenderOptions, file: &str) -> Self {
        Context {
            globals,
            scopes: vec![Map::new()],
            host,
            opts,
            file: file.to_string(),
            line: 1,
            include_stack: Vec::new(),
            interrupts: Vec::new(),
            registers: Registers::default(),
            spare_scopes: Vec::new(),
            scratch: String::new(),
        }
    }

    /// A render error at the current file and line.
    pub fn error(&self, message: impl Into<String>) -> Error {
        self.error_of(ErrorKind::Render, message)
    }

    pub fn error_of(&self, kind: ErrorKind, message: impl Into<String>) -> Error {
        let mut e = Error::new(kind, message, &self.file, self.line);
        e.included_from = self.include_stack.clone();
        e
    }

    pub fn push_scope(&mut self, scope: Map) -> Result<(), Error> {
        if self.scopes.len() > MAX_DEPTH {
            return Err(self.error("Nesting too deep"));
        }
        self.scopes.push(scope);
        Ok(())
    }

    /// Runs `build` with an empty reusable buffer: a filter writes its text
    /// there and copies it once into its `Value`, with no buffer of its own
    /// to allocate and free.
    pub fn with_scratch<T>(&mut self, build: impl FnOnce(&mut String) -> T) -> T {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        let result = build(&mut buf);
        self.scratch = buf;
        result
    }

    /// Pushes an empty scope (a reused one when there is one).
    pub fn push_empty_scope(&mut self) -> Result<(), Error> {
        let scope = self.spare_scopes.pop().unwrap_or_default();
        self.push_scope(scope)
    }

    pub fn pop_scope(&mut self) {
        if self.scopes.len() > 1
            && let Some(mut scope) = self.scopes.pop()
            && self.spare_scopes.len() < 16
        {
            scope.clear();
            self.spare_scopes.push(scope);
        }
    }

    /// `context[key] = value` in the innermost scope.
    pub fn set_local(&mut self, key: &str, value: Value) {
        if let Some(scope) = self.scopes.last_mut() {
            let at = if scope.len() <= 8 {
                scope.iter().position(|(k, _)| lookup::short_eq(k, key))
            } else {
                scope.get_index_of(key)
            };
            match at.and_then(|i| scope.get_index_mut(i)) {
                Some((_, slot)) => *slot = value,
                None => {
                    scope.insert(key.to_string(), value);
                }
            }
        }
    }

    /// `assign` / `capture`: the root scope.
    pub fn assign(&mut self, key: &str, value: Value) {
        self.scopes[0].insert(key.to_string(), value);
    }

    /// The depth of the innermost scope (what `Registers::for_stack` holds).
    pub fn scope_depth(&self) -> usize {
        self.scopes.len() - 1
    }

    /// The value of `key` in the scope at `depth`, if any.
    pub fn scope_value(&self, depth: usize, key: &str) -> Option<&Value> {
        self.scopes.get(depth).and_then(|s| small_get(s, key))
    }

    /// `key` in the innermost scope, for updating in place.
    pub fn local_mut(&mut self, key: &str) -> Option<&mut Value> {
        let scope = self.scopes.last_mut()?;
        let at = if scope.len() <= 8 {
            scope.iter().position(|(k, _)| lookup::short_eq(k, key))
        } else {
            scope.get_index_of(key)
        };
        at.and_then(|i| scope.get_index_mut(i)).map(|(_, v)| v)
    }

    /// `find_variable`: scopes innermost first, then the globals.
    pub fn find_variable(&self, key: &str) -> Result<Value, Error> {
        for scope in self.scopes.iter().rev() {
            if let Some(v) = small_get(scope, key) {
                return Ok(v.clone());
            }
        }
        match small_get(&self.globals, key) {
            Some(v) => Ok(v.clone()),
            None if self.opts.strict_variables => Err(self.error_of(
                ErrorKind::UndefinedVariable,
                format!("undefined variable {key}"),
            )),
            None => Ok(Value::Nil),
        }
    }

    pub fn evaluate(&mut self, expr: &Expr) -> Result<Value, Error> {
        match expr {
            Expr::Literal(v) => Ok(v.clone()),
            Expr::Blank | Expr::Empty => Ok(Value::str("")),
            Expr::Range(a, b) => {
                let a = range_end(self, a)?;
                let b = range_end(self, b)?;
                Ok(Value::Range(a, b))
            }
            Expr::Lookup(l) => self.lookup(l),
        }
    }

    fn lookup(&mut self, l: &VariableLookup) -> Result<Value, Error> {
        if let Some(Expr::Literal(Value::Str(name))) = &l.name
            && !self.opts.strict_variables
            && l.lookups.iter().all(|s| matches!(s, Lookup::Key { .. }))
        {
            return Ok(self.lookup_keys(name, &l.lookups));
        }
        let mut object = match &l.name {
            Some(Expr::Literal(Value::Str(name))) => self.find_variable(name)?,
            Some(other) => match self.evaluate(other)? {
                Value::Str(name) => self.find_variable(&name)?,
                _ => Value::Nil,
            },
            None => return Ok(Value::Nil),
        };
        for step in &l.lookups {
            let found = match step {
                Lookup::Key { key, command } => {
                    let found = match &object {
                        Value::Hash(map) => small_get(map, key).cloned(),
                        _ => None,
                    };
                    match found {
                        Some(v) => Some(v),
                        None if *command => command_method(&object, key),
                        None => None,
                    }
                }
                Lookup::Index(e) => {
                    let key = self.evaluate(e)?;
                    index(&object, &key)
                }
            };
            object = match found {
                Some(v) => v,
                None if self.opts.strict_variables => {
                    let key = match step {
                        Lookup::Key { key, .. } => key.clone(),
                        Lookup::Index(e) => self.evaluate(e)?.to_s(),
                    };
                    return Err(self.error_of(
                        ErrorKind::UndefinedVariable,
                        format!("undefined variable {key}"),
                    ));
                }
                None => return Ok(Value::Nil),
            };
        }
        Ok(object)
    }

    /// `BlockBody#render`.
    pub fn render_body(&mut self, body: &Body, out: &mut String) -> Result<(), Error> {
        for node in &body.nodes {
            match node {
                Node::Text(s) => out.push_str(s),
                Node::Output { var, line } => {
                    self.line = *line;
                    self.render_output(var, out)?;
                }
                Node::Tag { tag, line } => {
                    self.line = *line;
                    match tag {
                        Tag::Break => self.interrupts.push(Interrupt::Break),
                        Tag::Continue => self.interrupts.push(Interrupt::Continue),
                        _ => {
                            let start = out.len();
                            self.render_tag(tag, out)?;
                            if tag.is_block() && tag.blank() {
                                out.truncate(start);
                            }
                        }
                    }
                    if !self.interrupts.is_empty() {
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// `{{ var }}`: a bare variable is written where it is, uncopied; a
    /// last filter with an in-place form writes its text straight into `out`.
    fn render_output(&mut self, var: &Variable, out: &mut String) -> Result<(), Error> {
        let Some((last, init)) = var.filters.split_last() else {
            match self.evaluate_ref(&var.name) {
                Some(v) => write_output(v, out),
                None => write_output(&self.render_variable(var)?, out),
            }
            return Ok(());
        };
        let (Some(write), Some(args)) = (last.write, &last.literal_args) else {
            write_output(&self.render_variable(var)?, out);
            return Ok(());
        };
        let written = if init.is_empty()
            && let Some(input) = self.evaluate_ref(&var.name)
        {
            filters::writer::write_into(self, write, input, args, out)
        } else {
            let input = self.render_filters(var, init)?;
            filters::writer::write_into(self, write, &input, args, out)
        };
        written.map_err(|m| self.error(m))
    }

    /// `Variable#render`: the value through its filters.
    pub fn render_variable(&mut self, var: &Variable) -> Result<Value, Error> {
        self.render_filters(var, &var.filters)
    }

    /// The value of `var` through `filters` (all of its filters or the first few).
    fn render_filters(&mut self, var: &Variable, filters: &[Filter]) -> Result<Value, Error> {
        let mut value = self.evaluate(&var.name)?;
        for f in filters {
            if let Some(args) = &f.literal_args {
                value = filters::invoke_def(self, &f.name, f.def, value, args)?;
                continue;
            }
            // No allocation for filters without arguments.
            let mut args = Vec::with_capacity(f.args.len() + usize::from(!f.kwargs.is_empty()));
            for a in &f.args {
                args.push(self.evaluate(a)?);
            }
            if !f.kwargs.is_empty() {
                let mut kw = Map::new();
                for (k, e) in &f.kwargs {
                    let v = self.evaluate(e)?;
                    kw.insert(k.clone(), v);
                }
                args.push(Value::hash(kw));
            }
            value = filters::invoke_def(self, &f.name, f.def, value, &args)?;
        }
        Ok(value)
    }

    fn render_tag(&mut self, tag: &Tag, out: &mut String) -> Result<(), Error> {
        match tag {
            Tag::Assign { to, from } => {
                let v = self.render_variable(from)?;
                self.assign(to, v);
            }
            Tag::Capture { to, body } => {
                let mut captured = String::new();
                self.render_body(body, &mut captured)?;
                self.assign(to, Value::str(captured));
            }
            Tag::If(t) => {
                for (i, (cond, body)) in t.blocks.iter().enumerate() {
                    let hit = match cond {
                        None => true,
                        Some(c) => c.evaluate(self)? != (t.unless && i == 0),
                    };
                    if hit {
                        return self.render_body(body, out);
                    }
                }
            }
            Tag::Case(t) => self.render_case(t, out)?,
            Tag::For(t) => t.render(self, out)?,
            Tag::TableRow(t) => t.render(self, out)?,
            Tag::Cycle(c) => self.render_cycle(c, out)?,
            Tag::Increment(name) => self.counter(name, 1, out)?,
            Tag::Decrement(name) => self.counter(name, -1, out)?,
            Tag::Raw(s) => out.push_str(s),
            Tag::IfChanged(body) => {
                let mut s = String::new();
                self.render_body(body, &mut s)?;
                if self.registers.ifchanged.as_deref() != Some(s.as_str()) {
                    out.push_str(&s);
                    self.registers.ifchanged = Some(s);
                }
            }
            Tag::Include(t) => t.render(self, out)?,
            Tag::Highlight(h) => h.render(self, out)?,
            Tag::Link(path) => super::tags::jekyll::render_link(self, path, out)?,
            Tag::PostUrl(name) => super::tags::jekyll::render_post_url(self, name, out)?,
            Tag::Echo(var) => {
                let v = self.render_variable(var)?;
                write_output(&v, out);
            }
            Tag::Render(t) => t.render(self, out)?,
            Tag::Comment | Tag::Break | Tag::Continue => {}
        }
        Ok(())
    }

    fn render_case(&mut self, t: &super::tags::case::Case, out: &mut String) -> Result<(), Error> {
        let mut run_else = true;
        for (cond, body) in &t.blocks {
            match cond {
                None if run_else => return self.render_body(&t.bodies[*body], out),
                None => {}
                Some(e) => {
                    let left = self.evaluate(&t.left)?;
                    let hit = match e {
                        Expr::Empty => left.ruby_empty().unwrap_or(false),
                        Expr::Blank => false,
                        other => left.ruby_eq(&self.evaluate(other)?),
                    };
                    if hit {
                        run_else = false;
                        self.render_body(&t.bodies[*body], out)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn render_cycle(&mut self, c: &Cycle, out: &mut String) -> Result<(), Error> {
        let key = match &c.name {
            CycleName::Named(e) => Cow::Owned(self.evaluate(e)?.inspect()),
            CycleName::Unnamed(k) => Cow::Borrowed(k.as_str()),
        };
        let iteration = self.registers.cycles.get(&*key).copied().unwrap_or(0);
        let value = match c.values.get(iteration) {
            Some(e) => self.evaluate(e)?,
            None => Value::Nil,
        };
        let next = if iteration + 1 >= c.values.len() {
            0
        } else {
            iteration + 1
        };
        match self.registers.cycles.get_mut(&*key) {
            Some(slot) => *slot = next,
            None => {
                self.registers.cycles.insert(key.into_owned(), next);
            }
        }
        write_output(&value, out);
        Ok(())
    }

    /// `increment` (post) / `decrement` (pre) on the globals.
    fn counter(&mut self, name: &str, delta: i64, out: &mut String) -> Result<(), Error> {
        let current = match self.globals.get(name) {
            None | Some(Value::Nil) => 0,
            Some(Value::Int(n)) => *n,
            Some(other) => {
                return Err(self.error(format!(
                    "{} can't be coerced into Integer",
                    other.ruby_class()
                )));
            }
        };
        let next = current + delta;
        self.globals.insert(name.to_string(), Value::Int(next));
        let shown = if delta > 0 { current } else { next };
        out.push_str(&shown.to_string());
        Ok(())
    }
}

fn range_end(ctx: &mut Context, e: &Expr) -> Result<i64, Error> {
    match ctx.evaluate(e)? {
        Value::Int(n) => Ok(n),
        Value::Nil => Ok(0),
        Value::Str(s) => Ok(super::ruby::str_to_i(&s)),
        other => other.to_integer().map_err(|m| ctx.error(m)),
    }
}

/// Output as `BlockBody#render_node_to_output` writes it.
pub fn write_output(v: &Value, out: &mut String) {
    match v {
        Value::Nil => {}
        Value::Str(s) => out.push_str(s),
        other => out.push_str(&other.to_liquid_string()),
    }
}
