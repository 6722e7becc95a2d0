//! `hyde doctor`: Jekyll's health checks on a read and generated site
//! (lib/jekyll/commands/doctor.rb): shared destinations, URLs differing only
//! by case, the site `url`, `_posts` outside `collections_dir`, and the
//! removed relative permalinks. Each problem is logged as Jekyll logs it.

use crate::liquid::Value;
use crate::logger;
use crate::site::Site;
use std::collections::BTreeMap;

/// Runs every check; true when the site is healthy.
pub fn healthy(site: &Site) -> bool {
    let checks = [
        !deprecated_relative_permalinks(site),
        !conflicting_urls(site),
        !urls_only_differ_by_case(site),
        proper_site_url(site.config.get("url")),
        properly_gathered_posts(site),
    ];
    checks.iter().all(|ok| *ok)
}

fn deprecated_relative_permalinks(site: &Site) -> bool {
    let used = site
        .config
        .get("relative_permalinks")
        .is_some_and(Value::is_truthy);
    if used {
        logger::warn(
            "Deprecation:",
            "Your site still uses relative permalinks, which was removed in Jekyll v3.0.0.",
        );
    }
    used
}

/// Warns about destinations written by more than one file (also run by
/// every build, as `Site#write` does).
pub fn conflicting_urls(site: &Site) -> bool {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (dest, source) in site.destinations() {
        map.entry(dest).or_default().push(source);
    }
    let mut conflict = false;
    for (dest, sources) in map.iter().filter(|(_, s)| s.len() > 1) {
        conflict = true;
        logger::warn(
            "Conflict:",
            "The following destination is shared by multiple files.",
        );
        logger::warn("", "The written file may end up with unexpected contents.");
        logger::warn(
            "",
            &site.config.destination.join(dest).display().to_string(),
        );
        for source in sources {
            logger::warn("", &format!(" - {source}"));
        }
        logger::warn("", "");
    }
    conflict
}

fn urls_only_differ_by_case(site: &Site) -> bool {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (dest, _) in site.destinations() {
        let real = site.config.destination.join(&dest).display().to_string();
        map.entry(real.to_lowercase()).or_default().push(real);
    }
    let mut differ = false;
    for real in map.values_mut() {
        real.dedup();
        if real.len() > 1 {
            differ = true;
            logger::warn(
                "Warning:",
                &format!(
                    "The following URLs only differ by case. On a case-insensitive file system one of the URLs will be overwritten by the other: {}",
                    real.join(", ")
                ),
            );
        }
    }
    differ
}

/// `proper_site_url?`: set, and absolute (a scheme before `:`).
fn proper_site_url(url: Option<&Value>) -> bool {
    let Some(url) = url.and_then(Value::as_str).filter(|u| !u.is_empty()) else {
        logger::warn(
            "Warning:",
            "You didn't set an URL in the config file, you may encounter problems with some plugins.",
        );
        return false;
    };
    if !is_absolute(url) {
        logger::warn(
            "Warning:",
            "Your site URL does not seem to be absolute, check the value of `url` in your config file.",
        );
        return false;
    }
    true
}

fn is_absolute(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

fn properly_gathered_posts(site: &Site) -> bool {
    let dir = site
        .config
        .get("collections_dir")
        .and_then(Value::as_str)
        .unwrap_or("");
    let at_root = site.config.source.join("_posts");
    if dir.is_empty() || !at_root.is_dir() {
        return true;
    }
    logger::warn(
        "Warning:",
        "Detected '_posts' directory outside custom `collections_dir`!",
    );
    logger::warn(
        "",
        &format!(
            "Please move '{}' into the custom directory at '{}'",
            at_root.display(),
            site.config.source.join(dir).display()
        ),
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls() {
        let cases = [
            ("https://example.org", true),
            ("http://localhost:4000", true),
            ("example.org", false),
            ("//example.org", false),
            ("1http://x", false),
        ];
        for (url, want) in cases {
            assert_eq!(is_absolute(url), want, "{url}");
        }
    }
}
