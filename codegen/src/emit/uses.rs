//! What a file refers to, so it can `use` exactly that.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;

/// The names a file uses from elsewhere.
#[derive(Default)]
pub(crate) struct Uses {
    /// Generated types defined in other files.
    pub(crate) generated: BTreeSet<String>,
    /// Items of the hand-written runtime.
    pub(crate) runtime: BTreeSet<&'static str>,
    /// Whether `std::collections::BTreeMap` is used.
    pub(crate) btree_map: bool,
    /// Whether serde's `Serialize` is used.
    pub(crate) serialize: bool,
    /// Whether serde's `Deserialize` is used.
    pub(crate) deserialize: bool,
    /// Whether `std::fmt` is used.
    pub(crate) fmt: bool,
}

impl Uses {
    /// The `use` items; `generated_root` reaches the generated module from this file.
    pub(crate) fn tokens(&self, runtime: &TokenStream, generated_root: &TokenStream) -> TokenStream {
        let mut out = TokenStream::new();
        if self.btree_map {
            out.extend(quote! { use std::collections::BTreeMap; });
        }
        if self.fmt {
            out.extend(quote! { use std::fmt; });
        }
        match (self.serialize, self.deserialize) {
            (true, true) => out.extend(quote! { use serde::{Deserialize, Serialize}; }),
            (true, false) => out.extend(quote! { use serde::Serialize; }),
            (false, true) => out.extend(quote! { use serde::Deserialize; }),
            (false, false) => {}
        }
        if !self.runtime.is_empty() {
            let items = self.runtime.iter().map(|i| ident(i));
            out.extend(quote! { use #runtime::{#(#items),*}; });
        }
        if !self.generated.is_empty() {
            let items = self.generated.iter().map(|i| ident(i));
            out.extend(quote! { use #generated_root::{#(#items),*}; });
        }
        out
    }
}
