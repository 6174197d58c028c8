//! The runtime of Stripe clients generated from an OpenAPI description: what every generated
//! operation calls, written once by hand. It sends requests as Stripe's official SDKs do
//! (Stripe's bracket form encoding, idempotency keys, retries with the SDKs' backoff, the v2
//! API's JSON bodies), reads answers as untrusted (bounded bodies, no redirects, secrets masked in
//! every `Debug` and error), pages through lists, and verifies webhooks.
//!
//! Depend on a generated crate rather than on this one: `stripe-client` for Crypto Onramp,
//! Climate, Forwarding and Webhook Endpoints, or a crate `cargo xtask generate --spec` writes
//! from any Stripe spec. They re-export what their users need from here. Depend on this crate
//! directly for a [`Client`] without generated types:
//!
//! ```no_run
//! # async fn run() -> Result<(), stripe_client_runtime::Error> {
//! use stripe_client_runtime::{Client, Method};
//!
//! let client = Client::builder("sk_test_...").stripe_version("2026-09-30.endive").build()?;
//! let balance: serde_json::Value = client.request(Method::GET, "/v1/balance", &()).await?;
//! println!("{balance}");
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

/// The README's examples, compiled as doctests so they cannot drift from the API.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

mod absent;
mod clearable;
mod client;
mod decode;
mod encode;
mod error;
mod error_codes;
mod expandable;
mod fields;
mod fixture;
mod identity;
mod list;
mod object;
mod observe;
mod open_enum;
mod options;
mod path;
mod primitives;
pub mod redact;
mod request;
mod retry;
#[cfg(feature = "test-util")]
pub mod testing;
mod transport;
pub mod webhook;

pub use absent::{Absent, AbsentFields};
pub use clearable::Clearable;
pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES};
#[doc(hidden)]
pub use decode::{decode_value, is_deleted_form, DecodeByObject, DecodeFields};
pub use encode::{encode, EncodeError};
pub use error::{ApiError, ApiErrorKind, Error, ErrorObject};
pub use error_codes::{AdviceCode, DeclineCode, ErrorCode, ErrorType};
pub use expandable::Expandable;
#[doc(hidden)]
pub use fields::{debug_fields, serialize_fields, FieldVisitor, Secret, WalkFields};
pub use fixture::Fixture;
pub use identity::AppInfo;
pub use list::{List, ListParams, ListRequest, SearchList, SearchParams, SearchRequest, V2List, V2ListRequest};
pub use object::Object;
pub use options::RequestOptions;
pub use path::{path_segment, ApiPath};
pub use primitives::{Decimal, FileUpload, Timestamp};
// Documented in `redact`, their home; generated code names them from the root.
#[doc(hidden)]
pub use redact::{Redacted, RedactedJson};
pub use request::{Request, Response};
pub use reqwest::Method;
pub use retry::RetryDelay;
#[doc(hidden)]
pub use webhook::EventObjectKind;
