//! When to retry and how long to wait, as Stripe's SDKs do.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use rand::Rng;

/// The delay before retry `n` (1-based). Tests inject [`RetryDelay::none`] so they never sleep.
#[derive(Clone)]
pub struct RetryDelay(Arc<dyn Fn(u32) -> Duration + Send + Sync>);

impl RetryDelay {
    /// The SDKs' backoff: `min(0.5 * 2^(n-1), 5)` seconds, times a jitter in `[0.5, 1)`, at least 0.5 s.
    pub fn stripe() -> Self {
        RetryDelay(Arc::new(|retry| {
            let jitter = rand::rng().random_range(0.0..1.0);
            stripe_delay(retry, jitter)
        }))
    }

    /// No delay at all.
    pub fn none() -> Self {
        RetryDelay(Arc::new(|_| Duration::ZERO))
    }

    /// A custom policy.
    pub fn custom(delay: impl Fn(u32) -> Duration + Send + Sync + 'static) -> Self {
        RetryDelay(Arc::new(delay))
    }

    pub(crate) fn delay(&self, retry: u32) -> Duration {
        (self.0)(retry)
    }
}

impl fmt::Debug for RetryDelay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RetryDelay")
    }
}

/// The delay for retry `retry` given a uniform sample `jitter` in `[0, 1)`.
pub(crate) fn stripe_delay(retry: u32, jitter: f64) -> Duration {
    let exponent = retry.saturating_sub(1).min(16) as i32;
    let base = (0.5 * 2f64.powi(exponent)).min(5.0);
    let seconds = (base * 0.5 * (1.0 + jitter)).max(0.5);
    Duration::from_secs_f64(seconds)
}

/// Whether a response with this status is worth another attempt. `Stripe-Should-Retry`, when
/// present, overrides the status rule.
pub(crate) fn should_retry_status(status: u16, should_retry_header: Option<bool>) -> bool {
    match should_retry_header {
        Some(answer) => answer,
        None => status == 409 || status >= 500,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_five_seconds_with_a_half_second_floor() {
        assert_eq!(stripe_delay(1, 0.0), Duration::from_millis(500));
        assert_eq!(stripe_delay(2, 0.0), Duration::from_millis(500));
        assert_eq!(stripe_delay(3, 0.0), Duration::from_secs(1));
        assert_eq!(stripe_delay(3, 0.999_999).as_millis(), 1999);
        assert_eq!(stripe_delay(10, 0.0), Duration::from_millis(2500));
        assert!(stripe_delay(40, 0.999_999) < Duration::from_secs(5));
    }

    #[test]
    fn retry_rules_follow_the_sdks() {
        assert!(should_retry_status(500, None));
        assert!(should_retry_status(409, None));
        assert!(!should_retry_status(400, None));
        assert!(!should_retry_status(429, None));
        assert!(!should_retry_status(503, Some(false)));
        assert!(should_retry_status(400, Some(true)));
    }
}
