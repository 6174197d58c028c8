//! Unions: serialized as their variant, decoded by the `object` tag or by shape.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Item;

use super::docs::doc;
use super::rust_types::rust_type;
use super::syntax::{ident, items, path_type};
use super::uses::Uses;
use crate::ir::{Direction, TypeRef, UnionDef, UnionVariant};

/// What a union variant holds, in words.
fn variant_doc(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => format!("A [`{name}`]."),
        TypeRef::String => "A string.".into(),
        TypeRef::Integer => "An integer.".into(),
        TypeRef::Number => "A number.".into(),
        TypeRef::Boolean => "A boolean.".into(),
        TypeRef::Timestamp => "A Unix timestamp.".into(),
        TypeRef::Decimal => "A decimal.".into(),
        TypeRef::Vec(_) => "A list.".into(),
        TypeRef::Map(_) => "A map.".into(),
        _ => "Another shape of the value.".into(),
    }
}

/// `Deserialize` by the `object` tag: each tag's variants in order (the first one's error stands
/// when none fits), any other tag an error that lists the known ones. Where a tag has a live and a
/// deleted form, the object's `deleted` flag picks between them: a deleted stub must never pass
/// for the live object, nor the other way round.
fn decode_by_object(def: &UnionDef, uses: &mut Uses) -> TokenStream {
    uses.imports.runtime.extend(["DecodeByObject", "decode_by_object_impls", "decode_value"]);
    let name = ident(&def.name);
    let name_text = &def.name;
    let mut tags: Vec<&str> = Vec::new();
    for tag in def.variants.iter().filter_map(|v| v.object_tag.as_deref()) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut arms = Vec::new();
    for tag in &tags {
        let of_tag: Vec<&UnionVariant> =
            def.variants.iter().filter(|v| v.object_tag.as_deref() == Some(*tag)).collect();
        let (deleted, live): (Vec<&UnionVariant>, Vec<&UnionVariant>) = of_tag.iter().partition(|v| v.deleted_form);
        if deleted.is_empty() || live.is_empty() {
            let attempts = attempts(&of_tag);
            arms.push(quote! { #tag => #attempts, });
        } else {
            uses.imports.runtime.insert("is_deleted_form");
            let (deleted, live) = (attempts(&deleted), attempts(&live));
            arms.push(quote! {
                #tag if is_deleted_form(value) => #deleted,
                #tag => #live,
            });
        }
    }
    quote! {
        impl DecodeByObject for #name {
            const NAME: &'static str = #name_text;
            const TAGS: &'static [&'static str] = &[#(#tags),*];

            fn variant(tag: &str, value: &serde_json::Value) -> Option<Result<Self, String>> {
                Some(match tag {
                    #(#arms)*
                    _ => return None,
                })
            }
        }

        decode_by_object_impls!(#name);
    }
}

/// Decoding `value` as each of `variants` in turn, until one fits; when none does, the first
/// one's error, which is the one that explains.
fn attempts(variants: &[&UnionVariant]) -> TokenStream {
    let mut attempts = variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let wrap = if v.boxed {
            quote! { |v| Self::#variant(Box::new(v)) }
        } else {
            quote! { Self::#variant }
        };
        quote! { decode_value(value).map(#wrap) }
    });
    let first = attempts.next();
    let rest = attempts.map(|attempt| quote! { .or_else(|first| #attempt.map_err(|_| first)) });
    quote! { #first #(#rest)* }
}

/// A union: serialized as its variant; decoded by the `object` tag when its variants have one,
/// otherwise as the first variant whose shape matches.
pub(crate) fn union_items(
    def: &UnionDef,
    module_types: &[String],
    uses: &mut Uses,
    objects: &std::collections::BTreeSet<String>,
) -> Result<Vec<Item>, syn::Error> {
    let by_object = def.variants.iter().all(|v| v.object_tag.is_some());
    uses.imports.serialize = true;
    uses.imports.deserialize |= def.direction == Direction::Response && !by_object;
    let name = ident(&def.name);
    let docs = doc(def.doc.as_deref());
    let variants = def.variants.iter().map(|v| {
        let ident = ident(&v.ident);
        let mut ty = rust_type(&v.ty, module_types, uses);
        if v.boxed {
            ty = path_type(&["Box"], vec![ty]);
        }
        let text = doc(Some(&variant_doc(&v.ty)));
        quote! { #text #ident(#ty), }
    });
    let derive = if def.direction == Direction::Response && !by_object {
        quote! { #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)] }
    } else {
        quote! { #[derive(Clone, Debug, PartialEq, Serialize)] }
    };
    let mut out = quote! {
        #docs
        #derive
        #[serde(untagged)]
        pub enum #name { #(#variants)* }
    };
    if by_object {
        out.extend(decode_by_object(def, uses));
    }
    let mut out = items(out)?;
    out.extend(super::fixtures::union_fixture(def, uses)?);
    if objects.contains(&def.name) {
        uses.imports.runtime.insert("Object");
        let idents = def.variants.iter().map(|v| ident(&v.ident));
        out.extend(items(quote! {
            impl Object for #name {
                fn id(&self) -> Option<&str> {
                    match self { #( Self::#idents(object) => object.id(), )* }
                }
                fn object_name() -> Option<&'static str> { None }
            }
        })?);
    }
    Ok(out)
}
