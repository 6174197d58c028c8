//! `#[cfg(...)]` attributes for what only some cargo features compile.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{FeatureSet, Gate};

/// The attribute that compiles an item only when `gate` is open; nothing for an ungated item.
pub(crate) fn cfg(gate: Option<&Gate>) -> TokenStream {
    let Some(gate) = gate else { return TokenStream::new() };
    let any = |set: &FeatureSet| {
        let features = set.iter();
        quote! { any(#(feature = #features),*) }
    };
    match gate.0.as_slice() {
        [] => TokenStream::new(),
        [one] => {
            let any = any(one);
            quote! { #[cfg(#any)] }
        }
        many => {
            let parts = many.iter().map(any);
            quote! { #[cfg(all(#(#parts),*))] }
        }
    }
}

/// [`cfg`] as attributes to put on a syntax tree.
pub(crate) fn cfg_attributes(gate: Option<&Gate>) -> Vec<syn::Attribute> {
    use syn::parse::Parser;
    // `cfg` always spells attributes: parsing them back cannot fail.
    syn::Attribute::parse_outer.parse2(cfg(gate)).unwrap_or_default()
}
