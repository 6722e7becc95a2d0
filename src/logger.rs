//! Jekyll-style log lines: a topic right-aligned in 20 columns, then the
//! message (lib/jekyll/log_adapter.rb, `formatted_topic`). `--quiet` silences
//! info, `--verbose` enables debug.

use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Level {
    Debug = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
}

static LEVEL: AtomicU8 = AtomicU8::new(Level::Info as u8);

pub fn set_level(level: Level) {
    LEVEL.store(level as u8, Ordering::Relaxed);
}

fn enabled(level: Level) -> bool {
    level as u8 >= LEVEL.load(Ordering::Relaxed)
}

/// `"Source:"` and `"/x"` become `"             Source: /x"`.
pub fn format(topic: &str, message: &str) -> String {
    let topic = if topic.is_empty() {
        String::new()
    } else {
        format!("{topic} ")
    };
    format!("{topic:>20}{message}")
}

pub fn debug(topic: &str, message: &str) {
    if enabled(Level::Debug) {
        println!("{}", format(topic, message));
    }
}

pub fn info(topic: &str, message: &str) {
    if enabled(Level::Info) {
        println!("{}", format(topic, message));
    }
}

pub fn warn(topic: &str, message: &str) {
    if enabled(Level::Warn) {
        eprintln!("{}", format(topic, message));
    }
}

pub fn error(topic: &str, message: &str) {
    eprintln!("{}", format(topic, message));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_jekyll() {
        let cases = [
            ("Source:", "/x", "            Source: /x"),
            ("Configuration file:", "a", "Configuration file: a"),
            ("", "done", "                    done"),
        ];
        for (topic, message, want) in cases {
            assert_eq!(format(topic, message), want);
        }
    }
}
