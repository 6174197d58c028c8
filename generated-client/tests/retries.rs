//! Retries and idempotency: what is retried, how often, and with which key.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use stripe_client::StripeApi;

use common::raw_server::{Action, RawServer};
use stripe_client::{ApiErrorKind, Client, CreateClimateOrder, Error, RetryDelay};

fn client(url: &str, retries: u32) -> Client {
    Client::builder("sk_test_123")
        .base_url(url)
        .max_retries(retries)
        .retry_delay(RetryDelay::none())
        .build()
        .expect("client")
}

fn keys(server: &RawServer) -> Vec<Option<String>> {
    server.requests().iter().map(|r| r.header("idempotency-key")).collect()
}

fn order_body() -> String {
    common::climate_order("climorder_1").to_string()
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_retried_and_never_creates_twice() {
    // The server creates on the first attempt, then drops the connection before answering. It
    // dedupes by idempotency key, as Stripe does, so the retry gets the stored answer.
    let created = Arc::new(AtomicUsize::new(0));
    let stored: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    let counter = Arc::clone(&created);
    let server = RawServer::start(move |request| {
        let key = request.header("idempotency-key").unwrap_or_default();
        let mut stored = stored.lock().expect("lock");
        match stored.get(&key) {
            Some(answer) => Action::Respond(200, vec![], answer.clone()),
            None => {
                counter.fetch_add(1, Ordering::SeqCst);
                stored.insert(key, common::climate_order("climorder_once").to_string());
                Action::Drop
            }
        }
    })
    .await;
    let order = client(&server.url, 2)
        .climate()
        .orders()
        .create(&CreateClimateOrder::new("climsku_1"))
        .await
        .expect("the retry succeeds");
    assert_eq!(order.id, "climorder_once");
    assert_eq!(created.load(Ordering::SeqCst), 1, "created exactly once");
    let keys = keys(&server);
    assert_eq!(keys.len(), 2);
    assert!(keys[0].is_some() && keys[0] == keys[1], "same key on both attempts: {keys:?}");
}

#[tokio::test]
async fn connection_resets_are_retried_up_to_the_maximum() {
    let server = RawServer::start(|_| Action::Drop).await;
    let error = client(&server.url, 2)
        .climate()
        .orders()
        .create(&CreateClimateOrder::new("climsku_1"))
        .await
        .expect_err("never answered");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    let keys = keys(&server);
    assert_eq!(keys.len(), 3, "first attempt and two retries");
    assert!(keys.iter().all(|k| k.is_some() && *k == keys[0]));
}

/// One scripted answer: status, extra headers, body.
type Answer = (u16, Vec<(&'static str, &'static str)>, String);

/// A server answering attempt `n` with `answers[n]` (the last one repeating).
async fn scripted(answers: Vec<Answer>) -> RawServer {
    let attempt = AtomicUsize::new(0);
    RawServer::start(move |_| {
        let n = attempt.fetch_add(1, Ordering::SeqCst).min(answers.len() - 1);
        let (status, headers, body) = &answers[n];
        Action::Respond(
            *status,
            headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            body.clone(),
        )
    })
    .await
}

fn api_error(kind: &str) -> String {
    serde_json::json!({"error": {"type": kind, "message": "no"}}).to_string()
}

#[tokio::test]
async fn a_500_then_a_200_succeeds_with_one_key() {
    let server = scripted(vec![(500, vec![], api_error("api_error")), (200, vec![], order_body())]).await;
    client(&server.url, 2)
        .climate()
        .orders()
        .create(&CreateClimateOrder::new("climsku_1"))
        .await
        .expect("second attempt");
    let keys = keys(&server);
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
}

#[tokio::test]
async fn conflicts_are_retried() {
    let server = scripted(vec![(409, vec![], api_error("invalid_request_error")), (200, vec![], order_body())]).await;
    client(&server.url, 2)
        .climate()
        .orders()
        .create(&CreateClimateOrder::new("climsku_1"))
        .await
        .expect("second attempt");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn stripe_should_retry_false_stops_a_500() {
    let server =
        scripted(vec![(500, vec![("stripe-should-retry", "false"), ("request-id", "req_1")], api_error("api_error"))])
            .await;
    let error =
        client(&server.url, 2).climate().orders().create(&CreateClimateOrder::new("climsku_1")).await.expect_err("500");
    assert_eq!(server.requests().len(), 1);
    match error {
        Error::Api(api) => {
            assert_eq!((api.status, api.kind, api.request_id.as_deref()), (500, ApiErrorKind::Api, Some("req_1")));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn stripe_should_retry_true_retries_a_400() {
    let server = scripted(vec![
        (400, vec![("stripe-should-retry", "true")], api_error("invalid_request_error")),
        (200, vec![], order_body()),
    ])
    .await;
    client(&server.url, 2).climate().orders().create(&CreateClimateOrder::new("climsku_1")).await.expect("retried");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_400_is_not_retried() {
    let server = scripted(vec![(400, vec![], api_error("invalid_request_error"))]).await;
    let error =
        client(&server.url, 2).climate().orders().create(&CreateClimateOrder::new("climsku_1")).await.expect_err("400");
    assert_eq!(server.requests().len(), 1);
    assert!(matches!(error, Error::Api(ref api) if api.kind == ApiErrorKind::InvalidRequest), "{error:?}");
}

#[tokio::test]
async fn persistent_5xx_gives_up_after_max_retries() {
    let server = scripted(vec![(503, vec![], api_error("api_error"))]).await;
    let error =
        client(&server.url, 3).climate().orders().create(&CreateClimateOrder::new("climsku_1")).await.expect_err("503");
    assert_eq!(server.requests().len(), 4);
    assert!(matches!(error, Error::Api(ref api) if api.status == 503));
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let server = scripted(vec![(500, vec![], api_error("api_error"))]).await;
    let _ = client(&server.url, 0).climate().orders().create(&CreateClimateOrder::new("climsku_1")).await;
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn gets_are_retried_without_an_idempotency_key() {
    let server = scripted(vec![(502, vec![], String::new()), (200, vec![], order_body())]).await;
    let order =
        client(&server.url, 2).climate().orders().retrieve("climorder_1", &Default::default()).await.expect("retried");
    assert_eq!(order.id, "climorder_1");
    assert_eq!(keys(&server), vec![None, None]);
}

// The server blocks its thread; a second worker keeps the client's timer running.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeouts_are_retried_then_reported() {
    let server = RawServer::start(|_| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        Action::Respond(200, vec![], String::new())
    })
    .await;
    let client = Client::builder("sk_test_123")
        .base_url(&server.url)
        .timeout(std::time::Duration::from_millis(50))
        .max_retries(1)
        .retry_delay(RetryDelay::none())
        .build()
        .expect("client");
    let error = client.climate().orders().retrieve("climorder_1", &Default::default()).await.expect_err("timeout");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
}
