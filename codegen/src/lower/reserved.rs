//! The names generated types must not take: what generated files import from the runtime, read
//! from the runtime's own `lib.rs` (one source: an export the runtime gains is reserved the day
//! it is added), what they import from std and serde, and what the generator itself defines at a
//! crate's root.

use std::sync::OnceLock;

use crate::ir::root_names;

/// The runtime's crate root, whose `pub use` items are what generated files import from it.
const RUNTIME_LIB: &str = include_str!("../../../runtime/src/lib.rs");

/// Names generated files take from std's prelude, std and serde, or that the generator defines
/// at the root of every crate.
const OTHER_NAMES: &[&str] = &[
    // What the generator defines beside the types.
    root_names::API_TRAIT,
    root_names::EVENT_OBJECT,
    "Event",
    // Std's prelude and what generated files import from std and serde.
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Into",
    "From",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "PartialOrd",
    "Ord",
    "Send",
    "Sync",
    "Sized",
    "Serialize",
    "Deserialize",
    "BTreeMap",
    "Value",
];

/// Every name a generated type must not take: the runtime's exports and [`OTHER_NAMES`].
pub fn reserved_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = runtime_exports();
        names.extend(OTHER_NAMES.iter().map(|n| (*n).to_owned()));
        names.sort();
        names.dedup();
        names
    })
}

/// The names the runtime's crate root exports: the last segment (or the rename) of each public
/// `use`, and each public module.
pub fn runtime_exports() -> Vec<String> {
    let Ok(file) = syn::parse_file(RUNTIME_LIB) else { return Vec::new() };
    let mut names = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Use(item) if matches!(item.vis, syn::Visibility::Public(_)) => leaves(&item.tree, &mut names),
            syn::Item::Mod(item) if matches!(item.vis, syn::Visibility::Public(_)) => {
                names.push(item.ident.to_string())
            }
            _ => {}
        }
    }
    names
}

fn leaves(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(path) => leaves(&path.tree, out),
        syn::UseTree::Name(name) if name.ident != "self" => out.push(name.ident.to_string()),
        syn::UseTree::Rename(rename) => out.push(rename.rename.to_string()),
        syn::UseTree::Group(group) => group.items.iter().for_each(|tree| leaves(tree, out)),
        syn::UseTree::Name(_) | syn::UseTree::Glob(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_exports_are_read_from_its_root() {
        let exports = runtime_exports();
        for name in ["Client", "Fixture", "EventObjectKind", "ErrorCode", "DecodeFields", "Method", "webhook"] {
            assert!(exports.iter().any(|e| e == name), "{name} not among {exports:?}");
        }
        assert!(reserved_names().iter().any(|n| n == "Deserialize"));
    }
}
