//! The errors a build can end with. Each names the file (relative to the site
//! source where there is one) and, where it is known, the line. Mirrors
//! lib/jekyll/errors.rb plus the exceptions Jekyll lets bubble up from Liquid,
//! SafeYAML and Sass.

use std::path::PathBuf;

#[derive(thiserror::Error, Debug)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Configuration file: {path}: {message}")]
    Config { path: String, message: String },
    #[error("{0}")]
    FrontMatter(#[from] crate::front_matter::FrontMatterError),
    #[error("{0}")]
    Data(#[from] crate::data_reader::DataError),
    #[error("Liquid Exception: {0}")]
    Liquid(#[from] crate::liquid::Error),
    #[error("Layout '{layout}' requested in {file} (line {line}) does not exist.")]
    MissingLayout {
        file: String,
        line: usize,
        layout: String,
    },
    #[error("Layout cycle in {file} (line {line}): {chain}")]
    LayoutCycle {
        file: String,
        line: usize,
        chain: String,
    },
    /// An error inside a layout, with the page and the layouts it went through.
    #[error("{source}\n  while rendering {page} through the layouts {chain}")]
    InLayouts {
        source: Box<Error>,
        page: String,
        chain: String,
    },
    #[error("Conversion error: {file} (line {line}): {message}")]
    Conversion {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Fatal(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
