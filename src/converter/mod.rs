//! Converters turn a page's rendered content into its output format
//! (lib/jekyll/converters/*.rb): Markdown to HTML, Sass/SCSS to CSS, and the
//! identity converter for everything else.

pub mod highlight;
pub mod markdown;
pub mod sass;

use crate::config::Config;

/// The converter that handles a source extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Converter {
    Markdown,
    Scss,
    Sass,
    Identity,
}

impl Converter {
    /// `Renderer#converters`: which converter matches the extension.
    pub fn for_ext(ext: &str, config: &Config) -> Converter {
        let lower = ext.to_ascii_lowercase();
        if config.markdown_exts.contains(&lower) {
            Converter::Markdown
        } else if lower == ".scss" {
            Converter::Scss
        } else if lower == ".sass" {
            Converter::Sass
        } else {
            Converter::Identity
        }
    }

    /// Sass output never goes into a layout (`Convertible#asset_file?`).
    pub fn is_asset(self) -> bool {
        matches!(self, Converter::Scss | Converter::Sass)
    }
}

/// The output extension of a source extension (`Converter#output_ext`).
pub fn output_ext<'a>(ext: &'a str, config: &Config) -> &'a str {
    match Converter::for_ext(ext, config) {
        Converter::Markdown => ".html",
        Converter::Scss | Converter::Sass => ".css",
        Converter::Identity => ext,
    }
}
