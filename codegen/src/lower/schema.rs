//! Schemas into type references, creating the named types they need.

use openapiv3::{
    AdditionalProperties, ObjectType, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::docs::to_markdown;
use super::secrets::is_secret_field;
use super::Lowerer;
use crate::error::Error;
use crate::ir::{
    root_names, Direction, EnumDef, EnumVariant, Field, Module, Pagination, StructDef, TypeDef, TypeRef, WhenAbsent,
};
use crate::names::{field_name, module_name, type_name, variant_name, Case, Scope};
use crate::pointer;

/// Where inline types created while lowering a schema go, and what they are for.
#[derive(Clone, Copy)]
pub(crate) struct Context<'c> {
    pub(crate) module: &'c Module,
    pub(crate) direction: Direction,
}

/// A schema or a reference to one, whichever box it came in.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Reference(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> SchemaRef<'a> {
    fn nullable(self) -> bool {
        matches!(self, SchemaRef::Inline(s) if s.schema_data.nullable)
    }

    fn description(self) -> Option<&'a str> {
        match self {
            SchemaRef::Inline(s) => s.schema_data.description.as_deref(),
            SchemaRef::Reference(_) => None,
        }
    }
}

/// The single value of an enum that only says what the object is (`object: climate.order`).
fn object_tag(schema: SchemaRef<'_>) -> Option<String> {
    let SchemaRef::Inline(schema) = schema else {
        return None;
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if s.enumeration.len() == 1 => s.enumeration[0].clone(),
        _ => None,
    }
}

/// The values of a string enum of exactly `[""]`: Stripe's "send an empty string to unset".
pub(super) fn is_empty_string_enum(schema: SchemaRef<'_>) -> bool {
    let SchemaRef::Inline(schema) = schema else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.len() == 1 && s.enumeration[0].as_deref() == Some(""),
        _ => false,
    }
}

pub(super) fn is_plain_string(schema: SchemaRef<'_>) -> bool {
    let SchemaRef::Inline(schema) = schema else {
        return false;
    };
    matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s)) if s.enumeration.is_empty())
}

impl Lowerer<'_> {
    /// Lowers the component schema `name` once; later calls return the same type.
    pub(crate) fn component(&mut self, name: &str, at: &str) -> Result<TypeRef, Error> {
        if let Some(ty) = self.registry.component(name) {
            return Ok(ty.clone());
        }
        let document = self.document;
        let schema = document.components.as_ref().and_then(|c| c.schemas.get(name)).ok_or_else(|| {
            Error::BadReference { pointer: at.to_owned(), reference: format!("#/components/schemas/{name}") }
        })?;
        let schema_at = pointer::join("/components/schemas", name);
        let rust_name = self.registry.component_rust_name(name);
        let module = Module::Model(model_module(name));
        let context = Context { module: &module, direction: Direction::Response };
        self.registry.begin_component(&rust_name);
        let ty = crate::guard::at(&schema_at, || self.component_body(name, schema, &rust_name, context, &schema_at));
        self.registry.end_component();
        let ty = ty?;
        self.registry.set_component(name, ty.clone());
        Ok(ty)
    }

    fn component_body(
        &mut self,
        name: &str,
        schema: &ReferenceOr<Schema>,
        rust_name: &str,
        context: Context<'_>,
        schema_at: &str,
    ) -> Result<TypeRef, Error> {
        Ok(match schema {
            ReferenceOr::Reference { reference } => {
                // An alias: guard the cycle `a -> b -> a` before following it.
                self.registry.set_component(name, TypeRef::Json);
                self.reference(reference, schema_at)?
            }
            ReferenceOr::Item(schema) => match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() && !is_envelope(object) => {
                    self.registry.set_component(name, TypeRef::Named(rust_name.to_owned()));
                    self.object_struct(object, schema, rust_name, context, schema_at)?
                }
                _ => {
                    self.registry.set_component(name, TypeRef::Json);
                    self.schema(schema, rust_name, context, schema_at)?
                }
            },
        })
    }

    /// Follows a `$ref`.
    pub(crate) fn reference(&mut self, reference: &str, at: &str) -> Result<TypeRef, Error> {
        let name = pointer::schema_ref_name(reference)
            .ok_or_else(|| Error::BadReference { pointer: at.to_owned(), reference: reference.to_owned() })?;
        self.component(&name, at)
    }

    /// Lowers a schema or reference; `hint` names any inline type it needs.
    pub(crate) fn schema_ref(
        &mut self,
        schema: SchemaRef<'_>,
        hint: &str,
        context: Context<'_>,
        at: &str,
    ) -> Result<TypeRef, Error> {
        match schema {
            SchemaRef::Reference(reference) => self.reference(reference, at),
            SchemaRef::Inline(schema) => self.schema(schema, hint, context, at),
        }
    }

    fn schema(&mut self, schema: &Schema, hint: &str, context: Context<'_>, at: &str) -> Result<TypeRef, Error> {
        let ty = self.shape(schema, hint, context, at)?;
        // A parameter that may be null is one the caller can unset (`null` in a v2 JSON body,
        // `key=` in a form), as `anyOf: [.., enum: [""]]` says in v1.
        let clearable = context.direction == Direction::Request && schema.schema_data.nullable;
        Ok(match ty {
            TypeRef::Clearable(_) => ty,
            _ if clearable => TypeRef::Clearable(Box::new(ty)),
            _ => ty,
        })
    }

    /// What the schema describes, nullable or not.
    fn shape(&mut self, schema: &Schema, hint: &str, context: Context<'_>, at: &str) -> Result<TypeRef, Error> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                if !values.is_empty() && values != [""] {
                    return self.string_enum(values, schema, hint, context, at);
                }
                Ok(match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::Binary,
                    VariantOrUnknownOrEmpty::Unknown(format) if format == "decimal" => TypeRef::Decimal,
                    _ => TypeRef::String,
                })
            }
            SchemaKind::Type(Type::Integer(integer)) => Ok(match &integer.format {
                VariantOrUnknownOrEmpty::Unknown(format) if format == "unix-time" => TypeRef::Timestamp,
                _ => TypeRef::Integer,
            }),
            SchemaKind::Type(Type::Number(_)) => Ok(TypeRef::Number),
            SchemaKind::Type(Type::Boolean(_)) => Ok(TypeRef::Boolean),
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item = self.schema_ref(items.into(), hint, context, &pointer::join(at, "items"))?;
                    Ok(TypeRef::Vec(Box::new(item)))
                }
                None => Ok(TypeRef::Vec(Box::new(TypeRef::Json))),
            },
            SchemaKind::Type(Type::Object(object)) => self.object(object, schema, hint, context, at),
            SchemaKind::AnyOf { any_of: variants } | SchemaKind::OneOf { one_of: variants } => {
                let key = if matches!(schema.schema_kind, SchemaKind::AnyOf { .. }) { "anyOf" } else { "oneOf" };
                let variants: Vec<SchemaRef<'_>> = variants.iter().map(SchemaRef::from).collect();
                self.alternatives(&variants, schema, hint, context, &pointer::join(at, key))
            }
            SchemaKind::AllOf { all_of } => self.all_of(all_of, schema, hint, context, &pointer::join(at, "allOf")),
            SchemaKind::Not { .. } => Err(Error::unsupported(at, "`not` schemas")),
            SchemaKind::Any(any) => {
                if let Some(object) = object_type(schema) {
                    return self.object(&object, schema, hint, context, at);
                }
                if !any.any_of.is_empty() || !any.one_of.is_empty() {
                    let variants: Vec<SchemaRef<'_>> =
                        any.any_of.iter().chain(&any.one_of).map(SchemaRef::from).collect();
                    return self.alternatives(&variants, schema, hint, context, &pointer::join(at, "anyOf"));
                }
                match any.typ.as_deref() {
                    None => Ok(TypeRef::Json),
                    Some(other) => Err(Error::unsupported(
                        &pointer::join(at, "type"),
                        format!("type `{other}` with this combination of keywords"),
                    )),
                }
            }
        }
    }

    pub(super) fn object(
        &mut self,
        object: &ObjectType,
        schema: &Schema,
        hint: &str,
        context: Context<'_>,
        at: &str,
    ) -> Result<TypeRef, Error> {
        if is_envelope(object) {
            return self.envelope(object, hint, context, at);
        }
        if object.properties.is_empty() {
            return match &object.additional_properties {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.schema_ref(
                        value.as_ref().into(),
                        hint,
                        context,
                        &pointer::join(at, "additionalProperties"),
                    )?;
                    Ok(TypeRef::Map(Box::new(value)))
                }
                Some(AdditionalProperties::Any(true)) => Ok(TypeRef::Map(Box::new(TypeRef::Json))),
                _ => Ok(TypeRef::Json),
            };
        }
        let name = self.registry.claim(hint, "Object");
        self.object_struct(object, schema, &name, context, at)
    }

    /// `{object: list, data: [...], has_more, url}`, `{object: search_result, ...}` and v2
    /// `{data: [...], next_page_url, previous_page_url}` envelopes.
    fn envelope(&mut self, object: &ObjectType, hint: &str, context: Context<'_>, at: &str) -> Result<TypeRef, Error> {
        let data_at = pointer::join(&pointer::join(at, "properties"), "data");
        let item = match object.properties.get("data").map(SchemaRef::from) {
            Some(SchemaRef::Inline(Schema { schema_kind: SchemaKind::Type(Type::Array(array)), .. })) => {
                match &array.items {
                    Some(items) => self.schema_ref(items.into(), hint, context, &pointer::join(&data_at, "items"))?,
                    None => TypeRef::Json,
                }
            }
            _ => return Err(Error::unsupported(&data_at, "a list envelope whose `data` is not an inline array")),
        };
        let search = object.properties.get("object").map(SchemaRef::from).and_then(object_tag).as_deref()
            == Some("search_result");
        Ok(if search {
            TypeRef::SearchList(Box::new(item))
        } else if is_v2_list(object) {
            TypeRef::V2List(Box::new(item))
        } else {
            TypeRef::List(Box::new(item))
        })
    }

    fn object_struct(
        &mut self,
        object: &ObjectType,
        schema: &Schema,
        name: &str,
        context: Context<'_>,
        at: &str,
    ) -> Result<TypeRef, Error> {
        // Registered before its fields, so a field can point back at it.
        let mut def = StructDef {
            name: name.to_owned(),
            module: context.module.clone(),
            doc: schema.schema_data.description.as_deref().and_then(to_markdown),
            fields: Vec::new(),
            direction: context.direction,
            object_name: None,
            cursors: Pagination::None,
            pointer: at.to_owned(),
        };
        self.registry.add(TypeDef::Struct(def.clone()), at)?;
        let properties_at = pointer::join(at, "properties");
        let mut idents = field_scope(context.direction);
        for (wire_name, property) in &object.properties {
            let property_at = pointer::join(&properties_at, wire_name);
            let property = SchemaRef::from(property);
            let ident = idents.claim(&field_name(wire_name));
            let tag = if wire_name == "object" { object_tag(property) } else { None };
            let ty = match &tag {
                Some(_) => TypeRef::String,
                None => {
                    let field_hint = format!("{name}{}", type_name(wire_name));
                    self.schema_ref(property, &field_hint, context, &property_at)?
                }
            };
            let ty = match self.registry.field_type(name, wire_name) {
                Some(target) => self.registry.retype(ty, &target, &property_at)?,
                None => ty,
            };
            if tag.is_some() {
                def.object_name = tag;
            }
            def.fields.push(Field {
                ident,
                wire_name: wire_name.clone(),
                doc: property.description().and_then(to_markdown),
                ty,
                required: object.required.contains(wire_name),
                nullable: property.nullable(),
                secret: is_secret_field(wire_name),
                boxed: false,
                flatten: false,
                when_absent: WhenAbsent::of(object.required.contains(wire_name), property.nullable()),
            });
        }
        if let Some(AdditionalProperties::Schema(value)) = &object.additional_properties {
            let value = self.schema_ref(
                value.as_ref().into(),
                &format!("{name}Additional"),
                context,
                &pointer::join(at, "additionalProperties"),
            )?;
            def.fields.push(additional_field(idents.claim("additional"), value, "Keys not named by the other fields."));
        }
        self.registry.replace(TypeDef::Struct(def));
        Ok(TypeRef::Named(name.to_owned()))
    }

    fn string_enum(
        &mut self,
        values: Vec<String>,
        schema: &Schema,
        hint: &str,
        context: Context<'_>,
        at: &str,
    ) -> Result<TypeRef, Error> {
        if let Some(existing) = self.registry.enum_with_values(&values) {
            return Ok(TypeRef::Named(existing.to_owned()));
        }
        let mut variants: Vec<EnumVariant> = Vec::with_capacity(values.len());
        // `Unknown` is the variant that holds values added later.
        let mut idents = Scope::with_reserved(Case::Camel, &[root_names::UNKNOWN]);
        for value in values {
            if variants.iter().any(|v| v.wire == value) {
                continue;
            }
            let ident = variant_name(&value);
            let ident = idents.claim(if ident == root_names::UNKNOWN { "UnknownValue" } else { &ident });
            variants.push(EnumVariant { ident, wire: value, aliases: Vec::new() });
        }
        let def = EnumDef {
            name: self.registry.claim(hint, "Value"),
            module: context.module.clone(),
            doc: schema.schema_data.description.as_deref().and_then(to_markdown),
            variants,
            pointer: at.to_owned(),
        };
        let name = def.name.clone();
        self.registry.add_enum(def, at)?;
        Ok(TypeRef::Named(name))
    }
}

/// The object a schema describes, with or without `type: object`.
pub(super) fn object_type(schema: &Schema) -> Option<ObjectType> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(object.clone()),
        SchemaKind::Any(any) if !any.properties.is_empty() || any.additional_properties.is_some() => Some(ObjectType {
            properties: any.properties.clone(),
            required: any.required.clone(),
            additional_properties: any.additional_properties.clone(),
            min_properties: any.min_properties,
            max_properties: any.max_properties,
        }),
        _ => None,
    }
}

fn is_envelope(object: &ObjectType) -> bool {
    let tag = object.properties.get("object").map(SchemaRef::from).and_then(object_tag);
    object.properties.contains_key("data")
        && (matches!(tag.as_deref(), Some("list" | "search_result")) || is_v2_list(object))
}

/// A page of the v2 API: `data` and the URLs of the pages around it, nothing else (a page with
/// more fields gets a struct of its own, so that none is lost).
fn is_v2_list(object: &ObjectType) -> bool {
    object.properties.contains_key("next_page_url")
        && object.properties.keys().all(|key| matches!(key.as_str(), "data" | "next_page_url" | "previous_page_url"))
}

/// The fields of a struct: request parameters have a `new` constructor a field may not shadow.
pub(crate) fn field_scope(direction: Direction) -> Scope {
    match direction {
        Direction::Request => Scope::with_reserved(Case::Snake, &["new"]),
        Direction::Response => Scope::new(Case::Snake),
    }
}

/// The model module (file) of a component schema's types, or of a type shared by several files:
/// never `api` or `event_object`, which are the generator's own.
pub(crate) fn model_module(name: &str) -> String {
    let module = module_name(name);
    if [root_names::API_MODULE, root_names::EVENT_OBJECT_MODULE].contains(&module.as_str()) {
        format!("{module}_")
    } else {
        module
    }
}

/// The map of keys an object takes beyond its named ones (`additionalProperties` beside
/// `properties`), written and read beside the named fields.
pub(super) fn additional_field(ident: String, value: TypeRef, doc: &str) -> Field {
    Field {
        ident,
        wire_name: String::new(),
        doc: Some(doc.to_owned()),
        ty: TypeRef::Map(Box::new(value)),
        required: true,
        nullable: false,
        secret: false,
        boxed: false,
        flatten: true,
        when_absent: WhenAbsent::Allowed,
    }
}
