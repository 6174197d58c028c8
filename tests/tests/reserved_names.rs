//! A schema may be named like anything a generated file imports or the generator defines: every
//! such name (the runtime's exports, read from its own root, and std's, serde's and the
//! generator's) as a schema, and as the answer of an operation, still makes a crate that compiles.

use std::process::Command;

use workspace_tests::{assert_compiles, root};

/// A spec with one schema per reserved name, each the answer of an operation of its own.
fn reserved_spec() -> String {
    let names = codegen::lower::reserved::reserved_names();
    let mut paths = String::new();
    let mut schemas = String::new();
    for (index, name) in names.iter().enumerate() {
        paths.push_str(&format!(
            "  /v1/reserved_{index}:\n    get:\n      operationId: GetReserved{index}\n      responses:\n        \
             '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/{name}'}}}}}}}}\n"
        ));
        schemas.push_str(&format!(
            "    {name}:\n      type: object\n      description: Named like `{name}`.\n      properties:\n        \
             id: {{type: string}}\n        object: {{type: string, enum: [{}]}}\n      x-resourceId: {}\n",
            name.to_lowercase(),
            name.to_lowercase()
        ));
    }
    format!("openapi: 3.0.0\ninfo: {{title: reserved, version: '2026-01-01'}}\npaths:\n{paths}components:\n  schemas:\n{schemas}")
}

#[test]
fn schemas_named_like_every_reserved_name_make_a_crate_that_compiles() {
    let names = codegen::lower::reserved::reserved_names();
    for export in ["Client", "Fixture", "DecodeFields", "EventObjectKind", "Deserialize", "StripeApi"] {
        assert!(names.iter().any(|n| n == export), "`{export}` is not reserved");
    }
    let dir = root().join("target/reserved-names");
    std::fs::create_dir_all(&dir).expect("target/reserved-names");
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, reserved_spec()).expect("the spec");
    let out = dir.join("crate");
    let status = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "-p", "xtask", "--", "generate", "--spec"])
        .arg(&spec)
        .arg("--out")
        .arg(&out)
        .args(["--runtime-path", "../../../runtime"])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "generate failed");
    assert_compiles(&out, "the crate of reserved names");
}
