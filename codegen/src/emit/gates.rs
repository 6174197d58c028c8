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
    match any_of(gates) {
        Some(predicate) => quote! { #[cfg(#predicate)] },
        None => TokenStream::new(),
    }
}

/// What `cfg` tests for any of `gates` to be open; `None` when nothing is gated.
fn any_of(gates: &[Gate]) -> Option<TokenStream> {
    // Gates of one set each are one set together.
    if gates.iter().all(|g| g.0.len() == 1) {
        let union: FeatureSet = gates.iter().flat_map(Gate::features).collect();
        return (!union.is_empty()).then(|| any(&union));
    }
    let predicates: Vec<TokenStream> = gates.iter().filter_map(predicate).collect();
    match predicates.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        many => Some(quote! { any(#(#many),*) }),
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

/// [`cfg`] as attributes to put on a syntax tree, built without parsing: gated fields are counted
/// in thousands.
pub(crate) fn cfg_attributes(gate: Option<&Gate>) -> Vec<syn::Attribute> {
    gate.and_then(|gate| any_of(std::slice::from_ref(gate)))
        .map(|p| super::syntax::list_attr("cfg", p))
        .into_iter()
        .collect()
}
