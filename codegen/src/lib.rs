//! Turns Stripe's OpenAPI description into the Rust source of the typed client.
//!
//! The work runs in three stages, each in its own module:
//!
//! 1. [`load`]: YAML or JSON text (one or more fragments) into one [`openapiv3::OpenAPI`].
//! 2. [`lower`]: the OpenAPI document into the [`ir`], where every Stripe idiom is decided once.
//! 3. [`emit`]: the IR into formatted Rust files.
//!
//! The crate does no I/O: callers hand it text and receive text.

pub mod changes;
pub mod emit;
pub mod error;
mod guard;
pub mod ir;
pub mod load;
pub mod lower;
mod names;
mod plan;
pub mod pointer;
pub mod settings;
pub mod surface;
pub mod upstream;

pub use emit::GeneratedFile;
pub use error::Error;
pub use load::Source;
pub use names::MAX_MODULE_LEN;
pub use settings::{CrateSplit, Names, Packaging, Runtime, Settings};

/// The package of the hand-written runtime generated code calls.
pub const RUNTIME_CRATE: &str = "stripe-client-runtime";

/// The runtime version generated code is written for: a generated crate asks for this version or
/// a later compatible one (`^`, Cargo's default). Raise it with every runtime release whose API
/// the generator starts to use; the workspace test `runtime_version` fails while the runtime's
/// own version is not one this requirement accepts, or while the requirement accepts a runtime
/// older than the one the generated code is checked against.
pub const RUNTIME_VERSION: &str = "0.1.0";

/// Runs all three stages: the sources become the generated client files.
pub fn generate(sources: &[Source], settings: &Settings) -> Result<Vec<GeneratedFile>, Error> {
    generate_with_report(sources, settings).map(|(files, _)| files)
}

/// What a run generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Operations in the description.
    pub operations_in_spec: usize,
    /// Operations generated: all of them, since anything the generator cannot express is an error.
    pub operations_generated: usize,
    /// Named types generated.
    pub types: usize,
    /// The description's `info.version`: the Stripe API version the client is for.
    pub version: String,
    /// The cargo features the generated code names, when [`Settings::resource_features`] asks for
    /// them: one per resource, and `full`. The crate's manifest must declare them.
    pub features: Vec<String>,
    /// For a split output ([`Packaging::Crates`]), the crates under the facade, whose manifests
    /// the caller writes; empty otherwise.
    pub crates: Vec<emit::SplitCrate>,
}

/// The first two stages: the sources read and lowered into the IR, as [`generate`] sees them.
pub fn lower_sources(sources: &[Source], names: &Names) -> Result<ir::Api, Error> {
    let spec = load::load(sources)?;
    guard::catching("(nothing yet: lowering)", || lower::lower(&spec.document, names))
}

/// [`generate`], also saying how much was generated.
pub fn generate_with_report(sources: &[Source], settings: &Settings) -> Result<(Vec<GeneratedFile>, Report), Error> {
    let spec = load::load(sources)?;
    let api = guard::catching("(nothing yet: lowering)", || lower::lower(&spec.document, &settings.names))?;
    let operations_in_spec =
        spec.document.paths.paths.values().filter_map(|item| item.as_item()).map(|item| item.iter().count()).sum();
    let plan = plan::plan(&api, settings)?;
    let (files, crates) = emit::emit_planned(&api, settings, &plan)?;
    let report = Report {
        operations_in_spec,
        operations_generated: api.operations.len(),
        types: api.types.len(),
        version: api.version.clone(),
        features: plan.gates.features.keys().cloned().collect(),
        crates,
    };
    Ok((files, report))
}
