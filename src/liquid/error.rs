//! Liquid errors with file and line, shaped like Liquid 4.0.4's
//! `Liquid::Error#to_s` (lib/liquid/errors.rb) plus Jekyll's
//! "in FILE" suffix (Jekyll::Renderer#render_liquid); inside an include,
//! as Jekyll's include tag words them (lib/jekyll/tags/include.rb names the
//! include, Liquid adds "included"), with the including page too.

use std::fmt;

/// What went wrong, mirroring Liquid's error classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Liquid::SyntaxError`: bad block structure, unknown tag, bad markup in strict mode.
    Syntax,
    /// `Liquid::ArgumentError` / `ZeroDivisionError` / other render-time failures.
    Render,
    /// `Liquid::UndefinedVariable` (strict_variables).
    UndefinedVariable,
    /// `Liquid::UndefinedFilter` (strict_filters).
    UndefinedFilter,
    /// A missing or unreadable include (Jekyll raises IOError / ArgumentError).
    Include,
}

/// A Liquid error. `included_from` lists the including templates, outermost
/// first: `[(page, line of its include tag), (include, line), ...]`; `file`
/// and `line` are where the error actually is.
#[derive(thiserror::Error, Debug, Clone)]
pub struct Error {
    pub file: String,
    pub line: usize,
    pub kind: ErrorKind,
    pub message: String,
    pub included_from: Vec<(String, usize)>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>, file: &str, line: usize) -> Error {
        Error {
            file: file.to_string(),
            line,
            kind,
            message: message.into(),
            included_from: Vec::new(),
        }
    }

    pub fn syntax(message: impl Into<String>, file: &str, line: usize) -> Error {
        Error::new(ErrorKind::Syntax, message, file, line)
    }

    pub fn render(message: impl Into<String>, file: &str, line: usize) -> Error {
        Error::new(ErrorKind::Render, message, file, line)
    }

    fn prefix(&self) -> &'static str {
        match self.kind {
            ErrorKind::Syntax => "Liquid syntax error",
            _ => "Liquid error",
        }
    }
}

impl fmt::Display for Error {
    /// `Liquid error (line 3): msg in page.md` for a page; inside an include,
    /// `Liquid error (_includes/a.html line 2): msg included in page.md (line 3)`,
    /// each further includer adding `, included in FILE (line N)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, line, message) = (self.prefix(), self.line, &self.message);
        if self.included_from.is_empty() {
            return write!(f, "{prefix} (line {line}): {message} in {}", self.file);
        }
        write!(f, "{prefix} ({} line {line}): {message}", self.file)?;
        for (i, (file, line)) in self.included_from.iter().rev().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            write!(f, "{comma} included in {file} (line {line})")?;
        }
        Ok(())
    }
}

/// Why a host could not give the template an include tag asks for.
#[derive(Debug, Clone)]
pub enum IncludeError {
    /// Not found, unreadable or not allowed: an error at the include tag.
    Missing(String),
    /// The included file does not parse: its own error, naming it.
    Parse(Error),
}

impl From<String> for IncludeError {
    fn from(message: String) -> IncludeError {
        IncludeError::Missing(message)
    }
}

impl From<Error> for IncludeError {
    fn from(e: Error) -> IncludeError {
        IncludeError::Parse(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_includer() {
        let mut e = Error::render("divided by 0", "_includes/a.html", 2);
        assert_eq!(
            e.to_string(),
            "Liquid error (line 2): divided by 0 in _includes/a.html"
        );
        e.included_from.push(("pages/x.md".into(), 5));
        assert_eq!(
            e.to_string(),
            "Liquid error (_includes/a.html line 2): divided by 0 included in pages/x.md (line 5)"
        );
        e.included_from.push(("_includes/b.html".into(), 7));
        assert_eq!(
            e.to_string(),
            "Liquid error (_includes/a.html line 2): divided by 0 included in _includes/b.html (line 7), included in pages/x.md (line 5)"
        );
        let s = Error::syntax("Unknown tag 'foo'", "pages/index.md", 3);
        assert_eq!(
            s.to_string(),
            "Liquid syntax error (line 3): Unknown tag 'foo' in pages/index.md"
        );
    }
}
