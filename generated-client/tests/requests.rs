//! The exact requests the client sends: method, path, headers and bodies.

mod common;

use std::collections::BTreeMap;
use stripe_client::StripeApi;

use stripe_client::{
    Clearable, CreateClimateOrder, CreateWebhookEndpoint, CryptoOnrampDestinationNetwork, CryptoOnrampSessionStatus,
    Decimal, EventType, ListCryptoOnrampSessions, ListCryptoOnrampSessionsCreated,
    ListCryptoOnrampSessionsCreatedRangeQuerySpecs, RequestOptions, UpdateWebhookEndpoint,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

fn body(request: &Request) -> String {
    String::from_utf8(request.body.clone()).expect("utf-8 body")
}

async fn only_request(server: &MockServer) -> Request {
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.into_iter().next().expect("one request")
}

#[tokio::test]
async fn create_sends_form_body_auth_version_and_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/climate/orders"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::climate_order("climorder_1")))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let params = CreateClimateOrder::new("climsku_frontier")
        .metric_tons(Decimal::new(50, 2))
        .metadata(BTreeMap::from([("team".to_owned(), "green ops".to_owned())]));
    let order = client
        .climate()
        .orders()
        .create(&params)
        .idempotency_key("order-42")
        .stripe_account("acct_9")
        .await
        .expect("order");
    assert_eq!(order.id, "climorder_1");

    let request = only_request(&server).await;
    assert_eq!(body(&request), "metadata[team]=green%20ops&metric_tons=0.50&product=climsku_frontier");
    assert_eq!(header(&request, "authorization"), Some("Bearer sk_test_123"));
    assert_eq!(header(&request, "stripe-version"), Some(stripe_client::API_VERSION));
    assert_eq!(header(&request, "idempotency-key"), Some("order-42"));
    assert_eq!(header(&request, "stripe-account"), Some("acct_9"));
    assert_eq!(header(&request, "content-type"), Some("application/x-www-form-urlencoded"));
    assert!(header(&request, "user-agent").is_some_and(|ua| ua.starts_with("Stripe/v1 RustBindings/")));
}

#[tokio::test]
async fn update_can_clear_a_field_and_generates_a_v4_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/webhook_endpoints/we_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::webhook_endpoint("we_1")))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let params = UpdateWebhookEndpoint::default()
        .description(Clearable::Clear)
        .disabled(true)
        .enabled_events(vec![EventType::ClimateOrderCreated, EventType::ClimateOrderCanceled]);
    client.webhook_endpoints().update("we_1", &params).await.expect("endpoint");

    let request = only_request(&server).await;
    assert_eq!(
        body(&request),
        "description=&disabled=true&enabled_events[0]=climate.order.created&enabled_events[1]=climate.order.canceled"
    );
    let key = header(&request, "idempotency-key").expect("a generated key");
    let parsed = uuid_parts(key);
    assert_eq!(parsed, [8, 4, 4, 4, 12], "{key}");
    assert_eq!(key.as_bytes()[14], b'4', "version 4: {key}");
    assert!(header(&request, "stripe-account").is_none());
}

fn uuid_parts(key: &str) -> Vec<usize> {
    key.split('-').map(str::len).collect()
}

#[tokio::test]
async fn list_puts_every_filter_in_the_query_string_and_sends_no_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/crypto/onramp_sessions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::page(
            vec![common::onramp_session("cos_1")],
            false,
            "/v1/crypto/onramp_sessions",
        )))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let params = ListCryptoOnrampSessions::default()
        .created(ListCryptoOnrampSessionsCreated::RangeQuerySpecs(
            ListCryptoOnrampSessionsCreatedRangeQuerySpecs::default().gte(1_700_000_000).lt(1_800_000_000),
        ))
        .destination_network(CryptoOnrampDestinationNetwork::Base)
        .status(CryptoOnrampSessionStatus::FulfillmentComplete)
        .limit(3)
        .expand(vec!["data.transaction_details".to_owned()]);
    let page = client.crypto().onramp_sessions().list(&params).await.expect("page");
    assert_eq!(page.data.len(), 1);

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("created[gte]=1700000000&created[lt]=1800000000&destination_network=base&expand[0]=data.transaction_details&limit=3&status=fulfillment_complete")
    );
    assert!(request.body.is_empty());
    assert!(header(&request, "idempotency-key").is_none());
    assert!(header(&request, "content-type").is_none());
}

#[tokio::test]
async fn delete_escapes_the_id_into_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1/webhook_endpoints/we_1%2F..%3Fx"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"id": "we_1/..?x", "object": "webhook_endpoint", "deleted": true})),
        )
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let deleted = client.webhook_endpoints().delete("we_1/..?x").await.expect("deleted");
    assert!(deleted.deleted);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(header(&request, "idempotency-key").is_none());
}

#[tokio::test]
async fn per_request_version_and_client_wide_account() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/webhook_endpoints"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::webhook_endpoint("we_2")))
        .mount(&server)
        .await;
    let client = stripe_client::Client::builder("sk_test_123")
        .base_url(server.uri())
        .stripe_account("acct_all")
        .build()
        .expect("client");
    let params = CreateWebhookEndpoint::new(vec![EventType::All], "https://example.com/hook");
    let endpoint = client
        .with_options(RequestOptions::new().stripe_version("2025-01-27.acacia"))
        .webhook_endpoints()
        .create(&params)
        .await
        .expect("created");
    assert!(!format!("{endpoint:?}").contains("whsec_abc"), "the endpoint secret is redacted");

    let request = only_request(&server).await;
    assert_eq!(body(&request), "enabled_events[0]=*&url=https%3A%2F%2Fexample.com%2Fhook");
    assert_eq!(header(&request, "stripe-version"), Some("2025-01-27.acacia"));
    assert_eq!(header(&request, "stripe-account"), Some("acct_all"));
}

#[tokio::test]
async fn stripe_context_is_sent_per_client_and_per_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::climate_order("climorder_1")))
        .mount(&server)
        .await;
    let client = stripe_client::Client::builder("sk_test_123")
        .base_url(server.uri())
        .stripe_context("org_ctx_client")
        .build()
        .expect("client");
    let orders = client.climate().orders();
    orders.retrieve("climorder_1", &Default::default()).await.expect("client context");
    orders.retrieve("climorder_1", &Default::default()).stripe_context("org_ctx_call").await.expect("call context");
    let scoped = client.with_options(RequestOptions::new().stripe_context(""));
    scoped.climate().orders().retrieve("climorder_1", &Default::default()).await.expect("an empty context");
    let received = server.received_requests().await.unwrap_or_default();
    let contexts: Vec<_> = received.iter().map(|r| header(r, "stripe-context")).collect();
    // An empty context counts as none: the client's stands, as stripe-node ignores a falsy one.
    assert_eq!(contexts, [Some("org_ctx_client"), Some("org_ctx_call"), Some("org_ctx_client")]);
}

#[tokio::test]
async fn a_successful_call_can_answer_with_its_request_id_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("request-id", "req_abc123")
                .set_body_json(common::climate_order("climorder_1")),
        )
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let response =
        client.climate().orders().retrieve("climorder_1", &Default::default()).with_response().await.expect("order");
    assert_eq!(response.value.id, "climorder_1");
    assert_eq!((response.status, response.request_id.as_deref()), (200, Some("req_abc123")));
    assert_eq!(response.headers.get("request-id").and_then(|v| v.to_str().ok()), Some("req_abc123"));
}

#[tokio::test]
async fn app_info_and_telemetry_reach_the_server() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("request-id", "req_first")
                .set_body_json(common::climate_order("climorder_1")),
        )
        .mount(&server)
        .await;
    let client = stripe_client::Client::builder("sk_test_123")
        .base_url(server.uri())
        .app_info("GreenPlugin", Some("1.2.0"), Some("https://green.example"), Some("pp_partner_1"))
        .build()
        .expect("client");
    for _ in 0..2 {
        client.climate().orders().retrieve("climorder_1", &Default::default()).await.expect("order");
    }
    let quiet =
        stripe_client::Client::builder("sk_test_123").base_url(server.uri()).telemetry(false).build().expect("client");
    for _ in 0..2 {
        quiet.climate().orders().retrieve("climorder_1", &Default::default()).await.expect("order");
    }
    let received = server.received_requests().await.unwrap_or_default();
    let agent = header(&received[0], "user-agent").unwrap_or_default();
    assert!(agent.ends_with(" GreenPlugin/1.2.0 (https://green.example)"), "{agent}");
    let client_agent: serde_json::Value =
        serde_json::from_str(header(&received[0], "x-stripe-client-user-agent").unwrap_or("{}")).expect("JSON");
    assert_eq!(client_agent["lang"], "rust");
    assert!(client_agent["lang_version"].as_str().is_some_and(|v| v.starts_with("rustc ")), "{client_agent}");
    assert_eq!(client_agent["application"]["partner_id"], "pp_partner_1");
    assert_eq!(header(&received[0], "x-stripe-client-telemetry"), None, "nothing to report yet");
    let telemetry: serde_json::Value =
        serde_json::from_str(header(&received[1], "x-stripe-client-telemetry").unwrap_or("{}")).expect("JSON");
    assert_eq!(telemetry["last_request_metrics"]["request_id"], "req_first");
    assert!(telemetry["last_request_metrics"]["request_duration_ms"].is_u64(), "{telemetry}");
    assert!(received[2..].iter().all(|r| header(r, "x-stripe-client-telemetry").is_none()), "telemetry off");
}

#[tokio::test]
async fn a_call_can_set_its_own_key_retries_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/climate/orders/climorder_1"))
        .respond_with(ResponseTemplate::new(503).set_body_json(serde_json::json!({"error": {"type": "api_error"}})))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let error = client
        .climate()
        .orders()
        .retrieve("climorder_1", &Default::default())
        .api_key("sk_test_other")
        .max_retries(0)
        .header("X-Trace", "trace-1")
        .header("X-Trace", "trace-2")
        .await
        .expect_err("a 503");
    assert!(matches!(error, stripe_client::Error::Api(ref api) if api.status == 503), "{error}");
    // No retry, though the client would retry a 503 twice.
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer sk_test_other"));
    assert_eq!(header(&request, "x-trace"), Some("trace-2"));
}

#[tokio::test]
async fn an_empty_key_of_a_call_falls_back_to_the_clients_and_options_apply_to_every_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/climate/orders"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::page(
            vec![common::climate_order("climorder_1")],
            false,
            "/v1/climate/orders",
        )))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let options = RequestOptions::new().api_key(" ").header("X-Team", "ops");
    let page = client.climate().orders().list(&Default::default()).options(options).await.expect("page");
    assert_eq!(page.data.len(), 1);
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer sk_test_123"));
    assert_eq!(header(&request, "x-team"), Some("ops"));
}

#[tokio::test]
async fn a_header_that_cannot_be_sent_fails_the_call_without_quoting_it() {
    let server = MockServer::start().await;
    let client = common::client(&server.uri());
    let error = client
        .climate()
        .orders()
        .retrieve("climorder_1", &Default::default())
        .header("X-Secret", "sk_live_line\nbreak")
        .await
        .expect_err("refused");
    let shown = error.to_string();
    assert!(shown.contains("X-Secret") || shown.contains("x-secret"), "{shown}");
    assert!(!shown.contains("sk_live_line"), "{shown}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[test]
fn request_options_print_no_key_and_no_header_value() {
    let options = RequestOptions::new().api_key("sk_live_abc").header("X-Secret", "hush");
    let shown = format!("{options:?}");
    assert!(!shown.contains("sk_live_abc") && !shown.contains("hush") && shown.contains("X-Secret"), "{shown}");
}

#[tokio::test]
async fn put_and_patch_send_a_body_and_a_key_as_post_does_and_the_others_a_query() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let params = BTreeMap::from([("name", "x y")]);
    for method in [stripe_client::Method::PUT, stripe_client::Method::PATCH, stripe_client::Method::OPTIONS] {
        let _: serde_json::Value = client
            .request(method, stripe_client::ApiPath::with_ids("/v1/accounts/{account}/logout", ["acct_1"]), &params)
            .await
            .expect("answered");
    }
    let received = server.received_requests().await.unwrap_or_default();
    for request in &received[..2] {
        assert_eq!(body(request), "name=x%20y", "{}", request.method);
        assert_eq!(request.url.query(), None);
        assert!(header(request, "idempotency-key").is_some(), "{}", request.method);
    }
    assert_eq!(received[2].url.query(), Some("name=x%20y"));
    assert!(received[2].body.is_empty() && header(&received[2], "idempotency-key").is_none());
}
