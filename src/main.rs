//! The `hyde` command line: Jekyll's commands and flags
//! (lib/jekyll/commands/*.rb). Errors are printed once, and exit non-zero.

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use hyde::liquid::{Map, Value};
use hyde::{Config, Overrides, Site, logger};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod commands;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "hyde",
    version,
    about = "A Jekyll-compatible static site renderer"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build your site
    #[command(alias = "b")]
    Build(BuildCommand),
    /// Clean the site (removes site output and metadata file) without building.
    Clean(BuildArgs),
    /// Serve your site locally
    #[command(aliases = ["server", "s"])]
    Serve(ServeArgs),
    /// Creates a new site scaffold in PATH
    New(NewArgs),
    /// Search site and print specific deprecation warnings
    #[command(alias = "hyde")]
    Doctor(BuildArgs),
    /// Render a Liquid template with the site's data, includes, filters and tags
    Liquid(commands::liquid::LiquidArgs),
    /// Converts a Markdown file to HTML with the site's kramdown settings
    Markdown(commands::markdown::MarkdownArgs),
}

/// `build`'s own flags beyond those it shares with `serve`.
#[derive(Args)]
struct BuildCommand {
    #[command(flatten)]
    build: BuildArgs,
    /// Watch for changes and rebuild (only what a change affects)
    #[arg(short = 'w', long)]
    watch: bool,
}

#[derive(Args)]
struct NewArgs {
    /// Where to create the site
    path: PathBuf,
    /// Force creation even if PATH already exists
    #[arg(long)]
    force: bool,
    /// Creates scaffolding but with empty files
    #[arg(long)]
    blank: bool,
}

#[derive(Args)]
struct BuildArgs {
    /// Source directory (defaults to ./)
    #[arg(short = 's', long)]
    source: Option<PathBuf>,
    /// Destination directory (defaults to ./_site)
    #[arg(short = 'd', long)]
    destination: Option<PathBuf>,
    /// Custom configuration file(s), comma-separated
    #[arg(long, value_delimiter = ',')]
    config: Vec<PathBuf>,
    /// Render posts in the _drafts folder
    #[arg(short = 'D', long)]
    drafts: bool,
    /// Publishes posts with a future date
    #[arg(long)]
    future: bool,
    /// Render posts that were marked as unpublished
    #[arg(long)]
    unpublished: bool,
    /// Serve the website from the given base URL
    #[arg(short = 'b', long)]
    baseurl: Option<String>,
    /// Safe mode (hyde never runs plugins and never follows symlinks out of the source)
    #[arg(long)]
    safe: bool,
    /// Accepted for Jekyll compatibility: hyde keeps no disk cache
    #[arg(long)]
    disable_disk_cache: bool,
    /// Accepted for Jekyll compatibility: `build` writes the whole site,
    /// `--watch` and `serve` rebuild incrementally
    #[arg(short = 'I', long)]
    incremental: bool,
    /// Generate a Liquid rendering profile
    #[arg(long)]
    profile: bool,
    /// Fail if errors are present in front matter (hyde always does)
    #[arg(long = "strict_front_matter", alias = "strict-front-matter")]
    strict_front_matter: bool,
    /// Show the full error chain
    #[arg(short = 't', long)]
    trace: bool,
    /// Silence output
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Print verbose output
    #[arg(short = 'V', long)]
    verbose: bool,
}

impl BuildArgs {
    /// The flags as Jekyll's override hash.
    fn overrides(&self) -> Overrides {
        let mut values = Map::new();
        let mut flag = |key: &str, on: bool| {
            if on {
                values.insert(key.into(), Value::Bool(true));
            }
        };
        flag("show_drafts", self.drafts);
        flag("future", self.future);
        flag("unpublished", self.unpublished);
        flag("safe", self.safe);
        flag("profile", self.profile);
        flag("strict_front_matter", self.strict_front_matter);
        flag("quiet", self.quiet);
        flag("verbose", self.verbose);
        if let Some(baseurl) = &self.baseurl {
            values.insert("baseurl".into(), Value::from(baseurl.as_str()));
        }
        Overrides {
            source: self.source.clone(),
            destination: self.destination.clone(),
            config_files: self.config.clone(),
            values,
        }
    }

    fn set_log_level(&self) {
        let level = if self.quiet {
            logger::Level::Error
        } else if self.verbose {
            logger::Level::Debug
        } else {
            logger::Level::Info
        };
        logger::set_level(level);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (trace, result) = match &cli.command {
        Command::Build(args) => (args.build.trace, build(&args.build, args.watch)),
        Command::Clean(args) => (args.trace, clean(args)),
        Command::Serve(args) => (args.build.trace, serve(args)),
        Command::New(args) => (false, new(args)),
        Command::Doctor(args) => (args.trace, doctor(args)),
        Command::Liquid(args) => (args.build.trace, commands::liquid::run(args)),
        Command::Markdown(args) => (args.build.trace, commands::markdown::run(args)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let message = if trace {
                format!("{error:?}")
            } else {
                error.to_string()
            };
            logger::error("Error:", &message);
            ExitCode::FAILURE
        }
    }
}

/// `jekyll build --watch`: rebuilds after each change until interrupted.
fn watch(args: &BuildArgs, config: Config) -> Result<()> {
    use hyde::serve::builder::Builder;
    use hyde::serve::watcher::{Ignore, Watcher};
    let mut builder = Builder::watching(args.overrides());
    let built = builder.build_from(config)?;
    logger::info("", &format!("done in {:.3} seconds.", built.seconds));
    let watcher = Watcher::new(&built.config)?;
    let mut ignore = Ignore::new(&built.config);
    let shown = built.config.source.display().to_string();
    logger::info("Auto-regeneration:", &format!("enabled for '{shown}'"));
    while let Some(changed) = watcher.next_change(&ignore) {
        logger::info(
            "Regenerating:",
            &format!("{} file(s) changed", changed.len()),
        );
        match builder.rebuild(&changed) {
            Ok(built) => {
                logger::info("", &format!("...done in {:.3} seconds.", built.seconds));
                ignore = Ignore::new(&built.config);
            }
            Err(error) => logger::error("Error:", &error.to_string()),
        }
    }
    Ok(())
}

/// `jekyll build`.
fn build(args: &BuildArgs, watching: bool) -> Result<()> {
    args.set_log_level();
    let config = Config::load(&args.overrides())?;
    logger::info("Source:", &config.source.display().to_string());
    logger::info("Destination:", &config.destination.display().to_string());
    let incremental = match watching {
        true => "enabled (rebuilds render only what a change affects)",
        false => "disabled. Enable with --incremental",
    };
    logger::info("Incremental build:", incremental);
    logger::info("Generating...", "");
    if watching {
        return watch(args, config);
    }
    let started = Instant::now();
    let mut site = Site::new(config)?;
    site.process()?;
    let seconds = started.elapsed().as_secs_f64();
    logger::info("", &format!("done in {seconds:.3} seconds."));
    logger::info("Auto-regeneration:", "disabled. Use --watch to enable.");
    Ok(())
}

/// `jekyll clean`: removes the destination and the caches.
fn clean(args: &BuildArgs) -> Result<()> {
    args.set_log_level();
    let config = Config::load(&args.overrides())?;
    if config.source.starts_with(&config.destination) {
        anyhow::bail!(
            "Destination directory cannot be or contain the Source directory: {}",
            config.destination.display()
        );
    }
    let cache = config.source.join(".jekyll-cache");
    let metadata = config.source.join(".jekyll-metadata");
    for path in [
        config.destination.as_path(),
        cache.as_path(),
        metadata.as_path(),
    ] {
        remove(path)?;
    }
    Ok(())
}

fn remove(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    match path.symlink_metadata() {
        Err(_) => logger::info("Cleaner:", &format!("Nothing to do for {shown}.")),
        Ok(meta) => {
            logger::info("Cleaner:", &format!("Removing {shown}..."));
            if meta.is_dir() {
                std::fs::remove_dir_all(path)?;
            } else {
                std::fs::remove_file(path)?;
            }
        }
    }
    Ok(())
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// Host to bind to (defaults to 127.0.0.1)
    #[arg(short = 'H', long)]
    host: Option<String>,
    /// Port to listen on (defaults to 4000; 0 picks a free port)
    #[arg(short = 'P', long)]
    port: Option<u16>,
    /// Watch for changes and rebuild (the default)
    #[arg(short = 'w', long, overrides_with = "no_watch")]
    watch: bool,
    /// Do not watch for changes
    #[arg(long)]
    no_watch: bool,
    /// Reload open pages after each rebuild (the default)
    #[arg(short = 'l', long, overrides_with = "no_livereload")]
    livereload: bool,
    /// Do not inject the live-reload script
    #[arg(long)]
    no_livereload: bool,
}

/// `jekyll serve`: build, then serve, watch and reload until stopped.
fn serve(args: &ServeArgs) -> Result<()> {
    args.build.set_log_level();
    let options = hyde::serve::Options {
        host: args.host.clone(),
        port: args.port,
        watch: !args.no_watch,
        livereload: !args.no_livereload,
    };
    hyde::serve::serve(args.build.overrides(), &options)?;
    Ok(())
}

/// `jekyll new`: the scaffold, with a first post dated today.
fn new(args: &NewArgs) -> Result<()> {
    let today = hyde::config::build_time()?.strftime("%Y-%m-%d").to_string();
    hyde::new_site::create(&args.path, args.force, args.blank, &today)?;
    let shown = args.path.display();
    if args.blank {
        logger::info("", &format!("New hyde site installed in {shown} (blank)."));
    } else {
        logger::info("", &format!("New hyde site installed in {shown}."));
    }
    Ok(())
}

/// `jekyll doctor`: reads and generates the site, then runs the checks.
fn doctor(args: &BuildArgs) -> Result<()> {
    args.set_log_level();
    let config = Config::load(&args.overrides())?;
    let mut site = Site::new(config)?;
    site.read()?;
    site.generate()?;
    if !hyde::doctor::healthy(&site) {
        anyhow::bail!("The site has the problems listed above.");
    }
    logger::info("Your test results", "are in. Everything looks fine.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
