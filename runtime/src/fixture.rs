//! Values to start a test from: every generated response type can be built without JSON.

use std::collections::BTreeMap;

use crate::{Expandable, List, SearchList, V2List};

/// A value with every field filled, for a test to change what it cares about.
///
/// Response structs are `#[non_exhaustive]`: outside their crate they cannot be written as a
/// literal, but their fields are public. With the `test-util` feature of a generated crate, each
/// of its response types implements this trait: required fields hold empty values (`""`, `0`,
/// `false`, an empty list, the first variant of an enum, an ID for an expandable object), optional
/// ones `None`, and the `object` field of a resource its object name.
///
/// ```
/// use stripe_client_runtime::{Fixture, List};
///
/// let mut page: List<String> = Fixture::fixture();
/// page.data.push("climorder_1".to_owned());
/// assert!(!page.has_more);
/// ```
pub trait Fixture {
    /// The value with every field filled.
    fn fixture() -> Self;
}

macro_rules! fixtures_by_default {
    ($($ty:ty),*) => {
        $(impl Fixture for $ty {
            fn fixture() -> Self {
                Self::default()
            }
        })*
    };
}

fixtures_by_default!(String, i64, f64, bool, crate::Decimal, serde_json::Value);

impl<T> Fixture for Option<T> {
    fn fixture() -> Self {
        None
    }
}

impl<T> Fixture for Vec<T> {
    fn fixture() -> Self {
        Vec::new()
    }
}

impl<K: Ord, V> Fixture for BTreeMap<K, V> {
    fn fixture() -> Self {
        BTreeMap::new()
    }
}

impl<T: Fixture> Fixture for Box<T> {
    fn fixture() -> Self {
        Box::new(T::fixture())
    }
}

/// An ID: a fixture of the object stays small (and a cycle of objects cannot recurse).
impl<T> Fixture for Expandable<T> {
    fn fixture() -> Self {
        Expandable::Id(String::new())
    }
}

/// An empty last page.
impl<T> Fixture for List<T> {
    fn fixture() -> Self {
        List { data: Vec::new(), has_more: false, object: "list".to_owned(), url: String::new() }
    }
}

/// An empty last page.
impl<T> Fixture for SearchList<T> {
    fn fixture() -> Self {
        SearchList { data: Vec::new(), has_more: false, next_page: None, total_count: None, url: String::new() }
    }
}

/// An empty last page.
impl<T> Fixture for V2List<T> {
    fn fixture() -> Self {
        V2List { data: Vec::new(), next_page_url: None, previous_page_url: None }
    }
}
