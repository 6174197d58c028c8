//! Parameters Stripe lets you unset by sending an empty string.

use serde::{Serialize, Serializer};

/// A value to set, or `Clear` to unset the field (sent as `field=`).
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
            Clearable::Clear => serializer.serialize_str(""),
        }
    }
}
