//! The changelog's classification agrees with the compiler. Each fixture under
//! `tests/fixtures/spec_changes/` changes `spec/` in one respect; the test generates the client of
//! `spec/` and of every changed copy, writes one user program that uses every item of the
//! `spec/` client (`workspace_tests::probe`), and compiles it against each changed client. A
//! change is classified breaking exactly when that program stops compiling.
//!
//! Approximated on purpose, and so not covered here: a new API version is classified breaking
//! although it compiles (every request asks Stripe for other shapes, and Stripe's SDKs release a
//! major version for it); the probe uses items the way outside code can, so changes only the
//! crate itself could observe are not breaking.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::changes::{Bump, Changelog};
use codegen::{Settings, Source};
use workspace_tests::spec_edit::{apply, Fixture};
use workspace_tests::{probe::probe, read, root, settings, spec_sources, standalone};

struct Case {
    name: String,
    log: Changelog,
}

#[test]
fn changes_classified_breaking_are_exactly_those_that_stop_old_code_compiling() {
    let base = spec_sources();
    let settings = Settings { names: settings().names, ..standalone() };
    let old = codegen::lower_sources(&base, &settings.names).expect("spec/ lowers");
    let work = root().join("target/spec-changes");
    let _ = std::fs::remove_dir_all(&work);

    let probe_source = probe(&old);
    write_client(&work, "base", &base, &settings);
    write_probe(&work, "base", &probe_source);
    let mut cases = Vec::new();
    for (name, fixture) in fixtures() {
        let changed = apply(&base, &fixture);
        let new = codegen::lower_sources(&changed, &settings.names).unwrap_or_else(|e| panic!("{name}: {e}"));
        let log = codegen::changes::compare(&old, &new);
        let reported: BTreeSet<String> = log.changes.iter().map(|c| kind_name(c.kind)).collect();
        for kind in &fixture.reported {
            assert!(reported.contains(kind), "{name}: no `{kind}` change reported:\n{}", log.markdown());
        }
        write_client(&work, &name, &changed, &settings);
        write_probe(&work, &name, &probe_source);
        cases.push(Case { name, log });
    }
    assert!(cases.iter().any(|c| c.log.bump == Bump::Major), "no fixture is breaking");
    assert!(cases.iter().any(|c| c.log.bump < Bump::Major), "no fixture is compatible");
    write_workspace(&work);

    let errors = check(&work);
    if let Some((client, error)) = errors.iter().find(|(name, _)| name.starts_with("client_")) {
        panic!("the generated client {client} does not compile:\n{error}");
    }
    assert!(!errors.contains_key("probe_base"), "the probe does not compile against its own client:\n{errors:?}");

    let mut disagreements = Vec::new();
    for case in &cases {
        let compiler_error = errors.get(&format!("probe_{}", case.name));
        let breaking = case.log.bump == Bump::Major;
        if breaking != compiler_error.is_some() {
            disagreements.push(format!(
                "{}: classified {}, but the program written against spec/ {}\n{}{}",
                case.name,
                if breaking { "breaking" } else { "compatible" },
                if compiler_error.is_some() { "no longer compiles:" } else { "still compiles" },
                compiler_error.map(String::as_str).unwrap_or_default(),
                case.log.markdown()
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n\n"));
}

fn kind_name(kind: codegen::changes::Kind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn fixtures() -> Vec<(String, Fixture)> {
    let dir = root().join("tests/fixtures/spec_changes");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let fixture = serde_yaml::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (name, fixture)
        })
        .collect()
}

fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("directory");
    }
    std::fs::write(path, contents).expect("write");
}

/// The client generated from `sources`, as a crate `client-<name>`.
fn write_client(work: &Path, name: &str, sources: &[Source], settings: &Settings) {
    let dir = work.join("clients").join(name);
    for file in codegen::generate(sources, settings).unwrap_or_else(|e| panic!("{name}: {e}")) {
        write(&dir.join("src/generated").join(&file.path), &file.contents);
    }
    write(&dir.join("src/lib.rs"), workspace_tests::STANDALONE_LIB);
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"client-{}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{}serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
             [features]\ntest-util = []\n",
            name.replace('_', "-"),
            workspace_tests::runtime_dependency()
        ),
    );
}

/// The program written against the `spec/` client, depending on the client `<name>` as `client`.
fn write_probe(work: &Path, name: &str, source: &str) {
    let dir = work.join("probes").join(name);
    write(&dir.join("src/lib.rs"), source);
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"probe-{}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nclient = {{ package = \"client-{}\", path = \"../../clients/{name}\" }}\n\
             serde_json = \"1\"\n",
            name.replace('_', "-"),
            name.replace('_', "-"),
        ),
    );
}

fn write_workspace(work: &Path) {
    write(&work.join("Cargo.toml"), "[workspace]\nmembers = [\"clients/*\", \"probes/*\"]\nresolver = \"2\"\n");
    // The workspace's own lock: the same dependency versions, already built in the shared target.
    std::fs::copy(root().join("Cargo.lock"), work.join("Cargo.lock")).expect("Cargo.lock");
}

/// Checks every crate of `work`, going on past failures; the first compiler errors of each crate
/// that fails, by its library name.
fn check(work: &Path) -> BTreeMap<String, String> {
    let output = Command::new(env!("CARGO"))
        .current_dir(work)
        .args(["check", "--workspace", "--keep-going", "--quiet", "--message-format", "json"])
        .env("CARGO_TARGET_DIR", root().join("target/full-spec-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let target = message["target"]["name"].as_str().unwrap_or_default().to_owned();
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
        let text = errors.entry(target).or_default();
        if text.lines().count() < 40 {
            text.push_str(rendered);
        }
    }
    assert!(
        output.status.success() || !errors.is_empty(),
        "cargo check failed without a compiler error:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    errors
}

#[test]
fn json_and_markdown_are_deterministic_and_count_every_change() {
    let base = spec_sources();
    let names = settings().names;
    let old = codegen::lower_sources(&base, &names).expect("spec/ lowers");
    let fixtures = fixtures();
    let (_, fixture) = fixtures.iter().find(|(name, _)| name == "type_added").expect("type_added fixture");
    let new = codegen::lower_sources(&apply(&base, fixture), &names).expect("the changed copy lowers");
    let log = codegen::changes::compare(&old, &new);
    assert_eq!(log, codegen::changes::compare(&old, &new));

    let json: serde_json::Value = serde_json::from_str(&log.json()).expect("JSON");
    let counts = &json["counts"];
    let total: u64 = ["breaking", "additive", "wire_only", "docs"].iter().filter_map(|k| counts[k].as_u64()).sum();
    assert_eq!(total as usize, log.changes.len());
    assert_eq!(json["bump"], "minor", "{}", log.markdown());
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(log.changes.len()));

    let markdown = log.markdown();
    assert!(markdown.contains("#### `climate_removals_certification`"), "{markdown}");
    assert!(markdown.contains("type added `ClimateRemovalsCertification`"), "{markdown}");
    assert!(markdown.contains("response field added `ClimateSupplier.certification`"), "{markdown}");
    assert_eq!(codegen::changes::compare(&old, &old).bump, Bump::None);
}
