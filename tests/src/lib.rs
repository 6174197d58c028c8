//! Helpers shared by the workspace-level tests. The inputs of a generation run come from `xtask`,
//! the same functions `cargo xtask generate` uses.

pub mod prism;
pub mod probe;
pub mod spec_edit;

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The root of a standalone crate whose generated modules are under `src/generated`.
pub const STANDALONE_LIB: &str =
    "//! A Stripe client generated from an OpenAPI description, on the `stripe-client-runtime` crate.\n\n\
#[rustfmt::skip]\npub mod generated;\n\npub use generated::*;\npub use stripe_client_runtime;\n";

/// The settings of a standalone crate on the runtime crate.
pub fn standalone() -> Settings {
    Settings { runtime: codegen::Runtime::Crate(codegen::RUNTIME_CRATE.replace('-', "_")), ..Settings::default() }
}

/// The manifest line of a test crate's dependency on this workspace's runtime.
pub fn runtime_dependency() -> String {
    format!(
        "{} = {{ path = {:?}, default-features = false }}\n",
        codegen::RUNTIME_CRATE,
        root().join("runtime").display().to_string()
    )
}

/// Checks the crate in `dir` with `-D warnings`, sharing one target directory with every crate
/// the tests generate (the runtime and its dependencies are built once); panics with the first
/// compiler messages when it does not compile.
pub fn assert_compiles(dir: &Path, what: &str) {
    if let Err(errors) = check(dir, &[]) {
        panic!("{what} does not compile:\n{errors}");
    }
}

/// Runs the doctests of every crate of the workspace in `dir` with only `features` on, sharing
/// the target directory of [`assert_compiles`]; panics with the first messages when one fails.
pub fn assert_doctests_pass(dir: &Path, what: &str, features: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(["test", "--doc", "--workspace", "--quiet", "--no-default-features", "--features", &features.join(",")])
        .env("CARGO_TARGET_DIR", root().join("target/full-spec-target"))
        .output()
        .expect("cargo runs");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).lines().take(80).collect::<Vec<_>>().join("\n");
    assert!(
        output.status.success(),
        "the doctests of {what} fail with features [{}]:\n{}\n{}",
        features.join(","),
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// [`assert_compiles`] with the crate's default features off and only `features` on.
pub fn assert_compiles_with_features(dir: &Path, what: &str, features: &[&str]) {
    if let Err(errors) = compiles_with_features(dir, features) {
        panic!("{what} does not compile with features [{}]:\n{errors}", features.join(","));
    }
}

/// Checks the crate in `dir` as [`assert_compiles`] does, with only `features` on; the first
/// compiler messages when it does not compile.
pub fn compiles_with_features(dir: &Path, features: &[&str]) -> Result<(), String> {
    check(dir, &["--no-default-features", "--features", &features.join(",")])
}

fn check(dir: &Path, args: &[&str]) -> Result<(), String> {
    let output = Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(["check", "--quiet", "--message-format", "short"])
        .args(args)
        .env("CARGO_TARGET_DIR", root().join("target/full-spec-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    if output.status.success() {
        return Ok(());
    }
    Err(String::from_utf8_lossy(&output.stderr).lines().take(60).collect::<Vec<_>>().join("\n"))
}
