//! What a generation run is told: where the runtime is, and the names `spec/names.yaml` gives.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The settings of one generation run.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Where the generated code finds the hand-written runtime.
    pub runtime: Runtime,
    /// Names chosen by hand.
    pub names: Names,
    /// Whether each resource compiles only under a cargo feature of its own (`customer`), with
    /// `full` for all: for standalone crates of Stripe's whole API. The crate's manifest declares
    /// the features [`crate::ir::Gates::features`] lists.
    pub resource_features: bool,
    /// How the generated files are packaged.
    pub packaging: Packaging,
}

/// How the generated files are packaged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Packaging {
    /// Modules for one crate, which the caller provides: paths are relative to its generated
    /// directory, and the caller writes the crate's root and manifest.
    #[default]
    Modules,
    /// Crates of their own that cargo compiles side by side: paths are relative to the output
    /// directory, every `lib.rs` included; the caller writes the manifests
    /// [`crate::Report::crates`] lists.
    Crates(CrateSplit),
}

/// How a split output is named and cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrateSplit {
    /// The package name of the crate users depend on (`stripe-generated`); the others are named
    /// after it (`stripe-generated-models`, `stripe-generated-services-1`).
    pub package: String,
    /// At most how many services crates: more lets more cores work at once, each costs a
    /// compiler run.
    pub services_crates: usize,
}

impl CrateSplit {
    /// The package name of one of the crates under the facade (`models`, `services-1`).
    pub fn package_of(&self, part: &str) -> String {
        format!("{}-{part}", self.package)
    }
}

/// Where the generated code finds the hand-written runtime.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Runtime {
    /// In the same crate (`crate::Client`): the in-repository client.
    #[default]
    InCrate,
    /// In another crate, by its Rust name (`stripe_client::Client`): a standalone crate, which
    /// reaches the operations through an extension trait.
    Crate(String),
}

impl Runtime {
    /// The path generated code names runtime items by.
    pub fn path(&self) -> &str {
        match self {
            Runtime::InCrate => "crate",
            Runtime::Crate(name) => name,
        }
    }
}

/// `spec/names.yaml`: one section for each kind of entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Generated type name -> the name to use instead (`CreateWebhookEndpointEnabledEvents: EventType`).
    #[serde(default)]
    pub renames: BTreeMap<String, String>,
    /// `Type.field` -> the generated enum its string values come from
    /// (`WebhookEndpoint.enabled_events: EventType`), for fields Stripe types as plain strings.
    #[serde(default)]
    pub field_types: BTreeMap<String, String>,
    /// Generated enum -> values it holds beyond the spec's, each with the other spellings read as
    /// it (`EventType: {crypto.onramp_session_updated: [crypto.onramp_session.updated]}`): for
    /// values Stripe sends that its spec does not list, or lists spelled one way of two.
    #[serde(default)]
    pub enum_values: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}
