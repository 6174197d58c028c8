//! Helpers shared by the workspace-level tests.

pub mod prism;

use std::path::{Path, PathBuf};

use codegen::{EmitOptions, GeneratedFile, Source};

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
    let spec = root().join("spec");
    let mut fragments: Vec<PathBuf> = std::fs::read_dir(spec.join("local"))
        .expect("spec/local exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    fragments.sort();
    std::iter::once(spec.join("upstream/stripe.yaml"))
        .chain(fragments)
        .map(|p| Source::new(p.strip_prefix(root()).unwrap_or(&p).display().to_string(), read(&p)))
        .collect()
}

/// The options `cargo xtask generate` uses.
pub fn emit_options() -> EmitOptions {
    let renames = serde_yaml::from_str(&read(&root().join("spec/names.yaml"))).expect("spec/names.yaml is a map");
    EmitOptions { runtime: "crate".into(), renames }
}

/// Generates the client from `spec/`.
pub fn generate_spec() -> Vec<GeneratedFile> {
    codegen::generate(&spec_sources(), &emit_options()).unwrap_or_else(|e| panic!("spec/ does not generate: {e}"))
}
