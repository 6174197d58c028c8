//! What can go wrong with a request, told apart the way Stripe's SDKs tell it apart.

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error_codes::{AdviceCode, DeclineCode, ErrorCode, ErrorType};
use crate::redact::{excerpt, mask_secret_values, printable};
use crate::RedactedJson;

/// A failed request.
///
/// Every text a server sent (a message, a body excerpt, a URL) is printed with its control
/// characters escaped, its secret-looking values masked and, for URLs, without a query string.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Stripe answered with an error.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The request never got an answer: connection refused or reset, DNS, TLS.
    #[error("connection error: {0}")]
    Connection(#[source] reqwest::Error),
    /// An attempt took longer than the timeout.
    #[error("request timed out: {0}")]
    Timeout(#[source] reqwest::Error),
    /// A successful response whose body does not match the expected type.
    #[error(
        "cannot decode the response (HTTP {status}) at `{}`: {}; body starts: {}",
        printable(path),
        printable(message),
        printable(excerpt)
    )]
    Decode {
        /// HTTP status.
        status: u16,
        /// Where in the body decoding failed (`data[3].status`).
        path: String,
        /// What was wrong there.
        message: String,
        /// The start of the body, bounded.
        excerpt: String,
        /// The `Request-Id` header.
        request_id: Option<String>,
    },
    /// The parameters could not be encoded.
    #[error(transparent)]
    Encode(#[from] crate::EncodeError),
    /// The client is configured wrongly (no secret key, bad base URL, unusable TLS).
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// Pagination met a cursor it had already used, or an item without an ID.
    #[error("pagination stopped: {}", printable(.0))]
    Pagination(String),
    /// The server answered with a redirect. Stripe never redirects API calls, so it is not
    /// followed: following it would answer with another URL's object.
    #[error("the server redirected the request (HTTP {status}) to {}; redirects are not followed", printable(location.as_deref().unwrap_or("no location")))]
    Redirect {
        /// HTTP status (301, 302, 303, 307, 308).
        status: u16,
        /// The `Location` the server named, if any, without its query string (it may hold a
        /// secret: `?client_secret=...`).
        location: Option<String>,
    },
    /// The answer's body is larger than the client reads (see `ClientBuilder::max_response_bytes`).
    #[error("the response body is larger than the limit of {limit} bytes{}", announced.map(|n| format!(" (announced: {n} bytes)")).unwrap_or_default())]
    ResponseTooLarge {
        /// The limit, in bytes.
        limit: usize,
        /// The `Content-Length` the server announced, if any.
        announced: Option<u64>,
    },
    /// A URL an answer handed out to follow (a v2 list's `next_page_url`, a thin event's related
    /// object) that is not a path on the API: following it could send the key to another host.
    /// Nothing was sent.
    #[error("the server's {what} `{}` is not a path on this API; nothing was sent", printable(url))]
    ForeignUrl {
        /// What the URL was (`next_page_url`).
        what: &'static str,
        /// The URL the answer named, without its query string.
        url: String,
    },
    /// A path parameter that would not stay one segment of the URL (`""`, `.`, `..`): sending it
    /// would reach the collection or its parent instead. Nothing was sent.
    #[error(
        "the `{}` parameter `{}` cannot be one segment of the request path; nothing was sent",
        printable(parameter),
        printable(value)
    )]
    PathParameter {
        /// The parameter's name in the path template.
        parameter: String,
        /// The value given.
        value: String,
    },
    /// A request path that is not a path on the client's base URL (it must start with one `/`);
    /// sending it could reach another host or port with the secret key. Nothing was sent.
    #[error("`{}` is not a path on the API ({reason}); nothing was sent", printable(path))]
    RequestPath {
        /// The path given.
        path: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// The kind of an API error, from the HTTP status and the error's `type`, as the SDKs map them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400 or 404: the request was invalid.
    InvalidRequest,
    /// 400 or 404 with `type: idempotency_error`: an idempotency key was reused with other parameters.
    Idempotency,
    /// 401: the secret key is missing or wrong.
    Authentication,
    /// 402: a card was declined.
    Card,
    /// 403: the key may not do this.
    Permission,
    /// 429 (or `code: rate_limit`): too many requests.
    RateLimit,
    /// Anything else, including 5xx.
    Api,
}

/// An error answer from Stripe: every field of Stripe's error object, the codes as open enums
/// (a decline is matched on [`DeclineCode::InsufficientFunds`], not on text), and whatever else
/// the object holds in [`ApiError::other`].
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// How to react to it.
    pub kind: ApiErrorKind,
    /// HTTP status.
    pub status: u16,
    /// The error's `type` (`card_error`, `invalid_request_error`, ...).
    pub type_: Option<ErrorType>,
    /// A code that can be handled programmatically (`card_declined`, `resource_missing`, ...).
    pub code: Option<ErrorCode>,
    /// The card issuer's reason for a decline (`insufficient_funds`, ...).
    pub decline_code: Option<DeclineCode>,
    /// How to proceed after an issuer's decline, if the issuer said.
    pub advice_code: Option<AdviceCode>,
    /// The card network's advice on how to proceed (a two-digit code).
    pub network_advice_code: Option<String>,
    /// The card network's reason for a decline.
    pub network_decline_code: Option<String>,
    /// The parameter the error is about.
    pub param: Option<String>,
    /// A human-readable message; for card errors, one that can be shown to the customer.
    pub message: Option<String>,
    /// A link to the error code's documentation.
    pub doc_url: Option<String>,
    /// A link to the request in the dashboard.
    pub request_log_url: Option<String>,
    /// For card errors, the ID of the failed charge.
    pub charge: Option<String>,
    /// The payment intent the error is about, as Stripe sent it.
    pub payment_intent: Option<ErrorObject>,
    /// The payment method the error is about, as Stripe sent it.
    pub payment_method: Option<ErrorObject>,
    /// The setup intent the error is about, as Stripe sent it.
    pub setup_intent: Option<ErrorObject>,
    /// The source the error is about, as Stripe sent it.
    pub source: Option<ErrorObject>,
    /// The error object's other fields, kept as sent (Crypto Onramp's `updated`, fields Stripe adds
    /// later, a known field of an unexpected type).
    pub other: Map<String, Value>,
    /// The `Request-Id` header, to quote to Stripe's support.
    pub request_id: Option<String>,
    /// The response body, bounded, when it was not a Stripe error object.
    pub body_excerpt: Option<String>,
}

/// An object an error is about (the payment intent of a declined confirmation), as Stripe sent
/// it: its ID and type read out, the whole JSON kept. `Debug` masks its secrets (a payment
/// intent's `client_secret`).
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct ErrorObject {
    /// The object's ID (`pi_...`), if it has one.
    pub id: Option<String>,
    /// The object's type (`payment_intent`), if it says.
    pub object: Option<String>,
    /// The object as sent: decode it with the type of a generated crate
    /// (`serde_json::from_value::<PaymentIntent>(error_object.json.clone())`).
    pub json: Value,
}

impl ErrorObject {
    fn new(json: Value) -> Self {
        let text = |key: &str| json.get(key).and_then(Value::as_str).map(str::to_owned);
        ErrorObject { id: text("id"), object: text("object"), json }
    }
}

impl fmt::Debug for ErrorObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorObject")
            .field("id", &self.id)
            .field("object", &self.object)
            .field("json", &RedactedJson(&self.json))
            .finish()
    }
}

/// The objects and other fields print with secrets masked, as every server answer does.
impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let other = Value::Object(self.other.clone());
        f.debug_struct("ApiError")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("type_", &self.type_)
            .field("code", &self.code)
            .field("decline_code", &self.decline_code)
            .field("advice_code", &self.advice_code)
            .field("network_advice_code", &self.network_advice_code)
            .field("network_decline_code", &self.network_decline_code)
            .field("param", &self.param)
            .field("message", &self.message)
            .field("doc_url", &self.doc_url)
            .field("request_log_url", &self.request_log_url)
            .field("charge", &self.charge)
            .field("payment_intent", &self.payment_intent)
            .field("payment_method", &self.payment_method)
            .field("setup_intent", &self.setup_intent)
            .field("source", &self.source)
            .field("other", &RedactedJson(&other))
            .field("request_id", &self.request_id)
            .field("body_excerpt", &self.body_excerpt)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe API error {:?} (HTTP {})", self.kind, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " [{}]", printable(code.as_str()))?;
        }
        if let Some(decline) = &self.decline_code {
            write!(f, " [decline: {}]", printable(decline.as_str()))?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {}", printable(message))?;
        }
        if let Some(param) = &self.param {
            write!(f, " (param `{}`)", printable(param))?;
        }
        if let Some(body) = &self.body_excerpt {
            write!(f, ": {}", printable(body))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request {})", printable(id))?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: Map<String, Value>,
}

impl ApiError {
    /// Reads an error response. A body that is not Stripe's error object is kept as an excerpt.
    pub(crate) fn from_response(status: u16, body: &[u8], request_id: Option<String>) -> ApiError {
        let parsed = serde_json::from_slice::<ErrorBody>(body).ok().map(|b| b.error);
        let body_excerpt = if parsed.is_none() { Some(excerpt(body)) } else { None };
        let mut fields = parsed.unwrap_or_default();
        // A field of the type Stripe documents is read out; anything else stays in `other`.
        let mut text = |key: &str| match fields.get(key) {
            Some(Value::String(_)) => fields.remove(key).and_then(|v| v.as_str().map(str::to_owned)),
            _ => None,
        };
        let type_ = text("type");
        let code = text("code");
        let kind = kind(status, type_.as_deref(), code.as_deref());
        let decline_code = text("decline_code");
        let advice_code = text("advice_code");
        let network_advice_code = text("network_advice_code");
        let network_decline_code = text("network_decline_code");
        // A message or parameter that echoes a key or a client secret does not keep it.
        let param = text("param").map(|p| mask_secret_values(&p, None));
        let message = text("message").map(|m| mask_secret_values(&m, None));
        let doc_url = text("doc_url");
        let request_log_url = text("request_log_url");
        let charge = text("charge");
        let mut object = |key: &str| match fields.get(key) {
            Some(Value::Object(_)) => fields.remove(key).map(ErrorObject::new),
            _ => None,
        };
        let (payment_intent, payment_method) = (object("payment_intent"), object("payment_method"));
        let (setup_intent, source) = (object("setup_intent"), object("source"));
        ApiError {
            kind,
            status,
            type_: type_.as_deref().map(ErrorType::from),
            code: code.as_deref().map(ErrorCode::from),
            decline_code: decline_code.as_deref().map(DeclineCode::from),
            advice_code: advice_code.as_deref().map(AdviceCode::from),
            network_advice_code,
            network_decline_code,
            param,
            message,
            doc_url,
            request_log_url,
            charge,
            payment_intent,
            payment_method,
            setup_intent,
            source,
            other: fields,
            request_id,
            body_excerpt,
        }
    }
}

fn kind(status: u16, type_: Option<&str>, code: Option<&str>) -> ApiErrorKind {
    match status {
        // The SDKs read `rate_limit` as a rate limit only where Stripe sends it.
        400 | 429 if code == Some("rate_limit") => ApiErrorKind::RateLimit,
        400 | 404 if type_ == Some("idempotency_error") => ApiErrorKind::Idempotency,
        400 | 404 => ApiErrorKind::InvalidRequest,
        401 => ApiErrorKind::Authentication,
        402 => ApiErrorKind::Card,
        403 => ApiErrorKind::Permission,
        429 => ApiErrorKind::RateLimit,
        _ => ApiErrorKind::Api,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_sdks() {
        assert_eq!(kind(400, Some("invalid_request_error"), None), ApiErrorKind::InvalidRequest);
        assert_eq!(kind(404, Some("invalid_request_error"), None), ApiErrorKind::InvalidRequest);
        assert_eq!(kind(400, Some("idempotency_error"), None), ApiErrorKind::Idempotency);
        assert_eq!(kind(401, None, None), ApiErrorKind::Authentication);
        assert_eq!(kind(402, Some("card_error"), None), ApiErrorKind::Card);
        assert_eq!(kind(403, None, None), ApiErrorKind::Permission);
        assert_eq!(kind(429, None, None), ApiErrorKind::RateLimit);
        assert_eq!(kind(400, None, Some("rate_limit")), ApiErrorKind::RateLimit);
        assert_eq!(kind(402, Some("card_error"), Some("rate_limit")), ApiErrorKind::Card);
        assert_eq!(kind(500, None, Some("rate_limit")), ApiErrorKind::Api);
        assert_eq!(kind(500, Some("api_error"), None), ApiErrorKind::Api);
    }

    #[test]
    fn foreign_error_bodies_are_kept() {
        let error = ApiError::from_response(422, b"{\"title\":\"Invalid request\"}", None);
        assert_eq!(error.kind, ApiErrorKind::Api);
        assert_eq!(error.body_excerpt.as_deref(), Some("{\"title\":\"Invalid request\"}"));
    }
}
