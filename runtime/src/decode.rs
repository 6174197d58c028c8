//! How generated response structs decode: one small impl per struct on top of one visitor here.
//!
//! serde's derived `Deserialize` writes, for every struct, a field enum, its visitor, a sequence
//! visitor and a map visitor: over a third of the time `cargo check` spent on a generated crate.
//! The generated impls instead name each field once (a key, a slot, a check) and leave the loop
//! to [`DecodeFields::decode`]. What they accept and the errors they give match serde's derive
//! for maps, which is all Stripe sends: unknown keys are skipped, a repeated key is an error,
//! a missing field says which, and `null` or an absent key make an optional field `None`.
//!
//! Every decoding of the runtime is here: answers (JSON, files, error statuses), values inside
//! them (unions, webhook objects), and the generated structs' fields.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeOwned, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::absent::{Absent, EmptyValue};
use crate::redact::{excerpt, redact_message};
use crate::transport::{successful, Answer};

/// The fields of one generated struct as its keys arrive; `finish` builds the struct.
///
/// Implemented by generated code only (each struct's `Deserialize` holds its own); not a
/// stable API.
#[doc(hidden)]
pub trait DecodeFields<'de>: Default {
    /// The struct being decoded.
    type Output;
    /// The struct's name, for "expected struct X" errors.
    const NAME: &'static str;

    /// Reads the value of `key` into its slot, or skips it when no field has that key.
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error>;

    /// The struct, or the wire name of a required field that never came.
    fn finish(self) -> Result<Self::Output, &'static str>;

    /// Decodes the struct from a map.
    fn decode<D: Deserializer<'de>>(deserializer: D) -> Result<Self::Output, D::Error> {
        deserializer.deserialize_map(FieldsVisitor::<Self>(PhantomData))
    }

    /// Reads one field's value into its empty slot; a second value for it is an error.
    fn set<T: Deserialize<'de>, A: MapAccess<'de>>(
        slot: &mut Option<T>,
        map: &mut A,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    /// A required field's value; when the answer left it out, its type's empty value (a list, a
    /// map, an object whose fields may all be empty), noted in `absent`. A type with no empty value
    /// gives the field's name back: the struct does not decode.
    fn or_empty<T: Deserialize<'de>>(
        slot: Option<T>,
        name: &'static str,
        absent: &mut Absent,
    ) -> Result<T, &'static str> {
        if let Some(value) = slot {
            return Ok(value);
        }
        let empty = T::deserialize(EmptyValue).map_err(|_| name)?;
        absent.note(name);
        Ok(empty)
    }

    /// A required field that may be `null`: `None` when the answer left it out, noted in `absent`.
    fn or_null<T>(slot: Option<Option<T>>, name: &'static str, absent: &mut Absent) -> Option<T> {
        if slot.is_none() {
            absent.note(name);
        }
        slot.flatten()
    }

    /// Skips the value of a key no field has: Stripe adds fields to its objects all the time.
    fn skip<A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(|_| ())
    }
}

/// Whether `value` is the deleted form of an object (`{"id", "object", "deleted": true}`): what
/// tells it from the live object of the same `object` value, before either is decoded.
#[doc(hidden)]
pub fn is_deleted_form(value: &serde_json::Value) -> bool {
    value.get("deleted") == Some(&serde_json::Value::Bool(true))
}

/// A union of Stripe objects, decoded by the `object` field every object carries: the variant
/// whose objects have that tag, never the first whose shape happens to fit (an account needs only
/// an `id` and an `object`, so a card fits it too).
///
/// Implemented by generated code only (with [`decode_by_object_impls!`](crate::decode_by_object_impls));
/// not a stable API.
#[doc(hidden)]
pub trait DecodeByObject: Sized {
    /// The union's name, for errors.
    const NAME: &'static str;
    /// The `object` values of its variants, for errors.
    const TAGS: &'static [&'static str];

    /// The variant whose objects carry `tag`, decoded from `value` with
    /// [`decode_value`] (whose errors name the place and quote no
    /// secret); `None` when no variant does.
    fn variant(tag: &str, value: &serde_json::Value) -> Option<Result<Self, String>>;

    /// Reads the object, then decodes the variant its `object` names.
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let tag = match value.get("object") {
            Some(serde_json::Value::String(tag)) => tag.clone(),
            _ => {
                return Err(D::Error::custom(format!(
                    "{}: no `object` field to tell the kind of object by",
                    Self::NAME
                )))
            }
        };
        match Self::variant(&tag, &value) {
            Some(decoded) => decoded.map_err(|e| D::Error::custom(format!("{} (`{tag}`): {e}", Self::NAME))),
            None => Err(D::Error::custom(format!(
                "{}: no variant holds `{tag}` objects (expected one of: {})",
                Self::NAME,
                Self::TAGS.join(", ")
            ))),
        }
    }
}

/// `Deserialize` for a union through its [`DecodeByObject`] impl.
#[doc(hidden)]
#[macro_export]
macro_rules! decode_by_object_impls {
    ($name:ident) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <$name as $crate::DecodeByObject>::decode(deserializer)
            }
        }
    };
}

/// Walks the map's keys, handing each to the struct's fields.
struct FieldsVisitor<F>(PhantomData<F>);

impl<'de, F: DecodeFields<'de>> Visitor<'de> for FieldsVisitor<F> {
    type Value = F::Output;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", F::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<F::Output, A::Error> {
        let mut fields = F::default();
        while let Some(Key(key)) = map.next_key()? {
            fields.field(&key, &mut map)?;
        }
        fields.finish().map_err(A::Error::missing_field)
    }
}

/// A map key, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: Error>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: Error>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }
}

/// Decodes a JSON value as `T`; the error says where it failed and never quotes a secret.
pub fn decode_value<T: DeserializeOwned>(raw: &Value) -> Result<T, String> {
    serde_path_to_error::deserialize(raw).map_err(|e| {
        let path = e.path().to_string();
        format!("at `{path}`: {}", redact_message(&path, e.inner().to_string()))
    })
}

/// A JSON answer as `T`.
pub(crate) fn decode_json<T: DeserializeOwned>(answer: &mut Answer) -> Result<T, crate::Error> {
    successful(answer)?;
    // Tracking the path costs time on every response; only a failed decode needs it, so a failure
    // is decoded a second time to say where.
    if let Ok(value) = serde_json::from_slice(&answer.body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(&answer.body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        crate::Error::Decode {
            status: answer.status,
            message: redact_message(&path, e.inner().to_string()),
            path,
            excerpt: excerpt(&answer.body),
            request_id: answer.request_id.clone(),
        }
    })
}

/// A file answer, as its bytes.
pub(crate) fn decode_bytes(answer: &mut Answer) -> Result<Vec<u8>, crate::Error> {
    successful(answer).map(|()| std::mem::take(&mut answer.body))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What generated code writes for `struct Pair { id: String, note: Option<String> }`.
    #[derive(Debug, PartialEq)]
    struct Pair {
        id: String,
        note: Option<String>,
    }

    impl<'de> Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            #[derive(Default)]
            struct Fields {
                id: Option<String>,
                note: Option<Option<String>>,
            }
            impl<'de> DecodeFields<'de> for Fields {
                type Output = Pair;
                const NAME: &'static str = "Pair";
                fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
                    match key {
                        "id" => Self::set(&mut self.id, map, "id"),
                        "note" => Self::set(&mut self.note, map, "note"),
                        _ => Self::skip(map),
                    }
                }
                fn finish(self) -> Result<Pair, &'static str> {
                    Ok(Pair { id: self.id.ok_or("id")?, note: self.note.flatten() })
                }
            }
            Fields::decode(deserializer)
        }
    }

    fn decode(json: &str) -> Result<Pair, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn optional_fields_are_none_when_absent_or_null_and_unknown_keys_are_skipped() {
        let expected = Pair { id: "a".into(), note: None };
        assert_eq!(decode(r#"{"id":"a"}"#), Ok(expected));
        let expected = Pair { id: "a".into(), note: None };
        assert_eq!(decode(r#"{"note":null,"new":{"x":[1]},"id":"a"}"#), Ok(expected));
        let expected = Pair { id: "a\"b".into(), note: Some("n".into()) };
        assert_eq!(decode(r#"{"id":"a\"b","n\u006fte":"n"}"#), Ok(expected));
    }

    #[test]
    fn errors_say_which_field_as_serde_derive_does() {
        assert_eq!(decode(r#"{"note":"n"}"#), Err("missing field `id` at line 1 column 12".into()));
        assert_eq!(decode(r#"{"id":"a","id":"b"}"#), Err("duplicate field `id` at line 1 column 14".into()));
        assert_eq!(
            decode(r#"{"id":1}"#),
            Err("invalid type: integer `1`, expected a string at line 1 column 7".into())
        );
        assert_eq!(decode(r#"["a"]"#), Err("invalid type: sequence, expected struct Pair at line 1 column 0".into()));
    }

    /// What generated code writes for a union of objects: an account needs only `id` and `object`,
    /// so a card fits its shape; a card and a deleted card share the tag `card`.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Account {
        id: String,
        object: String,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Card {
        id: String,
        object: String,
        brand: String,
        /// Not text, so that a string there is an error that would quote it.
        client_secret: Option<i64>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct DeletedCard {
        id: String,
        deleted: bool,
    }

    #[derive(Debug, PartialEq)]
    enum Source {
        Account(Account),
        Card(Box<Card>),
        DeletedCard(DeletedCard),
    }

    impl DecodeByObject for Source {
        const NAME: &'static str = "Source";
        const TAGS: &'static [&'static str] = &["account", "card"];

        fn variant(tag: &str, value: &serde_json::Value) -> Option<Result<Self, String>> {
            use crate::decode::decode_value;
            Some(match tag {
                "account" => decode_value(value).map(Self::Account),
                "card" => decode_value(value)
                    .map(|v| Self::Card(Box::new(v)))
                    .or_else(|first| decode_value(value).map(Self::DeletedCard).map_err(|_| first)),
                _ => return None,
            })
        }
    }

    crate::decode_by_object_impls!(Source);

    #[test]
    fn a_union_of_objects_takes_the_variant_its_object_names() {
        let card: Source = serde_json::from_str(r#"{"id":"card_1","object":"card","brand":"visa"}"#).expect("a card");
        let expected = Card { id: "card_1".into(), object: "card".into(), brand: "visa".into(), client_secret: None };
        assert_eq!(card, Source::Card(Box::new(expected)));
        let gone: Source = serde_json::from_str(r#"{"id":"card_1","object":"card","deleted":true}"#).expect("deleted");
        assert_eq!(gone, Source::DeletedCard(DeletedCard { id: "card_1".into(), deleted: true }));
        let account: Source = serde_json::from_str(r#"{"object":"account","id":"acct_1"}"#).expect("an account");
        assert_eq!(account, Source::Account(Account { id: "acct_1".into(), object: "account".into() }));
    }

    #[test]
    fn a_union_of_objects_says_what_it_expected_and_quotes_no_secret() {
        let decode = |json: &str| serde_json::from_str::<Source>(json).map_err(|e| e.to_string());
        let unknown = decode(r#"{"id":"x","object":"bank_account"}"#).expect_err("no such variant");
        assert!(unknown.starts_with("Source: no variant holds `bank_account` objects (expected one of: account, card)"));
        let untagged = decode(r#"{"id":"x"}"#).expect_err("no tag");
        assert!(untagged.starts_with("Source: no `object` field"), "{untagged}");
        let broken = decode(r#"{"id":"x","object":"card","brand":7}"#).expect_err("bad");
        assert!(broken.starts_with("Source (`card`): at `brand`: invalid type: integer"), "the card's error: {broken}");
        let leaked = decode(r#"{"id":"x","object":"card","brand":"visa","client_secret":"pi_1_secret_abc"}"#);
        let leaked = leaked.expect_err("bad");
        assert!(leaked.contains("at `client_secret`") && !leaked.contains("pi_1_secret_abc"), "{leaked}");
    }

    #[test]
    fn decodes_from_buffered_values_too() {
        let value = serde_json::json!({"id": "a", "note": "n"});
        let pair = Pair::deserialize(value).map_err(|e| e.to_string());
        assert_eq!(pair, Ok(Pair { id: "a".into(), note: Some("n".into()) }));
    }
}
