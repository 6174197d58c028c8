//! How fast the client decodes and encodes: `cargo bench -p stripe-client --bench client`.
//!
//! Typed decoding is measured beside decoding the same bytes into `serde_json::Value`.

mod support;

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use stripe_client::*;

fn decoding(c: &mut Criterion) {
    let sessions = support::page((0..100).map(support::onramp_session).collect(), true, "/v1/crypto/onramp_sessions");
    let orders = support::page((0..100).map(support::climate_order).collect(), true, "/v1/climate/orders");
    let mut group = c.benchmark_group("decode 100-item page");
    group.throughput(Throughput::Bytes(sessions.len() as u64));
    group.bench_function("onramp sessions, typed", |b| {
        b.iter(|| serde_json::from_slice::<List<CryptoOnrampSession>>(black_box(&sessions)).map(|p| p.data.len()))
    });
    group.bench_function("onramp sessions, serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&sessions)).map(|v| v.is_object()))
    });
    group.throughput(Throughput::Bytes(orders.len() as u64));
    group.bench_function("climate orders, typed", |b| {
        b.iter(|| serde_json::from_slice::<List<ClimateOrder>>(black_box(&orders)).map(|p| p.data.len()))
    });
    group.bench_function("climate orders, serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&orders)).map(|v| v.is_object()))
    });
    group.finish();
}

fn create_session_params() -> CreateCryptoOnrampSession {
    CreateCryptoOnrampSession::default()
        .customer_ip_address("8.8.8.8")
        .source_amount(Decimal::new(10000, 2))
        .source_currency(CryptoOnrampSourceCurrency::Usd)
        .destination_currency(CryptoOnrampDestinationCurrency::Eth)
        .destination_network(CryptoOnrampDestinationNetwork::Ethereum)
        .destination_currencies(vec![CryptoOnrampDestinationCurrency::Eth, CryptoOnrampDestinationCurrency::Usdc])
        .destination_networks(vec![CryptoOnrampDestinationNetwork::Ethereum, CryptoOnrampDestinationNetwork::Base])
        .wallet_addresses(
            CreateCryptoOnrampSessionWalletAddresses::default()
                .ethereum("0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2")
                .base_network("0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2"),
        )
        .metadata(BTreeMap::from([("order".to_owned(), "42".to_owned()), ("user".to_owned(), "u 1".to_owned())]))
}

fn encoding(c: &mut Criterion) {
    let session = create_session_params();
    let order = CreateClimateOrder::new("climsku_frontier_offtake_portfolio_2027")
        .metric_tons(Decimal::new(50, 2))
        .beneficiary(CreateClimateOrderBeneficiary::new("Acme Corp"))
        .metadata(BTreeMap::from([("team".to_owned(), "green ops".to_owned())]));
    let mut group = c.benchmark_group("encode create parameters");
    group.bench_function("onramp session (14 fields)", |b| b.iter(|| encode(black_box(&session))));
    group.bench_function("climate order", |b| b.iter(|| encode(black_box(&order))));
    group.finish();
}

criterion_group!(benches, decoding, encoding);
criterion_main!(benches);
