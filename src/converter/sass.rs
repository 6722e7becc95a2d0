//! Sass and SCSS pages compiled to CSS with grass, the way
//! jekyll-sass-converter does: `_sass` (and `sass.load_paths`) on the load
//! path, `sass.style` honoured, and a source map written beside the CSS
//! unless `sass.sourcemap` is `never` (or `development` outside development).

use crate::config::Config;
use crate::errors::{Error, Result};
use crate::liquid::Value;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The compiled stylesheet and, when wanted, its source map.
pub struct Compiled {
    pub css: String,
    pub map: Option<String>,
}

/// Compiles one Sass page. `rel` is its source-relative path, `css_name` the
/// file name of the output (for the map's `file` and the comment).
pub fn compile(
    content: &str,
    rel: &str,
    body_line: usize,
    indented: bool,
    css_name: &str,
    config: &Config,
) -> Result<Compiled> {
    let settings = config.get("sass");
    let setting = |key: &str| settings.and_then(|s| s.get(key)).and_then(Value::as_str);
    let style = match setting("style") {
        Some("compressed") | Some(":compressed") => grass::OutputStyle::Compressed,
        _ => grass::OutputStyle::Expanded,
    };
    let fs = RecordingFs {
        theme: config
            .theme
            .as_ref()
            .and_then(|t| Some((t.sass_path.clone()?, t.root.clone()))),
        ..RecordingFs::default()
    };
    let syntax = if indented {
        grass::InputSyntax::Sass
    } else {
        grass::InputSyntax::Scss
    };
    let options = grass::Options::default()
        .style(style)
        .input_syntax(syntax)
        .load_paths(&load_paths(rel, config))
        .fs(&fs);
    let css = grass::from_string(content.to_string(), &options)
        .map_err(|e| sass_error(rel, body_line, *e))?;
    if !wants_sourcemap(setting("sourcemap"), &config.environment) {
        return Ok(Compiled { css, map: None });
    }
    let map = source_map(rel, css_name, content, &fs.read_files(), config);
    let css = format!("{css}\n/*# sourceMappingURL={css_name}.map */");
    Ok(Compiled {
        css,
        map: Some(map),
    })
}

/// `sass.sourcemap`: `always` (the default), `never`, or `development`.
fn wants_sourcemap(setting: Option<&str>, environment: &str) -> bool {
    match setting.map(|s| s.trim_start_matches(':')) {
        Some("never") => false,
        Some("development") => environment == "development",
        _ => true,
    }
}

fn load_paths(rel: &str, config: &Config) -> Vec<PathBuf> {
    let sass = config.get("sass");
    let dir = sass
        .and_then(|s| s.get("sass_dir"))
        .and_then(Value::as_str)
        .unwrap_or("_sass");
    let mut paths = vec![config.source.join(dir)];
    if let Some(Value::Array(extra)) = sass.and_then(|s| s.get("load_paths")) {
        paths.extend(
            extra
                .iter()
                .filter_map(Value::as_str)
                .map(|p| config.source.join(p)),
        );
    }
    // jekyll-sass-converter appends the theme's `_sass` after the site's paths.
    if let Some(theme_sass) = config.theme.as_ref().and_then(|t| t.sass_path.clone()) {
        paths.push(theme_sass);
    }
    if let Some(parent) = Path::new(rel).parent() {
        paths.push(config.source.join(parent));
    }
    paths
}

/// A version 3 source map naming the sources; mappings are left empty.
fn source_map(
    rel: &str,
    css_name: &str,
    content: &str,
    imported: &[(PathBuf, String)],
    config: &Config,
) -> String {
    let name = Path::new(rel)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut sources = vec![serde_json::Value::from(name)];
    let mut contents = vec![serde_json::Value::from(content)];
    for (path, text) in imported {
        sources.push(source_relative(&config.source, path).into());
        contents.push(text.as_str().into());
    }
    let map = serde_json::json!({
        "version": 3,
        "file": css_name,
        "sources": sources,
        "sourcesContent": contents,
        "names": [],
        "mappings": "",
    });
    serde_json::to_string_pretty(&map).unwrap_or_default()
}

/// An imported file's path relative to the site source, with `..` for one
/// outside it (a theme's `_sass`), as sassc names the map's sources.
fn source_relative(source: &Path, path: &Path) -> String {
    let source = source
        .canonicalize()
        .unwrap_or_else(|_| source.to_path_buf());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let (from, to): (Vec<_>, Vec<_>) = (source.components().collect(), path.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// A grass error, with the line counted in the whole file (front matter
/// included) when the error is in the page itself.
fn sass_error(rel: &str, body_line: usize, error: grass::Error) -> Error {
    let (file, line, message) = match error.kind() {
        grass::ErrorKind::ParseError { message, loc, .. } if loc.file.name() == "stdin" => {
            (rel.to_string(), loc.begin.line + body_line, message)
        }
        grass::ErrorKind::ParseError { message, loc, .. } => {
            (loc.file.name().to_string(), loc.begin.line + 1, message)
        }
        grass::ErrorKind::IoError(e) => (rel.to_string(), body_line, e.to_string()),
        grass::ErrorKind::FromUtf8Error(e) => (rel.to_string(), body_line, e),
        _ => (rel.to_string(), body_line, "unknown Sass error".to_string()),
    };
    Error::Conversion {
        file,
        line,
        message,
    }
}

/// The real file system, remembering which files grass read (the imports).
#[derive(Debug, Default)]
struct RecordingFs {
    read: Mutex<Vec<(PathBuf, String)>>,
    /// The theme's `_sass` and root: a file found below that `_sass` must
    /// not resolve (through a symlink) outside the theme.
    theme: Option<(PathBuf, PathBuf)>,
}

impl RecordingFs {
    fn allowed(&self, path: &Path) -> bool {
        match &self.theme {
            Some((sass, root)) if path.starts_with(sass) => {
                path.canonicalize().is_ok_and(|real| real.starts_with(root))
            }
            _ => true,
        }
    }

    fn read_files(&self) -> Vec<(PathBuf, String)> {
        self.read.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl grass::Fs for RecordingFs {
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir() && self.allowed(path)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file() && self.allowed(path)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if !self.allowed(path) {
            return Err(io::Error::from(io::ErrorKind::PermissionDenied));
        }
        let bytes = std::fs::read(path)?;
        if let Ok(mut read) = self.read.lock() {
            read.push((
                path.to_path_buf(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sourcemap_setting() {
        let cases = [
            (None, "development", true),
            (Some("never"), "development", false),
            (Some("development"), "production", false),
            (Some(":development"), "development", true),
            (Some("always"), "production", true),
        ];
        for (setting, env, want) in cases {
            assert_eq!(wants_sourcemap(setting, env), want, "{setting:?} {env}");
        }
    }

    #[test]
    fn map_sources_relative_to_the_source() {
        let cases = [
            (
                "/nonexistent/site",
                "/nonexistent/site/_sass/_a.scss",
                "_sass/_a.scss",
            ),
            (
                "/nonexistent/s/src",
                "/nonexistent/s/gems/t/_sass/b.scss",
                "../gems/t/_sass/b.scss",
            ),
            ("/nonexistent/a/b", "/nonexistent/c.scss", "../../c.scss"),
        ];
        for (source, path, want) in cases {
            assert_eq!(
                source_relative(Path::new(source), Path::new(path)),
                want,
                "{path}"
            );
        }
    }

    #[test]
    fn theme_partials_stay_inside_the_theme() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let (root, sass) = (base.join("theme"), base.join("theme/_sass"));
        std::fs::create_dir_all(&sass).unwrap();
        std::fs::create_dir_all(base.join("site/_sass")).unwrap();
        for file in [
            "theme/_sass/_in.scss",
            "theme/_x.scss",
            "out.scss",
            "site/_sass/_s.scss",
        ] {
            std::fs::write(base.join(file), "a{}").unwrap();
        }
        std::os::unix::fs::symlink(base.join("out.scss"), sass.join("_out.scss")).unwrap();
        std::os::unix::fs::symlink(root.join("_x.scss"), sass.join("_x.scss")).unwrap();
        let fs = RecordingFs {
            theme: Some((sass.clone(), root)),
            ..RecordingFs::default()
        };
        let cases = [
            (sass.join("_in.scss"), true),
            (sass.join("_x.scss"), true),
            (sass.join("_out.scss"), false),
            (base.join("site/_sass/_s.scss"), true),
        ];
        for (path, want) in cases {
            assert_eq!(grass::Fs::is_file(&fs, &path), want, "{}", path.display());
        }
    }
}
