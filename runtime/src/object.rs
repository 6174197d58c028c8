//! What every Stripe resource has.

/// A Stripe object with an ID: what pagination uses as its cursor.
pub trait Object {
    /// The object's ID, if it has one.
    fn id(&self) -> Option<&str>;
    /// The value of its `object` field (`climate.order`), if the type has a fixed one.
    fn object_name() -> Option<&'static str>
    where
        Self: Sized;
}
