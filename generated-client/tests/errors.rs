//! Every error kind the client reports, with what it carries.

mod common;

use serde_json::json;
use stripe_client::StripeApi;
use stripe_client::{AdviceCode, ApiErrorKind, Client, DeclineCode, Error, ErrorCode, ErrorType, ListClimateOrders};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answer(status: u16, body: serde_json::Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(status).insert_header("request-id", "req_42").set_body_json(body))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    (server, client)
}

async fn api_error(status: u16, error: serde_json::Value) -> Box<stripe_client::ApiError> {
    let (_server, client) = answer(status, json!({ "error": error })).await;
    match client.climate().orders().retrieve("climorder_1", &Default::default()).await {
        Err(Error::Api(api)) => api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn api_errors_map_by_status_and_type() {
    let cases = [
        (400, "invalid_request_error", ApiErrorKind::InvalidRequest),
        (404, "invalid_request_error", ApiErrorKind::InvalidRequest),
        (400, "idempotency_error", ApiErrorKind::Idempotency),
        (401, "invalid_request_error", ApiErrorKind::Authentication),
        (402, "card_error", ApiErrorKind::Card),
        (403, "invalid_request_error", ApiErrorKind::Permission),
        (429, "invalid_request_error", ApiErrorKind::RateLimit),
        (500, "api_error", ApiErrorKind::Api),
    ];
    for (status, kind, expected) in cases {
        let error = api_error(status, json!({"type": kind, "message": "m"})).await;
        assert_eq!((error.status, error.kind), (status, expected), "{status} {kind}");
    }
}

#[tokio::test]
async fn api_errors_carry_every_field_and_the_request_id() {
    let error = api_error(
        402,
        json!({
            "type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds", "param": "payment_method",
            "message": "Your card has insufficient funds.", "doc_url": "https://docs.stripe.com/error-codes/card-declined",
            "request_log_url": "https://dashboard.stripe.com/logs/req_42", "advice_code": "try_again_later",
            "network_advice_code": "03", "network_decline_code": "51", "charge": "ch_1",
            "payment_intent": {"id": "pi_1", "object": "payment_intent", "client_secret": "pi_1_secret_xyz", "amount": 500},
            "payment_method": {"id": "pm_1", "object": "payment_method", "type": "card"},
            "setup_intent": {"id": "seti_1", "object": "setup_intent"},
            "source": {"id": "src_1", "object": "source"},
            "updated": 1652025690, "a_field_stripe_adds_later": {"x": 1}
        }),
    )
    .await;
    assert_eq!(error.type_, Some(ErrorType::CardError));
    assert_eq!(error.code, Some(ErrorCode::CardDeclined));
    assert_eq!(error.decline_code, Some(DeclineCode::InsufficientFunds));
    assert_eq!(error.advice_code, Some(AdviceCode::TryAgainLater));
    assert_eq!(error.network_advice_code.as_deref(), Some("03"));
    assert_eq!(error.network_decline_code.as_deref(), Some("51"));
    assert_eq!(error.charge.as_deref(), Some("ch_1"));
    let ids = [&error.payment_intent, &error.payment_method, &error.setup_intent, &error.source]
        .map(|o| o.as_ref().and_then(|o| o.id.clone()).unwrap_or_default());
    assert_eq!(ids, ["pi_1", "pm_1", "seti_1", "src_1"]);
    assert_eq!(error.payment_intent.as_ref().map(|p| p.json["amount"].clone()), Some(json!(500)));
    assert_eq!(error.other.get("updated"), Some(&json!(1652025690)));
    assert_eq!(error.other.get("a_field_stripe_adds_later"), Some(&json!({"x": 1})));
    assert_eq!(error.param.as_deref(), Some("payment_method"));
    assert_eq!(error.message.as_deref(), Some("Your card has insufficient funds."));
    assert_eq!(error.doc_url.as_deref(), Some("https://docs.stripe.com/error-codes/card-declined"));
    assert_eq!(error.request_log_url.as_deref(), Some("https://dashboard.stripe.com/logs/req_42"));
    assert_eq!(error.request_id.as_deref(), Some("req_42"));
    let shown = error.to_string();
    assert!(
        shown.contains("card_declined") && shown.contains("insufficient_funds") && shown.contains("req_42"),
        "{shown}"
    );
    let debug = format!("{error:?}");
    assert!(!debug.contains("pi_1_secret_xyz") && debug.contains("pi_1"), "{debug}");
}

#[tokio::test]
async fn codes_stripe_adds_later_are_kept_as_text_and_odd_types_are_not_dropped() {
    let error = api_error(
        400,
        json!({"type": "brand_new_error", "code": "brand_new_code", "decline_code": "brand_new_decline", "param": 7}),
    )
    .await;
    assert_eq!(error.type_, Some(ErrorType::Unknown("brand_new_error".into())));
    assert_eq!(error.code.as_ref().map(ErrorCode::as_str), Some("brand_new_code"));
    assert_eq!(error.decline_code, Some(DeclineCode::Unknown("brand_new_decline".into())));
    // A documented field of an unexpected type is kept where the rest of the object is.
    assert_eq!((error.param, error.other.get("param")), (None, Some(&json!(7))));
}

#[tokio::test]
async fn rate_limit_code_wins_over_status() {
    let error = api_error(400, json!({"type": "invalid_request_error", "code": "rate_limit"})).await;
    assert_eq!(error.kind, ApiErrorKind::RateLimit);
}

#[tokio::test]
async fn undecodable_success_names_the_field_and_quotes_the_body() {
    let mut order = common::climate_order("climorder_1");
    order["amount_total"] = json!("not a number");
    let page = common::page(vec![common::climate_order("climorder_0"), order], false, "/v1/climate/orders");
    let (_server, client) = answer(200, page).await;
    match client.climate().orders().list(&ListClimateOrders::default()).await {
        Err(Error::Decode { status, path, excerpt, request_id, .. }) => {
            assert_eq!(status, 200);
            assert_eq!(path, "data[1].amount_total");
            assert!(excerpt.starts_with("{\"object\":\"list\"") && excerpt.chars().count() <= 501, "{excerpt}");
            assert_eq!(request_id.as_deref(), Some("req_42"));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>gateway</html>"))
        .mount(&server)
        .await;
    let error =
        common::client(&server.uri()).climate().orders().retrieve("x", &Default::default()).await.expect_err("html");
    assert!(matches!(error, Error::Decode { ref excerpt, .. } if excerpt == "<html>gateway</html>"), "{error:?}");
}

#[tokio::test]
async fn an_error_body_that_is_not_stripes_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(422).set_body_string("{\"title\":\"Unprocessable\"}"))
        .mount(&server)
        .await;
    match common::client(&server.uri()).climate().orders().retrieve("x", &Default::default()).await {
        Err(Error::Api(api)) => {
            assert_eq!(api.status, 422);
            assert_eq!(api.body_excerpt.as_deref(), Some("{\"title\":\"Unprocessable\"}"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let error = common::client(&url).climate().orders().retrieve("x", &Default::default()).await.expect_err("refused");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
}

#[tokio::test]
async fn configuration_errors_are_reported_before_sending() {
    assert!(matches!(Client::builder("").build(), Err(Error::Config(_))));
    assert!(matches!(Client::builder("sk_test").base_url("ftp://x").build(), Err(Error::Config(_))));
    let error = Client::new("").climate().orders().retrieve("x", &Default::default()).await.expect_err("no key");
    assert!(matches!(error, Error::Config(_)), "{error:?}");
}
