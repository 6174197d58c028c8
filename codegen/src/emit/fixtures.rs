//! `Fixture` for response types, under the generated crate's `test-util` feature: a value to start
//! a user's test from, since `#[non_exhaustive]` structs have no literal outside their crate.
//!
//! Built as syntax trees: every response type has one, so parsing them was a visible part of the
//! generator's time on Stripe's complete spec.

use quote::quote;
use syn::{Expr, FieldValue, Item, ItemImpl};

use super::decode::ABSENT_FIELD;
use super::gates::cfg_attributes;
use super::syntax::{
    bool_expr, call_with, field_value, function, ident, list_attr, method_call, named_type, path_expression,
    string_expr, struct_literal, tail, trait_impl,
};
use super::uses::Uses;
use crate::ir::{root_names, Direction, EnumDef, Gate, StructDef, TypeRef, UnionDef};

/// The cargo feature the impls compile under.
const FEATURE: &str = "test-util";

/// Every field from its own type's fixture; a resource's `object` field holds its object name, and
/// the `deleted` flag of a deleted form is `true`.
pub(super) fn struct_fixture<'a>(
    def: &StructDef,
    gates: impl Iterator<Item = Option<&'a Gate>>,
    uses: &mut Uses,
) -> Result<Option<Item>, syn::Error> {
    if def.direction != Direction::Response {
        return Ok(None);
    }
    uses.runtime_item("Fixture", true);
    let fields = def.fields.iter().zip(gates).map(|(field, gate)| {
        let value = match &def.object_name {
            Some(object) if field.wire_name == "object" && field.ty == TypeRef::String && !field.optional() => {
                method_call(string_expr(object), "to_owned")
            }
            _ if field.wire_name == "deleted" && field.ty == TypeRef::Boolean && !field.optional() => bool_expr(true),
            _ => fixture_call(),
        };
        field_value(cfg_attributes(gate), ident(&field.ident), value)
    });
    let mut fields: Vec<FieldValue> = fields.collect();
    if def.notes_absences() {
        // A fixture was not decoded: no field of it was left out.
        fields.push(field_value(Vec::new(), ident(ABSENT_FIELD), default_call()));
    }
    fixture_impl(&def.name, struct_literal("Self", fields)).map(Some)
}

/// The first known value, or an unknown empty one for an enum without values.
pub(super) fn enum_fixture(def: &EnumDef, uses: &mut Uses) -> Result<Item, syn::Error> {
    uses.runtime_item("Fixture", true);
    let value = match def.variants.first() {
        Some(first) => path_expression(&["Self", &first.ident]),
        None => call_with(
            path_expression(&["Self", root_names::UNKNOWN]),
            vec![call_with(path_expression(&["String", "new"]), Vec::new())],
        ),
    };
    fixture_impl(&def.name, value)
}

/// The first variant, from its own type's fixture.
pub(super) fn union_fixture(def: &UnionDef, uses: &mut Uses) -> Result<Option<Item>, syn::Error> {
    let Some(first) = def.variants.first().filter(|_| def.direction == Direction::Response) else {
        return Ok(None);
    };
    uses.runtime_item("Fixture", true);
    let value = call_with(path_expression(&["Self", &first.ident]), vec![fixture_call()]);
    fixture_impl(&def.name, value).map(Some)
}

/// `Default::default()`.
fn default_call() -> Expr {
    call_with(path_expression(&["Default", "default"]), Vec::new())
}

/// `Fixture::fixture()`.
fn fixture_call() -> Expr {
    call_with(path_expression(&["Fixture", "fixture"]), Vec::new())
}

/// `#[cfg(feature = "test-util")] impl Fixture for Name { fn fixture() -> Self { value } }`.
fn fixture_impl(name: &str, value: Expr) -> Result<Item, syn::Error> {
    let fixture = function(Vec::new(), false, ident("fixture"), Vec::new(), named_type("Self"), vec![tail(value)]);
    let mut item: ItemImpl = trait_impl(named_type("Fixture"), name, vec![fixture])?;
    item.attrs.push(list_attr("cfg", quote! { feature = #FEATURE }));
    Ok(Item::Impl(item))
}
