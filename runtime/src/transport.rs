//! The one request path every call goes through: authenticate, send, read (bounded), retry,
//! decode. The server is not trusted: redirects are refused, bodies are read up to a limit, and
//! what errors quote of a body is redacted.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, LOCATION, USER_AGENT};
use reqwest::Method;
use serde::Serialize;

use crate::error::ApiError;
use std::time::Instant;

use crate::encode::{encode_with, json_body, Arrays};
use crate::observe;
use crate::options::{given, RequestOptions};
use crate::retry::should_retry_status;
use crate::{encode, Client, Error, FileUpload};

/// How much of an error answer is read: enough for any Stripe error object and an excerpt.
pub(crate) const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A response that came back, successful or not.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    pub(crate) request_id: Option<String>,
    should_retry: Option<bool>,
    pub(crate) headers: reqwest::header::HeaderMap,
}

/// What a request carries, rebuilt for every attempt.
pub(crate) enum Payload {
    /// Parameters in the query string (GET, DELETE) or nothing.
    Query,
    /// A bracket-encoded form body.
    Form(String),
    /// A multipart body: text fields and files.
    Multipart(Vec<(String, String)>, Vec<(String, FileUpload)>),
    /// A call of the v2 API: a JSON body (POST), or its parameters in the query string.
    Json(Option<Vec<u8>>),
}

impl Payload {
    fn attach(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Payload::Query | Payload::Json(None) => request,
            Payload::Json(Some(body)) => request.header(CONTENT_TYPE, "application/json").body(body.clone()),
            Payload::Form(body) => request.header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(body.clone()),
            Payload::Multipart(fields, files) => {
                let mut form = reqwest::multipart::Form::new();
                for (key, value) in fields {
                    form = form.text(key.clone(), value.clone());
                }
                for (key, file) in files {
                    let part = || reqwest::multipart::Part::bytes(file.data.clone()).file_name(file.name.clone());
                    // An unparsable content type is left for the server to judge from the name.
                    let with_type = file.content_type.as_deref().and_then(|mime| part().mime_str(mime).ok());
                    form = form.part(key.clone(), with_type.unwrap_or_else(part));
                }
                request.multipart(form)
            }
        }
    }
}

/// Why an attempt got no usable answer.
enum Failure {
    /// The network failed (connect, send, read the body, time out): retried when allowed.
    Transport(reqwest::Error),
    /// The server answered in a way that retrying cannot fix (a redirect, a body past the limit).
    Refused(Error),
}

/// Sends with retries; an answer of any status comes back, transport failures as errors.
pub(crate) async fn execute(
    client: &Client,
    method: &Method,
    path: &str,
    payload: &Payload,
    options: &RequestOptions,
    idempotency_key: Option<String>,
) -> Result<Answer, Error> {
    let span = observe::call_span(method.as_str(), path);
    let started = Instant::now();
    let outcome =
        observe::within(span.clone(), attempts(client, method, path, payload, options, idempotency_key)).await;
    let (status, request_id) = match &outcome {
        Ok((answer, _)) => (Some(answer.status), answer.request_id.as_deref()),
        Err(_) => (None, None),
    };
    observe::record(&span, status, request_id, started.elapsed());
    outcome.map(|(answer, attempts)| {
        observe::record_attempts(&span, attempts);
        answer
    })
}

/// The attempts of one call, until one answers or the retries run out; with their count.
async fn attempts(
    client: &Client,
    method: &Method,
    path: &str,
    payload: &Payload,
    options: &RequestOptions,
    idempotency_key: Option<String>,
) -> Result<(Answer, u32), Error> {
    let secret_key = given(&options.api_key).unwrap_or(&client.config.secret_key);
    if secret_key.trim().is_empty() {
        return Err(Error::Config("the secret key is empty".into()));
    }
    let url = client.request_url(path)?;
    // The v2 API makes a DELETE idempotent by key too, as the SDKs do; PUT and PATCH are
    // POST's kin.
    let keyed = sends_body(method) || (method == Method::DELETE && matches!(payload, Payload::Json(_)));
    let headers = headers(client, secret_key, keyed, options, idempotency_key)?;
    let max_retries = options.max_retries.unwrap_or(client.config.max_retries);
    let timeout = options.timeout.unwrap_or(client.config.timeout);

    let mut retries = 0;
    loop {
        let request = client.config.http.request(method.clone(), url.clone()).headers(headers.clone()).timeout(timeout);
        let span = observe::attempt_span(retries + 1);
        let started = Instant::now();
        let outcome = observe::within(span.clone(), async {
            match payload.attach(request).send().await {
                Ok(response) => read(client, response, &url).await,
                Err(error) => Err(Failure::Transport(error)),
            }
        })
        .await;
        let answered = outcome.as_ref().ok();
        let request_id = answered.and_then(|answer| answer.request_id.as_deref());
        observe::record(&span, answered.map(|answer| answer.status), request_id, started.elapsed());
        if let (Some(telemetry), Some(id)) = (&client.config.telemetry, request_id) {
            telemetry.record(id, started.elapsed());
        }
        let retry_because = match &outcome {
            Ok(answer) if !answer.is_success() && should_retry_status(answer.status, answer.should_retry) => {
                Some(format!("HTTP {}", answer.status))
            }
            Ok(_) | Err(Failure::Refused(_)) => None,
            Err(Failure::Transport(error)) => {
                let retryable = error.is_connect()
                    || error.is_timeout()
                    || error.is_request()
                    || error.is_body()
                    || error.is_decode();
                retryable.then(|| if error.is_timeout() { "timeout" } else { "connection error" }.to_owned())
            }
        };
        if let Some(reason) = retry_because.filter(|_| retries < max_retries) {
            retries += 1;
            let delay = client.config.retry_delay.delay(retries);
            observe::retrying(retries, &reason, delay);
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            continue;
        }
        // reqwest's messages quote the URL, whose query string may hold a parameter's value.
        return match outcome {
            Ok(answer) => Ok((answer, retries + 1)),
            Err(Failure::Refused(error)) => Err(error),
            Err(Failure::Transport(error)) if error.is_timeout() => Err(Error::Timeout(error.without_url())),
            Err(Failure::Transport(error)) => Err(Error::Connection(error.without_url())),
        };
    }
}

fn headers(
    client: &Client,
    secret_key: &str,
    keyed: bool,
    options: &RequestOptions,
    key: Option<String>,
) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::new();
    let value = |text: &str, what: &str| {
        HeaderValue::from_str(text)
            .map_err(|_| Error::Config(format!("{what} contains characters not allowed in a header")))
    };
    let mut auth = value(&format!("Bearer {secret_key}"), "the secret key")?;
    auth.set_sensitive(true);
    headers.insert(AUTHORIZATION, auth);
    let version = options.stripe_version.as_deref().unwrap_or(&client.config.stripe_version);
    if !version.is_empty() {
        headers.insert("Stripe-Version", value(version, "the API version")?);
    }
    headers.insert(USER_AGENT, value(&client.config.user_agent, "the user agent")?);
    headers.insert("X-Stripe-Client-User-Agent", value(&client.config.client_user_agent, "the app info")?);
    if let Some(metrics) = client.config.telemetry.as_ref().and_then(|t| t.take_header()) {
        headers.insert("X-Stripe-Client-Telemetry", value(&metrics, "the telemetry")?);
    }
    if given(&options.stripe_account).is_some() && given(&options.stripe_context).is_some() {
        // As stripe-node: a call acts for an account or in a context, never both.
        return Err(Error::Config("a call cannot carry both a Stripe-Account and a Stripe-Context".into()));
    }
    if let Some(account) = given(&options.stripe_account) {
        headers.insert("Stripe-Account", value(account, "the Stripe-Account")?);
    }
    if let Some(context) = given(&options.stripe_context) {
        headers.insert("Stripe-Context", value(context, "the Stripe-Context")?);
    }
    if keyed {
        // Empty values count as absent, as in the SDKs: an empty header would mean something else.
        let key = given(&key).map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned);
        headers.insert("Idempotency-Key", value(&key, "the idempotency key")?);
    }
    for (name, text) in &options.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Config(format!("`{name}` is not a header name")))?;
        // The value is not quoted: a header may carry a secret.
        let mut text = value(text, &format!("the `{name}` header"))?;
        text.set_sensitive(true);
        headers.insert(name, text);
    }
    Ok(headers)
}

/// Reads an answer: redirects refused, the body read up to the limit (a small one for errors).
async fn read(client: &Client, mut response: reqwest::Response, url: &reqwest::Url) -> Result<Answer, Failure> {
    let status = response.status().as_u16();
    let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    // Stripe never redirects an API call; following one would answer with another object. A
    // `reqwest::Client` of the caller's that follows redirects shows as a changed URL.
    if response.status().is_redirection() || response.url() != url {
        let moved = (response.url() != url).then(|| response.url().clone());
        let location = header(LOCATION).or_else(|| moved.map(|u| u.to_string()));
        let location = location.map(|l| crate::redact::quoted_url(&l));
        return Err(Failure::Refused(Error::Redirect { status, location }));
    }
    let request_id = header(reqwest::header::HeaderName::from_static("request-id"));
    let should_retry = match header(reqwest::header::HeaderName::from_static("stripe-should-retry")).as_deref() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    let success = response.status().is_success();
    let limit = if success { client.config.max_response_bytes } else { ERROR_BODY_LIMIT };
    let announced = response.content_length();
    if success && announced.is_some_and(|length| length > limit as u64) {
        return Err(Failure::Refused(Error::ResponseTooLarge { limit, announced }));
    }
    // The headers go to the answer as they are: reading the body needs none of them.
    let headers = std::mem::take(response.headers_mut());
    // Grown as bytes arrive: a length the server announces reserves nothing.
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(Failure::Transport)? {
        let room = limit - body.len();
        if chunk.len() > room {
            if !success {
                // An error answer is only quoted: its start is enough.
                body.extend_from_slice(&chunk[..room]);
                break;
            }
            return Err(Failure::Refused(Error::ResponseTooLarge { limit, announced }));
        }
        body.extend_from_slice(&chunk);
    }
    if !success {
        // An error that echoes the key (`Invalid API Key provided: ...`) does not keep it.
        body = mask_bytes(body, client.config.secret_key.trim().as_bytes());
    }
    Ok(Answer { status, body, request_id, should_retry, headers })
}

/// `body` with every occurrence of `secret` replaced by the mask.
fn mask_bytes(body: Vec<u8>, secret: &[u8]) -> Vec<u8> {
    if secret.is_empty() || !body.windows(secret.len()).any(|w| w == secret) {
        return body;
    }
    let mut out = Vec::with_capacity(body.len());
    let mut at = 0;
    while at < body.len() {
        if body[at..].starts_with(secret) {
            out.extend_from_slice(crate::redact::MASK.as_bytes());
            at += secret.len();
        } else {
            out.push(body[at]);
            at += 1;
        }
    }
    out
}

impl Answer {
    fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Nothing if the answer is a success, else the API error it carries.
pub(crate) fn successful(answer: &Answer) -> Result<(), Error> {
    if answer.is_success() {
        Ok(())
    } else {
        let request_id = answer.request_id.clone();
        Err(Error::Api(Box::new(ApiError::from_response(answer.status, &answer.body, request_id))))
    }
}

/// Whether a method's parameters go in a body: POST's and its kin's (PUT, PATCH); the others'
/// go in the query string, as GET's.
fn sends_body(method: &Method) -> bool {
    matches!(*method, Method::POST | Method::PUT | Method::PATCH)
}

/// Where bracket-encoded parameters go: a form body for POST (PUT, PATCH), the query string
/// otherwise.
pub(crate) fn form_request<P: Serialize + ?Sized>(
    method: &Method,
    path: String,
    params: &P,
) -> Result<(String, Payload), Error> {
    let encoded = encode(params)?;
    Ok(if sends_body(method) { (path, Payload::Form(encoded)) } else { (with_query(path, &encoded), Payload::Query) })
}

/// Where the parameters of a v2 API call go: a JSON body for POST, the query string otherwise
/// (arrays as repeated keys).
pub(crate) fn json_request<P: Serialize + ?Sized>(
    method: &Method,
    path: String,
    params: &P,
) -> Result<(String, Payload), Error> {
    if sends_body(method) {
        return Ok((path, Payload::Json(Some(json_body(params)?))));
    }
    let encoded = encode_with(params, Arrays::Repeated)?;
    Ok((with_query(path, &encoded), Payload::Json(None)))
}

/// The path with an encoded query string after it, if there is one.
fn with_query(path: String, query: &str) -> String {
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}
