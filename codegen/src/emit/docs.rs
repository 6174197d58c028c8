//! Doc comments as tokens, for items still written with `quote!`; the lines themselves come from
//! [`doc_attrs`], which the syntax trees use directly.

use proc_macro2::TokenStream;
use quote::quote;
use syn::AttrStyle;

use super::syntax::doc_attrs;

/// `#[doc = "..."]` attributes, one per line, for optional Markdown.
pub(crate) fn doc(text: Option<&str>) -> TokenStream {
    let attrs = doc_attrs(text);
    quote! { #(#attrs)* }
}

/// `#![doc = "..."]` attributes for a module.
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    let attrs = doc_attrs(Some(text)).into_iter().map(|mut attr| {
        attr.style = AttrStyle::Inner(Default::default());
        attr
    });
    quote! { #(#attrs)* }
}
