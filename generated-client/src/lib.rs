//! A typed Stripe client for Crypto Onramp, Climate, Forwarding and Webhook Endpoints.
//!
//! The [`generated`] modules are written by `cargo xtask generate` from the OpenAPI description in
//! `spec/`; everything else (the transport, encoding, retries, pagination, webhooks) is the
//! hand-written runtime they call.
//!
//! ```no_run
//! # async fn run() -> Result<(), stripe_client::Error> {
//! use stripe_client::{Client, CreateClimateOrder, ListCryptoOnrampSessions, CryptoOnrampSessionStatus};
//!
//! let client = Client::new("sk_test_...");
//! let page = client
//!     .crypto()
//!     .onramp_sessions()
//!     .list(&ListCryptoOnrampSessions::default().status(CryptoOnrampSessionStatus::FulfillmentComplete).limit(3))
//!     .await?;
//! println!("{} sessions", page.data.len());
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

mod clearable;
mod client;
mod decode;
mod encode;
mod error;
mod error_codes;
mod expandable;
mod fields;
mod identity;
#[cfg(feature = "resources")]
#[rustfmt::skip] // Written by `cargo xtask generate` (prettyplease); `--check` guards it.
pub mod generated;
mod list;
mod object;
mod observe;
mod open_enum;
mod options;
mod primitives;
pub mod redact;
mod request;
mod retry;
mod transport;
pub mod webhook;

pub use clearable::Clearable;
pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES};
#[doc(hidden)]
pub use decode::{DecodeByObject, DecodeFields};
pub use encode::{encode, EncodeError};
pub use error::{ApiError, ApiErrorKind, Error, ErrorObject};
pub use error_codes::{AdviceCode, DeclineCode, ErrorCode, ErrorType};
pub use expandable::Expandable;
#[doc(hidden)]
pub use fields::{debug_fields, serialize_fields, FieldVisitor, Secret, WalkFields};
#[cfg(feature = "resources")]
pub use generated::*;
pub use identity::AppInfo;
pub use list::{List, ListParams, ListRequest, SearchList, SearchParams, SearchRequest, V2List, V2ListRequest};
pub use object::Object;
pub use options::RequestOptions;
pub use primitives::{Decimal, FileUpload, Redacted, Timestamp};
pub use redact::{decode_value, RedactedJson};
pub use request::{path_segment, request_path, Request, Response};
pub use reqwest::Method;
pub use retry::RetryDelay;

/// The README's examples, compiled as doctests so they cannot drift from the API.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
