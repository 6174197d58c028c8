//! How generated structs serialize and print: each names its fields once, in a walk, and the
//! runtime turns that walk into `Serialize` and `Debug`.
//!
//! serde's derived `Serialize` writes, for every struct, a field count made of one `if` per
//! optional field, then per field an `if`, a call and a `?`, all generic over the serializer:
//! measured on the crate generated from Stripe's complete spec, it was a third of what `cargo
//! check` spent there. A walk is one plain call per field, checked once per struct; the loops and
//! the error handling are written here, once. The output is what the derive gave: a struct with
//! `None` optional fields left out (`serialize_struct`, with the exact count of fields it holds), or
//! a map when the struct carries a flattened map of additional properties.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

/// A generated struct's fields, in declaration order, as a [`FieldVisitor`] sees them.
///
/// Implemented by generated code only (with [`walk_fields_impls!`](crate::walk_fields_impls));
/// not a stable API.
#[doc(hidden)]
pub trait WalkFields {
    /// The struct's name, as `Debug` and serializers see it.
    const NAME: &'static str;

    /// Hands every field to `visit`, keyed by its name on the wire.
    fn walk_fields<V: FieldVisitor>(&self, visit: &mut V);

    /// The required fields the answer left out (see [`AbsentFields`](crate::AbsentFields)); none
    /// unless the struct can note them.
    fn recorded_absences(&self) -> &[&'static str] {
        &[]
    }
}

/// What a walk hands its fields to; each kind of field has its own call.
#[doc(hidden)]
pub trait FieldVisitor {
    /// A field always serialized (`null` when it is an empty `Option`).
    fn field<T: Serialize + fmt::Debug + ?Sized>(&mut self, key: &'static str, value: &T);

    /// A field left out of the serialized struct when it is `None`.
    fn optional<T: Serialize + fmt::Debug>(&mut self, key: &'static str, value: &Option<T>);

    /// The keys no other field names, serialized as entries of the struct itself.
    fn flatten<V: Serialize + fmt::Debug>(&mut self, key: &'static str, map: &BTreeMap<String, V>);

    /// A field that is never serialized (a file travels as a multipart part), only printed.
    fn unsent<T: fmt::Debug + ?Sized>(&mut self, key: &'static str, value: &T);
}

/// A credential as a field value: serialized as it is, printed as `[redacted]`.
#[doc(hidden)]
pub struct Secret<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Serialize for Secret<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<T: ?Sized> fmt::Debug for Secret<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&crate::Redacted, f)
    }
}

/// `Serialize` and `Debug` for a generated struct, through its [`WalkFields`].
#[doc(hidden)]
#[macro_export]
macro_rules! walk_fields_impls {
    ($name:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::serialize_fields(self, serializer)
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::debug_fields(self, f)
            }
        }
    };
}

/// Serializes a struct through its walk: as a struct, or as a map when it has flattened entries.
#[doc(hidden)]
pub fn serialize_fields<T: WalkFields + ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut count = Count::default();
    value.walk_fields(&mut count);
    if count.flattened {
        let mut out = Entries { map: serializer.serialize_map(None)?, error: None };
        value.walk_fields(&mut out);
        match out.error {
            Some(error) => Err(error),
            None => out.map.end(),
        }
    } else {
        let mut out = Fields { state: serializer.serialize_struct(T::NAME, count.fields)?, error: None };
        value.walk_fields(&mut out);
        match out.error {
            Some(error) => Err(error),
            None => out.state.end(),
        }
    }
}

/// Prints a struct through its walk, as `#[derive(Debug)]` does, credentials redacted.
#[doc(hidden)]
pub fn debug_fields<T: WalkFields + ?Sized>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = Printed(f.debug_struct(T::NAME));
    value.walk_fields(&mut out);
    out.0.finish()
}

/// The first pass of serializing: how many fields the struct will hold, and whether it has
/// flattened entries (whose number is only known while writing them).
#[derive(Default)]
struct Count {
    fields: usize,
    flattened: bool,
}

impl FieldVisitor for Count {
    fn field<T: Serialize + fmt::Debug + ?Sized>(&mut self, _: &'static str, _: &T) {
        self.fields += 1;
    }

    fn optional<T: Serialize + fmt::Debug>(&mut self, _: &'static str, value: &Option<T>) {
        self.fields += usize::from(value.is_some());
    }

    fn flatten<V: Serialize + fmt::Debug>(&mut self, _: &'static str, _: &BTreeMap<String, V>) {
        self.flattened = true;
    }

    fn unsent<T: fmt::Debug + ?Sized>(&mut self, _: &'static str, _: &T) {}
}

/// Writes the fields of a struct with no flattened entries; the first error stops the writing.
struct Fields<S: SerializeStruct> {
    state: S,
    error: Option<S::Error>,
}

impl<S: SerializeStruct> FieldVisitor for Fields<S> {
    fn field<T: Serialize + fmt::Debug + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            self.error = self.state.serialize_field(key, value).err();
        }
    }

    fn optional<T: Serialize + fmt::Debug>(&mut self, key: &'static str, value: &Option<T>) {
        match value {
            Some(value) => self.field(key, value),
            None if self.error.is_none() => self.error = self.state.skip_field(key).err(),
            None => {}
        }
    }

    fn flatten<V: Serialize + fmt::Debug>(&mut self, _: &'static str, _: &BTreeMap<String, V>) {
        // `Count` saw no flattened map, so the walk has none to hand over.
    }

    fn unsent<T: fmt::Debug + ?Sized>(&mut self, _: &'static str, _: &T) {}
}

/// Writes the fields of a struct with flattened entries, all as entries of one map.
struct Entries<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> FieldVisitor for Entries<M> {
    fn field<T: Serialize + fmt::Debug + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            self.error = self.map.serialize_entry(key, value).err();
        }
    }

    fn optional<T: Serialize + fmt::Debug>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }

    fn flatten<V: Serialize + fmt::Debug>(&mut self, _: &'static str, map: &BTreeMap<String, V>) {
        for (key, value) in map {
            if self.error.is_some() {
                return;
            }
            self.error = self.map.serialize_entry(key, value).err();
        }
    }

    fn unsent<T: fmt::Debug + ?Sized>(&mut self, _: &'static str, _: &T) {}
}

/// Prints every field, `None` ones included, the flattened map as one field.
struct Printed<'a, 'b>(fmt::DebugStruct<'a, 'b>);

impl FieldVisitor for Printed<'_, '_> {
    fn field<T: Serialize + fmt::Debug + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.0.field(key, &value);
    }

    fn optional<T: Serialize + fmt::Debug>(&mut self, key: &'static str, value: &Option<T>) {
        self.0.field(key, value);
    }

    fn flatten<V: Serialize + fmt::Debug>(&mut self, key: &'static str, map: &BTreeMap<String, V>) {
        self.0.field(key, &MaskedEntries(map));
    }

    fn unsent<T: fmt::Debug + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.0.field(key, &value);
    }
}

/// Additional properties as `Debug` prints them: their keys are ones the spec does not name, so
/// any may hold a secret, at any depth. Each value prints as its JSON with the redaction rule
/// applied ([`redact_value`](crate::redact::redact_value)); one that does not serialize prints
/// masked.
struct MaskedEntries<'m, V>(&'m BTreeMap<String, V>);

impl<V: Serialize> fmt::Debug for MaskedEntries<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(key, value)| (key, MaskedValue(key, value)))).finish()
    }
}

struct MaskedValue<'v, V>(&'v str, &'v V);

impl<V: Serialize> fmt::Debug for MaskedValue<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let MaskedValue(key, value) = self;
        match serde_json::to_value(value) {
            Ok(_) if crate::redact::is_secret_key(key) => f.write_str(crate::redact::MASK),
            Ok(mut value) => {
                crate::redact::redact_value(&mut value);
                write!(f, "{value}")
            }
            Err(_) => f.write_str(crate::redact::MASK),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_test::{assert_ser_tokens, Token};

    use super::*;

    /// What generated code writes for a struct with a required, an optional, a nullable and a
    /// secret field.
    struct Endpoint {
        id: String,
        description: Option<String>,
        deleted_at: Option<i64>,
        secret: Option<String>,
    }

    impl WalkFields for Endpoint {
        const NAME: &'static str = "Endpoint";

        fn walk_fields<V: FieldVisitor>(&self, visit: &mut V) {
            visit.field("id", &self.id);
            visit.optional("description", &self.description);
            visit.field("deleted_at", &self.deleted_at);
            visit.optional("secret", &self.secret.as_ref().map(Secret));
        }
    }

    walk_fields_impls!(Endpoint);

    /// A struct with additional properties beside its named field.
    struct Metadata {
        order: Option<String>,
        extra: BTreeMap<String, String>,
    }

    impl WalkFields for Metadata {
        const NAME: &'static str = "Metadata";

        fn walk_fields<V: FieldVisitor>(&self, visit: &mut V) {
            visit.optional("order", &self.order);
            visit.flatten("extra", &self.extra);
        }
    }

    walk_fields_impls!(Metadata);

    fn endpoint() -> Endpoint {
        Endpoint { id: "we_1".into(), description: None, deleted_at: None, secret: Some("whsec_x".into()) }
    }

    #[test]
    fn none_optional_fields_are_left_out_and_nullable_ones_are_null() {
        let json = serde_json::to_string(&endpoint()).map_err(|e| e.to_string());
        assert_eq!(json, Ok(r#"{"id":"we_1","deleted_at":null,"secret":"whsec_x"}"#.to_owned()));
    }

    #[test]
    fn serializers_are_told_the_struct_name_and_the_count_of_fields_written() {
        assert_ser_tokens(
            &endpoint(),
            &[
                Token::Struct { name: "Endpoint", len: 3 },
                Token::Str("id"),
                Token::Str("we_1"),
                Token::Str("deleted_at"),
                Token::None,
                Token::Str("secret"),
                Token::Str("whsec_x"),
                Token::StructEnd,
            ],
        );
        let value = Metadata { order: None, extra: BTreeMap::from([("k".to_owned(), "v".to_owned())]) };
        assert_ser_tokens(&value, &[Token::Map { len: None }, Token::Str("k"), Token::Str("v"), Token::MapEnd]);
    }

    #[test]
    fn flattened_entries_sit_beside_the_named_fields() {
        let extra = BTreeMap::from([("b".to_owned(), "2".to_owned()), ("a".to_owned(), "1".to_owned())]);
        let value = Metadata { order: Some("o".into()), extra };
        let json = serde_json::to_string(&value).map_err(|e| e.to_string());
        assert_eq!(json, Ok(r#"{"order":"o","a":"1","b":"2"}"#.to_owned()));
        let empty = Metadata { order: None, extra: BTreeMap::new() };
        assert_eq!(serde_json::to_string(&empty).map_err(|e| e.to_string()), Ok("{}".to_owned()));
    }

    #[test]
    fn debug_prints_every_field_and_redacts_secrets() {
        assert_eq!(
            format!("{:?}", endpoint()),
            r#"Endpoint { id: "we_1", description: None, deleted_at: None, secret: Some([redacted]) }"#
        );
        let value = Metadata { order: None, extra: BTreeMap::from([("k".to_owned(), "v".to_owned())]) };
        assert_eq!(format!("{value:?}"), r#"Metadata { order: None, extra: {"k": "v"} }"#);
    }

    #[test]
    fn additional_properties_print_with_their_secrets_masked_at_any_depth() {
        struct Open {
            extra: BTreeMap<String, serde_json::Value>,
        }
        impl WalkFields for Open {
            const NAME: &'static str = "Open";
            fn walk_fields<V: FieldVisitor>(&self, visit: &mut V) {
                visit.flatten("extra", &self.extra);
            }
        }
        walk_fields_impls!(Open);
        let extra = BTreeMap::from([
            ("api_key".to_owned(), serde_json::json!("sk_live_abc")),
            ("nested".to_owned(), serde_json::json!({"password": "hunter2", "n": 1})),
            ("note".to_owned(), serde_json::json!("a key sk_live_123456789 in text")),
            ("plain".to_owned(), serde_json::json!("ok")),
        ]);
        let printed = format!("{:?}", Open { extra });
        for secret in ["sk_live_abc", "hunter2", "sk_live_123456789"] {
            assert!(!printed.contains(secret), "{printed}");
        }
        assert!(printed.contains(r#""plain": "ok""#) && printed.contains(r#""n":1"#), "{printed}");
    }

    #[test]
    fn a_serializer_error_is_returned_and_stops_the_writing() {
        /// A flattened entry whose value fails to serialize, between two fields.
        struct Rejecting;
        impl WalkFields for Rejecting {
            const NAME: &'static str = "Rejecting";
            fn walk_fields<V: FieldVisitor>(&self, visit: &mut V) {
                visit.field("f", &f64::NAN);
                visit.flatten("extra", &BTreeMap::from([("k".to_owned(), Unwritable)]));
                visit.field("after", &1);
            }
        }
        #[derive(Debug)]
        struct Unwritable;
        impl Serialize for Unwritable {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("cannot write this value"))
            }
        }
        let mut text = Vec::new();
        let result = serialize_fields(&Rejecting, &mut serde_json::Serializer::new(&mut text));
        assert_eq!(result.map_err(|e| e.to_string()), Err("cannot write this value".to_owned()));
        // Written up to the failing value; nothing after it.
        assert_eq!(String::from_utf8_lossy(&text), r#"{"f":null,"k":"#);
    }
}
