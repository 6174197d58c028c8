//! How a response struct decodes: its `Deserialize` impl through the runtime's `DecodeFields`,
//! with what it does for fields an answer leaves out.

use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Arm, Expr, FieldValue, ImplItem, Item, ItemImpl, Stmt};

use super::gates::{cfg, cfg_attributes, cfg_not};
use super::structs::TypedField;
use super::syntax::{
    arm, call_with, derive_attr, field_value, ident, method_call, method_call_with, mutable_reference, path_expression,
    path_type, private_field, private_struct, self_field, string_expr, string_pattern, try_expr,
};
use super::templates::Template;
use crate::ir::{Gate, StructDef, WhenAbsent};

/// `Deserialize` through the runtime's `DecodeFields`: per field a slot, a key and a check, where
/// serde's derive writes several visitors (see the runtime's `decode` module for why). The note of
/// absent fields is dropped from `finish` for a struct that keeps none.
static DESERIALIZE: Template = Template::new("deserialize", || {
    // Generated type names are camel-cased words, so they never start with an underscore and
    // `__Fields` shadows none of the types the slots name.
    quote! {
        impl<'de> Deserialize<'de> for __Type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                impl<'de> DecodeFields<'de> for __Fields {
                    type Output = __Type;
                    const NAME: &'static str = "__Type";

                    fn field<A: serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
                        match key {
                            _ => Self::skip(map),
                        }
                    }

                    fn finish(self) -> Result<__Type, &'static str> {
                        // A reference, not a `mut` binding: with every noted field's feature off, it
                        // is still used once, and nothing is left to warn about.
                        let absent = &mut Absent::default();
                        Ok(__Type {})
                    }
                }

                __Fields::decode(deserializer)
            }
        }
    }
});

/// The private field of a struct that notes which required fields its answer left out: no field
/// named from the spec starts with an underscore.
pub(super) const ABSENT_FIELD: &str = "__absent";

/// The `Deserialize` impl of a response struct: [`DESERIALIZE`] with the struct's slots, match
/// arms and values put in. These are built as syntax, not parsed: they are most of what the impl
/// holds, and response structs are counted in hundreds.
pub(super) fn deserialize_impl(def: &StructDef, fields: &[TypedField<'_>]) -> Result<ItemImpl, syn::Error> {
    let mut slots = Punctuated::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    let mut catch_all = None;
    for TypedField { field, ty, gate } in fields {
        let (ident, wire, attrs) = (ident(&field.ident), &field.wire_name, cfg_attributes(*gate));
        let slot = if field.flatten { ty.clone() } else { path_type(&["Option"], vec![ty.clone()]) };
        slots.push(private_field(attrs.clone(), ident.clone(), slot));
        if field.flatten {
            // Keys no other field names: the map of additional properties.
            catch_all = Some(additional_properties_arms(&ident, *gate)?);
            inits.push(field_value(attrs, ident.clone(), self_field(ident)));
            continue;
        }
        let set = call_with(
            path_expression(&["Self", "set"]),
            vec![mutable_reference(self_field(ident.clone())), path_expression(&["map"]), string_expr(wire)],
        );
        arms.push(Arm { attrs: attrs.clone(), ..arm(string_pattern(wire), set) });
        let slot = self_field(ident.clone());
        let noted = |method: &str| {
            call_with(
                path_expression(&["Self", method]),
                vec![slot.clone(), string_expr(wire), path_expression(&["absent"])],
            )
        };
        let value = match field.when_absent {
            WhenAbsent::Allowed => method_call(slot.clone(), "flatten"),
            WhenAbsent::Null => noted("or_null"),
            WhenAbsent::Empty => try_expr(noted("or_empty")),
            WhenAbsent::Fails => try_expr(method_call_with(Vec::new(), slot.clone(), "ok_or", vec![string_expr(wire)])),
        };
        inits.push(field_value(attrs, ident, value));
    }
    let notes = def.notes_absences();
    if notes {
        let taken = call_with(path_expression(&["std", "mem", "take"]), vec![path_expression(&["absent"])]);
        inits.push(field_value(Vec::new(), ident(ABSENT_FIELD), taken));
    }
    let mut out = DESERIALIZE.impl_for(&def.name)?;
    let slots = private_struct(vec![derive_attr(&["Default"])], ident("__Fields"), slots);
    let Some(ImplItem::Fn(deserialize)) = out.items.first_mut() else {
        return Err(skeleton_error());
    };
    deserialize.block.stmts.insert(0, Stmt::Item(Item::Struct(slots)));
    let Some(Stmt::Item(Item::Impl(decode_fields))) = deserialize.block.stmts.get_mut(1) else {
        return Err(skeleton_error());
    };
    fill_decode_fields(decode_fields, arms, catch_all, inits, notes)?;
    Ok(out)
}

/// The arms that keep unknown keys in the additional-properties map `field`; under a gate, one
/// more arm skips them when the map is compiled out.
fn additional_properties_arms(field: &syn::Ident, gate: Option<&Gate>) -> Result<Vec<Arm>, syn::Error> {
    let cfg = cfg(gate);
    let skip = cfg_not(gate).map(|not| quote! { #not _ => Self::skip(map), });
    let matching: syn::ExprMatch = syn::parse2(quote! {
        match key {
            #cfg _ => { self.#field.insert(key.to_owned(), map.next_value()?); Ok(()) }
            #skip
        }
    })?;
    Ok(matching.arms)
}

/// Puts the match arms of `field` before its catch-all arm (replaced by `catch_all` when given),
/// and the values into the struct literal `finish` returns.
fn fill_decode_fields(
    decode: &mut ItemImpl,
    arms: Vec<Arm>,
    catch_all: Option<Vec<Arm>>,
    inits: Vec<FieldValue>,
    notes: bool,
) -> Result<(), syn::Error> {
    let mut functions = decode.items.iter_mut().filter_map(|item| match item {
        ImplItem::Fn(function) => Some(function),
        _ => None,
    });
    let (Some(field), Some(finish)) = (functions.next(), functions.next()) else {
        return Err(skeleton_error());
    };
    let Some(Stmt::Expr(Expr::Match(matching), None)) = field.block.stmts.first_mut() else {
        return Err(skeleton_error());
    };
    if let Some(catch_all) = catch_all {
        matching.arms = catch_all;
    }
    matching.arms.splice(0..0, arms);
    if !notes {
        // The note's `let`, before the struct.
        if finish.block.stmts.len() != 2 {
            return Err(skeleton_error());
        }
        finish.block.stmts.remove(0);
    }
    let Some(Stmt::Expr(Expr::Call(ok), None)) = finish.block.stmts.last_mut() else {
        return Err(skeleton_error());
    };
    let Some(Expr::Struct(literal)) = ok.args.first_mut() else {
        return Err(skeleton_error());
    };
    literal.fields = inits.into_iter().collect();
    Ok(())
}

fn skeleton_error() -> syn::Error {
    syn::Error::new(proc_macro2::Span::call_site(), "the skeleton of a `Deserialize` impl changed shape")
}
