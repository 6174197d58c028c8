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
pub(crate) fn tree(text: &str) -> Result<Value, Refused> {
    let read = serde_path_to_error::deserialize::<_, Unique>(serde_yaml::Deserializer::from_str(text));
    match read {
        Ok(Unique(tree)) => Ok(tree),
        // serde_yaml words it `<its path>: <the message> at line L column C`.
        Err(error) if error.inner().to_string().contains(TWICE) => {
            let pointer = super::path_pointer("", error.path());
            let text = error.into_inner().to_string();
            let message = text.find(TWICE).map_or(text.as_str(), |start| &text[start..]);
            // serde_yaml's line and column are where the mapping starts, not the second key.
            let message = match message.split_once(" at line ") {
                Some((message, place)) => format!("{message} (in the mapping at line {place})"),
                None => message.to_owned(),
            };
            Err(Refused::Twice { pointer, message })
        }
        Err(error) => Err(Refused::Syntax(error.into_inner().to_string())),
    }
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
