//! Stage 3: the IR into formatted Rust files.
//!
//! Each file is a `syn::File` printed by `prettyplease`, so the output is always valid, formatted
//! Rust, and the same IR always gives the same bytes. Most items are written with `quote!` and
//! parsed; what files hold by the thousand is built as syntax trees directly (the `syntax` module).

mod decode;
mod docs;
mod enums;
mod events;
mod fixtures;
mod gates;
mod modules;
mod render;
mod roots;
mod rust_types;
mod services;
mod spacing;
mod structs;
mod syntax;
mod templates;
mod unions;
mod uses;
mod walk;

use crate::error::Error;
use crate::ir::Api;
use crate::plan::Plan;
use crate::settings::Settings;

/// One emitted file, its path relative to the generated directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path with `/` separators (`climate_order.rs`, `api/mod.rs`).
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// Emits every file for `api`. The files carry no header: who generated them from what is for
/// the caller to say.
pub fn emit(api: &Api, settings: &Settings) -> Result<Vec<GeneratedFile>, Error> {
    emit_planned(api, settings, &crate::plan::plan(api, settings)?).map(|(files, _)| files)
}

pub use modules::SplitCrate;
pub(crate) use rust_types::{argument_type_text, field_type_text, type_text};

/// [`emit`] with the gates and placement already decided, with the crates under the facade of a
/// split output ([`crate::Packaging::Crates`]) for the caller to write their manifests (none for a
/// single crate).
pub(crate) fn emit_planned(
    api: &Api,
    settings: &Settings,
    plan: &Plan,
) -> Result<(Vec<GeneratedFile>, Vec<SplitCrate>), Error> {
    modules::files(api, settings, plan)
}
