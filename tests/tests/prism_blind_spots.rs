//! What Prism does not check, checked here, so nothing about the wire format rests on Prism alone.
//!
//! Measured with Prism 5.14.2 against `spec/`:
//! - it ignores `name[]=` array keys (only `name[0]=` is validated): the client must always index;
//! - it never looks inside `metadata[k]` (nor other maps): exact bodies are asserted here;
//! - it drops unknown fields instead of rejecting them: exact bodies show nothing extra is sent;
//! - it reads `+` (a form-encoded space, which Stripe's SDKs send) as a reserved character in
//!   top-level fields, and it fills absent deepObject parameters with `{}` (so a create without
//!   `beneficiary` is "missing public_name"); the end-to-end calls avoid both, and these tests pin the
//!   bytes instead;
//! - it cannot start on a spec whose `$ref`s reach Stripe's circular payment schemas: the `error`
//!   schema must stay self-contained.

use std::collections::BTreeMap;
use stripe_client::StripeApi;

use serde_json::Value;
use stripe_client::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use workspace_tests::spec_sources;

async fn body_of_create(params: &CreateCryptoOnrampSession) -> String {
    let server = MockServer::start().await;
    let session = serde_json::json!({
        "id": "cos_1", "object": "crypto.onramp_session", "client_secret": "cos_1_secret_x", "created": 1,
        "kyc_details_provided": true, "livemode": false, "metadata": {}, "redirect_url": null, "status": "initialized",
        "transaction_details": {}
    });
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_json(session)).mount(&server).await;
    let client = Client::builder("sk_test_1").base_url(server.uri()).build().expect("client");
    client.crypto().onramp_sessions().create(params).await.expect("created");
    let requests = server.received_requests().await.expect("recorded");
    String::from_utf8(requests[0].body.clone()).expect("utf-8")
}

#[tokio::test]
async fn arrays_are_always_indexed_maps_and_nested_objects_are_exact() {
    let params = CreateCryptoOnrampSession::default()
        .destination_networks(vec![CryptoOnrampDestinationNetwork::Ethereum, CryptoOnrampDestinationNetwork::Base])
        .destination_currencies(vec![CryptoOnrampDestinationCurrency::Eth])
        .metadata(BTreeMap::from([("user id".to_owned(), "u_1 & co".to_owned()), ("a".to_owned(), String::new())]))
        .kyc_details(BTreeMap::from([("first_name".to_owned(), "Jenny".to_owned())]))
        .wallet_addresses(
            CreateCryptoOnrampSessionWalletAddresses::default()
                .base_network("0xB0")
                .destination_tags(CreateCryptoOnrampSessionWalletAddressesDestinationTags::default().stellar("memo 1")),
        )
        .source_amount("100.00".parse().expect("decimal"));
    assert_eq!(
        body_of_create(&params).await,
        "destination_currencies[0]=eth&destination_networks[0]=ethereum&destination_networks[1]=base\
         &kyc_details[first_name]=Jenny&metadata[a]=&metadata[user%20id]=u_1%20%26%20co&source_amount=100.00\
         &wallet_addresses[base_network]=0xB0&wallet_addresses[destination_tags][stellar]=memo%201"
    );
}

#[tokio::test]
async fn nothing_is_sent_that_was_not_set() {
    assert_eq!(body_of_create(&CreateCryptoOnrampSession::default()).await, "");
}

fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => out.push(reference.clone()),
                    _ => refs(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| refs(i, out)),
        _ => {}
    }
}

#[test]
fn the_error_schema_is_self_contained() {
    let bundled = codegen::load::bundle(&spec_sources(), codegen::load::Format::Json).expect("bundles");
    let tree: Value = serde_json::from_str(&bundled).expect("json");
    let schemas = tree.pointer("/components/schemas").and_then(Value::as_object).expect("schemas");
    let mut reached = vec!["error".to_owned()];
    let mut index = 0;
    while index < reached.len() {
        let mut found = Vec::new();
        refs(&schemas[&reached[index]], &mut found);
        for reference in found {
            let name = reference.trim_start_matches("#/components/schemas/").to_owned();
            if !reached.contains(&name) {
                reached.push(name);
            }
        }
        index += 1;
    }
    assert_eq!(reached, ["error", "api_errors"]);
}
