//! Every generated item gets documentation, even where the spec has none: a field borrows the
//! description of the type it holds, and a type says where it is used.

use std::collections::HashMap;

use crate::ir::{TypeDef, TypeRef};

/// Fills in the docs the spec left empty.
pub(crate) fn fill_missing_docs(types: &mut [TypeDef]) {
    let type_docs: HashMap<String, String> =
        types.iter().filter_map(|t| doc_of(t).map(|d| (t.name().to_owned(), first_paragraph(d)))).collect();
    let users = users(types);
    for ty in types.iter_mut() {
        let name = ty.name().to_owned();
        let fallback = match users.get(&name) {
            Some((parent, Some(field))) => format!("The type of the `{field}` field of [`{parent}`](crate::{parent})."),
            Some((parent, None)) => format!("One of the shapes of [`{parent}`](crate::{parent})."),
            None => format!("Stripe's `{name}` object."),
        };
        match ty {
            TypeDef::Struct(s) => {
                s.doc.get_or_insert(fallback);
                for field in &mut s.fields {
                    if field.doc.is_none() {
                        let borrowed = field.ty.named().and_then(|n| type_docs.get(n)).cloned();
                        field.doc = Some(borrowed.unwrap_or_else(|| described(&field.wire_name, &field.ty)));
                    }
                }
            }
            TypeDef::Enum(e) => {
                e.doc.get_or_insert(fallback);
            }
            TypeDef::Union(u) => {
                u.doc.get_or_insert(fallback);
            }
        }
    }
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

fn first_paragraph(doc: &str) -> String {
    doc.split("\n\n").next().unwrap_or(doc).to_owned()
}

/// For each type, the first struct field (or union) that holds it.
fn users(types: &[TypeDef]) -> HashMap<String, (String, Option<String>)> {
    let mut users = HashMap::new();
    for ty in types {
        match ty {
            TypeDef::Struct(s) => {
                for field in &s.fields {
                    if let Some(held) = field.ty.named() {
                        users.entry(held.to_owned()).or_insert_with(|| (s.name.clone(), Some(field.wire_name.clone())));
                    }
                }
            }
            TypeDef::Union(u) => {
                for variant in &u.variants {
                    if let Some(held) = variant.ty.named() {
                        users.entry(held.to_owned()).or_insert_with(|| (u.name.clone(), None));
                    }
                }
            }
            TypeDef::Enum(_) => {}
        }
    }
    users
}
