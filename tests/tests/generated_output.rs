//! The generated output: snapshots per construct, the public API surface of `spec/`'s client,
//! determinism, and freshness of the committed client (whose files are the one golden copy of
//! the generated code: they are not snapshotted again).

use codegen::{GeneratedFile, Settings, Source};
use workspace_tests::{generate_spec, read, root};

fn joined(files: &[GeneratedFile]) -> String {
    files.iter().map(|f| format!("==> {}\n{}", f.path, f.contents)).collect::<Vec<_>>().join("\n")
}

fn generate_fixture(name: &str) -> Result<Vec<GeneratedFile>, codegen::Error> {
    let path = root().join("tests/fixtures/constructs").join(format!("{name}.yaml"));
    codegen::generate(&[Source::new(format!("{name}.yaml"), read(&path))], &Settings::default())
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

/// Every type, field, variant and method signature of the client, one line each: API changes at
/// a glance, without reading the code diff.
#[test]
fn api_surface() {
    let surface = xtask::generate::spec_surface().unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("api_surface", surface);
}

#[test]
fn two_runs_give_identical_bytes() {
    assert_eq!(generate_spec(), generate_spec());
}

/// The same check as `cargo xtask generate --check`: changed, missing and extra files.
#[test]
fn committed_client_is_fresh() {
    if let Err(error) = xtask::generate::check_committed() {
        panic!("{error}");
    }
}
