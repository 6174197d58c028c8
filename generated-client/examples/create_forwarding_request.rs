//! Forwards card details to a third-party endpoint through Stripe.
//!
//! `STRIPE_SECRET_KEY=sk_test_... cargo run --example create_forwarding_request -- pm_... https://endpoint.example/pay`

mod support;

use std::process::ExitCode;
use stripe_client::StripeApi;

use stripe_client::{
    CreateForwardingRequest, CreateForwardingRequestRequest, CreateForwardingRequestRequestHeaders,
    ForwardingRequestReplacements,
};

#[tokio::main]
async fn main() -> ExitCode {
    support::exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let client = support::client_from_env()?;
    let mut args = std::env::args().skip(1);
    let usage = "usage: create_forwarding_request <payment method id> <destination url>";
    let payment_method = args.next().ok_or(usage)?;
    let url = args.next().ok_or(usage)?;

    let params = CreateForwardingRequest::new(
        payment_method,
        vec![
            ForwardingRequestReplacements::CardNumber,
            ForwardingRequestReplacements::CardExpiry,
            ForwardingRequestReplacements::CardCvc,
        ],
        url,
    )
    .request(
        CreateForwardingRequestRequest::default()
            .body(r#"{"card": {"number": "", "exp": "", "cvc": ""}}"#)
            .headers(vec![CreateForwardingRequestRequestHeaders::new("Destination-Api-Key", "example")]),
    );
    let forwarded = client.forwarding().requests().create(&params).await.map_err(|e| e.to_string())?;
    println!("forwarding request {}", forwarded.id);
    if let Some(response) = &forwarded.response_details {
        println!("destination answered {}: {}", response.status, response.body);
    }
    Ok(())
}
