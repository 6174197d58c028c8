//! The generator on specs drawn at random from the shapes Stripe's specs are made of, with names
//! nobody chose: it never panics and never writes invalid Rust. Each spec either generates (the
//! same files every time, in both packagings) or is refused with an error that names its place
//! and blames the spec, never the generator (`Internal`, `Emit`, `BadName`, `NameCollision`).

use codegen::{CrateSplit, Error, Packaging, Runtime, Settings, Source};
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Names as Stripe's specs have them and as they might: keywords, digits first, symbols,
/// non-ASCII, case-colliding, and plain words.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z][a-z_]{0,9}",
        1 => prop::sample::select(vec![
            "type", "self", "Self", "crate", "super", "async", "r#try", "3d_secure", "2011-01-01", "_", "__",
            "object", "data", "id", "new", "list", "Foo_Bar", "foo-bar", "foo.bar", "größe", "日本", "+", "*",
            "-", "a b", "v2", "v1", "none", "None", "Option", "Result", "Vec", "String", "Client", "Error",
        ])
        .prop_map(str::to_owned),
        1 => "\\PC{1,6}",
    ]
}

/// A path segment: any name without the characters that structure a path.
fn segment() -> impl Strategy<Value = String> {
    name().prop_map(|n| n.replace(['/', '{', '}', '?', '#', '~', '%'], "")).prop_filter("empty", |s| !s.is_empty())
}

fn reference(target: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{}", target.replace('~', "~0").replace('/', "~1")) })
}

/// A schema of at most a few levels, which may point at any of `components`.
fn schema(components: Vec<String>) -> impl Strategy<Value = Value> {
    // With no components, a reference dangles: the spec's fault, which must be named as such.
    let refs = if components.is_empty() { vec!["missing".to_owned()] } else { components };
    let leaf = prop_oneof![
        Just(json!({ "type": "string" })),
        vec(name(), 0..4).prop_map(|values| json!({ "type": "string", "enum": values })),
        Just(json!({ "type": "integer" })),
        Just(json!({ "type": "integer", "format": "unix-time" })),
        Just(json!({ "type": "number" })),
        Just(json!({ "type": "boolean" })),
        Just(json!({ "type": "string", "format": "decimal" })),
        Just(json!({ "type": "string", "format": "date-time" })),
        Just(json!({ "type": "string", "format": "binary" })),
        Just(json!({})),
        prop::sample::select(refs).prop_map(|target| reference(&target)),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (vec((name(), inner.clone(), any::<bool>()), 0..4), prop::option::of(inner.clone()), any::<bool>())
                .prop_map(|(properties, additional, nullable)| object(properties, additional, nullable)),
            inner.clone().prop_map(|items| json!({ "type": "array", "items": items })),
            (vec(inner.clone(), 1..4), prop::bool::ANY, any::<bool>()).prop_map(|(variants, one_of, clearable)| {
                let mut variants = variants;
                if clearable {
                    variants.push(json!({ "type": "string", "enum": [""] }));
                }
                json!({ if one_of { "oneOf" } else { "anyOf" }: variants })
            }),
            vec(inner.clone(), 1..3).prop_map(|members| json!({ "allOf": members })),
            inner.clone().prop_map(|items| json!({
                "anyOf": [{ "type": "string" }, items], "x-expansionResources": { "oneOf": [] }
            })),
            inner.prop_map(|list_item| json!({
                "type": "object", "required": ["data", "has_more", "object", "url"],
                "properties": {
                    "data": { "type": "array", "items": list_item }, "has_more": { "type": "boolean" },
                    "object": { "type": "string", "enum": ["list"] }, "url": { "type": "string" }
                }
            })),
        ]
    })
}

fn object(properties: Properties, additional: Option<Value>, nullable: bool) -> Value {
    let mut map = Map::new();
    let mut required = Vec::new();
    for (key, value, is_required) in properties {
        if is_required {
            required.push(json!(key));
        }
        map.insert(key, value);
    }
    let mut object = json!({ "type": "object", "properties": map, "required": required, "nullable": nullable });
    if let Some(additional) = additional {
        object["additionalProperties"] = additional;
    }
    object
}

/// An object's properties: name, schema, and whether it is required.
type Properties = Vec<(String, Value, bool)>;

/// One operation: its path, method and description.
#[derive(Clone, Debug)]
struct Op {
    version: &'static str,
    segments: Vec<String>,
    parameter: Option<(usize, String)>,
    method: &'static str,
    operation_id: String,
    query: Vec<(String, Value)>,
    body: Option<(&'static str, Properties)>,
    response: Value,
    status: &'static str,
}

fn operation(components: Vec<String>) -> impl Strategy<Value = Op> {
    let content =
        prop::sample::select(vec!["application/x-www-form-urlencoded", "multipart/form-data", "application/json"]);
    (
        prop::sample::select(vec!["v1", "v1", "v2", ""]),
        vec(segment(), 1..4),
        prop::option::of((0usize..3, segment())),
        prop::sample::select(vec!["get", "post", "delete"]),
        name(),
        vec((name(), schema(components.clone())), 0..3),
        prop::option::of((content, vec((name(), schema(components.clone()), any::<bool>()), 0..4))),
        (schema(components), prop::sample::select(vec!["200", "200", "201", "2XX"])),
    )
        .prop_map(|(version, segments, parameter, method, operation_id, query, body, (response, status))| Op {
            version,
            segments,
            parameter,
            method,
            operation_id,
            query,
            body,
            response,
            status,
        })
}

impl Op {
    fn path(&self) -> String {
        let mut path = String::new();
        if !self.version.is_empty() {
            path.push('/');
            path.push_str(self.version);
        }
        for (index, segment) in self.segments.iter().enumerate() {
            path.push('/');
            path.push_str(segment);
            if let Some((at, parameter)) = &self.parameter {
                if *at == index {
                    path.push_str(&format!("/{{{parameter}}}"));
                }
            }
        }
        path
    }

    fn spec(&self) -> Value {
        let mut parameters: Vec<Value> = self
            .query
            .iter()
            .map(|(name, schema)| json!({ "name": name, "in": "query", "required": false, "schema": schema }))
            .collect();
        if let Some((at, parameter)) = &self.parameter {
            if *at < self.segments.len() {
                parameters
                    .push(json!({ "name": parameter, "in": "path", "required": true, "schema": { "type": "string" } }));
            }
        }
        let mut op = json!({
            "operationId": self.operation_id,
            "parameters": parameters,
            "responses": { self.status: { "description": "ok", "content": { "application/json": { "schema": self.response } } } },
        });
        if let Some((content, properties)) = &self.body {
            let schema = object(properties.clone(), None, false);
            op["requestBody"] = json!({ "content": { *content: { "schema": schema } } });
        }
        op
    }
}

fn document() -> impl Strategy<Value = String> {
    vec(name(), 0..5)
        .prop_flat_map(|components| {
            let schemas = vec(schema(components.clone()), components.len());
            (Just(components.clone()), schemas, vec(operation(components), 1..5))
        })
        .prop_map(|(components, schemas, operations)| {
            let mut paths = Map::new();
            for op in &operations {
                let item = paths.entry(op.path()).or_insert_with(|| json!({}));
                item[op.method] = op.spec();
            }
            let schemas: Map<String, Value> = components.into_iter().zip(schemas).collect();
            let spec = json!({
                "openapi": "3.0.0",
                "info": { "title": "arbitrary", "version": "2026-01-01" },
                "servers": [{ "url": "https://api.stripe.com/" }],
                "paths": paths,
                "components": { "schemas": schemas },
            });
            serde_json::to_string_pretty(&spec).expect("JSON")
        })
}

fn settings(split: bool) -> Settings {
    let packaging = if split {
        Packaging::Crates(CrateSplit { package: "stripe-generated".into(), services_crates: 2 })
    } else {
        Packaging::Modules
    };
    let runtime = if split { Runtime::Crate("stripe_client".into()) } else { Runtime::default() };
    Settings { resource_features: split, packaging, runtime, ..Settings::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_specs_generate_or_are_refused_with_the_place(text in document(), split in any::<bool>()) {
        let sources = [Source::new("arbitrary.json", text.clone())];
        match codegen::generate(&sources, &settings(split)) {
            Ok(files) => {
                let again = codegen::generate(&sources, &settings(split)).expect("generates again");
                prop_assert!(files == again, "two runs differ on\n{text}");
            }
            Err(Error::Unsupported { pointer, .. } | Error::BadReference { pointer, .. }) => {
                prop_assert!(pointer.starts_with('/'), "an error without a place: {pointer}");
            }
            Err(Error::Invalid { .. }) => {}
            Err(bug) => prop_assert!(false, "a generator bug: {bug}\non\n{text}"),
        }
    }
}

/// A small valid spec, as text, for the corruptions below to break.
const VALID: &str = r##"openapi: 3.0.0
info: {title: t, version: '2026-01-01'}
paths:
  /v1/things/{thing}:
    post:
      operationId: PostThing
      parameters: [{name: thing, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string}, tags: {type: array, items: {type: string}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}
components:
  schemas:
    thing:
      type: object
      required: [id, object]
      properties:
        id: {type: string}
        object: {type: string, enum: [thing]}
        parts: {anyOf: [{type: string}, {$ref: '#/components/schemas/thing'}], x-expansionResources: {oneOf: []}}
"##;

/// One edit of a spec's text: a line dropped, doubled or cut short, or a token replaced.
fn corruption() -> impl Strategy<Value = (usize, u8, String)> {
    (0usize..64, 0u8..4, prop::sample::select(vec!["", "[]", "{}", "null", "7", "'x'", "{$ref: '#/x'}", "- a", ":"]))
        .prop_map(|(line, kind, token)| (line, kind, token.to_owned()))
}

fn corrupt(text: &str, edits: &[(usize, u8, String)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for (line, kind, token) in edits {
        if lines.is_empty() {
            break;
        }
        let at = line % lines.len();
        match kind {
            0 => {
                lines.remove(at);
            }
            1 => lines.insert(at, lines[at].clone()),
            2 => {
                let cut = lines[at].len() / 2;
                let cut = (0..=cut).rev().find(|i| lines[at].is_char_boundary(*i)).unwrap_or(0);
                lines[at].truncate(cut);
            }
            _ => {
                // The value after the line's first `: `, replaced.
                if let Some(colon) = lines[at].find(": ") {
                    lines[at].truncate(colon + 2);
                    lines[at].push_str(token);
                }
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn broken_specs_are_refused_with_the_place(edits in vec(corruption(), 1..4)) {
        let text = corrupt(VALID, &edits);
        match codegen::generate(&[Source::new("broken.yaml", text.clone())], &settings(false)) {
            Ok(_) => {}
            Err(Error::Internal { .. } | Error::Emit { .. } | Error::BadName { .. }) => {
                prop_assert!(false, "a generator bug on\n{text}");
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }
}
