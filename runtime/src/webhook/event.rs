//! The event a webhook delivers, generic over the types a generated crate gives its object and
//! its type.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use std::fmt;

use crate::{RedactedJson, Timestamp};

/// A Stripe event: something that happened to an object. A generated crate names it with its
/// own types (`stripe_client::webhook::Event` is `Event<EventObject, EventType>`); the defaults
/// read any event's object as JSON ([`RawObject`]) and its type as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "O: Serialize, T: Serialize", deserialize = "O: Deserialize<'de>, T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct Event<O = RawObject, T = String> {
    /// Unique identifier (`evt_...`).
    pub id: String,
    /// Always `event`.
    pub object: String,
    /// The connected account the event is about, for Connect webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The API version the event is rendered in.
    #[serde(default)]
    pub api_version: Option<String>,
    /// The context of the event (for organization webhooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// When the event happened.
    pub created: Timestamp,
    /// The object and what changed.
    pub data: EventData<O>,
    /// Whether the event happened in live mode.
    pub livemode: bool,
    /// How many webhooks have yet to receive it.
    pub pending_webhooks: i64,
    /// The API request that caused the event, if any.
    #[serde(default)]
    pub request: Option<EventRequest>,
    /// What happened (`climate.order.created`): the same type as a webhook endpoint's `enabled_events`.
    #[serde(rename = "type")]
    pub type_: T,
}

/// The object of an event.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "O: Serialize", deserialize = "O: Deserialize<'de>"))]
#[non_exhaustive]
pub struct EventData<O = RawObject> {
    /// The object as it is after the event.
    pub object: O,
    /// For `*.updated` events, the changed fields' previous values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_attributes: Option<Map<String, Value>>,
}

/// The previous values print with secret keys masked: a rotated secret is one of them.
impl<O: fmt::Debug> fmt::Debug for EventData<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let previous = self.previous_attributes.clone().map(Value::Object);
        f.debug_struct("EventData")
            .field("object", &self.object)
            .field("previous_attributes", &previous.as_ref().map(RedactedJson))
            .finish()
    }
}

/// The request behind an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventRequest {
    /// The request's ID, if it came from the API.
    pub id: Option<String>,
    /// The idempotency key sent with it.
    pub idempotency_key: Option<String>,
}

/// What a generated crate's typed event object tells the runtime: where it keeps the reason an
/// object did not decode, so that a version mismatch can be added to it.
pub trait EventObjectKind {
    /// The reason this object did not decode into its type, if it did not.
    fn undecodable_reason(&mut self) -> Option<&mut String>;
}

/// An event's object as it came, for events read without generated types. `Debug` masks the
/// values of secret-named keys.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RawObject(pub Value);

impl fmt::Debug for RawObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RawObject").field(&RedactedJson(&self.0)).finish()
    }
}

/// JSON is every object as it came: nothing fails to decode.
impl EventObjectKind for RawObject {
    fn undecodable_reason(&mut self) -> Option<&mut String> {
        None
    }
}
