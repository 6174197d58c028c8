//! Creates, updates, lists and deletes a webhook endpoint.
//!
//! `STRIPE_SECRET_KEY=sk_test_... cargo run --example webhook_endpoints -- https://your.host/webhook`

mod support;

use std::process::ExitCode;
use stripe_client::StripeApi;

use stripe_client::{Clearable, CreateWebhookEndpoint, EventType, ListWebhookEndpoints, UpdateWebhookEndpoint};

#[tokio::main]
async fn main() -> ExitCode {
    support::exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let client = support::client_from_env()?;
    let url = std::env::args().nth(1).ok_or("usage: webhook_endpoints <url to receive events>")?;
    let endpoints = client.webhook_endpoints();

    let created = endpoints
        .create(
            &CreateWebhookEndpoint::new(vec![EventType::ClimateOrderCreated, EventType::ClimateOrderDelivered], url)
                .description("climate orders"),
        )
        .await
        .map_err(|e| e.to_string())?;
    // The secret prints as [redacted]; read `created.secret` to store it.
    println!("created {created:?}");

    let updated = endpoints
        .update(
            &created.id,
            &UpdateWebhookEndpoint::default().description(Clearable::Clear).enabled_events(vec![EventType::All]),
        )
        .await
        .map_err(|e| e.to_string())?;
    println!("updated {}: events {:?}, description {:?}", updated.id, updated.enabled_events, updated.description);

    // One page of up to 100 (`list_onramp_sessions` shows walking every page).
    let page = endpoints.list(&ListWebhookEndpoints::default().limit(100)).await.map_err(|e| e.to_string())?;
    println!("{} endpoints{}:", page.data.len(), if page.has_more { " and more" } else { "" });
    for endpoint in &page.data {
        println!("  {} {} {}", endpoint.id, endpoint.status, endpoint.url);
    }

    let deleted = endpoints.delete(&created.id).await.map_err(|e| e.to_string())?;
    println!("deleted {}: {}", deleted.id, deleted.deleted);
    Ok(())
}
