//! Paths and operations into service methods with typed parameters and responses.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Operation as SpecOperation, PathItem, ReferenceOr};

use super::docs::to_markdown;
use super::routes::{method_and_params_name, path_params, route, Route};
use super::schema::{Context, SchemaRef};
use super::{references, Lowerer};
use crate::error::Error;
use crate::ir::{
    Direction, FilePart, HttpMethod, Module, Operation, Pagination, ServiceNames, Services, StructDef, TypeDef, TypeRef,
};
use crate::names::{api_struct_name, field_name, module_name, service_module_name, type_name, Case, Scope};
use crate::pointer;

/// Methods of the runtime's `Client` that an entry point of the API may not shadow.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "with_options",
    "stripe_version",
    "base_url",
    "send",
    "send_for_bytes",
    "send_multipart",
    "at_server",
    "clone",
];

/// One operation of the document, before lowering.
struct DocumentOperation<'d> {
    path: &'d str,
    item: &'d PathItem,
    method: HttpMethod,
    op: &'d SpecOperation,
    route: Route,
    server: Option<String>,
    at: String,
}

/// Lowers every operation, in path order, and names the services they form.
pub(crate) fn lower_all(lowerer: &mut Lowerer<'_>) -> Result<(Vec<Operation>, Services), Error> {
    let entries = entries(lowerer.document)?;
    let mut services = name_services(lowerer, &entries)?;
    let mut methods: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
    let mut operations = Vec::with_capacity(entries.len());
    for entry in &entries {
        let service = entry.route.service_path();
        let scope = methods.entry(service.clone()).or_insert_with(|| Scope::with_reserved(Case::Snake, &["new"]));
        let names = &services[&service];
        operations.push(crate::guard::at(&entry.at, || lowerer.operation(entry, names, scope))?);
    }
    name_accessors(&mut services, &mut methods);
    Ok((operations, services))
}

/// The operations of the document, with their routes and hosts.
fn entries(document: &OpenAPI) -> Result<Vec<DocumentOperation<'_>>, Error> {
    let api_server = document.servers.first().map(|s| s.url.trim_end_matches('/'));
    let mut entries = Vec::new();
    for (path, item) in &document.paths.paths {
        let path_at = pointer::join("/paths", path);
        let ReferenceOr::Item(item) = item else {
            return Err(Error::unsupported(&path_at, "path items given by `$ref`"));
        };
        for method in HttpMethod::ALL {
            let Some(op) = operation_of(item, method) else { continue };
            let at = pointer::join(&path_at, method_key(method));
            let mut route = route(path, &at)?;
            route.has_list = item.get.is_some();
            // The most specific `servers` wins; a host equal to the API's own is no host of its own.
            let server = op
                .servers
                .first()
                .or(item.servers.first())
                .map(|s| s.url.trim_end_matches('/'))
                .filter(|url| Some(*url) != api_server)
                .map(str::to_owned);
            entries.push(DocumentOperation { path, item, method, op, route, server, at });
        }
    }
    Ok(entries)
}

/// Names every namespace and service in order of first use: its struct among the types, its
/// file among the files of `api/`. Accessors are named once the methods are known.
fn name_services(lowerer: &mut Lowerer<'_>, entries: &[DocumentOperation<'_>]) -> Result<Services, Error> {
    let mut services: Services = BTreeMap::new();
    let mut modules = Scope::new(Case::Snake);
    for entry in entries {
        let full = entry.route.service_path();
        for depth in 1..=full.len() {
            let path = &full[..depth];
            if !services.contains_key(path) {
                let struct_name = lowerer.registry.claim(&api_struct_name(path), "");
                let owner = format!("the `{}` service", path.join("."));
                lowerer.registry.reserve(&struct_name, &owner, &entry.at)?;
                let names = ServiceNames { struct_name, accessor: String::new(), module: None };
                services.insert(path.to_vec(), names);
            }
        }
        if let Some(names) = services.get_mut(&full) {
            if names.module.is_none() {
                names.module = Some(modules.claim(&service_module_name(&full)));
            }
        }
    }
    Ok(services)
}

/// The method that opens each namespace or service from its parent, told apart from the
/// parent's own methods (its operations, or the `Client`'s methods at the top).
fn name_accessors(services: &mut Services, methods: &mut BTreeMap<Vec<String>, Scope>) {
    let mut root = Scope::with_reserved(Case::Snake, CLIENT_METHODS);
    for (path, names) in services.iter_mut() {
        let Some((name, parent)) = path.split_last() else { continue };
        let scope = if parent.is_empty() {
            &mut root
        } else {
            methods.entry(parent.to_vec()).or_insert_with(|| Scope::with_reserved(Case::Snake, &["new"]))
        };
        names.accessor = scope.claim(&field_name(name));
    }
}

fn method_key(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Delete => "delete",
        HttpMethod::Put => "put",
        HttpMethod::Patch => "patch",
        HttpMethod::Head => "head",
        HttpMethod::Options => "options",
        HttpMethod::Trace => "trace",
    }
}

/// The operation of a path item under `method`, if it has one.
fn operation_of(item: &openapiv3::PathItem, method: HttpMethod) -> Option<&openapiv3::Operation> {
    match method {
        HttpMethod::Get => item.get.as_ref(),
        HttpMethod::Post => item.post.as_ref(),
        HttpMethod::Delete => item.delete.as_ref(),
        HttpMethod::Put => item.put.as_ref(),
        HttpMethod::Patch => item.patch.as_ref(),
        HttpMethod::Head => item.head.as_ref(),
        HttpMethod::Options => item.options.as_ref(),
        HttpMethod::Trace => item.trace.as_ref(),
    }
}

impl Lowerer<'_> {
    fn operation(
        &mut self,
        entry: &DocumentOperation<'_>,
        service: &ServiceNames,
        methods: &mut Scope,
    ) -> Result<Operation, Error> {
        let (route, at) = (&entry.route, entry.at.as_str());
        let operation_id = entry
            .op
            .operation_id
            .clone()
            .ok_or_else(|| Error::unsupported(at, "an operation without `operationId`"))?;
        let response = self.response(entry.op, &operation_id, at)?;
        let is_page = matches!(response, TypeRef::List(_) | TypeRef::SearchList(_) | TypeRef::V2List(_));
        let (method_name, params_name) = method_and_params_name(route, entry.method, is_page);
        let method_name = methods.claim(&method_name);
        let module = Module::Api(service.module.clone().unwrap_or_else(|| service_module_name(&route.service_path())));
        let params_name = self.registry.claim(&params_name, "Params");
        let parameters = references::parameters(self.document, entry.path, entry.item, entry.op, at)?;
        let path_params = path_params(entry.path, &parameters, at)?;
        let (fields, params_in) =
            self.params(entry.op, &parameters, &params_name, &module, (entry.method, route.json_api), at)?;
        let files = fields
            .iter()
            .filter(|f| f.ty == TypeRef::Binary)
            .map(|f| FilePart { ident: f.ident.clone(), wire_name: f.wire_name.clone(), optional: f.optional() })
            .collect();
        let params = if fields.is_empty() {
            self.registry.remove(&params_name);
            None
        } else {
            let def = StructDef {
                name: params_name.clone(),
                module: module.clone(),
                doc: Some(format!("Parameters of [`{}::{method_name}`].", service.struct_name)),
                fields,
                direction: Direction::Request,
                object_name: None,
                cursors: Pagination::None,
                pointer: at.to_owned(),
            };
            self.registry.replace(TypeDef::Struct(def));
            Some(params_name)
        };
        let doc = entry.op.description.as_deref().or(entry.op.summary.as_deref()).and_then(to_markdown);
        Ok(Operation {
            operation_id,
            namespace: route.namespace.clone(),
            resource: route.resource.clone(),
            method_name,
            http_method: entry.method,
            path: entry.path.to_owned(),
            path_params,
            params,
            params_in,
            response,
            pagination: Pagination::None,
            server: entry.server.clone(),
            files,
            doc,
            pointer: at.to_owned(),
        })
    }

    fn response(&mut self, op: &SpecOperation, operation_id: &str, at: &str) -> Result<TypeRef, Error> {
        let responses_at = pointer::join(at, "responses");
        // Stripe answers 200; another spec may say 201 or 202, or only `2XX`: the lowest success.
        let success = op.responses.responses.iter().filter_map(|(status, response)| match status {
            openapiv3::StatusCode::Code(code @ 200..=299) => Some((*code, status.to_string(), response)),
            openapiv3::StatusCode::Range(2) => Some((300, status.to_string(), response)),
            _ => None,
        });
        let Some((_, status, response)) = success.min_by_key(|(code, _, _)| *code) else {
            return Err(Error::unsupported(&responses_at, "an operation without a success (`2xx`) response"));
        };
        let response_at = pointer::join(&responses_at, &status);
        let response = references::resolve(self.document, response, &response_at)?;
        let Some(media) = response.content.get("application/json") else {
            if response.content.is_empty() {
                return Err(Error::unsupported(&response_at, format!("a `{status}` response without content")));
            }
            // A file (`application/pdf`): handed over as bytes.
            return Ok(TypeRef::Binary);
        };
        let media_at = pointer::join(&pointer::join(&response_at, "content"), "application/json");
        let Some(schema) = &media.schema else {
            return Err(Error::unsupported(&media_at, "a response without a schema"));
        };
        let hint = format!("{}Response", type_name(operation_id));
        let module = Module::Api(module_name(operation_id));
        let context = Context { module: &module, direction: Direction::Response };
        self.schema_ref(SchemaRef::from(schema), &hint, context, &pointer::join(&media_at, "schema"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ParamsIn;

    /// `(path, method, is_page, has_list)` -> `(service path, method, params type)`.
    type Case = (&'static str, HttpMethod, bool, bool, &'static [&'static str], &'static str, &'static str);

    #[test]
    fn public_names_of_operations() {
        let cases: &[Case] = &[
            ("/v1/climate/orders", HttpMethod::Get, true, true, &["climate", "orders"], "list", "ListClimateOrders"),
            (
                "/v1/climate/orders",
                HttpMethod::Post,
                false,
                true,
                &["climate", "orders"],
                "create",
                "CreateClimateOrder",
            ),
            (
                "/v1/climate/orders/{order}",
                HttpMethod::Get,
                false,
                true,
                &["climate", "orders"],
                "retrieve",
                "RetrieveClimateOrder",
            ),
            (
                "/v1/climate/orders/{order}",
                HttpMethod::Post,
                false,
                true,
                &["climate", "orders"],
                "update",
                "UpdateClimateOrder",
            ),
            (
                "/v1/climate/orders/{order}/cancel",
                HttpMethod::Post,
                false,
                false,
                &["climate", "orders"],
                "cancel",
                "CancelClimateOrder",
            ),
            (
                "/v1/webhook_endpoints/{webhook_endpoint}",
                HttpMethod::Delete,
                false,
                true,
                &["webhook_endpoints"],
                "delete",
                "DeleteWebhookEndpoint",
            ),
            (
                "/v1/crypto/onramp/quotes",
                HttpMethod::Get,
                false,
                true,
                &["crypto", "onramp", "quotes"],
                "retrieve",
                "RetrieveCryptoOnrampQuotes",
            ),
            (
                "/v1/customers/{customer}/sources",
                HttpMethod::Get,
                true,
                true,
                &["customers"],
                "list_sources",
                "ListCustomerSources",
            ),
            (
                "/v1/customers/{customer}/sources/{id}",
                HttpMethod::Get,
                false,
                true,
                &["customers"],
                "retrieve_source",
                "RetrieveCustomerSource",
            ),
            ("/v1/charges/search", HttpMethod::Get, true, true, &["charges"], "search", "SearchCharges"),
            ("/v1/3d_secure", HttpMethod::Post, false, false, &["3d_secure"], "create", "CreateThreeDSecure"),
            ("/v1/3d_secure/{id}", HttpMethod::Get, false, false, &["3d_secure"], "retrieve", "RetrieveThreeDSecure"),
            ("/v1/things/{id}/type", HttpMethod::Post, false, false, &["things"], "r#type", "TypeThing"),
            (
                "/v2/core/event_destinations",
                HttpMethod::Get,
                true,
                true,
                &["v2", "core", "event_destinations"],
                "list",
                "ListV2CoreEventDestinations",
            ),
            (
                "/v2/billing/meter_events",
                HttpMethod::Post,
                false,
                false,
                &["v2", "billing", "meter_events"],
                "create",
                "CreateV2BillingMeterEvent",
            ),
            ("/things", HttpMethod::Post, false, false, &["things"], "create", "CreateThing"),
        ];
        for (path, method, is_page, has_list, service, method_name, params) in cases {
            let mut route = route(path, "/paths").unwrap_or_else(|e| panic!("{path}: {e}"));
            route.has_list = *has_list;
            assert_eq!(route.service_path(), service.to_vec(), "{path}");
            let (got_method, got_params) = method_and_params_name(&route, *method, *is_page);
            assert_eq!((got_method.as_str(), got_params.as_str()), (*method_name, *params), "{method:?} {path}");
        }
    }

    #[test]
    fn the_lowest_success_status_gives_the_answer() {
        let spec = |responses: &str| {
            format!(
                "openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /v1/things:\n    post:\n      \
                 operationId: PostThings\n      responses: {responses}\n"
            )
        };
        let thing = "{description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}";
        let other = "{description: ok, content: {application/json: {schema: {type: string}}}}";
        for responses in
            [format!("{{'201': {thing}, '202': {other}}}"), format!("{{'2XX': {thing}, default: {other}}}")]
        {
            let api = crate::lower::lowered(&spec(&responses));
            assert!(matches!(api.operations[0].response, TypeRef::Named(_)), "{responses}");
        }
        let error = crate::lower::lowering(&spec(&format!("{{'400': {thing}}}"))).expect_err("no success");
        assert!(error.to_string().contains("without a success (`2xx`) response"), "{error}");
    }

    #[test]
    fn later_api_versions_follow_the_json_rules() {
        let json_api = |path: &str| route(path, "/paths/x").map(|r| r.json_api).unwrap_or_else(|e| panic!("{e}"));
        assert!(json_api("/v2/core/events"));
        assert!(json_api("/v3/things/{id}"));
        assert!(!json_api("/v1/customers"));
        assert!(!json_api("/customers"));
        assert!(!json_api("/v/customers"), "`v` alone is a resource, not a version");
    }

    const V2_SPEC: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/meter_events:
    post:
      operationId: PostMeterEvents
      requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {name: {type: string}}}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}}
  /v2/meter_events:
    get:
      operationId: GetV2MeterEvents
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: object, properties: {id: {type: string}}}}
                  next_page_url: {type: string, nullable: true}
                  previous_page_url: {type: string, nullable: true}
    post:
      operationId: PostV2MeterEvents
      requestBody: {content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}}
"##;

    #[test]
    fn v2_operations_send_json_and_page_by_url() {
        let api = crate::lower::lowered(V2_SPEC);
        let found: Vec<(&str, ParamsIn, Pagination, Vec<String>)> = api
            .operations
            .iter()
            .map(|op| (op.operation_id.as_str(), op.params_in, op.pagination, op.service_path()))
            .collect();
        let path = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            found,
            [
                ("PostMeterEvents", ParamsIn::Form, Pagination::None, path(&["meter_events"])),
                ("GetV2MeterEvents", ParamsIn::V2, Pagination::NextPageUrl, path(&["v2", "meter_events"])),
                ("PostV2MeterEvents", ParamsIn::V2, Pagination::None, path(&["v2", "meter_events"])),
            ]
        );
        let list = &api.operations[1];
        assert_eq!((list.method_name.as_str(), list.params.as_deref()), ("list", None));
    }

    #[test]
    fn every_method_is_lowered_by_the_rules_of_its_kin() {
        let op = |id: &str| {
            format!(
                "{{operationId: {id}, requestBody: {{content: {{application/x-www-form-urlencoded: {{schema: {{type: object, \
                 properties: {{name: {{type: string}}}}}}}}}}}}, responses: {{'200': {{description: ok, content: \
                 {{application/json: {{schema: {{type: object, properties: {{id: {{type: string}}}}}}}}}}}}}}}}"
            )
        };
        let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
        let item: Vec<String> = methods.iter().map(|m| format!("    {m}: {}", op(&format!("{m}_thing")))).collect();
        let spec = format!(
            "openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /v1/things/{{thing}}:\n{}\n",
            item.join("\n")
        );
        let spec = spec.replace(
            "/v1/things/{thing}:\n",
            "/v1/things/{thing}:\n    parameters: [{in: path, name: thing, required: true, schema: {type: string}}]\n",
        );
        let api = crate::lower::lowered(&spec);
        let found: Vec<(HttpMethod, ParamsIn, &str)> =
            api.operations.iter().map(|o| (o.http_method, o.params_in, o.method_name.as_str())).collect();
        assert_eq!(
            found,
            [
                (HttpMethod::Get, ParamsIn::Query, "retrieve"),
                (HttpMethod::Put, ParamsIn::Form, "replace"),
                (HttpMethod::Post, ParamsIn::Form, "update"),
                (HttpMethod::Delete, ParamsIn::Query, "delete"),
                (HttpMethod::Options, ParamsIn::Query, "options"),
                (HttpMethod::Head, ParamsIn::Query, "head"),
                (HttpMethod::Patch, ParamsIn::Form, "patch"),
                (HttpMethod::Trace, ParamsIn::Query, "trace"),
            ]
        );
    }

    #[test]
    fn paths_without_a_resource_are_refused() {
        for path in ["/", "/v1", "/v1/{id}"] {
            assert!(route(path, "/paths/x").is_err(), "{path}");
        }
    }
}
