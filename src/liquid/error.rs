//! Liquid errors with file and line, shaped like Liquid 4.0.4's
//! `Liquid::Error#to_s` (lib/liquid/errors.rb) plus Jekyll's
//! "in FILE" suffix (Jekyll::Renderer#render_liquid).

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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (line {}): {} in {}",
            self.prefix(),
            self.line,
            self.message,
            self.file
        )?;
        for (file, line) in self.included_from.iter().rev() {
            write!(f, ", included from {file} (line {line})")?;
        }
        Ok(())
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
            "Liquid error (line 2): divided by 0 in _includes/a.html, included from pages/x.md (line 5)"
        );
        let s = Error::syntax("Unknown tag 'foo'", "pages/index.md", 3);
        assert_eq!(
            s.to_string(),
            "Liquid syntax error (line 3): Unknown tag 'foo' in pages/index.md"
        );
    }
}
