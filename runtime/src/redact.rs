//! The one redaction rule: which keys hold values no log may show, and JSON (a parsed value, or
//! text that may be cut short or not JSON at all) printed with those values masked.
//!
//! The text scanner assumes what every body does: it starts at its start, so a quote opens a
//! string; a body cut short at its end is fine.
//!
//! Every place that prints JSON a server sent goes through here: the excerpts of
//! [`Error::Decode`](crate::Error::Decode) and [`ApiError`](crate::ApiError), decode messages,
//! and the `Debug` of webhook objects that did not decode.

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

/// What a masked value prints as.
pub const MASK: &str = "[redacted]";

/// Whether the value under `key` must not be printed: credentials (`secret`, `client_secret`,
/// anything naming a secret or a password, `api_key`, `authorization`), forwarded request and
/// response `headers` (third-party API keys travel there), and personal data
/// (`customer_information`: a date of birth, an address).
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("secret")
        || key.contains("password")
        || matches!(key.as_str(), "api_key" | "authorization" | "headers" | "customer_information")
}

/// Masks, in place and at any depth, the values of secret keys.
pub fn redact_value(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if is_secret_key(key) {
                    *child = Value::String(MASK.to_owned());
                } else {
                    redact_value(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_value),
        _ => {}
    }
}

/// `Debug` of a JSON value with secret keys masked: what webhook objects that did not decode print.
pub struct RedactedJson<'a>(pub &'a Value);

impl fmt::Debug for RedactedJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut value = self.0.clone();
        redact_value(&mut value);
        write!(f, "{value}")
    }
}

/// Decodes a JSON value as `T`; the error says where it failed and never quotes a secret.
pub fn decode_value<T: DeserializeOwned>(raw: &Value) -> Result<T, String> {
    serde_path_to_error::deserialize(raw).map_err(|e| {
        let path = e.path().to_string();
        format!("at `{path}`: {}", redact_message(&path, e.inner().to_string()))
    })
}

/// How much of a body is scanned for an excerpt: more than any excerpt shows.
const SCAN_LEN: usize = 16 * 1024;

/// How many characters of a body errors quote.
pub(crate) const EXCERPT_LEN: usize = 500;

/// The start of a body as errors quote it: secret keys masked, then cut at a character boundary.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let head = &body[..body.len().min(SCAN_LEN)];
    let text = redact_text(&String::from_utf8_lossy(head));
    match text.char_indices().nth(EXCERPT_LEN) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None if head.len() < body.len() => format!("{text}…"),
        None => text,
    }
}

/// A decode error's message, unless the place it is about is secret: serde quotes the value it
/// could not read, and that value may be the secret.
pub(crate) fn redact_message(path: &str, message: String) -> String {
    let segments = path.split(['.', '[', ']']).filter(|s| !s.is_empty());
    if segments.into_iter().any(is_secret_key) {
        "the value does not match its type (not shown: the field is secret)".to_owned()
    } else {
        message
    }
}

/// JSON text with the values of secret keys masked. Text that is not JSON, or JSON cut short,
/// is scanned the same way: strings are found by their quotes, a value by what opens it, and a
/// value that never ends is masked to the end.
pub(crate) fn redact_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        if bytes[at] != b'"' {
            at += 1;
            continue;
        }
        let end = string_end(bytes, at);
        let close = if end > at + 1 && bytes[end - 1] == b'"' { end - 1 } else { end };
        let key = &text[at + 1..close];
        let colon = skip_space(bytes, end);
        if colon < bytes.len() && bytes[colon] == b':' && is_secret_key(&unescape_lossy(key)) {
            let value = skip_space(bytes, colon + 1);
            out.push_str(&text[copied..value]);
            out.push('"');
            out.push_str(MASK);
            out.push('"');
            at = value_end(bytes, value);
            copied = at;
        } else {
            at = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The index after the string that opens at `start` (or the end of the text).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// The index after the value that starts at `start`: a string, a balanced object or array, or a
/// scalar up to the next delimiter.
fn value_end(bytes: &[u8], start: usize) -> usize {
    match bytes.get(start) {
        None => start,
        Some(b'"') => string_end(bytes, start),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut at = start;
            while at < bytes.len() {
                match bytes[at] {
                    b'"' => {
                        at = string_end(bytes, at);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return at + 1;
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
            bytes.len()
        }
        Some(_) => {
            let mut at = start;
            while at < bytes.len() && !matches!(bytes[at], b',' | b'}' | b']') && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            at
        }
    }
}

/// A key as JSON spells it, with escapes read, so `"client\u005fsecret"` is still a secret key.
fn unescape_lossy(key: &str) -> String {
    if !key.contains('\\') {
        return key.to_owned();
    }
    serde_json::from_str::<String>(&format!("\"{key}\"")).unwrap_or_else(|_| key.replace('\\', ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn secret_keys() {
        for key in
            ["secret", "client_secret", "webhook_secret", "Password", "api_key", "headers", "customer_information"]
        {
            assert!(is_secret_key(key), "{key}");
        }
        for key in ["id", "object", "status", "url", "metadata", "name", "value"] {
            assert!(!is_secret_key(key), "{key}");
        }
    }

    #[test]
    fn values_are_masked_at_any_depth() {
        let mut value = json!({
            "id": "cos_1", "client_secret": "cos_1_secret_abc",
            "data": [{"secret": "whsec_1", "nested": {"customer_information": {"dob": {"year": 1990}}}}],
            "request_details": {"headers": [{"name": "Authorization", "value": "Bearer sk_third"}]}
        });
        redact_value(&mut value);
        let text = value.to_string();
        for secret in ["cos_1_secret_abc", "whsec_1", "1990", "sk_third"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains("cos_1"), "{text}");
    }

    #[test]
    fn text_is_masked_whole_cut_short_or_escaped() {
        let body = r#"{"id":"cos_1","client_secret" : "cos_1_secret_abc","status":"x","customer_information":{"dob":{"year":1990}},"n":1}"#;
        let masked = redact_text(body);
        assert_eq!(
            masked,
            r#"{"id":"cos_1","client_secret" : "[redacted]","status":"x","customer_information":"[redacted]","n":1}"#
        );
        assert_eq!(redact_text(r#"{"secret":"whsec_abc"#), r#"{"secret":"[redacted]""#);
        assert_eq!(redact_text(r#"{"client\u005fsecret":"x1"}"#), r#"{"client\u005fsecret":"[redacted]"}"#);
        assert_eq!(redact_text(r#"{"secret":12345,"a":2}"#), r#"{"secret":"[redacted]","a":2}"#);
        assert_eq!(redact_text("<html>502 Bad Gateway</html>"), "<html>502 Bad Gateway</html>");
    }

    #[test]
    fn excerpts_mask_before_cutting() {
        let body = format!(r#"{{"client_secret":"{}","id":"x"}}"#, "s".repeat(2000));
        let cut = excerpt(body.as_bytes());
        assert!(!cut.contains("sss"), "{cut}");
        let long = "é".repeat(2000);
        assert_eq!(excerpt(long.as_bytes()).chars().count(), EXCERPT_LEN + 1);
    }

    #[test]
    fn messages_about_secret_places_are_not_shown() {
        let message = "invalid type: string \"whsec_1\", expected i64".to_owned();
        assert!(!redact_message("data[0].secret", message.clone()).contains("whsec_1"));
        assert_eq!(redact_message("data[0].amount", message.clone()), message);
    }

    proptest! {
        /// Whatever JSON-like text surrounds it (a body starts at its start: no stray quote
        /// before the key), a secret-keyed string value never survives in the text.
        #[test]
        fn no_secret_survives(prefix in "[ -!#-\\[\\]-~]{0,40}", suffix in "[ -~]{0,40}", secret in "[a-z0-9_]{8,20}") {
            let text = format!("{prefix}{{\"client_secret\": \"{secret}\"}}{suffix}");
            let masked = redact_text(&text);
            prop_assert!(!masked.contains(&secret) || prefix.contains(&secret) || suffix.contains(&secret), "{masked}");
        }
    }
}
