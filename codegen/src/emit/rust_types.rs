//! The Rust types of the IR's type references, as fields, setters and variants hold them.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
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

/// A reference's type as a reader writes it (`Option<Vec<String>>`): the type emit prints, for
/// the API surface and the spec diff.
pub(crate) fn type_text(ty: &TypeRef) -> String {
    syntax_text(&rust_type(ty, &[], &mut Uses::default()))
}

/// A field's full type as a reader writes it, boxed and optional as emit prints it.
pub(crate) fn field_type_text(field: &Field) -> String {
    syntax_text(&field_type(field, &[], &mut Uses::default()))
}

/// The type a setter or constructor takes for a value of `ty`, as a reader writes it.
pub(crate) fn argument_type_text(ty: &TypeRef) -> String {
    syntax_text(&setter_type(ty, &[], &mut Uses::default()))
}

/// Tokens written as rustfmt spaces a type: a space between words and after commas, none around
/// `<`, `>`, `::` and `&`.
pub(crate) fn syntax_text(tokens: &impl ToTokens) -> String {
    fn push(tokens: TokenStream, out: &mut String) {
        for tree in tokens {
            match tree {
                TokenTree::Ident(ident) => {
                    if out.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                        out.push(' ');
                    }
                    out.push_str(&ident.to_string());
                }
                TokenTree::Punct(punct) => {
                    out.push(punct.as_char());
                    if punct.as_char() == ',' {
                        out.push(' ');
                    }
                }
                TokenTree::Literal(literal) => out.push_str(&literal.to_string()),
                TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::Brace => ("{", "}"),
                        Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    push(group.stream(), out);
                    out.push_str(close);
                }
            }
        }
    }
    let mut out = String::new();
    push(tokens.to_token_stream(), &mut out);
    out
}
