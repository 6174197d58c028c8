//! How to test your own code that uses `stripe-client`: copy this file into your crate's `tests/`.
//!
//! Your `Cargo.toml` needs the `test-util` feature for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! stripe-client = { version = "0.1", features = ["test-util"] }
//! tokio = { version = "1", features = ["macros", "rt"] }
//! serde_json = "1"
//! ```
//!
//! Two tools: `Fixture::fixture()` builds any response type with every field filled (then set
//! the fields your code reads), and `testing::FakeStripe` is a local server with canned answers,
//! so your code runs against the real client: encoding, headers, retries and errors included.

use serde_json::json;
use stripe_client::testing::FakeStripe;
use stripe_client::{
    ApiErrorKind, Client, ClimateOrder, ClimateOrderStatus, CreateClimateOrder, Decimal, DeclineCode, Error, ErrorCode,
    Expandable, Fixture, Method, StripeApi,
};

// ---- The code under test: yours, not part of the client. -------------------------------------

/// What a dashboard shows for an order.
fn summary(order: &ClimateOrder) -> String {
    match &order.status {
        ClimateOrderStatus::Delivered => format!("{}: {} t delivered", order.id, order.metric_tons),
        ClimateOrderStatus::Canceled => format!("{}: canceled", order.id),
        other => format!("{}: {other}", order.id),
    }
}

/// Orders the same product again once an order is delivered; `None` while it is not.
async fn reorder_when_delivered(client: &Client, order_id: &str) -> Result<Option<ClimateOrder>, Error> {
    let order = client.climate().orders().retrieve(order_id, &Default::default()).await?;
    if order.status != ClimateOrderStatus::Delivered {
        return Ok(None);
    }
    let params = CreateClimateOrder::new(order.product.id().unwrap_or_default()).metric_tons(order.metric_tons);
    let key = format!("reorder-{order_id}");
    client.climate().orders().create(&params).idempotency_key(key).await.map(Some)
}

/// Whether a failed call is worth trying again later rather than a bug to fix.
fn worth_retrying_later(error: &Error) -> bool {
    match error {
        Error::Api(api) => {
            api.kind == ApiErrorKind::RateLimit
                || api.decline_code == Some(DeclineCode::TryAgainLater)
                || api.code == Some(ErrorCode::LockTimeout)
        }
        Error::Connection(_) | Error::Timeout(_) => true,
        _ => false,
    }
}

// ---- The tests. ---------------------------------------------------------------------------------

/// A delivered order, from a fixture: only the fields the code reads are set.
fn delivered_order(id: &str) -> ClimateOrder {
    let mut order = ClimateOrder::fixture();
    order.id = id.to_owned();
    order.status = ClimateOrderStatus::Delivered;
    order.product = Expandable::Id("climsku_frontier".to_owned());
    order.metric_tons = Decimal::new(25, 1);
    order
}

#[test]
fn a_summary_says_what_was_delivered() {
    assert_eq!(summary(&delivered_order("climorder_1")), "climorder_1: 2.5 t delivered");
    let mut open = ClimateOrder::fixture();
    open.id = "climorder_2".to_owned();
    open.status = ClimateOrderStatus::Open;
    assert_eq!(summary(&open), "climorder_2: open");
}

#[tokio::test]
async fn a_delivered_order_is_ordered_again_once() {
    let fake = FakeStripe::start().await.expect("the fake starts");
    let order = serde_json::to_value(delivered_order("climorder_1")).expect("a fixture serializes");
    fake.answer(Method::GET, "/v1/climate/orders/climorder_1", 200, order);
    let reorder = serde_json::to_value(delivered_order("climorder_2")).expect("a fixture serializes");
    fake.answer(Method::POST, "/v1/climate/orders", 200, reorder);

    let client = fake.client().expect("a client of the fake");
    let placed = reorder_when_delivered(&client, "climorder_1").await.expect("no error");
    assert_eq!(placed.map(|o| o.id).as_deref(), Some("climorder_2"));

    // What your code sent, as Stripe would have read it.
    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    let create = &requests[1];
    assert_eq!((create.method.as_str(), create.path.as_str()), ("POST", "/v1/climate/orders"));
    assert_eq!(create.param("product").as_deref(), Some("climsku_frontier"));
    assert_eq!(create.param("metric_tons").as_deref(), Some("2.5"));
    assert_eq!(create.header("idempotency-key"), Some("reorder-climorder_1"));
}

#[tokio::test]
async fn an_open_order_is_left_alone() {
    let fake = FakeStripe::start().await.expect("the fake starts");
    let mut order = ClimateOrder::fixture();
    order.id = "climorder_1".to_owned();
    order.status = ClimateOrderStatus::Open;
    fake.answer(Method::GET, "/v1/climate/orders/climorder_1", 200, serde_json::to_value(order).expect("json"));

    let client = fake.client().expect("a client of the fake");
    assert!(reorder_when_delivered(&client, "climorder_1").await.expect("no error").is_none());
    assert_eq!(fake.requests().len(), 1, "nothing was ordered");
}

#[tokio::test]
async fn stripe_errors_reach_your_code_typed() {
    let fake = FakeStripe::start().await.expect("the fake starts");
    fake.answer_error(
        Method::GET,
        "/v1/climate/orders/climorder_1",
        400,
        json!({"type": "invalid_request_error", "code": "lock_timeout", "message": "Try again in a moment."}),
    );
    let client = fake.client().expect("a client of the fake");
    let error = reorder_when_delivered(&client, "climorder_1").await.expect_err("an error");
    assert!(worth_retrying_later(&error), "{error}");

    // A path the fake has no answer for is Stripe's `resource_missing`, naming the request.
    let error = client.climate().orders().retrieve("climorder_9", &Default::default()).await.expect_err("404");
    assert!(matches!(&error, Error::Api(api) if api.code == Some(ErrorCode::ResourceMissing)), "{error}");
    assert!(!worth_retrying_later(&error));
}
