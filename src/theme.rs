//! A gem-based theme (`theme:` in the config), as lib/jekyll/theme.rb sees
//! it: the installed gem's root and the folders it provides (`_layouts`,
//! `_includes`, `_sass`, `assets`, `_data`), plus the theme's `_config.yml`
//! merged under the site's (`Site#load_theme_configuration`).
//!
//! Jekyll asks RubyGems (`Gem::Specification.find_by_name`); hyde finds the
//! gem without Ruby, searching the directories RubyGems would: `GEM_HOME`,
//! `GEM_PATH`, then the usual system and user gem directories, each holding
//! `specifications/NAME-VERSION.gemspec` and `gems/NAME-VERSION/`.

use crate::liquid::{Map, Value};
use crate::{logger, yaml};
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

#[derive(thiserror::Error, Debug)]
pub enum ThemeError {
    /// Jekyll's `MissingDependencyException` for a gem RubyGems cannot find.
    #[error("The {0} theme could not be found.")]
    NotFound(String),
    #[error(
        "Path {} does not exist, is not accessible or includes a symbolic link loop",
        .0.display()
    )]
    Root(PathBuf),
    #[error("Theme Config file: {path}: {message}")]
    Config { path: String, message: String },
}

/// An installed theme gem and the folders it provides.
#[derive(Clone, Debug)]
pub struct Theme {
    pub name: String,
    /// The gem's directory, symlinks resolved (`Theme#root`).
    pub root: PathBuf,
    pub includes_path: Option<PathBuf>,
    pub layouts_path: Option<PathBuf>,
    pub sass_path: Option<PathBuf>,
    pub assets_path: Option<PathBuf>,
    pub data_path: Option<PathBuf>,
}

impl Theme {
    /// `Site#configure_theme`: a theme when `theme:` names one. A value that
    /// is not a string is Jekyll's warning and no theme.
    pub fn configured(data: &Map, cwd: &Path, source: &Path) -> Result<Option<Theme>, ThemeError> {
        match data.get("theme") {
            None | Some(Value::Nil) => Ok(None),
            Some(Value::Str(name)) => {
                let dirs = gem_dirs(&Env::from_process(), cwd, source);
                Theme::find(name, &dirs).map(Some)
            }
            Some(other) => {
                logger::warn(
                    "Theme:",
                    &format!(
                        "value of 'theme' in config should be String to use gem-based themes, \
                         but got {}",
                        ruby_class(other)
                    ),
                );
                Ok(None)
            }
        }
    }

    /// `Theme.new(name)`: the highest installed version of the gem.
    pub fn find(name: &str, gem_dirs: &[PathBuf]) -> Result<Theme, ThemeError> {
        let name = name.trim().to_lowercase();
        let gem = locate_gem(&name, gem_dirs).ok_or_else(|| ThemeError::NotFound(name.clone()))?;
        let root = gem.canonicalize().map_err(|_| ThemeError::Root(gem))?;
        logger::debug("Theme:", &name);
        logger::debug("Theme source:", &root.display().to_string());
        Ok(Theme {
            includes_path: path_for(&root, "_includes"),
            layouts_path: path_for(&root, "_layouts"),
            sass_path: path_for(&root, "_sass"),
            assets_path: path_for(&root, "assets"),
            data_path: path_for(&root, "_data"),
            name,
            root,
        })
    }

    /// `Site#load_theme_configuration`: the theme's `_config.yml` under the
    /// site's config, without the keys of Jekyll's defaults. A symlinked
    /// file, or one that is not a hash, is ignored.
    pub fn merge_configuration(&self, config: Map, defaults: &Map) -> Result<Map, ThemeError> {
        if matches!(config.get("ignore_theme_config"), Some(Value::Bool(true))) {
            return Ok(config);
        }
        let file = self.root.join("_config.yml");
        let is_link = file.symlink_metadata().is_ok_and(|m| m.is_symlink());
        if is_link || !file.is_file() {
            return Ok(config);
        }
        let shown = file.display().to_string();
        let text = std::fs::read_to_string(&file).map_err(|e| ThemeError::Config {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let parsed = yaml::parse(&text).map_err(|e| ThemeError::Config {
            path: shown.clone(),
            message: format!("{} at line {} column {}", e.message, e.line, e.column),
        })?;
        let Value::Hash(theme_config) = parsed else {
            return Ok(config);
        };
        logger::info("Theme Config file:", &shown);
        let mut theme_config = (*theme_config).clone();
        theme_config.retain(|key, _| !defaults.contains_key(key));
        Ok(crate::utils::deep_merge(&theme_config, &config))
    }
}

/// `Theme#path_for`: a folder of the theme, symlinks resolved, only when it
/// is a directory that stays inside the theme root.
fn path_for(root: &Path, folder: &str) -> Option<PathBuf> {
    let path = root.join(folder);
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_dir() => Some(real),
        Ok(_) => None,
        Err(e) => {
            if e.kind() != std::io::ErrorKind::NotFound {
                logger::error(
                    "Theme error:",
                    &format!("Directory '{folder}' is not accessible or includes a loop."),
                );
            }
            None
        }
    }
}

/// The Ruby class name of a config value, for the warning.
fn ruby_class(value: &Value) -> &'static str {
    match value {
        Value::Bool(true) => "TrueClass",
        Value::Bool(false) => "FalseClass",
        Value::Int(_) => "Integer",
        Value::Float(_) => "Float",
        Value::Array(_) => "Array",
        Value::Hash(_) => "Hash",
        _ => "Object",
    }
}

/// The environment variables the gem search reads.
#[derive(Default)]
pub struct Env {
    pub gem_home: Option<String>,
    pub gem_path: Option<String>,
    pub home: Option<String>,
}

impl Env {
    fn from_process() -> Env {
        let var = |k| std::env::var(k).ok().filter(|v: &String| !v.is_empty());
        Env {
            gem_home: var("GEM_HOME"),
            gem_path: var("GEM_PATH"),
            home: var("HOME"),
        }
    }
}

/// The gem directories in search order. Relative `GEM_HOME`/`GEM_PATH`
/// entries resolve against the working directory, as RubyGems expands them.
pub fn gem_dirs(env: &Env, cwd: &Path, source: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let mut push = |p: PathBuf| {
        if !dirs.contains(&p) {
            dirs.push(p);
        }
    };
    if let Some(home) = &env.gem_home {
        push(crate::config::absolute(cwd, Path::new(home)));
    }
    if let Some(paths) = &env.gem_path {
        for entry in paths.split(':').filter(|e| !e.is_empty()) {
            push(crate::config::absolute(cwd, Path::new(entry)));
        }
    }
    let mut globs: Vec<PathBuf> = Vec::new();
    if let Some(home) = &env.home {
        globs.push(Path::new(home).join(".local/share/gem/ruby"));
        globs.push(Path::new(home).join(".gem/ruby"));
    }
    globs.push(source.join("vendor/bundle/ruby"));
    for base in [
        "/var/lib/gems",
        "/usr/local/lib/ruby/gems",
        "/usr/lib/ruby/gems",
    ] {
        globs.push(PathBuf::from(base));
    }
    // Debian's multiarch directories: /usr/lib/<triplet>/{ruby/gems,rubygems-integration}/*.
    for arch in subdirs(Path::new("/usr/lib")) {
        globs.push(arch.join("ruby/gems"));
        globs.push(arch.join("rubygems-integration"));
    }
    for base in &globs {
        subdirs(base).into_iter().for_each(&mut push);
    }
    push(PathBuf::from("/usr/share/rubygems-integration/all"));
    subdirs(Path::new("/usr/share/rubygems-integration"))
        .into_iter()
        .for_each(&mut push);
    dirs
}

/// The directories inside `base`, by name (a `*` glob of ruby versions).
fn subdirs(base: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(base) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The directory of the highest version of gem `name` that has a
/// specification; on a tie the earlier gem directory wins.
fn locate_gem(name: &str, gem_dirs: &[PathBuf]) -> Option<PathBuf> {
    let mut best: Option<(String, PathBuf)> = None;
    for dir in gem_dirs {
        let Ok(specs) = std::fs::read_dir(dir.join("specifications")) else {
            continue;
        };
        let mut found: Vec<String> = specs
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let file = e.file_name().to_string_lossy().into_owned();
                gem_version(name, &file).map(str::to_string)
            })
            .collect();
        found.sort();
        for version in found {
            let gem = dir.join("gems").join(format!("{name}-{version}"));
            let better = best
                .as_ref()
                .is_none_or(|(v, _)| compare_versions(&version, v) == Ordering::Greater);
            if gem.is_dir() && better {
                best = Some((version, gem));
            }
        }
    }
    best.map(|(_, gem)| gem)
}

/// The version in a spec file name `NAME-VERSION.gemspec`, if it is one of
/// gem `name` (`NAME-other-VERSION` names another gem).
fn gem_version<'a>(name: &str, file: &'a str) -> Option<&'a str> {
    let version = file
        .strip_suffix(".gemspec")?
        .strip_prefix(name)?
        .strip_prefix('-')?;
    version
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(version)
}

/// `Gem::Version#<=>`: numeric segments compare as numbers, a letter segment
/// (a prerelease) sorts before any number, missing segments count as 0.
fn compare_versions(a: &str, b: &str) -> Ordering {
    let split = |v: &str| -> Vec<String> {
        let mut out = Vec::new();
        for part in v.split(['.', '-']) {
            let mut cur = String::new();
            for c in part.chars() {
                if !cur.is_empty() && cur.chars().all(|d| d.is_ascii_digit()) != c.is_ascii_digit()
                {
                    out.push(std::mem::take(&mut cur));
                }
                cur.push(c);
            }
            out.push(cur);
        }
        while out.len() > 1 && out.last().is_some_and(|s| s.chars().all(|c| c == '0')) {
            out.pop();
        }
        out
    };
    let (a, b) = (split(a), split(b));
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).map_or("0", String::as_str);
        let y = b.get(i).map_or("0", String::as_str);
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            (Ok(_), Err(_)) => Ordering::Greater,
            (Err(_), Ok(_)) => Ordering::Less,
            (Err(_), Err(_)) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn install(base: &Path, full_name: &str, with_spec: bool) {
        std::fs::create_dir_all(base.join("gems").join(full_name).join("_layouts")).unwrap();
        std::fs::create_dir_all(base.join("specifications")).unwrap();
        if with_spec {
            let spec = base.join(format!("specifications/{full_name}.gemspec"));
            std::fs::write(spec, "").unwrap();
        }
    }

    #[test]
    fn versions_compare_like_rubygems() {
        let cases = [
            ("1.0", "1.0.0", Ordering::Equal),
            ("1.10", "1.9", Ordering::Greater),
            ("2.5.1", "2.5.10", Ordering::Less),
            ("1.0.a", "1.0", Ordering::Less),
            ("1.0.rc1", "1.0.beta", Ordering::Greater),
            ("0.2.0", "0.10.0", Ordering::Less),
        ];
        for (a, b, want) in cases {
            assert_eq!(compare_versions(a, b), want, "{a} <=> {b}");
        }
    }

    #[test]
    fn spec_file_names() {
        let cases = [
            ("minima", "minima-2.5.1.gemspec", Some("2.5.1")),
            ("minima", "minima-extra-1.0.gemspec", None),
            ("jekyll", "jekyll-feed-0.17.0.gemspec", None),
            ("minima", "minima-2.5.1.gem", None),
        ];
        for (name, file, want) in cases {
            assert_eq!(gem_version(name, file), want, "{file}");
        }
    }

    #[test]
    fn finds_the_highest_version_in_search_order() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        install(&a, "t-theme-0.9.0", true);
        install(&b, "t-theme-0.10.0", true);
        install(&b, "t-theme-2.0.0", false);
        install(&a, "t-theme-extra-5.0.0", true);
        install(&b, "other-1.0.0", true);
        let dirs = [a.clone(), b.clone()];
        let cases = [
            ("t-theme", Some(b.join("gems/t-theme-0.10.0"))),
            (" T-Theme ", Some(b.join("gems/t-theme-0.10.0"))),
            ("other", Some(b.join("gems/other-1.0.0"))),
            ("missing", None),
        ];
        for (name, want) in cases {
            let got = Theme::find(name, &dirs);
            match want {
                Some(dir) => {
                    let theme = got.unwrap();
                    assert_eq!(theme.root, dir.canonicalize().unwrap(), "{name}");
                    assert!(theme.layouts_path.is_some() && theme.sass_path.is_none());
                }
                None => assert_eq!(
                    got.unwrap_err().to_string(),
                    format!("The {name} theme could not be found.")
                ),
            }
        }
    }

    #[test]
    fn folders_may_not_leave_the_root() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("gems/t-1.0");
        std::fs::create_dir_all(root.join("real")).unwrap();
        std::fs::create_dir_all(tmp.path().join("outside")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("outside"), root.join("_sass")).unwrap();
        std::os::unix::fs::symlink(root.join("real"), root.join("_includes")).unwrap();
        std::fs::write(root.join("_data"), "a file").unwrap();
        let root = root.canonicalize().unwrap();
        let cases = [
            ("_sass", None),
            ("_includes", Some(root.join("real"))),
            ("_data", None),
            ("_layouts", None),
        ];
        for (folder, want) in cases {
            assert_eq!(path_for(&root, folder), want, "{folder}");
        }
    }

    #[test]
    fn gem_dirs_resolve_relative_entries_against_cwd() {
        let env = Env {
            gem_home: Some("home".into()),
            gem_path: Some("../gems::/abs/gems".into()),
            home: None,
        };
        let dirs = gem_dirs(&env, Path::new("/site/src"), Path::new("/nowhere"));
        let want = [
            PathBuf::from("/site/src/home"),
            PathBuf::from("/site/gems"),
            PathBuf::from("/abs/gems"),
        ];
        assert_eq!(dirs[..3], want);
        assert!(dirs.contains(&PathBuf::from("/usr/share/rubygems-integration/all")));
    }

    #[test]
    fn theme_config_goes_under_the_site_config() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let theme = Theme {
            name: "t".into(),
            root: root.clone(),
            includes_path: None,
            layouts_path: None,
            sass_path: None,
            assets_path: None,
            data_path: None,
        };
        std::fs::write(
            root.join("_config.yml"),
            "title: T\nmarkdown: x\nnav: {a: 1, b: 2}\n",
        )
        .unwrap();
        let parse = |s: &str| match yaml::parse(s).unwrap() {
            Value::Hash(m) => (*m).clone(),
            _ => Map::new(),
        };
        let defaults = parse("markdown: kramdown\n");
        let cases = [
            (
                "markdown: kramdown\n",
                "title: T\nnav: {a: 1, b: 2}\nmarkdown: kramdown\n",
            ),
            ("title: S\nnav: {b: 3}\n", "title: S\nnav: {a: 1, b: 3}\n"),
            ("ignore_theme_config: true\n", "ignore_theme_config: true\n"),
        ];
        for (site, want) in cases {
            let got = theme.merge_configuration(parse(site), &defaults).unwrap();
            let got: Vec<_> = got
                .iter()
                .map(|(k, v)| (k.clone(), format!("{v:?}")))
                .collect();
            let want: Vec<_> = parse(want)
                .iter()
                .map(|(k, v)| (k.clone(), format!("{v:?}")))
                .collect();
            assert_eq!(got, want, "{site}");
        }
    }
}
