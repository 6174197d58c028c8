//! The generator decides which typed fields `Debug` redacts; the runtime decides which JSON keys
//! printed bodies mask. They must give the same answer for every name.

use codegen::lower::secrets::is_secret_field;
use stripe_client::redact::is_secret_key;

#[test]
fn the_generator_and_the_runtime_redact_the_same_names() {
    let spec =
        workspace_tests::read(&workspace_tests::root().join("tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml"));
    // Every property name of Stripe's complete spec, and the names the rule is about.
    let mut names: Vec<&str> = spec
        .lines()
        .filter_map(|line| line.trim_start().strip_suffix(':'))
        .filter(|name| !name.is_empty() && !name.contains(' '))
        .collect();
    names.extend([
        "secret",
        "client_secret",
        "Webhook_Secret",
        "password",
        "api_key",
        "headers",
        "customer_information",
        "kyc_details",
        "body",
    ]);
    let mut secret = 0;
    for name in names {
        assert_eq!(is_secret_field(name), is_secret_key(name), "the two rules disagree on `{name}`");
        secret += usize::from(is_secret_key(name));
    }
    assert!(secret > 7, "the spec has secret-named properties too");
}
