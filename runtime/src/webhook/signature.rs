//! `Stripe-Signature` verification, exactly as the official SDKs accept and reject.
//!
//! The header is `t=<unix seconds>,v1=<hex>[,v1=<hex>...][,v0=<hex>]`. The signed payload is
//! `"{t}.{raw body}"`, signed with HMAC-SHA256 keyed by the whole secret (`whsec_` included). Any
//! `v1` may match; `v0` and unknown schemes are ignored. The signature is checked before the
//! timestamp, and only timestamps older than the tolerance are rejected (future ones pass).

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::redact::redact_message;

use super::{Event, EventObjectKind};

type HmacSha256 = Hmac<Sha256>;

/// How old a signature may be: 300 seconds, as in the SDKs.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Why a webhook was rejected. Each reason is its own variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The request had no `Stripe-Signature` header.
    #[error("no Stripe-Signature header")]
    MissingHeader,
    /// The header has no readable timestamp (`t=`).
    #[error("unable to extract timestamp and signatures from header")]
    MalformedHeader,
    /// The header has no `v1` signature.
    #[error("no signatures found with expected scheme v1")]
    NoV1Signature,
    /// No `v1` signature matches the payload and secret.
    #[error("no signatures found matching the expected signature for payload")]
    NoMatchingSignature,
    /// No `v1` signature matches, and the secret has whitespace at its start or end: it was
    /// probably read with a newline or copied with a space.
    #[error("no signatures found matching the expected signature for payload; the secret has leading or trailing whitespace: remove it")]
    SecretWithWhitespace,
    /// The secret is empty or only whitespace: anyone could sign with it, so nothing is accepted.
    #[error("the webhook secret is empty")]
    EmptySecret,
    /// The signature is valid but older than the tolerance.
    #[error("timestamp outside the tolerance zone ({timestamp})")]
    TimestampOutsideTolerance {
        /// The header's timestamp.
        timestamp: i64,
    },
    /// The verified payload is not a JSON event.
    #[error("the payload is not a valid event: {}", crate::redact::printable(.0))]
    InvalidPayload(String),
    /// The event is rendered in an API version of another release train than the client's, and
    /// the options asked for the client's train ([`EventOptions::require_api_version`]).
    #[error("the event is rendered in API version {}, outside the release train of {client} this client reads: pin the webhook endpoint's `api_version` to {client}", crate::redact::printable(event))]
    ApiVersionMismatch {
        /// The event's `api_version`.
        event: String,
        /// The version the client was generated for.
        client: String,
    },
}

struct Parsed {
    timestamp: i64,
    v1: Vec<String>,
}

/// At most how many `v1` signatures of one header are checked: Stripe sends one per active
/// secret (two while a secret rolls), and the header is not authenticated, so its length must
/// not decide how much work a request costs.
const MAX_SIGNATURES: usize = 16;

fn parse(header: &str) -> Result<Parsed, WebhookError> {
    let mut timestamp = None;
    let mut v1 = Vec::new();
    for item in header.split(',') {
        let Some((key, value)) = item.split_once('=') else {
            continue;
        };
        match key.trim() {
            "t" if timestamp.is_none() => timestamp = Some(value.trim()),
            "v1" if v1.len() < MAX_SIGNATURES => v1.push(value.trim().to_owned()),
            _ => {}
        }
    }
    let timestamp = timestamp.and_then(|t| t.parse::<i64>().ok()).ok_or(WebhookError::MalformedHeader)?;
    Ok(Parsed { timestamp, v1 })
}

fn mac(secret: &str, timestamp: i64, payload: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac =
        HmacSha256::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    mac
}

/// Checks a webhook's signature against `secret`, at the time `now` (Unix seconds).
pub fn verify(
    payload: &[u8],
    header: Option<&str>,
    secret: &str,
    tolerance: Duration,
    now: i64,
) -> Result<(), WebhookError> {
    if secret.trim().is_empty() {
        return Err(WebhookError::EmptySecret);
    }
    let header = header.ok_or(WebhookError::MissingHeader)?;
    let parsed = parse(header)?;
    if parsed.v1.is_empty() {
        return Err(WebhookError::NoV1Signature);
    }
    let expected = mac(secret, parsed.timestamp, payload);
    // Each comparison is constant-time (hmac's verify_slice); a signature that is not hex cannot match.
    let matches =
        parsed.v1.iter().filter_map(|s| hex::decode(s).ok()).any(|bytes| expected.clone().verify_slice(&bytes).is_ok());
    if !matches && secret.trim() != secret {
        return Err(WebhookError::SecretWithWhitespace);
    }
    if !matches {
        return Err(WebhookError::NoMatchingSignature);
    }
    let age = i128::from(now) - i128::from(parsed.timestamp);
    if !tolerance.is_zero() && age > i128::from(tolerance.as_secs()) {
        return Err(WebhookError::TimestampOutsideTolerance { timestamp: parsed.timestamp });
    }
    Ok(())
}

/// Verifies at the time `now` (Unix seconds), then reads the payload as `E`: for event types of
/// your own, or of another generated crate.
pub fn construct_event_as<E: serde::de::DeserializeOwned>(
    payload: &[u8],
    header: Option<&str>,
    secret: &str,
    tolerance: Duration,
    now: i64,
) -> Result<E, WebhookError> {
    verify(payload, header, secret, tolerance, now)?;
    let mut deserializer = serde_json::Deserializer::from_slice(payload);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        WebhookError::InvalidPayload(format!("at `{path}`: {}", redact_message(&path, e.inner().to_string())))
    })
}

/// How a webhook is checked and read ([`construct_typed_event`], and the `construct_event_with`
/// of a generated crate): [`EventOptions::new`], then a setter per option to change.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventOptions {
    /// How old a signature may be (default [`DEFAULT_TOLERANCE`]; zero: any age).
    pub tolerance: Duration,
    /// The time to check against, in Unix seconds (default: the system clock).
    pub now: Option<i64>,
    /// Refuse an event rendered outside the client's release train ([`same_release_train`]), as
    /// the SDKs do (default: accept it, and say so when its object does not decode).
    pub require_api_version: bool,
}

impl Default for EventOptions {
    fn default() -> Self {
        EventOptions { tolerance: DEFAULT_TOLERANCE, now: None, require_api_version: false }
    }
}

impl EventOptions {
    /// The defaults: [`DEFAULT_TOLERANCE`], the system clock, any API version accepted.
    pub fn new() -> Self {
        Self::default()
    }

    /// How old a signature may be (zero: any age).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks the signature's age at `now` (Unix seconds) instead of the system clock's time.
    pub fn now(mut self, now: i64) -> Self {
        self.now = Some(now);
        self
    }

    /// Whether an event rendered outside the client's release train is refused.
    pub fn require_api_version(mut self, require: bool) -> Self {
        self.require_api_version = require;
        self
    }
}

/// Whether an event rendered in API version `event` reads like one in `client`'s: the same
/// version, or two versions of one release train (`2026-09-30.endive` and `2026-10-28.endive`),
/// which Stripe keeps compatible, as the SDKs accept since their late-2024 releases. Versions
/// without a train (`2024-06-20`) match only themselves.
pub fn same_release_train(event: &str, client: &str) -> bool {
    event == client || matches!((release_train(event), release_train(client)), (Some(a), Some(b)) if a == b)
}

/// The release train of a version (`endive` of `2026-09-30.endive`), if it names one.
fn release_train(version: &str) -> Option<&str> {
    version.split_once('.').map(|(_, train)| train).filter(|train| !train.is_empty())
}

/// Verifies, then reads the event with the object and type of a generated crate, as `options`
/// say; `client_version` is the API version the crate was generated for. An object that does not
/// decode in an event of another API version says so: that is the usual reason (an endpoint not
/// pinned to the client's version). A generated crate's `webhook::construct_event_with` calls it.
pub fn construct_typed_event<O, T>(
    payload: &[u8],
    header: Option<&str>,
    secret: &str,
    options: &EventOptions,
    client_version: &str,
) -> Result<Event<O, T>, WebhookError>
where
    O: serde::de::DeserializeOwned + EventObjectKind,
    T: serde::de::DeserializeOwned,
{
    let now = options.now.unwrap_or_else(system_now);
    let mut event: Event<O, T> = construct_event_as(payload, header, secret, options.tolerance, now)?;
    let Some(version) = event.api_version.clone().filter(|v| v != client_version) else {
        return Ok(event);
    };
    if options.require_api_version && !same_release_train(&version, client_version) {
        return Err(WebhookError::ApiVersionMismatch { event: version, client: client_version.to_owned() });
    }
    if let Some(error) = event.data.object.undecodable_reason() {
        error.push_str(&format!(
            "; the event is rendered in API version {version}, this client reads {client_version}: pin the webhook endpoint's `api_version` to {client_version}"
        ));
    }
    Ok(event)
}

/// The typed webhook functions of a generated crate, on its event object and type and the API
/// version it was generated for: `Event`, `construct_event`, `construct_event_at` and
/// `construct_event_with`. Generated crates invoke it in their `webhook` module.
#[macro_export]
macro_rules! typed_webhooks {
    ($object:ty, $type:ty, $version:expr) => {
        /// A webhook event of this crate's API, its object and type typed.
        pub type Event = $crate::webhook::Event<$object, $type>;

        /// Verifies with the default tolerance at the system clock's time, then reads the event.
        pub fn construct_event(
            payload: &[u8],
            header: ::std::option::Option<&str>,
            secret: &str,
        ) -> ::std::result::Result<Event, $crate::webhook::WebhookError> {
            construct_event_with(payload, header, secret, &$crate::webhook::EventOptions::new())
        }

        /// Verifies at the time `now` (Unix seconds), then reads the event.
        pub fn construct_event_at(
            payload: &[u8],
            header: ::std::option::Option<&str>,
            secret: &str,
            tolerance: ::std::time::Duration,
            now: i64,
        ) -> ::std::result::Result<Event, $crate::webhook::WebhookError> {
            let options = $crate::webhook::EventOptions::new().tolerance(tolerance).now(now);
            construct_event_with(payload, header, secret, &options)
        }

        /// Verifies, then reads the event, as `options` say (see
        /// [`construct_typed_event`]($crate::webhook::construct_typed_event)).
        pub fn construct_event_with(
            payload: &[u8],
            header: ::std::option::Option<&str>,
            secret: &str,
            options: &$crate::webhook::EventOptions,
        ) -> ::std::result::Result<Event, $crate::webhook::WebhookError> {
            $crate::webhook::construct_typed_event(payload, header, secret, options, $version)
        }
    };
}

/// The system clock's time in Unix seconds (0 for a clock set before 1970).
pub(crate) fn system_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A valid `Stripe-Signature` header for `payload`, as Stripe would send it: for your own tests.
pub fn signature_header(payload: &[u8], secret: &str, timestamp: i64) -> String {
    let signature = hex::encode(mac(secret, timestamp, payload).finalize().into_bytes());
    format!("t={timestamp},v1={signature}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_trains_decide_which_versions_read_alike() {
        // Both sides of a train change: a later version of the train, then the next train.
        assert!(same_release_train("2026-10-28.endive", "2026-09-30.endive"));
        assert!(same_release_train("2026-08-27.endive", "2026-09-30.endive"));
        assert!(!same_release_train("2026-11-25.foxtail", "2026-09-30.endive"));
        assert!(!same_release_train("2026-03-25.dahlia", "2026-09-30.endive"));
        // Date-only versions, from before trains: only the same one.
        assert!(same_release_train("2023-10-16", "2023-10-16"));
        assert!(!same_release_train("2024-06-20", "2023-10-16"));
        assert!(!same_release_train("2024-06-20", "2026-09-30.endive"));
        assert!(!same_release_train("2026-09-30.endive", "2024-06-20"));
        // A train name alone never matches a missing one.
        assert!(!same_release_train("2026-09-30.", "2026-10-28."));
    }

    #[test]
    fn the_first_timestamp_counts_and_unknown_schemes_are_ignored() {
        let parsed = parse("x=1,t=5,t=6,v0=aa,v1=bb,junk").expect("parses");
        assert_eq!(parsed.timestamp, 5);
        assert_eq!(parsed.v1, ["bb"]);
    }

    #[test]
    fn at_most_sixteen_signatures_are_considered() {
        let header = format!("t=5{}", ",v1=00".repeat(10_000));
        assert_eq!(parse(&header).expect("parses").v1.len(), MAX_SIGNATURES);
    }
}
