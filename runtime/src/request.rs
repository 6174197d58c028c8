//! One API call as a value: built by a generated operation, configured per call, sent by `.await`.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::encode::form_fields;
use crate::options::RequestOptions;
use crate::transport::{decode_bytes, decode_json, form_request, json_request, Answer, Payload};
use crate::{ApiPath, Client, Error, FileUpload};

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

impl Client {
    /// A call whose parameters go in the query string (GET, DELETE) or a form body (POST), and
    /// whose answer is JSON. Every generated operation builds one.
    pub fn request<P, T>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Request<'_, T>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let prepared = path.into().0.and_then(|path| form_request(&method, path, params));
        Request::new(self, method, prepared, decode_json::<T>)
    }

    /// A call of Stripe's v2 API: its parameters in a JSON body (POST) or in the query string with
    /// arrays as repeated keys (GET, DELETE); a DELETE gets an `Idempotency-Key` too.
    pub fn request_json<P, T>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Request<'_, T>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let prepared = path.into().0.and_then(|path| json_request(&method, path, params));
        Request::new(self, method, prepared, decode_json::<T>)
    }

    /// Like [`request_json`](Client::request_json), for operations that answer with a file.
    pub fn request_json_bytes<P>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Request<'_, Vec<u8>>
    where
        P: Serialize + ?Sized,
    {
        self.request_json::<P, Vec<u8>>(method, path, params).bytes()
    }

    /// Like [`request`](Client::request), for operations that answer with a file (a PDF).
    pub fn request_bytes<P>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Request<'_, Vec<u8>>
    where
        P: Serialize + ?Sized,
    {
        self.request::<P, Vec<u8>>(method, path, params).bytes()
    }

    /// Like [`request`](Client::request), with a `multipart/form-data` body: the parameters as
    /// text fields and `files` as file parts.
    pub fn request_multipart<P, T>(
        &self,
        method: Method,
        path: impl Into<ApiPath>,
        params: &P,
        files: Vec<(&str, &FileUpload)>,
    ) -> Request<'_, T>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let files = files.into_iter().map(|(key, file)| (key.to_owned(), file.clone())).collect();
        let prepared = path.into().0.and_then(|path| Ok((path, Payload::Multipart(form_fields(params)?, files))));
        Request::new(self, method, prepared, decode_json::<T>)
    }

    /// Sends one call and decodes its JSON answer: [`request`](Client::request), awaited.
    pub async fn send<P, T>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Result<T, Error>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned + Send,
    {
        self.request(method, path, params).await
    }
}

impl<'a, T> Request<'a, T> {
    fn new(
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

    /// Acts for this connected account on this call (`Stripe-Account`); empty counts as none.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.options.stripe_account = Some(account.into());
        self
    }

    /// Acts in this context on this call (`Stripe-Context`); empty counts as none.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.options.stripe_context = Some(context.into());
        self
    }

    /// Uses this API version on this call (`Stripe-Version`).
    pub fn stripe_version(mut self, version: impl Into<String>) -> Self {
        self.options.stripe_version = Some(version.into());
        self
    }

    /// Gives each attempt of this call at most this long.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Authenticates this call with this secret key instead of the client's; empty counts as none.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.options.api_key = Some(key.into());
        self
    }

    /// Retries this call at most this many times (0: never).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// Sends this header too on this call (see [`RequestOptions::header`]).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

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
            let mut answer = client.execute(&self.method, &path, &payload, &options, self.idempotency_key).await?;
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
