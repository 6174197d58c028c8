//! The intermediate representation: what to generate, with every Stripe idiom already decided and
//! nothing said about syntax.

mod gates;
mod operations;
pub mod root_names;
mod types;

use std::collections::{BTreeMap, BTreeSet};

pub use gates::*;
pub use operations::*;
pub use types::*;

/// Everything generated from one description.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Api {
    /// `info.version`, sent as `Stripe-Version`.
    pub version: String,
    /// Type definitions, in a deterministic order (spec order of first use).
    pub types: Vec<TypeDef>,
    /// Operations in spec order.
    pub operations: Vec<Operation>,
    /// The Rust names of every node of the service tree (`["climate"]`, `["climate", "orders"]`).
    pub services: Services,
    /// The types that implement the runtime's `Object`: they have an `id` to page by.
    pub objects: BTreeSet<String>,
    /// The resources a webhook event's `data.object` can be, each a variant of `EventObject`.
    pub event_resources: Vec<EventResource>,
}

/// A resource a webhook event can carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventResource {
    /// The `object` value that names it (`climate.order`).
    pub object: String,
    /// Its type (`ClimateOrder`).
    pub type_name: String,
    /// Its variant of `EventObject`.
    pub variant: String,
    /// The deleted form of the object (`{"id", "object", "deleted": true}`), read by the same
    /// `object` value when the object says it is deleted.
    pub deleted: bool,
}

/// The Rust names of every node of the service tree, by its path.
pub type Services = BTreeMap<Vec<String>, ServiceNames>;

/// The Rust names of a namespace or service (`client.climate().orders()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceNames {
    /// The struct (`ClimateOrdersApi`).
    pub struct_name: String,
    /// The method that opens it from its parent (`orders`).
    pub accessor: String,
    /// The file under `api/` holding its operations, when it has operations.
    pub module: Option<String>,
}

/// Where a type is emitted: the file (module) it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Module {
    /// A file at the top of the generated tree (`climate_order.rs`): a component schema's types.
    Model(String),
    /// A file under `api/` (`api/climate_orders.rs`): a service's operations and parameters, or
    /// the inline types of an operation's response.
    Api(String),
}

impl Module {
    /// The module's own name (`climate_order`).
    pub fn name(&self) -> &str {
        match self {
            Module::Model(name) | Module::Api(name) => name,
        }
    }
}

impl std::fmt::Display for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Module::Model(name) => f.write_str(name),
            Module::Api(name) => write!(f, "api::{name}"),
        }
    }
}

/// Types grouped by module, in a deterministic order.
pub fn types_by_module(api: &Api) -> BTreeMap<&Module, Vec<&TypeDef>> {
    let mut modules: BTreeMap<&Module, Vec<&TypeDef>> = BTreeMap::new();
    for ty in &api.types {
        modules.entry(ty.module()).or_default().push(ty);
    }
    modules
}
