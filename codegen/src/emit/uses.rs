//! What a file refers to, so it can `use` exactly that.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::gates::cfg_any_of;
use super::syntax::ident;
use crate::ir::Gate;

/// Std, serde and runtime items a file imports by name.
#[derive(Default)]
pub(crate) struct Imports {
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

impl Imports {
    /// The `use` items, in a fixed order.
    fn tokens(&self, runtime: &TokenStream) -> Vec<TokenStream> {
        let mut out = Vec::new();
        if self.btree_map {
            out.push(quote! { use std::collections::BTreeMap; });
        }
        if self.fmt {
            out.push(quote! { use std::fmt; });
        }
        out.extend(serde_use(self.serialize, self.deserialize));
        if !self.runtime.is_empty() {
            let items = self.runtime.iter().map(|i| ident(i));
            out.push(quote! { use #runtime::{#(#items),*}; });
        }
        out
    }

    /// What this imports that `other` does not.
    fn without(&self, other: &Imports) -> Imports {
        Imports {
            runtime: self.runtime.difference(&other.runtime).copied().collect(),
            btree_map: self.btree_map && !other.btree_map,
            serialize: self.serialize && !other.serialize,
            deserialize: self.deserialize && !other.deserialize,
            fmt: self.fmt && !other.fmt,
        }
    }

    /// Adds what `other` imports.
    fn absorb(&mut self, other: Imports) {
        self.runtime.extend(other.runtime);
        self.btree_map |= other.btree_map;
        self.serialize |= other.serialize;
        self.deserialize |= other.deserialize;
        self.fmt |= other.fmt;
    }
}

/// The names a file uses from elsewhere.
#[derive(Default)]
pub(crate) struct Uses {
    /// Generated types defined in other files.
    pub(crate) generated: BTreeSet<String>,
    /// Generated types defined in other files that only items under gates use, with those gates.
    pub(crate) gated: BTreeMap<String, Vec<Gate>>,
    /// Std, serde and runtime items.
    pub(crate) imports: Imports,
    /// Std, serde and runtime items that only items under a gate use: imported whether or not the
    /// gate is open.
    pub(crate) gated_imports: Imports,
}

impl Uses {
    /// Notes a runtime item; `only_gated` when every item using it is under a gate, so that the
    /// import is kept (and allowed unused) whether or not the gate is open.
    pub(crate) fn runtime_item(&mut self, item: &'static str, only_gated: bool) {
        if only_gated {
            self.gated_imports.runtime.insert(item);
        } else {
            self.imports.runtime.insert(item);
        }
    }

    /// The `use` items; `generated_root` reaches the generated module from this file.
    pub(crate) fn tokens(&self, runtime: &TokenStream, generated_root: &TokenStream) -> TokenStream {
        let mut out = TokenStream::new();
        out.extend(self.imports.tokens(runtime));
        // What only gated items use is there to use when their gate is open, unused otherwise.
        for item in self.gated_imports.without(&self.imports).tokens(runtime) {
            out.extend(quote! { #[allow(unused_imports)] #item });
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
        self.gated_imports.absorb(used.imports);
        self.gated_imports.absorb(used.gated_imports);
    }
}

/// `use serde::{..};` for the derives a file uses.
fn serde_use(serialize: bool, deserialize: bool) -> Option<TokenStream> {
    match (serialize, deserialize) {
        (true, true) => Some(quote! { use serde::{Deserialize, Serialize}; }),
        (true, false) => Some(quote! { use serde::Serialize; }),
        (false, true) => Some(quote! { use serde::Deserialize; }),
        (false, false) => None,
    }
}
