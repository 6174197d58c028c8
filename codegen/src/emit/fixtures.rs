//! `Fixture` for response types, under the generated crate's `test-util` feature: a value to start
//! a user's test from, since `#[non_exhaustive]` structs have no literal outside their crate.

use proc_macro2::TokenStream;
use quote::quote;

use super::gates::cfg_attributes;
use super::syntax::ident;
use super::uses::Uses;
use crate::ir::{Direction, EnumDef, Gate, StructDef, TypeRef, UnionDef};

/// The cargo feature the impls compile under.
const FEATURE: &str = "test-util";

/// Every field from its own type's fixture; a resource's `object` field holds its object name, and
/// the `deleted` flag of a deleted form is `true`.
pub(super) fn struct_fixture<'a>(
    def: &StructDef,
    gates: impl Iterator<Item = Option<&'a Gate>>,
    uses: &mut Uses,
) -> TokenStream {
    if def.direction != Direction::Response {
        return TokenStream::new();
    }
    uses.runtime_item("Fixture", true);
    let fields = def.fields.iter().zip(gates).map(|(field, gate)| {
        let name = ident(&field.ident);
        let attrs = cfg_attributes(gate);
        let value = match &def.object_name {
            Some(object) if field.wire_name == "object" && field.ty == TypeRef::String && !field.optional() => {
                quote! { #object.to_owned() }
            }
            _ if field.wire_name == "deleted" && field.ty == TypeRef::Boolean && !field.optional() => quote! { true },
            _ => quote! { Fixture::fixture() },
        };
        quote! { #(#attrs)* #name: #value }
    });
    fixture_impl(&def.name, quote! { Self { #(#fields),* } })
}

/// The first known value, or an unknown empty one for an enum without values.
pub(super) fn enum_fixture(def: &EnumDef, uses: &mut Uses) -> TokenStream {
    uses.runtime_item("Fixture", true);
    let value = match def.variants.first() {
        Some(first) => {
            let variant = ident(&first.ident);
            quote! { Self::#variant }
        }
        None => quote! { Self::Unknown(String::new()) },
    };
    fixture_impl(&def.name, value)
}

/// The first variant, from its own type's fixture.
pub(super) fn union_fixture(def: &UnionDef, uses: &mut Uses) -> TokenStream {
    let Some(first) = def.variants.first().filter(|_| def.direction == Direction::Response) else {
        return TokenStream::new();
    };
    uses.runtime_item("Fixture", true);
    let variant = ident(&first.ident);
    fixture_impl(&def.name, quote! { Self::#variant(Fixture::fixture()) })
}

fn fixture_impl(name: &str, value: TokenStream) -> TokenStream {
    let name = ident(name);
    quote! {
        #[cfg(feature = #FEATURE)]
        impl Fixture for #name {
            fn fixture() -> Self { #value }
        }
    }
}
