//! What generated code of other specs calls: search operations paged by `next_page`, and
//! operations the spec serves from another host (file uploads on `files.stripe.com`).

mod common;

use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use serde_json::json;
use stripe_client::{Client, Error, FileUpload, Method, RetryDelay, SearchList, SearchParams, SearchRequest};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Parameters of a search, as the generator writes them.
#[derive(Clone, Debug, Serialize)]
struct SearchThings {
    query: String,
    limit: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
}

impl SearchParams for SearchThings {
    fn set_page(&mut self, page: Option<String>) {
        self.page = page;
    }
}

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    id: String,
}

const SEARCH: &str = "/v1/things/search";

fn params() -> SearchThings {
    SearchThings { query: "status:'active' AND name~'café'".into(), limit: 2, page: None }
}

fn search_page(ids: &[&str], next_page: Option<&str>) -> ResponseTemplate {
    let data: Vec<_> = ids.iter().map(|id| json!({ "id": id })).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "object": "search_result", "data": data, "has_more": next_page.is_some(),
        "next_page": next_page, "url": SEARCH
    }))
}

async fn mount_search(server: &MockServer, page: Option<&str>, ids: &[&str], next_page: Option<&str>) {
    let mock = Mock::given(method("GET"))
        .and(path(SEARCH))
        .and(query_param("query", "status:'active' AND name~'café'"))
        .and(query_param("limit", "2"));
    let mock = match page {
        Some(page) => mock.and(query_param("page", page)),
        None => mock.and(query_param_is_missing("page")),
    };
    mock.respond_with(search_page(ids, next_page)).expect(1).mount(server).await;
}

#[tokio::test]
async fn a_search_streams_every_page_keeping_the_query() {
    let server = MockServer::start().await;
    mount_search(&server, None, &["t_1", "t_2"], Some("p2")).await;
    mount_search(&server, Some("p2"), &["t_3", "t_4"], Some("p3")).await;
    mount_search(&server, Some("p3"), &["t_5"], None).await;
    let client = common::client(&server.uri());
    let request: SearchRequest<'_, SearchThings, Thing> = SearchRequest::new(&client, SEARCH, params());
    let all: Vec<Thing> = request.stream().try_collect().await.expect("every page");
    let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["t_1", "t_2", "t_3", "t_4", "t_5"]);
    server.verify().await;
}

#[tokio::test]
async fn awaiting_a_search_gives_one_page() {
    let server = MockServer::start().await;
    mount_search(&server, None, &["t_1", "t_2"], Some("p2")).await;
    let client = common::client(&server.uri());
    let page: SearchList<Thing> = SearchRequest::new(&client, SEARCH, params()).await.expect("one page");
    assert_eq!((page.data.len(), page.has_more, page.next_page.as_deref()), (2, true, Some("p2")));
}

#[tokio::test]
async fn a_repeated_next_page_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    mount_search(&server, None, &["t_1"], Some("p2")).await;
    Mock::given(method("GET"))
        .and(path(SEARCH))
        .and(query_param("page", "p2"))
        .respond_with(search_page(&["t_2"], Some("p2")))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let results: Vec<Result<Thing, Error>> =
        futures_util::StreamExt::collect(SearchRequest::new(&client, SEARCH, params()).stream()).await;
    // As with lists: the page that repeats a cursor is not trusted, and the stream stops there.
    assert_eq!(results.len(), 2, "the first page's item, then the error");
    match &results[1] {
        Err(Error::Pagination(message)) => assert!(message.contains("p2"), "{message}"),
        other => panic!("expected a pagination error, got {other:?}"),
    }
}

const FILES_HOST: &str = "https://files.stripe.com/";

async fn upload(client: &Client) -> Result<Thing, Error> {
    let file = FileUpload::new("receipt.pdf", b"%PDF-1.4".to_vec());
    let params = json!({ "purpose": "dispute_evidence" });
    let path = "/v1/files";
    client.request_multipart(Method::POST, path, &params, vec![("file", &file)]).at_server(FILES_HOST).await
}

async fn answering(server: &MockServer, route: &str, id: &str) {
    Mock::given(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": id })))
        .mount(server)
        .await;
}

#[tokio::test]
async fn an_operation_on_another_host_goes_to_the_url_that_host_is_mapped_to() {
    let (api, files) = (MockServer::start().await, MockServer::start().await);
    answering(&api, "/v1/things/t_1", "from_api").await;
    answering(&files, "/v1/files", "file_1").await;
    let client = Client::builder("sk_test_123")
        .base_url(api.uri())
        .server_url(FILES_HOST, files.uri())
        .retry_delay(RetryDelay::none())
        .build()
        .expect("client");
    assert_eq!(upload(&client).await.expect("uploaded").id, "file_1");
    let thing: Thing = client.send(Method::GET, "/v1/things/t_1", &()).await.expect("retrieved");
    assert_eq!(thing.id, "from_api");
    assert_eq!(files.received_requests().await.unwrap_or_default().len(), 1);
    assert_eq!(api.received_requests().await.unwrap_or_default().len(), 1);
}

#[tokio::test]
async fn without_a_mapping_a_chosen_base_url_serves_every_host() {
    let mock = MockServer::start().await;
    answering(&mock, "/v1/files", "file_1").await;
    let client = common::client(&mock.uri());
    assert_eq!(upload(&client).await.expect("uploaded to the mock").id, "file_1");
}

#[test]
fn a_mapped_host_must_be_an_http_url() {
    let error = Client::builder("sk_test_123").server_url(FILES_HOST, "files.local").build().expect_err("refused");
    assert!(error.to_string().contains("files.local"), "{error}");
}
