//! Event notifications (formerly "thin events"): what an event destination of Stripe's v2 API
//! sends, naming what happened and the object it happened to, and leaving fetching either to the
//! receiver (the SDKs' `parseEventNotification`, `fetchRelatedObject` and `fetchEvent`; the SDKs
//! called them `parseThinEvent` and `ThinEvent` before, as this crate keeps doing, deprecated).

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::signature::{construct_event_as, system_now, DEFAULT_TOLERANCE};
use super::WebhookError;
#[cfg(doc)]
use crate::Error;
use crate::{ApiPath, Client, Request};

/// An event notification as an event destination receives it: ids and types, not the object
/// itself.
///
/// ```
/// use stripe_client_runtime::webhook;
///
/// let secret = "whsec_test_secret";
/// let payload = br#"{"id":"evt_test_65R","object":"v2.core.event","type":"v1.billing.meter.error_report_triggered",
///   "livemode":false,"created":"2026-11-30T10:00:00.000Z","context":"acct_1",
///   "related_object":{"id":"mtr_1","type":"billing.meter","url":"/v1/billing/meters/mtr_1"}}"#;
/// let header = webhook::signature_header(payload, secret, 1_700_000_000);
///
/// let event = webhook::parse_event_notification_at(payload, Some(&header), secret, 1_700_000_010)?;
/// assert_eq!(event.type_, "v1.billing.meter.error_report_triggered");
/// assert_eq!(event.related_object.map(|o| o.id).as_deref(), Some("mtr_1"));
/// # Ok::<(), webhook::WebhookError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct EventNotification {
    /// The event's id: fetch the whole event with [`EventNotification::fetch_event`].
    pub id: String,
    /// What happened (`v1.billing.meter.error_report_triggered`).
    #[serde(rename = "type")]
    pub type_: String,
    /// When it happened, as an RFC 3339 timestamp.
    pub created: String,
    /// Whether it happened in live mode.
    pub livemode: bool,
    /// The account it happened in, for the `Stripe-Context` of the calls that fetch it.
    #[serde(default)]
    pub context: Option<String>,
    /// The object it happened to, if any.
    #[serde(default)]
    pub related_object: Option<RelatedObject>,
    /// Why it happened (a request, an automation), as Stripe describes it.
    #[serde(default)]
    pub reason: Option<serde_json::Value>,
}

/// The object an event notification is about.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RelatedObject {
    /// The object's id.
    pub id: String,
    /// The object's type (`billing.meter`).
    #[serde(rename = "type")]
    pub type_: String,
    /// Where the API serves it (`/v1/billing/meters/mtr_1`).
    pub url: String,
}

impl EventNotification {
    /// Fetches the object the event happened to, in the event's context, as `T` (a generated
    /// type, or `serde_json::Value`); `None` for an event about no object. The object's `url`
    /// must be a path on the API: one on another host is refused ([`Error::ForeignUrl`]) before
    /// anything is sent.
    pub fn fetch_related_object<'a, T: DeserializeOwned>(&self, client: &'a Client) -> Option<Request<'a, T>> {
        let object = self.related_object.as_ref()?;
        let path = crate::path::path_on_api(client, &object.url, "related object `url`").map(str::to_owned);
        Some(self.in_context(client.request_json(reqwest::Method::GET, ApiPath(path), &())))
    }

    /// Fetches the whole event (`GET /v2/core/events/{id}`), in the event's context, as `T`.
    pub fn fetch_event<'a, T: DeserializeOwned>(&self, client: &'a Client) -> Request<'a, T> {
        let path = ApiPath::with_ids("/v2/core/events/{id}", [&self.id]);
        self.in_context(client.request_json(reqwest::Method::GET, path, &()))
    }

    fn in_context<'a, T>(&self, request: Request<'a, T>) -> Request<'a, T> {
        match &self.context {
            Some(context) => request.stripe_context(context.clone()),
            None => request,
        }
    }
}

/// Verifies the `Stripe-Signature` of an event notification with the default tolerance at the
/// system clock's time, then reads it.
pub fn parse_event_notification(
    payload: &[u8],
    header: Option<&str>,
    secret: &str,
) -> Result<EventNotification, WebhookError> {
    parse_event_notification_at(payload, header, secret, system_now())
}

/// Verifies the `Stripe-Signature` of an event notification at the time `now` (Unix seconds),
/// then reads it.
pub fn parse_event_notification_at(
    payload: &[u8],
    header: Option<&str>,
    secret: &str,
    now: i64,
) -> Result<EventNotification, WebhookError> {
    construct_event_as(payload, header, secret, DEFAULT_TOLERANCE, now)
}

/// The former name of [`EventNotification`], as the SDKs named it before.
#[deprecated(since = "0.1.0", note = "renamed `EventNotification`, as in the SDKs")]
pub type ThinEvent = EventNotification;

/// The former name of [`parse_event_notification`].
#[deprecated(since = "0.1.0", note = "renamed `parse_event_notification`, as in the SDKs")]
pub fn parse_thin_event(payload: &[u8], header: Option<&str>, secret: &str) -> Result<EventNotification, WebhookError> {
    parse_event_notification(payload, header, secret)
}

/// The former name of [`parse_event_notification_at`].
#[deprecated(since = "0.1.0", note = "renamed `parse_event_notification_at`, as in the SDKs")]
pub fn parse_thin_event_at(
    payload: &[u8],
    header: Option<&str>,
    secret: &str,
    now: i64,
) -> Result<EventNotification, WebhookError> {
    parse_event_notification_at(payload, header, secret, now)
}
