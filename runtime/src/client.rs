//! The client and its configuration.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::decode::decode_json;
use crate::encode::form_fields;
use crate::identity::{client_user_agent, user_agent, AppInfo, Telemetry};
use crate::options::RequestOptions;
use crate::retry::RetryDelay;
use crate::transport::{form_request, json_request, Payload};
use crate::{ApiPath, Error, FileUpload, Request};

/// Stripe's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";

/// A Stripe client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    pub(crate) config: Arc<Config>,
    pub(crate) options: RequestOptions,
    /// The host the spec names for the operations sent through this client, if not the API's.
    pub(crate) server: Option<&'static str>,
}

pub(crate) struct Config {
    pub(crate) http: reqwest::Client,
    pub(crate) secret_key: String,
    pub(crate) base_url: String,
    /// Whether the caller chose `base_url`: then it serves every host nobody mapped (a mock).
    pub(crate) base_url_chosen: bool,
    /// Hosts of the spec (`https://files.stripe.com`) mapped to where their requests go.
    pub(crate) server_urls: BTreeMap<String, String>,
    pub(crate) stripe_version: String,
    pub(crate) timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) retry_delay: RetryDelay,
    pub(crate) user_agent: String,
    pub(crate) client_user_agent: String,
    /// The last request's metrics, when telemetry is on.
    pub(crate) telemetry: Option<Telemetry>,
    pub(crate) max_response_bytes: usize,
}

/// The most a successful response body may hold unless configured otherwise: 32 MiB. Stripe's
/// largest answers (a page of 100 objects with expansions) are a few megabytes.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

impl Client {
    /// A client with the default settings.
    ///
    /// # Panics
    ///
    /// Only if no TLS backend can be initialised, as `reqwest::Client::new` does; use
    /// [`Client::builder`] to get that as an [`Error`] instead.
    pub fn new(secret_key: impl Into<String>) -> Client {
        let builder = Client::builder(secret_key);
        let http = http_client().unwrap_or_else(|e| panic!("no HTTP client: {e}"));
        builder.http_client(http).build_with_defaults()
    }

    /// A builder to configure the client.
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            secret_key: secret_key.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            server_urls: BTreeMap::new(),
            stripe_version: String::new(),
            options: RequestOptions::default(),
            timeout: Duration::from_secs(80),
            max_retries: 2,
            retry_delay: RetryDelay::stripe(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            app_info: None,
            telemetry: true,
            http: None,
        }
    }

    /// This client with some settings overridden for the requests made through the result.
    ///
    /// Nothing is copied but the overrides: the connection pool is shared.
    pub fn with_options(&self, options: RequestOptions) -> Client {
        Client { config: Arc::clone(&self.config), options: self.options.merged_with(&options), server: self.server }
    }

    /// This client, for operations the spec serves from another host (`https://files.stripe.com`
    /// for file uploads). Generated operations call it; requests go to the URL the builder maps
    /// that host to ([`ClientBuilder::server_url`]), else to the chosen
    /// [`base_url`](ClientBuilder::base_url) if one was set (a mock serves every host), else to
    /// the host itself.
    pub fn at_server(&self, server: &'static str) -> Client {
        Client { config: Arc::clone(&self.config), options: self.options.clone(), server: Some(server) }
    }

    pub(crate) fn at_server_opt(&self, server: Option<&'static str>) -> std::borrow::Cow<'_, Client> {
        match server {
            Some(server) => std::borrow::Cow::Owned(self.at_server(server)),
            None => std::borrow::Cow::Borrowed(self),
        }
    }

    /// Where this client's requests go: the base URL, or the URL of the host it was sent to.
    pub(crate) fn request_base(&self) -> &str {
        let Some(server) = self.server else { return &self.config.base_url };
        match self.config.server_urls.get(server.trim_end_matches('/')) {
            Some(url) => url,
            None if self.config.base_url_chosen => &self.config.base_url,
            None => server.trim_end_matches('/'),
        }
    }

    /// The URL of a request to `path`: a path must start with one `/`, and the URL it makes must
    /// keep the base URL's scheme, host and port, so that no path (`@evil.example/x`, `:444/x`,
    /// `//evil.example/x`) sends the key elsewhere.
    pub(crate) fn request_url(&self, path: &str) -> Result<reqwest::Url, Error> {
        let refuse = |reason| Err(Error::RequestPath { path: path.to_owned(), reason });
        if !path.starts_with('/') || path.starts_with("//") {
            return refuse("it must start with a single `/`");
        }
        if path.contains('\\') || path.chars().any(char::is_control) {
            return refuse("it holds a backslash or a control character");
        }
        let base = self.request_base();
        let parse = |url: &str| reqwest::Url::parse(url);
        let (Ok(base_url), Ok(url)) = (parse(base), parse(&format!("{base}{path}"))) else {
            return refuse("it does not make a URL with the base URL");
        };
        if url.origin() != base_url.origin() || !url.username().is_empty() || url.password().is_some() {
            return refuse("it would change the host");
        }
        Ok(url)
    }

    /// The API version sent as `Stripe-Version` unless a request overrides it; empty when none
    /// was chosen, and then each generated operation sends the version its crate was generated
    /// for.
    pub fn stripe_version(&self) -> &str {
        self.options.stripe_version.as_deref().unwrap_or(&self.config.stripe_version)
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.config.base_url
    }
    /// A call whose parameters go in the query string (GET, DELETE) or a form body (POST), and
    /// whose answer is JSON. Every generated operation builds one.
    pub fn request<P, T>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Request<'_, T>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let prepared = path.into().0.and_then(|path| form_request(&method, path, params));
        Request::new(self, method, prepared, decode_json::<T>)
    }

    /// A call of Stripe's v2 API: its parameters in a JSON body (POST) or in the query string with
    /// arrays as repeated keys (GET, DELETE); a DELETE gets an `Idempotency-Key` too.
    pub fn request_json<P, T>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Request<'_, T>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let prepared = path.into().0.and_then(|path| json_request(&method, path, params));
        Request::new(self, method, prepared, decode_json::<T>)
    }

    /// Like [`request_json`](Client::request_json), for operations that answer with a file.
    pub fn request_json_bytes<P>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Request<'_, Vec<u8>>
    where
        P: Serialize + ?Sized,
    {
        self.request_json::<P, Vec<u8>>(method, path, params).bytes()
    }

    /// Like [`request`](Client::request), for operations that answer with a file (a PDF).
    pub fn request_bytes<P>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Request<'_, Vec<u8>>
    where
        P: Serialize + ?Sized,
    {
        self.request::<P, Vec<u8>>(method, path, params).bytes()
    }

    /// Like [`request`](Client::request), with a `multipart/form-data` body: the parameters as
    /// text fields and `files` as file parts.
    pub fn request_multipart<P, T>(
        &self,
        method: Method,
        path: impl Into<ApiPath>,
        params: &P,
        files: Vec<(&str, &FileUpload)>,
    ) -> Request<'_, T>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let files = files.into_iter().map(|(key, file)| (key.to_owned(), file.clone())).collect();
        let prepared = path.into().0.and_then(|path| Ok((path, Payload::Multipart(form_fields(params)?, files))));
        Request::new(self, method, prepared, decode_json::<T>)
    }

    /// Sends one call and decodes its JSON answer: [`request`](Client::request), awaited.
    pub async fn send<P, T>(&self, method: Method, path: impl Into<ApiPath>, params: &P) -> Result<T, Error>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned + Send,
    {
        self.request(method, path, params).await
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("secret_key", &crate::Redacted)
            .field("base_url", &self.config.base_url)
            .field("stripe_version", &self.config.stripe_version)
            .field("timeout", &self.config.timeout)
            .field("max_retries", &self.config.max_retries)
            .field("options", &self.options)
            .finish()
    }
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    secret_key: String,
    base_url: String,
    server_urls: BTreeMap<String, String>,
    stripe_version: String,
    options: RequestOptions,
    timeout: Duration,
    max_retries: u32,
    retry_delay: RetryDelay,
    max_response_bytes: usize,
    app_info: Option<AppInfo>,
    telemetry: bool,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("secret_key", &crate::Redacted)
            .field("base_url", &self.base_url)
            .field("server_urls", &self.server_urls)
            .field("stripe_version", &self.stripe_version)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .finish()
    }
}

impl ClientBuilder {
    /// Where requests go (default `https://api.stripe.com`); point it at a mock server in tests.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// Where requests for the operations the spec serves from `server` go, e.g. file uploads
    /// (`https://files.stripe.com`) to a second mock. Without it such requests go to the
    /// [`base_url`](ClientBuilder::base_url) when one was chosen, else to `server` itself.
    pub fn server_url(mut self, server: impl Into<String>, url: impl Into<String>) -> Self {
        let server = server.into().trim_end_matches('/').to_owned();
        self.server_urls.insert(server, url.into().trim_end_matches('/').to_owned());
        self
    }

    /// Act in this context on every request (`Stripe-Context`), for organization API keys.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.options.stripe_context = Some(context.into());
        self
    }

    /// The API version of every request (`Stripe-Version`). By default each generated operation
    /// sends the version of the spec its crate was generated from: choose another only with types
    /// generated for it.
    pub fn stripe_version(mut self, version: impl Into<String>) -> Self {
        self.stripe_version = version.into();
        self
    }

    /// Act on behalf of a connected account on every request (`Stripe-Account`).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.options.stripe_account = Some(account.into());
        self
    }

    /// How long one attempt may take (default 80 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many times a failed request is retried (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The delay before each retry (default: the SDKs' jittered exponential backoff).
    pub fn retry_delay(mut self, delay: RetryDelay) -> Self {
        self.retry_delay = delay;
        self
    }

    /// The largest successful response body read (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`], 32 MiB); a larger one, announced or sent, is
    /// [`Error::ResponseTooLarge`] and memory stays within the limit. Error answers are read up
    /// to 64 KiB, which is what they are quoted from.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Says which application uses the client, as plugins and platforms do with Stripe's SDKs:
    /// appended to the `User-Agent` and sent in `X-Stripe-Client-User-Agent`.
    pub fn app_info(
        mut self,
        name: impl Into<String>,
        version: Option<&str>,
        url: Option<&str>,
        partner_id: Option<&str>,
    ) -> Self {
        self.app_info = Some(AppInfo {
            name: name.into(),
            version: version.map(str::to_owned),
            url: url.map(str::to_owned),
            partner_id: partner_id.map(str::to_owned),
        });
        self
    }

    /// Whether each request tells Stripe the previous one's id and duration
    /// (`X-Stripe-Client-Telemetry`), as the SDKs do by default (default: on).
    pub fn telemetry(mut self, enabled: bool) -> Self {
        self.telemetry = enabled;
        self
    }

    /// Use this `reqwest::Client` (proxies, TLS settings, connection pool). Build it with
    /// `redirect(reqwest::redirect::Policy::none())`: a redirect it follows anyway is reported as
    /// [`Error::Redirect`] instead of answering with another URL's object.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client, after checking what would otherwise fail, or leak, at the first call:
    /// the key (not empty, no whitespace or control characters: a key read from a file keeps its
    /// newline), the header values (account, context, version, app info: printable ASCII), the
    /// URLs (`http(s)`, a host, no user info, query or fragment) and a live key sent in plain
    /// `http` to another host than this machine. A secret is never quoted in the error.
    pub fn build(self) -> Result<Client, Error> {
        let key = &self.secret_key;
        if key.trim().is_empty() {
            return Err(Error::Config("the secret key is empty".into()));
        }
        if key.chars().any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii()) {
            return Err(Error::Config(
                "the secret key holds whitespace, a control or a non-ASCII character (a newline read with it?)".into(),
            ));
        }
        let app = self.app_info.as_ref();
        let app_fields = app.into_iter().flat_map(|a| {
            [Some(&a.name), a.version.as_ref(), a.url.as_ref(), a.partner_id.as_ref()].into_iter().flatten()
        });
        let headers = [
            ("the Stripe-Account", self.options.stripe_account.as_ref()),
            ("the Stripe-Context", self.options.stripe_context.as_ref()),
            ("the API version", Some(&self.stripe_version)),
        ];
        let named = headers.into_iter().filter_map(|(what, value)| value.map(|v| (what, v)));
        for (what, value) in named.chain(app_fields.map(|v| ("the app info", v))) {
            if value.chars().any(|c| c.is_control() || !c.is_ascii()) {
                return Err(Error::Config(format!("{what} holds a control or a non-ASCII character")));
            }
        }
        let live = ["sk_live_", "rk_live_"].iter().any(|prefix| key.starts_with(prefix));
        for url in std::iter::once(&self.base_url).chain(self.server_urls.values()) {
            check_url(url, live)?;
        }
        let http = match self.http.clone() {
            Some(http) => http,
            None => http_client().map_err(|e| Error::Config(e.to_string()))?,
        };
        Ok(self.http_client(http).build_with_defaults())
    }

    /// Builds without validating; `new` reports a bad key on the first request instead.
    fn build_with_defaults(self) -> Client {
        let http = self.http.unwrap_or_default();
        Client {
            config: Arc::new(Config {
                http,
                secret_key: self.secret_key,
                base_url_chosen: self.base_url != DEFAULT_BASE_URL,
                base_url: self.base_url,
                server_urls: self.server_urls,
                stripe_version: self.stripe_version,
                timeout: self.timeout,
                max_retries: self.max_retries,
                retry_delay: self.retry_delay,
                user_agent: user_agent(self.app_info.as_ref()),
                client_user_agent: client_user_agent(self.app_info.as_ref()),
                telemetry: self.telemetry.then(Telemetry::default),
                max_response_bytes: self.max_response_bytes,
            }),
            options: self.options,
            server: None,
        }
    }
}

/// Whether requests may go to `url`: an `http(s)` URL with a host and nothing else but a path,
/// and `https` for a live key unless the host is this machine.
fn check_url(url: &str, live_key: bool) -> Result<(), Error> {
    let refuse = |why: &str| Err(Error::Config(format!("the base URL `{}` {why}", crate::redact::quoted_url(url))));
    let Ok(parsed) = reqwest::Url::parse(url) else { return refuse("is not a URL") };
    let Some(host) = parsed.host_str() else { return refuse("has no host") };
    if !matches!(parsed.scheme(), "http" | "https") {
        return refuse("is not an http(s) URL");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return refuse("holds user info");
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return refuse("holds a query string or a fragment");
    }
    let ip = host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>();
    let loopback = host.eq_ignore_ascii_case("localhost") || ip.is_ok_and(|ip| ip.is_loopback());
    if live_key && parsed.scheme() == "http" && !loopback {
        return refuse("is plain http to another host, and the key is a live one");
    }
    Ok(())
}

/// The HTTP client the builder makes: redirects are not followed (Stripe never redirects).
fn http_client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()
}
