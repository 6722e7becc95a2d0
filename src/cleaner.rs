//! Removing stale files from the destination (lib/jekyll/cleaner.rb):
//! everything there that this build does not write, except `keep_files`.
//! Only paths found by walking the destination itself are ever removed, and
//! symlinks are removed as links, never followed.

use crate::errors::{Error, Result};
use std::collections::HashSet;
use std::path::Path;

/// Removes from `destination` every file and directory that is neither an
/// output (`outputs` are destination-relative), a parent of one, nor kept.
pub fn cleanup(destination: &Path, outputs: &[&str], keep_files: &[String]) -> Result<()> {
    if !destination.is_dir() {
        return Ok(());
    }
    let files: HashSet<&str> = outputs.iter().copied().collect();
    let dirs: HashSet<&str> = outputs.iter().flat_map(|o| parents(o)).collect();
    let keep_dirs: HashSet<&str> = keep_files.iter().flat_map(|k| parents(k)).collect();
    let mut obsolete = Vec::new();
    let walk = walkdir::WalkDir::new(destination)
        .min_depth(1)
        .follow_links(false);
    for entry in walk.sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Fatal(format!("{}: {e}", destination.display())))?;
        let rel = crate::entry_filter::relative_path(destination, entry.path());
        let is_dir = entry.file_type().is_dir();
        let kept = keep_files.iter().any(|k| rel.starts_with(k.as_str()))
            || keep_dirs.contains(rel.as_str());
        let wanted = if is_dir {
            dirs.contains(rel.as_str())
        } else {
            files.contains(rel.as_str())
        };
        if !kept && !wanted {
            obsolete.push((entry.path().to_path_buf(), is_dir));
        }
    }
    for (path, is_dir) in obsolete {
        if !path.starts_with(destination) || path.symlink_metadata().is_err() {
            continue;
        }
        let removed = if is_dir {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// `a/b/c.html` yields `a/b` and `a`.
fn parents(rel: &str) -> impl Iterator<Item = &str> {
    let mut rest = rel;
    std::iter::from_fn(move || {
        let i = rest.rfind('/')?;
        rest = &rest[..i];
        Some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_stale_files_but_keeps_outputs_and_keep_files() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path();
        for f in [
            "index.html",
            "old.html",
            "a/b/keep.html",
            "a/stale.txt",
            ".git/HEAD",
            "gone/x.txt",
        ] {
            let p = dest.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        cleanup(
            dest,
            &["index.html", "a/b/keep.html"],
            &[".git".to_string()],
        )
        .unwrap();
        let cases = [
            ("index.html", true),
            ("old.html", false),
            ("a/b/keep.html", true),
            ("a/stale.txt", false),
            (".git/HEAD", true),
            ("gone", false),
        ];
        for (f, exists) in cases {
            assert_eq!(dest.join(f).exists(), exists, "{f}");
        }
    }

    #[test]
    fn never_follows_symlinks_out() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("precious"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
        cleanup(dir.path(), &[], &[]).unwrap();
        assert!(outside.path().join("precious").exists());
        assert!(dir.path().join("link").symlink_metadata().is_err());
    }
}
