//! A user program that touches every public item of a generated client in every way outside code
//! can: reads and assigns each field with its exact type, builds parameters with `new` and each
//! setter, matches each enum value and union alternative, calls each operation and names what it
//! returns. Written against one client and compiled against another, it stops compiling exactly
//! where the other client broke the first one's API.
//!
//! It is derived from the old client alone, never from a list of changes, so it checks the
//! changelog's classification instead of repeating it.

use std::fmt::Write;

use codegen::ir::{Api, Direction, EnumDef, Field, Operation, Pagination, StructDef, TypeDef, TypeRef, UnionDef};

/// The probe's `lib.rs`, for a crate that depends on the client as `client`.
pub fn probe(api: &Api) -> String {
    let mut out = String::from(
        "#![allow(warnings, clippy::all)]\n\
         //! Every item of the client, used once. Never run: only compiled.\n\n\
         use client::StripeApi as _;\n\n\
         fn value<T>() -> T {\n    unreachable!()\n}\n\n",
    );
    let _ = writeln!(out, "pub fn version() {{\n    let _: &str = client::API_VERSION;\n}}\n");
    for (index, ty) in api.types.iter().enumerate() {
        match ty {
            TypeDef::Struct(def) => struct_uses(index, def, &mut out),
            TypeDef::Enum(def) => enum_uses(index, def, &mut out),
            TypeDef::Union(def) => union_uses(index, def, &mut out),
        }
    }
    for (index, op) in api.operations.iter().enumerate() {
        operation_use(index, api, op, &mut out);
    }
    if !api.event_resources.is_empty() {
        out.push_str("pub fn event_objects(object: &client::EventObject) {\n    match object {\n");
        for resource in &api.event_resources {
            let _ = writeln!(
                out,
                "        client::EventObject::{}(value) => {{ let _: &Box<client::{}> = value; }}",
                resource.variant, resource.type_name
            );
        }
        out.push_str("        _ => {}\n    }\n}\n\n");
    }
    out
}

fn struct_uses(index: usize, def: &StructDef, out: &mut String) {
    let name = format!("client::{}", def.name);
    let _ = writeln!(out, "pub fn type_{index}(read: &{name}, mut written: {name}) {{");
    for field in &def.fields {
        let ty = field_type(field);
        let _ = writeln!(out, "    let _: &{ty} = &read.{};", field.ident);
        let _ = writeln!(out, "    written.{} = value::<{ty}>();", field.ident);
    }
    if def.direction == Direction::Request {
        let required: Vec<&Field> = def.fields.iter().filter(|f| !f.optional() && !f.flatten).collect();
        let built = if required.is_empty() {
            format!("<{name} as Default>::default()")
        } else {
            // Strings and clearable values are taken by `Into`, which their own type satisfies.
            let args: Vec<String> = required.iter().map(|f| format!("value::<{}>()", rust_type(&f.ty))).collect();
            format!("{name}::new({})", args.join(", "))
        };
        let _ = write!(out, "    let _: {name} = {built}");
        for field in def.fields.iter().filter(|f| f.optional() && !f.flatten) {
            let _ = write!(out, "\n        .{}(value::<{}>())", field.ident, rust_type(&field.ty));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n\n");
}

fn enum_uses(index: usize, def: &EnumDef, out: &mut String) {
    let name = format!("client::{}", def.name);
    let _ = writeln!(out, "pub fn type_{index}(value: &{name}) -> &str {{\n    match value {{");
    for variant in &def.variants {
        let _ = writeln!(out, "        {name}::{} => {{}}", variant.ident);
    }
    let _ = writeln!(out, "        {name}::Unknown(other) => {{ let _: &String = other; }}");
    out.push_str("        _ => {}\n    }\n");
    let _ = writeln!(out, "    let _: {name} = {name}::from(\"\");\n    value.as_str()\n}}\n");
}

fn union_uses(index: usize, def: &UnionDef, out: &mut String) {
    let name = format!("client::{}", def.name);
    let _ = writeln!(out, "pub fn type_{index}(value: &{name}) {{\n    match value {{");
    for variant in &def.variants {
        let ty = rust_type(&variant.ty);
        let ty = if variant.boxed { format!("Box<{ty}>") } else { ty };
        let _ = writeln!(out, "        {name}::{}(inner) => {{ let _: &{ty} = inner; }}", variant.ident);
    }
    out.push_str("    }\n}\n\n");
}

fn operation_use(index: usize, api: &Api, op: &Operation, out: &mut String) {
    let path = op.service_path();
    let accessors: String = (1..=path.len())
        .filter_map(|depth| api.services.get(&path[..depth]).map(|names| format!(".{}()", names.accessor)))
        .collect();
    let mut args: Vec<String> = op.path_params.iter().map(|_| "value::<&str>()".to_owned()).collect();
    if let Some(params) = &op.params {
        args.push(format!("&value::<client::{params}>()"));
    }
    let runtime = "client::stripe_client_runtime";
    let returns = match (&op.pagination, &op.response, &op.params) {
        (Pagination::List, TypeRef::List(item), Some(params)) => {
            format!("{runtime}::ListRequest<'_, client::{params}, {}>", rust_type(item))
        }
        (Pagination::Search, TypeRef::SearchList(item), Some(params)) => {
            format!("{runtime}::SearchRequest<'_, client::{params}, {}>", rust_type(item))
        }
        (Pagination::NextPageUrl, TypeRef::V2List(item), params) => {
            let params = params.as_ref().map_or_else(|| "()".to_owned(), |p| format!("client::{p}"));
            format!("{runtime}::V2ListRequest<'_, {params}, {}>", rust_type(item))
        }
        (_, TypeRef::Binary, _) => format!("{runtime}::Request<'_, Vec<u8>>"),
        (_, response, _) => format!("{runtime}::Request<'_, {}>", rust_type(response)),
    };
    let _ = writeln!(
        out,
        "pub fn operation_{index}(stripe: &{runtime}::Client) {{\n    let _: {returns} = stripe{accessors}.{}({});\n}}\n",
        op.method_name,
        args.join(", ")
    );
}

fn field_type(field: &Field) -> String {
    let mut ty = rust_type(&field.ty);
    if field.boxed {
        ty = format!("Box<{ty}>");
    }
    if field.optional() && !field.flatten {
        ty = format!("Option<{ty}>");
    }
    ty
}

fn rust_type(ty: &TypeRef) -> String {
    let runtime = "client::stripe_client_runtime";
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Integer => "i64".into(),
        TypeRef::Number => "f64".into(),
        TypeRef::Boolean => "bool".into(),
        TypeRef::Timestamp => format!("{runtime}::Timestamp"),
        TypeRef::Decimal => format!("{runtime}::Decimal"),
        TypeRef::Binary => format!("{runtime}::FileUpload"),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Named(name) => format!("client::{name}"),
        TypeRef::Vec(inner) => format!("Vec<{}>", rust_type(inner)),
        TypeRef::Map(inner) => format!("std::collections::BTreeMap<String, {}>", rust_type(inner)),
        TypeRef::Expandable(inner) => format!("{runtime}::Expandable<{}>", rust_type(inner)),
        TypeRef::Clearable(inner) => format!("{runtime}::Clearable<{}>", rust_type(inner)),
        TypeRef::List(inner) => format!("{runtime}::List<{}>", rust_type(inner)),
        TypeRef::SearchList(inner) => format!("{runtime}::SearchList<{}>", rust_type(inner)),
        TypeRef::V2List(inner) => format!("{runtime}::V2List<{}>", rust_type(inner)),
    }
}
