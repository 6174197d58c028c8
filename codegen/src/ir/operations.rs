//! The operations to generate: their routes, parameters, answers and paging.

use super::*;

/// The HTTP methods of OpenAPI operations. Stripe's API uses GET, POST and DELETE; older specs
/// have PUT, other descriptions PATCH and the rest, each sent by the rules of its closest kin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    /// GET: parameters in the query string.
    Get,
    /// POST: parameters in a form body (a JSON body in the v2 API), with an idempotency key.
    Post,
    /// DELETE: parameters in the query string.
    Delete,
    /// PUT: as POST.
    Put,
    /// PATCH: as POST.
    Patch,
    /// HEAD: as GET.
    Head,
    /// OPTIONS: as GET.
    Options,
    /// TRACE: as GET.
    Trace,
}

impl HttpMethod {
    /// Every method, in the order of an OpenAPI path item's keys.
    pub const ALL: [HttpMethod; 8] = [
        HttpMethod::Get,
        HttpMethod::Put,
        HttpMethod::Post,
        HttpMethod::Delete,
        HttpMethod::Options,
        HttpMethod::Head,
        HttpMethod::Patch,
        HttpMethod::Trace,
    ];

    /// The method as HTTP spells it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Whether its parameters go in a body, as POST's do (else in the query string, as GET's).
    pub fn sends_body(self) -> bool {
        matches!(self, HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch)
    }
}

/// How an operation sends its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamsIn {
    /// Bracket-encoded query string.
    Query,
    /// Bracket-encoded `application/x-www-form-urlencoded` body.
    Form,
    /// `multipart/form-data` body.
    Multipart,
    /// The v2 API's rules: a JSON body for POST, the query string (arrays as repeated keys) for
    /// GET and DELETE.
    V2,
}

/// One API operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`.
    pub operation_id: String,
    /// Namespaces before the resource (`["climate"]`).
    pub namespace: Vec<String>,
    /// The resource's service name (`orders`).
    pub resource: String,
    /// The method name on the service (`create`, `list`, `cancel`).
    pub method_name: String,
    /// HTTP method.
    pub http_method: HttpMethod,
    /// Path template (`/v1/climate/orders/{order}`), as the runtime fills it: each `{name}` is the
    /// next of `path_params`.
    pub path: String,
    /// Path parameters in template order.
    pub path_params: Vec<PathParam>,
    /// The parameters struct, if the operation takes any parameter besides the path.
    pub params: Option<String>,
    /// Where the parameters go.
    pub params_in: ParamsIn,
    /// The successful response type.
    pub response: TypeRef,
    /// How the operation's results are paged, if they are.
    pub pagination: Pagination,
    /// The host that serves this operation when it is not the API's own (`https://files.stripe.com`).
    pub server: Option<String>,
    /// The file parts of a multipart body.
    pub files: Vec<FilePart>,
    /// Rustdoc, Markdown.
    pub doc: Option<String>,
    /// The spec location, for messages.
    pub pointer: String,
}

impl Operation {
    /// The namespaces and the resource: the path of its service (`["climate", "orders"]`).
    pub fn service_path(&self) -> Vec<String> {
        self.namespace.iter().chain(std::iter::once(&self.resource)).cloned().collect()
    }

    /// Whether the operation's service is the one at `path` or one under it.
    pub fn is_under(&self, path: &[String]) -> bool {
        let own = self.namespace.iter().chain(std::iter::once(&self.resource));
        path.len() <= self.namespace.len() + 1 && own.zip(path).all(|(a, b)| a == b)
    }
}

/// The runtime call that sends an operation, and what it answers with: decided here once from its
/// paging, answer and parameters, for emit and the API surface alike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Call<'o> {
    /// Pages of `item`, fetched by the runtime's `request` type (`ListRequest<Params, Item>`); a v2
    /// list may take no parameters at all (`()`), its later pages being fetched by URL.
    Pages { request: &'static str, params: Option<&'o str>, item: &'o TypeRef },
    /// One answer, built by the `Client` method `builder`: decoded as `answer`, or the body's
    /// bytes where `answer` is `None`; the builder takes the body's file parts when `files`.
    One { builder: &'static str, answer: Option<&'o TypeRef>, files: bool },
}

impl Operation {
    /// How this operation is sent and answered.
    pub fn call(&self) -> Call<'_> {
        let params = self.params.as_deref();
        let pages = |request, item| Call::Pages { request, params, item };
        match (self.pagination, &self.response, params) {
            (Pagination::List, TypeRef::List(item), Some(_)) => pages("ListRequest", item),
            (Pagination::Search, TypeRef::SearchList(item), Some(_)) => pages("SearchRequest", item),
            (Pagination::NextPageUrl, TypeRef::V2List(item), _) => pages("V2ListRequest", item),
            (_, TypeRef::Binary, _) => {
                let builder = if self.params_in == ParamsIn::V2 { "request_json_bytes" } else { "request_bytes" };
                Call::One { builder, answer: None, files: false }
            }
            (_, answer, _) => {
                let builder = match self.params_in {
                    ParamsIn::Multipart => "request_multipart",
                    ParamsIn::V2 => "request_json",
                    ParamsIn::Form | ParamsIn::Query => "request",
                };
                Call::One { builder, answer: Some(answer), files: self.params_in == ParamsIn::Multipart }
            }
        }
    }
}

/// How a list of results is paged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pagination {
    /// One answer, no pages.
    #[default]
    None,
    /// A list of objects paged by `starting_after`/`ending_before` and the objects' ids.
    List,
    /// A search result paged by `page` and the `next_page` it returns.
    Search,
    /// A v2 list paged by the `next_page_url` it returns.
    NextPageUrl,
}

/// A file field of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePart {
    /// The parameters struct's field.
    pub ident: String,
    /// The part's name on the wire.
    pub wire_name: String,
    /// Whether the file may be left out.
    pub optional: bool,
}

/// A path parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct PathParam {
    /// Name in the template.
    pub name: String,
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: Option<String>,
}
