//! The site configuration: Jekyll's defaults, then the config files in order,
//! then the command-line overrides (lib/jekyll/configuration.rb and
//! `Jekyll.configuration`). The merged hash is what templates see as `site.*`;
//! `Config` also resolves, once, the typed settings the pipeline needs.

use crate::errors::{Error, Result};
use crate::liquid::{ErrorMode, Map, Value};
use crate::theme::Theme;
use crate::utils::{deep_merge, string_list};
use crate::{logger, yaml};
use std::path::{Path, PathBuf};

/// Jekyll's `Configuration::DEFAULT_EXCLUDES`, always appended to `exclude`.
const DEFAULT_EXCLUDES: &[&str] = &[
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
];

/// What the command line says: paths, `--config` files, and flag values
/// already named as config keys (`show_drafts`, `baseurl`, …).
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub source: Option<PathBuf>,
    pub destination: Option<PathBuf>,
    pub config_files: Vec<PathBuf>,
    pub values: Map,
}

/// Liquid settings from `liquid:` in the config.
#[derive(Clone, Debug)]
pub struct LiquidSettings {
    pub error_mode: ErrorMode,
    pub strict_variables: bool,
    pub strict_filters: bool,
}

/// The resolved configuration of one build.
#[derive(Clone, Debug)]
pub struct Config {
    /// The whole merged hash, as `site.*` sees it.
    pub data: Map,
    pub source: PathBuf,
    pub destination: PathBuf,
    /// The files actually read, in order (for the log and for watching).
    pub files: Vec<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub keep_files: Vec<String>,
    pub markdown_exts: Vec<String>,
    pub layouts_dir: PathBuf,
    pub includes_dir: PathBuf,
    pub data_dir: PathBuf,
    pub environment: String,
    pub now: jiff::ZonedDateTime,
    /// `SOURCE_DATE_EPOCH`, when set: file times later than it are clamped.
    pub epoch: Option<jiff::Timestamp>,
    pub liquid: LiquidSettings,
    pub safe: bool,
    /// The gem-based theme `theme:` names, if any.
    pub theme: Option<Theme>,
}

impl Config {
    /// `Jekyll.configuration(override)`: defaults < config files < overrides.
    pub fn load(overrides: &Overrides) -> Result<Config> {
        let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
        let source = absolute(&cwd, overrides.source.as_deref().unwrap_or(Path::new(".")));
        let files = config_files(&cwd, &source, overrides)?;
        let mut user = Map::new();
        let mut read = Vec::new();
        for file in &files {
            if let Some(values) = read_config_file(file, overrides.config_files.is_empty())? {
                logger::info("Configuration file:", &file.display().to_string());
                user = deep_merge(&user, &values);
                read.push(file.clone());
            }
        }
        if read.is_empty() && overrides.config_files.is_empty() {
            logger::warn("Configuration file:", "none");
        }
        let mut cli = overrides.values.clone();
        // `-s` wins; otherwise a `source:` in the config does, as in Jekyll.
        if overrides.source.is_some() {
            cli.insert("source".into(), path_value(&source));
        }
        if let Some(dest) = &overrides.destination {
            cli.insert("destination".into(), path_value(&absolute(&cwd, dest)));
        }
        let data = deep_merge(&defaults(&cwd), &deep_merge(&user, &cli));
        Config::resolve(&cwd, add_default_excludes(data), read)
    }

    /// Turns the merged hash into typed settings, once.
    fn resolve(cwd: &Path, mut data: Map, files: Vec<PathBuf>) -> Result<Config> {
        let source = absolute(cwd, Path::new(&str_of(&data, "source")));
        let destination = absolute(cwd, Path::new(&str_of(&data, "destination")));
        data.insert("source".into(), path_value(&source));
        data.insert("destination".into(), path_value(&destination));
        check_lists(&data, &files)?;
        // `Site#config=`: the theme's own `_config.yml` goes under everything.
        let theme =
            Theme::configured(&data, cwd, &source).map_err(|e| Error::Fatal(e.to_string()))?;
        if let Some(theme) = &theme {
            data = theme
                .merge_configuration(data, &defaults(cwd))
                .map_err(|e| Error::Fatal(e.to_string()))?;
        }
        let environment = std::env::var("JEKYLL_ENV").unwrap_or_else(|_| "development".to_string());
        let epoch = source_date_epoch()?;
        let now = match data.get("time").filter(|t| !t.is_nil()) {
            Some(time) => configured_time(time, data.get("timezone"))?,
            None => now(data.get("timezone"), epoch)?,
        };
        Ok(Config {
            include: string_list(data.get("include")),
            exclude: string_list(data.get("exclude")),
            keep_files: string_list(data.get("keep_files")),
            markdown_exts: str_of(&data, "markdown_ext")
                .split(',')
                .map(|e| format!(".{}", e.trim().to_ascii_lowercase()))
                .collect(),
            layouts_dir: source.join(str_of(&data, "layouts_dir")),
            includes_dir: source.join(str_of(&data, "includes_dir")),
            data_dir: source.join(str_of(&data, "data_dir")),
            liquid: liquid_settings(data.get("liquid")),
            safe: data.get("safe").is_some_and(Value::is_truthy),
            theme,
            environment,
            now,
            epoch,
            source,
            destination,
            files,
            data,
        })
    }

    /// A path relative to the source, with `/` separators, for messages.
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.source).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.data.get(key)
    }

    /// A file's modification time, clamped to `SOURCE_DATE_EPOCH` as
    /// reproducible builds do, so that drafts and `modified_time` do not
    /// depend on when the files were checked out.
    pub fn mtime(&self, path: &Path) -> jiff::Timestamp {
        let real = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        match self.epoch {
            Some(epoch) if real > epoch => epoch,
            _ => real,
        }
    }
}

/// `Configuration#config_files`: `--config` files, else `_config.yml`,
/// `.yaml` or `.toml` in the source (the first that exists).
fn config_files(cwd: &Path, source: &Path, overrides: &Overrides) -> Result<Vec<PathBuf>> {
    if !overrides.config_files.is_empty() {
        return Ok(overrides
            .config_files
            .iter()
            .map(|f| absolute(cwd, f))
            .collect());
    }
    let found = ["yml", "yaml", "toml"]
        .iter()
        .map(|ext| source.join(format!("_config.{ext}")))
        .find(|p| p.is_file());
    Ok(vec![found.unwrap_or_else(|| source.join("_config.yml"))])
}

/// Reads one config file. A missing default file is no error; a missing
/// `--config` file is, as in Jekyll.
fn read_config_file(path: &Path, is_default: bool) -> Result<Option<Map>> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(_) if is_default => return Ok(None),
        Err(e) => {
            return Err(Error::Config {
                path: shown,
                message: format!("could not be read: {e}"),
            });
        }
    };
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let parsed = if is_toml {
        yaml::toml_to_value(&text)
    } else {
        yaml::parse(&text)
    };
    let value = parsed.map_err(|e| Error::Config {
        path: shown.clone(),
        message: format!("{} at line {} column {}", e.message, e.line, e.column),
    })?;
    match value {
        Value::Hash(map) => Ok(Some((*map).clone())),
        Value::Nil => Ok(Some(Map::new())),
        _ => Err(Error::Config {
            path: shown,
            message: "(INVALID) the file is not a hash of settings".into(),
        }),
    }
}

/// `include` and `exclude` must be arrays (`check_include_exclude`).
fn check_lists(data: &Map, files: &[PathBuf]) -> Result<()> {
    for key in ["include", "exclude"] {
        if let Some(v) = data.get(key)
            && !matches!(v, Value::Array(_))
        {
            return Err(Error::Config {
                path: files
                    .last()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default(),
                message: format!("'{key}' should be set as an array"),
            });
        }
    }
    Ok(())
}

fn add_default_excludes(mut data: Map) -> Map {
    let mut exclude = string_list(data.get("exclude"));
    for item in DEFAULT_EXCLUDES {
        if !exclude.iter().any(|e| e == item) {
            exclude.push(item.to_string());
        }
    }
    let list = exclude.into_iter().map(Value::from).collect::<Vec<_>>();
    data.insert("exclude".into(), Value::array(list));
    data
}

fn liquid_settings(value: Option<&Value>) -> LiquidSettings {
    let get = |key: &str| value.and_then(|v| v.get(key));
    let error_mode = match get("error_mode").and_then(Value::as_str) {
        Some("strict") => ErrorMode::Strict,
        Some("lax") => ErrorMode::Lax,
        _ => ErrorMode::Warn,
    };
    LiquidSettings {
        error_mode,
        strict_variables: get("strict_variables").is_some_and(Value::is_truthy),
        strict_filters: get("strict_filters").is_some_and(Value::is_truthy),
    }
}

/// `time:` in the config sets `site.time` (`Site#reset`: `Utils.parse_date`).
fn configured_time(time: &Value, timezone: Option<&Value>) -> Result<jiff::ZonedDateTime> {
    let tz = site_zone(timezone)?;
    crate::utils::parse_date(time, &tz).ok_or_else(|| {
        Error::Fatal(format!(
            "Invalid date '{}': Invalid time in _config.yml.",
            crate::utils::scalar_string(time).unwrap_or_default()
        ))
    })
}

fn site_zone(timezone: Option<&Value>) -> Result<jiff::tz::TimeZone> {
    match timezone.and_then(Value::as_str) {
        Some(name) => jiff::tz::TimeZone::get(name)
            .map_err(|e| Error::Fatal(format!("timezone '{name}': {e}"))),
        None => Ok(jiff::tz::TimeZone::system()),
    }
}

/// "Now" for commands without a site: `SOURCE_DATE_EPOCH` when set, in `TZ`.
pub fn build_time() -> Result<jiff::ZonedDateTime> {
    now(None, source_date_epoch()?)
}

fn source_date_epoch() -> Result<Option<jiff::Timestamp>> {
    let Ok(s) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let secs: i64 = s
        .trim()
        .parse()
        .map_err(|_| Error::Fatal(format!("SOURCE_DATE_EPOCH is not an integer: {s}")))?;
    let ts = jiff::Timestamp::from_second(secs)
        .map_err(|e| Error::Fatal(format!("SOURCE_DATE_EPOCH: {e}")))?;
    Ok(Some(ts))
}

/// "Now": `SOURCE_DATE_EPOCH` when set (reproducible builds), in the site's
/// `timezone` or else the process's (`TZ`).
fn now(timezone: Option<&Value>, epoch: Option<jiff::Timestamp>) -> Result<jiff::ZonedDateTime> {
    let tz = site_zone(timezone)?;
    let instant = epoch.unwrap_or_else(jiff::Timestamp::now);
    Ok(instant.to_zoned_datetime(tz))
}

fn str_of(data: &Map, key: &str) -> String {
    data.get(key)
        .and_then(crate::utils::scalar_string)
        .unwrap_or_default()
}

fn path_value(path: &Path) -> Value {
    Value::from(path.to_string_lossy().into_owned())
}

/// `File.expand_path`: relative to `base`, with `.` and `..` folded.
pub fn absolute(base: &Path, path: &Path) -> PathBuf {
    let joined = base.join(path);
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Jekyll's `Configuration::DEFAULTS`, in its key order. The paths come
/// first and default to the working directory, as in Jekyll.
fn defaults(cwd: &Path) -> Map {
    let mut map = Map::new();
    map.insert("source".into(), path_value(cwd));
    map.insert("destination".into(), path_value(&cwd.join("_site")));
    match yaml::parse(include_str!("config_defaults.yml")) {
        Ok(Value::Hash(rest)) => map.extend(rest.iter().map(|(k, v)| (k.clone(), v.clone()))),
        _ => unreachable!("the built-in defaults are valid YAML"),
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_folds_dots() {
        let cases = [
            ("/a/b", "c", "/a/b/c"),
            ("/a/b", "../c", "/a/c"),
            ("/a/b", "./c/.", "/a/b/c"),
            ("/a/b", "/x", "/x"),
        ];
        for (base, path, want) in cases {
            assert_eq!(
                absolute(Path::new(base), Path::new(path)),
                PathBuf::from(want)
            );
        }
    }

    #[test]
    fn defaults_parse_and_excludes_are_added() {
        let data = add_default_excludes(defaults(Path::new("/site")));
        assert_eq!(str_of(&data, "destination"), "/site/_site");
        assert_eq!(str_of(&data, "permalink"), "date");
        let exclude = string_list(data.get("exclude"));
        assert!(exclude.iter().any(|e| e == "node_modules"));
        let kramdown = data.get("kramdown").unwrap();
        assert_eq!(kramdown.get("input").and_then(Value::as_str), Some("GFM"));
    }
}
