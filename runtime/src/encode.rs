//! Stripe's parameter encodings: the form encoding of the v1 API, for request bodies and query
//! strings alike, and the JSON bodies and query strings of the v2 API.
//!
//! Nested objects become `a[b]=c`, arrays are indexed (`expand[0]=x`; the v2 API's query strings
//! repeat the key instead, `include=a&include=b`, as the SDKs send them), booleans are
//! `true`/`false`, `None` is left out, empty arrays and objects are left out, and an empty string
//! or a null (a [`Clearable::Clear`](crate::Clearable)) is sent as `key=` (which unsets a field).
//! Keys and values are percent-encoded as forms are, but the brackets stay readable, as Stripe's
//! SDKs send them.

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
    encode_with(params, Arrays::Indexed)
}

/// How a query string or form body writes the items of an array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arrays {
    /// `expand[0]=a&expand[1]=b`: the v1 API.
    Indexed,
    /// `include=a&include=b`: the query strings of the v2 API.
    Repeated,
}

/// [`encode`], with the array rule of the API the parameters go to.
pub(crate) fn encode_with<P: Serialize + ?Sized>(params: &P, arrays: Arrays) -> Result<String, EncodeError> {
    let pairs = pairs(params, arrays)?;
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
    let pairs = pairs(params, Arrays::Indexed)?;
    Ok(pairs
        .into_iter()
        .map(|(path, value)| {
            let key = path[1..].iter().fold(path[0].clone(), |key, segment| format!("{key}[{segment}]"));
            (key, value)
        })
        .collect())
}

/// The parameters as the JSON body of a v2 API call: `None` fields left out, everything else as is.
pub(crate) fn json_body<P: Serialize + ?Sized>(params: &P) -> Result<Vec<u8>, EncodeError> {
    serde_json::to_vec(params).map_err(|e| EncodeError(e.to_string()))
}

/// Flattens the parameters into key paths and scalar values.
fn pairs<P: Serialize + ?Sized>(params: &P, arrays: Arrays) -> Result<Vec<(Vec<String>, String)>, EncodeError> {
    let value = serde_json::to_value(params).map_err(|e| EncodeError(e.to_string()))?;
    let mut pairs = Vec::new();
    match &value {
        Value::Object(map) => {
            for (key, value) in map {
                flatten(vec![key.clone()], value, arrays, &mut pairs);
            }
        }
        Value::Null => {}
        other => return Err(EncodeError(format!("parameters must be an object, not `{other}`"))),
    }
    Ok(pairs)
}

fn flatten(path: Vec<String>, value: &Value, arrays: Arrays, pairs: &mut Vec<(Vec<String>, String)>) {
    match value {
        Value::Null => pairs.push((path, String::new())),
        Value::Bool(b) => pairs.push((path, b.to_string())),
        Value::Number(n) => pairs.push((path, n.to_string())),
        Value::String(s) => pairs.push((path, s.clone())),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let mut child = path.clone();
                if arrays == Arrays::Indexed {
                    child.push(index.to_string());
                }
                flatten(child, item, arrays, pairs);
            }
        }
        Value::Object(map) => {
            for (key, value) in map {
                let mut child = path.clone();
                child.push(key.clone());
                flatten(child, value, arrays, pairs);
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
    use super::{encode, encode_with, json_body, Arrays};
    use serde_json::json;

    #[test]
    fn v2_queries_repeat_the_key_of_each_item() {
        let params = json!({"include": ["a b", "é"], "limit": 5, "filter": {"status": ["open"]}});
        let encoded = encode_with(&params, Arrays::Repeated).expect("encodes");
        assert_eq!(encoded, "include=a%20b&include=%C3%A9&limit=5&filter[status]=open");
        let indexed = encode(&params).expect("encodes");
        assert_eq!(indexed, "include[0]=a%20b&include[1]=%C3%A9&limit=5&filter[status][0]=open");
    }

    #[test]
    fn json_bodies_keep_types_and_leave_absent_fields_out() {
        let body = json_body(&json!({"amount": 100, "live": false, "tags": [], "note": "a+b"})).expect("encodes");
        assert_eq!(String::from_utf8(body).expect("UTF-8"), r#"{"amount":100,"live":false,"tags":[],"note":"a+b"}"#);
    }

    #[test]
    fn nothing_to_send_is_empty() {
        assert_eq!(encode(&()).expect("encodes"), "");
        assert_eq!(encode(&json!({"b": [], "c": {}})).expect("encodes"), "");
    }

    #[test]
    fn a_null_unsets_its_field() {
        assert_eq!(encode(&json!({"a": null, "b": {"c": null}})).expect("encodes"), "a=&b[c]=");
        assert_eq!(json_body(&json!({"a": null})).expect("encodes"), br#"{"a":null}"#);
    }

    #[test]
    fn scalars_at_the_top_are_refused() {
        assert!(encode(&json!(3)).is_err());
    }
}
