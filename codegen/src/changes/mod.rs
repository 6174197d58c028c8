//! What changed between two descriptions, said for the generated Rust API: each change of the
//! HTTP API (an operation, a parameter, a response field, an enum value, a type) with what it does
//! to code written against the previous client, and the release that change needs.
//!
//! Both sides are compared as the generator lowered them, so a change is named the way a user of
//! the crate meets it (`CreateClimateOrder::new`, `ClimateOrder.status`), and a change of the spec
//! that leaves the Rust API as it was (a nullable flag on a field that was already an `Option`) is
//! reported as such instead of as breaking.

mod compare;
mod markdown;

use serde::Serialize;

pub use compare::compare;

/// Every change between two generated APIs, in a stable order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Changelog {
    /// The Stripe API version of the old description.
    pub from_version: String,
    /// The Stripe API version of the new description.
    pub to_version: String,
    /// The release the change needs.
    pub bump: Bump,
    /// How many changes have each impact, description changes included even when
    /// [`Changelog::without_docs`] left them out of `changes`.
    pub counts: Counts,
    /// The changes, by resource, then item, then kind.
    pub changes: Vec<Change>,
}

/// How many changes have each impact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Changes that break code written against the old client.
    pub breaking: usize,
    /// Changes that only add to the API.
    pub additive: usize,
    /// Changes of the wire format or behaviour that leave the Rust API as it was.
    pub wire_only: usize,
    /// Changes of descriptions only.
    pub docs: usize,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// The resource it belongs to: the module of the generated crate that holds the item
    /// (`climate_order`, `api::climate_orders`).
    pub resource: String,
    /// The item as code names it (`ClimateOrder.status`, `client.climate().orders().create()`).
    pub item: String,
    /// What happened.
    pub kind: Kind,
    /// What it does to code written against the old client.
    pub impact: Impact,
    /// The details a reader needs: the wire name, the old and new types, the endpoint.
    pub detail: String,
}

/// What happened to an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The Stripe API version the client sends changed.
    ApiVersionChanged,
    /// An operation appeared.
    OperationAdded,
    /// An operation disappeared.
    OperationRemoved,
    /// An operation's arguments, response or paging changed.
    OperationSignatureChanged,
    /// An operation's HTTP method, path, host or body encoding changed.
    OperationEndpointChanged,
    /// A request parameter appeared.
    ParameterAdded,
    /// A request parameter disappeared.
    ParameterRemoved,
    /// An optional request parameter became required.
    ParameterMadeRequired,
    /// A required request parameter became optional.
    ParameterMadeOptional,
    /// A request parameter's type changed.
    ParameterTypeChanged,
    /// A response field appeared.
    FieldAdded,
    /// A response field disappeared.
    FieldRemoved,
    /// A field or parameter may now be null or absent, or no longer.
    NullabilityChanged,
    /// A response field's type changed.
    FieldTypeChanged,
    /// A value of a string enum appeared.
    EnumValueAdded,
    /// A value of a string enum disappeared.
    EnumValueRemoved,
    /// An alternative of a union (or a kind of webhook event object) appeared.
    VariantAdded,
    /// An alternative of a union (or a kind of webhook event object) disappeared.
    VariantRemoved,
    /// A union alternative's payload type changed.
    VariantTypeChanged,
    /// A named type appeared.
    TypeAdded,
    /// A named type disappeared.
    TypeRemoved,
    /// A named type became another kind of type (a struct became an enum, parameters a response).
    TypeKindChanged,
    /// A named type moved into or out of the `api` module.
    TypeMoved,
    /// A description changed.
    DescriptionChanged,
}

/// What a change does to code written against the old client, following the rules
/// cargo-semver-checks applies to the generated items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Some code that compiled against the old client does not compile against the new one (or,
    /// for the API version, behaves differently).
    Breaking,
    /// The API only grows: every program that compiled still compiles and means the same.
    Additive,
    /// The Rust API is unchanged; what goes over the wire or a value's meaning changed.
    WireOnly,
    /// Only documentation changed.
    Docs,
}

/// The release a change needs, by Semantic Versioning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Fixes and documentation only.
    Patch,
    /// Additions only.
    Minor,
    /// At least one breaking change.
    Major,
}

impl Impact {
    /// The release a change of this impact needs.
    pub fn bump(self) -> Bump {
        match self {
            Impact::Breaking => Bump::Major,
            Impact::Additive => Bump::Minor,
            Impact::WireOnly | Impact::Docs => Bump::Patch,
        }
    }

    /// How the changelog labels it.
    pub fn label(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
            Impact::WireOnly => "wire only",
            Impact::Docs => "docs",
        }
    }
}

impl Bump {
    /// The next version after `version` (`major.minor.patch`) for this bump, with Cargo's rule
    /// for `0.x` versions: there the minor number is the breaking one.
    pub fn next_version(self, version: &str) -> Option<String> {
        let mut numbers = version.split('.').map(|n| n.parse::<u64>().ok());
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) =
            (numbers.next(), numbers.next(), numbers.next(), numbers.next())
        else {
            return None;
        };
        let next = match (self, major) {
            (Bump::None, _) => (major, minor, patch),
            (Bump::Patch, _) | (Bump::Minor, 0) => (major, minor, patch + 1),
            (Bump::Minor, _) | (Bump::Major, 0) => (major, minor + 1, 0),
            (Bump::Major, _) => (major + 1, 0, 0),
        };
        Some(format!("{}.{}.{}", next.0, next.1, next.2))
    }

    /// The name of the release.
    pub fn label(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl Changelog {
    /// A changelog of `changes`, sorted, with the bump and counts they imply.
    pub fn new(from_version: String, to_version: String, mut changes: Vec<Change>) -> Changelog {
        changes.sort();
        changes.dedup();
        let mut counts = Counts::default();
        for change in &changes {
            match change.impact {
                Impact::Breaking => counts.breaking += 1,
                Impact::Additive => counts.additive += 1,
                Impact::WireOnly => counts.wire_only += 1,
                Impact::Docs => counts.docs += 1,
            }
        }
        let bump = changes.iter().map(|c| c.impact.bump()).max().unwrap_or(Bump::None);
        Changelog { from_version, to_version, bump, counts, changes }
    }

    /// The same changelog without description changes (which still count toward the bump).
    pub fn without_docs(mut self) -> Changelog {
        self.changes.retain(|c| c.kind != Kind::DescriptionChanged);
        self
    }

    /// The changelog as Markdown: a summary, then one section per resource.
    pub fn markdown(&self) -> String {
        markdown::render(self)
    }

    /// The changelog as pretty-printed JSON.
    pub fn json(&self) -> String {
        // Only strings, numbers and unit enums: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_versions_follow_cargo_rules_for_zero_major() {
        assert_eq!(Bump::Major.next_version("0.3.1").as_deref(), Some("0.4.0"));
        assert_eq!(Bump::Minor.next_version("0.3.1").as_deref(), Some("0.3.2"));
        assert_eq!(Bump::Patch.next_version("0.3.1").as_deref(), Some("0.3.2"));
        assert_eq!(Bump::Major.next_version("1.3.1").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Minor.next_version("1.3.1").as_deref(), Some("1.4.0"));
        assert_eq!(Bump::None.next_version("1.3.1").as_deref(), Some("1.3.1"));
        assert_eq!(Bump::Major.next_version("1.3"), None);
        assert_eq!(Bump::Major.next_version("1.3.1-beta"), None);
    }
}
