//! `cargo xtask spec import` reproduces the committed upstream part of `spec/` from Stripe's spec.

use codegen::upstream::{import, Selection};
use std::path::PathBuf;

use codegen::Source;
use workspace_tests::{read, root};

#[test]
fn importing_the_excerpt_reproduces_the_upstream_part_exactly() {
    let excerpt = root().join("tests/fixtures/upstream/stripe-spec-2026-09-30-excerpt.yaml");
    let scope =
        Selection::parse(&Source::new("spec/scope.yaml", read(&root().join("spec/scope.yaml")))).expect("scope parses");
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
        Selection::parse(&Source::new("spec/scope.yaml", read(&root().join("spec/scope.yaml")))).expect("scope parses");
    let imported = import(&Source::new("full", read(&full)), &scope).expect("imports");
    let tree: serde_yaml::Value = serde_yaml::from_str(&imported).expect("yaml");
    let paths: Vec<&str> = tree["paths"].as_mapping().expect("paths").keys().filter_map(|k| k.as_str()).collect();
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| p.starts_with("/v1/climate/") || p.starts_with("/v1/webhook_endpoints")), "{paths:?}");
    let schemas = tree["components"]["schemas"].as_mapping().expect("schemas");
    assert!(schemas.get("error").is_none(), "error is provided locally");
    assert!(schemas.get("webhook_endpoint").is_some());
}

/// A copy of `spec/` in `target/<name>/spec`, to import into.
fn spec_copy(name: &str) -> PathBuf {
    let spec = root().join("target").join(name).join("spec");
    let _ = std::fs::remove_dir_all(&spec);
    for file in ["upstream/stripe.yaml", "local/crypto-onramp.yaml", "local/error.yaml", "scope.yaml", "names.yaml"] {
        let to = spec.join(file);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("directory");
        std::fs::copy(root().join("spec").join(file), &to).expect("copy");
    }
    spec
}

#[test]
fn an_import_says_what_it_changes_in_the_generated_api() {
    let spec = spec_copy("spec-import-test");
    let older = root().join("tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml");

    // The 2023 spec as a candidate for the copy: what importing it would change.
    let candidate = xtask::spec::diff(&spec, &older).expect("diff");
    let report = xtask::spec::import_into(&spec, &older).expect("imports");
    assert!(report.contains("Needs a **major** release"), "{report}");
    assert!(report.contains("operation removed `client.climate().orders().create()`"), "{report}");
    assert!(report.contains("Release: major (stripe-client"), "{report}");
    assert!(report.contains(&candidate.without_docs().markdown()), "{report}");

    // Importing wrote exactly the candidate: the copy now compares equal to it.
    let after = xtask::spec::diff(&spec, &older).expect("diff after import");
    assert!(after.changes.is_empty(), "{}", after.markdown());
    let _ = std::fs::remove_dir_all(root().join("target/spec-import-test"));
}

#[test]
fn the_changelog_opens_with_what_the_2026_spec_changes_from_the_2023_spec() {
    // spec/ as of the 2026-09-30 spec, so later spec updates leave this first entry as it was.
    let spec = spec_copy("changelog-entry-test");
    let excerpt = root().join("tests/fixtures/upstream/stripe-spec-2026-09-30-excerpt.yaml");
    xtask::spec::import_into(&spec, &excerpt).expect("imports");
    let older = root().join("tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml");
    let entry = xtask::spec::diff(&older, &spec).expect("diff").without_docs().markdown();
    let changelog = read(&root().join("generated-client/CHANGELOG.md"));
    assert!(
        changelog.contains(&entry),
        "generated-client/CHANGELOG.md does not hold the output of \
         `cargo xtask spec diff tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml spec/` for 0.1.0:\n{entry}"
    );
    let _ = std::fs::remove_dir_all(root().join("target/changelog-entry-test"));
}
