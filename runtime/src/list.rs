//! Pages of objects, and walking every page of a list or search operation as one stream: v1 lists
//! by cursor, searches by `next_page`, v2 lists by `next_page_url`.

use std::collections::{HashSet, VecDeque};
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use futures_core::Stream;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::options::{option_setters, RequestOptions};
use crate::{ApiPath, Client, Error, Object};

/// One page of a list (`{"object": "list", "data": [...], "has_more": ..., "url": ...}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct List<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Whether more items follow this page.
    pub has_more: bool,
    /// Always `list`.
    #[serde(default = "list_object")]
    pub object: String,
    /// The URL of the list.
    #[serde(default)]
    pub url: String,
}

fn list_object() -> String {
    "list".to_owned()
}

/// One page of a search (`{"object": "search_result", ...}`), paged by `next_page`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchList<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Whether more items follow this page.
    pub has_more: bool,
    /// The cursor of the next page.
    #[serde(default)]
    pub next_page: Option<String>,
    /// The total count, when requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
    /// The URL of the search.
    #[serde(default)]
    pub url: String,
}

/// One page of a list of the v2 API (`{"data": [...], "next_page_url": ..., "previous_page_url": ...}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct V2List<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// The path and query of the next page; `None` on the last page.
    #[serde(default)]
    pub next_page_url: Option<String>,
    /// The path and query of the previous page; `None` on the first page.
    #[serde(default)]
    pub previous_page_url: Option<String>,
}

/// Parameters of a list operation: the cursors pagination moves.
pub trait ListParams: Serialize + Clone {
    /// Sets `starting_after`.
    fn set_starting_after(&mut self, cursor: Option<String>);
    /// Sets `ending_before`.
    fn set_ending_before(&mut self, cursor: Option<String>);
    /// The caller's `ending_before`: when set, pages are walked backwards.
    fn ending_before(&self) -> Option<&str>;
}

/// Parameters of a search operation: the `page` cursor pagination moves.
pub trait SearchParams: Serialize + Clone {
    /// Sets `page`, the `next_page` of the previous result.
    fn set_page(&mut self, page: Option<String>);
}

/// A list call: `.await` it for one page, or call [`stream`](ListRequest::stream) for all items.
#[must_use = "a list request does nothing until awaited or streamed"]
pub struct ListRequest<'a, P, T> {
    pages: Pages<'a, P>,
    item: PhantomData<fn() -> T>,
}

/// What every page of a list or search is fetched with.
struct Pages<'a, P> {
    client: &'a Client,
    server: Option<&'static str>,
    /// The API version the operation was generated for (see `Request::spec_version`).
    spec_version: Option<&'static str>,
    /// The path, or why it could not be built (reported when the call is sent).
    path: Result<String, Error>,
    params: P,
    options: RequestOptions,
    /// Whether the pages are the v2 API's, whose query strings repeat the key of each array item.
    v2: bool,
}

impl<'a, P> Pages<'a, P> {
    fn new(client: &'a Client, path: ApiPath, params: P, v2: bool) -> Self {
        Pages { client, server: None, spec_version: None, path: path.0, params, options: RequestOptions::default(), v2 }
    }
}

impl<P: Serialize> Pages<'_, P> {
    /// The next page: the path's error the first time it is asked for, if there is one.
    async fn fetch<R: DeserializeOwned + Send>(&mut self) -> Result<R, Error> {
        let path = std::mem::replace(&mut self.path, Err(Error::Pagination("the path was already refused".into())));
        let path = path?;
        self.path = Ok(path.clone());
        self.get(path, &self.params).await
    }

    /// A page of a v2 list by the `next_page_url` of the page before, which holds the whole query.
    async fn fetch_url<R: DeserializeOwned + Send>(&self, url: &str) -> Result<R, Error> {
        let path = crate::path::path_on_api(self.client, url, "`next_page_url`")?;
        self.get(path.to_owned(), &()).await
    }

    async fn get<R: DeserializeOwned + Send, Q: Serialize>(&self, path: String, params: &Q) -> Result<R, Error> {
        let client = self.client.with_options(self.options.clone());
        let mut request = if self.v2 {
            client.request_json(Method::GET, path, params)
        } else {
            client.request(Method::GET, path, params)
        };
        if let Some(server) = self.server {
            request = request.at_server(server);
        }
        if let Some(version) = self.spec_version {
            request = request.spec_version(version);
        }
        request.await
    }
}

/// Awaiting a list or search call fetches its first page, with the parameters as given.
macro_rules! first_page {
    ($request:ident, $page:ident) => {
        impl<'a, P, T> IntoFuture for $request<'a, P, T>
        where
            P: Serialize + Send + Sync + 'a,
            T: DeserializeOwned + Send + 'a,
        {
            type Output = Result<$page<T>, Error>;
            type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(mut self) -> Self::IntoFuture {
                Box::pin(async move { self.pages.fetch().await })
            }
        }
    };
}

/// Per-call settings of a list or search, as on [`Request`](crate::Request).
macro_rules! page_options {
    () => {
        /// Sends every page to the host that serves the operation (see [`Client::at_server`]).
        pub fn at_server(mut self, server: &'static str) -> Self {
            self.pages.server = Some(server);
            self
        }

        /// The API version the operation was generated for (see `Request::spec_version`).
        #[doc(hidden)]
        pub fn spec_version(mut self, version: &'static str) -> Self {
            self.pages.spec_version = Some(version);
            self
        }

        option_setters!(" on every page", pages, options);

        /// Applies a whole set of options to every page, over any set before.
        pub fn options(mut self, options: RequestOptions) -> Self {
            self.pages.options = self.pages.options.merged_with(&options);
            self
        }
    };
}

impl<'a, P, T> ListRequest<'a, P, T>
where
    P: ListParams + Send + Sync + 'a,
    T: DeserializeOwned + Object + Send + 'a,
{
    /// A list call on `path` (or why it could not be built, reported when it is sent) with `params`.
    pub fn new(client: &'a Client, path: impl Into<ApiPath>, params: P) -> Self {
        ListRequest { pages: Pages::new(client, path.into(), params, false), item: PhantomData }
    }

    page_options!();

    /// Every item of every page, fetching one page at a time as the stream is read.
    ///
    /// Forward by `starting_after`; backward by `ending_before` when the caller set it, yielding
    /// each page's items in reverse. Every other parameter is kept on every page. The stream ends
    /// after a page with `has_more: false` or no items, and fails rather than loop if a cursor repeats.
    pub fn stream(self) -> impl Stream<Item = Result<T, Error>> + Send + 'a {
        let backwards = self.pages.params.ending_before().is_some();
        walk(ListPager { request: self, backwards })
    }
}

/// Moves a list's cursors: by the last item's id, or the first's when walking backwards.
struct ListPager<'a, P, T> {
    request: ListRequest<'a, P, T>,
    backwards: bool,
}

impl<P, T> Pager for ListPager<'_, P, T>
where
    P: ListParams + Send + Sync,
    T: DeserializeOwned + Object + Send,
{
    type Item = T;
    const CURSOR: &'static str = "cursor";

    async fn fetch(&mut self) -> Result<Page<T>, Error> {
        let page: List<T> = self.request.pages.fetch().await?;
        let edge = if self.backwards { page.data.first() } else { page.data.last() };
        let cursor = match edge {
            None => None,
            Some(item) => Some(
                item.id()
                    .ok_or_else(|| Error::Pagination("an item in the list has no `id` to continue from".into()))?
                    .to_owned(),
            ),
        };
        let items = if self.backwards { page.data.into_iter().rev().collect() } else { page.data.into() };
        Ok(Page { items, next: cursor.filter(|_| page.has_more) })
    }

    fn advance(&mut self, cursor: String) {
        if self.backwards {
            self.request.pages.params.set_ending_before(Some(cursor));
        } else {
            self.request.pages.params.set_starting_after(Some(cursor));
        }
    }
}

first_page!(ListRequest, List);

/// A search call: `.await` it for one page, or call [`stream`](SearchRequest::stream) for every
/// result across pages.
#[must_use = "a search request does nothing until awaited or streamed"]
pub struct SearchRequest<'a, P, T> {
    pages: Pages<'a, P>,
    item: PhantomData<fn() -> T>,
}

impl<'a, P, T> SearchRequest<'a, P, T>
where
    P: SearchParams + Send + Sync + 'a,
    T: DeserializeOwned + Send + 'a,
{
    /// A search call on `path` (or why it could not be built, reported when it is sent) with `params`.
    pub fn new(client: &'a Client, path: impl Into<ApiPath>, params: P) -> Self {
        SearchRequest { pages: Pages::new(client, path.into(), params, false), item: PhantomData }
    }

    page_options!();

    /// Every result of every page, fetching one page at a time as the stream is read.
    ///
    /// Each page asks for the `next_page` of the one before, keeping the query and every other
    /// parameter. The stream ends after a page with `has_more: false`, no `next_page` or no
    /// results, and fails rather than loop if the server hands out the same `next_page` twice.
    pub fn stream(self) -> impl Stream<Item = Result<T, Error>> + Send + 'a {
        walk(SearchPager(self))
    }
}

/// Moves a search's `page` to the `next_page` of the one before.
struct SearchPager<'a, P, T>(SearchRequest<'a, P, T>);

impl<P, T> Pager for SearchPager<'_, P, T>
where
    P: SearchParams + Send + Sync,
    T: DeserializeOwned + Send,
{
    type Item = T;
    const CURSOR: &'static str = "next page";

    async fn fetch(&mut self) -> Result<Page<T>, Error> {
        let page: SearchList<T> = self.0.pages.fetch().await?;
        let next = page.next_page.filter(|next| page.has_more && !next.is_empty());
        Ok(Page { items: page.data.into(), next })
    }

    fn advance(&mut self, cursor: String) {
        self.0.pages.params.set_page(Some(cursor));
    }
}

first_page!(SearchRequest, SearchList);

/// A list call of the v2 API: `.await` it for one page, or call [`stream`](V2ListRequest::stream)
/// for every item across pages.
#[must_use = "a list request does nothing until awaited or streamed"]
pub struct V2ListRequest<'a, P, T> {
    pages: Pages<'a, P>,
    item: PhantomData<fn() -> T>,
}

impl<'a, P, T> V2ListRequest<'a, P, T>
where
    P: Serialize + Send + Sync + 'a,
    T: DeserializeOwned + Send + 'a,
{
    /// A list call on `path` (or why it could not be built, reported when it is sent) with `params`.
    pub fn new(client: &'a Client, path: impl Into<ApiPath>, params: P) -> Self {
        V2ListRequest { pages: Pages::new(client, path.into(), params, true), item: PhantomData }
    }

    page_options!();

    /// Every item of every page, fetching one page at a time as the stream is read.
    ///
    /// The first page is asked for with the parameters, each next one by the `next_page_url` of
    /// the one before (a path on this API; any other is an error). The stream ends after a page
    /// without `next_page_url` or without items, and fails rather than loop if the server hands
    /// out the same one twice.
    pub fn stream(self) -> impl Stream<Item = Result<T, Error>> + Send + 'a {
        walk(V2Pager { request: self, next: None })
    }
}

/// Moves a v2 list to the `next_page_url` of the page before.
struct V2Pager<'a, P, T> {
    request: V2ListRequest<'a, P, T>,
    next: Option<String>,
}

impl<P, T> Pager for V2Pager<'_, P, T>
where
    P: Serialize + Send + Sync,
    T: DeserializeOwned + Send,
{
    type Item = T;
    const CURSOR: &'static str = "next page URL";

    async fn fetch(&mut self) -> Result<Page<T>, Error> {
        let page: V2List<T> = match &self.next {
            None => self.request.pages.fetch().await?,
            Some(url) => self.request.pages.fetch_url(url).await?,
        };
        let next = page.next_page_url.filter(|next| !next.is_empty());
        Ok(Page { items: page.data.into(), next })
    }

    fn advance(&mut self, cursor: String) {
        self.next = Some(cursor);
    }
}

first_page!(V2ListRequest, V2List);

/// One page of a walk: its items in the order to yield them, and the cursor of the page after
/// (none on the last page).
struct Page<T> {
    items: VecDeque<T>,
    next: Option<String>,
}

/// How a walk over pages moves on: a list by its items' ids, a search by `next_page`, a v2 list
/// by `next_page_url`.
trait Pager: Send {
    /// What the pages hold.
    type Item: Send;
    /// What the cursor is called in an error.
    const CURSOR: &'static str;
    /// Fetches the page the parameters point at.
    fn fetch(&mut self) -> impl Future<Output = Result<Page<Self::Item>, Error>> + Send;
    /// Points the parameters at the page after, by its cursor.
    fn advance(&mut self, cursor: String);
}

/// Every item of every page, one page fetched at a time as the stream is read; the stream ends
/// after the last page, or with an error rather than loop when a cursor repeats.
fn walk<'a, G: Pager + 'a>(pager: G) -> impl Stream<Item = Result<G::Item, Error>> + Send + 'a {
    let state = Walk { pager, buffer: VecDeque::new(), done: false, seen: HashSet::new() };
    futures_util::stream::unfold(state, |mut walk| async move {
        loop {
            if let Some(item) = walk.buffer.pop_front() {
                return Some((Ok(item), walk));
            }
            if walk.done {
                return None;
            }
            if let Err(error) = walk.next_page().await {
                walk.done = true;
                return Some((Err(error), walk));
            }
        }
    })
}

struct Walk<G: Pager> {
    pager: G,
    buffer: VecDeque<G::Item>,
    done: bool,
    seen: HashSet<String>,
}

impl<G: Pager> Walk<G> {
    async fn next_page(&mut self) -> Result<(), Error> {
        let page = self.pager.fetch().await?;
        // An empty page ends the walk whatever cursor it hands out, as a v1 list's does: a server
        // answering empty pages with fresh cursors must not keep one poll fetching forever.
        self.done = page.next.is_none() || page.items.is_empty();
        if let Some(next) = page.next {
            if !self.seen.insert(next.clone()) {
                return Err(Error::Pagination(format!("the server returned the {} `{next}` twice", G::CURSOR)));
            }
            self.pager.advance(next);
        }
        self.buffer = page.items;
        Ok(())
    }
}
