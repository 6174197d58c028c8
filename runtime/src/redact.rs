//! The one redaction rule: which keys hold values no log may show, and JSON (a parsed value, or
//! text that may be cut short or not JSON at all) printed with those values masked.
//!
//! The text scanner assumes what every body does: it starts at its start, so a quote opens a
//! string; a body cut short at its end is fine.
//!
//! Every place that prints JSON a server sent goes through here: the excerpts of
//! [`Error::Decode`](crate::Error::Decode) and [`ApiError`](crate::ApiError), decode messages,
//! the `Debug` of webhook objects that did not decode, and the `Debug` of the additional
//! properties (keys the spec does not name) of generated structs.
//!
//! Besides keys, values are masked by their look wherever they stand in server text: Stripe's
//! secret and restricted keys (`sk_live_...`, `rk_test_...`), webhook secrets (`whsec_...`) and
//! client secrets (`pi_..._secret_...`), so that an error message echoing a key does not print it.
//! And every server text is printed with its control characters escaped ([`printable`]): a server
//! must not forge log lines or send terminal escapes.

use std::fmt;

use serde_json::Value;

/// What a masked value prints as.
pub const MASK: &str = "[redacted]";

/// Prints [`MASK`]: what `Debug` shows in place of a secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// Whether the value under `key` must not be printed: credentials (`secret`, `client_secret`,
/// anything naming a secret or a password, `api_key`, `authorization`), forwarded request and
/// response `headers` and `body` (third-party API keys and card data travel there), and personal
/// data (`customer_information`: a date of birth, an address; `kyc_details`).
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("secret")
        || key.contains("password")
        || matches!(
            key.as_str(),
            "api_key" | "authorization" | "headers" | "body" | "customer_information" | "kyc_details"
        )
}

/// Whether a word of server text looks like a secret: a secret or restricted key (`sk_...`,
/// `rk_...`), a webhook secret (`whsec_...`) or a client secret (`..._secret_...`). A word is a
/// run of letters, digits and `_`.
pub fn looks_secret(word: &str) -> bool {
    let prefixed =
        ["sk_", "rk_", "whsec_"].iter().any(|prefix| word.strip_prefix(prefix).is_some_and(|rest| rest.len() >= 4));
    prefixed || word.contains("_secret_")
}

/// `text` with every word that [`looks_secret`], and every occurrence of `own_secret` (the
/// client's key, when given and not empty), replaced by the mask.
pub fn mask_secret_values(text: &str, own_secret: Option<&str>) -> String {
    let own_secret = own_secret.map(str::trim).filter(|s| !s.is_empty());
    let text = match own_secret {
        Some(secret) if text.contains(secret) => std::borrow::Cow::Owned(text.replace(secret, MASK)),
        _ => std::borrow::Cow::Borrowed(text),
    };
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(start) = rest.find(is_word) {
        out.push_str(&rest[..start]);
        let word_len = rest[start..].find(|c: char| !is_word(c)).unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        out.push_str(if looks_secret(word) { MASK } else { word });
        rest = &rest[start + word_len..];
    }
    out.push_str(rest);
    out
}

/// Server text as it may be printed: control characters (CR, LF, ESC, ...) escaped, so that
/// a server can neither forge log lines nor send terminal escapes.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A URL as errors quote it: without its user info, query string or fragment (they may hold
/// credentials or parameters), secret-looking words masked.
pub fn quoted_url(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let cut = if end < url.len() { "?[redacted]" } else { "" };
    let mut kept = url[..end].to_owned();
    let authority = kept.find("://").map(|at| at + 3);
    if let Some(start) = authority {
        let host_end = kept[start..].find('/').map_or(kept.len(), |i| start + i);
        if let Some(at) = kept[start..host_end].rfind('@') {
            kept.replace_range(start..start + at, MASK);
        }
    }
    format!("{}{cut}", mask_secret_values(&kept, None))
}

/// Masks, in place and at any depth, the values of secret keys, and secret-looking words in
/// every other string.
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
        Value::String(text) if text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(looks_secret) => {
            *text = mask_secret_values(text, None);
        }
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

/// How much of a body is scanned for an excerpt: more than any excerpt shows.
const SCAN_LEN: usize = 16 * 1024;

/// How many characters of a body errors quote.
pub(crate) const EXCERPT_LEN: usize = 500;

/// The start of a body as errors quote it: secret keys masked (in JSON, and in `key=value` pairs
/// of a form or text body), secret-looking values masked, then cut at a character boundary.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let head = &body[..body.len().min(SCAN_LEN)];
    let text = mask_secret_values(&redact_pairs(&redact_text(&String::from_utf8_lossy(head))), None);
    match text.char_indices().nth(EXCERPT_LEN) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None if head.len() < body.len() => format!("{text}…"),
        None => text,
    }
}

/// A decode error's message, unless the place it is about is secret: serde quotes the value it
/// could not read, and that value may be the secret. Secret-looking words are masked anywhere.
pub(crate) fn redact_message(path: &str, message: String) -> String {
    let segments = path.split(['.', '[', ']']).filter(|s| !s.is_empty());
    if segments.into_iter().any(is_secret_key) {
        "the value does not match its type (not shown: the field is secret)".to_owned()
    } else {
        mask_secret_values(&message, None)
    }
}

/// Text with the values of `key=value` pairs whose key is secret masked, up to the next `&`,
/// whitespace or quote: a form-encoded or plain-text body echoing parameters.
fn redact_pairs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(equals) = rest.find('=') {
        let key_start = rest[..equals].rfind(|c: char| !(c.is_ascii_alphanumeric() || "_[].%".contains(c)));
        let key = &rest[key_start.map_or(0, |i| i + 1)..equals];
        let key = key.rsplit(['[', ']']).find(|part| !part.is_empty()).unwrap_or(key);
        out.push_str(&rest[..=equals]);
        rest = &rest[equals + 1..];
        if is_secret_key(key) {
            let end = rest.find(|c: char| c == '&' || c == '"' || c.is_whitespace()).unwrap_or(rest.len());
            out.push_str(MASK);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
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
    fn secret_looking_values_are_masked_wherever_they_stand() {
        let text = "Invalid API Key provided: sk_live_abc123; see pi_1_secret_xyz, whsec_q1w2e3r4 and rk_test_zz99 (sk_ alone)";
        let masked = mask_secret_values(text, None);
        for secret in ["sk_live_abc123", "pi_1_secret_xyz", "whsec_q1w2e3r4", "rk_test_zz99"] {
            assert!(!masked.contains(secret), "{masked}");
        }
        assert!(masked.starts_with("Invalid API Key provided: [redacted];") && masked.ends_with("(sk_ alone)"));
        // The client's own key, whatever it looks like.
        assert_eq!(mask_secret_values("key my-key.42 is wrong", Some("my-key.42")), "key [redacted] is wrong");
        assert_eq!(mask_secret_values("nothing here", Some("")), "nothing here");
        let mut value = json!({"message": "bad key sk_test_123456", "list": ["cos_9_secret_8"]});
        redact_value(&mut value);
        assert_eq!(value, json!({"message": "bad key [redacted]", "list": ["[redacted]"]}));
    }

    #[test]
    fn form_and_text_bodies_are_masked_by_key_and_by_look() {
        let body = b"amount=100&client_secret=abc&metadata[api_key]=zzz&note=sk_live_4242 end";
        let quoted = excerpt(body);
        assert_eq!(quoted, "amount=100&client_secret=[redacted]&metadata[api_key]=[redacted]&note=[redacted] end");
    }

    #[test]
    fn control_characters_are_escaped_and_urls_lose_their_queries() {
        assert_eq!(printable("line\r\nX-Forged: 1\u{1b}[31m"), "line\\r\\nX-Forged: 1\\u{1b}[31m");
        assert_eq!(printable("plain"), "plain");
        assert_eq!(
            quoted_url("https://evil.example/cb?client_secret=pi_1_secret_2#x"),
            "https://evil.example/cb?[redacted]"
        );
        assert_eq!(quoted_url("/v1/x/sk_live_abcdef"), "/v1/x/[redacted]");
        assert_eq!(quoted_url("https://user:pw@api.example/v1"), "https://[redacted]@api.example/v1");
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
