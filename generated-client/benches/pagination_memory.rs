//! Memory while auto-paginating: `cargo bench -p stripe-client --bench pagination_memory`.
//!
//! Streams 1,000, 10,000 and 50,000 onramp sessions (pages of 100) from a loopback server and
//! reports the process's peak resident memory for each walk. A stream holds one page at a time, so
//! the peak should not grow with the number of items; collecting the same items into a `Vec` is
//! shown beside it for contrast. Linux only (reads `/proc/self/status`).

mod support;

use std::time::Instant;
use stripe_client::StripeApi;

use futures_util::StreamExt;
use stripe_client::{Client, ListCryptoOnrampSessions};

async fn walk(client: &Client, total: usize, keep: bool) -> (usize, u64, f64) {
    support::reset_peak();
    let start = Instant::now();
    let params = ListCryptoOnrampSessions::default().limit(100);
    let stream = client.crypto().onramp_sessions().list(&params).stream();
    futures_util::pin_mut!(stream);
    let mut kept = Vec::new();
    let mut count = 0;
    while let Some(item) = stream.next().await {
        match item {
            Ok(session) if keep => kept.push(session),
            Ok(_) => {}
            Err(error) => panic!("pagination failed after {count} items: {error}"),
        }
        count += 1;
    }
    assert_eq!(count, total);
    (count, support::peak_rss_kib().unwrap_or(0), start.elapsed().as_secs_f64())
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    println!("{:<40} {:>10} {:>14} {:>10}", "walk", "items", "peak RSS", "seconds");
    // `cargo bench` passes `--bench`; `cargo test` runs one short walk as a smoke test.
    let walks: &[(usize, bool)] = if std::env::args().any(|a| a == "--bench") {
        &[(1_000, false), (10_000, false), (50_000, false), (10_000, true)]
    } else {
        &[(300, false)]
    };
    for &(total, keep) in walks {
        let (count, peak, seconds) = runtime.block_on(async {
            let address = support::serve_sessions(total).await;
            let client =
                Client::builder("sk_test_bench").base_url(format!("http://{address}")).build().expect("client");
            walk(&client, total, keep).await
        });
        let label = if keep { "stream, collecting into a Vec" } else { "stream, one page in memory" };
        println!("{label:<40} {count:>10} {:>10} KiB {seconds:>10.2}", peak);
    }
}
