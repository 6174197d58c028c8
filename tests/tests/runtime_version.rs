//! The runtime version generated code asks for: every generated crate names
//! `stripe-client-runtime = "<codegen::RUNTIME_VERSION>"` (Cargo's `^`), so it must work with that
//! release and every later compatible one.
//!
//! Generated code is compiled against the runtime in this workspace. So the requirement is the
//! workspace runtime's own version, and the public API of that version is recorded
//! (`snapshots/runtime_version__runtime_api_<version>.snap`): a change to the runtime's API
//! fails here until it is reviewed. Once the version is released, an API change needs a new
//! runtime version and `RUNTIME_VERSION` raised with it; before, the recorded API is updated.

use workspace_tests::{read, root};
use xtask::files::package_field;

#[test]
fn generated_code_asks_for_the_runtime_version_it_is_compiled_against() {
    let manifest = read(&root().join("runtime/Cargo.toml"));
    let runtime = package_field(&manifest, "version").expect("the runtime has a version");
    assert_eq!(
        codegen::RUNTIME_VERSION,
        runtime,
        "codegen::RUNTIME_VERSION must be the runtime's version: generated crates ask for it, and the code is \
         checked against this runtime (raise both together)"
    );
    // The in-repository client names it like any generated crate.
    let workspace = read(&root().join("Cargo.toml"));
    let line = workspace.lines().find(|l| l.starts_with("stripe-client-runtime =")).expect("a workspace dependency");
    assert!(line.contains(&format!("version = \"{runtime}\"")), "{line}");
    let client = read(&root().join("generated-client/Cargo.toml"));
    assert!(client.contains("stripe-client-runtime.workspace = true"), "stripe-client names the runtime elsewhere");
}

/// Every public item of the runtime, one line each: its declaration up to the body.
fn public_api() -> String {
    let mut lines = Vec::new();
    let mut stack = vec![root().join("runtime/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("runtime/src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = read(&path);
            // Unit tests are not API.
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            let file = path.strip_prefix(root().join("runtime/src")).unwrap_or(&path).display().to_string();
            let mut exported_macro = false;
            for line in text.lines().map(str::trim) {
                if line == "#[macro_export]" {
                    exported_macro = true;
                    continue;
                }
                let public = line.starts_with("pub ") && !line.starts_with("pub(");
                let macro_rules = exported_macro && line.starts_with("macro_rules!");
                if public || macro_rules {
                    let head = line.split(" {").next().unwrap_or(line).trim_end_matches([';', '{', ' ']);
                    lines.push(format!("{file}: {head}"));
                }
                if !line.starts_with("#[") {
                    exported_macro = false;
                }
            }
        }
    }
    lines.sort();
    lines.join("\n")
}

#[test]
fn runtime_api() {
    let version = codegen::RUNTIME_VERSION;
    insta::assert_snapshot!(format!("runtime_api_{version}"), public_api());
}
