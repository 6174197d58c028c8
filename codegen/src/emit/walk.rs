//! How a struct serializes and prints: its walk of fields through the runtime's `WalkFields`.

use quote::quote;
use syn::{ImplItem, Item};

use super::gates::cfg_attributes;
use super::structs::TypedField;
use super::syntax::{ident, macro_item, self_field_reference, visit_statement};
use super::templates::Template;
use super::uses::Uses;
use crate::ir::{Direction, StructDef, TypeRef};

/// The skeleton of [`walk_items`].
static WALK: Template = Template::new("walk", || {
    quote! {
        impl WalkFields for __Type {
            const NAME: &'static str = "__Type";
            fn walk_fields<V: FieldVisitor>(&self, visit: &mut V) {}
        }
    }
});

/// Where a struct that notes absent fields tells them.
static RECORDED_ABSENCES: Template = Template::new("recorded_absences", || {
    quote! {
        impl WalkFields for __Type {
            fn recorded_absences(&self) -> &[&'static str] {
                self.__absent.fields()
            }
        }
    }
});

/// `Serialize` and `Debug` through the runtime's `WalkFields`: one call per field, keyed by its
/// wire name, where serde's derive writes a count and a branch per field (see the runtime's
/// `fields` module for why). Credentials go through `Secret`, which `Debug` prints redacted.
pub(super) fn walk_items(def: &StructDef, fields: &[TypedField<'_>], uses: &mut Uses) -> Result<Vec<Item>, syn::Error> {
    uses.imports.runtime.extend(["WalkFields", "FieldVisitor", "walk_fields_impls"]);
    let mut secrets = fields.iter().filter(|t| t.field.secret).peekable();
    if secrets.peek().is_some() {
        // A secret that only some features compile may leave `Secret` unused without them.
        uses.runtime_item("Secret", secrets.all(|t| t.gate.is_some()));
    }
    let name = ident(&def.name);
    let mut visits = Vec::with_capacity(fields.len());
    for &TypedField { field, gate, .. } in fields {
        // A flattened map has no key of its own on the wire; `Debug` shows it under its field's name.
        let key = if field.flatten { field.ident.trim_start_matches("r#") } else { &field.wire_name };
        let attrs = cfg_attributes(gate);
        let value = match (field.secret, field.optional()) {
            (false, _) => self_field_reference(ident(&field.ident)),
            (true, optional) => {
                let ident = ident(&field.ident);
                let secret = if optional {
                    quote! { &self.#ident.as_ref().map(Secret) }
                } else {
                    quote! { &Secret(&self.#ident) }
                };
                syn::parse2(secret)?
            }
        };
        let method = if field.flatten {
            "flatten"
        } else if def.direction == Direction::Request && field.ty == TypeRef::Binary {
            // Files travel as multipart parts, not as fields.
            "unsent"
        } else if field.optional() && (def.direction == Direction::Request || !field.required) {
            "optional"
        } else {
            // A response's required field that may be null is written as `null`, as Stripe sends it.
            "field"
        };
        visits.push(visit_statement(attrs, method, key, value));
    }
    // The skeleton is a template; the steps, one per field, are built as syntax.
    let mut walk_impl = WALK.impl_for(&def.name)?;
    let Some(ImplItem::Fn(walk)) = walk_impl.items.last_mut() else {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            "the skeleton of a `WalkFields` impl changed shape",
        ));
    };
    walk.block.stmts = visits;
    if fields.iter().all(|t| t.gate.is_some()) {
        // With none of the fields' features on, the walk has no step and `visit` goes unused.
        walk.attrs.push(syn::parse_quote! { #[allow(unused_variables)] });
    }
    if def.notes_absences() {
        walk_impl.items.extend(RECORDED_ABSENCES.impl_for(&def.name)?.items);
    }
    Ok(vec![Item::Impl(walk_impl), macro_item("walk_fields_impls", quote! { #name })])
}
