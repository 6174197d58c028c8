//! The generator at full scale: Stripe's complete 2023-09 spec becomes a crate that compiles.

use std::process::Command;

use codegen::Source;
use workspace_tests::{assert_compiles, assert_compiles_with_features, compiles_with_features, read, root, standalone};

const SPEC: &str = "tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml";

/// Stripe's fixture file of the same day: one object of each resource.
const FIXTURES: &str = "tests/fixtures/full-spec/stripe-fixtures3-2023-09-12.json";

fn source() -> Source {
    Source::new(SPEC, read(&root().join(SPEC)))
}

#[test]
fn every_operation_of_the_full_spec_is_generated() {
    let (files, report) = codegen::generate_with_report(&[source()], &standalone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.operations_in_spec, 468);
    // Nothing is skipped: anything the generator cannot express is an error, so this list is empty.
    assert_eq!(report.operations_generated, report.operations_in_spec, "operations not generated");
    assert!(files.len() > 800, "{} files", files.len());
}

#[test]
fn reading_the_full_spec_in_pieces_gives_the_one_pass_document() {
    let text = read(&root().join(SPEC));
    let whole: openapiv3::OpenAPI = serde_yaml::from_str(&text).expect("the spec parses");
    assert!(codegen::load::read_in_pieces(&text) == Some(whole), "the pieces differ from the one-pass document");
}

#[test]
fn reading_spec_upstream_in_pieces_gives_the_one_pass_tree() {
    let text = read(&root().join("spec/upstream/stripe.yaml"));
    let whole: serde_yaml::Value = serde_yaml::from_str(&text).expect("spec/upstream parses");
    assert!(codegen::load::tree_in_pieces(&text) == Some(whole), "the pieces differ from the one-pass tree");
}

#[test]
fn the_full_spec_crate_compiles() {
    let out = root().join("target/full-spec-crate");
    let status = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "-p", "xtask", "--", "generate", "--spec"])
        .arg(overridden("FULL_SPEC", SPEC))
        .arg("--out")
        .arg(&out)
        .args(["--runtime-path", "../../runtime"])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo xtask generate --spec failed");
    assert_compiles(&out, "the generated crate");

    // Each resource compiles on its own, with no other feature (each build compiles only what the
    // feature reaches: all of them together take about two full builds); so do the three of the
    // README together, and no feature at all.
    // The crates under the facade declare every feature plainly; the facade forwards them.
    let manifest = read(&out.join("crates/models/Cargo.toml"));
    let features: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_suffix(" = []"))
        .filter(|name| !name.contains(' ') && !["full", "test-util"].contains(name))
        .collect();
    assert!(features.len() > 100, "{} features in the manifest", features.len());
    for feature in ["customer", "payment_intent", "webhook_endpoint"] {
        assert!(features.contains(&feature), "no feature `{feature}`");
    }
    assert_compiles_with_features(&out, "the generated crate", &["customer", "payment_intent", "webhook_endpoint"]);
    assert_compiles_with_features(&out, "the generated crate", &[]);
    // Every response type's fixture, for users' tests, compiles; and Stripe's own objects decode.
    // The one build of the whole crate the suite makes.
    assert_stripe_fixtures_decode(&out, &overridden("STRIPE_FIXTURES", FIXTURES));
    let broken: Vec<String> = features
        .iter()
        .filter_map(|feature| compiles_with_features(&out, &[feature]).err().map(|e| format!("`{feature}`:\n{e}")))
        .collect();
    assert!(broken.is_empty(), "features that do not compile on their own:\n{}", broken.join("\n\n"));
}

/// A crate generated outside the repository names the runtime by version only, and its whole
/// workspace packages for a registry. The runtime is not on crates.io yet, so the test puts the
/// runtime's own package (as `cargo package` makes it) in the crate's workspace, where cargo's
/// packaging finds it, and patches crates.io with it. Packaging does not build again: the same
/// generator output compiles in `the_full_spec_crate_compiles`.
#[test]
fn the_full_spec_crate_generated_outside_the_repository_packages() {
    let out = std::env::temp_dir().join(format!("stripe-generated-package-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let target = root().join("target/full-spec-target");
    // Packaging builds nothing: its files go to the target directory of the generated crates.
    let cargo = |dir: &std::path::Path, args: &[&str]| {
        let mut command = Command::new(env!("CARGO"));
        command.current_dir(dir).args(args);
        if args[0] == "package" {
            command.env("CARGO_TARGET_DIR", &target);
        }
        let output = command.output().expect("cargo runs");
        assert!(output.status.success(), "cargo {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    };
    cargo(
        &root(),
        &["run", "--quiet", "-p", "xtask", "--", "generate", "--spec", SPEC, "--out", &out.display().to_string()],
    );
    let facade = read(&out.join("Cargo.toml"));
    let by_version = format!(
        "{} = {{ version = \"{}\", default-features = false }}",
        codegen::RUNTIME_CRATE,
        codegen::RUNTIME_VERSION
    );
    assert!(facade.contains(&by_version), "{facade}");

    cargo(&root(), &["package", "--quiet", "--no-verify", "--allow-dirty", "-p", codegen::RUNTIME_CRATE]);
    let name = format!("{}-{}", codegen::RUNTIME_CRATE, codegen::RUNTIME_VERSION);
    let vendor = out.join("vendor");
    std::fs::create_dir_all(&vendor).expect("vendor directory");
    let unpacked = Command::new("tar")
        .arg("xzf")
        .arg(target.join(format!("package/{name}.crate")))
        .arg("-C")
        .arg(&vendor)
        .status()
        .expect("tar runs");
    assert!(unpacked.success(), "the runtime's package does not unpack");
    let manifest = facade.replace("members = [", &format!("members = [\"vendor/{name}\", "))
        + &format!("\n[patch.crates-io]\n{} = {{ path = \"vendor/{name}\" }}\n", codegen::RUNTIME_CRATE);
    std::fs::write(out.join("Cargo.toml"), manifest).expect("the facade's manifest");
    cargo(&out, &["package", "--quiet", "--workspace", "--no-verify", "--allow-dirty"]);

    // What a registry would receive names the runtime by version, not by a path of this machine.
    let packaged = Command::new("tar")
        .arg("xzOf")
        .arg(target.join("package/stripe-generated-0.1.0.crate"))
        .arg("stripe-generated-0.1.0/Cargo.toml")
        .output()
        .expect("tar runs");
    let packaged = String::from_utf8_lossy(&packaged.stdout);
    let dependency = packaged.split(&format!("[dependencies.{}]", codegen::RUNTIME_CRATE)).nth(1).unwrap_or_default();
    let dependency = dependency.split("\n[").next().unwrap_or_default();
    assert!(dependency.contains(&format!("version = \"{}\"", codegen::RUNTIME_VERSION)), "{packaged}");
    assert!(!dependency.contains("path"), "{packaged}");
    let _ = std::fs::remove_dir_all(&out);
}

/// The file the environment variable `name` names, or the repository's own `path`: the spec and
/// fixture files of other days can be tried with `FULL_SPEC=<spec> STRIPE_FIXTURES=<fixtures>
/// cargo test -p workspace-tests --test full_spec the_full_spec_crate_compiles`.
fn overridden(name: &str, path: &str) -> std::path::PathBuf {
    std::env::var_os(name).map(std::path::PathBuf::from).unwrap_or_else(|| root().join(path))
}

/// Runs `decode_fixtures.rs` in the crate generated into `out`, with every feature and the
/// fixtures: each object of `fixtures` decodes into its type by its tag, deleted forms included.
/// Built without debug info, which the build does not need and which doubles its time.
fn assert_stripe_fixtures_decode(out: &std::path::Path, fixtures: &std::path::Path) {
    let tests = out.join("tests");
    std::fs::create_dir_all(&tests).expect("the generated crate's tests directory");
    std::fs::write(tests.join("stripe_fixtures.rs"), read(&root().join("tests/fixtures/full-spec/decode_fixtures.rs")))
        .expect("the fixtures test");
    let output = Command::new(env!("CARGO"))
        .current_dir(out)
        .args(["test", "--quiet", "--test", "stripe_fixtures", "--no-default-features", "--features", "full,test-util"])
        .env("CARGO_TARGET_DIR", root().join("target/full-spec-target"))
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("STRIPE_FIXTURES", fixtures)
        .output()
        .expect("cargo runs");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).lines().take(120).collect::<Vec<_>>().join("\n");
    assert!(
        output.status.success(),
        "the crate generated from the complete spec does not decode Stripe's fixtures:\n{}\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}
