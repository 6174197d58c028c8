//! The event a webhook delivers.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use std::fmt;

use crate::{EventObject, EventType, RedactedJson, Timestamp};

/// A Stripe event: something that happened to an object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
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
    pub data: EventData,
    /// Whether the event happened in live mode.
    pub livemode: bool,
    /// How many webhooks have yet to receive it.
    pub pending_webhooks: i64,
    /// The API request that caused the event, if any.
    #[serde(default)]
    pub request: Option<EventRequest>,
    /// What happened (`climate.order.created`): the same type as a webhook endpoint's `enabled_events`.
    #[serde(rename = "type")]
    pub type_: EventType,
}

/// The object of an event.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct EventData {
    /// The object as it is after the event.
    pub object: EventObject,
    /// For `*.updated` events, the changed fields' previous values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_attributes: Option<Map<String, Value>>,
}

/// The previous values print with secret keys masked: a rotated secret is one of them.
impl fmt::Debug for EventData {
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
pub struct EventRequest {
    /// The request's ID, if it came from the API.
    pub id: Option<String>,
    /// The idempotency key sent with it.
    pub idempotency_key: Option<String>,
}
