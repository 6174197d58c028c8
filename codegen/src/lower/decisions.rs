//! What is decided once every type is known: which types are objects (an `id` to page by), which
//! operations page (a list of objects with both cursors among its parameters, or a search result
//! with a `page` parameter), which resources a webhook event can carry, and where types shared
//! beyond an operation live.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::schema::model_module;
use crate::ir::{
    root_names, Api, Direction, EventResource, Module, Pagination, StructDef, TypeDef, TypeRef, WhenAbsent,
};
use crate::names::{Case, Scope};
use crate::settings::Names;

/// Makes every decision, in order: placement first, since event resources are model types.
pub(crate) fn decide(api: &mut Api, names: &Names) {
    place_shared_types(api, names);
    api.objects = types_with_ids(api);
    paginate(api);
    tag_unions(api);
    api.event_resources = event_resources(api);
    fill_empty_values(api);
}

/// Marks the required fields of responses that decode to an empty value when an answer leaves
/// them out: lists, maps, and structs whose every field is optional, nullable or so itself.
fn fill_empty_values(api: &mut Api) {
    let empty = structs_with_empty_values(api);
    for ty in &mut api.types {
        let TypeDef::Struct(s) = ty else { continue };
        if s.direction != Direction::Response {
            continue;
        }
        for field in &mut s.fields {
            if field.when_absent == WhenAbsent::Fails && has_empty_value(&field.ty, &empty) {
                field.when_absent = WhenAbsent::Empty;
            }
        }
    }
}

/// The response structs that decode from `{}`. Grown from the structs that need nothing, one
/// struct at a time as the last struct it waits for joins, so a struct that holds itself
/// (through any cycle) never joins: its empty value would never end.
fn structs_with_empty_values(api: &Api) -> HashSet<String> {
    // Per struct, how many structs its required fields still wait for; `None`: a required field
    // that can never stand empty (a number, text, an id).
    let mut waiting: HashMap<&str, usize> = HashMap::new();
    let mut waited_by: HashMap<&str, Vec<&str>> = HashMap::new();
    for ty in &api.types {
        let TypeDef::Struct(s) = ty else { continue };
        if s.direction != Direction::Response {
            continue;
        }
        let mut waits = Some(0);
        for field in s.fields.iter().filter(|f| !f.flatten && !f.optional()) {
            match &field.ty {
                TypeRef::Vec(_) | TypeRef::Map(_) => {}
                TypeRef::Named(name) => {
                    waits = waits.map(|n| n + 1);
                    waited_by.entry(name.as_str()).or_default().push(&s.name);
                }
                _ => waits = None,
            }
        }
        if let Some(waits) = waits {
            waiting.insert(&s.name, waits);
        }
    }
    let mut ready: Vec<&str> = waiting.iter().filter(|(_, n)| **n == 0).map(|(name, _)| *name).collect();
    let mut empty = HashSet::new();
    while let Some(name) = ready.pop() {
        empty.insert(name.to_owned());
        for user in waited_by.get(name).into_iter().flatten() {
            if let Some(n) = waiting.get_mut(user) {
                *n -= 1;
                if *n == 0 {
                    ready.push(user);
                }
            }
        }
    }
    empty
}

/// Whether a value of `ty` may stand empty: a list, a map, or a struct of `empty`.
fn has_empty_value(ty: &TypeRef, empty: &HashSet<String>) -> bool {
    match ty {
        TypeRef::Vec(_) | TypeRef::Map(_) => true,
        TypeRef::Named(name) => empty.contains(name),
        _ => false,
    }
}

/// Gives each variant of a response union its `object` tag, when every variant is an object
/// with one: the tag, not the first shape that fits, then tells them apart on the wire.
fn tag_unions(api: &mut Api) {
    let tags: HashMap<String, (String, bool)> = api
        .types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Struct(s) => Some((s.name.clone(), (s.object_name.clone()?, s.is_deleted_form()))),
            _ => None,
        })
        .collect();
    for ty in &mut api.types {
        let TypeDef::Union(union) = ty else { continue };
        if union.direction != Direction::Response {
            continue;
        }
        let found: Option<Vec<(String, bool)>> = union
            .variants
            .iter()
            .map(|v| match &v.ty {
                TypeRef::Named(name) => tags.get(name).cloned(),
                _ => None,
            })
            .collect();
        if let Some(found) = found {
            for (variant, (tag, deleted_form)) in union.variants.iter_mut().zip(found) {
                variant.object_tag = Some(tag);
                variant.deleted_form = deleted_form;
            }
        }
    }
}

/// A type named by hand, or used by the types of more than one file, gets a file of its own
/// (`EventType`, `ApiVersion`, an enum of countries two parameters share): it belongs to none of
/// its users, and a build that compiles one user does not compile the others' files for it.
fn place_shared_types(api: &mut Api, names: &Names) {
    let hand_named: HashSet<&str> = names.renames.values().map(String::as_str).collect();
    let mut users: HashMap<String, HashSet<Module>> = HashMap::new();
    for ty in &api.types {
        for reference in ty.references() {
            users.entry(reference.target.to_owned()).or_default().insert(ty.module().clone());
        }
    }
    for ty in &mut api.types {
        let name = ty.name().to_owned();
        let own = Module::Model(model_module(&name));
        let shared = users.get(&name).is_some_and(|modules| modules.iter().any(|m| m != ty.module()));
        let named_by_hand = hand_named.contains(name.as_str()) && matches!(ty.module(), Module::Api(_));
        if (named_by_hand || shared) && *ty.module() != own {
            ty.set_module(own);
        }
    }
}

/// The resources a webhook event can carry: response structs of the model with a fixed `object`
/// value, the first live form and the first deleted form of each `object` value, in spec order.
/// Each is a variant of `EventObject` named after its type, apart from the variants for what is
/// not typed.
fn event_resources(api: &Api) -> Vec<EventResource> {
    let mut variants = Scope::with_reserved(Case::Camel, &[root_names::UNKNOWN, root_names::UNDECODABLE]);
    let mut found: Vec<EventResource> = Vec::new();
    for ty in &api.types {
        let TypeDef::Struct(s) = ty else { continue };
        let Some(object) = s.object_name.as_deref() else { continue };
        let deleted = s.is_deleted_form();
        let is_model = matches!(s.module, Module::Model(_));
        let known = found.iter().any(|r| r.object == object && r.deleted == deleted);
        if s.direction == Direction::Response && is_model && !known {
            found.push(EventResource {
                object: object.to_owned(),
                type_name: s.name.clone(),
                variant: variants.claim(&s.name),
                deleted,
            });
        }
    }
    found
}

/// Sets each operation's pagination, and marks the parameters the runtime moves the cursor of.
fn paginate(api: &mut Api) {
    let objects = &api.objects;
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
        if let TypeRef::V2List(_) = op.response {
            // The pages after the first are fetched by URL: nothing in the parameters moves.
            op.pagination = Pagination::NextPageUrl;
            continue;
        }
        let Some(params) = op.params.as_deref().and_then(|name| structs.get(name)) else { continue };
        op.pagination = match &op.response {
            TypeRef::List(item) if is_object(item, objects) && params.has_list_cursors() => Pagination::List,
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

fn is_object(item: &TypeRef, objects: &BTreeSet<String>) -> bool {
    matches!(item, TypeRef::Named(name) if objects.contains(name))
}

/// The types that implement the runtime's `Object` (an `id` to paginate by): response structs with
/// a string `id`, and response unions whose every variant is such a struct.
fn types_with_ids(api: &Api) -> BTreeSet<String> {
    let mut objects: BTreeSet<String> = api
        .types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Struct(s) if s.string_id().is_some() => Some(s.name.clone()),
            _ => None,
        })
        .collect();
    let unions: Vec<String> = api
        .types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Union(u)
                if u.direction == Direction::Response
                    && u.variants.iter().all(|v| matches!(&v.ty, TypeRef::Named(n) if objects.contains(n))) =>
            {
                Some(u.name.clone())
            }
            _ => None,
        })
        .collect();
    objects.extend(unions);
    objects
}

#[cfg(test)]
mod tests {
    use crate::ir::{TypeDef, UnionDef, WhenAbsent};

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/sources/{id}:
    get:
      operationId: GetSource
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {anyOf: [{$ref: '#/components/schemas/account'}, {$ref: '#/components/schemas/card'}, {$ref: '#/components/schemas/deleted_card'}]}}}}
  /v1/notes/{id}:
    get:
      operationId: GetNote
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {anyOf: [{$ref: '#/components/schemas/card'}, {type: object, properties: {text: {type: string}}}]}}}}
components:
  schemas:
    account: {type: object, required: [id, object], properties: {id: {type: string}, object: {type: string, enum: [account]}}}
    card: {type: object, required: [id, object], properties: {id: {type: string}, object: {type: string, enum: [card]}}}
    deleted_card: {type: object, required: [id, object, deleted], properties: {id: {type: string}, object: {type: string, enum: [card]}, deleted: {type: boolean, enum: [true]}}}
"##;

    fn unions() -> Vec<UnionDef> {
        crate::lower::lowered(SPEC)
            .types
            .into_iter()
            .filter_map(|t| if let TypeDef::Union(u) = t { Some(u) } else { None })
            .collect()
    }

    #[test]
    fn unions_of_objects_are_told_apart_by_their_tags_and_others_by_shape() {
        let tags: Vec<Vec<Option<String>>> =
            unions().iter().map(|u| u.variants.iter().map(|v| v.object_tag.clone()).collect()).collect();
        let tag = |t: &str| Some(t.to_owned());
        assert_eq!(tags, [vec![tag("account"), tag("card"), tag("card")], vec![None, None]]);
    }

    const EMPTY_VALUES: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/holders/{id}:
    get:
      operationId: GetHolder
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/holder'}}}}
  /v1/loops/{id}:
    get:
      operationId: GetLoop
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/loop_a'}}}}
components:
  schemas:
    holder:
      type: object
      required: [count, details, note, labels]
      properties:
        count: {type: integer}
        details: {$ref: '#/components/schemas/details'}
        note: {type: string, nullable: true}
        labels: {type: object, additionalProperties: {type: string}}
        later: {type: string}
    details:
      type: object
      required: [name, tags]
      properties:
        name: {type: string, nullable: true}
        tags: {type: array, items: {type: string}}
    loop_a: {type: object, required: [b, tags], properties: {b: {$ref: '#/components/schemas/loop_b'}, tags: {type: array, items: {type: string}}}}
    loop_b: {type: object, required: [a], properties: {a: {$ref: '#/components/schemas/loop_a'}}}
"##;

    fn when_absent(api: &crate::ir::Api, structure: &str) -> Vec<(String, WhenAbsent)> {
        let found = api.types.iter().find_map(|t| match t {
            TypeDef::Struct(s) if s.name == structure => Some(s),
            _ => None,
        });
        found.map(|s| s.fields.iter().map(|f| (f.wire_name.clone(), f.when_absent)).collect()).unwrap_or_default()
    }

    #[test]
    fn only_lists_maps_nullables_and_objects_that_may_all_be_empty_stand_in_for_absent_fields() {
        let api = crate::lower::lowered(EMPTY_VALUES);
        let pairs = |list: &[(&str, WhenAbsent)]| -> Vec<(String, WhenAbsent)> {
            list.iter().map(|(name, rule)| (name.to_string(), *rule)).collect()
        };
        use WhenAbsent::*;
        assert_eq!(
            when_absent(&api, "Holder"),
            pairs(&[("count", Fails), ("details", Empty), ("note", Null), ("labels", Empty), ("later", Allowed)])
        );
        assert_eq!(when_absent(&api, "Details"), pairs(&[("name", Null), ("tags", Empty)]));
        // A struct that holds itself through any cycle has no end to its empty value.
        assert_eq!(when_absent(&api, "LoopA"), pairs(&[("b", Fails), ("tags", Empty)]));
        assert_eq!(when_absent(&api, "LoopB"), pairs(&[("a", Fails)]));
    }
}
