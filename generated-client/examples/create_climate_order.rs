//! Creates a climate order with an explicit idempotency key: running it twice creates one order.
//!
//! `STRIPE_SECRET_KEY=sk_test_... cargo run --example create_climate_order -- climsku_... order-2026-11-28`

mod support;

use std::process::ExitCode;
use stripe_client::StripeApi;

use stripe_client::{CreateClimateOrder, CreateClimateOrderBeneficiary, Decimal};

#[tokio::main]
async fn main() -> ExitCode {
    support::exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let client = support::client_from_env()?;
    let mut args = std::env::args().skip(1);
    let product = args.next().ok_or("usage: create_climate_order <product id> [idempotency key]")?;
    let key = args.next().unwrap_or_else(|| format!("climate-order-{product}"));

    let params = CreateClimateOrder::new(product)
        .metric_tons(Decimal::new(5, 1))
        .beneficiary(CreateClimateOrderBeneficiary::new("Example Corp"));
    let order = client.climate().orders().create(&params).idempotency_key(&key).await.map_err(|e| e.to_string())?;
    println!(
        "order {} ({}): {} t for {} {} (idempotency key {key})",
        order.id, order.status, order.metric_tons, order.amount_total, order.currency
    );
    Ok(())
}
