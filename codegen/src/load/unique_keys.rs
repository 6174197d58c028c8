//! YAML forbids a mapping to give a key twice, but serde_yaml's tree keeps the last one without a
//! word (and openapiv3 panics on some). This reader builds the same tree in one pass and refuses
//! the first key given twice, naming its place.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Number, Value};

/// Why a text has no tree.
#[derive(Debug, PartialEq)]
pub(crate) enum Refused {
    /// A mapping at this pointer gives a key twice.
    Twice { pointer: String, message: String },
    /// Not YAML, in the parser's words.
    Syntax(String),
}

/// The text's YAML tree; refused if it is not YAML or one of its mappings gives a key twice.
///
/// A text that reads as JSON is read as JSON: YAML takes the characters U+0085, U+2028 and U+2029
/// for line breaks, so a JSON string holding one (valid JSON) would not read as YAML. A text that
/// only looks like JSON (a YAML flow mapping) is read as YAML.
pub(crate) fn tree(text: &str) -> Result<Value, Refused> {
    if text.trim_start().starts_with('{') {
        let mut json = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, Unique>(&mut json).map(|unique| (unique, json.end())) {
            Ok((Unique(tree), Ok(()))) => return Ok(tree),
            Err(error) if error.inner().to_string().contains(TWICE) => return Err(refused(error)),
            _ => {}
        }
    }
    serde_path_to_error::deserialize::<_, Unique>(serde_yaml::Deserializer::from_str(text))
        .map(|Unique(tree)| tree)
        .map_err(refused)
}

/// Why a read failed: a key given twice, at its place, or the reader's own words.
fn refused<E: fmt::Display>(error: serde_path_to_error::Error<E>) -> Refused {
    if !error.inner().to_string().contains(TWICE) {
        return Refused::Syntax(error.into_inner().to_string());
    }
    let pointer = super::path_pointer("", error.path());
    let text = error.into_inner().to_string();
    let message = text.find(TWICE).map_or(text.as_str(), |start| &text[start..]);
    // The readers word it `<the message> at line L column C`: where the mapping starts (YAML) or
    // the second key ends (JSON).
    let message = match message.split_once(" at line ") {
        Some((message, place)) => format!("{message} (in the mapping at line {place})"),
        None => message.to_owned(),
    };
    Refused::Twice { pointer, message }
}

const TWICE: &str = "a key given twice";

/// A YAML value whose mappings give each key once.
struct Unique(Value);

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: Error>(self, value: bool) -> Result<Unique, E> {
        Ok(Unique(Value::Bool(value)))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Unique, E> {
        Ok(Unique(Value::Number(Number::from(value))))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Unique, E> {
        Ok(Unique(Value::Number(Number::from(value))))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Unique, E> {
        Ok(Unique(Value::Number(Number::from(value))))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Unique, E> {
        Ok(Unique(Value::String(value.to_owned())))
    }

    fn visit_string<E: Error>(self, value: String) -> Result<Unique, E> {
        Ok(Unique(Value::String(value)))
    }

    fn visit_unit<E: Error>(self) -> Result<Unique, E> {
        Ok(Unique(Value::Null))
    }

    fn visit_none<E: Error>(self) -> Result<Unique, E> {
        Ok(Unique(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Unique, D::Error> {
        Unique::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        let mut items = Vec::new();
        while let Some(Unique(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Unique(Value::Sequence(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut entries = Mapping::new();
        while let Some(Unique(key)) = map.next_key()? {
            if entries.contains_key(&key) {
                let shown = match &key {
                    Value::String(text) => text.clone(),
                    other => serde_yaml::to_string(other).unwrap_or_default().trim_end().to_owned(),
                };
                return Err(A::Error::custom(format!("{TWICE}: `{shown}`; YAML allows each key once")));
            }
            let Unique(value) = map.next_value()?;
            entries.insert(key, value);
        }
        Ok(Unique(Value::Mapping(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::{tree, Refused};

    #[test]
    fn json_with_yaml_line_breaks_in_strings_reads_as_json() {
        for break_char in ['\u{85}', '\u{2028}', '\u{2029}'] {
            let text = format!("{{\"a{break_char}b\": {{\"c\": \"d{break_char}e\"}}}}");
            let tree = tree(&text).expect("valid JSON reads");
            assert!(serde_yaml::to_string(&tree).is_ok_and(|y| y.contains('c')), "{break_char:?}");
        }
        assert!(matches!(tree("{\"a\": 1, \"a\": 2}"), Err(Refused::Twice { .. })));
        assert!(tree("{a: 1, b: [x, y]}").is_ok(), "a YAML flow mapping is still YAML");
    }

    #[test]
    fn a_key_given_twice_is_named_with_its_mapping() {
        let text = "paths:\n  /v1/a:\n    get: {}\n    get: {}\ncomponents: {}\n";
        let message = "a key given twice: `get`; YAML allows each key once (in the mapping at line 3 column 5)";
        assert_eq!(tree(text), Err(Refused::Twice { pointer: "/paths/~1v1~1a".into(), message: message.into() }));
        let json = r#"{"components": {"schemas": {"a": {"type": "string", "type": "integer"}}}}"#;
        let Err(Refused::Twice { pointer, message }) = tree(json) else { panic!("twice") };
        assert_eq!(pointer, "/components/schemas/a");
        assert!(message.contains("`type`"), "{message}");
        assert!(matches!(tree("a: [unclosed\n"), Err(Refused::Syntax(_))));
    }

    #[test]
    fn the_tree_is_serde_yaml_s() {
        let text = "a: [1, -2, 2.5, true, null, ~, 'x', {b: c}]\n200: ok\n'201': quoted\nd:\n  - e: f\n";
        let expected: serde_yaml::Value = serde_yaml::from_str(text).expect("YAML");
        assert_eq!(tree(text), Ok(expected));
    }
}
