//! The public API surface of a generated client, one line per item, from the IR: what a reviewer
//! reads to see how a spec update changes the Rust API without reading code diffs.

use std::fmt::Write;

use crate::emit::{argument_type_text, field_type_text, type_text};
use crate::ir::{Api, Call, Direction, Field, Operation, ParamsIn, TypeDef};

/// Every type, field, variant, constructor and operation of `api`, one line each, in a stable
/// order: types by module then name, operations by service then method.
pub fn surface(api: &Api) -> String {
    let mut out = String::new();
    let mut types: Vec<&TypeDef> = api.types.iter().collect();
    types.sort_by(|a, b| (a.module(), a.name()).cmp(&(b.module(), b.name())));
    for ty in types {
        type_lines(ty, &mut out);
    }
    let mut operations: Vec<&Operation> = api.operations.iter().collect();
    operations.sort_by_key(|op| (op.service_path(), op.method_name.clone()));
    for op in operations {
        let _ = writeln!(out, "{}", operation_line(api, op));
    }
    out
}

fn type_lines(ty: &TypeDef, out: &mut String) {
    match ty {
        TypeDef::Struct(s) => {
            let kind = match s.direction {
                Direction::Request => "params",
                Direction::Response => "struct",
            };
            let _ = writeln!(out, "{kind} {} ({})", s.name, s.module);
            for field in &s.fields {
                let _ = writeln!(out, "  {}.{}: {}", s.name, field.ident, field_type(field));
            }
            let required: Vec<String> = s
                .fields
                .iter()
                .filter(|f| s.direction == Direction::Request && !f.optional() && !f.flatten)
                .map(|f| format!("{}: {}", f.ident, argument_type_text(&f.ty)))
                .collect();
            if !required.is_empty() {
                let _ = writeln!(out, "  {}::new({})", s.name, required.join(", "));
            }
        }
        TypeDef::Enum(e) => {
            let _ = writeln!(out, "enum {} ({})", e.name, e.module);
            for variant in &e.variants {
                let aliases: String = variant.aliases.iter().map(|a| format!(" | {a:?}")).collect();
                let _ = writeln!(out, "  {}::{} = {:?}{aliases}", e.name, variant.ident, variant.wire);
            }
            let _ = writeln!(out, "  {}::Unknown(String)", e.name);
        }
        TypeDef::Union(u) => {
            let _ = writeln!(out, "union {} ({})", u.name, u.module);
            for variant in &u.variants {
                let _ = writeln!(out, "  {}::{}({})", u.name, variant.ident, type_text(&variant.ty));
            }
        }
    }
}

/// How code reaches the operation, without its arguments: `client.climate().orders().create`.
pub(crate) fn call_path(api: &Api, op: &Operation) -> String {
    let path = op.service_path();
    let accessors: Vec<String> = (1..=path.len())
        .filter_map(|depth| api.services.get(&path[..depth]).map(|names| format!("{}()", names.accessor)))
        .collect();
    format!("client.{}.{}", accessors.join("."), op.method_name)
}

fn operation_line(api: &Api, op: &Operation) -> String {
    let mut args: Vec<String> = op.path_params.iter().map(|p| format!("{}: &str", p.ident)).collect();
    if let Some(params) = &op.params {
        args.push(format!("params: &{params}"));
    }
    let returns = match op.call() {
        Call::Pages { request, params, item } => {
            format!("{request}<{}, {}>", params.unwrap_or("()"), type_text(item))
        }
        Call::One { answer: Some(answer), .. } => format!("Request<{}>", type_text(answer)),
        Call::One { answer: None, .. } => "Request<Vec<u8>>".to_owned(),
    };
    let body = match op.params_in {
        ParamsIn::Multipart => " [multipart]",
        ParamsIn::V2 => " [json]",
        ParamsIn::Form | ParamsIn::Query => "",
    };
    let host = op.server.as_deref().map(|s| format!(" [on {s}]")).unwrap_or_default();
    format!("{}({}) -> {returns}{body}{host}", call_path(api, op), args.join(", "))
}

/// A field's type as emit declares it, and whether `Debug` hides it.
pub(crate) fn field_type(field: &Field) -> String {
    let mut ty = field_type_text(field);
    if field.secret {
        ty.push_str(" [redacted in Debug]");
    }
    ty
}
