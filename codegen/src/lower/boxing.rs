//! Recursive types: a struct that contains itself without indirection has no size, so the fields
//! that close such a cycle are boxed.

use std::collections::{HashMap, HashSet};

use crate::ir::{TypeDef, TypeRef};

/// Marks every direct field that leads back to its own struct as boxed (`Field::boxed`).
pub(crate) fn box_recursive_fields(types: &mut [TypeDef]) {
    let edges: HashMap<String, Vec<String>> = types.iter().map(|t| (t.name().to_owned(), direct_children(t))).collect();
    for ty in types.iter_mut() {
        let own = ty.name().to_owned();
        match ty {
            TypeDef::Struct(s) => {
                for field in &mut s.fields {
                    if let TypeRef::Named(target) = &field.ty {
                        field.boxed = reaches(&edges, target, &own);
                    }
                }
            }
            TypeDef::Union(u) => {
                for variant in &mut u.variants {
                    if let TypeRef::Named(target) = &variant.ty {
                        variant.boxed = reaches(&edges, target, &own);
                    }
                }
            }
            TypeDef::Enum(_) => {}
        }
    }
}

/// Types held inline (not behind a `Vec`, map or `Expandable`, which already allocate).
fn direct_children(ty: &TypeDef) -> Vec<String> {
    ty.references().filter(|r| r.is_inline()).map(|r| r.target.to_owned()).collect()
}

fn reaches(edges: &HashMap<String, Vec<String>>, from: &str, target: &str) -> bool {
    let mut stack = vec![from.to_owned()];
    let mut seen = HashSet::new();
    while let Some(node) = stack.pop() {
        if node == target {
            return true;
        }
        if seen.insert(node.clone()) {
            stack.extend(edges.get(&node).into_iter().flatten().cloned());
        }
    }
    false
}
