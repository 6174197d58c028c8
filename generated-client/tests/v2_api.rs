//! The v2 API's wire rules, as generated v2 operations use them: JSON bodies, repeated query
//! keys, an idempotency key on DELETE, lists paged by `next_page_url`, and thin events.

mod common;

use futures_util::{StreamExt, TryStreamExt};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use stripe_client::{webhook, ApiPath, Error, V2List, V2ListRequest};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Parameters as generated code writes them, with a field left out and a nested object.
#[derive(Clone, Serialize)]
struct CreateDestination {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    enabled_events: Vec<String>,
    webhook_endpoint: Endpoint,
}

#[derive(Clone, Serialize)]
struct Endpoint {
    url: String,
}

#[derive(Clone, Serialize)]
struct ListDestinations {
    include: Vec<String>,
    limit: i64,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Destination {
    id: String,
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn destination(id: &str) -> Value {
    json!({"id": id, "object": "v2.core.event_destination"})
}

#[tokio::test]
async fn a_post_sends_its_parameters_as_a_json_body_with_a_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/core/event_destinations"))
        .respond_with(ResponseTemplate::new(200).set_body_json(destination("ed_1")))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let params = CreateDestination {
        name: "ops é".into(),
        description: None,
        enabled_events: vec!["v1.billing.meter.error_report_triggered".into()],
        webhook_endpoint: Endpoint { url: "https://example.com/hook?a=1&b=2".into() },
    };
    let created: Destination = client
        .request_json(Method::POST, "/v2/core/event_destinations", &params)
        .idempotency_key("create-ed-1")
        .await
        .expect("created");
    assert_eq!(created, Destination { id: "ed_1".into() });

    let request = &requests(&server).await[0];
    assert_eq!(request.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/json"));
    assert_eq!(request.headers.get("idempotency-key").and_then(|v| v.to_str().ok()), Some("create-ed-1"));
    let body: Value = serde_json::from_slice(&request.body).expect("a JSON body");
    assert_eq!(
        body,
        json!({
            "name": "ops é",
            "enabled_events": ["v1.billing.meter.error_report_triggered"],
            "webhook_endpoint": {"url": "https://example.com/hook?a=1&b=2"},
        })
    );
}

#[tokio::test]
async fn a_delete_gets_an_idempotency_key_and_a_get_none() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "ed_1", "object": null})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(destination("ed_1")))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let at = || ApiPath::with_ids("/v2/core/event_destinations/{id}", ["ed_1"]);
    let _: Value = client.request_json(Method::DELETE, at(), &()).await.expect("deleted");
    let _: Destination = client.request_json(Method::GET, at(), &()).await.expect("retrieved");

    let sent = requests(&server).await;
    let key = sent[0].headers.get("idempotency-key").and_then(|v| v.to_str().ok()).expect("a key on DELETE");
    assert_eq!(key.len(), 36, "a UUID: {key}");
    assert!(sent[1].headers.get("idempotency-key").is_none(), "no key on GET");
    assert!(sent.iter().all(|r| r.body.is_empty() && r.headers.get("content-type").is_none()));
}

async fn mount_page(server: &MockServer, page: Option<&str>, ids: &[&str], next: Option<&str>) {
    let mut mock = Mock::given(method("GET")).and(path("/v2/core/event_destinations"));
    mock = match page {
        Some(token) => mock.and(query_param("page", token)),
        None => mock.and(query_param("limit", "2")).and(query_param_is_missing("page")),
    };
    let data: Vec<Value> = ids.iter().map(|id| destination(id)).collect();
    let body = json!({"data": data, "next_page_url": next, "previous_page_url": null});
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).expect(1).mount(server).await;
}

fn list(client: &stripe_client::Client) -> V2ListRequest<'_, ListDestinations, Destination> {
    let params = ListDestinations { include: vec!["webhook_endpoint.url".into(), "a b".into()], limit: 2 };
    V2ListRequest::new(client, "/v2/core/event_destinations", params)
}

#[tokio::test]
async fn a_list_repeats_array_keys_and_walks_by_next_page_url() {
    let server = MockServer::start().await;
    mount_page(&server, None, &["ed_1", "ed_2"], Some("/v2/core/event_destinations?page=p2")).await;
    let absolute = format!("{}/v2/core/event_destinations?page=p3", server.uri());
    mount_page(&server, Some("p2"), &["ed_3"], Some(&absolute)).await;
    mount_page(&server, Some("p3"), &["ed_4"], None).await;
    let client = common::client(&server.uri());

    let ids: Vec<String> = list(&client).stream().map_ok(|d| d.id).try_collect().await.expect("every page");
    assert_eq!(ids, ["ed_1", "ed_2", "ed_3", "ed_4"]);

    let first = &requests(&server).await[0];
    assert_eq!(first.url.query(), Some("include=webhook_endpoint.url&include=a%20b&limit=2"));
}

#[tokio::test]
async fn one_page_is_a_v2_list() {
    let server = MockServer::start().await;
    mount_page(&server, None, &["ed_1"], Some("/v2/core/event_destinations?page=p2")).await;
    let client = common::client(&server.uri());
    let page: V2List<Destination> = list(&client).await.expect("a page");
    assert_eq!(page.data, [Destination { id: "ed_1".into() }]);
    assert_eq!(page.next_page_url.as_deref(), Some("/v2/core/event_destinations?page=p2"));
}

#[tokio::test]
async fn a_next_page_on_another_host_or_repeated_is_refused() {
    for next in ["https://evil.example/v2/core/event_destinations?page=p2", "//evil.example/x", "page=p2"] {
        let server = MockServer::start().await;
        mount_page(&server, None, &["ed_1"], Some(next)).await;
        let client = common::client(&server.uri());
        let results: Vec<Result<Destination, Error>> = list(&client).stream().collect::<Vec<_>>().await;
        assert_eq!(results.len(), 2, "the first page's item, then the refusal");
        let error = results[1].as_ref().expect_err("refused");
        // Quoted without its query string, which may hold a secret.
        let quoted = stripe_client::redact::quoted_url(next);
        assert!(matches!(error, Error::ForeignUrl { url, .. } if *url == quoted), "{error}");
        assert!(error.to_string().contains("not a path on this API"), "{error}");
    }

    let server = MockServer::start().await;
    mount_page(&server, None, &["ed_1"], Some("/v2/core/event_destinations?page=p2")).await;
    Mock::given(method("GET"))
        .and(query_param("page", "p2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [destination("ed_2")], "next_page_url": "/v2/core/event_destinations?page=p2", "previous_page_url": null
        })))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let results: Vec<Result<Destination, Error>> = list(&client).stream().collect::<Vec<_>>().await;
    let error = results.last().expect("results").as_ref().expect_err("a loop is refused");
    assert!(error.to_string().contains("twice"), "{error}");
}

#[tokio::test]
async fn a_cleared_field_or_key_is_null_in_json_and_empty_in_a_form() {
    #[derive(Serialize)]
    struct Update {
        description: stripe_client::Clearable<String>,
        metadata: std::collections::BTreeMap<String, stripe_client::Clearable<String>>,
    }
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(destination("ed_1")))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let params = Update {
        description: stripe_client::Clearable::Clear,
        metadata: [("team".to_owned(), stripe_client::Clearable::Clear), ("tier".to_owned(), "gold".into())].into(),
    };
    let at = || ApiPath::with_ids("/v2/core/event_destinations/{id}", ["ed_1"]);
    let _: Destination = client.request_json(Method::POST, at(), &params).await.expect("updated");
    let _: Destination = client.request(Method::POST, at(), &params).await.expect("updated");

    let sent = requests(&server).await;
    let json: Value = serde_json::from_slice(&sent[0].body).expect("a JSON body");
    assert_eq!(json, json!({"description": null, "metadata": {"team": null, "tier": "gold"}}));
    assert_eq!(String::from_utf8_lossy(&sent[1].body), "description=&metadata[team]=&metadata[tier]=gold");
}

fn thin_event(url: &str) -> Vec<u8> {
    let event = json!({
        "id": "evt_65R", "object": "v2.core.event", "type": "v1.billing.meter.error_report_triggered",
        "livemode": false, "created": "2026-11-30T10:00:00.000Z", "context": "acct_7",
        "related_object": {"id": "mtr_1", "type": "billing.meter", "url": url},
        "reason": {"type": "request", "request": {"id": "req_1", "idempotency_key": "k"}}
    });
    serde_json::to_vec(&event).expect("JSON")
}

#[tokio::test]
async fn a_thin_event_is_verified_and_fetches_its_object_and_itself_in_its_context() {
    let secret = "whsec_thin";
    let payload = thin_event("/v1/billing/meters/mtr_1");
    let header = webhook::signature_header(&payload, secret, 1_700_000_000);
    let event = webhook::parse_event_notification_at(&payload, Some(&header), secret, 1_700_000_010).expect("verified");
    assert_eq!((event.id.as_str(), event.context.as_deref()), ("evt_65R", Some("acct_7")));
    let wrong = webhook::parse_event_notification_at(&payload, Some(&header), "whsec_other", 1_700_000_010);
    assert_eq!(wrong, Err(webhook::WebhookError::NoMatchingSignature));

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/billing/meters/mtr_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "mtr_1", "object": "billing.meter"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/core/events/evt_65R"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "evt_65R", "object": "v2.core.event"})))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let meter: Value = event.fetch_related_object(&client).expect("an object").await.expect("fetched");
    assert_eq!(meter["id"], "mtr_1");
    let whole: Value = event.fetch_event(&client).await.expect("fetched");
    assert_eq!(whole["id"], "evt_65R");
    for request in requests(&server).await {
        assert_eq!(request.headers.get("stripe-context").and_then(|v| v.to_str().ok()), Some("acct_7"));
    }
}

#[tokio::test]
async fn a_thin_event_naming_another_host_or_no_object_fetches_nothing() {
    let server = MockServer::start().await;
    let client = common::client(&server.uri());
    let secret = "whsec_thin";
    for url in ["https://evil.example/v1/billing/meters/mtr_1", "//evil.example/x"] {
        let payload = thin_event(url);
        let header = webhook::signature_header(&payload, secret, 1_700_000_000);
        let event =
            webhook::parse_event_notification_at(&payload, Some(&header), secret, 1_700_000_010).expect("verified");
        let error = event.fetch_related_object::<Value>(&client).expect("an object").await.expect_err("refused");
        assert!(matches!(&error, Error::ForeignUrl { url: named, .. } if named == url), "{error}");
    }
    assert!(requests(&server).await.is_empty(), "nothing was sent");

    let payload = br#"{"id":"evt_1","object":"v2.core.event","type":"v2.core.event_destination.ping","livemode":false,"created":"2026-11-30T10:00:00Z"}"#;
    let header = webhook::signature_header(payload, secret, 1_700_000_000);
    let event = webhook::parse_event_notification_at(payload, Some(&header), secret, 1_700_000_010).expect("verified");
    assert!(event.fetch_related_object::<Value>(&client).is_none());
}

#[tokio::test]
async fn a_v2_file_answer_keeps_the_v2_query_and_its_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/reports/rp_1/file"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"%PDF-1.7 \x00\xff".to_vec()))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let params = ListDestinations { include: vec!["a".into(), "b".into()], limit: 1 };
    let at = ApiPath::with_ids("/v2/reports/{id}/file", ["rp_1"]);
    let file = client.request_json::<_, Value>(Method::GET, at, &params).bytes().await.expect("the file");
    assert_eq!(file, b"%PDF-1.7 \x00\xff");
    assert_eq!(requests(&server).await[0].url.query(), Some("include=a&include=b&limit=1"));
}

#[test]
#[allow(deprecated)]
fn the_former_thin_event_names_still_read_a_notification() {
    let secret = "whsec_test";
    let payload = thin_event("/v1/billing/meters/mtr_1");
    let header = webhook::signature_header(&payload, secret, 1_700_000_000);
    let event: webhook::ThinEvent =
        webhook::parse_thin_event_at(&payload, Some(&header), secret, 1_700_000_010).expect("verified");
    let same = webhook::parse_event_notification_at(&payload, Some(&header), secret, 1_700_000_010).expect("verified");
    assert_eq!(event, same);
}
