//! `hyde markdown [-s SITE] [FILE|-]`: prints the HTML of a Markdown file
//! converted with the site's kramdown settings (the `kramdown:` section of
//! its configuration), as the `kramdown` command does for Jekyll's. No
//! Liquid runs and front matter is not stripped: the input is Markdown only.

use crate::BuildArgs;
use anyhow::{Context, Result};
use clap::Args;
use hyde::config::Config;
use hyde::converter::markdown;
use hyde::logger;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(Args)]
pub struct MarkdownArgs {
    #[command(flatten)]
    pub(crate) build: BuildArgs,
    /// The Markdown file, or `-` (the default) for standard input
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
}

/// Runs the command: prints the converted HTML.
pub fn run(args: &MarkdownArgs) -> Result<()> {
    // Info lines would mix with the HTML on stdout.
    logger::set_level(logger::Level::Warn);
    let config = Config::load(&args.build.overrides())?;
    let input = match args.file.as_deref() {
        Some(path) if path.as_os_str() != "-" => {
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
        }
        _ => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading standard input")?;
            text
        }
    };
    let options = markdown::Options::from_site_config(&config.data);
    let html = markdown::convert(&input, &options);
    std::io::stdout()
        .write_all(html.as_bytes())
        .context("writing standard output")?;
    Ok(())
}
