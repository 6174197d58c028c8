//! Stripe's form encoding, for request bodies and query strings alike.
//!
//! Nested objects become `a[b]=c`, arrays are always indexed (`expand[0]=x`), booleans are
//! `true`/`false`, `None` is left out, empty arrays and objects are left out, and an empty string is
//! sent as `key=` (which unsets a field). Keys and values are percent-encoded as forms are, but the
//! brackets stay readable, as Stripe's SDKs send them.

use serde::Serialize;
use serde_json::Value;

/// Parameters that cannot be form-encoded.
#[derive(Debug, thiserror::Error)]
#[error("cannot encode request parameters: {0}")]
pub struct EncodeError(String);

/// Encodes parameters as `application/x-www-form-urlencoded` in Stripe's bracket format.
///
/// The order is the parameters' own: struct fields in declaration order, maps in their iteration
/// order (sorted for `BTreeMap`), so the same parameters always give the same bytes.
pub fn encode<P: Serialize + ?Sized>(params: &P) -> Result<String, EncodeError> {
    let pairs = pairs(params)?;
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(path, value)| {
            let mut key = escape(&path[0]);
            for segment in &path[1..] {
                key.push('[');
                key.push_str(&escape(segment));
                key.push(']');
            }
            format!("{key}={}", escape(value))
        })
        .collect();
    Ok(encoded.join("&"))
}

/// The parameters as `(key, value)` pairs, keys in bracket form and nothing escaped: the fields of
/// a multipart body.
pub(crate) fn form_fields<P: Serialize + ?Sized>(params: &P) -> Result<Vec<(String, String)>, EncodeError> {
    let pairs = pairs(params)?;
    Ok(pairs
        .into_iter()
        .map(|(path, value)| {
            let key = path[1..].iter().fold(path[0].clone(), |key, segment| format!("{key}[{segment}]"));
            (key, value)
        })
        .collect())
}

/// Flattens the parameters into key paths and scalar values.
fn pairs<P: Serialize + ?Sized>(params: &P) -> Result<Vec<(Vec<String>, String)>, EncodeError> {
    let value = serde_json::to_value(params).map_err(|e| EncodeError(e.to_string()))?;
    let mut pairs = Vec::new();
    match &value {
        Value::Object(map) => {
            for (key, value) in map {
                flatten(vec![key.clone()], value, &mut pairs);
            }
        }
        Value::Null => {}
        other => return Err(EncodeError(format!("parameters must be an object, not `{other}`"))),
    }
    Ok(pairs)
}

fn flatten(path: Vec<String>, value: &Value, pairs: &mut Vec<(Vec<String>, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => pairs.push((path, b.to_string())),
        Value::Number(n) => pairs.push((path, n.to_string())),
        Value::String(s) => pairs.push((path, s.clone())),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let mut child = path.clone();
                child.push(index.to_string());
                flatten(child, item, pairs);
            }
        }
        Value::Object(map) => {
            for (key, value) in map {
                let mut child = path.clone();
                child.push(key.clone());
                flatten(child, value, pairs);
            }
        }
    }
}

/// Percent-encodes a key or value. A space is `%20`, as stripe-node sends it: Stripe reads both,
/// but `+` is a reserved character to stricter servers (Stoplight Prism rejects it in a form
/// body). A `+` of the text itself is `%2B`, so every `+` left is a space.
fn escape(text: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
    if encoded.contains('+') {
        encoded.replace('+', "%20")
    } else {
        encoded
    }
}

#[cfg(test)]
mod tests {
    use super::encode;
    use serde_json::json;

    #[test]
    fn nothing_to_send_is_empty() {
        assert_eq!(encode(&()).expect("encodes"), "");
        assert_eq!(encode(&json!({"a": null, "b": [], "c": {}})).expect("encodes"), "");
    }

    #[test]
    fn scalars_at_the_top_are_refused() {
        assert!(encode(&json!(3)).is_err());
    }
}
