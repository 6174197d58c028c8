//! The one request path every operation goes through: encode, authenticate, send, retry, decode.

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::encode::form_fields;
use crate::error::{excerpt, ApiError};
use crate::retry::should_retry_status;
use crate::{encode, Client, Error, FileUpload};

/// A response that came back, successful or not.
struct Answer {
    status: u16,
    body: Vec<u8>,
    request_id: Option<String>,
    should_retry: Option<bool>,
}

/// What a request carries, rebuilt for every attempt.
enum Payload {
    /// Parameters in the query string (GET, DELETE) or nothing.
    Query,
    /// A bracket-encoded form body.
    Form(String),
    /// A multipart body: text fields and files.
    Multipart(Vec<(String, String)>, Vec<(String, FileUpload)>),
}

impl Payload {
    fn attach(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Payload::Query => request,
            Payload::Form(body) => request.header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(body.clone()),
            Payload::Multipart(fields, files) => {
                let mut form = reqwest::multipart::Form::new();
                for (key, value) in fields {
                    form = form.text(key.clone(), value.clone());
                }
                for (key, file) in files {
                    let mut part = reqwest::multipart::Part::bytes(file.data.clone()).file_name(file.name.clone());
                    if let Some(mime) = &file.content_type {
                        // An unparsable content type is left for the server to judge from the name.
                        part = part.mime_str(mime).unwrap_or_else(|_| {
                            reqwest::multipart::Part::bytes(file.data.clone()).file_name(file.name.clone())
                        });
                    }
                    form = form.part(key.clone(), part);
                }
                request.multipart(form)
            }
        }
    }
}

impl Client {
    /// Sends one API request and decodes the answer. Every generated operation calls this.
    ///
    /// `params` go in the query string for GET and DELETE and in a form body for POST. POSTs carry
    /// an idempotency key (the caller's, else a fresh UUID v4), the same on every retry.
    pub async fn send<P, T>(&self, method: Method, path: String, params: &P) -> Result<T, Error>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let (path, payload) = form_request(&method, path, params)?;
        decode(self.execute(method, &path, payload).await?)
    }

    /// Like [`send`](Client::send), for operations that answer with a file (a PDF) instead of JSON.
    pub async fn send_for_bytes<P>(&self, method: Method, path: String, params: &P) -> Result<Vec<u8>, Error>
    where
        P: Serialize + ?Sized,
    {
        let (path, payload) = form_request(&method, path, params)?;
        successful(self.execute(method, &path, payload).await?).map(|answer| answer.body)
    }

    /// Like [`send`](Client::send), with a `multipart/form-data` body: the parameters as text
    /// fields and `files` as file parts.
    pub async fn send_multipart<P, T>(
        &self,
        method: Method,
        path: String,
        params: &P,
        files: Vec<(&str, &FileUpload)>,
    ) -> Result<T, Error>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let fields = form_fields(params)?;
        let files = files.into_iter().map(|(key, file)| (key.to_owned(), file.clone())).collect();
        decode(self.execute(method, &path, Payload::Multipart(fields, files)).await?)
    }

    /// Sends with retries; an answer of any status comes back, transport failures as errors.
    async fn execute(&self, method: Method, path: &str, payload: Payload) -> Result<Answer, Error> {
        if self.config.secret_key.trim().is_empty() {
            return Err(Error::Config("the secret key is empty".into()));
        }
        let url = format!("{}{}", self.request_base(), path);
        let headers = self.headers(method == Method::POST)?;
        let timeout = self.options.timeout.unwrap_or(self.config.timeout);

        let mut retries = 0;
        loop {
            let request = self.config.http.request(method.clone(), &url).headers(headers.clone()).timeout(timeout);
            let outcome = match payload.attach(request).send().await {
                Ok(response) => read(response).await,
                Err(error) => Err(error),
            };
            let retryable = match &outcome {
                Ok(answer) => !answer.is_success() && should_retry_status(answer.status, answer.should_retry),
                Err(error) => error.is_connect() || error.is_timeout() || error.is_request() || error.is_body(),
            };
            if retryable && retries < self.config.max_retries {
                retries += 1;
                let delay = self.config.retry_delay.delay(retries);
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                continue;
            }
            return match outcome {
                Ok(answer) => Ok(answer),
                Err(error) if error.is_timeout() => Err(Error::Timeout(error)),
                Err(error) => Err(Error::Connection(error)),
            };
        }
    }

    fn headers(&self, is_post: bool) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let value = |text: &str, what: &str| {
            HeaderValue::from_str(text)
                .map_err(|_| Error::Config(format!("{what} contains characters not allowed in a header")))
        };
        let mut auth = value(&format!("Bearer {}", self.config.secret_key), "the secret key")?;
        auth.set_sensitive(true);
        headers.insert(AUTHORIZATION, auth);
        if !self.stripe_version().is_empty() {
            headers.insert("Stripe-Version", value(self.stripe_version(), "the API version")?);
        }
        headers.insert(USER_AGENT, value(&self.config.user_agent, "the user agent")?);
        if let Some(account) = &self.options.stripe_account {
            headers.insert("Stripe-Account", value(account, "the Stripe-Account")?);
        }
        if is_post {
            let key = match &self.options.idempotency_key {
                Some(key) => key.clone(),
                None => uuid::Uuid::new_v4().to_string(),
            };
            headers.insert("Idempotency-Key", value(&key, "the idempotency key")?);
        }
        Ok(headers)
    }
}

async fn read(response: reqwest::Response) -> Result<Answer, reqwest::Error> {
    let status = response.status().as_u16();
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let request_id = header("request-id");
    let should_retry = header("stripe-should-retry").and_then(|v| match v.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    });
    let body = response.bytes().await?.to_vec();
    Ok(Answer { status, body, request_id, should_retry })
}

impl Answer {
    fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The answer if it is a success, else the API error it carries.
fn successful(answer: Answer) -> Result<Answer, Error> {
    if answer.is_success() {
        Ok(answer)
    } else {
        Err(Error::Api(Box::new(ApiError::from_response(answer.status, &answer.body, answer.request_id))))
    }
}

fn decode<T: DeserializeOwned>(answer: Answer) -> Result<T, Error> {
    let answer = successful(answer)?;
    // Tracking the path costs time on every response; only a failed decode needs it, so a failure
    // is decoded a second time to say where.
    if let Ok(value) = serde_json::from_slice(&answer.body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(&answer.body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| Error::Decode {
        status: answer.status,
        path: e.path().to_string(),
        message: e.inner().to_string(),
        excerpt: excerpt(&answer.body),
        request_id: answer.request_id.clone(),
    })
}

/// Where bracket-encoded parameters go: a form body for POST, the query string otherwise.
fn form_request<P: Serialize + ?Sized>(method: &Method, path: String, params: &P) -> Result<(String, Payload), Error> {
    let encoded = encode(params)?;
    Ok(if *method == Method::POST {
        (path, Payload::Form(encoded))
    } else if encoded.is_empty() {
        (path, Payload::Query)
    } else {
        (format!("{path}?{encoded}"), Payload::Query)
    })
}
