//! Webhook signatures and events: the SDK's vectors, each failure, malformed headers, and no panics.

mod common;

use std::time::Duration;

use proptest::prelude::*;
use serde::Deserialize;
use stripe_client::webhook::{self, construct_event_at, signature_header, verify, WebhookError, DEFAULT_TOLERANCE};
use stripe_client::{EventObject, EventType};

#[derive(Deserialize)]
struct Vector {
    name: String,
    now: i64,
    tolerance: u64,
    secret: String,
    payload: String,
    header: String,
    expect: String,
}

fn vectors() -> Vec<Vector> {
    let text = include_str!("fixtures/webhook-signature-vectors.json");
    serde_json::from_str(text).expect("vectors parse")
}

#[test]
fn every_sdk_vector_gives_the_sdk_result() {
    let vectors = vectors();
    assert!(vectors.len() >= 5);
    for v in vectors {
        let result = construct_event_at(
            v.payload.as_bytes(),
            Some(&v.header),
            &v.secret,
            Duration::from_secs(v.tolerance),
            v.now,
        );
        match (&result, v.expect.as_str()) {
            (Ok(event), expect) if expect.starts_with("ok") => {
                assert_eq!(expect, format!("ok (event id={}, type={})", event.id, event.type_), "{}", v.name);
            }
            (Err(WebhookError::NoMatchingSignature), expect)
                if expect.contains("No signatures found matching the expected signature") => {}
            (Err(WebhookError::TimestampOutsideTolerance { timestamp }), expect)
                if expect.contains("Timestamp outside the tolerance zone") =>
            {
                assert!(expect.contains(&format!("({timestamp})")), "{}", v.name);
            }
            (other, expect) => panic!("vector {}: expected {expect}, got {other:?}", v.name),
        }
    }
}

const SECRET: &str = "whsec_test_secret";
const NOW: i64 = 1_700_000_000;

fn event_payload(event_type: &str, object: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "id": "evt_1", "object": "event", "api_version": "2026-09-30.endive", "created": NOW, "livemode": false,
        "pending_webhooks": 1, "request": {"id": "req_1", "idempotency_key": "key-1"}, "type": event_type,
        "data": {"object": object, "previous_attributes": {"status": "open"}}
    }))
    .expect("json")
}

fn full_order() -> serde_json::Value {
    serde_json::json!({
        "id": "climorder_1", "object": "climate.order", "amount_fees": 1, "amount_subtotal": 2, "amount_total": 3,
        "canceled_at": null, "cancellation_reason": null, "certificate": null, "confirmed_at": null, "created": NOW,
        "currency": "usd", "delayed_at": null, "delivered_at": null, "delivery_details": [], "expected_delivery_year": 2027,
        "livemode": false, "metadata": {}, "metric_tons": "0.5", "product": "climsku_1", "product_substituted_at": null, "status": "confirmed"
    })
}

#[test]
fn the_header_helper_round_trips_into_a_typed_event() {
    let payload = event_payload("climate.order.canceled", full_order());
    let header = signature_header(&payload, SECRET, NOW);
    let event = construct_event_at(&payload, Some(&header), SECRET, DEFAULT_TOLERANCE, NOW + 10).expect("verified");
    assert_eq!(event.type_, EventType::ClimateOrderCanceled);
    assert_eq!(event.request.and_then(|r| r.idempotency_key).as_deref(), Some("key-1"));
    match event.data.object {
        EventObject::ClimateOrder(order) => assert_eq!(order.id, "climorder_1"),
        other => panic!("expected a climate order, got {other:?}"),
    }
    assert_eq!(event.data.previous_attributes.and_then(|p| p.get("status").cloned()), Some(serde_json::json!("open")));
}

#[test]
fn unknown_event_types_and_objects_are_kept() {
    let object =
        serde_json::json!({"id": "cos_1", "object": "crypto.onramp_session", "status": "fulfillment_complete"});
    let payload = event_payload("crypto.onramp_session.created", object.clone());
    let header = signature_header(&payload, SECRET, NOW);
    let event = construct_event_at(&payload, Some(&header), SECRET, DEFAULT_TOLERANCE, NOW).expect("verified");
    assert_eq!(event.type_, EventType::Unknown("crypto.onramp_session.created".into()));
    assert!(
        matches!(&event.data.object, EventObject::Undecodable { object: o, raw, .. } if o == "crypto.onramp_session" && *raw == object)
    );

    let alien = serde_json::json!({"id": "tx_1", "object": "treasury.transaction", "amount": 5});
    let payload = event_payload("treasury.transaction.created", alien.clone());
    let header = signature_header(&payload, SECRET, NOW);
    let event = construct_event_at(&payload, Some(&header), SECRET, DEFAULT_TOLERANCE, NOW).expect("verified");
    assert_eq!(event.data.object, EventObject::Unknown(alien.clone()));
    assert_eq!(event.data.object.object_name(), Some("treasury.transaction"));
    let back = serde_json::to_value(&event).expect("serializes");
    assert_eq!(back["data"]["object"], alien, "the raw object survives a round trip");
}

#[test]
fn each_failure_has_its_own_variant() {
    let payload = event_payload("climate.order.created", full_order());
    let good = signature_header(&payload, SECRET, NOW);
    let check = |header: Option<&str>, now: i64| verify(&payload, header, SECRET, DEFAULT_TOLERANCE, now);
    assert_eq!(check(None, NOW), Err(WebhookError::MissingHeader));
    assert_eq!(check(Some(""), NOW), Err(WebhookError::MalformedHeader));
    assert_eq!(check(Some(&format!("t={NOW}")), NOW), Err(WebhookError::NoV1Signature));
    assert_eq!(check(Some(&format!("t={NOW},v1={}", "0".repeat(64))), NOW), Err(WebhookError::NoMatchingSignature));
    assert_eq!(check(Some(&good), NOW + 301), Err(WebhookError::TimestampOutsideTolerance { timestamp: NOW }));
    assert_eq!(check(Some(&good), NOW + 300), Ok(()), "exactly at the tolerance passes");
    assert_eq!(check(Some(&good), NOW - 10_000), Ok(()), "future timestamps pass");
    assert_eq!(
        verify(&payload, Some(&good), "whsec_other", DEFAULT_TOLERANCE, NOW),
        Err(WebhookError::NoMatchingSignature)
    );
    let not_json = b"not json";
    let header = signature_header(not_json, SECRET, NOW);
    assert!(matches!(
        construct_event_at(not_json, Some(&header), SECRET, DEFAULT_TOLERANCE, NOW),
        Err(WebhookError::InvalidPayload(_))
    ));
    let not_utf8 = [0xff, 0xfe, 0x00];
    let header = signature_header(&not_utf8, SECRET, NOW);
    assert_eq!(verify(&not_utf8, Some(&header), SECRET, DEFAULT_TOLERANCE, NOW), Ok(()), "signatures are over bytes");
    assert!(matches!(
        construct_event_at(&not_utf8, Some(&header), SECRET, DEFAULT_TOLERANCE, NOW),
        Err(WebhookError::InvalidPayload(_))
    ));
}

#[test]
fn the_signature_is_checked_before_the_timestamp() {
    let payload = b"{}";
    let stale_and_wrong = format!("t={},v1={}", NOW - 10_000, "ab".repeat(32));
    assert_eq!(
        verify(payload, Some(&stale_and_wrong), SECRET, DEFAULT_TOLERANCE, NOW),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn malformed_headers() {
    let payload = b"{}";
    let good = signature_header(payload, SECRET, NOW);
    let signature = good.split_once(",v1=").map(|(_, s)| s.to_owned()).expect("v1");
    let check = |header: &str| verify(payload, Some(header), SECRET, DEFAULT_TOLERANCE, NOW);
    assert_eq!(check(&format!("v1={signature}")), Err(WebhookError::MalformedHeader), "no t");
    assert_eq!(check(&format!("t=soon,v1={signature}")), Err(WebhookError::MalformedHeader), "non-numeric t");
    assert_eq!(
        check(&format!("t=99999999999999999999999,v1={signature}")),
        Err(WebhookError::MalformedHeader),
        "t overflows"
    );
    assert_eq!(check(",,,"), Err(WebhookError::MalformedHeader));
    assert_eq!(check(&format!("t={NOW},v1=abc")), Err(WebhookError::NoMatchingSignature), "odd-length hex");
    assert_eq!(check(&format!("t={NOW},v1={}", "zz".repeat(32))), Err(WebhookError::NoMatchingSignature), "not hex");
    assert_eq!(check(&format!("t={NOW},v0={signature}")), Err(WebhookError::NoV1Signature), "v0 is ignored");
    let many: String = (0..1000).map(|i| format!(",v1={i:064x}")).collect();
    assert_eq!(check(&format!("t={NOW}{many}")), Err(WebhookError::NoMatchingSignature), "many signatures, none right");
    // The header is not authenticated: only its first sixteen signatures are checked.
    let fifteen: String = (0..15).map(|i| format!(",v1={i:064x}")).collect();
    assert_eq!(check(&format!("t={NOW}{fifteen},v1={signature}")), Ok(()), "the sixteenth matches");
    assert_eq!(
        check(&format!("t={NOW}{fifteen},v1={:064x},v1={signature}", 99)),
        Err(WebhookError::NoMatchingSignature),
        "a seventeenth is not looked at"
    );
    assert_eq!(check(&format!("t={NOW}{many},v1={signature}")), Err(WebhookError::NoMatchingSignature));
    assert_eq!(check(&format!(" t = {NOW} , v1 = {signature} ")), Ok(()), "spaces around items");
    assert_eq!(check(&format!("t={},v1={signature}", i64::MIN)), Err(WebhookError::NoMatchingSignature));
}

#[test]
fn default_clock_verifies_a_fresh_signature() {
    let payload = event_payload("climate.order.created", full_order());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs() as i64;
    let header = signature_header(&payload, SECRET, now);
    assert!(webhook::construct_event(&payload, Some(&header), SECRET).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_headers_and_bodies_never_panic(header in ".{0,300}", body in proptest::collection::vec(any::<u8>(), 0..300), now in any::<i64>()) {
        let _ = construct_event_at(&body, Some(&header), SECRET, DEFAULT_TOLERANCE, now);
    }

    #[test]
    fn header_shaped_input_never_panics(t in any::<i64>(), sigs in proptest::collection::vec("[0-9a-fA-Fxz]{0,70}", 0..5), body in ".{0,200}") {
        let header = std::iter::once(format!("t={t}")).chain(sigs.iter().map(|s| format!("v1={s}"))).collect::<Vec<_>>().join(",");
        let _ = construct_event_at(body.as_bytes(), Some(&header), SECRET, Duration::from_secs(0), t);
    }
}

fn event_in_version(version: &str, object: serde_json::Value) -> (Vec<u8>, String) {
    let body = serde_json::json!({
        "id": "evt_1", "object": "event", "api_version": version, "created": 1_700_000_000, "livemode": false,
        "pending_webhooks": 1, "request": null, "type": "climate.order.created", "data": { "object": object }
    })
    .to_string()
    .into_bytes();
    let header = signature_header(&body, "whsec_test", 1_700_000_000);
    (body, header)
}

#[test]
fn an_object_that_does_not_decode_in_another_api_version_says_why() {
    let (body, header) = event_in_version("2020-08-27", serde_json::json!({ "object": "climate.order", "id": 7 }));
    let event =
        construct_event_at(&body, Some(&header), "whsec_test", DEFAULT_TOLERANCE, 1_700_000_000).expect("event");
    match &event.data.object {
        EventObject::Undecodable { error, .. } => {
            assert!(error.contains("2020-08-27") && error.contains(stripe_client::API_VERSION), "{error}")
        }
        other => panic!("expected an undecodable object, got {other:?}"),
    }
    // In the client's own version the reason stays the decoding error alone.
    let (body, header) =
        event_in_version(stripe_client::API_VERSION, serde_json::json!({ "object": "climate.order", "id": 7 }));
    let event =
        construct_event_at(&body, Some(&header), "whsec_test", DEFAULT_TOLERANCE, 1_700_000_000).expect("event");
    assert!(matches!(&event.data.object, EventObject::Undecodable { error, .. } if !error.contains("pin")));
}

#[test]
fn a_version_outside_the_release_train_can_be_an_error() {
    let options = webhook::EventOptions::new().now(1_700_000_000).require_api_version(true);
    // A date-only version from before trains, and a version of the next train.
    for other in ["2020-08-27", "2026-11-25.foxtail"] {
        let (body, header) = event_in_version(other, serde_json::json!({ "object": "climate.order" }));
        let error = webhook::construct_event_with(&body, Some(&header), "whsec_test", &options).expect_err("refused");
        assert_eq!(
            error,
            WebhookError::ApiVersionMismatch { event: other.into(), client: stripe_client::API_VERSION.into() }
        );
    }
}

#[test]
fn a_later_version_of_the_release_train_is_accepted() {
    let options = webhook::EventOptions::new().now(1_700_000_000).require_api_version(true);
    let train = stripe_client::API_VERSION.split_once('.').map(|(_, train)| train).expect("a versioned train");
    let later = format!("2099-01-01.{train}");
    let (body, header) =
        event_in_version(&later, serde_json::json!({ "object": "climate.order", "id": "climorder_1" }));
    let event = webhook::construct_event_with(&body, Some(&header), "whsec_test", &options).expect("same train");
    assert_eq!(event.api_version.as_deref(), Some(later.as_str()));
}

#[test]
fn the_onramp_session_event_is_typed_in_both_spellings() {
    let mut session = common::onramp_session("cos_1");
    session["transaction_details"]["destination_amount"] = serde_json::json!(null);
    for spelling in ["crypto.onramp_session_updated", "crypto.onramp_session.updated"] {
        let payload = event_payload(spelling, session.clone());
        let header = signature_header(&payload, SECRET, NOW);
        let event = construct_event_at(&payload, Some(&header), SECRET, DEFAULT_TOLERANCE, NOW).expect("verified");
        assert_eq!(event.type_, EventType::CryptoOnrampSessionUpdated, "{spelling}");
        assert!(matches!(&event.data.object, EventObject::CryptoOnrampSession(s) if s.id == "cos_1"), "{spelling}");
    }
    // Written as Stripe's onramp guide spells it.
    assert_eq!(EventType::CryptoOnrampSessionUpdated.to_string(), "crypto.onramp_session_updated");
}

#[test]
fn an_empty_secret_accepts_nothing_and_a_padded_one_says_so() {
    let payload = event_payload("climate.order.created", serde_json::json!({"object": "climate.order"}));
    for empty in ["", " ", "\n"] {
        // Signed with the empty key: what anyone can do.
        let header = signature_header(&payload, empty, NOW);
        assert_eq!(verify(&payload, Some(&header), empty, DEFAULT_TOLERANCE, NOW), Err(WebhookError::EmptySecret));
    }
    let header = signature_header(&payload, SECRET, NOW);
    let padded = format!("{SECRET}\n");
    let error = verify(&payload, Some(&header), &padded, DEFAULT_TOLERANCE, NOW).expect_err("no match");
    assert_eq!(error, WebhookError::SecretWithWhitespace);
    assert!(error.to_string().contains("whitespace"), "{error}");
}
