//! `hyde new PATH`: a new site scaffold (lib/jekyll/commands/new.rb). The
//! theme is this repository's own (`_layouts`, `_includes`, `_sass`, the
//! stylesheet), embedded in the binary; `--blank` gives empty scaffolding.

use crate::errors::{Error, Result};
use std::path::Path;

/// The theme files, as this repository's site has them.
const THEME: &[(&str, &str)] = &[
    (
        "_layouts/default.html",
        include_str!("../_layouts/default.html"),
    ),
    ("_layouts/page.html", include_str!("../_layouts/page.html")),
    (
        "_includes/head.html",
        include_str!("../_includes/head.html"),
    ),
    (
        "_includes/header.html",
        include_str!("../_includes/header.html"),
    ),
    (
        "_includes/footer.html",
        include_str!("../_includes/footer.html"),
    ),
    (
        "_includes/nav-link.html",
        include_str!("../_includes/nav-link.html"),
    ),
    (
        "_sass/_variables.scss",
        include_str!("../_sass/_variables.scss"),
    ),
    ("_sass/_base.scss", include_str!("../_sass/_base.scss")),
    ("_sass/_layout.scss", include_str!("../_sass/_layout.scss")),
    (
        "assets/css/style.scss",
        include_str!("../assets/css/style.scss"),
    ),
];

const CONFIG: &str = "\
title: My new site
description: >-
  Write a description of your site here: it shows in the footer and in the
  page's description meta tag.
url: \"\"
baseurl: \"\"
";

const INDEX: &str = "\
---
layout: page
title: Home
---

Welcome to your new site. Edit `index.md` to change this page.

## Posts

{% for post in site.posts %}
- [{{ post.title }}]({{ post.url | relative_url }}), {{ post.date | date_to_string }}
{% endfor %}
";

const ABOUT: &str = "\
---
layout: page
title: About
permalink: /about/
---

This site is built with hyde, a Jekyll-compatible site renderer.
";

const NOT_FOUND: &str = "\
---
layout: page
title: Page not found
permalink: /404.html
---

The page you asked for does not exist. Go back to the [home page]({{ \"/\" | relative_url }}).
";

const GITIGNORE: &str = "_site/\n.jekyll-cache/\n.jekyll-metadata\n";

/// Creates the scaffold in `path`; refuses a non-empty directory unless `force`.
pub fn create(path: &Path, force: bool, blank: bool, today: &str) -> Result<()> {
    let busy = std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_some());
    if busy && !force {
        return Err(Error::Fatal(format!(
            "Conflict: {} exists and is not empty. Ensure it is empty or else try again with `--force` to proceed and overwrite any files.",
            path.display()
        )));
    }
    let files = if blank {
        blank_files()
    } else {
        site_files(today)
    };
    for (rel, content) in files {
        write(&path.join(rel), &content)?;
    }
    for dir in ["_data", "_drafts", "_includes", "_posts"] {
        let dir = path.join(dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    Ok(())
}

fn site_files(today: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = THEME
        .iter()
        .map(|(rel, content)| (rel.to_string(), content.to_string()))
        .collect();
    let post = format!(
        "---\nlayout: page\ntitle: \"Welcome to hyde!\"\n---\n\nThis is your first post. Edit or delete \
         `_posts/{today}-welcome-to-hyde.md`, then run `hyde build` to rebuild the site.\n"
    );
    files.extend([
        ("_config.yml".to_string(), CONFIG.to_string()),
        ("index.md".to_string(), INDEX.to_string()),
        ("about.md".to_string(), ABOUT.to_string()),
        ("404.md".to_string(), NOT_FOUND.to_string()),
        (".gitignore".to_string(), GITIGNORE.to_string()),
        (format!("_posts/{today}-welcome-to-hyde.md"), post),
    ]);
    files
}

fn blank_files() -> Vec<(String, String)> {
    let layout = "<!DOCTYPE html>\n<html>\n  <head>\n    <meta charset=\"utf-8\">\n    <title>{{ page.title | default: site.title }}</title>\n  </head>\n  <body>\n    {{ content }}\n  </body>\n</html>\n";
    vec![
        ("_config.yml".into(), "title: My site\n".into()),
        ("_layouts/default.html".into(), layout.into()),
        (
            "index.md".into(),
            "---\nlayout: default\ntitle: Home\n---\n\n# Welcome\n".into(),
        ),
        (".gitignore".into(), GITIGNORE.into()),
    ]
}

fn write(path: &Path, content: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(path, content).map_err(|e| Error::io(path, e))
}
