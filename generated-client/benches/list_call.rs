//! What the client adds to a list call: `cargo bench -p stripe-client --bench list_call`.
//!
//! The same call (100 onramp sessions over loopback, decoded into the generated type) made through
//! the client and with bare `reqwest` + `serde_json`, in alternating rounds so that drift on a
//! shared machine hits both alike. Reports the median time per call of each, and their ratio.

mod support;

use std::time::{Duration, Instant};
use stripe_client::StripeApi;

use stripe_client::*;

/// `cargo bench` passes `--bench`; `cargo test` runs this once, briefly, as a smoke test.
fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let address = runtime.block_on(support::serve_sessions(1_000_000));
    let base = format!("http://{address}");
    let client = Client::builder("sk_test_bench").base_url(&base).build().expect("client");
    let params = ListCryptoOnrampSessions::default().limit(100).status(CryptoOnrampSessionStatus::FulfillmentComplete);
    let bare = reqwest::Client::new();
    let url = format!("{base}/v1/crypto/onramp_sessions");

    let through_client = || async {
        let page = client.crypto().onramp_sessions().list(&params).await.expect("client call");
        assert_eq!(page.data.len(), 100);
    };
    let with_reqwest = || async {
        let response = bare
            .get(&url)
            .query(&[("limit", "100"), ("status", "fulfillment_complete")])
            .bearer_auth("sk_test_bench")
            .header("Stripe-Version", API_VERSION)
            .send()
            .await
            .expect("bare call");
        let bytes = response.bytes().await.expect("body");
        let page: List<CryptoOnrampSession> = serde_json::from_slice(&bytes).expect("decodes");
        assert_eq!(page.data.len(), 100);
    };

    let (rounds, calls) = if measuring() { (41, 20) } else { (1, 2) };
    let (mut client_times, mut bare_times) = (Vec::new(), Vec::new());
    runtime.block_on(async {
        for round in 0..rounds + 3 {
            let order = if round % 2 == 0 { [true, false] } else { [false, true] };
            for use_client in order {
                let start = Instant::now();
                for _ in 0..calls {
                    if use_client {
                        through_client().await
                    } else {
                        with_reqwest().await
                    }
                }
                let per_call = start.elapsed() / calls as u32;
                // The first rounds warm up connections and caches.
                if round >= 3 {
                    if use_client {
                        client_times.push(per_call)
                    } else {
                        bare_times.push(per_call)
                    }
                }
            }
        }
    });
    let (client_median, bare_median) = (median(client_times), median(bare_times));
    println!("list 100 onramp sessions over loopback, median per call of {rounds} rounds x {calls} calls");
    println!("  through the client         {:>8.3} ms", client_median.as_secs_f64() * 1000.0);
    println!("  bare reqwest + serde_json  {:>8.3} ms", bare_median.as_secs_f64() * 1000.0);
    println!(
        "  the client adds            {:>8.1} %",
        (client_median.as_secs_f64() / bare_median.as_secs_f64() - 1.0) * 100.0
    );
}
