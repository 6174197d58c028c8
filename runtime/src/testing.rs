//! An in-process fake of Stripe's API for a user's own tests: canned answers by method and path,
//! every request recorded. Behind the `test-util` feature.
//!
//! It is a real HTTP server on a free loopback port, so the client under test runs exactly as it
//! does against Stripe: encoding, headers, retries, decoding and errors included.

use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::{Client, Error, Method, RetryDelay};

/// The most a request to the fake may hold: a test that sends more has a bug.
const MAX_REQUEST_BYTES: usize = 16 << 20;

/// A fake Stripe API on a loopback port, answering with canned bodies.
///
/// ```
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use serde_json::json;
/// use stripe_client_runtime::testing::FakeStripe;
/// use stripe_client_runtime::Method;
///
/// let fake = FakeStripe::start().await?;
/// fake.answer(Method::GET, "/v1/balance", 200, json!({"object": "balance", "available": []}));
/// let client = fake.client()?;
/// let balance: serde_json::Value = client.request(Method::GET, "/v1/balance", &()).await?;
/// assert_eq!(balance["object"], "balance");
/// assert_eq!(fake.requests()[0].header("authorization"), Some("Bearer sk_test_fake"));
/// # Ok(()) }
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run()).unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct FakeStripe {
    url: String,
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    answers: Vec<Canned>,
    requests: Vec<RecordedRequest>,
}

#[derive(Clone, Debug)]
struct Canned {
    method: Method,
    path: String,
    status: u16,
    body: String,
}

/// A request the fake received.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// `GET`, `POST`, `DELETE`, ...
    pub method: String,
    /// The path, without the query string.
    pub path: String,
    /// The query string, without `?` (empty when there is none).
    pub query: String,
    /// The headers, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body as text (a form, JSON or multipart body).
    pub body: String,
}

impl RecordedRequest {
    /// The first value of a header (the name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// The parameters as Stripe reads them: the query string of a GET or DELETE, the form body of
    /// a POST; keys as sent (`metadata[team]`).
    pub fn params(&self) -> Vec<(String, String)> {
        let text = if self.query.is_empty() { &self.body } else { &self.query };
        form_urlencoded::parse(text.as_bytes()).into_owned().collect()
    }

    /// The value of one parameter (see [`RecordedRequest::params`]).
    pub fn param(&self, key: &str) -> Option<String> {
        self.params().into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl FakeStripe {
    /// Starts the fake on a free loopback port, inside the current tokio runtime.
    pub async fn start() -> std::io::Result<FakeStripe> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(State::default()));
        let serving = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, Arc::clone(&serving)));
            }
        });
        Ok(FakeStripe { url, state })
    }

    /// The fake's base URL (`http://127.0.0.1:<port>`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A client of the fake: key `sk_test_fake`, no delay between retries, no telemetry.
    pub fn client(&self) -> Result<Client, Error> {
        Client::builder("sk_test_fake").base_url(&self.url).retry_delay(RetryDelay::none()).telemetry(false).build()
    }

    /// Answers requests of `method` to `path` (without a query string) with `status` and the
    /// JSON `body`. A later answer for the same method and path replaces an earlier one.
    pub fn answer(&self, method: Method, path: &str, status: u16, body: Value) -> &Self {
        let canned = Canned { method, path: path.to_owned(), status, body: body.to_string() };
        self.lock().answers.push(canned);
        self
    }

    /// Answers with Stripe's error object: `error` is its inside (`{"type": "card_error",
    /// "code": "card_declined", ...}`).
    pub fn answer_error(&self, method: Method, path: &str, status: u16, error: Value) -> &Self {
        self.answer(method, path, status, serde_json::json!({ "error": error }))
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Reads one request, records it, answers it and closes the connection.
async fn serve(mut socket: TcpStream, state: Arc<Mutex<State>>) {
    let Some(request) = read_request(&mut socket).await else { return };
    let answer = {
        let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
        state.requests.push(request.clone());
        state.answers.iter().rev().find(|a| a.method.as_str() == request.method && a.path == request.path).cloned()
    };
    let (status, body) = match answer {
        Some(canned) => (canned.status, canned.body),
        None => {
            let message = format!("the fake has no answer for {} {}", request.method, request.path);
            let error = serde_json::json!({"error": {"type": "invalid_request_error", "code": "resource_missing", "message": message}});
            (404, error.to_string())
        }
    };
    let response = format!(
        "HTTP/1.1 {status} Fake\r\ncontent-type: application/json\r\ncontent-length: {}\r\nrequest-id: req_fake_{}\r\nconnection: close\r\n\r\n{body}",
        body.len(),
        state.lock().unwrap_or_else(PoisonError::into_inner).requests.len(),
    );
    let _ = socket.write_all(response.as_bytes()).await;
}

async fn read_request(socket: &mut TcpStream) -> Option<RecordedRequest> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 || buffer.len() + read > MAX_REQUEST_BYTES {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
        let mut lines = head.lines();
        let mut start = lines.next()?.split(' ');
        let (method, target) = (start.next()?.to_owned(), start.next()?);
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        let length = headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok());
        let length: usize = length.unwrap_or(0);
        if buffer.len() >= end + 4 + length {
            let body = String::from_utf8_lossy(&buffer[end + 4..end + 4 + length]).into_owned();
            return Some(RecordedRequest { method, path: path.to_owned(), query: query.to_owned(), headers, body });
        }
    }
}
