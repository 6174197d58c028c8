//! Shared by the benchmarks: realistic pages, and a loopback server that serves them.
#![allow(dead_code)]

use std::net::SocketAddr;

use axum::extract::Query;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

/// Peak resident set size in KiB, since the last reset (Linux: `/proc/self/status`).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Makes the peak start again from the current resident size.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// An onramp session as Stripe returns it after fulfilment.
pub fn onramp_session(n: usize) -> Value {
    json!({
        "id": format!("cos_{n:08}"), "object": "crypto.onramp_session",
        "client_secret": format!("cos_{n:08}_secret_B5faamUkzHbcpjy6NndGq1mMZGGCo8FhK2P"), "created": 1_700_000_000 + n,
        "kyc_details_provided": true, "livemode": false, "metadata": {"order": n.to_string()}, "redirect_url": null,
        "status": "fulfillment_complete",
        "transaction_details": {
            "destination_amount": "0.123400000000000000", "destination_currencies": ["eth", "usdc"], "destination_currency": "eth",
            "destination_network": "ethereum", "destination_networks": ["ethereum", "base"],
            "fees": {"network_fee_amount": "0.07", "transaction_fee_amount": "4.04"}, "lock_wallet_address": false,
            "settlement_speed": "instant", "source_amount": "100.00", "source_currency": "usd",
            "transaction_id": "0x5e1b1a7f3c2d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab",
            "wallet_address": "0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2",
            "wallet_addresses": {"bitcoin": null, "ethereum": "0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2", "polygon": null,
                "solana": null, "stellar": null, "destination_tags": null}
        }
    })
}

/// A climate order as Stripe returns it, with one delivery.
pub fn climate_order(n: usize) -> Value {
    json!({
        "id": format!("climorder_{n:08}"), "object": "climate.order", "amount_fees": 1725, "amount_subtotal": 30000,
        "amount_total": 31725, "beneficiary": {"public_name": "Acme Corp"}, "canceled_at": null, "cancellation_reason": null,
        "certificate": "https://stripe.com/climate/certificates/x", "confirmed_at": 1_700_000_100, "created": 1_700_000_000 + n,
        "currency": "usd", "delayed_at": null, "delivered_at": 1_700_100_000,
        "delivery_details": [{"delivered_at": 1_700_100_000, "location": {"city": "Oakland", "country": "US", "latitude": 37.8,
            "longitude": -122.27, "region": "CA"}, "metric_tons": "0.5", "registry_url": "https://registry.example/x",
            "supplier": {"id": "climsup_charm_industrial", "info_url": "https://charmindustrial.com", "livemode": false,
                "locations": [{"city": "San Francisco", "country": "US", "latitude": 37.77, "longitude": -122.41, "region": "CA"}],
                "name": "Charm Industrial", "object": "climate.supplier", "removal_pathway": "biomass_carbon_removal_and_storage"}}],
        "expected_delivery_year": 2027, "livemode": false, "metadata": {"team": "green ops"}, "metric_tons": "0.50",
        "product": "climsku_frontier_offtake_portfolio_2027", "product_substituted_at": null, "status": "delivered"
    })
}

/// A list page of `items`.
pub fn page(items: Vec<Value>, has_more: bool, url: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({"object": "list", "data": items, "has_more": has_more, "url": url})).unwrap_or_default()
}

/// Serves `GET /v1/crypto/onramp_sessions` on a free loopback port: pages of `limit` sessions out of
/// `total`, following `starting_after`.
pub async fn serve_sessions(total: usize) -> SocketAddr {
    let app = Router::new().route(
        "/v1/crypto/onramp_sessions",
        get(move |Query(query): Query<std::collections::HashMap<String, String>>| async move {
            let limit: usize = query.get("limit").and_then(|l| l.parse().ok()).unwrap_or(10);
            let start = query
                .get("starting_after")
                .and_then(|c| c.trim_start_matches("cos_").parse::<usize>().ok())
                .map_or(0, |n| n + 1);
            let end = (start + limit).min(total);
            let items = (start..end).map(onramp_session).collect();
            page(items, end < total, "/v1/crypto/onramp_sessions")
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    address
}
