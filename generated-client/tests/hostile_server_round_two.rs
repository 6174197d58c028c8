//! The client against a hostile server and a careless caller, round two: secrets in a redirect's
//! URL or echoed by value, control characters, paths that would move the request, allocations a
//! server sizes, endless empty pages, webhook secrets, options that must fall back, settings that
//! must fail at build, and telemetry a server fills. One test per way, against a real local server.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::raw_server::{Action, RawServer};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::json;
use stripe_client::{
    Client, CreateClimateOrder, Error, Method, RequestOptions, RetrieveClimateOrder, RetryDelay, SearchParams,
    SearchRequest, StripeApi, V2ListRequest,
};

/// Everything a service would log about an error.
fn printed(error: &Error) -> String {
    format!("{error} {error:?}")
}

fn ok(body: String) -> Action {
    Action::Respond(200, Vec::new(), body)
}

async fn retrieve(client: &Client) -> Result<stripe_client::ClimateOrder, Error> {
    client.climate().orders().retrieve("climorder_1", &RetrieveClimateOrder::default()).await
}

#[tokio::test]
async fn a_redirect_is_quoted_without_its_query_string() {
    let location = "https://evil.example/cb?client_secret=pi_1_secret_LEAK&token=LEAK2#frag";
    let server =
        RawServer::start(move |_| Action::Respond(302, vec![("location".into(), location.into())], String::new()))
            .await;
    let error = retrieve(&common::client(&server.url)).await.expect_err("a redirect");
    let text = printed(&error);
    assert!(
        matches!(&error, Error::Redirect { location: Some(l), .. } if l == "https://evil.example/cb?[redacted]"),
        "{text}"
    );
    assert!(!text.contains("LEAK"), "{text}");
}

#[tokio::test]
async fn secrets_echoed_by_value_are_masked_in_every_server_text() {
    let own_key = "sk_test_123";
    let message = format!(
        "Invalid API Key provided: {own_key}; also sk_live_OTHERKEY1, whsec_WEBHOOKLEAK and pi_9_secret_CLIENTLEAK"
    );
    let body = json!({"error": {"type": "invalid_request_error", "message": message, "param": "rk_live_PARAMLEAK",
        "extra": {"note": "sk_live_NESTEDLEAK"}}});
    let server = RawServer::start(move |_| Action::Respond(401, Vec::new(), body.to_string())).await;
    let error = retrieve(&common::client(&server.url)).await.expect_err("401");
    let text = printed(&error);
    for leak in [own_key, "OTHERKEY1", "WEBHOOKLEAK", "CLIENTLEAK", "PARAMLEAK", "NESTEDLEAK"] {
        assert!(!text.contains(leak), "{leak} in {text}");
    }
    assert!(text.contains("Invalid API Key provided: [redacted]"), "{text}");

    // A text/plain or form-encoded error body echoing parameters.
    let form = "amount=100&client_secret=FORMLEAK&api_key=sk_live_FORMKEY&note=ok".to_owned();
    let server = RawServer::start(move |_| Action::Respond(400, Vec::new(), form.clone())).await;
    let error = retrieve(&common::client(&server.url)).await.expect_err("400");
    let text = printed(&error);
    assert!(!text.contains("FORMLEAK") && !text.contains("FORMKEY"), "{text}");
    assert!(text.contains("amount=100") && text.contains("note=ok"), "the excerpt stays useful: {text}");

    // A client key that does not look like Stripe's is masked all the same.
    let server = RawServer::start(|_| {
        Action::Respond(401, Vec::new(), json!({"error": {"message": "bad key my.custom-key"}}).to_string())
    })
    .await;
    let client = Client::builder("my.custom-key").base_url(&server.url).build().expect("client");
    let text = printed(&retrieve(&client).await.expect_err("401"));
    assert!(!text.contains("my.custom-key"), "{text}");
}

#[tokio::test]
async fn control_characters_from_a_server_are_escaped_when_printed() {
    let body = json!({"error": {"type": "api_error", "message": "fine\r\nX-Forged-Log: admin login\u{1b}[2J"}});
    let server = RawServer::start(move |_| Action::Respond(400, Vec::new(), body.to_string())).await;
    let error = retrieve(&common::client(&server.url)).await.expect_err("400");
    let shown = error.to_string();
    assert!(!shown.contains('\r') && !shown.contains('\n') && !shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("fine\\r\\nX-Forged-Log"), "{shown}");

    let location = "/x\r\nSet-Cookie: a";
    let server = RawServer::start(move |_| {
        Action::Raw(format!("HTTP/1.1 301 M\r\nlocation: {location}%0d\r\ncontent-length: 0\r\n\r\n").into_bytes())
    })
    .await;
    let shown = retrieve(&common::client(&server.url)).await.expect_err("a redirect").to_string();
    assert!(!shown.contains('\r') && !shown.contains('\n'), "{shown:?}");
}

#[tokio::test]
async fn a_callers_path_cannot_move_the_request_to_another_host() {
    let server = RawServer::start(|_| ok("{}".into())).await;
    let client = common::client(&server.url);
    for path in ["@evil.example/x", ":444/x", "//evil.example/x", "x", "/x\\..\\y", "/x\r\nHost: evil"] {
        let answer: Result<serde_json::Value, Error> = client.request(Method::GET, path, &()).await;
        assert!(matches!(answer, Err(Error::RequestPath { .. })), "{path}: {answer:?}");
    }
    assert!(server.requests().is_empty(), "nothing was sent");
    let fine: serde_json::Value = client.request(Method::GET, "/v1/x", &()).await.expect("a path");
    assert_eq!(fine, json!({}));
}

#[tokio::test]
async fn an_announced_terabyte_reserves_nothing() {
    // The body is announced as 1 TiB, and the limit would allow it: only what arrives is stored.
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1099511627776\r\n\r\n{\"id\":";
    let server = RawServer::start(move |_| Action::Raw(head.as_bytes().to_vec())).await;
    let client = Client::builder("sk_test_123")
        .base_url(&server.url)
        .max_response_bytes(usize::MAX)
        .max_retries(0)
        .build()
        .expect("client");
    let error = retrieve(&client).await.expect_err("the body is cut short");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
}

#[derive(Clone, Serialize)]
struct Search {
    query: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
}

impl SearchParams for Search {
    fn set_page(&mut self, page: Option<String>) {
        self.page = page;
    }
}

#[derive(Debug, Deserialize)]
struct Thing {
    #[allow(dead_code)]
    id: String,
}

/// A server that answers every page empty, with a fresh cursor each time.
async fn endless_empty_pages(v2: bool) -> RawServer {
    let count = Arc::new(AtomicUsize::new(0));
    RawServer::start(move |_| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        let body = if v2 {
            json!({"data": [], "next_page_url": format!("/v2/things?page=p{n}"), "previous_page_url": null})
        } else {
            json!({"object": "search_result", "data": [], "has_more": true, "next_page": format!("p{n}"), "url": "/v1/things/search"})
        };
        ok(body.to_string())
    })
    .await
}

#[tokio::test]
async fn empty_pages_with_fresh_cursors_end_a_search_and_a_v2_list() {
    let server = endless_empty_pages(false).await;
    let client = common::client(&server.url);
    let params = Search { query: "x".into(), page: None };
    let search = SearchRequest::<_, Thing>::new(&client, "/v1/things/search", params);
    let items: Vec<_> = search.stream().take(5).collect().await;
    assert!(items.is_empty(), "{items:?}");
    assert_eq!(server.requests().len(), 1, "one empty page ends the walk");

    let server = endless_empty_pages(true).await;
    let client = common::client(&server.url);
    let list = V2ListRequest::<_, Thing>::new(&client, "/v2/things", ());
    let items: Vec<_> = list.stream().take(5).collect().await;
    assert!(items.is_empty(), "{items:?}");
    assert_eq!(server.requests().len(), 1, "one empty page ends the walk");
}

#[tokio::test]
async fn an_empty_account_or_context_of_a_call_falls_back_and_both_at_once_are_refused() {
    let server = RawServer::start(|_| ok(common::climate_order("climorder_1").to_string())).await;
    let scoped = common::client(&server.url).with_options(RequestOptions::new().stripe_account("acct_scoped"));
    let orders = scoped.climate().orders();
    orders.retrieve("climorder_1", &RetrieveClimateOrder::default()).stripe_account("").await.expect("order");
    orders.retrieve("climorder_1", &RetrieveClimateOrder::default()).stripe_account("  ").await.expect("order");
    for request in server.requests() {
        assert_eq!(request.header("stripe-account").as_deref(), Some("acct_scoped"), "{}", request.head);
    }
    let both = orders.create(&CreateClimateOrder::new("climsku_1")).stripe_context("ctx_1").await;
    assert!(matches!(&both, Err(Error::Config(m)) if m.contains("Stripe-Context")), "{both:?}");
    assert_eq!(server.requests().len(), 2, "the refused call sent nothing");
}

#[test]
fn settings_that_would_fail_or_leak_later_fail_the_build() {
    let built = |builder: stripe_client::ClientBuilder| builder.build().err().map(|e| e.to_string());
    let secret = "sk_test_SECRETVALUE";
    let message = built(Client::builder(format!("{secret}\n"))).expect("a newline in the key");
    assert!(message.contains("secret key") && !message.contains("SECRETVALUE"), "{message}");
    assert!(built(Client::builder(secret).stripe_account("acct_1\r\nX: y")).is_some(), "CR/LF in an account");
    assert!(built(Client::builder(secret).stripe_context("ctx_é")).is_some(), "non-ASCII context");
    assert!(built(Client::builder(secret).app_info("Plugin\n", None, None, None)).is_some(), "CR/LF in app info");
    for url in ["https://api.example/?a=b", "https://api.example/#f", "https://user:pw@api.example"] {
        let message = built(Client::builder(secret).base_url(url)).unwrap_or_else(|| panic!("{url} accepted"));
        assert!(!message.contains("pw@") && !message.contains("a=b"), "{message}");
    }
    assert!(built(Client::builder("sk_live_abc").base_url("http://api.example")).is_some(), "live key over http");
    assert!(built(Client::builder("sk_live_abc").base_url("http://127.0.0.1:12111")).is_none(), "loopback is fine");
    assert!(built(Client::builder("sk_test_abc").base_url("http://mock.internal")).is_none(), "test keys may");
}

#[tokio::test]
async fn a_huge_request_id_is_not_echoed_in_telemetry() {
    let huge = "r".repeat(16 * 1024);
    let server = RawServer::start(move |_| {
        Action::Respond(200, vec![("request-id".into(), huge.clone())], common::climate_order("c").to_string())
    })
    .await;
    let client =
        Client::builder("sk_test_123").base_url(&server.url).retry_delay(RetryDelay::none()).build().expect("client");
    retrieve(&client).await.expect("first");
    retrieve(&client).await.expect("second, whose headers stay small");
    let second = &server.requests()[1];
    assert_eq!(second.header("x-stripe-client-telemetry"), None, "{}", second.head.len());
}

#[test]
fn kyc_details_and_forwarded_bodies_are_personal_data_and_print_redacted() {
    let forwarding: stripe_client::ForwardingRequest = serde_json::from_value(json!({
        "id": "fwdreq_1", "object": "forwarding.request", "created": 1, "livemode": false, "metadata": null,
        "payment_method": "pm_1", "replacements": ["card_number"], "request_context": null, "url": "https://third.example",
        "request_details": { "body": "{\"card\":\"4242424242424242\"}", "http_method": "POST", "headers": [] },
        "response_details": { "body": "{\"ssn\":\"078-05-1120\"}", "status": 200, "headers": [] }
    }))
    .expect("a forwarding request");
    let text = format!("{forwarding:?}");
    assert!(!text.contains("4242424242424242") && !text.contains("078-05-1120"), "{text}");

    let mut session = common::onramp_session("cos_1");
    session["kyc_details"] = json!({"first_name": "Jane", "ssn_last4": "1120"});
    let session: stripe_client::CryptoOnrampSession = serde_json::from_value(session).expect("a session");
    let text = format!("{session:?}");
    assert!(!text.contains("Jane") && !text.contains("1120"), "{text}");
}
