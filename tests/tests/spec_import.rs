//! `cargo xtask spec import` reproduces the committed upstream part of `spec/` from Stripe's spec.

use codegen::import::{import, Scope};
use codegen::Source;
use workspace_tests::{read, root};

#[test]
fn importing_the_excerpt_reproduces_the_upstream_part_exactly() {
    let excerpt = root().join("tests/fixtures/upstream/stripe-spec-2026-09-30-excerpt.yaml");
    let scope =
        Scope::parse(&Source::new("spec/scope.yaml", read(&root().join("spec/scope.yaml")))).expect("scope parses");
    let imported = import(&Source::new("excerpt", read(&excerpt)), &scope).expect("imports");
    let committed = read(&root().join("spec/upstream/stripe.yaml"));
    assert!(
        imported == committed,
        "spec/upstream/stripe.yaml differs from a fresh import; run `cargo xtask spec import`"
    );
}

#[test]
fn importing_the_full_spec_keeps_only_the_scope_and_leaves_the_error_schema_to_us() {
    let full = root().join("tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml");
    let scope =
        Scope::parse(&Source::new("spec/scope.yaml", read(&root().join("spec/scope.yaml")))).expect("scope parses");
    let imported = import(&Source::new("full", read(&full)), &scope).expect("imports");
    let tree: serde_yaml::Value = serde_yaml::from_str(&imported).expect("yaml");
    let paths: Vec<&str> = tree["paths"].as_mapping().expect("paths").keys().filter_map(|k| k.as_str()).collect();
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| p.starts_with("/v1/climate/") || p.starts_with("/v1/webhook_endpoints")), "{paths:?}");
    let schemas = tree["components"]["schemas"].as_mapping().expect("schemas");
    assert!(schemas.get("error").is_none(), "error is provided locally");
    assert!(schemas.get("webhook_endpoint").is_some());
}
