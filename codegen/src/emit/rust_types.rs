//! The Rust types of the IR's type references, as fields, setters and variants hold them.

use syn::Type;

use super::syntax::{impl_into, named_type, path_type};
use super::uses::Uses;
use crate::ir::{Field, TypeRef};

/// The Rust type for a reference, noting what it uses.
pub(crate) fn rust_type(ty: &TypeRef, module_types: &[String], uses: &mut Uses) -> Type {
    match ty {
        TypeRef::String => named_type("String"),
        TypeRef::Integer => named_type("i64"),
        TypeRef::Number => named_type("f64"),
        TypeRef::Boolean => named_type("bool"),
        TypeRef::Timestamp => runtime(uses, "Timestamp", Vec::new()),
        TypeRef::Decimal => runtime(uses, "Decimal", Vec::new()),
        TypeRef::Binary => runtime(uses, "FileUpload", Vec::new()),
        TypeRef::Json => path_type(&["serde_json", "Value"], Vec::new()),
        TypeRef::Named(name) => {
            if !module_types.contains(name) {
                uses.generated.insert(name.clone());
            }
            named_type(name)
        }
        TypeRef::Vec(inner) => path_type(&["Vec"], vec![rust_type(inner, module_types, uses)]),
        TypeRef::Map(inner) => {
            uses.imports.btree_map = true;
            path_type(&["BTreeMap"], vec![named_type("String"), rust_type(inner, module_types, uses)])
        }
        TypeRef::Expandable(inner) => wrap(uses, "Expandable", inner, module_types),
        TypeRef::Clearable(inner) => wrap(uses, "Clearable", inner, module_types),
        TypeRef::List(inner) => wrap(uses, "List", inner, module_types),
        TypeRef::SearchList(inner) => wrap(uses, "SearchList", inner, module_types),
        TypeRef::V2List(inner) => wrap(uses, "V2List", inner, module_types),
    }
}

fn runtime(uses: &mut Uses, item: &'static str, args: Vec<Type>) -> Type {
    uses.imports.runtime.insert(item);
    path_type(&[item], args)
}

fn wrap(uses: &mut Uses, wrapper: &'static str, inner: &TypeRef, module_types: &[String]) -> Type {
    let inner = rust_type(inner, module_types, uses);
    runtime(uses, wrapper, vec![inner])
}

/// A field's full type: boxed and optional as the IR says.
pub(super) fn field_type(field: &Field, module_types: &[String], uses: &mut Uses) -> Type {
    let mut ty = rust_type(&field.ty, module_types, uses);
    if field.boxed {
        ty = path_type(&["Box"], vec![ty]);
    }
    if field.optional() && !field.flatten {
        ty = path_type(&["Option"], vec![ty]);
    }
    ty
}

/// Whether a setter takes `impl Into<..>` of the field's type.
pub(super) fn converts(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::String | TypeRef::Clearable(_))
}

pub(super) fn setter_type(ty: &TypeRef, module_types: &[String], uses: &mut Uses) -> Type {
    match ty {
        TypeRef::String => impl_into(named_type("String")),
        TypeRef::Clearable(_) => impl_into(rust_type(ty, module_types, uses)),
        _ => rust_type(ty, module_types, uses),
    }
}
