//! What a file refers to, so it can `use` exactly that.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::gates::cfg_any_of;
use super::syntax::ident;
use crate::ir::Gate;

/// The names a file uses from elsewhere.
#[derive(Default)]
pub(crate) struct Uses {
    /// Generated types defined in other files.
    pub(crate) generated: BTreeSet<String>,
    /// Generated types defined in other files that only items under gates use, with those gates.
    pub(crate) gated: BTreeMap<String, Vec<Gate>>,
    /// Runtime items that only items under a gate use: imported whether or not the gate is open.
    pub(crate) gated_runtime: BTreeSet<&'static str>,
    /// Whether only items under a gate use `BTreeMap`.
    pub(crate) gated_btree_map: bool,
    /// Whether only items under a gate use serde's `Serialize`.
    pub(crate) gated_serialize: bool,
    /// Whether only items under a gate use serde's `Deserialize`.
    pub(crate) gated_deserialize: bool,
    /// Whether only items under a gate use `std::fmt`.
    pub(crate) gated_fmt: bool,
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
        out.extend(serde_use(self.serialize, self.deserialize));
        // What only gated items use is there to use when their gate is open, unused otherwise.
        if self.gated_fmt && !self.fmt {
            out.extend(quote! { #[allow(unused_imports)] use std::fmt; });
        }
        let gated_serde =
            serde_use(self.gated_serialize && !self.serialize, self.gated_deserialize && !self.deserialize);
        if !gated_serde.is_empty() {
            out.extend(quote! { #[allow(unused_imports)] #gated_serde });
        }
        if !self.runtime.is_empty() {
            let items = self.runtime.iter().map(|i| ident(i));
            out.extend(quote! { use #runtime::{#(#items),*}; });
        }
        if self.gated_btree_map && !self.btree_map {
            out.extend(quote! { #[allow(unused_imports)] use std::collections::BTreeMap; });
        }
        let gated_runtime: Vec<_> = self.gated_runtime.difference(&self.runtime).map(|i| ident(i)).collect();
        if !gated_runtime.is_empty() {
            out.extend(quote! { #[allow(unused_imports)] use #runtime::{#(#gated_runtime),*}; });
        }
        if !self.generated.is_empty() {
            let items = self.generated.iter().map(|i| ident(i));
            out.extend(quote! { use #generated_root::{#(#items),*}; });
        }
        for (name, gates) in self.gated.iter().filter(|(name, _)| !self.generated.contains(*name)) {
            let (cfg, name) = (cfg_any_of(gates), ident(name));
            out.extend(quote! { #cfg use #generated_root::#name; });
        }
        out
    }

    /// What uses one generated type.
    pub(crate) fn with_generated(name: &str) -> Uses {
        Uses { generated: BTreeSet::from([name.to_owned()]), ..Uses::default() }
    }

    /// Takes in what an item under `gate` used: its generated types are imported under the gate.
    pub(crate) fn absorb_gated(&mut self, used: Uses, gate: &Gate) {
        // What was already under a gate of its own inside the item needs both.
        let both = |inner: Gate| Gate(gate.0.iter().chain(&inner.0).cloned().collect());
        let nested = used.gated.into_iter().map(|(name, gates)| (name, gates.into_iter().map(both).collect()));
        let names = used.generated.into_iter().map(|name| (name, vec![gate.clone()]));
        for (name, gates) in names.chain(nested) {
            let known = self.gated.entry(name).or_default();
            for gate in gates {
                if !known.contains(&gate) {
                    known.push(gate);
                }
            }
        }
        self.gated_runtime.extend(used.runtime);
        self.gated_runtime.extend(used.gated_runtime);
        self.gated_btree_map |= used.btree_map || used.gated_btree_map;
        self.gated_serialize |= used.serialize || used.gated_serialize;
        self.gated_deserialize |= used.deserialize || used.gated_deserialize;
        self.gated_fmt |= used.fmt || used.gated_fmt;
    }
}

/// `use serde::{..};` for the derives a file uses.
fn serde_use(serialize: bool, deserialize: bool) -> TokenStream {
    match (serialize, deserialize) {
        (true, true) => quote! { use serde::{Deserialize, Serialize}; },
        (true, false) => quote! { use serde::Serialize; },
        (false, true) => quote! { use serde::Deserialize; },
        (false, false) => TokenStream::new(),
    }
}
