//! Parameters Stripe lets you unset: an empty string in a form (`key=`), `null` in a JSON body.

use serde::{Serialize, Serializer};

/// A value to set, or `Clear` to unset the field (sent as `field=` in a form, `null` in the JSON
/// body of a v2 call).
#[derive(Clone, Debug, PartialEq)]
pub enum Clearable<T> {
    /// Set the field to this value.
    Set(T),
    /// Unset the field.
    Clear,
}

impl<T> From<T> for Clearable<T> {
    fn from(value: T) -> Self {
        Clearable::Set(value)
    }
}

impl From<&str> for Clearable<String> {
    fn from(value: &str) -> Self {
        Clearable::Set(value.to_owned())
    }
}

impl<T: Serialize> Serialize for Clearable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Clearable::Set(value) => value.serialize(serializer),
            // Each encoding writes a null its own way: `key=` in a form, `null` in JSON.
            Clearable::Clear => serializer.serialize_unit(),
        }
    }
}
