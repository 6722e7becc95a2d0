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
use hyde::document::Document;
use hyde::liquid::{Map, RenderOptions, Value};
use hyde::liquid_renderer::{LiquidRenderer, SiteIndex};
use hyde::reader::{self, Contents};
use hyde::{drops, logger};
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
    let contents = reader::read(&config)?;
    let renderer = LiquidRenderer::new(&config).with_index(site_index(&contents));
    let template = renderer.parse(&name, &body, body_line)?;
    let mut globals = Map::new();
    globals.insert("site".into(), site_value(&config, &contents));
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

/// `site`, as a page sees it while the site renders, before any document
/// is rendered (Site#site_payload with `SiteDrop`).
fn site_value(config: &Config, contents: &Contents) -> Value {
    let pages: Vec<Value> = contents.pages.iter().map(drops::page_value).collect();
    let html_pages = contents
        .pages
        .iter()
        .zip(&pages)
        .filter(|(p, _)| p.is_html() || p.url.ends_with('/'))
        .map(|(_, v)| v.clone())
        .collect();
    let files = |label: Option<&str>| -> Vec<Value> {
        let in_collection = |c: &Option<String>| label.is_none() || c.as_deref() == label;
        let files = contents.static_files.iter();
        files
            .filter(|f| in_collection(&f.collection))
            .map(drops::static_file_value)
            .collect()
    };
    let mut collections = Vec::new();
    let mut posts = Vec::new();
    for (i, c) in contents.collections.iter().enumerate() {
        let maps = c
            .docs
            .iter()
            .map(|d| drops::document_value(d, Value::from(d.content.as_str()), Value::Nil));
        let docs = drops::link_neighbours(maps.collect());
        if i == 0 {
            posts = newest_first(&c.docs, &docs);
        }
        collections.push((
            c.label.clone(),
            c.metadata.clone(),
            docs,
            files(Some(&c.label)),
        ));
    }
    let site = drops::SiteContents {
        pages,
        html_pages,
        static_files: files(None),
        posts,
        collections,
    };
    drops::site_value(config, site, &contents.data)
}

/// `site.posts`: newest first (ties: later source path first), as Jekyll sorts.
fn newest_first(docs: &[Document], values: &[Value]) -> Vec<Value> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let key = |d: &Document| (d.date.timestamp(), d.source_path.clone());
    order.sort_by(|&a, &b| key(&docs[b]).cmp(&key(&docs[a])));
    order.into_iter().map(|i| values[i].clone()).collect()
}

/// What `link` and `post_url` look up: documents, pages, static files.
fn site_index(contents: &Contents) -> SiteIndex {
    SiteIndex::build(
        &contents.collections,
        &contents.pages,
        &contents.static_files,
    )
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
