//! Walking two lowered APIs side by side. Items are matched by the name code uses for them (a
//! type's Rust name, a field's identifier, an operation's call path), since that is what a program
//! written against the old client refers to.
//!
//! The impact of each change follows the generated shapes: structs and string enums are
//! `#[non_exhaustive]`, enums keep unknown values in `Unknown`, unions are exhaustive, parameters
//! are built with `new(required...)` and one setter per optional field, and only the `api` module
//! of the crate is public besides the root, which re-exports every type.

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, Changelog, Impact, Kind};
use crate::emit::type_text;
use crate::ir::{Api, Direction, EnumDef, Field, Module, Operation, StructDef, TypeDef, UnionDef};
use crate::surface::call_path;

/// Every change from `old` to `new`, description changes included.
pub fn compare(old: &Api, new: &Api) -> Changelog {
    let mut out = Changes::default();
    if old.version != new.version {
        // The compiler cannot see it, but every request now asks Stripe for other shapes and
        // behaviour: Stripe's own SDKs release a major version for a new API version.
        out.push(
            "api_version",
            "API_VERSION",
            Kind::ApiVersionChanged,
            Impact::Breaking,
            format!("`{}` → `{}`", old.version, new.version),
        );
    }
    types(old, new, &mut out);
    operations(old, new, &mut out);
    event_objects(old, new, &mut out);
    Changelog::new(old.version.clone(), new.version.clone(), out.0)
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(&mut self, resource: &str, item: &str, kind: Kind, impact: Impact, detail: String) {
        self.0.push(Change { resource: resource.to_owned(), item: item.to_owned(), kind, impact, detail });
    }

    fn docs(&mut self, resource: &str, item: &str, old: Option<&str>, new: Option<&str>) {
        if old != new {
            let detail = format!("{:?} → {:?}", old.unwrap_or_default(), new.unwrap_or_default());
            self.push(resource, item, Kind::DescriptionChanged, Impact::Docs, detail);
        }
    }
}

fn types(old: &Api, new: &Api, out: &mut Changes) {
    let old_types: BTreeMap<&str, &TypeDef> = old.types.iter().map(|t| (t.name(), t)).collect();
    let new_types: BTreeMap<&str, &TypeDef> = new.types.iter().map(|t| (t.name(), t)).collect();
    for (name, before) in &old_types {
        let Some(after) = new_types.get(name) else {
            let detail = origin(before);
            out.push(&before.module().to_string(), name, Kind::TypeRemoved, Impact::Breaking, detail);
            continue;
        };
        moved(before, after, out);
        let resource = after.module().to_string();
        match (before, after) {
            (TypeDef::Struct(a), TypeDef::Struct(b)) if a.direction == b.direction => structs(&resource, a, b, out),
            (TypeDef::Enum(a), TypeDef::Enum(b)) => enums(&resource, a, b, out),
            (TypeDef::Union(a), TypeDef::Union(b)) if a.direction == b.direction => unions(&resource, a, b, out),
            _ => {
                let detail = format!("{} → {}", kind_name(before), kind_name(after));
                out.push(&resource, name, Kind::TypeKindChanged, Impact::Breaking, detail);
            }
        }
    }
    for (name, added) in &new_types {
        if !old_types.contains_key(name) {
            let detail = origin(added);
            out.push(&added.module().to_string(), name, Kind::TypeAdded, Impact::Additive, detail);
        }
    }
}

fn kind_name(ty: &TypeDef) -> &'static str {
    match ty {
        TypeDef::Struct(s) if s.direction == Direction::Request => "parameters struct",
        TypeDef::Struct(_) => "struct",
        TypeDef::Enum(_) => "enum",
        TypeDef::Union(_) => "union",
    }
}

/// What a type is, and the schema it comes from when it is a component of its own.
fn origin(ty: &TypeDef) -> String {
    let schema = ty.pointer().strip_prefix("/components/schemas/").filter(|name| !name.contains('/'));
    match schema {
        Some(name) => format!("{}, schema `{}`", kind_name(ty), name.replace("~1", "/").replace("~0", "~")),
        None => kind_name(ty).to_owned(),
    }
}

/// Every type is re-exported at the crate root, so only the `api::` path can appear or vanish.
fn moved(before: &TypeDef, after: &TypeDef, out: &mut Changes) {
    let impact = match (before.module(), after.module()) {
        (Module::Api(_), Module::Model(_)) => Impact::Breaking,
        (Module::Model(_), Module::Api(_)) => Impact::Additive,
        _ => return,
    };
    let detail = format!("`{}` → `{}`", before.module(), after.module());
    out.push(&after.module().to_string(), before.name(), Kind::TypeMoved, impact, detail);
}

fn structs(resource: &str, old: &StructDef, new: &StructDef, out: &mut Changes) {
    out.docs(resource, &old.name, old.doc.as_deref(), new.doc.as_deref());
    let request = new.direction == Direction::Request;
    let new_fields: BTreeMap<&str, &Field> = new.fields.iter().map(|f| (f.ident.as_str(), f)).collect();
    let old_fields: BTreeMap<&str, &Field> = old.fields.iter().map(|f| (f.ident.as_str(), f)).collect();
    for before in &old.fields {
        let item = format!("{}.{}", old.name, before.ident);
        let Some(after) = new_fields.get(before.ident.as_str()) else {
            let kind = if request { Kind::ParameterRemoved } else { Kind::FieldRemoved };
            let detail = format!("`{}`: {}", before.wire_name, shape(before));
            out.push(resource, &item, kind, Impact::Breaking, detail);
            continue;
        };
        field(resource, &item, request, before, after, out);
    }
    for added in &new.fields {
        if old_fields.contains_key(added.ident.as_str()) {
            continue;
        }
        let item = format!("{}.{}", new.name, added.ident);
        let detail = format!("`{}`: {}", added.wire_name, shape(added));
        let (kind, impact) = match (request, needed_by_new(added)) {
            // `new()` takes every required parameter: its signature changes.
            (true, true) => (Kind::ParameterAdded, Impact::Breaking),
            (true, false) => (Kind::ParameterAdded, Impact::Additive),
            (false, _) => (Kind::FieldAdded, Impact::Additive),
        };
        out.push(resource, &item, kind, impact, detail);
    }
}

/// Whether a parameter is an argument of `new()`.
fn needed_by_new(field: &Field) -> bool {
    !field.optional() && !field.flatten
}

fn field(resource: &str, item: &str, request: bool, old: &Field, new: &Field, out: &mut Changes) {
    out.docs(resource, item, old.doc.as_deref(), new.doc.as_deref());
    let (old_ty, new_ty) = (boxed_type(old), boxed_type(new));
    if old_ty != new_ty || old.flatten != new.flatten {
        let kind = if request { Kind::ParameterTypeChanged } else { Kind::FieldTypeChanged };
        out.push(
            resource,
            item,
            kind,
            Impact::Breaking,
            format!("`{}`: {} → {}", new.wire_name, shape(old), shape(new)),
        );
        return;
    }
    let detail = format!("`{}`: {} → {}", new.wire_name, presence(old), presence(new));
    match (request, needed_by_new(old), needed_by_new(new)) {
        (true, false, true) => out.push(resource, item, Kind::ParameterMadeRequired, Impact::Breaking, detail),
        (true, true, false) => out.push(resource, item, Kind::ParameterMadeOptional, Impact::Breaking, detail),
        _ if old.optional() != new.optional() => {
            out.push(resource, item, Kind::NullabilityChanged, Impact::Breaking, detail);
        }
        _ if (old.required, old.nullable) != (new.required, new.nullable) => {
            // Already an `Option` on both sides: only what Stripe may send or accept changed.
            out.push(resource, item, Kind::NullabilityChanged, Impact::WireOnly, detail);
        }
        _ => {}
    }
}

fn boxed_type(field: &Field) -> String {
    let ty = type_text(&field.ty);
    if field.boxed {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

/// A field's type as code sees it, and whether it can be absent.
fn shape(field: &Field) -> String {
    let ty = boxed_type(field);
    if field.optional() && !field.flatten {
        format!("`Option<{ty}>`")
    } else {
        format!("`{ty}`")
    }
}

fn presence(field: &Field) -> &'static str {
    match (field.required, field.nullable) {
        (true, false) => "required",
        (true, true) => "required, nullable",
        (false, false) => "optional",
        (false, true) => "optional, nullable",
    }
}

fn enums(resource: &str, old: &EnumDef, new: &EnumDef, out: &mut Changes) {
    out.docs(resource, &old.name, old.doc.as_deref(), new.doc.as_deref());
    let values = |def: &EnumDef| -> BTreeSet<(String, String)> {
        def.variants.iter().map(|v| (v.ident.clone(), v.wire.clone())).collect()
    };
    let (before, after) = (values(old), values(new));
    for (ident, wire) in before.difference(&after) {
        let item = format!("{}::{ident}", old.name);
        out.push(resource, &item, Kind::EnumValueRemoved, Impact::Breaking, format!("`{wire}`"));
    }
    for (ident, wire) in after.difference(&before) {
        // Non-exhaustive, and the value used to arrive as `Unknown`: code still compiles.
        let item = format!("{}::{ident}", new.name);
        out.push(resource, &item, Kind::EnumValueAdded, Impact::Additive, format!("`{wire}`"));
    }
}

fn unions(resource: &str, old: &UnionDef, new: &UnionDef, out: &mut Changes) {
    out.docs(resource, &old.name, old.doc.as_deref(), new.doc.as_deref());
    let payload = |def: &UnionDef| -> BTreeMap<String, String> {
        def.variants
            .iter()
            .map(|v| {
                let ty = type_text(&v.ty);
                (v.ident.clone(), if v.boxed { format!("Box<{ty}>") } else { ty })
            })
            .collect()
    };
    let (before, after) = (payload(old), payload(new));
    for (ident, ty) in &before {
        let item = format!("{}::{ident}", old.name);
        match after.get(ident) {
            None => out.push(resource, &item, Kind::VariantRemoved, Impact::Breaking, format!("`{ty}`")),
            Some(new_ty) if new_ty != ty => {
                out.push(resource, &item, Kind::VariantTypeChanged, Impact::Breaking, format!("`{ty}` → `{new_ty}`"))
            }
            Some(_) => {}
        }
    }
    for (ident, ty) in &after {
        if !before.contains_key(ident) {
            // Unions are exhaustive: a `match` without a wildcard stops compiling.
            let item = format!("{}::{ident}", new.name);
            out.push(resource, &item, Kind::VariantAdded, Impact::Breaking, format!("`{ty}`"));
        }
    }
}

fn operations(old: &Api, new: &Api, out: &mut Changes) {
    let (before, after) = (operation_index(old), operation_index(new));
    for (path, (resource, op)) in &before {
        let item = format!("{path}()");
        let Some((resource, new_op)) = after.get(path) else {
            out.push(resource, &item, Kind::OperationRemoved, Impact::Breaking, endpoint(op));
            continue;
        };
        out.docs(resource, &item, op.doc.as_deref(), new_op.doc.as_deref());
        let (old_signature, new_signature) = (signature(op), signature(new_op));
        if old_signature != new_signature {
            let detail = format!("`{old_signature}` → `{new_signature}`");
            out.push(resource, &item, Kind::OperationSignatureChanged, Impact::Breaking, detail);
        }
        let (old_endpoint, new_endpoint) = (endpoint(op), endpoint(new_op));
        if old_endpoint != new_endpoint {
            let detail = format!("{old_endpoint} → {new_endpoint}");
            out.push(resource, &item, Kind::OperationEndpointChanged, Impact::WireOnly, detail);
        }
    }
    for (path, (resource, op)) in &after {
        if !before.contains_key(path) {
            out.push(resource, &format!("{path}()"), Kind::OperationAdded, Impact::Additive, endpoint(op));
        }
    }
}

/// The operations by call path, each with its resource.
fn operation_index(api: &Api) -> BTreeMap<String, (String, &Operation)> {
    api.operations.iter().map(|op| (call_path(api, op), (service_resource(api, op), op))).collect()
}

/// The module of the operation's service (`api::climate_orders`), where its parameters live.
fn service_resource(api: &Api, op: &Operation) -> String {
    match api.services.get(&op.service_path()).and_then(|names| names.module.clone()) {
        Some(module) => Module::Api(module).to_string(),
        None => format!("api::{}", op.service_path().join("_")),
    }
}

/// What a call of the operation looks like to the compiler: its arguments and what it returns.
fn signature(op: &Operation) -> String {
    let mut args: Vec<String> = op.path_params.iter().map(|_| "&str".to_owned()).collect();
    if let Some(params) = &op.params {
        args.push(format!("&{params}"));
    }
    let paging = match op.pagination {
        crate::ir::Pagination::None => "",
        crate::ir::Pagination::List => " (list)",
        crate::ir::Pagination::Search => " (search)",
        crate::ir::Pagination::NextPageUrl => " (v2 list)",
    };
    format!("({}) -> {}{paging}", args.join(", "), type_text(&op.response))
}

/// Where the operation goes on the wire.
fn endpoint(op: &Operation) -> String {
    let method = op.http_method.as_str();
    let body = match op.params_in {
        crate::ir::ParamsIn::Multipart => " (multipart)",
        crate::ir::ParamsIn::V2 => " (json)",
        crate::ir::ParamsIn::Form | crate::ir::ParamsIn::Query => "",
    };
    let host = op.server.as_deref().map(|s| format!(" on {s}")).unwrap_or_default();
    format!("`{method} {}`{body}{host}", op.path)
}

/// `EventObject`, the enum of what a webhook event carries: non-exhaustive, with a fallback.
fn event_objects(old: &Api, new: &Api, out: &mut Changes) {
    let variants = |api: &Api| -> BTreeMap<String, (String, String)> {
        api.event_resources.iter().map(|r| (r.variant.clone(), (r.object.clone(), r.type_name.clone()))).collect()
    };
    let (before, after) = (variants(old), variants(new));
    for (variant, (object, ty)) in &before {
        let item = format!("EventObject::{variant}");
        match after.get(variant) {
            None => out.push("event_object", &item, Kind::VariantRemoved, Impact::Breaking, format!("`{object}`")),
            Some((_, new_ty)) if new_ty != ty => {
                let detail = format!("`Box<{ty}>` → `Box<{new_ty}>`");
                out.push("event_object", &item, Kind::VariantTypeChanged, Impact::Breaking, detail);
            }
            Some(_) => {}
        }
    }
    for (variant, (object, _)) in &after {
        if !before.contains_key(variant) {
            let item = format!("EventObject::{variant}");
            out.push("event_object", &item, Kind::VariantAdded, Impact::Additive, format!("`{object}`"));
        }
    }
}
