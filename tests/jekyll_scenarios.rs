//! Jekyll's own Cucumber scenarios (features/*.feature at v4.3.1), replayed
//! against `hyde build`. `scripts/convert_features.py` turns each scenario into
//! the file writes, builds and assertions that Jekyll's
//! features/step_definitions.rb performs; the cases live in
//! `tests/scenarios/*.json`. Each runs in its own temporary directory, the
//! equivalent of Jekyll's `tmp/jekyll`, where `jekyll build` ran as
//! `jekyll build --trace` with the site at `.` and TZ as Jekyll's CI had it (UTC).
//!
//! Prints `jekyll-scenarios: N/M passed` and each failing scenario with its
//! first failed assertion; `JEKYLL_SCENARIOS=text` runs only the scenarios
//! whose feature or name contains `text`; `JEKYLL_SCENARIOS_BIN=program` replays
//! them with another program (e.g. a wrapper around the real `jekyll`, which
//! passes them all) instead of hyde. Every scenario hyde fails is listed, with
//! its reason, in `tests/scenarios/known_failures.tsv`.

use rayon::prelude::*;
use regex::Regex;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Scenarios hyde passed when this floor was last measured: the suite fails
/// below it, so a pass cannot silently turn into a failure. Raise it as hyde
/// improves.
const PASSING_FLOOR: usize = 243;

/// A build that runs longer than this is killed and counts as failed.
const BUILD_TIMEOUT: Duration = Duration::from_secs(30);

/// One scenario: where it comes from and the operations that replay it.
struct Case {
    feature: String,
    name: String,
    line: u64,
    ops: Vec<Value>,
}

/// What the last `jekyll build` step left behind, as the Ruby steps see it.
#[derive(Default)]
struct LastRun {
    /// `$ command`, stdout and stderr, `EXIT STATUS: n`, as helpers.rb records it.
    output: String,
    /// The exit status; `None` before any build or when it was killed.
    status: Option<i32>,
    /// The build's "now", for `I should see today's date/time`.
    now: Option<jiff::Timestamp>,
}

#[test]
fn jekyll_scenarios() {
    let filter = std::env::var("JEKYLL_SCENARIOS").unwrap_or_default();
    let cases: Vec<Case> = load_cases()
        .into_iter()
        .filter(|c| c.feature.contains(&filter) || c.name.contains(&filter))
        .collect();
    let outcomes: Vec<Result<(), String>> = cases.par_iter().map(replay).collect();
    let passed = outcomes.iter().filter(|o| o.is_ok()).count();
    println!("jekyll-scenarios: {passed}/{} passed", cases.len());
    for (case, outcome) in cases.iter().zip(&outcomes) {
        if let Err(why) = outcome {
            println!(
                "FAIL {}:{} {}\n    {why}",
                case.feature, case.line, case.name
            );
        }
    }
    if filter.is_empty() {
        assert!(
            passed >= PASSING_FLOOR,
            "jekyll-scenarios: {passed} passed, below the floor of {PASSING_FLOOR}"
        );
        check_known_failures(&cases, &outcomes);
    }
}

/// Every failing scenario must be listed, with its reason, in
/// `tests/scenarios/known_failures.tsv`; listed ones that pass are named.
fn check_known_failures(cases: &[Case], outcomes: &[Result<(), String>]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/known_failures.tsv");
    let text = fs::read_to_string(&path).expect("known_failures.tsv");
    let known: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect();
    let mut unlisted = Vec::new();
    for (case, outcome) in cases.iter().zip(outcomes) {
        let id = format!("{}:{}", case.feature, case.line);
        match (outcome.is_ok(), known.contains(&id.as_str())) {
            (true, true) => println!("listed as failing but passes now: {id}"),
            (false, false) => unlisted.push(id),
            _ => {}
        }
    }
    assert!(
        unlisted.is_empty(),
        "failing scenarios missing from tests/scenarios/known_failures.tsv: {unlisted:?}"
    );
}

/// Reads every `tests/scenarios/*.json`, in file-name order.
fn load_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/scenarios")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter(|path| {
            !path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('_'))
        })
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("scenario file");
        let data: Value = serde_json::from_str(&text).expect("scenario JSON");
        let feature = field(&data, "feature").to_string();
        for case in data["scenarios"].as_array().into_iter().flatten() {
            cases.push(Case {
                feature: feature.clone(),
                name: field(case, "name").to_string(),
                line: case["line"].as_u64().unwrap_or(0),
                ops: case["ops"].as_array().cloned().unwrap_or_default(),
            });
        }
    }
    cases
}

fn field<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

/// Runs one scenario; the first failed assertion, with its Gherkin step, is the error.
fn replay(case: &Case) -> Result<(), String> {
    let temp = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let site = temp.path().join("jekyll");
    fs::create_dir(&site).map_err(|e| format!("site dir: {e}"))?;
    let mut last = LastRun::default();
    for op in &case.ops {
        match field(op, "op") {
            "mkdir" | "write" | "append" | "fixture" | "delete" | "sleep" => change_site(&site, op)
                .map_err(|e| format!("{} {}: {e}", field(op, "op"), field(op, "path")))?,
            "run" => last = build(temp.path(), &site, op)?,
            _ => check(&site, op, &last).map_err(|why| {
                format!(
                    "Then {}\n    {}",
                    field(op, "step"),
                    with_build_error(why, &last)
                )
            })?,
        }
    }
    Ok(())
}

/// The "Given" steps: the site's files as the step definitions write them.
fn change_site(site: &Path, op: &Value) -> std::io::Result<()> {
    let path = site.join(field(op, "path"));
    let make_parent = |path: &Path| match path.parent() {
        Some(parent) => fs::create_dir_all(parent),
        None => Ok(()),
    };
    match field(op, "op") {
        "mkdir" => fs::create_dir_all(&path),
        "write" => {
            make_parent(&path)?;
            fs::write(&path, field(op, "content"))
        }
        "append" => {
            let mut text = fs::read_to_string(&path).unwrap_or_default();
            text.push_str(field(op, "content"));
            fs::write(&path, text)
        }
        "fixture" => copy_fixture(field(op, "name"), &path),
        "delete" => fs::remove_file(&path),
        _ => {
            let seconds = op["seconds"].as_f64().unwrap_or(0.0);
            std::thread::sleep(Duration::from_secs_f64(seconds));
            Ok(())
        }
    }
}

/// `I have fixture collections`: a tree of Jekyll's test/source, stored once
/// in `tests/scenarios/_fixture_collections.json`, copied to `dest`.
fn copy_fixture(name: &str, dest: &Path) -> std::io::Result<()> {
    static TREES: OnceLock<Value> = OnceLock::new();
    let trees = TREES.get_or_init(|| {
        let file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/_fixture_collections.json");
        let text = fs::read_to_string(file).expect("fixture collections");
        serde_json::from_str(&text).expect("fixture collections JSON")
    });
    for entry in trees[name].as_array().into_iter().flatten() {
        let path = dest.join(field(entry, "path"));
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        match entry["symlink"].as_str() {
            Some(target) => std::os::unix::fs::symlink(target, &path)?,
            None => fs::write(&path, field(entry, "content"))?,
        }
    }
    Ok(())
}

/// `I run jekyll build …`: `hyde build … --trace` in the site, with the
/// scenario's TZ (UTC unless a `timezone` step changed it), no pinned clock
/// unless the scenario checks "today", and the output recorded as helpers.rb does.
fn build(temp: &Path, site: &Path, op: &Value) -> Result<LastRun, String> {
    let args: Vec<&str> = op["args"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let (stdout_path, stderr_path) = (temp.join("stdout.txt"), temp.join("stderr.txt"));
    let log = |path: &Path| fs::File::create(path).map_err(|e| format!("log file: {e}"));
    let program = std::env::var_os("JEKYLL_SCENARIOS_BIN");
    let mut command = Command::new(program.unwrap_or_else(|| env!("CARGO_BIN_EXE_hyde").into()));
    command
        .args(&args)
        .arg("--trace")
        .current_dir(site)
        .env("TZ", op["tz"].as_str().unwrap_or("UTC"))
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("JEKYLL_ENV")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(log(&stdout_path)?)
        .stderr(log(&stderr_path)?);
    let mut now = None;
    if op["pin_now"].as_bool() == Some(true) {
        let instant = jiff::Timestamp::now();
        command.env("SOURCE_DATE_EPOCH", instant.as_second().to_string());
        now = Some(instant);
    }
    let status = wait_for(&mut command)?;
    let read =
        |path: &Path| String::from_utf8_lossy(&fs::read(path).unwrap_or_default()).into_owned();
    let exit = status.map_or(String::new(), |code| code.to_string());
    let output = format!(
        "$ jekyll {} --trace\n{}{}\nEXIT STATUS: {exit}",
        args.join(" "),
        ruby_strip(&read(&stdout_path)),
        ruby_strip(&read(&stderr_path)),
    );
    Ok(LastRun {
        output,
        status,
        now: now.or_else(|| Some(jiff::Timestamp::now())),
    })
}

/// Runs the build, killing it after `BUILD_TIMEOUT`; the exit code, `None` if killed.
fn wait_for(command: &mut Command) -> Result<Option<i32>, String> {
    let mut child = command.spawn().map_err(|e| format!("spawn hyde: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status.code()),
            Ok(None) if started.elapsed() > BUILD_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok(None);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("wait for hyde: {e}")),
        }
    }
}

/// A failed assertion after a failed build (that the scenario did not expect)
/// names the build's error too: it is usually the cause.
fn with_build_error(why: String, last: &LastRun) -> String {
    if last.status == Some(0) || why.starts_with("exit status") || why.contains("build output") {
        return why;
    }
    format!(
        "{why} [the build exited {:?}: {}]",
        last.status,
        excerpt_tail(&last.output)
    )
}

/// The "Then" steps.
fn check(site: &Path, op: &Value, last: &LastRun) -> Result<(), String> {
    let rel = field(op, "path");
    let path = site.join(rel);
    let negate = op["negate"].as_bool() == Some(true);
    let not = if negate { "not " } else { "" };
    match field(op, "op") {
        "exit" => check_exit(op, last),
        "exists" if path.exists() == negate => Err(format!("{rel} should {not}exist")),
        "exists" => Ok(()),
        "see" => {
            let pattern = field(op, "regex");
            let text = read(&path)?;
            match Regex::new(pattern) {
                Ok(re) if re.is_match(&text) != negate => Ok(()),
                Ok(_) => Err(format!(
                    "should {not}see {pattern:?} in {rel}: {}",
                    excerpt(&text)
                )),
                Err(e) => Err(format!("bad regex {pattern:?}: {e}")),
            }
        }
        "exactly" => {
            let (want, text) = (field(op, "text"), read(&path)?);
            if ruby_strip(&text) == want {
                return Ok(());
            }
            Err(format!(
                "should see exactly {want:?} in {rel}: {}",
                excerpt(&text)
            ))
        }
        "today" => check_today(op, &path, last),
        "output" => check_output(op, last),
        other => Err(format!("unknown operation {other:?}")),
    }
}

/// `I should get a (non-)zero exit status`: helpers.rb matches
/// `EXIT STATUS: 0` in the recorded output.
fn check_exit(op: &Value, last: &LastRun) -> Result<(), String> {
    let want_zero = op["zero"].as_bool() == Some(true);
    if (last.status == Some(0)) == want_zero {
        return Ok(());
    }
    let want = if want_zero { "zero" } else { "non-zero" };
    Err(format!(
        "exit status {:?}, wanted {want}: {}",
        last.status,
        excerpt_tail(&last.output)
    ))
}

/// `I should (not) see "…" in the build output`.
fn check_output(op: &Value, last: &LastRun) -> Result<(), String> {
    let pattern = field(op, "regex");
    let negate = op["negate"].as_bool() == Some(true);
    let re = Regex::new(pattern).map_err(|e| format!("bad regex {pattern:?}: {e}"))?;
    if re.is_match(&last.output) != negate {
        return Ok(());
    }
    let not = if negate { "not " } else { "" };
    Err(format!(
        "should {not}see {pattern:?} in the build output: {}",
        excerpt_tail(&last.output)
    ))
}

/// `I should see today's date/time in …`: the build's clock, in the scenario's zone.
fn check_today(op: &Value, path: &Path, last: &LastRun) -> Result<(), String> {
    let zone = jiff::tz::TimeZone::get(field(op, "tz")).map_err(|e| format!("time zone: {e}"))?;
    let now = last
        .now
        .ok_or("no build ran before the assertion")?
        .to_zoned_datetime(zone);
    let format = if field(op, "what") == "date" {
        "%Y-%m-%d"
    } else {
        "%H:%M"
    };
    let want = now.strftime(format).to_string();
    let text = read(path)?;
    if text.contains(&want) {
        return Ok(());
    }
    Err(format!(
        "should see {want:?} in {}: {}",
        field(op, "path"),
        excerpt(&text)
    ))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|e| format!("read {}: {e}", path.display()))
}

/// Ruby's `String#strip`: ASCII whitespace and NUL.
fn ruby_strip(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\0'))
}

/// The start of a file, on one line, for failure messages.
fn excerpt(text: &str) -> String {
    let cut: String = text.chars().take(240).collect();
    format!("{cut:?}")
}

/// A build's output, on one line, for failure messages: its error and
/// warning lines when it has some, else its end.
fn excerpt_tail(text: &str) -> String {
    let notable: Vec<&str> = text
        .lines()
        .filter(|line| {
            ["rror", "arning", "xception"]
                .iter()
                .any(|w| line.contains(w))
        })
        .take(4)
        .collect();
    if !notable.is_empty() {
        return format!("{:?}", notable.join("\n"));
    }
    let chars: Vec<char> = text.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(300)..].iter().collect();
    format!("{tail:?}")
}
