//! Where things live in the workspace, and reading them.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::Source;

use crate::Error;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// Reads a file as text.
pub fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io { path: display(path), source })
}

/// Writes a file, creating its directory.
pub fn write(path: &Path, contents: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io { path: display(parent), source })?;
    }
    std::fs::write(path, contents).map_err(|source| Error::Io { path: display(path), source })
}

/// A path as messages show it: relative to the workspace where possible.
pub fn display(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// The description in `spec/`: Stripe's part first, then this project's fragments in name order.
pub fn spec_sources() -> Result<Vec<Source>, Error> {
    let spec = root().join("spec");
    let mut paths = vec![spec.join("upstream/stripe.yaml")];
    let local = spec.join("local");
    let entries = std::fs::read_dir(&local).map_err(|source| Error::Io { path: display(&local), source })?;
    let mut fragments: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json"))
        .collect();
    fragments.sort();
    paths.extend(fragments);
    paths.iter().map(|p| source(p)).collect()
}

/// A file as a codegen source named by its workspace-relative path.
pub fn source(path: &Path) -> Result<Source, Error> {
    Ok(Source::new(display(path), read(path)?))
}

/// Runs the cargo that runs xtask, in the workspace; whether it succeeded.
pub fn cargo<I, S>(args: I) -> Result<bool, Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .current_dir(root())
        .args(args)
        .status()
        .map_err(|source| Error::Io { path: "cargo".into(), source })?;
    Ok(status.success())
}
