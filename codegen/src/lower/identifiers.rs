//! The last check before emitting: every name the IR hands the emitter is a Rust identifier.
//!
//! The naming functions are total, so this only fails on a generator bug or on a name given by
//! hand (`names.yaml`); either way the error names the place instead of a panic while emitting.

use crate::error::Error;
use crate::ir::{Api, TypeDef};
use crate::names::is_identifier;

/// Fails on the first name that is not an identifier, naming where it comes from.
pub(crate) fn check(api: &Api) -> Result<(), Error> {
    let bad = |pointer: &str, name: &str| Error::BadName { pointer: pointer.to_owned(), name: name.to_owned() };
    let module_ok = |module: &str| is_identifier(module) && !module.starts_with("r#");
    for ty in &api.types {
        let (pointer, names): (&str, Vec<&str>) = match ty {
            TypeDef::Struct(s) => (&s.pointer, s.fields.iter().map(|f| f.ident.as_str()).collect()),
            TypeDef::Enum(e) => (&e.pointer, e.variants.iter().map(|v| v.ident.as_str()).collect()),
            TypeDef::Union(u) => (&u.pointer, u.variants.iter().map(|v| v.ident.as_str()).collect()),
        };
        if !is_identifier(ty.name()) || ty.name().starts_with("r#") {
            return Err(bad(pointer, ty.name()));
        }
        if !module_ok(ty.module().name()) {
            return Err(bad(pointer, ty.module().name()));
        }
        if let Some(name) = names.into_iter().find(|n| !is_identifier(n)) {
            return Err(bad(pointer, name));
        }
    }
    for op in &api.operations {
        let names = std::iter::once(op.method_name.as_str()).chain(op.path_params.iter().map(|p| p.ident.as_str()));
        if let Some(name) = names.into_iter().find(|n| !is_identifier(n)) {
            return Err(bad(&op.pointer, name));
        }
    }
    for (path, names) in &api.services {
        let module_bad = names.module.as_deref().is_some_and(|m| !module_ok(m));
        if !is_identifier(&names.struct_name) || !is_identifier(&names.accessor) || module_bad {
            return Err(bad(&format!("/paths (the `{}` service)", path.join(".")), &names.struct_name));
        }
    }
    Ok(())
}
