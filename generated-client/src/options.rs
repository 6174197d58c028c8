//! Settings for one request, overriding the client's.

use std::fmt;
use std::time::Duration;

/// Settings for the requests made through a scoped client ([`Client::with_options`]).
///
/// An idempotency key belongs to one call, so it is not among them: set it on the call
/// ([`Request::idempotency_key`](crate::Request::idempotency_key)).
///
/// ```
/// # use stripe_client::{Client, RequestOptions};
/// let client = Client::new("sk_test_123");
/// let scoped = client.with_options(RequestOptions::new().stripe_account("acct_1"));
/// # let _ = scoped;
/// ```
///
/// [`Client::with_options`]: crate::Client::with_options
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// Act on behalf of this connected account (`Stripe-Account`); empty counts as none.
    pub stripe_account: Option<String>,
    /// Use this API version (`Stripe-Version`).
    pub stripe_version: Option<String>,
    /// Act in this context (`Stripe-Context`): an account of an organization, for organization
    /// API keys.
    pub stripe_context: Option<String>,
    /// Give up on an attempt after this long.
    pub timeout: Option<Duration>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the connected account.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Sets the context (`Stripe-Context`); empty counts as none.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.stripe_context = Some(context.into());
        self
    }

    /// Sets the API version.
    pub fn stripe_version(mut self, version: impl Into<String>) -> Self {
        self.stripe_version = Some(version.into());
        self
    }

    /// Sets the timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// These options, with `other`'s set values taking precedence.
    pub(crate) fn merged_with(&self, other: &RequestOptions) -> RequestOptions {
        RequestOptions {
            stripe_account: other.stripe_account.clone().or_else(|| self.stripe_account.clone()),
            stripe_version: other.stripe_version.clone().or_else(|| self.stripe_version.clone()),
            stripe_context: other.stripe_context.clone().or_else(|| self.stripe_context.clone()),
            timeout: other.timeout.or(self.timeout),
        }
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("stripe_account", &self.stripe_account)
            .field("stripe_version", &self.stripe_version)
            .field("stripe_context", &self.stripe_context)
            .field("timeout", &self.timeout)
            .finish()
    }
}
