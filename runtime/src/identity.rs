//! Who is calling, as the SDKs tell Stripe: the `User-Agent`, the `X-Stripe-Client-User-Agent`
//! JSON with the application's info, and `X-Stripe-Client-Telemetry` with the previous request's
//! id and duration.

use std::sync::Mutex;
use std::time::Duration;

use serde_json::json;

/// The application that uses the client, as Stripe's SDKs let plugins and platforms say
/// ([`ClientBuilder::app_info`](crate::ClientBuilder::app_info)).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppInfo {
    /// The application's name.
    pub name: String,
    /// Its version.
    pub version: Option<String>,
    /// Its web site.
    pub url: Option<String>,
    /// Its Stripe partner ID, for Stripe partners.
    pub partner_id: Option<String>,
}

impl AppInfo {
    /// `name/version (url)`, as the SDKs append it to the `User-Agent`.
    fn user_agent_part(&self) -> String {
        let mut part = self.name.clone();
        if let Some(version) = &self.version {
            part.push('/');
            part.push_str(version);
        }
        if let Some(url) = &self.url {
            part.push_str(&format!(" ({url})"));
        }
        part
    }
}

/// The `User-Agent` value.
pub(crate) fn user_agent(app: Option<&AppInfo>) -> String {
    let mut agent = format!("Stripe/v1 RustBindings/{}", env!("CARGO_PKG_VERSION"));
    if let Some(app) = app {
        agent.push(' ');
        agent.push_str(&app.user_agent_part());
    }
    agent
}

/// The `X-Stripe-Client-User-Agent` value: what the client is, where it runs, and for whom.
pub(crate) fn client_user_agent(app: Option<&AppInfo>) -> String {
    let mut value = json!({
        "bindings_version": env!("CARGO_PKG_VERSION"),
        "lang": "rust",
        "lang_version": env!("STRIPE_CLIENT_RUSTC_VERSION"),
        "publisher": "stripe-client",
        "platform": format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
    });
    if let Some(app) = app {
        value["application"] = json!({
            "name": app.name, "version": app.version, "url": app.url, "partner_id": app.partner_id
        });
    }
    value.to_string()
}

/// The metrics of the last request, sent with the next one when telemetry is on.
#[derive(Debug, Default)]
pub(crate) struct Telemetry {
    last: Mutex<Option<(String, u128)>>,
}

impl Telemetry {
    /// Records a finished request that Stripe gave an id. An id that is not one of Stripe's
    /// (`req_` and letters: at most 64 characters of letters, digits, `_` and `-`) is not
    /// echoed: a server must not be able to break or fill the next request's headers.
    pub(crate) fn record(&self, request_id: &str, duration: Duration) {
        let stripe_like =
            request_id.len() <= 64 && request_id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !stripe_like {
            return;
        }
        if let Ok(mut last) = self.last.lock() {
            *last = Some((request_id.to_owned(), duration.as_millis()));
        }
    }

    /// The header value for the next request, once per recorded request.
    pub(crate) fn take_header(&self) -> Option<String> {
        let (id, millis) = self.last.lock().ok()?.take()?;
        Some(json!({ "last_request_metrics": { "request_id": id, "request_duration_ms": millis } }).to_string())
    }
}
