//! Walking every page of a list: forward, backward, filters kept, and no endless loops.

mod common;

use futures_util::TryStreamExt;
use serde_json::Value;
use stripe_client::StripeApi;
use stripe_client::{CryptoOnrampSessionStatus, Error, ListCryptoOnrampSessions, Object};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PATH: &str = "/v1/crypto/onramp_sessions";

fn sessions(ids: &[&str]) -> Vec<Value> {
    ids.iter().map(|id| common::onramp_session(id)).collect()
}

async fn mount_page(server: &MockServer, cursor: Option<(&str, &str)>, ids: &[&str], has_more: bool) {
    let mut mock = Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param("status", "fulfillment_complete"))
        .and(query_param("limit", "2"));
    mock = match cursor {
        Some((name, value)) => mock.and(query_param(name, value)),
        None => mock.and(query_param_is_missing("starting_after")).and(query_param_is_missing("ending_before")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(common::page(sessions(ids), has_more, PATH)))
        .expect(1)
        .mount(server)
        .await;
}

fn params() -> ListCryptoOnrampSessions {
    ListCryptoOnrampSessions::default().status(CryptoOnrampSessionStatus::FulfillmentComplete).limit(2)
}

#[tokio::test]
async fn forward_across_three_pages_keeps_every_filter() {
    let server = MockServer::start().await;
    mount_page(&server, None, &["cos_1", "cos_2"], true).await;
    mount_page(&server, Some(("starting_after", "cos_2")), &["cos_3", "cos_4"], true).await;
    mount_page(&server, Some(("starting_after", "cos_4")), &["cos_5"], false).await;
    let client = common::client(&server.uri());
    let all: Vec<_> =
        client.crypto().onramp_sessions().list(&params()).stream().try_collect().await.expect("all pages");
    let ids: Vec<_> = all.iter().filter_map(|s| s.id()).collect();
    assert_eq!(ids, ["cos_1", "cos_2", "cos_3", "cos_4", "cos_5"]);
    server.verify().await;
}

#[tokio::test]
async fn backward_from_ending_before_walks_to_older_pages_reversed() {
    let server = MockServer::start().await;
    mount_page(&server, Some(("ending_before", "cos_9")), &["cos_7", "cos_8"], true).await;
    mount_page(&server, Some(("ending_before", "cos_7")), &["cos_5", "cos_6"], false).await;
    let client = common::client(&server.uri());
    let all: Vec<_> = client
        .crypto()
        .onramp_sessions()
        .list(&params().ending_before("cos_9"))
        .stream()
        .try_collect()
        .await
        .expect("all pages");
    let ids: Vec<_> = all.iter().filter_map(|s| s.id()).collect();
    assert_eq!(ids, ["cos_8", "cos_7", "cos_6", "cos_5"]);
    server.verify().await;
}

#[tokio::test]
async fn an_empty_page_ends_the_walk_even_if_has_more_says_otherwise() {
    let server = MockServer::start().await;
    mount_page(&server, None, &[], true).await;
    let client = common::client(&server.uri());
    let all: Vec<_> = client.crypto().onramp_sessions().list(&params()).stream().try_collect().await.expect("empty");
    assert!(all.is_empty());
}

#[tokio::test]
async fn a_repeated_cursor_stops_with_an_error_instead_of_looping() {
    let server = MockServer::start().await;
    // Whatever the cursor, the same page that claims more follow.
    Mock::given(method("GET"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::page(sessions(&["cos_1", "cos_2"]), true, PATH)))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let result: Result<Vec<_>, _> = client.crypto().onramp_sessions().list(&params()).stream().try_collect().await;
    assert!(matches!(result, Err(Error::Pagination(_))), "{result:?}");
    assert_eq!(server.received_requests().await.map(|r| r.len()), Some(2));
}

#[tokio::test]
async fn an_error_mid_walk_is_yielded_after_the_items_before_it() {
    let server = MockServer::start().await;
    mount_page(&server, None, &["cos_1", "cos_2"], true).await;
    Mock::given(method("GET"))
        .and(query_param("starting_after", "cos_2"))
        .respond_with(ResponseTemplate::new(400))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let stream = client.crypto().onramp_sessions().list(&params()).stream();
    futures_util::pin_mut!(stream);
    let mut ids = Vec::new();
    let mut failed = false;
    while let Some(item) = futures_util::StreamExt::next(&mut stream).await {
        match item {
            Ok(session) => ids.push(session.id),
            Err(_) => failed = true,
        }
    }
    assert_eq!(ids, ["cos_1", "cos_2"]);
    assert!(failed);
}
