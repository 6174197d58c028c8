//! `EventObject`: the typed `data.object` of a webhook event, one variant per resource.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::gates::cfg;
use super::syntax::ident;

use super::uses::Uses;
use crate::ir::{Api, Gates};

/// The `event_object.rs` file's items, or `None` when the API has no resources.
pub(crate) fn event_object_tokens(api: &Api, gates: &Gates, uses: &mut Uses) -> Option<TokenStream> {
    let resources = &api.event_resources;
    if resources.is_empty() {
        return None;
    }
    uses.imports.serialize = true;
    uses.imports.deserialize = true;
    // A resource whose type is not compiled is not a variant: its events carry `Unknown` objects.
    let mut cfgs = Vec::new();
    for resource in resources {
        let gate = gates.type_gate(api, &resource.type_name);
        match gate {
            Some(gate) => uses.absorb_gated(Uses::with_generated(&resource.type_name), gate),
            None => {
                uses.generated.insert(resource.type_name.clone());
            }
        }
        cfgs.push(cfg(gate));
    }
    let variants: Vec<_> = resources.iter().map(|r| ident(&r.variant)).collect();
    let types: Vec<_> = resources.iter().map(|r| ident(&r.type_name)).collect();
    let names: Vec<String> = variants.iter().map(ToString::to_string).collect();
    uses.imports.fmt = true;
    uses.imports.runtime.insert("RedactedJson");
    uses.imports.runtime.insert("EventObjectKind");
    // Only variants decode: with every resource's feature off there is none.
    uses.runtime_item("decode_value", cfgs.iter().all(|cfg| !cfg.is_empty()));
    uses.imports.runtime.insert("is_deleted_form");
    let objects: Vec<&str> = resources.iter().map(|r| r.object.as_str()).collect();
    // The flag decides only where an object has both forms; otherwise its one form reads it.
    let forms = resources.iter().map(|r| {
        let both = resources.iter().filter(|other| other.object == r.object).count() > 1;
        if both {
            let deleted = r.deleted;
            quote! { #deleted }
        } else {
            quote! { _ }
        }
    });
    let is_deleted = resources.iter().map(|r| r.deleted);
    let docs = resources.iter().map(|r| {
        let what = if r.deleted { "A deleted" } else { "A" };
        doc(Some(&format!("{what} `{}`.", r.object)))
    });
    Some(quote! {
        /// The object an event is about, typed by its `object` field.
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum EventObject {
            #( #docs #cfgs #variants(Box<#types>), )*
            /// An object of a type this client does not model, kept as it came.
            Unknown(serde_json::Value),
            /// An object of a known type that does not match its generated type (a partial object,
            /// or a newer shape), kept as it came, with the reason.
            Undecodable {
                /// The `object` value.
                object: String,
                /// Why it did not decode.
                error: String,
                /// The object as it came.
                raw: serde_json::Value,
            },
        }

        impl EventObject {
            /// Types a raw object by its `object` field.
            pub fn from_value(raw: serde_json::Value) -> Self {
                let object = raw.get("object").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
                let typed = match (object.as_str(), is_deleted_form(&raw)) {
                    #( #cfgs (#objects, #forms) => Some(decode_value(&raw).map(|o| Self::#variants(Box::new(o)))), )*
                    _ => None,
                };
                match typed {
                    Some(Ok(typed)) => typed,
                    Some(Err(error)) => Self::Undecodable { object, error, raw },
                    None => Self::Unknown(raw),
                }
            }

            /// Whether the object is the deleted form of its type (`{"id", "object", "deleted": true}`),
            /// as the answers to deletions and the events of deleted objects carry it.
            pub fn is_deleted(&self) -> bool {
                match self {
                    #( #cfgs Self::#variants(_) => #is_deleted, )*
                    Self::Unknown(raw) | Self::Undecodable { raw, .. } => is_deleted_form(raw),
                }
            }

            /// The `object` value (`climate.order`), if there is one.
            pub fn object_name(&self) -> Option<&str> {
                match self {
                    #( #cfgs Self::#variants(_) => Some(#objects), )*
                    Self::Unknown(raw) => raw.get("object").and_then(serde_json::Value::as_str),
                    Self::Undecodable { object, .. } => Some(object),
                }
            }
        }

        /// Typed objects print as their types do (secrets redacted); raw ones with secret keys masked.
        impl fmt::Debug for EventObject {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    #( #cfgs Self::#variants(object) => f.debug_tuple(#names).field(object).finish(), )*
                    Self::Unknown(raw) => f.debug_tuple("Unknown").field(&RedactedJson(raw)).finish(),
                    Self::Undecodable { object, error, raw } => f
                        .debug_struct("Undecodable")
                        .field("object", object)
                        .field("error", error)
                        .field("raw", &RedactedJson(raw))
                        .finish(),
                }
            }
        }

        impl Serialize for EventObject {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( #cfgs Self::#variants(object) => object.serialize(serializer), )*
                    Self::Unknown(raw) | Self::Undecodable { raw, .. } => raw.serialize(serializer),
                }
            }
        }

        /// Where a version mismatch is added to the reason an object did not decode.
        impl EventObjectKind for EventObject {
            fn undecodable_reason(&mut self) -> Option<&mut String> {
                match self {
                    Self::Undecodable { error, .. } => Some(error),
                    _ => None,
                }
            }
        }

        impl<'de> Deserialize<'de> for EventObject {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                serde_json::Value::deserialize(deserializer).map(Self::from_value)
            }
        }
    })
}
