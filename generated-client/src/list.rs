//! Pages of objects, and walking every page of a list or search operation as one stream.

use std::collections::{HashSet, VecDeque};
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use futures_core::Stream;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::options::RequestOptions;
use crate::{Client, Error, Object};

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
    /// The path, or why it could not be built (reported when the call is sent).
    path: Result<String, Error>,
    params: P,
    options: RequestOptions,
}

impl<P: Serialize> Pages<'_, P> {
    /// The next page: the path's error the first time it is asked for, if there is one.
    async fn fetch<R: DeserializeOwned + Send>(&mut self) -> Result<R, Error> {
        let path = std::mem::replace(&mut self.path, Err(Error::Pagination("the path was already refused".into())));
        let path = path?;
        self.path = Ok(path.clone());
        let client = self.client.with_options(self.options.clone());
        let mut request = client.request(Method::GET, Ok(path), &self.params);
        if let Some(server) = self.server {
            request = request.at_server(server);
        }
        request.await
    }
}

/// Per-call settings of a list or search, as on [`Request`](crate::Request).
macro_rules! page_options {
    () => {
        /// Sends every page to the host that serves the operation (see [`Client::at_server`]).
        pub fn at_server(mut self, server: &'static str) -> Self {
            self.pages.server = Some(server);
            self
        }

        /// Acts for this connected account on every page (`Stripe-Account`); empty counts as none.
        pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
            self.pages.options.stripe_account = Some(account.into());
            self
        }

        /// Acts in this context on every page (`Stripe-Context`); empty counts as none.
        pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
            self.pages.options.stripe_context = Some(context.into());
            self
        }

        /// Uses this API version on every page (`Stripe-Version`).
        pub fn stripe_version(mut self, version: impl Into<String>) -> Self {
            self.pages.options.stripe_version = Some(version.into());
            self
        }

        /// Gives each attempt at each page at most this long.
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.pages.options.timeout = Some(timeout);
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
    pub fn new(client: &'a Client, path: Result<String, Error>, params: P) -> Self {
        let pages = Pages { client, server: None, path, params, options: RequestOptions::default() };
        ListRequest { pages, item: PhantomData }
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

impl<'a, P, T> IntoFuture for ListRequest<'a, P, T>
where
    P: Serialize + Send + Sync + 'a,
    T: DeserializeOwned + Send + 'a,
{
    type Output = Result<List<T>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(mut self) -> Self::IntoFuture {
        Box::pin(async move { self.pages.fetch().await })
    }
}

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
    pub fn new(client: &'a Client, path: Result<String, Error>, params: P) -> Self {
        let pages = Pages { client, server: None, path, params, options: RequestOptions::default() };
        SearchRequest { pages, item: PhantomData }
    }

    page_options!();

    /// Every result of every page, fetching one page at a time as the stream is read.
    ///
    /// Each page asks for the `next_page` of the one before, keeping the query and every other
    /// parameter. The stream ends after a page with `has_more: false` or no `next_page`, and fails
    /// rather than loop if the server hands out the same `next_page` twice.
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

impl<'a, P, T> IntoFuture for SearchRequest<'a, P, T>
where
    P: Serialize + Send + Sync + 'a,
    T: DeserializeOwned + Send + 'a,
{
    type Output = Result<SearchList<T>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(mut self) -> Self::IntoFuture {
        Box::pin(async move { self.pages.fetch().await })
    }
}

/// One page of a walk: its items in the order to yield them, and the cursor of the page after
/// (none on the last page).
struct Page<T> {
    items: VecDeque<T>,
    next: Option<String>,
}

/// How a walk over pages moves on: a list by its items' ids, a search by `next_page`.
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
        self.done = page.next.is_none();
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
