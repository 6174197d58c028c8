//! The names emit gives what it writes beside the spec's own items. Lowering keeps them free (no
//! type, variant or model file takes them), emit spells them, and a workspace test holds emit's
//! output to this list.

/// The trait whose methods open the services (`client.climate()`), when the runtime is another
/// crate.
pub const API_TRAIT: &str = "StripeApi";

/// The enum of every object an event can carry.
pub const EVENT_OBJECT: &str = "EventObject";

/// The model file of [`EVENT_OBJECT`].
pub const EVENT_OBJECT_MODULE: &str = "event_object";

/// The file of the services.
pub const API_MODULE: &str = "api";

/// The constant of the API version the crate was generated for.
pub const API_VERSION: &str = "API_VERSION";

/// The variant of a value no other variant names: an open enum's, and [`EVENT_OBJECT`]'s for an
/// object it has no variant for.
pub const UNKNOWN: &str = "Unknown";

/// [`EVENT_OBJECT`]'s variant for an object of a known type that failed to decode.
pub const UNDECODABLE: &str = "Undecodable";
