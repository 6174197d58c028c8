//! `EventObject`: the typed `data.object` of a webhook event, one variant per resource.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::syntax::ident;

use super::uses::Uses;
use crate::ir::Api;

/// The `event_object.rs` file's items, or `None` when the API has no resources.
pub(crate) fn event_object_tokens(api: &Api, uses: &mut Uses) -> Option<TokenStream> {
    let resources = &api.event_resources;
    if resources.is_empty() {
        return None;
    }
    uses.serialize = true;
    uses.deserialize = true;
    uses.generated.extend(resources.iter().map(|r| r.type_name.clone()));
    let variants: Vec<_> = resources.iter().map(|r| ident(&r.variant)).collect();
    let types: Vec<_> = resources.iter().map(|r| ident(&r.type_name)).collect();
    let names: Vec<String> = variants.iter().map(ToString::to_string).collect();
    uses.fmt = true;
    uses.runtime.extend(["decode_value", "RedactedJson"]);
    let objects: Vec<&str> = resources.iter().map(|r| r.object.as_str()).collect();
    let docs = objects.iter().map(|o| doc(Some(&format!("A `{o}`."))));
    Some(quote! {
        /// The object an event is about, typed by its `object` field.
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum EventObject {
            #( #docs #variants(Box<#types>), )*
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
                let typed = match object.as_str() {
                    #( #objects => decode_value(&raw).map(|o| Self::#variants(Box::new(o))), )*
                    _ => return Self::Unknown(raw),
                };
                typed.unwrap_or_else(|error| Self::Undecodable { object, error, raw })
            }

            /// The `object` value (`climate.order`), if there is one.
            pub fn object_name(&self) -> Option<&str> {
                match self {
                    #( Self::#variants(_) => Some(#objects), )*
                    Self::Unknown(raw) => raw.get("object").and_then(serde_json::Value::as_str),
                    Self::Undecodable { object, .. } => Some(object),
                }
            }
        }

        /// Typed objects print as their types do (secrets redacted); raw ones with secret keys masked.
        impl fmt::Debug for EventObject {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    #( Self::#variants(object) => f.debug_tuple(#names).field(object).finish(), )*
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
                    #( Self::#variants(object) => object.serialize(serializer), )*
                    Self::Unknown(raw) | Self::Undecodable { raw, .. } => raw.serialize(serializer),
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
