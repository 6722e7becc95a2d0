//! Watching the source for `serve` (jekyll-watch's lib/jekyll/watcher.rb):
//! file events are debounced — gathered until the file system has been
//! quiet for a moment — so that an editor's save (a write, a rename over the
//! file, or a delete then create) yields one change. Only mutations count:
//! the build's own reads of the source (inotify's open/close events) must
//! not start another build. Like jekyll-watch it ignores the
//! destination and excluded paths; it also ignores `.git`, caches and
//! editors' temporary files. Unlike Jekyll, `_config.yml` is watched too.

use crate::config::Config;
use crate::entry_filter::EntryFilter;
use notify::event::ModifyKind;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// After a change, wait until this long without events before building.
const SETTLE: Duration = Duration::from_millis(100);

/// Names an editor writes beside the file it saves.
const TEMPORARY_SUFFIXES: &[&str] = &["~", ".swp", ".swx", ".swpx", ".tmp"];

pub struct Watcher {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

impl Watcher {
    /// Watches `source` recursively, and the config files outside it.
    pub fn new(config: &Config) -> notify::Result<Watcher> {
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(&config.source, RecursiveMode::Recursive)?;
        for file in &config.files {
            if !file.starts_with(&config.source) {
                watcher.watch(file, RecursiveMode::NonRecursive)?;
            }
        }
        Ok(Watcher {
            _watcher: watcher,
            events,
        })
    }

    /// Blocks until files that matter changed, and returns them (sorted);
    /// `None` once the watcher is gone.
    pub fn next_change(&self, ignore: &Ignore) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            collect(self.events.recv().ok()?, ignore, &mut changed);
        }
        loop {
            match self.events.recv_timeout(SETTLE) {
                Ok(batch) => collect(batch, ignore, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }
}

fn collect(event: notify::Result<Event>, ignore: &Ignore, changed: &mut Vec<PathBuf>) {
    match event {
        Ok(event) if mutates(&event.kind) => {
            changed.extend(event.paths.into_iter().filter(|p| !ignore.ignores(p)));
        }
        Ok(_) => {}
        Err(error) => crate::logger::warn("Watcher:", &error.to_string()),
    }
}

/// Creations, removals, writes and renames; not reads, nor attribute changes
/// (which reading may cause).
fn mutates(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(modify) => !matches!(modify, ModifyKind::Metadata(_)),
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Which paths never cause a rebuild, for one configuration.
pub struct Ignore {
    source: PathBuf,
    real_source: Option<PathBuf>,
    destination: PathBuf,
    config_files: Vec<PathBuf>,
    include: Vec<String>,
    filter: EntryFilter,
}

impl Ignore {
    pub fn new(config: &Config) -> Ignore {
        Ignore {
            source: config.source.clone(),
            real_source: config.source.canonicalize().ok(),
            destination: config.destination.clone(),
            config_files: config.files.clone(),
            include: config.include.clone(),
            filter: EntryFilter::new(config),
        }
    }

    pub fn ignores(&self, path: &Path) -> bool {
        if self.config_files.iter().any(|f| f == path) {
            return false;
        }
        if path.starts_with(&self.destination) {
            return true;
        }
        let rel = path
            .strip_prefix(&self.source)
            .ok()
            .or_else(|| path.strip_prefix(self.real_source.as_ref()?).ok());
        match rel {
            Some(rel) => self.ignores_relative(rel),
            None => true,
        }
    }

    fn ignores_relative(&self, rel: &Path) -> bool {
        let hidden = rel.components().any(|c| match c {
            Component::Normal(name) => name.to_str().is_none_or(|name| {
                name.starts_with('.') && !self.include.iter().any(|i| i == name)
            }),
            _ => false,
        });
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let temporary = name == "4913" || TEMPORARY_SUFFIXES.iter().any(|s| name.ends_with(s));
        let text = rel.to_string_lossy().replace('\\', "/");
        hidden || temporary || text.is_empty() || self.filter.excluded(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    #[test]
    fn what_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().canonicalize().unwrap();
        std::fs::write(
            source.join("_config.yml"),
            "exclude: [drafts-old, '*.log']\n",
        )
        .unwrap();
        let config = Config::load(&Overrides {
            source: Some(source.clone()),
            destination: Some(source.join("_site")),
            ..Overrides::default()
        })
        .unwrap();
        let ignore = Ignore::new(&config);
        let cases = [
            ("index.md", false),
            ("_posts/2024-01-01-a.md", false),
            ("_config.yml", false),
            ("_layouts/default.html", false),
            ("_site/index.html", true),
            (".git/index", true),
            (".jekyll-cache/x", true),
            ("node_modules/a/b.js", true),
            ("drafts-old/a.md", true),
            ("build.log", true),
            (".index.md.swp", true),
            ("index.md~", true),
            ("4913", true),
        ];
        for (rel, want) in cases {
            assert_eq!(ignore.ignores(&source.join(rel)), want, "{rel}");
        }
        assert!(ignore.ignores(Path::new("/elsewhere/file.md")));
    }
}
