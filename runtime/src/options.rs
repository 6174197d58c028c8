//! Settings for one request, overriding the client's.

use std::fmt;
use std::time::Duration;

/// The per-call setters, written once for each type that carries [`RequestOptions`]: the options
/// themselves, a call ([`Request`](crate::Request)) and the pages of a list. `$scope` ends what
/// each one does (`" on this call"`); the fields after it lead from `self` to the options.
macro_rules! option_setters {
    ($scope:literal $(, $path:ident)*) => {
        #[doc = concat!("Acts for this connected account", $scope, " (`Stripe-Account`); empty counts as none.")]
        pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
            self $(.$path)* .stripe_account = Some(account.into());
            self
        }

        #[doc = concat!("Acts in this context", $scope, " (`Stripe-Context`), an account of an organization for")]
        /// organization API keys; empty counts as none.
        pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
            self $(.$path)* .stripe_context = Some(context.into());
            self
        }

        #[doc = concat!("Uses this API version", $scope, " (`Stripe-Version`).")]
        pub fn stripe_version(mut self, version: impl Into<String>) -> Self {
            self $(.$path)* .stripe_version = Some(version.into());
            self
        }

        #[doc = concat!("Gives each attempt", $scope, " at most this long.")]
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self $(.$path)* .timeout = Some(timeout);
            self
        }

        #[doc = concat!("Authenticates", $scope, " with this secret key instead of the client's (the SDKs' per-request")]
        /// `apiKey`); empty counts as none. Never printed.
        pub fn api_key(mut self, key: impl Into<String>) -> Self {
            self $(.$path)* .api_key = Some(key.into());
            self
        }

        #[doc = concat!("Retries", $scope, " at most this many times (0: never).")]
        pub fn max_retries(mut self, retries: u32) -> Self {
            self $(.$path)* .max_retries = Some(retries);
            self
        }

        #[doc = concat!("Sends this header too", $scope, ": a later one of the same name replaces an earlier one")]
        /// and the client's own. A name or value that cannot be a header fails the call before it
        /// is sent.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self $(.$path)* .headers.push((name.into(), value.into()));
            self
        }
    };
}

pub(crate) use option_setters;

/// Settings that override the client's, for the requests made through a scoped client
/// ([`Client::with_options`]) or for one call ([`Request::options`]). Build them with
/// [`RequestOptions::new`] and a setter per setting; a call also has each setter itself
/// (`.api_key(..)`, `.max_retries(..)`, `.header(..)`).
///
/// An idempotency key belongs to one call, so it is not among them: set it on the call
/// ([`Request::idempotency_key`]).
///
/// ```
/// # use stripe_client_runtime::{Client, RequestOptions};
/// let client = Client::new("sk_test_123");
/// let scoped = client.with_options(RequestOptions::new().stripe_account("acct_1").max_retries(0));
/// # let _ = scoped;
/// ```
///
/// [`Client::with_options`]: crate::Client::with_options
/// [`Request::options`]: crate::Request::options
/// [`Request::idempotency_key`]: crate::Request::idempotency_key
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
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
    /// Authenticate with this secret key instead of the client's (as the SDKs' per-request
    /// `apiKey`); empty counts as none. Never printed.
    pub api_key: Option<String>,
    /// Retry at most this many times instead of the client's number (0: never).
    pub max_retries: Option<u32>,
    /// Headers to send besides the client's, in order; a later one of the same name replaces an
    /// earlier one, and any replaces the client's own header of that name.
    pub headers: Vec<(String, String)>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    option_setters!("");

    /// These options, with `other`'s set values taking precedence (its headers after these).
    pub(crate) fn merged_with(&self, other: &RequestOptions) -> RequestOptions {
        // An empty account, context or key counts as none, as in stripe-node: the scoped or the
        // client's value stands, rather than the call silently running on the platform account.
        RequestOptions {
            stripe_account: given_owned(&other.stripe_account).or_else(|| given_owned(&self.stripe_account)),
            stripe_version: other.stripe_version.clone().or_else(|| self.stripe_version.clone()),
            stripe_context: given_owned(&other.stripe_context).or_else(|| given_owned(&self.stripe_context)),
            timeout: other.timeout.or(self.timeout),
            api_key: given_owned(&other.api_key).or_else(|| given_owned(&self.api_key)),
            max_retries: other.max_retries.or(self.max_retries),
            headers: self.headers.iter().chain(&other.headers).cloned().collect(),
        }
    }
}

/// An option's value unless it is empty or only whitespace: such a value counts as none, as in
/// the SDKs (an empty header would mean something else).
pub(crate) fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|text| !text.trim().is_empty())
}

fn given_owned(value: &Option<String>) -> Option<String> {
    given(value).map(str::to_owned)
}

/// The key is never printed, and header values may be secrets too: only their names are.
impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("stripe_account", &self.stripe_account)
            .field("stripe_version", &self.stripe_version)
            .field("stripe_context", &self.stripe_context)
            .field("timeout", &self.timeout)
            .field("api_key", &self.api_key.as_ref().map(|_| crate::Redacted))
            .field("max_retries", &self.max_retries)
            .field("headers", &header_names)
            .finish()
    }
}
