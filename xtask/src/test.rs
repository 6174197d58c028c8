//! `cargo xtask test`: the whole test suite, as CI runs it.

use std::process::Command;

use crate::files::root;
use crate::Error;

/// Checks the committed client is current, then runs every test of the workspace.
pub fn run(args: &[String]) -> Result<(), Error> {
    crate::generate::run(&["--check".to_owned()])?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .current_dir(root())
        .args(["test", "--workspace", "--all-targets", "--no-fail-fast"])
        .args(args)
        .status()
        .map_err(|source| Error::Io {
            path: "cargo".into(),
            source,
        })?;
    let doc_status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .current_dir(root())
        .args(["test", "--workspace", "--doc"])
        .status()
        .map_err(|source| Error::Io {
            path: "cargo".into(),
            source,
        })?;
    if status.success() && doc_status.success() {
        Ok(())
    } else {
        Err(Error::Usage("tests failed".into()))
    }
}
