//! Shared by the runtime tests: clients pointed at local servers, and response bodies.
#![allow(dead_code)]

pub mod raw_server;

use serde_json::{json, Value};
use stripe_client::{Client, RetryDelay};

/// A client for `base_url` that never sleeps between retries.
pub fn client(base_url: &str) -> Client {
    Client::builder("sk_test_123").base_url(base_url).retry_delay(RetryDelay::none()).build().expect("client builds")
}

/// A climate order as Stripe returns it.
pub fn climate_order(id: &str) -> Value {
    json!({
        "id": id, "object": "climate.order", "amount_fees": 17, "amount_subtotal": 300, "amount_total": 317,
        "beneficiary": {"public_name": "Acme"}, "canceled_at": null, "cancellation_reason": null, "certificate": null,
        "confirmed_at": null, "created": 1700000000, "currency": "usd", "delayed_at": null, "delivered_at": null,
        "delivery_details": [], "expected_delivery_year": 2027, "livemode": false, "metadata": {},
        "metric_tons": "0.50", "product": "climsku_frontier", "product_substituted_at": null, "status": "open"
    })
}

/// An onramp session as Stripe returns it.
pub fn onramp_session(id: &str) -> Value {
    json!({
        "id": id, "object": "crypto.onramp_session", "client_secret": format!("{id}_secret_abc"), "created": 1691010131,
        "kyc_details_provided": false, "livemode": false, "metadata": {}, "redirect_url": null, "status": "fulfillment_complete",
        "transaction_details": {"destination_currency": "eth", "destination_network": "ethereum", "lock_wallet_address": false}
    })
}

/// A webhook endpoint as Stripe returns it.
pub fn webhook_endpoint(id: &str) -> Value {
    json!({
        "id": id, "object": "webhook_endpoint", "api_version": null, "application": null, "created": 1700000000,
        "description": "orders", "enabled_events": ["climate.order.created"], "livemode": false, "metadata": {},
        "secret": "whsec_abc", "status": "enabled", "url": "https://example.com/hook"
    })
}

/// A list page of `items`.
pub fn page(items: Vec<Value>, has_more: bool, url: &str) -> Value {
    json!({"object": "list", "data": items, "has_more": has_more, "url": url})
}
