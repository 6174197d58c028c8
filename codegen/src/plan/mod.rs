//! What is decided between lowering and emitting, in one place: which items compile under which
//! cargo features (the gates), and for a split output which crate each file goes to. Emit only
//! spells these decisions.

mod crates;

use std::collections::{BTreeMap, BTreeSet};

pub(crate) use crates::{Crate, Placement};

use crate::error::Error;
use crate::ir::{types_by_module, Api, Gates, Module, TypeDef};
use crate::settings::{Packaging, Runtime, Settings};

/// The decisions emit follows.
pub(crate) struct Plan {
    /// The API's gates when resources compile under features of their own, else none.
    pub(crate) gates: Gates,
    /// For a split output, which crate each file under `api/` goes to.
    pub(crate) placement: Option<Placement>,
}

/// Decides the gates and the placement `settings` ask for.
pub(crate) fn plan(api: &Api, settings: &Settings) -> Result<Plan, Error> {
    let gates = if settings.resource_features { crate::lower::gates(api) } else { Gates::default() };
    let placement = match &settings.packaging {
        Packaging::Crates(_) if settings.runtime == Runtime::InCrate => {
            return Err(Error::Emit {
                file: "settings".into(),
                message: "a split output needs the runtime in a crate of its own".into(),
            });
        }
        Packaging::Crates(split) => {
            let weights = service_file_weights(api);
            let modules: Vec<String> = weights.keys().cloned().collect();
            Some(Placement::new(api, split, &modules, |m| weights.get(m).copied().unwrap_or_default()))
        }
        Packaging::Modules => None,
    };
    Ok(Plan { gates, placement })
}

/// Every file under `api/`, with roughly how much code it holds ([`file_weight`]).
fn service_file_weights(api: &Api) -> BTreeMap<String, usize> {
    let mut operations: BTreeMap<String, usize> = BTreeMap::new();
    for op in &api.operations {
        if let Some(module) = api.services.get(&op.service_path()).and_then(|names| names.module.clone()) {
            *operations.entry(module).or_default() += 1;
        }
    }
    let mut types: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
    for (module, held) in types_by_module(api) {
        if let Module::Api(name) = module {
            types.insert(name.clone(), held);
        }
    }
    let modules: BTreeSet<&String> = operations.keys().chain(types.keys()).collect();
    let weigh =
        |m: &String| file_weight(types.get(m).into_iter().flatten().copied(), operations.get(m).copied().unwrap_or(0));
    modules.into_iter().map(|m| (m.clone(), weigh(m))).collect()
}

/// Roughly how much code a file emits: its types' fields and variants, and ten lines an operation.
pub(crate) fn file_weight<'t>(types: impl IntoIterator<Item = &'t TypeDef>, operations: usize) -> usize {
    let types: usize = types
        .into_iter()
        .map(|ty| match ty {
            TypeDef::Struct(s) => s.fields.len() + 1,
            TypeDef::Enum(e) => e.variants.len() + 1,
            TypeDef::Union(u) => u.variants.len() + 1,
        })
        .sum();
    types + 10 * operations
}
