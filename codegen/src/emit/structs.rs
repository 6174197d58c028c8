//! Structs: the declaration, and per kind what it carries (a request's constructor and setters,
//! a resource's `Object`, a paging request's cursor trait).

use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Attribute, ImplItem, Item, ItemImpl, Type};

use super::decode::{deserialize_impl, ABSENT_FIELD};
use super::gates::cfg_attributes;
use super::rust_types::{converts, field_type, setter_type};
use super::syntax::{
    call_expression, derive_attr, doc_attrs, doc_line, function, ident, inherent_impl, method_call, named_type,
    path_attr, path_expression, path_type, private_field, public_field, public_struct, reference, self_field,
    self_field_reference, self_reference, setter, static_reference, string_expr, tail, trait_impl, Conversion,
};
use super::templates::Template;
use super::uses::Uses;
use super::walk::walk_items;
use crate::ir::{Direction, Field, Gate, Gates, Pagination, StructDef};

/// A struct, with its constructor and setters when it is a request's parameters.
pub(crate) fn struct_items(
    def: &StructDef,
    module_types: &[String],
    uses: &mut Uses,
    gates: &Gates,
) -> Result<Vec<Item>, syn::Error> {
    uses.imports.deserialize |= def.direction == Direction::Response;
    let typed: Vec<TypedField<'_>> = def
        .fields
        .iter()
        .map(|field| match gates.fields.get(&(def.name.clone(), field.ident.clone())) {
            Some(gate) => {
                let mut used = Uses::default();
                let ty = field_type(field, module_types, &mut used);
                uses.absorb_gated(used, gate);
                TypedField { field, ty, gate: Some(gate) }
            }
            None => TypedField { field, ty: field_type(field, module_types, uses), gate: None },
        })
        .collect();
    let fields = typed.iter().map(|typed| {
        let field = typed.field;
        let mut attrs = doc_attrs(field.doc.as_deref());
        attrs.extend(cfg_attributes(typed.gate));
        public_field(attrs, ident(&field.ident), typed.ty.clone())
    });
    let mut fields: Punctuated<syn::Field, syn::Token![,]> = fields.collect();
    if def.notes_absences() {
        uses.imports.runtime.insert("Absent");
        fields.push(private_field(Vec::new(), ident(ABSENT_FIELD), named_type("Absent")));
    }
    let required: Vec<&Field> = def.fields.iter().filter(|f| !f.optional() && !f.flatten).collect();
    // `Debug` and `Serialize` come from the walk below.
    let mut derives = vec!["Clone"];
    if def.direction == Direction::Request && required.is_empty() {
        derives.push("Default");
    }
    derives.push("PartialEq");
    let mut attrs = doc_attrs(def.doc.as_deref());
    attrs.push(derive_attr(&derives));
    // Stripe adds fields and optional parameters all the time: closed to struct literals outside
    // the crate, each such addition is a minor release instead of a breaking one. Parameters are
    // built with `new`/`default` and the setters; responses come from Stripe.
    attrs.push(path_attr("non_exhaustive"));
    let mut out = vec![Item::Struct(public_struct(attrs, ident(&def.name), fields))];
    out.extend(walk_items(def, &typed, uses)?);
    if def.direction == Direction::Request {
        out.push(Item::Impl(builder(def, &required, module_types, uses)?));
    }
    if def.direction == Direction::Response {
        uses.imports.runtime.insert("DecodeFields");
        out.push(Item::Impl(deserialize_impl(def, &typed)?));
    }
    out.extend(object_impl(def, uses)?);
    out.extend(list_params_impl(def, uses)?);
    out.extend(super::fixtures::struct_fixture(def, typed.iter().map(|t| t.gate), uses)?);
    Ok(out)
}

/// A struct field with its Rust type and the gate of the features it needs, if any.
pub(super) struct TypedField<'a> {
    pub(super) field: &'a Field,
    pub(super) ty: Type,
    pub(super) gate: Option<&'a Gate>,
}

/// The paging trait of parameters whose operation pages by cursors.
static LIST_PARAMS: Template = Template::new("list_params", || {
    quote! {
        impl ListParams for __Type {
            fn set_starting_after(&mut self, cursor: Option<String>) { self.__starting_after = cursor; }
            fn set_ending_before(&mut self, cursor: Option<String>) { self.__ending_before = cursor; }
            fn ending_before(&self) -> Option<&str> { self.__ending_before.as_deref() }
        }
    }
});

/// The paging trait of parameters whose operation pages by search pages.
static SEARCH_PARAMS: Template = Template::new("search_params", || {
    quote! {
        impl SearchParams for __Type {
            fn set_page(&mut self, page: Option<String>) { self.__page = page; }
        }
    }
});

/// The trait the runtime moves the cursor of a paging operation's parameters through.
fn list_params_impl(def: &StructDef, uses: &mut Uses) -> Result<Option<Item>, syn::Error> {
    // Each cursor field as the template writes it, and by its wire name.
    let (template, runtime_trait, cursors): (_, _, &[(&str, &str)]) = match def.cursors {
        Pagination::None | Pagination::NextPageUrl => return Ok(None),
        Pagination::List => (
            &LIST_PARAMS,
            "ListParams",
            &[("__starting_after", "starting_after"), ("__ending_before", "ending_before")],
        ),
        Pagination::Search => (&SEARCH_PARAMS, "SearchParams", &[("__page", "page")]),
    };
    uses.imports.runtime.insert(runtime_trait);
    let fields: Vec<(&str, &str)> = cursors
        .iter()
        .filter_map(|&(placeholder, wire)| Some((placeholder, def.field(wire)?.ident.as_str())))
        .collect();
    template.impl_with_fields(&def.name, &fields).map(|item| Some(Item::Impl(item)))
}

/// `new` taking the required parameters, and one setter per optional parameter.
fn builder(
    def: &StructDef,
    required: &[&Field],
    module_types: &[String],
    uses: &mut Uses,
) -> Result<ItemImpl, syn::Error> {
    let mut methods = Vec::new();
    if !required.is_empty() {
        let args = required.iter().map(|f| {
            let ident = ident(&f.ident);
            let ty = setter_type(&f.ty, module_types, uses);
            quote! { #ident: #ty }
        });
        let inits = def.fields.iter().map(|f| {
            let ident = ident(&f.ident);
            if required.iter().any(|r| r.ident == f.ident) {
                if converts(&f.ty) {
                    quote! { #ident: #ident.into() }
                } else {
                    quote! { #ident }
                }
            } else if f.flatten {
                quote! { #ident: Default::default() }
            } else {
                quote! { #ident: None }
            }
        });
        methods.push(syn::parse2(quote! {
            /// Parameters with every required value given and nothing else set.
            pub fn new(#(#args),*) -> Self { Self { #(#inits),* } }
        })?);
    }
    let setters = def.fields.iter().filter(|f| f.optional() && !f.flatten).map(|f| -> ImplItem {
        let ty = setter_type(&f.ty, module_types, uses);
        setter(setter_docs(f), ident(&f.ident), ty, Conversion { into: converts(&f.ty), boxed: f.boxed })
    });
    methods.extend(setters);
    Ok(inherent_impl(&def.name, methods))
}

/// A setter says what its field holds: the first sentence of the field's description (rustdoc's
/// summary line; the field keeps the whole), unless that would cut a code block in two.
fn setter_docs(field: &Field) -> Vec<Attribute> {
    let doc = field.doc.as_deref().unwrap_or_default();
    let first = first_sentence(doc.split("\n\n").next().unwrap_or(doc));
    if first.is_empty() || first.matches("```").count() % 2 == 1 {
        return vec![doc_line(&format!("Sets `{}`.", field.wire_name))];
    }
    doc_attrs(Some(first))
}

/// The first sentence of `paragraph` where it ends plainly: at a `.` and a space before a capital,
/// code or a link, outside brackets, parentheses and code spans, and not after an abbreviation
/// (`e.g.`); else the whole paragraph.
fn first_sentence(paragraph: &str) -> &str {
    let bytes = paragraph.as_bytes();
    let (mut depth, mut code) = (0i32, false);
    for (at, &byte) in bytes.iter().enumerate() {
        match byte {
            b'`' => code = !code,
            b'[' | b'(' if !code => depth += 1,
            b']' | b')' if !code => depth -= 1,
            b'.' if !code && depth == 0 => {
                let capital_next = bytes.get(at + 1) == Some(&b' ')
                    && bytes.get(at + 2).is_some_and(|b| b.is_ascii_uppercase() || b"`[".contains(b));
                let before = &paragraph[..at];
                let abbreviation =
                    ["e.g", "i.e", "etc", "vs", "approx", "U.S", "No"].iter().any(|a| before.ends_with(a));
                if capital_next && !abbreviation {
                    return &paragraph[..=at];
                }
            }
            _ => {}
        }
    }
    paragraph
}

/// `Object` for response types with an `id`: what pagination and events need.
fn object_impl(def: &StructDef, uses: &mut Uses) -> Result<Option<Item>, syn::Error> {
    let Some(id) = def.string_id() else {
        return Ok(None);
    };
    uses.imports.runtime.insert("Object");
    let own_id = if id.optional() {
        method_call(self_field(ident(&id.ident)), "as_deref")
    } else {
        call_expression(path_expression(&["Some"]), self_field_reference(ident(&id.ident)))
    };
    let object_name = match &def.object_name {
        Some(object) => call_expression(path_expression(&["Some"]), string_expr(object)),
        None => path_expression(&["None"]),
    };
    let optional = |ty: Type| path_type(&["Option"], vec![ty]);
    let methods = vec![
        function(
            Vec::new(),
            false,
            ident("id"),
            vec![self_reference()],
            optional(reference(named_type("str"))),
            vec![tail(own_id)],
        ),
        function(
            Vec::new(),
            false,
            ident("object_name"),
            Vec::new(),
            optional(static_reference(named_type("str"))),
            vec![tail(object_name)],
        ),
    ];
    trait_impl(named_type("Object"), &def.name, methods).map(|item| Some(Item::Impl(item)))
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn a_summary_is_the_first_plain_sentence() {
        let cursor = "A cursor for use in pagination. `ending_before` is an object ID. For instance, more.";
        assert_eq!(first_sentence(cursor), "A cursor for use in pagination.");
        // Abbreviations, links, parentheses and code do not end a sentence.
        let cases = [
            "Use a method, e.g. A card, to pay.",
            "See [the docs. Here](https://stripe.com/docs). Then more.",
            "A value (in cents. Or not) given. Then more.",
            "Send `a. B` as is. Then more.",
        ];
        let expected = [
            "Use a method, e.g. A card, to pay.",
            "See [the docs. Here](https://stripe.com/docs).",
            "A value (in cents. Or not) given.",
            "Send `a. B` as is.",
        ];
        for (case, expected) in cases.iter().zip(expected) {
            assert_eq!(first_sentence(case), expected, "{case}");
        }
        assert_eq!(first_sentence("One sentence only."), "One sentence only.");
        assert_eq!(first_sentence("No end"), "No end");
    }
}
