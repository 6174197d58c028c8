//! Receiving webhooks: check the `Stripe-Signature` header, then read the typed [`Event`], or the
//! [`ThinEvent`] an event destination of the v2 API sends.
//!
//! ```
//! use stripe_client::webhook;
//!
//! let secret = "whsec_test_secret";
//! let payload = br#"{"id":"evt_1","object":"event","api_version":null,"created":1700000000,"livemode":false,
//!   "pending_webhooks":1,"request":null,"type":"climate.order.created",
//!   "data":{"object":{"id":"climorder_1","object":"climate.order"}}}"#;
//! let header = webhook::signature_header(payload, secret, 1_700_000_000);
//!
//! let event = webhook::construct_event_at(payload, Some(&header), secret, webhook::DEFAULT_TOLERANCE, 1_700_000_010)?;
//! assert_eq!(event.type_, stripe_client::EventType::ClimateOrderCreated);
//! # Ok::<(), webhook::WebhookError>(())
//! ```

#[cfg(feature = "resources")]
mod event;
mod signature;
mod thin;

#[cfg(feature = "resources")]
pub use event::{Event, EventData, EventRequest};
#[cfg(feature = "resources")]
pub use signature::{construct_event, construct_event_at, construct_event_with, EventOptions};
pub use signature::{
    construct_event_as, same_release_train, signature_header, verify, WebhookError, DEFAULT_TOLERANCE,
};
pub use thin::{parse_thin_event, parse_thin_event_at, RelatedObject, ThinEvent};
