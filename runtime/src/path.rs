//! Where a call goes: a path of the API whose IDs each stay one segment of the URL.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::{Client, Error};

/// Everything but unreserved characters is escaped in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The path of a call, or why it could not be built: reported when the call is sent, so that a
/// generated operation can still hand back a request to configure.
///
/// A path without IDs converts from a string; one with IDs is filled from its template:
///
/// ```
/// use stripe_client_runtime::ApiPath;
///
/// let path = ApiPath::with_ids("/v1/climate/orders/{order}/cancel", ["climorder/1"]);
/// assert_eq!(path.as_str(), Some("/v1/climate/orders/climorder%2F1/cancel"));
/// assert!(ApiPath::with_ids("/v1/climate/orders/{order}", [".."]).as_str().is_none());
/// assert_eq!(ApiPath::from("/v1/balance").as_str(), Some("/v1/balance"));
/// ```
#[derive(Debug)]
pub struct ApiPath(pub(crate) Result<String, Error>);

impl ApiPath {
    /// `template` (`/v1/climate/orders/{order}/cancel`, as the spec writes it) with each `{name}`
    /// replaced by the next of `ids`, checked and percent-encoded by [`path_segment`]. A template
    /// whose `{name}`s do not match `ids` one to one is refused when the call is sent.
    pub fn with_ids<const N: usize>(template: &str, ids: [&str; N]) -> Self {
        ApiPath(fill(template, &ids))
    }

    /// The path, if it could be built.
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_deref().ok()
    }
}

impl From<&str> for ApiPath {
    fn from(path: &str) -> Self {
        ApiPath(Ok(path.to_owned()))
    }
}

impl From<String> for ApiPath {
    fn from(path: String) -> Self {
        ApiPath(Ok(path))
    }
}

fn fill(template: &str, ids: &[&str]) -> Result<String, Error> {
    let mismatch = || Error::RequestPath { path: template.to_owned(), reason: "its `{…}`s and the IDs given differ" };
    let mut path = String::with_capacity(template.len() + ids.iter().map(|id| id.len()).sum::<usize>());
    let mut ids = ids.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').ok_or_else(mismatch)? + open;
        let id = ids.next().ok_or_else(mismatch)?;
        path.push_str(&rest[..open]);
        path.push_str(&path_segment(&rest[open + 1..close], id)?);
        rest = &rest[close + 1..];
    }
    if ids.next().is_some() {
        return Err(mismatch());
    }
    path.push_str(rest);
    Ok(path)
}

/// An ID made safe to put in a URL path as one segment: `a/b` cannot reach another endpoint.
/// `""`, `.` and `..` cannot be one segment (the URL would name the collection or a parent), so
/// they are refused with an error naming `parameter`.
pub fn path_segment(parameter: &str, id: &str) -> Result<String, Error> {
    if matches!(id, "" | "." | "..") {
        return Err(Error::PathParameter { parameter: parameter.to_owned(), value: id.to_owned() });
    }
    Ok(utf8_percent_encode(id, SEGMENT).to_string())
}

/// The path of a URL an answer hands out (`next_page_url`, a related object's `url`): a path on
/// this API (or the API's own URL before one), never another host, as a hostile answer could name.
pub(crate) fn path_on_api<'u>(client: &Client, url: &'u str, what: &'static str) -> Result<&'u str, Error> {
    let path = url.strip_prefix(client.request_base()).unwrap_or(url);
    if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') {
        Ok(path)
    } else {
        Err(Error::ForeignUrl { what, url: crate::redact::quoted_url(url) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(path_segment("order", "climorder_123").ok().as_deref(), Some("climorder_123"));
        assert_eq!(path_segment("order", "../x?y#z").ok().as_deref(), Some("..%2Fx%3Fy%23z"));
        assert_eq!(path_segment("order", "a.b").ok().as_deref(), Some("a.b"));
        for bad in ["", ".", ".."] {
            let error = path_segment("order", bad).expect_err("refused");
            assert!(error.to_string().contains("`order`"), "{error}");
        }
    }

    #[test]
    fn templates_put_each_id_in_its_segment() {
        let path = ApiPath::with_ids("/v1/climate/orders/{order}/cancel", ["a/b"]);
        assert_eq!(path.as_str(), Some("/v1/climate/orders/a%2Fb/cancel"));
        let two = ApiPath::with_ids("/v1/accounts/{account}/persons/{person}", ["acct_1", "person 2"]);
        assert_eq!(two.as_str(), Some("/v1/accounts/acct_1/persons/person%202"));
        assert_eq!(ApiPath::with_ids("/v1/balance", []).as_str(), Some("/v1/balance"));
    }

    #[test]
    fn a_bad_id_is_named_by_its_template_name() {
        let Err(error) = ApiPath::with_ids("/v1/x/{thing}/y", [".."]).0 else { panic!("`..` was accepted") };
        assert!(matches!(&error, Error::PathParameter { parameter, .. } if parameter == "thing"), "{error:?}");
    }

    #[test]
    fn templates_and_ids_that_differ_are_refused() {
        for path in [
            ApiPath::with_ids("/v1/x/{a}/{b}", ["1"]),
            ApiPath::with_ids("/v1/x/{a}", ["1", "2"]),
            ApiPath::with_ids("/v1/x", ["1"]),
            ApiPath::with_ids("/v1/x/{a", ["1"]),
        ] {
            assert!(matches!(path.0, Err(Error::RequestPath { .. })), "{path:?}");
        }
    }
}
