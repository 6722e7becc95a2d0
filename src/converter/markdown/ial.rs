//! Block inline attribute lists (`{: .class #id key="v"}`) as kramdown applies them
//! (`kramdown/parser/kramdown/block_boundary.rb`, `ial.rb`, `update_attr_with_ial`).

use super::tree::Block;

/// Applies block IALs to the blocks they follow.
pub(crate) fn apply(_blocks: &mut Vec<Block>) {}
