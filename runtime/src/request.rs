//! One API call as a value: built by a generated operation, configured per call, sent by `.await`.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use reqwest::Method;

use crate::decode::decode_bytes;
use crate::options::{option_setters, RequestOptions};
use crate::transport::{execute, Answer, Payload};
use crate::{Client, Error};

/// A call to one operation: `.await` it to send it, or set options for this call first.
///
/// ```no_run
/// # use std::collections::BTreeMap;
/// # use stripe_client_runtime::{Client, Method};
/// # async fn run(client: Client) -> Result<(), stripe_client_runtime::Error> {
/// // What a generated `client.climate().orders().create(..)` builds:
/// let params = BTreeMap::from([("product", "climsku_frontier")]);
/// let order: serde_json::Value = client
///     .request(Method::POST, "/v1/climate/orders", &params)
///     .idempotency_key("order-2026-11-28-42")
///     .max_retries(5)
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<'a, T> {
    client: &'a Client,
    server: Option<&'static str>,
    /// The API version the operation's crate was generated for: sent when nothing else chose one.
    spec_version: Option<&'static str>,
    method: Method,
    /// The path with its query string, and the body; or why they could not be built.
    prepared: Result<(String, Payload), Error>,
    options: RequestOptions,
    idempotency_key: Option<String>,
    decode: fn(&mut Answer) -> Result<T, Error>,
}

/// A successful answer with what support tickets and logs need: the status, Stripe's
/// `Request-Id` and the headers. [`Request::with_response`] gives it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Response<T> {
    /// The decoded body.
    pub value: T,
    /// The HTTP status.
    pub status: u16,
    /// The `Request-Id` header, to quote to Stripe's support.
    pub request_id: Option<String>,
    /// Every header of the answer.
    pub headers: reqwest::header::HeaderMap,
}

impl<'a, T> Request<'a, T> {
    pub(crate) fn new(
        client: &'a Client,
        method: Method,
        prepared: Result<(String, Payload), Error>,
        decode: fn(&mut Answer) -> Result<T, Error>,
    ) -> Self {
        Request {
            client,
            server: None,
            spec_version: None,
            method,
            prepared,
            options: RequestOptions::default(),
            idempotency_key: None,
            decode,
        }
    }

    /// The `Idempotency-Key` of this call (a POST, or a DELETE of the v2 API): retrying it with
    /// the same key never acts twice. Without one, a UUID v4 is generated, the same on every
    /// retry. An empty key counts as none.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    option_setters!(" on this call", options);

    /// Applies a whole set of options to this call, over any set before.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = self.options.merged_with(&options);
        self
    }

    /// Sends the call to the host that serves the operation (see [`Client::at_server`]).
    pub fn at_server(mut self, server: &'static str) -> Self {
        self.server = Some(server);
        self
    }

    /// The API version the operation was generated for: sent as `Stripe-Version` unless the
    /// call, a scoped client or the builder chose one. Every generated operation sets it.
    #[doc(hidden)]
    pub fn spec_version(mut self, version: &'static str) -> Self {
        self.spec_version = Some(version);
        self
    }

    /// Answers with the body's bytes as they came instead of decoding them: for an operation
    /// that answers with a file, or to keep Stripe's JSON as it is. Errors are still errors.
    pub fn bytes(self) -> Request<'a, Vec<u8>> {
        let Request { client, server, spec_version, method, prepared, options, idempotency_key, decode: _ } = self;
        Request { client, server, spec_version, method, prepared, options, idempotency_key, decode: decode_bytes }
    }
}

impl<'a, T: Send + 'a> Request<'a, T> {
    /// Sends the call and answers with the value and the response's status, `Request-Id` and
    /// headers, instead of the value alone.
    pub fn with_response(self) -> Pin<Box<dyn Future<Output = Result<Response<T>, Error>> + Send + 'a>> {
        Box::pin(async move {
            let (path, payload) = self.prepared?;
            let client = self.client.at_server_opt(self.server);
            let mut options = client.options.merged_with(&self.options);
            if options.stripe_version.is_none() && client.config.stripe_version.is_empty() {
                options.stripe_version = self.spec_version.map(str::to_owned);
            }
            let mut answer = execute(&client, &self.method, &path, &payload, &options, self.idempotency_key).await?;
            let value = (self.decode)(&mut answer)?;
            Ok(Response { value, status: answer.status, request_id: answer.request_id, headers: answer.headers })
        })
    }
}

impl<'a, T: Send + 'a> IntoFuture for Request<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        let response = self.with_response();
        Box::pin(async move { response.await.map(|response| response.value) })
    }
}
