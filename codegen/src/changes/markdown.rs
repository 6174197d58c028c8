//! The changelog as Markdown, for a CHANGELOG entry or a pull request.

use std::fmt::Write;

use super::{Bump, Change, Changelog, Impact, Kind};

pub(super) fn render(log: &Changelog) -> String {
    let mut out = String::new();
    let versions = if log.from_version == log.to_version {
        format!("Stripe API {} (version unchanged)", log.to_version)
    } else {
        format!("Stripe API {} → {}", log.from_version, log.to_version)
    };
    let _ = writeln!(out, "### {versions}\n");
    let counts = log.counts;
    let release = match log.bump {
        Bump::None => "No change to the generated API.".to_owned(),
        Bump::Major => "Needs a **major** release: code written against the previous client may not compile, \
                        or may behave differently."
            .to_owned(),
        Bump::Minor => "Needs a **minor** release: the API only grows.".to_owned(),
        Bump::Patch => "Needs a **patch** release: the Rust API is unchanged.".to_owned(),
    };
    let _ = writeln!(
        out,
        "{release} {} breaking, {} additive, {} wire-only, {} documentation changes.",
        counts.breaking, counts.additive, counts.wire_only, counts.docs
    );
    let mut resource = None;
    for change in &log.changes {
        if resource != Some(&change.resource) {
            let _ = writeln!(out, "\n#### `{}`\n", change.resource);
            resource = Some(&change.resource);
        }
        let _ = writeln!(out, "- {}", line(change));
    }
    out
}

fn line(change: &Change) -> String {
    let label = match change.impact {
        Impact::Breaking => "**breaking**".to_owned(),
        other => other.label().to_owned(),
    };
    format!("{label}: {} `{}`: {}", what(change.kind), change.item, change.detail)
}

fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::ApiVersionChanged => "API version changed",
        Kind::OperationAdded => "operation added",
        Kind::OperationRemoved => "operation removed",
        Kind::OperationSignatureChanged => "operation signature changed",
        Kind::OperationEndpointChanged => "endpoint changed",
        Kind::ParameterAdded => "parameter added",
        Kind::ParameterRemoved => "parameter removed",
        Kind::ParameterMadeRequired => "parameter made required",
        Kind::ParameterMadeOptional => "parameter made optional",
        Kind::ParameterTypeChanged => "parameter type changed",
        Kind::FieldAdded => "response field added",
        Kind::FieldRemoved => "response field removed",
        Kind::NullabilityChanged => "nullability changed",
        Kind::FieldTypeChanged => "response field type changed",
        Kind::EnumValueAdded => "enum value added",
        Kind::EnumValueRemoved => "enum value removed",
        Kind::VariantAdded => "variant added",
        Kind::VariantRemoved => "variant removed",
        Kind::VariantTypeChanged => "variant type changed",
        Kind::TypeAdded => "type added",
        Kind::TypeRemoved => "type removed",
        Kind::TypeKindChanged => "type kind changed",
        Kind::TypeMoved => "type moved",
        Kind::DescriptionChanged => "description changed",
    }
}
