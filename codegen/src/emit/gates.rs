//! `#[cfg(...)]` attributes for what only some cargo features compile.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{FeatureSet, Gate};

/// The attribute that compiles an item only when `gate` is open; nothing for an ungated item.
pub(crate) fn cfg(gate: Option<&Gate>) -> TokenStream {
    match gate {
        Some(gate) => cfg_any_of(std::slice::from_ref(gate)),
        None => TokenStream::new(),
    }
}

/// The attribute that compiles an item when any of `gates` is open.
pub(crate) fn cfg_any_of(gates: &[Gate]) -> TokenStream {
    // Gates of one set each are one set together.
    if gates.iter().all(|g| g.0.len() == 1) {
        let union: FeatureSet = gates.iter().flat_map(Gate::features).collect();
        if union.is_empty() {
            return TokenStream::new();
        }
        let one = any(&union);
        return quote! { #[cfg(#one)] };
    }
    let predicates: Vec<TokenStream> = gates.iter().filter_map(predicate).collect();
    match predicates.as_slice() {
        [] => TokenStream::new(),
        [one] => quote! { #[cfg(#one)] },
        many => quote! { #[cfg(any(#(#many),*))] },
    }
}

/// The attribute that compiles an item only when `gate` is closed; `None` for no gate.
pub(crate) fn cfg_not(gate: Option<&Gate>) -> Option<TokenStream> {
    let predicate = predicate(gate?)?;
    Some(quote! { #[cfg(not(#predicate))] })
}

fn predicate(gate: &Gate) -> Option<TokenStream> {
    match gate.0.as_slice() {
        [] => None,
        [one] => Some(any(one)),
        many => {
            let parts = many.iter().map(any);
            Some(quote! { all(#(#parts),*) })
        }
    }
}

/// `feature = "a"`, or `any(feature = "a", feature = "b")`.
fn any(set: &FeatureSet) -> TokenStream {
    match set.iter().collect::<Vec<_>>().as_slice() {
        [one] => quote! { feature = #one },
        all => quote! { any(#(feature = #all),*) },
    }
}

/// [`cfg`] as attributes to put on a syntax tree.
pub(crate) fn cfg_attributes(gate: Option<&Gate>) -> Vec<syn::Attribute> {
    use syn::parse::Parser;
    // `cfg` always spells attributes: parsing them back cannot fail.
    syn::Attribute::parse_outer.parse2(cfg(gate)).unwrap_or_default()
}
