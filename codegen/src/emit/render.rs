//! A file's text: the items of its types, and the file rendered from its head and items.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;

use super::enums::enum_items;
use super::gates::cfg_attributes;
use super::spacing::space_items;
use super::structs::struct_items;
use super::syntax::fill_doc_lines;
use super::unions::union_items;
use super::uses::Uses;
use super::GeneratedFile;
use crate::error::Error;
use crate::guard;
use crate::ir::{Gates, TypeDef};

/// The items of `types`, each under its own gate when it compiles apart from its file.
pub(super) fn types_items(
    types: &[&TypeDef],
    names: &[String],
    uses: &mut Uses,
    objects: &BTreeSet<String>,
    gates: &Gates,
) -> Result<Vec<syn::Item>, syn::Error> {
    let mut out = Vec::new();
    for t in types {
        guard::at(t.pointer(), || -> Result<(), syn::Error> {
            // A type of a service's file that only some of its operations need has a gate of its own.
            let own = gates.own_type_gate(t);
            let mut used = Uses::default();
            let target = if own.is_some() { &mut used } else { &mut *uses };
            let mut made = match t {
                TypeDef::Struct(s) => struct_items(s, names, target, gates)?,
                TypeDef::Enum(e) => enum_items(e, target)?,
                TypeDef::Union(u) => union_items(u, names, target, objects)?,
            };
            if let Some(gate) = own {
                uses.absorb_gated(used, gate);
                for item in &mut made {
                    prepend_attributes(item, cfg_attributes(Some(gate)));
                }
            }
            out.extend(made);
            Ok(())
        })?;
    }
    Ok(out)
}

/// Puts `attrs` first on an item of the kinds generated files hold.
fn prepend_attributes(item: &mut syn::Item, attrs: Vec<syn::Attribute>) {
    let existing = match item {
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Macro(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        _ => return,
    };
    existing.splice(0..0, attrs);
}

/// The file whose head (inner docs and imports) `head` spells, followed by the `body` items.
pub(super) fn render(
    path: &str,
    head: TokenStream,
    body: Result<Vec<syn::Item>, syn::Error>,
) -> Result<GeneratedFile, Error> {
    let error = |e: syn::Error| Error::Emit { file: path.to_owned(), message: e.to_string() };
    let mut file: syn::File = syn::parse2(head).map_err(error)?;
    file.items.extend(body.map_err(error)?);
    let printed = fill_doc_lines(&prettyplease::unparse(&file));
    Ok(GeneratedFile { path: path.to_owned(), contents: space_items(&printed) })
}
