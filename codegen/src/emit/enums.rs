//! Open string enums: known values as variants, anything else kept.

use quote::quote;
use syn::{Arm, Item};

use super::syntax::{
    argument, arm, binding, call_expression, derive_attr, doc_attrs, doc_line, function, ident, inherent_impl,
    macro_item, match_expr, method_call, named_type, or_pattern, path_attr, path_expression, path_type, public_enum,
    reference, self_reference, string_expr, string_pattern, tail, trait_impl, tuple_variant, tuple_variant_pattern,
    unit_variant, variant_expr, variant_pattern,
};
use super::uses::Uses;
use crate::ir::{root_names, EnumDef};

/// An open string enum: known values as variants, anything else kept in `Unknown`. Built as
/// syntax trees: an enum of Stripe's can have hundreds of variants (`EventType`).
pub(crate) fn enum_items(def: &EnumDef, uses: &mut Uses) -> Result<Vec<Item>, syn::Error> {
    uses.imports.runtime.insert("open_enum_impls");
    let mut attrs = doc_attrs(def.doc.as_deref());
    attrs.push(derive_attr(&["Clone", "Debug", "PartialEq", "Eq", "Hash", "PartialOrd", "Ord"]));
    attrs.push(path_attr("non_exhaustive"));
    let known = def
        .variants
        .iter()
        .map(|v| unit_variant(vec![doc_line(&variant_wire_doc(&v.wire, &v.aliases))], ident(&v.ident)));
    let unknown = tuple_variant(
        vec![doc_line("A value this version of the client does not know yet.")],
        ident(root_names::UNKNOWN),
        named_type("String"),
    );
    let declaration = public_enum(attrs, ident(&def.name), known.chain([unknown]).collect());

    let mut as_str_arms: Vec<Arm> =
        def.variants.iter().map(|v| arm(variant_pattern(&v.ident), string_expr(&v.wire))).collect();
    as_str_arms.push(arm(tuple_variant_pattern(root_names::UNKNOWN, "value"), path_expression(&["value"])));
    let as_str = function(
        vec![doc_line("The value as Stripe writes it.")],
        true,
        ident("as_str"),
        vec![self_reference()],
        reference(named_type("str")),
        vec![tail(match_expr(path_expression(&["self"]), as_str_arms))],
    );

    let mut from_arms: Vec<Arm> = def
        .variants
        .iter()
        .map(|v| {
            let spellings = std::iter::once(&v.wire).chain(&v.aliases).map(|s| string_pattern(s)).collect();
            arm(or_pattern(spellings), variant_expr(&v.ident))
        })
        .collect();
    let keep = call_expression(
        path_expression(&["Self", root_names::UNKNOWN]),
        method_call(path_expression(&["other"]), "to_owned"),
    );
    from_arms.push(arm(binding("other"), keep));
    let from = function(
        Vec::new(),
        false,
        ident("from"),
        vec![argument("value", reference(named_type("str")))],
        named_type("Self"),
        vec![tail(match_expr(path_expression(&["value"]), from_arms))],
    );
    let from_str = trait_impl(path_type(&["From"], vec![reference(named_type("str"))]), &def.name, vec![from])?;

    Ok([
        Item::Enum(declaration),
        Item::Impl(inherent_impl(&def.name, vec![as_str])),
        Item::Impl(from_str),
        // Display, Serialize and Deserialize through `as_str` and `From<&str>`.
        macro_item("open_enum_impls", {
            let name = ident(&def.name);
            quote! { #name }
        }),
    ]
    .into_iter()
    .chain([super::fixtures::enum_fixture(def, uses)?])
    .collect())
}

/// Which value a variant is on the wire, and the other spellings read as it.
fn variant_wire_doc(wire: &str, aliases: &[String]) -> String {
    if aliases.is_empty() {
        return format!("`{wire}` on the wire.");
    }
    let others: Vec<String> = aliases.iter().map(|a| format!("`{a}`")).collect();
    format!("`{wire}` on the wire; {} read as it too.", others.join(", "))
}
