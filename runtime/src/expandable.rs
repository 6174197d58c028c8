//! Fields that hold an ID unless the request asked to expand them.

use serde::{Deserialize, Serialize};

use crate::Object;

/// An ID, or the whole object when the field was expanded (`expand[]=product`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Expandable<T> {
    /// Only the ID.
    Id(String),
    /// The expanded object.
    Object(Box<T>),
}

impl<T: Object> Expandable<T> {
    /// The ID, whether or not the field was expanded.
    pub fn id(&self) -> Option<&str> {
        match self {
            Expandable::Id(id) => Some(id),
            Expandable::Object(object) => object.id(),
        }
    }
}

impl<T> Expandable<T> {
    /// The object, if the field was expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }
}
