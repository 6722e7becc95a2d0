//! A small, fast hasher for the render context's own tables (cycle and
//! `offset: continue` positions), keyed by short template-made strings that
//! are not attacker-chosen: SipHash's protection buys nothing there. The
//! multiply-rotate scheme of rustc's FxHasher.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap`'s hasher parameter for `FxHasher`.
pub type FxBuild = BuildHasherDefault<FxHasher>;

#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn works_as_a_map_hasher() {
        let mut map: HashMap<String, usize, FxBuild> = HashMap::default();
        let keys = [
            "",
            "a",
            "tag-post.tags",
            "post-posts",
            "12345678",
            "123456789",
        ];
        for (i, k) in keys.iter().enumerate() {
            map.insert(k.to_string(), i);
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(*k), Some(&i), "{k}");
        }
        assert_eq!(map.get("b"), None);
    }
}
