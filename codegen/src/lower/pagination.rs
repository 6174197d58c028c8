//! Which operations page, decided once every type is known: a list of objects with both
//! cursors among its parameters, or a search result with a `page` parameter.

use std::collections::{HashMap, HashSet};

use crate::ir::{object_types, Api, Pagination, StructDef, TypeDef, TypeRef};

/// Sets each operation's pagination, and marks the parameters the runtime moves the cursor of.
pub(crate) fn decide(api: &mut Api) {
    let objects = object_types(api);
    let structs: HashMap<&str, &StructDef> = api
        .types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Struct(s) => Some((s.name.as_str(), s)),
            _ => None,
        })
        .collect();
    let mut cursors: HashMap<String, Pagination> = HashMap::new();
    for op in &mut api.operations {
        let Some(params) = op.params.as_deref().and_then(|name| structs.get(name)) else { continue };
        op.pagination = match &op.response {
            TypeRef::List(item) if is_object(item, &objects) && params.has_list_cursors() => Pagination::List,
            TypeRef::SearchList(_) if params.has_page_cursor() => Pagination::Search,
            _ => Pagination::None,
        };
        if op.pagination != Pagination::None {
            cursors.insert(params.name.clone(), op.pagination);
        }
    }
    for ty in &mut api.types {
        if let TypeDef::Struct(s) = ty {
            if let Some(kind) = cursors.get(&s.name) {
                s.cursors = *kind;
            }
        }
    }
}

fn is_object(item: &TypeRef, objects: &HashSet<String>) -> bool {
    matches!(item, TypeRef::Named(name) if objects.contains(name))
}
