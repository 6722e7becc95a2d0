//! The documents' Liquid values (`DocumentDrop`s), per collection, kept
//! between builds. Each document has its own map, and a linked copy that
//! also holds its neighbours as `previous` and `next`; a rebuild makes again
//! only the changed documents' maps and relinks only their neighbours.

use crate::liquid::{Map, Value};
use rayon::prelude::*;

#[derive(Clone, Debug, Default)]
pub struct DocValues {
    /// Each document's own map, without `previous`/`next`.
    own: Vec<Vec<Value>>,
    /// The same with `previous`/`next`, as templates see it.
    pub linked: Vec<Vec<Value>>,
}

impl DocValues {
    /// Every document's value; `sizes` are the collections' document counts.
    pub fn build(sizes: &[usize], make: impl Fn(usize, usize) -> Map + Sync) -> DocValues {
        let own: Vec<Vec<Value>> = sizes
            .iter()
            .enumerate()
            .map(|(c, n)| {
                (0..*n)
                    .into_par_iter()
                    .map(|d| Value::hash(make(c, d)))
                    .collect()
            })
            .collect();
        let linked = own
            .iter()
            .map(|list| {
                (0..list.len())
                    .into_par_iter()
                    .map(|d| link(list, d))
                    .collect()
            })
            .collect();
        DocValues { own, linked }
    }

    /// These values with the picked documents' maps made again, and they
    /// and their neighbours relinked; the maps themselves are never changed
    /// in place, since a clone of these values shares them.
    pub fn patched(self, pick: &[Vec<bool>], make: impl Fn(usize, usize) -> Map) -> DocValues {
        let mut out = self;
        for (c, picked) in pick.iter().enumerate() {
            let changed: Vec<usize> = (0..picked.len()).filter(|d| picked[*d]).collect();
            for &d in &changed {
                out.own[c][d] = Value::hash(make(c, d));
            }
            let relink: std::collections::BTreeSet<usize> = changed
                .iter()
                .flat_map(|&d| [d.wrapping_sub(1), d, d + 1])
                .filter(|&d| d < picked.len())
                .collect();
            for d in relink {
                out.linked[c][d] = link(&out.own[c], d);
            }
        }
        out
    }
}

/// A document's map with its neighbours (`next` is the newer, `previous`
/// the older), one level deep, as Jekyll's drops give them.
fn link(own: &[Value], d: usize) -> Value {
    let mut map = own[d].as_hash().cloned().unwrap_or_default();
    let previous = if d > 0 {
        own[d - 1].clone()
    } else {
        Value::Nil
    };
    let next = own.get(d + 1).cloned().unwrap_or(Value::Nil);
    map.insert("previous".into(), previous);
    map.insert("next".into(), next);
    Value::hash(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(c: usize, d: usize, tag: &str) -> Map {
        Map::from_iter([("id".to_string(), Value::from(format!("{c}/{d}{tag}")))])
    }

    fn id(v: &Value, key: &str) -> String {
        match v.get(key) {
            Some(Value::Str(s)) => s.to_string(),
            Some(other) => other.get("id").map(|i| i.to_s()).unwrap_or_default(),
            None => String::new(),
        }
    }

    #[test]
    fn patching_relinks_only_the_neighbours() {
        let values = DocValues::build(&[3], |c, d| doc(c, d, ""));
        assert_eq!(id(&values.linked[0][1], "previous"), "0/0");
        assert_eq!(id(&values.linked[0][1], "next"), "0/2");
        let pick = vec![vec![false, true, false]];
        let patched = values.clone().patched(&pick, |c, d| doc(c, d, "*"));
        assert_eq!(id(&patched.linked[0][1], "id"), "0/1*");
        assert_eq!(id(&patched.linked[0][0], "next"), "0/1*");
        assert_eq!(id(&patched.linked[0][2], "previous"), "0/1*");
        assert_eq!(
            id(&values.linked[0][0], "next"),
            "0/1",
            "the original is untouched"
        );
    }
}
