//! Building for `serve` (lib/jekyll/commands/build.rb as `serve` drives it):
//! every build reloads the configuration, with `url` pointing at the server
//! as Jekyll's `serve` sets it in development, then runs `Site#process`. A
//! failed build writes nothing, so the last good output stays served. The
//! outputs' fingerprints tell what a rebuild changed, for live reload.

use crate::config::{Config, Overrides};
use crate::errors::Result;
use crate::liquid::Value;
use crate::serve::livereload::Change;
use crate::site::{Output, OutputContent, Site};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::time::Instant;

/// Builds the site again and again with the same command-line overrides.
pub struct Builder {
    overrides: Overrides,
    /// Output path → hash of its bytes (or of its source's size and time).
    fingerprints: BTreeMap<String, u64>,
    /// The last site built, which rebuilds update in place.
    site: Option<Site>,
}

/// A good build.
pub struct Built {
    pub config: Config,
    pub change: Change,
    pub seconds: f64,
}

impl Builder {
    /// A builder for `overrides`, with `serving: true` as Jekyll's `serve` sets it.
    pub fn new(mut overrides: Overrides) -> Builder {
        overrides.values.insert("serving".into(), Value::Bool(true));
        Builder::watching(overrides)
    }

    /// A builder for `build --watch`: the same rebuilds, not serving.
    pub fn watching(overrides: Overrides) -> Builder {
        Builder {
            overrides,
            fingerprints: BTreeMap::new(),
            site: None,
        }
    }

    /// `url` is `http://HOST:PORT` (Jekyll's `default_url`); it overrides the
    /// config's only in the development environment, as in Jekyll.
    pub fn set_url(&mut self, url: &str) {
        let env = std::env::var("JEKYLL_ENV").unwrap_or_else(|_| "development".into());
        if env == "development" {
            self.overrides.values.insert("url".into(), Value::from(url));
        }
    }

    /// The configuration as the next build will see it.
    pub fn config(&self) -> Result<Config> {
        Config::load(&self.overrides)
    }

    /// One full build, the config reloaded; on success, what changed since
    /// the last good one.
    pub fn build(&mut self) -> Result<Built> {
        let config = self.config()?;
        self.build_from(config)
    }

    /// A build with a config loaded before `set_url` (to learn the port):
    /// the url is put in, so the files are not read twice.
    pub fn build_from(&mut self, mut config: Config) -> Result<Built> {
        let started = Instant::now();
        if let Some(url) = self.overrides.values.get("url") {
            config.data.insert("url".into(), url.clone());
        }
        let mut site = Site::new(config)?;
        site.process()?;
        let built = self.finish(&site, started);
        self.site = Some(site);
        Ok(built)
    }

    /// After `changed` files changed: an incremental rebuild of the last
    /// site (`Site::rebuild`), or a full build with the configuration
    /// reloaded when there is none or a config file changed.
    pub fn rebuild(&mut self, changed: &[std::path::PathBuf]) -> Result<Built> {
        let started = Instant::now();
        if let Some(mut site) = self.site.take() {
            let rebuilt = site.rebuild(changed);
            let config_changed = matches!(&rebuilt, Ok(r) if r.config_changed);
            if !config_changed {
                let result = rebuilt.map(|r| match r.full {
                    true => self.finish(&site, started),
                    false => self.finish_partial(&site, &r.written, started),
                });
                self.site = Some(site);
                return result;
            }
        }
        self.build()
    }

    /// What changed since the last good build, for live reload.
    fn finish(&mut self, site: &Site, started: Instant) -> Built {
        let fingerprints = fingerprints(&site.outputs);
        let change = classify(&self.fingerprints, &fingerprints);
        self.fingerprints = fingerprints;
        Built {
            config: site.config.clone(),
            change,
            seconds: started.elapsed().as_secs_f64(),
        }
    }

    /// The same after an incremental rebuild, which keeps every output and
    /// changes only those it wrote: only they are hashed again (hashing all
    /// of a large site's outputs would cost more than the rebuild).
    fn finish_partial(&mut self, site: &Site, written: &[String], started: Instant) -> Built {
        let written: std::collections::BTreeSet<&str> =
            written.iter().map(String::as_str).collect();
        let mut changed = Vec::new();
        for output in site
            .outputs
            .iter()
            .filter(|o| written.contains(o.rel.as_str()))
        {
            let new = fingerprint(output);
            let old = self.fingerprints.insert(output.rel.clone(), new);
            if old != Some(new) {
                changed.push(output.rel.as_str());
            }
        }
        Built {
            config: site.config.clone(),
            change: kind_of(&changed),
            seconds: started.elapsed().as_secs_f64(),
        }
    }
}

fn fingerprint(output: &Output) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    match &output.content {
        OutputContent::Rendered(text) => text.hash(&mut hasher),
        OutputContent::Copy(source) => {
            let meta = std::fs::metadata(source).ok();
            meta.as_ref().map(|m| m.len()).hash(&mut hasher);
            meta.and_then(|m| m.modified().ok()).hash(&mut hasher);
        }
    }
    hasher.finish()
}

fn fingerprints(outputs: &[Output]) -> BTreeMap<String, u64> {
    (outputs.iter())
        .map(|output| (output.rel.clone(), fingerprint(output)))
        .collect()
}

/// Whether the outputs that differ (added, removed or changed) are only
/// stylesheets.
fn classify(old: &BTreeMap<String, u64>, new: &BTreeMap<String, u64>) -> Change {
    let added_or_changed = new.iter().filter(|(k, v)| old.get(*k) != Some(v));
    let removed = old.keys().filter(|k| !new.contains_key(*k));
    let changed: Vec<&str> = (added_or_changed.map(|(k, _)| k.as_str()))
        .chain(removed.map(String::as_str))
        .collect();
    kind_of(&changed)
}

/// What live reload does for these changed outputs.
fn kind_of(changed: &[&str]) -> Change {
    if changed.is_empty() {
        Change::None
    } else if changed
        .iter()
        .all(|rel| rel.ends_with(".css") || rel.ends_with(".css.map"))
    {
        Change::Css
    } else {
        Change::Page
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, u64)]) -> BTreeMap<String, u64> {
        entries.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn changes_are_classified() {
        let old = map(&[("index.html", 1), ("main.css", 2), ("main.css.map", 3)]);
        let cases = [
            (
                map(&[("index.html", 1), ("main.css", 2), ("main.css.map", 3)]),
                Change::None,
            ),
            (
                map(&[("index.html", 1), ("main.css", 9), ("main.css.map", 8)]),
                Change::Css,
            ),
            (map(&[("index.html", 1), ("main.css.map", 3)]), Change::Css),
            (
                map(&[("index.html", 5), ("main.css", 9), ("main.css.map", 3)]),
                Change::Page,
            ),
            (
                map(&[
                    ("index.html", 1),
                    ("main.css", 2),
                    ("main.css.map", 3),
                    ("a.html", 1),
                ]),
                Change::Page,
            ),
        ];
        for (new, want) in cases {
            assert_eq!(classify(&old, &new), want, "{new:?}");
        }
    }
}
