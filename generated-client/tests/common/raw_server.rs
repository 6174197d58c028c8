//! A bare HTTP/1.1 server that can do what mock servers cannot: drop a connection mid-request.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A request as the server read it.
#[derive(Clone, Debug)]
pub struct RawRequest {
    pub head: String,
    pub body: String,
}

impl RawRequest {
    /// A header's value (names compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }
}

/// What the server does with a request.
pub enum Action {
    /// Answer with a status, extra headers and a JSON body.
    Respond(u16, Vec<(String, String)>, String),
    /// Close the connection without answering.
    Drop,
    /// Write these bytes as they are (a head and a body cut short, say), then close.
    Raw(Vec<u8>),
    /// Write this head, then body bytes without end, until the client stops reading.
    Endless(String),
}

/// A running server; `requests` records everything it read.
pub struct RawServer {
    pub url: String,
    pub requests: Arc<Mutex<Vec<RawRequest>>>,
}

impl RawServer {
    /// Starts a server on a free loopback port, answering each request with `handler`.
    pub async fn start<F>(handler: F) -> RawServer
    where
        F: Fn(&RawRequest) -> Action + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        let handler = Arc::new(handler);
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let recorded = Arc::clone(&recorded);
                let handler = Arc::clone(&handler);
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut socket).await else {
                        return;
                    };
                    recorded.lock().expect("lock").push(request.clone());
                    match handler(&request) {
                        Action::Respond(status, headers, body) => {
                            let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
                            let response = format!(
                                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{extra}\r\n{body}",
                                body.len()
                            );
                            let _ = socket.write_all(response.as_bytes()).await;
                        }
                        Action::Raw(bytes) => {
                            let _ = socket.write_all(&bytes).await;
                        }
                        Action::Endless(head) => {
                            let chunk = vec![b' '; 64 * 1024];
                            if socket.write_all(head.as_bytes()).await.is_ok() {
                                while socket.write_all(&chunk).await.is_ok() {}
                            }
                        }
                        Action::Drop => {}
                    }
                    // Dropping the socket here closes the connection, answered or not.
                });
            }
        });
        RawServer { url, requests }
    }

    /// What the server has read so far.
    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests.lock().expect("lock").clone()
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<RawRequest> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        let text = String::from_utf8_lossy(&buffer).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let head = text[..end].to_owned();
            let length = RawRequest { head: head.clone(), body: String::new() }
                .header("content-length")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if buffer.len() >= end + 4 + length {
                let body = String::from_utf8_lossy(&buffer[end + 4..end + 4 + length]).into_owned();
                return Some(RawRequest { head, body });
            }
        }
    }
}
