//! The generated output: snapshots per construct, the public API surface of `spec/`'s client,
//! determinism, and freshness of the committed client (whose files are the one golden copy of
//! the generated code: they are not snapshotted again).

use codegen::{GeneratedFile, Source};
use workspace_tests::{assert_compiles, assert_compiles_with_features, generate_spec, read, root, standalone};

fn joined(files: &[GeneratedFile]) -> String {
    files.iter().map(|f| format!("==> {}\n{}", f.path, f.contents)).collect::<Vec<_>>().join("\n")
}

/// A construct fixture's output, as a standalone crate on the runtime would hold it.
fn generate_fixture(name: &str) -> Result<Vec<GeneratedFile>, codegen::Error> {
    let path = root().join("tests/fixtures/constructs").join(format!("{name}.yaml"));
    codegen::generate(&[Source::new(format!("{name}.yaml"), read(&path))], &standalone())
}

macro_rules! construct_snapshots {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let output = match generate_fixture(stringify!($name)) {
                    Ok(files) => joined(&files),
                    Err(error) => format!("error: {error}"),
                };
                insta::assert_snapshot!(concat!("construct_", stringify!($name)), output);
            }
        )*

        /// Every construct fixture, for the test that compiles their outputs.
        const CONSTRUCTS: &[&str] = &[$(stringify!($name)),*];
    };
}

construct_snapshots!(
    open_enum,
    nullable,
    expandable,
    unsettable,
    deleted,
    list,
    decimal_timestamp_map,
    keywords,
    name_collision,
    hosts_search_multipart,
    open_object
);

/// The outputs the construct snapshots show are Rust that compiles, with `-D warnings`: one crate
/// on the runtime with a module per construct.
#[test]
fn construct_outputs_compile() {
    let dir = root().join("target/construct-crate");
    let _ = std::fs::remove_dir_all(dir.join("src"));
    let mut lib = String::from("//! The output of every construct fixture, as its snapshot shows it.\n");
    for name in CONSTRUCTS {
        let files = generate_fixture(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        for file in files {
            let path = dir.join("src").join(name).join(&file.path);
            std::fs::create_dir_all(path.parent().unwrap_or(&dir)).expect("a module directory");
            std::fs::write(&path, file.contents).expect("a module file");
        }
        lib.push_str(&format!("pub mod {name};\n"));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).expect("lib.rs");
    let manifest = format!(
        "[package]\nname = \"constructs\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{}serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
         [features]\ntest-util = []\n\n[workspace]\n",
        workspace_tests::runtime_dependency()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("Cargo.toml");
    assert_compiles(&dir, "the construct outputs");
    // Their fixtures, for users' tests, too.
    assert_compiles_with_features(&dir, "the construct outputs", &["test-util"]);
}

/// Every type, field, variant and method signature of the client, one line each: API changes at
/// a glance, without reading the code diff.
#[test]
fn api_surface() {
    let surface = xtask::generate::spec_surface().unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("api_surface", surface);
}

/// The surface is rendered by emit's own functions; this holds it to the code emit writes: every
/// field it lists is declared with that type, every method returns what it says.
#[test]
fn api_surface_says_what_the_code_declares() {
    let surface = xtask::generate::spec_surface().unwrap_or_else(|e| panic!("{e}"));
    let code: String = generate_spec().iter().map(|f| f.contents.as_str()).collect();
    // Long declarations are wrapped (with a trailing comma in `<..>`): compared without either.
    let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace(",>", ">");
    let mut checked = 0;
    for line in surface.lines() {
        if let Some((field, ty)) = line.strip_prefix("  ").and_then(|l| l.split_once(": ")) {
            let Some((_, field)) = field.split_once('.') else { continue };
            let ty = ty.trim_end_matches(" [redacted in Debug]");
            let declared = format!("pub {field}: {ty},");
            let squeezed_declared: String = declared.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(squeezed.contains(&squeezed_declared), "the surface says `{line}`, the code has no `{declared}`");
            checked += 1;
        } else if let Some((call, returns)) = line.strip_prefix("client.").and_then(|l| l.split_once(" -> ")) {
            // `climate().orders().cancel(order: &str, ..)`: the accessors end in `()`.
            let method = call.rsplit_once("().").map_or(call, |(_, m)| m).split('(').next().unwrap_or_default();
            let returns = returns.split(" [").next().unwrap_or_default();
            let (request, args) = returns.split_once('<').unwrap_or((returns, ""));
            let signature: String = format!("{request}<'a,{args}{{").chars().filter(|c| !c.is_whitespace()).collect();
            let declared = squeezed.match_indices(&format!("pubfn{method}(&self")).any(|(at, _)| {
                let after = &squeezed[at..];
                after.find(")->").is_some_and(|arrow| after[arrow + 3..].starts_with(&signature))
            });
            assert!(declared, "the surface says `{line}`, no `{method}` of the code returns `{signature}`");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} surface lines were checked");
}

/// Lowering keeps the generator's own names free (`codegen::ir::root_names`); these are the
/// names emit writes, so the two cannot drift apart.
#[test]
fn emit_writes_the_names_lowering_keeps_free() {
    use codegen::ir::root_names::{
        API_MODULE, API_TRAIT, API_VERSION, EVENT_OBJECT, EVENT_OBJECT_MODULE, UNDECODABLE, UNKNOWN,
    };
    let files = generate_spec();
    let code = joined(&files);
    for declared in [
        format!("pub trait {API_TRAIT} {{"),
        format!("pub enum {EVENT_OBJECT} {{"),
        format!("pub const {API_VERSION}: &str"),
        format!("    {UNDECODABLE} {{"),
        format!("    {UNKNOWN}(String),"),
        format!("    {UNKNOWN}(serde_json::Value),"),
    ] {
        assert!(code.contains(&declared), "the generated code declares no `{declared}`");
    }
    for file in [format!("{EVENT_OBJECT_MODULE}.rs"), format!("{API_MODULE}/mod.rs")] {
        assert!(files.iter().any(|f| f.path == file), "no `{file}` among {:?}", files.iter().map(|f| &f.path));
    }
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

/// A split output: every file in one crate, each crate's `api/mod.rs` declaring exactly the files
/// under its `api/`, and the report naming exactly the crates the files are in. (That the crates
/// compile, each needing only its own files and the models, the full-spec and unseen-spec tests
/// check.)
#[test]
fn a_split_output_places_every_file_in_one_crate() {
    let split = codegen::CrateSplit { package: "stripe-generated".into(), services_crates: 4 };
    let settings =
        codegen::Settings { resource_features: true, packaging: codegen::Packaging::Crates(split), ..standalone() };
    let (files, report) = codegen::generate_with_report(&workspace_tests::spec_sources(), &settings)
        .unwrap_or_else(|e| panic!("spec/ does not generate split: {e}"));
    let dirs: Vec<&str> = report.crates.iter().map(|c| c.dir.as_str()).collect();
    assert_eq!(dirs.first(), Some(&"crates/models"), "{dirs:?}");
    assert!(dirs.len() >= 2 && dirs.len() <= 5, "a models crate and one to four services crates: {dirs:?}");

    let crate_of = |path: &str| dirs.iter().find(|d| path.starts_with(&format!("{d}/"))).copied();
    for file in &files {
        let in_facade = matches!(file.path.as_str(), "src/lib.rs" | "src/api.rs");
        assert!(in_facade || crate_of(&file.path).is_some(), "{} is in no crate", file.path);
    }
    for dir in &dirs {
        assert!(files.iter().any(|f| f.path == format!("{dir}/src/lib.rs")), "{dir} has no lib.rs");
        let api_files: Vec<String> = files
            .iter()
            .filter_map(|f| f.path.strip_prefix(&format!("{dir}/src/generated/api/")))
            .filter(|name| *name != "mod.rs")
            .map(|name| name.trim_end_matches(".rs").to_owned())
            .collect();
        let api_mod = files.iter().find(|f| f.path == format!("{dir}/src/generated/api/mod.rs"));
        let declared: Vec<String> = api_mod
            .map(|f| {
                f.contents
                    .lines()
                    .filter_map(|l| l.strip_prefix("mod "))
                    .map(|m| m.trim_end_matches(';').to_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(declared, api_files, "what {dir}/src/generated/api/mod.rs declares");
        if dir.starts_with("crates/services-") {
            assert!(!api_files.is_empty(), "{dir} holds no operations");
        }
    }
    let facade = files.iter().find(|f| f.path == "src/lib.rs").map(|f| f.contents.as_str()).unwrap_or_default();
    for krate in &report.crates {
        assert!(facade.contains(&format!("pub use {}::*;", krate.package.replace('-', "_"))), "{facade}");
    }
}
