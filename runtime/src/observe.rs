//! What a call tells `tracing` (with the default `tracing` feature): a span per call and per
//! attempt with the method, the path (no query string: it may hold parameters), the attempt, the
//! status, Stripe's `Request-Id` and the duration; an event per retry saying why and how long it
//! waits. Nothing secret is recorded: no header, no body, no parameter. Without the feature,
//! every function here does nothing.

use std::future::Future;
use std::time::Duration;

#[cfg(feature = "tracing")]
pub(crate) use tracing::Span;

/// Without `tracing`, a span is nothing.
#[cfg(not(feature = "tracing"))]
#[derive(Clone)]
pub(crate) struct Span;

/// The span of one call.
pub(crate) fn call_span(method: &str, path: &str) -> Span {
    #[cfg(feature = "tracing")]
    {
        let path = path.split('?').next().unwrap_or_default();
        tracing::info_span!(
            "stripe.call",
            method,
            path,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        )
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = (method, path);
        Span
    }
}

/// The span of one attempt of a call (`number` counts from 1).
pub(crate) fn attempt_span(number: u32) -> Span {
    #[cfg(feature = "tracing")]
    {
        tracing::debug_span!(
            "stripe.attempt",
            attempt = number,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        )
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = number;
        Span
    }
}

/// Records how an attempt or a call ended: its status and request id, if it got an answer.
pub(crate) fn record(span: &Span, status: Option<u16>, request_id: Option<&str>, took: Duration) {
    #[cfg(feature = "tracing")]
    {
        if let Some(status) = status {
            span.record("status", status);
        }
        if let Some(id) = request_id {
            span.record("request_id", id);
        }
        span.record("duration_ms", took.as_millis() as u64);
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = (span, status, request_id, took);
    }
}

/// Records how many attempts a call took.
pub(crate) fn record_attempts(span: &Span, attempts: u32) {
    #[cfg(feature = "tracing")]
    span.record("attempts", attempts);
    #[cfg(not(feature = "tracing"))]
    let _ = (span, attempts);
}

/// An event: the attempt failed in a way worth retrying, and the next one follows after `delay`.
pub(crate) fn retrying(attempt: u32, reason: &str, delay: Duration) {
    #[cfg(feature = "tracing")]
    tracing::warn!(attempt, reason, delay_ms = delay.as_millis() as u64, "retrying the Stripe request");
    #[cfg(not(feature = "tracing"))]
    let _ = (attempt, reason, delay);
}

/// `work`, run inside `span`.
pub(crate) fn within<F: Future>(span: Span, work: F) -> impl Future<Output = F::Output> {
    #[cfg(feature = "tracing")]
    {
        tracing::Instrument::instrument(work, span)
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = span;
        work
    }
}
