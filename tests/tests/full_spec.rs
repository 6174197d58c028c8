//! The generator at full scale: Stripe's complete 2023-09 spec becomes a crate that compiles.

use std::process::Command;

use codegen::Source;
use workspace_tests::{assert_compiles, assert_compiles_with_features, compiles_with_features, read, root, standalone};

const SPEC: &str = "tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml";

fn source() -> Source {
    Source::new(SPEC, read(&root().join(SPEC)))
}

#[test]
fn every_operation_of_the_full_spec_is_generated() {
    let (files, report) = codegen::generate_with_report(&[source()], &standalone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.operations_in_spec, 468);
    // Nothing is skipped: anything the generator cannot express is an error, so this list is empty.
    assert_eq!(report.operations_generated, report.operations_in_spec, "operations not generated");
    assert!(files.len() > 800, "{} files", files.len());
}

#[test]
fn reading_the_full_spec_in_pieces_gives_the_one_pass_document() {
    let text = read(&root().join(SPEC));
    let whole: openapiv3::OpenAPI = serde_yaml::from_str(&text).expect("the spec parses");
    assert!(codegen::load::read_in_pieces(&text) == Some(whole), "the pieces differ from the one-pass document");
}

#[test]
fn reading_spec_upstream_in_pieces_gives_the_one_pass_tree() {
    let text = read(&root().join("spec/upstream/stripe.yaml"));
    let whole: serde_yaml::Value = serde_yaml::from_str(&text).expect("spec/upstream parses");
    assert!(codegen::load::tree_in_pieces(&text) == Some(whole), "the pieces differ from the one-pass tree");
}

#[test]
fn the_full_spec_crate_compiles() {
    let out = root().join("target/full-spec-crate");
    let status = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "-p", "xtask", "--", "generate", "--spec", SPEC, "--out"])
        .arg(&out)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo xtask generate --spec failed");
    assert_compiles(&out, "the generated crate");

    // Each resource compiles on its own, with no other feature (each build compiles only what the
    // feature reaches: all of them together take about two full builds); so do the three of the
    // README together, and no feature at all.
    // The crates under the facade declare every feature plainly; the facade forwards them.
    let manifest = read(&out.join("crates/models/Cargo.toml"));
    let features: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_suffix(" = []"))
        .filter(|name| !name.contains(' ') && *name != "full")
        .collect();
    assert!(features.len() > 100, "{} features in the manifest", features.len());
    for feature in ["customer", "payment_intent", "webhook_endpoint"] {
        assert!(features.contains(&feature), "no feature `{feature}`");
    }
    assert_compiles_with_features(&out, "the generated crate", &["customer", "payment_intent", "webhook_endpoint"]);
    assert_compiles_with_features(&out, "the generated crate", &[]);
    let broken: Vec<String> = features
        .iter()
        .filter_map(|feature| compiles_with_features(&out, &[feature]).err().map(|e| format!("`{feature}`:\n{e}")))
        .collect();
    assert!(broken.is_empty(), "features that do not compile on their own:\n{}", broken.join("\n\n"));
}
