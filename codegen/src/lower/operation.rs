//! Paths and operations into service methods with typed parameters and responses.

use heck::ToUpperCamelCase;
use openapiv3::{
    Operation as SpecOperation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Schema, SchemaKind, Type,
};

use super::docs::to_markdown;
use super::schema::{Context, SchemaRef};
use super::Lowerer;
use crate::error::Error;
use crate::ir::{Direction, Field, HttpMethod, Operation, ParamsIn, PathParam, StructDef, TypeDef, TypeRef};
use crate::names::{api_struct_name, field_name, module_name, service_module_name, singular, type_name};
use crate::pointer;

/// Lowers every operation, in path order.
pub(crate) fn lower_all(lowerer: &mut Lowerer<'_>) -> Result<Vec<Operation>, Error> {
    let document = lowerer.document;
    let mut operations = Vec::new();
    for (path, item) in &document.paths.paths {
        let path_at = pointer::join("/paths", path);
        let ReferenceOr::Item(item) = item else {
            return Err(Error::unsupported(&path_at, "path items given by `$ref`"));
        };
        let unsupported = [
            ("put", &item.put),
            ("patch", &item.patch),
            ("head", &item.head),
            ("options", &item.options),
            ("trace", &item.trace),
        ];
        if let Some((method, _)) = unsupported.iter().find(|(_, op)| op.is_some()) {
            return Err(Error::unsupported(
                &pointer::join(&path_at, method),
                "Stripe's API uses only GET, POST and DELETE",
            ));
        }
        let has_list = item.get.is_some();
        for (method, op) in
            [(HttpMethod::Get, &item.get), (HttpMethod::Post, &item.post), (HttpMethod::Delete, &item.delete)]
        {
            if let Some(op) = op {
                let at = pointer::join(&path_at, method_key(method));
                operations.push(lowerer.operation(path, method, op, has_list, &at)?);
            }
        }
    }
    check_unique_methods(&operations)?;
    reserve_service_names(lowerer, &operations)?;
    Ok(operations)
}

fn method_key(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Delete => "delete",
    }
}

/// Where an operation sits: `/v1/climate/orders/{order}/cancel` is namespace `climate`, resource
/// `orders`, acting on one item, with the action `cancel`.
struct Route {
    namespace: Vec<String>,
    resource: String,
    on_item: bool,
    /// Literal segments after the first path parameter.
    suffix: Vec<String>,
    /// Whether the path ends in a parameter after the suffix.
    suffix_on_item: bool,
}

fn route(path: &str, at: &str) -> Result<Route, Error> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let segments = match segments.split_first() {
        Some((version, rest)) if version.starts_with('v') && version[1..].chars().all(|c| c.is_ascii_digit()) => rest,
        _ => &segments[..],
    };
    let is_param = |s: &&str| s.starts_with('{') && s.ends_with('}');
    let first_param = segments.iter().position(is_param);
    let (head, tail) = match first_param {
        Some(index) => (&segments[..index], &segments[index + 1..]),
        None => (segments, &[][..]),
    };
    let Some((resource, namespace)) = head.split_last() else {
        return Err(Error::unsupported(at, "a path with no resource name before its first parameter"));
    };
    let suffix: Vec<String> = tail.iter().filter(|s| !is_param(s)).map(|s| (*s).to_owned()).collect();
    Ok(Route {
        namespace: namespace.iter().map(|s| (*s).to_owned()).collect(),
        resource: (*resource).to_owned(),
        on_item: first_param.is_some(),
        suffix_on_item: tail.last().is_some_and(is_param) && !suffix.is_empty(),
        suffix,
    })
}

impl Lowerer<'_> {
    fn operation(
        &mut self,
        path: &str,
        method: HttpMethod,
        op: &SpecOperation,
        has_list: bool,
        at: &str,
    ) -> Result<Operation, Error> {
        let operation_id =
            op.operation_id.clone().ok_or_else(|| Error::unsupported(at, "an operation without `operationId`"))?;
        let route = route(path, at)?;
        let response = self.response(op, &operation_id, at)?;
        let is_page = matches!(response, TypeRef::List(_) | TypeRef::SearchList(_));
        let (method_name, params_name) = method_and_params_name(&route, method, is_page, has_list);
        let module = format!("api::{}", service_module_name(&route.service_path()));
        let params_name = self.registry.claim(&params_name, "Params");
        let path_params = path_params(path, op, at)?;
        let (fields, params_in) = self.params(op, &params_name, &module, method, at)?;
        let params = if fields.is_empty() {
            self.registry.remove(&params_name);
            None
        } else {
            let def = StructDef {
                name: params_name.clone(),
                module: module.clone(),
                doc: Some(format!("Parameters of [`{}::{method_name}`].", api_struct_name(&route.service_path()))),
                fields,
                direction: Direction::Request,
                object_name: None,
                pointer: at.to_owned(),
            };
            self.registry.replace(TypeDef::Struct(def));
            Some(params_name)
        };
        let doc = op.description.as_deref().or(op.summary.as_deref()).and_then(to_markdown);
        Ok(Operation {
            operation_id,
            namespace: route.namespace,
            resource: route.resource,
            method_name,
            http_method: method,
            path: path.to_owned(),
            path_params,
            params,
            params_in,
            response,
            doc,
            pointer: at.to_owned(),
        })
    }

    fn response(&mut self, op: &SpecOperation, operation_id: &str, at: &str) -> Result<TypeRef, Error> {
        let responses_at = pointer::join(at, "responses");
        let Some(response) = op.responses.responses.get(&openapiv3::StatusCode::Code(200)) else {
            return Err(Error::unsupported(&responses_at, "an operation without a `200` response"));
        };
        let response_at = pointer::join(&responses_at, "200");
        let ReferenceOr::Item(response) = response else {
            return Err(Error::unsupported(&response_at, "responses given by `$ref`"));
        };
        let Some(media) = response.content.get("application/json") else {
            if response.content.is_empty() {
                return Err(Error::unsupported(&response_at, "a `200` response without content"));
            }
            // A file (`application/pdf`): handed over as bytes.
            return Ok(TypeRef::Binary);
        };
        let media_at = pointer::join(&pointer::join(&response_at, "content"), "application/json");
        let Some(schema) = &media.schema else {
            return Err(Error::unsupported(&media_at, "a response without a schema"));
        };
        let hint = format!("{}Response", type_name(operation_id).unwrap_or_default());
        let module = format!("api::{}", module_name(operation_id).unwrap_or_default());
        let context = Context { module: &module, direction: Direction::Response };
        self.schema_ref(SchemaRef::from(schema), &hint, context, &pointer::join(&media_at, "schema"))
    }

    /// The parameters struct's fields: query parameters for GET and DELETE, the form body for POST.
    fn params(
        &mut self,
        op: &SpecOperation,
        name: &str,
        module: &str,
        method: HttpMethod,
        at: &str,
    ) -> Result<(Vec<Field>, ParamsIn), Error> {
        let context = Context { module, direction: Direction::Request };
        // Registered first, so the fields' inline types cannot take its name.
        let placeholder = StructDef {
            name: name.to_owned(),
            module: module.to_owned(),
            doc: None,
            fields: Vec::new(),
            direction: Direction::Request,
            object_name: None,
            pointer: at.to_owned(),
        };
        self.registry.add(TypeDef::Struct(placeholder), at)?;
        let mut fields = Vec::new();
        for (index, parameter) in op.parameters.iter().enumerate() {
            let parameter_at = format!("{}/{index}", pointer::join(at, "parameters"));
            let ReferenceOr::Item(parameter) = parameter else {
                return Err(Error::unsupported(&parameter_at, "parameters given by `$ref`"));
            };
            match parameter {
                Parameter::Path { .. } => {}
                Parameter::Query { parameter_data, .. } => {
                    let ParameterSchemaOrContent::Schema(schema) = &parameter_data.format else {
                        return Err(Error::unsupported(&parameter_at, "parameters described by `content`"));
                    };
                    let wire_name = &parameter_data.name;
                    let ident = field_name(wire_name)
                        .ok_or_else(|| Error::BadName { pointer: parameter_at.clone(), name: wire_name.clone() })?;
                    let hint = format!("{name}{}", type_name(wire_name).unwrap_or_default());
                    let ty = self.schema_ref(
                        SchemaRef::from(schema),
                        &hint,
                        context,
                        &pointer::join(&parameter_at, "schema"),
                    )?;
                    push_field(
                        &mut fields,
                        Field {
                            ident,
                            wire_name: wire_name.clone(),
                            doc: parameter_data.description.as_deref().and_then(to_markdown),
                            ty,
                            required: parameter_data.required,
                            nullable: false,
                            secret: false,
                            boxed: false,
                            flatten: false,
                        },
                        &parameter_at,
                    )?;
                }
                Parameter::Header { .. } | Parameter::Cookie { .. } => {
                    return Err(Error::unsupported(&parameter_at, "header and cookie parameters"));
                }
            }
        }
        let mut params_in = if method == HttpMethod::Post { ParamsIn::Form } else { ParamsIn::Query };
        if let Some(body) = &op.request_body {
            let body_at = pointer::join(at, "requestBody");
            let ReferenceOr::Item(body) = body else {
                return Err(Error::unsupported(&body_at, "request bodies given by `$ref`"));
            };
            let (body_fields, body_in) = self.body(body, name, context, &body_at)?;
            if method == HttpMethod::Post {
                if !body_fields.is_empty() && !fields.is_empty() {
                    return Err(Error::unsupported(&body_at, "a POST with both query parameters and a body"));
                }
                if !body_fields.is_empty() {
                    fields = body_fields;
                    params_in = body_in;
                }
            } else {
                // Stripe's SDKs send the parameters of GET and DELETE in the query string, body or not.
                for field in body_fields {
                    push_field(&mut fields, field, &body_at)?;
                }
            }
        }
        Ok((fields, params_in))
    }

    fn body(
        &mut self,
        body: &RequestBody,
        name: &str,
        context: Context<'_>,
        at: &str,
    ) -> Result<(Vec<Field>, ParamsIn), Error> {
        let content_at = pointer::join(at, "content");
        let (media_type, params_in) = if body.content.contains_key("multipart/form-data") {
            ("multipart/form-data", ParamsIn::Multipart)
        } else {
            ("application/x-www-form-urlencoded", ParamsIn::Form)
        };
        let Some(media) = body.content.get(media_type) else {
            let found: Vec<&str> = body.content.keys().map(String::as_str).collect();
            return Err(Error::unsupported(&content_at, format!("request body content types {found:?}")));
        };
        let schema_at = pointer::join(&pointer::join(&content_at, media_type), "schema");
        let object = match &media.schema {
            None => return Ok((Vec::new(), params_in)),
            Some(ReferenceOr::Item(Schema { schema_kind: SchemaKind::Type(Type::Object(object)), .. })) => object,
            Some(_) => return Err(Error::unsupported(&schema_at, "a request body that is not an inline object")),
        };
        let mut fields = Vec::new();
        for (wire_name, property) in &object.properties {
            let property_at = pointer::join(&pointer::join(&schema_at, "properties"), wire_name);
            let property = SchemaRef::from(property);
            let ident = field_name(wire_name)
                .ok_or_else(|| Error::BadName { pointer: property_at.clone(), name: wire_name.clone() })?;
            let hint = format!("{name}{}", type_name(wire_name).unwrap_or_default());
            let ty = self.schema_ref(property, &hint, context, &property_at)?;
            let doc = match property {
                SchemaRef::Inline(s) => s.schema_data.description.as_deref().and_then(to_markdown),
                SchemaRef::Reference(_) => None,
            };
            push_field(
                &mut fields,
                Field {
                    ident,
                    wire_name: wire_name.clone(),
                    doc,
                    ty,
                    required: object.required.contains(wire_name),
                    nullable: false,
                    secret: false,
                    boxed: false,
                    flatten: false,
                },
                &property_at,
            )?;
        }
        Ok((fields, params_in))
    }
}

fn push_field(fields: &mut Vec<Field>, field: Field, at: &str) -> Result<(), Error> {
    if fields.iter().any(|f| f.ident == field.ident) {
        return Err(Error::NameCollision {
            pointer: at.to_owned(),
            name: field.ident,
            other: "another parameter of the same operation".into(),
        });
    }
    fields.push(field);
    Ok(())
}

fn path_params(path: &str, op: &SpecOperation, at: &str) -> Result<Vec<PathParam>, Error> {
    let mut params = Vec::new();
    for segment in path.split('/') {
        let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            continue;
        };
        let declared = op.parameters.iter().find_map(|p| match p {
            ReferenceOr::Item(Parameter::Path { parameter_data, .. }) if parameter_data.name == name => {
                Some(parameter_data)
            }
            _ => None,
        });
        let Some(declared) = declared else {
            return Err(Error::unsupported(
                &pointer::join(at, "parameters"),
                format!("path parameter `{name}` is not declared"),
            ));
        };
        let ident = field_name(name)
            .ok_or_else(|| Error::BadName { pointer: pointer::join(at, "parameters"), name: name.to_owned() })?;
        if params.iter().any(|p: &PathParam| p.ident == ident) {
            return Err(Error::NameCollision {
                pointer: pointer::join(at, "parameters"),
                name: ident,
                other: "another path parameter".into(),
            });
        }
        params.push(PathParam {
            name: name.to_owned(),
            ident,
            doc: declared.description.as_deref().and_then(to_markdown),
        });
    }
    Ok(params)
}

/// The service method's name (`list`, `cancel`, `list_sources`) and its parameter type's name
/// (`ListClimateOrders`, `CancelClimateOrder`, `ListCustomerSources`).
fn method_and_params_name(route: &Route, method: HttpMethod, is_page: bool, has_list: bool) -> (String, String) {
    let resource_noun = |plural: bool| {
        let mut words: Vec<String> = route.namespace.clone();
        words.push(if plural { route.resource.clone() } else { singular(&route.resource) });
        words.join("_").to_upper_camel_case()
    };
    let verb = |on_item: bool| match (method, on_item) {
        (HttpMethod::Get, false) if is_page => "list",
        (HttpMethod::Get, _) => "retrieve",
        (HttpMethod::Post, false) => "create",
        (HttpMethod::Post, true) => "update",
        (HttpMethod::Delete, _) => "delete",
    };
    if route.suffix.is_empty() {
        let verb = verb(route.on_item);
        // A collection is named in the plural (`ListClimateOrders`, `RetrieveCryptoOnrampQuotes`).
        let plural = !route.on_item;
        return (
            verb.to_owned(),
            format!("{}{}", verb.to_upper_camel_case(), resource_noun(plural && verb != "create")),
        );
    }
    let sub = route.suffix.join("_");
    let sub_collection = route.suffix_on_item || (has_list && method != HttpMethod::Post) || is_page;
    if !sub_collection && method == HttpMethod::Post {
        // An action on the item: `cancel`, `capture`.
        let action = field_name(&sub).unwrap_or(sub);
        let params = format!("{}{}", action.to_upper_camel_case(), resource_noun(false));
        return (action, params);
    }
    let verb = verb(route.suffix_on_item);
    let noun = if verb == "list" { sub.clone() } else { singular(&sub) };
    let method_name = field_name(&format!("{verb}_{noun}")).unwrap_or_else(|| verb.to_owned());
    (method_name, format!("{}{}{}", verb.to_upper_camel_case(), resource_noun(false), noun.to_upper_camel_case()))
}

/// The module a service's file is named after: `climate_orders`.
impl Route {
    /// The namespaces and the resource: the path of the operation's service.
    fn service_path(&self) -> Vec<String> {
        self.namespace.iter().chain(std::iter::once(&self.resource)).cloned().collect()
    }
}

/// Service and namespace structs share the type namespace; a schema may not take their names.
fn reserve_service_names(lowerer: &mut Lowerer<'_>, operations: &[Operation]) -> Result<(), Error> {
    let mut reserved = std::collections::BTreeSet::new();
    for op in operations {
        let full = op.service_path();
        for depth in 1..=full.len() {
            let path = &full[..depth];
            let name = api_struct_name(path);
            if reserved.insert(name.clone()) {
                lowerer.registry.reserve(&name, &format!("the `{}` service", path.join(".")), &op.pointer)?;
            }
        }
    }
    Ok(())
}

fn check_unique_methods(operations: &[Operation]) -> Result<(), Error> {
    for (index, op) in operations.iter().enumerate() {
        if let Some(other) = operations[..index]
            .iter()
            .find(|o| o.namespace == op.namespace && o.resource == op.resource && o.method_name == op.method_name)
        {
            return Err(Error::NameCollision {
                pointer: op.pointer.clone(),
                name: op.method_name.clone(),
                other: format!("operation {} at {}", other.operation_id, other.pointer),
            });
        }
    }
    Ok(())
}
