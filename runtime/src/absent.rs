//! Answers that leave out a field the spec marks required: what they decode to, and the note
//! each struct keeps of it (the policy is on [`AbsentFields`]).

use serde::de::value::{Error as ValueError, MapDeserializer, SeqDeserializer};
use serde::de::{Deserializer, Visitor};

use crate::fields::WalkFields;

/// The required fields a decoded struct's answer left out, in the order the struct declares
/// them. Held by generated response structs; read it through [`AbsentFields`].
#[doc(hidden)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Absent(Vec<&'static str>);

impl Absent {
    /// Notes that the field `key` was absent.
    pub fn note(&mut self, key: &'static str) {
        self.0.push(key);
    }

    /// The fields noted absent.
    pub fn fields(&self) -> &[&'static str] {
        &self.0
    }
}

/// Which fields the spec marks required were absent from the answer a value was decoded from.
///
/// Stripe's answers do not always hold every field its spec requires (its own fixtures leave out
/// a nested `billing_details`, for one). One such field must not make a whole answer undecodable,
/// and nothing may be made up where a value means something. So, when a required field is absent:
///
/// - a field that may be `null` decodes to `None`;
/// - a list, a map, or an object whose own fields can all be empty decodes to that empty value
///   (an object decoded so notes its own absent fields in turn);
/// - anything else (an amount, an id, a string, a flag, a timestamp, an enum, a union) is an
///   error naming the field, as it always was: no value is invented for it.
///
/// Each struct notes the fields it filled so, and this trait tells them: a real empty list (or
/// `null`) is told apart from one the answer left out. Every generated type has it; for a value
/// that was not decoded (built with `new`, a fixture) the list is empty.
///
/// ```
/// use stripe_client_runtime::AbsentFields;
///
/// fn report<T: AbsentFields>(value: &T) {
///     for field in value.absent_fields() {
///         eprintln!("the answer left out `{field}`");
///     }
/// }
/// ```
pub trait AbsentFields {
    /// The wire names of the required fields this value's answer left out.
    fn absent_fields(&self) -> &[&'static str];
}

impl<T: WalkFields + ?Sized> AbsentFields for T {
    fn absent_fields(&self) -> &[&'static str] {
        self.recorded_absences()
    }
}

/// The value of an absent field, for the types that have an empty one: an empty map (for maps
/// and structs), an empty list, or `None`; any other type asks for something else and fails.
pub(crate) struct EmptyValue;

impl<'de> Deserializer<'de> for EmptyValue {
    type Error = ValueError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_map(MapDeserializer::new(std::iter::empty::<(String, String)>()))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_seq(SeqDeserializer::new(std::iter::empty::<String>()))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[test]
    fn lists_maps_and_options_have_an_empty_value() {
        assert_eq!(Vec::<i64>::deserialize(EmptyValue), Ok(Vec::new()));
        assert_eq!(BTreeMap::<String, i64>::deserialize(EmptyValue), Ok(BTreeMap::new()));
        assert_eq!(Option::<String>::deserialize(EmptyValue), Ok(None));
    }

    #[test]
    fn amounts_ids_flags_and_text_have_none() {
        assert!(i64::deserialize(EmptyValue).is_err());
        assert!(String::deserialize(EmptyValue).is_err());
        assert!(bool::deserialize(EmptyValue).is_err());
        assert!(f64::deserialize(EmptyValue).is_err());
    }
}
