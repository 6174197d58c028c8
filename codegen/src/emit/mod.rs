//! Stage 3: the IR into formatted Rust files.
//!
//! Each file is a `syn::File` printed by `prettyplease`, so the output is always valid, formatted
//! Rust, and the same IR always gives the same bytes. Most items are written with `quote!` and
//! parsed; what files hold by the thousand is built as syntax trees directly (the `syntax` module).

mod docs;
mod events;
mod gates;
mod modules;
mod services;
mod spacing;
mod syntax;
mod types;
mod uses;

use crate::error::Error;
use crate::ir::Api;
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
    modules::files(api, settings)
}
