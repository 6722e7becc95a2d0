//! Incremental rebuilds: after files change, read again only those files,
//! render again only the outputs that depend on them (as the regenerator
//! recorded), and write only those. Anything the dependency records cannot
//! vouch for (the configuration, a file added or deleted, a document whose
//! date or URL moved) falls back to a full build, so the result always equals
//! a clean build.

use crate::collection_reader::DocumentReader;
use crate::entry_filter::EntryFilter;
use crate::errors::Result;
use crate::frontmatter_defaults::FrontmatterDefaults;
use crate::liquid::Map;
use crate::regenerator::{ItemDeps, Reads};
use crate::site::{Selection, Site};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What a rebuild did.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// A full build was needed.
    pub full: bool,
    /// A configuration file changed: nothing was built, the caller builds a
    /// new site from the reloaded configuration.
    pub config_changed: bool,
    /// Outputs rendered again.
    pub rendered: usize,
    /// Destination-relative paths written.
    pub written: Vec<String>,
}

/// One changed file, as the site knows it.
#[derive(Debug, PartialEq)]
enum Changed {
    Config,
    Full,
    Layouts,
    Include(String),
    Data,
    Page(usize),
    Doc(usize, usize),
    Static(usize),
    Nothing,
}

impl Site {
    /// Brings the built site up to date after `paths` changed (absolute).
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Result<Rebuilt> {
        let changes: Vec<Changed> = paths.iter().map(|p| self.classify(p)).collect();
        if changes.contains(&Changed::Config) {
            return Ok(Rebuilt {
                config_changed: true,
                ..Rebuilt::default()
            });
        }
        if self.last.is_none() || changes.contains(&Changed::Full) {
            return self.full_rebuild();
        }
        let mut pick = self.empty_selection();
        let mut statics = BTreeSet::new();
        for change in &changes {
            if !self.apply(change, &mut pick, &mut statics)? {
                return self.full_rebuild();
            }
        }
        for path in paths {
            let rel = self.config.relative(path);
            self.mark(&mut pick, |deps| deps.includes.contains(&rel));
        }
        self.render_selection(Some(&pick))?;
        let written = self.write_selection(&pick, &statics)?;
        let rendered = pick
            .docs
            .iter()
            .flatten()
            .chain(&pick.pages)
            .filter(|p| **p)
            .count();
        Ok(Rebuilt {
            rendered,
            written,
            ..Rebuilt::default()
        })
    }

    fn full_rebuild(&mut self) -> Result<Rebuilt> {
        self.process()?;
        let written = self.outputs.iter().map(|o| o.rel.clone()).collect();
        let rendered =
            self.pages.len() + self.collections.iter().map(|c| c.docs.len()).sum::<usize>();
        Ok(Rebuilt {
            full: true,
            rendered,
            written,
            ..Rebuilt::default()
        })
    }

    /// What a changed path is to the site.
    fn classify(&self, path: &Path) -> Changed {
        let config = &self.config;
        let is_config_name = path.parent() == Some(config.source.as_path())
            && path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("_config."));
        if is_config_name || config.files.iter().any(|f| f == path) {
            return Changed::Config;
        }
        if path.starts_with(&config.destination) {
            return Changed::Nothing;
        }
        let exists = path.is_file();
        let known = if path.starts_with(&config.layouts_dir) {
            Some(Changed::Layouts)
        } else if path.starts_with(&config.includes_dir) {
            Some(Changed::Include(config.relative(path)))
        } else if path.starts_with(&config.data_dir) {
            Some(Changed::Data)
        } else {
            self.known_entry(path)
        };
        match (known, exists) {
            (Some(Changed::Include(rel)), _) => Changed::Include(rel),
            (Some(change), true) => change,
            (Some(_), false) => Changed::Full,
            (None, true) => Changed::Full,
            (None, false) => Changed::Nothing,
        }
    }

    fn known_entry(&self, path: &Path) -> Option<Changed> {
        let rel = self.config.relative(path);
        if let Some(i) = self.pages.iter().position(|p| p.relative_path() == rel) {
            return Some(Changed::Page(i));
        }
        for (c, collection) in self.collections.iter().enumerate() {
            if let Some(d) = collection.docs.iter().position(|d| d.source_path == path) {
                return Some(Changed::Doc(c, d));
            }
        }
        let file = self.static_files.iter().position(|f| f.source_path == path);
        file.map(Changed::Static)
    }

    /// Reads a change in and marks what it affects; false when only a full
    /// build can be trusted.
    fn apply(
        &mut self,
        change: &Changed,
        pick: &mut Selection,
        statics: &mut BTreeSet<usize>,
    ) -> Result<bool> {
        match change {
            Changed::Full | Changed::Config => return Ok(false),
            Changed::Nothing => {}
            Changed::Layouts => return self.apply_layouts(pick),
            Changed::Include(rel) => self.mark(pick, |deps| deps.includes.contains(rel)),
            Changed::Data => {
                self.forget_site_values();
                // The site's data over the theme's, as a full read gives it.
                self.data = crate::reader::read_data(&self.config)?;
                self.mark(pick, |deps| deps.reads.any(Reads::DATA));
            }
            Changed::Page(i) => return self.apply_page(*i, pick),
            Changed::Doc(c, d) => return self.apply_doc(*c, *d, pick),
            Changed::Static(i) => {
                // `site.static_files` shows each file's modification time.
                let file = &mut self.static_files[*i];
                file.modified_time = self.config.mtime(&file.source_path);
                self.forget_site_values();
                statics.insert(*i);
                self.mark(pick, |deps| deps.reads.any(Reads::STATIC_FILES));
            }
        }
        Ok(true)
    }

    fn apply_layouts(&mut self, pick: &mut Selection) -> Result<bool> {
        let layouts = crate::reader::read_layouts(&self.config)?;
        if layouts.keys().ne(self.layouts.keys()) {
            return Ok(false);
        }
        let changed: BTreeSet<String> = layouts
            .iter()
            .filter(|(name, l)| {
                let old = &self.layouts[*name];
                let data = |m: &crate::liquid::Map| crate::liquid::Value::hash(m.clone());
                old.content != l.content || !data(&old.data).ruby_eq(&data(&l.data))
            })
            .map(|(name, _)| name.clone())
            .collect();
        self.layouts = layouts;
        self.mark(pick, |deps| {
            deps.layouts.iter().any(|l| changed.contains(l))
        });
        Ok(true)
    }

    fn apply_page(&mut self, i: usize, pick: &mut Selection) -> Result<bool> {
        let old = &self.pages[i];
        let page = crate::reader::reread_page(&self.config, &old.dir, &old.name)?;
        let Some(page) = page.filter(|p| p.url == old.url && old.pager.is_none()) else {
            return Ok(false);
        };
        self.pages[i] = page;
        self.forget_site_values();
        pick.pages[i] = true;
        self.mark(pick, |deps| deps.reads.any(Reads::PAGES));
        Ok(true)
    }

    fn apply_doc(&mut self, c: usize, d: usize, pick: &mut Selection) -> Result<bool> {
        let filter = EntryFilter::new(&self.config);
        let defaults = FrontmatterDefaults::new(&self.config.data);
        let reader = DocumentReader {
            config: &self.config,
            filter: &filter,
            defaults: &defaults,
        };
        let old = &self.collections[c].docs[d];
        let doc = reader.read_document(&old.source_path, old.draft, &self.collections[c])?;
        let same_place =
            doc.url == old.url && doc.sort_date == old.sort_date && doc.date == old.date;
        let still_listed = crate::reader::publishable(&doc.data, &self.config);
        if !same_place || !still_listed || doc.draft != old.draft {
            return Ok(false);
        }
        // Only the body changed: lists of documents that show no bodies
        // (titles, dates, URLs, tags) stay as they are.
        let body_only = same_front_matter(&old.data, &doc.data);
        self.collections[c].docs[d] = doc;
        pick.docs[c][d] = true;
        self.mark(pick, |deps| {
            deps.reads.any(Reads::DOCS) && (!body_only || deps.reads.any(Reads::BODIES))
        });
        let last = self.last.as_ref().map(|l| &l.docs[c]);
        for n in [d.wrapping_sub(1), d + 1] {
            let reads_neighbours = last
                .and_then(|l| l.get(n))
                .is_some_and(|r| r.deps.reads.contains(Reads::NEIGHBOURS));
            if reads_neighbours {
                pick.docs[c][n] = true;
            }
        }
        Ok(true)
    }

    /// The kept `site` values hold the pages, the static files and the
    /// data as they were; after those change, they are made anew.
    fn forget_site_values(&mut self) {
        if let Some(last) = &mut self.last {
            last.sites = None;
        }
    }

    /// Picks every item whose recorded dependencies satisfy `test`.
    fn mark(&self, pick: &mut Selection, test: impl Fn(&ItemDeps) -> bool) {
        let Some(last) = &self.last else { return };
        for (c, list) in last.docs.iter().enumerate() {
            for (d, r) in list.iter().enumerate() {
                pick.docs[c][d] |= test(&r.deps);
            }
        }
        for (i, r) in last.pages.iter().enumerate() {
            pick.pages[i] |= test(&r.deps);
        }
    }

    fn empty_selection(&self) -> Selection {
        Selection {
            docs: self
                .collections
                .iter()
                .map(|c| vec![false; c.docs.len()])
                .collect(),
            pages: vec![false; self.pages.len()],
        }
    }

    /// Writes the outputs of the picked items and the changed static files.
    fn write_selection(&self, pick: &Selection, statics: &BTreeSet<usize>) -> Result<Vec<String>> {
        let mut wanted: BTreeSet<String> = BTreeSet::new();
        for (c, collection) in self.collections.iter().enumerate() {
            let picked = collection
                .docs
                .iter()
                .zip(&pick.docs[c])
                .filter(|(_, p)| **p);
            wanted.extend(picked.map(|(d, _)| d.destination_rel()));
        }
        let pages = self.pages.iter().zip(&pick.pages).filter(|(_, p)| **p);
        wanted.extend(pages.map(|(p, _)| p.destination_rel()));
        wanted.extend(
            statics
                .iter()
                .map(|i| self.static_files[*i].destination_rel()),
        );
        let outputs: Vec<&crate::site::Output> = self
            .outputs
            .iter()
            .filter(|o| wanted.contains(o.rel.trim_end_matches(".map")))
            .collect();
        crate::writer::write_refs(&self.config.destination, &outputs)?;
        Ok(outputs.iter().map(|o| o.rel.clone()).collect())
    }
}

/// Whether a document's front matter is the same, to the letter, after an
/// edit (the rendered excerpt a build adds does not count).
fn same_front_matter(old: &Map, new: &Map) -> bool {
    let without_excerpt = |m: &Map| {
        let fields: Vec<String> = (m.iter())
            .filter(|(k, _)| k.as_str() != "excerpt")
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect();
        fields
    };
    without_excerpt(old) == without_excerpt(new)
}
