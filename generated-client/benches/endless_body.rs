//! Memory against a server that never stops sending: `cargo bench -p stripe-client --bench endless_body`.
//!
//! A loopback server announces a 4 GiB body (or none) and streams spaces without end. The client
//! reads up to its response limit and gives up with `ResponseTooLarge`; this prints the process's
//! peak resident memory for each case, which stays near the limit instead of growing with what the
//! server sends. Figures, not assertions. Linux only (reads `/proc/self/status`).

mod support;

use std::time::Instant;
use stripe_client::StripeApi;

use stripe_client::{Client, Error, RetrieveClimateOrder, RetryDelay};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server that answers every request with `head` and then spaces, until the client hangs up.
async fn endless(head: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 8192];
                let _ = socket.read(&mut request).await;
                let chunk = vec![b' '; 256 * 1024];
                if socket.write_all(head.as_bytes()).await.is_ok() {
                    while socket.write_all(&chunk).await.is_ok() {}
                }
            });
        }
    });
    url
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    // `cargo bench` passes `--bench`; `cargo test` runs with a small limit as a smoke test.
    let limit =
        if std::env::args().any(|a| a == "--bench") { stripe_client::DEFAULT_MAX_RESPONSE_BYTES } else { 1 << 20 };
    println!("{:<44} {:>12} {:>14} {:>9}", "server", "limit", "peak RSS", "seconds");
    for (label, head) in [
        ("announces 4 GiB, streams without end", "HTTP/1.1 200 OK\r\ncontent-length: 4294967296\r\n\r\n"),
        ("announces nothing, streams without end", "HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n"),
    ] {
        let (peak, seconds) = runtime.block_on(async {
            let url = endless(head).await;
            let client = Client::builder("sk_test_bench")
                .base_url(url)
                .max_response_bytes(limit)
                .retry_delay(RetryDelay::none())
                .build()
                .expect("client");
            support::reset_peak();
            let start = Instant::now();
            let answer = client.climate().orders().retrieve("climorder_1", &RetrieveClimateOrder::default()).await;
            assert!(matches!(answer, Err(Error::ResponseTooLarge { .. })), "{answer:?}");
            (support::peak_rss_kib().unwrap_or(0), start.elapsed().as_secs_f64())
        });
        println!("{label:<44} {:>8} KiB {peak:>10} KiB {seconds:>9.2}", limit / 1024);
    }
}
