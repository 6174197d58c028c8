//! The `mod.rs` of the models and which re-exports may go unused.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::inner_doc;
use super::gates::cfg;
use super::syntax::ident;
use crate::ir::{Gates, Module, Operation, TypeDef};

/// The files of [`Layout::maybe_empty`].
pub(super) fn maybe_empty(
    gates: &Gates,
    by_module: &BTreeMap<&Module, Vec<&TypeDef>>,
    services: &BTreeMap<String, (Vec<String>, Vec<&Operation>)>,
) -> BTreeSet<String> {
    by_module
        .iter()
        .filter(|(module, types)| {
            !services.contains_key(module.name()) && types.iter().all(|t| gates.own_type_gate(t).is_some())
        })
        .map(|(module, _)| module.name().to_owned())
        .collect()
}

/// The models' `mod.rs`, with the `api` module when the crate has files under `api/`.
pub(super) fn root_mod(
    gates: &Gates,
    model_modules: &[String],
    maybe_empty: &BTreeSet<String>,
    version: &str,
    api: bool,
) -> TokenStream {
    let gated = |m: &String| (cfg(gates.module(&Module::Model(m.clone()))), ident(m));
    let (cfgs, mods): (Vec<TokenStream>, Vec<_>) = model_modules.iter().map(gated).unzip();
    let allows = model_modules.iter().map(|m| allow_unused_if(maybe_empty.contains(m)));
    let doc = inner_doc("Types and operations generated from the API description.");
    let (api_mod, api_use) =
        if api { (quote! { pub mod api; }, quote! { pub use api::*; }) } else { Default::default() };
    quote! {
        #doc
        /// The API version the description is for: sent as `Stripe-Version` unless configured otherwise.
        pub const API_VERSION: &str = #version;
        #api_mod
        #(#cfgs mod #mods;)*
        #api_use
        #(#cfgs #allows pub use #mods::*;)*
    }
}

/// What lets the re-export of a file that may compile empty go unused.
pub(super) fn allow_unused_if(maybe_empty: bool) -> TokenStream {
    if maybe_empty {
        quote! { #[allow(unused_imports)] }
    } else {
        TokenStream::new()
    }
}
