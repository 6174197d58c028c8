//! The spans and events a retried call gives `tracing`, with nothing secret in any field.
#![cfg(feature = "tracing")]

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use stripe_client::StripeApi;

use common::raw_server::{Action, RawServer};
use stripe_client::CreateClimateOrder;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// A span's or event's fields, as text.
type FieldValues = HashMap<String, String>;

/// What was recorded: spans by id (name and fields), and events (their fields).
#[derive(Clone, Default)]
struct Recorded {
    spans: Arc<Mutex<HashMap<u64, (String, FieldValues)>>>,
    events: Arc<Mutex<Vec<FieldValues>>>,
}

struct Fields<'a>(&'a mut HashMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Recorded {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut fields = HashMap::new();
        attrs.record(&mut Fields(&mut fields));
        self.spans.lock().expect("lock").insert(id.into_u64(), (attrs.metadata().name().to_owned(), fields));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        if let Some((_, fields)) = self.spans.lock().expect("lock").get_mut(&id.into_u64()) {
            values.record(&mut Fields(fields));
        }
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = HashMap::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().expect("lock").push(fields);
    }
}

#[tokio::test]
async fn a_retried_call_has_a_span_per_call_and_attempt_and_an_event_per_retry() {
    let attempts = AtomicUsize::new(0);
    let server = RawServer::start(move |_| {
        if attempts.fetch_add(1, Ordering::SeqCst) == 0 {
            return Action::Respond(500, vec![("request-id".into(), "req_failed".into())], "{}".into());
        }
        let body = common::climate_order("climorder_1").to_string();
        Action::Respond(200, vec![("request-id".into(), "req_ok".into())], body)
    })
    .await;
    let recorded = Recorded::default();
    let subscriber = tracing_subscriber::registry().with(recorded.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = common::client(&server.url);
    client.climate().orders().create(&CreateClimateOrder::new("climsku_secretive")).await.expect("retried");

    let spans = recorded.spans.lock().expect("lock").clone();
    let named = |name: &str| spans.values().filter(|(n, _)| n == name).map(|(_, f)| f.clone()).collect::<Vec<_>>();
    let calls = named("stripe.call");
    assert_eq!(calls.len(), 1, "{spans:?}");
    let call = &calls[0];
    assert_eq!(call.get("method").map(String::as_str), Some("POST"));
    assert_eq!(call.get("path").map(String::as_str), Some("/v1/climate/orders"));
    assert_eq!(call.get("status").map(String::as_str), Some("200"));
    assert_eq!(call.get("request_id").map(String::as_str), Some("req_ok"));
    assert_eq!(call.get("attempts").map(String::as_str), Some("2"));
    assert!(call.contains_key("duration_ms"), "{call:?}");
    let mut statuses: Vec<String> = named("stripe.attempt").iter().filter_map(|f| f.get("status").cloned()).collect();
    statuses.sort();
    assert_eq!(statuses, ["200", "500"]);

    let events = recorded.events.lock().expect("lock").clone();
    let retry = events.iter().find(|e| e.get("reason").is_some()).expect("a retry event");
    assert_eq!(retry.get("reason").map(String::as_str), Some("HTTP 500"));
    assert_eq!(retry.get("attempt").map(String::as_str), Some("1"));

    let everything = format!("{spans:?} {events:?}");
    for secret in ["sk_test_123", "climsku_secretive", "Bearer"] {
        assert!(!everything.contains(secret), "`{secret}` in {everything}");
    }
}
