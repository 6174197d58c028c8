//! Lists onramp sessions with filters, then walks every page.
//!
//! `STRIPE_SECRET_KEY=sk_test_... cargo run --example list_onramp_sessions`

mod support;

use std::process::ExitCode;
use stripe_client::StripeApi;

use futures_util::TryStreamExt;
use stripe_client::{
    CryptoOnrampSessionStatus, ListCryptoOnrampSessions, ListCryptoOnrampSessionsCreated,
    ListCryptoOnrampSessionsCreatedRangeQuerySpecs,
};

#[tokio::main]
async fn main() -> ExitCode {
    support::exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let client = support::client_from_env()?;
    let thirty_days_ago =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(|e| e.to_string())?.as_secs() as i64
            - 30 * 24 * 3600;
    let params = ListCryptoOnrampSessions::default()
        .status(CryptoOnrampSessionStatus::FulfillmentComplete)
        .created(ListCryptoOnrampSessionsCreated::RangeQuerySpecs(
            ListCryptoOnrampSessionsCreatedRangeQuerySpecs::default().gte(thirty_days_ago),
        ))
        .limit(10);

    let page = client.crypto().onramp_sessions().list(&params).await.map_err(|e| e.to_string())?;
    println!("first page: {} sessions (more: {})", page.data.len(), page.has_more);

    let all: Vec<_> =
        client.crypto().onramp_sessions().list(&params).stream().try_collect().await.map_err(|e| e.to_string())?;
    for session in &all {
        let details = &session.transaction_details;
        println!(
            "{} {} {:?} {:?} on {:?}",
            session.id,
            session.status,
            details.destination_amount,
            details.destination_currency,
            details.destination_network
        );
    }
    println!("{} completed sessions in the last 30 days", all.len());
    Ok(())
}
