//! Writing the built site into the destination (`Site#write`,
//! `Page#write`, `StaticFile#write`). A file whose bytes are already there is
//! left alone, so unchanged outputs keep their timestamps.

use crate::errors::{Error, Result};
use crate::site::{Output, OutputContent};
use rayon::prelude::*;
use std::path::Path;

pub fn write(destination: &Path, outputs: &[Output]) -> Result<()> {
    write_refs(destination, &outputs.iter().collect::<Vec<_>>())
}

/// Writes some of the outputs (an incremental rebuild's).
pub fn write_refs(destination: &Path, outputs: &[&Output]) -> Result<()> {
    std::fs::create_dir_all(destination).map_err(|e| Error::io(destination, e))?;
    outputs
        .par_iter()
        .try_for_each(|output| write_one(destination, output))
}

fn write_one(destination: &Path, output: &Output) -> Result<()> {
    let path = destination.join(&output.rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let bytes = match &output.content {
        OutputContent::Rendered(text) => text.as_bytes().to_vec(),
        OutputContent::Copy(source) => std::fs::read(source).map_err(|e| Error::io(source, e))?,
    };
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
}
