//! The generated output: snapshots per construct and of `spec/`, determinism, and freshness of
//! the committed client.

use codegen::{EmitOptions, GeneratedFile, Source};
use workspace_tests::{generate_spec, read, root};

fn joined(files: &[GeneratedFile]) -> String {
    files.iter().map(|f| format!("==> {}\n{}", f.path, f.contents)).collect::<Vec<_>>().join("\n")
}

fn generate_fixture(name: &str) -> Result<Vec<GeneratedFile>, codegen::Error> {
    let path = root().join("tests/fixtures/constructs").join(format!("{name}.yaml"));
    codegen::generate(&[Source::new(format!("{name}.yaml"), read(&path))], &EmitOptions::default())
}

macro_rules! construct_snapshot {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            let output = match generate_fixture(stringify!($name)) {
                Ok(files) => joined(&files),
                Err(error) => format!("error: {error}"),
            };
            insta::assert_snapshot!(concat!("construct_", stringify!($name)), output);
        }
    )*};
}

construct_snapshot!(
    open_enum,
    nullable,
    expandable,
    unsettable,
    deleted,
    list,
    decimal_timestamp_map,
    keywords,
    name_collision,
    hosts_search_multipart
);

#[test]
fn spec_files() {
    for file in generate_spec() {
        let name = format!("spec__{}", file.path.replace('/', "__").trim_end_matches(".rs"));
        insta::assert_snapshot!(name, file.contents);
    }
}

#[test]
fn two_runs_give_identical_bytes() {
    assert_eq!(generate_spec(), generate_spec());
}

#[test]
fn committed_client_is_fresh() {
    let dir = root().join("generated-client/src/generated");
    let mut stale = Vec::new();
    for file in generate_spec() {
        let current = std::fs::read_to_string(dir.join(&file.path)).unwrap_or_default();
        if current != file.contents {
            stale.push(file.path);
        }
    }
    assert!(stale.is_empty(), "stale generated files (run `cargo xtask generate`): {stale:?}");
}
