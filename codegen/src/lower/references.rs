//! What a `$ref` to `#/components/...` names: parameters, request bodies, responses and schemas
//! followed to the item they stand for, so lowering sees the same shapes however a spec spells them.

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};

use crate::error::Error;
use crate::pointer;

/// How many references in a row are followed before they are taken for a loop.
const MAX_HOPS: usize = 32;

/// Follows `item` through references into `#/components/<section>/`, whose entries `table` gives.
fn follow<'d, T>(
    mut item: &'d ReferenceOr<T>,
    section: &str,
    table: impl Fn(&str) -> Option<&'d ReferenceOr<T>>,
    at: &str,
) -> Result<&'d T, Error> {
    for _ in 0..MAX_HOPS {
        match item {
            ReferenceOr::Item(value) => return Ok(value),
            ReferenceOr::Reference { reference } => {
                let bad = || Error::BadReference { pointer: at.to_owned(), reference: reference.clone() };
                let name = pointer::component_ref_name(reference, section).ok_or_else(bad)?;
                item = table(&name).ok_or_else(bad)?;
            }
        }
    }
    Err(Error::unsupported(at, format!("`$ref`s that lead round in a loop (more than {MAX_HOPS} in a row)")))
}

/// The parameters of an operation, each with its pointer: its own, then those of its path item it
/// does not redeclare (same name and place), as OpenAPI defines them.
pub(crate) fn parameters<'d>(
    document: &'d OpenAPI,
    path: &str,
    item: &'d PathItem,
    op: &'d Operation,
    at: &str,
) -> Result<Vec<(String, &'d Parameter)>, Error> {
    let table = |name: &str| document.components.as_ref()?.parameters.get(name);
    let mut found = Vec::new();
    for (index, parameter) in op.parameters.iter().enumerate() {
        let parameter_at = format!("{}/{index}", pointer::join(at, "parameters"));
        let parameter = follow(parameter, "parameters", table, &parameter_at)?;
        found.push((parameter_at, parameter));
    }
    let path_at = pointer::join("/paths", path);
    for (index, parameter) in item.parameters.iter().enumerate() {
        let parameter_at = format!("{}/{index}", pointer::join(&path_at, "parameters"));
        let parameter = follow(parameter, "parameters", table, &parameter_at)?;
        let key = |p: &Parameter| (p.parameter_data_ref().name.clone(), std::mem::discriminant(p));
        if !found.iter().any(|(_, own)| key(own) == key(parameter)) {
            found.push((parameter_at, parameter));
        }
    }
    Ok(found)
}

/// A kind of item `#/components/` holds, by section.
pub(crate) trait Component: Sized {
    /// The section's key (`schemas`).
    const SECTION: &'static str;

    /// The section's entries.
    fn entries(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

impl Component for RequestBody {
    const SECTION: &'static str = "requestBodies";

    fn entries(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.request_bodies
    }
}

impl Component for Response {
    const SECTION: &'static str = "responses";

    fn entries(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.responses
    }
}

impl Component for Schema {
    const SECTION: &'static str = "schemas";

    fn entries(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.schemas
    }
}

/// A request body, response or schema, given inline or by reference (through aliases).
pub(crate) fn resolve<'d, T: Component>(
    document: &'d OpenAPI,
    item: &'d ReferenceOr<T>,
    at: &str,
) -> Result<&'d T, Error> {
    follow(item, T::SECTION, |name| T::entries(document.components.as_ref()?).get(name), at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, Source};

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/things/{thing}:
    parameters:
    - {$ref: '#/components/parameters/thing'}
    - {name: expand, in: query, schema: {type: string}}
    post:
      parameters:
      - {name: expand, in: query, description: own, schema: {type: string}}
      requestBody: {$ref: '#/components/requestBodies/thing'}
      responses: {'200': {$ref: '#/components/responses/thing'}}
components:
  parameters:
    thing: {$ref: '#/components/parameters/thing_id'}
    thing_id: {name: thing, in: path, required: true, schema: {type: string}}
    loop_a: {$ref: '#/components/parameters/loop_b'}
    loop_b: {$ref: '#/components/parameters/loop_a'}
  requestBodies:
    thing: {content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}
  responses:
    thing: {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}
  schemas:
    thing: {type: object, properties: {name: {type: string}}}
"##;

    #[test]
    fn references_are_followed_and_path_parameters_merged() {
        let spec = load(&[Source::new("spec.yaml", SPEC)]).expect("loads");
        let document = &spec.document;
        let ReferenceOr::Item(item) = &document.paths.paths["/v1/things/{thing}"] else { panic!("an item") };
        let op = item.post.as_ref().expect("post");
        let at = "/paths/~1v1~1things~1{thing}/post";
        let found = parameters(document, "/v1/things/{thing}", item, op, at).expect("parameters");
        let names: Vec<(&str, &str)> =
            found.iter().map(|(at, p)| (p.parameter_data_ref().name.as_str(), at.as_str())).collect();
        assert_eq!(
            names,
            [
                ("expand", "/paths/~1v1~1things~1{thing}/post/parameters/0"),
                ("thing", "/paths/~1v1~1things~1{thing}/parameters/0")
            ]
        );
        let body = resolve(document, op.request_body.as_ref().expect("body"), at).expect("body");
        assert!(body.content.contains_key("application/json"));
        let answer = resolve(document, &op.responses.responses[&openapiv3::StatusCode::Code(200)], at).expect("answer");
        assert_eq!(answer.description, "ok");
    }

    #[test]
    fn loops_and_dangling_references_are_errors_that_say_where() {
        let spec = load(&[Source::new("spec.yaml", SPEC)]).expect("loads");
        let looping = ReferenceOr::<Parameter>::Reference { reference: "#/components/parameters/loop_a".into() };
        let table = |name: &str| spec.document.components.as_ref()?.parameters.get(name);
        let error = follow(&looping, "parameters", table, "/paths/x").expect_err("a loop");
        assert!(error.to_string().starts_with("/paths/x: unsupported: `$ref`s that lead round"), "{error}");
        let dangling = ReferenceOr::<Parameter>::Reference { reference: "#/components/parameters/nowhere".into() };
        assert!(matches!(follow(&dangling, "parameters", table, "/paths/x"), Err(Error::BadReference { .. })));
        let elsewhere = ReferenceOr::<Parameter>::Reference { reference: "#/components/schemas/thing".into() };
        assert!(matches!(follow(&elsewhere, "parameters", table, "/paths/x"), Err(Error::BadReference { .. })));
    }
}
