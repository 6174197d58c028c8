//! Every generated item gets documentation, even where the spec has none. A field borrows the
//! description of the type it holds; else that of its namesake in a struct of exactly the same
//! field names (a request's `address` and the `address` Stripe answers with); else the one
//! description the spec gives every field of its name, if it gives it twice or more; else it is
//! described by its name and the kind of value it holds. A type says where it is used.

use std::collections::{HashMap, HashSet};

use crate::ir::{StructDef, TypeDef, TypeRef};
use crate::names::fnv1a;

/// Fills in the docs the spec left empty.
pub(crate) fn fill_missing_docs(types: &mut [TypeDef]) {
    let borrowed = borrowed_field_docs(types);
    let fallbacks = type_fallbacks(types);
    for ((ty, borrowed), fallback) in types.iter_mut().zip(borrowed).zip(fallbacks) {
        match ty {
            TypeDef::Struct(s) => {
                s.doc = s.doc.take().or(fallback);
                for (field, borrowed) in s.fields.iter_mut().zip(borrowed) {
                    if field.doc.is_none() {
                        field.doc = Some(borrowed.unwrap_or_else(|| described(&field.wire_name, &field.ty)));
                    }
                }
            }
            TypeDef::Enum(e) => e.doc = e.doc.take().or(fallback),
            TypeDef::Union(u) => u.doc = u.doc.take().or(fallback),
        }
    }
}

/// For each type the spec leaves undescribed, where it is used: the first struct field (or
/// union) that holds it.
fn type_fallbacks(types: &[TypeDef]) -> Vec<Option<String>> {
    let mut users: HashMap<&str, (&str, Option<&str>)> = HashMap::new();
    for ty in types {
        for reference in ty.references() {
            users.entry(reference.target).or_insert((ty.name(), reference.field.map(|f| f.wire_name.as_str())));
        }
    }
    let fallback = |ty: &TypeDef| {
        let name = ty.name();
        match users.get(name) {
            Some((parent, Some(field))) => format!("The type of the `{field}` field of [`{parent}`](crate::{parent})."),
            Some((parent, None)) => format!("One of the shapes of [`{parent}`](crate::{parent})."),
            None => format!("Stripe's `{name}` object."),
        }
    };
    types.iter().map(|ty| if doc_of(ty).is_none() { Some(fallback(ty)) } else { None }).collect()
}

/// For each type, for each of its fields the spec leaves undescribed, what it can borrow: found
/// with borrowed text, so that only the descriptions used are copied, and looked for only where a
/// field lacks one.
fn borrowed_field_docs(types: &[TypeDef]) -> Vec<Vec<Option<String>>> {
    let type_docs: HashMap<&str, &str> = types.iter().filter_map(|t| Some((t.name(), doc_of(t)?))).collect();
    let structs = || types.iter().filter_map(|t| if let TypeDef::Struct(s) = t { Some(s) } else { None });
    let lacking = || structs().filter(|s| s.fields.iter().any(|f| f.doc.is_none()));
    // A deleted form has its live object's shape, not its meaning: it neither lends nor borrows.
    let wanted_shapes: HashSet<ShapeKey> = lacking().filter(|s| !s.is_deleted_form()).map(shape_key).collect();
    let wanted_names: HashSet<&str> =
        lacking().flat_map(|s| &s.fields).filter(|f| f.doc.is_none()).map(|f| f.wire_name.as_str()).collect();
    let by_shape = descriptions_by_shape(structs(), &wanted_shapes);
    let by_name = descriptions_by_name(structs(), &wanted_names);
    let borrowed_for = |s: &StructDef| -> Vec<Option<String>> {
        if s.fields.iter().all(|f| f.doc.is_some()) {
            // Nothing to borrow: the fields are zipped with nothing.
            return Vec::new();
        }
        let twins = if s.is_deleted_form() { None } else { by_shape.get(&shape(s)) };
        s.fields
            .iter()
            .map(|field| {
                if field.doc.is_some() {
                    return None;
                }
                let borrowed = field.ty.named().and_then(|n| type_docs.get(n));
                let borrowed = borrowed.or_else(|| twins.and_then(|twins| twins.get(field.wire_name.as_str())));
                borrowed.or_else(|| by_name.get(field.wire_name.as_str())).map(|doc| first_paragraph(doc).to_owned())
            })
            .collect()
    };
    types.iter().map(|t| if let TypeDef::Struct(s) = t { borrowed_for(s) } else { Vec::new() }).collect()
}

/// The field names of a struct, sorted: structs of one shape hold the same thing.
fn shape(s: &StructDef) -> Vec<&str> {
    let mut names: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
    names.sort_unstable();
    names
}

/// A shape's field count and a hash of its names in any order: what rules most structs out as
/// twins of a wanted shape without sorting their names.
type ShapeKey = (usize, u64);

fn shape_key(s: &StructDef) -> ShapeKey {
    let hashes = s.fields.iter().map(|f| u64::from(fnv1a(f.wire_name.as_bytes())));
    (s.fields.len(), hashes.fold(0, u64::wrapping_add))
}

/// For each wanted shape of two fields or more, the first description of each field name among
/// the structs of that shape.
fn descriptions_by_shape<'t>(
    structs: impl Iterator<Item = &'t StructDef>,
    wanted: &HashSet<ShapeKey>,
) -> HashMap<Vec<&'t str>, HashMap<&'t str, &'t str>> {
    let mut by_shape: HashMap<Vec<&str>, HashMap<&str, &str>> = HashMap::new();
    let lenders = structs.filter(|s| s.fields.len() >= 2 && !s.is_deleted_form() && wanted.contains(&shape_key(s)));
    for s in lenders {
        let known = by_shape.entry(shape(s)).or_default();
        for field in &s.fields {
            if let Some(doc) = field.doc.as_deref() {
                known.entry(field.wire_name.as_str()).or_insert(doc);
            }
        }
    }
    by_shape
}

/// For each wanted name, the first paragraph of the description of the fields of that name,
/// where the spec describes at least two of them, all alike: one description alone may be about
/// its own struct, and two that differ say the name means different things in different places.
fn descriptions_by_name<'t>(
    structs: impl Iterator<Item = &'t StructDef>,
    wanted: &HashSet<&str>,
) -> HashMap<&'t str, &'t str> {
    let mut by_name: HashMap<&str, Option<(&str, usize)>> = HashMap::new();
    for field in structs.flat_map(|s| &s.fields).filter(|f| wanted.contains(f.wire_name.as_str())) {
        let Some(doc) = field.doc.as_deref().map(first_paragraph) else { continue };
        by_name
            .entry(field.wire_name.as_str())
            .and_modify(|known| match known {
                Some((same, count)) if *same == doc => *count += 1,
                _ => *known = None,
            })
            .or_insert(Some((doc, 1)));
    }
    by_name.into_iter().filter_map(|(name, doc)| Some((name, doc.filter(|(_, count)| *count >= 2)?.0))).collect()
}

/// A field the spec says nothing about, described by what its name and type do say: range bounds
/// by their meaning, anything else by its words and the kind of value it holds.
fn described(wire_name: &str, ty: &TypeRef) -> String {
    let bound = match wire_name {
        "gt" => Some("Greater than"),
        "gte" => Some("Greater than or equal to"),
        "lt" => Some("Less than"),
        "lte" => Some("Less than or equal to"),
        _ => None,
    };
    if let Some(bound) = bound {
        return format!("{bound} this value.");
    }
    let words = wire_name.replace(['_', '.'], " ");
    let mut chars = words.trim().chars();
    let words = match chars.next() {
        Some(first) => format!("{}{}", first.to_uppercase(), chars.as_str()),
        None => "The value".to_owned(),
    };
    format!("{words}, as {}.", kind(ty))
}

/// What kind of value a type holds, in words.
fn kind(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "text".into(),
        TypeRef::Integer => "a whole number".into(),
        TypeRef::Number => "a number".into(),
        TypeRef::Boolean => "true or false".into(),
        TypeRef::Timestamp => "a Unix timestamp in seconds".into(),
        TypeRef::Decimal => "an exact decimal".into(),
        TypeRef::Binary => "a file".into(),
        TypeRef::Json => "any JSON value".into(),
        TypeRef::Named(name) => format!("a [`{name}`]"),
        TypeRef::Vec(inner) => format!("a list, each {}", kind(inner)),
        TypeRef::Map(inner) => match inner.as_ref() {
            TypeRef::Clearable(value) => {
                format!("a map from keys to {} (`Clearable::Clear` unsets a key)", kind(value))
            }
            _ => format!("a map from keys to {}", kind(inner)),
        },
        TypeRef::Expandable(inner) => format!("an ID, or {} when expanded", kind(inner)),
        TypeRef::Clearable(inner) => format!("{}, or `Clearable::Clear` to unset it", kind(inner)),
        TypeRef::List(inner) | TypeRef::SearchList(inner) | TypeRef::V2List(inner) => {
            format!("a page, each item {}", kind(inner))
        }
    }
}

fn doc_of(ty: &TypeDef) -> Option<&str> {
    match ty {
        TypeDef::Struct(s) => s.doc.as_deref(),
        TypeDef::Enum(e) => e.doc.as_deref(),
        TypeDef::Union(u) => u.doc.as_deref(),
    }
}

fn first_paragraph(doc: &str) -> &str {
    doc.split("\n\n").next().unwrap_or(doc)
}

#[cfg(test)]
mod tests {
    use crate::ir::{StructDef, TypeDef};

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/places:
    post:
      operationId: PostPlaces
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                address: {type: object, properties: {city: {type: string}, line1: {type: string}}}
                note: {type: string}
                kind: {type: string}
                shade: {type: string}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/place'}}}}}
components:
  schemas:
    place:
      type: object
      properties:
        address: {$ref: '#/components/schemas/address'}
        note: {type: string, description: A note about the place.}
        kind: {type: string, description: What the place is.}
        shade: {type: string}
        other: {type: object, properties: {note: {type: string, description: A note about the place.}, kind: {type: string, description: Not the same meaning.}}}
    address:
      type: object
      properties:
        city: {type: string, description: 'City, district, suburb, town, or village.'}
        line1: {type: string, description: Address line 1.}
"##;

    fn params() -> StructDef {
        let api = crate::lower::lowered(SPEC);
        let found = api.types.into_iter().find_map(|t| match t {
            TypeDef::Struct(s) if s.name == "CreatePlace" => Some(s),
            _ => None,
        });
        found.unwrap_or_else(|| panic!("no CreatePlace"))
    }

    fn doc(def: &StructDef, field: &str) -> String {
        let field = def.fields.iter().find(|f| f.wire_name == field).unwrap_or_else(|| panic!("no {field}"));
        field.doc.clone().unwrap_or_default()
    }

    #[test]
    fn undescribed_fields_borrow_what_the_spec_says_elsewhere() {
        let params = params();
        // One description, given twice, for every field of the name: borrowed.
        assert_eq!(doc(&params, "note"), "A note about the place.");
        // Two that differ: the name means different things, so nothing is borrowed.
        assert_eq!(doc(&params, "kind"), "Kind, as text.");
        // Never described: its words.
        assert_eq!(doc(&params, "shade"), "Shade, as text.");
        // A struct of the same field names as a described one: its namesakes' descriptions.
        let api = crate::lower::lowered(SPEC);
        let address = api.types.iter().find_map(|t| match t {
            TypeDef::Struct(s) if s.name != "Address" && s.fields.iter().any(|f| f.wire_name == "line1") => Some(s),
            _ => None,
        });
        let address = address.unwrap_or_else(|| panic!("no request address"));
        assert_eq!(doc(address, "city"), "City, district, suburb, town, or village.");
        assert_eq!(doc(address, "line1"), "Address line 1.");
    }
}
