//! Support code for the integration tests: fixture sites (`tests/fixtures/<case>/`) and a Rust
//! port of `tools/sitediff.py` to compare hyde's output with Jekyll's.

// Each integration-test crate that declares `mod common;` uses only part of this code.
#![allow(dead_code)]

mod charref;
pub mod fixture;
mod html_parser;
mod html_tokens;
mod pyjson;
pub mod sitediff;
mod unified_diff;
