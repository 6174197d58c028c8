//! Receives webhooks: verifies each `POST /webhook` and prints the event.
//!
//! `STRIPE_WEBHOOK_SECRET=whsec_... PORT=4242 cargo run --example webhook_receiver`
//!
//! Answers 200 for a verified event and 400 with the reason otherwise.

use std::process::ExitCode;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use stripe_client::webhook::{construct_event, WebhookError};
use stripe_client::EventObject;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET")
        .map_err(|_| "set STRIPE_WEBHOOK_SECRET to the endpoint's secret (whsec_...)")?;
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port.parse().map_err(|_| format!("PORT `{port}` is not a port number"))?,
        Err(_) => 4242,
    };
    let app = Router::new().route("/webhook", post(receive)).with_state(Arc::new(secret));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!("listening on http://127.0.0.1:{port}/webhook");
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}

async fn receive(State(secret): State<Arc<String>>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    let signature = headers.get("stripe-signature").map(|v| v.to_str().map_err(|_| WebhookError::MalformedHeader));
    let signature = match signature.transpose() {
        Ok(signature) => signature,
        Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()),
    };
    match construct_event(&body, signature, &secret) {
        Ok(event) => {
            let object = match &event.data.object {
                EventObject::ClimateOrder(order) => {
                    format!("climate order {} ({})", order.id, order.status)
                }
                EventObject::CryptoOnrampSession(session) => {
                    format!("onramp session {} ({})", session.id, session.status)
                }
                other => format!("{} object", other.object_name().unwrap_or("unknown")),
            };
            println!("{} {}: {object}", event.id, event.type_);
            (StatusCode::OK, "ok".into())
        }
        Err(error) => {
            eprintln!("rejected: {error}");
            (StatusCode::BAD_REQUEST, error.to_string())
        }
    }
}
