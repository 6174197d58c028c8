//! Schemas made of others: `allOf` merged into one object, `anyOf` and `oneOf` into unions.

use openapiv3::{AnySchema, ObjectType, ReferenceOr, Schema, SchemaKind};

use super::docs::to_markdown;
use super::schema::{is_empty_string_enum, is_plain_string, object_type, Context, SchemaRef};
use super::Lowerer;
use crate::error::Error;
use crate::ir::{TypeDef, TypeRef, UnionDef, UnionVariant};
use crate::names::{type_name, Case, Scope};
use crate::pointer;

impl Lowerer<'_> {
    /// `allOf`: the one member that is more than annotations (a description, `nullable`), or
    /// objects merged into one: their properties (a property two members define must be the
    /// same), every member's required ones.
    pub(super) fn all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        schema: &Schema,
        hint: &str,
        context: Context<'_>,
        at: &str,
    ) -> Result<TypeRef, Error> {
        let document = self.document;
        let mut shapes = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let resolved = super::references::resolve(document, member, &format!("{at}/{index}"))?;
            let annotation = matches!(&resolved.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default());
            if !annotation {
                shapes.push((index, resolved));
            }
        }
        let many = match shapes.as_slice() {
            [] => return Ok(TypeRef::Json),
            [(index, _)] => return self.schema_ref((&members[*index]).into(), hint, context, &format!("{at}/{index}")),
            many => many,
        };
        let mut merged = ObjectType::default();
        for (index, member) in many {
            let member_at = format!("{at}/{index}");
            let Some(object) = object_type(member) else {
                return Err(Error::unsupported(&member_at, "`allOf` of schemas that are not all objects"));
            };
            for (key, property) in object.properties {
                if merged.properties.get(&key).is_some_and(|known| *known != property) {
                    let message = format!("`allOf` members that define the property `{key}` differently");
                    return Err(Error::unsupported(
                        &pointer::join(&pointer::join(&member_at, "properties"), &key),
                        message,
                    ));
                }
                merged.properties.insert(key, property);
            }
            for key in object.required {
                if !merged.required.contains(&key) {
                    merged.required.push(key);
                }
            }
            merged.additional_properties = merged.additional_properties.or(object.additional_properties);
        }
        self.object(&merged, schema, hint, context, at)
    }

    /// `anyOf`/`oneOf`: expandable IDs, unsettable parameters, nullable wrappers, and real unions.
    pub(super) fn alternatives(
        &mut self,
        variants: &[SchemaRef<'_>],
        schema: &Schema,
        hint: &str,
        context: Context<'_>,
        at: &str,
    ) -> Result<TypeRef, Error> {
        let clearable = variants.iter().any(|v| is_empty_string_enum(*v));
        let rest: Vec<(usize, SchemaRef<'_>)> =
            variants.iter().copied().enumerate().filter(|(_, v)| !is_empty_string_enum(*v)).collect();
        let expandable = schema.schema_data.extensions.contains_key("x-expansionResources");
        let rest: Vec<(usize, SchemaRef<'_>)> = if expandable && rest.len() > 1 {
            rest.into_iter().filter(|(_, v)| !is_plain_string(*v)).collect()
        } else {
            rest
        };
        let ty = match rest.as_slice() {
            [] => TypeRef::String,
            [(index, single)] => self.schema_ref(*single, hint, context, &format!("{at}/{index}"))?,
            many => self.union(many, schema, hint, context, at)?,
        };
        let ty = if expandable { TypeRef::Expandable(Box::new(ty)) } else { ty };
        Ok(if clearable { TypeRef::Clearable(Box::new(ty)) } else { ty })
    }

    pub(super) fn union(
        &mut self,
        variants: &[(usize, SchemaRef<'_>)],
        schema: &Schema,
        hint: &str,
        context: Context<'_>,
        at: &str,
    ) -> Result<TypeRef, Error> {
        let name = self.registry.claim(hint, "Union");
        let mut def = UnionDef {
            name: name.clone(),
            module: context.module.clone(),
            doc: schema.schema_data.description.as_deref().and_then(to_markdown),
            variants: Vec::new(),
            direction: context.direction,
            pointer: at.to_owned(),
        };
        self.registry.add(TypeDef::Union(def.clone()), at)?;
        let mut idents = Scope::new(Case::Camel);
        for (index, variant) in variants {
            let title = match variant {
                SchemaRef::Inline(s) => s.schema_data.title.as_deref().map(type_name),
                SchemaRef::Reference(_) => None,
            };
            let variant_hint = format!("{name}{}", title.clone().unwrap_or_else(|| format!("Variant{index}")));
            let ty = self.schema_ref(*variant, &variant_hint, context, &format!("{at}/{index}"))?;
            let ident = idents.claim(&title.unwrap_or_else(|| variant_ident(&ty, &name)));
            def.variants.push(UnionVariant { ident, ty, boxed: false, object_tag: None, deleted_form: false });
        }
        self.registry.replace(TypeDef::Union(def));
        Ok(TypeRef::Named(name))
    }
}

/// A variant name from the variant's type: `Named(ClimateProduct)` -> `ClimateProduct`.
fn variant_ident(ty: &TypeRef, union_name: &str) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Integer => "Integer".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::Timestamp => "Timestamp".into(),
        TypeRef::Decimal => "Decimal".into(),
        TypeRef::Binary => "Binary".into(),
        TypeRef::Json => "Json".into(),
        TypeRef::Named(name) => {
            name.strip_prefix(union_name).filter(|rest| !rest.is_empty()).unwrap_or(name).to_owned()
        }
        TypeRef::Vec(_) => "List".into(),
        TypeRef::Map(_) => "Map".into(),
        TypeRef::Expandable(inner) | TypeRef::Clearable(inner) => variant_ident(inner, union_name),
        TypeRef::List(_) => "Page".into(),
        TypeRef::SearchList(_) => "SearchPage".into(),
        TypeRef::V2List(_) => "V2Page".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{TypeDef, TypeRef};

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/things/{id}:
    get:
      operationId: GetThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}}
components:
  schemas:
    base: {type: object, required: [id], properties: {id: {type: string}, note: {type: string}}}
    thing:
      allOf:
      - {$ref: '#/components/schemas/base'}
      - {type: object, required: [name], properties: {name: {type: string}, note: {type: string}}}
      - {description: Only words.}
"##;

    #[test]
    fn all_of_objects_merge_their_properties_and_requirements() {
        let api = crate::lower::lowered(SPEC);
        let thing = api.types.iter().find_map(|t| match t {
            TypeDef::Struct(s) if s.name == "Thing" => Some(s),
            _ => None,
        });
        let fields: Vec<(&str, bool, &TypeRef)> =
            thing.expect("a Thing struct").fields.iter().map(|f| (f.wire_name.as_str(), f.required, &f.ty)).collect();
        assert_eq!(
            fields,
            [("id", true, &TypeRef::String), ("note", false, &TypeRef::String), ("name", true, &TypeRef::String)]
        );
    }

    #[test]
    fn all_of_members_that_disagree_or_are_not_objects_are_refused_with_their_place() {
        let lower = |schema: &str| {
            let text = SPEC.replace("{$ref: '#/components/schemas/thing'}", &format!("{{{schema}}}"));
            crate::lower::lowering(&text).map(|_| ()).map_err(|e| e.to_string())
        };
        let disagree = lower("allOf: [{$ref: '#/components/schemas/base'}, {properties: {id: {type: integer}}}]");
        let message = disagree.expect_err("two kinds of id");
        assert!(
            message.contains(
                "allOf/1/properties/id: unsupported: `allOf` members that define the property `id` differently"
            ),
            "{message}"
        );
        let mixed = lower("allOf: [{type: string}, {$ref: '#/components/schemas/base'}]").expect_err("a string");
        assert!(mixed.contains("allOf/0: unsupported: `allOf` of schemas that are not all objects"), "{mixed}");
        assert_eq!(lower("allOf: [{type: string}, {nullable: true}]"), Ok(()), "one shape, annotated");
    }
}
