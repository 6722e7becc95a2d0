//! hyde: a Jekyll-compatible static site renderer.
//!
//! The modules follow Jekyll's own vocabulary (lib/jekyll/*.rb): a `Site` is
//! configured, read, rendered and written by one stage each.

pub mod cleaner;
pub mod collection;
pub mod collection_reader;
pub mod config;
pub mod converter;
pub mod data_reader;
pub mod doc_values;
pub mod doctor;
pub mod document;
pub mod document_reader;
pub mod drops;
pub mod entry_filter;
pub mod errors;
pub mod front_matter;
pub mod frontmatter_defaults;
pub mod generator;
pub mod layout;
pub mod liquid;
pub mod liquid_renderer;
pub mod logger;
pub mod new_site;
pub mod page;
pub mod profiler;
pub mod reader;
pub mod rebuild;
pub mod regenerator;
pub mod render_order;
pub mod renderer;
pub mod serve;
pub mod site;
pub mod static_file;
pub mod theme;
pub mod url;
pub mod utils;
pub mod writer;
pub mod yaml;

pub use config::{Config, Overrides};
pub use errors::Error;
pub use site::Site;

/// The Jekyll version hyde reproduces; templates see it as `jekyll.version`.
pub const JEKYLL_VERSION: &str = "4.3.1";
