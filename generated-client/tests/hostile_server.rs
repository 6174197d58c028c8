//! The client against a server that misbehaves, as an attacker or a broken proxy would: one test
//! per way, each asserting what reached the server, the error, and that no secret is printed.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use stripe_client::StripeApi;

use common::raw_server::{Action, RawServer};
use serde_json::json;
use stripe_client::webhook::{construct_event_at, signature_header, DEFAULT_TOLERANCE};
use stripe_client::{
    ApiErrorKind, CancelClimateOrder, Client, CreateClimateOrder, CreateCryptoOnrampSession,
    CreateCryptoOnrampSessionCustomerInformation, CreateCryptoOnrampSessionCustomerInformationDob, Error,
    ForwardingRequest, RequestOptions, RetrieveCryptoOnrampSession, RetryDelay, UpdateWebhookEndpoint,
};

const CLIENT_SECRET: &str = "cos_1_secret_ONLYFORTHESERVER";
const WEBHOOK_SECRET: &str = "whsec_ONLYFORTHESERVER";

fn ok(body: String) -> Action {
    Action::Respond(200, Vec::new(), body)
}

/// Everything a service would log about an error.
fn printed(error: &Error) -> String {
    format!("{error} {error:?}")
}

#[tokio::test]
async fn a_body_that_does_not_decode_is_quoted_without_its_secrets() {
    let mut session = common::onramp_session("cos_1");
    session["client_secret"] = json!(CLIENT_SECRET);
    session["created"] = json!("not a timestamp");
    let server = RawServer::start(move |_| ok(session.to_string())).await;
    let client = common::client(&server.url);
    let error = client
        .crypto()
        .onramp_sessions()
        .retrieve("cos_1", &RetrieveCryptoOnrampSession::default())
        .await
        .expect_err("does not decode");
    let text = printed(&error);
    assert!(matches!(error, Error::Decode { ref path, .. } if path == "created"), "{text}");
    assert!(!text.contains(CLIENT_SECRET), "{text}");
    assert!(text.contains("\"cos_1\"") && text.contains("[redacted]"), "the excerpt stays useful: {text}");
}

#[tokio::test]
async fn a_foreign_error_body_is_quoted_without_its_secrets() {
    let body =
        json!({ "detail": "upstream failed", "request": { "headers": { "Authorization": "Bearer sk_live_x" } } });
    let server = RawServer::start(move |_| Action::Respond(422, Vec::new(), body.to_string())).await;
    let client = common::client(&server.url);
    let error = client
        .crypto()
        .onramp_sessions()
        .retrieve("cos_1", &RetrieveCryptoOnrampSession::default())
        .await
        .expect_err("an error answer");
    let text = printed(&error);
    assert!(!text.contains("sk_live_x"), "{text}");
    assert!(text.contains("upstream failed"), "{text}");
}

fn signed_event(object: serde_json::Value) -> (Vec<u8>, String) {
    let body = json!({
        "id": "evt_1", "object": "event", "api_version": "2026-09-30.endive", "created": 1_700_000_000,
        "livemode": false, "pending_webhooks": 1, "request": null, "type": "webhook_endpoint.updated",
        "data": { "object": object, "previous_attributes": { "secret": "whsec_OLD" } }
    })
    .to_string()
    .into_bytes();
    let header = signature_header(&body, "whsec_test", 1_700_000_000);
    (body, header)
}

#[test]
fn events_whose_object_does_not_decode_print_without_secrets() {
    let undecodable =
        json!({ "object": "webhook_endpoint", "id": "we_1", "secret": WEBHOOK_SECRET, "created": "soon" });
    let unknown = json!({ "object": "payment_intent", "id": "pi_1", "client_secret": CLIENT_SECRET });
    for object in [undecodable, unknown] {
        let (body, header) = signed_event(object);
        let event = construct_event_at(&body, Some(&header), "whsec_test", DEFAULT_TOLERANCE, 1_700_000_000)
            .expect("a valid event");
        let text = format!("{event:?}");
        for secret in [WEBHOOK_SECRET, CLIENT_SECRET, "whsec_OLD"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains("[redacted]"), "{text}");
    }
}

#[tokio::test]
async fn ids_that_would_leave_their_segment_are_refused_before_sending() {
    let server = RawServer::start(|_| ok("{}".into())).await;
    let client = common::client(&server.url);
    let cancel = client.climate().orders().cancel("..", &CancelClimateOrder::default()).await;
    assert!(
        matches!(&cancel, Err(Error::PathParameter { parameter, value }) if parameter == "order" && value == ".."),
        "{cancel:?}"
    );
    for id in ["", "."] {
        let update = client.webhook_endpoints().update(id, &UpdateWebhookEndpoint::default()).await;
        let message = update.expect_err("refused").to_string();
        assert!(message.contains("`webhook_endpoint`"), "{message}");
    }
    assert!(server.requests().is_empty(), "nothing reached the server");
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = RawServer::start(|request| {
        if request.head.contains("/v1/climate/orders/climorder_other") {
            return ok(common::climate_order("climorder_other").to_string());
        }
        let location = ("location".to_owned(), "/v1/climate/orders/climorder_other".to_owned());
        Action::Respond(302, vec![location], String::new())
    })
    .await;
    let client = common::client(&server.url);
    let answer = client.climate().orders().cancel("climorder_1", &CancelClimateOrder::default()).await;
    match &answer {
        Err(Error::Redirect { status: 302, location: Some(location) }) => {
            assert!(location.ends_with("climorder_other"))
        }
        other => panic!("expected a redirect error, got {other:?}"),
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "the redirect was not followed (nor retried)");
    assert!(requests[0].head.starts_with("POST /v1/climate/orders/climorder_1/cancel"));
}

#[tokio::test]
async fn a_caller_supplied_client_that_follows_redirects_is_caught() {
    let server = RawServer::start(|request| {
        if request.head.starts_with("GET /v1/climate/orders/climorder_other") {
            return ok(common::climate_order("climorder_other").to_string());
        }
        Action::Respond(307, vec![("location".into(), "/v1/climate/orders/climorder_other".into())], String::new())
    })
    .await;
    let following = reqwest::Client::builder().build().expect("a redirect-following client");
    let client = Client::builder("sk_test_123").base_url(&server.url).http_client(following).build().expect("client");
    let answer = client.climate().orders().retrieve("climorder_1", &Default::default()).await;
    assert!(matches!(answer, Err(Error::Redirect { .. })), "{answer:?}");
}

/// Retrieves an order from a server that answers with `head` and then bytes without end, with a
/// client that reads at most 4 KiB of a body; the error, and the server to ask what it saw.
async fn retrieve_from_endless(head: &'static str) -> (Error, RawServer) {
    let server = RawServer::start(move |_| Action::Endless(head.into())).await;
    let client = Client::builder("sk_test_123")
        .base_url(&server.url)
        .retry_delay(RetryDelay::none())
        .max_response_bytes(4096)
        .build()
        .expect("client");
    let answer = client.climate().orders().retrieve("climorder_1", &Default::default()).await;
    (answer.expect_err("the body is never whole"), server)
}

#[tokio::test]
async fn an_announced_body_past_the_limit_is_refused() {
    let (error, _) = retrieve_from_endless(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4294967296\r\n\r\n",
    )
    .await;
    assert!(matches!(error, Error::ResponseTooLarge { limit: 4096, announced: Some(4_294_967_296) }), "{error:?}");
    assert!(error.to_string().contains("4096"), "{error}");
}

#[tokio::test]
async fn an_endless_body_is_cut_at_the_limit() {
    let (error, server) = retrieve_from_endless(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: identity\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert!(matches!(error, Error::ResponseTooLarge { limit: 4096, announced: None }), "{error:?}");
    assert_eq!(server.requests().len(), 1, "a body past the limit is not retried");
}

#[tokio::test]
async fn an_endless_error_body_is_read_only_as_far_as_it_is_quoted() {
    let (error, _) =
        retrieve_from_endless("HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n")
            .await;
    assert!(matches!(&error, Error::Api(api) if api.status == 400), "{error:?}");
}

#[tokio::test]
async fn empty_keys_and_accounts_are_not_sent() {
    let server = RawServer::start(|_| ok(common::climate_order("climorder_1").to_string())).await;
    let client = common::client(&server.url).with_options(RequestOptions::new().stripe_account(""));
    client.climate().orders().create(&CreateClimateOrder::new("climsku_1")).idempotency_key("").await.expect("order");
    client
        .climate()
        .orders()
        .create(&CreateClimateOrder::new("climsku_1"))
        .idempotency_key(" ")
        .stripe_account("")
        .await
        .expect("order");
    for request in server.requests() {
        assert_eq!(request.header("stripe-account"), None, "{}", request.head);
        let key = request.header("idempotency-key").unwrap_or_default();
        assert_eq!(key.len(), 36, "a generated key replaces the empty one: {key:?}");
    }
}

#[tokio::test]
async fn an_idempotency_key_belongs_to_one_call() {
    let server = RawServer::start(|_| ok(common::climate_order("climorder_1").to_string())).await;
    let client = common::client(&server.url);
    let orders = client.climate().orders();
    orders.create(&CreateClimateOrder::new("climsku_1")).idempotency_key("order-1").await.expect("first");
    orders.create(&CreateClimateOrder::new("climsku_2")).await.expect("second");
    let keys: Vec<_> = server.requests().iter().map(|r| r.header("idempotency-key")).collect();
    assert_eq!(keys[0].as_deref(), Some("order-1"));
    assert!(keys[1].as_deref().is_some_and(|k| k != "order-1" && k.len() == 36), "{keys:?}");
}

#[tokio::test]
async fn a_connection_reset_while_reading_the_body_is_retried_with_the_same_key() {
    let attempts = AtomicUsize::new(0);
    let server = RawServer::start(move |_| {
        let body = common::climate_order("climorder_1").to_string();
        if attempts.fetch_add(1, Ordering::SeqCst) == 0 {
            // The head promises the whole body; the connection closes after ten bytes of it.
            let cut = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{}", body.len(), &body[..10]);
            return Action::Raw(cut.into_bytes());
        }
        ok(body)
    })
    .await;
    let client = common::client(&server.url);
    let order = client.climate().orders().create(&CreateClimateOrder::new("climsku_1")).await.expect("retried");
    assert_eq!(order.id, "climorder_1");
    let keys: Vec<_> = server.requests().iter().map(|r| r.header("idempotency-key")).collect();
    assert_eq!(keys.len(), 2, "the cut attempt and its retry");
    assert_eq!(keys[0], keys[1], "one key for both attempts");
}

#[tokio::test]
async fn rate_limit_codes_count_only_where_stripe_sends_them() {
    let body = json!({ "error": { "type": "card_error", "code": "rate_limit", "message": "declined" } }).to_string();
    let server = RawServer::start(move |_| Action::Respond(402, Vec::new(), body.clone())).await;
    let error = common::client(&server.url)
        .climate()
        .orders()
        .retrieve("climorder_1", &Default::default())
        .await
        .expect_err("402");
    assert!(matches!(&error, Error::Api(api) if api.kind == ApiErrorKind::Card), "{error:?}");
}

#[test]
fn a_base_url_that_is_not_a_url_fails_to_build() {
    for url in ["https://a b", "http://", "ftp://example.com", "api.stripe.com"] {
        let built = Client::builder("sk_test_123").base_url(url).build();
        assert!(matches!(built, Err(Error::Config(_))), "{url}: {built:?}");
    }
}

#[test]
fn forwarded_headers_and_customer_information_print_redacted() {
    let forwarding: ForwardingRequest = serde_json::from_value(json!({
        "id": "fwdreq_1", "object": "forwarding.request", "created": 1, "livemode": false, "metadata": null,
        "payment_method": "pm_1", "replacements": [], "request_context": null, "url": "https://third.example",
        "request_details": { "body": "{}", "http_method": "POST",
            "headers": [{ "name": "Authorization", "value": "Bearer sk_third_party" }] },
        "response_details": { "body": "{}", "status": 200,
            "headers": [{ "name": "Set-Cookie", "value": "session=third_party_cookie" }] }
    }))
    .expect("a forwarding request");
    let text = format!("{forwarding:?}");
    assert!(!text.contains("sk_third_party") && !text.contains("third_party_cookie"), "{text}");

    let params = CreateCryptoOnrampSession::default().customer_information(
        CreateCryptoOnrampSessionCustomerInformation::default()
            .dob(CreateCryptoOnrampSessionCustomerInformationDob::new(4, 7, 1990))
            .email("jane@example.com"),
    );
    let text = format!("{params:?}");
    assert!(!text.contains("1990") && !text.contains("jane@example.com"), "{text}");
}
