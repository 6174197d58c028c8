//! An operation's parameters: the query's, or the request body's, as one struct of fields, and
//! how they travel.

use openapiv3::{
    AdditionalProperties, Operation as SpecOperation, Parameter, ParameterSchemaOrContent, RequestBody, Schema,
    SchemaKind, Type,
};

use super::docs::to_markdown;
use super::schema::{additional_field, field_scope, Context, SchemaRef};
use super::secrets::is_secret_field;
use super::{references, Lowerer};
use crate::error::Error;
use crate::ir::{Direction, Field, HttpMethod, Module, Pagination, ParamsIn, StructDef, TypeDef, WhenAbsent};
use crate::names::{field_name, type_name, Scope};
use crate::pointer;

impl Lowerer<'_> {
    /// The parameters struct's fields: query parameters for GET and DELETE, the body for POST;
    /// and where they go, by the method and whether the path is the v2 API's.
    pub(super) fn params(
        &mut self,
        op: &SpecOperation,
        parameters: &[(String, &Parameter)],
        name: &str,
        module: &Module,
        (method, json_api): (HttpMethod, bool),
        at: &str,
    ) -> Result<(Vec<Field>, ParamsIn), Error> {
        let context = Context { module, direction: Direction::Request };
        // Registered first, so the fields' inline types cannot take its name.
        let placeholder = StructDef {
            name: name.to_owned(),
            module: module.clone(),
            doc: None,
            fields: Vec::new(),
            direction: Direction::Request,
            object_name: None,
            cursors: Pagination::None,
            pointer: at.to_owned(),
        };
        self.registry.add(TypeDef::Struct(placeholder), at)?;
        let mut fields = Vec::new();
        let mut idents = field_scope(Direction::Request);
        for (parameter_at, parameter) in parameters {
            let parameter_at = parameter_at.as_str();
            match parameter {
                Parameter::Path { .. } => {}
                Parameter::Query { parameter_data, .. } => {
                    let ParameterSchemaOrContent::Schema(schema) = &parameter_data.format else {
                        return Err(Error::unsupported(parameter_at, "parameters described by `content`"));
                    };
                    let wire_name = &parameter_data.name;
                    let ident = idents.claim(&field_name(wire_name));
                    let hint = format!("{name}{}", type_name(wire_name));
                    let ty = self.schema_ref(
                        SchemaRef::from(schema),
                        &hint,
                        context,
                        &pointer::join(parameter_at, "schema"),
                    )?;
                    fields.push(Field {
                        ident,
                        wire_name: wire_name.clone(),
                        doc: parameter_data.description.as_deref().and_then(to_markdown),
                        ty,
                        required: parameter_data.required,
                        nullable: false,
                        secret: is_secret_field(wire_name),
                        boxed: false,
                        flatten: false,
                        when_absent: WhenAbsent::of(parameter_data.required, false),
                    });
                }
                Parameter::Header { .. } | Parameter::Cookie { .. } => {
                    return Err(Error::unsupported(parameter_at, "header and cookie parameters"));
                }
            }
        }
        let mut params_in = match (json_api, method) {
            (true, _) => ParamsIn::V2,
            (false, method) if method.sends_body() => ParamsIn::Form,
            (false, _) => ParamsIn::Query,
        };
        if let Some(body) = &op.request_body {
            let body_at = pointer::join(at, "requestBody");
            let body = references::resolve(self.document, body, &body_at)?;
            if method.sends_body() && !fields.is_empty() {
                // The body's fields replace the query's, if any: they are the parameters sent.
                idents = field_scope(Direction::Request);
            }
            let (body_fields, body_in) = self.body(body, name, context, &mut idents, &body_at)?;
            if method.sends_body() {
                if !body_fields.is_empty() && !fields.is_empty() {
                    let message = format!("a {} with both query parameters and a body", method.as_str());
                    return Err(Error::unsupported(&body_at, message));
                }
                if !body_fields.is_empty() {
                    fields = body_fields;
                    params_in = body_in;
                }
            } else {
                // Stripe's SDKs send the parameters of GET and DELETE in the query string, body or not.
                fields.extend(body_fields);
            }
        }
        Ok((fields, params_in))
    }

    fn body(
        &mut self,
        body: &RequestBody,
        name: &str,
        context: Context<'_>,
        idents: &mut Scope,
        at: &str,
    ) -> Result<(Vec<Field>, ParamsIn), Error> {
        let content_at = pointer::join(at, "content");
        // The first the runtime can send, in the order the SDKs prefer them.
        let sendable = [
            ("multipart/form-data", ParamsIn::Multipart),
            ("application/x-www-form-urlencoded", ParamsIn::Form),
            ("application/json", ParamsIn::V2),
        ];
        let Some((media_type, params_in, media)) =
            sendable.iter().find_map(|(kind, params_in)| Some((*kind, *params_in, body.content.get(*kind)?)))
        else {
            let found: Vec<&str> = body.content.keys().map(String::as_str).collect();
            return Err(Error::unsupported(&content_at, format!("request body content types {found:?}")));
        };
        let schema_at = pointer::join(&pointer::join(&content_at, media_type), "schema");
        let document = self.document;
        let schema =
            media.schema.as_ref().map(|schema| references::resolve(document, schema, &schema_at)).transpose()?;
        let object = match schema {
            None => return Ok((Vec::new(), params_in)),
            Some(Schema { schema_kind: SchemaKind::Type(Type::Object(object)), .. }) => object,
            Some(_) => return Err(Error::unsupported(&schema_at, "a request body that is not an object")),
        };
        let mut fields = Vec::new();
        for (wire_name, property) in &object.properties {
            let property_at = pointer::join(&pointer::join(&schema_at, "properties"), wire_name);
            let property = SchemaRef::from(property);
            let ident = idents.claim(&field_name(wire_name));
            let hint = format!("{name}{}", type_name(wire_name));
            let ty = self.schema_ref(property, &hint, context, &property_at)?;
            let doc = match property {
                SchemaRef::Inline(s) => s.schema_data.description.as_deref().and_then(to_markdown),
                SchemaRef::Reference(_) => None,
            };
            fields.push(Field {
                ident,
                wire_name: wire_name.clone(),
                doc,
                ty,
                required: object.required.contains(wire_name),
                nullable: false,
                secret: is_secret_field(wire_name),
                boxed: false,
                flatten: false,
                when_absent: WhenAbsent::of(object.required.contains(wire_name), false),
            });
        }
        if let Some(AdditionalProperties::Schema(value)) = &object.additional_properties {
            // Keys the body takes beyond its named ones: a map sent beside them, as responses keep it.
            let value_at = pointer::join(&schema_at, "additionalProperties");
            let value = self.schema_ref(value.as_ref().into(), &format!("{name}Additional"), context, &value_at)?;
            fields.push(additional_field(
                idents.claim("additional"),
                value,
                "Keys not named by the other fields, sent beside them.",
            ));
        }
        Ok((fields, params_in))
    }
}
