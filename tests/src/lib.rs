//! Helpers shared by the workspace-level tests. The inputs of a generation run come from `xtask`,
//! the same functions `cargo xtask generate` uses.

pub mod prism;

use std::path::{Path, PathBuf};

use codegen::{GeneratedFile, Settings, Source};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Reads a file the test cannot do without.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The description in `spec/`, in the order `cargo xtask generate` reads it.
pub fn spec_sources() -> Vec<Source> {
    xtask::files::spec_sources().unwrap_or_else(|e| panic!("spec/ cannot be read: {e}"))
}

/// The settings `cargo xtask generate` uses for `spec/`.
pub fn settings() -> Settings {
    xtask::files::settings().unwrap_or_else(|e| panic!("{e}"))
}

/// The client generated from `spec/`, as `cargo xtask generate` writes it.
pub fn generate_spec() -> Vec<GeneratedFile> {
    xtask::generate::spec_files().map(|(files, _)| files).unwrap_or_else(|e| panic!("spec/ does not generate: {e}"))
}

/// The settings of a standalone crate on the `stripe_client` runtime.
pub fn standalone() -> Settings {
    Settings { runtime: codegen::Runtime::Crate("stripe_client".into()), ..Settings::default() }
}
