//! One fixture site of `tests/fixtures/<case>/` and how to check hyde against it.
//!
//! Layout of a case (the same conventions as `tests/make_expected.sh`, which builds
//! `expected/` with the real Jekyll):
//! - `src/` the site; the build runs with `src/` as working directory (Jekyll resolves
//!   `--config` files against the working directory);
//! - `expected/` Jekyll's output, or instead `error`: lines that hyde's stderr must contain
//!   (bad input: the build must fail without panicking); a line `line N` is also satisfied by
//!   the `path:N:` form;
//! - `args` (optional) one line of extra flags, `env` (optional) `KEY=VALUE` lines;
//! - `dest-seed/` (optional) copied into the destination before the build (keep_files).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::sitediff;

/// The pinned clock shared with jekyll-reference.
const SOURCE_DATE_EPOCH: &str = "1700000000";
/// A build taking longer than this is reported as hanging (e.g. a layout cycle followed forever).
const TIMEOUT: Duration = Duration::from_secs(60);

/// What a fixture expects from the build.
pub enum Expectation {
    /// The build succeeds and writes a site equivalent to this directory.
    Site(PathBuf),
    /// The build fails and stderr contains each of these substrings.
    Error(Vec<String>),
}

pub struct Fixture {
    pub name: String,
    src: PathBuf,
    expectation: Expectation,
    args: Vec<String>,
    env: Vec<(String, String)>,
    dest_seed: Option<PathBuf>,
}

/// What one build printed and returned.
struct BuildOutput {
    success: bool,
    status: String,
    stderr: String,
}

/// Every fixture under `root`, sorted by name, or only those named in `only` (comma-separated).
pub fn discover(root: &Path, only: Option<&str>) -> Result<Vec<Fixture>, String> {
    let mut names: Vec<String> = fs::read_dir(root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("src").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    if let Some(only) = only {
        let wanted: Vec<&str> = only
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if let Some(unknown) = wanted.iter().find(|w| !names.iter().any(|n| n == *w)) {
            return Err(format!(
                "HYDE_FIXTURE: no fixture named {unknown:?} in {}",
                root.display()
            ));
        }
        names.retain(|n| wanted.contains(&n.as_str()));
    }
    names.iter().map(|n| Fixture::load(&root.join(n))).collect()
}

impl Fixture {
    pub fn load(dir: &Path) -> Result<Fixture, String> {
        let name = dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let read = |file: &str| -> Result<Option<String>, String> {
            let path = dir.join(file);
            if !path.exists() {
                return Ok(None);
            }
            fs::read_to_string(&path)
                .map(Some)
                .map_err(|e| format!("{}: {e}", path.display()))
        };
        let expectation = match read("error")? {
            Some(text) => Expectation::Error(
                text.lines()
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect(),
            ),
            None if dir.join("expected").is_dir() => Expectation::Site(dir.join("expected")),
            None => return Err(format!("fixture {name}: neither expected/ nor error")),
        };
        let args = read("args")?.map_or_else(Vec::new, |a| {
            a.split_whitespace().map(String::from).collect()
        });
        let env = read("env")?
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let dest_seed = Some(dir.join("dest-seed")).filter(|p| p.is_dir());
        Ok(Fixture {
            name,
            src: dir.join("src"),
            expectation,
            args,
            env,
            dest_seed,
        })
    }

    /// Build the fixture with `hyde` and check the outcome; the error is a report to print.
    pub fn check(&self, hyde: &Path) -> Result<(), String> {
        let work = tempfile::tempdir().map_err(|e| format!("{}: tempdir: {e}", self.name))?;
        let dest = work.path().join("site");
        if let Some(seed) = &self.dest_seed {
            copy_tree(seed, &dest).map_err(|e| format!("{}: copying dest-seed: {e}", self.name))?;
        }
        let out = self.build(hyde, work.path(), &dest)?;
        let problems = match &self.expectation {
            Expectation::Site(expected) => self.check_site(&out, expected, &dest),
            Expectation::Error(needles) => check_error(&out, needles),
        };
        match problems {
            None => Ok(()),
            Some(text) => Err(format!(
                "=== {} ({})\n{}",
                self.name,
                self.command_line(),
                text
            )),
        }
    }

    fn command_line(&self) -> String {
        let env: Vec<String> = self.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut parts = env;
        parts.push("hyde build -s src -d DEST".into());
        parts.extend(self.args.iter().cloned());
        parts.join(" ")
    }

    /// Run `hyde build` with stdout/stderr in files (no pipe to fill) and a time limit.
    fn build(&self, hyde: &Path, work: &Path, dest: &Path) -> Result<BuildOutput, String> {
        let (out_path, err_path) = (work.join("stdout"), work.join("stderr"));
        let file = |p: &Path| fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()));
        let mut command = Command::new(hyde);
        command
            .arg("build")
            .arg("-s")
            .arg(&self.src)
            .arg("-d")
            .arg(dest)
            .args(&self.args)
            .current_dir(&self.src)
            .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            .env("TZ", "UTC")
            .env_remove("JEKYLL_ENV")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(file(&out_path)?)
            .stderr(file(&err_path)?);
        let mut child = command
            .spawn()
            .map_err(|e| format!("{}: cannot run {}: {e}", self.name, hyde.display()))?;
        let started = Instant::now();
        let status = loop {
            match child
                .try_wait()
                .map_err(|e| format!("{}: {e}", self.name))?
            {
                Some(status) => break status,
                None if started.elapsed() > TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "=== {}\nhyde build did not finish in {TIMEOUT:?}",
                        self.name
                    ));
                }
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        };
        let stderr = fs::read(&err_path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        Ok(BuildOutput {
            success: status.success(),
            status: status.to_string(),
            stderr,
        })
    }

    fn check_site(&self, out: &BuildOutput, expected: &Path, dest: &Path) -> Option<String> {
        if !out.success {
            return Some(format!(
                "hyde build failed ({}); stderr:\n{}",
                out.status,
                excerpt(&out.stderr)
            ));
        }
        if !dest.is_dir() {
            return Some("hyde build succeeded but wrote no destination directory".into());
        }
        match sitediff::compare(expected, dest) {
            Err(e) => Some(format!(
                "comparing {} with the output: {e}",
                expected.display()
            )),
            Ok(c) if c.is_match() => None,
            Ok(c) => Some(format!("{}\n{}", c.report(), summary(&c))),
        }
    }
}

/// Bad input: a failing exit status, no panic, and every expected substring on stderr.
fn check_error(out: &BuildOutput, needles: &[String]) -> Option<String> {
    let mut problems = Vec::new();
    if out.success {
        problems.push(
            "hyde build succeeded on bad input (the exit status must be non-zero)".to_string(),
        );
    }
    if out.stderr.contains("panicked at") {
        problems.push("hyde panicked instead of reporting an error".to_string());
    }
    for needle in needles.iter().filter(|n| !mentions(&out.stderr, n)) {
        problems.push(format!("stderr lacks {needle:?}"));
    }
    if problems.is_empty() {
        return None;
    }
    Some(format!(
        "{}\nstderr:\n{}",
        problems.join("\n"),
        excerpt(&out.stderr)
    ))
}

/// Whether `stderr` contains `needle`; a needle `line N` is also met by the `path:N:` form.
fn mentions(stderr: &str, needle: &str) -> bool {
    if stderr.contains(needle) {
        return true;
    }
    match needle.strip_prefix("line ") {
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            stderr.contains(&format!(":{n}:"))
        }
        _ => false,
    }
}

/// The last line sitediff prints: counts and the score.
fn summary(c: &sitediff::Comparison) -> String {
    let good = c.identical.len() + c.equivalent.len();
    let total = good + c.different.len() + c.missing.len();
    format!(
        "files {total}: identical {}, equivalent {}, different {}, missing {}, extra {}",
        c.identical.len(),
        c.equivalent.len(),
        c.different.len(),
        c.missing.len(),
        c.extra.len()
    )
}

/// At most the first 40 lines of a (possibly long) stderr.
fn excerpt(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut shown = lines
        .iter()
        .take(40)
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    if lines.len() > 40 {
        shown.push_str(&format!("\n… ({} more lines)", lines.len() - 40));
    }
    shown
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{BuildOutput, Expectation, check_error, discover};
    use std::fs;

    fn make(root: &std::path::Path, case: &str, files: &[(&str, &str)]) {
        fs::create_dir_all(root.join(case).join("src")).expect("mkdir");
        for (rel, text) in files {
            let path = root.join(case).join(rel);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, text).expect("write");
        }
    }

    #[test]
    fn discovers_and_loads_fixtures() {
        let root = tempfile::tempdir().expect("tempdir");
        let root = root.path();
        make(
            root,
            "b_site",
            &[
                ("expected/index.html", "x"),
                ("args", "--config a.yml,b.yml  --safe\n"),
                ("env", "JEKYLL_ENV = production\n\n"),
            ],
        );
        make(root, "a_bad", &[("error", "page.html\n\nline 3\n")]);
        make(
            root,
            "c_seed",
            &[("expected/x", ""), ("dest-seed/old.txt", "")],
        );
        fs::create_dir_all(root.join("not_a_fixture")).expect("mkdir");
        let all = discover(root, None).expect("discover");
        let names: Vec<&str> = all.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a_bad", "b_site", "c_seed"]);
        assert!(
            matches!(&all[0].expectation, Expectation::Error(n) if n == &["page.html", "line 3"])
        );
        assert_eq!(all[1].args, ["--config", "a.yml,b.yml", "--safe"]);
        assert_eq!(
            all[1].env,
            [("JEKYLL_ENV".to_string(), "production".to_string())]
        );
        assert!(all[2].dest_seed.is_some() && all[1].dest_seed.is_none());
        let some = discover(root, Some("c_seed, a_bad")).expect("discover");
        assert_eq!(some.len(), 2);
        assert!(discover(root, Some("nope")).is_err());
    }

    #[test]
    fn bad_input_must_fail_with_the_message() {
        let needles = ["page.html".to_string(), "line 3".to_string()];
        let out = |success: bool, stderr: &str| BuildOutput {
            success,
            status: String::new(),
            stderr: stderr.into(),
        };
        let cases = [
            (out(false, "error: page.html line 3: bad"), true),
            (out(true, "error: page.html line 3: bad"), false),
            (out(false, "error: page.html: bad"), false),
            (out(false, "Error: page.html:3: bad"), true),
            (out(false, "Error: page.html:13: bad"), false),
            (
                out(
                    false,
                    "thread 'main' panicked at src/x.rs: page.html line 3",
                ),
                false,
            ),
        ];
        for (output, ok) in cases {
            assert_eq!(
                check_error(&output, &needles).is_none(),
                ok,
                "{}",
                output.stderr
            );
        }
    }
}
