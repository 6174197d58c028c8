//! Every operation, through the generated client, against Stoplight Prism serving `spec/`: Prism
//! validates each request (path, query, form body, auth) and answers with spec-conforming data.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use stripe_client::StripeApi;

use futures_util::TryStreamExt;
use serde_json::json;
use stripe_client::*;
use workspace_tests::prism::Prism;
use workspace_tests::{settings, spec_sources};

fn client(prism: &Prism) -> Client {
    Client::builder("sk_test_e2e").base_url(&prism.url).max_retries(0).build().expect("client")
}

fn metadata(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn expand(fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| (*f).to_owned()).collect()
}

type Call<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + 'a>>;

/// One realistic call of the operation `id`, its response decoded into the generated type.
fn call<'a>(client: &'a Client, id: &str) -> Option<Call<'a>> {
    Some(match id {
        "GetClimateOrders" => Box::pin(async move {
            let params =
                ListClimateOrders::default().limit(3).starting_after("climorder_1").expand(expand(&["data.product"]));
            client.climate().orders().list(&params).await.map(drop)
        }),
        "PostClimateOrders" => Box::pin(async move {
            let params = CreateClimateOrder::new("climsku_frontier_offtake_portfolio_2027")
                .metric_tons(Decimal::new(50, 2))
                .beneficiary(CreateClimateOrderBeneficiary::new("Acme Corp"))
                .currency("usd")
                .metadata(metadata(&[("order", "42"), ("team", "green ops")]))
                .expand(expand(&["product"]));
            client.climate().orders().create(&params).idempotency_key("e2e-order").await.map(drop)
        }),
        "GetClimateOrdersOrder" => Box::pin(async move {
            client
                .climate()
                .orders()
                .retrieve("climorder_1", &RetrieveClimateOrder::default().expand(expand(&["product"])))
                .await
                .map(drop)
        }),
        "PostClimateOrdersOrder" => Box::pin(async move {
            let params = UpdateClimateOrder::default()
                .beneficiary(Clearable::Set(UpdateClimateOrderBeneficiary::new("Acme Foundation")))
                .metadata(metadata(&[("order", ""), ("note", "renamed")]));
            client.climate().orders().update("climorder_1", &params).await.map(drop)
        }),
        "PostClimateOrdersOrderCancel" => Box::pin(async move {
            client
                .climate()
                .orders()
                .cancel("climorder_1", &CancelClimateOrder::default().expand(expand(&["product"])))
                .await
                .map(drop)
        }),
        "GetClimateProducts" => Box::pin(async move {
            client.climate().products().list(&ListClimateProducts::default().limit(10)).await.map(drop)
        }),
        "GetClimateProductsProduct" => Box::pin(async move {
            client
                .climate()
                .products()
                .retrieve("climsku_frontier_offtake_portfolio_2027", &RetrieveClimateProduct::default())
                .await
                .map(drop)
        }),
        "GetClimateSuppliers" => Box::pin(async move {
            client
                .climate()
                .suppliers()
                .list(&ListClimateSuppliers::default().ending_before("climsup_9").limit(2))
                .await
                .map(drop)
        }),
        "GetClimateSuppliersSupplier" => Box::pin(async move {
            client
                .climate()
                .suppliers()
                .retrieve("climsup_charm_industrial", &RetrieveClimateSupplier::default())
                .await
                .map(drop)
        }),
        "GetForwardingRequests" => Box::pin(async move {
            let created = ListForwardingRequestsCreated::default().gte(1_700_000_000).lt(1_800_000_000);
            client
                .forwarding()
                .requests()
                .list(&ListForwardingRequests::default().created(created).limit(5))
                .await
                .map(drop)
        }),
        "PostForwardingRequests" => Box::pin(async move {
            let request = CreateForwardingRequestRequest::default().body(r#"{"card":{"number":""}}"#).headers(vec![
                CreateForwardingRequestRequestHeaders::new("Destination-Api-Key", "abc"),
                CreateForwardingRequestRequestHeaders::new("X-Trace", "a b&c"),
            ]);
            let params = CreateForwardingRequest::new(
                "pm_card_visa",
                vec![
                    ForwardingRequestReplacements::CardNumber,
                    ForwardingRequestReplacements::CardCvc,
                    ForwardingRequestReplacements::CardExpiry,
                ],
                "https://endpoint.example/pay",
            )
            .request(request)
            .metadata(metadata(&[("trace", "1")]));
            client.forwarding().requests().create(&params).await.map(drop)
        }),
        "GetForwardingRequestsId" => Box::pin(async move {
            client.forwarding().requests().retrieve("fwdreq_1", &RetrieveForwardingRequest::default()).await.map(drop)
        }),
        "GetWebhookEndpoints" => Box::pin(async move {
            client.webhook_endpoints().list(&ListWebhookEndpoints::default().limit(100)).await.map(drop)
        }),
        "PostWebhookEndpoints" => Box::pin(async move {
            let params = CreateWebhookEndpoint::new(
                vec![
                    EventType::ClimateOrderCreated,
                    EventType::ClimateOrderDelivered,
                    EventType::ClimateProductPricingUpdated,
                ],
                "https://example.com/hook",
            )
            .api_version(ApiVersion::V20260930Endive)
            .connect(false)
            // Prism reads `+` (a form-encoded space) as a reserved character in top-level fields;
            // spaces are covered by the exact-body tests of the runtime instead.
            .description("climate-orders")
            .metadata(metadata(&[("env", "test")]));
            client.webhook_endpoints().create(&params).await.map(drop)
        }),
        "GetWebhookEndpointsWebhookEndpoint" => Box::pin(async move {
            client.webhook_endpoints().retrieve("we_1", &RetrieveWebhookEndpoint::default()).await.map(drop)
        }),
        "PostWebhookEndpointsWebhookEndpoint" => Box::pin(async move {
            let params = UpdateWebhookEndpoint::default()
                .description(Clearable::Clear)
                .disabled(true)
                .enabled_events(vec![EventType::All])
                .metadata(Clearable::Clear);
            client.webhook_endpoints().update("we_1", &params).await.map(drop)
        }),
        "DeleteWebhookEndpointsWebhookEndpoint" => {
            Box::pin(async move { client.webhook_endpoints().delete("we_1").await.map(drop) })
        }
        "GetCryptoOnrampSessions" => Box::pin(async move {
            let created = ListCryptoOnrampSessionsCreated::RangeQuerySpecs(
                ListCryptoOnrampSessionsCreatedRangeQuerySpecs::default().gte(1_700_000_000).lte(1_800_000_000),
            );
            let params = ListCryptoOnrampSessions::default()
                .created(created)
                .destination_currency(CryptoOnrampDestinationCurrency::Eth)
                .destination_network(CryptoOnrampDestinationNetwork::Base)
                .status(CryptoOnrampSessionStatus::FulfillmentComplete)
                .limit(3)
                .starting_after("cos_1")
                .expand(expand(&["data.transaction_details"]));
            client.crypto().onramp_sessions().list(&params).await.map(drop)
        }),
        "PostCryptoOnrampSessions" => Box::pin(async move {
            let wallets = CreateCryptoOnrampSessionWalletAddresses::default()
                .ethereum("0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2")
                .base_network("0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2")
                .destination_tags(CreateCryptoOnrampSessionWalletAddressesDestinationTags::default().stellar("memo-1"));
            let customer = CreateCryptoOnrampSessionCustomerInformation::default()
                .email("jenny@example.com")
                .first_name("Jenny")
                .dob(CreateCryptoOnrampSessionCustomerInformationDob::new(14, 3, 1990))
                .address(
                    CreateCryptoOnrampSessionCustomerInformationAddress::default()
                        .country("US")
                        .state("NY")
                        .postal_code("10001"),
                );
            let params = CreateCryptoOnrampSession::default()
                .customer_ip_address("8.8.8.8")
                .source_amount(Decimal::new(10000, 2))
                .source_currency(CryptoOnrampSourceCurrency::Usd)
                .destination_currency(CryptoOnrampDestinationCurrency::Eth)
                .destination_network(CryptoOnrampDestinationNetwork::Ethereum)
                .destination_currencies(vec![
                    CryptoOnrampDestinationCurrency::Eth,
                    CryptoOnrampDestinationCurrency::Usdc,
                ])
                .destination_networks(vec![
                    CryptoOnrampDestinationNetwork::Ethereum,
                    CryptoOnrampDestinationNetwork::Base,
                ])
                .wallet_addresses(wallets)
                .lock_wallet_address(true)
                .settlement_speed(CryptoOnrampSettlementSpeed::Instant)
                .customer_information(customer)
                .kyc_details(metadata(&[("first_name", "Jenny")]))
                .metadata(metadata(&[("user", "u_1")]));
            client.crypto().onramp_sessions().create(&params).await.map(drop)
        }),
        "GetCryptoOnrampSessionsSession" => Box::pin(async move {
            client
                .crypto()
                .onramp_sessions()
                .retrieve("cos_1NamBL2eZvKYlo2CP38sZVEW", &RetrieveCryptoOnrampSession::default())
                .await
                .map(drop)
        }),
        "GetCryptoOnrampQuotes" => Box::pin(async move {
            let params = RetrieveCryptoOnrampQuotes::default()
                .source_amount(Decimal::new(10000, 2))
                .source_currency(CryptoOnrampSourceCurrency::Usd)
                .destination_currencies(vec![
                    CryptoOnrampDestinationCurrency::Eth,
                    CryptoOnrampDestinationCurrency::Usdc,
                ])
                .destination_networks(vec![
                    CryptoOnrampDestinationNetwork::Ethereum,
                    CryptoOnrampDestinationNetwork::Base,
                ]);
            client.crypto().onramp().quotes().retrieve(&params).await.map(drop)
        }),
        _ => return None,
    })
}

/// Every operationId of `spec/`, as the generator sees them.
fn operation_ids() -> Vec<String> {
    let spec = codegen::load::load(&spec_sources()).expect("spec loads");
    let api = codegen::lower::lower(&spec.document, &settings().names).expect("spec lowers");
    api.operations.into_iter().map(|op| op.operation_id).collect()
}

#[test]
fn every_operation_has_a_call() {
    let client = Client::new("sk_test_unused");
    let missing: Vec<String> = operation_ids().into_iter().filter(|id| call(&client, id).is_none()).collect();
    assert!(missing.is_empty(), "operations without an end-to-end call: {missing:?}");
}

/// Calls every operation `times` times; returns the failures with Prism's reasons.
async fn run_all(prism: &Prism, times: usize) -> Vec<String> {
    let client = client(prism);
    let mut failures = Vec::new();
    for id in operation_ids() {
        for attempt in 0..times {
            let mark = prism.mark();
            let Some(future) = call(&client, &id) else {
                continue;
            };
            if let Err(error) = future.await {
                let reasons = prism.violations_since(mark);
                failures.push(format!("{id} (call {attempt}): {error}\n    Prism: {reasons:?}"));
                break;
            }
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prism_accepts_every_request_and_every_response_decodes() {
    let prism = Prism::start(false);
    let failures = run_all(&prism, 1).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_responses_that_conform_to_the_spec_all_decode() {
    let prism = Prism::start(true);
    let failures = run_all(&prism, 20).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negative_checks_come_back_typed() {
    let prism = Prism::start(false);

    // No secret key: refused before anything is sent, as the SDKs do.
    let mark = prism.mark();
    let error = Client::new("").climate().orders().list(&ListClimateOrders::default()).await.expect_err("no key");
    assert!(matches!(error, Error::Config(_)), "{error:?}");

    // A create missing its required parameters, sent raw: Prism answers 422 with the error schema.
    let error = client(&prism)
        .send::<_, ForwardingRequest>(
            Method::POST,
            "/v1/forwarding/requests",
            &json!({"url": "https://endpoint.example/pay"}),
        )
        .await
        .expect_err("missing payment_method and replacements");
    match error {
        Error::Api(api) => assert_eq!((api.status, api.type_), (422, Some(stripe_client::ErrorType::ApiError))),
        other => panic!("expected an API error, got {other:?}"),
    }
    assert!(!prism.violations_since(mark).is_empty(), "Prism saw the missing parameters");

    // A wrong enum value in the query is rejected by Prism, and surfaced as an API error.
    let params = ListCryptoOnrampSessions::default().status(CryptoOnrampSessionStatus::Unknown("moon".into()));
    let error = client(&prism).crypto().onramp_sessions().list(&params).await.expect_err("invalid status");
    assert!(matches!(error, Error::Api(ref api) if api.status == 422), "{error:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_pagination_against_prism_ends() {
    let prism = Prism::start(false);
    let client = client(&prism);
    let walk = client
        .crypto()
        .onramp_sessions()
        .list(&ListCryptoOnrampSessions::default().limit(2))
        .stream()
        .try_collect::<Vec<_>>();
    let result = tokio::time::timeout(Duration::from_secs(60), walk).await.expect("pagination does not loop");
    // Prism answers every page alike; the walk either ends or stops on the repeated cursor.
    match result {
        Ok(items) => assert!(!items.is_empty()),
        Err(Error::Pagination(reason)) => assert!(reason.contains("twice"), "{reason}"),
        Err(other) => panic!("{other:?}"),
    }
}

/// Spaces and non-ASCII text in a form body and in a query string pass Prism's validation (a `+`
/// for a space does not: it is a reserved character there).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spaces_and_non_ascii_pass_validation() {
    let prism = Prism::start(false);
    let client = client(&prism);
    let mark = prism.mark();
    let params = CreateWebhookEndpoint::new(vec![EventType::ClimateOrderCreated], "https://example.com/hook")
        .description("Bestellungen für das Café – climate orders")
        .metadata(metadata(&[("team name", "green ops ünd co")]));
    client.webhook_endpoints().create(&params).await.expect("a body with spaces and non-ASCII");
    let list = ListWebhookEndpoints::default().starting_after("we_with space_é");
    client.webhook_endpoints().list(&list).await.expect("a query with spaces and non-ASCII");
    assert_eq!(request_violations(&prism, mark), Vec::<String>::new());
}

/// The `webhook_endpoints` example (a description with a space) runs against Prism unchanged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_endpoints_example_passes_validation() {
    let prism = Prism::start(false);
    let mark = prism.mark();
    let output = std::process::Command::new(env!("CARGO"))
        .current_dir(workspace_tests::root())
        .args([
            "run",
            "--quiet",
            "-p",
            "stripe-client",
            "--example",
            "webhook_endpoints",
            "--",
            "https://example.com/hook",
        ])
        .env("STRIPE_SECRET_KEY", "sk_test_e2e")
        .env("STRIPE_API_BASE", &prism.url)
        .output()
        .expect("cargo runs the example");
    assert!(
        output.status.success(),
        "the example failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(request_violations(&prism, mark), Vec::<String>::new());
}

/// What Prism found wrong with the requests since `mark` (its own mock answers aside).
fn request_violations(prism: &Prism, mark: usize) -> Vec<String> {
    prism.violations_since(mark).into_iter().filter(|v| v.starts_with("request")).collect()
}
