//! Turns Stripe's OpenAPI description into the Rust source of the typed client.
//!
//! The work runs in three stages, each in its own module:
//!
//! 1. [`load`]: YAML or JSON text (one or more fragments) into one [`openapiv3::OpenAPI`].
//! 2. [`lower`]: the OpenAPI document into the [`ir`], where every Stripe idiom is decided once.
//! 3. [`emit`]: the IR into formatted Rust files.
//!
//! The crate does no I/O: callers hand it text and receive text.

pub mod emit;
pub mod error;
pub mod import;
pub mod ir;
pub mod load;
pub mod lower;
mod names;
pub mod pointer;

pub use emit::{EmitOptions, GeneratedFile};
pub use error::Error;
pub use load::Source;

/// Runs all three stages: the sources become the generated client files.
pub fn generate(sources: &[Source], options: &EmitOptions) -> Result<Vec<GeneratedFile>, Error> {
    let spec = load::load(sources)?;
    let api = lower::lower(&spec.document, &options.renames)?;
    emit::emit(&api, &spec, options)
}
