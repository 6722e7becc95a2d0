//! `hyde liquid [-s SITE] [--data FILE.yml|json] [TEMPLATE_FILE|-]`: a
//! template playground. Renders one template to stdout as a page of the site
//! would render it: `site.*` from the site's configuration, data and contents
//! (as before rendering: documents show their source as `content`), `page.*`
//! from `--data` and the template's own front matter, with the site's
//! includes, filters and tags. Errors name file and line, and exit non-zero.
//! Jekyll has no such command; the render mirrors Jekyll::Renderer's Liquid
//! step (lib/jekyll/renderer.rb) without converter or layout.

use crate::BuildArgs;
use anyhow::{Context, Result, bail};
use clap::Args;
use hyde::config::Config;
use hyde::liquid::{Map, RenderOptions, Value};
use hyde::liquid_renderer::LiquidRenderer;
use hyde::reader;
use hyde::{Site, drops, logger};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct LiquidArgs {
    #[command(flatten)]
    pub(crate) build: BuildArgs,
    /// YAML or JSON file whose hash templates see as `page`
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// The template file, or `-` (the default) for standard input
    #[arg(value_name = "TEMPLATE_FILE")]
    template: Option<PathBuf>,
}

/// Runs the command: prints the rendered template.
pub fn run(args: &LiquidArgs) -> Result<()> {
    // Info lines go to stdout, which is the template's output here.
    logger::set_level(if args.build.verbose {
        logger::Level::Debug
    } else {
        logger::Level::Warn
    });
    let config = Config::load(&args.build.overrides())?;
    let (name, text) = read_template(args.template.as_deref())?;
    let (front_matter, body, body_line, _) = reader::parse_document(&name, text.into_bytes())?;
    let mut page = match &args.data {
        Some(path) => read_data(path)?,
        None => Map::new(),
    };
    page.extend(front_matter);
    let mut site = Site::new(config.clone())?;
    site.read()?;
    site.generate()?;
    let renderer = LiquidRenderer::new(&config).with_index(site.site_index());
    let template = renderer.parse(&name, &body, body_line)?;
    let mut globals = Map::new();
    globals.insert("site".into(), site.site_value_before_render());
    globals.insert("page".into(), Value::hash(page));
    globals.insert("layout".into(), Value::Nil);
    globals.insert("content".into(), Value::Nil);
    globals.insert("paginator".into(), Value::Nil);
    globals.insert("jekyll".into(), drops::jekyll_value(&config));
    let options = RenderOptions {
        strict_variables: config.liquid.strict_variables,
        strict_filters: config.liquid.strict_filters,
    };
    let host = renderer.host(&page_path(&config, args.template.as_deref()));
    let output = template
        .render(globals, &host, &options)
        .map_err(hyde::Error::Liquid)?;
    print!("{output}");
    Ok(())
}

/// The template's name in errors, and its text.
fn read_template(path: Option<&Path>) -> Result<(String, String)> {
    match path {
        None => read_stdin(),
        Some(p) if p == Path::new("-") => read_stdin(),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read", p.display()))?;
            Ok((p.to_string_lossy().replace('\\', "/"), text))
        }
    }
}

fn read_stdin() -> Result<(String, String)> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("<stdin>: cannot read")?;
    Ok(("<stdin>".to_string(), text))
}

/// The template's path below the site source (where `include_relative`
/// looks), or "" when it lies outside the source.
fn page_path(config: &Config, template: Option<&Path>) -> String {
    let real = template
        .filter(|p| *p != Path::new("-"))
        .and_then(|p| p.canonicalize().ok());
    let source = config
        .source
        .canonicalize()
        .unwrap_or(config.source.clone());
    match real.as_deref().map(|r| r.strip_prefix(&source)) {
        Some(Ok(rel)) => rel.to_string_lossy().replace('\\', "/"),
        _ => String::new(),
    }
}

/// `--data`: a hash from JSON (`.json`) or YAML (anything else).
fn read_data(path: &Path) -> Result<Map> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).with_context(|| format!("{shown}: cannot read"))?;
    let json = path.extension().is_some_and(|e| e == "json");
    let value = if json {
        Value::parse_json(&text).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?
    } else {
        hyde::yaml::parse(&text).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?
    };
    match value {
        Value::Hash(map) => Ok((*map).clone()),
        Value::Nil => Ok(Map::new()),
        _ => bail!("{shown}: the data must be a hash (key: value pairs)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_give_page_hashes() {
        let dir = std::env::temp_dir().join(format!("hyde-liquid-cmd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let cases = [
            ("a.yml", "title: Hi\nn: 2\n", Some("Hi")),
            ("b.json", r#"{"title": "J"}"#, Some("J")),
            ("c.yaml", "", None),
            ("d.yml", "- 1\n", None),
        ];
        for (name, text, title) in cases {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("write");
            let got = read_data(&path);
            let got_title = got
                .as_ref()
                .ok()
                .and_then(|m| m.get("title").and_then(Value::as_str).map(str::to_string));
            assert_eq!(got_title.as_deref(), title, "{name}");
            assert_eq!(got.is_err(), name == "d.yml", "{name}");
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}
