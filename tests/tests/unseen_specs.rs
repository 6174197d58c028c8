//! The generator on specs nobody here has seen: Stripe's complete 2023-09 spec, changed the ways
//! Stripe's history shows specs change, must still generate a crate that compiles with
//! `-D warnings`. The changes are applied together in two copies (names; shapes), so CI compiles
//! two crates, not hundreds; the YAML and JSON forms of one copy must give the same output.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{GeneratedFile, Source};
use serde_json::{json, Map, Value};
use workspace_tests::{assert_compiles, read, root, standalone};

const SPEC: &str = "tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml";
const V2_API: &str = "tests/fixtures/v2/v2-api.yaml";

fn full_spec() -> Value {
    serde_yaml::from_str(&read(&root().join(SPEC))).expect("the full spec parses")
}

fn schemas(tree: &mut Value) -> &mut Map<String, Value> {
    tree["components"]["schemas"].as_object_mut().expect("components.schemas")
}

fn paths(tree: &mut Value) -> &mut Map<String, Value> {
    tree["paths"].as_object_mut().expect("paths")
}

/// Every `$ref` string in the tree, rewritten.
fn rewrite_refs(value: &mut Value, rewrite: &dyn Fn(&str) -> Option<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match (key.as_str(), &*child) {
                    ("$ref", Value::String(reference)) => {
                        if let Some(new) = rewrite(reference) {
                            *child = Value::String(new);
                        }
                    }
                    _ => rewrite_refs(child, rewrite),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite_refs(item, rewrite)),
        _ => {}
    }
}

/// Renames a component schema and every reference to it.
fn rename_schema(tree: &mut Value, old: &str, new: &str) {
    let schema = schemas(tree).remove(old).unwrap_or_else(|| panic!("no schema {old}"));
    schemas(tree).insert(new.to_owned(), schema);
    let from = format!("#/components/schemas/{old}");
    let to = format!("#/components/schemas/{}", new.replace('~', "~0").replace('/', "~1"));
    rewrite_refs(tree, &|reference| (reference == from).then(|| to.clone()));
}

/// Copies a path item to a new path, giving its operations new ids and renaming a path parameter.
fn copy_path(tree: &mut Value, from: &str, to: &str, parameter: Option<(&str, &str)>) {
    let mut item = paths(tree)[from].clone();
    let prefix = to.replace(|c: char| !c.is_ascii_alphanumeric(), "_");
    for (_, operation) in item.as_object_mut().expect("a path item").iter_mut() {
        let id = operation["operationId"].as_str().unwrap_or_default().to_owned();
        operation["operationId"] = json!(format!("Mut{prefix}{id}"));
        if let (Some((old, new)), Some(Value::Array(parameters))) = (parameter, operation.get_mut("parameters")) {
            for p in parameters.iter_mut().filter(|p| p["name"] == old) {
                p["name"] = json!(new);
            }
        }
    }
    paths(tree).insert(to.to_owned(), item);
}

fn string_property() -> Value {
    json!({ "type": "string", "maxLength": 5000 })
}

/// Names no spec of ours has: digits first, keywords, symbols, non-ASCII, collisions.
fn rename_everything(tree: &mut Value) {
    for (old, new) in [
        ("coupon", "3d_secure"),
        ("discount", "type"),
        ("tax_rate", "Self"),
        ("promotion_code", "größe"),
        ("shipping_rate", "日本"),
        ("tax_code", "+"),
        ("source_mandate_notification", "*/"),
        ("product", "api"),
        ("price", "event_object"),
        ("plan", "serde"),
        ("quote", "mod"),
        ("review", "default"),
        ("radar.value_list", "Option"),
        ("radar.value_list_item", "unknown"),
        ("topup", "foo.bar"),
        ("transfer", "foo_bar"),
        ("payout", "FooBar"),
    ] {
        rename_schema(tree, old, new);
    }

    let odd_names = [
        "type",
        "self",
        "Self",
        "crate",
        "super",
        "3d",
        "24h",
        "*",
        "",
        "ünïcode",
        "fooBar",
        "foo_bar",
        "new",
        "Unknown",
    ];
    let customer = &mut schemas(tree)["customer"];
    for name in odd_names {
        customer["properties"][name] = string_property();
    }
    customer["required"].as_array_mut().expect("required").extend([json!("3d"), json!("type")]);
    let create = &mut paths(tree)["/v1/customers"]["post"]["requestBody"]["content"]
        ["application/x-www-form-urlencoded"]["schema"];
    for name in odd_names.iter().chain(&["params", "files"]) {
        create["properties"][*name] = string_property();
    }
    create["required"] = json!(["new", "3d"]);
    let list = paths(tree)["/v1/customers"]["get"]["parameters"].as_array_mut().expect("parameters");
    for name in ["type", "3d", "new", "self", "FooBar", "foo_bar"] {
        list.push(json!({ "in": "query", "name": name, "required": false, "schema": string_property() }));
    }

    let status = &mut schemas(tree)["charge"]["properties"]["status"]["enum"];
    status.as_array_mut().expect("enum").extend(
        ["3d", "*", "", "+1", "-1", "1", "Unknown", "unknown", "a.b", "a_b", "ü", "self", "type", "failed"]
            .map(Value::from),
    );

    copy_path(tree, "/v1/coupons", "/v1/3d_secure", None);
    copy_path(tree, "/v1/coupons/{coupon}", "/v1/3d_secure/{coupon}", None);
    copy_path(tree, "/v1/coupons", "/v1/type", None);
    copy_path(tree, "/v1/coupons/{coupon}", "/v1/self/{self}", Some(("coupon", "self")));
    copy_path(tree, "/v1/coupons", "/v1/crate", None);
    copy_path(tree, "/v1/coupons", "/v1/send", None);
    copy_path(tree, "/v1/coupons/{coupon}", "/v1/types/{3d}", Some(("coupon", "3d")));
    copy_path(tree, "/v1/coupons/{coupon}", "/v1/params/{params}", Some(("coupon", "params")));
    copy_path(tree, "/v1/coupons/{coupon}", "/v1/größe/{type}", Some(("coupon", "type")));
    let mut action = paths(tree)["/v1/coupons/{coupon}"].clone();
    if let Some(item) = action.as_object_mut() {
        item.retain(|method, _| method == "post");
        item["post"]["operationId"] = json!("MutPostCouponsCouponNew");
    }
    paths(tree).insert("/v1/coupons/{coupon}/new".into(), action);

    // Names past any file system's limit for a file name: a schema, a resource, an action.
    let long = "quarterly_carbon_removal_portfolio_allocation_".repeat(6);
    rename_schema(tree, "ephemeral_key", &long);
    copy_path(tree, "/v1/coupons", &format!("/v1/{long}"), None);
    copy_path(tree, "/v1/coupons/{coupon}", &format!("/v1/coupons/{{coupon}}/{long}"), None);

    // Every method OpenAPI allows, as older specs and other descriptions use them.
    let item = paths(tree)["/v1/coupons/{coupon}"].as_object_mut().expect("a path item");
    for (method, like) in [("put", "post"), ("patch", "post"), ("head", "get"), ("options", "get"), ("trace", "get")] {
        let mut op = item[like].clone();
        op["operationId"] = json!(format!("Mut{method}CouponsCoupon"));
        item.insert(method.to_owned(), op);
    }

    // Spec text that would be code, HTML, a comment's end or a broken link, in every description.
    append_to_descriptions(tree, HOSTILE_TEXT);
}

/// Text no description may turn into a doctest, a broken doc comment or a warning of rustdoc.
const HOSTILE_TEXT: &str = "\n\n```rust\nfn main() { panic!(\"spec text ran as a doctest\") }\n```\n\n\
    ```\npanic!(\"an unnamed fence ran\");\n```\n\n    indented_code_ran();\n\n\
    <script>alert(1)</script> <div> */ /* \\ \\n \u{1b}[31m \r [Intra] [a](b) [`Path`] <https://x.example> `unclosed";

/// Appends `text` to every `description` of the tree.
fn append_to_descriptions(value: &mut Value, text: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match child {
                    Value::String(description) if key == "description" => description.push_str(text),
                    _ => append_to_descriptions(child, text),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| append_to_descriptions(item, text)),
        _ => {}
    }
}

/// Shapes no spec of ours has: multipart without files, binary JSON, nullable required fields,
/// one-member unions, objects without properties, moved resources, operations without
/// parameters, enums that lost or repeat values, operations on other hosts, and the v2 API of
/// later specs (JSON bodies, lists by `next_page_url`, a v1 namesake of a v2 resource).
fn reshape_everything(tree: &mut Value) {
    let v2: Value = serde_yaml::from_str(&read(&root().join(V2_API))).expect("the v2 fixture parses");
    for (path, item) in v2["paths"].as_object().expect("v2 paths") {
        paths(tree).insert(path.clone(), item.clone());
    }
    for (name, schema) in v2["components"]["schemas"].as_object().expect("v2 schemas") {
        schemas(tree).insert(name.clone(), schema.clone());
    }

    let mut notes = paths(tree)["/v1/files"].clone();
    notes.as_object_mut().expect("item").retain(|method, _| method == "post");
    notes["post"]["operationId"] = json!("MutPostFileNotes");
    let body = &mut notes["post"]["requestBody"]["content"]["multipart/form-data"]["schema"];
    body["properties"].as_object_mut().expect("properties").remove("file");
    body["required"] = json!(["purpose"]);
    paths(tree).insert("/v1/file_notes".into(), notes);
    paths(tree)["/v1/files"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]["required"] =
        json!(["purpose"]);

    paths(tree)["/v1/coupons/{coupon}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] =
        json!({ "type": "string", "format": "binary" });

    for name in ["customer", "invoice", "charge"] {
        let schema = &mut schemas(tree)[name];
        let required: Vec<String> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        for property in required {
            let slot = &mut schema["properties"][&property];
            if slot.get("$ref").is_some() {
                *slot = json!({ "anyOf": [slot.clone()], "nullable": true });
            } else {
                slot["nullable"] = json!(true);
            }
        }
    }
    let balance = &mut schemas(tree)["balance"]["properties"];
    for property in ["available", "pending", "livemode"] {
        balance[property] = json!({ "anyOf": [balance[property].clone()] });
    }

    schemas(tree)["discount"] = json!({ "type": "object", "description": "Shapeless now." });
    schemas(tree)["tax_code"] = json!({ "type": "object", "properties": {}, "additionalProperties": false });
    schemas(tree)["product"]["properties"]["package_dimensions"] = json!({ "type": "object", "nullable": true });

    for (old, new) in [("/v1/coupons", "/v1/billing/coupons"), ("/v1/coupons/{coupon}", "/v1/billing/coupons/{coupon}")]
    {
        let item = paths(tree).remove(old).expect("coupons");
        paths(tree).insert(new.into(), item);
    }
    schemas(tree)["coupon"]["x-stripeResource"] = json!({ "class_name": "Coupon", "in_package": "Billing" });
    for (old, new) in [
        ("/v1/tax_rates", "/v1/customers/tax_rates"),
        ("/v1/tax_rates/{tax_rate}", "/v1/customers/tax_rates/{tax_rate}"),
    ] {
        let item = paths(tree).remove(old).expect("tax rates");
        paths(tree).insert(new.into(), item);
    }

    for (path, method) in [("/v1/customers", "get"), ("/v1/customers", "post"), ("/v1/balance", "get")] {
        let operation = paths(tree)[path][method].as_object_mut().expect("operation");
        operation.remove("parameters");
        operation.remove("requestBody");
    }
    let delete = &mut paths(tree)["/v1/customers/{customer}"]["delete"];
    delete.as_object_mut().expect("operation").remove("requestBody");

    let status = &mut schemas(tree)["invoice"]["properties"]["status"];
    status["enum"] = json!(["draft", "draft", "open"]);
    schemas(tree)["charge"]["properties"]["status"]["enum"] = json!(["failed"]);
    schemas(tree)["payout"]["properties"]["status"]["enum"] = json!([]);

    share_through_components(tree);

    let files_host = json!([{ "url": "https://files.stripe.com/" }]);
    paths(tree)["/v1/files/{file}"]["get"]["servers"] = files_host.clone();
    paths(tree)["/v1/files"]["get"]["servers"] = files_host;
}

/// The invoice's path parameter declared once on its path item, and a request body, a response and
/// that parameter given by `$ref`s into `components`, as generators of other specs write them.
fn share_through_components(tree: &mut Value) {
    let item = paths(tree)["/v1/invoices/{invoice}"].as_object_mut().expect("invoice item");
    let mut shared = None;
    for operation in item.values_mut().filter_map(Value::as_object_mut) {
        if let Some(Value::Array(parameters)) = operation.get_mut("parameters") {
            let at = parameters.iter().position(|p| p["in"] == "path").expect("the path parameter");
            shared = Some(parameters.remove(at));
        }
    }
    item.insert("parameters".into(), json!([{ "$ref": "#/components/parameters/invoice" }]));
    let update = &mut item["post"];
    let body = std::mem::replace(&mut update["requestBody"], json!({ "$ref": "#/components/requestBodies/invoice" }));
    let retrieve = &mut item["get"]["responses"]["200"];
    let answer = std::mem::replace(retrieve, json!({ "$ref": "#/components/responses/invoice" }));
    let components = tree["components"].as_object_mut().expect("components");
    components.insert("parameters".into(), json!({ "invoice": shared.expect("a path parameter") }));
    components.insert("requestBodies".into(), json!({ "invoice": body }));
    components.insert("responses".into(), json!({ "invoice": answer }));
}

fn generate(name: &str, text: String) -> Vec<GeneratedFile> {
    codegen::generate(&[Source::new(name, text)], &standalone())
        .unwrap_or_else(|e| panic!("{name} does not generate: {e}"))
}

/// Writes the mutated spec under `target/unseen-specs/`, where a maintainer can look at it.
fn write_spec(name: &str, yaml: &str) -> PathBuf {
    let dir = root().join("target/unseen-specs");
    std::fs::create_dir_all(&dir).expect("target/unseen-specs");
    let spec = dir.join(format!("{name}.yaml"));
    std::fs::write(&spec, yaml).expect("writes the mutated spec");
    spec
}

/// Writes the crate with `cargo xtask generate` (as a maintainer would), then checks it.
fn assert_generates_a_crate_that_compiles(name: &str, spec: &Path) {
    let out = root().join("target/unseen-specs").join(name);
    let status = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "-p", "xtask", "--", "generate", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(&out)
        .args(["--runtime-path", "../../../runtime"])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo xtask generate failed on {name}");
    assert_manifest_is_relative(&out);
    assert_compiles(&out, &format!("the crate generated from {name}"));
}

fn assert_manifest_is_relative(out: &Path) {
    let manifest = read(&out.join("Cargo.toml"));
    let root_text = root().display().to_string();
    assert!(manifest.contains("path = \"../../../runtime\""), "{manifest}");
    let crates = std::fs::read_dir(out.join("crates")).expect("the crates under the facade");
    let below: Vec<String> = crates.flatten().map(|e| read(&e.path().join("Cargo.toml"))).collect();
    assert!(!below.is_empty(), "no crates under the facade");
    for manifest in below.iter().chain([&manifest]) {
        assert!(!manifest.contains(&root_text), "a manifest names this machine's path:\n{manifest}");
    }
    for manifest in &below {
        assert!(manifest.contains("path = \"../../../../../runtime\""), "{manifest}");
    }
}

#[test]
fn renamed_everything_generates_the_same_from_yaml_and_json_and_compiles() {
    let mut tree = full_spec();
    rename_everything(&mut tree);
    let yaml = serde_yaml::to_string(&tree).expect("YAML");
    let spec = write_spec("renamed", &yaml);
    let json = serde_json::to_string_pretty(&tree).expect("JSON");
    let from_yaml = generate("renamed", yaml.clone());
    let from_json = generate("renamed", json);
    assert!(from_yaml == from_json, "the YAML and JSON forms of one document give different output");
    assert_contains(
        &joined(&from_yaml),
        &[
            "pub struct ThreeDSecure ",
            "pub struct SelfType ",
            "pub struct Grosse ",
            "pub struct RiBen ",
            "pub struct Plus ",
            "pub struct FooBar ",
            "pub struct FooBar2 ",
            "pub struct FooBar3 ",
            "pub r#type: String",
            "pub three_d: String",
            "pub foo_bar_2: Option<String>",
            "pub new_2: String",
            "UnknownValue",
            "fn three_d_secure(&self)",
            "fn send_2(&self)",
            "pub fn new_2(",
            "Method::PUT",
            "Method::PATCH",
            "Method::HEAD",
            "Method::OPTIONS",
            "Method::TRACE",
            "```text",
        ],
    );
    let longest = from_yaml.iter().filter_map(|f| f.path.rsplit('/').next()).map(str::len).max().unwrap_or_default();
    assert!(longest <= codegen_file_name_limit(), "a file name of {longest} bytes");
    assert_generates_a_crate_that_compiles("renamed", &spec);
    // Its docs hold every kind of code block: none may run, and none may fail to build.
    let out = root().join("target/unseen-specs/renamed");
    workspace_tests::assert_doctests_pass(&out, "the renamed crate", &["webhook_endpoint", "coupon"]);
}

#[test]
fn reshaped_everything_compiles() {
    let mut tree = full_spec();
    reshape_everything(&mut tree);
    let yaml = serde_yaml::to_string(&tree).expect("YAML");
    let spec = write_spec("reshaped", &yaml);
    assert_contains(
        &joined(&generate("reshaped", yaml)),
        &[
            "\"/v1/file_notes\", params, Vec::new()",
            ".at_server(\"https://files.stripe.com\")",
            "-> Request<'a, Vec<u8>>",
            "pub fn tax_rates(&self)",
            "fn v2(&self) -> V2Api",
            "-> V2ListRequest<'a, (), V2CoreEvent>",
            "V2ListRequest::new(self.client, \"/v2/core/events\", ())",
            ".request_json(Method::POST, \"/v2/billing/meter_events\", params",
            ".request_json(Method::DELETE,",
            ".at_server(\"https://meter-events.stripe.com\")",
            "pub struct CreateBillingMeterEvent ",
            "pub struct CreateV2BillingMeterEvent ",
            "pub metadata: Option<BTreeMap<String, Clearable<String>>>",
            "\"card\" => decode_value(value).map(Self::Card),",
            "decode_by_object_impls!(PaymentSource);",
            ".request_json_bytes(Method::GET,",
            "pub fn update(&self, invoice: &str, params: &UpdateInvoice) -> Request<'a, Invoice>",
            "pub fn retrieve(&self, invoice: &str, params: &RetrieveInvoice",
        ],
    );
    assert_generates_a_crate_that_compiles("reshaped", &spec);
}

/// The longest file name the generator may write: a module name and `.rs`.
fn codegen_file_name_limit() -> usize {
    codegen::MAX_MODULE_LEN + ".rs".len() + "_99".len()
}

/// The generated text with all whitespace removed, so what tests look for does not depend on
/// where the printer breaks lines.
fn joined(files: &[GeneratedFile]) -> String {
    files.iter().flat_map(|f| f.contents.chars()).filter(|c| !c.is_whitespace()).collect()
}

fn assert_contains(api: &str, expected: &[&str]) {
    for text in expected {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(api.contains(&squeezed), "no `{text}` in the generated crate");
    }
}
