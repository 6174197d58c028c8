//! `cargo xtask test`: the whole test suite, as CI runs it.

use std::process::Command;

use crate::files::{cargo, root};
use crate::Error;

/// Checks the committed client is current, installs what the end-to-end tests need, runs every
/// test of the workspace, then checks that the publishable crates package for crates.io.
pub fn run(args: &[String]) -> Result<(), Error> {
    crate::generate::run(&["--check".to_owned()])?;
    install_prism()?;
    let tests = ["test", "--workspace", "--all-targets", "--no-fail-fast"].iter().map(|a| a.to_string());
    let tests_passed = cargo(tests.chain(args.iter().cloned()))?;
    let doctests_passed = cargo(["test", "--workspace", "--doc"])?;
    // Every publishable package (the runtime, then the client on it) packs and builds on its own,
    // as crates.io would take it (the working tree may hold uncommitted work: the packages are what
    // is checked, not the commit).
    println!("checking that the publishable packages package (cargo publish --dry-run --workspace)");
    forget_unpacked_packages()?;
    let packages = cargo(["publish", "--dry-run", "--quiet", "--allow-dirty", "--workspace"])?;
    if tests_passed && doctests_passed && packages {
        Ok(())
    } else {
        Err(Error::Usage("tests failed".into()))
    }
}

/// The packages `cargo publish --workspace` makes, by directory.
const PUBLISHED: &[&str] = &["runtime", "generated-client"];

/// Removes what an earlier dry run unpacked of this workspace's own packages. Cargo verifies a
/// package that depends on another of the workspace through a local registry, and unpacks it
/// under `$CARGO_HOME/registry/src`, where a copy unpacked before under the same version is
/// reused as it is: the check would build on yesterday's runtime.
fn forget_unpacked_packages() -> Result<(), Error> {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo")));
    let Some(sources) = home.map(|home| home.join("registry/src")) else { return Ok(()) };
    let Ok(registries) = std::fs::read_dir(&sources) else { return Ok(()) };
    let mut packages = Vec::new();
    for dir in PUBLISHED {
        let manifest = crate::files::read(&root().join(dir).join("Cargo.toml"))?;
        let field = |key: &str| crate::files::package_field(&manifest, key);
        if let (Some(name), Some(version)) = (field("name"), field("version")) {
            packages.push(format!("{name}-{version}"));
        }
    }
    // Only local registries' copies: crates.io's are what crates.io serves.
    let local = registries.flatten().filter(|r| !r.file_name().to_string_lossy().starts_with("index.crates.io"));
    for registry in local {
        for package in &packages {
            let unpacked = registry.path().join(package);
            if unpacked.exists() {
                std::fs::remove_dir_all(&unpacked)
                    .map_err(|source| Error::Io { path: unpacked.display().to_string(), source })?;
            }
        }
    }
    Ok(())
}

/// Installs Stoplight Prism from the committed lockfile (`npm ci`), unless it is already there.
fn install_prism() -> Result<(), Error> {
    let dir = root().join("tests/prism");
    if dir.join("node_modules/.bin/prism").exists() {
        return Ok(());
    }
    let npm = Command::new("npm").arg("--version").output();
    if !npm.is_ok_and(|o| o.status.success()) {
        return Err(Error::Usage(
            "the end-to-end tests need Node.js 20 and npm to install Stoplight Prism: install them (https://nodejs.org), then run `cargo xtask test` again".into(),
        ));
    }
    println!("installing Stoplight Prism into tests/prism (npm ci)");
    let status = Command::new("npm")
        .current_dir(&dir)
        .args(["ci", "--no-audit", "--no-fund"])
        .status()
        .map_err(|source| Error::Io { path: "npm".into(), source })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Usage("`npm ci` in tests/prism failed".into()))
    }
}
