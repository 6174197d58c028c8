//! Structs, enums and unions.

use proc_macro2::TokenStream;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Arm, Expr, FieldValue, ImplItem, Item, ItemImpl, Stmt, Type};

use super::docs::doc;
use super::gates::{cfg, cfg_attributes, cfg_not};
use super::syntax::{
    argument, arm, binding, call_expression, call_with, derive_attr, doc_attrs, doc_line, field_value, function, ident,
    impl_into, inherent_impl, items, macro_item, match_expr, method_call, method_call_with, mutable_reference,
    named_type, or_pattern, path_attr, path_expression, path_type, private_field, private_struct, public_enum,
    public_field, public_struct, reference, self_field, self_field_reference, self_reference, setter, static_reference,
    string_expr, string_pattern, tail, trait_impl, try_expr, tuple_variant, tuple_variant_pattern, unit_variant,
    variant_expr, variant_pattern, visit_statement, Conversion,
};
use super::templates::Template;
use super::uses::Uses;
use crate::ir::{
    Direction, EnumDef, Field, Gate, Gates, Pagination, StructDef, TypeRef, UnionDef, UnionVariant, WhenAbsent,
};

/// The Rust type for a reference, noting what it uses.
pub(crate) fn rust_type(ty: &TypeRef, module_types: &[String], uses: &mut Uses) -> Type {
    match ty {
        TypeRef::String => named_type("String"),
        TypeRef::Integer => named_type("i64"),
        TypeRef::Number => named_type("f64"),
        TypeRef::Boolean => named_type("bool"),
        TypeRef::Timestamp => runtime(uses, "Timestamp", Vec::new()),
        TypeRef::Decimal => runtime(uses, "Decimal", Vec::new()),
        TypeRef::Binary => runtime(uses, "FileUpload", Vec::new()),
        TypeRef::Json => path_type(&["serde_json", "Value"], Vec::new()),
        TypeRef::Named(name) => {
            if !module_types.contains(name) {
                uses.generated.insert(name.clone());
            }
            named_type(name)
        }
        TypeRef::Vec(inner) => path_type(&["Vec"], vec![rust_type(inner, module_types, uses)]),
        TypeRef::Map(inner) => {
            uses.imports.btree_map = true;
            path_type(&["BTreeMap"], vec![named_type("String"), rust_type(inner, module_types, uses)])
        }
        TypeRef::Expandable(inner) => wrap(uses, "Expandable", inner, module_types),
        TypeRef::Clearable(inner) => wrap(uses, "Clearable", inner, module_types),
        TypeRef::List(inner) => wrap(uses, "List", inner, module_types),
        TypeRef::SearchList(inner) => wrap(uses, "SearchList", inner, module_types),
        TypeRef::V2List(inner) => wrap(uses, "V2List", inner, module_types),
    }
}

fn runtime(uses: &mut Uses, item: &'static str, args: Vec<Type>) -> Type {
    uses.imports.runtime.insert(item);
    path_type(&[item], args)
}

fn wrap(uses: &mut Uses, wrapper: &'static str, inner: &TypeRef, module_types: &[String]) -> Type {
    let inner = rust_type(inner, module_types, uses);
    runtime(uses, wrapper, vec![inner])
}

/// A field's full type: boxed and optional as the IR says.
fn field_type(field: &Field, module_types: &[String], uses: &mut Uses) -> Type {
    let mut ty = rust_type(&field.ty, module_types, uses);
    if field.boxed {
        ty = path_type(&["Box"], vec![ty]);
    }
    if field.optional() && !field.flatten {
        ty = path_type(&["Option"], vec![ty]);
    }
    ty
}

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
struct TypedField<'a> {
    field: &'a Field,
    ty: Type,
    gate: Option<&'a Gate>,
}

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
fn deserialize_impl(def: &StructDef, fields: &[TypedField<'_>]) -> Result<ItemImpl, syn::Error> {
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

/// The paging trait of parameters whose operation pages by cursors.
static LIST_PARAMS: Template = Template::new("list_params", || {
    quote! {
        impl ListParams for __Type {
            fn set_starting_after(&mut self, cursor: Option<String>) { self.starting_after = cursor; }
            fn set_ending_before(&mut self, cursor: Option<String>) { self.ending_before = cursor; }
            fn ending_before(&self) -> Option<&str> { self.ending_before.as_deref() }
        }
    }
});

/// The paging trait of parameters whose operation pages by search pages.
static SEARCH_PARAMS: Template = Template::new("search_params", || {
    quote! {
        impl SearchParams for __Type {
            fn set_page(&mut self, page: Option<String>) { self.page = page; }
        }
    }
});

/// The trait the runtime moves the cursor of a paging operation's parameters through.
fn list_params_impl(def: &StructDef, uses: &mut Uses) -> Result<Option<Item>, syn::Error> {
    let (template, runtime_trait) = match def.cursors {
        Pagination::None | Pagination::NextPageUrl => return Ok(None),
        Pagination::List => (&LIST_PARAMS, "ListParams"),
        Pagination::Search => (&SEARCH_PARAMS, "SearchParams"),
    };
    uses.imports.runtime.insert(runtime_trait);
    template.impl_for(&def.name).map(|item| Some(Item::Impl(item)))
}

/// The skeleton of [`walk_items`].
static WALK: Template = Template::new("walk", || {
    quote! {
        impl WalkFields for __Type {
            const NAME: &'static str = "__Type";
            fn walk_fields<V: FieldVisitor>(&self, visit: &mut V) {}
        }
    }
});

/// Where a struct that notes absent fields tells them.
static RECORDED_ABSENCES: Template = Template::new("recorded_absences", || {
    quote! {
        impl WalkFields for __Type {
            fn recorded_absences(&self) -> &[&'static str] {
                self.__absent.fields()
            }
        }
    }
});

/// `Serialize` and `Debug` through the runtime's `WalkFields`: one call per field, keyed by its
/// wire name, where serde's derive writes a count and a branch per field (see the runtime's
/// `fields` module for why). Credentials go through `Secret`, which `Debug` prints redacted.
fn walk_items(def: &StructDef, fields: &[TypedField<'_>], uses: &mut Uses) -> Result<Vec<Item>, syn::Error> {
    uses.imports.runtime.extend(["WalkFields", "FieldVisitor", "walk_fields_impls"]);
    let mut secrets = fields.iter().filter(|t| t.field.secret).peekable();
    if secrets.peek().is_some() {
        // A secret that only some features compile may leave `Secret` unused without them.
        uses.runtime_item("Secret", secrets.all(|t| t.gate.is_some()));
    }
    let name = ident(&def.name);
    let mut visits = Vec::with_capacity(fields.len());
    for &TypedField { field, gate, .. } in fields {
        // A flattened map has no key of its own on the wire; `Debug` shows it under its field's name.
        let key = if field.flatten { field.ident.trim_start_matches("r#") } else { &field.wire_name };
        let attrs = cfg_attributes(gate);
        let value = match (field.secret, field.optional()) {
            (false, _) => self_field_reference(ident(&field.ident)),
            (true, optional) => {
                let ident = ident(&field.ident);
                let secret = if optional {
                    quote! { &self.#ident.as_ref().map(Secret) }
                } else {
                    quote! { &Secret(&self.#ident) }
                };
                syn::parse2(secret)?
            }
        };
        let method = if field.flatten {
            "flatten"
        } else if def.direction == Direction::Request && field.ty == TypeRef::Binary {
            // Files travel as multipart parts, not as fields.
            "unsent"
        } else if field.optional() && (def.direction == Direction::Request || !field.required) {
            "optional"
        } else {
            // A response's required field that may be null is written as `null`, as Stripe sends it.
            "field"
        };
        visits.push(visit_statement(attrs, method, key, value));
    }
    // The skeleton is a template; the steps, one per field, are built as syntax.
    let mut walk_impl = WALK.impl_for(&def.name)?;
    let Some(ImplItem::Fn(walk)) = walk_impl.items.last_mut() else {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            "the skeleton of a `WalkFields` impl changed shape",
        ));
    };
    walk.block.stmts = visits;
    if fields.iter().all(|t| t.gate.is_some()) {
        // With none of the fields' features on, the walk has no step and `visit` goes unused.
        walk.attrs.push(syn::parse_quote! { #[allow(unused_variables)] });
    }
    if def.notes_absences() {
        walk_impl.items.extend(RECORDED_ABSENCES.impl_for(&def.name)?.items);
    }
    Ok(vec![Item::Impl(walk_impl), macro_item("walk_fields_impls", quote! { #name })])
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
        let doc = doc_line(&format!("Sets `{}`.", f.wire_name));
        let ty = setter_type(&f.ty, module_types, uses);
        setter(vec![doc], ident(&f.ident), ty, Conversion { into: converts(&f.ty), boxed: f.boxed })
    });
    methods.extend(setters);
    Ok(inherent_impl(&def.name, methods))
}

/// Whether a setter takes `impl Into<..>` of the field's type.
fn converts(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::String | TypeRef::Clearable(_))
}

fn setter_type(ty: &TypeRef, module_types: &[String], uses: &mut Uses) -> Type {
    match ty {
        TypeRef::String => impl_into(named_type("String")),
        TypeRef::Clearable(_) => impl_into(rust_type(ty, module_types, uses)),
        _ => rust_type(ty, module_types, uses),
    }
}

/// `Object` for response types with an `id`: what pagination and events need.
fn object_impl(def: &StructDef, uses: &mut Uses) -> Result<Option<Item>, syn::Error> {
    let Some(id) = def.string_id() else {
        return Ok(None);
    };
    uses.imports.runtime.insert("Object");
    let own_id = if id.optional() {
        method_call(self_field(ident("id")), "as_deref")
    } else {
        call_expression(path_expression(&["Some"]), self_field_reference(ident("id")))
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
        ident("Unknown"),
        named_type("String"),
    );
    let declaration = public_enum(attrs, ident(&def.name), known.chain([unknown]).collect());

    let mut as_str_arms: Vec<Arm> =
        def.variants.iter().map(|v| arm(variant_pattern(&v.ident), string_expr(&v.wire))).collect();
    as_str_arms.push(arm(tuple_variant_pattern("Unknown", "value"), path_expression(&["value"])));
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
    let keep =
        call_expression(path_expression(&["Self", "Unknown"]), method_call(path_expression(&["other"]), "to_owned"));
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

/// What a union variant holds, in words.
fn variant_doc(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => format!("A [`{name}`]."),
        TypeRef::String => "A string.".into(),
        TypeRef::Integer => "An integer.".into(),
        TypeRef::Number => "A number.".into(),
        TypeRef::Boolean => "A boolean.".into(),
        TypeRef::Timestamp => "A Unix timestamp.".into(),
        TypeRef::Decimal => "A decimal.".into(),
        TypeRef::Vec(_) => "A list.".into(),
        TypeRef::Map(_) => "A map.".into(),
        _ => "Another shape of the value.".into(),
    }
}

/// `Deserialize` by the `object` tag: each tag's variants in order (the first one's error stands
/// when none fits), any other tag an error that lists the known ones. Where a tag has a live and a
/// deleted form, the object's `deleted` flag picks between them: a deleted stub must never pass
/// for the live object, nor the other way round.
fn decode_by_object(def: &UnionDef, uses: &mut Uses) -> TokenStream {
    uses.imports.runtime.extend(["DecodeByObject", "decode_by_object_impls", "decode_value"]);
    let name = ident(&def.name);
    let name_text = &def.name;
    let mut tags: Vec<&str> = Vec::new();
    for tag in def.variants.iter().filter_map(|v| v.object_tag.as_deref()) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut arms = Vec::new();
    for tag in &tags {
        let of_tag: Vec<&UnionVariant> =
            def.variants.iter().filter(|v| v.object_tag.as_deref() == Some(*tag)).collect();
        let (deleted, live): (Vec<&UnionVariant>, Vec<&UnionVariant>) = of_tag.iter().partition(|v| v.deleted_form);
        if deleted.is_empty() || live.is_empty() {
            let attempts = attempts(&of_tag);
            arms.push(quote! { #tag => #attempts, });
        } else {
            uses.imports.runtime.insert("is_deleted_form");
            let (deleted, live) = (attempts(&deleted), attempts(&live));
            arms.push(quote! {
                #tag if is_deleted_form(value) => #deleted,
                #tag => #live,
            });
        }
    }
    quote! {
        impl DecodeByObject for #name {
            const NAME: &'static str = #name_text;
            const TAGS: &'static [&'static str] = &[#(#tags),*];

            fn variant(tag: &str, value: &serde_json::Value) -> Option<Result<Self, String>> {
                Some(match tag {
                    #(#arms)*
                    _ => return None,
                })
            }
        }

        decode_by_object_impls!(#name);
    }
}

/// Decoding `value` as each of `variants` in turn, until one fits; when none does, the first
/// one's error, which is the one that explains.
fn attempts(variants: &[&UnionVariant]) -> TokenStream {
    let mut attempts = variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let wrap = if v.boxed {
            quote! { |v| Self::#variant(Box::new(v)) }
        } else {
            quote! { Self::#variant }
        };
        quote! { decode_value(value).map(#wrap) }
    });
    let first = attempts.next();
    let rest = attempts.map(|attempt| quote! { .or_else(|first| #attempt.map_err(|_| first)) });
    quote! { #first #(#rest)* }
}

/// A union: serialized as its variant; decoded by the `object` tag when its variants have one,
/// otherwise as the first variant whose shape matches.
pub(crate) fn union_items(
    def: &UnionDef,
    module_types: &[String],
    uses: &mut Uses,
    objects: &std::collections::BTreeSet<String>,
) -> Result<Vec<Item>, syn::Error> {
    let by_object = def.variants.iter().all(|v| v.object_tag.is_some());
    uses.imports.serialize = true;
    uses.imports.deserialize |= def.direction == Direction::Response && !by_object;
    let name = ident(&def.name);
    let docs = doc(def.doc.as_deref());
    let variants = def.variants.iter().map(|v| {
        let ident = ident(&v.ident);
        let mut ty = rust_type(&v.ty, module_types, uses);
        if v.boxed {
            ty = path_type(&["Box"], vec![ty]);
        }
        let text = doc(Some(&variant_doc(&v.ty)));
        quote! { #text #ident(#ty), }
    });
    let derive = if def.direction == Direction::Response && !by_object {
        quote! { #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)] }
    } else {
        quote! { #[derive(Clone, Debug, PartialEq, Serialize)] }
    };
    let mut out = quote! {
        #docs
        #derive
        #[serde(untagged)]
        pub enum #name { #(#variants)* }
    };
    if by_object {
        out.extend(decode_by_object(def, uses));
    }
    let mut out = items(out)?;
    out.extend(super::fixtures::union_fixture(def, uses)?);
    if objects.contains(&def.name) {
        uses.imports.runtime.insert("Object");
        let idents = def.variants.iter().map(|v| ident(&v.ident));
        out.extend(items(quote! {
            impl Object for #name {
                fn id(&self) -> Option<&str> {
                    match self { #( Self::#idents(object) => object.id(), )* }
                }
                fn object_name() -> Option<&'static str> { None }
            }
        })?);
    }
    Ok(out)
}
