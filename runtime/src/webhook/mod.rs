//! Receiving webhooks: check the `Stripe-Signature` header, then read the [`Event`], or the
//! [`EventNotification`] an event destination of the v2 API sends. A generated crate's `webhook` module
//! re-exports this one and adds `construct_event` for its typed events ([`typed_webhooks!`]);
//! here an event reads with its object as JSON:
//!
//! ```
//! use stripe_client_runtime::webhook::{self, Event, EventOptions};
//!
//! let secret = "whsec_test_secret";
//! let payload = br#"{"id":"evt_1","object":"event","api_version":"2026-10-28.endive","created":1700000000,
//!   "livemode":false,"pending_webhooks":1,"request":null,"type":"climate.order.created",
//!   "data":{"object":{"id":"climorder_1","object":"climate.order"}}}"#;
//! let header = webhook::signature_header(payload, secret, 1_700_000_000);
//!
//! let options = EventOptions::new().now(1_700_000_010).require_api_version(true);
//! let event: Event = webhook::construct_typed_event(payload, Some(&header), secret, &options, "2026-09-30.endive")?;
//! assert_eq!(event.type_, "climate.order.created");
//! assert_eq!(event.data.object.0["id"], "climorder_1");
//! # Ok::<(), webhook::WebhookError>(())
//! ```
//!
//! [`typed_webhooks!`]: crate::typed_webhooks

mod event;
mod notification;
mod signature;

pub use event::{Event, EventData, EventObjectKind, EventRequest, RawObject};
pub use notification::{parse_event_notification, parse_event_notification_at, EventNotification, RelatedObject};
#[allow(deprecated)]
pub use notification::{parse_thin_event, parse_thin_event_at, ThinEvent};
pub use signature::{
    construct_event_as, construct_typed_event, same_release_train, signature_header, verify, EventOptions,
    WebhookError, DEFAULT_TOLERANCE,
};
